//! Paragraph breaking: measured words to justified lines, by textwrap's
//! optimal-fit algorithm over real widths, with hyphenation.

use textwrap::core::Fragment;
use textwrap::wrap_algorithms::{wrap_optimal_fit, Penalties};

use super::inline::{Segment, Word};
use super::{GlyphRun, Item, LineStat, PlacedGlyph};

/// Inter-word space may shrink to this share of its natural width before
/// a line counts as overfull (TeX allows a third; we allow a fifth, since
/// a briefing's measure is short and tight lines read as grey).
pub const SPACE_SHRINK: f32 = 0.8;
/// Cost of one more line, in squared points of slack: about a 22 pt gap,
/// so the breaker adds a line only to avoid really loose spacing.
const NLINE_PENALTY: usize = 500;
/// Cost of a hyphen: a 12 pt gap. Higher than textwrap's default (25),
/// which hyphenates nearly every line of a short measure.
const HYPHEN_PENALTY: usize = 150;
/// Overflow is never wanted: each point costs as much as a 300 pt gap.
const OVERFLOW_PENALTY: usize = 90_000;
/// A last line of one short word (a "runt") costs as much as a 14 pt gap.
const RUNT_PENALTY: usize = 200;

/// How to set a paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParShape {
    /// Width of the first line and of the others (a hanging indent makes
    /// them differ).
    pub first_width: f32,
    pub width: f32,
    /// Left offset of the first line and of the others.
    pub first_indent: f32,
    pub indent: f32,
    pub justify: bool,
}

/// One set line: items relative to the line's left edge and baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub items: Vec<Item>,
    pub width: f32,
    pub stat: Option<LineStat>,
}

/// A piece of a word between two break points.
#[derive(Debug, Clone)]
struct Frag {
    word: usize,
    /// (segment index, byte range) pieces.
    parts: Vec<(usize, usize, usize)>,
    width: f32,
    /// Space after, at its shrunk width (zero inside a word).
    space: f32,
    /// Hyphen width when the line breaks after this piece with a hyphen.
    hyphen: f32,
    /// Last piece of its word.
    word_end: bool,
}

impl Fragment for Frag {
    fn width(&self) -> f64 {
        f64::from(self.width)
    }
    fn whitespace_width(&self) -> f64 {
        f64::from(self.space)
    }
    fn penalty_width(&self) -> f64 {
        f64::from(self.hyphen)
    }
}

fn seg_len(s: &Segment) -> usize {
    s.shaped.text.len()
}

/// Cuts words into fragments at their break points. A fragment wider
/// than `max_width` (a long URL or word with no break) is cut further at
/// glyph boundaries, with a hyphen unless it is a URL.
fn fragments(words: &[Word], max_width: f32) -> Vec<Frag> {
    let mut out = Vec::new();
    for (wi, w) in words.iter().enumerate() {
        let hyphen_w = w.hyphen.as_ref().map_or(0.0, |(s, size)| s.width(*size));
        let mut cuts: Vec<(usize, usize, bool)> = w
            .breaks
            .iter()
            .map(|b| (b.segment, b.at, b.hyphen))
            .collect();
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
                        cuts.push((si, at, !url));
                        acc = 0.0;
                        last_cut = at;
                    }
                    acc += adv;
                }
            }
            cuts.sort_by_key(|c| (c.0, c.1));
            cuts.dedup_by_key(|c| (c.0, c.1));
        }
        let mut start = (0usize, 0usize);
        let mut push = |from: (usize, usize), to: (usize, usize), hyphen: bool, end: bool| {
            let mut parts = Vec::new();
            let mut width = 0.0;
            for si in from.0..=to.0.min(w.segments.len() - 1) {
                let s = &w.segments[si];
                let a = if si == from.0 { from.1 } else { 0 };
                let b = if si == to.0 { to.1 } else { seg_len(s) };
                if b > a {
                    width += s.shaped.width_of(a, b, s.size);
                    parts.push((si, a, b));
                }
            }
            out.push(Frag {
                word: wi,
                parts,
                width,
                space: if end { w.space * SPACE_SHRINK } else { 0.0 },
                hyphen: if hyphen { hyphen_w } else { 0.0 },
                word_end: end,
            });
        };
        for &(si, at, hyphen) in &cuts {
            push(start, (si, at), hyphen, false);
            start = (si, at);
        }
        let last = w.segments.len() - 1;
        push(start, (last, seg_len(&w.segments[last])), false, true);
    }
    out
}

/// Breaks words into lines.
pub fn set(words: &[Word], shape: &ParShape) -> Vec<Line> {
    if words.is_empty() {
        return Vec::new();
    }
    let frags = fragments(words, shape.width.min(shape.first_width));
    let penalties = Penalties {
        nline_penalty: NLINE_PENALTY,
        overflow_penalty: OVERFLOW_PENALTY,
        short_last_line_fraction: 5,
        short_last_line_penalty: RUNT_PENALTY,
        hyphen_penalty: HYPHEN_PENALTY,
    };
    let widths = [f64::from(shape.first_width), f64::from(shape.width)];
    let lines: Vec<&[Frag]> = match wrap_optimal_fit(&frags, &widths, &penalties) {
        Ok(lines) => lines,
        Err(_) => frags.chunks(1).collect(),
    };
    let n = lines.len();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let (indent, width) = if i == 0 {
                (shape.first_indent, shape.first_width)
            } else {
                (shape.indent, shape.width)
            };
            let justify = shape.justify && i + 1 < n;
            set_line(words, line, indent, width, justify)
        })
        .collect()
}

/// Places one line's fragments.
fn set_line(words: &[Word], frags: &[Frag], indent: f32, width: f32, justify: bool) -> Line {
    let last = frags.len() - 1;
    let hyphenated = frags[last].hyphen > 0.0;
    // Natural widths.
    let content: f32 = frags.iter().map(|f| f.width).sum::<f32>() + frags[last].hyphen;
    let gaps: Vec<usize> = (0..last).filter(|&i| frags[i].word_end).collect();
    let natural_space: f32 = gaps.iter().map(|&i| words[frags[i].word].space).sum();
    let extra = if justify && !gaps.is_empty() {
        (width - content - natural_space) / gaps.len() as f32
    } else {
        0.0
    };
    let mut items = Vec::new();
    let mut x = indent;
    let mut runs: Vec<GlyphRun> = Vec::new();
    for (fi, f) in frags.iter().enumerate() {
        let w = &words[f.word];
        for &(si, a, b) in &f.parts {
            let s = &w.segments[si];
            if a == 0 {
                if let Some(name) = &s.anchor {
                    items.push(Item::Anchor {
                        name: name.clone(),
                        x,
                        y: -s.size,
                    });
                }
            }
            let run_x = x;
            let mut glyphs = Vec::new();
            let scale = s.size / s.shaped.units_per_em;
            let text = &s.shaped.text;
            let gl = &s.shaped.glyphs;
            let mut gx = 0.0;
            for (gi, g) in gl.iter().enumerate() {
                let c = g.cluster as usize;
                if c < a || c >= b {
                    continue;
                }
                // The text of a cluster goes on its first glyph.
                let first_of_cluster = gi == 0 || gl[gi - 1].cluster != g.cluster;
                let end = gl[gi + 1..]
                    .iter()
                    .map(|n| n.cluster as usize)
                    .find(|&n| n > c)
                    .unwrap_or(text.len());
                glyphs.push(PlacedGlyph {
                    id: g.id,
                    x: gx,
                    text: if first_of_cluster {
                        text[c..end.min(b)].to_string()
                    } else {
                        String::new()
                    },
                });
                gx += g.advance as f32 * scale;
            }
            let run = GlyphRun {
                x: run_x,
                y: -s.rise,
                face: s.shaped.face,
                size: s.size,
                color: s.color,
                glyphs,
                width: gx,
            };
            if let Some(target) = &s.link {
                items.push(Item::Link {
                    x: run_x,
                    y: -s.rise - s.size * 0.8,
                    w: gx,
                    h: s.size,
                    target: target.clone(),
                });
            }
            x += gx;
            runs.push(run);
        }
        if fi == last && f.hyphen > 0.0 {
            if let Some((h, size)) = &w.hyphen {
                let s = w.segments.iter().rev().find(|s| s.rise == 0.0);
                runs.push(GlyphRun {
                    x,
                    y: 0.0,
                    face: h.face,
                    size: *size,
                    color: s.map_or(super::theme::INK, |s| s.color),
                    glyphs: h
                        .glyphs
                        .iter()
                        .map(|g| PlacedGlyph {
                            id: g.id,
                            x: 0.0,
                            text: "-".into(),
                        })
                        .collect(),
                    width: h.width(*size),
                });
                x += h.width(*size);
            }
        }
        if fi < last && f.word_end {
            // A real space glyph, so copied text has its spaces.
            if let (Some(r), Some(sp)) = (runs.last_mut(), w.space_glyph) {
                r.glyphs.push(PlacedGlyph {
                    id: sp,
                    x: x - r.x,
                    text: " ".into(),
                });
            }
            x += w.space + extra;
        }
    }
    items.extend(runs.into_iter().map(Item::Text));
    let stat = justify.then(|| {
        let size = words[frags[0].word].segments[0].size;
        LineStat {
            space_em: if gaps.is_empty() {
                0.0
            } else {
                (natural_space / gaps.len() as f32 + extra) / size
            },
            hyphenated,
            words: gaps.len() + 1,
        }
    });
    Line {
        items,
        width: x - indent,
        stat,
    }
}

/// Links on a line, merged when adjacent runs share a target.
pub fn merge_links(items: &mut Vec<Item>) {
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    for it in items.drain(..) {
        if let Item::Link { x, w, target, .. } = &it {
            if let Some(Item::Link {
                x: px,
                w: pw,
                target: pt,
                ..
            }) = out
                .iter_mut()
                .rev()
                .find(|i| matches!(i, Item::Link { .. }))
            {
                if pt == target && (*px + *pw - x).abs() < 6.0 {
                    *pw = x + w - *px;
                    continue;
                }
            }
        }
        out.push(it);
    }
    *items = out;
}
