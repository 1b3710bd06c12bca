//! `name` and `description`: what makes a file an agent.

use super::{AgentFile, Field, Spanned};
use crate::diagnostic::{Code, Diagnostic};
use crate::yaml::Value;

pub(super) fn read_name(file: &mut AgentFile, field: Option<Field>, path: &str) {
    let help = "add a line `name: my-agent` (lower-case letters, digits and hyphens)";
    let Some(field) = field else {
        let capital = file
            .keys
            .iter()
            .find(|k| k.value.eq_ignore_ascii_case("name"))
            .cloned();
        let mut diag = Diagnostic::new(Code::MissingName, path, "agent has no `name`")
            .note("Claude Code skips a file without a `name` silently: the agent does not exist")
            .help(help);
        if let Some(key) = capital {
            diag = diag
                .at(key.span)
                .label("keys are case-sensitive: this is not `name`");
        } else {
            diag = diag.at(file.span_of_bytes(0..3));
        }
        file.diag(diag);
        return;
    };
    match field.node.as_str() {
        Some(name) if !name.is_empty() => {
            if name.starts_with('-') {
                file.diag(
                    Diagnostic::new(
                        Code::InvalidName,
                        path,
                        format!("agent name `{name}` starts with `-`"),
                    )
                    .at(field.span.clone())
                    .note("Claude Code rejects names starting with `-` and does not load the agent")
                    .help(format!(
                        "rename it, e.g. `{}`",
                        name.trim_start_matches('-')
                    )),
                );
            }
            file.name = Some(Spanned {
                value: name.to_owned(),
                span: field.span.clone(),
            });
        }
        _ => {
            let what = if field.node.is_truthy() {
                "Claude Code rejects the file (\"Missing required name\")"
            } else {
                "Claude Code skips the file silently"
            };
            file.diag(
                Diagnostic::new(
                    Code::MissingName,
                    path,
                    format!("`name` must be a non-empty string, found {}", field.node.type_name()),
                )
                .at(field.span.clone())
                .note(what)
                .help("quote the name if it looks like a number: `name: \"123\"`, or choose a kebab-case name"),
            );
        }
    }
}

pub(super) fn read_description(file: &mut AgentFile, field: Option<Field>, path: &str) {
    let note =
        "Claude Code rejects the file (\"Missing required description\"): the agent does not exist";
    let Some(field) = field else {
        let at = file.name.as_ref().and_then(|n| n.span.clone());
        file.diag(
            Diagnostic::new(Code::MissingDescription, path, "agent has no `description`")
                .at(at)
                .note(note)
                .help("add `description: …` saying when Claude should use this agent"),
        );
        return;
    };
    match field.node.as_str() {
        Some(text) if !text.is_empty() => {
            file.description = Some(Spanned {
                value: text.replace("\\n", "\n"),
                span: field.span.clone(),
            });
        }
        _ => {
            let found = match &field.node.value {
                Value::Str(_) => "an empty string".to_owned(),
                _ => field.node.type_name().to_owned(),
            };
            file.diag(
                Diagnostic::new(
                    Code::MissingDescription,
                    path,
                    format!("`description` must be a non-empty string, found {found}"),
                )
                .at(field.span.clone())
                .note(note)
                .help("write the description as text; quote it (`\"…\"`) if YAML reads it as a number or list"),
            );
        }
    }
}
