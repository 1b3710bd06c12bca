//! The optional fields (`color`, `permissionMode`, `effort`, `maxTurns`, `memory`, …): kept as
//! Claude Code keeps them, every value it drops reported.

use super::{AgentFile, COLORS, Field, PERMISSION_MODES, Spanned};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::js_trim;
use crate::yaml::{self, Node, Value};

pub(super) fn read_color(file: &mut AgentFile, field: Option<Field>, path: &str) {
    let Some(field) = field else { return };
    if matches!(field.node.value, Value::Null) {
        return;
    }
    let written = match &field.node.value {
        Value::Str(s) => s.clone(),
        _ => field.node.key_text(),
    };
    file.color_written = Some(Spanned {
        value: written.clone(),
        span: field.span.clone(),
    });
    if !COLORS.contains(&written.as_str()) {
        let lower = written.to_ascii_lowercase();
        let help = match COLORS.iter().find(|c| **c == lower) {
            Some(c) => format!("did you mean `{c}`? (colours are lower case)"),
            None => format!("use one of {}", COLORS.join(", ")),
        };
        file.diag(
            Diagnostic::new(
                Code::InvalidColor,
                path,
                format!("unknown colour `{written}`"),
            )
            .at(field.span.clone())
            .label("not one of Claude Code's eight colours")
            .note("Claude Code drops this value silently")
            .help(help),
        );
    }
}

pub(super) fn read_optional(file: &mut AgentFile, fields: &[(String, Field)], path: &str) {
    for (key, field) in fields {
        let node = &field.node;
        let invalid = |expected: &str| {
            Diagnostic::new(
                if key == "permissionMode" {
                    Code::InvalidPermissionMode
                } else {
                    Code::InvalidField
                },
                path,
                format!("invalid `{key}`: {}", describe(node)),
            )
            .at(field.span.clone())
            .note("Claude Code drops this value silently")
            .help(format!("`{key}` takes {expected}"))
        };
        match key.as_str() {
            "permissionMode" => {
                if let Some(mode) = node.as_str() {
                    file.permission_mode = Some(Spanned {
                        value: mode.to_owned(),
                        span: field.span.clone(),
                    });
                }
                if !node.as_str().is_some_and(|m| PERMISSION_MODES.contains(&m)) {
                    file.diag(invalid(
                        "one of acceptEdits, auto, bypassPermissions, default, dontAsk, plan",
                    ));
                }
            }
            "effort" => {
                let level = node.as_str().map(str::to_ascii_lowercase);
                match level.as_deref() {
                    Some("med") => file.effort = Some("medium".into()),
                    Some(l @ ("low" | "medium" | "high" | "xhigh" | "max")) => {
                        file.effort = Some(l.into())
                    }
                    _ => match &node.value {
                        Value::Int(i) if *i > 0 => file.effort = Some(i.to_string()),
                        _ => file.diag(invalid(
                            "low, medium, high, xhigh, max, or a positive integer",
                        )),
                    },
                }
            }
            "maxTurns" => {
                let turns = match &node.value {
                    Value::Int(i) => u32::try_from(*i).ok(),
                    Value::Str(s) => js_trim(s).parse::<u32>().ok(),
                    _ => None,
                };
                match turns {
                    Some(t) if t > 0 => file.max_turns = Some(t),
                    _ => file.diag(invalid("a positive integer")),
                }
            }
            "memory" => match node.as_str() {
                Some(m @ ("user" | "project" | "local")) => file.memory = Some(m.into()),
                _ => file.diag(invalid("one of user, project, local")),
            },
            "isolation" => match node.as_str() {
                Some(m @ ("worktree" | "remote")) => file.isolation = Some(m.into()),
                _ => file.diag(invalid("one of worktree, remote")),
            },
            "background" => match (&node.value, node.as_str()) {
                (Value::Bool(b), _) => file.background = Some(*b),
                (_, Some("true")) => file.background = Some(true),
                (_, Some("false")) => file.background = Some(false),
                _ => file.diag(invalid("true or false")),
            },
            "initialPrompt" => match node.as_str() {
                Some(p) if !js_trim(p).is_empty() => file.initial_prompt = Some(p.to_owned()),
                _ => file.diag(invalid("a non-blank string")),
            },
            "mcpServers" => match &node.value {
                Value::Seq(items)
                    if items.iter().all(|i| {
                        i.as_str().is_some() || matches!(&i.value, Value::Map(e) if !e.is_empty())
                    }) =>
                {
                    file.mcp_servers = items.clone();
                }
                _ => file.diag(invalid(
                    "a list of server names or `{name: config}` mappings",
                )),
            },
            "hooks" => {
                if is_valid_hooks(node) {
                    file.hooks = Some(node.clone());
                } else {
                    file.diag(invalid("a mapping from hook event (e.g. PreToolUse) to a list of `{matcher, hooks: [{type: command, command}]}`"));
                }
            }
            _ => {}
        }
    }
}

fn describe(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => format!("`{s}`"),
        Value::Int(i) => format!("`{i}`"),
        Value::Float(f) => format!("`{}`", yaml::js_number_text(*f)),
        Value::Bool(b) => format!("`{b}`"),
        _ => node.type_name().to_owned(),
    }
}

fn is_valid_hooks(node: &Node) -> bool {
    let Value::Map(events) = &node.value else {
        return false;
    };
    events.iter().all(|(_, matchers)| match &matchers.value {
        Value::Seq(items) => items.iter().all(|m| match &m.value {
            Value::Map(entries) => entries.iter().any(|(k, v)| {
                k.as_str() == Some("hooks")
                    && matches!(&v.value, Value::Seq(hooks) if hooks.iter().all(|h| matches!(&h.value, Value::Map(_))))
            }),
            _ => false,
        }),
        _ => false,
    })
}
