//! Generation throughput: what one `include_agents!` expansion (and the build-script path)
//! costs — read every file, parse and validate the catalog, generate tokens — beside a floor
//! measured in the same run.
//!
//! Run: `cargo bench -p agentgen-compiler --bench throughput` (add `-- corpus` etc. to filter).
//! Then `cargo run -p agentgen-compiler --example scaling_plot -- --svg docs/scaling.svg` prints
//! the table of BENCHMARKS.md and redraws the plot from criterion's results.
//!
//! Groups (criterion ids `<group>/<function>[/<agents>]`), each over agent files on disk:
//!
//! - `bundled`: the 11 agents of `agents/`;
//! - `corpus`: the 697 files of `../shared/corpus` as one catalog;
//! - `scaling/<function>/<N>`: synthetic catalogs of N = 10, 100, 1000, 10000 agents, copies of
//!   the corpus files (in order, cycling) whose `name:` line is replaced by a unique name,
//!   written once to `target/bench-synthetic/<N>/`;
//! - `metadata/<untyped|typed>`: the corpus files renamed as above, each given seed 004's five
//!   custom keys (`category`, `tags`, `version`, `priority`, `enabled`), once without a schema
//!   (the keys are `extra` values) and once with the bundled catalog's `[metadata]` schema (a
//!   typed `Metadata` per agent): what checking and generating typed metadata costs. Written to
//!   `target/bench-metadata/{untyped,typed}/`, where `benches/metadata_rustc.sh` finds them;
//!   written once to `target/bench-synthetic/<N>/`;
//! - `layouts/<layout>`: the 82 plugins of `../shared/corpus/wshobson__agents/plugins` (202 agent
//!   files) compiled as a bare agents folder (`agents`) and as a folder of plugins (`plugins`:
//!   each folder's manifest looked for, its `agents/` walked as Claude Code walks a plugin's,
//!   each file read as a plugin agent), and `layouts/skills/<N>`: a `.claude` project of 10
//!   agents preloading N = 10, 100, 1000 skills (written once to `target/bench-skills/<N>/`).
//!
//! Functions:
//!
//! - `agentgen`: what `include_agents!` does: `compile_dir` and `generate::generate_source`
//!   with the macro's options (every file tracked): the text the macro hands to rustc;
//! - `build_rs` (bundled and corpus only): what `agentgen::build::Builder` does: the same with
//!   prompts as literals, formatted by `generate::render` (prettyplease);
//! - `floor`: walk the directory, read every `.md` file, check it is UTF-8 and emit one
//!   `pub const F_i: &str = include_str!("<path>");` item per file, printed — the least a
//!   generator that hands the files to the compiler can do;
//! - `floor_embed`: the same, with the file's text as one string literal
//!   (`proc_macro2::Literal::string`) instead of the `include_str!` path — what a naive
//!   generator that embeds the text pays.
//!
//! Without `../shared` only `bundled` runs (the others print SKIPPED). No assertion on time.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use agentgen_compiler::config::Layout;
use agentgen_compiler::{Config, compile_dir, generate};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// The workspace root.
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `../shared/corpus` beside the checkout, if present.
fn corpus_dir() -> Option<PathBuf> {
    let dir = workspace().join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} is absent (corpus and scaling groups)",
            dir.display()
        );
        None
    }
}

/// Every `.md` file below `dir`, sorted (what both the floor and agentgen read).
fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => pending.push(path),
                Ok(_) if path.extension().is_some_and(|e| e == "md") => found.push(path),
                _ => {}
            }
        }
    }
    found.sort();
    found
}

/// Total size in bytes of the `.md` files below `dir`, and their number.
fn size_of(dir: &Path) -> (u64, usize) {
    let files = markdown_files(dir);
    let bytes = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum();
    (bytes, files.len())
}

/// The floor: walk, read, validate UTF-8, one item per file, printed. `embed` puts the text into
/// a string literal; otherwise the item is `include_str!("<path>")`.
fn floor(dir: &Path, embed: bool) -> String {
    let mut items = TokenStream::new();
    for (index, path) in markdown_files(dir).iter().enumerate() {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let name = format_ident!("F_{}", index);
        let item = if embed {
            let literal = Literal::string(text);
            quote! { pub const #name: &str = #literal; }
        } else {
            let literal = Literal::string(&path.to_string_lossy());
            quote! { pub const #name: &str = include_str!(#literal); }
        };
        items.extend(item);
    }
    items.to_string()
}

/// What `include_agents!` does per expansion: the text it hands to rustc.
fn agentgen(dir: &Path) -> String {
    let catalog = compile_dir(dir, "agents", &Config::default());
    generate::generate_source(&catalog, &generate::Options::for_proc_macro(&catalog))
}

/// What `agentgen::build::Builder` does (without writing the file).
fn build_rs(dir: &Path) -> String {
    let catalog = compile_dir(dir, "agents", &Config::default());
    generate::render(&generate::generate(&catalog, &generate::Options::default()))
}

/// Writes a synthetic catalog of `agents` files to `target/bench-synthetic/<agents>/`:
/// the corpus files in order (cycling), each with its first `name:` line replaced by a unique
/// name. Rewritten only when the directory does not hold that many files yet.
fn synthetic(corpus: &[PathBuf], agents: usize) -> Option<PathBuf> {
    let dir = workspace()
        .join("target/bench-synthetic")
        .join(agents.to_string());
    if markdown_files(&dir).len() == agents {
        return Some(dir);
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).ok()?;
    for index in 0..agents {
        let source = corpus.get(index % corpus.len())?;
        let text = String::from_utf8_lossy(&std::fs::read(source).ok()?).into_owned();
        let renamed = rename(&text, &format!("agent-{index:05}"));
        std::fs::write(dir.join(format!("{index:05}.md")), renamed).ok()?;
    }
    Some(dir)
}

/// `text` with its first line starting with `name:` replaced by `name: <name>`.
fn rename(text: &str, name: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut done = false;
    for line in text.split_inclusive('\n') {
        if !done && line.starts_with("name:") {
            out.push_str("name: ");
            out.push_str(name);
            out.push('\n');
            done = true;
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The synthetic catalogs of the `metadata` group: the corpus files, renamed, each with seed
/// 004's five keys after its `name:` line; `typed/` also holds an `agentgen.toml` with the
/// bundled catalog's schema (of the `ddd` keys: the `[metadata]` table of agents/agentgen.toml).
fn metadata_catalogs(corpus: &[PathBuf]) -> Option<(PathBuf, PathBuf)> {
    const CATEGORIES: [&str; 4] = ["architecture", "data", "devops", "engineering"];
    let root = workspace().join("target/bench-metadata");
    let (untyped, typed) = (root.join("untyped"), root.join("typed"));
    let config = std::fs::read_to_string(workspace().join("agents/agentgen.toml")).ok()?;
    let schema = &config[config.find("[metadata]")?..];
    if markdown_files(&typed).len() == corpus.len()
        && std::fs::read_to_string(typed.join("agentgen.toml")).ok()? == schema
    {
        return Some((untyped, typed));
    }
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&untyped).ok()?;
    std::fs::create_dir_all(&typed).ok()?;
    std::fs::write(typed.join("agentgen.toml"), schema).ok()?;
    // Files that carry none of the five keys yet, cycled to as many agents as the corpus has.
    let texts: Vec<String> = corpus
        .iter()
        .filter_map(|path| std::fs::read(path).ok())
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .filter(|text| {
            ["category:", "tags:", "version:", "priority:", "enabled:"]
                .iter()
                .all(|key| !text.contains(&format!("\n{key}")))
        })
        .collect();
    for index in 0..corpus.len() {
        let text = texts.get(index % texts.len().max(1))?;
        let name = format!("agent-{index:05}");
        let keys = format!(
            "name: {name}\ncategory: {}\ntags: [backend, api, team-{}]\nversion: \"1.{}.0\"\npriority: {}\nenabled: {}",
            CATEGORIES[index % 4],
            index % 7,
            index % 10,
            index % 10,
            index % 3 != 0
        );
        let keyed = rename(text, &name).replacen(&format!("name: {name}"), &keys, 1);
        for dir in [&untyped, &typed] {
            std::fs::write(dir.join(format!("{index:05}.md")), &keyed).ok()?;
        }
    }
    Some((untyped, typed))
}

fn metadata(c: &mut Criterion) {
    let Some(dir) = corpus_dir() else { return };
    let Some((untyped, typed)) = metadata_catalogs(&markdown_files(&dir)) else {
        eprintln!("SKIPPED: cannot write the metadata catalogs");
        return;
    };
    let (bytes, _) = size_of(&typed);
    let mut group = c.benchmark_group("metadata");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("untyped", |b| b.iter(|| black_box(agentgen(&untyped))));
    group.bench_function("typed", |b| b.iter(|| black_box(agentgen(&typed))));
    group.finish();
}

fn bench_catalog(c: &mut Criterion, group_name: &str, dir: &Path, with_build_rs: bool) {
    let (bytes, _) = size_of(dir);
    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("agentgen", |b| b.iter(|| black_box(agentgen(dir))));
    if with_build_rs {
        group.bench_function("build_rs", |b| b.iter(|| black_box(build_rs(dir))));
    }
    group.bench_function("floor", |b| b.iter(|| black_box(floor(dir, false))));
    group.bench_function("floor_embed", |b| b.iter(|| black_box(floor(dir, true))));
    group.finish();
}

fn bundled(c: &mut Criterion) {
    bench_catalog(c, "bundled", &workspace().join("agents"), true);
}

fn corpus(c: &mut Criterion) {
    let Some(dir) = corpus_dir() else { return };
    bench_catalog(c, "corpus", &dir, true);
}

fn scaling(c: &mut Criterion) {
    let Some(dir) = corpus_dir() else { return };
    let corpus = markdown_files(&dir);
    let mut group = c.benchmark_group("scaling");
    for agents in [10, 100, 1_000, 10_000] {
        let Some(dir) = synthetic(&corpus, agents) else {
            eprintln!("SKIPPED: cannot write the synthetic catalog of {agents} agents");
            continue;
        };
        let (bytes, _) = size_of(&dir);
        group.throughput(Throughput::Bytes(bytes));
        if agents >= 1_000 {
            group.sample_size(10);
        }
        for (name, embed) in [("floor", Some(false)), ("agentgen", None)] {
            group.bench_with_input(BenchmarkId::new(name, agents), &dir, |b, dir| {
                b.iter(|| match embed {
                    Some(embed) => black_box(floor(dir, embed)),
                    None => black_box(agentgen(dir)),
                })
            });
        }
    }
    group.finish();
}

/// What `include_agents!` does, with a layout.
fn agentgen_with(dir: &Path, layout: Layout) -> String {
    let config = Config {
        layout: Some(layout),
        ..Config::default()
    };
    let catalog = compile_dir(dir, "agents", &config);
    generate::generate_source(&catalog, &generate::Options::for_proc_macro(&catalog))
}

/// A `.claude` project of 10 agents that preload `skills` skills between them (each skill by
/// one agent), written once to `target/bench-skills/<skills>/.claude`.
fn skills_project(skills: usize) -> Option<PathBuf> {
    let dir = workspace()
        .join("target/bench-skills")
        .join(skills.to_string())
        .join(".claude");
    if markdown_files(&dir.join("skills")).len() == skills {
        return Some(dir);
    }
    let _ = std::fs::remove_dir_all(&dir);
    for index in 0..skills {
        let folder = dir.join(format!("skills/skill-{index:05}"));
        std::fs::create_dir_all(&folder).ok()?;
        std::fs::write(
            folder.join("SKILL.md"),
            format!(
                "---\nname: skill-{index:05}\ndescription: Skill number {index}\nallowed-tools: Read, Grep, Bash(git diff:*)\n---\n# Skill {index}\n\n{}\n",
                "Step by step instructions. ".repeat(40)
            ),
        )
        .ok()?;
    }
    std::fs::create_dir_all(dir.join("agents")).ok()?;
    for agent in 0..10 {
        let names: Vec<String> = (0..skills)
            .filter(|i| i % 10 == agent)
            .take(32)
            .map(|i| format!("skill-{i:05}"))
            .collect();
        std::fs::write(
            dir.join(format!("agents/agent-{agent}.md")),
            format!(
                "---\nname: agent-{agent}\ndescription: Agent {agent}\nskills: {}\n---\nYou work.\n",
                names.join(", ")
            ),
        )
        .ok()?;
    }
    Some(dir)
}

fn layouts(c: &mut Criterion) {
    let mut group = c.benchmark_group("layouts");
    if let Some(corpus) = corpus_dir() {
        let plugins = corpus.join("wshobson__agents/plugins");
        let (bytes, _) = size_of(&plugins);
        group.throughput(Throughput::Bytes(bytes));
        for layout in [Layout::Agents, Layout::Plugins] {
            group.bench_function(layout.as_str(), |b| {
                b.iter(|| black_box(agentgen_with(&plugins, layout)))
            });
        }
    }
    for skills in [10, 100, 1_000] {
        let Some(dir) = skills_project(skills) else {
            eprintln!("SKIPPED: cannot write the project of {skills} skills");
            continue;
        };
        let (bytes, _) = size_of(&dir);
        group.throughput(Throughput::Bytes(bytes));
        if skills >= 1_000 {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::new("skills", skills), &dir, |b, dir| {
            b.iter(|| black_box(agentgen_with(dir, Layout::Claude)))
        });
    }
    group.finish();
}

criterion_group!(benches, bundled, corpus, scaling, metadata, layouts);
criterion_main!(benches);
