//! What the names of an agent file mean, in a sentence: the frontmatter keys Claude Code reads
//! (`registry::KNOWN_KEYS`, as CLAUDE-CODE-RULES.md §4 and Claude Code's subagent documentation
//! describe them), its tools (`registry::BUILTIN_TOOLS`) and the values of its enumerated keys.

use agentgen_compiler::read::MODEL_ALIASES;
use agentgen_compiler::registry::{self, ToolKind};

/// The meaning of a frontmatter key Claude Code reads (every key of `registry::KNOWN_KEYS`),
/// and of the keys agentgen reads beside them.
pub(crate) fn key_meaning(key: &str) -> Option<&'static str> {
    Some(match key {
        "name" => {
            "The agent's name, which Claude Code and other agents call it by (`Agent(name)`, `@name`). Required: without a non-empty string the file is skipped silently; a name starting with `-` or containing `:` is rejected."
        }
        "description" => {
            "When Claude Code should hand work to this agent; the main agent reads it to choose a subagent. Required: a file without it is rejected. `\\n` becomes a line feed."
        }
        "model" => {
            "The model the agent runs on: an alias (`sonnet`, `opus`, `haiku`, `inherit`, …) or a model id. Absent: the parent's model."
        }
        "tools" => {
            "The tools the agent may use, comma- or space-separated or a list: `Read, Grep, Bash(git diff:*)`, `Agent(reviewer)`, `mcp__server__tool`. Absent or `*`: every tool; present and empty: none."
        }
        "disallowedTools" => {
            "Tools taken away from the agent, split like `tools`; an entry `*` makes Claude Code ignore the whole field."
        }
        "color" => {
            "The agent's colour in Claude Code's interface: red, blue, green, yellow, purple, orange, pink or cyan (anything else is dropped)."
        }
        "effort" => {
            "How hard the model thinks: low, medium, high, xhigh or max (any letter case, `med` = medium), or an integer."
        }
        "permissionMode" => {
            "How the agent asks for permission: acceptEdits, auto, bypassPermissions, default, dontAsk or plan (`manual` reads as default)."
        }
        "mcpServers" => {
            "MCP servers the agent may use: a list of server names or `{name: config}` mappings."
        }
        "hooks" => {
            "Hooks that run while this agent runs (PreToolUse, PostToolUse, …). An invalid hooks object drops the whole agent."
        }
        "maxTurns" => "The most turns the agent may take: a positive integer.",
        "autoCompactWindow" => {
            "The context size at which the agent's conversation is compacted: an integer of at least 100,000 tokens."
        }
        "skills" => {
            "Skills Claude Code preloads into the agent's context, split like `tools`; a missing skill is skipped."
        }
        "initialPrompt" => "A first user message the agent starts with: a non-blank string.",
        "memory" => {
            "Persistent memory for the agent: user, project or local. It adds Write, Edit and Read to a tools list."
        }
        "background" => "Whether the agent runs in the background: true or false.",
        "omitClaudeMd" => "`true`: the agent does not get the project's CLAUDE.md.",
        "isolation" => "Where the agent works: `worktree` (a git worktree of its own) or `remote`.",
        "observer" => {
            "Agents Claude Code starts as background observers of this one: a comma-separated list of agent names."
        }
        "observerMessage" => "The message the observers are started with: a non-blank string.",
        "observeToolResults" => {
            "Whether the observers see tool results (present and not true-like: they do not)."
        }
        "observeSubagents" => "`false`: the observers do not see this agent's subagents.",
        "experimental" => {
            "Experimental settings: `cacheTtl` (`5m` or `1h`), the prompt cache's lifetime."
        }
        "dependencies" | "collaborators" => {
            "Agents this one works with (agentgen only; Claude Code ignores the key): checked to exist, and drawn in the team graph."
        }
        _ => return None,
    })
}

/// The meaning of a Claude Code tool: one sentence, then what Claude Code does with an old or
/// retired name.
pub(crate) fn tool_meaning(name: &str) -> Option<String> {
    let info = registry::builtin(name)?;
    let what = match info.name {
        "Agent" => "Starts a subagent; `Agent(a, b)` limits which agents this one may start.",
        "AskUserQuestion" => "Asks the user a multiple-choice question.",
        "Bash" => "Runs a shell command; `Bash(git diff:*)` allows matching commands only.",
        "Edit" => "Replaces exact text in a file.",
        "EnterPlanMode" => "Switches to plan mode.",
        "ExitPlanMode" => "Presents a plan and leaves plan mode.",
        "EnterWorktree" => "Moves the session into a git worktree.",
        "ExitWorktree" => "Leaves the git worktree.",
        "Glob" => "Finds files by name pattern.",
        "Grep" => "Searches file contents with a regular expression (ripgrep).",
        "ListMcpResourcesTool" => "Lists the resources of the MCP servers.",
        "ReadMcpResourceTool" => "Reads a resource of an MCP server.",
        "LSP" => "Asks a language server (definitions, references, diagnostics).",
        "Monitor" => "Watches a background process's output.",
        "NotebookEdit" => "Edits a cell of a Jupyter notebook.",
        "PowerShell" => "Runs a PowerShell command.",
        "Read" => "Reads a file (text, images, PDFs, notebooks).",
        "SendMessage" => "Sends a message to another agent of the team.",
        "Skill" => "Runs a skill.",
        "TaskCreate" | "TaskGet" | "TaskList" | "TaskUpdate" => "Manages the session's task list.",
        "TaskStop" => "Stops a background task or shell.",
        "TodoWrite" => "Writes the session's to-do list.",
        "ToolSearch" => "Finds deferred tools (MCP tools loaded on demand).",
        "WebFetch" => "Fetches a URL and reads its content.",
        "WebSearch" => "Searches the web.",
        "Write" => "Writes a whole file.",
        "CronCreate" | "CronDelete" | "CronList" => "Manages scheduled prompts.",
        "ScheduleWakeup" => "Schedules the agent to resume later.",
        _ => "",
    };
    let version = "Claude Code 2.1.332";
    let status = match info.kind {
        ToolKind::Current => format!("A built-in tool of {version}."),
        ToolKind::Alias { of } => {
            format!("An old name {version} still maps to `{of}`: write `{of}`.")
        }
        ToolKind::Retired {
            use_instead: Some(other),
        } => format!("{version} no longer runs it (dropped when the agent runs): use `{other}`."),
        ToolKind::Retired { use_instead: None } => {
            format!("{version} no longer runs it (dropped when the agent runs).")
        }
    };
    Some(if what.is_empty() {
        status
    } else {
        format!("{what} {status}")
    })
}

/// The model aliases Claude Code resolves, with what each is.
pub(crate) fn model_aliases() -> impl Iterator<Item = (&'static str, &'static str)> {
    MODEL_ALIASES.iter().map(|(alias, _)| {
        let what = match *alias {
            "inherit" => "the parent's model",
            "best" => "the most capable model available",
            "opusplan" => "Opus in plan mode, Sonnet otherwise",
            a if a.ends_with("[1m]") => "with a 1M-token context window",
            _ => "the current model of this family",
        };
        (*alias, what)
    })
}

/// The colours Claude Code keeps.
pub(crate) const COLORS: &[&str] = &[
    "red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan",
];

/// The permission modes Claude Code keeps, with their meaning.
pub(crate) const PERMISSION_MODES: &[(&str, &str)] = &[
    ("acceptEdits", "accept file edits without asking"),
    ("auto", "decide with a classifier whether to ask"),
    ("bypassPermissions", "never ask (every tool call allowed)"),
    ("default", "ask as the session does"),
    ("dontAsk", "deny what would need asking"),
    ("plan", "plan mode: read-only until a plan is accepted"),
];

/// The effort levels Claude Code keeps, lowest first.
pub(crate) const EFFORT_LEVELS: &[&str] = &["low", "medium", "high", "xhigh", "max"];

/// The values of the keys with a fixed set of them (besides `model`, `color`,
/// `permissionMode` and `effort`).
pub(crate) fn fixed_values(key: &str) -> &'static [&'static str] {
    match key {
        "memory" => &["user", "project", "local"],
        "isolation" => &["worktree", "remote"],
        "background" | "omitClaudeMd" | "observeToolResults" | "observeSubagents" => {
            &["true", "false"]
        }
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_claude_code_reads_has_a_meaning() {
        for key in registry::KNOWN_KEYS {
            assert!(key_meaning(key).is_some(), "{key}");
        }
        assert_eq!(key_meaning("toolz"), None);
    }

    #[test]
    fn tools_say_what_they_are_and_what_to_use_instead() {
        assert_eq!(
            tool_meaning("Read").as_deref(),
            Some(
                "Reads a file (text, images, PDFs, notebooks). A built-in tool of Claude Code 2.1.332."
            )
        );
        assert!(tool_meaning("MultiEdit").is_some_and(|m| m.contains("use `Edit`")));
        assert!(tool_meaning("Task").is_some_and(|m| m.contains("write `Agent`")));
        assert_eq!(tool_meaning("Reed"), None);
    }
}
