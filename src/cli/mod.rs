//! The command line: argument definitions and the commands they run.

mod args;
mod build;
mod output;

pub use args::{Cli, Command};
pub use output::{write_atomic, OutputError};

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use crate::diag::{Located, Source};

/// Exit code for content errors (usage errors exit 2, through clap).
pub const EXIT_CONTENT: u8 = 1;

/// Parses the arguments and runs the command.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match cli.command {
        Command::Build(args) => build::build(&args, color),
        Command::Check(args) => build::check(&args, color),
    }
}

/// Prints diagnostics to stderr, errors first.
pub fn print_diagnostics(diags: &crate::diag::Diagnostics, source: &Source, color: bool) {
    let mut sorted: Vec<_> = diags.items.iter().collect();
    sorted.sort_by_key(|d| d.severity);
    for d in sorted {
        eprintln!(
            "{}\n",
            Located {
                diag: d,
                source,
                color
            }
        );
    }
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
    if r.conceded.is_empty() {
        let _ = writeln!(s, "every page-break rule held");
    } else {
        for c in &r.conceded {
            let _ = writeln!(s, "gave way: {c}");
        }
    }
    s
}
