//! Collect: measured words cut into fragments at their break points,
//! each with its width, the glue after it and what a break after it
//! costs; the first step of setting a paragraph.

use super::frag::{Frag, MAX_TRACKING, SPACE_MIN, SPACE_NATURAL_MIN, SPACE_STRETCHED};
use super::inline::{BreakKind, Segment, Word};

fn seg_len(s: &Segment) -> usize {
    s.shaped.text.len()
}

/// The glue after a word: natural, stretch and shrink, in points. Ragged
/// text (`justify` false) spaces every word alike, whatever its face.
fn glue_for(w: &Word, justify: bool) -> (f32, f32, f32) {
    if w.space <= 0.0 {
        return (0.0, 0.0, 0.0);
    }
    let em = w.segments.last().map_or(10.0, |s| s.size);
    let nat = if justify {
        w.space.max(SPACE_NATURAL_MIN * em)
    } else {
        SPACE_NATURAL_MIN * em
    };
    (
        nat,
        (SPACE_STRETCHED * em - nat).max(0.05 * em),
        (nat - SPACE_MIN * em).max(0.0),
    )
}

/// Cuts words into fragments at their break points, and at their
/// hyphenation points if `hyphenate`. A fragment wider than `max_width`
/// (a long URL or word with no break) is cut further at glyph
/// boundaries, with a hyphen unless it is a URL.
pub fn fragments(words: &[Word], max_width: f32, justify: bool, hyphenate: bool) -> Vec<Frag> {
    // About one fragment per word, and one more per hyphenation point.
    let mut out = Vec::with_capacity(words.len() + words.len() / 2);
    for (wi, w) in words.iter().enumerate() {
        let hyphen_w = w.hyphen.as_ref().map_or(0.0, |(s, size)| s.width(*size));
        let mut cuts: Vec<(usize, usize, BreakKind)> =
            w.breaks.iter().map(|b| (b.segment, b.at, b.kind)).collect();
        if hyphenate {
            let hyphens = w.hyphen_breaks();
            if !hyphens.is_empty() {
                cuts.extend(hyphens.iter().map(|b| (b.segment, b.at, b.kind)));
                // Stable: where a compound's hyphen is also a pattern
                // point, the explicit break (listed first) is kept.
                cuts.sort_by_key(|c| (c.0, c.1));
                cuts.dedup_by_key(|c| (c.0, c.1));
            }
        }
        // Emergency breaks for pieces that cannot fit a line.
        if w.width() > max_width {
            for (si, s) in w.segments.iter().enumerate() {
                let url = super::inline::is_url_like(&s.shaped.text);
                let mut acc = 0.0;
                let mut last_cut = 0;
                for g in &s.shaped.glyphs {
                    let at = g.cluster as usize;
                    let adv = g.advance as f32 * s.size / s.shaped.units_per_em;
                    if at > last_cut && acc + adv > max_width * 0.9 {
                        cuts.push((
                            si,
                            at,
                            if url {
                                BreakKind::InUrl
                            } else {
                                BreakKind::Hyphen
                            },
                        ));
                        acc = 0.0;
                        last_cut = at;
                    }
                    acc += adv;
                }
            }
            cuts.sort_by_key(|c| (c.0, c.1));
            cuts.dedup_by_key(|c| (c.0, c.1));
        }
        let glue = glue_for(w, justify);
        let mut start = (0usize, 0usize);
        let mut push = |from: (usize, usize), to: (usize, usize), kind: BreakKind, end: bool| {
            let mut parts = Vec::with_capacity(to.0.saturating_sub(from.0) + 1);
            let mut width = 0.0;
            let mut track = 0.0;
            for si in from.0..=to.0.min(w.segments.len() - 1) {
                let s = &w.segments[si];
                let a = if si == from.0 { from.1 } else { 0 };
                let b = if si == to.0 { to.1 } else { seg_len(s) };
                if b > a {
                    width += s.shaped.width_of(a, b, s.size);
                    let glyphs = s.shaped.glyphs_in(a, b).count();
                    track += glyphs as f32 * MAX_TRACKING * s.size;
                    parts.push((si, a, b));
                }
            }
            if from == (0, 0) {
                // The word's first glyph has no gap before it.
                track -= MAX_TRACKING * w.segments.first().map_or(0.0, |s| s.size);
            }
            out.push(Frag {
                word: wi,
                parts,
                width,
                glue: if end { glue } else { (0.0, 0.0, 0.0) },
                hyphen: if kind == BreakKind::Hyphen {
                    hyphen_w
                } else {
                    0.0
                },
                kind,
                word_end: end,
                track: track.max(0.0),
            });
        };
        for &(si, at, kind) in &cuts {
            push(start, (si, at), kind, false);
            start = (si, at);
        }
        let last = w.segments.len() - 1;
        push(
            start,
            (last, seg_len(&w.segments[last])),
            BreakKind::After,
            true,
        );
    }
    out
}
