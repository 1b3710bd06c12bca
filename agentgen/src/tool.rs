//! Frontmatter `tools` / `disallowedTools`: [`Tools`], [`Tool`], [`AgentRef`], and the tool
//! names Claude Code knows ([`BuiltinTool`], [`ToolStatus`]).

use std::fmt;

/// The tools an agent may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tools<A: 'static> {
    /// `tools` absent or containing `*`: the agent inherits every tool of the main thread.
    InheritAll,
    /// Exactly these tools (possibly none: `tools:` present but empty).
    List(&'static [Tool<A>]),
}

/// The list as Claude Code's `tools` field takes it: the entries written as [`Tool`]'s `Display`
/// writes them, joined by `, ` (`Read, Grep, Bash(git diff:*), Agent(a, b)`); `*` for
/// [`Tools::InheritAll`]; the empty text for an empty list (no tools). Claude Code splits the
/// text back into the same entries (it splits on commas outside parentheses). No `FromStr`:
/// entries borrow `&'static` text of the compiled catalog.
impl<A: Copy + fmt::Display + 'static> fmt::Display for Tools<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tools::InheritAll => f.write_str("*"),
            Tools::List(tools) => {
                for (i, tool) in tools.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{tool}")?;
                }
                Ok(())
            }
        }
    }
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
                    write!(f, "{agent}")?;
                }
                f.write_str(")")
            }
            Tool::Custom(name) => f.write_str(name),
        }
    }
}

/// A reference to another agent: in `Agent(x)` tool entries and in
/// [`AgentSpec`](crate::AgentSpec)'s `collaborators`, `mentions` and `observers`.
///
/// `Display` writes the name Claude Code knows the agent by: a catalog agent's `Display` (its
/// qualified name, for a generated enum), an external agent's name as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentRef<A: 'static> {
    /// An agent of this catalog.
    Catalog(A),
    /// An agent outside this catalog: declared external in the configuration, or one of Claude
    /// Code's built-in agents (e.g. `general-purpose`).
    External(&'static str),
}

impl<A: Copy + 'static> AgentRef<A> {
    /// The agent of this catalog, `None` for an external one.
    pub const fn catalog_agent(self) -> Option<A> {
        match self {
            AgentRef::Catalog(agent) => Some(agent),
            AgentRef::External(_) => None,
        }
    }

    /// The name of an external agent, `None` for an agent of this catalog.
    pub const fn external_name(self) -> Option<&'static str> {
        match self {
            AgentRef::Catalog(_) => None,
            AgentRef::External(name) => Some(name),
        }
    }
}

impl<A: fmt::Display + 'static> fmt::Display for AgentRef<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AgentRef::Catalog(agent) => agent.fmt(f),
            AgentRef::External(name) => f.write_str(name),
        }
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

/// The name as written in `tools` ([`BuiltinTool::name`]).
impl fmt::Display for BuiltinTool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The inverse of `Display`: [`BuiltinTool::from_name`] (exact, case-sensitive).
impl std::str::FromStr for BuiltinTool {
    type Err = crate::UnknownValue;
    fn from_str(name: &str) -> Result<BuiltinTool, crate::UnknownValue> {
        BuiltinTool::from_name(name).ok_or(crate::UnknownValue)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_tool_names_round_trip() {
        for tool in BuiltinTool::ALL {
            assert_eq!(BuiltinTool::from_name(tool.name()), Some(*tool));
            assert_eq!(tool.to_string().parse::<BuiltinTool>(), Ok(*tool));
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
    }

    #[test]
    fn tool_lists_display_as_the_tools_field() {
        const LIST: &[Tool<&str>] = &[
            Tool::BuiltIn(BuiltinTool::Read),
            Tool::BuiltIn(BuiltinTool::Grep),
            Tool::Rule {
                tool: BuiltinTool::Bash,
                rule: "git diff:*",
            },
            Tool::SpawnAgents {
                legacy_task: false,
                agents: &[AgentRef::Catalog("a"), AgentRef::Catalog("b")],
            },
        ];
        assert_eq!(
            Tools::List(LIST).to_string(),
            "Read, Grep, Bash(git diff:*), Agent(a, b)"
        );
        assert_eq!(Tools::<&str>::InheritAll.to_string(), "*");
        assert_eq!(Tools::<&str>::List(&[]).to_string(), "");
    }

    #[test]
    fn agent_refs_display_as_claude_code_names_them_and_split_by_kind() {
        let catalog = AgentRef::Catalog("ddd:planner");
        let external = AgentRef::<&str>::External("general-purpose");
        assert_eq!(catalog.to_string(), "ddd:planner");
        assert_eq!(external.to_string(), "general-purpose");
        assert_eq!(catalog.catalog_agent(), Some("ddd:planner"));
        assert_eq!(catalog.external_name(), None);
        assert_eq!(external.catalog_agent(), None);
        assert_eq!(external.external_name(), Some("general-purpose"));
    }
}
