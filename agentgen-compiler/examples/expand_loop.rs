//! Runs the expansion work (`compile_dir`, `generate::generate_source` with the proc macro's
//! options: what `include_agents!` does) a fixed number of times over a directory,
//! for profilers that count instructions:
//!
//! ```sh
//! cargo build --release -p agentgen-compiler --example expand_loop
//! valgrind --tool=callgrind target/release/examples/expand_loop ../shared/corpus 3
//! callgrind_annotate --inclusive=yes callgrind.out.<pid> | head -60
//! ```
//!
//! Arguments: the agents directory, the number of runs (default 1), and `--packs` to treat
//! top-level directories as packs. Prints the size of the text generated per run.

use std::path::PathBuf;
use std::process::ExitCode;

use agentgen_compiler::{Config, compile_dir, generate};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let packs = args.iter().any(|a| a == "--packs");
    let positional: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let Some(dir) = positional.first().map(PathBuf::from) else {
        eprintln!("usage: expand_loop <agents dir> [runs] [--packs]");
        return ExitCode::from(2);
    };
    let runs: usize = match positional.get(1).map(|r| r.parse()) {
        None => 1,
        Some(Ok(runs)) => runs,
        Some(Err(_)) => {
            eprintln!("runs must be a number");
            return ExitCode::from(2);
        }
    };
    let config = Config {
        packs,
        ..Config::default()
    };
    let mut bytes = 0;
    for _ in 0..runs {
        let catalog = compile_dir(&dir, "agents", &config);
        let options = generate::Options::for_proc_macro(&catalog);
        bytes = generate::generate_source(&catalog, &options).len();
    }
    println!("{bytes} bytes of generated code per run, {runs} runs");
    ExitCode::SUCCESS
}
