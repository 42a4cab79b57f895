//! `word/document.xml`: the briefing in reading order, every paragraph in
//! a named style (see `styles.rs`), so that an editor restyles it by style
//! and Word's navigation pane shows its outline: the parts and sections as
//! Heading 1, the recommendations as numbered Heading 2s.

use super::chart::{self, Picture};
use super::numbering::{Lists, BULLETS};
use super::runs::{Runs, Story};
use super::xml::{esc, NS_A, NS_PIC, NS_R, NS_W, NS_WP};
use crate::export::walk::credit;
use crate::layout::blocks::alt::alt_text;
use crate::layout::chart::format_value;
use crate::markup::{plain_text, Block, DocFigure, Document, InlineStyle};
use crate::model::Briefing;
use crate::text::FontSet;

/// One inch in twentieths of a point (Word's page unit).
pub const INCH: u32 = 1440;
/// Page margins: one inch all round, Word's own default.
pub const MARGIN: u32 = INCH;
/// The key-figures table's columns, as shares of the text width (value,
/// label, detail): the detail column holds a chart, so it is widest.
const FIGURE_COLUMNS: [u32; 3] = [24, 34, 42];
/// A cell's left and right padding (Word's default, 0.08 in).
const CELL_PAD: u32 = 115;

/// What writing the text leaves for the other parts.
pub struct Body {
    pub xml: String,
    pub runs: Runs,
    pub lists: Lists,
    /// The charts' pictures, in order: `word/media/chart{n}.png`.
    pub pictures: Vec<Vec<u8>>,
}

/// A paragraph in `style`, with more paragraph properties `ppr` (in
/// schema order after the style) and its runs.
pub fn para(style: &str, ppr: &str, runs: &str) -> String {
    format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>{ppr}</w:pPr>{runs}</w:p>")
}

/// A paragraph's list membership.
pub fn num_pr(num: u32, level: usize) -> String {
    format!("<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr>")
}

struct Writer<'a> {
    b: &'a Briefing,
    runs: Runs,
    lists: Lists,
    pictures: Vec<Vec<u8>>,
    out: String,
    /// Width of the text, in twentieths of a point.
    text_width: u32,
    /// The briefing's faces, for the charts' labels: loaded at the first
    /// chart, `None` inside when they cannot be.
    fonts: Option<Option<FontSet>>,
}

/// The document's text.
pub fn write(doc: &Document, b: &Briefing) -> Body {
    let (pw, ph) = b.style.paper.size_pt();
    let (pw, ph) = ((pw * 20.0).round() as u32, (ph * 20.0).round() as u32);
    let mut w = Writer {
        b,
        runs: Runs {
            revision: super::runs::revision_of(b),
            ..Runs::default()
        },
        lists: Lists::default(),
        pictures: Vec::new(),
        out: String::new(),
        text_width: pw - 2 * MARGIN,
        fonts: None,
    };
    w.masthead(doc);
    let labels = b.language.labels();
    if let Some(cb) = &doc.changes {
        // A redline's summary of changes (`briefing diff --format docx`).
        w.plain("Heading1", &cb.heading);
        w.blocks(&cb.body, "BodyText", 0);
    }
    if let Some(bl) = &doc.bottom_line {
        w.plain("BottomLineLabel", labels.bottom_line);
        let runs = w.runs.inlines(Story::Body, bl);
        w.out.push_str(&para("BottomLine", "", &runs));
    }
    w.plain("Heading1", labels.summary);
    w.blocks(&doc.summary, "BodyText", 0);
    if !doc.figures.is_empty() {
        w.plain("Heading1", labels.key_figures);
        w.figures(&doc.figures);
    }
    for (s, number) in doc.sections.iter().zip(doc.box_numbers()) {
        // A box: its label, its heading (in the outline) and its text in
        // the shaded, ruled box styles; Word draws one box round them.
        let (head, text) = match number {
            Some(n) => {
                let label = crate::layout::blocks::sidebar::box_label(b.language, n);
                w.plain("BoxLabel", &label);
                ("BoxHeading", "BoxText")
            }
            None => ("Heading1", "BodyText"),
        };
        let runs = w.runs.inlines(Story::Body, &s.heading);
        w.out.push_str(&para(head, "", &runs));
        let mut done = 0;
        for f in &s.figures {
            let upto = f.after.max(done);
            w.blocks(&s.body[done..upto], text, 0);
            done = upto;
            w.exhibit(f);
        }
        w.blocks(&s.body[done..], text, 0);
    }
    if !doc.recommendations.is_empty() {
        w.plain("Heading1", labels.recommendations);
        let openings = doc.group_openings();
        for (i, r) in doc.recommendations.iter().enumerate() {
            if let Some(group) = openings[i] {
                let name = b.language.group_heading(group);
                w.plain("RecommendationGroup", name);
            }
            let runs = w.runs.inlines(Story::Body, &r.title);
            w.out.push_str(&para("RecommendationTitle", "", &runs));
            for (label, value) in [(labels.who, &r.owner), (labels.status, &r.status)] {
                let Some(value) = value else { continue };
                let mut runs = w.runs.text(
                    Story::Body,
                    &format!("{label}: "),
                    InlineStyle {
                        bold: true,
                        ..Default::default()
                    },
                    None,
                );
                runs.push_str(&w.runs.inlines(Story::Body, value));
                w.out.push_str(&para("RecommendationOwner", "", &runs));
            }
            w.blocks(&r.body, "RecommendationText", 0);
            for a in &r.actions {
                let runs = w.runs.inlines(Story::Body, a);
                w.out.push_str(&para("RecommendationAction", "", &runs));
            }
        }
    }
    if let Some(contact) = doc.publisher.as_ref().and_then(|p| p.contact.as_ref()) {
        w.plain("BoxLabel", labels.contact);
        w.blocks(contact, "BoxText", 0);
    }
    if let Some(c) = credit(doc, true) {
        let runs = w.runs.inlines(Story::Body, &c);
        w.out.push_str(&para("SourceCredit", "", &runs));
    }
    // Word sets the endnotes after the last paragraph: this heading is
    // theirs, and puts them in the navigation pane.
    if !doc.notes.is_empty() {
        w.plain("NotesHeading", labels.notes);
    }
    let xml = format!(
        "{}<w:document xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_R}\" xmlns:wp=\"{NS_WP}\" xmlns:a=\"{NS_A}\" xmlns:pic=\"{NS_PIC}\"><w:body>{}<w:sectPr><w:endnotePr><w:numFmt w:val=\"decimal\"/></w:endnotePr><w:pgSz w:w=\"{pw}\" w:h=\"{ph}\"/><w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
        super::xml::DECL,
        w.out
    );
    Body {
        xml,
        runs: w.runs,
        lists: w.lists,
        pictures: w.pictures,
    }
}

impl Writer<'_> {
    /// A paragraph of plain text.
    fn plain(&mut self, style: &str, text: &str) {
        let runs = self
            .runs
            .text(Story::Body, text, InlineStyle::default(), None);
        self.out.push_str(&para(style, "", &runs));
    }

    /// The lines above the bottom line, each in its own style.
    fn masthead(&mut self, doc: &Document) {
        if let Some(p) = &doc.publisher {
            // The logo half an inch high, at its aspect ratio, with the
            // name as its alternative text; then the name and address.
            let mut runs = String::new();
            if let Some(im) = &p.logo {
                let pic = chart::image_picture(im, (720.0 * im.aspect()).round() as u32);
                let alt = p.name.clone().unwrap_or_else(|| im.name.clone());
                runs.push_str(&self.drawing(pic, &alt));
            }
            let words: Vec<&str> = p
                .name
                .iter()
                .chain(p.url.iter())
                .map(String::as_str)
                .collect();
            if !words.is_empty() {
                if !runs.is_empty() {
                    runs.push_str("<w:r><w:tab/></w:r>");
                }
                runs.push_str(&self.runs.text(
                    Story::Body,
                    &words.join(" · "),
                    InlineStyle::default(),
                    None,
                ));
            }
            if !runs.is_empty() {
                self.out.push_str(&para("Publisher", "", &runs));
            }
        }
        if let Some(m) = &doc.marking {
            self.plain("Marking", m);
        }
        if let Some(s) = &doc.series {
            self.plain("Series", s);
        }
        let runs = self.runs.inlines(Story::Body, &doc.title);
        self.out.push_str(&para("Title", "", &runs));
        if let Some(s) = &doc.subtitle {
            let runs = self.runs.inlines(Story::Body, s);
            self.out.push_str(&para("Subtitle", "", &runs));
        }
        for (name, role) in &doc.authors {
            let bold = InlineStyle {
                bold: true,
                ..Default::default()
            };
            let mut runs = self.runs.text(Story::Body, name, bold, None);
            if let Some(r) = role {
                runs.push_str(&self.runs.text(
                    Story::Body,
                    &format!(", {r}"),
                    InlineStyle::default(),
                    None,
                ));
            }
            self.out.push_str(&para("Author", "", &runs));
        }
        if let Some(d) = &doc.date {
            self.plain("Date", d);
        }
    }

    /// Paragraphs and lists; `style` for paragraphs, `depth` for lists
    /// inside lists.
    fn blocks(&mut self, bs: &[Block], style: &str, depth: usize) {
        for b in bs {
            match b {
                Block::Para(inl) => {
                    let runs = self.runs.inlines(Story::Body, inl);
                    self.out.push_str(&para(style, "", &runs));
                }
                Block::List { .. } => {
                    let xml = list(&mut self.runs, &mut self.lists, Story::Body, b, depth);
                    self.out.push_str(&xml);
                }
                Block::Table(t) => {
                    let xml = super::table::table(&mut self.runs, t, self.text_width);
                    self.out.push_str(&xml);
                }
            }
        }
    }

    /// The key figures as a table: value, label (with the notes it cites),
    /// then detail with the chart's picture and its values.
    fn figures(&mut self, figures: &[DocFigure]) {
        let widths: Vec<u32> = FIGURE_COLUMNS
            .iter()
            .map(|share| self.text_width * share / 100)
            .collect();
        let grid: String = widths
            .iter()
            .map(|w| format!("<w:gridCol w:w=\"{w}\"/>"))
            .collect();
        let mut rows = String::new();
        for f in figures {
            let style = InlineStyle {
                change: f.value_change,
                ..Default::default()
            };
            let mut value = self.runs.text(Story::Body, &f.value, style, None);
            if let Some(was) = &f.was {
                // A redline's old value: " (was 47%)", the value deleted.
                value.push_str(
                    &self
                        .runs
                        .text(Story::Body, " ", InlineStyle::default(), None),
                );
                value.push_str(&self.runs.inlines(Story::Body, was));
            }
            let mut label = self.runs.inlines(Story::Body, &f.label);
            for n in &f.notes {
                label.push_str(&self.runs.note_ref(Story::Body, *n));
            }
            let mut detail = String::new();
            if let Some(d) = &f.detail {
                let runs = self.runs.inlines(Story::Body, d);
                detail.push_str(&para("FigureDetail", "", &runs));
            }
            if let Some(c) = &f.chart {
                let subject = format!("{} {}", f.value, plain_text(&f.label));
                let alt = alt_text(c, self.b.language, &subject);
                let width = widths[2] - 2 * CELL_PAD;
                let fonts = self
                    .fonts
                    .get_or_insert_with(|| FontSet::load(&self.b.style).ok())
                    .as_ref();
                if let Some(pic) = chart::picture(c, self.b, fonts, width) {
                    detail.push_str(&para("Chart", "", &self.drawing(pic, &alt)));
                }
                let unit = c.unit.as_deref();
                let values: Vec<String> = c
                    .labels
                    .iter()
                    .zip(&c.values)
                    .map(|(l, v)| format!("{l}: {}", format_value(*v, self.b.language, unit)))
                    .collect();
                let runs = self.runs.text(
                    Story::Body,
                    &values.join(" · "),
                    InlineStyle::default(),
                    None,
                );
                detail.push_str(&para("ChartData", "", &runs));
            }
            if detail.is_empty() {
                detail = para("FigureDetail", "", "");
            }
            let cells = [
                para("FigureValue", "", &value),
                para("FigureLabel", "", &label),
                detail,
            ];
            rows.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (cell, w) in cells.iter().zip(&widths) {
                rows.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/></w:tcPr>{cell}</w:tc>"
                ));
            }
            rows.push_str("</w:tr>");
        }
        self.out.push_str(&format!(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"KeyFigures\"/><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0080\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>",
            widths.iter().sum::<u32>()
        ));
    }

    /// A section figure: its numbered title (Caption), its picture with
    /// the figure's Alt, and its source line.
    fn exhibit(&mut self, f: &crate::markup::DocExhibit) {
        use crate::layout::blocks::exhibit::{chart_alt, figure_label, source_label};
        use crate::model::Exhibit;
        let lang = self.b.language;
        let bold = InlineStyle {
            bold: true,
            ..Default::default()
        };
        let mut runs = self.runs.text(
            Story::Body,
            &format!("{} ", figure_label(lang, f.number)),
            bold,
            None,
        );
        runs.push_str(&self.runs.inlines(Story::Body, &f.title));
        self.out.push_str(&para("Caption", "", &runs));
        let title = plain_text(&f.title);
        let pic = match &f.exhibit {
            Exhibit::Chart(c) => {
                let fonts = self
                    .fonts
                    .get_or_insert_with(|| FontSet::load(&self.b.style).ok())
                    .as_ref();
                chart::series_picture(c, self.b, fonts, self.text_width).map(|p| {
                    (
                        p,
                        f.alt.clone().unwrap_or_else(|| chart_alt(c, lang, &title)),
                    )
                })
            }
            Exhibit::Image(im) => {
                // Half the page's height at most, as in the PDF.
                let most_w = (f32::from(u16::MAX).min(4.5 * 1440.0 * im.aspect())) as u32;
                let pic = chart::image_picture(im, self.text_width.min(most_w));
                Some((pic, f.alt.clone().unwrap_or_else(|| im.name.clone())))
            }
        };
        if let Some((pic, alt)) = pic {
            let drawing = self.drawing(pic, &alt);
            self.out.push_str(&para("Chart", "", &drawing));
        }
        if let Some(src) = &f.source {
            let mut runs = self.runs.text(
                Story::Body,
                source_label(lang),
                InlineStyle::default(),
                None,
            );
            runs.push_str(&self.runs.inlines(Story::Body, src));
            self.out.push_str(&para("ChartData", "", &runs));
        }
    }

    /// An inline picture with its alternative text (`descr`, which Word
    /// shows as Alt Text and screen readers read).
    fn drawing(&mut self, pic: Picture, alt: &str) -> String {
        self.pictures.push(pic.png);
        let n = self.pictures.len();
        let rid = self
            .runs
            .body_rels
            .add("image", &format!("media/chart{n}.png"), false);
        let (cx, cy) = (pic.width_emu, pic.height_emu);
        let alt = esc(alt);
        format!(
            "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"{n}\" name=\"Chart {n}\" descr=\"{alt}\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri=\"{NS_PIC}\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"chart{n}.png\" descr=\"{alt}\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"{rid}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        )
    }
}

/// A markdown list as Word list paragraphs: bullets share one list, each
/// ordered list is a list of its own that starts at its first number. An
/// item's later paragraphs continue it, indented, without a number.
pub fn list(runs: &mut Runs, lists: &mut Lists, story: Story, b: &Block, depth: usize) -> String {
    let Block::List {
        ordered,
        start,
        items,
    } = b
    else {
        return String::new();
    };
    let level = depth.min(super::numbering::LEVELS - 1);
    let num = if *ordered {
        lists.ordered(*start, level)
    } else {
        BULLETS
    };
    let style = if *ordered { "ListNumber" } else { "ListBullet" };
    let mut out = String::new();
    for item in items {
        let mut first = true;
        for blk in item {
            match blk {
                Block::Para(inl) => {
                    let text = runs.inlines(story, inl);
                    if first {
                        out.push_str(&para(style, &num_pr(num, level), &text));
                    } else {
                        let ind = super::numbering::indent(level);
                        out.push_str(&para(
                            "ListContinue",
                            &format!("<w:ind w:left=\"{ind}\"/>"),
                            &text,
                        ));
                    }
                    first = false;
                }
                Block::List { .. } => out.push_str(&list(runs, lists, story, blk, depth + 1)),
                Block::Table(t) => {
                    let width = super::body::MARGIN * 6;
                    out.push_str(&super::table::table(runs, t, width));
                }
            }
        }
    }
    out
}
