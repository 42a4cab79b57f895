//! Peak memory after each stage of one build (VmHWM from /proc), to see
//! which stage sets the peak. Linux only.
//!
//! `cargo run --release --example stage_memory -- file.toml`

use briefing::diag::Source;
use briefing::render::Metadata;
use briefing::text::{FontSet, Shaper};
use briefing::{layout, markup, model, render};

fn status(what: &str) {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let get = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    println!(
        "{what:<10} now {:>7.1} MB  peak {:>7.1} MB",
        get("VmRSS:") as f64 / 1024.0,
        get("VmHWM:") as f64 / 1024.0
    );
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: stage_memory FILE.toml");
    let text = std::fs::read_to_string(&path).expect("readable");
    status("start");
    let source = Source::new(&path, text);
    let b = model::parse(&source).0.expect("valid");
    status("parse");
    let (doc, _) = markup::build(&b, &source);
    status("markup");
    let fonts = FontSet::load(&b.style).expect("fonts");
    let shaper = Shaper::new(&fonts);
    let laid = layout::layout(&doc, &b.style, b.language, &shaper).expect("fits");
    status("layout");
    let (mut runs, mut glyphs, mut text_heap) = (0usize, 0usize, 0usize);
    for page in &laid.pages {
        for it in &page.items {
            if let layout::Item::Text(r) = it {
                runs += 1;
                glyphs += r.glyphs.len();
                text_heap += r
                    .glyphs
                    .iter()
                    .filter(|g| g.text.len() > layout::GlyphText::INLINE)
                    .map(|g| g.text.len())
                    .sum::<usize>();
            }
        }
    }
    println!(
        "{} pages, {runs} glyph runs, {glyphs} glyphs ({} bytes each + {:.1} MB of text)",
        laid.pages.len(),
        std::mem::size_of::<layout::PlacedGlyph>(),
        text_heap as f64 / 1048576.0
    );
    let meta = Metadata {
        title: "t".into(),
        authors: Vec::new(),
        subject: String::new(),
        keywords: vec![],
        creator: "c".into(),
        created: 0,
        lang: "en-US".into(),
        rights: None,
        content_id: [0; 16],
    };
    let pdf = render::render(&laid, &fonts, &meta).expect("renders");
    status("render");
    println!("{} bytes", pdf.len());
}
