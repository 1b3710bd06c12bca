//! Skills in a catalog: their names as Claude Code gives them, their Rust identifiers, and the
//! resolution of every agent's `skills` entries and of every skill's tools and agent.
//!
//! Source: Claude Code 2.1.332, observed by spawning agents that preload skills against a
//! stand-in API (`tests/claude-code/skills-preload.mjs`; docs/guide/claude-projects-skills-plugins.md):
//!
//! - an agent's `skills` entry names a skill by its name (`name`, else its folder), by its
//!   folder's name when `name` renames it, or — for a plugin's skill — by `plugin:name`,
//!   `plugin:folder` or either short name; names are matched exactly (case included);
//! - a skill with `disable-model-invocation: true` is not preloaded ("not found"), nor a bundled
//!   skill only users start, nor a built-in command;
//! - entries are split like `tools` (a comma or a space ends one), and only the first 32
//!   different names are preloaded;
//! - the commands of `commands/` (`grp/deploy.md` is `grp:deploy`, in a plugin
//!   `plugin:grp:deploy`) are preloaded too, by their name or a `:`-separated tail of it
//!   (`deploy`, `grp:deploy`); agentgen knows them by name.

use std::collections::BTreeMap;

use super::resolve::Resolver;
use super::{Agent, AgentTarget, ResolvedTool};
use crate::config::Config;
use crate::diagnostic::{Code, Diagnostic, Related};
use crate::naming::skill_identifiers;
use crate::read::{AgentFile, SkillFile, SkillKind, Spanned};
use crate::registry::{self, BundledSkillKind};

/// How many different skills Claude Code preloads into one agent.
pub(crate) const MAX_PRELOADED_SKILLS: usize = 32;

/// One skill of the catalog, named and resolved.
#[derive(Debug, Clone)]
pub struct Skill {
    /// Index into [`Catalog::skill_files`](super::Catalog::skill_files).
    pub file: usize,
    /// The plugin it belongs to.
    pub plugin: Option<String>,
    /// Its name within its plugin (or the catalog): `name`, else its folder's name.
    pub name: String,
    /// `plugin:name`, or `name`.
    pub qualified_name: String,
    /// Other names Claude Code finds it by (its folder's, `plugin:folder`, the short name).
    pub aliases: Vec<String>,
    /// Variant of the generated skill enum.
    pub variant: String,
    /// Name of the generated constant (in the module `skills`).
    pub constant: String,
    /// `allowed-tools`, resolved.
    pub allowed_tools: Vec<ResolvedTool>,
    /// `disallowed-tools`, resolved.
    pub disallowed_tools: Vec<ResolvedTool>,
    /// `agent`, resolved.
    pub agent: Option<AgentTarget>,
    /// The skill's folder on disk, when it was read from one.
    pub dir: Option<std::path::PathBuf>,
}

/// An agent's `skills` entry, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkillTarget {
    /// Index into [`Catalog::skills`](super::Catalog::skills).
    Catalog(usize),
    /// A bundled skill of Claude Code or a declared external one, by name.
    Named(String),
}

/// Names every skill Claude Code loads, reports duplicate names and identifier collisions (the
/// later skill is left out), and returns the skills sorted by qualified name. Command files
/// ([`SkillKind`] of a command) are named as Claude Code names commands: after their path; a
/// plugin command's `name` replaces the last segment (`plugin:grp:name`).
pub(super) fn name_skills(
    files: &[SkillFile],
    places: &[(Option<String>, Option<std::path::PathBuf>)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Skill> {
    let mut skills: Vec<Skill> = Vec::new();
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_variant: BTreeMap<String, usize> = BTreeMap::new();
    for (index, file) in files.iter().enumerate() {
        if !file.loaded {
            continue;
        }
        let (plugin, dir) = places.get(index).cloned().unwrap_or_default();
        let noun = file.kind.noun();
        let (name, qualified_name, mut aliases) = match (file.kind, &plugin) {
            (SkillKind::Skill, _) => {
                let name = file.skill_name().to_owned();
                let qualified_name = match &plugin {
                    Some(p) if name.starts_with(&format!("{p}:")) => name.clone(),
                    Some(p) => format!("{p}:{name}"),
                    None => name.clone(),
                };
                let aliases = match &plugin {
                    Some(p) => vec![
                        format!("{p}:{}", file.folder),
                        name.clone(),
                        file.folder.clone(),
                    ],
                    None => vec![file.folder.clone()],
                };
                (name, qualified_name, aliases)
            }
            (SkillKind::PluginCommand, Some(p)) if file.name.is_some() => {
                let written = file.skill_name();
                let prefix = match file.folder.rfind(':') {
                    Some(end) => format!("{p}:{}", &file.folder[..=end]),
                    None => format!("{p}:"),
                };
                let qualified_name = if written.starts_with(&prefix) {
                    written.to_owned()
                } else {
                    format!("{prefix}{written}")
                };
                let name = qualified_name[p.len() + 1..].to_owned();
                let mut aliases = Vec::new();
                if !written.contains(':') {
                    aliases.push(written.to_owned());
                }
                aliases.push(format!("{p}:{}", file.folder));
                (name, qualified_name, aliases)
            }
            (_, plugin) => {
                let name = file.folder.clone();
                let qualified_name = match plugin {
                    Some(p) => format!("{p}:{name}"),
                    None => name.clone(),
                };
                (name, qualified_name, Vec::new())
            }
        };
        aliases.retain(|a| *a != qualified_name);
        aliases.dedup();
        if let Some(&earlier) = by_name.get(&qualified_name) {
            let first = &files[skills[earlier].file];
            diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateName,
                    file.path(),
                    format!("two {noun}s are named `{qualified_name}`"),
                )
                .at(file.name_span())
                .label(format!("a second {noun} of this name"))
                .related(Related {
                    file: first.path().to_owned(),
                    span: first.name_span(),
                    message: format!("the first {noun} of this name"),
                })
                .note("Claude Code lists both; an agent that preloads the name gets one of them")
                .help(if file.kind.is_command() {
                    "rename one of the commands (its file, or `name:` in a plugin)"
                } else {
                    "rename one of the skills (`name:` or its folder)"
                }),
            );
            continue;
        }
        let (variant, constant) = skill_identifiers(plugin.as_deref(), &name);
        if let Some(&other) = by_variant.get(&variant) {
            let first = &skills[other];
            let first_file = &files[first.file];
            diagnostics.push(
                Diagnostic::new(
                    Code::IdentifierCollision,
                    file.path(),
                    format!(
                        "{noun} names `{}` and `{qualified_name}` both become the Rust identifier `{variant}`",
                        first.qualified_name
                    ),
                )
                .at(file.name_span())
                .related(Related {
                    file: first_file.path().to_owned(),
                    span: first_file.name_span(),
                    message: format!("`{}` is named here", first.qualified_name),
                })
                .help(format!("rename one of the {noun}s so that their names differ in more than case and punctuation")),
            );
            continue;
        }
        by_name.insert(qualified_name.clone(), skills.len());
        by_variant.insert(variant.clone(), skills.len());
        skills.push(Skill {
            file: index,
            plugin,
            name,
            qualified_name,
            aliases,
            variant,
            constant,
            allowed_tools: Vec::new(),
            disallowed_tools: Vec::new(),
            agent: None,
            dir,
        });
    }
    skills.sort_by(|a, b| a.qualified_name.cmp(&b.qualified_name));
    skills
}

/// The skill an entry names, as Claude Code finds it: the qualified name, then a project
/// skill's name or folder, then a plugin skill's other names.
fn find_skill(skills: &[Skill], text: &str) -> Option<usize> {
    skills
        .iter()
        .position(|s| s.qualified_name == text)
        .or_else(|| {
            skills
                .iter()
                .position(|s| s.plugin.is_none() && s.aliases.iter().any(|a| a == text))
        })
        .or_else(|| {
            skills
                .iter()
                .position(|s| s.plugin.is_some() && s.aliases.iter().any(|a| a == text))
        })
}

/// Resolves an agent's `skills` entries: a skill of the catalog, a bundled skill Claude Code
/// preloads, or a declared external skill; anything else is reported at the entry.
pub(super) fn resolve_agent_skills(
    agent: &mut Agent,
    file: &AgentFile,
    skills: &[Skill],
    skill_files: &[SkillFile],
    commands: &[super::layout::Command],
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let path = file.path();
    let mut distinct: Vec<&str> = Vec::new();
    for entry in &file.skills {
        let text = entry.value.as_str();
        if !distinct.contains(&text) {
            distinct.push(text);
            if distinct.len() == MAX_PRELOADED_SKILLS + 1 {
                diagnostics.push(
                    Diagnostic::new(
                        Code::InvalidField,
                        path,
                        format!("`skills` names more than {MAX_PRELOADED_SKILLS} different skills"),
                    )
                    .at(entry.span.clone())
                    .label("Claude Code preloads none from here on")
                    .note(format!(
                        "Claude Code preloads only the first {MAX_PRELOADED_SKILLS} different names, with a line in its debug log"
                    ))
                    .help("preload fewer skills; the agent can still invoke others with the `Skill` tool"),
                );
            }
        }
        if distinct.len() > MAX_PRELOADED_SKILLS {
            continue;
        }
        if let Some(index) = find_skill(skills, text) {
            let skill = &skills[index];
            let skill_file = &skill_files[skill.file];
            if skill_file.disable_model_invocation {
                diagnostics.push(
                    Diagnostic::new(
                        Code::SkillNotPreloadable,
                        path,
                        format!("the skill `{}` cannot be preloaded: it has `disable-model-invocation: true`", skill.qualified_name),
                    )
                    .at(entry.span.clone())
                    .label("Claude Code does not preload this skill")
                    .related(Related {
                        file: skill_file.path().to_owned(),
                        span: skill_file
                            .keys
                            .iter()
                            .find(|k| k.value == "disable-model-invocation")
                            .and_then(|k| k.span.clone()),
                        message: "only users can start this skill".into(),
                    })
                    .note("Claude Code skips the entry with \"Skill … specified in frontmatter was not found\" in its debug log")
                    .help("remove the entry, or let the model invoke the skill (drop `disable-model-invocation`)"),
                );
                continue;
            }
            if !agent.skills.contains(&SkillTarget::Catalog(index)) {
                agent.skills.push(SkillTarget::Catalog(index));
            }
            continue;
        }
        // A command of the project or a plugin: by its full name or a `:`-separated tail of it.
        if let Some(command) = commands
            .iter()
            .find(|c| c.name == text || c.name.ends_with(&format!(":{text}")))
        {
            push_named(agent, &command.name);
            continue;
        }
        if let Some(bundled) = registry::bundled_skill(text) {
            let version = registry::CLAUDE_CODE_VERSION;
            let what = match bundled.kind {
                BundledSkillKind::Preloadable => {
                    push_named(agent, text);
                    continue;
                }
                BundledSkillKind::UserOnly => {
                    format!("`{text}` is a skill of Claude Code {version} that only users start")
                }
                BundledSkillKind::Command => {
                    format!("`{text}` is a built-in command of Claude Code {version}, not a skill")
                }
            };
            diagnostics.push(
                Diagnostic::new(
                    Code::SkillNotPreloadable,
                    path,
                    format!("{what}: it cannot be preloaded"),
                )
                .at(entry.span.clone())
                .label("Claude Code does not preload this")
                .note("Claude Code skips the entry with \"Skill … specified in frontmatter was not found\" in its debug log")
                .help("remove the entry"),
            );
            continue;
        }
        if config.is_external_skill(text) {
            push_named(agent, text);
            continue;
        }
        diagnostics.push(unknown_skill(entry, path, skills, commands, config));
    }
}

fn push_named(agent: &mut Agent, name: &str) {
    let target = SkillTarget::Named(name.to_owned());
    if !agent.skills.contains(&target) {
        agent.skills.push(target);
    }
}

fn unknown_skill(
    entry: &Spanned<String>,
    path: &str,
    skills: &[Skill],
    commands: &[super::layout::Command],
    config: &Config,
) -> Diagnostic {
    let text = entry.value.as_str();
    let mut candidates: Vec<&str> = skills
        .iter()
        .flat_map(|s| {
            std::iter::once(s.qualified_name.as_str()).chain(s.aliases.iter().map(String::as_str))
        })
        .chain(config.external_skills.iter().map(String::as_str))
        .chain(commands.iter().map(|c| c.name.as_str()))
        .chain(
            registry::BUNDLED_SKILLS
                .iter()
                .filter(|s| s.kind == BundledSkillKind::Preloadable)
                .map(|s| s.name),
        )
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    let exact_case = candidates
        .iter()
        .find(|c| c.eq_ignore_ascii_case(text))
        .copied();
    let mut close: Vec<(f64, &str)> = candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(text, c), *c))
        .filter(|(score, _)| *score > 0.85)
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let help = if let Some(name) = exact_case {
        format!("did you mean `{name}`? (skill names are matched exactly, case included)")
    } else if !close.is_empty() {
        let names: Vec<String> = close
            .iter()
            .take(3)
            .map(|(_, n)| format!("`{n}`"))
            .collect();
        format!("did you mean {}?", names.join(" or "))
    } else {
        "add the skill (`skills/<name>/SKILL.md`), or declare it under `[skills] external` in agentgen.toml".to_owned()
    };
    let mut diagnostic = Diagnostic::new(
        Code::UnknownSkill,
        path,
        format!("unknown skill `{text}`: no skill of this catalog or of Claude Code has this name"),
    )
    .at(entry.span.clone())
    .label("no such skill")
    .note("Claude Code skips the entry with a line in its debug log: the agent runs without the skill");
    if text.contains([' ', ',']) {
        diagnostic = diagnostic.note("entries are split at commas and spaces, so a skill whose name holds one cannot be preloaded");
    }
    diagnostic.help(help)
}

/// Resolves a skill's `allowed-tools`, `disallowed-tools` and `agent`.
pub(super) fn resolve_skill(
    skill: &mut Skill,
    file: &SkillFile,
    resolver: &Resolver,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let pack = skill.plugin.as_deref();
    skill.allowed_tools = file
        .allowed_tools
        .iter()
        .map(|entry| resolver.tool(pack, file.path(), entry, diagnostics))
        .collect();
    skill.disallowed_tools = file
        .disallowed_tools
        .iter()
        .map(|entry| resolver.tool(pack, file.path(), entry, diagnostics))
        .collect();
    if let Some(agent) = &file.agent {
        skill.agent = resolver.agent(pack, file.path(), agent, "agent", diagnostics);
        if !file.fork {
            diagnostics.push(
                Diagnostic::new(
                    Code::IgnoredValue,
                    file.path(),
                    "`agent` without `context: fork`",
                )
                .at(agent.span.clone())
                .label("Claude Code runs the skill in the conversation that starts it, not in this agent")
                .help("add `context: fork`, or remove `agent`"),
            );
        }
    }
}
