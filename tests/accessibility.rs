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
        want.push(("H2".into(), part.to_string()));
    }
    for sec in &doc.sections {
        want.push(("H2".into(), printed(&sec.heading)));
    }
    want.push(("H2".into(), labels.recommendations.to_string()));
    for r in &doc.recommendations {
        want.push(("H3".into(), printed(&r.title)));
    }
    want.push(("H2".into(), labels.notes.to_string()));
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
    // Printed in tracked capitals, heard as written: "Bottom line", not
    // "B-O-T-T-O-M L-I-N-E" or a shouted "BOTTOM LINE".
    let (_, pdf) = sample();
    let frags = pdf.frags(0);
    let spaced: Vec<String> = frags
        .iter()
        .filter_map(|f| f.mark.actual_text.clone())
        .collect();
    for label in ["Bottom line", "Summary", "Key figures", "Backgrounder"] {
        assert!(
            spaced.iter().any(|t| t == label),
            "{label} carries ActualText: {spaced:?}"
        );
        // The page shows the capitals.
        let caps = label.to_uppercase();
        assert!(
            frags
                .iter()
                .any(|f| f.mark.actual_text.as_deref() == Some(label)
                    && caps.starts_with(f.text.trim())),
            "{label} is printed as {caps}"
        );
    }
}

#[test]
fn lists_say_how_they_count() {
    // The recommendations are one numbered list, each item its numeral
    // and its body under the title's heading; the actions are bulleted.
    let (_, pdf) = sample();
    let s = pdf.assert_accessible();
    let numbering = |e: usize| -> Option<String> {
        let a = s.elems[e].attrs.as_ref()?;
        assert_eq!(a.get(b"O").ok()?.as_name().ok()?, b"List");
        let n = a.get(b"ListNumbering").ok()?.as_name().ok()?;
        Some(String::from_utf8_lossy(n).into_owned())
    };
    let lists: Vec<usize> = s
        .walk()
        .into_iter()
        .filter(|&e| s.elems[e].role == "L")
        .collect();
    assert!(!lists.is_empty());
    for &l in &lists {
        assert!(numbering(l).is_some(), "every list says how it counts");
    }
    let doc = sample_doc();
    let recs = lists
        .iter()
        .find(|&&l| numbering(l).as_deref() == Some("Decimal"))
        .expect("a numbered list");
    let items: Vec<usize> = s.elems[*recs]
        .kids
        .iter()
        .filter_map(|k| match k {
            Kid::Elem(e) => Some(*e),
            _ => None,
        })
        .collect();
    assert_eq!(items.len(), doc.recommendations.len());
    for (i, &li) in items.iter().enumerate() {
        assert_eq!(s.elems[li].role, "LI");
        let kids: Vec<usize> = s.elems[li]
            .kids
            .iter()
            .filter_map(|k| match k {
                Kid::Elem(e) => Some(*e),
                _ => None,
            })
            .collect();
        let roles: Vec<&str> = kids.iter().map(|&k| s.elems[k].role.as_str()).collect();
        assert_eq!(roles, ["Lbl", "LBody"]);
        assert_eq!(norm(&s.text(kids[0])), (i + 1).to_string());
        let title = norm(&printed(&doc.recommendations[i].title));
        assert!(norm(&s.text(kids[1])).starts_with(&title), "{title}");
    }
    assert!(
        lists
            .iter()
            .any(|&l| numbering(l).as_deref() == Some("Disc")),
        "the actions are bullets"
    );
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

/// The sample and every test briefing, each with its text.
fn briefings() -> Vec<(std::path::PathBuf, String)> {
    let mut out = vec![(sample_path(), sample_text())];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/briefings");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        out.push((f, text));
    }
    out
}

#[test]
fn every_chart_states_its_finding_in_its_alt_text() {
    // Kind and subject (the card's value and label, as it reads), then
    // what a sighted reader learns (where an ordered series goes, or the
    // highest and lowest category), then the values while few, every
    // number in the language's form, in at most 250 characters.
    let mut charts = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for (path, text) in briefings() {
        let out = compile_as(&path, &text, &opts()).expect("builds");
        let s = Pdf::load(&out.pdf).assert_accessible();
        let source = Source::new(path.clone(), text.clone());
        let b = model::parse(&source).0.expect("parses");
        let lang = b.language;
        let doc = markup::build(&b, &source).0;
        let mut alts: Vec<&str> = s
            .elems
            .iter()
            .filter(|e| e.role == "Figure")
            .map(|e| e.alt.as_deref().unwrap())
            .collect();
        let cards: Vec<_> = doc.figures.iter().filter(|f| f.chart.is_some()).collect();
        // Section figures (after the cards) are tests/section_figures.rs's.
        let exhibits: usize = doc.sections.iter().map(|s| s.figures.len()).sum();
        assert_eq!(
            alts.len(),
            cards.len() + exhibits,
            "{}: one Figure per chart",
            path.display()
        );
        alts.truncate(cards.len());
        let english = matches!(lang, model::Language::EnUs | model::Language::EnGb);
        for (alt, card) in alts.iter().zip(&cards) {
            let c = card.chart.as_ref().unwrap();
            charts += 1;
            let labels = lang.labels();
            let kind = match c.kind {
                model::ChartKind::Bar => labels.bar_chart,
                model::ChartKind::Line => labels.line_chart,
            };
            let subject = format!("{} {}", card.value, markup::plain_text(&card.label));
            assert!(
                alt.starts_with(&format!("{kind}: {}", subject.trim_end_matches('.'))),
                "{alt}\nopens with the kind and the card as it reads"
            );
            assert!(alt.chars().count() <= 250, "{alt}");
            // Each number as the author wrote it ("0.0%", "−0.50%").
            let places = |v: f64| {
                c.values
                    .iter()
                    .position(|&x| x == v)
                    .and_then(|i| c.places[i])
            };
            let value = |v: f64| {
                briefing::layout::chart::format_places(v, places(v), lang, c.unit.as_deref())
            };
            let (first, last) = (c.values[0], *c.values.last().unwrap());
            let max = c.values.iter().cloned().fold(f64::MIN, f64::max);
            let min = c.values.iter().cloned().fold(f64::MAX, f64::min);
            let ordered = c.kind == model::ChartKind::Line
                || c.labels
                    .iter()
                    .all(|l| l.chars().any(|ch| ch.is_ascii_digit()));
            kinds.insert(ordered);
            // The finding names where the series begins and ends, or its
            // extremes; in English its words are checked too.
            let named = if ordered { [first, last] } else { [max, min] };
            for v in named {
                assert!(alt.contains(&value(v)), "{alt}\nnames {}", value(v));
            }
            if english {
                let word = if !ordered {
                    "Highest:"
                } else if last > first {
                    "Rises from"
                } else if last < first {
                    "Falls from"
                } else {
                    "Unchanged at"
                };
                assert!(alt.contains(word), "{alt}\nsays {word}");
            }
            if c.values.len() <= 12 {
                for (l, v) in c.labels.iter().zip(&c.values) {
                    assert!(
                        alt.contains(l.as_str()) && alt.contains(&value(*v)),
                        "{alt}\n{l}"
                    );
                }
            }
            // Numbers as the language writes them: no run of five digits.
            let digits = alt
                .split(|ch: char| !ch.is_ascii_digit())
                .map(str::len)
                .max()
                .unwrap_or(0);
            assert!(digits <= 4, "{alt}\nungrouped number");
        }
        // Each figure is placed as a block with its bounding box.
        for e in s.elems.iter().filter(|e| e.role == "Figure") {
            let a = e.attrs.as_ref().expect("layout attributes");
            assert!(a.get(b"BBox").is_ok() && a.get(b"Placement").is_ok());
        }
    }
    assert!(
        charts >= 6,
        "the test briefings carry their charts: {charts}"
    );
    assert_eq!(kinds.len(), 2, "ordered series and categories both met");
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
        // On every page the marking tops and tails it; the first page's
        // top one is content, heard once, the rest is furniture.
        let marking = kind("FOR DISCUSSION");
        let furniture = marking.iter().filter(|m| m.is_some()).count();
        assert_eq!(marking.len(), 2, "{marking:?}");
        assert_eq!(furniture, if page == 0 { 1 } else { 2 }, "{marking:?}");
        if page > 0 {
            let head = kind("U.S.-Peru Relations");
            assert!(head.contains(&Some("Header".to_string())), "{head:?}");
        }
    }
    // Nothing of the furniture reaches the tree; the marking does, once,
    // first, in its written case, and the catalogue record carries it.
    let all = s.text(0);
    assert!(!all.contains("Page 1 of"));
    assert!(!all.contains("FOR DISCUSSION"));
    assert_eq!(all.matches("For discussion").count(), 1, "{all}");
    let first = s
        .walk()
        .into_iter()
        .find(|&e| s.elems[e].role != "Document");
    let first = first.expect("a first element");
    assert_eq!(s.elems[first].role, "P");
    assert_eq!(norm(&s.text(first)), "For discussion");
    let xmp = String::from_utf8_lossy(&out.pdf).into_owned();
    assert!(
        xmp.contains("<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">For discussion</rdf:li>"),
        "dc:rights in the XMP"
    );
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
