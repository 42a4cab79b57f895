//! Vertical boxes: what the block builders produce and the paginator
//! cuts into pages, and the moves that stack them.

use super::Item;

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
pub fn shift(item: Item, dx: f32, dy: f32) -> Item {
    match item {
        Item::Text(mut r) => {
            r.x += dx;
            r.y += dy;
            Item::Text(r)
        }
        Item::Rect { x, y, w, h, fill } => Item::Rect {
            x: x + dx,
            y: y + dy,
            w,
            h,
            fill,
        },
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
        } => Item::Line {
            x1: x1 + dx,
            y1: y1 + dy,
            x2: x2 + dx,
            y2: y2 + dy,
            width,
            color,
        },
        Item::Path {
            points,
            width,
            stroke,
            fill,
        } => Item::Path {
            points: points.into_iter().map(|(x, y)| (x + dx, y + dy)).collect(),
            width,
            stroke,
            fill,
        },
        Item::Link { x, y, w, h, target } => Item::Link {
            x: x + dx,
            y: y + dy,
            w,
            h,
            target,
        },
        Item::Anchor { name, x, y } => Item::Anchor {
            name,
            x: x + dx,
            y: y + dy,
        },
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
