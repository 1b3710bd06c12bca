//! Output for people and first contact, run as the built binary: `agentgen` without a command
//! in a user's crate (that project's catalog, or the help), `check --format short`, the
//! summary by lint that ends a long report, and what "in N files" counts.

mod common;

use common::{stderr, stdout};

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// A fresh directory under the target directory (inside this repository, so a test that needs
/// no crate around it uses [`outside_any_crate`]).
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("output-for-people-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create dirs");
    std::fs::write(path, text).expect("write");
}

/// `agentgen ARGS` in `dir`.
fn agentgen_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_agentgen"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("agentgen runs")
}

/// A binary crate that keeps its agents the way Claude Code users do.
fn claude_crate(name: &str) -> PathBuf {
    let dir = scratch(name);
    write(
        &dir.join("Cargo.toml"),
        "[package]\nname = \"team\"\nversion = \"0.0.0\"\nedition = \"2024\"\n",
    );
    write(&dir.join("src/main.rs"), "fn main() {}\n");
    write(
        &dir.join(".claude/agents/planner.md"),
        "---\nname: planner\ndescription: Plans the work\ntools: Read, Grep\nmodel: opus\nskills: lint\n---\nPlan it, then hand it to the reviewer agent.\n",
    );
    write(
        &dir.join(".claude/agents/reviewer.md"),
        "---\nname: reviewer\ndescription: Reviews the diff\n---\nReview the diff.\n",
    );
    write(
        &dir.join(".claude/skills/lint/SKILL.md"),
        "---\nname: lint\ndescription: Runs the linter\n---\nRun it.\n",
    );
    dir
}

#[test]
fn no_command_in_a_claude_crate_summarises_its_catalog() {
    let dir = claude_crate("bare");
    let output = agentgen_in(&dir, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.first().copied(),
        Some("catalog .claude (layout claude, detected; no agentgen.toml): 2 agents, 1 skill"),
        "{text}"
    );
    let planner = "Planner\n  name:          planner\n  model:         opus\n  tools:         Read, Grep\n  mentions:      reviewer\n  skills:        lint\n  prompt:        44 bytes (.claude/agents/planner.md)\n";
    assert!(text.contains(planner), "{text}");
    let reviewer = "Reviewer\n  name:          reviewer\n  model:         (default)\n  tools:         inherit all\n  prompt:        16 bytes (.claude/agents/reviewer.md)\n";
    assert!(text.contains(reviewer), "{text}");
    assert!(
        text.contains("skill lint (.claude/skills/lint/SKILL.md)\n"),
        "{text}"
    );
    assert_eq!(
        lines.last().copied(),
        Some("no errors or warnings (agentgen check)")
    );
    // Never agentgen's own bundled catalog.
    assert!(!text.contains("ddd:"), "{text}");

    // From a subfolder, the same catalog (paths relative to where the command runs).
    let deep = agentgen_in(&dir.join("src"), &[]);
    assert_eq!(deep.status.code(), Some(0));
    assert!(
        stdout(&deep).starts_with(
            "catalog ../.claude (layout claude, detected; no agentgen.toml): 2 agents, 1 skill"
        ),
        "{}",
        stdout(&deep)
    );

    // A broken agent: the summary still shows the catalog, counts the diagnostics, points at
    // `agentgen check`, and the exit status says errors were found.
    write(
        &dir.join(".claude/agents/linter.md"),
        "---\nname: linter\ndescription: Lints\ntools: Read, Lnt\n---\nLint.\n",
    );
    let broken = agentgen_in(&dir, &[]);
    assert_eq!(broken.status.code(), Some(1));
    let text = stdout(&broken);
    assert!(
        text.starts_with(
            "catalog .claude (layout claude, detected; no agentgen.toml): 3 agents, 1 skill"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("1 error, 0 warnings: `agentgen check` shows them\n"),
        "{text}"
    );

    // An `Agent(x)` entry whose agent is unknown: left out of the tools line (its error is
    // counted), never written as `Agent()`, which would read as an entry naming no agent.
    write(
        &dir.join(".claude/agents/linter.md"),
        "---\nname: linter\ndescription: Lints\ntools: Read, Agent(nobody)\n---\nLint.\n",
    );
    let text = stdout(&agentgen_in(&dir, &[]));
    assert!(
        text.contains(
            "Linter\n  name:          linter\n  model:         (default)\n  tools:         Read\n"
        ),
        "{text}"
    );
    assert!(!text.contains("Agent()"), "{text}");
}

#[test]
fn no_command_with_an_agentgen_toml_names_it_and_its_metadata() {
    let dir = scratch("bare-config");
    write(
        &dir.join("Cargo.toml"),
        "[package]\nname = \"team\"\nversion = \"0.0.0\"\nedition = \"2024\"\n",
    );
    write(
        &dir.join("agents/agentgen.toml"),
        "[metadata]\nstage = { enum = [\"plan\", \"build\"] }\nlabels = { type = \"[string]\", default = [] }\nweight = { type = \"f64\", required = false }\n",
    );
    write(
        &dir.join("agents/builder.md"),
        "---\nname: builder\ndescription: Builds\nstage: build\nlabels: [a, b]\nweight: 0.5\n---\nBuild.\n",
    );
    let output = agentgen_in(&dir, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with(
            "catalog agents (layout agents, detected; config agents/agentgen.toml): 1 agent\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("  metadata:      stage build, labels (2), weight 0.5\n"),
        "{text}"
    );
}

#[test]
fn no_command_and_no_catalog_prints_the_help() {
    // A crate without agents/ or .claude/agents/: the crate root stops the search upwards.
    let dir = scratch("bare-empty-crate");
    write(
        &dir.join("Cargo.toml"),
        "[package]\nname = \"empty\"\nversion = \"0.0.0\"\nedition = \"2024\"\n",
    );
    let output = agentgen_in(&dir, &[]);
    assert_eq!(output.status.code(), Some(0), "the help is no failure");
    assert!(
        stdout(&output).contains("Usage: agentgen [COMMAND]"),
        "{}",
        stdout(&output)
    );
    assert!(stdout(&output).contains("Commands:"));
    let note = stderr(&output);
    assert!(
        note.starts_with("note: no catalog to show: no agents in the crate of"),
        "{note}"
    );
    assert!(note.contains("`agents` and `.claude`"), "{note}");

    // Outside any crate, in an empty directory.
    let empty = std::env::temp_dir().join(format!("agentgen-bare-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&empty);
    std::fs::create_dir_all(&empty).expect("temp dir");
    if empty.ancestors().any(|d| d.join("Cargo.toml").is_file()) {
        eprintln!(
            "SKIPPED (outside a crate): a Cargo.toml above {}",
            empty.display()
        );
    } else {
        let output = agentgen_in(&empty, &[]);
        assert_eq!(output.status.code(), Some(0));
        assert!(stdout(&output).contains("Usage: agentgen [COMMAND]"));
        assert!(stderr(&output).contains("no Cargo.toml above it"));
    }
    let _ = std::fs::remove_dir_all(&empty);
}

/// A folder of `count` agents, each with one `unknown-tool` error; every third also with a
/// `retired-tool` warning, and the first with a second unknown tool, so that it has the most
/// diagnostics.
fn big_catalog(name: &str, count: usize) -> PathBuf {
    let dir = scratch(name);
    for i in 0..count {
        let mut tools = vec!["Read", "Raed"];
        if i % 3 == 0 {
            tools.push("MultiEdit");
        }
        if i == 0 {
            tools.push("Grpe");
        }
        write(
            &dir.join(format!("agent-{i:02}.md")),
            &format!(
                "---\nname: agent-{i:02}\ndescription: Agent number {i}\ntools: {}\n---\nWork.\n",
                tools.join(", ")
            ),
        );
    }
    dir
}

fn json_diagnostics(dir: &Path, args: &[&str]) -> (Vec<Value>, Value) {
    let mut all = vec!["check", ".", "--format", "json"];
    all.extend_from_slice(args);
    let output = agentgen_in(dir, &all);
    let mut objects: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let summary = objects.pop().expect("a summary");
    (objects, summary)
}

#[test]
fn short_format_is_one_line_per_diagnostic_then_the_total() {
    let dir = big_catalog("short", 6);
    let output = agentgen_in(&dir, &["check", ".", "--format", "short"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let (diagnostics, _) = json_diagnostics(&dir, &[]);
    // Each JSON diagnostic, in order, as `file:line:col: level[code]: message`.
    let expected: Vec<String> = diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {}[{}]: {}",
                d["file"].as_str().expect("file"),
                d["line"],
                d["column"],
                d["severity"].as_str().expect("severity"),
                d["code"].as_str().expect("code"),
                d["message"].as_str().expect("message")
            )
        })
        .collect();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let total = lines.pop().expect("a total line");
    assert_eq!(lines, expected);
    assert_eq!(total, "7 errors, 2 warnings in 6 files (6 agents)");
    assert!(
        lines.contains(&"./agent-00.md:4:31: error[unknown-tool]: unknown tool `Grpe`".to_owned()),
        "{text}"
    );
    // No rustc-style snippets, no summary by lint, however many lines.
    assert!(!text.contains(" --> "), "{text}");
    assert!(!text.contains("summary by lint"), "{text}");
}

#[test]
fn a_long_report_ends_with_a_summary_by_lint_and_the_busiest_files() {
    let dir = big_catalog("long", 30);
    let output = agentgen_in(&dir, &["check", "."]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let (diagnostics, _) = json_diagnostics(&dir, &[]);
    let count = |code: &str| diagnostics.iter().filter(|d| d["code"] == code).count();
    assert_eq!(count("unknown-tool"), 31);
    assert_eq!(count("retired-tool"), 10);
    let tail = "\
summary by lint:
    31 error   unknown-tool
    10 warning retired-tool
files with the most diagnostics:
     3 ./agent-00.md
     2 ./agent-03.md
     2 ./agent-06.md
     2 ./agent-09.md
     2 ./agent-12.md
31 errors, 10 warnings in 30 files (30 agents)
";
    assert!(text.ends_with(tail), "{text}");
    // The diagnostics themselves come first, in full.
    assert!(
        text.starts_with(
            "catalog . (layout agents, detected; no agentgen.toml)\nerror[unknown-tool]: unknown tool `Raed`"
        ),
        "{text}"
    );

    // Denied, the warnings become errors: counted apart, sorted by count then code.
    let denied = stdout(&agentgen_in(&dir, &["check", ".", "-D", "retired-tool"]));
    assert!(
        denied.contains(
            "summary by lint:\n    31 error   unknown-tool\n    10 error   retired-tool\n"
        ),
        "{denied}"
    );

    // A report that fits on a screen has none.
    let small = big_catalog("long-small", 2);
    let text = stdout(&agentgen_in(&small, &["check", "."]));
    assert!(!text.contains("summary by lint"), "{text}");
    assert!(
        text.ends_with("\n3 errors, 1 warning in 2 files (2 agents)\n"),
        "{text}"
    );
}

#[test]
fn the_file_count_names_skills_manifests_and_the_config() {
    let dir = claude_crate("counts");
    write(
        &dir.join(".claude/skills/fmt/SKILL.md"),
        "---\nname: fmt\ndescription: Formats the code\n---\nFormat.\n",
    );
    write(
        &dir.join(".claude/agentgen.toml"),
        "[lints]\nretired-tool = \"deny\"\n",
    );
    let output = agentgen_in(&dir, &["check", ".claude"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(
        stdout(&output),
        "catalog .claude (layout claude, detected; config .claude/agentgen.toml)\n0 errors, 0 warnings in 5 files (2 agents, 2 skills, agentgen.toml)\n"
    );
    let (_, summary) = json_diagnostics(&dir.join(".claude"), &[]);
    assert_eq!(summary["files"], 5);
    assert_eq!(summary["agent_files"], 2);
    assert_eq!(summary["skill_files"], 2);
    assert_eq!(summary["config_files"], 1);
    assert_eq!(summary["plugin_manifests"], 0);
    assert_eq!(summary["marketplace_manifests"], 0);

    // A plugin: its manifest counts.
    let plugin = scratch("counts-plugin");
    write(
        &plugin.join(".claude-plugin/plugin.json"),
        "{\"name\": \"team\"}\n",
    );
    write(
        &plugin.join("agents/reviewer.md"),
        "---\nname: reviewer\ndescription: Reviews the diff\n---\nReview.\n",
    );
    write(
        &plugin.join("skills/lint/SKILL.md"),
        "---\nname: lint\ndescription: Runs the linter\n---\nRun it.\n",
    );
    let output = agentgen_in(&plugin, &["check", "."]);
    assert_eq!(
        stdout(&output),
        "catalog . (layout plugin, detected; no agentgen.toml)\n0 errors, 0 warnings in 3 files (1 agent, 1 skill, 1 plugin manifest)\n"
    );
    let (_, summary) = json_diagnostics(&plugin, &[]);
    assert_eq!(summary["files"], 3);
    assert_eq!(summary["plugin_manifests"], 1);
}
