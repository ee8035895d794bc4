//! Starting the proxy for real: building the state for the demo or a configured shop, binding the
//! socket, running the webhook and helpdesk note workers and serving until Ctrl-C or SIGTERM,
//! letting requests in flight finish.

use crate::auth::SessionKey;
use crate::cli::{DemoArgs, ServeArgs};
use crate::clock::{Clock, FixedClock, SystemClock};
use crate::config::{Config, DATABASE_ENV, SECRET_ENV, SHOPIFY_SECRET_ENV};
use crate::db::Db;
use crate::state::AppState;
use crate::{db, demo, helpdesk, http, webhooks};
use anyhow::Context;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

/// `wismo demo`: seed if empty, freeze the clock, announce the address on stdout, serve.
pub async fn run_demo(args: DemoArgs) -> anyhow::Result<()> {
    let db = Db::open(&args.db).await?;
    db::adopt_unowned(&db, demo::SHOP).await?;
    // Decided by the demo's own first order, so a first start interrupted while writing the
    // history still gets the demo's orders next time.
    let first = wismo::OrderNumber::parse("1001").context("the demo's first order number")?;
    if db::load_order(&db, demo::SHOP, &first).await?.is_none() {
        if args.history > 0 && db::order_count(&db).await? == 0 {
            tracing::info!(
                orders = args.history,
                "writing the dashboard's history (a simulated store)"
            );
            demo::write_history(&db, demo::SHOP, args.history).await?;
        }
        demo::seed(&db, demo::SHOP).await?;
        tracing::info!(db = %args.db.display(), "seeded the demo shop");
    }
    // A fresh key per run: demo tokens die with the process, and there is no secret to configure.
    let clock = Arc::new(FixedClock::new(demo::now()));
    let mut state = AppState::new(db, clock.clone(), demo::policy(), SessionKey::random()?)
        .with_shop(demo::SHOP);
    state.www_dir = args.www_dir;
    state.widget_dir = args.widget_dir;
    state.demo_clock = Some(clock);
    // Tracking links (`wismo tracking-link --demo`) and the app proxy's stand-in, on the demo's
    // public keys; the storefront's "look up an order" is the demo storefront.
    state.integrations.tracking_links = Some(demo::tracking_links());
    state.integrations.app_proxy = Some(demo::app_proxy());
    state.integrations.zendesk = Some(demo::zendesk());
    state.storefront = Arc::new(crate::storefront::Storefront {
        contact_url: "/".to_owned(),
        ..crate::storefront::Storefront::default()
    });
    // The dashboard on the demo's public token (`/demo/admin` signs the browser in).
    state.outcomes = Arc::new(crate::outcomes::OutcomesConfig {
        admin_token: Some(demo::ADMIN_TOKEN.into()),
        ..crate::outcomes::OutcomesConfig::default()
    });
    let listener = bind(args.addr).await?;
    let addr = listener.local_addr().context("reading the bound address")?;
    // Outreach on, every message kept by the recorder and shown at /demo/outbox.
    state.outreach = Arc::new(crate::outreach::Outreach {
        enabled: true,
        public_url: Some(format!("http://{addr}")),
        senders: crate::outreach::send::Senders::all(Arc::new(
            crate::outreach::send::RecordingSender::default(),
        )),
        ..crate::outreach::Outreach::default()
    });
    // Browser tests read this exact line to find the port; it is the only thing on stdout.
    announce(&listener, "wismo demo running at")?;
    serve(listener, state).await
}

/// `wismo serve --config FILE`: a real shop on the system clock.
pub async fn run_serve(args: ServeArgs) -> anyhow::Result<()> {
    let config = Config::load(&args.config)?;
    let session_key = config.session_key(std::env::var(SECRET_ENV).ok())?;
    let webhook_secret = config.shopify_secret(std::env::var(SHOPIFY_SECRET_ENV).ok())?;
    // Webhooks are applied only for the configured shop; without one every delivery would be
    // acknowledged and dropped, silently.
    anyhow::ensure!(
        webhook_secret.is_none() || config.shopify.shop_domain.is_some(),
        "shopify.shop_domain is required with shopify.client_secret: webhooks are applied only \
         for that shop (e.g. shop_domain = \"your-shop.myshopify.com\")"
    );
    // Shopify names the shop by its myshopify.com domain in every webhook, never a custom one.
    anyhow::ensure!(
        webhook_secret.is_none() || config.shop().ends_with(".myshopify.com"),
        "shopify.shop_domain must be the shop's myshopify.com domain (as in the admin's URL), \
         not {:?}",
        config.shop()
    );
    let db = Db::connect(&config.database(std::env::var(DATABASE_ENV).ok())).await?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let shop = config.shop();
    let adopted = db::adopt_unowned(&db, &shop).await?;
    if adopted > 0 {
        tracing::info!(adopted, %shop, "stored orders from before shops were recorded now belong to this shop");
    }
    let mut state = AppState::new(db, clock, config.policy.clone(), session_key).with_shop(&shop);
    state.trust_forwarded_for = config.trust_forwarded_for;
    state.www_dir = config.www_dir.clone();
    state.widget_dir = config.widget_dir.clone();
    state.shopify_webhook_secret = webhook_secret;
    state.integrations = config.integrations(|k| std::env::var(k).ok())?;
    state.storefront = Arc::new(crate::storefront::Storefront::from_config(
        &config.storefront,
    )?);
    crate::outside::plug_in(&config, &mut state, &|name| std::env::var(name).ok())?;
    state.outreach = Arc::new(crate::outreach::Outreach::from_config(
        &config.outreach,
        &|name| std::env::var(name).ok(),
    )?);
    state.outcomes = Arc::new(
        config
            .outcomes
            .clone()
            .resolve(std::env::var(crate::outcomes::config::ADMIN_TOKEN_ENV).ok())
            .map_err(anyhow::Error::msg)?,
    );
    let listener = bind(config.listen).await?;
    // Scripts and the kill-and-restart test read this line to find a port chosen with `:0`.
    announce(&listener, "wismo serving at")?;
    serve(listener, state).await
}

async fn bind(addr: SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))
}

/// Prints `<prefix> http://ADDR/` on stdout, the real port included.
fn announce(listener: &TcpListener, prefix: &str) -> anyhow::Result<()> {
    let addr = listener.local_addr().context("reading the bound address")?;
    tracing::info!(%addr, "listening");
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{prefix} http://{addr}/").context("writing to stdout")?;
    stdout.flush().context("flushing stdout")
}

/// Serves the app on `listener` with the webhook worker (and, when a helpdesk is plugged in, the
/// note worker) beside it until a shutdown signal, then stops the workers (an event being
/// applied rolls back and is applied on the next start; a note being delivered is tried again
/// when its lease ends) and closes the database cleanly.
pub async fn serve(listener: TcpListener, state: AppState) -> anyhow::Result<()> {
    let db = state.db.clone();
    let mut workers = vec![webhooks::spawn_worker(
        db.clone(),
        state.clock.clone(),
        state.jobs.clone(),
        state.webhook_retention,
    )];
    if let Some(desk) = &state.helpdesk {
        workers.push(helpdesk::spawn_worker(
            db.clone(),
            desk.clone(),
            // Back-off and leases run on real time, also in the demo's frozen afternoon.
            state.wall.clone(),
            state.note_jobs.clone(),
        ));
    }
    if state.outreach.enabled {
        workers.push(crate::outreach::worker::spawn(state.clone()));
    }
    let app = http::app(state).into_make_service_with_connect_info::<SocketAddr>();
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("serving HTTP");
    for worker in workers {
        worker.abort();
        let _ = worker.await;
    }
    db.close().await;
    tracing::info!("stopped");
    served
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
