//! The catalog's one compile entry, [`compile`], and its passes, in order:
//!
//! 1. **read** ([`read_root`]): the root folder, when given, as its layout says;
//! 2. **gather** ([`Work::gather`]): the agent files in path order, in their packs, with the
//!    diagnostics of reading them; then the `[metadata]` check and the skill and command files;
//! 3. **name** ([`Work::name_agents`], in [`naming`]): every loaded agent named, duplicate
//!    names reported — while, on another core, the prompts' Markdown is read for the scan of
//!    pass 5 (it depends on the text alone);
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

mod naming;

use super::broken::{self, BrokenAgent};
use super::layout::{self, PluginInfo};
use super::mentions::{self, ScanCache};
use super::metadata::{self, MetadataSlot};
use super::parallel::{par_join, par_map, par_map_mut};
use super::resolve::{Resolver, resolve_agent};
use super::skills::{self, Skill};
use super::targets;
use super::walk::js_path_order;
use super::{Agent, AgentTarget, Catalog, PlacedAgent, PlacedSkill, ResolvedTool, local_name_of};
use crate::config::{CONFIG_FILE, Config, Layout, Target, key_place};
use crate::diagnostic::{Code, Diagnostic, LintLevel, Severity};
use crate::read::{AgentFile, SkillFile};
use crate::source::SourceFile;
use naming::Named;

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
pub fn compile(input: Input, config: Config) -> Catalog {
    compile_with(input, config, None)
}

/// [`compile`], reusing what `cache` holds of the last compile of the same catalog: the prompts
/// whose text and whose catalog's names are unchanged are not scanned again (the language
/// server compiles on every edit). The catalog is the one [`compile`] gives.
pub fn compile_cached(input: Input, config: Config, cache: &ScanCache) -> Catalog {
    compile_with(input, config, Some(cache))
}

fn compile_with(mut input: Input, config: Config, cache: Option<&ScanCache>) -> Catalog {
    if let Some(root) = input.root.take() {
        read_root(&root, &mut input, &config);
    }
    let known = cache.map(ScanCache::take).unwrap_or_default();
    let mut work = Work::gather(input, config);
    // The prompts' Markdown is read (on every core) while the agents are named: the naming is
    // mostly one thread's work, and the Markdown depends on the text alone.
    let mut diagnostics = std::mem::take(&mut work.diagnostics);
    let (files, naming) = (&work.files, &work);
    let (documents, named) = par_join(
        || mentions::PromptDocuments::read(files, &naming.agent_files(), &known),
        || naming.name_all(&mut diagnostics),
    );
    let Named {
        mut agents,
        left_out,
        by_key,
        mut skills,
        mut command_skills,
        broken,
    } = named;
    // A plugin command's `name` applied to its command.
    for command in &command_skills {
        if let Some(source) = work.commands.get_mut(command.file) {
            source.name = command.qualified_name.clone();
        }
    }
    drop(known); // what the cache held and this compile does not read again
    work.resolve(
        (&documents, cache),
        &mut diagnostics,
        &mut agents,
        left_out,
        &broken,
        &by_key,
        &mut skills,
        &mut command_skills,
    );
    drop(documents);
    work.diagnostics = diagnostics;
    let broken_agents = broken.into_iter().map(|b| b.agent).collect();
    work.check_targets(&agents);
    // The diagnostics and the agents are sorted at the same time.
    let config = &work.config;
    let found = std::mem::take(&mut work.diagnostics);
    let (diagnostics, agents) = par_join(
        || {
            let mut diagnostics = apply_lint_levels(found, config);
            sort_diagnostics(&mut diagnostics);
            diagnostics
        },
        || sort_agents(agents, &mut skills, &mut command_skills),
    );
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
    fn gather(mut input: Input, mut config: Config) -> Work {
        let layout = input.layout.unwrap_or(Layout::Agents);
        // Claude Code names a `.claude` project's agents by `name` alone, whatever folder they
        // sit in: packs there would give names Claude Code does not have (and hide its
        // duplicates). The catalog is read without them, and the setting is an error.
        let packs_refused =
            (config.packs && layout == Layout::Claude).then(|| packs_in_a_claude_project(&input));
        if packs_refused.is_some() {
            config.packs = false;
        }
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
        diagnostics.extend(packs_refused);
        diagnostics.reserve(files.iter().map(|f| f.diagnostics.len()).sum());
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

    /// Pass 5, resolve: each agent's tools, collaborators, skills and prompt references; the
    /// same for the agents left out (their problems are reported all the same); each skill's
    /// and command's tools and agent; and, in each broken agent's error, who names it.
    #[allow(clippy::too_many_arguments)]
    fn resolve(
        &self,
        (documents, cache): (&mentions::PromptDocuments<'_>, Option<&ScanCache>),
        diagnostics: &mut Vec<Diagnostic>,
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
            nameless_files: self
                .files
                .iter()
                .filter(|f| f.name.is_none() && f.diagnostics.iter().any(Diagnostic::is_error))
                .filter(|f| broken::broken_agent_name(f).is_none())
                .filter_map(|f| {
                    let stem = std::path::Path::new(f.path()).file_stem()?.to_str()?;
                    Some((stem.to_owned(), f.path().to_owned()))
                })
                .collect(),
        };
        let (live_agents, namespaced, namespace_word) = (
            resolver.live_agents,
            resolver.namespaced,
            resolver.namespace_word,
        );
        let catalog = Resolving {
            resolver: &resolver,
            files: &self.files,
            skills,
            skill_files: &self.skill_files,
            commands: &self.commands,
            config: &self.config,
        };
        // The scanner's index of the names is built while each agent's references are
        // resolved on every core; their diagnostics are added in agent order.
        let (scanner, found) = par_join(
            || {
                let mut scanner =
                    mentions::Scanner::new(&self.config, &names, live_agents, namespaced);
                scanner.namespace_word = namespace_word;
                scanner
            },
            || {
                par_map_mut(agents, |_, agent| {
                    let mut found = Vec::new();
                    catalog.agent_references(agent, &mut found);
                    found
                })
            },
        );
        diagnostics.extend(found.into_iter().flatten());
        // The prompts are scanned on every core (the `parallel` feature); each scan's
        // diagnostics are added in agent order, as scanning one after another adds them.
        let scans = mentions::scan_prompts(agents, &self.files, documents, &scanner, cache);
        for (agent, (scan, found)) in agents.iter_mut().zip(scans) {
            diagnostics.extend(found);
            catalog.prompt_references(agent, scan);
        }
        for agent in left_out {
            catalog.left_out(agent, &scanner, diagnostics);
        }
        for skill in skills.iter_mut() {
            let file = &self.skill_files[skill.file];
            skills::resolve_skill(skill, file, &resolver, diagnostics);
        }
        for command in command_skills {
            let file = &self.command_files[command.file];
            skills::resolve_skill(command, file, &resolver, diagnostics);
        }
        let broken_uses = resolver
            .broken_uses
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        broken::name_referrers(broken, broken_uses, diagnostics);
    }
}

/// What resolving an agent's references reads.
struct Resolving<'a> {
    resolver: &'a Resolver<'a>,
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
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push((j, file.path().to_owned()));
            }
        }
    }

    /// An agent left out for a colliding identifier: its problems are reported all the same.
    fn left_out(
        &self,
        mut agent: Agent,
        scanner: &mentions::Scanner<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let file = &self.files[agent.file];
        resolve_agent(&mut agent, file, self.resolver, diagnostics);
        mentions::scan_prompt(None, &agent, file, scanner, diagnostics);
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

/// The `invalid-config` error of `packs = true` in a `.claude` project (see [`Work::gather`]),
/// at the `packs` key of the `agentgen.toml` that sets it when it is there.
fn packs_in_a_claude_project(input: &Input) -> Diagnostic {
    let config_display = input.config_source.as_ref().map_or_else(
        || format!("{}/{CONFIG_FILE}", input.display_root),
        |source| source.display_path.clone(),
    );
    let diagnostic = Diagnostic::new(
        Code::InvalidConfig,
        config_display,
        "`packs = true` does not apply to a `.claude` project: Claude Code names its agents by `name` alone",
    )
    .note("agentgen reads this project without packs, as Claude Code does: an agent in a subfolder of `.claude/agents` keeps its own name, and two agents with one name are a `duplicate-name` error")
    .help("remove `packs = true`; packs belong in an `agents` folder outside `.claude`, which `agentgen export --format plugin` turns into plugins Claude Code names `pack:name`");
    let key = input
        .config_source
        .as_ref()
        .and_then(|source| key_place(source, "packs"));
    match key {
        Some(span) => diagnostic.at(Some(span)).label("Claude Code has no packs"),
        None => diagnostic,
    }
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
    fn an_agent_renamed_to_a_longer_name_is_suggested() {
        let c = catalog(
            &[
                (
                    "a.md",
                    "---\nname: a\ndescription: d\ntools: Agent(reviewer), Agent(deploy)\n---\nx",
                ),
                ("b.md", "---\nname: code-reviewer\ndescription: d\n---\nx"),
                ("c.md", "---\nname: deploy-bot\ndescription: d\n---\nx"),
                ("d.md", "---\nname: reviewers-guild\ndescription: d\n---\nx"),
            ],
            Config::default(),
        );
        let helps: Vec<Option<&str>> = c
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::UnknownCollaborator)
            .map(|d| d.help.as_deref())
            .collect();
        // `reviewers-guild` is close by the string metric alone; the whole part ranks first.
        assert_eq!(
            helps,
            [
                Some("did you mean `code-reviewer` or `reviewers-guild`?"),
                Some("did you mean `deploy-bot`?")
            ]
        );
    }

    #[test]
    fn an_unknown_agent_named_like_a_file_without_a_name_points_at_that_file() {
        let c = catalog(
            &[
                (
                    "a.md",
                    "---\nname: a\ndescription: d\ntools: Agent(reviewer)\n---\nx",
                ),
                ("reviewer.md", "---\nname:\ndescription: d\n---\nx"),
            ],
            Config::default(),
        );
        let unknown = c
            .diagnostics
            .iter()
            .find(|d| d.code == Code::UnknownCollaborator)
            .expect("unknown-collaborator");
        assert_eq!(
            unknown.help.as_deref(),
            Some(
                "`agents/reviewer.md` has no usable `name` (its own error says why): give it `name: reviewer`"
            )
        );
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
    fn packs_are_refused_in_a_claude_project_and_its_duplicates_stay_errors() {
        let config = Config {
            packs: true,
            ..Config::default()
        };
        let text = "---\nname: reviewer\ndescription: d\n---\nx";
        let files = ["reviewer.md", "team2/reviewer.md"]
            .iter()
            .map(|p| read_agent(&format!(".claude/agents/{p}"), text.as_bytes()))
            .collect();
        let mut input = Input::files(".claude", files);
        input.layout = Some(Layout::Claude);
        input.config_source = Some(SourceFile::new(
            ".claude/agentgen.toml",
            b"# ours\npacks = true\n",
        ));
        let c = compile(input, config);
        assert_eq!(codes(&c), [Code::InvalidConfig, Code::DuplicateName]);
        assert_eq!(c.diagnostics[0].location(), ".claude/agentgen.toml:2:1");
        let duplicate = &c.diagnostics[1];
        assert!(
            duplicate
                .help
                .as_deref()
                .is_some_and(|h| !h.contains("packs")),
            "{duplicate:?}"
        );
        // Named as Claude Code names them: `reviewer`, no `team2:` pack.
        assert_eq!(
            c.agents.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
            ["reviewer"]
        );
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
                 under `[lints]` in agentgen.toml (or `agentgen check -D retired-tool`), allow it with `\"allow\"` \
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
