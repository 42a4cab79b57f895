//! A chart's picture (a card's, or a section figure's with its series;
//! and a section figure's image, on white): the PDF's own drawing of it (`layout::chart`, the
//! same bars, lines and labels in the same faces), rasterized to a PNG at
//! print resolution. When the faces cannot be loaded there is no
//! picture, and the chart's values (printed under it in any case) stand
//! alone.

use std::collections::HashSet;

use super::glyphs::outline;
use super::raster::{dot, positive, segment, Canvas, Contour};
use crate::layout::geometry::Geometry;
use crate::layout::theme::readable_accent;
use crate::layout::{blocks::ctx::Ctx, Item, Report, Tree};
use crate::model::{Briefing, Chart, Image, SeriesChart};
use crate::text::{FontSet, Shaper};

/// The chart's height in body sizes, as the PDF's cards draw it.
const HEIGHT: f32 = 5.2;
/// Pixels a point: 4 is 288 dpi, sharp on paper and on a high-density
/// screen, and a chart still packs to a few kilobytes.
const SCALE: f32 = 4.0;
/// English Metric Units a point (914 400 an inch).
const EMU_PER_PT: f32 = 12_700.0;

/// A picture and the size it is shown at.
pub struct Picture {
    pub png: Vec<u8>,
    pub width_emu: u64,
    pub height_emu: u64,
}

/// The picture of `chart`, `width` twentieths of a point wide, in the
/// briefing's faces (`None`: they could not be loaded).
pub fn picture(
    chart: &Chart,
    b: &Briefing,
    fonts: Option<&FontSet>,
    width: u32,
) -> Option<Picture> {
    if chart.values.is_empty() {
        return None;
    }
    let fonts = fonts?;
    let shaper = Shaper::new(fonts);
    let style = &b.style;
    let ctx = drawing_ctx(&shaper, b);
    let (w, h) = (width as f32 / 20.0, style.base_size * HEIGHT);
    let items = crate::layout::chart::draw(&ctx, chart, w, h, Tree::ROOT);
    Some(raster(&items, w, h, fonts))
}

/// The picture of a section chart, `width` twentieths of a point wide.
pub fn series_picture(
    chart: &SeriesChart,
    b: &Briefing,
    fonts: Option<&FontSet>,
    width: u32,
) -> Option<Picture> {
    let fonts = fonts?;
    let shaper = Shaper::new(fonts);
    let ctx = drawing_ctx(&shaper, b);
    let w = width as f32 / 20.0;
    let (items, h) = crate::layout::blocks::series_chart::draw(&ctx, chart, w);
    Some(raster(&items, w, h, fonts))
}

/// A figure's image shown `width` twentieths of a point wide at its
/// aspect ratio, as a PNG of its pixels on white.
pub fn image_picture(im: &Image, width: u32) -> Picture {
    let w = width as f32 / 20.0;
    let h = w / im.aspect();
    Picture {
        png: super::raster::rgb_png(im),
        width_emu: (w * EMU_PER_PT).round() as u64,
        height_emu: (h * EMU_PER_PT).round() as u64,
    }
}

/// Items drawn `w` × `h` points, rasterized.
fn raster(items: &[Item], w: f32, h: f32, fonts: &FontSet) -> Picture {
    let mut canvas = Canvas::new((w * SCALE).ceil() as usize, (h * SCALE).ceil() as usize);
    let px = |p: (f32, f32)| (p.0 * SCALE, p.1 * SCALE);
    for it in items {
        match it {
            Item::Path {
                points,
                width,
                stroke,
                fill,
                ..
            } => {
                if let Some(c) = fill {
                    canvas.fill(&[positive(points.iter().map(|p| px(*p)).collect())], *c);
                }
                if let Some(c) = stroke {
                    let wpx = width * SCALE;
                    let mut parts: Vec<Contour> = points
                        .windows(2)
                        .map(|s| segment(px(s[0]), px(s[1]), wpx))
                        .collect();
                    parts.extend(points.iter().map(|p| dot(px(*p), wpx)));
                    canvas.fill(&parts, *c);
                }
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
                ..
            } => canvas.fill(
                &[segment(px((*x1, *y1)), px((*x2, *y2)), width * SCALE)],
                *color,
            ),
            Item::Rect {
                x, y, w, h, fill, ..
            } => canvas.fill(
                &[positive(vec![
                    px((*x, *y)),
                    px((x + w, *y)),
                    px((x + w, y + h)),
                    px((*x, y + h)),
                ])],
                *fill,
            ),
            Item::Text(run) => {
                let face = fonts.get(run.face);
                let scale = run.size / face.units_per_em;
                for g in &run.glyphs {
                    let (ox, oy) = (run.x + g.x * run.hscale, run.y);
                    let contours: Vec<Contour> = outline(&face.tables, g.id)
                        .into_iter()
                        .map(|c| {
                            c.into_iter()
                                .map(|(x, y)| px((ox + x * scale * run.hscale, oy - y * scale)))
                                .collect()
                        })
                        .collect();
                    canvas.fill(&contours, run.color);
                }
            }
            _ => {}
        }
    }
    Picture {
        png: canvas.png(),
        width_emu: (w * EMU_PER_PT).round() as u64,
        height_emu: (h * EMU_PER_PT).round() as u64,
    }
}

/// The layout context a chart is drawn in for Word: the briefing's
/// language, size and accent, none of the page's refinements.
fn drawing_ctx<'a, 'f>(shaper: &'a Shaper<'f>, b: &Briefing) -> Ctx<'a, 'f> {
    let style = &b.style;
    Ctx {
        shaper,
        lang: b.language,
        base: style.base_size,
        accent: style.accent,
        accent_text: readable_accent(style.accent),
        geometry: Geometry::for_paper(style.paper),
        seen_notes: HashSet::new(),
        report: Report::default(),
        protrude: false,
        expand: false,
        track: false,
        justify: style.justify,
        tree: Tree::new(),
    }
}
