//! Section figures (FORMAT 1.1, `[[sections.figures]]`), checked: a
//! numbered exhibit set after a paragraph, holding a chart of one or more
//! series or an image read from a file.

use std::ops::Range;
use std::sync::Arc;

use super::{Field, Image};

/// How a section chart draws its series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExhibitKind {
    /// Vertical bars, the series side by side in each category.
    Bar,
    /// A line per series.
    Line,
    /// Vertical bars, the series stacked in each category.
    StackedBar,
    /// Horizontal bars, categories down the side.
    HBar,
}

impl ExhibitKind {
    pub const NAMES: &'static [&'static str] = &["bar", "line", "stacked-bar", "hbar"];

    pub fn parse(s: &str) -> Option<ExhibitKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "bar" => Some(ExhibitKind::Bar),
            "line" => Some(ExhibitKind::Line),
            "stacked-bar" => Some(ExhibitKind::StackedBar),
            "hbar" => Some(ExhibitKind::HBar),
            _ => None,
        }
    }
}

/// How wide a section figure is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureWidth {
    /// The text column's width.
    Column,
    /// The page's text width (across the columns of a two-column body).
    Full,
}

impl FigureWidth {
    pub const NAMES: &'static [&'static str] = &["column", "full"];

    pub fn parse(s: &str) -> Option<FigureWidth> {
        match s.trim().to_ascii_lowercase().as_str() {
            "column" => Some(FigureWidth::Column),
            "full" => Some(FigureWidth::Full),
            _ => None,
        }
    }
}

/// One series of a section chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Its name for the legend; empty for the one series of `values = […]`.
    pub name: String,
    pub values: Vec<f64>,
    /// Each value's decimal places as written (see [`super::Chart::places`]).
    pub places: Vec<Option<u8>>,
}

/// A section chart: series of equal length over shared labels.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesChart {
    pub kind: ExhibitKind,
    pub labels: Vec<String>,
    pub series: Vec<Series>,
    pub unit: Option<String>,
    pub y_label: Option<String>,
}

/// What a section figure shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Exhibit {
    Chart(SeriesChart),
    Image(Arc<Image>),
}

/// A checked `[[sections.figures]]` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionFigure {
    pub title: Field,
    /// The paragraph it follows (1-based) and where `after` is written;
    /// `None`: the section's end. Checked against the paragraphs in the
    /// markup stage, which knows them.
    pub after: Option<(usize, Range<usize>)>,
    pub width: FigureWidth,
    pub source: Option<Field>,
    /// Note keys the figure cites, with the span of each.
    pub notes: Vec<Field>,
    /// The author's alternative text (required for an image).
    pub alt: Option<String>,
    pub exhibit: Exhibit,
    /// Where the image path is written, for the resolution warning.
    pub image_span: Option<Range<usize>>,
}
