//! The values of the generated specs' fields: tools, agent and skill references, models,
//! effort levels, keyword enums and frontmatter values, each as the text of a Rust expression
//! of the runtime's type.

use super::Emitter;
use super::literals::{NONE, slice_text, some, string_literal_text};
use crate::catalog::{AgentTarget, ResolvedTool, SkillTarget};
use crate::read::Effort;
use crate::yaml::{Node, Value};

impl Emitter<'_> {
    /// A resolved tool as an expression of type `rt::Tool<Agent>`; `None` for an invalid one
    /// (already reported).
    pub(super) fn tool(&self, tool: &ResolvedTool) -> Option<String> {
        let rt = &self.rt;
        Some(match tool {
            ResolvedTool::BuiltIn(info) => {
                format!("{rt}::Tool::BuiltIn({rt}::BuiltinTool::{})", info.variant)
            }
            ResolvedTool::Rule { tool, rule } => format!(
                "{rt}::Tool::Rule {{ tool: {rt}::BuiltinTool::{}, rule: {} }}",
                tool.variant,
                string_literal_text(rule)
            ),
            ResolvedTool::Mcp { server, tool } => {
                let tool = match tool.as_deref() {
                    Some(tool) => some(&string_literal_text(tool)),
                    None => NONE.to_owned(),
                };
                format!(
                    "{rt}::Tool::Mcp {{ server: {}, tool: {tool} }}",
                    string_literal_text(server)
                )
            }
            ResolvedTool::SpawnAgents {
                legacy_task,
                agents,
            } => format!(
                "{rt}::Tool::SpawnAgents {{ legacy_task: {legacy_task}, agents: {} }}",
                slice_text(agents.iter().map(|target| self.agent_ref(target)))
            ),
            ResolvedTool::Custom(name) => {
                format!("{rt}::Tool::Custom({})", string_literal_text(name))
            }
            ResolvedTool::Invalid => return None,
        })
    }

    /// `&[tool, …]`: the valid tools of `tools` as a slice of `rt::Tool<Agent>`.
    pub(super) fn tool_slice(&self, tools: &[ResolvedTool]) -> String {
        slice_text(tools.iter().filter_map(|tool| self.tool(tool)))
    }

    /// An agent reference as an expression of type `rt::AgentRef<Agent>`.
    pub(super) fn agent_ref(&self, target: &AgentTarget) -> String {
        match target {
            AgentTarget::Catalog(i) => self.catalog_agent_ref(*i),
            AgentTarget::External(name) => self.external_agent_ref(name),
            // The stub's variant (or the loaded agent's of the same identifier).
            AgentTarget::Broken(i) => format!(
                "{}::AgentRef::Catalog(Agent::{})",
                self.rt, self.catalog.broken_agents[*i].variant
            ),
        }
    }

    /// `rt::AgentRef::Catalog(Agent::V)` for the catalog's agent `index`.
    pub(super) fn catalog_agent_ref(&self, index: usize) -> String {
        format!(
            "{}::AgentRef::Catalog(Agent::{})",
            self.rt, self.catalog.agents[index].variant
        )
    }

    /// `rt::AgentRef::External("name")`.
    pub(super) fn external_agent_ref(&self, name: &str) -> String {
        format!(
            "{}::AgentRef::External({})",
            self.rt,
            string_literal_text(name)
        )
    }

    /// An agent's `skills` entry as an expression of type `rt::SkillRef<Skill>` (or
    /// `rt::SkillRef<rt::NoSkill>` without skills: then every entry is a name).
    pub(super) fn skill_ref(&self, target: &SkillTarget) -> String {
        let rt = &self.rt;
        match target {
            SkillTarget::Catalog(i) => format!(
                "{rt}::SkillRef::Catalog(Skill::{})",
                self.catalog.skills[*i].variant
            ),
            SkillTarget::Named(name) => {
                format!("{rt}::SkillRef::Named({})", string_literal_text(name))
            }
        }
    }

    /// `rt::Model::…` for a model as Claude Code keeps it.
    pub(super) fn model(&self, model: &str) -> String {
        let rt = &self.rt;
        let alias = crate::read::model_alias(model)
            .or_else(|| crate::read::model_alias(&model.to_lowercase()));
        match alias {
            Some((_, variant)) => format!("{rt}::Model::Alias({rt}::ModelAlias::{variant})"),
            None => format!("{rt}::Model::Id({})", string_literal_text(model)),
        }
    }

    /// `rt::Effort::…`.
    pub(super) fn effort(&self, effort: &Effort) -> String {
        let rt = &self.rt;
        match effort {
            Effort::Level(level) => {
                let variant = match *level {
                    "xhigh" => "XHigh".to_owned(),
                    other => heck::ToUpperCamelCase::to_upper_camel_case(other),
                };
                format!("{rt}::Effort::{variant}")
            }
            Effort::Integer(n) => format!("{rt}::Effort::Integer({n}i64)"),
        }
    }

    /// `Some(rt::<enum_name>::<Value>)` for a keyword of one of the runtime's enums (`Color`,
    /// `PermissionMode`, …), its variant the keyword in upper camel case.
    pub(super) fn keyword(&self, enum_name: &str, value: &str) -> String {
        let variant = heck::ToUpperCamelCase::to_upper_camel_case(value);
        some(&format!("{}::{enum_name}::{variant}", self.rt))
    }

    /// A frontmatter value as an expression of type `rt::Value`.
    pub(super) fn value(&self, node: &Node) -> String {
        let rt = &self.rt;
        match &node.value {
            Value::Null => format!("{rt}::Value::Null"),
            Value::Bool(b) => format!("{rt}::Value::Bool({b})"),
            Value::Int(i) => format!("{rt}::Value::Int({i}i64)"),
            Value::Float(f) if f.is_nan() => format!("{rt}::Value::Float(f64::NAN)"),
            Value::Float(f) if f.is_infinite() && *f > 0.0 => {
                format!("{rt}::Value::Float(f64::INFINITY)")
            }
            Value::Float(f) if f.is_infinite() => {
                format!("{rt}::Value::Float(f64::NEG_INFINITY)")
            }
            Value::Float(f) => format!("{rt}::Value::Float({f}f64)"),
            Value::Str(s) => format!("{rt}::Value::Str({})", string_literal_text(s)),
            Value::Seq(items) => format!(
                "{rt}::Value::List({})",
                slice_text(items.iter().map(|n| self.value(n)))
            ),
            Value::Map(entries) => {
                let entries = entries.iter().map(|(k, v)| {
                    format!(
                        "({}, {})",
                        string_literal_text(&k.key_text()),
                        self.value(v)
                    )
                });
                format!("{rt}::Value::Map({})", slice_text(entries))
            }
        }
    }

    /// `&[("key", value), …]`: frontmatter keys and their values as a slice of
    /// `(&str, rt::Value)`.
    pub(super) fn entries<'n>(&self, entries: impl Iterator<Item = &'n (String, Node)>) -> String {
        slice_text(entries.map(|(k, v)| format!("({}, {})", string_literal_text(k), self.value(v))))
    }
}
