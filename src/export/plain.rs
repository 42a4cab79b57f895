//! Markdown and plain text: one renderer, two flavours, for the e-mail
//! that carries the PDF, whole or as its body (the summary part).

use std::fmt::Write;

use super::walk::{credit, notes_for, Part};
use crate::markup::{Block, Document, Inline, InlineStyle};
use crate::model::Language;

/// Plain text is wrapped for e-mail at the customary width.
pub const TEXT_WIDTH: usize = 72;

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
    if let Some(p) = &doc.publisher {
        if let Some(line) = publisher_line(p, flavor) {
            para(&mut out, &line);
        }
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
            // The note markers follow the label, as on the card.
            for n in &f.notes {
                line.push_str(&note_ref(*n, flavor));
            }
            if let Some(d) = &f.detail {
                let _ = write!(line, " — {}", inlines(d, flavor));
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

    let box_numbers = doc.box_numbers();
    for (s, number) in doc.sections.iter().zip(box_numbers).filter(|_| whole) {
        let mut text = inlines(&s.heading, flavor);
        if let Some(n) = number {
            let label = crate::layout::blocks::sidebar::box_label(lang, n);
            text = format!("{} {text}", if md { escape(&label) } else { label });
        }
        heading(&mut out, &text, flavor);
        let mut part = String::new();
        let mut done = 0;
        for f in &s.figures {
            part.push_str(&blocks(&s.body[done..f.after.max(done)], flavor, ""));
            done = f.after.max(done);
            exhibit(&mut part, f, lang, flavor);
        }
        part.push_str(&blocks(&s.body[done..], flavor, ""));
        if number.is_some() {
            // A box: a block quote in Markdown, a ruled margin in text.
            part = boxed(&part, if md { "> " } else { "  | " });
        }
        out.push_str(&part);
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
        let openings = doc.group_openings();
        for (i, r) in doc.recommendations.iter().enumerate() {
            if let Some(group) = openings[i] {
                let name = lang.group_heading(group);
                para(
                    &mut out,
                    &if md {
                        format!("### {name}")
                    } else {
                        format!("{name}:")
                    },
                );
            }
            let marker = format!("{}. ", i + 1);
            let indent = " ".repeat(marker.len());
            let title = inlines(&r.title, flavor);
            let title = if md { format!("**{title}**") } else { title };
            out.push_str(&item(&title, &marker, flavor));
            for (label, value) in [(labels.who, &r.owner), (labels.status, &r.status)] {
                let Some(value) = value else { continue };
                let line = format!("{label}: {}", inlines(value, flavor));
                out.push('\n');
                out.push_str(&item(
                    &if md { format!("*{line}*") } else { line },
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

    if let Some(contact) = doc
        .publisher
        .as_ref()
        .and_then(|p| p.contact.as_ref())
        .filter(|_| whole)
    {
        let text = blocks(contact, flavor, "");
        let label = labels.contact;
        para(
            &mut out,
            &if md {
                format!("**{label}:** {}", text.trim())
            } else {
                format!("{}: {}", label.to_uppercase(), text.trim())
            },
        );
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

/// A section figure: its numbered title (with "[chart]" or, in
/// Markdown, the image), and its source line.
fn exhibit(out: &mut String, f: &crate::markup::DocExhibit, lang: Language, flavor: Flavor) {
    use crate::layout::blocks::exhibit::{figure_label, source_label};
    let md = flavor == Flavor::Markdown;
    let label = figure_label(lang, f.number);
    let mut title = inlines(&f.title, flavor);
    for n in &f.notes {
        title.push_str(&note_ref(*n, flavor));
    }
    let what = match &f.exhibit {
        crate::model::Exhibit::Chart(_) => "[chart]".to_string(),
        crate::model::Exhibit::Image(im) if md => format!(
            "![{}]({})",
            escape(f.alt.as_deref().unwrap_or(&im.name)),
            im.name.replace(' ', "%20")
        ),
        crate::model::Exhibit::Image(im) => format!("[image: {}]", im.name),
    };
    let line = if md {
        format!("**{}** {title} {what}", escape(&label))
    } else {
        format!("{label} {title} {what}")
    };
    out.push_str(&maybe_wrap(&line, flavor));
    out.push_str("\n\n");
    if let Some(src) = &f.source {
        let text = format!("{}{}", source_label(lang), inlines(src, flavor));
        out.push_str(&maybe_wrap(&text, flavor));
        out.push_str("\n\n");
    }
}

/// The publisher's name and address as the masthead prints them.
fn publisher_line(p: &crate::markup::DocPublisher, flavor: Flavor) -> Option<String> {
    let md = flavor == Flavor::Markdown;
    let name = p
        .name
        .as_deref()
        .map(|n| if md { escape(n) } else { n.to_string() });
    let url = p
        .url
        .as_deref()
        .map(|u| if md { format!("<{u}>") } else { u.to_string() });
    match (name, url) {
        (Some(n), Some(u)) => Some(format!("{n} · {u}")),
        (Some(x), None) | (None, Some(x)) => Some(x),
        (None, None) => None,
    }
}

/// Every line of `text` behind `prefix` (blank lines keep the prefix,
/// trimmed, so a Markdown block quote stays one).
fn boxed(text: &str, prefix: &str) -> String {
    let body = text.trim_end();
    let mut out = String::with_capacity(body.len() + 64);
    for line in body.lines() {
        if line.is_empty() {
            out.push_str(prefix.trim_end());
        } else {
            out.push_str(prefix);
            out.push_str(line);
        }
        out.push('\n');
    }
    out.push('\n');
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
            Block::Table(t) => {
                out.push_str(&match flavor {
                    Flavor::Markdown => super::table::markdown(t, indent),
                    Flavor::Text => super::table::text(t, indent),
                });
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
                Block::Table(t) => {
                    out.push('\n');
                    out.push_str(&match flavor {
                        Flavor::Markdown => super::table::markdown(t, &hang),
                        Flavor::Text => super::table::text(t, &hang),
                    });
                }
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
    // A passage in another language keeps its span.
    if let Some(l) = style.lang {
        s = format!("[{s}]{{lang={l}}}");
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
