//! The example against the real Claude Code (2.1.332, `../shared/claude-code`), offline: the
//! `claude-team --list-agents` binary starts the CLI through cc-sdk with `Agent::Planner.team()`
//! converted by `agentgen::cc_sdk::agent_definitions`, and the agents the CLI reports in its
//! answer to the SDK's `initialize` (no prompt, no API call) are exactly the team, with the
//! descriptions and models of the compiled specs. As root, the binary runs without a network
//! (`unshare -n`), as `cli-agents.mjs` runs the CLI.
//!
//! Needs `npm install` in `../shared/claude-code` (which `.ci/run` does). Without the binary the
//! test prints SKIPPED and passes; in CI (`CI` set) it fails.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use agentgen_example_claude_team::agents::{self, Agent};

/// The native Claude Code binary beside the checkout, when installed.
fn claude_binary() -> Option<PathBuf> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let binary = workspace
        .join("../shared/claude-code/node_modules/@anthropic-ai/claude-code-linux-x64/claude");
    if binary.is_file() {
        return Some(binary);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must run the real Claude Code CLI: {} is missing (npm install in ../shared/claude-code)",
        binary.display()
    );
    eprintln!(
        "SKIPPED: the real Claude Code CLI is absent: {}",
        binary.display()
    );
    None
}

/// Whether `unshare -n` works here (root in a system that allows it).
fn can_unshare() -> bool {
    Command::new("unshare")
        .args(["-n", "true"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// name → (description, model), as the CLI lists agents.
type Listed = BTreeMap<String, (String, Option<String>)>;

/// Runs `claude-team --lead LEAD --list-agents` against `claude` in a scratch project; the
/// agents it prints, and its stdout.
fn list_agents(claude: &Path, lead: Agent) -> (Listed, String) {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("claude-team-{lead}"));
    let _ = std::fs::remove_dir_all(&scratch);
    let home = scratch.join("home");
    let project = scratch.join("project");
    std::fs::create_dir_all(&home).expect("home");
    std::fs::create_dir_all(&project).expect("project");

    let example = env!("CARGO_BIN_EXE_claude-team");
    let mut command = if can_unshare() {
        let mut command = Command::new("unshare");
        command.args(["-n", example]);
        command
    } else {
        Command::new(example)
    };
    let output = command
        .args(["--claude", claude.to_str().expect("utf-8 path")])
        .args(["--lead", lead.name(), "--list-agents"])
        .current_dir(&project)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("DISABLE_AUTOUPDATER", "1")
        .env("DISABLE_TELEMETRY", "1")
        .env("DISABLE_ERROR_REPORTING", "1")
        .env("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
        .output()
        .expect("the example runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "claude-team --lead {lead} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut reported = Listed::new();
    for line in stdout.lines() {
        let agent: serde_json::Value = serde_json::from_str(line).expect("a JSON line per agent");
        let name = agent["name"].as_str().expect("a name").to_owned();
        let description = agent["description"].as_str().unwrap_or_default().to_owned();
        let model = agent["model"].as_str().map(str::to_owned);
        assert!(
            reported
                .insert(name.clone(), (description, model))
                .is_none(),
            "{name} reported twice"
        );
    }
    (reported, stdout)
}

/// The team as the CLI should list it: qualified name → (description, model).
fn expected(lead: Agent) -> Listed {
    lead.team()
        .iter()
        .map(|spec| {
            let model = spec.model.map(|m| m.to_string());
            (
                spec.qualified_name.to_owned(),
                (spec.description.to_owned(), model),
            )
        })
        .collect()
}

#[test]
fn claude_code_started_through_cc_sdk_reports_exactly_the_team() {
    let Some(claude) = claude_binary() else {
        return;
    };
    let (reported, stdout) = list_agents(&claude, Agent::Planner);
    println!("Claude Code reports, beyond its built-in agents:\n{stdout}");
    let team = expected(Agent::Planner);
    assert_eq!(reported, team);
    // The team is the planner's hand-offs, not the whole catalog.
    assert_eq!(
        team.keys().collect::<Vec<_>>(),
        ["code-reviewer", "planner", "test-runner"]
    );
    assert!(agents::ALL.len() > team.len());

    // An agent that works alone, with a model id and fields cc-sdk drops (colour, `effort:
    // xhigh`, `permissionMode: auto`, isolation): Claude Code still has it, with its model.
    let (reported, stdout) = list_agents(&claude, Agent::DocsWriter);
    println!("{stdout}");
    assert_eq!(reported, expected(Agent::DocsWriter));
    assert_eq!(
        reported["docs-writer"].1.as_deref(),
        Some("claude-sonnet-4-5")
    );
}
