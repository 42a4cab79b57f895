//! Boxes and the publisher in the HTML export: a box as an `<aside>` on
//! its tint between accent rules, the publisher's logo (embedded as a
//! data URI, as figures are), name and address above the title, and the
//! contact line in a box after the recommendations.

use std::fmt::Write;

use super::{esc, Html, SANS};
use crate::markup::{Block, DocPublisher};

impl Html {
    /// A box: its label and heading, then `inner` (its blocks, already
    /// HTML).
    pub(super) fn sidebar(&self, number: u32, heading: &str, inner: &str) -> String {
        let label = crate::layout::blocks::sidebar::box_label(self.lang, number);
        format!(
            "<aside style=\"margin:20px 0;\"><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;\"><tr><td style=\"background-color:{tint};border-top:3px solid {accent};border-bottom:1px solid {accent};padding:12px 18px;font-family:{SANS};font-size:15px;line-height:1.5;\"><p style=\"margin:0 0 2px;font-size:12px;font-weight:bold;letter-spacing:0.08em;text-transform:uppercase;color:{accent};\">{}</p><h2 style=\"margin:0 0 8px;font-size:17px;line-height:1.3;font-weight:bold;color:{ink};\">{heading}</h2>{inner}</td></tr></table></aside>\n",
            esc(&label),
            tint = self.tint,
            accent = self.accent,
            ink = self.ink,
        )
    }

    /// The publisher above the title: the logo (its alternative text the
    /// name, or empty when the name is printed beside it), then the name
    /// and the linked address.
    pub(super) fn publisher(&self, p: &DocPublisher) -> String {
        let mut cells = String::new();
        if let Some(im) = &p.logo {
            // 48 px high at most, at its aspect ratio.
            let h = im.height_px.min(48);
            let w =
                (f64::from(im.width_px) * f64::from(h) / f64::from(im.height_px.max(1))).round();
            let alt = if p.name.is_some() {
                ""
            } else {
                im.name.as_str()
            };
            let _ = write!(
                cells,
                "<td valign=\"middle\" style=\"padding:0 12px 0 0;\"><img src=\"data:{};base64,{}\" alt=\"{}\" width=\"{w}\" height=\"{h}\" style=\"display:block;\"></td>",
                im.mime,
                crate::export::mail::base64(&im.file),
                esc(alt),
            );
        }
        let mut words = Vec::new();
        if let Some(n) = &p.name {
            words.push(format!("<strong>{}</strong>", esc(n)));
        }
        if let Some(u) = p.url.as_deref().filter(|u| super::safe_link(u)) {
            words.push(format!(
                "<a href=\"{}\" style=\"color:{};\">{}</a>",
                esc(u),
                self.accent,
                esc(u
                    .trim_start_matches("https://")
                    .trim_start_matches("http://"))
            ));
        }
        if !words.is_empty() {
            let _ = write!(
                cells,
                "<td valign=\"middle\" style=\"font-family:{SANS};font-size:13px;line-height:1.4;color:{};\">{}</td>",
                self.muted,
                words.join(" &middot; ")
            );
        }
        if cells.is_empty() {
            return String::new();
        }
        format!(
            "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;margin:0 0 18px;\"><tr>{cells}</tr></table>\n"
        )
    }

    /// The contact line in its box.
    pub(super) fn contact(&mut self, contact: &[Block]) -> String {
        let text = self.blocks_inline(contact);
        format!(
            "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;margin:24px 0 0;\"><tr><td style=\"background-color:{};padding:10px 16px;font-family:{SANS};font-size:14px;line-height:1.45;color:{};\"><strong>{}:</strong> {text}</td></tr></table>\n",
            self.tint,
            self.ink,
            esc(self.lang.labels().contact)
        )
    }
}
