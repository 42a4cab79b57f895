//! Warnings print, located, and the PDF is still written.

mod common;

use briefing::diag::{Diagnostic, Source};
use common::{has_phrase, listing, opts, run_in, scratch, tiny, Pdf};

/// Builds `text`; it must succeed. Returns the warnings and the PDF.
fn build(text: &str) -> (Source, Vec<Diagnostic>, Pdf) {
    let src = Source::new("w.toml", text);
    match briefing::pipeline::compile(&src, &opts()) {
        Ok(out) => {
            let w: Vec<Diagnostic> = out.diagnostics.warnings().cloned().collect();
            assert!(out.diagnostics.errors().next().is_none());
            let pdf = Pdf::load(&out.pdf);
            assert!(!pdf.pages.is_empty());
            (src, w, pdf)
        }
        Err(d) => panic!("a warning stopped the build: {:?}", d.items),
    }
}

fn at(src: &Source, d: &Diagnostic) -> (usize, usize) {
    let lc = src.line_col(d.span.clone().expect("located").start);
    (lc.line, lc.col)
}

const UNUSED: &str = "[notes]\nlonely = \"Never cited anywhere in the text.\"\n";

#[test]
fn an_unused_note_is_a_warning_and_is_not_printed() {
    let (src, w, pdf) = build(&tiny(UNUSED));
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].code, "W0001");
    assert!(w[0].message.contains("`lonely`"), "{}", w[0].message);
    assert_eq!(at(&src, &w[0]), (5, 1));
    assert!(!has_phrase(&pdf.text(), "Never cited anywhere"));
}

#[test]
fn the_binary_prints_the_warning_and_writes_the_pdf() {
    let dir = scratch("warnings_binary");
    std::fs::write(dir.join("w.toml"), tiny(UNUSED)).unwrap();
    let r = run_in(&dir, &["build", "w.toml", "-o", "w.pdf"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    for want in ["warning[W0001]", "--> w.toml:5:1", "lonely = ", "^"] {
        assert!(
            r.stderr.contains(want),
            "stderr lacks {want:?}:\n{}",
            r.stderr
        );
    }
    assert_eq!(listing(&dir), vec!["w.pdf", "w.toml"]);
    assert!(Pdf::load_file(&dir.join("w.pdf")).pages.len() == 1);
}

#[test]
fn a_character_no_font_can_draw_is_named_where_it_stands() {
    let text = "title = \"Coverage\"\n[summary]\ntext = \"Lima and 東京 are far apart 🙂.\"\n";
    let (src, w, _) = build(text);
    let codes: Vec<&str> = w.iter().map(|d| d.code).collect();
    assert!(codes.iter().all(|c| *c == "W0002"), "{w:?}");
    let find = |c: char| {
        w.iter()
            .find(|d| d.message.contains(c))
            .unwrap_or_else(|| panic!("no warning names {c}: {w:?}"))
    };
    let tokyo = find('東');
    assert!(tokyo.message.contains("U+6771"), "{}", tokyo.message);
    assert_eq!(at(&src, tokyo), (3, 18));
    let smile = find('🙂');
    assert!(smile.message.contains("U+1F642"), "{}", smile.message);
    assert_eq!(at(&src, smile), (3, 35));
}

#[test]
fn a_figure_value_too_long_for_its_card_is_shrunk_with_a_warning() {
    let long = "Supercalifragilisticexpialidocious";
    let text = tiny(&format!(
        "[[figures]]\nvalue = \"{long}\"\nlabel = \"first\"\n\
         [[figures]]\nvalue = \"12\"\nlabel = \"second\"\n\
         [[figures]]\nvalue = \"3%\"\nlabel = \"third\"\n"
    ));
    let (src, w, pdf) = build(&text);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].code, "W0003");
    assert!(w[0].message.contains(long), "{}", w[0].message);
    assert_eq!(at(&src, &w[0]), (5, 9));
    // Shrunk, not cut: the whole value still prints.
    assert!(has_phrase(&pdf.text(), long), "{}", pdf.text());
}

#[test]
fn other_warnings_are_located_too() {
    // A note reference where notes are not allowed prints literally.
    let (src, w, pdf) = build(
        "title = \"Title[^n]\"\n[summary]\ntext = \"Cited.[^n]\"\n[notes]\nn = \"A note.\"\n",
    );
    assert_eq!(w.iter().map(|d| d.code).collect::<Vec<_>>(), ["W0004"]);
    assert_eq!(at(&src, &w[0]), (1, 15));
    assert!(pdf.text().contains("Title[^n]"));
    // A thematic break prints as plain text.
    let (src, w, _) = build(&tiny(
        "[[sections]]\nheading = \"S\"\ntext = \"\"\"\nAbove.\n\n---\n\nBelow.\n\"\"\"\n",
    ));
    assert_eq!(w.iter().map(|d| d.code).collect::<Vec<_>>(), ["W0005"]);
    assert_eq!(at(&src, &w[0]), (9, 1));
}

#[test]
fn past_a_hundred_of_one_kind_people_get_a_count_and_json_gets_all() {
    let dir = scratch("many_unused_notes");
    let notes: String = (0..250)
        .map(|i| format!("n{i} = \"Never cited.\"\n"))
        .collect();
    std::fs::write(dir.join("b.toml"), tiny(&format!("[notes]\n{notes}"))).unwrap();
    let r = run_in(&dir, &["build", "b.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stderr.matches("warning[W0001]: note").count(), 100);
    assert!(
        r.stderr
            .contains("warning[W0001]: and 150 more like this in b.toml"),
        "{}",
        r.stderr
    );
    let r = run_in(&dir, &["check", "b.toml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    let all = v["diagnostics"]
        .as_array()
        .or_else(|| v.as_array())
        .expect("a list of diagnostics");
    assert_eq!(all.iter().filter(|d| d["code"] == "W0001").count(), 250);
}
