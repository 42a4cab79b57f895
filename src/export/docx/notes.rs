//! `word/endnotes.xml`: the briefing's notes as Word endnotes, one for
//! each note, in the PDF's order (Word numbers endnotes by where their
//! references stand, and the first references stand in the order the PDF
//! numbers by). Word holds no note inside a note, so a note cited only
//! from other notes is printed inside the first note that cites it, after
//! its text, under its PDF number.

use std::collections::BTreeSet;

use super::body::{list, para};
use super::numbering::Lists;
use super::runs::{note_id, Runs, Story};
use super::xml::{DECL, NS_R, NS_W};
use crate::markup::{Block, DocNote, InlineStyle};

/// The separators Word draws above the endnotes (ids 0 and 1, which
/// `settings.xml` names).
const SEPARATORS: &str = "<w:endnote w:type=\"separator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:endnote><w:endnote w:type=\"continuationSeparator\" w:id=\"1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:endnote>";

/// The endnotes part.
pub fn xml(notes: &[DocNote], runs: &mut Runs, lists: &mut Lists) -> String {
    let mut s = format!("{DECL}<w:endnotes xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_R}\">{SEPARATORS}");
    let mut printed = BTreeSet::new();
    for n in notes {
        if !runs.placed.contains(&n.number) {
            continue;
        }
        printed.insert(n.number);
        let mark = "<w:r><w:rPr><w:rStyle w:val=\"EndnoteReference\"/></w:rPr><w:endnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r>";
        let mut body = blocks(&n.body, mark, runs, lists);
        // The notes this one brings in, and those they bring in.
        let mut i = 0;
        while i < runs.nested.len() {
            let m = runs.nested[i];
            i += 1;
            if !printed.insert(m) {
                continue;
            }
            let Some(inner) = notes.iter().find(|x| x.number == m) else {
                continue;
            };
            let number = runs.text(
                Story::Note,
                &format!("{m}. "),
                InlineStyle {
                    bold: true,
                    ..Default::default()
                },
                None,
            );
            body.push_str(&blocks(&inner.body, &number, runs, lists));
        }
        s.push_str(&format!(
            "<w:endnote w:id=\"{}\">{body}</w:endnote>",
            note_id(n.number)
        ));
    }
    s.push_str("</w:endnotes>");
    s
}

/// A note's blocks, `lead` (its mark) opening the first paragraph.
fn blocks(bs: &[Block], lead: &str, runs: &mut Runs, lists: &mut Lists) -> String {
    let mut out = String::new();
    let mut lead = Some(lead.to_string());
    for b in bs {
        match b {
            Block::Para(inl) => {
                let text = runs.inlines(Story::Note, inl);
                let text = format!("{}{text}", lead.take().unwrap_or_default());
                out.push_str(&para("EndnoteText", "", &text));
            }
            Block::List { .. } => {
                if let Some(l) = lead.take() {
                    out.push_str(&para("EndnoteText", "", &l));
                }
                out.push_str(&list(runs, lists, Story::Note, b, 0));
            }
            // Notes hold no tables (markup reports one as an error).
            Block::Table(_) => {}
        }
    }
    if let Some(l) = lead {
        out.push_str(&para("EndnoteText", "", &l));
    }
    out
}
