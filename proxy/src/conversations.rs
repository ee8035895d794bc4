//! Conversations per shopper: the core's `Conversation` kept by shop and e-mail address with the
//! messages exchanged on every channel, so a conversation started in chat continues by e-mail,
//! SMS or WhatsApp. Updates are optimistic: a `put` names the version it read.

use crate::db::time::{from_db, to_db};
use crate::db::Db;
use anyhow::Context;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use wismo::resolve::Conversation;
use wismo::Email;

/// Where a message came from or went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Chat,
    Email,
    Sms,
    Whatsapp,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Chat => "chat",
            Self::Email => "email",
            Self::Sms => "sms",
            Self::Whatsapp => "whatsapp",
        }
    }

    fn parse(s: &str) -> anyhow::Result<Self> {
        Ok(match s {
            "chat" => Self::Chat,
            "email" => Self::Email,
            "sms" => Self::Sms,
            "whatsapp" => Self::Whatsapp,
            other => anyhow::bail!("stored channel {other:?} is unknown"),
        })
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A shopper's conversation as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub conversation: Conversation,
    /// The channel of the latest message.
    pub channel: Channel,
    /// Pass this to `put` to update what was read.
    pub version: i64,
    pub updated_at: DateTime<Utc>,
}

/// Who said a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From the shopper.
    In,
    /// From the assistant (or an agent).
    Out,
}

/// One message in a shopper's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub at: DateTime<Utc>,
    pub channel: Channel,
    pub direction: Direction,
    pub text: String,
}

/// Why a `put` did not store.
#[derive(Debug, thiserror::Error)]
pub enum PutError {
    /// Someone stored a newer version since it was read; read again and redo the turn.
    #[error("the conversation changed since it was read")]
    Conflict,
    #[error(transparent)]
    Storage(#[from] anyhow::Error),
}

/// The conversations of one shop's shoppers.
#[derive(Debug, Clone)]
pub struct ConversationStore {
    db: Db,
    shop: String,
}

impl ConversationStore {
    pub fn new(db: Db, shop: impl Into<String>) -> Self {
        Self {
            db,
            shop: shop.into(),
        }
    }

    /// The shopper's conversation, if they have one.
    pub async fn get(&self, email: &Email) -> anyhow::Result<Option<Stored>> {
        let mut conn = self
            .db
            .pool()
            .acquire()
            .await
            .context("acquiring a connection")?;
        self.get_on(&mut conn, email).await
    }

    /// [`get`](Self::get) on the caller's connection or transaction.
    pub async fn get_on(
        &self,
        conn: &mut sqlx::AnyConnection,
        email: &Email,
    ) -> anyhow::Result<Option<Stored>> {
        let row: Option<(String, String, i64, String)> = sqlx::query_as(
            "SELECT data, channel, version, updated_at FROM conversations WHERE shop = $1 AND email = $2",
        )
        .bind(&self.shop)
        .bind(email.as_str())
        .fetch_optional(&mut *conn)
        .await
        .context("loading a conversation")?;
        row.map(|(data, channel, version, updated_at)| {
            Ok(Stored {
                conversation: serde_json::from_str(&data)
                    .context("stored conversation is not valid")?,
                channel: Channel::parse(&channel)?,
                version,
                updated_at: from_db(&updated_at, "conversation time")?,
            })
        })
        .transpose()
    }

    /// Stores the conversation after a turn with the messages of that turn, all or nothing.
    /// `read_version` is the version `get` returned, or `None` for a first conversation.
    /// Returns the new version.
    pub async fn put(
        &self,
        email: &Email,
        conversation: &Conversation,
        read_version: Option<i64>,
        messages: &[Message],
    ) -> Result<i64, PutError> {
        let mut tx = self.db.begin().await?;
        let version = self
            .put_on(&mut tx, email, conversation, read_version, messages)
            .await?;
        tx.commit().await.context("committing a conversation")?;
        Ok(version)
    }

    /// [`put`](Self::put) inside the caller's transaction, which commits it (or not) with the
    /// rest of its work.
    pub async fn put_on(
        &self,
        tx: &mut sqlx::AnyConnection,
        email: &Email,
        conversation: &Conversation,
        read_version: Option<i64>,
        messages: &[Message],
    ) -> Result<i64, PutError> {
        let data = serde_json::to_string(conversation).context("serialising a conversation")?;
        let (channel, at) = messages
            .last()
            .map(|m| (m.channel, m.at))
            .context("a turn has at least one message")?;
        let version = read_version.map_or(1, |v| v + 1);
        let stored = match read_version {
            None => sqlx::query(
                "INSERT INTO conversations (shop, email, data, channel, version, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (shop, email) DO NOTHING",
            )
            .bind(&self.shop)
            .bind(email.as_str())
            .bind(&data)
            .bind(channel.as_str())
            .bind(version)
            .bind(to_db(at)),
            Some(read) => sqlx::query(
                "UPDATE conversations SET data = $1, channel = $2, version = $3, updated_at = $4
                 WHERE shop = $5 AND email = $6 AND version = $7",
            )
            .bind(&data)
            .bind(channel.as_str())
            .bind(version)
            .bind(to_db(at))
            .bind(&self.shop)
            .bind(email.as_str())
            .bind(read),
        }
        .execute(&mut *tx)
        .await
        .context("storing a conversation")?
        .rows_affected();
        if stored == 0 {
            return Err(PutError::Conflict);
        }
        for m in messages {
            sqlx::query(
                "INSERT INTO conversation_messages (shop, email, channel, at, direction, text)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&self.shop)
            .bind(email.as_str())
            .bind(m.channel.as_str())
            .bind(to_db(m.at))
            .bind(match m.direction {
                Direction::In => "in",
                Direction::Out => "out",
            })
            .bind(&m.text)
            .execute(&mut *tx)
            .await
            .context("storing a message")?;
        }
        Ok(version)
    }

    /// The shopper's messages on every channel, oldest first.
    pub async fn history(&self, email: &Email) -> anyhow::Result<Vec<Message>> {
        let rows: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT at, channel, direction, text FROM conversation_messages
             WHERE shop = $1 AND email = $2 ORDER BY id",
        )
        .bind(&self.shop)
        .bind(email.as_str())
        .fetch_all(self.db.pool())
        .await
        .context("loading messages")?;
        rows.into_iter()
            .map(|(at, channel, direction, text)| {
                Ok(Message {
                    at: from_db(&at, "message time")?,
                    channel: Channel::parse(&channel)?,
                    direction: if direction == "in" {
                        Direction::In
                    } else {
                        Direction::Out
                    },
                    text,
                })
            })
            .collect()
    }
}
