//! The `agentgen` binary: see the package's library (`src/lib.rs`) for the commands.
fn main() -> std::process::ExitCode {
    cargo_agentgen::run_agentgen()
}
