//! Operations endpoints: `/readyz` (can we serve: the database answers), `/metrics`
//! (Prometheus) and `/openapi.json` (the public API's description).

use crate::helpdesk::outbox;
use crate::ops::metrics::Gauges;
use crate::ops::OPENAPI_JSON;
use crate::state::AppState;
use crate::webhooks::store;
use anyhow::Context;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;
use std::time::Duration;

/// How long readiness waits for the database before calling it unavailable.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route("/openapi.json", get(openapi))
}

async fn ping(state: &AppState) -> anyhow::Result<()> {
    tokio::time::timeout(
        READY_TIMEOUT,
        sqlx::query("SELECT 1").execute(state.db.pool()),
    )
    .await
    .context("the database did not answer in time")?
    .context("querying the database")?;
    Ok(())
}

/// 200 `{"status":"ready"}` when the database answers; else 503 with the reason.
async fn readyz(State(state): State<AppState>) -> Response {
    match ping(&state).await {
        Ok(()) => Json(json!({"status": "ready"})).into_response(),
        Err(e) => {
            tracing::warn!(error = ?e, "not ready");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(
                    json!({"status": "not_ready", "reason": format!("database unavailable: {e}")}),
                ),
            )
                .into_response()
        }
    }
}

async fn pending_webhooks(state: &AppState) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM webhook_events WHERE processed_at IS NULL AND failed_at IS NULL",
    )
    .fetch_one(state.db.pool())
    .await
    .context("counting pending webhook events")
}

async fn metrics(State(state): State<AppState>) -> Response {
    let webhook_queue = pending_webhooks(&state).await.unwrap_or_else(|e| {
        tracing::warn!(error = ?e, "webhook queue depth unknown");
        -1
    });
    let helpdesk_notes = outbox::pending_count(&state.db).await.unwrap_or_else(|e| {
        tracing::warn!(error = ?e, "helpdesk notes pending unknown");
        -1
    });
    let counted = store::failed_counts(&state.db).await.unwrap_or_else(|e| {
        tracing::warn!(error = ?e, "failed webhooks unknown");
        Vec::new()
    });
    // Every provider is reported, so a count that falls back to zero after a retry shows as 0.
    let webhooks_failed = std::iter::once("shopify")
        .chain(crate::webhooks::carriers::PROVIDERS.iter().copied())
        .map(|p| {
            let n = counted.iter().find(|(c, _)| c == p).map_or(0, |(_, n)| *n);
            (p.to_owned(), n)
        })
        .collect();
    let outreach_pending = crate::outreach::outbox::pending_count(&state.db)
        .await
        .unwrap_or_else(|e| {
            tracing::warn!(error = ?e, "outreach messages pending unknown");
            -1
        });
    let outreach_due = crate::outreach::watch::due_count(&state.db, &state.shop, state.clock.now())
        .await
        .unwrap_or_else(|e| {
            tracing::warn!(error = ?e, "outreach backlog unknown");
            -1
        });
    let body = state.metrics.render(Gauges {
        webhook_queue,
        helpdesk_notes,
        rate_limit_rejections: state.limiter.rejections(),
        webhooks_failed,
        outreach_pending,
        outreach_due,
    });
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        body,
    )
        .into_response()
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI_JSON).into_response()
}
