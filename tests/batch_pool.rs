//! Batch builds run on a bounded pool of workers: 64 inputs under a 2 GiB
//! address-space limit all build (one thread per file ran out of address
//! space there and panicked with "failed to spawn thread").

mod common;

use std::process::Command;

use common::{listing, scratch, tiny};

#[test]
fn sixty_four_inputs_under_ulimit_v_all_build() {
    let dir = scratch("batch_pool_ulimit");
    let mut names = Vec::new();
    for i in 0..64 {
        let name = format!("b{i:02}.toml");
        let text = tiny("").replace("A small test briefing", &format!("Briefing {i}"));
        std::fs::write(dir.join(&name), text).expect("write");
        names.push(name);
    }
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 2097152 && exec \"$0\" build \"$@\"")
        .arg(env!("CARGO_BIN_EXE_briefing"))
        .args(&names)
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "997660800")
        .output()
        .expect("sh runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
    let pdfs = listing(&dir).iter().filter(|n| n.ends_with(".pdf")).count();
    assert_eq!(pdfs, 64, "{err}");
    assert_eq!(err.matches("wrote ").count(), 64, "{err}");
}
