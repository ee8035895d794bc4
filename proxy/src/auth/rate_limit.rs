//! Slows down guessing: counts failed verifications per client and per order number over a
//! sliding window, in the database, so every proxy sharing one PostgreSQL sees the same count and
//! a restart does not forget a guesser.
//!
//! Failures are counted per key and minute (`auth_failures`); a key is limited once its minutes
//! within the window hold `max_failures`. The window therefore slides a minute at a time.

use crate::clock::{Clock, SystemClock};
use crate::db::Db;
use anyhow::Context;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Failed attempts allowed per key within the window before further attempts are refused.
pub const MAX_FAILURES: u32 = 10;
/// How long a failure counts against a key.
pub const WINDOW: Duration = Duration::from_secs(10 * 60);
/// Keys are stored at most this long, so a flood of different keys cannot fill the database.
const KEY_CHARS: usize = 200;

/// Failure counts per key ("ip:…", "order:…"). Uses the wall clock it is given (the real one in
/// the demo too), never the app clock, so the demo's frozen afternoon does not lock a key forever.
#[derive(Clone)]
pub struct RateLimiter {
    db: Db,
    clock: Arc<dyn Clock>,
    max_failures: u32,
    window: Duration,
    /// Attempts refused because a key was limited, by this process since start (for `/metrics`).
    rejections: Arc<AtomicU64>,
}

impl std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimiter")
            .field("max_failures", &self.max_failures)
            .field("window", &self.window)
            .finish_non_exhaustive()
    }
}

impl RateLimiter {
    /// The default limits on `db`, timed by the system clock.
    pub fn new(db: Db) -> Self {
        Self::with_limits(db, Arc::new(SystemClock), MAX_FAILURES, WINDOW)
    }

    /// Other limits or another clock (tests move time with a `FixedClock`).
    pub fn with_limits(db: Db, clock: Arc<dyn Clock>, max_failures: u32, window: Duration) -> Self {
        Self {
            db,
            clock,
            max_failures,
            window,
            rejections: Arc::new(AtomicU64::new(0)),
        }
    }

    /// How many attempts this process refused as rate limited since start.
    pub fn rejections(&self) -> u64 {
        self.rejections.load(Ordering::Relaxed)
    }

    /// The current minute, and the first minute still inside the window.
    fn minutes(&self) -> (i64, i64) {
        let now = self.clock.now().timestamp().div_euclid(60);
        let span = i64::try_from(self.window.as_secs().div_ceil(60)).unwrap_or(i64::MAX);
        (now, now.saturating_sub(span).saturating_add(1))
    }

    /// Whether any of `keys` has used up its failures within the window.
    pub async fn is_limited(&self, keys: &[&str]) -> anyhow::Result<bool> {
        let (_, first) = self.minutes();
        let mut limited = false;
        for key in keys {
            let failures: i64 = sqlx::query_scalar(
                "SELECT CAST(COALESCE(SUM(failures), 0) AS BIGINT) FROM auth_failures
                 WHERE key = $1 AND minute >= $2",
            )
            .bind(stored(key))
            .bind(first)
            .fetch_one(self.db.pool())
            .await
            .context("reading verification failures")?;
            if failures >= i64::from(self.max_failures) {
                limited = true;
                break;
            }
        }
        if limited {
            self.rejections.fetch_add(1, Ordering::Relaxed);
        }
        Ok(limited)
    }

    /// Counts one failed attempt against each of `keys`, and forgets minutes the window has left.
    pub async fn record_failure(&self, keys: &[&str]) -> anyhow::Result<()> {
        let (now, first) = self.minutes();
        let mut tx = self.db.begin().await?;
        for key in keys {
            sqlx::query(
                "INSERT INTO auth_failures (key, minute, failures) VALUES ($1, $2, 1)
                 ON CONFLICT (key, minute) DO UPDATE SET failures = auth_failures.failures + 1",
            )
            .bind(stored(key))
            .bind(now)
            .execute(&mut *tx)
            .await
            .context("counting a verification failure")?;
        }
        sqlx::query("DELETE FROM auth_failures WHERE minute < $1")
            .bind(first)
            .execute(&mut *tx)
            .await
            .context("forgetting old verification failures")?;
        tx.commit()
            .await
            .context("committing verification failures")
    }
}

fn stored(key: &str) -> &str {
    match key.char_indices().nth(KEY_CHARS) {
        Some((i, _)) => &key[..i],
        None => key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;

    #[tokio::test]
    async fn a_key_is_limited_after_its_failures_until_the_window_passes() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.sqlite")).await.unwrap();
        let clock = Arc::new(FixedClock::new("2026-11-25T12:00:30Z".parse().unwrap()));
        let limiter = RateLimiter::with_limits(db, clock.clone(), 3, Duration::from_secs(60 * 5));
        for _ in 0..3 {
            assert!(!limiter.is_limited(&["ip:a"]).await.unwrap());
            limiter.record_failure(&["ip:a", "order:1"]).await.unwrap();
            clock.advance(chrono::Duration::seconds(50));
        }
        assert!(limiter.is_limited(&["ip:a"]).await.unwrap());
        assert!(limiter.is_limited(&["ip:b", "order:1"]).await.unwrap());
        assert!(!limiter.is_limited(&["ip:b", "order:2"]).await.unwrap());
        assert_eq!(limiter.rejections(), 2);

        // Now 12:03. The window holds minutes 12:00 to 12:04 at 12:04, and 12:01 to 12:05 at
        // 12:05, when the first failure no longer counts and the other two still do.
        clock.advance(chrono::Duration::minutes(1));
        assert!(limiter.is_limited(&["ip:a"]).await.unwrap());
        clock.advance(chrono::Duration::minutes(1));
        assert!(!limiter.is_limited(&["ip:a"]).await.unwrap());
        limiter.record_failure(&["ip:a"]).await.unwrap();
        assert!(limiter.is_limited(&["ip:a"]).await.unwrap());
        clock.advance(chrono::Duration::minutes(10));
        assert!(!limiter.is_limited(&["ip:a", "order:1"]).await.unwrap());
    }

    #[test]
    fn stored_keys_are_cut_on_a_character_boundary() {
        let long = "é".repeat(300);
        assert_eq!(stored(&long).chars().count(), KEY_CHARS);
        assert_eq!(stored("ip:1.2.3.4"), "ip:1.2.3.4");
    }
}
