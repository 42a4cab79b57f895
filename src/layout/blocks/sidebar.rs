//! Boxes (`box = true`): a section set as a sidebar, the width of the
//! column, on a tint with a firm accent rule above and a lighter one
//! below, its heading under a small "BOX 1." label. A box that fits in
//! half a page never breaks; a taller one breaks between its lines like
//! running text, each piece on its own strip of tint, so no page shows an
//! open box without its ground. Tagged as an `Aside` (role-mapped to
//! `Div`) holding the heading (H2, label first) and the section's blocks.

use super::ctx::{caps_run, Ctx};
use crate::layout::structure::{NodeId, Tag};
use crate::layout::theme::*;
use crate::layout::vbox::{flatten_spans, shift, VBox, VItem};
use crate::layout::Item;
use crate::markup::Inline;
use crate::model::Language;

/// Tint of a box's ground: lighter than the bottom line's, which is the
/// page's loudest box.
pub const SIDEBAR_TINT: f32 = 0.07;
/// The accent rule over a box and the lighter one under it, in points.
pub const TOP_RULE: f32 = 1.5;
pub const BOTTOM_RULE: f32 = 0.75;

/// "Box 1." in the language.
pub fn box_label(lang: Language, n: u32) -> String {
    format!("{} {n}.", lang.labels().boxed)
}

/// The box's head: the label in tracked capitals, then the heading, both
/// one H2 (a reader hears "Box 1. Who decides"), kept with what follows.
pub fn head(ctx: &mut Ctx, heading: &[Inline], number: u32, width: f32, h2: NodeId) -> VBox {
    let size = ctx.base * STEP_XS;
    let label = box_label(ctx.lang, number);
    let mut run = caps_run(
        ctx.shaper,
        crate::text::fonts::HEADING_SEMIBOLD,
        &label,
        size,
        ctx.accent_text,
        0.1,
    );
    run.y = size;
    // Its own span in the heading, so its spoken words stand apart from
    // the heading's.
    run.tag = Tag::Node(ctx.node(crate::layout::structure::Role::Span, h2));
    super::ctx::trailing_space(ctx.shaper, &mut run);
    // Heard as written, then a space before the heading's words.
    run.spoken = Some(format!("{label} "));
    let hs = ctx.sans(STEP_M, INK, true);
    let text = ctx.text_block(heading, &hs, width, hs.size * 1.22, false, h2);
    let mut out = VBox {
        height: size + ctx.base * 0.3,
        items: vec![Item::Text(run)],
        ..Default::default()
    };
    crate::layout::vbox::append(&mut out, text, 0.0, 0.0);
    out.height += ctx.base * 0.3;
    out.keep_with_next = true;
    out.keep_reason = Some("a box's heading with its text");
    out.bookmark = Some((format!("{label} {}", crate::markup::plain_text(heading)), 0));
    out
}

/// Sets `inner` (the box's head and blocks, laid out `width - 2 × pad`
/// wide from x = 0) in its box, `width` wide: one unbreakable block when
/// it is no taller than `half_page`, else a run of tinted pieces.
pub fn wrap(ctx: &Ctx, inner: Vec<VItem>, width: f32, half_page: f32) -> Vec<VItem> {
    let pad = ctx.base * BOX_PAD;
    let ground = tint(ctx.accent, SIDEBAR_TINT);
    // Spans (a table too wide for the column) cannot leave a box: their
    // blocks stay in it.
    let mut flat = Vec::with_capacity(inner.len());
    flatten_spans(inner, &mut flat);
    let content: f32 = flat
        .iter()
        .map(|v| match v {
            VItem::Box(b) => b.height,
            VItem::Glue(g) => *g,
            _ => 0.0,
        })
        .sum();
    let total = content + 2.0 * pad;
    let top_rule = |w: f32| Item::Line {
        x1: 0.0,
        y1: TOP_RULE / 2.0,
        x2: w,
        y2: TOP_RULE / 2.0,
        width: TOP_RULE,
        color: ctx.accent,
        tag: Tag::LAYOUT,
    };
    let bottom_rule = |w: f32, y: f32| Item::Line {
        x1: 0.0,
        y1: y - BOTTOM_RULE / 2.0,
        x2: w,
        y2: y - BOTTOM_RULE / 2.0,
        width: BOTTOM_RULE,
        color: ctx.accent,
        tag: Tag::LAYOUT,
    };
    let ground_rect = |h: f32| Item::Rect {
        x: 0.0,
        y: 0.0,
        w: width,
        h,
        fill: ground,
        tag: Tag::LAYOUT,
    };
    if total <= half_page {
        let mut items = vec![ground_rect(total), top_rule(width)];
        let mut y = pad;
        let mut bookmark = None;
        for v in flat {
            match v {
                VItem::Box(b) => {
                    bookmark = bookmark.or(b.bookmark);
                    items.extend(b.items.into_iter().map(|i| shift(i, pad, y)));
                    y += b.height;
                }
                VItem::Glue(g) => y += g,
                _ => {}
            }
        }
        items.push(bottom_rule(width, total));
        return vec![VItem::Box(VBox {
            height: total,
            items,
            keep_with_next: false,
            bookmark,
            keep_reason: None,
            // Whole, it may wait for the next column while the text
            // after it fills this one.
            floats: true,
        })];
    }
    // Taller than half a page: pieces that break like running text. The
    // space before a piece is its own tinted top, so the ground never
    // shows a gap, and a piece that opens a column opens with padding.
    let mut out: Vec<VItem> = Vec::new();
    let mut pending = pad;
    let mut first = true;
    for v in flat {
        match v {
            VItem::Glue(g) => pending += g,
            VItem::Box(b) => {
                let h = pending + b.height;
                let mut items = vec![ground_rect(h)];
                if first {
                    items.push(top_rule(width));
                    first = false;
                }
                items.extend(b.items.into_iter().map(|i| shift(i, pad, pending)));
                out.push(VItem::Box(VBox {
                    height: h,
                    items,
                    keep_with_next: b.keep_with_next,
                    bookmark: b.bookmark,
                    keep_reason: b.keep_reason,
                    floats: false,
                }));
                pending = 0.0;
            }
            VItem::Repeat(b) => {
                let mut items = vec![ground_rect(b.height)];
                items.extend(b.items.into_iter().map(|i| shift(i, pad, 0.0)));
                out.push(VItem::Repeat(VBox { items, ..b }));
            }
            other => out.push(other),
        }
    }
    // The last piece takes the bottom padding and the closing rule.
    if let Some(VItem::Box(last)) = out.iter_mut().rev().find(|v| matches!(v, VItem::Box(_))) {
        last.height += pending + pad;
        if let Some(Item::Rect { h, .. }) = last.items.first_mut() {
            *h = last.height;
        }
        last.items.push(bottom_rule(width, last.height));
    }
    out
}
