//! `briefing export`: the briefing as Markdown, plain text or HTML, for
//! the e-mail that carries the PDF, whole or (`--only summary`) as the
//! mail's body, or as a Word document for the editors. It is built from the same [`Document`] the PDF is set
//! from, so notes carry the same numbers and quotes and dashes are the
//! same typographic ones.

use std::path::Path;
use std::process::ExitCode;

use super::args::{ExportArgs, ExportFormat, ExportPart};
use super::build::EXIT_USAGE;
use super::naming::{self, Target};
use super::read::read_input;
use super::EXIT_CONTENT;
use super::{report, stdout};
use crate::export::{self, Format, Part, TEXT_WIDTH};
use crate::markup::{self, Document};
use crate::model::Briefing;

pub fn export(args: &ExportArgs, color: bool) -> ExitCode {
    let inputs = match naming::inputs(&args.files) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let part = match args.only {
        None => Part::Whole,
        Some(ExportPart::Summary) => Part::Summary,
    };
    if args.format == ExportFormat::Docx {
        if part == Part::Summary {
            eprintln!("error: a Word document is the whole briefing: --only summary is for a mail's body (md, txt or html)");
            return ExitCode::from(EXIT_USAGE);
        }
        if args.output.is_none() || args.output.as_deref() == Some(Path::new("-")) {
            eprintln!("error: a Word document is a binary file: name it (or a folder) with -o");
            return ExitCode::from(EXIT_USAGE);
        }
    }
    let epoch = super::build::epoch_from_env();
    // Every input is read and every export made before anything is
    // written, so that two inputs can never write one file.
    let mut made: Vec<Option<(Briefing, Vec<u8>)>> = Vec::new();
    let mut failed = false;
    for input in &inputs {
        let source = match read_input(input) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{}", e.headline());
                failed = true;
                made.push(None);
                continue;
            }
        };
        match document(&source, color) {
            Some((b, doc)) => {
                let text = export::render(&doc, &b, format(args.format), part, epoch);
                made.push(Some((b, text)));
            }
            None => {
                failed = true;
                made.push(None);
            }
        }
    }
    let targets = match &args.output {
        None if inputs.len() > 1 && args.format == ExportFormat::Html => {
            eprintln!("error: several HTML documents cannot share the standard output: name a folder with -o");
            return ExitCode::from(EXIT_USAGE);
        }
        None => vec![Target::Stdout; inputs.len()],
        Some(o) => {
            let briefings: Vec<Option<&Briefing>> =
                made.iter().map(|m| m.as_ref().map(|(b, _)| b)).collect();
            match naming::targets(&inputs, &briefings, Some(o), None, args.format.ext())
                .and_then(|t| naming::make_out_folder(Some(o)).map(|()| t))
            {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(EXIT_CONTENT);
                }
            }
        }
    };
    let mut to_stdout = Vec::new();
    for ((input, m), target) in inputs.iter().zip(&made).zip(&targets) {
        let Some((_, text)) = m else { continue };
        match target {
            Target::Stdout => to_stdout.push(text.as_slice()),
            Target::File(path) => {
                let written = check_target(path, &input.path(), args.format, args.force)
                    .and_then(|()| super::write_atomic(path, text).map_err(|e| e.to_string()));
                match written {
                    Ok(()) => eprintln!("wrote {}", path.display()),
                    Err(e) => {
                        eprintln!("error: {e}");
                        failed = true;
                    }
                }
            }
        }
    }
    if !to_stdout.is_empty() {
        let between = match args.format {
            ExportFormat::Md => "\n\n---\n\n".to_string(),
            _ => format!("\n\n{}\n\n", "=".repeat(TEXT_WIDTH)),
        };
        let mut all = to_stdout.join(between.as_bytes());
        all.push(b'\n');
        failed |= stdout::put(&all) == stdout::Put::Failed;
    }
    if failed {
        ExitCode::from(EXIT_CONTENT)
    } else {
        ExitCode::SUCCESS
    }
}

/// The briefing and its document, or `None` with its errors printed.
pub fn document(source: &crate::diag::Source, color: bool) -> Option<(Briefing, Document)> {
    let (briefing, mut diags) = crate::model::parse(source);
    let not_exported = |diags: &crate::diag::Diagnostics| {
        report::print_human(diags, source, color);
        eprintln!(
            "error: {} not exported: {}",
            source.path.display(),
            report::counts(diags)
        );
    };
    let Some(briefing) = briefing else {
        not_exported(&crate::pipeline::diagnose(source, &Default::default()));
        return None;
    };
    let (doc, d) = markup::build(&briefing, source);
    diags.extend(d);
    if diags.has_errors() {
        not_exported(&diags);
        return None;
    }
    Some((briefing, doc))
}

/// An export may only write a file with its format's extension, never
/// the content file (`-o briefing.toml` is refused, not obeyed), and over
/// an existing file only one an export of ours wrote, unless `force`.
fn check_target(
    path: &Path,
    input: &Path,
    format: ExportFormat,
    force: bool,
) -> Result<(), String> {
    super::output::never_the_input(path, input)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let ok = match format {
        ExportFormat::Md => matches!(ext.as_str(), "md" | "markdown"),
        ExportFormat::Txt => matches!(ext.as_str(), "txt" | "text"),
        ExportFormat::Html => matches!(ext.as_str(), "html" | "htm"),
        ExportFormat::Docx => ext == "docx",
    };
    if !ok {
        return Err(format!(
            "refusing to write {}: an {} export must end in .{}",
            path.display(),
            format.ext(),
            format.ext()
        ));
    }
    if !force && super::ours::export(path) == super::ours::Found::Foreign {
        return Err(format!(
            "refusing to replace {}: it has no `generated by briefing` marker, so briefing did not write it; pass --force to replace it",
            path.display()
        ));
    }
    Ok(())
}

/// The export stage's format for the command line's.
fn format(f: ExportFormat) -> Format {
    match f {
        ExportFormat::Md => Format::Markdown,
        ExportFormat::Txt => Format::Text,
        ExportFormat::Html => Format::Html,
        ExportFormat::Docx => Format::Docx,
    }
}
