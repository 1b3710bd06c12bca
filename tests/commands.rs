//! The `agentgen` subcommands, run as the built binary: `check` formats, lint levels and colour,
//! `expand`, `export`, `new`, `--help` and `--version`. Real files from `../shared` where the
//! command reads agent files.

mod common;

use common::{agentgen, shared, stderr, stdout};

use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The bundled catalog's typed constants, generated from agents/ by build.rs (of the package
/// `bundled/`).
use agentgen_bundled::agents as bundled;

/// A fresh scratch directory under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("commands-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn corpus_folders(shared: &Path) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(shared.join("corpus"))
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    folders
}

/// Claude Code's records of the corpus, by `(folder, file)`.
fn corpus_records(shared: &Path) -> Vec<Value> {
    std::fs::read_to_string(shared.join("corpus/claude-code-2.1.332.jsonl"))
        .expect("corpus records")
        .lines()
        .map(|l| serde_json::from_str(l).expect("record"))
        .collect()
}

fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The summary line's numbers: "3 errors, 12 warnings in 158 files (158 agents)".
fn summary_counts(text: &str) -> (u64, u64, u64) {
    let last = text.lines().last().unwrap_or_default();
    let (counts, _kinds) = last.split_once(" (").expect("the kinds of files counted");
    let numbers: Vec<u64> = counts
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|s| s.parse().ok())
        .collect();
    assert_eq!(numbers.len(), 3, "summary line: {last}");
    (numbers[0], numbers[1], numbers[2])
}

#[test]
fn check_json_has_one_object_per_diagnostic_and_a_summary() {
    let Some(shared) = shared() else { return };
    for folder in corpus_folders(&shared) {
        let human = agentgen(&["check", path_str(&folder), "--color", "never"]);
        let (errors, warnings, files) = summary_counts(&stdout(&human));
        let json = agentgen(&["check", path_str(&folder), "--format", "json"]);
        assert_eq!(json.status.code(), human.status.code(), "same exit status");
        let objects: Vec<Value> = stdout(&json)
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
            .collect();
        let (summary, diagnostics) = objects.split_last().expect("a summary line");
        assert_eq!(summary["type"], "summary");
        assert_eq!(summary["errors"], errors, "{}", folder.display());
        assert_eq!(summary["warnings"], warnings);
        assert_eq!(summary["files"], files);
        let count = |severity: &str| {
            diagnostics
                .iter()
                .filter(|d| d["severity"] == severity)
                .count() as u64
        };
        assert_eq!(count("error"), errors);
        assert_eq!(count("warning"), warnings);
        for d in diagnostics {
            assert_eq!(d["type"], "diagnostic");
            let file = d["file"].as_str().expect("file");
            assert!(
                file.starts_with(path_str(&folder)),
                "paths as given: {file}"
            );
            let rendered = d["rendered"].as_str().expect("rendered");
            assert!(
                rendered.starts_with(&format!(
                    "{}[{}]",
                    d["severity"].as_str().unwrap_or(""),
                    d["code"].as_str().unwrap_or("")
                )),
                "{rendered}"
            );
            if let Some(line) = d["line"].as_u64() {
                assert!(line >= 1);
                assert!(d["end_line"].as_u64().expect("end_line") >= line);
                assert!(
                    rendered.contains(&format!("{file}:{line}:{}", d["column"])),
                    "{rendered}"
                );
                // The place is real: the line exists in the file.
                let text = std::fs::read(file).expect("file exists");
                let lines = String::from_utf8_lossy(&text).lines().count() as u64;
                assert!(line <= lines.max(1), "{file}:{line}");
            }
        }
    }
}

#[test]
fn check_sarif_is_a_sarif_2_1_0_log_with_rules_and_regions() {
    let Some(shared) = shared() else { return };
    let folder = shared.join("corpus/vijaythecoder__awesome-claude-agents");
    let human = agentgen(&["check", path_str(&folder)]);
    let (errors, warnings, _) = summary_counts(&stdout(&human));
    let output = agentgen(&["check", path_str(&folder), "--format", "sarif"]);
    assert_eq!(output.status.code(), Some(1), "errors in this folder");
    let log: Value = serde_json::from_str(&stdout(&output)).expect("one JSON document");
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "agentgen");
    // Absent, or an absolute URI as SARIF requires (an empty string fails GitHub's upload).
    let uri = &run["tool"]["driver"]["informationUri"];
    assert!(
        uri.is_null() || uri.as_str().is_some_and(|u| u.starts_with("https://")),
        "{uri}"
    );
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let rule_ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert!(rule_ids.contains(&"duplicate-name") && rule_ids.contains(&"retired-tool"));
    for rule in rules {
        assert!(!rule["help"]["text"].as_str().unwrap_or_default().is_empty());
        assert!(
            !rule["shortDescription"]["text"]
                .as_str()
                .unwrap_or_default()
                .is_empty()
        );
    }
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len() as u64, errors + warnings);
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(
            rules[index]["id"], result["ruleId"],
            "ruleIndex points at the rule"
        );
        assert!(matches!(
            result["level"].as_str(),
            Some("error" | "warning")
        ));
        assert!(
            !result["message"]["text"]
                .as_str()
                .unwrap_or_default()
                .is_empty()
        );
        let location = &result["locations"][0]["physicalLocation"];
        // A file under the repository root is relative to it (`%SRCROOT%`, which
        // `originalUriBaseIds` places); one outside it (the shared corpus) has a `file://` URI.
        let artifact = &location["artifactLocation"];
        let uri = artifact["uri"].as_str().expect("uri");
        let path = match artifact["uriBaseId"].as_str() {
            Some(base) => {
                let root = run["originalUriBaseIds"][base]["uri"]
                    .as_str()
                    .and_then(|u| u.strip_prefix("file://"))
                    .expect("the base is a file URI");
                Path::new(root).join(uri)
            }
            None => Path::new(uri.strip_prefix("file://").expect("absolute")).to_path_buf(),
        };
        assert!(path.exists(), "{uri}: {}", path.display());
        let region = &location["region"];
        assert!(region["startLine"].as_u64().expect("startLine") >= 1);
        if let Some(column) = region.get("startColumn") {
            assert!(column.as_u64().expect("startColumn") >= 1);
            assert!(region["endLine"].as_u64() >= region["startLine"].as_u64());
        }
    }
    let errors_in_sarif = results.iter().filter(|r| r["level"] == "error").count() as u64;
    assert_eq!(errors_in_sarif, errors);
    // A duplicate name points at the other file too.
    let duplicate = results
        .iter()
        .find(|r| r["ruleId"] == "duplicate-name")
        .expect("the folder has a duplicate name");
    assert!(
        duplicate["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"].is_string()
    );
}

#[test]
fn lint_levels_come_from_the_config_file_and_the_command_line_wins() {
    let dir = scratch("lints");
    std::fs::write(
        dir.join("legacy.md"),
        "---\nname: legacy\ndescription: Uses a retired tool\ntools: Read, MultiEdit\n---\nPrompt.\n",
    )
    .expect("write");
    let dir_arg = path_str(&dir);
    let default = agentgen(&["check", dir_arg]);
    assert_eq!(default.status.code(), Some(0));
    assert!(
        stdout(&default).contains("0 errors, 1 warning in 1 file"),
        "{}",
        stdout(&default)
    );

    let denied = agentgen(&["check", dir_arg, "-D", "retired-tool"]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(
        stdout(&denied).contains("error[retired-tool]"),
        "{}",
        stdout(&denied)
    );

    std::fs::write(
        dir.join("agentgen.toml"),
        "[lints]\nretired-tool = \"allow\"\n",
    )
    .expect("write");
    let allowed = agentgen(&["check", dir_arg]);
    assert!(
        stdout(&allowed).contains("0 errors, 0 warnings in 2 files (1 agent, agentgen.toml)"),
        "{}",
        stdout(&allowed)
    );
    let warned = agentgen(&["check", dir_arg, "--warn", "retired-tool"]);
    assert!(
        stdout(&warned).contains("0 errors, 1 warning in 2 files (1 agent, agentgen.toml)"),
        "{}",
        stdout(&warned)
    );

    // Errors cannot be lowered, and unknown lints are usage errors.
    let lowered = agentgen(&["check", dir_arg, "-A", "unknown-tool"]);
    assert_eq!(lowered.status.code(), Some(2));
    assert!(
        stderr(&lowered).contains("cannot be lowered"),
        "{}",
        stderr(&lowered)
    );
    let unknown = agentgen(&["check", dir_arg, "-A", "legacy-tools"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown lint `legacy-tools`"));
}

#[test]
fn lint_names_take_underscores_and_warnings_say_how_to_deny_them() {
    let dir = scratch("lint-names");
    std::fs::write(
        dir.join("reviewer.md"),
        "---\nname: reviewer\ndescription: Reviews code\ntools: Read\n---\nHand off to the test-runner agent when done.\n",
    )
    .expect("write");
    let dir_arg = path_str(&dir);
    // `_` and `-` name the same lint: the same output, an error, spelled with `-`.
    let hyphenated = agentgen(&["check", dir_arg, "-D", "unknown-agent-in-prompt"]);
    let underscored = agentgen(&["check", dir_arg, "-D", "unknown_agent_in_prompt"]);
    assert_eq!(hyphenated.status.code(), Some(1));
    assert_eq!(underscored.status.code(), Some(1));
    assert_eq!(stdout(&hyphenated), stdout(&underscored));
    assert!(
        stdout(&underscored)
            .contains("error[unknown-agent-in-prompt]: unknown agent `test-runner`"),
        "{}",
        stdout(&underscored)
    );
    let allowed = agentgen(&["check", dir_arg, "--allow", "unknown_agent_in_prompt"]);
    assert!(
        stdout(&allowed).contains("0 errors, 0 warnings in 1 file"),
        "{}",
        stdout(&allowed)
    );

    // A warning ends with how to deny or allow it; an error does not.
    let default = agentgen(&["check", dir_arg]);
    assert_eq!(default.status.code(), Some(0));
    assert!(
        stdout(&default).contains(
            "= note: `unknown-agent-in-prompt` is a warning by default: deny it with \
             `unknown-agent-in-prompt = \"deny\"` under `[lints]` in agentgen.toml \
             (or `agentgen check -D unknown-agent-in-prompt`), allow it with `\"allow\"` (or `-A unknown-agent-in-prompt`)"
        ),
        "{}",
        stdout(&default)
    );
    assert!(!stdout(&hyphenated).contains("deny it"));
    // Set to `warn` explicitly (here on the command line), the note says so.
    let warned = agentgen(&["check", dir_arg, "-W", "unknown_agent_in_prompt"]);
    assert!(
        stdout(&warned).contains("= note: `unknown-agent-in-prompt` is set to warn: deny it with"),
        "{}",
        stdout(&warned)
    );

    // A misspelt name: a usage error with the nearest lint, named with `-`.
    let misspelt = agentgen(&["check", dir_arg, "-D", "unknown_agents_in_prompt"]);
    assert_eq!(misspelt.status.code(), Some(2));
    assert!(
        stderr(&misspelt).contains(
            "unknown lint `unknown_agents_in_prompt`; did you mean `unknown-agent-in-prompt`? lints are: extension-case, legacy-tool,"
        ),
        "{}",
        stderr(&misspelt)
    );
}

#[test]
fn check_colours_only_when_asked_or_on_a_terminal() {
    let always = agentgen(&["check", "agents", "--color", "always"]);
    assert!(stdout(&always).contains("\x1b["), "ANSI styles");
    let never = agentgen(&["check", "agents", "--color", "never"]);
    assert!(!stdout(&never).contains('\x1b'));
    // Piped output (auto) has no colour.
    let auto = agentgen(&["check", "agents"]);
    assert!(!stdout(&auto).contains('\x1b'));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check", "--manifest-path", "no/such/Cargo.toml"][..],
        &["check", "--manifest-path", "agents"],
        &["check", "agents", "--format", "xml"],
        &["check", "no/such/dir"],
        &["expand", "no/such/dir"],
        &["export", "agents", "--format", "yaml"],
        &["frobnicate"],
    ] {
        let output = agentgen(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(!stderr(&output).is_empty());
    }
}

#[test]
fn expand_prints_exactly_what_build_rs_generates() {
    let output = agentgen(&["expand", "agents"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let generated = agentgen_bundled::GENERATED;
    assert_eq!(stdout(&output), generated);
    assert!(generated.starts_with("// @generated"));
    assert!(syn::parse_file(generated).is_ok(), "valid Rust");
}

#[test]
fn expand_names_the_runtime_crate_as_asked() {
    let output = agentgen(&["expand", "agents", "--runtime-crate", "::my_agentgen"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let code = stdout(&output);
    // The bundled catalog has a `[metadata]` schema: the spec's third parameter is `Metadata`.
    assert!(code.contains(
        "pub type AgentSpec = ::my_agentgen::AgentSpec<Agent, ::my_agentgen::NoSkill, Metadata>;"
    ));
    assert!(!code.contains("::agentgen::"), "{code}");
    // The rest is what build.rs generates (prettyplease wraps the longer lines differently,
    // with trailing commas, so white space and commas are left out of the comparison).
    let generated = agentgen_bundled::GENERATED;
    let squeezed = |text: &str| {
        text.chars()
            .filter(|c| !c.is_whitespace() && *c != ',')
            .collect::<String>()
    };
    assert!(
        squeezed(&code) == squeezed(&generated.replace("::agentgen::", "::my_agentgen::")),
        "expand --runtime-crate differs from build.rs's output in more than the crate path"
    );
    let bad = agentgen(&["expand", "agents", "--runtime-crate", "my-agentgen"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("`my-agentgen` is not a Rust path"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn expand_still_prints_code_and_fails_on_errors() {
    let output = agentgen(&["expand", "tests/fixtures/seed-002-original"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("error[invalid-frontmatter]"));
    let code = stdout(&output);
    assert!(syn::parse_file(&code).is_ok(), "{code}");
    // The agent whose file is broken keeps a stub (its names, none of its text) while the
    // catalog has errors, as `include_agents!` generates it.
    assert!(code.contains("pub static ALL: [&AgentSpec; 1"), "{code}");
    assert!(
        code.contains("pub const BACKEND_ARCHITECT: AgentSpec"),
        "{code}"
    );
    assert!(code.contains("which Claude Code does not load"), "{code}");
    assert!(!code.contains("prompt:"), "{code}");
}

#[test]
fn export_of_the_bundled_catalog_is_what_the_runtime_types_serialize() {
    let output = agentgen(&["export", "agents", "--format", "claude-agents-json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let runtime = serde_json::to_string_pretty(&agentgen::ClaudeAgents(&bundled::ALL))
        .expect("serializes")
        + "\n";
    assert_eq!(stdout(&output), runtime, "byte-identical");
    let exported: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let object = exported.as_object().expect("an object keyed by name");
    assert_eq!(object.len(), bundled::ALL.len());
    for spec in bundled::ALL {
        let agent = &exported[spec.qualified_name];
        assert_eq!(agent["description"], spec.description);
        assert_eq!(agent["prompt"], spec.prompt);
        assert_eq!(
            agent["model"].as_str(),
            spec.model.map(|m| m.as_str()),
            "{}",
            spec.qualified_name
        );
    }
}

/// Export → JSON → back: every field equals Claude Code's record of the file.
#[test]
fn export_matches_claude_codes_reading_of_every_clean_corpus_folder() {
    let Some(shared) = shared() else { return };
    let records = corpus_records(&shared);
    let mut compared = 0;
    for folder in corpus_folders(&shared) {
        let folder_name = folder
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let output = agentgen(&["export", path_str(&folder)]);
        let check = agentgen(&["check", path_str(&folder)]);
        if check.status.code() == Some(1) {
            assert_eq!(
                output.status.code(),
                Some(1),
                "{folder_name}: refuses a catalog with errors"
            );
            assert!(stderr(&output).contains("not exported"));
            assert!(output.stdout.is_empty());
            continue;
        }
        assert_eq!(
            output.status.code(),
            Some(0),
            "{folder_name}: {}",
            stderr(&output)
        );
        let exported: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
        let accepted: Vec<&Value> = records
            .iter()
            .filter(|r| r["dir"] == folder_name && r["status"] == "accepted")
            .collect();
        assert_eq!(
            exported.as_object().map(|o| o.len()),
            Some(accepted.len()),
            "{folder_name}: one entry per accepted file"
        );
        for record in accepted {
            let name = record["name"].as_str().expect("name");
            let agent = &exported[name];
            assert_eq!(agent["description"], record["description"], "{name}");
            assert_eq!(
                sha256(agent["prompt"].as_str().expect("prompt")),
                record["prompt_sha256"].as_str().expect("sha"),
                "{name}: prompt bytes"
            );
            match &record["tools"] {
                Value::String(s) if s == "inherit all" => {
                    assert!(agent.get("tools").is_none(), "{name}")
                }
                tools => assert_eq!(&agent["tools"], tools, "{name}"),
            }
            assert_eq!(
                agent.get("model").unwrap_or(&Value::Null),
                &record["model"],
                "{name}"
            );
            assert_eq!(
                agent.get("color").unwrap_or(&Value::Null),
                &record["color"],
                "{name}"
            );
            compared += 1;
        }
    }
    assert!(compared > 300, "compared {compared} agents");
}

#[test]
fn new_scaffolds_a_file_that_checks_clean() {
    let dir = scratch("new");
    let dir_arg = path_str(&dir);
    let output = agentgen(&[
        "new",
        "code-reviewer",
        "--dir",
        dir_arg,
        "--description",
        "Use this agent after code changes: it reviews \"diffs\"",
        "--tools",
        "Read, Grep, Glob",
        "--model",
        "sonnet",
        "--color",
        "blue",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("created"), "{}", stdout(&output));
    let check = agentgen(&["check", dir_arg]);
    assert!(
        stdout(&check).contains("0 errors, 0 warnings in 1 file"),
        "{}",
        stdout(&check)
    );
    let inspect = agentgen(&["inspect", dir_arg]);
    let object: Value = serde_json::from_str(stdout(&inspect).trim()).expect("one object");
    assert_eq!(object["name"], "code-reviewer");
    assert_eq!(
        object["description"],
        "Use this agent after code changes: it reviews \"diffs\""
    );
    assert_eq!(object["tools"], serde_json::json!(["Read", "Grep", "Glob"]));
    assert_eq!(object["model"], "sonnet");
    assert_eq!(object["color"], "blue");
    // Strict YAML, not the fallback: no yaml-fallback warning above, and every documented field is offered.
    let text = std::fs::read_to_string(dir.join("code-reviewer.md")).expect("written");
    for field in [
        "permissionMode",
        "maxTurns",
        "skills",
        "mcpServers",
        "memory",
        "effort",
        "isolation",
        "initialPrompt",
        "disallowedTools",
        "background",
    ] {
        assert!(text.contains(&format!("# {field}:")), "{field} offered");
    }

    // No overwrite without --force; bad names and bad values are refused, nothing written.
    let again = agentgen(&["new", "code-reviewer", "--dir", dir_arg]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"));
    let forced = agentgen(&["new", "code-reviewer", "--dir", dir_arg, "--force"]);
    assert_eq!(forced.status.code(), Some(0));
    let bad_name = agentgen(&["new", "Code_Reviewer", "--dir", dir_arg]);
    assert_eq!(bad_name.status.code(), Some(2));
    let bad_tool = agentgen(&["new", "writer", "--dir", dir_arg, "--tools", "Reed"]);
    assert_eq!(bad_tool.status.code(), Some(1));
    assert!(
        stderr(&bad_tool).contains("error[unknown-tool]"),
        "{}",
        stderr(&bad_tool)
    );
    assert!(!dir.join("writer.md").exists());
    // Without --description the placeholder is a warning until edited.
    let default = agentgen(&["new", "plain", "--dir", dir_arg]);
    assert_eq!(default.status.code(), Some(0));
    assert!(
        stdout(&default).contains("edit its description"),
        "{}",
        stdout(&default)
    );
    let check = agentgen(&["check", dir_arg]);
    assert!(
        stdout(&check).contains("0 errors, 2 warnings in 2 files"),
        "{}",
        stdout(&check)
    );
    assert_eq!(
        stdout(&check)
            .matches("warning[placeholder-description]")
            .count(),
        2,
        "{}",
        stdout(&check)
    );
}

#[test]
fn every_command_has_help_with_examples_and_there_is_a_version() {
    for command in ["check", "expand", "export", "fix", "new", "inspect"] {
        let output = agentgen(&[command, "--help"]);
        assert_eq!(output.status.code(), Some(0), "{command}");
        let text = stdout(&output);
        assert!(text.contains("Example"), "{command}: {text}");
        assert!(
            text.contains(&format!("agentgen {command}")),
            "{command}: {text}"
        );
    }
    let top = stdout(&agentgen(&["--help"]));
    for command in ["check", "expand", "export", "fix", "new", "inspect"] {
        assert!(top.contains(command), "{command} listed");
    }
    assert!(top.contains("Exit status"));
    let version = agentgen(&["--version"]);
    assert_eq!(
        stdout(&version).trim(),
        format!("agentgen {}", env!("CARGO_PKG_VERSION"))
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Every file below `dir`, path relative to it → bytes.
fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).expect("read_dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .expect("below")
                    .to_string_lossy()
                    .into_owned();
                files.insert(relative, std::fs::read(&path).expect("read"));
            }
        }
    }
    files
}

/// The body after the closing `---` line (bytes), for files with a frontmatter block (after a
/// byte-order mark or blank lines, which `fix` removes).
fn body(bytes: &[u8]) -> Option<&[u8]> {
    let text = std::str::from_utf8(bytes).ok()?;
    let rest = text
        .trim_start_matches(['\u{feff}', '\n', '\r', ' ', '\t'])
        .strip_prefix("---")?;
    let close = rest.find("\n---")?;
    Some(&rest.as_bytes()[close + 4..])
}

#[test]
fn fix_rewrites_the_fixable_conformance_cases_and_nothing_else() {
    let Some(shared) = shared() else { return };
    let dir = scratch("fix-cases");
    copy_dir(&shared.join("conformance/cases"), &dir);
    let before = snapshot(&dir);
    let dir_arg = path_str(&dir);

    // --check writes nothing and fails while something would change.
    let check = agentgen(&["fix", "--check", dir_arg]);
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    assert_eq!(snapshot(&dir), before, "--check writes nothing");
    let would: Vec<String> = stdout(&check)
        .lines()
        .filter_map(|l| l.strip_prefix("would fix "))
        .map(|p| p.rsplit('/').next().unwrap_or(p).to_owned())
        .collect();
    for fixable in [
        "02-colon-in-desc.md",
        "03-multiline-examples.md",
        "27-desc-quote-inside.md",
        "44-crlf-colon.md",
    ] {
        assert!(would.iter().any(|w| w == fixable), "{fixable} in {would:?}");
    }

    // fix rewrites exactly those files; bodies stay byte-identical; unfixable files are reported.
    let fixed = agentgen(&["fix", dir_arg]);
    let text = stdout(&fixed);
    assert_eq!(
        fixed.status.code(),
        Some(1),
        "unfixable files remain: {text}"
    );
    assert!(text.contains("error[no-frontmatter]: cannot fix"), "{text}");
    let after = snapshot(&dir);
    for (file, bytes) in &after {
        let changed = before.get(file) != Some(bytes);
        assert_eq!(
            changed,
            would.iter().any(|w| file.ends_with(w.as_str())),
            "{file}"
        );
        if changed {
            assert_eq!(body(bytes), body(&before[file]), "{file}: body untouched");
        }
    }

    // The fixed files are strict YAML now: no fallback warning, no invalid frontmatter.
    let checked = agentgen(&["check", dir_arg, "--format", "json"]);
    for line in stdout(&checked).lines() {
        let d: Value = serde_json::from_str(line).expect("json");
        let file = d["file"].as_str().unwrap_or_default();
        if would.iter().any(|w| file.ends_with(w.as_str())) {
            assert_ne!(d["code"], "yaml-fallback", "{line}");
            assert_ne!(d["code"], "invalid-frontmatter", "{line}");
        }
    }

    // Twice changes nothing.
    let again = agentgen(&["fix", dir_arg]);
    assert!(
        stdout(&again).contains("0 files fixed"),
        "{}",
        stdout(&again)
    );
    assert_eq!(snapshot(&dir), after);
}

#[test]
fn fix_keeps_what_claude_code_reads_from_a_corpus_folder() {
    let Some(shared) = shared() else { return };
    let dir = scratch("fix-voltagent");
    copy_dir(
        &shared.join("corpus/VoltAgent__awesome-claude-code-subagents"),
        &dir,
    );
    let dir_arg = path_str(&dir);
    let reading = |dir_arg: &str| -> Vec<Value> {
        stdout(&agentgen(&["inspect", dir_arg]))
            .lines()
            .map(|l| {
                let mut o: Value = serde_json::from_str(l).expect("json");
                o.as_object_mut().map(|m| m.remove("diagnostics"));
                o
            })
            .collect()
    };
    let before = reading(dir_arg);
    let fallback_before = stdout(&agentgen(&["check", dir_arg]))
        .matches("warning[yaml-fallback]")
        .count();
    assert!(
        fallback_before > 0,
        "the folder has files only the fallback reads"
    );
    let fixed = agentgen(&["fix", dir_arg]);
    assert_eq!(fixed.status.code(), Some(0), "{}", stdout(&fixed));
    assert!(
        stdout(&fixed).contains(&format!("{fallback_before} files fixed")),
        "{}",
        stdout(&fixed)
    );
    assert_eq!(
        reading(dir_arg),
        before,
        "same name, description, tools, model, colour and prompt"
    );
    let after = stdout(&agentgen(&["check", dir_arg]));
    assert!(!after.contains("yaml-fallback"), "{after}");
}

#[test]
fn fix_repairs_seed_002_exactly_as_the_bundled_copy_was_repaired_by_hand() {
    let dir = scratch("fix-seed-002");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-002-original"),
        &dir,
    );
    let before = agentgen(&["check", path_str(&dir)]);
    assert_eq!(
        before.status.code(),
        Some(1),
        "Claude Code skips the original"
    );
    let fixed = agentgen(&["fix", path_str(&dir)]);
    assert_eq!(fixed.status.code(), Some(0), "{}", stdout(&fixed));
    let repaired = std::fs::read(dir.join("backend-architect.md")).expect("fixed file");
    let by_hand = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("agents/fastapi/backend-architect.md"),
    )
    .expect("bundled copy");
    assert!(
        repaired == by_hand,
        "fix gives the bundled, hand-repaired file byte for byte"
    );
}

#[test]
fn expand_compiles_a_corpus_folder_into_valid_rust() {
    let Some(shared) = shared() else { return };
    let folder = shared.join("corpus/wshobson__agents");
    let output = agentgen(&["expand", path_str(&folder), "-A", "retired-tool"]);
    // This folder has errors (colours Claude Code drops): the diagnostics go to stderr, the code
    // of the agents is still printed, and the exit status says so.
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("error[invalid-color]"),
        "{}",
        stderr(&output)
    );
    let code = stdout(&output);
    let file = syn::parse_file(&code).expect("valid Rust");
    let consts = file
        .items
        .iter()
        .filter(|item| matches!(item, syn::Item::Const(_)))
        .count();
    let md_files = stdout(&agentgen(&["inspect", path_str(&folder)]))
        .lines()
        .count();
    assert!(
        consts > 100 && consts <= md_files,
        "{consts} agents of {md_files} files"
    );
    assert!(code.contains("pub fn by_name("));
}

/// The two agents of the corpus that ask for `model: fable` (an alias Claude Code resolves)
/// compile without an error, typed as the alias.
#[test]
fn the_corpus_agents_on_fable_compile() {
    let Some(shared) = shared() else { return };
    let dir = scratch("fable");
    let plugins = shared.join("corpus/wshobson__agents/plugins");
    for (plugin, file) in [
        ("framework-migration", "legacy-modernizer.md"),
        ("agent-teams", "team-lead.md"),
    ] {
        let source = plugins.join(plugin).join("agents").join(file);
        let text = std::fs::read_to_string(&source).expect("corpus file");
        assert!(text.contains("\nmodel: fable\n"), "{}", source.display());
        std::fs::write(dir.join(file), text).expect("copy");
    }
    let check = agentgen(&["check", path_str(&dir)]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    assert!(stdout(&check).contains("0 errors"), "{}", stdout(&check));
    let expand = agentgen(&["expand", path_str(&dir)]);
    assert_eq!(expand.status.code(), Some(0), "{}", stderr(&expand));
    let code = stdout(&expand);
    syn::parse_file(&code).expect("valid Rust");
    assert_eq!(
        code.matches("::agentgen::Model::Alias(::agentgen::ModelAlias::Fable)")
            .count(),
        2,
        "{code}"
    );
}
