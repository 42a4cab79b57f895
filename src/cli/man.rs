//! `briefing man`: one man page that holds every command, written from
//! the same clap definitions as `--help`, so an option cannot be missing
//! from it: the commands with their options, then EXIT STATUS,
//! ENVIRONMENT, FILES and EXAMPLES. It cites no other page.

use std::fmt::Write;

use clap::{Arg, ArgAction, Command};

/// Examples, each a command line and what it does. A test runs every
/// command and flag named here against `--help`.
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "briefing init east",
        "Write a starter east/briefing.toml and its schema.",
    ),
    (
        "briefing init peru.toml",
        "Write a starter peru.toml (and the schema beside it).",
    ),
    (
        "briefing watch east --open",
        "Build east/east.pdf, open it, and rebuild it on every save.",
    ),
    (
        "briefing watch briefs",
        "Watch every briefing in the folder briefs, each rebuilt on its own saves.",
    ),
    (
        "briefing check east west",
        "Check two briefings, every error at once.",
    ),
    (
        "briefing build east west -o out",
        "Build both into out/ as out/east.pdf and out/west.pdf.",
    ),
    (
        "briefing build --name '{short_title}-{date}.pdf'",
        "Name the PDF for the mail it goes with, e.g. us-peru-relations-2001-08-13.pdf.",
    ),
    (
        "briefing export --format html --only summary -o mail.html",
        "The bottom line, summary and recommendations as a mail body.",
    ),
    (
        "briefing mail --to ana@example.org -o briefing.eml",
        "A mail draft with the HTML export as its body and the PDF attached; open it in a mail client to send it.",
    ),
    (
        "briefing export --format docx -o briefing.docx",
        "The whole briefing as a Word document for editing: Word styles, headings, numbering and endnotes.",
    ),
    (
        "briefing build - -o - < briefing.toml > briefing.pdf",
        "Read the content from the standard input and write the PDF to the standard output.",
    ),
    (
        "SOURCE_DATE_EPOCH=997660800 briefing build",
        "A reproducible build: the same input gives the same bytes.",
    ),
    (
        "briefing check --format json briefing.toml",
        "Diagnostics as JSON, for an editor or CI.",
    ),
];

/// The page, in roff.
pub fn page(cli: Command) -> String {
    let mut cmd = cli;
    cmd.build();
    let version = cmd.get_version().unwrap_or("").to_string();
    let mut s = String::new();
    let _ = writeln!(
        s,
        ".TH BRIEFING 1 \"\" \"briefing {}\" \"User Commands\"",
        esc(&version)
    );
    s.push_str(
        ".SH NAME\nbriefing \\- turn a TOML content file into a print\\-ready briefing PDF\n",
    );
    s.push_str(".SH SYNOPSIS\n");
    for sub in cmd.get_subcommands().filter(|c| c.get_name() != "help") {
        let _ = writeln!(s, ".br\n{}", usage(sub));
    }
    s.push_str(".SH DESCRIPTION\n");
    if let Some(about) = cmd.get_long_about().or(cmd.get_about()) {
        para(&mut s, &about.to_string());
    }
    para(
        &mut s,
        "A briefing is one TOML file, by convention briefing.toml; every key, text construct, \
         error and warning is described in docs/format.md (in the source tree), with the README. Every command takes a folder for the briefing.toml \
         in it, and build, check and export take several files and `-` for the standard input.",
    );
    s.push_str(".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|c| c.get_name() != "help") {
        let _ = writeln!(s, ".SS \"briefing {}\"", esc(sub.get_name()));
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            para(&mut s, &about.to_string());
        }
        for arg in sub.get_arguments().filter(|a| shown(a)) {
            option(&mut s, arg);
        }
    }
    s.push_str(".SH GLOBAL OPTIONS\n");
    for arg in cmd.get_arguments().filter(|a| a.is_global_set()) {
        option(&mut s, arg);
    }
    s.push_str(".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nPrint help (every command takes it).\n");
    s.push_str(".TP\n\\fB\\-V\\fR, \\fB\\-\\-version\\fR\nPrint the version.\n");
    s.push_str(EXIT_STATUS);
    s.push_str(ENVIRONMENT);
    s.push_str(FILES);
    s.push_str(".SH EXAMPLES\n");
    for (line, what) in EXAMPLES {
        let _ = writeln!(s, ".TP\n.B {}\n{}", esc(line), esc(what));
    }
    s
}

const EXIT_STATUS: &str = r".SH EXIT STATUS
.TP
.B 0
Success: every briefing was built, checked or exported (warnings allowed).
.TP
.B 1
A permanent failure, which building again repeats: a file has errors (each printed with its file, line and column), does not exist or is too large, or an output cannot be written where it is asked for (among them an existing file that briefing did not write: a PDF from another program, a hand\-written export; \-\-force replaces it); two inputs would write one file (nothing is built); with several files, any one failing (the others are still built, and the failed ones are named).
.TP
.B 2
A usage error: an unknown option or value, a bad \-\-name template or \-\-shard, \- named twice, a \-\-files\-from list that cannot be read.
.TP
.B 3
A failure of the system, not of the input, worth a retry: a read or write the operating system refused (permission, a full or failing disk, a network share), or a \-\-report that could not be written. It outranks 1: a run with both exits 3.
";

const ENVIRONMENT: &str = r".SH ENVIRONMENT
.TP
.B NO_COLOR
When set to anything non\-empty, diagnostics are not coloured (\-\-color always still colours them).
.TP
.B SOURCE_DATE_EPOCH
Unix seconds used as the PDF's creation date instead of now, for reproducible builds: identical input and epoch give byte\-identical PDFs.
";

const FILES: &str = r".SH FILES
.TP
.B briefing.toml
The content file a command reads when none is named, and the one a folder argument means.
.TP
.B briefing.schema.json
The JSON Schema that init writes beside the starter, for TOML editors (briefing schema prints it).
";

/// Whether an argument is listed under its command (not the generated
/// help and version flags, and not the global ones, listed once).
fn shown(a: &Arg) -> bool {
    !matches!(a.get_id().as_str(), "help" | "version") && !a.is_global_set()
}

/// "briefing build [OPTIONS] [FILE]...", as clap writes it, in roff.
fn usage(sub: &Command) -> String {
    let text = sub.clone().render_usage().to_string();
    let text = text.trim().trim_start_matches("Usage:").trim();
    match text.split_once(' ') {
        Some((first, rest)) => match rest.split_once(' ') {
            Some((name, tail)) => format!("\\fB{} {}\\fR {}", esc(first), esc(name), esc(tail)),
            None => format!("\\fB{} {}\\fR", esc(first), esc(rest)),
        },
        None => format!("\\fB{}\\fR", esc(text)),
    }
}

fn option(s: &mut String, a: &Arg) {
    let value = a
        .get_value_names()
        .map(|v| {
            v.iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| a.get_id().as_str().to_uppercase());
    let takes_value = matches!(a.get_action(), ArgAction::Set | ArgAction::Append);
    let mut head = String::new();
    if a.is_positional() {
        let _ = write!(head, "\\fI{}\\fR", esc(&value));
        if matches!(a.get_action(), ArgAction::Append) {
            head.push_str("...");
        }
    } else {
        let mut names = Vec::new();
        if let Some(c) = a.get_short() {
            names.push(format!("\\fB\\-{}\\fR", esc(&c.to_string())));
        }
        if let Some(l) = a.get_long() {
            names.push(format!("\\fB\\-\\-{}\\fR", esc(l)));
        }
        head = names.join(", ");
        if takes_value {
            let _ = write!(head, " \\fI{}\\fR", esc(&value));
        }
    }
    let _ = writeln!(s, ".TP\n{head}");
    let help = a
        .get_long_help()
        .or(a.get_help())
        .map(|h| h.to_string())
        .unwrap_or_default();
    let mut text = help.replace('\n', " ").trim().to_string();
    // clap drops the full stop of a one-sentence help; the page keeps it.
    if !text.is_empty() && !text.ends_with(['.', ')', ':']) {
        text.push('.');
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && (takes_value || a.is_positional()) {
        let _ = write!(text, " One of: {}.", values.join(", "));
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && takes_value {
        let _ = write!(text, " Default: {}.", defaults.join(", "));
    }
    let _ = writeln!(s, "{}", esc(text.trim()));
}

fn para(s: &mut String, text: &str) {
    for p in text.split("\n\n") {
        let p = p.replace('\n', " ");
        let _ = writeln!(s, ".PP\n{}", esc(p.trim()));
    }
}

/// Escapes text for roff: backslashes, hyphens (so they are not turned
/// into breaking ones) and a leading control character.
fn esc(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            _ => out.push(c),
        }
    }
    if out.starts_with('.') || out.starts_with('\'') {
        out.insert_str(0, "\\&");
    }
    out
}
