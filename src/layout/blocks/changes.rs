//! A redline's summary of changes, boxed at the top of page 1 under the
//! masthead: its heading ("Changes since 13 August 2001") in the accent's
//! capitals, then one line per change, each a link to its place.

use super::ctx::{caps_run, Ctx};
use crate::layout::structure::{Role as StructRole, Tag, Tree};
use crate::layout::theme::*;
use crate::layout::vbox::{append, VBox, VItem};
use crate::layout::Item;
use crate::markup::{Block, ChangesBox, Inline};
use crate::text::fonts::HEADING_SEMIBOLD;

fn lines(blocks: &[Block], out: &mut Vec<Vec<Inline>>) {
    for b in blocks {
        match b {
            Block::Para(i) => out.push(i.clone()),
            Block::List { items, .. } => items.iter().for_each(|it| lines(it, out)),
        }
    }
}

pub fn build(ctx: &mut Ctx, cb: &ChangesBox, width: f32) -> Vec<VItem> {
    let b = ctx.base;
    let pad = b * BOX_PAD;
    let inner = width - 2.0 * pad;
    let size = b * LABEL_SIZE;
    let mut label = caps_run(
        ctx.shaper,
        HEADING_SEMIBOLD,
        &cb.heading,
        size,
        ctx.accent_text,
        0.1,
    );
    label.x = pad;
    label.y = pad + size;
    let part = ctx.node(StructRole::Sect, Tree::ROOT);
    label.tag = Tag::Node(ctx.node(StructRole::H2, part));
    let st = ctx.sans(STEP_S, INK, false);
    let mut boxed = VBox {
        height: pad + size,
        ..Default::default()
    };
    let mut all = Vec::new();
    lines(&cb.body, &mut all);
    for (i, l) in all.iter().enumerate() {
        let p = ctx.node(StructRole::P, part);
        let text = ctx.text_block(l, &st, inner, st.size * 1.3, false, p);
        append(
            &mut boxed,
            text,
            if i == 0 { b * 0.45 } else { b * 0.15 },
            pad,
        );
    }
    boxed.height += pad;
    let h = boxed.height;
    let frame = |x1: f32, y1: f32, x2: f32, y2: f32| Item::Line {
        x1,
        y1,
        x2,
        y2,
        width: 0.75,
        color: ctx.accent,
        tag: Tag::LAYOUT,
    };
    let mut items = vec![
        frame(0.0, 0.0, width, 0.0),
        frame(0.0, h, width, h),
        frame(0.0, 0.0, 0.0, h),
        frame(width, 0.0, width, h),
        Item::Text(label),
    ];
    items.append(&mut boxed.items);
    boxed.items = items;
    boxed.bookmark = Some((cb.heading.clone(), 0));
    vec![VItem::Box(boxed), VItem::Glue(ctx.leading() * BLOCK_GAP)]
}
