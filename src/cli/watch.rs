//! `briefing watch`: rebuild on every save. It watches the folders of the
//! content file and of the font files it names (not the files themselves,
//! so editors that save by writing a new file and renaming it over the old
//! one are followed), and keeps the events whose file name is one of
//! those files.
//!
//! It builds at the first event of a save, with no wait: a build of the
//! sample takes less time than a fixed debounce would. Events that arrive
//! while it builds mean the file changed under it: the build is not
//! written, and the file is built again. A half-written file is never
//! made into the PDF: what was read must still be what is on disk when the
//! PDF is renamed into place, and a build that fails (an empty or cut-off
//! file does not parse or lacks keys) is reported only if no further event
//! comes within a moment, so the middle of a save does not flash an error.
//! A failed build leaves the last good PDF in place. Ctrl-C stops.
//!
//! Each report line starts with the time, and a build that succeeds after
//! failures says since when it had been failing.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use super::args::WatchArgs;
use super::build::{describe, options, plural, EXIT_USAGE};
use super::naming::{self, Input, Target};
use super::output::{check_target, write_atomic_with};
use super::read::read_source;
use super::report;
use super::EXIT_CONTENT;
use crate::diag::{Diagnostics, Source};
use crate::pipeline::{self, Options};

/// How long a failed build waits for another event before it is reported:
/// the steps of one save (truncate, write, rename) come within a few
/// milliseconds, and an error shown a tenth of a second later is still
/// shown at once to a person.
const SETTLE: Duration = Duration::from_millis(100);

enum Msg {
    Fs(notify::Result<notify::Event>),
    Stop,
}

pub fn watch(args: &WatchArgs, color: bool) -> ExitCode {
    if let Some(n) = &args.name {
        if let Err(e) = naming::check_name(n) {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    }
    if args.output.as_ref().is_some_and(|o| o.as_os_str() == "-") {
        eprintln!("error: watch writes a file it can replace on every save; -o - (the standard output) cannot be watched");
        return ExitCode::from(EXIT_USAGE);
    }
    let input = match &args.file {
        Some(f) if f.as_os_str() == "-" => {
            eprintln!("error: watch rebuilds a file when it is saved; the standard input cannot be watched (use `briefing build -`)");
            return ExitCode::from(EXIT_USAGE);
        }
        Some(f) if f.is_dir() => f.join(super::naming::DEFAULT_INPUT),
        Some(f) => f.clone(),
        None => PathBuf::from(super::naming::DEFAULT_INPUT),
    };
    if !input.exists() && !args.wait {
        match read_source(&input) {
            Err(e) => eprintln!("error: {e}; `briefing watch --wait` waits for it to appear"),
            Ok(_) => eprintln!("error: {} disappeared", input.display()),
        }
        return ExitCode::from(EXIT_CONTENT);
    }

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

    let mut w = Session {
        input: input.clone(),
        output: args.output.clone(),
        name: args.name.clone(),
        opts: options(&args.style),
        color,
        clear: args.clear,
        open: args.open,
        opened: false,
        failing_since: None,
        last: None,
    };
    let mut pending = input.exists();
    if !pending {
        eprintln!("[{}] waiting for {} to appear", clock(), input.display());
    }
    let mut said_watching = false;
    loop {
        if pending {
            pending = false;
            // Build what is on disk, unless it is what the last build read.
            let now = fingerprint(&files);
            if w.last.as_ref() != Some(&now) {
                match w.attempt() {
                    Attempt::Built { source, out, ms } => {
                        let changed = drain(&rx, &files);
                        match changed {
                            Drained::Stop => break,
                            Drained::Events if on_disk_differs(&source) => {
                                // Changed while building: not written; again.
                                pending = true;
                                continue;
                            }
                            _ => {}
                        }
                        if let Some(out) = w.commit(&source, *out, ms) {
                            if let Err(e) = files.update(&mut watcher, &input, Some(&source.text)) {
                                eprintln!("warning: {e}");
                            }
                            w.last = Some(built_from(&now, &files));
                            w.maybe_open(&out);
                        }
                    }
                    Attempt::Failed(report) => {
                        // Wait a moment: a save in several steps sends more.
                        match settle(&rx, &files) {
                            Drained::Stop => break,
                            Drained::Events => {
                                pending = true;
                                continue;
                            }
                            Drained::Nothing => {
                                w.report_failure(report);
                                w.last = Some(now);
                            }
                        }
                    }
                }
            }
        }
        if !said_watching {
            said_watching = true;
            eprintln!(
                "[{}] watching {} (Ctrl-C to stop)",
                clock(),
                input.display()
            );
        }
        match rx.recv() {
            Ok(Msg::Fs(Ok(ev))) if files.wants(&ev) => pending = true,
            Ok(Msg::Fs(Ok(_))) => {}
            Ok(Msg::Fs(Err(e))) => eprintln!("warning: {e}"),
            Ok(Msg::Stop) | Err(_) => break,
        }
        // Everything already queued belongs to the same save.
        if pending && matches!(drain(&rx, &files), Drained::Stop) {
            break;
        }
    }
    eprintln!("stopped watching");
    ExitCode::SUCCESS
}

/// What came in meanwhile.
enum Drained {
    Nothing,
    Events,
    Stop,
}

/// Takes every message already queued.
fn drain(rx: &mpsc::Receiver<Msg>, files: &Watched) -> Drained {
    let mut seen = Drained::Nothing;
    loop {
        match rx.try_recv() {
            Ok(Msg::Fs(Ok(ev))) if files.wants(&ev) => seen = Drained::Events,
            Ok(Msg::Fs(_)) => {}
            Ok(Msg::Stop) | Err(mpsc::TryRecvError::Disconnected) => return Drained::Stop,
            Err(mpsc::TryRecvError::Empty) => return seen,
        }
    }
}

/// Waits up to [`SETTLE`] for another event on the files.
fn settle(rx: &mpsc::Receiver<Msg>, files: &Watched) -> Drained {
    let deadline = Instant::now() + SETTLE;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(Msg::Fs(Ok(ev))) if files.wants(&ev) => {
                return match drain(rx, files) {
                    Drained::Stop => Drained::Stop,
                    _ => Drained::Events,
                }
            }
            Ok(Msg::Fs(_)) => {}
            Ok(Msg::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => return Drained::Stop,
            Err(mpsc::RecvTimeoutError::Timeout) => return Drained::Nothing,
        }
    }
}

/// Whether the content file no longer holds what a build read.
fn on_disk_differs(source: &Source) -> bool {
    let limit = crate::model::MAX_FILE_BYTES as u64;
    crate::safe_read::read_bounded(&source.path, limit)
        .map_or(true, |b| b != source.text.as_bytes())
}

/// The state of one watch.
struct Session {
    input: PathBuf,
    output: Option<PathBuf>,
    name: Option<String>,
    opts: Options,
    color: bool,
    clear: bool,
    open: bool,
    opened: bool,
    /// When the builds started failing (`None`: the last one was good).
    failing_since: Option<String>,
    /// What the last reported build was made from.
    last: Option<Fingerprint>,
}

/// A build made in memory, not yet written; or why there is none.
enum Attempt {
    Built {
        source: Source,
        /// Boxed: a whole laid-out briefing is large beside a failure.
        out: Box<(Target, pipeline::Output)>,
        ms: f64,
    },
    Failed(Failure),
}

/// A failed build's report, printed only once the save has settled.
struct Failure {
    source: Option<Source>,
    diags: Diagnostics,
    message: String,
    /// The failure's code, where it has one (E0022: the file is too large).
    code: Option<&'static str>,
}

impl Session {
    /// Reads and builds the content file; nothing is written or printed.
    fn attempt(&self) -> Attempt {
        let start = Instant::now();
        let source = match read_source(&self.input) {
            Ok(s) => s,
            Err(e) => {
                return Attempt::Failed(Failure {
                    source: None,
                    diags: Diagnostics::default(),
                    message: e.to_string(),
                    code: e.code,
                })
            }
        };
        let briefing = crate::model::parse(&source).0;
        let target = naming::targets(
            &[Input::File(self.input.clone())],
            &[briefing.as_ref()],
            self.output.as_deref(),
            self.name.as_deref(),
            "pdf",
        );
        let target = match target.map(|mut t| t.pop()) {
            Ok(Some(t)) => t,
            Ok(None) => {
                return Attempt::Failed(Failure {
                    source: Some(source),
                    diags: Diagnostics::default(),
                    message: "no output to write".into(),
                    code: None,
                })
            }
            Err(e) => {
                return Attempt::Failed(Failure {
                    source: Some(source),
                    diags: Diagnostics::default(),
                    message: e,
                    code: None,
                })
            }
        };
        match pipeline::compile(&source, &self.opts) {
            Ok(output) => Attempt::Built {
                source,
                out: Box::new((target, output)),
                ms: start.elapsed().as_secs_f64() * 1000.0,
            },
            Err(diags) => {
                let diags = report::complete(diags, &source, &self.opts);
                let n = diags.errors().count();
                let message = format!("{} not built: {n} error{}", self.input.display(), plural(n));
                Attempt::Failed(Failure {
                    source: Some(source),
                    diags,
                    message,
                    code: None,
                })
            }
        }
    }

    /// Writes a build into place and reports it; the path written, or
    /// `None` when it could not be written (reported as a failure).
    fn commit(
        &mut self,
        source: &Source,
        (target, output): (Target, pipeline::Output),
        ms: f64,
    ) -> Option<PathBuf> {
        let Target::File(path) = target else {
            return None;
        };
        let written = check_target(&path, &self.input)
            .and_then(|()| write_atomic_with(&path, &output.pdf, |p| check_target(p, &self.input)))
            .map_err(|e| e.to_string());
        if let Err(e) = written {
            self.report_failure(Failure {
                source: Some(source.clone()),
                diags: output.diagnostics,
                message: e,
                code: None,
            });
            return None;
        }
        self.screen();
        report::print_human(&output.diagnostics, source, self.color);
        let line = format!(
            "wrote {} in {ms:.0} ms",
            describe(&path.display().to_string(), &output)
        );
        match self.failing_since.take() {
            Some(since) => eprintln!("[{}] fixed: {line} (was failing since {since})", clock()),
            None => eprintln!("[{}] {line}", clock()),
        }
        Some(path)
    }

    fn report_failure(&mut self, f: Failure) {
        self.screen();
        if let Some(src) = &f.source {
            report::print_human(&f.diags, src, self.color);
        }
        let now = clock();
        let kept = self
            .last_pdf()
            .filter(|p| p.exists())
            .map(|p| format!("; kept the last good {}", p.display()))
            .unwrap_or_default();
        let code = f.code.map(|c| format!("[{c}]")).unwrap_or_default();
        eprintln!("[{now}] error{code}: {}{kept}", f.message);
        if self.failing_since.is_none() {
            self.failing_since = Some(now);
        }
    }

    /// The PDF this watch would write now, for "kept the last good …".
    fn last_pdf(&self) -> Option<PathBuf> {
        let source = read_source(&self.input).ok();
        let b = source.as_ref().and_then(|s| crate::model::parse(s).0);
        let t = naming::targets(
            &[Input::File(self.input.clone())],
            &[b.as_ref()],
            self.output.as_deref(),
            self.name.as_deref(),
            "pdf",
        )
        .ok()?;
        match t.into_iter().next()? {
            Target::File(p) => Some(p),
            Target::Stdout => None,
        }
    }

    /// `--clear`: a fresh screen for each build's report.
    fn screen(&self) {
        if self.clear {
            eprint!("\x1b[2J\x1b[3J\x1b[H");
        }
    }

    /// `--open`: the first good PDF, in the system viewer, once.
    fn maybe_open(&mut self, pdf: &Path) {
        if !self.open || self.opened {
            return;
        }
        self.opened = true;
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        match std::process::Command::new(opener)
            .arg(pdf)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
        {
            Ok(mut child) => {
                eprintln!("[{}] opened {} with {opener}", clock(), pdf.display());
                // Reaped off the loop: the viewer may stay open for hours.
                std::thread::spawn(move || child.wait());
            }
            Err(e) => eprintln!("warning: cannot open {} with {opener}: {e}", pdf.display()),
        }
    }
}

/// The local time of day, `HH:MM:SS`.
fn clock() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let local = secs + utc_offset(secs);
    let day = local.rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", day / 3600, day % 3600 / 60, day % 60)
}

/// The local time zone's offset from UTC at `secs`, in seconds.
#[cfg(unix)]
fn utc_offset(secs: i64) -> i64 {
    let t = secs as libc::time_t;
    // SAFETY: `localtime_r` reads `t` and fills the `tm` we own; it is the
    // thread-safe form (no shared static buffer), and `tm` is plain data
    // for which all-zero bytes are a valid value.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    let ok = unsafe { !libc::localtime_r(&t, &mut tm).is_null() };
    if ok {
        tm.tm_gmtoff
    } else {
        0
    }
}

#[cfg(not(unix))]
fn utc_offset(_: i64) -> i64 {
    0
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
            // Never blocks on a FIFO nor reads a device: such a file
            // counts as missing.
            let limit = crate::model::MAX_FONT_BYTES;
            let h = crate::safe_read::read_bounded(&p, limit).ok().map(|b| {
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

    #[test]
    fn clock_reads_as_a_time() {
        let c = clock();
        assert_eq!(c.len(), 8, "{c}");
        assert_eq!(&c[2..3], ":");
        assert_eq!(&c[5..6], ":");
    }
}
