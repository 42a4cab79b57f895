//! Typographic punctuation: straight quotes become the language's quotes,
//! `--` an en dash, `---` an em dash, an apostrophe a right single quote.

use crate::model::Language;

/// What smartening carries from one piece of a paragraph to the next (so a
/// quote before `*emphasis*` still opens, and closes after it).
#[derive(Debug, Clone, Copy)]
pub struct Smart {
    /// The character before the piece.
    pub prev: char,
    /// Single quotes opened and not yet closed: a `'` after a letter closes
    /// one of them, and is an apostrophe (’) when none is open.
    open_single: u32,
}

impl Default for Smart {
    fn default() -> Self {
        Smart {
            prev: '\0',
            open_single: 0,
        }
    }
}

/// Converts one piece of prose, `state` carried across the pieces of a
/// paragraph.
pub fn smarten(text: &str, lang: Language, state: &mut Smart) -> String {
    let prev = &mut state.prev;
    let open_single = &mut state.open_single;
    let (open, close, inner_open, inner_close) = lang.quotes();
    let gap = lang.guillemet_space();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    loop {
        let rest = &text[i..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        // Leave URLs exactly as written.
        if (c == 'h' || c == 'w') && starts_url(rest) && !prev.is_alphanumeric() {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            *prev = rest[..end].chars().next_back().unwrap_or(c);
            i += end;
            continue;
        }
        let after = &rest[c.len_utf8()..];
        let next = after.chars().next();
        match c {
            '-' if next == Some('-') => {
                if after[1..].starts_with('-') {
                    out.push('—');
                    i += 3;
                } else {
                    out.push('–');
                    i += 2;
                }
                *prev = '–';
                continue;
            }
            '"' => {
                if is_opening_context(*prev) {
                    out.push(open);
                    if let Some(g) = gap {
                        out.push(g);
                    }
                    *prev = open;
                } else {
                    if let Some(g) = gap {
                        if out.ends_with(' ') {
                            out.pop();
                        }
                        out.push(g);
                    }
                    out.push(close);
                    *prev = close;
                }
            }
            '\'' => {
                let next_alnum = next.is_some_and(char::is_alphanumeric);
                let opens = is_opening_context(*prev);
                let b = after.as_bytes();
                if prev.is_alphanumeric() || (!opens && !prev.is_whitespace()) {
                    // don't, Peru's, students', hab' ich → apostrophe, in
                    // every language; a closing quote only where a single
                    // quote is open and no letter follows.
                    let q = if next_alnum || *open_single == 0 {
                        '’'
                    } else {
                        *open_single -= 1;
                        inner_close
                    };
                    out.push(q);
                    *prev = q;
                } else if b.len() >= 2
                    && b[0].is_ascii_digit()
                    && b[1].is_ascii_digit()
                    && !b.get(2).is_some_and(u8::is_ascii_digit)
                {
                    // '90s
                    out.push('’');
                    *prev = '’';
                } else {
                    *open_single += 1;
                    out.push(inner_open);
                    *prev = inner_open;
                }
            }
            _ => {
                out.push(c);
                *prev = c;
            }
        }
        i += c.len_utf8();
    }
    out
}

fn is_opening_context(prev: char) -> bool {
    prev.is_whitespace()
        || matches!(
            prev,
            '\0' | '(' | '[' | '{' | '–' | '—' | '“' | '‘' | '«' | '„' | '‚' | '/' | '\u{A0}'
        )
}

/// Whether a URL starts here.
fn starts_url(s: &str) -> bool {
    ["https://", "http://", "www."]
        .iter()
        .any(|p| s.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(s: &str) -> String {
        smarten(s, Language::EnUs, &mut Smart::default())
    }

    fn de(s: &str) -> String {
        smarten(s, Language::De, &mut Smart::default())
    }

    #[test]
    fn quotes_and_dashes() {
        assert_eq!(
            en("\"traditional\" politicians"),
            "“traditional” politicians"
        );
        assert_eq!(en("Peru's 'dead capital'"), "Peru’s ‘dead capital’");
        assert_eq!(
            en("1990--95 and a pause---then"),
            "1990–95 and a pause—then"
        );
        assert_eq!(en("in the '90s"), "in the ’90s");
        assert_eq!(
            smarten("\"hola\"", Language::Es, &mut Smart::default()),
            "«hola»"
        );
        assert_eq!(
            smarten("\"oui\"", Language::Fr, &mut Smart::default()),
            "«\u{202F}oui\u{202F}»"
        );
    }

    #[test]
    fn apostrophes_are_right_single_quotes_in_every_language() {
        assert_eq!(de("So hab' ich's gemacht"), "So hab’ ich’s gemacht");
        assert_eq!(de("Er sagte 'nein' und ging"), "Er sagte ‚nein‘ und ging");
        assert_eq!(de("die 'Sache' der Leut'"), "die ‚Sache‘ der Leut’");
        for lang in [Language::Es, Language::Fr, Language::Pt, Language::EnGb] {
            assert_eq!(
                smarten("the students' books", lang, &mut Smart::default()),
                "the students’ books",
                "{lang:?}"
            );
        }
        // A quote that opens in one piece closes in the next.
        let mut st = Smart::default();
        let a = smarten("er sagte '", Language::De, &mut st);
        let b = smarten("nein", Language::De, &mut st);
        let c = smarten("' laut", Language::De, &mut st);
        assert_eq!(format!("{a}{b}{c}"), "er sagte ‚nein‘ laut");
    }

    #[test]
    fn urls_untouched() {
        assert_eq!(en("see https://a.b/c--d'e"), "see https://a.b/c--d'e");
    }
}
