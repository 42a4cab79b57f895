//! `word/numbering.xml`: the lists as Word numbering, so that Word counts
//! them and an editor can add an item without renumbering by hand. The
//! recommendations are one list (their titles numbered 1., 2., …, their
//! actions bulleted beneath); markdown bullets share one list; each
//! markdown ordered list is a list of its own, starting where it starts.

use super::xml::{DECL, NS_W};

/// The recommendations' list (titles at level 0, actions at level 1).
pub const RECOMMENDATIONS: u32 = 1;
/// Markdown bullets, in every part.
pub const BULLETS: u32 = 2;
/// Nesting levels defined (markdown lists deeper than this stay at the
/// last).
pub const LEVELS: usize = 4;
/// Indent per list level: a quarter inch, Word's own list step.
const STEP: u32 = 360;
/// The recommendation numeral's gutter: wide enough for "10."
/// in the heading face.
pub const REC_INDENT: u32 = 567;

/// The left indent of a markdown list's text at `level`.
pub fn indent(level: usize) -> u32 {
    STEP * (level as u32 + 1) + STEP / 2
}

/// The ordered lists met so far, each with its start.
#[derive(Default)]
pub struct Lists {
    starts: Vec<(u64, usize)>,
}

impl Lists {
    /// A new ordered list at `level` starting at `start`; returns its
    /// number id.
    pub fn ordered(&mut self, start: u64, level: usize) -> u32 {
        self.starts.push((start, level));
        BULLETS + self.starts.len() as u32
    }
}

fn level(ilvl: usize, fmt: &str, text: &str, left: u32, hanging: u32, extra: &str) -> String {
    format!(
        "<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/>{extra}<w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{left}\" w:hanging=\"{hanging}\"/></w:pPr></w:lvl>"
    )
}

const BULLET_CHARS: [&str; LEVELS] = ["•", "◦", "▪", "•"];

/// The numbering part.
pub fn xml(lists: &Lists) -> String {
    let mut s = format!("{DECL}<w:numbering xmlns:w=\"{NS_W}\">");
    // 0: the recommendations.
    s.push_str("<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"multilevel\"/>");
    s.push_str(&level(
        0,
        "decimal",
        "%1.",
        REC_INDENT,
        REC_INDENT,
        "<w:pStyle w:val=\"RecommendationTitle\"/>",
    ));
    s.push_str(&level(
        1,
        "bullet",
        "•",
        REC_INDENT + STEP,
        STEP,
        "<w:pStyle w:val=\"RecommendationAction\"/>",
    ));
    s.push_str("</w:abstractNum>");
    // 1: bullets.
    s.push_str(
        "<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"hybridMultilevel\"/>",
    );
    for (i, c) in BULLET_CHARS.iter().enumerate() {
        s.push_str(&level(i, "bullet", c, indent(i), STEP, ""));
    }
    s.push_str("</w:abstractNum>");
    // 2: ordered lists.
    s.push_str(
        "<w:abstractNum w:abstractNumId=\"2\"><w:multiLevelType w:val=\"hybridMultilevel\"/>",
    );
    for (i, (fmt, text)) in [
        ("decimal", "%1."),
        ("lowerLetter", "%2."),
        ("lowerRoman", "%3."),
        ("decimal", "%4."),
    ]
    .iter()
    .enumerate()
    {
        s.push_str(&level(i, fmt, text, indent(i), STEP, ""));
    }
    s.push_str("</w:abstractNum>");
    s.push_str(&format!(
        "<w:num w:numId=\"{RECOMMENDATIONS}\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"{BULLETS}\"><w:abstractNumId w:val=\"1\"/></w:num>"
    ));
    for (i, (start, lvl)) in lists.starts.iter().enumerate() {
        s.push_str(&format!(
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"2\"/><w:lvlOverride w:ilvl=\"{lvl}\"><w:startOverride w:val=\"{start}\"/></w:lvlOverride></w:num>",
            BULLETS + 1 + i as u32
        ));
    }
    s.push_str("</w:numbering>");
    s
}
