//! The house rules, read from the source: the pipeline's stages import
//! only the stages before them, and the files of `src/layout/` import one
//! another without circles.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without comments, string contents or `#[cfg(test)]`
/// modules (a unit test may reach anywhere).
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("source file");
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => &text[..],
    };
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_str = false;
        let mut prev = ' ';
        let mut kept = String::new();
        for (i, c) in line.char_indices() {
            if !in_str && c == '/' && line[i..].starts_with("//") {
                break;
            }
            if c == '"' && prev != '\\' && prev != '\'' {
                in_str = !in_str;
                kept.push(c);
            } else if !in_str {
                kept.push(c);
            }
            prev = c;
        }
        out.push_str(&kept);
        out.push('\n');
    }
    out
}

/// The first identifiers of the paths `prefix::…` in `code`: for
/// `crate::text::fonts` and prefix `crate`, "text"; for
/// `super::{a, b::C}`, "a" and "b".
fn paths_after(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let pat = format!("{prefix}::");
    let mut from = 0;
    while let Some(i) = code[from..].find(&pat) {
        let at = from + i;
        from = at + pat.len();
        // Only a whole path segment: not `my_crate::`.
        if at > 0 {
            let before = code[..at].chars().next_back().unwrap_or(' ');
            if before.is_alphanumeric() || before == '_' {
                continue;
            }
        }
        let rest = &code[from..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = matching_brace(group);
            for part in split_top(&group[..end]) {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

fn matching_brace(s: &str) -> usize {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            _ => {}
        }
    }
    s.len()
}

fn split_top(s: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0, 0);
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The pipeline's stages, each with the stages it may import.
const STAGES: &[(&str, &[&str])] = &[
    ("model", &["diag"]),
    ("markup", &["diag", "model"]),
    ("text", &["diag", "model", "markup"]),
    ("layout", &["model", "markup", "text"]),
    ("render", &["model", "layout", "text"]),
    // Beside render: the exports read the document and the model (and the
    // theme's colours and the charts' number format from layout).
    ("export", &["model", "markup", "text", "layout"]),
];

#[test]
fn each_stage_imports_only_the_stages_before_it() {
    let mut wrong = Vec::new();
    for (stage, allowed) in STAGES {
        let mut files = Vec::new();
        rust_files(&src().join(stage), &mut files);
        assert!(!files.is_empty(), "no files in src/{stage}");
        for f in files {
            for used in paths_after(&code(&f), "crate") {
                let is_stage = STAGES.iter().any(|(s, _)| *s == used)
                    || ["cli", "pipeline", "diag"].contains(&used.as_str());
                if is_stage && used != *stage && !allowed.contains(&used.as_str()) {
                    wrong.push(format!("{} uses crate::{used}", f.display()));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the pipeline:\n{}",
        wrong.join("\n")
    );
}

/// Which file of a folder (`src/layout/`, `src/cli/`) each name reached
/// through `super::` or `crate::<folder>::` comes from: a module's own
/// file, or the file that `mod.rs` re-exports the name from.
fn module_names(dir: &Path) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    let mut files = Vec::new();
    rust_files(dir, &mut files);
    for f in &files {
        let stem = f.file_stem().unwrap().to_string_lossy().to_string();
        if stem != "mod" {
            names.insert(stem.clone(), stem);
        }
    }
    let root = code(&dir.join("mod.rs"));
    for line in root.lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let (module, items) = rest.split_once("::").expect("pub use module::…");
        let items = items.trim_end_matches(';');
        let items = items.trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            names.insert(item.trim().to_string(), module.to_string());
        }
    }
    names
}

/// Whether `mod.rs` of `dir` defines `name` itself (the folder's root,
/// which every file may use: it is not a node of the graph).
fn defined_in_root(dir: &Path, name: &str) -> bool {
    let root = code(&dir.join("mod.rs"));
    ["fn", "const", "static", "struct", "enum", "type"]
        .iter()
        .any(|kw| root.contains(&format!("{kw} {name}")))
}

/// The graph of which file of `src/<folder>/` imports which.
fn import_graph(folder: &str) -> Graph {
    let dir = src().join(folder);
    let names = module_names(&dir);
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    let mut edges = Graph::new();
    for f in &files {
        let stem = f.file_stem().unwrap().to_string_lossy().to_string();
        if stem == "mod" {
            continue;
        }
        let c = code(f);
        let used = paths_after(&c, "super")
            .into_iter()
            .chain(paths_after(&c, &format!("crate::{folder}")));
        let deps = edges.entry(stem.clone()).or_default();
        for name in used {
            match names.get(&name) {
                Some(file) if *file != stem => {
                    deps.insert(file.clone());
                }
                Some(_) => {}
                None if defined_in_root(&dir, &name) => {}
                None => panic!(
                    "{}: `{name}` is not a module or re-export of {folder}",
                    f.display()
                ),
            }
        }
    }
    edges
}

type Graph = BTreeMap<String, BTreeSet<String>>;

/// A circle in the graph, as the path that closes it.
fn find_circle(edges: &Graph) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &Graph,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(2) => return None,
            Some(1) => {
                let i = path.iter().position(|p| p == n).unwrap();
                let mut circle = path[i..].to_vec();
                circle.push(n.to_string());
                return Some(circle);
            }
            _ => {}
        }
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for d in edges.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, edges, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    edges
        .keys()
        .find_map(|n| visit(n, edges, &mut state, &mut Vec::new()))
}

#[test]
fn layout_files_import_one_another_without_circles() {
    let edges = import_graph("layout");
    if let Some(circle) = find_circle(&edges) {
        panic!("import circle in src/layout: {}", circle.join(" -> "));
    }
    // The check sees the imports it must: the flow stacks the builders.
    assert!(edges["flow"].contains("sections") && edges["flow"].contains("paginate"));
    assert!(edges["paragraph"].contains("linebreak") && edges["paragraph"].contains("line"));
}

#[test]
fn cli_files_import_one_another_without_circles() {
    let edges = import_graph("cli");
    if let Some(circle) = find_circle(&edges) {
        panic!("import circle in src/cli: {}", circle.join(" -> "));
    }
    // The check sees the imports it must: build reads inputs and names
    // targets, the export command too.
    assert!(edges["build"].contains("read") && edges["build"].contains("naming"));
    assert!(edges["export"].contains("read") && edges["export"].contains("naming"));
}

#[test]
fn the_checker_finds_a_circle_and_a_stage_import() {
    // The parser itself: a group import and a path in code both count.
    let c = "use super::{ctx::{Ctx, text_run}, vbox};\nfn f() { super::flow::shift(); crate::render::x(); }";
    let supers = paths_after(c, "super");
    assert_eq!(
        supers.into_iter().collect::<Vec<_>>(),
        ["ctx", "flow", "vbox"]
    );
    assert!(paths_after(c, "crate").contains("render"));
    // A circle of three files is found, a chain is not.
    let graph = |pairs: &[(&str, &str)]| {
        let mut g = Graph::new();
        for (a, b) in pairs {
            g.entry(a.to_string()).or_default().insert(b.to_string());
        }
        g
    };
    let circle = find_circle(&graph(&[
        ("flow", "ctx"),
        ("ctx", "vbox"),
        ("vbox", "flow"),
    ]));
    assert_eq!(circle.unwrap(), ["ctx", "vbox", "flow", "ctx"]);
    assert!(find_circle(&graph(&[
        ("flow", "ctx"),
        ("ctx", "vbox"),
        ("flow", "vbox")
    ]))
    .is_none());
    // Comments and strings do not count.
    let tmp = std::env::temp_dir().join(format!("arch-{}.rs", std::process::id()));
    std::fs::write(
        &tmp,
        "// crate::render\nlet s = \"crate::cli\";\nuse crate::text;\n",
    )
    .unwrap();
    let found = paths_after(&code(&tmp), "crate");
    std::fs::remove_file(&tmp).ok();
    assert_eq!(found.into_iter().collect::<Vec<_>>(), ["text"]);
}

#[test]
fn main_only_wires_the_cli() {
    let main = std::fs::read_to_string(src().join("main.rs")).unwrap();
    assert!(main.lines().count() <= 20, "main.rs grew past wiring");
    assert!(main.contains("briefing::cli::main()"));
}

#[test]
fn every_module_says_what_it_owns() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let missing: Vec<_> = files
        .iter()
        .filter(|f| {
            !std::fs::read_to_string(f)
                .unwrap()
                .trim_start()
                .starts_with("//!")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(missing.is_empty(), "files without a //! line: {missing:?}");
}
