-- Executing the resolver's proposals: one row per idempotency key (the stored answer is replayed
-- for the same request), and an audit row for every attempt, refused or not.

CREATE TABLE idempotency_keys (
    scope          TEXT NOT NULL,
    key            TEXT NOT NULL,
    request_hash   TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    -- NULL while the first request with this key is still executing.
    status         INTEGER,
    response       TEXT,
    PRIMARY KEY (scope, key)
);

CREATE TABLE audit_log (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    at               TEXT NOT NULL,
    actor            TEXT NOT NULL,
    order_number     TEXT,
    action           TEXT NOT NULL,
    detail           TEXT NOT NULL,
    idempotency_key  TEXT,
    result           TEXT NOT NULL,
    message          TEXT NOT NULL
);

CREATE INDEX audit_log_order ON audit_log (order_number, id);
