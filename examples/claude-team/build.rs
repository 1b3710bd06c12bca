//! The bundled catalog (`../../agents`) into `$OUT_DIR/bundled.rs`, for tests/export_parity.rs:
//! its agents converted for cc-sdk must carry what `agentgen export` writes for them. (The
//! example itself uses `include_agents!("agents")`.)
fn main() {
    use agentgen::build::{Builder, LintLevel};
    // The bundled catalog's warnings are its own (agentgen's build reports them): not this
    // example's.
    // The repository's catalog lies outside this crate: say so, as the macro's
    // `allow_outside_crate = true` does.
    Builder::new()
        .allow_outside_crate(true)
        .lint("retired-tool", LintLevel::Allow)
        .lint("yaml-fallback", LintLevel::Allow)
        .out_file("bundled.rs")
        .compile_or_exit("../../agents");
}
