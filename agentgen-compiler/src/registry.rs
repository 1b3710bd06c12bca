//! The tool names Claude Code knows, as data (Claude Code 2.1.197).
//!
//! Source: Claude Code tool reference and release notes; CLAUDE-CODE-RULES.md §6. This list goes
//! stale as Claude Code ships: extend it per project with `[tools] custom` in `agentgen.toml`.
//! The runtime enum `agentgen::BuiltinTool` has one variant per entry (a test keeps both equal).

/// The Claude Code version this table describes.
pub const CLAUDE_CODE_VERSION: &str = "2.1.197";

/// One built-in tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ToolInfo {
    /// The name as written in `tools`.
    pub name: &'static str,
    /// The variant of `agentgen::BuiltinTool`.
    pub variant: &'static str,
    /// For a legacy tool Claude Code no longer ships: what to use instead.
    pub legacy_replacement: Option<&'static str>,
}

const fn current(name: &'static str, variant: &'static str) -> ToolInfo {
    ToolInfo {
        name,
        variant,
        legacy_replacement: None,
    }
}

const fn legacy(name: &'static str, variant: &'static str, use_instead: &'static str) -> ToolInfo {
    ToolInfo {
        name,
        variant,
        legacy_replacement: Some(use_instead),
    }
}

/// Every built-in tool, current ones first.
pub const BUILTIN_TOOLS: &[ToolInfo] = &[
    current("Agent", "Agent"),
    current("AskUserQuestion", "AskUserQuestion"),
    current("Bash", "Bash"),
    current("CronCreate", "CronCreate"),
    current("CronDelete", "CronDelete"),
    current("CronList", "CronList"),
    current("Edit", "Edit"),
    current("EnterPlanMode", "EnterPlanMode"),
    current("EnterWorktree", "EnterWorktree"),
    current("ExitPlanMode", "ExitPlanMode"),
    current("ExitWorktree", "ExitWorktree"),
    current("Glob", "Glob"),
    current("Grep", "Grep"),
    current("ListMcpResourcesTool", "ListMcpResourcesTool"),
    current("LSP", "Lsp"),
    current("Monitor", "Monitor"),
    current("NotebookEdit", "NotebookEdit"),
    current("PowerShell", "PowerShell"),
    current("Read", "Read"),
    current("ReadMcpResourceTool", "ReadMcpResourceTool"),
    current("SendMessage", "SendMessage"),
    current("Skill", "Skill"),
    current("TaskCreate", "TaskCreate"),
    current("TaskGet", "TaskGet"),
    current("TaskList", "TaskList"),
    current("TaskOutput", "TaskOutput"),
    current("TaskStop", "TaskStop"),
    current("TaskUpdate", "TaskUpdate"),
    current("TodoWrite", "TodoWrite"),
    current("ToolSearch", "ToolSearch"),
    current("WebFetch", "WebFetch"),
    current("WebSearch", "WebSearch"),
    current("Write", "Write"),
    legacy("Task", "Task", "Agent"),
    legacy("LS", "Ls", "Glob"),
    legacy("MultiEdit", "MultiEdit", "Edit"),
    legacy("NotebookRead", "NotebookRead", "Read"),
    legacy("TodoRead", "TodoRead", "TodoWrite"),
    legacy("BashOutput", "BashOutput", "TaskOutput"),
    legacy("KillShell", "KillShell", "TaskStop"),
    legacy("KillBash", "KillBash", "TaskStop"),
    legacy("SlashCommand", "SlashCommand", "Skill"),
];

/// The built-in tool named exactly `name`.
pub fn builtin(name: &str) -> Option<&'static ToolInfo> {
    BUILTIN_TOOLS.iter().find(|t| t.name == name)
}

/// The known tool closest to `name` (a case-insensitive match first, then small edit distance).
pub fn suggest<'a>(name: &str, extra: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let current = BUILTIN_TOOLS
        .iter()
        .filter(|t| t.legacy_replacement.is_none())
        .map(|t| t.name);
    let candidates: Vec<&str> = current.chain(extra).collect();
    let candidates = candidates.into_iter();
    if let Some(exact) = candidates.clone().find(|c| c.eq_ignore_ascii_case(name)) {
        return Some(exact.to_owned());
    }
    let lower = name.to_ascii_lowercase();
    candidates
        .map(|c| (strsim::levenshtein(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= 2 && *d < c.len())
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c.to_owned())
}

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
}
