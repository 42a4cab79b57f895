//! The design's numbers, in one place, each with why it has its value.
//! Sizes are multiples of the body size, so a page budget that shrinks the
//! body shrinks everything in proportion.

use crate::model::Rgb;

/// Body text leading: 1.32 × size suits Vollkorn's tall ascenders and a
/// 75-character measure.
pub const BODY_LEADING: f32 = 1.32;
/// Space between paragraphs, in body lines (no first-line indent: a
/// briefing is skimmed, and blocks read faster with open space).
pub const PARA_GAP: f32 = 0.5;

/// The type scale: seven steps, each at least 12% from the next so a
/// reader tells them apart, and every size in a briefing is one of them
/// (a test counts them). One hierarchy, as the outline has it: part
/// labels and section headings are siblings (H2, outline level 1) and
/// share [`STEP_L`]; recommendation titles sit under their part (H3) at
/// the body size, carried by their numerals.
pub const STEP_XS: f32 = 0.72;
pub const STEP_S: f32 = 0.84;
pub const STEP_M: f32 = 1.0;
pub const STEP_L: f32 = 1.16;
pub const STEP_XL: f32 = 1.6;
pub const STEP_XXL: f32 = 2.0;
pub const STEP_TITLE: f32 = 2.3;

/// Title: 2.3 × body, large enough to carry the page at arm's length;
/// a long title steps down the scale ([`TITLE_STEPS`]).
pub const TITLE_SIZE: f32 = STEP_TITLE;
/// The sizes a title may take, largest first.
pub const TITLE_STEPS: [f32; 3] = [STEP_TITLE, STEP_XXL, STEP_XL];
pub const SUBTITLE_SIZE: f32 = STEP_L;
pub const AUTHOR_SIZE: f32 = STEP_S;
/// Section headings, in the heading face's bold.
pub const HEADING_SIZE: f32 = STEP_L;
/// Part labels ("Key figures", "Recommendations"): semibold capitals in
/// the accent, letter-spaced, at the section headings' size.
pub const LABEL_SIZE: f32 = STEP_L;
/// The series and date on the masthead's band.
pub const BAND_SIZE: f32 = STEP_S;
/// Bottom-line text: a step above body, in the heading face.
pub const BOTTOM_LINE_SIZE: f32 = STEP_L;
/// Key-figure values: the largest thing after the title; a value too
/// long for its card steps down the scale ([`FIGURE_VALUE_STEPS`]).
pub const FIGURE_VALUE_SIZE: f32 = STEP_XXL;
pub const FIGURE_VALUE_STEPS: [f32; 3] = [STEP_XXL, STEP_XL, STEP_L];
pub const FIGURE_LABEL_SIZE: f32 = STEP_S;
pub const FIGURE_DETAIL_SIZE: f32 = STEP_XS;
/// Chart value and category labels.
pub const CHART_VALUE_SIZE: f32 = STEP_XS;
pub const CHART_LABEL_SIZE: f32 = STEP_XS;
/// Recommendation numerals hang in a gutter of 2.8 × body.
pub const REC_NUMBER_SIZE: f32 = STEP_XXL;
pub const REC_GUTTER: f32 = 2.8;
/// Least space between a recommendation's numeral and its title, in em
/// of the body size.
pub const REC_NUMBER_GAP: f32 = 0.8;
pub const REC_TITLE_SIZE: f32 = STEP_M;
pub const WHO_SIZE: f32 = STEP_S;
/// Endnotes: the usual footnote ratio.
pub const NOTE_SIZE: f32 = STEP_S;
/// Tables: cells in the heading face a step under the body, captions at
/// the body size.
pub const TABLE_SIZE: f32 = STEP_S;
pub const TABLE_CAPTION_SIZE: f32 = STEP_M;
pub const TABLE_LEADING: f32 = 1.25;
/// Running header and footer: small enough to recede.
pub const CHROME_SIZE: f32 = STEP_XS;

/// Gap between columns: 1.5 em of body, half again LaTeX's 10 pt, so
/// justified columns read as separate.
pub const GUTTER: f32 = 1.5;
/// Narrowest measure of running text set justified under
/// `justify = "auto"`, in em (about 42 characters of the body face):
/// narrower columns (large type in two columns) are set ragged-right, as
/// justified lines that short cannot always avoid loose spacing.
pub const MIN_JUSTIFIED_MEASURE: f32 = 20.0;
/// Space above and below the rule over two-column text, as a share of
/// [`BLOCK_GAP`].
pub const COLUMN_RULE_GAP: f32 = 0.6;
/// Space between blocks (masthead, bottom line, sections…), in body lines.
pub const BLOCK_GAP: f32 = 1.1;
/// Inner padding of tinted boxes, in body sizes.
pub const BOX_PAD: f32 = 0.9;

/// Ink for body text: not pure black, which glares on coated paper.
pub const INK: Rgb = Rgb(0x1A, 0x1A, 0x1A);
/// Secondary text (labels, details, running heads): 7.5:1 on white.
pub const MUTED: Rgb = Rgb(0x4A, 0x4A, 0x4A);
pub const WHITE: Rgb = Rgb(0xFF, 0xFF, 0xFF);
/// Hairlines.
pub const RULE: Rgb = Rgb(0xB8, 0xB8, 0xB8);

/// Mixes `c` with white: `amount` 0 is white, 1 is `c`.
pub fn tint(c: Rgb, amount: f32) -> Rgb {
    let mix = |v: u8| (255.0 - (255.0 - f32::from(v)) * amount).round() as u8;
    Rgb(mix(c.0), mix(c.1), mix(c.2))
}

/// WCAG relative luminance.
pub fn luminance(c: Rgb) -> f32 {
    let lin = |v: u8| {
        let s = f32::from(v) / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

/// WCAG contrast ratio between two colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// WCAG AA for body-size text.
pub const MIN_CONTRAST: f32 = 4.5;

/// The accent darkened until it reads on white and on its own tint: the
/// configured colour when it already does.
pub fn readable_accent(accent: Rgb) -> Rgb {
    let mut c = accent;
    for _ in 0..40 {
        if contrast(c, tint(accent, BOX_TINT)) >= MIN_CONTRAST && contrast(c, WHITE) >= MIN_CONTRAST
        {
            return c;
        }
        c = Rgb(
            (f32::from(c.0) * 0.9) as u8,
            (f32::from(c.1) * 0.9) as u8,
            (f32::from(c.2) * 0.9) as u8,
        );
    }
    c
}

/// Strength of the bottom-line box's tint.
pub const BOX_TINT: f32 = 0.10;
/// Strength of the key-figure cards' tint.
pub const CARD_TINT: f32 = 0.06;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_wcag() {
        assert!((contrast(WHITE, Rgb(0, 0, 0)) - 21.0).abs() < 0.01);
        assert!(contrast(INK, tint(Rgb(0x1F, 0x3A, 0x5F), BOX_TINT)) > MIN_CONTRAST);
        let pale = Rgb(0xFF, 0xE0, 0x40);
        let fixed = readable_accent(pale);
        assert!(contrast(fixed, WHITE) >= MIN_CONTRAST);
    }
}
