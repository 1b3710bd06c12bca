//! `build::Builder` outside a build script (`out_dir`, `quiet`): the runtime crate's path in
//! the file it writes, and a bad path refused before anything is written.

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
