//! What a listener hears for a chart: what a sighted reader learns at a
//! glance, in the briefing's language. The chart's kind and subject, then
//! its finding (where a series goes from first to last, its peak or low
//! on the way; for categories, the highest and lowest), then the values
//! while there are few enough to hear, all in about 250 characters.

use super::chart::{format_places, format_value};
use crate::model::{Chart, ChartKind, Language};

/// Past this many characters a description stops helping: the values
/// give way to the finding alone.
const MAX_CHARS: usize = 250;

/// At most this many values are read out one by one.
const MAX_VALUES: usize = 12;

/// The sentence pieces of one language. `{a}`, `{b}`: values; `{la}`,
/// `{lb}`: their categories; `{v}`, `{l}`: one value and its category;
/// `{d}`: a difference in points.
struct Words {
    rises: &'static str,
    falls: &'static str,
    unchanged: &'static str,
    peak: &'static str,
    low: &'static str,
    up_points: &'static str,
    down_points: &'static str,
    up_percent: &'static str,
    down_percent: &'static str,
    highest_lowest: &'static str,
    values: &'static str,
    /// Between a label and what follows in a list ("Values: …").
    colon: &'static str,
    semicolon: &'static str,
}

const EN: Words = Words {
    rises: "Rises from {a} ({la}) to {b} ({lb})",
    falls: "Falls from {a} ({la}) to {b} ({lb})",
    unchanged: "Unchanged at {a} from {la} to {lb}",
    peak: ", peaking at {v} ({l})",
    low: ", with a low of {v} ({l})",
    up_points: ", up {d} points",
    down_points: ", down {d} points",
    up_percent: ", up {d}%",
    down_percent: ", down {d}%",
    highest_lowest: "Highest: {lh}, {vh}; lowest: {ll}, {vl}",
    values: "Values",
    colon: ": ",
    semicolon: "; ",
};

const ES: Words = Words {
    rises: "Sube de {a} ({la}) a {b} ({lb})",
    falls: "Baja de {a} ({la}) a {b} ({lb})",
    unchanged: "Sin cambios en {a} de {la} a {lb}",
    peak: ", con un máximo de {v} ({l})",
    low: ", con un mínimo de {v} ({l})",
    up_points: ", {d} puntos más",
    down_points: ", {d} puntos menos",
    up_percent: ", un {d}\u{00A0}% más",
    down_percent: ", un {d}\u{00A0}% menos",
    highest_lowest: "Máximo: {lh}, {vh}; mínimo: {ll}, {vl}",
    values: "Valores",
    colon: ": ",
    semicolon: "; ",
};

const FR: Words = Words {
    rises: "En hausse, de {a} ({la}) à {b} ({lb})",
    falls: "En baisse, de {a} ({la}) à {b} ({lb})",
    unchanged: "Stable à {a} de {la} à {lb}",
    peak: ", avec un maximum de {v} ({l})",
    low: ", avec un minimum de {v} ({l})",
    up_points: ", soit {d} points de plus",
    down_points: ", soit {d} points de moins",
    up_percent: ", soit {d}\u{202F}% de plus",
    down_percent: ", soit {d}\u{202F}% de moins",
    highest_lowest: "Maximum\u{202F}: {lh}, {vh}\u{202F}; minimum\u{202F}: {ll}, {vl}",
    values: "Valeurs",
    colon: "\u{202F}: ",
    semicolon: "\u{202F}; ",
};

const DE: Words = Words {
    rises: "Steigt von {a} ({la}) auf {b} ({lb})",
    falls: "Sinkt von {a} ({la}) auf {b} ({lb})",
    unchanged: "Unverändert bei {a} von {la} bis {lb}",
    peak: ", mit einem Höchstwert von {v} ({l})",
    low: ", mit einem Tiefstwert von {v} ({l})",
    up_points: ", {d} Punkte mehr",
    down_points: ", {d} Punkte weniger",
    up_percent: ", {d}\u{00A0}% mehr",
    down_percent: ", {d}\u{00A0}% weniger",
    highest_lowest: "Höchster Wert: {lh}, {vh}; niedrigster: {ll}, {vl}",
    values: "Werte",
    colon: ": ",
    semicolon: "; ",
};

const PT: Words = Words {
    rises: "Sobe de {a} ({la}) para {b} ({lb})",
    falls: "Desce de {a} ({la}) para {b} ({lb})",
    unchanged: "Estável em {a} de {la} a {lb}",
    peak: ", com um máximo de {v} ({l})",
    low: ", com um mínimo de {v} ({l})",
    up_points: ", mais {d} pontos",
    down_points: ", menos {d} pontos",
    up_percent: ", mais {d}\u{00A0}%",
    down_percent: ", menos {d}\u{00A0}%",
    highest_lowest: "Máximo: {lh}, {vh}; mínimo: {ll}, {vl}",
    values: "Valores",
    colon: ": ",
    semicolon: "; ",
};

fn words(lang: Language) -> &'static Words {
    match lang {
        Language::EnUs | Language::EnGb => &EN,
        Language::Es => &ES,
        Language::Fr => &FR,
        Language::De => &DE,
        Language::Pt => &PT,
    }
}

/// Fills a pattern's `{name}` slots.
fn fill(pattern: &str, slots: &[(&str, &str)]) -> String {
    let mut out = pattern.to_string();
    for (name, value) in slots {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Whether the categories run in an order (years, periods, dates): a line
/// chart's always do; a bar chart's when every label holds a figure.
fn ordered(chart: &Chart) -> bool {
    chart.kind == ChartKind::Line
        || chart
            .labels
            .iter()
            .all(|l| l.chars().any(|c| c.is_ascii_digit()))
}

/// The decimals a value is written with (27.8 has one).
fn decimals(v: f64) -> usize {
    let s = format!("{v}");
    s.split_once('.').map_or(0, |(_, f)| f.len())
}

/// The alternative text of a chart about `subject` (for a key-figure card,
/// its value and label as the card reads: "7.8% real growth since 1996"),
/// unless the author wrote `alt`.
pub fn alt_text(chart: &Chart, lang: Language, subject: &str) -> String {
    if let Some(alt) = &chart.alt {
        return alt.clone();
    }
    describe(chart, lang, subject, true)
}

/// The generated description; `values`: with the values read out while
/// they are few (a section chart of several series says each series'
/// finding only, so the whole stays short).
pub fn describe(chart: &Chart, lang: Language, subject: &str, values: bool) -> String {
    let w = words(lang);
    let labels = lang.labels();
    let kind = match chart.kind {
        ChartKind::Bar => labels.bar_chart,
        ChartKind::Line => labels.line_chart,
    };
    let unit = chart.unit.as_deref();
    let val = |i: usize| {
        format_places(
            chart.values[i],
            chart.places.get(i).copied().flatten(),
            lang,
            unit,
        )
    };
    let lab = |i: usize| chart.labels[i].trim().to_string();
    let n = chart.values.len().min(chart.labels.len());
    let subject = subject.trim().trim_end_matches(['.', ':', ';', ',']);
    let mut opening = if subject.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}{}{subject}", w.colon)
    };
    opening.push('.');
    if n == 0 {
        return opening;
    }
    let highest = (0..n).fold(0, |m, i| {
        if chart.values[i] > chart.values[m] {
            i
        } else {
            m
        }
    });
    let lowest = (0..n).fold(0, |m, i| {
        if chart.values[i] < chart.values[m] {
            i
        } else {
            m
        }
    });
    // The points the finding names; the rest is for the list of values.
    let mut named = vec![false; n];
    let finding = if n == 1 {
        named[0] = true;
        format!("{}, {}", lab(0), val(0))
    } else if ordered(chart) {
        let (first, last) = (0, n - 1);
        named[first] = true;
        named[last] = true;
        let (a, b) = (chart.values[first], chart.values[last]);
        let pattern = if b > a {
            w.rises
        } else if b < a {
            w.falls
        } else {
            w.unchanged
        };
        let slots = [
            ("a", val(first)),
            ("b", val(last)),
            ("la", lab(first)),
            ("lb", lab(last)),
        ];
        let slots: Vec<(&str, &str)> = slots.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let mut s = fill(pattern, &slots);
        // A peak or a low on the way is what the eye catches next.
        for (i, pattern) in [(highest, w.peak), (lowest, w.low)] {
            // A peak or low the end already names is not said twice.
            let v = chart.values[i];
            if i != first && i != last && !named[i] && v != a && v != b {
                named[i] = true;
                s.push_str(&fill(pattern, &[("v", &val(i)), ("l", &lab(i))]));
            }
        }
        // How far it went: in points for a share, else as a share of
        // where it began.
        if unit.is_some_and(|u| u.trim() == "%") && a != b {
            let places = decimals(a).max(decimals(b));
            let scale = 10f64.powi(places as i32);
            let d = ((b - a).abs() * scale).round() / scale;
            let d = format_value(d, lang, None);
            s.push_str(&fill(
                if b > a { w.up_points } else { w.down_points },
                &[("d", &d)],
            ));
        } else if a > 0.0 && b > 0.0 && a != b {
            let d = ((b - a).abs() / a * 100.0).round();
            if d >= 1.0 {
                let d = format_value(d, lang, None);
                s.push_str(&fill(
                    if b > a { w.up_percent } else { w.down_percent },
                    &[("d", &d)],
                ));
            }
        }
        s
    } else {
        named[highest] = true;
        named[lowest] = true;
        fill(
            w.highest_lowest,
            &[
                ("lh", &lab(highest)),
                ("vh", &val(highest)),
                ("ll", &lab(lowest)),
                ("vl", &val(lowest)),
            ],
        )
    };
    let short = format!("{opening} {finding}.");
    if named.iter().all(|&x| x) || n > MAX_VALUES || !values {
        return short;
    }
    let values: Vec<String> = (0..n).map(|i| format!("{}, {}", lab(i), val(i))).collect();
    let full = format!(
        "{short} {}{}{}.",
        w.values,
        w.colon,
        values.join(w.semicolon)
    );
    if full.chars().count() <= MAX_CHARS {
        full
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(kind: ChartKind, labels: &[&str], values: &[f64], unit: &str) -> Chart {
        Chart {
            kind,
            labels: labels.iter().map(|s| s.to_string()).collect(),
            values: values.to_vec(),
            places: vec![None; values.len()],
            unit: Some(unit.to_string()),
            alt: None,
        }
    }

    #[test]
    fn a_series_says_where_it_goes() {
        let c = chart(
            ChartKind::Bar,
            &["1990–1995", "Since 1996"],
            &[27.8, 7.8],
            "%",
        );
        assert_eq!(
            alt_text(&c, Language::EnUs, "7.8% real growth since 1996"),
            "Bar chart: 7.8% real growth since 1996. \
             Falls from 27.8% (1990–1995) to 7.8% (Since 1996), down 20 points."
        );
        let c = chart(
            ChartKind::Line,
            &["2005", "2010", "2020", "2030"],
            &[84.0, 90.0, 121.0, 118.0],
            " M b/d",
        );
        let alt = alt_text(&c, Language::EnUs, "118 M b/d of demand by 2030");
        assert!(
            alt.contains(
                "Rises from 84 M b/d (2005) to 118 M b/d (2030), \
                 peaking at 121 M b/d (2020), up 40%."
            ),
            "{alt}"
        );
        // The one value the finding leaves out is read too.
        assert!(
            alt.ends_with(
                "Values: 2005, 84 M b/d; 2010, 90 M b/d; 2020, 121 M b/d; 2030, 118 M b/d."
            ),
            "{alt}"
        );
    }

    #[test]
    fn categories_say_their_extremes_in_the_language() {
        let c = chart(ChartKind::Bar, &["Hombres", "Mujeres"], &[97.0, 3.0], " %");
        assert_eq!(
            alt_text(&c, Language::Es, "97 % de los trabajadores eran hombres"),
            "Gráfico de barras: 97 % de los trabajadores eran hombres. \
             Máximo: Hombres, 97 %; mínimo: Mujeres, 3 %."
        );
    }

    #[test]
    fn long_series_keep_to_the_finding() {
        let labels: Vec<String> = (0..24).map(|i| format!("M{i}")).collect();
        let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
        let values: Vec<f64> = (0..24)
            .map(|i| 1_000_000.0 + f64::from(i) * 17_500.0)
            .collect();
        let mut c = chart(ChartKind::Line, &labels, &values, " people");
        c.values[10] = 1_410_000.0;
        let alt = alt_text(&c, Language::EnUs, "");
        assert!(alt.chars().count() <= MAX_CHARS, "{alt}");
        assert!(alt.contains("peaking at 1,410,000 people (M10)"), "{alt}");
        assert!(!alt.contains("Values"), "{alt}");
        let de = alt_text(&c, Language::De, "");
        assert!(de.contains("1.410.000 people"), "{de}");
    }

    #[test]
    fn the_authors_words_win() {
        let mut c = chart(ChartKind::Bar, &["a", "b"], &[1.0, 2.0], "");
        c.alt = Some("As written.".into());
        assert_eq!(alt_text(&c, Language::Fr, "x"), "As written.");
    }
}
