//! The output file: a failed build never touches the last good PDF nor
//! leaves anything behind; the content file and files that are not PDFs
//! are never overwritten; identical input and epoch give identical bytes.

mod common;

use std::path::Path;

use common::{listing, run_in, run_with_epoch, scratch, tiny, Pdf, EPOCH_PDF_DATE};

const GOOD: &str = "[notes]\n";
const BROKEN: &str = "title = \"Broken\"\n[summary]\ntext = \"Fine.\"\n[style]\nacent = \"#123\"\n";

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write test input");
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn a_failed_build_leaves_the_previous_pdf_byte_identical() {
    let dir = scratch("safety_previous_pdf");
    write(&dir, "b.toml", &tiny(GOOD));
    let r = run_in(&dir, &["build", "b.toml", "-o", "out.pdf"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let good = read(&dir, "out.pdf");
    assert!(good.starts_with(b"%PDF-"));

    // An error found while reading the file…
    write(&dir, "b.toml", BROKEN);
    let r = run_in(&dir, &["build", "b.toml", "-o", "out.pdf"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("error[E0004]"), "{}", r.stderr);
    assert_eq!(read(&dir, "out.pdf"), good, "the old PDF changed");
    assert_eq!(
        listing(&dir),
        vec!["b.toml", "out.pdf"],
        "files left behind"
    );

    // …and one found only by the layout (a page budget it cannot meet).
    let long =
        std::fs::read_to_string(common::repo().join("tests/data/bad/max_pages_cannot_fit.toml"))
            .unwrap();
    write(&dir, "b.toml", &long);
    let r = run_in(&dir, &["build", "b.toml", "-o", "out.pdf"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("error[E0015]"), "{}", r.stderr);
    assert_eq!(read(&dir, "out.pdf"), good, "the old PDF changed");
    assert_eq!(
        listing(&dir),
        vec!["b.toml", "out.pdf"],
        "files left behind"
    );
}

#[test]
fn a_failed_build_with_the_default_output_leaves_nothing() {
    let dir = scratch("safety_default_output");
    write(&dir, "b.toml", BROKEN);
    let r = run_in(&dir, &["build", "b.toml"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(listing(&dir), vec!["b.toml"]);
    // Fixed, it writes b.pdf beside the content file, and nothing else.
    write(&dir, "b.toml", &tiny(GOOD));
    let r = run_in(&dir, &["build", "b.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(listing(&dir), vec!["b.pdf", "b.toml"]);
}

#[test]
fn a_new_build_replaces_an_old_pdf_cleanly() {
    let dir = scratch("safety_replace");
    write(&dir, "b.toml", &tiny(GOOD));
    assert_eq!(
        run_in(&dir, &["build", "b.toml", "-o", "out.pdf"]).code,
        Some(0)
    );
    let first = read(&dir, "out.pdf");
    write(
        &dir,
        "b.toml",
        &tiny("[style]\npaper = \"legal\"\n").replace("A small test", "A changed"),
    );
    let r = run_in(&dir, &["build", "b.toml", "-o", "out.pdf"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let second = read(&dir, "out.pdf");
    assert_ne!(first, second);
    assert_eq!(Pdf::load(&second).page_size(0), (612.0, 1008.0));
    assert_eq!(listing(&dir), vec!["b.toml", "out.pdf"], "temp files left");
}

#[test]
fn the_content_file_is_never_the_output() {
    let dir = scratch("safety_input");
    let text = tiny(GOOD);
    write(&dir, "b.toml", &text);
    for target in ["b.toml", "./b.toml"] {
        let r = run_in(&dir, &["build", "b.toml", "-o", target]);
        assert_ne!(r.code, Some(0), "-o {target} was accepted");
        assert!(r.stderr.contains("refusing"), "{}", r.stderr);
        assert_eq!(read(&dir, "b.toml"), text.as_bytes(), "-o {target}");
    }
    // Even when the content file is named like a PDF.
    write(&dir, "content.pdf", &text);
    let r = run_in(&dir, &["build", "content.pdf", "-o", "content.pdf"]);
    assert_ne!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(read(&dir, "content.pdf"), text.as_bytes());
    assert_eq!(listing(&dir), vec!["b.toml", "content.pdf"]);
}

#[test]
fn an_existing_file_that_is_not_a_pdf_is_never_overwritten() {
    let dir = scratch("safety_not_pdf");
    write(&dir, "b.toml", &tiny(GOOD));
    let notes = "My notes, not a PDF.\n";
    write(&dir, "notes.txt", notes);
    write(&dir, "report.pdf", notes);
    write(&dir, "README", notes);
    for target in ["notes.txt", "report.pdf", "README"] {
        let r = run_in(&dir, &["build", "b.toml", "-o", target]);
        assert_ne!(r.code, Some(0), "-o {target} was accepted");
        assert!(r.stderr.contains("refusing"), "{}", r.stderr);
        assert_eq!(read(&dir, target), notes.as_bytes(), "{target} changed");
    }
    assert_eq!(
        listing(&dir),
        vec!["README", "b.toml", "notes.txt", "report.pdf"]
    );
}

#[test]
fn output_into_a_missing_folder_is_a_clear_error() {
    let dir = scratch("safety_missing_folder");
    write(&dir, "b.toml", &tiny(GOOD));
    let r = run_in(&dir, &["build", "b.toml", "-o", "no/such/folder/out.pdf"]);
    assert_ne!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("does not exist"), "{}", r.stderr);
    assert!(r.stderr.contains("out.pdf"), "{}", r.stderr);
    assert_eq!(listing(&dir), vec!["b.toml"], "the folder was created");
}

#[test]
fn several_files_one_broken_builds_the_others() {
    let dir = scratch("safety_several");
    std::fs::create_dir(dir.join("out")).unwrap();
    write(&dir, "good.toml", &tiny(GOOD));
    write(&dir, "bad.toml", BROKEN);
    let r = run_in(&dir, &["build", "good.toml", "bad.toml", "-o", "out"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("--> bad.toml:5:1"), "{}", r.stderr);
    assert_eq!(listing(&dir.join("out")), vec!["good.pdf"]);
}

#[test]
fn builds_are_reproducible_under_source_date_epoch() {
    let dir = scratch("safety_reproducible");
    write(&dir, "b.toml", &tiny(GOOD));
    let build = |out: &str, epoch: Option<&str>| {
        let r = run_with_epoch(&dir, &["build", "b.toml", "-o", out], epoch);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        read(&dir, out)
    };
    let a = build("a.pdf", Some("997660800"));
    let b = build("b.pdf", Some("997660800"));
    assert!(a == b, "two builds with one SOURCE_DATE_EPOCH differ");
    let date = |bytes: &[u8]| Pdf::load(bytes).info("CreationDate").unwrap_or_default();
    assert!(date(&a).starts_with(EPOCH_PDF_DATE), "{}", date(&a));

    // Another epoch: another date, and only the date-dependent bytes differ.
    let c = build("c.pdf", Some("1700000000"));
    assert!(date(&c).starts_with("D:20231114221320"), "{}", date(&c));
    assert_ne!(a, c);

    // No epoch: the date is the build's own, well formed.
    let d = build("d.pdf", None);
    let now = date(&d);
    assert!(
        now.len() >= 16
            && now.starts_with("D:")
            && now[2..16].chars().all(|c| c.is_ascii_digit())
            && !now.starts_with(EPOCH_PDF_DATE),
        "CreationDate without SOURCE_DATE_EPOCH is {now:?}"
    );
}

/// Builds running at once in one process (several inputs, possibly naming
/// the same output) must not share a temporary file: each write lands
/// whole, and nothing is left behind.
#[test]
fn concurrent_atomic_writes_to_one_target_each_land_whole() {
    let dir = scratch("safety_concurrent_writes");
    let target = dir.join("out.pdf");
    let n = 8;
    let barrier = std::sync::Barrier::new(n);
    let payloads: Vec<Vec<u8>> = (0..n)
        .map(|i| {
            let mut b = b"%PDF-1.7\n".to_vec();
            b.extend(std::iter::repeat_n(b'a' + i as u8, 2 << 20));
            b
        })
        .collect();
    let results: Vec<Result<(), String>> = std::thread::scope(|s| {
        let handles: Vec<_> = payloads
            .iter()
            .map(|p| {
                let (target, barrier) = (&target, &barrier);
                s.spawn(move || {
                    barrier.wait();
                    briefing::cli::write_atomic(target, p).map_err(|e| e.to_string())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for r in &results {
        assert!(r.is_ok(), "a write failed: {r:?}");
    }
    let written = read(&dir, "out.pdf");
    assert!(
        payloads.contains(&written),
        "the file is a mix of several writes ({} bytes)",
        written.len()
    );
    assert_eq!(listing(&dir), vec!["out.pdf"], "temporary files left");
}
