//! Key figures as a grid of cards: the value large in the accent with
//! tabular figures, the label, the detail, the note markers, the chart.

use super::chart;
use super::ctx::{text_run, Ctx};
use super::sections::part_label;
use crate::layout::structure::{NodeId, Role as StructRole, Tag, Tree};
use crate::layout::theme::*;
use crate::layout::vbox::{append, VBox, VItem};
use crate::layout::Item;
use crate::markup::{Document, Inline};
use crate::text::{Features, Role};

/// Narrowest card, in body sizes: below this the grid drops a column.
const MIN_CARD: f32 = 12.5;
/// Chart height, in body sizes.
const CHART_H: f32 = 5.2;

/// How many cards fit across.
pub fn columns(width: f32, base: f32) -> usize {
    let gap = base * 0.9;
    (1..=3)
        .rev()
        .find(|&n| (width - gap * (n as f32 - 1.0)) / n as f32 >= base * MIN_CARD)
        .unwrap_or(1)
}

pub fn build(ctx: &mut Ctx, doc: &Document, width: f32) -> Vec<VItem> {
    let b = ctx.base;
    let part = ctx.node(StructRole::Sect, Tree::ROOT);
    let h2 = ctx.node(StructRole::H2, part);
    let mut out = vec![VItem::Box(part_label(
        ctx,
        ctx.lang.labels().key_figures,
        width,
        h2,
    ))];
    let mut cols = columns(width, b).min(doc.figures.len().max(1));
    // Long values get wider cards rather than shrinking: drop a column
    // when a third of them would not fit at full size.
    let face = ctx.shaper.fonts.face(Role::Heading, true, false);
    while cols > 1 {
        let inner = (width - b * 0.9 * (cols as f32 - 1.0)) / cols as f32 - 2.0 * b * 0.75;
        let long = doc
            .figures
            .iter()
            .filter(|f| {
                ctx.shaper
                    .width(face, Features::Tabular, &f.value, b * FIGURE_VALUE_SIZE)
                    > inner
            })
            .count();
        if long * 3 <= doc.figures.len() {
            break;
        }
        cols -= 1;
    }
    let cols = if doc.figures.len() == 4 && cols == 3 {
        2
    } else {
        cols
    };
    let gap = b * 0.9;
    let card_w = (width - gap * (cols as f32 - 1.0)) / cols as f32;
    let pad = b * 0.75;
    let inner = card_w - 2.0 * pad;
    let cards: Vec<VBox> = doc
        .figures
        .iter()
        .enumerate()
        .map(|(i, f)| card(ctx, i, f, inner, pad, part))
        .collect();
    let rows: Vec<&[VBox]> = cards.chunks(cols).collect();
    for (ri, row) in rows.iter().enumerate() {
        if ri > 0 {
            out.push(VItem::Glue(gap));
        }
        let h = row.iter().map(|c| c.height).fold(0.0, f32::max);
        let mut rb = VBox {
            height: h,
            ..Default::default()
        };
        for (ci, c) in row.iter().enumerate() {
            let x = ci as f32 * (card_w + gap);
            rb.items.push(Item::Rect {
                x,
                y: 0.0,
                w: card_w,
                h,
                fill: tint(ctx.accent, CARD_TINT),
                tag: Tag::LAYOUT,
            });
            rb.items.push(Item::Rect {
                x,
                y: 0.0,
                w: card_w,
                h: 2.0,
                fill: ctx.accent,
                tag: Tag::LAYOUT,
            });
            rb.items.extend(
                c.items
                    .iter()
                    .cloned()
                    .map(|it| crate::layout::vbox::shift(it, x, 0.0)),
            );
        }
        out.push(VItem::Box(rb));
    }
    out
}

/// One card: a Div holding the value, label and detail as paragraphs and
/// the chart as a Figure.
fn card(
    ctx: &mut Ctx,
    index: usize,
    f: &crate::markup::DocFigure,
    inner: f32,
    pad: f32,
    part: NodeId,
) -> VBox {
    let b = ctx.base;
    let div = ctx.node(StructRole::Div, part);
    let face = ctx.shaper.fonts.face(Role::Heading, true, false);
    let mut size = b * FIGURE_VALUE_SIZE;
    let mut value = text_run(
        ctx.shaper,
        face,
        Features::Tabular,
        &f.value,
        size,
        ctx.accent_text,
        0.0,
    );
    if value.width > inner {
        // Too long for the card: step down the type scale, and below its
        // last step shrink to fit; say so. Widths scale with the size, so
        // the shaped run is scaled, not reshaped.
        let step = FIGURE_VALUE_STEPS
            .iter()
            .map(|s| s / FIGURE_VALUE_SIZE)
            .find(|s| value.width * s <= inner);
        let scale = step.unwrap_or(inner / value.width);
        size *= scale;
        value.size = size;
        value.width *= scale;
        for g in &mut value.glyphs {
            g.x *= scale;
        }
        ctx.report.shrunk_values.push((index, scale));
    }
    let mut cardb = VBox {
        height: pad + b * FIGURE_VALUE_SIZE * 0.78,
        ..Default::default()
    };
    value.x = pad;
    value.y = cardb.height;
    value.tag = Tag::Node(ctx.node(StructRole::P, div));
    cardb.items.push(Item::Text(value));
    cardb.height += b * 0.35;
    let mut label: Vec<Inline> = f.label.clone();
    for n in &f.notes {
        label.push(Inline::NoteRef {
            key: String::new(),
            number: *n,
        });
    }
    let ls = ctx.sans(FIGURE_LABEL_SIZE, INK, false);
    // Ragged: a card holds a few words a line, too few to justify evenly.
    let p = ctx.node(StructRole::P, div);
    let lb = ctx.text_block(&label, &ls, inner, ls.size * 1.3, false, p);
    append(&mut cardb, lb, 0.0, pad);
    if let Some(d) = &f.detail {
        let mut ds = ctx.sans(FIGURE_DETAIL_SIZE, MUTED, false);
        ds.italic = true;
        let p = ctx.node(StructRole::P, div);
        let db = ctx.text_block(d, &ds, inner, ds.size * 1.3, false, p);
        append(&mut cardb, db, b * 0.2, pad);
    }
    if let Some(c) = &f.chart {
        let h = b * CHART_H;
        let fig = ctx.node(StructRole::Figure, div);
        // The subject as the card reads it, value then label ("7.8% real
        // growth since 1996"): a whole phrase where the label alone is a
        // fragment ("of workers were Mexican").
        let subject = format!("{} {}", f.value, crate::markup::plain_text(&f.label));
        let node = ctx.tree.get_mut(fig);
        node.alt = Some(super::alt::alt_text(c, ctx.lang, &subject));
        node.block = true;
        let items = chart::draw(ctx, c, inner, h, fig);
        let chart_box = VBox {
            height: h,
            items,
            ..Default::default()
        };
        append(&mut cardb, chart_box, b * 0.5, pad);
    }
    cardb.height += pad;
    cardb
}
