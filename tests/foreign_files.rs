//! Never replace a file we did not write: a PDF made by another program
//! and a hand-written export survive `build`, and `export` (the
//! command fails, naming the file and `--force`), and are replaced with
//! `--force`; our own output is replaced without it. (Watch: cli_watch.rs.)

mod common;

use std::path::Path;

use common::{listing, run_in, scratch, tiny};

const GOOD: &str = "[notes]\n";

/// A small but valid PDF as another program would write it: one empty
/// page, a classic cross-reference table, its own Producer.
fn foreign_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        "<< /Producer (LibreOffice 7.6) /Creator (Writer) >>",
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for at in offsets {
        out.extend(format!("{at:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn the_foreign_pdf_is_a_valid_pdf() {
    // lopdf reads it: the test is about a real PDF, not a stray header.
    let doc = lopdf::Document::load_mem(&foreign_pdf()).expect("a valid PDF");
    assert_eq!(doc.get_pages().len(), 1);
}

#[test]
fn a_pdf_another_program_made_survives_a_build_and_yields_to_force() {
    let dir = scratch("foreign_pdf");
    std::fs::write(dir.join("east.toml"), tiny(GOOD)).unwrap();
    let theirs = foreign_pdf();
    std::fs::write(dir.join("east.pdf"), &theirs).unwrap();

    let r = run_in(&dir, &["build", "east.toml"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains("refusing to replace east.pdf")
            && r.stderr.contains("did not write")
            && r.stderr.contains("--force"),
        "{}",
        r.stderr
    );
    assert_eq!(read(&dir, "east.pdf"), theirs, "the foreign PDF changed");
    assert_eq!(listing(&dir), vec!["east.pdf", "east.toml"], "files left");

    // The same through a folder in a batch build.
    std::fs::create_dir(dir.join("out")).unwrap();
    std::fs::write(dir.join("out/east.pdf"), &theirs).unwrap();
    std::fs::write(dir.join("west.toml"), tiny(GOOD)).unwrap();
    let r = run_in(&dir, &["build", "east.toml", "west.toml", "-o", "out/"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("out/east.pdf"), "{}", r.stderr);
    assert_eq!(read(&dir, "out/east.pdf"), theirs);
    assert!(
        read(&dir, "out/west.pdf").starts_with(b"%PDF-"),
        "west built"
    );

    // --force replaces it with ours, which is then replaced without it.
    let r = run_in(&dir, &["build", "east.toml", "--force"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let ours = read(&dir, "east.pdf");
    assert_ne!(ours, theirs);
    assert!(ours.starts_with(b"%PDF-"));
    std::fs::write(
        dir.join("east.toml"),
        tiny(GOOD).replace("One short", "Another short"),
    )
    .unwrap();
    let r = run_in(&dir, &["build", "east.toml"]);
    assert_eq!(
        r.code,
        Some(0),
        "our own PDF was not replaced: {}",
        r.stderr
    );
    assert_ne!(read(&dir, "east.pdf"), ours, "not rebuilt");
}

#[test]
fn a_file_that_is_not_a_pdf_yields_only_to_force() {
    let dir = scratch("foreign_not_pdf");
    std::fs::write(dir.join("b.toml"), tiny(GOOD)).unwrap();
    std::fs::write(dir.join("report.pdf"), "my notes").unwrap();
    let r = run_in(&dir, &["build", "b.toml", "-o", "report.pdf"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains("report.pdf") && r.stderr.contains("--force"),
        "{}",
        r.stderr
    );
    assert_eq!(read(&dir, "report.pdf"), b"my notes");
    let r = run_in(&dir, &["build", "b.toml", "-o", "report.pdf", "--force"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(read(&dir, "report.pdf").starts_with(b"%PDF-"));
    // The content file stays protected even with --force.
    let r = run_in(&dir, &["build", "b.toml", "-o", "b.toml", "--force"]);
    assert_ne!(r.code, Some(0));
    assert_eq!(read(&dir, "b.toml"), tiny(GOOD).as_bytes());
}

#[test]
fn hand_written_exports_survive_and_yield_to_force() {
    let dir = scratch("foreign_exports");
    std::fs::write(dir.join("b.toml"), tiny(GOOD)).unwrap();
    for (format, name, mine) in [
        ("md", "notes.md", "# My notes\n\nWritten by hand.\n"),
        ("html", "mymail.html", "<!DOCTYPE html>\n<p>Dear all,</p>\n"),
        ("txt", "notes.txt", "Written by hand.\n"),
        // A Word file an editor saved: a ZIP package, no marker of ours.
        ("docx", "edited.docx", "PK\u{3}\u{4} an editor's Word file"),
    ] {
        std::fs::write(dir.join(name), mine).unwrap();
        let r = run_in(&dir, &["export", "b.toml", "--format", format, "-o", name]);
        assert_eq!(r.code, Some(1), "{format}: {}", r.stderr);
        assert!(
            r.stderr.contains(&format!("refusing to replace {name}"))
                && r.stderr.contains("--force"),
            "{format}: {}",
            r.stderr
        );
        assert_eq!(read(&dir, name), mine.as_bytes(), "{name} changed");

        let r = run_in(
            &dir,
            &[
                "export", "b.toml", "--format", format, "-o", name, "--force",
            ],
        );
        assert_eq!(r.code, Some(0), "{format}: {}", r.stderr);
        let ours = String::from_utf8_lossy(&read(&dir, name)).into_owned();
        assert!(ours.contains("generated by briefing") || ours.contains("content=\"briefing "));

        // Ours is replaced without --force.
        std::fs::write(
            dir.join("b.toml"),
            tiny(GOOD).replace("One short", "Another short"),
        )
        .unwrap();
        let r = run_in(&dir, &["export", "b.toml", "--format", format, "-o", name]);
        assert_eq!(r.code, Some(0), "{format}: {}", r.stderr);
        assert_ne!(
            String::from_utf8_lossy(&read(&dir, name)),
            ours,
            "{name} not replaced"
        );
        std::fs::write(dir.join("b.toml"), tiny(GOOD)).unwrap();
    }
}

#[test]
fn every_export_carries_the_generator_marker() {
    let dir = scratch("foreign_markers");
    std::fs::write(dir.join("b.toml"), tiny(GOOD)).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    let html = run_in(&dir, &["export", "b.toml", "--format", "html"]).stdout;
    assert!(
        html.contains(&format!(
            "<meta name=\"generator\" content=\"briefing {version}\">"
        )),
        "{html}"
    );
    let md = run_in(&dir, &["export", "b.toml"]).stdout;
    assert_eq!(
        md.lines().next(),
        Some(format!("<!-- generated by briefing {version} -->").as_str())
    );
    let txt = run_in(&dir, &["export", "b.toml", "--format", "txt"]).stdout;
    assert_eq!(
        txt.trim_end().lines().last(),
        Some(format!("(generated by briefing {version})").as_str())
    );
}
