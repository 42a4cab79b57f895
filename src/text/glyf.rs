//! Reading TrueType glyph records (`glyf`, ISO/IEC 14496-22 §5.3.3): what
//! a composite glyph is made of, and whether a record is whole. The font
//! check runs it over every glyph of an author's font when the font is
//! loaded, so a damaged record is reported at the font's key in
//! `[style.fonts]`; the subsetter reads the same records to cut the font.

pub const ARG_1_AND_2_ARE_WORDS: u16 = 0x0001;
pub const WE_HAVE_A_SCALE: u16 = 0x0008;
pub const MORE_COMPONENTS: u16 = 0x0020;
pub const WE_HAVE_AN_X_AND_Y_SCALE: u16 = 0x0040;
pub const WE_HAVE_A_TWO_BY_TWO: u16 = 0x0080;
pub const WE_HAVE_INSTRUCTIONS: u16 = 0x0100;

pub fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

/// Bytes after a component's flags and glyph index.
pub fn component_args(flags: u16) -> usize {
    let args = if flags & ARG_1_AND_2_ARE_WORDS != 0 {
        4
    } else {
        2
    };
    let transform = if flags & WE_HAVE_A_SCALE != 0 {
        2
    } else if flags & WE_HAVE_AN_X_AND_Y_SCALE != 0 {
        4
    } else if flags & WE_HAVE_A_TWO_BY_TWO != 0 {
        8
    } else {
        0
    };
    args + transform
}

/// The glyph indices a composite glyph is made of (none for a simple or
/// empty glyph); `Err` when its component records run past its end.
pub fn components(data: &[u8]) -> Result<Vec<u16>, &'static str> {
    let mut out = Vec::new();
    if data.is_empty() || i16::from_be_bytes([data[0], *data.get(1).unwrap_or(&0)]) >= 0 {
        return Ok(out);
    }
    let mut at = 10;
    loop {
        let flags = u16_at(data, at).ok_or("composite glyph")?;
        let gid = u16_at(data, at + 2).ok_or("composite glyph")?;
        let len = component_args(flags);
        data.get(at + 4..at + 4 + len).ok_or("composite glyph")?;
        out.push(gid);
        at += 4 + len;
        if flags & MORE_COMPONENTS == 0 {
            return Ok(out);
        }
    }
}

/// Whether one glyph record is whole: a simple glyph's header, contour
/// ends and instructions inside it; a composite's components inside it and
/// naming glyphs the font has. `Err` names the part that is not.
pub fn check(data: &[u8], glyphs: u16) -> Result<(), &'static str> {
    if data.is_empty() {
        return Ok(());
    }
    let contours = i16::from_be_bytes([data[0], *data.get(1).ok_or("glyph")?]);
    if contours >= 0 {
        let ends = 10 + 2 * contours as usize;
        let ilen = usize::from(u16_at(data, ends).ok_or("glyph")?);
        data.get(ends + 2 + ilen..).ok_or("glyph")?;
        return Ok(());
    }
    data.get(..10).ok_or("glyph")?;
    if components(data)?.iter().any(|&c| c >= glyphs) {
        return Err("composite glyph");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::text::fonts::check_font_bytes;

    #[test]
    fn every_bundled_font_passes_the_glyph_check() {
        let fonts = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts");
        let folders = std::fs::read_dir(fonts).unwrap().map(|e| e.unwrap().path());
        for folder in folders.filter(|p| p.is_dir()) {
            for f in std::fs::read_dir(folder).unwrap() {
                let path = f.unwrap().path();
                if path.extension().is_some_and(|e| e == "ttf") {
                    let bytes = std::fs::read(&path).unwrap();
                    assert_eq!(check_font_bytes(&bytes), Ok(()), "{}", path.display());
                }
            }
        }
    }

    #[test]
    fn a_component_past_the_last_glyph_or_the_record_is_found() {
        // A composite (-1 contours) of one component, glyph 7, no scale.
        let mut g = vec![0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0];
        g.extend_from_slice(&[0, 0, 0, 7, 1, 2]);
        assert_eq!(super::components(&g), Ok(vec![7]));
        assert_eq!(super::check(&g, 8), Ok(()));
        assert_eq!(super::check(&g, 7), Err("composite glyph"));
        g.pop();
        assert_eq!(super::check(&g, 8), Err("composite glyph"));
        // A simple glyph whose instructions run past its end.
        let s = [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 200];
        assert_eq!(super::check(&s, 8), Err("glyph"));
    }
}
