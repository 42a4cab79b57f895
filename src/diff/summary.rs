//! The summary of a redline's changes in the document's language: the
//! box at the top of its page 1 (each line a link to its place), and the
//! same lines as Markdown, plain text or HTML for the cover e-mail.

use std::collections::HashMap;

use super::labels::{words, Words};
use super::{Changes, State, What};
use crate::markup::{Block, ChangesBox, Inline, InlineStyle};
use crate::model::Language;

/// Where each change is: its page (1-based), by id.
pub type Pages = HashMap<u32, usize>;

/// One line of the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub id: u32,
    pub text: String,
    pub page: Option<usize>,
}

fn quoted(lang: Language, s: &str) -> String {
    match lang {
        Language::Fr => format!("« {s} »"),
        Language::De => format!("„{s}“"),
        Language::Es | Language::Pt => format!("«{s}»"),
        Language::EnGb => format!("‘{s}’"),
        Language::EnUs => format!("“{s}”"),
    }
}

fn state(w: &Words, s: State) -> &'static str {
    match s {
        State::Revised => w.revised,
        State::Added => w.added,
        State::Removed => w.removed,
    }
}

/// A masthead field's name as the summary says it.
fn field_name(lang: Language, name: &str) -> &'static str {
    let names: [&'static str; 5] = match lang {
        Language::EnUs | Language::EnGb => ["short title", "series", "date", "marking", "authors"],
        Language::Es => ["título breve", "serie", "fecha", "marca", "autores"],
        Language::Fr => ["titre court", "collection", "date", "mention", "auteurs"],
        Language::De => ["Kurztitel", "Reihe", "Datum", "Vermerk", "Autoren"],
        Language::Pt => ["título breve", "série", "data", "marcação", "autores"],
    };
    let i = ["short_title", "series", "date", "marking", "authors"]
        .iter()
        .position(|n| *n == name)
        .unwrap_or(2);
    names[i]
}

/// The heading: "Changes since 13 August 2001".
pub fn heading(changes: &Changes, lang: Language) -> String {
    let w = words(lang);
    match &changes.since {
        Some(d) => w.since.replace("{date}", d),
        None => w.since_previous.to_string(),
    }
}

/// Every change as a line, in the document's order.
pub fn lines(changes: &Changes, lang: Language, pages: &Pages) -> Vec<Line> {
    let w = words(lang);
    let q = |s: &str| quoted(lang, s);
    changes
        .entries
        .iter()
        .map(|e| {
            let text = match &e.what {
                What::Field { name, old, new } => {
                    format!("{} ({}): {old} → {new}", w.masthead, field_name(lang, name))
                }
                What::Title => format!("{} {}", w.title, w.revised),
                What::Subtitle => format!("{} {}", w.subtitle, w.revised),
                What::BottomLine => format!("{} {}", w.bottom_line, w.revised),
                What::Summary { moved } => {
                    moved_note(w, format!("{} {}", w.summary, w.revised), *moved)
                }
                What::Figure {
                    label,
                    old,
                    new,
                    state: st,
                } => match (st, old, new) {
                    (State::Revised, Some(o), Some(n)) if o != n => {
                        format!("{} {}: {n} ({} {o})", w.figure, q(label), w.was)
                    }
                    (State::Added, _, Some(n)) => {
                        format!("{} {} {}: {n}", w.figure, q(label), w.added)
                    }
                    (State::Removed, Some(o), _) => {
                        format!("{} {} {} ({} {o})", w.figure, q(label), w.removed, w.was)
                    }
                    _ => format!("{} {} {}", w.figure, q(label), state(w, *st)),
                },
                What::Section {
                    heading,
                    renamed_from,
                    state: st,
                    moved,
                    revised_text,
                } => {
                    let s = match renamed_from {
                        Some(o) if *revised_text => format!(
                            "{} {} {} {} {} {}",
                            w.section,
                            q(o),
                            w.renamed,
                            q(heading),
                            w.and,
                            w.revised
                        ),
                        Some(o) => format!("{} {} {} {}", w.section, q(o), w.renamed, q(heading)),
                        None => format!("{} {} {}", w.section, q(heading), state(w, *st)),
                    };
                    moved_note(w, s, *moved)
                }
                What::Recommendation { title, state: st } => {
                    format!("{} {} {}", w.recommendation, q(title), state(w, *st))
                }
                What::Note { number, state: st } => {
                    format!("{} {number} {}", w.note, state(w, *st))
                }
            };
            Line {
                id: e.id,
                text,
                page: pages.get(&e.id).copied(),
            }
        })
        .collect()
}

fn moved_note(w: &Words, s: String, moved: usize) -> String {
    if moved == 0 {
        s
    } else {
        format!("{s} ({moved} ¶ {})", w.moved)
    }
}

fn with_page(w: &Words, l: &Line) -> String {
    match l.page {
        Some(p) => format!("{}, {} {p}", l.text, w.page),
        None => l.text.clone(),
    }
}

/// The box for page 1: each change a list item linking to its place
/// (layout sets the place's page number at the line's right, once the
/// pages are made). A masthead field's change has no place of its own.
pub fn boxed(changes: &Changes, lang: Language) -> ChangesBox {
    let w = words(lang);
    let ls = lines(changes, lang, &Pages::new());
    let text = |s: String, link: Option<String>| Inline::Text {
        text: s,
        style: InlineStyle::default(),
        link,
    };
    let placed = |id: u32| {
        changes
            .entries
            .iter()
            .any(|e| e.id == id && !matches!(e.what, What::Field { .. }))
    };
    let body = if ls.is_empty() {
        vec![Block::Para(vec![text(w.no_changes.to_string(), None)])]
    } else {
        vec![Block::List {
            ordered: false,
            start: 1,
            items: ls
                .iter()
                .map(|l| {
                    let link = placed(l.id).then(|| format!("#chg-{}", l.id));
                    vec![Block::Para(vec![text(l.text.clone(), link)])]
                })
                .collect(),
        }]
    };
    ChangesBox {
        heading: heading(changes, lang),
        body,
    }
}

/// The summary's formats for the cover e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Md,
    Txt,
    Html,
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The summary as Markdown, plain text or an HTML fragment.
pub fn text(changes: &Changes, lang: Language, pages: &Pages, format: Format) -> String {
    let w = words(lang);
    let head = heading(changes, lang);
    let ls = lines(changes, lang, pages);
    let mut out = String::new();
    match format {
        Format::Md => {
            out.push_str(&format!("## {head}\n\n"));
            if ls.is_empty() {
                out.push_str(&format!("{}\n", w.no_changes));
            }
            for l in &ls {
                out.push_str(&format!("- {}\n", with_page(w, l)));
            }
        }
        Format::Txt => {
            out.push_str(&format!("{head}\n{}\n\n", "=".repeat(head.chars().count())));
            if ls.is_empty() {
                out.push_str(&format!("{}\n", w.no_changes));
            }
            for l in &ls {
                out.push_str(&format!("* {}\n", with_page(w, l)));
            }
        }
        Format::Html => {
            out.push_str(&format!(
                "<section lang=\"{}\">\n<h2>{}</h2>\n",
                lang.tag(),
                html_escape(&head)
            ));
            if ls.is_empty() {
                out.push_str(&format!("<p>{}</p>\n", html_escape(w.no_changes)));
            } else {
                out.push_str("<ul>\n");
                for l in &ls {
                    out.push_str(&format!("<li>{}</li>\n", html_escape(&with_page(w, l))));
                }
                out.push_str("</ul>\n");
            }
            out.push_str("</section>\n");
        }
    }
    out
}
