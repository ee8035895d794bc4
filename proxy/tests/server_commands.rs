//! `wismo demo` and `wismo serve` as processes: the address line browser tests rely on, a real
//! socket, graceful shutdown, and refusing to start without a proper secret.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

fn http_get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("the demo accepts connections");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

/// A running `wismo demo` on a free port, its stdout after the address line, and its address.
struct Demo {
    child: std::process::Child,
    stdout: BufReader<std::process::ChildStdout>,
    addr: String,
}

/// Starts the demo in `dir` (its database, `www/` and `widget/`), with `env` added.
fn start_demo(dir: &std::path::Path, env: &[(&str, &str)], stderr: Stdio) -> Demo {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wismo"))
        .args(["demo", "--addr", "127.0.0.1:0", "--db"])
        .arg(dir.join("demo.sqlite"))
        .arg("--www-dir")
        .arg(dir.join("www"))
        .arg("--widget-dir")
        .arg(dir.join("widget"))
        .envs(env.iter().copied())
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let addr = line
        .strip_prefix("wismo demo running at http://")
        .and_then(|rest| rest.strip_suffix("/\n"))
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    Demo {
        child,
        stdout,
        addr,
    }
}

fn sigterm(child: &std::process::Child) {
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
}

#[test]
fn demo_prints_its_real_address_serves_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    std::fs::create_dir_all(&www).unwrap();
    std::fs::write(www.join("index.html"), "<!doctype html><title>shop</title>").unwrap();
    let Demo {
        mut child,
        mut stdout,
        addr,
    } = start_demo(dir.path(), &[], Stdio::null());
    assert!(!addr.ends_with(":0"), "the real port is printed: {addr}");

    let health = http_get(&addr, "/healthz");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(health.ends_with("ok"), "{health}");
    let index = http_get(&addr, "/");
    assert!(index.contains("<title>shop</title>"), "{index}");

    sigterm(&child);
    let status = child.wait().unwrap();
    assert!(status.success(), "graceful shutdown exits 0: {status}");
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert_eq!(rest, "", "the address line is the only stdout output");
}

/// Runs `wismo serve` with a config file of `config`, no secrets from the environment, and
/// returns what it wrote to stderr when it refused to start.
fn serve_refusal(config: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wismo.toml");
    std::fs::write(&path, config).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_wismo"))
        .args(["serve", "--config"])
        .arg(&path)
        .env_remove("WISMO_SESSION_SECRET")
        .env_remove("WISMO_SHOPIFY_CLIENT_SECRET")
        .output()
        .unwrap();
    assert!(!out.status.success(), "{config}");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn serve_refuses_to_start_with_a_short_secret() {
    let err = serve_refusal("session_secret = \"too-short\"\n");
    assert!(err.contains("at least 32 bytes"), "{err}");
}

#[test]
fn serve_refuses_to_start_without_any_secret() {
    let err = serve_refusal("listen = \"127.0.0.1:0\"\n");
    assert!(err.contains("WISMO_SESSION_SECRET"), "{err}");
}

// See: issue 14. Webhooks are applied only for the configured shop; without one, every delivery
// would be acknowledged and dropped without a word.
#[test]
fn serve_refuses_a_webhook_secret_without_the_shop_it_is_for() {
    let err = serve_refusal(
        "listen = \"127.0.0.1:0\"\nsession_secret = \"0123456789abcdef0123456789abcdef\"\n\
         [shopify]\nclient_secret = \"shpss_x\"\n",
    );
    assert!(err.contains("shopify.shop_domain is required"), "{err}");
    // A custom domain never appears in Shopify's webhooks: every delivery would be dropped.
    let err = serve_refusal(
        "listen = \"127.0.0.1:0\"\nsession_secret = \"0123456789abcdef0123456789abcdef\"\n\
         [shopify]\nshop_domain = \"shop.example.com\"\nclient_secret = \"shpss_x\"\n",
    );
    assert!(err.contains("myshopify.com domain"), "{err}");
}

/// Runs the demo with `env` for one `/healthz` request, stops it with SIGTERM and returns what
/// it wrote to stderr.
fn demo_stderr(env: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let demo = start_demo(dir.path(), env, Stdio::piped());
    assert!(http_get(&demo.addr, "/healthz").starts_with("HTTP/1.1 200"));
    sigterm(&demo.child);
    let out = demo.child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn json_logs_are_one_object_per_line_with_the_request_span() {
    let stderr = demo_stderr(&[("WISMO_LOG_FORMAT", "json")]);
    let lines: Vec<serde_json::Value> = stderr
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l:?}")))
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l["message"] == "listening" && l["level"] == "INFO"),
        "{stderr}"
    );
    assert!(
        lines.iter().any(|l| l["span"]["path"] == "/healthz"
            && l["span"]["method"] == "GET"
            && l["message"] == "finished processing request"
            && l["status"] == 200),
        "each request ends with an access-log line inside its span: {stderr}"
    );
}

#[test]
fn an_unknown_log_format_is_refused_by_name() {
    let out = Command::new(env!("CARGO_BIN_EXE_wismo"))
        .args(["demo", "--addr", "127.0.0.1:0"])
        .env("WISMO_LOG_FORMAT", "yaml")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("WISMO_LOG_FORMAT") && err.contains("yaml"),
        "{err}"
    );
}
