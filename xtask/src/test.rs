//! `cargo xtask test`: every check CI runs, in order of cost, stopping at the first failure.

use crate::run::{cmd, exec, target_dir, Result, Steps};
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
    steps.run("clippy (widget, wasm32)", || {
        exec(&mut cmd(
            "cargo",
            &[
                "clippy",
                "-p",
                "wismo-widget",
                "--target",
                WASM,
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ))
    })?;
    steps.run("cargo test", || {
        exec(&mut cmd(
            "cargo",
            &["test", "--workspace", "--exclude", "wismo-widget"],
        ))
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
            &["test", "-p", "wismo-widget", "--target", WASM],
        ))
    })?;
    widget::build(steps)?;
    steps.run("proxy: cargo build", || {
        exec(&mut cmd("cargo", &["build", "-p", "wismo-proxy"]))
    })?;
    steps.run("browser tests", || {
        let bin = target_dir().join("debug/wismo");
        exec(cmd("node", &["--test", "tests/e2e/"]).env("WISMO_BIN", bin))
    })
}
