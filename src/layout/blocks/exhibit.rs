//! A section figure as one unbreakable block: its numbered title ("Figure
//! 1." in the language) as the Caption, the chart or image as the Figure
//! (with its Alt: the author's, or for a chart one generated from the
//! data), and the "Source: …" line; all three in a Div. Also the words
//! the exports print for figures.

use super::ctx::Ctx;
use super::{image, series_chart};
use crate::layout::structure::{NodeId, Role as StructRole, Tag};
use crate::layout::theme::*;
use crate::layout::vbox::{append, VBox};
use crate::markup::{DocExhibit, Inline, InlineStyle};
use crate::model::{Exhibit, ExhibitKind, Language, SeriesChart};

/// "Figure 1." in the language (French: "Figure 1 :").
pub fn figure_label(lang: Language, n: u32) -> String {
    match lang {
        Language::EnUs | Language::EnGb => format!("Figure {n}."),
        Language::Es | Language::Pt => format!("Figura {n}."),
        Language::Fr => format!("Figure {n}\u{A0}:"),
        Language::De => format!("Abbildung {n}."),
    }
}

/// "Source: " in the language, before a figure's source line.
pub fn source_label(lang: Language) -> &'static str {
    match lang {
        Language::EnUs | Language::EnGb => "Source: ",
        Language::Es => "Fuente: ",
        Language::Fr => "Source\u{A0}: ",
        Language::De => "Quelle: ",
        Language::Pt => "Fonte: ",
    }
}

/// A chart kind in words ("Stacked bar chart").
pub fn kind_words(lang: Language, kind: ExhibitKind) -> &'static str {
    let l = lang.labels();
    match (kind, lang) {
        (ExhibitKind::Bar, _) => l.bar_chart,
        (ExhibitKind::Line, _) => l.line_chart,
        (ExhibitKind::StackedBar, Language::EnUs | Language::EnGb) => "Stacked bar chart",
        (ExhibitKind::StackedBar, Language::Es) => "Gráfico de barras apiladas",
        (ExhibitKind::StackedBar, Language::Fr) => "Diagramme en barres empilées",
        (ExhibitKind::StackedBar, Language::De) => "Gestapeltes Balkendiagramm",
        (ExhibitKind::StackedBar, Language::Pt) => "Gráfico de barras empilhadas",
        (ExhibitKind::HBar, Language::EnUs | Language::EnGb) => "Horizontal bar chart",
        (ExhibitKind::HBar, Language::Es) => "Gráfico de barras horizontales",
        (ExhibitKind::HBar, Language::Fr) => "Diagramme en barres horizontales",
        (ExhibitKind::HBar, Language::De) => "Horizontales Balkendiagramm",
        (ExhibitKind::HBar, Language::Pt) => "Gráfico de barras horizontais",
    }
}

/// The alternative text of a section chart: its kind and title, then
/// each series' finding in the card charts' words ("OPEC: rises from
/// 30.1 M b/d (2000) to 33.6 M b/d (2005), up 12%").
pub fn chart_alt(chart: &SeriesChart, lang: Language, title: &str) -> String {
    let kind = kind_words(lang, chart.kind);
    let title = title.trim().trim_end_matches(['.', ':', ';', ',']);
    let colon = if lang == Language::Fr {
        "\u{202F}: "
    } else {
        ": "
    };
    let mut out = format!("{kind}{colon}{title}.");
    let one_kind = match chart.kind {
        ExhibitKind::Line => crate::model::ChartKind::Line,
        _ => crate::model::ChartKind::Bar,
    };
    let card_kind = match one_kind {
        crate::model::ChartKind::Line => lang.labels().line_chart,
        crate::model::ChartKind::Bar => lang.labels().bar_chart,
    };
    for s in &chart.series {
        let card = crate::model::Chart {
            kind: one_kind,
            labels: chart.labels.clone(),
            values: s.values.clone(),
            places: s.places.clone(),
            unit: chart.unit.clone(),
            alt: None,
        };
        // The card's sentence without its opening ("Bar chart: x.").
        let said = super::alt::describe(&card, lang, "", chart.series.len() == 1);
        let finding = said
            .strip_prefix(card_kind)
            .map(|r| r.trim_start_matches('.').trim_start())
            .unwrap_or(&said);
        out.push(' ');
        if !s.name.is_empty() {
            out.push_str(&s.name);
            out.push_str(colon);
            let mut c = finding.chars();
            if let Some(first) = c.next() {
                out.extend(first.to_lowercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push_str(finding);
        }
    }
    if let Some(y) = &chart.y_label {
        out.push_str(&format!(" ({y})"));
    }
    out
}

/// The figure's block, `width` wide, in section `sect`. An image set
/// under 150 dpi is reported (`ctx.report.upscaled`).
pub fn build(ctx: &mut Ctx, f: &DocExhibit, width: f32, sect: NodeId) -> VBox {
    let b = ctx.base;
    let div = ctx.node(StructRole::Div, sect);
    // The title: "Figure 1." in semibold, then the title, then the note
    // markers of its `note` keys.
    let mut title: Vec<Inline> = vec![Inline::Text {
        text: format!("{} ", figure_label(ctx.lang, f.number)),
        style: InlineStyle {
            bold: true,
            ..Default::default()
        },
        link: None,
    }];
    title.extend(f.title.iter().cloned());
    for n in &f.notes {
        title.push(Inline::NoteRef {
            key: String::new(),
            number: *n,
        });
    }
    let ts = ctx.sans(STEP_S, INK, false);
    let cap = ctx.node(StructRole::Caption, div);
    let mut out = ctx.text_block(&title, &ts, width, ts.size * 1.3, false, cap);
    out.height += b * 0.45;
    let fig = ctx.node(StructRole::Figure, div);
    let plain_title = crate::markup::plain_text(&f.title);
    let (items, h) = match &f.exhibit {
        Exhibit::Chart(c) => {
            let alt = f
                .alt
                .clone()
                .unwrap_or_else(|| chart_alt(c, ctx.lang, &plain_title));
            let node = ctx.tree.get_mut(fig);
            node.alt = Some(alt);
            node.block = true;
            series_chart::draw(ctx, c, width)
        }
        Exhibit::Image(im) => {
            let node = ctx.tree.get_mut(fig);
            node.alt = f.alt.clone().or_else(|| Some(im.name.clone()));
            node.block = true;
            // Never taller than half the page's text block.
            let g = &ctx.geometry;
            let most_h = (g.bottom - g.top) * 0.5;
            let (w, h) = image::fit(im, width, most_h);
            if image::upscaled(im, w) {
                ctx.report.upscaled.push((f.number, im.dpi_at(w)));
            }
            let x = (width - w) / 2.0;
            (vec![image::place(im, x, 0.0, w, Tag::Unset)], h)
        }
    };
    let mut body = VBox {
        height: h,
        items,
        ..Default::default()
    };
    body.tag_unset(Tag::Node(fig));
    append(&mut out, body, 0.0, 0.0);
    if let Some(src) = &f.source {
        let mut line = vec![Inline::Text {
            text: source_label(ctx.lang).to_string(),
            style: InlineStyle::default(),
            link: None,
        }];
        line.extend(src.iter().cloned());
        let ss = ctx.sans(STEP_XS, MUTED, false);
        let p = ctx.node(StructRole::P, div);
        let sb = ctx.text_block(&line, &ss, width, ss.size * 1.3, false, p);
        append(&mut out, sb, b * 0.4, 0.0);
    }
    out
}
