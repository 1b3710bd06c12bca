//! The catalog as agent definitions of [cc-sdk](https://docs.rs/cc-sdk/0.8), the Claude Agent
//! SDK for Rust (feature `cc-sdk`): `ClaudeCodeOptions { agents: Some(agent_definitions(…)), … }`
//! starts Claude Code with the agents, which cc-sdk hands to the CLI as `--agents <json>`.
//!
//! ```no_run
//! mod agents {
//!     agentgen::include_agents!("agents");
//! }
//!
//! // The reviewer and every agent it hands work to (here: the test runner).
//! let team = agents::Agent::CodeReviewer.team();
//! let options = cc_sdk::ClaudeCodeOptions {
//!     agents: Some(agentgen::cc_sdk::agent_definitions(team)),
//!     ..Default::default()
//! };
//! ```
//!
//! Every field cc-sdk's [`AgentDefinition`] carries is filled as `agentgen export` (and
//! [`ClaudeAgents`](crate::ClaudeAgents)) writes it: `description`; `prompt`; `tools` (`None`
//! when the agent inherits every tool; entries in Claude Code's canonical text, `Read`,
//! `Bash(git diff:*)`, `mcp__server__tool`, `Agent(a, b)` with qualified names);
//! `disallowedTools`; `model` (the alias as Claude Code spells it, or the model id); `skills` (by
//! the names Claude Code resolves: a catalog skill's qualified name, or the name as written);
//! `memory`; `mcpServers` (as JSON values); `initialPrompt`; `maxTurns`; `background`; `effort`;
//! `permissionMode`. Absent fields are `None`.
//!
//! cc-sdk 0.8 cannot carry these, so an agent that sets them loses them through the SDK:
//!
//! - fields its `AgentDefinition` lacks: `color`, `isolation`, `hooks`, `autoCompactWindow`,
//!   `omitClaudeMd`, `observer`, `observerMessage`, `observeSubagents`, `observeToolResults`,
//!   `experimental.cacheTtl`;
//! - values its types lack: `effort: xhigh` and integer efforts (its `Effort` is `low`,
//!   `medium`, `high`, `max`), `permissionMode: auto` (its `PermissionMode` has no `auto`), and
//!   `maxTurns` above `i32::MAX` (its field is an `i32`).
//!
//! [`AgentSpec::lost_through_cc_sdk`] lists what one agent loses, and
//! [`agent_definitions_lossless`] refuses a catalog in which any agent loses anything. Such an
//! agent means what its file says when handed to Claude Code as
//! [`ClaudeAgents`](crate::ClaudeAgents) JSON (feature `serde`): `claude --agents <json>`, or
//! through cc-sdk's `extra_args` (`"agents"` → the JSON) instead of its `agents` option.

use std::collections::HashMap;
use std::fmt;

pub use ::cc_sdk::AgentDefinition;

use crate::{AgentSpec, Effort, PermissionMode, Tool, Tools, Value};

/// Every agent of `specs` as a cc-sdk [`AgentDefinition`], keyed by qualified name (`pack:name`
/// with packs, else `name`): the map cc-sdk's `ClaudeCodeOptions::agents` takes. Pass the
/// generated `ALL` (`&agents::ALL`) or a team (`agents::Agent::X.team()`). What cc-sdk cannot
/// carry is left out ([the module docs](self) list it; [`AgentSpec::lost_through_cc_sdk`] says
/// it per agent).
pub fn agent_definitions<A, S, M>(specs: &[&AgentSpec<A, S, M>]) -> HashMap<String, AgentDefinition>
where
    A: Copy + fmt::Display + 'static,
    S: Copy + fmt::Display + 'static,
    M: 'static,
{
    specs
        .iter()
        .map(|spec| (spec.qualified_name.to_owned(), AgentDefinition::from(*spec)))
        .collect()
}

/// The agents that would lose a field through cc-sdk ([`agent_definitions_lossless`]): each
/// agent's qualified name with what it loses. `Display` lists them one per line; it is a
/// `std::error::Error`, so `?` into `Box<dyn Error>` or anyhow works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LossyAgents {
    /// `(qualified name, lost field)`, in the order of the specs given.
    pub lost: Vec<(&'static str, LostField)>,
}

/// `agentgen: 2 fields would be lost through cc-sdk (use ClaudeAgents JSON to keep them):` then
/// `  docs-writer: color: "green" (cc-sdk's AgentDefinition has no `color`)`, one per line.
impl fmt::Display for LossyAgents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "agentgen: {} field{} would be lost through cc-sdk (pass these agents as ClaudeAgents JSON to keep {}):",
            self.lost.len(),
            if self.lost.len() == 1 { "" } else { "s" },
            if self.lost.len() == 1 { "it" } else { "them" },
        )?;
        for (agent, field) in &self.lost {
            write!(f, "\n  {agent}: {field}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LossyAgents {}

/// [`agent_definitions`], or, when any agent would lose a field through cc-sdk, every such
/// agent's qualified name with what it loses ([`LossyAgents`]).
pub fn agent_definitions_lossless<A, S, M>(
    specs: &[&AgentSpec<A, S, M>],
) -> Result<HashMap<String, AgentDefinition>, LossyAgents>
where
    A: Copy + fmt::Display + 'static,
    S: Copy + fmt::Display + 'static,
    M: 'static,
{
    let lost: Vec<(&'static str, LostField)> = specs
        .iter()
        .flat_map(|spec| {
            spec.lost_through_cc_sdk()
                .into_iter()
                .map(|field| (spec.qualified_name, field))
        })
        .collect();
    if lost.is_empty() {
        Ok(agent_definitions(specs))
    } else {
        Err(LossyAgents { lost })
    }
}

/// The agent as cc-sdk's agent definition: the fields cc-sdk carries, as `agentgen export`
/// writes them (see [the module docs](self) for what is left out).
impl<A, S, M> From<&AgentSpec<A, S, M>> for AgentDefinition
where
    A: Copy + fmt::Display + 'static,
    S: Copy + fmt::Display + 'static,
    M: 'static,
{
    fn from(spec: &AgentSpec<A, S, M>) -> AgentDefinition {
        let tool_names =
            |tools: &[Tool<A>]| -> Vec<String> { tools.iter().map(ToString::to_string).collect() };
        AgentDefinition {
            description: spec.description.to_owned(),
            prompt: spec.prompt.to_owned(),
            tools: match spec.tools {
                Tools::InheritAll => None,
                Tools::List(tools) => Some(tool_names(tools)),
            },
            disallowed_tools: (!spec.disallowed_tools.is_empty())
                .then(|| tool_names(spec.disallowed_tools)),
            model: spec.model.map(|model| model.as_str().to_owned()),
            skills: (!spec.skills.is_empty())
                .then(|| spec.skills.iter().map(ToString::to_string).collect()),
            memory: spec.memory.map(|memory| memory.as_str().to_owned()),
            mcp_servers: (!spec.mcp_servers.is_empty())
                .then(|| spec.mcp_servers.iter().map(json_value).collect()),
            initial_prompt: spec.initial_prompt.map(str::to_owned),
            max_turns: spec.max_turns.and_then(|turns| i32::try_from(turns).ok()),
            background: spec.background,
            effort: spec.effort.and_then(sdk_effort),
            permission_mode: spec.permission_mode.and_then(sdk_permission_mode),
        }
    }
}

/// cc-sdk's effort level: `None` for `xhigh` and integers, which it lacks.
fn sdk_effort(effort: Effort) -> Option<::cc_sdk::Effort> {
    match effort {
        Effort::Low => Some(::cc_sdk::Effort::Low),
        Effort::Medium => Some(::cc_sdk::Effort::Medium),
        Effort::High => Some(::cc_sdk::Effort::High),
        Effort::Max => Some(::cc_sdk::Effort::Max),
        Effort::XHigh | Effort::Integer(_) => None,
    }
}

/// cc-sdk's permission mode: `None` for `auto`, which it lacks.
fn sdk_permission_mode(mode: PermissionMode) -> Option<::cc_sdk::PermissionMode> {
    match mode {
        PermissionMode::AcceptEdits => Some(::cc_sdk::PermissionMode::AcceptEdits),
        PermissionMode::BypassPermissions => Some(::cc_sdk::PermissionMode::BypassPermissions),
        PermissionMode::Default => Some(::cc_sdk::PermissionMode::Default),
        PermissionMode::DontAsk => Some(::cc_sdk::PermissionMode::DontAsk),
        PermissionMode::Plan => Some(::cc_sdk::PermissionMode::Plan),
        PermissionMode::Auto => None,
    }
}

/// A frontmatter value as JSON, as [`ClaudeAgents`](crate::ClaudeAgents) writes it: non-finite
/// floats as `null`; of a key repeated in a map, the last value (what Claude Code's JSON reader
/// keeps of the text `agentgen export` writes).
pub fn json_value(value: &Value) -> serde_json::Value {
    match *value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(b),
        Value::Int(i) => serde_json::Value::from(i),
        Value::Float(f) => {
            serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, Into::into)
        }
        Value::Str(s) => serde_json::Value::from(s),
        Value::List(items) => items.iter().map(json_value).collect(),
        Value::Map(entries) => serde_json::Value::Object(
            entries
                .iter()
                .map(|(key, value)| ((*key).to_owned(), json_value(value)))
                .collect(),
        ),
    }
}

/// A field of an agent's file that cc-sdk's [`AgentDefinition`] cannot carry
/// ([`AgentSpec::lost_through_cc_sdk`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LostField {
    /// The frontmatter key (`hooks`, `effort`, `experimental.cacheTtl`).
    pub field: &'static str,
    /// The value the file gives it, as `agentgen export` writes it (JSON text).
    pub value: String,
    /// `true` when cc-sdk has the field but not this value (`effort: xhigh`), `false` when it
    /// has no such field (`hooks`).
    pub unsupported_value: bool,
}

/// `hooks: {"PreToolUse":[…]} (cc-sdk's AgentDefinition has no `hooks`)`.
impl fmt::Display for LostField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} (", self.field, self.value)?;
        if self.unsupported_value {
            write!(f, "cc-sdk's `{}` has no such value)", self.field)
        } else {
            write!(f, "cc-sdk's AgentDefinition has no `{}`)", self.field)
        }
    }
}

impl<A: Copy + fmt::Display + 'static, S: 'static, M: 'static> AgentSpec<A, S, M> {
    /// What this agent's file sets that cc-sdk's [`AgentDefinition`] cannot carry, in the order
    /// of `agentgen export`'s fields: empty when [`AgentDefinition::from`] keeps everything the
    /// file says. Otherwise the agent loses these fields through the SDK; hand it to Claude Code
    /// as [`ClaudeAgents`](crate::ClaudeAgents) JSON (`claude --agents`) to keep them.
    pub fn lost_through_cc_sdk(&self) -> Vec<LostField> {
        let mut lost = Vec::new();
        let mut push = |field: &'static str, value: String, unsupported_value: bool| {
            lost.push(LostField {
                field,
                value,
                unsupported_value,
            })
        };
        let text = |s: &str| serde_json::Value::from(s).to_string();
        if let Some(color) = self.color {
            push("color", text(color.as_str()), false);
        }
        if let Some(PermissionMode::Auto) = self.permission_mode {
            push("permissionMode", text("auto"), true);
        }
        if let Some(turns) = self.max_turns.filter(|t| i32::try_from(*t).is_err()) {
            push("maxTurns", turns.to_string(), true);
        }
        match self.effort {
            Some(Effort::XHigh) => push("effort", text("xhigh"), true),
            Some(Effort::Integer(n)) => push("effort", n.to_string(), true),
            _ => {}
        }
        if let Some(isolation) = self.isolation {
            push("isolation", text(isolation.as_str()), false);
        }
        if let Some(hooks) = &self.hooks {
            push("hooks", json_value(hooks).to_string(), false);
        }
        if let Some(window) = self.auto_compact_window {
            push("autoCompactWindow", window.to_string(), false);
        }
        if self.omit_claude_md {
            push("omitClaudeMd", "true".to_owned(), false);
        }
        if !self.observers.is_empty() {
            let names: Vec<String> = self.observers.iter().map(ToString::to_string).collect();
            push("observer", text(&names.join(", ")), false);
        }
        if let Some(message) = self.observer_message {
            push("observerMessage", text(message), false);
        }
        if !self.observe_subagents {
            push("observeSubagents", "false".to_owned(), false);
        }
        if !self.observe_tool_results {
            push("observeToolResults", "false".to_owned(), false);
        }
        if let Some(ttl) = self.cache_ttl {
            push("experimental.cacheTtl", text(ttl.as_str()), false);
        }
        lost
    }
}
