//! The content file as TOML gives it: serde structs that mirror FORMAT.md
//! key for key, with the span of every value the checks may point at.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

pub type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBriefing {
    pub title: S<String>,
    pub short_title: Option<S<String>>,
    pub subtitle: Option<S<String>>,
    pub series: Option<S<String>>,
    pub date: Option<S<toml::Value>>,
    pub marking: Option<S<String>>,
    pub language: Option<S<String>>,
    #[serde(default)]
    pub authors: Vec<RawAuthor>,
    #[serde(default)]
    pub keywords: Vec<S<String>>,
    pub source: Option<RawSource>,
    pub summary: RawSummary,
    #[serde(default)]
    pub figures: Vec<RawFigure>,
    #[serde(default)]
    pub sections: Vec<RawSection>,
    #[serde(default)]
    pub recommendations: Vec<RawRecommendation>,
    #[serde(default)]
    pub notes: BTreeMap<S<String>, S<String>>,
    pub style: Option<RawStyle>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAuthor {
    pub name: S<String>,
    pub role: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: S<String>,
    pub number: Option<S<String>>,
    #[serde(default)]
    pub authors: Vec<S<String>>,
    pub publisher: Option<S<String>>,
    pub date: Option<S<toml::Value>>,
    pub url: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSummary {
    pub bottom_line: Option<S<String>>,
    pub text: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawNoteField {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFigure {
    pub value: S<String>,
    pub label: S<String>,
    pub detail: Option<S<String>>,
    pub note: Option<S<RawNoteField>>,
    pub chart: Option<S<RawChart>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChart {
    pub kind: S<String>,
    pub labels: S<Vec<String>>,
    pub values: S<Vec<f64>>,
    pub unit: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub heading: S<String>,
    pub text: S<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecommendation {
    pub title: S<String>,
    pub owner: Option<S<String>>,
    pub text: Option<S<String>>,
    #[serde(default)]
    pub actions: Vec<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStyle {
    pub paper: Option<S<String>>,
    pub accent: Option<S<String>>,
    pub base_size: Option<S<f64>>,
    pub columns: Option<S<i64>>,
    pub max_pages: Option<S<i64>>,
    pub fonts: Option<RawFonts>,
    /// Optional key (not in FORMAT.md v1): hang punctuation into the
    /// margins (optical margin alignment). Default true.
    pub hanging_punctuation: Option<S<bool>>,
    /// Optional key: widen or narrow glyphs by up to 2% to even out word
    /// spacing. Default true.
    pub font_expansion: Option<S<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFonts {
    pub body: Option<S<RawFontSpec>>,
    pub heading: Option<S<RawFontSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawFontSpec {
    Path(String),
    Faces(RawFontFaces),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFontFaces {
    pub regular: String,
    pub bold: Option<String>,
    pub italic: Option<String>,
    pub bold_italic: Option<String>,
}

/// Every key the format knows, per table, for "did you mean" suggestions.
pub const TOP_KEYS: &[&str] = &[
    "title",
    "short_title",
    "subtitle",
    "series",
    "date",
    "marking",
    "language",
    "authors",
    "keywords",
    "source",
    "summary",
    "figures",
    "sections",
    "recommendations",
    "notes",
    "style",
];
