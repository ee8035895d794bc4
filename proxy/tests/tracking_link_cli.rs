//! `wismo tracking-link`: mints a link the server accepts, with the secret from the config file
//! or the environment, and refuses to run without one.

use chrono::{DateTime, Utc};
use std::process::{Command, Output};
use wismo_proxy::auth::TrackingLinks;

const SECRET: &str = "tracking-link-secret-of-32-bytes!";

fn run(config: &str, env_secret: Option<&str>) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wismo.toml");
    std::fs::write(&path, config).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wismo"));
    cmd.args(["tracking-link", "--config"])
        .arg(&path)
        .arg("#1004")
        .env_remove("WISMO_TRACKING_LINK_SECRET");
    if let Some(s) = env_secret {
        cmd.env("WISMO_TRACKING_LINK_SECRET", s);
    }
    cmd.output().unwrap()
}

#[test]
fn a_minted_link_verifies_until_the_configured_lifetime_ends() {
    let out = run(
        &format!("[tracking_links]\nsecret = \"{SECRET}\"\nttl_days = 7\n"),
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let token = lines.next().unwrap();
    let expires: DateTime<Utc> = lines.next().unwrap().parse().unwrap();
    let days = (expires - Utc::now()).num_hours();
    assert!((7 * 24 - 1..=7 * 24).contains(&days), "{expires}");
    let links = TrackingLinks::new(SECRET.as_bytes(), 7).unwrap();
    let order = links
        .verify(token, Utc::now())
        .expect("the server accepts it");
    assert_eq!(order.as_str(), "1004");
}

#[test]
fn the_environment_supplies_the_secret_and_without_one_it_fails() {
    let out = run("", Some(SECRET));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run("", None);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("WISMO_TRACKING_LINK_SECRET"), "{err}");
}

#[test]
fn a_demo_link_is_a_path_the_running_demo_accepts() {
    let out = Command::new(env!("CARGO_BIN_EXE_wismo"))
        .args(["tracking-link", "--demo", "1004"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let path = text.lines().next().unwrap();
    let token = path.strip_prefix("/t/").expect("a /t/ path");
    let granted = wismo_proxy::demo::tracking_links()
        .verify(token, wismo_proxy::demo::now())
        .unwrap();
    assert_eq!(granted.as_str(), "1004");
    // Neither both sources nor none.
    let both = Command::new(env!("CARGO_BIN_EXE_wismo"))
        .args(["tracking-link", "--demo", "--config", "x.toml", "1004"])
        .output()
        .unwrap();
    assert!(!both.status.success());
    let none = Command::new(env!("CARGO_BIN_EXE_wismo"))
        .args(["tracking-link", "1004"])
        .output()
        .unwrap();
    assert!(!none.status.success());
}
