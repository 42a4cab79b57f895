//! The whole path, content text to PDF bytes: any input must end in a PDF
//! or in located errors, never a panic.
//!
//! Seed the corpus with the sample: `mkdir -p corpus/compile &&
//! cp ../briefing.toml corpus/compile/`.

#![no_main]

use briefing::diag::Source;
use briefing::pipeline::{compile, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The command line refuses bytes that are not UTF-8 before the library
    // sees them; the lossy text keeps the rest of the input's structure.
    let text = String::from_utf8_lossy(data);
    let opts = Options {
        created: Some(0),
        ..Options::default()
    };
    match compile(&Source::new("fuzz.toml", text.as_ref()), &opts) {
        Ok(out) => assert!(out.pdf.starts_with(b"%PDF-")),
        Err(d) => {
            assert!(d.has_errors());
            for e in d.items.iter().filter(|e| e.is_error()) {
                if let Some(s) = &e.span {
                    assert!(s.end <= text.len(), "{} points past the end", e.code);
                }
            }
        }
    }
});
