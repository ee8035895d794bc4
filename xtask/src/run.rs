//! Running things: timed, named steps and child processes that print what they run.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Why a task stopped.
#[derive(Debug)]
pub enum Error {
    /// A named step failed; the detail says how.
    Step {
        name: String,
        after: Duration,
        detail: String,
    },
    /// Something outside any step went wrong.
    Other(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Step {
                name,
                after,
                detail,
            } => write!(f, "step `{name}` failed after {}: {detail}", secs(*after)),
            Self::Other(detail) => f.write_str(detail),
        }
    }
}

impl From<String> for Error {
    fn from(s: String) -> Self {
        Self::Other(s)
    }
}

pub type Result<T = ()> = std::result::Result<T, Error>;

/// Formats a duration the way every step reports it.
pub fn secs(d: Duration) -> String {
    format!("{:.1}s", d.as_secs_f64())
}

/// The repository root (the parent of this crate), where every command runs.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the repository")
        .to_path_buf()
}

/// Cargo's target directory: `CARGO_TARGET_DIR` when set, else `target/` at the root.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

/// A sequence of named steps, each timed; the durations are summed up at the end.
#[derive(Default)]
pub struct Steps {
    done: Vec<(String, Duration)>,
}

impl Steps {
    /// Runs one named step, printing its name before and its duration after.
    pub fn run(&mut self, name: &str, f: impl FnOnce() -> Result) -> Result {
        println!("\n==> {name}");
        let start = Instant::now();
        let outcome = f();
        let took = start.elapsed();
        match outcome {
            Ok(()) => {
                println!("<== {name}: ok in {}", secs(took));
                self.done.push((name.to_owned(), took));
                Ok(())
            }
            Err(e) => {
                let detail = match e {
                    Error::Step { detail, .. } | Error::Other(detail) => detail,
                };
                println!("<== {name}: FAILED after {}", secs(took));
                Err(Error::Step {
                    name: name.to_owned(),
                    after: took,
                    detail,
                })
            }
        }
    }

    /// Prints each step's duration and the total.
    pub fn summary(&self) {
        println!("\nSteps:");
        let mut total = Duration::ZERO;
        for (name, took) in &self.done {
            println!("  {:>7}  {name}", secs(*took));
            total += *took;
        }
        println!("  {:>7}  total", secs(total));
    }
}

/// A command that runs at the repository root.
pub fn cmd(program: &str, args: &[&str]) -> Command {
    let mut c = Command::new(program);
    c.args(args).current_dir(root());
    c
}

fn describe(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for a in c.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// Runs a command with inherited output, failing unless it exits successfully.
pub fn exec(c: &mut Command) -> Result {
    let line = describe(c);
    println!("$ {line}");
    let status = c
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("could not start `{line}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` exited with {status}").into())
    }
}

/// Runs a command quietly and returns its standard output, or `None` when it cannot run or fails.
pub fn output(c: &mut Command) -> Option<String> {
    let out = c.stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
