//! Fonts into the PDF: which glyphs each face draws, the subset font
//! program, and the objects around it (a Type 0 font over a CID font,
//! its descriptor, widths, and the ToUnicode CMap that makes the text
//! copy correctly).
//!
//! Three steps, so that the slow middle one can run beside the pages:
//! [`plan`] numbers the glyphs (the codes the content streams use),
//! [`subset_all`] cuts and compresses the font programs, [`write`] writes
//! the font objects.
//!
//! Every TrueType subset numbers its glyphs from one code table shared by
//! the whole document (code 1 is the first character in order, in every
//! face that uses it; a face leaves the codes it does not use empty), so
//! one ToUnicode CMap serves all the fonts, and runs of letters get
//! consecutive codes: the widths arrays and the CMap shrink to a few
//! ranges.

use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;

use super::content::FaceCodes;
use super::subset::{self, Outlines};
use super::write::{hex_string, name, num, num_sp, pack, Packed, PdfWriter, Ref};
use super::Metadata;
use crate::layout::{Item, Laidout};
use crate::text::shape::FxBuild;
use crate::text::{FaceId, FontSet};

/// Glyphs drawn in one face, with the text each stands for.
type Used<'l> = HashMap<u16, &'l str, FxBuild>;

/// Every glyph drawn in each face, with the text it stands for (the first
/// text seen, when one glyph stands for several).
fn glyphs_used(laid: &Laidout) -> BTreeMap<FaceId, Used<'_>> {
    let mut used: BTreeMap<FaceId, Used> = BTreeMap::new();
    for page in &laid.pages {
        for it in &page.items {
            if let Item::Text(run) = it {
                let glyphs = used.entry(run.face).or_default();
                for g in &run.glyphs {
                    let t = glyphs.entry(g.id).or_insert(&g.text);
                    if t.is_empty() {
                        *t = &g.text;
                    }
                }
            }
        }
    }
    used
}

/// A subset tag for a face: six capitals derived from the document and
/// the face, so identical input gives identical names.
fn tag(meta: &Metadata, face: FaceId) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in meta.content_id.iter().chain([face.0].iter()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| (b'A' + ((h >> (i * 8)) % 26) as u8) as char)
        .collect()
}

/// The font's PostScript name, else the name it was loaded under, reduced
/// to the characters a PDF font name may hold.
fn postscript_name(face: &crate::text::fonts::Face) -> String {
    let ps = face
        .rb
        .names()
        .into_iter()
        .filter(|n| n.name_id == rustybuzz::ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string());
    let raw = ps.unwrap_or_else(|| {
        std::path::Path::new(&face.name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let clean: String = raw
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(60)
        .collect();
    if clean.is_empty() {
        "Font".into()
    } else {
        clean
    }
}

/// The text a code stands for in every renumbered font: (rank, first
/// character, text), where rank counts the glyphs standing for the same
/// text in one font (a second glyph for "1", say, the tabular one).
type Key<'t> = (usize, u32, &'t str);

/// Keys of one face's glyphs (`.notdef` and glyphs standing for no text
/// have none).
fn keys<'t>(glyphs: &Used<'t>) -> Vec<(Key<'t>, u16)> {
    let mut by_text: Vec<(&str, u16)> = glyphs
        .iter()
        .filter(|(&g, t)| g != 0 && !t.is_empty())
        .map(|(&g, &t)| (t, g))
        .collect();
    by_text.sort_unstable();
    let mut out: Vec<(Key, u16)> = Vec::with_capacity(by_text.len());
    for &(t, g) in &by_text {
        let rank = match out.last() {
            Some(&((r, _, prev), _)) if prev == t => r + 1,
            _ => 0,
        };
        out.push(((rank, t.chars().next().map_or(0, u32::from), t), g));
    }
    out
}

/// One face's part of the plan.
pub struct FacePlan<'l> {
    pub codes: FaceCodes,
    /// Old glyph index of each new one (see [`subset::subset`]).
    wanted: Vec<Option<u16>>,
    glyphs: Used<'l>,
    renumbered: bool,
}

/// How every face's glyphs are numbered, before any font is cut.
pub struct Plan<'l> {
    pub faces: BTreeMap<FaceId, FacePlan<'l>>,
    /// The shared code table: code and the text it stands for.
    table: Vec<(u16, &'l str)>,
}

impl Plan<'_> {
    /// How to write each face's glyphs, for the content streams.
    pub fn codes(&self) -> BTreeMap<FaceId, &FaceCodes> {
        self.faces.iter().map(|(f, p)| (*f, &p.codes)).collect()
    }
}

fn width(face: &crate::text::fonts::Face, old: u16) -> f64 {
    let adv = face
        .rb
        .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(old))
        .unwrap_or(0);
    (f64::from(adv) * 100_000.0 / f64::from(face.units_per_em)).round() / 100.0
}

/// Numbers the glyphs of every face used.
pub fn plan<'l>(laid: &'l Laidout, fonts: &FontSet) -> Plan<'l> {
    let used = glyphs_used(laid);
    let face_keys: BTreeMap<FaceId, Vec<(Key, u16)>> =
        used.iter().map(|(f, g)| (*f, keys(g))).collect();
    let mut table: Vec<Key> = face_keys
        .iter()
        .filter(|(f, _)| subset::renumbers(fonts.get(**f).rb.raw_face()))
        .flat_map(|(_, k)| k.iter().map(|(key, _)| *key))
        .collect();
    table.sort_unstable();
    table.dedup();
    let code_of: HashMap<Key, u16, FxBuild> = table
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, i as u16 + 1))
        .collect();

    let mut faces = BTreeMap::new();
    for (face_id, glyphs) in used {
        let face = fonts.get(face_id);
        let renumbered = subset::renumbers(face.rb.raw_face());
        // Glyphs in code order: the shared codes, then glyphs without text.
        let mut wanted: Vec<Option<u16>> = vec![None; table.len() + 1];
        if glyphs.contains_key(&0) {
            wanted[0] = Some(0);
        }
        for (key, g) in &face_keys[&face_id] {
            if let Some(&c) = code_of.get(key) {
                wanted[usize::from(c)] = Some(*g);
            }
        }
        let mut textless: Vec<u16> = glyphs
            .iter()
            .filter(|(&g, t)| g != 0 && t.is_empty())
            .map(|(&g, _)| g)
            .collect();
        textless.sort_unstable();
        wanted.extend(textless.into_iter().map(Some));
        let mut codes = vec![None; usize::from(face.rb.number_of_glyphs())];
        for (new, old) in wanted.iter().enumerate() {
            let Some(old) = *old else { continue };
            let code = if renumbered { new as u16 } else { old };
            if let Some(slot) = codes.get_mut(usize::from(old)) {
                *slot = Some((code, width(face, old)));
            }
        }
        faces.insert(
            face_id,
            FacePlan {
                codes: FaceCodes {
                    resource: format!("F{}", face_id.0),
                    codes,
                },
                wanted,
                glyphs,
                renumbered,
            },
        );
    }
    let table = table
        .iter()
        .enumerate()
        .map(|(i, k)| (i as u16 + 1, k.2))
        .collect();
    Plan { faces, table }
}

/// A face's font program, cut and compressed.
pub struct Cut {
    sub: subset::Subset,
    packed: Packed,
}

/// Cuts and compresses the font program of every face in the plan.
pub fn subset_all(plan: &Plan, fonts: &FontSet) -> Result<BTreeMap<FaceId, Cut>, String> {
    let mut out = BTreeMap::new();
    for (face_id, p) in &plan.faces {
        let face = fonts.get(*face_id);
        let sub = subset::subset(face.rb.raw_face(), &p.wanted)
            .map_err(|e| format!("font {}: {e}", face.name))?;
        let packed = pack(&sub.program);
        out.insert(*face_id, Cut { sub, packed });
    }
    Ok(out)
}

/// Writes the font objects; returns each face's Type 0 font object.
pub fn write(
    w: &mut PdfWriter,
    plan: &Plan,
    cuts: &BTreeMap<FaceId, Cut>,
    fonts: &FontSet,
    meta: &Metadata,
) -> BTreeMap<FaceId, Ref> {
    let shared_cmap = (!plan.table.is_empty()).then(|| {
        let id = w.alloc();
        w.stream(id, b"", &to_unicode(&plan.table));
        id
    });
    let mut out = BTreeMap::new();
    for (face_id, p) in &plan.faces {
        let Some(Cut { sub, packed }) = cuts.get(face_id) else {
            continue;
        };
        let face_id = *face_id;
        let face = fonts.get(face_id);
        let upm = f64::from(face.units_per_em);
        let base = format!("{}+{}", tag(meta, face_id), postscript_name(face));

        let type0 = w.alloc();
        let cid = w.alloc();
        let descriptor = w.alloc();
        let file = w.alloc();

        // The font program.
        let mut dict = Vec::new();
        match sub.kind {
            Outlines::TrueType => {
                let _ = write!(dict, "/Length1 {}", sub.program.len());
            }
            Outlines::Cff => dict.extend_from_slice(b"/Subtype/OpenType"),
        }
        w.packed_stream(file, &dict, packed);

        // Descriptor.
        let scale = |v: f64| v * 1000.0 / upm;
        let rb = &face.rb;
        let bbox = rb.global_bounding_box();
        let italic = rb.is_italic() || rb.italic_angle() != 0.0;
        // Symbolic (4): the font's own encoding is used; italic (64).
        let flags = 4 | if italic { 64 } else { 0 };
        let weight = f64::from(rb.weight().to_number());
        // Stem width from weight, the usual estimate when none is given.
        let stem_v = 10.0 + 220.0 * ((weight - 50.0) / 900.0).clamp(0.0, 1.0).powi(2);
        w.object(descriptor, |b| {
            b.extend_from_slice(b"<</Type/FontDescriptor/FontName");
            name(b, &base);
            let _ = write!(b, "/Flags {flags}/FontBBox[");
            for v in [bbox.x_min, bbox.y_min, bbox.x_max] {
                num_sp(b, scale(f64::from(v)), 0);
            }
            num(b, scale(f64::from(bbox.y_max)), 0);
            b.extend_from_slice(b"]/ItalicAngle ");
            num(b, f64::from(rb.italic_angle()), 1);
            b.extend_from_slice(b"/Ascent ");
            num(b, scale(f64::from(face.ascender)), 0);
            b.extend_from_slice(b"/Descent ");
            num(b, scale(f64::from(face.descender)), 0);
            b.extend_from_slice(b"/CapHeight ");
            num(b, scale(f64::from(face.cap_height)), 0);
            b.extend_from_slice(b"/XHeight ");
            num(b, scale(f64::from(face.x_height)), 0);
            b.extend_from_slice(b"/StemV ");
            num(b, stem_v, 0);
            match sub.kind {
                Outlines::TrueType => {
                    let _ = write!(b, "/FontFile2 {file}>>");
                }
                Outlines::Cff => {
                    let _ = write!(b, "/FontFile3 {file}>>");
                }
            }
        });

        // The CID font, with widths in runs of consecutive codes.
        let widths: Vec<(u16, f64)> = sub
            .order
            .iter()
            .enumerate()
            .filter_map(|(new, old)| {
                let old = (*old)?;
                let code = if p.renumbered { new as u16 } else { old };
                Some((code, width(face, old)))
            })
            .collect();
        w.object(cid, |b| {
            b.extend_from_slice(match sub.kind {
                Outlines::TrueType => b"<</Type/Font/Subtype/CIDFontType2/BaseFont",
                Outlines::Cff => b"<</Type/Font/Subtype/CIDFontType0/BaseFont",
            });
            name(b, &base);
            b.extend_from_slice(
                b"/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>",
            );
            let _ = write!(b, "/FontDescriptor {descriptor}/DW 0/W[");
            write_widths(b, widths);
            b.push(b']');
            if sub.kind == Outlines::TrueType {
                b.extend_from_slice(b"/CIDToGIDMap/Identity");
            }
            b.extend_from_slice(b">>");
        });

        // ToUnicode: the shared one, or the font's own for a CFF font
        // (whose codes are its glyph indices).
        let cmap = match shared_cmap.filter(|_| p.renumbered) {
            Some(id) => id,
            None => {
                let id = w.alloc();
                let mut mapping: Vec<(u16, &str)> = p
                    .glyphs
                    .iter()
                    .filter(|(_, t)| !t.is_empty())
                    .filter_map(|(old, t)| Some((*sub.map.get(old)?, *t)))
                    .collect();
                mapping.sort_unstable();
                w.stream(id, b"", &to_unicode(&mapping));
                id
            }
        };
        w.object(type0, |b| {
            b.extend_from_slice(b"<</Type/Font/Subtype/Type0/BaseFont");
            name(b, &base);
            let _ = write!(
                b,
                "/Encoding/Identity-H/DescendantFonts[{cid}]/ToUnicode {cmap}>>"
            );
        });
        out.insert(face_id, type0);
    }
    out
}

/// The `/W` array: `first [w w w …]` for each run of consecutive codes.
fn write_widths(b: &mut Vec<u8>, mut pairs: Vec<(u16, f64)>) {
    pairs.sort_by_key(|p| p.0);
    let mut i = 0;
    while i < pairs.len() {
        let start = pairs[i].0;
        let _ = write!(b, "{start}[");
        let mut j = i;
        while j < pairs.len() && usize::from(pairs[j].0) == usize::from(start) + (j - i) {
            if j > i {
                b.push(b' ');
            }
            num(b, pairs[j].1, 2);
            j += 1;
        }
        b.push(b']');
        i = j;
    }
}

/// A ToUnicode CMap for (code, text) pairs sorted by code: consecutive
/// codes standing for consecutive characters become one `bfrange`.
fn to_unicode(mapping: &[(u16, &str)]) -> Vec<u8> {
    let mut ranges: Vec<(u16, u16, Vec<u16>)> = Vec::new();
    let mut singles: Vec<(u16, Vec<u16>)> = Vec::new();
    let mut i = 0;
    while i < mapping.len() {
        let (code, text) = mapping[i];
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut j = i + 1;
        if units.len() == 1 {
            // Extend while codes and characters both step by one, within
            // one high byte (a bfrange may only vary the last byte).
            while j < mapping.len() {
                let (c, t) = mapping[j];
                let mut u = t.encode_utf16();
                let (Some(next), None) = (u.next(), u.next()) else {
                    break;
                };
                let step = (j - i) as u16;
                if c != code.wrapping_add(step)
                    || c >> 8 != code >> 8
                    || next != units[0].wrapping_add(step)
                    || next >> 8 != units[0] >> 8
                {
                    break;
                }
                j += 1;
            }
        }
        if j - i > 1 {
            ranges.push((code, mapping[j - 1].0, units));
        } else {
            singles.push((code, units));
        }
        i = j;
    }
    let mut b = Vec::with_capacity(512 + 24 * mapping.len());
    b.extend_from_slice(
        b"/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n\
/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n\
1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n",
    );
    let units_hex = |b: &mut Vec<u8>, units: &[u16]| {
        let bytes: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
        hex_string(b, &bytes);
    };
    for chunk in singles.chunks(100) {
        let _ = writeln!(b, "{} beginbfchar", chunk.len());
        for (code, units) in chunk {
            hex_string(&mut b, &code.to_be_bytes());
            units_hex(&mut b, units);
            b.push(b'\n');
        }
        b.extend_from_slice(b"endbfchar\n");
    }
    for chunk in ranges.chunks(100) {
        let _ = writeln!(b, "{} beginbfrange", chunk.len());
        for (first, last, units) in chunk {
            hex_string(&mut b, &first.to_be_bytes());
            hex_string(&mut b, &last.to_be_bytes());
            units_hex(&mut b, units);
            b.push(b'\n');
        }
        b.extend_from_slice(b"endbfrange\n");
    }
    b.extend_from_slice(b"endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n");
    b
}

#[cfg(test)]
mod tests {
    #[test]
    fn cmap_ranges() {
        let m = [
            (1u16, "a"),
            (2, "b"),
            (3, "c"),
            (4, "fi"),
            (5, "x"),
            (7, "y"),
        ];
        let c = String::from_utf8(super::to_unicode(&m)).unwrap();
        assert!(c.contains("<0001><0003><0061>"), "{c}");
        assert!(c.contains("<0004><00660069>"), "{c}");
        assert!(c.contains("3 beginbfchar"), "{c}");
    }
}
