//! The block builders' shared context: what every builder needs to set
//! text (shaper, language, sizes, colours, switches), and the helpers
//! that turn inlines and markdown blocks into lines and vertical boxes.

use std::collections::HashSet;

use crate::layout::geometry::Geometry;
use crate::layout::paragraph::frag::{Line, ParShape};
use crate::layout::paragraph::inline::{TextStyle, WordBuilder};
use crate::layout::structure::{NodeId, Numbering, Role as StructRole, Tag, Tree};
use crate::layout::theme::*;
use crate::layout::vbox::{shift, stack, VBox, VItem};
use crate::layout::{paragraph, GlyphRun, Item, PlacedGlyph, Report};
use crate::markup::{Block, Inline};
use crate::model::{Justify, Language, Rgb};
use crate::text::{FaceId, Features, Role, Shaper};

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
    /// The logical structure, built as the blocks are.
    pub tree: Tree,
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

    /// A box's running text: the heading face a step under the body, as
    /// asides are set apart from the argument.
    pub fn sidebar_style(&self) -> TextStyle {
        self.sans(STEP_S, INK, false)
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

    /// A new structure element under `parent`.
    pub fn node(&mut self, role: StructRole, parent: NodeId) -> NodeId {
        self.tree.add(role, parent)
    }

    /// Sets inlines as lines of element `node`; running text's spacing
    /// goes in the report.
    pub fn lines(
        &mut self,
        inlines: &[Inline],
        style: &TextStyle,
        shape: ParShape,
        node: NodeId,
    ) -> Vec<Line> {
        let lines = self.lines_unrecorded(inlines, style, shape, node);
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
        node: NodeId,
    ) -> Vec<Line> {
        let words = WordBuilder {
            shaper: self.shaper,
            lang: self.lang,
            seen_notes: &mut self.seen_notes,
            tree: &mut self.tree,
            node,
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
                crate::layout::paragraph::line::merge_links(&mut l.items);
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
                    floats: false,
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
        node: NodeId,
    ) -> VBox {
        let lines = self.lines_unrecorded(inlines, style, self.uniform(width, justify), node);
        stack(self.line_boxes(lines, style, leading))
    }

    /// A paragraph of one width throughout, unindented, with this
    /// briefing's protrusion, expansion and tracking.
    fn uniform(&self, width: f32, justify: bool) -> ParShape {
        ParShape {
            first_width: width,
            width,
            first_indent: 0.0,
            indent: 0.0,
            justify,
            protrude: self.protrude,
            expand: self.expand,
            track: self.track,
        }
    }

    /// How many lines `inlines` take at `width`, ragged, leaving nothing
    /// behind (the structure and the notes seen are restored): for
    /// trying sizes and measures before setting a block.
    pub fn count_lines(&mut self, inlines: &[Inline], style: &TextStyle, width: f32) -> usize {
        let (tree, seen) = (self.tree.clone(), self.seen_notes.clone());
        let n = self
            .lines_unrecorded(inlines, style, self.uniform(width, false), Tree::ROOT)
            .len();
        self.tree = tree;
        self.seen_notes = seen;
        n
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
        parent: NodeId,
    ) -> Vec<VItem> {
        let mut out = Vec::new();
        let leading = style.size * BODY_LEADING;
        for (bi, b) in blocks.iter().enumerate() {
            if bi > 0 {
                out.push(VItem::Glue(leading * PARA_GAP));
            }
            match b {
                Block::Para(inl) => {
                    let p = self.node(StructRole::P, parent);
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
                        p,
                    );
                    out.extend(
                        self.line_boxes(lines, style, leading)
                            .into_iter()
                            .map(VItem::Box),
                    );
                }
                Block::Table(t) => {
                    let mut env = super::table::Env {
                        shaper: self.shaper,
                        lang: self.lang,
                        base: self.base,
                        accent_text: self.accent_text,
                        geometry: self.geometry,
                        tree: &mut self.tree,
                        seen_notes: &mut self.seen_notes,
                        report: &mut self.report,
                    };
                    let mut set = super::table::build(&mut env, t, width - indent, parent);
                    if indent > 0.0 {
                        crate::layout::vbox::indent(&mut set, indent);
                    }
                    out.extend(set);
                }
                Block::List {
                    ordered,
                    start,
                    items,
                } => {
                    let hang = style.size * 1.3;
                    let list = self.node(StructRole::L, parent);
                    self.tree.get_mut(list).numbering = Some(if *ordered {
                        Numbering::Decimal
                    } else {
                        Numbering::Disc
                    });
                    for (k, item) in items.iter().enumerate() {
                        if k > 0 {
                            out.push(VItem::Glue(leading * 0.18));
                        }
                        let marker = if *ordered {
                            format!("{}.", start + k as u64)
                        } else {
                            "•".to_string()
                        };
                        let li = self.node(StructRole::LI, list);
                        let lbl = self.node(StructRole::Lbl, li);
                        let body = self.node(StructRole::LBody, li);
                        let mut sub = self.blocks(item, style, width, indent + hang, body);
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
                            run.tag = Tag::Node(lbl);
                            // Drawn first, so the body's lines stay one marked sequence.
                            // Room for one more, not twice the line's.
                            first.items.reserve_exact(1);
                            first.items.insert(0, Item::Text(run));
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

/// A space glyph after a run that stands apart from the text beside it
/// (a note's number, a recommendation's numeral): it draws nothing, but
/// the text read from the page says "1. Karen", not "1.Karen".
pub fn trailing_space(shaper: &Shaper, run: &mut GlyphRun) {
    let space = shaper.shape(run.face, Features::Text, " ");
    if let Some(g) = space.glyphs.first() {
        run.glyphs.push(PlacedGlyph {
            id: g.id,
            x: run.width,
            text: " ".into(),
        });
    }
}

/// Where the baseline sits in a line box of height `leading`.
pub fn baseline_offset(size: f32, leading: f32) -> f32 {
    (leading - size) / 2.0 + size * 0.8
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
            text: crate::layout::paragraph::line::cluster_text(&shaped, i, text.len()).into(),
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
        tracking: tracking * size,
        tag: Tag::Unset,
        spoken: None,
    }
}

/// A label in letter-spaced capitals that a listener hears as written:
/// its glyphs spell `text` upper-cased, its `ActualText` is `text`.
pub fn caps_run(
    shaper: &Shaper,
    face: FaceId,
    text: &str,
    size: f32,
    color: Rgb,
    tracking: f32,
) -> GlyphRun {
    let mut run = text_run(
        shaper,
        face,
        Features::Text,
        &text.to_uppercase(),
        size,
        color,
        tracking,
    );
    run.spoken = Some(text.to_string());
    run
}
