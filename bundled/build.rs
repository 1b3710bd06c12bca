//! Compiles the bundled agents (the repository's `agents/`, organised into packs by
//! agents/agentgen.toml) into `$OUT_DIR/agents.rs` through agentgen's build API: the
//! build-script route, on the catalog the repository ships. This package is neither published
//! nor installed, so `cargo install cargo-agentgen` compiles none of it and prints none of its
//! warnings.

fn main() {
    // The catalog sits beside this package, at the workspace root: outside the crate, which the
    // builder accepts only when asked. Paths are shown from the workspace root, so the
    // generated `source_path`s read `agents/…`, as `include_agents!("agents")` and the CLI
    // write them from the repository root.
    agentgen::build::Builder::new()
        .allow_outside_crate(true)
        .compile_or_exit("../agents");
}
