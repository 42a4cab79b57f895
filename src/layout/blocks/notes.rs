//! Endnotes in smaller type with hanging numbers (in two columns when
//! there are many), each linking back to its first reference; and the
//! source credit that closes the briefing.

use super::ctx::{text_run, Ctx};
use super::sections::part_label;
use crate::layout::structure::{Role as StructRole, Tag, Tree};
use crate::layout::theme::*;
use crate::layout::vbox::VItem;
use crate::layout::{Item, LinkTarget};
use crate::markup::Document;
use crate::text::{Features, Role};

/// More notes than this are set in two columns, ragged-right: a note's
/// column is narrow and full of names, dates and URLs, which justified
/// lines can only space out or letter-space.
pub const TWO_COLUMN_NOTES: usize = 3;

/// Returns the label (full width), the column count and the notes.
pub fn build(ctx: &mut Ctx, doc: &Document, width: f32) -> (Vec<VItem>, u8, Vec<VItem>) {
    let part = ctx.node(StructRole::Sect, Tree::ROOT);
    let h2 = ctx.node(StructRole::H2, part);
    let head = vec![
        VItem::Glue(ctx.leading() * BLOCK_GAP),
        VItem::Box(part_label(ctx, ctx.lang.labels().notes, width, h2)),
    ];
    let cols: u8 = if doc.notes.len() > TWO_COLUMN_NOTES {
        2
    } else {
        1
    };
    let col_w = (width - ctx.base * GUTTER * f32::from(cols - 1)) / f32::from(cols);
    let mut style = ctx.body_style();
    style.size = ctx.base * NOTE_SIZE;
    let hang = style.size * 1.9;
    let lead = style.size * 1.3;
    let mut items = Vec::new();
    let face = ctx.shaper.fonts.face(Role::Body, false, false);
    // Notes are never letter-spaced; in two columns they are ragged.
    let (justify, track) = (ctx.justify, ctx.track);
    ctx.track = false;
    if cols > 1 {
        ctx.justify = crate::model::Justify::Never;
    }
    for (i, n) in doc.notes.iter().enumerate() {
        if i > 0 {
            items.push(VItem::Glue(lead * 0.25));
        }
        // A Note with its unique ID; its number, first, is a Link back to
        // the first reference.
        let note = ctx.node(StructRole::Note, part);
        ctx.tree.get_mut(note).id = Some(format!("note-{}", n.number));
        let back = ctx.node(StructRole::Link, note);
        ctx.tree.get_mut(back).contents = Some(format!(
            "{} {}: {}",
            ctx.lang.labels().note,
            n.number,
            ctx.lang.labels().back_to_text
        ));
        let mut v = ctx.blocks(&n.body, &style, col_w, hang, note);
        if let Some(VItem::Box(first)) = v.iter_mut().find(|x| matches!(x, VItem::Box(_))) {
            let mut num = text_run(
                ctx.shaper,
                face,
                Features::Tabular,
                &format!("{}.", n.number),
                style.size,
                ctx.accent_text,
                0.0,
            );
            num.x = hang - num.width - style.size * 0.4;
            num.y = super::ctx::baseline_offset(style.size, lead);
            num.tag = Tag::Node(back);
            super::ctx::trailing_space(ctx.shaper, &mut num);
            first.items.push(Item::Link {
                x: num.x,
                y: num.y - style.size * 0.8,
                w: num.width,
                h: style.size,
                target: LinkTarget::Internal(format!("ref-{}", n.number)),
                node: Some(back),
            });
            first.items.push(Item::Anchor {
                name: format!("note-{}", n.number),
                x: 0.0,
                y: 0.0,
            });
            first.items.insert(0, Item::Text(num));
        }
        items.extend(v);
    }
    (ctx.justify, ctx.track) = (justify, track);
    (head, cols, items)
}

/// "Condensed from …", under a hairline.
pub fn credit(ctx: &mut Ctx, doc: &Document, width: f32) -> Option<Vec<VItem>> {
    let inl = doc.source_credit.as_ref()?;
    let mut st = ctx.sans(STEP_S, MUTED, false);
    st.link_color = ctx.accent_text;
    let p = ctx.node(StructRole::P, Tree::ROOT);
    let mut b = ctx.text_block(inl, &st, width, st.size * 1.35, false, p);
    let shift = ctx.base * 0.7;
    b.items = b
        .items
        .into_iter()
        .map(|i| crate::layout::vbox::shift(i, 0.0, shift))
        .collect();
    b.items.push(Item::Line {
        x1: 0.0,
        y1: 0.0,
        x2: width * 0.25,
        y2: 0.0,
        width: 0.5,
        color: RULE,
        tag: Tag::LAYOUT,
    });
    b.height += shift;
    Some(vec![VItem::Glue(ctx.leading() * BLOCK_GAP), VItem::Box(b)])
}
