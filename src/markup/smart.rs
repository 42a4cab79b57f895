//! Typographic punctuation: straight quotes become the language's quotes,
//! `--` an en dash, `---` an em dash, an apostrophe a right single quote.

use crate::model::Language;

/// Converts one piece of prose. `prev` is the character before the piece
/// (carried across the pieces of a paragraph, so a quote before `*emphasis*`
/// still opens).
pub fn smarten(text: &str, lang: Language, prev: &mut char) -> String {
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
                    // don't, Peru's, students' → apostrophe or closing quote
                    let q = if next_alnum || inner_close == '’' {
                        '’'
                    } else {
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
        smarten(s, Language::EnUs, &mut '\0')
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
        assert_eq!(smarten("\"hola\"", Language::Es, &mut '\0'), "«hola»");
        assert_eq!(
            smarten("\"oui\"", Language::Fr, &mut '\0'),
            "«\u{202F}oui\u{202F}»"
        );
    }

    #[test]
    fn urls_untouched() {
        assert_eq!(en("see https://a.b/c--d'e"), "see https://a.b/c--d'e");
    }
}
