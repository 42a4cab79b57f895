//! Argument definitions (clap).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::Paper;

/// Turns a TOML content file into a print-ready briefing PDF.
#[derive(Debug, Parser)]
#[command(name = "briefing", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build PDFs from content files.
    Build(BuildArgs),
    /// Check content files without writing a PDF.
    Check(CheckArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    Letter,
    A4,
    Legal,
}

impl From<PaperArg> for Paper {
    fn from(p: PaperArg) -> Paper {
        match p {
            PaperArg::Letter => Paper::Letter,
            PaperArg::A4 => Paper::A4,
            PaperArg::Legal => Paper::Legal,
        }
    }
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Content files (default: briefing.toml).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output file (one input) or folder (several); default: the input
    /// with a .pdf extension.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Paper size, overriding `style.paper`.
    #[arg(long, value_enum)]
    pub paper: Option<PaperArg>,
    /// Page budget, overriding `style.max_pages`.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub max_pages: Option<u32>,
    /// Print the typesetting report: spacing, hyphens, rules that gave way.
    #[arg(long)]
    pub stats: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Content file (default: briefing.toml).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}
