//! The exports, a stage beside render: the markup [`Document`] and the
//! [`Briefing`] in, the bytes of a Markdown, plain-text or HTML file out.
//! No command-line types and no I/O here; `cli/export.rs` parses the
//! arguments and writes the files.

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
}

/// The document (or its summary part) in one format.
pub fn render(doc: &Document, b: &Briefing, format: Format, part: Part) -> Vec<u8> {
    match format {
        Format::Markdown => plain::render(doc, b.language, Flavor::Markdown, part),
        Format::Text => plain::render(doc, b.language, Flavor::Text, part),
        Format::Html => html::render(doc, b, part),
    }
    .into_bytes()
}
