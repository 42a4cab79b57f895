//! A redline's summary of changes, boxed at the top of page 1 under the
//! masthead: its heading ("Changes since 13 August 2001") in the accent's
//! capitals, then one line per change, each a link to its place, with
//! that place's page number at the right, as a table of contents has it.
//! The numbers are known only once the pages are made: the lines are set
//! short of a slot for them, and [`number`] fills the slots after
//! pagination, so the briefing is laid out once.

use std::collections::HashMap;

use super::ctx::{caps_run, text_run, Ctx};
use crate::layout::structure::{NodeId, Role as StructRole, Tag, Tree};
use crate::layout::theme::*;
use crate::layout::vbox::{append, VBox, VItem};
use crate::layout::{Item, Page};
use crate::markup::{Block, ChangesBox, Inline};
use crate::text::fonts::HEADING_SEMIBOLD;
use crate::text::{Features, Role};

/// The slot for a page number at a line's right, in body sizes.
const SLOT: f32 = 2.4;
/// What marks a slot until the pages are made: `pageof:ID:NODE`.
const SLOT_MARK: &str = "pageof:";

fn lines(blocks: &[Block], out: &mut Vec<Vec<Inline>>) {
    for b in blocks {
        match b {
            Block::Para(i) => out.push(i.clone()),
            Block::List { items, .. } => items.iter().for_each(|it| lines(it, out)),
            Block::Table(t) => out.extend(t.texts().map(<[Inline]>::to_vec)),
        }
    }
}

/// The change a summary line links to (`#chg-ID`).
fn change_id(inl: &[Inline]) -> Option<u32> {
    inl.iter().find_map(|i| match i {
        Inline::Text { link: Some(l), .. } => l.strip_prefix("#chg-").and_then(|n| n.parse().ok()),
        _ => None,
    })
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
    let slot = b * SLOT;
    for (i, l) in all.iter().enumerate() {
        let p = ctx.node(StructRole::P, part);
        let id = change_id(l);
        let w = if id.is_some() { inner - slot } else { inner };
        let text = ctx.text_block(l, &st, w, st.size * 1.3, false, p);
        let gap = if i == 0 { b * 0.45 } else { b * 0.15 };
        append(&mut boxed, text, gap, pad);
        if let Some(id) = id {
            // The last line's baseline: where the page number goes.
            let y = boxed
                .items
                .iter()
                .rev()
                .find_map(|it| match it {
                    Item::Text(r) => Some(r.y),
                    _ => None,
                })
                .unwrap_or(boxed.height);
            boxed.items.push(Item::Anchor {
                name: format!("{SLOT_MARK}{id}:{}", p.0),
                x: pad + inner,
                y,
            });
        }
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

/// Fills each summary line's slot with the page its change's first mark
/// is on (the named place `chg-ID` that [`crate::layout::marks`] made),
/// right-aligned, in the line's element and linked to the place; a change
/// with no mark on any page leaves its slot empty.
pub fn number(ctx: &Ctx, pages: &mut [Page]) {
    let mut at: HashMap<u32, usize> = HashMap::new();
    for (pi, p) in pages.iter().enumerate() {
        for it in &p.items {
            if let Item::Anchor { name, .. } = it {
                if let Some(id) = name.strip_prefix("chg-").and_then(|n| n.parse().ok()) {
                    at.entry(id).or_insert(pi + 1);
                }
            }
        }
    }
    let face = ctx.shaper.fonts.face(Role::Heading, false, false);
    let size = ctx.base * STEP_S;
    for p in pages.iter_mut() {
        // Each slot's number takes the slot's place among the items, right
        // after its line's text: read in order, in the text and the tree.
        let items = std::mem::take(&mut p.items);
        for it in items {
            let slot = match &it {
                Item::Anchor { name, x, y } => name.strip_prefix(SLOT_MARK).map(|r| (r, *x, *y)),
                _ => None,
            };
            let Some((rest, x, y)) = slot else {
                p.items.push(it);
                continue;
            };
            let mut parts = rest.split(':').filter_map(|n| n.parse::<u32>().ok());
            let (Some(id), Some(node)) = (parts.next(), parts.next()) else {
                continue;
            };
            if let Some(page) = at.get(&id) {
                let mut run = text_run(
                    ctx.shaper,
                    face,
                    Features::Tabular,
                    &page.to_string(),
                    size,
                    ctx.accent_text,
                    0.0,
                );
                run.x = x - run.width;
                run.y = y;
                run.tag = Tag::Node(NodeId(node));
                p.items.push(Item::Text(run));
            }
        }
    }
}
