//! Many diagnostics at once: people get the first 100 of each code and a
//! count of the rest, JSON gets every one, and `build` (which merges what a
//! failed build found with what the checks find) keeps one of each.
//! Timings are not asserted here (see `cargo bench -- diagnostics`).

mod common;

use common::{run_in, scratch, tiny};

/// The diagnostics of `check --format json`.
fn json_diagnostics(stdout: &str) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(stdout).expect("JSON");
    v["diagnostics"].as_array().expect("a list").clone()
}

/// How many diagnostics of `code` were printed in full for people.
fn printed(stderr: &str, code: &str) -> usize {
    stderr
        .lines()
        .filter(|l| {
            l.starts_with(&format!("error[{code}]")) || l.starts_with(&format!("warning[{code}]"))
        })
        .filter(|l| !l.contains("more like this"))
        .count()
}

#[test]
fn five_thousand_unused_notes_print_a_hundred_and_a_count() {
    let dir = scratch("five_thousand_unused_notes");
    let notes: String = (0..5000)
        .map(|i| format!("n{i} = \"Never cited.\"\n"))
        .collect();
    std::fs::write(dir.join("b.toml"), tiny(&format!("[notes]\n{notes}"))).unwrap();
    for cmd in ["check", "build"] {
        let r = run_in(&dir, &[cmd, "b.toml"]);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert_eq!(printed(&r.stderr, "W0001"), 100, "{cmd}");
        assert_eq!(
            r.stderr
                .matches("warning[W0001]: and 4,900 more like this in b.toml")
                .count(),
            1,
            "{cmd}: {}",
            &r.stderr[r.stderr.len().saturating_sub(400)..]
        );
        // The first hundred are the first hundred in the file.
        assert!(r.stderr.contains("b.toml:104:1"), "{cmd}");
        assert!(!r.stderr.contains("b.toml:105:1"), "{cmd}");
    }
    let r = run_in(&dir, &["check", "b.toml", "--format", "json"]);
    let all = json_diagnostics(&r.stdout);
    assert_eq!(all.iter().filter(|d| d["code"] == "W0001").count(), 5000);
    // Every one at its own line, in the order of the file.
    let lines: Vec<u64> = all.iter().map(|d| d["line"].as_u64().unwrap()).collect();
    assert!(
        lines == (5..5005).collect::<Vec<u64>>(),
        "{:?}",
        &lines[..10]
    );
}

#[test]
fn a_failed_build_lists_each_error_once_however_many() {
    let dir = scratch("many_errors_once_each");
    // 3,000 undefined references, 3,000 unknown keys: a build fails, and
    // what it found is merged with what the checks find, one of each.
    let refs: String = (0..3000).map(|i| format!("Use {i} [^nope].\n\n")).collect();
    let keys: String = (0..3000).map(|i| format!("k{i} = 1\n")).collect();
    let text = format!("{keys}title = \"T\"\n[summary]\ntext = '''\n{refs}'''\n");
    std::fs::write(dir.join("b.toml"), &text).unwrap();
    let r = run_in(&dir, &["build", "b.toml"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(printed(&r.stderr, "E0004"), 100);
    assert!(r
        .stderr
        .contains("error[E0004]: and 2,900 more like this in b.toml"));
    assert!(r.stderr.contains("b.toml not built: 6000 errors"));
    let r = run_in(&dir, &["check", "b.toml", "--format", "json"]);
    let all = json_diagnostics(&r.stdout);
    assert_eq!(all.iter().filter(|d| d["code"] == "E0004").count(), 3000);
    assert_eq!(all.iter().filter(|d| d["code"] == "E0005").count(), 3000);
}

#[test]
fn many_syntax_errors_are_each_reported_once() {
    let dir = scratch("many_syntax_errors");
    let bad: String = (0..2000).map(|i| format!("k{i} = = 1\n")).collect();
    std::fs::write(dir.join("b.toml"), tiny(&bad)).unwrap();
    let r = run_in(&dir, &["check", "b.toml", "--format", "json"]);
    let all = json_diagnostics(&r.stdout);
    // Each bad line gives its errors (`k = = 1` two: the extra `=` and
    // what follows it), none twice at one place.
    let at: Vec<(u64, u64)> = all
        .iter()
        .filter(|d| d["code"] == "E0001")
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(at.len(), 4000, "{:?}", &at[..10]);
    let mut lines: Vec<u64> = at.iter().map(|a| a.0).collect();
    lines.dedup();
    assert!(
        lines == (4..2004).collect::<Vec<u64>>(),
        "{:?}",
        &lines[..10]
    );
    let mut places = at.clone();
    places.dedup();
    assert_eq!(places.len(), at.len());
    let r = run_in(&dir, &["build", "b.toml"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(printed(&r.stderr, "E0001"), 100);
    assert!(r
        .stderr
        .contains("error[E0001]: and 3,900 more like this in b.toml"));
}

/// Runs the binary with `stdin` piped in.
fn run_with_stdin(dir: &std::path::Path, args: &[&str], stdin: &[u8]) -> common::Run {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("stdin");
    // The binary may stop reading past its limit: a broken pipe is fine.
    let _ = input.write_all(stdin);
    drop(input);
    let out = child.wait_with_output().expect("it ends");
    common::Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The one diagnostic of `check --format json` on a file refused by size:
/// E0022, the message naming the file, its size and the limit, the help,
/// and no line or column (the file was never read, so no place in it).
fn assert_too_large(stdout: &str, file: &str, size: &str) {
    let all = json_diagnostics(stdout);
    assert_eq!(all.len(), 1, "{all:?}");
    let d = &all[0];
    assert_eq!(d["code"], "E0022", "{d}");
    assert_eq!(d["file"], file, "{d}");
    let message = d["message"].as_str().expect("a message");
    assert!(message.contains(size), "{message}");
    assert!(message.contains("at most 4 MB"), "{message}");
    assert_eq!(
        d["help"],
        "split it into several briefings, or move long text out"
    );
    assert!(d["line"].is_null() && d["column"].is_null(), "{d}");
}

#[test]
fn a_file_over_the_size_limit_is_e0022_with_its_size_and_the_limit() {
    let dir = scratch("size_limit_coded");
    let big = std::fs::File::create(dir.join("big.toml")).expect("create");
    big.set_len(briefing::model::MAX_FILE_BYTES as u64 + 1)
        .expect("sparse");
    for cmd in ["build", "check"] {
        let r = run_in(&dir, &[cmd, "big.toml"]);
        assert_eq!(r.code, Some(1));
        assert_eq!(
            r.stderr,
            "error[E0022]: cannot read big.toml: the file holds 4,194,305 bytes; \
             a briefing may hold at most 4 MB\n \
             = help: split it into several briefings, or move long text out\n",
            "{cmd}"
        );
    }
    let r = run_in(&dir, &["check", "big.toml", "--format", "json"]);
    assert_eq!(r.code, Some(1));
    assert_too_large(&r.stdout, "big.toml", "4,194,305 bytes");

    // Through the standard input: the same code, at no made-up place.
    let text = format!("title = \"T\"\n{}\n", "#".repeat(4 << 20));
    let r = run_with_stdin(&dir, &["check", "-"], text.as_bytes());
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.starts_with(
            "error[E0022]: the file holds 4,194,317 bytes; a briefing may hold at most 4 MB\n"
        ),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("<stdin>:1:1"), "{}", r.stderr);
    assert!(r.stderr.contains("= help: split it into several briefings"));
    let r = run_with_stdin(&dir, &["check", "-", "--format", "json"], text.as_bytes());
    assert_too_large(&r.stdout, "<stdin>", "4,194,317 bytes");

    // Past what is read from the standard input at all.
    let huge = vec![b'#'; 17 << 20];
    let r = run_with_stdin(&dir, &["check", "-", "--format", "json"], &huge);
    assert_eq!(r.code, Some(1));
    assert_too_large(&r.stdout, "<stdin>", "more than 16 MB");
    let r = run_with_stdin(&dir, &["build", "-", "-o", "out.pdf"], &huge);
    assert!(
        r.stderr
            .starts_with("error[E0022]: cannot read the standard input: it holds more than 16 MB"),
        "{}",
        r.stderr
    );
}
