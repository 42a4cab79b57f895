//! The page budget: the briefing laid out at the style's size, and when
//! `max_pages` is set and not met, the largest body size (in 0.1 pt
//! steps, never under 8.5 pt) at which it fits.

use super::flow::layout_at;
use crate::layout::geometry::Geometry;
use crate::layout::page::Item;
use crate::layout::structure::{Artifact, Tag};
use crate::layout::theme::CHROME_SIZE;
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
    let steps = ((style.base_size - floor) / BUDGET_STEP).round() as i32;
    let fail = |needed: usize| BudgetError {
        budget,
        needed,
        floor,
        longest: longest_parts(doc),
    };
    if steps <= 0 {
        return Err(fail(first.pages.len()));
    }
    let probe = |k: i32| layout_at(doc, style, lang, shaper, floor + k as f32 * BUDGET_STEP);
    let fits = |l: &Laidout| l.pages.len() <= budget as usize;
    // The largest step that fits is found from a guess rather than by
    // bisecting the whole range: text fills area, so the pages a briefing
    // fills grow about as the square of its size. The guess and its
    // neighbour take two layouts where bisection takes five.
    let filled = pages_filled(&first, &geometry_at(doc, style, style.base_size));
    let guess = style.base_size * (budget as f32 / filled).sqrt();
    let k = (((guess - floor) / BUDGET_STEP).floor() as i32).clamp(0, steps - 1);
    let at_guess = probe(k);
    if fits(&at_guess) {
        // Upwards a step at a time: the guess is seldom short by more.
        let mut best = (k, at_guess);
        while best.0 + 1 < steps {
            let next = probe(best.0 + 1);
            if !fits(&next) {
                break;
            }
            best = (best.0 + 1, next);
        }
        return Ok(best.1);
    }
    // Downwards, doubling the stride until a step fits, then bisect
    // between it (`lo`, fits) and the last that did not (`hi`).
    let (mut hi, mut stride, mut last) = (k, 1, at_guess);
    let (mut lo, mut best) = loop {
        if hi == 0 {
            return Err(fail(last.pages.len()));
        }
        let k = (hi - stride).max(0);
        let l = probe(k);
        if fits(&l) {
            break (k, l);
        }
        (hi, stride, last) = (k, stride * 2, l);
    };
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        let l = probe(mid);
        if fits(&l) {
            (lo, best) = (mid, l);
        } else {
            hi = mid;
        }
    }
    Ok(best)
}

/// The geometry [`layout_at`] sets a briefing in at `base`.
fn geometry_at(doc: &Document, style: &Style, base: f32) -> Geometry {
    let g = Geometry::for_layout(style.paper, style.columns);
    match doc.marking {
        Some(_) => g.marked(base * CHROME_SIZE),
        None => g,
    }
}

/// Pages a layout fills: the full pages before the last, and the share
/// of the last page's type area down to its lowest block.
fn pages_filled(l: &Laidout, g: &Geometry) -> f32 {
    let Some(last) = l.pages.last() else {
        return 0.0;
    };
    let low = last
        .items
        .iter()
        .filter(|i| {
            !matches!(
                i.tag(),
                Some(Tag::Artifact(Artifact::Header | Artifact::Footer))
            )
        })
        .filter_map(|i| match i {
            Item::Text(r) => Some(r.y),
            Item::Rect { y, h, .. } | Item::Image { y, h, .. } => Some(y + h),
            Item::Line { y1, y2, .. } => Some(y1.max(*y2)),
            Item::Path { points, .. } => points.iter().map(|p| p.1).reduce(f32::max),
            Item::Link { .. } | Item::Anchor { .. } => None,
        })
        .fold(g.top, f32::max);
    let share = ((low - g.top) / (g.bottom - g.top)).clamp(0.05, 1.0);
    (l.pages.len() - 1) as f32 + share
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
