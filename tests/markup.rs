//! Text fields as printed: note numbering in reading order, references
//! that are not references, typographic quotes and dates per language.

mod common;

use briefing::diag::Source;
use common::{has_phrase, opts, Pdf};

/// Builds `text`; returns the PDF's text and the diagnostics' codes.
fn printed(text: &str) -> (String, Vec<&'static str>) {
    let src = Source::new("m.toml", text);
    match briefing::pipeline::compile(&src, &opts()) {
        Ok(out) => (
            Pdf::load(&out.pdf).text(),
            out.diagnostics.items.iter().map(|d| d.code).collect(),
        ),
        Err(d) => panic!("does not build: {:?}", d.items),
    }
}

#[test]
fn notes_are_numbered_in_reading_order() {
    // Keys in [notes] are in another order than their first uses.
    let (text, codes) = printed(
        r#"title = "Numbering"
[summary]
bottom_line = "The bottom line cites first.[^b]"
text = "The summary cites second.[^s]"
[[figures]]
value = "49%"
label = "a figure"
note = "f"
[[sections]]
heading = "A section"
text = "The section cites fourth[^sec] and the second again.[^s]"
[[recommendations]]
title = "Act"
text = "The recommendation cites fifth.[^r]"
[notes]
r = "Note R, which cites another.[^inner]"
inner = "Note INNER, cited only inside a note."
sec = "Note SEC."
f = "Note F."
s = "Note S."
b = "Note B."
"#,
    );
    assert!(codes.is_empty(), "{codes:?}");
    let order = ["B", "S", "F", "SEC", "R", "INNER"];
    for (i, key) in order.iter().enumerate() {
        let want = format!("{}. Note {key}", i + 1);
        assert!(has_phrase(&text, &want), "no “{want}” in\n{text}");
    }
    assert!(
        !has_phrase(&text, "7. Note"),
        "a note printed twice:\n{text}"
    );
}

#[test]
fn references_that_are_not_references_print_literally() {
    let (text, codes) = printed(
        r#"title = "Literal"
[summary]
text = 'Write `[^key]` to cite, or \[^key] in text; neither is a reference.'
"#,
    );
    assert!(codes.is_empty(), "{codes:?}");
    assert!(
        has_phrase(&text, "Write [^key] to cite, or [^key] in text"),
        "{text}"
    );
}

#[test]
fn an_undefined_key_in_a_figure_note_array_is_pointed_at() {
    let text = "title = \"T\"\n[summary]\ntext = \"S.[^a]\"\n[[figures]]\nvalue = \"1\"\nlabel = \"L\"\nnote = [\"a\", \"zz\"]\n[notes]\na = \"A.\"\n";
    let src = Source::new("m.toml", text);
    let d = match briefing::pipeline::compile(&src, &opts()) {
        Ok(_) => panic!("an undefined figure note builds"),
        Err(d) => d,
    };
    let e: Vec<_> = d.errors().collect();
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].code, "E0005");
    let span = e[0].span.clone().expect("located");
    assert_eq!(&text[span.clone()], "\"zz\"");
    let at = src.line_col(span.start);
    assert_eq!((at.line, at.col), (7, 14));
}

fn in_language(lang: &str, summary: &str) -> String {
    let (text, codes) = printed(&format!(
        "title = \"T\"\nlanguage = \"{lang}\"\ndate = 2001-08-13\n[summary]\ntext = '''{summary}'''\n"
    ));
    assert!(codes.is_empty(), "{lang}: {codes:?}");
    text
}

#[test]
fn quotes_dashes_and_dates_follow_the_language() {
    let en = in_language("en-US", r#"The '90s were "hard" -- and 'long' --- Peru's."#);
    assert!(
        has_phrase(&en, "The ’90s were “hard” – and ‘long’ — Peru’s."),
        "{en}"
    );
    assert!(has_phrase(&en, "August 13, 2001"), "{en}");

    let es = in_language("es-PE", r#"Dijo "hola" y 'adiós'."#);
    assert!(has_phrase(&es, "Dijo «hola» y “adiós”."), "{es}");
    assert!(has_phrase(&es, "13 de agosto de 2001"), "{es}");

    let de = in_language("de", r#"Er sagte "hallo" und 'ja'."#);
    assert!(has_phrase(&de, "Er sagte „hallo“ und ‚ja‘."), "{de}");
    // An apostrophe is ’ in every language, never German's closing ‘.
    let de = in_language("de", r#"So hab' ich's gesagt, sagt' er."#);
    assert!(has_phrase(&de, "So hab’ ich’s gesagt, sagt’ er."), "{de}");
    let es = in_language("es-PE", r#"Los students' books."#);
    assert!(has_phrase(&es, "Los students’ books."), "{es}");

    let fr = in_language("fr", r#"Il a dit "bonjour"."#);
    let squeezed: String = fr.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(squeezed.contains("Iladit«bonjour»."), "{fr}");
    // The space inside the guillemets is a narrow no-break space.
    assert!(fr.contains("«\u{202F}bonjour\u{202F}»"), "{fr:?}");
}
