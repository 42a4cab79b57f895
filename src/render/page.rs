//! One page's items to its content stream, written once: the shapes
//! first, then one text object, every piece marked as the structure
//! element it belongs to (`/P <</MCID 3>> BDC … EMC`) or as an artifact;
//! plus what the finishing step needs of the page: the element of each
//! marked-content ID, the link areas, the named places, the images drawn
//! and the extent of each figure.

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
    /// The images the page draws, by resource name, in order of first use.
    pub images: Vec<String>,
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

pub(super) struct Writer<'a> {
    pub(super) c: Content,
    pub(super) out: PageOut,
    pub(super) tree: &'a Tree,
    pub(super) plan: &'a Plan<'a>,
    pub(super) fonts: &'a FontSet,
    pub(super) height: f32,
    /// The marked-content sequence open now.
    pub(super) open: Option<Tag>,
    pub(super) fill: Option<Rgb>,
    pub(super) stroke: Option<Rgb>,
    pub(super) line_width: Option<f32>,
    pub(super) round_join: bool,
    pub(super) font: Option<(FaceId, f32)>,
    pub(super) scale: f32,
    pub(super) tracking: f32,
    /// The text line's origin, in thousandths of a point.
    pub(super) line: (i64, i64),
}

impl Writer<'_> {
    /// Opens the marked-content sequence for `tag` unless it is open.
    pub(super) fn mark(&mut self, tag: Tag) {
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
    pub(super) fn extent(&mut self, tag: Tag, b: [f32; 4]) {
        let Tag::Node(n) = tag else { return };
        let e = self.out.extents.entry(n).or_insert(b);
        *e = [
            e[0].min(b[0]),
            e[1].min(b[1]),
            e[2].max(b[2]),
            e[3].max(b[3]),
        ];
    }

    pub(super) fn set_fill(&mut self, c: Rgb) {
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
            Item::Image {
                x,
                y,
                w,
                h: ih,
                image,
                tag,
            } => {
                self.mark(*tag);
                let b = [*x, h - y - ih, x + w, h - y];
                self.extent(*tag, b);
                let name = self.plan.images.name_of(image);
                // The image's unit square scaled to its box.
                self.c
                    .op("q")
                    .nums(&[f64::from(*w), 0.0, 0.0, f64::from(*ih)])
                    .nums(&[f64::from(b[0]), f64::from(b[1])])
                    .op("cm")
                    .raw("/")
                    .raw(&name)
                    .op(" Do")
                    .op("Q");
                if !self.out.images.contains(&name) {
                    self.out.images.push(name);
                }
            }
            Item::Text(_) | Item::Link { .. } | Item::Anchor { .. } => {}
        }
    }
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
