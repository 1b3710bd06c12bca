//! Compiles the bundled agents (the repository's `agents/`, organised into packs by
//! agents/agentgen.toml) into `$OUT_DIR/agents.rs` through agentgen's build API: the
//! build-script route, on the catalog the repository ships. This package is neither published
//! nor installed, so `cargo install cargo-agentgen` compiles none of it and prints none of its
//! warnings.
use std::path::Path;

fn main() {
    // `Builder::compile` reads a relative directory from CARGO_MANIFEST_DIR. Point it at the
    // repository root (this package's parent), so that the catalog is compiled as `agents`
    // and the generated `source_path`s read `agents/…`, as `include_agents!("agents")` and the
    // CLI write them.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("bundled/ sits in the repository");
    // SAFETY: a build script is a single thread; nothing reads the environment concurrently.
    unsafe { std::env::set_var("CARGO_MANIFEST_DIR", root) };
    agentgen::build::Builder::new().compile_or_exit("agents");
}
