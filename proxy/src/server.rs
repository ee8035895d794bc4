//! Starting the proxy for real: building the state for the demo or a configured shop, binding the
//! socket and serving until Ctrl-C or SIGTERM, letting requests in flight finish.

use crate::auth::{RateLimiter, SessionKey};
use crate::cli::{DemoArgs, ServeArgs};
use crate::clock::{Clock, FixedClock, SystemClock};
use crate::config::{Config, SECRET_ENV};
use crate::source::SqliteOrderSource;
use crate::state::AppState;
use crate::{db, demo, http};
use anyhow::Context;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

/// `wismo demo`: seed if empty, freeze the clock, announce the address on stdout, serve.
pub async fn run_demo(args: DemoArgs) -> anyhow::Result<()> {
    let pool = db::open(&args.db).await?;
    if demo::seed_if_empty(&pool).await? {
        tracing::info!(db = %args.db.display(), "seeded the demo shop");
    }
    let state = AppState {
        orders: Arc::new(SqliteOrderSource::new(pool.clone())),
        pool,
        clock: Arc::new(FixedClock::new(demo::now())),
        policy: Arc::new(demo::policy()),
        // A fresh key per run: demo tokens die with the process, and there is no secret to configure.
        session_key: SessionKey::random()?,
        limiter: Arc::new(RateLimiter::default()),
        trust_forwarded_for: false,
        www_dir: args.www_dir,
        widget_dir: args.widget_dir,
    };
    let listener = bind(args.addr).await?;
    let addr = listener.local_addr().context("reading the bound address")?;
    // Browser tests read this exact line to find the port; it is the only thing on stdout.
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "wismo demo running at http://{addr}/").context("writing to stdout")?;
    stdout.flush().context("flushing stdout")?;
    drop(stdout);
    serve(listener, state).await
}

/// `wismo serve --config FILE`: a real shop on the system clock.
pub async fn run_serve(args: ServeArgs) -> anyhow::Result<()> {
    let config = Config::load(&args.config)?;
    let session_key = config.session_key(std::env::var(SECRET_ENV).ok())?;
    let pool = db::open(&config.database).await?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let state = AppState {
        orders: Arc::new(SqliteOrderSource::new(pool.clone())),
        pool,
        clock,
        policy: Arc::new(config.policy),
        session_key,
        limiter: Arc::new(RateLimiter::default()),
        trust_forwarded_for: config.trust_forwarded_for,
        www_dir: config.www_dir,
        widget_dir: config.widget_dir,
    };
    let listener = bind(config.listen).await?;
    let addr = listener.local_addr().context("reading the bound address")?;
    tracing::info!(%addr, "wismo serving");
    serve(listener, state).await
}

async fn bind(addr: SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))
}

/// Serves the app on `listener` until a shutdown signal, then closes the database cleanly.
pub async fn serve(listener: TcpListener, state: AppState) -> anyhow::Result<()> {
    let pool = state.pool.clone();
    let app = http::app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("serving HTTP")?;
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
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
