//! Paths that are not regular files: a FIFO, a device or an oversized
//! file as the content file, as a font or as the output target is refused
//! with a clear error before anything is read, and never hangs the build.

mod common;

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{scratch, tiny};

/// Far beyond any build here; only a hang reaches it.
const HANG: Duration = Duration::from_secs(120);

fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path.
    let rc = unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
    assert_eq!(rc, 0, "mkfifo {}", path.display());
}

/// Runs the binary in `dir`, killing it (and failing) if it hangs.
fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err)
                .expect("stderr read");
            return (status.code().expect("exited, not killed"), err);
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            panic!("briefing {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs the binary in `dir`, asserts exit 1 and that the error names every
/// one of `needles`; gives the error text.
fn refused(dir: &Path, args: &[&str], needles: &[&str]) -> String {
    let (code, err) = run(dir, args);
    assert_eq!(code, 1, "{err}");
    for n in needles {
        assert!(err.contains(n), "missing {n:?} in: {err}");
    }
    err
}

fn font_style(path: &str) -> String {
    tiny(&format!("[style]\nfonts = {{ body = \"{path}\" }}\n"))
}

#[test]
fn a_fifo_as_content_file_is_refused_without_blocking() {
    let dir = scratch("special_fifo_content");
    mkfifo(&dir.join("b.toml"));
    refused(
        &dir,
        &["build", "b.toml", "-o", "out.pdf"],
        &["b.toml", "FIFO"],
    );
    assert!(!dir.join("out.pdf").exists());
}

#[test]
fn a_fifo_as_font_is_a_located_error() {
    let dir = scratch("special_fifo_font");
    mkfifo(&dir.join("f.ttf"));
    std::fs::write(dir.join("b.toml"), font_style("f.ttf")).expect("write");
    let err = refused(
        &dir,
        &["build", "b.toml", "-o", "out.pdf"],
        &["error[E0014]", "FIFO"],
    );
    assert!(err.contains("b.toml:5:"), "not at the font's path: {err}");
}

#[test]
fn a_fifo_as_output_target_is_refused_and_kept() {
    let dir = scratch("special_fifo_output");
    std::fs::write(dir.join("b.toml"), tiny("")).expect("write");
    mkfifo(&dir.join("out.pdf"));
    refused(
        &dir,
        &["build", "b.toml", "-o", "out.pdf"],
        &["refusing to write out.pdf", "FIFO"],
    );
    use std::os::unix::fs::FileTypeExt;
    let t = std::fs::symlink_metadata(dir.join("out.pdf")).expect("still there");
    assert!(t.file_type().is_fifo(), "the FIFO was replaced");
    mkfifo(&dir.join("out.md"));
    refused(&dir, &["export", "b.toml", "-o", "out.md"], &["FIFO"]);
}

#[test]
fn dev_zero_as_content_or_font_is_refused_before_reading() {
    let dir = scratch("special_dev_zero");
    refused(
        &dir,
        &["build", "/dev/zero", "-o", "out.pdf"],
        &["/dev/zero", "a device"],
    );
    std::fs::write(dir.join("b.toml"), font_style("/dev/zero")).expect("write");
    refused(
        &dir,
        &["build", "b.toml", "-o", "out.pdf"],
        &["error[E0014]", "a device"],
    );
}

#[test]
fn oversized_content_and_font_files_are_refused_by_size() {
    let dir = scratch("special_oversized");
    let big = std::fs::File::create(dir.join("big.toml")).expect("create");
    big.set_len(briefing::model::MAX_FILE_BYTES as u64 + 1)
        .expect("sparse");
    refused(
        &dir,
        &["build", "big.toml", "-o", "out.pdf"],
        &[
            "error[E0022]: cannot read big.toml",
            "holds 4,194,305 bytes",
            "at most 4 MB",
        ],
    );
    // JSON names the code too (it has no line: the file was never read).
    let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["check", "big.toml", "--format", "json"])
        .current_dir(&dir)
        .output()
        .expect("the binary runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let text = v.to_string();
    assert!(text.contains("\"code\":\"E0022\""), "{text}");
    let font = std::fs::File::create(dir.join("big.ttf")).expect("create");
    font.set_len(briefing::model::MAX_FONT_BYTES + 1)
        .expect("sparse");
    std::fs::write(dir.join("b.toml"), font_style("big.ttf")).expect("write");
    refused(
        &dir,
        &["build", "b.toml", "-o", "out.pdf"],
        &["error[E0014]", "larger than 50 MB"],
    );
}

#[test]
fn watch_of_a_fifo_reports_it_and_stays_stoppable() {
    let dir = scratch("special_fifo_watch");
    mkfifo(&dir.join("b.toml"));
    let log = dir.join("log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["watch", "b.toml", "-o", "out.pdf"])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).expect("log"))
        .spawn()
        .expect("the binary runs");
    let said = || std::fs::read_to_string(&log).unwrap_or_default();
    let start = Instant::now();
    while !said().contains("watching") {
        if start.elapsed() > HANG {
            let _ = child.kill();
            panic!("watch never started: {}", said());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(said().contains("FIFO"), "{}", said());
    // SAFETY: signalling our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > HANG {
            let _ = child.kill();
            panic!("Ctrl-C did not stop the watch: {}", said());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(said().contains("stopped watching"), "{}", said());
}
