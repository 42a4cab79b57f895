//! Diagnostics: errors and warnings located in the user's content file,
//! rendered the way rustc renders them (`error[E…]`, `--> FILE:LINE:COL`,
//! the source line, a caret under the span, and a `help:` line).

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is: errors stop the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a content file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable code such as `E0004`, so editors and CI can match on it.
    pub code: &'static str,
    pub message: String,
    /// Byte range in the source text; `None` when the problem has no place
    /// (a font that cannot be read from the command line, say).
    pub span: Option<Range<usize>>,
    /// A short label printed under the caret.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// Where it comes from, when that is not a place in the file (a
    /// command-line flag), printed as rustc's `= note:` lines are.
    pub note: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span: None,
            label: None,
            help: None,
            note: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }

    pub fn at_opt(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    pub fn with_note(mut self, note: Option<String>) -> Self {
        self.note = note;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A content file: its path (as the user named it) and its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
    /// Byte offsets where each line starts, built once, on first use.
    lines: std::sync::OnceLock<Vec<usize>>,
}

/// A 1-based line and column (columns count characters, as editors do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

impl Source {
    pub fn new(path: impl AsRef<Path>, text: impl Into<String>) -> Self {
        Source {
            path: path.as_ref().to_path_buf(),
            text: text.into(),
            lines: std::sync::OnceLock::new(),
        }
    }

    /// Where each line starts: found once per source, so that locating
    /// any number of diagnostics costs a binary search each.
    fn line_starts(&self) -> &[usize] {
        self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// The whole lines a span touches, the 1-based number of the first,
    /// and the span relative to them. The snippet renderer splits what it
    /// is given into lines, so handing it only these keeps printing N
    /// diagnostics at O(N) plus one pass over the file (for the index),
    /// instead of one pass over the file per diagnostic.
    pub fn excerpt(&self, span: Range<usize>) -> (&str, usize, Range<usize>) {
        let len = self.text.len();
        let start = span.start.min(len);
        let end = span.end.clamp(start, len);
        let starts = self.line_starts();
        let first = starts.partition_point(|&s| s <= start) - 1;
        let last = starts.partition_point(|&s| s <= end) - 1;
        let from = starts[first];
        let to = starts.get(last + 1).copied().unwrap_or(len);
        (
            &self.text[from..to],
            first + 1,
            (start - from)..(end - from),
        )
    }

    /// Line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.line_starts();
        let line = starts.partition_point(|&start| start <= offset);
        let line_start = starts[line - 1];
        let col = self.text[line_start..offset].chars().count() + 1;
        LineCol { line, col }
    }
}

/// A diagnostic bound to its source, ready to print.
pub struct Located<'a> {
    pub diag: &'a Diagnostic,
    pub source: &'a Source,
    pub color: bool,
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
        let d = self.diag;
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = self.source.path.display().to_string();
        let title = level.primary_title(d.message.as_str()).id(d.code);
        let mut group: Group = match &d.span {
            Some(span) => {
                let (excerpt, first_line, span) = self.source.excerpt(span.clone());
                let mut ann = AnnotationKind::Primary.span(span);
                if let Some(label) = &d.label {
                    ann = ann.label(label.as_str());
                }
                title.element(
                    Snippet::source(excerpt)
                        .line_start(first_line)
                        .path(path.as_str())
                        .annotation(ann),
                )
            }
            None => title.element(annotate_snippets::Origin::path(path.as_str())),
        };
        if let Some(note) = &d.note {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let renderer = if self.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        write!(f, "{}", renderer.render(&[group]))
    }
}

/// Diagnostics gathered while reading one file, in the order found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| !d.is_error())
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
}

/// 4900 as "4,900".
pub fn grouped(n: impl std::fmt::Display) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line index gives what counting from the start gives, at every
    /// offset (including inside a multi-byte character and past the end).
    #[test]
    fn line_index_matches_counting_from_the_start() {
        let text = "a = 1\n\nétoile = \"x\"\n[t]\nend";
        let src = Source::new("t.toml", text);
        for offset in 0..text.len() + 3 {
            let mut o = offset.min(text.len());
            while !text.is_char_boundary(o) {
                o -= 1;
            }
            let before = &text[..o];
            let line = before.matches('\n').count() + 1;
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            let col = text[start..o].chars().count() + 1;
            assert_eq!(
                src.line_col(offset),
                LineCol { line, col },
                "offset {offset}"
            );
        }
    }

    /// Rendering from the excerpt prints exactly what rendering from the
    /// whole file printed: same line numbers, same carets, same labels,
    /// for spans on the first and last line, across lines, empty, at the
    /// end, and past the end.
    #[test]
    fn excerpt_renders_as_the_whole_file_did() {
        use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
        let text = "a = 1\n\nétoile = \"x\"\n[t]\nkey = [\n  1,\n]\nend";
        let src = Source::new("t.toml", text);
        let whole = |span: Range<usize>| {
            let group = Level::ERROR.primary_title("m").id("E0001").element(
                Snippet::source(text)
                    .path("t.toml")
                    .annotation(AnnotationKind::Primary.span(span).label("here")),
            );
            Renderer::plain().render(&[group]).to_string()
        };
        let mut spans = vec![];
        for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            for end in (start..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                spans.push(start..end);
            }
        }
        spans.push(text.len() + 4..text.len() + 9);
        for span in spans {
            let d = Diagnostic::error("E0001", "m")
                .at(span.clone())
                .label("here");
            let got = Located {
                diag: &d,
                source: &src,
                color: false,
            }
            .to_string();
            let len = text.len();
            let clamped = span.start.min(len)..span.end.clamp(span.start.min(len), len);
            assert_eq!(got, whole(clamped), "span {span:?}");
        }
    }
}
