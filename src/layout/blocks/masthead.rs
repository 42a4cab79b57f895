//! The masthead: series and date on an accent band, the title, subtitle
//! and authors, closed by a rule.

use super::ctx::{caps_run, text_run, Ctx};
use crate::layout::structure::{Role as StructRole, Tag, Tree};
use crate::layout::theme::*;
use crate::layout::vbox::{append, VBox, VItem};
use crate::layout::Item;
use crate::markup::{Document, Inline, InlineStyle};
use crate::text::fonts::HEADING_SEMIBOLD;
use crate::text::{Features, Role};

/// Height of the band, in body sizes.
const BAND: f32 = 2.0;

pub fn build(ctx: &mut Ctx, doc: &Document, width: f32) -> Vec<VItem> {
    let b = ctx.base;
    let mut mast = VBox::default();
    // Band: series left, date right, in white when the accent is dark
    // enough to carry it, else in ink.
    let band_h = b * BAND;
    mast.items.push(Item::Rect {
        x: 0.0,
        y: 0.0,
        w: width,
        h: band_h,
        fill: ctx.accent,
        tag: Tag::LAYOUT,
    });
    // White or ink, whichever reads better on the band.
    let on_band = if contrast(WHITE, ctx.accent) >= contrast(INK, ctx.accent) {
        WHITE
    } else {
        INK
    };
    let size = b * LABEL_SIZE;
    let baseline = band_h / 2.0 + size * 0.35;
    let pad = b * 0.8;
    if let Some(series) = &doc.series {
        let mut r = caps_run(ctx.shaper, HEADING_SEMIBOLD, series, size, on_band, 0.08);
        r.x = pad;
        r.y = baseline;
        r.tag = Tag::Node(ctx.node(StructRole::P, Tree::ROOT));
        mast.items.push(Item::Text(r));
    }
    // The date reads after the authors, though it stands on the band.
    let mut date_run = None;
    if let Some(date) = &doc.date {
        let mut r = text_run(
            ctx.shaper,
            HEADING_SEMIBOLD,
            Features::Tabular,
            date,
            size,
            on_band,
            0.02,
        );
        r.x = width - pad - r.width;
        r.y = baseline;
        date_run = Some(r);
    }
    mast.height = band_h;

    let title_style = ctx.sans(TITLE_SIZE, INK, true);
    let h1 = ctx.node(StructRole::H1, Tree::ROOT);
    let title = ctx.text_block(
        &doc.title,
        &title_style,
        width,
        title_style.size * 1.12,
        false,
        h1,
    );
    append(&mut mast, title, b * 1.1, 0.0);
    if let Some(sub) = &doc.subtitle {
        let st = ctx.sans(SUBTITLE_SIZE, MUTED, false);
        let p = ctx.node(StructRole::P, Tree::ROOT);
        let sub = ctx.text_block(sub, &st, width, st.size * 1.3, false, p);
        append(&mut mast, sub, b * 0.3, 0.0);
    }
    if !doc.authors.is_empty() {
        let mut inl = Vec::new();
        for (i, (name, role)) in doc.authors.iter().enumerate() {
            if i > 0 {
                inl.push(text("; ", false));
            }
            inl.push(text(name, true));
            if let Some(role) = role {
                inl.push(text(&format!(", {role}"), false));
            }
        }
        let st = ctx.sans(AUTHOR_SIZE, MUTED, false);
        let p = ctx.node(StructRole::P, Tree::ROOT);
        let authors = ctx.text_block(&inl, &st, width, st.size * 1.35, false, p);
        append(&mut mast, authors, b * 0.45, 0.0);
    }
    let rule_y = mast.height + b * 0.7;
    mast.items.push(Item::Line {
        x1: 0.0,
        y1: rule_y,
        x2: width,
        y2: rule_y,
        width: 0.6,
        color: RULE,
        tag: Tag::LAYOUT,
    });
    if let Some(mut r) = date_run {
        r.tag = Tag::Node(ctx.node(StructRole::P, Tree::ROOT));
        mast.items.push(Item::Text(r));
    }
    mast.height = rule_y;
    mast.bookmark = Some((crate::markup::plain_text(&doc.title), 0));
    let _ = Role::Heading;
    vec![VItem::Box(mast)]
}

fn text(s: &str, bold: bool) -> Inline {
    Inline::Text {
        text: s.to_string(),
        style: InlineStyle {
            bold,
            ..Default::default()
        },
        link: None,
    }
}
