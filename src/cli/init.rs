//! `briefing init`: a starter content file that shows every key of the
//! format and builds at once, and the JSON Schema that editors read.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::args::InitArgs;
use super::output::write_atomic;
use super::EXIT_CONTENT;

/// The starter file; `tests/cli_workflow.rs` proves it builds.
pub const STARTER: &str = include_str!("starter.toml");
/// The schema's file name, as the starter's `#:schema` line names it.
pub const SCHEMA_FILE: &str = "briefing.schema.json";

pub fn init(args: &InitArgs) -> ExitCode {
    let (dir, toml) = place(args.dir.as_deref());
    match write_starter(&dir, &toml) {
        Ok(files) => {
            for f in &files {
                eprintln!("wrote {}", f.display());
            }
            let build = if toml == Path::new(super::naming::DEFAULT_INPUT) {
                "briefing build".to_string()
            } else {
                format!("briefing build {}", toml.display())
            };
            eprintln!("next: edit {} and run `{build}`", toml.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_CONTENT)
        }
    }
}

/// The folder and the content file `init` writes: `init peru.toml` (any
/// name ending in `.toml`) writes that file, `init east` the
/// `briefing.toml` in the folder `east`, `init` the one here.
fn place(arg: Option<&Path>) -> (PathBuf, PathBuf) {
    let Some(arg) = arg else {
        return (PathBuf::new(), PathBuf::from(super::naming::DEFAULT_INPUT));
    };
    let is_file = !arg.is_dir()
        && arg
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if is_file {
        let dir = arg.parent().map(Path::to_path_buf).unwrap_or_default();
        (dir, arg.to_path_buf())
    } else {
        (arg.to_path_buf(), arg.join(super::naming::DEFAULT_INPUT))
    }
}

/// Writes the content file `toml` and `briefing.schema.json` into `dir`
/// (made if missing); refuses, before writing anything, if the content
/// file exists. A schema already there is kept when it is today's (a
/// second briefing in one folder shares it), else also refused.
fn write_starter(dir: &Path, toml: &Path) -> Result<Vec<PathBuf>, String> {
    let schema = dir.join(SCHEMA_FILE);
    let schema_text = super::schema_text() + "\n";
    let schema_current = std::fs::read(&schema).is_ok_and(|b| b == schema_text.as_bytes());
    let existing: Vec<String> = [toml, &schema]
        .iter()
        .filter(|p| p.exists() && !(**p == schema && schema_current))
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(format!(
            "{} already exist{}; not overwriting (`briefing schema > {SCHEMA_FILE}` refreshes the schema)",
            existing.join(" and "),
            if existing.len() == 1 { "s" } else { "" }
        ));
    }
    if !dir.as_os_str().is_empty() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
    }
    let mut wrote = vec![toml.to_path_buf()];
    if !schema_current {
        write_new(&schema, schema_text.as_bytes())?;
        wrote.push(schema);
    }
    write_new(toml, STARTER.as_bytes())?;
    Ok(wrote)
}

/// Writes a file that must not exist yet, atomically.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if path.exists() {
        return Err(format!(
            "{} already exists; not overwriting",
            path.display()
        ));
    }
    write_atomic(path, bytes).map_err(|e| e.to_string())
}
