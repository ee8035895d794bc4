-- The shop's orders and the carriers' scans, as the proxy stores them.
-- Orders keep their validated JSON whole; the columns beside it are for lookups.

CREATE TABLE orders (
    number      TEXT PRIMARY KEY NOT NULL,
    email       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    data        TEXT NOT NULL
);

CREATE INDEX orders_email ON orders (email);

CREATE TABLE shipments (
    tracking_number     TEXT PRIMARY KEY NOT NULL,
    order_number        TEXT NOT NULL REFERENCES orders (number) ON DELETE CASCADE,
    carrier             TEXT NOT NULL,
    estimated_delivery  TEXT,
    checked_at          TEXT NOT NULL,
    international       INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX shipments_order ON shipments (order_number);

-- Raw scans as the carrier sent them; `status` is the unified status computed when stored,
-- kept for queries (open shipments, exceptions), never trusted over a fresh translation.
CREATE TABLE tracking_events (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    tracking_number  TEXT NOT NULL REFERENCES shipments (tracking_number) ON DELETE CASCADE,
    at               TEXT NOT NULL,
    code             TEXT NOT NULL,
    description      TEXT NOT NULL,
    place            TEXT,
    status           TEXT NOT NULL
);

CREATE INDEX tracking_events_shipment ON tracking_events (tracking_number, at);
