//! Shaping: text in one face to positioned glyphs, with the font's own
//! kerning and ligatures (harfrust), cached per word.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;
use std::sync::{Arc, Mutex};

use harfrust::{Buffer, Direction, Feature, Script, ShapeOptions, ShapePlan, ShaperFont, Tag};

use super::fonts::{FaceId, FontSet};

/// OpenType features beyond the defaults (kern, liga, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Features {
    /// Proportional lining figures (`lnum`, `pnum`): running text, notes,
    /// headings. Vollkorn's default figures are old-style, whose 1 reads
    /// as I; Lato's default figures are tabular.
    #[default]
    Text,
    /// The font's own defaults, nothing added: code, which keeps its
    /// font's figures as written.
    Plain,
    /// Tabular lining figures: figure values, note numbers, page numbers.
    Tabular,
    /// Superior figures (`sups`, with `lnum` and `pnum` for faces whose
    /// superiors follow the figure style): note markers.
    Superior,
}

/// One glyph as the shaper placed it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub id: u16,
    /// Byte offset in the shaped text where this glyph's cluster starts.
    pub cluster: u32,
    /// Advance in font units, kerning included.
    pub advance: i32,
}

/// A shaped piece of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Shaped {
    pub face: FaceId,
    pub text: String,
    pub glyphs: Vec<Glyph>,
    /// Sum of advances, in font units.
    pub width_units: i32,
    pub units_per_em: f32,
}

impl Shaped {
    /// Width at a size, in points.
    pub fn width(&self, size: f32) -> f32 {
        self.width_units as f32 * size / self.units_per_em
    }

    /// The glyphs whose clusters start in `[from, to)` bytes.
    pub fn glyphs_in(&self, from: usize, to: usize) -> impl Iterator<Item = &Glyph> {
        self.glyphs
            .iter()
            .filter(move |g| (from..to).contains(&(g.cluster as usize)))
    }

    /// Width of the glyphs whose clusters start in `[from, to)` bytes.
    pub fn width_of(&self, from: usize, to: usize, size: f32) -> f32 {
        let units: i32 = self.glyphs_in(from, to).map(|g| g.advance).sum();
        units as f32 * size / self.units_per_em
    }

    /// Whether a break at byte `at` falls between clusters (not inside a
    /// ligature).
    pub fn is_cluster_boundary(&self, at: usize) -> bool {
        at == 0 || at >= self.text.len() || self.glyphs.iter().any(|g| g.cluster as usize == at)
    }
}

/// Shapes text, remembering every word it has shaped.
///
/// The memory outlives the shaper: shaped words are kept for the process,
/// keyed by the font's bytes, so the page-budget search, the watch loop and
/// a benchmark's repeated builds shape each distinct word once, and a
/// second thread can shape words ahead of layout (`layout::warm`).
pub struct Shaper<'f> {
    pub fonts: &'f FontSet,
    /// One shape plan per face, features and script: building a plan reads
    /// the font's GSUB/GPOS lookups, far dearer than shaping one word.
    plans: RefCell<PlanCache>,
    /// Each face as harfrust shapes with it, made on the face's first word
    /// (it borrows the font's layout tables, read once per process).
    shapers: Vec<OnceCell<ShaperFont<'f, 'static>>>,
    /// A buffer reused between words.
    buffer: Cell<Option<Buffer>>,
}

/// Shape plans by face, features and script.
type PlanCache = HashMap<(FaceId, Features, Option<Script>), Rc<ShapePlan>, FxBuild>;

/// Words shaped in one face with one feature set.
type WordCache = HashMap<Box<str>, Arc<Shaped>, FxBuild>;

/// Entries kept before the word cache starts afresh: far more
/// distinct words than any briefing has, small enough (a few tens of MB at
/// worst) that a long watch session cannot grow without bound.
const MAX_CACHED_WORDS: usize = 200_000;

/// The longest text the cache keeps, in bytes: any word a briefing
/// repeats is shorter.
const MAX_CACHED_LEN: usize = 64;

/// Identifies a face across font sets: its bytes (bundled fonts are
/// statics, author fonts are kept once per content), its slot and features.
type CacheKey = (usize, usize, FaceId, Features);

/// Every word shaped so far, by face, with the number of entries.
type Words = (usize, HashMap<CacheKey, WordCache, FxBuild>);

/// The word cache, shared by every thread (a lookup holds the lock for a
/// hash probe; shaping happens outside it).
static WORDS: Mutex<Option<Words>> = Mutex::new(None);

fn words() -> std::sync::MutexGuard<'static, Option<Words>> {
    WORDS.lock().unwrap_or_else(|p| p.into_inner())
}

/// Forgets every word shaped (for measuring cold builds).
pub fn clear_cache() {
    *words() = None;
}

impl<'f> Shaper<'f> {
    pub fn new(fonts: &'f FontSet) -> Self {
        Shaper {
            fonts,
            plans: RefCell::new(HashMap::default()),
            shapers: fonts.faces.iter().map(|_| OnceCell::new()).collect(),
            buffer: Cell::new(None),
        }
    }

    pub fn shape(&self, face: FaceId, features: Features, text: &str) -> Arc<Shaped> {
        let data = self.fonts.get(face).data;
        let key = (data.as_ptr() as usize, data.len(), face, features);
        // A long text (a title measured whole, a running head being cut)
        // is shaped each time: caching it would keep a copy per candidate.
        if text.len() > MAX_CACHED_LEN {
            return Arc::new(self.shape_uncached(face, features, text));
        }
        let hit = words()
            .as_ref()
            .and_then(|w| w.1.get(&key))
            .and_then(|w| w.get(text))
            .cloned();
        if let Some(s) = hit {
            return s;
        }
        let shaped = Arc::new(self.shape_uncached(face, features, text));
        let mut w = words();
        let w = w.get_or_insert_with(Default::default);
        if w.0 >= MAX_CACHED_WORDS {
            w.1.clear();
            w.0 = 0;
        }
        // Another thread may have shaped the word meanwhile: keep the
        // first, so every caller shares one copy.
        let entry = w.1.entry(key).or_default();
        if let Some(s) = entry.get(text) {
            return s.clone();
        }
        w.0 += 1;
        entry.insert(text.into(), shaped.clone());
        shaped
    }

    fn plan(&self, face_id: FaceId, features: Features, buf: &Buffer) -> Rc<ShapePlan> {
        let script = buf.script();
        let key = (face_id, features, script);
        if let Some(p) = self.plans.borrow().get(&key) {
            return p.clone();
        }
        let plan = Rc::new(ShapePlan::new(
            &self.fonts.get(face_id).shaping,
            buf.direction(),
            script,
            None,
            feature_list(features),
        ));
        self.plans.borrow_mut().insert(key, plan.clone());
        plan
    }

    fn shape_uncached(&self, face_id: FaceId, features: Features, text: &str) -> Shaped {
        let face = self.fonts.get(face_id);
        let font =
            self.shapers[usize::from(face_id.0)].get_or_init(|| ShaperFont::new(&face.shaping));
        let mut buf = self.buffer.take().unwrap_or_default();
        buf.push_str(text);
        buf.set_direction(Direction::LeftToRight);
        buf.guess_segment_properties();
        let plan = self.plan(face_id, features, &buf);
        let options = ShapeOptions::new()
            .plan(Some(&plan))
            .features(feature_list(features));
        // A face that passed the font check shapes; should one still
        // refuse, its word is set as no glyphs rather than failing the build.
        let glyphs: Vec<Glyph> = match harfrust::shape(font, &mut buf, options) {
            Ok(()) => buf
                .glyph_infos()
                .iter()
                .zip(buf.glyph_positions())
                .map(|(i, p)| Glyph {
                    id: i.glyph_id as u16,
                    cluster: i.cluster,
                    advance: p.x_advance,
                })
                .collect(),
            Err(_) => Vec::new(),
        };
        buf.clear();
        self.buffer.set(Some(buf));
        Shaped {
            face: face_id,
            text: text.to_string(),
            width_units: glyphs.iter().map(|g| g.advance).sum(),
            glyphs,
            units_per_em: face.units_per_em,
        }
    }

    /// Whether the face draws every character of `text` as a superior
    /// glyph of its own under `sups` (Vollkorn and Lato do for figures).
    pub fn has_superiors(&self, face: FaceId, text: &str) -> bool {
        let sup = self.shape(face, Features::Superior, text);
        let plain = self.shape(face, Features::Text, text);
        sup.glyphs.len() == plain.glyphs.len()
            && sup
                .glyphs
                .iter()
                .zip(&plain.glyphs)
                .all(|(a, b)| a.id != b.id && a.id != 0)
    }

    /// Width of text at a size, in points.
    pub fn width(&self, face: FaceId, features: Features, text: &str, size: f32) -> f32 {
        self.shape(face, features, text).width(size)
    }
}

fn feature_list(features: Features) -> &'static [Feature] {
    match features {
        Features::Text => &TEXT,
        Features::Plain => &[],
        Features::Tabular => &TABULAR,
        Features::Superior => &SUPERIOR,
    }
}

/// FxHash (rustc's hasher): the cache keys are short words, for which
/// SipHash's start-up cost dominates the lookup.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A feature on for the whole text.
const fn on(tag: &[u8; 4]) -> Feature {
    Feature {
        tag: Tag::new(tag),
        value: 1,
        start: 0,
        end: u32::MAX,
    }
}

static TEXT: [Feature; 2] = [on(b"lnum"), on(b"pnum")];

static SUPERIOR: [Feature; 3] = [on(b"sups"), on(b"lnum"), on(b"pnum")];

static TABULAR: [Feature; 2] = [on(b"tnum"), on(b"lnum")];
