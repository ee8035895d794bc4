//! EasyPost trackers: `POST /v2/trackers` registers a parcel (EasyPost returns the existing
//! tracker for a code it already tracks) and `GET /v2/trackers/{id}` reads it again; HTTP basic
//! auth with the API key as the user name. The answer is the Tracker object, read by the core's
//! EasyPost parser.

use super::{loose_time, read_document, Parcel, RawDocument, Tracked, TrackingSource};
use crate::outbound;
use anyhow::Context;
use async_trait::async_trait;
use serde_json::{json, Value};
use std::fmt;
use wismo::carrier::parse::Format;
use wismo::carrier::Carrier;

/// The production API.
pub const BASE_URL: &str = "https://api.easypost.com/v2";

/// An EasyPost account. The key never appears in `Debug` output or errors.
#[derive(Clone)]
pub struct EasyPost {
    http: reqwest::Client,
    base: String,
    api_key: String,
}

impl fmt::Debug for EasyPost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EasyPost")
            .field("base", &self.base)
            .finish()
    }
}

/// EasyPost's name for a carrier, or `None` to let EasyPost recognise it from the number.
fn carrier_name(c: &Carrier) -> Option<&'static str> {
    Some(match c {
        Carrier::Ups => "UPS",
        Carrier::Usps => "USPS",
        Carrier::Fedex => "FedEx",
        Carrier::Dhl => "DHLExpress",
        Carrier::CanadaPost => "CanadaPost",
        Carrier::RoyalMail => "RoyalMail",
        Carrier::AustraliaPost => "AustraliaPost",
        Carrier::Dpd => "DPD",
        _ => return None,
    })
}

impl EasyPost {
    /// A client for the API at `base` (normally [`BASE_URL`]).
    pub fn new(http: reqwest::Client, base: &str, api_key: &str) -> Self {
        Self {
            http,
            base: base.trim_end_matches('/').to_owned(),
            api_key: api_key.to_owned(),
        }
    }

    async fn tracker(&self, req: reqwest::RequestBuilder) -> anyhow::Result<Option<Tracked>> {
        let res = req
            .basic_auth(&self.api_key, Some(""))
            .send()
            .await
            .context("calling EasyPost")?;
        if res.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        let doc = outbound::json("EasyPost", res).await?;
        from_tracker(&doc).map(Some)
    }
}

/// Reads a Tracker object (from an API answer or a webhook's `result`).
pub fn from_tracker(doc: &Value) -> anyhow::Result<Tracked> {
    let text = |k: &str| doc.get(k).and_then(Value::as_str).map(str::to_owned);
    let raw = RawDocument {
        provider: "easypost",
        format: Format::Easypost,
        body: doc.to_string(),
        provider_id: text("id"),
        updated_at: text("updated_at").as_deref().and_then(loose_time),
    };
    // A local calendar date, whatever its time part says.
    let estimate = text("est_delivery_date")
        .as_deref()
        .and_then(super::calendar_date);
    read_document(raw, estimate)
}

#[async_trait]
impl TrackingSource for EasyPost {
    async fn register(&self, parcel: &Parcel) -> anyhow::Result<Option<Tracked>> {
        let mut tracker = json!({ "tracking_code": parcel.tracking_number.as_str() });
        if let Some(name) = carrier_name(&parcel.carrier) {
            tracker["carrier"] = json!(name);
        }
        let req = self
            .http
            .post(outbound::url(&self.base, &["trackers"])?)
            .json(&json!({ "tracker": tracker }));
        self.tracker(req).await
    }

    async fn fetch(&self, parcel: &Parcel) -> anyhow::Result<Option<Tracked>> {
        match &parcel.provider_id {
            Some(id) => {
                let req = self.http.get(outbound::url(&self.base, &["trackers", id])?);
                self.tracker(req).await
            }
            // Creating is how EasyPost looks a code up: it answers with the tracker it has.
            None => self.register(parcel).await,
        }
    }
}
