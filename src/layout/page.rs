//! What layout gives the renderer: pages of positioned items (glyph runs,
//! rules, fills, paths, images, links and anchors), the outline, the report.

use super::report::Report;
use super::structure::{NodeId, Tag, Tree};
use crate::model::Rgb;
use crate::text::FaceId;

/// A glyph placed on a run's baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    pub id: u16,
    /// Horizontal position from the run's origin, in points.
    pub x: f32,
    /// The text this glyph stands for (several characters for a ligature,
    /// empty for the later glyphs of a multi-glyph cluster).
    pub text: GlyphText,
}

/// The text one glyph stands for, kept in the glyph itself up to
/// [`GlyphText::INLINE`] bytes (a letter, a ligature, an accented letter:
/// every glyph of a briefing in practice) and on the heap beyond. A
/// 100-page briefing places 360,000 glyphs: a `String` each cost an
/// allocation and 24 bytes more per glyph.
#[derive(Clone, PartialEq, Eq)]
pub enum GlyphText {
    Inline {
        len: u8,
        bytes: [u8; GlyphText::INLINE],
    },
    Heap(Box<String>),
}

impl GlyphText {
    /// Bytes held without an allocation.
    pub const INLINE: usize = 14;

    pub fn new(text: &str) -> GlyphText {
        if text.len() <= Self::INLINE {
            let mut bytes = [0; Self::INLINE];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            GlyphText::Inline {
                len: text.len() as u8,
                bytes,
            }
        } else {
            GlyphText::Heap(Box::new(text.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            GlyphText::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            GlyphText::Heap(s) => s,
        }
    }
}

impl Default for GlyphText {
    fn default() -> Self {
        GlyphText::new("")
    }
}

impl From<&str> for GlyphText {
    fn from(text: &str) -> Self {
        GlyphText::new(text)
    }
}

impl PartialEq<str> for GlyphText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for GlyphText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::ops::Deref for GlyphText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for GlyphText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

/// Glyphs in one face, size and colour on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct GlyphRun {
    pub x: f32,
    /// Baseline, from the top of the page (points, y down).
    pub y: f32,
    pub face: FaceId,
    pub size: f32,
    pub color: Rgb,
    pub glyphs: Vec<PlacedGlyph>,
    /// Advance of the whole run, in points.
    pub width: f32,
    /// Horizontal glyph scaling (font expansion), 1.0 for none.
    pub hscale: f32,
    /// Letter-spacing: space added after each glyph, in points (drawn
    /// as the PDF's character spacing, so a spaced label copies as its
    /// words, not as letters apart).
    pub tracking: f32,
    /// The structure element it belongs to, or why it is an artifact.
    pub tag: Tag,
    /// What the run says, where its glyphs spell it otherwise: a label
    /// set in capitals is heard in its written case ("Bottom line").
    pub spoken: Option<String>,
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    Uri(String),
    /// A named place in the document (see [`Anchor`]).
    Internal(String),
}

/// Something drawn or marked on a page. Coordinates are points from the
/// page's top-left corner, y down.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(GlyphRun),
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Rgb,
        tag: Tag,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb,
        tag: Tag,
    },
    /// An open polyline (chart lines) or, when `fill` is set, a closed
    /// polygon.
    Path {
        points: Vec<(f32, f32)>,
        width: f32,
        stroke: Option<Rgb>,
        fill: Option<Rgb>,
        tag: Tag,
    },
    /// A raster image scaled into the box (x, y, w, h); layout keeps
    /// the aspect ratio, the renderer draws it as it is told.
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        image: std::sync::Arc<crate::model::Image>,
        tag: Tag,
    },
    /// A link's active area; `node` is its Link element.
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        target: LinkTarget,
        node: Option<NodeId>,
    },
    /// A named place links can jump to, at (x, y).
    Anchor {
        name: String,
        x: f32,
        y: f32,
    },
}

/// An outline entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    pub title: String,
    pub level: u8,
    pub page: usize,
    pub y: f32,
}

/// One finished page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

/// A laid-out briefing.
#[derive(Debug, Clone, PartialEq)]
pub struct Laidout {
    pub pages: Vec<Page>,
    pub bookmarks: Vec<Bookmark>,
    pub report: Report,
    /// Body size the layout was set at (smaller than asked when a page
    /// budget made it shrink).
    pub base_size: f32,
    /// The logical structure the items' tags point into.
    pub structure: Tree,
}

impl Item {
    /// The item's tag (anchors and link areas have none of their own).
    pub fn tag(&self) -> Option<Tag> {
        match self {
            Item::Text(r) => Some(r.tag),
            Item::Rect { tag, .. }
            | Item::Line { tag, .. }
            | Item::Path { tag, .. }
            | Item::Image { tag, .. } => Some(*tag),
            Item::Link { .. } | Item::Anchor { .. } => None,
        }
    }

    /// Tags the item with `tag` if it has none yet.
    pub fn tag_unset(&mut self, with: Tag) {
        let t = match self {
            Item::Text(r) => &mut r.tag,
            Item::Rect { tag, .. }
            | Item::Line { tag, .. }
            | Item::Path { tag, .. }
            | Item::Image { tag, .. } => tag,
            Item::Link { .. } | Item::Anchor { .. } => return,
        };
        if *t == Tag::Unset {
            *t = with;
        }
    }
}
