//! How the GitHub Copilot CLI reads agent files, as data: its tool aliases, the frontmatter keys
//! it knows and what it requires of each.
//!
//! Source: GitHub's reference `content/copilot/reference/custom-agents-configuration.md`
//! (github/docs, "YAML frontmatter properties" and "Tool aliases") and the CLI's own answers to
//! `agents.discover` (`../shared/runtimes/copilot/agents.mjs`, Copilot CLI 1.0.102), which is
//! where each "probe:" entry was confirmed. This table goes stale as Copilot ships: the runtime
//! and its version are part of every message that uses it.

/// The runtime and version this table describes.
pub const RUNTIME: &str = "GitHub Copilot CLI 1.0.102";

/// Where the tool aliases come from.
pub const ALIAS_SOURCE: &str =
    "github/docs content/copilot/reference/custom-agents-configuration.md, \"Tool aliases\"";

/// One tool name Copilot maps (case-insensitively) to one of its own tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ToolAlias {
    /// The name as an agent file writes it (Claude Code's, or Copilot's own).
    pub name: &'static str,
    /// Copilot's tool (its primary alias).
    pub copilot: &'static str,
    /// Where the entry comes from.
    pub source: &'static str,
}

const DOC: &str = ALIAS_SOURCE;

/// Copilot's primary tool names and every alias it accepts for them (compared ignoring case).
pub const TOOL_ALIASES: &[ToolAlias] = &[
    ToolAlias {
        name: "execute",
        copilot: "execute",
        source: DOC,
    },
    ToolAlias {
        name: "shell",
        copilot: "execute",
        source: DOC,
    },
    ToolAlias {
        name: "Bash",
        copilot: "execute",
        source: DOC,
    },
    ToolAlias {
        name: "powershell",
        copilot: "execute",
        source: DOC,
    },
    ToolAlias {
        name: "read",
        copilot: "read",
        source: DOC,
    },
    ToolAlias {
        name: "NotebookRead",
        copilot: "read",
        source: DOC,
    },
    ToolAlias {
        name: "edit",
        copilot: "edit",
        source: DOC,
    },
    ToolAlias {
        name: "MultiEdit",
        copilot: "edit",
        source: DOC,
    },
    ToolAlias {
        name: "Write",
        copilot: "edit",
        source: DOC,
    },
    ToolAlias {
        name: "NotebookEdit",
        copilot: "edit",
        source: DOC,
    },
    ToolAlias {
        name: "search",
        copilot: "search",
        source: DOC,
    },
    ToolAlias {
        name: "Grep",
        copilot: "search",
        source: DOC,
    },
    ToolAlias {
        name: "Glob",
        copilot: "search",
        source: DOC,
    },
    ToolAlias {
        name: "agent",
        copilot: "agent",
        source: DOC,
    },
    ToolAlias {
        name: "custom-agent",
        copilot: "agent",
        source: DOC,
    },
    ToolAlias {
        name: "Task",
        copilot: "agent",
        source: DOC,
    },
    ToolAlias {
        name: "web",
        copilot: "web",
        source: DOC,
    },
    ToolAlias {
        name: "WebSearch",
        copilot: "web",
        source: DOC,
    },
    ToolAlias {
        name: "WebFetch",
        copilot: "web",
        source: DOC,
    },
    ToolAlias {
        name: "todo",
        copilot: "todo",
        source: DOC,
    },
    ToolAlias {
        name: "TodoWrite",
        copilot: "todo",
        source: DOC,
    },
];

/// The tool Copilot maps `name` to (aliases compare ignoring ASCII case: `Read`, `read` and
/// `READ` are all `read`; Claude Code's `Agent` is Copilot's `agent`), or `None` for a name it
/// ignores without a word.
pub fn tool_alias(name: &str) -> Option<&'static ToolAlias> {
    TOOL_ALIASES
        .iter()
        .find(|alias| alias.name.eq_ignore_ascii_case(name))
}

/// Every tool: `*` in `tools` (also Copilot's reading of an absent `tools`).
pub const ALL_TOOLS: &str = "*";

/// What Copilot requires of a frontmatter key's value; a file whose value breaks it is missing
/// from Copilot's agents without a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRule {
    /// Any string (an empty `name` falls back to the file name).
    String,
    /// A string, required.
    RequiredString,
    /// A comma-separated string or a list of strings.
    StringOrStringList,
    /// A string or a non-empty list of strings.
    ModelList,
    /// `true` or `false`.
    Bool,
    /// A mapping.
    Mapping,
    /// Read without a check that agentgen has seen fail.
    Any,
}

/// One frontmatter key Copilot reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopilotKey {
    /// The key.
    pub key: &'static str,
    /// What its value must be.
    pub rule: KeyRule,
    /// Where the entry comes from.
    pub source: &'static str,
}

const KEYS_DOC: &str = "github/docs content/copilot/reference/custom-agents-configuration.md, \"YAML frontmatter properties\"";

/// The keys Copilot reads; any other key is ignored. Each rule was checked with the probe:
/// `name: 123`, `description: 42`, `description:` (null), `tools: 5`, `tools: [Read, 5]`,
/// `model: 5`, `model: []`, `user-invocable: "no"`, `infer: "x"`, `mcp-servers: 5` each make
/// the file missing; `metadata: 5` and `target: vscode` do not.
pub const KNOWN_KEYS: &[CopilotKey] = &[
    CopilotKey {
        key: "name",
        rule: KeyRule::String,
        source: KEYS_DOC,
    },
    CopilotKey {
        key: "description",
        rule: KeyRule::RequiredString,
        source: KEYS_DOC,
    },
    CopilotKey {
        key: "target",
        rule: KeyRule::Any,
        source: KEYS_DOC,
    },
    CopilotKey {
        key: "tools",
        rule: KeyRule::StringOrStringList,
        source: KEYS_DOC,
    },
    CopilotKey {
        key: "model",
        rule: KeyRule::ModelList,
        source: "probe: `model: [a, b]` lists both",
    },
    CopilotKey {
        key: "model-policy",
        rule: KeyRule::Any,
        source: "package schemas/api.schema.json",
    },
    CopilotKey {
        key: "disable-model-invocation",
        rule: KeyRule::Bool,
        source: KEYS_DOC,
    },
    CopilotKey {
        key: "user-invocable",
        rule: KeyRule::Bool,
        source: KEYS_DOC,
    },
    CopilotKey {
        key: "infer",
        rule: KeyRule::Bool,
        source: KEYS_DOC,
    },
    CopilotKey {
        key: "mcp-servers",
        rule: KeyRule::Mapping,
        source: KEYS_DOC,
    },
    CopilotKey {
        key: "metadata",
        rule: KeyRule::Any,
        source: KEYS_DOC,
    },
];

/// The rule of `key`, when Copilot reads it.
pub fn known_key(key: &str) -> Option<&'static CopilotKey> {
    KNOWN_KEYS.iter().find(|k| k.key == key)
}

/// Claude Code's model aliases: Copilot passes them on as written, and none is a model id of
/// Copilot's (it names models `claude-sonnet-4.5`, `gpt-5`, …).
pub const CLAUDE_MODEL_ALIASES: &[&str] = &["sonnet", "opus", "haiku", "inherit", "opusplan"];

/// Where Copilot finds agents in a project: `.github/agents/**/*.agent.md` and `*.md`, and
/// `.claude/agents/**/*.md` (sub-folders too; `.MD` is not read; symbolic links are not
/// followed). Source: probe.
pub const CLAUDE_AGENTS_DIR: &str = ".claude/agents";

/// Where the Copilot export writes: `.github/agents/<name>.agent.md`.
pub const EXPORT_DIR: &str = ".github/agents";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_ignore_case_and_unknown_names_map_to_nothing() {
        assert_eq!(tool_alias("bash").map(|a| a.copilot), Some("execute"));
        assert_eq!(tool_alias("Agent").map(|a| a.copilot), Some("agent"));
        assert_eq!(tool_alias("Write").map(|a| a.copilot), Some("edit"));
        assert_eq!(tool_alias("LS"), None);
        assert_eq!(tool_alias("Agent(x)"), None);
        assert_eq!(tool_alias("mcp__github__x"), None);
    }
}
