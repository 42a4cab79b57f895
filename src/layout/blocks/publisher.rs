//! The publisher on the page: a row over the masthead's band with the
//! logo (at its aspect ratio, never printed under 150 dpi: a logo with too
//! few pixels is set smaller, and reported), the name and the linked
//! address; and the contact line in its box. With a name the logo is
//! decoration (an artifact: the name beside it says who); without one it
//! is a Figure whose Alt is the file's name.

use super::ctx::Ctx;
use super::image::MIN_DPI;
use crate::layout::structure::{Role as StructRole, Tag, Tree};
use crate::layout::theme::*;
use crate::layout::vbox::{append, VBox, VItem};
use crate::layout::Item;
use crate::markup::{Block, DocPublisher, Inline, InlineStyle};

/// The logo's height in the masthead, in body sizes.
pub const LOGO_HEIGHT: f32 = 2.6;
/// The widest a logo may be, as a share of the text width.
const LOGO_MOST_WIDTH: f32 = 0.45;

/// The publisher's row, `width` wide, or `None` when there is nothing to
/// show.
pub fn row(ctx: &mut Ctx, p: &DocPublisher, width: f32) -> Option<VBox> {
    let b = ctx.base;
    let mut out = VBox::default();
    let mut x = 0.0;
    let mut h = 0.0f32;
    if let Some(im) = &p.logo {
        let designed = b * LOGO_HEIGHT;
        // At most its pixels at 150 dpi, and no wider than its share.
        let sharp = im.height_px as f32 * 72.0 / MIN_DPI;
        let lh = designed
            .min(sharp)
            .min(width * LOGO_MOST_WIDTH / im.aspect());
        if sharp < designed - 0.5 {
            ctx.report.small_logo = Some((designed, lh));
        }
        let w = lh * im.aspect();
        let tag = if p.name.is_some() {
            Tag::LAYOUT
        } else {
            let fig = ctx.node(StructRole::Figure, Tree::ROOT);
            let node = ctx.tree.get_mut(fig);
            node.alt = Some(im.name.clone());
            node.block = true;
            Tag::Node(fig)
        };
        out.items.push(super::image::place(im, 0.0, 0.0, w, tag));
        x = w + b * 0.9;
        h = lh;
    }
    // The name in bold, the address under it (linked when it is a web
    // address), each a paragraph.
    let mut said = Vec::new();
    if let Some(name) = &p.name {
        said.push((plain(name, None), ctx.sans(STEP_S, INK, true), 0.0));
    }
    if let Some(url) = &p.url {
        let shown = url
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_end_matches('/');
        let lower = url.to_ascii_lowercase();
        let web = lower.starts_with("https://") || lower.starts_with("http://");
        let link = web.then(|| url.clone());
        said.push((
            plain(shown, link),
            ctx.sans(STEP_XS, ctx.accent_text, false),
            b * 0.1,
        ));
    }
    let mut lines = VBox::default();
    for (inl, st, gap) in said {
        let node = ctx.node(StructRole::P, Tree::ROOT);
        let w = (width - x).max(b * 6.0);
        let t = ctx.text_block(&[inl], &st, w, st.size * 1.33, false, node);
        append(&mut lines, t, gap, 0.0);
    }
    if out.items.is_empty() && lines.items.is_empty() {
        return None;
    }
    // The words centred on the logo's height.
    let dy = ((h - lines.height) / 2.0).max(0.0);
    out.items.extend(
        lines
            .items
            .into_iter()
            .map(|i| crate::layout::vbox::shift(i, x, dy)),
    );
    out.height = h.max(lines.height);
    Some(out)
}

fn plain(text: &str, link: Option<String>) -> Inline {
    Inline::Text {
        text: text.to_string(),
        style: InlineStyle::default(),
        link,
    }
}

/// The contact line in a box on the bottom line's tint, `width` wide:
/// "CONTACT" then the text. Tagged as a Div with its paragraphs.
pub fn contact(ctx: &mut Ctx, contact: &[Block], width: f32) -> VBox {
    let b = ctx.base;
    let pad = b * BOX_PAD * 0.8;
    let div = ctx.node(StructRole::Div, Tree::ROOT);
    let size = b * STEP_XS;
    let mut label = super::ctx::caps_run(
        ctx.shaper,
        crate::text::fonts::HEADING_SEMIBOLD,
        ctx.lang.labels().contact,
        size,
        ctx.accent_text,
        0.1,
    );
    label.x = pad;
    label.y = pad + size;
    label.tag = Tag::Node(ctx.node(StructRole::P, div));
    let st = ctx.sans(STEP_S, INK, false);
    let justify = std::mem::replace(&mut ctx.justify, crate::model::Justify::Never);
    let items = ctx.blocks(contact, &st, width - 2.0 * pad, 0.0, div);
    ctx.justify = justify;
    let mut out = VBox {
        height: pad + size + b * 0.35,
        items: vec![Item::Text(label)],
        ..Default::default()
    };
    for v in items {
        match v {
            VItem::Box(bx) => append(&mut out, bx, 0.0, pad),
            VItem::Glue(g) => out.height += g,
            _ => {}
        }
    }
    out.height += pad;
    out.items.insert(
        0,
        Item::Rect {
            x: 0.0,
            y: 0.0,
            w: width,
            h: out.height,
            fill: tint(ctx.accent, BOX_TINT),
            tag: Tag::LAYOUT,
        },
    );
    out
}
