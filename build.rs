//! Compiles the bundled agents (agents/, organised into packs by agents/agentgen.toml) into
//! `$OUT_DIR/agents.rs` through agentgen's build API.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    agentgen::build::Builder::new().compile("agents")?;
    Ok(())
}
