//! `tools`, `disallowedTools` and `skills`: entries split as Claude Code splits them.

use super::{Field, MEMORY_TOOLS, Reader, Spanned, ToolsReading};
use crate::diagnostic::{Code, Diagnostic, Related};
use crate::source::js_trim;
use crate::yaml::{Node, Value};

/// `tools` as Claude Code reads it.
pub(super) fn read_tools(reader: &mut Reader, field: &Field) -> ToolsReading {
    let path = reader.path();
    let entries = match &field.node.value {
        Value::Str(_) | Value::Seq(_) => split_entries_of(reader, field, "tools"),
        Value::Null | Value::Bool(false) => Vec::new(),
        Value::Int(0) => Vec::new(),
        _ => {
            reader.push(
                Diagnostic::new(
                    Code::InvalidField,
                    path,
                    format!(
                        "`tools` must be a comma-separated string or a list, found {}",
                        field.node.type_name()
                    ),
                )
                .at(field.span.clone())
                .note("Claude Code gives this agent no tools at all")
                .help("write `tools: Read, Grep, Glob` or remove the key to inherit every tool"),
            );
            return ToolsReading::List(Vec::new());
        }
    };
    if entries.iter().any(|e| e.value == "*") {
        if entries.len() > 1 {
            reader.push(
                Diagnostic::new(
                    Code::RedundantTools,
                    path,
                    "`tools` lists `*` beside other tools",
                )
                .at(field.span.clone())
                .note("`*` makes the agent inherit every tool; the other entries mean nothing")
                .help("keep only `*` (or remove `tools`), or list the tools without `*`"),
            );
        }
        return ToolsReading::InheritAll;
    }
    if entries.is_empty() {
        reader.push(
            Diagnostic::new(Code::NoTools, path, "`tools` is present but lists no tool")
                .at(field.key_span.clone())
                .note("Claude Code gives this agent no tools at all (absent `tools` would inherit all)")
                .help("list the tools the agent needs, or remove the key to inherit every tool"),
        );
    }
    ToolsReading::List(entries)
}

/// Splits a string or list field into entries as Claude Code splits `tools`: a comma or a
/// space ends an entry unless inside parentheses (not nested); entries trimmed, empty ones dropped.
/// `disallowedTools` entries: none when an entry is `*` (Claude Code then ignores the field).
pub(super) fn read_disallowed_tools(reader: &mut Reader, field: &Field) -> Vec<Spanned<String>> {
    let entries = split_entries_of(reader, field, "disallowedTools");
    if !entries.iter().any(|e| e.value == "*") {
        return entries;
    }
    reader.push(
        Diagnostic::new(Code::InvalidField, reader.path(), "`disallowedTools` contains `*`")
            .at(field.span.clone())
            .note("Claude Code ignores the whole `disallowedTools` field when an entry is `*`")
            .help("list the tools to deny by name, or give the agent `tools:` with no entries to deny all"),
    );
    Vec::new()
}

pub(super) fn split_entries_of(
    reader: &mut Reader,
    field: &Field,
    key: &str,
) -> Vec<Spanned<String>> {
    let mut out = Vec::new();
    let yaml_offset = reader.yaml_offset;
    let push_string = |reader: &Reader, node: &Node, out: &mut Vec<Spanned<String>>| {
        let Some(text) = node.as_str() else { return };
        let raw_start = yaml_offset + node.span.start;
        let raw_end = (yaml_offset + node.span.end).max(raw_start);
        let raw = reader.source.text.get(raw_start..raw_end).unwrap_or("");
        let mut cursor = 0;
        for entry in split_entries(text) {
            let span = match raw[cursor.min(raw.len())..].find(entry.as_str()) {
                Some(i) => {
                    let start = raw_start + cursor + i;
                    cursor += i + entry.len();
                    reader.file_span(start..start + entry.len())
                }
                None => reader.file_span(raw_start..raw_end),
            };
            out.push(Spanned { value: entry, span });
        }
    };
    match &field.node.value {
        Value::Str(_) => push_string(reader, &field.node, &mut out),
        Value::Seq(items) => {
            for item in items {
                if item.as_str().is_some() {
                    push_string(reader, item, &mut out);
                } else {
                    let span = reader.yaml_span(item.span.clone());
                    reader.push(
                        Diagnostic::new(
                            Code::IgnoredValue,
                            reader.path(),
                            format!("`{key}` item is {}, not a string", item.type_name()),
                        )
                        .at(span)
                        .note("Claude Code drops this item silently")
                        .help("write the item as a string"),
                    );
                }
            }
        }
        Value::Null => {}
        _ if key != "tools" => {
            reader.push(
                Diagnostic::new(
                    Code::InvalidField,
                    reader.path(),
                    format!(
                        "`{key}` must be a comma-separated string or a list, found {}",
                        field.node.type_name()
                    ),
                )
                .at(field.span.clone())
                .note("Claude Code ignores this value")
                .help(format!("write `{key}: a, b` or a YAML list")),
            );
        }
        _ => {}
    }
    out
}

/// Claude Code's entry splitting, on one string.
pub(crate) fn split_entries(text: &str) -> Vec<String> {
    let mut entries = Vec::new();
    let mut current = String::new();
    let mut in_parens = false;
    for c in text.chars() {
        match c {
            '(' if !in_parens => {
                in_parens = true;
                current.push(c);
            }
            ')' if in_parens => {
                in_parens = false;
                current.push(c);
            }
            ',' | ' ' if !in_parens => {
                let entry = js_trim(&current);
                if !entry.is_empty() {
                    entries.push(entry.to_owned());
                }
                current.clear();
            }
            c => current.push(c),
        }
    }
    let entry = js_trim(&current);
    if !entry.is_empty() {
        entries.push(entry.to_owned());
    }
    entries
}

/// Claude Code's memory widening: when `memory` is set (to a valid scope) and the agent has a
/// `tools` list, even an empty one, it appends whichever of `Write`, `Edit`, `Read` the list
/// lacks (compared as whole entries: `Write(src/**)` does not count), so that the agent can keep
/// its memory files. `disallowedTools` still applies when the agent runs. Reported as a
/// `memory-widens-tools` warning.
/// `scope` is the value of `memory` (its `field`), `tools` and `tools_field` the agent's; returns
/// the tools Claude Code adds.
pub(super) fn widen_tools_for_memory(
    reader: &mut Reader,
    (scope, memory): (&str, &Field),
    tools: &ToolsReading,
    tools_field: Option<&Field>,
) -> Vec<&'static str> {
    let ToolsReading::List(entries) = tools else {
        return Vec::new();
    };
    let path = reader.path();
    let added: Vec<&'static str> = MEMORY_TOOLS
        .iter()
        .copied()
        .filter(|tool| !entries.iter().any(|e| e.value == *tool))
        .collect();
    if added.is_empty() {
        return added;
    }
    let listed = |tools: &[&str]| {
        tools
            .iter()
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let writes = added.iter().any(|t| *t == "Write" || *t == "Edit");
    let read_only = !entries
        .iter()
        .any(|e| ["Write", "Edit", "NotebookEdit", "Bash"].contains(&e.value.as_str()));
    let message = match (writes, read_only) {
        (true, true) => format!(
            "`memory: {scope}` lets this read-only agent write and edit files: Claude Code adds {} to its tools",
            listed(&added)
        ),
        _ => format!(
            "`memory: {scope}` adds {} to this agent's tools",
            listed(&added)
        ),
    };
    let mut all: Vec<&str> = entries.iter().map(|e| e.value.as_str()).collect();
    all.extend(added.iter().copied());
    let tools_span = tools_field.and_then(|f| f.span.clone());
    let diag = Diagnostic::new(Code::MemoryWidensTools, path, message)
        .at(memory.span.clone())
        .label("Claude Code appends `Write`, `Edit` and `Read` for the memory files")
        .related(Related {
            file: path.to_owned(),
            span: tools_span,
            message: format!("the tools as written; the agent runs with {}", all.join(", ")),
        })
        .note("Claude Code also appends about 13 KB of memory instructions to the agent's system prompt")
        .help(format!(
            "drop `memory`, or list the tools on purpose: `tools: {}`",
            all.join(", ")
        ));
    reader.push(diag);
    added
}
