//! Hostile and broken input: whatever the content file holds, a build
//! ends with a PDF or with located errors, never a panic (exit 101), an
//! abort or a hang.
//!
//! - `mutations_of_the_sample_never_panic`: random mutations of the sample
//!   (byte flips, deleted and duplicated lines, duplicated tables, huge
//!   numbers, deep nesting, truncation) through the whole path, TOML text
//!   to PDF bytes. `PROPTEST_CASES=2000 cargo test --release --test
//!   hostile` runs a long campaign; the default is small enough for a
//!   debug `cargo test`.
//! - one test per known hazard: huge numbers, a 10 MB field, 10,000 list
//!   items, deeply nested markdown, a word longer than any line, a corrupt
//!   or truncated font, a file that is not UTF-8.
//!
//! `fuzz/` holds the cargo-fuzz targets for the same path.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use briefing::diag::{Diagnostics, Source};
use briefing::pipeline::{self, Options, Output};
use proptest::prelude::*;

const SAMPLE: &str = include_str!("../briefing.toml");

/// A debug build on a loaded 2-core machine is ~20 times slower than a
/// release build: this bounds "no hang" without making the test flaky.
const SLOW: Duration = Duration::from_secs(60);

fn opts() -> Options {
    Options {
        created: Some(997_660_800),
        ..Options::default()
    }
}

fn compile(text: &str) -> Result<Output, Diagnostics> {
    pipeline::compile(&Source::new("hostile.toml", text), &opts())
}

/// A build either gives a complete PDF or fails with at least one error,
/// every error located inside the file.
fn check_outcome(text: &str, result: &Result<Output, Diagnostics>) {
    match result {
        Ok(out) => {
            assert!(out.pdf.starts_with(b"%PDF-"), "not a PDF");
            let end = out.pdf.trim_ascii_end();
            assert!(end.ends_with(b"%%EOF"), "truncated PDF");
            assert!(out.pages >= 1);
        }
        Err(d) => {
            assert!(
                d.has_errors(),
                "a failed build with no error: {:?}",
                d.items
            );
            for e in d.items.iter().filter(|e| e.is_error()) {
                if let Some(span) = &e.span {
                    assert!(
                        span.start <= text.len() && span.end <= text.len(),
                        "{} points outside the file: {span:?}",
                        e.code
                    );
                }
            }
        }
    }
}

/// The codes of a failed build's errors.
fn errors(result: &Result<Output, Diagnostics>) -> Vec<&'static str> {
    match result {
        Ok(_) => Vec::new(),
        Err(d) => d
            .items
            .iter()
            .filter(|e| e.is_error())
            .map(|e| e.code)
            .collect(),
    }
}

/// A small valid briefing with `extra` appended.
fn tiny(extra: &str) -> String {
    format!("title = \"Hostile\"\n[summary]\ntext = \"A short summary.\"\n{extra}")
}

/// A briefing whose summary is `markdown`.
fn with_summary(markdown: &str) -> String {
    format!("title = \"Hostile\"\n[summary]\ntext = '''\n{markdown}\n'''\n")
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    assert!(t.elapsed() < SLOW, "{what} took {:?}", t.elapsed());
    out
}

// ---------------------------------------------------------------------------
// Random mutations of the sample.

#[derive(Debug, Clone)]
enum Mutation {
    FlipBit(prop::sample::Index, u8),
    DeleteLine(prop::sample::Index),
    DuplicateLine(prop::sample::Index),
    /// Copies the `[[…]]` table around a place to the end of the file.
    DuplicateTable(prop::sample::Index),
    /// Replaces the number nearest a place with a hostile one.
    HugeNumber(prop::sample::Index, prop::sample::Index),
    Insert(prop::sample::Index, prop::sample::Index),
    Truncate(prop::sample::Index),
}

const NUMBERS: &[&str] = &[
    "1e308",
    "-1e308",
    "9223372036854775807",
    "-9223372036854775808",
    "nan",
    "inf",
    "-inf",
    "0",
    "-1",
    "1000000000",
    "0.0000001",
];

const SNIPPETS: &[&str] = &[
    "\n[[sections]]\nheading = \"x\"\ntext = \"y\"\n",
    "\n[style]\nbase_size = 1e308\n",
    "\n[style]\nmax_pages = 1000000000\n",
    "\n[style]\ncolumns = 99999\n",
    "[^missing]",
    "[^",
    "**",
    "> > > > quoted\n",
    "- - - - - - - - - - - - deep\n",
    "\"\"\"",
    "\u{0}",
    "\u{202E}",
    "\u{1F600}",
    "\\u0000",
    "<https://example.org/",
    "[x](javascript:alert(1))",
    "\n= broken\n",
    "\n[[figures]]\nvalue = \"1\"\nlabel = \"l\"\n[figures.chart]\nkind = \"bar\"\nlabels = [\"a\", \"b\"]\nvalues = [1e308, -1e308]\n",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<prop::sample::Index>(), 0u8..8).prop_map(|(i, b)| Mutation::FlipBit(i, b)),
        any::<prop::sample::Index>().prop_map(Mutation::DeleteLine),
        any::<prop::sample::Index>().prop_map(Mutation::DuplicateLine),
        any::<prop::sample::Index>().prop_map(Mutation::DuplicateTable),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>())
            .prop_map(|(a, b)| Mutation::HugeNumber(a, b)),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>())
            .prop_map(|(a, b)| Mutation::Insert(a, b)),
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    let lines = |b: &[u8]| -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, &c) in b.iter().enumerate() {
            if c == b'\n' {
                out.push((start, i + 1));
                start = i + 1;
            }
        }
        if start < b.len() {
            out.push((start, b.len()));
        }
        out
    };
    match m {
        Mutation::FlipBit(i, bit) => {
            let at = i.index(bytes.len());
            bytes[at] ^= 1 << bit;
        }
        Mutation::DeleteLine(i) => {
            let ls = lines(bytes);
            let (a, b) = ls[i.index(ls.len())];
            bytes.drain(a..b);
        }
        Mutation::DuplicateLine(i) => {
            let ls = lines(bytes);
            let (a, b) = ls[i.index(ls.len())];
            let line = bytes[a..b].to_vec();
            bytes.splice(b..b, line);
        }
        Mutation::DuplicateTable(i) => {
            let at = i.index(bytes.len());
            let start = bytes[..at]
                .windows(3)
                .rposition(|w| w == b"\n[[")
                .map_or(0, |p| p + 1);
            let end = bytes[at..]
                .windows(2)
                .position(|w| w == b"\n[")
                .map_or(bytes.len(), |p| at + p + 1);
            let table = bytes[start..end].to_vec();
            bytes.push(b'\n');
            bytes.extend(table);
        }
        Mutation::HugeNumber(i, n) => {
            let at = i.index(bytes.len());
            let Some(d) = (at..bytes.len())
                .chain(0..at)
                .find(|&p| bytes[p].is_ascii_digit())
            else {
                return;
            };
            let mut end = d;
            while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'.') {
                end += 1;
            }
            let mut start = d;
            while start > 0 && (bytes[start - 1].is_ascii_digit() || bytes[start - 1] == b'.') {
                start -= 1;
            }
            let with = NUMBERS[n.index(NUMBERS.len())].as_bytes().to_vec();
            bytes.splice(start..end, with);
        }
        Mutation::Insert(i, s) => {
            let at = i.index(bytes.len());
            let with = SNIPPETS[s.index(SNIPPETS.len())].as_bytes().to_vec();
            bytes.splice(at..at, with);
        }
        Mutation::Truncate(i) => {
            let at = i.index(bytes.len());
            bytes.truncate(at.max(1));
        }
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        max_shrink_iters: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutations_of_the_sample_never_panic(mutations in prop::collection::vec(mutation(), 1..4)) {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        // The library takes text; bytes that are not UTF-8 are the
        // command line's to refuse (see `a_file_that_is_not_utf8`).
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let result = timed("a mutated sample", || compile(&text));
        check_outcome(&text, &result);
    }
}

// ---------------------------------------------------------------------------
// Known hazards, one by one.

#[test]
fn base_size_1e308_is_a_located_error() {
    let text = tiny("[style]\nbase_size = 1e308\n");
    let r = compile(&text);
    check_outcome(&text, &r);
    let Err(d) = &r else { panic!("built") };
    let e = d.items.iter().find(|e| e.code == "E0012").expect("E0012");
    let span = e.span.clone().expect("located");
    assert_eq!(&text[span], "1e308");
    assert!(e.message.len() < 120, "unreadable message: {}", e.message);
}

#[test]
fn max_pages_of_a_billion_is_a_located_error() {
    let text = tiny("[style]\nmax_pages = 1000000000\n");
    let r = compile(&text);
    check_outcome(&text, &r);
    assert!(errors(&r).contains(&"E0016"), "{:?}", errors(&r));
    let r = compile(&tiny("[style]\nmax_pages = 9223372036854775807\n"));
    assert!(errors(&r).contains(&"E0016"), "{:?}", errors(&r));
}

#[test]
fn a_10_mb_field_is_refused_at_once() {
    let text = with_summary(&"word ".repeat(2 << 20));
    let r = timed("a 10 MB field", || compile(&text));
    check_outcome(&text, &r);
    assert_eq!(errors(&r), ["E0022"]);
}

#[test]
fn ten_thousand_list_items_build() {
    let items: String = (0..10_000).map(|i| format!("- item {i}\n")).collect();
    let text = with_summary(&items);
    let r = timed("10,000 list items", || compile(&text));
    check_outcome(&text, &r);
    assert!(r.is_ok(), "{:?}", errors(&r));
}

#[test]
fn deeply_nested_lists_are_flattened_with_one_warning() {
    for md in [
        "- ".repeat(5000) + "deep",
        (0..1000)
            .map(|i| format!("{}- level\n", "  ".repeat(i)))
            .collect(),
    ] {
        let text = with_summary(&md);
        let r = timed("nested lists", || compile(&text));
        check_outcome(&text, &r);
        let out = r.expect("deep lists still build");
        let warnings = out
            .diagnostics
            .items
            .iter()
            .filter(|d| d.code == "W0005")
            .count();
        assert!((1..=3).contains(&warnings), "{warnings} W0005 warnings");
    }
}

#[test]
fn deeply_nested_markdown_is_an_error_or_text() {
    for md in [
        ">".repeat(5000) + " quoted",
        "*".repeat(5000) + "x" + &"*".repeat(5000),
        "[".repeat(5000) + "x" + &"]".repeat(5000),
        "[^".repeat(5000),
        "`".repeat(5000),
        "<".repeat(5000),
    ] {
        let text = with_summary(&md);
        let r = timed("nested markdown", || compile(&text));
        check_outcome(&text, &r);
    }
}

#[test]
fn a_word_longer_than_any_line_is_a_located_error() {
    let word = "administration".repeat(300);
    let text = with_summary(&format!("Before {word} after."));
    let r = timed("a 4,200-letter word", || compile(&text));
    check_outcome(&text, &r);
    let Err(d) = &r else { panic!("built") };
    let e = d.items.iter().find(|e| e.code == "E0018").expect("E0018");
    assert_eq!(&text[e.span.clone().expect("located")], word);
    // A long web address is still fine.
    let url = format!("https://example.org/{}", "segment/".repeat(100));
    let r = compile(&with_summary(&format!("See <{url}>.")));
    assert!(r.is_ok(), "{:?}", errors(&r));
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// A briefing at `dir/b.toml` with `fonts` as its body font.
fn with_font(dir: &Path, font: &[u8]) -> Result<Output, Diagnostics> {
    std::fs::write(dir.join("f.ttf"), font).expect("font written");
    let text = tiny("[style]\nfonts = { body = \"f.ttf\" }\n");
    pipeline::compile(&Source::new(dir.join("b.toml"), text), &opts())
}

#[test]
fn corrupt_and_truncated_fonts_are_located_errors() {
    let dir = scratch("fonts");
    let good = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/serif/Vollkorn-Regular.ttf"),
    )
    .expect("bundled font");
    let mut cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"not a font at all".to_vec(),
        good[..12].to_vec(),
        good[..good.len() / 2].to_vec(),
        good[..good.len() - 1].to_vec(),
    ];
    // Damage the glyph index (loca), then the table directory.
    let face = read_fonts::FontRef::new(&good).expect("parses");
    let loca = face.table_data(read_fonts::types::Tag::new(b"loca"));
    let offset = loca.map(|l| l.as_bytes().as_ptr() as usize - good.as_ptr() as usize);
    if let Some(off) = offset {
        let mut bad = good.clone();
        for b in &mut bad[off + 40..off + 80] {
            *b = 0xFF;
        }
        cases.push(bad);
    }
    let mut bad = good.clone();
    for b in &mut bad[12..200] {
        *b ^= 0x5A;
    }
    cases.push(bad);
    for (i, font) in cases.iter().enumerate() {
        let r = timed("a broken font", || with_font(&dir, font));
        match &r {
            Ok(_) => {} // the damage missed anything the build reads
            Err(d) => {
                let e = d.items.iter().find(|e| e.is_error()).expect("an error");
                assert_eq!(e.code, "E0014", "case {i}: {e:?}");
                assert!(e.span.is_some(), "case {i}: E0014 without a place");
            }
        }
    }
    // Random damage anywhere: never a panic.
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    for _ in 0..8 {
        let mut bad = good.clone();
        for _ in 0..64 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let at = (rng % bad.len() as u64) as usize;
            bad[at] = (rng >> 32) as u8;
        }
        let _ = timed("a damaged font", || with_font(&dir, &bad));
    }
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "997660800")
        .output()
        .expect("the binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_file_that_is_not_utf8_is_a_located_error() {
    let dir = scratch("utf8");
    let mut bytes = SAMPLE.as_bytes().to_vec();
    let at = SAMPLE.find("Peru stands").expect("sample text");
    bytes[at] = 0xFF;
    std::fs::write(dir.join("b.toml"), &bytes).expect("written");
    std::fs::write(
        dir.join("latin1.toml"),
        b"title = \"Caf\xe9\"\n[summary]\ntext = \"x\"\n",
    )
    .expect("written");
    for f in ["b.toml", "latin1.toml"] {
        let (code, stderr) = run(&dir, &["build", f]);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains("UTF-8"), "{stderr}");
        assert!(stderr.contains(&format!("{f}:")), "not located: {stderr}");
    }
    assert!(!dir.join("b.pdf").exists());
}

#[test]
fn hostile_files_through_the_binary_never_exit_101() {
    let dir = scratch("binary");
    let files: Vec<(&str, String)> = vec![
        (
            "huge.toml",
            tiny("[style]\nbase_size = 1e308\nmax_pages = 1000000000\n"),
        ),
        ("nest.toml", with_summary(&("- ".repeat(5000) + "x"))),
        ("word.toml", with_summary(&"x".repeat(50_000))),
        ("empty.toml", String::new()),
        ("nul.toml", "\u{0}".repeat(100)),
    ];
    for (name, text) in &files {
        std::fs::write(dir.join(name), text).expect("written");
        let t = Instant::now();
        let (code, stderr) = run(&dir, &["build", name]);
        assert!(t.elapsed() < SLOW, "{name} took {:?}", t.elapsed());
        assert!(
            matches!(code, Some(0) | Some(1)),
            "{name}: exit {code:?}\n{stderr}"
        );
    }
}

#[test]
fn a_link_target_is_no_word_however_long() {
    // Signed URLs run to thousands of characters; the target never prints.
    let url = format!("https://example.org/report.pdf?sig={}", "Ab9".repeat(500));
    let text = with_summary(&format!("See [the report]({url}) for details."));
    let r = compile(&text);
    assert!(r.is_ok(), "{:?}", errors(&r));
    // The same characters as printed text are still one word too many.
    let text = with_summary(&format!("See {url} for details."));
    assert_eq!(errors(&compile(&text)), ["E0018"]);
}

#[test]
fn text_longer_than_its_place_is_a_located_error() {
    let long = |n: usize| "Word ".repeat(n / 5).trim_end().to_string();
    let cases = [
        (
            "title",
            format!(
                "title = \"{}\"\n[summary]\ntext = \"Short.\"\n",
                long(50_000)
            ),
        ),
        (
            "marking",
            format!(
                "title = \"T\"\nmarking = \"{}\"\n[summary]\ntext = \"Short.\"\n",
                long(1_000)
            ),
        ),
        (
            "sections.heading",
            tiny(&format!(
                "[[sections]]\nheading = \"{}\"\ntext = \"Body.\"\n",
                long(2_000)
            )),
        ),
    ];
    for (field, text) in &cases {
        let r = timed(field, || compile(text));
        check_outcome(text, &r);
        let Err(d) = &r else { panic!("{field}: built") };
        let e = d.items.iter().find(|e| e.code == "E0021").expect("E0021");
        assert!(e.message.contains(&format!("`{field}`")), "{}", e.message);
        let at = &text[e.span.clone().expect("located")];
        assert!(at.contains("Word Word"), "{field}: points at {at:.40}");
    }
    // At the limit, a title and every header field build, cut to fit the
    // running head.
    let at_limit = long(400);
    let text = format!(
        "title = \"{at_limit}\"\nshort_title = \"{}\"\nseries = \"{}\"\nmarking = \"{}\"\n\
         [summary]\ntext = \"Short.\"\n",
        long(200),
        long(100),
        long(200)
    );
    let r = timed("fields at their limits", || compile(&text));
    assert!(r.is_ok(), "{:?}", errors(&r));
}

#[test]
fn each_use_of_an_undefined_note_is_reported_where_it_stands() {
    let text = with_summary("One[^gone] two.\n\nThree [^gone] four[^gone].\n\n- five[^gone]");
    let r = compile(&text);
    let Err(d) = &r else { panic!("built") };
    let mut at: Vec<_> = d
        .items
        .iter()
        .filter(|e| e.code == "E0005")
        .map(|e| e.span.clone().expect("located"))
        .collect();
    at.sort_by_key(|s| s.start);
    assert_eq!(at.len(), 4, "{at:?}");
    for s in &at {
        assert_eq!(&text[s.clone()], "[^gone]");
    }
    let mut starts: Vec<_> = at.iter().map(|s| s.start).collect();
    starts.dedup();
    assert_eq!(starts.len(), 4, "two uses reported at one place: {at:?}");
}

#[test]
fn nesting_past_the_parsers_limit_is_located_at_its_key() {
    let key = vec!["a"; 10_000].join(".");
    let text = format!("title = \"Hostile\"\n{key} = 1\n[summary]\ntext = \"Short.\"\n");
    let r = compile(&text);
    check_outcome(&text, &r);
    let Err(d) = &r else { panic!("built") };
    let e = d.items.iter().find(|e| e.code == "E0045").expect("E0045");
    assert!(e.message.contains("10,000 parts"), "{}", e.message);
    let span = e.span.clone().expect("located");
    let src = Source::new("hostile.toml", text.as_str());
    assert_eq!(src.line_col(span.start).line, 2, "{:?}", e);
    assert_eq!(&text[span], key);
    // Arrays or inline tables nested past it: at the key whose value
    // they are (the reader names only the bracket where it gave up).
    for (open, close) in [("[", "]"), ("{ a = ", " }")] {
        let value = format!("{}1{}", open.repeat(10_000), close.repeat(10_000));
        let text =
            format!("title = \"Hostile\"\n[summary]\ntext = \"Short.\"\n[style]\ndeep = {value}\n");
        let r = compile(&text);
        check_outcome(&text, &r);
        let Err(d) = &r else { panic!("built") };
        let codes: Vec<_> = d.items.iter().map(|e| e.code).collect();
        assert_eq!(codes, ["E0045"], "{open}");
        let span = d.items[0].span.clone().expect("located");
        let src = Source::new("hostile.toml", text.as_str());
        let lc = src.line_col(span.start);
        assert_eq!((lc.line, lc.col, &text[span]), (5, 1, "deep"), "{open}");
    }
}

#[test]
fn one_unsupported_construct_is_one_error_however_deep() {
    let text = with_summary(&format!("{} deep", ">".repeat(5_000)));
    let r = timed("5,000 nested block quotes", || compile(&text));
    check_outcome(&text, &r);
    assert_eq!(errors(&r), ["E0007"]);
    // Two separate quotes are still two errors.
    let text = with_summary("> one\n\nbetween\n\n> two");
    assert_eq!(errors(&compile(&text)), ["E0007", "E0007"]);
}

#[test]
fn a_damaged_glyph_table_is_found_when_the_font_is_loaded() {
    let dir = scratch("glyf");
    let good = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/serif/Vollkorn-Regular.ttf"),
    )
    .expect("bundled font");
    let face = read_fonts::FontRef::new(&good).expect("parses");
    let glyf = face
        .table_data(read_fonts::types::Tag::new(b"glyf"))
        .expect("glyf");
    let start = glyf.as_bytes().as_ptr() as usize - good.as_ptr() as usize;
    let len = glyf.as_bytes().len();
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut cases = Vec::new();
    for _ in 0..12 {
        let mut bad = good.clone();
        for _ in 0..200 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            bad[start + (rng % len as u64) as usize] = (rng >> 40) as u8;
        }
        cases.push(bad);
    }
    // Every composite glyph (the accented letters) made of a glyph the
    // font does not have: the subsetter would meet it only when writing.
    let loca = face
        .table_data(read_fonts::types::Tag::new(b"loca"))
        .expect("loca");
    let loca = loca.as_bytes();
    let head = face
        .table_data(read_fonts::types::Tag::new(b"head"))
        .expect("head");
    let long = head.as_bytes()[51] != 0;
    let at = |i: usize| {
        if long {
            u32::from_be_bytes(loca[i * 4..i * 4 + 4].try_into().unwrap()) as usize
        } else {
            usize::from(u16::from_be_bytes([loca[i * 2], loca[i * 2 + 1]])) * 2
        }
    };
    let glyphs = (loca.len() / if long { 4 } else { 2 }) - 1;
    let mut bad = good.clone();
    let mut composites = 0;
    for i in 0..glyphs {
        let (a, b) = (start + at(i), start + at(i + 1));
        if b - a >= 14 && bad[a] == 0xFF && bad[a + 1] == 0xFF {
            bad[a + 12] = 0xFF;
            bad[a + 13] = 0xF0;
            composites += 1;
        }
    }
    assert!(composites > 10, "{composites} composite glyphs");
    cases.push(bad);
    let text = "title = \"Glyphs\"\n[summary]\ntext = \"Perú: á é í ó ú ñ.\"\n\
                [style]\nfonts = { body = \"f.ttf\" }\n";
    for (case, bad) in cases.iter().enumerate() {
        std::fs::write(dir.join("f.ttf"), bad).expect("font written");
        let r = timed("a damaged glyph table", || {
            pipeline::compile(&Source::new(dir.join("b.toml"), text), &opts())
        });
        if let Err(d) = &r {
            for e in d.items.iter().filter(|e| e.is_error()) {
                // Never "the PDF could not be written": the font's key.
                assert_eq!(e.code, "E0014", "case {case}: {e:?}");
                assert!(e.span.is_some(), "case {case}: E0014 without a place");
            }
        }
    }
}
