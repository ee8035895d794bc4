//! AfterShip trackings (API version 2024-10 and later): `POST /trackings` registers a parcel,
//! `GET /trackings/{id}` (or `GET /trackings?tracking_numbers=…` before we know the id) reads it;
//! the key goes in `as-api-key`. Answers wrap the tracking in `{"meta": …, "data": …}`; the
//! tracking is read by the core's AfterShip parser.

use super::{loose_time, read_document, Parcel, RawDocument, Tracked, TrackingSource};
use crate::outbound;
use anyhow::Context;
use async_trait::async_trait;
use serde_json::{json, Value};
use std::fmt;
use wismo::carrier::parse::Format;
use wismo::carrier::Carrier;

/// The production API, at the version whose shapes this client reads.
pub const BASE_URL: &str = "https://api.aftership.com/tracking/2024-10";

/// AfterShip's `meta.code` for "this tracking exists already".
const ALREADY_EXISTS: i64 = 4003;

/// An AfterShip account. The key never appears in `Debug` output or errors.
#[derive(Clone)]
pub struct AfterShip {
    http: reqwest::Client,
    base: String,
    api_key: String,
}

impl fmt::Debug for AfterShip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AfterShip")
            .field("base", &self.base)
            .finish()
    }
}

/// AfterShip's slug for a carrier, or `None` to let AfterShip detect it.
fn slug(c: &Carrier) -> Option<&'static str> {
    Some(match c {
        Carrier::Ups => "ups",
        Carrier::Usps => "usps",
        Carrier::Fedex => "fedex",
        Carrier::Dhl => "dhl",
        Carrier::CanadaPost => "canada-post",
        Carrier::RoyalMail => "royal-mail",
        Carrier::HermesDe => "hermes-de",
        Carrier::AustraliaPost => "australia-post",
        Carrier::Dpd => "dpd",
        _ => return None,
    })
}

/// The delivery estimate, from whichever of AfterShip's estimate fields is filled in.
fn estimate(t: &Value) -> Option<chrono::DateTime<chrono::Utc>> {
    let at = |path: &[&str]| {
        let mut v = t;
        for p in path {
            v = v.get(p)?;
        }
        v.as_str().and_then(loose_time)
    };
    at(&["courier_estimated_delivery_date", "estimated_delivery_date"])
        .or_else(|| {
            at(&[
                "aftership_estimated_delivery_date",
                "estimated_delivery_date",
            ])
        })
        .or_else(|| at(&["custom_estimated_delivery_date", "estimated_delivery_date"]))
        .or_else(|| at(&["expected_delivery"]))
}

/// Reads a tracking object (from `data`, a list, or a webhook's `msg`).
pub fn from_tracking(t: &Value) -> anyhow::Result<Tracked> {
    let text = |k: &str| t.get(k).and_then(Value::as_str).map(str::to_owned);
    let raw = RawDocument {
        provider: "aftership",
        format: Format::Aftership,
        body: t.to_string(),
        provider_id: text("id"),
        updated_at: text("updated_at").as_deref().and_then(loose_time),
    };
    read_document(raw, estimate(t))
}

impl AfterShip {
    /// A client for the API at `base` (normally [`BASE_URL`]).
    pub fn new(http: reqwest::Client, base: &str, api_key: &str) -> Self {
        Self {
            http,
            base: base.trim_end_matches('/').to_owned(),
            api_key: api_key.to_owned(),
        }
    }

    async fn send(&self, req: reqwest::RequestBuilder) -> anyhow::Result<(u16, Value)> {
        let res = req
            .header("as-api-key", &self.api_key)
            .send()
            .await
            .context("calling AfterShip")?;
        let status = res.status().as_u16();
        let text = res.text().await.context("reading the AfterShip response")?;
        let doc: Value = serde_json::from_str(&text).with_context(|| {
            format!(
                "AfterShip answered {status} with invalid JSON: {}",
                outbound::snippet(&text)
            )
        })?;
        Ok((status, doc))
    }

    async fn find(&self, parcel: &Parcel) -> anyhow::Result<Option<Tracked>> {
        let mut url = outbound::url(&self.base, &["trackings"])?;
        url.query_pairs_mut()
            .append_pair("tracking_numbers", parcel.tracking_number.as_str());
        if let Some(slug) = slug(&parcel.carrier) {
            url.query_pairs_mut().append_pair("slug", slug);
        }
        let (status, doc) = self.send(self.http.get(url)).await?;
        if !(200..300).contains(&status) {
            anyhow::bail!("AfterShip answered {status}: {}", meta_message(&doc));
        }
        let list = doc["data"]["trackings"].as_array();
        list.and_then(|l| l.first()).map(from_tracking).transpose()
    }
}

fn meta_message(doc: &Value) -> String {
    let m = &doc["meta"];
    format!(
        "{} {}",
        m["code"].as_i64().unwrap_or_default(),
        m["message"].as_str().unwrap_or_default()
    )
}

#[async_trait]
impl TrackingSource for AfterShip {
    async fn register(&self, parcel: &Parcel) -> anyhow::Result<Option<Tracked>> {
        let mut body = json!({ "tracking_number": parcel.tracking_number.as_str() });
        if let Some(slug) = slug(&parcel.carrier) {
            body["slug"] = json!(slug);
        }
        let req = self
            .http
            .post(outbound::url(&self.base, &["trackings"])?)
            .json(&body);
        let (status, doc) = self.send(req).await?;
        if (200..300).contains(&status) {
            return from_tracking(&doc["data"]).map(Some);
        }
        if doc["meta"]["code"].as_i64() == Some(ALREADY_EXISTS) {
            return self.find(parcel).await;
        }
        anyhow::bail!("AfterShip answered {status}: {}", meta_message(&doc))
    }

    async fn fetch(&self, parcel: &Parcel) -> anyhow::Result<Option<Tracked>> {
        let Some(id) = &parcel.provider_id else {
            return self.find(parcel).await;
        };
        let url = outbound::url(&self.base, &["trackings", id])?;
        let (status, doc) = self.send(self.http.get(url)).await?;
        match status {
            200..=299 => from_tracking(&doc["data"]).map(Some),
            404 => self.find(parcel).await,
            _ => anyhow::bail!("AfterShip answered {status}: {}", meta_message(&doc)),
        }
    }
}
