//! Section figures (FORMAT 1.1, "Figures in sections"): raster images and
//! charts with several series, built and read back from the PDF.

mod common;

use std::sync::Arc;

use briefing::diag::Source;
use briefing::layout::{Artifact, Item, Tag};
use briefing::model::{self, image};
use briefing::render::{self, Metadata};
use briefing::text::FontSet;
use common::png::{self, transparent_png};
use common::*;

/// Each image XObject of a page: (name, its dictionary).
fn page_images(pdf: &Pdf, page: usize) -> Vec<(String, lopdf::Dictionary)> {
    let doc = &pdf.doc;
    let p = doc.get_dictionary(pdf.pages[page]).unwrap();
    let res = match p.get(b"Resources").unwrap() {
        lopdf::Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
        o => o.as_dict().unwrap(),
    };
    let Ok(x) = res.get(b"XObject") else {
        return vec![];
    };
    let x = match x {
        lopdf::Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
        o => o.as_dict().unwrap(),
    };
    x.iter()
        .map(|(k, v)| {
            let s = doc
                .get_object(v.as_reference().unwrap())
                .unwrap()
                .as_stream()
                .unwrap();
            (String::from_utf8_lossy(k).into_owned(), s.dict.clone())
        })
        .collect()
}

/// The `cm` matrix before each `/Name Do` of a page's content.
fn placements(pdf: &Pdf, page: usize) -> Vec<(String, [f64; 6])> {
    let content = pdf.doc.get_page_content(pdf.pages[page]);
    let ops = lopdf::content::Content::decode(&content)
        .unwrap()
        .operations;
    let mut last = [0.0; 6];
    let mut out = Vec::new();
    for op in ops {
        match op.operator.as_str() {
            "cm" => {
                for (i, o) in op.operands.iter().enumerate().take(6) {
                    last[i] = o.as_float().map(f64::from).unwrap_or(0.0);
                }
            }
            "Do" => {
                let n = op.operands[0].as_name().unwrap();
                out.push((String::from_utf8_lossy(n).into_owned(), last));
            }
            _ => {}
        }
    }
    out
}

/// The tiny briefing rendered with `image` drawn on page 1 as an artifact:
/// the renderer's image path alone, before any figure uses it.
fn render_with(image: Arc<model::Image>, w: f32) -> Vec<u8> {
    let src = tiny("");
    let source = Source::new(sample_path(), &src);
    let out = compile_as(&sample_path(), &src, &opts()).expect("builds");
    let (b, _) = model::parse(&source);
    let b = b.unwrap();
    let fonts = FontSet::load(&b.style).unwrap();
    let mut laid = out.laid.clone();
    let h = w / image.aspect();
    laid.pages[0].items.push(Item::Image {
        x: 72.0,
        y: 400.0,
        w,
        h,
        image,
        tag: Tag::Artifact(Artifact::Layout),
    });
    let meta = Metadata {
        title: "A small test briefing".into(),
        authors: vec![],
        subject: String::new(),
        keywords: vec![],
        creator: "briefing test".into(),
        created: EPOCH,
        lang: "en-US".into(),
        rights: None,
        content_id: [7; 16],
    };
    render::render(&laid, &fonts, &meta).expect("renders")
}

#[test]
fn a_transparent_png_is_an_rgb_image_with_a_soft_mask() {
    let im = Arc::new(image::decode(transparent_png(120, 60), "t.png").unwrap());
    assert_eq!((im.width_px, im.height_px), (120, 60));
    assert!(im.alpha.is_some(), "the disc is transparent");
    let bytes = render_with(im.clone(), 240.0);
    assert_eq!(bytes, render_with(im, 240.0), "the same bytes each time");
    let pdf = Pdf::load(&bytes);
    pdf.assert_accessible();
    keep(&bytes);
    let images = page_images(&pdf, 0);
    assert_eq!(images.len(), 1, "one image XObject on page 1");
    let (name, d) = &images[0];
    assert_eq!(d.get(b"Subtype").unwrap().as_name().unwrap(), b"Image");
    assert_eq!(
        d.get(b"ColorSpace").unwrap().as_name().unwrap(),
        b"DeviceRGB"
    );
    assert_eq!(d.get(b"BitsPerComponent").unwrap().as_i64().unwrap(), 8);
    assert_eq!(d.get(b"Width").unwrap().as_i64().unwrap(), 120);
    assert!(d.get(b"Interpolate").is_err(), "no /Interpolate in PDF/A");
    let mask = pdf
        .doc
        .get_object(d.get(b"SMask").unwrap().as_reference().unwrap())
        .unwrap()
        .as_stream()
        .unwrap();
    assert_eq!(
        mask.dict.get(b"ColorSpace").unwrap().as_name().unwrap(),
        b"DeviceGray"
    );
    let placed = placements(&pdf, 0);
    assert_eq!(placed.len(), 1);
    assert_eq!(&placed[0].0, name);
    let m = placed[0].1;
    assert!(
        (m[0] - 240.0).abs() < 0.01 && (m[3] - 120.0).abs() < 0.01,
        "{m:?}"
    );
    assert_eq!((m[1], m[2]), (0.0, 0.0), "no skew");
    if let Some(dir) = std::env::var_os("FIGURES_PDF_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("image.pdf"), &bytes).unwrap();
    }
}

#[test]
fn an_opaque_png_has_no_mask_and_grey_becomes_rgb() {
    let opaque = png::png(10, 5, true, |x, _| [x as u8 * 20, 0, 0, 255]);
    let im = image::decode(opaque, "o.png").unwrap();
    assert!(im.alpha.is_none(), "all-opaque alpha is dropped");
    assert_eq!(im.rgb.len(), 10 * 5 * 3);
    assert!(image::decode(b"not an image at all".to_vec(), "x.png").is_err());
}
