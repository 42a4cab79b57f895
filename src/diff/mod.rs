//! The redline: two briefings' documents in, one document out with the
//! newer one's text and every difference from the older one marked on
//! its runs ([`crate::markup::Change`]), and the list of changes its
//! summary is made of. Plain data in and out: no I/O, no layout.
//!
//! Blocks are matched by what they are, not by where they stand
//! ([`matching`]): the masthead's fields, the bottom line and the
//! summary by their place; key figures by label, sections by heading,
//! recommendations by title (each, when its key changed, by the most
//! alike text: a renamed section is the same section); notes by key.
//! Inside a matched block, paragraphs and items are matched by text
//! ([`blocks`], where a paragraph that moved is marked as moved) and
//! diffed by word ([`words`]). [`summary`] writes the list of changes for
//! the page and for the cover e-mail.

pub mod blocks;
pub mod labels;
pub mod matching;
pub mod summary;
pub mod words;

use std::collections::HashMap;

use self::blocks::Found;
use crate::markup::{
    plain_text, Block, Change, ChangeKind, DocFigure, DocNote, DocRecommendation, DocSection,
    Document, Inline, InlineStyle,
};
use crate::model::Language;

/// What became of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Revised,
    Added,
    Removed,
}

/// One change the summary lists.
#[derive(Debug, Clone, PartialEq)]
pub enum What {
    /// A masthead field set as plain text (short title, series, date,
    /// marking, authors): old and new as printed.
    Field {
        name: &'static str,
        old: String,
        new: String,
    },
    Title,
    Subtitle,
    BottomLine,
    Summary {
        moved: usize,
    },
    Figure {
        label: String,
        old: Option<String>,
        new: Option<String>,
        state: State,
    },
    Section {
        heading: String,
        /// The heading it had, when it was renamed.
        renamed_from: Option<String>,
        state: State,
        moved: usize,
        /// Its text changed too (beside a new heading).
        revised_text: bool,
    },
    Recommendation {
        title: String,
        state: State,
    },
    Note {
        number: u32,
        state: State,
    },
}

/// A change and the id its marks carry (its place is `chg-{id}`).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: u32,
    pub what: What,
}

/// Every change, in the order of the document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Changes {
    /// The older version's date, as printed.
    pub since: Option<String>,
    pub entries: Vec<Entry>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The marked document and its changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Redline {
    pub doc: Document,
    pub changes: Changes,
}

struct Ids(u32);

impl Ids {
    fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
}

fn diff_opt(
    old: &Option<Vec<Inline>>,
    new: &Option<Vec<Inline>>,
    id: u32,
) -> (Option<Vec<Inline>>, bool) {
    match (old, new) {
        (Some(a), Some(b)) => {
            let (d, ch) = words::diff(a, b, id);
            (Some(d), ch)
        }
        (None, Some(b)) => (Some(words::mark(b, ChangeKind::Inserted, id)), true),
        (Some(a), None) => (Some(words::mark(a, ChangeKind::Deleted, id)), true),
        (None, None) => (None, false),
    }
}

fn keys_of(doc: &Document, numbers: &[u32]) -> Vec<String> {
    numbers
        .iter()
        .filter_map(|n| doc.notes.iter().find(|x| x.number == *n))
        .map(|x| x.key.clone())
        .collect()
}

/// NEW with its differences from OLD marked.
pub fn redline(old: &Document, new: &Document, lang: Language) -> Redline {
    let mut ids = Ids(0);
    let mut entries = Vec::new();
    let mut doc = new.clone();

    let id = ids.next();
    let (title, ch) = words::diff(&old.title, &new.title, id);
    doc.title = title;
    if ch {
        entries.push(Entry {
            id,
            what: What::Title,
        });
    }
    let id = ids.next();
    let (sub, ch) = diff_opt(&old.subtitle, &new.subtitle, id);
    doc.subtitle = sub;
    if ch {
        entries.push(Entry {
            id,
            what: What::Subtitle,
        });
    }
    let fields: [(&'static str, Option<String>, Option<String>); 5] = [
        (
            "short_title",
            old.short_title.clone(),
            new.short_title.clone(),
        ),
        ("series", old.series.clone(), new.series.clone()),
        ("date", old.date.clone(), new.date.clone()),
        ("marking", old.marking.clone(), new.marking.clone()),
        ("authors", authors(old), authors(new)),
    ];
    for (name, o, n) in fields {
        if o != n {
            entries.push(Entry {
                id: ids.next(),
                what: What::Field {
                    name,
                    old: o.unwrap_or_default(),
                    new: n.unwrap_or_default(),
                },
            });
        }
    }
    let id = ids.next();
    let (bl, ch) = diff_opt(&old.bottom_line, &new.bottom_line, id);
    doc.bottom_line = bl;
    if ch {
        entries.push(Entry {
            id,
            what: What::BottomLine,
        });
    }
    let id = ids.next();
    let mut found = Found::default();
    doc.summary = blocks::diff(&old.summary, &new.summary, id, &mut found);
    if found.changed {
        entries.push(Entry {
            id,
            what: What::Summary { moved: found.moved },
        });
    }

    let mut fig_keys = Vec::new();
    doc.figures = figures(old, new, lang, &mut ids, &mut entries, &mut fig_keys);
    doc.sections = sections(old, new, &mut ids, &mut entries);
    doc.recommendations = recommendations(old, new, &mut ids, &mut entries);
    let notes = notes(old, new, &mut ids);
    renumber(&mut doc, &fig_keys, notes, &mut entries);
    Redline {
        doc,
        changes: Changes {
            since: old.date.clone(),
            entries,
        },
    }
}

fn authors(d: &Document) -> Option<String> {
    let names: Vec<&str> = d.authors.iter().map(|a| a.0.as_str()).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

fn figures(
    old: &Document,
    new: &Document,
    lang: Language,
    ids: &mut Ids,
    entries: &mut Vec<Entry>,
    fig_keys: &mut Vec<Vec<String>>,
) -> Vec<DocFigure> {
    let label = |f: &DocFigure| plain_text(&f.label);
    let text = |f: &DocFigure| {
        let detail = f.detail.as_deref().map(plain_text).unwrap_or_default();
        format!("{} {detail}", plain_text(&f.label))
    };
    let mut out = Vec::new();
    for p in matching::pair(&old.figures, &new.figures, label, text, 0.6) {
        let id = ids.next();
        let change = |kind| Some(Change { kind, id });
        match (
            p.old.map(|i| &old.figures[i]),
            p.new.map(|j| &new.figures[j]),
        ) {
            (Some(a), Some(b)) => {
                let mut f = b.clone();
                let (l, c1) = words::diff(&a.label, &b.label, id);
                let (d, c2) = diff_opt(&a.detail, &b.detail, id);
                f.label = l;
                f.detail = d;
                let value = a.value != b.value;
                if value {
                    f.value_change = change(ChangeKind::Inserted);
                    f.was = Some(was(&a.value, id, lang));
                }
                let ak = keys_of(old, &a.notes);
                let bk = keys_of(new, &b.notes);
                if c1 || c2 || value || ak != bk || a.chart != b.chart {
                    entries.push(Entry {
                        id,
                        what: What::Figure {
                            label: plain_text(&b.label),
                            old: Some(a.value.clone()),
                            new: Some(b.value.clone()),
                            state: State::Revised,
                        },
                    });
                    if !(c1 || c2 || value) {
                        // Only its notes or chart changed: the value
                        // carries the mark.
                        f.value_change = change(ChangeKind::Inserted);
                    }
                }
                fig_keys.push(bk);
                out.push(f);
            }
            (None, Some(b)) => {
                let mut f = b.clone();
                f.value_change = change(ChangeKind::Inserted);
                f.label = words::mark(&b.label, ChangeKind::Inserted, id);
                f.detail = b
                    .detail
                    .as_ref()
                    .map(|d| words::mark(d, ChangeKind::Inserted, id));
                entries.push(Entry {
                    id,
                    what: What::Figure {
                        label: plain_text(&b.label),
                        old: None,
                        new: Some(b.value.clone()),
                        state: State::Added,
                    },
                });
                fig_keys.push(keys_of(new, &b.notes));
                out.push(f);
            }
            (Some(a), None) => {
                let mut f = a.clone();
                f.value_change = change(ChangeKind::Deleted);
                f.label = words::mark(&a.label, ChangeKind::Deleted, id);
                f.detail = a
                    .detail
                    .as_ref()
                    .map(|d| words::mark(d, ChangeKind::Deleted, id));
                entries.push(Entry {
                    id,
                    what: What::Figure {
                        label: plain_text(&a.label),
                        old: Some(a.value.clone()),
                        new: None,
                        state: State::Removed,
                    },
                });
                fig_keys.push(keys_of(old, &a.notes));
                out.push(f);
            }
            (None, None) => {}
        }
    }
    out
}

/// "was 47%": the word plain, the old value struck.
fn was(value: &str, id: u32, lang: Language) -> Vec<Inline> {
    vec![
        Inline::Text {
            text: format!("{} ", labels::words(lang).was),
            style: InlineStyle::default(),
            link: None,
        },
        Inline::Text {
            text: value.to_string(),
            style: InlineStyle {
                change: Some(Change {
                    kind: ChangeKind::Deleted,
                    id,
                }),
                ..Default::default()
            },
            link: None,
        },
    ]
}

fn sections(
    old: &Document,
    new: &Document,
    ids: &mut Ids,
    entries: &mut Vec<Entry>,
) -> Vec<DocSection> {
    let heading = |s: &DocSection| plain_text(&s.heading);
    let text = |s: &DocSection| blocks::text(&s.body);
    let mut out = Vec::new();
    for p in matching::pair(&old.sections, &new.sections, heading, text, 0.5) {
        let id = ids.next();
        match (
            p.old.map(|i| &old.sections[i]),
            p.new.map(|j| &new.sections[j]),
        ) {
            (Some(a), Some(b)) => {
                let (h, hc) = words::diff(&a.heading, &b.heading, id);
                let mut found = Found::default();
                let body = blocks::diff(&a.body, &b.body, id, &mut found);
                if hc || found.changed {
                    let (ah, bh) = (plain_text(&a.heading), plain_text(&b.heading));
                    entries.push(Entry {
                        id,
                        what: What::Section {
                            renamed_from: (ah != bh).then_some(ah),
                            heading: bh,
                            state: State::Revised,
                            moved: found.moved,
                            revised_text: found.changed,
                        },
                    });
                }
                let figures = figures_for(&b.figures, body.len());
                out.push(DocSection {
                    heading: h,
                    body,
                    figures,
                    boxed: b.boxed,
                });
            }
            (None, Some(b)) => {
                entries.push(Entry {
                    id,
                    what: What::Section {
                        heading: plain_text(&b.heading),
                        renamed_from: None,
                        state: State::Added,
                        moved: 0,
                        revised_text: false,
                    },
                });
                out.push(DocSection {
                    heading: words::mark(&b.heading, ChangeKind::Inserted, id),
                    body: blocks::mark(&b.body, ChangeKind::Inserted, id),
                    figures: b.figures.clone(),
                    boxed: b.boxed,
                });
            }
            (Some(a), None) => {
                entries.push(Entry {
                    id,
                    what: What::Section {
                        heading: plain_text(&a.heading),
                        renamed_from: None,
                        state: State::Removed,
                        moved: 0,
                        revised_text: false,
                    },
                });
                // A removed section's exhibits are not shown: its text,
                // struck, says what went.
                out.push(DocSection {
                    heading: words::mark(&a.heading, ChangeKind::Deleted, id),
                    body: blocks::mark(&a.body, ChangeKind::Deleted, id),
                    figures: Vec::new(),
                    boxed: a.boxed,
                });
            }
            (None, None) => {}
        }
    }
    out
}

/// NEW's exhibits of a revised section, each after the same paragraph
/// or, where deleted paragraphs shown in place moved the count, no later
/// than the section's end.
fn figures_for(
    figures: &[crate::markup::DocExhibit],
    len: usize,
) -> Vec<crate::markup::DocExhibit> {
    figures
        .iter()
        .map(|f| crate::markup::DocExhibit {
            after: f.after.min(len),
            ..f.clone()
        })
        .collect()
}

fn mark_rec(r: &DocRecommendation, kind: ChangeKind, id: u32) -> DocRecommendation {
    DocRecommendation {
        title: words::mark(&r.title, kind, id),
        owner: r.owner.as_ref().map(|o| words::mark(o, kind, id)),
        body: blocks::mark(&r.body, kind, id),
        actions: r.actions.iter().map(|a| words::mark(a, kind, id)).collect(),
        status: r.status.as_ref().map(|s| words::mark(s, kind, id)),
        audience: r.audience,
    }
}

fn recommendations(
    old: &Document,
    new: &Document,
    ids: &mut Ids,
    entries: &mut Vec<Entry>,
) -> Vec<DocRecommendation> {
    let title = |r: &DocRecommendation| plain_text(&r.title);
    let text = |r: &DocRecommendation| {
        let mut s = blocks::text(&r.body);
        for a in &r.actions {
            s.push_str(&plain_text(a));
            s.push('\n');
        }
        s
    };
    let mut out = Vec::new();
    let pairs = matching::pair(&old.recommendations, &new.recommendations, title, text, 0.5);
    for p in pairs {
        let id = ids.next();
        let a = p.old.map(|i| &old.recommendations[i]);
        let b = p.new.map(|j| &new.recommendations[j]);
        let (r, state) = match (a, b) {
            (Some(a), Some(b)) => {
                let (t, c1) = words::diff(&a.title, &b.title, id);
                let (o, c2) = diff_opt(&a.owner, &b.owner, id);
                let mut found = Found::default();
                let body = blocks::diff(&a.body, &b.body, id, &mut found);
                let actions = blocks::diff_lines(&a.actions, &b.actions, id, &mut found);
                let (st, c3) = diff_opt(&a.status, &b.status, id);
                let r = DocRecommendation {
                    title: t,
                    owner: o,
                    body,
                    actions,
                    status: st,
                    audience: b.audience,
                };
                (
                    r,
                    (c1 || c2 || c3 || found.changed).then_some(State::Revised),
                )
            }
            (None, Some(b)) => (mark_rec(b, ChangeKind::Inserted, id), Some(State::Added)),
            (Some(a), None) => (mark_rec(a, ChangeKind::Deleted, id), Some(State::Removed)),
            (None, None) => continue,
        };
        if let Some(state) = state {
            entries.push(Entry {
                id,
                what: What::Recommendation {
                    title: plain_text(b.or(a).map_or(&r.title, |x| &x.title)),
                    state,
                },
            });
        }
        out.push(r);
    }
    out
}

/// A note merged: its key, body and what became of it, with its id.
struct MergedNote {
    key: String,
    body: Vec<Block>,
    state: Option<State>,
    id: u32,
}

fn notes(old: &Document, new: &Document, ids: &mut Ids) -> Vec<MergedNote> {
    let mut out = Vec::new();
    for n in &new.notes {
        let id = ids.next();
        match old.notes.iter().find(|o| o.key == n.key) {
            Some(o) => {
                let mut found = Found::default();
                let body = blocks::diff(&o.body, &n.body, id, &mut found);
                out.push(MergedNote {
                    key: n.key.clone(),
                    body,
                    state: found.changed.then_some(State::Revised),
                    id,
                });
            }
            None => out.push(MergedNote {
                key: n.key.clone(),
                body: blocks::mark(&n.body, ChangeKind::Inserted, id),
                state: Some(State::Added),
                id,
            }),
        }
    }
    for o in &old.notes {
        if !new.notes.iter().any(|n| n.key == o.key) {
            let id = ids.next();
            out.push(MergedNote {
                key: o.key.clone(),
                body: blocks::mark(&o.body, ChangeKind::Deleted, id),
                state: Some(State::Removed),
                id,
            });
        }
    }
    out
}

/// Note numbers in the merged document's reading order (a removed
/// note is cited from struck text, so it keeps a number there).
struct Numbers {
    of: HashMap<String, u32>,
    order: Vec<String>,
}

impl Numbers {
    fn number(&mut self, key: &str) -> u32 {
        if let Some(n) = self.of.get(key) {
            return *n;
        }
        self.order.push(key.to_string());
        let n = self.order.len() as u32;
        self.of.insert(key.to_string(), n);
        n
    }

    fn inlines(&mut self, inl: &mut [Inline]) {
        for i in inl {
            if let Inline::NoteRef { key, number } = i {
                *number = self.number(key);
            }
        }
    }

    fn blocks(&mut self, bl: &mut [Block]) {
        for b in bl {
            match b {
                Block::Para(i) => self.inlines(i),
                Block::List { items, .. } => items.iter_mut().for_each(|it| self.blocks(it)),
                Block::Table(t) => t
                    .caption
                    .iter_mut()
                    .chain(t.head.iter_mut())
                    .chain(t.rows.iter_mut().flatten())
                    .for_each(|c| self.inlines(c)),
            }
        }
    }
}

fn renumber(
    doc: &mut Document,
    fig_keys: &[Vec<String>],
    mut notes: Vec<MergedNote>,
    entries: &mut Vec<Entry>,
) {
    let mut nums = Numbers {
        of: HashMap::new(),
        order: Vec::new(),
    };
    if let Some(bl) = &mut doc.bottom_line {
        nums.inlines(bl);
    }
    nums.blocks(&mut doc.summary);
    for (f, keys) in doc.figures.iter_mut().zip(fig_keys) {
        nums.inlines(&mut f.label);
        f.notes = keys.iter().map(|k| nums.number(k)).collect();
        if let Some(d) = &mut f.detail {
            nums.inlines(d);
        }
    }
    for s in &mut doc.sections {
        nums.inlines(&mut s.heading);
        nums.blocks(&mut s.body);
    }
    for r in &mut doc.recommendations {
        nums.inlines(&mut r.title);
        nums.blocks(&mut r.body);
        r.actions.iter_mut().for_each(|a| nums.inlines(a));
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < nums.order.len() {
        let key = nums.order[i].clone();
        if let Some(k) = notes.iter().position(|n| n.key == key) {
            let mut n = notes.swap_remove(k);
            nums.blocks(&mut n.body);
            let number = (i + 1) as u32;
            if let Some(state) = n.state {
                entries.push(Entry {
                    id: n.id,
                    what: What::Note { number, state },
                });
            }
            out.push(DocNote {
                number,
                key,
                body: n.body,
            });
        }
        i += 1;
    }
    doc.notes = out;
}
