//! `cargo xtask zendesk-app`: packages the Zendesk sidebar app (ZAF v2) for upload as a private
//! app: `www/zendesk/` plus the agent UI's wasm build, staged in `target/zendesk-app/` and zipped
//! into `target/zendesk-app.zip` with the app's files at the zip's root, as Zendesk expects.

use crate::run::{cmd, exec, root, Result, Steps};
use std::fs;
use std::path::{Path, PathBuf};

/// The agent UI's wasm-bindgen output (`--target web`), built by `cargo xtask widget`.
const AGENT_FILES: [&str; 2] = ["wismo_agent.js", "wismo_agent_bg.wasm"];
/// The host `manifest.json`'s `domainWhitelist` holds until the merchant names their proxy.
const PLACEHOLDER_HOST: &str = "wismo.example.com";
/// Files of `www/zendesk/` that document the app but are not part of it.
const NOT_PACKAGED: [&str; 1] = ["README.md"];

fn source_dir() -> PathBuf {
    root().join("www/zendesk")
}

fn agent_dir() -> PathBuf {
    root().join("target/widget/agent")
}

fn stage_dir() -> PathBuf {
    root().join("target/zendesk-app")
}

fn zip_path() -> PathBuf {
    root().join("target/zendesk-app.zip")
}

pub fn main(args: &[String]) -> Result {
    let domain = parse_args(args)?;
    let missing: Vec<String> = AGENT_FILES
        .iter()
        .map(|f| agent_dir().join(f))
        .filter(|p| !p.is_file())
        .map(|p| p.display().to_string())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "the agent UI is not built ({} missing): run `cargo xtask widget` first",
            missing.join(", ")
        )
        .into());
    }

    let mut steps = Steps::default();
    steps.run("stage www/zendesk and the agent UI", || {
        stage(domain.as_deref())
    })?;
    steps.run("zip", || {
        let zip = zip_path();
        if zip.exists() {
            // `zip` adds to an existing archive; start from nothing so removed files go too.
            fs::remove_file(&zip).map_err(|e| format!("cannot remove {}: {e}", zip.display()))?;
        }
        let zip_s = zip.to_string_lossy();
        let mut c = cmd("zip", &["-r", "-X", &zip_s, "."]);
        c.current_dir(stage_dir());
        exec(&mut c)
    })?;
    steps.summary();

    let zip = zip_path();
    let size = fs::metadata(&zip)
        .map_err(|e| format!("cannot read {}: {e}", zip.display()))?
        .len();
    println!("\n{}: {size} B", zip.display());
    let manifest = fs::read_to_string(stage_dir().join("manifest.json"))
        .map_err(|e| format!("cannot read the staged manifest.json: {e}"))?;
    if manifest.contains(&format!("\"{PLACEHOLDER_HOST}\"")) {
        println!(
            "note: domainWhitelist still names {PLACEHOLDER_HOST}; Zendesk substitutes the secure \
             jwt_secret only for whitelisted domains, so pass `--domain YOUR-PROXY-HOST` \
             (see www/zendesk/README.md)"
        );
    }
    Ok(())
}

/// Reads `--domain HOST` (or `--domain=HOST`), the only option.
fn parse_args(args: &[String]) -> Result<Option<String>> {
    let mut domain = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let value = if arg == "--domain" {
            rest.next()
                .ok_or_else(|| "--domain needs a host, e.g. --domain wismo.shop.com".to_owned())?
                .clone()
        } else if let Some(v) = arg.strip_prefix("--domain=") {
            v.to_owned()
        } else {
            return Err(
                format!("unknown argument `{arg}`; see `cargo xtask zendesk-app --help`").into(),
            );
        };
        domain = Some(check_host(&value)?);
    }
    Ok(domain)
}

/// A bare host name, as `domainWhitelist` takes it: no scheme, path or port.
fn check_host(host: &str) -> Result<String> {
    let host = host.trim().to_ascii_lowercase();
    let valid = !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if valid {
        Ok(host)
    } else {
        Err(format!(
            "`{host}` is not a host name; give the proxy's host alone, e.g. wismo.shop.com \
             (no https://, path or port)"
        )
        .into())
    }
}

/// Copies `www/zendesk/` into a fresh `target/zendesk-app/`, the agent UI into its `assets/`,
/// and names `domain` in the staged manifest's `domainWhitelist` when one is given.
fn stage(domain: Option<&str>) -> Result {
    let stage = stage_dir();
    if stage.exists() {
        fs::remove_dir_all(&stage).map_err(|e| format!("cannot clear {}: {e}", stage.display()))?;
    }
    copy_tree(&source_dir(), &stage, true)?;
    for file in AGENT_FILES {
        let to = stage.join("assets").join(file);
        fs::copy(agent_dir().join(file), &to)
            .map_err(|e| format!("cannot copy {file} to {}: {e}", to.display()))?;
    }
    if let Some(host) = domain {
        let path = stage.join("manifest.json");
        let manifest = fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let placeholder = format!("\"domainWhitelist\": [\"{PLACEHOLDER_HOST}\"]");
        if !manifest.contains(&placeholder) {
            return Err(format!(
                "www/zendesk/manifest.json has no `{placeholder}` to replace; edit its \
                 domainWhitelist by hand"
            )
            .into());
        }
        let named = manifest.replace(&placeholder, &format!("\"domainWhitelist\": [\"{host}\"]"));
        fs::write(&path, named).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("domainWhitelist: [\"{host}\"]");
    }
    Ok(())
}

/// Copies a directory recursively, leaving out dotfiles and, at the top, [`NOT_PACKAGED`].
fn copy_tree(from: &Path, to: &Path, top: bool) -> Result {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("cannot list {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", from.display()))?;
        let name = entry.file_name();
        let name_s = name.to_string_lossy();
        if name_s.starts_with('.') || (top && NOT_PACKAGED.contains(&&*name_s)) {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(&name));
        if src.is_dir() {
            copy_tree(&src, &dst, false)?;
        } else {
            fs::copy(&src, &dst)
                .map_err(|e| format!("cannot copy {} to {}: {e}", src.display(), dst.display()))?;
        }
    }
    Ok(())
}
