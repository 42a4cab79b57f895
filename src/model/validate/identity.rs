//! The checks of the publisher's identity (`[publisher]`) and of a
//! recommendation's `status` and `audience`. Codes E0032 (an unknown
//! audience), E0033 (a status of more than one line), E0031 (an unusable
//! logo, as for a figure's image), W0016 (a logo with no publisher name,
//! which then needs its file name as alternative text).

use super::{field, opt, Validator};
use crate::diag::Diagnostic;
use crate::model::raw::{RawPublisher, S};
use crate::model::suggest::closest_value;
use crate::model::{Audience, Field, Publisher};

impl Validator<'_> {
    pub(super) fn publisher(&mut self, p: RawPublisher) -> Publisher {
        let logo = p.logo.as_ref().and_then(|path| {
            let im = self.image(path)?;
            Some((im, path.span()))
        });
        let name = opt(p.name).filter(|n| !n.text.trim().is_empty());
        if let (Some((im, span)), None) = (&logo, &name) {
            self.diags.push(
                Diagnostic::warning(
                    "W0016",
                    format!(
                        "the logo `{}` has no `[publisher].name` to say what it is: a screen reader is given its file name",
                        im.name
                    ),
                )
                .at(span.clone())
                .help("add `name = \"…\"` under `[publisher]`: the logo then reads as its name"),
            );
        }
        Publisher {
            name,
            logo,
            url: p
                .url
                .map(|u| u.into_inner().trim().to_string())
                .filter(|u| !u.is_empty()),
            contact: opt(p.contact).filter(|c| !c.text.trim().is_empty()),
        }
    }

    /// A recommendation's `status`: one line, else E0033 at the break.
    pub(super) fn status(&mut self, s: S<String>) -> Option<Field> {
        let f = field(s);
        let text = f.text.trim();
        if text.is_empty() {
            return None;
        }
        if text.contains('\n') {
            let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
            self.err(
                "E0033",
                format!("a recommendation's `status` is one line; this one has {lines}"),
                f.span.clone(),
            )
            .help = Some(
                "write the status as one short line (\"DOE agreed\"); reasons go in `text`".into(),
            );
            return None;
        }
        Some(f)
    }

    /// A recommendation's `audience`: "congress" or "executive", else
    /// E0032 with the closest one.
    pub(super) fn audience(&mut self, a: &S<String>) -> Option<Audience> {
        if let Some(x) = Audience::parse(a.get_ref()) {
            return Some(x);
        }
        let names = Audience::NAMES;
        let hint = closest_value(a.get_ref(), names.iter().copied(), &[])
            .or_else(|| audience_word(a.get_ref()));
        let d = self.err(
            "E0032",
            format!(
                "unknown audience `{}`: use \"congress\" or \"executive\"",
                a.get_ref()
            ),
            a.span(),
        );
        match hint {
            Some(h) => {
                d.label = Some(format!("did you mean `{h}`?"));
                d.help = Some(format!("write `audience = \"{h}\"`"));
            }
            None => {
                d.help = Some(
                    "\"congress\" groups it under matters for congressional consideration, \"executive\" under recommendations for executive action; leave `audience` out for neither".into(),
                )
            }
        }
        None
    }
}

/// What an author may mean by a word that is not one of the two: the
/// bodies each stands for.
fn audience_word(w: &str) -> Option<&'static str> {
    let w = w.trim().to_ascii_lowercase();
    let congress = [
        "congressional",
        "legislative",
        "legislature",
        "senate",
        "house",
        "parliament",
    ];
    let executive = [
        "agency",
        "agencies",
        "administration",
        "exec",
        "department",
        "government",
    ];
    if congress.iter().any(|c| w.contains(c)) {
        Some("congress")
    } else if executive.iter().any(|c| w.contains(c)) {
        Some("executive")
    } else {
        None
    }
}
