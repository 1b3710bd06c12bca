//! A catalog: every agent file of a directory, read as Claude Code reads it, validated as a
//! whole (tools, collaborators, duplicate names, Rust identifiers, lints), ready to generate.

use std::path::PathBuf;

use crate::config::{Config, Layout};
use crate::diagnostic::{Diagnostic, Span};
use crate::read::{AgentFile, SkillFile};
use crate::registry::ToolInfo;
use crate::source::SourceFile;

mod broken;
mod compile;
mod identifiers;
pub mod layout;
mod mentions;
mod metadata;
mod parallel;
mod resolve;
pub mod skills;
pub mod targets;
mod team;
mod walk;

pub use compile::{Input, compile, compile_cached};
pub use layout::PluginInfo;
pub use mentions::{PromptReference, ReferenceForm, ScanCache};
pub use metadata::MetadataSlot;
pub use skills::{Skill, SkillTarget};

/// A validated catalog.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// How the agents directory is shown in messages (e.g. `agents`).
    pub(crate) display_root: String,
    /// The configuration it was compiled with.
    pub(crate) config: Config,
    /// Every agent file read, sorted by path.
    pub(crate) files: Vec<AgentFile>,
    /// The agents that Claude Code loads, sorted by qualified name.
    pub(crate) agents: Vec<Agent>,
    /// The agents whose file is broken (Claude Code skips or rejects it for an error) but whose
    /// name can be read and is no loaded agent's, sorted by qualified name. References to them
    /// resolve to [`AgentTarget::Broken`] instead of being reported as unknown, and the generated
    /// code keeps their variants and constants while the catalog has errors (it always has one
    /// when this list is not empty: the file's). They have no tools, collaborators or
    /// references. Empty when every file loads.
    pub(crate) broken_agents: Vec<Agent>,
    /// Every diagnostic after lint levels, sorted by file, line, column and code.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Absolute paths of every file and directory read (for rebuild tracking).
    pub(crate) tracked_paths: Vec<PathBuf>,
    /// The catalog's `agentgen.toml`, when it has one (diagnostics point into it).
    pub(crate) config_source: Option<crate::source::SourceFile>,
    /// With a `[metadata]` schema: each file's values of the declared keys, in the order of
    /// [`files`](Self::files) (`None` for a file Claude Code does not load), each in the order
    /// of the schema's keys. Empty without a schema.
    pub(crate) metadata: Vec<Option<Vec<MetadataSlot>>>,
    /// The layout the catalog was read with.
    pub(crate) layout: Layout,
    /// The plugins of the catalog (layouts `plugin`, `plugins`, `marketplace`).
    pub(crate) plugins: Vec<PluginInfo>,
    /// Every skill file read, sorted by path.
    pub(crate) skill_files: Vec<SkillFile>,
    /// The skills Claude Code loads, sorted by qualified name.
    pub(crate) skills: Vec<Skill>,
    /// The plugin and marketplace manifests read (for messages that point into them).
    pub(crate) manifests: Vec<SourceFile>,
    /// The commands (`commands/**/*.md`) of a `.claude` project or of plugins, which agents may
    /// preload as skills, in path order. A plugin command's `name` is applied.
    pub(crate) commands: Vec<layout::Command>,
    /// Every command file read, in the order of [`commands`](Self::commands) (index `i` is the
    /// file of `commands[i]`), read as Claude Code reads them: with its skill reader
    /// ([`crate::read::SkillKind`]).
    pub(crate) command_files: Vec<SkillFile>,
    /// The commands Claude Code loads, named and resolved as the skills it offers them as
    /// ([`Skill::file`] indexes [`command_files`](Self::command_files)), sorted by qualified
    /// name. The generated code has a `Command` enum and a `commands::` constant for each.
    pub(crate) command_skills: Vec<Skill>,
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

/// The source files of a catalog by display path: [`Catalog::sources_by_path`].
pub struct SourcesByPath<'a>(std::collections::HashMap<&'a str, &'a SourceFile>);

impl<'a> SourcesByPath<'a> {
    /// What [`Catalog::source`] gives for `display_path`.
    pub fn get(&self, display_path: &str) -> Option<&'a SourceFile> {
        self.0.get(display_path).copied()
    }
}

impl Catalog {
    /// How the catalog's root is shown in messages (e.g. `agents`, `.claude`).
    pub fn display_root(&self) -> &str {
        &self.display_root
    }

    /// The configuration it was compiled with (agentgen.toml and the entry point's options).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The layout it was read with.
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// The catalog's `agentgen.toml`, when it has one (diagnostics point into it).
    pub fn config_source(&self) -> Option<&SourceFile> {
        self.config_source.as_ref()
    }

    /// Every diagnostic after lint levels, sorted by file, line, column and code.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Each of [`diagnostics`](Self::diagnostics) rendered rustc-style with its file's source
    /// ([`Diagnostic::render`]), in the same order; on every core with the `parallel` feature.
    pub fn rendered_diagnostics(&self, color: bool) -> Vec<String> {
        let sources = self.sources_by_path();
        parallel::par_map(&self.diagnostics, |_, diagnostic| {
            diagnostic.render(sources.get(&diagnostic.file), color)
        })
    }

    /// Absolute paths of every file and folder read (for rebuild tracking).
    pub fn tracked_paths(&self) -> &[PathBuf] {
        &self.tracked_paths
    }

    /// Every agent file read, loaded or not, sorted by path ([`Agent::file`] indexes it; see
    /// [`file_of`](Self::file_of)).
    pub fn files(&self) -> &[AgentFile] {
        &self.files
    }

    /// The agents Claude Code loads, sorted by qualified name ([`AgentTarget::Catalog`] indexes
    /// it).
    pub fn agents(&self) -> &[Agent] {
        &self.agents
    }

    /// The agents whose file is broken (Claude Code skips or rejects it) but whose name can be
    /// read and is no loaded agent's, sorted by qualified name ([`AgentTarget::Broken`] indexes
    /// it). The generated code keeps their variants and constants while the catalog has errors
    /// (it always has one when this is not empty: the file's). Empty when every file loads.
    pub fn broken_agents(&self) -> &[Agent] {
        &self.broken_agents
    }

    /// The plugins of the catalog (layouts `plugin`, `plugins`, `marketplace`).
    pub fn plugins(&self) -> &[PluginInfo] {
        &self.plugins
    }

    /// The plugin and marketplace manifests read.
    pub fn manifests(&self) -> &[SourceFile] {
        &self.manifests
    }

    /// The skills Claude Code loads, sorted by qualified name (see
    /// [`skill_file_of`](Self::skill_file_of)).
    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    /// Every skill file read, loaded or not, sorted by path.
    pub fn skill_files(&self) -> &[SkillFile] {
        &self.skill_files
    }

    /// The command files (`commands/**/*.md` of a `.claude` project or of plugins), in path
    /// order, each with the file read as Claude Code reads it (its skill reader); a plugin
    /// command's `name` is applied.
    pub fn commands(&self) -> impl ExactSizeIterator<Item = (&layout::Command, &SkillFile)> {
        self.commands.iter().zip(&self.command_files)
    }

    /// The commands Claude Code loads, named and resolved as the skills it offers them as,
    /// sorted by qualified name (see [`command_file_of`](Self::command_file_of)); the generated
    /// code has a `Command` enum and a `commands::` constant for each.
    pub fn command_skills(&self) -> &[Skill] {
        &self.command_skills
    }

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
    pub fn source(&self, display_path: &str) -> Option<&SourceFile> {
        self.sources().find(|s| s.display_path == display_path)
    }

    /// [`source`](Self::source) for many paths: every source file indexed once by its display
    /// path (a catalog of a thousand files has hundreds of diagnostics to place).
    pub fn sources_by_path(&self) -> SourcesByPath<'_> {
        let mut by_path = std::collections::HashMap::with_capacity(self.files.len());
        for source in self.sources() {
            by_path
                .entry(source.display_path.as_str())
                .or_insert(source);
        }
        SourcesByPath(by_path)
    }

    /// Every source file of the catalog, in the order [`source`](Self::source) looks in.
    fn sources(&self) -> impl Iterator<Item = &SourceFile> {
        self.files
            .iter()
            .map(|f| &f.source)
            .chain(self.config_source.as_ref())
            .chain(self.skill_files.iter().map(|f| &f.source))
            .chain(self.command_files.iter().map(|f| &f.source))
            .chain(&self.manifests)
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
    /// Its plugin, or its pack when the caller places it; `None` for a project agent, whose
    /// pack (with `packs = true`) is the top folder below the agents folder it is in.
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

/// An agent's name within its pack or plugin: `review:security` for a plugin agent in
/// `agents/review/`, else its name.
fn local_name_of(agent: &Agent) -> String {
    local_name(&agent.namespace, &agent.name)
}

/// A name within its pack or plugin: the namespace's segments, then `name`, joined by `:`.
fn local_name(namespace: &[String], name: &str) -> String {
    if namespace.is_empty() {
        name.to_owned()
    } else {
        format!("{}:{name}", namespace.join(":"))
    }
}

/// `pack:local_name`, or `local_name` outside packs and plugins.
fn qualified_name(pack: Option<&str>, local_name: &str) -> String {
    match pack {
        Some(pack) => format!("{pack}:{local_name}"),
        None => local_name.to_owned(),
    }
}

/// The span of `name` of an agent, for diagnostics on the agent as a whole.
pub(crate) fn name_span(file: &AgentFile) -> Option<Span> {
    file.name.as_ref().and_then(|n| n.span.clone())
}
