//! What every handler can reach: storage, the shop, the clock, the policy and the secrets, each
//! plugged in from outside so the demo, the tests and production differ only in what is plugged in.

use crate::actions::{DbOrderActions, OrderActions};
use crate::auth::{Integrations, RateLimiter, SessionKey};
use crate::clock::{Clock, FixedClock, SystemClock};
use crate::db::Db;
use crate::helpdesk::Helpdesk;
use crate::ops::Metrics;
use crate::outreach::Outreach;
use crate::source::{DbOrderSource, OrderSource};
use crate::tracking::{StoredTracking, Timeouts, TrackingSource};
use crate::webhooks::carriers::CarrierSecrets;
use crate::webhooks::WebhookSecret;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::Notify;
use wismo::Policy;

/// Shared state of the running proxy. Cheap to clone: one reference count, as it is cloned for
/// every request. Its fields are [`Shared`]'s, read through `Deref`; changing one (tests, start-up)
/// changes this state's own copy, exactly as if it were a plain struct.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl std::ops::DerefMut for AppState {
    fn deref_mut(&mut self) -> &mut Shared {
        Arc::make_mut(&mut self.0)
    }
}

/// What an [`AppState`] holds.
#[derive(Clone)]
pub struct Shared {
    pub db: Db,
    /// "Now" for orders, tokens and answers: frozen in the demo, movable in tests.
    pub clock: Arc<dyn Clock>,
    /// Real elapsed time for leases (idempotency keys): the system clock even in the demo, so a
    /// frozen afternoon cannot hold anything forever.
    pub wall: Arc<dyn Clock>,
    pub orders: Arc<dyn OrderSource>,
    /// Carrier scans: EasyPost, AfterShip, or the stored scans (the demo and webhook-synced shops).
    pub tracking: Arc<dyn TrackingSource>,
    /// How long an order view waits for the shop and the carrier (see `tracking::gather`).
    pub timeouts: Timeouts,
    pub policy: Arc<Policy>,
    pub session_key: SessionKey,
    /// Counts failed verifications in the database, on the system clock.
    pub limiter: RateLimiter,
    /// Take the client's address from `X-Forwarded-For` (only behind a proxy that sets it).
    pub trust_forwarded_for: bool,
    /// The storefront and loader, served at `/`.
    pub www_dir: PathBuf,
    /// The built widget (`wismo_widget.js`, `wismo_widget_bg.wasm`), served at `/widget/`.
    pub widget_dir: PathBuf,
    /// The shop this proxy serves, keying per-shopper data such as conversations.
    pub shop: Arc<str>,
    /// Carries out the resolver's proposals in the shop (cancel, change the address, refund…).
    pub actions: Arc<dyn OrderActions>,
    /// How long an action may wait for the shop; kept below `ledger::LEASE`.
    pub action_timeout: std::time::Duration,
    /// Where internal notes about executed actions go, when a helpdesk is configured: they are
    /// queued in `helpdesk_notes` and delivered by the worker `server::serve` runs beside it.
    pub helpdesk: Option<Arc<dyn Helpdesk>>,
    /// The Shopify app's client secret that signs webhooks; webhooks are refused without it.
    pub shopify_webhook_secret: Option<WebhookSecret>,
    /// The secrets EasyPost and AfterShip sign webhooks with; each provider's are refused without.
    pub carrier_webhook_secrets: CarrierSecrets,
    /// How long raw webhook deliveries are kept once applied (`webhooks.retention_days`).
    pub webhook_retention: chrono::Duration,
    /// Wakes the webhook worker as soon as an event is stored.
    pub jobs: Arc<Notify>,
    /// Wakes the helpdesk note worker as soon as a note is queued.
    pub note_jobs: Arc<Notify>,
    /// App proxy, tracking-link, Zendesk and Gorgias verification; each off until configured.
    pub integrations: Integrations,
    /// Request counts and latencies for `/metrics`.
    pub metrics: Metrics,
    /// Proactive notices: whether the monitor runs, the senders, the inbound secrets.
    pub outreach: Arc<Outreach>,
    /// Wakes the outreach worker as soon as a message is queued.
    pub outreach_jobs: Arc<Notify>,
    /// The tracking page's look and the origins allowed to call the API directly.
    pub storefront: Arc<crate::storefront::Storefront>,
    /// Who may read the outcome numbers (`/admin/`), and what things cost.
    pub outcomes: Arc<crate::outcomes::OutcomesConfig>,
    /// The demo's movable clock (the same one as `clock`); `None` outside the demo, which
    /// also turns the demo-only pages off.
    pub demo_clock: Option<Arc<FixedClock>>,
}

impl AppState {
    /// A state reading orders from `db` and executing actions on it, with no helpdesk, no
    /// webhook secret, default static directories and the shop named `default`; callers
    /// override the public fields they need.
    pub fn new(db: Db, clock: Arc<dyn Clock>, policy: Policy, session_key: SessionKey) -> Self {
        Self(Arc::new(Shared {
            orders: Arc::new(DbOrderSource::new(db.clone(), DEFAULT_SHOP)),
            tracking: Arc::new(StoredTracking::new(db.clone(), DEFAULT_SHOP)),
            timeouts: Timeouts::default(),
            actions: Arc::new(DbOrderActions::new(db.clone(), DEFAULT_SHOP, clock.clone())),
            limiter: RateLimiter::new(db.clone()),
            db,
            clock,
            wall: Arc::new(SystemClock),
            policy: Arc::new(policy),
            session_key,
            trust_forwarded_for: false,
            www_dir: PathBuf::from("www"),
            widget_dir: PathBuf::from("target/widget"),
            shop: Arc::from(DEFAULT_SHOP),
            action_timeout: crate::actions::ledger::EXECUTION_LIMIT,
            helpdesk: None,
            shopify_webhook_secret: None,
            carrier_webhook_secrets: CarrierSecrets::default(),
            webhook_retention: chrono::Duration::days(30),
            jobs: Arc::new(Notify::new()),
            note_jobs: Arc::new(Notify::new()),
            integrations: Integrations::default(),
            metrics: Metrics::default(),
            outreach: Arc::new(Outreach::default()),
            outreach_jobs: Arc::new(Notify::new()),
            demo_clock: None,
            outcomes: Arc::default(),
            storefront: Arc::default(),
        }))
    }

    /// The same state serving `shop` (a Shopify shop's `myshopify.com` domain, or `demo`): the
    /// name its orders, parcels and conversations are kept under, and the only shop whose
    /// webhooks it applies. Call it before plugging in other order sources or actions: it
    /// points the database-backed ones at that shop.
    #[must_use]
    pub fn with_shop(mut self, shop: &str) -> Self {
        self.shop = Arc::from(shop);
        self.orders = Arc::new(DbOrderSource::new(self.db.clone(), shop));
        self.tracking = Arc::new(StoredTracking::new(self.db.clone(), shop));
        self.actions = Arc::new(DbOrderActions::new(
            self.db.clone(),
            shop,
            self.clock.clone(),
        ));
        self
    }
}

/// The shop a state serves until [`AppState::with_shop`] names one.
pub const DEFAULT_SHOP: &str = "default";
