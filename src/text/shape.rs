//! Shaping: text in one face to positioned glyphs, with the font's own
//! kerning and ligatures (rustybuzz), cached per word.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use rustybuzz::{Feature, UnicodeBuffer};

use super::fonts::{FaceId, FontSet};

/// OpenType features beyond the defaults (kern, liga, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Features {
    #[default]
    Text,
    /// Tabular lining figures: figure values, note numbers, page numbers.
    Tabular,
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

    /// Width of the glyphs whose clusters start in `[from, to)` bytes.
    pub fn width_of(&self, from: usize, to: usize, size: f32) -> f32 {
        let units: i32 = self
            .glyphs
            .iter()
            .filter(|g| (g.cluster as usize) >= from && (g.cluster as usize) < to)
            .map(|g| g.advance)
            .sum();
        units as f32 * size / self.units_per_em
    }

    /// Whether a break at byte `at` falls between clusters (not inside a
    /// ligature).
    pub fn is_cluster_boundary(&self, at: usize) -> bool {
        at == 0 || at >= self.text.len() || self.glyphs.iter().any(|g| g.cluster as usize == at)
    }
}

/// Shapes text, remembering every word it has shaped.
pub struct Shaper<'f> {
    pub fonts: &'f FontSet,
    cache: RefCell<HashMap<(FaceId, Features, String), Rc<Shaped>>>,
}

impl<'f> Shaper<'f> {
    pub fn new(fonts: &'f FontSet) -> Self {
        Shaper {
            fonts,
            cache: RefCell::new(HashMap::new()),
        }
    }

    pub fn shape(&self, face: FaceId, features: Features, text: &str) -> Rc<Shaped> {
        let key = (face, features, text.to_string());
        if let Some(s) = self.cache.borrow().get(&key) {
            return s.clone();
        }
        let shaped = Rc::new(self.shape_uncached(face, features, text));
        self.cache.borrow_mut().insert(key, shaped.clone());
        shaped
    }

    fn shape_uncached(&self, face_id: FaceId, features: Features, text: &str) -> Shaped {
        let face = self.fonts.get(face_id);
        let mut buf = UnicodeBuffer::new();
        buf.push_str(text);
        buf.set_direction(rustybuzz::Direction::LeftToRight);
        let feats: &[Feature] = match features {
            Features::Text => &[],
            Features::Tabular => &TABULAR,
        };
        let out = rustybuzz::shape(&face.rb, feats, buf);
        let glyphs: Vec<Glyph> = out
            .glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(i, p)| Glyph {
                id: i.glyph_id as u16,
                cluster: i.cluster,
                advance: p.x_advance,
            })
            .collect();
        Shaped {
            face: face_id,
            text: text.to_string(),
            width_units: glyphs.iter().map(|g| g.advance).sum(),
            glyphs,
            units_per_em: face.units_per_em,
        }
    }

    /// Width of text at a size, in points.
    pub fn width(&self, face: FaceId, features: Features, text: &str, size: f32) -> f32 {
        self.shape(face, features, text).width(size)
    }
}

static TABULAR: [Feature; 2] = [
    Feature {
        tag: rustybuzz::ttf_parser::Tag::from_bytes(b"tnum"),
        value: 1,
        start: 0,
        end: u32::MAX,
    },
    Feature {
        tag: rustybuzz::ttf_parser::Tag::from_bytes(b"lnum"),
        value: 1,
        start: 0,
        end: u32::MAX,
    },
];
