//! The catalog's one compile entry, [`compile`], and its passes, in order:
//!
//! 1. **read** ([`read_root`]): the root folder, when given, as its layout says;
//! 2. **gather** ([`Work::gather`]): the agent files in path order, in their packs, with the
//!    diagnostics of reading them; then the `[metadata]` check and the skill and command files;
//! 3. **name** ([`Work::name_agents`]): every loaded agent named, duplicate names reported;
//! 4. **identifiers** ([`Work::set_aside_colliding`]): agents whose Rust identifiers collide
//!    are left out of the catalog (their error stands); skills and commands named
//!    ([`Work::name_skills_and_commands`]); broken agents keep their names ([`Work::name_broken`]);
//! 5. **resolve** ([`Work::resolve`]): tools, collaborators, skills and prompt references;
//! 6. **targets** ([`Work::check_targets`]): how the other runtimes asked for read the files
//!    (Copilot loads `.claude/agents` itself);
//! 7. **levels** ([`apply_lint_levels`], [`sort_diagnostics`]) and the agents in name order
//!    ([`sort_agents`]);
//! 8. **export targets** ([`with_exported_targets`]): what the Gemini export would lose, from the
//!    compiled catalog.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::broken::{self, BrokenAgent};
use super::identifiers::check_identifiers;
use super::layout::{self, PluginInfo};
use super::mentions;
use super::metadata::{self, MetadataSlot};
use super::parallel::par_map;
use super::resolve::{Resolver, resolve_agent};
use super::skills::{self, Skill};
use super::targets;
use super::walk::js_path_order;
use super::{
    Agent, AgentNames, AgentTarget, Catalog, PlacedAgent, PlacedSkill, ResolvedTool, local_name,
    local_name_of, name_span, qualified_name,
};
use crate::config::{CONFIG_FILE, Config, Layout, Target};
use crate::diagnostic::{Code, Diagnostic, LintLevel, Related, Severity};
use crate::naming::{agent_identifiers, is_kebab_case, kebab_suggestion, pack_module};
use crate::read::{AgentFile, SkillFile, Spanned};
use crate::source::SourceFile;

/// What a catalog is compiled from: a root folder to read, or files already read, and what was
/// found before (the configuration's problems and files). Build it with [`Input::files`] or as
/// a struct with `..Input::default()`; compile it with [`compile`].
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// How the catalog's root is shown in messages (e.g. `agents`).
    pub display_root: String,
    /// The root folder to read, as [`layout`](Self::layout) (else `config.layout`, else the
    /// folder's detected layout) says; its files are added to the ones below. A root that is
    /// not a folder is an `invalid-path` error.
    pub root: Option<PathBuf>,
    /// Agent files already read. One without a pack or plugin is a project agent: in a pack
    /// (the top folder below the agents folder it is in) when `config.packs` is set.
    pub agents: Vec<PlacedAgent>,
    /// Skill files already read.
    pub skills: Vec<PlacedSkill>,
    /// The layout (default: `agents`, or detected from [`root`](Self::root)).
    pub layout: Option<Layout>,
    /// The plugins.
    pub plugins: Vec<PluginInfo>,
    /// Plugin and marketplace manifests read.
    pub manifests: Vec<SourceFile>,
    /// The commands.
    pub commands: Vec<layout::Command>,
    /// The command files read, in the order of `commands` (commands without one are known by
    /// name only).
    pub command_files: Vec<SkillFile>,
    /// The catalog's `agentgen.toml`, when it has one: `[metadata]` problems point into it
    /// (without it, at `<display_root>/agentgen.toml`).
    pub config_source: Option<SourceFile>,
    /// Problems found before (the configuration's); they are the catalog's too.
    pub diagnostics: Vec<Diagnostic>,
    /// Files read before (the configuration), for rebuild tracking.
    pub tracked_paths: Vec<PathBuf>,
}

impl Input {
    /// Project agent files already read, below the root shown as `display_root`.
    pub fn files(display_root: impl Into<String>, files: Vec<AgentFile>) -> Input {
        Input {
            display_root: display_root.into(),
            agents: files.into_iter().map(PlacedAgent::project).collect(),
            ..Input::default()
        }
    }
}

impl PlacedAgent {
    /// A project agent file: no plugin, no namespace (its pack, if any, comes from its path).
    pub fn project(file: AgentFile) -> PlacedAgent {
        PlacedAgent {
            file,
            plugin: None,
            namespace: Vec::new(),
        }
    }
}

/// Reads (when [`Input::root`] is set) and validates a catalog with `config`. Never fails:
/// problems are diagnostics of the catalog. [`crate::project::Project`] decides the root, the
/// configuration and its problems; this is the stage below it.
pub fn compile(mut input: Input, config: Config) -> Catalog {
    if let Some(root) = input.root.take() {
        read_root(&root, &mut input, &config);
    }
    let mut work = Work::gather(input, config);
    let named = work.name_agents();
    let (mut agents, left_out, by_key) = work.set_aside_colliding(named);
    let (mut skills, mut command_skills) = work.name_skills_and_commands();
    work.check_module_names(
        agents.iter().chain(&left_out),
        !skills.is_empty(),
        !command_skills.is_empty(),
    );
    let (broken, by_key) = work.name_broken(&agents, &left_out, by_key);
    work.resolve(
        &mut agents,
        left_out,
        &broken,
        &by_key,
        &mut skills,
        &mut command_skills,
    );
    let broken_agents = broken.into_iter().map(|b| b.agent).collect();
    work.check_targets(&agents);
    let mut diagnostics = apply_lint_levels(work.diagnostics, &work.config);
    sort_diagnostics(&mut diagnostics);
    let agents = sort_agents(agents, &mut skills, &mut command_skills);
    let catalog = Catalog {
        display_root: work.display_root,
        config: work.config,
        files: work.files,
        agents,
        broken_agents,
        diagnostics,
        tracked_paths: work.tracked_paths,
        config_source: work.config_source,
        metadata: work.metadata,
        layout: work.layout,
        plugins: work.plugins,
        skill_files: work.skill_files,
        skills,
        manifests: work.manifests,
        commands: work.commands,
        command_files: work.command_files,
        command_skills,
    };
    with_exported_targets(catalog)
}

/// Pass 8, the export targets: what the Gemini export of the compiled catalog would lose, as
/// diagnostics at the catalog's lint levels, when `gemini` is a target (the translation reads
/// the whole catalog, so it runs last).
fn with_exported_targets(mut catalog: Catalog) -> Catalog {
    if catalog.config.checks(Target::Gemini) {
        let found = targets::gemini::diagnostics(&catalog);
        let found = apply_lint_levels(found, &catalog.config);
        catalog.diagnostics.extend(found);
        sort_diagnostics(&mut catalog.diagnostics);
    }
    catalog
}

/// Pass 1, read: the folder `dir` as its layout says — its agent, skill and command files read,
/// its plugins and manifests — added to `input`. The root is tracked first.
fn read_root(dir: &Path, input: &mut Input, config: &Config) {
    input.display_root = input.display_root.trim_end_matches('/').to_owned();
    input.tracked_paths.insert(0, dir.to_path_buf());
    let layout = config.layout.unwrap_or_else(|| Layout::detect(dir));
    input.layout = Some(layout);
    if !dir.is_dir() {
        input.diagnostics.push(
            Diagnostic::new(
                Code::InvalidPath,
                input.display_root.clone(),
                "agents directory not found",
            )
            .help("create the directory or fix the path (relative to the crate's Cargo.toml)"),
        );
        return;
    }
    let plan = layout::plan(dir, &input.display_root, layout);
    input.diagnostics.extend(plan.diagnostics);
    input.tracked_paths.extend(plan.tracked);
    // The files are read on every core (the `parallel` feature) and collected in plan order.
    let agent_files = par_map(&plan.agents, |_, source| {
        layout::read_agent_source(source, None)
    });
    let skill_files = par_map(&plan.skills, |_, source| {
        layout::read_skill_source(source, None)
    });
    let command_files = par_map(&plan.commands, |_, command| {
        layout::read_command_source(command, None)
    });
    // Reserved up front: an agent file is a large value, and growing these by doubling
    // copies them again and again.
    input.agents.reserve(agent_files.len());
    input.tracked_paths.reserve(agent_files.len());
    input.skills.reserve(skill_files.len());
    for (source, (file, diagnostic)) in plan.agents.into_iter().zip(agent_files) {
        input.tracked_paths.push(source.path.clone());
        input.diagnostics.extend(diagnostic);
        input.agents.push(PlacedAgent {
            file,
            plugin: source.plugin,
            namespace: source.namespace,
        });
    }
    for (source, file) in plan.skills.into_iter().zip(skill_files) {
        input.skills.push(PlacedSkill {
            file,
            plugin: source.plugin,
            dir: Some(source.dir),
        });
    }
    input.plugins = plan.plugins;
    input.manifests = plan.manifests;
    for command in &plan.commands {
        input.tracked_paths.push(command.path.clone());
    }
    input.command_files.extend(command_files);
    input.commands = plan.commands;
}

/// A naming key: the pack or plugin, and the name within it ([`local_name`]).
type NameKey = (Option<String>, String);

/// The catalog being compiled: the files every pass reads, and the diagnostics they add.
struct Work {
    config: Config,
    display_root: String,
    layout: Layout,
    /// The agent files, in path order.
    files: Vec<AgentFile>,
    /// Each file's pack or plugin, and its namespace.
    placements: Vec<(Option<String>, Vec<String>)>,
    skill_files: Vec<SkillFile>,
    /// Each skill file's plugin and folder.
    skill_places: Vec<(Option<String>, Option<PathBuf>)>,
    commands: Vec<layout::Command>,
    command_files: Vec<SkillFile>,
    diagnostics: Vec<Diagnostic>,
    metadata: Vec<Option<Vec<MetadataSlot>>>,
    tracked_paths: Vec<PathBuf>,
    plugins: Vec<PluginInfo>,
    manifests: Vec<SourceFile>,
    config_source: Option<SourceFile>,
}

impl Work {
    /// Pass 2, gather: the agent files in path order, each in its pack or plugin, and the
    /// diagnostics of reading them; the `[metadata]` check; the skill and command files and
    /// theirs.
    fn gather(mut input: Input, config: Config) -> Work {
        let layout = input.layout.unwrap_or(Layout::Agents);
        // Packs: the top-level folders of the project agents' folder.
        let agents_prefix = match layout {
            Layout::Claude => format!("{}/agents/", input.display_root),
            _ => format!("{}/", input.display_root),
        };
        input
            .agents
            .sort_by(|a, b| js_path_order(a.file.path(), b.file.path()));
        let mut files = Vec::with_capacity(input.agents.len());
        let mut placements = Vec::with_capacity(input.agents.len());
        for placed in input.agents {
            let pack = placed.plugin.or_else(|| {
                config
                    .packs
                    .then(|| pack_of(placed.file.path(), &agents_prefix))
                    .flatten()
            });
            files.push(placed.file);
            placements.push((pack, placed.namespace));
        }
        let mut diagnostics = input.diagnostics;
        for file in &files {
            diagnostics.extend(file.diagnostics.iter().cloned());
        }
        let metadata = match &config.metadata {
            Some(schema) => {
                let config_display = input.config_source.as_ref().map_or_else(
                    || format!("{}/{CONFIG_FILE}", input.display_root),
                    |source| source.display_path.clone(),
                );
                metadata::check_catalog(schema, &files, &config_display, &mut diagnostics)
            }
            None => Vec::new(),
        };
        let (skill_files, skill_places) = input
            .skills
            .into_iter()
            .map(|placed| (placed.file, (placed.plugin, placed.dir)))
            .unzip();
        let mut command_files = input.command_files;
        command_files.truncate(input.commands.len());
        let work = Work {
            config,
            display_root: input.display_root,
            layout,
            files,
            placements,
            skill_files,
            skill_places,
            commands: input.commands,
            command_files,
            diagnostics,
            metadata,
            tracked_paths: input.tracked_paths,
            plugins: input.plugins,
            manifests: input.manifests,
            config_source: input.config_source,
        };
        work.with_skill_diagnostics()
    }

    /// Pass 6, targets: how the other runtimes asked for (`targets`) read the agents, as
    /// diagnostics. Nothing runs without a target beyond Claude Code.
    fn check_targets(&mut self, agents: &[Agent]) {
        if self.config.checks(Target::Copilot) && targets::copilot::reads_layout(self.layout) {
            let (_, diagnostics) = targets::copilot::assess_files(&self.files, agents);
            self.diagnostics.extend(diagnostics);
        }
    }

    /// The diagnostics of reading the skill and command files added.
    fn with_skill_diagnostics(mut self) -> Work {
        for file in self.skill_files.iter().chain(&self.command_files) {
            self.diagnostics.extend(file.diagnostics.iter().cloned());
        }
        self
    }

    /// Whether the catalog is made of plugins (layouts `plugin`, `plugins`, `marketplace`).
    fn plugin_layout(&self) -> bool {
        matches!(
            self.layout,
            Layout::Plugin | Layout::Plugins | Layout::Marketplace
        )
    }

    /// Pass 3, name: every agent Claude Code loads, with its naming key's index. Of two files
    /// of one name (within a namespace) the later in path order wins it; the other is a
    /// `duplicate-name` error. A name that is not kebab-case is a `non-kebab-name` warning.
    fn name_agents(&mut self) -> (Vec<Agent>, BTreeMap<NameKey, usize>) {
        let mut agents: Vec<Agent> = Vec::with_capacity(self.files.len());
        let mut by_key: BTreeMap<NameKey, usize> = BTreeMap::new();
        let plugin_layout = self.plugin_layout();
        for (index, file) in self.files.iter().enumerate() {
            if !file.is_accepted() {
                continue;
            }
            let Some(name) = &file.name else { continue };
            let (pack, namespace) = self.placements[index].clone();
            let local_name = local_name(&namespace, &name.value);
            let key = (pack.clone(), local_name.clone());
            if let Some(&earlier) = by_key.get(&key) {
                let shadowed = &self.files[agents[earlier].file];
                self.diagnostics.push(if plugin_layout {
                    duplicate_plugin_agent(shadowed, file, name, &key)
                } else {
                    duplicate_name(shadowed, file, name, self.config.packs)
                });
                agents[earlier].file = index;
                continue;
            }
            by_key.insert(key, agents.len());
            if !is_kebab_case(&name.value) {
                self.diagnostics.push(non_kebab_name(file, name));
            }
            let qualified_name = qualified_name(pack.as_deref(), &local_name);
            agents.push(Agent::named(AgentNames {
                file: index,
                pack,
                name: name.value.clone(),
                qualified_name,
                variant: String::new(),
                constant: String::new(),
                namespace,
            }));
        }
        // The identifiers, on every core: `heck`'s case conversions are the costliest step of
        // naming (BENCHMARKS.md §9).
        let identifiers = par_map(&agents, |_, agent| {
            agent_identifiers(agent.pack.as_deref(), &local_name_of(agent))
        });
        for (agent, (variant, constant)) in agents.iter_mut().zip(identifiers) {
            agent.variant = variant;
            agent.constant = constant;
        }
        (agents, by_key)
    }

    /// Pass 4, identifiers: the agents whose Rust identifiers collide with an earlier agent's
    /// are reported and left out, so that the generated code stays valid (the error stands).
    /// Returns the agents kept, the ones left out, and the naming keys of the kept ones.
    fn set_aside_colliding(
        &mut self,
        (agents, by_key): (Vec<Agent>, BTreeMap<NameKey, usize>),
    ) -> (Vec<Agent>, Vec<Agent>, BTreeMap<NameKey, usize>) {
        let colliding = check_identifiers(&agents, &self.files, &mut self.diagnostics);
        if colliding.is_empty() {
            return (agents, Vec::new(), by_key);
        }
        let (kept, removed): (Vec<_>, Vec<_>) = agents
            .into_iter()
            .enumerate()
            .partition(|(i, _)| !colliding.contains(i));
        let kept: Vec<Agent> = kept.into_iter().map(|(_, a)| a).collect();
        let by_key = kept
            .iter()
            .enumerate()
            .map(|(i, a)| ((a.pack.clone(), local_name_of(a)), i))
            .collect();
        (kept, removed.into_iter().map(|(_, a)| a).collect(), by_key)
    }

    /// The skills and the commands, named (a command as Claude Code names it, a plugin
    /// command's `name` applied, also to [`Work::commands`]), with their identifiers checked.
    fn name_skills_and_commands(&mut self) -> (Vec<Skill>, Vec<Skill>) {
        let skills =
            skills::name_skills(&self.skill_files, &self.skill_places, &mut self.diagnostics);
        let command_places: Vec<(Option<String>, Option<PathBuf>)> = self
            .commands
            .iter()
            .map(|c| (c.plugin.clone(), None))
            .collect();
        let command_skills =
            skills::name_skills(&self.command_files, &command_places, &mut self.diagnostics);
        for command in &command_skills {
            if let Some(source) = self.commands.get_mut(command.file) {
                source.name = command.qualified_name.clone();
            }
        }
        (skills, command_skills)
    }

    /// A pack or plugin whose Rust module is `skills` or `commands` collides with the module
    /// that holds the catalog's skills or commands, when it has some.
    fn check_module_names<'a>(
        &mut self,
        agents: impl Iterator<Item = &'a Agent> + Clone,
        has_skills: bool,
        has_commands: bool,
    ) {
        for (module, used) in [("skills", has_skills), ("commands", has_commands)] {
            if !used {
                continue;
            }
            for agent in agents.clone() {
                if agent.pack.as_deref().map(pack_module).as_deref() == Some(module) {
                    let file = &self.files[agent.file];
                    self.diagnostics.push(
                        Diagnostic::new(
                            Code::IdentifierCollision,
                            file.path(),
                            format!("the pack or plugin `{module}` becomes the Rust module `{module}`, which holds the catalog's {module}"),
                        )
                        .at(name_span(file))
                        .help("rename the pack or plugin"),
                    );
                }
            }
        }
    }

    /// Agents whose file is broken keep their place where their name can be read: after the
    /// loaded agents in the names that references resolve against (`by_key`, extended).
    fn name_broken(
        &mut self,
        agents: &[Agent],
        left_out: &[Agent],
        mut by_key: BTreeMap<NameKey, usize>,
    ) -> (Vec<BrokenAgent>, BTreeMap<NameKey, usize>) {
        let loaded: BTreeMap<NameKey, usize> = agents
            .iter()
            .chain(left_out)
            .map(|a| ((a.pack.clone(), local_name_of(a)), a.file))
            .collect();
        let broken = broken::name_broken_agents(
            &self.files,
            &self.placements,
            &loaded,
            &mut self.diagnostics,
        );
        for (j, b) in broken.iter().enumerate() {
            by_key.insert(
                (b.agent.pack.clone(), local_name_of(&b.agent)),
                agents.len() + j,
            );
        }
        (broken, by_key)
    }

    /// Pass 5, resolve: each agent's tools, collaborators, skills and prompt references; the
    /// same for the agents left out (their problems are reported all the same); each skill's
    /// and command's tools and agent; and, in each broken agent's error, who names it.
    fn resolve(
        &mut self,
        agents: &mut [Agent],
        left_out: Vec<Agent>,
        broken: &[BrokenAgent],
        by_key: &BTreeMap<NameKey, usize>,
        skills: &mut [Skill],
        command_skills: &mut [Skill],
    ) {
        let plugin_layout = self.plugin_layout();
        let names: Vec<NameKey> = agents
            .iter()
            .chain(broken.iter().map(|b| &b.agent))
            .map(|a| (a.pack.clone(), local_name_of(a)))
            .collect();
        let resolver = Resolver {
            config: &self.config,
            names: &names,
            by_key,
            namespaced: self.config.packs || plugin_layout,
            namespace_word: if plugin_layout { "plugin" } else { "pack" },
            live_agents: agents.len(),
            broken_uses: Default::default(),
        };
        let mut scanner =
            mentions::Scanner::new(&self.config, &names, agents.len(), resolver.namespaced);
        scanner.namespace_word = resolver.namespace_word;
        let catalog = Resolving {
            resolver: &resolver,
            scanner: &scanner,
            files: &self.files,
            skills,
            skill_files: &self.skill_files,
            commands: &self.commands,
            config: &self.config,
        };
        for agent in agents.iter_mut() {
            catalog.agent_references(agent, &mut self.diagnostics);
        }
        // The prompts are scanned on every core (the `parallel` feature); each scan's
        // diagnostics are added in agent order, as scanning one after another adds them.
        let scans = mentions::scan_prompts(agents, &self.files, &scanner);
        for (agent, (scan, diagnostics)) in agents.iter_mut().zip(scans) {
            self.diagnostics.extend(diagnostics);
            catalog.prompt_references(agent, scan);
        }
        for agent in left_out {
            catalog.left_out(agent, &mut self.diagnostics);
        }
        for skill in skills.iter_mut() {
            let file = &self.skill_files[skill.file];
            skills::resolve_skill(skill, file, &resolver, &mut self.diagnostics);
        }
        for command in command_skills {
            let file = &self.command_files[command.file];
            skills::resolve_skill(command, file, &resolver, &mut self.diagnostics);
        }
        broken::name_referrers(broken, resolver.broken_uses.take(), &mut self.diagnostics);
    }
}

/// What resolving an agent's references reads.
struct Resolving<'a> {
    resolver: &'a Resolver<'a>,
    scanner: &'a mentions::Scanner<'a>,
    files: &'a [AgentFile],
    skills: &'a [Skill],
    skill_files: &'a [SkillFile],
    commands: &'a [layout::Command],
    config: &'a Config,
}

impl Resolving<'_> {
    /// An agent's tools, collaborators and skills.
    fn agent_references(&self, agent: &mut Agent, diagnostics: &mut Vec<Diagnostic>) {
        let file = &self.files[agent.file];
        resolve_agent(agent, file, self.resolver, diagnostics);
        self.agent_skills(agent, diagnostics);
    }

    /// An agent's `skills`, resolved against the catalog's skills and commands.
    fn agent_skills(&self, agent: &mut Agent, diagnostics: &mut Vec<Diagnostic>) {
        skills::resolve_agent_skills(
            agent,
            &self.files[agent.file],
            self.skills,
            self.skill_files,
            self.commands,
            self.config,
            diagnostics,
        );
    }

    /// The agent references `scan` found in an agent's prompt; the references to a broken agent
    /// are noted for its error.
    fn prompt_references(&self, agent: &mut Agent, scan: mentions::PromptScan) {
        let file = &self.files[agent.file];
        agent.mentions = scan.mentions;
        agent.external_mentions = scan.external_mentions;
        agent.prompt_references = scan.references;
        for reference in &agent.prompt_references {
            if let Some(AgentTarget::Broken(j)) = reference.target {
                self.resolver
                    .broken_uses
                    .borrow_mut()
                    .push((j, file.path().to_owned()));
            }
        }
    }

    /// An agent left out for a colliding identifier: its problems are reported all the same.
    fn left_out(&self, mut agent: Agent, diagnostics: &mut Vec<Diagnostic>) {
        let file = &self.files[agent.file];
        resolve_agent(&mut agent, file, self.resolver, diagnostics);
        mentions::scan_prompt(None, &agent, file, self.scanner, diagnostics);
        self.agent_skills(&mut agent, diagnostics);
    }
}

/// The pack of a project agent: the top-level folder below `prefix` it is in.
fn pack_of(display: &str, prefix: &str) -> Option<String> {
    display
        .strip_prefix(prefix)
        .unwrap_or(display)
        .split_once('/')
        .map(|(dir, _)| dir.to_owned())
}

/// The `duplicate-name` error on `shadowed`, whose name `winner` (later in path order) has.
fn duplicate_name(
    shadowed: &AgentFile,
    winner: &AgentFile,
    name: &Spanned<String>,
    packs: bool,
) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateName,
        shadowed.path(),
        format!(
            "two agents are named `{}`: Claude Code loads `{}` and ignores this file",
            name.value,
            winner.path()
        ),
    )
    .at(name_span(shadowed))
    .label("ignored: a later file has this name")
    .related(Related {
        file: winner.path().to_owned(),
        span: name.span.clone(),
        message: "Claude Code loads this file (its path sorts last)".into(),
    })
    .note("Claude Code sorts agent file paths and the last one wins a name, with a line in its debug log only")
    .help(if packs {
        "rename one of the agents, or move it into another pack"
    } else {
        "rename one of the agents, or organise the directory into packs (`packs = true` in agentgen.toml)"
    })
}

/// The `duplicate-name` error of two plugin agents (`key`: their naming key): Claude Code reads
/// a plugin's files in parallel, so either one may win.
fn duplicate_plugin_agent(
    shadowed: &AgentFile,
    other: &AgentFile,
    name: &Spanned<String>,
    key: &NameKey,
) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateName,
        shadowed.path(),
        format!(
            "two plugin agents are named `{}`: Claude Code loads one of them, whichever of the two files it reads last",
            qualified_name(key.0.as_deref(), &key.1)
        ),
    )
    .at(name_span(shadowed))
    .label("ignored: a later file has this name")
    .related(Related {
        file: other.path().to_owned(),
        span: name.span.clone(),
        message: "the other file of this name".into(),
    })
    .note("Claude Code reads a plugin's agent files in parallel: the order, and so the winner, is not fixed")
    .help("rename one of the agents, or move it into a subfolder of `agents/` (a segment of its name)")
}

/// The `non-kebab-name` warning of an agent's `name`.
fn non_kebab_name(file: &AgentFile, name: &Spanned<String>) -> Diagnostic {
    Diagnostic::new(
        Code::NonKebabName,
        file.path(),
        format!("agent name `{}` is not kebab-case", name.value),
    )
    .at(name.span.clone())
    .help(format!(
        "Claude Code's convention is lower-case words joined by `-`, e.g. `{}`",
        kebab_suggestion(&name.value)
    ))
}

/// Pass 6, levels: each diagnostic at its lint's level — dropped when allowed, else a warning
/// (ending with how to deny or allow it) or an error.
pub(super) fn apply_lint_levels(diagnostics: Vec<Diagnostic>, config: &Config) -> Vec<Diagnostic> {
    diagnostics
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
        .collect()
}

/// The diagnostics sorted by file, line, column, code and message, without repeats.
pub(super) fn sort_diagnostics(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        let place = |d: &Diagnostic| d.span.as_ref().map(|s| (s.line, s.column));
        (a.file.as_str(), place(a), a.code, a.message.as_str()).cmp(&(
            b.file.as_str(),
            place(b),
            b.code,
            b.message.as_str(),
        ))
    });
    diagnostics.dedup();
}

/// The agents sorted by qualified name, with every index into them (collaborators, observers,
/// mentions, references, `Agent(…)` tools; the skills' and commands' too) remapped.
fn sort_agents(
    mut agents: Vec<Agent>,
    skills: &mut [Skill],
    command_skills: &mut [Skill],
) -> Vec<Agent> {
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
            targets.iter_mut().for_each(remap_target);
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
    for skill in skills.iter_mut().chain(command_skills) {
        skill.agent.iter_mut().for_each(remap_target);
        skill.allowed_tools.iter_mut().for_each(remap);
        skill.disallowed_tools.iter_mut().for_each(remap);
    }
    let mut sorted: Vec<Option<Agent>> = agents.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| sorted[i].take()).collect()
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
        compile(Input::files("agents", files), config)
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
