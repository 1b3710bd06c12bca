//! Commands (`commands/**/*.md` of a `.claude` project or a plugin) through the command line:
//! `check` reports a misspelt tool in a command's `allowed-tools` at its place and counts
//! command files, `inspect` lists each command with what Claude Code reads from it, `graph`
//! draws it, and `export --format plugin` carries it.

mod common;

use common::{agentgen, stderr, stdout};

use std::path::{Path, PathBuf};

use serde_json::Value;

fn project(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli-commands")
        .join(name)
        .join(".claude");
    let _ = std::fs::remove_dir_all(&root);
    let files = [
        (
            "agents/runner.md",
            "---\nname: runner\ndescription: Runs the release\nskills: ship\n---\nRun.\n",
        ),
        (
            "commands/ship.md",
            "---\ndescription: Ships it\nallowed-tools: Bsh(git push:*), Raed\nargument-hint: \"[branch]\"\n---\nShip.\n",
        ),
        ("commands/grp/deploy.md", "\n# Deploys the service\n"),
    ];
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, text).expect("write");
    }
    root
}

#[test]
fn check_reports_a_commands_unknown_tools_and_counts_command_files() {
    let root = project("check");
    let dir = root.to_str().expect("utf-8");
    let output = agentgen(&["check", dir]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(
        text.contains("error[unknown-tool]: unknown tool `Bsh`")
            && text.contains("commands/ship.md:3:16")
            && text.contains("did you mean `Bash`?")
            && text.contains("commands/ship.md:3:33")
            && text.contains("did you mean `Read`?"),
        "{text}"
    );
    assert!(
        text.contains("2 errors, 0 warnings in 3 files (1 agent, 2 commands)"),
        "{text}"
    );
    let json = agentgen(&["check", dir, "--format", "json"]);
    let summary: Value = stdout(&json)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|d| d["type"] == "summary")
        .expect("a summary");
    assert_eq!(summary["command_files"], 2, "{summary}");
    assert_eq!(summary["files"], 3, "{summary}");
}

#[test]
fn inspect_and_graph_show_commands() {
    let root = project("inspect");
    let dir = root.to_str().expect("utf-8");
    let output = agentgen(&["inspect", dir]);
    assert!(output.status.success(), "{}", stderr(&output));
    let commands: Vec<Value> = stdout(&output)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|item| item["kind"] == "command")
        .collect();
    assert_eq!(commands.len(), 2, "{commands:?}");
    let deploy = &commands[0];
    assert_eq!(deploy["qualified_name"], "grp:deploy");
    assert_eq!(deploy["description"], "Deploys the service");
    assert_eq!(deploy["file"], "commands/grp/deploy.md");
    let ship = &commands[1];
    assert_eq!(ship["qualified_name"], "ship");
    assert_eq!(ship["argument_hint"], "[branch]");
    assert_eq!(
        ship["allowed_tools"],
        serde_json::json!(["Bsh(git push:*)", "Raed"])
    );
    assert_eq!(ship["ok"], false);
    assert_eq!(
        ship["diagnostics"].as_array().map(Vec::len),
        Some(2),
        "{ship}"
    );
    // `graph` draws catalogs without errors.
    std::fs::write(
        root.join("commands/ship.md"),
        "---\ndescription: Ships it\nallowed-tools: Bash(git push:*), Read\n---\nShip.\n",
    )
    .expect("fix the command");
    let graph = agentgen(&["graph", dir, "--format", "json"]);
    assert!(graph.status.success(), "{}", stderr(&graph));
    let graph: Value = serde_json::from_slice(&graph.stdout).expect("graph JSON");
    let nodes = graph["nodes"].as_array().expect("nodes");
    let command_ids: Vec<(&str, &str)> = nodes
        .iter()
        .filter(|n| n["kind"] == "command")
        .map(|n| {
            (
                n["id"].as_str().unwrap_or(""),
                n["name"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(command_ids.len(), 2, "{nodes:?}");
    let ship_id = command_ids
        .iter()
        .find(|(_, name)| *name == "ship")
        .map(|(id, _)| *id)
        .expect("ship node");
    // The agent that preloads the command has a skill edge to its node.
    assert!(
        graph["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .any(|e| e["kind"] == "skill" && e["to"] == ship_id),
        "{graph}"
    );
    let mermaid = stdout(&agentgen(&["graph", dir]));
    assert!(mermaid.contains(":::command"), "{mermaid}");
}

#[test]
fn export_as_a_plugin_carries_the_commands() {
    let root = project("export");
    std::fs::write(
        root.join("commands/ship.md"),
        "---\ndescription: Ships it\nallowed-tools: Bash(git push:*), Read\n---\nShip.\n",
    )
    .expect("fix the command");
    let out = root.parent().expect("parent").join("out");
    let _ = std::fs::remove_dir_all(&out);
    let output = agentgen(&[
        "export",
        root.to_str().expect("utf-8"),
        "--format",
        "plugin",
        "--out",
        out.to_str().expect("utf-8"),
        "--plugin-name",
        "team",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    for file in ["commands/ship.md", "commands/grp/deploy.md"] {
        assert_eq!(
            std::fs::read(out.join(file)).expect("exported command"),
            std::fs::read(root.join(file)).expect("command"),
            "{file}"
        );
    }
    // Read back as a plugin: the same commands, named `team:…`.
    let inspect = agentgen(&[
        "inspect",
        out.to_str().expect("utf-8"),
        "--layout",
        "plugin",
    ]);
    let names: Vec<String> = stdout(&inspect)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|item| item["kind"] == "command")
        .filter_map(|item| item["qualified_name"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(names, ["team:grp:deploy", "team:ship"]);
}

/// A plugin's commands are labelled with their qualified names in the graph, as its agents and
/// skills are (`with-commands:ship`, not `ship`).
#[test]
fn a_plugins_command_nodes_carry_qualified_labels() {
    let plugin = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plugins/with-commands");
    let dot = stdout(&agentgen(&[
        "graph",
        plugin.to_str().expect("utf-8"),
        "--layout",
        "plugin",
        "--format",
        "dot",
    ]));
    let command_labels: Vec<&str> = dot
        .lines()
        .filter(|line| line.contains("fillcolor=\"#fff3e0\""))
        .filter_map(|line| line.split("label=\"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(!command_labels.is_empty(), "{dot}");
    assert!(
        command_labels
            .iter()
            .all(|label| label.starts_with("with-commands:")),
        "{command_labels:?}"
    );
}
