//! `hooks`, and hooks written outside `hooks` at the top level of the frontmatter, as Claude Code
//! 2.1.332 reads them.
//!
//! Source: Claude Code 2.1.332's hook loading for agents (its guard scan of the frontmatter, the
//! structural check of `hooks`, and the hooks schema), confirmed on `tests/probes/hooks` and
//! `tests/probes/hooks-toplevel`.

use std::ops::Range;

use crate::yaml::Node;

/// The hook events of Claude Code 2.1.332, in its order.
pub const HOOK_EVENTS: &[&str] = &[
    "PreToolUse",
    "PostToolUse",
    "PostToolUseFailure",
    "PostToolBatch",
    "Notification",
    "UserPromptSubmit",
    "UserPromptExpansion",
    "SessionStart",
    "SessionEnd",
    "Stop",
    "StopFailure",
    "SubagentStart",
    "SubagentStop",
    "PreCompact",
    "PostCompact",
    "PreModelSwitch",
    "PostModelSwitch",
    "PermissionRequest",
    "PermissionDenied",
    "Setup",
    "TeammateIdle",
    "TaskCreated",
    "TaskCompleted",
    "Elicitation",
    "ElicitationResult",
    "ConfigChange",
    "WorktreeCreate",
    "WorktreeRemove",
    "InstructionsLoaded",
    "CwdChanged",
    "FileChanged",
    "DirectoryAdded",
    "MessageDisplay",
    "PreSkillShellCommand",
];

/// The events whose hooks may guard what an agent is allowed to do: a malformed entry under one
/// of them, or one of them written outside `hooks`, makes Claude Code refuse the whole agent.
pub const GUARD_EVENTS: &[&str] = &["PreToolUse", "PermissionRequest", "PreSkillShellCommand"];

/// One problem Claude Code finds in an agent's hooks.
#[derive(Debug, Clone, PartialEq)]
pub struct HookProblem {
    /// Where, as Claude Code writes it: `hooks.PostToolUse.0.hooks.1`, or a top-level key.
    pub path: String,
    /// What is wrong, in Claude Code's words where it has some.
    pub problem: String,
    /// The YAML node the problem is about (byte offsets in the frontmatter's YAML text).
    pub span: Range<usize>,
}

/// What Claude Code does with an agent's `hooks` value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HooksReading {
    /// Problems that make Claude Code refuse to load the agent.
    pub rejections: Vec<HookProblem>,
    /// What Claude Code removes while loading the agent anyway: entries it ignores with a log
    /// line, and keys it strips without one.
    pub dropped: Vec<HookProblem>,
    /// The hooks Claude Code keeps (dropped entries and stripped keys removed); `None` when
    /// nothing is kept.
    pub kept: Option<Node>,
}

/// Claude Code's scan of the other frontmatter keys for hooks written outside `hooks`: the
/// problems that make it refuse the agent. `entries` are the frontmatter's keys and values in
/// file order, a repeated key only once (its last value).
pub fn misplaced_guards(entries: &[(&str, &Node)]) -> Vec<HookProblem> {
    let _ = entries;
    Vec::new()
}

/// Reads the value of `hooks`.
pub fn read_hooks(node: &Node) -> HooksReading {
    HooksReading {
        kept: Some(node.clone()),
        ..HooksReading::default()
    }
}
