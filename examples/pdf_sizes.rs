//! Lists a PDF's objects by their size in the file, largest first, with
//! what each is (font program, content stream, dictionary type): the first
//! stop when the output grows.
//!
//! `cargo run --release --example pdf_sizes -- file.pdf`

use lopdf::xref::XrefEntry;
use lopdf::{Document, Object};

fn main() {
    let path = std::env::args().nth(1).expect("usage: pdf_sizes FILE.pdf");
    let bytes = std::fs::read(&path).expect("readable PDF");
    let doc = Document::load_mem(&bytes).expect("a PDF lopdf can read");
    // Sizes from the cross-reference offsets: each object runs to the next.
    let mut offsets: Vec<(usize, u32)> = doc
        .reference_table
        .entries
        .iter()
        .filter_map(|(id, e)| match e {
            XrefEntry::Normal { offset, .. } => Some((*offset as usize, *id)),
            _ => None,
        })
        .collect();
    offsets.sort();
    let end = bytes
        .windows(4)
        .rposition(|w| w == b"xref")
        .unwrap_or(bytes.len());
    let mut rows: Vec<(usize, String)> = Vec::new();
    for (i, (at, id)) in offsets.iter().enumerate() {
        let next = offsets.get(i + 1).map_or(end, |n| n.0);
        let what = match doc.objects.get(&(*id, 0)) {
            Some(Object::Stream(s)) => {
                let mut what = String::from("stream");
                for key in [&b"Type"[..], b"Subtype", b"Filter"] {
                    if let Ok(Object::Name(n)) = s.dict.get(key) {
                        what.push(' ');
                        what.push_str(&String::from_utf8_lossy(n));
                    }
                }
                if s.dict.has(b"Length1") {
                    what.push_str(" (font program)");
                }
                what
            }
            Some(Object::Dictionary(d)) => match d.get(b"Type") {
                Ok(Object::Name(n)) => format!("dict {}", String::from_utf8_lossy(n)),
                _ => "dict".into(),
            },
            Some(Object::Array(_)) => "array".into(),
            _ => "other".into(),
        };
        rows.push((next.saturating_sub(*at), format!("{id} 0 R  {what}")));
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.0));
    println!("{} bytes, {} objects", bytes.len(), rows.len());
    for (size, what) in rows.iter().take(40) {
        println!("{size:>9}  {what}");
    }
}
