//! Where each byte of a field's text stands in the content file, through
//! TOML's quotes and escapes: `"a \"b\" [^x]"` holds its reference at the
//! ninth byte of its text but the twelfth of the string in the file.

use std::ops::Range;

use crate::diag::Source;
use crate::model::Field;

/// Where each byte of a field's text stands in the content file.
pub struct SpanMap {
    /// The text in pieces, in order; empty when the text could not be
    /// matched with what the file holds (then every span is the whole
    /// string).
    pieces: Vec<Piece>,
    whole: Range<usize>,
}

/// A stretch of the text: copied byte for byte from the file, or the one
/// character an escape (`\"`, `\u00e9`) stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Piece {
    /// Where it starts in the text.
    text: usize,
    /// Where it starts in the file.
    file: usize,
    /// How many bytes of the file it takes.
    len: usize,
    verbatim: bool,
}

impl SpanMap {
    pub fn new(field: &Field, source: &Source) -> SpanMap {
        let whole = field.span.clone();
        let raw = source.text.get(whole.clone()).unwrap_or("");
        let mut pieces = pieces(raw, &field.text).unwrap_or_default();
        for p in &mut pieces {
            p.file += whole.start;
        }
        SpanMap { pieces, whole }
    }

    /// The file's bytes for `r`, a range of the text (an empty range
    /// gets one byte, so that a caret shows). Inside an escape, the
    /// whole escape.
    pub fn map(&self, r: Range<usize>) -> Range<usize> {
        if self.pieces.is_empty() {
            return self.whole.clone();
        }
        let piece = |at: usize| {
            let i = self.pieces.partition_point(|p| p.text <= at);
            self.pieces[i.saturating_sub(1)]
        };
        let p = piece(r.start);
        let start = if p.verbatim {
            p.file + (r.start - p.text)
        } else {
            p.file
        };
        let last = r.end.max(r.start + 1) - 1;
        let q = piece(last);
        let end = if q.verbatim {
            q.file + (last - q.text) + 1
        } else {
            q.file + q.len
        };
        start..end.max(start + 1)
    }
}

/// The pieces of `text` in `raw` (a TOML string as the file holds it,
/// quotes included; or bare, for a key), offsets relative to `raw`; `None`
/// when decoding `raw` does not give `text`.
fn pieces(raw: &str, text: &str) -> Option<Vec<Piece>> {
    let (skip, literal, multiline) = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        let mut s = 3;
        if raw[3..].starts_with("\r\n") {
            s += 2;
        } else if raw[3..].starts_with('\n') {
            s += 1;
        }
        (s, raw.starts_with("'''"), true)
    } else if raw.starts_with('"') || raw.starts_with('\'') {
        (1, raw.starts_with('\''), false)
    } else {
        (0, true, false)
    };
    let body = raw.get(skip..)?;
    let verbatim = |len| Piece {
        text: 0,
        file: skip,
        len,
        verbatim: true,
    };
    if literal || text.is_empty() {
        return body.starts_with(text).then(|| vec![verbatim(text.len())]);
    }
    let mut out = Vec::new();
    let mut decoded = String::with_capacity(text.len());
    let mut i = 0;
    while decoded.len() < text.len() {
        let rest = body.get(i..).filter(|r| !r.is_empty())?;
        if let Some(after) = rest.strip_prefix('\\') {
            let (c, len) = escape(after, multiline)?;
            if let Some(c) = c {
                out.push(Piece {
                    text: decoded.len(),
                    file: skip + i,
                    len: len + 1,
                    verbatim: false,
                });
                decoded.push(c);
            }
            i += len + 1;
        } else {
            let run = rest.find('\\').unwrap_or(rest.len());
            let take = run.min(text.len() - decoded.len());
            out.push(Piece {
                text: decoded.len(),
                file: skip + i,
                len: take,
                verbatim: true,
            });
            decoded.push_str(rest.get(..take)?);
            i += take;
        }
    }
    (decoded == text).then_some(out)
}

/// What the escape after a backslash stands for (nothing, for a
/// line-ending backslash in a multi-line string) and how many bytes of
/// the file it takes after the backslash.
fn escape(after: &str, multiline: bool) -> Option<(Option<char>, usize)> {
    let hex = |n: usize| {
        let digits = after.get(1..1 + n)?;
        let c = char::from_u32(u32::from_str_radix(digits, 16).ok()?)?;
        Some((Some(c), 1 + n))
    };
    let c = match after.as_bytes().first()? {
        b'b' => '\u{8}',
        b't' => '\t',
        b'n' => '\n',
        b'f' => '\u{c}',
        b'r' => '\r',
        b'e' => '\u{1b}',
        b'"' => '"',
        b'\\' => '\\',
        b'x' => return hex(2),
        b'u' => return hex(4),
        b'U' => return hex(8),
        b' ' | b'\t' | b'\r' | b'\n' if multiline => {
            let blanks = after.len() - after.trim_start_matches([' ', '\t']).len();
            let rest = &after[blanks..];
            if !(rest.starts_with('\n') || rest.starts_with("\r\n")) {
                return None;
            }
            let skipped = after.len() - after.trim_start_matches([' ', '\t', '\r', '\n']).len();
            return Some((None, skipped));
        }
        _ => return None,
    };
    Some((Some(c), 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Maps `text` (what TOML gives for the string `raw` at the start of a
    /// file) and returns what the file holds at `r`.
    fn at<'a>(raw: &'a str, text: &str, r: Range<usize>) -> &'a str {
        let field = Field {
            text: text.to_string(),
            span: 0..raw.len(),
        };
        let source = Source::new("t.toml", raw);
        let s = SpanMap::new(&field, &source).map(r);
        &raw[s]
    }

    #[test]
    fn verbatim_strings_map_byte_for_byte() {
        assert_eq!(at("\"a [^x] b\"", "a [^x] b", 2..6), "[^x]");
        assert_eq!(at("'a [^x]'", "a [^x]", 2..6), "[^x]");
        assert_eq!(at("'''\na [^x]'''", "a [^x]", 2..6), "[^x]");
        assert_eq!(at("\"\"\"\r\na [^x]\"\"\"", "a [^x]", 2..6), "[^x]");
        // An empty range still gets one byte.
        assert_eq!(at("\"abc\"", "abc", 1..1), "b");
    }

    #[test]
    fn escapes_are_stepped_over() {
        let raw = r#""a \"q\" é [^x] \u00e9 [^x]""#;
        let text = "a \"q\" é [^x] é [^x]";
        let first = text.find("[^x]").unwrap();
        let second = text.rfind("[^x]").unwrap();
        let sf = raw.find("[^x]").unwrap();
        let ss = raw.rfind("[^x]").unwrap();
        for (t, f) in [(first, sf), (second, ss)] {
            let field = Field {
                text: text.to_string(),
                span: 0..raw.len(),
            };
            let source = Source::new("t.toml", raw);
            assert_eq!(SpanMap::new(&field, &source).map(t..t + 4), f..f + 4);
        }
        // Inside an escape: the whole escape.
        let e = text.rfind('é').unwrap();
        assert_eq!(at(raw, text, e..e + 2), r"\u00e9");
        assert_eq!(at(raw, text, 2..3), "\\\"");
        // A span across an escape takes it whole.
        assert_eq!(at(raw, text, 0..4), "a \\\"q");
    }

    #[test]
    fn a_line_ending_backslash_is_stepped_over() {
        let raw = "\"\"\"\none \\\n    two [^x]\n\\t[^y]\"\"\"";
        let text = "one two [^x]\n\t[^y]";
        assert_eq!(at(raw, text, 8..12), "[^x]");
        assert_eq!(at(raw, text, 14..18), "[^y]");
    }

    #[test]
    fn text_that_does_not_match_gets_the_whole_string() {
        let raw = "\"a \\q b\"";
        assert_eq!(at(raw, "a ? b", 2..3), raw);
        assert_eq!(at("\"abc\"", "xyz", 0..1), "\"abc\"");
    }
}
