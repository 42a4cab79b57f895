//! Every error of FORMAT.md's list, from a small bad input in
//! tests/data/bad/: the right code and message, at the right line and
//! column; then the same files through the binary, which must print them
//! rustc-style, exit 1 and write nothing.

mod common;

use std::path::PathBuf;

use briefing::diag::{Diagnostic, Source};
use common::{listing, opts, run_in, scratch};

/// What one bad file must produce: its only error (or, where `count` says,
/// errors all of that code, the first one this).
struct Expect {
    file: &'static str,
    code: &'static str,
    line: usize,
    col: usize,
    /// Fragments of the message.
    message: &'static [&'static str],
    /// Fragments of the label or the help.
    hint: &'static [&'static str],
    count: usize,
}

const fn e(
    file: &'static str,
    code: &'static str,
    line: usize,
    col: usize,
    message: &'static [&'static str],
    hint: &'static [&'static str],
) -> Expect {
    Expect {
        file,
        code,
        line,
        col,
        message,
        hint,
        count: 1,
    }
}

// One row per bad file, kept one line each so the table reads as a table.
#[rustfmt::skip]
const CASES: &[Expect] = &[
    // Invalid TOML: the string runs to the end of line 2.
    e("invalid_toml", "E0001", 2, 38, &["invalid TOML"], &[]),
    // Wrong type.
    e("quoted_date", "E0002", 2, 8, &["date", "string"], &["remove the quotes", "date = 2001-08-13"]),
    // The help writes the key as the reported line does, so that it pastes
    // over that line: bare under [source], dotted at the top level.
    e("quoted_source_date", "E0002", 5, 8, &["`source.date`", "string"], &["`date = 2025-12-01`"]),
    e("dotted_source_date", "E0002", 3, 15, &["`source.date`", "string"], &["`source.date = 2025-12-01`"]),
    e("quoted_number_in_style", "E0002", 7, 13, &["`style.base_size`", "a number"], &["`base_size = 10`"]),
    // Authors are tables: the help gives them as tables, for a string and
    // for an array of strings alike.
    e("authors_string", "E0002", 2, 11, &["`authors`"], &["`authors = [{ name = \"Stephen Johnson\" }]`", "`[[authors]]`", "`name = \"Stephen Johnson\"`"]),
    e("authors_strings", "E0002", 2, 11, &["`authors`", "array of strings"], &["`authors = [{ name = \"Stephen Johnson\" }]`", "`[[authors]]`"]),
    e("quoted_date_in_words", "E0002", 2, 8, &["`date`", "string"], &["`date = YYYY-MM-DD`"]),
    e("keywords_string", "E0002", 2, 12, &["`keywords`", "an array"], &["`keywords = [\"policy\", \"briefing\"]`"]),
    e("wrong_type", "E0002", 2, 12, &["wrong type", "an array"], &[]),
    // Missing required key.
    e("missing_title", "E0003", 1, 1, &["missing required key `title`"], &[]),
    e("missing_summary_text", "E0003", 3, 1, &["missing required key `text`"], &[]),
    // Unknown key, with "did you mean".
    e("unknown_key", "E0004", 7, 1, &["unknown key `acent`"], &["did you mean `accent`?", "`accent = \"#5B2A86\"`"]),
    e("unknown_top_key", "E0004", 2, 1, &["unknown key `subtitel`"], &["did you mean `subtitle`?"]),
    e("unknown_key_transposed", "E0004", 8, 1, &["unknown key `lable`"], &["did you mean `label`?"]),
    // A misspelt table header, beside correct ones of its name.
    e("table_header_typo", "E0004", 9, 3, &["unknown key `recomendations`"], &["did you mean `recommendations`?", "`[[recommendations]]`"]),
    // A top-level key under a table's header.
    e("top_key_in_style", "E0004", 7, 1, &["unknown key `output` in [style]"], &["belongs at the top level", "move it to the top level"]),
    // Notes.
    e("undefined_note_ref", "E0005", 4, 31, &["`wbd`", "not defined"], &[]),
    e("figure_note_undefined", "E0005", 9, 8, &["`inei`", "not defined"], &[]),
    e("bad_note_key", "E0006", 8, 1, &["`bad key!`", "letters, digits"], &[]),
    // Unsupported markdown: each construct where it starts.
    e("md_heading", "E0007", 7, 1, &["heading"], &["[[sections]]"]),
    e("md_block_quote", "E0007", 7, 1, &["block quote"], &[]),
    e("md_code_block", "E0007", 7, 1, &["code block"], &[]),
    e("md_indented_code", "E0007", 7, 5, &["code block"], &["indent"]),
    e("md_table", "E0007", 7, 1, &["table"], &[]),
    e("md_image", "E0007", 4, 23, &["image"], &[]),
    // `<b>` and `</b>` are two pieces of HTML; each is shown.
    Expect {
        count: 2,
        ..e("md_inline_html", "E0007", 4, 20, &["HTML"], &[])
    },
    e("md_html_block", "E0007", 7, 1, &["HTML"], &[]),
    // Charts.
    e("chart_mismatch", "E0008", 13, 10, &["3 labels but 2 values"], &[]),
    e("chart_one_point", "E0008", 13, 10, &["1 point;", "2 to 24"], &[]),
    e("chart_too_many", "E0008", 13, 10, &["25 points", "2 to 24"], &[]),
    e("chart_nan", "E0008", 13, 17, &["not a finite number"], &[]),
    e("chart_inf", "E0008", 13, 11, &["`inf`", "not a finite number"], &[]),
    e("chart_nonfinite_multiline", "E0008", 15, 3, &["`-inf`", "not a finite number"], &[]),
    // Style.
    // A5 is another paper size, not a misspelt a4: nothing is swapped in.
    e("unknown_paper", "E0009", 7, 9, &["unknown paper `A5`"], &["letter, A4 and legal"]),
    e("paper_typo", "E0009", 7, 9, &["unknown paper `Lettr`"], &["did you mean `letter`?", "`paper = \"letter\"`"]),
    e(
        "unsupported_language",
        "E0010",
        2,
        12,
        &["`qu`", "en-US", "en-GB", "es", "fr", "de", "pt"],
        &[],
    ),
    // Languages by name get their tags; one we do not set is unsupported.
    e("language_name", "E0010", 2, 12, &["`English`"], &["`language = \"en-US\"`", "\"en-GB\""]),
    e("language_native_name", "E0010", 2, 12, &["`Español`"], &["`language = \"es\"`"]),
    e("language_unsupported", "E0010", 2, 12, &["`it` (Italian)", "en-US, en-GB, es, fr, de, pt"], &["Italian is not supported"]),
    e("malformed_accent", "E0011", 7, 10, &["`#1F3A5`"], &["#RRGGBB"]),
    e("base_size_range", "E0012", 7, 13, &["`base_size` is 16", "7 and 14"], &["`base_size = 14`"]),
    e("columns_range", "E0013", 7, 11, &["`columns` is 3", "1 or 2"], &["`columns = 2`"]),
    e("missing_font", "E0014", 7, 18, &["NoSuchSerif.ttf", "no such file"], &["relative"]),
    e("unreadable_font", "E0014", 7, 11, &["not-a-font.ttf", "cannot be used"], &[]),
    e("max_pages_range", "E0016", 7, 13, &["`max_pages` is 0", "1 and 1000"], &["`max_pages = 1`"]),
    // Optional keys (README).
    e(
        "unknown_justify",
        "E0019",
        7,
        11,
        &["unknown `justify` value `alway`", "\"auto\", \"always\" or \"never\""],
        &["did you mean `always`?"],
    ),
    e("output_placeholder", "E0020", 2, 10, &["unknown placeholder `{short_titel}`", "did you mean `{short_title}`"], &["`output = \"{short_title}.pdf\"`"]),
    e("output_without_date", "E0020", 2, 10, &["`{date}` needs the briefing's `date`"], &[]),
    e("span_malformed_tag", "E0035", 4, 28, &["malformed language tag `es_PE`"], &["`{lang=es-PE}`"]),
    e("span_unknown_attribute", "E0036", 4, 23, &["unknown attribute `.smallcaps`"], &["`[…]{lang=es}`"]),
    e("source_language_malformed", "E0035", 5, 13, &["`english`", "`source.language`"], &["`language = \"en-US\"`"]),
];

fn bad_dir() -> PathBuf {
    common::repo().join("tests/data/bad")
}

fn source(file: &str) -> Source {
    let path = bad_dir().join(format!("{file}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    Source::new(path, text)
}

fn errors_of(src: &Source) -> Vec<Diagnostic> {
    match briefing::pipeline::compile(src, &opts()) {
        Ok(_) => panic!("{} builds, but must fail", src.path.display()),
        Err(d) => d.errors().cloned().collect(),
    }
}

fn check(x: &Expect) -> Result<(), String> {
    let src = source(x.file);
    let errors = errors_of(&src);
    let first = errors.first().ok_or("no error")?;
    let show = || {
        errors
            .iter()
            .map(|d| format!("{d:?}"))
            .collect::<Vec<_>>()
            .join("\n    ")
    };
    if errors.len() != x.count || errors.iter().any(|d| d.code != x.code) {
        return Err(format!(
            "want {} × {}, got:\n    {}",
            x.count,
            x.code,
            show()
        ));
    }
    let span = first.span.clone().ok_or("the error has no location")?;
    let at = src.line_col(span.start);
    if (at.line, at.col) != (x.line, x.col) {
        return Err(format!(
            "at {}:{}, want {}:{}: {}",
            at.line,
            at.col,
            x.line,
            x.col,
            show()
        ));
    }
    // The caret covers the offending text, not the line break after it.
    if let Some(s) = src.text.get(span.clone()) {
        if s.len() > 1 && s.ends_with(['\n', ' ']) {
            return Err(format!("span {span:?} ends in whitespace: {s:?}"));
        }
    }
    for m in x.message {
        if !first.message.contains(m) {
            return Err(format!("message {:?} lacks {m:?}", first.message));
        }
    }
    let hints = format!(
        "{} {}",
        first.label.as_deref().unwrap_or(""),
        first.help.as_deref().unwrap_or("")
    );
    for h in x.hint {
        if !hints.contains(h) {
            return Err(format!("label/help {hints:?} lacks {h:?}"));
        }
    }
    Ok(())
}

#[test]
fn each_error_is_reported_with_its_code_message_and_place() {
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|x| check(x).err().map(|e| format!("{}: {e}", x.file)))
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_bad_file_is_covered() {
    let mut files: Vec<String> = listing(&bad_dir())
        .into_iter()
        .filter_map(|f| f.strip_suffix(".toml").map(str::to_string))
        .collect();
    files.retain(|f| f != "max_pages_cannot_fit");
    let mut covered: Vec<String> = CASES.iter().map(|x| x.file.to_string()).collect();
    files.sort();
    covered.sort();
    assert_eq!(files, covered);
}

#[test]
fn every_format_error_code_has_a_case() {
    // E0001–E0016 are FORMAT.md's list (README's table); E0015 has its own
    // test below.
    for n in 1..=16 {
        let code = format!("E{n:04}");
        assert!(
            code == "E0015" || CASES.iter().any(|x| x.code == code),
            "no bad input for {code}"
        );
    }
}

/// The TOML a help line offers to paste: its first `…` that is a
/// `KEY = VALUE` line or a table header. A form to fill (`YYYY-MM-DD`,
/// given where no date can be read from what was written) is filled in.
fn snippet(help: &str) -> Option<String> {
    help.split('`')
        .skip(1)
        .step_by(2)
        .find(|s| s.contains(" = ") || (s.starts_with('[') && s.ends_with(']')))
        .map(|s| s.replace("YYYY-MM-DD", "2001-08-13"))
}

/// Every help line of the cases above, applied as it says: its TOML pasted
/// over the reported line (or, for "move it to the top level", that line
/// moved to the top), and the file then builds.
#[test]
fn every_help_line_pasted_at_its_place_makes_the_file_build() {
    let mut applied = Vec::new();
    let mut failures = Vec::new();
    for x in CASES {
        let src = source(x.file);
        let errors = errors_of(&src);
        let d = &errors[0];
        let Some(help) = d.help.as_deref() else {
            continue;
        };
        let line = src.line_col(d.span.clone().expect("located").start).line;
        let mut lines: Vec<String> = src.text.lines().map(str::to_string).collect();
        if let Some(fix) = snippet(help) {
            lines[line - 1] = fix;
        } else if help.starts_with("move it to the top level") {
            let moved = lines.remove(line - 1);
            lines.insert(0, moved);
        } else {
            continue;
        }
        let text = lines.join("\n") + "\n";
        applied.push(x.file);
        if let Err(d) = briefing::pipeline::compile(&Source::new(&src.path, text.clone()), &opts())
        {
            let left: Vec<String> = d
                .errors()
                .map(|e| format!("{}: {}", e.code, e.message))
                .collect();
            failures.push(format!(
                "{}: help {help:?} applied, still {left:?}\n{text}",
                x.file
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    // The helps that must stay pasteable (a change that drops the TOML
    // from one of them fails here).
    for f in [
        "quoted_date",
        "quoted_source_date",
        "dotted_source_date",
        "quoted_date_in_words",
        "keywords_string",
        "wrong_type",
        "quoted_number_in_style",
        "authors_string",
        "authors_strings",
        "unknown_key",
        "unknown_top_key",
        "unknown_key_transposed",
        "table_header_typo",
        "top_key_in_style",
        "paper_typo",
        "language_name",
        "language_native_name",
        "base_size_range",
        "columns_range",
        "max_pages_range",
        "unknown_justify",
        "output_placeholder",
        "output_without_date",
        "source_language_malformed",
    ] {
        assert!(applied.contains(&f), "{f}: its help gives nothing to paste");
    }
}

/// A value of a closed set is never swapped for another member (`A5` is
/// a paper size, not a misspelt `a4`; `pie` a chart kind), while a typo of
/// a member, in any case, still gets it.
#[test]
fn closed_sets_suggest_only_the_value_that_was_misspelt() {
    let with_paper =
        |p: &str| format!("title = \"T\"\n[summary]\ntext = \"x\"\n[style]\npaper = \"{p}\"\n");
    for p in ["A5", "a3", "A6", "b5", "tabloid", "Executive"] {
        let errors = errors_of(&Source::new("p.toml", with_paper(p)));
        let said = format!("{:?} {:?}", errors[0].label, errors[0].help);
        assert!(
            !said.contains("did you mean") && !said.contains("paper = "),
            "{p}: {said}"
        );
    }
    for (p, want) in [("LETER", "letter"), ("a 4", "a4"), ("Legl", "legal")] {
        let errors = errors_of(&Source::new("p.toml", with_paper(p)));
        let help = errors[0].help.clone().unwrap_or_default();
        assert!(help.contains(&format!("paper = \"{want}\"")), "{p}: {help}");
    }
}

/// A language the program does not set is never swapped for a near tag
/// (`it` is one edit from `pt`).
#[test]
fn an_unsupported_language_gets_no_other_language_suggested() {
    for lang in ["it", "nl", "ru", "zh-CN", "Italiano"] {
        let text = format!("title = \"T\"\nlanguage = \"{lang}\"\n[summary]\ntext = \"x\"\n");
        let errors = errors_of(&Source::new("lang.toml", text));
        assert_eq!(errors.len(), 1, "{lang}: {errors:?}");
        let d = &errors[0];
        let said = format!("{} {:?} {:?}", d.message, d.label, d.help);
        assert!(!said.contains("did you mean"), "{lang}: {said}");
        assert!(!said.contains("language = "), "{lang}: {said}");
    }
}

#[test]
fn max_pages_that_cannot_fit_says_how_many_pages_it_needs() {
    let src = source("max_pages_cannot_fit");
    let errors = errors_of(&src);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let d = &errors[0];
    assert_eq!(d.code, "E0015");
    assert!(d.message.contains("cannot fit 1 page"), "{}", d.message);
    let needed: u32 = d
        .message
        .split("needs ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no page count in {:?}", d.message));
    assert!(needed >= 2, "it says it needs {needed} pages");
    let at = src.line_col(d.span.clone().expect("located").start);
    // `max_pages = 1` is on line 55; the caret may sit on the key or value.
    assert_eq!(at.line, 55);
    assert!(at.col == 1 || at.col == 13, "column {}", at.col);
}

#[test]
fn wrong_key_types_name_what_was_expected() {
    let cases = [
        ("title = 5\n[summary]\ntext = \"x\"\n", 1, 9, "string"),
        (
            "title = \"T\"\n[summary]\ntext = \"x\"\n[style]\ncolumns = \"two\"\n",
            5,
            11,
            "integer",
        ),
        (
            "title = \"T\"\n[summary]\ntext = \"x\"\n[[figures]]\nvalue = 49\nlabel = \"l\"\n",
            5,
            9,
            "string",
        ),
    ];
    for (text, line, col, expected) in cases {
        let src = Source::new("inline.toml", text);
        let errors = errors_of(&src);
        assert_eq!(errors.len(), 1, "{text}: {errors:?}");
        let d = &errors[0];
        assert_eq!(d.code, "E0002", "{text}: {d:?}");
        assert!(d.message.contains(expected), "{text}: {}", d.message);
        let at = src.line_col(d.span.clone().expect("located").start);
        assert_eq!((at.line, at.col), (line, col), "{text}: {d:?}");
    }
}

/// The binary on every bad file: exit 1, a rustc-style located error for
/// each, and no PDF (nor any other file) left behind.
#[test]
fn the_binary_reports_each_error_located_and_writes_nothing() {
    let dir = scratch("errors_binary");
    for f in listing(&bad_dir()) {
        std::fs::copy(bad_dir().join(&f), dir.join(&f)).expect("copy bad input");
    }
    let before = listing(&dir);
    let mut failures = Vec::new();
    for x in CASES {
        let name = format!("{}.toml", x.file);
        let out = format!("{}.pdf", x.file);
        let r = run_in(&dir, &["build", &name, "-o", &out]);
        let src = source(x.file);
        let line_text = src.text.lines().nth(x.line - 1).unwrap_or("").trim();
        let mut problems = Vec::new();
        if r.code != Some(1) {
            problems.push(format!("exit {:?}", r.code));
        }
        for want in [
            format!("error[{}]", x.code),
            format!("--> {name}:{}:{}", x.line, x.col),
            line_text.to_string(),
            "^".to_string(),
        ] {
            if !r.stderr.contains(&want) {
                problems.push(format!("stderr lacks {want:?}"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("{name}: {}\n{}", problems.join("; "), r.stderr));
        }
    }
    let r = run_in(&dir, &["build", "max_pages_cannot_fit.toml"]);
    if r.code != Some(1) || !r.stderr.contains("error[E0015]") {
        failures.push(format!(
            "max_pages_cannot_fit.toml: {:?}\n{}",
            r.code, r.stderr
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(listing(&dir), before, "a failed build left files behind");
}

#[test]
fn check_reports_errors_without_writing() {
    let dir = scratch("errors_check");
    std::fs::copy(bad_dir().join("unknown_key.toml"), dir.join("b.toml")).unwrap();
    let r = run_in(&dir, &["check", "b.toml"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("error[E0004]"), "{}", r.stderr);
    assert!(r.stderr.contains("--> b.toml:7:1"), "{}", r.stderr);
    assert_eq!(listing(&dir), vec!["b.toml"]);

    std::fs::write(dir.join("good.toml"), common::tiny("")).unwrap();
    let r = run_in(&dir, &["check", "good.toml"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(listing(&dir), vec!["b.toml", "good.toml"]);
}

#[test]
fn usage_errors_exit_2() {
    let dir = scratch("errors_usage");
    std::fs::write(dir.join("b.toml"), common::tiny("")).unwrap();
    for args in [
        &["build", "b.toml", "--max-pages", "0"][..],
        &["build", "b.toml", "--no-such-flag"][..],
        &["frobnicate"][..],
    ] {
        let r = run_in(&dir, args);
        assert_eq!(r.code, Some(2), "{args:?}: {}", r.stderr);
    }
    assert_eq!(listing(&dir), vec!["b.toml"]);
}

/// Each use of an undefined note is reported where it stands, at its own
/// line and column: in a literal string, in a basic string whose escapes
/// make the text shorter than the file (`\"`, `\u00e9`, a line-ending
/// backslash), and never at a `[^nope]` that is no reference (in a code
/// span, after a backslash).
#[test]
fn each_undefined_reference_is_at_its_own_line_and_column() {
    let text = concat!(
        "title = \"T\"\n",
        "[summary]\n",
        "text = '''\n",
        "One [^nope].\n",
        "\n",
        "Two `[^nope]` and \\[^nope] then [^nope].\n",
        "'''\n",
        "[[sections]]\n",
        "heading = \"S\"\n",
        "text = \"\"\"\n",
        "Said \\\"so\\\" \\u00e9 [^nope] \\\n",
        "   again [^nope]\n",
        "\"\"\"\n",
    );
    let src = Source::new("refs.toml", text);
    let Err(d) = briefing::pipeline::compile(&src, &opts()) else {
        panic!("built")
    };
    let at: Vec<(usize, usize, &str)> = d
        .items
        .iter()
        .filter(|e| e.code == "E0005")
        .map(|e| {
            let s = e.span.clone().expect("located");
            let lc = src.line_col(s.start);
            (lc.line, lc.col, &text[s])
        })
        .collect();
    assert_eq!(
        at,
        [
            (4, 5, "[^nope]"),
            (6, 33, "[^nope]"),
            (11, 20, "[^nope]"),
            (12, 10, "[^nope]"),
        ]
    );
    // The binary prints the same places.
    let dir = scratch("undefined_refs_each_at_its_place");
    std::fs::write(dir.join("refs.toml"), text).unwrap();
    let r = run_in(&dir, &["check", "refs.toml"]);
    assert_eq!(r.code, Some(1));
    for place in [
        "refs.toml:4:5",
        "refs.toml:6:33",
        "refs.toml:11:20",
        "refs.toml:12:10",
    ] {
        assert_eq!(r.stderr.matches(place).count(), 1, "{place}: {}", r.stderr);
    }
}

/// E0015 from `--max-pages`: the budget comes from the command line, so
/// no line of the file is pointed at; the message and a rustc-style
/// `= note:` say where it comes from and what in the file it overrides,
/// in human output and in JSON.
#[test]
fn max_pages_from_the_command_line_is_labelled_as_such() {
    let dir = scratch("max_pages_from_the_command_line");
    let text = std::fs::read_to_string(bad_dir().join("max_pages_cannot_fit.toml")).unwrap();
    // The file's own budget (line 55) made roomy; the flag asks for 1.
    let text = text.replace("max_pages = 1", "max_pages = 50");
    std::fs::write(dir.join("b.toml"), &text).unwrap();
    let r = run_in(&dir, &["build", "b.toml", "--max-pages", "1"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let head = r.stderr.lines().take(3).collect::<Vec<_>>();
    assert!(
        head[0].starts_with(
            "error[E0015]: the briefing cannot fit 1 page (`--max-pages 1`, from the command line): it needs "
        ),
        "{}",
        r.stderr
    );
    assert_eq!(head[1], "--> b.toml", "no line or column: {}", r.stderr);
    assert_eq!(
        head[2],
        " = note: the page budget was given on the command line: `--max-pages 1`, \
         over `max_pages = 50` in the file (line 55)"
    );
    assert!(
        !r.stderr.contains("b.toml:"),
        "a place in the file: {}",
        r.stderr
    );
    assert!(!dir.join("b.pdf").exists());

    let r = run_in(
        &dir,
        &["check", "b.toml", "--max-pages", "1", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "E0015");
    assert!(d["line"].is_null() && d["column"].is_null(), "{d}");
    assert!(d["message"]
        .as_str()
        .unwrap()
        .contains("from the command line"));
    assert_eq!(
        d["note"],
        "the page budget was given on the command line: `--max-pages 1`, \
         over `max_pages = 50` in the file (line 55)"
    );

    // Without a budget in the file, the note says only where it came from;
    // and a budget from the file is at its line, with no note.
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("max_pages"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.join("b.toml"), &without).unwrap();
    let r = run_in(&dir, &["check", "b.toml", "--max-pages", "1"]);
    assert!(
        r.stderr
            .contains(" = note: the page budget was given on the command line: `--max-pages 1`\n"),
        "{}",
        r.stderr
    );
    let src = source("max_pages_cannot_fit");
    let d = &errors_of(&src)[0];
    assert!(d.note.is_none() && d.span.is_some(), "{d:?}");
}

/// The TOML reader's nesting limit (a 10,000-part dotted key) is E0045
/// at the key where it starts, in human output and JSON.
#[test]
fn a_key_nested_past_the_readers_limit_is_e0045_at_the_key() {
    let dir = scratch("nesting_limit_e0045");
    let key = vec!["a"; 10_000].join(".");
    let text = format!("title = \"T\"\n[summary]\ntext = \"Short.\"\n\n  {key} = 1\n");
    std::fs::write(dir.join("b.toml"), &text).unwrap();
    let r = run_in(&dir, &["check", "b.toml"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.starts_with(
            "error[E0045]: a key of 10,000 parts: keys may nest at most 80 levels\n --> b.toml:5:3\n"
        ),
        "{}",
        r.stderr
    );
    let r = run_in(&dir, &["check", "b.toml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    let all = v["diagnostics"].as_array().unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    let d = &all[0];
    assert_eq!(
        (&d["code"], &d["line"], &d["column"], &d["end_column"]),
        (
            &serde_json::json!("E0045"),
            &serde_json::json!(5),
            &serde_json::json!(3),
            &serde_json::json!(3 + key.len())
        )
    );
    assert!(d["help"]
        .as_str()
        .unwrap()
        .contains("write the keys and values out flat"));
}
