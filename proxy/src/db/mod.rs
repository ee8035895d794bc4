//! SQLite storage: opening the database, running the embedded migrations, and the queries that
//! turn rows into the core's domain types (and back).

mod orders;

pub use orders::{insert_order, insert_shipment, load_order, load_shipments, order_count};

use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::path::Path;
use std::str::FromStr;

/// Opens (creating if needed) the database at `path` in WAL mode and brings its schema up to date.
pub async fn open(path: &Path) -> anyhow::Result<SqlitePool> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating the database directory {}", dir.display()))?;
    }
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .with_context(|| format!("opening the database {}", path.display()))?;
    migrate(&pool).await?;
    Ok(pool)
}

/// A private in-memory database, for tests and throwaway runs.
pub async fn open_in_memory() -> anyhow::Result<SqlitePool> {
    // One connection only: every new connection to ":memory:" would be a different, empty database.
    let options = SqliteConnectOptions::from_str("sqlite::memory:")
        .context("parsing the in-memory database URL")?
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_with(options)
        .await
        .context("opening an in-memory database")?;
    migrate(&pool).await?;
    Ok(pool)
}

async fn migrate(pool: &SqlitePool) -> anyhow::Result<()> {
    sqlx::migrate!("./migrations")
        .run(pool)
        .await
        .context("running database migrations")
}
