//! The background worker that delivers queued notes: a pass whenever an action queues one (a
//! `Notify`), and every few seconds for retries that fall due and notes other proxies queued.
//!
//! Retry policy: a transient failure (unreachable, 5xx, 408, 409, 429) is tried again after
//! 30 s, doubling up to an hour between attempts, or after the helpdesk's `Retry-After` when it
//! sends one; after [`MAX_ATTEMPTS`] attempts (about three hours) the note is given up on. A
//! permanent refusal (401, 403, 404, 422…) gives it up at once. A given-up note keeps its
//! `last_error` for an operator to read.

use super::outbox::{self, Claimed, Outcome};
use super::{Helpdesk, NoteError};
use crate::clock::Clock;
use crate::db::Db;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// How many attempts a note gets before it is given up on.
pub const MAX_ATTEMPTS: i64 = 10;
/// The wait after the first failed attempt; it doubles after each one.
const FIRST_RETRY: Duration = Duration::from_secs(30);
/// The longest wait between two attempts of the worker's own choosing.
const MAX_RETRY: Duration = Duration::from_secs(60 * 60);
/// The longest `Retry-After` believed; a longer one is read as this.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(6 * 60 * 60);
/// How long a claimed note is left to its worker: well beyond the HTTP client's limit on the
/// (at most three) requests a delivery makes, so a live worker never loses its note.
pub const LEASE: Duration = Duration::from_secs(5 * 60);
/// How many notes one pass takes.
const BATCH: i64 = 50;
/// How often the worker looks for due notes when nobody wakes it.
const POLL: Duration = Duration::from_secs(5);

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    /// Notes the helpdesk took.
    pub delivered: usize,
    /// Notes that failed this time and will be tried again.
    pub retrying: usize,
    /// Notes given up on.
    pub failed: usize,
}

impl Pass {
    fn attempted(&self) -> usize {
        self.delivered + self.retrying + self.failed
    }
}

/// Runs the worker until the process ends.
pub fn spawn_worker(
    db: Db,
    helpdesk: Arc<dyn Helpdesk>,
    clock: Arc<dyn Clock>,
    wake: Arc<Notify>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match deliver_pending(&db, helpdesk.as_ref(), clock.as_ref()).await {
                // Failed notes are rescheduled, so another pass only picks up newer ones.
                Ok(pass) if pass.attempted() > 0 => continue,
                Ok(_) => {}
                Err(e) => tracing::error!(error = ?e, "helpdesk note pass failed"),
            }
            tokio::select! {
                () = wake.notified() => {},
                () = tokio::time::sleep(POLL) => {},
            }
        }
    })
}

/// Tries every note due now, once; an error means the database failed, not a helpdesk.
pub async fn deliver_pending(
    db: &Db,
    helpdesk: &dyn Helpdesk,
    clock: &dyn Clock,
) -> anyhow::Result<Pass> {
    let lease = chrono::Duration::from_std(LEASE)?;
    let mut pass = Pass::default();
    for id in outbox::due(db, clock.now(), BATCH).await? {
        let Some(claimed) = outbox::claim(db, id, clock.now(), lease).await? else {
            continue;
        };
        deliver(db, helpdesk, clock, &claimed, &mut pass).await?;
    }
    Ok(pass)
}

async fn deliver(
    db: &Db,
    helpdesk: &dyn Helpdesk,
    clock: &dyn Clock,
    claimed: &Claimed,
    pass: &mut Pass,
) -> anyhow::Result<()> {
    let note = &claimed.note;
    let result = helpdesk.internal_note(note).await;
    let now = clock.now();
    let token = (note.id, claimed.attempt);
    let recorded = match &result {
        Ok(done) => {
            tracing::info!(id = note.id, order = %note.order, helpdesk = helpdesk.name(),
                ticket = done.ticket.as_deref().unwrap_or("-"), created = done.created,
                "helpdesk note delivered");
            pass.delivered += 1;
            let outcome = Outcome::Delivered {
                helpdesk: helpdesk.name(),
                ticket: done.ticket.as_deref(),
            };
            outbox::settle(db, token, outcome, now).await?
        }
        Err(NoteError::Transient {
            message,
            retry_after,
        }) if claimed.attempt < MAX_ATTEMPTS => {
            let wait = retry_delay(claimed.attempt, *retry_after);
            tracing::warn!(id = note.id, order = %note.order, attempt = claimed.attempt,
                ?wait, error = %message, "helpdesk note not delivered; will retry");
            pass.retrying += 1;
            let at = now + chrono::Duration::from_std(wait)?;
            outbox::settle(db, token, Outcome::Retry { at, error: message }, now).await?
        }
        Err(e) => {
            let error = match e {
                NoteError::Transient { message, .. } => {
                    format!("gave up after {} attempts: {message}", claimed.attempt)
                }
                NoteError::Permanent(message) => message.clone(),
            };
            tracing::error!(id = note.id, order = %note.order, attempt = claimed.attempt,
                %error, "helpdesk note given up");
            pass.failed += 1;
            outbox::settle(db, token, Outcome::Failed(&error), now).await?
        }
    };
    if !recorded {
        // Only possible when this delivery outlived its lease and another worker took the note.
        tracing::warn!(
            id = note.id,
            "a later claim of this helpdesk note settles it"
        );
    }
    Ok(())
}

/// How long to wait after failed attempt `attempt` (1 for the first).
pub fn retry_delay(attempt: i64, retry_after: Option<Duration>) -> Duration {
    if let Some(asked) = retry_after {
        return asked.clamp(Duration::from_secs(1), MAX_RETRY_AFTER);
    }
    // Past 16 doublings the cap has long been reached.
    let doublings = u32::try_from(attempt.saturating_sub(1).clamp(0, 16)).unwrap_or(16);
    FIRST_RETRY.saturating_mul(1 << doublings).min(MAX_RETRY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_from_thirty_seconds_to_an_hour_unless_the_helpdesk_names_one() {
        let secs = |attempt, asked: Option<u64>| {
            retry_delay(attempt, asked.map(Duration::from_secs)).as_secs()
        };
        for (attempt, asked, expected) in [
            (1, None, 30),
            (2, None, 60),
            (3, None, 120),
            (7, None, 1920),
            (8, None, 3600),
            (9, None, 3600),
            (i64::MAX, None, 3600),
            (0, None, 30),
            (1, Some(120), 120),
            (5, Some(0), 1),
            (1, Some(86_400), 21_600),
        ] {
            assert_eq!(secs(attempt, asked), expected, "{attempt} {asked:?}");
        }
    }
}
