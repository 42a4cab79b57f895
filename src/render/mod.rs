//! Render: positioned boxes to PDF bytes. The renderer never decides
//! where anything goes; it writes what layout placed:
//! [`embed`] numbers the glyphs each face draws and cuts the subset font
//! programs (with [`subset`]), [`document`] turns the pages into printpdf
//! operations, and [`finish`] completes printpdf's lopdf document: subset
//! font names, link annotations with exact destinations, the outline,
//! clean metadata and a content-derived ID.

mod cmap;
mod document;
mod embed;
mod finish;
mod subset;

use crate::layout::Laidout;
use crate::text::FontSet;

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

/// Writes the laid-out pages as PDF bytes.
pub fn render(laid: &Laidout, fonts: &FontSet, meta: &Metadata) -> Result<Vec<u8>, String> {
    let plan = embed::plan(laid, fonts);
    let cuts = embed::subset_all(&plan, fonts)?;
    let marks = document::marks(laid);
    // The pages' content streams are most of the work: a second core
    // writes the second half of the pages while this one writes the first.
    let split = document::halfway(laid);
    let n = laid.pages.len();
    // The second core also deflates the font programs first.
    let programs = || cuts.values().map(|c| c.program.as_slice());
    let (doc, rest, ahead) = std::thread::scope(|s| {
        let rest = (split < n).then(|| {
            s.spawn(|| {
                let ahead = finish::pack_ahead(programs());
                let rest = document::build_pages(laid, split..n, fonts, &plan, &cuts)
                    .map(finish::page_streams);
                (rest, ahead)
            })
        });
        let doc = document::build(laid, 0..split, fonts, &plan, &cuts, &meta.title)
            .map(|pdf| finish::first_pages(pdf, split));
        let (rest, ahead) = match rest {
            Some(h) => h
                .join()
                .unwrap_or_else(|_| (Err("writing the pages failed".into()), Vec::new())),
            None => (Ok(Vec::new()), Vec::new()),
        };
        (doc, rest, ahead)
    });
    let (doc, rest) = (doc?, rest?);
    let names: Vec<(String, String)> = cuts
        .keys()
        .map(|f| {
            (
                document::resource(*f),
                format!(
                    "{}+{}",
                    embed::tag(meta, *f),
                    embed::postscript_name(fonts.get(*f))
                ),
            )
        })
        .collect();
    let unicode: Vec<_> = plan
        .to_unicode()
        .into_iter()
        .map(|(f, map)| (document::resource(f), map))
        .collect();
    finish::finish(
        doc, split, rest, &ahead, laid, &marks, meta, &names, &unicode,
    )
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
