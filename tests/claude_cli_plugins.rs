//! Skills, plugins and marketplaces against the real Claude Code CLI (2.1.332, offline):
//!
//! - every plugin of `../shared/corpus/wshobson__agents/plugins/`: the names
//!   `agentgen export --layout plugin DIR` gives equal the names the CLI lists for
//!   `--plugin-dir DIR` (descriptions too);
//! - hand-made plugins (`tests/fixtures/plugins/`: nested folders, a manifest's name, custom agent
//!   paths, a manifest Claude Code refuses, skills, commands), a marketplace (`tests/fixtures/marketplace`,
//!   added and installed with `claude plugin`) and a `.claude` project with skills
//!   (`tests/fixtures/claude-project`): the agents, skills and commands agentgen names and reads
//!   (names and descriptions) are the ones the CLI lists (`tests/claude-code/cli-catalog.mjs`;
//!   Claude Code lists commands as skills);
//! - preloading: for each `skills` entry, agentgen reports an error exactly when Claude Code does
//!   not preload it, observed by spawning the agent against a stand-in API
//!   (`tests/claude-code/skills-preload.mjs`); the bundled skills table of the registry is what
//!   the CLI bundles and preloads;
//! - `agentgen export --format plugin` writes plugins the CLI loads as the same agents and skills.
//!
//! Needs `node` and `npm install` in `../shared/claude-code`. Without them the tests print
//! SKIPPED and pass; in CI (`CI` set) they fail.

mod common;

use common::{agentgen, shared, stderr, stdout};

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use agentgen_compiler::registry::{BUNDLED_SKILLS, BundledSkillKind};
use serde_json::Value;

/// The bundled catalog's typed constants, generated from agents/ by build.rs (of the package
/// `bundled/`).
use agentgen_bundled::agents as bundled;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether node and the Claude Code binary are there (SKIPPED, or a failure in CI, otherwise).
fn claude_code() -> bool {
    let Some(shared) = shared() else {
        return false;
    };
    let binary = shared.join("claude-code/node_modules/@anthropic-ai/claude-code-linux-x64/claude");
    let node = Command::new("node").arg("--version").output();
    let missing = if !binary.is_file() {
        Some(format!(
            "the Claude Code binary is missing: run `npm install` in {}",
            shared.join("claude-code").display()
        ))
    } else if !node.is_ok_and(|o| o.status.success()) {
        Some("`node` is not on PATH".to_owned())
    } else {
        None
    };
    match missing {
        None => true,
        Some(why) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must run the real Claude Code CLI: {why}"
            );
            eprintln!("SKIPPED: the real Claude Code CLI cannot run here: {why}");
            false
        }
    }
}

/// Runs one of the scripts of `tests/claude-code/` and parses its JSON lines.
fn script(name: &str, args: &[&str]) -> Vec<Value> {
    let output = Command::new("node")
        .arg(workspace().join("tests/claude-code").join(name))
        .args(args)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "{name} {args:?} failed: {}",
        stderr(&output)
    );
    stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

/// What the CLI lists: `kind:name` → description, with the decorations of its listing removed
/// (`(plugin) ` before a plugin skill's description, ` (project)` after a project skill's).
fn listed(items: &[Value]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for item in items {
        let kind = item["kind"].as_str().unwrap_or_default();
        if kind == "builtin" {
            continue;
        }
        let name = item["name"].as_str().expect("name").to_owned();
        let mut description = item["description"].as_str().unwrap_or_default().to_owned();
        if kind == "skill" {
            // A project command's name has `:` too (`grp:deploy`): the suffix decides.
            if let Some(rest) = description.strip_suffix(" (project)") {
                description = rest.to_owned();
            } else if let Some((plugin, _)) = name.split_once(':') {
                let prefix = format!("({plugin}) ");
                if let Some(rest) = description.strip_prefix(&prefix) {
                    description = rest.to_owned();
                }
            }
        }
        assert!(
            out.insert(format!("{kind}:{name}"), description).is_none(),
            "{kind} {name} listed twice"
        );
    }
    out
}

/// What agentgen reads from `dir` (`inspect`): the agents Claude Code loads and the skills it
/// lists to users, `kind:qualified name` → description.
fn inspected(dir: &Path, layout: Option<&str>) -> BTreeMap<String, String> {
    let mut args = vec!["inspect", dir.to_str().expect("utf-8")];
    if let Some(layout) = layout {
        args.extend(["--layout", layout]);
    }
    let output = agentgen(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut out = BTreeMap::new();
    for line in stdout(&output).lines() {
        let item: Value = serde_json::from_str(line).expect("a JSON line");
        let Some(name) = item["qualified_name"].as_str() else {
            continue;
        };
        let kind = item["kind"].as_str().unwrap_or_default();
        if matches!(kind, "skill" | "command") && item["user_invocable"] == false {
            continue;
        }
        // Claude Code lists commands as skills.
        let listed_as = if kind == "command" { "skill" } else { kind };
        let previous = out.insert(
            format!("{listed_as}:{name}"),
            item["description"].as_str().unwrap_or_default().to_owned(),
        );
        assert!(previous.is_none(), "{listed_as} {name} read twice");
    }
    out
}

fn differences(ours: &BTreeMap<String, String>, theirs: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    for (name, description) in ours {
        match theirs.get(name) {
            None => out.push(format!("{name}: agentgen has it, Claude Code does not")),
            Some(other) if other != description => out.push(format!(
                "{name}: agentgen {description:?}, Claude Code {other:?}"
            )),
            Some(_) => {}
        }
    }
    for name in theirs.keys().filter(|n| !ours.contains_key(*n)) {
        out.push(format!("{name}: Claude Code has it, agentgen does not"));
    }
    out
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("claude-cli-plugins-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn every_wshobson_plugin_is_named_as_claude_code_names_it() {
    if !claude_code() {
        return;
    }
    let Some(shared) = shared() else { return };
    let plugins_dir = shared.join("corpus/wshobson__agents/plugins");
    let mut plugins: Vec<PathBuf> = std::fs::read_dir(&plugins_dir)
        .expect("the plugins")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    plugins.sort();
    assert!(plugins.len() > 70, "{} plugins", plugins.len());
    let mut ours = BTreeMap::new();
    for plugin in &plugins {
        let output = agentgen(&[
            "export",
            "--layout",
            "plugin",
            plugin.to_str().expect("utf-8"),
        ]);
        assert!(
            output.status.success(),
            "{}: {}",
            plugin.display(),
            stderr(&output)
        );
        let exported: BTreeMap<String, Value> =
            serde_json::from_slice(&output.stdout).expect("the agents JSON");
        let prefix = format!(
            "{}:",
            plugin.file_name().and_then(|n| n.to_str()).expect("name")
        );
        for (name, definition) in exported {
            assert!(name.starts_with(&prefix), "{name} is not in {prefix}");
            ours.insert(
                format!("agent:{name}"),
                definition["description"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            );
        }
    }
    let mut args = Vec::new();
    for plugin in &plugins {
        args.push("--plugin-dir");
        args.push(plugin.to_str().expect("utf-8"));
    }
    let theirs = listed(&script("cli-catalog.mjs", &args));
    let differences = differences(&ours, &theirs);
    eprintln!(
        "{} plugins, {} agents named as Claude Code names them",
        plugins.len(),
        ours.len()
    );
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn hand_made_plugins_are_read_as_claude_code_reads_them() {
    if !claude_code() {
        return;
    }
    let fixtures = workspace().join("tests/fixtures/plugins");
    let mut compared = 0;
    for entry in std::fs::read_dir(&fixtures).expect("fixtures").flatten() {
        let plugin = entry.path();
        if !plugin.is_dir() {
            continue;
        }
        let path = plugin.to_str().expect("utf-8");
        let theirs = listed(&script("cli-catalog.mjs", &["--plugin-dir", path]));
        let ours = inspected(&plugin, Some("plugin"));
        let differences = differences(&ours, &theirs);
        assert!(
            differences.is_empty(),
            "{}:\n{}",
            plugin.display(),
            differences.join("\n")
        );
        compared += ours.len();
    }
    assert!(compared >= 15, "{compared} agents and skills compared");
    // The refused manifest: Claude Code loads nothing, agentgen says why.
    let check = agentgen(&[
        "check",
        "--layout",
        "plugins",
        fixtures.to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    let text = stdout(&check);
    assert!(
        text.contains("\"code\":\"invalid-manifest\"") && text.contains("refused"),
        "{text}"
    );
}

#[test]
fn a_marketplace_is_read_as_claude_code_installs_it() {
    if !claude_code() {
        return;
    }
    let marketplace = workspace().join("tests/fixtures/marketplace");
    let theirs = listed(&script(
        "cli-catalog.mjs",
        &["--marketplace", marketplace.to_str().expect("utf-8")],
    ));
    let ours = inspected(&marketplace, None);
    let differences = differences(&ours, &theirs);
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    assert!(ours.contains_key("agent:two-manifest:a2"), "{ours:?}");
}

#[test]
fn a_claude_project_and_its_skills_are_read_as_claude_code_reads_them() {
    if !claude_code() {
        return;
    }
    let project = workspace().join("tests/fixtures/claude-project/.claude");
    let theirs = listed(&script(
        "cli-catalog.mjs",
        &["--claude", project.to_str().expect("utf-8")],
    ));
    let ours = inspected(&project, None);
    let differences = differences(&ours, &theirs);
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    assert!(ours.keys().filter(|k| k.starts_with("skill:")).count() >= 7);
}

/// The `skills` entries agentgen reports an error for, per line of `file`.
fn refused_entries(catalog: &Path, file: &str) -> BTreeSet<String> {
    let output = agentgen(&[
        "check",
        catalog.to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    let text = std::fs::read_to_string(catalog.join(file)).expect("agent file");
    let lines: Vec<&str> = text.lines().collect();
    stdout(&output)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|d| {
            d["severity"] == "error"
                && d["file"].as_str().is_some_and(|f| f.ends_with(file))
                && matches!(
                    d["code"].as_str(),
                    Some("unknown-skill" | "skill-not-preloadable")
                )
        })
        .filter_map(|d| {
            let line = d["line"].as_u64()? as usize;
            let entry = lines.get(line - 1)?.trim().trim_start_matches("- ");
            Some(entry.to_owned())
        })
        .collect()
}

/// The entries Claude Code does not preload into `agent`.
fn not_preloaded(args: &[&str]) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut refused = BTreeSet::new();
    let mut preloaded = BTreeSet::new();
    for item in script("skills-preload.mjs", args) {
        let Some(skill) = item["skill"].as_str() else {
            continue;
        };
        if item["preloaded"] == true {
            preloaded.insert(skill.to_owned());
        } else {
            refused.insert(skill.to_owned());
        }
    }
    (refused, preloaded)
}

#[test]
fn an_entry_is_an_error_exactly_when_claude_code_does_not_preload_it() {
    if !claude_code() {
        return;
    }
    let project = workspace().join("tests/fixtures/claude-project/.claude");
    let (theirs, preloaded) = not_preloaded(&[
        "--claude",
        project.to_str().expect("utf-8"),
        "--agent",
        "reviewer",
    ]);
    let ours = refused_entries(&project, "agents/reviewer.md");
    assert_eq!(ours, theirs, "preloaded by Claude Code: {preloaded:?}");
    assert!(
        preloaded.len() >= 8 && theirs.len() >= 5,
        "{preloaded:?} {theirs:?}"
    );
    // A plugin agent preloads its plugin's skills by short and by qualified name.
    let plugin = workspace().join("tests/fixtures/plugins/with-skills");
    let (theirs, preloaded) = not_preloaded(&[
        "--plugin-dir",
        plugin.to_str().expect("utf-8"),
        "--agent",
        "with-skills:t",
    ]);
    assert!(theirs.is_empty(), "{theirs:?}");
    assert_eq!(
        preloaded,
        BTreeSet::from(["checklist".to_owned(), "with-skills:renamed".to_owned()])
    );
    let check = agentgen(&[
        "check",
        "--layout",
        "plugin",
        plugin.to_str().expect("utf-8"),
    ]);
    assert!(check.status.success(), "{}", stdout(&check));
}

#[test]
fn the_bundled_skills_table_is_what_claude_code_bundles_and_preloads() {
    if !claude_code() {
        return;
    }
    // Every name Claude Code offers of its own is in the table.
    let builtin = script("cli-catalog.mjs", &["--builtin"]);
    let table: BTreeSet<&str> = BUNDLED_SKILLS.iter().map(|s| s.name).collect();
    let mut missing = Vec::new();
    for item in &builtin {
        let names =
            std::iter::once(&item["name"]).chain(item["aliases"].as_array().into_iter().flatten());
        for name in names.filter_map(Value::as_str) {
            if !table.contains(name) {
                missing.push(name.to_owned());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in the registry's table: {missing:?}"
    );
    // Each name is preloaded exactly when the table says so: agents that preload them all, at
    // most 32 names each (Claude Code's limit).
    let project = scratch("bundled");
    let agents = project.join("agents");
    std::fs::create_dir_all(&agents).expect("agents dir");
    let chunks: Vec<&[agentgen_compiler::registry::BundledSkill]> =
        BUNDLED_SKILLS.chunks(30).collect();
    for (i, chunk) in chunks.iter().enumerate() {
        let names: Vec<&str> = chunk.iter().map(|s| s.name).collect();
        std::fs::write(
            agents.join(format!("probe-{i}.md")),
            format!(
                "---\nname: probe-{i}\ndescription: Preloads bundled skills\nskills: {}\n---\nx\n",
                names.join(", ")
            ),
        )
        .expect("probe agent");
    }
    for (i, chunk) in chunks.iter().enumerate() {
        let (refused, preloaded) = not_preloaded(&[
            "--claude",
            project.to_str().expect("utf-8"),
            "--agent",
            &format!("probe-{i}"),
        ]);
        for skill in *chunk {
            let expected = skill.kind == BundledSkillKind::Preloadable;
            assert_eq!(
                preloaded.contains(skill.name),
                expected,
                "{} ({:?}): Claude Code preloaded {preloaded:?}, not {refused:?}",
                skill.name,
                skill.kind
            );
        }
    }
}

#[test]
fn exported_plugins_load_into_claude_code() {
    if !claude_code() {
        return;
    }
    // The bundled catalog's packs, as plugins: the same names, descriptions and models.
    let out = scratch("bundled-export").join("plugins");
    let output = agentgen(&[
        "export",
        "agents",
        "--format",
        "plugin",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut args = Vec::new();
    let plugins: Vec<PathBuf> = std::fs::read_dir(&out)
        .expect("plugins")
        .flatten()
        .map(|e| e.path())
        .collect();
    for plugin in &plugins {
        args.push("--plugin-dir");
        args.push(plugin.to_str().expect("utf-8"));
    }
    let loaded = script("cli-catalog.mjs", &args);
    let by_name: BTreeMap<&str, &Value> = loaded
        .iter()
        .map(|a| (a["name"].as_str().expect("name"), a))
        .collect();
    let names: BTreeSet<&str> = by_name.keys().copied().collect();
    let bundled_names: BTreeSet<&str> = bundled::ALL.iter().map(|s| s.qualified_name).collect();
    assert_eq!(names, bundled_names);
    for spec in bundled::ALL {
        let agent = by_name[spec.qualified_name];
        assert_eq!(
            agent["description"], spec.description,
            "{}",
            spec.qualified_name
        );
        assert_eq!(
            agent["model"].as_str(),
            spec.model.map(|m| m.as_str()),
            "{}",
            spec.qualified_name
        );
    }
    // A `.claude` project with skills, as one plugin: its agents and skills, named `plugin:…`.
    let project = workspace().join("tests/fixtures/claude-project/.claude");
    let out = scratch("project-export").join("team");
    let output = agentgen(&[
        "export",
        project.to_str().expect("utf-8"),
        "--format",
        "plugin",
        "--out",
        out.to_str().expect("utf-8"),
        "--plugin-name",
        "team",
    ]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "the fixture has errors on purpose"
    );
    // Without the agent whose entries are wrong on purpose, it exports.
    let copy = scratch("project-copy").join(".claude");
    copy_dir(&project, &copy);
    std::fs::remove_file(copy.join("agents/reviewer.md")).expect("remove");
    let output = agentgen(&[
        "export",
        copy.to_str().expect("utf-8"),
        "--format",
        "plugin",
        "--out",
        out.to_str().expect("utf-8"),
        "--plugin-name",
        "team",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let theirs = listed(&script(
        "cli-catalog.mjs",
        &["--plugin-dir", out.to_str().expect("utf-8")],
    ));
    let ours: BTreeMap<String, String> = inspected(&copy, None)
        .into_iter()
        .map(|(name, description)| {
            let (kind, name) = name.split_once(':').expect("kind:name");
            // A command without a description is a `Custom command` in a project and a
            // `Plugin command` in a plugin (Claude Code's defaults).
            let description = if description == "Custom command" {
                "Plugin command".to_owned()
            } else {
                description
            };
            (format!("{kind}:team:{name}"), description)
        })
        .collect();
    let differences = differences(&ours, &theirs);
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The commands `inspect` reads from `dir` that Claude Code lists (users can start them):
/// `qualified name` → description.
fn inspected_commands(dir: &Path, layout: &str) -> BTreeMap<String, String> {
    let output = agentgen(&["inspect", dir.to_str().expect("utf-8"), "--layout", layout]);
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).expect("a JSON line"))
        .filter(|item| item["kind"] == "command" && item["user_invocable"] == true)
        .map(|item| {
            (
                item["qualified_name"]
                    .as_str()
                    .expect("a loaded command")
                    .to_owned(),
                item["description"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// Every file below `dir`, by `/`-separated path relative to it, with its bytes.
fn files_below(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path
                    .strip_prefix(root)
                    .expect("below the root")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(relative, std::fs::read(&path).expect("read file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// What the real CLI lists, with its models: `kind:name` → (description, model).
fn listed_with_models(items: &[Value]) -> BTreeMap<String, (String, Option<String>)> {
    let descriptions = listed(items);
    items
        .iter()
        .filter(|item| item["kind"] != "builtin")
        .map(|item| {
            let key = format!(
                "{}:{}",
                item["kind"].as_str().unwrap_or_default(),
                item["name"].as_str().unwrap_or_default()
            );
            let model = item["model"].as_str().map(str::to_owned);
            (key.clone(), (descriptions[&key].clone(), model))
        })
        .collect()
}

#[test]
fn the_commands_agentgen_reads_are_the_ones_claude_code_offers() {
    if !claude_code() {
        return;
    }
    // A `.claude` project's commands and a plugin's: the CLI lists them as skills.
    let project = workspace().join("tests/fixtures/claude-project/.claude");
    let plugin = workspace().join("tests/fixtures/plugins/with-commands");
    let cases = [
        (
            project,
            "claude",
            "--claude",
            vec!["grp:deploy", "nofm", "empty", "tools:lint"],
        ),
        (
            plugin,
            "plugin",
            "--plugin-dir",
            vec![
                "with-commands:ship",
                "with-commands:ops:deploy-now",
                "with-commands:UP.MD",
                "with-commands:empty",
                "with-commands:kit",
            ],
        ),
    ];
    for (dir, layout, flag, expected) in cases {
        let ours = inspected_commands(&dir, layout);
        let theirs = listed(&script(
            "cli-catalog.mjs",
            &[flag, dir.to_str().expect("utf-8")],
        ));
        for (name, description) in &ours {
            assert_eq!(
                theirs.get(&format!("skill:{name}")),
                Some(description),
                "{name}: agentgen reads {description:?}; Claude Code lists {theirs:?}"
            );
        }
        let skills: BTreeSet<String> = stdout(&agentgen(&[
            "inspect",
            dir.to_str().expect("utf-8"),
            "--layout",
            layout,
        ]))
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|item| item["kind"] == "skill")
        .filter_map(|item| item["qualified_name"].as_str().map(str::to_owned))
        .collect();
        let theirs_commands: BTreeSet<&str> = theirs
            .keys()
            .filter_map(|k| k.strip_prefix("skill:"))
            .filter(|name| !skills.contains(*name))
            .collect();
        let ours_names: BTreeSet<&str> = ours.keys().map(String::as_str).collect();
        assert_eq!(ours_names, theirs_commands, "{}", dir.display());
        for name in expected {
            assert!(ours_names.contains(name), "{name} not in {ours_names:?}");
        }
    }
}

/// `agentgen export DIR` (the agents JSON).
fn agents_json(dir: &Path) -> Value {
    let output = agentgen(&["export", dir.to_str().expect("utf-8")]);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).expect("the agents JSON")
}

/// A plugin with a full manifest, hooks, scripts, an MCP server, nested agents, a skill with a
/// file beside it and a command: exported, every file is there byte for byte (the manifest's
/// fields in their order), agentgen reads the same catalog from it, and the real CLI loads the
/// same agents (names, descriptions, models) and skills.
#[test]
fn a_plugin_round_trips_through_export_and_claude_code() {
    let source = workspace().join("tests/fixtures/export/review-kit");
    let out = scratch("round-trip-plugin").join("review-kit");
    let output = agentgen(&[
        "export",
        source.to_str().expect("utf-8"),
        "--format",
        "plugin",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let written = files_below(&out);
    let original = files_below(&source);
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        original.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &original {
        assert!(written[path] == *bytes, "{path} changed");
    }
    for kept in [
        ".claude-plugin/plugin.json",
        ".mcp.json",
        "hooks/hooks.json",
        "config/hooks.json",
        "scripts/format.sh",
        "agents/security/auditor.md",
        "skills/lint-rules/reference.md",
        "commands/ship.md",
    ] {
        assert!(written.contains_key(kept), "{kept} is missing");
    }
    assert_eq!(agents_json(&out), agents_json(&source));
    assert_eq!(inspected(&out, None), inspected(&source, None));
    if !claude_code() {
        return;
    }
    let theirs = listed_with_models(&script(
        "cli-catalog.mjs",
        &["--plugin-dir", out.to_str().expect("utf-8")],
    ));
    let before = listed_with_models(&script(
        "cli-catalog.mjs",
        &["--plugin-dir", source.to_str().expect("utf-8")],
    ));
    assert_eq!(theirs, before);
    assert!(
        theirs.contains_key("agent:review-kit:security:auditor")
            && theirs.contains_key("skill:review-kit:lint-rules")
            && theirs.contains_key("skill:review-kit:ship"),
        "{theirs:?}"
    );
}

/// The wshobson marketplace (a copy with a generated `marketplace.json`): exported, its
/// `marketplace.json` keeps every field and points each `source` at the written folder, agentgen
/// reads the same catalog from it, and the real CLI loads the same 202 agents (names,
/// descriptions, models) from the written plugins as from the originals.
#[test]
fn the_wshobson_marketplace_round_trips_through_export_and_claude_code() {
    let Some(shared) = shared() else { return };
    let market = scratch("round-trip-marketplace-source");
    copy_dir(
        &shared.join("corpus/wshobson__agents/plugins"),
        &market.join("plugins"),
    );
    let mut names: Vec<String> = std::fs::read_dir(market.join("plugins"))
        .expect("plugins")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let entries: Vec<Value> = names
        .iter()
        .map(|name| {
            serde_json::json!({
                "name": name,
                "source": format!("./plugins/{name}"),
                "description": format!("The {name} plugin"),
                "version": "1.0.0",
                "category": "development",
            })
        })
        .collect();
    let manifest = serde_json::json!({
        "name": "wshobson-agents",
        "owner": {"name": "Seth Hobson"},
        "metadata": {"description": "A copy for agentgen's tests", "version": "1.0.0"},
        "plugins": entries,
    });
    std::fs::create_dir_all(market.join(".claude-plugin")).expect("mkdir");
    std::fs::write(
        market.join(".claude-plugin/marketplace.json"),
        serde_json::to_string_pretty(&manifest).expect("json"),
    )
    .expect("write manifest");
    let out = scratch("round-trip-marketplace").join("market");
    let output = agentgen(&[
        "export",
        market.to_str().expect("utf-8"),
        "--format",
        "plugin",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("wrote the marketplace's manifest"));
    // marketplace.json: the same fields and entries, `source` pointing at the written folders.
    let written: Value = serde_json::from_slice(
        &std::fs::read(out.join(".claude-plugin/marketplace.json")).expect("marketplace.json"),
    )
    .expect("JSON");
    let mut expected = manifest.clone();
    for entry in expected["plugins"].as_array_mut().expect("plugins") {
        let name = entry["name"].as_str().expect("name").to_owned();
        entry["source"] = Value::from(format!("./{name}"));
    }
    assert_eq!(written, expected);
    // Every plugin's files, byte for byte.
    for name in &names {
        assert_eq!(
            files_below(&out.join(name)),
            files_below(&market.join("plugins").join(name)),
            "{name}"
        );
    }
    // agentgen reads the same catalog.
    let before = agents_json(&market);
    assert_eq!(agents_json(&out), before);
    assert_eq!(before.as_object().map(|o| o.len()), Some(202));
    if !claude_code() {
        return;
    }
    let load = |root: &Path| {
        let folders: Vec<String> = names
            .iter()
            .map(|n| root.join(n).to_string_lossy().into_owned())
            .collect();
        let mut args = Vec::new();
        for folder in &folders {
            args.push("--plugin-dir");
            args.push(folder.as_str());
        }
        listed_with_models(&script("cli-catalog.mjs", &args))
    };
    let theirs = load(&out);
    assert_eq!(theirs, load(&market.join("plugins")));
    let agents = theirs.keys().filter(|k| k.starts_with("agent:")).count();
    assert_eq!(agents, 202);
    // The written marketplace installs: the small marketplace fixture, exported, lists the same.
    let fixture = workspace().join("tests/fixtures/marketplace");
    let out = scratch("round-trip-fixture-marketplace").join("market");
    let output = agentgen(&[
        "export",
        fixture.to_str().expect("utf-8"),
        "--format",
        "plugin",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let installed = |dir: &Path| {
        listed_with_models(&script(
            "cli-catalog.mjs",
            &["--marketplace", dir.to_str().expect("utf-8")],
        ))
    };
    assert_eq!(installed(&out), installed(&fixture));
}

/// A `.claude` project exported as a plugin: each agent file keeps its lines, order, comments and
/// body; only what a plugin agent reads otherwise is rewritten; the real CLI loads the same
/// agents (named `team:…`) with the same descriptions and models.
#[test]
fn a_project_exported_as_a_plugin_keeps_its_frontmatter() {
    let project = workspace().join("tests/fixtures/export/team/.claude");
    let out = scratch("round-trip-project").join("team");
    let output = agentgen(&[
        "export",
        project.to_str().expect("utf-8"),
        "--format",
        "plugin",
        "--out",
        out.to_str().expect("utf-8"),
        "--plugin-name",
        "team",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("`permissionMode` of `lead` is left out"),
        "{}",
        stderr(&output)
    );
    let lead = std::fs::read_to_string(out.join("agents/lead.md")).expect("lead");
    assert_eq!(
        lead,
        "---\n\
         # The team's lead: keys in the author's order and style.\n\
         name: lead\n\
         description: \"Leads the team.\\nHands work to the helper\"\n\
         model: Sonnet\n\
         tools: [\"Read\",\"Agent(team:helper)\"]\n\
         skills: [\"notes\",\"team:release\"]\n\
         color: purple\n\
         maxTurns: 12\n\
         ---\n\
         \n\
         You lead. Ask helper for help, and write notes.\n"
    );
    assert_eq!(
        std::fs::read(out.join("agents/helper.md")).expect("helper"),
        std::fs::read(project.join("agents/helper.md")).expect("helper")
    );
    assert_eq!(
        std::fs::read(out.join("commands/release.md")).expect("command"),
        std::fs::read(project.join("commands/release.md")).expect("command")
    );
    if !claude_code() {
        return;
    }
    let theirs = listed_with_models(&script(
        "cli-catalog.mjs",
        &["--plugin-dir", out.to_str().expect("utf-8")],
    ));
    let before: BTreeMap<String, (String, Option<String>)> = listed_with_models(&script(
        "cli-catalog.mjs",
        &["--claude", project.to_str().expect("utf-8")],
    ))
    .into_iter()
    .filter(|(k, _)| k.starts_with("agent:"))
    .map(|(k, v)| (k.replacen("agent:", "agent:team:", 1), v))
    .collect();
    let agents: BTreeMap<String, (String, Option<String>)> = theirs
        .into_iter()
        .filter(|(k, _)| k.starts_with("agent:"))
        .collect();
    assert_eq!(agents, before);
    // Claude Code preloads the lead's skills from the exported plugin.
    let (refused, preloaded) = not_preloaded(&[
        "--plugin-dir",
        out.to_str().expect("utf-8"),
        "--agent",
        "team:lead",
    ]);
    assert!(refused.is_empty(), "{refused:?}");
    assert_eq!(
        preloaded,
        BTreeSet::from(["notes".to_owned(), "team:release".to_owned()])
    );
}
