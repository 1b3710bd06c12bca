//! Reading one agent file of a plugin as Claude Code 2.1.332 reads plugin agents, which is not
//! how it reads `.claude/agents` files.
//!
//! Source: Claude Code 2.1.332's plugin agent loader, confirmed on the offline CLI with
//! `--plugin-dir` (docs/guide/claude-projects-skills-plugins.md). A plugin agent is never refused for its
//! `name` or `description`:
//!
//! - the name is `String(name)` (not trimmed; a `:` or a leading `-` is kept), or the file's name
//!   without `.md` when `name` is absent, empty or longer than 256 UTF-16 units;
//! - the description is `description`, else `when_to_use`, else `when-to-use` (each trimmed; a
//!   number or boolean as text; a literal `\n` stays as written), else `Agent from <plugin>
//!   plugin`;
//! - a file without frontmatter, or whose frontmatter does not parse, is an agent all the same,
//!   named after its file, its whole text the prompt;
//! - `permissionMode`, `hooks`, `mcpServers`, `initialPrompt`, `observer`, `observerMessage` and
//!   `observeSubagents` are ignored (a warning line in Claude Code's debug log);
//! - `color` is kept as written; `isolation` only as `worktree`.
//!
//! The other fields are read as for `.claude/agents` files.

use std::collections::HashMap;

use super::number::js_string;
use super::{AgentFile, Spanned, Status, read_document, read_fields};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::source::js_trim;
use crate::yaml::{Node, Value};

/// The fields Claude Code ignores in a plugin agent's frontmatter.
pub const IGNORED_IN_PLUGIN_AGENTS: &[&str] = &[
    "permissionMode",
    "hooks",
    "mcpServers",
    "initialPrompt",
    "observer",
    "observerMessage",
    "observeSubagents",
];

/// The description Claude Code gives a plugin agent that has none.
pub fn default_plugin_agent_description(plugin: &str) -> String {
    format!("Agent from {plugin} plugin")
}

/// The name Claude Code gives a plugin agent without a usable `name`: its file's name without a
/// final `.md` (exactly so: `A.MD` stays `A.MD`).
pub fn plugin_agent_file_stem(file_name: &str) -> &str {
    file_name.strip_suffix(".md").unwrap_or(file_name)
}

/// Reads the bytes of an agent file of plugin `plugin` as Claude Code reads plugin agents.
/// `file_name` is the file's own name (`reviewer.md`).
pub fn read_plugin_agent(
    display_path: &str,
    bytes: &[u8],
    plugin: &str,
    file_name: &str,
) -> AgentFile {
    let (mut file, frontmatter) = read_document(display_path, bytes);
    if file.status == Status::NotLoaded {
        return file;
    }
    // Last occurrence wins, as in a JavaScript object.
    let mut raw: HashMap<String, Node> = HashMap::new();
    let mut yaml_offset = 0;
    if let Some((entries, offset)) = frontmatter {
        yaml_offset = offset;
        for (key, value) in &entries {
            raw.insert(key.key_text(), value.clone());
        }
        read_fields(&mut file, entries, offset);
    }
    as_plugin_agent(&mut file, &raw, yaml_offset, plugin, file_name);
    file
}

fn as_plugin_agent(
    file: &mut AgentFile,
    raw: &HashMap<String, Node>,
    yaml_offset: usize,
    plugin: &str,
    file_name: &str,
) {
    let path = file.source.display_path.clone();
    let ignored: Vec<&str> = IGNORED_IN_PLUGIN_AGENTS
        .iter()
        .copied()
        .filter(|key| raw.contains_key(*key))
        .collect();
    let mentions = |d: &Diagnostic, key: &str| d.message.contains(&format!("`{key}`"));
    file.diagnostics.retain(|d| match d.code {
        // Claude Code names and describes every plugin agent (below), and ignores its hooks.
        Code::MissingName
        | Code::InvalidName
        | Code::MissingDescription
        | Code::InvalidHooks
        | Code::MisplacedHook
        | Code::InvalidPermissionMode => false,
        Code::MisspelledKey => !mentions(d, "when_to_use") && !mentions(d, "when-to-use"),
        Code::InvalidField | Code::IgnoredValue | Code::CoercedValue => {
            !IGNORED_IN_PLUGIN_AGENTS.iter().any(|key| mentions(d, key))
        }
        _ => true,
    });
    for d in &mut file.diagnostics {
        match d.code {
            Code::InvalidColor => {
                d.code = Code::IgnoredValue;
                d.severity = Severity::Warning;
                d.notes = vec![
                    "Claude Code keeps this value for a plugin agent, but its interface draws only its eight colours".to_owned(),
                ];
            }
            Code::NoFrontmatter | Code::InvalidFrontmatter => {
                d.notes = vec![format!(
                    "Claude Code loads the file all the same, as the agent `{plugin}:{}` described as `{}`, its whole text the prompt",
                    plugin_agent_file_stem(file_name),
                    default_plugin_agent_description(plugin)
                )];
            }
            _ => {}
        }
    }
    file.extra
        .retain(|(key, _)| key != "when_to_use" && key != "when-to-use");

    // The name.
    let stem = plugin_agent_file_stem(file_name);
    let name_node = raw.get("name").filter(|n| !matches!(n.value, Value::Null));
    let written = name_node.map(js_string);
    let name = match (&written, name_node) {
        (Some(name), Some(node)) if !name.is_empty() && name.encode_utf16().count() <= 256 => {
            Spanned {
                value: name.clone(),
                span: file.span_of_yaml(yaml_offset, node.span.clone()),
            }
        }
        (Some(name), Some(node)) if !name.is_empty() => {
            file.diag(
                Diagnostic::new(
                    Code::InvalidName,
                    &path,
                    format!(
                        "agent name is {} characters long (UTF-16 units), over Claude Code's limit of 256",
                        name.encode_utf16().count()
                    ),
                )
                .at(file.span_of_yaml(yaml_offset, node.span.clone()))
                .note(format!(
                    "Claude Code ignores it and names the plugin agent after its file, `{plugin}:{stem}`"
                ))
                .help("shorten the name, or remove it to use the file's name"),
            );
            Spanned {
                value: stem.to_owned(),
                span: None,
            }
        }
        _ => Spanned {
            value: stem.to_owned(),
            span: None,
        },
    };
    file.name = Some(name);

    // The description: `description`, `when_to_use`, `when-to-use`, or Claude Code's default.
    let mut description = None;
    for key in ["description", "when_to_use", "when-to-use"] {
        let Some(node) = raw.get(key) else { continue };
        let text = match &node.value {
            Value::Str(s) => Some(js_trim(s).to_owned()).filter(|t| !t.is_empty()),
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => Some(js_string(node)),
            Value::Null => None,
            _ => {
                file.diag(
                    Diagnostic::new(
                        Code::InvalidField,
                        &path,
                        format!("invalid `{key}`: {}, not a text", node.type_name()),
                    )
                    .at(file.span_of_yaml(yaml_offset, node.span.clone()))
                    .note("Claude Code ignores this value")
                    .help("write the description as text"),
                );
                None
            }
        };
        if let Some(text) = text {
            description = Some(Spanned {
                value: text,
                span: file.span_of_yaml(yaml_offset, node.span.clone()),
            });
            break;
        }
    }
    if description.is_none()
        && file.yaml != super::YamlStatus::NoFrontmatter
        && file.yaml != super::YamlStatus::Failed
    {
        let at = file.name.as_ref().and_then(|n| n.span.clone());
        file.diag(
            Diagnostic::new(
                Code::MissingDescription,
                &path,
                "plugin agent has no `description`",
            )
            .at(at)
            .note(format!(
                "Claude Code describes it as `{}`, so Claude cannot tell when to use it",
                default_plugin_agent_description(plugin)
            ))
            .help("add `description: …` saying when Claude should use this agent"),
        );
    }
    file.description = Some(description.unwrap_or(Spanned {
        value: default_plugin_agent_description(plugin),
        span: None,
    }));

    // Fields Claude Code ignores for plugin agents.
    for key in &ignored {
        let key_span = file
            .keys
            .iter()
            .find(|k| k.value == *key)
            .and_then(|k| k.span.clone());
        file.diag(
            Diagnostic::new(
                Code::IgnoredInPlugin,
                &path,
                format!("Claude Code ignores `{key}` in a plugin agent"),
            )
            .at(key_span)
            .label("ignored for plugin agents")
            .note(format!(
                "Claude Code's debug log says: \"sets {key}, which is ignored for plugin agents\"; the agent runs without it"
            ))
            .help("remove it, or define the agent in a project's `.claude/agents/` to use it"),
        );
    }
    file.permission_mode = None;
    file.hooks = None;
    file.mcp_servers.clear();
    file.initial_prompt = None;
    file.observer = None;
    file.observer_message = None;
    file.observe_subagents = None;
    if file.isolation.as_deref() == Some("remote") {
        let span = file
            .keys
            .iter()
            .find(|k| k.value == "isolation")
            .and_then(|k| k.span.clone());
        file.diag(
            Diagnostic::new(
                Code::InvalidField,
                &path,
                "invalid `isolation`: `remote` in a plugin agent",
            )
            .at(span)
            .note("Claude Code reads only `isolation: worktree` for plugin agents and drops this value silently")
            .help("remove it, or define the agent in a project's `.claude/agents/`"),
        );
        file.isolation = None;
    }
    file.status = Status::Accepted;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(file: &AgentFile) -> Vec<Code> {
        file.diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn names_and_descriptions_as_claude_code_gives_them() {
        let file = read_plugin_agent(
            "p/agents/a.md",
            b"---\nname: \" spaced \"\ndescription: \"  padded\\\\n \"\n---\nx",
            "p",
            "a.md",
        );
        assert_eq!(file.status, Status::Accepted);
        assert_eq!(
            file.name.as_ref().map(|n| n.value.as_str()),
            Some(" spaced ")
        );
        assert_eq!(
            file.description.as_ref().map(|n| n.value.as_str()),
            Some("padded\\n")
        );
        let file = read_plugin_agent(
            "p/agents/x.md",
            b"---\nname: 123\nwhen_to_use: when\n---\nx",
            "p",
            "x.md",
        );
        assert_eq!(file.name.as_ref().map(|n| n.value.as_str()), Some("123"));
        assert_eq!(
            file.description.as_ref().map(|n| n.value.as_str()),
            Some("when")
        );
        assert!(file.diagnostics.is_empty(), "{:?}", file.diagnostics);
        let file = read_plugin_agent("p/agents/README.md", b"# Readme\n", "p", "README.md");
        assert_eq!(file.status, Status::Accepted);
        assert_eq!(file.name.as_ref().map(|n| n.value.as_str()), Some("README"));
        assert_eq!(
            file.description.as_ref().map(|n| n.value.as_str()),
            Some("Agent from p plugin")
        );
        assert_eq!(codes(&file), [Code::NoFrontmatter]);
    }

    #[test]
    fn ignored_fields_warn_and_are_dropped() {
        let file = read_plugin_agent(
            "p/agents/a.md",
            b"---\nname: a:b\ndescription: d\npermissionMode: yolo\nhooks: {PreToolUse: x}\nmcpServers: [github]\ncolor: magenta\nisolation: remote\n---\nx",
            "p",
            "a.md",
        );
        let codes = codes(&file);
        assert_eq!(
            codes
                .iter()
                .filter(|c| **c == Code::IgnoredInPlugin)
                .count(),
            3,
            "{:?}",
            file.diagnostics
        );
        assert!(codes.contains(&Code::IgnoredValue), "{codes:?}");
        assert!(codes.contains(&Code::InvalidField), "{codes:?}");
        assert!(!codes.contains(&Code::InvalidName), "{codes:?}");
        assert!(
            file.hooks.is_none() && file.mcp_servers.is_empty() && file.permission_mode.is_none()
        );
        assert_eq!(file.status, Status::Accepted);
    }
}
