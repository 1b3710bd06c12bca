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
//! The other fields are read as for `.claude/agents` files, by the same reader in its plugin
//! dialect.

use super::fields::Fields;
use super::name::{read_given_name, read_text_description, report_placeholder_description};
use super::{AgentFile, Dialect, Reader, Spanned, YamlStatus, agent};
use crate::diagnostic::{Code, Diagnostic};

/// The fields Claude Code ignores in a plugin agent's frontmatter.
pub(crate) const IGNORED_IN_PLUGIN_AGENTS: &[&str] = &[
    "permissionMode",
    "hooks",
    "mcpServers",
    "initialPrompt",
    "observer",
    "observerMessage",
    "observeSubagents",
];

/// The keys a plugin agent's description is read from, in the order Claude Code tries them.
pub(super) const DESCRIPTION_KEYS: &[&str] = &["description", "when_to_use", "when-to-use"];

/// The description Claude Code gives a plugin agent that has none.
pub(crate) fn default_plugin_agent_description(plugin: &str) -> String {
    format!("Agent from {plugin} plugin")
}

/// The name Claude Code gives a plugin agent without a usable `name`: its file's name without a
/// final `.md` (exactly so: `A.MD` stays `A.MD`).
pub(crate) fn plugin_agent_file_stem(file_name: &str) -> &str {
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
    agent::read_agent_file(
        display_path,
        std::borrow::Cow::Borrowed(bytes),
        Dialect::Plugin { plugin, file_name },
    )
}

/// The plugin agent's name: `name` as Claude Code keeps it, else its file's name.
pub(super) fn read_name(reader: &mut Reader, fields: &Fields, file_name: &str) -> Spanned<String> {
    let stem = plugin_agent_file_stem(file_name);
    read_given_name(reader, fields.get("name"), stem).unwrap_or_else(|| Spanned {
        value: stem.to_owned(),
        span: None,
    })
}

/// The plugin agent's description: the first of [`DESCRIPTION_KEYS`] that gives one, else Claude
/// Code's default (reported when the frontmatter could have said it). `name` is the agent's.
pub(super) fn read_description(
    reader: &mut Reader,
    fields: &Fields,
    plugin: &str,
    name: &Spanned<String>,
    yaml: YamlStatus,
) -> Spanned<String> {
    if let Some(field) = fields.get("description") {
        report_placeholder_description(reader, field);
    }
    let given = DESCRIPTION_KEYS.iter().find_map(|key| {
        let field = fields.get(key)?;
        read_text_description(reader, key, field)
    });
    if let Some(description) = given {
        return description;
    }
    if yaml != YamlStatus::NoFrontmatter && yaml != YamlStatus::Failed {
        reader.push(
            Diagnostic::new(
                Code::MissingDescription,
                reader.path(),
                "plugin agent has no `description`",
            )
            .at(name.span.clone())
            .note(format!(
                "Claude Code describes it as `{}`, so Claude cannot tell when to use it",
                default_plugin_agent_description(plugin)
            ))
            .help("add `description: …` saying when Claude should use this agent"),
        );
    }
    Spanned {
        value: default_plugin_agent_description(plugin),
        span: None,
    }
}

/// `ignored-in-plugin` for each of [`IGNORED_IN_PLUGIN_AGENTS`] the frontmatter gives.
pub(super) fn warn_ignored_keys(reader: &mut Reader, fields: &Fields) {
    for key in IGNORED_IN_PLUGIN_AGENTS {
        let Some(field) = fields.get(key) else {
            continue;
        };
        reader.push(
            Diagnostic::new(
                Code::IgnoredInPlugin,
                reader.path(),
                format!("Claude Code ignores `{key}` in a plugin agent"),
            )
            .at(field.key_span.clone())
            .label("ignored for plugin agents")
            .note(format!(
                "Claude Code's debug log says: \"sets {key}, which is ignored for plugin agents\"; the agent runs without it"
            ))
            .help("remove it, or define the agent in a project's `.claude/agents/` to use it"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Status;

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

    #[test]
    fn settings_are_reported_in_the_plugin_dialect_whatever_their_values_say() {
        let file = read_plugin_agent(
            "p/agents/a.md",
            b"---\nname: a\ndescription: d\nmemory: hooks\ncolor: Blue\n---\nx",
            "p",
            "a.md",
        );
        let invalid_memory = file
            .diagnostics
            .iter()
            .find(|d| d.code == Code::InvalidField)
            .map(|d| d.message.as_str());
        assert_eq!(invalid_memory, Some("invalid `memory`: `hooks`"));
        let colour = file
            .diagnostics
            .iter()
            .find(|d| d.message == "unknown colour `Blue`")
            .expect("the colour is reported");
        assert_eq!(colour.code, Code::IgnoredValue);
        assert_eq!(
            colour.help.as_deref(),
            Some("did you mean `blue`? (colours are lower case)")
        );
        assert_eq!(file.color_written.map(|c| c.value).as_deref(), Some("Blue"));
    }
}
