//! The `wismo` command line: the server in its two modes and three stdin/stdout tools that expose
//! the core to scripts. These interfaces are stable; browser tests and scripts rely on them.

mod classify;
mod eval_intents;
mod parse_tracking;
pub mod privacy;
mod resolve;
pub mod simulate;
mod tracking_link;
mod translate;
mod watch;
pub mod webhooks;

pub use classify::classify;
pub use eval_intents::eval_intents;
pub use parse_tracking::{parse_tracking, ParseTrackingError};
pub use resolve::{resolve, ResolveError};
pub use tracking_link::{demo_tracking_link, tracking_link};
pub use translate::translate;
pub use watch::{watch, WatchError};

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

/// wismo answers "Where is my order?" for online shops.
#[derive(Debug, Parser)]
#[command(name = "wismo", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the demo shop: seeds it on first start, freezes the clock at Thursday 2026-11-19
    /// 15:00 UTC, prints `wismo demo running at http://ADDR/` and serves until Ctrl-C or SIGTERM.
    Demo(DemoArgs),
    /// Run the proxy for a real shop, configured by a TOML file (see CONFIG.md), on the system clock.
    Serve(ServeArgs),
    /// Classify messages: one message per stdin line, one JSON object per stdout line with
    /// `intent`, `confidence`, `language` and `entities`.
    Classify,
    /// Translate carrier scans: stdin lines `carrier<TAB>code<TAB>description`, one JSON object per
    /// line with `status`, `reason`, `location` and `text` (or `line` and `error` for a malformed line).
    Translate(TranslateArgs),
    /// Resolve a scenario: a `wismo::Scenario` JSON document on stdin, the resolution as pretty
    /// JSON on stdout. Invalid JSON exits with status 2.
    Resolve,
    /// Decide the proactive notices due for an order: the scenario JSON `wismo resolve` reads
    /// (without `message`) on stdin, plus optional `sent` ([{"key","at"}] already sent),
    /// `opted_out` (["email"|"sms"|"whatsapp"]) and `follow_up_at`; `order.customer` may carry
    /// `phone`, `accepts_sms` and `accepts_whatsapp` (false by default). Prints
    /// {"due": [{"trigger","key","channel","text","replies","send_at"}], "next_check_at"}.
    /// Invalid JSON exits with status 2.
    Watch,
    /// Measure the intent model on a labelled TSV file (header line, then
    /// `text<TAB>expected[<TAB>source]`, `expected` may list accepted intents joined by `|`):
    /// per-intent precision, recall and F1, macro-F1, recall of `other`, a confusion table and
    /// accuracy per source.
    EvalIntents(EvalIntentsArgs),
    /// Parse a raw tracking response (EasyPost, AfterShip, Shopify, UPS, FedEx, USPS, DHL, Canada
    /// Post, Royal Mail) into unified events as JSON, each with its plain sentence, and the
    /// parcel's current status. Unreadable input exits with status 2.
    ParseTracking(ParseTrackingArgs),
    /// Mint a signed tracking link for an order with the configured `tracking_links` secret:
    /// prints the token (the link is `https://HOST/t/TOKEN`) and, on a second line, its expiry.
    /// `--demo NUMBER` prints a path that a running `wismo demo` opens (`/t/TOKEN`).
    TrackingLink(TrackingLinkArgs),
    /// Inspect and re-apply stored webhook deliveries that could not be applied:
    /// `wismo webhooks failed --config FILE` lists them (id, provider, topic, event id, failed at,
    /// reason), `wismo webhooks retry --config FILE [--apply] [ID...]` queues them (all, or the
    /// ids named) to be applied again, e.g. after an upgrade.
    Webhooks(WebhooksArgs),
    /// The customer data requests Shopify forwarded (`customers/data_request`):
    /// `wismo privacy requests --config FILE` lists them (request id, e-mail, when),
    /// `wismo privacy export --config FILE ID` prints what the proxy held about that customer.
    Privacy(PrivacyArgs),
    /// Simulate a store: `--orders N` placed over four weeks (`--seed S`), run through the real
    /// proxy and core on a temporary SQLite database with carrier delays drawn from documented
    /// rates and shoppers who write when anxious (in words from `--messages FILE`, a TSV with
    /// `text` and `intent` columns), with outreach and, unless `--no-outreach`, without. Prints
    /// the dashboard's KPI table, or with `--json` one object
    /// `{"with_outreach": {...}, "without_outreach": {...}}`. A bad argument exits with status 2.
    Simulate(simulate::SimulateArgs),
}

#[derive(Debug, Args)]
pub struct PrivacyArgs {
    #[command(subcommand)]
    pub command: PrivacyCommand,
}

#[derive(Debug, Subcommand)]
pub enum PrivacyCommand {
    /// List the data requests, one per line, then their count.
    Requests {
        /// TOML configuration file (its `database`, or DATABASE_URL).
        #[arg(long)]
        config: PathBuf,
    },
    /// Print the export of one data request as JSON.
    Export {
        /// TOML configuration file (its `database`, or DATABASE_URL).
        #[arg(long)]
        config: PathBuf,
        /// Shopify's data request id, as `requests` lists it.
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct WebhooksArgs {
    #[command(subcommand)]
    pub command: WebhooksCommand,
}

#[derive(Debug, Subcommand)]
pub enum WebhooksCommand {
    /// List the deliveries that could not be applied, one per line, then their count.
    Failed {
        /// TOML configuration file (its `database`, or DATABASE_URL).
        #[arg(long)]
        config: PathBuf,
    },
    /// Queue failed deliveries to be applied again; a running server applies them within seconds.
    Retry {
        /// TOML configuration file (its `database`, or DATABASE_URL).
        #[arg(long)]
        config: PathBuf,
        /// Apply the queue now, from this command, and report what still fails.
        #[arg(long)]
        apply: bool,
        /// The ids to retry (as `failed` lists them); none means every failed delivery.
        ids: Vec<i64>,
    },
}

#[derive(Debug, Args)]
pub struct TrackingLinkArgs {
    /// TOML configuration file; the secret may come from WISMO_TRACKING_LINK_SECRET instead.
    #[arg(long, required_unless_present = "demo", conflicts_with = "demo")]
    pub config: Option<PathBuf>,
    /// Mint a link for `wismo demo` instead (its public demo key, its frozen clock): prints the
    /// path to open on the running demo, `/t/TOKEN`, then the expiry.
    #[arg(long)]
    pub demo: bool,
    /// The order number, e.g. 1004 or #1004.
    pub order: String,
}

#[derive(Debug, Args)]
pub struct ParseTrackingArgs {
    /// The document's format: easypost, aftership, shopify, ups-xml, ups-json, fedex-xml,
    /// fedex-json, usps-xml, usps-json, dhl-express-xml, dhl-unified-json, mydhl-json,
    /// dhl-parcel-de-xml, dpd-xml, hermes-json, australiapost-json, canadapost-xml,
    /// royalmail-json, or auto to recognise it from the document's structure (a document in no
    /// format we read is an error, exit status 2).
    #[arg(long, default_value = "auto")]
    pub format: String,
    /// Language of the `text` fields as a locale ("en", "de", "fr-CA", "es").
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// The raw response file.
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct EvalIntentsArgs {
    /// The labelled TSV file, e.g. ../shared/data/intents/dev.tsv.
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Address to listen on; port 0 picks a free port (the printed line shows the real one).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// SQLite database file; created and seeded with the demo shop when empty.
    #[arg(long, default_value = ".wismo/demo.sqlite")]
    pub db: PathBuf,
    /// Directory served at `/` (the demo storefront and `wismo.js`).
    #[arg(long, default_value = "www")]
    pub www_dir: PathBuf,
    /// Directory served at `/widget/` (`wismo_widget.js`, `wismo_widget_bg.wasm`).
    #[arg(long, default_value = "target/widget")]
    pub widget_dir: PathBuf,
    /// Simulated orders of history written on first start, so the outcomes dashboard
    /// (`/demo/admin`) shows seven weeks of contacts; 0 for none.
    #[arg(long, default_value_t = 200)]
    pub history: usize,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// TOML configuration file. The session secret may come from WISMO_SESSION_SECRET instead.
    #[arg(long)]
    pub config: PathBuf,
}

#[derive(Debug, Args)]
pub struct TranslateArgs {
    /// Language of the `text` field as a locale ("en", "fr-CA", "es"); unsupported ones fall back to English.
    #[arg(long, default_value = "en")]
    pub lang: String,
}
