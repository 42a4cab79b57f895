//! Render: positioned boxes to PDF bytes. The renderer never decides
//! where anything goes; it writes what layout placed, in stages:
//! [`embed`] numbers the glyphs each face draws and cuts the subset font
//! programs (with [`subset`]); [`page`] writes each page's content stream
//! once, marked with the structure ([`glyph_runs`] for its text, with
//! [`content`]'s compact operators); [`writer`] has printpdf write the document around those
//! streams; then the finishing steps on lopdf's objects: [`fonts`]
//! (subset names, ToUnicode CMaps from [`cmap`]), [`images`] (image
//! XObjects and their soft masks), [`annotations`] (links
//! and the outline), [`structure`] (the tagged-PDF structure tree),
//! [`metadata`] (Info, XMP, output intent, ID) and [`pack`] (pruning,
//! numbering, compression) and [`file`] (the bytes).

mod annotations;
mod cmap;
mod compact;
mod content;
mod embed;
mod file;
mod fonts;
mod glyph_runs;
mod images;
mod metadata;
mod pack;
mod page;
mod structure;
mod subset;
mod writer;

use lopdf::{Object, StringFormat};

use crate::layout::Laidout;
use crate::text::FontSet;

pub use metadata::xmp;

/// What the PDF says about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Metadata {
    pub title: String,
    /// Each author's name.
    pub authors: Vec<String>,
    pub subject: String,
    pub keywords: Vec<String>,
    /// "briefing 0.1.0".
    pub creator: String,
    /// Seconds since the Unix epoch.
    pub created: i64,
    /// BCP 47 tag of the text's language.
    pub lang: String,
    /// The marking ("NOT FOR CITATION"), the document's `dc:rights`.
    pub rights: Option<String>,
    /// A hash of everything the output depends on: the document ID.
    pub content_id: [u8; 16],
}

/// Writes the laid-out pages as PDF bytes.
pub fn render(laid: &Laidout, fonts: &FontSet, meta: &Metadata) -> Result<Vec<u8>, String> {
    let plan = embed::plan(laid, fonts);
    let cuts = embed::subset_all(&plan, fonts)?;
    // Page content is most of the work: a second core writes the second
    // half of the pages, and deflates the font programs first.
    let split = page::halfway(&laid.pages);
    let programs = || cuts.values().map(|c| c.program.as_slice());
    let write = |range: std::ops::Range<usize>| -> Vec<page::PageOut> {
        laid.pages[range]
            .iter()
            .map(|p| page::write(p, &laid.structure, &plan, fonts))
            .collect()
    };
    let (mut pages, rest, ahead) = std::thread::scope(|s| {
        let other = (split < laid.pages.len()).then(|| {
            s.spawn(|| {
                let ahead = pack::pack_ahead(programs());
                (write(split..laid.pages.len()), ahead)
            })
        });
        let first = write(0..split);
        let (rest, ahead) = match other {
            Some(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
            None => (Vec::new(), pack::pack_ahead(programs())),
        };
        (first, rest, ahead)
    });
    pages.extend(rest);
    let contents = pages
        .iter_mut()
        .map(|p| std::mem::take(&mut p.content))
        .collect();
    let mut doc = writer::write(&laid.pages, contents, fonts, &plan, &cuts, &meta.title)?;
    doc.version = "1.7".into();
    fonts::drop_inventory(&mut doc)?;
    let page_ids: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    let names: Vec<(String, String)> = cuts
        .keys()
        .map(|f| {
            (
                page::resource(*f),
                format!(
                    "{}+{}",
                    embed::tag(meta, *f),
                    embed::postscript_name(fonts.get(*f))
                ),
            )
        })
        .collect();
    fonts::name_fonts(&mut doc, page_ids.first().copied(), &names);
    let unicode: Vec<_> = plan
        .to_unicode()
        .into_iter()
        .map(|(f, map)| (page::resource(f), map))
        .collect();
    fonts::set_to_unicode(&mut doc, &page_ids, &unicode);
    let drawn: Vec<Vec<String>> = pages.iter().map(|p| p.images.clone()).collect();
    images::write(&mut doc, &plan.images, &page_ids, &drawn)?;
    let first_annot_key = page_ids.len();
    // The many small objects (links, structure elements) stand beside
    // lopdf's document in a compact form until they are written.
    let mut small = compact::Objects::new();
    let annots = annotations::links(
        &mut doc,
        &mut small,
        &page_ids,
        &pages,
        laid,
        first_annot_key,
    );
    let outline = annotations::outline(&mut doc, &page_ids, laid);
    let root = structure::write(
        &mut doc,
        &mut small,
        &laid.structure,
        &page_ids,
        &pages,
        &annots,
        first_annot_key,
    );
    metadata::write(&mut doc, meta, root, outline)?;
    pack::save(doc, small, &ahead)
}

/// A text string: ASCII as it is, anything else UTF-16BE with a BOM,
/// which every PDF reader shows, accents included. Literal strings: half
/// the bytes of hex ones.
pub(crate) fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Literal)
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
