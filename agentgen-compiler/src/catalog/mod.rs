//! A catalog: every agent file of a directory, read as Claude Code reads it, validated as a
//! whole (tools, collaborators, duplicate names, Rust identifiers, lints), ready to generate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::{Config, Layout};
use crate::diagnostic::{Code, Diagnostic, LintLevel, Related, Severity, Span};
use crate::read::{AgentFile, SkillFile};
use crate::registry::ToolInfo;
use crate::source::SourceFile;

mod broken;
mod identifiers;
pub mod layout;
mod mentions;
mod metadata;
mod resolve;
pub mod skills;
mod team;
mod walk;

pub use layout::PluginInfo;
pub use mentions::{PromptReference, ReferenceForm};
pub use metadata::MetadataSlot;
pub use skills::{Skill, SkillTarget};
pub use walk::{find_agent_files, js_path_order};

use crate::naming::{agent_identifiers, is_kebab_case, kebab_suggestion, pack_module};
use identifiers::check_identifiers;
use resolve::{Resolver, resolve_agent};
use walk::read_path;

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
    /// The agents whose file is broken (Claude Code skips or rejects it for an error) but whose
    /// name can be read and is no loaded agent's, sorted by qualified name. References to them
    /// resolve to [`AgentTarget::Broken`] instead of being reported as unknown, and the generated
    /// code keeps their variants and constants while the catalog has errors (it always has one
    /// when this list is not empty: the file's). They have no tools, collaborators or
    /// references. Empty when every file loads.
    pub broken_agents: Vec<Agent>,
    /// Every diagnostic after lint levels, sorted by file, line, column and code.
    pub diagnostics: Vec<Diagnostic>,
    /// Absolute paths of every file and directory read (for rebuild tracking).
    pub tracked_paths: Vec<PathBuf>,
    /// The catalog's `agentgen.toml`, when it has one (diagnostics point into it).
    pub config_source: Option<crate::source::SourceFile>,
    /// With a `[metadata]` schema: each file's values of the declared keys, in the order of
    /// [`files`](Self::files) (`None` for a file Claude Code does not load), each in the order
    /// of the schema's keys. Empty without a schema.
    pub metadata: Vec<Option<Vec<MetadataSlot>>>,
    /// The layout the catalog was read with.
    pub layout: Layout,
    /// The plugins of the catalog (layouts `plugin`, `plugins`, `marketplace`).
    pub plugins: Vec<PluginInfo>,
    /// Every skill file read, sorted by path.
    pub skill_files: Vec<SkillFile>,
    /// The skills Claude Code loads, sorted by qualified name.
    pub skills: Vec<Skill>,
    /// The plugin and marketplace manifests read (for messages that point into them).
    pub manifests: Vec<SourceFile>,
    /// The commands (`commands/**/*.md`) of a `.claude` project or of plugins, which agents may
    /// preload as skills, in path order. A plugin command's `name` is applied.
    pub commands: Vec<layout::Command>,
    /// Every command file read, in the order of [`commands`](Self::commands) (index `i` is the
    /// file of `commands[i]`), read as Claude Code reads them: with its skill reader
    /// ([`crate::read::SkillKind`]).
    pub command_files: Vec<SkillFile>,
    /// The commands Claude Code loads, named and resolved as the skills it offers them as
    /// ([`Skill::file`] indexes [`command_files`](Self::command_files)), sorted by qualified
    /// name. The generated code has a `Command` enum and a `commands::` constant for each.
    pub command_skills: Vec<Skill>,
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
    /// The agents `observer` names (Claude Code starts them as background observers).
    pub observers: Vec<AgentTarget>,
    /// Indexes into [`Catalog::agents`] of the agents the prompt mentions, in order of first
    /// mention, without duplicates and without this agent (frontmatter references are in
    /// [`collaborators`](Self::collaborators)).
    pub mentions: Vec<usize>,
    /// External agents the prompt mentions (declared ones, Claude Code's built-in ones).
    pub external_mentions: Vec<String>,
    /// Every agent reference in the prompt, resolved or not, in text order.
    pub prompt_references: Vec<PromptReference>,
    /// The subfolders between a plugin's agents folder and the file: segments of the qualified
    /// name (`plugin:review:security`). Empty outside plugins.
    pub namespace: Vec<String>,
    /// `skills`, resolved: the skills Claude Code preloads, in order, without repeats.
    pub skills: Vec<SkillTarget>,
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

/// What names an agent before its references are resolved.
pub(crate) struct AgentNames {
    pub(crate) file: usize,
    pub(crate) pack: Option<String>,
    pub(crate) name: String,
    pub(crate) qualified_name: String,
    pub(crate) variant: String,
    pub(crate) constant: String,
    pub(crate) namespace: Vec<String>,
}

impl Agent {
    /// An agent with its names and nothing resolved yet (tools inherit all until resolved).
    pub(crate) fn named(names: AgentNames) -> Agent {
        Agent {
            file: names.file,
            pack: names.pack,
            name: names.name,
            qualified_name: names.qualified_name,
            variant: names.variant,
            constant: names.constant,
            tools: None,
            disallowed_tools: Vec::new(),
            collaborators: Vec::new(),
            external_collaborators: Vec::new(),
            observers: Vec::new(),
            mentions: Vec::new(),
            external_mentions: Vec::new(),
            prompt_references: Vec::new(),
            namespace: names.namespace,
            skills: Vec::new(),
        }
    }
}

/// The target of an agent reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgentTarget {
    /// Index into [`Catalog::agents`].
    Catalog(usize),
    /// An external agent.
    External(String),
    /// Index into [`Catalog::broken_agents`]: an agent of the catalog whose file has errors, so
    /// that Claude Code does not have it (the file's error says so).
    Broken(usize),
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
            .chain(self.config_source.as_ref())
            .chain(self.skill_files.iter().map(|f| &f.source))
            .chain(self.command_files.iter().map(|f| &f.source))
            .chain(&self.manifests)
            .find(|s| s.display_path == display_path)
    }

    /// The values of the `[metadata]` schema's keys for `agent` (`None` without a schema).
    pub fn metadata_of(&self, agent: &Agent) -> Option<&[MetadataSlot]> {
        self.metadata.get(agent.file)?.as_deref()
    }

    /// The file a skill came from.
    pub fn skill_file_of(&self, skill: &Skill) -> &SkillFile {
        &self.skill_files[skill.file]
    }

    /// The file a command came from (`command` of [`command_skills`](Self::command_skills)).
    pub fn command_file_of(&self, command: &Skill) -> &SkillFile {
        &self.command_files[command.file]
    }
}

/// An agent file and where Claude Code puts it.
#[derive(Debug, Clone)]
pub struct PlacedAgent {
    /// The file as read.
    pub file: AgentFile,
    /// Its pack or plugin.
    pub plugin: Option<String>,
    /// The subfolders of a plugin's agents folder it is in.
    pub namespace: Vec<String>,
}

/// A skill file and where it is.
#[derive(Debug, Clone)]
pub struct PlacedSkill {
    /// The file as read.
    pub file: SkillFile,
    /// Its plugin.
    pub plugin: Option<String>,
    /// The skill's folder on disk (its other files go with it when a plugin is exported).
    pub dir: Option<PathBuf>,
}

/// Everything a catalog is compiled from, beyond its agent files.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// The skill files read.
    pub skills: Vec<PlacedSkill>,
    /// The layout.
    pub layout: Option<Layout>,
    /// The plugins.
    pub plugins: Vec<PluginInfo>,
    /// Manifests read.
    pub manifests: Vec<SourceFile>,
    /// The commands.
    pub commands: Vec<layout::Command>,
    /// The command files read, in the order of `commands` (commands without one are known by
    /// name only).
    pub command_files: Vec<SkillFile>,
    /// The `agentgen.toml` read, as shown in messages (default: `<root>/agentgen.toml`).
    pub config_file: Option<String>,
}

/// Reads and validates the catalog whose root folder is `dir` (shown as `display_root`), with
/// `config` (its `agentgen.toml` and the options on top; `config.layout` set) and the problems
/// and text of its configuration file. [`crate::project::Project`] decides all of these; this is
/// the stage below it. `tracked` lists files read before (the configuration). Never fails:
/// problems are diagnostics of the catalog.
pub fn compile_root(
    dir: &Path,
    display_root: String,
    config: Config,
    mut diagnostics: Vec<Diagnostic>,
    config_source: Option<SourceFile>,
    tracked: Vec<PathBuf>,
) -> Catalog {
    let display_root = display_root.trim_end_matches('/').to_owned();
    let mut tracked_paths = vec![dir.to_path_buf()];
    tracked_paths.extend(tracked);
    let layout = config.layout.unwrap_or_else(|| Layout::detect(dir));
    let mut placed = Vec::new();
    let mut sources = Sources {
        layout: Some(layout),
        config_file: config_source.as_ref().map(|s| s.display_path.clone()),
        ..Sources::default()
    };
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
        let plan = layout::plan(dir, &display_root, layout);
        diagnostics.extend(plan.diagnostics);
        tracked_paths.extend(plan.tracked);
        // Packs: the top-level folders of the project agents' folder.
        let agents_prefix = match layout {
            Layout::Claude => format!("{display_root}/agents/"),
            _ => format!("{display_root}/"),
        };
        for source in plan.agents {
            tracked_paths.push(source.path.clone());
            let (file, plugin) = match &source.plugin {
                Some(plugin) => (
                    layout::read_plugin_path(&source, plugin, &mut diagnostics),
                    Some(plugin.clone()),
                ),
                None => {
                    let file = read_path(&source.path, &source.display, &mut diagnostics);
                    let pack = config
                        .packs
                        .then(|| pack_of(&source.display, &agents_prefix))
                        .flatten();
                    (file, pack)
                }
            };
            placed.push(PlacedAgent {
                file,
                plugin,
                namespace: source.namespace,
            });
        }
        for source in plan.skills {
            let file = layout::read_skill_path(&source, &mut diagnostics);
            sources.skills.push(PlacedSkill {
                file,
                plugin: source.plugin,
                dir: Some(source.dir),
            });
        }
        sources.plugins = plan.plugins;
        sources.manifests = plan.manifests;
        for command in &plan.commands {
            tracked_paths.push(command.path.clone());
            sources
                .command_files
                .push(layout::read_command_path(command));
        }
        sources.commands = plan.commands;
    }
    let mut catalog = compile_placed(
        placed,
        sources,
        display_root,
        config,
        diagnostics,
        tracked_paths,
    );
    catalog.config_source = config_source;
    catalog
}

/// The pack of a project agent: the top-level folder below `prefix` it is in.
fn pack_of(display: &str, prefix: &str) -> Option<String> {
    display
        .strip_prefix(prefix)
        .unwrap_or(display)
        .split_once('/')
        .map(|(dir, _)| dir.to_owned())
}

impl AgentFile {
    fn without_diagnostics(mut self) -> AgentFile {
        self.diagnostics.clear();
        self
    }
}

/// Validates already-read files as one catalog (used by [`compile_root`], tests and benches):
/// project agent files, in packs when `config.packs` is set.
pub fn compile_files(
    files: Vec<AgentFile>,
    display_root: String,
    config: Config,
    diagnostics: Vec<Diagnostic>,
    tracked_paths: Vec<PathBuf>,
) -> Catalog {
    let root_prefix = format!("{display_root}/");
    let placed = files
        .into_iter()
        .map(|file| PlacedAgent {
            plugin: config
                .packs
                .then(|| pack_of(file.path(), &root_prefix))
                .flatten(),
            file,
            namespace: Vec::new(),
        })
        .collect();
    compile_placed(
        placed,
        Sources::default(),
        display_root,
        config,
        diagnostics,
        tracked_paths,
    )
}

/// Validates placed agent files and skills as one catalog.
pub fn compile_placed(
    mut placed: Vec<PlacedAgent>,
    mut sources: Sources,
    display_root: String,
    config: Config,
    mut diagnostics: Vec<Diagnostic>,
    tracked_paths: Vec<PathBuf>,
) -> Catalog {
    placed.sort_by(|a, b| js_path_order(&a.file.source.display_path, &b.file.source.display_path));
    let mut files = Vec::with_capacity(placed.len());
    let mut placements = Vec::with_capacity(placed.len());
    for p in placed {
        files.push(p.file);
        placements.push((p.plugin, p.namespace));
    }
    for file in &mut files {
        diagnostics.append(&mut file.diagnostics.clone());
    }
    // Typed custom frontmatter, with a `[metadata]` schema.
    let metadata = match &config.metadata {
        Some(schema) => {
            let config_display = sources
                .config_file
                .clone()
                .unwrap_or_else(|| format!("{display_root}/{}", crate::config::CONFIG_FILE));
            metadata::check_catalog(schema, &files, &config_display, &mut diagnostics)
        }
        None => Vec::new(),
    };
    let mut skill_files = Vec::new();
    let mut skill_places = Vec::new();
    for placed in sources.skills {
        skill_files.push(placed.file);
        skill_places.push((placed.plugin, placed.dir));
    }
    for file in &mut skill_files {
        diagnostics.append(&mut file.diagnostics.clone());
    }
    let mut command_files = std::mem::take(&mut sources.command_files);
    command_files.truncate(sources.commands.len());
    for file in &command_files {
        diagnostics.extend(file.diagnostics.iter().cloned());
    }
    let layout = sources.layout.unwrap_or(Layout::Agents);
    let plugin_layout = matches!(
        layout,
        Layout::Plugin | Layout::Plugins | Layout::Marketplace
    );
    // 1. Name every accepted agent; duplicates within a namespace are errors.
    let mut agents: Vec<Agent> = Vec::new();
    let mut by_key: BTreeMap<(Option<String>, String), usize> = BTreeMap::new();
    for (index, file) in files.iter().enumerate() {
        if !file.is_accepted() {
            continue;
        }
        let Some(name) = &file.name else { continue };
        let (pack, namespace) = placements[index].clone();
        let local_name = if namespace.is_empty() {
            name.value.clone()
        } else {
            format!("{}:{}", namespace.join(":"), name.value)
        };
        let key = (pack.clone(), local_name.clone());
        if let Some(&earlier) = by_key.get(&key) {
            // Claude Code 2.1.332 sorts the paths; the last file with a name wins it.
            let shadowed = &files[agents[earlier].file];
            diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateName,
                    shadowed.path(),
                    format!(
                        "two agents are named `{}`: Claude Code loads `{}` and ignores this file",
                        name.value,
                        file.path()
                    ),
                )
                .at(shadowed.name.as_ref().and_then(|n| n.span.clone()))
                .label("ignored: a later file has this name")
                .related(Related {
                    file: file.path().to_owned(),
                    span: name.span.clone(),
                    message: "Claude Code loads this file (its path sorts last)".into(),
                })
                .note("Claude Code sorts agent file paths and the last one wins a name, with a line in its debug log only")
                .help(if config.packs {
                    "rename one of the agents, or move it into another pack"
                } else {
                    "rename one of the agents, or organise the directory into packs (`packs = true` in agentgen.toml)"
                }),
            );
            if plugin_layout && let Some(last) = diagnostics.last_mut() {
                last.message = format!(
                    "two plugin agents are named `{}`: Claude Code loads one of them, whichever of the two files it reads last",
                    key_name(&key)
                );
                last.related.clear();
                last.related.push(Related {
                    file: file.path().to_owned(),
                    span: name.span.clone(),
                    message: "the other file of this name".into(),
                });
                last.notes = vec!["Claude Code reads a plugin's agent files in parallel: the order, and so the winner, is not fixed".to_owned()];
                last.help = Some("rename one of the agents, or move it into a subfolder of `agents/` (a segment of its name)".to_owned());
            }
            agents[earlier].file = index;
            continue;
        }
        by_key.insert(key, agents.len());
        let qualified_name = match &pack {
            Some(pack) => format!("{pack}:{local_name}"),
            None => local_name.clone(),
        };
        let (variant, constant) = agent_identifiers(pack.as_deref(), &local_name);
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
        agents.push(Agent::named(AgentNames {
            file: index,
            pack,
            name: name.value.clone(),
            qualified_name,
            variant,
            constant,
            namespace,
        }));
    }
    // 2. Rust identifiers must be unique.
    // Colliding agents are left out so that the generated code stays valid (the error stands).
    let colliding = check_identifiers(&agents, &files, &mut diagnostics);
    let mut left_out = Vec::new();
    if !colliding.is_empty() {
        let (kept, removed): (Vec<_>, Vec<_>) = agents
            .into_iter()
            .enumerate()
            .partition(|(i, _)| !colliding.contains(i));
        agents = kept.into_iter().map(|(_, a)| a).collect();
        left_out = removed.into_iter().map(|(_, a)| a).collect();
        by_key = agents
            .iter()
            .enumerate()
            .map(|(i, a)| ((a.pack.clone(), local_name_of(a)), i))
            .collect();
    }
    // Skills: named, and their identifiers checked.
    let mut skills = skills::name_skills(&skill_files, &skill_places, &mut diagnostics);
    // Commands: named as Claude Code names them (a plugin command's `name` applied), like skills.
    let command_places: Vec<(Option<String>, Option<PathBuf>)> = sources
        .commands
        .iter()
        .map(|c| (c.plugin.clone(), None))
        .collect();
    let mut command_skills = skills::name_skills(&command_files, &command_places, &mut diagnostics);
    for command in &command_skills {
        if let Some(source) = sources.commands.get_mut(command.file) {
            source.name = command.qualified_name.clone();
        }
    }
    for (module, used) in [
        ("skills", !skills.is_empty()),
        ("commands", !command_skills.is_empty()),
    ] {
        if !used {
            continue;
        }
        for agent in agents.iter().chain(&left_out) {
            if agent.pack.as_deref().map(pack_module).as_deref() == Some(module) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::IdentifierCollision,
                        files[agent.file].path(),
                        format!("the pack or plugin `{module}` becomes the Rust module `{module}`, which holds the catalog's {module}"),
                    )
                    .at(name_span(&files[agent.file]))
                    .help("rename the pack or plugin"),
                );
            }
        }
    }
    // 2b. Agents whose file is broken keep their place where their name can be read: after
    // the loaded agents in the names that references resolve against.
    let loaded: BTreeMap<(Option<String>, String), usize> = agents
        .iter()
        .chain(&left_out)
        .map(|a| ((a.pack.clone(), local_name_of(a)), a.file))
        .collect();
    let broken = broken::name_broken_agents(&files, &placements, &loaded, &mut diagnostics);
    let live_agents = agents.len();
    for (j, b) in broken.iter().enumerate() {
        by_key.insert(
            (b.agent.pack.clone(), local_name_of(&b.agent)),
            live_agents + j,
        );
    }
    // 3. Resolve tools, collaborators and skills.
    let names: Vec<(Option<String>, String)> = agents
        .iter()
        .chain(broken.iter().map(|b| &b.agent))
        .map(|a| (a.pack.clone(), local_name_of(a)))
        .collect();
    let resolver = Resolver {
        config: &config,
        names: &names,
        by_key: &by_key,
        namespaced: config.packs || plugin_layout,
        namespace_word: if plugin_layout { "plugin" } else { "pack" },
        live_agents,
        broken_uses: Default::default(),
    };
    for agent in &mut agents {
        let file = &files[agent.file];
        resolve_agent(agent, file, &resolver, &mut diagnostics);
        skills::resolve_agent_skills(
            agent,
            file,
            &skills,
            &skill_files,
            &sources.commands,
            &config,
            &mut diagnostics,
        );
    }
    // 3b. Agent references in the prompts.
    let mut scanner = mentions::Scanner::new(&config, &names, live_agents, resolver.namespaced);
    scanner.namespace_word = resolver.namespace_word;
    for (index, agent) in agents.iter_mut().enumerate() {
        let scan = mentions::scan_prompt(
            Some(index),
            agent,
            &files[agent.file],
            &scanner,
            &mut diagnostics,
        );
        agent.mentions = scan.mentions;
        agent.external_mentions = scan.external_mentions;
        agent.prompt_references = scan.references;
        for reference in &agent.prompt_references {
            if let Some(AgentTarget::Broken(j)) = reference.target {
                resolver
                    .broken_uses
                    .borrow_mut()
                    .push((j, files[agent.file].path().to_owned()));
            }
        }
    }
    // Agents left out for a colliding identifier: their problems are reported all the same.
    for mut agent in left_out {
        let file = &files[agent.file];
        resolve_agent(&mut agent, file, &resolver, &mut diagnostics);
        mentions::scan_prompt(None, &agent, file, &scanner, &mut diagnostics);
        skills::resolve_agent_skills(
            &mut agent,
            file,
            &skills,
            &skill_files,
            &sources.commands,
            &config,
            &mut diagnostics,
        );
    }
    for skill in &mut skills {
        let file = &skill_files[skill.file];
        skills::resolve_skill(skill, file, &resolver, &mut diagnostics);
    }
    for command in &mut command_skills {
        let file = &command_files[command.file];
        skills::resolve_skill(command, file, &resolver, &mut diagnostics);
    }
    broken::name_referrers(&broken, resolver.broken_uses.take(), &mut diagnostics);
    let broken_agents: Vec<Agent> = broken.into_iter().map(|b| b.agent).collect();
    // 4. Lint levels, order. Every warning ends with how to deny or allow it.
    let mut diagnostics: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter_map(|mut d| {
            match config.level(d.code) {
                LintLevel::Allow => return None,
                LintLevel::Warn => {
                    d.severity = Severity::Warning;
                    let set_explicitly = config.lints.contains_key(&d.code);
                    d.notes.push(d.code.level_note(set_explicitly));
                }
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
    let remap_target = |target: &mut AgentTarget| {
        if let AgentTarget::Catalog(i) = target {
            *i = new_index[*i];
        }
    };
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
        agent.observers.iter_mut().for_each(remap_target);
        agent.mentions.iter_mut().for_each(|i| *i = new_index[*i]);
        agent
            .prompt_references
            .iter_mut()
            .filter_map(|reference| reference.target.as_mut())
            .for_each(remap_target);
        agent.tools.iter_mut().flatten().for_each(remap);
        agent.disallowed_tools.iter_mut().for_each(remap);
    }
    for skill in skills.iter_mut().chain(&mut command_skills) {
        skill.agent.iter_mut().for_each(remap_target);
        skill.allowed_tools.iter_mut().for_each(remap);
        skill.disallowed_tools.iter_mut().for_each(remap);
    }
    let mut sorted: Vec<Option<Agent>> = agents.into_iter().map(Some).collect();
    let agents = order.iter().filter_map(|&i| sorted[i].take()).collect();
    Catalog {
        display_root,
        config,
        files,
        agents,
        broken_agents,
        diagnostics,
        tracked_paths,
        config_source: None,
        metadata,
        layout,
        plugins: sources.plugins,
        skill_files,
        skills,
        manifests: sources.manifests,
        commands: sources.commands,
        command_files,
        command_skills,
    }
}

/// An agent's name within its pack or plugin: `review:security` for a plugin agent in
/// `agents/review/`, else its name.
fn local_name_of(agent: &Agent) -> String {
    if agent.namespace.is_empty() {
        agent.name.clone()
    } else {
        format!("{}:{}", agent.namespace.join(":"), agent.name)
    }
}

/// The qualified name a naming key stands for.
fn key_name(key: &(Option<String>, String)) -> String {
    match &key.0 {
        Some(pack) => format!("{pack}:{}", key.1),
        None => key.1.clone(),
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
        // The later path wins the name; the error is on the file Claude Code ignores.
        assert_eq!(dup.file, "agents/x/a.md");
        assert_eq!(dup.related[0].file, "agents/y/b.md");
        assert!(
            dup.message.contains("Claude Code loads `agents/y/b.md`"),
            "{}",
            dup.message
        );
        let winner = c.agents.iter().find(|a| a.name == "dup").expect("dup");
        assert_eq!(c.files[winner.file].path(), "agents/y/b.md");
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
            .set_lint("retired-tool", LintLevel::Deny)
            .expect("lint");
        config
            .set_lint("non-kebab-name", LintLevel::Allow)
            .expect("lint");
        config
            .set_lint("legacy-tool", LintLevel::Allow)
            .expect("lint");
        let c = catalog(
            &[(
                "a.md",
                "---\nname: A\ndescription: d\ntools: MultiEdit, Task\n---\nx",
            )],
            config,
        );
        assert_eq!(codes(&c), [Code::RetiredTool]);
        assert!(c.has_errors());
    }

    #[test]
    fn every_warning_says_how_to_deny_or_allow_it() {
        let file = (
            "a.md",
            "---\nname: A\ndescription: d\ntools: MultiEdit, Task, Bsh\n---\nx",
        );
        let mut config = Config::default();
        config
            .set_lint("legacy_tool", LintLevel::Warn)
            .expect("lint");
        let c = catalog(&[file], config);
        let note_of = |code: Code| -> Vec<&str> {
            let diag = c.diagnostics.iter().find(|d| d.code == code);
            diag.map(|d| d.notes.iter().map(String::as_str).collect())
                .unwrap_or_default()
        };
        let retired = note_of(Code::RetiredTool);
        assert_eq!(
            retired.last().copied(),
            Some(
                "`retired-tool` is a warning by default: deny it with `retired-tool = \"deny\"` \
                 under `[lints]` in agentgen.toml (or `-D retired-tool`), allow it with `\"allow\"` \
                 (or `-A retired-tool`)"
            )
        );
        let legacy = note_of(Code::LegacyTool);
        assert!(
            legacy
                .last()
                .is_some_and(|n| n.starts_with("`legacy-tool` is set to warn: deny it with")),
            "{legacy:?}"
        );
        let unknown = note_of(Code::UnknownTool);
        assert!(
            unknown.iter().all(|n| !n.contains("deny it")),
            "errors carry no level note: {unknown:?}"
        );
        assert_eq!(
            c.diagnostics
                .iter()
                .filter(|d| !d.is_error())
                .map(|d| d.notes.iter().filter(|n| n.contains("deny it")).count())
                .collect::<Vec<_>>(),
            [1, 1, 1],
            "one note per warning: {:?}",
            c.diagnostics
        );
    }
}
