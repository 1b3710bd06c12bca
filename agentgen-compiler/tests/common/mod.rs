//! What the tests that read `../shared` share: finding it, reading Claude Code's records, and
//! hashing prompts as the records do.

#![allow(dead_code)] // each test file uses its own subset

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

/// The JSON lines of a `claude-code-2.1.197.jsonl` file.
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
    if size > read::MAX_FILE_BYTES {
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
