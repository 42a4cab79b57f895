//! Hyphenation by language, from the `hyphenation` crate's embedded
//! (TeX) patterns, with the rules a typesetter adds on top.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use hyphenation::{Hyphenator, Load, Standard};

use super::shape::FxBuild;
use crate::model::{LangTag, Language};

/// A set of patterns (the crate's languages: many more than a briefing
/// is written in, for passages in other languages).
pub type Patterns = hyphenation::Language;

/// The patterns for a passage's tag, if the crate has its language:
/// the tag itself (`de-1901`, `sr-Cyrl`), else the usual patterns of its
/// language (`de-AT` → German 1996, `en-AU` → British English).
pub fn patterns(tag: &LangTag) -> Option<Patterns> {
    let lower = tag.as_str().to_ascii_lowercase();
    if let Some(p) = Patterns::try_from_code(&lower) {
        return Some(p);
    }
    if let Some(l) = Language::parse(&lower) {
        return Some(l.hyphenation());
    }
    let lang = tag.language();
    Some(match lang {
        "el" => Patterns::GreekMono,
        "sr" => Patterns::SerbianCyrillic,
        "mn" => Patterns::Mongolian,
        "no" => Patterns::NorwegianBokmal,
        _ => return Patterns::try_from_code(lang),
    })
}

/// Letters that must stay before a break.
pub const MIN_BEFORE: usize = 2;
/// Letters that must follow a break.
pub const MIN_AFTER: usize = 3;
/// Words shorter than this are never hyphenated.
pub const MIN_WORD: usize = 6;

fn dictionary(lang: Patterns) -> Option<&'static Standard> {
    static DICTS: OnceLock<Mutex<HashMap<Patterns, Option<&'static Standard>>>> = OnceLock::new();
    let map = DICTS.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = map.lock().unwrap_or_else(|p| p.into_inner());
    *map.entry(lang).or_insert_with(|| {
        Standard::from_embedded(lang)
            .ok()
            .map(|d| &*Box::leak(Box::new(d)))
    })
}

/// Byte offsets inside `word` where it may break with a hyphen.
/// `word` is letters only (the caller strips punctuation). Words in
/// capitals, with digits, and anything URL- or address-like get none.
pub fn breaks(word: &str, lang: Language) -> Vec<usize> {
    breaks_with(word, lang.hyphenation())
}

/// [`breaks`] by a set of patterns.
pub fn breaks_with(word: &str, lang: Patterns) -> Vec<usize> {
    let letters = word.chars().count();
    if letters < MIN_WORD
        || word.chars().any(|c| !c.is_alphabetic())
        || word.chars().filter(|c| c.is_uppercase()).count() > 1
    {
        return Vec::new();
    }
    if let Some(hit) = cache()
        .get(&lang)
        .and_then(|words| words.get(word))
        .map(|b| b.to_vec())
    {
        return hit;
    }
    let Some(dict) = dictionary(lang) else {
        return Vec::new();
    };
    let h = dict.hyphenate(word);
    let found: Vec<usize> = h
        .breaks
        .into_iter()
        .filter(|&b| {
            let before = word[..b].chars().count();
            let after = letters - before;
            before >= MIN_BEFORE && after >= MIN_AFTER
        })
        .collect();
    let mut c = cache();
    if c.values().map(HashMap::len).sum::<usize>() >= MAX_CACHED_WORDS {
        c.clear();
    }
    c.entry(lang)
        .or_default()
        .insert(word.into(), found.clone().into_boxed_slice());
    found
}

/// Forgets every word hyphenated (for measuring cold builds).
pub fn clear_cache() {
    cache().clear();
}

/// Words kept before the cache starts afresh (see
/// `shape::MAX_CACHED_WORDS`).
const MAX_CACHED_WORDS: usize = 200_000;

/// Break offsets by word, for one language.
type Breaks = HashMap<Box<str>, Box<[usize]>, FxBuild>;

/// Every word hyphenated so far, by language, shared by every thread: the
/// patterns cost far more than a lookup, the page-budget search sets the
/// same words again at each size it tries, and `layout::warm` hyphenates
/// words ahead of layout on another thread.
static CACHE: OnceLock<Mutex<HashMap<Patterns, Breaks>>> = OnceLock::new();

fn cache() -> std::sync::MutexGuard<'static, HashMap<Patterns, Breaks>> {
    CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenates_by_language() {
        let b = breaks("administration", Language::EnUs);
        assert!(!b.is_empty());
        for at in &b {
            assert!(*at >= 2 && *at <= "administration".len() - 3);
        }
        assert!(breaks("NATO", Language::EnUs).is_empty());
        assert!(breaks("AK-47", Language::EnUs).is_empty());
        assert!(!breaks("constitución", Language::Es).is_empty());
    }

    #[test]
    fn passages_find_their_patterns() {
        let p = |t: &str| patterns(&crate::model::bcp47::parse(t).unwrap());
        assert_eq!(p("es-PE"), Some(Patterns::Spanish));
        assert_eq!(p("en-AU"), Some(Patterns::EnglishGB));
        assert_eq!(p("it"), Some(Patterns::Italian));
        assert_eq!(p("de-1901"), Some(Patterns::German1901));
        assert_eq!(p("qu"), None);
        assert_eq!(p("ja"), None);
    }
}
