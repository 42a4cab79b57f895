//! Text: fonts (bundled or the author's), shaping with real advances,
//! kerning and ligatures, and hyphenation patterns by language.

pub mod coverage;
pub mod fonts;
pub mod glyf;
pub mod hyphenate;
pub mod shape;

pub use fonts::{FaceId, FontSet, Role};
pub use shape::{Features, Shaped, Shaper};
