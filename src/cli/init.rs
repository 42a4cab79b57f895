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
    let dir = args.dir.clone().unwrap_or_default();
    match write_starter(&dir) {
        Ok(files) => {
            for f in &files {
                eprintln!("wrote {}", f.display());
            }
            let build = if dir.as_os_str().is_empty() {
                "briefing build".to_string()
            } else {
                format!("briefing build {}", files[0].display())
            };
            eprintln!("next: edit {} and run `{build}`", files[0].display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_CONTENT)
        }
    }
}

/// Writes `briefing.toml` and `briefing.schema.json` into `dir` (made if
/// missing); refuses, before writing anything, if either exists.
fn write_starter(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let toml = dir.join(super::naming::DEFAULT_INPUT);
    let schema = dir.join(SCHEMA_FILE);
    let existing: Vec<String> = [&toml, &schema]
        .iter()
        .filter(|p| p.exists())
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
    let schema_text = super::schema_text() + "\n";
    write_new(&schema, schema_text.as_bytes())?;
    write_new(&toml, STARTER.as_bytes())?;
    Ok(vec![toml, schema])
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
