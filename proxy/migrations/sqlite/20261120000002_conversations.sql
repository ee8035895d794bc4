-- Conversations per shopper (shop + e-mail), so one started in chat continues by e-mail or SMS:
-- the core's Conversation as JSON with a version for optimistic updates, and the messages.

CREATE TABLE conversations (
    shop        TEXT NOT NULL,
    email       TEXT NOT NULL,
    data        TEXT NOT NULL,
    channel     TEXT NOT NULL,
    version     INTEGER NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (shop, email)
);

CREATE TABLE conversation_messages (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    shop       TEXT NOT NULL,
    email      TEXT NOT NULL,
    channel    TEXT NOT NULL,
    at         TEXT NOT NULL,
    direction  TEXT NOT NULL,
    text       TEXT NOT NULL
);

CREATE INDEX conversation_messages_shopper ON conversation_messages (shop, email, id);
