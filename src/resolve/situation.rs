//! Reconciliation: the shop's view and the carrier's view become one situation with its evidence.

use crate::carrier::{DeliveryLocation, ExceptionReason, UnifiedStatus};
use crate::domain::{Order, Policy, Shipment};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What is true about an order or one of its parcels, and what follows for the shopper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Situation {
    /// Not shipped yet, still within the brand's processing time.
    Processing { ship_by: NaiveDate },
    /// Not shipped and past the processing time: late in the warehouse.
    LateInWarehouse {
        ship_by: NaiveDate,
        business_days_late: u32,
    },
    /// Waiting for stock (pre-order or backorder).
    AwaitingStock { available_from: DateTime<Utc> },
    /// Label printed recently; the carrier will pick it up soon.
    LabelCreated { since: DateTime<Utc> },
    /// Label printed long ago and still no pickup scan: on the warehouse dock.
    AwaitingCarrierPickup { since: DateTime<Utc>, hours: i64 },
    /// Moving; `late` when the estimate's last day has passed.
    InTransit {
        last_scan: DateTime<Utc>,
        place: Option<String>,
        eta: Option<Eta>,
        late: bool,
    },
    /// On the van today.
    OutForDelivery {
        last_scan: DateTime<Utc>,
        place: Option<String>,
    },
    /// The driver could not deliver.
    DeliveryAttempted { at: DateTime<Utc> },
    /// Waiting at a pickup point.
    AvailableForPickup {
        since: DateTime<Utc>,
        place: Option<String>,
    },
    /// Delivered, with where it was left when the carrier says.
    Delivered {
        at: DateTime<Utc>,
        location: Option<DeliveryLocation>,
        place: Option<String>,
    },
    /// The carrier reports a problem.
    Exception {
        at: DateTime<Utc>,
        reason: Option<ExceptionReason>,
    },
    /// No scan for longer than the policy's threshold.
    Stalled {
        last_scan: DateTime<Utc>,
        hours: i64,
    },
    /// On its way back to the shop.
    ReturningToSender { at: DateTime<Utc> },
    /// Declared lost by the carrier.
    Lost { at: DateTime<Utc> },
    /// The order was cancelled.
    Cancelled { at: DateTime<Utc> },
}

impl Situation {
    /// A stable snake_case name for tests, logs and the card.
    /// Every name [`kind`](Self::kind) gives.
    pub const KINDS: [&'static str; 15] = [
        "processing",
        "late_in_warehouse",
        "awaiting_stock",
        "label_created",
        "awaiting_carrier_pickup",
        "in_transit",
        "out_for_delivery",
        "delivery_attempted",
        "available_for_pickup",
        "delivered",
        "exception",
        "stalled",
        "returning_to_sender",
        "lost",
        "cancelled",
    ];

    pub fn kind(&self) -> &'static str {
        match self {
            Self::Processing { .. } => "processing",
            Self::LateInWarehouse { .. } => "late_in_warehouse",
            Self::AwaitingStock { .. } => "awaiting_stock",
            Self::LabelCreated { .. } => "label_created",
            Self::AwaitingCarrierPickup { .. } => "awaiting_carrier_pickup",
            Self::InTransit { .. } => "in_transit",
            Self::OutForDelivery { .. } => "out_for_delivery",
            Self::DeliveryAttempted { .. } => "delivery_attempted",
            Self::AvailableForPickup { .. } => "available_for_pickup",
            Self::Delivered { .. } => "delivered",
            Self::Exception { .. } => "exception",
            Self::Stalled { .. } => "stalled",
            Self::ReturningToSender { .. } => "returning_to_sender",
            Self::Lost { .. } => "lost",
            Self::Cancelled { .. } => "cancelled",
        }
    }

    /// Whether the order is still on its way to the shopper: everything but delivered and
    /// cancelled (a parcel returning to us or lost still needs an answer).
    pub fn is_open(&self) -> bool {
        !matches!(self, Self::Delivered { .. } | Self::Cancelled { .. })
    }

    /// Whether something has gone wrong that the brand should own (no upsell, apologise).
    pub fn is_problem(&self) -> bool {
        matches!(
            self,
            Self::LateInWarehouse { .. }
                | Self::InTransit { late: true, .. }
                | Self::AwaitingCarrierPickup { .. }
                | Self::Exception { .. }
                | Self::Stalled { .. }
                | Self::ReturningToSender { .. }
                | Self::Lost { .. }
                | Self::DeliveryAttempted { .. }
        )
    }

    /// How bad it is, for choosing the headline of a split order: higher is worse.
    pub fn severity(&self) -> u8 {
        match self {
            Self::Lost { .. } => 9,
            Self::ReturningToSender { .. } => 8,
            Self::Exception { .. } => 7,
            Self::Stalled { .. } => 7,
            Self::AwaitingCarrierPickup { .. } | Self::LateInWarehouse { .. } => 6,
            Self::DeliveryAttempted { .. } => 5,
            Self::AvailableForPickup { .. } => 4,
            Self::OutForDelivery { .. } => 3,
            Self::InTransit { .. } | Self::LabelCreated { .. } => 2,
            Self::Processing { .. } | Self::AwaitingStock { .. } => 1,
            Self::Delivered { .. } | Self::Cancelled { .. } => 0,
        }
    }
}

/// When a parcel should arrive, and where the estimate comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Eta {
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
    pub source: EtaSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EtaSource {
    /// The carrier's own estimate.
    Carrier,
    /// The brand's published transit times for the service.
    Policy,
}

/// Where a fact comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Shop,
    Carrier,
    Policy,
}

/// One piece of evidence a situation rests on, with its freshness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub source: Source,
    /// A plain statement for agents and tests, e.g. "label created 2026-11-18 09:00 UTC, no carrier scan since".
    pub statement: String,
    /// When this fact was last known to be true.
    pub as_of: DateTime<Utc>,
}

/// The situation of one order with nothing shipped yet, from the shop's data and the policy.
pub fn unshipped(
    order: &Order,
    policy: &Policy,
    now: DateTime<Utc>,
    facts: &mut Vec<Fact>,
) -> Situation {
    if let Some(at) = order.cancelled_at {
        facts.push(Fact {
            source: Source::Shop,
            statement: format!("order cancelled at {}", at.format("%Y-%m-%d %H:%M UTC")),
            as_of: now,
        });
        return Situation::Cancelled { at };
    }
    facts.push(Fact {
        source: Source::Shop,
        statement: format!(
            "order placed {}, not yet fulfilled",
            order.created_at.format("%Y-%m-%d %H:%M UTC")
        ),
        as_of: now,
    });
    if let Some(available_from) = order
        .line_items
        .iter()
        .filter_map(|li| li.available_from)
        .max()
    {
        if available_from > now {
            facts.push(Fact {
                source: Source::Shop,
                statement: format!(
                    "an item is on pre-order until {}",
                    available_from.format("%Y-%m-%d")
                ),
                as_of: now,
            });
            return Situation::AwaitingStock { available_from };
        }
    }
    let ship_by = policy.ship_by(order.created_at);
    facts.push(Fact {
        source: Source::Policy,
        statement: format!(
            "{} business day(s) processing, cut-off {}:00 {}: ship by {}",
            policy.processing_days, policy.cutoff_hour, policy.timezone, ship_by
        ),
        as_of: now,
    });
    let today = now.with_timezone(&policy.tz()).date_naive();
    if today > ship_by {
        let mut late = 0;
        let mut d = ship_by;
        while d < today {
            d = d.succ_opt().unwrap_or(today);
            if policy.is_business_day(d) {
                late += 1;
            }
        }
        Situation::LateInWarehouse {
            ship_by,
            business_days_late: late.max(1),
        }
    } else {
        Situation::Processing { ship_by }
    }
}

/// The situation of one parcel, from its scans, the policy and the time.
pub fn parcel(
    shipment: &Shipment,
    service: &str,
    policy: &Policy,
    now: DateTime<Utc>,
    facts: &mut Vec<Fact>,
) -> Situation {
    let carrier = shipment.carrier.display_name().to_owned();
    let Some(latest) = shipment.latest() else {
        facts.push(Fact {
            source: Source::Carrier,
            statement: format!("{carrier} has no scans for {}", shipment.tracking_number),
            as_of: shipment.checked_at,
        });
        return Situation::LabelCreated {
            since: shipment.checked_at,
        };
    };
    let last_scan = shipment.last_scan().map_or(latest.at, |e| e.at);
    facts.push(Fact {
        source: Source::Carrier,
        statement: format!(
            "{carrier} {}: latest scan {} at {}",
            shipment.tracking_number,
            latest.status.as_str(),
            latest.at.format("%Y-%m-%d %H:%M UTC")
        ),
        as_of: shipment.checked_at,
    });
    let hours_since = (now - last_scan).num_hours();
    let stall = if shipment.international {
        policy.stall_hours_international
    } else {
        policy.stall_hours
    };
    match latest.status {
        UnifiedStatus::PreTransit | UnifiedStatus::Unknown => {
            let since = shipment.events.first().map_or(latest.at, |e| e.at);
            let hours = (now - since).num_hours();
            if hours >= i64::from(policy.pickup_grace_hours) {
                facts.push(Fact {
                    source: Source::Policy,
                    statement: format!(
                        "no pickup scan within {} hours of the label",
                        policy.pickup_grace_hours
                    ),
                    as_of: now,
                });
                Situation::AwaitingCarrierPickup { since, hours }
            } else {
                Situation::LabelCreated { since }
            }
        }
        UnifiedStatus::InTransit if hours_since >= i64::from(stall) => {
            facts.push(Fact {
                source: Source::Policy,
                statement: format!("no scan for {hours_since} hours (threshold {stall})"),
                as_of: now,
            });
            Situation::Stalled {
                last_scan,
                hours: hours_since,
            }
        }
        UnifiedStatus::InTransit => {
            let today = now.with_timezone(&policy.tz()).date_naive();
            // A window that has partly passed starts today: "between yesterday and Friday" helps nobody.
            let eta = eta(shipment, service, policy).map(|mut e| {
                if e.earliest < today && today <= e.latest {
                    e.earliest = today;
                }
                e
            });
            let late = eta.as_ref().is_some_and(|e| e.latest < today);
            if late {
                facts.push(Fact {
                    source: Source::Policy,
                    statement: "estimated delivery date has passed".to_owned(),
                    as_of: now,
                });
            }
            Situation::InTransit {
                last_scan,
                place: latest.place.clone(),
                eta,
                late,
            }
        }
        UnifiedStatus::OutForDelivery => Situation::OutForDelivery {
            last_scan,
            place: latest.place.clone(),
        },
        UnifiedStatus::DeliveryAttempted => Situation::DeliveryAttempted { at: latest.at },
        UnifiedStatus::AvailableForPickup => Situation::AvailableForPickup {
            since: latest.at,
            place: latest.place.clone(),
        },
        UnifiedStatus::Delivered => Situation::Delivered {
            at: latest.at,
            location: latest.location,
            place: latest.place.clone(),
        },
        UnifiedStatus::Exception => Situation::Exception {
            at: latest.at,
            reason: latest.reason,
        },
        UnifiedStatus::ReturningToSender | UnifiedStatus::Returned => {
            Situation::ReturningToSender { at: latest.at }
        }
        UnifiedStatus::Lost => Situation::Lost { at: latest.at },
        UnifiedStatus::Cancelled => Situation::Cancelled { at: latest.at },
    }
}

/// The carrier's estimate when it gives one, else the first scan plus the service's transit time.
pub fn eta(shipment: &Shipment, service: &str, policy: &Policy) -> Option<Eta> {
    if let Some(est) = shipment.estimated_delivery {
        let d = est.with_timezone(&policy.tz()).date_naive();
        return Some(Eta {
            earliest: d,
            latest: d,
            source: EtaSource::Carrier,
        });
    }
    promised(shipment, service, policy)
}

/// What the shop promised: the service's transit time after the parcel was handed over (its
/// first in-transit scan), whatever the carrier estimates now.
pub fn promised(shipment: &Shipment, service: &str, policy: &Policy) -> Option<Eta> {
    let tz = policy.tz();
    let picked_up = shipment
        .events
        .iter()
        .find(|e| e.status == UnifiedStatus::InTransit)?
        .at
        .with_timezone(&tz)
        .date_naive();
    let t = policy.transit(service);
    Some(Eta {
        earliest: policy.add_business_days(picked_up, t.min),
        latest: policy.add_business_days(picked_up, t.max),
        source: EtaSource::Policy,
    })
}

/// Whether the carrier data is too old to present as current.
pub fn is_stale(shipment: &Shipment, policy: &Policy, now: DateTime<Utc>) -> bool {
    now - shipment.checked_at > Duration::hours(i64::from(policy.stale_after_hours))
}
