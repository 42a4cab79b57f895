//! `briefing export`: the briefing as Markdown, plain text or HTML, for
//! the e-mail that carries the PDF, whole or (`--only summary`) as the
//! mail's body. It is built from the same [`Document`] the PDF is set
//! from, so notes carry the same numbers and quotes and dashes are the
//! same typographic ones.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::Path;
use std::process::ExitCode;

use super::args::{ExportArgs, ExportFormat, ExportPart};
use super::build::{read_input, EXIT_USAGE};
use super::naming::{self, Target};
use super::EXIT_CONTENT;
use super::{html, report, stdout};
use crate::markup::{self, Block, DocNote, Document, Inline, InlineStyle};
use crate::model::{Briefing, Language};

/// Plain text is wrapped for e-mail at the customary width.
const TEXT_WIDTH: usize = 72;

pub fn export(args: &ExportArgs, color: bool) -> ExitCode {
    let inputs = match naming::inputs(&args.files) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let part = Part::from(args.only);
    // Every input is read and every export made before anything is
    // written, so that two inputs can never write one file.
    let mut made: Vec<Option<(Briefing, String)>> = Vec::new();
    let mut failed = false;
    for input in &inputs {
        let source = match read_input(input) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
                made.push(None);
                continue;
            }
        };
        match document(&source, color) {
            Some((b, doc)) => {
                let text = match args.format {
                    ExportFormat::Md => render(&doc, b.language, Flavor::Markdown, part),
                    ExportFormat::Txt => render(&doc, b.language, Flavor::Text, part),
                    ExportFormat::Html => html::render(&doc, &b, part),
                };
                made.push(Some((b, text)));
            }
            None => {
                failed = true;
                made.push(None);
            }
        }
    }
    let targets = match &args.output {
        None if inputs.len() > 1 && args.format == ExportFormat::Html => {
            eprintln!("error: several HTML documents cannot share the standard output: name a folder with -o");
            return ExitCode::from(EXIT_USAGE);
        }
        None => vec![Target::Stdout; inputs.len()],
        Some(o) => {
            let briefings: Vec<Option<&Briefing>> =
                made.iter().map(|m| m.as_ref().map(|(b, _)| b)).collect();
            match naming::targets(&inputs, &briefings, Some(o), None, args.format.ext()) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(EXIT_CONTENT);
                }
            }
        }
    };
    let mut to_stdout = Vec::new();
    for ((input, m), target) in inputs.iter().zip(&made).zip(&targets) {
        let Some((_, text)) = m else { continue };
        match target {
            Target::Stdout => to_stdout.push(text.as_str()),
            Target::File(path) => {
                let written = check_target(path, &input.path(), args.format).and_then(|()| {
                    super::write_atomic(path, text.as_bytes()).map_err(|e| e.to_string())
                });
                match written {
                    Ok(()) => eprintln!("wrote {}", path.display()),
                    Err(e) => {
                        eprintln!("error: {e}");
                        failed = true;
                    }
                }
            }
        }
    }
    if !to_stdout.is_empty() {
        let between = match args.format {
            ExportFormat::Md => "\n\n---\n\n".to_string(),
            _ => format!("\n\n{}\n\n", "=".repeat(TEXT_WIDTH)),
        };
        let mut all = to_stdout.join(&between);
        all.push('\n');
        failed |= stdout::put(all.as_bytes()) == stdout::Put::Failed;
    }
    if failed {
        ExitCode::from(EXIT_CONTENT)
    } else {
        ExitCode::SUCCESS
    }
}

/// The briefing and its document, or `None` with its errors printed.
fn document(source: &crate::diag::Source, color: bool) -> Option<(Briefing, Document)> {
    let (briefing, mut diags) = crate::model::parse(source);
    let not_exported = |diags: &crate::diag::Diagnostics| {
        report::print_human(diags, source, color);
        eprintln!(
            "error: {} not exported: {}",
            source.path.display(),
            report::counts(diags)
        );
    };
    let Some(briefing) = briefing else {
        not_exported(&crate::pipeline::diagnose(source, &Default::default()));
        return None;
    };
    let (doc, d) = markup::build(&briefing, source);
    diags.extend(d);
    if diags.has_errors() {
        not_exported(&diags);
        return None;
    }
    Some((briefing, doc))
}

/// An export may only write a file with its format's extension, and
/// never the content file: `-o briefing.toml` is refused, not obeyed.
fn check_target(path: &Path, input: &Path, format: ExportFormat) -> Result<(), String> {
    let same = match (path.canonicalize(), input.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(format!(
            "refusing to write {}: it is the content file",
            path.display()
        ));
    }
    if let Some(kind) = crate::safe_read::not_regular(path) {
        return Err(format!(
            "refusing to write {}: it is {kind}, not a regular file",
            path.display()
        ));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let ok = match format {
        ExportFormat::Md => matches!(ext.as_str(), "md" | "markdown"),
        ExportFormat::Txt => matches!(ext.as_str(), "txt" | "text"),
        ExportFormat::Html => matches!(ext.as_str(), "html" | "htm"),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "refusing to write {}: an {} export must end in .{}",
            path.display(),
            format.ext(),
            format.ext()
        ))
    }
}

/// How much of the briefing an export holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    Whole,
    /// The bottom line, the summary and the recommendations' titles, with
    /// the notes those cite (under their numbers in the PDF).
    Summary,
}

impl From<Option<ExportPart>> for Part {
    fn from(p: Option<ExportPart>) -> Part {
        match p {
            None => Part::Whole,
            Some(ExportPart::Summary) => Part::Summary,
        }
    }
}

/// The notes an export prints: all of them, or for a summary those its
/// parts cite (and the notes those notes cite), keeping their numbers.
pub fn notes_for(doc: &Document, part: Part) -> Vec<&DocNote> {
    if part == Part::Whole {
        return doc.notes.iter().collect();
    }
    let mut cited = BTreeSet::new();
    if let Some(bl) = &doc.bottom_line {
        refs_in(bl, &mut cited);
    }
    blocks_refs(&doc.summary, &mut cited);
    for r in &doc.recommendations {
        refs_in(&r.title, &mut cited);
    }
    // Notes cited by the notes kept, until nothing new is found.
    loop {
        let before = cited.len();
        for n in &doc.notes {
            if cited.contains(&n.number) {
                blocks_refs(&n.body, &mut cited);
            }
        }
        if cited.len() == before {
            break;
        }
    }
    doc.notes
        .iter()
        .filter(|n| cited.contains(&n.number))
        .collect()
}

fn refs_in(inl: &[Inline], out: &mut BTreeSet<u32>) {
    for i in inl {
        if let Inline::NoteRef { number, .. } = i {
            out.insert(*number);
        }
    }
}

fn blocks_refs(bs: &[Block], out: &mut BTreeSet<u32>) {
    for b in bs {
        match b {
            Block::Para(inl) => refs_in(inl, out),
            Block::List { items, .. } => items.iter().for_each(|it| blocks_refs(it, out)),
        }
    }
}

/// The source credit as an export prints it: the PDF links the title and
/// also prints the address (paper cannot be clicked); a mail needs it once.
/// Markdown and HTML keep the linked title, plain text the address.
pub fn credit(doc: &Document, linked_title: bool) -> Option<Vec<Inline>> {
    let mut inl = doc.source_credit.clone()?;
    let url = inl.iter().find_map(|i| match i {
        Inline::Text {
            link: Some(l),
            style,
            ..
        } if style.italic => Some(l.clone()),
        _ => None,
    });
    let Some(url) = url else { return Some(inl) };
    if linked_title {
        inl.retain(|i| {
            !matches!(i, Inline::Text { text, link: Some(l), style } if *l == url && !style.italic && text.trim() == url)
        });
    } else {
        for i in &mut inl {
            if let Inline::Text {
                link, style, text, ..
            } = i
            {
                if style.italic && link.as_deref() == Some(url.as_str()) && text.trim() != url {
                    *link = None;
                }
            }
        }
    }
    Some(inl)
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Markdown,
    Text,
}

/// The document (or its summary part) in one flavour.
pub fn render(doc: &Document, lang: Language, flavor: Flavor, part: Part) -> String {
    let labels = lang.labels();
    let md = flavor == Flavor::Markdown;
    let whole = part == Part::Whole;
    let mut out = String::new();
    let para = |out: &mut String, s: &str| {
        if !s.trim().is_empty() {
            out.push_str(s.trim_end());
            out.push_str("\n\n");
        }
    };

    if let Some(m) = &doc.marking {
        para(
            &mut out,
            &if md {
                format!("**{}**", escape(m))
            } else {
                m.to_uppercase()
            },
        );
    }
    if let Some(s) = &doc.series {
        para(
            &mut out,
            &if md {
                format!("*{}*", escape(s))
            } else {
                s.clone()
            },
        );
    }
    let title = inlines(&doc.title, flavor);
    if md {
        para(&mut out, &format!("# {title}"));
    } else {
        para(
            &mut out,
            &format!(
                "{title}\n{}",
                "=".repeat(title.chars().count().min(TEXT_WIDTH))
            ),
        );
    }
    if let Some(s) = &doc.subtitle {
        let s = inlines(s, flavor);
        para(&mut out, &if md { format!("*{s}*") } else { s });
    }
    let mut byline = Vec::new();
    if !doc.authors.is_empty() {
        let names: Vec<String> = doc
            .authors
            .iter()
            .map(|(name, role)| match role {
                Some(r) => format!("{name} ({r})"),
                None => name.clone(),
            })
            .collect();
        byline.push(names.join(", "));
    }
    if let Some(d) = &doc.date {
        byline.push(d.clone());
    }
    if !byline.is_empty() {
        let sep = if md { "  \n" } else { "\n" };
        let lines: Vec<String> = byline
            .iter()
            .map(|l| if md { escape(l) } else { l.clone() })
            .collect();
        para(&mut out, &lines.join(sep));
    }

    if let Some(bl) = &doc.bottom_line {
        let text = inlines(bl, flavor);
        if md {
            para(&mut out, &format!("> **{}:** {text}", labels.bottom_line));
        } else {
            para(
                &mut out,
                &wrap(
                    &format!("{}: {text}", labels.bottom_line.to_uppercase()),
                    "",
                    "",
                ),
            );
        }
    }

    heading(&mut out, labels.summary, flavor);
    out.push_str(&blocks(&doc.summary, flavor, ""));

    if whole && !doc.figures.is_empty() {
        heading(&mut out, labels.key_figures, flavor);
        for f in &doc.figures {
            let mut line = if md {
                format!("**{}**: {}", escape(&f.value), inlines(&f.label, flavor))
            } else {
                format!("{}: {}", f.value, inlines(&f.label, flavor))
            };
            if let Some(d) = &f.detail {
                let _ = write!(line, " — {}", inlines(d, flavor));
            }
            for n in &f.notes {
                line.push_str(&note_ref(*n, flavor));
            }
            if let Some(c) = &f.chart {
                let unit = c.unit.as_deref();
                let points: Vec<String> = c
                    .labels
                    .iter()
                    .zip(&c.values)
                    .map(|(l, v)| {
                        format!(
                            "{l}: {}",
                            crate::layout::chart::format_value(*v, lang, unit)
                        )
                    })
                    .collect();
                let points = points.join("; ");
                let _ = write!(line, " ({})", if md { escape(&points) } else { points });
            }
            out.push_str(&item(&line, "- ", flavor));
        }
        out.push('\n');
    }

    for s in doc.sections.iter().filter(|_| whole) {
        heading(&mut out, &inlines(&s.heading, flavor), flavor);
        out.push_str(&blocks(&s.body, flavor, ""));
    }

    if !whole && !doc.recommendations.is_empty() {
        // The titles only, as one numbered list.
        heading(&mut out, labels.recommendations, flavor);
        for (i, r) in doc.recommendations.iter().enumerate() {
            out.push_str(&item(
                &inlines(&r.title, flavor),
                &format!("{}. ", i + 1),
                flavor,
            ));
        }
        out.push('\n');
    }

    if whole && !doc.recommendations.is_empty() {
        heading(&mut out, labels.recommendations, flavor);
        for (i, r) in doc.recommendations.iter().enumerate() {
            let marker = format!("{}. ", i + 1);
            let indent = " ".repeat(marker.len());
            let title = inlines(&r.title, flavor);
            let title = if md { format!("**{title}**") } else { title };
            out.push_str(&item(&title, &marker, flavor));
            if let Some(o) = &r.owner {
                let who = format!("{}: {}", labels.who, inlines(o, flavor));
                out.push('\n');
                out.push_str(&item(
                    &if md { format!("*{who}*") } else { who },
                    &indent,
                    flavor,
                ));
            }
            if !r.body.is_empty() {
                out.push('\n');
                out.push_str(blocks(&r.body, flavor, &indent).trim_end());
                out.push('\n');
            }
            if !r.actions.is_empty() {
                out.push('\n');
                for a in &r.actions {
                    out.push_str(&item(&inlines(a, flavor), &format!("{indent}- "), flavor));
                }
            }
            out.push('\n');
        }
    }

    // Markdown renderers gather footnotes at the end of the document,
    // whatever comes after them: the credit goes before the Notes heading,
    // so that the heading stands right above the footnotes.
    let credit_text = credit(doc, md).map(|c| maybe_wrap(&inlines(&c, flavor), flavor));
    if md && whole {
        if let Some(c) = &credit_text {
            para(&mut out, c);
        }
    }
    let notes = notes_for(doc, part);
    if !notes.is_empty() {
        heading(&mut out, labels.notes, flavor);
        for n in notes {
            let body = blocks(&n.body, flavor, "    ");
            let body = body.trim();
            if md {
                out.push_str(&format!("[^{}]: {body}\n", n.number));
            } else {
                let marker = format!("[{}] ", n.number);
                out.push_str(&wrap(body, &marker, &" ".repeat(marker.len())));
                out.push('\n');
            }
        }
        out.push('\n');
    }

    if !md && whole {
        if let Some(c) = &credit_text {
            para(&mut out, c);
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn heading(out: &mut String, text: &str, flavor: Flavor) {
    match flavor {
        Flavor::Markdown => {
            let _ = write!(out, "## {text}\n\n");
        }
        Flavor::Text => {
            let upper = text.to_uppercase();
            let _ = write!(
                out,
                "{upper}\n{}\n\n",
                "-".repeat(upper.chars().count().min(TEXT_WIDTH))
            );
        }
    }
}

fn note_ref(n: u32, flavor: Flavor) -> String {
    match flavor {
        Flavor::Markdown => format!("[^{n}]"),
        Flavor::Text => format!("[{n}]"),
    }
}

/// One list item: the marker, then the text, continued under the text.
fn item(text: &str, marker: &str, flavor: Flavor) -> String {
    let hang = " ".repeat(marker.chars().count());
    match flavor {
        Flavor::Markdown => {
            let mut s = String::new();
            for (i, line) in text.lines().enumerate() {
                s.push_str(if i == 0 { marker } else { &hang });
                s.push_str(line);
                s.push('\n');
            }
            s
        }
        Flavor::Text => wrap(text, marker, &hang) + "\n",
    }
}

fn maybe_wrap(text: &str, flavor: Flavor) -> String {
    match flavor {
        Flavor::Markdown => text.to_string(),
        Flavor::Text => wrap(text, "", ""),
    }
}

/// Fills plain text to [`TEXT_WIDTH`], never breaking a word (or a URL),
/// nor at a hyphen inside one (`REP-2026-01`, `U.S.-Peru`).
fn wrap(text: &str, first: &str, rest: &str) -> String {
    let opts = textwrap::Options::new(TEXT_WIDTH)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .initial_indent(first)
        .subsequent_indent(rest);
    textwrap::fill(text, opts)
}

/// Paragraphs and lists, each followed by a blank line, indented by
/// `indent` (list items inside recommendations).
fn blocks(bs: &[Block], flavor: Flavor, indent: &str) -> String {
    let mut out = String::new();
    for b in bs {
        match b {
            Block::Para(inl) => {
                let text = inlines(inl, flavor);
                match flavor {
                    Flavor::Markdown => {
                        let _ = writeln!(out, "{indent}{text}");
                    }
                    Flavor::Text => {
                        out.push_str(&wrap(&text, indent, indent));
                        out.push('\n');
                    }
                }
                out.push('\n');
            }
            Block::List {
                ordered,
                start,
                items,
            } => {
                list(&mut out, *ordered, *start, items, flavor, indent);
                out.push('\n');
            }
        }
    }
    out
}

fn list(
    out: &mut String,
    ordered: bool,
    start: u64,
    items: &[Vec<Block>],
    flavor: Flavor,
    indent: &str,
) {
    for (i, it) in items.iter().enumerate() {
        let marker = if ordered {
            format!("{}. ", start + i as u64)
        } else {
            "- ".to_string()
        };
        let hang = format!("{indent}{}", " ".repeat(marker.len()));
        let mut first = true;
        for b in it {
            match b {
                Block::Para(inl) => {
                    let text = inlines(inl, flavor);
                    let lead = if first {
                        format!("{indent}{marker}")
                    } else {
                        hang.clone()
                    };
                    match flavor {
                        Flavor::Markdown => {
                            let _ = writeln!(out, "{lead}{text}");
                        }
                        Flavor::Text => {
                            out.push_str(&wrap(&text, &lead, &hang));
                            out.push('\n');
                        }
                    }
                }
                Block::List {
                    ordered,
                    start,
                    items,
                } => list(out, *ordered, *start, items, flavor, &hang),
            }
            first = false;
        }
    }
}

/// Runs of text as one line: Markdown keeps emphasis, links and note
/// references; plain text keeps the words, link targets and `[n]`.
pub fn inlines(inl: &[Inline], flavor: Flavor) -> String {
    // Adjacent runs in the same style are one run (smart quotes split them).
    let mut runs: Vec<(String, InlineStyle, Option<String>)> = Vec::new();
    let mut out = String::new();
    let flush = |runs: &mut Vec<(String, InlineStyle, Option<String>)>, out: &mut String| {
        for (text, style, link) in runs.drain(..) {
            out.push_str(&run(&text, style, link.as_deref(), flavor));
        }
    };
    for i in inl {
        match i {
            Inline::Text { text, style, link } => match runs.last_mut() {
                Some((t, s, l)) if s == style && l == link => t.push_str(text),
                _ => runs.push((text.clone(), *style, link.clone())),
            },
            Inline::NoteRef { number, .. } => {
                flush(&mut runs, &mut out);
                out.push_str(&note_ref(*number, flavor));
            }
        }
    }
    flush(&mut runs, &mut out);
    out
}

fn run(text: &str, style: InlineStyle, link: Option<&str>, flavor: Flavor) -> String {
    if flavor == Flavor::Text {
        return match link {
            Some(url) if url != text.trim() => format!("{text} ({url})"),
            _ => text.to_string(),
        };
    }
    // Emphasis markers must touch the words: keep blanks outside them.
    let core = text.trim();
    if core.is_empty() {
        return text.to_string();
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    let mut s = if style.code {
        format!("`{core}`")
    } else {
        escape(core)
    };
    if style.italic && !style.code {
        s = format!("*{s}*");
    }
    if style.bold && !style.code {
        s = format!("**{s}**");
    }
    if let Some(url) = link {
        s = if url == core {
            format!("<{url}>")
        } else {
            format!("[{s}]({url})")
        };
    }
    format!("{lead}{s}{trail}")
}

/// Backslash-escapes the characters that would otherwise start markup.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
