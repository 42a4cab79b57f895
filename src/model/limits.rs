//! Length limits where text meets layout: a title, heading or banner longer
//! than any page could show is refused at its key, not set over pages.

use super::Briefing;
use crate::diag::{Diagnostic, Diagnostics};

/// The longest text each one-line or display field may hold, in
/// characters. Each is several times what a real briefing writes (GAO's
/// longest report titles run to about 200 characters) and short enough
/// that the masthead stays on page 1.
const TITLE: usize = 400;
const SHORT_TITLE: usize = 200;
const SUBTITLE: usize = 400;
const SERIES: usize = 100;
const MARKING: usize = 200;
const HEADING: usize = 300;
const RECOMMENDATION_TITLE: usize = 400;

/// E0021 for each field over its limit, at the field's text.
pub fn check(b: &Briefing, diags: &mut Diagnostics) {
    let optional = [
        ("short_title", SHORT_TITLE, &b.short_title),
        ("subtitle", SUBTITLE, &b.subtitle),
        ("series", SERIES, &b.series),
        ("marking", MARKING, &b.marking),
    ];
    let fields = std::iter::once(("title", TITLE, &b.title))
        .chain(
            optional
                .into_iter()
                .filter_map(|(n, max, f)| f.as_ref().map(|f| (n, max, f))),
        )
        .chain(
            b.sections
                .iter()
                .map(|s| ("sections.heading", HEADING, &s.heading)),
        )
        .chain(
            b.recommendations
                .iter()
                .map(|r| ("recommendations.title", RECOMMENDATION_TITLE, &r.title)),
        );
    for (name, max, f) in fields {
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
