//! Skills, layouts and plugins through the command line and a real downstream crate's build.rs:
//! `check`, `inspect`, `expand` and `export` on a `.claude` project and on plugins (`--layout`
//! or detected), each new diagnostic as the CLI reports it, and a crate whose build script
//! compiles a `.claude` project and a plugin, which `cargo run` then uses — and whose build an
//! unknown skill breaks.

mod common;

use common::{agentgen, stderr, stdout};

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const PROJECT: &str = "tests/fixtures/claude-project/.claude";
const PLUGINS: &str = "tests/fixtures/plugins";

/// The diagnostics of `agentgen check ARGS --format json`: (code, file, line).
fn diagnostics(args: &[&str]) -> (Option<i32>, Vec<(String, String, u64)>) {
    let mut all = vec!["check"];
    all.extend(args);
    all.extend(["--format", "json"]);
    let output = agentgen(&all);
    let found = stdout(&output)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|d| d["type"] == "diagnostic")
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["file"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    (output.status.code(), found)
}

#[test]
fn check_reports_skills_an_agent_cannot_preload_at_their_entries() {
    let (status, found) = diagnostics(&[PROJECT]);
    assert_eq!(status, Some(1));
    let reviewer = format!("{PROJECT}/agents/reviewer.md");
    let at = |code: &str, line: u64| (code.to_owned(), reviewer.clone(), line);
    for expected in [
        at("unknown-skill", 12),         // `capital`: names are matched case included
        at("skill-not-preloadable", 13), // `users-only`: disable-model-invocation
        at("skill-not-preloadable", 17), // `verify`: a bundled skill only users start
        at("skill-not-preloadable", 18), // `clear`: a built-in command
        at("unknown-skill", 19),         // `commit`: not offered by this Claude Code
        at("unknown-skill", 20),         // `nope`
    ] {
        assert!(found.contains(&expected), "{expected:?} in {found:#?}");
    }
    assert_eq!(found.len(), 6, "{found:#?}");
    // The human rendering points at the entry, with did-you-mean.
    let output = agentgen(&["check", PROJECT, "--color", "never"]);
    let text = stdout(&output);
    assert!(
        text.contains("error[unknown-skill]: unknown skill `capital`")
            && text.contains("did you mean `Capital`?"),
        "{text}"
    );
}

#[test]
fn layouts_are_detected_set_and_checked() {
    // A plugin folder of agents: detected from its manifest, or set with --layout.
    let (_, detected) = diagnostics(&[&format!("{PLUGINS}/custom-paths")]);
    assert!(
        detected
            .iter()
            .any(|(code, file, _)| code == "invalid-manifest"
                && file.ends_with("custom-paths/.claude-plugin/plugin.json")),
        "{detected:#?}"
    );
    let (status, plugins) = diagnostics(&["--layout", "plugins", PLUGINS]);
    assert_eq!(status, Some(1));
    let codes: Vec<&str> = plugins.iter().map(|(c, _, _)| c.as_str()).collect();
    for code in ["invalid-manifest", "ignored-in-plugin", "no-frontmatter"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    // The same folder as a bare agents folder: no plugins, so none of that.
    let (_, flat) = diagnostics(&["--layout", "agents", PLUGINS]);
    assert!(
        !flat
            .iter()
            .any(|(c, _, _)| c == "invalid-manifest" || c == "ignored-in-plugin"),
        "{flat:#?}"
    );
    // An unknown layout is a usage error naming the layouts, in every command.
    for command in ["check", "expand", "export", "inspect"] {
        let output = agentgen(&[command, "--layout", "flat", PROJECT]);
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert!(
            stderr(&output).contains("`agents`, `claude`, `plugin`, `plugins`, `marketplace`"),
            "{command}: {}",
            stderr(&output)
        );
    }
    // `layout` in agentgen.toml.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("layout-config");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("agents")).expect("dir");
    std::fs::write(dir.join("agentgen.toml"), "layout = \"plugin\"\n").expect("config");
    std::fs::write(
        dir.join("agents/a.md"),
        "---\nname: a\ndescription: d\n---\nx\n",
    )
    .expect("agent");
    let output = agentgen(&["export", dir.to_str().expect("utf-8")]);
    assert!(output.status.success(), "{}", stderr(&output));
    let exported: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(exported.get("layout-config:a").is_some(), "{exported}");
}

#[test]
fn inspect_describes_skills_and_plugin_agents() {
    let output = agentgen(&["inspect", PROJECT]);
    assert!(output.status.success(), "{}", stderr(&output));
    let items: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let skill = |name: &str| {
        items
            .iter()
            .find(|i| i["kind"] == "skill" && i["qualified_name"] == name)
            .unwrap_or_else(|| panic!("no skill {name}"))
    };
    assert_eq!(skill("renamed")["folder"], "folder-name");
    assert_eq!(skill("no-frontmatter")["description"], "Release notes");
    assert_eq!(skill("users-only")["context"], "fork");
    assert_eq!(skill("users-only")["disable_model_invocation"], true);
    assert_eq!(skill("hidden")["user_invocable"], false);
    assert_eq!(
        skill("checklist")["allowed_tools"],
        serde_json::json!(["Read", "Grep"])
    );
    let long = skill("long")["description"].as_str().expect("text");
    assert!(
        long.ends_with("...") && long.encode_utf16().count() == 100,
        "{long}"
    );
    // `skill.md` is not a skill: its file is not even read.
    assert!(!stdout(&output).contains("lower/skill.md"));
    let reviewer = items
        .iter()
        .find(|i| i["kind"] == "agent" && i["name"] == "reviewer")
        .expect("reviewer");
    assert_eq!(reviewer["qualified_name"], "reviewer");

    let output = agentgen(&[
        "inspect",
        "--layout",
        "plugin",
        &format!("{PLUGINS}/nested"),
    ]);
    let text = stdout(&output);
    for name in [
        "nested:review:deep:perf",
        "nested:README",
        "nested:unnamed",
        "nested:shout",
        "nested:x:y",
        "nested:123",
    ] {
        assert!(
            text.contains(&format!("\"qualified_name\":\"{name}\"")),
            "{name} in {text}"
        );
    }
}

#[test]
fn expand_generates_the_skill_items_and_export_writes_plugins() {
    let project = "agentgen-macros/tests/fixtures/claude-project/.claude";
    let output = agentgen(&["expand", project]);
    assert!(output.status.success(), "{}", stderr(&output));
    let code = stdout(&output);
    assert!(syn::parse_file(&code).is_ok(), "valid Rust");
    for item in [
        "pub enum Skill {",
        "pub type AgentSpec = ::agentgen::AgentSpec<Agent, Skill>;",
        "pub type SkillSpec = ::agentgen::SkillSpec<Agent, Skill>;",
        "pub static ALL_SKILLS: [&SkillSpec; 3usize]",
        "pub fn skill_by_name(",
        "pub const REVIEW_CHECKLIST: SkillSpec",
        "::agentgen::SkillRef::Catalog(Skill::ReviewChecklist)",
        "::agentgen::SkillRef::Named(\"simplify\")",
    ] {
        assert!(code.contains(item), "{item}");
    }
    // `export --format plugin` writes into an empty or new folder only.
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("export-plugin");
    let _ = std::fs::remove_dir_all(&out);
    let args = [
        "export",
        project,
        "--format",
        "plugin",
        "--out",
        out.to_str().expect("utf-8"),
    ];
    let output = agentgen(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("wrote the plugin `claude-project`"));
    let manifest =
        std::fs::read_to_string(out.join(".claude-plugin/plugin.json")).expect("manifest");
    assert_eq!(manifest, "{\n  \"name\": \"claude-project\"\n}\n");
    assert!(out.join("skills/review-checklist/SKILL.md").is_file());
    // A plugin agent preloads its plugin's skills by name: the file needs no change.
    let reviewer = std::fs::read_to_string(out.join("agents/reviewer.md")).expect("agent");
    assert_eq!(
        reviewer,
        std::fs::read_to_string(Path::new(project).join("agents/reviewer.md")).expect("agent")
    );
    // The written plugin checks clean and names its agents `claude-project:…`.
    let check = agentgen(&["check", out.to_str().expect("utf-8")]);
    assert!(check.status.success(), "{}", stdout(&check));
    let again = agentgen(&args);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("is not an empty folder (use --force to replace it)"));
    // `--force` replaces the folder: a file left there is gone, the plugin written again.
    std::fs::write(out.join("stale.txt"), "from before").expect("stale file");
    let forced = agentgen(&[&args[..], &["--force"]].concat());
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(!out.join("stale.txt").exists());
    assert!(out.join("agents/reviewer.md").is_file());
    // … but never a folder that holds the catalog.
    let holding = agentgen(&[
        "export",
        project,
        "--format",
        "plugin",
        "--out",
        "agentgen-macros/tests/fixtures",
        "--force",
    ]);
    assert_eq!(holding.status.code(), Some(2));
    assert!(
        stderr(&holding).contains("which holds the catalog"),
        "{}",
        stderr(&holding)
    );
    assert!(Path::new(project).join("agents/reviewer.md").is_file());
    let missing = agentgen(&["export", project, "--format", "plugin"]);
    assert_eq!(missing.status.code(), Some(2), "--out is required");
}

fn cargo(crate_dir: &Path, target_dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO"))
        .args(args)
        .arg("--quiet")
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
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

/// A build script compiles a `.claude` project (detected) and a plugin (`.layout(…)`); the
/// crate uses both. An unknown skill then breaks `cargo build`.
#[test]
fn a_build_script_compiles_a_claude_project_and_a_plugin() {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = workspace.join("target/downstream-test");
    let crate_dir = scratch.join("skills-user");
    let _ = std::fs::remove_dir_all(&crate_dir);
    std::fs::create_dir_all(crate_dir.join("src")).expect("crate dir");
    let fixtures = workspace.join("agentgen-macros/tests/fixtures");
    copy_dir(
        &fixtures.join("claude-project/.claude"),
        &crate_dir.join(".claude"),
    );
    copy_dir(&fixtures.join("plugin"), &crate_dir.join("plugin"));
    std::fs::copy(workspace.join("Cargo.lock"), crate_dir.join("Cargo.lock")).expect("lock file");
    let agentgen = workspace.join("agentgen");
    std::fs::write(
        crate_dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"skills-user\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n\n\
             [dependencies]\nagentgen-rs = {{ path = {path:?}, default-features = false }}\n\n\
             [build-dependencies]\nagentgen-rs = {{ path = {path:?}, default-features = false, features = [\"build\"] }}\n",
            path = agentgen.display().to_string()
        ),
    )
    .expect("manifest");
    std::fs::write(
        crate_dir.join("build.rs"),
        "use agentgen::build::{Builder, Layout};\n\
         fn main() -> Result<(), Box<dyn std::error::Error>> {\n    \
         Builder::new().out_file(\"project.rs\").compile(\".claude\")?;\n    \
         Builder::new().layout(Layout::Plugin).out_file(\"plugin.rs\").compile(\"plugin\")?;\n    \
         Ok(())\n}\n",
    )
    .expect("build.rs");
    std::fs::write(
        crate_dir.join("src/main.rs"),
        "mod project { include!(concat!(env!(\"OUT_DIR\"), \"/project.rs\")); }\n\
         mod plugin { include!(concat!(env!(\"OUT_DIR\"), \"/plugin.rs\")); }\n\
         fn main() {\n    \
         for skill in project::ALL_SKILLS { println!(\"skill {} ({})\", skill.qualified_name, skill.description); }\n    \
         let skills: Vec<String> = project::REVIEWER.skills.iter().map(|s| s.to_string()).collect();\n    \
         println!(\"reviewer preloads {}\", skills.join(\", \"));\n    \
         for skill in project::REVIEWER.preloaded_skills() { println!(\"compiled: {} ({})\", skill.qualified_name, skill.source_path); }\n    \
         for agent in plugin::ALL { println!(\"agent {}\", agent.qualified_name); }\n}\n",
    )
    .expect("main.rs");
    let target = scratch.join("target");

    let built = cargo(&crate_dir, &target, &["run", "--offline"]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&built.stdout),
        "skill changelog (Changelog entries)\n\
         skill release-notes (Writes the release notes)\n\
         skill review-checklist (The team's review checklist)\n\
         reviewer preloads review-checklist, simplify\n\
         compiled: review-checklist (.claude/skills/review-checklist/SKILL.md)\n\
         agent my-plugin:review:security\n\
         agent my-plugin:triage\n"
    );

    // Removing the skill the reviewer preloads breaks the build at the agent's entry.
    std::fs::remove_dir_all(crate_dir.join(".claude/skills/review-checklist")).expect("remove");
    let failed = cargo(&crate_dir, &target, &["build", "--offline"]);
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(
        !failed.status.success(),
        "an unknown skill must fail the build"
    );
    assert!(
        err.contains("error[unknown-skill]: unknown skill `review-checklist`")
            && err.contains("--> .claude/agents/reviewer.md:5:9"),
        "{err}"
    );
}

/// Messages about a plugin's agents say "plugin", not "pack".
#[test]
fn plugin_messages_say_plugin() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("plugin-messages");
    let _ = std::fs::remove_dir_all(&root);
    for (path, text) in [
        (".claude-plugin/plugin.json", "{\"name\": \"kit\"}"),
        (
            "agents/lead.md",
            "---\nname: lead\ndescription: Leads\ntools: Agent(helpr)\n---\nAsk the helpr agent.\n",
        ),
        (
            "agents/helper.md",
            "---\nname: helper\ndescription: Helps\n---\nHelp.\n",
        ),
    ] {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    let output = agentgen(&["check", root.to_str().expect("utf-8")]);
    let text = stdout(&output);
    assert!(
        text.contains("no agent of plugin `kit` has this name"),
        "{text}"
    );
    assert!(!text.contains("pack `kit`"), "{text}");
}

/// `export --format plugin` copies a plugin whole, and a hook's script stays executable (the
/// fixture's scripts are committed with mode 755): Claude Code runs them as they are.
#[cfg(unix)]
#[test]
fn exported_scripts_stay_executable() {
    use std::os::unix::fs::PermissionsExt;
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let plugin = workspace.join("tests/fixtures/export/review-kit");
    let out = workspace.join("target/export-executables");
    let _ = std::fs::remove_dir_all(&out);
    let output = agentgen(&[
        "export",
        plugin.to_str().expect("utf-8"),
        "--format",
        "plugin",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    for script in ["format.sh", "greet.sh", "review-db.sh"] {
        let from = std::fs::metadata(plugin.join("scripts").join(script)).expect("fixture script");
        let to = std::fs::metadata(out.join("scripts").join(script)).expect("exported script");
        assert_eq!(
            from.permissions().mode() & 0o111,
            to.permissions().mode() & 0o111,
            "{script}: {}",
            stdout(&output)
        );
        assert_ne!(to.permissions().mode() & 0o111, 0, "{script} is executable");
    }
}
