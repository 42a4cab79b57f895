//! Help texts that need more than "did you mean": a date written as words
//! read back into a TOML date, and what to say about a language the
//! program does not set.

use super::language;
use super::suggest::closest;
use super::Date;

/// Reads a date written in a common human or ISO-like form ("1 December
/// 2025", "December 1, 2025", "13 de agosto de 2001", "2025/12/01"), for
/// the help of a quoted date. Numeric day-month orders other than
/// year-month-day are ambiguous and give `None`.
pub fn read_date(text: &str) -> Option<Date> {
    let t = text.trim().to_lowercase();
    // Year, month, day in digits with `-`, `/` or `.` between.
    let nums: Vec<&str> = t.split(['-', '/', '.']).map(str::trim).collect();
    if nums.len() == 3
        && nums
            .iter()
            .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    {
        if nums[0].len() == 4 {
            return valid(
                nums[0].parse().ok()?,
                nums[1].parse().ok()?,
                nums[2].parse().ok()?,
            );
        }
        return None;
    }
    // Words: a month name, a day and a year in either order.
    let words: Vec<String> = t
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty() && !matches!(*w, "de" | "of" | "the"))
        .map(str::to_string)
        .collect();
    let mut month = None;
    let mut numbers = Vec::new();
    for w in &words {
        if let Some(m) = month_number(w) {
            if month.replace(m).is_some() {
                return None;
            }
            continue;
        }
        let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
        let rest = &w[digits.len()..];
        if digits.is_empty() || !matches!(rest, "" | "st" | "nd" | "rd" | "th" | "er" | "º") {
            return None;
        }
        numbers.push(digits);
    }
    let month = month?;
    match numbers.as_slice() {
        [a, b] if b.len() == 4 && a.len() <= 2 => valid(b.parse().ok()?, month, a.parse().ok()?),
        [a, b] if a.len() == 4 && b.len() <= 2 => valid(a.parse().ok()?, month, b.parse().ok()?),
        _ => None,
    }
}

/// A month by its name in any language the program writes, or its first
/// three letters.
fn month_number(word: &str) -> Option<u8> {
    let names: Vec<&str> = language::month_names().collect();
    for (i, name) in names.iter().enumerate() {
        let name = name.to_lowercase();
        let short: String = name.chars().take(3).collect();
        if word == name || (word.chars().count() >= 3 && name.starts_with(word)) || word == short {
            return Some((i % 12) as u8 + 1);
        }
    }
    None
}

fn valid(year: i32, month: u8, day: u8) -> Option<Date> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1..=9999).contains(&year) && (1..=days).contains(&day)).then_some(Date { year, month, day })
}

impl std::fmt::Display for Date {
    /// The TOML (ISO 8601) form, `2025-12-01`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// How the line that holds a value starting at byte `value_start` writes
/// its key: `date` inside `[source]`, `source.date` at the top level. A
/// help line that begins with this key can be pasted over that line. `None`
/// when the value does not follow `KEY =` at the start of its line (an
/// inline table, an item of an array).
pub fn written_key(text: &str, value_start: usize) -> Option<&str> {
    let before = text.get(..value_start)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let key = before[line_start..].trim_end().strip_suffix('=')?.trim();
    let plain = key
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\'' | ' '));
    (!key.is_empty() && plain).then_some(key)
}

/// The line holding the key at `key` with the key renamed to `to`, when the
/// line is short enough to show in a help and pasted over its line means
/// the same with the right name: `accent = "#5B2A86"`, `[[recommendations]]`.
pub fn renamed_line(text: &str, key: std::ops::Range<usize>, to: &str) -> Option<String> {
    let line_start = text.get(..key.start)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[key.start..]
        .find('\n')
        .map_or(text.len(), |i| key.start + i);
    if key.end > line_end {
        return None;
    }
    let line = format!(
        "{}{to}{}",
        &text[line_start..key.start],
        &text[key.end..line_end]
    );
    let line = line.trim();
    (line.chars().count() <= 100 && !line.contains('`')).then(|| line.to_string())
}

/// What to tell an author whose `language` the program cannot read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LanguageAdvice {
    /// A name or code of a supported language: write this tag (and, for
    /// English, the other one is named too).
    Use {
        tag: &'static str,
        or: Option<(&'static str, &'static str)>,
    },
    /// A language the program knows of but does not set.
    Unsupported(&'static str),
    /// A tag of some other language, or words we cannot place.
    Unknown,
}

/// Names (English and native) and three-letter codes of the supported
/// languages.
const SUPPORTED_NAMES: &[(&str, &str)] = &[
    ("english", "en-US"),
    ("american english", "en-US"),
    ("american", "en-US"),
    ("us english", "en-US"),
    ("british english", "en-GB"),
    ("british", "en-GB"),
    ("uk english", "en-GB"),
    ("inglés", "en-US"),
    ("eng", "en-US"),
    ("spanish", "es"),
    ("español", "es"),
    ("castellano", "es"),
    ("castilian", "es"),
    ("spa", "es"),
    ("french", "fr"),
    ("français", "fr"),
    ("fra", "fr"),
    ("fre", "fr"),
    ("german", "de"),
    ("deutsch", "de"),
    ("deu", "de"),
    ("ger", "de"),
    ("portuguese", "pt"),
    ("português", "pt"),
    ("brazilian portuguese", "pt"),
    ("por", "pt"),
];

/// Languages a briefing might be written in that the program does not
/// set (no hyphenation patterns, quotes or labels): code, English name,
/// native name.
const OTHER_LANGUAGES: &[(&str, &str, &str)] = &[
    ("it", "Italian", "italiano"),
    ("nl", "Dutch", "nederlands"),
    ("ca", "Catalan", "català"),
    ("gl", "Galician", "galego"),
    ("eu", "Basque", "euskara"),
    ("ro", "Romanian", "română"),
    ("pl", "Polish", "polski"),
    ("cs", "Czech", "čeština"),
    ("sk", "Slovak", "slovenčina"),
    ("hu", "Hungarian", "magyar"),
    ("sv", "Swedish", "svenska"),
    ("da", "Danish", "dansk"),
    ("nb", "Norwegian", "norsk"),
    ("no", "Norwegian", "norsk"),
    ("fi", "Finnish", "suomi"),
    ("el", "Greek", "ελληνικά"),
    ("tr", "Turkish", "türkçe"),
    ("ru", "Russian", "русский"),
    ("uk", "Ukrainian", "українська"),
    ("ar", "Arabic", "العربية"),
    ("he", "Hebrew", "עברית"),
    ("fa", "Persian", "فارسی"),
    ("hi", "Hindi", "हिन्दी"),
    ("zh", "Chinese", "中文"),
    ("ja", "Japanese", "日本語"),
    ("ko", "Korean", "한국어"),
    ("vi", "Vietnamese", "tiếng việt"),
    ("th", "Thai", "ไทย"),
    ("id", "Indonesian", "bahasa indonesia"),
    ("ms", "Malay", "bahasa melayu"),
    ("sw", "Swahili", "kiswahili"),
    ("qu", "Quechua", "runa simi"),
    ("ay", "Aymara", "aymar aru"),
    ("gn", "Guarani", "avañe'ẽ"),
    ("ht", "Haitian Creole", "kreyòl"),
];

/// The tag of a language the program knows of but does not set, by its
/// English name ("Italian" → `it`).
pub fn other_language_code(english_name: &str) -> Option<&'static str> {
    OTHER_LANGUAGES
        .iter()
        .find(|(_, e, _)| *e == english_name)
        .map(|(c, _, _)| *c)
}

/// Advice for a `language` value that [`Language::parse`] refused.
pub fn language_advice(value: &str) -> LanguageAdvice {
    let lower = value.trim().to_lowercase().replace('_', "-");
    let words = lower
        .replace(['(', ')', ',', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // "English (UK)", "English, British".
    if words.split(' ').any(|w| w == "english" || w == "inglés") {
        let gb = words.split(' ').any(|w| {
            matches!(
                w,
                "uk" | "gb" | "british" | "britain" | "ireland" | "australia"
            )
        });
        return english(if gb { "en-GB" } else { "en-US" }, &words);
    }
    for (name, tag) in SUPPORTED_NAMES {
        if words == *name || strip_accents(&words) == strip_accents(name) {
            return if tag.starts_with("en") {
                english(tag, &words)
            } else {
                LanguageAdvice::Use { tag, or: None }
            };
        }
    }
    let primary = lower.split('-').next().unwrap_or("");
    for (code, english_name, native) in OTHER_LANGUAGES {
        if primary == *code || words == english_name.to_lowercase() || words == *native {
            return LanguageAdvice::Unsupported(english_name);
        }
    }
    // A tag (two or three letters, maybe a region): another language, not
    // a typo of one of ours; `it` is not a misspelt `pt`.
    if (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return LanguageAdvice::Unknown;
    }
    // A misspelt name.
    let names = SUPPORTED_NAMES
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| n.len() > 3)
        .chain(OTHER_LANGUAGES.iter().map(|(_, e, _)| *e));
    let all: Vec<String> = names.map(str::to_lowercase).collect();
    match closest(&words, all.iter().map(String::as_str)) {
        Some(best) => {
            if let Some((_, tag)) = SUPPORTED_NAMES.iter().find(|(n, _)| *n == best) {
                if tag.starts_with("en") {
                    english(tag, best)
                } else {
                    LanguageAdvice::Use { tag, or: None }
                }
            } else {
                OTHER_LANGUAGES
                    .iter()
                    .find(|(_, e, _)| e.to_lowercase() == best)
                    .map_or(LanguageAdvice::Unknown, |(_, e, _)| {
                        LanguageAdvice::Unsupported(e)
                    })
            }
        }
        None => LanguageAdvice::Unknown,
    }
}

/// English, with the other variety named too unless the words chose one.
fn english(tag: &'static str, words: &str) -> LanguageAdvice {
    let chose = ["british", "uk", "gb", "american", "us"]
        .iter()
        .any(|w| words.split(' ').any(|x| x == *w));
    let or = match (chose, tag) {
        (true, _) => None,
        (false, "en-GB") => Some(("en-US", "American English")),
        (false, _) => Some(("en-GB", "British English")),
    };
    LanguageAdvice::Use { tag, or }
}

fn strip_accents(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    fn d(y: i32, m: u8, day: u8) -> Option<Date> {
        Some(Date {
            year: y,
            month: m,
            day,
        })
    }

    #[test]
    fn reads_dates_in_words() {
        assert_eq!(read_date("1 December 2025"), d(2025, 12, 1));
        assert_eq!(read_date("December 1, 2025"), d(2025, 12, 1));
        assert_eq!(read_date("Dec 1st 2025"), d(2025, 12, 1));
        assert_eq!(read_date("13 de agosto de 2001"), d(2001, 8, 13));
        assert_eq!(read_date("13. August 2001"), d(2001, 8, 13));
        assert_eq!(read_date("1er août 2001"), d(2001, 8, 1));
        assert_eq!(read_date("2001-08-13"), d(2001, 8, 13));
        assert_eq!(read_date("2001/8/13"), d(2001, 8, 13));
        assert_eq!(read_date("08/13/2001"), None);
        assert_eq!(read_date("31 February 2001"), None);
        assert_eq!(read_date("next Tuesday"), None);
        assert_eq!(d(2025, 12, 1).unwrap().to_string(), "2025-12-01");
    }

    #[test]
    fn keys_as_their_lines_write_them() {
        let text = "[source]\ndate = \"x\"\nstyle.base_size = \"10\"\nauthors = [\"A\"]\n";
        let at = |needle: &str| text.find(needle).unwrap();
        assert_eq!(written_key(text, at("\"x\"")), Some("date"));
        assert_eq!(written_key(text, at("\"10\"")), Some("style.base_size"));
        assert_eq!(written_key(text, at("\"A\"")), None);
        let k = at("source");
        assert_eq!(
            renamed_line(text, k..k + 6, "sources").as_deref(),
            Some("[sources]")
        );
    }

    #[test]
    fn language_names_and_tags() {
        use LanguageAdvice::*;
        assert_eq!(
            language_advice("English"),
            Use {
                tag: "en-US",
                or: Some(("en-GB", "British English"))
            }
        );
        assert_eq!(
            language_advice("British English"),
            Use {
                tag: "en-GB",
                or: None
            }
        );
        assert_eq!(
            language_advice("Español"),
            Use {
                tag: "es",
                or: None
            }
        );
        assert_eq!(
            language_advice("espanol"),
            Use {
                tag: "es",
                or: None
            }
        );
        assert_eq!(
            language_advice("Deutsch"),
            Use {
                tag: "de",
                or: None
            }
        );
        assert_eq!(
            language_advice("Spansh"),
            Use {
                tag: "es",
                or: None
            }
        );
        assert_eq!(language_advice("it"), Unsupported("Italian"));
        assert_eq!(language_advice("it-IT"), Unsupported("Italian"));
        assert_eq!(language_advice("Italiano"), Unsupported("Italian"));
        assert_eq!(language_advice("xx"), Unknown);
        assert_eq!(language_advice("sp"), Unknown);
        // The advice never names a tag that does not parse.
        assert!(SUPPORTED_NAMES
            .iter()
            .all(|(_, t)| Language::parse(t).is_some()));
    }
}
