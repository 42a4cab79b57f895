//! A pipe table as markup reads it: alignment, header, rows, caption and
//! number, and which of its columns hold numbers.

use std::ops::Range;

use super::{plain_text, Inline};

/// A column's alignment, as the delimiter row gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// No colon: numbers right, anything else left.
    Auto,
    Left,
    Center,
    Right,
}

/// A pipe table: every row has as many cells as the header.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub align: Vec<Align>,
    pub head: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
    /// The caption's text, without its label.
    pub caption: Option<Vec<Inline>>,
    /// Its number, in reading order (from 1), its label in the language
    /// ("Table 1.") and the line over its header on the pages it runs
    /// onto ("Table 1 (continued)").
    pub number: u32,
    pub label: String,
    pub continued: String,
    /// Where the table stands in the content file, and each body row.
    pub span: Range<usize>,
    pub row_spans: Vec<Range<usize>>,
}

impl Table {
    /// The caption and every cell, in reading order.
    pub fn texts(&self) -> impl Iterator<Item = &[Inline]> {
        self.caption
            .iter()
            .chain(&self.head)
            .chain(self.rows.iter().flatten())
            .map(Vec::as_slice)
    }

    /// Whether column `c` holds numbers: every non-empty body cell is
    /// one (and at least one is).
    pub fn numeric(&self, c: usize) -> bool {
        let mut any = false;
        for r in &self.rows {
            let text = r.get(c).map(|c| plain_text(c)).unwrap_or_default();
            let t = text.trim();
            if t.is_empty() || t == "—" || t == "–" || t == "-" {
                continue;
            }
            if !is_number(t) {
                return false;
            }
            any = true;
        }
        any
    }

    /// How column `c` is set: the delimiter row's word, else right for
    /// numbers and left for the rest.
    pub fn align_of(&self, c: usize) -> Align {
        match self.align.get(c).copied().unwrap_or(Align::Auto) {
            Align::Auto if self.numeric(c) => Align::Right,
            Align::Auto => Align::Left,
            a => a,
        }
    }
}

/// A number as FORMAT 1.1 counts one: digits with `, . % $ € − + ( )`
/// (and spaces between them), and a unit word at most.
pub fn is_number(t: &str) -> bool {
    let mut words = t.split_whitespace().peekable();
    let mut digits = false;
    let mut unit = false;
    while let Some(w) = words.next() {
        let numeric = w.chars().any(|c| c.is_ascii_digit())
            && w.chars()
                .all(|c| c.is_ascii_digit() || ",.%$€−+()-–\u{a0}\u{202f}".contains(c));
        if numeric && !unit {
            digits = true;
        } else if digits && !unit && w.chars().all(char::is_alphabetic) {
            unit = true;
        } else if !digits && words.peek().is_some() && w.chars().all(|c| "$€".contains(c)) {
            continue;
        } else {
            return false;
        }
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::is_number;

    #[test]
    fn numbers_and_units() {
        for n in [
            "49%",
            "3",
            "62.5%",
            "$104",
            "(1,200)",
            "−3.5",
            "7.7 percent",
            "$ 30 million",
        ] {
            assert!(is_number(n), "{n}");
        }
        for n in ["Peru", "more than 43%", "2001 and 2002", "43% of jobs", "%"] {
            assert!(!is_number(n), "{n}");
        }
    }
}
