//! The checks of `[[sections.figures]]`: a known `kind` and `width`, a
//! chart's series of equal length (2 to 24 finite points, at most six
//! series), an image that can be read and decoded and has its `alt`.
//! Codes E0029 (an unknown word), E0030 (chart data), E0031 (the image),
//! W0015 (more series than print tells apart easily). E0028, an `after`
//! past the last paragraph, is the markup stage's: it knows the paragraphs.

use std::ops::Range;
use std::sync::Arc;

use super::{field, opt, written_places, Validator};
use crate::diag::Diagnostic;
use crate::model::raw::{RawSectionChart, RawSectionFigure, S};
use crate::model::suggest::closest_value;
use crate::model::{image, Exhibit, ExhibitKind, FigureWidth, SectionFigure, Series, SeriesChart};

/// Series a chart may hold: beyond this no pattern or tint tells them apart.
pub const MAX_SERIES: usize = 6;
/// More series than this print hard to tell apart: a warning.
pub const EASY_SERIES: usize = 4;

impl Validator<'_> {
    pub(super) fn section_figure(&mut self, f: RawSectionFigure) -> Option<SectionFigure> {
        let title = field(f.title);
        let width = match f.width {
            None => FigureWidth::Column,
            Some(w) => match FigureWidth::parse(w.get_ref()) {
                Some(x) => x,
                None => {
                    self.unknown_word(&w, "width", FigureWidth::NAMES);
                    FigureWidth::Column
                }
            },
        };
        let after = match f.after {
            None => None,
            Some(a) => {
                let span = a.span();
                match usize::try_from(*a.get_ref()) {
                    Ok(n) if n >= 1 => Some((n, span)),
                    _ => {
                        self.err(
                            "E0028",
                            format!(
                                "`after = {}` names no paragraph: paragraphs count from 1",
                                a.get_ref()
                            ),
                            span,
                        )
                        .help = Some(
                            "write the number of the paragraph the figure follows, or leave `after` out to set it at the section's end".into(),
                        );
                        None
                    }
                }
            }
        };
        let notes = super::note_keys(f.note);
        let alt_span = f.alt.as_ref().map(S::span);
        let alt = f
            .alt
            .map(|a| a.into_inner().trim().to_string())
            .filter(|a| !a.is_empty());
        let whole = title.span.clone();
        let mut image_span = None;
        let exhibit = match (f.chart, f.image) {
            (Some(c), None) => self.series_chart(c).map(Exhibit::Chart),
            (None, Some(path)) => {
                image_span = Some(path.span());
                if alt.is_none() {
                    let d = self.err(
                        "E0031",
                        format!(
                            "image figure “{}” has no `alt`: a reader who cannot see it needs its words",
                            title.text
                        ),
                        alt_span.clone().unwrap_or(path.span()),
                    );
                    d.help = Some(
                        "add `alt = \"…\"`: what the image shows, in a sentence or two".into(),
                    );
                }
                self.image(&path).map(Exhibit::Image)
            }
            (Some(c), Some(path)) => {
                self.err(
                    "E0030",
                    "a figure holds a `chart` or an `image`, not both",
                    path.span(),
                )
                .help = Some("move one of them into a figure of its own".into());
                let _ = c;
                None
            }
            (None, None) => {
                self.err(
                    "E0030",
                    format!("figure “{}” has neither `chart` nor `image`", title.text),
                    whole,
                )
                .help = Some(
                    "add a `[sections.figures.chart]` table, or `image = \"file.png\"`".into(),
                );
                None
            }
        };
        Some(SectionFigure {
            title,
            after,
            width,
            source: opt(f.source),
            notes,
            alt,
            exhibit: exhibit?,
            image_span,
        })
    }

    /// E0029 for a word that is not one of `names`, with a suggestion.
    fn unknown_word(&mut self, w: &S<String>, key: &str, names: &[&str]) {
        let hint = closest_value(w.get_ref(), names.iter().copied(), &[]);
        let written = self.key_at(&w.span(), key);
        let list = names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let d = self.err(
            "E0029",
            format!("unknown figure {key} `{}`: use {list}", w.get_ref()),
            w.span(),
        );
        match hint {
            Some(h) => {
                d.label = Some(format!("did you mean `{h}`?"));
                d.help = Some(format!("write `{written} = \"{h}\"`"));
            }
            None => d.help = Some(format!("`{key}` is one of {list}")),
        }
    }

    fn series_chart(&mut self, c: S<RawSectionChart>) -> Option<SeriesChart> {
        let whole = c.span();
        let c = c.into_inner();
        let kind = ExhibitKind::parse(c.kind.get_ref());
        if kind.is_none() {
            self.unknown_word(&c.kind, "kind", ExhibitKind::NAMES);
        }
        let labels = c.labels.get_ref().len();
        let mut ok = kind.is_some();
        // (name, values, where the values are written)
        let mut raw: Vec<(String, Vec<f64>, Range<usize>)> = Vec::new();
        match (c.values, c.series) {
            (Some(v), None) => raw.push((String::new(), v.get_ref().clone(), v.span())),
            (None, Some(s)) => {
                let span = s.span();
                let list = s.into_inner();
                if list.is_empty() {
                    self.err("E0030", "`series` is empty: a chart needs one", span);
                    ok = false;
                } else if list.len() > MAX_SERIES {
                    self.err(
                        "E0030",
                        format!(
                            "chart has {} series; at most {MAX_SERIES} can be told apart",
                            list.len()
                        ),
                        span.clone(),
                    )
                    .help = Some("split it into two figures, or show fewer series".into());
                    ok = false;
                } else if list.len() > EASY_SERIES {
                    self.diags.push(
                        Diagnostic::warning(
                            "W0015",
                            format!(
                                "chart has {} series; more than {EASY_SERIES} are hard to tell apart in print",
                                list.len()
                            ),
                        )
                        .at(span)
                        .help("consider two figures, or fewer series"),
                    );
                }
                for r in list {
                    raw.push((
                        r.name.into_inner(),
                        r.values.get_ref().clone(),
                        r.values.span(),
                    ));
                }
            }
            (Some(v), Some(_)) => {
                self.err(
                    "E0030",
                    "a chart takes `values` (one series) or `series`, not both",
                    v.span(),
                )
                .help = Some(
                    "move these values into `series` as `{ name = \"…\", values = […] }`".into(),
                );
                ok = false;
            }
            (None, None) => {
                self.err("E0030", "chart has no `values` and no `series`", whole.clone())
                    .help = Some("add `values = [...]`, one per label, or `series = [{ name = \"…\", values = [...] }]`".into());
                ok = false;
            }
        }
        if !(2..=24).contains(&labels) {
            self.err(
                "E0030",
                format!(
                    "chart has {labels} label{}; a chart needs 2 to 24 points",
                    if labels == 1 { "" } else { "s" }
                ),
                c.labels.span(),
            );
            ok = false;
        }
        let mut series = Vec::new();
        for (name, values, span) in raw {
            let n = values.len();
            if n != labels {
                let who = if name.is_empty() {
                    "chart".to_string()
                } else {
                    format!("series “{name}”")
                };
                self.err(
                    "E0030",
                    format!("{who} has {n} values but the chart has {labels} labels; every series needs one value per label"),
                    span.clone(),
                )
                .label = Some(format!("{n} values here, {labels} labels"));
                ok = false;
                continue;
            }
            if let Some(bad) = values.iter().find(|v| !v.is_finite()) {
                self.err(
                    "E0030",
                    format!("chart value `{bad}` is not a finite number"),
                    span.clone(),
                );
                ok = false;
                continue;
            }
            let places = self
                .text
                .get(span)
                .and_then(|t| written_places(t, n))
                .unwrap_or_else(|| vec![None; n]);
            series.push(Series {
                name,
                values,
                places,
            });
        }
        if !ok {
            return None;
        }
        Some(SeriesChart {
            kind: kind?,
            labels: c.labels.into_inner(),
            series,
            unit: c.unit.map(|u| u.into_inner()),
            y_label: c
                .y_label
                .map(|u| u.into_inner().trim().to_string())
                .filter(|u| !u.is_empty()),
        })
    }

    /// Reads and decodes a figure's image: E0031 with the path when it
    /// cannot.
    pub(super) fn image(&mut self, path: &S<String>) -> Option<Arc<crate::model::Image>> {
        let written = path.get_ref().clone();
        let full = self.dir.join(&written);
        match image::read(&full, &written) {
            Ok(im) => Some(Arc::new(im)),
            Err(fault) => {
                let verb = if fault.unreadable { "read" } else { "used" };
                let dir = if self.dir.as_os_str().is_empty() {
                    ".".to_string()
                } else {
                    self.dir.display().to_string()
                };
                self.err(
                    "E0031",
                    format!("image file `{written}` cannot be {verb}: {}", fault.why),
                    path.span(),
                )
                .help = Some(if fault.unreadable {
                    format!("paths are relative to the content file's folder ({dir})")
                } else {
                    "use a PNG or JPEG file (SVG is not supported)".into()
                });
                None
            }
        }
    }
}
