//! Section figures (FORMAT 1.1, "Figures in sections"): raster images and
//! charts with several series, built and read back from the PDF.

mod common;

use std::sync::Arc;

use briefing::diag::Source;
use briefing::layout::{Artifact, Item, Tag};
use briefing::model::{self, image};
use briefing::render::{self, Metadata};
use briefing::text::FontSet;
use common::png::{self, transparent_png};
use common::*;

/// Each image XObject of a page: (name, its dictionary).
fn page_images(pdf: &Pdf, page: usize) -> Vec<(String, lopdf::Dictionary)> {
    let doc = &pdf.doc;
    let p = doc.get_dictionary(pdf.pages[page]).unwrap();
    let res = match p.get(b"Resources").unwrap() {
        lopdf::Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
        o => o.as_dict().unwrap(),
    };
    let Ok(x) = res.get(b"XObject") else {
        return vec![];
    };
    let x = match x {
        lopdf::Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
        o => o.as_dict().unwrap(),
    };
    x.iter()
        .map(|(k, v)| {
            let s = doc
                .get_object(v.as_reference().unwrap())
                .unwrap()
                .as_stream()
                .unwrap();
            (String::from_utf8_lossy(k).into_owned(), s.dict.clone())
        })
        .collect()
}

/// The `cm` matrix before each `/Name Do` of a page's content.
fn placements(pdf: &Pdf, page: usize) -> Vec<(String, [f64; 6])> {
    let content = pdf.doc.get_page_content(pdf.pages[page]);
    let ops = lopdf::content::Content::decode(&content)
        .unwrap()
        .operations;
    let mut last = [0.0; 6];
    let mut out = Vec::new();
    for op in ops {
        match op.operator.as_str() {
            "cm" => {
                for (i, o) in op.operands.iter().enumerate().take(6) {
                    last[i] = o.as_float().map(f64::from).unwrap_or(0.0);
                }
            }
            "Do" => {
                let n = op.operands[0].as_name().unwrap();
                out.push((String::from_utf8_lossy(n).into_owned(), last));
            }
            _ => {}
        }
    }
    out
}

/// The tiny briefing rendered with `image` drawn on page 1 as an artifact:
/// the renderer's image path alone, before any figure uses it.
fn render_with(image: Arc<model::Image>, w: f32) -> Vec<u8> {
    let src = tiny("");
    let source = Source::new(sample_path(), &src);
    let out = compile_as(&sample_path(), &src, &opts()).expect("builds");
    let (b, _) = model::parse(&source);
    let b = b.unwrap();
    let fonts = FontSet::load(&b.style).unwrap();
    let mut laid = out.laid.clone();
    let h = w / image.aspect();
    laid.pages[0].items.push(Item::Image {
        x: 72.0,
        y: 400.0,
        w,
        h,
        image,
        tag: Tag::Artifact(Artifact::Layout),
    });
    let meta = Metadata {
        title: "A small test briefing".into(),
        authors: vec![],
        subject: String::new(),
        keywords: vec![],
        creator: "briefing test".into(),
        created: EPOCH,
        lang: "en-US".into(),
        rights: None,
        content_id: [7; 16],
    };
    render::render(&laid, &fonts, &meta).expect("renders")
}

#[test]
fn a_transparent_png_is_an_rgb_image_with_a_soft_mask() {
    let im = Arc::new(image::decode(transparent_png(120, 60), "t.png").unwrap());
    assert_eq!((im.width_px, im.height_px), (120, 60));
    assert!(im.alpha.is_some(), "the disc is transparent");
    let bytes = render_with(im.clone(), 240.0);
    assert_eq!(bytes, render_with(im, 240.0), "the same bytes each time");
    let pdf = Pdf::load(&bytes);
    pdf.assert_accessible();
    keep(&bytes);
    let images = page_images(&pdf, 0);
    assert_eq!(images.len(), 1, "one image XObject on page 1");
    let (name, d) = &images[0];
    assert_eq!(d.get(b"Subtype").unwrap().as_name().unwrap(), b"Image");
    assert_eq!(
        d.get(b"ColorSpace").unwrap().as_name().unwrap(),
        b"DeviceRGB"
    );
    assert_eq!(d.get(b"BitsPerComponent").unwrap().as_i64().unwrap(), 8);
    assert_eq!(d.get(b"Width").unwrap().as_i64().unwrap(), 120);
    assert!(d.get(b"Interpolate").is_err(), "no /Interpolate in PDF/A");
    let mask = pdf
        .doc
        .get_object(d.get(b"SMask").unwrap().as_reference().unwrap())
        .unwrap()
        .as_stream()
        .unwrap();
    assert_eq!(
        mask.dict.get(b"ColorSpace").unwrap().as_name().unwrap(),
        b"DeviceGray"
    );
    let placed = placements(&pdf, 0);
    assert_eq!(placed.len(), 1);
    assert_eq!(&placed[0].0, name);
    let m = placed[0].1;
    assert!(
        (m[0] - 240.0).abs() < 0.01 && (m[3] - 120.0).abs() < 0.01,
        "{m:?}"
    );
    assert_eq!((m[1], m[2]), (0.0, 0.0), "no skew");
    if let Some(dir) = std::env::var_os("FIGURES_PDF_DIR") {
        std::fs::write(std::path::Path::new(&dir).join("image.pdf"), &bytes).unwrap();
    }
}

#[test]
fn an_opaque_png_has_no_mask_and_grey_becomes_rgb() {
    let opaque = png::png(10, 5, true, |x, _| [x as u8 * 20, 0, 0, 255]);
    let im = image::decode(opaque, "o.png").unwrap();
    assert!(im.alpha.is_none(), "all-opaque alpha is dropped");
    assert_eq!(im.rgb.len(), 10 * 5 * 3);
    assert!(image::decode(b"not an image at all".to_vec(), "x.png").is_err());
}

/// A briefing with section figures, in a scratch folder holding `map.png`
/// (960 × 480 px, with a transparent disc) and `small.png`.
fn oil(lang: &str, extra: &str) -> String {
    format!(
        r#"title = "Oil supply at a glance"
language = "{lang}"
[summary]
text = "World oil production grew from 2000 to 2005.[^eia]"

[[sections]]
heading = "Production"
text = """
OPEC and non-OPEC producers both raised output over the period, though not
evenly: OPEC cut its quotas twice in 2001 and once more early in 2002.

Non-OPEC supply grew every year,[^bp] led by Russia, whose output rose by
more than a tenth in three years, and by new fields off West Africa and in
the deep waters of the Gulf of Mexico.
"""

[[sections.figures]]
title = "World oil production, 2000–2005"
after = 1
source = "GAO analysis of *EIA* data."
note = "eia-mer"
[sections.figures.chart]
kind = "bar"
labels = ["2000", "2001", "2002", "2003", "2004", "2005"]
unit = " M b/d"
y_label = "million barrels per day"
series = [
  {{ name = "OPEC", values = [30.1, 29.2, 28.3, 30.2, 32.5, 33.6] }},
  {{ name = "Non-OPEC", values = [44.0, 44.6, 45.5, 46.2, 47.4, 47.9] }},
]

[[sections.figures]]
title = "The same as lines"
[sections.figures.chart]
kind = "line"
labels = ["2000", "2001", "2002", "2003", "2004", "2005"]
series = [
  {{ name = "Crude", values = [30.1, 29.2, 28.3, 30.2, 32.5, 33.6] }},
  {{ name = "Liquids", values = [44.0, 44.6, 45.5, 46.2, 47.4, 47.9] }},
]

[[sections]]
heading = "Shares"
text = "Five producers pump half the world's oil."

[[sections.figures]]
title = "Share of world output"
width = "full"
[sections.figures.chart]
kind = "hbar"
labels = ["Saudi Arabia", "Russia", "United States"]
unit = "%"
values = [13.5, 12.1, 8.0]

[[sections.figures]]
title = "Consumption by region"
[sections.figures.chart]
kind = "stacked-bar"
labels = ["2003", "2004", "2005"]
series = [
  {{ name = "Asia", values = [30.0, 32.5, 34.0] }},
  {{ name = "Europe", values = [25.0, 24.0, 23.5] }},
]

[[sections.figures]]
title = "A map of the fields"
image = "map.png"
alt = "A gradient with a clear disc in the middle."
source = "Drawn for the test."

[notes]
eia = "EIA, *International Energy Annual*."
eia-mer = "EIA, *Monthly Energy Review*."
bp = "BP, *Statistical Review*."
{extra}"#
    )
}

fn folder(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    std::fs::write(dir.join("map.png"), transparent_png(960, 480)).unwrap();
    std::fs::write(dir.join("small.png"), transparent_png(40, 20)).unwrap();
    dir
}

fn build(name: &str, text: &str) -> (briefing::pipeline::Output, Pdf) {
    let dir = folder(name);
    let path = dir.join("briefing.toml");
    std::fs::write(&path, text).unwrap();
    let out = match compile_as(&path, text, &opts()) {
        Ok(o) => o,
        Err(d) => panic!("does not build: {:#?}", d.items),
    };
    if let Some(dir) = std::env::var_os("FIGURES_PDF_DIR") {
        std::fs::write(
            std::path::Path::new(&dir).join(format!("{name}.pdf")),
            &out.pdf,
        )
        .unwrap();
    }
    let pdf = Pdf::load(&out.pdf);
    (out, pdf)
}

#[test]
fn figures_are_numbered_titled_sourced_and_tagged() {
    let (out, pdf) = build("figures-en", &oil("en-US", ""));
    assert!(
        out.diagnostics.items.is_empty(),
        "{:#?}",
        out.diagnostics.items
    );
    let text = pdf.text();
    for n in 1..=5 {
        assert!(
            has_phrase(&text, &format!("Figure {n}.")),
            "Figure {n}. in {text}"
        );
    }
    assert!(!has_phrase(&text, "Figure 6."));
    assert!(has_phrase(
        &text,
        "Figure 1. World oil production, 2000–2005"
    ));
    assert!(
        has_phrase(&text, "Source: GAO analysis of EIA data."),
        "{text}"
    );
    assert!(has_phrase(&text, "Source: Drawn for the test."));
    // The legend names each series of the two-series charts.
    for name in ["OPEC", "Non-OPEC", "Crude", "Liquids", "Asia", "Europe"] {
        assert!(has_phrase(&text, name), "legend name {name}");
    }
    assert!(has_phrase(&text, "million barrels per day"), "y_label");
    // Figure 1 stands after the first paragraph, before the second.
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(at("raised output") < at("Figure 1.") && at("Figure 1.") < at("Non-OPEC supply grew"));
    let st = pdf.structure();
    let figures: Vec<usize> = st
        .walk()
        .into_iter()
        .filter(|&e| st.elems[e].role == "Figure")
        .collect();
    assert_eq!(figures.len(), 5, "one Figure element each");
    let alts: Vec<String> = figures
        .iter()
        .map(|&e| st.elems[e].alt.clone().expect("Figure has Alt"))
        .collect();
    assert!(
        alts[0].starts_with("Bar chart: World oil production, 2000–2005."),
        "{}",
        alts[0]
    );
    assert!(
        alts[0].contains("OPEC: rises from 30.1 M b/d (2000) to 33.6 M b/d (2005)"),
        "{}",
        alts[0]
    );
    assert!(alts[0].contains("Non-OPEC: rises"), "{}", alts[0]);
    assert!(alts[2].starts_with("Horizontal bar chart"), "{}", alts[2]);
    assert!(alts[3].starts_with("Stacked bar chart"), "{}", alts[3]);
    assert_eq!(alts[4], "A gradient with a clear disc in the middle.");
    for &e in &figures {
        let attrs = st.elems[e].attrs.as_ref().expect("Figure attributes");
        assert!(attrs.get(b"BBox").is_ok(), "Figure BBox");
    }
    let captions = st.of_roles(&["Caption"]);
    assert_eq!(captions.len(), 5);
    assert!(
        captions[0].1.starts_with("Figure 1. World oil production"),
        "{captions:?}"
    );
}

#[test]
fn the_image_is_drawn_at_its_aspect_ratio() {
    let (_, pdf) = build("figures-image", &oil("en-US", ""));
    let placed: Vec<(usize, [f64; 6])> = (0..pdf.pages.len())
        .flat_map(|p| placements(&pdf, p).into_iter().map(move |(_, m)| (p, m)))
        .collect();
    assert_eq!(placed.len(), 1, "one image drawn");
    let m = placed[0].1;
    assert!(
        (m[0] / m[3] - 2.0).abs() < 0.01,
        "960 × 480 px drawn {} × {}",
        m[0],
        m[3]
    );
    assert_eq!((m[1], m[2]), (0.0, 0.0));
    let images = page_images(&pdf, placed[0].0);
    assert_eq!(images.len(), 1);
    assert!(images[0].1.get(b"SMask").is_ok(), "alpha as a soft mask");
}

#[test]
fn note_numbers_count_the_figure_where_it_stands() {
    // The summary cites eia (1); figure 1, after the first paragraph,
    // cites eia-mer (2) before the second paragraph's bp (3).
    let keys: Vec<String> = notes_order(&oil("en-US", ""));
    assert_eq!(keys, ["eia", "eia-mer", "bp"]);
    let (_, pdf) = build("figures-notes", &oil("en-US", ""));
    // Its marker, note 2, ends the caption.
    let captions = pdf.structure().of_roles(&["Caption"]);
    assert_eq!(captions[0].1, "Figure 1. World oil production, 2000–20052");
}

/// The notes' keys in number order, as markup numbers them.
fn notes_order(text: &str) -> Vec<String> {
    let dir = folder("figures-notes-order");
    let path = dir.join("briefing.toml");
    let source = Source::new(&path, text);
    let (b, d) = model::parse(&source);
    assert!(!d.has_errors(), "{:#?}", d.items);
    let (doc, _) = briefing::markup::build(&b.unwrap(), &source);
    doc.notes.into_iter().map(|n| n.key).collect()
}

#[test]
fn figure_labels_follow_the_language() {
    for (lang, label, source) in [
        ("es", "Figura 1.", "Fuente:"),
        ("fr", "Figure 1\u{A0}:", "Source\u{A0}:"),
        ("de", "Abbildung 1.", "Quelle:"),
        ("pt", "Figura 1.", "Fonte:"),
    ] {
        let (_, pdf) = build(&format!("figures-{lang}"), &oil(lang, ""));
        let text = pdf.text();
        let squashed = squash(&text);
        assert!(
            squashed.contains(&squash(label)) || text.contains(label),
            "{lang}: {label} in {text}"
        );
        assert!(squashed.contains(&squash(source)), "{lang}: {source}");
    }
}

#[test]
fn a_full_width_figure_spans_both_columns() {
    let (_, pdf) = build("figures-columns", &oil("en-US", "[style]\ncolumns = 2\n"));
    // Figure 3 (the hbar) is full width; figure 1 is a column's.
    let st = pdf.structure();
    let widths: Vec<f64> = st
        .walk()
        .into_iter()
        .filter(|&e| st.elems[e].role == "Figure")
        .map(|e| {
            let attrs = st.elems[e].attrs.as_ref().unwrap();
            let b = attrs.get(b"BBox").unwrap().as_array().unwrap();
            let n = |i: usize| b[i].as_float().map(f64::from).unwrap();
            n(2) - n(0)
        })
        .collect();
    assert_eq!(widths.len(), 5);
    let page_w = pdf.page_size(0).0;
    assert!(widths[0] < page_w * 0.45, "a column's width: {widths:?}");
    assert!(widths[2] > page_w * 0.6, "across the columns: {widths:?}");
}

/// The first error or warning with `code`, located.
fn diag(text: &str, code: &str) -> (String, Option<(usize, usize)>) {
    let dir = folder(&format!("figures-diag-{code}-{}", text.len()));
    let path = dir.join("briefing.toml");
    std::fs::write(&path, text).unwrap();
    let source = Source::new(&path, text);
    let diags = briefing::pipeline::diagnose(&source, &opts());
    let d = diags
        .items
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {code} in {:#?}", diags.items));
    let (_, msg, at) = located(&source, d);
    (msg, at)
}

/// The line (1-based) of the first line holding `needle`, and the column
/// where it starts.
fn where_is(text: &str, needle: &str) -> (usize, usize) {
    for (i, l) in text.lines().enumerate() {
        if let Some(c) = l.find(needle) {
            return (i + 1, l[..c].chars().count() + 1);
        }
    }
    panic!("{needle} not in the text")
}

#[test]
fn each_figure_error_names_its_line_and_column() {
    let base = oil("en-US", "");
    // E0028: after past the last paragraph.
    let t = base.replacen("after = 1", "after = 7", 1);
    let (msg, at) = diag(&t, "E0028");
    assert!(msg.contains("has 2 paragraphs"), "{msg}");
    let (l, c) = where_is(&t, "after = 7");
    assert_eq!(at, Some((l, c + "after = ".len())));
    // E0029: unknown kind, with a suggestion; unknown width.
    let t = base.replacen("kind = \"stacked-bar\"", "kind = \"stacked\"", 1);
    let (msg, at) = diag(&t, "E0029");
    assert!(msg.contains("unknown figure kind `stacked`"), "{msg}");
    let (l, c) = where_is(&t, "kind = \"stacked\"");
    assert_eq!(at, Some((l, c + "kind = ".len())));
    let t = base.replacen("width = \"full\"", "width = \"wide\"", 1);
    let (msg, at) = diag(&t, "E0029");
    assert!(msg.contains("unknown figure width `wide`"), "{msg}");
    assert_eq!(at.map(|a| a.0), Some(where_is(&t, "width = \"wide\"").0));
    // E0030: series of unequal length, at the short series' values.
    let t = base.replacen("47.4, 47.9] }", "47.4] }", 1);
    let (msg, at) = diag(&t, "E0030");
    assert!(
        msg.contains("series “Non-OPEC” has 5 values but the chart has 6 labels"),
        "{msg}"
    );
    let (l, c) = where_is(&t, "[44.0, 44.6, 45.5, 46.2, 47.4]");
    assert_eq!(at, Some((l, c)));
    // E0030: one point; a non-finite value.
    let t = base.replacen(
        "labels = [\"Saudi Arabia\", \"Russia\", \"United States\"]",
        "labels = [\"Saudi Arabia\"]",
        1,
    );
    let (msg, _) = diag(&t, "E0030");
    assert!(
        msg.contains("1 label; a chart needs 2 to 24 points"),
        "{msg}"
    );
    let t = base.replacen("values = [13.5, 12.1, 8.0]", "values = [13.5, nan, 8.0]", 1);
    let (msg, at) = diag(&t, "E0030");
    assert!(msg.contains("not a finite number"), "{msg}");
    assert_eq!(at.map(|a| a.0), Some(where_is(&t, "nan").0));
    // E0031: no alt; a missing file, with its path; not an image.
    let t = base.replacen(
        "alt = \"A gradient with a clear disc in the middle.\"\n",
        "",
        1,
    );
    let (msg, at) = diag(&t, "E0031");
    assert!(msg.contains("has no `alt`"), "{msg}");
    let (l, c) = where_is(&t, "image = \"map.png\"");
    assert_eq!(at, Some((l, c + "image = ".len())));
    let t = base.replacen("image = \"map.png\"", "image = \"nowhere/gone.png\"", 1);
    let (msg, at) = diag(&t, "E0031");
    assert!(
        msg.contains("image file `nowhere/gone.png` cannot be read: no such file"),
        "{msg}"
    );
    let (l, c) = where_is(&t, "image = \"nowhere");
    assert_eq!(at, Some((l, c + "image = ".len())));
    let t = base.replacen("image = \"map.png\"", "image = \"briefing.toml\"", 1);
    let (msg, _) = diag(&t, "E0031");
    assert!(
        msg.contains("cannot be used: it is not a PNG or JPEG file"),
        "{msg}"
    );
}

#[test]
fn a_small_image_set_large_is_a_warning() {
    let t = oil("en-US", "").replacen("image = \"map.png\"", "image = \"small.png\"", 1);
    let (out, _) = build("figures-small", &t);
    let w = out
        .diagnostics
        .items
        .iter()
        .find(|d| d.code == "W0014")
        .expect("W0014");
    assert!(
        w.message.contains("small.png") && w.message.contains("dpi"),
        "{}",
        w.message
    );
    let source = Source::new(folder("figures-small-src").join("briefing.toml"), &t);
    let (_, _, at) = located(&source, w);
    let (l, c) = where_is(&t, "image = \"small.png\"");
    assert_eq!(at, Some((l, c + "image = ".len())));
}

#[test]
fn exports_carry_the_figures() {
    use briefing::export::{render, Format, Part};
    let text = oil("en-US", "");
    let dir = folder("figures-exports");
    let path = dir.join("briefing.toml");
    let source = Source::new(&path, &text);
    let (b, d) = model::parse(&source);
    assert!(!d.has_errors(), "{:#?}", d.items);
    let b = b.unwrap();
    let (doc, _) = briefing::markup::build(&b, &source);
    let md = String::from_utf8(render(&doc, &b, Format::Markdown, Part::Whole, None)).unwrap();
    assert!(
        md.contains("**Figure 1.** World oil production, 2000–2005[^2] [chart]"),
        "{md}"
    );
    assert!(md.contains("**Figure 5.** A map of the fields ![A gradient with a clear disc in the middle.](map.png)"), "{md}");
    assert!(md.contains("Source: GAO analysis of *EIA* data."), "{md}");
    // Figure 1 between the paragraphs it stands between.
    let at = |s: &str| md.find(s).unwrap();
    assert!(
        at("raised output") < at("**Figure 1.**") && at("**Figure 1.**") < at("Non-OPEC supply")
    );
    let txt = String::from_utf8(render(&doc, &b, Format::Text, Part::Whole, None)).unwrap();
    assert!(
        txt.contains("Figure 1. World oil production, 2000–2005[2] [chart]"),
        "{txt}"
    );
    assert!(txt.contains("Source: GAO analysis of EIA data."), "{txt}");
    assert!(
        txt.contains("Figure 5. A map of the fields [image: map.png]"),
        "{txt}"
    );
    let html = String::from_utf8(render(&doc, &b, Format::Html, Part::Whole, None)).unwrap();
    assert_eq!(html.matches("<figure").count(), 5);
    assert_eq!(html.matches("<figcaption").count(), 5);
    assert!(html.contains("<strong>Figure 1.</strong> World oil production"));
    assert!(
        html.contains("<img src=\"data:image/png;base64,iVBORw0KGgo"),
        "the PNG embedded"
    );
    assert!(html.contains("alt=\"A gradient with a clear disc in the middle.\""));
    assert!(
        html.contains("<th scope=\"row\""),
        "a chart's data as a table"
    );
    assert!(
        html.contains("Source: GAO analysis of <em>EIA</em> data."),
        "source line"
    );
}

#[test]
fn the_word_export_has_each_figure_as_a_captioned_picture() {
    use std::io::Read;
    let text = oil("en-US", "");
    let dir = folder("figures-docx");
    let path = dir.join("briefing.toml");
    let source = Source::new(&path, &text);
    let (b, _) = model::parse(&source);
    let b = b.unwrap();
    let (doc, _) = briefing::markup::build(&b, &source);
    let bytes = briefing::export::render(
        &doc,
        &b,
        briefing::export::Format::Docx,
        briefing::export::Part::Whole,
        Some(EPOCH),
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert_eq!(xml.matches("<w:pStyle w:val=\"Caption\"/>").count(), 5);
    assert!(
        xml.contains("Figure 1. </w:t>") || xml.contains("Figure 1."),
        "numbered"
    );
    assert!(xml.contains("descr=\"Bar chart: World oil production, 2000–2005."));
    assert!(xml.contains("descr=\"A gradient with a clear disc in the middle.\""));
    let media = (0..zip.len())
        .filter(|&i| {
            zip.by_index(i)
                .unwrap()
                .name()
                .unwrap()
                .starts_with("word/media/")
        })
        .count();
    assert_eq!(media, 5, "a picture per figure");
}

#[test]
fn no_label_touches_another_and_lines_are_named_at_their_ends() {
    for (name, extra) in [
        ("figures-sound-letter", ""),
        ("figures-sound-a4", "[style]\npaper = \"a4\"\ncolumns = 2\n"),
    ] {
        let (out, _) = build(name, &oil("en-US", extra));
        assert_layout_sound(name, &out.laid);
    }
    let (out, _) = build("figures-direct", &oil("en-US", ""));
    let runs: Vec<&briefing::layout::GlyphRun> = out
        .laid
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text(r) => Some(r),
            _ => None,
        })
        .collect();
    let text = |r: &briefing::layout::GlyphRun| {
        r.glyphs.iter().map(|g| g.text.as_str()).collect::<String>()
    };
    let x_of = |s: &str| runs.iter().find(|r| text(r) == s).map(|r| r.x).unwrap();
    let page_w = out.laid.pages[0].width;
    // The line chart's series are named at the right, where the lines
    // end; the bar chart keeps its legend at the left.
    assert!(x_of("Crude") > page_w * 0.6 && x_of("Liquids") > page_w * 0.6);
    assert!(x_of("OPEC") < page_w * 0.3);
}

#[test]
fn a_jpeg_figure_is_decoded_to_rgb() {
    // The test's JPEG comes from the `image` crate's encoder (a
    // dev-dependency: the crate printpdf decodes with).
    let mut jpeg = Vec::new();
    let pixels: Vec<u8> = (0..64 * 32)
        .flat_map(|i| [(i % 64 * 4) as u8, (i / 64 * 8) as u8, 90])
        .collect();
    ::image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode(&pixels, 64, 32, ::image::ExtendedColorType::Rgb8)
        .unwrap();
    let im = briefing::model::image::decode(jpeg.clone(), "photo.jpg").unwrap();
    assert_eq!((im.width_px, im.height_px, im.mime), (64, 32, "image/jpeg"));
    assert!(im.alpha.is_none());
    let dir = folder("figures-jpeg");
    std::fs::write(dir.join("photo.jpg"), &jpeg).unwrap();
    let t = oil("en-US", "").replacen("image = \"map.png\"", "image = \"photo.jpg\"", 1);
    let path = dir.join("briefing.toml");
    let out = compile_as(&path, &t, &opts()).expect("builds");
    let pdf = Pdf::load(&out.pdf);
    let drawn: Vec<_> = (0..pdf.pages.len())
        .flat_map(|p| page_images(&pdf, p))
        .collect();
    assert_eq!(drawn.len(), 1);
    assert_eq!(drawn[0].1.get(b"Width").unwrap().as_i64().unwrap(), 64);
    assert!(drawn[0].1.get(b"SMask").is_err(), "a JPEG has no alpha");
    let html = String::from_utf8(briefing::export::render(
        &briefing::markup::build(
            &model::parse(&Source::new(&path, &t)).0.unwrap(),
            &Source::new(&path, &t),
        )
        .0,
        &model::parse(&Source::new(&path, &t)).0.unwrap(),
        briefing::export::Format::Html,
        briefing::export::Part::Whole,
        None,
    ))
    .unwrap();
    assert!(
        html.contains("src=\"data:image/jpeg;base64,/9j/"),
        "the JPEG as it was"
    );
}

#[test]
fn charts_at_their_limits_keep_their_labels_apart() {
    // tests/data/briefings/section-charts.toml: a 24-point line crossing
    // zero, two-series bars with negatives, a stack with a negative part,
    // horizontal bars of big numbers with a very long category label.
    let path = repo().join("tests/data/briefings/section-charts.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = compile_as(&path, &text, &opts()).expect("builds");
    assert_layout_sound("section-charts", &out.laid);
    let pdf = Pdf::load(&out.pdf);
    let all = pdf.text();
    // Too many points for a label each: the first and the last, the
    // lowest, are labelled; ticks and values on the one abbreviated scale.
    assert!(all.contains("0.0%") && all.contains("−0.30%"), "{all}");
    assert_eq!(all.matches("−0.20%").count(), 1, "the tick only: {all}");
    assert!(all.contains("1.41M") && all.contains("1.5M"), "{all}");
}

#[test]
fn a_several_series_alt_stays_short() {
    let (_, pdf) = build("figures-alt-len", &oil("en-US", ""));
    let st = pdf.structure();
    let alts: Vec<String> = st
        .walk()
        .into_iter()
        .filter(|&e| st.elems[e].role == "Figure")
        .map(|e| st.elems[e].alt.clone().unwrap())
        .collect();
    // Figures 1, 2 and 4 have two series; figure 3 one, read out whole.
    for alt in [&alts[0], &alts[1], &alts[3]] {
        assert!(alt.chars().count() <= 320, "{alt}");
        assert!(!alt.contains("Values"), "each series' finding only: {alt}");
    }
    assert!(
        alts[2].contains("Values: Saudi Arabia, 13.5%; Russia, 12.1%"),
        "{}",
        alts[2]
    );
}
