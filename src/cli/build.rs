//! `briefing build` and `briefing check`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use super::args::{BuildArgs, CheckArgs};
use super::output::{check_target, write_atomic};
use super::{print_diagnostics, EXIT_CONTENT};
use crate::diag::Source;
use crate::pipeline::{self, Options};

const DEFAULT_INPUT: &str = "briefing.toml";

/// Reads a content file; a file that is not UTF-8 is a located error.
pub fn read_source(path: &Path) -> Result<Source, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
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

fn default_output(input: &Path) -> PathBuf {
    input.with_extension("pdf")
}

pub fn build(args: &BuildArgs, color: bool) -> ExitCode {
    let files: Vec<PathBuf> = if args.files.is_empty() {
        vec![PathBuf::from(DEFAULT_INPUT)]
    } else {
        args.files.clone()
    };
    let opts = Options {
        paper: args.paper.map(Into::into),
        max_pages: args.max_pages,
        created: epoch_from_env(),
    };
    let many = files.len() > 1;
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
                s.spawn(move || build_one(f, &out, &opts, color, args.stats))
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

fn build_one(input: &Path, out: &Path, opts: &Options, color: bool, stats: bool) -> bool {
    let start = Instant::now();
    let source = match read_source(input) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return false;
        }
    };
    if let Err(e) = check_target(out, input) {
        eprintln!("error: {e}");
        return false;
    }
    match pipeline::compile(&source, opts) {
        Ok(output) => {
            print_diagnostics(&output.diagnostics, &source, color);
            if let Err(e) = write_atomic(out, &output.pdf) {
                eprintln!("error: {e}");
                return false;
            }
            let fitted = output
                .fitted
                .map(|s| {
                    format!(
                        ", fitted to {} page{} at {s:.1} pt",
                        output.pages,
                        if output.pages == 1 { "" } else { "s" }
                    )
                })
                .unwrap_or_default();
            eprintln!(
                "wrote {} ({} page{}, {:.1} KB{fitted}) in {:.0} ms",
                out.display(),
                output.pages,
                if output.pages == 1 { "" } else { "s" },
                output.pdf.len() as f64 / 1024.0,
                start.elapsed().as_secs_f64() * 1000.0
            );
            if stats {
                eprint!("{}", super::output_stats(&output.laid.report));
            }
            true
        }
        Err(diags) => {
            print_diagnostics(&diags, &source, color);
            let n = diags.errors().count();
            eprintln!(
                "error: {} not built: {n} error{}",
                input.display(),
                if n == 1 { "" } else { "s" }
            );
            false
        }
    }
}

pub fn check(args: &CheckArgs, color: bool) -> ExitCode {
    let input = args
        .file
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INPUT));
    let source = match read_source(&input) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_CONTENT);
        }
    };
    let diags = pipeline::check(&source, &Options::default());
    print_diagnostics(&diags, &source, color);
    let (e, w) = (diags.errors().count(), diags.warnings().count());
    eprintln!(
        "{}: {e} error{}, {w} warning{}",
        input.display(),
        if e == 1 { "" } else { "s" },
        if w == 1 { "" } else { "s" }
    );
    if e > 0 {
        ExitCode::from(EXIT_CONTENT)
    } else {
        ExitCode::SUCCESS
    }
}
