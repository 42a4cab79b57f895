//! A table's cells: their words measured, then set at their column's
//! width and aligned (left, centred, right, or on the decimal separator),
//! and the rows stacked into boxes with the rules booktabs draws.

use crate::layout::paragraph::frag::{Line, ParShape};
use crate::layout::paragraph::inline::Word;
use crate::layout::structure::NodeId;
use crate::layout::vbox::shift;
use crate::layout::{paragraph, Item};
use crate::markup::Align;

/// One cell: its element and its words.
pub struct Cell {
    pub node: NodeId,
    pub words: Vec<Word>,
    /// Its text, for the decimal separator.
    pub text: String,
}

impl Cell {
    /// Its longest word and its natural width (all on one line).
    pub fn measure(&self) -> (f32, f32) {
        let (mut min, mut nat) = (0.0f32, 0.0f32);
        for (i, w) in self.words.iter().enumerate() {
            let ww = w.width();
            min = min.max(ww);
            nat += ww;
            if i + 1 < self.words.len() {
                nat += w.space;
            }
        }
        (min, nat)
    }

    /// Its lines at `width`, ragged, never hyphenated past its longest
    /// word.
    pub fn set(&self, width: f32) -> Vec<Line> {
        paragraph::set(
            &self.words,
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
        )
    }
}

/// How a column's lines sit in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Place {
    Left,
    Center,
    Right,
    /// Right-aligned so that the decimal separators line up: each line
    /// stands `tail - its tail` in from the right edge.
    Decimal {
        tail: f32,
    },
}

impl Place {
    pub fn of(a: Align) -> Place {
        match a {
            Align::Center => Place::Center,
            Align::Right => Place::Right,
            Align::Left | Align::Auto => Place::Left,
        }
    }
}

/// Metrics shared by every row.
#[derive(Debug, Clone, Copy)]
pub struct RowMetrics {
    pub size: f32,
    pub leading: f32,
    /// Space above and below a row's text.
    pub pad: f32,
}

/// A cell set: its lines and, for a decimal column, the width of its
/// text from the separator on.
pub struct SetCell {
    pub lines: Vec<Line>,
    pub tail: f32,
}

/// The row's height for its cells' lines.
pub fn row_height(cells: &[SetCell], m: &RowMetrics) -> f32 {
    let lines = cells
        .iter()
        .map(|c| c.lines.len())
        .max()
        .unwrap_or(0)
        .max(1);
    m.pad * 2.0 + lines as f32 * m.leading
}

/// The items of one row: each cell's lines at its column's place.
pub fn row_items(
    cells: Vec<SetCell>,
    xs: &[f32],
    widths: &[f32],
    places: &[Place],
    m: &RowMetrics,
) -> Vec<Item> {
    let mut items = Vec::new();
    let base = baseline(m.size, m.leading);
    for (c, cell) in cells.into_iter().enumerate() {
        let (x0, w) = (xs[c], widths[c]);
        for (k, mut line) in cell.lines.into_iter().enumerate() {
            crate::layout::paragraph::line::merge_links(&mut line.items);
            let dx = match places[c] {
                Place::Left => 0.0,
                Place::Center => (w - line.width) / 2.0,
                Place::Right => w - line.width,
                Place::Decimal { tail } => w - line.width - (tail - cell.tail),
            }
            .max(0.0);
            let dy = m.pad + k as f32 * m.leading + base;
            items.extend(line.items.into_iter().map(|i| shift(i, x0 + dx, dy)));
        }
    }
    items
}

/// Where the baseline sits in a line box of height `leading` (as the
/// other blocks set their lines).
pub fn baseline(size: f32, leading: f32) -> f32 {
    (leading - size) / 2.0 + size * 0.8
}

/// What follows a number's integer part: its text from the decimal
/// separator on, or after its last digit when it has no separator ("%"
/// of "49%"): the width that stands right of the separators' line.
pub fn decimal_tail(text: &str, sep: char) -> &str {
    let t = text.trim();
    if let Some(tail) = decimal_part(t, sep) {
        return tail;
    }
    let end = t
        .rfind(|c: char| c.is_ascii_digit())
        .map_or(t.len(), |i| i + 1);
    &t[end..]
}

/// A number's text from its decimal separator on (the separator
/// included), `None` when it has none.
pub fn decimal_part(text: &str, sep: char) -> Option<&str> {
    let t = text.trim();
    let i = t.rfind(sep)?;
    // "1,200" in English has a thousands separator, not a decimal one:
    // a separator is decimal when a digit stands on either side of it and
    // fewer or more than three digits follow (or it is the only one).
    let after = &t[i + sep.len_utf8()..];
    let digits = after.chars().take_while(char::is_ascii_digit).count();
    let before = t[..i].chars().last().is_some_and(|c| c.is_ascii_digit());
    (before && digits > 0 && digits != 3).then_some(&t[i..])
}

#[cfg(test)]
mod tests {
    use super::{decimal_part, decimal_tail};

    #[test]
    fn decimal_separators() {
        assert_eq!(decimal_part("62.5%", '.'), Some(".5%"));
        assert_eq!(decimal_part("49%", '.'), None);
        assert_eq!(decimal_part("1,200", ','), None);
        assert_eq!(decimal_part("7,7 %", ','), Some(",7 %"));
        assert_eq!(decimal_tail("49%", '.'), "%");
        assert_eq!(decimal_tail("$104 million", '.'), " million");
        assert_eq!(decimal_tail("62.5%", '.'), ".5%");
    }
}
