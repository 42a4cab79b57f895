//! The tagged PDF, read back with lopdf as a screen reader would walk it:
//! the structure follows the briefing in order, every paragraph's text in
//! the tree is the author's text, notes and references are linked, charts
//! say their values, page furniture is an artifact, and every paper,
//! column count and size gives a file that passes the same checks.

mod common;

use briefing::diag::Source;
use briefing::markup::{self, Block, Inline};
use briefing::model;
use common::a11y::{Kid, Structure};
use common::{compile_as, opts, sample, sample_path, sample_text, Pdf};

/// Whitespace made single spaces, for comparing text across line breaks.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sample's document as markup builds it.
fn sample_doc() -> markup::Document {
    let source = Source::new(sample_path(), sample_text());
    let (b, d) = model::parse(&source);
    let b = b.unwrap_or_else(|| panic!("the sample parses: {:?}", d.items));
    markup::build(&b, &source).0
}

/// The text of inlines as the PDF prints it: note references as their
/// numbers.
fn printed(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Text { text, .. } => s.push_str(text),
            Inline::NoteRef { number, .. } => s.push_str(&number.to_string()),
        }
    }
    s
}

#[test]
fn headings_follow_the_briefing_in_reading_order() {
    let (_, pdf) = sample();
    let s = pdf.assert_accessible();
    let doc = sample_doc();
    let labels = briefing::model::Language::EnUs.labels();
    let mut want: Vec<(String, String)> = vec![("H1".into(), printed(&doc.title))];
    for part in [labels.bottom_line, labels.summary, labels.key_figures] {
        want.push(("H2".into(), part.to_uppercase()));
    }
    for sec in &doc.sections {
        want.push(("H2".into(), printed(&sec.heading)));
    }
    want.push(("H2".into(), labels.recommendations.to_uppercase()));
    for (i, r) in doc.recommendations.iter().enumerate() {
        want.push(("H3".into(), format!("{} {}", i + 1, printed(&r.title))));
    }
    want.push(("H2".into(), labels.notes.to_uppercase()));
    let got: Vec<(String, String)> = s
        .of_roles(&["H1", "H2", "H3"])
        .into_iter()
        .map(|(r, t)| (r, norm(&t).replace(' ', "")))
        .collect();
    let want: Vec<(String, String)> = want
        .into_iter()
        .map(|(r, t)| (r, norm(&t).replace(' ', "")))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn paragraphs_in_the_tree_read_as_the_author_wrote_them() {
    // Lines joined with their spaces, hyphenated words whole, references
    // in place: the text a screen reader speaks is the source's.
    let (_, pdf) = sample();
    let s = pdf.assert_accessible();
    let doc = sample_doc();
    let mut want: Vec<String> = Vec::new();
    let mut paras = |blocks: &[Block]| {
        for b in blocks {
            if let Block::Para(i) = b {
                want.push(norm(&printed(i)));
            }
        }
    };
    paras(&doc.summary);
    for sec in &doc.sections {
        paras(&sec.body);
    }
    let got: Vec<String> = s
        .of_roles(&["P"])
        .into_iter()
        .map(|(_, t)| norm(&t))
        .collect();
    for w in &want {
        assert!(got.contains(w), "no paragraph in the tree reads:\n{w}\n");
    }
    assert!(want.len() >= 8, "the sample has its paragraphs");
    // A word hyphenated at a line's end is whole in the tree.
    let all = s.text(0);
    assert!(!all.contains("\u{AD}"));
    for line_end in pdf.frags(1).iter().filter(|f| f.text == "-") {
        assert_eq!(
            line_end.mark.artifact.as_deref(),
            Some(""),
            "a line-end hyphen is an artifact"
        );
    }
}

#[test]
fn letter_spaced_labels_say_their_words() {
    let (_, pdf) = sample();
    let spaced: Vec<String> = pdf
        .frags(0)
        .into_iter()
        .filter_map(|f| f.mark.actual_text)
        .collect();
    for label in ["BOTTOM LINE", "SUMMARY", "KEY FIGURES", "BACKGROUNDER"] {
        assert!(
            spaced.iter().any(|t| t == label),
            "{label} carries ActualText: {spaced:?}"
        );
    }
}

/// Each Link element with the annotations it claims' /Contents.
fn links(pdf: &Pdf, s: &Structure) -> Vec<(usize, Vec<String>)> {
    s.walk()
        .into_iter()
        .filter(|&e| s.elems[e].role == "Link")
        .map(|e| {
            let contents = s.elems[e]
                .kids
                .iter()
                .filter_map(|k| match k {
                    Kid::Objr { obj } => pdf
                        .doc
                        .get_dictionary(*obj)
                        .ok()
                        .and_then(|d| d.get(b"Contents").ok())
                        .and_then(|o| o.as_str().ok())
                        .map(common::text_string),
                    _ => None,
                })
                .collect();
            (e, contents)
        })
        .collect()
}

#[test]
fn every_note_has_its_id_and_every_reference_links_to_it() {
    let (out, pdf) = sample();
    let s = pdf.assert_accessible();
    let doc = sample_doc();
    let notes: Vec<&str> = s
        .elems
        .iter()
        .filter(|e| e.role == "Note")
        .map(|e| e.id.as_deref().unwrap())
        .collect();
    let want: Vec<String> = doc
        .notes
        .iter()
        .map(|n| format!("note-{}", n.number))
        .collect();
    assert_eq!(notes, want);
    let links = links(pdf, &s);
    for n in &doc.notes {
        let label = format!("Note {}", n.number);
        let refs = links
            .iter()
            .filter(|(_, c)| c.iter().any(|c| c == &label))
            .count();
        assert!(refs >= 1, "{label} has a Link element pointing at it");
    }
    // Each reference's annotation goes to its note's page.
    let annots: Vec<_> = (0..pdf.pages.len()).flat_map(|p| pdf.links(p)).collect();
    assert!(annots.iter().all(|l| l.dest.is_some() || l.uri.is_some()));
    // A Note reads its number first, then its text.
    let first = s
        .walk()
        .into_iter()
        .find(|&e| s.elems[e].role == "Note")
        .unwrap();
    assert!(norm(&s.text(first)).starts_with("1. Karen DeYoung"));
    assert_eq!(out.pages, pdf.pages.len());
}

#[test]
fn each_chart_says_every_value_in_its_alt_text() {
    let (_, pdf) = sample();
    let s = pdf.assert_accessible();
    let doc = sample_doc();
    let alts: Vec<&str> = s
        .elems
        .iter()
        .filter(|e| e.role == "Figure")
        .map(|e| e.alt.as_deref().unwrap())
        .collect();
    let charts: Vec<_> = doc
        .figures
        .iter()
        .filter_map(|f| f.chart.as_ref())
        .collect();
    assert_eq!(alts.len(), charts.len(), "one Figure per chart");
    for (alt, c) in alts.iter().zip(&charts) {
        assert!(
            alt.starts_with("Bar chart.") || alt.starts_with("Line chart."),
            "{alt}"
        );
        for (label, v) in c.labels.iter().zip(&c.values) {
            let value =
                briefing::layout::chart::format_value(*v, model::Language::EnUs, c.unit.as_deref());
            assert!(
                alt.contains(&format!("{label}, {value}")),
                "{alt} names {label}"
            );
        }
    }
    // Each figure is placed as a block with its bounding box.
    for e in s.elems.iter().filter(|e| e.role == "Figure") {
        let a = e.attrs.as_ref().expect("layout attributes");
        assert!(a.get(b"BBox").is_ok() && a.get(b"Placement").is_ok());
    }
}

#[test]
fn an_authors_alt_replaces_the_generated_one() {
    let text = sample_text().replacen(
        "[figures.chart]",
        "[figures.chart]\nalt = \"Growth fell by more than two thirds.\"",
        1,
    );
    let out = compile_as(&sample_path(), &text, &opts()).expect("builds");
    let s = Pdf::load(&out.pdf).assert_accessible();
    assert!(s
        .elems
        .iter()
        .any(|e| e.alt.as_deref() == Some("Growth fell by more than two thirds.")));
}

#[test]
fn running_heads_footers_and_markings_are_artifacts() {
    let text = sample_text().replacen(
        "short_title =",
        "marking = \"For discussion\"\nshort_title =",
        1,
    );
    let out = compile_as(&sample_path(), &text, &opts()).expect("builds");
    let pdf = Pdf::load(&out.pdf);
    let s = pdf.assert_accessible();
    for page in 0..pdf.pages.len() {
        let frags = pdf.frags(page);
        let kind = |needle: &str| -> Vec<Option<String>> {
            frags
                .iter()
                .filter(|f| f.text.contains(needle))
                .map(|f| f.mark.artifact.clone())
                .collect()
        };
        let folio = format!("Page {} of {}", page + 1, pdf.pages.len());
        assert_eq!(kind(&folio), vec![Some("Footer".to_string())], "{folio}");
        let marking = kind("FOR DISCUSSION");
        assert!(
            marking.len() == 2 && marking.iter().all(|m| m.is_some()),
            "{marking:?}"
        );
        if page > 0 {
            let head = kind("U.S.-Peru Relations");
            assert!(head.contains(&Some("Header".to_string())), "{head:?}");
        }
    }
    // Nothing of the furniture reaches the tree.
    assert!(!s.text(0).contains("Page 1 of"));
    assert!(!s.text(0).contains("FOR DISCUSSION"));
}

#[test]
fn every_paper_column_count_and_size_is_tagged() {
    for paper in ["letter", "a4"] {
        for columns in [1, 2] {
            for size in [8, 14] {
                let text = sample_text()
                    .replace("paper = \"letter\"", &format!("paper = \"{paper}\""))
                    .replace("columns = 1", &format!("columns = {columns}"))
                    .replace("base_size = 10", &format!("base_size = {size}"))
                    .replace("max_pages = 4", "");
                let out = compile_as(&sample_path(), &text, &opts())
                    .unwrap_or_else(|d| panic!("{paper} {columns} {size}: {:?}", d.items));
                let s = Pdf::load(&out.pdf).assert_accessible();
                assert!(s.elems.len() > 100, "{paper} {columns} {size}");
            }
        }
    }
}

#[test]
fn the_tree_is_whole_across_pages_and_columns() {
    // A paragraph that runs over a page or column break is one element
    // whose kids name both pages.
    let text = sample_text().replace("columns = 1", "columns = 2");
    let out = compile_as(&sample_path(), &text, &opts()).expect("builds");
    let pdf = Pdf::load(&out.pdf);
    let s = pdf.assert_accessible();
    let split = s.elems.iter().any(|e| {
        let pages: std::collections::BTreeSet<usize> = e
            .kids
            .iter()
            .filter_map(|k| match k {
                Kid::Mcid { page, .. } => Some(*page),
                _ => None,
            })
            .collect();
        e.role == "P" && pages.len() > 1
    });
    assert!(split, "some paragraph spans a page break and stays one P");
    let ps = s.of_roles(&["P"]).len();
    let one = sample().1.structure().of_roles(&["P"]).len();
    assert_eq!(ps, one, "the same paragraphs in one and two columns");
}
