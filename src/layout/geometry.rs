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
}

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
        }
    }

    pub fn text_width(&self) -> f32 {
        self.right - self.left
    }
}
