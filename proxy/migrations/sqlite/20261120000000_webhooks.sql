-- Shopify webhooks: every correctly signed delivery is kept raw before it is acknowledged, then
-- applied by a worker. The shop's latest version of each order, fulfillment and fulfillment event
-- is kept beside it, and the orders, shipments and scans the resolver reads are derived from
-- those versions, so the result does not depend on the order the webhooks arrived in.

CREATE TABLE webhook_events (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    provider       TEXT NOT NULL,
    topic          TEXT NOT NULL,
    event_id       TEXT NOT NULL,
    shop_domain    TEXT,
    triggered_at   TEXT,
    received_at    TEXT NOT NULL,
    body           BLOB NOT NULL,
    -- Set in the same transaction that applies the event, so it is applied at most once.
    processed_at   TEXT,
    process_count  INTEGER NOT NULL DEFAULT 0,
    -- Set when the event can never be applied (malformed, invalid order); `error` says why.
    failed_at      TEXT,
    attempts       INTEGER NOT NULL DEFAULT 0,
    error          TEXT,
    UNIQUE (provider, topic, event_id)
);

CREATE INDEX webhook_events_pending ON webhook_events (processed_at, failed_at, id);

-- The newest version of each Shopify resource: `updated_ms` is the payload's updated_at and
-- `triggered_ms` the delivery's X-Shopify-Triggered-At, which breaks ties within one second.
CREATE TABLE shopify_orders (
    id            TEXT PRIMARY KEY NOT NULL,
    updated_ms    INTEGER NOT NULL,
    triggered_ms  INTEGER NOT NULL,
    payload       TEXT NOT NULL
);

CREATE TABLE shopify_fulfillments (
    id            TEXT PRIMARY KEY NOT NULL,
    order_id      TEXT NOT NULL,
    updated_ms    INTEGER NOT NULL,
    triggered_ms  INTEGER NOT NULL,
    payload       TEXT NOT NULL
);

CREATE INDEX shopify_fulfillments_order ON shopify_fulfillments (order_id);

CREATE TABLE shopify_fulfillment_events (
    id              TEXT PRIMARY KEY NOT NULL,
    fulfillment_id  TEXT NOT NULL,
    order_id        TEXT NOT NULL,
    payload         TEXT NOT NULL
);

CREATE INDEX shopify_fulfillment_events_order ON shopify_fulfillment_events (order_id);

-- Which shop resource an order row was derived from (NULL for the demo's own orders).
ALTER TABLE orders ADD COLUMN source_id TEXT;
CREATE UNIQUE INDEX orders_source_id ON orders (source_id);

-- Where a scan came from: 'carrier' (the carrier or an aggregator) or 'shopify' (a fulfillment
-- event, whose status codes are Shopify's), and that source's id for it.
ALTER TABLE tracking_events ADD COLUMN source TEXT NOT NULL DEFAULT 'carrier';
ALTER TABLE tracking_events ADD COLUMN source_id TEXT;
CREATE UNIQUE INDEX tracking_events_source_id ON tracking_events (source, source_id);
