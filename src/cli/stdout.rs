//! The standard output, written in one place: exports, JSON reports and a
//! PDF sent to `-o -` all go through [`write`], so how a closed pipe is
//! met is decided here once.

use std::io::Write;

/// Writes `bytes` to the standard output and flushes it.
pub fn write(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// Whether the standard output is a terminal (a PDF is not sent to one).
pub fn is_terminal() -> bool {
    std::io::IsTerminal::is_terminal(&std::io::stdout())
}
