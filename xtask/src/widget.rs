//! `cargo xtask widget`: builds the widget the way it ships (size-optimised wasm, wasm-bindgen
//! web glue, wasm-opt) into `target/widget/`, where the proxy serves it, and reports its size.

use crate::run::{cmd, exec, root, target_dir, Result, Steps};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Where the shipped widget goes; the proxy serves this directory at `/widget/`.
pub fn out_dir() -> PathBuf {
    root().join("target/widget")
}

/// wasm-opt features matching what rustc and wasm-bindgen emit; see TOOLCHAIN notes.
const WASM_OPT_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

pub fn main(_args: &[String]) -> Result {
    let mut steps = Steps::default();
    build(&mut steps)?;
    steps.summary();
    Ok(())
}

/// Builds the widget, the tracking page's wasm and the agent sidebar, each as three named steps,
/// and prints their sizes. The tracking page's files go to `target/widget/track/` and the
/// sidebar's to `target/widget/agent/`, so the storefront chat never carries them.
pub fn build(steps: &mut Steps) -> Result {
    let out = out_dir();
    build_one(steps, "widget", "wismo-widget", "wismo_widget", &out)?;
    build_one(
        steps,
        "tracking page",
        "wismo-track",
        "wismo_track",
        &out.join("track"),
    )?;
    build_one(
        steps,
        "agent sidebar",
        "wismo-agent",
        "wismo_agent",
        &out.join("agent"),
    )?;
    println!("\nSizes (gzip -9):");
    report("widget wasm from cargo", &raw_wasm("wismo_widget"))?;
    for (what, path) in [
        ("widget wasm", out.join("wismo_widget_bg.wasm")),
        ("widget JS glue", out.join("wismo_widget.js")),
        ("tracking page wasm", out.join("track/wismo_track_bg.wasm")),
        ("tracking page JS glue", out.join("track/wismo_track.js")),
        ("agent sidebar wasm", out.join("agent/wismo_agent_bg.wasm")),
        ("agent sidebar JS glue", out.join("agent/wismo_agent.js")),
    ] {
        // The shipped files also get gzip -9 twins, for a server that serves precompressed files.
        let gz = report(what, &path)?;
        let mut twin = path.clone().into_os_string();
        twin.push(".gz");
        std::fs::write(&twin, gz).map_err(|e| format!("cannot write {twin:?}: {e}"))?;
    }
    report("loader www/wismo.js", &root().join("www/wismo.js"))?;
    budgets(&out)
}

/// What each shipped file may weigh, gzip -9, in bytes: a ratchet at today's sizes plus a little
/// room, so nothing grows unnoticed. The widget's goal is 150 KB (issue 12); lower these as it
/// shrinks, never raise them without saying why. Raised once: the widget from 520,000 to 530,000
/// for issue 15's understanding (street addresses, numeric dates, what a transit scan says, the
/// retrained intent model: 517,221 to 527,036 B), until issue 12 took the time-zone database out.
/// Lowered when it did (the browser builds ask the browser's Intl for offsets, src/zone.rs): the
/// widget from 530,000 to 395,000 (527,036 to 385,006 B), the tracking page from 300,000 to
/// 165,000 (298,670 to 157,331 B).
const BUDGETS: &[(&str, &str, usize)] = &[
    ("widget wasm", "wismo_widget_bg.wasm", 395_000),
    ("widget JS glue", "wismo_widget.js", 9_500),
    ("tracking page wasm", "track/wismo_track_bg.wasm", 165_000),
    ("tracking page JS glue", "track/wismo_track.js", 6_200),
    ("agent sidebar wasm", "agent/wismo_agent_bg.wasm", 170_000),
    ("agent sidebar JS glue", "agent/wismo_agent.js", 7_600),
    ("loader", "../../www/wismo.js", 3_700),
];

/// Fails, naming every file over its budget, when a shipped file has grown past it.
fn budgets(out: &Path) -> Result {
    let mut over = Vec::new();
    for (what, file, budget) in BUDGETS {
        let path = if let Some(rest) = file.strip_prefix("../../") {
            root().join(rest)
        } else {
            out.join(file)
        };
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let size = gzip(&bytes)?.len();
        if size > *budget {
            over.push(format!(
                "{what} is {size} B gzip, over its budget of {budget} B"
            ));
        }
    }
    if over.is_empty() {
        println!("  every file is within its size budget (xtask/src/widget.rs BUDGETS)");
        Ok(())
    } else {
        Err(format!("size budget exceeded: {}", over.join("; ")).into())
    }
}

fn raw_wasm(lib: &str) -> PathBuf {
    target_dir().join(format!("wasm32-unknown-unknown/wasm-release/{lib}.wasm"))
}

/// cargo (wasm-release) → wasm-bindgen (web glue) → wasm-opt -Oz, for one package.
fn build_one(steps: &mut Steps, what: &str, package: &str, lib: &str, out: &Path) -> Result {
    let raw = raw_wasm(lib);
    let wasm = out.join(format!("{lib}_bg.wasm"));
    steps.run(&format!("{what}: cargo build (wasm-release)"), || {
        exec(&mut cmd(
            "cargo",
            &[
                "build",
                "-p",
                package,
                "--target",
                "wasm32-unknown-unknown",
                "--profile",
                "wasm-release",
            ],
        ))
    })?;
    steps.run(&format!("{what}: wasm-bindgen"), || {
        let (raw_s, out_s) = (raw.to_string_lossy(), out.to_string_lossy());
        exec(&mut cmd(
            "wasm-bindgen",
            &[
                "--target",
                "web",
                "--no-typescript",
                "--out-dir",
                &out_s,
                &raw_s,
            ],
        ))
    })?;
    steps.run(&format!("{what}: wasm-opt -Oz"), || {
        let wasm_opt = root().join("node_modules/.bin/wasm-opt");
        if !wasm_opt.exists() {
            return Err(
                "node_modules/.bin/wasm-opt is missing: run `cargo xtask setup --no-browser`"
                    .to_owned()
                    .into(),
            );
        }
        let w = wasm.to_string_lossy();
        let mut c = Command::new(&wasm_opt);
        c.arg("-Oz")
            .args(WASM_OPT_FEATURES)
            .args([&*w, "-o", &*w])
            .current_dir(root());
        exec(&mut c)
    })
}

/// Prints a file's size raw and gzipped, and returns the gzipped bytes.
fn report(what: &str, path: &Path) -> Result<Vec<u8>> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let gz = gzip(&bytes)?;
    println!(
        "  {what:<22} {:>9} B raw {:>9} B gzip",
        bytes.len(),
        gz.len()
    );
    Ok(gz)
}

/// gzip -9 by the system's gzip (std has no deflate, and gzip is on every Debian).
fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut child = Command::new("gzip")
        .args(["-9", "-c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run gzip: {e}"))?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = bytes.to_vec();
    // Write from another thread so a full stdout pipe cannot deadlock us.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child
        .wait_with_output()
        .map_err(|e| format!("gzip failed: {e}"))?;
    writer
        .join()
        .map_err(|_| "gzip writer panicked".to_owned())?
        .map_err(|e| format!("cannot feed gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip exited with {}", out.status).into());
    }
    Ok(out.stdout)
}
