//! What the tests that read `../shared` share: finding it, reading Claude Code's records, and
//! hashing prompts as the records do.

#![allow(dead_code)] // each test file uses its own subset

pub mod verdict;

use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

/// `../shared` beside the checkout. When it is absent the test says SKIPPED and passes, unless
/// `CI` is set, where its absence is a failure.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    if dir.join("conformance").is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "../shared is missing beside the checkout: CI must run the tests that read it"
    );
    eprintln!("SKIPPED: ../shared (conformance cases and corpus) is absent beside the checkout");
    None
}

/// The Claude Code version whose recorded verdicts the tests compare with.
pub const CLAUDE_CODE: &str = "2.1.332";

/// The records file of `folder` for [`CLAUDE_CODE`] (`claude-code-2.1.332.jsonl`).
pub fn records_of(folder: &Path) -> Vec<Value> {
    records(&folder.join(format!("claude-code-{CLAUDE_CODE}.jsonl")))
}

/// One folder that Claude Code read as one agents folder, with its record for every file.
pub struct ReferenceFolder {
    /// How the folder is shown in messages: `conformance/cases`, `corpus/wshobson__agents`, …
    pub label: String,
    /// The folder to compile. For the seeds (`.txt` files, recorded as they read when all five
    /// sit in one agents folder as `.md` files), a copy in which each name ends in `.md`.
    pub dir: PathBuf,
    /// The records, each with its file's path relative to `dir` (`/`-separated).
    pub records: Vec<(String, Value)>,
}

/// Every folder of `../shared` with Claude Code's records: the 45 conformance cases, the 11
/// cases of 2.1.332, the seven corpus collections and the seeds.
pub fn reference_folders(shared: &Path) -> Vec<ReferenceFolder> {
    let with_files = |records: Vec<Value>| -> Vec<(String, Value)> {
        records
            .into_iter()
            .map(|r| (r["file"].as_str().unwrap_or_default().to_owned(), r))
            .collect()
    };
    let mut folders = Vec::new();
    for case_folder in ["conformance/cases", "conformance/cases-2.1.332"] {
        let dir = shared.join(case_folder);
        let records = if case_folder == "conformance/cases" {
            records_of(&shared.join("conformance"))
        } else {
            records_of(&dir)
        };
        folders.push(ReferenceFolder {
            label: case_folder.to_owned(),
            dir,
            records: with_files(records),
        });
    }
    let corpus = shared.join("corpus");
    let corpus_records = records_of(&corpus);
    let mut collections: Vec<String> = corpus_records
        .iter()
        .filter_map(|r| r["dir"].as_str().map(str::to_owned))
        .collect();
    collections.sort();
    collections.dedup();
    for collection in collections {
        let records = corpus_records
            .iter()
            .filter(|r| r["dir"] == collection.as_str())
            .cloned()
            .collect();
        folders.push(ReferenceFolder {
            label: format!("corpus/{collection}"),
            dir: corpus.join(&collection),
            records: with_files(records),
        });
    }
    let seeds = shared.join("seeds");
    // One copy per call: the tests of a file run in parallel threads.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let staged = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("seeds-as-md-{}-{call}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staged);
    std::fs::create_dir_all(&staged).unwrap_or_else(|e| panic!("{}: {e}", staged.display()));
    let mut seed_records = Vec::new();
    for record in records_of(&seeds) {
        let file = record["file"].as_str().unwrap_or_default().to_owned();
        let staged_name = format!("{file}.md");
        std::fs::copy(seeds.join(&file), staged.join(&staged_name))
            .unwrap_or_else(|e| panic!("seeds/{file}: {e}"));
        seed_records.push((staged_name, record));
    }
    folders.push(ReferenceFolder {
        label: "seeds".to_owned(),
        dir: staged,
        records: seed_records,
    });
    folders
}

/// The JSON lines of a records file (`claude-code-2.1.332.jsonl`).
pub fn records(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

/// An agent file of `../shared` read as `compile_dir` reads it: over the size limit it is
/// `too_large` without being read.
pub fn read_agent_file(path: &Path, display: &str) -> agentgen_compiler::read::AgentFile {
    use agentgen_compiler::read;
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > agentgen_compiler::registry::MAX_FILE_BYTES {
        return read::too_large(display, size);
    }
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read::read_agent(display, &bytes)
}

/// Lower-case hex SHA-256 of the text, as the records' `prompt_sha256`.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The string literal of field `name` in a struct expression of generated code
/// (`AgentSpec { prompt: "…", … }`), as its value.
pub fn string_field(expr: &syn::ExprStruct, name: &str) -> Option<String> {
    expr.fields.iter().find_map(|f| match (&f.member, &f.expr) {
        (
            syn::Member::Named(ident),
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(lit),
                ..
            }),
        ) if ident == name => Some(lit.value()),
        _ => None,
    })
}

/// Every `const` item of generated code whose value is a struct expression (the agents'
/// `AgentSpec` constants), top level and in pack modules.
pub fn struct_constants(file: &syn::File) -> Vec<(&syn::ItemConst, &syn::ExprStruct)> {
    let mut out = Vec::new();
    let mut stack: Vec<&[syn::Item]> = vec![&file.items];
    while let Some(items) = stack.pop() {
        for item in items {
            match item {
                syn::Item::Const(item) => {
                    if let syn::Expr::Struct(expr) = &*item.expr {
                        out.push((item, expr));
                    }
                }
                syn::Item::Mod(item) => {
                    if let Some((_, inner)) = &item.content {
                        stack.push(inner);
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Whether the frontmatter of the file at `path` gives `key` an empty value (`key:`, `key: null`,
/// `key: ""`): records write such a dropped value as `null`, as they write `.inf` and `.nan`,
/// which JSON cannot hold.
pub fn value_is_empty(path: &Path, key: &str) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    value_is_empty_in(&String::from_utf8_lossy(&bytes), key)
}

/// [`value_is_empty`] on a file's text.
pub fn value_is_empty_in(text: &str, key: &str) -> bool {
    use agentgen_compiler::yaml::Value as Yaml;
    frontmatter_value(text, key)
        .is_some_and(|v| matches!(&v.value, Yaml::Null) || v.as_str() == Some(""))
}

/// The value of `key` in a file's frontmatter (its last occurrence), read as YAML (with Claude
/// Code's fallback when strict YAML fails).
pub fn frontmatter_value(text: &str, key: &str) -> Option<agentgen_compiler::yaml::Node> {
    use agentgen_compiler::yaml::{self, Value as Yaml};
    let blocks = agentgen_compiler::frontmatter::split(text).ok()?;
    let parsed = yaml::parse(blocks.yaml).ok().flatten().or_else(|| {
        yaml::fallback_rewrite(blocks.yaml)
            .parse(blocks.yaml)
            .ok()
            .flatten()
    });
    let Some(Yaml::Map(entries)) = parsed.map(|node| node.value) else {
        return None;
    };
    entries
        .into_iter()
        .rev()
        .find(|(k, _)| k.key_text() == key)
        .map(|(_, v)| v)
}

/// Whether a mapping of the file's frontmatter gives a key twice (Claude Code keeps the last
/// value and loses the first).
pub fn has_repeated_key(text: &str) -> bool {
    use agentgen_compiler::yaml::{self, Node, Value as Yaml};
    fn repeated(node: &Node) -> bool {
        match &node.value {
            Yaml::Seq(items) => items.iter().any(repeated),
            Yaml::Map(entries) => {
                let mut keys: Vec<String> = entries.iter().map(|(k, _)| k.key_text()).collect();
                let count = keys.len();
                keys.sort();
                keys.dedup();
                keys.len() != count || entries.iter().any(|(_, v)| repeated(v))
            }
            _ => false,
        }
    }
    let Ok(blocks) = agentgen_compiler::frontmatter::split(text) else {
        return false;
    };
    let parsed = yaml::parse(blocks.yaml).ok().flatten().or_else(|| {
        yaml::fallback_rewrite(blocks.yaml)
            .parse(blocks.yaml)
            .ok()
            .flatten()
    });
    parsed.is_some_and(|root| repeated(&root))
}

/// Writes `files` (path relative to the folder, text) into a fresh folder `group/name` of the
/// test target's temporary directory and compiles it as one catalog, shown as `root`, with
/// `layout` (detected when `None`); the catalog and the folder.
pub fn compile_files_in(
    group: &str,
    name: &str,
    layout: Option<agentgen_compiler::config::Layout>,
    files: &[(&str, &str)],
) -> (agentgen_compiler::Catalog, PathBuf) {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(group)
        .join(name);
    let _ = std::fs::remove_dir_all(&root);
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, text).expect("write");
    }
    let config = agentgen_compiler::Config {
        layout,
        ..agentgen_compiler::Config::default()
    };
    (agentgen_compiler::compile_dir(&root, "root", &config), root)
}
