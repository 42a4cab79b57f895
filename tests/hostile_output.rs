//! Nothing lost: a build that fails while writing (a full disk, a
//! read-only folder) leaves the previous PDF byte-identical and no
//! temporary file behind.
//!
//! A full disk and a read-only folder are made for real where the test may
//! mount file systems (as root: a 64 kB tmpfs, a read-only bind mount);
//! elsewhere those cases say so and pass, and a folder without write
//! permission stands in (which root, who ignores permissions, cannot test).

use std::path::{Path, PathBuf};
use std::process::Command;

const SAMPLE: &str = include_str!("../briefing.toml");

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile-output")
        .join(name);
    let _ = Command::new("umount").arg(dir.join("out")).output();
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("out")).expect("scratch folder");
    dir
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("readable folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs `briefing build <input> -o <output>`; exit code and standard error.
fn build(input: &Path, output: &Path) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("build")
        .arg(input)
        .arg("-o")
        .arg(output)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "997660800")
        .output()
        .expect("the binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A mount that is undone when dropped, even when the test fails.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).output();
    }
}

fn mount(args: &[&str], at: &Path) -> Option<Mounted> {
    let ok = Command::new("mount")
        .args(args)
        .arg(at)
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then(|| Mounted(at.to_path_buf()))
}

/// Builds a small briefing to `out/b.pdf` (the "previous good PDF") and
/// returns the inputs' folder, the target and its bytes.
fn previous(dir: &Path) -> (PathBuf, Vec<u8>) {
    let small = dir.join("small.toml");
    std::fs::write(
        &small,
        "title = \"Small\"\n[summary]\ntext = \"A short summary.\"\n",
    )
    .expect("written");
    let target = dir.join("out").join("b.pdf");
    let (code, err) = build(&small, &target);
    assert_eq!(code, Some(0), "{err}");
    let bytes = std::fs::read(&target).expect("the previous PDF");
    (target, bytes)
}

fn assert_kept(target: &Path, before: &[u8], code: Option<i32>, stderr: &str, also: &[&str]) {
    // The system refused the write (a full disk, a read-only or forbidden
    // folder): worth a retry, exit 3, as the README's exit statuses say.
    assert_eq!(code, Some(3), "a refused write must exit 3: {stderr}");
    assert!(stderr.contains("cannot write"), "{stderr}");
    assert_eq!(
        std::fs::read(target).expect("still there"),
        before,
        "the previous PDF changed"
    );
    let mut want: Vec<String> = also.iter().map(|s| s.to_string()).collect();
    want.push("b.pdf".into());
    want.sort();
    assert_eq!(
        listing(target.parent().expect("folder")),
        want,
        "a temporary file was left behind"
    );
}

#[test]
fn a_full_disk_keeps_the_previous_pdf() {
    let dir = scratch("full");
    let Some(_disk) = mount(
        &["-t", "tmpfs", "-o", "size=64k", "tmpfs"],
        &dir.join("out"),
    ) else {
        eprintln!("skipped: cannot mount a small tmpfs here (not root?)");
        return;
    };
    let (target, before) = previous(&dir);
    // Fill the disk but for a few kilobytes: less than any PDF.
    let free = 64 * 1024 - before.len() - 8 * 1024;
    std::fs::write(dir.join("out").join("filler"), vec![0u8; free.max(1)]).ok();
    let sample = dir.join("sample.toml");
    std::fs::write(&sample, SAMPLE).expect("written");
    let (code, err) = build(&sample, &target);
    assert_kept(&target, &before, code, &err, &["filler"]);
}

#[test]
fn a_read_only_folder_keeps_the_previous_pdf() {
    let dir = scratch("readonly");
    let (target, before) = previous(&dir);
    let out = dir.join("out");
    let sample = dir.join("sample.toml");
    std::fs::write(&sample, SAMPLE).expect("written");

    // A read-only file system: a read-only bind mount of the folder.
    if let Some(_bind) = mount(&["--bind", out.to_str().expect("utf-8 path")], &out) {
        // The bind mount's guard undoes both.
        if mount(&["-o", "remount,ro,bind"], &out)
            .map(std::mem::forget)
            .is_some()
        {
            let (code, err) = build(&sample, &target);
            assert_kept(&target, &before, code, &err, &[]);
        } else {
            eprintln!("skipped: cannot remount read-only here");
        }
    } else {
        eprintln!("skipped: cannot bind-mount here (not root?)");
    }

    // A folder without write permission (root ignores permissions).
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let probe = out.join(".probe");
    let root = std::fs::write(&probe, b"x").is_ok();
    let _ = std::fs::remove_file(&probe);
    if !root {
        let (code, err) = build(&sample, &target);
        assert_kept(&target, &before, code, &err, &[]);
    }
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}
