//! Language spans, Pandoc's bracketed spans: `[El País]{lang=es}`.
//!
//! CommonMark (and pulldown-cmark) reads them as literal text, so they are
//! found in a field's text before it is parsed: each `[` matched with its
//! `]` straight before a `{`, skipping escaped characters, code spans and
//! autolinks, so that a link `[x](y)`, a reference `[^key]` and brackets in
//! prose stay what they were. What the span finder returns says, for every
//! byte of the field, whether it prints (the `[` and the `]{…}` never do)
//! and in which language.

use std::ops::Range;

use crate::model::{bcp47, LangTag};

/// A span's fault, at its place in the field's text.
#[derive(Debug, Clone, PartialEq)]
pub struct SpanError {
    pub code: &'static str,
    pub message: String,
    pub at: Range<usize>,
    pub help: String,
}

/// What a region of the field's text is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// A span's bracket or attributes: never printed.
    Cut,
    /// Text, in a passage's language or (`None`) the briefing's.
    Text(Option<LangTag>),
}

/// The field's text cut into regions, in order, covering all of it.
#[derive(Debug, Default)]
pub struct Spans {
    regions: Vec<(Range<usize>, Kind)>,
}

impl Spans {
    /// Finds the spans of `text`; faults go to `errors` (a faulty span is
    /// left as text).
    pub fn find(text: &str, errors: &mut Vec<SpanError>) -> Spans {
        // (open, close, end, lang): `[` at open, `]` at close, `}` at end - 1.
        let mut found: Vec<(usize, usize, usize, Option<LangTag>)> = Vec::new();
        let b = text.as_bytes();
        let mut open: Vec<usize> = Vec::new();
        // The last scan for a closing brace: (from, the first `}` or line
        // break at or after it), so that a line of many unclosed `]{` is
        // scanned once, not once for each.
        let mut stop = (usize::MAX, 0);
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\\' => {
                    i += 2;
                    continue;
                }
                b'`' => {
                    let n = b[i..].iter().take_while(|&&c| c == b'`').count();
                    i = code_span_end(b, i, n).unwrap_or(i + n);
                    continue;
                }
                b'<' => {
                    if let Some(len) = autolink_len(&text[i..]) {
                        i += len;
                        continue;
                    }
                }
                // A blank line ends a paragraph, and no span crosses it.
                b'\n'
                    if text[i + 1..]
                        .split('\n')
                        .next()
                        .is_some_and(|l| l.trim().is_empty() && i + 1 + l.len() < b.len()) =>
                {
                    open.clear();
                }
                b'[' => open.push(i),
                b']' => {
                    let Some(o) = open.pop() else {
                        i += 1;
                        continue;
                    };
                    let is_ref = text[o + 1..i].starts_with('^');
                    let image = o > 0 && b[o - 1] == b'!' && !escaped(b, o - 1);
                    if b.get(i + 1) == Some(&b'{') && !is_ref && !image {
                        if let Some((end, lang)) = attributes(text, i + 1, &mut stop, errors) {
                            found.push((o, i, end, lang));
                            i = end;
                            continue;
                        }
                    }
                }
                _ => {}
            }
            i += 1;
        }
        found.sort_by_key(|s| s.0);
        Spans {
            regions: regions(text.len(), &found),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.regions.len() <= 1 && self.regions.iter().all(|r| r.1 == Kind::Text(None))
    }

    /// The language of the text at `at`.
    pub fn lang_at(&self, at: usize) -> Option<LangTag> {
        let i = self.regions.partition_point(|(r, _)| r.end <= at);
        match self.regions.get(i) {
            Some((_, Kind::Text(l))) => *l,
            // On a cut (a code span's backtick right after `[`): the
            // language of the text after it.
            Some((_, Kind::Cut)) => self.regions[i..].iter().find_map(|(_, k)| match k {
                Kind::Text(l) => Some(*l),
                Kind::Cut => None,
            })?,
            None => None,
        }
    }

    /// The printed pieces of `piece`, which stands at `at` in the field as
    /// written: each with its offset and language.
    pub fn pieces<'t>(&self, piece: &'t str, at: usize) -> Vec<(&'t str, usize, Option<LangTag>)> {
        let end = at + piece.len();
        let mut out = Vec::new();
        let first = self.regions.partition_point(|(r, _)| r.end <= at);
        for (r, kind) in &self.regions[first..] {
            if r.start >= end {
                break;
            }
            let (s, e) = (r.start.max(at), r.end.min(end));
            if let (Kind::Text(lang), Some(text)) = (kind, piece.get(s - at..e - at)) {
                if !text.is_empty() {
                    out.push((text, s, *lang));
                }
            }
        }
        out
    }
}

/// Cuts the text at every span's brackets and attributes (spans nest).
fn regions(
    len: usize,
    spans: &[(usize, usize, usize, Option<LangTag>)],
) -> Vec<(Range<usize>, Kind)> {
    let mut events: Vec<(usize, bool, usize)> = Vec::with_capacity(spans.len() * 2);
    for (k, s) in spans.iter().enumerate() {
        events.push((s.0, true, k));
        events.push((s.1, false, k));
    }
    events.sort();
    let mut out: Vec<(Range<usize>, Kind)> = Vec::new();
    let push = |r: Range<usize>, k: Kind, out: &mut Vec<(Range<usize>, Kind)>| {
        if r.start < r.end {
            out.push((r, k));
        }
    };
    let mut stack: Vec<Option<LangTag>> = Vec::new();
    let mut pos = 0;
    for (p, opens, k) in events {
        let lang = stack.last().copied().flatten();
        push(pos..p, Kind::Text(lang), &mut out);
        if opens {
            push(p..p + 1, Kind::Cut, &mut out);
            stack.push(spans[k].3);
            pos = p + 1;
        } else {
            push(p..spans[k].2, Kind::Cut, &mut out);
            stack.pop();
            pos = spans[k].2;
        }
    }
    push(pos..len, Kind::Text(None), &mut out);
    out
}

fn escaped(b: &[u8], at: usize) -> bool {
    b[..at].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 1
}

/// Where a code span opened by `n` backticks at `i` ends (after its
/// closing run), if it is closed.
fn code_span_end(b: &[u8], i: usize, n: usize) -> Option<usize> {
    let mut j = i + n;
    while j < b.len() {
        if b[j] == b'`' {
            let m = b[j..].iter().take_while(|&&c| c == b'`').count();
            if m == n {
                return Some(j + m);
            }
            j += m;
        } else {
            j += 1;
        }
    }
    None
}

/// The length of an autolink `<scheme:…>` or `<a@b>` at the text's start.
fn autolink_len(text: &str) -> Option<usize> {
    let close = text.find('>')?;
    let inner = &text[1..close];
    let ok = !inner.is_empty()
        && !inner.contains(char::is_whitespace)
        && !inner.contains('<')
        && (inner.contains(':') || inner.contains('@'));
    ok.then_some(close + 1)
}

/// Reads the attributes `{…}` whose `{` is at `at`: the end of the span
/// (after `}`) and its language, or `None` with the fault in `errors`.
fn attributes(
    text: &str,
    at: usize,
    stop: &mut (usize, usize),
    errors: &mut Vec<SpanError>,
) -> Option<(usize, Option<LangTag>)> {
    let rest = &text[at..];
    if !(stop.0 <= at && at <= stop.1) {
        let found = rest.find(['}', '\n']).map_or(text.len(), |i| at + i);
        *stop = (at, found);
    }
    let close = (text.as_bytes().get(stop.1) == Some(&b'}')).then(|| stop.1 - at);
    let Some(close) = close else {
        errors.push(SpanError {
            code: "E0036",
            message: "a span's attributes `{…` are never closed".into(),
            at: at..at + 1,
            help: "close them on the same line: `[…]{lang=es}`".into(),
        });
        return None;
    };
    let end = at + close + 1;
    let inner = &rest[1..close];
    let base = at + 1;
    let mut lang: Option<Option<LangTag>> = None;
    let mut ok = true;
    for (start, tok) in tokens(inner) {
        let tok_at = base + start..base + start + tok.len();
        let (key, value) = match tok.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (tok, None),
        };
        if key != "lang" || value.is_none() {
            ok = false;
            let hint = match key.trim_start_matches(['.', '#']) {
                k if k.eq_ignore_ascii_case("lang")
                    || k.eq_ignore_ascii_case("language")
                    || k.eq_ignore_ascii_case("xml:lang")
                    || k.eq_ignore_ascii_case("lng") =>
                {
                    "did you mean `lang`? a span takes one attribute, its language: `[…]{lang=es}`"
                }
                _ => "a span takes one attribute, its language: `[…]{lang=es}`; to print braces, escape the bracket: `\\[…]`",
            };
            errors.push(SpanError {
                code: "E0036",
                message: format!("unknown attribute `{tok}` in a span"),
                at: tok_at,
                help: hint.into(),
            });
            continue;
        }
        let raw = value.unwrap_or("");
        let (value, value_at) = match raw.as_bytes().first() {
            Some(q @ (b'"' | b'\'')) if raw.len() >= 2 && raw.as_bytes()[raw.len() - 1] == *q => {
                (&raw[1..raw.len() - 1], tok_at.start + key.len() + 2)
            }
            _ => (raw, tok_at.start + key.len() + 1),
        };
        if lang.is_some() {
            ok = false;
            errors.push(SpanError {
                code: "E0036",
                message: "a span's `lang` is given twice".into(),
                at: tok_at,
                help: "keep one `lang`".into(),
            });
            continue;
        }
        match bcp47::parse(value) {
            Ok(t) => lang = Some(Some(t)),
            Err(e) => {
                ok = false;
                lang = Some(None);
                let at = if value.is_empty() {
                    tok_at.clone()
                } else {
                    value_at + e.at.start..value_at + e.at.end.min(value.len())
                };
                errors.push(SpanError {
                    code: "E0035",
                    message: format!("malformed language tag `{value}` in a span: {}", e.why),
                    at,
                    help: bcp47::advice(value, |t| format!("`{{lang={t}}}`")),
                });
            }
        }
    }
    if lang.is_none() && ok {
        errors.push(SpanError {
            code: "E0036",
            message: "a span without `lang`".into(),
            at: at..end,
            help: "say the passage's language: `[…]{lang=es}`; to print braces, escape the bracket: `\\[…]`".into(),
        });
        return None;
    }
    ok.then(|| (end, lang.flatten()))
}

/// Whitespace-separated attributes, a quoted value kept whole.
fn tokens(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let mut quote: Option<u8> = None;
        while i < b.len() {
            match (quote, b[i]) {
                (None, c) if c.is_ascii_whitespace() => break,
                (None, c @ (b'"' | b'\'')) => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                _ => {}
            }
            i += 1;
        }
        out.push((start, &s[start..i]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(text: &str) -> (String, Vec<SpanError>) {
        let mut errors = Vec::new();
        let spans = Spans::find(text, &mut errors);
        let s = spans
            .pieces(text, 0)
            .into_iter()
            .map(|(t, _, l)| match l {
                Some(l) => format!("<{l}>{t}</>"),
                None => t.to_string(),
            })
            .collect();
        (s, errors)
    }

    #[test]
    fn spans_print_their_text_in_their_language() {
        let (s, e) = printed("See [El País]{lang=es} and [Le Monde]{ lang=\"fr\" }.");
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(s, "See <es>El País</> and <fr>Le Monde</>.");
        let (s, _) = printed("[outer [inner]{lang=fr} text]{lang=es-pe}");
        assert_eq!(s, "<es-PE>outer </><fr>inner</><es-PE> text</>");
    }

    #[test]
    fn links_refs_code_and_brackets_stay() {
        for t in [
            "a [link](https://x.org) b",
            "a ref[^k] b",
            "[^k]{lang=es}",
            "brackets [sic] stay, and {braces}",
            "`[code]{lang=es}`",
            "\\[escaped]{lang=es}",
            "<https://x.org/[a]{lang=es}>",
            "an image ![x]{lang=es}",
        ] {
            let (s, e) = printed(t);
            assert!(e.is_empty(), "{t}: {e:?}");
            assert_eq!(s, t);
        }
        let (s, _) = printed("[see [x](https://x.org) here]{lang=es}");
        assert_eq!(s, "<es>see [x](https://x.org) here</>");
    }

    #[test]
    fn faults_are_located() {
        let t = "x [y]{lang=e_s} z";
        let (_, e) = printed(t);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].code, "E0035");
        assert_eq!(&t[e[0].at.clone()], "e_s");
        let t = "x [y]{.smallcaps} z";
        let (_, e) = printed(t);
        assert_eq!((e[0].code, &t[e[0].at.clone()]), ("E0036", ".smallcaps"));
        let t = "x [y]{language=es}";
        let (_, e) = printed(t);
        assert!(e[0].help.contains("did you mean `lang`"));
        let t = "x [y]{lang=es";
        let (_, e) = printed(t);
        assert_eq!(e[0].code, "E0036");
        let t = "x [y]{lang=Spanish}";
        let (_, e) = printed(t);
        assert!(e[0].help.contains("`{lang=es}`"), "{:?}", e[0]);
        let t = "x [y]{lang=es-PE-US}";
        let (_, e) = printed(t);
        assert_eq!(&t[e[0].at.clone()], "US");
    }
}
