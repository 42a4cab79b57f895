//! Link annotations: markdown links and autolinks become URI links over
//! their text; note references become internal links to the endnote.

mod common;

use common::{compile_as, opts, Frag, Pdf};

const DOC: &str = r#"title = "Links"

[source]
title = "The condensed report"
url = "https://example.org/source-report"

[summary]
text = """
Read [the full report](https://example.org/full-report) for the details,
or see <https://example.org/autolink> instead.[^data]
"""

[notes]
data = "Figures from [the data portal](https://example.org/data-portal)."
"#;

/// Text drawn inside a rectangle (generously: a glyph's origin may sit on
/// the rectangle's edge).
fn text_in(frags: &[Frag], r: [f64; 4]) -> String {
    frags
        .iter()
        .filter(|f| f.y >= r[1] - 3.0 && f.y <= r[3] + 1.0 && f.end_x > r[0] && f.x < r[2])
        .map(|f| f.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn built() -> Pdf {
    let out = compile_as(std::path::Path::new("links.toml"), DOC, &opts())
        .unwrap_or_else(|d| panic!("links.toml fails: {:?}", d.items));
    Pdf::load(&out.pdf)
}

#[test]
fn markdown_links_become_uri_annotations_over_their_text() {
    let pdf = built();
    let mut found = Vec::new();
    for p in 0..pdf.pages.len() {
        let frags = pdf.frags(p);
        for link in pdf.links(p) {
            if let Some(uri) = link.uri {
                let [x0, y0, x1, y1] = link.rect;
                assert!(x1 > x0 && y1 > y0, "empty link rectangle for {uri}");
                let under = text_in(&frags, link.rect);
                found.push((uri, under));
            }
        }
    }
    let covers = |uri: &str, word: &str| {
        found
            .iter()
            .any(|(u, under)| u == uri && under.contains(word))
    };
    assert!(
        covers("https://example.org/full-report", "report"),
        "no link to the full report over its text: {found:?}"
    );
    assert!(
        covers("https://example.org/autolink", "example.org"),
        "no autolink: {found:?}"
    );
    assert!(
        covers("https://example.org/data-portal", "portal"),
        "no link in the endnote: {found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(u, _)| u == "https://example.org/source-report"),
        "the source credit's url is not a link: {found:?}"
    );
    // No link goes anywhere the content did not name.
    for (u, _) in &found {
        assert!(
            u.starts_with("https://example.org/"),
            "unexpected link target {u}"
        );
    }
}

#[test]
fn a_note_reference_links_to_its_endnote() {
    let pdf = built();
    let text = pdf.text();
    assert!(text.contains("1. Figures from the data portal"), "{text}");
    let internal: Vec<_> = (0..pdf.pages.len())
        .flat_map(|p| pdf.links(p).into_iter().map(move |l| (p, l)))
        .filter(|(_, l)| l.uri.is_none())
        .collect();
    assert!(!internal.is_empty(), "no internal link");
    // The endnote's number, on its page.
    let (note_page, note_y) = (0..pdf.pages.len())
        .find_map(|p| {
            pdf.frags(p)
                .into_iter()
                .find(|f| f.text.trim() == "1.")
                .map(|f| (p, f.y))
        })
        .expect("endnote 1 is printed");
    let to_note = internal.iter().any(|(_, l)| match l.dest {
        Some((page, Some(top))) => page == note_page && note_y <= top && note_y >= top - 40.0,
        _ => false,
    });
    assert!(to_note, "no link lands on endnote 1: {internal:?}");
}
