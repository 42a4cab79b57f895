//! A section figure in the HTML export: a `<figure>` with its numbered
//! title as the `<figcaption>`, an image embedded as a data URI (the file
//! as the author gave it) or a chart's data as a small table a reader can
//! copy, and the source line.

use std::fmt::Write;

use super::{esc, Html, SANS};
use crate::layout::blocks::exhibit::{figure_label, source_label};
use crate::markup::DocExhibit;
use crate::model::Exhibit;

impl Html {
    pub(super) fn exhibit(&mut self, f: &DocExhibit) -> String {
        let mut title = format!(
            "<strong>{}</strong> {}",
            esc(&figure_label(self.lang, f.number)),
            self.inlines(&f.title)
        );
        for n in &f.notes {
            title.push_str(&self.note_ref(*n));
        }
        let mut out = format!(
            "<figure style=\"margin:18px 0;\"><figcaption style=\"margin:0 0 8px;font-family:{SANS};font-size:15px;line-height:1.4;color:{};\">{title}</figcaption>",
            self.ink
        );
        match &f.exhibit {
            Exhibit::Image(im) => {
                let alt = f.alt.as_deref().unwrap_or(&im.name);
                let _ = write!(
                    out,
                    "<img src=\"data:{};base64,{}\" alt=\"{}\" width=\"{}\" style=\"display:block;max-width:100%;height:auto;\">",
                    im.mime,
                    crate::export::mail::base64(&im.file),
                    esc(alt),
                    im.width_px.min(640)
                );
            }
            Exhibit::Chart(c) => {
                let unit = c.unit.as_deref();
                let cell = "padding:3px 8px;border-bottom:1px solid";
                let mut head = format!("<th style=\"{cell} {};\"></th>", self.rule);
                for l in &c.labels {
                    let _ = write!(
                        head,
                        "<th scope=\"col\" style=\"{cell} {};text-align:right;\">{}</th>",
                        self.rule,
                        esc(l)
                    );
                }
                let mut rows = String::new();
                for s in &c.series {
                    let _ = write!(
                        rows,
                        "<tr><th scope=\"row\" style=\"{cell} {};text-align:left;\">{}</th>",
                        self.rule,
                        esc(&s.name)
                    );
                    for (i, v) in s.values.iter().enumerate() {
                        let text = crate::layout::chart::format_places(
                            *v,
                            s.places.get(i).copied().flatten(),
                            self.lang,
                            unit,
                        );
                        let _ = write!(
                            rows,
                            "<td style=\"{cell} {};text-align:right;\">{}</td>",
                            self.rule,
                            esc(&text)
                        );
                    }
                    rows.push_str("</tr>");
                }
                let alt = f.alt.clone().unwrap_or_else(|| {
                    crate::layout::blocks::exhibit::chart_alt(
                        c,
                        self.lang,
                        &crate::markup::plain_text(&f.title),
                    )
                });
                let _ = write!(
                    out,
                    "<table aria-label=\"{}\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;font-family:{SANS};font-size:13px;color:{};\"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>",
                    esc(&alt),
                    self.ink
                );
            }
        }
        if let Some(src) = &f.source {
            let text = self.inlines(src);
            let _ = write!(
                out,
                "<p style=\"margin:6px 0 0;font-family:{SANS};font-size:13px;color:{};\">{}{text}</p>",
                self.muted,
                esc(source_label(self.lang)),
            );
        }
        out.push_str("</figure>\n");
        out
    }
}
