//! Expansion time: what `include_agents!` (and build.rs) do per expansion — read, validate and
//! generate (plus prettyplease formatting, which only build.rs does) — for the bundled catalog
//! and the 697-file shared corpus as one catalog. A simple `Instant` around the work, median of
//! several runs; no assertion on time. Run: `cargo bench -p agentgen-compiler --bench expand`.

use std::path::Path;
use std::time::{Duration, Instant};

use agentgen_compiler::{Config, compile_dir, generate};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn measure(label: &str, dir: &Path, config: &Config) {
    if !dir.is_dir() {
        println!("{label}: SKIPPED ({} is absent)", dir.display());
        return;
    }
    let runs = 15;
    let (mut expand, mut format) = (Vec::new(), Vec::new());
    let mut files = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let catalog = compile_dir(dir, "agents", config);
        let tokens = generate::generate(&catalog, &generate::Options::default());
        expand.push(start.elapsed());
        let start = Instant::now();
        let text = generate::render(&tokens);
        format.push(start.elapsed());
        files = catalog.files.len();
        std::hint::black_box(text);
    }
    let expand = median(expand);
    println!(
        "{label}: {files} files, expansion (read + validate + generate) median {:.2} ms ({:.1} µs/file), prettyplease median {:.2} ms, {runs} runs",
        expand.as_secs_f64() * 1e3,
        expand.as_secs_f64() * 1e6 / files.max(1) as f64,
        median(format).as_secs_f64() * 1e3,
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    measure(
        "bundled catalog (agents/)",
        &root.join("agents"),
        &Config::default(),
    );
    measure(
        "shared corpus (../shared/corpus)",
        &root.join("../shared/corpus"),
        &Config::default(),
    );
}
