//! Line breaking: where a paragraph's lines end, by total fit (Knuth and
//! Plass) over measured fragments.
//!
//! textwrap's `wrap_optimal_fit` was the starting point; it is replaced
//! because its cost is the square of a line's absolute slack: it cannot
//! see stretch per space (a three-word line with 10 pt slack costs the
//! same as a fifteen-word one), cannot shrink spaces, cannot limit
//! consecutive hyphens, and has no notion of fitness classes. Those are
//! exactly the figures the typography targets measure.

use super::frag::{Frag, ParShape, MAX_EXPANSION};
use super::inline::BreakKind;

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
/// Breaking inside a long run of a URL (a hash or an ID): twice a
/// hyphen, yet far cheaper than a loose line.
const URL_PENALTY: f64 = 100.0;
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
/// Added to the badness of a line that needs letter-spacing: as much as
/// a line stretched to ratio 1, so spacing letters is the last resort
/// before a loose line, never a way to avoid a hyphen.
const TRACK_BADNESS: f64 = 100.0;
/// Most hyphenated lines allowed in a row.
pub const MAX_HYPHEN_RUN: u8 = 2;
/// Badness accepted on the first pass (stretch ratio ≈ 1.26), the
/// second (≈ 2.7) and the third (any stretch: a narrow column with long
/// words still gets hyphen and runt control rather than first-fit).
const TOLERANCES: [f64; 3] = [200.0, 2000.0, f64::INFINITY];
/// Badness accepted when a paragraph is first set without hyphenation
/// (TeX's \pretolerance): a stretch ratio of 1, spaces at most
/// [`super::frag::SPACE_STRETCHED`] em. A paragraph that fits so is not
/// hyphenated at all.
pub const PRETOLERANCE: f64 = 100.0;
/// Ragged lines (titles, labels) get this much notional stretch, as a
/// share of the measure, so the breaker balances them.
const RAGGED_STRETCH: f32 = 0.35;
/// How far short of the measure ragged lines end at the longest, in points.
const RAGGED_INSET: f64 = 2.0;

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
    track: Vec<f64>,
}

impl Sums {
    fn new(frags: &[Frag]) -> Sums {
        let sums = || {
            let mut v = Vec::with_capacity(frags.len() + 1);
            v.push(0.0);
            v
        };
        let mut s = Sums {
            width: sums(),
            glue: sums(),
            stretch: sums(),
            shrink: sums(),
            track: sums(),
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
            s.track
                .push(s.track.last().unwrap_or(&0.0) + f64::from(f.track));
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
pub(super) fn breaks(frags: &[Frag], shape: &ParShape) -> Vec<(usize, f32)> {
    total_fit(frags, shape, &TOLERANCES).unwrap_or_else(|| first_fit(frags, shape))
}

/// Breaks by total fit with no line worse than [`PRETOLERANCE`], if
/// there are such breaks.
pub(super) fn pretolerant(frags: &[Frag], shape: &ParShape) -> Option<Vec<(usize, f32)>> {
    total_fit(frags, shape, &[PRETOLERANCE])
}

/// Total fit at each tolerance in turn, until one finds breaks.
fn total_fit(frags: &[Frag], shape: &ParShape, tolerances: &[f64]) -> Option<Vec<(usize, f32)>> {
    let n = frags.len();
    let sums = Sums::new(frags);
    let width_of = |line: usize| {
        f64::from(if line == 0 {
            shape.first_width
        } else {
            shape.width
        })
    };
    for &tol in tolerances {
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
            } else {
                match frags[b].kind {
                    BreakKind::Hyphen => HYPHEN_PENALTY,
                    BreakKind::After => EXPLICIT_PENALTY,
                    BreakKind::InUrl => URL_PENALTY,
                }
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
                // Ragged lines stop short of the measure by a hair, so their
                // ends never line up with the justified text beside them.
                let target = width_of(a.line) - if shape.justify { 0.0 } else { RAGGED_INSET };
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
                // Letter-spacing takes what the spaces cannot give
                // beyond their full stretch (ratio 1), up to its limit.
                let tracked = if shape.justify && shape.track && !last && target - nat > st {
                    let cap = sums.track[b + 1] - sums.track[start];
                    (target - nat - st).min(cap)
                } else {
                    0.0
                };
                let nat = nat + tracked;
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
                let badness =
                    100.0 * ratio.abs().powi(3) + if tracked > 0.0 { TRACK_BADNESS } else { 0.0 };
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
            return Some(out);
        }
    }
    None
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
