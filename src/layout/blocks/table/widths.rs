//! Column widths from the content, as automatic table layout finds them:
//! each column at least its longest word, the room left shared out by
//! how much more each column's text wants at its natural width.

/// Widths for columns whose least widths are `min` and whose natural
/// widths (each cell's text on one line) are `natural`, `gap` apart, in
/// `avail` points; `None` when even the least widths do not fit. Room
/// beyond the natural widths goes to the columns `grow` marks (text, not
/// numbers, which read best close to their labels); when none is marked
/// (a table of numbers only), the table keeps its natural width.
pub fn solve(
    min: &[f32],
    natural: &[f32],
    grow: &[bool],
    gap: f32,
    avail: f32,
) -> Option<Vec<f32>> {
    let n = min.len();
    if n == 0 {
        return Some(Vec::new());
    }
    let room = avail - gap * (n - 1) as f32;
    let nat: Vec<f32> = natural.iter().zip(min).map(|(a, b)| a.max(*b)).collect();
    let sum_min: f32 = min.iter().sum();
    let sum_nat: f32 = nat.iter().sum();
    if sum_min > room + 0.01 {
        return None;
    }
    if sum_nat <= room {
        // Everything fits on one line: the table takes the measure, the
        // room to spare shared by the growing columns in proportion to
        // their natural widths.
        let extra = room - sum_nat;
        if !grow.iter().take(n).any(|g| *g) {
            return Some(nat);
        }
        let grows = |i: usize| grow.get(i).copied().unwrap_or(false);
        let base: f32 = nat
            .iter()
            .enumerate()
            .filter(|(i, _)| grows(*i))
            .map(|(_, w)| w)
            .sum();
        let count = (0..n).filter(|i| grows(*i)).count().max(1) as f32;
        return Some(
            nat.iter()
                .enumerate()
                .map(|(i, w)| match (grows(i), base > 0.0) {
                    (false, _) => *w,
                    (true, true) => w + extra * w / base,
                    (true, false) => w + extra / count,
                })
                .collect(),
        );
    }
    // Between the two: each column gets its least width, and the rest in
    // proportion to what its text wants beyond it.
    let want: f32 = nat.iter().zip(min).map(|(a, b)| a - b).sum();
    let extra = room - sum_min;
    Some(
        nat.iter()
            .zip(min)
            .map(|(a, b)| {
                b + if want > 0.0 {
                    (a - b) / want * extra
                } else {
                    0.0
                }
            })
            .collect(),
    )
}

/// The column whose least width is greatest (the one to name when a
/// table cannot fit).
pub fn widest(min: &[f32]) -> usize {
    let mut best = 0;
    for (i, w) in min.iter().enumerate() {
        if *w > min[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_widths_fit_and_stretch() {
        let w = solve(&[10.0, 20.0], &[30.0, 30.0], &[false, false], 10.0, 110.0).unwrap();
        assert_eq!(w, [30.0, 30.0], "numbers only: the natural widths");
        let w = solve(&[10.0, 20.0], &[30.0, 30.0], &[true, false], 10.0, 110.0).unwrap();
        assert!(
            (w[0] - 70.0).abs() < 0.01 && (w[1] - 30.0).abs() < 0.01,
            "{w:?}"
        );
    }

    #[test]
    fn room_shared_beyond_the_least() {
        let w = solve(&[10.0, 10.0], &[110.0, 10.0], &[], 0.0, 60.0).unwrap();
        assert!(
            (w[0] - 50.0).abs() < 0.01 && (w[1] - 10.0).abs() < 0.01,
            "{w:?}"
        );
        for (a, m) in w.iter().zip([10.0, 10.0]) {
            assert!(*a >= m);
        }
    }

    #[test]
    fn too_wide_is_none() {
        assert!(solve(&[50.0, 60.0], &[50.0, 60.0], &[], 5.0, 100.0).is_none());
        assert_eq!(widest(&[50.0, 60.0, 10.0]), 1);
    }
}
