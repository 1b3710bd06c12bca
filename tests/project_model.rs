//! One project, one answer: in a downstream crate that keeps its agents as Claude Code users do
//! (`.claude/agents/*.md`, a skill, a `.claude/agentgen.toml` with a `[metadata]` schema and
//! `unknown-agent-in-prompt = "deny"`), and in one with an `agents/` folder, `agentgen check`
//! without a folder and `cargo build` (through the macro, and through build.rs) read the same
//! files with the same configuration and report the same errors at the same places; the
//! configuration may sit in `.claude/` or in `.claude/agents/`; `agentgen new`, run from a
//! subfolder, writes into the project's agents folder with the schema's required keys filled,
//! and the crate still builds; one broken file gives one error, the same for both, and no rustc
//! error for the agent's enum variant or constant.
//!
//! Real `cargo build` runs (offline, one shared target directory) and the real CLI binary.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PLANNER: &str = "---\nname: planner\ndescription: Plans the work before any code is written\ntools: Read, Grep, Agent(code-reviewer)\nstage: ready\n---\nYou plan the work.\n\nWhen the plan is done, hand it to the code-reviewer agent.\n";
const REVIEWER: &str = "---\nname: code-reviewer\ndescription: Reviews every diff for correctness\ntools: Read, Grep\nskills: house-style\nstage: draft\n---\nYou review diffs.\n";
const SKILL: &str =
    "---\nname: house-style\ndescription: The team's coding style\n---\nUse four spaces.\n";
const CONFIG: &str = "[lints]\nunknown-agent-in-prompt = \"deny\"\n\n[metadata]\nstage = { enum = [\"draft\", \"ready\"] }\n";

/// Where a crate keeps its catalog.
#[derive(Clone, Copy, Debug)]
enum Keeps {
    /// `.claude/agents`, `.claude/skills`, the configuration in `.claude/`.
    Claude,
    /// `agents/`, the configuration in `agents/`.
    Agents,
}

/// How the crate compiles its catalog.
#[derive(Clone, Copy, Debug)]
enum Entry {
    Macro,
    BuildScript,
}

struct Krate {
    dir: PathBuf,
    target: PathBuf,
    keeps: Keeps,
}

impl Krate {
    fn new(name: &str, keeps: Keeps, entry: Entry) -> Krate {
        let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let scratch = workspace.join("target/project-model");
        let dir = scratch.join(name);
        let _ = std::fs::remove_dir_all(&dir);
        let agentgen = workspace.join("agentgen");
        let path = agentgen.display().to_string();
        let catalog_arg = match keeps {
            Keeps::Claude => ".claude",
            Keeps::Agents => "agents",
        };
        let manifest = match entry {
            // With the README's one-line build script, so that cargo notices added files.
            Entry::Macro => format!(
                "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n\n\
                 [dependencies]\nagentgen-rs = {{ path = {path:?} }}\n\n\
                 [build-dependencies]\nagentgen-rs = {{ path = {path:?}, default-features = false }}\n"
            ),
            Entry::BuildScript => format!(
                "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n\n\
                 [dependencies]\nagentgen-rs = {{ path = {path:?}, default-features = false }}\n\n\
                 [build-dependencies]\nagentgen-rs = {{ path = {path:?}, default-features = false, features = [\"build\"] }}\n"
            ),
        };
        write(&dir.join("Cargo.toml"), &manifest);
        std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).expect("lock file");
        let module = match entry {
            Entry::Macro => {
                write(
                    &dir.join("build.rs"),
                    &format!("fn main() {{ agentgen::rerun_if_changed({catalog_arg:?}); }}\n"),
                );
                format!("mod agents {{\n    agentgen::include_agents!({catalog_arg:?});\n}}\n")
            }
            Entry::BuildScript => {
                write(
                    &dir.join("build.rs"),
                    &format!(
                        "fn main() -> Result<(), Box<dyn std::error::Error>> {{\n    agentgen::build::Builder::new().compile({catalog_arg:?})?;\n    Ok(())\n}}\n"
                    ),
                );
                "mod agents {\n    include!(concat!(env!(\"OUT_DIR\"), \"/agents.rs\"));\n}\n"
                    .to_owned()
            }
        };
        // The generated `Stage` enum exists only when the schema was read.
        write(
            &dir.join("src/main.rs"),
            &format!(
                "{module}\nfn main() {{\n    let ready: agents::Stage = agents::PLANNER.metadata.stage;\n    \
                 let reviewer = agents::Agent::CodeReviewer;\n    \
                 println!(\"{{}} {{:?}} {{}} {{}} {{}}\", agents::ALL.len(), ready, agents::PLANNER.qualified_name, reviewer, agents::CODE_REVIEWER.name);\n}}\n"
            ),
        );
        let krate = Krate {
            target: scratch.join("target"),
            dir,
            keeps,
        };
        krate.write_agent("planner", PLANNER);
        krate.write_agent("code-reviewer", &krate.reviewer());
        if let Keeps::Claude = keeps {
            write(
                &krate.dir.join(".claude/skills/house-style/SKILL.md"),
                SKILL,
            );
        }
        write(&krate.config_path(false), CONFIG);
        krate
    }

    fn agents_folder(&self) -> PathBuf {
        match self.keeps {
            Keeps::Claude => self.dir.join(".claude/agents"),
            Keeps::Agents => self.dir.join("agents"),
        }
    }

    /// The configuration file: in the project's root (`.claude/`, `agents/`), or in
    /// `.claude/agents/` with `inner`.
    fn config_path(&self, inner: bool) -> PathBuf {
        match (self.keeps, inner) {
            (Keeps::Claude, false) => self.dir.join(".claude/agentgen.toml"),
            _ => self.agents_folder().join("agentgen.toml"),
        }
    }

    /// The reviewer preloads the project's skill where there is one.
    fn reviewer(&self) -> String {
        match self.keeps {
            Keeps::Claude => REVIEWER.to_owned(),
            Keeps::Agents => REVIEWER.replace("skills: house-style\n", ""),
        }
    }

    fn write_agent(&self, name: &str, text: &str) {
        write(&self.agents_folder().join(format!("{name}.md")), text);
    }

    fn cargo_build(&self) -> Output {
        Command::new(env!("CARGO"))
            .args(["build", "--offline", "--quiet"])
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .env_remove("RUSTFLAGS")
            .output()
            .expect("cargo runs")
    }

    /// `agentgen ARGS` run in `subfolder` of the crate.
    fn agentgen_in(&self, subfolder: &str, args: &[&str]) -> Output {
        let cwd = self.dir.join(subfolder);
        std::fs::create_dir_all(&cwd).expect("subfolder");
        Command::new(env!("CARGO_BIN_EXE_agentgen"))
            .args(args)
            .current_dir(cwd)
            .env("NO_COLOR", "1")
            .output()
            .expect("agentgen runs")
    }
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("folders");
    std::fs::write(path, text).expect("write");
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The errors in a text: `(code, file:line:col)` for each `[code]` of an error followed by its
/// `--> place` — rustc-style blocks (`error[code]: …` / `agentgen[code]: …` then ` --> …`) and
/// one-line forms alike. Paths are made relative to the crate (the CLI shows them relative to
/// where it runs).
fn errors(text: &str) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    let mut pending: Option<String> = None;
    for line in text.lines().map(str::trim_start) {
        let is_error = line.starts_with("error") || line.contains("error: agentgen[");
        if let Some(open) = line.find('[')
            && let Some(close) = line[open..].find(']')
            && (is_error || line.trim_start().starts_with("agentgen["))
            && !line.contains("warning")
        {
            let code = &line[open + 1..open + close];
            if !code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                pending = Some(code.to_owned());
            }
        }
        if let Some(at) = line.find("--> ")
            && let Some(code) = pending.take()
        {
            let place = line[at + 4..]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_start_matches("../")
                .to_owned();
            found.insert((code, place));
        }
    }
    found
}

/// `check` and `cargo build` agree: both fail with the same errors at the same places, or both pass.
fn assert_agree(krate: &Krate, case: &str) -> BTreeSet<(String, String)> {
    let check = krate.agentgen_in("src", &["check"]);
    let build = krate.cargo_build();
    let (check_text, build_text) = (text(&check), text(&build));
    let (from_check, from_build) = (errors(&check_text), errors(&build_text));
    assert_eq!(
        check.status.success(),
        build.status.success(),
        "{case}: check and cargo build disagree on success\n--- check:\n{check_text}\n--- build:\n{build_text}"
    );
    assert_eq!(
        from_check, from_build,
        "{case}: different errors\n--- check:\n{check_text}\n--- build:\n{build_text}"
    );
    if !check.status.success() {
        assert!(
            !from_check.is_empty(),
            "{case}: no error found in\n{check_text}"
        );
    }
    from_check
}

fn scenario(name: &str, keeps: Keeps, entry: Entry) {
    let krate = Krate::new(name, keeps, entry);
    let root_name = match keeps {
        Keeps::Claude => ".claude",
        Keeps::Agents => "agents",
    };

    // Clean: both pass, and check says what it resolved.
    assert!(assert_agree(&krate, "clean").is_empty());
    let check = krate.agentgen_in("", &["check"]);
    let expected = match keeps {
        Keeps::Claude => "catalog .claude (layout claude, detected; config .claude/agentgen.toml)",
        Keeps::Agents => "catalog agents (layout agents, detected; config agents/agentgen.toml)",
    };
    assert!(text(&check).starts_with(expected), "{}", text(&check));

    // A prompt that names an agent no file defines: denied in agentgen.toml, an error for both.
    krate.write_agent(
        "planner",
        &PLANNER.replace("the code-reviewer agent", "the security-auditor agent"),
    );
    let found = assert_agree(&krate, "unknown agent in prompt");
    let planner = format!(
        "{}/planner.md",
        krate
            .agents_folder()
            .strip_prefix(&krate.dir)
            .expect("inside")
            .display()
    );
    assert!(
        found.contains(&(
            "unknown-agent-in-prompt".to_owned(),
            format!("{planner}:9:39")
        )),
        "{found:?}"
    );
    krate.write_agent("planner", PLANNER);

    // An agent without a key the schema requires: an error for both.
    krate.write_agent(
        "code-reviewer",
        &krate.reviewer().replace("stage: draft\n", ""),
    );
    let found = assert_agree(&krate, "missing metadata");
    assert!(
        found
            .iter()
            .any(|(code, place)| code == "missing-metadata" && place.contains("code-reviewer.md")),
        "{found:?}"
    );
    krate.write_agent("code-reviewer", &krate.reviewer());

    // One broken file (a description continued on a line that reads as a key): one error, the
    // same for both, and no rustc error for the agent's variant or constant, which the crate's
    // code uses; the agent a prompt and `Agent(…)` name is not "unknown" anywhere.
    krate.write_agent(
        "code-reviewer",
        &krate.reviewer().replace(
            "description: Reviews every diff for correctness\n",
            "description: Reviews every diff\n  Focus: correctness\n",
        ),
    );
    let found = assert_agree(&krate, "one broken file");
    let reviewer = format!(
        "{}/code-reviewer.md",
        krate
            .agents_folder()
            .strip_prefix(&krate.dir)
            .expect("inside")
            .display()
    );
    assert_eq!(
        found,
        BTreeSet::from([("invalid-frontmatter".to_owned(), format!("{reviewer}:4:8"))])
    );
    let build = text(&krate.cargo_build());
    assert!(
        !build.contains("error[E"),
        "no rustc error of its own:\n{build}"
    );
    assert!(
        build.contains("agentgen fix"),
        "the help names agentgen fix:\n{build}"
    );
    krate.write_agent("code-reviewer", &krate.reviewer());

    // The configuration in `.claude/agents/` applies just the same (the schema still gives `Stage`).
    if let Keeps::Claude = keeps {
        std::fs::rename(krate.config_path(false), krate.config_path(true)).expect("move");
        assert!(assert_agree(&krate, "configuration in .claude/agents").is_empty());
        let check = krate.agentgen_in("", &["check"]);
        assert!(
            text(&check).contains("config .claude/agents/agentgen.toml"),
            "{}",
            text(&check)
        );
        // Both places at once: one of them is not read, which is an error for both.
        write(&krate.config_path(false), CONFIG);
        let found = assert_agree(&krate, "two configurations");
        assert!(
            found.contains(&(
                "invalid-config".to_owned(),
                ".claude/agents/agentgen.toml".to_owned()
            )) || found.iter().any(|(code, _)| code == "invalid-config"),
            "{found:?}"
        );
        std::fs::remove_file(krate.config_path(true)).expect("remove");
    }

    // `agentgen new` from a subfolder writes into the project's agents folder, fills the
    // schema's required key, and the crate still builds; the placeholder is a warning.
    let created = krate.agentgen_in("src", &["new", "tester", "--tools", "Read, Bash"]);
    assert!(created.status.success(), "{}", text(&created));
    let file = krate.agents_folder().join("tester.md");
    let written = std::fs::read_to_string(&file).expect("new file in the agents folder");
    assert!(
        written.contains("stage: \"draft\"    # edit: required by [metadata]"),
        "{written}"
    );
    assert!(
        !krate.dir.join("src/agents").exists(),
        "nothing written under src/"
    );
    assert!(assert_agree(&krate, "after new").is_empty());
    let check = krate.agentgen_in("src", &["check"]);
    assert!(
        text(&check).contains("warning[placeholder-description]"),
        "{}",
        text(&check)
    );
    assert!(
        text(&check).contains(&format!("catalog ../{root_name}")),
        "{}",
        text(&check)
    );
}

#[test]
fn a_claude_project_through_the_macro() {
    scenario("claude-macro", Keeps::Claude, Entry::Macro);
}

#[test]
fn a_claude_project_through_a_build_script() {
    scenario("claude-build-script", Keeps::Claude, Entry::BuildScript);
}

#[test]
fn an_agents_folder_through_the_macro() {
    scenario("agents-macro", Keeps::Agents, Entry::Macro);
}

/// Every command says what it resolved — on stdout for `check`'s text, on stderr where stdout is
/// a machine format — and a folder that looks like another layout gets a note with the flag.
#[test]
fn commands_say_what_they_resolved_and_hint_at_layouts() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/project-model/hints");
    let _ = std::fs::remove_dir_all(&root);
    write(
        &root.join("market/plugins/lint/agents/a.md"),
        "---\nname: a\ndescription: Lints\n---\nLint.\n",
    );
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_agentgen"))
            .args(args)
            .current_dir(&root)
            .env("NO_COLOR", "1")
            .output()
            .expect("agentgen runs")
    };
    let line = "catalog market (layout agents, detected; no agentgen.toml)";
    let note =
        "note: `market/plugins` looks like a folder of plugins: `--layout plugins market/plugins`";
    let human = run(&["check", "market"]);
    let out = String::from_utf8_lossy(&human.stdout);
    assert!(out.starts_with(line), "{out}");
    let lines: Vec<&str> = out.trim_end().lines().collect();
    assert!(lines[lines.len() - 2].starts_with(note), "{out}");
    assert!(lines[lines.len() - 1].ends_with(" in 1 file"), "{out}");
    for args in [
        &["check", "market", "--format", "json"][..],
        &["check", "market", "--format", "sarif"],
        &["inspect", "market"],
        &["export", "market"],
        &["graph", "market", "--format", "json"],
    ] {
        let output = run(args);
        let (out, err) = (
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        );
        assert!(
            err.starts_with(line) && err.contains(note),
            "{args:?}: {err}"
        );
        assert!(
            !out.contains("catalog market"),
            "{args:?}: stdout stays machine-readable: {out}"
        );
    }
    // Given the layout, no note.
    let plugins = run(&["check", "--layout", "plugins", "market/plugins"]);
    let out = String::from_utf8_lossy(&plugins.stdout);
    assert!(
        out.starts_with("catalog market/plugins (layout plugins, given; no agentgen.toml)"),
        "{out}"
    );
    assert!(!out.contains("note:"), "{out}");
}
