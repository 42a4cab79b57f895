//! Markdown (CommonMark, through pulldown-cmark) to [`Block`]s, with the
//! constructs a briefing does not support reported where they stand.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::smart::{smarten, Smart};
use super::span::Spans;
use super::{Align, Block, Inline, InlineStyle, Table};
use crate::diag::{Diagnostic, Diagnostics, Source};
use crate::model::{Field, Language};

pub use super::span_map::SpanMap;

/// Deepest list nesting the format allows.
const MAX_LIST_DEPTH: usize = 2;

/// Which inline constructs a field may hold.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub lang: Language,
    pub source: &'a Source,
    /// Pipe tables are allowed (sections' and recommendations' text).
    pub tables: bool,
}

/// A table being read: its rows so far, the row and cell open.
struct TableBuild {
    align: Vec<Align>,
    head: Vec<Vec<Inline>>,
    rows: Vec<Vec<Vec<Inline>>>,
    row_spans: Vec<Range<usize>>,
    row: Vec<Vec<Inline>>,
    row_span: Range<usize>,
    span: Range<usize>,
}

struct Builder<'a> {
    ctx: Ctx<'a>,
    map: SpanMap,
    /// The field's text and its language spans.
    text: &'a str,
    spans: Spans,
    diags: &'a mut Diagnostics,
    /// Stack of open block containers: the blocks of the document, or of a
    /// list item.
    stack: Vec<Vec<Block>>,
    /// Open lists: (ordered, start, finished items).
    lists: Vec<(bool, u64, Vec<Vec<Block>>)>,
    inlines: Vec<Inline>,
    style: InlineStyle,
    link: Option<String>,
    pending: String,
    pending_start: usize,
    smart: Smart,
    /// Inside an unsupported construct: its text is dropped.
    skipping: usize,
    table: Option<TableBuild>,
    /// The last block is a table still without a caption.
    captionable: bool,
    /// Where the open paragraph starts.
    para: Range<usize>,
    /// Each `[^key]` read as a reference: its key and where its bracket
    /// stands in the text, in the order read.
    refs: Vec<(String, usize)>,
}

/// Parses a markdown field into blocks.
pub fn parse_blocks(field: &Field, ctx: Ctx, diags: &mut Diagnostics) -> Vec<Block> {
    read_blocks(field, ctx, diags).0
}

/// Each note reference of a markdown field as [`parse_blocks`] reads it
/// (never in a code span, an escaped bracket or a construct left out):
/// its key and where it stands in the field's text, in reading order.
/// Only wanted to locate an undefined reference, so read again then.
pub fn note_refs(field: &Field, ctx: Ctx) -> Vec<(String, usize)> {
    read_blocks(field, ctx, &mut Diagnostics::default()).1
}

/// Each note reference of a one-line field (see [`parse_line`]).
pub fn line_note_refs(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    split_note_refs(text, 0, &mut |p, at, is_ref| {
        if is_ref {
            out.push((p.to_string(), at));
        }
    });
    out
}

fn read_blocks(
    field: &Field,
    ctx: Ctx,
    diags: &mut Diagnostics,
) -> (Vec<Block>, Vec<(String, usize)>) {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    let parser = Parser::new_ext(&field.text, opts).into_offset_iter();
    let map = SpanMap::new(field, ctx.source);
    let spans = find_spans(&field.text, &map, diags);
    let mut b = Builder {
        ctx,
        map,
        text: &field.text,
        spans,
        diags,
        stack: vec![Vec::new()],
        lists: Vec::new(),
        inlines: Vec::new(),
        style: InlineStyle::default(),
        link: None,
        pending: String::new(),
        pending_start: 0,
        smart: Smart::default(),
        skipping: 0,
        table: None,
        captionable: false,
        para: 0..0,
        refs: Vec::new(),
    };
    for (event, range) in parser {
        // Point at the construct, not at the line break that ends it.
        let kept = field
            .text
            .get(range.clone())
            .map_or(0, |t| t.trim_end().len());
        let range = if kept == 0 {
            range
        } else {
            range.start..range.start + kept
        };
        match event {
            // `\[^key]`: the bracket is escaped, so this is no reference.
            Event::Text(t) if escaped(&field.text, range.start) => {
                let first = t.chars().next().map_or(0, char::len_utf8);
                b.add_escaped(&t[..first], range.start);
                b.add_text(&t[first..], range.start + first);
            }
            event => b.event(event, range),
        }
    }
    b.flush_text();
    b.end_paragraph();
    (b.stack.pop().unwrap_or_default(), b.refs)
}

/// The language spans of a field's text; their faults reported at
/// their places.
fn find_spans(text: &str, map: &SpanMap, diags: &mut Diagnostics) -> Spans {
    let mut errors = Vec::new();
    let spans = Spans::find(text, &mut errors);
    for e in errors {
        diags.push(
            Diagnostic::error(e.code, e.message)
                .at(map.map(e.at))
                .help(e.help),
        );
    }
    spans
}

/// A plain field (short title, series, marking, names): smart
/// punctuation, and the words of its language spans without their
/// brackets (a running header or banner is not read by language).
pub fn parse_plain(field: &Field, ctx: Ctx, diags: &mut Diagnostics) -> String {
    let map = SpanMap::new(field, ctx.source);
    let spans = find_spans(&field.text, &map, diags);
    let mut smart = Smart::default();
    let mut out = String::new();
    for (p, _, _) in spans.pieces(&field.text, 0) {
        out.push_str(&smarten(p, ctx.lang, &mut smart));
    }
    out
}

/// Parses a one-line field (title, label, heading…): no markdown, but
/// smart punctuation, language spans and, where `notes` allows, `[^key]`
/// references.
pub fn parse_line(field: &Field, ctx: Ctx, notes: bool, diags: &mut Diagnostics) -> Vec<Inline> {
    let mut out = Vec::new();
    let map = SpanMap::new(field, ctx.source);
    let spans = find_spans(&field.text, &map, diags);
    // A pipe table in a one-line field (the bottom line, a card's label
    // or detail) would print as its pipes: it is refused.
    if let Some(at) = delimiter_row(&field.text) {
        diags.push(
            Diagnostic::error("E0007", "a table is not supported in a briefing here")
                .at(map.map(at))
                .help("tables may stand in `sections.text` and `recommendations.text` only; put the numbers in prose here"),
        );
    }
    let mut smart = Smart::default();
    split_note_refs(&field.text, 0, &mut |piece, start, is_ref| {
        if is_ref && notes {
            out.push(Inline::NoteRef {
                key: piece.to_string(),
                number: 0,
            });
            smart.prev = '1';
        } else {
            if is_ref {
                diags.push(
                    Diagnostic::warning(
                        "W0004",
                        "a note reference here prints literally: notes may be cited in text, bottom line, labels, details, titles and headings",
                    )
                    .at(map.map(start..start + piece.len() + 3)),
                );
            }
            if is_ref {
                push_text(
                    &mut out,
                    format!("[^{piece}]"),
                    InlineStyle::default(),
                    None,
                );
                return;
            }
            for (p, _, lang) in spans.pieces(piece, start) {
                let style = InlineStyle {
                    lang,
                    ..Default::default()
                };
                push_text(&mut out, smarten(p, ctx.lang, &mut smart), style, None);
            }
        }
    });
    out
}

/// Whether the character at `at` is escaped: an odd number of
/// backslashes stands right before it.
fn escaped(text: &str, at: usize) -> bool {
    text.get(..at)
        .is_some_and(|before| before.chars().rev().take_while(|c| *c == '\\').count() % 2 == 1)
}

fn push_text(out: &mut Vec<Inline>, text: String, style: InlineStyle, link: Option<String>) {
    if text.is_empty() {
        return;
    }
    if let Some(Inline::Text {
        text: t,
        style: s,
        link: l,
    }) = out.last_mut()
    {
        if *s == style && *l == link {
            t.push_str(&text);
            return;
        }
    }
    out.push(Inline::Text { text, style, link });
}

/// Splits text into plain pieces and `[^key]` references (key characters
/// as the format allows); calls `f(piece, offset, is_ref)`.
pub fn split_note_refs(text: &str, base: usize, f: &mut impl FnMut(&str, usize, bool)) {
    let mut rest = text;
    let mut off = 0;
    while let Some(i) = rest.find("[^") {
        let after = &rest[i + 2..];
        let key_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(after.len());
        if key_len > 0 && after[key_len..].starts_with(']') {
            if i > 0 {
                f(&rest[..i], base + off, false);
            }
            f(&after[..key_len], base + off + i, true);
            let consumed = i + 2 + key_len + 1;
            rest = &rest[consumed..];
            off += consumed;
        } else {
            f(&rest[..i + 2], base + off, false);
            rest = &rest[i + 2..];
            off += i + 2;
        }
    }
    if !rest.is_empty() {
        f(rest, base + off, false);
    }
}

/// Whether a paragraph reads as a pipe table that lacks its delimiter
/// row: its first two lines start and end with `|`.
fn looks_like_table(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim);
    let piped =
        |l: Option<&str>| l.is_some_and(|l| l.len() > 1 && l.starts_with('|') && l.ends_with('|'));
    piped(lines.next()) && piped(lines.next())
}

/// Where a pipe table's delimiter row stands in a text, if one does: the
/// line under its header row, made of `|`, `-`, `:` and spaces only, with
/// at least one pipe and one dash.
fn delimiter_row(text: &str) -> Option<Range<usize>> {
    let mut start = 0;
    let mut prev_piped = false;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let delim = t.contains('|')
            && t.contains('-')
            && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
        if delim && prev_piped {
            let lead = line.len() - line.trim_start().len();
            return Some(start + lead..start + lead + t.len());
        }
        prev_piped = t.contains('|');
        start += line.len();
    }
    None
}

/// How many cells a row's source line holds: its unescaped pipes, less
/// a leading and a trailing one.
fn cells_in_line(line: &str) -> usize {
    let line = line.trim();
    let mut pipes: usize = 0;
    let mut escaped = false;
    for c in line.chars() {
        if c == '|' && !escaped {
            pipes += 1;
        }
        escaped = c == '\\' && !escaped;
    }
    let lead: usize = usize::from(line.starts_with('|'));
    let trail = usize::from(line.len() > 1 && line.ends_with('|') && !line.ends_with("\\|"));
    (pipes + 1).saturating_sub(lead + trail).max(1)
}

/// Takes a leading `Table:` off a paragraph; whether it had one.
fn strip_caption_label(inl: &mut Vec<Inline>) -> bool {
    let Some(Inline::Text { text, .. }) = inl.first_mut() else {
        return false;
    };
    let Some(rest) = text.strip_prefix("Table:") else {
        return false;
    };
    let rest = rest.trim_start().to_string();
    if rest.is_empty() {
        inl.remove(0);
    } else {
        *text = rest;
    }
    while let Some(Inline::Text { text, .. }) = inl.first() {
        if text.trim().is_empty() {
            inl.remove(0);
        } else {
            break;
        }
    }
    true
}

impl Builder<'_> {
    fn text_of(&self, r: &Range<usize>) -> &str {
        self.text.get(r.clone()).unwrap_or("")
    }

    /// Warns, once per row, when a row's cells are more or fewer than the
    /// header's: GFM pads a short row with empty cells and drops extras.
    fn check_ragged(&mut self, head: bool) {
        let Some(t) = &self.table else { return };
        let want = t.align.len();
        let line = self.text_of(&t.row_span).lines().next().unwrap_or("");
        let have = cells_in_line(line);
        if head || have == want {
            return;
        }
        let what = if have < want {
            format!(
                "this row has {have} cell{} and the header {want}: it is padded with empty cells",
                if have == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "this row has {have} cells and the header {want}: the last {} are dropped",
                have - want
            )
        };
        let span = self.map.map(t.row_span.clone());
        self.diags.push(
            Diagnostic::warning("W0012", what)
                .at(span)
                .help("give every row as many cells as the header (an empty cell is `| |`)"),
        );
    }

    fn end_table(&mut self) {
        let Some(mut t) = self.table.take() else {
            return;
        };
        let n = t.align.len();
        // A line right under the rows with no pipe in it, "Table: …", is
        // read by GFM as a last row of one cell: it is the caption.
        let mut caption = None;
        if let (Some(last), Some(span)) = (t.rows.last(), t.row_spans.last()) {
            let line = self.text_of(span);
            if !line.contains('|') && line.trim_start().starts_with("Table:") {
                let mut cell = last.first().cloned().unwrap_or_default();
                if strip_caption_label(&mut cell) {
                    caption = Some(cell);
                    t.rows.pop();
                    t.row_spans.pop();
                    // The warning about its cells is no warning.
                    if self.diags.items.last().is_some_and(|d| d.code == "W0012") {
                        self.diags.items.pop();
                    }
                }
            }
        }
        for r in &mut t.rows {
            r.resize(n, Vec::new());
        }
        t.head.resize(n, Vec::new());
        let span = self.map.map(t.span.clone());
        let row_spans = t
            .row_spans
            .iter()
            .map(|r| self.map.map(r.clone()))
            .collect();
        if let Some(top) = self.stack.last_mut() {
            top.push(Block::Table(Box::new(Table {
                align: t.align,
                head: t.head,
                rows: t.rows,
                caption,
                number: 0,
                label: String::new(),
                continued: String::new(),
                span,
                row_spans,
            })));
        }
        self.captionable = true;
        self.smart = Smart::default();
    }

    fn error(&mut self, what: &str, range: Range<usize>, help: &str) {
        self.error_coded(
            "E0007",
            &format!("{what} is not supported in a briefing"),
            range,
            help,
        );
    }

    fn error_coded(&mut self, code: &'static str, msg: &str, range: Range<usize>, help: &str) {
        let span = self.map.map(range);
        // A construct inside the one just reported (5,000 nested block
        // quotes) is the same fault: one error says it.
        let inside = self.diags.items.last().is_some_and(|d| {
            d.code == "E0007"
                && d.span
                    .as_ref()
                    .is_some_and(|s| s.start <= span.start && span.end <= s.end)
        });
        if inside {
            return;
        }
        self.diags
            .push(Diagnostic::error(code, msg).at(span).help(help));
    }

    fn warn(&mut self, what: &str, range: Range<usize>) {
        let span = self.map.map(range);
        self.diags
            .push(Diagnostic::warning("W0005", format!("{what} prints as plain text")).at(span));
    }

    fn flush_text(&mut self) {
        self.flush(true);
    }

    /// Ends the pending text; `notes` reads `[^key]` in it as references
    /// (never in a code span, nor in text a backslash escaped).
    fn flush(&mut self, notes: bool) {
        if self.pending.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.pending);
        let start = self.pending_start;
        let style = self.style;
        let link = self.link.clone();
        let lang = self.ctx.lang;
        let mut pieces: Vec<(String, usize, bool)> = Vec::new();
        if notes && !style.code {
            split_note_refs(&text, start, &mut |p, at, is_ref| {
                pieces.push((p.to_string(), at, is_ref))
            });
        } else {
            pieces.push((text, start, false));
        }
        for (p, at, is_ref) in pieces {
            if is_ref {
                self.refs.push((p.clone(), at));
                self.inlines.push(Inline::NoteRef { key: p, number: 0 });
                self.smart.prev = '1';
            } else if style.code {
                self.smart.prev = p.chars().last().unwrap_or(self.smart.prev);
                push_text(&mut self.inlines, p, style, link.clone());
            } else {
                let s = smarten(&p, lang, &mut self.smart);
                push_text(&mut self.inlines, s, style, link.clone());
            }
        }
    }

    /// Text a backslash escaped (`\[^key]`): printed as written, never the
    /// start of a note reference.
    fn add_escaped(&mut self, text: &str, at: usize) {
        self.flush_text();
        self.add_text(text, at);
        self.flush(false);
    }

    fn add_text(&mut self, text: &str, at: usize) {
        if self.skipping > 0 {
            return;
        }
        if self.spans.is_empty() {
            return self.push_pending(text, at);
        }
        // Text as written is cut at its spans' brackets; other text (a
        // line break read as a space, a code span without its backticks)
        // takes the language of where it stands.
        if self.text.get(at..at + text.len()) == Some(text) {
            for (piece, p, lang) in self.spans.pieces(text, at) {
                self.set_lang(lang);
                self.push_pending(piece, p);
            }
        } else {
            self.set_lang(self.spans.lang_at(at));
            self.push_pending(text, at);
        }
    }

    /// Text from here on is in `lang` (`None`: the briefing's language).
    fn set_lang(&mut self, lang: Option<crate::model::LangTag>) {
        if self.style.lang != lang {
            self.flush_text();
            self.style.lang = lang;
        }
    }

    fn push_pending(&mut self, text: &str, at: usize) {
        if self.pending.is_empty() {
            self.pending_start = at;
        }
        self.pending.push_str(text);
    }

    fn end_paragraph(&mut self) {
        self.flush_text();
        if !self.inlines.is_empty() {
            let mut inl = std::mem::take(&mut self.inlines);
            let captionable = std::mem::take(&mut self.captionable);
            if let Some(top) = self.stack.last_mut() {
                if let (true, Some(Block::Table(t))) = (captionable, top.last_mut()) {
                    if strip_caption_label(&mut inl) {
                        t.caption = Some(inl);
                        self.smart = Smart::default();
                        return;
                    }
                }
                let stray = self.ctx.tables
                    && matches!(inl.first(), Some(Inline::Text { text, .. }) if text.starts_with("Table:"));
                // At its size: a briefing may hold 400,000 short paragraphs
                // (actions), and a list grown by doubling holds twice.
                inl.shrink_to_fit();
                top.push(Block::Para(inl));
                if stray {
                    let span = self.map.map(self.para.start..self.para.start + 6);
                    self.diags.push(
                        Diagnostic::warning(
                            "W0013",
                            "a `Table:` caption with no table right before it prints as a paragraph",
                        )
                        .at(span)
                        .help("put the caption in the paragraph right after its table"),
                    );
                }
            }
        }
        self.smart = Smart::default();
    }

    fn event(&mut self, event: Event, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end),
            Event::Text(t) => self.add_text(&t, range.start),
            Event::Code(t) => {
                self.flush_text();
                let old = self.style;
                self.style.code = true;
                self.add_text(&t, range.start);
                self.flush_text();
                self.style = old;
            }
            Event::SoftBreak => self.add_text(" ", range.start),
            Event::HardBreak => {
                self.warn("a hard line break", range.clone());
                self.add_text(" ", range.start);
            }
            Event::Rule => {
                self.warn("a thematic break", range.clone());
            }
            // Inside an HTML block (already reported), each line is an
            // `Html` event of its own: report the block once.
            Event::Html(_) | Event::InlineHtml(_) if self.skipping == 0 => {
                self.error(
                    "raw HTML",
                    range,
                    "remove the HTML; use *emphasis* or **strong** for styling",
                );
            }
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, tag: Tag, range: Range<usize>) {
        if matches!(tag, Tag::Paragraph) {
            self.para = range.clone();
        }
        match tag {
            Tag::Paragraph if self.skipping == 0 && looks_like_table(self.text_of(&range)) => {
                let (code, msg, help) = if self.ctx.tables {
                    (
                        "E0023",
                        "this table has no delimiter row",
                        "add a delimiter row under the header row, such as `|---|---:|` (a colon sets the alignment)",
                    )
                } else {
                    (
                        "E0007",
                        "a table is not supported in a briefing here",
                        "tables may stand in `sections.text` and `recommendations.text`; put the numbers in prose here",
                    )
                };
                self.error_coded(code, msg, range.clone(), help);
            }
            Tag::Paragraph => {}
            Tag::Heading { .. } => {
                self.error(
                    "a markdown heading",
                    range,
                    "start a new [[sections]] entry instead, with this as its `heading`",
                );
                self.skipping += 1;
            }
            Tag::BlockQuote(_) => {
                self.error(
                    "a block quote",
                    range,
                    "quote the words inline, in quotation marks",
                );
                self.skipping += 1;
            }
            Tag::CodeBlock(_) => {
                self.error(
                    "a code block",
                    range,
                    "indented or fenced text is read as code; remove the indentation or the ``` fence",
                );
                self.skipping += 1;
            }
            Tag::Table(aligns) if self.ctx.tables && self.skipping == 0 && self.table.is_none() => {
                self.end_paragraph();
                self.table = Some(TableBuild {
                    align: aligns
                        .iter()
                        .map(|a| match a {
                            pulldown_cmark::Alignment::None => Align::Auto,
                            pulldown_cmark::Alignment::Left => Align::Left,
                            pulldown_cmark::Alignment::Center => Align::Center,
                            pulldown_cmark::Alignment::Right => Align::Right,
                        })
                        .collect(),
                    head: Vec::new(),
                    rows: Vec::new(),
                    row_spans: Vec::new(),
                    row: Vec::new(),
                    row_span: range.clone(),
                    span: range,
                });
            }
            Tag::Table(_) => {
                self.error(
                    "a table",
                    range,
                    "tables may stand in `sections.text` and `recommendations.text` only; put the numbers in prose here",
                );
                self.skipping += 1;
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.row.clear();
                    t.row_span = range;
                }
            }
            Tag::TableCell => {
                self.flush_text();
                self.inlines.clear();
                self.smart = Smart::default();
            }
            Tag::Image { .. } => {
                self.error(
                    "an image",
                    range,
                    "a briefing has no images; use a [[figures]] chart",
                );
                self.skipping += 1;
            }
            Tag::HtmlBlock => {
                self.error("raw HTML", range, "remove the HTML");
                self.skipping += 1;
            }
            Tag::List(start) => {
                self.end_paragraph();
                self.captionable = false;
                // Once per too-deep list, not once per level below it.
                if self.lists.len() == MAX_LIST_DEPTH {
                    self.warn("a list nested deeper than two levels", range);
                }
                self.lists
                    .push((start.is_some(), start.unwrap_or(1), Vec::new()));
            }
            Tag::Item => {
                self.end_paragraph();
                self.stack.push(Vec::new());
            }
            Tag::Emphasis => {
                self.flush_text();
                self.style.italic = true;
            }
            Tag::Strong => {
                self.flush_text();
                self.style.bold = true;
            }
            Tag::Link { dest_url, .. } => {
                self.flush_text();
                self.link = Some(dest_url.to_string());
            }
            _ => {}
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Paragraph => self.end_paragraph(),
            TagEnd::TableCell if self.table.is_some() => {
                self.flush_text();
                let cell = std::mem::take(&mut self.inlines);
                if let Some(t) = &mut self.table {
                    t.row.push(cell);
                }
            }
            TagEnd::TableHead if self.table.is_some() => {
                if let Some(t) = &mut self.table {
                    t.head = std::mem::take(&mut t.row);
                }
                self.check_ragged(true);
            }
            TagEnd::TableRow if self.table.is_some() => {
                if let Some(t) = &mut self.table {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                    t.row_spans.push(t.row_span.clone());
                }
                self.check_ragged(false);
            }
            TagEnd::Table if self.table.is_some() => self.end_table(),
            TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::Table
            | TagEnd::Image
            | TagEnd::HtmlBlock => {
                self.skipping = self.skipping.saturating_sub(1);
                self.pending.clear();
                self.inlines.clear();
            }
            TagEnd::Item => {
                self.end_paragraph();
                let blocks = self.stack.pop().unwrap_or_default();
                if let Some(list) = self.lists.last_mut() {
                    list.2.push(blocks);
                }
            }
            TagEnd::List(_) => {
                self.end_paragraph();
                if let Some((ordered, start, items)) = self.lists.pop() {
                    if self.lists.len() >= MAX_LIST_DEPTH {
                        // Too deep: flatten into the parent item's text, so
                        // no nesting (thousands of `- - - -` levels) reaches
                        // layout deeper than the format allows.
                        if let Some(top) = self.stack.last_mut() {
                            top.extend(items.into_iter().flatten());
                        }
                    } else if let Some(top) = self.stack.last_mut() {
                        top.push(Block::List {
                            ordered,
                            start,
                            items,
                        });
                    }
                }
            }
            TagEnd::Emphasis => {
                self.flush_text();
                self.style.italic = false;
            }
            TagEnd::Strong => {
                self.flush_text();
                self.style.bold = false;
            }
            TagEnd::Link => {
                self.flush_text();
                self.link = None;
            }
            _ => {}
        }
    }
}
