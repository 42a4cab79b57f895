//! Placing a raster image: the largest box at the image's aspect ratio
//! that fits the room given, never distorted, and whether it would print
//! under the resolution a printer needs. Pure: the image was read and
//! decoded in the model stage.

use std::sync::Arc;

use crate::layout::{Item, Tag};
use crate::model::Image;

/// Below this a raster prints visibly soft: a warning, never a refusal.
pub const MIN_DPI: f32 = 150.0;

/// The size (w, h) in points of `image` fitted into `max_w` × `max_h`,
/// at its aspect ratio.
pub fn fit(image: &Image, max_w: f32, max_h: f32) -> (f32, f32) {
    let aspect = image.aspect();
    let w = max_w.min(max_h * aspect).max(0.0);
    (w, w / aspect)
}

/// The item that draws `image` in the box at (x, y), `w` wide, its
/// height from its aspect ratio.
pub fn place(image: &Arc<Image>, x: f32, y: f32, w: f32, tag: Tag) -> Item {
    Item::Image {
        x,
        y,
        w,
        h: w / image.aspect(),
        image: image.clone(),
        tag,
    }
}

/// Whether `image` set `w` points wide prints under [`MIN_DPI`].
pub fn upscaled(image: &Image, w: f32) -> bool {
    image.dpi_at(w) < MIN_DPI - 0.5
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img(w: u32, h: u32) -> Image {
        Image {
            width_px: w,
            height_px: h,
            rgb: vec![0; (w * h * 3) as usize],
            alpha: None,
            name: "t.png".into(),
            file: Arc::new(Vec::new()),
            mime: "image/png",
        }
    }

    #[test]
    fn keeps_the_aspect_ratio() {
        let (w, h) = fit(&img(400, 200), 300.0, 100.0);
        assert!((w - 200.0).abs() < 1e-3 && (h - 100.0).abs() < 1e-3);
        let (w, h) = fit(&img(400, 200), 100.0, 500.0);
        assert!((w - 100.0).abs() < 1e-3 && (h - 50.0).abs() < 1e-3);
    }

    #[test]
    fn low_resolution_is_flagged() {
        // 300 px over 2 inches is 150 dpi: fine; over 3 inches, not.
        assert!(!upscaled(&img(300, 10), 144.0));
        assert!(upscaled(&img(300, 10), 216.0));
    }
}
