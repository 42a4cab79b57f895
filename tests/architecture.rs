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
    // The redline's diff stage: two marked-up documents in, one out,
    // before layout (which only reads the marks markup's runs carry).
    ("diff", &["model", "markup"]),
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

/// The module path of a file under `src/layout/`: `paragraph/line.rs`
/// is `paragraph::line`, `paragraph/mod.rs` is `paragraph`, `mod.rs` is
/// the empty path.
fn module_of(dir: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(dir).expect("file under its stage");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The names each module of `src/layout/` offers that stand for another
/// module: its `pub use` re-exports, from the module whose file has them
/// (`pub use pages::budget::{layout, BudgetError}` in `mod.rs` makes
/// `layout` stand for `pages::budget`).
fn reexports(dir: &Path, modules: &BTreeSet<Vec<String>>) -> BTreeMap<Vec<String>, Vec<String>> {
    let mut names = BTreeMap::new();
    for m in modules {
        let mut file = dir.to_path_buf();
        m.iter().for_each(|p| file.push(p));
        let file = if file.is_dir() || m.is_empty() {
            file.join("mod.rs")
        } else {
            file.with_extension("rs")
        };
        for line in code(&file).lines() {
            let Some(rest) = line.trim().strip_prefix("pub use ") else {
                continue;
            };
            let rest = rest.trim_end_matches(';');
            let (path, items) = match rest.find("::{") {
                Some(i) => (&rest[..i], rest[i + 3..].trim_end_matches('}')),
                None => rest.rsplit_once("::").expect("pub use path::item"),
            };
            let mut target = m.clone();
            target.extend(path.split("::").map(str::to_string));
            for item in items.split(',') {
                let item = item.trim();
                let name = item.rsplit(' ').next().unwrap_or(item);
                let mut key = m.clone();
                key.push(name.to_string());
                // A re-exported module stands for itself.
                let mut whole = target.clone();
                whole.push(item.split(' ').next().unwrap_or(item).to_string());
                let to = if modules.contains(&whole) {
                    whole
                } else {
                    target.clone()
                };
                names.insert(key, to);
            }
        }
    }
    names
}

/// The `super::…`, `self::…` and `crate::layout::…` paths in `code`, each as its
/// segments (`super::{a::B, c}` gives `[super, a, B]` and `[super, c]`).
fn stage_paths(code: &str, stage: &str) -> Vec<Vec<String>> {
    fn walk(s: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
        let mut path = prefix.to_vec();
        let mut rest = s;
        loop {
            if let Some(group) = rest.strip_prefix('{') {
                let end = matching_brace(group);
                for part in split_top(&group[..end]) {
                    walk(part.trim(), &path, out);
                }
                return;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if name.is_empty() {
                break;
            }
            rest = &rest[name.len()..];
            path.push(name);
            match rest.strip_prefix("::") {
                Some(r) => rest = r,
                None => break,
            }
        }
        out.push(path);
    }
    let mut out = Vec::new();
    let own = format!("crate::{stage}::");
    for prefix in ["super::", "self::", own.as_str()] {
        let mut from = 0;
        while let Some(i) = code[from..].find(prefix) {
            let at = from + i;
            from = at + prefix.len();
            let before = code[..at].chars().next_back().unwrap_or(' ');
            if before.is_alphanumeric() || before == '_' || before == ':' {
                continue;
            }
            let head = vec![prefix.trim_end_matches("::").to_string()];
            walk(&code[from..], &head, &mut out);
        }
    }
    out
}

/// The module a path leads to, from the file at `module`: the deepest
/// module it names, or the module a re-export there stands for.
fn resolve(
    module: &[String],
    is_mod_file: bool,
    path: &[String],
    modules: &BTreeSet<Vec<String>>,
    names: &BTreeMap<Vec<String>, Vec<String>>,
) -> Option<Vec<String>> {
    let mut at: Vec<String> = match path[0].as_str() {
        "super" if is_mod_file => module[..module.len().saturating_sub(1)].to_vec(),
        "super" => module[..module.len() - 1].to_vec(),
        "self" => module.to_vec(),
        _ => Vec::new(),
    };
    for seg in &path[1..] {
        let mut next = at.clone();
        next.push(seg.clone());
        if modules.contains(&next) {
            at = next;
        } else if let Some(to) = names.get(&next) {
            return Some(to.clone());
        } else if seg.chars().next().is_some_and(char::is_lowercase) && at == module {
            return None;
        } else {
            break;
        }
    }
    Some(at)
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
    let dir = src().join("layout");
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&dir, f)).collect();
    let names = reexports(&dir, &modules);
    let key = |m: &[String]| {
        if m.is_empty() {
            "layout".to_string()
        } else {
            m.join("::")
        }
    };
    let mut edges = Graph::new();
    let mut folders = Graph::new();
    for f in &files {
        let module = module_of(&dir, f);
        let is_mod_file = f.file_name().is_some_and(|n| n == "mod.rs");
        let deps = edges.entry(key(&module)).or_default();
        for path in stage_paths(&code(f), "layout") {
            let Some(to) = resolve(&module, is_mod_file, &path, &modules, &names) else {
                continue;
            };
            // A folder's mod.rs only declares its files; a path to the
            // folder itself or to the layout root is no edge.
            if to.is_empty() || to == module || module.starts_with(&to) {
                continue;
            }
            deps.insert(key(&to));
            if let (Some(a), Some(b)) = (module.first(), to.first()) {
                if a != b {
                    folders.entry(a.clone()).or_default().insert(b.clone());
                }
            }
        }
    }
    if let Some(circle) = find_circle(&edges) {
        panic!("import circle in src/layout: {}", circle.join(" -> "));
    }
    if let Some(circle) = find_circle(&folders) {
        panic!(
            "import circle between layout folders: {}",
            circle.join(" -> ")
        );
    }
    // The steps go one way: paragraphs know no blocks or pages, blocks
    // know no pages.
    let uses = |a: &str, b: &str| folders.get(a).is_some_and(|d| d.contains(b));
    assert!(
        !uses("paragraph", "blocks") && !uses("paragraph", "pages"),
        "{folders:?}"
    );
    assert!(!uses("blocks", "pages"), "{folders:?}");
    // The check sees the imports it must: the flow stacks the builders,
    // a paragraph runs its three steps, and re-exports resolve.
    let flow = &edges["pages::flow"];
    assert!(
        flow.contains("blocks::sections") && flow.contains("pages::settle"),
        "{flow:?}"
    );
    assert!(
        edges["pages::settle"].contains("pages::paginate"),
        "{:?}",
        edges["pages::settle"]
    );
    let par = &edges["paragraph"];
    assert!(
        par.contains("paragraph::linebreak") && par.contains("paragraph::line"),
        "{par:?}"
    );
    assert!(
        edges["paragraph::line"].contains("page"),
        "{:?}",
        edges["paragraph::line"]
    );
    assert!(uses("pages", "blocks") && uses("blocks", "paragraph"));
}

#[test]
fn cli_files_import_one_another_without_circles() {
    let dir = src().join("cli");
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&dir, f)).collect();
    let names = reexports(&dir, &modules);
    let mut edges = Graph::new();
    for f in &files {
        let module = module_of(&dir, f);
        if module.is_empty() {
            continue; // mod.rs wires the commands together
        }
        let deps = edges.entry(module.join("::")).or_default();
        for path in stage_paths(&code(f), "cli") {
            let Some(to) = resolve(&module, false, &path, &modules, &names) else {
                continue;
            };
            if !to.is_empty() && to != module {
                deps.insert(to.join("::"));
            }
        }
    }
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
