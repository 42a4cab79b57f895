//! Raster images as image XObjects, PDF/A-2 clean: 8-bit DeviceRGB
//! samples (the document's output intent is sRGB), transparency as a
//! DeviceGray soft mask (`/SMask`, which PDF/A-2 allows), never
//! `/Interpolate`. Each distinct image is written once, named `Im0`,
//! `Im1`, … in the order pages first draw it, so the same briefing gives
//! the same bytes; the streams are deflated with every other stream in
//! [`super::pack`].

use std::sync::Arc;

use lopdf::{dictionary, Object, ObjectId, Stream};

use crate::layout::{Item, Page};
use crate::model::Image;

/// The distinct images a document draws, in order of first use.
#[derive(Debug, Default, Clone)]
pub struct Images {
    pub list: Vec<Arc<Image>>,
}

impl Images {
    pub fn collect(pages: &[Page]) -> Images {
        let mut list: Vec<Arc<Image>> = Vec::new();
        for p in pages {
            for it in &p.items {
                if let Item::Image { image, .. } = it {
                    if !list.iter().any(|i| Arc::ptr_eq(i, image) || **i == **image) {
                        list.push(image.clone());
                    }
                }
            }
        }
        Images { list }
    }

    /// The resource name of an image the document draws.
    pub fn name_of(&self, image: &Arc<Image>) -> String {
        let i = self
            .list
            .iter()
            .position(|i| Arc::ptr_eq(i, image))
            .or_else(|| self.list.iter().position(|i| **i == **image))
            .unwrap_or(0);
        name(i)
    }
}

fn name(i: usize) -> String {
    format!("Im{i}")
}

/// Writes each image once and names, in each page's resources, the images
/// that page draws (`used[p]`: resource names).
pub fn write(
    doc: &mut lopdf::Document,
    images: &Images,
    page_ids: &[ObjectId],
    used: &[Vec<String>],
) -> Result<(), String> {
    if images.list.is_empty() {
        return Ok(());
    }
    let ids: Vec<ObjectId> = images.list.iter().map(|im| xobject(doc, im)).collect();
    for (page, names) in page_ids.iter().zip(used) {
        if names.is_empty() {
            continue;
        }
        let mut xobjects = lopdf::Dictionary::new();
        for n in names {
            let i: usize = n[2..].parse().map_err(|_| "an image name")?;
            xobjects.set(n.as_bytes(), Object::Reference(ids[i]));
        }
        // The page's own copy of its resources: printpdf may share one
        // dictionary between pages, or leave it to the page tree.
        let mut res = resources(doc, *page).unwrap_or_default();
        res.set("XObject", Object::Dictionary(xobjects));
        doc.get_object_mut(*page)
            .and_then(Object::as_dict_mut)
            .map_err(|e| e.to_string())?
            .set("Resources", Object::Dictionary(res));
    }
    Ok(())
}

/// One image XObject (and its soft mask), uncompressed here.
fn xobject(doc: &mut lopdf::Document, im: &Image) -> ObjectId {
    let (w, h) = (i64::from(im.width_px), i64::from(im.height_px));
    let mut dict = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => w,
        "Height" => h,
        "ColorSpace" => "DeviceRGB",
        "BitsPerComponent" => 8,
    };
    if let Some(alpha) = &im.alpha {
        let mask = Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Image",
                "Width" => w,
                "Height" => h,
                "ColorSpace" => "DeviceGray",
                "BitsPerComponent" => 8,
            },
            alpha.clone(),
        );
        let mask_id = doc.add_object(mask);
        dict.set("SMask", Object::Reference(mask_id));
    }
    doc.add_object(Stream::new(dict, im.rgb.clone()))
}

/// A page's resources, inherited through the page tree when the page has
/// none of its own.
fn resources(doc: &lopdf::Document, page: ObjectId) -> Option<lopdf::Dictionary> {
    let mut d = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Ok(r) = d.get(b"Resources") {
            return match r {
                Object::Reference(r) => doc.get_dictionary(*r).ok().cloned(),
                Object::Dictionary(d) => Some(d.clone()),
                _ => None,
            };
        }
        d = doc
            .get_dictionary(d.get(b"Parent").ok()?.as_reference().ok()?)
            .ok()?;
    }
    None
}
