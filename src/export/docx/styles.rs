//! `word/styles.xml` and `word/fontTable.xml`: every paragraph and run
//! the document uses is a named style here, with the PDF's design (its
//! sizes as multiples of the body size, its faces, ink and accent), so
//! that an editor restyles the briefing by style, never by hand. Headings
//! carry outline levels, which Word's navigation pane reads.

use super::numbering::{RECOMMENDATIONS, REC_INDENT};
use super::xml::{DECL, NS_W};
use crate::layout::theme::*;
use crate::model::{Briefing, Justify, Rgb};

/// The bundled families, which the styles name first; `fontTable.xml`
/// gives each the kind of face to fall back on where it is not installed.
pub const SERIF: &str = "Vollkorn";
pub const SANS: &str = "Lato";
/// Code: a monospaced face every system has.
pub const MONO: &str = "Courier New";

/// The title's leading: tight, as display type is set.
const TITLE_LEADING: f32 = 1.1;
/// Headings' leading.
const HEADING_LEADING: f32 = 1.25;

fn hex(c: Rgb) -> String {
    format!("{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Sizes of the design, in Word's half-points.
struct Sizes {
    base: f32,
}

impl Sizes {
    fn half_points(&self, ratio: f32) -> u32 {
        (self.base * ratio * 2.0).round() as u32
    }
    /// The line of text `ratio` × body size set at `leading`, in
    /// twentieths of a point.
    fn line(&self, ratio: f32, leading: f32) -> u32 {
        (self.base * ratio * leading * 20.0).round() as u32
    }
    /// `lines` of body leading, in twentieths of a point.
    fn lines(&self, lines: f32) -> u32 {
        (self.base * BODY_LEADING * lines * 20.0).round() as u32
    }
}

fn fonts(face: &str) -> String {
    format!(
        "<w:rFonts w:ascii=\"{face}\" w:hAnsi=\"{face}\" w:cs=\"{face}\" w:eastAsia=\"{face}\"/>"
    )
}

/// One style. `ppr` and `rpr` are the properties' children, in schema
/// order.
fn style(
    kind: &str,
    id: &str,
    name: &str,
    based: Option<&str>,
    next: Option<&str>,
    ppr: &str,
    rpr: &str,
) -> String {
    let mut s = format!("<w:style w:type=\"{kind}\" w:customStyle=\"{}\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>", u8::from(custom(id)));
    if let Some(b) = based {
        s.push_str(&format!("<w:basedOn w:val=\"{b}\"/>"));
    }
    if let Some(n) = next {
        s.push_str(&format!("<w:next w:val=\"{n}\"/>"));
    }
    s.push_str("<w:qFormat/>");
    if !ppr.is_empty() {
        s.push_str(&format!("<w:pPr>{ppr}</w:pPr>"));
    }
    if !rpr.is_empty() {
        s.push_str(&format!("<w:rPr>{rpr}</w:rPr>"));
    }
    s.push_str("</w:style>");
    s
}

/// Whether a style is this program's own, not one of Word's built-ins
/// (which Word knows by name and lists in its own places).
fn custom(id: &str) -> bool {
    !matches!(
        id,
        "Normal"
            | "BodyText"
            | "Title"
            | "Subtitle"
            | "Heading1"
            | "Heading2"
            | "Date"
            | "ListBullet"
            | "ListNumber"
            | "ListContinue"
            | "EndnoteText"
            | "Caption"
            | "EndnoteReference"
            | "Hyperlink"
    )
}

/// Space before and after, and the line: `line` twentieths of a point,
/// exactly (Word's single spacing follows a face's own metrics, which
/// Word and LibreOffice read differently: Vollkorn's is 1.6 em in one and
/// 1.4 in the other), or Word's single spacing when 0.
fn spacing(before: u32, after: u32, line: u32) -> String {
    if line == 0 {
        return format!("<w:spacing w:before=\"{before}\" w:after=\"{after}\" w:line=\"240\" w:lineRule=\"auto\"/>");
    }
    format!("<w:spacing w:before=\"{before}\" w:after=\"{after}\" w:line=\"{line}\" w:lineRule=\"exact\"/>")
}

/// The styles part.
pub fn xml(b: &Briefing) -> String {
    let z = Sizes {
        base: b.style.base_size,
    };
    let accent = hex(readable_accent(b.style.accent));
    let shade = hex(tint(b.style.accent, BOX_TINT));
    let (ink, muted, rule) = (hex(INK), hex(MUTED), hex(RULE));
    let lang = b.lang_tag.as_str();
    let sz = |ratio: f32| {
        let v = z.half_points(ratio);
        format!("<w:sz w:val=\"{v}\"/><w:szCs w:val=\"{v}\"/>")
    };
    let color = |c: &str| format!("<w:color w:val=\"{c}\"/>");
    let sans = fonts(SANS);
    let gap = z.lines(PARA_GAP);
    let block = z.lines(BLOCK_GAP);
    let jc = match b.style.justify {
        Justify::Never => "",
        Justify::Auto | Justify::Always => "<w:jc w:val=\"both\"/>",
    };
    // The bottom line's box: Word draws one box round consecutive
    // paragraphs whose borders and shading are the same.
    let boxed = format!(
        "<w:pBdr><w:left w:val=\"single\" w:sz=\"24\" w:space=\"8\" w:color=\"{accent}\"/></w:pBdr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{shade}\"/>"
    );
    // A box (`box = true`): a firm rule above, a light one below, on a
    // lighter tint than the bottom line's.
    let sidebar = format!(
        "<w:pBdr><w:top w:val=\"single\" w:sz=\"12\" w:space=\"6\" w:color=\"{accent}\"/><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"6\" w:color=\"{accent}\"/></w:pBdr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{}\"/>",
        hex(tint(b.style.accent, crate::layout::blocks::sidebar::SIDEBAR_TINT))
    );
    let inset = "<w:ind w:left=\"170\" w:right=\"170\"/>";
    let mut s = format!("{DECL}<w:styles xmlns:w=\"{NS_W}\">");
    s.push_str(&format!(
        "<w:docDefaults><w:rPrDefault><w:rPr>{}{}{}<w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"{lang}\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"{gap}\" w:line=\"{}\" w:lineRule=\"exact\"/></w:pPr></w:pPrDefault></w:docDefaults>",
        fonts(SERIF),
        color(&ink),
        sz(1.0),
        z.line(1.0, BODY_LEADING)
    ));
    let p = |id: &str, name: &str, based: Option<&str>, ppr: &str, rpr: &str| {
        style("paragraph", id, name, based, None, ppr, rpr)
    };
    let mut all = vec![
        format!(
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/><w:pPr><w:widowControl/></w:pPr></w:style>"
        ),
        "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>".to_string(),
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>".to_string(),
        "<w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/><w:semiHidden/></w:style>".to_string(),
        p("BodyText", "Body Text", Some("Normal"), jc, ""),
        // The masthead, each line its own style.
        p(
            "Marking",
            "Marking",
            Some("Normal"),
            &spacing(0, z.lines(0.8), z.line(LABEL_SIZE, 1.3)),
            &format!("{sans}<w:b/><w:caps/>{}<w:spacing w:val=\"20\"/>{}", color(&accent), sz(LABEL_SIZE)),
        ),
        p(
            "Series",
            "Series",
            Some("Normal"),
            &spacing(0, z.lines(0.3), z.line(0.9, 1.3)),
            &format!("{sans}<w:b/><w:caps/>{}<w:spacing w:val=\"16\"/>{}", color(&muted), sz(0.9)),
        ),
        style(
            "paragraph",
            "Title",
            "Title",
            Some("Normal"),
            Some("Subtitle"),
            &format!("<w:keepNext/>{}<w:contextualSpacing/>", spacing(0, z.lines(0.3), z.line(TITLE_SIZE, TITLE_LEADING))),
            &format!("{sans}<w:b/>{}<w:kern w:val=\"28\"/>{}", color(&accent), sz(TITLE_SIZE)),
        ),
        p(
            "Subtitle",
            "Subtitle",
            Some("Normal"),
            &spacing(0, z.lines(0.5), z.line(SUBTITLE_SIZE, 1.3)),
            &format!("{}{}", color(&muted), sz(SUBTITLE_SIZE)),
        ),
        p(
            "Author",
            "Author",
            Some("Normal"),
            &spacing(0, 0, z.line(AUTHOR_SIZE, 1.35)),
            &format!("{sans}{}{}", color(&muted), sz(AUTHOR_SIZE)),
        ),
        p(
            "Date",
            "Date",
            Some("Normal"),
            &spacing(0, block, z.line(AUTHOR_SIZE, 1.35)),
            &format!("{sans}{}{}", color(&muted), sz(AUTHOR_SIZE)),
        ),
        // The bottom line: a shaded box under a label.
        p(
            "BottomLineLabel",
            "Bottom Line Label",
            Some("Normal"),
            &format!("<w:keepNext/>{boxed}{}<w:ind w:left=\"170\" w:right=\"170\"/>", spacing(z.lines(0.3), 60, z.line(LABEL_SIZE, 1.4))),
            &format!("{sans}<w:b/><w:caps/>{}<w:spacing w:val=\"12\"/>{}", color(&accent), sz(LABEL_SIZE)),
        ),
        p(
            "BottomLine",
            "Bottom Line",
            Some("Normal"),
            &format!("{boxed}{}<w:ind w:left=\"170\" w:right=\"170\"/>", spacing(0, block, z.line(BOTTOM_LINE_SIZE, 1.4))),
            &format!("{sans}{}", sz(BOTTOM_LINE_SIZE)),
        ),
        style(
            "paragraph",
            "Heading1",
            "heading 1",
            Some("Normal"),
            Some("BodyText"),
            &format!(
                "<w:keepNext/><w:keepLines/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"2\" w:color=\"{rule}\"/></w:pBdr>{}<w:outlineLvl w:val=\"0\"/>",
                spacing(block, z.lines(0.4), z.line(HEADING_SIZE, HEADING_LEADING))
            ),
            &format!("{sans}<w:b/>{}{}", color(&accent), sz(HEADING_SIZE)),
        ),
        style(
            "paragraph",
            "Heading2",
            "heading 2",
            Some("Normal"),
            Some("BodyText"),
            &format!("<w:keepNext/><w:keepLines/>{}<w:outlineLvl w:val=\"1\"/>", spacing(z.lines(0.7), z.lines(0.2), z.line(REC_TITLE_SIZE, HEADING_LEADING))),
            &format!("{sans}<w:b/>{}", sz(REC_TITLE_SIZE)),
        ),
        // Boxes: one shaded box between accent rules round the label, the
        // heading (in the outline, beside the sections) and the text.
        p(
            "BoxLabel",
            "Box Label",
            Some("Normal"),
            &format!("<w:keepNext/>{sidebar}{}{inset}", spacing(block, 0, z.line(STEP_XS, 1.4))),
            &format!("{sans}<w:b/><w:caps/>{}<w:spacing w:val=\"12\"/>{}", color(&accent), sz(STEP_XS)),
        ),
        p(
            "BoxHeading",
            "Box Heading",
            Some("Normal"),
            &format!("<w:keepNext/><w:keepLines/>{sidebar}{}{inset}<w:outlineLvl w:val=\"0\"/>", spacing(0, z.lines(0.3), z.line(STEP_M, HEADING_LEADING))),
            &format!("{sans}<w:b/>{}{}", color(&ink), sz(STEP_M)),
        ),
        p(
            "BoxText",
            "Box Text",
            Some("Normal"),
            &format!("{sidebar}{}{inset}", spacing(0, z.lines(0.3), z.line(STEP_S, BODY_LEADING))),
            &format!("{sans}{}", sz(STEP_S)),
        ),
        p(
            "Publisher",
            "Publisher",
            Some("Normal"),
            &format!("<w:tabs><w:tab w:val=\"left\" w:pos=\"1440\"/></w:tabs>{}", spacing(0, z.lines(0.5), 0)),
            &format!("{sans}{}{}", color(&muted), sz(STEP_S)),
        ),
        // The recommendations: numbered Heading 2s, who acts, the text,
        // the actions bulleted beneath.
        p(
            "RecommendationTitle",
            "Recommendation Title",
            Some("Heading2"),
            &format!("<w:numPr><w:numId w:val=\"{RECOMMENDATIONS}\"/></w:numPr><w:outlineLvl w:val=\"1\"/>"),
            &color(&ink),
        ),
        p(
            "RecommendationGroup",
            "Recommendation Group",
            Some("Normal"),
            &format!("<w:keepNext/>{}", spacing(z.lines(0.8), z.lines(0.2), z.line(STEP_M, HEADING_LEADING))),
            &format!("{sans}<w:b/>{}{}", color(&muted), sz(STEP_M)),
        ),
        p(
            "RecommendationOwner",
            "Recommendation Owner",
            Some("Normal"),
            &format!("<w:keepNext/>{}<w:ind w:left=\"{REC_INDENT}\"/>", spacing(0, z.lines(0.3), z.line(WHO_SIZE, 1.35))),
            &format!("{sans}{}{}", color(&muted), sz(WHO_SIZE)),
        ),
        p(
            "RecommendationText",
            "Recommendation Text",
            Some("BodyText"),
            &format!("<w:ind w:left=\"{REC_INDENT}\"/>"),
            "",
        ),
        p(
            "RecommendationAction",
            "Recommendation Action",
            Some("BodyText"),
            &format!("<w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"{RECOMMENDATIONS}\"/></w:numPr>{}", spacing(0, z.lines(0.25), z.line(1.0, BODY_LEADING))),
            "",
        ),
        // Markdown lists (their numbers and indents are numbering.xml's).
        p("ListBullet", "List Bullet", Some("BodyText"), &spacing(0, z.lines(0.25), z.line(1.0, BODY_LEADING)), ""),
        p("ListNumber", "List Number", Some("BodyText"), &spacing(0, z.lines(0.25), z.line(1.0, BODY_LEADING)), ""),
        p("ListContinue", "List Continue", Some("BodyText"), &spacing(0, z.lines(0.25), z.line(1.0, BODY_LEADING)), ""),
        // Key figures, in the table.
        p(
            "FigureValue",
            "Figure Value",
            Some("Normal"),
            &format!("{}<w:jc w:val=\"left\"/>", spacing(0, 0, z.line(FIGURE_VALUE_SIZE * 0.8, 1.15))),
            &format!("{sans}<w:b/>{}{}", color(&accent), sz(FIGURE_VALUE_SIZE * 0.8)),
        ),
        p(
            "FigureLabel",
            "Figure Label",
            Some("Normal"),
            &spacing(0, 0, z.line(FIGURE_LABEL_SIZE, 1.3)),
            &format!("{sans}{}", sz(FIGURE_LABEL_SIZE)),
        ),
        p(
            "FigureDetail",
            "Figure Detail",
            Some("Normal"),
            &spacing(0, 60, z.line(FIGURE_DETAIL_SIZE * 1.1, 1.3)),
            &format!("<w:i/>{}{}", color(&muted), sz(FIGURE_DETAIL_SIZE * 1.1)),
        ),
        // A section figure's numbered title, kept with its picture.
        p(
            "Caption",
            "Caption",
            Some("Normal"),
            &format!("<w:keepNext/>{}", spacing(z.lines(0.6), 0, z.line(FIGURE_LABEL_SIZE, 1.3))),
            &format!("{sans}{}", sz(FIGURE_LABEL_SIZE)),
        ),
        // A picture's line is as tall as the picture.
        p("Chart", "Chart", Some("Normal"), &format!("<w:keepNext/>{}", spacing(60, 40, 0)), ""),
        p(
            "ChartData",
            "Chart Data",
            Some("Normal"),
            &spacing(0, 0, z.line(FIGURE_DETAIL_SIZE, 1.3)),
            &format!("{sans}{}{}", color(&muted), sz(FIGURE_DETAIL_SIZE)),
        ),
        p(
            "SourceCredit",
            "Source Credit",
            Some("Normal"),
            &format!(
                "<w:pBdr><w:top w:val=\"single\" w:sz=\"4\" w:space=\"6\" w:color=\"{rule}\"/></w:pBdr>{}",
                spacing(block, 0, z.line(WHO_SIZE, 1.35))
            ),
            &format!("{sans}{}{}", color(&muted), sz(WHO_SIZE)),
        ),
        p("NotesHeading", "Notes Heading", Some("Heading1"), "", ""),
        p(
            "EndnoteText",
            "endnote text",
            Some("Normal"),
            &spacing(0, z.lines(0.3), z.line(NOTE_SIZE, 1.3)),
            &sz(NOTE_SIZE),
        ),
        style("character", "EndnoteReference", "endnote reference", None, None, "", "<w:vertAlign w:val=\"superscript\"/>"),
        style(
            "character",
            "Hyperlink",
            "Hyperlink",
            None,
            None,
            "",
            &format!("{}<w:u w:val=\"single\"/>", color(&accent)),
        ),
        p(
            "Caption",
            "caption",
            Some("Normal"),
            &format!("<w:keepNext/>{}", spacing(z.lines(0.5), z.lines(0.25), z.line(TABLE_CAPTION_SIZE, 1.3))),
            &format!("{sans}{}{}", color(&ink), sz(TABLE_CAPTION_SIZE)),
        ),
        p(
            "TableText",
            "Table Text",
            Some("Normal"),
            &spacing(0, 0, z.line(TABLE_SIZE, TABLE_LEADING)),
            &format!("{sans}{}", sz(TABLE_SIZE)),
        ),
        style("character", "VerbatimChar", "Verbatim Char", None, None, "", &format!("{}{}", fonts(MONO), sz(0.9))),
        // Rules between the figures and under the last; the heading
        // above draws the first.
        format!(
            "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"KeyFigures\"><w:name w:val=\"Key Figures\"/><w:basedOn w:val=\"TableNormal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:tblPr><w:tblBorders><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{rule}\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"{rule}\"/></w:tblBorders><w:tblCellMar><w:top w:w=\"100\" w:type=\"dxa\"/><w:left w:w=\"115\" w:type=\"dxa\"/><w:bottom w:w=\"100\" w:type=\"dxa\"/><w:right w:w=\"115\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
        ),
        // Booktabs: a heavy rule above the header and at the foot, a
        // light one under the header (drawn by its cells), none between
        // columns.
        format!(
            "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"BriefingTable\"><w:name w:val=\"Briefing Table\"/><w:basedOn w:val=\"TableNormal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"{ink}\"/><w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"{ink}\"/></w:tblBorders><w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/><w:left w:w=\"0\" w:type=\"dxa\"/><w:bottom w:w=\"40\" w:type=\"dxa\"/><w:right w:w=\"160\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
        ),
    ];
    for st in all.drain(..) {
        s.push_str(&st);
    }
    s.push_str("</w:styles>");
    s
}

/// The fonts the styles name, each with the kind of face Word and
/// LibreOffice put in its place where it is not installed.
pub fn font_table() -> String {
    let font = |name: &str, alt: &str, family: &str, pitch: &str| {
        format!("<w:font w:name=\"{name}\"><w:altName w:val=\"{alt}\"/><w:charset w:val=\"00\"/><w:family w:val=\"{family}\"/><w:pitch w:val=\"{pitch}\"/></w:font>")
    };
    format!(
        "{DECL}<w:fonts xmlns:w=\"{NS_W}\">{}{}{}</w:fonts>",
        font(SERIF, "Georgia", "roman", "variable"),
        font(SANS, "Helvetica Neue", "swiss", "variable"),
        font(MONO, "Courier", "modern", "fixed")
    )
}
