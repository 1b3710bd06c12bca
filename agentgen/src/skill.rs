//! Skills: the references agents preload ([`SkillRef`], [`NoSkill`]), the compiled skill
//! ([`SkillSpec`]) and its keyword enums ([`SkillContext`], [`SkillShell`]).

use std::fmt;

use crate::keywords::keyword_enum;
use crate::{AgentRef, Effort, Model, Tool, Value};

/// A skill an agent preloads (frontmatter `skills`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SkillRef<S: 'static> {
    /// A skill of this catalog.
    Catalog(S),
    /// A skill by name: one Claude Code bundles, or one declared outside the catalog.
    Named(&'static str),
}

/// The name as written in `skills`.
impl<S: fmt::Display + 'static> fmt::Display for SkillRef<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkillRef::Catalog(skill) => skill.fmt(f),
            SkillRef::Named(name) => f.write_str(name),
        }
    }
}

/// The skill type of a catalog without skills: it has no values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoSkill {}

impl fmt::Display for NoSkill {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {}
    }
}

/// A catalog's skill enum, which knows its skills' specs: the generated `Skill` implements it
/// (`ALL_SKILLS[skill]`), and so does [`NoSkill`]. [`AgentSpec::preloaded_skills`](crate::AgentSpec::preloaded_skills)
/// uses it.
pub trait CatalogSkill<A: 'static>: Copy + 'static {
    /// The skill's compiled spec.
    fn skill_spec(self) -> &'static SkillSpec<A, Self>;
}

impl<A: 'static> CatalogSkill<A> for NoSkill {
    fn skill_spec(self) -> &'static SkillSpec<A, NoSkill> {
        match self {}
    }
}

/// One compiled skill (`<folder>/SKILL.md`): everything Claude Code reads from its file, typed.
///
/// `A` is the catalog's agent enum and `S` its skill enum (both generated). A catalog with
/// skills generates `pub type SkillSpec = agentgen::SkillSpec<Agent, Skill>`, one constant per
/// skill in its module `skills`, `ALL_SKILLS` and `skill_by_name`.
///
/// Commands (`commands/**/*.md` of a `.claude` project or a plugin), which Claude Code reads
/// with its skill reader and offers as skills, are typed with this struct too: a catalog with
/// commands generates `pub type CommandSpec = agentgen::SkillSpec<Agent, Command>`, one
/// constant per command in its module `commands`, `ALL_COMMANDS` and `command_by_name`. For a
/// command, `name` is its name from its path (`grp:deploy`; a plugin command's `name` replaces
/// the last segment), `folder` that name from its path, `paths` is always empty and
/// `source_path` is the command file.
///
/// Source: Claude Code 2.1.332's skill frontmatter schema and reader (its skills documentation:
/// `name`, `description`, `when_to_use`, `allowed-tools`, `disallowed-tools`, `model`, `effort`,
/// `context`, `agent`, `background`, `disable-model-invocation`, `user-invocable`,
/// `argument-hint`, `arguments`, `paths`, `shell`, `hooks`, `version`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SkillSpec<A: 'static, S: 'static> {
    /// The skill's value in its catalog's enum.
    pub id: S,
    /// The skill's name within its plugin (or catalog): frontmatter `name` as Claude Code keeps
    /// it (`String(name)`, at most 256 UTF-16 units), else the folder's name.
    pub name: &'static str,
    /// `plugin:name` for a plugin's skill, else `name`: the name Claude Code lists it under and
    /// agents preload it by.
    pub qualified_name: &'static str,
    /// The plugin the skill belongs to.
    pub plugin: Option<&'static str>,
    /// The skill's folder name (another name Claude Code finds it by when `name` renames it);
    /// for a command, its name from its path (`grp:deploy` for `commands/grp/deploy.md`).
    pub folder: &'static str,
    /// Frontmatter `description` (trimmed; a literal `\n` stays as written), or, without one,
    /// Claude Code's: the body's first non-blank line (a heading's text), at most 100 characters.
    pub description: &'static str,
    /// Frontmatter `when_to_use`: more of when the model should use the skill.
    pub when_to_use: Option<&'static str>,
    /// Frontmatter `allowed-tools`: the tools the model may use while the skill is active
    /// (empty when absent, or when Claude Code drops them with hooks it cannot load).
    pub allowed_tools: &'static [Tool<A>],
    /// Frontmatter `disallowed-tools` (or `disallowedTools`): tools removed while it is active.
    pub disallowed_tools: &'static [Tool<A>],
    /// Frontmatter `model`: the model while the skill is active.
    pub model: Option<Model>,
    /// Frontmatter `effort`.
    pub effort: Option<Effort>,
    /// Frontmatter `context`: where the skill runs ([`SkillContext::Inline`] when absent).
    pub context: SkillContext,
    /// Frontmatter `agent`: the agent that runs the skill with `context: fork`.
    pub agent: Option<AgentRef<A>>,
    /// Frontmatter `background`: with `context: fork`, whether the fork runs in the background.
    pub background: Option<bool>,
    /// Frontmatter `disable-model-invocation: true`: only users start the skill (`/name`); the
    /// model cannot invoke it and agents cannot preload it.
    pub disable_model_invocation: bool,
    /// Frontmatter `user-invocable`: whether users can start the skill as `/name` (`true` when
    /// absent; `false` hides it from the `/` menu).
    pub user_invocable: bool,
    /// Frontmatter `argument-hint`: the placeholder shown after `/name`.
    pub argument_hint: Option<&'static str>,
    /// Frontmatter `arguments`: the names of the skill's arguments.
    pub arguments: &'static [&'static str],
    /// Frontmatter `paths`: the glob patterns the skill applies to, as written.
    pub paths: &'static [&'static str],
    /// Frontmatter `shell`: the shell of the skill's `!` commands (bash when absent).
    pub shell: Option<SkillShell>,
    /// Frontmatter `hooks`: the hooks registered while the skill is active.
    pub hooks: Option<Value>,
    /// Frontmatter `version`.
    pub version: Option<&'static str>,
    /// Other frontmatter keys (`metadata`, …), kept as typed values in file order.
    pub extra: &'static [(&'static str, Value)],
    /// The body after the frontmatter, as written: the skill's instructions (Claude Code fills
    /// in `$ARGUMENTS` and `${CLAUDE_SKILL_DIR}` when the skill runs).
    pub body: &'static str,
    /// The `SKILL.md` file, relative to the crate (or the catalog's parent), `/` separators.
    pub source_path: &'static str,
}

impl<A: 'static, S: 'static> SkillSpec<A, S> {
    /// A spec for `id` whose strings are empty and whose optional fields are absent (lists
    /// empty, `context` inline, `user_invocable` true). Generated constants set what their file
    /// gives and take the rest from here, as [`AgentSpec::base`](crate::AgentSpec::base) does for agents.
    pub const fn base(id: S) -> Self {
        SkillSpec {
            id,
            name: "",
            qualified_name: "",
            plugin: None,
            folder: "",
            description: "",
            when_to_use: None,
            allowed_tools: &[],
            disallowed_tools: &[],
            model: None,
            effort: None,
            context: SkillContext::Inline,
            agent: None,
            background: None,
            disable_model_invocation: false,
            user_invocable: true,
            argument_hint: None,
            arguments: &[],
            paths: &[],
            shell: None,
            hooks: None,
            version: None,
            extra: &[],
            body: "",
            source_path: "",
        }
    }

    /// Whether an agent can preload the skill (frontmatter `skills`): not when only users may
    /// start it (`disable-model-invocation: true`).
    pub const fn preloadable(&self) -> bool {
        !self.disable_model_invocation
    }
}

keyword_enum! {
    /// Skill frontmatter `context`: where a skill runs.
    SkillContext {
        /// `inline`: its instructions join the conversation that starts it (the default).
        Inline = "inline",
        /// `fork`: it runs in a subagent of its own (frontmatter `agent`, else a general one).
        Fork = "fork",
    }
}

keyword_enum! {
    /// Skill frontmatter `shell`: the shell of a skill's `!` commands.
    SkillShell {
        /// `bash` (also when absent).
        Bash = "bash",
        /// `powershell`.
        PowerShell = "powershell",
    }
}
