//! `briefing build` and `briefing check`.

use std::process::ExitCode;
use std::time::Instant;

use super::args::{BuildArgs, CheckArgs, CheckFormat, StyleArgs};
use super::naming::{self, Target};
use super::output::{check_target, write_atomic_with};
use super::read::{read_input, ReadError};
use super::EXIT_CONTENT;
use super::{pool, report, stdout};
use crate::diag::Source;
use crate::model::Briefing;
use crate::pipeline::{self, Options};

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

/// "s" when `n` is not 1.
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Exit code for usage errors, as clap gives them.
pub const EXIT_USAGE: u8 = 2;

pub fn build(args: &BuildArgs, color: bool) -> ExitCode {
    if let Some(n) = &args.name {
        if let Err(e) = naming::check_name(n) {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    }
    let inputs = match naming::inputs(&args.files) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let opts = options(&args.style);
    // Every input is read and every output named before anything is
    // built, so that two inputs can never write one file.
    let sources: Vec<Result<Source, ReadError>> = inputs.iter().map(read_input).collect();
    let briefings: Vec<Option<Briefing>> = sources
        .iter()
        .map(|s| s.as_ref().ok().and_then(|s| crate::model::parse(s).0))
        .collect();
    let refs: Vec<Option<&Briefing>> = briefings.iter().map(Option::as_ref).collect();
    let targets = match naming::targets(
        &inputs,
        &refs,
        args.output.as_deref(),
        args.name.as_deref(),
        "pdf",
    ) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_CONTENT);
        }
    };
    if let Err(e) = naming::make_out_folder(args.output.as_deref()) {
        eprintln!("error: {e}");
        return ExitCode::from(EXIT_CONTENT);
    }
    if targets.contains(&Target::Stdout) && stdout::is_terminal() {
        eprintln!("error: refusing to write a PDF to the terminal: redirect it (`> briefing.pdf`) or name a file with -o");
        return ExitCode::from(EXIT_CONTENT);
    }
    let results = pool::run(sources.len(), |i| match &sources[i] {
        Ok(source) => build_one(source, &targets[i], &opts, color, args.stats, args.force),
        Err(e) => {
            eprintln!("{}", e.headline());
            false
        }
    });
    if results.iter().all(|ok| *ok) {
        ExitCode::SUCCESS
    } else {
        if results.len() > 1 {
            let failed: Vec<String> = inputs
                .iter()
                .zip(&results)
                .filter(|(_, ok)| !**ok)
                .map(|(i, _)| i.display())
                .collect();
            eprintln!(
                "error: {} of {} briefings failed: {}",
                failed.len(),
                results.len(),
                failed.join(", ")
            );
        }
        ExitCode::from(EXIT_CONTENT)
    }
}

/// Builds one content file and writes its PDF atomically (or to the
/// standard output); prints the diagnostics and one result line. `false`
/// when it failed (the old PDF is untouched).
pub fn build_one(
    source: &Source,
    out: &Target,
    opts: &Options,
    color: bool,
    stats: bool,
    force: bool,
) -> bool {
    let start = Instant::now();
    if let Target::File(out) = out {
        if let Err(e) = check_target(out, &source.path, force) {
            eprintln!("error: {e}");
            return false;
        }
    }
    match pipeline::compile(source, opts) {
        Ok(output) => {
            report::print_human(&output.diagnostics, source, color);
            match out {
                Target::File(p) => {
                    let still = |p: &std::path::Path| check_target(p, &source.path, force);
                    if let Err(e) = write_atomic_with(p, &output.pdf, still) {
                        eprintln!("error: {e}");
                        return false;
                    }
                }
                // A closed pipe is quiet but the PDF was not delivered:
                // the build has failed.
                Target::Stdout => {
                    if stdout::put(&output.pdf) != stdout::Put::Done {
                        return false;
                    }
                }
            }
            eprintln!(
                "wrote {} in {:.0} ms",
                describe(&out.display(), &output),
                start.elapsed().as_secs_f64() * 1000.0
            );
            if stats {
                eprint!("{}", super::output_stats(&output.laid.report));
            }
            true
        }
        Err(diags) => {
            let diags = report::complete(diags, source, opts);
            report::print_human(&diags, source, color);
            let n = diags.errors().count();
            eprintln!(
                "error: {} not built: {n} error{}",
                source.path.display(),
                plural(n)
            );
            false
        }
    }
}

/// "out.pdf (4 pages, 58.3 KB, fitted to 4 pages at 9.8 pt)".
pub fn describe(target: &str, output: &pipeline::Output) -> String {
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
    format!(
        "{target} ({} page{}, {:.1} KB{fitted})",
        output.pages,
        plural(output.pages),
        output.pdf.len() as f64 / 1024.0
    )
}

pub fn check(args: &CheckArgs, color: bool) -> ExitCode {
    let inputs = match naming::inputs(&args.files) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let json = args.format == CheckFormat::Json;
    let opts = options(&args.style);
    let mut reports = Vec::new();
    let mut failed = false;
    for input in &inputs {
        let source = match read_input(input) {
            Ok(s) => s,
            Err(e) => {
                failed = true;
                if json {
                    reports.push(report::json_unreadable(&input.path(), &e));
                } else {
                    eprintln!("{}", e.headline());
                }
                continue;
            }
        };
        let (diags, fit) = pipeline::check_all(&source, &opts);
        failed |= diags.has_errors();
        if json {
            reports.push(report::json_report(&source, &diags, fit.as_ref()));
        } else {
            report::print_human(&diags, &source, color);
            match fit {
                Some(fit) => eprintln!(
                    "{}: {}; {}",
                    input.display(),
                    report::fit_line(&fit),
                    report::counts(&diags)
                ),
                None => eprintln!("{}: {}", input.display(), report::counts(&diags)),
            }
        }
    }
    if json {
        // One file: its report; several: an array of them.
        let doc = match reports.len() {
            1 => reports.pop().unwrap_or_default(),
            _ => serde_json::Value::Array(reports),
        };
        failed |= !print_json(&doc);
    }
    if failed {
        ExitCode::from(EXIT_CONTENT)
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints the JSON report; whether it was written (a closed pipe is quiet).
fn print_json(v: &serde_json::Value) -> bool {
    let mut text = serde_json::to_string_pretty(v).unwrap_or_default();
    text.push('\n');
    stdout::put(text.as_bytes()) != stdout::Put::Failed
}
