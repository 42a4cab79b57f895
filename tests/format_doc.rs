//! docs/format.md, the format reference, against the program: every key of
//! the JSON Schema the program derives from its own types, and every error
//! and warning code the source defines, is documented there (a code with
//! an example), and the README and the man page send readers to it.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

fn doc() -> String {
    std::fs::read_to_string(common::repo().join("docs/format.md")).expect("docs/format.md")
}

/// Every key of the schema as a dotted path (`style.fonts.body.bold`),
/// following `$ref`s, `allOf`/`anyOf`/`oneOf` branches and array items.
fn keys(
    schema: &Value,
    node: &Value,
    path: &str,
    seen: &mut Vec<String>,
    out: &mut BTreeSet<String>,
) {
    if let Some(r) = node.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or("").to_string();
        if seen.contains(&name) {
            return;
        }
        seen.push(name.clone());
        let target = schema["definitions"][&name].clone();
        keys(schema, &target, path, seen, out);
        seen.pop();
    }
    for k in ["allOf", "anyOf", "oneOf"] {
        for branch in node.get(k).and_then(Value::as_array).into_iter().flatten() {
            keys(schema, branch, path, seen, out);
        }
    }
    if let Some(items) = node.get("items") {
        keys(schema, items, path, seen, out);
    }
    for (k, v) in node
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let full = if path.is_empty() {
            k.clone()
        } else {
            format!("{path}.{k}")
        };
        out.insert(full.clone());
        keys(schema, v, &full, seen, out);
    }
}

#[test]
fn every_schema_key_is_documented() {
    let text = std::fs::read_to_string(common::repo().join("briefing.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let mut all = BTreeSet::new();
    keys(&schema, &schema, "", &mut Vec::new(), &mut all);
    assert!(all.len() > 50, "only {} keys found: {all:?}", all.len());
    assert!(all.contains("style.fonts.heading.bold_italic"), "{all:?}");
    let doc = doc();
    let missing: Vec<&String> = all
        .iter()
        .filter(|k| !doc.contains(&format!("`{k}`")))
        .collect();
    assert!(missing.is_empty(), "docs/format.md lacks {missing:?}");
}

/// Every `"E0…"` / `"W0…"` string literal in src/.
fn codes_in(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            codes_in(&path, out);
            continue;
        }
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let bytes = text.as_bytes();
        for i in 0..bytes.len().saturating_sub(6) {
            let quoted = bytes[i] == b'"' && bytes.get(i + 6) == Some(&b'"');
            let code = &bytes[i + 1..i + 6];
            if quoted && matches!(code[0], b'E' | b'W') && code[1..].iter().all(u8::is_ascii_digit)
            {
                out.insert(String::from_utf8_lossy(code).into_owned());
            }
        }
    }
}

#[test]
fn every_error_and_warning_code_is_documented_with_an_example() {
    let mut codes = BTreeSet::new();
    codes_in(&common::repo().join("src"), &mut codes);
    assert!(
        codes.contains("E0001") && codes.contains("W0006"),
        "{codes:?}"
    );
    let doc = doc();
    let mut problems = Vec::new();
    for code in &codes {
        let heading = format!("\n### {code}: ");
        let Some(at) = doc.find(&heading) else {
            problems.push(format!("{code}: no `### {code}: …` section"));
            continue;
        };
        let rest = &doc[at + heading.len()..];
        let end = [rest.find("\n## "), rest.find("\n### ")]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(rest.len());
        let section = &rest[..end];
        if code != "E0017" && !section.contains("```toml") {
            problems.push(format!("{code}: no TOML example"));
        }
        if !section.contains(&format!("[{code}]")) {
            problems.push(format!("{code}: the message it prints is not shown"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_readme_and_the_man_page_point_at_the_reference() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    assert!(
        readme.contains("docs/format.md"),
        "README does not name docs/format.md"
    );
    assert!(
        !readme.contains("FORMAT.md"),
        "README still sends readers to FORMAT.md"
    );
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("man")
        .output()
        .unwrap();
    let man = String::from_utf8_lossy(&o.stdout);
    assert!(
        man.contains("docs/format.md"),
        "the man page does not name docs/format.md"
    );
    assert!(
        !man.contains("FORMAT.md"),
        "the man page still names FORMAT.md"
    );
}
