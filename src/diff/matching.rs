//! Matching blocks by what they are, not where they stand: two lists of
//! keyed items (sections by heading, recommendations by title, figures by
//! label) paired first by equal keys, then, for what is left, by the
//! most alike text above a threshold (a renamed section with mostly the
//! same text is the same section). The result follows the new order,
//! with each removed item at its old place.

use super::words::similarity;

/// One place in the merged order: an item of the old list, of the new
/// one, or a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    pub old: Option<usize>,
    pub new: Option<usize>,
}

/// Pairs `old` and `new` by `key`, then by `text` similarity of at least
/// `threshold` (or of the keys themselves, for a short item whose key is
/// most of it).
pub fn pair<T>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> String,
    text: impl Fn(&T) -> String,
    threshold: f32,
) -> Vec<Pair> {
    let ok: Vec<String> = old.iter().map(&key).collect();
    let nk: Vec<String> = new.iter().map(&key).collect();
    let mut of_new: Vec<Option<usize>> = vec![None; new.len()];
    let mut used = vec![false; old.len()];
    for (j, k) in nk.iter().enumerate() {
        if let Some(i) = (0..old.len()).find(|&i| !used[i] && ok[i] == *k) {
            used[i] = true;
            of_new[j] = Some(i);
        }
    }
    let ot: Vec<String> = old.iter().map(&text).collect();
    let nt: Vec<String> = new.iter().map(&text).collect();
    // The best remaining pairs first, so that one loose match does not
    // take the old item a closer one needs.
    let mut cands = Vec::new();
    for j in (0..new.len()).filter(|&j| of_new[j].is_none()) {
        for i in (0..old.len()).filter(|&i| !used[i]) {
            let s = similarity(&ot[i], &nt[j]).max(similarity(&ok[i], &nk[j]) * 0.9);
            if s >= threshold {
                cands.push((s, i, j));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, i, j) in cands {
        if !used[i] && of_new[j].is_none() {
            used[i] = true;
            of_new[j] = Some(i);
        }
    }
    let mut out = Vec::with_capacity(old.len() + new.len());
    let mut emitted = vec![false; old.len()];
    let flush = |upto: usize, out: &mut Vec<Pair>, emitted: &mut Vec<bool>| {
        for i in 0..upto {
            if !used[i] && !emitted[i] {
                emitted[i] = true;
                out.push(Pair {
                    old: Some(i),
                    new: None,
                });
            }
        }
    };
    for (j, o) in of_new.iter().enumerate() {
        if let Some(i) = *o {
            flush(i, &mut out, &mut emitted);
        }
        out.push(Pair {
            old: *o,
            new: Some(j),
        });
    }
    flush(old.len(), &mut out, &mut emitted);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_then_text_and_removed_items_stay_in_place() {
        let old = [
            ("A", "one two three"),
            ("B", "four five six"),
            ("C", "x y z"),
        ];
        let new = [
            ("A", "one two three"),
            ("Bee", "four five six seven"),
            ("D", "new"),
        ];
        let p = pair(&old, &new, |t| t.0.into(), |t| t.1.into(), 0.5);
        let got: Vec<(Option<usize>, Option<usize>)> = p.iter().map(|p| (p.old, p.new)).collect();
        assert_eq!(
            got,
            vec![
                (Some(0), Some(0)),
                (Some(1), Some(1)),
                (None, Some(2)),
                (Some(2), None)
            ]
        );
    }
}
