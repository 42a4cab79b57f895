//! Which files the commands read and write, through the binary: a batch
//! of `init` folders built into one output folder, names from the
//! `output` key and `--name`, collisions refused before anything is
//! built, folder arguments, `-` for the standard input and output, several
//! files for `check`, and a file that is not UTF-8 located in JSON.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{listing, run_in, scratch, EPOCH};

const BIN: &str = env!("CARGO_BIN_EXE_briefing");

fn init(dir: &std::path::Path, name: &str) {
    let r = run_in(dir, &["init", name]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

/// Runs the binary with `stdin` as its standard input; stdout as bytes.
fn run_piped(dir: &std::path::Path, args: &[&str], stdin: &[u8]) -> (Option<i32>, Vec<u8>, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", EPOCH.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run briefing");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_batch_of_init_folders_gives_one_pdf_each() {
    let dir = scratch("files_batch");
    init(&dir, "east");
    init(&dir, "west");
    // Make the two briefings differ, so their PDFs must too.
    let west = dir.join("west/briefing.toml");
    let text = std::fs::read_to_string(&west).unwrap();
    std::fs::write(&west, text.replace("Title of the briefing", "The west")).unwrap();
    std::fs::create_dir(dir.join("out")).unwrap();

    let r = run_in(
        &dir,
        &[
            "build",
            "east/briefing.toml",
            "west/briefing.toml",
            "-o",
            "out",
        ],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(listing(&dir.join("out")), vec!["east.pdf", "west.pdf"]);
    assert!(r.stderr.contains("wrote out/east.pdf"), "{}", r.stderr);
    assert!(r.stderr.contains("wrote out/west.pdf"), "{}", r.stderr);
    let east = std::fs::read(dir.join("out/east.pdf")).unwrap();
    let westpdf = std::fs::read(dir.join("out/west.pdf")).unwrap();
    assert!(east.starts_with(b"%PDF-") && westpdf.starts_with(b"%PDF-"));
    assert_ne!(east, westpdf);

    // Folder arguments mean the briefing.toml inside; the same names.
    let _ = std::fs::remove_dir_all(dir.join("out"));
    // A missing folder named with a final `/` is made.
    let r = run_in(&dir, &["build", "east", "west", "-o", "out/"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(listing(&dir.join("out")), vec!["east.pdf", "west.pdf"]);
    let r = run_in(&dir, &["build", "east", "west", "-o", "out"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(listing(&dir.join("out")), vec!["east.pdf", "west.pdf"]);

    // Beside their inputs, a folder's PDF is named after it too.
    let r = run_in(&dir, &["build", "east", "west"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(dir.join("east/east.pdf").is_file(), "{}", r.stderr);
    assert!(dir.join("west/west.pdf").is_file(), "{}", r.stderr);
}

#[test]
fn a_folder_is_named_after_itself_in_single_and_batch_builds() {
    let dir = scratch("files_folder_names");
    init(&dir, "east");
    init(&dir, "west");
    // One folder alone: east/east.pdf, and `{stem}` is the folder's name.
    let r = run_in(&dir, &["build", "east"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("wrote east/east.pdf"), "{}", r.stderr);
    assert!(!dir.join("east/briefing.pdf").exists());
    let r = run_in(&dir, &["build", "east", "--name", "{stem}-draft.pdf"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(dir.join("east/east-draft.pdf").is_file(), "{}", r.stderr);
    // The current folder, named as `.`, is named after itself too.
    let r = run_in(&dir.join("west"), &["build", "."]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(dir.join("west/west.pdf").is_file(), "{}", r.stderr);
    // A batch into one folder: the same names.
    std::fs::create_dir(dir.join("out")).unwrap();
    let r = run_in(
        &dir,
        &["build", "east", "west", "-o", "out", "--name", "{stem}.pdf"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(listing(&dir.join("out")), vec!["east.pdf", "west.pdf"]);
    // Exports and mail drafts follow the PDF's name.
    let r = run_in(&dir, &["export", "east", "-o", "out/"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(dir.join("out/east.md").is_file(), "{}", r.stderr);
    let r = run_in(&dir, &["mail", "east"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(dir.join("east/east.eml").is_file(), "{}", r.stderr);
    assert!(r.stderr.contains("east.pdf attached"), "{}", r.stderr);
}

#[test]
fn init_with_a_toml_name_writes_that_file_and_the_schema_beside_it() {
    let dir = scratch("files_init_named");
    let r = run_in(&dir, &["init", "peru.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(dir.join("peru.toml").is_file(), "not a file: {}", r.stderr);
    assert!(dir.join("briefing.schema.json").is_file());
    assert!(
        r.stderr.contains("briefing build peru.toml"),
        "{}",
        r.stderr
    );
    // A second briefing in the same folder shares today's schema.
    let r = run_in(&dir, &["init", "chile.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        listing(&dir),
        vec!["briefing.schema.json", "chile.toml", "peru.toml"]
    );
    // Into a folder that does not exist yet, and refusing to overwrite.
    let r = run_in(&dir, &["init", "later/bolivia.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        listing(&dir.join("later")),
        vec!["bolivia.toml", "briefing.schema.json"]
    );
    std::fs::write(dir.join("peru.toml"), "title = \"mine\"\n").unwrap();
    let r = run_in(&dir, &["init", "peru.toml"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.join("peru.toml")).unwrap(),
        "title = \"mine\"\n"
    );
    let r = run_in(&dir, &["build", "chile.toml"]);
    assert_eq!(r.code, Some(0), "the starter builds: {}", r.stderr);
}

#[test]
fn build_with_no_file_names_the_one_briefing_here() {
    let dir = scratch("files_hint_one");
    let r = run_in(&dir, &["init", "peru.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // A TOML file that is not a briefing is not suggested.
    std::fs::write(
        dir.join("taplo.toml"),
        "[formatting]\nalign_entries = true\n",
    )
    .unwrap();
    let r = run_in(&dir, &["build"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains("the briefing here is peru.toml")
            && r.stderr.contains("`briefing build peru.toml`"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("init"), "{}", r.stderr);
    // In an empty folder, init is the hint.
    let empty = scratch("files_hint_none");
    let r = run_in(&empty, &["build"]);
    assert!(r.stderr.contains("briefing init"), "{}", r.stderr);
}

#[test]
fn outputs_that_would_meet_are_refused_before_anything_is_built() {
    let dir = scratch("files_collide");
    init(&dir, "east");
    init(&dir, "west");
    std::fs::create_dir(dir.join("out")).unwrap();
    // One name chosen for both.
    let r = run_in(
        &dir,
        &["build", "east", "west", "-o", "out", "--name", "brief.pdf"],
    );
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    for want in [
        "east/briefing.toml",
        "west/briefing.toml",
        "out/brief.pdf",
        "nothing was built",
    ] {
        assert!(r.stderr.contains(want), "no {want:?} in {}", r.stderr);
    }
    assert!(listing(&dir.join("out")).is_empty());
    assert!(!r.stderr.contains("wrote"), "{}", r.stderr);

    // Two folders of one name: the folder names cannot part them either.
    for side in ["a", "b"] {
        std::fs::create_dir_all(dir.join(side)).unwrap();
        init(&dir.join(side), "x");
    }
    let r = run_in(&dir, &["build", "a/x", "b/x", "-o", "out"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("a/x/briefing.toml and b/x/briefing.toml would both write out/x.pdf"),
        "{}",
        r.stderr
    );
    assert!(listing(&dir.join("out")).is_empty());

    // Exports follow the same rule.
    let r = run_in(&dir, &["export", "a/x", "b/x", "-o", "out"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(listing(&dir.join("out")).is_empty());
    let r = run_in(
        &dir,
        &["export", "east", "west", "-o", "out", "--format", "html"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(listing(&dir.join("out")), vec!["east.html", "west.html"]);

    // The same file named twice is built once.
    let r = run_in(&dir, &["build", "east", "east/briefing.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stderr.matches("wrote ").count(), 1, "{}", r.stderr);
}

#[test]
fn the_output_key_and_name_give_a_file_name_for_the_mail() {
    let dir = scratch("files_name");
    let sample = common::sample_text().replacen(
        "title = ",
        "output = \"{short_title}-{date}.pdf\"\ntitle = ",
        1,
    );
    std::fs::write(dir.join("peru.toml"), &sample).unwrap();
    let r = run_in(&dir, &["build", "peru.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        dir.join("us-peru-relations-2001-08-13.pdf").is_file(),
        "{:?}",
        listing(&dir)
    );

    // --name overrides the key; -o FILE overrides both.
    let r = run_in(&dir, &["build", "peru.toml", "--name", "{stem}-{title}"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        dir.join("peru-getting-us-peru-relations-back-on-the-right-track.pdf")
            .is_file(),
        "{:?}",
        listing(&dir)
    );
    let r = run_in(&dir, &["build", "peru.toml", "-o", "exact.pdf"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(dir.join("exact.pdf").is_file());
    // An export is named as its PDF, with its own extension.
    std::fs::create_dir(dir.join("mail")).unwrap();
    let r = run_in(
        &dir,
        &["export", "peru.toml", "--format", "html", "-o", "mail"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        listing(&dir.join("mail")),
        vec!["us-peru-relations-2001-08-13.html"]
    );

    // A bad template is a usage error before anything is read.
    let r = run_in(&dir, &["build", "peru.toml", "--name", "{tilte}.pdf"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("did you mean `{title}`"), "{}", r.stderr);
    let r = run_in(&dir, &["build", "peru.toml", "--name", "sub/x.pdf"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    // `check` finds a bad `output` key.
    std::fs::write(dir.join("bad.toml"), sample.replace("{date}", "{dat}")).unwrap();
    let r = run_in(&dir, &["check", "bad.toml"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("error[E0020]"), "{}", r.stderr);
}

#[test]
fn the_starter_shows_the_output_key() {
    let dir = scratch("files_starter");
    init(&dir, "mail");
    let toml = dir.join("mail/briefing.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    let line = "# output = \"{short_title}-{date}.pdf\"";
    assert!(text.contains(line), "{text}");
    std::fs::write(
        &toml,
        text.replace(line, "output = \"{short_title}-{date}.pdf\""),
    )
    .unwrap();
    let r = run_in(&dir, &["build", "mail"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        dir.join("mail/short-title-2026-01-15.pdf").is_file(),
        "{:?}",
        listing(&dir.join("mail"))
    );
}

#[test]
fn build_says_which_inputs_failed() {
    let dir = scratch("files_failed");
    init(&dir, "good");
    std::fs::write(dir.join("bad.toml"), "title = 1\n").unwrap();
    let r = run_in(&dir, &["build", "good", "bad.toml", "missing.toml"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        dir.join("good/good.pdf").is_file(),
        "the good one is still built"
    );
    assert!(
        r.stderr
            .contains("error: 2 of 3 briefings failed: bad.toml, missing.toml"),
        "{}",
        r.stderr
    );
}

#[test]
fn paper_is_read_in_any_case_on_the_command_line() {
    let dir = scratch("files_paper");
    std::fs::write(dir.join("b.toml"), common::tiny("")).unwrap();
    for paper in ["A4", "a4", "Letter", "LEGAL"] {
        let r = run_in(&dir, &["build", "b.toml", "--paper", paper]);
        assert_eq!(r.code, Some(0), "--paper {paper}: {}", r.stderr);
        let r = run_in(&dir, &["check", "b.toml", "--paper", paper]);
        assert_eq!(r.code, Some(0), "--paper {paper}: {}", r.stderr);
    }
    let pdf = common::Pdf::load_file(&dir.join("b.pdf"));
    let (w, h) = pdf.page_size(0);
    assert_eq!(
        (w.round(), h.round()),
        (612.0, 1008.0),
        "the last build was legal"
    );
    let r = run_in(&dir, &["build", "b.toml", "--paper", "A5"]);
    assert_eq!(r.code, Some(2));
}

#[test]
fn stdin_and_stdout_round_trip() {
    let dir = scratch("files_stdio");
    let text = common::sample_text();
    std::fs::write(dir.join("briefing.toml"), &text).unwrap();
    let r = run_in(&dir, &["build", "-o", "from-file.pdf"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let from_file = std::fs::read(dir.join("from-file.pdf")).unwrap();

    // Content on stdin, the PDF on stdout: the same bytes as from the file.
    let (code, pdf, err) = run_piped(&dir, &["build", "-", "-o", "-"], text.as_bytes());
    assert_eq!(code, Some(0), "{err}");
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(pdf, from_file, "same content, same epoch, same PDF");
    assert!(err.contains("wrote <stdout>"), "{err}");
    // From stdin into a named file, and from a file to stdout.
    let (code, _, err) = run_piped(&dir, &["build", "-", "-o", "piped.pdf"], text.as_bytes());
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(std::fs::read(dir.join("piped.pdf")).unwrap(), from_file);
    let (code, pdf, err) = run_piped(&dir, &["build", "briefing.toml", "-o", "-"], b"");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(pdf, from_file);
    // Without a name for it, a PDF from stdin has nowhere to go.
    let (code, _, err) = run_piped(&dir, &["build", "-"], text.as_bytes());
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("-o"), "{err}");
    // -o - takes one input.
    let (code, _, _) = run_piped(&dir, &["build", "briefing.toml", "-", "-o", "-"], b"");
    assert_eq!(code, Some(1));

    // check and export read stdin too.
    let (code, out, err) = run_piped(&dir, &["check", "-", "--format", "json"], text.as_bytes());
    assert_eq!(code, Some(0), "{err}");
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["file"], "<stdin>");
    assert_eq!(doc["ok"], true);
    let (code, out, err) = run_piped(&dir, &["export", "-", "--format", "txt"], text.as_bytes());
    assert_eq!(code, Some(0), "{err}");
    assert!(String::from_utf8_lossy(&out).contains("RECOMMENDATIONS"));
    // A broken file on stdin is located like any other.
    let (code, _, err) = run_piped(&dir, &["check", "-"], b"title = \"x\"\n[sumary]\n");
    assert_eq!(code, Some(1));
    assert!(err.contains("--> <stdin>:2:2"), "{err}");
}

#[test]
fn check_takes_several_files() {
    let dir = scratch("files_check");
    init(&dir, "east");
    std::fs::write(dir.join("bad.toml"), "title = \"x\"\n").unwrap();
    let r = run_in(&dir, &["check", "east", "bad.toml"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("east/briefing.toml: ok: 2 pages at 10.5 pt; 0 errors, 0 warnings"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("bad.toml: 1 error, 0 warnings"),
        "{}",
        r.stderr
    );
    let r = run_in(&dir, &["check", "east", "bad.toml", "--format", "json"]);
    assert_eq!(r.code, Some(1));
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let files: Vec<&str> = doc
        .as_array()
        .expect("an array for several files")
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, vec!["east/briefing.toml", "bad.toml"]);
    assert_eq!(doc[0]["ok"], true);
    assert_eq!(doc[1]["ok"], false);
    // One file stays one document.
    let r = run_in(&dir, &["check", "east", "--format", "JSON"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["file"], "east/briefing.toml");
}

#[test]
fn a_file_that_is_not_utf8_is_located_in_json() {
    let dir = scratch("files_utf8");
    let mut bytes = b"title = \"x\"\n[summary]\ntext = \"caf".to_vec();
    bytes.push(0xE9); // Latin-1 é
    bytes.extend_from_slice(b"\"\n");
    std::fs::write(dir.join("latin1.toml"), &bytes).unwrap();
    let r = run_in(&dir, &["check", "latin1.toml", "--format", "json"]);
    assert_eq!(r.code, Some(1));
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let d = &doc["diagnostics"][0];
    assert_eq!(d["line"], 3, "{d}");
    assert_eq!(d["column"], 12, "{d}");
    assert_eq!(d["end_line"], 3, "{d}");
    assert_eq!(d["end_column"], 13, "{d}");
    assert_eq!(d["code"], "E0001", "{d}");
    assert!(d["message"].as_str().unwrap().contains("not UTF-8"), "{d}");
}

#[test]
fn an_export_never_writes_over_the_content_or_a_pdf() {
    let dir = scratch("files_export_safe");
    std::fs::write(dir.join("b.toml"), common::tiny("")).unwrap();
    let toml = std::fs::read(dir.join("b.toml")).unwrap();
    for (format, target) in [("md", "b.toml"), ("html", "b.pdf"), ("txt", "b.md")] {
        let r = run_in(
            &dir,
            &["export", "b.toml", "--format", format, "-o", target],
        );
        assert_eq!(r.code, Some(1), "{format} -o {target}: {}", r.stderr);
        assert!(r.stderr.contains("refusing"), "{}", r.stderr);
    }
    assert_eq!(std::fs::read(dir.join("b.toml")).unwrap(), toml);
    assert_eq!(listing(&dir), vec!["b.toml"]);
    let r = run_in(
        &dir,
        &["export", "b.toml", "--format", "html", "-o", "b.html"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(std::fs::read_to_string(dir.join("b.html"))
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
}

/// Two inputs and a missing `-o` folder: the message says to end the name
/// with `/`, and that makes the folder (for build and export alike).
#[test]
fn a_missing_out_folder_is_made_when_its_name_ends_with_a_slash() {
    let dir = scratch("files_make_out_folder");
    std::fs::write(dir.join("a.toml"), common::tiny("")).unwrap();
    std::fs::write(dir.join("b.toml"), common::tiny("")).unwrap();
    let r = run_in(&dir, &["build", "a.toml", "b.toml", "-o", "out"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("-o out/"), "{}", r.stderr);
    assert!(!dir.join("out").exists(), "the folder was made without a /");
    let r = run_in(&dir, &["build", "a.toml", "b.toml", "-o", "out/"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(listing(&dir.join("out")), vec!["a.pdf", "b.pdf"]);
    let r = run_in(&dir, &["export", "a.toml", "b.toml", "-o", "mail/deep/"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(listing(&dir.join("mail/deep")), vec!["a.md", "b.md"]);
}
