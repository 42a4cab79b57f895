//! The command line: argument definitions and the commands they run. The
//! library does the work; each command here reads files, calls the
//! pipeline and reports.

mod args;
mod batch;
mod build;
pub(crate) mod diff;
mod export;
mod git;
mod init;
mod mail;
mod man;
mod naming;
mod ours;
mod output;
mod pool;
mod read;
mod report;
mod stdout;
mod watch;

pub use args::{Cli, Command};
pub use output::{write_atomic, OutputError};

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::diag::Source;

/// Exit code for content errors (usage errors exit 2, through clap): a
/// permanent failure, which building again repeats.
pub const EXIT_CONTENT: u8 = 1;

/// Exit code for a failure of the system rather than the input (a read or
/// write the OS refused): a job runner may try again.
pub const EXIT_TRANSIENT: u8 = 3;

/// Parses the arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = use_color(cli.color);
    match cli.command {
        Command::Init(args) => init::init(&args),
        Command::Build(args) => build::build(&args, color),
        Command::Check(args) => build::check(&args, color),
        Command::Watch(args) => watch::watch(&args, color),
        Command::Schema => print(&(schema_text() + "\n")),
        Command::Export(args) => export::export(&args, color),
        Command::Mail(args) => mail::mail(&args, color),
        Command::Diff(args) => diff::diff(&args, color),
        Command::Completions(args) => {
            // Generated into memory: clap_complete panics on a failed write.
            let mut cmd = Cli::command();
            let mut text = Vec::new();
            clap_complete::generate(args.shell, &mut cmd, "briefing", &mut text);
            print_bytes(&text)
        }
        Command::Man => print(&man::page(Cli::command())),
    }
}

/// Prints text to the standard output.
fn print(text: &str) -> ExitCode {
    print_bytes(text.as_bytes())
}

/// Prints bytes to the standard output: a closed pipe ends quietly, any
/// other failure is an error (exit 1).
fn print_bytes(bytes: &[u8]) -> ExitCode {
    match stdout::put(bytes) {
        stdout::Put::Done | stdout::Put::Closed => ExitCode::SUCCESS,
        stdout::Put::Failed => ExitCode::from(EXIT_CONTENT),
    }
}

/// Colour on a terminal, unless `NO_COLOR` is set to anything non-empty
/// (no-color.org); `--color always|never` overrides both.
fn use_color(choice: args::ColorArg) -> bool {
    match choice {
        args::ColorArg::Always => true,
        args::ColorArg::Never => false,
        args::ColorArg::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// The JSON Schema of the format, pretty-printed.
pub fn schema_text() -> String {
    serde_json::to_string_pretty(&crate::model::raw::schema::json_schema())
        .unwrap_or_else(|_| "{}".into())
}

/// Prints diagnostics to stderr, errors first.
pub fn print_diagnostics(diags: &crate::diag::Diagnostics, source: &Source, color: bool) {
    report::print_human(diags, source, color);
}

/// The typesetting report printed by `build --stats`.
pub fn output_stats(r: &crate::layout::Report) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let mut spaces: Vec<f32> = r
        .lines
        .iter()
        .filter(|l| l.justified && l.words > 1)
        .map(|l| l.space_em)
        .collect();
    spaces.sort_by(f32::total_cmp);
    let n = spaces.len();
    if n > 0 {
        let pct = |p: f32| spaces[((n - 1) as f32 * p).round() as usize];
        let in_range = spaces.iter().filter(|s| (0.2..=0.5).contains(*s)).count();
        let loose = spaces.iter().filter(|s| **s > 0.6).count();
        let _ = writeln!(
            s,
            "justified lines: {n}; word space (em): min {:.3}, median {:.3}, p95 {:.3}, max {:.3}",
            spaces[0],
            pct(0.5),
            pct(0.95),
            spaces[n - 1]
        );
        let _ = writeln!(
            s,
            "  within 0.2–0.5 em: {:.1}%; loose (> 0.6 em): {loose}",
            in_range as f32 * 100.0 / n as f32
        );
    }
    let hyph = r.lines.iter().filter(|l| l.hyphenated).count();
    let mut run = 0;
    let mut worst = 0;
    for l in &r.lines {
        run = if l.hyphenated { run + 1 } else { 0 };
        worst = worst.max(run);
    }
    let _ = writeln!(s, "hyphenated lines: {hyph}; longest run: {worst}");
    let tracked: Vec<f32> = r
        .lines
        .iter()
        .map(|l| l.tracking)
        .filter(|t| *t > 0.0)
        .collect();
    if !tracked.is_empty() {
        let most = tracked.iter().copied().fold(0.0, f32::max);
        let _ = writeln!(
            s,
            "letter-spaced lines: {} (at most {most:.3} em), where the word spaces alone would be loose",
            tracked.len()
        );
    }
    if r.conceded.is_empty() {
        let _ = writeln!(s, "every page-break rule held");
    } else {
        for c in &r.conceded {
            let _ = writeln!(s, "gave way: {c}");
        }
    }
    s
}
