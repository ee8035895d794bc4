//! `wismo simulate`: runs the simulated store (`crate::simulate`) with and without outreach and
//! prints the KPI table the dashboard computes, or one JSON object.

use crate::simulate::{self, Messages, Options, Run};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

/// The most orders one run takes.
pub const MAX_ORDERS: usize = 1_000_000;

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// How many orders the store takes (placed over four weeks).
    #[arg(long, default_value_t = 2000)]
    pub orders: usize,
    /// Seeds every random draw: the same seed gives the same orders and shoppers.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// What shoppers write: a TSV with a header naming a `text` and an `intent` column
    /// (`expected`, as in labelled evaluation sets, is read as `intent`). Default: the
    /// simulator's own set.
    #[arg(long)]
    pub messages: Option<PathBuf>,
    /// Run only without outreach.
    #[arg(long)]
    pub no_outreach: bool,
    /// Print one JSON object instead of the table.
    #[arg(long)]
    pub json: bool,
}

/// Why the simulation could not run: bad arguments (exit 2) or a failure while running.
#[derive(Debug, thiserror::Error)]
pub enum SimulateError {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

pub async fn simulate(args: SimulateArgs, out: &mut impl Write) -> Result<(), SimulateError> {
    if !(1..=MAX_ORDERS).contains(&args.orders) {
        return Err(SimulateError::Usage(format!(
            "--orders must be 1 to {MAX_ORDERS}"
        )));
    }
    let messages = match &args.messages {
        Some(path) => Messages::load(path).map_err(|e| SimulateError::Usage(format!("{e:#}")))?,
        None => Messages::builtin(),
    };
    if !messages.filled_in.is_empty() {
        let names: Vec<&str> = messages.filled_in.iter().map(|i| i.as_str()).collect();
        eprintln!(
            "note: the messages file has no {}; those come from the built-in set",
            names.join(", ")
        );
    }
    let opts = Options {
        orders: args.orders,
        seed: args.seed,
        messages,
        start: simulate::default_start(),
    };
    // Both runs at once, each on its own database (they share nothing).
    let both = !args.no_outreach;
    eprintln!(
        "simulating {} orders {}…",
        opts.orders,
        if both {
            "with and without outreach"
        } else {
            "without outreach"
        }
    );
    let spawn = |outreach: bool| {
        let opts = opts.clone();
        tokio::spawn(async move {
            let run = simulate::run(&opts, outreach).await?;
            eprintln!(
                "  {} outreach: done in {:.1} s",
                if outreach { "with" } else { "without" },
                run.elapsed.as_secs_f64()
            );
            Ok::<_, anyhow::Error>(run)
        })
    };
    let with_task = both.then(|| spawn(true));
    let without = spawn(false)
        .await
        .map_err(|e| anyhow::anyhow!("the simulation stopped: {e}"))??;
    let with = match with_task {
        Some(task) => Some(
            task.await
                .map_err(|e| anyhow::anyhow!("the simulation stopped: {e}"))??,
        ),
        None => None,
    };
    if args.json {
        let mut doc = serde_json::Map::new();
        if let Some(w) = &with {
            doc.insert("with_outreach".into(), kpis_json(w));
        }
        doc.insert("without_outreach".into(), kpis_json(&without));
        writeln!(out, "{}", serde_json::Value::Object(doc)).map_err(anyhow::Error::from)?;
    } else {
        table(out, &opts, with.as_ref(), &without).map_err(anyhow::Error::from)?;
    }
    Ok(())
}

fn kpis_json(run: &Run) -> serde_json::Value {
    let mut v = serde_json::to_value(&run.report.kpis).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.insert(
            "run_ms".into(),
            serde_json::json!(run.elapsed.as_millis() as u64),
        );
    }
    v
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format!("{:.1}%", v * 100.0))
}

fn ms(v: Option<u64>) -> String {
    v.map_or_else(|| "–".to_owned(), |v| format!("{v} ms"))
}

fn table(
    out: &mut impl Write,
    opts: &Options,
    with: Option<&Run>,
    without: &Run,
) -> std::io::Result<()> {
    writeln!(
        out,
        "wismo simulate: {} orders, seed {} (numbers as the dashboard computes them)",
        opts.orders, opts.seed
    )?;
    let runs: Vec<(&str, &Run)> = with
        .map(|w| ("with outreach", w))
        .into_iter()
        .chain([("without outreach", without)])
        .collect();
    write!(out, "{:<32}", "")?;
    for (name, _) in &runs {
        write!(out, "{name:>18}")?;
    }
    writeln!(out)?;
    type Cell = fn(&Run) -> String;
    let rows: [(&str, Cell); 14] = [
        ("True resolution", |r| pct(r.report.kpis.true_resolution)),
        ("First-contact resolution", |r| {
            pct(r.report.kpis.first_contact_resolution)
        }),
        ("WISMO contacts per 100 orders", |r| {
            r.report
                .kpis
                .wismo_contacts_per_100_orders
                .map_or_else(|| "–".into(), |v| format!("{v:.2}"))
        }),
        ("Contacts", |r| r.report.kpis.contacts.to_string()),
        ("Median time to resolution", |r| {
            ms(r.report.kpis.median_ttr_ms)
        }),
        ("p90 time to resolution", |r| ms(r.report.kpis.p90_ttr_ms)),
        ("Cost per conversation (USD)", |r| {
            r.report
                .kpis
                .cost_per_conversation_usd
                .map_or_else(|| "–".into(), |v| format!("{v:.6}"))
        }),
        ("CSAT (ratings of 4 or 5)", |r| pct(r.report.kpis.csat)),
        ("Ratings", |r| r.report.kpis.ratings.to_string()),
        ("Hand-over rate", |r| pct(r.report.kpis.handover_rate)),
        ("Notices sent", |r| r.report.kpis.outreach_sent.to_string()),
        ("Notices cost (USD)", |r| {
            format!("{:.4}", r.report.kpis.outreach_cost_usd)
        }),
        ("Actions carried out", |r| {
            r.report.kpis.actions_done.to_string()
        }),
        ("Run time", |r| format!("{:.1} s", r.elapsed.as_secs_f64())),
    ];
    for (name, cell) in rows {
        write!(out, "{name:<32}")?;
        for (_, run) in &runs {
            write!(out, "{:>18}", cell(run))?;
        }
        writeln!(out)?;
    }
    if let Some(w) = with {
        let a = w.report.kpis.wismo_contacts_per_100_orders;
        let b = without.report.kpis.wismo_contacts_per_100_orders;
        if let (Some(a), Some(b)) = (a, b) {
            if b > 0.0 {
                writeln!(
                    out,
                    "WISMO contacts with outreach: {:+.1}% against the same orders without",
                    (a - b) / b * 100.0
                )?;
            }
        }
    }
    Ok(())
}
