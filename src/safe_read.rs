//! Reading a named file safely: opened without blocking, checked with
//! `fstat` to be a regular file (a FIFO, device or socket is refused
//! before a byte is read) and read with a bound (never more than the limit
//! plus one byte), so no path can hang a build or fill its memory.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadFault {
    /// Opening, `fstat` or reading failed.
    Io(std::io::Error),
    /// The path names something that is not a regular file: what it is.
    NotRegular(&'static str),
    /// The file holds more than `limit` bytes.
    TooLarge { limit: u64 },
}

impl std::fmt::Display for ReadFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadFault::Io(e) => write!(f, "{e}"),
            ReadFault::NotRegular(kind) => write!(f, "it is {kind}, not a regular file"),
            ReadFault::TooLarge { limit } => {
                write!(f, "it is larger than {}", human_size(*limit))
            }
        }
    }
}

/// A limit in words: "4 MB", "512 KB", "100 bytes".
pub fn human_size(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) {
        format!("{} KB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

/// What a file type is, in words, when it is not a regular file.
fn kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// Opens `path` for reading without waiting for a writer (a FIFO's open
/// would block until one comes).
fn open(path: &Path) -> std::io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK);
    }
    o.open(path)
}

/// Opens `path` and checks (by `fstat` on the open file) that it is a
/// regular file.
pub fn open_regular(path: &Path) -> Result<(File, std::fs::Metadata), ReadFault> {
    let file = open(path).map_err(ReadFault::Io)?;
    let meta = file.metadata().map_err(ReadFault::Io)?;
    if let Some(k) = kind(&meta) {
        return Err(ReadFault::NotRegular(k));
    }
    Ok((file, meta))
}

/// Whether `path` names something that exists and is not a regular file
/// (checked without opening it).
pub fn not_regular(path: &Path) -> Option<&'static str> {
    std::fs::metadata(path).ok().and_then(|m| kind(&m))
}

/// Reads the whole of the regular file `path`, refusing one larger than
/// `limit` bytes before it is read and never reading past `limit + 1`.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadFault> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > limit {
        return Err(ReadFault::TooLarge { limit });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadFault::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadFault::TooLarge { limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_words() {
        assert_eq!(human_size(4 << 20), "4 MB");
        assert_eq!(human_size(512 << 10), "512 KB");
        assert_eq!(human_size(100), "100 bytes");
    }

    #[test]
    fn devices_are_refused_before_reading() {
        let e = read_bounded(Path::new("/dev/zero"), 10).unwrap_err();
        assert!(matches!(e, ReadFault::NotRegular("a device")), "{e:?}");
    }
}
