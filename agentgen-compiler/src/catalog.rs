//! A catalog: every agent file of a directory, read as Claude Code reads it, validated as a
//! whole (tools, collaborators, duplicate names, Rust identifiers, lints), ready to generate.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Code, Diagnostic, LintLevel, Related, Severity, Span};
use crate::read::{self, AgentFile, Spanned, ToolsReading};
use crate::registry::{self, ToolInfo};

/// A validated catalog.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// How the agents directory is shown in messages (e.g. `agents`).
    pub display_root: String,
    /// The configuration it was compiled with.
    pub config: Config,
    /// Every agent file read, sorted by path.
    pub files: Vec<AgentFile>,
    /// The agents that Claude Code loads, sorted by qualified name.
    pub agents: Vec<Agent>,
    /// Every diagnostic after lint levels, sorted by file, line, column and code.
    pub diagnostics: Vec<Diagnostic>,
    /// Absolute paths of every file and directory read (for rebuild tracking).
    pub tracked_paths: Vec<PathBuf>,
}

/// One agent of the catalog, resolved.
#[derive(Debug, Clone)]
pub struct Agent {
    /// Index into [`Catalog::files`].
    pub file: usize,
    /// The pack, when the catalog has packs and the file is in one.
    pub pack: Option<String>,
    /// The name within its pack.
    pub name: String,
    /// `pack:name` or `name`.
    pub qualified_name: String,
    /// Variant of the generated agent enum (UpperCamelCase).
    pub variant: String,
    /// Name of the generated constant (SHOUTY_SNAKE_CASE), within its pack module.
    pub constant: String,
    /// `None` = inherit all.
    pub tools: Option<Vec<ResolvedTool>>,
    /// `disallowedTools`.
    pub disallowed_tools: Vec<ResolvedTool>,
    /// Indexes into [`Catalog::agents`] of collaborators of this catalog.
    pub collaborators: Vec<usize>,
    /// Collaborators outside the catalog.
    pub external_collaborators: Vec<String>,
}

/// A tool entry, resolved against the registry and the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolvedTool {
    /// A built-in tool.
    BuiltIn(&'static ToolInfo),
    /// A permission rule `Tool(rule)`.
    Rule {
        /// The tool.
        tool: &'static ToolInfo,
        /// Text between the parentheses.
        rule: String,
    },
    /// An MCP tool.
    Mcp {
        /// Server.
        server: String,
        /// Tool, `None` for all.
        tool: Option<String>,
    },
    /// `Agent(x, …)` / `Task(x, …)`.
    SpawnAgents {
        /// Written as `Task(…)`.
        legacy_task: bool,
        /// Targets.
        agents: Vec<AgentTarget>,
    },
    /// A configured custom tool.
    Custom(String),
    /// Unresolvable (an error was reported); left out of generated code.
    Invalid,
}

/// The target of an agent reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgentTarget {
    /// Index into [`Catalog::agents`].
    Catalog(usize),
    /// An external agent.
    External(String),
}

impl Catalog {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Counts of errors and warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        (errors, self.diagnostics.len() - errors)
    }

    /// The file an agent came from.
    pub fn file_of(&self, agent: &Agent) -> &AgentFile {
        &self.files[agent.file]
    }

    /// The source file with this display path.
    pub fn source(&self, display_path: &str) -> Option<&crate::source::SourceFile> {
        self.files
            .iter()
            .map(|f| &f.source)
            .find(|s| s.display_path == display_path)
    }
}

/// Compiles the agents directory `dir`, shown in messages as `display_root`, with `overrides`
/// on top of its `agentgen.toml`. Never fails: problems are diagnostics of the catalog.
pub fn compile_dir(dir: &Path, display_root: &str, overrides: &Config) -> Catalog {
    let display_root = display_root.trim_end_matches('/').to_owned();
    let mut diagnostics = Vec::new();
    let mut config = match Config::load(dir, &display_root) {
        Ok(config) => config,
        Err(diag) => {
            diagnostics.push(*diag);
            Config::default()
        }
    };
    config.merge(overrides);
    let mut tracked_paths = vec![dir.to_path_buf()];
    let config_path = dir.join(CONFIG_FILE);
    if config_path.is_file() {
        tracked_paths.push(config_path);
    }
    let mut files = Vec::new();
    if !dir.is_dir() {
        diagnostics.push(
            Diagnostic::new(
                Code::InvalidPath,
                display_root.clone(),
                "agents directory not found",
            )
            .help("create the directory or fix the path (relative to the crate's Cargo.toml)"),
        );
    } else {
        let (found, walk_diagnostics) = find_agent_files(dir, &display_root);
        diagnostics.extend(walk_diagnostics);
        for (relative, path) in found {
            let display = format!("{display_root}/{relative}");
            tracked_paths.push(path.clone());
            files.push(read_path(&path, &display, &mut diagnostics));
        }
    }
    compile_files(files, display_root, config, diagnostics, tracked_paths)
}

fn read_path(path: &Path, display: &str, diagnostics: &mut Vec<Diagnostic>) -> AgentFile {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > read::MAX_FILE_BYTES => {
            return read::too_large(display, meta.len());
        }
        Ok(_) => {}
        Err(e) => {
            diagnostics.push(Diagnostic::new(
                Code::UnreadableFile,
                display,
                format!("cannot read agent file: {e}"),
            ));
            return read::too_large(display, 0).without_diagnostics();
        }
    }
    match std::fs::read(path) {
        Ok(bytes) => read::read_agent(display, &bytes),
        Err(e) => {
            diagnostics.push(Diagnostic::new(
                Code::UnreadableFile,
                display,
                format!("cannot read agent file: {e}"),
            ));
            read::too_large(display, 0).without_diagnostics()
        }
    }
}

/// Walks `dir` as Claude Code does: every `.md` file below it, subdirectories and hidden files
/// included, symbolic links followed (each real directory once, so loops end).
fn walk(
    dir: &Path,
    prefix: &str,
    found: &mut Vec<(String, PathBuf)>,
    visited: &mut HashSet<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
    display_root: &str,
) {
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !visited.insert(canonical) {
        diagnostics.push(
            Diagnostic::new(
                Code::UnreadableFile,
                format!("{display_root}/{prefix}"),
                "directory already visited (symbolic link loop or second link to it)",
            )
            .note("agentgen reads each directory once"),
        );
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            diagnostics.push(Diagnostic::new(
                Code::UnreadableFile,
                format!("{display_root}/{prefix}"),
                format!("cannot read directory: {e}"),
            ));
            return;
        }
    };
    let mut names: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    names.sort();
    for (name, path) in names {
        let relative = format!("{prefix}{name}");
        let Ok(meta) = std::fs::metadata(&path) else {
            if name.ends_with(".md") {
                diagnostics.push(Diagnostic::new(
                    Code::UnreadableFile,
                    format!("{display_root}/{relative}"),
                    "cannot read agent file (broken symbolic link?)",
                ));
            }
            continue;
        };
        if meta.is_dir() {
            walk(
                &path,
                &format!("{relative}/"),
                found,
                visited,
                diagnostics,
                display_root,
            );
        } else if name.ends_with(".md") {
            if meta.is_file() {
                found.push((relative, path));
            } else {
                diagnostics.push(
                    Diagnostic::new(
                        Code::UnreadableFile,
                        format!("{display_root}/{relative}"),
                        "not a regular file",
                    )
                    .note("Claude Code does not load it"),
                );
            }
        } else if name.len() > 3 && name.as_bytes()[name.len() - 3..].eq_ignore_ascii_case(b".md") {
            diagnostics.push(
                Diagnostic::new(
                    Code::ExtensionCase,
                    format!("{display_root}/{relative}"),
                    "agent file extension is not lower-case `.md`",
                )
                .note("Claude Code loads only `.md` files (on case-sensitive file systems); agentgen does not compile this file")
                .help("rename the file to end in `.md`"),
            );
        }
    }
}

/// The agent files (`*.md`) below `dir` as `compile_dir` finds them: `(path relative to dir with
/// `/` separators, path on disk)`, sorted, each directory visited once (symbolic-link loops are
/// reported). Problems met on the way (unreadable entries, `.MD` files) are diagnostics, shown
/// under `display_root`. Used by [`compile_dir`] and `agentgen fix`.
pub fn find_agent_files(
    dir: &Path,
    display_root: &str,
) -> (Vec<(String, PathBuf)>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut diagnostics = Vec::new();
    let mut visited = HashSet::new();
    let display_root = display_root.trim_end_matches('/');
    walk(
        dir,
        "",
        &mut found,
        &mut visited,
        &mut diagnostics,
        display_root,
    );
    found.sort_by(|a, b| a.0.cmp(&b.0));
    (found, diagnostics)
}

impl AgentFile {
    fn without_diagnostics(mut self) -> AgentFile {
        self.diagnostics.clear();
        self
    }
}

/// Validates already-read files as one catalog (used by [`compile_dir`], tests and benches).
pub fn compile_files(
    mut files: Vec<AgentFile>,
    display_root: String,
    config: Config,
    mut diagnostics: Vec<Diagnostic>,
    tracked_paths: Vec<PathBuf>,
) -> Catalog {
    files.sort_by(|a, b| a.source.display_path.cmp(&b.source.display_path));
    for file in &mut files {
        diagnostics.append(&mut file.diagnostics.clone());
    }
    let root_prefix = format!("{display_root}/");
    // 1. Name every accepted agent; duplicates within a namespace are errors.
    let mut agents: Vec<Agent> = Vec::new();
    let mut by_key: BTreeMap<(Option<String>, String), usize> = BTreeMap::new();
    for (index, file) in files.iter().enumerate() {
        if !file.is_accepted() {
            continue;
        }
        let Some(name) = &file.name else { continue };
        let relative = file
            .path()
            .strip_prefix(&root_prefix)
            .unwrap_or(file.path());
        let pack = if config.packs {
            relative.split_once('/').map(|(dir, _)| dir.to_owned())
        } else {
            None
        };
        let key = (pack.clone(), name.value.clone());
        if let Some(&first) = by_key.get(&key) {
            let first_file = &files[agents[first].file];
            diagnostics.push(
                Diagnostic::new(Code::DuplicateName, file.path(), format!("two agents are named `{}`", name.value))
                    .at(name.span.clone())
                    .label("second agent with this name")
                    .related(Related {
                        file: first_file.path().to_owned(),
                        span: first_file.name.as_ref().and_then(|n| n.span.clone()),
                        message: "first agent with this name".into(),
                    })
                    .note("Claude Code keeps one of them depending on directory order, which differs between machines")
                    .help(if config.packs {
                        "rename one of the agents, or move it into another pack"
                    } else {
                        "rename one of the agents, or organise the directory into packs (`packs = true` in agentgen.toml)"
                    }),
            );
            continue;
        }
        by_key.insert(key, agents.len());
        let qualified_name = match &pack {
            Some(pack) => format!("{pack}:{}", name.value),
            None => name.value.clone(),
        };
        let (variant, constant) = identifiers(pack.as_deref(), &name.value);
        if !is_kebab_case(&name.value) {
            diagnostics.push(
                Diagnostic::new(
                    Code::NonKebabName,
                    file.path(),
                    format!("agent name `{}` is not kebab-case", name.value),
                )
                .at(name.span.clone())
                .help(format!(
                    "Claude Code's convention is lower-case words joined by `-`, e.g. `{}`",
                    kebab_suggestion(&name.value)
                )),
            );
        }
        agents.push(Agent {
            file: index,
            pack,
            name: name.value.clone(),
            qualified_name,
            variant,
            constant,
            tools: None,
            disallowed_tools: Vec::new(),
            collaborators: Vec::new(),
            external_collaborators: Vec::new(),
        });
    }
    // 2. Rust identifiers must be unique.
    // Colliding agents are left out so that the generated code stays valid (the error stands).
    let colliding = check_identifiers(&agents, &files, &mut diagnostics);
    if !colliding.is_empty() {
        agents = agents
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !colliding.contains(i))
            .map(|(_, a)| a)
            .collect();
        by_key = agents
            .iter()
            .enumerate()
            .map(|(i, a)| ((a.pack.clone(), a.name.clone()), i))
            .collect();
    }
    // 3. Resolve tools and collaborators.
    let names: Vec<(Option<String>, String)> = agents
        .iter()
        .map(|a| (a.pack.clone(), a.name.clone()))
        .collect();
    let resolver = Resolver {
        config: &config,
        names: &names,
        by_key: &by_key,
    };
    for agent in &mut agents {
        let file = &files[agent.file];
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
                let tool = resolver.tool(agent.pack.as_deref(), file, entry, &mut diagnostics);
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
            .map(|entry| resolver.tool(agent.pack.as_deref(), file, entry, &mut diagnostics))
            .collect();
        for name in &file.collaborator_names {
            if let Some(target) = resolver.agent(
                agent.pack.as_deref(),
                file,
                name,
                "collaborator",
                &mut diagnostics,
            ) {
                collaborators.push(target);
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
                _ => {}
            }
        }
    }
    // 4. Lint levels, order.
    let mut diagnostics: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter_map(|mut d| {
            match config.level(d.code) {
                LintLevel::Allow => return None,
                LintLevel::Warn => d.severity = Severity::Warning,
                LintLevel::Deny => d.severity = Severity::Error,
            }
            Some(d)
        })
        .collect();
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            (
                d.file.clone(),
                d.span.as_ref().map(|s| (s.line, s.column)),
                d.code,
                d.message.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    diagnostics.dedup();
    // Agents sorted by qualified name; remap collaborator indexes.
    let mut order: Vec<usize> = (0..agents.len()).collect();
    order.sort_by(|&a, &b| agents[a].qualified_name.cmp(&agents[b].qualified_name));
    let mut new_index = vec![0; agents.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let remap = |tool: &mut ResolvedTool| {
        if let ResolvedTool::SpawnAgents {
            agents: targets, ..
        } = tool
        {
            for target in targets {
                if let AgentTarget::Catalog(i) = target {
                    *i = new_index[*i];
                }
            }
        }
    };
    for agent in &mut agents {
        agent
            .collaborators
            .iter_mut()
            .for_each(|i| *i = new_index[*i]);
        agent.tools.iter_mut().flatten().for_each(remap);
        agent.disallowed_tools.iter_mut().for_each(remap);
    }
    let mut sorted: Vec<Option<Agent>> = agents.into_iter().map(Some).collect();
    let agents = order.iter().filter_map(|&i| sorted[i].take()).collect();
    Catalog {
        display_root,
        config,
        files,
        agents,
        diagnostics,
        tracked_paths,
    }
}

struct Resolver<'a> {
    config: &'a Config,
    names: &'a [(Option<String>, String)],
    by_key: &'a BTreeMap<(Option<String>, String), usize>,
}

impl Resolver<'_> {
    fn tool(
        &self,
        pack: Option<&str>,
        file: &AgentFile,
        entry: &Spanned<String>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> ResolvedTool {
        let text = entry.value.as_str();
        let path = file.path();
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
                    diagnostics.push(legacy(path, entry, "Task", "Agent"));
                }
                let agents = targets
                    .into_iter()
                    .filter_map(|t| {
                        let target = Spanned {
                            value: t.to_owned(),
                            span: entry.span.clone(),
                        };
                        self.agent(pack, file, &target, "agent", diagnostics)
                    })
                    .collect();
                return ResolvedTool::SpawnAgents {
                    legacy_task: name == "Task",
                    agents,
                };
            }
            if let Some(info) = registry::builtin(name) {
                if let Some(replacement) = info.legacy_replacement {
                    diagnostics.push(legacy(path, entry, name, replacement));
                }
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
            if let Some(replacement) = info.legacy_replacement {
                diagnostics.push(legacy(path, entry, text, replacement));
            }
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
    fn agent(
        &self,
        pack: Option<&str>,
        file: &AgentFile,
        name: &Spanned<String>,
        what: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<AgentTarget> {
        let text = name.value.as_str();
        let key = match text.split_once(':') {
            Some((p, n)) if self.config.packs => (Some(p.to_owned()), n.to_owned()),
            _ => (pack.map(str::to_owned), text.to_owned()),
        };
        if let Some(&index) = self.by_key.get(&key) {
            return Some(AgentTarget::Catalog(index));
        }
        if self.config.is_external_agent(text) {
            return Some(AgentTarget::External(text.to_owned()));
        }
        let mut close: Vec<(f64, String)> = self
            .names
            .iter()
            .filter(|(p, _)| p.as_deref() == pack)
            .map(|(_, n)| (strsim::jaro_winkler(text, n), n.clone()))
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
        let help = if !elsewhere.is_empty() {
            format!(
                "an agent of that name is in another pack: write `{}`",
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
            Some(pack) => format!("pack `{pack}`"),
            None => "this catalog".to_owned(),
        };
        diagnostics.push(
            Diagnostic::new(
                Code::UnknownCollaborator,
                file.path(),
                format!("unknown {what} `{text}`: no agent of {scope} has this name"),
            )
            .at(name.span.clone())
            .label("no such agent")
            .help(help),
        );
        None
    }
}

fn legacy(path: &str, entry: &Spanned<String>, name: &str, replacement: &str) -> Diagnostic {
    Diagnostic::new(
        Code::LegacyTool,
        path,
        format!("`{name}` is a legacy tool name"),
    )
    .at(entry.span.clone())
    .label(format!(
        "Claude Code {} has no `{name}`",
        registry::CLAUDE_CODE_VERSION
    ))
    .note("Claude Code drops this entry when the agent runs")
    .help(format!("use `{replacement}` instead"))
}

/// Reports agents whose identifiers collide with an earlier one; returns their indexes.
fn check_identifiers(
    agents: &[Agent],
    files: &[AgentFile],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let mut colliding = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (index, agent) in agents.iter().enumerate() {
        if let Some(&first) = seen.get(&agent.variant) {
            let other = &agents[first];
            let file = &files[agent.file];
            let first_file = &files[other.file];
            diagnostics.push(
                Diagnostic::new(
                    Code::IdentifierCollision,
                    file.path(),
                    format!(
                        "agent names `{}` and `{}` both become the Rust identifier `{}`",
                        other.qualified_name, agent.qualified_name, agent.variant
                    ),
                )
                .at(file.name.as_ref().and_then(|n| n.span.clone()))
                .related(Related {
                    file: first_file.path().to_owned(),
                    span: first_file.name.as_ref().and_then(|n| n.span.clone()),
                    message: format!("`{}` is named here", other.qualified_name),
                })
                .help("rename one of the agents so that their names differ in more than case and punctuation"),
            );
            colliding.push(index);
        } else {
            seen.insert(agent.variant.clone(), index);
        }
    }
    colliding
}

/// Rust identifiers for an agent: (enum variant, constant). Non-ASCII-alphanumeric characters
/// separate words; a leading digit gets an `Agent`/`AGENT_` prefix; names with no ASCII letter
/// or digit get a stable hash-based identifier.
pub fn identifiers(pack: Option<&str>, name: &str) -> (String, String) {
    let words = |s: &str| {
        s.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
            .collect::<String>()
    };
    let mut base = words(name);
    if base.trim().is_empty() {
        base = format!("agent {:08x}", agentgen_fnv1a(name.as_bytes()) as u32);
    }
    let full = match pack {
        Some(pack) => format!("{} {base}", words(pack)),
        None => base.clone(),
    };
    let mut variant = full.to_upper_camel_case();
    let mut constant = base.to_shouty_snake_case();
    if variant.starts_with(|c: char| c.is_ascii_digit()) {
        variant.insert_str(0, "Agent");
    }
    if constant.starts_with(|c: char| c.is_ascii_digit()) {
        constant.insert_str(0, "AGENT_");
    }
    if variant == "Self" {
        variant.push('_');
    }
    // Top-level items of the generated module that a constant must not shadow.
    if constant == "ALL" || constant == "NAME_TABLE" {
        constant.push('_');
    }
    (variant, constant)
}

/// The module name of a pack (snake_case, keywords suffixed with `_`).
pub fn pack_module(pack: &str) -> String {
    let words: String = pack
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let mut module = words.to_snake_case();
    if module.is_empty() {
        module = format!("pack_{:08x}", agentgen_fnv1a(pack.as_bytes()) as u32);
    }
    if module.starts_with(|c: char| c.is_ascii_digit()) {
        module.insert_str(0, "pack_");
    }
    if syn::parse_str::<syn::Ident>(&module).is_err()
        || module == "self"
        || module == "super"
        || module == "crate"
    {
        module.push('_');
    }
    module
}

/// FNV-1a, the same function as `agentgen::fnv1a` (a test keeps them equal).
pub const fn agentgen_fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

fn is_kebab_case(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn kebab_suggestion(name: &str) -> String {
    let words: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let kebab = heck::ToKebabCase::to_kebab_case(words.as_str());
    if kebab.is_empty() {
        "my-agent".to_owned()
    } else {
        kebab
    }
}

/// The span of `name` of an agent, for diagnostics on the agent as a whole.
pub fn name_span(file: &AgentFile) -> Option<Span> {
    file.name.as_ref().and_then(|n| n.span.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::read_agent;

    fn catalog(files: &[(&str, &str)], config: Config) -> Catalog {
        let files = files
            .iter()
            .map(|(p, t)| read_agent(&format!("agents/{p}"), t.as_bytes()))
            .collect();
        compile_files(files, "agents".into(), config, Vec::new(), Vec::new())
    }

    fn codes(catalog: &Catalog) -> Vec<Code> {
        catalog.diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn identifiers_are_valid_rust() {
        assert_eq!(
            identifiers(None, "code-reviewer"),
            ("CodeReviewer".into(), "CODE_REVIEWER".into())
        );
        assert_eq!(identifiers(Some("ddd"), "api-designer").0, "DddApiDesigner");
        assert_eq!(identifiers(None, "3d-modeller").0, "Agent3dModeller");
        assert_eq!(identifiers(None, "self").0, "Self_");
        assert!(identifiers(None, "后端").0.starts_with("Agent"));
        assert_eq!(pack_module("type"), "type_");
        assert_eq!(pack_module("my-pack"), "my_pack");
    }

    #[test]
    fn unknown_tool_and_collaborator_with_suggestions() {
        let c = catalog(
            &[
                (
                    "a.md",
                    "---\nname: a\ndescription: d\ntools: Read, Bsh, Agent(b), Agent(c)\ndependencies: [bb]\n---\nx",
                ),
                ("b.md", "---\nname: b\ndescription: d\n---\nx"),
            ],
            Config::default(),
        );
        let unknown_tool = c
            .diagnostics
            .iter()
            .find(|d| d.code == Code::UnknownTool)
            .expect("unknown tool");
        assert_eq!(unknown_tool.help.as_deref(), Some("did you mean `Bash`?"));
        assert_eq!(
            unknown_tool.span.as_ref().map(|s| (s.line, s.column)),
            Some((4, 14))
        );
        let unknown: Vec<_> = c
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::UnknownCollaborator)
            .collect();
        assert_eq!(unknown.len(), 2, "{:?}", c.diagnostics);
        assert!(
            unknown
                .iter()
                .any(|d| d.help.as_deref() == Some("did you mean `b`?")),
            "{unknown:?}"
        );
        assert_eq!(c.agents[0].collaborators, vec![1]);
    }

    #[test]
    fn duplicates_and_collisions() {
        let c = catalog(
            &[
                ("x/a.md", "---\nname: dup\ndescription: d\n---\nx"),
                ("y/b.md", "---\nname: dup\ndescription: d\n---\nx"),
                ("c.md", "---\nname: Code_Reviewer\ndescription: d\n---\nx"),
                ("d.md", "---\nname: code-reviewer\ndescription: d\n---\nx"),
            ],
            Config::default(),
        );
        let codes = codes(&c);
        assert!(codes.contains(&Code::DuplicateName));
        assert!(codes.contains(&Code::IdentifierCollision));
        assert!(codes.contains(&Code::NonKebabName));
        let dup = c
            .diagnostics
            .iter()
            .find(|d| d.code == Code::DuplicateName)
            .expect("dup");
        assert_eq!(dup.related[0].file, "agents/x/a.md");
    }

    #[test]
    fn packs_make_namespaces() {
        let config = Config {
            packs: true,
            ..Config::default()
        };
        let c = catalog(
            &[
                (
                    "x/a.md",
                    "---\nname: dup\ndescription: d\ntools: Agent(helper), Agent(y:dup)\n---\nx",
                ),
                ("x/h.md", "---\nname: helper\ndescription: d\n---\nx"),
                (
                    "y/b.md",
                    "---\nname: dup\ndescription: d\ntools: Agent(helper)\n---\nx",
                ),
            ],
            config,
        );
        let unknown: Vec<_> = c
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::UnknownCollaborator)
            .collect();
        assert_eq!(unknown.len(), 1, "{:?}", c.diagnostics);
        assert!(
            unknown[0]
                .help
                .as_deref()
                .unwrap_or("")
                .contains("x:helper"),
            "{unknown:?}"
        );
        let names: Vec<&str> = c.agents.iter().map(|a| a.qualified_name.as_str()).collect();
        assert_eq!(names, ["x:dup", "x:helper", "y:dup"]);
        assert_eq!(c.agents[0].collaborators, vec![1, 2]);
    }

    #[test]
    fn lint_levels_apply() {
        let mut config = Config::default();
        config
            .set_lint("legacy-tool", LintLevel::Deny)
            .expect("lint");
        config
            .set_lint("non-kebab-name", LintLevel::Allow)
            .expect("lint");
        let c = catalog(
            &[(
                "a.md",
                "---\nname: A\ndescription: d\ntools: MultiEdit\n---\nx",
            )],
            config,
        );
        assert_eq!(codes(&c), [Code::LegacyTool]);
        assert!(c.has_errors());
    }

    #[test]
    fn fnv_matches_the_runtime_value() {
        // FNV-1a test vector: "a" → 0xaf63dc4c8601ec8c.
        assert_eq!(agentgen_fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
