//! Length limits where text meets layout: a title, heading or banner longer
//! than any page could show is refused at its key, not set over pages.

use super::{Briefing, Field};
use crate::diag::{Diagnostic, Diagnostics};

/// The longest text each one-line or display field may hold, in characters,
/// with what the field is called in a message. Each is several times what
/// a real briefing writes (GAO's longest report titles run to about 200
/// characters) and short enough that the masthead stays on page 1.
pub const LIMITS: &[(&str, usize)] = &[
    ("title", 400),
    ("short_title", 200),
    ("subtitle", 400),
    ("series", 100),
    ("marking", 200),
    ("sections.heading", 300),
    ("recommendations.title", 400),
];

fn limit(name: &str) -> usize {
    LIMITS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, l)| *l)
        .expect("a listed field")
}

/// E0021 for each field over its limit, at the field's text.
pub fn check(b: &Briefing, diags: &mut Diagnostics) {
    let mut fields: Vec<(&str, &Field)> = vec![("title", &b.title)];
    let optional = [
        ("short_title", &b.short_title),
        ("subtitle", &b.subtitle),
        ("series", &b.series),
        ("marking", &b.marking),
    ];
    fields.extend(
        optional
            .iter()
            .filter_map(|(n, f)| f.as_ref().map(|f| (*n, f))),
    );
    fields.extend(b.sections.iter().map(|s| ("sections.heading", &s.heading)));
    fields.extend(
        b.recommendations
            .iter()
            .map(|r| ("recommendations.title", &r.title)),
    );
    for (name, f) in fields {
        let max = limit(name);
        let chars = f.text.chars().count();
        if chars > max {
            diags.push(
                Diagnostic::error(
                    "E0021",
                    format!("`{name}` has {chars} characters; it may have at most {max}"),
                )
                .at(f.span.clone())
                .help("shorten it; longer text belongs in the summary or a section"),
            );
        }
    }
}
