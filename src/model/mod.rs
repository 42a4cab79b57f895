//! Content model: TOML text in, a validated [`Briefing`] out (or located
//! diagnostics). Nothing here knows about markdown, fonts or pages, beyond
//! checking that the files a briefing names can be read.

pub mod bcp47;
pub mod exhibit;
pub mod hints;
pub mod image;
pub mod keys;
pub mod language;
pub mod limits;
pub mod nesting;
pub mod output;
pub mod raw;
pub mod suggest;
mod validate;

use std::ops::Range;
use std::path::PathBuf;

pub use bcp47::LangTag;
pub use exhibit::{Exhibit, ExhibitKind, FigureWidth, SectionFigure, Series, SeriesChart};
pub use image::Image;
pub use language::Language;
pub use validate::{MAX_FILE_BYTES, MAX_FONT_BYTES, TOO_LARGE_HELP};

use crate::diag::{Diagnostics, Source};

/// A string from the content file with the byte span of its TOML value.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub text: String,
    pub span: Range<usize>,
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Author {
    pub name: Field,
    pub role: Option<Field>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SourceCredit {
    pub title: Field,
    pub number: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub date: Option<Date>,
    pub url: Option<String>,
    /// The language of its title (`source.language`), when not the
    /// briefing's.
    pub language: Option<LangTag>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub bottom_line: Option<Field>,
    pub text: Field,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Bar,
    Line,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub kind: ChartKind,
    pub labels: Vec<String>,
    pub values: Vec<f64>,
    /// Each value's decimal places as the author wrote it (`0.0` has one,
    /// `27.80` two), so it prints as written; `None` where the source is
    /// not at hand or the number was written with an exponent (then the
    /// shortest form that reads back the same).
    pub places: Vec<Option<u8>>,
    /// Printed after each value label ("%", " bn").
    pub unit: Option<String>,
    /// The author's alternative text, replacing the generated one.
    pub alt: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub value: Field,
    pub label: Field,
    pub detail: Option<Field>,
    /// Note keys the figure cites, with the span of each.
    pub notes: Vec<Field>,
    pub chart: Option<Chart>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: Field,
    pub text: Field,
    /// Its exhibits (`[[sections.figures]]`), in the order written.
    pub figures: Vec<SectionFigure>,
    /// Set as a sidebar (`box = true`).
    pub boxed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub title: Field,
    pub owner: Option<Field>,
    pub text: Option<Field>,
    pub actions: Vec<Field>,
    /// Where it stands ("DOE agreed"), one line of markdown.
    pub status: Option<Field>,
    pub audience: Option<Audience>,
}

/// Whom a recommendation is for (`audience`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Audience {
    Congress,
    Executive,
}

impl Audience {
    pub const NAMES: &'static [&'static str] = &["congress", "executive"];

    pub fn parse(s: &str) -> Option<Audience> {
        match s.trim().to_ascii_lowercase().as_str() {
            "congress" => Some(Audience::Congress),
            "executive" => Some(Audience::Executive),
            _ => None,
        }
    }
}

/// Who publishes the briefing (`[publisher]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Publisher {
    pub name: Option<Field>,
    /// The logo, decoded, and where its path is written.
    pub logo: Option<(std::sync::Arc<Image>, Range<usize>)>,
    pub url: Option<String>,
    /// Who to contact (markdown).
    pub contact: Option<Field>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// The key, with the span of the key itself.
    pub key: Field,
    pub text: Field,
}

/// When running text is justified (optional key `justify`, default
/// `Always`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Justify {
    /// Justified unless the measure is too narrow to justify evenly.
    Auto,
    Always,
    Never,
}

impl Justify {
    pub const NAMES: &'static [&'static str] = &["auto", "always", "never"];

    pub fn parse(s: &str) -> Option<Justify> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(Justify::Auto),
            "always" => Some(Justify::Always),
            "never" => Some(Justify::Never),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    Letter,
    A4,
    Legal,
}

impl Paper {
    pub const NAMES: &'static [&'static str] = &["letter", "a4", "legal"];

    pub fn parse(s: &str) -> Option<Paper> {
        match s.trim().to_ascii_lowercase().as_str() {
            "letter" => Some(Paper::Letter),
            "a4" => Some(Paper::A4),
            "legal" => Some(Paper::Legal),
            _ => None,
        }
    }

    /// Width and height in PostScript points.
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::Letter => (612.0, 792.0),
            Paper::A4 => (595.2756, 841.8898),
            Paper::Legal => (612.0, 1008.0),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Paper::Letter => "letter",
            Paper::A4 => "a4",
            Paper::Legal => "legal",
        }
    }
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#RRGGBB` or `#RGB`.
    pub fn parse_hex(s: &str) -> Option<Rgb> {
        let hex = s.trim().strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let d = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
        let b = hex.as_bytes();
        match b.len() {
            3 => Some(Rgb(d(b[0]) * 17, d(b[1]) * 17, d(b[2]) * 17)),
            6 => Some(Rgb(
                d(b[0]) * 16 + d(b[1]),
                d(b[2]) * 16 + d(b[3]),
                d(b[4]) * 16 + d(b[5]),
            )),
            _ => None,
        }
    }
}

/// One face file named by the content file.
#[derive(Debug, Clone, PartialEq)]
pub struct FontFile {
    pub path: PathBuf,
    pub bytes: std::sync::Arc<Vec<u8>>,
    /// Where the path stands in the content file, for the text stage's
    /// diagnostics about the face itself.
    pub span: std::ops::Range<usize>,
    /// The path as the author wrote it.
    pub written: String,
}

/// A family the author supplies instead of a bundled one.
#[derive(Debug, Clone, PartialEq)]
pub struct FontFamilyFiles {
    pub regular: FontFile,
    pub bold: Option<FontFile>,
    pub italic: Option<FontFile>,
    pub bold_italic: Option<FontFile>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    pub paper: Paper,
    pub accent: Rgb,
    /// Where `accent` is set in the file, for the contrast warning.
    pub accent_span: Option<Range<usize>>,
    pub base_size: f32,
    pub columns: u8,
    pub max_pages: Option<u32>,
    /// Where `max_pages` is set in the file, for the budget error.
    pub max_pages_span: Option<Range<usize>>,
    pub body_font: Option<FontFamilyFiles>,
    pub heading_font: Option<FontFamilyFiles>,
    /// Optical margin alignment (optional key, default on).
    pub hanging_punctuation: bool,
    /// Font expansion within ±2% (optional key, default on).
    pub font_expansion: bool,
    /// Letter-spacing up to 0.02 em as a justified line's last resort
    /// (optional key, default on).
    pub letter_spacing: bool,
    /// Justified or ragged-right running text (optional key).
    pub justify: Justify,
}

/// The default accent: a dark blue.
pub const DEFAULT_ACCENT: Rgb = Rgb(0x1F, 0x3A, 0x5F);
/// Body size when the file names none, in points.
pub const DEFAULT_BASE_SIZE: f32 = 10.5;
/// The range FORMAT.md allows for `base_size`.
pub const BASE_SIZE_RANGE: (f64, f64) = (7.0, 14.0);

/// A briefing that passed every check of the format.
#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    pub title: Field,
    pub short_title: Option<Field>,
    pub subtitle: Option<Field>,
    pub series: Option<Field>,
    pub date: Option<Date>,
    pub marking: Option<Field>,
    pub language: Language,
    /// The briefing's own tag as written, in canonical case, region kept
    /// (`es-PE`): the PDF's `/Lang` and the HTML's `lang`, where
    /// `language` (labels, patterns) falls back to `es`.
    pub lang_tag: LangTag,
    pub authors: Vec<Author>,
    pub keywords: Vec<String>,
    pub source: Option<SourceCredit>,
    pub summary: Summary,
    pub figures: Vec<Figure>,
    pub sections: Vec<Section>,
    pub recommendations: Vec<Recommendation>,
    pub notes: Vec<Note>,
    pub publisher: Option<Publisher>,
    pub style: Style,
    /// The PDF's file name template (optional key `output`), checked.
    pub output: Option<Field>,
}

/// Reads and checks a content file. Returns the briefing when there is no
/// error, and every diagnostic found either way.
pub fn parse(source: &Source) -> (Option<Briefing>, Diagnostics) {
    validate::parse(source)
}

/// Like [`parse`], but keeps the briefing read so far even when there are
/// errors (each value in error replaced by its default), so that later
/// stages can report their own problems in the same run. `None` only when
/// the file cannot be read as a briefing at all.
pub fn parse_lenient(source: &Source) -> (Option<Briefing>, Diagnostics) {
    validate::parse_lenient(source)
}
