//! Benchmarks of the whole pipeline and of each stage, on the sample and on
//! generated briefings of about 10, 100 and 1,000 pages.
//!
//! `cargo bench` runs them all (a few minutes); `cargo bench -- sample`
//! or `cargo bench -- compile` picks some. Whole-process timings and peak
//! memory are `scripts/bench.sh`'s job.
//!
//! Stages, in pipeline order (see `pipeline::compile`):
//! - `parse`: TOML text to a checked briefing (`model::parse`)
//! - `markup`: markdown to styled runs, notes numbered (`markup::build`)
//! - `fonts`: loading the font set (`FontSet::load`)
//! - `shape`: every word of the content shaped, cold caches
//! - `hyphenate`: every word hyphenated, cold caches
//! - `layout_cold`: shaping, line breaking and pagination from nothing
//! - `layout_warm`: line breaking and pagination, words already shaped
//!   (what the page-budget search and a rebuild in watch mode pay)
//! - `write`: laid-out pages to PDF bytes (`render::render`)
//! - `compile`: all of it (`pipeline::compile`), cold caches
//! - `rebuild`: all of it again in the same process, as watch mode and
//!   the page-budget search do (shaped words and hyphenation cached)
//! - `section_figures`: all of it for a briefing of 25, 50 and 100
//!   section figures (charts of every kind, two series of 12 points, and
//!   every tenth an image): the time should grow in proportion
//! - `diagnostics`: finding and rendering every error of a file with
//!   2,000 and 20,000 of them: the time per error should stay flat

use std::sync::OnceLock;

use briefing::diag::Source;
use briefing::layout::{self, Laidout};
use briefing::markup::{self, Document};
use briefing::model::{self, Briefing};
use briefing::pipeline::{self, Options};
use briefing::render::{self, Metadata};
use briefing::text::{hyphenate, shape, FaceId, Features, FontSet, Shaper};
use divan::Bencher;

#[path = "support/gen.rs"]
mod gen;

fn main() {
    divan::main();
}

/// The inputs: the sample and generated briefings.
const SIZES: &[&str] = &["sample", "10", "100", "1000"];

fn source(which: &str) -> &'static Source {
    static SOURCES: OnceLock<Vec<(String, Source)>> = OnceLock::new();
    let all = SOURCES.get_or_init(|| {
        SIZES
            .iter()
            .map(|&w| {
                let text = match w {
                    "sample" => include_str!("../briefing.toml").to_string(),
                    n => gen::briefing(n.parse().expect("a page count"), 1),
                };
                (w.to_string(), Source::new(format!("{w}.toml"), text))
            })
            .collect()
    });
    &all.iter()
        .find(|(w, _)| w == which)
        .expect("a known input")
        .1
}

fn opts() -> Options {
    Options {
        created: Some(997_660_800),
        ..Options::default()
    }
}

fn cold() {
    shape::clear_cache();
    hyphenate::clear_cache();
}

fn parsed(which: &str) -> Briefing {
    model::parse(source(which)).0.expect("the input is valid")
}

fn marked(which: &str) -> (Briefing, Document) {
    let b = parsed(which);
    let (doc, _) = markup::build(&b, source(which));
    (b, doc)
}

/// Every word of the document's text, once, with the face it is set in
/// most often (the body face), for the shaping and hyphenation stages.
fn words(doc: &Document) -> Vec<String> {
    let mut text = String::new();
    for s in &doc.sections {
        for b in &s.body {
            if let markup::Block::Para(i) = b {
                text.push_str(&markup::plain_text(i));
                text.push(' ');
            }
        }
    }
    for b in &doc.summary {
        if let markup::Block::Para(i) = b {
            text.push_str(&markup::plain_text(i));
            text.push(' ');
        }
    }
    let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    words.sort();
    words.dedup();
    words
}

fn meta() -> Metadata {
    Metadata {
        title: "Benchmark".into(),
        authors: vec!["Bench".into()],
        subject: String::new(),
        keywords: vec![],
        creator: pipeline::creator(),
        created: 997_660_800,
        lang: "en-US".into(),
        rights: None,
        content_id: [7; 16],
    }
}

#[divan::bench(args = SIZES, max_time = 5)]
fn parse(bencher: Bencher, which: &str) {
    let src = source(which);
    bencher.bench_local(|| model::parse(src));
}

#[divan::bench(args = SIZES, max_time = 5)]
fn markup(bencher: Bencher, which: &str) {
    let b = parsed(which);
    let src = source(which);
    bencher.bench_local(|| markup::build(&b, src));
}

#[divan::bench(max_time = 3)]
fn fonts(bencher: Bencher) {
    let b = parsed("sample");
    bencher.bench_local(|| FontSet::load(&b.style).expect("bundled fonts load"));
}

#[divan::bench(args = SIZES, max_time = 5)]
fn shape(bencher: Bencher, which: &str) {
    let (b, doc) = marked(which);
    let fonts = FontSet::load(&b.style).expect("fonts");
    let words = words(&doc);
    bencher.counter(words.len()).bench_local(|| {
        cold();
        let shaper = Shaper::new(&fonts);
        for w in &words {
            divan::black_box(shaper.shape(FaceId(0), Features::Text, w));
        }
    });
}

#[divan::bench(args = SIZES, max_time = 5)]
fn hyphenate(bencher: Bencher, which: &str) {
    let (b, doc) = marked(which);
    let words = words(&doc);
    bencher.counter(words.len()).bench_local(|| {
        cold();
        for w in &words {
            let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
            divan::black_box(hyphenate::breaks(&letters, b.language));
        }
    });
}

#[divan::bench(args = SIZES, max_time = 10)]
fn layout_cold(bencher: Bencher, which: &str) {
    let (b, doc) = marked(which);
    let fonts = FontSet::load(&b.style).expect("fonts");
    bencher.bench_local(|| {
        cold();
        let shaper = Shaper::new(&fonts);
        layout::layout(&doc, &b.style, b.language, &shaper).expect("fits")
    });
}

#[divan::bench(args = SIZES, max_time = 10)]
fn layout_warm(bencher: Bencher, which: &str) {
    let (b, doc) = marked(which);
    let fonts = FontSet::load(&b.style).expect("fonts");
    let shaper = Shaper::new(&fonts);
    let _ = layout::layout(&doc, &b.style, b.language, &shaper);
    bencher.bench_local(|| layout::layout(&doc, &b.style, b.language, &shaper).expect("fits"));
}

fn laid(which: &str, fonts: &FontSet) -> Laidout {
    let (b, doc) = marked(which);
    let shaper = Shaper::new(fonts);
    layout::layout(&doc, &b.style, b.language, &shaper).expect("fits")
}

#[divan::bench(args = SIZES, max_time = 10)]
fn write(bencher: Bencher, which: &str) {
    let b = parsed(which);
    let fonts = FontSet::load(&b.style).expect("fonts");
    let laid = laid(which, &fonts);
    let meta = meta();
    bencher
        .counter(laid.pages.len())
        .bench_local(|| render::render(&laid, &fonts, &meta).expect("renders"));
}

#[divan::bench(args = SIZES, max_time = 10)]
fn compile(bencher: Bencher, which: &str) {
    let src = source(which);
    let opts = opts();
    bencher.bench_local(|| {
        cold();
        pipeline::compile(src, &opts).expect("builds")
    });
}

#[divan::bench(args = SIZES, max_time = 10)]
fn rebuild(bencher: Bencher, which: &str) {
    let src = source(which);
    let opts = opts();
    let _ = pipeline::compile(src, &opts);
    bencher.bench_local(|| pipeline::compile(src, &opts).expect("builds"));
}

/// A briefing of one section holding a pipe table of `rows` rows (a label
/// column, two number columns, a text column).
fn table_source(rows: usize) -> Source {
    let mut t = String::from(
        "title = \"A long table\"\n[summary]\ntext = \"A summary.\"\n[[sections]]\nheading = \"Data\"\ntext = \"\"\"\n| Region | Value | Count | Remark |\n|---|---|---|---|\n",
    );
    for i in 1..=rows {
        t.push_str(&format!(
            "| Region {i} | {}.{} | {} | a remark on row {i} |\n",
            i * 37 % 1000,
            i % 10,
            i * 13 % 500
        ));
    }
    t.push_str("\nTable: Values by region\n\"\"\"\n");
    Source::new(format!("table-{rows}.toml"), t)
}

/// Tables of 250, 1,000 and 4,000 rows built whole: the time per row
/// should stay flat (the rows break between pages in linear time).
#[divan::bench(args = [250, 1000, 4000], max_time = 10)]
fn table_rows(bencher: Bencher, rows: usize) {
    let src = table_source(rows);
    let opts = opts();
    let _ = pipeline::compile(&src, &opts).expect("builds");
    bencher
        .counter(divan::counter::ItemsCount::new(rows))
        .bench_local(|| pipeline::compile(&src, &opts).expect("builds"));
}
/// Section figure counts for `section_figures`.
const FIGURE_COUNTS: &[usize] = &[25, 50, 100];

/// A briefing of `n` sections, each a paragraph and a figure: the four
/// chart kinds in turn with two series of 12 points, and every tenth
/// figure a 600 × 300 PNG (written once to the temporary folder, beside
/// the content file it is relative to).
fn with_figures(n: usize) -> Source {
    let dir = std::env::temp_dir().join("briefing-bench-figures");
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let file = dir.join("figure.png");
    if !file.exists() {
        std::fs::write(&file, png(600, 300)).expect("the bench image");
    }
    let mut t = String::from("title = \"Section figures\"\n[summary]\ntext = \"Many exhibits.\"\n");
    let kinds = ["bar", "line", "stacked-bar", "hbar"];
    for i in 0..n {
        t.push_str(&format!(
            "\n[[sections]]\nheading = \"Section {i}\"\ntext = \"A paragraph before figure {i}, long enough to wrap once or twice across the column of a briefing.\"\n[[sections.figures]]\ntitle = \"Exhibit {i}\"\nsource = \"Generated.\"\n"
        ));
        if i % 10 == 9 {
            t.push_str("image = \"figure.png\"\nalt = \"A generated picture.\"\n");
            continue;
        }
        let labels: Vec<String> = (0..12).map(|m| format!("\"M{m}\"")).collect();
        let a: Vec<String> = (0..12)
            .map(|m| format!("{}.5", 10 + (m * 7 + i) % 30))
            .collect();
        let b: Vec<String> = (0..12)
            .map(|m| format!("{}.0", 5 + (m * 3 + i) % 20))
            .collect();
        t.push_str(&format!(
            "[sections.figures.chart]\nkind = \"{}\"\nlabels = [{}]\nunit = \"%\"\nseries = [{{ name = \"First\", values = [{}] }}, {{ name = \"Second\", values = [{}] }}]\n",
            kinds[i % 4],
            labels.join(", "),
            a.join(", "),
            b.join(", ")
        ));
    }
    Source::new(dir.join(format!("figures-{n}.toml")), t)
}

#[divan::bench(args = FIGURE_COUNTS, max_time = 10)]
fn section_figures(bencher: Bencher, n: usize) {
    let src = with_figures(n);
    let opts = opts();
    bencher
        .counter(n)
        .bench_local(|| pipeline::compile(&src, &opts).expect("builds"));
}

/// An opaque RGB PNG `w` × `h` of a smooth gradient (for the section
/// figures benchmark), deflated with libdeflater.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let mut raw = Vec::with_capacity(((w * 3 + 1) * h) as usize);
    for y in 0..h {
        raw.push(0);
        for x in 0..w {
            raw.extend_from_slice(&[(x * 255 / w) as u8, (y * 255 / h) as u8, 128]);
        }
    }
    let mut z = libdeflater::Compressor::new(libdeflater::CompressionLvl::default());
    let mut packed = vec![0; z.zlib_compress_bound(raw.len())];
    let n = z.zlib_compress(&raw, &mut packed).expect("deflate");
    packed.truncate(n);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    for (kind, data) in [
        (&b"IHDR"[..], &ihdr[..]),
        (b"IDAT", &packed),
        (b"IEND", &[]),
    ] {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = libdeflater::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    out
}
/// A 100-page briefing with about one word in twenty changed: every
/// twentieth plain lowercase word of its prose replaced.
fn edited(text: &str) -> String {
    let mut n = 0;
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let prose = !line.contains('=') && !line.starts_with('[') && !line.starts_with('#');
        if !prose {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let words: Vec<String> = line
            .split(' ')
            .map(|w| {
                let plain = !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase());
                if plain {
                    n += 1;
                    if n % 20 == 0 {
                        return "revised".to_string();
                    }
                }
                w.to_string()
            })
            .collect();
        out.push_str(&words.join(" "));
        out.push('\n');
    }
    out
}

/// `briefing diff` of two 100-page briefings, 5% of words changed: the
/// issue asks for it within twice `compile` of one of them (`compile` with
/// argument 100 above).
#[divan::bench(max_time = 20)]
fn redline(bencher: Bencher) {
    let new = source("100");
    let old = Source::new("old.toml", edited(&new.text));
    let opts = opts();
    bencher.bench_local(|| {
        cold();
        pipeline::compile_redline(&old, new, &opts).expect("builds")
    });
}

/// A briefing with `n` undefined note references, one a line, and `n`
/// unknown keys: `n` × 2 errors.
fn with_errors(n: usize) -> Source {
    let keys: String = (0..n).map(|i| format!("k{i} = 1\n")).collect();
    let refs: String = (0..n).map(|i| format!("Use {i} [^nope].\n\n")).collect();
    Source::new(
        "errors.toml",
        format!("{keys}title = \"T\"\n[summary]\ntext = '''\n{refs}'''\n"),
    )
}

/// Finding and rendering (rustc style, as people get them) every
/// diagnostic of a file with 2,000 and 20,000 of them: the time per
/// diagnostic should stay flat (each is rendered from the lines it shows,
/// not from the whole file).
#[divan::bench(args = [1_000, 10_000], max_time = 5)]
fn diagnostics(bencher: Bencher, n: usize) {
    let src = with_errors(n);
    let opts = opts();
    bencher.counter(2 * n).bench_local(|| {
        let diags = pipeline::diagnose(&src, &opts);
        assert_eq!(diags.items.len(), 2 * n);
        diags
            .items
            .iter()
            .map(|d| {
                briefing::diag::Located {
                    diag: d,
                    source: &src,
                    color: false,
                }
                .to_string()
                .len()
            })
            .sum::<usize>()
    });
}
