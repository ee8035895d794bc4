-- Orders belong to a shop. A shop's order numbers are unique within it, not across shops: a
-- development store sharing the app sends its own #1234. Orders are keyed by (shop, number) and
-- a Shopify order by (shop, its Shopify id), and parcels and scans by their shop too, so one
-- proxy can later serve several shops without mixing them. Rows from before belong to the shop
-- the proxy is configured for: the proxy assigns them (shop '') when it starts. Foreign keys
-- cascade updates so the shop can be assigned in one statement.

ALTER TABLE orders ADD COLUMN shop TEXT NOT NULL DEFAULT '';
ALTER TABLE shipments ADD COLUMN shop TEXT NOT NULL DEFAULT '';
ALTER TABLE tracking_events ADD COLUMN shop TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ALTER COLUMN shop DROP DEFAULT;
ALTER TABLE shipments ALTER COLUMN shop DROP DEFAULT;
ALTER TABLE tracking_events ALTER COLUMN shop DROP DEFAULT;

ALTER TABLE tracking_events DROP CONSTRAINT tracking_events_tracking_number_fkey;
ALTER TABLE shipments DROP CONSTRAINT shipments_order_number_fkey;
ALTER TABLE shipments DROP CONSTRAINT shipments_pkey;
ALTER TABLE orders DROP CONSTRAINT orders_pkey;

ALTER TABLE orders ADD PRIMARY KEY (shop, number);
ALTER TABLE shipments ADD PRIMARY KEY (shop, tracking_number);
ALTER TABLE shipments ADD FOREIGN KEY (shop, order_number) REFERENCES orders (shop, number)
    ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE tracking_events ADD FOREIGN KEY (shop, tracking_number)
    REFERENCES shipments (shop, tracking_number) ON DELETE CASCADE ON UPDATE CASCADE;

DROP INDEX orders_source_id;
DROP INDEX orders_email;
DROP INDEX orders_customer;
DROP INDEX shipments_order;
DROP INDEX tracking_events_shipment;
DROP INDEX tracking_events_source_id;
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
