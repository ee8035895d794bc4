-- An idempotency key is held by the request executing it only until `held_until`: a proxy killed
-- mid-action leaves its key held, and once the lease runs out a retry with the same key takes it
-- over (and re-checks the order itself) instead of being told 409 forever. Rows written before
-- this column existed have no lease, so they can be taken over at once.
ALTER TABLE idempotency_keys ADD COLUMN held_until TEXT;

-- Failed verifications per rate-limit key ("ip:…", "order:…", "customer:…") and minute, in the
-- database so every proxy on one PostgreSQL counts the same guesses. Rows older than the window
-- are deleted as new failures arrive.
CREATE TABLE auth_failures (
    key       TEXT NOT NULL,
    minute    BIGINT NOT NULL,
    failures  BIGINT NOT NULL,
    PRIMARY KEY (key, minute)
);

CREATE INDEX auth_failures_minute ON auth_failures (minute);
