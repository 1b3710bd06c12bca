//! The frontmatter mapping as Claude Code reads it: keys (last occurrence wins, near misses of
//! known keys), each field to its reader, values too deep to generate, and the file's status.

use std::collections::HashMap;

use super::hooks;
use super::model::read_model;
use super::name::{is_refused_name, read_description, read_name};
use super::optional::{read_color, read_optional};
use super::tools::{read_tools, split_entries_of, widen_tools_for_memory};
use super::{AgentFile, Field, Spanned, Status};
use crate::diagnostic::{Code, Diagnostic, Related};
use crate::registry::{COLLABORATOR_KEYS, KNOWN_KEYS};
use crate::yaml::{Node, Value};

pub(super) fn read_fields(file: &mut AgentFile, entries: Vec<(Node, Node)>, yaml_offset: usize) {
    let path = file.source.display_path.clone();
    // Last occurrence wins; earlier ones are reported. Slots of replaced keys are emptied (a
    // hash index keeps this linear: frontmatter may hold tens of thousands of keys).
    let mut slots: Vec<Option<(String, Field)>> = Vec::new();
    let mut live: HashMap<String, usize> = HashMap::new();
    for (key, value) in entries {
        let key_text = key.key_text();
        let key_span = file.span_of_yaml(yaml_offset, key.span.clone());
        let span = file.span_of_yaml(yaml_offset, value.span.clone());
        if let Some((_, first)) = live
            .get(&key_text)
            .and_then(|&index| slots.get_mut(index))
            .and_then(Option::take)
        {
            file.diag(
                Diagnostic::new(Code::DuplicateKey, &path, format!("key `{key_text}` is given twice"))
                    .at(key_span.clone())
                    .label("this value replaces the earlier one")
                    .related(Related {
                        file: path.clone(),
                        span: first.key_span.clone(),
                        message: "first given here; Claude Code silently drops that value".into(),
                    })
                    .help(if key_text == "user" || key_text == "assistant" || key_text == "Context" {
                        "these lines belong to a multi-line description: indent them under a block scalar `description: |`"
                    } else {
                        "keep one of the two"
                    }),
            );
        }
        live.insert(key_text.clone(), slots.len());
        slots.push(Some((
            key_text,
            Field {
                node: value,
                span,
                key_span,
            },
        )));
    }
    let fields: Vec<(String, Field)> = slots.into_iter().flatten().collect();
    file.keys = fields
        .iter()
        .map(|(key, field)| Spanned {
            value: key.clone(),
            span: field.key_span.clone(),
        })
        .collect();
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, f)| f.clone())
    };

    // Unknown keys: kept as extra values. Claude Code 2.1.332 ignores them (with a did-you-mean
    // in its debug log that users do not see); the keys it would correct are errors here.
    for (key, field) in &fields {
        if KNOWN_KEYS.contains(&key.as_str()) {
            continue;
        }
        if key == "cacheTtl" {
            file.diag(
                Diagnostic::new(
                    Code::IgnoredValue,
                    &path,
                    "`cacheTtl` belongs under `experimental:`",
                )
                .at(field.key_span.clone())
                .label("Claude Code ignores this key")
                .note("Claude Code reads the cache TTL only as `experimental: {cacheTtl: 5m | 1h}`")
                .help("write `experimental:` and, indented under it, `cacheTtl: 1h`"),
            );
        } else if hooks::HOOK_EVENTS.contains(&key.as_str()) {
            if !hooks::GUARD_EVENTS.contains(&key.as_str())
                || matches!(&field.node.value, Value::Null)
                || matches!(&field.node.value, Value::Seq(items) if items.is_empty())
            {
                file.diag(
                    Diagnostic::new(
                        Code::MisplacedHook,
                        &path,
                        format!("hook event `{key}` at the top level of the frontmatter"),
                    )
                    .at(field.key_span.clone())
                    .label("Claude Code ignores this key: the hook never runs")
                    .help(format!(
                        "move it under `hooks:` (`hooks:` then, indented, `{key}:`)"
                    )),
                );
            }
        } else if let Some(known) = key_hint(key) {
            let what = match known {
                "tools" => "the agent would inherit every tool",
                "model" => "the agent would run on the model of the conversation that starts it",
                "name" | "description" => "the file would not load",
                _ => "the setting has no effect",
            };
            file.diag(
                Diagnostic::new(
                    Code::MisspelledKey,
                    &path,
                    format!("unknown key `{key}`; Claude Code reads `{known}`"),
                )
                .at(field.key_span.clone())
                .label("Claude Code ignores this key")
                .note(format!("keys are case-sensitive; {what}"))
                .help(format!("rename the key to `{known}`")),
            );
        }
        if COLLABORATOR_KEYS.contains(&key.as_str()) {
            let names = split_entries_of(file, field, yaml_offset, key);
            file.collaborator_names.extend(names);
        }
        file.extra.push((key.clone(), field.node.clone()));
    }

    // Hooks: a guard hook outside `hooks`, or `hooks` Claude Code refuses, rejects the agent.
    let mut refused_by_hooks = false;
    let entries: Vec<(&str, &Node)> = fields
        .iter()
        .filter(|(key, _)| key != "hooks")
        .map(|(key, field)| (key.as_str(), &field.node))
        .collect();
    for problem in hooks::misplaced_guards(&entries) {
        refused_by_hooks = true;
        let span = file.span_of_yaml(yaml_offset, problem.span.clone());
        file.diag(
            Diagnostic::new(Code::InvalidHooks, &path, problem.problem.clone())
            .at(span)
            .label("a PreToolUse/PermissionRequest/PreSkillShellCommand hook outside `hooks`")
            .note("Claude Code does not load the agent: a guard hook it cannot apply may be what guards the agent's permissions")
            .help("move the hook under `hooks:` (e.g. `hooks:` then, indented, `PreToolUse:`), or remove it"),
        );
    }
    if let Some(field) = get("hooks") {
        if matches!(field.node.value, Value::Bool(false) | Value::Int(0))
            || matches!(field.node.value, Value::Float(f) if f == 0.0 || f.is_nan())
        {
            file.diag(
                Diagnostic::new(
                    Code::InvalidHooks,
                    &path,
                    format!(
                        "`hooks` is `{}`, not a mapping of hook events",
                        field.node.key_text()
                    ),
                )
                .at(field.span.clone())
                .label("Claude Code reads this as no hooks")
                .note("Claude Code drops the value silently")
                .help("remove the key: an agent without `hooks` has none"),
            );
        }
        let reading = hooks::read_hooks(&field.node);
        for problem in &reading.rejections {
            refused_by_hooks = true;
            let span = file.span_of_yaml(yaml_offset, problem.span.clone());
            file.diag(
                Diagnostic::new(
                    Code::InvalidHooks,
                    &path,
                    format!("`{}`: {}", problem.path, problem.problem),
                )
                .at(span)
                .label("Claude Code refuses these hooks")
                .note("Claude Code does not load the agent")
                .help("`hooks` maps events (`PreToolUse`, `PostToolUse`, …) to lists of `{matcher, hooks: [{type: command, command}]}`"),
            );
        }
        for problem in &reading.dropped {
            let span = file.span_of_yaml(yaml_offset, problem.span.clone());
            file.diag(
                Diagnostic::new(
                    Code::InvalidHooks,
                    &path,
                    format!("`{}`: {}", problem.path, problem.problem),
                )
                .at(span)
                .label("Claude Code ignores this")
                .note("Claude Code loads the agent without it, with a line in its debug log only")
                .help("fix the entry or remove it"),
            );
        }
        if !refused_by_hooks {
            file.hooks = reading.kept;
        }
    }

    read_name(file, get("name"), &path);
    read_description(file, get("description"), &path);
    if let Some(field) = get("tools") {
        file.tools = read_tools(file, &field, yaml_offset, &path);
        file.tools_field = Some(field);
    }
    if let Some(field) = get("disallowedTools") {
        let entries = split_entries_of(file, &field, yaml_offset, "disallowedTools");
        if entries.iter().any(|e| e.value == "*") {
            file.diag(
                Diagnostic::new(Code::InvalidField, &path, "`disallowedTools` contains `*`")
                    .at(field.span.clone())
                    .note("Claude Code ignores the whole `disallowedTools` field when an entry is `*`")
                    .help("list the tools to deny by name, or give the agent `tools:` with no entries to deny all"),
            );
        } else {
            file.disallowed_tools = entries;
        }
    }
    if let Some(field) = get("skills") {
        file.skills = split_entries_of(file, &field, yaml_offset, "skills");
    }
    read_model(file, get("model"), &path);
    read_color(file, get("color"), &path);
    read_optional(file, &fields, yaml_offset, &path);
    widen_tools_for_memory(file, get("memory").as_ref(), &path);
    refuse_deep_values(file, &fields, &path);

    file.status = match claude_status(file, get("name")) {
        Status::Accepted if refused_by_hooks => Status::Rejected,
        status => status,
    };
}

/// How deeply a frontmatter value may nest lists and mappings for agentgen to generate it.
/// The generated code nests one expression per level, and parsing or formatting it recurses:
/// at about 80 levels syn overflows a 2 MiB thread stack in a debug build. YAML itself is
/// capped at 255 levels by the parser; real agent files nest 5 levels at most.
pub const MAX_VALUE_NESTING: usize = 32;

/// Levels of lists and mappings in `node` (0 for a scalar).
fn nesting(node: &Node) -> usize {
    match &node.value {
        Value::Seq(items) => 1 + items.iter().map(nesting).max().unwrap_or(0),
        Value::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| nesting(k).max(nesting(v)))
                .max()
                .unwrap_or(0)
        }
        _ => 0,
    }
}

/// Reports values nested deeper than [`MAX_VALUE_NESTING`] as errors and leaves them out of
/// what is generated (`extra`, `hooks`, `mcpServers`).
fn refuse_deep_values(file: &mut AgentFile, fields: &[(String, Field)], path: &str) {
    for (key, field) in fields {
        let depth = nesting(&field.node);
        if depth > MAX_VALUE_NESTING {
            file.diag(
                Diagnostic::new(
                    Code::InvalidField,
                    path,
                    format!("`{key}` nests lists and mappings {depth} levels deep"),
                )
                .at(field.span.clone())
                .label(format!(
                    "agentgen generates at most {MAX_VALUE_NESTING} levels"
                ))
                .note("Claude Code reads the value; agentgen cannot generate it safely")
                .help("flatten the value"),
            );
        }
    }
    file.extra
        .retain(|(_, node)| nesting(node) <= MAX_VALUE_NESTING);
    file.mcp_servers
        .retain(|node| nesting(node) < MAX_VALUE_NESTING);
    if file
        .hooks
        .as_ref()
        .is_some_and(|node| nesting(node) > MAX_VALUE_NESTING)
    {
        file.hooks = None;
    }
}

fn claude_status(file: &AgentFile, name: Option<Field>) -> Status {
    let Some(name) = name else {
        return Status::SkippedSilently;
    };
    if !name.node.is_truthy() {
        return Status::SkippedSilently;
    }
    match name.node.as_str() {
        None => return Status::Rejected,
        Some(n) if n.starts_with('-') || is_refused_name(n) => return Status::Rejected,
        Some(_) => {}
    }
    if file.description.is_none() {
        return Status::Rejected;
    }
    Status::Accepted
}

/// The key Claude Code 2.1.332 suggests for an unknown frontmatter key (the did-you-mean of its
/// debug log): a fixed hint for
/// skill keys (`allowed-tools` → `tools`, `when_to_use` → `description`; none for `mode`), then a
/// known key equal once `-` and `_` are removed and case is ignored (`Tools`, `max_turns`), then
/// the nearest known key within two edits (length differing by two at most: `toolz`, `colour`).
pub fn key_hint(key: &str) -> Option<&'static str> {
    // The key without `-` and `_`, in lower case, compared character by character (no
    // allocation per known key: this runs for every key Claude Code does not read).
    let folded = |k: &str| {
        k.chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let key_folded = folded(key);
    match key_folded.as_str() {
        "allowedtools" => return Some("tools"),
        "whentouse" => return Some("description"),
        "mode" => return None,
        _ => {}
    }
    let same_folded = |known: &str| {
        known
            .chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
            .eq(key_folded.chars())
    };
    if let Some(known) = KNOWN_KEYS.iter().find(|k| same_folded(k)) {
        return Some(known);
    }
    let key_len = key.encode_utf16().count();
    KNOWN_KEYS
        .iter()
        .filter(|known| known.len().abs_diff(key_len) <= 2)
        .map(|known| (strsim::osa_distance(key, known), *known))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, known)| known)
}
