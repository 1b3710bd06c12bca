//! The real Claude Code CLI (2.1.332, `../shared/claude-code/cli-agents.mjs`) loads what
//! `agentgen export` writes: end to end, through the `--agents` JSON a user passes to `claude`.
//!
//! - The bundled catalog's export gives exactly the bundled agents, with the name, description
//!   and model Claude Code itself reads from each pack's files (`--project agents/<pack>`, names
//!   prefixed with the pack).
//! - For every corpus folder that compiles without errors, its export loads with the same agents
//!   (name, description, model) as the folder itself loaded as a project's `.claude/agents`.
//!
//! Needs `node` and `npm install` in `../shared/claude-code` (which `.ci/run` does). Without
//! them the tests print SKIPPED and pass; in CI (`CI` set) they fail.

mod common;

use common::{agentgen, shared, stderr};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The bundled catalog's typed constants, generated from agents/ by build.rs (of the package
/// `bundled/`).
use agentgen_bundled::agents as bundled;

/// `cli-agents.mjs`, when node and the Claude Code binary are there.
fn cli_agents_script() -> Option<PathBuf> {
    common::node_probe(
        "claude-code",
        "cli-agents.mjs",
        "node_modules/@anthropic-ai/claude-code-linux-x64/claude",
        "Claude Code CLI",
    )
}

/// One agent as the CLI lists it: name → (description, model).
type Listed = BTreeMap<String, (String, Option<String>)>;

/// Runs `node cli-agents.mjs ARGS` and collects the agents it lists.
fn cli_agents(script: &Path, args: &[&str]) -> Listed {
    let output = Command::new("node")
        .arg(script)
        .args(args)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "cli-agents.mjs {args:?} failed: {}",
        stderr(&output)
    );
    let mut listed = Listed::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let agent: Value = serde_json::from_str(line).expect("a JSON line per agent");
        let name = agent["name"].as_str().expect("name").to_owned();
        let description = agent["description"].as_str().unwrap_or_default().to_owned();
        let model = agent["model"].as_str().map(str::to_owned);
        assert!(
            listed.insert(name.clone(), (description, model)).is_none(),
            "{name} listed twice"
        );
    }
    listed
}

/// `agentgen export DIR` into a file; `None` when the catalog has errors (export refuses it).
fn export(dir: &Path, out: &Path) -> Option<PathBuf> {
    let output = agentgen(&["export", dir.to_str().expect("utf-8 path")]);
    if output.status.code() == Some(1) {
        return None;
    }
    assert!(
        output.status.success(),
        "export failed: {}",
        stderr(&output)
    );
    std::fs::write(out, &output.stdout).expect("write the export");
    Some(out.to_path_buf())
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("claude-cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Differences between two listings, as lines.
fn differences(exported: &Listed, read: &Listed) -> Vec<String> {
    let mut out = Vec::new();
    for (name, value) in exported {
        match read.get(name) {
            None => out.push(format!(
                "{name}: exported, but Claude Code reads no such agent from the files"
            )),
            Some(theirs) if theirs != value => {
                out.push(format!("{name}: export {value:?}\n    files  {theirs:?}"))
            }
            Some(_) => {}
        }
    }
    for name in read.keys().filter(|n| !exported.contains_key(*n)) {
        out.push(format!(
            "{name}: Claude Code reads it from the files, but the export lacks it"
        ));
    }
    out
}

#[test]
fn the_bundled_export_loads_into_claude_code_as_the_bundled_agents() {
    let Some(script) = cli_agents_script() else {
        return;
    };
    let scratch = scratch("bundled");
    let agents_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("agents");
    let json =
        export(&agents_dir, &scratch.join("agents.json")).expect("the bundled catalog exports");
    let exported = cli_agents(&script, &["--agents", json.to_str().expect("utf-8 path")]);

    let bundled: Vec<&str> = bundled::ALL
        .iter()
        .map(|spec| spec.qualified_name)
        .collect();
    let listed: Vec<&str> = exported.keys().map(String::as_str).collect();
    assert_eq!(
        listed, bundled,
        "Claude Code lists exactly the bundled agents"
    );
    for spec in bundled::ALL {
        let (description, model) = &exported[spec.qualified_name];
        assert_eq!(description, spec.description, "{}", spec.qualified_name);
        assert_eq!(
            model.as_deref(),
            spec.model.map(|m| m.as_str()),
            "{}",
            spec.qualified_name
        );
    }

    // Claude Code's own reading of each pack's files, names prefixed with the pack.
    let mut read = Listed::new();
    let mut packs: Vec<PathBuf> = std::fs::read_dir(&agents_dir)
        .expect("agents/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    packs.sort();
    for pack in packs {
        let pack_name = pack
            .file_name()
            .and_then(|n| n.to_str())
            .expect("pack name");
        for (name, value) in cli_agents(&script, &["--project", pack.to_str().expect("utf-8")]) {
            read.insert(format!("{pack_name}:{name}"), value);
        }
    }
    let differences = differences(&exported, &read);
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn corpus_exports_load_into_claude_code_as_their_folders() {
    let Some(script) = cli_agents_script() else {
        return;
    };
    let Some(shared) = shared() else { return };
    let scratch = scratch("corpus");
    let collections = common::corpus_collections(&shared);
    let mut failures = Vec::new();
    let mut agents = 0;
    for collection in &collections {
        let (folder, left_out) = common::without_files_in_error(collection, &scratch);
        let json = export(&folder, &scratch.join("export.json")).unwrap_or_else(|| {
            panic!(
                "{}: errors remain without the files in error",
                folder.display()
            )
        });
        let exported = cli_agents(&script, &["--agents", json.to_str().expect("utf-8")]);
        let read = cli_agents(&script, &["--project", folder.to_str().expect("utf-8")]);
        let label = collection
            .strip_prefix(&shared)
            .unwrap_or(collection)
            .display();
        eprintln!(
            "{label}: {} agents load the same from the export and from the files ({left_out} files with errors left out)",
            exported.len()
        );
        assert!(!read.is_empty(), "{label} loads no agent");
        agents += exported.len();
        let differences = differences(&exported, &read);
        if !differences.is_empty() {
            failures.push(format!("{label}:\n  {}", differences.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(collections.len(), 7, "the corpus has seven collections");
    assert!(agents > 600, "only {agents} agents compared");
}
