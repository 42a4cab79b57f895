//! Raster images a briefing names (a section figure's `image`, the
//! publisher's logo): read once here, in the model stage, and decoded to
//! plain data (8-bit sRGB samples and an optional 8-bit alpha plane), so
//! layout only places an [`Image`] and the renderer only writes it.
//! PNG and JPEG, through printpdf's `png` and `jpeg` features (the
//! `image` crate).

use std::path::Path;
use std::sync::Arc;

/// Largest image file read (a print photo at 300 dpi is a few MB).
pub const MAX_IMAGE_BYTES: u64 = 32 << 20;
/// Most pixels an image may have (about 8000 × 5000): bounds the memory a
/// decoded image takes.
pub const MAX_IMAGE_PIXELS: u64 = 40_000_000;

/// A decoded image: what layout places and the renderer embeds.
#[derive(Clone, PartialEq, Eq)]
pub struct Image {
    pub width_px: u32,
    pub height_px: u32,
    /// Samples, 3 bytes a pixel (R, G, B), rows top to bottom: DeviceRGB
    /// under the document's sRGB output intent. Grey images are spread
    /// to three channels.
    pub rgb: Vec<u8>,
    /// One byte a pixel, when the image has transparency (a PNG's alpha
    /// that is not all opaque): the PDF's soft mask.
    pub alpha: Option<Vec<u8>>,
    /// The file's name as the author wrote it ("map.png"), for messages
    /// and exports.
    pub name: String,
    /// The file's bytes as read, for exports that embed the original
    /// (HTML's data URI) and for the build's dependency hash.
    pub file: Arc<Vec<u8>>,
    /// "image/png" or "image/jpeg".
    pub mime: &'static str,
}

impl std::fmt::Debug for Image {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Image({}, {}×{} px{})",
            self.name,
            self.width_px,
            self.height_px,
            if self.alpha.is_some() { ", alpha" } else { "" }
        )
    }
}

impl Image {
    /// Width over height.
    pub fn aspect(&self) -> f32 {
        self.width_px as f32 / self.height_px.max(1) as f32
    }

    /// The resolution the image prints at when set `width_pt` wide, in
    /// pixels per inch.
    pub fn dpi_at(&self, width_pt: f32) -> f32 {
        self.width_px as f32 / (width_pt.max(1e-3) / 72.0)
    }
}

/// Why an image could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFault {
    /// Said after "image file `x` cannot be read: " or "… used: ".
    pub why: String,
    /// Whether the file could not be read at all (else: read, not an
    /// image we can use).
    pub unreadable: bool,
}

/// Reads and decodes the image at `path`; `written` is its name as the
/// author gave it.
pub fn read(path: &Path, written: &str) -> Result<Image, ImageFault> {
    use crate::safe_read::{human_size, read_bounded, ReadFault};
    let bytes = read_bounded(path, MAX_IMAGE_BYTES).map_err(|e| ImageFault {
        why: match e {
            ReadFault::Io(e) if e.kind() == std::io::ErrorKind::NotFound => "no such file".into(),
            ReadFault::TooLarge { limit } => format!(
                "the file is larger than {}, the most an image may be",
                human_size(limit)
            ),
            other => other.to_string(),
        },
        unreadable: true,
    })?;
    decode(bytes, written).map_err(|why| ImageFault {
        why,
        unreadable: false,
    })
}

/// Decodes PNG or JPEG bytes.
pub fn decode(bytes: Vec<u8>, written: &str) -> Result<Image, String> {
    use printpdf::{RawImage, RawImageData, RawImageFormat as F};
    let mime = match bytes.get(..4) {
        Some([0x89, b'P', b'N', b'G']) => "image/png",
        Some([0xFF, 0xD8, 0xFF, _]) => "image/jpeg",
        _ => return Err("it is not a PNG or JPEG file".into()),
    };
    if let Some((w, h)) = png_size(&bytes) {
        if u64::from(w) * u64::from(h) > MAX_IMAGE_PIXELS {
            return Err(format!(
                "it has {w} × {h} pixels; an image may have at most {} million",
                MAX_IMAGE_PIXELS / 1_000_000
            ));
        }
    }
    let mut warnings = Vec::new();
    let raw = RawImage::decode_from_bytes(&bytes, &mut warnings)
        .map_err(|e| format!("it cannot be decoded ({})", e.trim()))?;
    let (w, h) = (raw.width, raw.height);
    if w == 0 || h == 0 || (w as u64) * (h as u64) > MAX_IMAGE_PIXELS {
        return Err(format!("it has {w} × {h} pixels"));
    }
    let samples: Vec<u8> = match raw.pixels {
        RawImageData::U8(v) => v,
        RawImageData::U16(v) => v.into_iter().map(|s| (s >> 8) as u8).collect(),
        RawImageData::F32(v) => v
            .into_iter()
            .map(|s| (s.clamp(0.0, 1.0) * 255.0).round() as u8)
            .collect(),
    };
    // Channels in the order (grey | r g b) then alpha.
    let (channels, grey, has_alpha, bgr) = match raw.data_format {
        F::R8 | F::R16 => (1, true, false, false),
        F::RG8 | F::RG16 => (2, true, true, false),
        F::RGB8 | F::RGB16 | F::RGBF32 => (3, false, false, false),
        F::RGBA8 | F::RGBA16 | F::RGBAF32 => (4, false, true, false),
        F::BGR8 => (3, false, false, true),
        F::BGRA8 => (4, false, true, true),
    };
    if samples.len() < w * h * channels {
        return Err("its pixel data is short".into());
    }
    let mut rgb = Vec::with_capacity(w * h * 3);
    let mut alpha = has_alpha.then(|| Vec::with_capacity(w * h));
    for px in samples.chunks_exact(channels).take(w * h) {
        if grey {
            rgb.extend_from_slice(&[px[0], px[0], px[0]]);
        } else if bgr {
            rgb.extend_from_slice(&[px[2], px[1], px[0]]);
        } else {
            rgb.extend_from_slice(&px[..3]);
        }
        if let Some(a) = alpha.as_mut() {
            a.push(px[channels - 1]);
        }
    }
    // An alpha channel that is opaque everywhere is no transparency.
    if alpha.as_ref().is_some_and(|a| a.iter().all(|&x| x == 255)) {
        alpha = None;
    }
    Ok(Image {
        width_px: w as u32,
        height_px: h as u32,
        rgb,
        alpha,
        name: written.to_string(),
        file: Arc::new(bytes),
        mime,
    })
}

/// A PNG's size from its header, before decoding it.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let be = |r: std::ops::Range<usize>| -> Option<u32> {
        Some(u32::from_be_bytes(bytes.get(r)?.try_into().ok()?))
    };
    Some((be(16..20)?, be(20..24)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_an_image() {
        assert!(decode(b"GIF89a....".to_vec(), "x.gif").is_err());
        assert!(decode(Vec::new(), "x.png").is_err());
    }
}
