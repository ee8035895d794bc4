//! What every handler can reach: storage, the shop, the clock, the policy and the secrets, each
//! plugged in from outside so the demo, the tests and production differ only in what is plugged in.

use crate::auth::{RateLimiter, SessionKey};
use crate::clock::Clock;
use crate::source::OrderSource;
use sqlx::SqlitePool;
use std::path::PathBuf;
use std::sync::Arc;
use wismo::Policy;

/// Shared state of the running proxy. Cheap to clone: everything inside is shared.
#[derive(Clone)]
pub struct AppState {
    pub pool: SqlitePool,
    pub clock: Arc<dyn Clock>,
    pub orders: Arc<dyn OrderSource>,
    pub policy: Arc<Policy>,
    pub session_key: SessionKey,
    pub limiter: Arc<RateLimiter>,
    /// Take the client's address from `X-Forwarded-For` (only behind a proxy that sets it).
    pub trust_forwarded_for: bool,
    /// The storefront and loader, served at `/`.
    pub www_dir: PathBuf,
    /// The built widget (`wismo_widget.js`, `wismo_widget_bg.wasm`), served at `/widget/`.
    pub widget_dir: PathBuf,
}
