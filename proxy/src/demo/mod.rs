//! The demo: a simulated shop ("Northwind Supply Co.") on a frozen Thursday afternoon, seeded
//! through the same storage the real shop data goes through, so the demo exercises real parts.

mod build;
mod orders;

use crate::db;
use crate::db::Db;
use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use wismo::{Policy, PolicyData};

/// The demo's "now": Thursday 2026-11-19, 10:00 in New York.
pub fn now() -> DateTime<Utc> {
    "2026-11-19T15:00:00Z".parse().expect("a valid instant")
}

fn product(title: &str, handle: &str, price: &str) -> wismo::Product {
    wismo::Product {
        title: title.to_owned(),
        url: format!("/?product={handle}"),
        price: Some(price.to_owned()),
    }
}

/// The demo brand's written policy.
pub fn policy() -> Policy {
    let holiday = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("a valid date");
    Policy::new(PolicyData {
        brand_name: "Northwind Supply Co.".to_owned(),
        timezone: "America/New_York".to_owned(),
        processing_days: 2,
        cutoff_hour: 14,
        holidays: vec![holiday(11, 26), holiday(12, 25)],
        // The tracking page shows these when all is well, and the code when it is not.
        upsell: vec![
            product("Merino Wool Socks", "merino-wool-socks", "$18.00"),
            product("Waxed Canvas Tote", "waxed-canvas-tote", "$42.00"),
            product("Trail Water Bottle", "trail-water-bottle", "$24.00"),
        ],
        goodwill_code: Some("SORRY15".to_owned()),
        ..PolicyData::default()
    })
    .expect("the demo policy is valid")
}

/// The demo's tracking-link key. Public on purpose: it signs links only `wismo demo` accepts
/// (`wismo tracking-link --demo`), never a configured shop's.
pub const TRACKING_LINK_SECRET: &[u8; 32] = b"wismo-demo-tracking-links-public";

/// The key the demo's app proxy stand-in signs with, public for the same reason.
pub const APP_PROXY_SECRET: &[u8; 32] = b"wismo-demo-app-proxy-stand-in-ok";

/// The key the demo's stand-in for Zendesk signs the agent sidebar's JWTs with, public too.
pub const ZENDESK_JWT_SECRET: &[u8; 32] = b"wismo-demo-zendesk-jwt-stand-in!";

/// The demo's admin token for the outcomes dashboard, public too (`/demo/admin` signs in).
pub const ADMIN_TOKEN: &str = "wismo-demo-admin-token-public";

/// The Zendesk app's JWTs as the demo checks them.
pub fn zendesk() -> crate::auth::ZendeskJwt {
    crate::auth::ZendeskJwt::new(ZENDESK_JWT_SECRET, None, None, 60)
        .expect("the demo key is long enough")
}

/// A five-minute agent token as Zendesk would sign it for the sidebar's requests.
pub fn zendesk_token(now: DateTime<Utc>) -> String {
    let claims = serde_json::json!({"exp": now.timestamp() + 300, "sub": "demo-agent"});
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(ZENDESK_JWT_SECRET),
    )
    .expect("HS256 signs any claims")
}

/// Tracking links as the demo mints and checks them.
pub fn tracking_links() -> crate::auth::TrackingLinks {
    crate::auth::TrackingLinks::new(TRACKING_LINK_SECRET, crate::auth::DEFAULT_LINK_DAYS)
        .expect("the demo key is long enough")
}

/// The app proxy as the demo's stand-in signs for it.
pub fn app_proxy() -> crate::auth::AppProxy {
    crate::auth::AppProxy::new(
        crate::auth::SharedSecret::new(APP_PROXY_SECRET, 32).expect("the demo key is long enough"),
        crate::auth::DEFAULT_MAX_AGE_SECONDS,
        None,
    )
}

/// The storefront customer id of the demo's first shopper (Jane, order 1001); the others follow.
pub const DEMO_FIRST_CUSTOMER_ID: usize = 7001;

/// The name the demo shop's orders and conversations are kept under.
pub const SHOP: &str = "demo";

/// Gives an empty database seven weeks of a simulated store's history (`wismo simulate`'s,
/// ending at the demo's "now"), so the outcomes dashboard has something to show: its orders,
/// scans, conversations and outcome events stay; its outbox and watch rows go, so the demo's
/// outbox and monitor show only the demo's own orders. Call it before [`seed_if_empty`].
pub async fn write_history(db: &Db, shop: &str, orders: usize) -> anyhow::Result<()> {
    let opts = crate::simulate::Options {
        orders,
        seed: 2026,
        messages: crate::simulate::Messages::builtin(),
        start: now() - crate::simulate::span(),
    };
    crate::simulate::run_on(db.clone(), &opts, true, shop)
        .await
        .context("simulating the demo's history")?;
    let mut tx = db.begin().await?;
    for table in ["outreach_messages", "outreach_watch"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE shop = $1"))
            .bind(shop)
            .execute(&mut *tx)
            .await
            .with_context(|| format!("clearing the history's {table}"))?;
    }
    tx.commit().await.context("committing the demo's history")?;
    Ok(())
}

/// Fills an empty database with the demo shop; leaves a database with orders alone.
/// Returns whether it seeded.
pub async fn seed_if_empty(db: &Db, shop: &str) -> anyhow::Result<bool> {
    if db::order_count(db).await? > 0 {
        return Ok(false);
    }
    seed(db, shop).await?;
    Ok(true)
}

/// Stores the demo shop's orders and parcels.
pub async fn seed(db: &Db, shop: &str) -> anyhow::Result<()> {
    let mut customers: Vec<wismo::Email> = Vec::new();
    for demo in orders::all().context("building the demo orders")? {
        db::insert_order(db, shop, &demo.order).await?;
        // Storefront customer ids 7001, 7002, … in order of first appearance, so the app proxy
        // has logged-in customers to show.
        let email = &demo.order.customer.email;
        let index = match customers.iter().position(|e| e == email) {
            Some(i) => i,
            None => {
                customers.push(email.clone());
                customers.len() - 1
            }
        };
        let customer_id = (DEMO_FIRST_CUSTOMER_ID + index).to_string();
        db::set_customer_id(db, shop, &demo.order.number, Some(&customer_id)).await?;
        for shipment in &demo.shipments {
            db::insert_shipment(db, shop, &demo.order.number, shipment).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_clock_is_thursday_afternoon_utc() {
        assert_eq!(super::now().to_rfc3339(), "2026-11-19T15:00:00+00:00");
    }
}
