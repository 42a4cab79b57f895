//! The document's properties: `docProps/core.xml` (title, authors,
//! subject, keywords, language, dates), `docProps/app.xml` (the program)
//! and `docProps/custom.xml` (the marking, which Word shows under
//! Properties ▸ Custom and fields can print).

use super::package::civil;
use super::xml::{esc, DECL};
use crate::markup::{plain_text, Document};
use crate::model::Briefing;

/// `YYYY-MM-DDThh:mm:ssZ`.
fn w3c_date(unix: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(unix);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// The core properties; `created` when the time is known (never the
/// clock: the same input gives the same bytes).
pub fn core(doc: &Document, b: &Briefing, created: Option<i64>) -> String {
    let mut s = format!("{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
    s.push_str(&format!(
        "<dc:title>{}</dc:title>",
        esc(&plain_text(&doc.title))
    ));
    if let Some(sub) = &doc.subtitle {
        s.push_str(&format!(
            "<dc:subject>{}</dc:subject>",
            esc(&plain_text(sub))
        ));
    }
    if !doc.authors.is_empty() {
        let names: Vec<&str> = doc.authors.iter().map(|(n, _)| n.as_str()).collect();
        s.push_str(&format!(
            "<dc:creator>{}</dc:creator>",
            esc(&names.join("; "))
        ));
    }
    if !b.keywords.is_empty() {
        s.push_str(&format!(
            "<cp:keywords>{}</cp:keywords>",
            esc(&b.keywords.join(", "))
        ));
    }
    if let Some(bl) = &doc.bottom_line {
        s.push_str(&format!(
            "<dc:description>{}</dc:description>",
            esc(&plain_text(bl))
        ));
    }
    s.push_str(&format!("<dc:language>{}</dc:language>", b.lang_tag));
    if let Some(t) = created {
        let d = w3c_date(t);
        s.push_str(&format!("<dcterms:created xsi:type=\"dcterms:W3CDTF\">{d}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{d}</dcterms:modified>"));
    }
    s.push_str("</cp:coreProperties>");
    s
}

/// The application properties: the program that wrote the file.
pub fn app() -> String {
    format!(
        "{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>briefing {}</Application></Properties>",
        env!("CARGO_PKG_VERSION")
    )
}

/// The custom properties: the marking, when there is one.
pub fn custom(doc: &Document) -> Option<String> {
    let m = doc.marking.as_ref()?;
    Some(format!(
        "{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><property fmtid=\"{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}\" pid=\"2\" name=\"Marking\"><vt:lpwstr>{}</vt:lpwstr></property></Properties>",
        esc(m)
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_w3c() {
        assert_eq!(super::w3c_date(997_660_800), "2001-08-13T00:00:00Z");
    }
}
