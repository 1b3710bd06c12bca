//! `textDocument/definition` and `textDocument/references`: the agent team, navigated.
//!
//! Definition: from an agent reference (a prompt mention, an `Agent(x)` / `Task(x)` target, a
//! `dependencies` / `collaborators` entry, an `observer` name, a skill's `agent`) to the
//! agent's `name:`; from a `skills` entry to the skill's `name:` (its file's start without
//! one); from a metadata key to its declaration in agentgen.toml.
//! References: every place that names an agent — prompts, frontmatter entries, skills'
//! `agent` — and, when asked, its `name:`.

use crate::lsp::paths::uri_of;
use std::ops::Range;
use std::path::Path;

use agentgen_compiler::Catalog;
use lsp_types::{Location, Position};

use super::document::{
    Document, Token, TokenKind, agent_declaration, agent_tokens, is_path, location,
    skill_declaration, skill_tokens,
};
use crate::lsp::text::{offset_of, range_of};

/// Where the name at `position` of the document `path` (text `text`) is defined.
pub fn definition(catalog: &Catalog, path: &Path, text: &str, position: Position) -> Vec<Location> {
    let document = Document::new(catalog, path, text);
    let Some(token) = document.token_at(offset_of(text, position)) else {
        return Vec::new();
    };
    let found = match token.kind {
        TokenKind::AgentRef { target, .. } | TokenKind::AgentName { agent: target } => {
            target.and_then(|i| agent_declaration(catalog, catalog.agents().get(i)?))
        }
        TokenKind::Skill { target, .. } => target.and_then(|i| skill_declaration(catalog, i)),
        TokenKind::Key(key) => {
            let schema = catalog.config().metadata.as_ref();
            let declared = schema.and_then(|s| s.key(&key));
            let source = catalog.config_source();
            match (declared.and_then(|k| k.span.as_ref()), source) {
                (Some(span), Some(source)) => location(source, span.bytes.clone()),
                _ => None,
            }
        }
        TokenKind::Tool(_) => None,
    };
    found.into_iter().collect()
}

/// Every place that names the agent at `position` (a reference to it, or its `name:`), across
/// the catalog; with `include_declaration`, its `name:` too.
pub fn references(
    catalog: &Catalog,
    path: &Path,
    text: &str,
    position: Position,
    include_declaration: bool,
) -> Vec<Location> {
    let document = Document::new(catalog, path, text);
    let Some(agent) = document
        .token_at(offset_of(text, position))
        .and_then(|t| target_agent(&t))
    else {
        return Vec::new();
    };
    occurrences(&document, path, agent)
        .into_iter()
        .filter(|o| include_declaration || !o.declaration)
        .filter_map(|o| {
            Some(Location {
                uri: uri_of(Path::new(o.path))?,
                range: range_of(o.text, o.bytes),
            })
        })
        .collect()
}

/// The agent (an index into [`Catalog::agents`]) a token names.
pub(crate) fn target_agent(token: &Token) -> Option<usize> {
    match &token.kind {
        TokenKind::AgentRef { target, .. } | TokenKind::AgentName { agent: target } => *target,
        _ => None,
    }
}

/// A place that names an agent.
#[derive(Debug)]
pub(crate) struct Occurrence<'a> {
    /// The file's absolute path.
    pub path: &'a str,
    /// The file's text (the document's own for it, else the catalog's).
    pub text: &'a str,
    /// The name's byte range in `text`.
    pub bytes: Range<usize>,
    /// Whether this is the agent's `name:`.
    pub declaration: bool,
}

/// Every place of the catalog that names `agent`: the document's from its text, every other
/// file's from the catalog, in path order.
pub(crate) fn occurrences<'a>(
    document: &Document<'a>,
    path: &'a Path,
    agent: usize,
) -> Vec<Occurrence<'a>> {
    let catalog = document.catalog;
    let mut found: Vec<Occurrence<'a>> = Vec::new();
    let mut push = |path: &'a str, text: &'a str, tokens: Vec<Token>| {
        for token in tokens {
            let declaration = matches!(token.kind, TokenKind::AgentName { .. });
            if target_agent(&token) != Some(agent) {
                continue;
            }
            found.push(Occurrence {
                path,
                text,
                bytes: token.bytes,
                declaration,
            });
        }
    };
    let document_path = path.to_str().unwrap_or_default();
    push(document_path, document.text, document.tokens());
    for (index, file) in catalog.files().iter().enumerate() {
        if is_path(file.path(), path) {
            continue;
        }
        let owner = catalog.agents().iter().find(|a| a.file == index);
        let tokens = agent_tokens(catalog, file, owner, owner);
        push(file.path(), &file.source.text, tokens);
    }
    let skill_files = catalog
        .skill_files()
        .iter()
        .chain(catalog.commands().map(|(_, f)| f));
    for file in skill_files {
        if !is_path(file.path(), path) {
            push(file.path(), &file.source.text, skill_tokens(catalog, file));
        }
    }
    found.sort_by(|a, b| (a.path, a.bytes.start).cmp(&(b.path, b.bytes.start)));
    found.dedup_by(|a, b| a.path == b.path && a.bytes == b.bytes);
    found
}

#[cfg(test)]
#[path = "navigation_tests.rs"]
mod tests;
