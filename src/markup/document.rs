//! The whole briefing as rich text, with its notes numbered in reading
//! order and every reference checked against `[notes]`.

use std::collections::{HashMap, VecDeque};

use super::markdown::{
    line_note_refs, note_refs, parse_blocks, parse_line, parse_plain, Ctx, SpanMap,
};
use super::smart::{smarten, Smart};
use super::{Block, Inline};
use crate::diag::{Diagnostic, Diagnostics, Source};
use crate::model::{Briefing, Chart, Exhibit, Field, FigureWidth};

#[derive(Debug, Clone, PartialEq)]
pub struct DocFigure {
    pub value: String,
    pub label: Vec<Inline>,
    pub detail: Option<Vec<Inline>>,
    /// Numbers of the notes the figure cites through its `note` key.
    pub notes: Vec<u32>,
    pub chart: Option<Chart>,
    /// In a redline: the value's own change (a figure added or removed),
    /// and the older value ("was 47%", the old value deleted) when it
    /// changed.
    pub value_change: Option<super::Change>,
    pub was: Option<Vec<Inline>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocSection {
    pub heading: Vec<Inline>,
    pub body: Vec<Block>,
    /// Its exhibits, in the order they are set.
    pub figures: Vec<DocExhibit>,
    /// Set as a sidebar ("Box 1."); boxes are numbered in reading order,
    /// apart from figures and tables (see [`Document::box_numbers`]).
    pub boxed: bool,
}

/// A section figure as it is set: numbered in reading order, after the
/// block `after` counts (the section's end by default).
#[derive(Debug, Clone, PartialEq)]
pub struct DocExhibit {
    /// "Figure n": counted from 1 across the briefing.
    pub number: u32,
    /// How many of the section's blocks come before it.
    pub after: usize,
    pub title: Vec<Inline>,
    /// The source line's text (after the language's "Source:").
    pub source: Option<Vec<Inline>>,
    /// Numbers of the notes the figure cites through its `note` key.
    pub notes: Vec<u32>,
    pub width: FigureWidth,
    pub alt: Option<String>,
    pub exhibit: Exhibit,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocRecommendation {
    pub title: Vec<Inline>,
    pub owner: Option<Vec<Inline>>,
    pub body: Vec<Block>,
    pub actions: Vec<Vec<Inline>>,
    /// Where it stands ("DOE agreed"), printed under the owner.
    pub status: Option<Vec<Inline>>,
    pub audience: Option<crate::model::Audience>,
}

/// The publisher as the masthead and the contact box set it.
#[derive(Debug, Clone, PartialEq)]
pub struct DocPublisher {
    pub name: Option<String>,
    pub url: Option<String>,
    pub logo: Option<std::sync::Arc<crate::model::Image>>,
    /// Who to contact, as blocks (set in a box).
    pub contact: Option<Vec<Block>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocNote {
    pub number: u32,
    pub key: String,
    pub body: Vec<Block>,
}

/// Everything the layout sets, as styled runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: Vec<Inline>,
    pub short_title: Option<String>,
    pub subtitle: Option<Vec<Inline>>,
    pub series: Option<String>,
    pub date: Option<String>,
    pub marking: Option<String>,
    pub authors: Vec<(String, Option<String>)>,
    pub bottom_line: Option<Vec<Inline>>,
    pub summary: Vec<Block>,
    pub figures: Vec<DocFigure>,
    pub sections: Vec<DocSection>,
    pub recommendations: Vec<DocRecommendation>,
    /// Printed notes, in number order.
    pub notes: Vec<DocNote>,
    /// "Condensed from …" credit, when the briefing names its source.
    pub source_credit: Option<Vec<Inline>>,
    /// In a redline: the summary of the changes, boxed at the top of
    /// page 1.
    pub changes: Option<ChangesBox>,
    pub publisher: Option<DocPublisher>,
}

impl Document {
    /// Each section's box number ("Box 2."), `None` for running sections.
    pub fn box_numbers(&self) -> Vec<Option<u32>> {
        let mut n = 0;
        self.sections
            .iter()
            .map(|s| {
                s.boxed.then(|| {
                    n += 1;
                    n
                })
            })
            .collect()
    }

    /// Whether the recommendations are grouped by audience (any has one):
    /// then `recommendations` holds them in the order they print,
    /// congress's first, then the executive's, then the others.
    pub fn grouped_recommendations(&self) -> bool {
        self.recommendations.iter().any(|r| r.audience.is_some())
    }

    /// For each recommendation, the group it opens (its audience, `None`
    /// for the others' group) when the recommendations are grouped and it
    /// is the first of its group: where a group's heading goes.
    pub fn group_openings(&self) -> Vec<Option<Option<crate::model::Audience>>> {
        let grouped = self.grouped_recommendations();
        let recs = &self.recommendations;
        (0..recs.len())
            .map(|i| {
                let opens = grouped && (i == 0 || recs[i - 1].audience != recs[i].audience);
                opens.then_some(recs[i].audience)
            })
            .collect()
    }
}

/// The redline's summary of changes as the layout sets it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangesBox {
    /// "Changes since 13 August 2001".
    pub heading: String,
    pub body: Vec<Block>,
}

/// Builds the document; reports markdown and note errors and warnings.
pub fn build(b: &Briefing, source: &Source) -> (Document, Diagnostics) {
    let mut diags = Diagnostics::default();
    let ctx = Ctx {
        lang: b.language,
        source,
        tables: false,
    };
    // Pipe tables stand in sections' and recommendations' text only.
    let tables = Ctx {
        tables: true,
        ..ctx
    };
    let mut table_count = 0;
    let line = |f: &Field, notes: bool, d: &mut Diagnostics| parse_line(f, ctx, notes, d);
    let plain = |f: &Field, d: &mut Diagnostics| parse_plain(f, ctx, d);
    let short_title = b.short_title.as_ref().map(|f| plain(f, &mut diags));
    let series = b.series.as_ref().map(|f| plain(f, &mut diags));
    let marking = b.marking.as_ref().map(|f| plain(f, &mut diags));
    let authors = b
        .authors
        .iter()
        .map(|a| {
            let name = plain(&a.name, &mut diags);
            (name, a.role.as_ref().map(|r| plain(r, &mut diags)))
        })
        .collect();

    let mut doc = Document {
        title: line(&b.title, false, &mut diags),
        short_title,
        subtitle: b.subtitle.as_ref().map(|f| line(f, false, &mut diags)),
        series,
        date: b
            .date
            .map(|d| b.language.format_date(d.year, d.month, d.day)),
        marking,
        authors,
        bottom_line: b
            .summary
            .bottom_line
            .as_ref()
            .map(|f| line(f, true, &mut diags)),
        summary: parse_blocks(&b.summary.text, ctx, &mut diags),
        figures: Vec::new(),
        sections: Vec::new(),
        recommendations: Vec::new(),
        notes: Vec::new(),
        source_credit: None,
        changes: None,
        publisher: None,
    };

    // Numbering walks the printed order; a figure's `note` counts where the
    // figure stands.
    let mut numbers = Numbering::new(b, source);
    if let Some(bl) = &mut doc.bottom_line {
        numbers.inlines(bl, &b.summary.bottom_line, Written::Line, &mut diags);
    }
    numbers.blocks(&mut doc.summary, &b.summary.text, ctx, &mut diags);
    for f in &b.figures {
        let mut label = line(&f.label, true, &mut diags);
        numbers.inlines(
            &mut label,
            &Some(f.label.clone()),
            Written::Line,
            &mut diags,
        );
        // The card prints its `note` markers right after the label, before
        // the detail: they are numbered there.
        let notes = f
            .notes
            .iter()
            .filter_map(|k| {
                let span = key_span(source, k.span.clone(), &k.text);
                numbers.cite(&k.text, span, &mut diags)
            })
            .collect();
        let mut detail = f.detail.as_ref().map(|d| line(d, true, &mut diags));
        if let Some(d) = &mut detail {
            numbers.inlines(d, &f.detail, Written::Line, &mut diags);
        }
        doc.figures.push(DocFigure {
            value: smarten(&f.value.text, b.language, &mut Smart::default()),
            label,
            detail,
            notes,
            chart: f.chart.clone(),
            value_change: None,
            was: None,
        });
    }
    let mut figure_number = 0;
    for s in &b.sections {
        let mut heading = line(&s.heading, true, &mut diags);
        numbers.inlines(
            &mut heading,
            &Some(s.heading.clone()),
            Written::Line,
            &mut diags,
        );
        let mut body = parse_blocks(&s.text, tables, &mut diags);
        number_tables(&mut body, &mut table_count, b.language);
        // Figures in the order they stand, each numbered (and its notes
        // counted) after the blocks before it.
        let mut order: Vec<(usize, &crate::model::SectionFigure)> = Vec::new();
        for f in &s.figures {
            let after = match &f.after {
                None => body.len(),
                Some((n, span)) if *n > body.len() => {
                    diags.push(
                        Diagnostic::error(
                            "E0028",
                            format!(
                                "`after = {n}`, but section “{}” has {} paragraph{}",
                                s.heading.text,
                                body.len(),
                                if body.len() == 1 { "" } else { "s" }
                            ),
                        )
                        .at(span.clone())
                        .help(format!(
                            "use a number from 1 to {}, or leave `after` out to set the figure at the section's end",
                            body.len().max(1)
                        )),
                    );
                    body.len()
                }
                Some((n, _)) => *n,
            };
            order.push((after, f));
        }
        order.sort_by_key(|(a, _)| *a);
        let mut figures = Vec::new();
        let mut done = 0;
        for (after, f) in order {
            numbers.blocks_of(
                &mut body[done..after],
                &Some(s.text.clone()),
                tables,
                &mut diags,
            );
            done = after;
            let saved = numbers.cursor.take();
            figure_number += 1;
            let title = line(&f.title, false, &mut diags);
            let notes = f
                .notes
                .iter()
                .filter_map(|k| {
                    let span = key_span(source, k.span.clone(), &k.text);
                    numbers.cite(&k.text, span, &mut diags)
                })
                .collect();
            // The source line takes inline markdown (a title in italics).
            let mut src = f
                .source
                .as_ref()
                .map(|x| flatten(parse_blocks(x, ctx, &mut diags)));
            if let Some(x) = &mut src {
                numbers.inlines(x, &f.source, Written::Markdown(ctx), &mut diags);
            }
            numbers.cursor = saved;
            figures.push(DocExhibit {
                number: figure_number,
                after,
                title,
                source: src,
                notes,
                width: f.width,
                alt: f.alt.clone(),
                exhibit: f.exhibit.clone(),
            });
        }
        numbers.blocks_of(&mut body[done..], &Some(s.text.clone()), tables, &mut diags);
        doc.sections.push(DocSection {
            heading,
            body,
            figures,
            boxed: s.boxed,
        });
    }
    // Recommendations are numbered (notes too) in the order they print:
    // grouped by audience when any has one.
    let mut recs: Vec<&crate::model::Recommendation> = b.recommendations.iter().collect();
    if recs.iter().any(|r| r.audience.is_some()) {
        recs.sort_by_key(|r| match r.audience {
            Some(crate::model::Audience::Congress) => 0,
            Some(crate::model::Audience::Executive) => 1,
            None => 2,
        });
    }
    for r in recs {
        let mut title = line(&r.title, true, &mut diags);
        numbers.inlines(
            &mut title,
            &Some(r.title.clone()),
            Written::Line,
            &mut diags,
        );
        let owner = r.owner.as_ref().map(|o| line(o, false, &mut diags));
        let mut body = match &r.text {
            Some(t) => parse_blocks(t, tables, &mut diags),
            None => Vec::new(),
        };
        number_tables(&mut body, &mut table_count, b.language);
        if let Some(t) = &r.text {
            numbers.blocks(&mut body, t, tables, &mut diags);
        }
        let mut actions = Vec::new();
        for a in &r.actions {
            let blocks = parse_blocks(a, ctx, &mut diags);
            let mut inl = flatten(blocks);
            numbers.inlines(
                &mut inl,
                &Some(a.clone()),
                Written::Markdown(ctx),
                &mut diags,
            );
            actions.push(inl);
        }
        // The status takes inline markdown, as the source line does.
        let mut status = r
            .status
            .as_ref()
            .map(|s| flatten(parse_blocks(s, ctx, &mut diags)));
        if let Some(st) = &mut status {
            numbers.inlines(st, &r.status, Written::Markdown(ctx), &mut diags);
        }
        doc.recommendations.push(DocRecommendation {
            title,
            owner,
            body,
            actions,
            status,
            audience: r.audience,
        });
    }

    // The contact line prints after the recommendations' matter (or on
    // page 1 when it fits): its notes count last.
    doc.publisher = b.publisher.as_ref().map(|p| {
        let contact = p.contact.as_ref().map(|c| {
            let mut blocks = parse_blocks(c, ctx, &mut diags);
            numbers.blocks(&mut blocks, c, ctx, &mut diags);
            blocks
        });
        crate::markup::DocPublisher {
            name: p.name.as_ref().map(|n| plain(n, &mut diags)),
            url: p.url.clone(),
            logo: p.logo.as_ref().map(|(im, _)| im.clone()),
            contact,
        }
    });

    // Notes: each printed note's text may cite further notes, numbered after.
    let mut i = 0;
    while i < numbers.order.len() {
        let key = numbers.order[i].clone();
        let n = &b.notes[numbers.index[&key]];
        let mut body = parse_blocks(&n.text, ctx, &mut diags);
        numbers.blocks(&mut body, &n.text, ctx, &mut diags);
        doc.notes.push(DocNote {
            number: (i + 1) as u32,
            key,
            body,
        });
        i += 1;
    }
    for n in &b.notes {
        if !numbers.numbers.contains_key(&n.key.text) {
            diags.push(
                Diagnostic::warning(
                    "W0001",
                    format!(
                        "note `{}` is never referenced and will not be printed",
                        n.key.text
                    ),
                )
                .at(n.key.span.clone())
                .help(format!("cite it with [^{}] or remove it", n.key.text)),
            );
        }
    }
    doc.source_credit = b.source.as_ref().map(|s| {
        let lang = b.language;
        let labels = lang.labels();
        let mut text = format!("{} ", labels.condensed_from);
        let title = smarten(&s.title.text, lang, &mut Smart::default());
        let mut out = vec![Inline::Text {
            text: text.clone(),
            style: Default::default(),
            link: None,
        }];
        out.push(Inline::Text {
            text: title,
            style: super::InlineStyle {
                italic: true,
                // `source.language`: the title read in its own voice.
                lang: s.language.filter(|t| *t != b.lang_tag),
                ..Default::default()
            },
            link: s.url.clone(),
        });
        text.clear();
        if let Some(num) = &s.number {
            text.push_str(&format!(" ({num})"));
        }
        if !s.authors.is_empty() {
            text.push_str(&format!(", {} {}", labels.by, join_names(&s.authors, lang)));
        }
        if let Some(p) = &s.publisher {
            text.push_str(&format!(", {}", smarten(p, lang, &mut Smart::default())));
        }
        if let Some(d) = s.date {
            text.push_str(&format!(", {}", lang.format_date(d.year, d.month, d.day)));
        }
        text.push('.');
        out.push(Inline::Text {
            text,
            style: Default::default(),
            link: None,
        });
        if let Some(url) = &s.url {
            out.push(Inline::Text {
                text: format!(" {url}"),
                style: Default::default(),
                link: Some(url.clone()),
            });
        }
        out
    });
    (doc, diags)
}

/// Where a figure's note key stands: TOML gives the span of the whole
/// `note` value, which may be an array of keys.
fn key_span(source: &Source, whole: std::ops::Range<usize>, key: &str) -> std::ops::Range<usize> {
    let Some(text) = source.text.get(whole.clone()) else {
        return whole;
    };
    for q in ['"', '\''] {
        let quoted = format!("{q}{key}{q}");
        if let Some(i) = text.find(&quoted) {
            return whole.start + i..whole.start + i + quoted.len();
        }
    }
    whole
}

fn join_names(names: &[String], lang: crate::model::Language) -> String {
    let and = match lang {
        crate::model::Language::Es => "y",
        crate::model::Language::Fr => "et",
        crate::model::Language::De => "und",
        crate::model::Language::Pt => "e",
        _ => "and",
    };
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n => format!("{} {and} {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

/// Numbers the tables of some blocks in reading order, after `count`.
fn number_tables(blocks: &mut [Block], count: &mut u32, lang: crate::model::Language) {
    for b in blocks {
        match b {
            Block::Table(t) => {
                *count += 1;
                t.number = *count;
                let l = lang.labels();
                t.label = format!("{} {}.", l.table, t.number);
                t.continued = format!("{} {} {}", l.table, t.number, l.continued);
            }
            Block::List { items, .. } => {
                for item in items {
                    number_tables(item, count, lang);
                }
            }
            Block::Para(_) => {}
        }
    }
}

/// The inline content of blocks, paragraphs joined by a space.
fn flatten(blocks: Vec<Block>) -> Vec<Inline> {
    // One paragraph (an action, a source line, a status): its inlines as
    // they are, not copied into a list grown by doubling.
    if let [Block::Para(_)] = blocks.as_slice() {
        if let Some(Block::Para(inl)) = blocks.into_iter().next() {
            return inl;
        }
        return Vec::new();
    }
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Para(inl) => {
                if !out.is_empty() {
                    out.push(Inline::Text {
                        text: " ".into(),
                        style: Default::default(),
                        link: None,
                    });
                }
                out.extend(inl);
            }
            Block::List { items, .. } => {
                for item in items {
                    out.extend(flatten(item));
                }
            }
            Block::Table(_) => {}
        }
    }
    out
}

struct Numbering<'a> {
    index: HashMap<String, usize>,
    numbers: HashMap<String, u32>,
    order: Vec<String>,
    source: &'a Source,
    keys: Vec<String>,
    /// The field being numbered (by where its text starts in the file),
    /// and once one of its references proves undefined, where each of its
    /// references stands: a repeated key is reported at each of its uses,
    /// and a field is read for them once, only when one is wrong.
    cursor: Option<Cursor>,
}

/// How a field's text is read: as one line (`[^key]` anywhere is a
/// reference) or as markdown (not in a code span, say).
#[derive(Clone, Copy)]
enum Written<'c> {
    Line,
    Markdown(Ctx<'c>),
}

/// Where the references of the field being numbered stand.
struct Cursor {
    start: usize,
    found: Option<(SpanMap, HashMap<String, VecDeque<usize>>)>,
}

impl<'a> Numbering<'a> {
    fn new(b: &Briefing, source: &'a Source) -> Self {
        Numbering {
            index: b
                .notes
                .iter()
                .enumerate()
                .map(|(i, n)| (n.key.text.clone(), i))
                .collect(),
            numbers: HashMap::new(),
            order: Vec::new(),
            source,
            keys: b.notes.iter().map(|n| n.key.text.clone()).collect(),
            cursor: None,
        }
    }

    fn cite(
        &mut self,
        key: &str,
        span: std::ops::Range<usize>,
        diags: &mut Diagnostics,
    ) -> Option<u32> {
        if let Some(n) = self.numbers.get(key) {
            return Some(*n);
        }
        if !self.index.contains_key(key) {
            let mut d =
                Diagnostic::error("E0005", format!("note `{key}` is not defined in [notes]"))
                    .at(span);
            if let Some(best) =
                crate::model::suggest::closest(key, self.keys.iter().map(String::as_str))
            {
                d = d.label(format!("did you mean `{best}`?"));
            } else {
                d = d.help(format!("add it under [notes]: {key} = \"…\""));
            }
            diags.push(d);
            return None;
        }
        self.order.push(key.to_string());
        let n = self.order.len() as u32;
        self.numbers.insert(key.to_string(), n);
        Some(n)
    }

    fn inlines(
        &mut self,
        inl: &mut [Inline],
        field: &Option<Field>,
        how: Written,
        diags: &mut Diagnostics,
    ) {
        if let Some(f) = field {
            if !matches!(&self.cursor, Some(c) if c.start == f.span.start) {
                self.cursor = Some(Cursor {
                    start: f.span.start,
                    found: None,
                });
            }
        }
        for i in inl.iter_mut() {
            if let Inline::NoteRef { key, number } = i {
                let known = self.numbers.contains_key(key) || self.index.contains_key(key);
                let span = match field {
                    // The span is only read to report a key not defined.
                    _ if known => 0..0,
                    Some(f) => self.locate(key, f, how),
                    None => 0..0,
                };
                *number = self.cite(key, span, diags).unwrap_or(0);
            }
        }
    }

    /// Where the next use of the undefined `key` stands in `field`.
    fn locate(&mut self, key: &str, f: &Field, how: Written) -> std::ops::Range<usize> {
        let Some(cursor) = &mut self.cursor else {
            return f.span.clone();
        };
        let source = self.source;
        let (map, refs) = cursor.found.get_or_insert_with(|| {
            let all = match how {
                Written::Line => line_note_refs(&f.text),
                Written::Markdown(ctx) => note_refs(f, ctx),
            };
            let mut refs: HashMap<String, VecDeque<usize>> = HashMap::new();
            for (k, at) in all {
                refs.entry(k).or_default().push_back(at);
            }
            (SpanMap::new(f, source), refs)
        });
        let mark = format!("[^{key}]");
        match refs.get_mut(key).and_then(VecDeque::pop_front) {
            Some(at) if f.text.get(at..).is_some_and(|t| t.starts_with(&mark)) => {
                map.map(at..at + mark.len())
            }
            _ => f.span.clone(),
        }
    }

    fn blocks(&mut self, blocks: &mut [Block], field: &Field, ctx: Ctx, diags: &mut Diagnostics) {
        self.blocks_of(blocks, &Some(field.clone()), ctx, diags);
    }

    fn blocks_of(
        &mut self,
        blocks: &mut [Block],
        field: &Option<Field>,
        ctx: Ctx,
        diags: &mut Diagnostics,
    ) {
        let how = Written::Markdown(ctx);
        for b in blocks {
            match b {
                Block::Para(inl) => self.inlines(inl, field, how, diags),
                Block::List { items, .. } => {
                    for item in items {
                        self.blocks_of(item, field, ctx, diags);
                    }
                }
                // Read as printed: the caption over the table, then the
                // header and the rows.
                Block::Table(t) => {
                    if let Some(c) = &mut t.caption {
                        self.inlines(c, field, how, diags);
                    }
                    for cell in t.head.iter_mut().chain(t.rows.iter_mut().flatten()) {
                        self.inlines(cell, field, how, diags);
                    }
                }
            }
        }
    }
}
