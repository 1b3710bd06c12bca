//! One broken file gives one error (issue 22, item 3), through the CLI and through a real
//! downstream `cargo build`. The catalog is `agentgen-macros/tests/fixtures/broken-agent`:
//! `code-reviewer.md` continues its description on an indented line holding `Focus: …`, which
//! neither strict YAML nor Claude Code's fallback reads, and `planner.md` / `implementer.md`
//! name `code-reviewer` in `tools` (`Agent(code-reviewer)`), `collaborators`, `observer` and
//! their prompts.
//!
//! Claude Code 2.1.332 skips the file: `node ../shared/claude-code/oracle.mjs DIR` on these files
//! reports `code-reviewer.md` as `"yaml":"failed"`, `"status":"skipped-silently"` ("YAML
//! frontmatter … failed to parse and was ignored") and accepts the two others, `planner` keeping
//! `Agent(code-reviewer)` in its tools. The one error says so, at the file.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{agentgen, stdout};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("agentgen-macros/tests/fixtures/broken-agent")
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

#[test]
fn check_reports_one_error_with_the_fix_help() {
    let dir = fixture();
    let dir = dir.to_str().expect("UTF-8 path");
    let out = agentgen(&["check", dir]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let errors: Vec<&str> = text.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(
        errors,
        ["error[invalid-frontmatter]: frontmatter is not valid YAML"],
        "{text}"
    );
    assert!(!text.contains("warning["), "{text}");
    assert!(
        text.contains(&format!(" --> {dir}/code-reviewer.md:4:8\n")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "= help: `agentgen fix {dir}/code-reviewer.md` rewrites `description` (line 3) as strict YAML"
        )),
        "{text}"
    );
    assert!(
        text.contains("so the agent `code-reviewer` does not exist for it"),
        "{text}"
    );
    assert!(!text.contains("add an agent file"), "{text}");
    assert!(text.contains("1 error, 0 warnings in 3 files"), "{text}");
}

/// A crate whose code uses the broken agent's variant and constant fails to build on the
/// agent file's error alone: no `E0599 no variant … CodeReviewer`, no `E0425`.
#[test]
fn cargo_build_fails_with_the_one_agentgen_error_and_no_rustc_error() {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = workspace.join("target/downstream-test");
    let crate_dir = scratch.join("broken-agent-user");
    let _ = std::fs::remove_dir_all(&crate_dir);
    std::fs::create_dir_all(crate_dir.join("src")).expect("crate dir");
    copy_dir(&fixture(), &crate_dir.join("agents"));
    std::fs::copy(workspace.join("Cargo.lock"), crate_dir.join("Cargo.lock")).expect("lock file");
    std::fs::write(
        crate_dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"broken-agent-user\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n\n\
             [dependencies]\nagentgen-rs = {{ path = {path:?} }}\n",
            path = workspace.join("agentgen").display().to_string()
        ),
    )
    .expect("manifest");
    std::fs::write(
        crate_dir.join("src/main.rs"),
        "mod agents {\n    agentgen::include_agents!(\"agents\");\n}\n\n\
         fn main() {\n    let reviewer = agents::Agent::CodeReviewer;\n    \
         println!(\"{} {}\", reviewer, agents::CODE_REVIEWER.source_path);\n}\n",
    )
    .expect("main.rs");
    let built = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet"])
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let err = String::from_utf8_lossy(&built.stderr);
    assert!(!built.status.success(), "{err}");
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(
        errors,
        [
            "error: agentgen[invalid-frontmatter]: frontmatter is not valid YAML --> agents/code-reviewer.md:4:8",
            "error: could not compile `broken-agent-user` (bin \"broken-agent-user\") due to 1 previous error",
        ],
        "{err}"
    );
    assert!(!err.contains("E0599") && !err.contains("E0425"), "{err}");
    assert!(err.contains("agents/code-reviewer.md:4:8"), "{err}");
    assert!(
        err.contains("`agentgen fix agents/code-reviewer.md`"),
        "{err}"
    );

    // Fixed with the command the help names, the crate builds.
    let fixed = agentgen(&[
        "fix",
        crate_dir
            .join("agents/code-reviewer.md")
            .to_str()
            .expect("UTF-8 path"),
    ]);
    assert!(fixed.status.success(), "{}", stdout(&fixed));
    let built = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet"])
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
}
