//! `briefing build` and `briefing check`.

use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Instant;

use super::args::{BuildArgs, CheckArgs, CheckFormat, StyleArgs};
use super::batch::{self, Outcome, Record};
use super::naming::{self, Target};
use super::output::{check_target, write_atomic, write_atomic_with, OutputError};
use super::read::{read_input, ReadError};
use super::{pool, report, stdout};
use super::{EXIT_CONTENT, EXIT_TRANSIENT};
use crate::diag::{Diagnostics, Source};
use crate::model::Briefing;
use crate::pipeline::{self, Options};

/// A content file as `model::parse` read it.
type Parsed = (Option<Briefing>, Diagnostics);

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
    let mut files = args.files.clone();
    if let Some(list) = &args.files_from {
        if list.as_os_str() == "-" && files.iter().any(|f| f.as_os_str() == "-") {
            eprintln!("error: the standard input cannot hold both the list and a briefing");
            return ExitCode::from(EXIT_USAGE);
        }
        match batch::files_from(list) {
            Ok(more) => files.extend(more),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(EXIT_USAGE);
            }
        }
        if files.is_empty() {
            eprintln!(
                "note: {} names no briefing; nothing to build",
                list.display()
            );
            return finish(args, &[]);
        }
    }
    let inputs = match naming::inputs(&files) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let inputs = match args.shard {
        Some(shard) => shard.select(inputs),
        None => inputs,
    };
    if inputs.is_empty() {
        eprintln!("note: this shard holds no briefing; nothing to build");
        return finish(args, &[]);
    }
    let opts = options(&args.style);
    // Every input is read and every output named before anything is
    // built, so that two inputs can never write one file.
    let sources: Vec<Result<Source, ReadError>> = inputs.iter().map(read_input).collect();
    // Parsed once: for the names here, and for the builds.
    let parsed: Vec<Option<Parsed>> = sources
        .iter()
        .map(|s| s.as_ref().ok().map(crate::model::parse))
        .collect();
    let refs: Vec<Option<&Briefing>> = parsed
        .iter()
        .map(|p| p.as_ref().and_then(|(b, _)| b.as_ref()))
        .collect();
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
    drop(refs);
    let parsed: Vec<Mutex<Option<Parsed>>> = parsed.into_iter().map(Mutex::new).collect();
    let how = How {
        opts: &opts,
        color,
        stats: args.stats,
        force: args.force,
        skip_unchanged: args.skip_unchanged,
    };
    let records = pool::run(sources.len(), |i| {
        let mut r = Record::new(inputs[i].display());
        r.output = match &targets[i] {
            Target::File(p) => Some(p.display().to_string()),
            Target::Stdout => Some("-".into()),
        };
        match &sources[i] {
            Ok(source) => {
                let parsed = parsed[i]
                    .lock()
                    .ok()
                    .and_then(|mut p| p.take())
                    .unwrap_or_else(|| crate::model::parse(source));
                build_one(source, parsed, &targets[i], &how, &mut r)
            }
            Err(e) => {
                eprintln!("{}", e.headline());
                r.errors = 1;
                r.outcome = if e.transient {
                    Outcome::Transient
                } else {
                    Outcome::Failed
                };
            }
        }
        r
    });
    if records.len() > 1 && records.iter().any(|r| !r.outcome.ok()) {
        let failed: Vec<&str> = records
            .iter()
            .filter(|r| !r.outcome.ok())
            .map(|r| r.input.as_str())
            .collect();
        eprintln!(
            "error: {} of {} briefings failed: {}",
            failed.len(),
            records.len(),
            failed.join(", ")
        );
    }
    finish(args, &records)
}

/// Writes the report, if asked for, and gives the run's exit code.
fn finish(args: &BuildArgs, records: &[Record]) -> ExitCode {
    let mut code = batch::exit_code(records.iter().map(|r| r.outcome));
    if let Some(path) = &args.report {
        let mut text = String::new();
        for r in records {
            text.push_str(&r.line());
            text.push('\n');
        }
        let written = if path.as_os_str() == "-" {
            match stdout::put(text.as_bytes()) {
                stdout::Put::Done => Ok(()),
                _ => Err("cannot write the report to the standard output".to_string()),
            }
        } else {
            write_atomic(path, text.as_bytes()).map_err(|e| e.to_string())
        };
        if let Err(e) = written {
            eprintln!("error: {e}");
            code = code.max(EXIT_TRANSIENT);
        }
    }
    ExitCode::from(code)
}

/// How every input of one `build` is built.
pub struct How<'a> {
    pub opts: &'a Options,
    pub color: bool,
    pub stats: bool,
    pub force: bool,
    pub skip_unchanged: bool,
}

/// Builds one content file and writes its PDF atomically (or to the
/// standard output); prints the diagnostics and one result line, and fills
/// in the report's record (outcome, pages, time, counts). A failed build
/// leaves the old PDF untouched.
pub fn build_one(source: &Source, parsed: Parsed, out: &Target, how: &How, record: &mut Record) {
    let start = Instant::now();
    let opts = how.opts;
    let briefing = parsed.0.as_ref();
    // The ID is the hash of the content and its fonts: made once, here
    // only when it decides whether to build, else by the build.
    let id_of = |b: &Briefing| crate::pipeline::dependency_id(source, opts, b);
    if how.skip_unchanged {
        record.id = briefing.map(id_of);
    }
    if let Target::File(out) = out {
        if how.skip_unchanged && record.id.is_some() && batch::document_id(out) == record.id {
            eprintln!("unchanged: {}", out.display());
            record.outcome = Outcome::Unchanged;
            record.ms = start.elapsed().as_secs_f64() * 1000.0;
            return;
        }
        if let Err(e) = check_target(out, &source.path, how.force) {
            eprintln!("error: {e}");
            record.id = record.id.or_else(|| briefing.map(id_of));
            record.errors = 1;
            record.outcome = fault(&e);
            return;
        }
    }
    match pipeline::compile_parsed(source, parsed, opts) {
        Ok(output) => {
            report::print_human(&output.diagnostics, source, how.color);
            record.warnings = output.diagnostics.warnings().count();
            record.pages = Some(output.pages);
            record.id = Some(output.id);
            match out {
                Target::File(p) => {
                    let still = |p: &std::path::Path| check_target(p, &source.path, how.force);
                    if let Err(e) = write_atomic_with(p, &output.pdf, still) {
                        eprintln!("error: {e}");
                        record.errors = 1;
                        record.outcome = fault(&e);
                        return;
                    }
                }
                // A closed pipe is quiet but the PDF was not delivered:
                // the build has failed.
                Target::Stdout => {
                    if stdout::put(&output.pdf) != stdout::Put::Done {
                        record.outcome = Outcome::Failed;
                        return;
                    }
                }
            }
            record.ms = start.elapsed().as_secs_f64() * 1000.0;
            record.outcome = Outcome::Built;
            eprintln!(
                "wrote {} in {:.0} ms",
                describe(&out.display(), &output),
                record.ms
            );
            if how.stats {
                eprint!("{}", super::output_stats(&output.laid.report));
            }
        }
        Err(diags) => {
            let diags = report::complete(diags, source, opts);
            report::print_human(&diags, source, how.color);
            let n = diags.errors().count();
            // The parse went into the build; a failed build may read it again.
            if record.id.is_none() {
                record.id = crate::model::parse(source).0.as_ref().map(id_of);
            }
            record.errors = n;
            record.warnings = diags.warnings().count();
            record.outcome = Outcome::Failed;
            record.ms = start.elapsed().as_secs_f64() * 1000.0;
            eprintln!(
                "error: {} not built: {n} error{}",
                source.path.display(),
                plural(n)
            );
        }
    }
}

/// Whether a write failed for the system's reasons (retry) or for what is
/// in the way (permanent).
fn fault(e: &OutputError) -> Outcome {
    match e {
        OutputError::Io(_, e) if batch::transient(e.kind()) => Outcome::Transient,
        _ => Outcome::Failed,
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
