//! The batch builds' worker pool: as many workers as cores (the calling
//! thread is one of them), each taking the next file until none is left,
//! so memory for N files does not grow with N threads. A worker that
//! cannot be started only means fewer workers: the calling thread always
//! works, so no file is ever lost to a failed spawn.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Runs `job(i)` for every `i` in `0..n` and gives the results in order.
/// A job that panics gives `T::default()`, `false` for a `bool` (the panic
/// is printed as usual).
pub fn run<T: Default + Send>(n: usize, job: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    run_with(n, cores, job)
}

/// [`run`] with at most `workers` workers.
pub fn run_with<T: Default + Send>(
    n: usize,
    workers: usize,
    job: impl Fn(usize) -> T + Sync,
) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new((0..n).map(|_| T::default()).collect::<Vec<T>>());
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= n {
            break;
        }
        let ok = catch_unwind(AssertUnwindSafe(|| job(i))).unwrap_or_default();
        if let Ok(mut r) = results.lock() {
            r[i] = ok;
        }
    };
    std::thread::scope(|s| {
        for _ in 1..workers.min(n) {
            // A failed spawn leaves the work to the others.
            if std::thread::Builder::new().spawn_scoped(s, work).is_err() {
                break;
            }
        }
        work();
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_runs_once_in_order_with_any_worker_count() {
        for workers in [1, 2, 7, 100] {
            let count = AtomicUsize::new(0);
            let r = run_with(50, workers, |i| {
                count.fetch_add(1, Ordering::Relaxed);
                i % 3 != 0
            });
            assert_eq!(count.into_inner(), 50);
            let want: Vec<bool> = (0..50).map(|i| i % 3 != 0).collect();
            assert_eq!(r, want, "{workers} workers");
        }
    }

    #[test]
    fn a_panicking_job_fails_only_itself() {
        let r = run_with(4, 2, |i| {
            assert!(i != 2, "job 2 panics");
            true
        });
        assert_eq!(r, [true, true, false, true]);
    }
}
