//! Hyphenation by language, from the `hyphenation` crate's embedded
//! (TeX) patterns, with the rules a typesetter adds on top.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use hyphenation::{Hyphenator, Load, Standard};

use super::shape::FxBuild;
use crate::model::Language;

/// Letters that must stay before a break.
pub const MIN_BEFORE: usize = 2;
/// Letters that must follow a break.
pub const MIN_AFTER: usize = 3;
/// Words shorter than this are never hyphenated.
pub const MIN_WORD: usize = 6;

fn dictionary(lang: Language) -> Option<&'static Standard> {
    static DICTS: OnceLock<Mutex<HashMap<Language, Option<&'static Standard>>>> = OnceLock::new();
    let map = DICTS.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = map.lock().unwrap_or_else(|p| p.into_inner());
    *map.entry(lang).or_insert_with(|| {
        Standard::from_embedded(lang.hyphenation())
            .ok()
            .map(|d| &*Box::leak(Box::new(d)))
    })
}

/// Byte offsets inside `word` where it may break with a hyphen.
/// `word` is letters only (the caller strips punctuation). Words in
/// capitals, with digits, and anything URL- or address-like get none.
pub fn breaks(word: &str, lang: Language) -> Vec<usize> {
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
static CACHE: OnceLock<Mutex<HashMap<Language, Breaks>>> = OnceLock::new();

fn cache() -> std::sync::MutexGuard<'static, HashMap<Language, Breaks>> {
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
}
