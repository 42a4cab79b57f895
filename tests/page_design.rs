//! The page as a whole, measured in the layout's own data (issue 23): the
//! marking on its own line with the whole short title in the head, the
//! measure of one-column running text, and one type scale. Each holds on
//! the sample and every test briefing, on letter and a4, in one and two
//! columns.

mod common;

use briefing::layout::{Item, Laidout, StructRole, Tag};
use common::*;

/// Content with `paper` and `columns` set in its `[style]` table (added
/// when it has none), and no page budget.
fn variant(text: &str, paper: &str, columns: u8) -> String {
    let mut out = Vec::new();
    let mut styled = false;
    for l in text.lines() {
        if l.starts_with("max_pages") || l.starts_with("paper = ") || l.starts_with("columns = ") {
            continue;
        }
        out.push(l.to_string());
        if l.trim() == "[style]" {
            styled = true;
            out.push(format!("paper = \"{paper}\""));
            out.push(format!("columns = {columns}"));
        }
    }
    if !styled {
        out.push(format!("[style]\npaper = \"{paper}\"\ncolumns = {columns}"));
    }
    out.join("\n")
}

/// Sets `base_size` (replacing the style's, or adding it).
fn sized(text: &str, size: f32) -> String {
    let text: Vec<String> = text
        .lines()
        .filter(|l| !l.starts_with("base_size = "))
        .map(|l| {
            if l.trim() == "[style]" {
                format!("[style]\nbase_size = {size}")
            } else {
                l.to_string()
            }
        })
        .collect();
    text.join("\n")
}

/// Every briefing the design is checked on: (name, content).
fn briefings() -> Vec<(String, String)> {
    let mut all = vec![("sample".to_string(), sample_text())];
    let dir = repo().join("tests/data/briefings");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("test briefings")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for f in files {
        let name = f.file_stem().unwrap().to_string_lossy().to_string();
        all.push((name, std::fs::read_to_string(&f).expect("briefing")));
    }
    // The GAO sample, its logo's path from the repository's root (where
    // these briefings are built as if they stood).
    let gao = std::fs::read_to_string(repo().join("examples/gao-peak-oil.toml"))
        .expect("the GAO sample")
        .replace("logo = \"", "logo = \"examples/");
    all.push(("gao-peak-oil".into(), gao));
    all
}

fn laid(what: &str, text: &str) -> Laidout {
    match compile_as(&sample_path(), text, &opts()) {
        Ok(o) => o.laid,
        Err(d) => panic!("{what} does not build: {:#?}", d.items),
    }
}

/// Each variant: (label, content).
fn variants() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, text) in briefings() {
        for paper in ["letter", "a4"] {
            for columns in [1, 2] {
                out.push((
                    format!("{name} {paper}/{columns}"),
                    variant(&text, paper, columns),
                ));
            }
        }
    }
    out
}

fn runs(page: &briefing::layout::Page) -> impl Iterator<Item = &briefing::layout::GlyphRun> {
    page.items.iter().filter_map(|i| match i {
        Item::Text(r) => Some(r),
        _ => None,
    })
}

fn run_text(r: &briefing::layout::GlyphRun) -> String {
    r.glyphs.iter().map(|g| g.text.as_str()).collect()
}

/// The marking stands at the top and bottom of every page on a line of
/// its own (no other text shares its height), in capitals, boxed; the
/// running head from page 2 carries the whole short title.
#[test]
fn marking_on_its_own_line_and_the_whole_short_title() {
    let spanish = std::fs::read_to_string(repo().join("tests/data/briefings/spanish.toml"))
        .expect("spanish briefing");
    // A long short title beside the marking: it used to be cut.
    let long = spanish.replace(
        "short_title = \"Estados Unidos y el Perú\"",
        "short_title = \"Estados Unidos y el Perú: una relación que vuelve a su cauce\"",
    );
    for paper in ["letter", "a4"] {
        for columns in [1, 2] {
            let l = laid("spanish", &variant(&long, paper, columns));
            assert!(l.pages.len() > 1, "needs a second page to test the head");
            for (pi, page) in l.pages.iter().enumerate() {
                let all: Vec<_> = runs(page).collect();
                let marks: Vec<_> = all
                    .iter()
                    .filter(|r| run_text(r) == "BORRADOR PARA DISCUSIÓN")
                    .collect();
                assert_eq!(marks.len(), 2, "{paper}/{columns} p{}: markings", pi + 1);
                for m in &marks {
                    for r in &all {
                        if std::ptr::eq(**m, *r) {
                            continue;
                        }
                        let overlap = (m.y + m.size * 0.25).min(r.y + r.size * 0.25)
                            - (m.y - m.size * 0.75).max(r.y - r.size * 0.75);
                        assert!(
                            overlap <= 0.0,
                            "{paper}/{columns} p{}: “{}” shares the marking's line",
                            pi + 1,
                            run_text(r)
                        );
                    }
                    let boxed = page
                        .items
                        .iter()
                        .filter(|i| match i {
                            Item::Line { y1, y2, .. } => {
                                (y1 - y2).abs() < 0.01
                                    && (*y1 < m.y - m.size * 0.7 || *y1 > m.y)
                                    && (y1 - m.y).abs() < m.size * 1.5
                            }
                            _ => false,
                        })
                        .count();
                    assert!(
                        boxed >= 2,
                        "{paper}/{columns} p{}: marking not boxed",
                        pi + 1
                    );
                }
                let top = marks.iter().map(|m| m.y).fold(f32::MAX, f32::min);
                let bottom = marks.iter().map(|m| m.y).fold(0.0, f32::max);
                assert!(all.iter().all(|r| r.y >= top && r.y <= bottom));
                if pi > 0 {
                    let header = all.iter().find(|r| {
                        r.tag == Tag::Artifact(briefing::layout::Artifact::Header)
                            && run_text(r).starts_with("Estados")
                    });
                    assert_eq!(
                        header.map(|r| run_text(r)).as_deref(),
                        Some("Estados Unidos y el Perú: una relación que vuelve a su cauce"),
                        "{paper}/{columns} p{}: head",
                        pi + 1
                    );
                }
            }
        }
    }
}

/// Lines of running text set in one column: the runs at body size that
/// belong to paragraphs or list items, grouped by page and baseline.
/// Returns each line's character count and its width.
fn body_lines(l: &Laidout) -> Vec<(usize, f32)> {
    let mut out = Vec::new();
    for page in &l.pages {
        let mut lines: Vec<(f32, f32, f32, usize)> = Vec::new(); // y, x0, x1, chars
        for r in runs(page) {
            if (r.size - l.base_size).abs() > 0.01 {
                continue;
            }
            let Tag::Node(n) = r.tag else { continue };
            let role = l.structure.get(n).role;
            if !matches!(role, StructRole::P | StructRole::LBody | StructRole::Link) {
                continue;
            }
            let chars = run_text(r).chars().count();
            let (x0, x1) = (r.x, r.x + r.width);
            match lines.iter_mut().find(|x| (x.0 - r.y).abs() < 0.5) {
                Some(x) => {
                    x.1 = x.1.min(x0);
                    x.2 = x.2.max(x1);
                    x.3 += chars;
                }
                None => lines.push((r.y, x0, x1, chars)),
            }
        }
        out.extend(lines.into_iter().map(|(_, x0, x1, c)| (c, x1 - x0)));
    }
    out
}

/// One-column running text at 10.5 pt averages at most 95 characters a
/// full line (a line set to within 10% of the measure), on letter and a4.
#[test]
fn a_measure_for_reading() {
    for (name, text) in briefings() {
        if name == "one-page" {
            // Its budget sets the size; measured below at 10.5 pt too.
        }
        for paper in ["letter", "a4"] {
            let l = laid(&name, &sized(&variant(&text, paper, 1), 10.5));
            let lines = body_lines(&l);
            let measure = lines.iter().map(|x| x.1).fold(0.0, f32::max);
            let full: Vec<usize> = lines
                .iter()
                .filter(|x| x.1 >= measure * 0.9)
                .map(|x| x.0)
                .collect();
            if full.len() < 5 {
                continue;
            }
            let avg = full.iter().sum::<usize>() as f32 / full.len() as f32;
            eprintln!(
                "{name} {paper}: {avg:.1} characters a line over {} lines",
                full.len()
            );
            assert!(avg <= 95.0, "{name} {paper}: {avg:.1} characters a line");
        }
    }
}

/// The sample keeps its four pages.
#[test]
fn the_sample_keeps_its_four_pages() {
    let (out, _) = sample();
    assert!(out.pages <= 4, "the sample takes {} pages", out.pages);
}

/// At most nine type sizes in a briefing, each at least 8% from the next.
#[test]
fn one_type_scale() {
    for (label, text) in variants() {
        let l = laid(&label, &text);
        let mut sizes: Vec<f32> = l
            .pages
            .iter()
            .flat_map(|p| runs(p).map(|r| (r.size * 10.0).round() / 10.0))
            .collect();
        sizes.sort_by(f32::total_cmp);
        sizes.dedup();
        eprintln!("{label}: {sizes:?}");
        assert!(sizes.len() <= 9, "{label}: {} sizes {sizes:?}", sizes.len());
        for w in sizes.windows(2) {
            assert!(
                w[1] / w[0] >= 1.08,
                "{label}: {} and {} pt are too close to tell apart",
                w[0],
                w[1]
            );
        }
    }
}

/// One hierarchy on the page and in the outline: part labels and section
/// headings are siblings in the outline and share a size; recommendation
/// titles sit a level below and are smaller.
#[test]
fn one_hierarchy_on_the_page_and_in_the_outline() {
    let (out, _) = sample();
    let l = &out.laid;
    let size_of = |pred: &dyn Fn(&briefing::layout::GlyphRun) -> bool| {
        l.pages
            .iter()
            .flat_map(runs)
            .find(|r| pred(r))
            .map(|r| r.size)
    };
    let label = size_of(&|r| r.spoken.as_deref() == Some("Recommendations")).expect("label");
    let heading = size_of(&|r| run_text(r).starts_with("Background")).expect("heading");
    let rec = size_of(&|r| run_text(r).starts_with("Provide")).expect("recommendation");
    assert!(
        (label - heading).abs() < 0.01,
        "part label {label} pt, heading {heading} pt"
    );
    assert!(
        rec < heading,
        "recommendation title {rec} pt, heading {heading} pt"
    );
    let level = |t: &str| {
        l.bookmarks
            .iter()
            .find(|b| b.title.contains(t))
            .map(|b| b.level)
            .expect("bookmark")
    };
    assert_eq!(level("Recommendations"), level("Background"));
    assert!(level("Provide advice") > level("Background"));
}

/// A long title steps down the scale and breaks into balanced lines:
/// the peak-oil style title sets in at most three lines, none much
/// shorter than the others, and page 1 still shows the bottom line, the
/// summary's start and a row of cards.
#[test]
fn the_masthead_scales() {
    let long = "Crude Oil: Uncertainty about Future Oil Supply Makes It Important to Develop a Strategy for Addressing a Peak and Decline in Oil Production";
    let text = sample_text().replace(
        "title = \"Getting U.S.-Peru Relations Back on the Right Track\"\nshort",
        &format!("title = \"{long}\"\nshort"),
    );
    assert!(text.contains(long));
    for paper in ["letter", "a4"] {
        let l = laid("long title", &variant(&text, paper, 1));
        let page = &l.pages[0];
        let title: Vec<_> = runs(page)
            .filter(|r| match r.tag {
                Tag::Node(n) => l.structure.get(n).role == StructRole::H1,
                _ => false,
            })
            .collect();
        let mut ys: Vec<f32> = title.iter().map(|r| r.y).collect();
        ys.dedup_by(|a, b| (*a - *b).abs() < 0.5);
        assert!(ys.len() <= 3, "{paper}: title in {} lines", ys.len());
        let widths: Vec<f32> = ys
            .iter()
            .map(|y| {
                title
                    .iter()
                    .filter(|r| (r.y - y).abs() < 0.5)
                    .map(|r| r.width)
                    .sum()
            })
            .collect();
        let (lo, hi) = (
            widths.iter().cloned().fold(f32::MAX, f32::min),
            widths.iter().cloned().fold(0.0, f32::max),
        );
        assert!(lo >= hi * 0.6, "{paper}: unbalanced title lines {widths:?}");
        let text: String = runs(page).map(run_text).collect::<Vec<_>>().join(" ");
        assert!(text.contains("receptive"), "{paper}: no bottom line");
        assert!(text.contains("crossroads"), "{paper}: no summary");
        assert!(text.contains("49%"), "{paper}: no card on page 1");
    }
}

/// The empty share of each non-last page's type area: from the lowest
/// thing the flow placed (text, rule or fill that is not the page's
/// furniture) to the foot of the type area.
fn holes(l: &Laidout, paper: briefing::model::Paper, columns: u8) -> Vec<f32> {
    let mut g = briefing::layout::geometry::Geometry::for_layout(paper, columns);
    if let Some(first) = l.pages.first() {
        // The geometry, marked when the briefing carries a marking (its
        // footer text then stands on two baselines).
        let footer_runs = runs(first)
            .filter(|r| r.tag == Tag::Artifact(briefing::layout::Artifact::Footer))
            .map(|r| (r.y * 10.0).round() as i32)
            .collect::<std::collections::BTreeSet<_>>();
        if footer_runs.len() > 1 {
            g = g.marked(l.base_size * 0.72);
        }
    }
    let area = g.bottom - g.top;
    let n = l.pages.len();
    l.pages[..n.saturating_sub(1)]
        .iter()
        .map(|p| {
            let low = p
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(r) if matches!(r.tag, Tag::Node(_)) => Some(r.y + r.size * 0.25),
                    Item::Rect { y, h, tag, .. } if !matches!(tag, Tag::Artifact(a) if *a != briefing::layout::Artifact::Layout) => Some(y + h),
                    _ => None,
                })
                .filter(|y| *y <= g.bottom + 20.0)
                .fold(g.top, f32::max);
            ((g.bottom - low) / area).max(0.0)
        })
        .collect()
}

/// Pages are full: a page other than the last leaves at most 10% of its
/// type area empty, unless `--stats` names the rule that forced it.
#[test]
fn pages_are_full() {
    let mut worst = Vec::new();
    for (name, text) in briefings() {
        for (paper, pname) in [
            (briefing::model::Paper::Letter, "letter"),
            (briefing::model::Paper::A4, "a4"),
        ] {
            for columns in [1, 2] {
                let l = laid(&name, &variant(&text, pname, columns));
                for (pi, h) in holes(&l, paper, columns).into_iter().enumerate() {
                    let named = l.report.conceded.iter().any(|c| {
                        c.starts_with(&format!("page {} ", pi + 1))
                            || c.starts_with(&format!("page {}:", pi + 1))
                    });
                    eprintln!(
                        "{name} {pname}/{columns} p{}: {:.1}%{}",
                        pi + 1,
                        h * 100.0,
                        if named { " (named)" } else { "" }
                    );
                    // The text's ink ends up to half a point above the
                    // box the layout measures its page by: 0.5% of slack.
                    if h > 0.105 && !named {
                        worst.push(format!(
                            "{name} {pname}/{columns} p{}: {:.1}%",
                            pi + 1,
                            h * 100.0
                        ));
                    }
                }
            }
        }
    }
    assert!(worst.is_empty(), "pages with holes: {worst:#?}");
}

/// Ten short key figures set four across, as 4 + 3 + 3, each row filling
/// the width; seven with a chart among them as 3 + 2 + 2.
#[test]
fn the_card_grid_adapts() {
    let rows = |l: &Laidout| {
        let mut ys: Vec<(i32, usize)> = Vec::new();
        for p in &l.pages[..1] {
            for r in runs(p) {
                if (r.size - l.base_size * 2.0).abs() < 0.05 {
                    let y = r.y.round() as i32;
                    match ys.iter_mut().find(|x| x.0 == y) {
                        Some(x) => x.1 += 1,
                        None => ys.push((y, 1)),
                    }
                }
            }
        }
        ys.into_iter().map(|x| x.1).collect::<Vec<_>>()
    };
    let figs = |n: usize, chart: bool| {
        let mut s = String::new();
        for i in 0..n {
            s.push_str(&format!(
                "[[figures]]\nvalue = \"{}%\"\nlabel = \"share {i}\"\n",
                i + 10
            ));
            if chart && i == 0 {
                s.push_str(
                    "[figures.chart]\nkind = \"bar\"\nlabels = [\"a\", \"b\"]\nvalues = [1, 2]\n",
                );
            }
        }
        s
    };
    for paper in ["letter", "a4"] {
        let l = laid("ten cards", &variant(&tiny(&figs(10, false)), paper, 1));
        assert_eq!(rows(&l), vec![4, 3, 3], "{paper}: ten cards");
        let l = laid("seven cards", &variant(&tiny(&figs(7, true)), paper, 1));
        assert_eq!(rows(&l), vec![3, 2, 2], "{paper}: seven cards");
    }
}

/// Notes are never letter-spaced, and in two columns (more than three
/// notes) they are set ragged-right: no note line is stretched to the
/// column's measure by its spaces.
#[test]
fn notes_ragged_in_two_columns_and_never_letter_spaced() {
    let in_note = |l: &Laidout, tag: Tag| {
        let Tag::Node(mut n) = tag else { return false };
        loop {
            let node = l.structure.get(n);
            if node.role == StructRole::Note {
                return true;
            }
            match node.parent {
                Some(p) => n = p,
                None => return false,
            }
        }
    };
    for (name, text) in briefings() {
        for paper in ["letter", "a4"] {
            let l = laid(&name, &variant(&text, paper, 2));
            let notes: Vec<_> = l
                .pages
                .iter()
                .flat_map(runs)
                .filter(|r| in_note(&l, r.tag))
                .collect();
            assert!(
                notes.iter().all(|r| r.tracking == 0.0),
                "{name} {paper}: a letter-spaced note"
            );
            let two_columns = {
                let xs: Vec<f32> = notes.iter().map(|r| r.x).collect();
                let min = xs.iter().cloned().fold(f32::MAX, f32::min);
                xs.iter().any(|x| *x > min + 150.0)
            };
            if two_columns {
                // Ragged: the lines' right edges scatter rather than all
                // meeting the measure.
                let mut ends: Vec<i32> = notes
                    .iter()
                    .map(|r| (r.x + r.width).round() as i32)
                    .collect();
                ends.sort();
                ends.dedup();
                assert!(
                    ends.len() > notes.len() / 4,
                    "{name} {paper}: notes look justified"
                );
            }
        }
    }
}

/// A note's text starts clear of its number: an opening quote is not hung
/// into the gap after "7." (it touched the number at 1.1 pt). Each note
/// number's run ends at least 0.2 em before the first glyph after it.
#[test]
fn a_note_number_stands_clear_of_a_hanging_quote() {
    let l = laid("the sample", &sample_text());
    let mut checked = 0;
    for page in &l.pages {
        let all: Vec<_> = runs(page).collect();
        for (i, r) in all.iter().enumerate() {
            // A note's number: the Link back to the text, first in its Note.
            let Tag::Node(n) = r.tag else { continue };
            let node = l.structure.get(n);
            let in_note = node
                .parent
                .is_some_and(|p| l.structure.get(p).role == StructRole::Note);
            if node.role != StructRole::Link || !in_note {
                continue;
            }
            let t = run_text(r);
            let t = t.trim_end();
            // The next run on the same baseline, to the right.
            let Some(next) = all[i + 1..]
                .iter()
                .find(|n| (n.y - r.y).abs() < 0.5 && n.x > r.x)
            else {
                continue;
            };
            let number_end = r.x + r.width;
            let start = next.x + next.glyphs.first().map_or(0.0, |g| g.x);
            if run_text(next).starts_with('\u{201C}') {
                checked += 1;
            }
            assert!(
                start - number_end >= r.size * 0.2,
                "note {t} is {:.1} pt from {:?}",
                start - number_end,
                run_text(next)
            );
        }
    }
    assert!(
        checked >= 1,
        "the sample has a note that opens with a quote"
    );
}

/// Under KEY FIGURES the cards' own accent bars rule the part: no hairline
/// runs just above them (it read as a double rule).
#[test]
fn no_double_rule_over_the_key_figures() {
    let l = laid("the sample", &sample_text());
    let page = &l.pages[0];
    let label = runs(page)
        .find(|r| run_text(r).starts_with("KEY FIGURES"))
        .expect("the key figures' label");
    let lines: Vec<f32> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Line { y1, y2, .. } if (y1 - y2).abs() < 0.01 => Some(*y1),
            _ => None,
        })
        .filter(|y| *y > label.y && *y < label.y + label.size * 3.0)
        .collect();
    assert!(lines.is_empty(), "rules under the label: {lines:?}");
}

/// In two columns the lines of running text keep to one baseline grid:
/// a right-column line stands level with the left column's lines (a whole
/// number of line pitches from its nearest one), whatever headings, lists,
/// paragraph gaps or figures stand between. It was 1 line of 32 on the
/// sample's page 2.
#[test]
fn baselines_level_across_columns() {
    for (name, text) in briefings() {
        for paper in ["letter", "a4"] {
            let l = laid(&name, &variant(&text, paper, 2));
            let pitch = l.base_size * 1.32;
            let (mut level, mut all) = (0, 0);
            for page in &l.pages {
                let mid = page.width / 2.0;
                let mut left: Vec<f32> = Vec::new();
                let mut right: Vec<f32> = Vec::new();
                for r in runs(page) {
                    if (r.size - l.base_size).abs() > 0.01 {
                        continue;
                    }
                    let Tag::Node(n) = r.tag else { continue };
                    let node = l.structure.get(n);
                    if !matches!(node.role, StructRole::P | StructRole::LBody) {
                        continue;
                    }
                    // Running text of the body's sections only.
                    let mut up = node.parent;
                    let mut in_section = false;
                    while let Some(p) = up {
                        let pn = l.structure.get(p);
                        if pn.role == StructRole::Sect {
                            in_section = pn
                                .kids
                                .first()
                                .is_some_and(|k| l.structure.get(*k).role == StructRole::H2);
                        }
                        up = pn.parent;
                    }
                    if !in_section {
                        continue;
                    }
                    let side = if r.x + r.width <= mid {
                        &mut left
                    } else {
                        &mut right
                    };
                    if !side.iter().any(|y| (y - r.y).abs() < 0.1) {
                        side.push(r.y);
                    }
                }
                for y in right {
                    let Some(near) = left
                        .iter()
                        .filter(|l| (*l - y).abs() <= pitch * 4.0)
                        .min_by(|a, b| (*a - y).abs().total_cmp(&(*b - y).abs()))
                    else {
                        continue;
                    };
                    all += 1;
                    let steps = (y - near) / pitch;
                    if (steps - steps.round()).abs() * pitch <= 0.5 {
                        level += 1;
                    }
                }
            }
            if all < 10 {
                continue;
            }
            eprintln!("{name} {paper}: {level} of {all} right-column lines on the grid");
            assert!(
                level as f32 >= all as f32 * 0.95,
                "{name} {paper}: {level} of {all} right-column lines on the left column's grid"
            );
        }
    }
}

/// The last page never holds only a fragment (less than a sixth of a
/// page: the tail of the notes, one recommendation): the space between
/// blocks tightens, within limits, to bring it back, and when that cannot,
/// `--stats` says so. The sample on a4 in two columns put three notes and
/// the credit on a page 5; it now ends on page 4.
#[test]
fn the_last_page_is_no_fragment() {
    let fragment = briefing::layout::pages::settle::FRAGMENT;
    let mut bad = Vec::new();
    for (label, text) in variants() {
        let l = laid(&label, &text);
        if l.pages.len() < 2 {
            continue;
        }
        let last = l.pages.last().unwrap();
        let g = briefing::layout::geometry::Geometry::for_layout(briefing::model::Paper::Letter, 1);
        let top = last
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(r) if matches!(r.tag, Tag::Node(_)) => Some(r.y - r.size),
                _ => None,
            })
            .fold(f32::MAX, f32::min);
        let bottom = last
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(r) if matches!(r.tag, Tag::Node(_)) => Some(r.y + r.size * 0.3),
                _ => None,
            })
            .fold(0.0, f32::max);
        let area = last.height - 2.0 * g.top.min(90.0);
        let share = (bottom - top.min(bottom)) / area;
        let named = l
            .report
            .conceded
            .iter()
            .any(|c| c.contains("holds only") || c.contains("fragment"));
        eprintln!(
            "{label}: last page {:.0}%{}",
            share * 100.0,
            if named { " (named)" } else { "" }
        );
        if share < fragment * 0.9 && !named {
            bad.push(format!("{label}: {:.0}%", share * 100.0));
        }
    }
    assert!(bad.is_empty(), "last pages holding a fragment: {bad:#?}");
    let a4 = laid("sample a4/2", &variant(&sample_text(), "a4", 2));
    assert_eq!(a4.pages.len(), 4, "the sample on a4 in two columns");
}
