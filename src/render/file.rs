//! The file around the objects (PDF 1.7, ISO 32000-1 §7.5): the header,
//! the streams as indirect objects, every other object in deflated object
//! streams (§7.5.7), and a deflated cross-reference stream (§7.5.8) that
//! carries the trailer's entries.
//!
//! Each object is written once, in lopdf's object model as printpdf
//! made it. lopdf's own `save_with_options` writes an object stream's
//! objects three times over (to measure offsets, to build the stream,
//! to find `/First`) and deflates it with miniz_oxide; for the sample
//! that was 13.7 M of 85 M instructions. Here they are written once and
//! deflated with the compressors every other stream uses; lopdf's
//! writer is not public, so [`object`] serialises (§7.3).

use lopdf::{Dictionary, Object, ObjectId};

/// Objects per object stream: a reader inflates a whole stream to reach
/// one object, so a 1,000-page file gets several.
const OBJECTS_PER_STREAM: usize = 500;

/// Where an object is: at a byte offset of the file, or the `index`th
/// object of object stream `container`.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    At(usize),
    In { container: u32, index: u32 },
}

/// The whole file. `deflate` packs a byte string (None when packing
/// would not make it smaller).
pub fn write(
    doc: &lopdf::Document,
    small: &super::compact::Objects,
    deflate: &mut dyn FnMut(&[u8]) -> Option<Vec<u8>>,
) -> Vec<u8> {
    let max_id = doc
        .objects
        .keys()
        .chain(small.keys())
        .map(|id| id.0)
        .max()
        .unwrap_or(0);
    let mut out: Vec<u8> = Vec::with_capacity(64 * 1024);
    out.extend_from_slice(format!("%PDF-{}\n", doc.version).as_bytes());
    // A comment of four bytes above 127: the file is binary (PDF/A-2 §6.1.2).
    out.extend_from_slice(b"%\xE2\xE3\xCF\xD3\n");
    let mut entries = vec![Entry::Free; max_id as usize + 1];
    let mut packed: Vec<(ObjectId, Packable)> = Vec::new();
    for (&id, o) in &doc.objects {
        if matches!(o, Object::Stream(_)) || id.1 != 0 {
            entries[id.0 as usize] = Entry::At(out.len());
            indirect(&mut out, id, o);
        } else {
            packed.push((id, Packable::Big(o)));
        }
    }
    // In number order, the small ones among the others.
    packed.extend(small.iter().map(|(id, o)| (*id, Packable::Small(o))));
    packed.sort_unstable_by_key(|(id, _)| *id);
    let mut next_id = max_id + 1;
    for chunk in packed.chunks(OBJECTS_PER_STREAM) {
        let container = next_id;
        next_id += 1;
        let mut body: Vec<u8> = Vec::new();
        let mut table = String::new();
        for (index, (id, o)) in chunk.iter().enumerate() {
            table.push_str(&format!("{} {} ", id.0, body.len()));
            match o {
                Packable::Big(o) => object(&mut body, o),
                Packable::Small(o) => compact(&mut body, o),
            }
            body.push(b'\n');
            entries[id.0 as usize] = Entry::In {
                container,
                index: index as u32,
            };
        }
        let mut plain = table.into_bytes();
        let first = plain.len();
        plain.extend_from_slice(&body);
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"ObjStm".to_vec()));
        dict.set("N", chunk.len() as i64);
        dict.set("First", first as i64);
        let stream = stream_of(dict, plain, deflate);
        entries.push(Entry::At(out.len()));
        indirect(&mut out, (container, 0), &stream);
    }
    // The cross-reference stream lists itself too.
    let xref_id = next_id;
    let xref_at = out.len();
    entries.push(Entry::At(xref_at));
    let size = entries.len();
    let offset_bytes = bytes_for(xref_at.max(next_id as usize));
    // The third field: object 0's generation (65535), an index below 500.
    let index_bytes = 2;
    let mut table = Vec::with_capacity(size * (1 + offset_bytes + index_bytes));
    for e in &entries {
        let (kind, a, b) = match *e {
            // Object 0 heads the free list with generation 65535.
            Entry::Free => (0u8, 0usize, 0xFFFFusize),
            Entry::At(at) => (1, at, 0),
            Entry::In { container, index } => (2, container as usize, index as usize),
        };
        table.push(kind);
        table.extend_from_slice(&a.to_be_bytes()[8 - offset_bytes..]);
        table.extend_from_slice(&b.to_be_bytes()[8 - index_bytes..]);
    }
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XRef".to_vec()));
    dict.set("Size", size as i64);
    dict.set(
        "W",
        Object::Array(vec![
            1.into(),
            (offset_bytes as i64).into(),
            (index_bytes as i64).into(),
        ]),
    );
    for (k, v) in doc.trailer.iter() {
        if !matches!(
            k.as_slice(),
            b"Size" | b"W" | b"Index" | b"Type" | b"Prev" | b"Filter" | b"Length"
        ) {
            dict.set(k.clone(), v.clone());
        }
    }
    let stream = stream_of(dict, table, deflate);
    indirect(&mut out, (xref_id, 0), &stream);
    out.extend_from_slice(format!("startxref\n{xref_at}\n%%EOF\n").as_bytes());
    out
}

/// An object that goes into an object stream: lopdf's, or a compact one
/// (turned into lopdf's model only while it is written).
enum Packable<'a> {
    Big(&'a Object),
    Small(&'a super::compact::Co),
}

/// A stream of `plain`, deflated when that makes it smaller.
fn stream_of(
    mut dict: Dictionary,
    plain: Vec<u8>,
    deflate: &mut dyn FnMut(&[u8]) -> Option<Vec<u8>>,
) -> Object {
    let content = match deflate(&plain) {
        Some(packed) => {
            dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
            packed
        }
        None => plain,
    };
    Object::Stream(lopdf::Stream::new(dict, content))
}

/// `N G obj … endobj`, each keyword on a line of its own.
fn indirect(out: &mut Vec<u8>, id: ObjectId, o: &Object) {
    out.extend_from_slice(format!("{} {} obj\n", id.0, id.1).as_bytes());
    object(out, o);
    out.extend_from_slice(b"\nendobj\n");
}

/// One object's bytes. Delimiters end names, numbers and keywords, so a
/// space goes only between two tokens that would otherwise run together.
pub fn object(out: &mut Vec<u8>, o: &Object) {
    match o {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => real(out, *r),
        Object::Name(n) => name(out, n),
        Object::String(bytes, lopdf::StringFormat::Literal) => literal(out, bytes),
        Object::String(bytes, lopdf::StringFormat::Hexadecimal) => {
            out.push(b'<');
            for b in bytes {
                out.extend_from_slice(format!("{b:02X}").as_bytes());
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 && needs_space(&items[i - 1], item) {
                    out.push(b' ');
                }
                object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => dictionary(out, d),
        Object::Stream(s) => {
            let mut dict = s.dict.clone();
            dict.set("Length", s.content.len() as i64);
            dictionary(out, &dict);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&s.content);
            out.extend_from_slice(end_of_stream(&s.content));
        }
        Object::Reference(id) => out.extend_from_slice(format!("{} {} R", id.0, id.1).as_bytes()),
    }
}

/// A compact object's bytes, as [`object`] writes the same value in
/// lopdf's model (a parent tree of 200,000 entries is never copied).
pub fn compact(out: &mut Vec<u8>, o: &super::compact::Co) {
    use super::compact::Co;
    let bare = |o: &Co| matches!(o, Co::Null | Co::Int(_) | Co::Real(_) | Co::Ref(_));
    match o {
        Co::Null => out.extend_from_slice(b"null"),
        Co::Int(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Co::Real(r) => real(out, *r),
        Co::Name(n) => name(out, n.as_bytes()),
        Co::Ref(id) => out.extend_from_slice(format!("{} {} R", id.0, id.1).as_bytes()),
        Co::Str(s) => literal(out, s),
        Co::Arr(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 && bare(item) {
                    out.push(b' ');
                }
                compact(out, item);
            }
            out.push(b']');
        }
        Co::Dict(d) => {
            out.extend_from_slice(b"<<");
            for (k, v) in d.iter() {
                name(out, k.as_bytes());
                if bare(v) {
                    out.push(b' ');
                }
                compact(out, v);
            }
            out.extend_from_slice(b">>");
        }
    }
}

/// The end-of-line marker before `endstream` (PDF/A-2 6.1.7.1): a reader
/// takes a CR LF there as one marker, so data that ends in a CR gets a
/// CR LF of its own and keeps its last byte inside the stated /Length.
fn end_of_stream(content: &[u8]) -> &'static [u8] {
    if content.last() == Some(&b'\r') {
        b"\r\nendstream"
    } else {
        b"\nendstream"
    }
}

fn dictionary(out: &mut Vec<u8>, d: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (k, v) in d.iter() {
        name(out, k);
        if !starts_with_delimiter(v) {
            out.push(b' ');
        }
        object(out, v);
    }
    out.extend_from_slice(b">>");
}

/// Whether an object's bytes begin with a delimiter (`/ ( < [`), so
/// nothing need separate it from the token before.
fn starts_with_delimiter(o: &Object) -> bool {
    matches!(
        o,
        Object::Name(_)
            | Object::String(..)
            | Object::Array(_)
            | Object::Dictionary(_)
            | Object::Stream(_)
    )
}

/// Whether a space must separate two neighbours in an array: both are
/// bare tokens (numbers, keywords, references).
fn needs_space(_before: &Object, after: &Object) -> bool {
    !starts_with_delimiter(after)
}

/// A real number in plain decimal notation (PDF has no exponents), at
/// most five decimals, never NaN or infinite.
fn real(out: &mut Vec<u8>, r: f32) {
    let r = if r.is_finite() { r } else { 0.0 };
    let s = format!("{r:.5}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    out.extend_from_slice(if s == "-0" { "0" } else { s }.as_bytes());
}

/// `/Name`, with `#xx` for bytes outside `!`..`~` and for delimiters.
fn name(out: &mut Vec<u8>, n: &[u8]) {
    out.push(b'/');
    for &b in n {
        if b"()<>[]{}/%#".contains(&b) || !(b'!'..=b'~').contains(&b) {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        } else {
            out.push(b);
        }
    }
}

/// `(…)` with `\\`, `\(`, `\)` and `\r` escaped.
fn literal(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push(b'\\');
                out.push(b);
            }
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
    out.push(b')');
}

/// Bytes needed to write `n` big-endian.
fn bytes_for(n: usize) -> usize {
    let bits = usize::BITS - n.leading_zeros();
    (bits as usize).div_ceil(8).max(1)
}

#[cfg(test)]
mod tests {
    use super::{bytes_for, object};
    use lopdf::{Object, StringFormat};

    fn bytes(o: &Object) -> String {
        let mut out = Vec::new();
        object(&mut out, o);
        String::from_utf8(out).expect("ASCII")
    }

    #[test]
    fn objects() {
        let mut d = lopdf::Dictionary::new();
        d.set("Type", Object::Name(b"Page".to_vec()));
        d.set("N", 3);
        d.set("Parent", Object::Reference((4, 0)));
        d.set(
            "Box",
            Object::Array(vec![0.into(), Object::Real(0.5), Object::Real(f32::NAN)]),
        );
        d.set(
            "T",
            Object::String(b"a(b)\\".to_vec(), StringFormat::Literal),
        );
        d.set(
            "A b",
            Object::String(vec![0xFE, 0xFF], StringFormat::Hexadecimal),
        );
        assert_eq!(
            bytes(&Object::Dictionary(d)),
            "<</Type/Page/N 3/Parent 4 0 R/Box[0 0.5 0]/T(a\\(b\\)\\\\)/A#20b<FEFF>>>"
        );
        assert_eq!(bytes(&Object::Real(-0.000001)), "0");
        assert_eq!(bytes(&Object::Real(612.0)), "612");
    }

    #[test]
    fn field_widths() {
        assert_eq!(bytes_for(0), 1);
        assert_eq!(bytes_for(255), 1);
        assert_eq!(bytes_for(256), 2);
        assert_eq!(bytes_for(70_000), 3);
    }

    /// The data between `stream` and `endstream` less the one end-of-line
    /// marker a PDF/A reader strips (CR LF, LF or CR), as veraPDF and
    /// `page` measure it.
    fn measured(written: &[u8]) -> (usize, i64) {
        let text = String::from_utf8_lossy(written);
        let at = text.find("/Length ").expect("Length") + 8;
        let stated: i64 = text[at..]
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let start = written.windows(7).position(|w| w == b"stream\n").unwrap() + 7;
        let end = written.windows(9).rposition(|w| w == b"endstream").unwrap();
        let mut data = &written[start..end];
        if data.ends_with(b"\r\n") {
            data = &data[..data.len() - 2];
        } else if data.ends_with(b"\n") || data.ends_with(b"\r") {
            data = &data[..data.len() - 1];
        }
        (data.len(), stated)
    }

    #[test]
    fn stream_length_survives_a_trailing_carriage_return() {
        for content in [
            &b"q 1 0 0 1 0 0 cm\r"[..],
            b"x\r\r",
            b"ab\n",
            b"ab",
            b"\r",
            b"",
        ] {
            let s = Object::Stream(lopdf::Stream::new(
                lopdf::Dictionary::new(),
                content.to_vec(),
            ));
            let mut out = Vec::new();
            object(&mut out, &s);
            let (data, stated) = measured(&out);
            assert_eq!(data as i64, stated, "{content:?} written as {out:?}");
            assert_eq!(stated, content.len() as i64);
        }
    }
}
