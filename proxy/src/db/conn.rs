//! Opening the database: SQLite files (WAL, created if missing), a private in-memory SQLite for
//! throwaway runs, or PostgreSQL by URL; each brought up to date by its embedded migrations.

use anyhow::Context;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyConnection, AnyPool, ConnectOptions, Connection, Executor};
use std::path::Path;
use std::str::FromStr;
use std::sync::Once;
use std::time::Duration;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/postgres");

/// Which database is behind the pool. Queries are shared; only migrations and setup differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The proxy's database: a pool plus which kind it is. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

fn install_drivers() {
    static ONCE: Once = Once::new();
    ONCE.call_once(sqlx::any::install_default_drivers);
}

/// Percent-encodes the few characters that would end a path early inside a `sqlite://` URL.
fn sqlite_url(path: &Path) -> anyhow::Result<String> {
    let s = path
        .to_str()
        .with_context(|| format!("database path {} is not UTF-8", path.display()))?;
    let mut out = String::from("sqlite://");
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3F"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out.push_str("?mode=rwc");
    Ok(out)
}

impl Db {
    /// Opens what a config's `database` names: a `postgres://` or `postgresql://` URL, a
    /// `sqlite:` URL, or else a SQLite file path.
    pub async fn connect(target: &str) -> anyhow::Result<Self> {
        if target.starts_with("postgres://") || target.starts_with("postgresql://") {
            Self::open_postgres(target).await
        } else if target == "sqlite::memory:" {
            Self::open_in_memory().await
        } else if let Some(path) = target.strip_prefix("sqlite://") {
            Self::open(Path::new(path.split('?').next().unwrap_or(path))).await
        } else {
            Self::open(Path::new(target)).await
        }
    }

    /// Opens (creating if needed) the SQLite file at `path` in WAL mode and migrates it.
    ///
    /// `synchronous` stays FULL (SQLite's default): a webhook is acknowledged only after its
    /// commit, and that commit must survive a power cut, not just a crash of the process.
    pub async fn open(path: &Path) -> anyhow::Result<Self> {
        Self::open_sqlite(path, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON").await
    }

    /// [`open`](Self::open) for a database thrown away after one run (`wismo simulate`):
    /// `synchronous = OFF`, since nothing in it must survive a crash.
    pub async fn open_throwaway(path: &Path) -> anyhow::Result<Self> {
        Self::open_sqlite(path, "PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON").await
    }

    async fn open_sqlite(path: &Path, pragmas: &'static str) -> anyhow::Result<Self> {
        install_drivers();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating the database directory {}", dir.display()))?;
        }
        let options = AnyConnectOptions::from_str(&sqlite_url(path)?)
            .context("building the SQLite URL")?
            .disable_statement_logging();
        // Switching to WAL needs an exclusive lock that busy_timeout does not wait for, so it is
        // done once on a lone connection before the pool opens more.
        let mut first = AnyConnection::connect_with(&options)
            .await
            .with_context(|| format!("opening the database {}", path.display()))?;
        first
            .execute("PRAGMA journal_mode = WAL")
            .await
            .context("switching the database to WAL")?;
        first
            .close()
            .await
            .context("closing the setup connection")?;
        let pool = AnyPoolOptions::new()
            .max_connections(8)
            // A connection to a local file does not go stale the way a network one does, and
            // pinging it before each use is a round trip to its worker thread: half of a point
            // lookup's time (issue 12; see proxy/BENCH.md). A failed query still fails clearly.
            .test_before_acquire(false)
            .after_connect(move |conn, _| {
                Box::pin(async move { conn.execute(pragmas).await.map(|_| ()) })
            })
            .connect_with(options)
            .await
            .with_context(|| format!("opening the database {}", path.display()))?;
        Self::migrated(pool, Backend::Sqlite).await
    }

    /// A private in-memory SQLite database, for tests and throwaway runs.
    pub async fn open_in_memory() -> anyhow::Result<Self> {
        install_drivers();
        let options = AnyConnectOptions::from_str("sqlite::memory:")
            .context("parsing the in-memory database URL")?
            .disable_statement_logging();
        // One connection only: every new connection to ":memory:" would be a different, empty database.
        let pool = AnyPoolOptions::new()
            .max_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .after_connect(|conn, _| {
                Box::pin(async move { conn.execute("PRAGMA foreign_keys = ON").await.map(|_| ()) })
            })
            .connect_with(options)
            .await
            .context("opening an in-memory database")?;
        Self::migrated(pool, Backend::Sqlite).await
    }

    /// Connects to PostgreSQL at `url` and migrates it. The URL's password never reaches a log.
    pub async fn open_postgres(url: &str) -> anyhow::Result<Self> {
        install_drivers();
        let options = AnyConnectOptions::from_str(url)
            .map_err(|e| anyhow::anyhow!("invalid PostgreSQL URL: {}", redact(&e.to_string())))?
            .disable_statement_logging();
        let pool = AnyPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(|e| anyhow::anyhow!("connecting to PostgreSQL: {}", redact(&e.to_string())))?;
        Self::migrated(pool, Backend::Postgres).await
    }

    async fn migrated(pool: AnyPool, backend: Backend) -> anyhow::Result<Self> {
        let migrator = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&pool)
            .await
            .context("running database migrations")?;
        Ok(Self { pool, backend })
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Starts a transaction on the pool.
    pub async fn begin(&self) -> anyhow::Result<sqlx::Transaction<'static, sqlx::Any>> {
        self.pool.begin().await.context("starting a transaction")
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// What a claiming subquery ends with so concurrent claimers take different rows:
    /// `FOR UPDATE SKIP LOCKED` on PostgreSQL; nothing on SQLite, whose one writer at a time
    /// makes the claiming statement atomic as it is.
    pub fn skip_locked(&self) -> &'static str {
        match self.backend {
            Backend::Postgres => "FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        }
    }

    /// Waits for connections in use and closes them all.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Removes anything that looks like `user:password@` from a message.
fn redact(message: &str) -> String {
    match (message.find("://"), message.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://…@{}", &message[..scheme], &message[at + 1..])
        }
        _ => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_paths_become_urls_that_keep_odd_characters() {
        assert_eq!(
            sqlite_url(Path::new("/tmp/a b/wismo#1?.sqlite")).unwrap(),
            "sqlite:///tmp/a b/wismo%231%3F.sqlite?mode=rwc"
        );
    }

    #[test]
    fn passwords_are_redacted_from_connection_errors() {
        assert_eq!(
            redact("postgres://wismo:secret@127.0.0.1/wismo refused"),
            "postgres://…@127.0.0.1/wismo refused"
        );
        assert_eq!(redact("no url here"), "no url here");
    }
}
