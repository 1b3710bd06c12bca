//! Claude Code's agent-definition JSON, from the compiled catalog (feature `serde`).
//!
//! Shape: the object that `claude --agents '<json>'` and the Claude Agent SDK's `agents` option
//! take, keyed by agent name:
//!
//! ```json
//! {"code-reviewer": {"description": "…", "prompt": "…", "tools": ["Read", "Grep"], "model": "sonnet"}}
//! ```
//!
//! Source: Claude Code subagent docs, "CLI-defined subagents": the same field names as the
//! frontmatter, plus `prompt` for the Markdown body. Fields the file leaves out are left out
//! (absent `tools` = inherit all). Keys are qualified names (`pack:name` with packs), the names
//! `Agent(…)` entries use too. Tool entries are written canonically: `Read`, `Bash(git diff:*)`,
//! `mcp__server__tool`, `mcp__server` (all tools of a server), `Agent(a, b)`.
//!
//! `agentgen export DIR --format claude-agents-json` writes the same JSON from the files.

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::{AgentRef, AgentSpec, CacheTtl, Effort, NoSkill, Tool, Tools, Value};

/// A catalog (or part of one) serialized as Claude Code's `agents` JSON object:
/// `{qualified name: definition}`, in the order of the slice (the generated `ALL` is sorted).
///
/// ```
/// mod agents {
///     agentgen::include_agents!("agents");
/// }
///
/// let json = serde_json::to_string(&agentgen::ClaudeAgents(&agents::ALL))?;
/// assert!(json.starts_with(
///     r#"{"code-reviewer":{"description":"Reviews a change for correctness and style","prompt":"#
/// ));
/// assert!(json.contains(r#""tools":["Read","Grep","Glob","Agent(test-runner)"],"model":"sonnet","color":"blue"}"#));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ClaudeAgents<'a, A: 'static, S: 'static = NoSkill, M: 'static = ()>(
    pub &'a [&'a AgentSpec<A, S, M>],
);

impl<A, K, M> Serialize for ClaudeAgents<'_, A, K, M>
where
    A: Copy + std::fmt::Display + 'static,
    K: Copy + std::fmt::Display + 'static,
    M: 'static,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for spec in self.0 {
            map.serialize_entry(spec.qualified_name, &spec.claude_definition())?;
        }
        map.end()
    }
}

/// One agent as a Claude Code agent definition (the value under its name in [`ClaudeAgents`]).
#[derive(Debug, Clone, Copy)]
pub struct ClaudeAgentDefinition<'a, A: 'static, S: 'static = NoSkill, M: 'static = ()>(
    &'a AgentSpec<A, S, M>,
);

impl<A: Copy + 'static, S: 'static, M: 'static> AgentSpec<A, S, M> {
    /// This agent as a Claude Code agent definition: `{description, prompt, tools?, …}`.
    pub fn claude_definition(&self) -> ClaudeAgentDefinition<'_, A, S, M> {
        ClaudeAgentDefinition(self)
    }
}

struct ToolList<A: 'static>(&'static [Tool<A>]);

impl<A: Copy + std::fmt::Display + 'static> Serialize for ToolList<A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for tool in self.0 {
            seq.serialize_element(&tool.to_string())?;
        }
        seq.end()
    }
}

impl<A, K, M> Serialize for ClaudeAgentDefinition<'_, A, K, M>
where
    A: Copy + std::fmt::Display + 'static,
    K: Copy + std::fmt::Display + 'static,
    M: 'static,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let spec = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("description", spec.description)?;
        map.serialize_entry("prompt", spec.prompt)?;
        if let Tools::List(list) = spec.tools {
            map.serialize_entry("tools", &ToolList(list))?;
        }
        if !spec.disallowed_tools.is_empty() {
            map.serialize_entry("disallowedTools", &ToolList(spec.disallowed_tools))?;
        }
        if let Some(model) = spec.model {
            map.serialize_entry("model", model.as_str())?;
        }
        if let Some(color) = spec.color {
            map.serialize_entry("color", color.as_str())?;
        }
        if let Some(mode) = spec.permission_mode {
            map.serialize_entry("permissionMode", mode.as_str())?;
        }
        if !spec.skills.is_empty() {
            let names: Vec<String> = spec.skills.iter().map(ToString::to_string).collect();
            map.serialize_entry("skills", &names)?;
        }
        if let Some(turns) = spec.max_turns {
            map.serialize_entry("maxTurns", &turns)?;
        }
        if let Some(effort) = spec.effort {
            map.serialize_entry("effort", &effort)?;
        }
        if let Some(memory) = spec.memory {
            map.serialize_entry("memory", memory.as_str())?;
        }
        if let Some(background) = spec.background {
            map.serialize_entry("background", &background)?;
        }
        if let Some(isolation) = spec.isolation {
            map.serialize_entry("isolation", isolation.as_str())?;
        }
        if let Some(initial_prompt) = spec.initial_prompt {
            map.serialize_entry("initialPrompt", initial_prompt)?;
        }
        if !spec.mcp_servers.is_empty() {
            map.serialize_entry("mcpServers", spec.mcp_servers)?;
        }
        if let Some(hooks) = &spec.hooks {
            map.serialize_entry("hooks", hooks)?;
        }
        if let Some(window) = spec.auto_compact_window {
            map.serialize_entry("autoCompactWindow", &window)?;
        }
        if spec.omit_claude_md {
            map.serialize_entry("omitClaudeMd", &true)?;
        }
        if !spec.observers.is_empty() {
            map.serialize_entry("observer", &observer_list(spec.observers))?;
        }
        if let Some(message) = spec.observer_message {
            map.serialize_entry("observerMessage", message)?;
        }
        if !spec.observe_subagents {
            map.serialize_entry("observeSubagents", &false)?;
        }
        if !spec.observe_tool_results {
            map.serialize_entry("observeToolResults", &false)?;
        }
        if let Some(ttl) = spec.cache_ttl {
            map.serialize_entry("experimental", &CacheTtlOnly(ttl))?;
        }
        map.end()
    }
}

/// The observers as `observer` is written: names joined by `, ` (catalog agents by qualified
/// name).
fn observer_list<A: Copy + std::fmt::Display>(observers: &[AgentRef<A>]) -> String {
    let names: Vec<String> = observers.iter().map(ToString::to_string).collect();
    names.join(", ")
}

/// `{"cacheTtl": "1h"}`: the `experimental` object.
struct CacheTtlOnly(CacheTtl);

impl Serialize for CacheTtlOnly {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("cacheTtl", self.0.as_str())?;
        map.end()
    }
}

/// A level as its frontmatter string (`"high"`), an integer as a number.
impl Serialize for Effort {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self.level(), self) {
            (Some(level), _) => serializer.serialize_str(level),
            (None, Effort::Integer(n)) => serializer.serialize_i64(*n),
            (None, _) => serializer.serialize_none(),
        }
    }
}

/// The value as JSON: maps keep file order; non-finite floats become `null` (JSON has none).
impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(b),
            Value::Int(i) => serializer.serialize_i64(i),
            Value::Float(f) if f.is_finite() => serializer.serialize_f64(f),
            Value::Float(_) => serializer.serialize_unit(),
            Value::Str(s) => serializer.serialize_str(s),
            Value::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}
