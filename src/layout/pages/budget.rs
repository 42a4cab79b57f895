//! The page budget: the briefing laid out at the style's size, and when
//! `max_pages` is set and not met, the largest body size (in 0.1 pt
//! steps, never under 8.5 pt) at which it fits.

use super::flow::layout_at;
use crate::layout::Laidout;
use crate::markup::{Block, Document};
use crate::model::{Language, Style};
use crate::text::Shaper;

/// Lays out a whole briefing at the style's size, shrinking to the page
/// budget when one is set.
pub fn layout(
    doc: &Document,
    style: &Style,
    lang: Language,
    shaper: &Shaper,
) -> Result<Laidout, BudgetError> {
    let first = layout_at(doc, style, lang, shaper, style.base_size);
    let Some(budget) = style.max_pages else {
        return Ok(first);
    };
    if first.pages.len() <= budget as usize {
        return Ok(first);
    }
    let floor = MIN_BUDGET_SIZE.min(style.base_size);
    let at_floor = layout_at(doc, style, lang, shaper, floor);
    if at_floor.pages.len() > budget as usize || floor >= style.base_size {
        return Err(BudgetError {
            budget,
            needed: at_floor.pages.len(),
            floor,
            longest: longest_parts(doc),
        });
    }
    // Binary search over 0.1 pt steps between the floor and the size asked.
    let steps = ((style.base_size - floor) / BUDGET_STEP).round() as i32;
    let (mut lo, mut hi) = (0, steps); // lo fits (the floor); hi does not
    let mut best = at_floor;
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        let size = floor + mid as f32 * BUDGET_STEP;
        let l = layout_at(doc, style, lang, shaper, size);
        if l.pages.len() <= budget as usize {
            lo = mid;
            best = l;
        } else {
            hi = mid;
        }
    }
    Ok(best)
}

/// The page budget never shrinks the body below this (FORMAT.md).
pub const MIN_BUDGET_SIZE: f32 = 8.5;
/// Sizes the budget search tries are this far apart, in points.
pub const BUDGET_STEP: f32 = 0.1;

/// A briefing that cannot fit its page budget.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetError {
    pub budget: u32,
    pub needed: usize,
    pub floor: f32,
    /// The longest parts, by characters, for the author to cut.
    pub longest: Vec<(String, usize)>,
}

fn longest_parts(doc: &Document) -> Vec<(String, usize)> {
    fn len(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::Para(i) => crate::markup::plain_text(i).chars().count(),
                Block::List { items, .. } => items.iter().map(|i| len(i)).sum(),
                Block::Table(t) => t
                    .texts()
                    .map(|c| crate::markup::plain_text(c).chars().count())
                    .sum(),
            })
            .sum()
    }
    let mut parts = vec![("summary".to_string(), len(&doc.summary))];
    for s in &doc.sections {
        parts.push((
            format!("section “{}”", crate::markup::plain_text(&s.heading)),
            len(&s.body),
        ));
    }
    for (i, r) in doc.recommendations.iter().enumerate() {
        let a: usize = r
            .actions
            .iter()
            .map(|a| crate::markup::plain_text(a).len())
            .sum();
        parts.push((format!("recommendation {}", i + 1), len(&r.body) + a));
    }
    parts.push((
        "notes".to_string(),
        doc.notes.iter().map(|n| len(&n.body)).sum(),
    ));
    parts.sort_by_key(|p| std::cmp::Reverse(p.1));
    parts.truncate(3);
    parts
}
