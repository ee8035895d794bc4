//! The carrier's view of a parcel: its tracking number, scans and estimate.

use super::ids::TrackingNumber;
use crate::carrier::{Carrier, DeliveryLocation, ExceptionReason, UnifiedStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One carrier scan, kept raw (for agents and audits) and translated (for shoppers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackingEvent {
    /// When the carrier says it happened.
    pub at: DateTime<Utc>,
    /// The carrier's own code, e.g. UPS `D` or FedEx `DL`; never shown to shoppers.
    #[serde(default)]
    pub code: String,
    /// The carrier's own words; never shown to shoppers.
    #[serde(default)]
    pub description: String,
    /// Facility city as the carrier gives it, e.g. "Memphis, TN".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub status: UnifiedStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<ExceptionReason>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<DeliveryLocation>,
}

impl TrackingEvent {
    /// Builds an event from a raw carrier scan, translating it into the unified vocabulary.
    pub fn from_scan(
        carrier: &Carrier,
        at: DateTime<Utc>,
        code: &str,
        description: &str,
        place: Option<String>,
    ) -> Self {
        let t = crate::carrier::translate(carrier, code, description);
        Self {
            at,
            code: code.to_owned(),
            description: description.to_owned(),
            place,
            status: t.status,
            reason: t.reason,
            location: t.location,
        }
    }
}

/// The fields of a [`Shipment`] before validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShipmentData {
    pub carrier: Carrier,
    pub tracking_number: TrackingNumber,
    /// Scans, oldest first once validated.
    #[serde(default)]
    pub events: Vec<TrackingEvent>,
    /// The carrier's own delivery estimate, if it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_delivery: Option<DateTime<Utc>>,
    /// When we last heard from the carrier about this parcel: the freshness of every fact here.
    pub checked_at: DateTime<Utc>,
    /// International parcels get the longer stall threshold.
    #[serde(default)]
    pub international: bool,
}

/// Why a shipment was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShipmentError {
    /// An event claims to have happened after the carrier was last asked.
    #[error("event at {0} is later than checked_at")]
    EventAfterCheck(DateTime<Utc>),
}

/// A parcel as the carrier sees it. Events are always sorted oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ShipmentData", into = "ShipmentData")]
pub struct Shipment(ShipmentData);

impl Shipment {
    pub fn new(mut data: ShipmentData) -> Result<Self, ShipmentError> {
        data.events.sort_by_key(|e| e.at);
        if let Some(last) = data.events.last() {
            if last.at > data.checked_at {
                return Err(ShipmentError::EventAfterCheck(last.at));
            }
        }
        Ok(Self(data))
    }

    /// The event that says where the parcel stands: the newest that says something (unknown
    /// scans do not move the story on), except that a delivery is not undone by a later scan
    /// (see [`crate::carrier::settled`]).
    pub fn latest(&self) -> Option<&TrackingEvent> {
        crate::carrier::settled(self.0.events.iter().map(|e| e.status)).map(|i| &self.0.events[i])
    }

    /// The newest scan of any kind: proof the carrier still has eyes on the parcel.
    pub fn last_scan(&self) -> Option<&TrackingEvent> {
        self.0.events.last()
    }

    pub fn status(&self) -> UnifiedStatus {
        self.latest()
            .map_or(UnifiedStatus::PreTransit, |e| e.status)
    }
}

impl std::ops::Deref for Shipment {
    type Target = ShipmentData;
    fn deref(&self) -> &ShipmentData {
        &self.0
    }
}

impl TryFrom<ShipmentData> for Shipment {
    type Error = ShipmentError;
    fn try_from(d: ShipmentData) -> Result<Self, Self::Error> {
        Self::new(d)
    }
}

impl From<Shipment> for ShipmentData {
    fn from(s: Shipment) -> Self {
        s.0
    }
}
