//! TOML syntax errors as diagnostics, and the TOML reader's nesting limit
//! (E0045) at the key where the nesting starts: the reader reports a
//! dotted key of too many parts with no place at all, and arrays or
//! inline tables nested too deep at the bracket where it gave up, deep
//! inside the value.

use std::ops::Range;

use crate::diag::{grouped, Diagnostic};

/// How deep the TOML reader nests: dotted keys of this many parts, and
/// arrays and inline tables nested past it, are refused (the `toml`
/// crate's limit, which keeps its recursion off the end of the stack).
pub const TOML_NESTING_LIMIT: usize = 80;

/// What E0045 tells people to do.
const HELP: &str = "a briefing needs a few levels at most: write the keys and values out flat";

/// A TOML syntax error (`message` as the reader gives it, at `span` when
/// it says where) as the diagnostic people get: E0045 for the nesting
/// limit, E0001 for the rest.
pub fn syntax_error(message: &str, span: Option<Range<usize>>, text: &str) -> Diagnostic {
    let message = message.trim().lines().next().unwrap_or("");
    if message == "recursion limit" {
        if let Some((key, parts)) = longest_dotted_key(text) {
            return Diagnostic::error(
                "E0045",
                format!(
                    "a key of {} parts: keys may nest at most {TOML_NESTING_LIMIT} levels",
                    grouped(parts)
                ),
            )
            .at(key)
            .label(format!("{} dotted parts", grouped(parts)))
            .help(HELP);
        }
    }
    if message.starts_with("cannot recurse further") {
        if let Some(at) = span.clone() {
            let start = key_of_value(text, at.start).unwrap_or(at.clone());
            return Diagnostic::error(
                "E0045",
                format!(
                    "a value nested more than {TOML_NESTING_LIMIT} levels deep (arrays or inline tables)"
                ),
            )
            .at(start)
            .label(format!("nested past {TOML_NESTING_LIMIT} levels from here"))
            .help(HELP);
        }
    }
    Diagnostic::error("E0001", format!("invalid TOML: {message}"))
        .at_opt(span.or_else(|| super::validate::deepest_nesting(text)))
}

/// The dotted key of the most parts (of a `key = value` line or a
/// `[table]` header), from its first character to its end, and how many
/// parts it has.
fn longest_dotted_key(text: &str) -> Option<(Range<usize>, usize)> {
    let mut best: Option<(Range<usize>, usize)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end();
        let indent = body.len() - body.trim_start().len();
        let key = body.split('=').next().unwrap_or("").trim_end();
        let parts = key.matches('.').count() + 1;
        if parts > 1 && best.as_ref().is_none_or(|(_, b)| parts > *b) {
            best = Some((at + indent..at + key.len().max(indent), parts));
        }
        at += line.len();
    }
    best
}

/// The key whose value holds the bracket at `at`, the deepest of
/// [`TOML_NESTING_LIMIT`] + 1 open ones: back from it past the brackets
/// that enclose it to the outermost, then over its `=` to the key before
/// it. `None` when the text does not read that way (brackets in strings).
fn key_of_value(text: &str, at: usize) -> Option<Range<usize>> {
    let before = text.get(..at)?;
    let mut open = 0;
    let mut balance = 0usize;
    let mut outermost = None;
    for (i, c) in before.char_indices().rev() {
        match c {
            ']' | '}' => balance += 1,
            '[' | '{' if balance > 0 => balance -= 1,
            '[' | '{' => {
                open += 1;
                if open == TOML_NESTING_LIMIT {
                    outermost = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let value = before.get(..outermost?)?.trim_end();
    let key = value.strip_suffix('=')?.trim_end();
    let line_start = key.rfind('\n').map_or(0, |i| i + 1);
    let line = &key[line_start..];
    let start = line_start + (line.len() - line.trim_start().len());
    (start < key.len()).then_some(start..key.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_error(text: &str) -> Diagnostic {
        let e = toml::de::DeTable::parse(text).expect_err("refused");
        syntax_error(e.message(), e.span(), text)
    }

    #[test]
    fn a_long_dotted_key_is_e0045_at_the_key() {
        let key = vec!["a"; 10_000].join(".");
        let text = format!("title = \"T\"\n{key} = 1\n");
        let d = first_error(&text);
        assert_eq!(d.code, "E0045");
        assert_eq!(d.span, Some(12..12 + key.len()));
        assert!(d.message.contains("10,000 parts"), "{}", d.message);
        let header = format!("title = \"T\"\n  [{key}]\nx = 1\n");
        let d = first_error(&header);
        assert_eq!(d.code, "E0045");
        assert_eq!(&header[d.span.clone().unwrap()], format!("[{key}]"));
    }

    #[test]
    fn deep_brackets_are_e0045_at_the_key_they_start_at() {
        for (open, close) in [("[", "]"), ("{a=", "}")] {
            let value = format!("{}1{}", open.repeat(200), close.repeat(200));
            let text = format!("title = \"T\"\n[style]\n  deep.er = {value}\n");
            let d = first_error(&text);
            assert_eq!(d.code, "E0045", "{open}");
            assert_eq!(&text[d.span.clone().unwrap()], "deep.er", "{open}");
        }
        // Over several lines.
        let text = format!("x = [\n{}1{}\n]\n", "[\n".repeat(150), "]".repeat(150));
        let d = first_error(&text);
        assert_eq!(d.code, "E0045");
        assert_eq!(d.span, Some(0..1));
    }

    #[test]
    fn other_syntax_errors_stay_e0001() {
        let d = first_error("title = = 1\n");
        assert_eq!(d.code, "E0001");
        assert!(d.message.starts_with("invalid TOML: "), "{}", d.message);
        // 80 levels are read.
        let ok = format!("x = {}1{}\n", "[".repeat(79), "]".repeat(79));
        assert!(toml::de::DeTable::parse(&ok).is_ok());
    }
}
