//! The whole path from content text to PDF bytes, with every diagnostic.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::diag::{Diagnostic, Diagnostics, Source};
use crate::layout::{self, Laidout};
use crate::markup;
use crate::model::{self, Briefing, Paper};
use crate::render::{self, Metadata};
use crate::text::fonts::FontError;
use crate::text::{coverage, FontSet, Shaper};

/// Overrides from the command line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    pub paper: Option<Paper>,
    pub max_pages: Option<u32>,
    /// Creation time (Unix seconds); `None` means now, or
    /// `SOURCE_DATE_EPOCH` when the caller reads it.
    pub created: Option<i64>,
}

/// A finished build.
#[derive(Debug, Clone)]
pub struct Output {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// The document ID: [`dependency_id`] of what was built.
    pub id: [u8; 16],
    pub diagnostics: Diagnostics,
    pub laid: Laidout,
    /// Body size set, when a page budget shrank it.
    pub fitted: Option<f32>,
}

/// The program's name and version, for the PDF's Creator.
pub fn creator() -> String {
    format!("briefing {}", env!("CARGO_PKG_VERSION"))
}

fn apply(b: &mut model::Briefing, opts: &Options) {
    if let Some(p) = opts.paper {
        b.style.paper = p;
    }
    if let Some(m) = opts.max_pages {
        b.style.max_pages = Some(m);
    }
}

/// What the stages before rendering made of a content file.
struct Planned {
    b: model::Briefing,
    doc: markup::Document,
    fonts: FontSet,
    laid: Laidout,
    diags: Diagnostics,
}

/// Builds a PDF from content text. On error, returns every diagnostic
/// (errors and warnings) found.
pub fn compile(source: &Source, opts: &Options) -> Result<Output, Diagnostics> {
    compile_parsed(source, model::parse(source), opts)
}

/// [`compile`] for a source already parsed (`model::parse(source)`), as
/// `build` does to name its outputs: the TOML is read once.
pub fn compile_parsed(
    source: &Source,
    parsed: (Option<Briefing>, Diagnostics),
    opts: &Options,
) -> Result<Output, Diagnostics> {
    let planned = plan(source, parsed, opts)?;
    let id = dependency_id(source, opts, &planned.b);
    write(planned, opts, id)
}

/// The PDF of a planned briefing, with `content_id` as its document ID.
fn write(planned: Planned, opts: &Options, content_id: [u8; 16]) -> Result<Output, Diagnostics> {
    let Planned {
        b,
        doc,
        fonts,
        laid,
        mut diags,
    } = planned;
    let fitted = (laid.base_size < b.style.base_size - 1e-3).then_some(laid.base_size);
    let created = opts.created.unwrap_or_else(now);
    let meta = Metadata {
        title: markup::plain_text(&doc.title),
        authors: b.authors.iter().map(|a| a.name.text.clone()).collect(),
        subject: doc
            .bottom_line
            .as_ref()
            .map(|bl| markup::plain_text(bl))
            .or_else(|| doc.subtitle.as_ref().map(|s| markup::plain_text(s)))
            .unwrap_or_default(),
        keywords: b.keywords.clone(),
        creator: creator(),
        created,
        lang: b.lang_tag.to_string(),
        rights: doc.marking.clone(),
        content_id,
    };
    // What layout read is not needed to write: its memory goes back
    // before the PDF's objects are made (a briefing of 200,000 note
    // references holds 70 MB of marked-up text).
    drop(doc);
    drop(b);
    let pdf = match render::render(&laid, &fonts, &meta) {
        Ok(p) => p,
        Err(e) => {
            diags.push(Diagnostic::error(
                "E0017",
                format!("the PDF could not be written: {e}"),
            ));
            return Err(diags);
        }
    };
    Ok(Output {
        pages: laid.pages.len(),
        id: meta.content_id,
        pdf,
        diagnostics: diags,
        laid,
        fitted,
    })
}

/// A content file read, checked and marked up: what layout starts from.
pub struct Prepared {
    pub briefing: model::Briefing,
    pub doc: markup::Document,
    pub diagnostics: Diagnostics,
}

/// Reads, checks and marks up a content file (with the command line's
/// overrides); every diagnostic when it has errors.
pub fn prepare(source: &Source, opts: &Options) -> Result<Prepared, Diagnostics> {
    prepare_parsed(source, model::parse(source), opts)
}

/// [`prepare`] for a source already parsed.
fn prepare_parsed(
    source: &Source,
    (briefing, mut diags): (Option<Briefing>, Diagnostics),
    opts: &Options,
) -> Result<Prepared, Diagnostics> {
    let Some(mut b) = briefing else {
        return Err(diags);
    };
    apply(&mut b, opts);
    let (doc, d) = markup::build(&b, source);
    diags.extend(d);
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Prepared {
        briefing: b,
        doc,
        diagnostics: diags,
    })
}

/// Reads, checks, marks up and lays out a content file: everything but
/// the PDF, which `check` does without.
fn plan(
    source: &Source,
    parsed: (Option<Briefing>, Diagnostics),
    opts: &Options,
) -> Result<Planned, Diagnostics> {
    let p = prepare_parsed(source, parsed, opts)?;
    lay(p, source, opts)
}

/// A document laid out (the briefing's own, or a redline's).
fn lay(p: Prepared, source: &Source, opts: &Options) -> Result<Planned, Diagnostics> {
    let Prepared {
        briefing: b,
        doc,
        diagnostics: mut diags,
    } = p;
    let fonts = match FontSet::load(&b.style) {
        Ok(f) => f,
        Err(e) => {
            diags.push(font_error(e));
            return Err(diags);
        }
    };
    let shaper = Shaper::new(&fonts);
    // A second core shapes the running text from its end while this one
    // lays out from the start (see `layout::warm`).
    let stop = AtomicBool::new(false);
    let laid = std::thread::scope(|s| {
        // Only a speed-up: if no thread can be started, layout shapes
        // everything itself.
        let _ = std::thread::Builder::new()
            .spawn_scoped(s, || layout::warm(&doc, &Shaper::new(&fonts), &stop));
        diags.extend(coverage::check(&b, source, &fonts));
        let laid = layout::layout(&doc, &b.style, b.language, &shaper);
        stop.store(true, Ordering::Relaxed);
        laid
    });
    let laid = match laid {
        Ok(l) => l,
        Err(e) => {
            let parts = e
                .longest
                .iter()
                .map(|(p, n)| format!("{p} ({n} characters)"))
                .collect::<Vec<_>>()
                .join(", ");
            // From --max-pages there is no place in the file to point at:
            // the message says where the budget came from, as rustc names
            // a `-C` flag.
            let (span, from) = match opts.max_pages {
                Some(m) => (None, format!(" (`--max-pages {m}`, from the command line)")),
                None => (b.style.max_pages_span.clone(), String::new()),
            };
            // rustc's `note: requested on the command line`, and what in
            // the file the flag overrides.
            let note = opts.max_pages.map(|m| {
                let over = b
                    .style
                    .max_pages_span
                    .as_ref()
                    .and_then(|s| Some((source.text.get(s.clone())?, source.line_col(s.start))))
                    .map(|(v, at)| {
                        format!(", over `max_pages = {v}` in the file (line {})", at.line)
                    })
                    .unwrap_or_default();
                format!("the page budget was given on the command line: `--max-pages {m}`{over}")
            });
            diags.push(
                Diagnostic::error(
                    "E0015",
                    format!(
                        "the briefing cannot fit {} page{}{from}: it needs {} at the smallest size ({} pt body)",
                        e.budget,
                        if e.budget == 1 { "" } else { "s" },
                        e.needed,
                        e.floor
                    ),
                )
                .at_opt(span)
                .help(format!("raise the budget or shorten the longest parts: {parts}"))
                .with_note(note),
            );
            return Err(diags);
        }
    };
    for f in &laid.report.table_faults {
        diags.push(
            Diagnostic::error(f.code, f.message.clone())
                .at(f.span.clone())
                .help(f.help.clone()),
        );
    }
    if !laid.report.table_faults.is_empty() {
        return Err(diags);
    }
    for (i, scale) in &laid.report.shrunk_values {
        // A redline's figures may be more than the file's (one removed
        // is still shown).
        let Some(f) = b.figures.get(*i) else { continue };
        diags.push(
            Diagnostic::warning(
                "W0003",
                format!(
                    "figure value `{}` is too long for its card; it is set at {:.0}% size",
                    f.value.text,
                    scale * 100.0
                ),
            )
            .at(f.value.span.clone())
            .help("shorten the value and move the words into `label` or `detail`"),
        );
    }
    diags.extend(upscaled_images(&b, &doc, &laid));
    if let (Some((designed, set)), Some((im, span))) = (
        laid.report.small_logo,
        b.publisher.as_ref().and_then(|p| p.logo.as_ref()),
    ) {
        let needed = (designed / 72.0 * 150.0).ceil();
        diags.push(
            Diagnostic::warning(
                "W0017",
                format!(
                    "logo `{}` ({} × {} px) is too small for the masthead: it is set {set:.0} pt high instead of {designed:.0} pt, so that it prints at 150 dpi",
                    im.name, im.width_px, im.height_px
                ),
            )
            .at(span.clone())
            .help(format!("use a file at least {needed:.0} pixels high")),
        );
    }
    if let Some((ratio, used)) = laid.report.accent_contrast {
        diags.push(
            Diagnostic::warning(
                "W0006",
                format!(
                    "accent colour has a contrast of {ratio:.1}:1 against the page and its tint; text needs 4.5:1 (WCAG AA)"
                ),
            )
            .at_opt(b.style.accent_span.clone())
            .help(format!(
                "accent text is set in #{:02X}{:02X}{:02X} instead; choose a darker accent to keep your colour",
                used.0, used.1, used.2
            )),
        );
    }
    Ok(Planned {
        b,
        doc,
        fonts,
        laid,
        diags,
    })
}

/// W0014 for each section figure image set under 150 dpi, at its path.
fn upscaled_images(b: &model::Briefing, doc: &markup::Document, laid: &Laidout) -> Diagnostics {
    let mut out = Diagnostics::default();
    for (number, dpi) in &laid.report.upscaled {
        let shown = doc.sections.iter().flat_map(|s| &s.figures);
        let Some(model::Exhibit::Image(im)) = shown
            .into_iter()
            .find(|f| f.number == *number)
            .map(|f| &f.exhibit)
        else {
            continue;
        };
        let span = b
            .sections
            .iter()
            .flat_map(|s| &s.figures)
            .find(
                |f| matches!(&f.exhibit, model::Exhibit::Image(x) if std::sync::Arc::ptr_eq(x, im)),
            )
            .and_then(|f| f.image_span.clone());
        let needed = (f64::from(im.width_px) * 150.0 / f64::from(*dpi)).ceil();
        out.push(
            Diagnostic::warning(
                "W0014",
                format!(
                    "image `{}` ({} × {} px) prints at {:.0} dpi in figure {number}, under the 150 dpi print needs",
                    im.name, im.width_px, im.height_px, dpi
                ),
            )
            .at_opt(span)
            .help(format!(
                "use a file at least {needed:.0} pixels wide for the width it is set at"
            )),
        );
    }
    out
}

/// A face the text stage cannot use, at its path in `[style.fonts]`.
fn font_error(e: FontError) -> Diagnostic {
    Diagnostic::error("E0014", e.message)
        .at_opt(e.span)
        .help("use a TrueType (.ttf) or OpenType (.otf) font with Latin letters and outlines")
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A 128-bit FNV-1a hash of everything the output depends on: the content,
/// the options that change it, the program's version, the author's font
/// files and images. Not the clock: a creation time counts only when it was given
/// (`SOURCE_DATE_EPOCH`). It is the PDF's document ID, so a build can tell
/// that an existing PDF is already what it would make
/// (`build --skip-unchanged`).
pub fn dependency_id(source: &Source, opts: &Options, b: &model::Briefing) -> [u8; 16] {
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    let mut eat = |bytes: &[u8]| {
        for &x in bytes {
            h ^= u128::from(x);
            h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013B);
        }
    };
    eat(source.text.as_bytes());
    let settings = format!(
        "|{:?}|{}|{:?}|{}",
        opts.paper,
        opts.max_pages.unwrap_or(0),
        opts.created,
        creator()
    );
    eat(settings.as_bytes());
    for f in b.sections.iter().flat_map(|s| &s.figures) {
        if let model::Exhibit::Image(im) = &f.exhibit {
            eat(b"|image");
            eat(&im.file);
        }
    }
    let families = [&b.style.body_font, &b.style.heading_font];
    for family in families.into_iter().flatten() {
        let faces = [
            Some(&family.regular),
            family.bold.as_ref(),
            family.italic.as_ref(),
            family.bold_italic.as_ref(),
        ];
        for face in faces {
            match face {
                Some(f) => eat(&f.bytes),
                None => eat(b"|none"),
            }
        }
    }
    h.to_be_bytes()
}

/// Every problem that can be found without laying the briefing out, in one
/// run: all structural errors at once, the value checks, markup and note
/// references, and glyph coverage, each stage running even when an earlier
/// one found errors (on the values that were readable).
pub fn diagnose(source: &Source, opts: &Options) -> Diagnostics {
    let (briefing, mut diags) = model::parse_lenient(source);
    let Some(mut b) = briefing else {
        // Invalid TOML: the model names the first error; list them all.
        let syntax = |d: &Diagnostic| {
            (d.code == "E0001" && d.message.starts_with("invalid TOML")) || d.code == "E0045"
        };
        if diags.items.iter().any(syntax) {
            let all = model::keys::syntax_errors(&source.text);
            if !all.is_empty() {
                diags.items.retain(|d| !syntax(d));
                diags.items.extend(all);
            }
        }
        return diags;
    };
    apply(&mut b, opts);
    let (_, d) = markup::build(&b, source);
    diags.extend(d);
    match FontSet::load(&b.style) {
        Ok(fonts) => diags.extend(coverage::check(&b, source, &fonts)),
        Err(e) => diags.push(font_error(e)),
    }
    diags
}

/// What a check learns from laying the briefing out, when it builds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    pub pages: usize,
    /// The body size set, in points.
    pub body_size: f32,
    /// Whether a page budget shrank the body below `style.base_size`.
    pub fitted: bool,
}

/// Everything `briefing check` reports: [`diagnose`], and when that finds
/// no error, the layout's own findings (a page budget that cannot be met,
/// a figure value shrunk to fit), with the pages and body size they came
/// to: the pages are laid out, never written.
pub fn check_all(source: &Source, opts: &Options) -> (Diagnostics, Option<Fit>) {
    let diags = diagnose(source, opts);
    if diags.has_errors() {
        return (diags, None);
    }
    match plan(source, model::parse(source), opts) {
        Ok(p) => {
            let fit = Fit {
                pages: p.laid.pages.len(),
                body_size: p.laid.base_size,
                fitted: p.laid.base_size < p.b.style.base_size - 1e-3,
            };
            (p.diags, Some(fit))
        }
        Err(d) => (d, None),
    }
}

/// A redline built: the PDF and the changes its summary lists, with
/// where each one is (page, by change id).
pub struct RedlineOutput {
    pub output: Output,
    pub changes: crate::diff::Changes,
    pub pages: crate::diff::summary::Pages,
    pub language: model::Language,
}

/// Which of a redline's two files an error is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Old,
    New,
}

/// OLD and NEW read, checked and diffed: the marked document and the
/// changes, before layout (for `diff --format md|txt|html` without the
/// PDF, pages are unknown).
pub fn redline_plan(
    old: &Source,
    new: &Source,
    opts: &Options,
) -> Result<(Prepared, crate::diff::Changes), (Side, Diagnostics)> {
    let o = prepare(old, opts).map_err(|d| (Side::Old, d))?;
    let mut n = prepare(new, opts).map_err(|d| (Side::New, d))?;
    let lang = n.briefing.language;
    // A redline is a working copy, longer than the briefing by its marks
    // and summary: only a budget given on the command line holds.
    n.briefing.style.max_pages = opts.max_pages;
    let rl = crate::diff::redline(&o.doc, &n.doc, lang);
    n.doc = rl.doc;
    Ok((n, rl.changes))
}

/// Each change's page: where layout put its named place `chg-{id}`.
fn change_pages(laid: &Laidout) -> crate::diff::summary::Pages {
    let mut pages = crate::diff::summary::Pages::new();
    for (pi, p) in laid.pages.iter().enumerate() {
        for it in &p.items {
            if let layout::Item::Anchor { name, .. } = it {
                if let Some(id) = name.strip_prefix("chg-").and_then(|n| n.parse().ok()) {
                    pages.entry(id).or_insert(pi + 1);
                }
            }
        }
    }
    pages
}

/// The redline PDF: NEW with its changes from OLD marked, and the
/// summary of changes at the top of page 1 (each change's page number set
/// by layout once the pages are made: one layout).
pub fn compile_redline(
    old: &Source,
    new: &Source,
    opts: &Options,
) -> Result<RedlineOutput, (Side, Diagnostics)> {
    let (mut prepared, changes) = redline_plan(old, new, opts)?;
    let lang = prepared.briefing.language;
    prepared.doc.changes = Some(crate::diff::summary::boxed(&changes, lang));
    let planned = lay(prepared, new, opts).map_err(|d| (Side::New, d))?;
    let pages = change_pages(&planned.laid);
    let both = Source::new(&new.path, format!("{}\u{0}{}", old.text, new.text));
    let id = dependency_id(&both, opts, &planned.b);
    let output = write(planned, opts, id).map_err(|d| (Side::New, d))?;
    Ok(RedlineOutput {
        output,
        changes,
        pages,
        language: lang,
    })
}
