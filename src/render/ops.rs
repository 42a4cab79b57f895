//! Pages of items to a printpdf document: one text object per page, glyph
//! runs placed exactly where layout put each glyph.

use std::collections::BTreeMap;

use printpdf::{
    Codepoint, Color, FontId, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, Point, Polygon, PolygonRing, Pt, Rect, TextItem, TextMatrix,
    WindingOrder,
};

use super::Metadata;
use crate::layout::{GlyphRun, Item, Laidout};
use crate::model::Rgb;
use crate::text::{FaceId, FontSet};

/// A link rectangle (x0, y0, x1, y1, in PDF coordinates) and its target.
pub type LinkRect = (f32, f32, f32, f32, crate::layout::LinkTarget);

/// Links and anchors, in PDF coordinates (y up), per page.
pub struct Marks {
    pub links: Vec<Vec<LinkRect>>,
    pub anchors: BTreeMap<String, (usize, f32, f32)>,
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

/// A subset tag for a face: six capitals derived from the document and
/// the face, so identical input gives identical names.
fn tag(meta: &Metadata, face: FaceId) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in meta.content_id.iter().chain([face.0].iter()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| (b'A' + ((h >> (i * 8)) % 26) as u8) as char)
        .collect()
}

pub fn document(
    laid: &Laidout,
    fonts: &FontSet,
    meta: &Metadata,
) -> Result<(PdfDocument, Marks), String> {
    let mut doc = PdfDocument::new(&meta.title);
    // Fonts: only the faces the pages use.
    let mut ids: BTreeMap<FaceId, FontId> = BTreeMap::new();
    for page in &laid.pages {
        for it in &page.items {
            if let Item::Text(r) = it {
                if let std::collections::btree_map::Entry::Vacant(slot) = ids.entry(r.face) {
                    let face = fonts.get(r.face);
                    let mut warnings = Vec::new();
                    let parsed = ParsedFont::from_bytes(face.data, 0, &mut warnings)
                        .ok_or_else(|| format!("font {} could not be embedded", face.name))?;
                    let id = FontId(tag(meta, r.face));
                    doc.resources
                        .fonts
                        .map
                        .insert(id.clone(), printpdf::font::PdfFont::new(parsed));
                    slot.insert(id);
                }
            }
        }
    }
    let mut marks = Marks {
        links: Vec::new(),
        anchors: BTreeMap::new(),
    };
    let mut pages = Vec::with_capacity(laid.pages.len());
    for (pi, page) in laid.pages.iter().enumerate() {
        let h = page.height;
        let mut graphics = Vec::new();
        let mut text = vec![Op::StartTextSection];
        let mut links = Vec::new();
        let mut cur_font: Option<(FaceId, f32)> = None;
        let mut cur_fill: Option<Rgb> = None;
        let mut cur_scale = 1.0f32;
        for it in &page.items {
            match it {
                Item::Rect {
                    x,
                    y,
                    w,
                    h: rh,
                    fill,
                } => {
                    graphics.push(Op::SetFillColor { col: color(*fill) });
                    graphics.push(Op::DrawRectangle {
                        rectangle: Rect {
                            x: Pt(*x),
                            y: Pt(h - y - rh),
                            width: Pt(*w),
                            height: Pt(*rh),
                            mode: Some(PaintMode::Fill),
                            winding_order: None,
                        },
                    });
                }
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    color: c,
                } => {
                    graphics.push(Op::SetOutlineColor { col: color(*c) });
                    graphics.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    graphics.push(Op::DrawLine {
                        line: Line {
                            points: vec![point(*x1, h - y1), point(*x2, h - y2)],
                            is_closed: false,
                        },
                    });
                }
                Item::Path {
                    points,
                    width,
                    stroke,
                    fill,
                } => {
                    let pts: Vec<LinePoint> =
                        points.iter().map(|(x, y)| point(*x, h - y)).collect();
                    if let Some(f) = fill {
                        graphics.push(Op::SetFillColor { col: color(*f) });
                        graphics.push(Op::DrawPolygon {
                            polygon: Polygon {
                                rings: vec![PolygonRing {
                                    points: pts.clone(),
                                }],
                                mode: PaintMode::Fill,
                                winding_order: WindingOrder::NonZero,
                            },
                        });
                    }
                    if let Some(s) = stroke {
                        graphics.push(Op::SetOutlineColor { col: color(*s) });
                        graphics.push(Op::SetOutlineThickness { pt: Pt(*width) });
                        graphics.push(Op::SetLineJoinStyle {
                            join: printpdf::LineJoinStyle::Round,
                        });
                        graphics.push(Op::DrawLine {
                            line: Line {
                                points: pts,
                                is_closed: false,
                            },
                        });
                    }
                }
                Item::Text(run) => {
                    if run.glyphs.is_empty() {
                        continue;
                    }
                    if cur_fill != Some(run.color) {
                        text.push(Op::SetFillColor {
                            col: color(run.color),
                        });
                        cur_fill = Some(run.color);
                    }
                    if cur_font != Some((run.face, run.size)) {
                        text.push(Op::SetFont {
                            font: PdfFontHandle::External(ids[&run.face].clone()),
                            size: Pt(run.size),
                        });
                        cur_font = Some((run.face, run.size));
                    }
                    if cur_scale != run.hscale {
                        text.push(Op::SetHorizontalScaling {
                            percent: run.hscale * 100.0,
                        });
                        cur_scale = run.hscale;
                    }
                    text.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(Pt(run.x + run.glyphs[0].x), Pt(h - run.y)),
                    });
                    text.push(Op::ShowText {
                        items: vec![TextItem::GlyphIds(codepoints(run, fonts))],
                    });
                }
                Item::Link {
                    x,
                    y,
                    w,
                    h: lh,
                    target,
                } => {
                    links.push((*x, h - y - lh, x + w, h - y, target.clone()));
                }
                Item::Anchor { name, x, y } => {
                    marks.anchors.entry(name.clone()).or_insert((pi, *x, h - y));
                }
            }
        }
        text.push(Op::EndTextSection);
        graphics.extend(text);
        marks.links.push(links);
        pages.push(PdfPage::new(
            printpdf::Mm::from(Pt(page.width)),
            printpdf::Mm::from(Pt(page.height)),
            graphics,
        ));
    }
    // Exact page size: Mm round-trips through f32, so set the boxes in points.
    for (p, src) in pages.iter_mut().zip(&laid.pages) {
        let r = Rect::from_wh(Pt(src.width), Pt(src.height));
        p.media_box = r.clone();
        p.trim_box = r.clone();
        p.crop_box = r;
    }
    doc.with_pages(pages);
    Ok((doc, marks))
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

/// A run's glyphs with the TJ adjustments that put each one at its
/// layout position: the viewer advances by the font's /W width, so each
/// glyph carries the difference to the next glyph's place.
fn codepoints(run: &GlyphRun, fonts: &FontSet) -> Vec<Codepoint> {
    let face = fonts.get(run.face);
    let upm = face.units_per_em;
    let n = run.glyphs.len();
    run.glyphs
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let w1000 = face
                .rb
                .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(g.id))
                .map_or(0, |a| (f32::from(a) * 1000.0 / upm) as i64) as f32;
            let offset = if i + 1 < n {
                // Tz scales the advance and the adjustment alike.
                let dx = (run.glyphs[i + 1].x - g.x) * 1000.0 / (run.size * run.hscale);
                w1000 - dx
            } else {
                0.0
            };
            let offset = (offset * 100.0).round() / 100.0;
            Codepoint {
                gid: g.id,
                offset: if offset.abs() < 0.01 { 0.0 } else { offset },
                cid: Some(g.text.clone()),
            }
        })
        .collect()
}
