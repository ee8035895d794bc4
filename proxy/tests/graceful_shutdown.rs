//! SIGTERM while a request is in flight: the real binary stops accepting new connections but
//! finishes the request it is answering, then exits cleanly.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::Duration;

/// Kills the demo if a test fails before it stopped it.
struct Demo(Child);

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(dir: &std::path::Path) -> (Demo, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wismo"))
        .args(["demo", "--addr", "127.0.0.1:0", "--db"])
        .arg(dir.join("demo.sqlite"))
        .arg("--www-dir")
        .arg(dir)
        .arg("--widget-dir")
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("wismo demo running at http://")
        .and_then(|a| a.strip_suffix('/'))
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    (Demo(child), addr)
}

fn connect(addr: &str) -> TcpStream {
    let s = TcpStream::connect(addr).expect("the demo accepts connections");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s
}

fn post_head(addr: &str, path: &str, token: Option<&str>, len: usize) -> String {
    let auth = token.map_or(String::new(), |t| format!("Authorization: Bearer {t}\r\n"));
    format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\n{auth}Content-Length: {len}\r\n\r\n"
    )
}

fn token(addr: &str) -> String {
    let body = r#"{"order_number":"1004","email":"marco@example.com"}"#;
    let mut s = connect(addr);
    write!(
        s,
        "{}{body}",
        post_head(addr, "/api/v1/session", None, body.len())
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let json = out.split("\r\n\r\n").nth(1).expect("a body");
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON");
    v["token"].as_str().expect("a token").to_owned()
}

#[test]
fn a_request_in_flight_when_sigterm_arrives_is_answered_before_exit() {
    let dir = tempfile::tempdir().unwrap();
    let (mut demo, addr) = start(dir.path());
    let token = token(&addr);

    // Half a request: the handler is running, waiting for the rest of its body.
    let body = r#"{"message":"where is my order?","channel":"chat"}"#;
    let (first, second) = body.split_at(10);
    let mut s = connect(&addr);
    write!(
        s,
        "{}{first}",
        post_head(&addr, "/api/v1/messages", Some(&token), body.len())
    )
    .unwrap();
    s.flush().unwrap();
    sleep(Duration::from_millis(300));

    let pid = demo.0.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    sleep(Duration::from_millis(300));
    assert!(
        demo.0.try_wait().unwrap().is_none(),
        "the server waits for the request in flight"
    );
    assert!(
        TcpStream::connect(&addr).is_err(),
        "no new connections are accepted while shutting down"
    );

    s.write_all(second.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    assert!(out.starts_with("HTTP/1.1 200"), "{out}");
    assert!(out.contains("\"reply\""), "{out}");

    let status = demo.0.wait().unwrap();
    assert!(status.success(), "graceful shutdown exits 0: {status}");
}
