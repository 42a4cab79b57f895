//! `briefing export --format html`: one self-contained HTML document that
//! mail clients show as the PDF's companion. Everything a mail client may
//! strip or block is left out: no `<style>` sheet (every style is inline),
//! no script, no web font, nothing fetched (a section figure's image is
//! embedded as a data URI, see [`figure`]); layout is done with
//! tables, which every client lays out alike. The only addresses in it are
//! the content's own links (http, https and mailto) and `#note-n` anchors.

mod figure;
mod identity;

use std::collections::BTreeSet;
use std::fmt::Write;

use super::walk::{credit, notes_for, safe_link, Part};
use crate::layout::theme::{readable_accent, tint, BOX_TINT, INK, MUTED, RULE};
use crate::markup::{Align, Block, DocFigure, Document, Inline, InlineStyle, Table};
use crate::model::{Briefing, Language, Rgb};

const SANS: &str = "Lato,'Helvetica Neue',Helvetica,Arial,sans-serif";
const SERIF: &str = "Vollkorn,Georgia,'Times New Roman',serif";

/// Colours and the note references already placed (the first use of each
/// note carries the anchor its note links back to).
struct Html {
    accent: String,
    tint: String,
    ink: String,
    muted: String,
    rule: String,
    lang: Language,
    anchored: BTreeSet<u32>,
}

fn hex(c: Rgb) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// The document as HTML.
pub fn render(doc: &Document, b: &Briefing, part: Part) -> String {
    let mut h = Html {
        accent: hex(readable_accent(b.style.accent)),
        tint: hex(tint(b.style.accent, BOX_TINT)),
        ink: hex(INK),
        muted: hex(MUTED),
        rule: hex(RULE),
        lang: b.language,
        anchored: BTreeSet::new(),
    };
    let labels = b.language.labels();
    let whole = part == Part::Whole;
    let mut body = String::new();

    if let Some(p) = &doc.publisher {
        body.push_str(&h.publisher(p));
    }
    if let Some(m) = &doc.marking {
        let _ = writeln!(
            body,
            "<p style=\"margin:0 0 16px;font-family:{SANS};font-size:12px;font-weight:bold;letter-spacing:0.08em;text-transform:uppercase;color:{};\">{}</p>",
            h.accent,
            esc(m)
        );
    }
    if let Some(s) = &doc.series {
        let _ = writeln!(
            body,
            "<p style=\"margin:0 0 6px;font-family:{SANS};font-size:13px;font-weight:bold;letter-spacing:0.06em;text-transform:uppercase;color:{};\">{}</p>",
            h.muted,
            esc(s)
        );
    }
    let title = h.inlines(&doc.title);
    let _ = writeln!(
        body,
        "<h1 style=\"margin:0 0 8px;font-family:{SANS};font-size:26px;line-height:1.2;font-weight:bold;color:{};\">{title}</h1>",
        h.accent
    );
    if let Some(s) = &doc.subtitle {
        let sub = h.inlines(s);
        let _ = writeln!(
            body,
            "<p style=\"margin:0 0 10px;font-size:18px;line-height:1.4;color:{};\">{sub}</p>",
            h.muted
        );
    }
    let mut byline: Vec<String> = doc
        .authors
        .iter()
        .map(|(name, role)| match role {
            Some(r) => format!("<strong>{}</strong>, {}", esc(name), esc(r)),
            None => format!("<strong>{}</strong>", esc(name)),
        })
        .collect();
    if let Some(d) = &doc.date {
        byline.push(esc(d));
    }
    if !byline.is_empty() {
        let _ = writeln!(
            body,
            "<p style=\"margin:0 0 20px;font-family:{SANS};font-size:14px;line-height:1.5;color:{};\">{}</p>",
            h.muted,
            byline.join(" &middot; ")
        );
    }

    if let Some(bl) = &doc.bottom_line {
        let text = h.inlines(bl);
        let _ = writeln!(
            body,
            "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;margin:0 0 24px;\"><tr><td style=\"background-color:{};border-left:4px solid {};padding:14px 18px;\"><p style=\"margin:0 0 4px;font-family:{SANS};font-size:12px;font-weight:bold;letter-spacing:0.06em;text-transform:uppercase;color:{};\">{}</p><p style=\"margin:0;font-size:17px;line-height:1.5;color:{};\">{text}</p></td></tr></table>",
            h.tint,
            h.accent,
            h.accent,
            esc(labels.bottom_line),
            h.ink
        );
    }

    h.heading(&mut body, labels.summary);
    let summary = h.blocks(&doc.summary);
    body.push_str(&summary);

    if whole && !doc.figures.is_empty() {
        h.heading(&mut body, labels.key_figures);
        let figures = h.figures(&doc.figures);
        body.push_str(&figures);
    }

    if whole {
        for (s, number) in doc.sections.iter().zip(doc.box_numbers()) {
            let head = h.inlines(&s.heading);
            let mut part = String::new();
            if number.is_none() {
                h.heading_html(&mut part, &head);
            }
            let mut done = 0;
            for f in &s.figures {
                let upto = f.after.max(done);
                let text = h.blocks(&s.body[done..upto]);
                part.push_str(&text);
                done = upto;
                let fig = h.exhibit(f);
                part.push_str(&fig);
            }
            let text = h.blocks(&s.body[done..]);
            part.push_str(&text);
            match number {
                Some(n) => body.push_str(&h.sidebar(n, &head, &part)),
                None => body.push_str(&part),
            }
        }
    }

    if !doc.recommendations.is_empty() {
        h.heading(&mut body, labels.recommendations);
        if whole {
            let openings = doc.group_openings();
            for (i, r) in doc.recommendations.iter().enumerate() {
                if let Some(group) = openings[i] {
                    let name = h.lang.group_heading(group);
                    let _ = writeln!(
                        body,
                        "<h3 style=\"margin:18px 0 8px;font-family:{SANS};font-size:16px;line-height:1.3;font-weight:bold;color:{};\">{}</h3>",
                        h.ink,
                        esc(name)
                    );
                }
                let title = h.inlines(&r.title);
                let mut cell = format!(
                    "<p style=\"margin:0 0 4px;font-family:{SANS};font-size:17px;line-height:1.35;font-weight:bold;color:{};\">{title}</p>",
                    h.ink
                );
                for (label, value) in [(labels.who, &r.owner), (labels.status, &r.status)] {
                    let Some(value) = value else { continue };
                    let text = h.inlines(value);
                    let _ = write!(
                        cell,
                        "<p style=\"margin:0 0 8px;font-family:{SANS};font-size:14px;line-height:1.4;color:{};\"><strong>{}:</strong> {text}</p>",
                        h.muted,
                        esc(label)
                    );
                }
                cell.push_str(&h.blocks(&r.body));
                if !r.actions.is_empty() {
                    let items: Vec<String> = r
                        .actions
                        .iter()
                        .map(|a| format!("<li style=\"margin:0 0 6px;\">{}</li>", h.inlines(a)))
                        .collect();
                    let _ = write!(
                        cell,
                        "<ul style=\"margin:0 0 12px;padding-left:22px;\">{}</ul>",
                        items.concat()
                    );
                }
                let _ = writeln!(
                    body,
                    "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;margin:0 0 12px;\"><tr><td valign=\"top\" style=\"width:40px;padding:0 8px 0 0;font-family:{SANS};font-size:26px;line-height:1;font-weight:bold;color:{};\">{}</td><td valign=\"top\" style=\"padding:2px 0 0;\">{cell}</td></tr></table>",
                    h.accent,
                    i + 1
                );
            }
        } else {
            let items: Vec<String> = doc
                .recommendations
                .iter()
                .map(|r| format!("<li style=\"margin:0 0 6px;\">{}</li>", h.inlines(&r.title)))
                .collect();
            let _ = writeln!(
                body,
                "<ol style=\"margin:0 0 12px;padding-left:24px;\">{}</ol>",
                items.concat()
            );
        }
    }

    if let Some(contact) = doc
        .publisher
        .as_ref()
        .and_then(|p| p.contact.as_ref())
        .filter(|_| whole)
    {
        body.push_str(&h.contact(contact));
    }

    let notes = notes_for(doc, part);
    if !notes.is_empty() {
        h.heading(&mut body, labels.notes);
        // Each note's own references first, so that a note cited only by
        // another note still gets its anchor.
        let texts: Vec<String> = notes.iter().map(|n| h.blocks_inline(&n.body)).collect();
        for (n, text) in notes.iter().zip(texts) {
            let number = if h.anchored.contains(&n.number) {
                format!(
                    "<a href=\"#ref-{0}\" style=\"color:{1};text-decoration:none;font-weight:bold;\">{0}.</a>",
                    n.number, h.accent
                )
            } else {
                format!("<strong>{}.</strong>", n.number)
            };
            let _ = writeln!(
                body,
                "<p id=\"note-{}\" style=\"margin:0 0 6px;font-size:14px;line-height:1.45;color:{};\">{number} {text}</p>",
                n.number, h.ink
            );
        }
    }

    if whole {
        if let Some(c) = credit(doc, true) {
            let text = h.inlines(&c);
            let _ = writeln!(
                body,
                "<p style=\"margin:24px 0 0;padding-top:8px;border-top:1px solid {};font-family:{SANS};font-size:13px;line-height:1.45;color:{};\">{text}</p>",
                h.rule, h.muted
            );
        }
    }

    let plain_title = crate::markup::plain_text(&doc.title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light\">\n<meta name=\"generator\" content=\"{generator}\">\n<title>{title}</title>\n</head>\n<body style=\"margin:0;padding:0;background-color:#FFFFFF;\">\n<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;background-color:#FFFFFF;\"><tr><td align=\"center\" style=\"padding:24px 16px;\">\n<table role=\"presentation\" width=\"640\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;width:100%;max-width:640px;\"><tr><td style=\"font-family:{SERIF};font-size:16px;line-height:1.55;color:{ink};text-align:left;\">\n{body}</td></tr></table>\n</td></tr></table>\n</body>\n</html>\n",
        lang = b.lang_tag,
        title = esc(&plain_title),
        ink = h.ink,
        generator = super::GENERATOR,
    )
}

impl Html {
    fn heading(&self, out: &mut String, text: &str) {
        self.heading_html(out, &esc(text));
    }

    fn heading_html(&self, out: &mut String, html: &str) {
        let _ = writeln!(
            out,
            "<h2 style=\"margin:28px 0 10px;padding:0 0 4px;border-bottom:1px solid {};font-family:{SANS};font-size:19px;line-height:1.3;font-weight:bold;color:{};\">{html}</h2>",
            self.rule, self.accent
        );
    }

    /// The key figures as a table: the value, then its label, detail,
    /// sources and chart values.
    fn figures(&mut self, figures: &[DocFigure]) -> String {
        let mut rows = String::new();
        for f in figures {
            let mut cell = format!("<strong>{}</strong>", self.inlines(&f.label));
            for n in &f.notes {
                cell.push_str(&self.note_ref(*n));
            }
            if let Some(d) = &f.detail {
                let detail = self.inlines(d);
                let _ = write!(
                    cell,
                    "<br><span style=\"font-size:14px;color:{};\">{detail}</span>",
                    self.muted
                );
            }
            if let Some(c) = &f.chart {
                let unit = c.unit.as_deref();
                let points: Vec<String> = c
                    .labels
                    .iter()
                    .zip(&c.values)
                    .map(|(l, v)| {
                        format!(
                            "{}: {}",
                            esc(l),
                            esc(&crate::layout::chart::format_value(*v, self.lang, unit))
                        )
                    })
                    .collect();
                let _ = write!(
                    cell,
                    "<br><span style=\"font-size:13px;color:{};\">{}</span>",
                    self.muted,
                    points.join(" &middot; ")
                );
            }
            let _ = write!(
                rows,
                "<tr><th scope=\"row\" valign=\"top\" style=\"width:34%;padding:10px 12px 10px 0;border-top:1px solid {rule};font-family:{SANS};font-size:21px;line-height:1.2;font-weight:bold;text-align:left;color:{accent};\">{value}</th><td valign=\"top\" style=\"padding:10px 0;border-top:1px solid {rule};font-family:{SANS};font-size:15px;line-height:1.45;color:{ink};\">{cell}</td></tr>",
                rule = self.rule,
                accent = self.accent,
                ink = self.ink,
                value = esc(&f.value),
            );
        }
        format!(
            "<table width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;margin:0 0 16px;\"><tbody>{rows}</tbody></table>\n"
        )
    }

    /// Paragraphs and lists.
    fn blocks(&mut self, bs: &[Block]) -> String {
        let mut out = String::new();
        for b in bs {
            match b {
                Block::Para(inl) => {
                    let _ = writeln!(
                        out,
                        "<p style=\"margin:0 0 12px;\">{}</p>",
                        self.inlines(inl)
                    );
                }
                Block::List { .. } => {
                    out.push_str(&self.list(b));
                    out.push('\n');
                }
                Block::Table(t) => {
                    out.push_str(&self.table(t));
                    out.push('\n');
                }
            }
        }
        out
    }

    /// A note's blocks inside its numbered paragraph: paragraphs joined by
    /// line breaks.
    fn blocks_inline(&mut self, bs: &[Block]) -> String {
        let mut parts = Vec::new();
        for b in bs {
            match b {
                Block::Para(inl) => parts.push(self.inlines(inl)),
                Block::List { .. } => parts.push(self.list(b)),
                Block::Table(t) => parts.push(self.table(t)),
            }
        }
        parts.join("<br>")
    }

    /// A pipe table: `<caption>` with its number, `<thead>` with column
    /// headers, the first column's cells as row headers when it names the
    /// rows; rules as the PDF draws them, above and below the header and
    /// at the foot.
    fn table(&mut self, t: &Table) -> String {
        let n = t.align.len();
        let labels = n >= 2 && !t.numeric(0) && (1..n).any(|c| t.numeric(c));
        let align = |c: usize| match t.align_of(c) {
            Align::Right => "right",
            Align::Center => "center",
            Align::Left | Align::Auto => "left",
        };
        let (ink, rule) = (self.ink.clone(), self.rule.clone());
        let mut caption = format!("<strong>{}</strong>", esc(&t.label));
        if let Some(c) = &t.caption {
            caption.push(' ');
            caption.push_str(&self.inlines(c));
        }
        let mut out = format!(
            "<table role=\"table\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;margin:0 0 14px;font-family:{SANS};font-size:14px;line-height:1.35;color:{ink};border-top:2px solid {ink};border-bottom:2px solid {ink};\"><caption style=\"caption-side:top;text-align:left;padding:0 0 6px;font-family:{SANS};font-size:15px;color:{ink};\">{caption}</caption><thead><tr>"
        );
        for (c, h) in t.head.iter().enumerate() {
            let _ = write!(
                out,
                "<th scope=\"col\" style=\"text-align:{};padding:5px 10px 5px 0;border-bottom:1px solid {rule};font-weight:bold;\">{}</th>",
                align(c),
                self.inlines(h)
            );
        }
        out.push_str("</tr></thead><tbody>");
        for r in &t.rows {
            out.push_str("<tr>");
            for (c, cell) in r.iter().enumerate() {
                let tag = if labels && c == 0 {
                    "th scope=\"row\""
                } else {
                    "td"
                };
                let close = if labels && c == 0 { "th" } else { "td" };
                let nums = if t.numeric(c) {
                    "font-variant-numeric:tabular-nums lining-nums;"
                } else {
                    ""
                };
                let _ = write!(
                    out,
                    "<{tag} style=\"text-align:{};padding:4px 10px 4px 0;font-weight:normal;{nums}\">{}</{close}>",
                    align(c),
                    self.inlines(cell)
                );
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
        out
    }

    fn list(&mut self, b: &Block) -> String {
        let Block::List {
            ordered,
            start,
            items,
        } = b
        else {
            return String::new();
        };
        let mut lis = String::new();
        for it in items {
            let mut inner = Vec::new();
            for blk in it {
                match blk {
                    Block::Para(inl) => inner.push(self.inlines(inl)),
                    Block::List { .. } => inner.push(self.list(blk)),
                    Block::Table(t) => inner.push(self.table(t)),
                }
            }
            let _ = write!(
                lis,
                "<li style=\"margin:0 0 6px;\">{}</li>",
                inner.join(" ")
            );
        }
        if *ordered {
            format!("<ol start=\"{start}\" style=\"margin:0 0 12px;padding-left:24px;\">{lis}</ol>")
        } else {
            format!("<ul style=\"margin:0 0 12px;padding-left:22px;\">{lis}</ul>")
        }
    }

    /// A superscript note number linking to its note; the first use of a
    /// note is the place the note links back to.
    fn note_ref(&mut self, n: u32) -> String {
        let id = if self.anchored.insert(n) {
            format!(" id=\"ref-{n}\"")
        } else {
            String::new()
        };
        format!(
            "<sup style=\"font-size:75%;line-height:0;vertical-align:super;\"><a href=\"#note-{n}\"{id} style=\"color:{};text-decoration:none;\">{n}</a></sup>",
            self.accent
        )
    }

    /// Runs of text: emphasis, code, links (http, https and mailto only)
    /// and note references.
    fn inlines(&mut self, inl: &[Inline]) -> String {
        let mut runs: Vec<(String, InlineStyle, Option<String>)> = Vec::new();
        let mut out = String::new();
        for i in inl {
            match i {
                Inline::Text { text, style, link } => match runs.last_mut() {
                    Some((t, s, l)) if s == style && l == link => t.push_str(text),
                    _ => runs.push((text.clone(), *style, link.clone())),
                },
                Inline::NoteRef { number, .. } => {
                    for (t, s, l) in runs.drain(..) {
                        out.push_str(&self.run(&t, s, l.as_deref()));
                    }
                    out.push_str(&self.note_ref(*number));
                }
            }
        }
        for (t, s, l) in runs.drain(..) {
            out.push_str(&self.run(&t, s, l.as_deref()));
        }
        out
    }

    fn run(&self, text: &str, style: InlineStyle, link: Option<&str>) -> String {
        let mut s = esc(text);
        if style.code {
            s = format!(
                "<code style=\"font-family:Menlo,Consolas,'Courier New',monospace;font-size:90%;\">{s}</code>"
            );
        }
        if style.italic {
            s = format!("<em>{s}</em>");
        }
        if style.bold {
            s = format!("<strong>{s}</strong>");
        }
        let s = match link.filter(|l| safe_link(l)) {
            Some(url) => format!(
                "<a href=\"{}\" style=\"color:{};text-decoration:underline;\">{s}</a>",
                esc(url),
                self.accent
            ),
            None => s,
        };
        match style.lang {
            Some(l) => format!("<span lang=\"{l}\">{s}</span>"),
            None => s,
        }
    }
}

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_filters_links() {
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert!(safe_link("https://example.org"));
        assert!(safe_link("mailto:a@b.org"));
        assert!(!safe_link("javascript:alert(1)"));
        assert!(!safe_link("file:///etc/passwd"));
    }
}
