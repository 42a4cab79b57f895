//! A pipe table as a Word table: the caption above in Word's own Caption
//! style (so Word lists it among its tables), the header row marked to
//! repeat on each page (`tblHeader`) with the first row's look, rows that
//! never split, booktabs rules from the `BriefingTable` style, each cell
//! aligned as in the PDF, column widths from the content.

use super::body::para;
use super::runs::{Runs, Story};
use super::xml::esc;
use crate::markup::{plain_text, Align, InlineStyle, Table};

/// The table's XML, `text_width` (twentieths of a point) at most.
pub fn table(runs: &mut Runs, t: &Table, text_width: u32) -> String {
    let n = t.align.len().max(1);
    let mut caption = runs.text(
        Story::Body,
        &t.label,
        InlineStyle {
            bold: true,
            ..Default::default()
        },
        None,
    );
    if let Some(c) = &t.caption {
        caption.push_str(&runs.text(Story::Body, " ", InlineStyle::default(), None));
        caption.push_str(&runs.inlines(Story::Body, c));
    }
    let mut out = para("Caption", "<w:keepNext/>", &caption);
    // Widths by the longest text of each column, at least a tenth.
    let mut want = vec![1u32; n];
    for r in std::iter::once(&t.head).chain(&t.rows) {
        for (c, cell) in r.iter().enumerate() {
            let len = plain_text(cell).chars().count() as u32;
            want[c] = want[c].max(len.min(60));
        }
    }
    let total: u32 = want.iter().sum::<u32>().max(1);
    let widths: Vec<u32> = want
        .iter()
        .map(|w| (text_width * w / total).max(text_width / (10 * n as u32).max(1)))
        .collect();
    let grid: String = widths
        .iter()
        .map(|w| format!("<w:gridCol w:w=\"{w}\"/>"))
        .collect();
    let jc = |c: usize| match t.align_of(c) {
        Align::Right => "<w:jc w:val=\"right\"/>",
        Align::Center => "<w:jc w:val=\"center\"/>",
        Align::Left | Align::Auto => "",
    };
    let mut rows = String::new();
    let mut row = |cells: &[Vec<crate::markup::Inline>], head: bool, runs: &mut Runs| {
        let trpr = if head {
            "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        } else {
            "<w:trPr><w:cantSplit/></w:trPr>"
        };
        rows.push_str(&format!("<w:tr>{trpr}"));
        for (c, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let text = if head {
                let bold = InlineStyle {
                    bold: true,
                    ..Default::default()
                };
                runs.text(Story::Body, &plain_text(cell), bold, None)
            } else {
                runs.inlines(Story::Body, cell)
            };
            let border = if head {
                "<w:tcBorders><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tcBorders>"
            } else {
                ""
            };
            rows.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>{border}</w:tcPr>{}</w:tc>",
                para("TableText", jc(c), &text)
            ));
        }
        rows.push_str("</w:tr>");
    };
    row(&t.head, true, runs);
    for r in &t.rows {
        row(r, false, runs);
    }
    out.push_str(&format!(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"BriefingTable\"/><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0020\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/><w:tblCaption w:val=\"{}\"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>",
        widths.iter().sum::<u32>(),
        esc(&t.label)
    ));
    out
}
