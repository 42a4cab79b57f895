//! `git:REV` as a redline's older version: NEW's file as it was at that
//! revision of its repository, read with `git show REV:./FILE` run in
//! NEW's folder.

use std::path::Path;
use std::process::Command;

use super::read::{decode, ReadError};
use crate::diag::Source;

fn err(code: &'static str, message: String) -> ReadError {
    ReadError {
        message,
        at: None,
        code: Some(code),
        transient: false,
    }
}

/// NEW's file at revision `rev`; the source is named `REV:FILE`.
pub fn show(rev: &str, new: &Path) -> Result<Source, ReadError> {
    let dir = new
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = new.file_name().and_then(|n| n.to_str()).ok_or_else(|| {
        err(
            "E0038",
            format!("{} has no file name to look up", new.display()),
        )
    })?;
    let run = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .map_err(|e| {
                err(
                    "E0040",
                    format!("cannot run git to read git:{rev} ({e}); is git installed?"),
                )
            })
    };
    let inside = run(&["rev-parse", "--is-inside-work-tree"])?;
    if !inside.status.success() {
        return Err(err(
            "E0037",
            format!(
                "git:{rev} names a revision, but {} is not in a git repository",
                new.display()
            ),
        ));
    }
    if rev.is_empty() || rev.starts_with('-') {
        return Err(err("E0038", format!("`git:{rev}` names no revision")));
    }
    let commit = run(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ])?;
    if !commit.status.success() {
        return Err(err(
            "E0038",
            format!(
                "the repository of {} has no revision `{rev}`",
                new.display()
            ),
        ));
    }
    let spec = format!("{rev}:./{name}");
    let out = run(&["show", &spec])?;
    if !out.status.success() {
        return Err(err(
            "E0038",
            format!("revision `{rev}` has no file {name} in {}", dir.display()),
        ));
    }
    // The model checks its size, as for any content file.
    decode(Path::new(&format!("{rev}:{name}")), out.stdout)
}
