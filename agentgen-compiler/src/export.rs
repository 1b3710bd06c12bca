//! `agentgen export --format claude-agents-json`: the catalog as the JSON object that
//! `claude --agents '<json>'` and the Claude Agent SDK's `agents` option take.
//!
//! Shape: `{qualified name: {"description", "prompt", "tools"?, "disallowedTools"?, "model"?,
//! "color"?, "permissionMode"?, "skills"?, "maxTurns"?, "effort"?, "memory"?, "background"?,
//! "isolation"?, "initialPrompt"?, "mcpServers"?, "hooks"?, "autoCompactWindow"?,
//! "omitClaudeMd"?, "observer"?, "observerMessage"?, "observeSubagents"?,
//! "observeToolResults"?, "experimental"?: {"cacheTtl"}}}`, agents sorted by qualified name,
//! fields in that order, absent fields left out (absent `tools` = inherit all). `tools` is the
//! list as written: Claude Code appends the tools `memory` needs itself. A model alias is
//! written as Claude Code spells it (`Sonnet` in a file is `sonnet` here).
//!
//! Source: Claude Code subagent docs, "CLI-defined subagents": the frontmatter's field names plus
//! `prompt` for the body. The values are the ones the generated constants hold, and this JSON is
//! byte-for-byte what `serde_json` makes of `agentgen::ClaudeAgents(&ALL)` (runtime crate,
//! feature `serde`): tool entries written canonically (`Read`, `Bash(git diff:*)`,
//! `mcp__server__tool`, `mcp__server`, `Agent(a, b)` with qualified names), a description's
//! literal `\n` as a line feed, the body trimmed as Claude Code trims it.

use std::collections::BTreeMap;

pub mod copilot;
pub mod gemini;
pub mod plugin;

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

use crate::catalog::{AgentTarget, Catalog, ResolvedTool};
use crate::yaml::{Node, Value};

/// One agent's definition, fields in output order; `None` / empty fields are left out.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentDefinition<'a> {
    /// Frontmatter `description` (literal `\n` turned into a line feed).
    pub description: &'a str,
    /// The body, trimmed as Claude Code trims it.
    pub prompt: &'a str,
    /// `tools`, canonical entries; `None` = inherit all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<String>>,
    /// `disallowedTools`, canonical entries.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disallowed_tools: Vec<String>,
    /// `model` as written (alias or model id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<&'a str>,
    /// `color`, when one of Claude Code's eight colours.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<&'a str>,
    /// `permissionMode`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permission_mode: Option<&'a str>,
    /// `skills`: the skills Claude Code preloads (skills of the catalog by qualified name).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<&'a str>,
    /// `maxTurns`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_turns: Option<u64>,
    /// `effort`: a level as a string, a token count as a number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effort: Option<Effort<'a>>,
    /// `memory`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<&'a str>,
    /// `background`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub background: Option<bool>,
    /// `isolation`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub isolation: Option<&'a str>,
    /// `initialPrompt`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initial_prompt: Option<&'a str>,
    /// `mcpServers`, as JSON values in file order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mcp_servers: Vec<NodeJson<'a>>,
    /// `hooks`, as a JSON value in file order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hooks: Option<NodeJson<'a>>,
    /// `autoCompactWindow`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_compact_window: Option<u64>,
    /// `omitClaudeMd`: only `true` is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub omit_claude_md: Option<bool>,
    /// `observer`: the observers' names joined by `, ` (catalog agents by qualified name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observer: Option<String>,
    /// `observerMessage`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observer_message: Option<&'a str>,
    /// `observeSubagents`: only `false` is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observe_subagents: Option<bool>,
    /// `observeToolResults`: only `false` is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observe_tool_results: Option<bool>,
    /// `experimental`: `{"cacheTtl": "5m" | "1h"}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub experimental: Option<Experimental<'a>>,
}

/// The `experimental` object.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Experimental<'a> {
    /// `cacheTtl`.
    pub cache_ttl: &'a str,
}

/// `effort`: `"high"` or `5000`.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Effort<'a> {
    /// A level.
    Level(&'a str),
    /// An integer.
    Integer(i64),
}

/// The catalog's agents as Claude Code's agents JSON object, keyed and sorted by qualified name.
/// Agents left out of generation (files with errors) are left out here too; callers refuse to
/// export a catalog with errors.
pub fn claude_agents(catalog: &Catalog) -> BTreeMap<&str, AgentDefinition<'_>> {
    let all: Vec<usize> = (0..catalog.agents.len()).collect();
    claude_agents_of(catalog, &all)
}

/// [`claude_agents`] for some of the catalog's agents: `agents` are indexes into
/// [`Catalog::agents`] (a team: [`Catalog::team`]); out-of-range indexes are skipped.
pub fn claude_agents_of<'a>(
    catalog: &'a Catalog,
    agents: &[usize],
) -> BTreeMap<&'a str, AgentDefinition<'a>> {
    let mut definitions = BTreeMap::new();
    for agent in agents.iter().filter_map(|&i| catalog.agents.get(i)) {
        let file = catalog.file_of(agent);
        let definition = AgentDefinition {
            description: file.description.as_ref().map_or("", |d| d.value.as_str()),
            prompt: &file.prompt,
            tools: agent.tools.as_ref().map(|tools| tool_list(catalog, tools)),
            disallowed_tools: tool_list(catalog, &agent.disallowed_tools),
            model: file.model.as_ref().map(|m| {
                crate::read::model_alias(&m.value.to_lowercase())
                    .map_or(m.value.as_str(), |(alias, _)| alias)
            }),
            color: file.color(),
            permission_mode: file.permission_mode(),
            skills: agent
                .skills
                .iter()
                .map(|target| match target {
                    crate::catalog::SkillTarget::Catalog(i) => {
                        catalog.skills[*i].qualified_name.as_str()
                    }
                    crate::catalog::SkillTarget::Named(name) => name.as_str(),
                })
                .collect(),
            max_turns: file.max_turns,
            effort: file.effort.as_ref().map(|effort| match effort {
                crate::read::Effort::Level(level) => Effort::Level(level),
                crate::read::Effort::Integer(n) => Effort::Integer(*n),
            }),
            memory: file.memory.as_deref(),
            background: file.background,
            isolation: file.isolation.as_deref(),
            initial_prompt: file.initial_prompt.as_deref(),
            mcp_servers: file.mcp_servers.iter().map(NodeJson).collect(),
            hooks: file.hooks.as_ref().map(NodeJson),
            auto_compact_window: file.auto_compact_window,
            omit_claude_md: file.omit_claude_md.filter(|omit| *omit),
            observer: (!agent.observers.is_empty()).then(|| {
                let names: Vec<&str> = agent
                    .observers
                    .iter()
                    .map(|target| target_name(catalog, target))
                    .collect();
                names.join(", ")
            }),
            observer_message: file.observer_message.as_deref(),
            observe_subagents: file.observe_subagents.filter(|observe| !observe),
            observe_tool_results: file.observe_tool_results.filter(|observe| !observe),
            experimental: file
                .cache_ttl
                .as_deref()
                .map(|cache_ttl| Experimental { cache_ttl }),
        };
        definitions.insert(agent.qualified_name.as_str(), definition);
    }
    definitions
}

/// The JSON text: pretty-printed (two-space indent), a final line feed.
pub fn claude_agents_json(catalog: &Catalog) -> String {
    json_text(&claude_agents(catalog))
}

/// The JSON text of [`claude_agents_of`]: `agentgen export --team NAME` with the agent's team.
pub fn claude_agents_json_of(catalog: &Catalog, agents: &[usize]) -> String {
    json_text(&claude_agents_of(catalog, agents))
}

fn json_text(agents: &BTreeMap<&str, AgentDefinition<'_>>) -> String {
    let mut text =
        serde_json::to_string_pretty(agents).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

fn tool_list(catalog: &Catalog, tools: &[ResolvedTool]) -> Vec<String> {
    tools
        .iter()
        .filter_map(|tool| canonical_tool(catalog, tool))
        .collect()
}

/// A tool entry written canonically (the runtime `Display` of `agentgen::Tool`); `None` for an
/// entry that did not resolve, or an `Agent(…)` entry none of whose agents did (an error was
/// reported for it).
pub fn canonical_tool(catalog: &Catalog, tool: &ResolvedTool) -> Option<String> {
    Some(match tool {
        ResolvedTool::BuiltIn(info) => info.name.to_owned(),
        ResolvedTool::Rule { tool, rule } => format!("{}({rule})", tool.name),
        ResolvedTool::Mcp { server, tool: None } => format!("mcp__{server}"),
        ResolvedTool::Mcp {
            server,
            tool: Some(tool),
        } => format!("mcp__{server}__{tool}"),
        // Every agent it names is unknown (an error of the catalog): nothing Claude Code could
        // start, and not `Agent()`, which would read as an entry that names no agent.
        ResolvedTool::SpawnAgents { agents, .. } if agents.is_empty() => return None,
        ResolvedTool::SpawnAgents {
            legacy_task,
            agents,
        } => {
            let names: Vec<&str> = agents
                .iter()
                .map(|target| target_name(catalog, target))
                .collect();
            let tool = if *legacy_task { "Task" } else { "Agent" };
            format!("{tool}({})", names.join(", "))
        }
        ResolvedTool::Custom(name) => name.clone(),
        ResolvedTool::Invalid => return None,
    })
}

/// The name an agent reference is written with: a catalog agent's qualified name, or the
/// external name.
fn target_name<'a>(catalog: &'a Catalog, target: &'a AgentTarget) -> &'a str {
    match target {
        AgentTarget::Catalog(i) => catalog.agents[*i].qualified_name.as_str(),
        AgentTarget::External(name) => name.as_str(),
        AgentTarget::Broken(i) => catalog.broken_agents[*i].qualified_name.as_str(),
    }
}

/// A YAML value serialized as JSON the way the runtime `agentgen::Value` serializes: maps in
/// file order with keys as text (a repeated key is written twice; JSON readers keep the last),
/// non-finite floats as `null`.
#[derive(Debug, Clone, Copy)]
pub struct NodeJson<'a>(pub &'a Node);

impl Serialize for NodeJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0.value {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Int(i) => serializer.serialize_i64(*i),
            Value::Float(f) if f.is_finite() => serializer.serialize_f64(*f),
            Value::Float(_) => serializer.serialize_unit(),
            Value::Str(s) => serializer.serialize_str(s),
            Value::Seq(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&NodeJson(item))?;
                }
                seq.end()
            }
            Value::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(&key.key_text(), &NodeJson(value))?;
                }
                map.end()
            }
        }
    }
}
