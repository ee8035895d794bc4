-- The helpdesk outbox: an internal note for the team about every executed action, written when
-- the action is done and delivered to Zendesk or Gorgias by a background worker, so a helpdesk
-- that is down (or a proxy that crashes) delays a note but never loses it.

CREATE TABLE helpdesk_notes (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    order_number     TEXT NOT NULL,
    -- The shopper's e-mail: how the helpdesk finds (or opens) their ticket.
    email            TEXT NOT NULL,
    body             TEXT NOT NULL,
    -- The ticket the note belongs on when known at enqueue; else the one it was delivered to.
    ticket           TEXT,
    created_at       TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    -- When a worker may next try. Claiming a note moves it ahead by a lease, so no other worker
    -- takes a note in flight, and a note whose worker died is tried again when the lease ends.
    next_attempt_at  TEXT NOT NULL,
    delivered_at     TEXT,
    -- Which helpdesk took the note (zendesk, gorgias, recording).
    helpdesk         TEXT,
    -- Set when the note is given up on: refused for good, or too many attempts.
    failed_at        TEXT,
    last_error       TEXT
);

CREATE INDEX helpdesk_notes_due ON helpdesk_notes (delivered_at, failed_at, next_attempt_at);
CREATE INDEX helpdesk_notes_order ON helpdesk_notes (order_number, id);
