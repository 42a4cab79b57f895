//! Characters no face can draw, reported where they stand in the file.

use crate::diag::{Diagnostic, Diagnostics, Source};
use crate::model::{Briefing, Field};

use super::FontSet;

/// Warns once per character that neither family can draw.
pub fn check(b: &Briefing, source: &Source, fonts: &FontSet) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let mut seen = std::collections::HashSet::new();
    let mut fields: Vec<&Field> = vec![&b.title, &b.summary.text];
    fields.extend(b.short_title.iter());
    fields.extend(b.subtitle.iter());
    fields.extend(b.series.iter());
    fields.extend(b.marking.iter());
    fields.extend(b.summary.bottom_line.iter());
    for a in &b.authors {
        fields.push(&a.name);
        fields.extend(a.role.iter());
    }
    for f in &b.figures {
        fields.extend([&f.value, &f.label]);
        fields.extend(f.detail.iter());
    }
    for s in &b.sections {
        fields.extend([&s.heading, &s.text]);
    }
    for r in &b.recommendations {
        fields.push(&r.title);
        fields.extend(r.owner.iter());
        fields.extend(r.text.iter());
        fields.extend(r.actions.iter());
    }
    for n in &b.notes {
        fields.push(&n.text);
    }
    for f in fields {
        for (i, c) in f.text.char_indices() {
            if c.is_control() || seen.contains(&c) {
                continue;
            }
            let drawable = fonts.faces.iter().any(|face| face.has_char(c));
            if !drawable {
                seen.insert(c);
                let map = crate::markup::SpanMap::new(f, source);
                diags.push(
                    Diagnostic::warning(
                        "W0002",
                        format!(
                            "no font can draw `{c}` (U+{:04X}); it prints as a blank box",
                            c as u32
                        ),
                    )
                    .at(map.map(i..i + c.len_utf8())),
                );
            }
        }
    }
    diags
}
