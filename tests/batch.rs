//! What a job runner relies on, through the binary: inputs from a list,
//! shards that split it, outputs left alone when unchanged, one report line
//! per input, and exit codes that tell a content error (1) from a failure
//! worth retrying (3).

mod common;

use std::path::Path;

use common::{run_in, sample_text, scratch, Pdf};
use serde_json::Value;

/// Five briefings, `b0.toml` … `b4.toml`, and a list naming them.
fn five(dir: &Path) {
    let mut list = String::from("# tonight's briefings\n");
    for i in 0..5 {
        let text = sample_text().replacen("title = \"", &format!("title = \"Number {i}: "), 1);
        std::fs::write(dir.join(format!("b{i}.toml")), text).unwrap();
        list.push_str(&format!("b{i}.toml\n\n"));
    }
    std::fs::write(dir.join("list.txt"), list).unwrap();
}

fn report(dir: &Path, name: &str) -> Vec<Value> {
    std::fs::read_to_string(dir.join(name))
        .expect("a report")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON document a line"))
        .collect()
}

fn outcomes(lines: &[Value]) -> Vec<(String, String)> {
    lines
        .iter()
        .map(|l| {
            (
                l["input"].as_str().unwrap().to_string(),
                l["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The document ID in a PDF's trailer, as hex.
fn pdf_id(path: &Path) -> String {
    let pdf = Pdf::load_file(path);
    let id = pdf.doc.trailer.get(b"ID").expect("an ID");
    let first = id.as_array().expect("an array")[0].as_str().expect("bytes");
    first.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn shards_of_a_list_build_every_input_once_and_report_each() {
    let dir = scratch("batch_shards");
    five(&dir);
    let mut built: Vec<String> = Vec::new();
    for k in 0..2 {
        let shard = format!("{k}/2");
        let name = format!("r{k}.json");
        let r = run_in(
            &dir,
            &[
                "build",
                "--files-from",
                "list.txt",
                "--shard",
                &shard,
                "--report",
                &name,
            ],
        );
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        let lines = report(&dir, &name);
        for l in &lines {
            assert_eq!(l["outcome"], "built", "{l}");
            assert_eq!(l["pages"], 4, "{l}");
            let out = dir.join(l["output"].as_str().unwrap());
            // The report's ID is the PDF's document ID.
            assert_eq!(l["id"].as_str().unwrap(), pdf_id(&out), "{l}");
            built.push(l["input"].as_str().unwrap().to_string());
        }
    }
    // Shard 0 holds the 1st, 3rd and 5th inputs, shard 1 the others.
    assert_eq!(
        built,
        ["b0.toml", "b2.toml", "b4.toml", "b1.toml", "b3.toml"]
    );
    let r = run_in(&dir, &["build", "--shard", "2/2", "b0.toml"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
}

#[test]
fn unchanged_outputs_are_left_alone_and_changed_ones_rebuilt() {
    let dir = scratch("batch_unchanged");
    five(&dir);
    let all = ["build", "--files-from", "list.txt", "--skip-unchanged"];
    let r = run_in(&dir, &all);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let before: Vec<Vec<u8>> = (0..5)
        .map(|i| std::fs::read(dir.join(format!("b{i}.pdf"))).unwrap())
        .collect();
    // Nothing changed: nothing is built.
    let r = run_in(&dir, &[&all[..], &["--report", "r.json"]].concat());
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let lines = report(&dir, "r.json");
    assert!(
        outcomes(&lines).iter().all(|(_, o)| o == "unchanged"),
        "{lines:?}"
    );
    // One briefing edited: only it is built again.
    let b2 = dir.join("b2.toml");
    let text = std::fs::read_to_string(&b2).unwrap();
    std::fs::write(&b2, text.replacen("Number 2", "Number two", 1)).unwrap();
    let r = run_in(&dir, &[&all[..], &["--report", "r.json"]].concat());
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let built: Vec<String> = outcomes(&report(&dir, "r.json"))
        .into_iter()
        .filter(|(_, o)| o == "built")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(built, ["b2.toml"]);
    for i in [0, 1, 3, 4] {
        let now = std::fs::read(dir.join(format!("b{i}.pdf"))).unwrap();
        assert_eq!(now, before[i], "b{i}.pdf was rewritten");
    }
    // An option the output depends on counts too.
    let r = run_in(
        &dir,
        &[&all[..], &["--paper", "a4", "--report", "r.json"]].concat(),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(outcomes(&report(&dir, "r.json"))
        .iter()
        .all(|(_, o)| o == "built"));
}

#[test]
fn exit_codes_tell_a_content_error_from_a_failure_worth_retrying() {
    let dir = scratch("batch_exit_codes");
    five(&dir);
    std::fs::write(dir.join("b1.toml"), "title = 1\n").unwrap();
    let r = run_in(
        &dir,
        &["build", "--files-from", "list.txt", "--report", "r.json"],
    );
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let lines = report(&dir, "r.json");
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[1]["outcome"], "failed");
    assert!(lines[1]["errors"].as_u64().unwrap() >= 1);
    assert_eq!(lines[0]["outcome"], "built");
    // A missing input stays missing: permanent.
    let r = run_in(&dir, &["build", "gone.toml"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    // The system refusing the write (sysfs refuses new files, even to
    // root) may pass on another try: 3.
    if Path::new("/sys/kernel").is_dir() {
        let r = run_in(
            &dir,
            &[
                "build",
                "b0.toml",
                "-o",
                "/sys/kernel/b0.pdf",
                "--report",
                "r.json",
            ],
        );
        assert_eq!(r.code, Some(3), "{}", r.stderr);
        assert_eq!(report(&dir, "r.json")[0]["outcome"], "transient");
    }
    // An empty list builds nothing, and says so.
    std::fs::write(dir.join("empty.txt"), "# nothing tonight\n").unwrap();
    let r = run_in(
        &dir,
        &["build", "--files-from", "empty.txt", "--report", "e.json"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("names no briefing"), "{}", r.stderr);
    assert!(report(&dir, "e.json").is_empty());
}
