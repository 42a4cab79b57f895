//! Boxes, recommendation status and audience, and the publisher's
//! identity (FORMAT 1.1): built, read back from the PDF and the exports,
//! and their errors located.

mod common;

use briefing::diag::Source;
use common::*;

/// A scratch folder holding `logo.png` (600 × 200 px, transparent
/// ground) and `tiny-logo.png` (30 × 10 px).
fn folder(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let logo = png::png(600, 200, true, |x, y| {
        if (x / 40 + y / 40) % 2 == 0 {
            [31, 58, 95, 255]
        } else {
            [0, 0, 0, 0]
        }
    });
    std::fs::write(dir.join("logo.png"), logo).unwrap();
    let tiny = png::png(30, 10, false, |_, _| [31, 58, 95, 255]);
    std::fs::write(dir.join("tiny-logo.png"), tiny).unwrap();
    dir
}

fn build(dir: &std::path::Path, text: &str) -> (briefing::pipeline::Output, Pdf) {
    let path = dir.join("b.toml");
    std::fs::write(&path, text).unwrap();
    let out = match compile_as(&path, text, &opts()) {
        Ok(o) => o,
        Err(d) => panic!("does not build: {:#?}", d.items),
    };
    let pdf = Pdf::load(&out.pdf);
    (out, pdf)
}

/// A diagnostic as the tests read it: code, message, (line, column).
type Said = (String, String, Option<(usize, usize)>);

fn diagnostics(dir: &std::path::Path, text: &str) -> Vec<Said> {
    let path = dir.join("b.toml");
    std::fs::write(&path, text).unwrap();
    let source = Source::new(&path, text);
    let d = match briefing::pipeline::compile(&source, &opts()) {
        Ok(o) => o.diagnostics,
        Err(d) => d,
    };
    d.items.iter().map(|x| located(&source, x)).collect()
}

const PARA: &str = "The commission heard officials, scholars and members of civil society over several months, and its report weighs each account against the documents it could obtain.";

fn boxes(lang: &str, box_paras: usize) -> String {
    let long = vec![PARA; box_paras].join("\n\n");
    format!(
        r#"title = "Boxes at a glance"
language = "{lang}"
[summary]
text = "{PARA}"

[[sections]]
heading = "Background"
text = "{PARA}"

[[sections]]
heading = "How a run-off works"
box = true
text = """
A candidate needs more than half of the valid votes cast.

{long}
"""

[[sections]]
heading = "Running text between"
text = "{PARA}"

[[sections]]
heading = "Who counts the votes"
box = true
text = "The electoral board, table by table."
"#
    )
}

/// Each `rg` fill colour set on a page, in 0–255.
fn fills(pdf: &Pdf, page: usize) -> Vec<[u8; 3]> {
    let content = pdf.doc.get_page_content(pdf.pages[page]);
    let ops = lopdf::content::Content::decode(&content)
        .unwrap()
        .operations;
    ops.iter()
        .filter(|o| o.operator == "rg")
        .map(|o| {
            let c = |i: usize| {
                (o.operands[i].as_float().map(f64::from).unwrap_or(0.0) * 255.0).round() as u8
            };
            [c(0), c(1), c(2)]
        })
        .collect()
}

#[test]
fn boxes_are_numbered_tinted_tagged_and_in_the_outline() {
    let dir = folder("identity_boxes");
    let (_, pdf) = build(&dir, &boxes("en-US", 1));
    assert_eq!(pdf.pages.len(), 1);
    let text = squash(&pdf.text());
    let b1 = text.find("BOX 1.").expect("the first box's label");
    let b2 = text.find("BOX 2.").expect("the second box's label");
    assert!(b1 < text.find("How a run-off works").unwrap());
    assert!(b2 > text.find("Running text between").unwrap(), "{text}");
    // The ground: the accent (#1F3A5F) at 7% on white.
    let ground = [239, 241, 244];
    let found = fills(&pdf, 0);
    assert!(
        found
            .iter()
            .any(|c| c.iter().zip(ground).all(|(a, b)| a.abs_diff(b) <= 1)),
        "no box tint among {found:?}"
    );
    // Tagged as an Aside (role-mapped to Div) with its heading first.
    let st = pdf.assert_accessible();
    let asides: Vec<usize> = (0..st.elems.len())
        .filter(|&i| st.elems[i].role == "Aside")
        .collect();
    assert_eq!(asides.len(), 2, "two boxes, two Asides");
    let aside_text = st.text(asides[0]);
    assert!(
        squash(&aside_text).starts_with("Box 1. How a run-off works"),
        "{aside_text}"
    );
    let rolemap = pdf
        .catalog()
        .get(b"StructTreeRoot")
        .ok()
        .and_then(|o| pdf.doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok().cloned())
        .and_then(|d| d.get(b"RoleMap").ok().cloned())
        .expect("a RoleMap");
    let rolemap = pdf
        .doc
        .dereference(&rolemap)
        .unwrap()
        .1
        .as_dict()
        .unwrap()
        .clone();
    assert_eq!(rolemap.get(b"Aside").unwrap().as_name().unwrap(), b"Div");
    let outline: Vec<String> = pdf.outline().into_iter().map(|(_, t, _)| t).collect();
    assert!(
        outline.iter().any(|t| t == "Box 1. How a run-off works"),
        "{outline:?}"
    );
}

#[test]
fn boxes_are_labelled_in_the_language() {
    let dir = folder("identity_boxes_es");
    let (_, pdf) = build(&dir, &boxes("es", 1));
    let text = squash(&pdf.text());
    assert!(text.contains("RECUADRO 1."), "{text}");
    assert!(text.contains("RECUADRO 2."), "{text}");
    let (_, pdf) = build(&dir, &boxes("de", 1));
    assert!(squash(&pdf.text()).contains("KASTEN 1."));
}

/// The pages on which a phrase's lines stand.
fn pages_with(pdf: &Pdf, phrase: &str) -> Vec<usize> {
    (0..pdf.pages.len())
        .filter(|&p| squash(&pdf.page_text(p)).contains(phrase))
        .collect()
}

#[test]
fn a_short_box_moves_whole_and_a_tall_one_breaks() {
    let dir = folder("identity_box_breaks");
    // Enough running text before a short box that it cannot finish on
    // page 1: it moves whole.
    let mut text = boxes("en-US", 1);
    let filler = vec![PARA; 25].join("\n\n");
    text = text.replacen(
        &format!("heading = \"Background\"\ntext = \"{PARA}\""),
        &format!("heading = \"Background\"\ntext = \"\"\"\n{filler}\n\"\"\""),
        1,
    );
    let (_, pdf) = build(&dir, &text);
    let label = pages_with(&pdf, "BOX 1.");
    let end = pages_with(&pdf, "more than half of the valid votes");
    assert_eq!(label.len(), 1);
    assert_eq!(label, end, "a short box is never split");
    // A box taller than half a page breaks between its lines.
    let (_, pdf) = build(&dir, &boxes("en-US", 14));
    let first = pages_with(&pdf, "BOX 1.")[0];
    let after = pages_with(&pdf, "Running text between")[0];
    assert!(after > first, "the tall box runs onto the next page");
    let ground = [239, 241, 244];
    for p in first..=after {
        assert!(
            fills(&pdf, p)
                .iter()
                .any(|c| c.iter().zip(ground).all(|(a, b)| a.abs_diff(b) <= 1)),
            "page {p} holds a piece of the box on its tint"
        );
    }
}

fn recs(extra: &str) -> String {
    format!(
        r#"title = "Statuses"
[summary]
text = "A summary."
[[recommendations]]
title = "Direct the agency to publish its data"
owner = "Secretary of Energy"
status = "DOE agreed"
audience = "executive"
[[recommendations]]
title = "Consider requiring an annual report"
audience = "congress"
status = "Open — *partially* addressed"
[[recommendations]]
title = "Review the program"
owner = "Office of Management and Budget"
audience = "Executive"
{extra}"#
    )
}

#[test]
fn recommendations_group_by_audience_in_one_sequence_with_their_status() {
    let dir = folder("identity_recs");
    let (_, pdf) = build(&dir, &recs(""));
    let lines: Vec<String> = lines_of(&pdf.frags(0))
        .into_iter()
        .map(|l| squash(&l))
        .collect();
    let at = |s: &str| {
        lines
            .iter()
            .position(|l| l.contains(s))
            .unwrap_or_else(|| panic!("no line with {s:?}: {lines:#?}"))
    };
    let congress = at("Matters for congressional consideration");
    let executive = at("Recommendations for executive action");
    assert!(congress < at("Consider requiring an annual report"));
    assert!(at("Consider requiring an annual report") < executive);
    assert!(executive < at("Direct the agency to publish its data"));
    assert!(at("Direct the agency") < at("Review the program"));
    // One sequence: 1 for congress, 2 and 3 for the executive.
    assert!(
        lines[at("Consider requiring")].starts_with('1'),
        "{lines:#?}"
    );
    assert!(
        lines[at("Review the program")].starts_with('3'),
        "{lines:#?}"
    );
    // The status under the owner.
    assert!(at("Who: Secretary of Energy") < at("Status: DOE agreed"));
    assert!(lines[at("Status: Open")].contains("partially addressed"));
    // Headings a level above the titles.
    let st = pdf.assert_accessible();
    let h3: Vec<String> = st
        .of_roles(&["H3"])
        .into_iter()
        .map(|(_, t)| squash(&t))
        .collect();
    assert_eq!(
        h3,
        [
            "Matters for congressional consideration",
            "Recommendations for executive action"
        ]
    );
    assert_eq!(st.of_roles(&["H4"]).len(), 3);
    // Without audiences, none of it: titles are H3 and nothing is grouped.
    let plain = recs("").replace("audience = \"executive\"\n", "");
    let plain = plain.replace("audience = \"congress\"\n", "");
    let plain = plain.replace("audience = \"Executive\"\n", "");
    let (_, pdf) = build(&dir, &plain);
    assert!(!pdf.text().contains("Matters for congressional"));
    assert_eq!(pdf.assert_accessible().of_roles(&["H3"]).len(), 3);
}

#[test]
fn audience_and_status_errors_are_located() {
    let dir = folder("identity_rec_errors");
    let text = recs("").replace("audience = \"congress\"", "audience = \"congres\"");
    let d = diagnostics(&dir, &text);
    let e = d.iter().find(|x| x.0 == "E0032").expect("E0032");
    assert_eq!(e.2, Some((11, 12)), "{d:?}");
    assert!(e.1.contains("congres"), "{}", e.1);
    let text = recs("").replace(
        "status = \"DOE agreed\"",
        "status = \"\"\"\nDOE agreed.\nIt will publish by June.\n\"\"\"",
    );
    let d = diagnostics(&dir, &text);
    let e = d.iter().find(|x| x.0 == "E0033").expect("E0033");
    assert_eq!(e.2, Some((7, 10)), "{d:?}");
}

fn publisher(name: bool, logo: &str, extra: &str) -> String {
    let name = if name {
        "name = \"U.S. Government Accountability Office\"\n"
    } else {
        ""
    };
    format!(
        r#"title = "Publisher at a glance"
[publisher]
{name}logo = "{logo}"
url = "https://www.gao.gov"
contact = "For more information, contact Jim Wells at (202) 512-3841."
[summary]
text = "{PARA}"
{extra}"#
    )
}

#[test]
fn the_logo_is_set_on_page_one_at_its_aspect_ratio_as_an_artifact() {
    let dir = folder("identity_logo");
    let (out, pdf) = build(&dir, &publisher(true, "logo.png", ""));
    assert!(
        out.diagnostics.items.is_empty(),
        "{:?}",
        out.diagnostics.items
    );
    let page1 = squash(&pdf.page_text(0));
    assert!(page1.contains("U.S. Government Accountability Office"));
    assert!(page1.contains("www.gao.gov"));
    // One image on page 1, drawn at 3:1.
    let content = pdf.doc.get_page_content(pdf.pages[0]);
    let ops = lopdf::content::Content::decode(&content)
        .unwrap()
        .operations;
    let mut last = [0.0f64; 4];
    let mut drawn = Vec::new();
    for op in &ops {
        match op.operator.as_str() {
            "cm" => {
                for (i, o) in op.operands.iter().enumerate().take(4) {
                    last[i] = o.as_float().map(f64::from).unwrap_or(0.0);
                }
            }
            "Do" => drawn.push(last),
            _ => {}
        }
    }
    assert_eq!(drawn.len(), 1, "the logo");
    let [w, _, _, h] = drawn[0];
    assert!((w / h - 3.0).abs() < 0.01, "aspect kept: {w} × {h}");
    assert!(h >= 20.0, "set at the masthead's height: {h}");
    // With a name it is decoration: no Figure in the structure.
    let st = pdf.assert_accessible();
    assert!(st.of_roles(&["Figure"]).is_empty());
    // The address is a link.
    assert!(
        pdf.links(0)
            .iter()
            .any(|l| l.uri.as_deref() == Some("https://www.gao.gov")),
        "{:?}",
        pdf.links(0)
    );
}

#[test]
fn a_logo_without_a_name_is_a_figure_and_a_warning() {
    let dir = folder("identity_logo_alone");
    let (out, pdf) = build(&dir, &publisher(false, "logo.png", ""));
    let src = Source::new(dir.join("b.toml"), publisher(false, "logo.png", ""));
    let w: Vec<_> = out
        .diagnostics
        .items
        .iter()
        .map(|d| located(&src, d))
        .collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!((w[0].0.as_str(), w[0].2), ("W0016", Some((3, 8))));
    let st = pdf.assert_accessible();
    let figs: Vec<usize> = (0..st.elems.len())
        .filter(|&i| st.elems[i].role == "Figure")
        .collect();
    assert_eq!(figs.len(), 1);
    assert_eq!(st.elems[figs[0]].alt.as_deref(), Some("logo.png"));
}

#[test]
fn a_small_logo_is_set_smaller_with_a_warning_and_a_missing_one_is_an_error() {
    let dir = folder("identity_logo_small");
    let d = diagnostics(&dir, &publisher(true, "tiny-logo.png", ""));
    let w = d.iter().find(|x| x.0 == "W0017").expect("W0017");
    assert_eq!(w.2, Some((4, 8)), "{d:?}");
    assert!(w.1.contains("30 × 10 px"), "{}", w.1);
    let d = diagnostics(&dir, &publisher(true, "nowhere.png", ""));
    let e = d.iter().find(|x| x.0 == "E0031").expect("E0031");
    assert_eq!(e.2, Some((4, 8)), "{d:?}");
    assert!(e.1.contains("nowhere.png"), "{}", e.1);
}

#[test]
fn the_contact_box_ends_page_one_or_follows_the_recommendations() {
    let dir = folder("identity_contact");
    // A short briefing: at the foot of page 1, below everything else.
    let (_, pdf) = build(&dir, &publisher(true, "logo.png", ""));
    let frags = pdf.frags(0);
    let y_of = |s: &str| {
        frags
            .iter()
            .find(|f| f.text.contains(s))
            .map(|f| f.y)
            .unwrap_or_else(|| panic!("no {s:?} on page 1"))
    };
    // PDF y runs up the page: the contact stands far below the summary.
    assert!(y_of("Jim Wells") + 200.0 < y_of("commission"), "{frags:?}");
    // A page 1 with no room: after the recommendations, on a later page.
    let filler = vec![PARA; 30].join("\n\n");
    let long = publisher(
        true,
        "logo.png",
        &format!(
            "[[sections]]\nheading = \"Background\"\ntext = \"\"\"\n{filler}\n\"\"\"\n[[recommendations]]\ntitle = \"Publish the data\"\n"
        ),
    );
    let (_, pdf) = build(&dir, &long);
    let on = pages_with(&pdf, "Jim Wells");
    assert_eq!(on.len(), 1);
    assert!(on[0] > 0, "not on page 1");
    let text = squash(&pdf.text());
    assert!(text.find("Publish the data").unwrap() < text.find("Jim Wells").unwrap());
}

#[test]
fn the_exports_carry_boxes_statuses_groups_and_the_publisher() {
    let dir = folder("identity_exports");
    let text = format!(
        "{}\n{}",
        publisher(true, "logo.png", ""),
        recs("")
            .split_once("[[recommendations]]")
            .map(|(_, r)| format!("[[recommendations]]{r}"))
            .unwrap()
    );
    let text = format!("{text}\n[[sections]]\nheading = \"How a run-off works\"\nbox = true\ntext = \"More than half of the votes.\"\n");
    std::fs::write(dir.join("b.toml"), &text).unwrap();
    let md = run_in(&dir, &["export", "b.toml", "--format", "md", "-o", "-"]);
    assert_eq!(md.code, Some(0), "{}", md.stderr);
    assert!(
        md.stdout
            .contains("## Box 1. How a run-off works\n\n> More than half"),
        "{}",
        md.stdout
    );
    assert!(md
        .stdout
        .contains("### Matters for congressional consideration"));
    assert!(md.stdout.contains("*Status: DOE agreed*"), "{}", md.stdout);
    assert!(md
        .stdout
        .contains("U.S. Government Accountability Office · <https://www.gao.gov>"));
    assert!(md.stdout.contains("**Contact:** For more information"));
    let txt = run_in(&dir, &["export", "b.toml", "--format", "txt", "-o", "-"]);
    assert!(txt.stdout.contains("  | More than half"), "{}", txt.stdout);
    assert!(txt.stdout.contains("Recommendations for executive action:"));
    let html = run_in(&dir, &["export", "b.toml", "--format", "html", "-o", "-"]);
    assert_eq!(html.code, Some(0), "{}", html.stderr);
    assert!(html.stdout.contains("<aside"), "an aside");
    assert!(html.stdout.contains("<strong>Status:</strong> DOE agreed"));
    assert!(html.stdout.contains("<img src=\"data:image/png;base64,"));
    assert!(html.stdout.contains("<h3 "));
    // Word: the box's paragraphs in their styles, the status, the groups.
    let docx = dir.join("b.docx");
    let w = run_in(
        &dir,
        &[
            "export",
            "b.toml",
            "--format",
            "docx",
            "-o",
            docx.to_str().unwrap(),
        ],
    );
    assert_eq!(w.code, Some(0), "{}", w.stderr);
    let bytes = std::fs::read(&docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("w:val=\"BoxHeading\""));
    assert!(xml.contains("w:val=\"RecommendationGroup\""));
    assert!(xml.contains("Status: "));
    assert!(
        xml.contains("descr=\"U.S. Government Accountability Office\""),
        "the logo's alt"
    );
}

/// The second sample (a GAO report condensed) uses every part of format
/// 1.1 and builds with no warning: a table, a section chart of two
/// series, a box, the publisher's logo and contact, a status and an
/// audience; it credits its source.
#[test]
fn the_gao_sample_uses_every_part_of_format_one_one_and_builds_clean() {
    let path = repo().join("examples/gao-peak-oil.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = match compile_as(&path, &text, &opts()) {
        Ok(o) => o,
        Err(d) => panic!("the GAO sample does not build: {:#?}", d.items),
    };
    assert!(
        out.diagnostics.items.is_empty(),
        "warnings: {:#?}",
        out.diagnostics.items
    );
    let source = Source::new(&path, &text);
    let (b, _) = briefing::model::parse(&source);
    let b = b.expect("parses");
    assert!(b.sections.iter().any(|s| s.boxed), "a box");
    assert!(
        b.sections.iter().flat_map(|s| &s.figures).any(|f| matches!(
            &f.exhibit,
            briefing::model::Exhibit::Chart(c) if c.series.len() >= 2
        )),
        "a section chart of two series"
    );
    assert!(b.recommendations.iter().any(|r| r.status.is_some()));
    assert!(b.recommendations.iter().any(|r| r.audience.is_some()));
    let p = b.publisher.as_ref().expect("[publisher]");
    assert!(p.logo.is_some() && p.name.is_some() && p.contact.is_some());
    assert_eq!(
        b.source.as_ref().and_then(|s| s.number.as_deref()),
        Some("GAO-07-283")
    );
    let pdf = Pdf::load(&out.pdf);
    let text = squash(&pdf.text());
    assert!(text.contains("Table 1."), "a table");
    assert!(text.contains("Figure 1."), "a section figure");
    assert!(text.contains("BOX 1."), "a box");
    assert!(text.contains("Status:"), "a status");
    assert!(text.contains("Recommendations for executive action"));
    assert!(text.contains("Jim Wells"), "the contact line");
    assert!(out.pages <= 4, "{} pages", out.pages);
}

/// A box that breaks, in two columns: its tinted pieces stand against one
/// another with no white between them (the baseline grid once pushed each
/// piece down to the next line).
#[test]
fn a_breaking_box_keeps_its_ground_whole_in_two_columns() {
    let dir = folder("identity_box_columns");
    let text = format!("{}\n[style]\ncolumns = 2\n", boxes("en-US", 14));
    let (out, _) = build(&dir, &text);
    let ground = [239u8, 241, 244];
    let mut pieces = 0;
    for page in &out.laid.pages {
        let mut rects: Vec<(f32, f32, f32)> = page
            .items
            .iter()
            .filter_map(|i| match i {
                briefing::layout::Item::Rect { x, y, h, fill, .. }
                    if [fill.0, fill.1, fill.2]
                        .iter()
                        .zip(ground)
                        .all(|(a, b)| a.abs_diff(b) <= 1) =>
                {
                    Some((*x, *y, *h))
                }
                _ => None,
            })
            .collect();
        rects.sort_by(|a, b| (a.0, a.1).partial_cmp(&(b.0, b.1)).unwrap());
        pieces += rects.len();
        for w in rects.windows(2) {
            let (a, b) = (w[0], w[1]);
            // Pieces of one box (the two boxes stand a paragraph apart):
            // nothing between them up to a line.
            let gap = b.1 - (a.1 + a.2);
            if (a.0 - b.0).abs() < 0.5 && gap < out.laid.base_size * 2.0 {
                assert!(
                    gap.abs() < 0.05,
                    "white between two pieces of the box: {gap:.2} pt"
                );
            }
        }
    }
    assert!(pieces > 10, "the box broke into pieces: {pieces}");
}
