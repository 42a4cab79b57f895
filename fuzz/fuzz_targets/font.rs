//! Font loading: any bytes given as the author's body font are refused by
//! validation (as `check_font_bytes` does) or set, shaped, subset and
//! written without a panic.
//!
//! Author fonts are kept for the life of the process (faces borrow their
//! bytes), so memory grows with the number of distinct inputs: bound runs
//! with `-runs=` or `-max_total_time=`, or raise `-rss_limit_mb=`.
//! Seed the corpus with the bundled fonts: `mkdir -p corpus/font &&
//! cp ../fonts/*/*.ttf corpus/font/`.

#![no_main]

use std::path::PathBuf;
use std::sync::Arc;

use briefing::diag::Source;
use briefing::model::{FontFamilyFiles, FontFile};
use briefing::render::Metadata;
use briefing::text::fonts::check_font_bytes;
use briefing::text::{FontSet, Shaper};
use briefing::{layout, markup, model, render};
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "title = \"Fonts\"\n[summary]\ntext = \"\"\"\n\
Quick *brown* fox, **jumps** over the lazy dog: “fine” — ﬁ ﬂ 0123456789 % $ € ½.\n\n\
- Admin­istration, efficiency[^a].\n\"\"\"\n[notes]\na = \"A note.\"\n";

fuzz_target!(|data: &[u8]| {
    if check_font_bytes(data).is_err() {
        return;
    }
    let source = Source::new("fuzz.toml", TEXT);
    let Some(mut b) = model::parse(&source).0 else {
        panic!("the fixed text is valid");
    };
    b.style.body_font = Some(FontFamilyFiles {
        regular: FontFile {
            path: PathBuf::from("fuzz.ttf"),
            bytes: Arc::new(data.to_vec()),
        },
        bold: None,
        italic: None,
        bold_italic: None,
    });
    let (doc, _) = markup::build(&b, &source);
    let Ok(fonts) = FontSet::load(&b.style) else {
        return;
    };
    let shaper = Shaper::new(&fonts);
    let Ok(laid) = layout::layout(&doc, &b.style, b.language, &shaper) else {
        return;
    };
    let meta = Metadata {
        title: "Fonts".into(),
        authors: Vec::new(),
        subject: String::new(),
        keywords: Vec::new(),
        creator: "fuzz".into(),
        created: 0,
        lang: "en-US".into(),
        rights: None,
        content_id: [0; 16],
    };
    if let Ok(pdf) = render::render(&laid, &fonts, &meta) {
        assert!(pdf.starts_with(b"%PDF-"));
    }
});
