//! Paragraph breaking: measured words to justified lines, by a total-fit
//! (Knuth–Plass) breaker over real widths, with hyphenation.
//!
//! textwrap's `wrap_optimal_fit` was the starting point; it is replaced
//! because its cost is the square of a line's absolute slack: it cannot
//! see stretch per space (a three-word line with 10 pt slack costs the
//! same as a fifteen-word one), cannot shrink spaces, cannot limit
//! consecutive hyphens, and has no notion of fitness classes. Those are
//! exactly the figures issue 3 measures.

use super::inline::{Segment, Word};
use super::{GlyphRun, Item, LineStat, PlacedGlyph};

/// Inter-word space, in em of the word's size: at least this much even
/// where the font's own space is narrower (Vollkorn's is 0.2 em)…
pub const SPACE_NATURAL_MIN: f32 = 0.22;
/// …never squeezed below this…
pub const SPACE_MIN: f32 = 0.2;
/// …and stretched to this at a stretch ratio of 1.
pub const SPACE_STRETCHED: f32 = 0.45;
/// Added to every line's badness before squaring (TeX's \linepenalty):
/// fewer lines are better, all else equal.
const LINE_PENALTY: f64 = 10.0;
/// Penalty for breaking at a hyphenation point: TeX's default (50) is
/// kept, since double-hyphen and final-hyphen demerits below already
/// restrain hyphenation on a short measure.
const HYPHEN_PENALTY: f64 = 50.0;
/// Breaking after an explicit hyphen or dash ("U.S.-Peru"): cheaper than
/// a pattern hyphen, no added glyph.
const EXPLICIT_PENALTY: f64 = 30.0;
/// Two hyphenated lines in a row (TeX's \doublehyphendemerits is 10000;
/// lower here so a second hyphen can still beat a loose line).
const DOUBLE_HYPHEN_DEMERITS: f64 = 4000.0;
/// A hyphen on the line before the last leaves a lone fragment below.
const FINAL_HYPHEN_DEMERITS: f64 = 5000.0;
/// Neighbouring lines whose spacing differs by more than one fitness
/// class (tight/decent/loose/very loose) — TeX's \adjdemerits.
const ADJ_DEMERITS: f64 = 3000.0;
/// A last line of one short word, a "runt".
const RUNT_DEMERITS: f64 = 6000.0;
/// A runt is a last line of one word narrower than this share of the measure.
const RUNT_WIDTH: f32 = 0.2;
/// Most hyphenated lines allowed in a row.
pub const MAX_HYPHEN_RUN: u8 = 2;
/// Badness accepted on the first pass (stretch ratio ≈ 1.26), the
/// second (≈ 2.7) and the third (any stretch: a narrow column with long
/// words still gets hyphen and runt control rather than first-fit).
const TOLERANCES: [f64; 3] = [200.0, 2000.0, f64::INFINITY];
/// Ragged lines (titles, labels) get this much notional stretch, as a
/// share of the measure, so the breaker balances them.
const RAGGED_STRETCH: f32 = 0.35;

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
    /// Hang punctuation into the margins (optical margin alignment).
    pub protrude: bool,
    /// Widen or narrow glyphs by up to 2% to even out spacing.
    pub expand: bool,
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
    /// The space after it, when it ends a word: natural, stretch, shrink.
    glue: (f32, f32, f32),
    /// Hyphen width when the line breaks after this piece with a hyphen.
    hyphen: f32,
    /// Last piece of its word.
    word_end: bool,
}

fn seg_len(s: &Segment) -> usize {
    s.shaped.text.len()
}

/// The glue after a word: natural, stretch and shrink, in points.
fn glue_for(w: &Word) -> (f32, f32, f32) {
    if w.space <= 0.0 {
        return (0.0, 0.0, 0.0);
    }
    let em = w.segments.last().map_or(10.0, |s| s.size);
    let nat = w.space.max(SPACE_NATURAL_MIN * em);
    (
        nat,
        (SPACE_STRETCHED * em - nat).max(0.05 * em),
        (nat - SPACE_MIN * em).max(0.0),
    )
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
        let glue = glue_for(w);
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
                glue: if end { glue } else { (0.0, 0.0, 0.0) },
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

/// A feasible breakpoint: after fragment `pos` (`None` = paragraph start).
#[derive(Debug, Clone, Copy)]
struct Node {
    pos: Option<usize>,
    line: usize,
    fitness: u8,
    hyph_run: u8,
    demerits: f64,
    prev: Option<usize>,
    ratio: f32,
}

fn fitness(r: f64) -> u8 {
    if r < -0.5 {
        0
    } else if r <= 0.5 {
        1
    } else if r <= 1.0 {
        2
    } else {
        3
    }
}

/// Running sums over fragments, so any line's natural width, stretch and
/// shrink come in constant time.
struct Sums {
    width: Vec<f64>,
    glue: Vec<f64>,
    stretch: Vec<f64>,
    shrink: Vec<f64>,
}

impl Sums {
    fn new(frags: &[Frag]) -> Sums {
        let mut s = Sums {
            width: vec![0.0],
            glue: vec![0.0],
            stretch: vec![0.0],
            shrink: vec![0.0],
        };
        for f in frags {
            s.width
                .push(s.width.last().unwrap_or(&0.0) + f64::from(f.width));
            s.glue
                .push(s.glue.last().unwrap_or(&0.0) + f64::from(f.glue.0));
            s.stretch
                .push(s.stretch.last().unwrap_or(&0.0) + f64::from(f.glue.1));
            s.shrink
                .push(s.shrink.last().unwrap_or(&0.0) + f64::from(f.glue.2));
        }
        s
    }

    /// Natural width, stretch and shrink of fragments `a..=b`, the glue
    /// after `b` excluded and its hyphen included.
    fn line(&self, frags: &[Frag], a: usize, b: usize) -> (f64, f64, f64) {
        let w = self.width[b + 1] - self.width[a];
        let g = self.glue[b] - self.glue[a];
        let st = self.stretch[b] - self.stretch[a];
        let sh = self.shrink[b] - self.shrink[a];
        (w + g + f64::from(frags[b].hyphen), st, sh)
    }
}

/// Chooses breaks by total fit. Returns the index of the last fragment of
/// each line and the stretch ratio each line is set at.
fn breaks(frags: &[Frag], shape: &ParShape) -> Vec<(usize, f32)> {
    let n = frags.len();
    let sums = Sums::new(frags);
    let width_of = |line: usize| {
        f64::from(if line == 0 {
            shape.first_width
        } else {
            shape.width
        })
    };
    for &tol in &TOLERANCES {
        let mut arena: Vec<Node> = vec![Node {
            pos: None,
            line: 0,
            fitness: 1,
            hyph_run: 0,
            demerits: 0.0,
            prev: None,
            ratio: 0.0,
        }];
        let mut active: Vec<usize> = vec![0];
        for b in 0..n {
            let last = b + 1 == n;
            if !last && !frags[b].word_end && frags[b].parts.is_empty() {
                continue;
            }
            let flagged = !frags[b].word_end;
            let penalty = if last || frags[b].word_end {
                0.0
            } else if frags[b].hyphen > 0.0 {
                HYPHEN_PENALTY
            } else {
                EXPLICIT_PENALTY
            };
            // Best new node per (fitness, hyphen run, first-line flag).
            let mut best: Vec<Node> = Vec::new();
            let mut still = Vec::with_capacity(active.len());
            for &ai in &active {
                let a = arena[ai];
                let start = a.pos.map_or(0, |p| p + 1);
                if start > b {
                    still.push(ai);
                    continue;
                }
                let target = width_of(a.line);
                let (nat, st, sh) = sums.line(frags, start, b);
                let (st, sh) = if shape.justify && shape.expand {
                    // Font expansion lends every line ±2% of its glyphs.
                    let glyphs = sums.width[b + 1] - sums.width[start] + f64::from(frags[b].hyphen);
                    let cap = glyphs * f64::from(MAX_EXPANSION);
                    (st + cap, sh + cap)
                } else if shape.justify {
                    (st, sh)
                } else {
                    (f64::from(RAGGED_STRETCH) * target, 0.0)
                };
                let ratio = if last && nat <= target {
                    0.0
                } else if nat < target {
                    if st > 0.0 {
                        (target - nat) / st
                    } else {
                        f64::INFINITY
                    }
                } else if nat > target {
                    if sh > 0.0 {
                        (target - nat) / sh
                    } else {
                        f64::NEG_INFINITY
                    }
                } else {
                    0.0
                };
                if ratio < -1.0 {
                    // Too long: no later break can use this start either.
                    continue;
                }
                still.push(ai);
                let badness = 100.0 * ratio.abs().powi(3);
                if badness > tol {
                    continue;
                }
                let hyph_run = if flagged { a.hyph_run + 1 } else { 0 };
                if hyph_run > MAX_HYPHEN_RUN {
                    continue;
                }
                let mut d = (LINE_PENALTY + badness).powi(2) + penalty * penalty;
                let fit = fitness(ratio);
                if flagged && a.hyph_run > 0 {
                    d += DOUBLE_HYPHEN_DEMERITS;
                }
                if a.pos.is_some() && fit.abs_diff(a.fitness) > 1 {
                    d += ADJ_DEMERITS;
                }
                if last {
                    if a.hyph_run > 0 {
                        d += FINAL_HYPHEN_DEMERITS;
                    }
                    let words = (start..=b).filter(|&i| frags[i].word_end).count();
                    if words == 1 && a.pos.is_some() && nat < f64::from(RUNT_WIDTH) * target {
                        d += RUNT_DEMERITS;
                    }
                }
                let node = Node {
                    pos: Some(b),
                    line: a.line + 1,
                    fitness: fit,
                    hyph_run,
                    demerits: a.demerits + d,
                    prev: Some(ai),
                    ratio: ratio as f32,
                };
                match best.iter_mut().find(|x| {
                    x.fitness == fit && x.hyph_run == hyph_run && (x.line == 1) == (node.line == 1)
                }) {
                    Some(x) if x.demerits <= node.demerits => {}
                    Some(x) => *x = node,
                    None => best.push(node),
                }
            }
            active = still;
            for node in best {
                arena.push(node);
                active.push(arena.len() - 1);
            }
            if active.is_empty() {
                break;
            }
        }
        let end = arena
            .iter()
            .enumerate()
            .filter(|(_, nd)| nd.pos == Some(n - 1))
            .min_by(|a, b| a.1.demerits.total_cmp(&b.1.demerits))
            .map(|(i, _)| i);
        if let Some(mut i) = end {
            let mut out = Vec::new();
            while let Some(pos) = arena[i].pos {
                out.push((pos, arena[i].ratio));
                i = arena[i].prev.unwrap_or(0);
            }
            out.reverse();
            return out;
        }
    }
    first_fit(frags, shape)
}

/// Last resort: as many fragments as fit, at natural spacing.
fn first_fit(frags: &[Frag], shape: &ParShape) -> Vec<(usize, f32)> {
    let mut out = Vec::new();
    let mut x = 0.0;
    let mut line_start = 0;
    for (i, f) in frags.iter().enumerate() {
        let width = if out.is_empty() {
            shape.first_width
        } else {
            shape.width
        };
        if i > line_start && x + f.width + f.hyphen > width {
            out.push((i - 1, 0.0));
            x = 0.0;
            line_start = i;
        }
        x += f.width + f.glue.0;
    }
    out.push((frags.len() - 1, 0.0));
    out
}

/// Breaks words into lines.
pub fn set(words: &[Word], shape: &ParShape) -> Vec<Line> {
    if words.is_empty() {
        return Vec::new();
    }
    let frags = fragments(words, shape.width.min(shape.first_width));
    let brk = breaks(&frags, shape);
    let n = brk.len();
    let mut start = 0;
    let mut lines = Vec::with_capacity(n);
    for (i, &(end, ratio)) in brk.iter().enumerate() {
        let (indent, width) = if i == 0 {
            (shape.first_indent, shape.first_width)
        } else {
            (shape.indent, shape.width)
        };
        let last = i + 1 == n;
        // The last line keeps natural spacing unless it must shrink.
        let ratio = if !shape.justify || (last && ratio >= 0.0) {
            0.0
        } else {
            ratio
        };
        lines.push(set_line(
            words,
            &frags[start..=end],
            indent,
            width,
            ratio,
            // A last line that must shrink is set to the measure exactly.
            shape.justify && (!last || ratio < 0.0),
            shape,
        ));
        start = end + 1;
    }
    lines
}

/// Share of a glyph's width that hangs into the margin at a line's end
/// (microtype's defaults, rounded): small marks hang most.
fn protrusion_right(c: char) -> f32 {
    match c {
        '.' | ',' | '-' | '\u{2010}' | '’' | '”' | '\'' | '"' => 0.7,
        '–' | ':' | ';' => 0.5,
        '—' | '»' | '›' => 0.3,
        '!' | '?' | ')' | ']' => 0.2,
        _ => 0.0,
    }
}

/// Share that hangs into the margin at a line's start.
fn protrusion_left(c: char) -> f32 {
    match c {
        '“' | '‘' | '„' | '\'' | '"' => 0.7,
        '«' | '‹' => 0.3,
        '(' | '[' => 0.2,
        _ => 0.0,
    }
}

/// Font expansion never scales glyphs by more than this (±2%).
pub const MAX_EXPANSION: f32 = 0.02;

/// The first and last characters of a line with the width of their
/// glyphs (the last is the hyphen when the line breaks with one).
/// A character at a line's edge and its glyph's width, in points.
type Edge = Option<(char, f32)>;

fn edge_glyphs(words: &[Word], frags: &[Frag]) -> (Edge, Edge) {
    let first = frags.first().and_then(|f| {
        let &(si, a, b) = f.parts.first()?;
        let s = &words[f.word].segments[si];
        let c = s.shaped.text[a..b].chars().next()?;
        Some((c, s.shaped.width_of(a, a + c.len_utf8(), s.size)))
    });
    let lastf = frags.last();
    let last = lastf.and_then(|f| {
        if f.hyphen > 0.0 {
            return Some(('-', f.hyphen));
        }
        let &(si, a, b) = f.parts.last()?;
        let s = &words[f.word].segments[si];
        if s.rise != 0.0 {
            return None;
        }
        let c = s.shaped.text[a..b].chars().next_back()?;
        Some((c, s.shaped.width_of(b - c.len_utf8(), b, s.size)))
    });
    (first, last)
}

/// Places one line's fragments. `ratio` is the stretch ratio the breaker
/// chose; `justify` sets the line to the full measure (the last line of a
/// paragraph is not justified). With `opts.protrude`, punctuation at the
/// edges hangs into the margins; with `opts.expand`, glyphs widen or
/// narrow by up to 2% to even out the spacing.
fn set_line(
    words: &[Word],
    frags: &[Frag],
    indent: f32,
    width: f32,
    ratio: f32,
    justify: bool,
    opts: &ParShape,
) -> Line {
    let last = frags.len() - 1;
    let hyphenated = frags[last].hyphen > 0.0;
    let (first_c, last_c) = edge_glyphs(words, frags);
    let (lp, rp) = if opts.protrude {
        (
            first_c.map_or(0.0, |(c, w)| protrusion_left(c) * w),
            last_c.map_or(0.0, |(c, w)| protrusion_right(c) * w),
        )
    } else {
        (0.0, 0.0)
    };
    let content: f32 = frags.iter().map(|f| f.width).sum::<f32>() + frags[last].hyphen;
    let gaps: Vec<usize> = (0..last).filter(|&i| frags[i].word_end).collect();
    let nat: f32 = gaps.iter().map(|&i| frags[i].glue.0).sum();
    let stretch: f32 = gaps.iter().map(|&i| frags[i].glue.1).sum();
    let shrink: f32 = gaps.iter().map(|&i| frags[i].glue.2).sum();
    let target = width + lp + rp;
    let mut scale = 1.0;
    let gap_of: Vec<f32> = if justify && !gaps.is_empty() {
        let mut need = target - content - nat;
        if opts.expand && content > 0.0 {
            // The glyphs take their share of the excess (or deficit), in
            // proportion to what they can give, as the breaker assumed.
            let cap = content * MAX_EXPANSION;
            let glue_cap = if need >= 0.0 { stretch } else { shrink };
            let part = need * cap / (cap + glue_cap).max(f32::EPSILON);
            scale = 1.0 + (part / content).clamp(-MAX_EXPANSION, MAX_EXPANSION);
            need -= content * (scale - 1.0);
        }
        gaps.iter()
            .map(|&i| {
                let g = frags[i].glue;
                let share = if need >= 0.0 {
                    if stretch > 0.0 {
                        g.1 / stretch
                    } else {
                        1.0 / gaps.len() as f32
                    }
                } else if shrink > 0.0 {
                    g.2 / shrink
                } else {
                    1.0 / gaps.len() as f32
                };
                g.0 + need * share
            })
            .collect()
    } else {
        let r = ratio;
        gaps.iter()
            .map(|&i| {
                let g = frags[i].glue;
                g.0 + if r < 0.0 { r * g.2 } else { 0.0 }
            })
            .collect()
    };
    let mut items = Vec::new();
    let mut x = indent - lp;
    let mut runs: Vec<GlyphRun> = Vec::new();
    let mut gap_iter = gap_of.iter();
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
            let unit = s.size / s.shaped.units_per_em * scale;
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
                        // A tie copies as a plain space.
                        text[c..end.min(b)].replace('\u{A0}', " ")
                    } else {
                        String::new()
                    },
                });
                gx += g.advance as f32 * unit;
            }
            let run = GlyphRun {
                x: run_x,
                y: -s.rise,
                face: s.shaped.face,
                size: s.size,
                color: s.color,
                glyphs,
                width: gx,
                hscale: scale,
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
                let hw = h.width(*size) * scale;
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
                    width: hw,
                    hscale: scale,
                });
                x += hw;
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
            x += gap_iter.next().copied().unwrap_or(0.0);
        }
    }
    items.extend(runs.into_iter().map(Item::Text));
    let stat = opts.justify.then(|| {
        let size = words[frags[0].word].segments[0].size;
        LineStat {
            space_em: if gap_of.is_empty() {
                0.0
            } else {
                gap_of.iter().sum::<f32>() / gap_of.len() as f32 / size
            },
            hyphenated,
            words: gaps.len() + 1,
            expansion: scale,
            justified: justify,
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
