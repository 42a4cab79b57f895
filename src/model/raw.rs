//! The content file as TOML gives it: serde structs that mirror the format (docs/format.md)
//! key for key, with the span of every value the checks may point at.
//!
//! The same structs derive the JSON Schema (`briefing schema`), so editors
//! complete and check keys from the types the program reads; the doc
//! comments become the schema's descriptions. `S<T>` (a span around `T`)
//! is shown as `T`, and the stand-ins in [`schema`] describe values that
//! serde reads loosely and the checks read strictly (dates, paper, language,
//! colour).
//!
//! A new key needs a doc comment (its description in editors) and, when
//! its type is `S<T>`, `#[schemars(with = "T")]` (`Option<T>` for an
//! optional one); then `cargo run -- schema > briefing.schema.json`
//! refreshes the copy beside the sample (a test compares them).

use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

pub type S<T> = Spanned<T>;

/// A briefing content file (docs/format.md).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "briefing")]
pub struct RawBriefing {
    /// The briefing's title; also the PDF's Title metadata.
    #[schemars(with = "String")]
    pub title: S<String>,
    /// The running header's title on pages after the first (default: `title`).
    #[schemars(with = "Option<String>")]
    pub short_title: Option<S<String>>,
    /// One line under the title.
    #[schemars(with = "Option<String>")]
    pub subtitle: Option<S<String>>,
    /// A label above the title ("Issue Brief", "Backgrounder").
    #[schemars(with = "Option<String>")]
    pub series: Option<S<String>>,
    /// The briefing's date, a TOML date without quotes: `date = 2001-08-13`.
    #[schemars(with = "Option<schema::Date>")]
    pub date: Option<S<toml::Value>>,
    /// A distribution or classification banner printed at the top and bottom of every page.
    #[schemars(with = "Option<String>")]
    pub marking: Option<S<String>>,
    /// BCP 47 tag (default "en-US"): hyphenation, quotes, number and date forms, fixed labels.
    #[schemars(with = "Option<schema::LanguageTag>")]
    pub language: Option<S<String>>,
    /// The briefing's authors; also the PDF's Author metadata.
    #[serde(default)]
    pub authors: Vec<RawAuthor>,
    /// The PDF's Keywords metadata.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub keywords: Vec<S<String>>,
    /// The document this briefing condenses, credited at the end.
    pub source: Option<RawSource>,
    /// The bottom line and the executive summary.
    pub summary: RawSummary,
    /// Key figures, shown as callout cards.
    #[serde(default)]
    pub figures: Vec<RawFigure>,
    /// Body sections.
    #[serde(default)]
    pub sections: Vec<RawSection>,
    /// Recommendations, numbered in order.
    #[serde(default)]
    pub recommendations: Vec<RawRecommendation>,
    /// Endnotes by key, cited as `[^key]` and numbered by first use; markdown allowed.
    #[serde(default)]
    #[schemars(with = "schema::Notes")]
    pub notes: BTreeMap<S<String>, S<String>>,
    /// Who publishes the briefing: name, logo, url and contact line.
    pub publisher: Option<RawPublisher>,
    /// Paper, colour, type size, columns, page budget and fonts.
    pub style: Option<RawStyle>,
    /// Optional key (an extension, docs/format.md): the PDF's file name, with the
    /// placeholders {short_title}, {title} (slugs), {date} (YYYY-MM-DD) and
    /// {stem} (the content file's name), e.g. "{short_title}-{date}.pdf".
    #[schemars(with = "Option<String>", extend("examples" = ["{short_title}-{date}.pdf"]))]
    pub output: Option<S<String>>,
}

/// An author of the briefing.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Author")]
#[serde(deny_unknown_fields)]
pub struct RawAuthor {
    /// The author's name.
    #[schemars(with = "String")]
    pub name: S<String>,
    /// The author's title or role.
    #[schemars(with = "Option<String>")]
    pub role: Option<S<String>>,
}

/// The document this briefing condenses.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Source")]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// The source's title.
    #[schemars(with = "String")]
    pub title: S<String>,
    /// A report number such as "GAO-07-283".
    #[schemars(with = "Option<String>")]
    pub number: Option<S<String>>,
    /// The source's authors.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub authors: Vec<S<String>>,
    /// Who published the source.
    #[schemars(with = "Option<String>")]
    pub publisher: Option<S<String>>,
    /// The source's date, a TOML date without quotes.
    #[schemars(with = "Option<schema::Date>")]
    pub date: Option<S<toml::Value>>,
    /// Where the source can be read.
    #[schemars(with = "Option<String>")]
    pub url: Option<S<String>>,
    /// BCP 47 tag of the source title's language, when it is not the briefing's ("en" in a Spanish briefing).
    #[schemars(with = "Option<schema::AnyLanguageTag>")]
    pub language: Option<S<String>>,
}

/// The bottom line and the executive summary.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Summary")]
#[serde(deny_unknown_fields)]
pub struct RawSummary {
    /// One or two sentences, shown in a tinted box.
    #[schemars(with = "Option<String>")]
    pub bottom_line: Option<S<String>>,
    /// The executive summary (markdown).
    #[schemars(with = "String")]
    pub text: S<String>,
}

/// A note key, or an array of note keys.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "NoteKeys")]
#[serde(untagged)]
pub enum RawNoteField {
    One(String),
    Many(Vec<String>),
}

/// A key figure, shown as a callout card.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Figure")]
#[serde(deny_unknown_fields)]
pub struct RawFigure {
    /// The figure itself, short, shown large ("49%", "$882M").
    #[schemars(with = "String")]
    pub value: S<String>,
    /// What the figure counts.
    #[schemars(with = "String")]
    pub label: S<String>,
    /// A line of detail under the label.
    #[schemars(with = "Option<String>")]
    pub detail: Option<S<String>>,
    /// The figure's sources: a note key or an array of note keys.
    #[schemars(with = "Option<RawNoteField>")]
    pub note: Option<S<RawNoteField>>,
    /// A small chart on the card.
    #[schemars(with = "Option<RawChart>")]
    pub chart: Option<S<RawChart>>,
}

/// A small bar or line chart.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Chart")]
#[serde(deny_unknown_fields)]
pub struct RawChart {
    /// "bar" or "line".
    #[schemars(with = "schema::ChartKind")]
    pub kind: S<String>,
    /// Category labels, one per value (2 to 24).
    #[schemars(with = "Vec<String>", length(min = 2, max = 24))]
    pub labels: S<Vec<String>>,
    /// The values, one per label (2 to 24, finite; negative bars hang below zero).
    #[schemars(with = "Vec<f64>", length(min = 2, max = 24))]
    pub values: S<Vec<f64>>,
    /// Printed after each value label ("%", " bn").
    #[schemars(with = "Option<String>")]
    pub unit: Option<S<String>>,
    /// What a screen reader says instead of the chart; by default it is
    /// generated from the data ("Bar chart. Real growth: 1990–95, 27.8%; …").
    #[schemars(with = "Option<String>")]
    pub alt: Option<S<String>>,
}

/// A body section.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Section")]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    /// The section's heading.
    #[schemars(with = "String")]
    pub heading: S<String>,
    /// The section's text (markdown; pipe tables allowed, each with an
    /// optional `Table:` caption paragraph right after it).
    #[schemars(with = "String")]
    pub text: S<String>,
    /// Exhibits set in the section: charts or images, numbered "Figure 1."
    /// in reading order, each after the paragraph `after` names.
    #[serde(default)]
    pub figures: Vec<RawSectionFigure>,
    /// Set the section as a sidebar: a tinted, ruled box the width of the
    /// column, labelled "Box 1." in the language and numbered apart. It
    /// breaks across pages only when taller than half a page.
    #[serde(rename = "box")]
    #[schemars(rename = "box", with = "Option<bool>")]
    pub boxed: Option<S<bool>>,
}

/// An exhibit in a section: a chart (`chart`) or an image (`image`), with
/// its numbered title and an optional source line.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "SectionFigure")]
#[serde(deny_unknown_fields)]
pub struct RawSectionFigure {
    /// The figure's title, printed after its number ("Figure 1. World oil
    /// production, 2000–2005").
    #[schemars(with = "String")]
    pub title: S<String>,
    /// The paragraph it follows (1 is the first); default: the section's end.
    #[schemars(with = "Option<u32>", range(min = 1))]
    pub after: Option<S<i64>>,
    /// "column" (default: the width of the text column) or "full" (the
    /// page's text width, across both columns).
    #[schemars(with = "Option<schema::FigureWidth>")]
    pub width: Option<S<String>>,
    /// Where the data or image comes from, printed under it as "Source: …"
    /// (markdown, one line; note references allowed).
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
    /// The figure's sources: a note key or an array of note keys, numbered
    /// where the figure stands.
    #[schemars(with = "Option<RawNoteField>")]
    pub note: Option<S<RawNoteField>>,
    /// What a screen reader says instead of the figure: required for an
    /// image; for a chart, generated from its data unless given.
    #[schemars(with = "Option<String>")]
    pub alt: Option<S<String>>,
    /// A chart drawn from data.
    #[schemars(with = "Option<RawSectionChart>")]
    pub chart: Option<S<RawSectionChart>>,
    /// A PNG or JPEG file, its path relative to the briefing (instead of
    /// `chart`).
    #[schemars(with = "Option<String>")]
    pub image: Option<S<String>>,
}

/// A section chart: one or more series over shared category labels.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "SectionChart")]
#[serde(deny_unknown_fields)]
pub struct RawSectionChart {
    /// "bar", "line", "stacked-bar" or "hbar" (horizontal bars).
    #[schemars(with = "schema::SectionChartKind")]
    pub kind: S<String>,
    /// Category labels, one per value of each series (2 to 24).
    #[schemars(with = "Vec<String>", length(min = 2, max = 24))]
    pub labels: S<Vec<String>>,
    /// One series' values (instead of `series`), one per label.
    #[schemars(with = "Option<Vec<f64>>", length(min = 2, max = 24))]
    pub values: Option<S<Vec<f64>>>,
    /// The series, each `{ name, values }`, all as long as `labels`; a
    /// legend names them when there are two or more.
    #[schemars(with = "Option<Vec<RawSeries>>", length(min = 1, max = 6))]
    pub series: Option<S<Vec<RawSeries>>>,
    /// Printed after each value label ("%", " bn").
    #[schemars(with = "Option<String>")]
    pub unit: Option<S<String>>,
    /// The value axis' title ("million barrels per day").
    #[schemars(with = "Option<String>")]
    pub y_label: Option<S<String>>,
}

/// One series of a section chart.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Series")]
#[serde(deny_unknown_fields)]
pub struct RawSeries {
    /// The series' name, in the legend.
    #[schemars(with = "String")]
    pub name: S<String>,
    /// Its values, one per label (finite; negative bars hang below zero).
    #[schemars(with = "Vec<f64>", length(min = 2, max = 24))]
    pub values: S<Vec<f64>>,
}

/// A recommendation.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Recommendation")]
#[serde(deny_unknown_fields)]
pub struct RawRecommendation {
    /// What to do, in a line.
    #[schemars(with = "String")]
    pub title: S<String>,
    /// Who should act.
    #[schemars(with = "Option<String>")]
    pub owner: Option<S<String>>,
    /// Why, in a paragraph or two (markdown; pipe tables allowed, each with
    /// an optional `Table:` caption paragraph right after it).
    #[schemars(with = "Option<String>")]
    pub text: Option<S<String>>,
    /// Concrete steps, one string each (markdown).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub actions: Vec<S<String>>,
    /// Where the recommendation stands, in one line of markdown ("DOE
    /// agreed", "Open — partially addressed"), printed under the owner.
    #[schemars(with = "Option<String>")]
    pub status: Option<S<String>>,
    /// Whom it is for: "congress" or "executive". When any recommendation
    /// has one, the recommendations are grouped under "Matters for
    /// congressional consideration" and "Recommendations for executive
    /// action", numbered in one sequence.
    #[schemars(with = "Option<schema::Audience>")]
    pub audience: Option<S<String>>,
}

/// Who publishes the briefing: name, logo, web address and contact line.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Publisher")]
#[serde(deny_unknown_fields)]
pub struct RawPublisher {
    /// The publisher's name, printed in the masthead (also the logo's
    /// meaning: with a name, the logo is decoration).
    #[schemars(with = "Option<String>")]
    pub name: Option<S<String>>,
    /// A PNG or JPEG file, its path relative to the briefing, set in the
    /// masthead at its aspect ratio.
    #[schemars(with = "Option<String>")]
    pub logo: Option<S<String>>,
    /// The publisher's web address, printed (and linked) beside the name.
    #[schemars(with = "Option<String>")]
    pub url: Option<S<String>>,
    /// Who to contact (markdown), in a box at the end of page 1 when there
    /// is room, else after the recommendations.
    #[schemars(with = "Option<String>")]
    pub contact: Option<S<String>>,
}

/// How the briefing is set; every key also has a command-line override.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Style")]
#[serde(deny_unknown_fields)]
pub struct RawStyle {
    /// "letter", "a4" or "legal" (default: letter for en-US, a4 for the other languages).
    #[schemars(with = "Option<schema::PaperName>")]
    pub paper: Option<S<String>>,
    /// The accent colour, "#RRGGBB" or "#RGB" (default a dark blue).
    #[schemars(with = "Option<schema::Colour>")]
    pub accent: Option<S<String>>,
    /// Body text size in points, 7 to 14 (default 10.5).
    #[schemars(with = "Option<f64>", range(min = 7, max = 14))]
    pub base_size: Option<S<f64>>,
    /// 1 or 2 columns for the body sections (default 1).
    #[schemars(with = "Option<i64>", range(min = 1, max = 2))]
    pub columns: Option<S<i64>>,
    /// A page budget: type and spacing shrink until the briefing fits.
    #[schemars(with = "Option<i64>", range(min = 1, max = 1000))]
    pub max_pages: Option<S<i64>>,
    /// Fonts to use instead of the bundled Vollkorn and Lato.
    pub fonts: Option<RawFonts>,
    /// Optional key (an extension, docs/format.md): hang punctuation into the
    /// margins (optical margin alignment). Default true.
    #[schemars(with = "Option<bool>")]
    pub hanging_punctuation: Option<S<bool>>,
    /// Optional key: widen or narrow glyphs by up to 2% to even out word
    /// spacing. Default true.
    #[schemars(with = "Option<bool>")]
    pub font_expansion: Option<S<bool>>,
    /// Optional key: space the letters of a justified line by up to
    /// 0.02 em where its word spaces alone would be loose. Default true.
    #[schemars(with = "Option<bool>")]
    pub letter_spacing: Option<S<bool>>,
    /// Optional key: "always" (default) justifies running text, "never"
    /// sets it ragged-right, "auto" justifies it unless its measure is
    /// under 20 em (large type in two columns).
    #[schemars(with = "Option<schema::JustifyName>")]
    pub justify: Option<S<String>>,
}

/// Fonts replacing the bundled ones; paths are relative to the content file.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "Fonts")]
#[serde(deny_unknown_fields)]
pub struct RawFonts {
    /// The body face: a TrueType/OpenType file, or a table of faces.
    #[schemars(with = "Option<RawFontSpec>")]
    pub body: Option<S<RawFontSpec>>,
    /// The heading face: a TrueType/OpenType file, or a table of faces.
    #[schemars(with = "Option<RawFontSpec>")]
    pub heading: Option<S<RawFontSpec>>,
}

/// A font file (the regular face), or a table of faces.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "FontSpec")]
#[serde(untagged)]
pub enum RawFontSpec {
    Path(String),
    Faces(RawFontFaces),
}

/// The faces of a font family, as file paths.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "FontFaces")]
#[serde(deny_unknown_fields)]
pub struct RawFontFaces {
    /// The regular face.
    pub regular: String,
    /// The bold face (default: synthesised).
    pub bold: Option<String>,
    /// The italic face (default: synthesised).
    pub italic: Option<String>,
    /// The bold italic face (default: synthesised).
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
    "publisher",
    "style",
    "output",
];

/// Schema-only stand-ins for values that serde reads loosely (as a string
/// or any TOML value) and the checks then read strictly. They describe
/// what the format accepts, from the same constants the checks use.
pub mod schema {
    use std::borrow::Cow;

    use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

    use crate::model::{language, Paper};

    /// The JSON Schema of the content format (draft 7, which TOML editors
    /// such as Taplo read), generated from [`super::RawBriefing`].
    pub fn json_schema() -> serde_json::Value {
        let generator = schemars::generate::SchemaSettings::draft07().into_generator();
        let mut schema = generator
            .into_root_schema_for::<super::RawBriefing>()
            .to_value();
        drop_null(&mut schema);
        close_at_the_value(&mut schema);
        schema
    }

    /// The one value an unknown key's value would have to be: no value
    /// is, so every unknown key fails, and the message reads as a sentence.
    pub const NO_SUCH_KEY: &str = "no key of this name here: check its spelling";

    /// Closes each table with a schema that every unknown key's *value*
    /// fails, instead of `additionalProperties: false`. Both reject the
    /// same files; the difference is where an editor points. Taplo puts an
    /// `additionalProperties: false` error on the whole table, printed
    /// once for its header and once for every key and value in it (a typo
    /// at the top level of the sample printed 250 errors); an error on the
    /// value is printed once, beside the misspelt key.
    fn close_at_the_value(v: &mut serde_json::Value) {
        use serde_json::Value;
        match v {
            Value::Object(map) => {
                if map.get("additionalProperties") == Some(&Value::Bool(false)) {
                    map.insert(
                        "additionalProperties".into(),
                        serde_json::json!({ "enum": [NO_SUCH_KEY] }),
                    );
                }
                map.values_mut().for_each(close_at_the_value);
            }
            Value::Array(items) => items.iter_mut().for_each(close_at_the_value),
            _ => {}
        }
    }

    /// Whether a table's `additionalProperties` closes it (see
    /// [`close_at_the_value`]).
    pub fn closes(extra: &serde_json::Value) -> bool {
        *extra == serde_json::Value::Bool(false)
            || extra.get("enum") == Some(&serde_json::json!([NO_SUCH_KEY]))
    }

    /// TOML has no null: an optional key is simply left out, so the
    /// `null` that schemars allows for `Option` fields is removed.
    fn drop_null(v: &mut serde_json::Value) {
        use serde_json::Value;
        match v {
            Value::Object(map) => {
                if let Some(Value::Array(types)) = map.get_mut("type") {
                    types.retain(|t| t != "null");
                    if types.len() == 1 {
                        let only = types[0].clone();
                        map.insert("type".into(), only);
                    }
                }
                for key in ["anyOf", "oneOf"] {
                    if let Some(Value::Array(alts)) = map.get_mut(key) {
                        alts.retain(|a| a.get("type").and_then(Value::as_str) != Some("null"));
                        if alts.len() == 1 && !map.contains_key("type") {
                            if let Some(Value::Array(mut alts)) = map.remove(key) {
                                if let Some(Value::Object(only)) = alts.pop() {
                                    for (k, x) in only {
                                        map.entry(k).or_insert(x);
                                    }
                                }
                            }
                        }
                    }
                }
                if let Some(Value::Array(e)) = map.get_mut("enum") {
                    e.retain(|x| !x.is_null());
                }
                map.values_mut().for_each(drop_null);
            }
            Value::Array(items) => items.iter_mut().for_each(drop_null),
            _ => {}
        }
    }

    /// One of `words`, as an `enum` of the canonical spellings: editors
    /// complete them, and a wrong value reads "is not one of …". The checks
    /// also take them in any case and with blanks around them; the schema
    /// does not say so in a pattern (its messages would be unreadable), the
    /// description and the README do.
    fn word_schema(words: &[&str]) -> Schema {
        json_schema!({
            "type": "string",
            "enum": words,
            "description": format!(
                "One of {}. briefing also reads them in any case; an editor that reads this schema asks for these spellings.",
                words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(", ")
            )
        })
    }

    /// A TOML local date (`2001-08-13`); JSON tools see it as a date string.
    pub struct Date;
    impl JsonSchema for Date {
        fn schema_name() -> Cow<'static, str> {
            "Date".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            // Taplo hands a TOML date to the validator as a string, so
            // `format: date` flags a quoted date in words ("1 December
            // 2025") but cannot tell a quoted ISO date from a real one.
            json_schema!({
                "description": "A TOML date without quotes, such as 2001-08-13.",
                "type": "string",
                "format": "date"
            })
        }
    }

    /// `auto`, `always` or `never`.
    pub struct JustifyName;
    impl JsonSchema for JustifyName {
        fn schema_name() -> Cow<'static, str> {
            "Justify".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            word_schema(crate::model::Justify::NAMES)
        }
    }

    /// `letter`, `a4` or `legal`.
    pub struct PaperName;
    impl JsonSchema for PaperName {
        fn schema_name() -> Cow<'static, str> {
            "Paper".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            word_schema(Paper::NAMES)
        }
    }

    /// A BCP 47 tag whose language the program supports: the canonical
    /// tags (the checks also take other regions and any case).
    pub struct LanguageTag;
    impl JsonSchema for LanguageTag {
        fn schema_name() -> Cow<'static, str> {
            "Language".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "enum": language::SUPPORTED,
                "description": "A supported language tag. briefing also accepts any case and any region of these languages (\"es-PE\" is Spanish), which an editor reading this schema flags; `briefing check` is the authority."
            })
        }
    }

    /// Any well-formed BCP 47 tag (a passage's or a source's language).
    pub struct AnyLanguageTag;
    impl JsonSchema for AnyLanguageTag {
        fn schema_name() -> Cow<'static, str> {
            "AnyLanguage".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "pattern": "^([A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*|[xX](-[A-Za-z0-9]{1,8})+)$",
                "description": "A BCP 47 language tag (\"es\", \"es-PE\", \"en-GB\", \"sr-Latn\"); any language, not only those briefing sets.",
                "examples": ["en", "es-PE"]
            })
        }
    }

    /// `#RRGGBB` or `#RGB`.
    pub struct Colour;
    impl JsonSchema for Colour {
        fn schema_name() -> Cow<'static, str> {
            "Colour".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "pattern": "^\\s*#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})\\s*$",
                "examples": ["#1F3A5F"]
            })
        }
    }

    /// `bar` or `line`.
    pub struct ChartKind;
    impl JsonSchema for ChartKind {
        fn schema_name() -> Cow<'static, str> {
            "ChartKind".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            word_schema(&["bar", "line"])
        }
    }

    /// `bar`, `line`, `stacked-bar` or `hbar`.
    pub struct SectionChartKind;
    impl JsonSchema for SectionChartKind {
        fn schema_name() -> Cow<'static, str> {
            "SectionChartKind".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            word_schema(crate::model::ExhibitKind::NAMES)
        }
    }

    /// `column` or `full`.
    pub struct FigureWidth;
    impl JsonSchema for FigureWidth {
        fn schema_name() -> Cow<'static, str> {
            "FigureWidth".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            word_schema(crate::model::FigureWidth::NAMES)
        }
    }

    /// `congress` or `executive`.
    pub struct Audience;
    impl JsonSchema for Audience {
        fn schema_name() -> Cow<'static, str> {
            "Audience".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            word_schema(crate::model::Audience::NAMES)
        }
    }

    /// Endnotes by key: keys are ASCII letters, digits, `-` and `_`.
    pub struct Notes;
    impl JsonSchema for Notes {
        fn schema_name() -> Cow<'static, str> {
            "Notes".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "object",
                "propertyNames": { "pattern": "^[A-Za-z0-9_-]+$" },
                "additionalProperties": { "type": "string" }
            })
        }
    }
}
