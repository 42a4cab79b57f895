//! Paper sizes: `style.paper` and `--paper`, read back from every page's
//! MediaBox.

mod common;

use common::{compile_as, opts, run_in, sample_path, scratch, tiny, Pdf};

const LETTER: (f64, f64) = (612.0, 792.0);
const A4: (f64, f64) = (595.28, 841.89);
const LEGAL: (f64, f64) = (612.0, 1008.0);

fn assert_paper(pdf: &Pdf, want: (f64, f64), what: &str) {
    assert!(!pdf.pages.is_empty(), "{what}: no pages");
    for p in 0..pdf.pages.len() {
        let b = pdf.media_box(p);
        assert_eq!((b[0], b[1]), (0.0, 0.0), "{what}: page {} origin", p + 1);
        let (w, h) = pdf.page_size(p);
        assert!(
            (w - want.0).abs() < 0.01 && (h - want.1).abs() < 0.01,
            "{what}: page {} is {w}×{h}, want {}×{}",
            p + 1,
            want.0,
            want.1
        );
    }
}

fn build_style(paper: &str) -> Pdf {
    let text = tiny(&format!("[style]\npaper = \"{paper}\"\n"));
    let out = compile_as(std::path::Path::new("paper.toml"), &text, &opts())
        .unwrap_or_else(|d| panic!("paper = {paper:?} fails: {:?}", d.items));
    Pdf::load(&out.pdf)
}

#[test]
fn style_paper_sets_the_page_size() {
    assert_paper(&build_style("letter"), LETTER, "style.paper letter");
    assert_paper(&build_style("a4"), A4, "style.paper a4");
    assert_paper(&build_style("legal"), LEGAL, "style.paper legal");
    // Case-insensitive, as FORMAT.md says.
    assert_paper(&build_style("A4"), A4, "style.paper A4");
    assert_paper(&build_style("Legal"), LEGAL, "style.paper Legal");
}

#[test]
fn default_paper_is_letter() {
    let out = compile_as(std::path::Path::new("p.toml"), &tiny(""), &opts()).expect("builds");
    assert_paper(&Pdf::load(&out.pdf), LETTER, "no style.paper");
}

#[test]
fn paper_flag_sets_the_sample_to_a4() {
    let dir = scratch("paper_flag_a4");
    let out = dir.join("a4.pdf");
    let sample = sample_path();
    let r = run_in(
        &dir,
        &[
            "build",
            sample.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--paper",
            "a4",
        ],
    );
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let pdf = Pdf::load_file(&out);
    assert_paper(&pdf, A4, "--paper a4");
    assert!(
        pdf.pages.len() <= 4,
        "a4 sample has {} pages",
        pdf.pages.len()
    );
}

#[test]
fn paper_flag_overrides_style_paper() {
    let dir = scratch("paper_flag_override");
    std::fs::write(dir.join("b.toml"), tiny("[style]\npaper = \"a4\"\n")).unwrap();
    for (flag, want) in [("legal", LEGAL), ("letter", LETTER), ("a4", A4)] {
        let out = format!("{flag}.pdf");
        let r = run_in(&dir, &["build", "b.toml", "-o", &out, "--paper", flag]);
        assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
        assert_paper(&Pdf::load_file(&dir.join(&out)), want, flag);
    }
}

#[test]
fn unknown_paper_flag_is_a_usage_error() {
    let dir = scratch("paper_flag_unknown");
    std::fs::write(dir.join("b.toml"), tiny("")).unwrap();
    let r = run_in(&dir, &["build", "b.toml", "--paper", "a5"]);
    assert_eq!(r.code, Some(2), "stderr: {}", r.stderr);
    assert!(!dir.join("b.pdf").exists(), "a PDF was written");
}

#[test]
fn paper_follows_the_language_unless_paper_says() {
    let dir = scratch("paper_by_language");
    let with = |lang: &str, style: &str| {
        format!(
            "title = \"A small test briefing\"\nlanguage = \"{lang}\"\n\
             [summary]\ntext = \"One short paragraph of summary text.\"\n{style}"
        )
    };
    let cases = [
        ("de", "", A4),
        ("en-GB", "", A4),
        ("fr", "", A4),
        ("en-US", "", LETTER),
        ("de", "[style]\npaper = \"letter\"\n", LETTER),
    ];
    for (i, (lang, style, want)) in cases.iter().enumerate() {
        let name = format!("b{i}.toml");
        std::fs::write(dir.join(&name), with(lang, style)).unwrap();
        let r = run_in(&dir, &["build", &name]);
        assert_eq!(r.code, Some(0), "{lang}: stderr: {}", r.stderr);
        let pdf = Pdf::load_file(&dir.join(format!("b{i}.pdf")));
        assert_paper(&pdf, *want, &format!("language = {lang:?} {style:?}"));
    }
    // --paper still wins over the language's default.
    std::fs::write(dir.join("de.toml"), with("de", "")).unwrap();
    let r = run_in(
        &dir,
        &[
            "build",
            "de.toml",
            "-o",
            "de-letter.pdf",
            "--paper",
            "letter",
        ],
    );
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    assert_paper(
        &Pdf::load_file(&dir.join("de-letter.pdf")),
        LETTER,
        "de --paper letter",
    );
}
