//! The fonts printpdf wrote, finished: their subset names
//! (`ABCDEF+Vollkorn-Regular`), the ToUnicode CMaps the glyph plan gives
//! (one shared by every TrueType face), and the glyph inventory page
//! removed once printpdf has written the widths from it.

use std::collections::BTreeMap;
use std::rc::Rc;

use lopdf::{Dictionary, Object, ObjectId};

/// Removes the glyph inventory, the last page (see [`super::writer`]):
/// its page object leaves the page tree; what only it used is pruned
/// later.
pub fn drop_inventory(doc: &mut lopdf::Document) -> Result<(), String> {
    let pages = doc.get_pages();
    let (&n, &last) = pages
        .iter()
        .next_back()
        .ok_or("the document has no pages")?;
    let parent = doc
        .get_object(last)
        .and_then(Object::as_dict)
        .and_then(|d| d.get(b"Parent"))
        .and_then(Object::as_reference)
        .map_err(|e| e.to_string())?;
    let tree = doc
        .get_object_mut(parent)
        .and_then(Object::as_dict_mut)
        .map_err(|e| e.to_string())?;
    if let Ok(Object::Array(kids)) = tree.get_mut(b"Kids") {
        kids.retain(|k| k.as_reference().ok() != Some(last));
    }
    tree.set("Count", i64::from(n) - 1);
    doc.objects.remove(&last);
    Ok(())
}

/// The font resources of a page: name to font object.
fn page_fonts(doc: &lopdf::Document, page: ObjectId) -> Vec<(Vec<u8>, ObjectId)> {
    (|| {
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
    .unwrap_or_default()
}

/// Gives each font the ToUnicode CMap its plan says (by resource name):
/// one stream per distinct map, so the TrueType faces, which share one
/// code table, share one CMap (see [`super::cmap`]). printpdf's own CMaps
/// would need the text of every glyph handed to it.
pub fn set_to_unicode(
    doc: &mut lopdf::Document,
    pages: &[ObjectId],
    unicode: &super::cmap::FontMaps,
) {
    let mut fonts: BTreeMap<Vec<u8>, ObjectId> = BTreeMap::new();
    for page in pages {
        fonts.extend(page_fonts(doc, *page));
    }
    let mut written: Vec<(*const super::cmap::UnicodeMap, ObjectId)> = Vec::new();
    for (resource, map) in unicode {
        let Some(&font) = fonts.get(resource.as_bytes()) else {
            continue;
        };
        let key = Rc::as_ptr(map);
        let stream = match written.iter().find(|(k, _)| *k == key) {
            Some(&(_, id)) => id,
            None => {
                let id = doc.add_object(lopdf::Stream::new(
                    Dictionary::new(),
                    super::cmap::write(map),
                ));
                written.push((key, id));
                id
            }
        };
        if let Ok(d) = doc.get_object_mut(font).and_then(Object::as_dict_mut) {
            d.set("ToUnicode", stream);
        }
    }
}

/// Gives each font resource its subset name, as `names` says.
pub fn name_fonts(doc: &mut lopdf::Document, page: Option<ObjectId>, names: &[(String, String)]) {
    let Some(page) = page else { return };
    let fonts = page_fonts(doc, page);
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
