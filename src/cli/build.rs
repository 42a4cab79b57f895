//! `briefing build` and `briefing check`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use super::args::{BuildArgs, CheckArgs, CheckFormat, StyleArgs};
use super::output::{check_target, write_atomic};
use super::report;
use super::EXIT_CONTENT;
use crate::diag::Source;
use crate::pipeline::{self, Options};

/// The content file used when none is named.
pub const DEFAULT_INPUT: &str = "briefing.toml";

/// Reads a content file; a file that is not UTF-8 is a located error.
pub fn read_source(path: &Path) -> Result<Source, String> {
    let bytes = std::fs::read(path).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::NotFound && path == Path::new(DEFAULT_INPUT) {
            " (run `briefing init` to write a starter file)"
        } else {
            ""
        };
        format!("cannot read {}: {e}{hint}", path.display())
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(path, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let src = Source::new(path, text);
            let lc = src.line_col(at);
            Err(format!(
                "{}:{}:{}: the file is not UTF-8 text (byte {at}); save it as UTF-8",
                path.display(),
                lc.line,
                lc.col
            ))
        }
    }
}

/// `SOURCE_DATE_EPOCH` when set (reproducible builds).
pub fn epoch_from_env() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}

/// The build options the command line asks for.
pub fn options(style: &StyleArgs) -> Options {
    Options {
        paper: style.paper.map(Into::into),
        max_pages: style.max_pages,
        created: epoch_from_env(),
    }
}

/// `briefing.toml` → `briefing.pdf`, beside it.
pub fn default_output(input: &Path) -> PathBuf {
    input.with_extension("pdf")
}

/// "s" when `n` is not 1.
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

pub fn build(args: &BuildArgs, color: bool) -> ExitCode {
    let files: Vec<PathBuf> = if args.files.is_empty() {
        vec![PathBuf::from(DEFAULT_INPUT)]
    } else {
        args.files.clone()
    };
    let opts = options(&args.style);
    let many = files.len() > 1;
    if let (Some(o), true) = (&args.output, many) {
        if !o.is_dir() {
            eprintln!(
                "error: with several content files, -o names a folder, and {} is not one",
                o.display()
            );
            return ExitCode::from(EXIT_CONTENT);
        }
    }
    let results: Vec<bool> = std::thread::scope(|s| {
        let handles: Vec<_> = files
            .iter()
            .map(|f| {
                let out = match (&args.output, many) {
                    (Some(o), true) => o.join(default_output(f).file_name().unwrap_or_default()),
                    (Some(o), false) => o.clone(),
                    (None, _) => default_output(f),
                };
                let opts = opts.clone();
                s.spawn(move || build_one(f, &out, &opts, color, args.stats).is_some())
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(false))
            .collect()
    });
    if results.iter().all(|ok| *ok) {
        ExitCode::SUCCESS
    } else {
        if many {
            let failed = results.iter().filter(|ok| !**ok).count();
            eprintln!("{failed} of {} briefings failed", results.len());
        }
        ExitCode::from(EXIT_CONTENT)
    }
}

/// What a successful build made.
pub struct Built {
    /// The content as it was built (the watcher reads its font paths).
    pub source: Source,
}

/// Builds one file and writes its PDF atomically; prints the diagnostics
/// and one result line. `None` when it failed (the old PDF is untouched).
pub fn build_one(
    input: &Path,
    out: &Path,
    opts: &Options,
    color: bool,
    stats: bool,
) -> Option<Built> {
    let start = Instant::now();
    let source = match read_source(input) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return None;
        }
    };
    if let Err(e) = check_target(out, input) {
        eprintln!("error: {e}");
        return None;
    }
    match pipeline::compile(&source, opts) {
        Ok(output) => {
            report::print_human(&output.diagnostics, &source, color);
            if let Err(e) = write_atomic(out, &output.pdf) {
                eprintln!("error: {e}");
                return None;
            }
            let fitted = output
                .fitted
                .map(|s| {
                    format!(
                        ", fitted to {} page{} at {s:.1} pt",
                        output.pages,
                        plural(output.pages)
                    )
                })
                .unwrap_or_default();
            eprintln!(
                "wrote {} ({} page{}, {:.1} KB{fitted}) in {:.0} ms",
                out.display(),
                output.pages,
                plural(output.pages),
                output.pdf.len() as f64 / 1024.0,
                start.elapsed().as_secs_f64() * 1000.0
            );
            if stats {
                eprint!("{}", super::output_stats(&output.laid.report));
            }
            Some(Built { source })
        }
        Err(diags) => {
            let diags = report::complete(diags, &source, opts);
            report::print_human(&diags, &source, color);
            let n = diags.errors().count();
            eprintln!(
                "error: {} not built: {n} error{}",
                input.display(),
                plural(n)
            );
            None
        }
    }
}

pub fn check(args: &CheckArgs, color: bool) -> ExitCode {
    let input = args
        .file
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INPUT));
    let json = args.format == CheckFormat::Json;
    let source = match read_source(&input) {
        Ok(s) => s,
        Err(e) => {
            if json {
                print_json(&report::json_unreadable(&input, &e));
            } else {
                eprintln!("error: {e}");
            }
            return ExitCode::from(EXIT_CONTENT);
        }
    };
    let diags = pipeline::check_all(&source, &options(&args.style));
    if json {
        print_json(&report::json_report(&source, &diags));
    } else {
        report::print_human(&diags, &source, color);
        eprintln!("{}: {}", input.display(), report::counts(&diags));
    }
    if diags.has_errors() {
        ExitCode::from(EXIT_CONTENT)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_json(v: &serde_json::Value) {
    let mut out = std::io::stdout().lock();
    let _ = serde_json::to_writer_pretty(&mut out, v);
    let _ = writeln!(out);
}
