//! The README's worked example stays true: its scenario JSON resolves as the text says.

use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn the_readme_scenario_resolves_to_an_in_transit_answer_with_a_deadline() {
    let readme = include_str!("../../README.md");
    let start = readme.find("```json\n").expect("README has a JSON example") + "```json\n".len();
    let end = start
        + readme[start..]
            .find("```")
            .expect("the JSON block is closed");
    let mut child = Command::new(env!("CARGO_BIN_EXE_wismo"))
        .arg("resolve")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&readme.as_bytes()[start..end])
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["situation"]["kind"], "in_transit");
    assert_eq!(r["deadline"]["verdict"], "no");
    assert!(r["reply"].as_str().unwrap().contains("Secaucus, NJ"));
}
