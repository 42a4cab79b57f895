//! Typography, measured on real layouts: word spacing of justified lines,
//! hyphen runs, boxes inside the page and not overlapping, ties, long
//! URLs and words, ligatures that copy as letters, hyphenation by
//! language.

mod common;

use briefing::diag::Source;
use briefing::layout::{Item, Laidout, LineStat};
use briefing::model::Language;
use briefing::text::{hyphenate, Features, FontSet, Shaper};
use common::*;

/// The sample with another paper, column count and size, and no budget.
fn variant(paper: &str, columns: u8, size: f32) -> String {
    variant_of(&sample_text(), paper, columns, size)
}

/// The report's full text (tests/data/briefings/full-text.toml), a long
/// real text the spacing was not tuned on.
fn full_text() -> String {
    std::fs::read_to_string(repo().join("tests/data/briefings/full-text.toml"))
        .expect("the full-text briefing")
}

/// Content with another paper, column count and size, and no budget.
fn variant_of(text: &str, paper: &str, columns: u8, size: f32) -> String {
    text.lines()
        .filter(|l| !l.starts_with("max_pages"))
        .map(|l| {
            if l.starts_with("paper = ") {
                format!("paper = \"{paper}\"")
            } else if l.starts_with("columns = ") {
                format!("columns = {columns}")
            } else if l.starts_with("base_size = ") {
                format!("base_size = {size}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn laid(text: &str) -> Laidout {
    match compile_as(&sample_path(), text, &opts()) {
        Ok(o) => o.laid,
        Err(d) => panic!("does not build: {:#?}", d.items),
    }
}

fn justified(stats: &[LineStat]) -> Vec<f32> {
    stats
        .iter()
        .filter(|l| l.justified && l.words > 1)
        .map(|l| l.space_em)
        .collect()
}

fn longest_hyphen_run(stats: &[LineStat]) -> usize {
    let (mut run, mut worst) = (0, 0);
    for l in stats {
        run = if l.hyphenated { run + 1 } else { 0 };
        worst = worst.max(run);
    }
    worst
}

/// Spacing targets at the default size on letter and a4, one and two
/// columns: 95% of justified lines within 0.2–0.5 em, none above 0.8 em,
/// at most two hyphenated lines in a row.
#[test]
fn word_spacing_meets_targets() {
    for (content, text) in [("sample", sample_text()), ("full text", full_text())] {
        spacing_targets(content, &text);
    }
}

fn spacing_targets(content: &str, text: &str) {
    for paper_name in ["letter", "a4"] {
        for columns in [1, 2] {
            let l = laid(&variant_of(text, paper_name, columns, 10.5));
            // The messages below name the content with the paper.
            let paper = format!("{content}: {paper_name}");
            let spaces = justified(&l.report.lines);
            assert!(
                spaces.len() > 50,
                "{paper}/{columns}: too few lines measured"
            );
            let within = spaces.iter().filter(|s| (0.2..=0.5).contains(*s)).count();
            let share = within as f32 / spaces.len() as f32;
            assert!(
                share >= 0.95,
                "{paper}/{columns}: only {:.1}% within 0.2–0.5 em",
                share * 100.0
            );
            let worst = spaces.iter().cloned().fold(0.0, f32::max);
            assert!(worst <= 0.8, "{paper}/{columns}: a space of {worst:.2} em");
            let loose = spaces.iter().filter(|s| **s > 0.6).count() as f32 / spaces.len() as f32;
            assert!(
                loose <= 0.01,
                "{paper}/{columns}: {:.1}% loose lines",
                loose * 100.0
            );
            let run = longest_hyphen_run(&l.report.lines);
            assert!(
                run <= 2,
                "{paper}/{columns}: {run} hyphenated lines in a row"
            );
        }
    }
}

/// Hyphenation only where a paragraph needs it (TeX's pretolerance): on a
/// wide measure almost no line of the report's full text ends in a
/// hyphen, since its paragraphs break well without; on a narrow one
/// (two columns at 12 pt) hyphenation still does its work.
#[test]
fn hyphenates_only_paragraphs_that_need_it() {
    let text = full_text();
    let wide = laid(&variant_of(&text, "letter", 1, 10.5));
    let lines = wide.report.lines.len();
    let hyphenated = wide.report.lines.iter().filter(|l| l.hyphenated).count();
    assert!(lines > 150, "only {lines} lines measured");
    assert!(
        hyphenated * 50 <= lines,
        "{hyphenated} of {lines} wide lines end in a hyphen (more than 2%)"
    );
    let narrow = laid(&variant_of(&text, "a4", 2, 12.0));
    let hyphenated = narrow.report.lines.iter().filter(|l| l.hyphenated).count();
    assert!(
        hyphenated > 0,
        "no line of the narrow measure is hyphenated"
    );
    let spaces = justified(&narrow.report.lines);
    let within = spaces.iter().filter(|s| (0.2..=0.5).contains(*s)).count();
    assert!(
        within * 100 >= spaces.len() * 95,
        "narrow: only {within} of {} spaces within 0.2–0.5 em",
        spaces.len()
    );
}

/// Every glyph run of every page stands inside the page's 10 mm margin
/// box, and no two runs overlap.
#[test]
fn boxes_inside_the_page_and_apart() {
    for (paper, columns, size) in [
        ("letter", 1, 10.5),
        ("a4", 2, 10.5),
        ("legal", 2, 7.0),
        ("a4", 1, 14.0),
    ] {
        let l = laid(&variant(paper, columns, size));
        assert_layout_sound(&format!("{paper}/{columns}/{size}"), &l);
    }
}

/// A number stays with its unit and "p." with its page across lines.
#[test]
fn ties_hold_across_lines() {
    let (_, pdf) = sample();
    let text = pdf.text();
    for line in text.lines() {
        let t = line.trim_end();
        assert!(!t.ends_with(" 49"), "a line ends before its unit: {t}");
        assert!(!t.ends_with(" p."), "a line ends on “p.”: {t}");
    }
    assert!(has_phrase(&text, "49 percent poverty rate"));
}

/// Ligatures copy as their letters.
#[test]
fn ligatures_extract_as_letters() {
    let text = sample_extracted();
    for word in ["officials", "first", "conflict", "financial", "fiscal"] {
        if sample_text().contains(word) {
            assert!(text.contains(word), "`{word}` does not extract");
        }
    }
    assert!(
        !text.contains('\u{FB01}') && !text.contains('\u{FB02}'),
        "a ligature glyph extracts as itself"
    );
}

/// A URL longer than a column breaks after its punctuation, without a
/// hyphen; a word with no pattern break breaks at a glyph with one; both
/// stay inside the column.
#[test]
fn unbreakable_text_stays_inside_the_column() {
    let url = "https://www.example.org/reports/2001/andean-regional-initiative/annexes/counter-narcotics-and-alternative-development-support.pdf";
    let word = "X".repeat(120);
    let text = tiny(&format!(
        "[[sections]]\nheading = \"Long things\"\ntext = \"\"\"\nSee <{url}> for the annex, and then {word} ends it.\n\"\"\"\n[style]\ncolumns = 2\nbase_size = 14\n"
    ));
    let out = compile_as(&sample_path(), &text, &opts()).expect("builds");
    let g = briefing::layout::geometry::Geometry::for_paper(briefing::model::Paper::Letter);
    for page in &out.laid.pages {
        for it in &page.items {
            if let Item::Text(r) = it {
                assert!(
                    r.x >= g.left - 2.0 && r.x + r.width <= g.right + 3.0,
                    "run past the text area: {} to {}",
                    r.x,
                    r.x + r.width
                );
            }
        }
    }
    let pdf = Pdf::load(&out.pdf);
    let squashed: String = pdf.text().chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        squashed.contains(url),
        "the URL does not copy whole, without hyphens"
    );
    assert!(
        squashed.contains(&format!("{}-", "X".repeat(5))),
        "the long word did not break with a hyphen"
    );
}

/// A path with a long hash breaks inside the hash (no hyphen) rather than
/// leave the line before it loose.
#[test]
fn a_long_hash_in_a_url_breaks_instead_of_spacing_out() {
    let path = "/static/reportimages/779C96492C9112FA3A67D54660959BB3.pdf";
    let para = format!(
        "U.S. Department of State, Bureau of Economic and Business Affairs, 2000 Country Reports on Economic Policy and Trade Practices, March 2001, at {path} ."
    );
    for (paper, columns) in [("a4", 1), ("letter", 1), ("a4", 2), ("letter", 2)] {
        let text = tiny(&format!(
            "[[sections]]\nheading = \"Sources\"\ntext = \"\"\"\n{para}\n\n{para} Again.\n\"\"\"\n[style]\npaper = \"{paper}\"\ncolumns = {columns}\n"
        ));
        let out = compile_as(&sample_path(), &text, &opts()).expect("builds");
        let worst = justified(&out.laid.report.lines)
            .into_iter()
            .fold(0.0, f32::max);
        assert!(worst <= 0.6, "{paper}/{columns}: a space of {worst:.2} em");
        let pdf = Pdf::load(&out.pdf);
        let squashed: String = pdf.text().chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            squashed.contains(path),
            "{paper}/{columns}: the path does not copy whole"
        );
        assert_layout_sound(&format!("hash {paper}/{columns}"), &out.laid);
    }
}

/// Hyphenation follows the language, keeps two letters before and three
/// after a break, and leaves capitals and digits alone.
#[test]
fn hyphenation_by_language() {
    for (lang, word) in [
        (Language::EnUs, "administration"),
        (Language::EnGb, "organisation"),
        (Language::Es, "constitución"),
        (Language::Fr, "gouvernement"),
        (Language::De, "Verfassungsgericht"),
        (Language::Pt, "desenvolvimento"),
    ] {
        let breaks = hyphenate::breaks(word, lang);
        assert!(!breaks.is_empty(), "{lang:?}: no break in {word}");
        let n = word.chars().count();
        for b in breaks {
            let before = word[..b].chars().count();
            assert!(
                before >= 2 && n - before >= 3,
                "{lang:?}: break {b} in {word}"
            );
        }
    }
    assert!(hyphenate::breaks("ADMINISTRATION", Language::EnUs).is_empty());
    assert!(hyphenate::breaks("administration2", Language::EnUs).is_empty());
}

/// Note markers are the font's own superior figures (OpenType `sups`):
/// glyphs of their own, drawn at the text's size on its baseline (the
/// font draws them raised), copying as plain digits.
#[test]
fn note_markers_are_superior_figures() {
    let (out, _) = sample();
    let source = Source::new(sample_path(), sample_text());
    let b = briefing::model::parse(&source)
        .0
        .expect("the sample parses");
    let fonts = FontSet::load(&b.style).expect("the bundled fonts load");
    let shaper = Shaper::new(&fonts);
    let ids = |face, features, text: &str| -> Vec<u16> {
        shaper
            .shape(face, features, text)
            .glyphs
            .iter()
            .map(|g| g.id)
            .collect()
    };
    let mut found = 0;
    for page in &out.laid.pages {
        for it in &page.items {
            let Item::Text(r) = it else { continue };
            let t: String = r.glyphs.iter().map(|g| g.text.as_str()).collect();
            if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let drawn: Vec<u16> = r.glyphs.iter().map(|g| g.id).collect();
            if drawn == ids(r.face, Features::Superior, &t) {
                assert_ne!(drawn, ids(r.face, Features::Text, &t), "{t}: plain figures");
                // It sits on the baseline of the word it follows.
                let on_line = page.items.iter().any(|o| match o {
                    Item::Text(w) => {
                        !std::ptr::eq(w, r)
                            && (w.y - r.y).abs() < 0.01
                            && (w.x + w.width - r.x).abs() < 1.0
                    }
                    _ => false,
                });
                assert!(on_line, "{t}: a marker off its word's baseline");
                found += 1;
            }
        }
    }
    assert!(found >= 10, "only {found} superior note markers");
    let text = squash(sample_extracted());
    assert!(
        text.contains("Montesinos.1 Today"),
        "a marker copies as its digit"
    );
}

/// `justify = "auto"` sets running text ragged-right where the measure is
/// under 20 em (14 pt in two columns) and justified elsewhere; "always"
/// (the default) justifies it all, "never" none.
#[test]
fn justification_follows_the_measure() {
    let count = |text: &str| {
        laid(text)
            .report
            .lines
            .iter()
            .filter(|l| l.justified)
            .count()
    };
    let set = |size: f32, justify: &str| {
        variant("a4", 2, size).replace("[style]", &format!("[style]\njustify = \"{justify}\""))
    };
    // 10.5 pt columns are wide enough: auto justifies them all.
    assert_eq!(count(&set(10.5, "auto")), count(&set(10.5, "always")));
    assert_eq!(count(&variant("a4", 2, 10.5)), count(&set(10.5, "auto")));
    // 14 pt columns are not: only the full-width recommendations stay
    // justified.
    let (auto, always) = (count(&set(14.0, "auto")), count(&set(14.0, "always")));
    assert!(
        auto > 0 && always > auto + 100,
        "auto {auto}, always {always}"
    );
    assert_eq!(count(&set(14.0, "never")), 0);
    assert_layout_sound("a4/2/14 ragged", &laid(&set(14.0, "auto")));
}

/// Letter-spacing is the last resort of a justified line: only where the
/// word spaces would be loose, never above 0.02 em, and it leaves fewer
/// loose lines than the same text without it.
#[test]
fn letter_spacing_only_where_spaces_would_be_loose() {
    let text = variant("a4", 2, 14.0).replace("[style]", "[style]\njustify = \"always\"");
    let with = laid(&text);
    let without = laid(&text.replace("[style]", "[style]\nletter_spacing = false"));
    let tracked: Vec<&LineStat> = with
        .report
        .lines
        .iter()
        .filter(|l| l.tracking > 0.0)
        .collect();
    assert!(
        !tracked.is_empty(),
        "narrow 14 pt columns need letter-spacing"
    );
    for l in &tracked {
        assert!(
            l.tracking <= 0.02 + 1e-6,
            "{} em of letter-spacing",
            l.tracking
        );
        assert!(
            l.justified,
            "letter-spacing on a line that is not justified"
        );
        // Spaces reach their full stretch (0.45 em) before letters move.
        assert!(
            l.space_em >= 0.449,
            "letters spaced with spaces at {}",
            l.space_em
        );
    }
    assert!(without.report.lines.iter().all(|l| l.tracking == 0.0));
    let loose = |l: &Laidout| {
        justified(&l.report.lines)
            .iter()
            .filter(|s| **s > 0.6)
            .count()
    };
    assert!(
        loose(&with) < loose(&without),
        "letter-spacing leaves {} loose lines, none gives {}",
        loose(&with),
        loose(&without)
    );
    assert_layout_sound("a4/2/14 letter-spaced", &with);
}

/// Code spans are set in the bundled Noto Sans Mono (accented Latin
/// included) and never break at their inner spaces.
#[test]
fn code_spans_are_monospaced_and_unbroken() {
    let para = "Run `briefing build --paper a4 año.toml` to set the file, then \
                `briefing check --strict café.toml` before you send it on. ";
    let text = tiny(&format!(
        "[[sections]]\nheading = \"Commands\"\ntext = \"\"\"\n{}\n\"\"\"\n",
        para.repeat(12)
    ));
    let out = compile_as(std::path::Path::new("code.toml"), &text, &opts())
        .unwrap_or_else(|d| panic!("{:#?}", d.items));
    let pdf = Pdf::load(&out.pdf);
    let mono: Vec<_> = pdf
        .fonts()
        .into_iter()
        .filter(|f| f.base_font.ends_with("+NotoSansMono-Regular"))
        .collect();
    assert_eq!(mono.len(), 1, "no embedded Noto Sans Mono");
    assert!(mono[0].font_file2 && mono[0].to_unicode);
    let text = pdf.text();
    assert!(
        has_phrase(&text, "briefing build --paper a4 año.toml"),
        "{text}"
    );
    assert!(
        has_phrase(&text, "briefing check --strict café.toml"),
        "{text}"
    );
    // Each line holds whole code spans: every span that starts on a line
    // ends on it.
    let mut spans = 0;
    for p in 0..pdf.pages.len() {
        for (_, line) in placed_lines(&pdf.frags(p)) {
            let starts = line.matches("briefing ").count();
            let ends = line.matches(".toml").count();
            assert_eq!(starts, ends, "a code span broken on “{line}”");
            spans += starts;
        }
    }
    assert_eq!(spans, 24);
    // The code frags are in the mono face.
    let frags: Vec<_> = (0..pdf.pages.len()).flat_map(|p| pdf.frags(p)).collect();
    assert!(frags
        .iter()
        .filter(|f| f.text.contains("año.toml"))
        .all(|f| f.font.ends_with("NotoSansMono-Regular")));
}
