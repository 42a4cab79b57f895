//! `briefing export --format docx`: the briefing as a Word document an
//! editor works in. WordprocessingML written directly (no DOCX crate:
//! `docx-rs` has no endnotes, no repeating header rows and no picture alt
//! text), in one file per part: the text (`body.rs`, with `runs.rs` for
//! runs, links and note references), its styles, its list numbering, its
//! endnotes, the charts' pictures (`chart.rs` over `raster.rs` and
//! `glyphs.rs`), the properties, and the ZIP package (`package.rs`).

mod body;
mod chart;
mod glyphs;
mod notes;
mod numbering;
mod package;
mod props;
mod raster;
mod runs;
mod styles;
mod table;
mod xml;

use package::Entry;
use xml::{DECL, NS_W, REL, REL_PKG};

use crate::markup::Document;
use crate::model::Briefing;

/// The document's time, for the ZIP entries and the core properties:
/// `epoch` (from `SOURCE_DATE_EPOCH`) when given, else midnight UTC of
/// the briefing's date; never the clock, so that the same input always
/// gives the same bytes.
fn time(b: &Briefing, epoch: Option<i64>) -> Option<i64> {
    epoch.or_else(|| b.date.map(|d| package::unix_of(d.year, d.month, d.day)))
}

/// The DOCX file's bytes.
pub fn render(doc: &Document, b: &Briefing, epoch: Option<i64>) -> Vec<u8> {
    let created = time(b, epoch);
    let mut text = body::write(doc, b);
    let endnotes = notes::xml(&doc.notes, &mut text.runs, &mut text.lists);
    let numbering = numbering::xml(&text.lists);
    let rels = &mut text.runs.body_rels;
    for (kind, target) in [
        ("styles", "styles.xml"),
        ("numbering", "numbering.xml"),
        ("endnotes", "endnotes.xml"),
        ("settings", "settings.xml"),
        ("fontTable", "fontTable.xml"),
    ] {
        rels.add(kind, target, false);
    }
    let custom = props::custom(doc);
    let mut entries = vec![
        part(
            "[Content_Types].xml",
            content_types(&text.pictures, custom.is_some()),
        ),
        part("_rels/.rels", root_rels(custom.is_some())),
        part("docProps/core.xml", props::core(doc, b, created)),
        part("docProps/app.xml", props::app()),
    ];
    if let Some(c) = custom {
        entries.push(part("docProps/custom.xml", c));
    }
    entries.extend([
        part("word/document.xml", text.xml),
        part("word/_rels/document.xml.rels", text.runs.body_rels.xml(REL)),
        part("word/styles.xml", styles::xml(b)),
        part("word/numbering.xml", numbering),
        part("word/endnotes.xml", endnotes),
        part("word/settings.xml", settings(b)),
        part("word/fontTable.xml", styles::font_table()),
    ]);
    if !text.runs.note_rels.is_empty() {
        entries.push(part(
            "word/_rels/endnotes.xml.rels",
            text.runs.note_rels.xml(REL),
        ));
    }
    for (i, png) in text.pictures.into_iter().enumerate() {
        entries.push(Entry {
            name: format!("word/media/chart{}.png", i + 1),
            data: png,
            deflate: false,
        });
    }
    package::zip(&entries, created.unwrap_or(0))
}

fn part(name: &str, xml: String) -> Entry {
    Entry {
        name: name.to_string(),
        data: xml.into_bytes(),
        deflate: true,
    }
}

fn content_types(pictures: &[Vec<u8>], custom: bool) -> String {
    let mut s = format!("{DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>");
    if !pictures.is_empty() {
        s.push_str("<Default Extension=\"png\" ContentType=\"image/png\"/>");
    }
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    for (name, kind) in [
        ("/word/document.xml", format!("{wml}.document.main+xml")),
        ("/word/styles.xml", format!("{wml}.styles+xml")),
        ("/word/numbering.xml", format!("{wml}.numbering+xml")),
        ("/word/endnotes.xml", format!("{wml}.endnotes+xml")),
        ("/word/settings.xml", format!("{wml}.settings+xml")),
        ("/word/fontTable.xml", format!("{wml}.fontTable+xml")),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".into(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
        ),
    ] {
        s.push_str(&format!(
            "<Override PartName=\"{name}\" ContentType=\"{kind}\"/>"
        ));
    }
    if custom {
        s.push_str("<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>");
    }
    s.push_str("</Types>");
    s
}

fn root_rels(custom: bool) -> String {
    let mut r = xml::Rels::default();
    r.add("officeDocument", "word/document.xml", false);
    let mut s = r.xml(REL);
    // The core properties' relationship type is the package's, not the
    // office document's.
    let extra = format!(
        "<Relationship Id=\"rId2\" Type=\"{REL_PKG}/metadata/core-properties\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"{REL}/extended-properties\" Target=\"docProps/app.xml\"/>{}</Relationships>",
        if custom {
            format!("<Relationship Id=\"rId4\" Type=\"{REL}/custom-properties\" Target=\"docProps/custom.xml\"/>")
        } else {
            String::new()
        }
    );
    s = s.replace("</Relationships>", &extra);
    s
}

/// The settings: endnotes numbered 1, 2, 3 at the end of the document
/// (Word's default is i, ii, iii), hyphenation where the PDF hyphenates,
/// and Word 2013+ layout, not compatibility mode.
fn settings(b: &Briefing) -> String {
    let hyphenate = match b.style.justify {
        crate::model::Justify::Never => "",
        _ => "<w:autoHyphenation/>",
    };
    format!(
        "{DECL}<w:settings xmlns:w=\"{NS_W}\"><w:defaultTabStop w:val=\"720\"/>{hyphenate}<w:characterSpacingControl w:val=\"doNotCompress\"/><w:endnotePr><w:pos w:val=\"docEnd\"/><w:numFmt w:val=\"decimal\"/><w:endnote w:id=\"0\"/><w:endnote w:id=\"1\"/></w:endnotePr><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"{}\"/></w:settings>",
        b.language.tag()
    )
}
