//! One page's items to its content stream, written once: the shapes
//! first, then one text object, every piece marked as the structure
//! element it belongs to (`/P <</MCID 3>> BDC … EMC`) or as an artifact;
//! plus what the finishing step needs of the page: the element of each
//! marked-content ID, the link areas, the named places and the extent of
//! each figure.

use std::collections::BTreeMap;

use super::content::Content;
use super::embed::Plan;
use crate::layout::{Artifact, GlyphRun, Item, LinkTarget, NodeId, Page, PlacedGlyph, Tag, Tree};
use crate::model::Rgb;
use crate::text::{FaceId, FontSet};

/// A link area in PDF coordinates (x0, y0, x1, y1), where it goes and
/// its Link element.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkArea {
    pub rect: [f32; 4],
    pub target: LinkTarget,
    pub node: Option<NodeId>,
}

/// A page, written.
#[derive(Debug, Clone, Default)]
pub struct PageOut {
    pub content: Vec<u8>,
    /// The element each marked-content ID of the page belongs to, by ID.
    pub mcids: Vec<NodeId>,
    pub links: Vec<LinkArea>,
    /// Named places (a note, a note's first reference), PDF coordinates.
    pub anchors: Vec<(String, f32, f32)>,
    /// What each element drew on the page: its extent (x0, y0, x1, y1).
    pub extents: BTreeMap<NodeId, [f32; 4]>,
    /// The text each link element shows on the page.
    pub link_text: BTreeMap<NodeId, String>,
}

/// The resource name of a face's font.
pub fn resource(face: FaceId) -> String {
    format!("F{}", face.0)
}

/// Writes a page.
pub fn write(page: &Page, tree: &Tree, plan: &Plan, fonts: &FontSet) -> PageOut {
    let glyphs: usize = page
        .items
        .iter()
        .map(|i| match i {
            Item::Text(r) => r.glyphs.len(),
            _ => 4,
        })
        .sum();
    let mut w = Writer {
        c: Content::with_capacity(64 + glyphs * 6),
        out: PageOut::default(),
        tree,
        plan,
        fonts,
        height: page.height,
        open: None,
        fill: None,
        stroke: None,
        line_width: None,
        round_join: false,
        font: None,
        scale: 1.0,
        tracking: 0.0,
        line: (0, 0),
    };
    for it in &page.items {
        w.shape(it);
    }
    w.close();
    w.c.op("BT");
    let mut pending: Option<GlyphRun> = None;
    for it in &page.items {
        let Item::Text(run) = it else { continue };
        if run.glyphs.is_empty() {
            continue;
        }
        // Runs that continue the previous one (same face, size, colour,
        // scaling, spacing, element and baseline: the words of a line)
        // share its TJ.
        if let Some(prev) = pending.as_mut() {
            if continues(prev, run) {
                let dx = run.x - prev.x;
                prev.glyphs.extend(run.glyphs.iter().map(|g| PlacedGlyph {
                    id: g.id,
                    x: g.x + dx,
                    text: g.text.clone(),
                }));
                prev.width = dx + run.width;
                continue;
            }
        }
        if let Some(prev) = pending.take() {
            w.text(&prev);
        }
        pending = Some(run.clone());
    }
    if let Some(prev) = pending.take() {
        w.text(&prev);
    }
    w.close();
    w.c.op("ET");
    let h = page.height;
    for it in &page.items {
        match it {
            Item::Link {
                x,
                y,
                w: lw,
                h: lh,
                target,
                node,
            } => w.out.links.push(LinkArea {
                rect: [*x, h - y - lh, x + lw, h - y],
                target: target.clone(),
                node: *node,
            }),
            Item::Anchor { name, x, y } => w.out.anchors.push((name.clone(), *x, h - y)),
            _ => {}
        }
    }
    w.out.content = w.c.bytes;
    w.out
}

fn continues(prev: &GlyphRun, run: &GlyphRun) -> bool {
    prev.face == run.face
        && prev.size == run.size
        && prev.color == run.color
        && prev.hscale == run.hscale
        && prev.tracking == run.tracking
        && prev.tag == run.tag
        && prev.y == run.y
        && run.x + run.glyphs[0].x >= prev.x + prev.width - 0.01
}

struct Writer<'a> {
    c: Content,
    out: PageOut,
    tree: &'a Tree,
    plan: &'a Plan<'a>,
    fonts: &'a FontSet,
    height: f32,
    /// The marked-content sequence open now.
    open: Option<Tag>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    line_width: Option<f32>,
    round_join: bool,
    font: Option<(FaceId, f32)>,
    scale: f32,
    tracking: f32,
    /// The text line's origin, in thousandths of a point.
    line: (i64, i64),
}

impl Writer<'_> {
    /// Opens the marked-content sequence for `tag` unless it is open.
    fn mark(&mut self, tag: Tag) {
        if self.open == Some(tag) {
            return;
        }
        self.close();
        match tag {
            Tag::Node(n) => {
                let mcid = self.out.mcids.len();
                self.out.mcids.push(n);
                let role = self.tree.get(n).role.name();
                self.c
                    .raw("/")
                    .raw(role)
                    .raw(" <</MCID ")
                    .raw(&mcid.to_string())
                    .op(">> BDC");
            }
            Tag::Artifact(Artifact::Header) => {
                self.c
                    .op("/Artifact <</Type /Pagination /Subtype /Header>> BDC");
            }
            Tag::Artifact(Artifact::Footer) => {
                self.c
                    .op("/Artifact <</Type /Pagination /Subtype /Footer>> BDC");
            }
            // Layout decoration; an untagged item (a layout bug the tests
            // catch) is at least not content.
            Tag::Artifact(Artifact::Layout) | Tag::Unset => {
                self.c.op("/Artifact BMC");
            }
        }
        self.open = Some(tag);
    }

    fn close(&mut self) {
        if self.open.take().is_some() {
            self.c.op("EMC");
        }
    }

    /// Grows the element's extent on this page by a box (y up).
    fn extent(&mut self, tag: Tag, b: [f32; 4]) {
        let Tag::Node(n) = tag else { return };
        let e = self.out.extents.entry(n).or_insert(b);
        *e = [
            e[0].min(b[0]),
            e[1].min(b[1]),
            e[2].max(b[2]),
            e[3].max(b[3]),
        ];
    }

    fn set_fill(&mut self, c: Rgb) {
        if self.fill != Some(c) {
            self.c.rgb((c.0, c.1, c.2), "rg");
            self.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, c: Rgb, width: f32) {
        if self.stroke != Some(c) {
            self.c.rgb((c.0, c.1, c.2), "RG");
            self.stroke = Some(c);
        }
        if self.line_width != Some(width) {
            self.c.num(f64::from(width)).op("w");
            self.line_width = Some(width);
        }
    }

    /// A shape: fills, rules and paths, in PDF coordinates.
    fn shape(&mut self, it: &Item) {
        let h = self.height;
        let pt = |c: &mut Content, x: f32, y: f32, op: &str| {
            c.num(f64::from(x)).num(f64::from(h - y)).op(op);
        };
        match it {
            Item::Rect {
                x,
                y,
                w,
                h: rh,
                fill,
                tag,
            } => {
                self.mark(*tag);
                self.extent(*tag, [*x, h - y - rh, x + w, h - y]);
                self.set_fill(*fill);
                self.c
                    .nums(&[
                        f64::from(*x),
                        f64::from(h - y - rh),
                        f64::from(*w),
                        f64::from(*rh),
                    ])
                    .op("re f");
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
                tag,
            } => {
                self.mark(*tag);
                self.extent(
                    *tag,
                    [x1.min(*x2), h - y1.max(*y2), x1.max(*x2), h - y1.min(*y2)],
                );
                self.set_stroke(*color, *width);
                pt(&mut self.c, *x1, *y1, "m");
                pt(&mut self.c, *x2, *y2, "l S");
            }
            Item::Path {
                points,
                width,
                stroke,
                fill,
                tag,
            } => {
                let Some(&(fx, fy)) = points.first() else {
                    return;
                };
                self.mark(*tag);
                let (mut b0, mut b1) = ((fx, fy), (fx, fy));
                for &(x, y) in points {
                    b0 = (b0.0.min(x), b0.1.min(y));
                    b1 = (b1.0.max(x), b1.1.max(y));
                }
                self.extent(*tag, [b0.0, h - b1.1, b1.0, h - b0.1]);
                if let Some(f) = fill {
                    self.set_fill(*f);
                    pt(&mut self.c, fx, fy, "m");
                    for &(x, y) in &points[1..] {
                        pt(&mut self.c, x, y, "l");
                    }
                    self.c.op("h f");
                }
                if let Some(s) = stroke {
                    self.set_stroke(*s, *width);
                    if !self.round_join {
                        self.c.op("1 j");
                        self.round_join = true;
                    }
                    pt(&mut self.c, fx, fy, "m");
                    for &(x, y) in &points[1..] {
                        pt(&mut self.c, x, y, "l");
                    }
                    self.c.op("S");
                }
            }
            Item::Text(_) | Item::Link { .. } | Item::Anchor { .. } => {}
        }
    }

    /// One (merged) run: state changes, its position, its glyphs.
    fn text(&mut self, run: &GlyphRun) {
        let Some(face_plan) = self.plan.faces.get(&run.face) else {
            return;
        };
        self.mark(run.tag);
        let top = self.height - run.y;
        self.extent(
            run.tag,
            [
                run.x,
                top - run.size * 0.25,
                run.x + run.width,
                top + run.size * 0.8,
            ],
        );
        if let Tag::Node(n) = run.tag {
            if self.tree.get(n).role.is_inline() {
                let t = self.out.link_text.entry(n).or_default();
                t.extend(run.glyphs.iter().map(|g| g.text.as_str()));
            }
        }
        self.set_fill(run.color);
        if self.font != Some((run.face, run.size)) {
            self.c
                .raw("/")
                .raw(&resource(run.face))
                .raw(" ")
                .num(f64::from(run.size))
                .op("Tf");
            self.font = Some((run.face, run.size));
        }
        if self.scale != run.hscale {
            self.c.num(f64::from(run.hscale) * 100.0).op("Tz");
            self.scale = run.hscale;
        }
        if self.tracking != run.tracking {
            self.c.num(f64::from(run.tracking)).op("Tc");
            self.tracking = run.tracking;
        }
        let milli = |v: f32| (f64::from(v) * 1000.0).round() as i64;
        let (x, y) = (milli(run.x + run.glyphs[0].x), milli(top));
        self.c
            .num((x - self.line.0) as f64 / 1000.0)
            .num((y - self.line.1) as f64 / 1000.0)
            .op("Td");
        self.line = (x, y);
        let face = self.fonts.get(run.face);
        let glyphs = adjustments(run, face, &face_plan.codes);
        // Letters spaced apart read as letters to a text extractor (which
        // takes the spacing off each glyph's width): a spaced label says
        // what it spells.
        let spaced = run.tracking >= SPACED_LABEL * run.size;
        if spaced {
            let text: String = run.glyphs.iter().map(|g| g.text.as_str()).collect();
            self.c
                .raw("/Span <</ActualText ")
                .raw(&utf16_hex(text.trim_end()))
                .op(">> BDC");
        }
        self.c.show(&glyphs);
        if spaced {
            self.c.op("EMC");
        }
    }
}

/// Letter-spacing, in em, from which a run carries its text as
/// `ActualText`: poppler splits words at gaps over 0.1 em, and the
/// labels are spaced 0.08–0.1 em; a justified line's last-resort
/// spacing (at most 0.02 em) never splits a word.
const SPACED_LABEL: f32 = 0.05;

/// A text string as hex UTF-16BE with its byte-order mark: ASCII in the
/// stream, whatever the text.
fn utf16_hex(text: &str) -> String {
    let mut out = String::from("<FEFF");
    for u in text.encode_utf16() {
        out.push_str(&format!("{u:04X}"));
    }
    out.push('>');
    out
}

/// A glyph's advance in font units.
fn advance(face: &crate::text::fonts::Face, gid: u16) -> u16 {
    face.rb
        .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid))
        .unwrap_or(0)
}

/// A run's glyphs, numbered as in the subset, with the TJ adjustments
/// that put each at its layout position. The viewer advances by the
/// font's /W width plus the character spacing, scaled by Tz; each glyph
/// carries the difference to the next glyph's place, in whole
/// thousandths of an em (0.01 pt at 10 pt) with the error carried on, so
/// nothing drifts and most glyphs need none.
fn adjustments(
    run: &GlyphRun,
    face: &crate::text::fonts::Face,
    codes: &super::embed::FaceCodes,
) -> Vec<(u16, i32)> {
    let upm = face.units_per_em;
    let n = run.glyphs.len();
    let mut drift = 0.0f32;
    run.glyphs
        .iter()
        .enumerate()
        .map(|(i, g)| {
            // The width printpdf writes in /W: whole thousandths.
            let w1000 = (f32::from(advance(face, g.id)) * 1000.0 / upm) as i64 as f32;
            let adjust = if i + 1 < n {
                let dx = run.glyphs[i + 1].x - g.x;
                let pen = (dx / run.hscale - run.tracking) * 1000.0 / run.size;
                drift += w1000 - pen;
                let whole = drift.round();
                drift -= whole;
                whole as i32
            } else {
                0
            };
            (codes.code(g.id, &g.text), adjust)
        })
        .collect()
}

/// The page where the last 47% of the glyphs begin, so two cores share
/// the writing evenly.
pub fn halfway(pages: &[Page]) -> usize {
    let weight = |p: &Page| -> usize {
        p.items
            .iter()
            .map(|i| match i {
                Item::Text(r) => r.glyphs.len(),
                _ => 1,
            })
            .sum()
    };
    let total: usize = pages.iter().map(weight).sum();
    let mut acc = 0;
    for (i, p) in pages.iter().enumerate() {
        if acc * 100 >= total * 53 && i > 0 {
            return i;
        }
        acc += weight(p);
    }
    pages.len()
}
