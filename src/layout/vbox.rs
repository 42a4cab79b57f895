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
}

/// One thing in a vertical list.
#[derive(Debug, Clone, PartialEq)]
pub enum VItem {
    Box(VBox),
    /// Space, dropped at the top of a column.
    Glue(f32),
}

/// A run of blocks set in the same number of columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub columns: u8,
    pub items: Vec<VItem>,
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
        if let VItem::Box(b) = v {
            b.tag_unset(tag);
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
