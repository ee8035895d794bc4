-- Privacy: Shopify's orders/delete and its mandatory compliance webhooks (customers/redact,
-- customers/data_request, shop/redact).
--
-- An order deleted or redacted in the shop leaves a tombstone, so a late or re-applied webhook
-- about it never brings it back.
CREATE TABLE shopify_deleted_orders (
    shop        TEXT NOT NULL,
    id          TEXT NOT NULL,
    deleted_at  TEXT NOT NULL,
    PRIMARY KEY (shop, id)
);

-- What the proxy held about a customer when the shop asked (customers/data_request), for the
-- merchant to hand over: `wismo privacy export`.
CREATE TABLE data_requests (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    shop            TEXT NOT NULL,
    request_id      TEXT NOT NULL,
    customer_email  TEXT,
    created_at      TEXT NOT NULL,
    export          TEXT NOT NULL,
    UNIQUE (shop, request_id)
);

-- When a stored delivery's raw body was blanked (a redaction, or past the retention).
ALTER TABLE webhook_events ADD COLUMN redacted_at TEXT;
CREATE INDEX webhook_events_received ON webhook_events (received_at);
