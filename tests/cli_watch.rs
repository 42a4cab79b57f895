//! `briefing watch` as an author uses it: start it, save changes (in place
//! and by rename, as many editors do), change a font file the briefing
//! names, save a broken file, press Ctrl-C. Waits poll with a generous
//! bound; nothing asserts how fast a build is.

#![cfg(unix)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_briefing");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// Long enough for a debug build on a slow, busy machine.
const PATIENCE: Duration = Duration::from_secs(60);

fn empty_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("briefing-watch-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Polls until `done` holds; panics with `what` and the log after PATIENCE.
fn wait_for(what: &str, log: &Path, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        if start.elapsed() > PATIENCE {
            panic!(
                "timed out waiting for {what}; watch said:\n{}",
                fs::read_to_string(log).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Whether a line is a build's report: `[HH:MM:SS] wrote FILE (…) in N ms`,
/// or the same after `fixed: ` with `(was failing since HH:MM:SS)`.
fn is_build_line(l: &str) -> bool {
    let Some(rest) = timestamped(l) else {
        return false;
    };
    let (rest, fixed) = match rest.strip_prefix("fixed: ") {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let Some(rest) = rest.strip_prefix("wrote ") else {
        return false;
    };
    let ms = match rest.rsplit_once(" in ") {
        Some((_, tail)) => tail,
        None => return false,
    };
    let ms = if fixed {
        match ms.split_once(" ms (was failing since ") {
            Some((n, since)) => {
                let since = since.strip_suffix(')').unwrap_or("");
                if !is_clock(since) {
                    return false;
                }
                n.to_string()
            }
            None => return false,
        }
    } else {
        match ms.strip_suffix(" ms") {
            Some(n) => n.to_string(),
            None => return false,
        }
    };
    !ms.is_empty() && ms.chars().all(|c| c.is_ascii_digit())
}

/// `HH:MM:SS`.
fn is_clock(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 8
        && b[2] == b':'
        && b[5] == b':'
        && [0, 1, 3, 4, 6, 7].iter().all(|i| b[*i].is_ascii_digit())
}

/// The rest of a line that starts with `[HH:MM:SS] `.
fn timestamped(l: &str) -> Option<&str> {
    let l = l.trim_start_matches(CLEAR);
    let rest = l.strip_prefix('[')?;
    let (t, rest) = rest.split_once("] ")?;
    is_clock(t).then_some(rest)
}

/// What `--clear` prints before each report.
const CLEAR: &str = "\x1b[2J\x1b[3J\x1b[H";

/// How many builds the watcher has finished.
fn builds(log: &Path) -> usize {
    fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter(|l| is_build_line(l))
        .count()
}

fn said(log: &Path) -> String {
    fs::read_to_string(log).unwrap_or_default()
}

struct Watch {
    child: Child,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &Path, log: &Path, args: &[&str]) -> Watch {
    start_with_path(dir, log, args, None)
}

/// Starts watch; `path` replaces PATH (for a stand-in `xdg-open`).
fn start_with_path(dir: &Path, log: &Path, args: &[&str], path: Option<&str>) -> Watch {
    let mut cmd = Command::new(BIN);
    if let Some(p) = path {
        cmd.env("PATH", p);
    }
    let child = cmd
        .arg("watch")
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1000000000")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(fs::File::create(log).unwrap())
        .spawn()
        .expect("start watch");
    Watch { child }
}

#[test]
fn watch_rebuilds_on_save_and_keeps_the_last_good_pdf() {
    let dir = empty_dir("save");
    let toml = dir.join("briefing.toml");
    let pdf = dir.join("briefing.pdf");
    let log = dir.join("watch.log");
    let starter = fs::read_to_string(format!("{ROOT}/src/cli/starter.toml")).unwrap();
    fs::write(&toml, &starter).unwrap();

    let mut w = start(&dir, &log, &[]);
    wait_for("the first build", &log, || {
        builds(&log) == 1 && fs::read_to_string(&log).unwrap().contains("watching")
    });
    let first = fs::read(&pdf).unwrap();

    // Saved in place.
    fs::write(
        &toml,
        starter.replace("Title of the briefing", "A second title"),
    )
    .unwrap();
    wait_for("the rebuild after an in-place save", &log, || {
        fs::read(&pdf).map(|b| b != first).unwrap_or(false)
    });
    let second = fs::read(&pdf).unwrap();

    // Saved by writing a new file and renaming it over the old one.
    let tmp = dir.join(".briefing.toml.swp");
    fs::write(
        &tmp,
        starter.replace("Title of the briefing", "A third title"),
    )
    .unwrap();
    fs::rename(&tmp, &toml).unwrap();
    wait_for("the rebuild after a save by rename", &log, || {
        fs::read(&pdf)
            .map(|b| b != second && b != first)
            .unwrap_or(false)
    });
    let good = fs::read(&pdf).unwrap();
    // The PDF is renamed into place before its line is printed.
    wait_for("the rebuild's line", &log, || builds(&log) >= 3);
    let built = builds(&log);

    // A broken save: the error is printed and the PDF stays as it was.
    fs::write(&toml, starter.replace("[summary]", "[sumary]")).unwrap();
    // The diagnostics come first, the timestamped line after them.
    wait_for("the error", &log, || {
        let t = fs::read_to_string(&log).unwrap();
        t.contains("error[E0004]") && t.contains("not built")
    });
    let told = said(&log);
    assert!(told.contains("did you mean `summary`?"), "{told}");
    let error_line = told
        .lines()
        .find(|l| timestamped(l).is_some_and(|r| r.starts_with("error: briefing.toml not built")))
        .unwrap_or_else(|| panic!("no timestamped error line:\n{told}"));
    assert!(
        error_line.contains("kept the last good briefing.pdf"),
        "{error_line}"
    );
    assert_eq!(builds(&log), built);
    assert_eq!(
        fs::read(&pdf).unwrap(),
        good,
        "the last good PDF was touched"
    );

    // Fixed again: it builds again, and says since when it had failed.
    fs::write(&toml, &starter).unwrap();
    wait_for("the rebuild after the fix", &log, || builds(&log) > built);
    let told = said(&log);
    let since = timestamped(error_line).map(|_| &error_line[1..9]).unwrap();
    let fixed = told
        .lines()
        .find(|l| timestamped(l).is_some_and(|r| r.starts_with("fixed: wrote briefing.pdf")))
        .unwrap_or_else(|| panic!("no `fixed:` line:\n{told}"));
    assert!(
        fixed.ends_with(&format!("(was failing since {since})")),
        "{fixed}"
    );
    assert!(told
        .lines()
        .filter(|l| l.starts_with('['))
        .all(|l| timestamped(l).is_some()));
    assert_eq!(
        fs::read(&pdf).unwrap(),
        first,
        "same input, same epoch, same PDF"
    );

    // Ctrl-C stops it cleanly.
    let pid = w.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = w.child.try_wait().unwrap() {
            break s;
        }
        assert!(start.elapsed() < PATIENCE, "watch did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn watch_rebuilds_when_a_named_font_changes() {
    let dir = empty_dir("font");
    let log = dir.join("watch.log");
    fs::create_dir_all(dir.join("fonts")).unwrap();
    let font = fs::read_dir(format!("{ROOT}/fonts/serif"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_lowercase();
            name.contains("regular") && (name.ends_with(".ttf") || name.ends_with(".otf"))
        })
        .expect("a bundled serif regular face");
    let bytes = fs::read(&font).unwrap();
    fs::write(dir.join("fonts/body.ttf"), &bytes).unwrap();
    let starter = fs::read_to_string(format!("{ROOT}/src/cli/starter.toml")).unwrap();
    let text = starter.replace(
        "# [style.fonts]\n# body = \"fonts/MySerif-Regular.ttf\"",
        "[style.fonts]\nbody = \"fonts/body.ttf\"",
    );
    assert_ne!(text, starter);
    fs::write(dir.join("custom.toml"), text).unwrap();

    let _w = start(&dir, &log, &["custom.toml", "-o", "out.pdf"]);
    // "watching" comes once the fonts the build named are watched too.
    wait_for("the first build", &log, || {
        builds(&log) == 1 && fs::read_to_string(&log).unwrap().contains("watching")
    });
    assert!(dir.join("out.pdf").is_file());

    // The font file is replaced by another face (by rename, as an
    // installer would).
    let other = fs::read(format!("{ROOT}/fonts/serif/Vollkorn-Italic.ttf")).unwrap();
    assert_ne!(other, bytes);
    fs::write(dir.join("fonts/.body.ttf.new"), &other).unwrap();
    fs::rename(dir.join("fonts/.body.ttf.new"), dir.join("fonts/body.ttf")).unwrap();
    wait_for("the rebuild after the font changed", &log, || {
        builds(&log) == 2
    });

    // A file the briefing does not name changes nothing.
    fs::write(dir.join("fonts/other.ttf"), b"x").unwrap();
    fs::write(dir.join("unrelated.txt"), b"x").unwrap();
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(builds(&log), 2);
    let _ = fs::remove_dir_all(&dir);
}

/// Stops a watch with Ctrl-C and waits for it.
fn interrupt(w: &mut Watch) -> Option<i32> {
    let pid = w.child.id().to_string();
    let _ = Command::new("kill").args(["-INT", &pid]).status();
    let start = Instant::now();
    loop {
        if let Some(s) = w.child.try_wait().unwrap() {
            return s.code();
        }
        assert!(start.elapsed() < PATIENCE, "watch did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn watch_of_a_missing_file_fails_unless_told_to_wait() {
    let dir = empty_dir("missing");
    // No file, no --wait: the error, exit 1, at once (not a wait).
    let o = Command::new(BIN)
        .args(["watch", "nowhere.toml"])
        .current_dir(&dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("cannot read nowhere.toml") && err.contains("--wait"),
        "{err}"
    );
    assert!(!err.contains("watching"), "{err}");

    // With --wait it waits, and builds the file once it appears.
    let log = dir.join("watch.log");
    let mut w = start(&dir, &log, &["--wait", "later.toml"]);
    wait_for("the wait", &log, || {
        said(&log).contains("waiting for later.toml")
    });
    let starter = fs::read_to_string(format!("{ROOT}/src/cli/starter.toml")).unwrap();
    fs::write(dir.join("later.toml"), starter).unwrap();
    wait_for("the build once the file appeared", &log, || {
        builds(&log) == 1
    });
    assert!(dir.join("later.pdf").is_file());
    assert_eq!(interrupt(&mut w), Some(0));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn watch_clears_the_screen_opens_once_and_follows_the_output_key() {
    let dir = empty_dir("open");
    let bin = dir.join("bin");
    fs::create_dir_all(&bin).unwrap();
    // A stand-in viewer that notes each time it is asked to open a file.
    let opener = bin.join("xdg-open");
    fs::write(
        &opener,
        format!(
            "#!/bin/sh\necho \"$1\" >> '{}'\n",
            dir.join("opened").display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&opener, fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:/usr/bin:/bin", bin.display());

    let starter = fs::read_to_string(format!("{ROOT}/src/cli/starter.toml")).unwrap();
    let named = starter.replacen(
        "title = \"Title of the briefing\"",
        "output = \"{short_title}-{date}.pdf\"\ntitle = \"Title of the briefing\"",
        1,
    );
    let toml = dir.join("briefing.toml");
    fs::write(&toml, &named).unwrap();
    let log = dir.join("watch.log");
    let mut w = start_with_path(&dir, &log, &["--open", "--clear"], Some(&path));
    wait_for("the first build", &log, || builds(&log) == 1);
    let pdf = dir.join("short-title-2026-01-15.pdf");
    assert!(
        pdf.is_file(),
        "{:?}",
        fs::read_dir(&dir).unwrap().collect::<Vec<_>>()
    );
    wait_for("the viewer", &log, || dir.join("opened").is_file());

    fs::write(
        &toml,
        named.replace("Title of the briefing", "Another title"),
    )
    .unwrap();
    wait_for("the rebuild", &log, || builds(&log) == 2);
    assert_eq!(interrupt(&mut w), Some(0));

    // Opened once, the PDF it wrote.
    let opened = fs::read_to_string(dir.join("opened")).unwrap();
    assert_eq!(opened.lines().count(), 1, "{opened}");
    assert!(
        opened.trim().ends_with("short-title-2026-01-15.pdf"),
        "{opened}"
    );
    // The log is a file, not a terminal: --clear writes no escape codes
    // into it (watch_clears_the_screen_on_a_terminal has the terminal).
    let told = said(&log);
    assert!(!told.contains('\x1b'), "{told:?}");
    assert!(
        told.contains("opened short-title-2026-01-15.pdf with xdg-open"),
        "{told}"
    );
    let _ = fs::remove_dir_all(&dir);
}

/// A stand-in `xdg-open` in a `bin` folder of `dir`, running `script`;
/// the PATH that finds it first.
fn fake_opener(dir: &Path, script: &str) -> String {
    let bin = dir.join("bin");
    fs::create_dir_all(&bin).unwrap();
    let opener = bin.join("xdg-open");
    fs::write(&opener, format!("#!/bin/sh\n{script}\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&opener, fs::Permissions::from_mode(0o755)).unwrap();
    format!("{}:/usr/bin:/bin", bin.display())
}

fn starter() -> String {
    fs::read_to_string(format!("{ROOT}/src/cli/starter.toml")).unwrap()
}

#[test]
fn watch_open_reports_a_viewer_that_fails_and_how_to_open_by_hand() {
    let dir = empty_dir("open_fails");
    // As xdg-open does with no display: a message and exit status 3.
    let path = fake_opener(&dir, "echo 'xdg-open: no method available' >&2\nexit 3");
    fs::write(dir.join("briefing.toml"), starter()).unwrap();
    let log = dir.join("watch.log");
    let mut w = start_with_path(&dir, &log, &["--open"], Some(&path));
    wait_for("the viewer's failure", &log, || {
        said(&log).contains("could not open")
    });
    assert_eq!(interrupt(&mut w), Some(0));
    let told = said(&log);
    assert!(
        told.contains("warning: xdg-open could not open briefing.pdf (exit status 3); open it by hand: xdg-open briefing.pdf"),
        "{told}"
    );
    assert!(!told.contains("opened briefing.pdf"), "{told}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn watch_wait_builds_once_init_makes_the_folder() {
    let dir = empty_dir("wait_folder");
    let log = dir.join("watch.log");
    // A folder that does not exist, and a named file in another one.
    let mut w = start(&dir, &log, &["--wait", "later", "deep/b.toml"]);
    wait_for("the wait", &log, || {
        let t = said(&log);
        t.contains("waiting for later/briefing.toml") && t.contains("waiting for deep/b.toml")
    });
    let r = Command::new(BIN)
        .args(["init", "later"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(r.status.success());
    wait_for("the build of later/", &log, || {
        dir.join("later/later.pdf").is_file()
    });
    let r = Command::new(BIN)
        .args(["init", "deep/b.toml"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    wait_for("the build of deep/b.toml", &log, || {
        dir.join("deep/b.pdf").is_file()
    });
    assert_eq!(interrupt(&mut w), Some(0));
    assert!(!said(&log).contains("error"), "{}", said(&log));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn watch_builds_a_deleted_pdf_again() {
    let dir = empty_dir("deleted");
    fs::write(dir.join("briefing.toml"), starter()).unwrap();
    let pdf = dir.join("briefing.pdf");
    let log = dir.join("watch.log");
    let mut w = start(&dir, &log, &[]);
    wait_for("the first build", &log, || {
        builds(&log) == 1 && said(&log).contains("watching")
    });
    let first = fs::read(&pdf).unwrap();
    fs::remove_file(&pdf).unwrap();
    wait_for("the PDF built again", &log, || {
        builds(&log) == 2 && pdf.is_file()
    });
    // The same content and epoch: the same bytes, back in place.
    assert_eq!(fs::read(&pdf).unwrap(), first);
    assert!(
        said(&log).contains("briefing.pdf was deleted; building it again"),
        "{}",
        said(&log)
    );
    // Saving the same content after another deletion builds it too.
    fs::remove_file(&pdf).unwrap();
    fs::write(dir.join("briefing.toml"), starter()).unwrap();
    wait_for("the PDF built again after a save", &log, || pdf.is_file());
    assert_eq!(interrupt(&mut w), Some(0));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn watch_follows_several_briefings_each_on_its_own_saves() {
    let dir = empty_dir("several");
    let briefs = dir.join("briefs");
    fs::create_dir_all(briefs.join("chile")).unwrap();
    let text = |t: &str| starter().replace("Title of the briefing", t);
    fs::write(briefs.join("peru.toml"), text("Peru")).unwrap();
    fs::write(briefs.join("bolivia.toml"), text("Bolivia")).unwrap();
    fs::write(briefs.join("chile/briefing.toml"), text("Chile")).unwrap();
    // Not briefings: left alone.
    fs::write(briefs.join("taplo.toml"), "[formatting]\n").unwrap();
    let log = dir.join("watch.log");
    // A folder of briefings.
    let mut w = start(&dir, &log, &["briefs"]);
    wait_for("three builds", &log, || {
        builds(&log) == 3 && said(&log).contains("watching")
    });
    assert!(
        said(&log).contains("watching 3 briefings"),
        "{}",
        said(&log)
    );
    let peru = briefs.join("peru.pdf");
    let bolivia = fs::read(briefs.join("bolivia.pdf")).unwrap();
    let chile = fs::read(briefs.join("chile/chile.pdf")).unwrap();
    let first_peru = fs::read(&peru).unwrap();
    fs::write(briefs.join("peru.toml"), text("Peru, again")).unwrap();
    wait_for("peru rebuilt", &log, || {
        fs::read(&peru).is_ok_and(|p| p != first_peru)
    });
    // Then bolivia: its build comes after anything peru's save caused,
    // so the lines show that peru's save built peru alone.
    fs::write(briefs.join("bolivia.toml"), text("Bolivia, again")).unwrap();
    wait_for("bolivia rebuilt", &log, || {
        fs::read(briefs.join("bolivia.pdf")).is_ok_and(|p| p != bolivia)
    });
    wait_for("the rebuilds' lines", &log, || builds(&log) >= 5);
    let lines: Vec<String> = said(&log)
        .lines()
        .filter(|l| is_build_line(l))
        .map(String::from)
        .collect();
    assert_eq!(lines.len(), 5, "{lines:#?}");
    assert!(lines[3].contains("wrote briefs/peru.pdf"), "{lines:#?}");
    assert!(lines[4].contains("wrote briefs/bolivia.pdf"), "{lines:#?}");
    assert_eq!(fs::read(briefs.join("chile/chile.pdf")).unwrap(), chile);
    assert_eq!(interrupt(&mut w), Some(0));

    // Several files named one by one, too.
    let log2 = dir.join("watch2.log");
    fs::remove_file(briefs.join("peru.pdf")).unwrap();
    let mut w = start(&dir, &log2, &["briefs/peru.toml", "briefs/chile"]);
    wait_for("two builds", &log2, || builds(&log2) == 2);
    assert!(briefs.join("peru.pdf").is_file());
    assert_eq!(interrupt(&mut w), Some(0));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn watch_refuses_a_pdf_it_did_not_write_without_claiming_to_keep_it() {
    let dir = empty_dir("foreign");
    fs::write(dir.join("briefing.toml"), starter()).unwrap();
    let theirs = b"%PDF-1.4\n% made by another program\n%%EOF\n";
    fs::write(dir.join("fake.pdf"), theirs).unwrap();
    let log = dir.join("watch.log");
    let mut w = start(&dir, &log, &["-o", "fake.pdf"]);
    wait_for("the refusal", &log, || said(&log).contains("--force"));
    assert_eq!(interrupt(&mut w), Some(0));
    let told = said(&log);
    assert!(told.contains("refusing to replace fake.pdf"), "{told}");
    assert!(!told.contains("kept the last good"), "{told}");
    assert_eq!(fs::read(dir.join("fake.pdf")).unwrap(), theirs);
    // With --force it is replaced.
    let log = dir.join("watch2.log");
    let mut w = start(&dir, &log, &["-o", "fake.pdf", "--force"]);
    wait_for("the build", &log, || builds(&log) == 1);
    assert_eq!(interrupt(&mut w), Some(0));
    assert_ne!(fs::read(dir.join("fake.pdf")).unwrap(), theirs);
    let _ = fs::remove_dir_all(&dir);
}

/// A pseudo-terminal: the controlling side, and the path of the terminal
/// side a child writes to.
fn pty() -> (fs::File, PathBuf) {
    use std::os::fd::FromRawFd;
    // SAFETY: plain libc calls on a descriptor we own; ptsname_r writes
    // into our buffer, of the length we pass.
    unsafe {
        let fd = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY);
        assert!(fd >= 0, "no pseudo-terminal");
        assert_eq!(libc::grantpt(fd), 0);
        assert_eq!(libc::unlockpt(fd), 0);
        let mut name = [0 as libc::c_char; 128];
        assert_eq!(libc::ptsname_r(fd, name.as_mut_ptr(), name.len()), 0);
        let path = std::ffi::CStr::from_ptr(name.as_ptr())
            .to_string_lossy()
            .into_owned();
        (fs::File::from_raw_fd(fd), PathBuf::from(path))
    }
}

#[test]
fn watch_clears_the_screen_on_a_terminal() {
    let dir = empty_dir("clear_tty");
    fs::write(dir.join("briefing.toml"), starter()).unwrap();
    let (mut master, tty) = pty();
    let terminal = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&tty)
        .unwrap();
    let child = Command::new(BIN)
        .args(["watch", "--clear"])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(terminal)
        .spawn()
        .unwrap();
    let mut w = Watch { child };
    // What the terminal shows, read off the controlling side.
    let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        use std::io::Read;
        let mut buf = [0u8; 4096];
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut shown = Vec::new();
    let start = Instant::now();
    while !String::from_utf8_lossy(&shown).contains("watching") {
        assert!(
            start.elapsed() < PATIENCE,
            "{:?}",
            String::from_utf8_lossy(&shown)
        );
        if let Ok(b) = rx.recv_timeout(Duration::from_millis(50)) {
            shown.extend(b);
        }
    }
    assert_eq!(interrupt(&mut w), Some(0));
    let shown = String::from_utf8_lossy(&shown).into_owned();
    let at = shown.find(CLEAR).expect("cleared");
    assert!(at < shown.find("wrote briefing.pdf").unwrap(), "{shown:?}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn watch_does_not_report_the_middle_of_a_save() {
    let dir = empty_dir("half");
    let toml = dir.join("briefing.toml");
    let starter = fs::read_to_string(format!("{ROOT}/src/cli/starter.toml")).unwrap();
    fs::write(&toml, &starter).unwrap();
    let log = dir.join("watch.log");
    let mut w = start(&dir, &log, &[]);
    wait_for("the first build", &log, || {
        builds(&log) == 1 && said(&log).contains("watching")
    });
    let first = fs::read(dir.join("briefing.pdf")).unwrap();

    // A save in steps, as an editor that truncates and writes does: the
    // empty file and the first half are not briefings.
    let changed = starter.replace("Title of the briefing", "Saved in steps");
    let (a, b) = changed.split_at(changed.len() / 2);
    {
        use std::io::Write;
        let mut f = fs::File::create(&toml).unwrap();
        f.write_all(a.as_bytes()).unwrap();
        f.flush().unwrap();
        // Long enough for the watcher to see the first half (and its
        // build to fail); the rest comes well within the moment a failed
        // build waits before it is reported.
        std::thread::sleep(Duration::from_millis(20));
        f.write_all(b.as_bytes()).unwrap();
    }
    wait_for("the rebuild", &log, || {
        fs::read(dir.join("briefing.pdf")).is_ok_and(|p| p != first)
    });
    assert_eq!(interrupt(&mut w), Some(0));
    let told = said(&log);
    assert!(
        !told.contains("error"),
        "the middle of the save was reported:\n{told}"
    );
    let _ = fs::remove_dir_all(&dir);
}
