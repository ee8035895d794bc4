//! The baseline for the order lookup's speed (issue 12): a bare axum server doing one SQLite
//! point lookup of a 2 KB JSON row per request, with the same crates and database settings as
//! the proxy and nothing else (no session check, no tracing, no middleware). `benches/lookup.sh`
//! runs it beside `wismo demo` and loads both with the same tool in the same run.
//!
//! `cargo run --release -p wismo-proxy --example bare_lookup -- [ADDR]` prints
//! `bare lookup serving at http://ADDR/` and serves `GET /orders/{number}` for 1001 to 2000.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::SqlitePool;
use std::str::FromStr;

async fn order(State(db): State<SqlitePool>, Path(number): Path<String>) -> impl IntoResponse {
    match sqlx::query_scalar::<_, String>("SELECT body FROM orders WHERE number = ?1")
        .bind(number)
        .fetch_optional(&db)
        .await
    {
        Ok(Some(body)) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:0".to_owned());
    let dir = tempfile::tempdir()?;
    let options = SqliteConnectOptions::from_str(&format!(
        "sqlite://{}",
        dir.path().join("bare.sqlite").display()
    ))?
    .create_if_missing(true)
    .journal_mode(SqliteJournalMode::Wal);
    let db = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    sqlx::query("CREATE TABLE orders (number TEXT PRIMARY KEY, body TEXT NOT NULL)")
        .execute(&db)
        .await?;
    // A 2 KB JSON row per order, shaped like an order context.
    for n in 1001..=2000 {
        let scans: Vec<serde_json::Value> = (0..17)
            .map(|i| {
                serde_json::json!({"at": format!("2026-11-1{i}T10:00:00Z"), "code": "I/AR",
                    "description": "ARRIVAL SCAN", "place": "Columbus, OH", "status": "in_transit"})
            })
            .collect();
        let body = serde_json::json!({
            "now": "2026-11-19T15:00:00Z",
            "order": {"number": n.to_string(), "created_at": "2026-11-12T14:00:00Z",
                "customer": {"email": format!("shopper{n}@example.com"), "first_name": "Marco",
                    "locale": "en"},
                "line_items": [{"id": "li-1", "title": "Canvas Daypack", "quantity": 1,
                    "price": "45.00"}],
                "fulfillments": [{"tracking_number": "1Z4W96E80310428511", "carrier": "ups",
                    "created_at": "2026-11-17T16:00:00Z", "line_items": ["li-1"]}]},
            "shipments": [{"carrier": "ups", "tracking_number": "1Z4W96E80310428511",
                "events": scans, "checked_at": "2026-11-19T14:30:00Z",
                "estimated_delivery": "2026-11-20T22:00:00Z"}],
        })
        .to_string();
        sqlx::query("INSERT INTO orders (number, body) VALUES (?1, ?2)")
            .bind(n.to_string())
            .bind(body)
            .execute(&db)
            .await?;
    }
    let app = Router::new()
        .route("/orders/{number}", get(order))
        .with_state(db);
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("bare lookup serving at http://{}/", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
