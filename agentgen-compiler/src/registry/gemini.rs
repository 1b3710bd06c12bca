//! Gemini CLI 0.61.0's reading of agent files, as data: the frontmatter keys it accepts, its
//! tool names, and the table from Claude Code's tool names to Gemini's.
//!
//! Gemini reads `.gemini/agents/*.md` (project) and `~/.gemini/agents/*.md` with its
//! `loadAgentsFromDirectory`: a file whose name starts with `_` is skipped; the frontmatter is
//! parsed with js-yaml and checked by a strict zod schema (`localAgentSchema`), so **any key
//! outside [`KNOWN_KEYS`] refuses the whole agent**, `tools` must be a YAML list of names
//! [`is_valid_tool`] accepts, `name` must match `^[a-z0-9-_]+$`, `description` must be a
//! non-empty string and `model` a string (absent: `inherit`, the session's model). The body,
//! trimmed, is the system prompt.
//!
//! Source of every entry: the `@google/gemini-cli` 0.61.0 bundle (`packages/core/src/agents/
//! agentLoader.ts` — `localAgentSchema`, `nameSchema`; `packages/core/src/tools/tool-names.ts`
//! — `ALL_BUILTIN_TOOL_NAMES`, `isValidToolName`; `packages/core/src/tools/mcp-tool.ts` —
//! `parseMcpToolName`), its `docs/core/subagents.md`, and the probe
//! `../shared/runtimes/gemini/agents.mjs` (tests/runtime_gemini.rs runs it on every export).

/// The runtime and version this table describes.
pub const RUNTIME: &str = "Gemini CLI 0.61.0";

/// The frontmatter keys Gemini accepts for a local agent (`localAgentSchema`, strict). The docs
/// also show `mcpServers`; the schema refuses it (probe: "Unrecognized key(s) in object:
/// 'mcpServers'"): `mcp_servers` is the key.
pub const KNOWN_KEYS: &[&str] = &[
    "kind",
    "name",
    "description",
    "display_name",
    "tools",
    "mcp_servers",
    "model",
    "temperature",
    "max_turns",
    "timeout_mins",
];

/// Gemini's built-in tool names (`ALL_BUILTIN_TOOL_NAMES`, in its order). `isValidToolName`
/// also accepts `*`, the legacy alias `search_file_content`, `discovered_tool_*` and MCP names
/// (`mcp_<server>_<tool>`, `mcp_<server>_*`, `mcp_*`).
pub const TOOLS: &[&str] = &[
    "glob",
    "write_todos",
    "write_file",
    "google_web_search",
    "web_fetch",
    "replace",
    "run_shell_command",
    "grep_search",
    "read_many_files",
    "read_file",
    "list_directory",
    "activate_skill",
    "ask_user",
    "tracker_create_task",
    "tracker_update_task",
    "tracker_get_task",
    "tracker_list_tasks",
    "tracker_add_dependency",
    "tracker_visualize",
    "get_internal_docs",
    "enter_plan_mode",
    "exit_plan_mode",
    "update_topic",
    "complete_task",
    "invoke_agent",
    "read_mcp_resource",
    "list_mcp_resources",
];

/// One Claude Code tool and what Gemini has for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ToolMapping {
    /// Claude Code's name (a built-in tool of `registry::BUILTIN_TOOLS`).
    pub claude_code: &'static str,
    /// Gemini's tool, or `None`: Gemini has nothing that does the same job.
    pub gemini: Option<&'static str>,
    /// Where the entry comes from.
    pub source: &'static str,
}

const BUNDLE: &str = "gemini-cli 0.61.0 bundle, tool-names.ts";
const NONE: &str = "no Gemini tool in ALL_BUILTIN_TOOL_NAMES does this";

const fn to(claude_code: &'static str, gemini: &'static str) -> ToolMapping {
    ToolMapping {
        claude_code,
        gemini: Some(gemini),
        source: BUNDLE,
    }
}

const fn none(claude_code: &'static str, source: &'static str) -> ToolMapping {
    ToolMapping {
        claude_code,
        gemini: None,
        source,
    }
}

/// Every Claude Code 2.1.332 built-in tool (`registry::BUILTIN_TOOLS`' current names, in its
/// order) and its Gemini tool. Claude Code's aliases map through the tool they stand for
/// (`Task` → `Agent`); its retired names run nothing in Claude Code, so nothing is lost.
pub const TOOL_MAP: &[ToolMapping] = &[
    none(
        "Agent",
        "docs/core/subagents.md, \"Recursion protection\": subagents cannot call other subagents",
    ),
    none("Artifact", NONE),
    to("AskUserQuestion", "ask_user"),
    to("Bash", "run_shell_command"),
    none("ClaudeDesign", NONE),
    none("CronCreate", NONE),
    none("CronDelete", NONE),
    none("CronList", NONE),
    to("Edit", "replace"),
    none("EndConversation", NONE),
    to("EnterPlanMode", "enter_plan_mode"),
    none("EnterWorktree", NONE),
    to("ExitPlanMode", "exit_plan_mode"),
    none("ExitWorktree", NONE),
    to("Glob", "glob"),
    to("Grep", "grep_search"),
    none("ListAgents", NONE),
    to("ListMcpResourcesTool", "list_mcp_resources"),
    none("LSP", NONE),
    none("Monitor", NONE),
    none(
        "NotebookEdit",
        "no cell editing in Gemini's tools (replace and write_file edit whole text)",
    ),
    none("OfferChromeSetup", NONE),
    none(
        "PowerShell",
        "run_shell_command runs the platform's shell, not PowerShell by choice",
    ),
    none("Projects", NONE),
    none("propose_skills", NONE),
    none("PushNotification", NONE),
    to("Read", "read_file"),
    none("ReadMcpResourceDirTool", NONE),
    to("ReadMcpResourceTool", "read_mcp_resource"),
    none("ReadNotifications", NONE),
    none("RemoteTrigger", NONE),
    none("ReportFindings", NONE),
    none("ScheduleWakeup", NONE),
    none("SendFeedback", NONE),
    none("SendMessage", NONE),
    none("SendUserFile", NONE),
    none("SendUserMessage", NONE),
    none("SetGoal", NONE),
    none("ShareOnboardingGuide", NONE),
    none("ShowOnboardingRolePicker", NONE),
    to("Skill", "activate_skill"),
    none("SubagentHandback", NONE),
    to("TaskCreate", "tracker_create_task"),
    to("TaskGet", "tracker_get_task"),
    to("TaskList", "tracker_list_tasks"),
    none("TaskStop", NONE),
    to("TaskUpdate", "tracker_update_task"),
    to("TodoWrite", "write_todos"),
    none("ToolSearch", NONE),
    none("WaitForMcpServers", NONE),
    to("WebFetch", "web_fetch"),
    to("WebSearch", "google_web_search"),
    none("Workflow", NONE),
    to("Write", "write_file"),
];

/// The entry for Claude Code's tool `name` (a current name; resolve aliases first).
pub fn tool(name: &str) -> Option<&'static ToolMapping> {
    TOOL_MAP.iter().find(|m| m.claude_code == name)
}

/// Whether `name` is a valid agent name for Gemini (`nameSchema`: `^[a-z0-9-_]+$`).
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// `name` made a valid Gemini name: lower case, each run of other characters (`:`, spaces,
/// `.`) one `-`, no `-` or `_` at the start (Gemini skips files whose name starts with `_`) or
/// `-` at the end; `agent` when nothing is left.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-' {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_start_matches(['-', '_']).trim_end_matches('-');
    if trimmed.is_empty() {
        "agent".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// Whether Gemini accepts `name` in an agent's `tools` (`isValidToolName` with wildcards): a
/// built-in tool of [`TOOLS`], the legacy alias `search_file_content`, `discovered_tool_*`,
/// `*`, `mcp_*`, or `mcp_<server>_<tool>` / `mcp_<server>_*` (the server is what comes before
/// the first `_`; both parts match `^[a-z0-9_.:-]+$`, case-insensitive; a tool of only `_` is
/// refused).
pub fn is_valid_tool(name: &str) -> bool {
    if TOOLS.contains(&name)
        || name == "search_file_content"
        || name == "*"
        || name.starts_with("discovered_tool_")
    {
        return true;
    }
    let Some(rest) = name.strip_prefix("mcp_") else {
        return false;
    };
    if rest == "*" {
        return true;
    }
    match rest.split_once('_') {
        Some((server, tool)) if !server.is_empty() && !tool.is_empty() => {
            slug_like(server)
                && (tool == "*" || (slug_like(tool) && !tool.bytes().all(|b| b == b'_')))
        }
        _ => false,
    }
}

/// `^[a-z0-9_.:-]+$`, case-insensitive.
fn slug_like(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'-'))
}

/// Gemini's name for Claude Code's MCP tool `mcp__<server>__<tool>` (`tool: None`: every tool
/// of the server, `mcp_<server>_*`), or `None` when Gemini cannot name it: its
/// `parseMcpToolName` splits at the first `_` after `mcp_`, so a server name with `_` would
/// name another server, and `isValidToolName` wants both parts to match `^[a-z0-9_.:-]+$`
/// (case-insensitive).
pub fn mcp_tool(server: &str, tool: Option<&str>) -> Option<String> {
    if !slug_like(server) || server.contains('_') {
        return None;
    }
    match tool {
        None => Some(format!("mcp_{server}_*")),
        Some(tool) if slug_like(tool) && !tool.bytes().all(|b| b == b'_') => {
            Some(format!("mcp_{server}_{tool}"))
        }
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{BUILTIN_TOOLS, ToolKind};

    #[test]
    fn every_current_claude_code_tool_has_one_entry_in_its_order() {
        let current: Vec<&str> = BUILTIN_TOOLS
            .iter()
            .filter(|t| t.kind == ToolKind::Current)
            .map(|t| t.name)
            .collect();
        let mapped: Vec<&str> = TOOL_MAP.iter().map(|m| m.claude_code).collect();
        assert_eq!(mapped, current);
    }

    #[test]
    fn every_gemini_name_is_a_gemini_tool_used_once() {
        let mut seen = Vec::new();
        for entry in TOOL_MAP {
            if let Some(gemini) = entry.gemini {
                assert!(TOOLS.contains(&gemini), "{gemini}");
                assert!(!seen.contains(&gemini), "{gemini} twice");
                seen.push(gemini);
            }
        }
    }

    #[test]
    fn names_and_slugs() {
        assert!(is_valid_name("code-reviewer_2"));
        assert!(!is_valid_name("Code-Reviewer"));
        assert!(!is_valid_name("pack:name"));
        assert_eq!(slug("Code Reviewer"), "code-reviewer");
        assert_eq!(slug("pack:name"), "pack-name");
        assert_eq!(slug("_private"), "private");
        assert_eq!(slug("::"), "agent");
        assert_eq!(slug("Ünïcode"), "n-code");
        assert!(is_valid_name(&slug("Ünïcode")));
    }

    #[test]
    fn mcp_names() {
        assert_eq!(
            mcp_tool("github", Some("create_issue")).as_deref(),
            Some("mcp_github_create_issue")
        );
        assert_eq!(
            mcp_tool("my-server", None).as_deref(),
            Some("mcp_my-server_*")
        );
        assert_eq!(mcp_tool("my_server", Some("x")), None);
        assert_eq!(mcp_tool("github", Some("__")), None);
        assert_eq!(mcp_tool("git hub", Some("x")), None);
    }

    #[test]
    fn every_name_the_export_writes_is_a_valid_gemini_tool() {
        for entry in TOOL_MAP {
            if let Some(gemini) = entry.gemini {
                assert!(is_valid_tool(gemini), "{gemini}");
            }
        }
        for (server, tool) in [
            ("github", Some("create_issue")),
            ("a.b:c", None),
            ("x", Some("y_z")),
        ] {
            let name = mcp_tool(server, tool).expect("a Gemini name");
            assert!(is_valid_tool(&name), "{name}");
        }
        // As the probe answers (the Gemini CLI's own check).
        for valid in [
            "mcp_my.server_tool",
            "mcp_a_b_c",
            "mcp_github__x",
            "mcp_*",
            "*",
            "discovered_tool_foo",
            "search_file_content",
        ] {
            assert!(is_valid_tool(valid), "{valid}");
        }
        for invalid in [
            "Read",
            "mcp__github__create_issue",
            "mcp_github",
            "mcp_x___",
            "read",
        ] {
            assert!(!is_valid_tool(invalid), "{invalid}");
        }
    }
}
