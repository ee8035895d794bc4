-- Proactive outreach (issue 10): which orders the monitor looks at next, the messages it sends,
-- the messages shoppers send back, and who asked for no more.

-- The shopper's phone in digits only (with the country code when the shop gave one), so an
-- inbound SMS or WhatsApp message finds its orders without an order number.
ALTER TABLE orders ADD COLUMN phone_key TEXT;
CREATE INDEX orders_phone ON orders (shop, phone_key);

-- One row per watched order: when the monitor looks at it next. Any change to the order, its
-- parcels or their scans sets check_at to the epoch ("as soon as possible") and bumps version;
-- a monitor that evaluated an older version leaves the newer mark alone. NULL: nothing can
-- become due without new data. A monitor claims rows by moving check_at ahead by a lease, so
-- several proxies on one database share the work and a proxy that dies loses none of it.
CREATE TABLE outreach_watch (
    shop          TEXT NOT NULL,
    order_number  TEXT NOT NULL,
    check_at      TEXT,
    version       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (shop, order_number),
    FOREIGN KEY (shop, order_number) REFERENCES orders (shop, number)
        ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX outreach_watch_due ON outreach_watch (check_at);

INSERT INTO outreach_watch (shop, order_number, check_at)
    SELECT shop, number, '1970-01-01T00:00:00.000000Z' FROM orders WHERE shop <> '';

-- The outbox: every message to a shopper (a notice, or the answer to their reply), written
-- before it is sent and claimed with a lease like helpdesk_notes, so a proxy that dies mid-send
-- loses nothing; a duplicate is possible only between the provider's acceptance and our record.
CREATE TABLE outreach_messages (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    shop             TEXT NOT NULL,
    order_number     TEXT NOT NULL,
    -- The core's trigger (scan_gap, exception…), or reply / stopped for answers.
    kind             TEXT NOT NULL,
    -- One message per problem per parcel (the core's dedupe key), or per inbound message.
    dedupe_key       TEXT NOT NULL,
    channel          TEXT NOT NULL,
    -- Where it goes: an e-mail address or a phone number.
    recipient        TEXT NOT NULL,
    -- The shopper's e-mail: the key of their conversation.
    email            TEXT NOT NULL,
    lang             TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    -- The numbered replies offered, as JSON.
    replies          TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    sent_at          TEXT,
    -- Which sender took it and its id there (Twilio's SM…, WhatsApp's wamid…, a Message-ID).
    provider         TEXT,
    provider_id      TEXT,
    failed_at        TEXT,
    last_error       TEXT
);
CREATE UNIQUE INDEX outreach_messages_key ON outreach_messages (shop, order_number, dedupe_key);
CREATE INDEX outreach_messages_due ON outreach_messages (sent_at, failed_at, next_attempt_at);
CREATE INDEX outreach_messages_recipient ON outreach_messages (shop, channel, recipient, id);

-- Inbound messages by their provider's id, so a webhook delivered twice is answered once.
CREATE TABLE outreach_inbound (
    channel      TEXT NOT NULL,
    provider_id  TEXT NOT NULL,
    shop         TEXT NOT NULL,
    sender       TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    PRIMARY KEY (channel, provider_id)
);

-- Channels a shopper said STOP or unsubscribe on, by address (phone digits or e-mail).
CREATE TABLE outreach_optouts (
    shop     TEXT NOT NULL,
    channel  TEXT NOT NULL,
    address  TEXT NOT NULL,
    at       TEXT NOT NULL,
    PRIMARY KEY (shop, channel, address)
);
