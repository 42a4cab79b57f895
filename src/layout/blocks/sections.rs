//! The bottom line, the summary and the body sections (with their
//! figures), and the part labels ("KEY FIGURES") that open each part of the briefing.

use super::ctx::{caps_run, Ctx};
use super::{exhibit, sidebar};
use crate::layout::paragraph::inline::TextStyle;
use crate::layout::structure::{NodeId, Role as StructRole, Tag, Tree};
use crate::layout::theme::*;
use crate::layout::vbox::{append, VBox, VItem};
use crate::layout::Item;
use crate::markup::{DocSection, Document};
use crate::model::FigureWidth;
use crate::text::fonts::HEADING_SEMIBOLD;

/// A part label: tracked capitals in the accent over a hairline, the
/// heading `node` of its part. Kept with what follows.
pub fn part_label(ctx: &Ctx, label: &str, width: f32, node: NodeId) -> VBox {
    let size = ctx.base * LABEL_SIZE;
    let mut run = caps_run(
        ctx.shaper,
        HEADING_SEMIBOLD,
        label,
        size,
        ctx.accent_text,
        0.1,
    );
    run.y = size;
    run.tag = Tag::Node(node);
    let rule_y = size + size * 0.55;
    VBox {
        height: rule_y + ctx.base * 0.55,
        items: vec![
            Item::Text(run),
            Item::Line {
                x1: 0.0,
                y1: rule_y,
                x2: width,
                y2: rule_y,
                width: 0.5,
                color: ctx.accent,
                tag: Tag::LAYOUT,
            },
        ],
        keep_with_next: true,
        bookmark: Some((label.to_string(), 0)),
        keep_reason: Some("a label with its first lines"),
        floats: false,
    }
}

/// The bottom line in its tinted box, then the summary.
pub fn summary(ctx: &mut Ctx, doc: &Document, width: f32) -> Vec<VItem> {
    let labels = ctx.lang.labels();
    let mut out = Vec::new();
    if let Some(bl) = &doc.bottom_line {
        let b = ctx.base;
        let pad = b * BOX_PAD;
        let bar = 3.0;
        let inner = width - 2.0 * pad - bar;
        let size = b * LABEL_SIZE;
        let mut label = caps_run(
            ctx.shaper,
            HEADING_SEMIBOLD,
            labels.bottom_line,
            size,
            ctx.accent_text,
            0.1,
        );
        label.x = bar + pad;
        label.y = pad + size;
        let part = ctx.node(StructRole::Sect, Tree::ROOT);
        label.tag = Tag::Node(ctx.node(StructRole::H2, part));
        let st = ctx.sans(BOTTOM_LINE_SIZE, INK, false);
        let p = ctx.node(StructRole::P, part);
        let text = ctx.text_block(bl, &st, inner, st.size * 1.38, false, p);
        let mut boxed = VBox {
            height: pad + size,
            ..Default::default()
        };
        append(&mut boxed, text, b * 0.45, bar + pad);
        boxed.height += pad;
        let mut items = vec![
            Item::Rect {
                x: 0.0,
                y: 0.0,
                w: width,
                h: boxed.height,
                fill: tint(ctx.accent, BOX_TINT),
                tag: Tag::LAYOUT,
            },
            Item::Rect {
                x: 0.0,
                y: 0.0,
                w: bar,
                h: boxed.height,
                fill: ctx.accent,
                tag: Tag::LAYOUT,
            },
            Item::Text(label),
        ];
        items.append(&mut boxed.items);
        boxed.items = items;
        boxed.bookmark = Some((labels.bottom_line.to_string(), 0));
        out.push(VItem::Box(boxed));
        out.push(VItem::Glue(ctx.leading() * BLOCK_GAP));
    }
    let part = ctx.node(StructRole::Sect, Tree::ROOT);
    let h2 = ctx.node(StructRole::H2, part);
    out.push(VItem::Box(part_label(ctx, labels.summary, width, h2)));
    let body = ctx.body_style();
    out.extend(ctx.blocks(&doc.summary, &body, width, 0.0, part));
    out
}

/// Body sections: a heading kept with the start of its text, each
/// section figure after the block it follows. A figure `full` width in a
/// body of several columns ends the columns' run: it comes back as a
/// [`Piece::Full`] for the caller to set across the page, and the columns
/// start again under it.
pub fn build(ctx: &mut Ctx, doc: &Document, width: f32, full: f32) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut out = Vec::new();
    let numbers = doc.box_numbers();
    let g = ctx.geometry;
    let half_page = (g.bottom - g.top) * 0.5;
    for (i, s) in doc.sections.iter().enumerate() {
        if i > 0 {
            out.push(VItem::Glue(ctx.leading() * 0.9));
        }
        if let Some(n) = numbers[i] {
            // A box: its head and blocks inside the padding, its figures
            // the box's width whatever they ask.
            let inner = width - 2.0 * ctx.base * BOX_PAD;
            let aside = ctx.node(StructRole::Aside, Tree::ROOT);
            let h2 = ctx.node(StructRole::H2, aside);
            let mut items = vec![VItem::Box(sidebar::head(ctx, &s.heading, n, inner, h2))];
            let mut ignored = Vec::new();
            let body = ctx.sidebar_style();
            // Ragged-right: a narrower measure in smaller type, set apart
            // from the justified argument around it.
            let justify = std::mem::replace(&mut ctx.justify, crate::model::Justify::Never);
            section_body(ctx, s, &body, inner, inner, aside, &mut ignored, &mut items);
            ctx.justify = justify;
            out.extend(sidebar::wrap(ctx, items, width, half_page));
            continue;
        }
        let hs = ctx.sans(HEADING_SIZE, INK, true);
        let sect = ctx.node(StructRole::Sect, Tree::ROOT);
        let h2 = ctx.node(StructRole::H2, sect);
        let mut head = ctx.text_block(&s.heading, &hs, width, hs.size * 1.2, false, h2);
        head.height += ctx.base * 0.35;
        head.keep_with_next = true;
        head.keep_reason = Some("a heading with its text");
        head.bookmark = Some((crate::markup::plain_text(&s.heading), 0));
        out.push(VItem::Box(head));
        let body = ctx.body_style();
        section_body(ctx, s, &body, width, full, sect, &mut pieces, &mut out);
    }
    pieces.push(Piece::Columns(out));
    pieces
}

/// A section's blocks with its figures after the blocks they follow. A
/// figure across the page (`full` wider than `width`) ends the run in
/// `out`, which moves into `pieces` before it.
#[allow(clippy::too_many_arguments)]
fn section_body(
    ctx: &mut Ctx,
    s: &DocSection,
    body: &TextStyle,
    width: f32,
    full: f32,
    sect: NodeId,
    pieces: &mut Vec<Piece>,
    out: &mut Vec<VItem>,
) {
    let gap = ctx.leading() * BLOCK_GAP * 0.8;
    let mut done = 0;
    for f in &s.figures {
        if f.after > done {
            if done > 0 {
                out.push(VItem::Glue(ctx.leading() * PARA_GAP));
            }
            out.extend(ctx.blocks(&s.body[done..f.after], body, width, 0.0, sect));
            done = f.after;
        }
        let across = f.width == FigureWidth::Full && full > width + 0.5;
        let mut fig = exhibit::build(ctx, f, if across { full } else { width }, sect);
        fig.floats = !across;
        if across {
            pieces.push(Piece::Columns(std::mem::take(out)));
            pieces.push(Piece::Full(fig));
        } else {
            out.push(VItem::Glue(gap));
            out.push(VItem::Box(fig));
            out.push(VItem::Glue(gap));
        }
    }
    if done < s.body.len() {
        if done > 0 {
            out.push(VItem::Glue(ctx.leading() * PARA_GAP));
        }
        out.extend(ctx.blocks(&s.body[done..], body, width, 0.0, sect));
    }
}

/// A run of the body: blocks in the body's columns, or a figure across
/// the page.
pub enum Piece {
    Columns(Vec<VItem>),
    Full(VBox),
}
