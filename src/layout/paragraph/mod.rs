//! Paragraphs: measured words [`self::collect`]ed into fragments,
//! broken into lines by [`self::linebreak`] and each line set by
//! [`self::line`], in that order.
//!
//! As in TeX, a paragraph is first broken without hyphenation, and only
//! if no line can then stay within [`self::linebreak::PRETOLERANCE`] are
//! its words hyphenated and the paragraph broken again with every
//! tolerance. Most paragraphs of a wide measure need no hyphen: they are
//! set sooner, and fewer lines end in one.

//!
//! [`inline`] turns styled runs into measured words (with [`ties`] where
//! a line must not break), [`collect`] cuts them into fragments,
//! [`linebreak`] chooses the line ends and [`line`] sets each line to the
//! measure; [`frag`] holds what they share.

pub mod collect;
pub mod frag;
pub mod inline;
pub mod line;
pub mod linebreak;
pub mod ties;

use self::collect::fragments;
use self::frag::{Line, ParShape};
use self::inline::Word;
use self::line::set_line;
use self::linebreak::{breaks, pretolerant};
use super::{Item, PlacedGlyph};

/// Breaks words into lines.
pub fn set(words: &[Word], shape: &ParShape) -> Vec<Line> {
    if words.is_empty() {
        return Vec::new();
    }
    let narrowest = shape.width.min(shape.first_width);
    let plain = fragments(words, narrowest, shape.justify, false);
    let (frags, brk) = match pretolerant(&plain, shape) {
        Some(brk) => (plain, brk),
        None => {
            let frags = fragments(words, narrowest, shape.justify, true);
            let brk = breaks(&frags, shape);
            (frags, brk)
        }
    };
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
        let mut line = set_line(
            words,
            &frags[start..=end],
            indent,
            width,
            ratio,
            // A last line that must shrink is set to the measure exactly.
            shape.justify && (!last || ratio < 0.0),
            shape,
            // A first line indented past a marker (a note's number, a
            // bullet) starts right after it: an opening quote hung there
            // would touch the marker ("7.“Paniagua").
            !(i == 0 && shape.first_indent > 0.0),
        );
        if !last && frags[end].word_end {
            end_space(&mut line, words[frags[end].word].space_glyph);
        }
        lines.push(line);
        start = end + 1;
    }
    lines
}

/// A space glyph after a line that ends between words: it draws nothing,
/// but text taken from the page (copied, or read aloud from the structure
/// tree) keeps the words of two lines apart.
fn end_space(line: &mut Line, space: Option<u16>) {
    let Some(id) = space else { return };
    let run = line.items.iter_mut().rev().find_map(|it| match it {
        Item::Text(r) => Some(r),
        _ => None,
    });
    if let Some(r) = run {
        let x = r.width;
        r.glyphs.push(PlacedGlyph {
            id,
            x,
            text: " ".into(),
        });
    }
}
