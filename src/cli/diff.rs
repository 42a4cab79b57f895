//! `briefing diff OLD NEW`: the redline of NEW against OLD as a PDF
//! (`-o OUT.pdf`), or only its summary of changes as Markdown, plain text
//! or HTML for the cover e-mail, or as a Word document with tracked
//! changes.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::args::{DiffArgs, DiffFormat};
use super::build::{options, EXIT_USAGE};
use super::output::{check_target, write_atomic_with, OutputError};
use super::read::{read_source, read_stdin, ReadError};
use super::{print_diagnostics, EXIT_CONTENT, EXIT_TRANSIENT};
use crate::diag::{Diagnostic, Source};
use crate::diff::summary::{self, Format};
use crate::pipeline::{self, Side};

/// Where the older version comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Old {
    File(PathBuf),
    Stdin,
    /// `git:REV`: NEW's file at that revision.
    Git(String),
}

impl Old {
    pub fn parse(s: &str) -> Old {
        if s == "-" {
            Old::Stdin
        } else if let Some(rev) = s.strip_prefix("git:") {
            Old::Git(rev.to_string())
        } else {
            Old::File(PathBuf::from(s))
        }
    }
}

/// Reads OLD (for NEW's file, when it is `git:REV`).
pub fn read_old(old: &Old, new: &Path) -> Result<Source, ReadError> {
    match old {
        Old::Stdin => read_stdin(),
        Old::File(p) => read_source(p),
        Old::Git(rev) => super::git::show(rev, new),
    }
}

/// Reads OLD and NEW; a read error is printed.
pub fn read_pair(old: &Old, new: &Path) -> Result<(Source, Source), ExitCode> {
    let stdin_new = new.as_os_str() == "-";
    if stdin_new && *old == Old::Stdin {
        eprintln!("error[E0039]: OLD and NEW cannot both be the standard input");
        return Err(ExitCode::from(EXIT_USAGE));
    }
    let fail = |e: ReadError| {
        eprintln!("{}", e.headline());
        ExitCode::from(if e.transient {
            EXIT_TRANSIENT
        } else {
            EXIT_CONTENT
        })
    };
    let new_src = if stdin_new {
        read_stdin()
    } else {
        read_source(new)
    }
    .map_err(fail)?;
    let old_src = match old {
        Old::Git(rev) if stdin_new => Err(ReadError {
            message: format!(
                "git:{rev} reads NEW's file from its repository, but NEW is the standard input"
            ),
            at: None,
            code: Some("E0037"),
            transient: false,
        }),
        _ => read_old(old, new),
    }
    .map_err(fail)?;
    Ok((old_src, new_src))
}

pub fn diff(args: &DiffArgs, color: bool) -> ExitCode {
    let old = Old::parse(&args.old);
    let (old_src, new_src) = match read_pair(&old, &args.new) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let opts = options(&args.style);
    let red = match pipeline::compile_redline(&old_src, &new_src, &opts) {
        Ok(r) => r,
        Err((side, diags)) => {
            let src = if side == Side::Old {
                &old_src
            } else {
                &new_src
            };
            print_diagnostics(&diags, src, color);
            return ExitCode::from(EXIT_CONTENT);
        }
    };
    print_diagnostics(&red.output.diagnostics, &new_src, color);
    if let Some(w) = language_warning(&old_src, &new_src) {
        let mut d = crate::diag::Diagnostics::default();
        d.push(w);
        print_diagnostics(&d, &new_src, color);
    }
    let n = red.changes.entries.len();
    let text = |f| summary::text(&red.changes, red.language, &red.pages, f);
    let (bytes, default_ext) = match args.format {
        DiffFormat::Pdf => (red.output.pdf.clone(), "pdf"),
        DiffFormat::Md => (text(Format::Md).into_bytes(), "md"),
        DiffFormat::Txt => (text(Format::Txt).into_bytes(), "txt"),
        DiffFormat::Html => (text(Format::Html).into_bytes(), "html"),
        DiffFormat::Docx => {
            // The marked document as Word tracked changes, with the
            // summary of changes first.
            let (mut prepared, _) = match pipeline::redline_plan(&old_src, &new_src, &opts) {
                Ok(p) => p,
                Err(_) => return ExitCode::from(EXIT_CONTENT),
            };
            prepared.doc.changes = Some(summary::boxed(&red.changes, red.language));
            let bytes = crate::export::render(
                &prepared.doc,
                &prepared.briefing,
                crate::export::Format::Docx,
                crate::export::Part::Whole,
                super::build::epoch_from_env(),
            );
            (bytes, "docx")
        }
    };
    let target = match &args.output {
        Some(o) => Some(o.clone()),
        None if args.format == DiffFormat::Pdf || args.format == DiffFormat::Docx => {
            Some(default_target(&args.new, default_ext))
        }
        None => None,
    };
    let Some(target) = target.filter(|t| t.as_os_str() != "-") else {
        return super::print_bytes(&bytes);
    };
    let input = if args.new.as_os_str() == "-" {
        Path::new("<stdin>")
    } else {
        args.new.as_path()
    };
    let checked = if args.format == DiffFormat::Pdf {
        check_target(&target, input, args.force)
    } else {
        super::output::never_the_input(&target, input)
            .map_err(|m| OutputError::Io(target.clone(), std::io::Error::other(m)))
    };
    let written = checked.and_then(|()| {
        write_atomic_with(&target, &bytes, |t| {
            if args.format == DiffFormat::Pdf {
                check_target(t, input, args.force)
            } else {
                Ok(())
            }
        })
    });
    if let Err(e) = written {
        eprintln!("error: {e}");
        return ExitCode::from(match e {
            OutputError::Io(..) => EXIT_TRANSIENT,
            _ => EXIT_CONTENT,
        });
    }
    if n == 0 {
        eprintln!(
            "no changes: {} reads as {}",
            new_src.path.display(),
            old_src.path.display()
        );
    }
    eprintln!(
        "wrote {} ({} change{} against {}{})",
        target.display(),
        n,
        super::build::plural(n),
        old_src.path.display(),
        if args.format == DiffFormat::Pdf {
            format!(
                ", {} page{}",
                red.output.pages,
                super::build::plural(red.output.pages)
            )
        } else {
            String::new()
        }
    );
    ExitCode::SUCCESS
}

/// `NEW-redline.EXT` beside NEW (in the current folder for stdin).
pub fn default_target(new: &Path, ext: &str) -> PathBuf {
    if new.as_os_str() == "-" {
        return PathBuf::from(format!("redline.{ext}"));
    }
    let stem = new
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("briefing");
    new.with_file_name(format!("{stem}-redline.{ext}"))
}

/// W0019 when OLD and NEW are in different languages: the redline's
/// words are NEW's.
fn language_warning(old: &Source, new: &Source) -> Option<Diagnostic> {
    let lang = |s: &Source| crate::model::parse(s).0.map(|b| b.language);
    let (o, n) = (lang(old)?, lang(new)?);
    let at = new.text.find("language").map(|i| i..i + "language".len());
    (o != n).then(|| {
        Diagnostic::warning(
            "W0019",
            format!(
                "{} is in {} and {} in {}: the redline's summary and marks are in {}",
                old.path.display(),
                o.tag(),
                new.path.display(),
                n.tag(),
                n.tag()
            ),
        )
        .at_opt(at)
    })
}
