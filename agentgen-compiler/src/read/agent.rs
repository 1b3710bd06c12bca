//! An agent file's frontmatter, field by field, as Claude Code reads a project's agent files and
//! (where the dialect says otherwise) a plugin's.

use super::document::{Document, read_document};
use super::fields::{Fields, MAX_VALUE_NESTING, fits, key_hint, nesting, report_deep_values};
use super::hooks_field::{misplaced_hook, read_hooks_field};
use super::model::read_model;
use super::name::{is_refused_name, read_description, read_name};
use super::optional as setting;
use super::tools::{read_disallowed_tools, read_tools, split_entries_of, widen_tools_for_memory};
use super::{AgentFile, Dialect, Field, Reader, Spanned, Status, hooks, plugin_agent, too_large};
use crate::diagnostic::{Code, Diagnostic};
use crate::registry::{COLLABORATOR_KEYS, KNOWN_KEYS, MAX_FILE_BYTES};
use crate::yaml::{Node, Value};

/// Reads the bytes of an agent file as `dialect` (a project's or a plugin's) reads it.
pub(super) fn read_agent_file(
    display_path: &str,
    bytes: std::borrow::Cow<'_, [u8]>,
    dialect: Dialect,
) -> AgentFile {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return too_large(display_path, bytes.len() as u64);
    }
    let Document {
        source,
        yaml,
        prompt_range,
        frontmatter,
        diagnostics,
        ..
    } = read_document(display_path, bytes, dialect);
    let mut file = AgentFile::new(source);
    file.yaml = yaml;
    file.prompt_range = prompt_range;
    file.diagnostics = diagnostics;
    match (frontmatter, dialect) {
        (Some((entries, yaml_offset)), _) => read_fields(&mut file, entries, yaml_offset, dialect),
        // Claude Code names and describes a plugin agent all the same.
        (None, Dialect::Plugin { .. }) => read_fields(&mut file, Vec::new(), 0, dialect),
        (None, _) => {}
    }
    file
}

/// Reads the frontmatter's `entries` into `file`.
fn read_fields(
    file: &mut AgentFile,
    entries: Vec<(Node, Node)>,
    yaml_offset: usize,
    dialect: Dialect,
) {
    let mut reader = Reader {
        source: &file.source,
        yaml_offset,
        dialect,
        diagnostics: &mut file.diagnostics,
    };
    let fields = Fields::read(&mut reader, entries);
    file.keys = fields.keys();
    (file.collaborator_names, file.extra) = read_other_keys(&mut reader, &fields);
    let hooks = read_hooks_field(&mut reader, &fields);
    file.hooks = hooks.kept.filter(fits);
    if let Dialect::Plugin { plugin, file_name } = dialect {
        let name = plugin_agent::read_name(&mut reader, &fields, file_name);
        let description =
            plugin_agent::read_description(&mut reader, &fields, plugin, &name, file.yaml);
        (file.name, file.description) = (Some(name), Some(description));
    } else {
        file.name = read_name(&mut reader, fields.get("name"), &file.keys);
        let name_span = file.name.as_ref().and_then(|n| n.span.clone());
        file.description = read_description(&mut reader, fields.get("description"), name_span);
    }
    if let Some(field) = fields.get("tools") {
        file.tools = read_tools(&mut reader, field);
        file.tools_field = Some(field.clone());
    }
    if let Some(field) = fields.get("disallowedTools") {
        file.disallowed_tools = read_disallowed_tools(&mut reader, field);
    }
    if let Some(field) = fields.get("skills") {
        file.skills = split_entries_of(&mut reader, field, "skills");
    }
    file.model = fields
        .get("model")
        .and_then(|field| read_model(&mut reader, field));
    file.color_written = fields
        .get("color")
        .and_then(|field| setting::read_color(&mut reader, field));
    for (key, field) in fields.iter() {
        if dialect.ignores(key) {
            continue;
        }
        match key {
            "permissionMode" => {
                file.permission_mode = setting::read_permission_mode(&mut reader, field)
            }
            "effort" => file.effort = setting::read_effort(&mut reader, field),
            "maxTurns" => file.max_turns = setting::read_max_turns(&mut reader, field),
            "autoCompactWindow" => {
                file.auto_compact_window = setting::read_auto_compact_window(&mut reader, field)
            }
            "memory" => file.memory = setting::read_memory(&mut reader, field),
            "isolation" => file.isolation = setting::read_isolation(&mut reader, field),
            "background" => file.background = setting::read_background(&mut reader, field),
            "initialPrompt" => {
                file.initial_prompt = setting::read_initial_prompt(&mut reader, field)
            }
            "mcpServers" => file.mcp_servers = setting::read_mcp_servers(&mut reader, field),
            "omitClaudeMd" => {
                file.omit_claude_md = setting::read_omit_claude_md(&mut reader, field)
            }
            "observer" => file.observer = setting::read_observer(&mut reader, field),
            "observerMessage" => {
                file.observer_message = setting::read_observer_message(&mut reader, field)
            }
            "observeSubagents" => {
                file.observe_subagents = setting::read_observe_subagents(&mut reader, field)
            }
            "observeToolResults" => {
                file.observe_tool_results = setting::read_observe_tool_results(&mut reader, field)
            }
            "experimental" => file.cache_ttl = setting::read_experimental(&mut reader, field),
            _ => {}
        }
    }
    if let (Some(scope), Some(memory)) = (file.memory.as_deref(), fields.get("memory")) {
        file.memory_tools = widen_tools_for_memory(
            &mut reader,
            (scope, memory),
            &file.tools,
            file.tools_field.as_ref(),
        );
    }
    report_deep_values(&mut reader, &fields);
    file.extra.retain(|(_, node)| fits(node));
    // An item is one level below its list.
    file.mcp_servers
        .retain(|node| nesting(node) < MAX_VALUE_NESTING);
    if let Dialect::Plugin { .. } = dialect {
        plugin_agent::warn_ignored_keys(&mut reader, &fields);
    }
    file.status = match dialect {
        // Claude Code loads every plugin agent it reads.
        Dialect::Plugin { .. } => Status::Accepted,
        _ => match claude_status(fields.get("name"), file.description.is_some()) {
            Status::Accepted if hooks.unloadable => Status::Rejected,
            status => status,
        },
    };
}

/// The keys Claude Code does not read: reported when they look like a known key (Claude Code
/// 2.1.332 ignores them, with a did-you-mean in a debug log users do not see) or like a
/// misplaced setting; kept as extra values. Returns the agent names of `dependencies` /
/// `collaborators` and the extra values, in file order.
fn read_other_keys(
    reader: &mut Reader,
    fields: &Fields,
) -> (Vec<Spanned<String>>, Vec<(String, Node)>) {
    let mut collaborators = Vec::new();
    let mut extra = Vec::new();
    let plugin = matches!(reader.dialect, Dialect::Plugin { .. });
    for (key, field) in fields.iter() {
        if KNOWN_KEYS.contains(&key) || plugin && plugin_agent::DESCRIPTION_KEYS.contains(&key) {
            continue;
        }
        if key == "cacheTtl" {
            reader.push(
                Diagnostic::new(
                    Code::IgnoredValue,
                    reader.path(),
                    "`cacheTtl` belongs under `experimental:`",
                )
                .at(field.key_span.clone())
                .label("Claude Code ignores this key")
                .note("Claude Code reads the cache TTL only as `experimental: {cacheTtl: 5m | 1h}`")
                .help("write `experimental:` and, indented under it, `cacheTtl: 1h`"),
            );
        } else if hooks::HOOK_EVENTS.contains(&key) {
            if !plugin && is_misplaced_hook(key, field) {
                let diagnostic = misplaced_hook(reader, key, field);
                reader.push(diagnostic);
            }
        } else if let Some(known) = key_hint(key) {
            let what = match known {
                "tools" => "the agent would inherit every tool",
                "model" => "the agent would run on the model of the conversation that starts it",
                "name" | "description" => "the file would not load",
                _ => "the setting has no effect",
            };
            reader.push(
                Diagnostic::new(
                    Code::MisspelledKey,
                    reader.path(),
                    format!("unknown key `{key}`; Claude Code reads `{known}`"),
                )
                .at(field.key_span.clone())
                .label("Claude Code ignores this key")
                .note(format!("keys are case-sensitive; {what}"))
                .help(format!("rename the key to `{known}`")),
            );
        }
        if COLLABORATOR_KEYS.contains(&key) {
            collaborators.extend(split_entries_of(reader, field, key));
        }
        extra.push((key.to_owned(), field.node.clone()));
    }
    (collaborators, extra)
}

/// Whether a hook event written as a top-level key is one Claude Code ignores (not a guard event
/// with a value, which makes it refuse the agent: `invalid-hooks`).
fn is_misplaced_hook(key: &str, field: &Field) -> bool {
    !hooks::GUARD_EVENTS.contains(&key)
        || matches!(&field.node.value, Value::Null)
        || matches!(&field.node.value, Value::Seq(items) if items.is_empty())
}

/// What Claude Code does with a project's agent file, from its `name` and whether it has a
/// description.
fn claude_status(name: Option<&Field>, has_description: bool) -> Status {
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
    if has_description {
        Status::Accepted
    } else {
        Status::Rejected
    }
}
