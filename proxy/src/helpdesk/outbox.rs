//! The `helpdesk_notes` table: notes waiting for the helpdesk, and what became of each.
//!
//! A worker takes a note by *claiming* it: one UPDATE that counts the attempt and moves
//! `next_attempt_at` ahead by a lease, matching only if the note is still due. Of two workers
//! (two proxies on one PostgreSQL) racing for a note, the second finds it no longer due and
//! leaves it. The attempt number is the claim's token: the outcome is recorded only by the
//! worker that holds the latest claim. A worker that dies mid-delivery leaves the note to be
//! claimed again when its lease ends.

use super::Note;
use crate::db::time::{from_db, to_db};
use crate::db::Db;
use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use wismo::{Email, OrderNumber};

/// Writes a note for the worker; returns its id. `ticket` is the ticket it belongs on, if known.
pub async fn enqueue(
    db: &Db,
    order: &OrderNumber,
    email: &Email,
    body: &str,
    ticket: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO helpdesk_notes (order_number, email, body, ticket, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $5)
         RETURNING id",
    )
    .bind(order.as_str())
    .bind(email.as_str())
    .bind(body)
    .bind(ticket)
    .bind(to_db(now))
    .fetch_one(db.pool())
    .await
    .with_context(|| format!("queueing a helpdesk note for order {order}"))
}

/// The ids of notes due at `now`, oldest first.
pub async fn due(db: &Db, now: DateTime<Utc>, limit: i64) -> anyhow::Result<Vec<i64>> {
    sqlx::query_scalar(
        "SELECT id FROM helpdesk_notes
         WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
         ORDER BY id LIMIT $2",
    )
    .bind(to_db(now))
    .bind(limit)
    .fetch_all(db.pool())
    .await
    .context("listing due helpdesk notes")
}

/// A note taken for one delivery attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub note: Note,
    /// Which attempt this is (1 for the first); also the claim's token.
    pub attempt: i64,
}

#[derive(sqlx::FromRow)]
struct ClaimedRow {
    id: i64,
    order_number: String,
    email: String,
    body: String,
    ticket: Option<String>,
    created_at: String,
    attempts: i64,
}

fn note_of(row: ClaimedRow) -> anyhow::Result<Note> {
    Ok(Note {
        id: row.id,
        order: OrderNumber::parse(&row.order_number)
            .with_context(|| format!("stored order number {:?}", row.order_number))?,
        email: Email::parse(&row.email).context("stored e-mail address is not valid")?,
        body: row.body,
        ticket: row.ticket,
        created_at: from_db(&row.created_at, "created_at")?,
    })
}

/// Claims note `id` if it is still due at `now`, holding it until `now + lease`; `None` when
/// another worker has it, or it is settled, or its row cannot be read (it is then given up on).
pub async fn claim(
    db: &Db,
    id: i64,
    now: DateTime<Utc>,
    lease: Duration,
) -> anyhow::Result<Option<Claimed>> {
    let row: Option<ClaimedRow> = sqlx::query_as(
        "UPDATE helpdesk_notes SET attempts = attempts + 1, next_attempt_at = $1
         WHERE id = $2 AND delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $3
         RETURNING id, order_number, email, body, ticket, created_at, attempts",
    )
    .bind(to_db(now + lease))
    .bind(id)
    .bind(to_db(now))
    .fetch_optional(db.pool())
    .await
    .with_context(|| format!("claiming helpdesk note {id}"))?;
    let Some(row) = row else { return Ok(None) };
    let attempt = row.attempts;
    match note_of(row) {
        Ok(note) => Ok(Some(Claimed { note, attempt })),
        Err(e) => {
            tracing::error!(id, error = ?e, "helpdesk note cannot be read; giving it up");
            let claimed = (id, attempt);
            settle(db, claimed, Outcome::Failed(&format!("{e:#}")), now).await?;
            Ok(None)
        }
    }
}

/// What became of an attempt.
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    /// The helpdesk took the note, on this ticket (if it said) of `helpdesk`.
    Delivered {
        helpdesk: &'a str,
        ticket: Option<&'a str>,
    },
    /// Not this time: try again at `at`.
    Retry { at: DateTime<Utc>, error: &'a str },
    /// Never: keep the note with the reason.
    Failed(&'a str),
}

/// Records the outcome of attempt `attempt` of note `id`, unless a later claim superseded it;
/// returns whether it was recorded.
pub async fn settle(
    db: &Db,
    (id, attempt): (i64, i64),
    outcome: Outcome<'_>,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    // Each outcome is recorded only by the latest claim of a note still open: `attempts` is the
    // claim's token.
    let query = match outcome {
        // COALESCE keeps a ticket known at enqueue when the helpdesk does not name one.
        Outcome::Delivered { helpdesk, ticket } => sqlx::query(
            "UPDATE helpdesk_notes SET delivered_at = $3, helpdesk = $4, ticket = COALESCE($5, ticket)
             WHERE id = $1 AND attempts = $2 AND delivered_at IS NULL AND failed_at IS NULL",
        )
        .bind(id)
        .bind(attempt)
        .bind(to_db(now))
        .bind(helpdesk)
        .bind(ticket),
        Outcome::Retry { at, error } => sqlx::query(
            "UPDATE helpdesk_notes SET next_attempt_at = $3, last_error = $4
             WHERE id = $1 AND attempts = $2 AND delivered_at IS NULL AND failed_at IS NULL",
        )
        .bind(id)
        .bind(attempt)
        .bind(to_db(at))
        .bind(error),
        Outcome::Failed(error) => sqlx::query(
            "UPDATE helpdesk_notes SET failed_at = $3, last_error = $4
             WHERE id = $1 AND attempts = $2 AND delivered_at IS NULL AND failed_at IS NULL",
        )
        .bind(id)
        .bind(attempt)
        .bind(to_db(now))
        .bind(error),
    };
    let done = query
        .execute(db.pool())
        .await
        .with_context(|| format!("recording an attempt at helpdesk note {id}"))?
        .rows_affected();
    Ok(done == 1)
}

/// How one note stands, for operators and tests.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NoteStatus {
    pub id: i64,
    pub order_number: String,
    pub email: String,
    pub body: String,
    pub ticket: Option<String>,
    pub created_at: String,
    pub attempts: i64,
    pub next_attempt_at: String,
    pub delivered_at: Option<String>,
    pub helpdesk: Option<String>,
    pub failed_at: Option<String>,
    pub last_error: Option<String>,
}

/// Every note, oldest first.
pub async fn all(db: &Db) -> anyhow::Result<Vec<NoteStatus>> {
    sqlx::query_as(
        "SELECT id, order_number, email, body, ticket, created_at, attempts, next_attempt_at,
                delivered_at, helpdesk, failed_at, last_error
         FROM helpdesk_notes ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
    .context("listing helpdesk notes")
}

/// How many notes are waiting to be delivered (not delivered, not given up on).
pub async fn pending_count(db: &Db) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM helpdesk_notes WHERE delivered_at IS NULL AND failed_at IS NULL",
    )
    .fetch_one(db.pool())
    .await
    .context("counting pending helpdesk notes")
}
