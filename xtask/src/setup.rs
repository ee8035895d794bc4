//! `cargo xtask setup`: installs what the build and the tests need, skipping what is present,
//! so a fresh CI machine and a developer's laptop run the same commands.

use crate::run::{cmd, exec, output, root, Result, Steps};
use std::path::Path;
use std::time::SystemTime;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Whether to install the browser the end-to-end tests drive.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Browser {
    Install,
    Skip,
}

pub fn main(args: &[String]) -> Result {
    let browser = if args.iter().any(|a| a == "--no-browser") {
        Browser::Skip
    } else {
        Browser::Install
    };
    let mut steps = Steps::default();
    install(&mut steps, browser)?;
    steps.summary();
    Ok(())
}

/// Runs every setup step as its own named, timed step.
pub fn install(steps: &mut Steps, browser: Browser) -> Result {
    steps.run("setup: wasm32 target", wasm_target)?;
    steps.run("setup: wasm-bindgen-cli", wasm_bindgen_cli)?;
    steps.run("setup: npm packages", npm_packages)?;
    if browser == Browser::Install {
        steps.run("setup: chromium", chromium)?;
    }
    Ok(())
}

fn wasm_target() -> Result {
    let installed = output(&mut cmd("rustup", &["target", "list", "--installed"]))
        .is_some_and(|out| out.lines().any(|l| l.trim() == WASM_TARGET));
    if installed {
        println!("already installed: rust target {WASM_TARGET}");
        return Ok(());
    }
    exec(&mut cmd("rustup", &["target", "add", WASM_TARGET]))
}

/// The wasm-bindgen version in Cargo.lock; the CLI must match it exactly.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(v.trim_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".to_owned().into())
}

fn wasm_bindgen_cli() -> Result {
    let want = locked_wasm_bindgen()?;
    let have = output(&mut cmd("wasm-bindgen", &["--version"]));
    // Prints e.g. "wasm-bindgen 0.2.130".
    if have
        .as_deref()
        .is_some_and(|v| v.split_whitespace().nth(1) == Some(want.as_str()))
    {
        println!("already installed: wasm-bindgen {want}");
        return Ok(());
    }
    println!(
        "wasm-bindgen {want} is needed (found: {}); installing it takes a few minutes",
        have.as_deref().map_or("none", str::trim)
    );
    // Without --locked: the CLI's own lock file names a crate version the registry may lack.
    exec(&mut cmd(
        "cargo",
        &["install", "wasm-bindgen-cli", "--version", &want],
    ))
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn npm_packages() -> Result {
    let root = root();
    let lock = root.join("package-lock.json");
    // npm writes this file on every install; it is older than our manifests when they changed since.
    let installed = modified(&root.join("node_modules/.package-lock.json"));
    let manifests = [modified(&root.join("package.json")), modified(&lock)];
    let fresh = installed.is_some_and(|at| manifests.iter().flatten().all(|m| *m <= at))
        && root.join("node_modules/.bin/wasm-opt").exists()
        && root.join("node_modules/playwright-core").exists();
    if fresh {
        println!("already installed: node_modules is up to date");
        return Ok(());
    }
    if lock.exists() {
        exec(&mut cmd("npm", &["ci", "--no-audit", "--no-fund"]))
    } else {
        exec(&mut cmd("npm", &["install", "--no-audit", "--no-fund"]))
    }
}

fn chromium() -> Result {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        println!("already installed: {CHROMIUM} and {CHROMEDRIVER}");
        return Ok(());
    }
    let root_user = output(&mut cmd("id", &["-u"])).is_some_and(|id| id.trim() == "0");
    if !root_user {
        return Err(format!(
            "{CHROMIUM} is missing and we are not root: run \
             `sudo apt-get install -y --no-install-recommends chromium chromium-driver`"
        )
        .into());
    }
    exec(&mut cmd("apt-get", &["update"]))?;
    exec(
        cmd(
            "apt-get",
            &[
                "install",
                "-y",
                "--no-install-recommends",
                "chromium",
                "chromium-driver",
            ],
        )
        .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}
