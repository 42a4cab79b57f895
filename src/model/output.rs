//! The optional `output` key: the PDF's file name, as a template with
//! placeholders (`{short_title}-{date}.pdf` → `us-peru-relations-2001-08-13.pdf`),
//! checked here and filled in from the briefing.

use super::{suggest::closest, Briefing, Date};

/// The placeholders a name may hold, with what each stands for.
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("short_title", "the short title (or the title) as a slug"),
    ("title", "the title as a slug"),
    ("date", "the briefing's date, YYYY-MM-DD"),
    ("stem", "the content file's name without .toml"),
];

/// Longest slug taken from a title, in characters.
const SLUG_MAX: usize = 60;

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Slot(&'a str),
}

/// Splits a template into text and `{placeholder}`s; an error says what is
/// wrong and at which byte of the template.
fn pieces(template: &str) -> Result<Vec<Piece<'_>>, (String, usize)> {
    let mut out = Vec::new();
    let mut rest = template;
    let mut at = 0;
    while !rest.is_empty() {
        match rest.find(['{', '}']) {
            None => {
                out.push(Piece::Text(rest));
                break;
            }
            Some(i) if rest.as_bytes()[i] == b'}' => {
                return Err(("a `}` with no `{` before it".into(), at + i));
            }
            Some(i) => {
                if i > 0 {
                    out.push(Piece::Text(&rest[..i]));
                }
                let Some(len) = rest[i + 1..].find('}') else {
                    return Err(("a `{` that is never closed".into(), at + i));
                };
                let name = &rest[i + 1..i + 1 + len];
                if !PLACEHOLDERS.iter().any(|(p, _)| *p == name) {
                    let known: Vec<String> = PLACEHOLDERS
                        .iter()
                        .map(|(p, _)| format!("{{{p}}}"))
                        .collect();
                    let hint = closest(name, PLACEHOLDERS.iter().map(|(p, _)| *p))
                        .map(|b| format!(" (did you mean `{{{b}}}`?)"))
                        .unwrap_or_default();
                    return Err((
                        format!(
                            "unknown placeholder `{{{name}}}`{hint}; the placeholders are {}",
                            known.join(", ")
                        ),
                        at + i,
                    ));
                }
                out.push(Piece::Slot(name));
                let used = i + len + 2;
                rest = &rest[used..];
                at += used;
                continue;
            }
        }
    }
    Ok(out)
}

/// Checks a template: a file name (no folder), its placeholders known.
/// `date` says whether the briefing has a date for `{date}`. The error
/// comes with the byte offset in the template it is about.
pub fn check_template(template: &str, has_date: bool) -> Result<(), (String, usize)> {
    if template.trim().is_empty() {
        return Err(("the name is empty".into(), 0));
    }
    if let Some(i) = template.find(['/', '\\']) {
        return Err((
            "a file name may not name a folder (no `/` or `\\`); use -o for the folder".into(),
            i,
        ));
    }
    if template.starts_with('.') {
        return Err((
            "a file name may not start with `.` (a hidden file)".into(),
            0,
        ));
    }
    if let Some((i, c)) = template
        .char_indices()
        .find(|(_, c)| c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
    {
        return Err((
            format!(
                "`{}` cannot stand in a file name on every system",
                c.escape_default()
            ),
            i,
        ));
    }
    let ps = pieces(template)?;
    if !has_date {
        if let Some(i) = template.find("{date}") {
            return Err((
                "`{date}` needs the briefing's `date` (a TOML date such as 2001-08-13)".into(),
                i,
            ));
        }
    }
    if ps.is_empty() {
        return Err(("the name is empty".into(), 0));
    }
    Ok(())
}

/// A template that [`check_template`] refused, mended where the fault is
/// plain: a misspelt placeholder takes its right name, one with no near
/// name is left out, and `{date}` is left out when the briefing has no
/// date (with the `-` or `_` that joined it). `None` when the mended
/// template still cannot be used (a folder in it, a character that cannot
/// stand in a name).
pub fn repaired_template(template: &str, has_date: bool) -> Option<String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let len = rest[i + 1..].find('}')?;
        let name = &rest[i + 1..i + 1 + len];
        let known = PLACEHOLDERS.iter().map(|(p, _)| *p);
        let name = if PLACEHOLDERS.iter().any(|(p, _)| *p == name) {
            Some(name)
        } else {
            closest(name, known)
        };
        match name {
            Some("date") if !has_date => {}
            Some(n) => out.push_str(&format!("{{{n}}}")),
            None => {}
        }
        rest = &rest[i + len + 2..];
    }
    out.push_str(rest);
    // Separators left at an edge or doubled by what was taken out.
    let (stem, ext) = match out.rfind('.') {
        Some(i) => (out[..i].to_string(), out[i..].to_string()),
        None => (out.clone(), String::new()),
    };
    let mut stem = stem.replace("--", "-").replace("__", "_");
    stem = stem.trim_matches(['-', '_', ' ']).to_string();
    if stem.is_empty() {
        stem = "{short_title}".into();
    }
    let mended = format!("{stem}{ext}");
    check_template(&mended, has_date).ok().map(|()| mended)
}

/// The file name a template gives for a briefing read from a file named
/// `stem`.toml; `.pdf` is added when the name does not end in it. The
/// template must have passed [`check_template`] (an unknown placeholder is
/// left as written).
pub fn file_name(template: &str, b: &Briefing, stem: &str) -> String {
    let mut out = String::new();
    let ps = pieces(template).unwrap_or_else(|_| vec![Piece::Text(template)]);
    for p in ps {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Slot("title") => out.push_str(&or_default(slug(&b.title.text))),
            Piece::Slot("short_title") => {
                let t = b.short_title.as_ref().unwrap_or(&b.title);
                out.push_str(&or_default(slug(&t.text)));
            }
            Piece::Slot("date") => {
                if let Some(d) = b.date.or(b.source.as_ref().and_then(|s| s.date)) {
                    out.push_str(&iso(d));
                }
            }
            Piece::Slot("stem") => out.push_str(stem),
            Piece::Slot(other) => {
                out.push('{');
                out.push_str(other);
                out.push('}');
            }
        }
    }
    if !out.to_ascii_lowercase().ends_with(".pdf") {
        out.push_str(".pdf");
    }
    out
}

fn iso(d: Date) -> String {
    d.to_string()
}

fn or_default(s: String) -> String {
    if s.is_empty() {
        "briefing".into()
    } else {
        s
    }
}

/// A title as a file-name slug: lower-case ASCII letters and digits joined
/// by `-`; accented Latin letters lose their accents, apostrophes and
/// full stops vanish ("U.S.-Peru Relations" → `us-peru-relations`), markup
/// and other characters separate words. At most [`SLUG_MAX`] characters,
/// cut between words.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    // A language span's attributes (`[El País]{lang=es}`) are no words.
    let mut kept = String::with_capacity(title.len());
    let mut rest = title;
    while let Some(i) = rest.find("]{") {
        kept.push_str(&rest[..i]);
        match rest[i..].find('}') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                kept.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    kept.push_str(rest);
    for c in kept.chars() {
        let lower = c.to_ascii_lowercase();
        let ascii = [lower as u8];
        let mapped: &str = match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => std::str::from_utf8(&ascii).unwrap_or(""),
            '\'' | '’' | '‘' | '.' | 'ʼ' => continue,
            'á' | 'à' | 'â' | 'ã' | 'ä' | 'å' | 'Á' | 'À' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
                "a"
            }
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => "i",
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ó' | 'Ò' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => {
                "o"
            }
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => "u",
            'ý' | 'ÿ' | 'Ý' => "y",
            'ç' | 'Ç' => "c",
            'ñ' | 'Ñ' => "n",
            'ß' => "ss",
            'æ' | 'Æ' => "ae",
            'œ' | 'Œ' => "oe",
            _ => {
                gap = true;
                continue;
            }
        };
        if gap && !out.is_empty() {
            out.push('-');
        }
        gap = false;
        out.push_str(mapped);
    }
    if out.len() > SLUG_MAX {
        let cut = out[..SLUG_MAX].rfind('-').unwrap_or(SLUG_MAX);
        out.truncate(cut);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_templates_are_mended() {
        let m = |t: &str, d: bool| repaired_template(t, d);
        assert_eq!(
            m("{short_titel}.pdf", true).as_deref(),
            Some("{short_title}.pdf")
        );
        assert_eq!(
            m("{short_title}-{date}.pdf", false).as_deref(),
            Some("{short_title}.pdf")
        );
        assert_eq!(m("{date}.pdf", false).as_deref(), Some("{short_title}.pdf"));
        assert_eq!(m("{zzzzzzzz}-x.pdf", true).as_deref(), Some("x.pdf"));
        assert_eq!(m("a/{title}.pdf", true), None);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("U.S.-Peru Relations"), "us-peru-relations");
        assert_eq!(slug("Peru's *new* Congress"), "perus-new-congress");
        assert_eq!(
            slug("Relaciones entre EE. UU. y Perú"),
            "relaciones-entre-ee-uu-y-peru"
        );
        assert_eq!(slug("  ---  "), "");
        assert_eq!(
            slug("The [Vladivideos]{lang=es} affair"),
            "the-vladivideos-affair"
        );
        assert!(slug(&"word ".repeat(40)).len() <= SLUG_MAX);
    }

    #[test]
    fn templates() {
        assert!(check_template("{short_title}-{date}.pdf", true).is_ok());
        assert!(check_template("{short_title}-{date}.pdf", false).is_err());
        assert!(check_template("out/{title}.pdf", true).is_err());
        let (msg, at) = check_template("x-{tilte}.pdf", true).unwrap_err();
        assert!(msg.contains("did you mean `{title}`"), "{msg}");
        assert_eq!(at, 2);
        assert!(check_template("{title", true).is_err());
        assert!(check_template("title}", true).is_err());
        assert!(check_template(".pdf", true).is_err());
    }
}
