//! Argument definitions (clap). Completions and the man page are generated
//! from these same definitions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::Paper;

/// Turns a TOML content file into a print-ready briefing PDF.
///
/// Start with `briefing init`, edit briefing.toml, then `briefing build`
/// (or `briefing watch` to rebuild on every save).
#[derive(Debug, Parser)]
#[command(name = "briefing", version, about, propagate_version = true)]
pub struct Cli {
    /// When to colour diagnostics: auto (on a terminal, unless NO_COLOR
    /// is set), always or never.
    #[arg(long, value_enum, ignore_case = true, global = true, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a starter briefing.toml (and its JSON Schema) to begin from.
    Init(InitArgs),
    /// Build PDFs from content files.
    Build(BuildArgs),
    /// Check content files without writing a PDF: every error, then every
    /// warning.
    Check(CheckArgs),
    /// Rebuild the PDF whenever the content file or a font it names
    /// changes (several files, or a folder of briefings, each on its own
    /// saves); Ctrl-C stops.
    Watch(WatchArgs),
    /// Print the JSON Schema of the content format (for TOML editors).
    Schema,
    /// Print the briefing as Markdown, plain text or HTML, for the body of
    /// the e-mail that carries the PDF, or write it as a Word document.
    Export(ExportArgs),
    /// Write a mail draft (.eml) that mail clients open ready to send: the
    /// HTML export as the body, the plain text as its alternative, the PDF
    /// attached.
    Mail(MailArgs),
    /// Build a redline: NEW with its changes from OLD marked (inserted
    /// words underlined, deleted ones struck, change bars in the margin)
    /// and a summary of the changes on page 1; or only that summary (md,
    /// txt, html) for the cover e-mail.
    Diff(DiffArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (roff): every command, its options, exit
    /// status, environment and examples, in one page.
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
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

/// Overrides of the content file's `[style]`, shared by build, check and
/// watch.
#[derive(Debug, Clone, Args)]
pub struct StyleArgs {
    /// Paper size, overriding `style.paper` (any case, as in the file).
    #[arg(long, value_enum, ignore_case = true)]
    pub paper: Option<PaperArg>,
    /// Page budget, overriding `style.max_pages`.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub max_pages: Option<u32>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to write briefing.toml and briefing.schema.json into (made
    /// if missing; default: the current folder), or a file name ending in
    /// .toml to write that file (and the schema beside it).
    #[arg(value_name = "DIR|FILE.toml")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Content files (default: briefing.toml); a folder means the
    /// briefing.toml in it, `-` the standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Where the PDF goes: a file (one input), a folder, or `-` for the
    /// standard output (one input); default: beside each input.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The PDF's file name, with placeholders, overriding the `output`
    /// key: {short_title}, {title}, {date}, {stem}.
    #[arg(long, value_name = "TEMPLATE")]
    pub name: Option<String>,
    #[command(flatten)]
    pub style: StyleArgs,
    /// Print the typesetting report: spacing, hyphens, rules that gave way.
    #[arg(long)]
    pub stats: bool,
    /// Replace an existing file that briefing did not write (by default
    /// only its own output is replaced).
    #[arg(long)]
    pub force: bool,
    /// Read more content files from LIST, one path a line (`#` starts a
    /// comment line; `-` reads the list from the standard input).
    #[arg(long, value_name = "LIST")]
    pub files_from: Option<PathBuf>,
    /// Build only share K of N of the inputs (0 <= K < N): every Nth input
    /// from the Kth, in list order.
    #[arg(long, value_name = "K/N", value_parser = super::batch::parse_shard)]
    pub shard: Option<super::batch::Shard>,
    /// Leave an output alone when its document ID is already the hash of
    /// everything it depends on (content, options, version, fonts).
    #[arg(long)]
    pub skip_unchanged: bool,
    /// Write one JSON line per input to FILE (`-`: the standard output):
    /// input, output, document ID, pages, time, outcome.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// rustc-style diagnostics on stderr.
    Human,
    /// JSON on stdout, for editors and CI: one document for one file, an
    /// array of them for several.
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Content files (default: briefing.toml); a folder means the
    /// briefing.toml in it, `-` the standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// How to print the diagnostics.
    #[arg(long, value_enum, ignore_case = true, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    #[command(flatten)]
    pub style: StyleArgs,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Content files (default: briefing.toml), each rebuilt on its own
    /// saves; a folder means the briefing.toml in it, or, when it has
    /// none, every briefing in it.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Where the PDF goes: a file or a folder; default: beside the input.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The PDF's file name, with placeholders, overriding the `output`
    /// key: {short_title}, {title}, {date}, {stem}.
    #[arg(long, value_name = "TEMPLATE")]
    pub name: Option<String>,
    #[command(flatten)]
    pub style: StyleArgs,
    /// Open the PDF in the system viewer after the first good build (once),
    /// and say so, or why the viewer failed.
    #[arg(long)]
    pub open: bool,
    /// Clear the screen before each build's report (when it is a
    /// terminal).
    #[arg(long)]
    pub clear: bool,
    /// Wait for the content file (and its folder) to appear instead of
    /// failing when it is missing.
    #[arg(long)]
    pub wait: bool,
    /// Keep a redline current instead of the PDF: the briefing with its
    /// changes from OLD marked (a content file, or `git:REV`), written to
    /// FILE-redline.pdf beside it unless -o says where.
    #[arg(long, value_name = "OLD")]
    pub against: Option<String>,
    /// Replace an existing file that briefing did not write (by default
    /// only its own output is replaced).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Markdown (CommonMark with footnotes).
    Md,
    /// Plain text, wrapped at 72 columns.
    Txt,
    /// One self-contained HTML document for a mail body: inline styles,
    /// no scripts, nothing fetched.
    Html,
    /// A Word document for editors: styles, headings, Word numbering,
    /// endnotes, charts as pictures with alt text (needs -o).
    Docx,
}

impl ExportFormat {
    /// The file extension an export takes.
    pub fn ext(self) -> &'static str {
        match self {
            ExportFormat::Md => "md",
            ExportFormat::Txt => "txt",
            ExportFormat::Html => "html",
            ExportFormat::Docx => "docx",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportPart {
    /// The bottom line, the summary and the recommendations' titles: the
    /// body of the mail that carries the PDF.
    Summary,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Content files (default: briefing.toml); a folder means the
    /// briefing.toml in it, `-` the standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Markdown, plain text, HTML or Word (docx).
    #[arg(long, value_enum, ignore_case = true, default_value_t = ExportFormat::Md)]
    pub format: ExportFormat,
    /// Only part of the briefing.
    #[arg(long, value_enum, ignore_case = true, value_name = "PART")]
    pub only: Option<ExportPart>,
    /// Where the export goes: a file (one input), a folder (named as the
    /// PDF is, with the format's extension), or `-`; default: the standard
    /// output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Replace an existing file that briefing did not write (by default
    /// only its own output is replaced).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older version: a content file, `-` for the standard input, or
    /// `git:REV` for NEW's file at revision REV of its git repository.
    #[arg(value_name = "OLD")]
    pub old: String,
    /// The newer version: a content file, or `-` for the standard input.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// The redline PDF (default), only its summary of changes as
    /// Markdown, plain text or HTML, or a Word document with tracked
    /// changes.
    #[arg(long, value_enum, ignore_case = true, default_value_t = DiffFormat::Pdf)]
    pub format: DiffFormat,
    /// Where it goes: a file, or `-` for the standard output; default
    /// NEW-redline.pdf (or .docx) beside NEW, and the standard output for
    /// md, txt and html.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Replace an existing file that briefing did not write.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub style: StyleArgs,
}

/// What `briefing diff` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Pdf,
    Md,
    Txt,
    Html,
    Docx,
}

#[derive(Debug, Args)]
pub struct MailArgs {
    /// Content file (default: briefing.toml); a folder means the
    /// briefing.toml in it, `-` the standard input.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Where the draft goes: a file ending in .eml, a folder, or `-` for
    /// the standard output; default: beside the input, named as the PDF
    /// with .eml.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The attached PDF's file name, with placeholders, overriding the
    /// `output` key: {short_title}, {title}, {date}, {stem}.
    #[arg(long, value_name = "TEMPLATE")]
    pub name: Option<String>,
    /// A recipient (`a@example.org` or `Name <a@example.org>`); repeat
    /// for more.
    #[arg(long, value_name = "ADDRESS")]
    pub to: Vec<String>,
    /// A recipient in copy; repeat for more.
    #[arg(long, value_name = "ADDRESS")]
    pub cc: Vec<String>,
    /// The sender (default: none, and the mail client fills in the
    /// account it sends from).
    #[arg(long, value_name = "ADDRESS")]
    pub from: Option<String>,
    /// Only part of the briefing in the body (the PDF is always whole).
    #[arg(long, value_enum, ignore_case = true, value_name = "PART")]
    pub only: Option<ExportPart>,
    #[command(flatten)]
    pub style: StyleArgs,
    /// Replace an existing file that briefing did not write (by default
    /// only its own output is replaced).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, ignore_case = true)]
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every option or argument with a closed set of values reads it in any
    /// case (`--color NEVER`, `completions BASH`), as the file's values are.
    #[test]
    fn every_value_set_is_read_in_any_case() {
        fn walk(cmd: &clap::Command, path: &str, found: &mut Vec<String>, checked: &mut usize) {
            for arg in cmd.get_arguments() {
                if !arg.get_action().takes_values() || arg.get_possible_values().is_empty() {
                    continue;
                }
                *checked += 1;
                if !arg.is_ignore_case_set() {
                    found.push(format!("{path} {}", arg.get_id()));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()), found, checked);
            }
        }
        let mut found = Vec::new();
        let mut checked = 0;
        walk(&Cli::command(), "briefing", &mut found, &mut checked);
        assert!(checked >= 6, "only {checked} value sets seen");
        assert!(found.is_empty(), "case-sensitive: {found:?}");
    }
}
