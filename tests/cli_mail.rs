//! `briefing mail`: the draft is parsed back with a real MIME parser
//! (Python's `email` package, with the modern policy) and its parts are
//! compared with what `build` and `export` write: the subject is the
//! title, the HTML and text parts are the exports, the attachment is the
//! PDF byte for byte, under the name the build gives it.

mod common;

use std::path::Path;
use std::process::Command;

use common::{run_with_epoch, sample_text, scratch, tiny};

const EPOCH: &str = "997660800";

/// What the parser saw, one `key<TAB>value` per line; parts' bodies are
/// written beside the draft (`part.txt`, `part.html`, `part.pdf`).
const PARSE: &str = r#"
import sys, email, email.policy, os
path = sys.argv[1]
out = os.path.dirname(path)
with open(path, "rb") as f:
    msg = email.message_from_binary_file(f, policy=email.policy.default)
print("defects\t%d" % (len(msg.defects) + sum(len(p.defects) for p in msg.walk())))
for key in ["Subject", "To", "Cc", "From", "Date", "X-Unsent", "MIME-Version"]:
    print("%s\t%s" % (key, msg.get(key, "")))
print("tree\t" + " ".join(p.get_content_type() for p in msg.walk()))
body = msg.get_body(preferencelist=("html",))
open(os.path.join(out, "part.html"), "w", encoding="utf-8", newline="").write(body.get_content())
text = msg.get_body(preferencelist=("plain",))
open(os.path.join(out, "part.txt"), "w", encoding="utf-8", newline="").write(text.get_content())
atts = list(msg.iter_attachments())
print("attachments\t%d" % len(atts))
for a in atts:
    print("filename\t" + a.get_filename())
    print("type\t" + a.get_content_type())
    open(os.path.join(out, "part.pdf"), "wb").write(a.get_content())
"#;

fn parse(eml: &Path) -> Vec<(String, String)> {
    let o = Command::new("python3")
        .arg("-c")
        .arg(PARSE)
        .arg(eml)
        .output()
        .expect("python3 runs (it is on every CI machine)");
    assert!(
        o.status.success(),
        "the parser failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn get<'a>(fields: &'a [(String, String)], key: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {key} in {fields:?}"))
}

/// Line endings as a parser hands the text back may be CRLF or LF.
fn lf(s: &str) -> String {
    s.replace("\r\n", "\n").trim_end().to_string()
}

#[test]
fn the_draft_parses_back_into_the_exports_and_the_built_pdf() {
    let dir = scratch("mail_sample");
    let text = sample_text().replace("#:schema ./briefing.schema.json\n", "");
    std::fs::write(dir.join("briefing.toml"), &text).unwrap();

    let r = run_with_epoch(&dir, &["build"], Some(EPOCH));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let pdf_name = r
        .stderr
        .split_whitespace()
        .nth(1)
        .expect("wrote NAME")
        .to_string();
    let pdf = std::fs::read(dir.join(&pdf_name)).unwrap();
    let html = run_with_epoch(&dir, &["export", "--format", "html"], Some(EPOCH)).stdout;
    let txt = run_with_epoch(&dir, &["export", "--format", "txt"], Some(EPOCH)).stdout;

    let r = run_with_epoch(
        &dir,
        &[
            "mail",
            "-o",
            "briefing.eml",
            "--to",
            "Ana Pérez <ana@example.org>",
            "--to",
            "b@example.org",
            "--cc",
            "c@example.org",
        ],
        Some(EPOCH),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("wrote briefing.eml"), "{}", r.stderr);
    let eml = std::fs::read(dir.join("briefing.eml")).unwrap();

    // RFC 5322: every line ends in CRLF and none is longer than 998.
    assert!(
        eml.windows(2).all(|w| w[1] != b'\n' || w[0] == b'\r') && !eml.starts_with(b"\n"),
        "a bare LF"
    );
    assert!(
        eml.split(|b| *b == b'\n').all(|l| l.len() <= 78),
        "a long line"
    );
    assert!(eml.is_ascii(), "8-bit bytes in the message");

    let f = parse(&dir.join("briefing.eml"));
    assert_eq!(get(&f, "defects"), "0", "{f:?}");
    assert_eq!(
        get(&f, "Subject"),
        "Getting U.S.-Peru Relations Back on the Right Track"
    );
    assert_eq!(get(&f, "To"), "Ana Pérez <ana@example.org>, b@example.org");
    assert_eq!(get(&f, "Cc"), "c@example.org");
    assert_eq!(get(&f, "From"), "");
    assert_eq!(get(&f, "Date"), "Mon, 13 Aug 2001 00:00:00 +0000");
    assert_eq!(get(&f, "X-Unsent"), "1");
    assert_eq!(get(&f, "MIME-Version"), "1.0");
    assert_eq!(
        get(&f, "tree"),
        "multipart/mixed multipart/alternative text/plain text/html application/pdf"
    );
    assert_eq!(get(&f, "attachments"), "1");
    assert_eq!(get(&f, "filename"), pdf_name);
    assert_eq!(get(&f, "type"), "application/pdf");
    let part = |n: &str| std::fs::read(dir.join(n)).unwrap();
    assert!(
        part("part.pdf") == pdf,
        "the attachment is not the built PDF"
    );
    let got_html = String::from_utf8(part("part.html")).unwrap();
    assert_eq!(lf(&got_html), lf(&html));
    let got_txt = String::from_utf8(part("part.txt")).unwrap();
    assert_eq!(lf(&got_txt), lf(&txt));

    // The same input gives the same bytes; a second run replaces our own
    // draft without --force.
    let r = run_with_epoch(
        &dir,
        &[
            "mail",
            "-o",
            "again.eml",
            "--to",
            "Ana Pérez <ana@example.org>",
            "--to",
            "b@example.org",
            "--cc",
            "c@example.org",
        ],
        Some(EPOCH),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        std::fs::read(dir.join("again.eml")).unwrap() == eml,
        "not deterministic"
    );
    let r = run_with_epoch(&dir, &["mail", "-o", "briefing.eml"], Some(EPOCH));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn a_title_that_is_not_ascii_is_an_encoded_subject_and_the_date_is_the_briefings() {
    let dir = scratch("mail_spanish");
    let text = tiny("[notes]\n")
        .replace(
            "A small test briefing",
            "Relaciones entre Perú y los Estados Unidos: cómo volver al buen camino",
        )
        .replacen(
            "[summary]",
            "language = \"es\"\ndate = 2024-02-29\n[summary]",
            1,
        );
    std::fs::write(dir.join("peru.toml"), &text).unwrap();
    // No SOURCE_DATE_EPOCH: the briefing's date.
    let r = run_with_epoch(&dir, &["mail", "peru.toml"], None);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let eml = std::fs::read(dir.join("peru.eml")).expect("named as the PDF, with .eml");
    assert!(eml.is_ascii());
    let f = parse(&dir.join("peru.eml"));
    assert_eq!(get(&f, "defects"), "0", "{f:?}");
    assert_eq!(
        get(&f, "Subject"),
        "Relaciones entre Perú y los Estados Unidos: cómo volver al buen camino"
    );
    assert_eq!(get(&f, "Date"), "Thu, 29 Feb 2024 00:00:00 +0000");
    assert_eq!(get(&f, "filename"), "peru.pdf");
    assert_eq!(get(&f, "To"), "");
}

#[test]
fn a_file_that_is_not_our_draft_is_not_replaced_and_bad_addresses_are_refused() {
    let dir = scratch("mail_foreign");
    std::fs::write(dir.join("b.toml"), tiny("[notes]\n")).unwrap();
    let mine = "From: me@example.org\r\nSubject: my own draft\r\n\r\nHello\r\n";
    std::fs::write(dir.join("b.eml"), mine).unwrap();
    let r = run_with_epoch(&dir, &["mail", "b.toml"], Some(EPOCH));
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains("refusing to replace b.eml") && r.stderr.contains("--force"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(dir.join("b.eml")).unwrap(), mine);
    let r = run_with_epoch(&dir, &["mail", "b.toml", "--force"], Some(EPOCH));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_ne!(std::fs::read_to_string(dir.join("b.eml")).unwrap(), mine);

    // An address with a line break would add a header: refused.
    let r = run_with_epoch(
        &dir,
        &[
            "mail",
            "b.toml",
            "--to",
            "a@example.org\r\nBcc: x@example.org",
        ],
        Some(EPOCH),
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    // Only .eml.
    let r = run_with_epoch(&dir, &["mail", "b.toml", "-o", "b.txt"], Some(EPOCH));
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains(".eml"), "{}", r.stderr);
}
