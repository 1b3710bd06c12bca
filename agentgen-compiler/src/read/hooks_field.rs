//! `hooks`, and guard hooks written outside it, as an agent file, a skill and a command report
//! them ([`hooks`] ports how Claude Code reads them). Claude Code refuses an agent
//! whose hooks it cannot apply, but loads a skill or command without its hooks and without its
//! `allowed-tools`; it ignores a plugin agent's hooks (the `ignored-in-plugin` warning says so).

use super::fields::{Fields, invalid_value};
use super::hooks::{self, HookProblem};
use super::skill::SkillKind;
use super::{Dialect, Field, Reader};
use crate::diagnostic::{Code, Diagnostic};
use crate::yaml::{Node, Value};

/// What the hooks of a file come to.
#[derive(Default)]
pub(super) struct HooksField {
    /// The hooks Claude Code keeps.
    pub kept: Option<Node>,
    /// Whether Claude Code cannot apply them: it refuses an agent, and loads a skill or command
    /// without hooks and without `allowed-tools`.
    pub unloadable: bool,
}

const SCHEMA_HELP: &str = "`hooks` maps events (`PreToolUse`, `PostToolUse`, …) to lists of `{matcher, hooks: [{type: command, command}]}`";

/// Reads `hooks` and scans the other keys for guard hooks outside it, as the reader's dialect
/// does.
pub(super) fn read_hooks_field(reader: &mut Reader, fields: &Fields) -> HooksField {
    if let Dialect::Plugin { .. } = reader.dialect {
        return HooksField::default();
    }
    let top_level: Vec<(&str, &Node)> = fields
        .iter()
        .filter(|(key, _)| *key != "hooks")
        .map(|(key, field)| (key, &field.node))
        .collect();
    let mut unloadable = false;
    for problem in hooks::misplaced_guards(&top_level) {
        unloadable = true;
        let diagnostic = misplaced_guard(reader, &problem);
        reader.push(diagnostic);
    }
    let Some(field) = fields.get("hooks") else {
        return HooksField {
            kept: None,
            unloadable,
        };
    };
    if reader.dialect == Dialect::Skill(SkillKind::PluginCommand) {
        unloadable |= plugin_command_hooks(reader, field);
        return HooksField {
            kept: None,
            unloadable,
        };
    }
    if reader.dialect == Dialect::Project
        && (matches!(field.node.value, Value::Bool(false) | Value::Int(0))
            || matches!(field.node.value, Value::Float(f) if f == 0.0 || f.is_nan()))
    {
        let diagnostic = Diagnostic::new(
            Code::InvalidHooks,
            reader.path(),
            format!(
                "`hooks` is `{}`, not a mapping of hook events",
                field.node.key_text()
            ),
        )
        .at(field.span.clone())
        .label("Claude Code reads this as no hooks")
        .note("Claude Code drops the value silently")
        .help("remove the key: an agent without `hooks` has none");
        reader.push(diagnostic);
    }
    let reading = hooks::read_hooks(&field.node);
    for problem in &reading.rejections {
        unloadable = true;
        let diagnostic = hook_problem(reader, problem, true);
        reader.push(diagnostic);
    }
    for problem in &reading.dropped {
        // An agent loads without the entry; a skill or command without any hooks.
        unloadable |= !reader.dialect.is_agent();
        let diagnostic = hook_problem(reader, problem, false);
        reader.push(diagnostic);
    }
    HooksField {
        kept: if unloadable { None } else { reading.kept },
        unloadable,
    }
}

/// `misplaced-hook`: hook event `key` written as a top-level key, which Claude Code ignores.
pub(super) fn misplaced_hook(reader: &Reader, key: &str, field: &Field) -> Diagnostic {
    Diagnostic::new(
        Code::MisplacedHook,
        reader.path(),
        format!("hook event `{key}` at the top level of the frontmatter"),
    )
    .at(field.key_span.clone())
    .label("Claude Code ignores this key: the hook never runs")
    .help(format!(
        "move it under `hooks:` (`hooks:` then, indented, `{key}:`)"
    ))
}

/// What Claude Code does with a skill or command whose hooks it cannot load.
fn without_hooks(kind: SkillKind) -> String {
    format!(
        "Claude Code loads the {} without its hooks and without its `allowed-tools`",
        kind.noun()
    )
}

/// `invalid-hooks`: a guard hook outside `hooks`.
fn misplaced_guard(reader: &Reader, problem: &HookProblem) -> Diagnostic {
    let span = reader.yaml_span(problem.span.clone());
    let diagnostic = match reader.dialect {
        Dialect::Skill(kind) => Diagnostic::new(
            Code::InvalidHooks,
            reader.path(),
            format!("`{}`: {}", problem.path, problem.problem),
        )
        .label("a PreToolUse/PermissionRequest hook outside `hooks`")
        .note(without_hooks(kind)),
        _ => Diagnostic::new(Code::InvalidHooks, reader.path(), problem.problem.clone())
            .label("a PreToolUse/PermissionRequest/PreSkillShellCommand hook outside `hooks`")
            .note("Claude Code does not load the agent: a guard hook it cannot apply may be what guards the agent's permissions"),
    };
    diagnostic.at(span).help(
        "move the hook under `hooks:` (e.g. `hooks:` then, indented, `PreToolUse:`), or remove it",
    )
}

/// `invalid-hooks`: a problem in `hooks`, `rejected` when it refuses the hooks (else Claude Code
/// drops the entry).
fn hook_problem(reader: &Reader, problem: &HookProblem, rejected: bool) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::InvalidHooks,
        reader.path(),
        format!("`{}`: {}", problem.path, problem.problem),
    )
    .at(reader.yaml_span(problem.span.clone()));
    match reader.dialect {
        Dialect::Skill(kind) => diagnostic
            .label("Claude Code cannot load these hooks")
            .note(without_hooks(kind))
            .help(SCHEMA_HELP),
        _ if rejected => diagnostic
            .label("Claude Code refuses these hooks")
            .note("Claude Code does not load the agent")
            .help(SCHEMA_HELP),
        _ => diagnostic
            .label("Claude Code ignores this")
            .note("Claude Code loads the agent without it, with a line in its debug log only")
            .help("fix the entry or remove it"),
    }
}

/// A plugin command's `hooks`: Claude Code registers none; one that is not a mapping makes it
/// drop the command's `allowed-tools`. Whether it does.
fn plugin_command_hooks(reader: &mut Reader, field: &Field) -> bool {
    if matches!(field.node.value, Value::Map(_) | Value::Null) {
        let diagnostic = super::skill::ignored_in_command(
            reader,
            "hooks",
            field,
            "Claude Code registers the hooks of a plugin's skills, not of its commands",
            "move the hooks into the plugin's `hooks/hooks.json`, or make the command a skill (`skills/<name>/SKILL.md`)",
        );
        reader.push(diagnostic);
        return false;
    }
    let diagnostic = invalid_value(
        reader,
        "hooks",
        field,
        &format!("{}, not a mapping of events", field.node.type_name()),
        SCHEMA_HELP,
    )
    .note(without_hooks(SkillKind::PluginCommand));
    reader.push(diagnostic);
    true
}
