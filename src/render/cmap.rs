//! ToUnicode CMaps, written compactly: one that all the TrueType fonts
//! share.
//!
//! Every TrueType subset numbers its glyphs from the one code table
//! [`super::embed`] plans for the whole document, so a code stands for
//! the same text in every font, and one CMap serves them all. With the
//! codes in character order, runs of letters and figures become
//! `bfrange`s: the seven CMaps of the sample (4 KB compressed) become one
//! of a few hundred bytes.

use std::collections::BTreeMap;

/// A ToUnicode map: code to the UTF-16BE bytes of its text.
pub type UnicodeMap = BTreeMap<u16, Vec<u8>>;

/// Each font resource's map (shared maps are one `Rc`).
pub type FontMaps = [(String, std::rc::Rc<UnicodeMap>)];
use std::io::Write as _;

fn push_hex(b: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    b.push(b'<');
    for &x in bytes {
        b.push(HEX[usize::from(x >> 4)]);
        b.push(HEX[usize::from(x & 15)]);
    }
    b.push(b'>');
}

/// A ToUnicode CMap for `mapping`: consecutive codes standing for
/// consecutive single characters become one `bfrange`.
pub fn write(mapping: &BTreeMap<u16, Vec<u8>>) -> Vec<u8> {
    let entries: Vec<(u16, &[u8])> = mapping.iter().map(|(c, t)| (*c, t.as_slice())).collect();
    let unit = |t: &[u8]| (t.len() == 2).then(|| u16::from_be_bytes([t[0], t[1]]));
    let mut ranges: Vec<(u16, u16, &[u8])> = Vec::new();
    let mut singles: Vec<(u16, &[u8])> = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let (code, text) = entries[i];
        let mut j = i + 1;
        if let Some(first) = unit(text) {
            // A bfrange may only vary the last byte of code and text.
            while let Some(&(c, t)) = entries.get(j) {
                let step = (j - i) as u16;
                let fits =
                    unit(t).is_some_and(|u| u == first.wrapping_add(step) && u >> 8 == first >> 8);
                if c != code.wrapping_add(step) || c >> 8 != code >> 8 || !fits {
                    break;
                }
                j += 1;
            }
        }
        if j - i > 1 {
            ranges.push((code, entries[j - 1].0, text));
        } else {
            singles.push((code, text));
        }
        i = j;
    }
    let mut b = Vec::with_capacity(400 + 16 * entries.len());
    b.extend_from_slice(
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in singles.chunks(100) {
        let _ = writeln!(b, "{} beginbfchar", chunk.len());
        for (code, text) in chunk {
            push_hex(&mut b, &code.to_be_bytes());
            b.push(b' ');
            push_hex(&mut b, text);
            b.push(b'\n');
        }
        b.extend_from_slice(b"endbfchar\n");
    }
    for chunk in ranges.chunks(100) {
        let _ = writeln!(b, "{} beginbfrange", chunk.len());
        for (first, last, text) in chunk {
            push_hex(&mut b, &first.to_be_bytes());
            b.push(b' ');
            push_hex(&mut b, &last.to_be_bytes());
            b.push(b' ');
            push_hex(&mut b, text);
            b.push(b'\n');
        }
        b.extend_from_slice(b"endbfrange\n");
    }
    b.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_codes_become_ranges() {
        let m: BTreeMap<u16, Vec<u8>> = [
            (1, vec![0, 0x61]),
            (2, vec![0, 0x62]),
            (3, vec![0, 0x63]),
            (4, vec![0, 0x66, 0, 0x69]),
            (6, vec![0, 0x78]),
        ]
        .into_iter()
        .collect();
        let out = String::from_utf8(write(&m)).unwrap();
        assert!(out.contains("<0001> <0003> <0061>"), "{out}");
        assert!(out.contains("<0004> <00660069>"), "{out}");
        assert!(out.contains("<0006> <0078>"), "{out}");
    }

    /// A strict reader's view: every token of the CMap body stands apart
    /// (hex strings separated by white space, names and dictionaries
    /// spaced), each bfchar line is two hex strings and each bfrange line
    /// three, and the counts before each section match its lines.
    #[test]
    fn every_token_stands_apart() {
        let m: BTreeMap<u16, Vec<u8>> = (1..=300u16)
            .map(|c| (c, vec![0, (c % 7) as u8 + 0x41]))
            .chain([(400, vec![0, 0x66, 0, 0x6C])])
            .collect();
        let out = String::from_utf8(write(&m)).unwrap();
        assert!(!out.contains("><"), "hex strings run together: {out}");
        assert!(!out.contains(">>def") && !out.contains("<</"), "{out}");
        let hex = |t: &str| {
            t.len() >= 4
                && t.starts_with('<')
                && t.ends_with('>')
                && t[1..t.len() - 1].bytes().all(|b| b.is_ascii_hexdigit())
        };
        let lines: Vec<&str> = out.lines().collect();
        let mut i = 0;
        let mut mapped = 0;
        while i < lines.len() {
            let words: Vec<&str> = lines[i].split(' ').collect();
            if let [n, kind @ ("beginbfchar" | "beginbfrange")] = words[..] {
                let n: usize = n.parse().unwrap();
                let width = if kind == "beginbfchar" { 2 } else { 3 };
                for line in &lines[i + 1..=i + n] {
                    let tokens: Vec<&str> = line.split(' ').collect();
                    assert_eq!(tokens.len(), width, "{line}");
                    assert!(tokens.iter().all(|t| hex(t)), "{line}");
                    mapped += 1;
                }
                assert!(lines[i + n + 1].starts_with("end"), "{}", lines[i + n + 1]);
                i += n + 2;
            } else {
                i += 1;
            }
        }
        assert!(mapped > 0 && mapped <= m.len());
        assert!(out.contains("<0000> <FFFF>"), "{out}");
    }
}
