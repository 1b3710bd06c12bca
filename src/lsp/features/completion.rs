//! `textDocument/completion`: what may be written at the cursor, judged from the text around
//! it (a half-typed frontmatter is rarely YAML, so the context is read line by line).
//!
//! In the frontmatter: keys (Claude Code's, with their meaning, then the `[metadata]` schema's,
//! with their type; keys already given left out); after `key:` or in a list under it, the values
//! of that key — tools and `Agent(…)` targets in `tools` / `disallowedTools` (and a skill's
//! `allowed-tools`), model aliases, colours, permission modes, effort levels, `memory`,
//! `isolation` and booleans, skills in `skills`, agents in `dependencies`, `collaborators`,
//! `observer` and a skill's `agent`, and the values of a metadata key of type `enum` or `bool`.
//! In the prompt: agent names after `@`, in `Agent(` / `Task(`, and after `subagent_type:` or
//! `subagent_type=`.

use std::ops::Range;
use std::path::Path;

use agentgen_compiler::Catalog;
use agentgen_compiler::catalog::Agent;
use agentgen_compiler::config::metadata::ScalarType;
use agentgen_compiler::registry::{
    BUILTIN_TOOLS, BUNDLED_SKILLS, BundledSkillKind, KNOWN_KEYS, ToolKind,
};
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent,
    MarkupKind, Position, TextEdit,
};

use super::document::{Document, Kind, is_name_char};
use super::meaning::{
    COLORS, EFFORT_LEVELS, PERMISSION_MODES, fixed_values, key_meaning, model_aliases, tool_meaning,
};
use crate::lsp::text::{offset_of, range_of};

/// The completions at `position` of the document `path` whose text is `text`.
pub fn completion(
    catalog: &Catalog,
    path: &Path,
    text: &str,
    position: Position,
) -> Vec<CompletionItem> {
    let document = Document::new(catalog, path, text);
    if matches!(document.kind, Kind::Other) {
        return Vec::new();
    }
    let offset = offset_of(text, position);
    let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
    let prefix = &text[line_start..offset];
    let mut out = Completions {
        text,
        items: Vec::new(),
    };
    match frontmatter_lines(text) {
        Some(lines) if line_start >= lines.start && line_start < lines.end => {
            in_frontmatter(&document, &mut out, &lines, line_start, offset, prefix);
        }
        _ => in_prompt(&document, &mut out, offset, prefix),
    }
    out.items
}

/// The byte range of the frontmatter's lines (after the opening `---` line, up to the closing
/// one, or to the end of the text while it is not written yet).
fn frontmatter_lines(text: &str) -> Option<Range<usize>> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let skipped = text.len() - body.len();
    let first_end = body.find('\n')?;
    if body[..first_end].trim_end() != "---" {
        return None;
    }
    let start = skipped + first_end + 1;
    let mut at = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some(start..at);
        }
        at += line.len();
    }
    Some(start..text.len())
}

struct Completions<'t> {
    text: &'t str,
    items: Vec<CompletionItem>,
}

impl Completions<'_> {
    /// An item replacing `replace` (a byte range of the text) by `insert`.
    fn push(
        &mut self,
        label: &str,
        kind: CompletionItemKind,
        detail: Option<String>,
        documentation: Option<String>,
        replace: &Range<usize>,
        insert: String,
    ) {
        self.items.push(CompletionItem {
            label: label.to_owned(),
            kind: Some(kind),
            detail,
            documentation: documentation.map(|value| {
                Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value,
                })
            }),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                range: range_of(self.text, replace.clone()),
                new_text: insert,
            })),
            ..CompletionItem::default()
        });
    }

    fn values(&mut self, values: &[&str], detail: &str, replace: &Range<usize>) {
        for value in values {
            self.push(
                value,
                CompletionItemKind::ENUM_MEMBER,
                Some(detail.to_owned()),
                None,
                replace,
                (*value).to_owned(),
            );
        }
    }
}

/// The top-level keys written in the frontmatter's lines, but the one on the line at `skip`.
fn written_keys(text: &str, lines: &Range<usize>, skip: usize) -> Vec<String> {
    let mut at = lines.start;
    let mut keys = Vec::new();
    for line in text[lines.clone()].split_inclusive('\n') {
        if at != skip
            && let Some((key, _)) = top_level_key(line)
        {
            keys.push(key.to_owned());
        }
        at += line.len();
    }
    keys
}

/// `key` and what follows its colon, for a line `key: …` starting at the first column.
fn top_level_key(line: &str) -> Option<(&str, &str)> {
    if line.starts_with([' ', '\t', '-', '#']) {
        return None;
    }
    let (key, rest) = line.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty() && !key.contains(char::is_whitespace)).then_some((key, rest))
}

fn in_frontmatter(
    document: &Document,
    out: &mut Completions,
    lines: &Range<usize>,
    line_start: usize,
    offset: usize,
    prefix: &str,
) {
    let text = document.text;
    if let Some((key, _)) = top_level_key(prefix) {
        let value_start = line_start + prefix.find(':').map_or(0, |at| at + 1);
        value_completion(document, out, key, &text[value_start..offset], offset);
        return;
    }
    let indented = prefix.starts_with([' ', '\t', '-']);
    if !indented {
        if prefix.contains(':') {
            return;
        }
        key_completion(document, out, lines, line_start, offset);
        return;
    }
    // A list item or a continuation line: the key is the nearest line above at the first
    // column.
    let above = &text[lines.start.min(line_start)..line_start];
    let Some((key, _)) = above.lines().rev().find_map(top_level_key) else {
        return;
    };
    let value = prefix.trim_start().trim_start_matches('-');
    value_completion(document, out, key, value, offset);
}

fn key_completion(
    document: &Document,
    out: &mut Completions,
    lines: &Range<usize>,
    line_start: usize,
    offset: usize,
) {
    if !matches!(document.kind, Kind::Agent { .. }) {
        return;
    }
    let written = written_keys(document.text, lines, line_start);
    let replace = line_start..offset;
    for key in KNOWN_KEYS.iter().chain(&["dependencies", "collaborators"]) {
        if written.iter().any(|w| w == key) {
            continue;
        }
        out.push(
            key,
            CompletionItemKind::PROPERTY,
            Some("Claude Code frontmatter key".to_owned()),
            key_meaning(key).map(str::to_owned),
            &replace,
            format!("{key}: "),
        );
    }
    let schema = document.catalog.config().metadata.as_ref();
    for key in schema.map(|s| s.keys.as_slice()).unwrap_or_default() {
        if written.contains(&key.key) {
            continue;
        }
        out.push(
            &key.key,
            CompletionItemKind::FIELD,
            Some(format!("metadata: {}", key.ty.spelling())),
            Some(format!(
                "A key of the catalog's `[metadata]` schema (agentgen.toml): {}.",
                key.ty.scalar.expected()
            )),
            &replace,
            format!("{}: ", key.key),
        );
    }
}

/// The start of the word ending at `offset` (name characters and `:`).
fn word_start(text: &str, offset: usize) -> usize {
    text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_name_char(*c) || *c == ':')
        .last()
        .map_or(offset, |(at, _)| at)
}

fn value_completion(
    document: &Document,
    out: &mut Completions,
    key: &str,
    value: &str,
    offset: usize,
) {
    let start = word_start(document.text, offset).max(offset - value.len());
    let replace = start..offset;
    match key {
        "tools" | "disallowedTools" | "allowed-tools" | "disallowed-tools" => {
            if in_agent_parens(value) {
                agent_names(document, out, &replace);
            } else {
                tool_names(out, &replace);
            }
        }
        "model" => {
            for (alias, what) in model_aliases() {
                out.push(
                    alias,
                    CompletionItemKind::ENUM_MEMBER,
                    Some(what.to_owned()),
                    None,
                    &replace,
                    alias.to_owned(),
                );
            }
        }
        "color" => out.values(COLORS, "colour", &replace),
        "effort" => out.values(EFFORT_LEVELS, "effort level", &replace),
        "permissionMode" => {
            for (mode, what) in PERMISSION_MODES {
                out.push(
                    mode,
                    CompletionItemKind::ENUM_MEMBER,
                    Some((*what).to_owned()),
                    None,
                    &replace,
                    (*mode).to_owned(),
                );
            }
        }
        "skills" => skill_names(document, out, &replace),
        "dependencies" | "collaborators" | "observer" | "agent" => {
            agent_names(document, out, &replace)
        }
        _ => {
            let fixed = fixed_values(key);
            if !fixed.is_empty() {
                out.values(fixed, key, &replace);
                return;
            }
            let schema = document.catalog.config().metadata.as_ref();
            match schema.and_then(|s| s.key(key)).map(|k| &k.ty.scalar) {
                Some(ScalarType::Enum(values)) => {
                    let values: Vec<&str> = values.values.iter().map(String::as_str).collect();
                    out.values(&values, &format!("{key} (metadata enum)"), &replace);
                }
                Some(ScalarType::Bool) => out.values(&["true", "false"], "bool", &replace),
                _ => {}
            }
        }
    }
}

/// Whether the value up to the cursor is inside an unclosed `Agent(` or `Task(`.
fn in_agent_parens(value: &str) -> bool {
    let Some(open) = value.rfind('(') else {
        return false;
    };
    if value[open..].contains(')') {
        return false;
    }
    let before = &value[..open];
    before.ends_with("Agent") || before.ends_with("Task")
}

fn tool_names(out: &mut Completions, replace: &Range<usize>) {
    for tool in BUILTIN_TOOLS {
        if !matches!(tool.kind, ToolKind::Current) {
            continue;
        }
        out.push(
            tool.name,
            CompletionItemKind::FUNCTION,
            Some("Claude Code tool".to_owned()),
            tool_meaning(tool.name),
            replace,
            tool.name.to_owned(),
        );
    }
}

/// How an agent is written from `from`: without the pack when both are in the same one.
fn written_from(from: Option<&Agent>, agent: &Agent) -> String {
    match (from.and_then(|a| a.pack.as_deref()), agent.pack.as_deref()) {
        (Some(mine), Some(theirs)) if mine == theirs => agent
            .qualified_name
            .strip_prefix(&format!("{mine}:"))
            .unwrap_or(&agent.qualified_name)
            .to_owned(),
        _ => agent.qualified_name.clone(),
    }
}

fn agent_names(document: &Document, out: &mut Completions, replace: &Range<usize>) {
    let catalog = document.catalog;
    let me = document.agent();
    for agent in catalog.agents() {
        if me.is_some_and(|m| m.qualified_name == agent.qualified_name) {
            continue;
        }
        let file = catalog.file_of(agent);
        let description = file.description.as_ref().map(|d| d.value.clone());
        let detail = description
            .as_deref()
            .and_then(|d| d.lines().next())
            .map(str::to_owned);
        let docs = format!(
            "{}\n\n`{}`",
            description.as_deref().unwrap_or("(no description)"),
            file.path()
        );
        let written = written_from(me, agent);
        out.push(
            &written,
            CompletionItemKind::CLASS,
            detail,
            Some(docs),
            replace,
            written.clone(),
        );
    }
    for external in &catalog.config().external_agents {
        out.push(
            external,
            CompletionItemKind::CLASS,
            Some("external agent (agentgen.toml)".to_owned()),
            None,
            replace,
            external.clone(),
        );
    }
}

fn skill_names(document: &Document, out: &mut Completions, replace: &Range<usize>) {
    let catalog = document.catalog;
    for skill in catalog.skills() {
        let file = catalog.skill_file_of(skill);
        out.push(
            &skill.qualified_name,
            CompletionItemKind::MODULE,
            Some(
                file.description
                    .lines()
                    .next()
                    .unwrap_or("skill")
                    .to_owned(),
            ),
            Some(format!("{}\n\n`{}`", file.description, file.path())),
            replace,
            skill.qualified_name.clone(),
        );
    }
    let bundled = BUNDLED_SKILLS
        .iter()
        .filter(|s| s.kind == BundledSkillKind::Preloadable && s.alias_of.is_none());
    for skill in bundled {
        out.push(
            skill.name,
            CompletionItemKind::MODULE,
            Some("bundled with Claude Code".to_owned()),
            None,
            replace,
            skill.name.to_owned(),
        );
    }
    for external in &catalog.config().external_skills {
        out.push(
            external,
            CompletionItemKind::MODULE,
            Some("external skill (agentgen.toml)".to_owned()),
            None,
            replace,
            external.clone(),
        );
    }
}

fn in_prompt(document: &Document, out: &mut Completions, offset: usize, prefix: &str) {
    let text = document.text;
    let start = word_start(text, offset);
    let before = &text[..start];
    let line_before = &prefix[..prefix.len() - (offset - start)];
    let after_subagent_type = {
        let trimmed = line_before.trim_end_matches(['"', '\'', '`', ' ']);
        let trimmed = trimmed.strip_suffix([':', '=']).unwrap_or("");
        trimmed
            .trim_end_matches(['"', '\'', ' '])
            .ends_with("subagent_type")
    };
    if before.ends_with('@') || in_agent_parens(line_before) || after_subagent_type {
        agent_names(document, out, &(start..offset));
    }
}

#[cfg(test)]
#[path = "completion_tests.rs"]
mod tests;
