//! The CLI as cargo users get it from `cargo install cargo-agentgen`: the binaries `agentgen`
//! and `cargo-agentgen`, the latter run by cargo itself for `cargo agentgen …`; both find the
//! current crate's agents directory when given none, and take files for the catalogs they
//! belong to (what the pre-commit hook passes).

mod common;

use common::{stderr, stdout};

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const GOOD: &str =
    "---\nname: reviewer\ndescription: Reviews code\ntools: Read, Grep\n---\nReview the diff.\n";
const BAD: &str = "---\nname: linter\ndescription: Lints code\ntools: Read, Lnt\n---\nLint.\n";

/// A fresh directory under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cargo-subcommand-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create dirs");
    std::fs::write(path, text).expect("write");
}

/// A crate with `Cargo.toml`, `src/lib.rs` and the given files.
fn krate(name: &str, manifest_extra: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = scratch(name);
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"demo\"\nversion = \"0.0.0\"\nedition = \"2024\"\n{manifest_extra}"
        ),
    );
    write(&dir.join("src/lib.rs"), "");
    for (path, text) in files {
        write(&dir.join(path), text);
    }
    dir
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

/// `cargo agentgen ARGS` in `dir`, through cargo, which finds `cargo-agentgen` on `PATH`. An
/// empty `CARGO_HOME` keeps an installed `cargo-agentgen` (cargo looks in `$CARGO_HOME/bin`
/// first) from answering instead of the one just built.
fn cargo_agentgen_in(dir: &Path, args: &[&str]) -> Output {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_cargo-agentgen"))
        .parent()
        .expect("binary directory");
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cargo-subcommand-home");
    std::fs::create_dir_all(&home).expect("empty CARGO_HOME");
    Command::new(env!("CARGO"))
        .arg("agentgen")
        .args(args)
        .current_dir(dir)
        .env("PATH", path)
        .env("CARGO_HOME", &home)
        .env("NO_COLOR", "1")
        .output()
        .expect("cargo runs")
}

#[test]
fn cargo_agentgen_check_finds_the_crate_agents_directory_from_anywhere_in_the_crate() {
    let dir = krate(
        "find",
        "",
        &[("agents/reviewer.md", GOOD), ("src/deep/mod.rs", "")],
    );
    let root = cargo_agentgen_in(&dir, &["check"]);
    assert_eq!(root.status.code(), Some(0), "{}", stderr(&root));
    assert_eq!(
        stdout(&root),
        "catalog agents (layout agents, detected; no agentgen.toml)\n0 errors, 0 warnings in 1 file (1 agent)\n"
    );
    // The same from a subdirectory, as cargo finds the package from there.
    let deep = cargo_agentgen_in(&dir.join("src/deep"), &["check"]);
    assert_eq!(deep.status.code(), Some(0), "{}", stderr(&deep));
    assert_eq!(
        stdout(&deep),
        "catalog ../../agents (layout agents, detected; no agentgen.toml)\n0 errors, 0 warnings in 1 file (1 agent)\n"
    );

    // An error is reported rustc style with the path relative to where the command ran.
    write(&dir.join("agents/linter.md"), BAD);
    let failed = cargo_agentgen_in(&dir, &["check"]);
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    let text = stdout(&failed);
    assert!(
        text.contains("error[unknown-tool]: unknown tool `Lnt`"),
        "{text}"
    );
    assert!(text.contains("--> agents/linter.md:4:14"), "{text}");
    let deep = cargo_agentgen_in(&dir.join("src/deep"), &["check"]);
    assert_eq!(deep.status.code(), Some(1));
    assert!(
        stdout(&deep).contains("--> ../../agents/linter.md:4:14"),
        "{}",
        stdout(&deep)
    );

    // `agentgen check` without a directory is the same program: the same output.
    let bare = agentgen_in(&dir, &["check"]);
    assert_eq!(bare.status.code(), Some(1));
    assert_eq!(stdout(&bare), text);
}

#[test]
fn claude_agents_is_the_fallback_and_cargo_metadata_names_another_directory() {
    let dir = krate("fallback", "", &[(".claude/agents/reviewer.md", GOOD)]);
    let output = cargo_agentgen_in(&dir, &["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("\"files\":1"),
        "{}",
        stdout(&output)
    );

    let dir = krate(
        "metadata",
        "\n[package.metadata.agentgen]\ndir = \"prompts\"\n",
        &[("prompts/linter.md", BAD), ("agents/reviewer.md", GOOD)],
    );
    let output = agentgen_in(&dir, &["check"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("--> prompts/linter.md:4:14"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn no_agents_directory_is_a_usage_error_listing_what_was_tried() {
    let dir = krate("nothing", "", &[]);
    for output in [
        agentgen_in(&dir, &["check"]),
        cargo_agentgen_in(&dir, &["check"]),
    ] {
        assert_eq!(output.status.code(), Some(2));
        let text = stderr(&output);
        assert!(
            text.contains("error: no agents in the crate of Cargo.toml: tried `agents` and `.claude` (with `agents/` or `skills/`)"),
            "{text}"
        );
        assert!(text.contains("[package.metadata.agentgen] dir"), "{text}");
    }
}

#[test]
fn manifest_path_chooses_the_crate() {
    let dir = krate("manifest", "", &[("agents/linter.md", BAD)]);
    let elsewhere = scratch("manifest-elsewhere");
    let manifest = dir.join("Cargo.toml");
    let manifest = manifest.to_str().expect("utf-8 path");
    let output = cargo_agentgen_in(&elsewhere, &["check", "--manifest-path", manifest]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("linter.md:4:14"),
        "{}",
        stdout(&output)
    );
    // With a directory there is nothing to locate: the two together are a usage error.
    let both = agentgen_in(&dir, &["check", "agents", "--manifest-path", manifest]);
    assert_eq!(both.status.code(), Some(2));
    assert!(stderr(&both).contains("--manifest-path is only used without a directory"));
}

#[test]
fn every_directory_command_defaults_to_the_crate_agents_directory() {
    let dir = krate("commands", "", &[("agents/reviewer.md", GOOD)]);
    let expand = agentgen_in(&dir, &["expand"]);
    assert_eq!(expand.status.code(), Some(0), "{}", stderr(&expand));
    assert!(stdout(&expand).contains("pub const REVIEWER: AgentSpec"));
    let export = agentgen_in(&dir, &["export"]);
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    assert!(stdout(&export).contains("\"reviewer\": {"));
    let inspect = agentgen_in(&dir, &["inspect"]);
    assert_eq!(inspect.status.code(), Some(0), "{}", stderr(&inspect));
    assert!(stdout(&inspect).contains("\"file\":\"reviewer.md\""));
    let fix = agentgen_in(&dir, &["fix", "--check"]);
    assert_eq!(fix.status.code(), Some(0), "{}", stderr(&fix));
    assert!(stdout(&fix).contains("1 already valid"), "{}", stdout(&fix));
}

#[test]
fn the_cargo_binary_says_cargo_agentgen_and_runs_without_the_subcommand_name_too() {
    let dir = krate("spelling", "", &[("agents/reviewer.md", GOOD)]);
    let help = cargo_agentgen_in(&dir, &["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(
        stdout(&help).contains("Usage: cargo agentgen [COMMAND]"),
        "{}",
        stdout(&help)
    );
    let version = cargo_agentgen_in(&dir, &["--version"]);
    assert_eq!(
        stdout(&version).trim(),
        format!("cargo-agentgen {}", env!("CARGO_PKG_VERSION"))
    );
    // Run by hand, `cargo-agentgen check` works as `cargo-agentgen agentgen check` does.
    let direct = Command::new(env!("CARGO_BIN_EXE_cargo-agentgen"))
        .args(["check"])
        .current_dir(&dir)
        .output()
        .expect("cargo-agentgen runs");
    assert_eq!(direct.status.code(), Some(0), "{}", stderr(&direct));
    assert_eq!(
        stdout(&direct),
        "catalog agents (layout agents, detected; no agentgen.toml)\n0 errors, 0 warnings in 1 file (1 agent)\n"
    );
    // A usage error is still one.
    let wrong = cargo_agentgen_in(&dir, &["frobnicate"]);
    assert_eq!(wrong.status.code(), Some(2));
}

#[test]
fn a_file_stands_for_the_catalog_it_belongs_to() {
    // A file of the bundled catalog: its agentgen.toml (packs) applies, and the whole catalog is
    // checked, as `check agents` does; without packs its three `backend-developer` agents would
    // be duplicate names.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = agentgen_in(repo, &["check", "agents/ddd/api-designer.md", "agents"]);
    let dir = agentgen_in(repo, &["check", "agents"]);
    assert_eq!(file.status.code(), Some(0), "{}", stdout(&file));
    assert_eq!(stdout(&file), stdout(&dir));
    assert!(
        stdout(&file).ends_with("0 errors, 4 warnings in 25 files (24 agents, agentgen.toml)\n")
    );

    // A good file next to a bad one: the catalog has an error.
    let dir = krate(
        "files",
        "",
        &[
            (".claude/agents/reviewer.md", GOOD),
            (".claude/agents/linter.md", BAD),
        ],
    );
    let output = agentgen_in(&dir, &["check", ".claude/agents/reviewer.md"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("--> .claude/agents/linter.md:4:14"));
}
