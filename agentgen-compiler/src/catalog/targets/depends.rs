//! Whether an agent **depends on** a tool its target runtime has no equivalent for — the rule
//! behind `gemini-unmapped-tool` and `copilot-unmapped-tool`, one for every target:
//!
//! - the prompt names the tool: its Claude Code name as a whole word (`NotebookEdit`,
//!   `mcp__github__create_issue`); for names that are also common words (`Agent`, `Task`,
//!   `Skill`, `Monitor`, `LSP`, …) only as `` `Agent` ``, `Agent tool` or `Agent(`;
//! - or no entry of a non-empty `tools` list is left for the target (an agent made to use
//!   tools would have none).
//!
//! Entries Claude Code runs nothing for (retired names, unresolvable entries) are no tools the
//! agent has, so it cannot depend on them: each target leaves them out before asking.

/// Tool names that are also common words: the prompt depends on them only when it writes them
/// as a tool (`` `Agent` ``, `Agent tool`, `Agent(`).
const COMMON_WORD_TOOLS: &[&str] = &[
    "Agent", "Task", "Skill", "Monitor", "Projects", "Artifact", "Workflow", "LSP",
];

/// Why an agent depends on a tool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dependence {
    /// Its prompt names the tool.
    Named,
    /// The tool is among the entries of a `tools` list of which the target keeps none.
    AllTools,
}

impl Dependence {
    /// The reason in a few words, for a diagnostic ("its prompt names it").
    pub const fn why(self) -> &'static str {
        match self {
            Dependence::Named => "its prompt names it",
            Dependence::AllTools => "it is all the agent's tools",
        }
    }
}

/// Whether the agent whose prompt is `prompt` depends on the tool `tool` (Claude Code's name,
/// without a rule in parentheses) that its target has no equivalent for; `none_left`: the
/// target keeps no entry of the agent's non-empty `tools` list.
pub fn dependence(prompt: &str, tool: &str, none_left: bool) -> Option<Dependence> {
    if prompt_names(prompt, tool) {
        Some(Dependence::Named)
    } else if none_left {
        Some(Dependence::AllTools)
    } else {
        None
    }
}

/// Whether `prompt` names the tool `tool`: as a whole word, or for a common word only as
/// `` `tool` ``, `tool tool` or `tool(`.
pub fn prompt_names(prompt: &str, tool: &str) -> bool {
    if tool.is_empty() {
        return false;
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let common = COMMON_WORD_TOOLS.contains(&tool);
    prompt.match_indices(tool).any(|(at, _)| {
        let before = prompt[..at].chars().next_back();
        let rest = &prompt[at + tool.len()..];
        let after = rest.chars().next();
        if word(before) || word(after) {
            return false;
        }
        if !common || (before == Some('`') && after == Some('`')) || after == Some('(') {
            return true;
        }
        let rest = rest.trim_start_matches([' ', '\t']);
        rest.starts_with("tool") && !word(rest["tool".len()..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_prompt_depends_on() {
        assert!(prompt_names(
            "Use NotebookEdit to change cells.",
            "NotebookEdit"
        ));
        assert!(!prompt_names("Use NotebookEditor.", "NotebookEdit"));
        assert!(!prompt_names("You are an Agent of change.", "Agent"));
        assert!(prompt_names("Call the `Agent` to hand over.", "Agent"));
        assert!(prompt_names("Use the Task tool to delegate.", "Task"));
        assert!(prompt_names("Use Task(subagent_type: x).", "Task"));
        assert!(!prompt_names("Each Task toolkit.", "Task"));
        assert!(prompt_names(
            "call mcp__github__create_issue",
            "mcp__github__create_issue"
        ));
        assert!(!prompt_names("", "Agent"));
    }

    #[test]
    fn a_tool_named_or_all_that_is_left_is_depended_on() {
        assert_eq!(
            dependence("Run LS first.", "LS", false),
            Some(Dependence::Named)
        );
        assert_eq!(dependence("x", "LS", true), Some(Dependence::AllTools));
        assert_eq!(dependence("x", "LS", false), None);
        assert_eq!(dependence("a Skill", "Skill", false), None);
    }
}
