//! Writing the PDF so that nothing is lost: a temporary file beside the
//! target, renamed into place only when complete; never over a file that
//! is not a PDF, never over the input.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug)]
pub enum OutputError {
    /// The target is the content file itself, or a file that is not a PDF.
    WouldClobber(PathBuf, &'static str),
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

/// Checks that `target` may be (over)written with a PDF made from `input`.
pub fn check_target(target: &Path, input: &Path) -> Result<(), OutputError> {
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
    if let Ok((mut f, _)) = crate::safe_read::open_regular(target) {
        let mut head = [0u8; 5];
        let n = std::io::Read::read(&mut f, &mut head).unwrap_or(0);
        if n > 0 && head[..n.min(5)] != b"%PDF-"[..n.min(5)] {
            return Err(OutputError::WouldClobber(
                target.into(),
                "it exists and is not a PDF",
            ));
        }
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
