//! `[style]` as printed: accent colour, body size, columns, marking, the
//! page budget, and fonts from files.

mod common;

use briefing::pipeline::Options;
use common::{compile_as, has_phrase, opts, Pdf};

/// Builds as if from tests/data/style.toml (font paths are relative to
/// it; the file need not exist).
fn build(text: &str, opts: &Options) -> (briefing::pipeline::Output, Pdf) {
    let out = compile_as(&common::repo().join("tests/data/style.toml"), text, opts)
        .unwrap_or_else(|d| panic!("does not build: {:?}", d.items));
    let pdf = Pdf::load(&out.pdf);
    (out, pdf)
}

/// The size most text is set in (the body's): the commonest size over
/// all characters.
fn body_size(pdf: &Pdf) -> f64 {
    let mut count: std::collections::HashMap<i64, usize> = Default::default();
    for p in 0..pdf.pages.len() {
        for f in pdf.frags(p) {
            *count.entry((f.size * 100.0).round() as i64).or_default() += f.text.chars().count();
        }
    }
    let (size, _) = count.into_iter().max_by_key(|(_, n)| *n).expect("text");
    size as f64 / 100.0
}

/// A briefing of about four pages at the default size, with `top` keys
/// after its title and a `[style]` table holding `style`.
fn long_with(top: &str, style: &str) -> String {
    let text =
        std::fs::read_to_string(common::repo().join("tests/data/bad/max_pages_cannot_fit.toml"))
            .unwrap();
    let (head, rest) = text.split_once('\n').expect("a title line");
    let body = rest
        .strip_suffix("[style]\nmax_pages = 1\n")
        .expect("the file ends with its style table");
    format!("{head}\n{top}{body}[style]\n{style}")
}

fn long() -> String {
    long_with("", "")
}

#[test]
fn base_size_sets_the_body_text_size() {
    for size in [9.0, 12.0] {
        let (_, pdf) = build(
            &common::tiny(&format!(
                "[[sections]]\nheading = \"S\"\ntext = \"\"\"\n{}\n\"\"\"\n[style]\nbase_size = {size}\n",
                "Words in the body of the briefing. ".repeat(40)
            )),
            &opts(),
        );
        let got = body_size(&pdf);
        assert!((got - size).abs() < 0.05, "base_size {size}: body at {got}");
    }
}

#[test]
fn a_page_budget_shrinks_the_type_until_it_fits() {
    let text = long();
    let (free, pdf) = build(&text, &opts());
    let natural = free.pages;
    assert!(natural >= 3, "the long briefing has {natural} pages");
    assert_eq!(pdf.pages.len(), natural);

    let budget = natural as u32 - 1;
    let (fit, pdf) = build(
        &text,
        &Options {
            max_pages: Some(budget),
            ..opts()
        },
    );
    assert!(
        pdf.pages.len() <= budget as usize,
        "{} pages",
        pdf.pages.len()
    );
    let size = fit
        .fitted
        .expect("the output reports the size it fitted at");
    assert!((8.5..10.5).contains(&size), "fitted at {size} pt");
    assert!((body_size(&pdf) - f64::from(size)).abs() < 0.05);
    // Shrunk, not cut: every section is still there.
    let printed = pdf.text();
    for i in 1..=6 {
        assert!(
            has_phrase(&printed, &format!("Section {i}")),
            "section {i} lost"
        );
    }
}

#[test]
fn a_page_budget_takes_the_largest_size_that_fits() {
    // The search starts from a guess; whatever it tries, the size it
    // settles on must fit and the next 0.1 pt step up must not.
    for base in ["10", "11", "12"] {
        let text = long_with("", &format!("base_size = {base}\n"));
        let (free, _) = build(&text, &opts());
        let budget = free.pages as u32 - 1;
        let (fit, pdf) = build(
            &text,
            &Options {
                max_pages: Some(budget),
                ..opts()
            },
        );
        assert!(pdf.pages.len() <= budget as usize);
        let size = fit.fitted.expect("it had to shrink");
        let up = (size * 10.0).round() / 10.0 + 0.1;
        let (above, _) = build(&long_with("", &format!("base_size = {up:.1}\n")), &opts());
        assert!(
            above.pages > budget as usize,
            "{base} pt into {budget} pages: fitted at {size} pt, yet {up:.1} pt fits too ({} pages)",
            above.pages
        );
    }
}

#[test]
fn the_max_pages_flag_overrides_the_file() {
    // The file says 1 page, which cannot fit; the flag allows more.
    let dir = common::scratch("style_max_pages_flag");
    std::fs::write(dir.join("b.toml"), long_with("", "max_pages = 1\n")).unwrap();
    let r = common::run_in(&dir, &["build", "b.toml", "--max-pages", "1000"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = common::run_in(&dir, &["build", "b.toml", "-o", "b1.pdf"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("error[E0015]"), "{}", r.stderr);
    assert!(!dir.join("b1.pdf").exists());
    // A budget from the command line says so, and points at no line.
    let r = common::run_in(
        &dir,
        &["build", "b.toml", "-o", "b2.pdf", "--max-pages", "1"],
    );
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("cannot fit 1 page (`--max-pages 1`, from the command line)"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("b.toml:"),
        "a place in the file: {}",
        r.stderr
    );
}

fn fills(pdf: &Pdf, page: usize) -> Vec<[f64; 3]> {
    let content = pdf.doc.get_page_content(pdf.pages[page]);
    let ops = lopdf::content::Content::decode(&content)
        .unwrap()
        .operations;
    ops.iter()
        .filter(|o| o.operator == "rg" || o.operator == "RG")
        .filter_map(|o| {
            let v: Vec<f64> = o
                .operands
                .iter()
                .filter_map(|x| x.as_float().ok().map(f64::from))
                .collect();
            (v.len() == 3).then(|| [v[0], v[1], v[2]])
        })
        .collect()
}

#[test]
fn the_accent_colour_is_used() {
    let near = |c: [f64; 3], rgb: [u8; 3]| {
        c.iter()
            .zip(rgb)
            .all(|(a, b)| (a - f64::from(b) / 255.0).abs() < 0.003)
    };
    let doc = |accent: &str| {
        common::tiny(&format!(
            "[[figures]]\nvalue = \"49%\"\nlabel = \"poverty\"\n[style]\n{accent}"
        ))
    };
    let (_, pdf) = build(&doc("accent = \"#5B2A86\"\n"), &opts());
    let colours = fills(&pdf, 0);
    assert!(
        colours.iter().any(|c| near(*c, [0x5B, 0x2A, 0x86])),
        "#5B2A86 is not used: {colours:?}"
    );
    // #RGB is #RRGGBB with each digit doubled.
    let (_, pdf) = build(&doc("accent = \"#c30\"\n"), &opts());
    assert!(fills(&pdf, 0).iter().any(|c| near(*c, [0xCC, 0x33, 0x00])));
    // The default is a dark blue.
    let (_, pdf) = build(&doc(""), &opts());
    assert!(fills(&pdf, 0).iter().any(|c| near(*c, [0x1F, 0x3A, 0x5F])));
}

#[test]
fn two_columns_keep_every_word() {
    let text = long_with("", "columns = 2\n");
    let (_, one) = build(&long(), &opts());
    let (_, two) = build(&text, &opts());
    let words = |pdf: &Pdf| {
        let mut w: Vec<String> = pdf
            .text()
            .split_whitespace()
            .filter(|w| !w.ends_with('-') && w.chars().all(char::is_alphabetic))
            .map(str::to_string)
            .collect();
        w.sort();
        w
    };
    let (a, b) = (words(&one), words(&two));
    // Hyphenation differs between measures, so compare whole words only,
    // and allow for words split at line ends.
    let missing: Vec<&String> = a.iter().filter(|w| !b.contains(w)).collect();
    assert!(missing.is_empty(), "two columns lost {missing:?}");
    // The columns stand side by side: full lines of body text start in
    // the right half of the page.
    let right_starts = |pdf: &Pdf| {
        let (w, _) = pdf.page_size(0);
        (0..pdf.pages.len())
            .flat_map(|p| common::placed_lines(&pdf.frags(p)))
            .filter(|(x, line)| *x > w / 2.0 && line.split_whitespace().count() >= 4)
            .count()
    };
    // (Running headers start there on every page in both.)
    let (r1, r2) = (right_starts(&one), right_starts(&two));
    assert!(
        r1 <= one.pages.len(),
        "{r1} lines start mid-page in one column"
    );
    assert!(r2 > r1 + 20, "no right column: {r2} lines start mid-page");
}

#[test]
fn a_marking_prints_on_every_page() {
    let text = long_with("marking = \"For discussion only\"\n", "");
    let (_, pdf) = build(&text, &opts());
    assert!(pdf.pages.len() > 1);
    for p in 0..pdf.pages.len() {
        let t = pdf.page_text(p).to_uppercase();
        let n = t.matches("FOR DISCUSSION ONLY").count();
        assert!(n >= 2, "page {}: marking printed {n} times:\n{t}", p + 1);
    }
}

#[test]
fn fonts_from_files_replace_the_bundled_ones() {
    let text = common::tiny(
        "[style.fonts]\nbody = \"../../fonts/sans/Lato-Regular.ttf\"\n\
         heading = { regular = \"../../fonts/serif/Vollkorn-Regular.ttf\", bold = \"../../fonts/serif/Vollkorn-Bold.ttf\" }\n",
    );
    let (_, pdf) = build(&text, &opts());
    // The body is now Lato: the summary text is set in it.
    let body_font = pdf
        .frags(0)
        .into_iter()
        .find(|f| f.text.contains("One short paragraph"))
        .map(|f| f.font)
        .expect("the summary prints");
    assert!(
        body_font.ends_with("+Lato-Regular"),
        "body set in {body_font}"
    );
    for f in pdf.fonts() {
        assert!(f.font_file2, "{} not embedded", f.base_font);
    }
}
