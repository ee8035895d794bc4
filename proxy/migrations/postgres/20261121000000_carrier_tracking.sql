-- The carrier aggregators' (EasyPost, AfterShip) latest document about each parcel, fetched or
-- pushed by webhook: the cache a slow or failing carrier degrades to, with the time it was true.
-- The raw document is kept and parsed again on every read, so an improved parser applies to old
-- rows too. No foreign key to `orders`: a live Shopify shop's orders are not stored here.

CREATE TABLE carrier_tracking (
    tracking_number     TEXT PRIMARY KEY NOT NULL,
    -- The order the parcel belongs to, once known (a webhook may arrive first).
    order_number        TEXT,
    -- The carrier's slug as the core names it (ups, usps, ...).
    carrier             TEXT NOT NULL,
    -- easypost or aftership, and the core's parse::Format of `body`.
    provider            TEXT NOT NULL,
    format              TEXT NOT NULL,
    -- The aggregator's id for its tracker, to fetch it again without creating another.
    provider_id         TEXT,
    body                TEXT NOT NULL,
    estimated_delivery  TEXT,
    -- The aggregator's own updated_at, so an older push never replaces a newer document.
    source_updated_at   TEXT,
    -- When we last heard from the carrier about this parcel: the age shown with its data.
    checked_at          TEXT NOT NULL
);

CREATE INDEX carrier_tracking_order ON carrier_tracking (order_number);
