//! Runs of text: emphasis, code, links as Word hyperlinks, and note
//! references. A note's first reference in the text is a real Word endnote
//! reference (Word numbers it, in reading order, as the PDF does) inside a
//! bookmark; a later reference to the same note is a `NOTEREF` field to
//! that bookmark, which shows the same number and follows it when an
//! editor adds or moves notes.

use std::collections::BTreeSet;

use super::xml::{esc, Rels};
use crate::export::walk::safe_link;
use crate::markup::{ChangeKind, Inline, InlineStyle};

/// Where runs are written: the document's text or an endnote. Each has
/// its own relationships (a link in a note is the notes part's).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Story {
    Body,
    Note,
}

/// What the writing of runs keeps between paragraphs.
#[derive(Default)]
pub struct Runs {
    pub body_rels: Rels,
    pub note_rels: Rels,
    /// Notes whose endnote reference is already in the text.
    pub placed: BTreeSet<u32>,
    /// Notes cited only from other notes, in the order first cited there:
    /// Word holds no note inside a note, so each is printed in the note
    /// that cites it.
    pub nested: Vec<u32>,
    /// Who made a redline's changes and when (`w:author`, `w:date`).
    pub revision: (String, String),
    /// The last tracked change's id.
    pub changes: u32,
}

/// A redline's reviser and date: NEW's first author (else "briefing")
/// and its date, as Word's tracked changes carry them.
pub fn revision_of(b: &crate::model::Briefing) -> (String, String) {
    let author = b
        .authors
        .first()
        .map_or_else(|| "briefing".to_string(), |a| a.name.text.clone());
    let date = b.date.map_or_else(String::new, |d| {
        format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month, d.day)
    });
    (author, date)
}

/// A note's endnote id: 0 and 1 are the separators.
pub fn note_id(n: u32) -> u32 {
    n + 1
}

/// The bookmark around a note's first reference (a leading `_` keeps it
/// out of Word's list of bookmarks, as Word's own cross-references do).
fn bookmark(n: u32) -> String {
    format!("_RefNote{n}")
}

const REF_RPR: &str = "<w:rPr><w:rStyle w:val=\"EndnoteReference\"/></w:rPr>";

impl Runs {
    /// The runs of `inl`.
    pub fn inlines(&mut self, story: Story, inl: &[Inline]) -> String {
        let mut out = String::new();
        for i in inl {
            match i {
                Inline::Text { text, style, link } => {
                    out.push_str(&self.text(story, text, *style, link.as_deref()))
                }
                Inline::NoteRef { number, .. } => out.push_str(&self.note_ref(story, *number)),
            }
        }
        out
    }

    /// One run of text, in a hyperlink when it is a link (web and mail
    /// addresses only, as in the HTML export).
    pub fn text(
        &mut self,
        story: Story,
        text: &str,
        style: InlineStyle,
        link: Option<&str>,
    ) -> String {
        let link = link.filter(|l| safe_link(l));
        let mut rpr = String::new();
        if style.code {
            rpr.push_str("<w:rStyle w:val=\"VerbatimChar\"/>");
        } else if link.is_some() {
            rpr.push_str("<w:rStyle w:val=\"Hyperlink\"/>");
        }
        if style.bold {
            rpr.push_str("<w:b/>");
        }
        if style.italic {
            rpr.push_str("<w:i/>");
        }
        if let Some(l) = style.lang {
            rpr.push_str(&format!("<w:lang w:val=\"{l}\"/>"));
        }
        let rpr = if rpr.is_empty() {
            rpr
        } else {
            format!("<w:rPr>{rpr}</w:rPr>")
        };
        let text = text.replace(['\n', '\r'], " ");
        let deleted = style.change.map(|c| c.kind) == Some(ChangeKind::Deleted);
        let t = if deleted { "w:delText" } else { "w:t" };
        let mut run = format!(
            "<w:r>{rpr}<{t} xml:space=\"preserve\">{}</{t}></w:r>",
            esc(&text)
        );
        // A redline's change, as a Word tracked change the reviewer can
        // accept or reject (a moved paragraph reads as plain text).
        let tracked = match style.change.map(|c| c.kind) {
            Some(ChangeKind::Inserted) => Some("w:ins"),
            Some(ChangeKind::Deleted) => Some("w:del"),
            _ => None,
        };
        if let Some(tag) = tracked {
            self.changes += 1;
            let (author, date) = &self.revision;
            let date = if date.is_empty() {
                String::new()
            } else {
                format!(" w:date=\"{date}\"")
            };
            run = format!(
                "<{tag} w:id=\"{}\" w:author=\"{}\"{date}>{run}</{tag}>",
                100_000 + self.changes,
                esc(author)
            );
        }
        match link {
            Some(url) => {
                let rels = match story {
                    Story::Body => &mut self.body_rels,
                    Story::Note => &mut self.note_rels,
                };
                let id = rels.link(url.trim());
                format!("<w:hyperlink r:id=\"{id}\" w:history=\"1\">{run}</w:hyperlink>")
            }
            None => run,
        }
    }

    /// A reference to note `n`.
    pub fn note_ref(&mut self, story: Story, n: u32) -> String {
        if story == Story::Body && self.placed.insert(n) {
            return format!(
                "<w:bookmarkStart w:id=\"{n}\" w:name=\"{b}\"/><w:r>{REF_RPR}<w:endnoteReference w:id=\"{id}\"/></w:r><w:bookmarkEnd w:id=\"{n}\"/>",
                b = bookmark(n),
                id = note_id(n)
            );
        }
        if self.placed.contains(&n) {
            // Word's cross-reference to a note: its number, formatted as a
            // note reference (\f) and linked to it (\h).
            let field =
                |kind: &str| format!("<w:r>{REF_RPR}<w:fldChar w:fldCharType=\"{kind}\"/></w:r>");
            return format!(
                "{}<w:r>{REF_RPR}<w:instrText xml:space=\"preserve\"> NOTEREF {} \\f \\h </w:instrText></w:r>{}<w:r>{REF_RPR}<w:t>{n}</w:t></w:r>{}",
                field("begin"),
                bookmark(n),
                field("separate"),
                field("end")
            );
        }
        // Cited only from notes: its number, and its text in the citing note.
        if !self.nested.contains(&n) {
            self.nested.push(n);
        }
        format!("<w:r>{REF_RPR}<w:t>{n}</w:t></w:r>")
    }
}
