//! Fonts into the PDF: which glyphs each face draws, numbered so runs of
//! letters get consecutive codes, and the subset font program of each
//! face (cut by [`super::subset`]). printpdf embeds the programs and
//! writes their widths and ToUnicode CMaps; [`super::finish`] gives them
//! their subset names.
//!
//! Every TrueType subset numbers its glyphs from one code table shared by
//! the whole document (code 1 is the first character in order, in every
//! face that uses it; a face leaves the codes it does not use empty).

use std::collections::{BTreeMap, HashMap};

use super::subset;
use super::Metadata;
use crate::layout::{Item, Laidout};
use crate::text::shape::FxBuild;
use crate::text::{FaceId, FontSet};

/// Glyphs drawn in one face: each glyph with each text it stands for
/// (empty for the later glyphs of a cluster). One glyph may stand for two
/// texts: a hyphen is "-" in "U.S.-Peru" and a soft hyphen at a line's
/// hyphenated end, which text extraction leaves out.
type Used<'l> = std::collections::HashSet<(u16, &'l str), FxBuild>;

/// Every glyph drawn in each face, with the texts it stands for.
fn glyphs_used(laid: &Laidout) -> BTreeMap<FaceId, Used<'_>> {
    let mut used: BTreeMap<FaceId, Used> = BTreeMap::new();
    for page in &laid.pages {
        for it in &page.items {
            if let Item::Text(run) = it {
                let glyphs = used.entry(run.face).or_default();
                for g in &run.glyphs {
                    glyphs.insert((g.id, g.text.as_str()));
                }
            }
        }
    }
    used
}

/// A subset tag for a face: six capitals derived from the document and
/// the face, so identical input gives identical names.
pub fn tag(meta: &Metadata, face: FaceId) -> String {
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
pub fn postscript_name(face: &crate::text::fonts::Face) -> String {
    let ps = face.postscript_name();
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
/// have none), each with its glyph.
fn keys<'t>(glyphs: &Used<'t>) -> Vec<(Key<'t>, u16)> {
    let mut by_text: Vec<(&str, u16)> = glyphs
        .iter()
        .filter(|(g, t)| *g != 0 && !t.is_empty())
        .map(|&(g, t)| (t, g))
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

/// The `n`th code (from 1) of the shared table. Codes whose bytes are
/// all ASCII and need no escape in a literal string (not `(`, `)`, `\`
/// or a carriage return) are the only ones used, so every glyph string
/// is short literal text: 0x01–0x7F, then 0x100–0x17F, and so on.
pub fn nth_code(n: usize) -> u16 {
    let per_block = PLAIN_BYTES.len();
    let (block, i) = (n / per_block, n % per_block);
    (block as u16) << 8 | u16::from(PLAIN_BYTES[i])
}

/// Bytes that stand for themselves in a literal string.
const PLAIN_BYTES: [u8; 124] = {
    let mut out = [0u8; 124];
    let (mut b, mut i) = (0u8, 0);
    while b < 0x80 {
        if !matches!(b, b'(' | b')' | b'\\' | b'\r') {
            out[i] = b;
            i += 1;
        }
        b += 1;
    }
    out
};

/// One face's part of the plan.
pub struct FacePlan<'l> {
    pub codes: FaceCodes,
    /// Old glyph index of each new one (see [`subset::subset`]).
    wanted: Vec<Option<u16>>,
    /// The text each code stands for (the ToUnicode CMap's content).
    pub text: BTreeMap<u16, &'l str>,
    /// Whether the codes are the shared table's (TrueType) rather than the
    /// font's own glyph indices (CFF).
    pub renumbered: bool,
}

/// How every face's glyphs are numbered, before any font is cut.
pub struct Plan<'l> {
    pub faces: BTreeMap<FaceId, FacePlan<'l>>,
    /// The images drawn, each named once for the whole document.
    pub images: super::images::Images,
}

fn width(face: &crate::text::fonts::Face, old: u16) -> f64 {
    let adv = face.advance(old).unwrap_or(0);
    (f64::from(adv) * 100_000.0 / f64::from(face.units_per_em)).round() / 100.0
}

/// Numbers the glyphs of every face used.
pub fn plan<'l>(laid: &'l Laidout, fonts: &FontSet) -> Plan<'l> {
    let used = glyphs_used(laid);
    let face_keys: BTreeMap<FaceId, Vec<(Key, u16)>> =
        used.iter().map(|(f, g)| (*f, keys(g))).collect();
    let mut table: Vec<Key> = face_keys
        .iter()
        .filter(|(f, _)| subset::renumbers(&fonts.get(**f).tables))
        .flat_map(|(_, k)| k.iter().map(|(key, _)| *key))
        .collect();
    table.sort_unstable();
    table.dedup();
    let code_of: HashMap<Key, u16, FxBuild> = table
        .iter()
        .enumerate()
        .map(|(i, k)| (*k, nth_code(i + 1)))
        .collect();
    let top = nth_code(table.len());

    let mut faces = BTreeMap::new();
    for (face_id, glyphs) in used {
        let face = fonts.get(face_id);
        let renumbered = subset::renumbers(&face.tables);
        // Glyphs in code order: the shared codes (an empty glyph where a
        // code is not this face's, or not a code), then glyphs without
        // text.
        let mut wanted: Vec<Option<u16>> = vec![None; usize::from(top) + 1];
        if glyphs.iter().any(|(g, _)| *g == 0) {
            wanted[0] = Some(0);
        }
        let mut codes: Vec<Option<(u16, f64)>> = vec![None; usize::from(face.glyph_count())];
        let mut alternates = Vec::new();
        let mut text = BTreeMap::new();
        for (key, g) in &face_keys[&face_id] {
            let t = key.2;
            let code = match code_of.get(key) {
                Some(&c) if renumbered => c,
                _ => *g,
            };
            if renumbered {
                wanted[usize::from(code)] = Some(*g);
            }
            match codes.get_mut(usize::from(*g)) {
                Some(slot @ None) => *slot = Some((code, width(face, *g))),
                Some(Some((primary, _))) if *primary != code => {
                    alternates.push((*g, t.to_string(), code))
                }
                _ => {}
            }
            text.entry(code).or_insert(t);
        }
        let mut textless: Vec<u16> = glyphs
            .iter()
            .filter(|(g, _)| *g != 0 && codes.get(usize::from(*g)).is_some_and(Option::is_none))
            .map(|(g, _)| *g)
            .collect();
        textless.sort_unstable();
        textless.dedup();
        for g in textless {
            let code = if renumbered { wanted.len() as u16 } else { g };
            if renumbered {
                wanted.push(Some(g));
            }
            if let Some(slot) = codes.get_mut(usize::from(g)) {
                *slot = Some((code, width(face, g)));
            }
        }
        if !renumbered {
            // A CFF font keeps its glyph indices: nothing to cut by code.
            wanted = codes
                .iter()
                .enumerate()
                .map(|(g, c)| c.map(|_| g as u16))
                .collect();
            wanted[0] = Some(0);
        }
        faces.insert(
            face_id,
            FacePlan {
                codes: FaceCodes { codes, alternates },
                wanted,
                text,
                renumbered,
            },
        );
    }
    Plan {
        faces,
        images: super::images::Images::collect(&laid.pages),
    }
}

impl Plan<'_> {
    /// Each face's ToUnicode map, code to UTF-16BE text. The TrueType
    /// faces share one code table, so they get one map, the union of
    /// theirs (written once); a CFF face, numbered by its own glyph
    /// indices, gets its own.
    pub fn to_unicode(&self) -> BTreeMap<FaceId, std::rc::Rc<super::cmap::UnicodeMap>> {
        let utf16 = |t: &str| {
            t.encode_utf16()
                .flat_map(u16::to_be_bytes)
                .collect::<Vec<u8>>()
        };
        let mut shared = BTreeMap::new();
        for p in self.faces.values().filter(|p| p.renumbered) {
            for (&code, &t) in &p.text {
                shared.entry(code).or_insert_with(|| utf16(t));
            }
        }
        let shared = std::rc::Rc::new(shared);
        self.faces
            .iter()
            .map(|(f, p)| {
                let map = if p.renumbered {
                    shared.clone()
                } else {
                    std::rc::Rc::new(p.text.iter().map(|(c, t)| (*c, utf16(t))).collect())
                };
                (*f, map)
            })
            .collect()
    }
}

/// How one face's glyphs are written: the code of each original glyph
/// and its width in thousandths of an em.
pub struct FaceCodes {
    pub codes: Vec<Option<(u16, f64)>>,
    /// Glyphs drawn for a second text (the soft hyphen at a line's end):
    /// glyph, text, code.
    pub alternates: Vec<(u16, String, u16)>,
}

impl FaceCodes {
    /// The code that draws glyph `gid` standing for `text`.
    pub fn code(&self, gid: u16, text: &str) -> u16 {
        if !self.alternates.is_empty() && !text.is_empty() {
            if let Some(a) = self.alternates.iter().find(|a| a.0 == gid && a.1 == text) {
                return a.2;
            }
        }
        self.codes
            .get(usize::from(gid))
            .copied()
            .flatten()
            .map_or(0, |c| c.0)
    }

    /// Every code used, once each.
    pub fn all(&self) -> Vec<u16> {
        let mut out: Vec<u16> = self
            .codes
            .iter()
            .flatten()
            .map(|c| c.0)
            .chain(self.alternates.iter().map(|a| a.2))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Cuts the font program of every face in the plan, on two cores: the
/// faces are dealt out by glyph count, largest first (a thread per face
/// cost more in start-up and fresh memory than the cutting).
pub fn subset_all(
    plan: &Plan,
    fonts: &FontSet,
) -> Result<BTreeMap<FaceId, subset::Subset>, String> {
    type Cut = (FaceId, Result<subset::Subset, String>);
    let cut = |(face_id, p): (&FaceId, &FacePlan)| -> Cut {
        let face = fonts.get(*face_id);
        let sub =
            subset::subset(&face.tables, &p.wanted).map_err(|e| format!("font {}: {e}", face.name));
        (*face_id, sub)
    };
    let mut faces: Vec<(&FaceId, &FacePlan)> = plan.faces.iter().collect();
    faces.sort_by_key(|(_, p)| std::cmp::Reverse(p.wanted.len()));
    let mut shares: [(usize, Vec<(&FaceId, &FacePlan)>); 2] = Default::default();
    for f in faces {
        let least = if shares[0].0 <= shares[1].0 { 0 } else { 1 };
        shares[least].0 += f.1.wanted.len();
        shares[least].1.push(f);
    }
    let [(_, here), (_, there)] = shares;
    let mut cuts: Vec<Cut> = std::thread::scope(|s| {
        let other = (!there.is_empty()).then(|| s.spawn(|| there.into_iter().map(cut).collect()));
        let mut cuts: Vec<Cut> = here.into_iter().map(cut).collect();
        if let Some(h) = other {
            let more: Vec<Cut> = h.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            cuts.extend(more);
        }
        cuts
    });
    // The first error in face order, as cutting them in turn would give.
    cuts.sort_by_key(|c| c.0);
    cuts.into_iter()
        .map(|(f, sub)| sub.map(|s| (f, s)))
        .collect()
}
