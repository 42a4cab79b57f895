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
                    let t = glyphs.entry(g.id).or_insert(g.text.as_str());
                    if t.is_empty() {
                        *t = g.text.as_str();
                    }
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
    /// The text each code stands for (the ToUnicode CMap's content).
    pub text: BTreeMap<u16, &'l str>,
    /// Whether the codes are the shared table's (TrueType) rather than the
    /// font's own glyph indices (CFF).
    pub renumbered: bool,
}

/// How every face's glyphs are numbered, before any font is cut.
pub struct Plan<'l> {
    pub faces: BTreeMap<FaceId, FacePlan<'l>>,
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
        let mut text = BTreeMap::new();
        for (&old, &t) in &glyphs {
            if let (false, Some(Some((code, _)))) = (t.is_empty(), codes.get(usize::from(old))) {
                text.entry(*code).or_insert(t);
            }
        }
        faces.insert(
            face_id,
            FacePlan {
                codes: FaceCodes { codes },
                wanted,
                text,
                renumbered,
            },
        );
    }
    Plan { faces }
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
        let sub = subset::subset(face.rb.raw_face(), &p.wanted)
            .map_err(|e| format!("font {}: {e}", face.name));
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
