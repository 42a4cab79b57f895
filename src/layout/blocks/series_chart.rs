//! Section charts (`[[sections.figures]]`): bars, lines, stacked bars and
//! horizontal bars with one or more series, a value axis with ticks at
//! round numbers and quiet gridlines, the `y_label` over the axis, and a
//! legend for two or more series. Series differ in more than colour, so
//! they survive a black-and-white printer: lines by dash pattern and
//! marker shape, bars by tint steps of clearly different lightness. No
//! label touches another: value labels (one series only) and category
//! labels use the card charts' obstacles and thinning ([`super::chart`]).

use super::chart::{
    category_choice, format_places, run_box, BoxF, Obstacles, CAT_ABOVE, CAT_BELOW, VALUE_ABOVE,
    VALUE_BELOW,
};
use super::ctx::{text_run, Ctx};
use crate::layout::structure::Tag;
use crate::layout::theme::*;
use crate::layout::{GlyphRun, Item};
use crate::model::{ExhibitKind, Rgb, SeriesChart};
use crate::text::fonts::HEADING_SEMIBOLD;
use crate::text::{Features, Role};

/// Gridlines: a light grey hairline, under everything.
const GRID: Rgb = Rgb(0xDD, 0xDD, 0xDD);

/// Dash patterns of the line series (on, off, … in points), solid first.
const DASHES: [&[f32]; 6] = [
    &[],
    &[4.5, 2.2],
    &[1.2, 1.8],
    &[6.0, 1.8, 1.2, 1.8],
    &[2.6, 2.6],
    &[9.0, 2.4],
];

/// Marker shapes of the line series, in the order of [`DASHES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
    TriangleDown,
    Bar,
}

const MARKERS: [Marker; 6] = [
    Marker::Circle,
    Marker::Square,
    Marker::Triangle,
    Marker::Diamond,
    Marker::TriangleDown,
    Marker::Bar,
];

/// How series `i` is drawn.
#[derive(Debug, Clone, Copy)]
pub struct SeriesLook {
    pub color: Rgb,
    pub dash: &'static [f32],
    pub marker: Marker,
}

/// Series `i`'s colour, dash and marker: lines alternate the accent and
/// greys; bars step through tints far apart in lightness.
pub fn look(accent: Rgb, kind: ExhibitKind, i: usize) -> SeriesLook {
    let i = i % DASHES.len();
    let color = match kind {
        ExhibitKind::Line => [
            accent,
            Rgb(0x55, 0x55, 0x55),
            tint(accent, 0.62),
            Rgb(0x22, 0x22, 0x22),
            tint(accent, 0.85),
            Rgb(0x80, 0x80, 0x80),
        ][i],
        // Lightness steps at least 0.06 apart (WCAG luminance), light
        // and dark alternating, so neighbours differ most.
        _ => [
            accent,
            tint(accent, 0.35),
            Rgb(0x5A, 0x5A, 0x5A),
            Rgb(0xD4, 0xD4, 0xD4),
            tint(accent, 0.62),
            Rgb(0xA0, 0xA0, 0xA0),
        ][i],
    };
    SeriesLook {
        color,
        dash: DASHES[i],
        marker: MARKERS[i],
    }
}

/// Round tick values covering `lo..hi`: (first, step, count), about five.
pub fn ticks(lo: f64, hi: f64) -> (f64, f64, usize) {
    let span = (hi - lo).abs().max(1e-9);
    let raw = span / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| span / s <= 6.0)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).floor() * step;
    let last = (hi / step).ceil() * step;
    let count = ((last - first) / step).round() as usize + 1;
    (first, step, count.max(2))
}

/// Decimals a tick step needs (2.5 needs one).
fn tick_places(step: f64) -> u8 {
    (0..=4u8)
        .find(|&p| {
            let s = step * 10f64.powi(i32::from(p));
            (s - s.round()).abs() < 1e-6
        })
        .unwrap_or(4)
}

/// Splits a polyline into its dashes (each a polyline), or keeps it whole
/// for a solid line.
pub fn dashed(points: &[(f32, f32)], pattern: &[f32]) -> Vec<Vec<(f32, f32)>> {
    if pattern.is_empty() || points.len() < 2 {
        return vec![points.to_vec()];
    }
    let mut out = Vec::new();
    let mut cur: Vec<(f32, f32)> = vec![points[0]];
    let (mut k, mut left) = (0usize, pattern[0]);
    let mut on = true;
    for seg in points.windows(2) {
        let (p, q) = (seg[0], seg[1]);
        let len = ((q.0 - p.0).powi(2) + (q.1 - p.1).powi(2)).sqrt();
        let mut t = 0.0;
        while len - t > left {
            t += left;
            let at = (p.0 + (q.0 - p.0) * t / len, p.1 + (q.1 - p.1) * t / len);
            if on {
                cur.push(at);
                out.push(std::mem::take(&mut cur));
            } else {
                cur = vec![at];
            }
            on = !on;
            k = (k + 1) % pattern.len();
            left = pattern[k];
        }
        left -= len - t;
        if on {
            cur.push(q);
        }
    }
    if on && cur.len() > 1 {
        out.push(cur);
    }
    out
}

/// A filled marker of `size` (its width) centred on (x, y).
pub fn marker(m: Marker, x: f32, y: f32, size: f32, color: Rgb) -> Item {
    let r = size / 2.0;
    let points = match m {
        Marker::Circle => (0..12)
            .map(|i| {
                let a = i as f32 * std::f32::consts::PI / 6.0;
                (x + r * a.cos(), y + r * a.sin())
            })
            .collect(),
        Marker::Square => {
            let r = r * 0.88;
            vec![
                (x - r, y - r),
                (x + r, y - r),
                (x + r, y + r),
                (x - r, y + r),
            ]
        }
        Marker::Triangle => vec![
            (x, y - r * 1.1),
            (x + r * 1.1, y + r * 0.8),
            (x - r * 1.1, y + r * 0.8),
        ],
        Marker::TriangleDown => {
            vec![
                (x, y + r * 1.1),
                (x + r * 1.1, y - r * 0.8),
                (x - r * 1.1, y - r * 0.8),
            ]
        }
        Marker::Diamond => vec![(x, y - r * 1.2), (x + r, y), (x, y + r * 1.2), (x - r, y)],
        Marker::Bar => vec![
            (x - r * 1.2, y - r * 0.5),
            (x + r * 1.2, y - r * 0.5),
            (x + r * 1.2, y + r * 0.5),
            (x - r * 1.2, y + r * 0.5),
        ],
    };
    Item::Path {
        points,
        width: 0.0,
        stroke: None,
        fill: Some(color),
        tag: Tag::Unset,
    }
}

fn rect(x0: f32, y0: f32, x1: f32, y1: f32, fill: Rgb) -> Item {
    let (x0, x1) = (x0.min(x1), x0.max(x1));
    let (y0, y1) = (y0.min(y1), y0.max(y1));
    Item::Path {
        points: vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1)],
        width: 0.0,
        stroke: None,
        fill: Some(fill),
        tag: Tag::Unset,
    }
}

fn line(x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: Rgb) -> Item {
    Item::Line {
        x1,
        y1,
        x2,
        y2,
        width,
        color,
        tag: Tag::Unset,
    }
}

/// The lowest and highest value the axis must show: stacks sum their
/// positive and negative parts apart; bars start from zero.
fn extent(chart: &SeriesChart) -> (f64, f64) {
    let n = chart.labels.len();
    match chart.kind {
        ExhibitKind::StackedBar => {
            let (mut lo, mut hi) = (0.0f64, 0.0f64);
            for i in 0..n {
                let pos: f64 = chart.series.iter().map(|s| s.values[i].max(0.0)).sum();
                let neg: f64 = chart.series.iter().map(|s| s.values[i].min(0.0)).sum();
                hi = hi.max(pos);
                lo = lo.min(neg);
            }
            (lo, hi)
        }
        _ => {
            let all = chart.series.iter().flat_map(|s| s.values.iter().copied());
            let (lo, hi) = all.fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
            if chart.kind == ExhibitKind::Line && lo > 0.0 && lo > hi * 0.5 {
                // A line far from zero: the axis starts near its lowest
                // value, and its ticks say where.
                (lo, hi)
            } else {
                (lo.min(0.0), hi.max(0.0))
            }
        }
    }
}

/// A chart drawn `w` wide: its items (top-left at (0, 0), untagged: the
/// caller tags them as the Figure) and its height. Lines of two or more
/// series are named at their ends when the names fit there, which reads
/// better than a legend; otherwise, and for bars, a legend names them.
pub fn draw(ctx: &Ctx, chart: &SeriesChart, w: f32) -> (Vec<Item>, f32) {
    let direct = (chart.kind == ExhibitKind::Line && chart.series.len() > 1)
        .then(|| direct_labels(ctx, chart, w))
        .flatten();
    let (items, h) = direct.unwrap_or_else(|| with_legend(ctx, chart, w));
    (knock_out(items), h)
}

/// Gridlines and axes stop short of every label they would cross (a
/// value label past a bar's end, a series name at its line's end), so no
/// rule runs through a word.
fn knock_out(items: Vec<Item>) -> Vec<Item> {
    let boxes: Vec<BoxF> = items
        .iter()
        .filter_map(|i| match i {
            Item::Text(r) => {
                let (x0, y0, x1, y1) = run_box(r, CAT_ABOVE, CAT_BELOW);
                Some((x0 - 1.0, y0 - 1.0, x1 + 1.0, y1 + 1.0))
            }
            _ => None,
        })
        .collect();
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        let Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
            tag,
        } = it
        else {
            out.push(it);
            continue;
        };
        let level = (y1 - y2).abs() < 1e-3;
        let upright = (x1 - x2).abs() < 1e-3;
        if !level && !upright {
            out.push(it);
            continue;
        }
        // The line as an interval along its run, less each box it meets.
        let (mut lo, hi) = if level {
            (x1.min(x2), x1.max(x2))
        } else {
            (y1.min(y2), y1.max(y2))
        };
        let mut cuts: Vec<(f32, f32)> = boxes
            .iter()
            .filter(|b| {
                if level {
                    b.1 <= y1 && y1 <= b.3
                } else {
                    b.0 <= x1 && x1 <= b.2
                }
            })
            .map(|b| if level { (b.0, b.2) } else { (b.1, b.3) })
            .filter(|c| c.1 > lo && c.0 < hi)
            .collect();
        cuts.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut piece = |a: f32, b: f32| {
            if b - a > 0.5 {
                out.push(if level {
                    Item::Line {
                        x1: a,
                        y1,
                        x2: b,
                        y2: y1,
                        width,
                        color,
                        tag,
                    }
                } else {
                    Item::Line {
                        x1,
                        y1: a,
                        x2: x1,
                        y2: b,
                        width,
                        color,
                        tag,
                    }
                });
            }
        };
        for (a, b) in cuts {
            piece(lo, a.min(hi));
            lo = lo.max(b);
        }
        piece(lo, hi);
    }
    out
}

/// A line chart with each series' name at its line's end: the plot
/// narrowed by the longest name, the names nudged apart (never touching)
/// and refused when one would stand more than a line and a half from its
/// line's end (below the plot, the gutter is empty).
fn direct_labels(ctx: &Ctx, chart: &SeriesChart, w: f32) -> Option<(Vec<Item>, f32)> {
    let small = ctx.base * CHART_LABEL_SIZE;
    let face = ctx.shaper.fonts.face(Role::Heading, false, false);
    let mut names: Vec<GlyphRun> = chart
        .series
        .iter()
        .map(|s| text_run(ctx.shaper, face, Features::Text, &s.name, small, INK, 0.0))
        .collect();
    let pad = small * 0.6;
    let gutter = names.iter().fold(0.0f32, |m, r| m.max(r.width)) + pad * 1.5;
    if gutter > w * 0.25 {
        return None;
    }
    let mut items = Vec::new();
    let mut y = 0.0;
    if let Some(label) = &chart.y_label {
        let mut r = text_run(
            ctx.shaper,
            face,
            Features::Tabular,
            label,
            small,
            MUTED,
            0.0,
        );
        r.y = y + small * 0.8;
        items.push(Item::Text(r));
        y += small * 1.5;
    }
    let (plot, h, ends) = vertical(ctx, chart, w - gutter, y);
    // Baselines wanted (the name's middle level with the line's end),
    // then pushed apart in order from the top.
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| ends[a].1.total_cmp(&ends[b].1));
    let step = small * 1.2;
    let want: Vec<f32> = ends.iter().map(|e| e.1 + small * 0.35).collect();
    let mut at = vec![0.0f32; names.len()];
    let mut prev = f32::MIN;
    for &i in &order {
        at[i] = want[i].max(prev + step);
        prev = at[i];
    }
    if order
        .iter()
        .any(|&i| (at[i] - want[i]).abs() > small * 1.5 || at[i] < y + small)
    {
        return None;
    }
    items.extend(plot);
    for (i, mut r) in names.drain(..).enumerate() {
        r.x = ends[i].0 + pad;
        r.y = at[i];
        items.push(Item::Text(r));
    }
    Some((items, h))
}

fn with_legend(ctx: &Ctx, chart: &SeriesChart, w: f32) -> (Vec<Item>, f32) {
    let b = ctx.base;
    let small = b * CHART_LABEL_SIZE;
    let face = ctx.shaper.fonts.face(Role::Heading, false, false);
    let run =
        |t: &str, color: Rgb| text_run(ctx.shaper, face, Features::Tabular, t, small, color, 0.0);
    let mut items = Vec::new();
    let mut y = 0.0;
    // The legend, for two or more series: swatches and names in rows.
    if chart.series.len() > 1 {
        let sw = small * 2.2;
        let gap = small * 1.4;
        let mut x = 0.0;
        let row_h = small * 1.5;
        for (i, s) in chart.series.iter().enumerate() {
            let lk = look(ctx.accent, chart.kind, i);
            let mut name = run(&s.name, INK);
            let entry = sw + small * 0.4 + name.width;
            if x > 0.0 && x + entry > w {
                x = 0.0;
                y += row_h;
            }
            let mid = y + small * 0.45;
            match chart.kind {
                ExhibitKind::Line => {
                    for piece in dashed(&[(x, mid), (x + sw, mid)], lk.dash) {
                        items.push(Item::Path {
                            points: piece,
                            width: 1.4,
                            stroke: Some(lk.color),
                            fill: None,
                            tag: Tag::Unset,
                        });
                    }
                    items.push(marker(lk.marker, x + sw / 2.0, mid, small * 0.55, lk.color));
                }
                _ => items.push(rect(
                    x,
                    mid - small * 0.4,
                    x + sw * 0.6,
                    mid + small * 0.4,
                    lk.color,
                )),
            }
            let sw_used = if chart.kind == ExhibitKind::Line {
                sw
            } else {
                sw * 0.6
            };
            name.x = x + sw_used + small * 0.4;
            name.y = y + small * 0.8;
            x = name.x + name.width + gap;
            items.push(Item::Text(name));
        }
        y += row_h + small * 0.4;
    }
    if let Some(label) = &chart.y_label {
        let mut r = run(label, MUTED);
        r.y = y + small * 0.8;
        items.push(Item::Text(r));
        y += small * 1.5;
    }
    let (plot, h) = if chart.kind == ExhibitKind::HBar {
        horizontal(ctx, chart, w, y)
    } else {
        let (plot, h, _) = vertical(ctx, chart, w, y);
        (plot, h)
    };
    items.extend(plot);
    (items, h)
}

/// Tick values and their labels.
fn tick_labels(ctx: &Ctx, chart: &SeriesChart, lo: f64, hi: f64) -> (Vec<f64>, Vec<String>) {
    let (first, step, count) = ticks(lo, hi);
    // A short unit ("%", "$") reads on each tick; a longer one is the
    // y_label's to say.
    let unit = chart
        .unit
        .as_deref()
        .filter(|u| u.trim().chars().count() <= 1);
    let values: Vec<f64> = (0..count).map(|k| first + step * k as f64).collect();
    // Big numbers on the value labels' scale ("1.5M"), as they print.
    let max_abs = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let (div, suffix) = super::chart::scale_for(max_abs, ctx.lang).unwrap_or((1.0, ""));
    let places = tick_places(step / div);
    let labels = values
        .iter()
        .map(|&v| {
            let v = if v.abs() < step * 1e-6 { 0.0 } else { v / div };
            let mut s = format_places(v, Some(if v == 0.0 { 0 } else { places }), ctx.lang, None);
            if v != 0.0 {
                s.push_str(suffix);
            }
            s.push_str(unit.unwrap_or(""));
            s
        })
        .collect();
    (values, labels)
}

/// Bars, stacks or lines over category labels, `w` wide from `top`: the
/// items, the height, and each line series' last point.
fn vertical(ctx: &Ctx, chart: &SeriesChart, w: f32, top: f32) -> (Vec<Item>, f32, Vec<(f32, f32)>) {
    let b = ctx.base;
    let small = b * CHART_LABEL_SIZE;
    let value_size = b * CHART_VALUE_SIZE;
    let face = ctx.shaper.fonts.face(Role::Heading, false, false);
    let run =
        |t: &str, color: Rgb| text_run(ctx.shaper, face, Features::Tabular, t, small, color, 0.0);
    let n = chart.labels.len();
    let ns = chart.series.len();
    let (lo, hi) = extent(chart);
    let (tv, tl) = tick_labels(ctx, chart, lo, hi);
    let (t0, t1) = (tv[0], tv[tv.len() - 1]);
    let tick_runs: Vec<GlyphRun> = tl.iter().map(|t| run(t, MUTED)).collect();
    let left = tick_runs.iter().fold(0.0f32, |m, r| m.max(r.width)) + small * 0.6;
    let plot_h = (w * 0.42).clamp(b * 10.0, b * 17.0);
    let plot_top = top + small * 0.5;
    let plot_bottom = plot_top + plot_h;
    let cat_base = plot_bottom + small * 0.4 + small * CAT_ABOVE;
    let height = cat_base + small * CAT_BELOW + small * 0.2;
    let y_of = |v: f64| plot_top + ((t1 - v) / (t1 - t0).max(1e-12)) as f32 * plot_h;
    let mut items = Vec::new();
    let mut obstacles = Obstacles::default();
    // Gridlines and tick labels; the zero line stronger.
    for (k, (&v, mut r)) in tv.iter().zip(tick_runs).enumerate() {
        let gy = y_of(v);
        let zero = v.abs() < 1e-9 || (k == 0 && t0 > 0.0);
        items.push(line(
            left,
            gy,
            w,
            gy,
            if zero { 0.6 } else { 0.35 },
            if zero { MUTED } else { GRID },
        ));
        r.x = left - small * 0.6 - r.width;
        r.y = gy + small * 0.35;
        obstacles.boxes.push(run_box(&r, CAT_ABOVE, CAT_BELOW));
        items.push(Item::Text(r));
    }
    let plot_w = w - left;
    let slot = plot_w / n as f32;
    let cx = |i: usize| left + slot * (i as f32 + 0.5);
    obstacles.boxes.push((0.0, plot_bottom + 0.5, w, height));
    // Where each value label (one series only) may stand.
    let mut spots: Vec<(f32, f32, f32)> = Vec::new();
    let zero_y = y_of(0.0f64.clamp(t0, t1));
    let mut ends = Vec::new();
    match chart.kind {
        ExhibitKind::Bar => {
            let group = slot * if ns == 1 { 0.62 } else { 0.78 };
            let bw = group / ns as f32;
            for (j, s) in chart.series.iter().enumerate() {
                let lk = look(ctx.accent, chart.kind, j);
                for (i, &v) in s.values.iter().enumerate() {
                    let x = cx(i) - group / 2.0 + bw * j as f32;
                    let yv = y_of(v);
                    // A hair of white between neighbouring bars.
                    let inset = if ns > 1 { 0.3 } else { 0.0 };
                    items.push(rect(x + inset, yv, x + bw - inset, zero_y, lk.color));
                    obstacles
                        .boxes
                        .push((x, yv.min(zero_y), x + bw, yv.max(zero_y)));
                    spots.push((x + bw / 2.0, yv, zero_y));
                }
            }
        }
        ExhibitKind::StackedBar => {
            let bw = slot * 0.6;
            for i in 0..n {
                let (mut pos, mut neg) = (0.0f64, 0.0f64);
                let x = cx(i) - bw / 2.0;
                for (j, s) in chart.series.iter().enumerate() {
                    let v = s.values[i];
                    let (from, to) = if v >= 0.0 {
                        pos += v;
                        (pos - v, pos)
                    } else {
                        neg += v;
                        (neg - v, neg)
                    };
                    let lk = look(ctx.accent, chart.kind, j);
                    let (y0, y1) = (y_of(from), y_of(to));
                    // Segments parted by a white hairline.
                    let part = if (y0 - y1).abs() > 1.0 { 0.25 } else { 0.0 };
                    items.push(rect(
                        x,
                        y0.min(y1) + part,
                        x + bw,
                        y0.max(y1) - part,
                        lk.color,
                    ));
                }
                obstacles.boxes.push((x, y_of(pos), x + bw, y_of(neg)));
            }
        }
        _ => {
            for (j, s) in chart.series.iter().enumerate() {
                let lk = look(ctx.accent, chart.kind, j);
                let pts: Vec<(f32, f32)> = s
                    .values
                    .iter()
                    .enumerate()
                    .map(|(i, &v)| (cx(i), y_of(v)))
                    .collect();
                for pair in pts.windows(2) {
                    obstacles.segments.push((pair[0], pair[1]));
                }
                ends.extend(pts.last().copied());
                for piece in dashed(&pts, lk.dash) {
                    items.push(Item::Path {
                        points: piece,
                        width: 1.4,
                        stroke: Some(lk.color),
                        fill: None,
                        tag: Tag::Unset,
                    });
                }
                let every = slot >= small * 1.4;
                let size = small * 0.55;
                for (i, &(x, yv)) in pts.iter().enumerate() {
                    if every || i == 0 || i + 1 == n {
                        items.push(marker(lk.marker, x, yv, size, lk.color));
                        obstacles.boxes.push((
                            x - size * 0.7,
                            yv - size * 0.7,
                            x + size * 0.7,
                            yv + size * 0.7,
                        ));
                    }
                    spots.push((x, yv, yv));
                }
            }
        }
    }
    // Value labels for a single series: on every point when all have
    // room, else on the first, last, highest and lowest that have (the
    // card charts' rule).
    if ns == 1 && chart.kind != ExhibitKind::StackedBar {
        let texts = value_texts(ctx, chart);
        let values = &chart.series[0].values;
        let place = |i: usize, obstacles: &Obstacles| {
            let (x, yv, base) = spots[i];
            let mut r = text_run(
                ctx.shaper,
                HEADING_SEMIBOLD,
                Features::Tabular,
                &texts[i],
                value_size,
                INK,
                0.0,
            );
            let centred = (x - r.width / 2.0).clamp(0.0, (w - r.width).max(0.0));
            let (up, down) = (yv - value_size * 0.4, yv + value_size * (VALUE_ABOVE + 0.5));
            let mut candidates = if values[i] >= 0.0 || chart.kind == ExhibitKind::Line {
                vec![(centred, up), (centred, down)]
            } else {
                vec![
                    (centred, base.max(yv) + value_size * (VALUE_ABOVE + 0.3)),
                    (centred, up),
                ]
            };
            if chart.kind == ExhibitKind::Line {
                // Beside the point, level with it, then over it to a side.
                let d = value_size * 0.6;
                let level = yv + value_size * 0.3;
                let (left, right) = (
                    (x - d - r.width).max(0.0),
                    (x + d).min((w - r.width).max(0.0)),
                );
                candidates.extend([(left, level), (right, level), (left, up), (right, up)]);
            }
            candidates.into_iter().find_map(|(lx, y)| {
                r.x = lx;
                r.y = y;
                let bx = run_box(&r, VALUE_ABOVE, VALUE_BELOW);
                (bx.1 >= top && obstacles.clear(bx)).then(|| (r.clone(), bx))
            })
        };
        let try_all = |order: &[usize], obstacles: &mut Obstacles, all: bool| {
            let mut placed = Vec::new();
            for &i in order {
                match place(i, obstacles) {
                    Some((r, bx)) => {
                        obstacles.boxes.push(bx);
                        placed.push(r);
                    }
                    None if all => return None,
                    None => {}
                }
            }
            Some(placed)
        };
        let n = values.len();
        let everything: Vec<usize> = (0..n).collect();
        let mut trial = obstacles.clone();
        let placed = match try_all(&everything, &mut trial, true) {
            Some(p) => p,
            None => {
                let pick = |better: fn(f64, f64) -> bool| {
                    (0..n).fold(0, |m, i| if better(values[i], values[m]) { i } else { m })
                };
                let (hi_i, lo_i) = (pick(|a, b| a > b), pick(|a, b| a < b));
                let ends = [values[0], values[n - 1]];
                let mut order = vec![0, n - 1];
                for i in [hi_i, lo_i] {
                    if !ends.contains(&values[i]) && !order.contains(&i) {
                        order.push(i);
                    }
                }
                try_all(&order, &mut obstacles, false).unwrap_or_default()
            }
        };
        items.extend(placed.into_iter().map(Item::Text));
    }
    // Category labels, thinned so none touches the next.
    // None reaches left under the tick labels.
    let mut runs: Vec<GlyphRun> = chart.labels.iter().map(|l| run(l, MUTED)).collect();
    for (i, r) in runs.iter_mut().enumerate() {
        let from = left - small * 0.45;
        r.x = (cx(i) - r.width / 2.0).clamp(from, (w - r.width).max(from));
        r.y = cat_base;
    }
    let gap = small * 0.6;
    let fits = |shown: &[usize]| {
        shown
            .windows(2)
            .all(|p| runs[p[0]].x + runs[p[0]].width + gap <= runs[p[1]].x)
    };
    for i in category_choice(n, fits) {
        items.push(Item::Text(runs[i].clone()));
    }
    (items, height, ends)
}

/// Each value of a one-series chart as written, with the unit.
fn value_texts(ctx: &Ctx, chart: &SeriesChart) -> Vec<String> {
    let s = &chart.series[0];
    let card = crate::model::Chart {
        kind: crate::model::ChartKind::Bar,
        labels: chart.labels.clone(),
        values: s.values.clone(),
        places: s.places.clone(),
        unit: chart.unit.clone(),
        alt: None,
    };
    super::chart::value_labels(&card, ctx.lang)
}

fn horizontal(ctx: &Ctx, chart: &SeriesChart, w: f32, top: f32) -> (Vec<Item>, f32) {
    let b = ctx.base;
    let small = b * CHART_LABEL_SIZE;
    let value_size = b * CHART_VALUE_SIZE;
    let face = ctx.shaper.fonts.face(Role::Heading, false, false);
    let run =
        |t: &str, color: Rgb| text_run(ctx.shaper, face, Features::Tabular, t, small, color, 0.0);
    let n = chart.labels.len();
    let ns = chart.series.len();
    // Category labels down the left, at most two fifths of the width: a
    // longer one is cut at a word and ends in an ellipsis (at the type
    // scale's size; the Alt text and the exports keep it whole).
    let most = w * 0.4;
    let mut cats: Vec<GlyphRun> = chart
        .labels
        .iter()
        .map(|l| {
            let mut r = run(l, INK);
            let mut words: Vec<&str> = l.split_whitespace().collect();
            while r.width > most && words.len() > 1 {
                words.pop();
                let cut = words.join(" ");
                let cut = cut.trim_end_matches([',', ';', ':', '.']);
                r = run(&format!("{cut}…"), INK);
            }
            let mut chars: Vec<char> = l.chars().collect();
            while r.width > most && chars.len() > 1 {
                chars.pop();
                r = run(&format!("{}…", chars.iter().collect::<String>()), INK);
            }
            r
        })
        .collect();
    let left = cats.iter().fold(0.0f32, |m, r| m.max(r.width)) + small * 0.8;
    let bar = small * 1.05;
    let row = (bar * ns as f32 + small * 0.7).max(small * 1.8);
    let (lo, hi) = extent(chart);
    let (tv, tl) = tick_labels(ctx, chart, lo, hi);
    let (t0, t1) = (tv[0], tv[tv.len() - 1]);
    // Room right of the longest bar for its value label.
    let texts = (ns == 1).then(|| value_texts(ctx, chart));
    let label_room = texts.as_ref().map_or(0.0, |t| {
        t.iter().fold(0.0f32, |m, s| m.max(run(s, INK).width)) + small * 0.5
    });
    let plot_w = (w - left - label_room).max(w * 0.3);
    let x_of = |v: f64| left + ((v - t0) / (t1 - t0).max(1e-12)) as f32 * plot_w;
    let plot_top = top + small * 0.3;
    let plot_bottom = plot_top + row * n as f32;
    let tick_base = plot_bottom + small * 0.4 + small * CAT_ABOVE;
    let height = tick_base + small * CAT_BELOW + small * 0.2;
    let mut items = Vec::new();
    // Vertical gridlines and the value ticks under the plot, thinned like
    // category labels.
    let zero_x = x_of(0.0f64.clamp(t0, t1));
    let mut tick_runs: Vec<GlyphRun> = tl.iter().map(|t| run(t, MUTED)).collect();
    for (&v, r) in tv.iter().zip(tick_runs.iter_mut()) {
        let gx = x_of(v);
        let zero = (gx - zero_x).abs() < 0.01;
        items.push(line(
            gx,
            plot_top,
            gx,
            plot_bottom,
            if zero { 0.6 } else { 0.35 },
            if zero { MUTED } else { GRID },
        ));
        r.x = (gx - r.width / 2.0).clamp(0.0, (w - r.width).max(0.0));
        r.y = tick_base;
    }
    let gap = small * 0.6;
    let fits = |shown: &[usize]| {
        shown
            .windows(2)
            .all(|p| tick_runs[p[0]].x + tick_runs[p[0]].width + gap <= tick_runs[p[1]].x)
    };
    for i in category_choice(tick_runs.len(), fits) {
        items.push(Item::Text(tick_runs[i].clone()));
    }
    let mut obstacles = Obstacles::default();
    for (i, cat) in cats.iter_mut().enumerate() {
        let ry = plot_top + row * i as f32;
        let mid = ry + row / 2.0;
        cat.x = left - small * 0.8 - cat.width;
        cat.y = mid + cat.size * 0.35;
        let group = bar * ns as f32;
        for (j, s) in chart.series.iter().enumerate() {
            let lk = look(ctx.accent, chart.kind, j);
            let v = s.values[i];
            let y0 = mid - group / 2.0 + bar * j as f32;
            let inset = if ns > 1 { 0.3 } else { 0.0 };
            let xv = x_of(v);
            items.push(rect(zero_x, y0 + inset, xv, y0 + bar - inset, lk.color));
            let bx: BoxF = (zero_x.min(xv), y0, zero_x.max(xv), y0 + bar);
            obstacles.boxes.push(bx);
        }
        obstacles.boxes.push(run_box(cat, CAT_ABOVE, CAT_BELOW));
    }
    if let Some(texts) = texts {
        for (i, t) in texts.iter().enumerate() {
            let v = chart.series[0].values[i];
            let mid = plot_top + row * (i as f32 + 0.5);
            let mut r = text_run(
                ctx.shaper,
                HEADING_SEMIBOLD,
                Features::Tabular,
                t,
                value_size,
                INK,
                0.0,
            );
            let xv = x_of(v);
            r.x = if v >= 0.0 {
                xv + small * 0.35
            } else {
                xv - small * 0.35 - r.width
            };
            r.y = mid + value_size * 0.35;
            let bx = run_box(&r, VALUE_ABOVE, VALUE_BELOW);
            if bx.0 >= 0.0 && bx.2 <= w + 0.01 && obstacles.clear(bx) {
                obstacles.boxes.push(bx);
                items.push(Item::Text(r));
            }
        }
    }
    items.extend(cats.into_iter().map(Item::Text));
    (items, height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(ticks(0.0, 47.9), (0.0, 10.0, 6));
        let (first, step, count) = ticks(28.3, 33.6);
        assert_eq!(step, 1.0);
        assert!(first <= 28.3 && first + step * (count - 1) as f64 >= 33.6);
        let (_, step, _) = ticks(-3.0, 2.0);
        assert_eq!(step, 1.0);
        assert_eq!(tick_places(2.5), 1);
        assert_eq!(tick_places(0.25), 2);
    }

    #[test]
    fn dashes_cover_the_line_in_pieces() {
        let pieces = dashed(&[(0.0, 0.0), (20.0, 0.0)], &[4.0, 2.0]);
        assert_eq!(pieces.len(), 4, "{pieces:?}");
        assert_eq!(pieces[0], vec![(0.0, 0.0), (4.0, 0.0)]);
        assert_eq!(dashed(&[(0.0, 0.0), (5.0, 5.0)], &[]).len(), 1);
    }

    #[test]
    fn series_differ_in_more_than_colour() {
        let a = Rgb(0x1F, 0x3A, 0x5F);
        for i in 0..6 {
            for j in 0..i {
                let (x, y) = (look(a, ExhibitKind::Line, i), look(a, ExhibitKind::Line, j));
                assert!(x.dash != y.dash && x.marker != y.marker);
                let (p, q) = (
                    luminance(look(a, ExhibitKind::Bar, i).color),
                    luminance(look(a, ExhibitKind::Bar, j).color),
                );
                assert!((p - q).abs() > 0.04, "bar tints {i} and {j} too close");
            }
        }
    }
}
