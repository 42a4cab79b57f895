//! Pages of items to a printpdf document: one text object per page, each
//! glyph placed exactly where layout put it, in the subset fonts that
//! [`super::embed`] planned and cut.

use std::collections::BTreeMap;

use printpdf::{
    Codepoint, Color, FontId, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, Point, Polygon, PolygonRing, Pt, Rect, TextItem, TextMatrix,
    WindingOrder,
};

use super::embed::Plan;
use super::subset::Subset;
use crate::layout::{GlyphRun, Item, Laidout, LinkTarget, Page};
use crate::model::Rgb;
use crate::text::{FaceId, FontSet};

/// A link rectangle (x0, y0, x1, y1, in PDF coordinates) and its target.
pub type LinkRect = (f32, f32, f32, f32, LinkTarget);

/// Links per page and named places, in PDF coordinates (y up).
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

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

/// The resource name of a face's font: also how [`super::finish`] finds
/// it again to give it its subset name.
pub fn resource(face: FaceId) -> String {
    format!("F{}", face.0)
}

/// The links of every page and the named places, in PDF coordinates.
pub fn marks(laid: &Laidout) -> Marks {
    let mut marks = Marks {
        links: Vec::with_capacity(laid.pages.len()),
        anchors: BTreeMap::new(),
    };
    for (pi, page) in laid.pages.iter().enumerate() {
        let h = page.height;
        let mut links = Vec::new();
        for it in &page.items {
            match it {
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
                _ => {}
            }
        }
        marks.links.push(links);
    }
    marks
}

/// A document holding the cut subset fonts and no pages yet.
fn with_fonts(
    fonts: &FontSet,
    cuts: &BTreeMap<FaceId, Subset>,
    title: &str,
) -> Result<(PdfDocument, BTreeMap<FaceId, FontId>), String> {
    let mut doc = PdfDocument::new(title);
    let mut ids: BTreeMap<FaceId, FontId> = BTreeMap::new();
    for (face, sub) in cuts {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&sub.program, 0, &mut warnings)
            .ok_or_else(|| format!("font {} could not be embedded", fonts.get(*face).name))?;
        let id = FontId(resource(*face));
        doc.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::font::PdfFont::new(parsed));
        ids.insert(*face, id);
    }
    Ok((doc, ids))
}

/// Builds the document: fonts from the cut subsets, one page per layout
/// page. The pages from `drawn.end` on are only sketched (their glyphs,
/// once each, so printpdf writes every used glyph's width): their real
/// content streams come from [`build_pages`] on another core and replace
/// the sketches (see `finish::finish`).
pub fn build(
    laid: &Laidout,
    drawn: std::ops::Range<usize>,
    fonts: &FontSet,
    plan: &Plan,
    cuts: &BTreeMap<FaceId, Subset>,
    title: &str,
) -> Result<PdfDocument, String> {
    let (mut doc, ids) = with_fonts(fonts, cuts, title)?;
    let pages = laid
        .pages
        .iter()
        .enumerate()
        .map(|(pi, page)| {
            let ops = if drawn.contains(&pi) {
                page_ops(page, &ids, plan, fonts)
            } else {
                glyph_sketch(page, &ids, plan)
            };
            pdf_page(page, ops)
        })
        .collect();
    doc.with_pages(pages);
    Ok(doc)
}

/// A document of the pages in `range` alone, drawn in full, with every
/// font (printpdf writes a page's stream from the fonts' runtime data).
pub fn build_pages(
    laid: &Laidout,
    range: std::ops::Range<usize>,
    fonts: &FontSet,
    plan: &Plan,
    cuts: &BTreeMap<FaceId, Subset>,
) -> Result<PdfDocument, String> {
    let (mut doc, ids) = with_fonts(fonts, cuts, "")?;
    let pages = laid.pages[range]
        .iter()
        .map(|page| pdf_page(page, page_ops(page, &ids, plan, fonts)))
        .collect();
    doc.with_pages(pages);
    Ok(doc)
}

fn pdf_page(page: &Page, ops: Vec<Op>) -> PdfPage {
    let mut p = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
    // Exact page size, in points (millimetres would round-trip).
    let r = Rect::from_wh(Pt(page.width), Pt(page.height));
    p.media_box = r.clone();
    p.trim_box = r.clone();
    p.crop_box = r;
    p
}

/// Each glyph a page draws, once per face, in a text object that is never
/// written out: enough for printpdf's font data (widths of used glyphs).
fn glyph_sketch(page: &Page, ids: &BTreeMap<FaceId, FontId>, plan: &Plan) -> Vec<Op> {
    let mut used: BTreeMap<FaceId, BTreeMap<u16, ()>> = BTreeMap::new();
    for it in &page.items {
        if let Item::Text(run) = it {
            if run.glyphs.is_empty() || !ids.contains_key(&run.face) {
                continue;
            }
            let codes = plan
                .faces
                .get(&run.face)
                .map(|p| p.codes.codes.as_slice())
                .unwrap_or(&[]);
            let set = used.entry(run.face).or_default();
            for g in &run.glyphs {
                let code = codes
                    .get(usize::from(g.id))
                    .copied()
                    .flatten()
                    .map_or(0, |c| c.0);
                set.insert(code, ());
            }
        }
    }
    let mut ops = vec![Op::StartTextSection];
    for (face, codes) in used {
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(ids[&face].clone()),
            size: Pt(10.0),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(
                codes
                    .into_keys()
                    .map(|gid| Codepoint {
                        gid,
                        offset: 0.0,
                        cid: Some(String::new()),
                    })
                    .collect(),
            )],
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// A page's drawing: shapes first, then one text object.
fn page_ops(page: &Page, ids: &BTreeMap<FaceId, FontId>, plan: &Plan, fonts: &FontSet) -> Vec<Op> {
    let h = page.height;
    let mut graphics = Vec::new();
    let mut text = vec![Op::StartTextSection];
    {
        let mut state = TextState {
            ids,
            plan,
            fonts,
            page_height: h,
            font: None,
            fill: None,
            scale: 1.0,
        };
        let mut pending: Option<GlyphRun> = None;
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
                    if run.glyphs.is_empty() || !ids.contains_key(&run.face) {
                        continue;
                    }
                    // Runs that continue the previous one (same face, size,
                    // colour, scaling and baseline: the words of a line) go
                    // into its TJ, so a line is one text operation.
                    if let Some(prev) = pending.as_mut() {
                        if prev.face == run.face
                            && prev.size == run.size
                            && prev.color == run.color
                            && prev.hscale == run.hscale
                            && prev.y == run.y
                            && run.x + run.glyphs[0].x >= prev.x + prev.width - 0.01
                        {
                            let dx = run.x - prev.x;
                            prev.glyphs.extend(run.glyphs.iter().map(|g| {
                                crate::layout::PlacedGlyph {
                                    id: g.id,
                                    x: g.x + dx,
                                    // Not needed past here (see `codepoints`).
                                    text: Default::default(),
                                }
                            }));
                            prev.width = dx + run.width;
                            continue;
                        }
                    }
                    if let Some(prev) = pending.take() {
                        emit(&mut text, &prev, &mut state);
                    }
                    pending = Some(run.clone());
                }
                Item::Link { .. } | Item::Anchor { .. } => {}
            }
        }
        if let Some(prev) = pending.take() {
            emit(&mut text, &prev, &mut state);
        }
    }
    text.push(Op::EndTextSection);
    graphics.extend(text);
    graphics
}

/// The text state of a page's text object, so operators are only
/// written when something changes.
struct TextState<'a> {
    ids: &'a BTreeMap<FaceId, FontId>,
    plan: &'a Plan<'a>,
    fonts: &'a FontSet,
    page_height: f32,
    font: Option<(FaceId, f32)>,
    fill: Option<Rgb>,
    scale: f32,
}

/// Writes one (merged) run: state changes, its position, its glyphs.
fn emit(text: &mut Vec<Op>, run: &GlyphRun, st: &mut TextState) {
    let Some(id) = st.ids.get(&run.face) else {
        return;
    };
    if st.fill != Some(run.color) {
        text.push(Op::SetFillColor {
            col: color(run.color),
        });
        st.fill = Some(run.color);
    }
    if st.font != Some((run.face, run.size)) {
        text.push(Op::SetFont {
            font: PdfFontHandle::External(id.clone()),
            size: Pt(run.size),
        });
        st.font = Some((run.face, run.size));
    }
    if st.scale != run.hscale {
        text.push(Op::SetHorizontalScaling {
            percent: run.hscale * 100.0,
        });
        st.scale = run.hscale;
    }
    text.push(Op::SetTextMatrix {
        matrix: TextMatrix::Translate(Pt(run.x + run.glyphs[0].x), Pt(st.page_height - run.y)),
    });
    let codes = st
        .plan
        .faces
        .get(&run.face)
        .map(|p| p.codes.codes.as_slice())
        .unwrap_or(&[]);
    text.push(Op::ShowText {
        items: vec![TextItem::GlyphIds(codepoints(run, st.fonts, codes))],
    });
}

/// A run's glyphs, numbered as in the subset, with the TJ adjustments
/// that put each at its layout position: the viewer advances by the
/// font's /W width, so each glyph carries the difference to the next
/// glyph's place (scaled back when the run is expanded, since Tz scales
/// the advance and the adjustment alike).
fn codepoints(run: &GlyphRun, fonts: &FontSet, codes: &[Option<(u16, f64)>]) -> Vec<Codepoint> {
    let face = fonts.get(run.face);
    let upm = face.units_per_em;
    let n = run.glyphs.len();
    // Where the viewer's pen is, against where layout wants the next
    // glyph, in thousandths of an em. Adjustments are whole units (0.01 pt
    // at 10 pt), the error carried on, so nothing drifts and most glyphs
    // need none.
    let mut drift = 0.0f32;
    run.glyphs
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let w1000 = face
                .rb
                .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(g.id))
                .map_or(0, |a| (f32::from(a) * 1000.0 / upm) as i64) as f32;
            let offset = if i + 1 < n {
                let dx = (run.glyphs[i + 1].x - g.x) * 1000.0 / (run.size * run.hscale);
                drift += w1000 - dx;
                let whole = drift.round();
                drift -= whole;
                whole
            } else {
                0.0
            };
            let code = codes
                .get(usize::from(g.id))
                .copied()
                .flatten()
                .map_or(0, |c| c.0);
            Codepoint {
                gid: code,
                offset,
                // The ToUnicode CMaps come from the plan (see
                // `finish::set_to_unicode`), so printpdf needs no text per
                // glyph: an empty String allocates nothing (a String each
                // was 10 MB of a 100-page file's peak memory), and with
                // none at all printpdf would look each glyph's character up
                // in the font and allocate it, for a CMap that is replaced.
                cid: Some(String::new()),
            }
        })
        .collect()
}

/// The page where the last 47% of the glyphs begin, so two cores share
/// the writing evenly: the second also deflates the font programs and
/// its pages' streams (the whole document when it is one page).
pub fn halfway(laid: &Laidout) -> usize {
    let weight = |p: &Page| -> usize {
        p.items
            .iter()
            .map(|i| match i {
                Item::Text(r) => r.glyphs.len(),
                _ => 1,
            })
            .sum()
    };
    let total: usize = laid.pages.iter().map(weight).sum();
    let mut acc = 0;
    for (i, p) in laid.pages.iter().enumerate() {
        if acc * 100 >= total * 53 && i > 0 {
            return i;
        }
        acc += weight(p);
    }
    laid.pages.len()
}
