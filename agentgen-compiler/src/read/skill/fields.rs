//! A skill's or command's frontmatter, field by field, as Claude Code 2.1.332's skill reader
//! reads it.

use super::{INTERNAL_KEYS, SKILL_KEYS, SkillFile, SkillKind, skill_key_hint};
use crate::diagnostic::{Code, Diagnostic};
use crate::read::fields::{Fields, describe, fits, flag, invalid_value, report_deep_values};
use crate::read::hooks_field::{misplaced_hook, read_hooks_field};
use crate::read::model::read_model;
use crate::read::name::{read_given_name, read_text_description};
use crate::read::number::js_string;
use crate::read::optional::read_effort;
use crate::read::tools::split_entries_of;
use crate::read::{Dialect, Field, Reader, Spanned, hooks};
use crate::source::js_trim;
use crate::yaml::{Node, Value};

/// Reads the frontmatter's `entries` into `skill`.
pub(super) fn read_skill_fields(
    skill: &mut SkillFile,
    entries: Vec<(Node, Node)>,
    yaml_offset: usize,
) {
    let kind = skill.kind;
    let mut reader = Reader {
        source: &skill.source,
        yaml_offset,
        dialect: Dialect::Skill(kind),
        diagnostics: &mut skill.diagnostics,
    };
    let fields = Fields::read(&mut reader, entries);
    skill.keys = fields.keys();
    if let Some(field) = fields.get("allowed-tools") {
        skill.allowed_tools = split_entries_of(&mut reader, field, "allowed-tools");
    }
    let disallowed = ["disallowed-tools", "disallowedTools"]
        .into_iter()
        .find_map(|key| Some((key, fields.get(key)?)));
    if let Some((key, field)) = disallowed {
        skill.disallowed_tools = split_entries_of(&mut reader, field, key);
    }
    skill.model = fields
        .get("model")
        .and_then(|field| read_model(&mut reader, field));
    skill.effort = fields
        .get("effort")
        .and_then(|field| read_effort(&mut reader, field));
    skill.extra = read_other_keys(&mut reader, &fields, kind);
    skill.name = read_name(&mut reader, fields.get("name"), &skill.folder);
    if let Some(description) = fields
        .get("description")
        .and_then(|field| read_text_description(&mut reader, "description", field))
    {
        (skill.description, skill.description_span) = (description.value, description.span);
    }
    skill.when_to_use = fields.get("when_to_use").and_then(text_of);
    skill.fork = fields
        .get("context")
        .is_some_and(|field| read_context(&mut reader, field));
    skill.agent = fields.get("agent").and_then(|field| {
        Some(Spanned {
            value: text_of(field)?,
            span: field.span.clone(),
        })
    });
    let disable = read_flag(&mut reader, &fields, "disable-model-invocation");
    skill.disable_model_invocation = disable == Some(true);
    // Absent: true; a value that is neither true- nor false-like: false (Claude Code's reading).
    skill.user_invocable = fields.get("user-invocable").is_none()
        || read_flag(&mut reader, &fields, "user-invocable") == Some(true);
    skill.background = read_flag(&mut reader, &fields, "background");
    skill.argument_hint = fields.get("argument-hint").and_then(text_of);
    if let Some(field) = fields.get("arguments") {
        skill.arguments = argument_names(&field.node);
    }
    if let Some(field) = fields.get("paths") {
        skill.paths = read_paths(&mut reader, field);
    }
    skill.shell = fields
        .get("shell")
        .and_then(|field| read_shell(&mut reader, field));
    skill.version = fields.get("version").and_then(text_of);
    let hooks = read_hooks_field(&mut reader, &fields);
    skill.hooks = hooks.kept.filter(fits);
    if hooks.unloadable {
        skill.allowed_tools.clear();
    }
    report_deep_values(&mut reader, &fields);
    skill.extra.retain(|(_, node)| fits(node));
}

/// `ignored-value` for `key` in a command file, which Claude Code ignores (`why`).
pub(crate) fn ignored_in_command(
    reader: &Reader,
    key: &str,
    field: &Field,
    why: &str,
    help: &str,
) -> Diagnostic {
    Diagnostic::new(
        Code::IgnoredValue,
        reader.path(),
        format!("`{key}` in a command file"),
    )
    .at(field.key_span.clone())
    .label("Claude Code ignores this key")
    .note(why.to_owned())
    .help(help.to_owned())
}

/// The keys that are not settings of the skill schema: reported when they look like one or like a
/// misplaced hook; returned (with `metadata`) as the skill's extra values, in file order.
fn read_other_keys(reader: &mut Reader, fields: &Fields, kind: SkillKind) -> Vec<(String, Node)> {
    let noun = kind.noun();
    let mut extra = Vec::new();
    for (key, field) in fields.iter() {
        if SKILL_KEYS.contains(&key) {
            if key == "metadata" {
                extra.push((key.to_owned(), field.node.clone()));
            }
            continue;
        }
        if !INTERNAL_KEYS.contains(&key)
            && let Some(known) = skill_key_hint(key)
        {
            reader.push(
                Diagnostic::new(
                    Code::MisspelledKey,
                    reader.path(),
                    format!("unknown {noun} key `{key}`; Claude Code reads `{known}`"),
                )
                .at(field.key_span.clone())
                .label("Claude Code ignores this key")
                .note(format!("{noun} keys are written as Claude Code's skill schema spells them (`allowed-tools`, `disable-model-invocation`, `when_to_use`)"))
                .help(format!("rename the key to `{known}`")),
            );
        }
        if hooks::HOOK_EVENTS.contains(&key) && !hooks::GUARD_EVENTS.contains(&key) {
            let diagnostic = misplaced_hook(reader, key, field);
            reader.push(diagnostic);
        }
        extra.push((key.to_owned(), field.node.clone()));
    }
    extra
}

/// `name`: a skill's (or plugin command's) own name; a project command's is ignored.
fn read_name(reader: &mut Reader, field: Option<&Field>, folder: &str) -> Option<Spanned<String>> {
    let Some(field) = field.filter(|_| reader.dialect == Dialect::Skill(SkillKind::ProjectCommand))
    else {
        return read_given_name(reader, field, folder);
    };
    let diagnostic = ignored_in_command(
        reader,
        "name",
        field,
        &format!("Claude Code names a project's command after its path: this one is `{folder}`"),
        "remove `name`, or rename the file",
    );
    reader.push(diagnostic);
    None
}

/// `String(value)` for a value Claude Code reads as text (`null` reads as not set).
fn text_of(field: &Field) -> Option<String> {
    match &field.node.value {
        Value::Null => None,
        _ => Some(js_string(&field.node)),
    }
}

/// `context`: whether it is `fork` (the skill runs in a subagent of its own).
fn read_context(reader: &mut Reader, field: &Field) -> bool {
    match field.node.as_str() {
        Some("fork") => true,
        Some("inline") => false,
        _ if matches!(field.node.value, Value::Null) => false,
        _ => {
            let diagnostic = invalid_value(
                reader,
                "context",
                field,
                &describe(&field.node),
                "`context` is `fork` (the skill runs in a subagent) or `inline` (the default)",
            );
            reader.push(diagnostic);
            false
        }
    }
}

/// A flag (`disable-model-invocation`, `user-invocable`, `background`) when given as one.
fn read_flag(reader: &mut Reader, fields: &Fields, key: &str) -> Option<bool> {
    let field = fields.get(key)?;
    if matches!(field.node.value, Value::Null) {
        return None;
    }
    let value = flag(&field.node);
    if value.is_none() {
        let diagnostic = invalid_value(
            reader,
            key,
            field,
            &describe(&field.node),
            &format!("`{key}` is `true` or `false`"),
        );
        reader.push(diagnostic);
    }
    value
}

/// `arguments`: the argument names (words; blank and all-digit ones left out).
fn argument_names(node: &Node) -> Vec<String> {
    let keep = |s: &&str| !js_trim(s).is_empty() && !s.bytes().all(|b| b.is_ascii_digit());
    match &node.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(Node::as_str)
            .filter(keep)
            .map(str::to_owned)
            .collect(),
        Value::Str(s) => s
            .split(char::is_whitespace)
            .filter(keep)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// `paths` of a skill; a command's are ignored.
fn read_paths(reader: &mut Reader, field: &Field) -> Vec<String> {
    if reader.dialect == Dialect::Skill(SkillKind::Skill) {
        return split_paths(&field.node);
    }
    let diagnostic = ignored_in_command(
        reader,
        "paths",
        field,
        "Claude Code offers a command everywhere: `paths` applies to skills only",
        "remove `paths`, or make the command a skill (`skills/<name>/SKILL.md`)",
    );
    reader.push(diagnostic);
    Vec::new()
}

/// `shell` when valid: `bash` or `powershell`, in lower case.
fn read_shell(reader: &mut Reader, field: &Field) -> Option<String> {
    let shell = js_trim(&text_of(field)?).to_lowercase();
    if shell == "bash" || shell == "powershell" {
        return Some(shell);
    }
    if !shell.is_empty() {
        let diagnostic = invalid_value(
            reader,
            "shell",
            field,
            &describe(&field.node),
            "`shell` is `bash` or `powershell`",
        )
        .note("Claude Code runs the skill's `!` commands with bash instead");
        reader.push(diagnostic);
    }
    None
}

/// `paths`: strings (or lists of them) split at commas outside `{…}`, trimmed, empty ones left out.
fn split_paths(node: &Node) -> Vec<String> {
    match &node.value {
        Value::Seq(items) => items.iter().flat_map(split_paths).collect(),
        Value::Str(s) => {
            let mut out = Vec::new();
            let mut current = String::new();
            let mut depth = 0i32;
            for c in s.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        current.push(c);
                    }
                    '}' => {
                        depth -= 1;
                        current.push(c);
                    }
                    ',' if depth == 0 => {
                        let entry = js_trim(&current);
                        if !entry.is_empty() {
                            out.push(entry.to_owned());
                        }
                        current.clear();
                    }
                    c => current.push(c),
                }
            }
            let entry = js_trim(&current);
            if !entry.is_empty() {
                out.push(entry.to_owned());
            }
            out
        }
        _ => Vec::new(),
    }
}
