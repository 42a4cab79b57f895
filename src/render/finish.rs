//! The lopdf side: clean metadata, the outline, link annotations with
//! exact destinations, a content-derived ID, compression.

use lopdf::{dictionary, Dictionary, Object, ObjectId, StringFormat};
use printpdf::{PdfDocument, PdfSaveOptions};

use super::document::Marks;
use super::Metadata;
use crate::layout::{Laidout, LinkTarget};

fn text_string(s: &str) -> Object {
    // UTF-16BE with BOM: every PDF reader shows it, accents included.
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Finishes printpdf's document and writes it: `names` gives each font
/// resource its subset name (`ABCDEF+Vollkorn-Regular`), since printpdf
/// embeds the programs we cut as they are.
pub fn finish(
    pdf: PdfDocument,
    laid: &Laidout,
    marks: &Marks,
    meta: &Metadata,
    names: &[(String, String)],
) -> Result<Vec<u8>, String> {
    // The fonts are subset already: printpdf embeds them whole.
    let opts = PdfSaveOptions {
        subset_fonts: false,
        optimize: false,
        ..Default::default()
    };
    let mut warnings = Vec::new();
    let mut doc = pdf.to_lopdf_document(&opts, &mut warnings);
    doc.version = "1.7".into();
    let page_ids: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    name_fonts(&mut doc, page_ids.first().copied(), names);

    // Links.
    for (pi, links) in marks.links.iter().enumerate() {
        let Some(&page_id) = page_ids.get(pi) else {
            continue;
        };
        let mut annots = Vec::new();
        for (x0, y0, x1, y1, target) in links {
            let mut a = dictionary! {
                "Type" => "Annot",
                "Subtype" => "Link",
                "Rect" => vec![(*x0).into(), (*y0).into(), (*x1).into(), (*y1).into()],
                "Border" => vec![0.into(), 0.into(), 0.into()],
            };
            match target {
                LinkTarget::Uri(uri) => {
                    a.set(
                        "A",
                        dictionary! {
                            "S" => "URI",
                            "URI" => Object::string_literal(uri.as_bytes().to_vec()),
                        },
                    );
                }
                LinkTarget::Internal(name) => {
                    let Some(&(p, x, y)) = marks.anchors.get(name) else {
                        continue;
                    };
                    let dest: Vec<Object> = vec![
                        page_ids[p].into(),
                        "XYZ".into(),
                        (x - 20.0).max(0.0).into(),
                        (y + 24.0).into(),
                        Object::Null,
                    ];
                    a.set("Dest", dest);
                }
            }
            annots.push(doc.add_object(a).into());
        }
        if let Ok(page) = doc.get_object_mut(page_id).and_then(Object::as_dict_mut) {
            if annots.is_empty() {
                page.remove(b"Annots");
            } else {
                page.set("Annots", annots);
            }
        }
    }

    let catalog_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| e.to_string())?;

    // Outline: level-1 entries nest under the level-0 entry before them.
    if !laid.bookmarks.is_empty() {
        let outlines_id = doc.new_object_id();
        let mut tops: Vec<(ObjectId, Vec<ObjectId>)> = Vec::new();
        let mut dicts: Vec<(ObjectId, Dictionary)> = Vec::new();
        for bm in &laid.bookmarks {
            let id = doc.new_object_id();
            let page = page_ids[bm.page.min(page_ids.len() - 1)];
            let top = laid.pages[bm.page].height - bm.y + 6.0;
            let d = dictionary! {
                "Title" => text_string(&bm.title),
                "Dest" => vec![page.into(), "XYZ".into(), Object::Null, top.into(), Object::Null],
            };
            dicts.push((id, d));
            if bm.level > 0 && !tops.is_empty() {
                tops.last_mut().expect("non-empty").1.push(id);
            } else {
                tops.push((id, Vec::new()));
            }
        }
        let mut dmap: std::collections::HashMap<ObjectId, Dictionary> = dicts.into_iter().collect();
        let link = |ids: &[ObjectId],
                    parent: ObjectId,
                    dmap: &mut std::collections::HashMap<ObjectId, Dictionary>| {
            for (i, id) in ids.iter().enumerate() {
                let d = dmap.get_mut(id).expect("made above");
                d.set("Parent", parent);
                if i > 0 {
                    d.set("Prev", ids[i - 1]);
                }
                if i + 1 < ids.len() {
                    d.set("Next", ids[i + 1]);
                }
            }
        };
        let top_ids: Vec<ObjectId> = tops.iter().map(|t| t.0).collect();
        link(&top_ids, outlines_id, &mut dmap);
        for (id, kids) in &tops {
            if !kids.is_empty() {
                link(kids, *id, &mut dmap);
                let d = dmap.get_mut(id).expect("made above");
                d.set("First", kids[0]);
                d.set("Last", kids[kids.len() - 1]);
                d.set("Count", kids.len() as i64);
            }
        }
        for (id, d) in dmap {
            doc.objects.insert(id, Object::Dictionary(d));
        }
        doc.objects.insert(
            outlines_id,
            Object::Dictionary(dictionary! {
                "Type" => "Outlines",
                "First" => top_ids[0],
                "Last" => top_ids[top_ids.len() - 1],
                "Count" => top_ids.len() as i64,
            }),
        );
        let cat = doc
            .get_object_mut(catalog_id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| e.to_string())?;
        cat.set("Outlines", outlines_id);
        cat.set("PageMode", "UseOutlines");
    }
    {
        let cat = doc
            .get_object_mut(catalog_id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| e.to_string())?;
        cat.set(
            "Lang",
            Object::string_literal(meta.lang.as_bytes().to_vec()),
        );
        cat.set(
            "ViewerPreferences",
            dictionary! { "DisplayDocTitle" => true },
        );
        if laid.bookmarks.is_empty() {
            cat.set("PageMode", "UseNone");
        }
    }

    // Metadata: a clean Info dictionary.
    let date = super::pdf_date(meta.created);
    let info = dictionary! {
        "Title" => text_string(&meta.title),
        "Author" => text_string(&meta.author),
        "Subject" => text_string(&meta.subject),
        "Keywords" => text_string(&meta.keywords.join(", ")),
        "Creator" => text_string(&meta.creator),
        "Producer" => text_string(&format!("{} (printpdf, lopdf)", meta.creator)),
        "CreationDate" => Object::string_literal(date.clone()),
        "ModDate" => Object::string_literal(date),
    };
    let info_id = doc.add_object(info);
    if let Ok(old) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        doc.objects.remove(&old);
    }
    doc.trailer.set("Info", info_id);
    let id = Object::String(meta.content_id.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);

    doc.prune_objects();
    doc.renumber_objects();
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

/// Gives each embedded font its subset name on the Type 0 font, the CID
/// font and the descriptor, as ISO 32000-1 9.6.4 asks of a subset.
fn name_fonts(doc: &mut lopdf::Document, page: Option<ObjectId>, names: &[(String, String)]) {
    let Some(page) = page else { return };
    let fonts: Vec<(Vec<u8>, ObjectId)> = (|| {
        let page = doc.get_object(page).ok()?.as_dict().ok()?;
        let res = match page.get(b"Resources").ok()? {
            Object::Reference(r) => doc.get_object(*r).ok()?.as_dict().ok()?,
            Object::Dictionary(d) => d,
            _ => return None,
        };
        let fonts = match res.get(b"Font").ok()? {
            Object::Reference(r) => doc.get_object(*r).ok()?.as_dict().ok()?,
            Object::Dictionary(d) => d,
            _ => return None,
        };
        Some(
            fonts
                .iter()
                .filter_map(|(k, v)| v.as_reference().ok().map(|r| (k.clone(), r)))
                .collect(),
        )
    })()
    .unwrap_or_default();
    for (key, type0) in fonts {
        let Some((_, base)) = names
            .iter()
            .find(|(res, _)| res.as_bytes() == key.as_slice())
        else {
            continue;
        };
        let base = Object::Name(base.as_bytes().to_vec());
        // The CID font may be inline in DescendantFonts or an object.
        let mut cid_ref = None;
        let mut descriptor = None;
        if let Ok(d) = doc.get_object_mut(type0).and_then(Object::as_dict_mut) {
            d.set("BaseFont", base.clone());
            if let Ok(Object::Array(kids)) = d.get_mut(b"DescendantFonts") {
                match kids.first_mut() {
                    Some(Object::Dictionary(cid)) => {
                        cid.set("BaseFont", base.clone());
                        descriptor = cid
                            .get(b"FontDescriptor")
                            .ok()
                            .and_then(|o| o.as_reference().ok());
                    }
                    Some(Object::Reference(r)) => cid_ref = Some(*r),
                    _ => {}
                }
            }
        }
        if let Some(r) = cid_ref {
            if let Ok(cid) = doc.get_object_mut(r).and_then(Object::as_dict_mut) {
                cid.set("BaseFont", base.clone());
                descriptor = cid
                    .get(b"FontDescriptor")
                    .ok()
                    .and_then(|o| o.as_reference().ok());
            }
        }
        if let Some(fd) = descriptor {
            if let Ok(d) = doc.get_object_mut(fd).and_then(Object::as_dict_mut) {
                d.set("FontName", base);
            }
        }
    }
}
