//! `cargo xtask demo`: one command from a fresh clone to the demo shop in a browser.

use crate::run::{cmd, exec, Result, Steps};
use crate::setup::{self, Browser};
use crate::widget;

pub fn main(args: &[String]) -> Result {
    let mut steps = Steps::default();
    setup::install(&mut steps, Browser::Skip)?;
    widget::build(&mut steps)?;
    steps.run("proxy: cargo build", || {
        exec(&mut cmd("cargo", &["build", "-p", "wismo-proxy"]))
    })?;
    steps.summary();
    println!("\nStarting the demo; stop it with Ctrl-C.");
    let mut c = cmd(
        "cargo",
        &[
            "run",
            "--quiet",
            "-p",
            "wismo-proxy",
            "--bin",
            "wismo",
            "--",
            "demo",
        ],
    );
    // `cargo xtask demo -- --addr ...` and `cargo xtask demo --addr ...` mean the same.
    let args = match args.first() {
        Some(first) if first == "--" => &args[1..],
        _ => args,
    };
    c.args(args);
    // The demo runs until interrupted; keep the terminal's stdin so Ctrl-C reaches it normally.
    let status = c
        .status()
        .map_err(|e| format!("could not start the demo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the demo exited with {status}").into())
    }
}
