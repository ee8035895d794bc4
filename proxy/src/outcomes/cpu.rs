//! The CPU time of the answering code, which `wismo::outcomes::Prices` turns into its cost.

use cpu_time::ThreadTime;

/// Runs `f` and returns its result with the CPU time this thread spent in it, in microseconds.
/// The answering code is synchronous, so the thread's time is the answer's.
pub fn measured<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let start = ThreadTime::try_now().ok();
    let out = f();
    let us = start.map_or(0, |s| {
        u64::try_from(s.try_elapsed().map_or(0, |d| d.as_micros())).unwrap_or(u64::MAX)
    });
    (out, us)
}

#[cfg(test)]
mod tests {
    #[test]
    fn busy_code_takes_measurable_cpu_time() {
        let (sum, us) =
            super::measured(|| (0..3_000_000u64).map(std::hint::black_box).sum::<u64>());
        assert!(sum > 0);
        assert!(us > 0, "{us} µs");
    }
}
