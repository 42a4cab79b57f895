//! The briefing's blocks stacked in reading order (masthead, summary,
//! figures, sections, recommendations, notes, credit), each flow in its
//! number of columns, handed to the paginator and then decorated.

use std::collections::HashSet;

use super::chrome;
use crate::layout::blocks::ctx::Ctx;
use crate::layout::blocks::{
    changes, figures, masthead, notes, publisher, recommendations, sections,
};
use crate::layout::geometry::Geometry;
use crate::layout::structure::{Tag, Tree};
use crate::layout::theme::*;
use crate::layout::vbox::{split_spans, Flow, VBox, VItem};
use crate::layout::{Item, Laidout, Report};
use crate::markup::Document;
use crate::model::{Language, Style};
use crate::text::Shaper;

pub fn layout_at(
    doc: &Document,
    style: &Style,
    lang: Language,
    shaper: &Shaper,
    base: f32,
) -> Laidout {
    let mut geometry = Geometry::for_layout(style.paper, style.columns);
    if doc.marking.is_some() {
        geometry = geometry.marked(base * CHROME_SIZE);
    }
    let mut ctx = Ctx {
        shaper,
        lang,
        base,
        accent: style.accent,
        accent_text: readable_accent(style.accent),
        geometry,
        seen_notes: HashSet::new(),
        report: Report::default(),
        protrude: style.hanging_punctuation,
        expand: style.font_expansion,
        track: style.letter_spacing,
        justify: style.justify,
        tree: Tree::new(),
    };
    if ctx.accent_text != ctx.accent {
        let worst =
            contrast(ctx.accent, WHITE).min(contrast(ctx.accent, tint(ctx.accent, BOX_TINT)));
        ctx.report.accent_contrast = Some((worst, ctx.accent_text));
    }
    let width = geometry.text_width();
    let gap = ctx.leading() * BLOCK_GAP;
    let mut flows = Vec::new();

    let mut front = masthead::build(&mut ctx, doc, width);
    front.push(VItem::Glue(gap));
    if let Some(cb) = &doc.changes {
        front.extend(changes::build(&mut ctx, cb, width));
    }
    front.extend(sections::summary(&mut ctx, doc, width));
    if !doc.figures.is_empty() {
        front.push(VItem::Glue(gap));
        front.extend(figures::build(&mut ctx, doc, width));
    }
    let cols = style.columns.max(1);
    let mut body_gap = gap;
    if cols > 1 && !doc.sections.is_empty() {
        // A hairline across the page sets the columns off from the
        // full-width blocks above them.
        body_gap = gap * COLUMN_RULE_GAP;
        front.push(VItem::Glue(body_gap));
        front.push(VItem::Box(VBox {
            height: 0.0,
            items: vec![Item::Line {
                x1: 0.0,
                y1: 0.0,
                x2: width,
                y2: 0.0,
                width: 0.5,
                color: RULE,
                tag: Tag::LAYOUT,
            }],
            keep_with_next: true,
            bookmark: None,
            keep_reason: Some("a rule with the columns below it"),
            floats: false,
        }));
    }
    flows.push(Flow {
        columns: 1,
        items: front,
        grid: None,
    });
    if !doc.sections.is_empty() {
        let col_w = (width - GUTTER * base * f32::from(cols - 1)) / f32::from(cols);
        let mut body = vec![VItem::Glue(body_gap)];
        for piece in sections::build(&mut ctx, doc, col_w, width) {
            match piece {
                sections::Piece::Columns(items) => {
                    body.extend(items);
                    if body.iter().all(|v| matches!(v, VItem::Glue(_))) {
                        body.clear();
                        continue;
                    }
                    // A table too wide for a column stops the columns and
                    // spans them.
                    for (span, items) in split_spans(std::mem::take(&mut body)) {
                        flows.push(Flow {
                            columns: if span { 1 } else { cols },
                            items,
                            grid: (!span && cols > 1).then(|| ctx.leading()),
                        });
                    }
                }
                // A figure across the columns: a flow of its own.
                sections::Piece::Full(fig) => flows.push(Flow {
                    columns: 1,
                    items: vec![VItem::Glue(gap), VItem::Box(fig), VItem::Glue(gap)],
                    grid: None,
                }),
            }
        }
    }
    if !doc.recommendations.is_empty() {
        let mut recs = vec![VItem::Glue(gap)];
        recs.extend(recommendations::build(&mut ctx, doc, width));
        flows.push(Flow {
            columns: 1,
            items: recs,
            grid: None,
        });
    }
    // The contact box: at the foot of page 1 when it has the room, else
    // after the recommendations (its structure there either way).
    let contact = doc
        .publisher
        .as_ref()
        .and_then(|p| p.contact.as_ref())
        .map(|c| (flows.len(), publisher::contact(&mut ctx, c, width)));
    if !doc.notes.is_empty() {
        let (head, cols, items) = notes::build(&mut ctx, doc, width);
        flows.push(Flow {
            columns: 1,
            items: head,
            grid: None,
        });
        flows.push(Flow {
            columns: cols,
            items,
            grid: None,
        });
    }
    if let Some(credit) = notes::credit(&mut ctx, doc, width) {
        flows.push(Flow {
            columns: 1,
            items: credit,
            grid: None,
        });
    }
    // Under a page budget the type and spacing shrink together to fit;
    // without one a last page's fragment is pulled back by spacing alone.
    let squeeze = style.max_pages.is_none();
    let (mut pages, bookmarks, conceded) =
        super::settle::paginate(flows, contact, &geometry, base * GUTTER, gap, squeeze);
    ctx.report.conceded.extend(conceded);
    chrome::decorate(&mut ctx, doc, &mut pages);
    crate::layout::marks::draw(&mut pages, &ctx.tree, &geometry, ctx.accent_text);
    if doc.changes.is_some() {
        changes::number(&ctx, &mut pages);
    }
    Laidout {
        pages,
        bookmarks,
        report: ctx.report,
        base_size: base,
        structure: ctx.tree,
    }
}
