//! `briefing diff`: pairs of briefings with known edits (a changed figure
//! value, a deleted sentence, an inserted clause, a renamed section, an
//! added and a removed recommendation, a changed note, a moved
//! paragraph), the redline read back: the marked words in the text at
//! their place and in the structure as Spans that say what happened to
//! them, the summary with the right old and new values and pages, change
//! bars beside exactly the marked lines, an unchanged section unmarked,
//! and identical inputs giving "No changes".

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use briefing::diag::Source;
use briefing::layout::{Item, Tag};
use briefing::pipeline::{self, RedlineOutput};
use common::*;

fn data(name: &str) -> PathBuf {
    repo().join("tests/data/redline").join(name)
}

fn source(name: &str) -> Source {
    let p = data(name);
    let text = std::fs::read_to_string(&p).expect("test briefing");
    Source::new(p, text)
}

/// The redline of the test pair, built once.
fn redline() -> &'static (RedlineOutput, Pdf) {
    static R: OnceLock<(RedlineOutput, Pdf)> = OnceLock::new();
    R.get_or_init(|| {
        let r = pipeline::compile_redline(&source("old.toml"), &source("new.toml"), &opts())
            .unwrap_or_else(|(side, d)| panic!("{side:?}: {:?}", d.items));
        let pdf = Pdf::load(&r.output.pdf);
        pdf.assert_accessible();
        keep(&r.output.pdf);
        (r, pdf)
    })
}

/// Every Span's role text and replacement text, in reading order.
fn spans(pdf: &Pdf) -> Vec<(String, String)> {
    let s = pdf.structure();
    s.walk()
        .into_iter()
        .filter(|&e| s.elems[e].role == "Span")
        .map(|e| {
            let d = pdf
                .doc
                .get_object(s.elems[e].obj)
                .and_then(|o| o.as_dict())
                .expect("a Span's dictionary");
            let actual = d
                .get(b"ActualText")
                .ok()
                .and_then(|o| o.as_str().ok())
                .map(text_string)
                .unwrap_or_default();
            (squash(&s.text(e)), actual)
        })
        .collect()
}

#[test]
fn deleted_and_inserted_words_stand_at_their_place() {
    let (_, pdf) = redline();
    let text = squash(&pdf.text());
    assert!(
        has_phrase(
            &text,
            "former President Alan García. The outgoing government left a legacy of debt. For the United States"
        ),
        "the deleted sentence is not at its place"
    );
    assert!(has_phrase(
        &text,
        "restored freedom of the press and the credibility of the electoral process, but left"
    ));
    assert!(has_phrase(
        &text,
        "Broken Fractured institutions and economic decay"
    ));
    let sp = spans(pdf);
    let has = |actual: &str| sp.iter().any(|(_, a)| a == actual);
    for want in [
        "deleted: The outgoing government left a legacy of debt.",
        "inserted: and the credibility of the electoral process",
        "deleted: Broken ",
        "inserted: Fractured",
        "inserted: 49%",
        "deleted: 47%",
        "inserted: Rebuild U.S.-Peruvian security ties",
        "deleted: Review the assistance programs",
    ] {
        assert!(has(want), "no Span says {want:?}: {sp:#?}");
    }
    // The moved paragraph is moved, not deleted and inserted.
    assert!(sp
        .iter()
        .any(|(_, a)| a.starts_with("moved: Tarnished military. Defying a regional trend")));
    assert!(!sp
        .iter()
        .any(|(_, a)| a.contains("deleted: Tarnished military")));
    // Each Span's replacement text is its own text, announced.
    for (t, a) in &sp {
        let (_, said) = a.split_once(": ").expect("kind: text");
        // (A note's number hangs on its word, with the space after it.)
        let bare = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(bare(said), bare(t), "{a}");
    }
}

#[test]
fn the_summary_lists_each_change_with_old_and_new_values_and_pages() {
    let (r, pdf) = redline();
    let p1 = squash(&pdf.page_text(0));
    // The heading in capitals, heard as written.
    assert!(p1.contains("CHANGES SINCE AUGUST 6, 2001"), "{p1}");
    for want in [
        "Key figure “poverty rate”: 49% (was 47%)",
        "Section “Broken institutions and economic decay” renamed “Fractured institutions and economic decay” and revised",
        "Section “A tarnished military and uncertain relations” revised (1 ¶ moved)",
        "Recommendation “Rebuild U.S.-Peruvian security ties” added",
        "Recommendation “Review the assistance programs” removed",
        "Summary revised 1",
    ] {
        assert!(has_phrase(&p1, want), "page 1 lacks {want:?}:\n{p1}");
    }
    // The pages it names are where the changes are.
    let page_of = |phrase: &str| {
        (0..pdf.pages.len())
            .find(|&p| has_phrase(&squash(&pdf.page_text(p)), phrase) && p > 0)
            .map(|p| p + 1)
    };
    let renamed = page_of("Broken Fractured institutions and economic decay").expect("heading");
    assert!(has_phrase(
        &p1,
        &format!("renamed “Fractured institutions and economic decay” and revised {renamed}")
    ));
    let added = page_of("Rebuild U.S.-Peruvian security ties").expect("added recommendation");
    assert!(has_phrase(&p1, &format!("security ties” added {added}")));
    // The note whose text changed, by its number in the redline.
    let usaid = r
        .changes
        .entries
        .iter()
        .find_map(|e| match e.what {
            briefing::diff::What::Note { number, state } => Some((number, state)),
            _ => None,
        })
        .expect("a note change");
    assert!(
        has_phrase(&p1, &format!("Note {} revised", usaid.0)),
        "{p1}"
    );
    // Each line links to its place.
    let links = pdf.links(0);
    let to = |page: usize| {
        links
            .iter()
            .any(|l| l.dest.is_some_and(|d| d.0 + 1 == page))
    };
    assert!(to(renamed) && to(added), "{links:?}");
    assert!(
        links.iter().filter(|l| l.dest.is_some()).count() >= 8,
        "{links:?}"
    );
    // The same summary for the cover e-mail.
    let md = briefing::diff::summary::text(
        &r.changes,
        r.language,
        &r.pages,
        briefing::diff::summary::Format::Md,
    );
    assert!(md.starts_with("## Changes since August 6, 2001\n"), "{md}");
    assert!(
        md.contains("- Key figure “poverty rate”: 49% (was 47%), page 2\n"),
        "{md}"
    );
}

/// The changed runs of a page, as baselines.
fn changed_baselines(r: &RedlineOutput, page: usize) -> Vec<f32> {
    let tree = &r.output.laid.structure;
    r.output.laid.pages[page]
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Text(run) => match run.tag {
                Tag::Node(n) if tree.get(n).change.is_some() => Some(run.y),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The changed runs of a page: baseline and horizontal extent.
fn changed_runs(r: &RedlineOutput, page: usize) -> Vec<(f32, f32, f32)> {
    let tree = &r.output.laid.structure;
    r.output.laid.pages[page]
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Text(run) => match run.tag {
                Tag::Node(n) if tree.get(n).change.is_some() => {
                    Some((run.y, run.x, run.x + run.width))
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The side a changed run's bar belongs on: the right for a line (the
/// runs on its baseline no more than two ems apart) of a right-hand
/// column, the left for a line left of the middle with a right-hand
/// column's line near it, else the outer margin (right on odd pages, left
/// on even ones). Returns whether it is the left.
fn side(r: &RedlineOutput, page: usize, (y, a, b): (f32, f32, f32)) -> bool {
    let g = briefing::layout::geometry::Geometry::for_layout(briefing::model::Paper::Letter, 1);
    let mid = (g.left + g.right) / 2.0;
    let text: Vec<(f32, f32, f32, f32)> = r.output.laid.pages[page]
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Text(t) if matches!(t.tag, Tag::Node(_)) => {
                Some((t.y, t.x, t.x + t.width, t.size))
            }
            _ => None,
        })
        .collect();
    let line = |y: f32, a: f32, b: f32| {
        let (mut x0, mut x1) = (a, b);
        loop {
            let before = (x0, x1);
            for &(ty, p, q, size) in &text {
                if (ty - y).abs() < 0.5 && p <= x1 + 2.0 * size && q >= x0 - 2.0 * size {
                    x0 = x0.min(p);
                    x1 = x1.max(q);
                }
            }
            if before == (x0, x1) {
                return (x0, x1);
            }
        }
    };
    let (x0, x1) = line(y, a, b);
    // A right-hand column's line within four lines: a two-column part.
    let columns = text
        .iter()
        .any(|&(ty, p, q, size)| (ty - y).abs() < 4.0 * size && line(ty, p, q).0 >= mid - 1.0);
    if x0 >= mid - 1.0 {
        false
    } else if x1 <= mid + 1.0 && columns {
        true
    } else {
        page % 2 == 1
    }
}

/// The change bars of a page: filled rectangles outside the type area.
fn bars(r: &RedlineOutput, page: usize) -> Vec<(f32, f32, f32)> {
    let p = &r.output.laid.pages[page];
    let g = briefing::layout::geometry::Geometry::for_layout(briefing::model::Paper::Letter, 1);
    p.items
        .iter()
        .filter_map(|it| match it {
            Item::Rect {
                x, y, w, h, tag, ..
            } if *w < 2.0 && (*x + *w < g.left || *x > g.right) => {
                assert_eq!(*tag, Tag::LAYOUT, "a change bar is an artifact");
                Some((*x, *y, *y + *h))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn change_bars_sit_beside_exactly_the_changed_lines() {
    let (r, _) = redline();
    let g = briefing::layout::geometry::Geometry::for_layout(briefing::model::Paper::Letter, 1);
    let mut seen = 0;
    let mut columns = 0;
    for page in 0..r.output.laid.pages.len() {
        let runs: Vec<((f32, f32, f32), bool)> = changed_runs(r, page)
            .into_iter()
            .map(|run| (run, side(r, page, run)))
            .collect();
        let bs = bars(r, page);
        for ((y, _, _), left) in &runs {
            assert!(
                bs.iter()
                    .any(|(x, top, bottom)| top <= y && y <= bottom && (*x < g.left) == *left),
                "page {}: a changed line at {y} has no bar on its side: {bs:?}",
                page + 1
            );
        }
        for (x, top, bottom) in &bs {
            assert!(
                runs.iter()
                    .any(|((y, _, _), left)| top <= y && y <= bottom && (*x < g.left) == *left),
                "page {}: a bar at {top}–{bottom} stands beside no changed line",
                page + 1
            );
            // A bar on the inner side of a recto is a left column's.
            if page % 2 == 0 && *x < g.left {
                columns += 1;
            }
        }
        seen += bs.len();
    }
    assert!(seen >= 6, "{seen} bars");
    // The removed note text is in the notes' left column, on page 5.
    assert!(columns >= 1, "no bar beside a left column");
}

#[test]
fn an_unchanged_section_has_no_mark() {
    let (r, pdf) = redline();
    let s = pdf.structure();
    let sect = s
        .walk()
        .into_iter()
        .find(|&e| {
            s.elems[e].role == "Sect"
                && s.text(e)
                    .starts_with("Background: from Velasco to Fujimori")
        })
        .expect("the Background section");
    let mut todo = vec![sect];
    while let Some(e) = todo.pop() {
        assert_ne!(s.elems[e].role, "Span", "a mark in the unchanged section");
        for k in &s.elems[e].kids {
            if let common::a11y::Kid::Elem(c) = k {
                todo.push(*c);
            }
        }
    }
    // Nor any bar beside its lines: the page its list is on (2) has only
    // the key figure's.
    let lines = changed_baselines(r, 1);
    assert!(lines.iter().all(|y| *y < 250.0), "{lines:?}");
}

#[test]
fn identical_inputs_give_no_changes() {
    let new = data("new.toml");
    let n = new.to_str().expect("path");
    let dir = scratch("redline-same");
    let out = dir.join("same.pdf");
    let run = run_in(&dir, &["diff", n, n, "-o", out.to_str().expect("path")]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("no changes"), "{}", run.stderr);
    let pdf = Pdf::load_file(&out);
    let p1 = squash(&pdf.page_text(0));
    assert!(
        has_phrase(&p1, "CHANGES SINCE AUGUST 13, 2001 No changes."),
        "{p1}"
    );
    assert!(!pdf.structure().elems.iter().any(|e| e.role == "Span"));
    for f in ["md", "txt", "html"] {
        let run = run_in(&dir, &["diff", n, n, "--format", f]);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        assert!(run.stdout.contains("No changes."), "{f}: {}", run.stdout);
    }
}

#[test]
fn summary_formats_for_the_cover_mail() {
    let dir = scratch("redline-formats");
    let (o, n) = (data("old.toml"), data("new.toml"));
    let (o, n) = (o.to_str().expect("path"), n.to_str().expect("path"));
    let html = run_in(&dir, &["diff", o, n, "--format", "html"]);
    assert_eq!(html.code, Some(0), "{}", html.stderr);
    assert!(html
        .stdout
        .starts_with("<section lang=\"en-US\">\n<h2>Changes since August 6, 2001</h2>"));
    assert!(html
        .stdout
        .contains("<li>Key figure “poverty rate”: 49% (was 47%), page 2</li>"));
    let txt = run_in(&dir, &["diff", o, n, "--format", "txt"]);
    assert!(txt
        .stdout
        .contains("* Recommendation “Review the assistance programs” removed, page "));
    // The old one from the standard input.
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"));
    let out = cmd
        .args(["diff", "-", n, "--format", "md"])
        .stdin(std::fs::File::open(data("old.toml")).expect("old"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("(was 47%)"));
    // The new one from the standard input, the PDF named redline.pdf.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["diff", o, "-"])
        .current_dir(&dir)
        .stdin(std::fs::File::open(data("new.toml")).expect("new"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = Pdf::load_file(&dir.join("redline.pdf"));
    assert!(has_phrase(
        &squash(&pdf.page_text(0)),
        "“poverty rate”: 49% (was 47%)"
    ));
}

#[test]
fn errors_name_the_file_they_are_in() {
    let dir = scratch("redline-errors");
    let bad = dir.join("old.toml");
    std::fs::write(&bad, "title = \n").expect("write");
    let n = data("new.toml");
    let run = run_in(
        &dir,
        &["diff", "old.toml", n.to_str().expect("path"), "-o", "x.pdf"],
    );
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("old.toml:1:"), "{}", run.stderr);
    assert!(!dir.join("x.pdf").exists());
    let run = run_in(&dir, &["diff", "-", "-", "-o", "x.pdf"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("E0039"), "{}", run.stderr);
}

#[test]
fn git_revisions_as_the_old_version() {
    // Outside the project's own repository: in the system's temporary
    // folder.
    let dir = std::env::temp_dir().join(format!("briefing-redline-git-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch");
    let file = dir.join("briefing.toml");
    // Outside a repository.
    std::fs::copy(data("new.toml"), &file).expect("copy");
    let run = run_in(&dir, &["diff", "git:HEAD", "briefing.toml", "-o", "r.pdf"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("E0037") && run.stderr.contains("not in a git repository"),
        "{}",
        run.stderr
    );
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args(["-c", "user.name=T", "-c", "user.email=t@example.org"])
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("git runs")
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    std::fs::copy(data("old.toml"), &file).expect("copy");
    git(&["add", "briefing.toml"]);
    git(&["commit", "-q", "-m", "v1"]);
    std::fs::copy(data("new.toml"), &file).expect("copy");
    let run = run_in(
        &dir,
        &["diff", "git:HEAD", "briefing.toml", "--format", "md"],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("49% (was 47%)"), "{}", run.stdout);
    let run = run_in(&dir, &["diff", "git:HEAD", "briefing.toml", "-o", "r.pdf"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(dir.join("r.pdf").exists());
    let run = run_in(
        &dir,
        &["diff", "git:nosuchrev", "briefing.toml", "-o", "r2.pdf"],
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("E0038") && run.stderr.contains("nosuchrev"),
        "{}",
        run.stderr
    );
}

#[test]
fn word_tracked_changes_carry_author_and_date() {
    use std::io::Read;
    let dir = scratch("redline-docx");
    let (o, n) = (data("old.toml"), data("new.toml"));
    let out = dir.join("r.docx");
    let run = run_in(
        &dir,
        &[
            "diff",
            o.to_str().expect("path"),
            n.to_str().expect("path"),
            "--format",
            "docx",
            "-o",
            out.to_str().expect("path"),
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let bytes = std::fs::read(&out).expect("docx");
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP archive");
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .expect("document part")
        .read_to_string(&mut xml)
        .expect("text");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let text_of = |n: roxmltree::Node| -> String {
        n.descendants()
            .filter(|d| d.is_text())
            .filter_map(|d| d.text())
            .collect()
    };
    let ins: Vec<String> = doc
        .descendants()
        .filter(|d| d.has_tag_name((w, "ins")))
        .map(|d| {
            assert_eq!(d.attribute((w, "author")), Some("Stephen Johnson"));
            assert_eq!(d.attribute((w, "date")), Some("2001-08-13T00:00:00Z"));
            text_of(d)
        })
        .collect();
    let del: Vec<String> = doc
        .descendants()
        .filter(|d| d.has_tag_name((w, "del")))
        .map(|d| {
            assert!(d.attribute((w, "author")).is_some() && d.attribute((w, "date")).is_some());
            // Deleted text is w:delText, never w:t.
            assert!(!d.descendants().any(|x| x.has_tag_name((w, "t"))));
            text_of(d)
        })
        .collect();
    assert!(
        ins.iter()
            .any(|t| t == "and the credibility of the electoral process"),
        "{ins:?}"
    );
    assert!(ins.iter().any(|t| t == "49%"), "{ins:?}");
    assert!(
        del.iter()
            .any(|t| t == "The outgoing government left a legacy of debt."),
        "{del:?}"
    );
    assert!(del.iter().any(|t| t == "47%"), "{del:?}");
    // The summary of changes opens the document.
    assert!(xml.contains("Changes since August 6, 2001"));
}

/// `briefing watch NEW --against OLD`: the redline is written beside NEW
/// and kept current as NEW is saved.
#[cfg(unix)]
#[test]
fn watch_keeps_the_redline_current() {
    use std::time::{Duration, Instant};
    let dir = std::env::temp_dir().join(format!("briefing-redline-watch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch");
    std::fs::copy(data("old.toml"), dir.join("old.toml")).expect("copy");
    std::fs::copy(data("new.toml"), dir.join("new.toml")).expect("copy");
    let log = dir.join("watch.log");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["watch", "new.toml", "--against", "old.toml"])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", EPOCH.to_string())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log).expect("log"))
        .spawn()
        .expect("watch starts");
    let said = || std::fs::read_to_string(&log).unwrap_or_default();
    let wait = |what: &str, done: &dyn Fn() -> bool| {
        let start = Instant::now();
        while !done() {
            if start.elapsed() > Duration::from_secs(90) {
                panic!("timed out waiting for {what}:\n{}", said());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let pdf = dir.join("new-redline.pdf");
    let wrote = || said().lines().filter(|l| l.contains("] wrote ")).count();
    wait("the first redline", &|| {
        wrote() >= 1 && said().contains("watching")
    });
    let p1 = squash(&Pdf::load_file(&pdf).page_text(0));
    assert!(has_phrase(&p1, "“poverty rate”: 49% (was 47%)"), "{p1}");
    assert!(!dir.join("new.pdf").exists(), "a plain PDF was written");
    let text = std::fs::read_to_string(dir.join("new.toml")).expect("new");
    std::fs::write(
        dir.join("new.toml"),
        text.replacen("value = \"49%\"", "value = \"51%\"", 1),
    )
    .expect("save");
    wait("the second redline", &|| wrote() >= 2);
    let p1 = squash(&Pdf::load_file(&pdf).page_text(0));
    assert!(has_phrase(&p1, "“poverty rate”: 51% (was 47%)"), "{p1}");
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
}

/// A figure and a section removed are struck where they stood; a figure
/// and a section added are marked whole; a note only the removed section
/// cited keeps a number and is struck.
#[test]
fn removed_blocks_struck_in_place_added_ones_marked_whole() {
    let common = "date = 2001-08-13\n[summary]\ntext = \"One short paragraph of summary text.\"\n";
    let old = format!(
        "title = \"Water\"\n{common}\
         [[figures]]\nvalue = \"12\"\nlabel = \"wells dug\"\n\
         [[figures]]\nvalue = \"3\"\nlabel = \"rivers dry\"\n\
         [[sections]]\nheading = \"Rivers\"\ntext = \"The rivers are low this year.[^a]\"\n\
         [[sections]]\nheading = \"Wells\"\ntext = \"Wells were dug in every village.\"\n\
         [notes]\na = \"A survey of rivers.\"\n"
    );
    let new = format!(
        "title = \"Water\"\n{common}\
         [[figures]]\nvalue = \"12\"\nlabel = \"wells dug\"\n\
         [[figures]]\nvalue = \"40%\"\nlabel = \"farms irrigated\"\n\
         [[sections]]\nheading = \"Wells\"\ntext = \"Wells were dug in every village.\"\n\
         [[sections]]\nheading = \"Canals\"\ntext = \"Canals carry water to the farms.\"\n"
    );
    let r = pipeline::compile_redline(
        &Source::new("old.toml", old),
        &Source::new("new.toml", new),
        &opts(),
    )
    .unwrap_or_else(|(side, d)| panic!("{side:?}: {:?}", d.items));
    let pdf = Pdf::load(&r.output.pdf);
    pdf.assert_accessible();
    keep(&r.output.pdf);
    let text = squash(&pdf.text());
    let sp = spans(&pdf);
    let has = |a: &str| sp.iter().any(|(_, x)| x == a);
    for want in [
        "deleted: 3",
        "deleted: rivers dry",
        "inserted: 40%",
        "inserted: farms irrigated",
        "deleted: Rivers",
        "deleted: The rivers are low this year.",
        "deleted: A survey of rivers.",
        "inserted: Canals",
        "inserted: Canals carry water to the farms.",
    ] {
        assert!(has(want), "no Span says {want:?}: {sp:#?}");
    }
    // In place: the removed section before the kept one, the added after.
    let at = |p: &str| text.find(p).unwrap_or_else(|| panic!("{p:?} in {text}"));
    assert!(at("Rivers The rivers are low") < at("Wells Wells were dug"));
    assert!(at("Wells Wells were dug") < at("Canals Canals carry"));
    // The kept figure and section carry no mark.
    assert!(!sp
        .iter()
        .any(|(_, a)| a.contains("wells dug") || a.contains("Wells")));
    let p1 = squash(&pdf.page_text(0));
    for want in [
        "Key figure “rivers dry” removed (was 3)",
        "Key figure “farms irrigated” added: 40%",
        "Section “Rivers” removed",
        "Section “Canals” added",
        "Note 1 removed",
    ] {
        assert!(has_phrase(&p1, want), "page 1 lacks {want:?}:\n{p1}");
    }
}

#[test]
fn languages_apart_and_git_missing() {
    let dir = scratch("redline-lang");
    let es = format!("language = \"es\"\n{}", tiny(""));
    std::fs::write(dir.join("old.toml"), &es).expect("write");
    std::fs::write(dir.join("new.toml"), tiny("")).expect("write");
    let run = run_in(&dir, &["diff", "old.toml", "new.toml", "--format", "md"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stderr.contains("warning[W0019]"), "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("## Changes since the previous version"),
        "{}",
        run.stdout
    );
    // git:REV with no git to run.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["diff", "git:HEAD", "new.toml", "--format", "md"])
        .current_dir(&dir)
        .env("PATH", "")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error[E0040]"), "{err}");
}
