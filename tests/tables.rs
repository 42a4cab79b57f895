//! Pipe tables (FORMAT 1.1, "Tables in text"), built and read back: the
//! cells in reading order, the caption numbered in the language, the
//! header and a "(continued)" line on every page a long table reaches, no
//! header left alone at a page foot, numbers aligned on their right edges,
//! the structure tree a screen reader walks (Table, Caption, THead,
//! TBody, TR, TH with /Scope and IDs, TD with /Headers), every new error
//! and warning at its line and column, and hostile tables that end in a
//! PDF or a clear error.

mod common;

use briefing::diag::{Diagnostics, Source};
use briefing::pipeline::{self, Output};
use common::*;
use lopdf::Object;

fn build(text: &str) -> Output {
    match compile_as(std::path::Path::new("tables.toml"), text, &opts()) {
        Ok(o) => o,
        Err(d) => panic!("does not build: {:#?}", d.items),
    }
}

fn fails(text: &str) -> (Source, Diagnostics) {
    let source = Source::new("tables.toml", text);
    match pipeline::compile(&source, &opts()) {
        Ok(_) => panic!("builds, but should not"),
        Err(d) => (source, d),
    }
}

/// A briefing with one section whose text is `text`.
fn with_section(text: &str) -> String {
    tiny(&format!(
        "[[sections]]\nheading = \"Data\"\ntext = \"\"\"\n{text}\n\"\"\"\n"
    ))
}

/// A table of `n` rows: a label column, a number column, a text column.
fn rows_table(n: usize) -> String {
    let mut t = String::from("| Region | Value | Remark |\n|---|---|---|\n");
    for i in 1..=n {
        t.push_str(&format!(
            "| Region {i} | {}.{} | remark on row {i} |\n",
            i * 37 % 1000,
            i % 10
        ));
    }
    t.push_str("\nTable: Values by region\n");
    t
}

const ECONOMY: &str = "| Indicator | Share |\n|---|---|\n| Poverty | 49% |\n| Inflation | 3% |\n| Unemployment | 7.7% |\n| External debt | 62.5% |\n\nTable: The economy in 2001";

#[test]
fn cells_are_read_in_order_with_their_header_cells() {
    let out = build(&with_section(&format!("Before the table.\n\n{ECONOMY}")));
    let pdf = Pdf::load(&out.pdf);
    let s = pdf.structure();
    let cells: Vec<String> = s
        .of_roles(&["TH", "TD"])
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        cells,
        [
            "Indicator",
            "Share",
            "Poverty",
            "49%",
            "Inflation",
            "3%",
            "Unemployment",
            "7.7%",
            "External debt",
            "62.5%"
        ]
    );
    // Table, with its caption first, then THead and TBody of rows.
    let table = s
        .walk()
        .into_iter()
        .find(|&e| s.elems[e].role == "Table")
        .expect("a Table element");
    let kids: Vec<&str> = s.elems[table]
        .kids
        .iter()
        .filter_map(|k| match k {
            common::a11y::Kid::Elem(e) => Some(s.elems[*e].role.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(kids, ["Caption", "THead", "TBody"]);
    let caption = s.of_roles(&["Caption"]);
    assert_eq!(caption[0].1, "Table 1. The economy in 2001");
    // Header cells: a scope and an ID; data cells name their headers.
    let attr = |e: usize, key: &[u8]| {
        s.elems[e]
            .attrs
            .as_ref()
            .and_then(|a| a.get(key).ok().cloned())
    };
    let mut ids = Vec::new();
    let mut rows_headed = 0;
    for e in s.walk() {
        match s.elems[e].role.as_str() {
            "TH" => {
                let scope = attr(e, b"Scope").and_then(|o| o.as_name().ok().map(|n| n.to_vec()));
                assert!(
                    scope == Some(b"Column".to_vec()) || scope == Some(b"Row".to_vec()),
                    "a TH without a scope"
                );
                if scope == Some(b"Row".to_vec()) {
                    rows_headed += 1;
                }
                ids.push(s.elems[e].id.clone().expect("a TH has an ID"));
            }
            "TD" => {
                let Some(Object::Array(h)) = attr(e, b"Headers") else {
                    panic!("a TD without /Headers");
                };
                assert_eq!(h.len(), 2, "its column header and its row header");
                for id in h {
                    let id = text_string(id.as_str().unwrap());
                    assert!(ids.contains(&id), "/Headers names {id}, no TH before it");
                }
            }
            _ => {}
        }
    }
    assert_eq!(rows_headed, 4, "the label column's cells head their rows");
}

#[test]
fn a_long_table_repeats_its_header_under_a_continued_line() {
    let out = build(&with_section(&format!("Before.\n\n{}", rows_table(150))));
    let pdf = Pdf::load(&out.pdf);
    assert!(out.pages >= 3, "{} pages", out.pages);
    let mut reached = 0;
    let mut last_row = 0;
    for p in 0..out.pages {
        let frags = pdf.frags(p);
        let rows: Vec<usize> = frags
            .iter()
            .filter_map(|f| f.text.trim().strip_prefix("Region ")?.parse().ok())
            .collect();
        if rows.is_empty() {
            continue;
        }
        // Rows in order, none lost, none twice.
        assert_eq!(rows[0], last_row + 1, "page {}", p + 1);
        for w in rows.windows(2) {
            assert_eq!(w[1], w[0] + 1);
        }
        last_row = *rows.last().unwrap();
        let header: Vec<&Frag> = frags.iter().filter(|f| f.text.trim() == "Region").collect();
        assert_eq!(header.len(), 1, "page {}: the header once", p + 1);
        let first_row_y = frags
            .iter()
            .find(|f| f.text.trim() == format!("Region {}", rows[0]))
            .unwrap()
            .y;
        assert!(
            header[0].y > first_row_y,
            "the header above the rows (PDF y up)"
        );
        if reached > 0 {
            let cont: Vec<&Frag> = frags
                .iter()
                .filter(|f| f.text.contains("Table 1 (continued)"))
                .collect();
            assert_eq!(cont.len(), 1, "page {}: a (continued) line", p + 1);
            assert!(cont[0].y > header[0].y);
            // Both are artifacts: the header is heard once.
            assert!(cont[0].mark.artifact.is_some());
            assert!(header[0].mark.artifact.is_some());
        } else {
            assert!(header[0].mark.artifact.is_none());
        }
        reached += 1;
    }
    assert_eq!(last_row, 150);
    assert!(reached >= 3);
    let s = pdf.structure();
    assert_eq!(s.of_roles(&["THead"]).len(), 1);
    assert_eq!(s.of_roles(&["TR"]).len(), 151);
    assert_eq!(s.of_roles(&["Caption"]).len(), 1);
    assert!(!pdf.text().is_empty());
}

#[test]
fn a_header_is_never_alone_at_a_page_foot() {
    // Filler of every length moves the table's start down the page.
    let para = "Filler words that fill the page before the table starts somewhere low. ";
    for k in (20..80).step_by(3) {
        let filler = para.repeat(k);
        let out = build(&with_section(&format!("{filler}\n\n{}", rows_table(12))));
        let pdf = Pdf::load(&out.pdf);
        for p in 0..out.pages {
            let frags = pdf.frags(p);
            let has_caption = frags.iter().any(|f| f.text.contains("Table 1."));
            let header = frags.iter().any(|f| f.text.trim() == "Region");
            let rows = frags
                .iter()
                .filter(|f| f.text.trim().starts_with("Region "))
                .count();
            if has_caption {
                assert!(header, "filler {k}: the caption with its header");
            }
            if header {
                assert!(
                    rows >= 2,
                    "filler {k}, page {}: a header with {rows} rows",
                    p + 1
                );
            }
        }
    }
}

#[test]
fn a_short_table_does_not_break() {
    let para = "Filler words that fill the page before the table starts somewhere low. ";
    for k in (30..80).step_by(4) {
        let filler = para.repeat(k);
        let out = build(&with_section(&format!("{filler}\n\n{}", rows_table(3))));
        let pdf = Pdf::load(&out.pdf);
        let pages: Vec<usize> = (0..out.pages)
            .filter(|&p| pdf.frags(p).iter().any(|f| f.text.contains("Region")))
            .collect();
        assert_eq!(pages.len(), 1, "filler {k}: on pages {pages:?}");
    }
}

#[test]
fn numbers_align_on_their_right_edges() {
    let table = "| Item | Amount | Share |\n|---|---|---|\n| Total | 104 | 100.0 |\n| Health | 30 | 28.8 |\n| Food | 30 | 28.8 |\n| Other | 44 | 42.3 |\n| Ones | 111 | 11.1 |\n| Eights | 888 | 88.8 |";
    let out = build(&with_section(table));
    let pdf = Pdf::load(&out.pdf);
    let frags = pdf.frags(0);
    let edges = |texts: &[&str]| -> Vec<f64> {
        texts
            .iter()
            .map(|t| {
                frags
                    .iter()
                    .find(|f| f.text.trim() == *t)
                    .unwrap_or_else(|| panic!("{t} drawn"))
                    .end_x
            })
            .collect()
    };
    for col in [&["104", "30", "44"][..], &["100.0", "28.8", "42.3"]] {
        let e = edges(col);
        let (lo, hi) = e
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(*x), b.max(*x)));
        assert!(hi - lo <= 0.3, "{col:?} right edges {e:?}");
    }
    // The header over them ends where they do.
    let amount = edges(&["Amount"])[0];
    assert!((amount - edges(&["104"])[0]).abs() <= 0.3);
    // Tabular figures: "111" is as wide as "888" (proportional ones are
    // narrower), in the face's lining figures.
    let width = |t: &str| {
        let f = frags.iter().find(|f| f.text.trim() == t).unwrap();
        f.end_x - f.x
    };
    assert!((width("111") - width("888")).abs() < 0.01);
    assert!((width("11.1") - width("88.8")).abs() < 0.01);
}

#[test]
fn a_mixed_column_aligns_on_its_decimal_separator() {
    let out = build(&with_section(ECONOMY));
    let pdf = Pdf::load(&out.pdf);
    let frags = pdf.frags(0);
    let f = |t: &str| frags.iter().find(|f| f.text.trim() == t).unwrap().clone();
    // "7.7%" and "62.5%" end together; "49%" and "3%" stop short by the
    // width of a decimal and its figure.
    let (a, b, c, d) = (f("7.7%"), f("62.5%"), f("49%"), f("3%"));
    assert!((a.end_x - b.end_x).abs() <= 0.3);
    assert!((c.end_x - d.end_x).abs() <= 0.3);
    assert!(c.end_x < b.end_x - 1.0);
}

#[test]
fn tables_are_numbered_in_reading_order_in_the_language() {
    let two = format!("{ECONOMY}\n\nBetween.\n\n{ECONOMY}");
    let text = format!(
        "{}[[recommendations]]\ntitle = \"Act\"\ntext = \"\"\"\n{ECONOMY}\n\"\"\"\n",
        with_section(&two)
    );
    let out = build(&text);
    let s = Pdf::load(&out.pdf).structure();
    let captions: Vec<String> = s.of_roles(&["Caption"]).into_iter().map(|c| c.1).collect();
    assert_eq!(
        captions,
        [
            "Table 1. The economy in 2001",
            "Table 2. The economy in 2001",
            "Table 3. The economy in 2001"
        ]
    );
    let es = format!("language = \"es\"\n{}", with_section(ECONOMY));
    let s = Pdf::load(&build(&es).pdf).structure();
    assert_eq!(
        s.of_roles(&["Caption"])[0].1,
        "Cuadro 1. The economy in 2001"
    );
}

/// The code, line and column of every diagnostic.
fn codes(source: &Source, d: &Diagnostics) -> Vec<(String, usize, usize)> {
    d.items
        .iter()
        .map(|e| {
            let (code, _, at) = located(source, e);
            let (l, c) = at.unwrap_or_else(|| panic!("{code} is located"));
            (code, l, c)
        })
        .collect()
}

#[test]
fn each_table_error_names_its_line_and_column() {
    // Lines: 1 title, 2 [summary], 3 text, 4 [[sections]], 5 heading,
    // 6 text = """, 7 the section's first line.
    let no_delim = with_section("| a | b |\n| 1 | 2 |");
    let (src, d) = fails(&no_delim);
    assert_eq!(codes(&src, &d), [("E0023".into(), 7, 1)]);
    assert!(d.items[0].message.contains("delimiter row"));

    let in_summary =
        "title = \"T\"\n[summary]\ntext = \"\"\"\n| a | b |\n|---|---|\n| 1 | 2 |\n\"\"\"\n";
    let (src, d) = fails(in_summary);
    assert_eq!(codes(&src, &d), [("E0007".into(), 4, 1)]);
    assert!(d.items[0].help.iter().any(|h| h.contains("sections.text")));

    let words: Vec<String> = (0..12)
        .map(|i| format!("Extraordinarilylongheading{i}"))
        .collect();
    let wide = format!(
        "Text first.\n\n| {} |\n|{}\n| {} |",
        words.join(" | "),
        "---|".repeat(12),
        ["1"; 12].join(" | ")
    );
    let (src, d) = fails(&with_section(&wide));
    assert_eq!(codes(&src, &d), [("E0024".into(), 9, 1)]);
    assert!(
        d.items[0].message.contains("Table 1"),
        "{}",
        d.items[0].message
    );
    assert!(d.items[0].message.contains("widest"));

    let tall = format!(
        "| Topic | Text |\n|---|---|\n| short | one |\n| long | {} |",
        "word ".repeat(6000)
    );
    let (src, d) = fails(&with_section(&tall));
    assert_eq!(codes(&src, &d), [("E0025".into(), 10, 1)]);
    assert!(
        d.items[0].message.contains("row 2 of Table 1"),
        "{}",
        d.items[0].message
    );
}

#[test]
fn a_ragged_row_is_a_located_warning() {
    let text =
        with_section("| a | b | c |\n|---|---|---|\n| 1 | 2 |\n| 1 | 2 | 3 | 4 |\n| x | y | z |");
    let source = Source::new("tables.toml", text.as_str());
    let out = pipeline::compile(&source, &opts()).expect("builds");
    let w = codes(&source, &out.diagnostics);
    assert_eq!(w, [("W0012".into(), 9, 1), ("W0012".into(), 10, 1)]);
    assert!(out.diagnostics.items[0].message.contains("padded"));
    assert!(out.diagnostics.items[1].message.contains("dropped"));
    // The short row's missing cell is an empty cell, an element still.
    let s = Pdf::load(&out.pdf).structure();
    assert_eq!(s.of_roles(&["TD", "TH"]).len(), 12);
}

#[test]
fn hostile_tables_end_in_a_pdf_or_a_clear_error() {
    let run = |what: &str, text: String| {
        let r = pipeline::compile(&Source::new("hostile.toml", text.as_str()), &opts());
        match &r {
            Ok(o) => assert!(o.pdf.starts_with(b"%PDF-"), "{what}"),
            Err(d) => {
                assert!(d.has_errors(), "{what}");
                assert!(
                    d.items.iter().all(|e| !e.is_error() || e.span.is_some()),
                    "{what}"
                );
            }
        }
        r
    };
    // 500 columns: too wide, said once; written without spaces, the
    // delimiter row is a word longer than any a briefing allows.
    let cols = 500;
    let wide = |delim: &str| {
        format!(
            "| {} |\n|{}\n| {} |",
            vec!["h"; cols].join(" | "),
            delim.repeat(cols),
            vec!["1"; cols].join(" | ")
        )
    };
    let d = run("500 columns", with_section(&wide(" --- |"))).expect_err("too wide");
    assert_eq!(d.items.iter().filter(|e| e.code == "E0024").count(), 1);
    let d = run("500 columns", with_section(&wide("---|"))).expect_err("too wide");
    assert_eq!(d.items.iter().filter(|e| e.is_error()).count(), 1);
    // Ragged rows and empty cells.
    let ragged = "| a | b |\n|---|---|\n| | |\n| 1 |\n| 1 | 2 | 3 | 4 | 5 |\n|  | x |";
    assert!(run("ragged", with_section(ragged)).is_ok());
    let empty = "| | |\n|---|---|\n| | |\n| | |";
    assert!(run("empty", with_section(empty)).is_ok());
    // A 10,000-character cell: one word is too wide, words a tall row.
    let word = format!("| a | b |\n|---|---|\n| x | {} |", "y".repeat(10_000));
    assert!(run("a 10,000-character word", with_section(&word)).is_err());
    let words = format!("| a | b |\n|---|---|\n| x | {} |", "word ".repeat(2_000));
    let _ = run("a 10,000-character cell", with_section(&words));
    // 10,000 rows: a PDF.
    let r = run("10,000 rows", with_section(&rows_table(10_000)));
    assert!(r.expect("10,000 rows build").pages > 100);
}

#[test]
fn a_caption_with_no_table_is_a_located_warning() {
    let text = with_section("Table: a caption of nothing\n\nText.");
    let source = Source::new("tables.toml", text.as_str());
    let out = pipeline::compile(&source, &opts()).expect("builds");
    assert_eq!(codes(&source, &out.diagnostics), [("W0013".into(), 7, 1)]);
    // A table's own caption is no warning.
    let source = Source::new("tables.toml", with_section(ECONOMY));
    let out = pipeline::compile(&source, &opts()).expect("builds");
    assert!(
        out.diagnostics.items.is_empty(),
        "{:?}",
        out.diagnostics.items
    );
}

/// In two columns, a narrow table keeps to its column (and repeats its
/// header at the top of the next one); a table too wide for a column
/// spans the page.
#[test]
fn in_two_columns_a_table_takes_its_column_or_the_page() {
    let filler = "Words that fill the column before the table starts. ".repeat(20);
    let narrow = "| Region | Value |\n|---|---|\n".to_string()
        + &(1..=70)
            .map(|i| format!("| Place {i} | {i}.5 |\n"))
            .collect::<String>();
    let heads: Vec<String> = (1..=7).map(|i| format!("Heading{i}")).collect();
    let cells: Vec<String> = (1..=7).map(|i| format!("value{i}")).collect();
    let wide = format!(
        "| {} |\n|{}\n| {} |\n| {} |\n\nTable: Wide",
        heads.join(" | "),
        "---|".repeat(7),
        cells.join(" | "),
        cells.join(" | ")
    );
    let text = tiny(&format!(
        "[[sections]]\nheading = \"Narrow\"\ntext = \"\"\"\n{filler}\n\n{narrow}\nTable: Narrow\n\"\"\"\n[[sections]]\nheading = \"Wide\"\ntext = \"\"\"\n{filler}\n\n{wide}\n\n{filler}\n\"\"\"\n[style]\ncolumns = 2\n"
    ));
    let out = build(&text);
    let pdf = Pdf::load(&out.pdf);
    let geometry_mid = pdf.page_size(0).0 / 2.0;
    let mut continued_in_right_column = false;
    let mut wide_spans = false;
    for p in 0..out.pages {
        let frags = pdf.frags(p);
        for f in &frags {
            let t = f.text.trim();
            if t.starts_with("Place ") {
                let value = frags
                    .iter()
                    .find(|g| (g.y - f.y).abs() < 0.5 && g.x > f.x && g.text.trim().ends_with(".5"))
                    .expect("its value on its line");
                assert!(
                    (f.x < geometry_mid) == (value.end_x < geometry_mid),
                    "a narrow table's row stays in one column"
                );
            }
            if t.contains("Table 1 (continued)") && f.x > geometry_mid {
                continued_in_right_column = true;
            }
            if t == "Heading7" {
                let first = frags.iter().find(|g| g.text.trim() == "Heading1").unwrap();
                wide_spans = first.x < geometry_mid && f.x > geometry_mid;
            }
        }
    }
    assert!(
        continued_in_right_column,
        "the header repeats atop the next column"
    );
    assert!(wide_spans, "the wide table spans both columns");
}

#[test]
fn the_exports_keep_the_table() {
    use briefing::export::{render, Format, Part};
    let text = with_section(ECONOMY);
    let source = Source::new("tables.toml", text.as_str());
    let b = briefing::model::parse(&source).0.expect("parses");
    let (doc, _) = briefing::markup::build(&b, &source);
    let get = |f: Format| String::from_utf8(render(&doc, &b, f, Part::Whole, None)).unwrap();
    let md = get(Format::Markdown);
    assert!(
        md.contains("| Indicator | Share |\n| --- | ---: |\n| Poverty | 49% |"),
        "{md}"
    );
    assert!(md.contains("\nTable: The economy in 2001\n"), "{md}");
    let txt = get(Format::Text);
    assert!(txt.contains("Table 1. The economy in 2001"), "{txt}");
    let lines: Vec<&str> = txt.lines().filter(|l| l.contains('%')).collect();
    let ends: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    assert!(
        ends.len() == 4 && ends.iter().all(|e| *e == ends[0]),
        "{lines:?}"
    );
    let html = get(Format::Html);
    for part in [
        "<caption",
        "<strong>Table 1.</strong> The economy in 2001</caption>",
        "<thead><tr><th scope=\"col\"",
        "<th scope=\"row\"",
        ">62.5%</td>",
    ] {
        assert!(html.contains(part), "{part}");
    }
    let docx = render(&doc, &b, Format::Docx, Part::Whole, Some(997_660_800));
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a ZIP");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    let x = roxmltree::Document::parse(&xml).expect("well-formed");
    let tables: Vec<_> = x
        .descendants()
        .filter(|n| n.tag_name().name() == "tbl")
        .collect();
    assert_eq!(tables.len(), 1);
    let rows: Vec<_> = tables[0]
        .children()
        .filter(|n| n.tag_name().name() == "tr")
        .collect();
    assert_eq!(rows.len(), 5);
    assert!(rows[0]
        .descendants()
        .any(|n| n.tag_name().name() == "tblHeader"));
    assert!(xml.contains("w:val=\"Caption\""));
}

#[test]
fn a_table_in_a_one_line_field_is_refused_and_a_caption_may_follow_its_rows() {
    let text = "title = \"T\"\n[summary]\nbottom_line = \"\"\"\n| a | b |\n|---|---|\n| 1 | 2 |\"\"\"\ntext = \"S.\"\n";
    let (src, d) = fails(text);
    assert_eq!(codes(&src, &d), [("E0007".into(), 5, 1)]);
    // `Table:` on the line right under the rows (no blank line) is the
    // caption still, not a row of one cell.
    let out = build(&with_section(
        "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\nTable: Right under",
    ));
    let s = Pdf::load(&out.pdf).structure();
    assert_eq!(s.of_roles(&["Caption"])[0].1, "Table 1. Right under");
    assert_eq!(s.of_roles(&["TR"]).len(), 3);
    assert!(
        out.diagnostics.items.is_empty(),
        "{:?}",
        out.diagnostics.items
    );
}

/// The number columns' digits are the heading face's tabular lining
/// figures, as the shaper gives them with `tnum` and `lnum`; the face has
/// them (its proportional figures differ).
#[test]
fn number_cells_are_set_in_tabular_lining_figures() {
    use briefing::layout::Item;
    use briefing::text::{Features, FontSet, Role, Shaper};
    let table = "| Item | Amount |\n|---|---|\n| Ones | 1110 |\n| Sevens | 7770 |";
    let text = with_section(table);
    let out = build(&text);
    let b = briefing::model::parse(&Source::new("tables.toml", text.as_str()))
        .0
        .unwrap();
    let fonts = FontSet::load(&b.style).unwrap();
    let shaper = Shaper::new(&fonts);
    let face = fonts.face(Role::Heading, false, false);
    let ids = |f: Features| -> Vec<u16> {
        shaper
            .shape(face, f, "1110")
            .glyphs
            .iter()
            .map(|g| g.id)
            .collect()
    };
    let (tabular, proportional) = (ids(Features::Tabular), ids(Features::Text));
    assert_ne!(tabular, proportional, "the face has tabular figures apart");
    let drawn: Vec<u16> = out.laid.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(r)
                if r.glyphs.iter().map(|g| g.text.as_str()).collect::<String>() == "1110" =>
            {
                Some(r.glyphs.iter().map(|g| g.id).collect::<Vec<u16>>())
            }
            _ => None,
        })
        .next()
        .expect("the cell 1110 drawn as one run");
    assert_eq!(drawn, tabular);
}
