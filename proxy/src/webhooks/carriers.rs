//! EasyPost and AfterShip webhooks applied: the tracker inside the event (EasyPost's `result`,
//! AfterShip's `msg`) becomes the parcel's cached document, unless the cache already holds a newer
//! one, so a late or replayed push never rolls a parcel back.

use super::shopify::{Applied, ApplyError};
use super::WebhookSecret;
use crate::tracking::cache::{self, Entry};
use crate::tracking::{aftership, easypost};
use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::AnyConnection;
use wismo::carrier::Carrier;
use wismo::TrackingNumber;

/// The secrets carrier aggregators sign their webhooks with; a provider without one has its
/// webhooks refused.
#[derive(Debug, Clone, Default)]
pub struct CarrierSecrets {
    /// EasyPost's webhook secret (`X-Hmac-Signature: hmac-sha256-hex=…`).
    pub easypost: Option<WebhookSecret>,
    /// AfterShip's webhook secret (`aftership-hmac-sha256`, base64).
    pub aftership: Option<WebhookSecret>,
}

/// The providers this module applies.
pub const PROVIDERS: &[&str] = &["easypost", "aftership"];

/// Applies one stored delivery inside the caller's transaction; `received` is when it arrived,
/// the moment its data was known to be true.
pub async fn apply(
    conn: &mut AnyConnection,
    provider: &str,
    body: &[u8],
    received: DateTime<Utc>,
) -> Result<Applied, ApplyError> {
    let doc: Value = serde_json::from_slice(body)
        .map_err(|e| ApplyError::Invalid(format!("{provider} payload: {e}")))?;
    let (tracker, number_key, carrier_key) = match provider {
        "easypost" => {
            let result = &doc["result"];
            if result["object"].as_str() != Some("Tracker") {
                return Ok(Applied::Ignored(format!(
                    "easypost event {} is not about a tracker",
                    doc["description"].as_str().unwrap_or("?")
                )));
            }
            (result, "tracking_code", "carrier")
        }
        "aftership" => (&doc["msg"], "tracking_number", "slug"),
        other => return Ok(Applied::Ignored(format!("no handler for provider {other}"))),
    };
    let raw_number = tracker[number_key].as_str().unwrap_or_default();
    let number = TrackingNumber::parse(raw_number).map_err(|e| {
        ApplyError::Invalid(format!("{provider} tracking number {raw_number:?}: {e}"))
    })?;
    let tracked = match provider {
        "easypost" => easypost::from_tracker(tracker),
        _ => aftership::from_tracking(tracker),
    }
    .map_err(|e| ApplyError::Invalid(format!("{e:#}")))?;
    let Some(raw) = &tracked.raw else {
        return Err(ApplyError::Invalid(format!(
            "{provider} tracker without a document"
        )));
    };
    let carrier = Carrier::parse(tracker[carrier_key].as_str().unwrap_or("unknown"));
    let stored = cache::store(
        conn,
        &Entry {
            tracking_number: &number,
            order: None,
            carrier: &carrier,
            raw,
            estimated_delivery: tracked.estimated_delivery,
            checked_at: received,
        },
    )
    .await?;
    Ok(if stored {
        Applied::Applied
    } else {
        Applied::Ignored("the cached document is newer".into())
    })
}
