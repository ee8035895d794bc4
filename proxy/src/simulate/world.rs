//! The simulated store's orders and what the carriers will scan, drawn once from the seed so the
//! runs with and without outreach see exactly the same parcels.
//!
//! Each order gets one fate, with these rates (per order; approximations of public figures, see
//! `proxy/SIMULATE.md` for the sources and reasoning):
//!
//! | fate | rate | what happens |
//! |---|---|---|
//! | on time | the rest (about 72%) | label within the processing time, picked up the same day, 3 to 5 days in transit, no scans on Sundays |
//! | late warehouse | 6% | the label comes 4 to 7 business days after the order |
//! | label only | 5% | the label is printed but the carrier picks the parcel up 2 to 4 days later |
//! | slow in transit | 7% | a silent gap of 2 to 4 days between two facility scans |
//! | weather hold | 3% | UPS reports severe weather; 1 to 3 days later than planned |
//! | customs-style hold | 1% | UPS holds the parcel ("a delay", one business day or more) |
//! | delivery attempted | 2% | nobody home; a notice left; delivered the next business day |
//! | address problem | 1% | insufficient address, returned to the sender |
//! | lost | 0.6% | the scans stop after leaving the origin facility |
//! | delivered, not found | 1.5% | delivered ("in/at mailbox"), but the shopper cannot find it |
//! | wrong-address change | 0.9% | delivered on time; the shopper wants to change the address early |

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use wismo::carrier::Carrier;
use wismo::{
    Address, Currency, Customer, Fulfillment, FulfillmentStatus, LineItem, Money, Order, OrderData,
    OrderNumber, Policy, Postcode, Shipment, ShipmentData, TrackingEvent, TrackingNumber,
};

/// What happens to an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    OnTime,
    LateWarehouse,
    LabelOnly,
    SlowTransit,
    Weather,
    Hold,
    Attempted,
    Address,
    Lost,
    NotFound,
    WantsChange,
}

impl Fate {
    fn draw(rng: &mut ChaCha8Rng) -> Self {
        let table: [(f64, Fate); 10] = [
            (0.06, Self::LateWarehouse),
            (0.05, Self::LabelOnly),
            (0.07, Self::SlowTransit),
            (0.03, Self::Weather),
            (0.01, Self::Hold),
            (0.02, Self::Attempted),
            (0.01, Self::Address),
            (0.006, Self::Lost),
            (0.015, Self::NotFound),
            (0.009, Self::WantsChange),
        ];
        let mut u: f64 = rng.random();
        for (p, fate) in table {
            if u < p {
                return fate;
            }
            u -= p;
        }
        Self::OnTime
    }
}

/// One scan to come.
#[derive(Debug, Clone)]
pub struct Scan {
    pub at: DateTime<Utc>,
    pub code: &'static str,
    pub description: &'static str,
    pub place: Option<&'static str>,
}

/// One simulated order: the order as placed, when its label is printed, and its scans.
#[derive(Debug, Clone)]
pub struct SimOrder {
    pub order: Order,
    pub fate: Fate,
    pub carrier: Carrier,
    pub tracking_number: TrackingNumber,
    /// When the label is printed (the order is fulfilled then); `None` never.
    pub label_at: DateTime<Utc>,
    pub eta: DateTime<Utc>,
    pub scans: Vec<Scan>,
    /// The day the shop promised (the end of it, in the brand's time zone).
    pub promised: DateTime<Utc>,
    /// When the parcel was scanned delivered, if ever.
    pub delivered_at: Option<DateTime<Utc>>,
}

impl SimOrder {
    /// The order once its label is printed: fulfilled with one parcel.
    pub fn fulfilled(&self) -> anyhow::Result<Order> {
        let mut data = (*self.order).clone();
        data.fulfillment_status = FulfillmentStatus::Fulfilled;
        data.fulfillments = vec![Fulfillment {
            id: format!("{}-F1", self.order.number),
            created_at: self.label_at,
            carrier: self.carrier.clone(),
            tracking_number: self.tracking_number.clone(),
            line_item_ids: data.line_items.iter().map(|l| l.id.clone()).collect(),
        }];
        Ok(Order::new(data)?)
    }

    /// The parcel as the carrier reports it at `now`.
    pub fn shipment_at(&self, now: DateTime<Utc>) -> anyhow::Result<Shipment> {
        let events = self
            .scans
            .iter()
            .filter(|s| s.at <= now)
            .map(|s| self.event(s))
            .collect();
        Ok(Shipment::new(ShipmentData {
            carrier: self.carrier.clone(),
            tracking_number: self.tracking_number.clone(),
            events,
            estimated_delivery: Some(self.eta),
            checked_at: now,
            international: false,
        })?)
    }

    pub fn event(&self, s: &Scan) -> TrackingEvent {
        TrackingEvent::from_scan(
            &self.carrier,
            s.at,
            s.code,
            s.description,
            s.place.map(str::to_owned),
        )
    }
}

const CITIES: [(&str, &str, &str); 6] = [
    ("Columbus", "OH", "43215"),
    ("Denver", "CO", "80202"),
    ("Portland", "OR", "97205"),
    ("Austin", "TX", "78701"),
    ("Raleigh", "NC", "27601"),
    ("Madison", "WI", "53703"),
];
const FACILITIES: [&str; 4] = [
    "Kearny, NJ",
    "Harrisburg, PA",
    "Columbus, OH",
    "Indianapolis, IN",
];

/// Skips Sundays: carriers scan little then.
fn weekday(mut t: DateTime<Utc>) -> DateTime<Utc> {
    while t.weekday() == Weekday::Sun {
        t += Duration::days(1);
    }
    t
}

fn hours(rng: &mut ChaCha8Rng, lo: f64, hi: f64) -> Duration {
    Duration::seconds((rng.random_range(lo..hi) * 3600.0) as i64)
}

/// The next morning (8 to 10 in the brand's zone, as UTC) on a business day after `t`.
fn next_morning(policy: &Policy, rng: &mut ChaCha8Rng, t: DateTime<Utc>) -> DateTime<Utc> {
    morning(policy, rng, policy.add_business_days(t.date_naive(), 1))
}

/// 8 to 10 in the morning of `day` in the brand's zone, as UTC.
fn morning(policy: &Policy, rng: &mut ChaCha8Rng, day: NaiveDate) -> DateTime<Utc> {
    let local = policy
        .tz()
        .from_local_datetime(&day.and_hms_opt(8, 0, 0).expect("8:00 exists"))
        .earliest()
        .map_or_else(
            || day.and_hms_opt(13, 0, 0).expect("13:00 exists").and_utc(),
            |d| d.with_timezone(&Utc),
        );
    local + hours(rng, 0.0, 2.0)
}

/// Draws order `i` placed at `placed`.
pub fn order(
    i: usize,
    placed: DateTime<Utc>,
    policy: &Policy,
    rng: &mut ChaCha8Rng,
) -> anyhow::Result<SimOrder> {
    let fate = Fate::draw(rng);
    let number = OrderNumber::parse(&format!("{}", 100_000 + i))?;
    let (city, region, postcode) = CITIES[i % CITIES.len()];
    let phone = rng
        .random_bool(0.4)
        .then(|| format!("+1614555{:04}", i % 10_000));
    let usd = Currency::try_from("USD".to_owned())?;
    let order = Order::new(OrderData {
        number: number.clone(),
        name: None,
        created_at: placed,
        customer: Customer {
            accepts_sms: phone.is_some(),
            accepts_whatsapp: false,
            timezone: None,
            email: wismo::Email::parse(&format!("shopper{i}@example.com"))?,
            first_name: "Sam".to_owned(),
            phone,
            locale: "en".to_owned(),
        },
        shipping_address: Address {
            line1: format!("{} Main Street", 10 + i % 900),
            city: city.to_owned(),
            region: region.to_owned(),
            postcode: Postcode::parse(postcode)?,
            country: "US".to_owned(),
        },
        line_items: vec![LineItem {
            id: "li-1".to_owned(),
            title: "Trail Runner Jacket".to_owned(),
            quantity: 1,
            price: Money {
                minor: 4_000 + (i as i64 % 12) * 1_000,
                currency: usd,
            },
            available_from: None,
        }],
        fulfillment_status: FulfillmentStatus::Unfulfilled,
        fulfillments: Vec::new(),
        cancelled_at: None,
        shipping_service: "standard".to_owned(),
    })?;

    let ship_by = policy.ship_by(placed);
    let promised =
        policy.end_of_local_day(policy.add_business_days(ship_by, policy.transit("standard").max));
    // The label: within the processing time, or late.
    let label_day: NaiveDate = match fate {
        Fate::LateWarehouse => {
            policy.add_business_days(placed.date_naive(), rng.random_range(4..=7))
        }
        _ => policy.add_business_days(placed.date_naive(), rng.random_range(0..=1)),
    };
    let label_at = (morning(policy, rng, label_day) + hours(rng, 0.0, 6.0))
        .max(placed + Duration::hours(2) + hours(rng, 0.0, 4.0));

    let ups = matches!(fate, Fate::Weather | Fate::Hold);
    let (carrier, tracking) = if ups {
        (Carrier::Ups, format!("1ZSIM{:013}", i))
    } else {
        (Carrier::Usps, format!("9400{:018}", 11_000_000 + i))
    };
    let mut scans = Vec::new();
    let mut t = label_at;
    let push = |scans: &mut Vec<Scan>, at: DateTime<Utc>, code, description, place| {
        scans.push(Scan {
            at,
            code,
            description,
            place,
        });
    };
    let origin = Some(FACILITIES[i % 2]);
    let hub = Some(FACILITIES[2 + i % 2]);
    let local = Some(city_place(city));
    if ups {
        push(&mut scans, t, "M/MP", "BILLING INFORMATION RECEIVED", None);
        t = weekday(t + hours(rng, 4.0, 9.0));
        push(&mut scans, t, "I/OR", "ORIGIN SCAN", origin);
        t = weekday(t + hours(rng, 2.0, 6.0));
        push(&mut scans, t, "I/DP", "DEPARTURE SCAN", origin);
        t = weekday(t + hours(rng, 10.0, 20.0));
        if fate == Fate::Weather {
            push(
                &mut scans,
                t,
                "X",
                "SEVERE WEATHER CONDITIONS HAVE DELAYED DELIVERY.",
                hub,
            );
            t += Duration::days(rng.random_range(1..=3));
        } else {
            push(
                &mut scans,
                t,
                "X/2Y",
                "YOUR PACKAGE ENCOUNTERED A DELAY. WE EXPECT YOUR DELIVERY WILL BE POSTPONED BY ONE BUSINESS DAY.",
                hub,
            );
            t += Duration::days(rng.random_range(1..=2));
        }
        t = weekday(t + hours(rng, 2.0, 10.0));
        push(&mut scans, t, "I/AR", "ARRIVAL SCAN", hub);
        t = next_morning(policy, rng, t);
        push(&mut scans, t, "I/OF", "OUT FOR DELIVERY", local);
        t += hours(rng, 2.0, 7.0);
        push(&mut scans, t, "D/FS", "DELIVERED", local);
    } else {
        push(
            &mut scans,
            t,
            "GX",
            "Shipping Label Created, USPS Awaiting Item",
            None,
        );
        t = if fate == Fate::LabelOnly {
            weekday(t + Duration::days(rng.random_range(2..=4)) + hours(rng, 0.0, 8.0))
        } else {
            weekday(t + hours(rng, 3.0, 9.0))
        };
        push(&mut scans, t, "03", "Acceptance", origin);
        t = weekday(t + hours(rng, 3.0, 8.0));
        push(
            &mut scans,
            t,
            "10",
            "Processed at USPS Origin Sort Facility",
            origin,
        );
        t = weekday(t + hours(rng, 2.0, 6.0));
        push(&mut scans, t, "EF", "Depart USPS Sort Facility", origin);
        if fate != Fate::Lost {
            t = weekday(t + hours(rng, 14.0, 30.0));
            if fate == Fate::SlowTransit {
                t = weekday(t + Duration::days(rng.random_range(2..=4)));
            }
            push(
                &mut scans,
                t,
                "A1",
                "Arrived at USPS Regional Facility",
                hub,
            );
            t = weekday(t + hours(rng, 12.0, 28.0));
            push(&mut scans, t, "07", "Arrival at Post Office", local);
            if fate == Fate::Address {
                t = weekday(t + hours(rng, 2.0, 6.0));
                push(&mut scans, t, "22", "Insufficient Address", local);
                t = weekday(t + hours(rng, 20.0, 30.0));
                push(&mut scans, t, "09", "Return to Sender", local);
            } else {
                t = next_morning(policy, rng, t - Duration::hours(12));
                push(&mut scans, t, "OF", "Out for Delivery", local);
                if fate == Fate::Attempted {
                    t += hours(rng, 3.0, 7.0);
                    push(&mut scans, t, "02", "Attempted / Notice Left", local);
                    t = next_morning(policy, rng, t);
                    push(&mut scans, t, "OF", "Out for Delivery", local);
                }
                t += hours(rng, 2.0, 7.0);
                let description = if fate == Fate::NotFound {
                    "Delivered, In/At Mailbox"
                } else {
                    "Delivered"
                };
                push(&mut scans, t, "01", description, local);
            }
        }
    }
    scans.sort_by_key(|s| s.at);
    let delivered_at = scans
        .iter()
        .find(|s| matches!(s.code, "01" | "D/FS"))
        .map(|s| s.at);
    // The carrier's first estimate: the on-time plan, whatever happens later.
    let eta = policy.end_of_local_day(policy.add_business_days(label_at.date_naive(), 3));
    Ok(SimOrder {
        order,
        fate,
        carrier,
        tracking_number: TrackingNumber::parse(&tracking)?,
        label_at,
        eta,
        scans,
        promised,
        delivered_at,
    })
}

fn city_place(city: &str) -> &'static str {
    match city {
        "Columbus" => "Columbus, OH",
        "Denver" => "Denver, CO",
        "Portland" => "Portland, OR",
        "Austin" => "Austin, TX",
        "Raleigh" => "Raleigh, NC",
        _ => "Madison, WI",
    }
}

/// The first instant of the simulation: a Monday morning, so weekends fall where they would.
pub fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 5, 12, 0, 0)
        .single()
        .expect("a valid instant")
}
