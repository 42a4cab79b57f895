//! A page's items to its content stream: the vector graphics first, then
//! all text in one text object. Glyph runs on one baseline in one font
//! share a `TJ` array; each glyph lands where layout put it, to 1/1000 em,
//! with an adjustment only where the font's own advance would put it
//! elsewhere (kerning, justified spaces, tracking). Numbers carry two
//! decimals (1/7200 inch), colours three.

use std::collections::BTreeMap;
use std::io::Write as _;

use super::write::{literal_bytes, num, num_sp};
use crate::layout::{GlyphRun, Item, LinkTarget, Page};
use crate::model::Rgb;
use crate::text::FaceId;

/// How a face's glyphs are written: the new (subset) glyph index and its
/// width in the PDF's 1/1000 em, by old glyph index.
pub struct FaceCodes {
    /// Resource name (`F0`…).
    pub resource: String,
    pub codes: Vec<Option<(u16, f64)>>,
}

/// A link rectangle (x0, y0, x1, y1, in PDF coordinates) and its target.
pub type LinkRect = (f32, f32, f32, f32, LinkTarget);

/// Where the page's links and anchors are, in PDF coordinates (y up).
#[derive(Default)]
pub struct PageMarks {
    pub links: Vec<LinkRect>,
    pub anchors: Vec<(String, f32, f32)>,
}

/// A glyph run continues the open `TJ` when the next glyph is at most this
/// many em to the right of the pen (a justified word space is under one em;
/// a wider jump, or any move left, starts a new position).
const MAX_JOIN_GAP_EM: f64 = 2.0;
/// A run may start this far left of the pen and still join (a kern across
/// a style change).
const MAX_JOIN_BACK_EM: f64 = 0.25;

/// Pen drift (in 1/1000 em) below which no adjustment is written: the
/// single-unit ones come from rounding in layout's arithmetic, not from
/// the font, and the pen is tracked exactly, so drift never accumulates
/// (at 10 pt, 1.5 units is 0.015 pt).
const MIN_ADJUST: f64 = 2.0;

fn color(buf: &mut Vec<u8>, c: Rgb, op: &[u8]) {
    for v in [c.0, c.1, c.2] {
        num_sp(buf, f64::from(v) / 255.0, 3);
    }
    buf.extend_from_slice(op);
}

fn point(buf: &mut Vec<u8>, x: f32, y: f32, op: &[u8]) {
    num_sp(buf, f64::from(x), 2);
    num_sp(buf, f64::from(y), 2);
    buf.extend_from_slice(op);
}

/// Stroke state, written only when it changes.
#[derive(Default)]
struct Stroke {
    color: Option<Rgb>,
    width: Option<f32>,
    round_join: bool,
}

impl Stroke {
    fn set(&mut self, g: &mut Vec<u8>, c: Rgb, width: f32) {
        if self.color != Some(c) {
            color(g, c, b"RG\n");
            self.color = Some(c);
        }
        if self.width != Some(width) {
            num_sp(g, f64::from(width), 2);
            g.extend_from_slice(b"w\n");
            self.width = Some(width);
        }
    }
}

/// Text state, written only when it changes.
struct Text<'a> {
    out: Vec<u8>,
    faces: &'a BTreeMap<FaceId, &'a FaceCodes>,
    font: Option<(FaceId, i64)>,
    fill: Option<Rgb>,
    /// Horizontal scaling in 1/100 percent.
    tz: i64,
    /// Character spacing (tracking), in 1/1000 pt.
    tc: i64,
    /// Text line origin, in 1/100 pt.
    line: (i64, i64),
    /// An open `TJ` array on baseline `y` (1/100 pt), pen at `pen` (pt).
    tj: Option<(i64, f64)>,
    in_string: bool,
}

impl Text<'_> {
    fn close_string(&mut self) {
        if self.in_string {
            self.out.push(b')');
            self.in_string = false;
        }
    }

    fn close(&mut self) {
        self.close_string();
        if self.tj.take().is_some() {
            self.out.extend_from_slice(b"]TJ\n");
        }
    }

    fn run(&mut self, run: &GlyphRun, page_h: f32) {
        let Some(face) = self.faces.get(&run.face) else {
            return;
        };
        // Quantised as written, so the pen follows what a reader computes.
        let size_m = (f64::from(run.size) * 1000.0).round() as i64;
        let tz = (f64::from(run.hscale) * 10_000.0).round() as i64;
        if size_m <= 0 || tz <= 0 {
            return;
        }
        let size = size_m as f64 / 1000.0;
        let em = size * tz as f64 / 10_000.0;
        if self.fill != Some(run.color) {
            self.close();
            color(&mut self.out, run.color, b"rg\n");
            self.fill = Some(run.color);
        }
        if self.font != Some((run.face, size_m)) {
            self.close();
            let _ = write!(self.out, "/{} ", face.resource);
            num_sp(&mut self.out, size, 3);
            self.out.extend_from_slice(b"Tf\n");
            self.font = Some((run.face, size_m));
        }
        if self.tz != tz {
            self.close();
            num_sp(&mut self.out, tz as f64 / 100.0, 2);
            self.out.extend_from_slice(b"Tz\n");
            self.tz = tz;
        }
        let tc = tracking(run, &face.codes, em);
        if self.tc != tc {
            self.close();
            num_sp(&mut self.out, tc as f64 / 1000.0, 3);
            self.out.extend_from_slice(b"Tc\n");
            self.tc = tc;
        }
        // What the character spacing adds after each glyph, in points.
        let spacing = tc as f64 / 1000.0 * tz as f64 / 10_000.0;
        let y = (f64::from(page_h - run.y) * 100.0).round() as i64;
        let x0 = f64::from(run.x + run.glyphs[0].x);
        let joins = match self.tj {
            Some((ty, pen)) => {
                ty == y && x0 >= pen - MAX_JOIN_BACK_EM * em && x0 <= pen + MAX_JOIN_GAP_EM * em
            }
            None => false,
        };
        if !joins {
            self.close();
            let x = (x0 * 100.0).round() as i64;
            num_sp(&mut self.out, (x - self.line.0) as f64 / 100.0, 2);
            num_sp(&mut self.out, (y - self.line.1) as f64 / 100.0, 2);
            self.out.extend_from_slice(b"Td[");
            self.line = (x, y);
            self.tj = Some((y, x as f64 / 100.0));
        }
        let Some((_, mut pen)) = self.tj else { return };
        for g in &run.glyphs {
            let Some((code, width)) = face.codes.get(usize::from(g.id)).copied().flatten() else {
                continue;
            };
            let target = f64::from(run.x + g.x);
            let adjust = ((pen - target) * 1000.0 / em).round();
            if adjust.abs() >= MIN_ADJUST {
                self.close_string();
                // A number right after `[` or `)` needs no separator.
                num(&mut self.out, adjust, 0);
                pen -= adjust * em / 1000.0;
            }
            if !self.in_string {
                self.out.push(b'(');
                self.in_string = true;
            }
            literal_bytes(&mut self.out, &code.to_be_bytes());
            pen += width * em / 1000.0 + spacing;
        }
        self.tj = Some((y, pen));
    }
}

/// Tracking in a run (letter-spaced labels): the extra space layout put
/// after every glyph, in 1/1000 pt of character spacing (`Tc`), when most
/// glyphs share it. Written as `Tc` rather than as an adjustment after
/// each glyph, text extraction sees one word, not spaced-out letters.
fn tracking(run: &GlyphRun, codes: &[Option<(u16, f64)>], em: f64) -> i64 {
    let n = run.glyphs.len();
    if n < 3 {
        return 0;
    }
    let gaps: Vec<f64> = run
        .glyphs
        .windows(2)
        .filter_map(|p| {
            let (_, w) = codes.get(usize::from(p[0].id)).copied().flatten()?;
            Some(f64::from(p[1].x - p[0].x) - w * em / 1000.0)
        })
        .collect();
    let mut sorted = gaps.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    let agree = gaps.iter().filter(|g| (*g - median).abs() < 0.005).count();
    if median.abs() < MIN_TRACKING || agree * 2 <= gaps.len() {
        return 0;
    }
    // Tc is in unscaled text space: undo the horizontal scaling.
    let hscale = em / f64::from(run.size);
    (median / hscale * 1000.0).round() as i64
}

/// Tracking below this (in points) is left to the per-glyph adjustments.
const MIN_TRACKING: f64 = 0.05;

/// Writes one page's content stream and collects its links and anchors.
pub fn page(page: &Page, faces: &BTreeMap<FaceId, &FaceCodes>) -> (Vec<u8>, PageMarks) {
    let h = page.height;
    let mut g: Vec<u8> = Vec::with_capacity(1024);
    let mut text = Text {
        out: Vec::with_capacity(16 * 1024),
        faces,
        font: None,
        fill: None,
        tz: 10_000,
        tc: 0,
        line: (0, 0),
        tj: None,
        in_string: false,
    };
    let mut marks = PageMarks::default();
    let mut fill: Option<Rgb> = None;
    let mut stroke = Stroke::default();
    let mut set_fill = |g: &mut Vec<u8>, c: Rgb| {
        if fill != Some(c) {
            color(g, c, b"rg\n");
            fill = Some(c);
        }
    };
    for it in &page.items {
        match it {
            Item::Rect {
                x,
                y,
                w,
                h: rh,
                fill: f,
            } => {
                set_fill(&mut g, *f);
                for v in [*x, h - y - rh, *w, *rh] {
                    num_sp(&mut g, f64::from(v), 2);
                }
                g.extend_from_slice(b"re f\n");
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color: c,
            } => {
                stroke.set(&mut g, *c, *width);
                point(&mut g, *x1, h - y1, b"m ");
                point(&mut g, *x2, h - y2, b"l S\n");
            }
            Item::Path {
                points,
                width,
                stroke: s,
                fill: f,
            } => {
                if points.is_empty() {
                    continue;
                }
                let path = |g: &mut Vec<u8>| {
                    for (i, (x, y)) in points.iter().enumerate() {
                        point(g, *x, h - y, if i == 0 { b"m " } else { b"l " });
                    }
                };
                if let Some(f) = f {
                    set_fill(&mut g, *f);
                    path(&mut g);
                    g.extend_from_slice(b"h f\n");
                }
                if let Some(s) = s {
                    stroke.set(&mut g, *s, *width);
                    if !stroke.round_join {
                        g.extend_from_slice(b"1 j\n");
                        stroke.round_join = true;
                    }
                    path(&mut g);
                    g.extend_from_slice(b"S\n");
                }
            }
            Item::Text(run) => {
                if !run.glyphs.is_empty() {
                    text.run(run, h);
                }
            }
            Item::Link {
                x,
                y,
                w,
                h: lh,
                target,
            } => marks
                .links
                .push((*x, h - y - lh, x + w, h - y, target.clone())),
            Item::Anchor { name, x, y } => marks.anchors.push((name.clone(), *x, h - y)),
        }
    }
    text.close();
    if !text.out.is_empty() {
        g.extend_from_slice(b"BT\n");
        g.extend_from_slice(&text.out);
        g.extend_from_slice(b"ET\n");
    }
    (g, marks)
}
