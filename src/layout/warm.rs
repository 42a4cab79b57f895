//! Shaping ahead of layout, on a second core: the words of the running
//! text (summary, sections, recommendations, notes), from the last
//! paragraph back, into the shared cache of [`crate::text::shape`].
//! Layout works from the first paragraph on; where the two meet, every
//! word layout needs is shaped already. Hyphenation is left to layout:
//! most paragraphs need none (see [`super::paragraph`]).
//!
//! Nothing here decides anything: a word is shaped exactly as
//! [`super::paragraph::inline::WordBuilder`] would shape it (same face, features and
//! text), so the layout is the same with or without it, only sooner.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::markup::{Block, Document, Inline};
use crate::text::{Features, Role, Shaper};

/// Shapes the running text's words, last paragraph first,
/// until done or until `stop` is set (layout finished).
pub fn warm(doc: &Document, shaper: &Shaper, stop: &AtomicBool) {
    let mut paras: Vec<&[Inline]> = Vec::new();
    collect(&doc.summary, &mut paras);
    for s in &doc.sections {
        collect(&s.body, &mut paras);
    }
    for r in &doc.recommendations {
        collect(&r.body, &mut paras);
        paras.extend(r.actions.iter().map(Vec::as_slice));
    }
    for n in &doc.notes {
        collect(&n.body, &mut paras);
    }
    for inlines in paras.into_iter().rev() {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        for inline in inlines {
            let Inline::Text { text, style, .. } = inline else {
                continue;
            };
            // The body style: serif, upright, text figures (see
            // `Ctx::body_style` and `WordBuilder::face`).
            let role = if style.code {
                Role::Heading
            } else {
                Role::Body
            };
            let face = shaper.fonts.face(role, style.bold, style.italic);
            let features = if style.code {
                Features::Plain
            } else {
                Features::Text
            };
            for piece in text.split([' ', '\n', '\t']).filter(|p| !p.is_empty()) {
                shaper.shape(face, features, piece);
            }
        }
    }
}

fn collect<'a>(blocks: &'a [Block], out: &mut Vec<&'a [Inline]>) {
    for b in blocks {
        match b {
            Block::Para(inlines) => out.push(inlines),
            Block::List { items, .. } => items.iter().for_each(|i| collect(i, out)),
            Block::Table(t) => out.extend(t.texts()),
        }
    }
}
