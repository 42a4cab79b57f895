//! Small vector charts inside key-figure cards: bars (axis from zero,
//! value labels, thinned category labels) and lines (end-point labels).

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
    let plain = if v.fract() == 0.0 && v.abs() < 1e15 {
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
    if v < 0.0 {
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

fn draw_parts(ctx: &Ctx, chart: &Chart, w: f32, h: f32) -> Vec<Item> {
    let b = ctx.base;
    let value_size = b * CHART_VALUE_SIZE;
    let cat_size = b * CHART_LABEL_SIZE;
    let face = ctx.shaper.fonts.face(Role::Heading, false, false);
    let unit = chart.unit.as_deref();
    let n = chart.values.len();
    let max = chart.values.iter().cloned().fold(0.0f64, f64::max);
    let min = chart.values.iter().cloned().fold(0.0f64, f64::min);
    let span = (max - min).max(f64::MIN_POSITIVE);
    // Vertical budget: value labels above, category labels below.
    let top = value_size * 1.3;
    let bottom = h - cat_size * 1.5;
    let plot_h = (bottom - top).max(1.0);
    let y_of = |v: f64| top + ((max - v) / span) as f32 * plot_h;
    let zero = y_of(0.0);
    let mut items = Vec::new();
    let slot = w / n as f32;
    // A value's label: the number as written, with the unit, in tabular
    // figures.
    let value_label = |v: f64| {
        let label = format_value(v, ctx.lang, unit);
        text_run(
            ctx.shaper,
            HEADING_SEMIBOLD,
            Features::Tabular,
            &label,
            value_size,
            INK,
            0.0,
        )
    };
    match chart.kind {
        ChartKind::Bar => {
            let bar_w = slot * 0.62;
            for (i, &v) in chart.values.iter().enumerate() {
                let x = slot * i as f32 + (slot - bar_w) / 2.0;
                let (y0, y1) = if v >= 0.0 {
                    (y_of(v), zero)
                } else {
                    (zero, y_of(v))
                };
                items.push(Item::Path {
                    points: vec![(x, y0), (x + bar_w, y0), (x + bar_w, y1), (x, y1)],
                    width: 0.0,
                    stroke: None,
                    fill: Some(ctx.accent),
                    tag: Tag::Unset,
                });
                let mut r = value_label(v);
                if r.width > slot {
                    continue;
                }
                r.x = x + bar_w / 2.0 - r.width / 2.0;
                r.y = if v >= 0.0 {
                    y0 - value_size * 0.3
                } else {
                    y1 + value_size * 1.0
                };
                items.push(Item::Text(r));
            }
        }
        ChartKind::Line => {
            let pts: Vec<(f32, f32)> = chart
                .values
                .iter()
                .enumerate()
                .map(|(i, &v)| (slot * i as f32 + slot / 2.0, y_of(v)))
                .collect();
            items.push(Item::Path {
                points: pts.clone(),
                width: 1.4,
                stroke: Some(ctx.accent),
                fill: None,
                tag: Tag::Unset,
            });
            for &i in &[0, n - 1] {
                let (x, y) = pts[i];
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
                let mut r = value_label(chart.values[i]);
                r.x = (x - r.width / 2.0).clamp(0.0, (w - r.width).max(0.0));
                r.y = (y - value_size * 0.5).max(value_size);
                items.push(Item::Text(r));
            }
        }
    }
    // Zero line.
    items.push(Item::Line {
        x1: 0.0,
        y1: zero,
        x2: w,
        y2: zero,
        width: 0.6,
        color: MUTED,
        tag: Tag::Unset,
    });
    // Category labels, thinned so none overlaps the next.
    let runs: Vec<_> = chart
        .labels
        .iter()
        .map(|l| text_run(ctx.shaper, face, Features::Tabular, l, cat_size, MUTED, 0.0))
        .collect();
    let widest = runs.iter().map(|r| r.width).fold(0.0, f32::max);
    let every = ((widest + cat_size) / slot).ceil().max(1.0) as usize;
    for (i, mut r) in runs.into_iter().enumerate() {
        if i % every != 0 && i != n - 1 {
            continue;
        }
        if i == n - 1 && i % every != 0 && (n - 1) % every < every / 2 + 1 && every > 1 {
            continue;
        }
        r.x = (slot * i as f32 + slot / 2.0 - r.width / 2.0).clamp(0.0, (w - r.width).max(0.0));
        r.y = h - cat_size * 0.3;
        items.push(Item::Text(r));
    }
    items
}
