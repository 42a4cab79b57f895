//! printpdf writes the document: the subset fonts (their dictionaries and
//! `/W` widths), the page tree, and each page's content stream, handed
//! over finished as one verbatim operator (`Op::Unknown`, written as it
//! is when `secure` is off), so no byte of page content is written twice.
//!
//! printpdf learns which glyphs a font draws (and so which widths to
//! write) only from `ShowText` operations. One extra page, the glyph
//! inventory, shows every glyph each face draws once; the finishing step
//! removes it (see [`super::fonts::drop_inventory`]).

use std::collections::BTreeMap;

use printpdf::{
    Codepoint, FontId, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt,
    Rect, TextItem,
};

use super::embed::Plan;
use super::page::resource;
use super::subset::Subset;
use crate::layout::Page;
use crate::text::{FaceId, FontSet};

/// The document as lopdf objects: the pages' contents as given, the
/// inventory page last.
pub fn write(
    pages: &[Page],
    contents: Vec<Vec<u8>>,
    fonts: &FontSet,
    plan: &Plan,
    cuts: &BTreeMap<FaceId, Subset>,
    title: &str,
) -> Result<lopdf::Document, String> {
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
    let mut out: Vec<PdfPage> = Vec::with_capacity(pages.len() + 1);
    for (page, content) in pages.iter().zip(contents) {
        // Content streams are ASCII (see `content`).
        let text = String::from_utf8(content).map_err(|_| "a page's content is not text")?;
        out.push(pdf_page(
            page.width,
            page.height,
            vec![Op::Unknown {
                key: text,
                value: Vec::new(),
            }],
        ));
    }
    out.push(pdf_page(1.0, 1.0, inventory(plan, &ids)));
    doc.with_pages(out);
    let opts = PdfSaveOptions {
        subset_fonts: false,
        optimize: false,
        secure: false,
        ..Default::default()
    };
    let mut warnings = Vec::new();
    Ok(doc.to_lopdf_document(&opts, &mut warnings))
}

fn pdf_page(width: f32, height: f32, ops: Vec<Op>) -> PdfPage {
    let mut p = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
    // Exact page size, in points (millimetres would round-trip).
    let r = Rect::from_wh(Pt(width), Pt(height));
    p.media_box = r.clone();
    p.trim_box = r.clone();
    p.crop_box = r;
    p
}

/// Every code each face draws, once, in a text object: what printpdf
/// needs to write each font and its widths.
fn inventory(plan: &Plan, ids: &BTreeMap<FaceId, FontId>) -> Vec<Op> {
    let mut ops = vec![Op::StartTextSection];
    for (face, p) in &plan.faces {
        let Some(id) = ids.get(face) else { continue };
        let codes = p.codes.all();
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(id.clone()),
            size: Pt(10.0),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(
                codes
                    .into_iter()
                    .map(|gid| Codepoint {
                        gid,
                        offset: 0.0,
                        // The ToUnicode CMaps come from the plan; with no
                        // text at all printpdf would look each glyph's
                        // character up in the font, for a CMap replaced.
                        cid: Some(String::new()),
                    })
                    .collect(),
            )],
        });
    }
    ops.push(Op::EndTextSection);
    ops
}
