//! `textDocument/hover`: what the name under the cursor is.
//!
//! A tool in `tools` / `disallowedTools`: its meaning (and what Claude Code does with an old
//! name). An agent — an `Agent(x)` target, a collaborator, an observer, a prompt reference, a
//! skill's `agent`, the file's own `name:` — its description and file. A `skills` entry: the
//! skill's description and file. A frontmatter key: its meaning to Claude Code, or its declared
//! type in the `[metadata]` schema.

use std::path::Path;

use agentgen_compiler::Catalog;
use agentgen_compiler::catalog::Agent;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::document::{Document, TokenKind};
use super::meaning::{key_meaning, tool_meaning};
use crate::lsp::text::{offset_of, range_of};

/// The hover at `position` of the document `path` whose text is `text`.
pub fn hover(catalog: &Catalog, path: &Path, text: &str, position: Position) -> Option<Hover> {
    let document = Document::new(catalog, path, text);
    let token = document.token_at(offset_of(text, position))?;
    let value = match &token.kind {
        TokenKind::Tool(name) => format!("**{name}** (tool)\n\n{}", tool_meaning(name)?),
        TokenKind::AgentRef { target, .. } | TokenKind::AgentName { agent: target } => {
            agent_card(catalog, catalog.agents().get((*target)?)?)
        }
        TokenKind::Skill { target, written } => {
            let skill = catalog.skills().get((*target)?)?;
            let file = catalog.skill_file_of(skill);
            format!(
                "**{written}** (skill `{}`)\n\n{}\n\n`{}`",
                skill.qualified_name,
                file.description,
                file.path()
            )
        }
        TokenKind::Key(key) => {
            let schema = catalog.config().metadata.as_ref();
            match schema.and_then(|s| s.key(key)) {
                Some(declared) => format!(
                    "**{key}**: `{}` (metadata, agentgen.toml)\n\n{}; the generated `Metadata` field `{}`.",
                    declared.ty.spelling(),
                    capitalised(&declared.ty.scalar.expected()),
                    declared.field
                ),
                None => format!("**{key}**\n\n{}", key_meaning(key)?),
            }
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range_of(text, token.bytes)),
    })
}

/// An agent's name, description and file, in Markdown.
pub(crate) fn agent_card(catalog: &Catalog, agent: &Agent) -> String {
    let file = catalog.file_of(agent);
    let description = file
        .description
        .as_ref()
        .map_or("(no description)", |d| d.value.as_str());
    format!(
        "**{}** (agent)\n\n{description}\n\n`{}`",
        agent.qualified_name,
        file.path()
    )
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
#[path = "hover_tests.rs"]
mod tests;
