//! The exports, a stage beside render: the markup [`Document`] and the
//! [`Briefing`] in, the bytes of a Markdown, plain-text, HTML or Word
//! (DOCX) file out.
//! No command-line types and no I/O here; `cli/export.rs` parses the
//! arguments and writes the files.

mod docx;
mod html;
mod plain;
mod walk;

pub use plain::{Flavor, TEXT_WIDTH};
pub use walk::{credit, notes_for, Part};

use crate::markup::Document;
use crate::model::Briefing;

/// The formats an export can be made in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Format {
    Markdown,
    Text,
    Html,
    /// A Word document (its bytes are a ZIP package).
    Docx,
}

/// The document (or its summary part) in one format. `epoch` (Unix
/// seconds, from `SOURCE_DATE_EPOCH`) dates a Word document; without it
/// the briefing's date does. A Word document is always the whole
/// briefing.
pub fn render(
    doc: &Document,
    b: &Briefing,
    format: Format,
    part: Part,
    epoch: Option<i64>,
) -> Vec<u8> {
    match format {
        Format::Markdown => plain::render(doc, b.language, Flavor::Markdown, part).into_bytes(),
        Format::Text => plain::render(doc, b.language, Flavor::Text, part).into_bytes(),
        Format::Html => html::render(doc, b, part).into_bytes(),
        Format::Docx => docx::render(doc, b, epoch),
    }
}
