//! Generated briefings of any length, for benchmarks and property tests:
//! valid content with many sections (paragraphs with emphasis, links, note
//! references and lists), figures with charts, recommendations with
//! actions, and endnotes. Deterministic: the same seed and size give the
//! same text.
//!
//! Shared by `benches/`, `tests/` and `examples/gen_briefing.rs` through
//! `#[path]`, so it depends on nothing but std.

#![allow(dead_code)]

use std::fmt::Write as _;

/// A small, fast, deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Policy vocabulary, short and long words alike, so lines justify and
/// hyphenate the way real prose does.
const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "for",
    "on",
    "with",
    "by",
    "as",
    "that",
    "is",
    "from",
    "its",
    "should",
    "government",
    "administration",
    "policy",
    "reform",
    "economic",
    "security",
    "regional",
    "trade",
    "assistance",
    "democracy",
    "institutions",
    "investment",
    "program",
    "programs",
    "officials",
    "Congress",
    "national",
    "development",
    "infrastructure",
    "budget",
    "accountability",
    "transparency",
    "counter-narcotics",
    "cooperation",
    "agreement",
    "ministry",
    "judicial",
    "independence",
    "agricultural",
    "producers",
    "exports",
    "imports",
    "tariffs",
    "inflation",
    "unemployment",
    "poverty",
    "growth",
    "percent",
    "million",
    "billion",
    "rural",
    "municipal",
    "federal",
    "provincial",
    "elections",
    "campaign",
    "coalition",
    "opposition",
    "military",
    "police",
    "training",
    "oversight",
    "corruption",
    "investigation",
    "evidence",
    "committee",
    "hearing",
    "legislation",
    "implementation",
    "strategy",
    "priorities",
    "funding",
    "allies",
    "partners",
    "neighbours",
    "stability",
    "volatile",
    "receptive",
    "incentives",
    "privatization",
    "enterprises",
    "concessions",
    "property",
    "registration",
    "licensing",
    "requirements",
    "procedures",
    "efficiency",
    "capacity",
    "resilience",
    "interdiction",
    "extradition",
    "sovereignty",
    "constitutional",
    "amendment",
    "ratification",
    "negotiations",
    "bilateral",
    "multilateral",
    "framework",
    "memorandum",
    "understanding",
    "commitments",
    "year",
    "years",
    "since",
    "between",
    "against",
    "while",
    "although",
    "because",
    "however",
    "must",
    "can",
    "will",
    "would",
    "could",
    "may",
    "new",
    "long-term",
    "short-term",
    "public",
    "private",
    "sector",
    "health",
    "education",
    "water",
    "energy",
    "roads",
    "ports",
    "courts",
];

const FIRST: &[&str] = &[
    "Maria", "José", "Ana", "Carlos", "Helen", "David", "Sofía", "Peter", "Lucía", "James",
];
const LAST: &[&str] = &[
    "García",
    "Johnson",
    "Pérez",
    "Smith",
    "Rodríguez",
    "Brown",
    "Quispe",
    "Taylor",
    "Flores",
];

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A sentence of `n` words, with the occasional emphasis, strong text,
/// link, note reference and number.
fn sentence(rng: &mut Rng, n: usize, notes: &[String], out: &mut String) {
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        let w = rng.pick(WORDS);
        let w = if i == 0 { capitalize(w) } else { w.to_string() };
        match rng.below(60) {
            0 => {
                let _ = write!(out, "*{w}*");
            }
            1 => {
                let _ = write!(out, "**{w}**");
            }
            2 => {
                let _ = write!(out, "[{w}](https://example.org/{w})");
            }
            3 => {
                let _ = write!(out, "{}.{}", 1 + rng.below(99), rng.below(10));
            }
            4 => {
                let _ = write!(out, "{w} -- {}", rng.pick(WORDS));
            }
            _ => out.push_str(&w),
        }
    }
    if !notes.is_empty() && rng.below(4) == 0 {
        let key = &notes[rng.below(notes.len())];
        let _ = write!(out, ".[^{key}]");
    } else {
        out.push('.');
    }
}

fn paragraph(rng: &mut Rng, sentences: usize, notes: &[String], out: &mut String) {
    for s in 0..sentences {
        if s > 0 {
            out.push(' ');
        }
        let n = 8 + rng.below(18);
        sentence(rng, n, notes, out);
    }
}

/// A title of `min..min + spread` words.
fn title(rng: &mut Rng, min: usize, spread: usize) -> String {
    let words = min + rng.below(spread.max(1));
    let mut t = String::new();
    for i in 0..words {
        if i > 0 {
            t.push(' ');
        }
        let w = rng.pick(WORDS);
        t.push_str(&if i == 0 { capitalize(w) } else { w.to_string() });
    }
    t
}

/// A briefing of roughly `pages` letter pages at the default size.
pub fn briefing(pages: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let pages = pages.max(1);
    let mut s = String::with_capacity(pages * 4000 + 2000);
    let notes: Vec<String> = (0..(3 + pages * 2)).map(|i| format!("n{i}")).collect();
    let _ = writeln!(
        s,
        "title = \"{}\"\nsubtitle = \"A generated briefing of about {pages} pages\"\n\
         series = \"Benchmark\"\ndate = 2001-08-13\nlanguage = \"en-US\"\n\
         keywords = [\"benchmark\", \"generated\"]\n",
        title(&mut rng, 6, 1)
    );
    for _ in 0..2 {
        let _ = writeln!(
            s,
            "[[authors]]\nname = \"{} {}\"\nrole = \"Analyst\"\n",
            rng.pick(FIRST),
            rng.pick(LAST)
        );
    }
    s.push_str("[summary]\nbottom_line = \"");
    sentence(&mut rng, 30, &[], &mut s);
    s.push_str("\"\ntext = \"\"\"\n");
    paragraph(&mut rng, 5, &notes, &mut s);
    s.push_str("\n\n");
    paragraph(&mut rng, 4, &notes, &mut s);
    s.push_str("\n\"\"\"\n\n");

    // Figures: a few per ten pages, every third with a chart.
    for f in 0..(3 + pages / 3).min(24) {
        let _ = writeln!(
            s,
            "[[figures]]\nvalue = \"{}.{}%\"\nlabel = \"{}\"\ndetail = \"{}\"\nnote = \"{}\"",
            1 + rng.below(98),
            rng.below(10),
            title(&mut rng, 3, 4).to_lowercase(),
            title(&mut rng, 6, 6),
            notes[rng.below(notes.len())]
        );
        if f % 3 == 0 {
            let n = 2 + rng.below(8);
            let labels: Vec<String> = (0..n).map(|i| format!("\"{}\"", 1990 + 2 * i)).collect();
            let values: Vec<String> = (0..n)
                .map(|_| format!("{}.{}", rng.below(60), rng.below(10)))
                .collect();
            let kind = if rng.below(2) == 0 { "bar" } else { "line" };
            let _ = writeln!(
                s,
                "[figures.chart]\nkind = \"{kind}\"\nlabels = [{}]\nvalues = [{}]\nunit = \"%\"",
                labels.join(", "),
                values.join(", ")
            );
        }
        s.push('\n');
    }

    // Sections: about one and a half per page.
    for _ in 0..(pages * 3).div_ceil(2) {
        let _ = writeln!(
            s,
            "[[sections]]\nheading = \"{}\"\ntext = \"\"\"",
            title(&mut rng, 5, 1)
        );
        for p in 0..2 + rng.below(2) {
            if p > 0 {
                s.push_str("\n\n");
            }
            let n = 3 + rng.below(4);
            paragraph(&mut rng, n, &notes, &mut s);
        }
        if rng.below(3) == 0 {
            s.push_str("\n\n");
            for _ in 0..3 + rng.below(3) {
                s.push_str("- ");
                let n = 10 + rng.below(15);
                sentence(&mut rng, n, &notes, &mut s);
                s.push('\n');
                if rng.below(4) == 0 {
                    s.push_str("  - ");
                    sentence(&mut rng, 8, &[], &mut s);
                    s.push('\n');
                }
            }
        }
        s.push_str("\n\"\"\"\n\n");
    }

    // Recommendations: one per two pages.
    for _ in 0..pages.div_ceil(2) {
        let _ = writeln!(
            s,
            "[[recommendations]]\ntitle = \"{}\"\nowner = \"{} {}\"\ntext = \"\"\"",
            title(&mut rng, 6, 1),
            rng.pick(FIRST),
            rng.pick(LAST)
        );
        paragraph(&mut rng, 3, &notes, &mut s);
        s.push_str("\n\"\"\"\nactions = [\n");
        for _ in 0..2 + rng.below(3) {
            s.push_str("  \"");
            let n = 12 + rng.below(10);
            sentence(&mut rng, n, &notes, &mut s);
            s.push_str("\",\n");
        }
        s.push_str("]\n\n");
    }

    s.push_str("[notes]\n");
    for key in &notes {
        let _ = writeln!(
            s,
            "{key} = \"{} {}, *{}*, {} {}, p. {}.\"",
            rng.pick(FIRST),
            rng.pick(LAST),
            title(&mut rng, 4, 1),
            rng.pick(&["March", "June", "October"]),
            1990 + rng.below(20),
            1 + rng.below(300)
        );
    }
    s.push_str("\n[style]\npaper = \"letter\"\n");
    s
}
