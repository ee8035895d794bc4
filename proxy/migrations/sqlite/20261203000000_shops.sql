-- Orders belong to a shop. A shop's order numbers are unique within it, not across shops: a
-- development store sharing the app sends its own #1234. Orders are keyed by (shop, number) and
-- a Shopify order by (shop, its Shopify id), and parcels and scans by their shop too, so one
-- proxy can later serve several shops without mixing them. Rows from before belong to the shop
-- the proxy is configured for: the proxy assigns them (shop '') when it starts.
--
-- SQLite cannot change a primary key in place, so the three tables are built anew and the rows
-- copied; foreign keys cascade updates so the shop can be assigned in one statement.

CREATE TABLE orders_v2 (
    shop         TEXT NOT NULL,
    number       TEXT NOT NULL,
    email        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    data         TEXT NOT NULL,
    source_id    TEXT,
    customer_id  TEXT,
    PRIMARY KEY (shop, number)
);

INSERT INTO orders_v2 (shop, number, email, created_at, data, source_id, customer_id)
    SELECT '', number, email, created_at, data, source_id, customer_id FROM orders;

CREATE TABLE shipments_v2 (
    shop                TEXT NOT NULL,
    tracking_number     TEXT NOT NULL,
    order_number        TEXT NOT NULL,
    carrier             TEXT NOT NULL,
    estimated_delivery  TEXT,
    checked_at          TEXT NOT NULL,
    international       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (shop, tracking_number),
    FOREIGN KEY (shop, order_number) REFERENCES orders_v2 (shop, number)
        ON DELETE CASCADE ON UPDATE CASCADE
);

INSERT INTO shipments_v2 (shop, tracking_number, order_number, carrier, estimated_delivery, checked_at, international)
    SELECT '', tracking_number, order_number, carrier, estimated_delivery, checked_at, international
    FROM shipments;

CREATE TABLE tracking_events_v2 (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    shop             TEXT NOT NULL,
    tracking_number  TEXT NOT NULL,
    at               TEXT NOT NULL,
    code             TEXT NOT NULL,
    description      TEXT NOT NULL,
    place            TEXT,
    status           TEXT NOT NULL,
    source           TEXT NOT NULL DEFAULT 'carrier',
    source_id        TEXT,
    FOREIGN KEY (shop, tracking_number) REFERENCES shipments_v2 (shop, tracking_number)
        ON DELETE CASCADE ON UPDATE CASCADE
);

INSERT INTO tracking_events_v2 (id, shop, tracking_number, at, code, description, place, status, source, source_id)
    SELECT id, '', tracking_number, at, code, description, place, status, source, source_id
    FROM tracking_events;

DROP TABLE tracking_events;
DROP TABLE shipments;
DROP TABLE orders;
ALTER TABLE orders_v2 RENAME TO orders;
ALTER TABLE shipments_v2 RENAME TO shipments;
ALTER TABLE tracking_events_v2 RENAME TO tracking_events;

CREATE UNIQUE INDEX orders_source_id ON orders (shop, source_id);
CREATE INDEX orders_email ON orders (shop, email);
CREATE INDEX orders_customer ON orders (shop, customer_id);
CREATE INDEX shipments_order ON shipments (shop, order_number);
CREATE INDEX tracking_events_shipment ON tracking_events (shop, tracking_number, at);
CREATE UNIQUE INDEX tracking_events_source_id ON tracking_events (shop, source, source_id);

-- The carrier's document about a parcel is the same whichever shop asks; the order it belongs
-- to is one shop's.
ALTER TABLE carrier_tracking ADD COLUMN shop TEXT;
DROP INDEX carrier_tracking_order;
CREATE INDEX carrier_tracking_order ON carrier_tracking (shop, order_number);

-- Shopify's own versions, by the shop that sent them (for shop/redact).
ALTER TABLE shopify_orders ADD COLUMN shop TEXT NOT NULL DEFAULT '';
ALTER TABLE shopify_fulfillments ADD COLUMN shop TEXT NOT NULL DEFAULT '';
ALTER TABLE shopify_fulfillment_events ADD COLUMN shop TEXT NOT NULL DEFAULT '';
