//! The PDF file itself: numbered objects, compressed streams, the
//! cross-reference table and the trailer. Everything is written straight
//! into one buffer, in the order it is produced, with no object tree in
//! between.

use std::io::Write as _;

/// An indirect object's number (generation is always 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ref(pub u32);

impl std::fmt::Display for Ref {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} 0 R", self.0)
    }
}

/// Deflate level for streams. Measured on the sample and a 100-page
/// briefing: level 5 is 0.2% (sample) to 1.5% larger than level 6 for
/// 18% less deflating time; level 9 gains nothing over 6 on these
/// streams; level 3 is 5% larger, level 1 50% larger.
const DEFLATE_LEVEL: u8 = 5;

/// Streams shorter than this are stored as they are: a zlib header and
/// checksum cost more than deflate saves on a few bytes.
const MIN_COMPRESS: usize = 64;

/// A stream's data as stored: deflated when that pays.
pub struct Packed {
    pub bytes: Vec<u8>,
    pub deflated: bool,
}

/// Deflates stream data (unless it is too short to gain).
pub fn pack(data: &[u8]) -> Packed {
    if data.len() >= MIN_COMPRESS {
        Packed {
            bytes: miniz_oxide::deflate::compress_to_vec_zlib(data, DEFLATE_LEVEL),
            deflated: true,
        }
    } else {
        Packed {
            bytes: data.to_vec(),
            deflated: false,
        }
    }
}

/// Objects per object stream: a reader decompresses a whole stream to
/// reach one object, so a 1,000-page file is cut into several.
const OBJECTS_PER_STREAM: usize = 1000;

/// Where an object is: at a byte offset, or the n-th of an object stream.
#[derive(Clone, Copy)]
enum Slot {
    Free,
    At(usize),
    InStream(u32, u16),
}

/// A PDF file being written. Dictionaries and arrays go into compressed
/// object streams (PDF 1.5), streams straight into the file; the
/// cross-reference table is itself a compressed stream.
pub struct PdfWriter {
    pub buf: Vec<u8>,
    /// Each object's place, by number (index 0 is the free head).
    slots: Vec<Slot>,
    /// Objects waiting for the current object stream: (number, offset).
    pending: Vec<(Ref, usize)>,
    pending_buf: Vec<u8>,
}

impl PdfWriter {
    pub fn new(capacity: usize) -> PdfWriter {
        let mut buf = Vec::with_capacity(capacity);
        // The binary comment tells transfer tools the file is not text.
        buf.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        PdfWriter {
            buf,
            slots: vec![Slot::Free],
            pending: Vec::new(),
            pending_buf: Vec::with_capacity(16 * 1024),
        }
    }

    /// Reserves an object number, to be written later.
    pub fn alloc(&mut self) -> Ref {
        self.slots.push(Slot::Free);
        Ref(self.slots.len() as u32 - 1)
    }

    /// Writes an object whose body (a dictionary, an array…) `body` writes.
    pub fn object(&mut self, id: Ref, body: impl FnOnce(&mut Vec<u8>)) {
        if !self.pending_buf.is_empty() {
            self.pending_buf.push(b'\n');
        }
        self.pending.push((id, self.pending_buf.len()));
        body(&mut self.pending_buf);
        if self.pending.len() >= OBJECTS_PER_STREAM {
            self.flush_objects();
        }
    }

    /// Writes the pending objects as one object stream.
    fn flush_objects(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        let body = std::mem::take(&mut self.pending_buf);
        let id = self.alloc();
        let mut data = Vec::with_capacity(body.len() + pending.len() * 10);
        for (i, (obj, off)) in pending.iter().enumerate() {
            let _ = write!(data, "{} {off} ", obj.0);
            self.slots[obj.0 as usize] = Slot::InStream(id.0, i as u16);
        }
        let first = data.len();
        data.extend_from_slice(&body);
        let dict = format!("/Type/ObjStm/N {}/First {first}", pending.len());
        self.stream(id, dict.as_bytes(), &data);
        self.pending_buf = body;
        self.pending_buf.clear();
    }

    /// Writes a stream object, deflated when that pays. `dict` holds the
    /// dictionary's entries other than /Length and /Filter.
    pub fn stream(&mut self, id: Ref, dict: &[u8], data: &[u8]) {
        let packed = pack(data);
        self.packed_stream(id, dict, &packed);
    }

    /// Writes a stream object whose data [`pack`] prepared (perhaps on
    /// another thread).
    pub fn packed_stream(&mut self, id: Ref, dict: &[u8], data: &Packed) {
        self.slots[id.0 as usize] = Slot::At(self.buf.len());
        let _ = write!(self.buf, "{} 0 obj\n<</Length {}", id.0, data.bytes.len());
        if data.deflated {
            self.buf.extend_from_slice(b"/Filter/FlateDecode");
        }
        self.buf.extend_from_slice(dict);
        self.buf.extend_from_slice(b">>stream\n");
        self.buf.extend_from_slice(&data.bytes);
        self.buf.extend_from_slice(b"\nendstream\nendobj\n");
    }

    /// Closes the file with a cross-reference stream that also carries
    /// the trailer. Objects reserved but never written become free.
    pub fn finish(mut self, root: Ref, info: Ref, id: &[u8; 16]) -> Vec<u8> {
        self.flush_objects();
        let xref = self.alloc();
        let at = self.buf.len();
        self.slots[xref.0 as usize] = Slot::At(at);
        // Field widths: type (1 byte), offset or stream number, index.
        let biggest = at.max(self.slots.len());
        let width = (1..=8).find(|w| biggest >> (8 * w) == 0).unwrap_or(8);
        let mut rows = Vec::with_capacity(self.slots.len() * (width + 3));
        for slot in &self.slots {
            let (kind, a, b): (u8, u64, u16) = match *slot {
                Slot::Free => (0, 0, 0xFFFF),
                Slot::At(o) => (1, o as u64, 0),
                Slot::InStream(s, i) => (2, u64::from(s), i),
            };
            rows.push(kind);
            rows.extend_from_slice(&a.to_be_bytes()[8 - width..]);
            rows.extend_from_slice(&b.to_be_bytes());
        }
        let mut dict = format!(
            "/Type/XRef/Size {}/W[1 {width} 2]/Root {root}/Info {info}/ID[",
            self.slots.len()
        )
        .into_bytes();
        hex_string(&mut dict, id);
        hex_string(&mut dict, id);
        dict.push(b']');
        self.stream(xref, &dict, &rows);
        let _ = write!(self.buf, "startxref\n{at}\n%%EOF\n");
        self.buf
    }
}

/// Writes a number with at most `decimals` decimals (0 to 4), without
/// trailing zeros or a sign on zero: `12.5`, `0.102`, `-3`.
pub fn num(buf: &mut Vec<u8>, v: f64, decimals: u32) {
    let scale = 10i64.pow(decimals);
    let v = if v.is_finite() { v } else { 0.0 };
    // Clamped to what any PDF reader accepts as a real.
    let scaled = (v.clamp(-3.0e7, 3.0e7) * scale as f64).round() as i64;
    if scaled < 0 {
        buf.push(b'-');
    }
    let a = scaled.unsigned_abs();
    let (int, mut frac) = (a / scale as u64, a % scale as u64);
    digits(buf, int, 1);
    if frac != 0 {
        buf.push(b'.');
        let mut width = decimals;
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        digits(buf, frac, width as usize);
    }
}

/// Writes `n` in decimal, zero-padded to `width` digits (formatting
/// machinery is several times slower, and content streams are mostly
/// numbers).
fn digits(buf: &mut Vec<u8>, mut n: u64, width: usize) {
    let mut tmp = [b'0'; 20];
    let mut i = tmp.len();
    while n > 0 || tmp.len() - i < width {
        i -= 1;
        tmp[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    buf.extend_from_slice(&tmp[i..]);
}

/// `num` with a trailing space.
pub fn num_sp(buf: &mut Vec<u8>, v: f64, decimals: u32) {
    num(buf, v, decimals);
    buf.push(b' ');
}

/// A name object, `/Name`, with bytes outside the regular characters
/// written as `#xx`.
pub fn name(buf: &mut Vec<u8>, n: &str) {
    buf.push(b'/');
    for &b in n.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-_.+".contains(&b) {
            buf.push(b);
        } else {
            let _ = write!(buf, "#{b:02X}");
        }
    }
}

/// A literal string `( … )` of raw bytes, escaped.
pub fn literal(buf: &mut Vec<u8>, bytes: &[u8]) {
    buf.push(b'(');
    literal_bytes(buf, bytes);
    buf.push(b')');
}

/// The inside of a literal string: parentheses, backslashes and line ends
/// escaped (a raw CR would be read back as LF).
pub fn literal_bytes(buf: &mut Vec<u8>, bytes: &[u8]) {
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                buf.push(b'\\');
                buf.push(b);
            }
            b'\r' => buf.extend_from_slice(b"\\r"),
            b'\n' => buf.extend_from_slice(b"\\n"),
            _ => buf.push(b),
        }
    }
}

/// A hex string `<…>`.
pub fn hex_string(buf: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    buf.push(b'<');
    for &b in bytes {
        buf.push(HEX[usize::from(b >> 4)]);
        buf.push(HEX[usize::from(b & 15)]);
    }
    buf.push(b'>');
}

/// A text string (metadata, outline titles): plain ASCII as it is,
/// anything else as UTF-16BE with a byte-order mark, which every reader
/// shows, accents and typographic quotes included.
pub fn text_string(buf: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        literal(buf, s.as_bytes());
    } else {
        let mut bytes = Vec::with_capacity(2 + 2 * s.len());
        bytes.extend_from_slice(&[0xFE, 0xFF]);
        for u in s.encode_utf16() {
            bytes.extend_from_slice(&u.to_be_bytes());
        }
        literal(buf, &bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: f64, d: u32) -> String {
        let mut b = Vec::new();
        num(&mut b, v, d);
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(n(12.5, 2), "12.5");
        assert_eq!(n(12.0, 2), "12");
        assert_eq!(n(-0.001, 2), "0");
        assert_eq!(n(-3.456, 2), "-3.46");
        assert_eq!(n(0.10196, 3), "0.102");
        assert_eq!(n(0.05, 2), "0.05");
        assert_eq!(n(f64::NAN, 2), "0");
        assert_eq!(n(1e300, 2), "30000000");
        assert_eq!(n(0.0, 2), "0");
        assert_eq!(n(100.0, 0), "100");
        assert_eq!(n(7.005, 3), "7.005");
        assert_eq!(n(-0.5, 1), "-0.5");
    }

    #[test]
    fn strings_are_escaped() {
        let mut b = Vec::new();
        literal(&mut b, b"a(b)\\\r\n");
        assert_eq!(b, b"(a\\(b\\)\\\\\\r\\n)");
        let mut b = Vec::new();
        name(&mut b, "AB+Font Name#1");
        assert_eq!(b, b"/AB+Font#20Name#231");
    }
}
