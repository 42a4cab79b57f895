//! Vertical boxes: what the block builders produce and the paginator
//! cuts into pages, and the moves that stack them.

use super::{Item, Tag};

/// A box that stacks vertically: items relative to its top-left corner.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VBox {
    pub height: f32,
    pub items: Vec<Item>,
    /// Never break between this box and the next one.
    pub keep_with_next: bool,
    /// An outline entry that points at this box: (title, level).
    pub bookmark: Option<(String, u8)>,
    /// Name of the rule that binds it to the next box, for the report.
    pub keep_reason: Option<&'static str>,
    /// A block that may move past the running text after it (a figure, a
    /// box) to the next column or page rather than leave a hole where it
    /// does not fit: the text after it fills the room.
    pub floats: bool,
}

/// One thing in a vertical list.
#[derive(Debug, Clone, PartialEq)]
pub enum VItem {
    Box(VBox),
    /// Space, dropped at the top of a column.
    Glue(f32),
    /// The boxes after it, up to [`VItem::RepeatEnd`], are a table's
    /// body rows: a unit of them that starts a column is set under this
    /// box (the "(continued)" line and the header again).
    Repeat(VBox),
    RepeatEnd,
    /// Blocks across the whole text width in a flow of several columns
    /// (a table too wide for one): the flow stops for them.
    Span(Vec<VItem>),
}

/// Moves the boxes of `items` right by `dx`.
pub fn indent(items: &mut [VItem], dx: f32) {
    for v in items {
        match v {
            VItem::Box(b) | VItem::Repeat(b) => {
                let moved = std::mem::take(&mut b.items);
                b.items = moved.into_iter().map(|i| shift(i, dx, 0.0)).collect();
            }
            VItem::Span(inner) => indent(inner, dx),
            VItem::Glue(_) | VItem::RepeatEnd => {}
        }
    }
}

/// Cuts a flow's items where blocks span the text width: runs of items
/// in the flow's columns, and (flagged `true`) runs across the page.
pub fn split_spans(items: Vec<VItem>) -> Vec<(bool, Vec<VItem>)> {
    let mut out: Vec<(bool, Vec<VItem>)> = vec![(false, Vec::new())];
    for v in items {
        match v {
            VItem::Span(mut inner) => {
                // The space before the spanning blocks goes with them: a
                // flow's trailing space is dropped where it ends.
                let mut lead = Vec::new();
                if let Some(last) = out.last_mut() {
                    while matches!(last.1.last(), Some(VItem::Glue(_))) {
                        lead.extend(last.1.pop());
                    }
                }
                lead.reverse();
                lead.append(&mut inner);
                out.push((true, lead));
                out.push((false, Vec::new()));
            }
            v => {
                if let Some(last) = out.last_mut() {
                    last.1.push(v);
                }
            }
        }
    }
    out.retain(|(_, items)| items.iter().any(|v| !matches!(v, VItem::Glue(_))));
    out
}

/// The items with every [`VItem::Span`] opened in place (where a flow
/// cannot leave its columns: a flow of one column, a box).
pub fn flatten_spans(items: Vec<VItem>, out: &mut Vec<VItem>) {
    for it in items {
        match it {
            VItem::Span(inner) => flatten_spans(inner, out),
            it => out.push(it),
        }
    }
}

/// A run of blocks set in the same number of columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub columns: u8,
    pub items: Vec<VItem>,
    /// The baseline grid of a run of columns: the body's line pitch, so
    /// lines side by side stand level. Lines of that height start on it,
    /// and what is not a line (a heading, a figure, space) is followed by
    /// the next line on it.
    pub grid: Option<f32>,
}

/// Moves an item by (dx, dy).
pub fn shift(mut item: Item, dx: f32, dy: f32) -> Item {
    match &mut item {
        Item::Text(r) => {
            r.x += dx;
            r.y += dy;
        }
        Item::Rect { x, y, .. }
        | Item::Image { x, y, .. }
        | Item::Link { x, y, .. }
        | Item::Anchor { x, y, .. } => {
            *x += dx;
            *y += dy;
        }
        Item::Line { x1, y1, x2, y2, .. } => {
            *x1 += dx;
            *y1 += dy;
            *x2 += dx;
            *y2 += dy;
        }
        Item::Path { points, .. } => {
            for p in points {
                p.0 += dx;
                p.1 += dy;
            }
        }
    }
    item
}

impl VBox {
    /// Tags every item that has no tag yet.
    pub fn tag_unset(&mut self, tag: Tag) {
        for it in &mut self.items {
            it.tag_unset(tag);
        }
    }
}

/// Tags every item of the boxes in `items` that has no tag yet.
pub fn tag_unset(items: &mut [VItem], tag: Tag) {
    for v in items {
        match v {
            VItem::Box(b) | VItem::Repeat(b) => b.tag_unset(tag),
            VItem::Span(inner) => tag_unset(inner, tag),
            VItem::Glue(_) | VItem::RepeatEnd => {}
        }
    }
}

/// Boxes stacked into one.
pub fn stack(boxes: Vec<VBox>) -> VBox {
    let mut out = VBox::default();
    for b in boxes {
        let dy = out.height;
        out.items
            .extend(b.items.into_iter().map(|i| shift(i, 0.0, dy)));
        out.height += b.height;
    }
    out
}

/// Appends a box below another, `gap` apart.
pub fn append(into: &mut VBox, b: VBox, gap: f32, dx: f32) {
    let dy = into.height + gap;
    into.items
        .extend(b.items.into_iter().map(|i| shift(i, dx, dy)));
    into.height = dy + b.height;
}
