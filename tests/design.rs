//! The design, measured: what page 1 carries, what every page carries,
//! charts drawn as proportional vector bars, languages, the page budget,
//! and a stress file (40 recommendations, two columns on a4).

mod common;

use briefing::layout::Item;
use briefing::model::Paper;
use common::*;

fn briefing_file(name: &str) -> std::path::PathBuf {
    repo().join("tests/data/briefings").join(name)
}

fn build(name: &str) -> (briefing::pipeline::Output, Pdf) {
    let path = briefing_file(name);
    let text = std::fs::read_to_string(&path).expect("test briefing");
    match compile_as(&path, &text, &opts()) {
        Ok(o) => {
            let pdf = Pdf::load(&o.pdf);
            (o, pdf)
        }
        Err(d) => panic!("{name} does not build: {:#?}", d.items),
    }
}

/// Page 1 carries the title, the bottom line and at least three figure
/// values, so the briefing reads in thirty seconds.
#[test]
fn first_page_carries_the_essentials() {
    let (_, pdf) = sample();
    let page1 = pdf.page_text(0);
    assert!(has_phrase(
        &page1,
        "Getting U.S.-Peru Relations Back on the Right Track"
    ));
    assert!(
        has_phrase(&page1, "receptive to reform"),
        "no bottom line on page 1"
    );
    let values = ["49%", "$882 million", "7.8%", "62.5%", "7.7%", ">43%"];
    let shown = values.iter().filter(|v| page1.contains(*v)).count();
    assert!(shown >= 3, "only {shown} figure values on page 1");
}

/// Every page of a longer briefing has its footer ("Page N of M" and the
/// date); pages after
/// the first have the running header; a marking stands at the top and
/// bottom of every page.
#[test]
fn every_page_has_its_furniture() {
    let (out, pdf) = build("spanish.toml");
    let n = out.pages;
    for p in 0..n {
        let t = pdf.page_text(p);
        assert!(
            t.contains(&format!("Página {} de {n}", p + 1)),
            "page {} footer",
            p + 1
        );
        assert!(t.contains("13 de agosto de 2001"), "page {} date", p + 1);
        assert_eq!(
            t.matches("BORRADOR PARA DISCUSIÓN").count(),
            2,
            "page {} marking",
            p + 1
        );
        if p > 0 {
            assert!(
                t.contains("Estados Unidos y el Perú"),
                "page {} header",
                p + 1
            );
        }
    }
    let (out, pdf) = sample();
    for p in 0..out.pages {
        assert!(pdf
            .page_text(p)
            .contains(&format!("Page {} of {}", p + 1, out.pages)));
    }
}

/// Fixed labels, the date and decimal commas follow the language.
#[test]
fn spanish_labels_and_numbers() {
    let (_, pdf) = build("spanish.toml");
    let text = pdf.text();
    for label in [
        "LO ESENCIAL",
        "RESUMEN",
        "CIFRAS CLAVE",
        "RECOMENDACIONES",
        "NOTAS",
        "Responsable:",
    ] {
        assert!(text.contains(label), "no {label}");
    }
    assert!(
        text.contains("27,8 %") && text.contains("7,8 %"),
        "chart values without decimal commas"
    );
    assert!(text.contains("«momento de oportunidad»"), "Spanish quotes");
    assert!(text.contains("Resumido de"), "source credit label");
}

/// A bar chart is drawn as filled vector paths whose heights are
/// proportional to the values, from a common zero line.
#[test]
fn chart_bars_are_proportional_paths() {
    let (out, _) = build("spanish.toml");
    let bars: Vec<(f32, f32)> = out.laid.pages[0]
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Path {
                points,
                fill: Some(_),
                stroke: None,
                ..
            } if points.len() == 4 => {
                let top = points.iter().map(|p| p.1).fold(f32::MAX, f32::min);
                let bottom = points.iter().map(|p| p.1).fold(f32::MIN, f32::max);
                Some((top, bottom))
            }
            _ => None,
        })
        .collect();
    assert_eq!(bars.len(), 2, "two bars");
    assert!(
        (bars[0].1 - bars[1].1).abs() < 0.01,
        "bars stand on one zero line"
    );
    let ratio = (bars[0].1 - bars[0].0) / (bars[1].1 - bars[1].0);
    assert!(
        (ratio - 27.8 / 7.8).abs() < 0.01,
        "bar heights {ratio} not in proportion"
    );
}

/// A one-page budget prints on one page, at a smaller size it reports.
#[test]
fn one_page_budget_fits_and_says_so() {
    let (out, pdf) = build("one-page.toml");
    assert_eq!(out.pages, 1);
    assert_eq!(pdf.pages.len(), 1);
    let size = out.fitted.expect("the budget had to shrink the type");
    assert!((8.5..10.5).contains(&size), "fitted at {size} pt");
    // One page needs no folio; the date still stands in the footer.
    let text = pdf.page_text(0);
    assert!(!text.contains("Page 1"), "{text}");
    assert!(!text.contains(" of 1"), "{text}");
    let dir = scratch("one-page");
    let target = dir.join("one.pdf");
    let run = run_in(
        &dir,
        &[
            "build",
            briefing_file("one-page.toml").to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("fitted to 1 page at"), "{}", run.stderr);
}

/// Forty recommendations in two columns on a4: every number printed, no
/// run outside the margin box, none overlapping.
#[test]
fn stress_forty_recommendations() {
    let (out, pdf) = build("stress-40.toml");
    assert_layout_sound("stress-40", &out.laid);
    let (w, h) = pdf.page_size(0);
    assert!(
        (w - 595.28).abs() < 0.3 && (h - 841.89).abs() < 0.3,
        "a4: {w}×{h}"
    );
    let titles = out.laid.bookmarks.iter().filter(|b| b.level == 1).count();
    assert_eq!(titles, 40, "40 recommendations in the outline");
    let stats: Vec<_> = out.laid.report.lines.iter().collect();
    let (mut run, mut worst) = (0, 0);
    for l in stats {
        run = if l.hyphenated { run + 1 } else { 0 };
        worst = worst.max(run);
    }
    assert!(worst <= 2, "{worst} hyphens in a row");
}

/// Past 99 recommendations the numeral gutter widens: a three-digit
/// numeral never runs into its title.
#[test]
fn three_digit_recommendation_numbers_keep_clear_of_their_titles() {
    let recs: String = (1..=105)
        .map(|i| {
            format!(
                "[[recommendations]]\ntitle = \"Impose discipline number {i}\"\ntext = \"Do it well.\"\n"
            )
        })
        .collect();
    let out = compile_as(&sample_path(), &tiny(&recs), &opts()).expect("builds");
    assert_layout_sound("105 recommendations", &out.laid);
    let titles = out.laid.bookmarks.iter().filter(|b| b.level == 1).count();
    assert_eq!(titles, 105);
}

/// A line chart is one stroked polyline through its points, higher values
/// drawn higher, with the first and last values labelled.
#[test]
fn line_chart_is_a_vector_polyline() {
    let text = tiny(
        "[[figures]]\nvalue = \"2.5%\"\nlabel = \"growth\"\n[figures.chart]\nkind = \"line\"\nlabels = [\"1998\", \"1999\", \"2000\", \"2001\"]\nvalues = [1.5, 4.0, 3.0, 2.5]\nunit = \"%\"\n",
    );
    let out = compile_as(&sample_path(), &text, &opts()).expect("builds");
    let lines: Vec<&Vec<(f32, f32)>> = out.laid.pages[0]
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Path {
                points,
                stroke: Some(_),
                fill: None,
                ..
            } => Some(points),
            _ => None,
        })
        .collect();
    assert_eq!(lines.len(), 1, "one polyline");
    let ys: Vec<f32> = lines[0].iter().map(|p| p.1).collect();
    assert_eq!(ys.len(), 4);
    // y grows downwards: the highest value has the smallest y.
    assert!(ys[1] < ys[2] && ys[2] < ys[3] && ys[3] < ys[0], "{ys:?}");
    let span = |a: f32, b: f32| (ys[0] - ys[1]) / (a - b);
    assert!(
        (span(4.0, 1.5) - (ys[0] - ys[3]) / (2.5 - 1.5)).abs() < 0.01,
        "not proportional: {ys:?}"
    );
    let pdf = Pdf::load(&out.pdf);
    let t = pdf.text();
    assert!(t.contains("1.5%") && t.contains("2.5%"), "end labels");
}

/// Notes are numbered in reading order wherever the reference stands: a
/// card's label, its `note` markers (printed after the label), its
/// detail, then the sections.
#[test]
fn note_numbers_rise_in_reading_order() {
    let text = tiny(
        r#"[[figures]]
value = "12%"
label = "of water systems[^label] met the rule"
note = "card"
detail = "capital plans[^detail] lag"
[[figures]]
value = "3"
label = "second card"
note = ["second", "label"]
[[sections]]
heading = "Background"
text = "Body text cites a new note[^body] and an old one[^detail]."
[notes]
label = "Label note."
card = "Card note."
detail = "Detail note."
second = "Second card note."
body = "Body note."
"#,
    );
    let out = compile_as(std::path::Path::new("notes.toml"), &text, &opts())
        .unwrap_or_else(|d| panic!("{:#?}", d.items));
    let pdf = Pdf::load(&out.pdf);
    let text = pdf.text();
    assert!(
        has_phrase(&text, "of water systems1 met the rule2"),
        "{text}"
    );
    assert!(has_phrase(&text, "capital plans3 lag"), "{text}");
    assert!(has_phrase(&text, "second card4,1"), "{text}");
    assert_eq!(first_uses(&pdf), [1, 2, 3, 4, 5], "{text}");
    // The same numbering in the sample and every test briefing.
    assert_rising("sample", &sample().1);
    for name in test_briefings() {
        assert_rising(&name, &build(&name).1);
    }
}

fn assert_rising(name: &str, pdf: &Pdf) {
    {
        let first = first_uses(pdf);
        let rising: Vec<u32> = (1..=first.len() as u32).collect();
        assert_eq!(first, rising, "{name}: note numbers out of reading order");
    }
}

/// The note numbers in the order of their first use, page by page in the
/// order the page draws its text: superscripts (set with superior
/// figures) are runs of digits and commas that touch the word before them.
fn first_uses(pdf: &Pdf) -> Vec<u32> {
    let mut seen = Vec::new();
    for p in 0..pdf.pages.len() {
        let frags = pdf.frags(p);
        for w in frags.windows(2) {
            let (before, f) = (&w[0], &w[1]);
            let t = f.text.trim();
            let superscript = !t.is_empty()
                && t.chars().all(|c| c.is_ascii_digit() || c == ',')
                && before
                    .text
                    .chars()
                    .next_back()
                    .is_some_and(|c| !c.is_whitespace())
                && before.text.chars().any(char::is_alphabetic)
                && (f.y - before.y).abs() < 0.5
                && (f.x - before.end_x).abs() < 1.0;
            if !superscript {
                continue;
            }
            for n in t.split(',').filter_map(|n| n.parse::<u32>().ok()) {
                if !seen.contains(&n) {
                    seen.push(n);
                }
            }
        }
    }
    seen
}

/// Every briefing under tests/data/briefings.
fn test_briefings() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo().join("tests/data/briefings"))
        .expect("test briefings")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    names
}

/// A chart's drawn parts, from the layout's own data: its labels' boxes
/// (x0, y0, x1, y1; y down) and its lines' segments.
type Box4 = (f32, f32, f32, f32);
type Seg = ((f32, f32), (f32, f32));
/// One chart: its labels (text and box) and its line segments.
type ChartParts = (Vec<(String, Box4)>, Vec<Seg>);

fn chart_parts(laid: &briefing::layout::Laidout) -> Vec<ChartParts> {
    use briefing::layout::{StructRole, Tag};
    let mut out = Vec::new();
    for page in &laid.pages {
        let mut by_fig: std::collections::BTreeMap<u32, ChartParts> = Default::default();
        for it in &page.items {
            let node = match it {
                Item::Text(r) => r.tag,
                Item::Line { tag, .. } | Item::Path { tag, .. } => *tag,
                _ => continue,
            };
            let Tag::Node(n) = node else { continue };
            if laid.structure.get(n).role != StructRole::Figure {
                continue;
            }
            let entry = by_fig.entry(n.0).or_default();
            match it {
                Item::Text(r) => {
                    let text: String = r
                        .glyphs
                        .iter()
                        .map(|g| g.text.as_str().to_string())
                        .collect();
                    // Figures and capitals reach 0.76 em over the baseline;
                    // descenders 0.24 em under it.
                    let descends = text.chars().any(|c| "gjpqy".contains(c));
                    let below = if descends { 0.24 } else { 0.06 };
                    entry.0.push((
                        text,
                        (
                            r.x,
                            r.y - r.size * 0.74,
                            r.x + r.width,
                            r.y + r.size * below,
                        ),
                    ));
                }
                Item::Line { x1, y1, x2, y2, .. } => entry.1.push(((*x1, *y1), (*x2, *y2))),
                Item::Path {
                    points,
                    stroke: Some(_),
                    ..
                } => {
                    for p in points.windows(2) {
                        entry.1.push((p[0], p[1]));
                    }
                }
                _ => {}
            }
        }
        out.extend(by_fig.into_values());
    }
    out
}

fn seg_hits_box(b: Box4, p: (f32, f32), q: (f32, f32)) -> bool {
    // Sample the segment finely: labels are a few points across.
    (0..=200).any(|k| {
        let t = k as f32 / 200.0;
        let (x, y) = (p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t);
        x > b.0 && x < b.2 && y > b.1 && y < b.3
    })
}

/// No chart label overlaps another or crosses the chart's lines, in the
/// sample and every test briefing, on letter and a4.
#[test]
fn chart_labels_keep_clear_of_each_other_and_of_lines() {
    let mut briefings = vec![("sample".to_string(), sample_text())];
    for name in test_briefings() {
        let text = std::fs::read_to_string(briefing_file(&name)).unwrap();
        briefings.push((name, text));
    }
    let mut charts = 0;
    for (name, text) in &briefings {
        for paper in [Paper::Letter, Paper::A4] {
            let o = briefing::pipeline::Options {
                paper: Some(paper),
                ..opts()
            };
            let out = compile_as(&briefing_file(name), text, &o)
                .unwrap_or_else(|d| panic!("{name}: {:#?}", d.items));
            for (labels, lines) in chart_parts(&out.laid) {
                charts += 1;
                for (i, (a, ba)) in labels.iter().enumerate() {
                    for (b, bb) in &labels[i + 1..] {
                        let apart = ba.2 <= bb.0 || bb.2 <= ba.0 || ba.3 <= bb.1 || bb.3 <= ba.1;
                        assert!(apart, "{name} ({paper:?}): “{a}” overlaps “{b}”");
                    }
                    for &(p, q) in &lines {
                        assert!(
                            !seg_hits_box(*ba, p, q),
                            "{name} ({paper:?}): a line crosses “{a}” {ba:?} {p:?}–{q:?}"
                        );
                    }
                }
            }
        }
    }
    assert!(charts >= 2 * 10, "only {charts} charts seen");
}

/// Chart numbers print as written ("0.0%", "−0.50%") and big ones are
/// abbreviated on the page ("1.30M") while the Alt text keeps them whole.
#[test]
fn chart_numbers_as_written_and_abbreviated() {
    let (out, pdf) = build("stress-40.toml");
    let text = pdf.text();
    for want in ["0.0%", "−0.50%", "4.00%", "1.30M", "1.39M", "0.96M", "0.9M"] {
        assert!(text.contains(want), "no “{want}” on the page");
    }
    assert!(!text.contains("1,304,379\n1,") && !text.contains("1,386,932M"));
    let alts: Vec<String> = out
        .laid
        .structure
        .nodes
        .iter()
        .filter_map(|n| n.alt.clone())
        .collect();
    assert!(
        alts.iter()
            .any(|a| a.contains("1,304,379") && a.contains("1,006,877")),
        "{alts:#?}"
    );
    assert!(alts.iter().any(|a| a.contains("0.0%")), "{alts:#?}");
}
