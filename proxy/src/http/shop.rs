//! `GET /api/v1/shop`: the brand's public policy (name, processing and transit times, what may be
//! offered), so the widget answers with the shop's own promises before any order is loaded.
//! The policy holds no secrets.

use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde::Serialize;
use wismo::Policy;

#[derive(Serialize)]
pub struct Shop {
    pub policy: Policy,
}

pub async fn get(State(state): State<AppState>) -> Json<Shop> {
    Json(Shop {
        policy: (*state.policy).clone(),
    })
}
