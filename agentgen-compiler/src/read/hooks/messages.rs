//! Messages: values described as Claude Code's log lines describe them.

use super::*;

/// `S`: how Claude Code's hook checks describe a value: `null`, `an array`, `a string`, ….
pub(super) fn described(value: JsValue<'_>) -> String {
    match value.node.value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Int(_) | Value::Float(_) => "a number",
        Value::Str(_) => "a string",
        Value::Seq(_) => "an array",
        Value::Map(_) => "an object",
    }
    .to_owned()
}

/// `Oe`: how the schema's messages name the type of a value it received.
pub(super) fn received(node: &Node) -> String {
    match node.value {
        Value::Null => "null".to_owned(),
        Value::Bool(_) => "boolean".to_owned(),
        Value::Int(_) => "number".to_owned(),
        Value::Float(f) if f.is_finite() => "number".to_owned(),
        Value::Float(f) => js_number_text(f),
        Value::Str(_) => "string".to_owned(),
        Value::Seq(_) => "array".to_owned(),
        Value::Map(_) => "object".to_owned(),
    }
}

pub(super) fn invalid_type(expected: &str, node: &Node) -> String {
    format!(
        "Invalid input: expected {expected}, received {}",
        received(node)
    )
}

/// `W`: the issues of a failed check, as Claude Code logs them.
pub(super) fn describe_issues(issues: &[Issue<'_>]) -> String {
    issues
        .iter()
        .map(|issue| {
            if issue.path.is_empty() {
                issue.message.clone()
            } else {
                format!("{}: {}", issue.path.join("."), issue.message)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A written value in a message: a scalar as written, anything else by its type.
pub(super) fn shown(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => format!("\"{s}\""),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => js_number_text(*f),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_owned(),
        _ => described(JsValue { node, object: None }),
    }
}

/// `_h`, in part: how Claude Code shows a key or a type name in its log (line feeds and tabs
/// made visible).
pub(super) fn log_text(text: &str) -> String {
    text.replace('\n', "\u{2424}").replace('\t', "\u{2409}")
}
