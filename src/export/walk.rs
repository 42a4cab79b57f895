//! What the exports share: how much of the briefing an export holds, the
//! notes it prints (under the numbers the PDF gives them) and the source
//! credit as a mail or a file prints it.

use std::collections::BTreeSet;

use crate::markup::{Block, DocNote, Document, Inline};

/// How much of the briefing an export holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    Whole,
    /// The bottom line, the summary and the recommendations' titles, with
    /// the notes those cite (under their numbers in the PDF).
    Summary,
}

/// The notes an export prints: all of them, or for a summary those its
/// parts cite (and the notes those notes cite), keeping their numbers.
pub fn notes_for(doc: &Document, part: Part) -> Vec<&DocNote> {
    if part == Part::Whole {
        return doc.notes.iter().collect();
    }
    let mut cited = BTreeSet::new();
    if let Some(bl) = &doc.bottom_line {
        refs_in(bl, &mut cited);
    }
    blocks_refs(&doc.summary, &mut cited);
    for r in &doc.recommendations {
        refs_in(&r.title, &mut cited);
    }
    // Notes cited by the notes kept, until nothing new is found.
    loop {
        let before = cited.len();
        for n in &doc.notes {
            if cited.contains(&n.number) {
                blocks_refs(&n.body, &mut cited);
            }
        }
        if cited.len() == before {
            break;
        }
    }
    doc.notes
        .iter()
        .filter(|n| cited.contains(&n.number))
        .collect()
}

fn refs_in(inl: &[Inline], out: &mut BTreeSet<u32>) {
    for i in inl {
        if let Inline::NoteRef { number, .. } = i {
            out.insert(*number);
        }
    }
}

fn blocks_refs(bs: &[Block], out: &mut BTreeSet<u32>) {
    for b in bs {
        match b {
            Block::Para(inl) => refs_in(inl, out),
            Block::List { items, .. } => items.iter().for_each(|it| blocks_refs(it, out)),
            Block::Table(t) => t.texts().for_each(|c| refs_in(c, out)),
        }
    }
}

/// The source credit as an export prints it: the PDF links the title and
/// also prints the address (paper cannot be clicked); a mail needs it once.
/// Markdown and HTML keep the linked title, plain text the address.
pub fn credit(doc: &Document, linked_title: bool) -> Option<Vec<Inline>> {
    let mut inl = doc.source_credit.clone()?;
    let url = inl.iter().find_map(|i| match i {
        Inline::Text {
            link: Some(l),
            style,
            ..
        } if style.italic => Some(l.clone()),
        _ => None,
    });
    let Some(url) = url else { return Some(inl) };
    if linked_title {
        inl.retain(|i| {
            !matches!(i, Inline::Text { text, link: Some(l), style } if *l == url && !style.italic && text.trim() == url)
        });
    } else {
        for i in &mut inl {
            if let Inline::Text {
                link, style, text, ..
            } = i
            {
                if style.italic && link.as_deref() == Some(url.as_str()) && text.trim() != url {
                    *link = None;
                }
            }
        }
    }
    Some(inl)
}

/// Links an export may carry: web addresses and mail addresses (not
/// `javascript:`, `file:` or anything else a reader's program would run).
pub fn safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
}
