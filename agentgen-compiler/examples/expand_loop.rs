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
//!
//! `--cached`: the runs share a `ScanCache`, as the expansions of rust-analyzer's proc-macro
//! server and the language server's compiles do (`Project::compile_cached`): the first run
//! scans every prompt, the others only what changed. `--edit` (with `--cached`): the runs work
//! on a copy of the directory, and before each run after the first one line is added to one
//! prompt (the first agent file, in path order), as a keystroke in an editor would. The cost of
//! a later run is (total of N runs - total of 1 run) / (N - 1).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use agentgen_compiler::catalog::ScanCache;
use agentgen_compiler::{Config, Project, compile_dir, generate};

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
    let cached = args.iter().any(|a| a == "--cached");
    let edit = args.iter().any(|a| a == "--edit");
    let (dir, edited) = if edit {
        let copy = std::env::temp_dir().join(format!("expand-loop-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&copy);
        copy_tree(&dir, &copy);
        let edited = first_agent_file(&copy);
        (copy, edited)
    } else {
        (dir, None)
    };
    let cache = ScanCache::default();
    let mut bytes = 0;
    for run in 0..runs {
        if let (Some(file), true) = (&edited, run > 0) {
            let mut text = std::fs::read_to_string(file).unwrap_or_default();
            text.push_str(&format!(
                "\nEdit {run}: hand the result to the reviewer agent.\n"
            ));
            let _ = std::fs::write(file, text);
        }
        let catalog = if cached {
            Project::open(&dir, "agents", &config).compile_cached(&cache)
        } else {
            compile_dir(&dir, "agents", &config)
        };
        let options = generate::Options::for_proc_macro(&catalog);
        bytes = generate::generate_source(&catalog, &options).len();
    }
    if edit {
        let _ = std::fs::remove_dir_all(&dir);
    }
    println!("{bytes} bytes of generated code per run, {runs} runs");
    ExitCode::SUCCESS
}

fn copy_tree(from: &Path, to: &Path) {
    let _ = std::fs::create_dir_all(to);
    for entry in std::fs::read_dir(from).into_iter().flatten().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            copy_tree(&entry.path(), &target);
        } else {
            let _ = std::fs::copy(entry.path(), &target);
        }
    }
}

/// The first `.md` file below `dir` that starts with a frontmatter, in path order.
fn first_agent_file(dir: &Path) -> Option<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    entries.into_iter().find_map(|path| {
        if path.is_dir() {
            first_agent_file(&path)
        } else {
            let text = std::fs::read_to_string(&path).ok()?;
            (path.extension().is_some_and(|e| e == "md") && text.starts_with("---\n"))
                .then_some(path)
        }
    })
}
