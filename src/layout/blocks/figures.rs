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
/// Narrowest card four across (short values, no chart), in body sizes.
const MIN_CARD_SHORT: f32 = 9.5;

/// Cards per row: as few rows as `cols` across allows, their counts
/// differing by at most one, the fuller rows first (a single card, where
/// one is left, first).
pub fn row_sizes(n: usize, cols: usize) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let rows = n.div_ceil(cols.max(1));
    let mut sizes: Vec<usize> = (0..rows)
        .map(|r| n / rows + usize::from(r < n % rows))
        .collect();
    // Only two across and an odd count (3, 5…): the odd card leads, the
    // width of the grid, rather than trail alone.
    sizes.sort_unstable();
    if sizes.first() != Some(&1) {
        sizes.reverse();
    }
    sizes
}

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
    let mut label = part_label(ctx, ctx.lang.labels().key_figures, width, h2);
    // The cards' accent bars rule the part: a hairline just above them
    // would read as a double rule.
    label.items.retain(|i| !matches!(i, Item::Line { .. }));
    let mut out = vec![VItem::Box(label)];
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
    // Four across where every value is short and no card draws a chart:
    // cards of about ten body sizes hold a short value and its label.
    let gap = b * 0.9;
    if cols == 3 && doc.figures.len() >= 4 && doc.figures.iter().all(|f| f.chart.is_none()) {
        let card4 = (width - gap * 3.0) / 4.0;
        let inner4 = card4 - 2.0 * b * 0.75;
        let short = doc.figures.iter().all(|f| {
            ctx.shaper
                .width(face, Features::Tabular, &f.value, b * FIGURE_VALUE_SIZE)
                <= inner4
        });
        if short && card4 >= b * MIN_CARD_SHORT {
            cols = 4;
        }
    }
    let pad = b * 0.75;
    // Rows as even as the count allows (10 cards 4 + 3 + 3, never a
    // lone card under a full row); each row fills the width.
    let mut rows: Vec<(f32, Vec<VBox>)> = Vec::new();
    let mut i = 0;
    for n in row_sizes(doc.figures.len(), cols) {
        let card_w = (width - gap * (n as f32 - 1.0)) / n as f32;
        let inner = card_w - 2.0 * pad;
        let cards = doc.figures[i..i + n]
            .iter()
            .enumerate()
            .map(|(k, f)| card(ctx, i + k, f, inner, pad, part))
            .collect();
        rows.push((card_w, cards));
        i += n;
    }
    for (ri, (card_w, row)) in rows.iter().enumerate() {
        let card_w = *card_w;
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
    let vp = ctx.node(StructRole::P, div);
    value.tag = Tag::Node(vp);
    if let Some(c) = f.value_change {
        // A redline's mark on the value: a Span, heard as changed.
        let span = crate::layout::marks::span(&mut ctx.tree, vp, c);
        crate::layout::marks::speak(&mut ctx.tree, span, ctx.lang, &f.value);
        value.tag = Tag::Node(span);
        value.color = crate::layout::marks::text_color(Some(c), value.color);
    }
    cardb.items.push(Item::Text(value));
    cardb.height += b * 0.35;
    if let Some(was) = &f.was {
        // "was 47%", the old value struck, under the new one.
        let ws = ctx.sans(FIGURE_LABEL_SIZE, MUTED, false);
        let p = ctx.node(StructRole::P, div);
        let wb = ctx.text_block(was, &ws, inner, ws.size * 1.3, false, p);
        append(&mut cardb, wb, 0.0, pad);
        cardb.height += b * 0.2;
    }
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

#[cfg(test)]
mod tests {
    use super::row_sizes;

    #[test]
    fn rows_are_even_and_never_leave_a_lone_card() {
        assert_eq!(row_sizes(10, 4), vec![4, 3, 3]);
        assert_eq!(row_sizes(10, 3), vec![3, 3, 2, 2]);
        assert_eq!(row_sizes(7, 3), vec![3, 2, 2]);
        assert_eq!(row_sizes(4, 3), vec![2, 2]);
        assert_eq!(row_sizes(6, 3), vec![3, 3]);
        assert_eq!(row_sizes(1, 3), vec![1]);
        assert_eq!(row_sizes(5, 2), vec![1, 2, 2]);
        for n in 2..40 {
            for cols in 2..=4 {
                let rows = row_sizes(n, cols);
                assert_eq!(rows.iter().sum::<usize>(), n);
                assert!(rows.iter().all(|&r| r <= cols));
                assert!(
                    rows.len() == 1 || rows[rows.len() - 1] >= 2,
                    "{n} in {cols}: {rows:?}"
                );
            }
        }
    }
}
