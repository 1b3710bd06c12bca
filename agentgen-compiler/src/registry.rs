//! The tool names Claude Code knows, as data: Claude Code 2.1.332's built-in tools, the old
//! names it still maps, and the names it no longer runs.
//!
//! Source: Claude Code 2.1.332's own tables (its list of base tool names and its alias map
//! `{Task: "Agent", KillShell: "TaskStop", …}`), CLAUDE-CODE-RULES.md §6, and the records'
//! `tools_invalid` (the entries Claude Code drops when an agent runs). This list goes stale as
//! Claude Code ships: extend it per project with `[tools] custom` in `agentgen.toml`. The
//! runtime enum `agentgen::BuiltinTool` has one variant per entry, in this order (a test keeps
//! both equal).

pub mod gemini;

/// The Claude Code version this table describes.
pub(crate) const CLAUDE_CODE_VERSION: &str = "2.1.332";

/// What Claude Code does with a tool name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToolKind {
    /// One of Claude Code's built-in tools.
    Current,
    /// An old name Claude Code still maps to a built-in tool (`Task` → `Agent`): it works, but
    /// the name is deprecated.
    Alias {
        /// The built-in tool Claude Code maps it to.
        of: &'static str,
    },
    /// A name Claude Code no longer runs — retired (still in its tables, doing nothing) or gone
    /// altogether: the entry is dropped when the agent runs.
    Retired {
        /// What to use instead, when anything does the same job.
        use_instead: Option<&'static str>,
    },
}

/// One tool name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ToolInfo {
    /// The name as written in `tools`.
    pub name: &'static str,
    /// The variant of `agentgen::BuiltinTool`.
    pub variant: &'static str,
    /// Built-in, alias or retired.
    pub kind: ToolKind,
}

impl ToolInfo {
    /// For an alias or a retired name, what to write instead (`None` for a built-in tool, or a
    /// retired tool with no replacement).
    pub const fn replacement(&self) -> Option<&'static str> {
        match self.kind {
            ToolKind::Current => None,
            ToolKind::Alias { of } => Some(of),
            ToolKind::Retired { use_instead } => use_instead,
        }
    }

    /// Whether Claude Code runs the entry (a built-in tool or a mapped alias).
    pub const fn runs(&self) -> bool {
        !matches!(self.kind, ToolKind::Retired { .. })
    }
}

const fn current(name: &'static str, variant: &'static str) -> ToolInfo {
    ToolInfo {
        name,
        variant,
        kind: ToolKind::Current,
    }
}

const fn alias(name: &'static str, variant: &'static str, of: &'static str) -> ToolInfo {
    ToolInfo {
        name,
        variant,
        kind: ToolKind::Alias { of },
    }
}

const fn retired(
    name: &'static str,
    variant: &'static str,
    use_instead: Option<&'static str>,
) -> ToolInfo {
    ToolInfo {
        name,
        variant,
        kind: ToolKind::Retired { use_instead },
    }
}

/// The number of Claude Code 2.1.332's built-in tools (the [`ToolKind::Current`] entries).
#[cfg(test)]
const CURRENT_TOOL_COUNT: usize = 54;

/// Every tool name: the 54 built-in tools in Claude Code's order, then the aliases, then the
/// retired names.
pub const BUILTIN_TOOLS: &[ToolInfo] = &[
    current("Agent", "Agent"),
    current("Artifact", "Artifact"),
    current("AskUserQuestion", "AskUserQuestion"),
    current("Bash", "Bash"),
    current("ClaudeDesign", "ClaudeDesign"),
    current("CronCreate", "CronCreate"),
    current("CronDelete", "CronDelete"),
    current("CronList", "CronList"),
    current("Edit", "Edit"),
    current("EndConversation", "EndConversation"),
    current("EnterPlanMode", "EnterPlanMode"),
    current("EnterWorktree", "EnterWorktree"),
    current("ExitPlanMode", "ExitPlanMode"),
    current("ExitWorktree", "ExitWorktree"),
    current("Glob", "Glob"),
    current("Grep", "Grep"),
    current("ListAgents", "ListAgents"),
    current("ListMcpResourcesTool", "ListMcpResourcesTool"),
    current("LSP", "Lsp"),
    current("Monitor", "Monitor"),
    current("NotebookEdit", "NotebookEdit"),
    current("OfferChromeSetup", "OfferChromeSetup"),
    current("PowerShell", "PowerShell"),
    current("Projects", "Projects"),
    current("propose_skills", "ProposeSkills"),
    current("PushNotification", "PushNotification"),
    current("Read", "Read"),
    current("ReadMcpResourceDirTool", "ReadMcpResourceDirTool"),
    current("ReadMcpResourceTool", "ReadMcpResourceTool"),
    current("ReadNotifications", "ReadNotifications"),
    current("RemoteTrigger", "RemoteTrigger"),
    current("ReportFindings", "ReportFindings"),
    current("ScheduleWakeup", "ScheduleWakeup"),
    current("SendFeedback", "SendFeedback"),
    current("SendMessage", "SendMessage"),
    current("SendUserFile", "SendUserFile"),
    current("SendUserMessage", "SendUserMessage"),
    current("SetGoal", "SetGoal"),
    current("ShareOnboardingGuide", "ShareOnboardingGuide"),
    current("ShowOnboardingRolePicker", "ShowOnboardingRolePicker"),
    current("Skill", "Skill"),
    current("SubagentHandback", "SubagentHandback"),
    current("TaskCreate", "TaskCreate"),
    current("TaskGet", "TaskGet"),
    current("TaskList", "TaskList"),
    current("TaskStop", "TaskStop"),
    current("TaskUpdate", "TaskUpdate"),
    current("TodoWrite", "TodoWrite"),
    current("ToolSearch", "ToolSearch"),
    current("WaitForMcpServers", "WaitForMcpServers"),
    current("WebFetch", "WebFetch"),
    current("WebSearch", "WebSearch"),
    current("Workflow", "Workflow"),
    current("Write", "Write"),
    // Old names Claude Code maps (its alias table).
    alias("Task", "Task", "Agent"),
    alias("KillShell", "KillShell", "TaskStop"),
    alias("KillBash", "KillBash", "TaskStop"),
    alias("ListPeers", "ListPeers", "ListAgents"),
    alias("Brief", "Brief", "SendUserMessage"),
    alias(
        "ListMcpResources",
        "ListMcpResources",
        "ListMcpResourcesTool",
    ),
    alias("ReadMcpResource", "ReadMcpResource", "ReadMcpResourceTool"),
    alias(
        "ReadMcpResourceDir",
        "ReadMcpResourceDir",
        "ReadMcpResourceDirTool",
    ),
    alias("ProposeGoal", "ProposeGoal", "SetGoal"),
    // Retired: still named in Claude Code's tables, they do nothing.
    retired("Frame", "Frame", None),
    retired("FrameRead", "FrameRead", None),
    retired("TeamCreate", "TeamCreate", None),
    retired("TeamDelete", "TeamDelete", None),
    retired("SuggestBackgroundPR", "SuggestBackgroundPr", None),
    retired("AutofixPr", "AutofixPr", None),
    retired("TaskOutput", "TaskOutput", Some("Read")),
    retired("AgentOutputTool", "AgentOutputTool", Some("Read")),
    retired("BashOutputTool", "BashOutputTool", Some("Read")),
    retired("AgentOutput", "AgentOutput", Some("Read")),
    retired("BashOutput", "BashOutput", Some("Read")),
    // Gone from Claude Code altogether; real agent files still list them.
    retired("LS", "Ls", Some("Glob")),
    retired("MultiEdit", "MultiEdit", Some("Edit")),
    retired("NotebookRead", "NotebookRead", Some("Read")),
    retired("TodoRead", "TodoRead", Some("TodoWrite")),
    retired("SlashCommand", "SlashCommand", Some("Skill")),
];

/// The tool named exactly `name` (case-sensitive, as Claude Code matches names).
pub fn builtin(name: &str) -> Option<&'static ToolInfo> {
    static BY_NAME: std::sync::OnceLock<std::collections::HashMap<&'static str, usize>> =
        std::sync::OnceLock::new();
    let by_name = BY_NAME.get_or_init(|| {
        BUILTIN_TOOLS
            .iter()
            .enumerate()
            .map(|(index, tool)| (tool.name, index))
            .collect()
    });
    by_name.get(name).map(|&index| &BUILTIN_TOOLS[index])
}

/// The known tool closest to `name` (a case-insensitive match first, then small edit distance),
/// among the built-in tools and `extra` (custom tools).
pub(crate) fn suggest<'a>(name: &str, extra: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let current = BUILTIN_TOOLS
        .iter()
        .filter(|t| t.kind == ToolKind::Current)
        .map(|t| t.name);
    let candidates: Vec<&str> = current.chain(extra).collect();
    if let Some(exact) = candidates.iter().find(|c| c.eq_ignore_ascii_case(name)) {
        return Some((*exact).to_owned());
    }
    let lower = name.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= 2 && *d < c.len())
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c.to_owned())
}

/// What Claude Code 2.1.332 does with a name in an agent's `skills` that is not a skill of the
/// project or of a plugin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BundledSkillKind {
    /// A skill Claude Code bundles: the agent preloads it.
    Preloadable,
    /// A skill or prompt command Claude Code bundles that only users start (`/name`): the model
    /// cannot invoke it, and an agent does not preload it.
    UserOnly,
    /// A built-in command (`/clear`, `/model`, …): not a skill; an agent does not preload it.
    Command,
}

/// A name Claude Code bundles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BundledSkill {
    /// The name as written in `skills` (or after `/`).
    pub name: &'static str,
    /// What an agent's `skills` entry of this name does.
    pub kind: BundledSkillKind,
    /// For an alias, the name it stands for.
    pub alias_of: Option<&'static str>,
}

const fn preloadable(name: &'static str, alias_of: Option<&'static str>) -> BundledSkill {
    BundledSkill {
        name,
        kind: BundledSkillKind::Preloadable,
        alias_of,
    }
}

const fn user_only(name: &'static str, alias_of: Option<&'static str>) -> BundledSkill {
    BundledSkill {
        name,
        kind: BundledSkillKind::UserOnly,
        alias_of,
    }
}

const fn command(name: &'static str, alias_of: Option<&'static str>) -> BundledSkill {
    BundledSkill {
        name,
        kind: BundledSkillKind::Command,
        alias_of,
    }
}

/// The skills and commands Claude Code 2.1.332 bundles, as its offline CLI shows them: every
/// `builtin` entry of the `commands` of its `initialize` answer with its aliases, and each
/// one's fate as an agent's `skills` entry, observed by spawning an agent that preloads them all
/// against a stand-in API (`tests/claude-code/skills-preload.mjs`; `tests/claude_cli.rs` keeps
/// this table equal to what the CLI does). Claude Code turns some bundled skills on per account
/// or setting (`commit`, `pr`, `schedule`, …): those it did not offer here are not listed, and
/// an agent that preloads one needs it declared under `[skills] external`.
pub const BUNDLED_SKILLS: &[BundledSkill] = &[
    // Skills an agent preloads.
    preloadable("claude-api", None),
    preloadable("code-review", None),
    preloadable("review", Some("code-review")),
    preloadable("dataviz", None),
    preloadable("fewer-permission-prompts", None),
    preloadable("init", None),
    preloadable("keybindings-help", None),
    preloadable("loop", None),
    preloadable("proactive", Some("loop")),
    preloadable("plugin-authoring", None),
    preloadable("run", None),
    preloadable("security-review", None),
    preloadable("simplify", None),
    preloadable("update-config", None),
    preloadable("workflow-authoring", None),
    // Skills and prompt commands only users start.
    user_only("batch", None),
    user_only("debug", None),
    user_only("deep-research", None),
    user_only("doctor", None),
    user_only("checkup", Some("doctor")),
    user_only("insights", None),
    user_only("run-skill-generator", None),
    user_only("team-onboarding", None),
    user_only("verify", None),
    // Built-in commands.
    command("__remote-workflow", None),
    command("agents", None),
    command("auto-mode-setup", None),
    command("autocompact", None),
    command("clear", None),
    command("new", Some("clear")),
    command("reset", Some("clear")),
    command("color", None),
    command("compact", None),
    command("config", None),
    command("settings", Some("config")),
    command("context", None),
    command("effort", None),
    command("fast", None),
    command("focus", None),
    command("goal", None),
    command("heapdump", None),
    command("list-agents", None),
    command("peers", Some("list-agents")),
    command("mcp", None),
    command("model", None),
    command("output-style", None),
    command("recap", None),
    command("reload-plugins", None),
    command("reload-skills", None),
    command("rename", None),
    command("name", Some("rename")),
    command("usage", None),
    command("cost", Some("usage")),
    command("stats", Some("usage")),
    command("workflow-launch-exec", None),
];

/// The bundled skill or command named exactly `name` (case-sensitive, as Claude Code matches).
pub(crate) fn bundled_skill(name: &str) -> Option<&'static BundledSkill> {
    BUNDLED_SKILLS.iter().find(|s| s.name == name)
}

/// A plugin's manifest, relative to the plugin's folder.
pub(crate) const PLUGIN_MANIFEST: &str = ".claude-plugin/plugin.json";
/// A marketplace's manifest, relative to its folder.
pub(crate) const MARKETPLACE_MANIFEST: &str = ".claude-plugin/marketplace.json";

/// Claude Code's size limit for an agent file, in bytes.
pub const MAX_FILE_BYTES: u64 = 1_048_576;

/// Frontmatter keys Claude Code 2.1.332 reads (its agent frontmatter schema, in its order).
pub const KNOWN_KEYS: &[&str] = &[
    "name",
    "description",
    "model",
    "tools",
    "disallowedTools",
    "color",
    "effort",
    "permissionMode",
    "mcpServers",
    "hooks",
    "maxTurns",
    "autoCompactWindow",
    "skills",
    "initialPrompt",
    "memory",
    "background",
    "omitClaudeMd",
    "isolation",
    "observer",
    "observerMessage",
    "observeToolResults",
    "observeSubagents",
    "experimental",
];

/// Keys that name collaborator agents (not read by Claude Code; checked by agentgen).
pub(crate) const COLLABORATOR_KEYS: &[&str] = &["dependencies", "collaborators"];

/// Claude Code's built-in subagents, always known as external agents.
pub(crate) const BUILTIN_AGENTS: &[&str] = &[
    "general-purpose",
    "Explore",
    "Plan",
    "statusline-setup",
    "claude-code-guide",
];

pub mod copilot;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(suggest("Bsh", []).as_deref(), Some("Bash"));
        assert_eq!(suggest("read", []).as_deref(), Some("Read"));
        assert_eq!(suggest("WriteFile", []).as_deref(), None);
        assert_eq!(suggest("Deploi", ["Deploy"]).as_deref(), Some("Deploy"));
    }

    #[test]
    fn the_table_is_consistent() {
        let current = BUILTIN_TOOLS
            .iter()
            .filter(|t| t.kind == ToolKind::Current)
            .count();
        assert_eq!(current, CURRENT_TOOL_COUNT);
        for (i, tool) in BUILTIN_TOOLS.iter().enumerate() {
            assert!(
                BUILTIN_TOOLS[..i]
                    .iter()
                    .all(|t| t.name != tool.name && t.variant != tool.variant),
                "{} twice",
                tool.name
            );
            if let Some(target) = tool.replacement() {
                let target = builtin(target).map(|t| t.kind);
                assert_eq!(
                    target,
                    Some(ToolKind::Current),
                    "{} maps to a built-in tool",
                    tool.name
                );
            }
        }
    }

    #[test]
    fn the_bundled_skills_are_consistent() {
        for (i, skill) in BUNDLED_SKILLS.iter().enumerate() {
            assert!(
                BUNDLED_SKILLS[..i].iter().all(|s| s.name != skill.name),
                "{} twice",
                skill.name
            );
            if let Some(of) = skill.alias_of {
                let target = bundled_skill(of).expect("an alias of a listed name");
                assert_eq!(target.kind, skill.kind, "{}", skill.name);
                assert_eq!(target.alias_of, None, "{}", skill.name);
            }
        }
        assert_eq!(
            bundled_skill("simplify").map(|s| s.kind),
            Some(BundledSkillKind::Preloadable)
        );
        assert_eq!(bundled_skill("Simplify"), None);
    }
}
