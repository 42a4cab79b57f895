//! Recommendations: a large accent numeral in a hanging gutter, the title
//! in bold, "Who:" with the owner, the text and the actions as bullets.

use super::ctx::{text_run, Ctx};
use super::sections::part_label;
use crate::layout::structure::{Numbering, Role as StructRole, Tag, Tree};
use crate::layout::theme::*;
use crate::layout::vbox::{append, VBox, VItem};
use crate::layout::Item;
use crate::markup::{Block, Document, Inline, InlineStyle};
use crate::text::{Features, Role};

pub fn build(ctx: &mut Ctx, doc: &Document, width: f32) -> Vec<VItem> {
    let labels = ctx.lang.labels();
    let part = ctx.node(StructRole::Sect, Tree::ROOT);
    let h2 = ctx.node(StructRole::H2, part);
    let mut out = vec![VItem::Box(part_label(
        ctx,
        labels.recommendations,
        width,
        h2,
    ))];
    // A numbered list a reader announces as one ("list, 3 items"), each
    // item its numeral (Lbl) and its body, headed by the title (H3). When
    // the recommendations name their audiences, each group is headed
    // (H3) and holds its own list, the titles a level down (H4), the
    // numbers one sequence.
    let grouped = doc.grouped_recommendations();
    let title_role = if grouped {
        StructRole::H4
    } else {
        StructRole::H3
    };
    // One numbered list, or one after each group's heading.
    let numbered = |ctx: &mut Ctx| {
        let list = ctx.node(StructRole::L, part);
        ctx.tree.get_mut(list).numbering = Some(Numbering::Decimal);
        list
    };
    let openings = doc.group_openings();
    let mut list = if grouped { None } else { Some(numbered(ctx)) };
    let b = ctx.base;
    let num_size = b * REC_NUMBER_SIZE;
    let face = ctx.shaper.fonts.face(Role::Heading, true, false);
    // The gutter holds the widest numeral (tabular figures: the last one)
    // with room to spare: 2.8 em, more past 99 recommendations.
    let widest = ctx.shaper.width(
        face,
        Features::Tabular,
        &doc.recommendations.len().to_string(),
        num_size,
    );
    let gutter = (b * REC_GUTTER).max(widest + b * REC_NUMBER_GAP);
    let inner = width - gutter;
    let body = ctx.body_style();
    for (i, r) in doc.recommendations.iter().enumerate() {
        if i > 0 {
            out.push(VItem::Glue(ctx.leading() * 0.9));
        }
        if let Some(group) = openings[i] {
            if i > 0 {
                out.push(VItem::Glue(ctx.leading() * 0.4));
            }
            let h3 = ctx.node(StructRole::H3, part);
            let name = ctx.lang.group_heading(group);
            let gs = ctx.sans(STEP_M, MUTED, true);
            let inl = [Inline::Text {
                text: name.to_string(),
                style: InlineStyle::default(),
                link: None,
            }];
            let mut head = ctx.text_block(&inl, &gs, width, gs.size * 1.3, false, h3);
            head.height += b * 0.5;
            head.keep_with_next = true;
            head.keep_reason = Some("a group's heading with its first recommendation");
            head.bookmark = Some((name.to_string(), 1));
            out.push(VItem::Box(head));
            list = Some(numbered(ctx));
        }
        let list = list.expect("a group's heading opens its list first");
        // Title box with the numeral hanging in the gutter.
        let ts = ctx.sans(REC_TITLE_SIZE, INK, true);
        let t_lead = ts.size * 1.22;
        let li = ctx.node(StructRole::LI, list);
        let lbl = ctx.node(StructRole::Lbl, li);
        let sect = ctx.node(StructRole::LBody, li);
        let h3 = ctx.node(title_role, sect);
        let title = ctx.text_block(&r.title, &ts, inner, t_lead, false, h3);
        let mut num = text_run(
            ctx.shaper,
            face,
            Features::Tabular,
            &(i + 1).to_string(),
            num_size,
            ctx.accent_text,
            0.0,
        );
        // The numeral's cap height rises above the title's: pad the box so
        // it never reaches into what stands above.
        let cap = ctx.shaper.fonts.get(face).cap_height / ctx.shaper.fonts.get(face).units_per_em;
        let title_baseline = super::ctx::baseline_offset(ts.size, t_lead);
        let rise = (num_size * cap - ts.size * cap).max(0.0);
        let mut head = VBox {
            height: rise,
            ..Default::default()
        };
        append(&mut head, title, 0.0, gutter);
        num.x = 0.0;
        num.y = rise + title_baseline;
        num.tag = Tag::Node(lbl);
        super::ctx::trailing_space(ctx.shaper, &mut num);
        // The numeral reads first: "1", then "Provide advice…".
        head.items.insert(0, Item::Text(num));
        // "Who: …" under the title, then "Status: …".
        let said = [(labels.who, &r.owner, 0.2), (labels.status, &r.status, 0.1)];
        for (label, value, gap) in said {
            let Some(value) = value else { continue };
            let ws = ctx.sans(WHO_SIZE, MUTED, false);
            let mut inl = vec![Inline::Text {
                text: format!("{label}: "),
                style: InlineStyle {
                    bold: true,
                    ..Default::default()
                },
                link: None,
            }];
            inl.extend(value.iter().cloned());
            let p = ctx.node(StructRole::P, sect);
            let line = ctx.text_block(&inl, &ws, inner, ws.size * 1.35, false, p);
            append(&mut head, line, b * gap, gutter);
        }
        head.height += b * 0.4;
        head.keep_with_next = true;
        head.keep_reason = Some("a recommendation's title with its first lines");
        head.bookmark = Some((
            format!("{}. {}", i + 1, crate::markup::plain_text(&r.title)),
            if grouped { 2 } else { 1 },
        ));
        out.push(VItem::Box(head));
        let mut parts = ctx.blocks(&r.body, &body, width, gutter, sect);
        if !r.actions.is_empty() {
            if !parts.is_empty() {
                parts.push(VItem::Glue(ctx.leading() * PARA_GAP));
            }
            let list = Block::List {
                ordered: false,
                start: 1,
                items: r
                    .actions
                    .iter()
                    .map(|a| vec![Block::Para(a.clone())])
                    .collect(),
            };
            parts.extend(ctx.blocks(&[list], &body, width, gutter, sect));
        }
        out.extend(parts);
    }
    out
}
