//! `briefing export --format docx` read back the way Word reads it: the
//! file unzipped (by the `zip` crate, not by our writer's code) and every
//! part parsed as XML (roxmltree). The outline Word's navigation pane
//! shows, the text of every paragraph against the briefing's, the
//! endnotes against the PDF's notes (count, numbers, where each is cited),
//! the recommendations' Word numbering, the key-figures table, the
//! charts' pictures and their alt text against the PDF's, links,
//! properties, language and byte-identical rebuilds.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use briefing::diag::Source;
use briefing::layout::StructRole;
use briefing::markup::{self, plain_text, Block, Document, Inline};
use common::{repo, run_in, run_with_epoch, sample, sample_path, sample_text, scratch};
use roxmltree::Node;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

/// Exports `input` as DOCX into a scratch folder; returns the bytes.
fn export(name: &str, input: &Path, epoch: Option<&str>) -> Vec<u8> {
    let dir = scratch(name);
    let out = dir.join("out.docx");
    let r = run_with_epoch(
        &dir,
        &[
            "export",
            input.to_str().unwrap(),
            "--format",
            "docx",
            "-o",
            out.to_str().unwrap(),
        ],
        epoch,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    std::fs::read(&out).expect("the export was written")
}

/// Every part of the package, by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP archive");
    let mut parts = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("an entry");
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("an entry that inflates");
        parts.insert(f.name().expect("a name").to_string(), data);
    }
    parts
}

fn text_of(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("no {name}"))
            .clone(),
    )
    .expect("UTF-8 XML")
}

fn w<'a>(n: Node<'a, '_>, attr: &str) -> Option<&'a str> {
    n.attribute((W, attr))
}

fn is_w(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

/// A paragraph's style.
fn style_of<'a>(p: Node<'a, '_>) -> &'a str {
    p.descendants()
        .find(|n| is_w(n, "pStyle"))
        .and_then(|n| w(n, "val"))
        .unwrap_or("Normal")
}

/// A paragraph's text as it reads, without note numbers (references and
/// the fields that repeat them).
fn para_text(p: Node) -> String {
    let mut s = String::new();
    for r in p.descendants().filter(|n| is_w(n, "r")) {
        let is_ref = r
            .descendants()
            .any(|n| is_w(&n, "rStyle") && w(n, "val") == Some("EndnoteReference"));
        if is_ref {
            continue;
        }
        for t in r.children().filter(|n| is_w(n, "t")) {
            s.push_str(t.text().unwrap_or(""));
        }
    }
    s
}

/// The note numbers cited, in reading order: an endnote reference gives
/// the note its id stands for, a `NOTEREF` field the note it names.
fn refs_in(root: Node) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    for n in root.descendants() {
        if is_w(&n, "endnoteReference") {
            let id: u32 = w(n, "id").unwrap().parse().unwrap();
            out.push(("endnote".to_string(), id - 1));
        }
        if is_w(&n, "instrText") {
            let t = n.text().unwrap_or("").trim().to_string();
            let name = t
                .strip_prefix("NOTEREF _RefNote")
                .and_then(|r| r.split_whitespace().next())
                .unwrap_or_else(|| panic!("an unknown field {t:?}"));
            out.push(("field".to_string(), name.parse().unwrap()));
        }
    }
    out
}

/// The note numbers the document cites, in the order its text reads
/// (the DOCX's order: a figure's `note` keys after its label).
fn doc_refs(doc: &Document) -> Vec<u32> {
    fn inl(i: &[Inline], out: &mut Vec<u32>) {
        for x in i {
            if let Inline::NoteRef { number, .. } = x {
                out.push(*number);
            }
        }
    }
    fn blocks(bs: &[Block], out: &mut Vec<u32>) {
        for b in bs {
            match b {
                Block::Para(i) => inl(i, out),
                Block::List { items, .. } => items.iter().for_each(|it| blocks(it, out)),
                Block::Table(t) => t.texts().for_each(|c| inl(c, out)),
            }
        }
    }
    let mut out = Vec::new();
    if let Some(bl) = &doc.bottom_line {
        inl(bl, &mut out);
    }
    blocks(&doc.summary, &mut out);
    for f in &doc.figures {
        inl(&f.label, &mut out);
        out.extend(&f.notes);
        if let Some(d) = &f.detail {
            inl(d, &mut out);
        }
    }
    for s in &doc.sections {
        inl(&s.heading, &mut out);
        blocks(&s.body, &mut out);
    }
    for r in &doc.recommendations {
        inl(&r.title, &mut out);
        blocks(&r.body, &mut out);
        r.actions.iter().for_each(|a| inl(a, &mut out));
    }
    out
}

fn document(path: &Path, text: &str) -> (briefing::model::Briefing, Document) {
    let source = Source::new(path, text);
    let (b, _) = briefing::model::parse(&source);
    let b = b.expect("the briefing parses");
    let (doc, d) = markup::build(&b, &source);
    assert!(!d.has_errors());
    (b, doc)
}

fn sample_docx() -> &'static BTreeMap<String, Vec<u8>> {
    static PARTS: std::sync::OnceLock<BTreeMap<String, Vec<u8>>> = std::sync::OnceLock::new();
    PARTS.get_or_init(|| unzip(&export("docx_sample", &sample_path(), Some("997660800"))))
}

#[test]
fn every_part_is_there_and_is_well_formed_xml() {
    let parts = sample_docx();
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/numbering.xml",
        "word/endnotes.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/media/chart1.png",
    ] {
        assert!(parts.contains_key(name), "no {name}: {:?}", parts.keys());
    }
    assert_eq!(
        parts.keys().next().map(String::as_str),
        Some("[Content_Types].xml")
    );
    for (name, data) in parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let text = std::str::from_utf8(data).expect("UTF-8");
            roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
    // Every internal relationship's target is in the package, every part
    // has its content type.
    let types = text_of(parts, "[Content_Types].xml");
    for rels in ["_rels/.rels", "word/_rels/document.xml.rels"] {
        let text = text_of(parts, rels);
        let x = roxmltree::Document::parse(&text).unwrap();
        for r in x.descendants().filter(|n| n.has_tag_name("Relationship")) {
            if r.attribute("TargetMode") == Some("External") {
                continue;
            }
            let target = r.attribute("Target").unwrap();
            let full = if rels.starts_with("word/") {
                format!("word/{target}")
            } else {
                target.to_string()
            };
            assert!(parts.contains_key(&full), "{rels} points to missing {full}");
            if full.ends_with(".xml") {
                assert!(types.contains(&format!("PartName=\"/{full}\"")), "{full}");
            }
        }
    }
}

#[test]
fn the_outline_is_headings_with_outline_levels_in_reading_order() {
    let parts = sample_docx();
    let (b, doc) = document(&sample_path(), &sample_text());
    let labels = b.language.labels();
    let text = text_of(parts, "word/document.xml");
    let x = roxmltree::Document::parse(&text).unwrap();
    let paras: Vec<Node> = x.descendants().filter(|n| is_w(n, "p")).collect();
    let outline: Vec<(String, String)> = paras
        .iter()
        .filter(|p| {
            style_of(**p).starts_with("Heading")
                || style_of(**p).ends_with("Heading")
                || style_of(**p) == "RecommendationTitle"
        })
        .map(|p| (style_of(*p).to_string(), para_text(*p)))
        .collect();
    let mut want = vec![("Heading1".to_string(), labels.summary.to_string())];
    want.push(("Heading1".into(), labels.key_figures.into()));
    for s in &doc.sections {
        want.push(("Heading1".into(), plain_text(&s.heading)));
    }
    want.push(("Heading1".into(), labels.recommendations.into()));
    for r in &doc.recommendations {
        want.push(("RecommendationTitle".into(), plain_text(&r.title)));
    }
    want.push(("NotesHeading".into(), labels.notes.into()));
    assert_eq!(outline, want);
    assert_eq!(style_of(paras[1]), "Title", "the title follows the series");
    assert_eq!(para_text(paras[1]), plain_text(&doc.title));

    // The styles give the outline levels Word's navigation pane reads.
    let styles = text_of(parts, "word/styles.xml");
    let s = roxmltree::Document::parse(&styles).unwrap();
    let level = |id: &str| -> Option<String> {
        let st = s
            .descendants()
            .find(|n| is_w(n, "style") && w(*n, "styleId") == Some(id))
            .unwrap_or_else(|| panic!("no style {id}"));
        st.descendants()
            .find(|n| is_w(n, "outlineLvl"))
            .and_then(|n| w(n, "val").map(str::to_string))
    };
    assert_eq!(level("Heading1").as_deref(), Some("0"));
    assert_eq!(level("Heading2").as_deref(), Some("1"));
    assert_eq!(level("RecommendationTitle").as_deref(), Some("1"));
    // NotesHeading inherits Heading 1's level.
    assert_eq!(level("NotesHeading"), None);
    // Every style a paragraph or run names is defined.
    for n in x
        .descendants()
        .filter(|n| is_w(n, "pStyle") || is_w(n, "rStyle"))
    {
        let id = w(n, "val").unwrap();
        assert!(
            s.descendants()
                .any(|st| is_w(&st, "style") && w(st, "styleId") == Some(id)),
            "style {id} is used but not defined"
        );
    }
}

#[test]
fn every_paragraph_reads_as_the_briefing_does() {
    let parts = sample_docx();
    let (_, doc) = document(&sample_path(), &sample_text());
    let text = text_of(parts, "word/document.xml");
    let x = roxmltree::Document::parse(&text).unwrap();
    let body = x.descendants().find(|n| is_w(n, "body")).unwrap();
    let paras: Vec<String> = body
        .descendants()
        .filter(|n| is_w(n, "p"))
        .map(para_text)
        .collect();
    let mut want: Vec<String> = vec![plain_text(&doc.title)];
    want.push(plain_text(doc.bottom_line.as_ref().unwrap()));
    fn blocks(bs: &[Block], out: &mut Vec<String>) {
        for b in bs {
            match b {
                Block::Para(i) => out.push(plain_text(i)),
                Block::List { items, .. } => items.iter().for_each(|it| blocks(it, out)),
                Block::Table(t) => {
                    let caption = t.caption.as_deref().map(plain_text);
                    out.push(match caption {
                        Some(c) => format!("{} {c}", t.label),
                        None => t.label.clone(),
                    });
                    let cells = t.head.iter().chain(t.rows.iter().flatten());
                    out.extend(cells.map(|c| plain_text(c)));
                }
            }
        }
    }
    blocks(&doc.summary, &mut want);
    for f in &doc.figures {
        want.push(f.value.clone());
        want.push(plain_text(&f.label));
        if let Some(d) = &f.detail {
            want.push(plain_text(d));
        }
    }
    for s in &doc.sections {
        want.push(plain_text(&s.heading));
        blocks(&s.body, &mut want);
    }
    for r in &doc.recommendations {
        want.push(plain_text(&r.title));
        blocks(&r.body, &mut want);
        for a in &r.actions {
            want.push(plain_text(a));
        }
    }
    // In order, each a whole paragraph.
    let mut at = 0;
    for wanted in &want {
        match paras[at..].iter().position(|p| p == wanted) {
            Some(i) => at += i + 1,
            None => panic!("paragraph missing or out of order: {wanted:?}"),
        }
    }
    // The key-figures table: one row a figure, value, label, detail.
    let tbl = body.descendants().find(|n| is_w(n, "tbl")).unwrap();
    let rows: Vec<Node> = tbl.children().filter(|n| is_w(n, "tr")).collect();
    assert_eq!(rows.len(), doc.figures.len());
    for (row, f) in rows.iter().zip(&doc.figures) {
        let cells: Vec<Node> = row.children().filter(|n| is_w(n, "tc")).collect();
        assert_eq!(cells.len(), 3);
        assert_eq!(para_text(cells[0]), f.value);
        assert_eq!(para_text(cells[1]), plain_text(&f.label));
        if let Some(d) = &f.detail {
            assert!(para_text(cells[2]).starts_with(&plain_text(d)));
        }
    }
}

#[test]
fn notes_are_word_endnotes_cited_where_the_pdf_cites_them() {
    let parts = sample_docx();
    let (_, doc) = document(&sample_path(), &sample_text());
    let pdf_notes = sample()
        .0
        .laid
        .structure
        .nodes
        .iter()
        .filter(|n| n.role == StructRole::Note)
        .count();
    assert_eq!(pdf_notes, doc.notes.len());

    let text = text_of(parts, "word/document.xml");
    let x = roxmltree::Document::parse(&text).unwrap();
    let refs = refs_in(x.root());
    // Word numbers endnotes by where their references stand: the first
    // references must come in the PDF's order, 1, 2, 3…
    let firsts: Vec<u32> = refs
        .iter()
        .filter(|(k, _)| k == "endnote")
        .map(|(_, n)| *n)
        .collect();
    assert_eq!(firsts, (1..=pdf_notes as u32).collect::<Vec<_>>());
    // Every citation is in place: the same numbers in the same order as
    // the PDF's text, later ones as fields.
    let all: Vec<u32> = refs.iter().map(|(_, n)| *n).collect();
    assert_eq!(all, doc_refs(&doc));
    assert!(
        refs.iter().any(|(k, _)| k == "field"),
        "the sample cites notes twice"
    );
    // Each field's bookmark is around its note's reference.
    for n in 1..=pdf_notes {
        assert_eq!(
            text.matches(&format!("w:name=\"_RefNote{n}\"")).count(),
            1,
            "bookmark of note {n}"
        );
    }

    // The endnotes part: the two separators, then one endnote a note, in
    // order, each opening with its mark and holding the note's text.
    let notes = text_of(parts, "word/endnotes.xml");
    let e = roxmltree::Document::parse(&notes).unwrap();
    let endnotes: Vec<Node> = e
        .descendants()
        .filter(|n| is_w(n, "endnote") && w(*n, "type").is_none())
        .collect();
    assert_eq!(endnotes.len(), pdf_notes);
    for (en, note) in endnotes.iter().zip(&doc.notes) {
        assert_eq!(w(*en, "id"), Some((note.number + 1).to_string().as_str()));
        assert!(en.descendants().any(|n| is_w(&n, "endnoteRef")));
        let Block::Para(first) = &note.body[0] else {
            panic!("a note opening with a list")
        };
        assert_eq!(
            para_text(en.first_child().unwrap()).trim(),
            plain_text(first)
        );
    }
    // Decimal numbers (Word's default for endnotes is i, ii, iii).
    let settings = text_of(parts, "word/settings.xml");
    assert!(
        settings.contains("<w:endnotePr><w:pos w:val=\"docEnd\"/><w:numFmt w:val=\"decimal\"/>")
    );
    assert!(text.contains("<w:endnotePr><w:numFmt w:val=\"decimal\"/></w:endnotePr>"));
}

#[test]
fn recommendations_are_a_word_numbered_list_with_owners_and_actions() {
    let parts = sample_docx();
    let (b, doc) = document(&sample_path(), &sample_text());
    let text = text_of(parts, "word/document.xml");
    let x = roxmltree::Document::parse(&text).unwrap();
    let count = |style: &str| {
        x.descendants()
            .filter(|n| is_w(n, "p") && style_of(*n) == style)
            .count()
    };
    assert_eq!(count("RecommendationTitle"), doc.recommendations.len());
    let actions: usize = doc.recommendations.iter().map(|r| r.actions.len()).sum();
    assert_eq!(count("RecommendationAction"), actions);
    let owners: Vec<String> = x
        .descendants()
        .filter(|n| is_w(n, "p") && style_of(*n) == "RecommendationOwner")
        .map(para_text)
        .collect();
    let who = b.language.labels().who;
    let want: Vec<String> = doc
        .recommendations
        .iter()
        .filter_map(|r| r.owner.as_ref())
        .map(|o| format!("{who}: {}", plain_text(o)))
        .collect();
    assert_eq!(owners, want);

    // The styles number them through numbering.xml: titles at level 0 in
    // decimal, actions at level 1 as bullets, of one list.
    let styles = text_of(parts, "word/styles.xml");
    let s = roxmltree::Document::parse(&styles).unwrap();
    let num_of = |id: &str| {
        let st = s
            .descendants()
            .find(|n| is_w(n, "style") && w(*n, "styleId") == Some(id))
            .unwrap();
        let num = st
            .descendants()
            .find(|n| is_w(n, "numId"))
            .and_then(|n| w(n, "val"))
            .unwrap();
        let lvl = st
            .descendants()
            .find(|n| is_w(n, "ilvl"))
            .and_then(|n| w(n, "val"))
            .unwrap_or("0");
        (num.to_string(), lvl.to_string())
    };
    let (title_num, title_lvl) = num_of("RecommendationTitle");
    let (action_num, action_lvl) = num_of("RecommendationAction");
    assert_eq!(title_num, action_num);
    assert_eq!((title_lvl.as_str(), action_lvl.as_str()), ("0", "1"));
    let numbering = text_of(parts, "word/numbering.xml");
    let n = roxmltree::Document::parse(&numbering).unwrap();
    let num = n
        .descendants()
        .find(|x| is_w(x, "num") && w(*x, "numId") == Some(title_num.as_str()))
        .expect("the recommendations' w:num");
    let abs = num
        .descendants()
        .find(|x| is_w(x, "abstractNumId"))
        .and_then(|x| w(x, "val"))
        .unwrap();
    let abstract_num = n
        .descendants()
        .find(|x| is_w(x, "abstractNum") && w(*x, "abstractNumId") == Some(abs))
        .unwrap();
    let fmt = |lvl: &str| {
        abstract_num
            .children()
            .find(|x| is_w(x, "lvl") && w(*x, "ilvl") == Some(lvl))
            .and_then(|l| l.children().find(|x| is_w(x, "numFmt")))
            .and_then(|x| w(x, "val"))
            .unwrap()
    };
    assert_eq!(fmt("0"), "decimal");
    assert_eq!(fmt("1"), "bullet");
    // Markdown bullets (the sample's timeline) are Word list items too.
    assert!(count("ListBullet") >= 5);
}

/// Every chart's picture: a PNG of the size it is shown at, its alt text
/// the PDF's own for that chart.
fn check_charts(name: &str, input: &Path) {
    let text = std::fs::read_to_string(input).unwrap();
    let out = common::compile_as(input, &text, &common::opts()).expect("the PDF builds");
    let pdf_alts: Vec<String> = out
        .laid
        .structure
        .nodes
        .iter()
        .filter(|n| n.role == StructRole::Figure)
        .filter_map(|n| n.alt.clone())
        .collect();
    let parts = unzip(&export(name, input, Some("997660800")));
    let doc = text_of(&parts, "word/document.xml");
    let x = roxmltree::Document::parse(&doc).unwrap();
    let pictures: Vec<Node> = x
        .descendants()
        .filter(|n| n.has_tag_name((WP, "docPr")))
        .collect();
    let descr: Vec<String> = pictures
        .iter()
        .map(|p| p.attribute("descr").expect("alt text").to_string())
        .collect();
    assert!(!descr.is_empty());
    assert_eq!(descr, pdf_alts, "the DOCX's alt text is the PDF's");
    let rels = text_of(&parts, "word/_rels/document.xml.rels");
    for (i, blip) in x
        .descendants()
        .filter(|n| n.tag_name().name() == "blip")
        .enumerate()
    {
        let id = blip.attribute((R, "embed")).unwrap();
        let target = format!("media/chart{}.png", i + 1);
        assert!(rels.contains(&format!("Id=\"{id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"{target}\"")));
        let png = &parts[&format!("word/{target}")];
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let wpx = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let hpx = u32::from_be_bytes(png[20..24].try_into().unwrap());
        let extent = pictures[i]
            .prev_sibling_element()
            .unwrap()
            .prev_sibling_element()
            .unwrap();
        let cx: f64 = extent.attribute("cx").unwrap().parse().unwrap();
        let cy: f64 = extent.attribute("cy").unwrap().parse().unwrap();
        assert!(
            ((wpx as f64 / hpx as f64) - cx / cy).abs() < 0.05,
            "{wpx}×{hpx} shown {cx}×{cy}"
        );
        // 4 pixels a point: sharp in print.
        assert!((wpx as f64 - cx / 12_700.0 * 4.0).abs() <= 1.0);
    }
}

#[test]
fn charts_are_pictures_with_the_pdfs_alt_text() {
    check_charts("docx_sample_charts", &sample_path());
    check_charts(
        "docx_charts",
        &repo().join("tests/data/briefings/charts.toml"),
    );
}

#[test]
fn links_are_hyperlinks_and_only_safe_ones() {
    let dir = scratch("docx_links_src");
    let input = dir.join("links.toml");
    std::fs::write(
        &input,
        "title = \"Links\"\nlanguage = \"fr\"\nkeywords = [\"a\", \"b\"]\nmarking = \"Diffusion restreinte\"\n\
         [[authors]]\nname = \"Ana Pérez\"\n\
         [summary]\ntext = \"\"\"See [the report](https://example.org/r?a=1&b=2) and [this](javascript:alert(1)).[^n]\n\n\
         1. one\n2. two\n\"\"\"\n\
         [notes]\nn = \"At [the bank](https://example.org/bank).\"\n",
    )
    .unwrap();
    let parts = unzip(&export("docx_links", &input, None));
    let doc = text_of(&parts, "word/document.xml");
    let rels = text_of(&parts, "word/_rels/document.xml.rels");
    assert!(doc.contains("<w:hyperlink r:id="));
    assert!(rels.contains("Target=\"https://example.org/r?a=1&amp;b=2\" TargetMode=\"External\""));
    assert!(!rels.contains("javascript"), "{rels}");
    assert!(
        doc.contains(">this<"),
        "the unsafe link's text stays, unlinked"
    );
    assert!(
        doc.contains("<w:r><w:t xml:space=\"preserve\">this</w:t></w:r>"),
        "and is not styled as a link"
    );
    let note_rels = text_of(&parts, "word/_rels/endnotes.xml.rels");
    assert!(note_rels.contains("Target=\"https://example.org/bank\" TargetMode=\"External\""));
    let notes = text_of(&parts, "word/endnotes.xml");
    assert!(notes.contains("<w:hyperlink r:id=\"rId1\""));
    // The language on the text, in the properties and the marking as a
    // custom property.
    let styles = text_of(&parts, "word/styles.xml");
    assert!(styles.contains("<w:lang w:val=\"fr\""));
    let core = text_of(&parts, "docProps/core.xml");
    assert!(core.contains("<dc:language>fr</dc:language>"));
    assert!(core.contains("<dc:creator>Ana Pérez</dc:creator>"));
    assert!(core.contains("<cp:keywords>a, b</cp:keywords>"));
    assert!(
        !core.contains("dcterms:created"),
        "no date, no epoch: no time"
    );
    let custom = text_of(&parts, "docProps/custom.xml");
    assert!(custom.contains("name=\"Marking\"><vt:lpwstr>Diffusion restreinte</vt:lpwstr>"));
    // The ordered list is a Word list of its own.
    let numbering = text_of(&parts, "word/numbering.xml");
    assert!(numbering.contains("<w:startOverride w:val=\"1\"/>"));
    assert!(doc.contains("<w:pStyle w:val=\"ListNumber\"/><w:numPr>"));
}

#[test]
fn the_sample_has_its_properties_and_language() {
    let parts = sample_docx();
    let (b, doc) = document(&sample_path(), &sample_text());
    let core = text_of(parts, "docProps/core.xml");
    assert!(core.contains(&format!("<dc:title>{}</dc:title>", plain_text(&doc.title))));
    assert!(core.contains("<dc:creator>Stephen Johnson</dc:creator>"));
    assert!(core.contains(&format!(
        "<cp:keywords>{}</cp:keywords>",
        b.keywords.join(", ")
    )));
    assert!(core.contains(
        "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2001-08-13T00:00:00Z</dcterms:created>"
    ));
    let styles = text_of(parts, "word/styles.xml");
    assert!(styles.contains("<w:lang w:val=\"en-US\""));
    let spanish = unzip(&export(
        "docx_spanish",
        &repo().join("tests/data/briefings/spanish.toml"),
        Some("997660800"),
    ));
    // The region is kept (es-PE), as in the PDF's /Lang.
    assert!(text_of(&spanish, "word/styles.xml").contains("<w:lang w:val=\"es-PE\""));
}

#[test]
fn identical_input_gives_identical_bytes() {
    let a = export("docx_same_a", &sample_path(), Some("997660800"));
    let b = export("docx_same_b", &sample_path(), Some("997660800"));
    assert!(a == b, "two exports differ");
    // Without SOURCE_DATE_EPOCH the briefing's date dates it: still the
    // same bytes, and the same as that epoch (the sample's date).
    let c = export("docx_same_c", &sample_path(), None);
    let d = export("docx_same_d", &sample_path(), None);
    assert!(c == d && c == a);
    let e = export("docx_same_e", &sample_path(), Some("1000000000"));
    assert!(e != a, "the epoch dates the file");
}

#[test]
fn the_command_line_keeps_its_rules() {
    let dir = scratch("docx_cli");
    let sample = sample_path();
    let s = sample.to_str().unwrap();
    // No -o: a binary file is not printed.
    let r = run_in(&dir, &["export", s, "--format", "docx"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let r = run_in(
        &dir,
        &[
            "export", s, "--format", "docx", "--only", "summary", "-o", "a.docx",
        ],
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    // The extension must be .docx.
    let r = run_in(&dir, &["export", s, "--format", "docx", "-o", "a.md"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("must end in .docx"), "{}", r.stderr);
    // A folder: named as the PDF is.
    let r = run_in(&dir, &["export", s, "--format", "docx", "-o", "."]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(dir.join("briefing.docx").is_file());
    // Written through a temporary file: nothing else left behind.
    assert_eq!(common::listing(&dir), vec!["briefing.docx"]);
}

#[test]
fn a_note_cited_only_from_a_note_is_printed_in_it_under_its_pdf_number() {
    let dir = scratch("docx_nested_src");
    let input = dir.join("nested.toml");
    std::fs::write(
        &input,
        "title = \"Nested notes\"\n[summary]\ntext = \"First a.[^a] Then c.[^c]\"\n\
         [notes]\na = \"Note a cites b[^b] and c.[^c]\"\nb = \"Note b, cited only from a.\"\nc = \"Note c.\"\n",
    )
    .unwrap();
    let (_, doc) = document(&input, &std::fs::read_to_string(&input).unwrap());
    let number = |key: &str| doc.notes.iter().find(|n| n.key == key).unwrap().number;
    assert_eq!((number("a"), number("c"), number("b")), (1, 2, 3));
    let parts = unzip(&export("docx_nested", &input, None));
    let notes = text_of(&parts, "word/endnotes.xml");
    let e = roxmltree::Document::parse(&notes).unwrap();
    let endnotes: Vec<Node> = e
        .descendants()
        .filter(|n| is_w(n, "endnote") && w(*n, "type").is_none())
        .collect();
    // Two Word endnotes (a and c, numbered 1 and 2 by Word as by the
    // PDF); b inside a, as "3.", its reference in a its number.
    assert_eq!(endnotes.len(), 2);
    let a: Vec<String> = endnotes[0]
        .children()
        .filter(|n| is_w(n, "p"))
        .map(para_text)
        .collect();
    assert_eq!(
        a,
        vec![" Note a cites b and c.", "3. Note b, cited only from a."]
    );
    assert!(endnotes[0]
        .descendants()
        .any(|n| is_w(&n, "t") && n.text() == Some("3")));
    // Its reference to c is a cross-reference to c's endnote.
    assert_eq!(refs_in(endnotes[0]), vec![("field".to_string(), 2)]);
}

/// Word refuses a part whose properties are out of the schema's order
/// ("unreadable content"): every w:rPr, w:pPr, w:tblPr, w:sectPr,
/// w:settings, w:style and w:lvl lists its children in ECMA-376's
/// sequence (the names here are the ones the export uses, in that order).
#[test]
fn properties_are_in_the_schemas_order() {
    const RPR: &[&str] = &[
        "rStyle",
        "rFonts",
        "b",
        "bCs",
        "i",
        "iCs",
        "caps",
        "smallCaps",
        "strike",
        "vanish",
        "color",
        "spacing",
        "w",
        "kern",
        "position",
        "sz",
        "szCs",
        "highlight",
        "u",
        "shd",
        "vertAlign",
        "lang",
    ];
    const PPR: &[&str] = &[
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "widowControl",
        "numPr",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "spacing",
        "ind",
        "contextualSpacing",
        "jc",
        "outlineLvl",
        "rPr",
    ];
    const TBLPR: &[&str] = &[
        "tblStyle",
        "tblW",
        "jc",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
        "tblCaption",
        "tblDescription",
    ];
    const SECTPR: &[&str] = &["footnotePr", "endnotePr", "type", "pgSz", "pgMar"];
    const SETTINGS: &[&str] = &[
        "defaultTabStop",
        "autoHyphenation",
        "characterSpacingControl",
        "footnotePr",
        "endnotePr",
        "compat",
        "themeFontLang",
    ];
    const STYLE: &[&str] = &[
        "name",
        "basedOn",
        "next",
        "uiPriority",
        "semiHidden",
        "qFormat",
        "pPr",
        "rPr",
        "tblPr",
    ];
    const LVL: &[&str] = &[
        "start", "numFmt", "pStyle", "lvlText", "lvlJc", "pPr", "rPr",
    ];
    let mut parts = sample_docx().clone();
    for (k, v) in unzip(&export(
        "docx_order_charts",
        &repo().join("tests/data/briefings/charts.toml"),
        Some("997660800"),
    )) {
        parts.insert(format!("charts/{k}"), v);
    }
    let mut checked = 0;
    for (name, data) in &parts {
        if !name.ends_with(".xml") {
            continue;
        }
        let text = std::str::from_utf8(data).unwrap();
        let x = roxmltree::Document::parse(text).unwrap();
        for n in x.descendants().filter(|n| n.is_element()) {
            let parent = n.tag_name().name();
            let order = match parent {
                "rPr" => RPR,
                "pPr" => PPR,
                "tblPr" => TBLPR,
                "sectPr" => SECTPR,
                "settings" => SETTINGS,
                "style" => STYLE,
                "lvl" => LVL,
                _ => continue,
            };
            checked += 1;
            let mut last = 0;
            for k in n.children().filter(|k| k.is_element()) {
                let kname = k.tag_name().name();
                let at = order
                    .iter()
                    .position(|o| *o == kname)
                    .unwrap_or_else(|| panic!("{name}: <{kname}> in <{parent}> is not expected"));
                assert!(
                    at >= last,
                    "{name}: <{kname}> after a later sibling in <{parent}>"
                );
                last = at;
            }
        }
    }
    assert!(checked > 300, "{checked}");
}
