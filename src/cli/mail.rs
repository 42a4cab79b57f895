//! `briefing mail`: the briefing as a mail draft in one step. The PDF is
//! built as `briefing build` builds it (the same bytes, under the same
//! name), the body is the HTML export with the plain-text export as its
//! alternative, and the message is written as an `.eml` file that mail
//! clients open as a draft. The MIME writing is the export stage's
//! ([`crate::export::mail`]); this file reads, names and writes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::args::{ExportPart, MailArgs};
use super::build::{epoch_from_env, options, EXIT_USAGE};
use super::naming::{self, Input, Target};
use super::ours::{self, Found};
use super::read::read_input;
use super::{report, stdout, EXIT_CONTENT};
use crate::export::mail::{self, Draft};
use crate::export::{self, Format, Part};
use crate::pipeline;

pub fn mail(args: &MailArgs, color: bool) -> ExitCode {
    if let Some(n) = &args.name {
        if let Err(e) = naming::check_name(n) {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    }
    let addresses = args.to.iter().chain(&args.cc).chain(&args.from);
    for a in addresses {
        if let Err(e) = mail::check_address(a) {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    }
    let files: Vec<PathBuf> = args.file.iter().cloned().collect();
    // One argument at most: one input.
    let input = match naming::inputs(&files).map(|i| i.into_iter().next()) {
        Ok(Some(i)) => i,
        Ok(None) => return ExitCode::from(EXIT_USAGE),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let source = match read_input(&input) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_CONTENT);
        }
    };
    let Some((briefing, doc)) = super::export::document(&source, color) else {
        return ExitCode::from(EXIT_CONTENT);
    };
    let opts = options(&args.style);
    let built = match pipeline::compile(&source, &opts) {
        Ok(o) => o,
        Err(diags) => {
            let diags = report::complete(diags, &source, &opts);
            report::print_human(&diags, &source, color);
            eprintln!(
                "error: {} not mailed: {}",
                source.path.display(),
                report::counts(&diags)
            );
            return ExitCode::from(EXIT_CONTENT);
        }
    };
    report::print_human(&built.diagnostics, &source, color);

    let b = Some(&briefing);
    // The attachment is named as `build` would name the PDF.
    let pdf_name = match naming::targets(
        std::slice::from_ref(&input),
        &[b],
        None,
        args.name.as_deref(),
        "pdf",
    ) {
        Ok(t) => match t.first() {
            Some(Target::File(p)) => file_name(p),
            _ => "briefing.pdf".into(),
        },
        // Content from the standard input with no name of its own.
        Err(_) => "briefing.pdf".into(),
    };
    let target = match eml_target(&input, b, args) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_CONTENT);
        }
    };

    let part = match args.only {
        None => Part::Whole,
        Some(ExportPart::Summary) => Part::Summary,
    };
    let text = export::render(&doc, &briefing, Format::Text, part, None);
    let html = export::render(&doc, &briefing, Format::Html, part, None);
    let subject = crate::markup::plain_text(&doc.title);
    let date = epoch_from_env()
        .or_else(|| {
            briefing
                .date
                .as_ref()
                .map(|d| mail::unix_of_date(d.year, d.month, d.day))
        })
        .unwrap_or_else(now);
    let message = mail::message(&Draft {
        subject: &subject,
        date,
        from: args.from.as_deref(),
        to: &args.to,
        cc: &args.cc,
        text: &text,
        html: &html,
        pdf: &built.pdf,
        pdf_name: &pdf_name,
    });
    match &target {
        Target::Stdout => {
            if stdout::put(&message) != stdout::Put::Done {
                return ExitCode::from(EXIT_CONTENT);
            }
        }
        Target::File(p) => {
            if let Err(e) = super::write_atomic(p, &message) {
                eprintln!("error: {e}");
                return ExitCode::from(EXIT_CONTENT);
            }
        }
    }
    let to = if args.to.is_empty() {
        String::new()
    } else {
        format!(" to {}", args.to.join(", "))
    };
    eprintln!(
        "wrote {} (a draft{to}, {pdf_name} attached, {:.1} KB); open it in your mail client to send it",
        target.display(),
        message.len() as f64 / 1024.0
    );
    ExitCode::SUCCESS
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "briefing.pdf".into())
}

/// Where the draft goes, checked: `-o FILE` as given (it must end in
/// .eml), else beside the input or in `-o FOLDER`, named as the PDF with
/// `.eml`; never the content file, and an existing file only when it is
/// a draft of ours (or `--force`).
fn eml_target(
    input: &Input,
    b: Option<&crate::model::Briefing>,
    args: &MailArgs,
) -> Result<Target, String> {
    let o = args.output.as_deref();
    let names_a_file = o.is_some_and(|o| {
        o.as_os_str() != "-" && !o.is_dir() && !o.to_string_lossy().ends_with('/')
    });
    // `--name` names the attachment; with `-o FILE` the draft has its own.
    let name = if names_a_file {
        None
    } else {
        args.name.as_deref()
    };
    let target = naming::targets(std::slice::from_ref(input), &[b], o, name, "eml")?
        .pop()
        .ok_or("no output to write")?;
    let Target::File(path) = &target else {
        return Ok(target);
    };
    super::output::never_the_input(path, &input.path())?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if ext.as_deref() != Some("eml") {
        return Err(format!(
            "refusing to write {}: a mail draft must end in .eml",
            path.display()
        ));
    }
    if !args.force && ours::mail(path) == Found::Foreign {
        return Err(format!(
            "refusing to replace {}: it is not a draft briefing wrote; pass --force to replace it",
            path.display()
        ));
    }
    Ok(target)
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
