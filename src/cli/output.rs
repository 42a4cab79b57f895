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

/// Writes bytes to `target` atomically.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> Result<(), OutputError> {
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
    let (tmp, f) = create_temp(dir, name).map_err(|e| OutputError::Io(target.into(), e))?;
    let result = (|| {
        let mut f = f;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, target)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(OutputError::Io(target.into(), e));
    }
    Ok(())
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
        let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
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
