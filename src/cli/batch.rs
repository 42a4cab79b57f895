//! What a job runner needs to rebuild many briefings: a list of inputs
//! from a file, a share of them (`--shard K/N`), outputs left alone when
//! they are already what a build would make (`--skip-unchanged`), one
//! report line per input (`--report FILE.json`), and exit codes that tell
//! a permanent failure from one worth retrying.

use std::path::{Path, PathBuf};

use serde_json::json;

/// One of `n` equal shares of the inputs, numbered from 0 as a Kubernetes
/// Indexed Job numbers its pods (`JOB_COMPLETION_INDEX`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: usize,
    pub n: usize,
}

/// Parses `K/N` with `0 <= K < N`.
pub fn parse_shard(s: &str) -> Result<Shard, String> {
    let bad = || format!("`{s}` is not a shard: write K/N with 0 <= K < N, as in 0/4");
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let k: usize = k.trim().parse().map_err(|_| bad())?;
    let n: usize = n.trim().parse().map_err(|_| bad())?;
    if n == 0 || k >= n {
        return Err(bad());
    }
    Ok(Shard { k, n })
}

impl Shard {
    /// The inputs of this share: every `n`th from the `k`th, in list
    /// order, so that shares differ by one input at most and each input
    /// is in exactly one.
    pub fn select<T>(self, items: Vec<T>) -> Vec<T> {
        items
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % self.n == self.k)
            .map(|(_, t)| t)
            .collect()
    }
}

/// The most a list of inputs may hold, in bytes (a million paths).
const MAX_LIST_BYTES: u64 = 256 << 20;

/// The paths in a list file, one a line; blank lines and lines starting
/// with `#` are skipped, paths are relative to the current folder. `-`
/// reads the list from the standard input.
pub fn files_from(list: &Path) -> Result<Vec<PathBuf>, String> {
    let text = if list.as_os_str() == "-" {
        use std::io::Read;
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_LIST_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read the list from the standard input: {e}"))?;
        bytes
    } else {
        crate::safe_read::read_bounded(list, MAX_LIST_BYTES)
            .map_err(|e| format!("cannot read the list {}: {e}", list.display()))?
    };
    if text.len() as u64 > MAX_LIST_BYTES {
        return Err(format!(
            "the list {} holds more than {} MB",
            list.display(),
            MAX_LIST_BYTES >> 20
        ));
    }
    let text = String::from_utf8(text)
        .map_err(|_| format!("the list {} is not UTF-8 text", list.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(PathBuf::from)
        .collect())
}

/// The document ID of a PDF of ours, read from its cross-reference
/// stream's dictionary near the end of the file; `None` for anything else.
pub fn document_id(pdf: &Path) -> Option<[u8; 16]> {
    use std::io::{Read, Seek, SeekFrom};
    let (mut f, meta) = crate::safe_read::open_regular(pdf).ok()?;
    let tail = meta.len().min(8192);
    f.seek(SeekFrom::End(-(tail as i64))).ok()?;
    let mut bytes = Vec::with_capacity(tail as usize);
    f.take(tail).read_to_end(&mut bytes).ok()?;
    let at = bytes.windows(5).rposition(|w| w == b"/ID[<")? + 5;
    let hex = bytes.get(at..at + 32)?;
    let mut id = [0u8; 16];
    for (i, pair) in hex.chunks(2).enumerate() {
        let s = std::str::from_utf8(pair).ok()?;
        id[i] = u8::from_str_radix(s, 16).ok()?;
    }
    Some(id)
}

/// How one input ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Outcome {
    Built,
    /// `--skip-unchanged`: the output already had this input's ID.
    Unchanged,
    /// The content (or what is at the output) is wrong: building again
    /// gives the same error. (A build that panicked counts as this.)
    #[default]
    Failed,
    /// The system failed (a read or write the OS refused): worth a retry.
    Transient,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Built => "built",
            Outcome::Unchanged => "unchanged",
            Outcome::Failed => "failed",
            Outcome::Transient => "transient",
        }
    }

    pub fn ok(self) -> bool {
        matches!(self, Outcome::Built | Outcome::Unchanged)
    }
}

/// What the report says of one input.
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub input: String,
    pub output: Option<String>,
    pub id: Option<[u8; 16]>,
    pub pages: Option<usize>,
    pub ms: f64,
    pub outcome: Outcome,
    pub errors: usize,
    pub warnings: usize,
}

impl Record {
    pub fn new(input: String) -> Record {
        Record {
            input,
            ..Record::default()
        }
    }

    /// One JSON Lines line.
    pub fn line(&self) -> String {
        let id = self
            .id
            .map(|id| id.iter().map(|b| format!("{b:02x}")).collect::<String>());
        json!({
            "input": self.input,
            "output": self.output,
            "id": id,
            "pages": self.pages,
            "ms": (self.ms * 10.0).round() / 10.0,
            "outcome": self.outcome.name(),
            "errors": self.errors,
            "warnings": self.warnings,
        })
        .to_string()
    }
}

/// Whether an I/O failure may pass on a second try: not a missing file or
/// a path that names the wrong kind of thing, which stay as they are, but
/// a refusal, a full disk, a failing disk or network share.
pub fn transient(kind: std::io::ErrorKind) -> bool {
    use std::io::ErrorKind::*;
    !matches!(
        kind,
        NotFound | NotADirectory | IsADirectory | InvalidInput | InvalidData | Unsupported
    )
}

/// The exit code of a run: 3 when any input failed for a reason worth a
/// retry, else 1 when any failed, else 0.
pub fn exit_code(outcomes: impl IntoIterator<Item = Outcome>) -> u8 {
    let mut code = 0;
    for o in outcomes {
        match o {
            Outcome::Transient => return super::EXIT_TRANSIENT,
            Outcome::Failed => code = super::EXIT_CONTENT,
            _ => {}
        }
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_a_list_into_disjoint_even_shares() {
        let items: Vec<usize> = (0..10).collect();
        let mut all = Vec::new();
        for k in 0..3 {
            let share = parse_shard(&format!("{k}/3"))
                .unwrap()
                .select(items.clone());
            assert!((3..=4).contains(&share.len()), "{share:?}");
            all.extend(share);
        }
        all.sort();
        assert_eq!(all, items);
        for bad in ["3/3", "1/0", "x/2", "2", "-1/2"] {
            assert!(parse_shard(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_transient_failure_outranks_a_content_error() {
        use Outcome::*;
        assert_eq!(exit_code([Built, Unchanged]), 0);
        assert_eq!(exit_code([Built, Failed]), 1);
        assert_eq!(exit_code([Failed, Transient, Built]), 3);
    }
}
