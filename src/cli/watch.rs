//! `briefing watch`: rebuild on every save. It watches the folders of the
//! content file and of the font files it names (not the files themselves,
//! so editors that save by writing a new file and renaming it over the old
//! one are followed), keeps the events whose file name is one of those
//! files, waits for a save to settle, and rebuilds. A failed build prints
//! its diagnostics and leaves the last good PDF in place. Ctrl-C stops.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use super::args::WatchArgs;
use super::build::{build_one, default_output, options, DEFAULT_INPUT};
use super::EXIT_CONTENT;

/// How long a save must be quiet before we build: editors write a file in
/// a few steps (truncate, write, rename, touch) within milliseconds, and 60
/// ms gathers them into one build while staying far below the half second
/// an author waits for the new PDF.
const DEBOUNCE: Duration = Duration::from_millis(60);

enum Msg {
    Fs(notify::Result<notify::Event>),
    Stop,
}

pub fn watch(args: &WatchArgs, color: bool) -> ExitCode {
    let input = args
        .file
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INPUT));
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(&input));
    let opts = options(&args.style);

    let (tx, rx) = mpsc::channel::<Msg>();
    let stop = tx.clone();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = stop.send(Msg::Stop);
    }) {
        eprintln!("warning: Ctrl-C will not stop cleanly: {e}");
    }
    let mut watcher = match notify::recommended_watcher(move |res| {
        let _ = tx.send(Msg::Fs(res));
    }) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch files: {e}");
            return ExitCode::from(EXIT_CONTENT);
        }
    };

    // Watch before the first build, so that a save during it is not lost.
    let mut files = Watched::default();
    if let Err(e) = files.update(&mut watcher, &input, None) {
        eprintln!("error: {e}");
        return ExitCode::from(EXIT_CONTENT);
    }
    let before = fingerprint(&files);
    match build_one(&input, &out, &opts, color, false) {
        Some(b) => {
            if let Err(e) = files.update(&mut watcher, &input, Some(&b.source.text)) {
                eprintln!("warning: {e}");
            }
        }
        None if out.exists() => eprintln!("kept the last good {}", out.display()),
        None => {}
    }
    let mut last = built_from(&before, &files);
    eprintln!("watching {} (Ctrl-C to stop)", input.display());

    loop {
        match rx.recv() {
            Ok(Msg::Fs(Ok(ev))) if files.wants(&ev) => {}
            Ok(Msg::Fs(Ok(_))) => continue,
            Ok(Msg::Fs(Err(e))) => {
                eprintln!("warning: {e}");
                continue;
            }
            Ok(Msg::Stop) | Err(_) => break,
        }
        // Let the save settle: each further event on our files restarts
        // the wait (events on other files in the folder do not).
        let mut deadline = Instant::now() + DEBOUNCE;
        let stopped = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(Msg::Fs(Ok(ev))) if files.wants(&ev) => deadline = Instant::now() + DEBOUNCE,
                Ok(Msg::Fs(_)) => {}
                Ok(Msg::Stop) => break true,
                Err(mpsc::RecvTimeoutError::Timeout) => break false,
                Err(mpsc::RecvTimeoutError::Disconnected) => break true,
            }
        };
        if stopped {
            break;
        }
        // Editors and renames send several events for one save, some after
        // the wait: build only when a watched file's bytes really changed.
        let before = fingerprint(&files);
        if before == last {
            continue;
        }
        let built = build_one(&input, &out, &opts, color, false);
        match &built {
            Some(b) => {
                if let Err(e) = files.update(&mut watcher, &input, Some(&b.source.text)) {
                    eprintln!("warning: {e}");
                }
            }
            None if out.exists() => eprintln!("kept the last good {}", out.display()),
            None => {}
        }
        last = built_from(&before, &files);
    }
    eprintln!("stopped watching");
    ExitCode::SUCCESS
}

/// Each watched file with a hash of its bytes (`None`: missing), sorted.
type Fingerprint = Vec<(PathBuf, Option<u64>)>;

fn fingerprint(files: &Watched) -> Fingerprint {
    use std::hash::{Hash, Hasher};
    let mut out: Fingerprint = files
        .files
        .iter()
        .map(|(d, n)| {
            let p = d.join(n);
            let h = std::fs::read(&p).ok().map(|b| {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                b.hash(&mut h);
                h.finish()
            });
            (p, h)
        })
        .collect();
    out.sort();
    out
}

/// What a build was made from: the files as they were when it started,
/// and, for files it newly named (a font), as they are now.
fn built_from(before: &Fingerprint, files: &Watched) -> Fingerprint {
    fingerprint(files)
        .into_iter()
        .map(|(p, now)| match before.iter().find(|(q, _)| *q == p) {
            Some((_, then)) => (p, *then),
            None => (p, now),
        })
        .collect()
}

/// The files whose changes trigger a build, by folder and name.
#[derive(Default)]
struct Watched {
    dirs: HashSet<PathBuf>,
    files: HashSet<(PathBuf, OsString)>,
}

impl Watched {
    /// Watches the content file and the fonts its text names (when the
    /// text could be read).
    fn update(
        &mut self,
        watcher: &mut impl Watcher,
        input: &Path,
        text: Option<&str>,
    ) -> Result<(), String> {
        let mut wanted = vec![input.to_path_buf()];
        if let Some(text) = text {
            let dir = input.parent().unwrap_or(Path::new(""));
            wanted.extend(font_paths(text).into_iter().map(|p| dir.join(p)));
        }
        for (i, path) in wanted.iter().enumerate() {
            let Some(name) = path.file_name() else {
                continue;
            };
            let dir = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
                Some(d) => d.to_path_buf(),
                None => PathBuf::from("."),
            };
            let dir = match dir.canonicalize() {
                Ok(d) => d,
                // A font folder that does not exist yet is reported by the
                // build; the content file's folder must exist.
                Err(e) if i == 0 => return Err(format!("cannot watch {}: {e}", dir.display())),
                Err(_) => continue,
            };
            if self.dirs.insert(dir.clone()) {
                watcher
                    .watch(&dir, RecursiveMode::NonRecursive)
                    .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
            }
            self.files.insert((dir, name.to_os_string()));
        }
        Ok(())
    }

    /// Whether an event touches one of the files: a write, a creation, or
    /// a rename onto it. Reads (our own build opens the file) and removals
    /// (the first half of some editors' saves) do not count.
    fn wants(&self, ev: &notify::Event) -> bool {
        if matches!(ev.kind, EventKind::Access(_) | EventKind::Remove(_)) {
            return false;
        }
        ev.paths.iter().any(|p| match (p.parent(), p.file_name()) {
            (Some(dir), Some(name)) => self
                .files
                .contains(&(dir.to_path_buf(), name.to_os_string())),
            _ => false,
        })
    }
}

/// The font files a content file names under `[style.fonts]`, as written.
fn font_paths(text: &str) -> Vec<PathBuf> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let Some(fonts) = table
        .get("style")
        .and_then(|s| s.get("fonts"))
        .and_then(|f| f.as_table())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for spec in fonts.values() {
        match spec {
            toml::Value::String(p) => out.push(PathBuf::from(p)),
            toml::Value::Table(faces) => {
                out.extend(faces.values().filter_map(|v| v.as_str()).map(PathBuf::from))
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_font_paths() {
        let text = "[style.fonts]\nbody = \"a.ttf\"\nheading = { regular = \"b.otf\", bold = \"c.otf\" }\n";
        let mut got = font_paths(text);
        got.sort();
        assert_eq!(
            got,
            vec![
                PathBuf::from("a.ttf"),
                PathBuf::from("b.otf"),
                PathBuf::from("c.otf")
            ]
        );
    }
}
