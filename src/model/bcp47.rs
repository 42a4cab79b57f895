//! BCP 47 language tags (RFC 5646): whether a tag is well formed, its
//! canonical case (`es-pe` → `es-PE`, `sr-latn` → `sr-Latn`), and a small
//! copyable value that carries one through markup and layout.

use std::fmt;

/// Longest tag kept (RFC 5646, 4.4.1: 35 characters hold every tag of a
/// language, extended language, script, region and variant).
pub const MAX_LEN: usize = 35;

/// A well-formed tag, in canonical case.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct LangTag {
    bytes: [u8; MAX_LEN],
    len: u8,
}

impl LangTag {
    pub fn as_str(&self) -> &str {
        // Only ASCII letters, digits and `-` are ever stored.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }

    /// The language subtag (`es` of `es-PE`), lower case.
    pub fn language(&self) -> &str {
        self.as_str().split('-').next().unwrap_or("")
    }

    /// The region subtag (`PE` of `es-PE`, `419` of `es-419`), if any.
    pub fn region(&self) -> Option<&str> {
        self.as_str().split('-').skip(1).find(|s| {
            (s.len() == 2 && s.chars().all(|c| c.is_ascii_uppercase()))
                || (s.len() == 3 && s.chars().all(|c| c.is_ascii_digit()))
        })
    }
}

impl fmt::Debug for LangTag {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "LangTag({})", self.as_str())
    }
}

impl fmt::Display for LangTag {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a tag is not well formed, and where in it (byte range).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagError {
    pub why: &'static str,
    pub at: std::ops::Range<usize>,
}

/// Reads a tag; `Err` says the first subtag out of place.
pub fn parse(tag: &str) -> Result<LangTag, TagError> {
    let whole = 0..tag.len();
    if tag.is_empty() {
        return Err(TagError {
            why: "the tag is empty",
            at: whole,
        });
    }
    if tag.len() > MAX_LEN {
        return Err(TagError {
            why: "the tag is longer than 35 characters",
            at: whole,
        });
    }
    // Subtags with their byte offsets.
    let mut subtags: Vec<(usize, &str)> = Vec::new();
    let mut off = 0;
    for s in tag.split('-') {
        subtags.push((off, s));
        off += s.len() + 1;
    }
    for &(at, s) in &subtags {
        let bad = |why| {
            Err(TagError {
                why,
                at: at..(at + s.len()).max(at + 1).min(tag.len().max(at + 1)),
            })
        };
        if s.is_empty() {
            return bad("an empty subtag (two `-` in a row, or one at an end)");
        }
        if !s.chars().all(|c| c.is_ascii_alphanumeric()) {
            return bad("a subtag holds only letters and digits, joined by `-`");
        }
        if s.len() > 8 {
            return bad("a subtag has at most 8 characters");
        }
    }
    let alpha = |s: &str| s.chars().all(|c| c.is_ascii_alphabetic());
    let digit = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let mut out: Vec<String> = Vec::with_capacity(subtags.len());
    let mut i = 0;
    let (first_at, first) = subtags[0];
    let err = |why, at: usize, s: &str| TagError {
        why,
        at: at..at + s.len(),
    };
    if first.eq_ignore_ascii_case("x") {
        // Private use only: `x-` and subtags of 1 to 8.
        if subtags.len() < 2 {
            return Err(err(
                "`x` needs a private-use subtag after it",
                first_at,
                first,
            ));
        }
        return Ok(store(&tag.to_ascii_lowercase()));
    }
    if !(alpha(first) && (2..=3).contains(&first.len())) {
        return Err(err(
            "a tag starts with a language subtag of two or three letters",
            first_at,
            first,
        ));
    }
    out.push(first.to_ascii_lowercase());
    i += 1;
    // Extended language subtags (up to three of three letters).
    let mut ext = 0;
    while i < subtags.len() && ext < 3 && subtags[i].1.len() == 3 && alpha(subtags[i].1) {
        out.push(subtags[i].1.to_ascii_lowercase());
        i += 1;
        ext += 1;
    }
    // Script: four letters.
    if i < subtags.len() && subtags[i].1.len() == 4 && alpha(subtags[i].1) {
        let s = subtags[i].1.to_ascii_lowercase();
        out.push(s[..1].to_ascii_uppercase() + &s[1..]);
        i += 1;
    }
    // Region: two letters or three digits.
    if i < subtags.len() {
        let s = subtags[i].1;
        if (s.len() == 2 && alpha(s)) || (s.len() == 3 && digit(s)) {
            out.push(s.to_ascii_uppercase());
            i += 1;
        }
    }
    // Variants: 5 to 8 characters, or a digit and three more.
    while i < subtags.len() {
        let s = subtags[i].1;
        let variant =
            (5..=8).contains(&s.len()) || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit());
        if !variant {
            break;
        }
        out.push(s.to_ascii_lowercase());
        i += 1;
    }
    // Extensions (a singleton and subtags of 2 to 8), then private use.
    while i < subtags.len() {
        let (at, s) = subtags[i];
        if s.len() != 1 {
            return Err(err(
                "out of place: after the language come a script (4 letters), a region (2 letters or 3 digits), variants, then extensions",
                at,
                s,
            ));
        }
        let private = s.eq_ignore_ascii_case("x");
        out.push(s.to_ascii_lowercase());
        i += 1;
        let min = if private { 1 } else { 2 };
        let mut n = 0;
        while i < subtags.len() && subtags[i].1.len() >= min && (private || subtags[i].1.len() > 1)
        {
            out.push(subtags[i].1.to_ascii_lowercase());
            i += 1;
            n += 1;
        }
        if n == 0 {
            return Err(err("a singleton needs a subtag after it", at, s));
        }
    }
    Ok(store(&out.join("-")))
}

/// A help line for a tag that is not well formed: the tag of a language
/// written by name, the tag with `-` for `_`, or what a tag looks like.
/// `form` writes a tag as the place it goes wants it (`{lang=es}`,
/// `language = "es"`).
pub fn advice(written: &str, form: impl Fn(&str) -> String) -> String {
    use super::hints::{language_advice, other_language_code, LanguageAdvice};
    let dashed = written.trim().replace('_', "-");
    if dashed != written {
        if let Ok(t) = parse(&dashed) {
            return format!("subtags are joined by `-`: {}", form(t.as_str()));
        }
    }
    let tag = match language_advice(written) {
        LanguageAdvice::Use { tag, .. } => Some(tag),
        LanguageAdvice::Unsupported(name) => other_language_code(name),
        LanguageAdvice::Unknown => None,
    };
    match tag {
        Some(t) => format!("write the language's tag: {}", form(t)),
        None => format!(
            "a BCP 47 tag is a language of two or three letters, maybe followed by a script or a region: {}, {}, {}",
            form("es"),
            form("es-PE"),
            form("sr-Latn")
        ),
    }
}

fn store(s: &str) -> LangTag {
    let mut bytes = [0u8; MAX_LEN];
    let n = s.len().min(MAX_LEN);
    bytes[..n].copy_from_slice(&s.as_bytes()[..n]);
    LangTag {
        bytes,
        len: n as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_tags_in_canonical_case() {
        for (t, c) in [
            ("es", "es"),
            ("es-pe", "es-PE"),
            ("EN-gb", "en-GB"),
            ("es-419", "es-419"),
            ("sr-latn-rs", "sr-Latn-RS"),
            ("de-CH-1901", "de-CH-1901"),
            ("zh-Hant", "zh-Hant"),
            ("en-US-x-twain", "en-US-x-twain"),
            ("x-klingon", "x-klingon"),
            ("qu", "qu"),
        ] {
            assert_eq!(parse(t).map(|t| t.to_string()), Ok(c.to_string()), "{t}");
        }
        assert_eq!(parse("es-PE").unwrap().region(), Some("PE"));
        assert_eq!(parse("es-PE").unwrap().language(), "es");
    }

    #[test]
    fn malformed_tags_say_where() {
        for (t, at) in [
            ("", 0..0),
            ("spanish", 0..7),
            ("e", 0..1),
            ("es_PE", 0..5),
            ("es--PE", 3..4),
            ("es-", 3..4),
            ("es-PE-a", 6..7),
            ("es-toolongsubtag", 3..16),
            ("es-PE-US", 6..8),
        ] {
            let e = parse(t).expect_err(t);
            assert_eq!(e.at, at, "{t}: {}", e.why);
        }
    }
}
