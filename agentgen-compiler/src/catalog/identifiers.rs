//! Rust identifiers for agents and packs, unique within a catalog, and the naming lint.

use std::collections::BTreeMap;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

use super::Agent;
use crate::diagnostic::{Code, Diagnostic, Related};
use crate::read::AgentFile;

/// Reports agents whose identifiers collide with an earlier one; returns their indexes.
pub(super) fn check_identifiers(
    agents: &[Agent],
    files: &[AgentFile],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let mut colliding = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (index, agent) in agents.iter().enumerate() {
        if let Some(&first) = seen.get(&agent.variant) {
            let other = &agents[first];
            let file = &files[agent.file];
            let first_file = &files[other.file];
            diagnostics.push(
                Diagnostic::new(
                    Code::IdentifierCollision,
                    file.path(),
                    format!(
                        "agent names `{}` and `{}` both become the Rust identifier `{}`",
                        other.qualified_name, agent.qualified_name, agent.variant
                    ),
                )
                .at(file.name.as_ref().and_then(|n| n.span.clone()))
                .related(Related {
                    file: first_file.path().to_owned(),
                    span: first_file.name.as_ref().and_then(|n| n.span.clone()),
                    message: format!("`{}` is named here", other.qualified_name),
                })
                .help("rename one of the agents so that their names differ in more than case and punctuation"),
            );
            colliding.push(index);
        } else {
            seen.insert(agent.variant.clone(), index);
        }
    }
    colliding
}

/// Rust identifiers for an agent: (enum variant, constant). Non-ASCII-alphanumeric characters
/// separate words; a leading digit gets an `Agent`/`AGENT_` prefix; names with no ASCII letter
/// or digit get a stable hash-based identifier.
pub fn identifiers(pack: Option<&str>, name: &str) -> (String, String) {
    let words = |s: &str| {
        s.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
            .collect::<String>()
    };
    let mut base = words(name);
    if base.trim().is_empty() {
        base = format!("agent {:08x}", agentgen_fnv1a(name.as_bytes()) as u32);
    }
    let full = match pack {
        Some(pack) => format!("{} {base}", words(pack)),
        None => base.clone(),
    };
    let mut variant = full.to_upper_camel_case();
    let mut constant = base.to_shouty_snake_case();
    if variant.starts_with(|c: char| c.is_ascii_digit()) {
        variant.insert_str(0, "Agent");
    }
    if constant.starts_with(|c: char| c.is_ascii_digit()) {
        constant.insert_str(0, "AGENT_");
    }
    if variant == "Self" {
        variant.push('_');
    }
    // Top-level items of the generated module that a constant must not shadow.
    if constant == "ALL" || constant == "NAME_TABLE" {
        constant.push('_');
    }
    (variant, constant)
}

/// The module name of a pack (snake_case, keywords suffixed with `_`).
pub fn pack_module(pack: &str) -> String {
    let words: String = pack
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let mut module = words.to_snake_case();
    if module.is_empty() {
        module = format!("pack_{:08x}", agentgen_fnv1a(pack.as_bytes()) as u32);
    }
    if module.starts_with(|c: char| c.is_ascii_digit()) {
        module.insert_str(0, "pack_");
    }
    if syn::parse_str::<syn::Ident>(&module).is_err()
        || module == "self"
        || module == "super"
        || module == "crate"
    {
        module.push('_');
    }
    module
}

/// FNV-1a, the same function as `agentgen::fnv1a` (a test keeps them equal).
pub const fn agentgen_fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

pub(super) fn is_kebab_case(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

pub(super) fn kebab_suggestion(name: &str) -> String {
    let words: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let kebab = heck::ToKebabCase::to_kebab_case(words.as_str());
    if kebab.is_empty() {
        "my-agent".to_owned()
    } else {
        kebab
    }
}
