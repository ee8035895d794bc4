//! wismo's task runner (`cargo xtask <command>`): plain Rust, so building, demoing and testing
//! the project needs nothing beyond cargo, node and what `setup` installs.

mod demo;
mod run;
mod setup;
mod test;
mod train_intents;
mod widget;
mod zendesk_app;

use std::process::ExitCode;

/// A subcommand: its name, a one-line summary, its detailed help and what it does.
struct Task {
    name: &'static str,
    summary: &'static str,
    help: &'static str,
    run: fn(&[String]) -> run::Result,
}

const TASKS: &[Task] = &[
    Task {
        name: "setup",
        summary: "install what is missing: wasm target, wasm-bindgen-cli, npm packages, chromium",
        help: "Installs what the other tasks need, skipping each step that is already done:
  - rustup target add wasm32-unknown-unknown
  - cargo install wasm-bindgen-cli --version <the wasm-bindgen version in Cargo.lock>
  - npm ci (npm install without a lock file) when node_modules is missing or stale
  - apt-get install chromium chromium-driver when /usr/bin/chromium is missing (as root)

Options:
  --no-browser   skip chromium (enough for `demo` and `widget`)",
        run: setup::main,
    },
    Task {
        name: "widget",
        summary: "build the widget into target/widget and print its sizes",
        help: "Builds the widget for wasm32 with the size-optimised `wasm-release` profile, runs
wasm-bindgen (--target web) into target/widget and shrinks the module with wasm-opt -Oz
(npm binaryen). Prints the sizes raw and gzip -9. Does not install anything; run `setup` first.",
        run: widget::main,
    },
    Task {
        name: "demo",
        summary: "build the widget and the proxy, then run `wismo demo` [ARGS...]",
        help: "Runs setup (without chromium), builds the widget and the proxy, then runs
`wismo demo` from the repository root with every further argument passed through, e.g.
`cargo xtask demo --addr 127.0.0.1:8080`. Stop it with Ctrl-C.",
        run: demo::main,
    },
    Task {
        name: "test",
        summary: "run every check CI runs: format, lints, unit, wasm and browser tests",
        help: "Runs, stopping at the first failure:
  setup, cargo fmt --check, clippy (native and widget for wasm32), PostgreSQL for the proxy's
  storage tests (tests/postgres.sh as root, or WISMO_TEST_POSTGRES_URL), cargo test,
  the core built for wasm32, the widget's wasm tests, the widget build, the proxy build,
  and the browser tests (node --test tests/e2e/).
Each step prints its name and duration; a failure names the step and exits non-zero.",
        run: test::main,
    },
    Task {
        name: "train-intents",
        summary: "retrain the intent model from src/nlu/examples into src/nlu/intent_model.bin",
        help: "Reads the intent examples (src/nlu/examples/*.tsv, in file-name order), trains the
model with the committed configuration and writes src/nlu/intent_model.bin. Deterministic:
tests/nlu_train.rs fails whenever the committed weights differ from this command's output.

Options:
  --seeds N   instead, train N models (the committed seed and N-1 others; writing nothing) and
              print each one's
              macro-F1 and `other` recall on ../shared/data/intents/dev.tsv and accuracy on
              tests/nlu/heldout_{es,fr,de}.tsv and heldout2_{es,fr,de}.tsv, then the mean and
              spread: how much of a change is noise (about 40 s per seed)",
        run: |args| {
            if let Some(i) = args.iter().position(|a| a == "--seeds") {
                let n: u64 = args
                    .get(i + 1)
                    .and_then(|v| v.parse().ok())
                    .filter(|n| (1..=20).contains(n))
                    .ok_or_else(|| "--seeds needs a number from 1 to 20".to_owned())?;
                return train_intents::spread(&run::root(), n);
            }
            let summary = train_intents::train_intents(&run::root())?;
            println!("{summary}");
            Ok(())
        },
    },
    Task {
        name: "zendesk-app",
        summary: "package the Zendesk sidebar app into target/zendesk-app.zip",
        help: "Stages www/zendesk/ (manifest, translations, assets; not its README) and the
agent UI built by `cargo xtask widget` (target/widget/agent/wismo_agent.js and
wismo_agent_bg.wasm, copied to assets/) in target/zendesk-app/, then zips that directory's
contents into target/zendesk-app.zip with `zip -r -X` and prints the zip's size. Fails, saying
so, when the agent UI is not built. Upload the zip as a private app; see www/zendesk/README.md.

Options:
  --domain HOST   name your proxy's host (e.g. wismo.shop.com) in the packaged manifest's
                  domainWhitelist instead of the placeholder wismo.example.com; Zendesk
                  substitutes the secure jwt_secret only in requests to whitelisted domains",
        run: zendesk_app::main,
    },
];

fn usage() -> String {
    let mut s = String::from("Usage: cargo xtask <command> [options]\n\nCommands:\n");
    for t in TASKS {
        s.push_str(&format!("  {:<14} {}\n", t.name, t.summary));
    }
    s.push_str("\nRun `cargo xtask <command> --help` for details.");
    s
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(name) = args.first() else {
        eprintln!("{}", usage());
        return ExitCode::from(2);
    };
    if matches!(name.as_str(), "-h" | "--help" | "help") {
        println!("{}", usage());
        return ExitCode::SUCCESS;
    }
    let Some(task) = TASKS.iter().find(|t| t.name == name) else {
        eprintln!("xtask: unknown command `{name}`\n\n{}", usage());
        return ExitCode::from(2);
    };
    let rest = &args[1..];
    // `demo` passes its arguments through, so only its first argument may ask for help.
    let wants_help = if task.name == "demo" {
        rest.first().is_some_and(|a| a == "--help" || a == "-h")
    } else {
        rest.iter().any(|a| a == "--help" || a == "-h")
    };
    if wants_help {
        println!(
            "cargo xtask {}: {}\n\n{}",
            task.name, task.summary, task.help
        );
        return ExitCode::SUCCESS;
    }
    match (task.run)(rest) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask {}: {e}", task.name);
            ExitCode::FAILURE
        }
    }
}
