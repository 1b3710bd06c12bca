//! A cargo workspace of two crates sharing one catalog with one setting,
//! `[workspace.metadata.agentgen] dir = "shared-agents"` in the workspace's `Cargo.toml`: the
//! crate `app` compiles it with `include_agents!()` (and the one-line build script
//! `agentgen::build::rerun_if_catalog_changed()`), the crate `tool` with
//! `Builder::new().compile_default()` in build.rs. Both build from the shared folder, pick up an
//! added file, fail on an error in it with the same workspace-relative path (as rustc prints
//! its own), and `agentgen check --workspace` from the root reports it once; from the virtual
//! manifest's root, `cargo agentgen check` checks the shared folder. A folder outside the crate
//! that the setting does not name is refused alike by the macro and the builder, with the same
//! opt-in.
//!
//! Real `cargo build` runs (offline, the target directory `tests/project_model.rs` uses) and the
//! real CLI binaries.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PLANNER: &str = "---\nname: planner\ndescription: Plans the work before any code is written\ntools: Read, Grep, Agent(code-reviewer)\n---\nYou plan the work.\n";
const REVIEWER: &str = "---\nname: code-reviewer\ndescription: Reviews every diff for correctness\ntools: Read, Grep\n---\nYou review diffs.\n";
const TESTER: &str =
    "---\nname: tester\ndescription: Runs the tests after every change\ntools: Bash\n---\nTest.\n";
/// A planner that names no other agent, for a catalog of its own.
const LONE_PLANNER: &str =
    "---\nname: planner\ndescription: Plans the work alone\ntools: Read\n---\nPlan.\n";

struct Workspace {
    root: PathBuf,
    target: PathBuf,
    /// The packages' names, `app` and `tool` with a prefix per test: cargo hashes a workspace
    /// member by its path inside the workspace, so two workspaces building at once into one
    /// target directory need different names.
    app: String,
    tool: String,
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

/// The `main.rs` of both crates: the number of agents and the planner's `source_path`.
const MAIN: &str =
    "fn main() {\n    println!(\"{} {}\", agents::ALL.len(), agents::PLANNER.source_path);\n}\n";

impl Workspace {
    fn new(name: &str, prefix: &str) -> Workspace {
        let (app, tool) = (format!("{prefix}app"), format!("{prefix}tool"));
        let repository = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let scratch = repository.join("target/project-model");
        let root = scratch.join(name);
        let _ = std::fs::remove_dir_all(&root);
        let agentgen = repository.join("agentgen").display().to_string();
        write(
            &root.join("Cargo.toml"),
            "[workspace]\nmembers = [\"crates/*\"]\nresolver = \"2\"\n\n\
             [workspace.metadata.agentgen]\ndir = \"shared-agents\"\n",
        );
        std::fs::copy(repository.join("Cargo.lock"), root.join("Cargo.lock")).expect("lock file");
        write(
            &root.join("crates/app/Cargo.toml"),
            &format!(
                "[package]\nname = \"{app}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
                 [dependencies]\nagentgen-rs = {{ path = {agentgen:?} }}\n\n\
                 [build-dependencies]\nagentgen-rs = {{ path = {agentgen:?}, default-features = false, features = [\"build\"] }}\n"
            ),
        );
        write(
            &root.join("crates/app/build.rs"),
            "fn main() {\n    agentgen::build::rerun_if_catalog_changed().ok();\n}\n",
        );
        write(
            &root.join("crates/app/src/main.rs"),
            &format!("mod agents {{\n    agentgen::include_agents!();\n}}\n\n{MAIN}"),
        );
        write(
            &root.join("crates/tool/Cargo.toml"),
            &format!(
                "[package]\nname = \"{tool}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
                 [dependencies]\nagentgen-rs = {{ path = {agentgen:?}, default-features = false }}\n\n\
                 [build-dependencies]\nagentgen-rs = {{ path = {agentgen:?}, default-features = false, features = [\"build\"] }}\n"
            ),
        );
        write(
            &root.join("crates/tool/build.rs"),
            "fn main() -> Result<(), Box<dyn std::error::Error>> {\n    \
             agentgen::build::Builder::new().compile_default()?;\n    Ok(())\n}\n",
        );
        write(
            &root.join("crates/tool/src/main.rs"),
            &format!(
                "mod agents {{\n    include!(concat!(env!(\"OUT_DIR\"), \"/agents.rs\"));\n}}\n\n{MAIN}"
            ),
        );
        write(&root.join("shared-agents/planner.md"), PLANNER);
        write(&root.join("shared-agents/code-reviewer.md"), REVIEWER);
        Workspace {
            root,
            target: scratch.join("target"),
            app,
            tool,
        }
    }

    /// `cargo ARGS` in `dir` (relative to the workspace root).
    fn cargo(&self, dir: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO"))
            .args(args)
            .arg("--offline")
            .current_dir(self.root.join(dir))
            .env("CARGO_TARGET_DIR", &self.target)
            .env("CARGO_TERM_COLOR", "never")
            .env_remove("RUSTFLAGS")
            .output()
            .expect("cargo runs")
    }

    /// `cargo run -q -p CRATE` from the root: the crate's output line.
    fn run(&self, krate: &str) -> String {
        let output = self.cargo("", &["run", "-q", "-p", krate]);
        assert!(output.status.success(), "{krate}: {}", text(&output));
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    fn agentgen(&self, dir: &str, binary: &str, args: &[&str]) -> Output {
        Command::new(binary)
            .args(args)
            .current_dir(self.root.join(dir))
            .env("NO_COLOR", "1")
            .output()
            .expect("agentgen runs")
    }
}

#[test]
fn two_crates_share_one_catalog_with_one_setting() {
    let ws = Workspace::new("workspace", "");

    // Both crates build from the shared folder; `source_path` is workspace-relative in both.
    let build = ws.cargo("", &["build", "--quiet"]);
    assert!(build.status.success(), "{}", text(&build));
    assert_eq!(ws.run(&ws.app), "2 shared-agents/planner.md");
    assert_eq!(ws.run(&ws.tool), "2 shared-agents/planner.md");

    // An added file is picked up by both (the build scripts name the folder for cargo).
    write(&ws.root.join("shared-agents/tester.md"), TESTER);
    assert_eq!(ws.run(&ws.app), "3 shared-agents/planner.md");
    assert_eq!(ws.run(&ws.tool), "3 shared-agents/planner.md");

    // From the virtual manifest's root, `cargo agentgen check` checks the shared folder.
    let check = ws.agentgen(
        "",
        env!("CARGO_BIN_EXE_cargo-agentgen"),
        &["agentgen", "check"],
    );
    assert!(check.status.success(), "{}", text(&check));
    assert!(
        text(&check).starts_with("catalog shared-agents (layout agents, detected;"),
        "{}",
        text(&check)
    );

    // An error in the shared catalog fails both crates with the same path, relative to the
    // workspace root as rustc's own paths are.
    write(
        &ws.root.join("shared-agents/code-reviewer.md"),
        &REVIEWER.replace("Read, Grep", "Read, Grpe"),
    );
    let place = "--> shared-agents/code-reviewer.md:4:14";
    for krate in [&ws.app, &ws.tool] {
        let build = ws.cargo("", &["build", "--quiet", "-p", krate]);
        let output = text(&build);
        assert!(!build.status.success(), "{krate}: {output}");
        assert!(output.contains("unknown tool `Grpe`"), "{krate}: {output}");
        assert!(output.contains(place), "{krate}: {output}");
        assert!(!output.contains("../../shared-agents"), "{krate}: {output}");
    }
    // Built from inside a crate, the paths are still the workspace root's (as rustc's are).
    let build = ws.cargo("crates/app", &["build", "--quiet"]);
    assert!(text(&build).contains(place), "{}", text(&build));
    // rustc's own error in the crate, for comparison: workspace-relative too.
    write(
        &ws.root.join("crates/app/src/extra.rs"),
        "pub fn f() -> u8 { \"not a number\" }\n",
    );
    write(
        &ws.root.join("crates/app/src/main.rs"),
        &format!("mod extra;\nmod agents {{\n    agentgen::include_agents!();\n}}\n\n{MAIN}"),
    );
    let build = text(&ws.cargo("", &["build", "--quiet", "-p", &ws.app]));
    assert!(
        build.contains("--> crates/app/src/extra.rs:1:20"),
        "{build}"
    );
    assert!(build.contains(place), "{build}");
    std::fs::remove_file(ws.root.join("crates/app/src/extra.rs")).expect("remove");
    write(
        &ws.root.join("crates/app/src/main.rs"),
        &format!("mod agents {{\n    agentgen::include_agents!();\n}}\n\n{MAIN}"),
    );

    // `check --workspace` from the root reports it once, for the one shared folder; `check`
    // from a crate shows the path relative to where it runs.
    for (binary, args) in [
        (
            env!("CARGO_BIN_EXE_agentgen"),
            &["check", "--workspace"][..],
        ),
        (
            env!("CARGO_BIN_EXE_cargo-agentgen"),
            &["agentgen", "check", "--workspace"],
        ),
    ] {
        let check = ws.agentgen("", binary, args);
        let output = text(&check);
        assert_eq!(check.status.code(), Some(1), "{output}");
        assert_eq!(output.matches("error[unknown-tool]").count(), 1, "{output}");
        assert_eq!(
            output.matches("catalog shared-agents").count(),
            1,
            "{output}"
        );
        assert!(output.contains(place), "{output}");
    }
    let check = ws.agentgen("crates/app", env!("CARGO_BIN_EXE_agentgen"), &["check"]);
    assert!(
        text(&check).contains("--> ../../shared-agents/code-reviewer.md:4:14"),
        "{}",
        text(&check)
    );
    write(&ws.root.join("shared-agents/code-reviewer.md"), REVIEWER);

    // A crate's own setting wins: `tool` names its own folder, which `check --workspace` then
    // checks beside the shared one.
    write(&ws.root.join("crates/tool/agents/planner.md"), LONE_PLANNER);
    let manifest = ws.root.join("crates/tool/Cargo.toml");
    let own = std::fs::read_to_string(&manifest).expect("manifest")
        + "\n[package.metadata.agentgen]\ndir = \"agents\"\n";
    write(&manifest, &own);
    assert_eq!(ws.run(&ws.tool), "1 crates/tool/agents/planner.md");
    let check = ws.agentgen(
        "",
        env!("CARGO_BIN_EXE_agentgen"),
        &["check", "--workspace"],
    );
    let output = text(&check);
    assert!(check.status.success(), "{output}");
    assert!(output.contains("catalog shared-agents"), "{output}");
    assert!(output.contains("catalog crates/tool/agents"), "{output}");
}

/// The macro and the builder refuse a folder outside the crate alike, with the same opt-in;
/// the folder the workspace's setting names needs none.
#[test]
fn the_macro_and_the_builder_share_the_outside_crate_rule() {
    let ws = Workspace::new("workspace-outside", "outside-");
    write(&ws.root.join("other-agents/planner.md"), LONE_PLANNER);
    let app_main = ws.root.join("crates/app/src/main.rs");
    let tool_build = ws.root.join("crates/tool/build.rs");
    let set = |macro_args: &str, builder: &str| {
        write(
            &app_main,
            &format!("mod agents {{\n    agentgen::include_agents!({macro_args});\n}}\n\n{MAIN}"),
        );
        write(
            &tool_build,
            &format!(
                "fn main() -> Result<(), Box<dyn std::error::Error>> {{\n    \
                 agentgen::build::Builder::new(){builder};\n    Ok(())\n}}\n"
            ),
        );
    };

    // Named by the workspace's setting: allowed without the opt-in.
    set(
        "\"../../shared-agents\"",
        ".compile(\"../../shared-agents\")?",
    );
    assert_eq!(ws.run(&ws.app), "2 shared-agents/planner.md");
    assert_eq!(ws.run(&ws.tool), "2 shared-agents/planner.md");

    // Another folder outside the crate: the same error from both.
    set(
        "\"../../other-agents\"",
        ".compile(\"../../other-agents\")?",
    );
    for (krate, opt_in) in [
        (&ws.app, "`allow_outside_crate = true`"),
        (&ws.tool, "`.allow_outside_crate(true)` to the builder"),
    ] {
        let build = ws.cargo("", &["build", "--quiet", "-p", krate]);
        let output = text(&build);
        assert!(!build.status.success(), "{krate}: {output}");
        assert!(
            output.contains("agents directory `../../other-agents` is outside the crate"),
            "{krate}: {output}"
        );
        assert!(
            output.contains("the path contains `..`"),
            "{krate}: {output}"
        );
        assert!(output.contains("`cargo package`"), "{krate}: {output}");
        assert!(output.contains(opt_in), "{krate}: {output}");
    }

    // With the opt-in, both accept it; paths are workspace-relative.
    set(
        "\"../../other-agents\", allow_outside_crate = true",
        ".allow_outside_crate(true).compile(\"../../other-agents\")?",
    );
    assert_eq!(ws.run(&ws.app), "1 other-agents/planner.md");
    assert_eq!(ws.run(&ws.tool), "1 other-agents/planner.md");
}
