//! The README's figures of today's output, against today's output: the
//! sample's pages and size wherever the README states them (the watch
//! lines, the cost of tagging, the performance table's "PDF today"
//! column, `check`'s line), and the generated 10-page briefing's size. A
//! change to the writer that moves a size by more than 1% fails here until
//! the README says the new figure.

mod common;

#[path = "../benches/support/gen.rs"]
mod gen;

fn readme() -> String {
    std::fs::read_to_string(common::repo().join("README.md")).expect("README.md")
}

/// The number at the start of `s` ("66.8 KB" → 66.8, "68,432 bytes" →
/// 68432).
fn number(s: &str) -> f64 {
    let n: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    n.parse()
        .unwrap_or_else(|_| panic!("no number at the start of {s:?}"))
}

/// What follows each occurrence of `prefix` in the README (at least one).
fn after<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    let found: Vec<&str> = text
        .match_indices(prefix)
        .map(|(i, _)| &text[i + prefix.len()..])
        .collect();
    assert!(!found.is_empty(), "the README no longer says {prefix:?}");
    found
}

fn close(stated: f64, actual: f64, what: &str) {
    assert!(
        (stated - actual).abs() <= actual * 0.01,
        "the README says {stated} for {what}, today's build gives {actual:.1}"
    );
}

#[test]
fn the_samples_figures_are_todays() {
    let (out, _) = common::sample();
    let bytes = out.pdf.len() as f64;
    let kb = bytes / 1024.0;
    let text = readme();
    // The watch lines: `wrote briefing.pdf (4 pages, 66.8 KB)`.
    for rest in after(&text, "briefing.pdf (") {
        let pages = number(rest);
        assert_eq!(pages as usize, out.pages, "{}", &rest[..40]);
        let size = rest.split(", ").nth(1).expect("a size after the pages");
        close(number(size), kb, "the sample in a result line");
    }
    // The cost of tagging.
    for rest in after(&text, "Cost (sample): ") {
        close(number(rest), kb, "the tagged sample");
        let exact = rest.split('(').nth(1).expect("(N bytes)");
        close(number(exact), bytes, "the tagged sample's bytes");
    }
    // The performance table's last column.
    for rest in after(&text, "| sample (`briefing.toml`) | ") {
        let row = rest.lines().next().unwrap_or("");
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        assert_eq!(number(cells[0]) as usize, out.pages, "{row}");
        let today = cells[cells.len() - 2];
        close(number(today), kb, "the sample today");
        close(
            number(today.split('(').nth(1).unwrap_or("")),
            bytes,
            "the sample's bytes today",
        );
    }
    // `check`'s line for the sample.
    let line = format!(
        "ok: {} pages at {} pt",
        out.pages,
        format!("{:.1}", out.laid.base_size).trim_end_matches(".0")
    );
    assert!(text.contains(&line), "the README does not say {line:?}");
}

#[test]
fn the_generated_ten_pages_size_is_todays() {
    let out = common::compile_as(
        std::path::Path::new("gen10.toml"),
        &gen::briefing(10, 1),
        &common::opts(),
    )
    .expect("the generated briefing builds");
    let text = readme();
    let rest = after(&text, "| generated, 10 pages | ")[0];
    let row = rest.lines().next().unwrap_or("");
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    close(
        number(cells[cells.len() - 2]),
        out.pdf.len() as f64 / 1024.0,
        "10 pages today",
    );
}
