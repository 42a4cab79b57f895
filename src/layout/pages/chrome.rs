//! What every page carries: the running header (from page 2), the footer
//! with "Page N of M" and the date, and the marking on its own line
//! above the head and below the foot.

use crate::layout::blocks::ctx::{caps_run, text_run, Ctx};
use crate::layout::structure::{Artifact, Role as StructRole, Tag, Tree};
use crate::layout::theme::*;
use crate::layout::{Item, Page};
use crate::markup::{plain_text, Document};
use crate::text::{Features, Role};

/// What a reader skips: the page's furniture, top and bottom.
const HEADER: Tag = Tag::Artifact(Artifact::Header);
const FOOTER: Tag = Tag::Artifact(Artifact::Footer);

pub fn decorate(ctx: &mut Ctx, doc: &Document, pages: &mut [Page]) {
    let g = ctx.geometry;
    let size = ctx.base * CHROME_SIZE;
    let regular = ctx.shaper.fonts.face(Role::Heading, false, false);
    let total = pages.len();
    let width = g.text_width();
    // The marking on a line of its own, top and bottom: bold capitals
    // in a box, as classification and distribution markings are set.
    let bold = ctx.shaper.fonts.face(Role::Heading, true, false);
    let marking = doc.marking.as_ref().map(|m| {
        let mut r = caps_run(ctx.shaper, bold, m, size, ctx.accent_text, 0.08);
        r.x = g.left + (width - r.width) / 2.0;
        r
    });
    let series = doc.series.as_ref().map(|s| {
        let w = ctx.shaper.width(regular, Features::Text, s, size);
        (s.clone(), w)
    });
    // The running head keeps the whole short title: it has the line to
    // itself but for the series at the right.
    let side_room = width - series.as_ref().map_or(0.0, |s| s.1 + size * 2.0);
    let title = doc
        .short_title
        .clone()
        .unwrap_or_else(|| plain_text(&doc.title));
    let title = fit(ctx, regular, &title, size, side_room);
    // The marking's first occurrence is content (a listener hears it once,
    // before anything else); its repeats are the pages' furniture.
    let marking_node = marking.as_ref().map(|_| {
        let id = ctx.node(StructRole::P, Tree::ROOT);
        let root = ctx.tree.get_mut(Tree::ROOT);
        root.kids.pop();
        root.kids.insert(0, id);
        id
    });
    let series = series.map(|(s, _)| fit(ctx, regular, &s, size, width * 0.45));
    for (i, page) in pages.iter_mut().enumerate() {
        if i > 0 {
            let mut t = text_run(
                ctx.shaper,
                regular,
                Features::Text,
                &title,
                size,
                MUTED,
                0.0,
            );
            t.x = g.left;
            t.y = g.header_y;
            t.tag = HEADER;
            page.items.push(Item::Text(t));
            if let Some(s) = &series {
                let mut r = text_run(ctx.shaper, regular, Features::Text, s, size, MUTED, 0.0);
                r.x = g.right - r.width;
                r.y = g.header_y;
                r.tag = HEADER;
                page.items.push(Item::Text(r));
            }
            page.items.push(Item::Line {
                x1: g.left,
                y1: g.header_y + size * 0.7,
                x2: g.right,
                y2: g.header_y + size * 0.7,
                width: 0.4,
                color: RULE,
                tag: HEADER,
            });
        }
        if let (Some(m), Some((top_y, bottom_y))) = (&marking, g.marking_y) {
            let first = match marking_node {
                Some(n) if i == 0 => Tag::Node(n),
                _ => HEADER,
            };
            for (y, tag, frame) in [(top_y, first, HEADER), (bottom_y, FOOTER, FOOTER)] {
                let mut r = m.clone();
                r.y = y;
                r.tag = tag;
                page.items
                    .extend(marking_box(&r, size, ctx.accent_text, frame));
                page.items.push(Item::Text(r));
            }
        }
        // A one-page briefing has no folio: "Page 1 of 1" tells nothing.
        if total > 1 {
            let folio = ctx.lang.page_of(i + 1, total);
            let mut f = text_run(
                ctx.shaper,
                regular,
                Features::Tabular,
                &folio,
                size,
                MUTED,
                0.0,
            );
            f.x = g.right - f.width;
            f.y = g.footer_y;
            f.tag = FOOTER;
            page.items.push(Item::Text(f));
        }
        if let Some(date) = &doc.date {
            let mut d = text_run(
                ctx.shaper,
                regular,
                Features::Tabular,
                date,
                size,
                MUTED,
                0.0,
            );
            d.x = g.left;
            d.y = g.footer_y;
            d.tag = FOOTER;
            page.items.push(Item::Text(d));
        }
        page.items.push(Item::Line {
            x1: g.left,
            y1: g.footer_y - size * 1.3,
            x2: g.right,
            y2: g.footer_y - size * 1.3,
            width: 0.4,
            color: RULE,
            tag: FOOTER,
        });
    }
}

/// The box drawn round a marking's run (four hairlines, artifacts).
fn marking_box(
    r: &crate::layout::GlyphRun,
    size: f32,
    color: crate::model::Rgb,
    tag: Tag,
) -> Vec<Item> {
    let pad = size * 0.7;
    // The tracking adds space after the last capital too: take it off.
    let (x0, x1) = (r.x - pad, r.x + r.width - r.tracking + pad);
    let (y0, y1) = (r.y - size * 1.05, r.y + size * 0.35);
    let line = |x1: f32, y1: f32, x2: f32, y2: f32| Item::Line {
        x1,
        y1,
        x2,
        y2,
        width: 0.6,
        color,
        tag,
    };
    vec![
        line(x0, y0, x1, y0),
        line(x1, y0, x1, y1),
        line(x1, y1, x0, y1),
        line(x0, y1, x0, y0),
    ]
}

/// Shortens text with an ellipsis until it fits `max` points: the longest
/// run of whole words that fits, else of characters. Both searches halve
/// the candidates at each step, so a 50 KB title is shaped a few dozen
/// times, not once per word.
fn fit(ctx: &Ctx, face: crate::text::FaceId, text: &str, size: f32, max: f32) -> String {
    let fits = |s: &str| ctx.shaper.width(face, Features::Text, s, size) <= max;
    if fits(text) {
        return text.to_string();
    }
    let words: Vec<&str> = text.split(' ').collect();
    let cut = |n: usize| {
        format!(
            "{}…",
            words[..n].join(" ").trim_end_matches([',', ';', ':'])
        )
    };
    if let Some(n) = longest(words.len() - 1, |n| fits(&cut(n))) {
        return cut(n);
    }
    let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let chars = |n: usize| format!("{}…", &text[..ends[n]]);
    match longest(ends.len() - 1, |n| fits(&chars(n))) {
        Some(n) => chars(n),
        None => String::new(),
    }
}

/// The largest `n` in `1..=most` for which `ok(n)` holds, assuming that
/// whatever holds for `n` holds for every smaller `n` (a shorter text is
/// narrower).
fn longest(most: usize, ok: impl Fn(usize) -> bool) -> Option<usize> {
    let (mut lo, mut hi) = (0, most);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if ok(mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    (lo > 0).then_some(lo)
}
