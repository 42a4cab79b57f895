//! A small rasterizer for the charts' pictures: filled outlines with the
//! non-zero rule, anti-aliased (exact coverage across a pixel, a few
//! sample lines down it), on white, written as an 8-bit RGB PNG. A chart
//! is a few bars, lines and labels: this is all it needs, and it keeps
//! the program free of an image crate.

use crate::model::Rgb;

/// Sample lines per pixel row: 5 gives 6 levels of vertical coverage on
/// top of exact horizontal coverage, smooth enough at 4 pixels a point.
const SUB: usize = 5;

/// An RGB image on white.
pub struct Canvas {
    pub w: usize,
    pub h: usize,
    rgb: Vec<[f32; 3]>,
}

/// A closed outline, in pixels (y down).
pub type Contour = Vec<(f32, f32)>;

impl Canvas {
    pub fn new(w: usize, h: usize) -> Canvas {
        Canvas {
            w,
            h,
            rgb: vec![[255.0; 3]; w * h],
        }
    }

    /// Fills the outlines together (non-zero winding) in `color`.
    pub fn fill(&mut self, contours: &[Contour], color: Rgb) {
        let mut edges: Vec<(f32, f32, f32, f32)> = Vec::new();
        let (mut top, mut bottom) = (f32::MAX, f32::MIN);
        for c in contours {
            for i in 0..c.len() {
                let (a, b) = (c[i], c[(i + 1) % c.len()]);
                if a.1 != b.1 {
                    edges.push((a.0, a.1, b.0, b.1));
                    top = top.min(a.1.min(b.1));
                    bottom = bottom.max(a.1.max(b.1));
                }
            }
        }
        if edges.is_empty() {
            return;
        }
        let y0 = top.floor().max(0.0) as usize;
        let y1 = (bottom.ceil().max(0.0) as usize).min(self.h);
        let mut cov = vec![0f32; self.w];
        let mut hits: Vec<(f32, i32)> = Vec::new();
        for y in y0..y1 {
            cov.iter_mut().for_each(|c| *c = 0.0);
            for s in 0..SUB {
                let sy = y as f32 + (s as f32 + 0.5) / SUB as f32;
                hits.clear();
                for &(ax, ay, bx, by) in &edges {
                    let (lo, hi, dir) = if ay < by { (ay, by, 1) } else { (by, ay, -1) };
                    if sy >= lo && sy < hi {
                        let t = (sy - ay) / (by - ay);
                        hits.push((ax + t * (bx - ax), dir));
                    }
                }
                hits.sort_by(|a, b| a.0.total_cmp(&b.0));
                let mut winding = 0;
                for k in 0..hits.len() {
                    winding += hits[k].1;
                    if winding != 0 && k + 1 < hits.len() {
                        self.span(&mut cov, hits[k].0, hits[k + 1].0);
                    }
                }
            }
            for (x, c) in cov.iter().enumerate() {
                if *c > 0.0 {
                    let a = c.min(1.0);
                    let px = &mut self.rgb[y * self.w + x];
                    for (ch, v) in px.iter_mut().zip([color.0, color.1, color.2]) {
                        *ch = *ch * (1.0 - a) + f32::from(v) * a;
                    }
                }
            }
        }
    }

    /// Adds one sample line's coverage of `xa..xb` to a row.
    fn span(&self, cov: &mut [f32], xa: f32, xb: f32) {
        let (xa, xb) = (xa.max(0.0), xb.min(self.w as f32));
        if xb <= xa {
            return;
        }
        let weight = 1.0 / SUB as f32;
        let from = xa.floor() as usize;
        let to = (xb.ceil() as usize).min(self.w);
        for (x, c) in cov.iter_mut().enumerate().take(to).skip(from) {
            let overlap = xb.min(x as f32 + 1.0) - xa.max(x as f32);
            if overlap > 0.0 {
                *c += overlap * weight;
            }
        }
    }

    /// The image as a PNG (8-bit RGB, no filter, zlib at libdeflater's
    /// best level: a chart is mostly flat colour and packs small).
    pub fn png(&self) -> Vec<u8> {
        let mut raw = Vec::with_capacity((self.w * 3 + 1) * self.h);
        for row in self.rgb.chunks(self.w) {
            raw.push(0);
            for px in row {
                raw.extend(px.iter().map(|v| v.round().clamp(0.0, 255.0) as u8));
            }
        }
        let mut z =
            libdeflater::Compressor::new(libdeflater::CompressionLvl::new(12).unwrap_or_default());
        let mut packed = vec![0; z.zlib_compress_bound(raw.len())];
        let n = z.zlib_compress(&raw, &mut packed).unwrap_or(0);
        packed.truncate(n);
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&(self.w as u32).to_be_bytes());
        ihdr.extend_from_slice(&(self.h as u32).to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        chunk(&mut out, b"IHDR", &ihdr);
        // sRGB, perceptual: the colours are the PDF's sRGB values.
        chunk(&mut out, b"sRGB", &[0]);
        chunk(&mut out, b"IDAT", &packed);
        chunk(&mut out, b"IEND", &[]);
        out
    }
}

/// An image's pixels composited on white (its alpha, if any), as a PNG
/// the way [`Canvas::png`] writes one.
pub fn rgb_png(im: &crate::model::Image) -> Vec<u8> {
    let (w, h) = (im.width_px as usize, im.height_px as usize);
    let mut c = Canvas::new(w, h);
    for (i, px) in c.rgb.iter_mut().enumerate() {
        let a = im.alpha.as_ref().map_or(1.0, |a| f32::from(a[i]) / 255.0);
        for (k, v) in px.iter_mut().enumerate() {
            *v = f32::from(im.rgb[i * 3 + k]) * a + 255.0 * (1.0 - a);
        }
    }
    c.png()
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = libdeflater::crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A contour turned to wind positively, so that overlapping pieces of
/// one stroke fill as one shape.
pub fn positive(mut c: Contour) -> Contour {
    let area: f32 = (0..c.len())
        .map(|i| {
            let (a, b) = (c[i], c[(i + 1) % c.len()]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum();
    if area < 0.0 {
        c.reverse();
    }
    c
}

/// A line from `a` to `b`, `width` wide, as a quadrilateral.
pub fn segment(a: (f32, f32), b: (f32, f32), width: f32) -> Contour {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len = (dx * dx + dy * dy).sqrt().max(f32::MIN_POSITIVE);
    let (nx, ny) = (-dy / len * width / 2.0, dx / len * width / 2.0);
    positive(vec![
        (a.0 + nx, a.1 + ny),
        (b.0 + nx, b.1 + ny),
        (b.0 - nx, b.1 - ny),
        (a.0 - nx, a.1 - ny),
    ])
}

/// A round join: an octagon of diameter `width` at `p`.
pub fn dot(p: (f32, f32), width: f32) -> Contour {
    let r = width / 2.0;
    positive(
        (0..8)
            .map(|i| {
                let t = i as f32 * std::f32::consts::FRAC_PI_4;
                (p.0 + r * t.cos(), p.1 + r * t.sin())
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_square_covers_its_pixels_and_antialiases_its_edge() {
        let mut c = Canvas::new(4, 4);
        c.fill(
            &[vec![(1.0, 1.0), (2.5, 1.0), (2.5, 3.0), (1.0, 3.0)]],
            Rgb(0, 0, 0),
        );
        assert_eq!(c.rgb[5], [0.0; 3]);
        assert!((c.rgb[6][0] - 127.5).abs() < 1.0);
        assert_eq!(c.rgb[0], [255.0; 3]);
        let png = c.png();
        assert_eq!(&png[1..4], b"PNG");
    }
}
