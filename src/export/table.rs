//! A pipe table in the text exports: Markdown keeps it a pipe table with
//! its `Table:` caption; plain text sets it aligned, each cell wrapped to
//! its column (with textwrap), the caption above with its number.

use super::plain::{inlines, Flavor, TEXT_WIDTH};
use crate::layout::blocks::table::widths;
use crate::markup::{plain_text, Align, Table};

/// Space between columns in plain text.
const SEP: usize = 2;

/// The table as Markdown, each line after `indent`.
pub fn markdown(t: &Table, indent: &str) -> String {
    let cell = |inl: &[crate::markup::Inline]| {
        inlines(inl, Flavor::Markdown)
            .replace('|', "\\|")
            .replace('\n', " ")
    };
    let row = |cells: Vec<String>| format!("{indent}| {} |\n", cells.join(" | "));
    let mut out = row(t.head.iter().map(|c| cell(c)).collect());
    out.push_str(&row(t
        .align
        .iter()
        .enumerate()
        .map(|(c, a)| {
            match a {
                Align::Auto if t.numeric(c) => "---:",
                Align::Auto => "---",
                Align::Left => ":---",
                Align::Center => ":---:",
                Align::Right => "---:",
            }
            .to_string()
        })
        .collect()));
    for r in &t.rows {
        out.push_str(&row(r.iter().map(|c| cell(c)).collect()));
    }
    if let Some(c) = &t.caption {
        out.push_str(&format!("\n{indent}Table: {}\n", cell(c)));
    }
    out
}

/// The table as aligned plain text, after `indent`.
pub fn text(t: &Table, indent: &str) -> String {
    let n = t.align.len();
    let text_of = |inl: &[crate::markup::Inline]| inlines(inl, Flavor::Text);
    let head: Vec<String> = t.head.iter().map(|c| text_of(c)).collect();
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(|c| text_of(c)).collect())
        .collect();
    let (mut min, mut nat) = (vec![1.0f32; n], vec![1.0f32; n]);
    for r in std::iter::once(&head).chain(&rows) {
        for (c, s) in r.iter().enumerate() {
            let longest = s.split_whitespace().map(|w| w.chars().count()).max();
            min[c] = min[c].max(longest.unwrap_or(0) as f32);
            nat[c] = nat[c].max(s.chars().count() as f32);
        }
    }
    let avail = TEXT_WIDTH.saturating_sub(indent.chars().count()).max(n * 2);
    let cols: Vec<usize> = match widths::solve(&min, &nat, &[], SEP as f32, avail as f32) {
        // At their natural widths when they fit: a text table is not
        // stretched to the measure.
        Some(_) if nat.iter().sum::<f32>() as usize + SEP * n.saturating_sub(1) <= avail => {
            nat.iter().map(|w| *w as usize).collect()
        }
        Some(w) => w.iter().map(|w| (w.floor() as usize).max(1)).collect(),
        None => min.iter().map(|w| *w as usize).collect(),
    };
    let aligns: Vec<Align> = (0..n).map(|c| t.align_of(c)).collect();
    let mut out = String::new();
    let mut caption = t.label.clone();
    if let Some(c) = &t.caption {
        caption.push(' ');
        caption.push_str(&plain_text(c));
    }
    let opts = textwrap::Options::new(avail)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .initial_indent(indent)
        .subsequent_indent(indent);
    out.push_str(&textwrap::fill(&caption, opts));
    out.push_str("\n\n");
    let line = |cells: &[String], head: bool, out: &mut String| {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(&cols)
            .map(|(s, w)| {
                textwrap::wrap(s, textwrap::Options::new((*w).max(1)).break_words(true))
                    .into_iter()
                    .map(|l| l.into_owned())
                    .collect()
            })
            .collect();
        let depth = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for k in 0..depth {
            let mut l = indent.to_string();
            for (c, w) in cols.iter().enumerate() {
                let s = wrapped[c].get(k).map_or("", String::as_str);
                let pad = w.saturating_sub(s.chars().count());
                let a = if head && aligns[c] != Align::Right {
                    Align::Left
                } else {
                    aligns[c]
                };
                let (before, after) = match a {
                    Align::Right => (pad, 0),
                    Align::Center => (pad / 2, pad - pad / 2),
                    Align::Left | Align::Auto => (0, pad),
                };
                if c > 0 {
                    l.push_str(&" ".repeat(SEP));
                }
                l.push_str(&" ".repeat(before));
                l.push_str(s);
                l.push_str(&" ".repeat(after));
            }
            out.push_str(l.trim_end());
            out.push('\n');
        }
    };
    line(&head, true, &mut out);
    let rule: Vec<String> = cols.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(indent);
    out.push_str(&rule.join(&" ".repeat(SEP)));
    out.push('\n');
    for r in &rows {
        line(r, false, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::Inline;

    fn cell(s: &str) -> Vec<Inline> {
        vec![Inline::Text {
            text: s.into(),
            style: Default::default(),
            link: None,
        }]
    }

    fn table() -> Table {
        Table {
            align: vec![Align::Auto, Align::Auto],
            head: vec![cell("Indicator"), cell("Value")],
            rows: vec![
                vec![cell("Poverty"), cell("49%")],
                vec![cell("External debt"), cell("62.5%")],
            ],
            caption: Some(cell("Peru in 2001")),
            number: 1,
            label: "Table 1.".into(),
            continued: "Table 1 (continued)".into(),
            span: 0..0,
            row_spans: vec![0..0, 0..0],
        }
    }

    #[test]
    fn text_table_is_aligned() {
        let s = text(&table(), "");
        assert!(s.starts_with("Table 1. Peru in 2001\n\n"), "{s}");
        let lines: Vec<&str> = s.lines().skip(2).collect();
        assert_eq!(lines[0], "Indicator      Value");
        assert_eq!(lines[2], "Poverty          49%");
        assert_eq!(lines[3], "External debt  62.5%");
    }

    #[test]
    fn markdown_keeps_the_pipe_table() {
        let s = markdown(&table(), "");
        assert!(
            s.starts_with("| Indicator | Value |\n| --- | ---: |\n| Poverty | 49% |"),
            "{s}"
        );
        assert!(s.ends_with("\nTable: Peru in 2001\n"), "{s}");
    }
}
