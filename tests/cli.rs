//! The `agentgen` binary, run for real: the summary of this repository's catalog (the bundled
//! one), `check` and `inspect`.

mod common;

use common::{agentgen, shared, stdout};

use std::path::Path;

/// Qualified names of the bundled agents, from the files themselves (`pack:name`).
fn bundled_names() -> Vec<String> {
    let mut names = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("agents");
    for pack in std::fs::read_dir(&root).expect("agents/").flatten() {
        if !pack.path().is_dir() {
            continue;
        }
        for file in std::fs::read_dir(pack.path()).expect("pack").flatten() {
            let text = std::fs::read_to_string(file.path()).expect("agent file");
            let name = text
                .lines()
                .find_map(|l| l.strip_prefix("name: "))
                .expect("every bundled agent has a name line");
            names.push(format!(
                "{}:{}",
                pack.file_name().to_string_lossy(),
                name.trim()
            ));
        }
    }
    names.sort();
    names
}

/// In this repository the project's catalog is agents/, the bundled one: `agentgen` (what
/// `cargo run` runs) summarises it, read by the engine at run time.
#[test]
fn no_arguments_prints_every_bundled_agent() {
    let output = agentgen(&[]);
    assert!(output.status.success());
    let text = stdout(&output);
    let names = bundled_names();
    assert_eq!(
        names.len(),
        24,
        "5 seeds + seed 004's 6 collaborators + the 13 agents the seeds' prompts name"
    );
    assert!(text.contains(&format!("{} agents", names.len())), "{text}");
    for name in &names {
        assert!(
            text.contains(&format!("name:          {name}\n")),
            "{name} missing:\n{text}"
        );
    }
    assert!(text.contains("DddBackendDeveloper"), "enum variant shown");
    assert!(
        text.contains("collaborators: ddd:domain-modeller"),
        "collaborators shown"
    );
    assert!(
        text.contains("mentions:      voltagent:api-designer, voltagent:frontend-developer"),
        "prompt mentions shown"
    );
}

#[test]
fn check_is_clean_on_the_bundled_agents() {
    let output = agentgen(&["check", "agents"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains("0 errors, 4 warnings in 25 files (24 agents, agentgen.toml)"),
        "{text}"
    );
    assert!(text.contains("warning[yaml-fallback]"), "{text}");
}

#[test]
fn check_fails_on_seed_002_original_with_a_clear_diagnostic() {
    let output = agentgen(&["check", "tests/fixtures/seed-002-original"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("error[invalid-frontmatter]: frontmatter is not valid YAML"),
        "{text}"
    );
    assert!(
        text.contains("--> tests/fixtures/seed-002-original/backend-architect.md:"),
        "{text}"
    );
    assert!(
        text.contains("Claude Code skips this file silently"),
        "{text}"
    );
    // `agentgen fix` repairs this file, so the help names it.
    assert!(
        text.contains(
            "help: `agentgen fix tests/fixtures/seed-002-original/backend-architect.md` rewrites `description` (line 3) as strict YAML"
        ),
        "{text}"
    );
}

#[test]
fn check_reports_usage_errors_with_exit_2() {
    let output = agentgen(&["check", "no/such/dir"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn check_runs_over_every_corpus_folder_without_panicking() {
    let Some(shared) = shared() else { return };
    for entry in std::fs::read_dir(shared.join("corpus"))
        .expect("corpus")
        .flatten()
    {
        if !entry.path().is_dir() {
            continue;
        }
        let dir = entry.path();
        let output = agentgen(&["check", dir.to_str().expect("utf-8 path")]);
        let text = stdout(&output);
        let code = output.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "{}: exit {code:?}\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            text.lines()
                .last()
                .is_some_and(|l| l.contains(" in ") && l.contains(" files")),
            "{text}"
        );
        // Only real problems are errors: the classes seen in the corpus.
        for line in text.lines().filter(|l| l.starts_with("error[")) {
            let allowed = [
                "error[unknown-tool]",
                "error[invalid-model]",
                "error[invalid-color]",
                "error[duplicate-name]",
            ];
            assert!(
                allowed.iter().any(|a| line.starts_with(a)),
                "unexpected error class: {line}"
            );
        }
    }
}

#[test]
fn inspect_prints_one_object_per_md_file() {
    let Some(shared) = shared() else { return };
    let cases = shared.join("conformance/cases");
    let output = agentgen(&["inspect", cases.to_str().expect("utf-8 path")]);
    assert!(output.status.success());
    let text = stdout(&output);
    let objects: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    // 45 cases, less 25-not-md.txt and 36-upper-ext.MD, which Claude Code does not load from a folder.
    assert_eq!(objects.len(), 43);
    let files: Vec<&str> = objects
        .iter()
        .map(|o| o["file"].as_str().unwrap_or(""))
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted, "sorted by path");
    assert!(files.contains(&"sub/24-in-subdir.md"));
    let valid = objects
        .iter()
        .find(|o| o["file"] == "01-valid.md")
        .expect("01-valid.md");
    assert_eq!(valid["ok"], true);
    assert_eq!(
        valid["tools"],
        serde_json::json!(["Read", "Grep", "Glob", "Bash"])
    );
    assert_eq!(
        valid["prompt_sha256"],
        "77659354156c7fc9e43d89c76523667256d88ff9a04c0980bc9dffbbc87b5510"
    );
    let star = objects
        .iter()
        .find(|o| o["file"] == "15-tools-star.md")
        .expect("15");
    assert_eq!(star["tools"], serde_json::Value::Null, "inherit all");
    let color = objects
        .iter()
        .find(|o| o["file"] == "12-model-color-invalid.md")
        .expect("12");
    assert_eq!(color["color"], "Magenta", "colour as written");
    assert_eq!(color["ok"], false);
    let codes: Vec<&str> = color["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect();
    assert!(
        codes.contains(&"invalid-color") && codes.contains(&"invalid-model"),
        "{codes:?}"
    );
    // Claude Code loads the file whose path sorts last: the error is on the other one.
    let shadowed = objects
        .iter()
        .find(|o| o["file"] == "19-dup-name-a.md")
        .expect("19");
    assert!(
        shadowed["diagnostics"]
            .to_string()
            .contains("duplicate-name"),
        "{shadowed}"
    );
    assert!(
        shadowed["diagnostics"]
            .to_string()
            .contains("20-dup-name-b.md"),
        "the error names the file Claude Code loads: {shadowed}"
    );
    let winner = objects
        .iter()
        .find(|o| o["file"] == "20-dup-name-b.md")
        .expect("20");
    assert_eq!(winner["ok"], true, "{winner}");
}

/// `inspect` on the cases of 2.1.332: the tools as written and the tools the agent runs with
/// once `memory` has widened them, the fields new in 2.1.332, and Claude Code's status.
#[test]
fn inspect_shows_effective_tools_and_the_new_fields() {
    let Some(shared) = shared() else { return };
    let cases = shared.join("conformance/cases-2.1.332");
    let output = agentgen(&["inspect", cases.to_str().expect("utf-8 path")]);
    assert!(output.status.success());
    let objects: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let find = |name: &str| {
        objects
            .iter()
            .find(|o| o["file"] == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let reviewer = find("56-memory-readonly-tools.md");
    assert_eq!(reviewer["tools"], serde_json::json!(["Read", "Grep"]));
    assert_eq!(
        reviewer["effective_tools"],
        serde_json::json!(["Read", "Grep", "Write", "Edit"])
    );
    assert_eq!(reviewer["system_prompt_appends"], "persistent-agent-memory");
    let codes = reviewer["diagnostics"].to_string();
    assert!(codes.contains("memory-widens-tools"), "{codes}");
    let fields = find("54-new-fields.md");
    assert_eq!(fields["auto_compact_window"], 150000);
    assert_eq!(fields["cache_ttl"], "1h");
    assert_eq!(fields["omit_claude_md"], true);
    assert_eq!(fields["observer"], "watcher");
    assert_eq!(fields["observe_subagents"], false);
    assert_eq!(fields["observe_tool_results"], false);
    assert_eq!(fields["effort"], 0);
    let rejected = find("47-name-ascii-colon.md");
    assert_eq!(rejected["status"], "rejected");
    assert_eq!(rejected["ok"], false);
}

/// The summary the binary prints at run time agrees, agent by agent and line by line, with the
/// typed constants build.rs generates from the same files (`cargo run -p agentgen-bundled`):
/// only the first line (what was read) and the last (the diagnostics) are its own.
#[test]
fn no_arguments_agrees_with_the_generated_constants() {
    let output = agentgen(&[]);
    assert_eq!(output.status.code(), Some(0));
    let summary = stdout(&output);
    let typed = agentgen_bundled::catalog_text();
    let body = |text: &str| -> Vec<String> {
        let lines: Vec<&str> = text.lines().collect();
        lines[1..].iter().map(|l| (*l).to_owned()).collect()
    };
    let mut summary_body = body(&summary);
    assert_eq!(
        summary_body.pop().as_deref(),
        Some("0 errors, 4 warnings: `agentgen check` shows them"),
        "{summary}"
    );
    assert_eq!(summary_body, body(&typed));
    assert_eq!(
        summary.lines().next(),
        Some(
            "catalog agents (layout agents, detected; config agents/agentgen.toml): 24 agents in packs"
        )
    );
    assert_eq!(
        typed.lines().filter(|l| l.starts_with("  name:")).count(),
        agentgen_bundled::agents::ALL.len()
    );
}
