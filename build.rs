//! Compiles the bundled agents (agents/, organised into packs by agents/agentgen.toml) into
//! `$OUT_DIR/agents.rs` through agentgen's build API.
fn main() {
    agentgen::build::Builder::new().compile_or_exit("agents");
}
