//! ToUnicode CMaps: read printpdf's, write one compact CMap that all the
//! TrueType fonts share.
//!
//! Every TrueType subset numbers its glyphs from the one code table
//! [`super::embed`] plans for the whole document, so a code stands for
//! the same text in every font, and one CMap serves them all. With the
//! codes in character order, runs of letters and figures become
//! `bfrange`s: the seven CMaps of the sample (4 KB compressed) become one
//! of a few hundred bytes.

use std::collections::BTreeMap;
use std::io::Write as _;

/// The `bfchar` entries of a ToUnicode CMap: code → UTF-16BE bytes.
/// `None` when the CMap holds something this reader does not know
/// (`bfrange`s, codes wider than two bytes), so it is left alone.
pub fn read(cmap: &[u8]) -> Option<BTreeMap<u16, Vec<u8>>> {
    let text = std::str::from_utf8(cmap).ok()?;
    if text.contains("beginbfrange") {
        return None;
    }
    let mut out = BTreeMap::new();
    let mut rest = text;
    while let Some(start) = rest.find("beginbfchar") {
        let block = &rest[start + "beginbfchar".len()..];
        let end = block.find("endbfchar")?;
        let mut hexes = block[..end]
            .split(['<', '>'])
            .map(str::trim)
            .filter(|s| !s.is_empty());
        while let (Some(code), Some(dest)) = (hexes.next(), hexes.next()) {
            if code.len() != 4 {
                return None;
            }
            let code = u16::from_str_radix(code, 16).ok()?;
            out.insert(code, hex(dest)?);
        }
        rest = &block[end..];
    }
    Some(out)
}

fn hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

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
        b"/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n\
/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n",
    );
    for chunk in singles.chunks(100) {
        let _ = writeln!(b, "{} beginbfchar", chunk.len());
        for (code, text) in chunk {
            push_hex(&mut b, &code.to_be_bytes());
            push_hex(&mut b, text);
            b.push(b'\n');
        }
        b.extend_from_slice(b"endbfchar\n");
    }
    for chunk in ranges.chunks(100) {
        let _ = writeln!(b, "{} beginbfrange", chunk.len());
        for (first, last, text) in chunk {
            push_hex(&mut b, &first.to_be_bytes());
            push_hex(&mut b, &last.to_be_bytes());
            push_hex(&mut b, text);
            b.push(b'\n');
        }
        b.extend_from_slice(b"endbfrange\n");
    }
    b.extend_from_slice(b"endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n");
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bfchar_and_writes_ranges() {
        let src = b"1 beginbfchar\n<0001> <0061>\n<0002> <0062>\n<0003> <0063>\n\
<0004> <00660069>\n<0006> <0078>\nendbfchar\n";
        let m = read(src).expect("readable");
        assert_eq!(m.len(), 5);
        let out = String::from_utf8(write(&m)).unwrap();
        assert!(out.contains("<0001><0003><0061>"), "{out}");
        assert!(out.contains("<0004><00660069>"), "{out}");
        assert!(out.contains("<0006><0078>"), "{out}");
        assert_eq!(
            read(b"1 beginbfrange\n<0001><0002><0061>\nendbfrange"),
            None
        );
    }
}
