//! The language of a passage (FORMAT 1.1, #29): `[texto]{lang=es}` spans
//! and `source.language` read back from the tagged PDF (a `Span` with
//! `/Lang` holding the passage's text), the briefing's region kept in the
//! document's `/Lang`, located errors for a malformed tag or an unknown
//! attribute, hyphenation by the passage's patterns, the exports, and
//! links and note references beside spans.

mod common;

use std::collections::HashSet;

use briefing::diag::Source;
use briefing::export::{Format, Part};
use briefing::layout::paragraph::inline::{BreakKind, TextStyle, WordBuilder};
use briefing::layout::{StructRole, Tree};
use briefing::markup::{Inline, InlineStyle};
use briefing::model::{bcp47, Language};
use briefing::text::hyphenate::{self, Patterns};
use briefing::text::{Features, FontSet, Role, Shaper};
use common::a11y::Structure;
use common::{compile_as, opts, repo, sample, sample_path, tiny, Pdf};
use lopdf::Object;

/// Every element with a `/Lang`: (role, lang, text), in reading order.
fn langs(pdf: &Pdf, s: &Structure) -> Vec<(String, String, String)> {
    s.walk()
        .into_iter()
        .filter_map(|e| {
            let d = pdf.doc.get_object(s.elems[e].obj).ok()?.as_dict().ok()?;
            let lang = match d.get(b"Lang").ok()? {
                Object::String(b, _) => common::text_string(b),
                _ => return None,
            };
            Some((s.elems[e].role.clone(), lang, s.text(e)))
        })
        .collect()
}

fn build(text: &str) -> (briefing::pipeline::Output, Pdf) {
    let out = compile_as(&sample_path(), text, &opts()).unwrap_or_else(|d| {
        panic!("does not build: {:#?}", d.items);
    });
    let pdf = Pdf::load(&out.pdf);
    (out, pdf)
}

fn export(doc: &briefing::markup::Document, b: &briefing::model::Briefing, f: Format) -> String {
    String::from_utf8(briefing::export::render(doc, b, f, Part::Whole, None)).unwrap()
}

fn catalog_lang(pdf: &Pdf) -> String {
    match pdf.catalog().get(b"Lang") {
        Ok(Object::String(b, _)) => common::text_string(b),
        other => panic!("no /Lang: {other:?}"),
    }
}

#[test]
fn the_samples_spanish_titles_are_spans_with_lang_es() {
    let (_, pdf) = sample();
    let s = pdf.structure();
    let found = langs(pdf, &s);
    for title in [
        "Debate Presidencial",
        "Corrupción y Fuerza Armada",
        "Paniagua: El País Requiere una Nueva Constitución",
        "El Congreso del Perú: Un Modelo de Modernización",
    ] {
        assert!(
            found
                .iter()
                .any(|(r, l, t)| r == "Span" && l == "es" && t.trim() == title),
            "no Span /Lang es with {title:?}: {found:?}"
        );
    }
    // Brackets and attributes never print.
    let text = pdf.text();
    assert!(!text.contains("{lang"), "an attribute printed");
    assert!(!text.contains("[Debate"), "a bracket printed");
    assert_eq!(catalog_lang(pdf), "en-US");
    // Emphasis and strong are tagged, role-mapped to Span.
    let root = pdf
        .catalog()
        .get(b"StructTreeRoot")
        .ok()
        .and_then(|o| o.as_reference().ok())
        .and_then(|r| pdf.doc.get_dictionary(r).ok())
        .expect("StructTreeRoot");
    let map = root
        .get(b"RoleMap")
        .ok()
        .and_then(|o| o.as_dict().ok())
        .expect("a RoleMap");
    for r in ["Em", "Strong"] {
        assert_eq!(
            map.get(r.as_bytes()).ok().and_then(|o| o.as_name().ok()),
            Some(&b"Span"[..]),
            "{r}"
        );
    }
    assert!(s
        .of_roles(&["Em"])
        .iter()
        .any(|(_, t)| t.contains("moment of opportunity")));
}

/// The other way round: an English source title in a Spanish briefing,
/// and a passage in English in its notes; the region stays in `/Lang`.
#[test]
fn an_english_title_in_a_spanish_briefing_and_the_region_kept() {
    let text = std::fs::read_to_string(repo().join("tests/data/briefings/spanish.toml")).unwrap();
    assert!(text.contains("language = \"es-PE\""));
    let (out, pdf) = build(&text);
    assert_eq!(catalog_lang(&pdf), "es-PE", "the region is kept");
    let s = pdf.structure();
    let found = langs(&pdf, &s);
    assert!(
        found.iter().any(|(r, l, t)| r == "Span"
            && l == "en"
            && t.contains("Getting U.S.-Peru Relations Back on the Right Track")),
        "the source title is not a Span /Lang en: {found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(_, l, t)| l == "en" && t.contains("World Development Indicators 2000")),
        "the English title in the notes: {found:?}"
    );
    // Labels still Spanish.
    assert!(common::squash(&pdf.text()).contains("Resumido de"));
    // HTML keeps the region and marks the passages.
    let b = briefing::model::parse(&Source::new(sample_path(), text.clone()))
        .0
        .unwrap();
    let (doc, _) = briefing::markup::build(&b, &Source::new(sample_path(), text.clone()));
    let _ = out;
    let html = export(&doc, &b, Format::Html);
    assert!(html.contains("<html lang=\"es-PE\">"), "html lang");
    assert!(
        html.contains("<span lang=\"en\"><em>World Development Indicators 2000</em></span>"),
        "html span"
    );
}

#[test]
fn spans_in_the_exports() {
    let text = tiny(
        "[[sections]]\nheading = \"Press\"\ntext = \"\"\"\nSee \"[El País Requiere una Nueva Constitución]{lang=es},\" *[Diario Gestión]{lang=es}*.[^g]\n\"\"\"\n[notes]\ng = \"A note.\"\n",
    );
    let src = Source::new(sample_path(), text.clone());
    let b = briefing::model::parse(&src).0.unwrap();
    let (doc, d) = briefing::markup::build(&b, &src);
    assert!(!d.has_errors(), "{:?}", d.items);
    let html = export(&doc, &b, Format::Html);
    assert!(
        html.contains("<span lang=\"es\">El País Requiere una Nueva Constitución</span>"),
        "{html}"
    );
    let md = export(&doc, &b, Format::Markdown);
    assert!(
        md.contains("[El País Requiere una Nueva Constitución]{lang=es}"),
        "{md}"
    );
    assert!(md.contains("[*Diario Gestión*]{lang=es}"), "{md}");
    let txt = export(&doc, &b, Format::Text);
    assert!(
        txt.contains("“El País Requiere una Nueva Constitución,”"),
        "{txt}"
    );
    assert!(!txt.contains("lang="), "{txt}");
    // Word: the passage's runs carry their language.
    let docx = briefing::export::render(&doc, &b, Format::Docx, Part::Whole, Some(997660800));
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a ZIP archive");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    let at = xml
        .find("El País Requiere")
        .expect("the passage in the DOCX");
    let run = &xml[xml[..at].rfind("<w:r>").unwrap()..at];
    assert!(run.contains("<w:lang w:val=\"es\"/>"), "{run}");
}

/// A span in a heading (a one-line field) is a Span in its H2.
#[test]
fn a_span_in_a_heading() {
    let text =
        tiny("[[sections]]\nheading = \"The [Vladivideos]{lang=es} affair\"\ntext = \"Text.\"\n");
    let (_, pdf) = build(&text);
    let s = pdf.structure();
    let h2 = s
        .of_roles(&["H2"])
        .into_iter()
        .find(|(_, t)| t.contains("affair"))
        .expect("the heading");
    assert_eq!(h2.1.trim(), "The Vladivideos affair");
    let found = langs(&pdf, &s);
    assert!(
        found
            .iter()
            .any(|(r, l, t)| r == "Span" && l == "es" && t.trim() == "Vladivideos"),
        "{found:?}"
    );
}

/// A malformed tag and an unknown attribute are errors at their place.
#[test]
fn a_malformed_tag_and_an_unknown_attribute_are_located() {
    for (field, code, at, hint) in [
        (
            "Read [El País]{lang=es_PE} today.",
            "E0035",
            "es_PE",
            "`{lang=es-PE}`",
        ),
        (
            "Read [El País]{lang=Spanish} today.",
            "E0035",
            "Spanish",
            "`{lang=es}`",
        ),
        (
            "Read [El País]{lang=es-PE-US} today.",
            "E0035",
            "US",
            "BCP 47",
        ),
        (
            "Read [El País]{.smallcaps} today.",
            "E0036",
            ".smallcaps",
            "{lang=es}",
        ),
        (
            "Read [El País]{language=es} today.",
            "E0036",
            "language=es",
            "did you mean `lang`",
        ),
        ("Read [El País]{lang=es today.", "E0036", "{", "close"),
    ] {
        let text = tiny(&format!(
            "[[sections]]\nheading = \"H\"\ntext = \"{field}\"\n"
        ));
        let src = Source::new(sample_path(), text.clone());
        let d = briefing::pipeline::diagnose(&src, &opts());
        let errs: Vec<_> = d.errors().collect();
        assert_eq!(errs.len(), 1, "{field}: {errs:?}");
        let e = errs[0];
        assert_eq!(e.code, code, "{field}: {e:?}");
        let span = e.span.clone().expect("located");
        assert_eq!(
            &text[span.start..span.start + at.len()],
            at,
            "{field}: {e:?}"
        );
        let help = format!(
            "{} {}",
            e.label.as_deref().unwrap_or(""),
            e.help.as_deref().unwrap_or("")
        );
        assert!(help.contains(hint), "{field}: {help}");
        let (line, col) = (src.line_col(span.start).line, src.line_col(span.start).col);
        assert_eq!(line, 6, "{field}");
        let chars = field[..field.find(at).unwrap()].chars().count();
        assert_eq!(col, 9 + chars, "{field}");
    }
    // `source.language` is checked the same way.
    let text = tiny("[source]\ntitle = \"Getting Back on Track\"\nlanguage = \"english\"\n");
    let d = briefing::pipeline::diagnose(&Source::new(sample_path(), text), &opts());
    let e = d.errors().next().expect("an error");
    assert_eq!(e.code, "E0035");
    assert!(
        e.help
            .as_deref()
            .unwrap_or("")
            .contains("`language = \"en-US\"`"),
        "{e:?}"
    );
}

/// Links, note references and literal brackets beside spans still work.
#[test]
fn links_and_note_refs_beside_spans() {
    let text = tiny(
        "[[sections]]\nheading = \"H\"\ntext = \"\"\"\nSee [the report](https://example.org/r) and [[El Comercio](https://elcomercio.pe)]{lang=es}[^a], a [sic] note [^b], [*an emphasised link*](https://example.org/e) and \\\\[not]{a span}.\n\"\"\"\n[notes]\na = \"First.\"\nb = \"Second, [Quehacer]{lang=es}.\"\n",
    );
    let (_, pdf) = build(&text);
    let s = pdf.structure();
    let links = s.of_roles(&["Link"]);
    let texts: Vec<&str> = links.iter().map(|(_, t)| t.trim()).collect();
    assert!(texts.contains(&"the report"), "{texts:?}");
    assert!(texts.contains(&"El Comercio"), "{texts:?}");
    // A link whose text is emphasised holds its Em, and its annotation
    // is described by that text (assert_accessible: never empty).
    assert!(texts.contains(&"an emphasised link"), "{texts:?}");
    // Two note references, linked, numbered 1 and 2.
    assert!(texts.contains(&"1") && texts.contains(&"2"), "{texts:?}");
    let found = langs(&pdf, &s);
    assert!(
        found
            .iter()
            .any(|(r, l, t)| r == "Span" && l == "es" && t.trim() == "El Comercio"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(_, l, t)| l == "es" && t.trim() == "Quehacer"),
        "{found:?}"
    );
    let all = pdf.text();
    let squashed = common::squash(&all);
    assert!(squashed.contains("a [sic] note"), "{squashed}");
    assert!(squashed.contains("[not]{a span}"), "{squashed}");
    // The link annotations lead to their Link elements (assert_accessible
    // checks each); both URIs are there.
    let uris: HashSet<String> = (0..pdf.pages.len())
        .flat_map(|p| pdf.links(p))
        .filter_map(|l| l.uri)
        .collect();
    assert!(
        uris.contains("https://example.org/r") && uris.contains("https://elcomercio.pe"),
        "{uris:?}"
    );
}

/// The hyphenation points of one word set in `style`.
fn hyphen_points(shaper: &Shaper, word: &str, style: InlineStyle) -> Vec<usize> {
    let mut tree = Tree::new();
    let node = tree.add(StructRole::P, Tree::ROOT);
    let mut seen = HashSet::new();
    let ts = TextStyle {
        role: Role::Body,
        size: 10.0,
        color: briefing::model::Rgb(0, 0, 0),
        bold: false,
        italic: false,
        features: Features::Text,
        link_color: briefing::model::Rgb(0, 0, 0),
    };
    let words = WordBuilder {
        shaper,
        lang: Language::EnUs,
        seen_notes: &mut seen,
        tree: &mut tree,
        node,
    }
    .words(
        &[Inline::Text {
            text: word.into(),
            style,
            link: None,
        }],
        &ts,
    );
    assert_eq!(words.len(), 1);
    words[0]
        .hyphen_breaks()
        .into_iter()
        .filter(|b| b.kind == BreakKind::Hyphen)
        .map(|b| b.at)
        .collect()
}

/// A long Spanish word in an English paragraph breaks by Spanish
/// patterns; in a language without patterns, not at all.
#[test]
fn hyphenation_follows_the_passages_language() {
    let b = briefing::model::parse(&Source::new(sample_path(), tiny("")))
        .0
        .unwrap();
    let fonts = FontSet::load(&b.style).expect("bundled fonts");
    let shaper = Shaper::new(&fonts);
    let word = "constitucionalidad";
    let es = InlineStyle {
        lang: Some(bcp47::parse("es-PE").unwrap()),
        ..Default::default()
    };
    let spanish = hyphenate::breaks_with(word, Patterns::Spanish);
    let english = hyphenate::breaks(word, Language::EnUs);
    assert!(!spanish.is_empty());
    assert_ne!(
        spanish, english,
        "pick a word the two languages break apart"
    );
    assert_eq!(hyphen_points(&shaper, word, es), spanish);
    assert_eq!(
        hyphen_points(&shaper, word, InlineStyle::default()),
        english
    );
    let quechua = InlineStyle {
        lang: Some(bcp47::parse("qu").unwrap()),
        ..Default::default()
    };
    assert!(hyphen_points(&shaper, "runasimipi-kunaqa", quechua).is_empty());
    assert!(hyphen_points(&shaper, "constitucionalidad", quechua).is_empty());

    // And in a whole narrow paragraph, every hyphen the span's words take
    // is at a Spanish point.
    let words = "constitucionalidad inconstitucionalmente descentralización responsabilidades ";
    let text = tiny(&format!(
        "[[sections]]\nheading = \"H\"\ntext = \"The ruling on [{}]{{lang=es}} was read.\"\n[style]\ncolumns = 2\nbase_size = 14\n",
        words.repeat(6).trim()
    ));
    let (out, _) = build(&text);
    let mut checked = 0;
    for page in &out.laid.pages {
        let runs: Vec<_> = page
            .items
            .iter()
            .filter_map(|it| match it {
                briefing::layout::Item::Text(r) => Some(r),
                _ => None,
            })
            .collect();
        for (i, r) in runs.iter().enumerate() {
            let t: String = r.glyphs.iter().map(|g| g.text.as_str()).collect();
            if t != "-" || i == 0 || r.tag != briefing::layout::Tag::LAYOUT {
                continue;
            }
            // The word's pieces before the hyphen, drawn edge to edge.
            let mut part = String::new();
            let mut j = i;
            while j > 0 {
                let (p, q) = (runs[j - 1], runs[j]);
                if (p.y - q.y).abs() > 0.1 || (p.x + p.width - q.x).abs() > 0.5 {
                    break;
                }
                let t: String = p.glyphs.iter().map(|g| g.text.as_str()).collect();
                part.insert_str(0, &t);
                j -= 1;
            }
            let part = part.split(' ').next_back().unwrap_or("").to_string();
            let whole = words
                .split(' ')
                .find(|w| !part.is_empty() && w.starts_with(&part))
                .unwrap_or_else(|| panic!("{part:?} is no word of the span"));
            assert!(
                hyphenate::breaks_with(whole, Patterns::Spanish).contains(&part.len()),
                "{whole} broke after {part:?}, not a Spanish point"
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "no word of the span was hyphenated");
}

/// A plain field (the running header's short title) prints a span's words
/// without its brackets; a fault in one is located like any other.
#[test]
fn plain_fields_print_a_spans_words() {
    let text = format!(
        "short_title = \"The [Vladivideos]{{lang=es}}\"\n{}",
        tiny("")
    );
    let src = Source::new(sample_path(), text.clone());
    let b = briefing::model::parse(&src).0.unwrap();
    let (doc, d) = briefing::markup::build(&b, &src);
    assert!(!d.has_errors(), "{:?}", d.items);
    assert_eq!(doc.short_title.as_deref(), Some("The Vladivideos"));
    let bad = format!(
        "short_title = \"The [Vladivideos]{{lang=e_s}}\"\n{}",
        tiny("")
    );
    let d = briefing::pipeline::diagnose(&Source::new(sample_path(), bad.clone()), &opts());
    let e = d.errors().next().expect("an error");
    assert_eq!(e.code, "E0035");
    assert_eq!(&bad[e.span.clone().unwrap()], "e_s");
}
