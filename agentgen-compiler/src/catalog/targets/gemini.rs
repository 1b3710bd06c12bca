//! The Gemini export's translation: one catalog agent as Gemini CLI 0.61.0 will read it from
//! `.gemini/agents/<name>.md` ([`registry::gemini`](crate::registry::gemini)), what it loses,
//! and a diagnostic at the source of each loss.
//!
//! - `name`: the qualified name when Gemini accepts it (`^[a-z0-9-_]+$`, not starting with `_`,
//!   which Gemini skips), else its slug (`pack:Reviewer` → `pack-reviewer`;
//!   `gemini-renames-agent`).
//! - `description` and the prompt: as Claude Code reads them (Gemini trims the body as Claude
//!   Code does).
//! - `tools`: absent (or `*`) stays absent — both runtimes give every tool. A list is mapped
//!   entry by entry through [`registry::gemini::TOOL_MAP`](crate::registry::gemini::TOOL_MAP)
//!   (aliases through the tool they stand for; retired names run nothing in Claude Code and
//!   are left out without a word), `mcp__s__t` → `mcp_s_t`, `mcp__s` → `mcp_s_*`, repeats
//!   removed. A permission rule (`Bash(git diff:*)`) gives the whole tool
//!   (`gemini-widens-tool`). An entry Gemini has no tool for (`Agent(x)`, `NotebookEdit`, a
//!   custom tool, an MCP server named with `_`) is dropped: `gemini-drops-tool`, or
//!   `gemini-unmapped-tool` (an error unless allowed) when the agent **depends on** it
//!   ([`depends`](super::depends), the rule every target shares: the prompt names the tool,
//!   or no entry of a non-empty list is left).
//! - `model`: `inherit` or absent stays absent (Gemini's default is `inherit`); another model
//!   is looked up in agentgen.toml `[target.gemini] models` (as written, then in lower case):
//!   found, it is written (`gemini-maps-model`, kept); else it is left out and Gemini runs the
//!   session's model (`gemini-drops-model`, lost).
//! - `maxTurns` → `max_turns` (same meaning: a positive integer).
//! - `mcpServers` → `mcp_servers` for inline stdio (`command`, `args`, `env`) and `http`/`sse`
//!   (`url`, `headers`) servers; a server name or another config is dropped
//!   (`gemini-drops-field`, one diagnostic at the key with a note per server).
//! - Every other field Claude Code reads and that has an effect for this agent (`color`,
//!   `permissionMode`, `hooks`, `skills`, `memory`, `disallowedTools`,
//!   `effort`, `background`, `isolation`, `initialPrompt`, `observer…`, …) is dropped with
//!   `gemini-drops-field` at its key: Gemini refuses any key outside its schema. Keys Claude
//!   Code ignores (and `dependencies`/`collaborators`) mean nothing to either runtime and are
//!   left out without a word.

mod mcp;

pub use mcp::{McpServer, McpValue};

use super::Verdict;
use super::depends::{Dependence, dependence};
use crate::catalog::{Agent, Catalog, ResolvedTool};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::read::{AgentFile, Spanned};
use crate::registry::gemini::{self as table, RUNTIME};
use crate::registry::{KNOWN_KEYS, ToolKind};

/// One agent as the Gemini export writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeminiAgent {
    /// The catalog agent's index into [`Catalog::agents`].
    pub agent: usize,
    /// `name`: a valid Gemini name, also the file's stem.
    pub name: String,
    /// `description`.
    pub description: String,
    /// `tools`: `None` = every tool (the key is left out).
    pub tools: Option<Vec<String>>,
    /// `model`: `None` = the key is left out (Gemini's `inherit`).
    pub model: Option<String>,
    /// `max_turns`.
    pub max_turns: Option<u64>,
    /// `mcp_servers`: the `mcpServers` Gemini can hold, in file order.
    pub mcp_servers: Vec<McpServer>,
    /// The system prompt (the body).
    pub prompt: String,
}

/// The translation of one agent: what Gemini gets, the verdict, and the diagnostics at their
/// default levels (apply the catalog's lint levels before showing them).
#[derive(Debug, Clone)]
pub struct Translation {
    /// The agent as written for Gemini.
    pub agent: GeminiAgent,
    /// Whole, loses fields, or cannot take.
    pub verdict: Verdict,
    /// One per loss, at the source field.
    pub diagnostics: Vec<Diagnostic>,
}

/// Translates the catalog's agent `index` (into [`Catalog::agents`]) for Gemini. An index out of range gives `None`.
pub fn translate(catalog: &Catalog, index: usize) -> Option<Translation> {
    let agent = catalog.agents.get(index)?;
    let file = catalog.file_of(agent);
    let mut work = Work {
        path: file.path(),
        diagnostics: Vec::new(),
        lost: Vec::new(),
        cannot: None,
    };
    let name = work.name(agent, file);
    let tools = agent.tools.as_ref().map(|tools| work.tools(file, tools));
    let model = work.model(catalog, file);
    work.dropped_fields(agent, file);
    let mcp_servers = work.mcp_servers(file);
    let verdict = match (work.cannot, work.lost.is_empty()) {
        (Some(reason), _) => Verdict::CannotTake(reason),
        (None, true) => Verdict::Whole,
        (None, false) => {
            work.lost.sort();
            work.lost.dedup();
            Verdict::LosesFields(work.lost)
        }
    };
    Some(Translation {
        agent: GeminiAgent {
            agent: index,
            name,
            description: file
                .description
                .as_ref()
                .map(|d| d.value.clone())
                .unwrap_or_default(),
            tools,
            model,
            max_turns: file.max_turns,
            mcp_servers,
            prompt: file.prompt().to_owned(),
        },
        verdict,
        diagnostics: work.diagnostics,
    })
}

/// Every agent of the catalog translated for Gemini, in the catalog's order. Gemini names are
/// unique: two agents whose Gemini names are equal also share a Rust identifier
/// (`identifier-collision`, an error that keeps both out of the catalog's agents).
pub fn translate_all(catalog: &Catalog) -> Vec<Translation> {
    (0..catalog.agents.len())
        .filter_map(|i| translate(catalog, i))
        .collect()
}

/// Every Gemini diagnostic of the catalog at default levels: what the targets pass reports
/// when `gemini` is a target (it applies the lint levels with the catalog's others).
pub fn diagnostics(catalog: &Catalog) -> Vec<Diagnostic> {
    translate_all(catalog)
        .into_iter()
        .flat_map(|t| t.diagnostics)
        .collect()
}

fn name_span(file: &AgentFile) -> Option<Span> {
    file.name.as_ref().and_then(|n| n.span.clone())
}

/// One translation in progress.
struct Work<'a> {
    path: &'a str,
    diagnostics: Vec<Diagnostic>,
    /// Keys lost or changed.
    lost: Vec<String>,
    /// Why the agent's meaning cannot survive.
    cannot: Option<String>,
}

impl Work<'_> {
    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn name(&mut self, agent: &Agent, file: &AgentFile) -> String {
        let written = &agent.qualified_name;
        if table::is_valid_name(written) && !written.starts_with('_') {
            return written.clone();
        }
        let slug = table::slug(written);
        let own_name_valid = table::is_valid_name(&agent.name) && !agent.name.starts_with('_');
        let (why, help) = match &agent.pack {
            Some(pack) if own_name_valid => (
                format!(
                    "Gemini has no packs or plugins: `{pack}:` becomes the prefix `{}-`",
                    table::slug(pack)
                ),
                "allow `gemini-renames-agent` to accept the prefixed names".to_owned(),
            ),
            _ if written.starts_with('_') => (
                "Gemini skips a file whose name starts with `_`".to_owned(),
                format!("name the agent `{slug}` to keep one name in every runtime"),
            ),
            _ => (
                "Gemini's names are lower-case letters, digits, `-` and `_`".to_owned(),
                format!("name the agent `{slug}` to keep one name in every runtime"),
            ),
        };
        self.push(
            Diagnostic::new(
                Code::GeminiRenamesAgent,
                self.path,
                format!("{RUNTIME} does not accept the name `{written}`: the Gemini export names it `{slug}`"),
            )
            .at(name_span(file))
            .label(format!("`{slug}` in Gemini"))
            .note(why)
            .help(help),
        );
        self.lost.push("name".to_owned());
        slug
    }

    fn tools(&mut self, file: &AgentFile, tools: &[ResolvedTool]) -> Vec<String> {
        let entries: &[Spanned<String>] = match &file.tools {
            crate::read::ToolsReading::List(entries) => entries,
            crate::read::ToolsReading::InheritAll => &[],
        };
        let mut mapped: Vec<String> = Vec::new();
        let mut unmapped: Vec<(String, Option<Span>)> = Vec::new();
        for (i, tool) in tools.iter().enumerate() {
            let span = entries.get(i).and_then(|e| e.span.clone());
            let written = entries.get(i).map_or("", |e| e.value.as_str());
            match gemini_tool(tool) {
                Mapping::To(name) => {
                    if let ResolvedTool::Rule { rule, .. } = tool {
                        self.widened(written, &name, rule, span);
                    }
                    if !mapped.contains(&name) {
                        mapped.push(name);
                    }
                }
                Mapping::Nothing => {}
                Mapping::Unmapped(claude_code) => unmapped.push((claude_code, span)),
            }
        }
        let none_left = mapped.is_empty() && !unmapped.is_empty();
        for (claude_code, span) in unmapped {
            let depends = dependence(file.prompt(), &claude_code, none_left);
            self.unmapped(&claude_code, span, depends);
        }
        mapped
    }

    fn widened(&mut self, written: &str, gemini: &str, rule: &str, span: Option<Span>) {
        self.push(
            Diagnostic::new(
                Code::GeminiWidensTool,
                self.path,
                format!(
                    "`{written}` becomes `{gemini}` for {RUNTIME}, without the rule `{rule}`: the Gemini agent may use the whole tool"
                ),
            )
            .at(span)
            .label(format!("`{gemini}` in Gemini"))
            .note("a Gemini agent file cannot restrict a tool; Gemini's policy engine can (`[[rules]]` with `subagent = \"<name>\"` in policy.toml)")
            .help("write the rule in Gemini's policy.toml, then allow `gemini-widens-tool`"),
        );
        self.lost.push("tools".to_owned());
    }

    fn unmapped(&mut self, tool: &str, span: Option<Span>, depends: Option<Dependence>) {
        self.lost.push("tools".to_owned());
        let Some(why) = depends.map(Dependence::why) else {
            self.push(
                Diagnostic::new(
                    Code::GeminiDropsTool,
                    self.path,
                    format!("{RUNTIME} has no tool for `{tool}`: the Gemini export leaves it out"),
                )
                .at(span)
                .label("not in Gemini")
                .help("nothing to do if the agent can work without it; allow `gemini-drops-tool` to accept the loss"),
            );
            return;
        };
        self.cannot.get_or_insert_with(|| {
            format!("it depends on `{tool}`, which {RUNTIME} has no tool for")
        });
        self.push(
            Diagnostic::new(
                Code::GeminiUnmappedTool,
                self.path,
                format!(
                    "this agent depends on `{tool}` ({why}), and {RUNTIME} has no tool for it: its meaning does not survive the Gemini export"
                ),
            )
            .at(span)
            .label("not in Gemini")
            .note(if tool == "Agent" || tool == "Task" {
                "Gemini subagents cannot call other subagents (docs/core/subagents.md, \"Recursion protection\")"
            } else {
                "the export would write the agent without the tool"
            })
            .help("to export it without the tool, allow the lint: `gemini-unmapped-tool = \"allow\"` under `[lints]` in agentgen.toml (the build reads it too), or `-A gemini-unmapped-tool` on the command line"),
        );
    }

    fn model(&mut self, catalog: &Catalog, file: &AgentFile) -> Option<String> {
        let model = file.model.as_ref()?;
        if model.value == "inherit" {
            return None;
        }
        let models = &catalog.config.gemini_models;
        let found = models
            .get(&model.value)
            .or_else(|| models.get(&model.value.to_lowercase()));
        match found {
            Some(gemini) => {
                self.push(
                    Diagnostic::new(
                        Code::GeminiMapsModel,
                        self.path,
                        format!(
                            "`model: {}` is `{gemini}` for {RUNTIME}, as agentgen.toml `[target.gemini] models` says",
                            model.value
                        ),
                    )
                    .at(model.span.clone())
                    .label(format!("`{gemini}` in Gemini"))
                    .help("allow `gemini-maps-model` once the table is what you mean"),
                );
                Some(gemini.clone())
            }
            None => {
                self.push(
                    Diagnostic::new(
                        Code::GeminiDropsModel,
                        self.path,
                        format!(
                            "`model: {}` has no Gemini model: the Gemini export leaves it out and {RUNTIME} runs the agent on the session's model (`inherit`)",
                            model.value
                        ),
                    )
                    .at(model.span.clone())
                    .label("left out for Gemini")
                    .help(format!(
                        "map it in agentgen.toml: `[target.gemini]` `models = {{ {} = \"{}\" }}`",
                        crate::config::toml_key(&model.value),
                        // The README's table: a small model for `haiku`, else the large one.
                        if model.value.eq_ignore_ascii_case("haiku") {
                            "gemini-2.5-flash"
                        } else {
                            "gemini-2.5-pro"
                        }
                    )),
                );
                self.lost.push("model".to_owned());
                None
            }
        }
    }

    /// `mcpServers` → `mcp_servers`: the servers Gemini can hold; `gemini-drops-field` at the
    /// key for the others.
    fn mcp_servers(&mut self, file: &AgentFile) -> Vec<McpServer> {
        let (carried, lost) = mcp::servers(&file.mcp_servers);
        if lost.is_empty() {
            return carried;
        }
        let key = file.keys.iter().rev().find(|k| k.value == "mcpServers");
        let mut diagnostic = Diagnostic::new(
            Code::GeminiDropsField,
            self.path,
            format!(
                "{RUNTIME} cannot take {} of this agent's `mcpServers`: the Gemini export drops {}",
                if carried.is_empty() { "any" } else { "some" },
                if lost.len() == 1 { "it" } else { "them" }
            ),
        )
        .at(key.and_then(|k| k.span.clone()))
        .label("dropped for Gemini");
        for why in lost {
            diagnostic = diagnostic.note(why);
        }
        self.push(diagnostic.help("allow `gemini-drops-field` to accept the loss"));
        self.lost.push("mcpServers".to_owned());
        carried
    }

    /// `gemini-drops-field` for each field Claude Code reads, with an effect here, that the
    /// export cannot write.
    fn dropped_fields(&mut self, agent: &Agent, file: &AgentFile) {
        let mut seen: Vec<&str> = Vec::new();
        for key in &file.keys {
            let key_name = key.value.as_str();
            if seen.contains(&key_name) || !KNOWN_KEYS.contains(&key_name) {
                continue;
            }
            seen.push(key_name);
            let Some(what) = dropped(agent, file, key_name) else {
                continue;
            };
            self.push(
                Diagnostic::new(
                    Code::GeminiDropsField,
                    self.path,
                    format!("{RUNTIME} has no `{key_name}`: the Gemini export drops it"),
                )
                .at(key.span.clone())
                .label("dropped for Gemini")
                .note(format!("in Gemini: {what}"))
                .note("any key outside Gemini's schema would make it refuse the whole agent")
                .help("allow `gemini-drops-field` to accept the loss"),
            );
            self.lost.push(key_name.to_owned());
        }
    }
}

/// What Gemini offers instead of `key`, when the field has an effect for this agent (`None`:
/// the export writes it, or Claude Code reads nothing from it here).
fn dropped(agent: &Agent, file: &AgentFile, key: &str) -> Option<&'static str> {
    let effect = match key {
        "name" | "description" | "tools" | "model" | "maxTurns" | "mcpServers" => false,
        "color" => file.color().is_some(),
        "permissionMode" => file.permission_mode().is_some(),
        "disallowedTools" => !agent.disallowed_tools.is_empty(),
        "hooks" => file.hooks.is_some(),
        "skills" => !agent.skills.is_empty(),
        "effort" => file.effort.is_some(),
        "memory" => file.memory.is_some(),
        "background" => file.background.is_some(),
        "isolation" => file.isolation.is_some(),
        "initialPrompt" => file.initial_prompt.is_some(),
        "autoCompactWindow" => file.auto_compact_window.is_some(),
        "omitClaudeMd" => file.omit_claude_md.is_some(),
        "observer" => !agent.observers.is_empty(),
        "observerMessage" => file.observer_message.is_some(),
        "observeSubagents" => file.observe_subagents.is_some(),
        "observeToolResults" => file.observe_tool_results.is_some(),
        "experimental" => file.cache_ttl.is_some(),
        _ => true,
    };
    effect.then_some(match key {
        "color" => "no colour",
        "permissionMode" => {
            "the session's approval mode (`--approval-mode`) or policy.toml rules with `subagent = \"<name>\"`"
        }
        "disallowedTools" => "no deny list: list the allowed tools in `tools`",
        "hooks" => "hooks are set in settings.json, for every agent",
        "skills" => {
            "skills are found in .gemini/skills and activated by the model (`activate_skill`); nothing preloads them"
        }
        "memory" => "no per-agent memory",
        _ => "no such field",
    })
}

/// What Gemini has for one resolved tool entry.
enum Mapping {
    /// Gemini's tool.
    To(String),
    /// Nothing to write, nothing lost (Claude Code runs nothing for it).
    Nothing,
    /// Gemini has no tool for it: Claude Code's name.
    Unmapped(String),
}

fn gemini_tool(tool: &ResolvedTool) -> Mapping {
    let builtin = |info: &crate::registry::ToolInfo| {
        let name = match info.kind {
            ToolKind::Current => info.name,
            ToolKind::Alias { of } => of,
            ToolKind::Retired { .. } => return Mapping::Nothing,
        };
        match table::tool(name).and_then(|m| m.gemini) {
            Some(gemini) => Mapping::To(gemini.to_owned()),
            None => Mapping::Unmapped(info.name.to_owned()),
        }
    };
    match tool {
        ResolvedTool::BuiltIn(info) | ResolvedTool::Rule { tool: info, .. } => builtin(info),
        ResolvedTool::Mcp { server, tool } => match table::mcp_tool(server, tool.as_deref()) {
            Some(name) => Mapping::To(name),
            None => Mapping::Unmapped(match tool {
                Some(tool) => format!("mcp__{server}__{tool}"),
                None => format!("mcp__{server}"),
            }),
        },
        ResolvedTool::SpawnAgents { legacy_task, .. } => {
            Mapping::Unmapped(if *legacy_task { "Task" } else { "Agent" }.to_owned())
        }
        ResolvedTool::Custom(name) => Mapping::Unmapped(name.clone()),
        ResolvedTool::Invalid => Mapping::Nothing,
    }
}
