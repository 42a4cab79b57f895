//! The masthead: series and date on an accent band, the title, subtitle
//! and authors, closed by a rule.

use super::ctx::{caps_run, text_run, Ctx};
use crate::layout::paragraph::inline::TextStyle;
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
    // The publisher's logo, name and address over the band.
    let top = match doc
        .publisher
        .as_ref()
        .and_then(|p| super::publisher::row(ctx, p, width))
    {
        Some(row) => {
            let h = row.height + b * 0.8;
            mast.items = row.items;
            h
        }
        None => 0.0,
    };
    // Band: series left, date right, in white when the accent is dark
    // enough to carry it, else in ink.
    let band_h = b * BAND;
    mast.items.push(Item::Rect {
        x: 0.0,
        y: top,
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
    let size = b * BAND_SIZE;
    let baseline = top + band_h / 2.0 + size * 0.35;
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
    mast.height = top + band_h;

    let (title_style, title_width) = title_fit(ctx, doc, width);
    let h1 = ctx.node(StructRole::H1, Tree::ROOT);
    let title = ctx.text_block(
        &doc.title,
        &title_style,
        title_width,
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

/// The title's size and measure: the largest step of [`TITLE_STEPS`] at
/// which it sets in two lines, else in three, else the smallest; then
/// the narrowest measure that keeps that many lines, so the lines come
/// out balanced rather than a full line over a short one.
fn title_fit(ctx: &mut Ctx, doc: &Document, width: f32) -> (TextStyle, f32) {
    let mut chosen = None;
    'limits: for limit in [2, 3] {
        for step in TITLE_STEPS {
            let style = ctx.sans(step, INK, true);
            let n = ctx.count_lines(&doc.title, &style, width);
            if n <= limit {
                chosen = Some((style, n));
                break 'limits;
            }
        }
    }
    let (style, n) = chosen.unwrap_or_else(|| {
        let style = ctx.sans(TITLE_STEPS[TITLE_STEPS.len() - 1], INK, true);
        let n = ctx.count_lines(&doc.title, &style, width);
        (style, n)
    });
    if n < 2 {
        return (style, width);
    }
    let (mut lo, mut hi) = (width * 0.4, width);
    while hi - lo > 2.0 {
        let mid = (lo + hi) / 2.0;
        if ctx.count_lines(&doc.title, &style, mid) <= n {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    // A little slack, so rounding never tips a line over.
    (style, (hi + 1.0).min(width))
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
