//! One line, set: glyph runs placed from the breaker's choice, with the
//! word spaces stretched or shrunk to the measure, punctuation hung into
//! the margins and glyphs expanded within ±2%.

use super::frag::{Frag, Line, ParShape, MAX_EXPANSION, MAX_TRACKING};
use super::inline::Word;
use crate::layout::structure::Tag;
use crate::layout::{GlyphRun, Item, LineStat, PlacedGlyph};

/// The text glyph `gi` stands for, cut at byte `limit`: its cluster's
/// text on the cluster's first glyph (a ligature "fi" carries "fi"),
/// nothing on the others, so copied text has each character once.
pub fn cluster_text(shaped: &crate::text::Shaped, gi: usize, limit: usize) -> &str {
    let gl = &shaped.glyphs;
    let c = gl[gi].cluster as usize;
    if gi > 0 && gl[gi - 1].cluster == gl[gi].cluster {
        return "";
    }
    let end = gl[gi + 1..]
        .iter()
        .map(|n| n.cluster as usize)
        .find(|&n| n > c)
        .unwrap_or(shaped.text.len());
    &shaped.text[c..end.min(limit).max(c)]
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
        if s.sup {
            return None;
        }
        let c = s.shaped.text[a..b].chars().next_back()?;
        Some((c, s.shaped.width_of(b - c.len_utf8(), b, s.size)))
    });
    (first, last)
}

/// How many of the `n` glyphs of one part of a fragment take
/// letter-spacing after them: all but the last glyph of a word or of the
/// line.
fn tracked_glyphs(f: &Frag, line_end: bool, part: (usize, usize, usize), n: usize) -> usize {
    let closes = f.parts.last() == Some(&part) && (f.word_end || line_end);
    if closes {
        n.saturating_sub(1)
    } else {
        n
    }
}

/// Sum of the sizes of the glyphs that take letter-spacing on a line:
/// times the tracking in em, the width it adds.
fn letter_gaps(words: &[Word], frags: &[Frag]) -> f32 {
    let last = frags.len() - 1;
    frags
        .iter()
        .enumerate()
        .flat_map(|(fi, f)| {
            f.parts.iter().map(move |&p| {
                let s = &words[f.word].segments[p.0];
                let n = s.shaped.glyphs_in(p.1, p.2).count();
                tracked_glyphs(f, fi == last, p, n) as f32 * s.size
            })
        })
        .sum()
}

/// Places one line's fragments. `ratio` is the stretch ratio the breaker
/// chose; `justify` sets the line to the full measure (the last line of a
/// paragraph is not justified). With `opts.protrude`, punctuation at the
/// edges hangs into the margins; with `opts.expand`, glyphs widen or
/// narrow by up to 2% to even out the spacing. `hang_left` false keeps
/// the line's first glyph at its indent whatever it is.
#[allow(clippy::too_many_arguments)]
pub(super) fn set_line(
    words: &[Word],
    frags: &[Frag],
    indent: f32,
    width: f32,
    ratio: f32,
    justify: bool,
    opts: &ParShape,
    hang_left: bool,
) -> Line {
    let last = frags.len() - 1;
    let hyphenated = frags[last].hyphen > 0.0;
    let (first_c, last_c) = edge_glyphs(words, frags);
    let (lp, rp) = if opts.protrude {
        (
            first_c
                .filter(|_| hang_left)
                .map_or(0.0, |(c, w)| protrusion_left(c) * w),
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
    // Letter-spacing in em of each glyph's size.
    let mut track = 0.0;
    // A line of one word (a long URL's piece) has no spaces, but its
    // glyphs still expand or shrink, and its letters space, to the measure.
    let fits_glyphs = opts.expand || opts.track;
    let gap_of: Vec<f32> = if justify && (!gaps.is_empty() || fits_glyphs) {
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
        if opts.track && need > stretch {
            // Spaces at full stretch and still short: letters take the
            // rest, up to their limit.
            let room = MAX_TRACKING * letter_gaps(words, frags);
            if room > 0.0 {
                let used = (need - stretch).min(room);
                track = used / room * MAX_TRACKING;
                need -= used;
            }
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
            let unit = s.size / s.shaped.units_per_em * scale;
            let gl = &s.shaped.glyphs;
            // Exactly the run's glyphs and the space glyph that may follow:
            // grown by doubling, a line's runs held up to twice the glyphs.
            let n = s.shaped.glyphs_in(a, b).count();
            let mut glyphs = Vec::with_capacity(n + 1);
            let mut gx = 0.0;
            let spaced = track * s.size;
            let mut tracked = tracked_glyphs(f, fi == last, (si, a, b), n);
            for (gi, g) in gl.iter().enumerate() {
                let c = g.cluster as usize;
                if c < a || c >= b {
                    continue;
                }
                let text = cluster_text(&s.shaped, gi, b);
                glyphs.push(PlacedGlyph {
                    id: g.id,
                    x: gx,
                    // A tie copies as a plain space.
                    text: if text.contains('\u{A0}') {
                        text.replace('\u{A0}', " ").as_str().into()
                    } else {
                        text.into()
                    },
                });
                gx += g.advance as f32 * unit;
                if tracked > 0 {
                    gx += spaced;
                    tracked -= 1;
                }
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
                tracking: spaced,
                tag: s.tag,
                spoken: None,
            };
            if let Some(target) = &s.link {
                items.push(Item::Link {
                    x: run_x,
                    y: -s.rise - s.size * 0.8,
                    w: gx,
                    h: s.size,
                    target: target.clone(),
                    node: s.link_node,
                });
            }
            x += gx;
            runs.push(run);
        }
        if fi == last && f.hyphen > 0.0 {
            if let Some((h, size)) = &w.hyphen {
                let s = w.segments.iter().rev().find(|s| !s.sup);
                let hw = h.width(*size) * scale;
                runs.push(GlyphRun {
                    x,
                    y: 0.0,
                    face: h.face,
                    size: *size,
                    color: s.map_or(crate::layout::theme::INK, |s| s.color),
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
                    tracking: 0.0,
                    // The hyphen a line break adds is layout, not text: a
                    // reader of the structure hears the word whole, and
                    // text extraction, which sees a hyphen at the line's
                    // end, joins the word as it does any hyphenated one.
                    tag: Tag::LAYOUT,
                    spoken: None,
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
            tracking: track,
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
        if let Item::Link {
            x, w, target, node, ..
        } = &it
        {
            if let Some(Item::Link {
                x: px,
                w: pw,
                target: pt,
                node: pn,
                ..
            }) = out
                .iter_mut()
                .rev()
                .find(|i| matches!(i, Item::Link { .. }))
            {
                if pt == target && pn == node && (*px + *pw - x).abs() < 6.0 {
                    *pw = x + w - *px;
                    continue;
                }
            }
        }
        out.push(it);
    }
    *items = out;
}
