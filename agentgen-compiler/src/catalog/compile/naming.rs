//! Passes 3 and 4 of [`compile`](super::compile), naming: every agent Claude Code loads with its
//! naming key, the identifiers that collide, the skills and commands, and the broken agents
//! whose names references still resolve against.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::super::broken::{self, BrokenAgent};
use super::super::identifiers::check_identifiers;
use super::super::parallel::par_map;
use super::super::skills::{self, Skill};
use super::super::{Agent, AgentNames, local_name, local_name_of, name_span, qualified_name};
use super::{NameKey, Work};
use crate::config::Layout;
use crate::diagnostic::{Code, Diagnostic, Related};
use crate::naming::{agent_identifiers, is_kebab_case, kebab_suggestion, pack_module};
use crate::read::{AgentFile, Spanned};

/// What naming the catalog gives ([`Work::name_all`]).
pub(super) struct Named {
    /// The agents Claude Code loads, in path order, their identifiers made.
    pub(super) agents: Vec<Agent>,
    /// The agents left out for an identifier that collides with an earlier agent's.
    pub(super) left_out: Vec<Agent>,
    /// The naming keys of `agents` and then of `broken`, to their index.
    pub(super) by_key: BTreeMap<NameKey, usize>,
    pub(super) skills: Vec<Skill>,
    pub(super) command_skills: Vec<Skill>,
    /// The agents whose file is broken but whose name can be read.
    pub(super) broken: Vec<BrokenAgent>,
}

impl Work {
    /// Passes 3 and 4, name and identifiers: [`Named`], the diagnostics added to
    /// `diagnostics`.
    pub(super) fn name_all(&self, diagnostics: &mut Vec<Diagnostic>) -> Named {
        let named = self.name_agents(diagnostics);
        let (agents, left_out, by_key) = self.set_aside_colliding(diagnostics, named);
        let (skills, command_skills) = self.name_skills_and_commands(diagnostics);
        self.check_module_names(
            diagnostics,
            agents.iter().chain(&left_out),
            !skills.is_empty(),
            !command_skills.is_empty(),
        );
        let (broken, by_key) = self.name_broken(diagnostics, &agents, &left_out, by_key);
        Named {
            agents,
            left_out,
            by_key,
            skills,
            command_skills,
            broken,
        }
    }

    /// The naming key of file `index` and its name, if Claude Code loads it.
    fn naming_key(&self, index: usize) -> Option<(NameKey, &Spanned<String>)> {
        let file = &self.files[index];
        let name = file.name.as_ref().filter(|_| file.is_accepted())?;
        let (pack, namespace) = &self.placements[index];
        Some(((pack.clone(), local_name(namespace, &name.value)), name))
    }

    /// The files whose agent Claude Code loads: of the files of one naming key, the last in
    /// path order (what [`Work::name_agents`] gives each agent).
    pub(super) fn agent_files(&self) -> Vec<usize> {
        let mut last: std::collections::HashMap<NameKey, usize> = std::collections::HashMap::new();
        for index in 0..self.files.len() {
            if let Some((key, _)) = self.naming_key(index) {
                last.insert(key, index);
            }
        }
        let mut files: Vec<usize> = last.into_values().collect();
        files.sort_unstable();
        files
    }

    /// Pass 3, name: every agent Claude Code loads, with its naming key's index. Of two files
    /// of one name (within a namespace) the later in path order wins it; the other is a
    /// `duplicate-name` error. A name that is not kebab-case is a `non-kebab-name` warning.
    fn name_agents(
        &self,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> (Vec<Agent>, BTreeMap<NameKey, usize>) {
        let mut agents: Vec<Agent> = Vec::with_capacity(self.files.len());
        let mut by_key: BTreeMap<NameKey, usize> = BTreeMap::new();
        let plugin_layout = self.plugin_layout();
        for (index, file) in self.files.iter().enumerate() {
            let Some((key, name)) = self.naming_key(index) else {
                continue;
            };
            let (pack, local_name) = key.clone();
            let namespace = self.placements[index].1.clone();
            if let Some(&earlier) = by_key.get(&key) {
                let shadowed = &self.files[agents[earlier].file];
                diagnostics.push(if plugin_layout {
                    duplicate_plugin_agent(shadowed, file, name, &key)
                } else {
                    duplicate_name(shadowed, file, name, self.config.packs, self.layout)
                });
                agents[earlier].file = index;
                continue;
            }
            by_key.insert(key, agents.len());
            if !is_kebab_case(&name.value) {
                diagnostics.push(non_kebab_name(file, name));
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
        &self,
        diagnostics: &mut Vec<Diagnostic>,
        (agents, by_key): (Vec<Agent>, BTreeMap<NameKey, usize>),
    ) -> (Vec<Agent>, Vec<Agent>, BTreeMap<NameKey, usize>) {
        let colliding = check_identifiers(&agents, &self.files, diagnostics);
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
    /// command's `name` applied; [`compile`] applies it to [`Work::commands`] too), with their
    /// identifiers checked.
    fn name_skills_and_commands(
        &self,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> (Vec<Skill>, Vec<Skill>) {
        let skills = skills::name_skills(&self.skill_files, &self.skill_places, diagnostics);
        let command_places: Vec<(Option<String>, Option<PathBuf>)> = self
            .commands
            .iter()
            .map(|c| (c.plugin.clone(), None))
            .collect();
        let command_skills = skills::name_skills(&self.command_files, &command_places, diagnostics);
        (skills, command_skills)
    }

    /// A pack or plugin whose Rust module is `skills` or `commands` collides with the module
    /// that holds the catalog's skills or commands, when it has some.
    fn check_module_names<'a>(
        &self,
        diagnostics: &mut Vec<Diagnostic>,
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
                    diagnostics.push(
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
        &self,
        diagnostics: &mut [Diagnostic],
        agents: &[Agent],
        left_out: &[Agent],
        mut by_key: BTreeMap<NameKey, usize>,
    ) -> (Vec<BrokenAgent>, BTreeMap<NameKey, usize>) {
        let loaded: BTreeMap<NameKey, usize> = agents
            .iter()
            .chain(left_out)
            .map(|a| ((a.pack.clone(), local_name_of(a)), a.file))
            .collect();
        let broken =
            broken::name_broken_agents(&self.files, &self.placements, &loaded, diagnostics);
        for (j, b) in broken.iter().enumerate() {
            by_key.insert(
                (b.agent.pack.clone(), local_name_of(&b.agent)),
                agents.len() + j,
            );
        }
        (broken, by_key)
    }
}

/// The `duplicate-name` error on `shadowed`, whose name `winner` (later in path order) has.
fn duplicate_name(
    shadowed: &AgentFile,
    winner: &AgentFile,
    name: &Spanned<String>,
    packs: bool,
    layout: Layout,
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
    } else if layout == Layout::Claude {
        // Claude Code has no packs in a `.claude` project (`packs_in_a_claude_project`).
        "rename one of the agents: in a `.claude` project Claude Code names agents by `name` alone, whatever folder they are in"
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
