//! From the latest Shopify payloads of one order (the order, its fulfillments and their events)
//! to the core's validated `Order` and `Shipment`s. A pure function of those versions, so it gives
//! the same result whichever order the webhooks came in.

use super::payload;
use wismo::carrier::Carrier;
use wismo::{
    Address, Currency, Customer, Email, Fulfillment, FulfillmentStatus, LineItem, Money, Order,
    OrderData, OrderNumber, Postcode, Shipment, ShipmentData, TrackingEvent, TrackingNumber,
};

/// An order and its parcels as the resolver reads them, each scan with Shopify's event id.
#[derive(Debug)]
pub struct Derived {
    pub order: Order,
    pub shipments: Vec<(Shipment, Vec<String>)>,
    /// What could not be used and was left out (a tracking number nobody can read), for the log.
    pub notes: Vec<String>,
}

/// Digits after the decimal point of a currency (ISO 4217 minor units).
fn exponent(currency: &str) -> u32 {
    match currency {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

/// `"199.5"` in USD is 19950 cents; exact, with no floating point.
pub fn minor_units(price: &str, currency: &str) -> Option<i64> {
    let exp = exponent(currency) as usize;
    let (whole, frac) = price.trim().split_once('.').unwrap_or((price.trim(), ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > exp {
        return None;
    }
    let digits = format!("{whole}{frac:0<exp$}");
    digits.parse().ok()
}

/// The inverse of [`minor_units`]: 19950 cents in USD is `"199.50"`.
pub fn decimal_amount(minor: i64, currency: &str) -> String {
    let exp = exponent(currency);
    if exp == 0 {
        return minor.to_string();
    }
    let unit = 10i64.pow(exp);
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let unit = unit.unsigned_abs();
    format!(
        "{sign}{}.{:0width$}",
        abs / unit,
        abs % unit,
        width = exp as usize
    )
}

fn service(lines: &[payload::ShippingLine]) -> String {
    let text = lines
        .iter()
        .flat_map(|l| [l.title.as_deref(), l.code.as_deref()])
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    service_named(&text)
}

/// The policy's shipping service (`express` or `standard`) for a shipping line's title and code.
pub fn service_named(text: &str) -> String {
    let text = text.to_lowercase();
    let fast = [
        "express",
        "overnight",
        "next day",
        "next-day",
        "2 day",
        "2-day",
        "priority",
    ];
    if fast.iter().any(|w| text.contains(w)) {
        "express".to_owned()
    } else {
        "standard".to_owned()
    }
}

fn order_number(o: &payload::Order) -> Result<OrderNumber, String> {
    let raw = match (o.order_number, &o.name) {
        (Some(n), _) => n.to_string(),
        (None, Some(name)) => name.chars().filter(char::is_ascii_digit).collect(),
        (None, None) => String::new(),
    };
    OrderNumber::parse(&raw).map_err(|e| format!("order {}: {e}", o.id))
}

fn address(o: &payload::Order) -> Result<Address, String> {
    let a = o
        .shipping_address
        .as_ref()
        .ok_or_else(|| format!("order {} has no shipping address", o.id))?;
    let zip = a.zip.as_deref().unwrap_or_default();
    let postcode =
        Postcode::parse(zip).map_err(|e| format!("order {}: shipping address: {e}", o.id))?;
    let line1 = [a.address1.as_deref(), a.address2.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    Ok(Address {
        line1,
        city: a.city.clone().unwrap_or_default(),
        region: a
            .province_code
            .clone()
            .or_else(|| a.province.clone())
            .unwrap_or_default(),
        postcode,
        country: a.country_code.clone().unwrap_or_default(),
    })
}

fn customer(o: &payload::Order) -> Result<Customer, String> {
    let c = o.customer.as_ref();
    let email = [
        o.email.as_deref(),
        o.contact_email.as_deref(),
        c.and_then(|c| c.email.as_deref()),
    ]
    .into_iter()
    .flatten()
    .find(|e| !e.trim().is_empty())
    .ok_or_else(|| format!("order {} has no e-mail address", o.id))?;
    let email = Email::parse(email).map_err(|e| format!("order {}: {e}", o.id))?;
    let ship = o.shipping_address.as_ref();
    let first_name = c
        .and_then(|c| c.first_name.clone())
        .or_else(|| ship.and_then(|a| a.first_name.clone()))
        .unwrap_or_default();
    let phone = o
        .phone
        .clone()
        .or_else(|| c.and_then(|c| c.phone.clone()))
        .or_else(|| ship.and_then(|a| a.phone.clone()));
    let locale = o
        .customer_locale
        .as_deref()
        .and_then(|l| l.split(['-', '_']).next())
        .filter(|l| l.len() == 2)
        .unwrap_or("en")
        .to_ascii_lowercase();
    Ok(Customer {
        accepts_sms: false,
        accepts_whatsapp: false,
        // The shop does not tell us the shopper's time zone; the brand's is used.
        timezone: None,
        email,
        first_name,
        phone,
        locale,
    })
}

/// Builds the order and parcels from the latest versions Shopify sent.
pub fn derive(
    o: &payload::Order,
    fulfillments: &[payload::Fulfillment],
    events: &[payload::FulfillmentEvent],
) -> Result<Derived, String> {
    let code = o.currency.as_deref().unwrap_or("USD");
    let currency = Currency::try_from(code.to_owned()).map_err(|e| e.to_string())?;
    let line_items = o
        .line_items
        .iter()
        .map(|li| {
            let minor = minor_units(&li.price, code).ok_or_else(|| {
                format!("line item {}: price {:?} is not an amount", li.id, li.price)
            })?;
            Ok(LineItem {
                id: li.id.clone(),
                title: li.title.clone().unwrap_or_default(),
                quantity: li.quantity,
                price: Money { minor, currency },
                available_from: None,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;

    let mut parcels = Vec::new();
    let mut shipments = Vec::new();
    let mut sorted: Vec<&payload::Fulfillment> =
        fulfillments.iter().filter(|f| f.is_active()).collect();
    sorted.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    let mut untracked = false;
    let mut notes = Vec::new();
    // Only fulfillments that left (`success`) count; a request still open at a 3PL has not.
    let everything_shipped = !line_items.is_empty()
        && line_items.iter().all(|li| {
            let shipped: u32 = sorted
                .iter()
                .filter(|f| f.status.as_deref() == Some("success"))
                .flat_map(|f| &f.line_items)
                .filter(|fl| fl.id == li.id)
                .map(|fl| fl.quantity.unwrap_or(li.quantity))
                .sum();
            shipped >= li.quantity
        });
    for f in sorted {
        // A number that is not a tracking number at all ("N/A", a URL) must not sink the order:
        // the parcel is shown as shipped without tracking, and the note says what was dropped.
        let numbers: Vec<TrackingNumber> = f
            .all_tracking_numbers()
            .iter()
            .filter_map(|raw| {
                TrackingNumber::parse(raw)
                    .map_err(|e| notes.push(format!("fulfillment {}: {raw:?}: {e}", f.id)))
                    .ok()
            })
            .fold(Vec::new(), |mut out, t| {
                if !out.contains(&t) {
                    out.push(t);
                }
                out
            });
        untracked |= numbers.is_empty();
        let carrier = Carrier::parse(f.tracking_company.as_deref().unwrap_or_default());
        let mut mine: Vec<&payload::FulfillmentEvent> =
            events.iter().filter(|e| e.fulfillment_id == f.id).collect();
        mine.sort_by(|a, b| {
            (a.happened_at.unwrap_or(a.created_at), &a.id)
                .cmp(&(b.happened_at.unwrap_or(b.created_at), &b.id))
        });
        for (i, tracking_number) in numbers.iter().enumerate() {
            let id = if numbers.len() == 1 {
                f.id.clone()
            } else {
                format!("{}-{}", f.id, i + 1)
            };
            parcels.push(Fulfillment {
                id,
                created_at: f.created_at,
                carrier: carrier.clone(),
                tracking_number: tracking_number.clone(),
                line_item_ids: f
                    .line_items
                    .iter()
                    .map(|li| li.id.clone())
                    .filter(|id| line_items.iter().any(|li| &li.id == id))
                    .collect(),
            });
            let scans = mine
                .iter()
                .map(|e| {
                    let place = [e.city.as_deref(), e.province.as_deref()]
                        .into_iter()
                        .flatten()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(", ");
                    TrackingEvent::from_scan(
                        &Carrier::Shopify,
                        e.happened_at.unwrap_or(e.created_at),
                        &e.status,
                        e.message.as_deref().unwrap_or_default(),
                        (!place.is_empty()).then_some(place),
                    )
                })
                .collect();
            let checked_at = mine
                .iter()
                .flat_map(|e| [Some(e.created_at), e.happened_at])
                .flatten()
                .chain([f.updated_at])
                .max()
                .unwrap_or(f.updated_at);
            let estimated_delivery = mine.iter().rev().find_map(|e| e.estimated_delivery_at);
            let shipment = Shipment::new(ShipmentData {
                carrier: carrier.clone(),
                tracking_number: tracking_number.clone(),
                events: scans,
                estimated_delivery,
                checked_at,
                international: false,
            })
            .map_err(|e| format!("fulfillment {}: {e}", f.id))?;
            shipments.push((shipment, mine.iter().map(|e| e.id.clone()).collect()));
        }
    }

    let stated = match o.fulfillment_status.as_deref() {
        Some("fulfilled") => FulfillmentStatus::Fulfilled,
        Some("partial") => FulfillmentStatus::PartiallyFulfilled,
        _ => FulfillmentStatus::Unfulfilled,
    };
    // The order's own status can lag behind, or stay `partial`, when the fulfillments already
    // cover every item: then it is fulfilled, whatever the order still says.
    let stated = if everything_shipped && !parcels.is_empty() {
        FulfillmentStatus::Fulfilled
    } else {
        stated
    };
    // The order's own status can lag behind a fulfillment webhook, or name parcels without
    // tracking (local delivery); either way the warehouse has it, which is what matters here.
    let fulfillment_status = match (stated, parcels.is_empty()) {
        (FulfillmentStatus::Unfulfilled, false) => FulfillmentStatus::PartiallyFulfilled,
        (FulfillmentStatus::Unfulfilled, true) if untracked => FulfillmentStatus::InProgress,
        (FulfillmentStatus::Fulfilled | FulfillmentStatus::PartiallyFulfilled, true) => {
            FulfillmentStatus::InProgress
        }
        (s, _) => s,
    };
    let order = Order::new(OrderData {
        number: order_number(o)?,
        // What the shopper sees, with the shop's prefix or suffix; kept as the shop wrote it.
        name: o
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned),
        created_at: o.created_at,
        customer: customer(o)?,
        shipping_address: address(o)?,
        line_items,
        fulfillment_status,
        fulfillments: parcels,
        cancelled_at: o.cancelled_at,
        shipping_service: service(&o.shipping_lines),
    })
    .map_err(|e| format!("order {}: {e}", o.id))?;
    Ok(Derived {
        order,
        shipments,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::minor_units;

    #[test]
    fn prices_become_exact_minor_units() {
        assert_eq!(minor_units("199.00", "USD"), Some(19900));
        assert_eq!(minor_units("199.5", "USD"), Some(19950));
        assert_eq!(minor_units("7", "USD"), Some(700));
        assert_eq!(minor_units("1500", "JPY"), Some(1500));
        assert_eq!(minor_units("1.234", "KWD"), Some(1234));
        assert_eq!(minor_units("1.234", "USD"), None);
        assert_eq!(minor_units("-1.00", "USD"), None);
        assert_eq!(minor_units("abc", "USD"), None);
    }

    #[test]
    fn minor_units_become_decimal_amounts_again() {
        use super::decimal_amount;
        assert_eq!(decimal_amount(19950, "USD"), "199.50");
        assert_eq!(decimal_amount(7, "USD"), "0.07");
        assert_eq!(decimal_amount(1500, "JPY"), "1500");
        assert_eq!(decimal_amount(1234, "KWD"), "1.234");
        for (minor, cur) in [(19950, "USD"), (1, "EUR"), (1500, "JPY"), (1234, "KWD")] {
            assert_eq!(minor_units(&decimal_amount(minor, cur), cur), Some(minor));
        }
    }
}
