//! The `wismo` binary: parses the command line and hands over to the library; nothing else.

use clap::Parser;
use std::io::{self, BufWriter};
use std::process::ExitCode;
use wismo_proxy::cli::{self, Cli, Command};
use wismo_proxy::server;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Classify => cli::classify(io::stdin().lock(), BufWriter::new(io::stdout().lock()))
            .map_err(anyhow::Error::from),
        Command::Translate(args) => cli::translate(
            io::stdin().lock(),
            BufWriter::new(io::stdout().lock()),
            wismo::carrier::Lang::from_locale(&args.lang),
        )
        .map_err(anyhow::Error::from),
        Command::Resolve => match cli::resolve(io::stdin().lock(), io::stdout().lock()) {
            Err(e @ cli::ResolveError::Json(_)) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
            other => other.map_err(anyhow::Error::from),
        },
        Command::Watch => match cli::watch(io::stdin().lock(), io::stdout().lock()) {
            Err(e @ cli::WatchError::Json(_)) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
            other => other.map_err(anyhow::Error::from),
        },
        Command::EvalIntents(args) => {
            cli::eval_intents(&args.file, BufWriter::new(io::stdout().lock()))
        }
        Command::ParseTracking(args) => match cli::parse_tracking(
            &args.format,
            wismo::carrier::Lang::from_locale(&args.lang),
            &args.file,
            BufWriter::new(io::stdout().lock()),
        ) {
            Err(cli::ParseTrackingError::Input(e)) => {
                eprintln!("error: {}: {e}", args.file.display());
                return ExitCode::from(2);
            }
            other => other.map_err(anyhow::Error::from),
        },
        Command::TrackingLink(args) => match &args.config {
            Some(config) => {
                cli::tracking_link(config, &args.order, chrono::Utc::now(), io::stdout().lock())
            }
            None => cli::demo_tracking_link(&args.order, io::stdout().lock()),
        },
        Command::Webhooks(args) => run_server(async move {
            let out = io::stdout().lock();
            match args.command {
                cli::WebhooksCommand::Failed { config } => {
                    cli::webhooks::failed(&config, out).await
                }
                cli::WebhooksCommand::Retry { config, apply, ids } => {
                    cli::webhooks::retry(&config, &ids, apply, chrono::Utc::now(), out).await
                }
            }
        }),
        Command::Privacy(args) => run_server(async move {
            let out = io::stdout().lock();
            match args.command {
                cli::PrivacyCommand::Requests { config } => {
                    cli::privacy::requests(&config, out).await
                }
                cli::PrivacyCommand::Export { config, id } => {
                    cli::privacy::export(&config, &id, out).await
                }
            }
        }),
        Command::Simulate(args) => {
            let run = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .map_err(anyhow::Error::from)
                .map(|rt| rt.block_on(cli::simulate::simulate(args, &mut io::stdout().lock())));
            match run {
                Ok(Err(cli::simulate::SimulateError::Usage(e))) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(2);
                }
                Ok(other) => other.map_err(anyhow::Error::from),
                Err(e) => Err(e),
            }
        }
        Command::Demo(args) => run_server(server::run_demo(args)),
        Command::Serve(args) => run_server(server::run_serve(args)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run_server(task: impl std::future::Future<Output = anyhow::Result<()>>) -> anyhow::Result<()> {
    init_tracing()?;
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(task)
}

/// Chooses the log format: `text` (the default) or `json` (one object per line, for a log
/// pipeline).
pub const LOG_FORMAT_ENV: &str = "WISMO_LOG_FORMAT";

/// Logs go to stderr, so stdout carries only what scripts read (the demo's address line).
/// `RUST_LOG` filters them; `WISMO_LOG_FORMAT` picks text or JSON lines.
fn init_tracing() -> anyhow::Result<()> {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "wismo_proxy=info,tower_http=info".into());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr);
    match std::env::var(LOG_FORMAT_ENV).as_deref() {
        Ok("json") => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .init(),
        Ok("text" | "") | Err(std::env::VarError::NotPresent) => builder
            .with_ansi(io::IsTerminal::is_terminal(&io::stderr()))
            .init(),
        Ok(other) => anyhow::bail!("{LOG_FORMAT_ENV} must be \"text\" or \"json\", not {other:?}"),
        Err(e) => anyhow::bail!("{LOG_FORMAT_ENV}: {e}"),
    }
    Ok(())
}
