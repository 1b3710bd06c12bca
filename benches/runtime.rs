//! Run-time cost of the generated catalog, against what users would write without agentgen.
//!
//! Run: `cargo bench -p cargo-agentgen --bench runtime`.
//!
//! - `lookup/*`: finding an agent by qualified name in the bundled catalog (11 agents, generated
//!   by build.rs): the generated `by_name` (FNV-1a open addressing, `agentgen::__private::NameTable`)
//!   against a `HashMap<&str, &AgentSpec>` (std SipHash) and a linear scan of `ALL`. Each
//!   iteration looks up every name once and one unknown name.
//! - `lookup_697/*`: the same three over a 697-name table (`voltagent:agent-0000` …), the size
//!   of the corpus; the `NameTable` slots are filled exactly as the generator fills them.
//! - `startup/*`: time to the first usable agent. `generated`: `by_name` and its prompt.
//!   `runtime_loader`: what a program does without agentgen — read the 11 agent files of
//!   `agents/`, split off the frontmatter, parse it with serde-saphyr into a struct, keep the
//!   body as the prompt, index by name in a `HashMap`, and look the agent up.
//!
//! No assertion on time.

use std::collections::HashMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use serde::Deserialize;

/// The bundled catalog, generated from agents/ by build.rs (of the package `bundled/`).
use agentgen_bundled::agents as bundled;

const FIRST_AGENT: &str = "ddd:api-designer";

fn lookup(c: &mut Criterion) {
    let names: Vec<&str> = bundled::ALL.iter().map(|s| s.qualified_name).collect();
    let map: HashMap<&str, &bundled::AgentSpec> = bundled::ALL
        .iter()
        .map(|s| (s.qualified_name, *s))
        .collect();
    let mut group = c.benchmark_group("lookup");
    group.bench_function("by_name", |b| {
        b.iter(|| {
            for name in &names {
                black_box(bundled::by_name(black_box(name)));
            }
            black_box(bundled::by_name(black_box("ddd:no-such-agent")))
        })
    });
    group.bench_function("hashmap", |b| {
        b.iter(|| {
            for name in &names {
                black_box(map.get(black_box(name)));
            }
            black_box(map.get(black_box("ddd:no-such-agent")))
        })
    });
    group.bench_function("linear_scan", |b| {
        let find = |name: &str| bundled::ALL.iter().find(|s| s.qualified_name == name);
        b.iter(|| {
            for name in &names {
                black_box(find(black_box(name)));
            }
            black_box(find(black_box("ddd:no-such-agent")))
        })
    });
    group.finish();
}

/// The generator's slot filling (agentgen-compiler `name_table_slots`): a power of two ≥ 2 ×
/// names, FNV-1a, linear probing.
fn name_table(names: &'static [&'static str]) -> agentgen::__private::NameTable {
    let size = (names.len() * 2).next_power_of_two().max(1);
    let mut slots = vec![u32::MAX; size];
    for (index, name) in names.iter().enumerate() {
        let mut slot = (agentgen::__private::fnv1a(name.as_bytes()) as usize) & (size - 1);
        while slots[slot] != u32::MAX {
            slot = (slot + 1) & (size - 1);
        }
        slots[slot] = u32::try_from(index).unwrap_or(u32::MAX);
    }
    agentgen::__private::NameTable {
        names,
        slots: Vec::leak(slots),
    }
}

fn lookup_697(c: &mut Criterion) {
    let owned: Vec<&'static str> = (0..697)
        .map(|i| &*String::leak(format!("voltagent:agent-{i:04}")))
        .collect();
    let names: &'static [&'static str] = Vec::leak(owned);
    let table = name_table(names);
    let map: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let mut group = c.benchmark_group("lookup_697");
    group.bench_function("by_name", |b| {
        b.iter(|| {
            for name in names {
                black_box(table.find(black_box(name)));
            }
        })
    });
    group.bench_function("hashmap", |b| {
        b.iter(|| {
            for name in names {
                black_box(map.get(black_box(name)));
            }
        })
    });
    group.bench_function("linear_scan", |b| {
        b.iter(|| {
            for name in names {
                black_box(names.iter().position(|n| n == black_box(name)));
            }
        })
    });
    group.finish();
}

/// The frontmatter fields a hand-written loader would read.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Frontmatter {
    name: String,
    description: String,
    tools: Option<String>,
    model: Option<String>,
    color: Option<String>,
}

/// A hand-loaded agent.
#[derive(Debug)]
#[allow(dead_code)]
struct LoadedAgent {
    frontmatter: Frontmatter,
    prompt: String,
}

fn markdown_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            markdown_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
}

/// The runtime loader: read, split, YAML-parse, index; keyed by `pack:name` like the catalog.
fn runtime_loader(dir: &Path) -> HashMap<String, LoadedAgent> {
    let mut files = Vec::new();
    markdown_files(dir, &mut files);
    let mut agents = HashMap::new();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Some(rest) = text.strip_prefix("---\n") else {
            continue;
        };
        let Some((yaml, body)) = rest.split_once("\n---") else {
            continue;
        };
        let Ok(frontmatter) = serde_saphyr::from_str::<Frontmatter>(yaml) else {
            continue;
        };
        let pack = path
            .parent()
            .and_then(Path::file_name)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        let key = format!("{pack}:{}", frontmatter.name);
        let prompt = body.trim().to_owned();
        agents.insert(
            key,
            LoadedAgent {
                frontmatter,
                prompt,
            },
        );
    }
    agents
}

fn startup(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("agents");
    let loaded = runtime_loader(&dir);
    let (Some(hand), Some(generated)) = (loaded.get(FIRST_AGENT), bundled::by_name(FIRST_AGENT))
    else {
        eprintln!("SKIPPED: {FIRST_AGENT} is not in agents/");
        return;
    };
    // Both paths must find the same agent, or the comparison means nothing.
    if hand.prompt != generated.prompt || hand.frontmatter.description != generated.description {
        eprintln!("note: the runtime loader's reading of {FIRST_AGENT} differs from agentgen's");
    }
    let mut group = c.benchmark_group("startup");
    group.bench_function("generated", |b| {
        b.iter(|| {
            let spec = bundled::by_name(black_box(FIRST_AGENT));
            black_box(spec.map(|s| s.prompt.len()))
        })
    });
    group.bench_function("runtime_loader", |b| {
        b.iter(|| {
            let agents = runtime_loader(black_box(&dir));
            black_box(agents.get(FIRST_AGENT).map(|a| a.prompt.len()))
        })
    });
    group.finish();
}

criterion_group!(benches, lookup, lookup_697, startup);
criterion_main!(benches);
