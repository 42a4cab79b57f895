//! The lopdf side: clean metadata, the outline, link annotations with
//! exact destinations, a content-derived ID, compression.

use lopdf::{dictionary, Dictionary, Object, ObjectId, StringFormat};
use printpdf::{PdfDocument, PdfSaveOptions};

use super::ops::Marks;
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

/// `D:YYYYMMDDHHmmSSZ` for a Unix time.
pub fn pdf_date(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "D:{y:04}{m:02}{d:02}{:02}{:02}{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

pub fn finish(
    pdf: PdfDocument,
    laid: &Laidout,
    marks: &Marks,
    meta: &Metadata,
) -> Result<Vec<u8>, String> {
    let opts = PdfSaveOptions {
        subset_fonts: true,
        optimize: false,
        ..Default::default()
    };
    let mut warnings = Vec::new();
    let mut doc = pdf.to_lopdf_document(&opts, &mut warnings);
    doc.version = "1.7".into();
    let page_ids: Vec<ObjectId> = doc.get_pages().values().copied().collect();

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
    let date = pdf_date(meta.created);
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

#[cfg(test)]
mod tests {
    #[test]
    fn dates() {
        assert_eq!(super::pdf_date(0), "D:19700101000000Z");
        assert_eq!(super::pdf_date(997_660_800), "D:20010813000000Z");
    }
}
