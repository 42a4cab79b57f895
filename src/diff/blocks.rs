//! Paragraphs and list items of two matched blocks: kept ones found by
//! their text, changed ones paired with the most alike old one and
//! diffed by word, new ones marked inserted, old ones struck in place,
//! and a paragraph that moved marked as moved where it now stands.

use similar::{capture_diff_slices, Algorithm, DiffTag};

use super::words::{self, similarity};
use crate::markup::{plain_text, Block, Change, ChangeKind, Inline, InlineStyle};

/// A paragraph or item this alike to an old one elsewhere has moved.
const MOVED: f32 = 0.85;
/// A new paragraph this alike to an old one in its place is that one,
/// revised.
const REVISED: f32 = 0.4;

/// What a block diff found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Found {
    pub changed: bool,
    pub moved: usize,
}

/// The plain text of blocks (note references as their keys).
pub fn text(blocks: &[Block]) -> String {
    let mut s = String::new();
    for b in blocks {
        match b {
            Block::Para(i) => {
                s.push_str(&inline_text(i));
                s.push('\n');
            }
            Block::List { items, .. } => {
                for it in items {
                    s.push_str(&text(it));
                }
            }
            Block::Table(t) => {
                for c in t.texts() {
                    s.push_str(&inline_text(c));
                    s.push('\n');
                }
            }
        }
    }
    s
}

pub fn inline_text(inl: &[Inline]) -> String {
    let mut s = plain_text(inl);
    for i in inl {
        if let Inline::NoteRef { key, .. } = i {
            s.push_str(&format!(" [^{key}]"));
        }
    }
    s
}

/// Every run of blocks marked with one change.
pub fn mark(blocks: &[Block], kind: ChangeKind, id: u32) -> Vec<Block> {
    blocks
        .iter()
        .map(|b| match b {
            Block::Para(i) => Block::Para(words::mark(i, kind, id)),
            Block::List {
                ordered,
                start,
                items,
            } => Block::List {
                ordered: *ordered,
                start: *start,
                items: items.iter().map(|it| mark(it, kind, id)).collect(),
            },
            Block::Table(t) => Block::Table(Box::new(table_cells((**t).clone(), |c| {
                words::mark(&c, kind, id)
            }))),
        })
        .collect()
}

/// A table with `f` applied to its caption and every cell.
fn table_cells(
    mut t: crate::markup::Table,
    f: impl Fn(Vec<Inline>) -> Vec<Inline>,
) -> crate::markup::Table {
    t.caption = t.caption.take().map(&f);
    for c in t.head.iter_mut().chain(t.rows.iter_mut().flatten()) {
        *c = f(std::mem::take(c));
    }
    t
}

/// Runs no other change marks, marked moved.
fn mark_moved(blocks: Vec<Block>, id: u32) -> Vec<Block> {
    let moved = Change {
        kind: ChangeKind::Moved,
        id,
    };
    blocks
        .into_iter()
        .map(|b| match b {
            Block::Para(i) => Block::Para(
                i.into_iter()
                    .map(|x| match x {
                        Inline::Text { text, style, link } if style.change.is_none() => {
                            Inline::Text {
                                text,
                                style: InlineStyle {
                                    change: Some(moved),
                                    ..style
                                },
                                link,
                            }
                        }
                        other => other,
                    })
                    .collect(),
            ),
            Block::List {
                ordered,
                start,
                items,
            } => Block::List {
                ordered,
                start,
                items: items.into_iter().map(|it| mark_moved(it, id)).collect(),
            },
            // A table is not marked as moved.
            t @ Block::Table(_) => t,
        })
        .collect()
}

/// Two blocks of the same kind diffed (a paragraph by word, a list by
/// item); `None` when their kinds differ.
fn pair(old: &Block, new: &Block, id: u32, found: &mut Found) -> Option<Block> {
    match (old, new) {
        (Block::Para(a), Block::Para(b)) => {
            let (d, ch) = words::diff(a, b, id);
            found.changed |= ch;
            Some(Block::Para(d))
        }
        (
            Block::List { items: a, .. },
            Block::List {
                ordered,
                start,
                items: b,
            },
        ) => {
            let items = seq(a, b, id, found, &|it: &Vec<Block>| text(it), &|x, y, f| {
                Some(diff(x, y, id, f))
            });
            Some(Block::List {
                ordered: *ordered,
                start: *start,
                items,
            })
        }
        // A table of the same shape is diffed cell by cell; one whose
        // columns or rows changed in number is replaced whole.
        (Block::Table(a), Block::Table(b))
            if a.head.len() == b.head.len()
                && a.rows.len() == b.rows.len()
                && a.caption.is_some() == b.caption.is_some() =>
        {
            let mut t = (**b).clone();
            let old_cells = a
                .caption
                .iter()
                .chain(&a.head)
                .chain(a.rows.iter().flatten());
            let new_cells = t
                .caption
                .iter_mut()
                .chain(t.head.iter_mut())
                .chain(t.rows.iter_mut().flatten());
            for (o, n) in old_cells.zip(new_cells) {
                let (d, ch) = words::diff(o, n, id);
                found.changed |= ch;
                *n = d;
            }
            Some(Block::Table(Box::new(t)))
        }
        _ => None,
    }
}

type Pairer<'a, T> = dyn Fn(&T, &T, &mut Found) -> Option<T> + 'a;

/// A sequence diffed: kept units by equal text, the rest paired by
/// similarity within their stretch, moved ones found across stretches.
fn seq<T: Clone + Markable>(
    old: &[T],
    new: &[T],
    id: u32,
    found: &mut Found,
    sig: &dyn Fn(&T) -> String,
    pairer: &Pairer<T>,
) -> Vec<T> {
    let os: Vec<String> = old.iter().map(sig).collect();
    let ns: Vec<String> = new.iter().map(sig).collect();
    let ops = capture_diff_slices(Algorithm::Myers, &os, &ns);
    // Old units in no kept stretch, and new ones, by stretch.
    let mut stretches: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    let mut kept_new = vec![None; new.len()];
    // The end of the old units of each new unit's stretch: removed ones
    // print before the inserted ones that took their place.
    let mut old_end = vec![0; new.len()];
    for op in &ops {
        let (tag, o, n) = op.as_tag_tuple();
        for j in n.clone() {
            old_end[j] = o.end;
        }
        if tag == DiffTag::Equal {
            for (i, j) in o.zip(n) {
                kept_new[j] = Some(i);
            }
        } else {
            stretches.push((o.collect(), n.collect()));
        }
    }
    let mut partner: Vec<Option<usize>> = vec![None; new.len()];
    let mut moved_new = vec![false; new.len()];
    let mut used = vec![false; old.len()];
    // Moved: nearly the same text in another stretch. Only a candidate
    // of about the same length that keeps its first or last words is
    // diffed: a moved paragraph keeps most of itself, and a whole-text
    // diff of every pair would be quadratic in the paragraphs changed.
    let heads: Vec<(usize, Vec<&str>, Vec<&str>)> = os.iter().map(|t| ends(t)).collect();
    for (si, (_, ns_)) in stretches.iter().enumerate() {
        for &j in ns_ {
            let (nl, nh, nt) = ends(&ns[j]);
            let best = stretches
                .iter()
                .enumerate()
                .filter(|(sk, _)| *sk != si)
                .flat_map(|(_, (os_, _))| os_.iter().copied())
                .filter(|&i| !used[i])
                .filter(|&i| {
                    let (ol, oh, ot) = &heads[i];
                    let (a, b) = (*ol.min(&nl) as f32, *ol.max(&nl) as f32);
                    a >= b * 0.85 && (*oh == nh || *ot == nt)
                })
                .map(|i| (similarity(&os[i], &ns[j]), i))
                .filter(|(s, _)| *s >= MOVED)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((_, i)) = best {
                used[i] = true;
                partner[j] = Some(i);
                moved_new[j] = true;
            }
        }
    }
    // Revised: the old unit in the same place of the stretch when it is
    // alike enough (an edited paragraph stays where it was: one diff, not
    // one with every old unit), else the most alike old unit there.
    for (os_, ns_) in &stretches {
        for (k, &j) in ns_.iter().enumerate() {
            if partner[j].is_some() {
                continue;
            }
            if let Some(&i) = os_.get(k) {
                if !used[i] && similarity(&os[i], &ns[j]) >= REVISED {
                    used[i] = true;
                    partner[j] = Some(i);
                }
            }
        }
        for &j in ns_ {
            if partner[j].is_some() {
                continue;
            }
            let best = os_
                .iter()
                .copied()
                .filter(|&i| !used[i])
                .map(|i| (similarity(&os[i], &ns[j]), i))
                .filter(|(s, _)| *s >= REVISED)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((_, i)) = best {
                used[i] = true;
                partner[j] = Some(i);
            }
        }
    }
    let mut out = Vec::with_capacity(new.len());
    let mut kept = vec![false; old.len()];
    for i in kept_new.iter().flatten() {
        kept[*i] = true;
    }
    // Removed units print in their old order, each once: a cursor moves
    // over the old ones.
    let mut next = 0;
    let mut flush = |upto: usize, out: &mut Vec<T>, found: &mut Found| {
        while next < upto.min(old.len()) {
            let i = next;
            next += 1;
            if !used[i] && !kept[i] {
                found.changed = true;
                out.push(old[i].marked(ChangeKind::Deleted, id));
            }
        }
    };
    for j in 0..new.len() {
        let from = kept_new[j].or(if moved_new[j] { None } else { partner[j] });
        if let Some(i) = from {
            flush(i, &mut out, found);
        }
        if kept_new[j].is_some() {
            out.push(new[j].clone());
            continue;
        }
        match partner[j] {
            Some(i) => {
                let mut f = Found::default();
                let mut unit = pairer(&old[i], &new[j], &mut f)
                    .unwrap_or_else(|| new[j].marked(ChangeKind::Inserted, id));
                if moved_new[j] {
                    unit = unit.moved(id);
                    found.moved += 1;
                }
                found.changed |= f.changed || moved_new[j];
                found.moved += f.moved;
                out.push(unit);
            }
            None => {
                flush(old_end[j], &mut out, found);
                found.changed = true;
                out.push(new[j].marked(ChangeKind::Inserted, id));
            }
        }
    }
    flush(old.len(), &mut out, found);
    out
}

/// A text's length in words, and its first and last few words.
fn ends(text: &str) -> (usize, Vec<&str>, Vec<&str>) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let k = words.len().min(6);
    (
        words.len(),
        words[..k].to_vec(),
        words[words.len() - k..].to_vec(),
    )
}

/// A unit of a sequence that can be marked whole.
trait Markable: Sized {
    fn marked(&self, kind: ChangeKind, id: u32) -> Self;
    fn moved(self, id: u32) -> Self;
}

impl Markable for Block {
    fn marked(&self, kind: ChangeKind, id: u32) -> Self {
        mark(std::slice::from_ref(self), kind, id).remove(0)
    }
    fn moved(self, id: u32) -> Self {
        mark_moved(vec![self], id).remove(0)
    }
}

impl Markable for Vec<Block> {
    fn marked(&self, kind: ChangeKind, id: u32) -> Self {
        mark(self, kind, id)
    }
    fn moved(self, id: u32) -> Self {
        mark_moved(self, id)
    }
}

impl Markable for Vec<Inline> {
    fn marked(&self, kind: ChangeKind, id: u32) -> Self {
        words::mark(self, kind, id)
    }
    fn moved(self, id: u32) -> Self {
        match mark_moved(vec![Block::Para(self)], id).remove(0) {
            Block::Para(i) => i,
            _ => Vec::new(),
        }
    }
}

/// Two block sequences (a section's body, the summary) diffed.
pub fn diff(old: &[Block], new: &[Block], id: u32, found: &mut Found) -> Vec<Block> {
    seq(
        old,
        new,
        id,
        found,
        &|b: &Block| text(std::slice::from_ref(b)),
        &|a, b, f| pair(a, b, id, f),
    )
}

/// A recommendation's actions diffed as a sequence of runs.
pub fn diff_lines(
    old: &[Vec<Inline>],
    new: &[Vec<Inline>],
    id: u32,
    found: &mut Found,
) -> Vec<Vec<Inline>> {
    seq(
        old,
        new,
        id,
        found,
        &|i: &Vec<Inline>| inline_text(i),
        &|a, b, f| {
            let (d, ch) = words::diff(a, b, id);
            f.changed |= ch;
            Some(d)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Block {
        Block::Para(vec![Inline::Text {
            text: s.into(),
            style: InlineStyle::default(),
            link: None,
        }])
    }

    fn kinds(b: &Block) -> Vec<Option<ChangeKind>> {
        match b {
            Block::Para(i) => i
                .iter()
                .filter_map(|x| match x {
                    Inline::Text { style, .. } => Some(style.change.map(|c| c.kind)),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn a_moved_paragraph_is_moved_not_deleted_and_inserted() {
        let a = p("Alpha paragraph with several words in it.");
        let b = p("Beta paragraph says other things entirely here.");
        let c = p("Gamma closes the section with a thought.");
        let mut f = Found::default();
        let out = diff(
            &[a.clone(), b.clone(), c.clone()],
            &[b.clone(), c.clone(), a.clone()],
            1,
            &mut f,
        );
        assert_eq!(out.len(), 3, "{out:?}");
        assert_eq!(f.moved, 1);
        assert!(f.changed);
        assert_eq!(kinds(&out[2]), vec![Some(ChangeKind::Moved)]);
        assert_eq!(kinds(&out[0]), vec![None]);
    }

    #[test]
    fn removed_and_added_paragraphs() {
        let a = p("Alpha paragraph with several words in it.");
        let b = p("Beta paragraph says other things entirely here.");
        let n = p("A wholly new closing thought, unrelated.");
        let mut f = Found::default();
        let out = diff(&[a.clone(), b.clone()], &[a.clone(), n.clone()], 1, &mut f);
        assert_eq!(out.len(), 3, "{out:?}");
        assert_eq!(kinds(&out[1]), vec![Some(ChangeKind::Deleted)]);
        assert_eq!(kinds(&out[2]), vec![Some(ChangeKind::Inserted)]);
        let mut f = Found::default();
        let same = diff(&[a.clone(), b.clone()], &[a, b], 1, &mut f);
        assert_eq!(same.len(), 2);
        assert!(!f.changed);
    }
}
