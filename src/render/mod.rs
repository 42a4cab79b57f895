//! Render: positioned boxes to printpdf operations, then the finishing a
//! print-ready file needs (metadata, outline, links, a content-derived
//! document ID) on the lopdf document printpdf produces. The renderer
//! never decides where anything goes.

mod finish;
mod ops;

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
    let (doc, marks) = ops::document(laid, fonts, meta)?;
    finish::finish(doc, laid, &marks, meta)
}
