//! Lining figures: the digits of running text, notes and note markers are
//! the fonts' proportional lining figures (`lnum`, `pnum`), never the
//! old-style figures Vollkorn has by default, whose 1 reads as I.

mod common;

use std::collections::HashMap;

use briefing::diag::Source;
use briefing::layout::Item;
use briefing::text::{FaceId, FontSet};
use common::*;
use harfrust::{Feature, ShaperFont, Tag};

/// The glyph each digit becomes in a face under the given features,
/// shaped here with harfrust directly, not through the crate's shaper.
fn digit_glyphs(fonts: &FontSet, face: FaceId, features: &[&[u8; 4]]) -> HashMap<char, u16> {
    let font = &fonts.get(face).shaping;
    let shaper = ShaperFont::new(font);
    let features: Vec<Feature> = features
        .iter()
        .map(|t| Feature {
            tag: Tag::new(t),
            value: 1,
            start: 0,
            end: u32::MAX,
        })
        .collect();
    let mut buf = harfrust::Buffer::new();
    buf.push_str("0123456789");
    buf.guess_segment_properties();
    let options = harfrust::ShapeOptions::new().features(&features);
    harfrust::shape(&shaper, &mut buf, options).expect("shapes");
    "0123456789"
        .chars()
        .zip(buf.glyph_infos().iter().map(|g| g.glyph_id as u16))
        .collect()
}

#[test]
fn running_text_and_notes_use_lining_figures() {
    let (out, _) = sample();
    let source = Source::new(sample_path(), sample_text());
    let b = briefing::model::parse(&source)
        .0
        .expect("the sample parses");
    let fonts = FontSet::load(&b.style).expect("bundled fonts");
    let mut lining = 0;
    for f in 0..4u8 {
        let face = FaceId(f);
        let lnum = digit_glyphs(&fonts, face, &[b"lnum", b"pnum"]);
        let sups = digit_glyphs(&fonts, face, &[b"sups", b"lnum", b"pnum"]);
        // Note and recommendation numbers are set tabular, lining too.
        let tabular = digit_glyphs(&fonts, face, &[b"tnum", b"lnum"]);
        let default = digit_glyphs(&fonts, face, &[]);
        assert_ne!(lnum, default, "Vollkorn's default figures are old-style");
        for page in &out.laid.pages {
            for item in &page.items {
                let Item::Text(run) = item else { continue };
                if run.face != face {
                    continue;
                }
                for g in &run.glyphs {
                    let mut chars = g.text.as_str().chars();
                    let (Some(c), None) = (chars.next(), chars.next()) else {
                        continue;
                    };
                    if !c.is_ascii_digit() {
                        continue;
                    }
                    assert!(
                        g.id == lnum[&c] || g.id == sups[&c] || g.id == tabular[&c],
                        "digit {c} in face {f} is glyph {}, not the lining {} (old-style is {})",
                        g.id,
                        lnum[&c],
                        default[&c]
                    );
                    lining += usize::from(g.id == lnum[&c]);
                }
            }
        }
    }
    assert!(
        lining > 50,
        "only {lining} lining digits in the sample's serif text"
    );
}
