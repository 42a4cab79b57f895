//! Render: positioned boxes to PDF bytes. The renderer never decides where
//! anything goes; it writes what layout placed, in the order of a file:
//! [`embed`] subsets and embeds the fonts (with [`subset`]), [`content`]
//! turns each page's items into its content stream, [`navigate`] adds
//! links and the outline, and [`write`] numbers the objects and closes
//! the file (cross-reference table, trailer, a content-derived ID).
//!
//! The PDF is written directly, without an intermediate object tree: a
//! 100-page briefing is a few milliseconds of writing and deflating.

mod content;
mod embed;
mod navigate;
mod subset;
mod write;

use std::io::Write as _;

use crate::layout::Laidout;
use crate::text::FontSet;
use write::{literal, name, text_string, PdfWriter};

/// What the PDF says about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// "briefing 0.1.0".
    pub creator: String,
    /// Seconds since the Unix epoch.
    pub created: i64,
    /// BCP 47 tag of the text's language.
    pub lang: String,
    /// A hash of everything the output depends on: the document ID.
    pub content_id: [u8; 16],
}

/// Pages per worker below which splitting the pages over threads does not
/// pay for starting one (a page is 50-100 µs of writing and deflating).
const MIN_PAGES_PER_THREAD: usize = 2;

/// Writes the laid-out pages as PDF bytes.
///
/// Cutting the fonts and writing the pages' content streams (with their
/// compression, most of the work) run on all cores: the glyph numbering
/// comes first, so both can start at once.
pub fn render(laid: &Laidout, fonts: &FontSet, meta: &Metadata) -> Result<Vec<u8>, String> {
    let plan = embed::plan(laid, fonts);
    let codes = plan.codes();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = cores.min(laid.pages.len() / MIN_PAGES_PER_THREAD).max(1);
    let per = laid.pages.len().div_ceil(workers).max(1);
    let draw = |pages: &[crate::layout::Page]| -> Vec<(write::Packed, content::PageMarks)> {
        pages
            .iter()
            .map(|p| {
                let (ops, marks) = content::page(p, &codes);
                (write::pack(&ops), marks)
            })
            .collect()
    };
    let (cuts, drawn) = std::thread::scope(|s| {
        let cuts = s.spawn(|| embed::subset_all(&plan, fonts));
        let mut chunks = laid.pages.chunks(per);
        let first = chunks.next().unwrap_or(&[]);
        let rest: Vec<_> = chunks.map(|c| s.spawn(move || draw(c))).collect();
        let mut drawn = draw(first);
        for r in rest {
            match r.join() {
                Ok(d) => drawn.extend(d),
                Err(p) => std::panic::resume_unwind(p),
            }
        }
        let cuts = match cuts.join() {
            Ok(c) => c,
            Err(p) => std::panic::resume_unwind(p),
        };
        (cuts, drawn)
    });
    let cuts = cuts?;

    // Roughly what a page costs compressed, so the buffer rarely grows.
    let mut w =
        PdfWriter::new(32 * 1024 + drawn.iter().map(|d| d.0.bytes.len() + 64).sum::<usize>());
    let catalog = w.alloc();
    let pages_root = w.alloc();
    let resources = w.alloc();
    let page_ids: Vec<_> = laid.pages.iter().map(|_| w.alloc()).collect();

    let font_objects = embed::write(&mut w, &plan, &cuts, fonts, meta);
    w.object(resources, |b| {
        b.extend_from_slice(b"<</Font<<");
        for (face, object) in &font_objects {
            name(b, &plan.faces[face].codes.resource);
            let _ = write!(b, " {object}");
        }
        b.extend_from_slice(b">>>>");
    });

    let mut marks = Vec::with_capacity(drawn.len());
    let mut contents = Vec::with_capacity(drawn.len());
    for (packed, m) in drawn {
        let id = w.alloc();
        w.packed_stream(id, b"", &packed);
        contents.push(id);
        marks.push(m);
    }
    let annots = navigate::links(&mut w, &marks, &page_ids);
    for (i, page) in laid.pages.iter().enumerate() {
        w.object(page_ids[i], |b| {
            let _ = write!(b, "<</Type/Page/Parent {pages_root}/MediaBox[0 0 ");
            write::num_sp(b, f64::from(page.width), 2);
            write::num(b, f64::from(page.height), 2);
            let _ = write!(b, "]/Resources {resources}/Contents {}", contents[i]);
            if !annots[i].is_empty() {
                b.extend_from_slice(b"/Annots[");
                for (k, a) in annots[i].iter().enumerate() {
                    if k > 0 {
                        b.push(b' ');
                    }
                    let _ = write!(b, "{a}");
                }
                b.push(b']');
            }
            b.extend_from_slice(b">>");
        });
    }
    w.object(pages_root, |b| {
        b.extend_from_slice(b"<</Type/Pages/Kids[");
        for (k, p) in page_ids.iter().enumerate() {
            if k > 0 {
                b.push(b' ');
            }
            let _ = write!(b, "{p}");
        }
        let _ = write!(b, "]/Count {}>>", page_ids.len());
    });

    let outline = navigate::outline(&mut w, laid, &page_ids);
    w.object(catalog, |b| {
        let _ = write!(b, "<</Type/Catalog/Pages {pages_root}");
        match outline {
            Some(o) => {
                let _ = write!(b, "/Outlines {o}/PageMode/UseOutlines");
            }
            None => b.extend_from_slice(b"/PageMode/UseNone"),
        }
        b.extend_from_slice(b"/Lang");
        literal(b, meta.lang.as_bytes());
        b.extend_from_slice(b"/ViewerPreferences<</DisplayDocTitle true>>>>");
    });

    let info = w.alloc();
    let date = pdf_date(meta.created);
    w.object(info, |b| {
        for (key, value) in [
            ("Title", meta.title.as_str()),
            ("Author", &meta.author),
            ("Subject", &meta.subject),
            ("Keywords", &meta.keywords.join(", ")),
            ("Creator", &meta.creator),
            ("Producer", &meta.creator),
        ] {
            b.extend_from_slice(if key == "Title" { b"<<" } else { b"" });
            name(b, key);
            text_string(b, value);
        }
        b.extend_from_slice(b"/CreationDate");
        literal(b, date.as_bytes());
        b.extend_from_slice(b"/ModDate");
        literal(b, date.as_bytes());
        b.extend_from_slice(b">>");
    });
    Ok(w.finish(catalog, info, &meta.content_id))
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

#[cfg(test)]
mod tests {
    #[test]
    fn dates() {
        assert_eq!(super::pdf_date(0), "D:19700101000000Z");
        assert_eq!(super::pdf_date(997_660_800), "D:20010813000000Z");
    }
}
