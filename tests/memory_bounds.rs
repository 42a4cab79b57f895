//! Large inputs within the size limits build under a 1 GiB address-space
//! limit (`ulimit -v`): 200,000 note references (a 2.2 MB file), 2,000
//! recommendations of 100 actions each (5,000 pages), and a 50 KB title
//! (refused, fast, as too long for its place). Before the compact PDF objects and the
//! compact structure tree, the references took 2.1 GB.

mod common;

use std::process::Command;

use common::scratch;

/// Builds `text` as `name` under a 1 GiB address-space limit; returns the
/// exit code and what was said.
fn build_limited(name: &str, text: &str, extra: &[&str]) -> (Option<i32>, String) {
    let dir = scratch(name);
    std::fs::write(dir.join("b.toml"), text).expect("write");
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$0\" build b.toml \"$@\"")
        .arg(env!("CARGO_BIN_EXE_briefing"))
        .args(extra)
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "997660800")
        .output()
        .expect("sh runs");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("memory allocation"), "{err}");
    (out.status.code(), err)
}

#[test]
fn two_hundred_thousand_note_references_build_in_a_gibibyte() {
    let refs: Vec<String> = (0..200_000)
        .map(|i| format!("word[^n{}]", i % 50))
        .collect();
    let notes: String = (0..50).map(|i| format!("n{i} = \"Note {i}.\"\n")).collect();
    let text = format!(
        "title = \"References\"\n[summary]\ntext = \"\"\"\n{}\n\"\"\"\n[notes]\n{notes}",
        refs.join(" ")
    );
    assert!(text.len() < 4 << 20, "within the input limit");
    let (code, err) = build_limited("memory_refs", &text, &["--max-pages", "1000"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("wrote b.pdf ("), "{err}");
}

#[test]
fn two_thousand_recommendations_of_a_hundred_actions_build_in_a_gibibyte() {
    let mut text = String::from("title = \"Actions\"\n[summary]\ntext = \"S.\"\n");
    for r in 0..2000 {
        let actions: Vec<String> = (0..100).map(|a| format!("\"Act {a}\"")).collect();
        text.push_str(&format!(
            "[[recommendations]]\ntitle = \"Recommendation {r}\"\nactions = [{}]\n",
            actions.join(",")
        ));
    }
    let (code, err) = build_limited("memory_actions", &text, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("(5000 pages"), "{err}");
}

#[test]
fn a_fifty_kilobyte_title_is_refused_in_a_gibibyte() {
    let text = format!(
        "title = \"{}\"\n[summary]\ntext = \"S.\"\n",
        "word ".repeat(10_000)
    );
    let (code, err) = build_limited("memory_title", &text, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("E0021"), "{err}");
}
