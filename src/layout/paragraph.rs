//! Paragraphs: measured words cut into fragments at their break points,
//! broken into lines by [`super::linebreak`] and set by [`super::line`].

use super::inline::{BreakKind, Segment, Word};
use super::line::{set_line, MAX_TRACKING};
use super::linebreak::breaks;
use super::Item;
use super::LineStat;

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
    /// Space letters by up to [`super::line::MAX_TRACKING`] em where the
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
pub(super) struct Frag {
    pub(super) word: usize,
    /// (segment index, byte range) pieces.
    pub(super) parts: Vec<(usize, usize, usize)>,
    pub(super) width: f32,
    /// The space after it, when it ends a word: natural, stretch, shrink.
    pub(super) glue: (f32, f32, f32),
    /// Hyphen width when the line breaks after this piece with a hyphen.
    pub(super) hyphen: f32,
    /// What a break after it is (when it does not end its word).
    pub(super) kind: BreakKind,
    /// Last piece of its word.
    pub(super) word_end: bool,
    /// Letter-spacing it can take, in points: its gaps between glyphs
    /// (and the one before it, when it continues a word) at the most
    /// tracking allowed.
    pub(super) track: f32,
}

fn seg_len(s: &Segment) -> usize {
    s.shaped.text.len()
}

/// The glue after a word: natural, stretch and shrink, in points. Ragged
/// text (`justify` false) spaces every word alike, whatever its face.
fn glue_for(w: &Word, justify: bool) -> (f32, f32, f32) {
    if w.space <= 0.0 {
        return (0.0, 0.0, 0.0);
    }
    let em = w.segments.last().map_or(10.0, |s| s.size);
    let nat = if justify {
        w.space.max(SPACE_NATURAL_MIN * em)
    } else {
        SPACE_NATURAL_MIN * em
    };
    (
        nat,
        (SPACE_STRETCHED * em - nat).max(0.05 * em),
        (nat - SPACE_MIN * em).max(0.0),
    )
}

/// Cuts words into fragments at their break points. A fragment wider
/// than `max_width` (a long URL or word with no break) is cut further at
/// glyph boundaries, with a hyphen unless it is a URL.
fn fragments(words: &[Word], max_width: f32, justify: bool) -> Vec<Frag> {
    let mut out = Vec::new();
    for (wi, w) in words.iter().enumerate() {
        let hyphen_w = w.hyphen.as_ref().map_or(0.0, |(s, size)| s.width(*size));
        let mut cuts: Vec<(usize, usize, BreakKind)> =
            w.breaks.iter().map(|b| (b.segment, b.at, b.kind)).collect();
        // Emergency breaks for pieces that cannot fit a line.
        if w.width() > max_width {
            for (si, s) in w.segments.iter().enumerate() {
                let url = super::inline::is_url_like(&s.shaped.text);
                let mut acc = 0.0;
                let mut last_cut = 0;
                for g in &s.shaped.glyphs {
                    let at = g.cluster as usize;
                    let adv = g.advance as f32 * s.size / s.shaped.units_per_em;
                    if at > last_cut && acc + adv > max_width * 0.9 {
                        cuts.push((
                            si,
                            at,
                            if url {
                                BreakKind::InUrl
                            } else {
                                BreakKind::Hyphen
                            },
                        ));
                        acc = 0.0;
                        last_cut = at;
                    }
                    acc += adv;
                }
            }
            cuts.sort_by_key(|c| (c.0, c.1));
            cuts.dedup_by_key(|c| (c.0, c.1));
        }
        let glue = glue_for(w, justify);
        let mut start = (0usize, 0usize);
        let mut push = |from: (usize, usize), to: (usize, usize), kind: BreakKind, end: bool| {
            let mut parts = Vec::new();
            let mut width = 0.0;
            let mut track = 0.0;
            for si in from.0..=to.0.min(w.segments.len() - 1) {
                let s = &w.segments[si];
                let a = if si == from.0 { from.1 } else { 0 };
                let b = if si == to.0 { to.1 } else { seg_len(s) };
                if b > a {
                    width += s.shaped.width_of(a, b, s.size);
                    let glyphs = s.shaped.glyphs_in(a, b).count();
                    track += glyphs as f32 * MAX_TRACKING * s.size;
                    parts.push((si, a, b));
                }
            }
            if from == (0, 0) {
                // The word's first glyph has no gap before it.
                track -= MAX_TRACKING * w.segments.first().map_or(0.0, |s| s.size);
            }
            out.push(Frag {
                word: wi,
                parts,
                width,
                glue: if end { glue } else { (0.0, 0.0, 0.0) },
                hyphen: if kind == BreakKind::Hyphen {
                    hyphen_w
                } else {
                    0.0
                },
                kind,
                word_end: end,
                track: track.max(0.0),
            });
        };
        for &(si, at, kind) in &cuts {
            push(start, (si, at), kind, false);
            start = (si, at);
        }
        let last = w.segments.len() - 1;
        push(
            start,
            (last, seg_len(&w.segments[last])),
            BreakKind::After,
            true,
        );
    }
    out
}

/// Breaks words into lines.
pub fn set(words: &[Word], shape: &ParShape) -> Vec<Line> {
    if words.is_empty() {
        return Vec::new();
    }
    let frags = fragments(words, shape.width.min(shape.first_width), shape.justify);
    let brk = breaks(&frags, shape);
    let n = brk.len();
    let mut start = 0;
    let mut lines = Vec::with_capacity(n);
    for (i, &(end, ratio)) in brk.iter().enumerate() {
        let (indent, width) = if i == 0 {
            (shape.first_indent, shape.first_width)
        } else {
            (shape.indent, shape.width)
        };
        let last = i + 1 == n;
        // The last line keeps natural spacing unless it must shrink.
        let ratio = if !shape.justify || (last && ratio >= 0.0) {
            0.0
        } else {
            ratio
        };
        lines.push(set_line(
            words,
            &frags[start..=end],
            indent,
            width,
            ratio,
            // A last line that must shrink is set to the measure exactly.
            shape.justify && (!last || ratio < 0.0),
            shape,
        ));
        start = end + 1;
    }
    lines
}
