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

/// Copies the tree `from` to `to` (created), with the files `keep` accepts.
pub fn copy_tree(from: &Path, to: &Path, keep: &dyn Fn(&Path) -> bool) {
    std::fs::create_dir_all(to).expect("create dir");
    let mut entries: Vec<_> = std::fs::read_dir(from)
        .expect("read dir")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            copy_tree(&path, &to.join(entry.file_name()), keep);
        } else if keep(&path) {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}

/// The collections of `../shared/corpus` (one folder each), sorted.
pub fn corpus_collections(shared: &Path) -> Vec<PathBuf> {
    let mut collections: Vec<PathBuf> = std::fs::read_dir(shared.join("corpus"))
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    collections.sort();
    collections
}

/// `collection` copied into `scratch` without the files `agentgen check` reports an error for
/// (no export takes them): the copy, and how many files were left out.
pub fn without_files_in_error(collection: &Path, scratch: &Path) -> (PathBuf, usize) {
    let check = agentgen(&[
        "check",
        collection.to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    let mut in_error: Vec<PathBuf> = stdout(&check)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|d| d["type"] == "diagnostic" && d["severity"] == "error")
        .filter_map(|d| d["file"].as_str().map(PathBuf::from))
        .collect();
    in_error.sort();
    in_error.dedup();
    let copy = scratch.join(collection.file_name().expect("collection name"));
    copy_tree(collection, &copy, &|path| {
        !in_error.iter().any(|e| e == path)
    });
    (copy, in_error.len())
}

/// Runs `node script args…` and returns its run (status, stderr) and its stdout, written to
/// `answer_file` on the way: the probes exit right after printing, and through a pipe node can
/// cut a long answer short (it did under load), while writes to a file complete.
pub fn node_answer(
    script: &Path,
    args: &[&std::ffi::OsStr],
    answer_file: &Path,
) -> (Output, String) {
    let file = std::fs::File::create(answer_file).expect("answer file");
    let output = Command::new("node")
        .arg(script)
        .args(args)
        .stdout(file)
        .output()
        .expect("node runs");
    let text = std::fs::read_to_string(answer_file).expect("the probe's answer");
    (output, text)
}
