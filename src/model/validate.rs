//! From TOML text to a checked [`Briefing`]: structural errors come from
//! serde (one at a time, as TOML reports them), every other check runs over
//! the whole file so an author sees all of its problems at once.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use super::hints::written_key;
use super::raw::*;
use super::suggest::{closest, closest_value, OTHER_CHARTS, OTHER_PAPERS};
use super::*;
use crate::diag::{Diagnostic, Diagnostics, Source};
use serde::Deserialize;

mod exhibits;
mod identity;

/// Largest page budget we accept: more than any briefing needs, small
/// enough that a typo cannot ask for a billion pages.
pub const MAX_PAGES_LIMIT: i64 = 1000;
/// Largest content file we read (a briefing is a few kilobytes).
pub const MAX_FILE_BYTES: usize = 4 << 20;

/// What E0022 (a content file over [`MAX_FILE_BYTES`]) tells people to do.
pub const TOO_LARGE_HELP: &str = "split it into several briefings, or move long text out";
/// Largest font file we read (the largest CJK fonts are about 20 MB).
pub const MAX_FONT_BYTES: u64 = 50 << 20;

pub fn parse(source: &Source) -> (Option<Briefing>, Diagnostics) {
    let (briefing, diags) = parse_lenient(source);
    if diags.has_errors() {
        (None, diags)
    } else {
        (briefing, diags)
    }
}

/// Reads the briefing and every diagnostic, keeping the briefing (with
/// defaults for values in error) unless the file cannot be read at all.
pub fn parse_lenient(source: &Source) -> (Option<Briefing>, Diagnostics) {
    let mut diags = Diagnostics::default();
    if source.text.len() > MAX_FILE_BYTES {
        diags.push(
            Diagnostic::error(
                "E0022",
                format!(
                    "the file holds {} bytes; a briefing may hold at most {} MB",
                    crate::diag::grouped(source.text.len()),
                    MAX_FILE_BYTES >> 20
                ),
            )
            .help(TOO_LARGE_HELP),
        );
        return (None, diags);
    }
    // Syntax first, so a typo in TOML is never reported as a type error.
    // The tree is parsed once and then read into the briefing (what
    // `toml::from_str` does, without a second parse for the syntax check).
    let root = match toml::de::DeTable::parse(&source.text) {
        Ok(root) => root,
        Err(e) => {
            diags.push(super::nesting::syntax_error(
                e.message(),
                e.span(),
                &source.text,
            ));
            return (None, diags);
        }
    };
    let read = RawBriefing::deserialize(toml::de::Deserializer::from(root));
    let raw: RawBriefing = match read {
        Ok(raw) => raw,
        Err(e) => {
            // serde stops at the first structural error; the key pass finds
            // them all and repairs the tree so the checks below still run.
            let (found, repaired) = super::keys::recover(&source.text);
            if found.items.is_empty() {
                diags.push(structural(&e, &source.text));
                return (None, diags);
            }
            diags.extend(found);
            match repaired {
                Ok(raw) => raw,
                Err(e) => {
                    let d = structural(&e, &source.text);
                    if !diags.items.iter().any(|x| x.span == d.span) {
                        diags.push(d);
                    }
                    return (None, diags);
                }
            }
        }
    };
    let mut v = Validator {
        diags,
        text: &source.text,
        dir: source
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
    };
    let briefing = v.briefing(raw);
    super::limits::check(&briefing, &mut v.diags);
    narrow_to_nonfinite(&mut v.diags, &source.text);
    long_words(&source.text, &mut v.diags);
    (Some(briefing), v.diags)
}

/// Longest word (run of characters without a space) a briefing may hold:
/// no line can hold one much longer than 60 characters, and setting one
/// costs time in the square of its length (every place it may break is
/// tried against every other).
pub const MAX_WORD_CHARS: usize = 1000;

/// E0018 for each word longer than [`MAX_WORD_CHARS`] (outside comments),
/// at the word. A link's target (`[text](target)`) is never printed, so it
/// is no word: a signed URL may run to thousands of characters.
fn long_words(text: &str, diags: &mut Diagnostics) {
    let mut line_start = true;
    let mut in_comment = false;
    let mut in_target = false;
    let mut prev = '\0';
    let mut start = 0;
    let mut chars = 0;
    let report = |start: usize, end: usize, chars: usize, diags: &mut Diagnostics| {
        diags.push(
            Diagnostic::error(
                "E0018",
                format!("a word of {chars} characters; a briefing's words may have at most {MAX_WORD_CHARS}"),
            )
            .at(start..end)
            .help("break it with spaces, or shorten it"),
        );
    };
    for (i, c) in text.char_indices() {
        if c == '\n' {
            line_start = true;
            in_comment = false;
        } else if line_start && !c.is_whitespace() {
            line_start = false;
            in_comment = c == '#';
        }
        if !in_comment && prev == ']' && c == '(' {
            in_target = true;
        } else if in_target && (c == ')' || c.is_whitespace()) {
            in_target = false;
        }
        prev = c;
        let word = !in_comment && !in_target && !c.is_whitespace() && !"()[]<>\"'`".contains(c);
        if word {
            if chars == 0 {
                start = i;
            }
            chars += 1;
        } else {
            if chars > MAX_WORD_CHARS {
                report(start, i, chars, diags);
            }
            chars = 0;
        }
    }
    if chars > MAX_WORD_CHARS {
        report(start, text.len(), chars, diags);
    }
}

/// Where a file nests deepest: the key or value that drove the TOML
/// parser past its recursion limit (which it reports with no place), as
/// the line whose dotted key or brackets go deepest, from its first
/// character to the end of that key or value.
pub fn deepest_nesting(text: &str) -> Option<std::ops::Range<usize>> {
    let mut best: Option<(usize, std::ops::Range<usize>)> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end();
        let indent = body.len() - body.trim_start().len();
        let key = body.split('=').next().unwrap_or("");
        let dots = key.matches('.').count();
        let (mut depth, mut deepest) = (0usize, 0usize);
        for c in body.chars() {
            match c {
                '[' | '{' => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        let score = dots.max(deepest);
        if score > 0 && best.as_ref().is_none_or(|(b, _)| score > *b) {
            let end = if dots >= deepest {
                key.trim_end().len()
            } else {
                body.len()
            };
            best = Some((score, at + indent..at + end.max(indent)));
        }
        at += line.len();
    }
    best.map(|(_, span)| span)
}

fn first_line(s: &str) -> &str {
    s.trim().lines().next().unwrap_or("")
}

/// Turns a serde error into the format's vocabulary: unknown key, missing
/// key, wrong type.
fn structural(e: &toml::de::Error, text: &str) -> Diagnostic {
    let msg = first_line(e.message());
    let span = e.span();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let mut d = Diagnostic::error("E0004", format!("unknown key `{key}`")).at_opt(span);
        if let Some(best) = closest(key, expected.iter().copied()) {
            d = d.label(format!("did you mean `{best}`?"));
            d = d.help(format!("rename it to `{best}`"));
        } else if !expected.is_empty() {
            d = d.help(format!(
                "the keys allowed here are {}",
                expected
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        return d;
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or("");
        let place = match span.as_ref() {
            Some(s) if s.start == 0 && s.end >= text.trim_end().len() => 0..0,
            Some(s) => s.clone(),
            None => 0..0,
        };
        return Diagnostic::error("E0003", format!("missing required key `{key}`"))
            .at(place)
            .label(format!("`{key}` must be set here"));
    }
    if msg.contains("untagged enum RawNoteField") {
        return Diagnostic::error(
            "E0002",
            "wrong type for `note`: expected a note key or an array of note keys",
        )
        .at_opt(span);
    }
    if msg.contains("untagged enum RawFontSpec") {
        return Diagnostic::error(
            "E0002",
            "wrong type for a font: expected a file path or a table { regular, bold, italic, bold_italic }",
        )
        .at_opt(span);
    }
    let msg = msg.replace("invalid type: ", "wrong type: found ");
    let msg = match msg.split_once(", expected ") {
        Some((found, expected)) => format!(
            "{}, expected {}",
            found
                .replace("found sequence", "found an array")
                .replace("found map", "found a table"),
            toml_type_name(expected)
        ),
        None => msg,
    };
    Diagnostic::error("E0002", msg).at_opt(span)
}

/// serde's name for an expected type, in TOML's words (`i64` → an integer).
fn toml_type_name(serde: &str) -> &str {
    match serde {
        "a sequence" => "an array",
        "a map" => "a table",
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" => "an integer",
        "f32" | "f64" => "a number",
        "a boolean" | "bool" => "true or false",
        s if s.starts_with("struct ") => "a table",
        s => s,
    }
}

/// TOML gives the span of a whole array only; point a non-finite chart
/// value's error at the `nan` or `inf` literal itself.
fn narrow_to_nonfinite(diags: &mut Diagnostics, text: &str) {
    for d in &mut diags.items {
        if d.code != "E0008" || !d.message.contains("not a finite number") {
            continue;
        }
        let Some(span) = d.span.clone() else { continue };
        let Some(array) = text.get(span.clone()) else {
            continue;
        };
        if let Some(at) = nonfinite_literal(array) {
            d.span = Some(span.start + at.start..span.start + at.end);
        }
    }
}

/// Where the first `nan`/`inf` literal (with its sign) stands in the text
/// of a TOML array of numbers, comments skipped.
fn nonfinite_literal(array: &str) -> Option<Range<usize>> {
    let mut in_comment = false;
    for (i, c) in array.char_indices() {
        match c {
            '\n' => in_comment = false,
            '#' => in_comment = true,
            _ if in_comment => {}
            'n' | 'i' => {
                let rest = &array[i..];
                if rest.starts_with("nan") || rest.starts_with("inf") {
                    let signed = array[..i].ends_with(['+', '-']);
                    return Some(i - usize::from(signed)..i + 3);
                }
            }
            _ => {}
        }
    }
    None
}

/// The decimal places of each number in the text of a TOML array of
/// numbers (`[0.0, 1_250_000, 27.80]` → 1, 0, 2), comments skipped; `None`
/// for one written with an exponent, and no list unless it holds `n`.
fn written_places(array: &str, n: usize) -> Option<Vec<Option<u8>>> {
    let body: String = array
        .lines()
        .map(|l| l.split_once('#').map_or(l, |(b, _)| b))
        .collect::<Vec<_>>()
        .join(" ");
    let body = body.trim().strip_prefix('[')?.strip_suffix(']')?;
    let out: Vec<Option<u8>> = body
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            if t.contains(['e', 'E']) {
                return None;
            }
            let places = t
                .split_once('.')
                .map_or(0, |(_, f)| f.replace('_', "").len());
            u8::try_from(places).ok()
        })
        .collect();
    (out.len() == n).then_some(out)
}

struct Validator<'t> {
    diags: Diagnostics,
    /// The content file's text, so help lines write keys as its lines do
    /// and chart numbers are read as written.
    text: &'t str,
    dir: std::path::PathBuf,
}

fn field(s: S<String>) -> Field {
    let span = s.span();
    Field {
        text: s.into_inner(),
        span,
    }
}

fn opt(s: Option<S<String>>) -> Option<Field> {
    s.map(field)
}

impl Validator<'_> {
    fn err(
        &mut self,
        code: &'static str,
        msg: impl Into<String>,
        span: Range<usize>,
    ) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(code, msg).at(span));
        self.diags.items.last_mut().expect("just pushed")
    }

    fn briefing(&mut self, raw: RawBriefing) -> Briefing {
        let language = match &raw.language {
            None => Language::EnUs,
            Some(tag) => match Language::parse(tag.get_ref()) {
                Some(l) => l,
                None => {
                    self.unsupported_language(tag);
                    Language::EnUs
                }
            },
        };
        // The tag as written, region kept; where it is not well formed
        // (`es_PE`, read as Spanish) the language's own tag.
        let lang_tag = raw
            .language
            .as_ref()
            .and_then(|t| bcp47::parse(&t.get_ref().trim().replace('_', "-")).ok())
            .filter(|t| Language::parse(t.as_str()) == Some(language))
            .unwrap_or_else(|| {
                bcp47::parse(language.tag()).expect("a supported tag is well formed")
            });
        let date = raw.date.and_then(|d| self.date(d, "date", "date"));
        let source = raw.source.map(|s| SourceCredit {
            title: field(s.title),
            number: s.number.map(|n| n.into_inner()),
            authors: s.authors.into_iter().map(|a| a.into_inner()).collect(),
            publisher: s.publisher.map(|p| p.into_inner()),
            date: s.date.and_then(|d| self.date(d, "source.date", "date")),
            url: s.url.map(|u| u.into_inner()),
            language: s
                .language
                .and_then(|l| self.lang_tag(&l, "source.language")),
        });
        let figures = raw.figures.into_iter().map(|f| self.figure(f)).collect();
        let notes = raw
            .notes
            .into_iter()
            .map(|(k, v)| {
                let key = field(k);
                if key.text.is_empty()
                    || !key
                        .text
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                {
                    self.err(
                        "E0006",
                        format!(
                            "note key `{}` may only hold ASCII letters, digits, `-` and `_`",
                            key.text
                        ),
                        key.span.clone(),
                    );
                }
                Note {
                    key,
                    text: field(v),
                }
            })
            .collect();
        let publisher = raw.publisher.map(|p| self.publisher(p));
        let style = self.style(raw.style, language);
        let has_date = date.is_some() || source.as_ref().is_some_and(|s| s.date.is_some());
        let output = raw.output.and_then(|o| self.output(o, has_date));
        Briefing {
            title: field(raw.title),
            short_title: opt(raw.short_title),
            subtitle: opt(raw.subtitle),
            series: opt(raw.series),
            date,
            marking: opt(raw.marking),
            language,
            lang_tag,
            authors: raw
                .authors
                .into_iter()
                .map(|a| Author {
                    name: field(a.name),
                    role: opt(a.role),
                })
                .collect(),
            keywords: raw.keywords.into_iter().map(|k| k.into_inner()).collect(),
            source,
            summary: Summary {
                bottom_line: opt(raw.summary.bottom_line),
                text: field(raw.summary.text),
            },
            figures,
            sections: raw
                .sections
                .into_iter()
                .map(|s| Section {
                    heading: field(s.heading),
                    text: field(s.text),
                    figures: s
                        .figures
                        .into_iter()
                        .filter_map(|f| self.section_figure(f))
                        .collect(),
                    boxed: s.boxed.is_some_and(|b| *b.get_ref()),
                })
                .collect(),
            recommendations: raw
                .recommendations
                .into_iter()
                .map(|r| Recommendation {
                    title: field(r.title),
                    owner: opt(r.owner),
                    text: opt(r.text),
                    actions: r.actions.into_iter().map(field).collect(),
                    status: r.status.and_then(|s| self.status(s)),
                    audience: r.audience.and_then(|a| self.audience(&a)),
                })
                .collect(),
            notes,
            publisher,
            style,
            output,
        }
    }

    /// A BCP 47 tag (`source.language`): E0035 where it is not well formed.
    fn lang_tag(&mut self, tag: &S<String>, key: &str) -> Option<LangTag> {
        let written = tag.get_ref();
        match bcp47::parse(written) {
            Ok(t) => Some(t),
            Err(e) => {
                let span = tag.span();
                // Inside the quotes, at the subtag out of place, when the
                // string is written as read.
                let raw = self.text.get(span.clone()).unwrap_or("");
                let at = match raw.find(written.as_str()) {
                    Some(i) if !written.is_empty() => {
                        span.start + i + e.at.start..span.start + i + e.at.end.min(written.len())
                    }
                    _ => span,
                };
                let help = bcp47::advice(written, |t| format!("`language = \"{t}\"`"));
                let d = self.err(
                    "E0035",
                    format!("malformed language tag `{written}` in `{key}`: {}", e.why),
                    at,
                );
                d.help = Some(help);
                None
            }
        }
    }

    /// E0010, with advice that fits what was written: a language's name
    /// gets its tag (English both of them), a language the program does
    /// not set is said to be unsupported, never swapped for another.
    fn unsupported_language(&mut self, tag: &S<String>) {
        use super::hints::{language_advice, LanguageAdvice};
        let list = language::SUPPORTED.join(", ");
        let written = tag.get_ref();
        let advice = language_advice(written);
        let name = match advice {
            LanguageAdvice::Unsupported(n) => format!(" ({n})"),
            _ => String::new(),
        };
        let d = self.err(
            "E0010",
            format!("unsupported language `{written}`{name}; supported: {list}"),
            tag.span(),
        );
        match advice {
            LanguageAdvice::Use { tag, or } => {
                d.label = Some(format!("did you mean `{tag}`?"));
                d.help = Some(match or {
                    Some((other, what)) => format!(
                        "write a language tag: `language = \"{tag}\"` (or `\"{other}\"` for {what})"
                    ),
                    None => format!("write a language tag: `language = \"{tag}\"`"),
                });
            }
            LanguageAdvice::Unsupported(n) => {
                d.label = Some(format!("{n} is not supported"));
                d.help = Some(format!(
                    "briefing has hyphenation, quotes, number forms and labels only for {list}; \
                     a briefing in {n} cannot be set yet"
                ));
            }
            LanguageAdvice::Unknown => {
                d.label = Some("not a supported language tag".into());
            }
        }
    }

    /// The `output` template, checked (E0020 at the value).
    fn output(&mut self, o: S<String>, has_date: bool) -> Option<Field> {
        let f = field(o);
        match super::output::check_template(&f.text, has_date) {
            Ok(()) => Some(f),
            Err((why, _)) => {
                let key = self.key_at(&f.span, "output");
                let help = match super::output::repaired_template(&f.text, has_date) {
                    Some(t) => format!("write `{key} = {}`", toml::Value::String(t)),
                    None => format!(
                        "write a file name such as `{key} = \"{}\"`",
                        if has_date {
                            "{short_title}-{date}.pdf"
                        } else {
                            "{short_title}.pdf"
                        }
                    ),
                };
                self.err(
                    "E0020",
                    format!("`output` cannot be used: {why}"),
                    f.span.clone(),
                )
                .help = Some(help);
                None
            }
        }
    }

    /// The key as the line holding the value at `span` writes it (`date`
    /// under `[source]`, `source.date` at the top level), else `bare`: the
    /// start of a help line that pastes over the reported line.
    fn key_at(&self, span: &Range<usize>, bare: &str) -> String {
        written_key(self.text, span.start)
            .unwrap_or(bare)
            .to_string()
    }

    /// A TOML date at `path` (`date`, `source.date`; `bare` is its last
    /// key). A quoted one gets the line to write instead: the date read
    /// from its words when it can be, else the form.
    fn date(&mut self, d: S<toml::Value>, path: &str, bare: &str) -> Option<Date> {
        let span = d.span();
        let key = &self.key_at(&span, bare);
        match d.into_inner() {
            toml::Value::Datetime(dt) if dt.date.is_some() && dt.time.is_none() => {
                let x = dt.date.expect("checked");
                Some(Date {
                    year: i32::from(x.year),
                    month: x.month,
                    day: x.day,
                })
            }
            toml::Value::String(s) => {
                let help = match super::hints::read_date(&s) {
                    Some(date) => {
                        format!("remove the quotes and write a TOML date: `{key} = {date}`")
                    }
                    None => format!(
                        "remove the quotes and write the date as YYYY-MM-DD: `{key} = YYYY-MM-DD`"
                    ),
                };
                let d = self.err(
                    "E0002",
                    format!("wrong type for `{path}`: found a string, expected a TOML date"),
                    span,
                );
                d.label = Some("this is quoted".into());
                d.help = Some(help);
                None
            }
            toml::Value::Datetime(dt) => {
                let d = self.err(
                    "E0002",
                    format!("wrong type for `{path}`: found a date and time, expected a TOML date"),
                    span,
                );
                if let Some(x) = dt.date {
                    d.help = Some(format!(
                        "leave out the time: `{key} = {:04}-{:02}-{:02}`",
                        x.year, x.month, x.day
                    ));
                }
                None
            }
            other => {
                self.err(
                    "E0002",
                    format!(
                        "wrong type for `{path}`: found {}, expected a TOML date such as 2001-08-13",
                        other.type_str()
                    ),
                    span,
                )
                .help = Some(format!("write `{key} = YYYY-MM-DD`, without quotes"));
                None
            }
        }
    }

    fn figure(&mut self, f: RawFigure) -> Figure {
        let notes = note_keys(f.note);
        let chart = f.chart.and_then(|c| self.chart(c));
        Figure {
            value: field(f.value),
            label: field(f.label),
            detail: opt(f.detail),
            notes,
            chart,
        }
    }

    fn chart(&mut self, c: S<RawChart>) -> Option<Chart> {
        let whole = c.span();
        let c = c.into_inner();
        let kind = match c.kind.get_ref().trim().to_ascii_lowercase().as_str() {
            "bar" => Some(ChartKind::Bar),
            "line" => Some(ChartKind::Line),
            other => {
                let hint = closest_value(other, ["bar", "line"], OTHER_CHARTS);
                let key = self.key_at(&c.kind.span(), "kind");
                let d = self.err(
                    "E0008",
                    format!(
                        "unknown chart kind `{}`: use \"bar\" or \"line\"",
                        c.kind.get_ref()
                    ),
                    c.kind.span(),
                );
                if let Some(h) = hint {
                    d.label = Some(format!("did you mean `{h}`?"));
                    d.help = Some(format!("write `{key} = \"{h}\"`"));
                }
                None
            }
        };
        let (nl, nv) = (c.labels.get_ref().len(), c.values.get_ref().len());
        let mut ok = kind.is_some();
        if nl != nv {
            self.err(
                "E0008",
                format!("chart has {nl} labels but {nv} values; they must have equal length"),
                c.values.span(),
            )
            .label = Some(format!("{nv} values here, {nl} labels"));
            ok = false;
        } else if !(2..=24).contains(&nv) {
            self.err(
                "E0008",
                format!(
                    "chart has {nv} point{}; a chart needs 2 to 24",
                    if nv == 1 { "" } else { "s" }
                ),
                if nv == 0 { whole } else { c.values.span() },
            );
            ok = false;
        }
        if let Some(bad) = c.values.get_ref().iter().find(|v| !v.is_finite()) {
            self.err(
                "E0008",
                format!("chart value `{bad}` is not a finite number"),
                c.values.span(),
            );
            ok = false;
        }
        if !ok {
            return None;
        }
        let places = self
            .text
            .get(c.values.span())
            .and_then(|t| written_places(t, nv))
            .unwrap_or_else(|| vec![None; nv]);
        Some(Chart {
            kind: kind?,
            labels: c.labels.into_inner(),
            values: c.values.into_inner(),
            places,
            unit: c.unit.map(|u| u.into_inner()),
            alt: c
                .alt
                .map(|a| a.into_inner().trim().to_string())
                .filter(|a| !a.is_empty()),
        })
    }

    fn style(&mut self, raw: Option<RawStyle>, language: Language) -> Style {
        let mut style = Style {
            paper: language.paper(),
            accent: DEFAULT_ACCENT,
            accent_span: None,
            base_size: DEFAULT_BASE_SIZE,
            columns: 1,
            max_pages: None,
            max_pages_span: None,
            body_font: None,
            heading_font: None,
            hanging_punctuation: true,
            font_expansion: true,
            letter_spacing: true,
            justify: Justify::Always,
        };
        let Some(raw) = raw else { return style };
        if let Some(p) = raw.paper {
            match Paper::parse(p.get_ref()) {
                Some(paper) => style.paper = paper,
                None => {
                    let hint =
                        closest_value(p.get_ref(), Paper::NAMES.iter().copied(), OTHER_PAPERS);
                    let key = self.key_at(&p.span(), "paper");
                    let d = self.err(
                        "E0009",
                        format!(
                            "unknown paper `{}`; use \"letter\", \"a4\" or \"legal\"",
                            p.get_ref()
                        ),
                        p.span(),
                    );
                    match hint {
                        Some(h) => {
                            d.label = Some(format!("did you mean `{h}`?"));
                            d.help = Some(format!("write `{key} = \"{h}\"`"));
                        }
                        None => {
                            d.label = Some("not a paper briefing sets".into());
                            d.help = Some(
                                "briefing sets letter, A4 and legal paper; leave `paper` out for the language's usual one".into(),
                            );
                        }
                    }
                }
            }
        }
        if let Some(a) = raw.accent {
            match Rgb::parse_hex(a.get_ref()) {
                Some(rgb) => {
                    style.accent = rgb;
                    style.accent_span = Some(a.span());
                }
                None => {
                    self.err(
                        "E0011",
                        format!("malformed accent colour `{}`", a.get_ref()),
                        a.span(),
                    )
                    .help = Some("write it as #RRGGBB or #RGB, e.g. \"#1F3A5F\"".into());
                }
            }
        }
        if let Some(b) = raw.base_size {
            let v = *b.get_ref();
            if !(BASE_SIZE_RANGE.0..=BASE_SIZE_RANGE.1).contains(&v) {
                let key = self.key_at(&b.span(), "base_size");
                let nearest = if v.is_nan() || v < BASE_SIZE_RANGE.0 {
                    BASE_SIZE_RANGE.0
                } else {
                    BASE_SIZE_RANGE.1
                };
                self.err(
                    "E0012",
                    format!(
                        "`base_size` is {}; it must be between 7 and 14 (points)",
                        if v.abs() < 1e6 {
                            format!("{v}")
                        } else {
                            format!("{v:e}")
                        }
                    ),
                    b.span(),
                )
                .help = Some(format!("the nearest size allowed: `{key} = {nearest}`"));
            } else {
                style.base_size = v as f32;
            }
        }
        if let Some(c) = raw.columns {
            match *c.get_ref() {
                1 | 2 => style.columns = *c.get_ref() as u8,
                n => {
                    let key = self.key_at(&c.span(), "columns");
                    let nearest = if n < 1 { 1 } else { 2 };
                    self.err(
                        "E0013",
                        format!("`columns` is {n}; it must be 1 or 2"),
                        c.span(),
                    )
                    .help = Some(format!("write `{key} = {nearest}`"));
                }
            }
        }
        if let Some(m) = raw.max_pages {
            match *m.get_ref() {
                n @ 1..=MAX_PAGES_LIMIT => {
                    style.max_pages = Some(n as u32);
                    style.max_pages_span = Some(m.span());
                }
                n => {
                    let key = self.key_at(&m.span(), "max_pages");
                    let nearest = n.clamp(1, MAX_PAGES_LIMIT);
                    self.err(
                        "E0016",
                        format!("`max_pages` is {n}; it must be between 1 and {MAX_PAGES_LIMIT}"),
                        m.span(),
                    )
                    .help = Some(format!(
                        "the nearest budget allowed: `{key} = {nearest}` (or leave `max_pages` out for no budget)"
                    ));
                }
            }
        }
        if let Some(h) = raw.hanging_punctuation {
            style.hanging_punctuation = h.into_inner();
        }
        if let Some(e) = raw.font_expansion {
            style.font_expansion = e.into_inner();
        }
        if let Some(t) = raw.letter_spacing {
            style.letter_spacing = t.into_inner();
        }
        if let Some(j) = raw.justify {
            match Justify::parse(j.get_ref()) {
                Some(v) => style.justify = v,
                None => {
                    let hint = closest_value(j.get_ref(), Justify::NAMES.iter().copied(), &[]);
                    let key = self.key_at(&j.span(), "justify");
                    let d = self.err(
                        "E0019",
                        format!(
                            "unknown `justify` value `{}`; use \"auto\", \"always\" or \"never\"",
                            j.get_ref()
                        ),
                        j.span(),
                    );
                    if let Some(h) = hint {
                        d.label = Some(format!("did you mean `{h}`?"));
                        d.help = Some(format!("write `{key} = \"{h}\"`"));
                    }
                }
            }
        }
        if let Some(f) = raw.fonts {
            style.body_font = f.body.and_then(|s| self.font_family(s));
            style.heading_font = f.heading.and_then(|s| self.font_family(s));
        }
        style
    }

    fn font_family(&mut self, spec: S<RawFontSpec>) -> Option<FontFamilyFiles> {
        let span = spec.span();
        match spec.into_inner() {
            RawFontSpec::Path(p) => Some(FontFamilyFiles {
                regular: self.font_file(&p, span)?,
                bold: None,
                italic: None,
                bold_italic: None,
            }),
            RawFontSpec::Faces(f) => {
                let regular = self.font_file(&f.regular, span.clone());
                let mut face = |p: Option<String>| p.and_then(|p| self.font_file(&p, span.clone()));
                let bold = face(f.bold);
                let italic = face(f.italic);
                let bold_italic = face(f.bold_italic);
                Some(FontFamilyFiles {
                    regular: regular?,
                    bold,
                    italic,
                    bold_italic,
                })
            }
        }
    }

    fn font_file(&mut self, path: &str, span: Range<usize>) -> Option<FontFile> {
        let full = self.dir.join(path);
        match crate::safe_read::read_bounded(&full, MAX_FONT_BYTES) {
            Ok(bytes) => {
                if let Err(e) = font_signature(&bytes) {
                    self.err(
                        "E0014",
                        format!("font file `{path}` cannot be used: {e}"),
                        span,
                    )
                    .help = Some("use a TrueType (.ttf) or OpenType (.otf) file".into());
                    return None;
                }
                Some(FontFile {
                    path: full,
                    bytes: Arc::new(bytes),
                    span,
                    written: path.to_string(),
                })
            }
            Err(e) => {
                use crate::safe_read::ReadFault;
                let why = match e {
                    ReadFault::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        "no such file".to_string()
                    }
                    ReadFault::TooLarge { limit } => format!(
                        "the file is larger than {}, the most a font may be",
                        crate::safe_read::human_size(limit)
                    ),
                    other => other.to_string(),
                };
                self.err(
                    "E0014",
                    format!("font file `{path}` cannot be read: {why}"),
                    span,
                )
                .help = Some(format!(
                    "paths are relative to the content file's folder ({})",
                    if self.dir.as_os_str().is_empty() {
                        ".".into()
                    } else {
                        self.dir.display().to_string()
                    }
                ));
                None
            }
        }
    }
}

/// Whether bytes begin as a single TrueType or OpenType font does. Whether
/// the face can set text is the text stage's question
/// (`text::fonts::check_font_bytes`), asked when the fonts are loaded.
fn font_signature(bytes: &[u8]) -> Result<(), String> {
    match bytes.get(..4) {
        Some([0, 1, 0, 0] | b"OTTO" | b"true") => Ok(()),
        Some(b"ttcf") => Err("it is a font collection (.ttc); name a single face".into()),
        Some(b"wOFF" | b"wOF2") => Err("it is a web font (WOFF); use the .ttf or .otf".into()),
        Some(_) => Err("not a TrueType or OpenType font file".into()),
        None => Err("the file is too short to be a font".into()),
    }
}

/// A `note` field's keys (one key or an array), each at the field.
pub(super) fn note_keys(note: Option<S<RawNoteField>>) -> Vec<Field> {
    let Some(n) = note else { return Vec::new() };
    let span = n.span();
    let keys = match n.into_inner() {
        RawNoteField::One(k) => vec![k],
        RawNoteField::Many(ks) => ks,
    };
    keys.into_iter()
        .map(|text| Field {
            text,
            span: span.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::written_places;

    #[test]
    fn numbers_keep_their_written_places() {
        assert_eq!(
            written_places("[0.0, -0.20, 1_250_000, 4.00]", 4),
            Some(vec![Some(1), Some(2), Some(0), Some(2)])
        );
        // Comments and line breaks are skipped; an exponent has no places.
        assert_eq!(
            written_places("[\n  1.5, # first\n  2e3,\n]", 2),
            Some(vec![Some(1), None])
        );
        assert_eq!(written_places("[1, 2]", 3), None);
    }
}
