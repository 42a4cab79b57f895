//! Properties of the layout, stated once and tried on generated
//! briefings of one or two pages in every paper size, one or two
//! columns and body sizes from 7 to 14 points:
//!
//! - every glyph run lies inside its page (ascender to descender);
//! - no two glyph runs overlap (their inked extent, cap height to
//!   baseline, trailing spaces left out);
//! - the PDF's text, in the order it is drawn, follows the content's
//!   order: section headings, then recommendations, each section's
//!   opening words after its heading and before the next.
//!
//! `PROPTEST_CASES=200 cargo test --release --test props` tries more.

mod common;

#[path = "../benches/support/gen.rs"]
mod gen;

use briefing::diag::Source;
use briefing::layout::{GlyphRun, Item, Laidout};
use briefing::markup::{self, Block, Document};
use briefing::model;
use briefing::pipeline::{self, Options};
use briefing::text::FontSet;
use proptest::prelude::*;

/// Layout positions are f32: what counts as outside a page, in points.
const TOLERANCE: f32 = 0.5;
/// Glyphs kern into each other's advance (up to about a tenth of an em,
/// "AV", "Te"), also across a style change: how far two runs' advance
/// boxes may overlap, in em of the smaller run.
const KERN_EM: f32 = 0.15;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4)
}

/// A generated briefing with the given style.
fn content(seed: u64, pages: usize, paper: &str, columns: u8, size: f32) -> String {
    let text = gen::briefing(pages, seed);
    let style =
        format!("[style]\npaper = \"{paper}\"\ncolumns = {columns}\nbase_size = {size:.1}\n");
    text.replace("[style]\npaper = \"letter\"\n", &style)
}

/// Left, right, top and bottom.
type Extent = (f32, f32, f32, f32);

/// Left, right, top and bottom of a run's ink (right edge without
/// trailing spaces; top at cap height when `cap`, else at the ascender).
fn extent(run: &GlyphRun, fonts: &FontSet, cap: bool) -> Option<Extent> {
    let face = fonts.get(run.face);
    let scale = run.size / face.units_per_em;
    let mut left = f32::INFINITY;
    let mut right = f32::NEG_INFINITY;
    for g in &run.glyphs {
        if g.text.chars().all(char::is_whitespace) && !g.text.is_empty() {
            continue;
        }
        let adv = face.advance(g.id).map_or(0.0, f32::from);
        left = left.min(run.x + g.x);
        right = right.max(run.x + g.x + adv * scale * run.hscale);
    }
    if !left.is_finite() {
        return None;
    }
    let top = run.y - if cap { face.cap_height } else { face.ascender } * scale;
    let bottom = if cap {
        run.y
    } else {
        run.y - face.descender * scale
    };
    Some((left, right, top, bottom))
}

fn check_geometry(laid: &Laidout, fonts: &FontSet) -> Result<(), TestCaseError> {
    for (p, page) in laid.pages.iter().enumerate() {
        let runs: Vec<&GlyphRun> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(r) => Some(r),
                _ => None,
            })
            .collect();
        let mut boxes: Vec<(Extent, String, f32)> = Vec::with_capacity(runs.len());
        for r in &runs {
            let Some((l, rt, t, b)) = extent(r, fonts, false) else {
                continue;
            };
            prop_assert!(
                l >= -TOLERANCE
                    && rt <= page.width + TOLERANCE
                    && t >= -TOLERANCE
                    && b <= page.height + TOLERANCE,
                "page {}: run {:?} at ({l}, {t})–({rt}, {b}) leaves the {}×{} page",
                p + 1,
                text(r),
                page.width,
                page.height
            );
            boxes.push((extent(r, fonts, true).expect("inked"), text(r), r.size));
        }
        for i in 0..boxes.len() {
            for j in i + 1..boxes.len() {
                let ((l1, r1, t1, b1), s1, z1) = &boxes[i];
                let ((l2, r2, t2, b2), s2, z2) = &boxes[j];
                let w = r1.min(*r2) - l1.max(*l2);
                let h = b1.min(*b2) - t1.max(*t2);
                prop_assert!(
                    w <= TOLERANCE.max(KERN_EM * z1.min(*z2)) || h <= TOLERANCE,
                    "page {}: {s1:?} and {s2:?} overlap by {w}×{h} pt",
                    p + 1
                );
            }
        }
    }
    Ok(())
}

fn text(r: &GlyphRun) -> String {
    r.glyphs.iter().map(|g| g.text.as_str()).collect()
}

/// Text compared for order: no spaces or hyphens (lines break and
/// hyphenate differently from the content's words).
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{AD}')
        .collect()
}

fn first_words(blocks: &[Block], n: usize) -> Option<String> {
    blocks.iter().find_map(|b| match b {
        Block::Para(i) => {
            let t = markup::plain_text(i);
            let w: Vec<&str> = t.split_whitespace().take(n).collect();
            (!w.is_empty()).then(|| w.join(" "))
        }
        _ => None,
    })
}

fn check_order(doc: &Document, drawn: &str) -> Result<(), TestCaseError> {
    let drawn = squeeze(drawn);
    let mut at = 0;
    let find = |what: &str, at: &mut usize| -> Result<usize, TestCaseError> {
        let w = squeeze(what);
        match drawn[*at..].find(&w) {
            Some(i) => {
                *at += i + w.len();
                Ok(*at - w.len())
            }
            None => Err(TestCaseError::fail(format!(
                "{what:?} is not drawn after what precedes it in the content"
            ))),
        }
    };
    for s in &doc.sections {
        find(&markup::plain_text(&s.heading), &mut at)?;
        if let Some(words) = first_words(&s.body, 3) {
            find(&words, &mut at)?;
        }
    }
    for r in &doc.recommendations {
        find(&markup::plain_text(&r.title), &mut at)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        max_shrink_iters: 20,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn layout_keeps_text_inside_pages_apart_and_in_order(
        seed in any::<u64>(),
        pages in 1usize..=2,
        paper in prop::sample::select(vec!["letter", "a4", "legal"]),
        columns in 1u8..=2,
        size in 7.0f32..=14.0,
    ) {
        let text = content(seed, pages, paper, columns, size);
        let source = Source::new("generated.toml", text);
        let b = model::parse(&source).0.expect("generated content is valid");
        let (doc, _) = markup::build(&b, &source);
        let fonts = FontSet::load(&b.style).expect("bundled fonts");
        let out = pipeline::compile(&source, &Options { created: Some(0), ..Options::default() })
            .expect("builds");
        check_geometry(&out.laid, &fonts)?;

        // Order, as a reader of the PDF meets the text.
        let pdf = common::Pdf::load(&out.pdf);
        let drawn: String = (0..pdf.pages.len())
            .flat_map(|p| pdf.frags(p))
            .map(|f| f.text)
            .collect();
        check_order(&doc, &drawn)?;
    }
}
