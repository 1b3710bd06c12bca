//! The real GitHub Copilot CLI (1.0.102, `../shared/runtimes/copilot/agents.mjs`: its own
//! `agents.discover`) against agentgen, for every collection of `../shared/corpus` and the
//! bundled catalog (`agents/`, packs), each laid out as a project's `.claude/agents`:
//!
//! - (a) `agentgen inspect --target copilot` predicts what Copilot lists from the
//!   `.claude/agents` files: which files, and each agent's name, description, tools and model.
//! - (b) `agentgen export --format copilot` writes `.github/agents/*.agent.md` that Copilot lists
//!   whole: every exported agent, with Claude Code's name and description and the tools mapped
//!   through Copilot's alias table (written here from GitHub's reference, apart from agentgen's).
//!
//! Needs `node` and `npm install` in `../shared/runtimes/copilot` (which `.ci/run` does). Without
//! them the tests print SKIPPED and pass; in CI (`CI` set) they fail.

mod common;

use common::{agentgen, shared, stderr, stdout};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

/// `agents.mjs`, when node and the Copilot binary are there.
fn probe() -> Option<PathBuf> {
    let dir = shared()?.join("runtimes/copilot");
    let script = dir.join("agents.mjs");
    let binary = dir.join("node_modules/@github/copilot-linux-x64/copilot");
    let node = Command::new("node").arg("--version").output();
    let missing = if !script.is_file() {
        Some(format!("{} is missing", script.display()))
    } else if !binary.is_file() {
        Some(format!(
            "the Copilot binary is missing: run `npm install` in {}",
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
                "CI must run the real Copilot CLI: {why}"
            );
            eprintln!("SKIPPED: needs the real Copilot CLI: {why}");
            None
        }
    }
}

/// What Copilot lists from `project`, by path relative to `under` (agents found elsewhere, in a
/// folder above, are left out).
fn listed(script: &Path, project: &Path, under: &Path) -> BTreeMap<String, Value> {
    // The probe exits right after printing: through a pipe, node would cut a long answer
    // short, so it writes to a file.
    let answer_file = project.with_extension("copilot.json");
    let file = std::fs::File::create(&answer_file).expect("answer file");
    let output = Command::new("node")
        .arg(script)
        .arg(project)
        .arg("--raw")
        .stdout(file)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "the probe fails on {}: {}",
        project.display(),
        stderr(&output)
    );
    let text = std::fs::read(&answer_file).expect("the probe's answer");
    let answer: Value = serde_json::from_slice(&text).expect("the probe's JSON");
    let under = under.canonicalize().expect("canonical");
    let mut found = BTreeMap::new();
    for agent in answer["agents"].as_array().expect("agents") {
        let path = PathBuf::from(agent["path"].as_str().expect("path"));
        let Ok(relative) = path.strip_prefix(&under) else {
            continue;
        };
        let model = agent.get("models").cloned().unwrap_or(Value::Null);
        found.insert(
            relative.to_string_lossy().into_owned(),
            json!({
                "name": agent["name"],
                "description": agent["description"],
                "tools": agent["tools"],
                "models": if model.is_null() { json!([]) } else { model },
            }),
        );
    }
    found
}

fn copy_tree(from: &Path, to: &Path, keep: &dyn Fn(&Path) -> bool) {
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

/// A fresh scratch folder in the target directory (no `.claude` above it).
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("runtime_copilot")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch");
    dir
}

/// The catalogs to check: every corpus collection and the bundled catalog.
fn catalogs(shared: &Path) -> Vec<(String, PathBuf)> {
    let mut found: Vec<(String, PathBuf)> = std::fs::read_dir(shared.join("corpus"))
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .map(|p| {
            (
                p.file_name().expect("name").to_string_lossy().into_owned(),
                p,
            )
        })
        .collect();
    found.sort();
    assert_eq!(found.len(), 7, "the corpus has seven collections");
    found.push((
        "bundled".to_owned(),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("agents"),
    ));
    found
}

/// `agentgen inspect DIR --target copilot`, the agent files' objects by path below DIR.
fn inspect(dir: &Path) -> BTreeMap<String, Value> {
    let dir_text = dir.to_str().expect("utf-8");
    let output = agentgen(&["inspect", dir_text, "--target", "copilot"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut files = BTreeMap::new();
    for line in stdout(&output).lines() {
        let object: Value = serde_json::from_str(line).expect("JSON line");
        if object["kind"] == "agent" {
            let file = object["file"].as_str().expect("file").to_owned();
            files.insert(file, object);
        }
    }
    files
}

#[test]
fn copilot_lists_what_agentgen_predicts_from_claude_agents() {
    let Some(script) = probe() else { return };
    let Some(shared) = shared() else { return };
    let mut failures = Vec::new();
    let mut total = 0;
    for (label, source) in catalogs(&shared) {
        let project = scratch(&label);
        let agents_dir = project.join(".claude/agents");
        copy_tree(&source, &agents_dir, &|_| true);
        let predicted: BTreeMap<String, Value> = inspect(&agents_dir)
            .into_iter()
            .filter(|(_, o)| o["targets"]["copilot"]["loads"] == true)
            .map(|(file, o)| {
                let c = &o["targets"]["copilot"];
                // The folder is read as the project's `.claude`: paths start with `agents/`.
                let relative = file.strip_prefix("agents/").unwrap_or(&file).to_owned();
                let reading = json!({
                    "name": c["name"], "description": c["description"],
                    "tools": c["tools"], "models": c["models"],
                });
                (relative, reading)
            })
            .collect();
        let answer = listed(&script, &project, &agents_dir);
        let mut verdicts: BTreeMap<String, usize> = BTreeMap::new();
        for object in inspect(&agents_dir).values() {
            let verdict = &object["targets"]["copilot"]["verdict"];
            *verdicts
                .entry(verdict.as_str().unwrap_or("no-claude-agent").to_owned())
                .or_default() += 1;
        }
        eprintln!(
            "{label}: Copilot lists {} agents; agentgen's verdicts {verdicts:?}",
            answer.len()
        );
        assert!(!answer.is_empty(), "{label}: Copilot lists no agent");
        total += answer.len();
        for file in predicted.keys().chain(answer.keys()) {
            if predicted.get(file) != answer.get(file) {
                failures.push(format!(
                    "{label}/{file}:\n  predicted {:?}\n  Copilot   {:?}",
                    predicted.get(file),
                    answer.get(file)
                ));
            }
        }
    }
    failures.dedup();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(total > 600, "only {total} agents compared");
}

/// Copilot's tool for one of Claude Code's entries, from GitHub's reference ("Tool aliases",
/// case-insensitive), restrictions in parentheses dropped, MCP tools as `server/tool`.
fn expected_tool(entry: &str) -> Option<String> {
    if let Some(rest) = entry.strip_prefix("mcp__") {
        return Some(match rest.split_once("__") {
            Some((server, tool)) => format!("{server}/{tool}"),
            None => format!("{rest}/*"),
        });
    }
    let base = entry
        .split('(')
        .next()
        .unwrap_or(entry)
        .trim()
        .to_lowercase();
    let tool = match base.as_str() {
        "execute" | "shell" | "bash" | "powershell" => "execute",
        "read" | "notebookread" => "read",
        "edit" | "multiedit" | "write" | "notebookedit" => "edit",
        "search" | "grep" | "glob" => "search",
        "agent" | "custom-agent" | "task" => "agent",
        "web" | "websearch" | "webfetch" => "web",
        "todo" | "todowrite" => "todo",
        _ => return None,
    };
    Some(tool.to_owned())
}

#[test]
fn the_copilot_export_loads_in_copilot_whole() {
    let Some(script) = probe() else { return };
    let Some(shared) = shared() else { return };
    let mut failures = Vec::new();
    let mut total = 0;
    for (label, source) in catalogs(&shared) {
        let scratch = scratch(&format!("export-{label}"));
        // Files Claude Code reports errors for are left out: a catalog with errors is not
        // exported (the test of the export is about the agents it writes).
        let in_error: Vec<PathBuf> = inspect(&source)
            .iter()
            .filter(|(_, o)| o["ok"] == false)
            .map(|(file, _)| source.join(file))
            .collect();
        let catalog = scratch.join("agents");
        copy_tree(&source, &catalog, &|p| !in_error.iter().any(|e| e == p));
        let claude = inspect(&catalog);
        let out = scratch.join("out");
        let output = agentgen(&[
            "export",
            catalog.to_str().expect("utf-8"),
            "--format",
            "copilot",
            "--out",
            out.to_str().expect("utf-8"),
        ]);
        assert!(output.status.success(), "{label}: {}", stderr(&output));
        let answer = listed(&script, &out, &out.join(".github/agents"));
        let exported = claude.values().filter(|o| !o["qualified_name"].is_null());
        let mut count = 0;
        for object in exported {
            count += 1;
            let qualified = object["qualified_name"].as_str().expect("name");
            let file = format!("{}.agent.md", qualified.replace(':', "-"));
            let tools = object["effective_tools"].as_array().map(|entries| {
                let mut tools: Vec<String> = Vec::new();
                for tool in entries.iter().filter_map(|t| expected_tool(t.as_str()?)) {
                    if !tools.contains(&tool) {
                        tools.push(tool);
                    }
                }
                tools
            });
            let want = json!({
                "name": object["name"],
                "description": object["description"],
                "tools": tools.unwrap_or_else(|| vec!["*".to_owned()]),
                "models": [],
            });
            if answer.get(&file) != Some(&want) {
                failures.push(format!(
                    "{label}/{file}:\n  wanted  {want}\n  Copilot {:?}",
                    answer.get(&file)
                ));
            }
        }
        eprintln!(
            "{label}: Copilot lists {} of {count} exported agents",
            answer.len()
        );
        assert_eq!(answer.len(), count, "{label}: Copilot lists other files");
        total += count;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(total > 600, "only {total} agents compared");
}
