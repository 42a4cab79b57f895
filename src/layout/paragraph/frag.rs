//! The shared parts of a paragraph's three steps ([`super::collect`],
//! [`super::linebreak`], [`super::line`]): the shape a paragraph is set
//! to, the fragments words are cut into, a set line, and the spacing
//! limits all three respect.

use super::inline::BreakKind;
use crate::layout::{Item, LineStat};

/// Inter-word space, in em of the word's size: at least this much even
/// where the font's own space is narrower (Vollkorn's is 0.2 em)…
pub const SPACE_NATURAL_MIN: f32 = 0.22;
/// …never squeezed below this…
pub const SPACE_MIN: f32 = 0.2;
/// …and stretched to this at a stretch ratio of 1.
pub const SPACE_STRETCHED: f32 = 0.45;

/// How to set a paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParShape {
    /// Width of the first line and of the others (a hanging indent makes
    /// them differ).
    pub first_width: f32,
    pub width: f32,
    /// Left offset of the first line and of the others.
    pub first_indent: f32,
    pub indent: f32,
    pub justify: bool,
    /// Hang punctuation into the margins (optical margin alignment).
    pub protrude: bool,
    /// Widen or narrow glyphs by up to 2% to even out spacing.
    pub expand: bool,
    /// Space letters by up to [`MAX_TRACKING`] em where the
    /// word spaces alone would be loose.
    pub track: bool,
}

/// One set line: items relative to the line's left edge and baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub items: Vec<Item>,
    pub width: f32,
    pub stat: Option<LineStat>,
}

/// A piece of a word between two break points.
#[derive(Debug, Clone)]
pub struct Frag {
    pub word: usize,
    /// (segment index, byte range) pieces.
    pub parts: Vec<(usize, usize, usize)>,
    pub width: f32,
    /// The space after it, when it ends a word: natural, stretch, shrink.
    pub glue: (f32, f32, f32),
    /// Hyphen width when the line breaks after this piece with a hyphen.
    pub hyphen: f32,
    /// What a break after it is (when it does not end its word).
    pub kind: BreakKind,
    /// Last piece of its word.
    pub word_end: bool,
    /// Letter-spacing it can take, in points: its gaps between glyphs
    /// (and the one before it, when it continues a word) at the most
    /// tracking allowed.
    pub track: f32,
}

/// Letter-spacing, the last resort of a justified line whose spaces are
/// at their full stretch, never adds more than this between two glyphs
/// of a word, in em.
pub const MAX_TRACKING: f32 = 0.02;

/// Font expansion never scales glyphs by more than this (±2%).
pub const MAX_EXPANSION: f32 = 0.02;
