//! `build::Builder` outside a build script (`out_dir`, `quiet`): the runtime crate's path in
//! the file it writes, a bad path refused before anything is written, and a lint's level.

use std::path::{Path, PathBuf};

use agentgen_compiler::build::{Builder, Error};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/agentgen-compiler-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("agents")).expect("scratch dir");
    std::fs::write(
        dir.join("agents/reviewer.md"),
        "---\nname: reviewer\ndescription: Reviews\nmodel: opus\n---\nReview.\n",
    )
    .expect("agent file");
    dir
}

#[test]
fn runtime_crate_sets_the_path_in_the_written_file() {
    let dir = scratch("builder-runtime-crate");
    let default = Builder::new()
        .quiet(true)
        .out_dir(dir.join("out"))
        .out_file("default.rs")
        .compile(dir.join("agents"))
        .expect("compiles");
    let default = std::fs::read_to_string(default.output).expect("written");
    assert!(default.contains("pub type AgentSpec = ::agentgen::AgentSpec<Agent>;"));

    let renamed = Builder::new()
        .quiet(true)
        .out_dir(dir.join("out"))
        .out_file("renamed.rs")
        .runtime_crate("::my_agentgen")
        .compile(dir.join("agents"))
        .expect("compiles");
    let renamed = std::fs::read_to_string(renamed.output).expect("written");
    assert!(renamed.contains("pub type AgentSpec = ::my_agentgen::AgentSpec<Agent>;"));
    assert!(renamed.contains("::my_agentgen::Model::Alias(::my_agentgen::ModelAlias::Opus)"));
    assert!(!renamed.contains("::agentgen::"), "{renamed}");
}

#[test]
fn a_runtime_crate_that_is_not_a_path_is_an_option_error() {
    let dir = scratch("builder-bad-runtime-crate");
    let result = Builder::new()
        .quiet(true)
        .out_dir(dir.join("out"))
        .runtime_crate("my-agentgen")
        .compile(dir.join("agents"));
    match result {
        Err(Error::Option(message)) => {
            assert!(
                message.contains("`my-agentgen` is not a Rust path"),
                "{message}"
            );
        }
        other => panic!("expected Error::Option, got {other:?}"),
    }
    assert!(!dir.join("out").exists(), "nothing written");
}

#[test]
fn an_unknown_agent_in_a_prompt_is_a_warning_and_with_deny_an_error() {
    let dir = scratch("builder-unknown-agent-in-prompt");
    std::fs::write(
        dir.join("agents/lead.md"),
        "---\nname: lead\ndescription: Leads\n---\nHand the diff to the reviewer agent, then to the test-runner agent.\n",
    )
    .expect("agent file");
    let warned = Builder::new()
        .quiet(true)
        .out_dir(dir.join("out"))
        .compile(dir.join("agents"))
        .expect("a warning does not fail the build");
    let written = std::fs::read_to_string(&warned.output).expect("written");
    assert!(
        written.contains("mentions: &[::agentgen::AgentRef::Catalog(Agent::Reviewer)]"),
        "{written}"
    );
    let unknown: Vec<_> = warned
        .catalog
        .diagnostics()
        .iter()
        .filter(|d| d.code == agentgen_compiler::Code::UnknownAgentInPrompt)
        .collect();
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert!(unknown[0].message.contains("`test-runner`"));

    let denied = Builder::new()
        .quiet(true)
        .out_dir(dir.join("out"))
        .lint(
            "unknown-agent-in-prompt",
            agentgen_compiler::LintLevel::Deny,
        )
        .compile(dir.join("agents"));
    match denied {
        Err(Error::Diagnostics { errors, .. }) => assert_eq!(errors, 1),
        other => panic!("expected the lint as an error, got {other:?}"),
    }
}

/// `?` in a build script's `main` prints the error's `Debug`: the rendered diagnostics, as
/// `agentgen check` shows them, not a dump of the `Diagnostic` structs.
#[test]
fn the_error_reads_as_the_rendered_diagnostics() {
    let dir = scratch("builder-rendered-error");
    std::fs::write(
        dir.join("agents/reviewer.md"),
        "---\nname: reviewer\ndescription: Reviews\ntools: Read, Grpe, MultiEdit\n---\nReview.\n",
    )
    .expect("agent file");
    let error = Builder::new()
        .quiet(true)
        .out_dir(dir.join("out"))
        .lint("retired_tool", agentgen_compiler::LintLevel::Warn)
        .compile(dir.join("agents"))
        .expect_err("an unknown tool is an error");
    let debug = format!("{error:?}");
    assert_eq!(debug, error.to_string());
    assert!(
        debug.starts_with(
            "agentgen: 1 error in the agent files\n\nerror[unknown-tool]: unknown tool `Grpe`\n"
        ),
        "{debug}"
    );
    for expected in [
        "/agents/reviewer.md:4:14\n",
        "4 | tools: Read, Grpe, MultiEdit",
        "^^^^",
        "= help: did you mean `Grep`?",
        "warning[retired-tool]",
        "= note: `retired-tool` is set to warn: deny it with",
    ] {
        assert!(debug.contains(expected), "{expected:?} in:\n{debug}");
    }
    assert!(!debug.contains("Diagnostic {"), "{debug}");
    assert!(!dir.join("out").exists(), "nothing written");
    let Error::Diagnostics { rendered, .. } = &error else {
        panic!("expected Error::Diagnostics, got {error:?}");
    };
    assert!(rendered.starts_with("error[unknown-tool]"), "{rendered}");

    let unknown_lint = Builder::new()
        .quiet(true)
        .lint("retired_tools", agentgen_compiler::LintLevel::Deny)
        .compile(dir.join("agents"))
        .expect_err("an unknown lint is an option error");
    assert!(
        format!("{unknown_lint:?}")
            .starts_with("agentgen: unknown lint `retired_tools`; did you mean `retired-tool`?"),
        "{unknown_lint:?}"
    );
}

#[test]
fn a_target_adds_its_lints() {
    let dir = scratch("builder-target");
    let codes = |builder: Builder| -> Vec<&'static str> {
        let compiled = builder
            .quiet(true)
            .out_dir(dir.join("out"))
            .compile(dir.join("agents"))
            .expect("compiles");
        compiled
            .catalog
            .diagnostics()
            .iter()
            .map(|d| d.code.as_str())
            .filter(|c| c.starts_with("copilot-"))
            .collect()
    };
    assert!(codes(Builder::new()).is_empty());
    let target = agentgen_compiler::config::Target::Copilot;
    assert_eq!(codes(Builder::new().target(target)), ["copilot-model"]);
}
