//! `textDocument/prepareRename` and `textDocument/rename`: an agent renamed across the catalog,
//! as one workspace edit — its `name:`, every `Agent(x)` / `Task(x)` target, `dependencies` /
//! `collaborators` entry, `observer` name, skill `agent`, and prompt reference. A reference
//! written with its pack (`pack:x`) keeps it; only the name after the last `:` changes.

use crate::lsp::paths::uri_of;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use agentgen_compiler::Catalog;
use lsp_types::{Position, Range as LspRange, TextEdit, WorkspaceEdit};

use super::document::Document;
use super::navigation::{occurrences, target_agent};
use crate::lsp::text::{offset_of, range_of};

/// The range of the agent name at `position` that a rename replaces (the name after its pack),
/// or `None` when no agent of the catalog is named there.
pub fn prepare_rename(
    catalog: &Catalog,
    path: &Path,
    text: &str,
    position: Position,
) -> Option<LspRange> {
    let document = Document::new(catalog, path, text);
    let token = document.token_at(offset_of(text, position))?;
    let agent = catalog.agents().get(target_agent(&token)?)?;
    let bytes = name_part(text, &token.bytes, &agent.name)?;
    Some(range_of(text, bytes))
}

// `WorkspaceEdit::changes` is keyed by `Uri`, whose parsed form caches data in a `Cell`; its
// hash and equality read only the string (clippy's `mutable_key_type` is a false positive).
#[allow(clippy::mutable_key_type)]
/// The edit renaming the agent at `position` to `new_name` everywhere the catalog names it.
///
/// # Errors
///
/// A message for the user: no agent at `position`, a name Claude Code would not load (empty,
/// starting with `-`, with `:`, over 256 characters), one a reference could not hold (white
/// space, `,`, parentheses, quotes, `@`), one YAML reads as no string (`true`, `12`), or the
/// name of another agent.
pub fn rename(
    catalog: &Catalog,
    path: &Path,
    text: &str,
    position: Position,
    new_name: &str,
) -> Result<WorkspaceEdit, String> {
    let document = Document::new(catalog, path, text);
    let index = document
        .token_at(offset_of(text, position))
        .and_then(|t| target_agent(&t))
        .ok_or_else(|| "no agent of the catalog is named here".to_owned())?;
    let agent = catalog
        .agents()
        .get(index)
        .ok_or_else(|| "no agent of the catalog is named here".to_owned())?;
    check_name(new_name)?;
    let qualified = match agent.qualified_name.rsplit_once(':') {
        Some((prefix, _)) => format!("{prefix}:{new_name}"),
        None => new_name.to_owned(),
    };
    let taken = catalog
        .agents()
        .iter()
        .chain(catalog.broken_agents())
        .find(|a| a.qualified_name == qualified && a.qualified_name != agent.qualified_name);
    if let Some(other) = taken {
        return Err(format!(
            "an agent named `{qualified}` exists already: {}",
            catalog.file_of(other).path()
        ));
    }
    let mut changes: HashMap<lsp_types::Uri, Vec<TextEdit>> = HashMap::new();
    for occurrence in occurrences(&document, path, index) {
        let Some(bytes) = name_part(occurrence.text, &occurrence.bytes, &agent.name) else {
            continue;
        };
        let Some(uri) = uri_of(Path::new(occurrence.path)) else {
            continue;
        };
        changes.entry(uri).or_default().push(TextEdit {
            range: range_of(occurrence.text, bytes),
            new_text: new_name.to_owned(),
        });
    }
    Ok(WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    })
}

/// The part of `text[bytes]` that is the agent's `name` (after a pack or namespace): the whole
/// range, or its end after a `:`.
fn name_part(text: &str, bytes: &Range<usize>, name: &str) -> Option<Range<usize>> {
    let written = text.get(bytes.clone())?;
    if written == name {
        return Some(bytes.clone());
    }
    let prefix = written.strip_suffix(name)?;
    (prefix.ends_with(':') || prefix.ends_with('-')).then(|| bytes.end - name.len()..bytes.end)
}

/// Why `name` cannot be an agent's new name, if it cannot.
fn check_name(name: &str) -> Result<(), String> {
    let refuse = |why: &str| Err(format!("`{name}` cannot be an agent's name: {why}"));
    if name.is_empty() {
        return refuse("Claude Code skips a file whose name is empty");
    }
    if name.starts_with('-') {
        return refuse("Claude Code rejects a name starting with `-`");
    }
    if name.contains([':', '\u{ff1a}', '\u{fe55}', '\u{fe13}']) {
        return refuse("`:` is reserved for plugin namespaces (Claude Code rejects the file)");
    }
    if name.encode_utf16().count() > 256 {
        return refuse("Claude Code rejects a name over 256 characters");
    }
    if let Some(c) = name.chars().find(|c| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | '(' | ')' | '"' | '\'' | '`' | '@' | '#' | '[' | ']' | '{' | '}'
            )
    }) {
        return refuse(&format!(
            "`{}` would break `Agent(…)` entries and prompt mentions",
            c.escape_default()
        ));
    }
    let lower = name.to_ascii_lowercase();
    let not_a_string = matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~"
    ) || name.parse::<f64>().is_ok();
    if not_a_string {
        return refuse("YAML reads it as no string, and Claude Code rejects the file");
    }
    Ok(())
}

#[cfg(test)]
#[path = "rename_tests.rs"]
mod tests;
