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

/// How many builds the watcher has finished ("wrote …" lines).
fn builds(log: &Path) -> usize {
    fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("wrote "))
        .count()
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
    let child = Command::new(BIN)
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
    let built = builds(&log);

    // A broken save: the error is printed and the PDF stays as it was.
    fs::write(&toml, starter.replace("[summary]", "[sumary]")).unwrap();
    wait_for("the error", &log, || {
        fs::read_to_string(&log).unwrap().contains("error[E0004]")
    });
    let said = fs::read_to_string(&log).unwrap();
    assert!(said.contains("did you mean `summary`?"), "{said}");
    assert!(said.contains("kept the last good"), "{said}");
    assert_eq!(builds(&log), built);
    assert_eq!(
        fs::read(&pdf).unwrap(),
        good,
        "the last good PDF was touched"
    );

    // Fixed again: it builds again.
    fs::write(&toml, &starter).unwrap();
    wait_for("the rebuild after the fix", &log, || builds(&log) > built);
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
