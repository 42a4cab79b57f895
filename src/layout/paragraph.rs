//! Paragraphs: measured words [`super::collect`]ed into fragments,
//! broken into lines by [`super::linebreak`] and each line set by
//! [`super::line`], in that order.

use super::collect::fragments;
use super::frag::{Line, ParShape};
use super::inline::Word;
use super::line::set_line;
use super::linebreak::breaks;
use super::{Item, PlacedGlyph};

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
        let mut line = set_line(
            words,
            &frags[start..=end],
            indent,
            width,
            ratio,
            // A last line that must shrink is set to the measure exactly.
            shape.justify && (!last || ratio < 0.0),
            shape,
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
