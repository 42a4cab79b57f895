//! Vertical flow: the block builders' shared context, the vertical items
//! they produce, and the top-level [`layout`] that stacks every block of
//! the briefing and hands them to the paginator.

use std::collections::HashSet;

use super::geometry::Geometry;
use super::inline::{TextStyle, WordBuilder};
use super::paragraph::{self, Line, ParShape};
use super::theme::*;
use super::{chrome, figures, masthead, notes, paginate, recommendations, sections};
use super::{GlyphRun, Item, Laidout, PlacedGlyph, Report};
use crate::markup::{Block, Document, Inline};
use crate::model::{Justify, Language, Rgb, Style};
use crate::text::{FaceId, Features, Role, Shaper};

/// A box that stacks vertically: items relative to its top-left corner.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VBox {
    pub height: f32,
    pub items: Vec<Item>,
    /// Never break between this box and the next one.
    pub keep_with_next: bool,
    /// An outline entry that points at this box: (title, level).
    pub bookmark: Option<(String, u8)>,
    /// Name of the rule that binds it to the next box, for the report.
    pub keep_reason: Option<&'static str>,
}

/// One thing in a vertical list.
#[derive(Debug, Clone, PartialEq)]
pub enum VItem {
    Box(VBox),
    /// Space, dropped at the top of a column.
    Glue(f32),
}

/// A run of blocks set in the same number of columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub columns: u8,
    pub items: Vec<VItem>,
}

/// Whether a line is all bold text: a run-in head as long as the line.
fn run_in_head(line: &Line) -> bool {
    let mut runs = line.items.iter().filter_map(|it| match it {
        Item::Text(r) => Some(r),
        _ => None,
    });
    runs.clone().next().is_some() && runs.all(|r| r.face.is_bold())
}

/// What every block builder needs.
pub struct Ctx<'a, 'f> {
    pub shaper: &'a Shaper<'f>,
    pub lang: Language,
    /// Body size, in points.
    pub base: f32,
    /// The accent as configured (rules, bands) and as used for text.
    pub accent: Rgb,
    pub accent_text: Rgb,
    pub geometry: Geometry,
    pub seen_notes: HashSet<u32>,
    pub report: Report,
    /// Optical margin alignment and font expansion (style switches).
    pub protrude: bool,
    pub expand: bool,
    /// Letter-spacing as a justified line's last resort (style switch).
    pub track: bool,
    pub justify: Justify,
}

impl Ctx<'_, '_> {
    /// Body leading, in points.
    pub fn leading(&self) -> f32 {
        self.base * BODY_LEADING
    }

    pub fn body_style(&self) -> TextStyle {
        TextStyle {
            role: Role::Body,
            size: self.base,
            color: INK,
            bold: false,
            italic: false,
            features: Features::Text,
            link_color: self.accent_text,
        }
    }

    pub fn sans(&self, ratio: f32, color: Rgb, bold: bool) -> TextStyle {
        TextStyle {
            role: Role::Heading,
            size: self.base * ratio,
            color,
            bold,
            italic: false,
            features: Features::Text,
            link_color: self.accent_text,
        }
    }

    /// Sets inlines as lines; running text's spacing goes in the report.
    pub fn lines(&mut self, inlines: &[Inline], style: &TextStyle, shape: ParShape) -> Vec<Line> {
        let lines = self.lines_unrecorded(inlines, style, shape);
        self.report
            .lines
            .extend(lines.iter().filter_map(|l| l.stat));
        lines
    }

    /// Sets inlines as lines (labels and cards: not running text).
    pub fn lines_unrecorded(
        &mut self,
        inlines: &[Inline],
        style: &TextStyle,
        shape: ParShape,
    ) -> Vec<Line> {
        let words = WordBuilder {
            shaper: self.shaper,
            lang: self.lang,
            seen_notes: &mut self.seen_notes,
        }
        .words(inlines, style);
        paragraph::set(&words, &shape)
    }

    /// Lines stacked into one box each, `leading` apart, with widow and
    /// orphan protection (the first two and last two lines stay together).
    pub fn line_boxes(&self, lines: Vec<Line>, style: &TextStyle, leading: f32) -> Vec<VBox> {
        let n = lines.len();
        let baseline = baseline_offset(style.size, leading);
        // A run-in head that fills the first line reads as a heading: two
        // lines of text stay with it, not one.
        let club = if lines.first().is_some_and(run_in_head) {
            2
        } else {
            1
        };
        lines
            .into_iter()
            .enumerate()
            .map(|(i, mut l)| {
                super::line::merge_links(&mut l.items);
                let items = l
                    .items
                    .into_iter()
                    .map(|it| shift(it, 0.0, baseline))
                    .collect();
                VBox {
                    height: leading,
                    items,
                    keep_with_next: n > 1 && (i < club || i + 2 == n),
                    bookmark: None,
                    keep_reason: (n > 1 && i < club)
                        .then_some("no orphan line")
                        .or((n > 1 && i + 2 == n).then_some("no widow line")),
                }
            })
            .collect()
    }

    /// All lines of a paragraph in one box (for cards and boxes that never
    /// split); returns the box and its height.
    pub fn text_block(
        &mut self,
        inlines: &[Inline],
        style: &TextStyle,
        width: f32,
        leading: f32,
        justify: bool,
    ) -> VBox {
        let lines = self.lines_unrecorded(
            inlines,
            style,
            ParShape {
                first_width: width,
                width,
                first_indent: 0.0,
                indent: 0.0,
                justify,
                protrude: self.protrude,
                expand: self.expand,
                track: self.track,
            },
        );
        stack(self.line_boxes(lines, style, leading))
    }

    /// Whether running text of this measure and size is justified: under
    /// `justify = "auto"`, not when the measure is under
    /// [`MIN_JUSTIFIED_MEASURE`] em, where even spacing cannot be had.
    fn justifies(&self, measure: f32, size: f32) -> bool {
        match self.justify {
            Justify::Always => true,
            Justify::Never => false,
            Justify::Auto => measure >= MIN_JUSTIFIED_MEASURE * size,
        }
    }

    /// Sets markdown blocks as a vertical list: justified paragraphs, lists
    /// with hanging bullets.
    pub fn blocks(
        &mut self,
        blocks: &[Block],
        style: &TextStyle,
        width: f32,
        indent: f32,
    ) -> Vec<VItem> {
        let mut out = Vec::new();
        let leading = style.size * BODY_LEADING;
        for (bi, b) in blocks.iter().enumerate() {
            if bi > 0 {
                out.push(VItem::Glue(leading * PARA_GAP));
            }
            match b {
                Block::Para(inl) => {
                    let lines = self.lines(
                        inl,
                        style,
                        ParShape {
                            first_width: width - indent,
                            width: width - indent,
                            first_indent: indent,
                            indent,
                            justify: self.justifies(width - indent, style.size),
                            protrude: self.protrude,
                            expand: self.expand,
                            track: self.track,
                        },
                    );
                    out.extend(
                        self.line_boxes(lines, style, leading)
                            .into_iter()
                            .map(VItem::Box),
                    );
                }
                Block::List {
                    ordered,
                    start,
                    items,
                } => {
                    let hang = style.size * 1.3;
                    for (k, item) in items.iter().enumerate() {
                        if k > 0 {
                            out.push(VItem::Glue(leading * 0.18));
                        }
                        let marker = if *ordered {
                            format!("{}.", start + k as u64)
                        } else {
                            "•".to_string()
                        };
                        let mut sub = self.blocks(item, style, width, indent + hang);
                        // The marker sits on the item's first line.
                        if let Some(VItem::Box(first)) =
                            sub.iter_mut().find(|v| matches!(v, VItem::Box(_)))
                        {
                            let face = self.shaper.fonts.face(style.role, false, false);
                            let color = if *ordered {
                                style.color
                            } else {
                                self.accent_text
                            };
                            let mut run = text_run(
                                self.shaper,
                                face,
                                Features::Tabular,
                                &marker,
                                style.size,
                                color,
                                0.0,
                            );
                            run.x = indent + hang - run.width - style.size * 0.45;
                            run.y = baseline_offset(style.size, leading);
                            first.items.push(Item::Text(run));
                        }
                        // The first two items stay together.
                        if k == 0 && items.len() > 1 {
                            if let Some(VItem::Box(last)) =
                                sub.iter_mut().rev().find(|v| matches!(v, VItem::Box(_)))
                            {
                                last.keep_with_next = true;
                                last.keep_reason = Some("a list's first two items together");
                            }
                        }
                        out.extend(sub);
                    }
                }
            }
        }
        out
    }
}

/// Where the baseline sits in a line box of height `leading`.
pub fn baseline_offset(size: f32, leading: f32) -> f32 {
    (leading - size) / 2.0 + size * 0.8
}

/// Moves an item by (dx, dy).
pub fn shift(item: Item, dx: f32, dy: f32) -> Item {
    match item {
        Item::Text(mut r) => {
            r.x += dx;
            r.y += dy;
            Item::Text(r)
        }
        Item::Rect { x, y, w, h, fill } => Item::Rect {
            x: x + dx,
            y: y + dy,
            w,
            h,
            fill,
        },
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
        } => Item::Line {
            x1: x1 + dx,
            y1: y1 + dy,
            x2: x2 + dx,
            y2: y2 + dy,
            width,
            color,
        },
        Item::Path {
            points,
            width,
            stroke,
            fill,
        } => Item::Path {
            points: points.into_iter().map(|(x, y)| (x + dx, y + dy)).collect(),
            width,
            stroke,
            fill,
        },
        Item::Link { x, y, w, h, target } => Item::Link {
            x: x + dx,
            y: y + dy,
            w,
            h,
            target,
        },
        Item::Anchor { name, x, y } => Item::Anchor {
            name,
            x: x + dx,
            y: y + dy,
        },
    }
}

/// Boxes stacked into one.
pub fn stack(boxes: Vec<VBox>) -> VBox {
    let mut out = VBox::default();
    for b in boxes {
        let dy = out.height;
        out.items
            .extend(b.items.into_iter().map(|i| shift(i, 0.0, dy)));
        out.height += b.height;
    }
    out
}

/// Appends a box below another, `gap` apart.
pub fn append(into: &mut VBox, b: VBox, gap: f32, dx: f32) {
    let dy = into.height + gap;
    into.items
        .extend(b.items.into_iter().map(|i| shift(i, dx, dy)));
    into.height = dy + b.height;
}

/// One line of text in one face, with optional tracking (extra space
/// after each glyph, in em).
pub fn text_run(
    shaper: &Shaper,
    face: FaceId,
    features: Features,
    text: &str,
    size: f32,
    color: Rgb,
    tracking: f32,
) -> GlyphRun {
    let shaped = shaper.shape(face, features, text);
    let scale = size / shaped.units_per_em;
    let mut x = 0.0;
    let mut glyphs = Vec::with_capacity(shaped.glyphs.len());
    let gl = &shaped.glyphs;
    for (i, g) in gl.iter().enumerate() {
        glyphs.push(PlacedGlyph {
            id: g.id,
            x,
            text: super::line::cluster_text(&shaped, i, text.len()).into(),
        });
        x += g.advance as f32 * scale;
        if i + 1 < gl.len() {
            x += tracking * size;
        }
    }
    GlyphRun {
        x: 0.0,
        y: 0.0,
        face,
        size,
        color,
        glyphs,
        width: x,
        hscale: 1.0,
    }
}

/// Lays out a whole briefing at the style's size, shrinking to the page
/// budget when one is set.
pub fn layout(
    doc: &Document,
    style: &Style,
    lang: Language,
    shaper: &Shaper,
) -> Result<Laidout, BudgetError> {
    let first = layout_at(doc, style, lang, shaper, style.base_size);
    let Some(budget) = style.max_pages else {
        return Ok(first);
    };
    if first.pages.len() <= budget as usize {
        return Ok(first);
    }
    let floor = MIN_BUDGET_SIZE.min(style.base_size);
    let at_floor = layout_at(doc, style, lang, shaper, floor);
    if at_floor.pages.len() > budget as usize || floor >= style.base_size {
        return Err(BudgetError {
            budget,
            needed: at_floor.pages.len(),
            floor,
            longest: longest_parts(doc),
        });
    }
    // Binary search over 0.1 pt steps between the floor and the size asked.
    let steps = ((style.base_size - floor) / BUDGET_STEP).round() as i32;
    let (mut lo, mut hi) = (0, steps); // lo fits (the floor); hi does not
    let mut best = at_floor;
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        let size = floor + mid as f32 * BUDGET_STEP;
        let l = layout_at(doc, style, lang, shaper, size);
        if l.pages.len() <= budget as usize {
            lo = mid;
            best = l;
        } else {
            hi = mid;
        }
    }
    Ok(best)
}

/// The page budget never shrinks the body below this (FORMAT.md).
pub const MIN_BUDGET_SIZE: f32 = 8.5;
/// Sizes the budget search tries are this far apart, in points.
pub const BUDGET_STEP: f32 = 0.1;

/// A briefing that cannot fit its page budget.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetError {
    pub budget: u32,
    pub needed: usize,
    pub floor: f32,
    /// The longest parts, by characters, for the author to cut.
    pub longest: Vec<(String, usize)>,
}

fn longest_parts(doc: &Document) -> Vec<(String, usize)> {
    fn len(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::Para(i) => crate::markup::plain_text(i).chars().count(),
                Block::List { items, .. } => items.iter().map(|i| len(i)).sum(),
            })
            .sum()
    }
    let mut parts = vec![("summary".to_string(), len(&doc.summary))];
    for s in &doc.sections {
        parts.push((
            format!("section “{}”", crate::markup::plain_text(&s.heading)),
            len(&s.body),
        ));
    }
    for (i, r) in doc.recommendations.iter().enumerate() {
        let a: usize = r
            .actions
            .iter()
            .map(|a| crate::markup::plain_text(a).len())
            .sum();
        parts.push((format!("recommendation {}", i + 1), len(&r.body) + a));
    }
    parts.push((
        "notes".to_string(),
        doc.notes.iter().map(|n| len(&n.body)).sum(),
    ));
    parts.sort_by_key(|p| std::cmp::Reverse(p.1));
    parts.truncate(3);
    parts
}

fn layout_at(doc: &Document, style: &Style, lang: Language, shaper: &Shaper, base: f32) -> Laidout {
    let geometry = Geometry::for_paper(style.paper);
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
            }],
            keep_with_next: true,
            bookmark: None,
            keep_reason: Some("a rule with the columns below it"),
        }));
    }
    flows.push(Flow {
        columns: 1,
        items: front,
    });
    if !doc.sections.is_empty() {
        let col_w = (width - GUTTER * base * f32::from(cols - 1)) / f32::from(cols);
        let mut body = vec![VItem::Glue(body_gap)];
        body.extend(sections::build(&mut ctx, doc, col_w));
        flows.push(Flow {
            columns: cols,
            items: body,
        });
    }
    if !doc.recommendations.is_empty() {
        let mut recs = vec![VItem::Glue(gap)];
        recs.extend(recommendations::build(&mut ctx, doc, width));
        flows.push(Flow {
            columns: 1,
            items: recs,
        });
    }
    if !doc.notes.is_empty() {
        let (head, cols, items) = notes::build(&mut ctx, doc, width);
        flows.push(Flow {
            columns: 1,
            items: head,
        });
        flows.push(Flow {
            columns: cols,
            items,
        });
    }
    if let Some(credit) = notes::credit(&mut ctx, doc, width) {
        flows.push(Flow {
            columns: 1,
            items: credit,
        });
    }
    let (mut pages, bookmarks, conceded) = paginate::paginate(flows, &geometry, base * GUTTER);
    ctx.report.conceded.extend(conceded);
    chrome::decorate(&mut ctx, doc, &mut pages);
    Laidout {
        pages,
        bookmarks,
        report: ctx.report,
        base_size: base,
    }
}
