//! The faces a briefing is set in. The bundled families (Vollkorn for the
//! body, Lato for headings and figures, both OFL) are compiled into the
//! binary; `style.fonts` replaces them from files.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use read_fonts::tables::{
    hhea::Hhea,
    hmtx::LongMetric,
    os2::{Os2, SelectionFlags},
};
use read_fonts::types::{GlyphId, NameId, Tag};
use read_fonts::{FontRef, TableProvider};

use crate::model::{FontFamilyFiles, FontFile, Style};

/// Index of a face in a [`FontSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(pub u8);

impl FaceId {
    /// A bold face of either family (the semibold label face is not).
    pub fn is_bold(self) -> bool {
        self != HEADING_SEMIBOLD && self.0 & 2 != 0
    }
}

/// Which family a piece of text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Serif: body text, notes, recommendation prose.
    Body,
    /// Sans: headings, labels, figure values, running heads.
    Heading,
}

/// One loaded face with the metrics layout needs, in font units.
///
/// One font stack serves everything: read-fonts reads the tables (metrics,
/// the character map, the name, the subsetter's raw tables) and harfrust,
/// built on read-fonts, shapes with the same font.
pub struct Face {
    pub name: String,
    pub data: &'static [u8],
    /// The font's tables.
    pub tables: FontRef<'static>,
    /// The font as harfrust sees it: it reads the layout tables on first
    /// use and keeps what it read for every later plan and word.
    pub shaping: harfrust::Font,
    /// Horizontal metrics (`hmtx`), for advances without a table lookup.
    h_metrics: &'static [LongMetric],
    glyph_count: u16,
    pub units_per_em: f32,
    pub ascender: f32,
    pub descender: f32,
    pub cap_height: f32,
    pub x_height: f32,
    /// Superscript size and rise as fractions of the em.
    pub sup_scale: f32,
    pub sup_rise: f32,
    /// Which characters of the first [`MEMO_CHARS`] the face has, looked up
    /// once each: the coverage check asks about every character of the
    /// content, and a cmap lookup costs a binary search.
    memo: CharMemo,
}

/// Characters below this code point have their coverage remembered (Latin,
/// Greek, Cyrillic, punctuation, currency and dashes: what briefings use).
const MEMO_CHARS: usize = 0x2200;

/// The em sizes TrueType allows (`head.unitsPerEm`); outside them the
/// metrics are nonsense and a zero would divide layout by nothing.
const UNITS_PER_EM: std::ops::RangeInclusive<u16> = 16..=16384;

/// Two bits per character: looked up, and present.
struct CharMemo {
    known: Vec<AtomicU64>,
    has: Vec<AtomicU64>,
}

impl CharMemo {
    fn new() -> CharMemo {
        let words = MEMO_CHARS / 64;
        CharMemo {
            known: (0..words).map(|_| AtomicU64::new(0)).collect(),
            has: (0..words).map(|_| AtomicU64::new(0)).collect(),
        }
    }
}

/// The vertical metrics a face is set with: OS/2's typographic values when
/// the font asks for them (`USE_TYPO_METRICS`), else `hhea`'s, falling
/// back to OS/2 when `hhea` leaves them at zero.
fn vertical_metrics(font: &FontRef, hhea: &Hhea) -> (i16, i16) {
    let os2 = font.os2().ok();
    if let Some(os2) = &os2 {
        if os2.version() >= 4
            && os2
                .fs_selection()
                .contains(SelectionFlags::USE_TYPO_METRICS)
        {
            return (os2.s_typo_ascender(), os2.s_typo_descender());
        }
    }
    let pick = |hhea: i16, typo: &dyn Fn(&Os2) -> i16, win: &dyn Fn(&Os2) -> i16| match &os2 {
        Some(os2) if hhea == 0 => match typo(os2) {
            0 => win(os2),
            v => v,
        },
        _ => hhea,
    };
    (
        pick(hhea.ascender().to_i16(), &|o| o.s_typo_ascender(), &|o| {
            o.us_win_ascent() as i16
        }),
        pick(hhea.descender().to_i16(), &|o| o.s_typo_descender(), &|o| {
            -(o.us_win_descent() as i16)
        }),
    )
}

impl Face {
    fn load(name: &str, data: &'static [u8]) -> Result<Face, String> {
        let not_a_font = || format!("{name}: not a TrueType/OpenType font");
        let tables = FontRef::new(data).map_err(|_| not_a_font())?;
        let shaping = harfrust::Font::new(data, 0).ok_or_else(not_a_font)?;
        let head = tables.head().map_err(|_| not_a_font())?;
        let hhea = tables.hhea().map_err(|_| not_a_font())?;
        let glyph_count = tables.maxp().map_err(|_| not_a_font())?.num_glyphs();
        let h_metrics = tables.hmtx().map(|h| h.h_metrics()).unwrap_or_default();
        if !UNITS_PER_EM.contains(&head.units_per_em()) {
            return Err(not_a_font());
        }
        let upm = f32::from(head.units_per_em());
        let os2 = tables.os2().ok();
        let (ascender, descender) = vertical_metrics(&tables, &hhea);
        // OS/2 before version 2 has no cap or x-height.
        let since_v2 = |f: &dyn Fn(&Os2) -> Option<i16>| {
            os2.as_ref()
                .filter(|o| o.version() >= 2)
                .and_then(f)
                .map(f32::from)
        };
        let cap = since_v2(&|o| o.s_cap_height()).unwrap_or(upm * 0.7);
        let x = since_v2(&|o| o.sx_height()).unwrap_or(upm * 0.48);
        let (sup_scale, sup_rise) = match &os2 {
            Some(o) if o.y_superscript_y_size() > 0 => (
                (f32::from(o.y_superscript_y_size()) / upm).clamp(0.5, 0.75),
                (f32::from(o.y_superscript_y_offset()) / upm).clamp(0.2, 0.5),
            ),
            _ => (0.62, 0.36),
        };
        Ok(Face {
            name: name.to_string(),
            ascender: f32::from(ascender),
            descender: f32::from(descender),
            units_per_em: upm,
            cap_height: cap,
            x_height: x,
            sup_scale,
            sup_rise,
            tables,
            shaping,
            h_metrics,
            glyph_count,
            data,
            memo: CharMemo::new(),
        })
    }

    /// A glyph's advance in font units (`hmtx`; glyphs past the last
    /// record share its advance), `None` for a glyph the font lacks.
    #[inline]
    pub fn advance(&self, gid: u16) -> Option<u16> {
        if gid >= self.glyph_count {
            return None;
        }
        self.h_metrics
            .get(usize::from(gid))
            .or(self.h_metrics.last())
            .map(LongMetric::advance)
    }

    /// The number of glyphs in the font (`maxp`).
    pub fn glyph_count(&self) -> u16 {
        self.glyph_count
    }

    /// The font's PostScript name (name ID 6), from the first record in a
    /// Unicode encoding.
    pub fn postscript_name(&self) -> Option<String> {
        let name = self.tables.name().ok()?;
        let strings = name.string_data();
        name.name_record()
            .iter()
            .filter(|r| r.name_id() == NameId::POSTSCRIPT_NAME)
            .filter(|r| is_unicode_encoding(r.platform_id(), r.encoding_id()))
            .find_map(|r| {
                let start = r.string_offset().to_u32() as usize;
                let bytes = strings
                    .as_bytes()
                    .get(start..start + usize::from(r.length()))?;
                let units: Vec<u16> = bytes
                    .chunks_exact(2)
                    .map(|b| u16::from_be_bytes([b[0], b[1]]))
                    .collect();
                String::from_utf16(&units).ok()
            })
    }

    pub fn has_char(&self, c: char) -> bool {
        let i = c as usize;
        if i >= MEMO_CHARS {
            return self.glyph_of(c).is_some();
        }
        let (word, bit) = (i / 64, 1u64 << (i % 64));
        if self.memo.known[word].load(Ordering::Acquire) & bit != 0 {
            return self.memo.has[word].load(Ordering::Relaxed) & bit != 0;
        }
        let has = self.glyph_of(c).is_some();
        if has {
            self.memo.has[word].fetch_or(bit, Ordering::Relaxed);
        }
        self.memo.known[word].fetch_or(bit, Ordering::Release);
        has
    }

    /// The glyph the shaper maps a character to: the same character map
    /// harfrust uses, so coverage and shaping agree.
    fn glyph_of(&self, c: char) -> Option<GlyphId> {
        self.shaping.charmap().map_unicode(c)
    }
}

/// Whether a name record's strings are UTF-16 (Unicode platform, or
/// Windows' symbol and BMP encodings).
fn is_unicode_encoding(platform: u16, encoding: u16) -> bool {
    platform == 0 || (platform == 3 && matches!(encoding, 0 | 1))
}

/// Checks that bytes are a font we can set text with.
pub fn check_font_bytes(bytes: &[u8]) -> Result<(), String> {
    let unusable = |e: &dyn std::fmt::Display| format!("not a usable font ({e})");
    let face = FontRef::new(bytes).map_err(|e| unusable(&e))?;
    for required in [Tag::new(b"head"), Tag::new(b"hhea"), Tag::new(b"maxp")] {
        if face.table_data(required).is_none() {
            return Err(unusable(&format!("no {required} table")));
        }
    }
    let upm = face.head().map_err(|e| unusable(&e))?.units_per_em();
    if !UNITS_PER_EM.contains(&upm) {
        return Err(unusable(&format!("{upm} units per em")));
    }
    let cmap = face.cmap().ok();
    let best = cmap.as_ref().and_then(|c| c.best_subtable());
    let has = |c: char| {
        best.as_ref()
            .and_then(|(_, _, sub)| sub.map_codepoint(c))
            .is_some_and(|g| g.to_u32() != 0)
    };
    if !has('a') && !has('A') {
        return Err("the font has no Latin letters".into());
    }
    let table = |t: &[u8; 4]| face.table_data(Tag::new(t)).map(|d| d.as_bytes());
    if table(b"glyf").is_none() && table(b"CFF ").is_none() {
        return Err("the font has no glyph outlines".into());
    }
    check_tables(table).map_err(|what| format!("the font is damaged ({what})"))
}

/// The structure the PDF writer relies on when it cuts a subset: table
/// sizes, horizontal metrics, and (for TrueType outlines) a glyph index
/// whose every entry lies inside the glyph table. A truncated or
/// overwritten file fails here, where the error can point at the file
/// name in `style.fonts`, rather than when the PDF is written.
fn check_tables<'a>(table: impl Fn(&[u8; 4]) -> Option<&'a [u8]>) -> Result<(), &'static str> {
    let be16 = |d: &[u8], at: usize| d.get(at..at + 2).map(|b| u16::from_be_bytes([b[0], b[1]]));
    let be32 = |d: &[u8], at: usize| {
        d.get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let head = table(b"head").filter(|h| h.len() >= 54).ok_or("head")?;
    let hhea = table(b"hhea").filter(|h| h.len() >= 36).ok_or("hhea")?;
    let maxp = table(b"maxp").ok_or("maxp")?;
    let glyphs = usize::from(be16(maxp, 4).ok_or("maxp")?);
    let metrics = usize::from(be16(hhea, 34).ok_or("hhea")?);
    let hmtx = table(b"hmtx").ok_or("hmtx")?;
    if metrics == 0 || metrics > glyphs || hmtx.len() < metrics * 4 {
        return Err("hmtx");
    }
    let Some(glyf) = table(b"glyf") else {
        return Ok(());
    };
    let loca = table(b"loca").ok_or("loca")?;
    let long = be16(head, 50).ok_or("head")? != 0;
    let mut last = 0usize;
    for i in 0..=glyphs {
        let at = if long {
            be32(loca, i * 4).map(|v| v as usize)
        } else {
            be16(loca, i * 2).map(|v| usize::from(v) * 2)
        }
        .ok_or("loca")?;
        if at < last || at > glyf.len() {
            return Err("loca");
        }
        // Each record whole, as the subsetter will read it.
        if i > 0 {
            super::glyf::check(&glyf[last..at], glyphs as u16)?;
        }
        last = at;
    }
    Ok(())
}

macro_rules! bundled {
    ($path:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/", $path))
    };
}

static SERIF_REGULAR: &[u8] = bundled!("serif/Vollkorn-Regular.ttf");
static SERIF_ITALIC: &[u8] = bundled!("serif/Vollkorn-Italic.ttf");
static SERIF_BOLD: &[u8] = bundled!("serif/Vollkorn-Bold.ttf");
static SERIF_BOLD_ITALIC: &[u8] = bundled!("serif/Vollkorn-BoldItalic.ttf");
static SANS_REGULAR: &[u8] = bundled!("sans/Lato-Regular.ttf");
static SANS_ITALIC: &[u8] = bundled!("sans/Lato-Italic.ttf");
static SANS_SEMIBOLD: &[u8] = bundled!("sans/Lato-SemiBold.ttf");
static SANS_BOLD: &[u8] = bundled!("sans/Lato-Bold.ttf");
static MONO_REGULAR: &[u8] = bundled!("mono/NotoSansMono-Regular.ttf");

/// The set of faces for one briefing: a body family and a heading family,
/// four faces each (regular, italic, bold, bold italic; the heading
/// family's "bold" is used for titles, its semibold for labels).
pub struct FontSet {
    pub faces: Vec<Face>,
}

/// Face slots, in `FontSet::faces` order.
const BODY_REGULAR: u8 = 0;
const HEADING_REGULAR: u8 = 4;
/// The heading family's semibold, for labels and small headings.
pub const HEADING_SEMIBOLD: FaceId = FaceId(8);
/// The monospace face, for code spans (Noto Sans Mono; one weight: code
/// in bold or italic text keeps its upright regular shapes, as code does).
pub const MONO: FaceId = FaceId(9);

impl FontSet {
    /// The bundled families, with the author's replacements from `style`.
    pub fn load(style: &Style) -> Result<FontSet, FontError> {
        let mut faces = Vec::with_capacity(10);
        let body = [
            ("Vollkorn-Regular", SERIF_REGULAR),
            ("Vollkorn-Italic", SERIF_ITALIC),
            ("Vollkorn-Bold", SERIF_BOLD),
            ("Vollkorn-BoldItalic", SERIF_BOLD_ITALIC),
        ];
        let heading = [
            ("Lato-Regular", SANS_REGULAR),
            ("Lato-Italic", SANS_ITALIC),
            ("Lato-Bold", SANS_BOLD),
            ("Lato-Italic", SANS_ITALIC),
        ];
        for (family, custom) in [(&body, &style.body_font), (&heading, &style.heading_font)] {
            for (slot, (name, data)) in family.iter().enumerate() {
                let face = match custom.as_ref().and_then(|c| custom_face(c, slot)) {
                    Some(file) => author_face(file)?,
                    None => Face::load(name, data).map_err(FontError::bundled)?,
                };
                faces.push(face);
            }
        }
        let semibold = match style.heading_font.as_ref() {
            Some(c) => author_face(custom_face(c, 2).unwrap_or(&c.regular))?,
            None => Face::load("Lato-SemiBold", SANS_SEMIBOLD).map_err(FontError::bundled)?,
        };
        faces.push(semibold);
        faces.push(Face::load("NotoSansMono-Regular", MONO_REGULAR).map_err(FontError::bundled)?);
        Ok(FontSet { faces })
    }

    /// The face for a role and style.
    pub fn face(&self, role: Role, bold: bool, italic: bool) -> FaceId {
        let base = match role {
            Role::Body => BODY_REGULAR,
            Role::Heading => HEADING_REGULAR,
        };
        FaceId(base + u8::from(italic) + 2 * u8::from(bold))
    }

    pub fn get(&self, id: FaceId) -> &Face {
        &self.faces[usize::from(id.0)]
    }
}

fn custom_face(c: &FontFamilyFiles, slot: usize) -> Option<&FontFile> {
    match slot {
        0 => Some(&c.regular),
        1 => c.italic.as_ref(),
        2 => c.bold.as_ref(),
        _ => c.bold_italic.as_ref(),
    }
}

/// A face from an author's file, checked first: the model only knows the
/// file looks like a font.
fn author_face(file: &FontFile) -> Result<Face, FontError> {
    let at = |message: String| FontError {
        message: format!("font file `{}` cannot be used: {message}", file.written),
        span: Some(file.span.clone()),
    };
    check_font_bytes(&file.bytes).map_err(at)?;
    Face::load(&file.path.display().to_string(), leak(file.bytes.clone())).map_err(at)
}

/// A face that cannot be used, and where the content file names it.
#[derive(Debug, Clone, PartialEq)]
pub struct FontError {
    pub message: String,
    /// The font's path in `[style.fonts]`; `None` for a bundled face.
    pub span: Option<std::ops::Range<usize>>,
}

impl FontError {
    fn bundled(message: String) -> FontError {
        FontError {
            message: format!("a bundled font cannot be used: {message}"),
            span: None,
        }
    }
}

impl std::fmt::Display for FontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Author fonts live as long as the process: a build reads each at most
/// once, and the faces borrow from them.
fn leak(bytes: Arc<Vec<u8>>) -> &'static [u8] {
    use std::collections::HashMap;
    use std::sync::Mutex;
    static KEPT: Mutex<Option<HashMap<Vec<u8>, &'static [u8]>>> = Mutex::new(None);
    let mut kept = KEPT.lock().unwrap_or_else(|p| p.into_inner());
    let map = kept.get_or_insert_with(HashMap::new);
    if let Some(d) = map.get(bytes.as_slice()) {
        return d;
    }
    let d: &'static [u8] = Box::leak(bytes.to_vec().into_boxed_slice());
    map.insert(bytes.to_vec(), d);
    d
}
