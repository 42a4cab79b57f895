//! `briefing export` through the binary: the HTML document read back tag
//! by tag (nothing a mail client would block or fetch), the summary-only
//! form, `-o`, and the faults of the first round's Markdown and text
//! (figures' separator, the source address twice, the notes heading apart
//! from its notes), with the PDF's note numbers and quotes in every format.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{run_in, sample_extracted, sample_path, scratch};

fn export(args: &[&str]) -> String {
    let dir = scratch(&format!(
        "export_{}",
        args.join("_").replace(['/', '.', '-'], "")
    ));
    let sample = sample_path();
    let mut all = vec!["export", sample.to_str().unwrap()];
    all.extend_from_slice(args);
    let r = run_in(&dir, &all);
    assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
    r.stdout
}

/// One tag of an HTML document: its name (lower case), whether it closes,
/// and its attributes.
#[derive(Debug)]
struct Tag {
    name: String,
    closing: bool,
    attrs: BTreeMap<String, String>,
}

/// Reads every tag of `html`, checking that the document is well formed
/// as it goes: quoted attributes, no stray `<`, and every element that is
/// opened closed in order (void elements excepted).
fn tags(html: &str) -> Vec<Tag> {
    const VOID: &[&str] = &["br", "meta", "hr", "img", "link", "input"];
    let mut out = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix("!DOCTYPE html>") {
            rest = r;
            continue;
        }
        assert!(!rest.starts_with("!--"), "a comment in a mail body");
        let end = rest.find('>').expect("an unclosed tag");
        let inner = &rest[..end];
        rest = &rest[end + 1..];
        assert!(!inner.contains('<'), "a stray < in {inner:?}");
        let closing = inner.starts_with('/');
        let inner = inner.trim_start_matches('/');
        let name_end = inner.find([' ', '\n']).unwrap_or(inner.len());
        let name = inner[..name_end].to_ascii_lowercase();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "tag name {name:?}"
        );
        let mut attrs = BTreeMap::new();
        let mut a = inner[name_end..].trim();
        while !a.is_empty() {
            let eq = a
                .find('=')
                .unwrap_or_else(|| panic!("attribute without value in <{inner}>"));
            let key = a[..eq].trim().to_ascii_lowercase();
            let v = a[eq + 1..]
                .strip_prefix('"')
                .unwrap_or_else(|| panic!("unquoted attribute in <{inner}>"));
            let close = v.find('"').expect("attribute quote closed");
            attrs.insert(key, v[..close].to_string());
            a = v[close + 1..].trim();
        }
        if closing {
            let top = open
                .pop()
                .unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(top, name, "</{name}> closes <{top}>");
        } else if !VOID.contains(&name.as_str()) {
            open.push(name.clone());
        }
        out.push(Tag {
            name,
            closing,
            attrs,
        });
    }
    assert!(open.is_empty(), "never closed: {open:?}");
    out
}

/// The text of an HTML document, tags removed and entities read.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&middot;", "·")
}

#[test]
fn html_is_one_self_contained_mail_safe_document() {
    let html = export(&["--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    let all = tags(&html);
    let names: BTreeSet<&str> = all.iter().map(|t| t.name.as_str()).collect();
    for banned in [
        "script", "style", "link", "img", "iframe", "object", "embed", "form", "svg", "video",
        "audio", "base",
    ] {
        assert!(!names.contains(banned), "<{banned}> in a mail body");
    }
    assert_eq!(
        all.iter()
            .filter(|t| t.name == "html" && !t.closing)
            .count(),
        1
    );
    let ids: BTreeSet<&str> = all
        .iter()
        .filter_map(|t| t.attrs.get("id"))
        .map(String::as_str)
        .collect();
    for t in &all {
        for (k, v) in &t.attrs {
            assert!(!k.starts_with("on"), "event handler {k} on <{}>", t.name);
            assert!(
                !matches!(
                    k.as_str(),
                    "src" | "srcset" | "background" | "action" | "class"
                ),
                "{k}= on <{}>",
                t.name
            );
            if k == "style" {
                let lower = v.to_ascii_lowercase();
                assert!(
                    !lower.contains("url(")
                        && !lower.contains("@import")
                        && !lower.contains("expression"),
                    "{v}"
                );
            }
            if k == "href" {
                assert_eq!(t.name, "a");
                match v.strip_prefix('#') {
                    Some(id) => assert!(ids.contains(id), "link to a missing anchor #{id}"),
                    None => assert!(
                        v.starts_with("https://")
                            || v.starts_with("http://")
                            || v.starts_with("mailto:"),
                        "{v}"
                    ),
                }
            }
        }
        // Styled inline, never by class or sheet.
        if matches!(t.name.as_str(), "p" | "h1" | "h2" | "td" | "th") && !t.closing {
            assert!(
                t.attrs.contains_key("style"),
                "<{}> without inline style",
                t.name
            );
        }
    }

    // What it holds: bottom line, summary, figures as a table (value and
    // label in a row), recommendations with owners, notes as links.
    let text = html_text(&html);
    for want in [
        "Bottom line",
        "Peru’s new leadership is receptive to reform.",
        "Summary",
        "Key figures",
        "$882 million",
        "Andean Regional Initiative",
        "Recommendations",
        "Provide advice to bolster democracy",
        "Who: Bush Administration",
        "Notes",
        "Condensed from Getting U.S.-Peru Relations Back on the Right Track",
    ] {
        assert!(text.contains(want), "the HTML lacks {want:?}");
    }
    let row = html
        .find("<th scope=\"row\"")
        .expect("figures as table rows");
    let row_end = row + html[row..].find("</tr>").unwrap();
    let first_row = html_text(&html[row..row_end]);
    assert!(
        first_row.contains("49%") && first_row.contains("poverty rate"),
        "{first_row}"
    );
    // Each note reference links to its note, and each note back to its
    // first reference.
    let refs = all
        .iter()
        .filter(|t| t.attrs.get("href").is_some_and(|h| h.starts_with("#note-")))
        .count();
    assert!(refs >= 16, "{refs} note links");
    for n in 1..=16 {
        assert!(ids.contains(format!("note-{n}").as_str()), "no note {n}");
        assert!(
            ids.contains(format!("ref-{n}").as_str()),
            "no first reference of note {n}"
        );
    }
}

#[test]
fn every_format_keeps_the_pdfs_note_numbers_and_quotes() {
    // In the PDF, note 1 is DeYoung's article, with nested typographic quotes.
    let quoted = "“‘The Doctor’ Divided U.S. Officials,”";
    assert!(common::has_phrase(sample_extracted(), quoted));
    let md = export(&["--format", "md"]);
    assert!(md.contains(&format!("[^1]: Karen DeYoung, {quoted}")), "md");
    let txt = export(&["--format", "txt"]);
    assert!(txt.contains(&format!("[1] Karen DeYoung, {quoted}")), "txt");
    let html = html_text(&export(&["--format", "html"]));
    assert!(
        html.contains(&format!("1. Karen DeYoung, {quoted}")),
        "html"
    );
    // Note 16 is the last, in every format.
    assert!(md.contains("[^16]: Kevin G. Hall"));
    assert!(txt.contains("[16] Kevin G. Hall"));
    assert!(html.contains("16. Kevin G. Hall"));
}

#[test]
fn summary_only_is_the_mail_body() {
    for format in ["md", "txt", "html"] {
        let out = export(&["--format", format, "--only", "summary"]);
        let text = if format == "html" {
            html_text(&out)
        } else {
            out.clone()
        };
        for want in [
            "Peru’s new leadership is receptive to reform.",
            "Peru stands at a crossroads",
            "Provide advice to bolster democracy",
            "Rebuild U.S.-Peruvian security ties",
        ] {
            assert!(text.contains(want), "{format}: no {want:?}");
        }
        for not in [
            "Half of all Peruvians",
            "Background: from Velasco",
            "Offer public diplomacy",
            "Kevin G. Hall",
            "Condensed from",
        ] {
            assert!(!text.contains(not), "{format}: {not:?} is not in a summary");
        }
        // The one note the summary cites keeps its number in the PDF.
        assert!(text.contains("Karen DeYoung"), "{format}");
        let words = text.split_whitespace().count();
        assert!(words < 600, "{format}: {words} words");
    }
    let txt = export(&["--format", "txt", "--only", "summary"]);
    assert!(txt.contains("[1] Karen DeYoung"));
}

#[test]
fn markdown_and_text_faults_of_the_first_round_are_fixed() {
    let md = export(&["--format", "md"]);
    // Figures keep a separator between value and label.
    assert!(
        md.contains("- **49%**: poverty rate — Half of all Peruvians"),
        "{md}"
    );
    // Footnotes render after everything else: the Notes heading is the
    // last heading, directly above them, and the credit comes before it.
    let notes = md.find("## Notes").unwrap();
    let credit = md.find("Condensed from").unwrap();
    assert!(credit < notes);
    let after: Vec<&str> = md[notes..]
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(after.iter().all(|l| l.starts_with("[^")), "{after:?}");

    // A source with an address prints it once.
    let dir = scratch("export_url");
    assert_eq!(run_in(&dir, &["init"]).code, Some(0));
    let r = run_in(&dir, &["export"]);
    assert_eq!(
        r.stdout.matches("https://example.org/report").count(),
        1,
        "{}",
        r.stdout
    );
    assert!(r
        .stdout
        .contains("[*Title of the report this briefing condenses*](https://example.org/report)"));
    let r = run_in(&dir, &["export", "--format", "txt"]);
    assert_eq!(
        r.stdout.matches("https://example.org/report").count(),
        1,
        "{}",
        r.stdout
    );
    // Words with hyphens are never broken at the hyphen.
    assert!(r.stdout.contains("(REP-2026-01)"), "{}", r.stdout);
    let r = run_in(&dir, &["export", "--format", "html"]);
    assert_eq!(r.stdout.matches("https://example.org/report").count(), 1);

    // -o writes the file (and nothing to stdout).
    let r = run_in(&dir, &["export", "--format", "md", "-o", "mail.md"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.is_empty());
    assert!(std::fs::read_to_string(dir.join("mail.md"))
        .unwrap()
        .contains("# Title of the briefing"));
}
