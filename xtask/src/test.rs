//! `cargo xtask test`: every check CI runs, in order of cost, stopping at the first failure.

use crate::run::{cmd, exec, root, target_dir, Error, Result, Steps};
use crate::setup::{self, Browser};
use crate::widget;

const WASM: &str = "wasm32-unknown-unknown";

pub fn main(_args: &[String]) -> Result {
    let mut steps = Steps::default();
    let outcome = all(&mut steps);
    steps.summary();
    outcome
}

fn all(steps: &mut Steps) -> Result {
    setup::install(steps, Browser::Install)?;
    steps.run("cargo fmt --check", || {
        exec(&mut cmd("cargo", &["fmt", "--all", "--check"]))
    })?;
    // `--workspace` would pull the wasm-only widget into native builds; it is checked for wasm32.
    steps.run("clippy (native)", || {
        exec(&mut cmd(
            "cargo",
            &[
                "clippy",
                "--workspace",
                "--exclude",
                "wismo-widget",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ))
    })?;
    steps.run(
        "clippy (widget, tracking page, agent sidebar, wasm32)",
        || {
            exec(&mut cmd(
                "cargo",
                &[
                    "clippy",
                    "-p",
                    "wismo-widget",
                    "-p",
                    "wismo-track",
                    "-p",
                    "wismo-agent",
                    "-p",
                    "wismo-ui",
                    "-p",
                    "wismo-zone",
                    "--target",
                    WASM,
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ],
            ))
        },
    )?;
    let postgres = postgres(steps)?;
    steps.run("cargo test", || {
        let mut test = cmd(
            "cargo",
            &["test", "--workspace", "--exclude", "wismo-widget"],
        );
        if let Some(url) = &postgres {
            test.env("WISMO_TEST_POSTGRES_URL", url);
        }
        exec(&mut test)
    })?;
    steps.run("core builds for wasm32", || {
        exec(&mut cmd(
            "cargo",
            &["build", "-p", "wismo", "--target", WASM],
        ))
    })?;
    steps.run("widget wasm tests", || {
        exec(&mut cmd(
            "cargo",
            &[
                "test",
                "-p",
                "wismo-widget",
                "-p",
                "wismo-ui",
                "-p",
                "wismo-zone",
                "--target",
                WASM,
            ],
        ))
    })?;
    widget::build(steps)?;
    // The Zendesk app packages from what was just built (its files are checked by
    // proxy/tests/zendesk_app.rs; this proves the package step itself works).
    steps.run("zendesk app package", || {
        crate::zendesk_app::main(&["--domain".to_owned(), "wismo.example.com".to_owned()])
    })?;
    steps.run("proxy: cargo build", || {
        exec(&mut cmd("cargo", &["build", "-p", "wismo-proxy"]))
    })?;
    steps.run("browser tests", || {
        let bin = target_dir().join("debug/wismo");
        exec(cmd("node", &["--test", "tests/e2e/"]).env("WISMO_BIN", bin))
    })
}

/// A PostgreSQL server for the proxy's storage tests, which otherwise run on SQLite only.
///
/// `WISMO_TEST_POSTGRES_URL` from the environment wins. Otherwise, as root (always the case in
/// CI), `tests/postgres.sh` installs and starts Debian's server and prints its URL. In CI a
/// failure stops the run; on a developer's machine the tests fall back to SQLite with a warning.
fn postgres(steps: &mut Steps) -> Result<Option<String>> {
    if let Ok(url) = std::env::var("WISMO_TEST_POSTGRES_URL") {
        println!("\n==> postgresql: using WISMO_TEST_POSTGRES_URL from the environment");
        return Ok(Some(url));
    }
    let ci = std::env::var_os("CI").is_some();
    let root_user = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    if !root_user {
        if ci {
            return Err(Error::Other(
                "CI must run as root to start PostgreSQL".into(),
            ));
        }
        println!("\n==> postgresql: skipped (not root); storage tests run on SQLite only");
        return Ok(None);
    }
    let mut url = None;
    let outcome = steps.run("postgresql (tests/postgres.sh)", || {
        let out = std::process::Command::new("bash")
            .arg(root().join("tests/postgres.sh"))
            .current_dir(root())
            .stderr(std::process::Stdio::inherit())
            .output()
            .map_err(|e| Error::Other(format!("cannot run tests/postgres.sh: {e}")))?;
        let printed = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        if !out.status.success() || !printed.starts_with("postgres://") {
            return Err(Error::Other(format!(
                "tests/postgres.sh failed ({}), printed {printed:?}",
                out.status
            )));
        }
        println!("PostgreSQL at {printed}");
        url = Some(printed);
        Ok(())
    });
    match outcome {
        Ok(()) => Ok(url),
        Err(e) if !ci => {
            println!("warning: {e}; storage tests run on SQLite only");
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
