//! What the typesetter measured and conceded, for `--stats` and the
//! warnings: each justified line's spacing, the rules that gave way.

/// Spacing of one justified line, for the typography report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineStat {
    /// Width of each inter-word space, in em of the line's size.
    pub space_em: f32,
    pub hyphenated: bool,
    pub words: usize,
    /// Glyph scaling applied to the line (1.0 = none).
    pub expansion: f32,
    /// Letter-spacing added between the glyphs of a word, in em (0 = none).
    pub tracking: f32,
    /// Set to the full measure (false for a paragraph's last line).
    pub justified: bool,
}

/// What the typesetter had to concede, in the author's terms.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub lines: Vec<LineStat>,
    /// Rules that gave way ("kept heading with its text by moving it to page 3").
    pub conceded: Vec<String>,
    /// Figure values shrunk to fit their card: (figure index, scale).
    pub shrunk_values: Vec<(usize, f32)>,
    /// When the accent is too light for text (WCAG AA, 4.5:1, on white
    /// and on its own tint): its worst contrast, and the darker shade
    /// used for accent text instead.
    pub accent_contrast: Option<(f32, crate::model::Rgb)>,
    /// Tables that could not be set: each is an error at its place.
    pub table_faults: Vec<TableFault>,
    /// Section figure images set under 150 dpi: (figure number, dpi).
    pub upscaled: Vec<(u32, f32)>,
    /// A logo with too few pixels for the masthead's height at 150 dpi:
    /// (the height designed, the height set), in points.
    pub small_logo: Option<(f32, f32)>,
}

/// A table layout could not set (too wide for the page, a row taller
/// than one), as the error that reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct TableFault {
    pub code: &'static str,
    pub span: std::ops::Range<usize>,
    pub message: String,
    pub help: String,
}
