//! Pagination with the decisions that need a first try: where the
//! publisher's contact box goes (the foot of page 1 when it has the room,
//! else after the recommendations), and a last page that would hold only
//! a fragment, pulled back by tightening the space between blocks.

use super::paginate;
use crate::layout::geometry::Geometry;
use crate::layout::vbox::{shift, Flow, VBox, VItem};
use crate::layout::{Bookmark, Item, Page};

/// A last page filled less than this share (a sixth) of its type area holds only
/// a fragment (the tail of the notes, one recommendation).
pub const FRAGMENT: f32 = 0.15;
/// How far the space between blocks may tighten to pull a fragment back:
/// each step in turn, never below 70% of the design's.
const SQUEEZE: [f32; 3] = [0.9, 0.8, 0.7];
/// Flows with more items than this are paginated once: the retries
/// would cost more than a short last page does in a long briefing.
const RETRY_ITEMS: usize = 20_000;

type Paged = (Vec<Page>, Vec<Bookmark>, Vec<String>);

/// Paginates `flows`, placing `contact` (a box and the flow it follows
/// when it does not fit on page 1), and, with `squeeze`, tightens the
/// spacing when the last page would hold only a fragment.
pub fn paginate(
    flows: Vec<Flow>,
    contact: Option<(usize, VBox)>,
    g: &Geometry,
    gutter: f32,
    gap: f32,
    squeeze: bool,
) -> Paged {
    let items: usize = flows.iter().map(|f| f.items.len()).sum();
    let retry = squeeze && items <= RETRY_ITEMS;
    let backup = retry.then(|| (flows.clone(), contact.clone()));
    let spare = backup.as_ref().map(|(f, _)| f.as_slice());
    let first = with_contact(flows, spare, contact, g, gutter, gap);
    let Some((flows, contact)) = backup else {
        return first;
    };
    let area = g.bottom - g.top;
    let filled = |p: &Paged| {
        p.0.last()
            .map_or(1.0, |pg| (content_bottom(&pg.items) - g.top) / area)
    };
    if first.0.len() < 2 || filled(&first) >= FRAGMENT {
        return first;
    }
    for scale in SQUEEZE {
        let tight: Vec<Flow> = flows.iter().cloned().map(|f| squeezed(f, scale)).collect();
        let mut tried = with_contact(tight, None, contact.clone(), g, gutter, gap);
        if tried.0.len() < first.0.len() {
            tried.2.push(format!(
                "the last page held only a fragment: the space between blocks is set at {:.0}% to bring it back",
                scale * 100.0
            ));
            return tried;
        }
    }
    let mut first = first;
    first.2.push(format!(
        "page {} holds only {:.0}% of a page: tightening the space between blocks to 70% did not bring it back",
        first.0.len(),
        filled(&first) * 100.0
    ));
    first
}

/// The flow's space between blocks at `scale`.
fn squeezed(mut f: Flow, scale: f32) -> Flow {
    fn walk(items: &mut [VItem], scale: f32) {
        for v in items {
            match v {
                VItem::Glue(g) => *g *= scale,
                VItem::Span(inner) => walk(inner, scale),
                _ => {}
            }
        }
    }
    walk(&mut f.items, scale);
    f
}

/// Paginates `flows` with the contact box placed; `spare` is a copy of
/// the flows the caller keeps anyway, to start again from when the box
/// does not fit on page 1 (else a copy is made here, only when there is a
/// box).
fn with_contact(
    flows: Vec<Flow>,
    spare: Option<&[Flow]>,
    contact: Option<(usize, VBox)>,
    g: &Geometry,
    gutter: f32,
    gap: f32,
) -> Paged {
    let Some((at, boxed)) = contact else {
        return paginate::paginate(flows, g, gutter);
    };
    let own = spare.is_none().then(|| flows.clone());
    let mut laid = paginate::paginate(flows, g, gutter);
    let foot = g.bottom - boxed.height;
    if content_bottom(&laid.0[0].items) + gap <= foot {
        laid.0[0]
            .items
            .extend(boxed.items.into_iter().map(|i| shift(i, g.left, foot)));
        return laid;
    }
    let mut flows = match (own, spare) {
        (Some(own), _) => own,
        (None, Some(spare)) => spare.to_vec(),
        (None, None) => unreachable!("a copy is made when there is no spare"),
    };
    flows.insert(
        at,
        Flow {
            columns: 1,
            items: vec![VItem::Glue(gap), VItem::Box(boxed)],
            grid: None,
        },
    );
    paginate::paginate(flows, g, gutter)
}

/// The lowest point that anything on a page reaches (a line's descent
/// counted), from the page's top.
pub fn content_bottom(items: &[Item]) -> f32 {
    items
        .iter()
        .map(|i| match i {
            Item::Text(r) => r.y + r.size * 0.3,
            Item::Rect { y, h, .. } | Item::Image { y, h, .. } => y + h,
            Item::Line { y1, y2, .. } => y1.max(*y2),
            Item::Path { points, .. } => points.iter().map(|p| p.1).fold(0.0, f32::max),
            Item::Link { .. } | Item::Anchor { .. } => 0.0,
        })
        .fold(0.0, f32::max)
}
