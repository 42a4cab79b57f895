//! Glyph outlines for the charts' labels, read from the face's `glyf`
//! table (the bundled faces and any TrueType face an author names) and
//! flattened into polygons for the rasterizer.

use read_fonts::tables::glyf::{Anchor, Glyph};
use read_fonts::types::GlyphId;
use read_fonts::{FontRef, TableProvider};

use super::raster::Contour;

/// Segments per quadratic curve: at label sizes (under 10 pixels an em
/// stroke) six keep every curve smooth.
const CURVE_STEPS: usize = 6;
/// Composite glyphs nest at most this deep (fonts use one or two).
const MAX_DEPTH: u32 = 4;

/// The outline of glyph `gid` in font units (y up), as closed polygons;
/// empty for a face without `glyf` (CFF) or a glyph without contours.
pub fn outline(font: &FontRef, gid: u16) -> Vec<Contour> {
    let mut out = Vec::new();
    add(font, gid, (1.0, 0.0, 0.0, 1.0), (0.0, 0.0), 0, &mut out);
    out
}

/// A 2×2 transform (xx, yx, xy, yy), as composite glyphs give it.
type Matrix = (f32, f32, f32, f32);

fn add(font: &FontRef, gid: u16, m: Matrix, off: (f32, f32), depth: u32, out: &mut Vec<Contour>) {
    let (Ok(loca), Ok(glyf)) = (font.loca(None), font.glyf()) else {
        return;
    };
    let Ok(Some(glyph)) = loca.get_glyf(GlyphId::new(u32::from(gid)), &glyf) else {
        return;
    };
    let map = |x: f32, y: f32| (m.0 * x + m.2 * y + off.0, m.1 * x + m.3 * y + off.1);
    match glyph {
        Glyph::Simple(s) => {
            let points: Vec<_> = s.points().collect();
            let mut start = 0usize;
            for end in s.end_pts_of_contours() {
                let end = usize::from(end.get());
                if end < start || end >= points.len() {
                    break;
                }
                let pts: Vec<((f32, f32), bool)> = points[start..=end]
                    .iter()
                    .map(|p| (map(f32::from(p.x), f32::from(p.y)), p.on_curve))
                    .collect();
                out.push(flatten(&pts));
                start = end + 1;
            }
        }
        Glyph::Composite(c) => {
            if depth >= MAX_DEPTH {
                return;
            }
            for comp in c.components() {
                let t = comp.transform;
                let cm = (t.xx.to_f32(), t.yx.to_f32(), t.xy.to_f32(), t.yy.to_f32());
                let (dx, dy) = match comp.anchor {
                    Anchor::Offset { x, y } => (f32::from(x), f32::from(y)),
                    Anchor::Point { .. } => (0.0, 0.0),
                };
                // The component's transform, then this glyph's.
                let mm = (
                    m.0 * cm.0 + m.2 * cm.1,
                    m.1 * cm.0 + m.3 * cm.1,
                    m.0 * cm.2 + m.2 * cm.3,
                    m.1 * cm.2 + m.3 * cm.3,
                );
                let o = map(dx, dy);
                let gid = comp.glyph.to_u32() as u16;
                add(font, gid, mm, o, depth + 1, out);
            }
        }
    }
}

/// A TrueType contour (on- and off-curve points; two off-curve points
/// imply the on-curve point between them) as a polygon.
fn flatten(pts: &[((f32, f32), bool)]) -> Contour {
    let n = pts.len();
    let mut out = Vec::new();
    if n == 0 {
        return out;
    }
    let mid = |a: (f32, f32), b: (f32, f32)| ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
    // Start on an on-curve point (or between two off-curve ones).
    let first_on = pts.iter().position(|p| p.1);
    let (start, begin) = match first_on {
        Some(i) => (pts[i].0, i),
        None => (mid(pts[0].0, pts[1 % n].0), 0),
    };
    out.push(start);
    let mut cur = start;
    let mut ctrl: Option<(f32, f32)> = None;
    for k in 1..=n {
        let (p, on) = pts[(begin + k) % n];
        match (on, ctrl) {
            (true, None) => {
                out.push(p);
                cur = p;
            }
            (true, Some(c)) => {
                quad(&mut out, cur, c, p);
                cur = p;
                ctrl = None;
            }
            (false, None) => ctrl = Some(p),
            (false, Some(c)) => {
                let m = mid(c, p);
                quad(&mut out, cur, c, m);
                cur = m;
                ctrl = Some(p);
            }
        }
    }
    // An outline of off-curve points only closes on its implied start.
    if let Some(c) = ctrl {
        quad(&mut out, cur, c, start);
    }
    out
}

fn quad(out: &mut Contour, a: (f32, f32), c: (f32, f32), b: (f32, f32)) {
    for i in 1..=CURVE_STEPS {
        let t = i as f32 / CURVE_STEPS as f32;
        let u = 1.0 - t;
        out.push((
            u * u * a.0 + 2.0 * u * t * c.0 + t * t * b.0,
            u * u * a.1 + 2.0 * u * t * c.1 + t * t * b.1,
        ));
    }
}
