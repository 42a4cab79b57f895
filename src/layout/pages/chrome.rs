//! What every page carries: the running header (from page 2), the footer
//! with "Page N of M" and the date, and the marking banner.

use crate::layout::blocks::ctx::{caps_run, text_run, Ctx};
use crate::layout::structure::{Artifact, Role as StructRole, Tag, Tree};
use crate::layout::theme::*;
use crate::layout::{Item, Page};
use crate::markup::{plain_text, Document};
use crate::text::fonts::HEADING_SEMIBOLD;
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
    // Room for the marking in the middle of the header and footer lines.
    let marking = doc.marking.as_ref().map(|m| {
        let mut r = caps_run(ctx.shaper, HEADING_SEMIBOLD, m, size, ctx.accent_text, 0.08);
        r.x = g.left + (width - r.width) / 2.0;
        r
    });
    let side_room = match &marking {
        Some(m) => (width - m.width) / 2.0 - size * 2.0,
        None => width * 0.48,
    };
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
    let series = doc
        .series
        .clone()
        .map(|s| fit(ctx, regular, &s, size, side_room));
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
        if let Some(m) = &marking {
            let mut top = m.clone();
            top.y = g.header_y;
            top.tag = match marking_node {
                Some(n) if i == 0 => Tag::Node(n),
                _ => HEADER,
            };
            page.items.push(Item::Text(top));
            let mut bottom = m.clone();
            bottom.y = g.footer_y;
            bottom.tag = FOOTER;
            page.items.push(Item::Text(bottom));
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
