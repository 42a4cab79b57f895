//! The sample briefing, rendered and read back through a PDF parser: pages,
//! paper, metadata, text, fonts, links and outline, as a reader sees them.

mod common;

use std::collections::BTreeSet;

use common::{has_phrase, sample, sample_extracted, sample_text, Frag, Pdf, EPOCH_PDF_DATE};

/// The sample's content, parsed independently of the program.
fn content() -> toml::Table {
    sample_text()
        .parse::<toml::Table>()
        .expect("the sample is valid TOML")
}

fn strings<'a>(t: &'a toml::Table, array: &str, key: &str) -> Vec<&'a str> {
    t.get(array)
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|e| e.get(key).and_then(|v| v.as_str()))
                .collect()
        })
        .unwrap_or_default()
}

/// What a straight apostrophe inside a word prints as.
fn typographic(s: &str) -> String {
    s.replace('\'', "\u{2019}")
}

#[test]
fn sample_prints_on_two_to_four_letter_pages() {
    let (out, pdf) = sample();
    let n = pdf.pages.len();
    assert!((2..=4).contains(&n), "the sample has {n} pages");
    assert_eq!(out.pages, n, "the reported page count is the PDF's");
    for p in 0..n {
        let b = pdf.media_box(p);
        assert_eq!((b[0], b[1]), (0.0, 0.0), "page {} MediaBox origin", p + 1);
        let (w, h) = pdf.page_size(p);
        assert!(
            (w - 612.0).abs() < 0.01 && (h - 792.0).abs() < 0.01,
            "page {} is {w}×{h}, not letter",
            p + 1
        );
    }
}

#[test]
fn every_page_has_its_footer() {
    let (_, pdf) = sample();
    let n = pdf.pages.len();
    for p in 0..n {
        let text = pdf.page_text(p);
        let footer = format!("Page {} of {n}", p + 1);
        assert!(
            text.contains(&footer),
            "page {} lacks “{footer}”:\n{text}",
            p + 1
        );
    }
}

#[test]
fn metadata_comes_from_the_content() {
    let (_, pdf) = sample();
    let t = content();
    let title = t["title"].as_str().unwrap();
    assert_eq!(pdf.info("Title").as_deref(), Some(title));

    let authors = strings(&t, "authors", "name");
    assert!(!authors.is_empty());
    let author = pdf.info("Author").expect("Author is set");
    for a in &authors {
        assert!(author.contains(a), "Author “{author}” lacks {a}");
    }

    let bottom_line = t["summary"]["bottom_line"].as_str().unwrap();
    assert_eq!(
        pdf.info("Subject").as_deref(),
        Some(typographic(bottom_line).as_str()),
        "Subject is the bottom line"
    );

    let keywords = pdf.info("Keywords").expect("Keywords are set");
    for k in t["keywords"].as_array().unwrap() {
        let k = k.as_str().unwrap();
        assert!(keywords.contains(k), "Keywords “{keywords}” lack {k}");
    }

    let creator = pdf.info("Creator").expect("Creator is set");
    assert!(
        creator.contains("briefing ") && creator.contains(env!("CARGO_PKG_VERSION")),
        "Creator is “{creator}”"
    );

    for key in ["CreationDate", "ModDate"] {
        let date = pdf.info(key).unwrap_or_default();
        assert!(
            date.starts_with(EPOCH_PDF_DATE),
            "{key} is “{date}”, not from SOURCE_DATE_EPOCH ({EPOCH_PDF_DATE})"
        );
    }
}

#[test]
fn every_figure_value_and_recommendation_title_is_in_the_text() {
    let text = sample_extracted();
    let t = content();
    let values = strings(&t, "figures", "value");
    let titles = strings(&t, "recommendations", "title");
    assert!(values.len() >= 8, "the sample has {} figures", values.len());
    assert!(!titles.is_empty());
    for v in values {
        assert!(
            has_phrase(text, &typographic(v)),
            "figure value {v:?} missing"
        );
    }
    for r in titles {
        assert!(has_phrase(text, &typographic(r)), "title {r:?} missing");
    }
    for h in strings(&t, "sections", "heading") {
        assert!(has_phrase(text, &typographic(h)), "heading {h:?} missing");
    }
    // The list the reviewers check with pdftotext.
    let expect = std::fs::read_to_string(common::repo().join("tests/data/sample_expect.txt"))
        .expect("tests/data/sample_expect.txt");
    for line in expect.lines().map(str::trim).filter(|l| !l.is_empty()) {
        assert!(has_phrase(text, line), "{line:?} missing from the text");
    }
}

#[test]
fn accents_and_typographic_quotes_extract() {
    let text = sample_extracted();
    for name in [
        "Valentín Paniagua",
        "Alan García",
        "Belaúnde",
        "Peru\u{2019}s",
        "Corrupción",
        "José Cevasco",
    ] {
        assert!(has_phrase(text, name), "{name:?} does not extract");
    }
    // A note's nested quotes: “‘The Doctor’ Divided …”
    assert!(has_phrase(
        text,
        "\u{201C}\u{2018}The Doctor\u{2019} Divided"
    ));
    assert!(
        !text.contains('\u{FFFD}'),
        "some glyph has no Unicode mapping"
    );
    for straight in ['\'', '"'] {
        let line = text.lines().find(|l| l.contains(straight));
        assert!(line.is_none(), "a straight {straight} prints: {line:?}");
    }
    // Dashes: `--` in the source prints as an en dash.
    assert!(text.contains('\u{2013}'), "no en dash in the text");
    assert!(!text.contains("--"), "a literal -- prints");
    // The checks above can fail: the straight form is not in the text.
    assert!(!has_phrase(text, "Peru's"));
    assert!(!has_phrase(text, "Valentin Paniagua"));
}

#[test]
fn fonts_are_embedded_subsets() {
    let (_, pdf) = sample();
    let fonts = pdf.fonts();
    assert!(fonts.len() >= 2, "fonts: {fonts:?}");
    let smallest_bundled = ["fonts/serif", "fonts/sans"]
        .iter()
        .flat_map(|d| std::fs::read_dir(common::repo().join(d)).expect("fonts folder"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ttf" || e == "otf"))
        .map(|p| std::fs::metadata(p).expect("font").len())
        .min()
        .expect("bundled fonts");
    for f in &fonts {
        let (tag, rest) = f.base_font.split_at(7.min(f.base_font.len()));
        assert!(
            tag.len() == 7
                && tag[..6].chars().all(|c| c.is_ascii_uppercase())
                && tag.ends_with('+')
                && !rest.is_empty(),
            "{} has no subset tag",
            f.base_font
        );
        assert_eq!(f.subtype, "Type0", "{}", f.base_font);
        assert_eq!(
            f.descendant_base_font.as_deref(),
            Some(f.base_font.as_str()),
            "the CIDFont of {} names another font",
            f.base_font
        );
        assert!(f.font_file2, "{} is not embedded (FontFile2)", f.base_font);
        assert!(f.to_unicode, "{} has no ToUnicode CMap", f.base_font);
    }
    // Subset for real: every embedded font program is far smaller than the
    // bundled file it comes from, and still parses as a font.
    for (id, size) in embedded_font_programs(pdf) {
        assert!(
            (size as u64) < smallest_bundled / 3,
            "font program {id:?} is {size} bytes: not subset"
        );
    }
}

/// (object id, decompressed size) of each FontFile2 stream, after checking
/// it parses as a TrueType font.
fn embedded_font_programs(pdf: &Pdf) -> Vec<(lopdf::ObjectId, usize)> {
    let mut out = Vec::new();
    for (id, obj) in &pdf.doc.objects {
        let Ok(d) = obj.as_dict() else { continue };
        let Ok(ff) = d.get(b"FontFile2").and_then(|o| o.as_reference()) else {
            continue;
        };
        let stream = pdf
            .doc
            .get_object(ff)
            .and_then(|o| o.as_stream())
            .unwrap_or_else(|e| panic!("FontFile2 of {id:?}: {e}"));
        let bytes = stream.get_plain_content().expect("font program decodes");
        let face = read_fonts::FontRef::new(&bytes);
        assert!(face.is_ok(), "embedded font {ff:?} does not parse");
        let tables = read_fonts::TableProvider::head(face.as_ref().unwrap());
        assert!(tables.is_ok(), "embedded font {ff:?} has no head table");
        out.push((ff, bytes.len()));
    }
    assert!(!out.is_empty(), "no embedded font programs");
    out
}

/// The number drawn inside a link's rectangle (a note reference or an
/// endnote's number), if any.
fn number_in(frags: &[Frag], rect: [f64; 4]) -> Option<u32> {
    frags
        .iter()
        .filter(|f| {
            f.x >= rect[0] - 1.0 && f.x <= rect[2] && f.y >= rect[1] - 3.0 && f.y <= rect[3] + 1.0
        })
        .find_map(|f| f.text.trim().trim_end_matches('.').parse().ok())
}

/// Whether the number `n` (a superscript "n", or an endnote's "n.") is
/// drawn just below `top`.
fn number_near(frags: &[Frag], top: f64, n: u32, endnote: bool) -> bool {
    let want = if endnote {
        format!("{n}.")
    } else {
        n.to_string()
    };
    frags
        .iter()
        .any(|f| f.text.trim() == want && f.y <= top + 1.0 && f.y >= top - 40.0)
}

#[test]
fn note_references_link_to_their_endnotes_and_back() {
    let (_, pdf) = sample();
    let frags: Vec<Vec<Frag>> = (0..pdf.pages.len()).map(|p| pdf.frags(p)).collect();
    let notes_page = (0..pdf.pages.len())
        .find(|&p| pdf.page_text(p).lines().any(|l| l.trim() == "NOTES"))
        .expect("a page holds the notes");

    let mut forward = BTreeSet::new();
    let mut back = BTreeSet::new();
    for (p, page_frags) in frags.iter().enumerate() {
        for link in pdf.links(p) {
            if link.uri.is_some() {
                continue;
            }
            let (dest_page, top) = link.dest.expect("an internal link has a destination");
            let top = top.expect("the destination names a height");
            let n = number_in(page_frags, link.rect)
                .unwrap_or_else(|| panic!("link on page {} covers no number: {link:?}", p + 1));
            if dest_page == notes_page && number_near(&frags[dest_page], top, n, true) {
                forward.insert(n);
            } else {
                // A back link from endnote n lands on its first reference.
                assert_eq!(p, notes_page, "link {link:?} on page {} goes astray", p + 1);
                assert!(
                    number_near(&frags[dest_page], top, n, false),
                    "endnote {n}'s back link lands on page {} at {top}, where no reference {n} is",
                    dest_page + 1
                );
                back.insert(n);
            }
        }
    }
    let notes_text = pdf.page_text(notes_page);
    let numbered = (1..)
        .take_while(|n| notes_text.lines().any(|l| l.starts_with(&format!("{n}."))))
        .count() as u32;
    assert!(numbered >= 10, "only {numbered} endnotes found");
    let all: BTreeSet<u32> = (1..=numbered).collect();
    assert_eq!(forward, all, "every endnote is linked from a reference");
    assert_eq!(back, all, "every endnote links back to its first use");
}

#[test]
fn outline_lists_the_main_parts() {
    let (_, pdf) = sample();
    let outline = pdf.outline();
    let t = content();
    let titles: Vec<&str> = outline.iter().map(|(_, t, _)| t.as_str()).collect();
    for want in ["Summary", "Recommendations", "Notes"] {
        assert!(titles.contains(&want), "no “{want}” bookmark in {titles:?}");
    }
    for h in strings(&t, "sections", "heading") {
        assert!(titles.contains(&h), "no bookmark for section {h:?}");
    }
    let recs = strings(&t, "recommendations", "title");
    for r in &recs {
        let r = typographic(r);
        assert!(
            outline
                .iter()
                .any(|(depth, t, _)| *depth == 1 && t.ends_with(&r)),
            "no nested bookmark for recommendation {r:?}"
        );
    }
    // Each bookmark lands on the page that prints it.
    for (_, title, page) in &outline {
        let page = page.unwrap_or_else(|| panic!("bookmark {title:?} has no destination"));
        let text = pdf.page_text(page);
        let bare = title
            .split_once(". ")
            .filter(|(n, _)| n.parse::<u32>().is_ok())
            .map_or(title.as_str(), |(_, t)| t);
        assert!(
            has_phrase(&text, bare) || has_phrase(&text, &bare.to_uppercase()),
            "bookmark {title:?} points at page {}, which does not print it",
            page + 1
        );
    }
}

#[test]
fn catalog_declares_language_and_outline_view() {
    let (_, pdf) = sample();
    let cat = pdf.catalog();
    let lang = cat
        .get(b"Lang")
        .and_then(|o| o.as_str())
        .map(common::text_string)
        .ok();
    assert_eq!(lang.as_deref(), Some("en-US"));
    assert!(cat.get(b"Outlines").is_ok());
}

#[test]
fn the_binary_builds_the_same_bytes_as_the_library() {
    // Same content, same SOURCE_DATE_EPOCH, another process: same bytes.
    let (out, _) = sample();
    let dir = common::scratch("sample_binary");
    let target = dir.join("sample.pdf");
    let r = common::run_in(
        &dir,
        &[
            "build",
            common::sample_path().to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let bytes = std::fs::read(&target).expect("the PDF was written");
    assert!(bytes == out.pdf, "the two builds of the sample differ");
    assert_eq!(common::listing(&dir), vec!["sample.pdf"]);
}
