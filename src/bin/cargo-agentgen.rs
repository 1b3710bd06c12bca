//! The `cargo-agentgen` binary, which cargo runs for `cargo agentgen …` (it passes `agentgen`
//! as the first argument): the same commands as `agentgen`.
fn main() -> std::process::ExitCode {
    cargo_agentgen::run_cargo_agentgen()
}
