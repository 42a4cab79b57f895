//! A closed or full standard output is never a panic: every printing
//! command ends quietly when the reader has closed the pipe (`| head -c1`,
//! as `cargo` does) and with exit 1 and a message when the device is full.

mod common;

use std::os::fd::{FromRawFd, OwnedFd};
use std::path::Path;
use std::process::{Command, Stdio};

use common::{scratch, tiny};

/// Every command that prints to the standard output.
const PRINTING: &[&[&str]] = &[
    &["schema"],
    &["man"],
    &["completions", "bash"],
    &["export", "b.toml"],
    &["export", "b.toml", "--format", "txt"],
    &["export", "b.toml", "--format", "html"],
    &["check", "b.toml", "--format", "json"],
    &["build", "b.toml", "-o", "-"],
];

/// A pipe whose reading end is already closed: every write to it fails
/// with a broken pipe, however small (unlike `| head -c1`, which depends
/// on the pipe's buffer and timing).
fn closed_pipe() -> Stdio {
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "pipe");
    // SAFETY: both descriptors are fresh and owned here alone.
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    drop(read);
    Stdio::from(write)
}

fn run(dir: &Path, args: &[&str], out: Stdio) -> (Option<i32>, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "997660800")
        .stdout(out)
        .stderr(Stdio::piped())
        .output()
        .expect("the binary runs");
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn setup(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    std::fs::write(dir.join("b.toml"), tiny("")).expect("write");
    dir
}

#[test]
fn a_closed_pipe_ends_every_printing_command_quietly() {
    let dir = setup("stdout_closed_pipe");
    for args in PRINTING {
        let (code, err) = run(&dir, args, closed_pipe());
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            !err.contains("standard output"),
            "{args:?} was not quiet: {err}"
        );
        // A PDF that was not delivered is a failed build; text that the
        // reader did not want is not a failure.
        let want = if args[0] == "build" { 1 } else { 0 };
        assert_eq!(code, Some(want), "{args:?}: {err}");
    }
}

#[test]
fn a_full_device_is_an_error_in_every_printing_command() {
    let dir = setup("stdout_full");
    for args in PRINTING {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let (code, err) = run(&dir, args, Stdio::from(full));
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(
            err.contains("cannot write to the standard output"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn head_c1_gets_one_byte_and_no_panic() {
    let dir = setup("stdout_head");
    for args in PRINTING {
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(*args)
            .current_dir(&dir)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let mut first = [0u8; 1];
        let mut out = child.stdout.take().expect("stdout");
        std::io::Read::read_exact(&mut out, &mut first).expect("one byte");
        drop(out);
        let o = child.wait_with_output().expect("exits");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(o.status.code(), Some(101), "{args:?}: {err}");
    }
}
