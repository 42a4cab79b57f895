//! The author's workflow, run as a new user would: the real binary, from an
//! empty folder. init → build; check with many errors; check --format
//! json; export; the safety of the user's files; help, completions, man.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_briefing");
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/briefing.toml");

/// A fresh, empty folder for one test.
fn empty_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("briefing-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("SOURCE_DATE_EPOCH", "1000000000")
        .output()
        .expect("run briefing")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn init_then_build_gives_a_pdf() {
    let dir = empty_dir("init");
    let o = run(&dir, &["init"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let toml = std::fs::read_to_string(dir.join("briefing.toml")).expect("starter written");
    assert!(toml.starts_with("#:schema ./briefing.schema.json\n"));
    let schema = std::fs::read_to_string(dir.join("briefing.schema.json")).expect("schema written");
    serde_json::from_str::<serde_json::Value>(&schema).expect("schema is JSON");

    // The starter shows every key of FORMAT.md.
    for key in [
        "title",
        "short_title",
        "subtitle",
        "series",
        "date",
        "marking",
        "language",
        "[[authors]]",
        "name",
        "role",
        "keywords",
        "[source]",
        "number",
        "publisher",
        "url",
        "[summary]",
        "bottom_line",
        "text",
        "[[figures]]",
        "value",
        "label",
        "detail",
        "note",
        "[figures.chart]",
        "kind",
        "labels",
        "values",
        "unit",
        "[[sections]]",
        "heading",
        "[[recommendations]]",
        "owner",
        "actions",
        "[notes]",
        "[style]",
        "paper",
        "accent",
        "base_size",
        "columns",
        "max_pages",
        "fonts",
        "body",
        "regular",
        "bold",
        "italic",
        "bold_italic",
    ] {
        assert!(toml.contains(key), "starter lacks `{key}`");
    }

    // It builds at once, with no warning.
    let o = run(&dir, &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("warning"), "{err}");
    let pdf = std::fs::read(dir.join("briefing.pdf")).expect("pdf written");
    assert!(pdf.starts_with(b"%PDF-"));

    // It checks clean.
    let o = run(&dir, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("0 errors, 0 warnings"),
        "{}",
        stderr(&o)
    );

    // A second init refuses and leaves the file alone.
    std::fs::write(dir.join("briefing.toml"), "title = \"mine\"\n").unwrap();
    let o = run(&dir, &["init"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already exist"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.join("briefing.toml")).unwrap(),
        "title = \"mine\"\n"
    );

    // init DIR makes the folder.
    let o = run(&dir, &["init", "sub/folder"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.join("sub/folder/briefing.toml").is_file());
    assert!(dir.join("sub/folder/briefing.schema.json").is_file());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A file with problems of every stage: structure (unknown keys, a wrong
/// type, a missing key), values (paper, language, colour), markup and
/// notes. Each entry: code, line, column.
const BAD: &str = r##"titel = "A briefing"
date = "2001-08-13"
language = "sp"

[summary]
bottom_lin = "x"
text = """
# A heading
Some text[^nope].
"""

[[figures]]
value = 42
label = "a figure"

[[recommendations]]
owner = "Me"

[style]
paper = "leter"
columns = "2"
acent = "#12"
"##;

const BAD_EXPECT: &[(&str, usize, usize)] = &[
    ("E0004", 1, 1),   // titel → title
    ("E0002", 2, 8),   // quoted date
    ("E0010", 3, 12),  // language
    ("E0004", 6, 1),   // bottom_lin
    ("E0007", 8, 1),   // markdown heading
    ("E0005", 9, 10),  // undefined note
    ("E0002", 13, 9),  // value is a number
    ("E0003", 16, 1),  // recommendation without title
    ("E0009", 20, 9),  // paper
    ("E0002", 21, 11), // columns is a string
    ("E0004", 22, 1),  // acent → accent
    ("E0011", 22, 9),  // malformed colour
];

#[test]
fn check_reports_every_error_at_once() {
    let dir = empty_dir("check");
    std::fs::write(dir.join("bad.toml"), BAD).unwrap();
    let o = run(&dir, &["check", "bad.toml"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for (code, line, col) in BAD_EXPECT {
        assert!(
            err.contains(&format!("error[{code}]")),
            "no {code} in:\n{err}"
        );
        assert!(
            err.contains(&format!("--> bad.toml:{line}:{col}")),
            "no {code} at {line}:{col} in:\n{err}"
        );
    }
    assert!(
        err.contains(&format!("{} errors", BAD_EXPECT.len())),
        "{err}"
    );
    // did-you-mean, as a label and as a help line.
    assert!(err.contains("did you mean `title`?"), "{err}");
    assert!(err.contains("help: rename it: `accent = \"#12\"`"), "{err}");
    assert!(err.contains("help: write `paper = \"letter\"`"), "{err}");
    assert!(err.contains("help: remove the quotes"), "{err}");
    // Piped: no colour codes.
    assert!(!err.contains('\u{1b}'), "colour on a pipe");
    // Forced colour has them.
    let o = run(&dir, &["--color", "always", "check", "bad.toml"]);
    assert!(stderr(&o).contains('\u{1b}'));

    // build reports the same errors and writes nothing.
    let o = run(&dir, &["build", "bad.toml"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for (code, line, col) in BAD_EXPECT {
        assert!(
            err.contains(&format!("error[{code}]")),
            "no {code} in:\n{err}"
        );
        assert!(err.contains(&format!("bad.toml:{line}:{col}")), "{err}");
    }
    assert!(!dir.join("bad.pdf").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_reports_every_toml_syntax_error() {
    let dir = empty_dir("syntax");
    let text = "title = \"A\nsubtitle = \"ok\"\n[summary]\ntext = \"x\"\nbottom_line = unquoted words\n[style]\npaper = \"a4\"\npaper = \"letter\"\n";
    std::fs::write(dir.join("syntax.toml"), text).unwrap();
    let o = run(&dir, &["check", "syntax.toml"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for at in ["syntax.toml:1:11", "syntax.toml:5:15", "syntax.toml:8:1"] {
        assert!(err.contains(at), "no error at {at} in:\n{err}");
    }
    assert_eq!(err.matches("error[E0001]").count(), 3, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_json_is_one_document_with_every_field() {
    let dir = empty_dir("json");
    std::fs::write(dir.join("bad.toml"), BAD).unwrap();
    let o = run(&dir, &["check", "--format", "json", "bad.toml"]);
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["errors"], BAD_EXPECT.len());
    let diags = doc["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diags.len(), BAD_EXPECT.len());
    for d in diags {
        for field in [
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "severity",
            "code",
            "message",
            "help",
            "hint",
        ] {
            assert!(d.get(field).is_some(), "{field} missing in {d}");
        }
        assert_eq!(d["file"], "bad.toml");
        assert_eq!(d["severity"], "error");
    }
    for (code, line, col) in BAD_EXPECT {
        assert!(
            diags
                .iter()
                .any(|d| d["code"] == *code && d["line"] == *line && d["column"] == *col),
            "{code} at {line}:{col} missing"
        );
    }
    let acent = diags
        .iter()
        .find(|d| d["code"] == "E0004" && d["line"] == 22)
        .unwrap();
    assert_eq!(acent["end_column"], 6);
    assert_eq!(acent["help"], "rename it: `accent = \"#12\"`");

    // A clean file: ok, and the warnings listed.
    let o = run(&dir, &["check", "--format", "json", SAMPLE]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["errors"], 0);

    // A file that does not exist is still one JSON document.
    let o = run(&dir, &["check", "--format", "json", "missing.toml"]);
    assert_eq!(o.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["ok"], false);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_gives_the_briefing_as_text() {
    let dir = empty_dir("export");
    let o = run(&dir, &["export", "--format", "md", SAMPLE]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(md.contains("# Getting U.S.-Peru Relations Back on the Right Track"));
    assert!(md.contains("**Bottom line:**"));
    for value in ["**49%**", "**$882 million**", "**7.8%**"] {
        assert!(md.contains(value), "no {value}");
    }
    for title in [
        "1. **Provide advice to bolster democracy**",
        "2. **Help reinvigorate Peru’s economy",
        "3. **Rebuild U.S.-Peruvian security ties**",
    ] {
        assert!(md.contains(title), "no {title}");
    }
    assert!(md.contains("Who: "));
    assert!(
        md.contains("[^1]: Karen DeYoung"),
        "notes numbered as in the PDF"
    );

    let o = run(&dir, &["export", "--format", "txt", SAMPLE]);
    assert!(o.status.success());
    let txt = stdout(&o);
    assert!(txt.contains("49%: poverty rate"));
    assert!(txt.contains("RECOMMENDATIONS"));
    assert!(txt.contains("[1] Karen DeYoung"));
    assert!(txt
        .lines()
        .all(|l| l.chars().count() <= 72 || !l.contains(' ')));
    assert!(!txt.contains("**"));

    // The fixed words follow the language.
    let es = std::fs::read_to_string(SAMPLE)
        .unwrap()
        .replace("language = \"en-US\"", "language = \"es\"");
    std::fs::write(dir.join("es.toml"), es).unwrap();
    let o = run(&dir, &["export", "es.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(md.contains("## Recomendaciones"));
    assert!(md.contains("13 de agosto de 2001"));

    // A broken file is not exported.
    std::fs::write(dir.join("bad.toml"), BAD).unwrap();
    let o = run(&dir, &["export", "bad.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_users_files_are_safe() {
    let dir = empty_dir("safe");
    assert!(run(&dir, &["init"]).status.success());
    let toml = std::fs::read(dir.join("briefing.toml")).unwrap();

    // Never over the input.
    let o = run(&dir, &["build", "-o", "briefing.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("refusing"), "{}", stderr(&o));
    assert_eq!(std::fs::read(dir.join("briefing.toml")).unwrap(), toml);

    // Never over a file that is not a PDF, even one named .pdf.
    std::fs::write(dir.join("notes.pdf"), "my notes").unwrap();
    let o = run(&dir, &["build", "-o", "notes.pdf"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.pdf")).unwrap(),
        "my notes"
    );

    // A folder that does not exist is a clear error.
    let o = run(&dir, &["build", "-o", "no/such/folder/out.pdf"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("folder does not exist"),
        "{}",
        stderr(&o)
    );

    // A failed build leaves the last good PDF untouched, and no temporary
    // file behind.
    assert!(run(&dir, &["build"]).status.success());
    let good = std::fs::read(dir.join("briefing.pdf")).unwrap();
    std::fs::write(dir.join("briefing.toml"), "title = 1\n").unwrap();
    let o = run(&dir, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(dir.join("briefing.pdf")).unwrap(), good);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("briefing-tmp")),
        "{names:?}"
    );

    // No content file: say how to start.
    let empty = empty_dir("safe-empty");
    let o = run(&empty, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("briefing init"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&empty);
}

#[test]
fn help_version_completions_and_man() {
    let dir = empty_dir("help");
    let o = run(&dir, &["--version"]);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("briefing "));
    for cmd in [
        "init",
        "build",
        "check",
        "watch",
        "schema",
        "export",
        "completions",
        "man",
    ] {
        let o = run(&dir, &[cmd, "--help"]);
        assert!(o.status.success(), "{cmd} --help");
        assert!(stdout(&o).contains("Usage: briefing"), "{cmd} --help");
    }
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = run(&dir, &["completions", shell]);
        assert!(o.status.success(), "{shell}");
        let s = stdout(&o);
        assert!(s.contains("briefing") && s.contains("watch"), "{shell}");
    }
    let o = run(&dir, &["man"]);
    assert!(o.status.success());
    let man = stdout(&o);
    assert!(man.contains(".TH") && man.contains("watch"), "{man}");
    // A usage error exits 2.
    let o = run(&dir, &["build", "--paper", "a5"]);
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `check` says what a build would come to: its pages and body size, the
/// same as `build`'s result line, also when a page budget shrinks the
/// type; in JSON as `pages` and `body_size`.
#[test]
fn check_reports_pages_and_body_size() {
    let dir = empty_dir("check_pages");
    std::fs::copy(SAMPLE, dir.join("b.toml")).unwrap();
    let o = run(&dir, &["check", "b.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "b.toml: ok: 4 pages at 9.1 pt (shrunk to fit the page budget); 0 errors, 0 warnings"
        ),
        "{}",
        stderr(&o)
    );
    let o = run(&dir, &["check", "b.toml", "--max-pages", "4"]);
    let said = stderr(&o);
    assert!(o.status.success(), "{said}");
    let (pages, size) = said
        .split("ok: ")
        .nth(1)
        .and_then(|s| s.split_once(" pages at "))
        .map(|(p, rest)| {
            (
                p.to_string(),
                rest.split(" pt").next().unwrap_or("").to_string(),
            )
        })
        .unwrap_or_else(|| panic!("no page count in {said}"));
    assert_eq!(pages, "4", "{said}");
    assert!(said.contains("shrunk to fit the page budget"), "{said}");
    let size: f64 = size.parse().unwrap_or_else(|_| panic!("no size in {said}"));
    assert!(size < 10.0, "{said}");
    // The build comes to the same.
    let o = run(&dir, &["build", "b.toml", "--max-pages", "4"]);
    assert!(
        stderr(&o).contains(&format!("fitted to 4 pages at {size:.1} pt")),
        "check said {size} pt; build: {}",
        stderr(&o)
    );
    let o = run(
        &dir,
        &["check", "b.toml", "--max-pages", "4", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["pages"], 4);
    assert!(
        (v["body_size"].as_f64().unwrap() - size).abs() < 0.051,
        "{v}"
    );
    assert_eq!(v["fitted"], true);
    // A file with errors has no layout to report.
    std::fs::write(dir.join("bad.toml"), "title = 1\n").unwrap();
    let o = run(&dir, &["check", "bad.toml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert!(v["pages"].is_null() && v["body_size"].is_null(), "{v}");
}

/// Values of options are read in any case, for every option.
#[test]
fn option_values_are_read_in_any_case() {
    let dir = empty_dir("ignore_case");
    std::fs::copy(SAMPLE, dir.join("b.toml")).unwrap();
    for args in [
        &["--color", "NEVER", "check", "b.toml"][..],
        &[
            "check", "b.toml", "--color", "Always", "--format", "JSON", "--paper", "A4",
        ],
        &["export", "b.toml", "--format", "HTML", "--only", "Summary"],
        &["completions", "BASH"],
    ] {
        let o = run(&dir, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    }
    let o = run(&dir, &["--color", "NEVER", "check", "nope.toml"]);
    assert!(!stderr(&o).contains('\x1b'), "{}", stderr(&o));
}
