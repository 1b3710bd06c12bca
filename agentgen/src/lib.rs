//! # agentgen — Claude Code subagents as typed Rust
//!
//! Claude Code subagent files (Markdown with a YAML frontmatter, the system prompt as the body)
//! are compiled at build time into one typed item per agent. This crate holds what the generated
//! code refers to at run time: [`AgentSpec`], [`Tool`], [`Model`], [`Color`], … — plain `const`
//! data, no YAML parser, no file access, no dependencies (feature `serde` adds serde, to hand the
//! catalog to Claude Code or the Agent SDK as JSON: `ClaudeAgents`).
//!
//! The package is `agentgen-rs` (`agentgen-rs = "0.1"` in `Cargo.toml`); its library is
//! `agentgen`, which is what code names.
//!
//! Two entry points produce the same catalog (one generator, crate `agentgen-compiler`):
//!
//! - `agentgen::include_agents!("agents")` (feature `macros`, on by default), a proc macro;
//! - `agentgen::build` (feature `build`), a build-script API in the style of prost-build that writes
//!   `$OUT_DIR/agents.rs`, which the crate then `include!`s in a module:
//!   `mod agents { include!(concat!(env!("OUT_DIR"), "/agents.rs")); }`.
//!
//! With the macro, a directory `agents/` next to `Cargo.toml` holding `code-reviewer.md` and
//! `test-runner.md` becomes:
//!
//! ```
//! mod agents {
//!     agentgen::include_agents!("agents");
//! }
//!
//! use agentgen::{BuiltinTool, Model, ModelAlias, Tool, Tools};
//!
//! let reviewer = agents::by_name("code-reviewer").expect("in the catalog");
//! assert_eq!(reviewer.id, agents::Agent::CodeReviewer);
//! assert_eq!(reviewer.model, Some(Model::Alias(ModelAlias::Sonnet)));
//! assert_eq!(reviewer.collaborators, [agents::Agent::TestRunner]);
//! let Tools::List(tools) = reviewer.tools else { panic!("tools are listed") };
//! assert_eq!(tools[0], Tool::BuiltIn(BuiltinTool::Read));
//! assert!(reviewer.prompt.starts_with("You review code."));
//! for spec in agents::ALL {
//!     println!("{}: {}", spec.qualified_name, spec.description);
//! }
//! ```
//!
//! Source for every field: the Claude Code subagent documentation and the observed behaviour of
//! Claude Code 2.1.332's loader (see `CLAUDE-CODE-RULES.md` in the conformance suite).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::fmt;

#[cfg(feature = "macros")]
pub use agentgen_macros::include_agents;

#[cfg(feature = "serde")]
mod claude_json;
#[cfg(feature = "serde")]
pub use claude_json::{ClaudeAgentDefinition, ClaudeAgents};

mod version;
pub use version::Version;

/// One-line build.rs helper for `include_agents!`:
/// `fn main() { agentgen::rerun_if_changed("agents"); }` prints
/// `cargo::rerun-if-changed=agents` so cargo also notices added and deleted files (the macro's
/// `include_bytes!` only tracks the files that existed at the last build).
///
/// Use it from `[build-dependencies]` with
/// `agentgen-rs = { version = "…", default-features = false }` (no proc macro, no dependencies).
/// `dir` is relative to the crate's `Cargo.toml`, as for the macro.
///
/// ```no_run
/// // build.rs
/// agentgen::rerun_if_changed("agents");
/// ```
pub fn rerun_if_changed(dir: &str) {
    println!("cargo::rerun-if-changed={dir}");
}

/// The build-script API (feature `build`): [`build::Builder`] compiles a directory of agent
/// files into `$OUT_DIR/agents.rs`. Re-exported from the crate `agentgen-compiler`.
///
/// In `Cargo.toml`, `[build-dependencies] agentgen-rs = { version = "0.1", features =
/// ["build"] }`; then the build script:
///
/// ```no_run
/// // build.rs
/// fn main() -> Result<(), Box<dyn std::error::Error>> {
///     agentgen::build::Builder::new()
///         .packs(true)
///         .lint("legacy-tool", agentgen::build::LintLevel::Allow)
///         .compile("agents")?;
///     Ok(())
/// }
/// ```
///
/// and in the crate, `mod agents { include!(concat!(env!("OUT_DIR"), "/agents.rs")); }`. Errors
/// in the agent files fail the build script with one `cargo::error=` line each.
#[cfg(feature = "build")]
pub mod build {
    /// The level of a lint, for [`Builder::lint`].
    pub use agentgen_compiler::LintLevel;
    pub use agentgen_compiler::build::*;
    /// How a catalog's folder is organised, for [`Builder::layout`].
    pub use agentgen_compiler::catalog::Layout;
}

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
    /// Other agents of this catalog that this agent's frontmatter names: `Agent(x)` / `Task(x)`
    /// tool entries and the `dependencies` / `collaborators` keys, in order of first mention,
    /// without duplicates. The agents its prompt names are [`mentions`](Self::mentions).
    pub collaborators: &'static [A],
    /// Agents named as collaborators that live outside this catalog (declared external agents,
    /// such as Claude Code's built-in `general-purpose`).
    pub external_collaborators: &'static [&'static str],
    /// Other agents of this catalog that the prompt (the file's body) names — `the code-reviewer
    /// agent`, `@test-runner`, `subagent_type: "x"`, an item of an "Integration with other
    /// agents:" list, `与 x 协作`, `x との連携`, … — in order of first mention, without duplicates
    /// and without this agent. [`collaborators`](Self::collaborators) holds the frontmatter's
    /// references; an agent named in both places is in both. A name the prompt writes as an
    /// agent's that no agent has is the `unknown-agent-in-prompt` lint at build time.
    pub mentions: &'static [A],
    /// Agents outside this catalog that the prompt names: declared external agents, and Claude
    /// Code's built-in ones when written as an agent (`the Explore agent`), in order of first
    /// mention.
    pub external_mentions: &'static [&'static str],
    /// Frontmatter keys Claude Code ignores (`category`, `tags`, `version`, …), kept as typed
    /// values in file order.
    pub extra: &'static [(&'static str, Value)],
    /// The system prompt: the body after the frontmatter, trimmed as Claude Code trims it
    /// (JavaScript `String.prototype.trim`).
    pub prompt: &'static str,
    /// The source file, relative to the crate (or the agents directory's parent) with `/` separators.
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
            external_collaborators: &[],
            mentions: &[],
            external_mentions: &[],
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

/// The tools an agent may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tools<A: 'static> {
    /// `tools` absent or containing `*`: the agent inherits every tool of the main thread.
    InheritAll,
    /// Exactly these tools (possibly none: `tools:` present but empty).
    List(&'static [Tool<A>]),
}

/// One entry of `tools` / `disallowedTools`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tool<A: 'static> {
    /// A Claude Code built-in tool, e.g. `Read`.
    BuiltIn(BuiltinTool),
    /// A permission rule restricting a built-in tool, e.g. `Bash(git diff:*)`: `rule` is the
    /// text between the parentheses.
    Rule {
        /// The tool the rule restricts.
        tool: BuiltinTool,
        /// The rule text, e.g. `git diff:*`.
        rule: &'static str,
    },
    /// An MCP tool `mcp__<server>__<tool>`, or all tools of a server (`mcp__<server>` or
    /// `mcp__<server>__*`, then `tool` is `None`).
    Mcp {
        /// The MCP server name.
        server: &'static str,
        /// The tool name, `None` for all tools of the server.
        tool: Option<&'static str>,
    },
    /// `Agent(x, y)` (or the legacy `Task(x)`): the subagents this agent may start.
    SpawnAgents {
        /// `true` when written with the legacy name `Task`.
        legacy_task: bool,
        /// The agents named between the parentheses.
        agents: &'static [AgentRef<A>],
    },
    /// A tool declared by the user in the agentgen configuration (`tools.custom`).
    Custom(&'static str),
}

impl<A: Copy + 'static> Tool<A> {
    /// The built-in tool this entry grants or restricts, if any.
    pub fn builtin(&self) -> Option<BuiltinTool> {
        match *self {
            Tool::BuiltIn(t) | Tool::Rule { tool: t, .. } => Some(t),
            Tool::SpawnAgents { .. } => Some(BuiltinTool::Agent),
            Tool::Mcp { .. } | Tool::Custom(_) => None,
        }
    }
}

/// The entry written canonically, as Claude Code reads it: `Read`, `Bash(git diff:*)`,
/// `mcp__server__tool`, `mcp__server` (every tool of the server), `Agent(a, b)` (`Task(…)` when
/// written with the legacy name; catalog agents by qualified name), or the custom tool's name.
impl<A: Copy + fmt::Display + 'static> fmt::Display for Tool<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tool::BuiltIn(tool) => f.write_str(tool.name()),
            Tool::Rule { tool, rule } => write!(f, "{}({rule})", tool.name()),
            Tool::Mcp { server, tool: None } => write!(f, "mcp__{server}"),
            Tool::Mcp {
                server,
                tool: Some(tool),
            } => write!(f, "mcp__{server}__{tool}"),
            Tool::SpawnAgents {
                legacy_task,
                agents,
            } => {
                f.write_str(if *legacy_task { "Task(" } else { "Agent(" })?;
                for (i, agent) in agents.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    match agent {
                        AgentRef::Catalog(a) => write!(f, "{a}")?,
                        AgentRef::External(name) => f.write_str(name)?,
                    }
                }
                f.write_str(")")
            }
            Tool::Custom(name) => f.write_str(name),
        }
    }
}

/// A reference to another agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentRef<A: 'static> {
    /// An agent of this catalog.
    Catalog(A),
    /// An agent declared external in the configuration (e.g. Claude Code's `general-purpose`).
    External(&'static str),
}

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

/// One compiled skill (`<folder>/SKILL.md`): everything Claude Code reads from its file, typed.
///
/// `A` is the catalog's agent enum and `S` its skill enum (both generated). A catalog with
/// skills generates `pub type SkillSpec = agentgen::SkillSpec<Agent, Skill>`, one constant per
/// skill in its module `skills`, `ALL_SKILLS` and `skill_by_name`.
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
    /// The skill's folder name (another name Claude Code finds it by when `name` renames it).
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
    /// gives and take the rest from here, as [`AgentSpec::base`] does for agents.
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

macro_rules! builtin_tools {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $status:ident $(($of:ident))?; )*) => {
        /// The tool names Claude Code 2.1.332 knows: its 54 built-in tools, the old names it still
        /// maps to one of them ([`ToolStatus::AliasOf`]), and names it no longer runs
        /// ([`ToolStatus::Retired`]) that real agent files still list.
        ///
        /// Source: Claude Code 2.1.332's tool tables; the list is data in `agentgen-compiler`
        /// (`registry`), versioned with Claude Code, and extensible through custom tools in the
        /// configuration. Non-exhaustive: Claude Code adds tools with its releases.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum BuiltinTool {
            $( $(#[$doc])* $variant, )*
        }

        impl BuiltinTool {
            /// Every tool name, built-in tools first (Claude Code's order), then aliases, then
            /// retired names.
            pub const ALL: &'static [BuiltinTool] = &[$(BuiltinTool::$variant),*];

            /// The tool's name as written in `tools`, e.g. `"Read"`.
            pub const fn name(self) -> &'static str {
                match self { $(BuiltinTool::$variant => $name,)* }
            }

            /// Whether Claude Code runs this name as a built-in tool, maps it from an old name,
            /// or drops it.
            pub const fn status(self) -> ToolStatus {
                match self { $(BuiltinTool::$variant => builtin_tools!(@status $status $($of)?),)* }
            }

            /// The tool named `name` (exact, case-sensitive, as Claude Code matches it).
            pub fn from_name(name: &str) -> Option<BuiltinTool> {
                match name { $($name => Some(BuiltinTool::$variant),)* _ => None }
            }
        }
    };
    (@status Current) => { ToolStatus::Current };
    (@status Alias $of:ident) => { ToolStatus::AliasOf(BuiltinTool::$of) };
    (@status Retired) => { ToolStatus::Retired };
}

/// What Claude Code 2.1.332 does with a tool name ([`BuiltinTool::status`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ToolStatus {
    /// One of Claude Code's built-in tools.
    Current,
    /// An old name Claude Code maps to this built-in tool (`Task` → `Agent`).
    AliasOf(BuiltinTool),
    /// A name Claude Code no longer runs: the entry is dropped when the agent runs.
    Retired,
}

impl BuiltinTool {
    /// Whether the name is an old one: an alias Claude Code maps, or a retired name it drops.
    pub const fn is_legacy(self) -> bool {
        !matches!(self.status(), ToolStatus::Current)
    }

    /// The built-in tool Claude Code runs for this name: itself, the tool an alias maps to
    /// (`Task` → `Agent`), or `None` for a retired name.
    pub const fn canonical(self) -> Option<BuiltinTool> {
        match self.status() {
            ToolStatus::Current => Some(self),
            ToolStatus::AliasOf(tool) => Some(tool),
            ToolStatus::Retired => None,
        }
    }
}

builtin_tools! {
    /// Start a subagent (formerly `Task`).
    Agent = "Agent", Current;
    /// Create an artifact the host shows beside the conversation.
    Artifact = "Artifact", Current;
    /// Ask the user a multiple-choice question.
    AskUserQuestion = "AskUserQuestion", Current;
    /// Run a shell command.
    Bash = "Bash", Current;
    /// Work with Claude Design projects.
    ClaudeDesign = "ClaudeDesign", Current;
    /// Schedule a recurring prompt.
    CronCreate = "CronCreate", Current;
    /// Delete a scheduled prompt.
    CronDelete = "CronDelete", Current;
    /// List scheduled prompts.
    CronList = "CronList", Current;
    /// Edit a file by exact string replacement.
    Edit = "Edit", Current;
    /// End the conversation.
    EndConversation = "EndConversation", Current;
    /// Enter plan mode.
    EnterPlanMode = "EnterPlanMode", Current;
    /// Enter a git worktree.
    EnterWorktree = "EnterWorktree", Current;
    /// Leave plan mode.
    ExitPlanMode = "ExitPlanMode", Current;
    /// Leave a git worktree.
    ExitWorktree = "ExitWorktree", Current;
    /// Find files by glob pattern.
    Glob = "Glob", Current;
    /// Search file contents (ripgrep).
    Grep = "Grep", Current;
    /// List the running agents of a team (formerly `ListPeers`).
    ListAgents = "ListAgents", Current;
    /// List resources of MCP servers.
    ListMcpResourcesTool = "ListMcpResourcesTool", Current;
    /// Language-server queries.
    Lsp = "LSP", Current;
    /// Watch a background process.
    Monitor = "Monitor", Current;
    /// Edit a Jupyter notebook cell.
    NotebookEdit = "NotebookEdit", Current;
    /// Offer the user the Claude in Chrome setup.
    OfferChromeSetup = "OfferChromeSetup", Current;
    /// Run PowerShell (Windows).
    PowerShell = "PowerShell", Current;
    /// Read the project's memory and records.
    Projects = "Projects", Current;
    /// Show the user proposed skills to save (render only).
    ProposeSkills = "propose_skills", Current;
    /// Send the user a push notification.
    PushNotification = "PushNotification", Current;
    /// Read a file.
    Read = "Read", Current;
    /// List a directory of an MCP resource.
    ReadMcpResourceDirTool = "ReadMcpResourceDirTool", Current;
    /// Read an MCP resource.
    ReadMcpResourceTool = "ReadMcpResourceTool", Current;
    /// Read queued notifications.
    ReadNotifications = "ReadNotifications", Current;
    /// Trigger a remote agent run.
    RemoteTrigger = "RemoteTrigger", Current;
    /// Report code-review findings as a typed list.
    ReportFindings = "ReportFindings", Current;
    /// Schedule the session to wake up later (autonomous loops).
    ScheduleWakeup = "ScheduleWakeup", Current;
    /// Send feedback to Anthropic.
    SendFeedback = "SendFeedback", Current;
    /// Send a message to another agent of a team.
    SendMessage = "SendMessage", Current;
    /// Send the user a file.
    SendUserFile = "SendUserFile", Current;
    /// Send the user a message (formerly `Brief`).
    SendUserMessage = "SendUserMessage", Current;
    /// Set the session's goal (formerly `ProposeGoal`).
    SetGoal = "SetGoal", Current;
    /// Share the onboarding guide.
    ShareOnboardingGuide = "ShareOnboardingGuide", Current;
    /// Show the onboarding role picker.
    ShowOnboardingRolePicker = "ShowOnboardingRolePicker", Current;
    /// Run a skill.
    Skill = "Skill", Current;
    /// Hand a subagent's work back to its parent.
    SubagentHandback = "SubagentHandback", Current;
    /// Create a task in the task list.
    TaskCreate = "TaskCreate", Current;
    /// Read a task.
    TaskGet = "TaskGet", Current;
    /// List tasks.
    TaskList = "TaskList", Current;
    /// Stop a background task (formerly `KillShell`, `KillBash`).
    TaskStop = "TaskStop", Current;
    /// Update a task.
    TaskUpdate = "TaskUpdate", Current;
    /// Write the session's todo list.
    TodoWrite = "TodoWrite", Current;
    /// Search for deferred tools.
    ToolSearch = "ToolSearch", Current;
    /// Wait for MCP servers to connect.
    WaitForMcpServers = "WaitForMcpServers", Current;
    /// Fetch a URL.
    WebFetch = "WebFetch", Current;
    /// Search the web.
    WebSearch = "WebSearch", Current;
    /// Run a workflow of subagents.
    Workflow = "Workflow", Current;
    /// Write a file.
    Write = "Write", Current;
    /// Old name of `Agent`.
    Task = "Task", Alias(Agent);
    /// Old name of `TaskStop`.
    KillShell = "KillShell", Alias(TaskStop);
    /// Old name of `TaskStop`.
    KillBash = "KillBash", Alias(TaskStop);
    /// Old name of `ListAgents`.
    ListPeers = "ListPeers", Alias(ListAgents);
    /// Old name of `SendUserMessage`.
    Brief = "Brief", Alias(SendUserMessage);
    /// Old name of `ListMcpResourcesTool`.
    ListMcpResources = "ListMcpResources", Alias(ListMcpResourcesTool);
    /// Old name of `ReadMcpResourceTool`.
    ReadMcpResource = "ReadMcpResource", Alias(ReadMcpResourceTool);
    /// Old name of `ReadMcpResourceDirTool`.
    ReadMcpResourceDir = "ReadMcpResourceDir", Alias(ReadMcpResourceDirTool);
    /// Old name of `SetGoal`.
    ProposeGoal = "ProposeGoal", Alias(SetGoal);
    /// Retired: does nothing.
    Frame = "Frame", Retired;
    /// Retired: does nothing.
    FrameRead = "FrameRead", Retired;
    /// Retired: does nothing.
    TeamCreate = "TeamCreate", Retired;
    /// Retired: does nothing.
    TeamDelete = "TeamDelete", Retired;
    /// Retired: does nothing.
    SuggestBackgroundPr = "SuggestBackgroundPR", Retired;
    /// Retired: does nothing.
    AutofixPr = "AutofixPr", Retired;
    /// Retired: read a background task's output file with `Read`.
    TaskOutput = "TaskOutput", Retired;
    /// Retired: read a background agent's output file with `Read`.
    AgentOutputTool = "AgentOutputTool", Retired;
    /// Retired: read a background shell's output file with `Read`.
    BashOutputTool = "BashOutputTool", Retired;
    /// Retired: read a background agent's output file with `Read`.
    AgentOutput = "AgentOutput", Retired;
    /// Retired: read a background shell's output file with `Read`.
    BashOutput = "BashOutput", Retired;
    /// Gone: list a directory with `Glob` or `Bash`.
    Ls = "LS", Retired;
    /// Gone: several edits in one call; use `Edit`.
    MultiEdit = "MultiEdit", Retired;
    /// Gone: read a notebook with `Read`.
    NotebookRead = "NotebookRead", Retired;
    /// Gone: the todo list is written with `TodoWrite`.
    TodoRead = "TodoRead", Retired;
    /// Gone: run a slash command with `Skill`.
    SlashCommand = "SlashCommand", Retired;
}

impl fmt::Display for BuiltinTool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Frontmatter `model`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Model {
    /// A model alias Claude Code resolves itself.
    Alias(ModelAlias),
    /// A full model id such as `claude-sonnet-4-20250514`, passed to the API as written.
    Id(&'static str),
}

impl Model {
    /// The value as Claude Code passes it on (`sonnet`, `inherit`, `claude-…`).
    pub const fn as_str(&self) -> &'static str {
        match self {
            Model::Alias(alias) => alias.as_str(),
            Model::Id(id) => id,
        }
    }
}

impl fmt::Display for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The model aliases Claude Code resolves itself (`model: sonnet`), and `inherit`.
///
/// Source: Claude Code 2.1.332's alias list. Claude Code matches aliases in any letter case
/// when the agent runs (`Sonnet` works; agentgen warns and writes the alias as here).
/// Non-exhaustive: Claude Code adds aliases with its releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ModelAlias {
    /// `sonnet`: the current Sonnet model.
    Sonnet,
    /// `opus`: the current Opus model.
    Opus,
    /// `haiku`: the current Haiku model.
    Haiku,
    /// `fable`: the current Fable model.
    Fable,
    /// `best`: the best model available to the account.
    Best,
    /// `sonnet[1m]`: Sonnet with a one-million-token context, where the account allows it.
    Sonnet1m,
    /// `opus[1m]`: Opus with a one-million-token context, where the account allows it.
    Opus1m,
    /// `fable[1m]`: Fable with a one-million-token context, where the account allows it.
    Fable1m,
    /// `opusplan`: Opus in plan mode, Sonnet otherwise.
    Opusplan,
    /// `inherit`: the model of the conversation that starts the agent.
    Inherit,
}

impl ModelAlias {
    /// Every alias, in Claude Code's order, `inherit` last.
    pub const ALL: &'static [ModelAlias] = &[
        ModelAlias::Sonnet,
        ModelAlias::Opus,
        ModelAlias::Haiku,
        ModelAlias::Fable,
        ModelAlias::Best,
        ModelAlias::Sonnet1m,
        ModelAlias::Opus1m,
        ModelAlias::Fable1m,
        ModelAlias::Opusplan,
        ModelAlias::Inherit,
    ];

    /// The alias as written in frontmatter.
    pub const fn as_str(self) -> &'static str {
        match self {
            ModelAlias::Sonnet => "sonnet",
            ModelAlias::Opus => "opus",
            ModelAlias::Haiku => "haiku",
            ModelAlias::Fable => "fable",
            ModelAlias::Best => "best",
            ModelAlias::Sonnet1m => "sonnet[1m]",
            ModelAlias::Opus1m => "opus[1m]",
            ModelAlias::Fable1m => "fable[1m]",
            ModelAlias::Opusplan => "opusplan",
            ModelAlias::Inherit => "inherit",
        }
    }
}

macro_rules! keyword_enum {
    ($(#[$doc:meta])* $name:ident { $( $(#[$vdoc:meta])* $variant:ident = $text:literal ),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vdoc])* $variant, )*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value as written in frontmatter.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, UnknownValue> {
                match s { $($text => Ok($name::$variant),)* _ => Err(UnknownValue) }
            }
        }
    };
}

keyword_enum! {
    /// Frontmatter `color`: the eight colours Claude Code shows agents in. Any other value is
    /// dropped by Claude Code (agentgen reports it).
    Color {
        /// `red`
        Red = "red",
        /// `blue`
        Blue = "blue",
        /// `green`
        Green = "green",
        /// `yellow`
        Yellow = "yellow",
        /// `purple`
        Purple = "purple",
        /// `orange`
        Orange = "orange",
        /// `pink`
        Pink = "pink",
        /// `cyan`
        Cyan = "cyan",
    }
}

keyword_enum! {
    /// Frontmatter `permissionMode`.
    PermissionMode {
        /// Accept file edits without asking.
        AcceptEdits = "acceptEdits",
        /// Let the classifier decide.
        Auto = "auto",
        /// Ask for nothing.
        BypassPermissions = "bypassPermissions",
        /// Ask as configured.
        Default = "default",
        /// Deny whatever would need asking.
        DontAsk = "dontAsk",
        /// Plan only, change nothing.
        Plan = "plan",
    }
}

keyword_enum! {
    /// Frontmatter `memory`: the scope of the agent's persistent memory.
    MemoryScope {
        /// The user's memory.
        User = "user",
        /// The project's shared memory.
        Project = "project",
        /// Local, not checked in.
        Local = "local",
    }
}

keyword_enum! {
    /// Frontmatter `isolation`.
    Isolation {
        /// Run in a temporary git worktree.
        Worktree = "worktree",
        /// Run remotely.
        Remote = "remote",
    }
}

/// Frontmatter `effort`: the model's thinking effort, a level (any letter case in the file;
/// `med` = medium) or an integer.
///
/// Source: Claude Code 2.1.332 reads an integer as it is (any sign), and a text as a level or,
/// failing that, its leading integer (`"5 please"` is 5; agentgen warns).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effort {
    /// `low`
    Low,
    /// `medium`
    Medium,
    /// `high`
    High,
    /// `xhigh`
    XHigh,
    /// `max`
    Max,
    /// An integer (Claude Code accepts any; its interface calls numeric effort internal-only).
    Integer(i64),
}

impl Effort {
    /// The level as written in frontmatter (`low` … `max`), `None` for an integer.
    pub const fn level(self) -> Option<&'static str> {
        match self {
            Effort::Low => Some("low"),
            Effort::Medium => Some("medium"),
            Effort::High => Some("high"),
            Effort::XHigh => Some("xhigh"),
            Effort::Max => Some("max"),
            Effort::Integer(_) => None,
        }
    }
}

/// The level (`high`) or the integer (`5000`), as Claude Code reads it.
impl fmt::Display for Effort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.level(), self) {
            (Some(level), _) => f.write_str(level),
            (None, Effort::Integer(n)) => write!(f, "{n}"),
            (None, _) => Ok(()),
        }
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

keyword_enum! {
    /// Frontmatter `experimental.cacheTtl`: the prompt cache TTL of the agent's requests.
    CacheTtl {
        /// `5m`: five minutes.
        FiveMinutes = "5m",
        /// `1h`: one hour (ignored while a Claude subscription is in overage).
        OneHour = "1h",
    }
}

/// The error of `FromStr` on agentgen's keyword enums: the text is not one of the values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownValue;

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown value")
    }
}

impl std::error::Error for UnknownValue {}

/// The error of the generated agent enum's `FromStr`: no agent of the catalog has this name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownAgent;

impl fmt::Display for UnknownAgent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no agent of this catalog has that name")
    }
}

impl std::error::Error for UnknownAgent {}

/// The error of the generated skill enum's `FromStr`: no skill of the catalog has this name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownSkill;

impl fmt::Display for UnknownSkill {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no skill of this catalog has that name")
    }
}

impl std::error::Error for UnknownSkill {}

/// A YAML value kept from the frontmatter (extra keys, `hooks`, `mcpServers`), as `const` data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// `null`, `~` or an empty value.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string.
    Str(&'static str),
    /// A sequence.
    List(&'static [Value]),
    /// A mapping, keys as strings, in file order.
    Map(&'static [(&'static str, Value)]),
}

impl Value {
    /// The string, if this is a string.
    pub const fn as_str(&self) -> Option<&'static str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The items, if this is a sequence.
    pub const fn as_list(&self) -> Option<&'static [Value]> {
        match self {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    /// The value of `key`, if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&'static Value> {
        match self {
            Value::Map(entries) => entries.iter().find(|(k, _)| *k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// An O(1) name → index table built at compile time by agentgen (open addressing, FNV-1a).
///
/// `slots` has a power-of-two length; each slot is `u32::MAX` (empty) or an index into `names`.
#[derive(Debug, Clone, Copy)]
pub struct NameTable {
    /// The names, indexed like the catalog's agents.
    pub names: &'static [&'static str],
    /// The hash slots.
    pub slots: &'static [u32],
}

impl NameTable {
    /// The index of `name`, probing linearly from its hash.
    pub fn find(&self, name: &str) -> Option<usize> {
        let len = self.slots.len();
        if len == 0 {
            return None;
        }
        let mask = len - 1;
        let mut slot = (fnv1a(name.as_bytes()) as usize) & mask;
        for _ in 0..len {
            let index = self.slots[slot];
            if index == u32::MAX {
                return None;
            }
            let index = index as usize;
            if self.names.get(index) == Some(&name) {
                return Some(index);
            }
            slot = (slot + 1) & mask;
        }
        None
    }
}

/// The 64-bit FNV-1a hash agentgen's [`NameTable`] uses (the generator computes the same).
pub const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_tool_names_round_trip() {
        for tool in BuiltinTool::ALL {
            assert_eq!(BuiltinTool::from_name(tool.name()), Some(*tool));
        }
        assert_eq!(
            BuiltinTool::from_name("read"),
            None,
            "tool names are case-sensitive"
        );
    }

    #[test]
    fn tools_display_as_claude_code_reads_them() {
        let cases: [(Tool<&str>, &str); 7] = [
            (Tool::BuiltIn(BuiltinTool::Read), "Read"),
            (
                Tool::Rule {
                    tool: BuiltinTool::Bash,
                    rule: "git diff:*",
                },
                "Bash(git diff:*)",
            ),
            (
                Tool::Mcp {
                    server: "github",
                    tool: Some("create_issue"),
                },
                "mcp__github__create_issue",
            ),
            (
                Tool::Mcp {
                    server: "github",
                    tool: None,
                },
                "mcp__github",
            ),
            (
                Tool::SpawnAgents {
                    legacy_task: false,
                    agents: &[
                        AgentRef::Catalog("ddd:api-designer"),
                        AgentRef::External("Explore"),
                    ],
                },
                "Agent(ddd:api-designer, Explore)",
            ),
            (
                Tool::SpawnAgents {
                    legacy_task: true,
                    agents: &[AgentRef::Catalog("x")],
                },
                "Task(x)",
            ),
            (Tool::Custom("Deploy"), "Deploy"),
        ];
        for (tool, text) in cases {
            assert_eq!(tool.to_string(), text);
        }
        assert_eq!(Effort::Integer(-5).to_string(), "-5");
        assert_eq!(Effort::XHigh.to_string(), "xhigh");
    }

    #[test]
    fn name_table_finds_every_name_and_rejects_others() {
        static NAMES: [&str; 3] = ["a", "b", "code-reviewer"];
        let mut slots = [u32::MAX; 8];
        for (i, name) in NAMES.iter().enumerate() {
            let mut slot = (fnv1a(name.as_bytes()) as usize) & 7;
            while slots[slot] != u32::MAX {
                slot = (slot + 1) & 7;
            }
            slots[slot] = i as u32;
        }
        let slots: &'static [u32] = Box::leak(Box::new(slots));
        let table = NameTable {
            names: &NAMES,
            slots,
        };
        for (i, name) in NAMES.iter().enumerate() {
            assert_eq!(table.find(name), Some(i));
        }
        assert_eq!(table.find("c"), None);
        assert_eq!(table.find(""), None);
    }

    #[test]
    fn keyword_enums_parse_exact_values_only() {
        assert_eq!("blue".parse::<Color>(), Ok(Color::Blue));
        assert_eq!("Blue".parse::<Color>(), Err(UnknownValue));
        assert_eq!(
            "acceptEdits".parse::<PermissionMode>(),
            Ok(PermissionMode::AcceptEdits)
        );
    }
}
