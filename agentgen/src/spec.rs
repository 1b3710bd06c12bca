//! The compiled subagent: [`AgentSpec`] and its constructors and queries.

use crate::{
    AgentRef, BuiltinTool, CacheTtl, CatalogSkill, Color, Effort, Isolation, MemoryScope, Model,
    NoSkill, PermissionMode, SkillRef, SkillSpec, Tool, Tools, Value,
};

/// One compiled subagent: everything Claude Code reads from its file, typed.
///
/// `A` is the catalog's agent enum (generated; `Display`/`FromStr` by agent name), so references
/// to other agents of the same catalog are values of that enum. `S` is the catalog's skill enum
/// ([`NoSkill`] for a catalog without skills) and `M` the type of its typed custom frontmatter
/// (`()` without a schema).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgentSpec<A: 'static, S: 'static = NoSkill, M: 'static = ()> {
    /// The agent's value in its catalog's enum.
    pub id: A,
    /// Frontmatter `name`, exactly as Claude Code reads it (not trimmed). With packs, the name
    /// within its pack; see [`AgentSpec::qualified_name`].
    pub name: &'static str,
    /// `pack:name` when the catalog is organised into packs (Claude Code plugin style), else `name`.
    pub qualified_name: &'static str,
    /// The pack (top-level directory) the agent belongs to, when the catalog uses packs.
    pub pack: Option<&'static str>,
    /// Frontmatter `description`, with every literal `\n` turned into a line feed (as Claude Code does).
    pub description: &'static str,
    /// Frontmatter `tools`. Source: Claude Code subagent docs, field `tools`; comma-separated
    /// string or YAML list; `*` or absent = inherit all.
    pub tools: Tools<A>,
    /// Frontmatter `disallowedTools`, split like `tools` (empty when absent).
    pub disallowed_tools: &'static [Tool<A>],
    /// Frontmatter `model`: a model alias or a full model id; `None` = Claude Code's default
    /// (inherit the parent's model).
    pub model: Option<Model>,
    /// Frontmatter `color`: the colour of the agent in Claude Code's UI.
    pub color: Option<Color>,
    /// Frontmatter `permissionMode`.
    pub permission_mode: Option<PermissionMode>,
    /// Frontmatter `skills`: the skills Claude Code preloads into the agent, split like `tools`
    /// (skills of the catalog as values of its skill enum, others by name).
    pub skills: &'static [SkillRef<S>],
    /// Frontmatter `maxTurns`: a positive number of agentic turns. Claude Code also reads
    /// `"1,000"`, `"1e3"` and numbers at the start of a text (`"25 turns"` is 25; agentgen warns).
    pub max_turns: Option<u64>,
    /// Frontmatter `effort`: a thinking-effort level or an integer.
    pub effort: Option<Effort>,
    /// Frontmatter `memory`: the persistent memory scope.
    pub memory: Option<MemoryScope>,
    /// Frontmatter `background`: run as a background agent.
    pub background: Option<bool>,
    /// Frontmatter `isolation`.
    pub isolation: Option<Isolation>,
    /// Frontmatter `initialPrompt`: the first user turn sent when the agent starts.
    pub initial_prompt: Option<&'static str>,
    /// Frontmatter `mcpServers`: server names or `{name: config}` entries, as typed values.
    pub mcp_servers: &'static [Value],
    /// Frontmatter `hooks`: the hook definitions Claude Code keeps, as a typed value (agentgen
    /// reports every entry Claude Code would ignore as an error).
    pub hooks: Option<Value>,
    /// Frontmatter `autoCompactWindow`: the token count at which the agent compacts its own
    /// conversation when it runs as a subagent (at least 100,000; it only lowers the window the
    /// subagent would otherwise inherit). Since Claude Code 2.1.332.
    pub auto_compact_window: Option<u64>,
    /// Frontmatter `omitClaudeMd: true`: run without the user, project and local CLAUDE.md
    /// files when spawned as a subagent (managed policy files are kept). `false` when absent.
    /// Since Claude Code 2.1.332.
    pub omit_claude_md: bool,
    /// Frontmatter `observer`: the agents Claude Code starts as background observers whenever
    /// this agent runs (a comma-separated list of up to four in the file). Observers receive
    /// read-only activity digests. Since Claude Code 2.1.332.
    pub observers: &'static [AgentRef<A>],
    /// Frontmatter `observerMessage`: text appended to each activity digest sent to the
    /// observers, as written. Since Claude Code 2.1.332.
    pub observer_message: Option<&'static str>,
    /// Frontmatter `observeSubagents`: `false` when subagents this agent spawns do not inherit
    /// its observers (`true` when absent: the only value Claude Code reads is `false`). Since
    /// Claude Code 2.1.332.
    pub observe_subagents: bool,
    /// Frontmatter `observeToolResults`: `false` when, as an observer, this agent's digests leave
    /// out tool results, CLAUDE.md content and discovered skills (`true` when absent; any value
    /// but `true`, `1`, `yes`, `on` reads as `false`). Since Claude Code 2.1.332.
    pub observe_tool_results: bool,
    /// Frontmatter `experimental.cacheTtl`: the prompt cache TTL of the agent's requests (when no
    /// setting or environment variable gives one). Since Claude Code 2.1.332.
    pub cache_ttl: Option<CacheTtl>,
    /// The tools Claude Code appends to `tools` because `memory` is set: whichever of `Write`,
    /// `Edit`, `Read` the list lacks, in that order; empty without `memory` or with
    /// [`Tools::InheritAll`]. See [`AgentSpec::effective_tools`].
    pub tools_added_by_memory: &'static [BuiltinTool],
    /// The other agents this agent's frontmatter names: `Agent(x)` / `Task(x)` tool entries and
    /// the `dependencies` / `collaborators` keys, without duplicates. First the agents of this
    /// catalog ([`AgentRef::Catalog`]) in order of first mention, then those outside it
    /// ([`AgentRef::External`]: declared external agents, such as Claude Code's built-in
    /// `general-purpose`) in order of first mention. The agents its prompt names are
    /// [`mentions`](Self::mentions).
    pub collaborators: &'static [AgentRef<A>],
    /// The other agents the prompt (the file's body) names — `the code-reviewer agent`,
    /// `@test-runner`, `subagent_type: "x"`, an item of an "Integration with other agents:" list,
    /// `与 x 协作`, `x との連携`, … — without duplicates and without this agent. First the agents
    /// of this catalog ([`AgentRef::Catalog`]) in order of first mention, then those outside it
    /// ([`AgentRef::External`]: declared external agents, and Claude Code's built-in ones when
    /// written as an agent, `the Explore agent`) in order of first mention.
    /// [`collaborators`](Self::collaborators) holds the frontmatter's references; an agent named
    /// in both places is in both. A name the prompt writes as an agent's that no agent has is
    /// the `unknown-agent-in-prompt` lint at build time.
    pub mentions: &'static [AgentRef<A>],
    /// Frontmatter keys Claude Code ignores (`category`, `tags`, `version`, …), kept as typed
    /// values in file order.
    pub extra: &'static [(&'static str, Value)],
    /// The system prompt: the body after the frontmatter, trimmed as Claude Code trims it
    /// (JavaScript `String.prototype.trim`).
    pub prompt: &'static str,
    /// The source file with `/` separators, as diagnostics show it: from `include_agents!` and
    /// the build script, relative to the crate's workspace root (where cargo has rustc print its
    /// own paths from, like `file!()`), which is the crate's folder for a crate of its own;
    /// from the CLI, as the folder was given.
    pub source_path: &'static str,
    /// The catalog's own frontmatter keys, typed by its schema (`()` without one): with a
    /// `[metadata]` table in `agentgen.toml`, the generated `Metadata` struct, one field per
    /// declared key (those keys are then not in [`extra`](Self::extra)).
    pub metadata: M,
}

impl<A: 'static, S: 'static> AgentSpec<A, S, ()> {
    /// A spec for `id` whose strings are empty and whose optional fields are all absent (tools:
    /// [`Tools::InheritAll`]; lists: empty; options: `None`).
    ///
    /// Generated constants set the required fields and the fields their frontmatter gives, and
    /// take the rest from here with struct update syntax, which keeps the generated code (and
    /// rustc's work on it) small:
    ///
    /// ```
    /// use agentgen::{Model, ModelAlias, Tools};
    ///
    /// #[derive(Debug, Clone, Copy, PartialEq)]
    /// pub enum Agent { Reviewer }
    /// pub type AgentSpec = agentgen::AgentSpec<Agent>;
    ///
    /// pub const REVIEWER: AgentSpec = agentgen::AgentSpec {
    ///     name: "reviewer",
    ///     qualified_name: "reviewer",
    ///     description: "Reviews code",
    ///     model: Some(Model::Alias(ModelAlias::Opus)),
    ///     prompt: "You review code.",
    ///     source_path: "agents/reviewer.md",
    ///     ..agentgen::AgentSpec::base(Agent::Reviewer)
    /// };
    ///
    /// assert_eq!(REVIEWER.tools, Tools::InheritAll);
    /// assert!(REVIEWER.color.is_none() && REVIEWER.skills.is_empty());
    /// ```
    pub const fn base(id: A) -> Self {
        AgentSpec::base_with(id, ())
    }
}

impl<A: 'static, S: 'static, M: 'static> AgentSpec<A, S, M> {
    /// [`AgentSpec::base`] for a catalog with typed custom frontmatter: `metadata` is the
    /// agent's value of it.
    pub const fn base_with(id: A, metadata: M) -> Self {
        AgentSpec {
            id,
            name: "",
            qualified_name: "",
            pack: None,
            description: "",
            tools: Tools::InheritAll,
            disallowed_tools: &[],
            model: None,
            color: None,
            permission_mode: None,
            skills: &[],
            max_turns: None,
            effort: None,
            memory: None,
            background: None,
            isolation: None,
            initial_prompt: None,
            mcp_servers: &[],
            hooks: None,
            auto_compact_window: None,
            omit_claude_md: false,
            observers: &[],
            observer_message: None,
            observe_subagents: true,
            observe_tool_results: true,
            cache_ttl: None,
            tools_added_by_memory: &[],
            collaborators: &[],
            mentions: &[],
            extra: &[],
            prompt: "",
            source_path: "",
            metadata,
        }
    }
}

impl<A: Copy + 'static, S: 'static, M: 'static> AgentSpec<A, S, M> {
    /// The value of an extra (ignored by Claude Code) frontmatter key.
    pub fn extra(&self, key: &str) -> Option<&'static Value> {
        self.extra.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// The tools the agent runs with, before `disallowed_tools`: `None` when it inherits every
    /// tool, else [`tools`](Self::tools) as written followed by
    /// [`tools_added_by_memory`](Self::tools_added_by_memory). Claude Code appends `Write`,
    /// `Edit` and `Read` to the list of an agent with `memory`, so a `tools: Read, Grep` reviewer
    /// with `memory: project` can write files.
    pub fn effective_tools(&self) -> Option<impl Iterator<Item = Tool<A>> + 'static> {
        match self.tools {
            Tools::InheritAll => None,
            Tools::List(list) => Some(
                list.iter()
                    .copied()
                    .chain(self.tools_added_by_memory.iter().map(|t| Tool::BuiltIn(*t))),
            ),
        }
    }

    /// Whether the agent may use `tool` when it runs: granted by its effective tools (`memory`
    /// included; permission rules such as `Bash(git diff:*)` count for their tool; old names for
    /// the tool Claude Code maps them to, retired names for nothing) and not denied by
    /// `disallowed_tools`.
    pub fn allows(&self, tool: BuiltinTool) -> bool {
        let Some(tool) = tool.canonical() else {
            return false;
        };
        let grants = |t: &Tool<A>| t.builtin().and_then(BuiltinTool::canonical) == Some(tool);
        !self.disallowed_tools.iter().any(grants)
            && match self.effective_tools() {
                None => true,
                Some(mut tools) => tools.any(|t| grants(&t)),
            }
    }
}

impl<A: 'static, S: CatalogSkill<A>, M: 'static> AgentSpec<A, S, M> {
    /// The skills of this catalog that the agent preloads (frontmatter `skills`), as their
    /// compiled specs, in the order of [`skills`](Self::skills). Entries that name a skill
    /// outside the catalog ([`SkillRef::Named`]: one Claude Code bundles, or one declared
    /// external) are left out: the catalog has no spec for them.
    pub fn preloaded_skills(&self) -> impl Iterator<Item = &'static SkillSpec<A, S>> + 'static {
        self.skills.iter().filter_map(|skill| match skill {
            SkillRef::Catalog(skill) => Some(skill.skill_spec()),
            SkillRef::Named(_) => None,
        })
    }
}
