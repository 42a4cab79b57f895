//! Page geometry per paper: each size has its own margins, not one layout
//! scaled.

use crate::model::Paper;

/// The printable frame of a page, in points from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    /// Top of the body text (below the running header).
    pub top: f32,
    /// Bottom of the body text (above the footer).
    pub bottom: f32,
    /// Baseline of the running header.
    pub header_y: f32,
    /// Baseline of the footer.
    pub footer_y: f32,
    /// Baselines of the marking's own lines, top and bottom, when the
    /// briefing carries one (see [`Geometry::marked`]).
    pub marking_y: Option<(f32, f32)>,
}

/// Nothing is printed closer to the paper's edge than 10 mm.
pub const MARGIN_BOX: f32 = 28.35;
/// From the marking's baseline to the running head's, in chrome sizes.
pub const MARK_STEP: f32 = 2.3;

impl Geometry {
    pub fn for_paper(paper: Paper) -> Geometry {
        let (width, height) = paper.size_pt();
        // Letter and legal: ¾-inch sides, which keeps a 10.5 pt line near
        // 85 characters. A4 is narrower and taller: 20 mm sides and a
        // slightly deeper head.
        let (side, top, bottom) = match paper {
            Paper::Letter => (54.0, 60.0, 58.0),
            Paper::Legal => (54.0, 64.0, 62.0),
            Paper::A4 => (56.7, 66.0, 62.0),
        };
        Geometry {
            width,
            height,
            left: side,
            right: width - side,
            top,
            bottom: height - bottom,
            header_y: top - 22.0,
            footer_y: height - bottom + 24.0,
            marking_y: None,
        }
    }

    /// The frame with a line of its own for the marking above the running
    /// head and below the footer, as distribution markings are set: the
    /// marking keeps its old place at the page's edge, the head and foot
    /// move in by `MARK_STEP` chrome sizes and the type area with them.
    /// `size` is the chrome's type size.
    pub fn marked(mut self, size: f32) -> Geometry {
        // Text keeps 2 pt inside the 10 mm margin box.
        let edge = MARGIN_BOX + 2.0;
        let top = (self.header_y - size * 0.2).max(edge + size * 1.05);
        let bottom = self.footer_y.min(self.height - edge - size * 0.35);
        let step = size * MARK_STEP;
        let head_gap = self.top - self.header_y;
        let foot_gap = self.footer_y - self.bottom;
        self.header_y = top + step;
        self.top = self.header_y + head_gap;
        self.footer_y = bottom - step;
        self.bottom = self.footer_y - foot_gap;
        self.marking_y = Some((top, bottom));
        self
    }

    /// The frame for `columns` columns of running text. One column is set
    /// to a reading measure: at 10.5 pt a full page's width would carry
    /// 105 characters a line, where the eye loses its way back; the sides
    /// widen until the line averages about 90 (Bringhurst's 45–75 is
    /// for books; a briefing's line is skimmed, and its cards and boxes
    /// want some breadth). Two columns keep the wide frame, each column's
    /// measure being short already.
    pub fn for_layout(paper: Paper, columns: u8) -> Geometry {
        let mut g = Geometry::for_paper(paper);
        if columns <= 1 {
            let side = match paper {
                Paper::Letter | Paper::Legal => 86.0,
                Paper::A4 => 78.0,
            };
            g.left = side;
            g.right = g.width - side;
        }
        g
    }

    pub fn text_width(&self) -> f32 {
        self.right - self.left
    }
}
