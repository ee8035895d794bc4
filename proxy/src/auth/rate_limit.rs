//! Slows down guessing: counts failed verifications per client and per order number in a
//! sliding window, in memory (one process; a shared store can replace it when there are several).

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed attempts allowed per key within the window before further attempts are refused.
pub const MAX_FAILURES: usize = 10;
/// How long a failure counts against a key.
pub const WINDOW: Duration = Duration::from_secs(10 * 60);

/// Failure counts per key ("ip:…", "order:…"). Uses real elapsed time, not the app clock, so the
/// demo's frozen clock does not lock a key forever.
#[derive(Debug)]
pub struct RateLimiter {
    max_failures: usize,
    window: Duration,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
    /// Attempts refused because a key was limited, since start (for `/metrics`).
    rejections: AtomicU64,
}

impl Default for RateLimiter {
    fn default() -> Self {
        Self::new(MAX_FAILURES, WINDOW)
    }
}

impl RateLimiter {
    pub fn new(max_failures: usize, window: Duration) -> Self {
        Self {
            max_failures,
            window,
            failures: Mutex::new(HashMap::new()),
            rejections: AtomicU64::new(0),
        }
    }

    /// How many attempts were refused as rate limited since start.
    pub fn rejections(&self) -> u64 {
        self.rejections.load(Ordering::Relaxed)
    }

    /// Whether any of `keys` has used up its failures within the window ending at `now`.
    pub fn is_limited(&self, keys: &[&str], now: Instant) -> bool {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let limited = keys.iter().any(|k| {
            map.get_mut(*k).is_some_and(|q| {
                prune(q, now, self.window);
                q.len() >= self.max_failures
            })
        });
        if limited {
            self.rejections.fetch_add(1, Ordering::Relaxed);
        }
        limited
    }

    /// Counts one failed attempt against each of `keys`.
    pub fn record_failure(&self, keys: &[&str], now: Instant) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        // Forget idle keys now and then so guessing many order numbers cannot grow memory forever.
        if map.len() > 10_000 {
            map.retain(|_, q| {
                prune(q, now, self.window);
                !q.is_empty()
            });
        }
        for k in keys {
            let q = map.entry((*k).to_owned()).or_default();
            prune(q, now, self.window);
            q.push_back(now);
        }
    }
}

fn prune(q: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while q
        .front()
        .is_some_and(|t| now.saturating_duration_since(*t) >= window)
    {
        q.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_limited_after_its_failures_until_the_window_passes() {
        let limiter = RateLimiter::new(3, Duration::from_secs(60));
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(!limiter.is_limited(&["ip:a"], t0));
            limiter.record_failure(&["ip:a", "order:1"], t0);
        }
        assert!(limiter.is_limited(&["ip:a"], t0));
        assert!(limiter.is_limited(&["ip:b", "order:1"], t0));
        assert!(!limiter.is_limited(&["ip:b", "order:2"], t0));
        assert!(!limiter.is_limited(&["ip:a"], t0 + Duration::from_secs(60)));
        assert_eq!(limiter.rejections(), 2);
    }
}
