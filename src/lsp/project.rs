//! One project the server keeps: the catalog folder found by the engine's project model
//! ([`Project::open`]), its files read once ([`layout::plan`] and the engine's readers of a
//! planned file, [`layout::read_agent_source`] and its siblings, given the open buffers), and the
//! catalog compiled from them ([`catalog::compile`] with `root: None`).
//!
//! An edit re-reads only the changed file — its bytes from the editor's buffer — and compiles
//! the catalog again from the files kept: the catalog is the one `agentgen check` compiles from
//! the same bytes on disk (the tests compare the two). The display root is the root's absolute
//! path, so every display path of the catalog is a file's absolute path.
//!
//! What an open buffer changes: an agent, skill or command file of the plan (or a new agent
//! file of a `.claude` project's `agents/` or an agents folder, not saved yet) and the
//! `agentgen.toml` that applies (its lints, externals, metadata schema; a new `layout` takes
//! effect when the file is saved). Plugin and marketplace manifests are read from disk: an edit
//! of one counts when it is saved.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use agentgen_compiler::catalog::layout::{self, AgentSource, Command, PluginInfo, SkillSource};
use agentgen_compiler::catalog::{self, Input, PlacedAgent, PlacedSkill, ScanCache};
use agentgen_compiler::config::Layout;
use agentgen_compiler::read::{AgentFile, SkillFile};
use agentgen_compiler::source::SourceFile;
use agentgen_compiler::{Catalog, Code, Config, Diagnostic, Project};

/// The open buffers, by path: what the server reads instead of the files on disk.
pub type Buffers = HashMap<PathBuf, String>;

/// A project's files, read, and its catalog.
pub struct ProjectState {
    /// The catalog folder the project model found for a document (`nearest_catalog_dir`).
    dir: PathBuf,
    config: Config,
    config_path: Option<PathBuf>,
    /// The project model's answer for the folder: the root on disk (a `.claude/agents` folder
    /// stands for its `.claude`), shown as its absolute path; the layout; what reads the
    /// `agentgen.toml`.
    project: Project,
    config_source: Option<SourceFile>,
    config_diagnostics: Vec<Diagnostic>,
    plan_diagnostics: Vec<Diagnostic>,
    plugins: Vec<PluginInfo>,
    manifests: Vec<SourceFile>,
    agents: Vec<AgentEntry>,
    skills: Vec<(SkillSource, SkillFile)>,
    commands: Vec<(Command, SkillFile)>,
    /// The catalog compiled from the files kept (after [`ProjectState::compile`]).
    pub catalog: Catalog,
    /// What the last compile's prompt scan read: an edit re-scans the prompts it changed only.
    scan_cache: ScanCache,
}

/// An agent file of the project and what reading it gave.
struct AgentEntry {
    source: AgentSource,
    file: AgentFile,
    /// `unreadable-file`, which the engine lists with the catalog's diagnostics, not the file's.
    unreadable: Option<Diagnostic>,
}

/// What a path is to a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// An agent, skill or command file: re-read on an edit.
    File,
    /// The `agentgen.toml` that applies.
    Config,
    /// Nothing the server reads from a buffer (a manifest, a README, a file of another layout).
    Other,
}

impl ProjectState {
    /// The project of the catalog folder `dir` (absolute), its files read (from `buffers` where
    /// open) and its catalog compiled.
    pub fn open(dir: &Path, buffers: &Buffers) -> ProjectState {
        let display = dir.to_string_lossy();
        let project = Project::open(dir, &display, &Config::default());
        let mut state = ProjectState {
            dir: dir.to_path_buf(),
            config: project.config().clone(),
            config_path: project.config_file.as_ref().map(PathBuf::from),
            project: project.clone(),
            config_source: None,
            config_diagnostics: Vec::new(),
            plan_diagnostics: Vec::new(),
            plugins: Vec::new(),
            manifests: Vec::new(),
            agents: Vec::new(),
            skills: Vec::new(),
            commands: Vec::new(),
            catalog: catalog::compile(Input::default(), Config::default()),
            scan_cache: ScanCache::default(),
        };
        state.read_config(buffers);
        state.read_files(buffers);
        state.compile();
        state
    }

    /// The project opened again from the same folder: for a change on disk (a file created or
    /// deleted, a manifest or a layout saved).
    pub fn reopen(&self, buffers: &Buffers) -> ProjectState {
        ProjectState::open(&self.dir, buffers)
    }

    /// The catalog's root on disk (a `.claude/agents` folder stands for its `.claude`).
    pub fn root(&self) -> &Path {
        &self.project.root
    }

    /// Whether the project model gives this project for the catalog folder `dir`.
    pub fn is_opened_from(&self, dir: &Path) -> bool {
        self.dir == dir || self.project.root == dir
    }

    /// Whether `path` is below the project's root.
    pub fn contains(&self, path: &Path) -> bool {
        path.starts_with(&self.project.root)
    }

    /// What `path` is to the project.
    pub fn role(&self, path: &Path) -> Role {
        if self.config_path.as_deref() == Some(path) {
            Role::Config
        } else if self.agents.iter().any(|e| e.source.path == path)
            || self.skills.iter().any(|(s, _)| s.path == path)
            || self.commands.iter().any(|(c, _)| c.path == path)
        {
            Role::File
        } else {
            Role::Other
        }
    }

    /// Every file the project reads from a buffer, as `(path, display path)`.
    pub fn file_paths(&self) -> impl Iterator<Item = (&Path, &str)> {
        let agents = self
            .agents
            .iter()
            .map(|e| (e.source.path.as_path(), e.source.display.as_str()));
        let skills = self
            .skills
            .iter()
            .map(|(s, _)| (s.path.as_path(), s.display.as_str()));
        let commands = self
            .commands
            .iter()
            .map(|(c, _)| (c.path.as_path(), c.display.as_str()));
        let config = self
            .config_path
            .iter()
            .map(|p| (p.as_path(), self.config_display()));
        agents.chain(skills).chain(commands).chain(config)
    }

    fn config_display(&self) -> &str {
        self.config_source
            .as_ref()
            .map_or("", |s| s.display_path.as_str())
    }

    /// Reads `path` again — from its buffer when open, else from disk — when it is one of the
    /// project's files or its `agentgen.toml`; says what the path is. Compile afterwards.
    pub fn update(&mut self, path: &Path, buffers: &Buffers) -> Role {
        let buffer = buffers.get(path).map(String::as_str);
        if self.config_path.as_deref() == Some(path) {
            self.read_config(buffers);
            return Role::Config;
        }
        if let Some(entry) = self.agents.iter_mut().find(|e| e.source.path == path) {
            (entry.file, entry.unreadable) = read_agent(&entry.source, buffer);
            return Role::File;
        }
        if let Some((source, file)) = self.skills.iter_mut().find(|(s, _)| s.path == path) {
            *file = read_skill(source, buffer);
            return Role::File;
        }
        if let Some((command, file)) = self.commands.iter_mut().find(|(c, _)| c.path == path) {
            *file = read_command(command, buffer);
            return Role::File;
        }
        if buffer.is_some()
            && let Some(source) = self.new_agent_source(path)
        {
            let (file, unreadable) = read_agent(&source, buffer);
            self.agents.push(AgentEntry {
                source,
                file,
                unreadable,
            });
            return Role::File;
        }
        Role::Other
    }

    /// Compiles the catalog from the files kept.
    pub fn compile(&mut self) {
        let mut diagnostics = self.config_diagnostics.clone();
        diagnostics.extend(self.plan_diagnostics.iter().cloned());
        diagnostics.extend(self.agents.iter().filter_map(|e| e.unreadable.clone()));
        let input = Input {
            display_root: self.project.display_root.clone(),
            root: None,
            agents: self
                .agents
                .iter()
                .map(|e| PlacedAgent {
                    file: e.file.clone(),
                    plugin: e.source.plugin.clone(),
                    namespace: e.source.namespace.clone(),
                })
                .collect(),
            skills: self
                .skills
                .iter()
                .map(|(source, file)| PlacedSkill {
                    file: file.clone(),
                    plugin: source.plugin.clone(),
                    dir: Some(source.dir.clone()),
                })
                .collect(),
            layout: Some(self.project.layout),
            plugins: self.plugins.clone(),
            manifests: self.manifests.clone(),
            commands: self.commands.iter().map(|(c, _)| c.clone()).collect(),
            command_files: self.commands.iter().map(|(_, f)| f.clone()).collect(),
            config_source: self.config_source.clone(),
            diagnostics,
            tracked_paths: Vec::new(),
        };
        self.catalog = catalog::compile_cached(input, self.config.clone(), &self.scan_cache);
    }

    /// The `agentgen.toml` that applies, read (from its buffer when open) as the project model
    /// reads it; the layout stays the project's.
    fn read_config(&mut self, buffers: &Buffers) {
        let buffer = self
            .config_path
            .as_ref()
            .and_then(|path| buffers.get(path))
            .map(|text| text.as_bytes());
        let (config, source, diagnostics) = self.project.read_config_text(buffer);
        self.config = config;
        self.config_source = source;
        self.config_diagnostics = diagnostics;
    }

    /// The layout's plan, and each file it lists read (from its buffer when open); then the
    /// open buffers of new agent files.
    fn read_files(&mut self, buffers: &Buffers) {
        if !self.project.root.is_dir() {
            self.plan_diagnostics = vec![
                Diagnostic::new(
                    Code::InvalidPath,
                    self.project.display_root.clone(),
                    "agents directory not found",
                )
                .help("create the directory or fix the path (relative to the crate's Cargo.toml)"),
            ];
            return;
        }
        let plan = layout::plan(
            &self.project.root,
            &self.project.display_root,
            self.project.layout,
        );
        let buffer = |path: &Path| buffers.get(path).map(String::as_str);
        self.plan_diagnostics = plan.diagnostics;
        self.plugins = plan.plugins;
        self.manifests = plan.manifests;
        self.agents = plan
            .agents
            .into_iter()
            .map(|source| {
                let (file, unreadable) = read_agent(&source, buffer(&source.path));
                AgentEntry {
                    source,
                    file,
                    unreadable,
                }
            })
            .collect();
        self.skills = plan
            .skills
            .into_iter()
            .map(|source| {
                let file = read_skill(&source, buffer(&source.path));
                (source, file)
            })
            .collect();
        self.commands = plan
            .commands
            .into_iter()
            .map(|command| {
                let file = read_command(&command, buffer(&command.path));
                (command, file)
            })
            .collect();
        let mut new: Vec<&PathBuf> = buffers
            .keys()
            .filter(|p| self.contains(p) && self.role(p) == Role::Other)
            .collect();
        new.sort();
        for path in new {
            self.update(path, buffers);
        }
    }

    /// A buffer not saved yet that the layout would read as a project agent: a `.md` file
    /// below a `.claude` project's `agents/`, or below an agents folder (not a `SKILL.md`).
    fn new_agent_source(&self, path: &Path) -> Option<AgentSource> {
        let agents_dir = match self.project.layout {
            Layout::Claude => self.project.root.join("agents"),
            Layout::Agents => self.project.root.clone(),
            _ => return None,
        };
        let relative = path.strip_prefix(&agents_dir).ok()?;
        let file_name = path.file_name()?.to_string_lossy().into_owned();
        let markdown = file_name.to_lowercase().ends_with(".md");
        if !markdown || file_name.eq_ignore_ascii_case("SKILL.md") {
            return None;
        }
        let relative: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if self.project.layout == Layout::Agents && relative.first().is_some_and(|c| c == "skills")
        {
            return None;
        }
        let display_agents = if self.project.layout == Layout::Claude {
            format!("{}/agents", self.project.display_root)
        } else {
            self.project.display_root.clone()
        };
        Some(AgentSource {
            path: path.to_path_buf(),
            display: format!("{display_agents}/{}", relative.join("/")),
            plugin: None,
            namespace: Vec::new(),
            file_name,
        })
    }
}

/// An agent file of the plan, from its buffer when open (the engine's reader).
fn read_agent(source: &AgentSource, buffer: Option<&str>) -> (AgentFile, Option<Diagnostic>) {
    layout::read_agent_source(source, buffer.map(str::as_bytes))
}

/// A `SKILL.md` of the plan, from its buffer when open (the engine's reader).
fn read_skill(source: &SkillSource, buffer: Option<&str>) -> SkillFile {
    layout::read_skill_source(source, buffer.map(str::as_bytes))
}

/// A command file of the plan, from its buffer when open (the engine's reader).
fn read_command(command: &Command, buffer: Option<&str>) -> SkillFile {
    layout::read_command_source(command, buffer.map(str::as_bytes))
}
