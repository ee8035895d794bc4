-- Outcomes (issue 13): what happened between shoppers and wismo, one row per event (a
-- contact, an answer, a hand-over, a confirmation, a rating, a notice sent, an action), so the
-- merchant's numbers can be computed for any period by the core's outcomes::measure.
-- Delivered scans are read from tracking_events, not copied here.
CREATE TABLE outcome_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    shop         TEXT NOT NULL,
    at           TEXT NOT NULL,
    -- The order the event is about, when one is known.
    order_number TEXT,
    -- The shopper's e-mail address or phone number.
    shopper      TEXT NOT NULL,
    channel      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    -- The event's own fields (intent, situation, reason, score…) as JSON.
    detail       TEXT NOT NULL
);
CREATE INDEX outcome_events_at ON outcome_events (shop, at);
CREATE INDEX outcome_events_order ON outcome_events (shop, order_number, kind, at);
