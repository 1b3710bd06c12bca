//! What the tests that run the `agentgen` binary share.

#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod lsp;

/// Runs the built binary in the package directory, without `NO_COLOR` from the environment.
pub fn agentgen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agentgen"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .output()
        .expect("the agentgen binary runs")
}

/// Standard output, lossily decoded.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error, lossily decoded.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `../shared` beside the checkout. When it is absent the test says SKIPPED and passes, unless
/// `CI` is set, where its absence is a failure.
/// The probe script `script` of a real CLI under `../shared/<folder>`, when node and the CLI's
/// `installed` file or folder (relative to the folder, from `npm install`) are there. Missing
/// anything: a failure in CI (`CI` set), else `SKIPPED: …` and `None`. `runtime` names the CLI
/// in the message.
#[allow(dead_code)]
pub fn node_probe(folder: &str, script: &str, installed: &str, runtime: &str) -> Option<PathBuf> {
    let dir = shared()?.join(folder);
    let script = dir.join(script);
    let node = std::process::Command::new("node").arg("--version").output();
    let missing = if !script.is_file() {
        Some(format!("{} is missing", script.display()))
    } else if !dir.join(installed).exists() {
        Some(format!(
            "{runtime} is not installed: run `npm install` in {}",
            dir.display()
        ))
    } else if !node.is_ok_and(|o| o.status.success()) {
        Some("`node` is not on PATH".to_owned())
    } else {
        None
    };
    match missing {
        None => Some(script),
        Some(why) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must run the real {runtime}: {why}"
            );
            eprintln!("SKIPPED: the real {runtime} cannot run here: {why}");
            None
        }
    }
}

pub fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.join("corpus").is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "../shared must sit beside the checkout in CI"
    );
    eprintln!("SKIPPED: ../shared is absent beside the checkout");
    None
}
