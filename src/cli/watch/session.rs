//! One watched briefing: its files, the build made in memory (on a worker
//! of the pool, printing nothing), and the report and write made on the
//! watch loop once the save has settled.

use std::path::PathBuf;
use std::time::Instant;

use super::clock;
use super::files::{Fingerprint, Watched};
use crate::cli::build::{describe, plural};
use crate::cli::naming::{self, Input, Target};
use crate::cli::ours::{self, Found};
use crate::cli::output::{check_target, write_atomic_with};
use crate::cli::read::read_source;
use crate::cli::report;
use crate::diag::{Diagnostics, Source};
use crate::pipeline::{self, Options};

/// What every briefing of one watch shares: the command line.
pub struct Config {
    pub output: Option<PathBuf>,
    pub name: Option<String>,
    pub opts: Options,
    pub color: bool,
    /// `--clear`, and the screen is a terminal.
    pub clear: bool,
    pub open: bool,
    pub force: bool,
    /// `--against OLD`: build the redline of the briefing against OLD.
    pub against: Option<crate::cli::diff::Old>,
}

/// The state of one watched briefing.
pub struct Session {
    pub input: Input,
    /// The content file.
    pub path: PathBuf,
    pub files: Watched,
    /// Waiting for the content file to appear (`--wait`).
    pub waiting: bool,
    opened: bool,
    /// When the builds started failing (`None`: the last one was good).
    failing_since: Option<String>,
    /// What the last reported build was made from.
    pub last: Option<Fingerprint>,
    /// The PDF this watch last wrote.
    pub wrote: Option<PathBuf>,
}

/// A build made in memory, not yet written; or why there is none.
pub enum Attempt {
    Built {
        source: Source,
        /// Boxed: a whole laid-out briefing is large beside a failure.
        out: Box<(Target, pipeline::Output)>,
        ms: f64,
    },
    Failed(Failure),
}

impl Attempt {
    /// A failure with only a message.
    pub fn failed(message: String) -> Attempt {
        Attempt::Failed(Failure {
            source: None,
            diags: Diagnostics::default(),
            message,
            code: None,
        })
    }
}

/// A failed build's report, printed only once the save has settled.
pub struct Failure {
    source: Option<Source>,
    diags: Diagnostics,
    message: String,
    /// The failure's code, where it has one (E0022: the file is too large).
    code: Option<&'static str>,
}

impl Session {
    pub fn new(input: Input) -> Session {
        Session {
            path: input.path(),
            input,
            files: Watched::default(),
            waiting: false,
            opened: false,
            failing_since: None,
            last: None,
            wrote: None,
        }
    }

    /// Whether there is anything to build: the files differ from what
    /// the last report was made from, or the PDF written is gone.
    pub fn stale(&self, now: &Fingerprint) -> bool {
        self.last.as_ref() != Some(now) || self.pdf_gone()
    }

    /// Whether the PDF this watch wrote has been deleted since.
    pub fn pdf_gone(&self) -> bool {
        self.wrote.as_ref().is_some_and(|p| !p.exists())
    }

    /// The target of this briefing's PDF for its current text.
    fn target(
        &self,
        briefing: Option<&crate::model::Briefing>,
        c: &Config,
    ) -> Result<Target, String> {
        if c.against.is_some() && c.output.is_none() {
            // A redline goes beside the briefing, as `briefing diff` puts it.
            return Ok(Target::File(crate::cli::diff::default_target(
                &self.path, "pdf",
            )));
        }
        naming::targets(
            std::slice::from_ref(&self.input),
            &[briefing],
            c.output.as_deref(),
            c.name.as_deref(),
            "pdf",
        )?
        .pop()
        .ok_or_else(|| "no output to write".to_string())
    }

    /// Reads and builds the content file; nothing is written or printed.
    pub fn attempt(&self, c: &Config) -> Attempt {
        let start = Instant::now();
        let source = match read_source(&self.path) {
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
        let target = match self.target(briefing.as_ref(), c) {
            Ok(t) => t,
            Err(message) => {
                return Attempt::Failed(Failure {
                    source: Some(source),
                    diags: Diagnostics::default(),
                    message,
                    code: None,
                })
            }
        };
        let built = match &c.against {
            None => pipeline::compile(&source, &c.opts).map_err(|d| (None, d)),
            Some(against) => {
                // OLD read again for each build (a file may be edited too,
                // a revision names what it names).
                let old = match crate::cli::diff::read_old(against, &self.path) {
                    Ok(o) => o,
                    Err(e) => {
                        return Attempt::Failed(Failure {
                            source: None,
                            diags: Diagnostics::default(),
                            message: e.to_string(),
                            code: e.code,
                        })
                    }
                };
                pipeline::compile_redline(&old, &source, &c.opts)
                    .map(|r| r.output)
                    .map_err(|(side, d)| ((side == pipeline::Side::Old).then_some(old), d))
            }
        };
        match built {
            Ok(output) => Attempt::Built {
                source,
                out: Box::new((target, output)),
                ms: start.elapsed().as_secs_f64() * 1000.0,
            },
            Err((Some(old), diags)) => {
                let n = diags.errors().count();
                let message = format!(
                    "{} not built: {n} error{} in {}",
                    self.path.display(),
                    plural(n),
                    old.path.display()
                );
                Attempt::Failed(Failure {
                    source: Some(old),
                    diags,
                    message,
                    code: None,
                })
            }
            Err((None, diags)) => {
                let diags = report::complete(diags, &source, &c.opts);
                let n = diags.errors().count();
                let message = format!("{} not built: {n} error{}", self.path.display(), plural(n));
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
    pub fn commit(
        &mut self,
        c: &Config,
        source: &Source,
        (target, output): (Target, pipeline::Output),
        ms: f64,
    ) -> Option<PathBuf> {
        let Target::File(path) = target else {
            return None;
        };
        let written = check_target(&path, &self.path, c.force)
            .and_then(|()| {
                write_atomic_with(&path, &output.pdf, |p| check_target(p, &self.path, c.force))
            })
            .map_err(|e| e.to_string());
        if let Err(e) = written {
            self.report_failure(
                c,
                Failure {
                    source: Some(source.clone()),
                    diags: output.diagnostics,
                    message: e,
                    code: None,
                },
            );
            return None;
        }
        screen(c);
        report::print_human(&output.diagnostics, source, c.color);
        let line = format!(
            "wrote {} in {ms:.0} ms",
            describe(&path.display().to_string(), &output)
        );
        match self.failing_since.take() {
            Some(since) => eprintln!("[{}] fixed: {line} (was failing since {since})", clock()),
            None => eprintln!("[{}] {line}", clock()),
        }
        self.wrote = Some(path.clone());
        Some(path)
    }

    pub fn report_failure(&mut self, c: &Config, f: Failure) {
        screen(c);
        if let Some(src) = &f.source {
            report::print_human(&f.diags, src, c.color);
        }
        let now = clock();
        // Only a PDF of ours is "the last good" one: never a file that
        // is in the way, nor one that was never built.
        let kept = self
            .last_pdf(c)
            .filter(|p| ours::pdf(p) == Found::Ours)
            .map(|p| format!("; kept the last good {}", p.display()))
            .unwrap_or_default();
        let code = f.code.map(|c| format!("[{c}]")).unwrap_or_default();
        eprintln!("[{now}] error{code}: {}{kept}", f.message);
        if self.failing_since.is_none() {
            self.failing_since = Some(now);
        }
    }

    /// The PDF this watch would write now, for "kept the last good …".
    fn last_pdf(&self, c: &Config) -> Option<PathBuf> {
        let source = read_source(&self.path).ok();
        let b = source.as_ref().and_then(|s| crate::model::parse(s).0);
        match self.target(b.as_ref(), c).ok()? {
            Target::File(p) => Some(p),
            Target::Stdout => None,
        }
    }

    /// `--open`: the first good PDF, in the system viewer, once.
    pub fn maybe_open(&mut self, c: &Config, pdf: &std::path::Path) {
        if c.open && !self.opened {
            self.opened = true;
            super::open::open(pdf);
        }
    }
}

/// `--clear`: a fresh screen for each build's report (on a terminal).
fn screen(c: &Config) {
    if c.clear {
        eprint!("\x1b[2J\x1b[3J\x1b[H");
    }
}
