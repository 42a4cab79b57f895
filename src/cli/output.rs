//! Writing the PDF so that nothing is lost: a temporary file beside the
//! target, renamed into place only when complete; never over the input,
//! and over an existing file only when this program wrote it (or with
//! `--force`).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug)]
pub enum OutputError {
    /// The target is the content file itself, or not named `.pdf`.
    WouldClobber(PathBuf, &'static str),
    /// A file this program did not write is at the target: what it is.
    NotOurs(PathBuf, &'static str),
    NoFolder(PathBuf),
    /// Something that is not a regular file is at the target: what it is.
    NotRegular(PathBuf, &'static str),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::WouldClobber(p, why) => {
                write!(f, "refusing to write {}: {why}", p.display())
            }
            OutputError::NotOurs(p, what) => write!(
                f,
                "refusing to replace {}: {what}; pass --force to replace it",
                p.display()
            ),
            OutputError::NoFolder(p) => {
                write!(f, "cannot write {}: the folder does not exist", p.display())
            }
            OutputError::NotRegular(p, kind) => write!(
                f,
                "refusing to write {}: it is {kind}, not a regular file",
                p.display()
            ),
            OutputError::Io(p, e) => write!(f, "cannot write {}: {e}", p.display()),
        }
    }
}

/// Checks that `target` may be (over)written with a PDF made from `input`:
/// never the input, never what is not a regular file, and a file that is
/// there only when this program wrote it (or `force`).
pub fn check_target(target: &Path, input: &Path, force: bool) -> Result<(), OutputError> {
    let same = match (fs::canonicalize(target), fs::canonicalize(input)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(OutputError::WouldClobber(
            target.into(),
            "it is the content file",
        ));
    }
    if target
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        != Some("pdf".into())
    {
        return Err(OutputError::WouldClobber(
            target.into(),
            "the output must end in .pdf",
        ));
    }
    // Opened without blocking and checked by fstat: a FIFO, device or
    // socket at the target is refused, never opened for a wait.
    if let Some(kind) = crate::safe_read::not_regular(target) {
        return Err(OutputError::NotRegular(target.into(), kind));
    }
    if !force && super::ours::pdf(target) == super::ours::Found::Foreign {
        let pdf = crate::safe_read::open_regular(target).is_ok_and(|(mut f, _)| {
            let mut head = [0u8; 5];
            std::io::Read::read_exact(&mut f, &mut head).is_ok() && &head == b"%PDF-"
        });
        let what = if pdf {
            "it is a PDF that briefing did not write"
        } else {
            "it exists and is not a PDF"
        };
        return Err(OutputError::NotOurs(target.into(), what));
    }
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(OutputError::NoFolder(target.into()));
    }
    Ok(())
}

/// Refuses a target that is the content file itself or not a regular
/// file (a FIFO, a device, a socket): what no export or draft may write
/// over, `--force` or not.
pub fn never_the_input(path: &Path, input: &Path) -> Result<(), String> {
    let same = match (path.canonicalize(), input.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(format!(
            "refusing to write {}: it is the content file",
            path.display()
        ));
    }
    if let Some(kind) = crate::safe_read::not_regular(path) {
        return Err(format!(
            "refusing to write {}: it is {kind}, not a regular file",
            path.display()
        ));
    }
    Ok(())
}

/// Writes bytes to `target` atomically.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    write_atomic_with(target, bytes, |_| Ok(()))
}

/// Writes bytes to `target` atomically, asking `still_ok` about the
/// target once more just before the rename: a build takes time, and a file
/// saved at the target meanwhile (a text, another tool's PDF) must not be
/// replaced because it was absent when the build began.
pub fn write_atomic_with(
    target: &Path,
    bytes: &[u8],
    still_ok: impl FnOnce(&Path) -> Result<(), OutputError>,
) -> Result<(), OutputError> {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(OutputError::NoFolder(target.into()));
    }
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("out.pdf");
    remove_stale(dir, name);
    let (tmp, f) = create_temp(dir, name).map_err(|e| OutputError::Io(target.into(), e))?;
    let result = (|| {
        let mut f = f;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        Ok(())
    })()
    .map_err(|e| OutputError::Io(target.into(), e))
    .and_then(|()| still_ok(target))
    .and_then(|()| fs::rename(&tmp, target).map_err(|e| OutputError::Io(target.into(), e)));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The mark in our temporary files' names: `.NAME.briefing-tmp-PID-N`.
const TEMP_MARK: &str = ".briefing-tmp-";

/// Removes the temporary files of `name` that a build of ours left when it
/// was killed: ours by their name, left by a process that no longer runs
/// (or, where processes cannot be listed, a day old).
fn remove_stale(dir: &Path, name: &str) {
    let prefix = format!(".{name}{TEMP_MARK}");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let procs = Path::new("/proc/self").exists();
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(rest) = file.to_str().and_then(|f| f.strip_prefix(&prefix)) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid == std::process::id() {
            continue;
        }
        let gone = if procs {
            !Path::new("/proc").join(pid.to_string()).exists()
        } else {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 86_400)
        };
        if gone && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Numbers the temporary files of the writes one process makes at once
/// (builds run in parallel, and two inputs may even name one target).
static TEMP_SERIAL: AtomicU64 = AtomicU64::new(0);

/// Creates a fresh temporary file beside the target, never reusing one
/// that exists.
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, fs::File)> {
    use std::io::ErrorKind::AlreadyExists;
    for _ in 0..100 {
        let n = TEMP_SERIAL.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}{TEMP_MARK}{}-{n}", std::process::id()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        AlreadyExists,
        "no free name for a temporary file",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("briefing-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn temps(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(TEMP_MARK))
            .collect()
    }

    #[test]
    fn a_file_saved_at_the_target_during_the_build_survives() {
        let dir = scratch("race");
        let input = dir.join("b.toml");
        fs::write(&input, "title = \"x\"").unwrap();
        let target = dir.join("b.pdf");
        check_target(&target, &input, false).expect("free at the start");
        // The author saves notes at the target while the PDF is written.
        let r = write_atomic_with(&target, b"%PDF-1.7 new", |p| {
            fs::write(p, "my notes").unwrap();
            check_target(p, &input, false)
        });
        assert!(matches!(r, Err(OutputError::NotOurs(..))), "{r:?}");
        assert_eq!(fs::read(&target).unwrap(), b"my notes");
        assert!(temps(&dir).is_empty(), "{:?}", temps(&dir));
        // With nothing in the way, the PDF lands.
        fs::remove_file(&target).unwrap();
        write_atomic_with(&target, b"%PDF-1.7 new", |p| check_target(p, &input, false)).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"%PDF-1.7 new");
    }

    #[test]
    fn temporary_files_of_a_killed_build_are_removed_by_the_next() {
        let dir = scratch("stale");
        // No process has a number above the kernel's limit (4,194,304).
        let dead = format!(".b.pdf{TEMP_MARK}4999999-0");
        let alive = format!(".b.pdf{TEMP_MARK}{}-77", std::process::id());
        let other = format!(".c.pdf{TEMP_MARK}4999999-0");
        for n in [&dead, &alive, &other] {
            fs::write(dir.join(n), b"%PDF-partial").unwrap();
        }
        write_atomic(&dir.join("b.pdf"), b"%PDF-1.7").unwrap();
        let mut left = temps(&dir);
        left.sort();
        // This process's own file (it is running) and another target's
        // stay; the dead build's file of this target is gone.
        let mut want = vec![alive.clone(), other.clone()];
        want.sort();
        assert_eq!(left, want);
    }
}
