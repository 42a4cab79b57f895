//! Pipe tables, as policy publishers print them: the numbered caption
//! above, kept with the header and the first two rows; column widths
//! from the content; numbers right-aligned on tabular lining figures (or
//! on their decimal separator); booktabs rules above and below the header
//! and at the foot, none between columns. The rows break between pages
//! only where no rule forbids it, and the header repeats under a
//! "Table 1 (continued)" line on each page the table runs onto (see
//! [`VItem::Repeat`]). Tagged Table, Caption, THead/TBody, TR, TH (with
//! a scope and an ID) and TD (with the IDs of its headers).

pub mod cells;
pub mod widths;

use cells::{decimal_part, decimal_tail, row_height, row_items, Cell, Place, RowMetrics, SetCell};

use std::collections::HashSet;

use crate::layout::geometry::Geometry;
use crate::layout::paragraph::frag::ParShape;
use crate::layout::paragraph::inline::{TextStyle, WordBuilder};
use crate::layout::report::TableFault;
use crate::layout::structure::Tree;
use crate::layout::structure::{NodeId, Role as StructRole, Scope, Tag};
use crate::layout::theme::*;
use crate::layout::vbox::{VBox, VItem};
use crate::layout::Item;
use crate::layout::{paragraph, Report};
use crate::markup::{plain_text, Inline, InlineStyle, Table};
use crate::model::{Language, Rgb};
use crate::text::Shaper;
use crate::text::{Features, Role};

/// The rules that bind a table's boxes, as the paginator weighs them
/// (see `pages::paginate::rule_cost`): the first two never give way.
pub const HEAD_ROWS: &str = "a table's caption and header with its first two rows";
pub const SHORT_TABLE: &str = "a table of fewer than four rows does not break";
pub const LAST_ROWS: &str = "a table's last two rows together";

/// Rules: above the header and at the foot, and under the header.
const HEAVY_RULE: f32 = 0.8;
const LIGHT_RULE: f32 = 0.45;

/// What a table needs of the block builders' context (which hands it
/// its own fields: see `ctx::Ctx::blocks`).
pub struct Env<'a, 'f> {
    pub shaper: &'a Shaper<'f>,
    pub lang: Language,
    pub base: f32,
    pub accent_text: Rgb,
    pub geometry: Geometry,
    pub tree: &'a mut Tree,
    pub seen_notes: &'a mut HashSet<u32>,
    pub report: &'a mut Report,
}

impl Env<'_, '_> {
    fn node(&mut self, role: StructRole, parent: NodeId) -> NodeId {
        self.tree.add(role, parent)
    }

    /// A paragraph in the heading face at `ratio` of the body size,
    /// ragged at `width`, as one box of lines `leading` apart.
    fn text(&mut self, inl: &[Inline], ratio: f32, color: Rgb, width: f32, node: NodeId) -> VBox {
        let style = TextStyle {
            role: Role::Heading,
            size: self.base * ratio,
            color,
            bold: false,
            italic: false,
            features: Features::Text,
            link_color: self.accent_text,
        };
        let words = WordBuilder {
            shaper: self.shaper,
            lang: self.lang,
            seen_notes: self.seen_notes,
            tree: self.tree,
            node,
        }
        .words(inl, &style);
        let lines = paragraph::set(
            &words,
            &ParShape {
                first_width: width,
                width,
                first_indent: 0.0,
                indent: 0.0,
                justify: false,
                protrude: false,
                expand: false,
                track: false,
            },
        );
        let leading = style.size * TABLE_LEADING;
        let base = cells::baseline(style.size, leading);
        let mut b = VBox::default();
        for (k, mut l) in lines.into_iter().enumerate() {
            crate::layout::paragraph::line::merge_links(&mut l.items);
            let dy = k as f32 * leading + base;
            b.items.extend(
                l.items
                    .into_iter()
                    .map(|i| crate::layout::vbox::shift(i, 0.0, dy)),
            );
            b.height += leading;
        }
        b
    }
}

/// A table's cells, as their elements and words.
struct Grid {
    head: Vec<Cell>,
    rows: Vec<Vec<Cell>>,
}

/// Sets a table `width` wide, or across the text width when its columns
/// cannot fit (then wrapped in [`VItem::Span`]); a table that fits
/// neither, or a row taller than a page, is reported and set as nothing.
pub fn build(ctx: &mut Env, t: &Table, width: f32, parent: NodeId) -> Vec<VItem> {
    let size = ctx.base * TABLE_SIZE;
    let m = RowMetrics {
        size,
        leading: size * TABLE_LEADING,
        pad: size * 0.28,
    };
    let gap = size * 1.2;
    let n = t.align.len();
    let table = ctx.node(StructRole::Table, parent);
    let caption = ctx.node(StructRole::Caption, table);
    let labels = label_column(t);
    let grid = cells(ctx, t, table, labels, size);

    // Widths: the column's, else the text width, else an error.
    let (mut min, mut nat) = (vec![0.0f32; n], vec![0.0f32; n]);
    for row in std::iter::once(&grid.head).chain(&grid.rows) {
        for (c, cell) in row.iter().enumerate() {
            let (a, b) = cell.measure();
            min[c] = min[c].max(a + 0.5);
            nat[c] = nat[c].max(b + 0.5);
        }
    }
    let full = ctx.geometry.text_width();
    let grow: Vec<bool> = (0..n).map(|c| !t.numeric(c)).collect();
    let (widths, spans) = match widths::solve(&min, &nat, &grow, gap, width) {
        Some(w) => (w, false),
        None => match (full > width + 0.5)
            .then(|| widths::solve(&min, &nat, &grow, gap, full))
            .flatten()
        {
            Some(w) => (w, true),
            None => {
                too_wide(ctx, t, &min, gap, full);
                return Vec::new();
            }
        },
    };
    let tw = widths.iter().sum::<f32>() + gap * n.saturating_sub(1) as f32;
    let xs: Vec<f32> = (0..n)
        .map(|c| widths[..c].iter().sum::<f32>() + gap * c as f32)
        .collect();

    // Where each column's lines sit: numbers on their decimal separator.
    let sep = ctx.lang.decimal_separator();
    let face = ctx.shaper.fonts.face(Role::Heading, false, false);
    let mut places: Vec<Place> = (0..n).map(|c| Place::of(t.align_of(c))).collect();
    let mut tails = vec![0.0f32; n];
    let tail_of = |text: &str| {
        ctx.shaper
            .width(face, Features::Tabular, decimal_tail(text, sep), size)
    };
    for c in 0..n {
        let decimals = grid
            .rows
            .iter()
            .any(|r| decimal_part(&r[c].text, sep).is_some());
        if places[c] == Place::Right && t.numeric(c) && decimals {
            let tail = grid
                .rows
                .iter()
                .map(|r| tail_of(&r[c].text))
                .fold(0.0, f32::max);
            if tail > 0.0 {
                places[c] = Place::Decimal { tail };
                tails[c] = tail;
            }
        }
    }
    let head_places: Vec<Place> = places
        .iter()
        .map(|p| match p {
            Place::Decimal { .. } => Place::Right,
            p => *p,
        })
        .collect();

    // The header, between the top rule and the rule under it.
    let head_cells: Vec<SetCell> = grid
        .head
        .iter()
        .enumerate()
        .map(|(c, cell)| SetCell {
            lines: cell.set(widths[c]),
            tail: 0.0,
        })
        .collect();
    let hh = row_height(&head_cells, &m);
    let mut head = VBox {
        height: HEAVY_RULE + hh + LIGHT_RULE,
        ..Default::default()
    };
    head.items.push(rule(0.0, tw, HEAVY_RULE));
    head.items.extend(
        row_items(head_cells, &xs, &widths, &head_places, &m)
            .into_iter()
            .map(|i| crate::layout::vbox::shift(i, 0.0, HEAVY_RULE)),
    );
    // The body rows.
    let count = grid.rows.len();
    // A table of a header alone ends at its foot rule.
    if count == 0 {
        head.items.push(rule(HEAVY_RULE + hh, tw, HEAVY_RULE));
        head.height += HEAVY_RULE - LIGHT_RULE;
    } else {
        head.items.push(rule(HEAVY_RULE + hh, tw, LIGHT_RULE));
    }
    let mut rows: Vec<VBox> = Vec::with_capacity(count);
    for (r, row) in grid.rows.iter().enumerate() {
        let set: Vec<SetCell> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| SetCell {
                lines: cell.set(widths[c]),
                tail: if tails[c] > 0.0 {
                    tail_of(&cell.text)
                } else {
                    0.0
                },
            })
            .collect();
        let h = row_height(&set, &m);
        let mut b = VBox {
            height: h,
            items: row_items(set, &xs, &widths, &places, &m),
            ..Default::default()
        };
        if r + 1 == count {
            b.items.push(rule(h, tw, HEAVY_RULE));
            b.height += HEAVY_RULE;
        }
        rows.push(b);
    }

    // The caption over it all, and the line that heads its continuations.
    let mut cap_text = vec![Inline::Text {
        text: t.label.clone(),
        style: InlineStyle {
            bold: true,
            ..Default::default()
        },
        link: None,
    }];
    if let Some(c) = &t.caption {
        cap_text.push(Inline::Text {
            text: " ".into(),
            style: InlineStyle::default(),
            link: None,
        });
        cap_text.extend(c.iter().cloned());
    }
    // The caption takes the measure, however narrow the table under it.
    let measure = if spans { full } else { width };
    let mut cap = ctx.text(&cap_text, TABLE_CAPTION_SIZE, INK, measure.max(tw), caption);
    cap.height += size * 0.35;
    let repeat = continued(ctx, t, &head, table);

    // A row taller than a page (under the repeated header) cannot be set.
    let page = ctx.geometry.bottom - ctx.geometry.top;
    for (r, b) in rows.iter().enumerate() {
        if b.height + repeat.height > page {
            let at = t.row_spans.get(r).cloned().unwrap_or(t.span.clone());
            ctx.report.table_faults.push(TableFault {
                code: "E0025",
                span: at,
                message: format!(
                    "row {} of {} is taller than a page ({:.0} pt; a page holds {:.0} pt of it)",
                    r + 1,
                    t.label.trim_end_matches(['.', ':', ' ']),
                    b.height,
                    page - repeat.height
                ),
                help: "shorten the row's cells, or move the long text into a paragraph under the table".into(),
            });
            return Vec::new();
        }
    }

    // The keeps: the caption and header with the first two rows; a short
    // table whole; the last two rows together.
    let keep = |b: &mut VBox, why: &'static str| {
        b.keep_with_next = true;
        b.keep_reason = Some(why);
    };
    let short = count < 4;
    let first = if short { SHORT_TABLE } else { HEAD_ROWS };
    keep(&mut cap, first);
    if count > 0 {
        keep(&mut head, first);
    }
    for (r, b) in rows.iter_mut().enumerate() {
        if short && r + 1 < count {
            keep(b, SHORT_TABLE);
        } else if !short && r == 0 {
            keep(b, HEAD_ROWS);
        } else if !short && r + 2 == count {
            keep(b, LAST_ROWS);
        }
    }
    let mut items = vec![VItem::Box(cap), VItem::Box(head)];
    let mut rows = rows.into_iter();
    items.extend(rows.by_ref().take(2).map(VItem::Box));
    if !short {
        items.push(VItem::Repeat(repeat));
        items.extend(rows.map(VItem::Box));
        items.push(VItem::RepeatEnd);
    } else {
        items.extend(rows.map(VItem::Box));
    }
    if spans {
        vec![VItem::Span(items)]
    } else {
        items
    }
}

/// Whether the first column names the rows: text beside columns of
/// numbers. Its body cells are then row headers (TH, `/Scope /Row`).
fn label_column(t: &Table) -> bool {
    let n = t.align.len();
    n >= 2 && !t.numeric(0) && (1..n).any(|c| t.numeric(c))
}

/// The elements and words of every cell, in reading order.
fn cells(ctx: &mut Env, t: &Table, table: NodeId, labels: bool, size: f32) -> Grid {
    let link_color = ctx.accent_text;
    let style = |bold: bool, tabular: bool| TextStyle {
        role: Role::Heading,
        size,
        color: INK,
        bold,
        italic: false,
        features: if tabular {
            Features::Tabular
        } else {
            Features::Text
        },
        link_color,
    };
    let n = t.align.len();
    let numeric: Vec<bool> = (0..n).map(|c| t.numeric(c)).collect();
    let word = |ctx: &mut Env, inl: &[Inline], st: TextStyle, node: NodeId| Cell {
        node,
        text: plain_text(inl),
        words: WordBuilder {
            shaper: ctx.shaper,
            lang: ctx.lang,
            seen_notes: ctx.seen_notes,
            tree: ctx.tree,
            node,
        }
        .words(inl, &st),
    };
    // A header with no rows under it is the table's one row (a THead
    // needs a TBody beside it).
    let thead = if t.rows.is_empty() {
        table
    } else {
        ctx.node(StructRole::THead, table)
    };
    let tr = ctx.node(StructRole::TR, thead);
    let mut col_ids: Vec<Option<String>> = Vec::with_capacity(n);
    let mut head = Vec::with_capacity(n);
    for (c, inl) in t.head.iter().enumerate() {
        let th = ctx.node(StructRole::TH, tr);
        let id = (!inl.is_empty()).then(|| format!("table{}-col{}", t.number, c + 1));
        let node = ctx.tree.get_mut(th);
        node.scope = Some(Scope::Column);
        node.id = id.clone();
        col_ids.push(id);
        head.push(word(ctx, inl, style(true, false), th));
    }
    let mut rows = Vec::with_capacity(t.rows.len());
    if t.rows.is_empty() {
        return Grid { head, rows };
    }
    let tbody = ctx.node(StructRole::TBody, table);
    for (r, row) in t.rows.iter().enumerate() {
        let tr = ctx.node(StructRole::TR, tbody);
        let mut out = Vec::with_capacity(n);
        let mut row_id = None;
        for (c, inl) in row.iter().enumerate() {
            let is_label = labels && c == 0;
            let role = if is_label {
                StructRole::TH
            } else {
                StructRole::TD
            };
            let cell = ctx.node(role, tr);
            let mut headers: Vec<String> = col_ids[c].iter().cloned().collect();
            if is_label {
                if !inl.is_empty() {
                    let id = format!("table{}-row{}", t.number, r + 1);
                    ctx.tree.get_mut(cell).id = Some(id.clone());
                    row_id = Some(id);
                }
                ctx.tree.get_mut(cell).scope = Some(Scope::Row);
            } else {
                headers.extend(row_id.iter().cloned());
            }
            ctx.tree.get_mut(cell).headers = headers;
            out.push(word(ctx, inl, style(false, numeric[c]), cell));
        }
        rows.push(out);
    }
    Grid { head, rows }
}

/// The box set over the header on each page a table runs onto: the
/// "Table 1 (continued)" line and the header again, artifacts both (the
/// header is heard once).
fn continued(ctx: &mut Env, t: &Table, head: &VBox, table: NodeId) -> VBox {
    let size = ctx.base * TABLE_SIZE;
    let line = [Inline::Text {
        text: t.continued.clone(),
        style: InlineStyle::default(),
        link: None,
    }];
    let first = ctx.text(&line, TABLE_SIZE, MUTED, 1.0e5, table);
    let top = first.height + size * 0.2;
    let moved = head
        .items
        .iter()
        .map(|it| crate::layout::vbox::shift(it.clone(), 0.0, top));
    let items = first
        .items
        .into_iter()
        .chain(moved)
        .filter_map(|mut it| {
            match &mut it {
                Item::Text(r) => r.tag = Tag::LAYOUT,
                Item::Rect { tag, .. }
                | Item::Line { tag, .. }
                | Item::Path { tag, .. }
                | Item::Image { tag, .. } => *tag = Tag::LAYOUT,
                // Links and note anchors stay with the header heard once.
                Item::Link { .. } | Item::Anchor { .. } => return None,
            }
            Some(it)
        })
        .collect();
    VBox {
        height: top + head.height,
        items,
        ..Default::default()
    }
}

/// A horizontal rule `w` long, its top at `y`.
fn rule(y: f32, w: f32, weight: f32) -> Item {
    Item::Line {
        x1: 0.0,
        y1: y + weight / 2.0,
        x2: w,
        y2: y + weight / 2.0,
        width: weight,
        color: INK,
        tag: Tag::LAYOUT,
    }
}

/// Reports a table whose columns cannot fit the text width, naming the
/// column that needs the most.
fn too_wide(ctx: &mut Env, t: &Table, min: &[f32], gap: f32, full: f32) {
    let c = widths::widest(min);
    let name = t
        .head
        .get(c)
        .map(|h| plain_text(h))
        .filter(|h| !h.trim().is_empty())
        .map_or(String::new(), |h| {
            format!(" (\u{201c}{}\u{201d})", h.trim())
        });
    let need = min.iter().sum::<f32>() + gap * min.len().saturating_sub(1) as f32;
    ctx.report.table_faults.push(TableFault {
        code: "E0024",
        span: t.span.clone(),
        message: format!(
            "{} is too wide for the page: its {} columns need {:.0} pt and the text is {:.0} pt wide; column {}{} is the widest, at {:.0} pt for its longest word",
            t.label.trim_end_matches(['.', ':', ' ']),
            min.len(),
            need,
            full,
            c + 1,
            name,
            min[c]
        ),
        help: "split the table in two, drop columns, or shorten the longest words (a long name or address can go in a note)".into(),
    });
}
