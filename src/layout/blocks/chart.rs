//! Small vector charts inside key-figure cards: bars (axis from zero) and
//! lines (an axis that shows the change when the values are far from
//! zero, marked as broken). No label touches another or a line: value
//! labels stand on every point that has room, else on the first, last,
//! highest and lowest; category labels are thinned by their measured
//! widths, evenly, keeping the first and last; big numbers are
//! abbreviated in the language's way (the Alt text keeps them whole).

use super::ctx::{text_run, Ctx};
use crate::layout::structure::{NodeId, Tag};
use crate::layout::theme::*;
use crate::layout::Item;
use crate::model::{Chart, ChartKind, Language};
use crate::text::fonts::HEADING_SEMIBOLD;
use crate::text::{Features, Role};

/// A number as the author wrote it, in the language's decimal form, its
/// thousands grouped as the language groups them (1,410,000 in English;
/// 1.410.000 in German and Portuguese; a narrow space in Spanish and
/// French, from five digits, as the RAE and the Imprimerie nationale
/// set them).
pub fn format_value(v: f64, lang: Language, unit: Option<&str>) -> String {
    format_places(v, None, lang, unit)
}

/// [`format_value`] with the decimal places the author wrote (`0.0` stays
/// "0.0").
pub fn format_places(v: f64, places: Option<u8>, lang: Language, unit: Option<&str>) -> String {
    let plain = if let Some(p) = places {
        format!("{:.*}", usize::from(p), v.abs())
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", (v as i64).unsigned_abs())
    } else {
        format!("{}", v.abs())
    };
    let (int, frac) = match plain.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (plain.as_str(), None),
    };
    let (group, from) = match lang {
        Language::EnUs | Language::EnGb => (",", 4),
        Language::De | Language::Pt => (".", 4),
        Language::Es | Language::Fr => ("\u{202F}", 5),
    };
    let mut s = String::new();
    if v < 0.0 && plain.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        s.push('−');
    }
    let digits = int.len();
    let grouped = digits >= from && int.bytes().all(|b| b.is_ascii_digit());
    for (i, c) in int.chars().enumerate() {
        if grouped && i > 0 && (digits - i) % 3 == 0 {
            s.push_str(group);
        }
        s.push(c);
    }
    if let Some(f) = frac {
        s.push(lang.decimal_separator());
        s.push_str(f);
    }
    if let Some(u) = unit {
        s.push_str(u);
    }
    s
}

/// A chart's big numbers, shortened to one scale ("1.41M"): the divisor
/// and the language's suffix.
pub(super) fn scale_for(max_abs: f64, lang: Language) -> Option<(f64, &'static str)> {
    // From six digits a label no longer fits a card's slot.
    let (div, i) = if max_abs >= 1e9 {
        (1e9, 2)
    } else if max_abs >= 1e6 {
        (1e6, 1)
    } else if max_abs >= 1e5 {
        (1e3, 0)
    } else {
        return None;
    };
    let suffixes: [&str; 3] = match lang {
        Language::EnUs | Language::EnGb => ["K", "M", "B"],
        Language::Es => ["\u{A0}mil", "\u{A0}M", "\u{A0}mil\u{A0}M"],
        Language::Fr => ["\u{A0}k", "\u{A0}M", "\u{A0}Md"],
        Language::De => ["\u{A0}Tsd.", "\u{A0}Mio.", "\u{A0}Mrd."],
        Language::Pt => ["\u{A0}mil", "\u{A0}mi", "\u{A0}bi"],
    };
    Some((div, suffixes[i]))
}

/// The labels a chart prints: each value as written, or, where the chart
/// runs into the hundreds of thousands, all on one abbreviated scale with
/// three significant figures for the largest ("1.25M", "1,41 M").
pub fn value_labels(chart: &Chart, lang: Language) -> Vec<String> {
    let unit = chart.unit.as_deref();
    let max_abs = chart.values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    match scale_for(max_abs, lang) {
        Some((div, suffix)) => {
            let digits = ((max_abs / div).log10().floor() as i32 + 1).max(1);
            let places = (3 - digits).clamp(0, 2) as u8;
            chart
                .values
                .iter()
                .map(|&v| {
                    let scaled = v / div;
                    let p = if scaled == 0.0 { 0 } else { places };
                    let mut s = format_places(scaled, Some(p), lang, None);
                    s.push_str(suffix);
                    if let Some(u) = unit {
                        s.push_str(u);
                    }
                    s
                })
                .collect()
        }
        None => chart
            .values
            .iter()
            .enumerate()
            .map(|(i, &v)| format_places(v, chart.places.get(i).copied().flatten(), lang, unit))
            .collect(),
    }
}

/// The value at the foot of a broken axis, on the chart's scale ("0.9M",
/// "85%").
fn base_label(chart: &Chart, base: f64, lang: Language) -> String {
    let unit = chart.unit.as_deref();
    let max_abs = chart.values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    match scale_for(max_abs, lang) {
        Some((div, suffix)) => {
            let scaled = base / div;
            let places = u8::from(scaled.fract().abs() > 1e-9);
            let mut s = format_places(scaled, Some(places), lang, None);
            s.push_str(suffix);
            s.push_str(unit.unwrap_or(""));
            s
        }
        None => format_value(base, lang, unit),
    }
}

/// A box on the chart, (x0, y0, x1, y1), y down.
pub(super) type BoxF = (f32, f32, f32, f32);

pub(super) fn run_box(r: &crate::layout::GlyphRun, above: f32, below: f32) -> BoxF {
    (
        r.x,
        r.y - r.size * above,
        r.x + r.width,
        r.y + r.size * below,
    )
}

pub(super) fn overlaps(a: BoxF, b: BoxF) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Whether the segment p–q passes through the box.
fn crosses(b: BoxF, p: (f32, f32), q: (f32, f32)) -> bool {
    // Clip the segment to the box (Liang–Barsky).
    let (dx, dy) = (q.0 - p.0, q.1 - p.1);
    let mut t0 = 0.0f32;
    let mut t1 = 1.0f32;
    for (pp, qq) in [
        (-dx, p.0 - b.0),
        (dx, b.2 - p.0),
        (-dy, p.1 - b.1),
        (dy, b.3 - p.1),
    ] {
        if pp == 0.0 {
            if qq < 0.0 {
                return false;
            }
        } else {
            let t = qq / pp;
            if pp < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 <= t1
}

/// What a label must keep clear of: boxes (bars, markers, other labels)
/// and segments (the line, the zero or base line).
#[derive(Default, Clone)]
pub(super) struct Obstacles {
    pub(super) boxes: Vec<BoxF>,
    pub(super) segments: Vec<((f32, f32), (f32, f32))>,
}

impl Obstacles {
    pub(super) fn clear(&self, b: BoxF) -> bool {
        // A hair of air around the label.
        let g = (b.0 - 0.8, b.1 - 0.8, b.2 + 0.8, b.3 + 0.8);
        !self.boxes.iter().any(|&o| overlaps(g, o))
            && !self.segments.iter().any(|&(p, q)| crosses(g, p, q))
    }
}

/// Value label glyphs: ascent over the baseline and descent under it, as
/// shares of the size (Lato's figures and %, with room).
pub(super) const VALUE_ABOVE: f32 = 0.76;
pub(super) const VALUE_BELOW: f32 = 0.08;
/// Category labels may have descenders.
pub(super) const CAT_ABOVE: f32 = 0.76;
pub(super) const CAT_BELOW: f32 = 0.24;

/// Draws a chart in a box `w` × `h` whose top-left is (0, 0): everything
/// it draws belongs to the Figure element `node`, whose alternative text
/// says the values once.
pub fn draw(ctx: &Ctx, chart: &Chart, w: f32, h: f32, node: NodeId) -> Vec<Item> {
    let mut items = draw_parts(ctx, chart, w, h);
    for it in &mut items {
        it.tag_unset(Tag::Node(node));
    }
    items
}

/// A line chart whose values all lie far from zero (the lowest above half
/// the highest) is drawn on an axis from a round number under its lowest
/// value, so the change shows; the base is returned.
fn broken_base(chart: &Chart) -> Option<f64> {
    let max = chart.values.iter().cloned().fold(f64::MIN, f64::max);
    let min = chart.values.iter().cloned().fold(f64::MAX, f64::min);
    if chart.kind != ChartKind::Line || min <= 0.0 || min <= max * 0.5 {
        return None;
    }
    let range = (max - min).max(max * 0.02);
    let step = 10f64.powf(range.log10().floor());
    let base = ((min - range * 0.15) / step).floor() * step;
    (base > 0.0).then_some(base)
}

fn draw_parts(ctx: &Ctx, chart: &Chart, w: f32, h: f32) -> Vec<Item> {
    let b = ctx.base;
    let value_size = b * CHART_VALUE_SIZE;
    let cat_size = b * CHART_LABEL_SIZE;
    let face = ctx.shaper.fonts.face(Role::Heading, false, false);
    let n = chart.values.len();
    let texts = value_labels(chart, ctx.lang);
    let base = broken_base(chart);
    let value_run = |text: &str| {
        text_run(
            ctx.shaper,
            HEADING_SEMIBOLD,
            Features::Tabular,
            text,
            value_size,
            INK,
            0.0,
        )
    };
    let mut items = Vec::new();
    // The base label of a broken axis stands left of the plot.
    let mut x0 = 0.0;
    let base_run = base.map(|bv| {
        let t = base_label(chart, bv, ctx.lang);
        let r = text_run(
            ctx.shaper,
            face,
            Features::Tabular,
            &t,
            cat_size,
            MUTED,
            0.0,
        );
        x0 = r.width + cat_size * 0.5;
        r
    });
    let (lo, hi) = match base {
        Some(bv) => (bv, chart.values.iter().cloned().fold(bv, f64::max)),
        None => (
            chart.values.iter().cloned().fold(0.0f64, f64::min),
            chart.values.iter().cloned().fold(0.0f64, f64::max),
        ),
    };
    let span = (hi - lo).max(f64::MIN_POSITIVE);
    // Vertical budget: value labels above, category labels below, and
    // under a hanging bar its label, clear of the category labels.
    let cat_top = h - cat_size * 0.3 - cat_size * CAT_ABOVE;
    let hanging = chart.values.iter().any(|&v| v < 0.0);
    let top = value_size * 1.3;
    let bottom = cat_top - cat_size * 0.5 - if hanging { value_size * 1.2 } else { 0.0 };
    let plot_h = (bottom - top).max(1.0);
    let y_of = |v: f64| top + ((hi - v) / span) as f32 * plot_h;
    let axis_y = y_of(base.unwrap_or(0.0));
    let slot = (w - x0) / n as f32;
    let cx = |i: usize| x0 + slot * i as f32 + slot / 2.0;
    let mut obstacles = Obstacles::default();
    // The category row is out of bounds for value labels.
    obstacles.boxes.push((0.0, cat_top, w, h));
    // Where each value label may stand, in order of preference.
    // (x, baseline, alignment): -1 ends at x, 0 centred, 1 starts at x.
    let mut spots: Vec<Vec<(f32, f32, i8)>> = Vec::with_capacity(n);
    match chart.kind {
        ChartKind::Bar => {
            let bar_w = slot * 0.62;
            for (i, &v) in chart.values.iter().enumerate() {
                let x = cx(i) - bar_w / 2.0;
                let (y0, y1) = if v >= 0.0 {
                    (y_of(v), axis_y)
                } else {
                    (axis_y, y_of(v))
                };
                items.push(Item::Path {
                    points: vec![(x, y0), (x + bar_w, y0), (x + bar_w, y1), (x, y1)],
                    width: 0.0,
                    stroke: None,
                    fill: Some(ctx.accent),
                    tag: Tag::Unset,
                });
                obstacles.boxes.push((x, y0, x + bar_w, y1));
                spots.push(vec![if v >= 0.0 {
                    (cx(i), y0 - value_size * 0.35, 0)
                } else {
                    (cx(i), y1 + value_size * (VALUE_ABOVE + 0.3), 0)
                }]);
            }
        }
        ChartKind::Line => {
            let pts: Vec<(f32, f32)> = chart
                .values
                .iter()
                .enumerate()
                .map(|(i, &v)| (cx(i), y_of(v)))
                .collect();
            for pair in pts.windows(2) {
                obstacles.segments.push((pair[0], pair[1]));
            }
            items.push(Item::Path {
                points: pts.clone(),
                width: 1.4,
                stroke: Some(ctx.accent),
                fill: None,
                tag: Tag::Unset,
            });
            for (i, &(x, y)) in pts.iter().enumerate() {
                let v = chart.values[i];
                let before = i.checked_sub(1).map(|j| chart.values[j]);
                let after = chart.values.get(i + 1).copied();
                // A low point is labelled under the line, others over it.
                let low = before.is_none_or(|p| v < p) && after.is_none_or(|q| v < q) && n > 2;
                let (up, down) = (y - value_size * 0.55, y + value_size * (VALUE_ABOVE + 0.45));
                let d = value_size * 0.4;
                let above = [(x, up, 0), (x - d, up, -1), (x + d, up, 1)];
                let below = [(x, down, 0), (x - d, down, -1), (x + d, down, 1)];
                let (first, second) = if low { (below, above) } else { (above, below) };
                spots.push(first.into_iter().chain(second).collect());
            }
        }
    }
    // The zero line, or the base of a broken axis with its value and a
    // break mark (two short strokes across it).
    items.push(Item::Line {
        x1: x0,
        y1: axis_y,
        x2: w,
        y2: axis_y,
        width: 0.6,
        color: MUTED,
        tag: Tag::Unset,
    });
    obstacles.segments.push(((x0, axis_y), (w, axis_y)));
    if let Some(mut r) = base_run {
        r.x = 0.0;
        r.y = axis_y + cat_size * 0.3;
        obstacles.boxes.push(run_box(&r, CAT_ABOVE, CAT_BELOW));
        items.push(Item::Text(r));
        let d = cat_size * 0.35;
        for dx in [0.0, 2.2] {
            let x = x0 + 1.5 + dx;
            items.push(Item::Line {
                x1: x - d * 0.5,
                y1: axis_y + d,
                x2: x + d * 0.5,
                y2: axis_y - d,
                width: 0.6,
                color: MUTED,
                tag: Tag::Unset,
            });
            obstacles
                .boxes
                .push((x - d * 0.5, axis_y - d, x + d * 0.5, axis_y + d));
        }
    }
    // Value labels: on every point when all have room, else on the first,
    // last, highest and lowest that have.
    let place = |i: usize, obstacles: &Obstacles| {
        let mut r = value_run(&texts[i]);
        spots[i].iter().find_map(|&(x, y, align)| {
            let left = match align {
                -1 => x - r.width,
                0 => x - r.width / 2.0,
                _ => x,
            };
            r.x = left.clamp(0.0, (w - r.width).max(0.0));
            r.y = y.max(value_size * VALUE_ABOVE);
            let bx = run_box(&r, VALUE_ABOVE, VALUE_BELOW);
            obstacles.clear(bx).then(|| (r.clone(), bx))
        })
    };
    let try_all = |order: &[usize], obstacles: &mut Obstacles, all: bool| {
        let mut placed = Vec::new();
        for &i in order {
            match place(i, obstacles) {
                Some((r, bx)) => {
                    obstacles.boxes.push(bx);
                    placed.push((i, r));
                }
                None if all => return None,
                None => {}
            }
        }
        Some(placed)
    };
    let everything: Vec<usize> = (0..n).collect();
    let mut trial = Obstacles {
        boxes: obstacles.boxes.clone(),
        segments: obstacles.segments.clone(),
    };
    let labelled = match try_all(&everything, &mut trial, true) {
        Some(p) => p,
        None => {
            let hi_i = (0..n).fold(0, |m, i| {
                if chart.values[i] > chart.values[m] {
                    i
                } else {
                    m
                }
            });
            let lo_i = (0..n).fold(0, |m, i| {
                if chart.values[i] < chart.values[m] {
                    i
                } else {
                    m
                }
            });
            // A highest or lowest equal to an end's value is said there.
            let ends = [chart.values[0], chart.values[n - 1]];
            let mut order = vec![0, n - 1];
            for i in [hi_i, lo_i] {
                if !ends.contains(&chart.values[i]) && !order.contains(&i) {
                    order.push(i);
                }
            }
            try_all(&order, &mut obstacles, false).unwrap_or_default()
        }
    };
    for (i, r) in labelled {
        if chart.kind == ChartKind::Line {
            let (x, y) = (cx(i), y_of(chart.values[i]));
            let d = 1.6;
            items.push(Item::Path {
                points: vec![
                    (x - d, y - d),
                    (x + d, y - d),
                    (x + d, y + d),
                    (x - d, y + d),
                ],
                width: 0.0,
                stroke: None,
                fill: Some(ctx.accent),
                tag: Tag::Unset,
            });
        }
        items.push(Item::Text(r));
    }
    // Category labels, thinned so none touches the next.
    let mut runs: Vec<_> = chart
        .labels
        .iter()
        .map(|l| text_run(ctx.shaper, face, Features::Tabular, l, cat_size, MUTED, 0.0))
        .collect();
    for (i, r) in runs.iter_mut().enumerate() {
        r.x = (cx(i) - r.width / 2.0).clamp(0.0, (w - r.width).max(0.0));
        r.y = h - cat_size * 0.3;
    }
    let gap = cat_size * 0.6;
    let fits = |shown: &[usize]| {
        shown
            .windows(2)
            .all(|p| runs[p[0]].x + runs[p[0]].width + gap <= runs[p[1]].x)
    };
    let shown = category_choice(n, fits);
    for i in shown {
        items.push(Item::Text(runs[i].clone()));
    }
    items
}

/// Which of `n` category labels to print: every `k`-th from the first,
/// the smallest `k` that `fits`, with the last always shown (the one
/// before it dropped if they would touch); a step that lands on the last
/// label is preferred when it is not much sparser.
pub(super) fn category_choice(n: usize, fits: impl Fn(&[usize]) -> bool) -> Vec<usize> {
    let pick = |k: usize| {
        let mut v: Vec<usize> = (0..n).step_by(k).collect();
        if v.last() != Some(&(n - 1)) {
            v.push(n - 1);
        }
        v
    };
    let trim = |k: usize| {
        let mut v = pick(k);
        if !fits(&v) && v.len() > 2 && !(n - 1).is_multiple_of(k) {
            v.remove(v.len() - 2);
        }
        v
    };
    let any = (1..n.max(2)).find(|&k| fits(&trim(k)));
    let even = (1..n.max(2)).find(|&k| (n - 1).is_multiple_of(k) && fits(&pick(k)));
    match (any, even) {
        (Some(a), Some(e)) if e <= a + a / 2 + 1 => pick(e),
        (Some(a), _) => trim(a),
        (None, Some(e)) => pick(e),
        // Not even the first and last fit side by side: the first alone.
        (None, None) => vec![0],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_written_and_big_ones_shorten() {
        let c = Chart {
            kind: ChartKind::Bar,
            labels: vec!["a".into(), "b".into(), "c".into()],
            values: vec![0.0, 2.5, -3.20],
            places: vec![Some(1), Some(1), Some(2)],
            unit: Some("%".into()),
            alt: None,
        };
        assert_eq!(value_labels(&c, Language::EnUs), ["0.0%", "2.5%", "−3.20%"]);
        let big = Chart {
            values: vec![1_250_000.0, 1_410_000.0, 0.0],
            places: vec![Some(0); 3],
            unit: None,
            ..c
        };
        assert_eq!(value_labels(&big, Language::EnUs), ["1.25M", "1.41M", "0M"]);
        assert_eq!(
            value_labels(&big, Language::Es),
            ["1,25\u{A0}M", "1,41\u{A0}M", "0\u{A0}M"]
        );
        assert_eq!(format_value(1_410_000.0, Language::EnUs, None), "1,410,000");
    }

    #[test]
    fn category_labels_thin_evenly_keeping_first_and_last() {
        // Room for every third label of 24 (none closer than 3 apart).
        let fits = |s: &[usize]| s.windows(2).all(|p| p[1] - p[0] >= 3);
        let shown = category_choice(24, fits);
        assert_eq!(shown.first(), Some(&0));
        assert_eq!(shown.last(), Some(&23));
        assert!(fits(&shown), "{shown:?}");
        let all = category_choice(5, |_| true);
        assert_eq!(all, [0, 1, 2, 3, 4]);
    }
}
