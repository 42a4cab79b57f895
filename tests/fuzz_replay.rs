//! The `compile` fuzz target's check, replayed on every push over the
//! corpus in `tests/data/fuzz/compile/`: the sample and each hostile input
//! found so far (a crash from `cargo fuzz` goes there once it is fixed; see
//! `fuzz/README.md`). Whatever the bytes, the whole path ends in a PDF or
//! in errors located inside the file, never a panic.

use std::path::Path;

use briefing::diag::Source;
use briefing::pipeline::{compile, Options};

#[test]
fn every_input_of_the_corpus_ends_in_a_pdf_or_located_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz/compile");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the corpus folder")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "a corpus of {} files", files.len());
    let opts = Options {
        created: Some(0),
        ..Options::default()
    };
    let (mut built, mut refused) = (0, 0);
    for path in &files {
        let bytes = std::fs::read(path).expect("readable");
        // As the fuzz target does: the lossy text keeps the structure.
        let text = String::from_utf8_lossy(&bytes);
        let name = path.file_name().unwrap().to_string_lossy();
        match compile(&Source::new(path, text.as_ref()), &opts) {
            Ok(out) => {
                assert!(out.pdf.starts_with(b"%PDF-"), "{name}: not a PDF");
                assert!(out.pdf.trim_ascii_end().ends_with(b"%%EOF"), "{name}");
                built += 1;
            }
            Err(d) => {
                assert!(d.has_errors(), "{name}: failed with no error");
                for e in d.items.iter().filter(|e| e.is_error()) {
                    let span = e.span.clone();
                    assert!(
                        span.is_some_and(|s| s.start <= s.end && s.end <= text.len()),
                        "{name}: {} not inside the file: {:?}",
                        e.code,
                        e
                    );
                }
                refused += 1;
            }
        }
    }
    // The corpus holds both kinds, so neither branch goes unexercised.
    assert!(built > 0 && refused > 0, "{built} built, {refused} refused");
}
