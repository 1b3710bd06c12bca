//! Resolving tool entries and agent names against the tool registry, the configuration and the
//! catalog's agents.

use std::collections::BTreeMap;

use std::collections::BTreeSet;

use super::{Agent, AgentTarget, ResolvedTool};
use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic};
use crate::read::{AgentFile, Spanned, ToolsReading};
use crate::registry::{self, ToolInfo, ToolKind};

/// Resolves an agent's tools, disallowed tools, collaborators and observers, reporting what does
/// not resolve.
pub(super) fn resolve_agent(
    agent: &mut Agent,
    file: &AgentFile,
    resolver: &Resolver,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut collaborators: Vec<AgentTarget> = Vec::new();
    if let ToolsReading::List(entries) = &file.tools {
        let mut tools = Vec::new();
        let mut seen = BTreeSet::new();
        for entry in entries {
            if !seen.insert(entry.value.clone()) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateTool,
                        file.path(),
                        format!("tool `{}` is listed twice", entry.value),
                    )
                    .at(entry.span.clone())
                    .help("remove the second entry"),
                );
            }
            let tool = resolver.tool(agent.pack.as_deref(), file.path(), entry, diagnostics);
            if let ResolvedTool::SpawnAgents {
                agents: targets, ..
            } = &tool
            {
                collaborators.extend(targets.iter().cloned());
            }
            tools.push(tool);
        }
        agent.tools = Some(tools);
    }
    agent.disallowed_tools = file
        .disallowed_tools
        .iter()
        .map(|entry| resolver.tool(agent.pack.as_deref(), file.path(), entry, diagnostics))
        .collect();
    for name in &file.collaborator_names {
        if let Some(target) = resolver.agent(
            agent.pack.as_deref(),
            file.path(),
            name,
            "collaborator",
            diagnostics,
        ) {
            collaborators.push(target);
        }
    }
    if let Some(observer) = &file.observer {
        let span = observer.span.clone();
        for name in observer
            .value
            .split(',')
            .map(crate::source::js_trim)
            .filter(|n| !n.is_empty())
        {
            let name = Spanned {
                value: name.to_owned(),
                span: span.clone(),
            };
            if let Some(target) = resolver.agent(
                agent.pack.as_deref(),
                file.path(),
                &name,
                "observer",
                diagnostics,
            ) {
                agent.observers.push(target);
            }
        }
    }
    for target in collaborators {
        match target {
            AgentTarget::Catalog(i) if !agent.collaborators.contains(&i) => {
                agent.collaborators.push(i)
            }
            AgentTarget::External(name) if !agent.external_collaborators.contains(&name) => {
                agent.external_collaborators.push(name);
            }
            // Claude Code does not have the agent; its file's error says so once.
            _ => {}
        }
    }
}

pub(super) struct Resolver<'a> {
    pub(super) config: &'a Config,
    pub(super) names: &'a [(Option<String>, String)],
    pub(super) by_key: &'a BTreeMap<(Option<String>, String), usize>,
    /// Whether agent names have a namespace (`pack:name`, `plugin:name`): packs or plugins.
    pub(super) namespaced: bool,
    /// What the namespaces are called in messages: `plugin` or `pack`.
    pub(super) namespace_word: &'static str,
    /// How many of `names` are loaded agents; the rest, in order, are the catalog's broken
    /// agents ([`AgentTarget::Broken`]).
    pub(super) live_agents: usize,
    /// The references resolved to a broken agent so far: its index among the broken agents and
    /// the file that names it.
    pub(super) broken_uses: std::sync::Mutex<Vec<(usize, String)>>,
    /// The files without a readable name that Claude Code does not load, as `(file stem, path)`:
    /// an unknown name equal to a stem is most likely that file's agent.
    pub(super) nameless_files: Vec<(String, String)>,
}

impl Resolver<'_> {
    pub(super) fn tool(
        &self,
        pack: Option<&str>,
        path: &str,
        entry: &Spanned<String>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> ResolvedTool {
        let text = entry.value.as_str();
        let malformed = |message: String, help: &str| {
            Diagnostic::new(Code::MalformedTool, path, message)
                .at(entry.span.clone())
                .note("Claude Code keeps the entry, and it matches no tool when the agent runs")
                .help(help.to_owned())
        };
        if let Some(rest) = text.strip_prefix("mcp__") {
            let (server, tool) = match rest.split_once("__") {
                Some((server, tool)) => (server, Some(tool)),
                None => (rest, None),
            };
            if server.is_empty() || tool == Some("") {
                diagnostics.push(malformed(
                    format!("malformed MCP tool `{text}`"),
                    "write `mcp__<server>__<tool>`, or `mcp__<server>` for all of a server's tools",
                ));
                return ResolvedTool::Invalid;
            }
            if let Some(servers) = &self.config.mcp_servers
                && !servers.iter().any(|s| s == server)
            {
                diagnostics.push(
                    Diagnostic::new(
                        Code::UnknownMcpServer,
                        path,
                        format!("unknown MCP server `{server}`"),
                    )
                    .at(entry.span.clone())
                    .note(format!("declared MCP servers: {}", servers.join(", ")))
                    .help("declare the server under `[tools] mcp-servers` in agentgen.toml"),
                );
            }
            let tool = tool.filter(|t| *t != "*").map(str::to_owned);
            return ResolvedTool::Mcp {
                server: server.to_owned(),
                tool,
            };
        }
        if let Some(open) = text.find('(') {
            let name = &text[..open];
            let Some(inner) = text[open + 1..].strip_suffix(')') else {
                diagnostics.push(malformed(
                    format!("malformed tool entry `{text}`"),
                    "close the parenthesis: `Tool(rule)`",
                ));
                return ResolvedTool::Invalid;
            };
            if name == "Agent" || name == "Task" {
                let targets: Vec<&str> = inner
                    .split(',')
                    .map(crate::source::js_trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                if targets.is_empty() {
                    diagnostics.push(malformed(
                        format!("`{text}` names no agent"),
                        "write `Agent(agent-name)`, or `Agent` to allow every agent",
                    ));
                    return ResolvedTool::Invalid;
                }
                if name == "Task" {
                    diagnostics.extend(
                        registry::builtin("Task").and_then(|info| old_name(path, entry, info)),
                    );
                }
                let agents = targets
                    .into_iter()
                    .filter_map(|t| {
                        let target = Spanned {
                            value: t.to_owned(),
                            span: entry.span.clone(),
                        };
                        self.agent(pack, path, &target, "agent", diagnostics)
                    })
                    .collect();
                return ResolvedTool::SpawnAgents {
                    legacy_task: name == "Task",
                    agents,
                };
            }
            if let Some(info) = registry::builtin(name) {
                diagnostics.extend(old_name(path, entry, info));
                return ResolvedTool::Rule {
                    tool: info,
                    rule: inner.to_owned(),
                };
            }
            if self.config.custom_tools.iter().any(|c| c == name) {
                return ResolvedTool::Custom(text.to_owned());
            }
            diagnostics.push(self.unknown_tool(pack, path, entry, name));
            return ResolvedTool::Invalid;
        }
        if let Some(info) = registry::builtin(text) {
            diagnostics.extend(old_name(path, entry, info));
            return ResolvedTool::BuiltIn(info);
        }
        if self.config.custom_tools.iter().any(|c| c == text) {
            return ResolvedTool::Custom(text.to_owned());
        }
        diagnostics.push(self.unknown_tool(pack, path, entry, text));
        ResolvedTool::Invalid
    }

    fn unknown_tool(
        &self,
        pack: Option<&str>,
        path: &str,
        entry: &Spanned<String>,
        name: &str,
    ) -> Diagnostic {
        let custom = self.config.custom_tools.iter().map(String::as_str);
        let help = if let Some(suggestion) = registry::suggest(name, custom) {
            format!("did you mean `{suggestion}`?")
        } else if self
            .by_key
            .contains_key(&(pack.map(str::to_owned), name.to_owned()))
            || self.config.is_external_agent(name)
        {
            format!("`{name}` is an agent: to let this agent start it, write `Agent({name})`")
        } else {
            "use a Claude Code tool name (Read, Write, Edit, Bash, Glob, Grep, WebFetch, …), `mcp__<server>__<tool>`, or declare it under `[tools] custom` in agentgen.toml".to_owned()
        };
        Diagnostic::new(Code::UnknownTool, path, format!("unknown tool `{name}`"))
            .at(entry.span.clone())
            .label(format!(
                "not a tool of Claude Code {}",
                registry::CLAUDE_CODE_VERSION
            ))
            .note("Claude Code keeps the name and silently drops it when the agent runs")
            .help(help)
    }

    /// Resolves an agent name from an agent in `pack`: `pack:name` exactly, else the same pack,
    /// else a declared external agent.
    pub(super) fn agent(
        &self,
        pack: Option<&str>,
        path: &str,
        name: &Spanned<String>,
        what: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<AgentTarget> {
        let text = name.value.as_str();
        let key = match text.split_once(':') {
            Some((p, n)) if self.namespaced => (Some(p.to_owned()), n.to_owned()),
            _ => (pack.map(str::to_owned), text.to_owned()),
        };
        if let Some(&index) = self.by_key.get(&key) {
            if let Some(broken) = index.checked_sub(self.live_agents) {
                // An agent whose file is broken: no error here, a note at its file.
                self.broken_uses
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push((broken, path.to_owned()));
                return Some(AgentTarget::Broken(broken));
            }
            return Some(AgentTarget::Catalog(index));
        }
        if self.config.is_external_agent(text) {
            return Some(AgentTarget::External(text.to_owned()));
        }
        let mut close: Vec<(f64, String)> = self
            .names
            .iter()
            .filter(|(p, _)| p.as_deref() == pack)
            .map(|(_, n)| {
                // `reviewer` after a rename to `code-reviewer` (or `reviewer-bot`): a whole part of
                // the name, too far for the string metric alone, and ranked with close typos.
                let part_of_it = n
                    .strip_suffix(text)
                    .is_some_and(|before| before.ends_with('-'))
                    || n.strip_prefix(text)
                        .is_some_and(|after| after.starts_with('-'));
                let score = strsim::jaro_winkler(text, n);
                (if part_of_it { score.max(0.95) } else { score }, n.clone())
            })
            .filter(|(score, _)| *score > 0.8)
            .collect();
        close.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let elsewhere: Vec<String> = self
            .names
            .iter()
            .filter(|(p, n)| n == text && p.as_deref() != pack)
            .map(|(p, n)| match p {
                Some(p) => format!("{p}:{n}"),
                None => n.clone(),
            })
            .collect();
        let nameless = self
            .nameless_files
            .iter()
            .find(|(stem, _)| stem == text)
            .map(|(_, path)| path);
        let help = if let Some(path) = nameless {
            format!(
                "`{path}` has no usable `name` (its own error says why): give it `name: {text}`"
            )
        } else if !elsewhere.is_empty() {
            format!(
                "an agent of that name is in another {}: write `{}`",
                self.namespace_word,
                elsewhere.join("` or `")
            )
        } else if !close.is_empty() {
            let names: Vec<String> = close
                .into_iter()
                .take(3)
                .map(|(_, n)| format!("`{n}`"))
                .collect();
            format!("did you mean {}?", names.join(" or "))
        } else {
            "add an agent file with this name, or declare it under `[agents] external` in agentgen.toml".to_owned()
        };
        let scope = match pack {
            Some(pack) => format!("{} `{pack}`", self.namespace_word),
            None => "this catalog".to_owned(),
        };
        diagnostics.push(
            Diagnostic::new(
                Code::UnknownCollaborator,
                path,
                format!("unknown {what} `{text}`: no agent of {scope} has this name"),
            )
            .at(name.span.clone())
            .label("no such agent")
            .help(help),
        );
        None
    }
}

/// The diagnostic for an old tool name: a `legacy-tool` warning for a name Claude Code still
/// maps (`Task` → `Agent`), a `retired-tool` warning for one it drops when the agent runs;
/// `None` for a built-in tool.
fn old_name(path: &str, entry: &Spanned<String>, info: &ToolInfo) -> Option<Diagnostic> {
    let version = registry::CLAUDE_CODE_VERSION;
    let name = info.name;
    let diagnostic = match info.kind {
        ToolKind::Current => return None,
        ToolKind::Alias { of } => Diagnostic::new(
            Code::LegacyTool,
            path,
            format!("`{name}` is an old name of `{of}`"),
        )
        .label(format!("Claude Code {version} maps `{name}` to `{of}`"))
        .note("the entry works today; Claude Code keeps old names only for a while")
        .help(format!("write `{of}`")),
        ToolKind::Retired { use_instead } => Diagnostic::new(
            Code::RetiredTool,
            path,
            format!("Claude Code {version} has no tool `{name}` any more"),
        )
        .label("dropped when the agent runs")
        .note("Claude Code keeps the entry in the agent's list and silently drops it when the agent runs")
        .help(match use_instead {
            Some(other) => format!("remove it, or use `{other}`"),
            None => "remove it".to_owned(),
        }),
    };
    Some(diagnostic.at(entry.span.clone()))
}
