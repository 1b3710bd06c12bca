//! `cargo run -p agentgen-bundled`: prints the bundled catalog through the constants build.rs
//! generated from `agents/`.
use std::io::Write;

fn main() -> std::process::ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(agentgen_bundled::catalog_text().as_bytes()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
