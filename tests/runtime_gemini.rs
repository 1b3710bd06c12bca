//! The real Gemini CLI (0.61.0, `../shared/runtimes/gemini/agents.mjs`: its own
//! `loadAgentsFromDirectory`) loads what `agentgen export --format gemini` writes, exactly as
//! agentgen's translation says.
//!
//! For the bundled catalog and every collection of `../shared/corpus` (without the files
//! `agentgen check` reports errors for: they are not exported), the built binary exports to
//! `OUT/.gemini/agents`, and the probe, run once on that folder, must print no `{error}` line
//! and load every exported agent — the same names, and for each the description, tools, model
//! and max turns that `catalog::targets::gemini::translate_all` (the library, called here
//! directly) says Gemini gets.
//!
//! Needs `node` and `npm install` in `../shared/runtimes/gemini` (which `.ci/run` does). Without
//! them the tests print SKIPPED and pass; in CI (`CI` set) they fail.

mod common;

use common::{agentgen, shared, stderr, stdout};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use agentgen_compiler::catalog::targets::gemini::translate_all;
use agentgen_compiler::{Config, Project};
use serde_json::Value;

/// `agents.mjs`, when node and the Gemini CLI package are there.
fn probe_script() -> Option<PathBuf> {
    common::node_probe(
        "runtimes/gemini",
        "agents.mjs",
        "node_modules/@google/gemini-cli/bundle",
        "Gemini CLI",
    )
}

/// One agent as Gemini reads it: description, tools (`None`: the key absent), model, max turns.
type Read = (String, Option<Vec<String>>, String, u64);

/// The probe's answer on `agents_dir`: the agents by name, and the `{error}` lines.
fn probe(script: &Path, agents_dir: &Path) -> (BTreeMap<String, Read>, Vec<String>) {
    let answer_file = agents_dir.with_extension("gemini.jsonl");
    let (output, answer) = common::node_answer(script, &[agents_dir.as_os_str()], &answer_file);
    assert!(output.status.success(), "probe: {}", stderr(&output));
    let mut agents = BTreeMap::new();
    let mut errors = Vec::new();
    for line in answer.lines() {
        let value: Value = serde_json::from_str(line).expect("a JSON line");
        if let Some(error) = value["error"].as_str() {
            errors.push(error.to_owned());
            continue;
        }
        let name = value["name"].as_str().expect("name").to_owned();
        let tools = value["tools"].as_array().map(|tools| {
            tools
                .iter()
                .map(|t| t.as_str().expect("a tool name").to_owned())
                .collect()
        });
        let read = (
            value["description"]
                .as_str()
                .expect("description")
                .to_owned(),
            tools,
            value["model"].as_str().expect("model").to_owned(),
            value["maxTurns"].as_u64().expect("maxTurns"),
        );
        assert!(agents.insert(name.clone(), read).is_none(), "{name} twice");
    }
    (agents, errors)
}

/// What agentgen's translation says Gemini reads from the export of `dir`.
fn translation(dir: &Path) -> BTreeMap<String, Read> {
    let display = dir.to_str().expect("utf-8");
    let catalog = Project::open(dir, display, &Config::default()).compile();
    translate_all(&catalog)
        .into_iter()
        .map(|t| {
            let agent = t.agent;
            let read = (
                agent.description,
                agent.tools,
                agent.model.unwrap_or_else(|| "inherit".to_owned()),
                agent.max_turns.unwrap_or(30),
            );
            (agent.name, read)
        })
        .collect()
}

/// Exports `dir` for Gemini into `out` (replaced), with `extra` arguments; the stdout line.
fn export(dir: &Path, out: &Path, extra: &[&str]) -> String {
    let _ = std::fs::remove_dir_all(out);
    let mut args = vec![
        "export",
        dir.to_str().expect("utf-8"),
        "--format",
        "gemini",
        "--out",
        out.to_str().expect("utf-8"),
    ];
    args.extend_from_slice(extra);
    let output = agentgen(&args);
    assert!(
        output.status.success(),
        "{} not exported:\n{}",
        dir.display(),
        stderr(&output)
    );
    stdout(&output)
}

/// The differences between what the probe read and what the translation says.
fn differences(read: &BTreeMap<String, Read>, expected: &BTreeMap<String, Read>) -> Vec<String> {
    let mut out = Vec::new();
    for (name, want) in expected {
        match read.get(name) {
            None => out.push(format!("{name}: exported, not loaded by Gemini")),
            Some(got) if got != want => {
                out.push(format!(
                    "{name}: Gemini read {got:?}, agentgen says {want:?}"
                ));
            }
            Some(_) => {}
        }
    }
    for name in read.keys().filter(|n| !expected.contains_key(*n)) {
        out.push(format!(
            "{name}: loaded by Gemini, not in agentgen's translation"
        ));
    }
    out
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("agentgen-gemini-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn the_bundled_catalog_loads_in_gemini_as_translated() {
    let Some(script) = probe_script() else {
        return;
    };
    let agents_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("agents");
    let out = scratch("bundled");
    // No `-A`: the bundled catalog exports without an error.
    let said = export(&agents_dir, &out, &[]);
    eprintln!("bundled catalog: {said}");
    let (read, errors) = probe(&script, &out.join(".gemini/agents"));
    assert!(errors.is_empty(), "Gemini refused: {errors:#?}");
    let expected = translation(&agents_dir);
    assert!(
        expected.len() >= 20,
        "only {} bundled agents",
        expected.len()
    );
    let differences = differences(&read, &expected);
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn every_corpus_collection_loads_in_gemini_as_translated() {
    let Some(script) = probe_script() else {
        return;
    };
    let Some(shared) = shared() else { return };
    let scratch = scratch("corpus");
    let collections = common::corpus_collections(&shared);
    let mut failures = Vec::new();
    let mut agents = 0;
    for collection in &collections {
        let (folder, left_out) = common::without_files_in_error(collection, &scratch);
        let out = scratch.join("out");
        // Agents that depend on a tool Gemini lacks are exported without it, so that every
        // agent agentgen compiles is checked against Gemini.
        let said = export(&folder, &out, &["-A", "gemini-unmapped-tool"]);
        let (read, errors) = probe(&script, &out.join(".gemini/agents"));
        let expected = translation(&folder);
        let label = collection.file_name().expect("name").to_string_lossy();
        eprintln!(
            "{label}: {} agents, {} loaded by Gemini ({left_out} files with errors left out): {said}",
            expected.len(),
            read.len(),
        );
        assert!(!expected.is_empty(), "{label} exports no agent");
        agents += expected.len();
        if !errors.is_empty() {
            failures.push(format!(
                "{label}: Gemini refused:\n  {}",
                errors.join("\n  ")
            ));
        }
        let differences = differences(&read, &expected);
        if !differences.is_empty() {
            failures.push(format!("{label}:\n  {}", differences.join("\n  ")));
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(collections.len(), 7, "the corpus has seven collections");
    assert!(agents > 600, "only {agents} agents compared");
}

/// Writes `files` (relative path, text) under a fresh scratch folder `name`.
fn catalog(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = scratch(name);
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("create dir");
        std::fs::write(path, text).expect("write");
    }
    dir
}

#[test]
fn hard_cases_load_in_gemini_as_translated() {
    let Some(script) = probe_script() else {
        return;
    };
    let dir = catalog(
        "hard",
        &[
            (
                "agents/agentgen.toml",
                "[tools]\ncustom = [\"Deploy\"]\n\n[target.gemini]\nmodels = { sonnet = \"gemini-2.5-pro\" }\n",
            ),
            (
                "agents/weird.md",
                "---\nname: Weird_Name\ndescription: \"Says: \\\"hi\\\" # not a comment \\u0001 \\u0085 \\u2028 \\t tab\\\\nnext 'q' — ünï\"\ntools: Read, Bash(git diff:*), mcp__github__create_issue, mcp__my_server__x, Deploy, NotebookEdit, LS\nmodel: sonnet\nmaxTurns: 7\ncolor: red\npermissionMode: plan\n---\n\nUse the tools.\n",
            ),
            (
                "agents/hidden.md",
                "---\nname: _hidden\ndescription: 'x: y'\ntools: []\n---\n",
            ),
            (
                "agents/orchestrator.md",
                "---\nname: orchestrator\ndescription: Hands work over.\ntools: Task\nmodel: inherit\n---\nUse the Task tool to hand work to Weird_Name.\n",
            ),
            (
                "agents/servers.md",
                "---\nname: servers\ndescription: d\ntools: Read, mcp__github__create_issue\nmcpServers:\n  - github:\n      command: npx\n      args: [\"-y\", \"server-github\"]\n      env:\n        TOKEN: \"x: y\"\n  - slack\n  - web:\n      type: http\n      url: https://example.com/mcp\n      headers:\n        Authorization: Bearer x\n---\nBody\n",
            ),
            (
                "agents/opus.md",
                "---\nname: opus-thinker\ndescription: |\n  Thinks: hard.\n  a: b\n  # twice\nmodel: opus\nskills: [simplify]\nmemory: project\n---\nThink.\n",
            ),
        ],
    );
    let agents = dir.join("agents");
    let out = dir.join("out");

    // `orchestrator` depends on `Task`, which Gemini lacks: refused, nothing written.
    let refused = agentgen(&[
        "export",
        agents.to_str().expect("utf-8"),
        "--format",
        "gemini",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(!refused.status.success(), "{}", stdout(&refused));
    assert!(
        stderr(&refused).contains("error[gemini-unmapped-tool]"),
        "{}",
        stderr(&refused)
    );
    assert!(!out.exists(), "a refused export wrote files");

    let said = export(&agents, &out, &["-A", "gemini-unmapped-tool"]);
    assert!(
        said.contains("(0 whole, 4 losing a field, 1 that it cannot take; "),
        "{said}"
    );
    let (read, errors) = probe(&script, &out.join(".gemini/agents"));
    assert!(errors.is_empty(), "Gemini refused: {errors:#?}");
    let expected = translation(&agents);
    let names: Vec<&str> = read.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "hidden",
            "opus-thinker",
            "orchestrator",
            "servers",
            "weird_name"
        ]
    );
    let differences = differences(&read, &expected);
    assert!(differences.is_empty(), "{}", differences.join("\n"));

    let weird = &read["weird_name"];
    assert_eq!(
        weird.0,
        "Says: \"hi\" # not a comment \u{1} \u{85} \u{2028} \t tab\nnext 'q' — ünï"
    );
    assert_eq!(
        weird.1.as_deref(),
        Some(&["read_file", "run_shell_command", "mcp_github_create_issue"].map(String::from)[..])
    );
    assert_eq!((weird.2.as_str(), weird.3), ("gemini-2.5-pro", 7));
    assert_eq!(read["hidden"].0, "x: y");
    assert_eq!(read["hidden"].1.as_deref(), Some(&[][..]));
    assert_eq!(read["orchestrator"].1.as_deref(), Some(&[][..]));
    assert_eq!(read["opus-thinker"].0, "Thinks: hard.\na: b\n# twice\n");
    assert_eq!(read["opus-thinker"].2, "inherit");
    assert_eq!(
        read["servers"].1.as_deref(),
        Some(&["read_file", "mcp_github_create_issue"].map(String::from)[..])
    );
    // The probe does not print `mcp_servers` (Gemini's server schema strips unknown keys
    // silently): the text Gemini loaded without an error is checked here.
    let servers =
        std::fs::read_to_string(out.join(".gemini/agents/servers.md")).expect("servers.md");
    assert!(
        servers.contains("mcp_servers:\n  \"github\":\n    command: \"npx\"\n    args: [\"-y\", \"server-github\"]\n    env: {\"TOKEN\": \"x: y\"}\n  \"web\":\n    type: \"http\"\n    url: \"https://example.com/mcp\"\n    headers: {\"Authorization\": \"Bearer x\"}\n---"),
        "{servers}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
