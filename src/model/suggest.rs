//! "Did you mean …?": the closest known word to a misspelt one.

/// Edit distance between two short strings, counting a swap of two
/// neighbouring letters as one edit (`titel` → `title`), as typing errors
/// go (optimal string alignment distance).
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // d[i][j]: distance between a[..i] and b[..j].
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a typo:
/// at most a third of the word's letters differ (and at least one may).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (distance(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The member of a closed set of values (paper sizes, chart kinds) that
/// `word` is a misspelling of, if any. Stricter than [`closest`]: a word
/// that names another value of the same family (`others`: `A5` is a paper
/// size, `pie` a chart kind) is never swapped for one we have, nor is a
/// word whose digits differ from the candidate's (`a5` is not a typo of
/// `a4`). Case and small edits of the same value still match (`Lettr`).
pub fn closest_value<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    others: &[&str],
) -> Option<&'a str> {
    let lower = word.trim().to_lowercase();
    if others.iter().any(|o| o.eq_ignore_ascii_case(&lower)) {
        return None;
    }
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let candidates: Vec<&'a str> = candidates
        .into_iter()
        .filter(|c| digits(c) == digits(&lower))
        .collect();
    closest(&lower, candidates)
}

/// Paper sizes a briefing might name that the program does not set.
pub const OTHER_PAPERS: &[&str] = &[
    "a0",
    "a1",
    "a2",
    "a3",
    "a5",
    "a6",
    "a7",
    "b4",
    "b5",
    "b6",
    "c4",
    "c5",
    "tabloid",
    "ledger",
    "executive",
    "statement",
    "half-letter",
    "folio",
    "quarto",
    "foolscap",
    "us-letter",
    "us-legal",
];

/// Chart kinds a briefing might name that the program does not draw.
pub const OTHER_CHARTS: &[&str] = &[
    "pie",
    "donut",
    "doughnut",
    "area",
    "column",
    "scatter",
    "histogram",
    "radar",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos() {
        assert_eq!(closest("acent", ["accent", "paper"]), Some("accent"));
        assert_eq!(closest("lettr", ["letter", "a4", "legal"]), Some("letter"));
        assert_eq!(closest("zzzzzz", ["accent", "paper"]), None);
        assert_eq!(closest("titel", ["title", "subtitle"]), Some("title"));
    }

    #[test]
    fn closed_sets_are_never_swapped() {
        let papers = ["letter", "a4", "legal"];
        assert_eq!(closest_value("A5", papers, OTHER_PAPERS), None);
        assert_eq!(closest_value("a3", papers, OTHER_PAPERS), None);
        assert_eq!(closest_value("tabloid", papers, OTHER_PAPERS), None);
        assert_eq!(closest_value("Lettr", papers, OTHER_PAPERS), Some("letter"));
        assert_eq!(closest_value("LEGAl", papers, OTHER_PAPERS), Some("legal"));
        assert_eq!(closest_value("A 4", papers, OTHER_PAPERS), Some("a4"));
        assert_eq!(closest_value("pie", ["bar", "line"], OTHER_CHARTS), None);
        assert_eq!(
            closest_value("lines", ["bar", "line"], OTHER_CHARTS),
            Some("line")
        );
    }
}
