//! The standard output, written in one place: exports, JSON reports and a
//! PDF sent to `-o -` all go through [`write`], so how a closed pipe is
//! met is decided here once.

use std::io::Write;

/// What became of a write to the standard output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    /// Everything was written.
    Done,
    /// The reader closed the pipe (`| head`): nothing more is wanted, and
    /// nothing is said, as `cargo` does.
    Closed,
    /// Any other failure (a full disk, `/dev/full`), already reported on
    /// the standard error.
    Failed,
}

/// Writes `bytes` to the standard output; a failure other than a closed
/// pipe is reported on the standard error. Never panics.
pub fn put(bytes: &[u8]) -> Put {
    match write(bytes) {
        Ok(()) => Put::Done,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Put::Closed,
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "error: cannot write to the standard output: {e}"
            );
            Put::Failed
        }
    }
}

/// Writes `bytes` to the standard output and flushes it.
fn write(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// Whether the standard output is a terminal (a PDF is not sent to one).
pub fn is_terminal() -> bool {
    std::io::IsTerminal::is_terminal(&std::io::stdout())
}
