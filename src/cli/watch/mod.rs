//! `briefing watch`: rebuild on every save, for one briefing or several
//! (files, or a folder of briefings), each on its own saves; the builds
//! of one moment run on the worker pool ([`crate::cli::pool`]).
//!
//! It builds at the first event of a save, with no wait: a build of the
//! sample takes less time than a fixed debounce would. Events that arrive
//! while it builds mean the file changed under it: the build is not
//! written, and the file is built again. A half-written file is never
//! made into the PDF: what was read must still be what is on disk when the
//! PDF is renamed into place, and a build that fails (an empty or cut-off
//! file does not parse or lacks keys) is reported only if no further event
//! comes within a moment, so the middle of a save does not flash an error.
//! A failed build leaves the last good PDF in place; a PDF deleted while
//! watching is built again at once. Ctrl-C stops.
//!
//! Each report line starts with the time, and a build that succeeds after
//! failures says since when it had been failing.

mod files;
mod open;
mod session;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use super::args::WatchArgs;
use super::build::{options, EXIT_USAGE};
use super::naming::{self, Input, DEFAULT_INPUT};
use super::read::{is_briefing, read_source};
use super::EXIT_CONTENT;
use crate::diag::Source;
use files::{Dirs, Touch};
use session::{Attempt, Config, Session};

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
    let inputs = match inputs(&args.files, args.wait) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    if let Some(old) = &args.against {
        if inputs.len() != 1 {
            eprintln!("error: --against {old} redlines one briefing; name one file to watch");
            return ExitCode::from(EXIT_USAGE);
        }
        if old == "-" {
            eprintln!("error: --against reads OLD again for each build; the standard input cannot be read twice");
            return ExitCode::from(EXIT_USAGE);
        }
    }
    if !args.wait {
        for input in &inputs {
            let path = input.path();
            if !path.exists() {
                match read_source(&path) {
                    Err(e) => {
                        eprintln!("error: {e}; `briefing watch --wait` waits for it to appear")
                    }
                    Ok(_) => eprintln!("error: {} disappeared", path.display()),
                }
                return ExitCode::from(EXIT_CONTENT);
            }
        }
    }
    // Two briefings never write one PDF (names as they are now).
    let texts: Vec<Option<Source>> = inputs.iter().map(|i| read_source(&i.path()).ok()).collect();
    let briefings: Vec<Option<crate::model::Briefing>> = texts
        .iter()
        .map(|s| s.as_ref().and_then(|s| crate::model::parse(s).0))
        .collect();
    let refs: Vec<Option<&crate::model::Briefing>> = briefings.iter().map(Option::as_ref).collect();
    if let Err(e) = naming::targets(
        &inputs,
        &refs,
        args.output.as_deref(),
        args.name.as_deref(),
        "pdf",
    ) {
        eprintln!("error: {e}");
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
    let config = Config {
        output: args.output.clone(),
        name: args.name.clone(),
        opts: options(&args.style),
        color,
        // Escape codes only where they clear a screen: the reports go to
        // stderr, so it must be a terminal (not a pipe or a log file).
        clear: args.clear && std::io::stderr().is_terminal(),
        open: args.open,
        force: args.force,
        against: args.against.as_deref().map(super::diff::Old::parse),
    };
    let mut dirs = Dirs::new();
    let mut sessions: Vec<Session> = inputs.into_iter().map(Session::new).collect();
    // Watch before the first build, so that a save during it is not lost.
    for s in &mut sessions {
        if let Err(e) = s.files.update(&mut watcher, &mut dirs, &s.path, None) {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_CONTENT);
        }
        if !s.path.exists() {
            s.waiting = true;
            eprintln!("[{}] waiting for {} to appear", clock(), s.path.display());
        }
    }

    let n = sessions.len();
    let mut pending = vec![true; n];
    let mut said_watching = false;
    'watch: loop {
        // A file waited for may have appeared, or its folder (watched
        // again from there).
        for (i, s) in sessions.iter_mut().enumerate() {
            if s.waiting && pending[i] {
                if let Err(e) = s.files.update(&mut watcher, &mut dirs, &s.path, None) {
                    eprintln!("warning: {e}");
                }
                s.waiting = !s.path.exists();
                pending[i] = !s.waiting;
            }
        }
        // Build what is on disk, unless it is what the last build read.
        let mut todo = Vec::new();
        for (i, s) in sessions.iter().enumerate() {
            if !std::mem::take(&mut pending[i]) {
                continue;
            }
            let now = s.files.fingerprint();
            if s.stale(&now) {
                if s.last.as_ref() == Some(&now) {
                    if let Some(p) = &s.wrote {
                        eprintln!(
                            "[{}] {} was deleted; building it again",
                            clock(),
                            p.display()
                        );
                    }
                }
                todo.push((i, now));
            }
        }
        if !todo.is_empty() {
            let attempts = build_all(&sessions, &todo, &config);
            // Events that came while building: those files changed under
            // their builds.
            let mut during = vec![Touch::Nothing; n];
            if drain(&rx, &sessions, &mut during) {
                break 'watch;
            }
            let mut failed = Vec::new();
            for ((i, now), attempt) in todo.into_iter().zip(attempts) {
                match attempt {
                    Attempt::Built { source, out, ms } => {
                        if during[i] == Touch::Source && on_disk_differs(&source) {
                            // Changed while building: not written; again.
                            pending[i] = true;
                            continue;
                        }
                        let s = &mut sessions[i];
                        if let Some(pdf) = s.commit(&config, &source, *out, ms) {
                            let watched = s
                                .files
                                .update(&mut watcher, &mut dirs, &s.path, Some(&source.text))
                                .and_then(|()| s.files.set_output(&mut watcher, &mut dirs, &pdf));
                            if let Err(e) = watched {
                                eprintln!("warning: {e}");
                            }
                            s.last = Some(s.files.built_from(&now));
                            s.maybe_open(&config, &pdf);
                        }
                    }
                    Attempt::Failed(f) => failed.push((i, now, f)),
                }
            }
            if !failed.is_empty() {
                // Wait a moment: a save in several steps sends more.
                let mut more = vec![Touch::Nothing; n];
                if settle(&rx, &sessions, &mut more) {
                    break 'watch;
                }
                for (i, now, f) in failed {
                    if during[i] == Touch::Source || more[i] == Touch::Source {
                        pending[i] = true;
                    } else {
                        sessions[i].report_failure(&config, f);
                        sessions[i].last = Some(now);
                    }
                }
                merge(&mut pending, &more);
            }
            merge(&mut pending, &during);
            if pending.iter().any(|p| *p) {
                continue;
            }
        }
        if !said_watching {
            said_watching = true;
            let names: Vec<String> = sessions
                .iter()
                .map(|s| s.path.display().to_string())
                .collect();
            let what = match names.as_slice() {
                [one] => one.clone(),
                many => format!("{} briefings: {}", many.len(), many.join(", ")),
            };
            eprintln!("[{}] watching {what} (Ctrl-C to stop)", clock());
        }
        let mut touched = vec![Touch::Nothing; n];
        match rx.recv() {
            Ok(Msg::Fs(Ok(ev))) => route(&ev, &sessions, &mut touched),
            Ok(Msg::Fs(Err(e))) => eprintln!("warning: {e}"),
            Ok(Msg::Stop) | Err(_) => break,
        }
        // Everything already queued belongs to the same save.
        if drain(&rx, &sessions, &mut touched) {
            break;
        }
        merge(&mut pending, &touched);
    }
    eprintln!("stopped watching");
    ExitCode::SUCCESS
}

/// The briefings the arguments name: none means `briefing.toml`; a
/// folder means its `briefing.toml`, or, when it has none, the briefings
/// in it (each `.toml` with a title, each subfolder with a
/// `briefing.toml`); a name that does not exist yet is a file when it
/// ends in `.toml`, else a folder (`watch later --wait`, then `init later`).
fn inputs(args: &[PathBuf], wait: bool) -> Result<Vec<Input>, String> {
    if args.is_empty() {
        return Ok(vec![Input::File(PathBuf::from(DEFAULT_INPUT))]);
    }
    let mut out: Vec<Input> = Vec::new();
    for a in args {
        if a.as_os_str() == "-" {
            return Err("watch rebuilds a file when it is saved; the standard input cannot be watched (use `briefing build -`)".into());
        }
        if a.is_dir() {
            if a.join(DEFAULT_INPUT).exists() {
                out.push(Input::Folder(a.clone()));
                continue;
            }
            let found = briefings_in(a);
            if found.is_empty() {
                if wait {
                    out.push(Input::Folder(a.clone()));
                    continue;
                }
                return Err(format!(
                    "{} holds no briefing (no {DEFAULT_INPUT}, no .toml file with a title, no folder with a {DEFAULT_INPUT})",
                    a.display()
                ));
            }
            out.extend(found);
        } else if a.exists()
            || a.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        {
            out.push(Input::File(a.clone()));
        } else {
            out.push(Input::Folder(a.clone()));
        }
    }
    // A file named twice (or found twice) is watched once.
    let mut seen: Vec<PathBuf> = Vec::new();
    out.retain(|i| {
        let p = i.path();
        let key = p.canonicalize().unwrap_or(p);
        let new = !seen.contains(&key);
        seen.push(key);
        new
    });
    Ok(out)
}

/// The briefings in a folder without a `briefing.toml`, sorted by name.
fn briefings_in(dir: &Path) -> Vec<Input> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    entries
        .into_iter()
        .filter_map(|p| {
            if p.is_dir() && p.join(DEFAULT_INPUT).is_file() {
                Some(Input::Folder(p))
            } else if p.extension().is_some_and(|e| e == "toml") && is_briefing(&p) {
                Some(Input::File(p))
            } else {
                None
            }
        })
        .collect()
}

/// Builds the briefings of `todo` at once, on the worker pool.
fn build_all(
    sessions: &[Session],
    todo: &[(usize, files::Fingerprint)],
    config: &Config,
) -> Vec<Attempt> {
    let slots: Vec<Mutex<Option<Attempt>>> = todo.iter().map(|_| Mutex::new(None)).collect();
    super::pool::run(todo.len(), |k| {
        let a = sessions[todo[k].0].attempt(config);
        if let Ok(mut slot) = slots[k].lock() {
            *slot = Some(a);
        }
        true
    });
    slots
        .into_iter()
        .map(|m| {
            m.into_inner().ok().flatten().unwrap_or_else(|| {
                // A build that panicked: reported as any failure is.
                Attempt::failed("the build stopped unexpectedly".into())
            })
        })
        .collect()
}

/// Marks the briefings an event touches (a change outranks a loss).
fn route(ev: &notify::Event, sessions: &[Session], touched: &mut [Touch]) {
    for (s, t) in sessions.iter().zip(touched.iter_mut()) {
        match s.files.touch(ev) {
            Touch::Nothing => {}
            Touch::Output if *t == Touch::Source => {}
            new => *t = new,
        }
    }
}

fn merge(pending: &mut [bool], touched: &[Touch]) {
    for (p, t) in pending.iter_mut().zip(touched) {
        *p |= *t != Touch::Nothing;
    }
}

/// Takes every message already queued; `true` when told to stop.
fn drain(rx: &mpsc::Receiver<Msg>, sessions: &[Session], touched: &mut [Touch]) -> bool {
    loop {
        match rx.try_recv() {
            Ok(Msg::Fs(Ok(ev))) => route(&ev, sessions, touched),
            Ok(Msg::Fs(Err(_))) => {}
            Ok(Msg::Stop) | Err(mpsc::TryRecvError::Disconnected) => return true,
            Err(mpsc::TryRecvError::Empty) => return false,
        }
    }
}

/// Waits up to [`SETTLE`] for another event on any briefing's files;
/// `true` when told to stop.
fn settle(rx: &mpsc::Receiver<Msg>, sessions: &[Session], touched: &mut [Touch]) -> bool {
    let deadline = Instant::now() + SETTLE;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(Msg::Fs(Ok(ev))) => {
                route(&ev, sessions, touched);
                if touched.contains(&Touch::Source) {
                    return drain(rx, sessions, touched);
                }
            }
            Ok(Msg::Fs(Err(_))) => {}
            Ok(Msg::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => return true,
            Err(mpsc::RecvTimeoutError::Timeout) => return false,
        }
    }
}

/// Whether the content file no longer holds what a build read.
fn on_disk_differs(source: &Source) -> bool {
    let limit = crate::model::MAX_FILE_BYTES as u64;
    crate::safe_read::read_bounded(&source.path, limit)
        .map_or(true, |b| b != source.text.as_bytes())
}

/// The local time of day, `HH:MM:SS`.
pub fn clock() -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_reads_as_a_time() {
        let c = clock();
        assert_eq!(c.len(), 8, "{c}");
        assert_eq!(&c[2..3], ":");
        assert_eq!(&c[5..6], ":");
    }
}
