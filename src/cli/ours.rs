//! Whether a file that is in the way is one this program wrote, and so
//! may be replaced by the next build or export without `--force`. Files
//! are only opened when regular (a FIFO is never waited on) and read in
//! part: the first and last few kilobytes, where the markers are.
//!
//! - A PDF is ours when its XMP metadata (stored uncompressed, as PDF/A
//!   asks) names this program as its creator tool. The metadata stream
//!   is written near the end of the file, after the pages' streams, so
//!   the tail is read first; a file whose tail does not hold it is read
//!   through (bounded), for PDFs whose last objects are large.
//! - An export is ours when its first lines (HTML, Markdown) or its last
//!   line (plain text) carry the generator marker ([`crate::export::is_ours`]).
//! - A mail draft is ours when its headers carry our `X-Mailer`.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// The bytes of a PDF that only this program writes: the XMP creator
/// tool, and the Info dictionary's Creator when it is stored plainly.
const PDF_MARKERS: [&[u8]; 2] = [b"<xmp:CreatorTool>briefing ", b"/Creator(briefing "];

/// How much of the end of a PDF is read first.
const PDF_TAIL: u64 = 256 * 1024;

/// The most of a PDF read to find the marker: a larger file is taken as
/// not ours without reading it (a briefing of a thousand pages is a few
/// megabytes; in one of 278 pages the metadata sits 445 KB from the end).
const PDF_LIMIT: u64 = 64 << 20;

/// How much of an export's (or a mail draft's) head and tail is read.
const EXPORT_SPAN: u64 = 4096;

/// What is at a target we are about to write.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// Nothing, or an empty file: nothing to lose.
    Free,
    /// A file this program wrote.
    Ours,
    /// A file some other program (or a person) wrote.
    Foreign,
}

/// What is at `path`, for a PDF.
pub fn pdf(path: &Path) -> Found {
    classify(path, |f, len| {
        if len > PDF_LIMIT {
            return false;
        }
        let start = len.saturating_sub(PDF_TAIL);
        let tail = read_from(f, start, PDF_TAIL);
        if has_marker(&tail) {
            return true;
        }
        start > 0 && has_marker(&read_from(f, 0, len))
    })
}

/// What is at `path`, for an export.
pub fn export(path: &Path) -> Found {
    classify(path, |f, len| {
        let head = read_from(f, 0, EXPORT_SPAN);
        let tail = read_from(f, len.saturating_sub(EXPORT_SPAN), EXPORT_SPAN);
        crate::export::is_ours(&head, &tail)
    })
}

/// What is at `path`, for a mail draft.
pub fn mail(path: &Path) -> Found {
    classify(path, |f, _| {
        let head = read_from(f, 0, EXPORT_SPAN);
        crate::export::mail::is_ours(&head)
    })
}

fn classify(path: &Path, ours: impl FnOnce(&mut std::fs::File, u64) -> bool) -> Found {
    let Ok((mut f, _)) = crate::safe_read::open_regular(path) else {
        return Found::Free;
    };
    let len = f.metadata().map_or(0, |m| m.len());
    if len == 0 {
        Found::Free
    } else if ours(&mut f, len) {
        Found::Ours
    } else {
        Found::Foreign
    }
}

fn has_marker(bytes: &[u8]) -> bool {
    PDF_MARKERS
        .iter()
        .any(|m| memchr::memmem::find(bytes, m).is_some())
}

/// Up to `n` bytes from `at` (fewer at the end, none on a read error).
fn read_from(f: &mut std::fs::File, at: u64, n: u64) -> Vec<u8> {
    let mut out = Vec::new();
    if f.seek(SeekFrom::Start(at)).is_ok() {
        let _ = f.take(n).read_to_end(&mut out);
    }
    out
}
