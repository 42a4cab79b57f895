//! Font subsetting: a TrueType font cut down to the glyphs a briefing
//! draws, renumbered densely, with only the tables a PDF reader uses.
//!
//! What is left out, and why:
//! - `cmap`, `name`, `OS/2`, `post` names: a CID-keyed font in a PDF is
//!   addressed by glyph index (`/CIDToGIDMap /Identity`), text extraction
//!   uses the ToUnicode CMap, and the font's name is in the PDF.
//! - `GSUB`, `GPOS`, `GDEF`, `kern`: layout already applied them; the
//!   content stream places every glyph.
//! - Hinting (`fpgm`, `prep`, `cvt `, `gasp` and each glyph's
//!   instructions): grid-fitting for screens at small pixel sizes, which
//!   print ignores and PDF viewers mostly do too; it is a third to a half
//!   of a hinted font's glyph data.
//!
//! Fonts with PostScript outlines (`CFF `) are embedded whole, less their
//! layout tables (an OpenType font program, `/FontFile3`): subsetting CFF
//! needs a charstring rewriter this crate does not carry.

use std::collections::HashMap;

use read_fonts::types::Tag;
use read_fonts::FontRef;

/// A font program ready to embed.
// The mapping fields describe the cut for the tests that check it.
#[cfg_attr(not(test), allow(dead_code))]
pub struct Subset {
    pub program: Vec<u8>,
    /// TrueType outlines (`/FontFile2`) or an OpenType font with
    /// PostScript outlines (`/FontFile3 /Subtype /OpenType`).
    pub kind: Outlines,
    /// The new glyph index of each old one drawn.
    pub map: HashMap<u16, u16>,
    /// Old glyph index of each new one, in new order (0 is `.notdef`;
    /// `None` is an empty glyph, a code this font does not use).
    pub order: Vec<Option<u16>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outlines {
    TrueType,
    Cff,
}

fn tag(t: &[u8; 4]) -> Tag {
    Tag::new(t)
}

use crate::text::glyf::{
    component_args, components, u16_at, MORE_COMPONENTS, WE_HAVE_INSTRUCTIONS,
};

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

/// A table's bytes, if the font has it whole.
fn table<'a>(face: &FontRef<'a>, t: &[u8; 4]) -> Option<&'a [u8]> {
    face.table_data(tag(t)).map(|d| d.as_bytes())
}

fn malformed(what: &str) -> String {
    format!("the font's {what} is malformed")
}

/// Whether the font has TrueType outlines, which [`subset`] renumbers as
/// asked (a CFF font keeps its glyph indices).
pub fn renumbers(face: &FontRef) -> bool {
    table(face, b"glyf").is_some()
}

/// Subsets `face` to the glyphs `wanted`: entry `i` is the old index of
/// new glyph `i`, or `None` for an empty one (entry 0 is `.notdef`).
/// Composite glyphs bring their components along, numbered after the
/// rest.
pub fn subset(face: &FontRef, wanted: &[Option<u16>]) -> Result<Subset, String> {
    if !renumbers(face) {
        return cff(face, wanted);
    }
    let head = table(face, b"head").ok_or_else(|| malformed("head"))?;
    let maxp = table(face, b"maxp").ok_or_else(|| malformed("maxp"))?;
    let hhea = table(face, b"hhea").ok_or_else(|| malformed("hhea"))?;
    let hmtx = table(face, b"hmtx").ok_or_else(|| malformed("hmtx"))?;
    let loca = table(face, b"loca").ok_or_else(|| malformed("loca"))?;
    let glyf = table(face, b"glyf").ok_or_else(|| malformed("glyf"))?;
    let num_glyphs = u16_at(maxp, 4).ok_or_else(|| malformed("maxp"))?;
    let long_loca = u16_at(head, 50).ok_or_else(|| malformed("head"))? != 0;
    let metrics = u16_at(hhea, 34).ok_or_else(|| malformed("hhea"))?;

    let glyph = |gid: u16| -> Result<&[u8], String> {
        let (a, b) = if long_loca {
            let i = usize::from(gid) * 4;
            (u32_at(loca, i), u32_at(loca, i + 4))
        } else {
            let i = usize::from(gid) * 2;
            (
                u16_at(loca, i).map(|v| u32::from(v) * 2),
                u16_at(loca, i + 2).map(|v| u32::from(v) * 2),
            )
        };
        match (a, b) {
            (Some(a), Some(b)) if a <= b => glyf
                .get(a as usize..b as usize)
                .ok_or_else(|| malformed("glyph table")),
            _ => Err(malformed("glyph index")),
        }
    };

    // New numbering: as asked, then components.
    let mut order: Vec<Option<u16>> = Vec::with_capacity(wanted.len() + 8);
    let mut map: HashMap<u16, u16> = HashMap::with_capacity(wanted.len() * 2);
    for &g in wanted.iter().take(usize::from(u16::MAX)) {
        // A glyph may be asked for twice (a hyphen drawn as "-" and as a
        // soft hyphen): each code gets its copy.
        let g = g.filter(|g| *g < num_glyphs);
        if let Some(g) = g {
            map.entry(g).or_insert(order.len() as u16);
        }
        order.push(g);
    }
    if order.is_empty() {
        order.push(None);
    }
    let mut i = 0;
    while i < order.len() {
        let Some(old) = order[i] else {
            i += 1;
            continue;
        };
        let data = glyph(old)?;
        for c in components(data).map_err(malformed)? {
            if c >= num_glyphs {
                return Err(malformed("composite glyph"));
            }
            if let std::collections::hash_map::Entry::Vacant(slot) = map.entry(c) {
                if order.len() >= usize::from(u16::MAX) {
                    return Err(malformed("composite glyph"));
                }
                slot.insert(order.len() as u16);
                order.push(Some(c));
            }
        }
        i += 1;
    }

    // glyf without instructions or the source's padding, each glyph
    // 2-byte aligned; loca in short offsets (halves) when glyf allows.
    let mut new_glyf = Vec::with_capacity(order.len() * 64);
    let mut offsets: Vec<usize> = Vec::with_capacity(order.len() + 1);
    for &old in &order {
        offsets.push(new_glyf.len());
        let Some(old) = old else { continue };
        let data = glyph(old)?;
        strip_glyph(data, &map, &mut new_glyf)?;
        if new_glyf.len() % 2 != 0 {
            new_glyf.push(0);
        }
    }
    offsets.push(new_glyf.len());
    let short_loca = new_glyf.len() <= 2 * usize::from(u16::MAX);
    let mut new_loca = Vec::with_capacity(offsets.len() * if short_loca { 2 } else { 4 });
    for &o in &offsets {
        if short_loca {
            new_loca.extend_from_slice(&((o / 2) as u16).to_be_bytes());
        } else {
            new_loca.extend_from_slice(&(o as u32).to_be_bytes());
        }
    }

    // hmtx: a full metric for every glyph.
    let mut new_hmtx = Vec::with_capacity(order.len() * 4);
    let last_advance = metrics
        .checked_sub(1)
        .and_then(|m| u16_at(hmtx, usize::from(m) * 4))
        .ok_or_else(|| malformed("hmtx"))?;
    for &old in &order {
        let Some(old) = old else {
            new_hmtx.extend_from_slice(&[0; 4]);
            continue;
        };
        let (adv, lsb) = if old < metrics {
            let at = usize::from(old) * 4;
            (u16_at(hmtx, at), u16_at(hmtx, at + 2))
        } else {
            let at = usize::from(metrics) * 4 + usize::from(old - metrics) * 2;
            (Some(last_advance), u16_at(hmtx, at))
        };
        new_hmtx.extend_from_slice(&adv.unwrap_or(last_advance).to_be_bytes());
        new_hmtx.extend_from_slice(&lsb.unwrap_or(0).to_be_bytes());
    }

    let n = order.len() as u16;
    let mut new_head = head.to_vec();
    new_head
        .get_mut(8..12)
        .ok_or_else(|| malformed("head"))?
        .copy_from_slice(&[0; 4]);
    new_head
        .get_mut(50..52)
        .ok_or_else(|| malformed("head"))?
        .copy_from_slice(&u16::from(!short_loca).to_be_bytes());
    let mut new_hhea = hhea.to_vec();
    new_hhea
        .get_mut(34..36)
        .ok_or_else(|| malformed("hhea"))?
        .copy_from_slice(&n.to_be_bytes());
    let mut new_maxp = maxp.to_vec();
    new_maxp[4..6].copy_from_slice(&n.to_be_bytes());
    // post version 3: no glyph names.
    let mut post = table(face, b"post")
        .and_then(|p| p.get(..32))
        .map(<[u8]>::to_vec)
        .unwrap_or_else(|| vec![0; 32]);
    post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());

    let program = sfnt(
        0x0001_0000,
        vec![
            (*b"glyf", new_glyf),
            (*b"head", new_head),
            (*b"hhea", new_hhea),
            (*b"hmtx", new_hmtx),
            (*b"loca", new_loca),
            (*b"maxp", new_maxp),
            (*b"post", post),
        ],
    );
    Ok(Subset {
        program,
        kind: Outlines::TrueType,
        map,
        order,
    })
}

/// Length of a simple glyph's flags and coordinates for `points` points.
fn outline_len(d: &[u8], points: usize) -> Option<usize> {
    const X_SHORT: u8 = 0x02;
    const Y_SHORT: u8 = 0x04;
    const REPEAT: u8 = 0x08;
    const X_SAME: u8 = 0x10;
    const Y_SAME: u8 = 0x20;
    let mut flags = Vec::with_capacity(points);
    let mut at = 0;
    while flags.len() < points {
        let f = *d.get(at)?;
        at += 1;
        let times = if f & REPEAT != 0 {
            at += 1;
            usize::from(*d.get(at - 1)?) + 1
        } else {
            1
        };
        flags.extend(std::iter::repeat_n(f, times));
    }
    let coord = |f: u8, short: u8, same: u8| {
        if f & short != 0 {
            1
        } else if f & same != 0 {
            0
        } else {
            2
        }
    };
    let x: usize = flags[..points]
        .iter()
        .map(|&f| coord(f, X_SHORT, X_SAME))
        .sum();
    let y: usize = flags[..points]
        .iter()
        .map(|&f| coord(f, Y_SHORT, Y_SAME))
        .sum();
    let n = at + x + y;
    (n <= d.len()).then_some(n)
}

/// Copies one glyph without its instructions, renumbering a composite's
/// components.
fn strip_glyph(data: &[u8], map: &HashMap<u16, u16>, out: &mut Vec<u8>) -> Result<(), String> {
    if data.is_empty() {
        return Ok(());
    }
    let contours = i16::from_be_bytes([data[0], *data.get(1).ok_or_else(|| malformed("glyph"))?]);
    if contours >= 0 {
        // header, endPtsOfContours, instructionLength, instructions, rest
        let ends = 10 + 2 * contours as usize;
        let ilen = usize::from(u16_at(data, ends).ok_or_else(|| malformed("glyph"))?);
        let rest = data
            .get(ends + 2 + ilen..)
            .ok_or_else(|| malformed("glyph"))?;
        // The outline's flags and coordinates, without the padding the
        // source font left after them (kept whole if they do not parse).
        let points = usize::from(u16_at(data, ends - 2).unwrap_or(0)) + 1;
        let rest = outline_len(rest, if contours == 0 { 0 } else { points })
            .and_then(|n| rest.get(..n))
            .unwrap_or(rest);
        out.extend_from_slice(&data[..ends]);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Ok(());
    }
    let start = out.len();
    out.extend_from_slice(data.get(..10).ok_or_else(|| malformed("glyph"))?);
    let mut at = 10;
    loop {
        let flags = u16_at(data, at).ok_or_else(|| malformed("composite glyph"))?;
        let gid = u16_at(data, at + 2).ok_or_else(|| malformed("composite glyph"))?;
        let len = component_args(flags);
        let args = data
            .get(at + 4..at + 4 + len)
            .ok_or_else(|| malformed("composite glyph"))?;
        let new = *map.get(&gid).ok_or_else(|| malformed("composite glyph"))?;
        out.extend_from_slice(&(flags & !WE_HAVE_INSTRUCTIONS).to_be_bytes());
        out.extend_from_slice(&new.to_be_bytes());
        out.extend_from_slice(args);
        at += 4 + len;
        if flags & MORE_COMPONENTS == 0 {
            break;
        }
    }
    debug_assert!(out.len() > start);
    Ok(())
}

/// A CFF-flavoured OpenType font, whole, less the tables a PDF never
/// reads; glyph indices are kept.
fn cff(face: &FontRef, wanted: &[Option<u16>]) -> Result<Subset, String> {
    const DROP: [&[u8; 4]; 8] = [
        b"GSUB", b"GPOS", b"GDEF", b"kern", b"BASE", b"JSTF", b"MATH", b"DSIG",
    ];
    let mut tables = Vec::new();
    for r in face.table_directory().table_records() {
        let t = r.tag().to_be_bytes();
        if DROP.contains(&&t) {
            continue;
        }
        if let Some(data) = face.table_data(r.tag()).map(|d| d.as_bytes()) {
            tables.push((t, data.to_vec()));
        }
    }
    if !tables.iter().any(|(t, _)| t == b"CFF ") {
        return Err("the font has neither TrueType nor CFF outlines".into());
    }
    let mut order = vec![Some(0u16)];
    let mut map: HashMap<u16, u16> = HashMap::from([(0, 0)]);
    for &g in wanted.iter().flatten() {
        map.entry(g).or_insert_with(|| {
            order.push(Some(g));
            g
        });
    }
    Ok(Subset {
        program: sfnt(u32::from_be_bytes(*b"OTTO"), tables),
        kind: Outlines::Cff,
        map,
        order,
    })
}

fn checksum(data: &[u8]) -> u32 {
    let mut sum = 0u32;
    let mut chunks = data.chunks(4);
    for c in &mut chunks {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum = sum.wrapping_add(u32::from_be_bytes(w));
    }
    sum
}

/// Assembles an sfnt (TrueType/OpenType) file from tables, sorted by tag,
/// with checksums and `head.checkSumAdjustment`.
fn sfnt(version: u32, mut tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    tables.sort_by_key(|t| t.0);
    let n = tables.len() as u16;
    let mut pow = 1u16;
    let mut log = 0u16;
    while pow * 2 <= n {
        pow *= 2;
        log += 1;
    }
    let mut out = Vec::new();
    out.extend_from_slice(&version.to_be_bytes());
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(&(pow * 16).to_be_bytes());
    out.extend_from_slice(&log.to_be_bytes());
    out.extend_from_slice(&(n * 16 - pow * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (t, data) in &tables {
        if t == b"head" {
            head_at = Some(offset);
        }
        out.extend_from_slice(t);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(h) = head_at {
        if out.len() >= h + 12 {
            let adj = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
            out[h + 8..h + 12].copy_from_slice(&adj.to_be_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use read_fonts::model::glyph::outline::{DrawMemory, DrawOptions, SvgSink};
    use read_fonts::types::GlyphId;

    static LATO: &[u8] = include_bytes!("../../fonts/sans/Lato-Regular.ttf");

    #[test]
    fn a_subset_parses_and_keeps_its_glyphs() {
        let face = FontRef::new(LATO).unwrap();
        let font = read_fonts::model::Font::new(LATO, 0).unwrap();
        let used: Vec<u16> = "Héllo, ﬁne World"
            .chars()
            .filter_map(|c| font.charmap().map_unicode(c))
            .map(|g| g.to_u32() as u16)
            .collect();
        let wanted: Vec<Option<u16>> = [None, Some(0)]
            .into_iter()
            .chain(used.iter().map(|g| Some(*g)))
            .collect();
        let s = subset(&face, &wanted).unwrap();
        assert_eq!(s.kind, Outlines::TrueType);
        assert_eq!(s.order[0], None);
        assert!(s.program.len() < 20_000, "{} bytes", s.program.len());
        let program: &'static [u8] = Box::leak(s.program.clone().into_boxed_slice());
        let small = read_fonts::model::Font::new(program, 0).unwrap();
        assert_eq!(small.num_glyphs() as usize, s.order.len());
        for &old in &used {
            let new = s.map[&old];
            let (a, b) = (GlyphId::new(old.into()), GlyphId::new(new.into()));
            let advance = |f: &read_fonts::model::Font, g| f.glyph_metrics().h_advance(g);
            assert_eq!(advance(&font, a), advance(&small, b));
            let bbox = |f: &read_fonts::model::Font, g| f.glyph_metrics().extents(g);
            assert_eq!(bbox(&font, a), bbox(&small, b));
            // The outline itself, point for point.
            assert_eq!(outline(&font, a), outline(&small, b), "glyph {old}");
        }
        // Offsets in halves: the cut font is far under 128 KB.
        let head = table(&FontRef::new(&s.program).unwrap(), b"head").unwrap();
        assert_eq!(super::u16_at(head, 50), Some(0), "short loca");
    }

    /// A glyph's outline as SVG path commands, in font units.
    fn outline(f: &read_fonts::model::Font, g: GlyphId) -> String {
        let mut sink = SvgSink::new();
        let glyph = f.outline_glyphs().get(g).expect("the glyph has an outline");
        glyph
            .draw(&DrawOptions::new(), DrawMemory::Scratch, &mut sink)
            .expect("draws");
        sink.to_string()
    }

    #[test]
    fn broken_glyph_data_is_an_error_not_a_panic() {
        let face = FontRef::new(LATO).unwrap();
        // Glyph indices past the font's end are ignored.
        assert!(subset(&face, &[Some(u16::MAX)]).is_ok());
        assert!(subset(&face, &[]).is_ok());
        let mut bad = LATO.to_vec();
        // Truncate the file in the middle of its glyph data.
        bad.truncate(LATO.len() / 2);
        if let Ok(f) = FontRef::new(&bad) {
            let _ = subset(&f, &[Some(1), Some(100), Some(2000)]);
        }
    }
}
