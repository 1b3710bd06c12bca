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

use serde_json::{Value, json};

/// `agents.mjs`, when node and the Copilot binary are there.
fn probe() -> Option<PathBuf> {
    common::node_probe(
        "runtimes/copilot",
        "agents.mjs",
        "node_modules/@github/copilot-linux-x64/copilot",
        "Copilot CLI",
    )
}

/// What Copilot lists from `project`, by path relative to `under` (agents found elsewhere, in a
/// folder above, are left out).
fn listed(script: &Path, project: &Path, under: &Path) -> BTreeMap<String, Value> {
    let answer_file = project.with_extension("copilot.json");
    let (output, text) = common::node_answer(
        script,
        &[project.as_os_str(), std::ffi::OsStr::new("--raw")],
        &answer_file,
    );
    assert!(
        output.status.success(),
        "the probe fails on {}: {}",
        project.display(),
        stderr(&output)
    );
    let answer: Value = serde_json::from_str(&text).expect("the probe's JSON");
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

/// agentgen's prediction of what Copilot lists from `agents_dir` (a project's
/// `.claude/agents`), by path below it, in the shape of [`listed`].
fn predicted(agents_dir: &Path) -> BTreeMap<String, Value> {
    inspect(agents_dir)
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
        .collect()
}

/// The files where the prediction and Copilot's answer differ, described.
fn differences(
    label: &str,
    predicted: &BTreeMap<String, Value>,
    answer: &BTreeMap<String, Value>,
) -> Vec<String> {
    let mut files: Vec<&String> = predicted.keys().chain(answer.keys()).collect();
    files.sort();
    files.dedup();
    files
        .into_iter()
        .filter(|file| predicted.get(*file) != answer.get(*file))
        .map(|file| {
            format!(
                "{label}/{file}:\n  predicted {:?}\n  Copilot   {:?}",
                predicted.get(file),
                answer.get(file)
            )
        })
        .collect()
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
        common::copy_tree(&source, &agents_dir, &|_| true);
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
        failures.extend(differences(&label, &predicted(&agents_dir), &answer));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(total > 600, "only {total} agents compared");
}

/// Files on the edges of Copilot's rules (each checked with the probe when it was written):
/// YAML only Claude Code's fallback reads, repeated keys, wrong types, names, tools strings,
/// model lists, block scalars at the end of the frontmatter, `---` lines, BOM and CRLF.
const EDGE_CASES: &[(&str, &str)] = &[
    (
        "fallback.md",
        "---\nname: fallback\ndescription: x: y: z\n---\nP\n",
    ),
    ("no-name.md", "---\ndescription: no name\n---\nP\n"),
    (
        "other-name.md",
        "---\nname: renamed\ndescription: d\n---\nP\n",
    ),
    (
        "tools-string.md",
        "---\nname: tools-string\ndescription: d\ntools: Read,, bash , Agent(x), Bash(git add:*, git commit:*), mcp__s__t\n---\nP\n",
    ),
    (
        "tools-list.md",
        "---\nname: tools-list\ndescription: d\ntools:\n  - Read\n  - NotebookEdit\n---\nP\n",
    ),
    (
        "tools-number.md",
        "---\nname: tools-number\ndescription: d\ntools: [Read, 5]\n---\nP\n",
    ),
    (
        "tools-null.md",
        "---\nname: tools-null\ndescription: d\ntools:\n---\nP\n",
    ),
    (
        "tools-empty.md",
        "---\nname: tools-empty\ndescription: d\ntools: []\n---\nP\n",
    ),
    (
        "tools-blank.md",
        "---\nname: tools-blank\ndescription: d\ntools: \"  \"\n---\nP\n",
    ),
    (
        "model-list.md",
        "---\nname: model-list\ndescription: d\nmodel: [sonnet, gpt-5]\n---\nP\n",
    ),
    (
        "model-number.md",
        "---\nname: model-number\ndescription: d\nmodel: 5\n---\nP\n",
    ),
    (
        "model-empty-list.md",
        "---\nname: model-empty-list\ndescription: d\nmodel: []\n---\nP\n",
    ),
    (
        "model-empty.md",
        "---\nname: model-empty\ndescription: d\nmodel: \"\"\n---\nP\n",
    ),
    (
        "dup-key.md",
        "---\nname: dup-key\ndescription: d\ndescription: e\n---\nP\n",
    ),
    ("no-description.md", "---\nname: no-description\n---\nP\n"),
    (
        "description-number.md",
        "---\nname: description-number\ndescription: 42\n---\nP\n",
    ),
    (
        "description-date.md",
        "---\nname: description-date\ndescription: 2024-01-01\n---\nP\n",
    ),
    (
        "description-empty.md",
        "---\nname: description-empty\ndescription: \"\"\n---\nP\n",
    ),
    ("name-number.md", "---\nname: 123\ndescription: d\n---\nP\n"),
    ("name-empty.md", "---\nname: \"\"\ndescription: d\n---\nP\n"),
    (
        "name-spaced.md",
        "---\nname: \"  spaced  \"\ndescription: \"  d  \"\n---\nP\n",
    ),
    (
        "name-words.md",
        "---\nname: Two Words\ndescription: d\n---\nP\n",
    ),
    (
        "folded-last.md",
        "---\nname: folded-last\ndescription: >\n  a\n  b\n---\nP\n",
    ),
    (
        "folded-first.md",
        "---\ndescription: >\n  a\n  b\nname: folded-first\n---\nP\n",
    ),
    (
        "keep-last.md",
        "---\nname: keep-last\ndescription: |+\n  a\n\n---\nP\n",
    ),
    (
        "dashes-inside.md",
        "---\nname: dashes-inside\ndescription: a --- b\n---\nP\n",
    ),
    (
        "dashes-word.md",
        "---\nname: dashes-word\ndescription: d\n---more\nx: 1\n---\nP\n",
    ),
    ("unclosed.md", "---\nname: unclosed\ndescription: d\n"),
    (
        "leading-line.md",
        "\n---\nname: leading-line\ndescription: d\n---\nP\n",
    ),
    (
        "trailing-spaces.md",
        "---  \nname: trailing-spaces\ndescription: d\n---  \nP\n",
    ),
    ("no-body.md", "---\nname: no-body\ndescription: d\n---"),
    (
        "crlf.md",
        "---\r\nname: crlf\r\ndescription: d\r\n---\r\nP\r\n",
    ),
    ("bom.md", "\u{feff}---\nname: bom\ndescription: d\n---\nP\n"),
    (
        "fields.md",
        "---\nname: fields\ndescription: d\ncolor: red\npermissionMode: plan\nmemory: user\nmetadata: 5\ntarget: vscode\n---\nP\n",
    ),
    (
        "invocable.md",
        "---\nname: invocable\ndescription: d\nuser-invocable: \"no\"\n---\nP\n",
    ),
    (
        "mcp.md",
        "---\nname: mcp\ndescription: d\nmcp-servers: 5\n---\nP\n",
    ),
    (
        "sub/deeper/nested.md",
        "---\nname: nested\ndescription: d\n---\nP\n",
    ),
    (
        "sub/same-name.md",
        "---\nname: renamed\ndescription: second\n---\nP\n",
    ),
    ("upper.MD", "---\nname: upper\ndescription: d\n---\nP\n"),
    (
        "quoted-under-indented.md",
        "---\nname: quoted-under-indented\ndescription: \"a\nb\"\n---\nP\n",
    ),
    (
        "quoted-nested.md",
        "---\nname: quoted-nested\ndescription: d\nmetadata:\n  k: 'a\nb'\n---\nP\n",
    ),
    (
        "quoted-blank-line.md",
        "---\nname: quoted-blank-line\ndescription: \"a\n\n  b\nc\"\n---\nP\n",
    ),
    ("text.txt", "---\nname: text\ndescription: d\n---\nP\n"),
];

#[test]
fn copilot_lists_what_agentgen_predicts_on_the_edges_of_its_rules() {
    let Some(script) = probe() else { return };
    let project = scratch("edges");
    let agents_dir = project.join(".claude/agents");
    for (path, text) in EDGE_CASES {
        let path = agents_dir.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, text).expect("write");
    }
    // A byte that is not UTF-8, in the body: Claude Code reads U+FFFD, Copilot skips the file.
    std::fs::write(
        agents_dir.join("latin1.md"),
        b"---\nname: latin1\ndescription: d\n---\ncaf\xe9\n",
    )
    .expect("write");
    let answer = listed(&script, &project, &agents_dir);
    let predicted = predicted(&agents_dir);
    assert!(answer.len() > 20 && predicted.len() > 20, "{answer:?}");
    let failures = differences("edges", &predicted, &answer);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_copilot_lints_come_only_with_the_target() {
    let project = scratch("lints");
    let agents_dir = project.join(".claude/agents");
    for (path, text) in EDGE_CASES {
        let path = agents_dir.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, text).expect("write");
    }
    let dir = agents_dir.to_str().expect("utf-8");
    let codes = |args: &[&str]| {
        let output = agentgen(&[&["check", dir, "--format", "short"], args].concat());
        let mut codes: Vec<String> = stdout(&output)
            .lines()
            .chain(stderr(&output).lines())
            .filter_map(|line| {
                Some(
                    line.split_once("[copilot-")?
                        .1
                        .split_once(']')?
                        .0
                        .to_owned(),
                )
            })
            .collect();
        codes.sort();
        codes.dedup();
        codes
    };
    assert!(codes(&[]).is_empty());
    assert_eq!(
        codes(&["--target", "copilot"]),
        [
            "description",
            "ignores-field",
            "ignores-tool",
            "loads-skipped",
            "model",
            "renames-agent",
            "skips-file"
        ]
    );
    let plain = stdout(&agentgen(&["inspect", dir]));
    assert!(
        !plain.contains("\"targets\""),
        "inspect adds targets only when asked"
    );
    let graph = stdout(&agentgen(&[
        "graph", dir, "--format", "json", "--target", "copilot",
    ]));
    let graph: Value = serde_json::from_str(&graph).expect("graph JSON");
    let verdict_of = |name: &str| {
        graph["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .find(|n| n["name"] == name)
            .map(|n| n["targets"]["copilot"]["verdict"].clone())
    };
    assert_eq!(verdict_of("fallback"), Some(json!("cannot-take")));
    assert_eq!(verdict_of("fields"), Some(json!("loses-fields")));
    assert_eq!(verdict_of("bom"), Some(json!("whole")));
}

/// Agents whose tools Copilot lacks: named in the prompt or all the agent's tools, one it
/// depends on (`copilot-unmapped-tool`, an error); else dropped with a warning; a retired name
/// (Claude Code runs nothing for it) is no tool to depend on.
const UNMAPPED: &[(&str, &str)] = &[
    (
        "named.md",
        "---\nname: named\ndescription: d\ntools: Read, AskUserQuestion\n---\nAsk with AskUserQuestion when unsure.\n",
    ),
    (
        "only.md",
        "---\nname: only\ndescription: d\ntools: SendMessage\n---\nReport back.\n",
    ),
    (
        "dropped.md",
        "---\nname: dropped\ndescription: d\ntools: Read, AskUserQuestion\n---\nRead files.\n",
    ),
    (
        "retired.md",
        "---\nname: retired\ndescription: d\ntools: Read, TeamCreate\n---\nCall TeamCreate.\n",
    ),
];

#[test]
fn the_copilot_export_refuses_an_agent_that_depends_on_a_tool_copilot_lacks_unless_allowed() {
    let project = scratch("unmapped");
    let agents_dir = project.join(".claude/agents");
    std::fs::create_dir_all(&agents_dir).expect("dir");
    for (path, text) in UNMAPPED {
        std::fs::write(agents_dir.join(path), text).expect("write");
    }
    let dir = agents_dir.to_str().expect("utf-8");
    let out = project.join("out");
    let out_text = out.to_str().expect("utf-8");
    let export = |args: &[&str]| {
        agentgen(
            &[
                &["export", dir, "--format", "copilot", "--out", out_text],
                args,
            ]
            .concat(),
        )
    };
    // (code, severity, file:line) of every `copilot-*-tool` diagnostic, sorted.
    let tool_lints = |text: &str| {
        let lines: Vec<&str> = text.lines().collect();
        let mut found: Vec<String> = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let Some((severity, rest)) = line.split_once("[copilot-") else {
                continue;
            };
            let code = rest.split_once(']').map_or("", |(code, _)| code);
            if !code.ends_with("-tool") {
                continue;
            }
            let place = lines
                .get(i + 1)
                .and_then(|l| l.split_once("--> "))
                .map(|(_, p)| p);
            let place = place
                .and_then(|p| p.rsplit_once(':'))
                .map_or("", |(p, _)| p);
            let file = place.rsplit('/').next().unwrap_or_default();
            found.push(format!("{severity} {code} {file}"));
        }
        found.sort();
        found
    };

    let refused = export(&[]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert_eq!(
        tool_lints(&stderr(&refused)),
        [
            "error unmapped-tool named.md:4",
            "error unmapped-tool only.md:4",
            "warning ignores-tool dropped.md:4",
            "warning ignores-tool retired.md:4",
        ],
        "{}",
        stderr(&refused)
    );
    assert!(stderr(&refused).contains("not exported: 2 errors for GitHub Copilot CLI 1.0.102 in "));
    assert!(!out.exists(), "a refused export writes nothing");

    let allowed = export(&["-A", "copilot-unmapped-tool"]);
    assert!(allowed.status.success(), "{}", stderr(&allowed));
    assert!(!stderr(&allowed).contains("unmapped-tool"));
    assert!(
        stdout(&allowed).contains("wrote 4 agents")
            && stdout(&allowed).contains("2 that it cannot take"),
        "{}",
        stdout(&allowed)
    );
    let written = |name: &str| {
        std::fs::read_to_string(out.join(".github/agents").join(format!("{name}.agent.md")))
            .expect("written")
    };
    assert!(written("named").contains("tools: [\"read\"]\n"));
    assert!(written("only").contains("tools: []\n"));

    let warned = export(&["--force", "-W", "copilot-unmapped-tool"]);
    assert!(warned.status.success(), "{}", stderr(&warned));
    assert!(stderr(&warned).contains("warning[copilot-unmapped-tool]"));

    // The `targets = ["copilot"]` pass is Copilot reading `.claude/agents` itself, which loads
    // the agent whatever tools it ignores: a warning there, nothing to refuse.
    let check = agentgen(&["check", dir, "--target", "copilot"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let said = format!("{}{}", stdout(&check), stderr(&check));
    assert!(!said.contains("copilot-unmapped-tool") && said.contains("copilot-ignores-tool"));
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
        let (catalog, _) = common::without_files_in_error(&source, &scratch);
        let claude = inspect(&catalog);
        let out = scratch.join("out");
        // wshobson's agent-teams `team-lead` and `team-implementer` name `TaskCreate`,
        // `TaskUpdate`, `SendMessage`, … in their prompts, tools Copilot has no equivalent for
        // (`copilot-unmapped-tool`): allowed, they are exported without them, as the rest.
        let output = agentgen(&[
            "export",
            catalog.to_str().expect("utf-8"),
            "--format",
            "copilot",
            "--out",
            out.to_str().expect("utf-8"),
            "-A",
            "copilot-unmapped-tool",
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

/// One runtime's error never stops another's export: with both targets in agentgen.toml, an
/// agent that depends on `Agent` (Gemini has no such tool: `gemini-unmapped-tool`, an error)
/// still exports for Copilot and for `claude --agents`, while `check` and the Gemini export
/// report it. Found by a new user's trial. Also the `--target` spellings and the
/// `[targets.gemini]` slip.
#[test]
fn one_runtimes_error_does_not_stop_another_runtimes_export() {
    let project = scratch("other-target-errors");
    let claude = project.join(".claude");
    std::fs::create_dir_all(claude.join("agents")).expect("dir");
    std::fs::write(
        claude.join("agents/planner.md"),
        "---\nname: planner\ndescription: Plans\ntools: Read, Agent\n---\nUse the `Agent` tool to hand work on.\n",
    )
    .expect("write");
    std::fs::write(
        claude.join("agentgen.toml"),
        "targets = [\"copilot\", \"gemini\"]\n",
    )
    .expect("write");
    let dir = claude.to_str().expect("utf-8");
    let out = project.to_str().expect("utf-8");

    let check = agentgen(&["check", dir]);
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    assert!(
        stdout(&check).contains("error[gemini-unmapped-tool]"),
        "{}",
        stdout(&check)
    );

    let copilot = agentgen(&["export", dir, "--format", "copilot", "--out", out]);
    assert!(copilot.status.success(), "{}", stderr(&copilot));
    assert!(project.join(".github/agents/planner.agent.md").is_file());
    let json = agentgen(&["export", dir]);
    assert!(json.status.success(), "{}", stderr(&json));

    let gemini = agentgen(&["export", dir, "--format", "gemini", "--out", out]);
    assert_eq!(gemini.status.code(), Some(1), "{}", stderr(&gemini));
    assert!(
        stderr(&gemini).contains("not exported: 1 error for Gemini CLI"),
        "{}",
        stderr(&gemini)
    );
    assert!(
        !project.join(".gemini").exists(),
        "a refused export writes nothing"
    );

    // `--target` takes a comma-separated list, and a name in other case is pointed at its spelling.
    let listed = agentgen(&["check", dir, "--target", "copilot,gemini"]);
    assert_eq!(listed.status.code(), Some(1), "{}", stderr(&listed));
    let cased = agentgen(&["check", dir, "--target", "Copilot"]);
    assert_eq!(cased.status.code(), Some(2));
    assert!(
        stderr(&cased).contains("did you mean `copilot`?"),
        "{}",
        stderr(&cased)
    );

    // The plural table beside the list: TOML refuses it; the help names the singular one.
    std::fs::write(
        claude.join("agentgen.toml"),
        "targets = [\"gemini\"]\n[targets.gemini]\nmodels = { sonnet = \"gemini-2.5-pro\" }\n",
    )
    .expect("write");
    let slip = agentgen(&["check", dir]);
    assert!(
        stdout(&slip).contains("[target.gemini] models = {"),
        "{}",
        stdout(&slip)
    );

    // The file one folder up is not the catalog's, and `check` says where it goes.
    std::fs::remove_file(claude.join("agentgen.toml")).expect("remove");
    std::fs::write(project.join("agentgen.toml"), "targets = [\"gemini\"]\n").expect("write");
    let above = agentgen(&["check", dir]);
    assert!(
        stdout(&above).contains("is not read, the catalog's is")
            && stdout(&above).contains(".claude/agentgen.toml"),
        "{}",
        stdout(&above)
    );
}

/// Both exports replace the files an earlier export wrote (an agent removed since goes too) and
/// keep hand-written agents beside them; one in the way of a written file is overwritten only
/// with `--force`. Found by a new user's trial (`--force` used to delete the whole folder).
#[test]
fn an_export_replaces_its_own_files_and_keeps_hand_written_agents() {
    for (format, folder, extension) in [
        ("copilot", ".github/agents", ".agent.md"),
        ("gemini", ".gemini/agents", ".md"),
    ] {
        let project = scratch(&format!("replace-{format}"));
        let agents = project.join(".claude/agents");
        std::fs::create_dir_all(&agents).expect("dir");
        for name in ["reviewer", "planner"] {
            std::fs::write(
                agents.join(format!("{name}.md")),
                format!("---\nname: {name}\ndescription: {name}\ntools: Read\n---\nWork.\n"),
            )
            .expect("write");
        }
        let dir = project.join(".claude");
        let (dir, out) = (
            dir.to_str().expect("utf-8"),
            project.to_str().expect("utf-8"),
        );
        let export = |extra: &[&str]| {
            agentgen(&[&["export", dir, "--format", format, "--out", out], extra].concat())
        };
        let written = project.join(folder);
        assert!(export(&[]).status.success());
        let mine = written.join(format!("mine{extension}"));
        std::fs::write(&mine, "---\nname: mine\ndescription: mine\n---\nMine.\n").expect("write");
        std::fs::remove_file(agents.join("planner.md")).expect("remove");

        let again = export(&[]);
        assert!(again.status.success(), "{format}: {}", stderr(&again));
        assert!(mine.is_file(), "{format}: a hand-written agent is kept");
        assert!(written.join(format!("reviewer{extension}")).is_file());
        assert!(
            !written.join(format!("planner{extension}")).exists(),
            "{format}: the file of an agent removed since goes"
        );

        let in_the_way = written.join(format!("reviewer{extension}"));
        std::fs::write(
            &in_the_way,
            "---\nname: reviewer\ndescription: mine\n---\nMine.\n",
        )
        .expect("write");
        let refused = export(&[]);
        assert_eq!(refused.status.code(), Some(2), "{format}");
        assert!(
            stderr(&refused).contains("use --force to overwrite"),
            "{}",
            stderr(&refused)
        );
        assert!(export(&["--force"]).status.success());
        let text = std::fs::read_to_string(&in_the_way).expect("read");
        assert!(
            text.starts_with("---\n# @generated by `agentgen export`"),
            "{text}"
        );
        assert!(
            mine.is_file(),
            "{format}: --force keeps other hand-written agents"
        );
    }
}
