//! The word-level diff inside two matched blocks: their runs cut into
//! Unicode words (UAX #29, as `similar`'s word tokenizer cuts text),
//! diffed with Myers' algorithm, then cleaned up as diff-match-patch's
//! semantic cleanup does, so that a sentence rewritten reads as the old
//! words struck and the new ones inserted, not as a confetti of kept
//! spaces and commas between them.

use similar::{capture_diff_slices, Algorithm, DiffTag};
use unicode_segmentation::UnicodeSegmentation;

use crate::markup::{Change, ChangeKind, Inline, InlineStyle};

/// One word, space or punctuation mark of a run, or a note reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Tok<'a> {
    Text {
        text: &'a str,
        style: InlineStyle,
        link: Option<&'a str>,
    },
    Note(&'a str),
}

impl Tok<'_> {
    fn chars(&self) -> usize {
        match self {
            Tok::Text { text, .. } => text.chars().count(),
            Tok::Note(_) => 1,
        }
    }

    fn is_word(&self) -> bool {
        match self {
            Tok::Text { text, .. } => text.chars().any(char::is_alphanumeric),
            Tok::Note(_) => false,
        }
    }
}

fn tokens(inlines: &[Inline]) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    for i in inlines {
        match i {
            Inline::Text { text, style, link } => {
                let style = InlineStyle {
                    change: None,
                    ..*style
                };
                for w in text.split_word_bounds() {
                    out.push(Tok::Text {
                        text: w,
                        style,
                        link: link.as_deref(),
                    });
                }
            }
            Inline::NoteRef { key, .. } => out.push(Tok::Note(key)),
        }
    }
    out
}

/// Runs joined back from tokens, each with its change.
#[derive(Default)]
struct Out(Vec<Inline>);

impl Out {
    fn push(&mut self, t: &Tok, change: Option<Change>) {
        match t {
            Tok::Note(key) => self.0.push(Inline::NoteRef {
                key: key.to_string(),
                number: 0,
            }),
            Tok::Text { text, style, link } => {
                let style = InlineStyle { change, ..*style };
                if let Some(Inline::Text {
                    text: prev,
                    style: ps,
                    link: pl,
                }) = self.0.last_mut()
                {
                    if *ps == style && pl.as_deref() == *link {
                        prev.push_str(text);
                        return;
                    }
                }
                self.0.push(Inline::Text {
                    text: text.to_string(),
                    style,
                    link: link.map(str::to_string),
                });
            }
        }
    }
}

/// A stretch of the diff: kept, or changed (old tokens replaced by new).
#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Same(std::ops::Range<usize>, std::ops::Range<usize>),
    Changed(std::ops::Range<usize>, std::ops::Range<usize>),
}

fn segments(old: &[Tok], new: &[Tok]) -> Vec<Seg> {
    let mut segs: Vec<Seg> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            segs.push(Seg::Same(o, n));
        } else if let Some(Seg::Changed(po, pn)) = segs.last_mut() {
            po.end = o.end;
            pn.end = n.end;
        } else {
            segs.push(Seg::Changed(o, n));
        }
    }
    cleanup(&mut segs, old, new);
    segs
}

/// Semantic cleanup: a kept stretch between two changes that holds at
/// most one word and is no longer than the changes on either side joins
/// them, so that "the old words" → "new text here" reads as one
/// replacement, not as words struck and inserted around a kept space.
fn cleanup(segs: &mut Vec<Seg>, old: &[Tok], new: &[Tok]) {
    let chars = |toks: &[Tok]| toks.iter().map(Tok::chars).sum::<usize>();
    let size = |s: &Seg| match s {
        Seg::Changed(o, n) => chars(&old[o.clone()]).max(chars(&new[n.clone()])),
        Seg::Same(..) => 0,
    };
    loop {
        let mut merged = false;
        let mut i = 1;
        while i + 1 < segs.len() {
            if let (Seg::Changed(a, an), Seg::Same(o, _), Seg::Changed(b, bn)) =
                (&segs[i - 1], &segs[i], &segs[i + 1])
            {
                let kept = &old[o.clone()];
                let words = kept.iter().filter(|t| t.is_word()).count();
                let small = chars(kept) <= size(&segs[i - 1]).min(size(&segs[i + 1]));
                if words == 0 || (words <= 1 && small) {
                    let joined = Seg::Changed(a.start..b.end, an.start..bn.end);
                    segs.splice(i - 1..=i + 1, [joined]);
                    merged = true;
                    continue;
                }
            }
            i += 1;
        }
        if !merged {
            break;
        }
    }
}

/// The new runs with the old ones' differences marked: deleted words
/// struck before the words inserted in their place. Returns whether
/// anything changed.
pub fn diff(old: &[Inline], new: &[Inline], id: u32) -> (Vec<Inline>, bool) {
    let (ot, nt) = (tokens(old), tokens(new));
    let mut out = Out::default();
    let mut changed = false;
    let del = Some(Change {
        kind: ChangeKind::Deleted,
        id,
    });
    let ins = Some(Change {
        kind: ChangeKind::Inserted,
        id,
    });
    for seg in segments(&ot, &nt) {
        match seg {
            Seg::Same(_, n) => nt[n].iter().for_each(|t| out.push(t, None)),
            Seg::Changed(o, n) => {
                // Whitespace alone changed: nothing a reader sees.
                let visible = ot[o.clone()]
                    .iter()
                    .chain(&nt[n.clone()])
                    .any(|t| !matches!(t, Tok::Text { text, .. } if text.trim().is_empty()));
                if !visible {
                    nt[n].iter().for_each(|t| out.push(t, None));
                    continue;
                }
                changed = true;
                // A space on the change's edge stays plain text: the mark
                // covers words, not the gap before them.
                let (o, n) = (trim(&ot, o), trim(&nt, n));
                let lead = if n.0.is_empty() { &ot[o.0] } else { &nt[n.0] };
                let tail = if n.2.is_empty() { &ot[o.2] } else { &nt[n.2] };
                lead.iter().for_each(|t| out.push(t, None));
                ot[o.1.clone()].iter().for_each(|t| out.push(t, del));
                if !o.1.is_empty() && !n.1.is_empty() {
                    // Struck and inserted words side by side keep a space
                    // apart (struck with the old words).
                    out.push(
                        &Tok::Text {
                            text: " ",
                            style: InlineStyle::default(),
                            link: None,
                        },
                        del,
                    );
                }
                nt[n.1].iter().for_each(|t| out.push(t, ins));
                tail.iter().for_each(|t| out.push(t, None));
            }
        }
    }
    (out.0, changed)
}

/// A changed range less the spaces at its ends: (leading spaces, the
/// marked middle, trailing spaces), as ranges. Only the new side's
/// spaces are printed unmarked (see [`diff`]); the old side's edges are
/// dropped when the new side has them.
fn trim(
    toks: &[Tok],
    r: std::ops::Range<usize>,
) -> (
    std::ops::Range<usize>,
    std::ops::Range<usize>,
    std::ops::Range<usize>,
) {
    let space = |t: &Tok| matches!(t, Tok::Text { text, .. } if text.trim().is_empty());
    let mut a = r.start;
    while a < r.end && space(&toks[a]) {
        a += 1;
    }
    let mut b = r.end;
    while b > a && space(&toks[b - 1]) {
        b -= 1;
    }
    (r.start..a, a..b, b..r.end)
}

/// Every run marked with one change (a block added or removed whole).
pub fn mark(inlines: &[Inline], kind: ChangeKind, id: u32) -> Vec<Inline> {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text { text, style, link } => Inline::Text {
                text: text.clone(),
                style: InlineStyle {
                    change: Some(Change { kind, id }),
                    ..*style
                },
                link: link.clone(),
            },
            other => other.clone(),
        })
        .collect()
}

/// How alike two texts are, by their words: 1 the same, 0 nothing in
/// common (`similar`'s ratio of the word diff).
pub fn similarity(a: &str, b: &str) -> f32 {
    let wa: Vec<&str> = a.unicode_words().collect();
    let wb: Vec<&str> = b.unicode_words().collect();
    if wa.is_empty() && wb.is_empty() {
        return 1.0;
    }
    let ops = capture_diff_slices(Algorithm::Myers, &wa, &wb);
    similar::diff_ratio(&ops, wa.len(), wb.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text {
            text: s.into(),
            style: InlineStyle::default(),
            link: None,
        }
    }

    fn show(inl: &[Inline]) -> String {
        let mut s = String::new();
        for i in inl {
            if let Inline::Text { text, style, .. } = i {
                match style.change.map(|c| c.kind) {
                    Some(ChangeKind::Inserted) => s.push_str(&format!("{{+{text}+}}")),
                    Some(ChangeKind::Deleted) => s.push_str(&format!("[-{text}-]")),
                    _ => s.push_str(text),
                }
            }
        }
        s
    }

    #[test]
    fn a_changed_number_and_an_inserted_clause() {
        let (d, ch) = diff(
            &[t("The poverty rate is 47 percent today.")],
            &[t(
                "The poverty rate is 49 percent, the highest in years, today.",
            )],
            1,
        );
        assert!(ch);
        assert_eq!(
            show(&d),
            "The poverty rate is [-47 -]{+49+} percent{+, the highest in years,+} today."
        );
    }

    #[test]
    fn no_confetti_between_rewritten_words() {
        let (d, _) = diff(
            &[t("Peru stands at a crossroads.")],
            &[t("Lima waits on a decision.")],
            1,
        );
        // "a" alone kept between two replacements joins them.
        assert_eq!(
            show(&d),
            "[-Peru stands at a crossroads -]{+Lima waits on a decision+}."
        );
    }

    #[test]
    fn same_text_is_unchanged() {
        let (d, ch) = diff(&[t("Same words.")], &[t("Same words.")], 1);
        assert!(!ch);
        assert_eq!(d, vec![t("Same words.")]);
        assert!(similarity("a b c d", "a b c e") > 0.7);
        assert!(similarity("a b c d", "w x y z") < 0.1);
    }
}
