//! Reading a content file (or the standard input) into a [`Source`],
//! bounded in size and refusing what is not a regular file.

use std::path::Path;

use super::naming::{Input, DEFAULT_INPUT};
use crate::diag::{LineCol, Source};

/// Why a content file could not be read. A file that is not UTF-8 is
/// located: `at` is the line and column of its first bad byte.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadError {
    pub message: String,
    pub at: Option<LineCol>,
    /// The diagnostic code, where the fault has one: E0001 for text that
    /// is not UTF-8, E0022 for a file over the size limit.
    pub code: Option<&'static str>,
    /// A fault of the system, not of the input (a read that failed, a
    /// permission): trying again may succeed (exit code 3).
    pub transient: bool,
}

impl ReadError {
    /// What people read: `error[E0022]: cannot read …`, rustc style, with
    /// its `= help:` line where the fault has one.
    pub fn headline(&self) -> String {
        let head = match self.code {
            Some(code) => format!("error[{code}]: {}", self.message),
            None => format!("error: {}", self.message),
        };
        match self.help() {
            Some(help) => format!("{head}\n = help: {help}"),
            None => head,
        }
    }

    /// What to do about it, in human and JSON output alike.
    pub fn help(&self) -> Option<&'static str> {
        match self.code {
            Some("E0001") => Some("save the file as UTF-8"),
            Some("E0022") => Some(crate::model::TOO_LARGE_HELP),
            _ => None,
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<String> for ReadError {
    fn from(message: String) -> Self {
        ReadError {
            message,
            at: None,
            code: None,
            transient: false,
        }
    }
}

/// Reads a content file; a file that is not UTF-8 is a located error.
/// Anything but a regular file (a FIFO, a device, a socket) is refused
/// before it is read, and no more than the size limit plus one byte is
/// ever read.
pub fn read_source(path: &Path) -> Result<Source, ReadError> {
    use crate::safe_read::{human_size, read_bounded, ReadFault};
    let limit = crate::model::MAX_FILE_BYTES as u64;
    let bytes = read_bounded(path, limit).map_err(|e| match e {
        ReadFault::Io(e) => {
            let hint =
                if e.kind() == std::io::ErrorKind::NotFound && path == Path::new(DEFAULT_INPUT) {
                    briefings_here_hint()
                } else {
                    String::new()
                };
            let mut r: ReadError = format!("cannot read {}: {e}{hint}", path.display()).into();
            r.transient = super::batch::transient(e.kind());
            r
        }
        ReadFault::TooLarge { .. } => ReadError {
            message: format!(
                "cannot read {}: the file holds {}; a briefing may hold at most {}",
                path.display(),
                std::fs::metadata(path).map_or_else(
                    |_| "more".into(),
                    |m| { format!("{} bytes", crate::diag::grouped(m.len())) }
                ),
                human_size(limit)
            ),
            at: None,
            code: Some("E0022"),
            transient: false,
        },
        other => format!("cannot read {}: {other}", path.display()).into(),
    })?;
    decode(path, bytes)
}

/// What to say when no file is named and `briefing.toml` is missing:
/// the briefing this folder holds under another name (a `.toml` file
/// with a `title`), or `init`.
fn briefings_here_hint() -> String {
    let mut found: Vec<String> = std::fs::read_dir(".")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| is_briefing(p))
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    found.sort();
    match found.as_slice() {
        [] => " (run `briefing init` to write a starter file)".into(),
        [one] => format!(" (the briefing here is {one}: name it, as in `briefing build {one}`)"),
        many => format!(
            " (this folder holds {} briefings: name one, as in `briefing build {}`)",
            many.len(),
            many[0]
        ),
    }
}

/// Whether a file reads as a briefing: TOML with a `title` (not a
/// `Cargo.toml` or an editor's settings).
pub fn is_briefing(path: &Path) -> bool {
    let limit = crate::model::MAX_FILE_BYTES as u64;
    crate::safe_read::read_bounded(path, limit)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|t| t.parse::<toml::Table>().ok())
        .is_some_and(|t| t.contains_key("title"))
}

/// The most the standard input may hold (the model then says whether it
/// is too long for a briefing).
const STDIN_LIMIT: u64 = 16 << 20;

/// Reads the content from the standard input, to its end.
pub fn read_stdin() -> Result<Source, ReadError> {
    use std::io::Read;
    let path = Path::new("<stdin>");
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(STDIN_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the standard input: {e}"))?;
    if bytes.len() as u64 > STDIN_LIMIT {
        // Past what is read at all; the model refuses anything over
        // MAX_FILE_BYTES with the same code.
        return Err(ReadError {
            message: format!(
                "cannot read the standard input: it holds more than {} MB; a briefing may hold at most {}",
                STDIN_LIMIT >> 20,
                crate::safe_read::human_size(crate::model::MAX_FILE_BYTES as u64)
            ),
            at: None,
            code: Some("E0022"),
            transient: false,
        });
    }
    decode(path, bytes)
}

/// Reads one input named on the command line.
pub fn read_input(input: &Input) -> Result<Source, ReadError> {
    match input {
        Input::Stdin => read_stdin(),
        Input::File(_) | Input::Folder(_) => read_source(&input.path()),
    }
}

/// Content bytes as text; bytes that are not UTF-8 are an error at the
/// line and column of the first bad one.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<Source, ReadError> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(path, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let src = Source::new(path, text);
            let lc = src.line_col(at);
            Err(ReadError {
                message: format!(
                    "{}:{}:{}: the file is not UTF-8 text (byte {at})",
                    path.display(),
                    lc.line,
                    lc.col
                ),
                at: Some(lc),
                code: Some("E0001"),
                transient: false,
            })
        }
    }
}
