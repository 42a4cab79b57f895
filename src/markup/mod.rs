//! Markup: the briefing's text fields (markdown, note references, straight
//! quotes) turned into styled runs, and endnotes numbered by first use.

mod document;
mod markdown;
mod span_map;
mod table;
pub use span_map::SpanMap;
pub use table::{Align, Table};
pub mod smart;
mod span;

pub use document::{
    build, ChangesBox, DocExhibit, DocFigure, DocNote, DocPublisher, DocRecommendation, DocSection,
    Document,
};

/// How a run of text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct InlineStyle {
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    /// The language of a passage marked `[…]{lang=xx}`, when it is not
    /// the briefing's.
    pub lang: Option<crate::model::LangTag>,
    /// In a redline (`briefing diff`): the run was inserted, deleted or
    /// moved since the older version; `None` in every plain build.
    pub change: Option<Change>,
}

/// What a redline says of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    Inserted,
    Deleted,
    Moved,
}

/// A change mark: its kind and the change (an entry of the redline's
/// summary) it belongs to, whose place on the page is `chg-{id}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Change {
    pub kind: ChangeKind,
    pub id: u32,
}

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text in one style; `link` is the target URL when it is a link.
    Text {
        text: String,
        style: InlineStyle,
        link: Option<String>,
    },
    /// A `[^key]` reference; `number` is filled in once notes are numbered.
    NoteRef { key: String, number: u32 },
}

/// A block of rich text.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Vec<Inline>),
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    /// A pipe table (sections and recommendations only).
    Table(Box<Table>),
}

/// Plain text of some inlines (for metadata, bookmarks and plain exports):
/// in a redline, the text as it now reads, without its deleted words.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        if let Inline::Text { text, style, .. } = i {
            if style.change.map(|c| c.kind) != Some(ChangeKind::Deleted) {
                s.push_str(text);
            }
        }
    }
    s
}
