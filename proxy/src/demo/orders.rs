//! The demo shop's twelve orders, one per situation a shopper can be in (see DEMO.md). Scan codes
//! and their short descriptions are the carriers' own (../shared/data/carriers); times are set
//! against the demo clock, Thursday 2026-11-19 15:00 UTC (10:00 in New York).
//!
//! Longer than the usual file on purpose: it is one table of data, one block per order, and
//! splitting it would only scatter the story each order tells.

use super::build::{DemoOrder, Item, Parcel, Shopper, Spec};
use wismo::carrier::Carrier;
use wismo::FulfillmentStatus::{Fulfilled, Unfulfilled};

const JACKET: Item = ("li-jacket", "Trail Runner Jacket", 1, 12900);
const BEANIE: Item = ("li-beanie", "Merino Wool Beanie", 2, 2800);
const BOOTS: Item = ("li-boots", "Alpine Hiking Boots", 1, 18900);
const DAYPACK: Item = ("li-daypack", "Canvas Daypack", 1, 7400);
const FLEECE: Item = ("li-fleece", "Fleece Half-Zip", 1, 6900);
const GLOVES: Item = ("li-gloves", "Waterproof Trail Gloves", 1, 3900);

fn shopper(
    email: &'static str,
    first_name: &'static str,
    line1: &'static str,
    city: &'static str,
    region: &'static str,
    postcode: &'static str,
) -> Shopper {
    Shopper {
        email,
        first_name,
        line1,
        city,
        region,
        postcode,
        sms: None,
    }
}

/// Every demo order, in order-number order.
pub fn all() -> anyhow::Result<Vec<DemoOrder>> {
    [
        // Placed Wednesday morning, before the cut-off: ships by end of Thursday.
        Spec {
            number: "1001",
            created_at: "2026-11-18T16:30:00Z",
            shopper: shopper(
                "jane@example.com",
                "Jane",
                "12 Orchard Lane",
                "Burlington",
                "VT",
                "05401",
            ),
            items: &[JACKET],
            status: Unfulfilled,
            cancelled_at: None,
            parcels: vec![],
        },
        // Placed Friday morning: should have shipped by Monday.
        Spec {
            number: "1002",
            created_at: "2026-11-13T15:00:00Z",
            shopper: shopper(
                "omar@example.com",
                "Omar",
                "480 Elm Street",
                "Hartford",
                "CT",
                "06103",
            ),
            items: &[BOOTS, GLOVES],
            status: Unfulfilled,
            cancelled_at: None,
            parcels: vec![],
        },
        // Label printed Tuesday, USPS never scanned the parcel in.
        Spec {
            number: "1003",
            created_at: "2026-11-16T14:00:00Z",
            shopper: shopper(
                "priya@example.com",
                "Priya",
                "77 Harbor Road",
                "Portland",
                "ME",
                "04101",
            ),
            items: &[FLEECE],
            status: Fulfilled,
            cancelled_at: None,
            parcels: vec![Parcel {
                carrier: Carrier::Usps,
                tracking_number: "9400111899223197428497",
                fulfilled_at: "2026-11-17T14:05:00Z",
                items: &["li-fleece"],
                checked_at: "2026-11-19T14:30:00Z",
                estimated_delivery: None,
                scans: &[(
                    "2026-11-17T14:05:00Z",
                    "GX",
                    "Shipping Label Created, USPS Awaiting Item",
                    "",
                )],
            }],
        },
        // Moving normally through the UPS network.
        Spec {
            number: "1004",
            created_at: "2026-11-16T13:00:00Z",
            shopper: shopper(
                "marco@example.com",
                "Marco",
                "215 High Street",
                "Columbus",
                "OH",
                "43215",
            )
            .with_sms("(614) 555-0104"),
            items: &[DAYPACK, BEANIE],
            status: Fulfilled,
            cancelled_at: None,
            parcels: vec![Parcel {
                carrier: Carrier::Ups,
                tracking_number: "1Z4W96E80310428511",
                fulfilled_at: "2026-11-17T16:00:00Z",
                items: &["li-daypack", "li-beanie"],
                checked_at: "2026-11-19T14:30:00Z",
                estimated_delivery: Some("2026-11-20T22:00:00Z"),
                scans: &[
                    (
                        "2026-11-17T16:05:00Z",
                        "M/MP",
                        "BILLING INFORMATION RECEIVED",
                        "",
                    ),
                    (
                        "2026-11-17T23:01:00Z",
                        "I/OR",
                        "ORIGIN SCAN",
                        "Secaucus, NJ",
                    ),
                    (
                        "2026-11-18T04:15:00Z",
                        "I/DP",
                        "DEPARTURE SCAN",
                        "Secaucus, NJ",
                    ),
                    (
                        "2026-11-18T21:57:00Z",
                        "I/AR",
                        "ARRIVAL SCAN",
                        "Harrisburg, PA",
                    ),
                    (
                        "2026-11-19T06:38:00Z",
                        "I/DP",
                        "DEPARTURE SCAN",
                        "Harrisburg, PA",
                    ),
                    (
                        "2026-11-19T11:40:00Z",
                        "I/AR",
                        "ARRIVAL SCAN",
                        "Columbus, OH",
                    ),
                ],
            }],
        },
        // On the USPS carrier's truck this morning.
        Spec {
            number: "1005",
            created_at: "2026-11-13T20:00:00Z",
            shopper: shopper(
                "sofia@example.com",
                "Sofia",
                "9 Liberty Avenue",
                "Pittsburgh",
                "PA",
                "15222",
            ),
            items: &[GLOVES],
            status: Fulfilled,
            cancelled_at: None,
            parcels: vec![Parcel {
                carrier: Carrier::Usps,
                tracking_number: "9405511899223648172033",
                fulfilled_at: "2026-11-16T15:00:00Z",
                items: &["li-gloves"],
                checked_at: "2026-11-19T14:30:00Z",
                estimated_delivery: Some("2026-11-19T23:00:00Z"),
                scans: &[
                    (
                        "2026-11-16T15:00:00Z",
                        "MA",
                        "Electronic Shipping Info Received",
                        "",
                    ),
                    (
                        "2026-11-16T22:10:00Z",
                        "03",
                        "USPS in possession of item",
                        "Edison, NJ",
                    ),
                    (
                        "2026-11-17T03:20:00Z",
                        "10",
                        "Arrived at USPS Regional Origin Facility",
                        "Kearny, NJ",
                    ),
                    (
                        "2026-11-17T09:00:00Z",
                        "T1",
                        "Departed USPS Regional Facility",
                        "Kearny, NJ",
                    ),
                    (
                        "2026-11-18T14:00:00Z",
                        "A1",
                        "Arrived at USPS Regional Facility",
                        "Pittsburgh, PA",
                    ),
                    (
                        "2026-11-19T09:45:00Z",
                        "07",
                        "Arrived at Post Office",
                        "Pittsburgh, PA",
                    ),
                    (
                        "2026-11-19T12:10:00Z",
                        "OF",
                        "Out for Delivery",
                        "Pittsburgh, PA",
                    ),
                ],
            }],
        },
        // Delivered Tuesday; FedEx says where the driver left it.
        Spec {
            number: "1006",
            created_at: "2026-11-12T18:00:00Z",
            shopper: shopper(
                "liam@example.com",
                "Liam",
                "1400 W Fulton Street",
                "Chicago",
                "IL",
                "60607",
            ),
            items: &[BOOTS],
            status: Fulfilled,
            cancelled_at: None,
            parcels: vec![Parcel {
                carrier: Carrier::Fedex,
                tracking_number: "772615043309",
                fulfilled_at: "2026-11-13T16:00:00Z",
                items: &["li-boots"],
                checked_at: "2026-11-19T14:30:00Z",
                estimated_delivery: None,
                scans: &[
                    (
                        "2026-11-13T16:00:00Z",
                        "OC",
                        "Shipment information sent to FedEx",
                        "",
                    ),
                    ("2026-11-13T22:00:00Z", "PU", "Picked up", "Newark, NJ"),
                    (
                        "2026-11-14T03:00:00Z",
                        "DP",
                        "Left FedEx origin facility",
                        "Newark, NJ",
                    ),
                    (
                        "2026-11-15T08:00:00Z",
                        "AR",
                        "Arrived at FedEx hub",
                        "Memphis, TN",
                    ),
                    (
                        "2026-11-16T20:00:00Z",
                        "AF",
                        "At local FedEx facility",
                        "Chicago, IL",
                    ),
                    (
                        "2026-11-17T13:30:00Z",
                        "OD",
                        "On FedEx vehicle for delivery",
                        "Chicago, IL",
                    ),
                    (
                        "2026-11-17T19:42:00Z",
                        "DL",
                        "Left at front door. Signature Service not requested.",
                        "Chicago, IL",
                    ),
                ],
            }],
        },
        // Delivered yesterday, with no word on where.
        Spec {
            number: "1007",
            created_at: "2026-11-12T15:00:00Z",
            shopper: shopper(
                "amara@example.com",
                "Amara",
                "38 Bay Street",
                "Baltimore",
                "MD",
                "21202",
            ),
            items: &[BEANIE],
            status: Fulfilled,
            cancelled_at: None,
            parcels: vec![Parcel {
                carrier: Carrier::Usps,
                tracking_number: "9400111899223851726310",
                fulfilled_at: "2026-11-13T17:00:00Z",
                items: &["li-beanie"],
                checked_at: "2026-11-19T14:30:00Z",
                estimated_delivery: None,
                scans: &[
                    ("2026-11-13T21:30:00Z", "03", "Acceptance", "Edison, NJ"),
                    (
                        "2026-11-14T04:00:00Z",
                        "10",
                        "Processed at USPS Origin Sort Facility",
                        "Kearny, NJ",
                    ),
                    (
                        "2026-11-15T06:00:00Z",
                        "EF",
                        "Depart USPS Sort Facility",
                        "Kearny, NJ",
                    ),
                    (
                        "2026-11-17T10:00:00Z",
                        "07",
                        "Arrival at Post Office",
                        "Baltimore, MD",
                    ),
                    (
                        "2026-11-18T12:30:00Z",
                        "OF",
                        "Out for Delivery",
                        "Baltimore, MD",
                    ),
                    ("2026-11-18T17:20:00Z", "01", "Delivered", "Baltimore, MD"),
                ],
            }],
        },
        // Held up by a storm on the way to Denver.
        Spec {
            number: "1008",
            created_at: "2026-11-14T16:00:00Z",
            shopper: shopper(
                "noah@example.com",
                "Noah",
                "1550 Larimer Street",
                "Denver",
                "CO",
                "80202",
            ),
            items: &[JACKET, FLEECE],
            status: Fulfilled,
            cancelled_at: None,
            parcels: vec![Parcel {
                carrier: Carrier::Ups,
                tracking_number: "1Z4W96E80310428771",
                fulfilled_at: "2026-11-16T18:00:00Z",
                items: &["li-jacket", "li-fleece"],
                checked_at: "2026-11-19T14:30:00Z",
                estimated_delivery: None,
                scans: &[
                    (
                        "2026-11-16T18:05:00Z",
                        "M/MP",
                        "BILLING INFORMATION RECEIVED",
                        "",
                    ),
                    (
                        "2026-11-16T23:40:00Z",
                        "I/OR",
                        "ORIGIN SCAN",
                        "Secaucus, NJ",
                    ),
                    (
                        "2026-11-17T05:10:00Z",
                        "I/DP",
                        "DEPARTURE SCAN",
                        "Secaucus, NJ",
                    ),
                    (
                        "2026-11-18T09:20:00Z",
                        "I/AR",
                        "ARRIVAL SCAN",
                        "Hodgkins, IL",
                    ),
                    (
                        "2026-11-18T15:45:00Z",
                        "I/DP",
                        "DEPARTURE SCAN",
                        "Hodgkins, IL",
                    ),
                    (
                        "2026-11-19T07:00:00Z",
                        "X",
                        "SEVERE WEATHER CONDITIONS HAVE DELAYED DELIVERY.",
                        "Commerce City, CO",
                    ),
                ],
            }],
        },
        // Last seen at the Memphis hub five days ago.
        Spec {
            number: "1009",
            created_at: "2026-11-10T17:00:00Z",
            shopper: shopper(
                "chloe@example.com",
                "Chloe",
                "620 Congress Avenue",
                "Austin",
                "TX",
                "78701",
            ),
            items: &[DAYPACK],
            status: Fulfilled,
            cancelled_at: None,
            parcels: vec![Parcel {
                carrier: Carrier::Fedex,
                tracking_number: "394851207715",
                fulfilled_at: "2026-11-12T15:00:00Z",
                items: &["li-daypack"],
                checked_at: "2026-11-19T14:00:00Z",
                estimated_delivery: None,
                scans: &[
                    (
                        "2026-11-12T15:00:00Z",
                        "OC",
                        "Shipment information sent to FedEx",
                        "",
                    ),
                    ("2026-11-12T22:30:00Z", "PU", "Picked up", "Newark, NJ"),
                    (
                        "2026-11-13T04:00:00Z",
                        "DP",
                        "Left FedEx origin facility",
                        "Newark, NJ",
                    ),
                    (
                        "2026-11-14T10:00:00Z",
                        "AR",
                        "Arrived at FedEx hub",
                        "Memphis, TN",
                    ),
                ],
            }],
        },
        // The address was incomplete; USPS is sending it back.
        Spec {
            number: "1010",
            created_at: "2026-11-06T15:00:00Z",
            shopper: shopper(
                "diego@example.com",
                "Diego",
                "3 Ocean Drive",
                "Miami Beach",
                "FL",
                "33139",
            ),
            items: &[GLOVES, BEANIE],
            status: Fulfilled,
            cancelled_at: None,
            parcels: vec![Parcel {
                carrier: Carrier::Usps,
                tracking_number: "9400111899223409158761",
                fulfilled_at: "2026-11-09T15:00:00Z",
                items: &["li-gloves", "li-beanie"],
                checked_at: "2026-11-19T14:30:00Z",
                estimated_delivery: None,
                scans: &[
                    ("2026-11-09T21:00:00Z", "03", "Acceptance", "Edison, NJ"),
                    (
                        "2026-11-10T05:00:00Z",
                        "10",
                        "Processed through USPS Sort Facility",
                        "Kearny, NJ",
                    ),
                    (
                        "2026-11-12T08:00:00Z",
                        "10",
                        "Processed through USPS Sort Facility",
                        "Miami, FL",
                    ),
                    (
                        "2026-11-13T11:00:00Z",
                        "07",
                        "Arrival at Post Office",
                        "Miami Beach, FL",
                    ),
                    (
                        "2026-11-13T16:00:00Z",
                        "22",
                        "Insufficient Address",
                        "Miami Beach, FL",
                    ),
                    (
                        "2026-11-17T16:00:00Z",
                        "09",
                        "Return to Sender",
                        "Miami Beach, FL",
                    ),
                ],
            }],
        },
        // Two parcels: the gloves came by USPS, the boots are still with UPS.
        Spec {
            number: "1011",
            created_at: "2026-11-13T14:00:00Z",
            shopper: shopper(
                "hannah@example.com",
                "Hannah",
                "88 Summit Avenue",
                "St. Paul",
                "MN",
                "55102",
            ),
            items: &[BOOTS, GLOVES],
            status: Fulfilled,
            cancelled_at: None,
            parcels: vec![
                Parcel {
                    carrier: Carrier::Usps,
                    tracking_number: "9400111899223776204580",
                    fulfilled_at: "2026-11-16T14:00:00Z",
                    items: &["li-gloves"],
                    checked_at: "2026-11-19T14:30:00Z",
                    estimated_delivery: None,
                    scans: &[
                        (
                            "2026-11-16T20:00:00Z",
                            "03",
                            "USPS in possession of item",
                            "Edison, NJ",
                        ),
                        (
                            "2026-11-17T02:00:00Z",
                            "10",
                            "Arrived at USPS Regional Origin Facility",
                            "Kearny, NJ",
                        ),
                        (
                            "2026-11-18T09:00:00Z",
                            "07",
                            "Arrived at Post Office",
                            "St. Paul, MN",
                        ),
                        (
                            "2026-11-18T13:00:00Z",
                            "OF",
                            "Out for Delivery",
                            "St. Paul, MN",
                        ),
                        (
                            "2026-11-18T18:30:00Z",
                            "01",
                            "Delivered, In/At Mailbox",
                            "St. Paul, MN",
                        ),
                    ],
                },
                Parcel {
                    carrier: Carrier::Ups,
                    tracking_number: "1Z4W96E80310431196",
                    fulfilled_at: "2026-11-17T15:00:00Z",
                    items: &["li-boots"],
                    checked_at: "2026-11-19T14:30:00Z",
                    estimated_delivery: Some("2026-11-21T22:00:00Z"),
                    scans: &[
                        (
                            "2026-11-17T15:10:00Z",
                            "M/MP",
                            "BILLING INFORMATION RECEIVED",
                            "",
                        ),
                        (
                            "2026-11-17T23:30:00Z",
                            "I/OR",
                            "ORIGIN SCAN",
                            "Secaucus, NJ",
                        ),
                        (
                            "2026-11-18T05:00:00Z",
                            "I/DP",
                            "DEPARTURE SCAN",
                            "Secaucus, NJ",
                        ),
                        (
                            "2026-11-19T08:15:00Z",
                            "I/AR",
                            "ARRIVAL SCAN",
                            "Hodgkins, IL",
                        ),
                    ],
                },
            ],
        },
        // Cancelled by the shopper two hours after ordering.
        Spec {
            number: "1012",
            created_at: "2026-11-17T18:00:00Z",
            shopper: shopper(
                "ethan@example.com",
                "Ethan",
                "250 Pine Street",
                "Seattle",
                "WA",
                "98101",
            ),
            items: &[FLEECE, BEANIE],
            status: Unfulfilled,
            cancelled_at: Some("2026-11-17T20:30:00Z"),
            parcels: vec![],
        },
    ]
    .into_iter()
    .map(Spec::build)
    .collect()
}
