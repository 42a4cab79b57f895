//! Printing diagnostics: rustc's form for people (on stderr), one JSON
//! document for editors and CI (on stdout).

use serde_json::{json, Value};

use crate::diag::{Diagnostic, Diagnostics, Located, Severity, Source};

/// Errors first, then warnings; each in the order they stand in the file.
pub fn sorted(diags: &Diagnostics) -> Vec<&Diagnostic> {
    let mut v: Vec<&Diagnostic> = diags.items.iter().collect();
    v.sort_by_key(|d| (d.severity, d.span.as_ref().map_or(0, |s| s.start)));
    v
}

/// Diagnostics of one code printed for people; the rest are counted in
/// one line (JSON output keeps them all).
const SHOWN_PER_CODE: usize = 100;

/// Prints the diagnostics to stderr, rustc style: the first
/// [`SHOWN_PER_CODE`] of each code in full, then a count of the others.
pub fn print_human(diags: &Diagnostics, source: &Source, color: bool) {
    let mut seen: std::collections::HashMap<&str, usize> = Default::default();
    let mut more: std::collections::BTreeMap<(Severity, &str), usize> = Default::default();
    for d in sorted(diags) {
        let n = seen.entry(d.code).or_default();
        *n += 1;
        if *n > SHOWN_PER_CODE {
            *more.entry((d.severity, d.code)).or_default() += 1;
            continue;
        }
        eprintln!(
            "{}\n",
            Located {
                diag: d,
                source,
                color
            }
        );
    }
    for ((severity, code), n) in more {
        let kind = if severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        eprintln!(
            "{kind}[{code}]: and {} more like this in {} (`--format json` lists them all)\n",
            crate::diag::grouped(n),
            source.path.display()
        );
    }
}

/// "3 errors, 1 warning".
pub fn counts(diags: &Diagnostics) -> String {
    let (e, w) = (diags.errors().count(), diags.warnings().count());
    format!(
        "{e} error{}, {w} warning{}",
        if e == 1 { "" } else { "s" },
        if w == 1 { "" } else { "s" }
    )
}

/// One diagnostic as JSON. Lines and columns are 1-based and count
/// characters; `end_column` is the column just after the span.
pub fn json_diagnostic(d: &Diagnostic, source: &Source) -> Value {
    let (start, end) = match &d.span {
        Some(s) => {
            let a = source.line_col(s.start);
            let b = source.line_col(s.end.max(s.start));
            (
                json!({"line": a.line, "column": a.col}),
                json!({"line": b.line, "column": b.col}),
            )
        }
        None => (
            json!({"line": null, "column": null}),
            json!({"line": null, "column": null}),
        ),
    };
    json!({
        "file": source.path.display().to_string(),
        "line": start["line"],
        "column": start["column"],
        "end_line": end["line"],
        "end_column": end["column"],
        "severity": match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        "code": d.code,
        "message": d.message,
        "label": d.label,
        "help": d.help,
        "hint": d.help,
        "note": d.note,
    })
}

/// A body size as people read it: `10.5`, `11`, `9.8`.
pub fn points(size: f32) -> String {
    let s = format!("{size:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// "ok: 4 pages at 10.5 pt", and how the size came about when a page
/// budget shrank it.
pub fn fit_line(fit: &crate::pipeline::Fit) -> String {
    format!(
        "ok: {} page{} at {} pt{}",
        fit.pages,
        if fit.pages == 1 { "" } else { "s" },
        points(fit.body_size),
        if fit.fitted {
            " (shrunk to fit the page budget)"
        } else {
            ""
        }
    )
}

/// The whole report of one file as one JSON document; `pages` and
/// `body_size` (points) are those of the build when it succeeds, else
/// `null`.
pub fn json_report(
    source: &Source,
    diags: &Diagnostics,
    fit: Option<&crate::pipeline::Fit>,
) -> Value {
    json!({
        "file": source.path.display().to_string(),
        "ok": !diags.has_errors(),
        "errors": diags.errors().count(),
        "warnings": diags.warnings().count(),
        "pages": fit.map(|f| f.pages),
        "body_size": fit.map(|f| (f64::from(f.body_size) * 100.0).round() / 100.0),
        "fitted": fit.map(|f| f.fitted),
        "diagnostics": sorted(diags)
            .into_iter()
            .map(|d| json_diagnostic(d, source))
            .collect::<Vec<_>>(),
    })
}

/// A report for a file that could not be read at all: a file that is not
/// UTF-8 is E0001 at its first bad byte, one over the size limit E0022.
pub fn json_unreadable(path: &std::path::Path, e: &super::read::ReadError) -> Value {
    let help = e.help();
    let (line, column, end) = match e.at {
        Some(lc) => (json!(lc.line), json!(lc.col), json!(lc.col + 1)),
        None => (Value::Null, Value::Null, Value::Null),
    };
    json!({
        "file": path.display().to_string(),
        "ok": false,
        "errors": 1,
        "warnings": 0,
        "pages": null,
        "body_size": null,
        "fitted": null,
        "diagnostics": [{
            "file": path.display().to_string(),
            "line": line,
            "column": column,
            "end_line": line,
            "end_column": end,
            "severity": "error",
            "code": e.code,
            "message": e.message,
            "label": null,
            "help": help,
            "hint": help,
            "note": null,
        }],
    })
}

/// The diagnostics of a failed build, completed with what the checks that
/// run past errors find: a build stops at the first stage that fails, but
/// the author should see every problem at once.
pub fn complete(
    failed: Diagnostics,
    source: &Source,
    opts: &crate::pipeline::Options,
) -> Diagnostics {
    let mut all = crate::pipeline::diagnose(source, opts);
    // A set of what is already there, so that merging N diagnostics costs
    // O(N), not O(N²) (30,000 unknown keys took seconds here).
    let mut seen: std::collections::HashSet<(&'static str, Option<std::ops::Range<usize>>)> =
        all.items.iter().map(|x| (x.code, x.span.clone())).collect();
    for d in failed.items {
        if seen.insert((d.code, d.span.clone())) {
            all.push(d);
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a failed build found is added to what the checks find, once:
    /// a diagnostic of the same code at the same place is not repeated,
    /// the others keep their order after the checks' own.
    #[test]
    fn completing_keeps_one_of_each_in_order() {
        let source = Source::new("b.toml", "title = \"T\"\nzz = 1\n[summary]\ntext = \"x\"\n");
        let opts = crate::pipeline::Options::default();
        let found = crate::pipeline::diagnose(&source, &opts);
        assert_eq!(found.items.len(), 1, "{:?}", found.items);
        let mut failed = Diagnostics::default();
        failed.push(Diagnostic::error("E0005", "late").at(1..2));
        failed.push(found.items[0].clone());
        failed.push(Diagnostic::error("E0005", "late").at(1..2));
        failed.push(Diagnostic::error("E0005", "elsewhere").at(3..4));
        failed.push(Diagnostic::error("E0007", "no place"));
        failed.push(Diagnostic::error("E0007", "no place"));
        let all = complete(failed, &source, &opts);
        let got: Vec<(&str, &str)> = all
            .items
            .iter()
            .map(|d| (d.code, d.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (found.items[0].code, found.items[0].message.as_str()),
                ("E0005", "late"),
                ("E0005", "elsewhere"),
                ("E0007", "no place"),
            ]
        );
    }
}
