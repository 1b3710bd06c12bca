//! The optional fields (`color`, `permissionMode`, `effort`, `maxTurns`, `memory`, …): kept as
//! Claude Code keeps them, every value it drops reported.

use super::fields::{describe, flag, folded_key};
use super::number::{js_string, parse_int, read_count};
use super::{COLORS, Dialect, Effort, Field, PERMISSION_MODES, Reader, Spanned};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::js_trim;
use crate::yaml::{self, Node, Value};

/// A value Claude Code drops: `invalid `key`: <value>`, and what `key` takes.
fn dropped(reader: &Reader, code: Code, key: &str, field: &Field, expected: &str) -> Diagnostic {
    Diagnostic::new(
        code,
        reader.path(),
        format!("invalid `{key}`: {}", describe(&field.node)),
    )
    .at(field.span.clone())
    .note("Claude Code drops this value silently")
    .help(format!("`{key}` takes {expected}"))
}

/// `invalid-field` for a value of `key` Claude Code drops.
fn invalid(reader: &Reader, key: &str, field: &Field, expected: &str) -> Diagnostic {
    dropped(reader, Code::InvalidField, key, field, expected)
}

/// A number Claude Code reads from the start of the text only, as `read`.
fn coerced(reader: &Reader, key: &str, field: &Field, read: &str) -> Diagnostic {
    Diagnostic::new(
        Code::CoercedValue,
        reader.path(),
        format!("Claude Code reads `{key}: {}` as {read}", written(&field.node)),
    )
    .at(field.span.clone())
    .label(format!("read as {read}"))
    .note("Claude Code reads the leading number of the text (JavaScript `parseInt`) and ignores the rest")
    .help(format!("write `{key}: {read}`"))
}

/// Whether a value reads as not set, as an absent key does: empty.
fn is_unset(node: &Node) -> bool {
    matches!(&node.value, Value::Null) || node.as_str() == Some("")
}

/// `color` as written, when given (Claude Code keeps only its eight colours for a project's
/// agent; a plugin agent keeps any, which its interface does not draw).
pub(super) fn read_color(reader: &mut Reader, field: &Field) -> Option<Spanned<String>> {
    if matches!(field.node.value, Value::Null) {
        return None;
    }
    let written = match &field.node.value {
        Value::Str(s) => s.clone(),
        _ => field.node.key_text(),
    };
    if !COLORS.contains(&written.as_str()) {
        let lower = written.to_ascii_lowercase();
        let help = match COLORS.iter().find(|c| **c == lower) {
            Some(c) => format!("did you mean `{c}`? (colours are lower case)"),
            None => format!("use one of {}", COLORS.join(", ")),
        };
        let (code, note) = match reader.dialect {
            Dialect::Plugin { .. } => (
                Code::IgnoredValue,
                "Claude Code keeps this value for a plugin agent, but its interface draws only its eight colours",
            ),
            _ => (Code::InvalidColor, "Claude Code drops this value silently"),
        };
        let diagnostic =
            Diagnostic::new(code, reader.path(), format!("unknown colour `{written}`"))
                .at(field.span.clone())
                .label("not one of Claude Code's eight colours")
                .note(note)
                .help(help);
        reader.push(diagnostic);
    }
    Some(Spanned {
        value: written,
        span: field.span.clone(),
    })
}

/// `permissionMode` as written, when a string.
pub(super) fn read_permission_mode(reader: &mut Reader, field: &Field) -> Option<Spanned<String>> {
    let node = &field.node;
    let known = node
        .as_str()
        .is_some_and(|m| m == "manual" || PERMISSION_MODES.contains(&m));
    if !known && !is_unset(node) {
        let mut diag = dropped(
            reader,
            Code::InvalidPermissionMode,
            "permissionMode",
            field,
            "one of acceptEdits, auto, bypassPermissions, default (or its other name manual), dontAsk, plan",
        );
        if let Some(mode) = node.as_str().and_then(|m| {
            PERMISSION_MODES
                .iter()
                .chain(&["manual"])
                .find(|known| known.eq_ignore_ascii_case(js_trim(m)))
        }) {
            diag = diag.help(format!(
                "did you mean `{mode}`? (modes are written exactly so)"
            ));
        }
        reader.push(diag);
    }
    node.as_str().map(|mode| Spanned {
        value: mode.to_owned(),
        span: field.span.clone(),
    })
}

/// `effort` when valid: a level or an integer.
pub(super) fn read_effort(reader: &mut Reader, field: &Field) -> Option<Effort> {
    let diagnostic = match effort_reading(&field.node) {
        EffortReading::NotSet => return None,
        EffortReading::Kept(effort, whole) => {
            if !whole && let Effort::Integer(n) = effort {
                let diagnostic = coerced(reader, "effort", field, &n.to_string());
                reader.push(diagnostic);
            }
            return Some(effort);
        }
        EffortReading::OutOfRange(value) => Diagnostic::new(
            Code::InvalidField,
            reader.path(),
            format!("`effort` of {value} is beyond what agentgen holds (a 64-bit integer)"),
        )
        .at(field.span.clone())
        .note("Claude Code keeps the number; agentgen cannot generate it")
        .help("use a level: low, medium, high, xhigh or max"),
        EffortReading::Dropped => invalid(
            reader,
            "effort",
            field,
            "low, medium, high, xhigh, max (any letter case; `med` = medium) or an integer",
        ),
    };
    reader.push(diagnostic);
    None
}

/// `maxTurns` when valid: a positive integer.
pub(super) fn read_max_turns(reader: &mut Reader, field: &Field) -> Option<u64> {
    let node = &field.node;
    if is_unset(node) {
        return None;
    }
    let diagnostic = match read_positive_count(node) {
        Count::NotSet => return None,
        Count::Kept(turns, whole) => {
            if !whole {
                let diagnostic = coerced(reader, "maxTurns", field, &turns.to_string());
                reader.push(diagnostic);
            }
            return Some(turns);
        }
        Count::TooLarge => Diagnostic::new(
            Code::InvalidField,
            reader.path(),
            format!(
                "`maxTurns` of {} is beyond what agentgen holds (a 64-bit integer)",
                written(node)
            ),
        )
        .at(field.span.clone())
        .note("Claude Code keeps the number, which no agent reaches")
        .help("remove `maxTurns` to leave the turns unlimited, or give a smaller number"),
        Count::Dropped => invalid(
            reader,
            "maxTurns",
            field,
            "a positive integer (`25`, `\"1,000\"` or `1e3` also work)",
        ),
    };
    reader.push(diagnostic);
    None
}

/// `autoCompactWindow` when valid: an integer of at least 100,000 (tokens).
pub(super) fn read_auto_compact_window(reader: &mut Reader, field: &Field) -> Option<u64> {
    if is_unset(&field.node) {
        return None;
    }
    match read_positive_count(&field.node) {
        Count::NotSet => None,
        Count::Kept(window, whole) if (100_000..=MAX_SAFE_INTEGER).contains(&window) => {
            if !whole {
                let diagnostic = coerced(reader, "autoCompactWindow", field, &window.to_string());
                reader.push(diagnostic);
            }
            Some(window)
        }
        _ => {
            let diagnostic = invalid(
                reader,
                "autoCompactWindow",
                field,
                "an integer of at least 100000 (tokens)",
            )
            .note("Claude Code writes a warning to its debug log only");
            reader.push(diagnostic);
            None
        }
    }
}

/// A string value Claude Code keeps when it is one of `allowed`; reports any other value but an
/// empty one.
fn read_one_of(reader: &mut Reader, key: &str, field: &Field, allowed: &[&str]) -> Option<String> {
    match field.node.as_str() {
        Some(value) if allowed.contains(&value) => Some(value.to_owned()),
        _ if is_unset(&field.node) => None,
        _ => {
            let diagnostic = invalid(
                reader,
                key,
                field,
                &format!("one of {}", allowed.join(", ")),
            );
            reader.push(diagnostic);
            None
        }
    }
}

/// `memory` when valid: `user`, `project` or `local`.
pub(super) fn read_memory(reader: &mut Reader, field: &Field) -> Option<String> {
    read_one_of(reader, "memory", field, &["user", "project", "local"])
}

/// `isolation` when valid: `worktree` or `remote` (a plugin agent: `worktree` only).
pub(super) fn read_isolation(reader: &mut Reader, field: &Field) -> Option<String> {
    let isolation = read_one_of(reader, "isolation", field, &["worktree", "remote"]);
    if !matches!(reader.dialect, Dialect::Plugin { .. }) || isolation.as_deref() != Some("remote") {
        return isolation;
    }
    reader.push(
        Diagnostic::new(
            Code::InvalidField,
            reader.path(),
            "invalid `isolation`: `remote` in a plugin agent",
        )
        .at(field.key_span.clone())
        .note("Claude Code reads only `isolation: worktree` for plugin agents and drops this value silently")
        .help("remove it, or define the agent in a project's `.claude/agents/`"),
    );
    None
}

/// `background` when valid: `true` or `false`.
pub(super) fn read_background(reader: &mut Reader, field: &Field) -> Option<bool> {
    match (&field.node.value, field.node.as_str()) {
        (Value::Bool(b), _) => Some(*b),
        (_, Some("true")) => Some(true),
        (_, Some("false")) => Some(false),
        _ if is_unset(&field.node) => None,
        _ => {
            let diagnostic = invalid(reader, "background", field, "true or false");
            reader.push(diagnostic);
            None
        }
    }
}

/// A string value Claude Code keeps when it is not blank (`initialPrompt`, `observerMessage`).
fn read_text(reader: &mut Reader, key: &str, field: &Field) -> Option<String> {
    match field.node.as_str() {
        Some(text) if !js_trim(text).is_empty() => Some(text.to_owned()),
        _ if is_unset(&field.node) => None,
        _ => {
            let diagnostic = invalid(reader, key, field, "a non-blank string");
            reader.push(diagnostic);
            None
        }
    }
}

/// `initialPrompt` when valid: a non-blank string.
pub(super) fn read_initial_prompt(reader: &mut Reader, field: &Field) -> Option<String> {
    read_text(reader, "initialPrompt", field)
}

/// `observerMessage` when valid: a non-blank string.
pub(super) fn read_observer_message(reader: &mut Reader, field: &Field) -> Option<String> {
    read_text(reader, "observerMessage", field)
}

/// `observer`, trimmed, when not blank: a comma-separated list of agent names.
pub(super) fn read_observer(reader: &mut Reader, field: &Field) -> Option<Spanned<String>> {
    match field.node.as_str().map(js_trim) {
        Some(names) if !names.is_empty() => Some(Spanned {
            value: names.to_owned(),
            span: field.span.clone(),
        }),
        _ if is_unset(&field.node) => None,
        _ => {
            let diagnostic = invalid(reader, "observer", field, "a non-blank string");
            reader.push(diagnostic);
            None
        }
    }
}

/// `mcpServers` items when valid: server names and non-empty `{name: config}` mappings.
pub(super) fn read_mcp_servers(reader: &mut Reader, field: &Field) -> Vec<Node> {
    let items = match &field.node.value {
        Value::Seq(items) => items,
        Value::Null => return Vec::new(),
        _ => {
            let diagnostic = invalid(
                reader,
                "mcpServers",
                field,
                "a list of server names or `{name: config}` mappings",
            );
            reader.push(diagnostic);
            return Vec::new();
        }
    };
    let mut servers = Vec::new();
    for item in items {
        let valid =
            item.as_str().is_some() || matches!(&item.value, Value::Map(e) if !e.is_empty());
        if valid {
            servers.push(item.clone());
            continue;
        }
        reader.push(
            Diagnostic::new(
                Code::InvalidField,
                reader.path(),
                format!("invalid `mcpServers` item: {}", describe(item)),
            )
            .at(reader.yaml_span(item.span.clone()))
            .note("Claude Code drops this item (a line in its debug log only)")
            .help("write a server name, or `{name: config}`"),
        );
    }
    servers
}

/// `omitClaudeMd`: `Some(true)` when given as `true`, the only value Claude Code reads.
pub(super) fn read_omit_claude_md(reader: &mut Reader, field: &Field) -> Option<bool> {
    let diagnostic = match (&field.node.value, field.node.as_str()) {
        (Value::Bool(true), _) | (_, Some("true")) => return Some(true),
        _ if is_unset(&field.node) => return None,
        (Value::Bool(false), _) | (_, Some("false")) => {
            invalid(reader, "omitClaudeMd", field, "`true` only").help(
                "remove the key: Claude Code reads only `true`, and loads CLAUDE.md by default",
            )
        }
        _ => invalid(reader, "omitClaudeMd", field, "`true` only"),
    };
    reader.push(diagnostic);
    None
}

/// `observeSubagents`: `Some(false)` when given as `false`, the only value Claude Code reads.
pub(super) fn read_observe_subagents(reader: &mut Reader, field: &Field) -> Option<bool> {
    match (&field.node.value, field.node.as_str()) {
        (Value::Bool(false), _) | (_, Some("false")) => Some(false),
        // `true` is what Claude Code does anyway.
        (Value::Bool(true), _) | (_, Some("true")) => None,
        _ if is_unset(&field.node) => None,
        _ => {
            let diagnostic = invalid(reader, "observeSubagents", field, "`false` only")
                .note("Claude Code reads only `false`: with this value, subagents stay observed");
            reader.push(diagnostic);
            None
        }
    }
}

/// `observeToolResults`: `Some(false)` when the value is not true-like (`true`, `1`, `yes`, `on`).
pub(super) fn read_observe_tool_results(reader: &mut Reader, field: &Field) -> Option<bool> {
    let node = &field.node;
    let plain = matches!(node.value, Value::Bool(_))
        || node.as_str().is_some_and(|s| {
            matches!(
                js_trim(s).to_lowercase().as_str(),
                "true" | "false" | "yes" | "no" | "on" | "off" | "1" | "0"
            )
        })
        || matches!(node.value, Value::Int(0 | 1));
    if !plain {
        reader.push(
            Diagnostic::new(
                Code::CoercedValue,
                reader.path(),
                format!(
                    "Claude Code reads `observeToolResults: {}` as false",
                    written(node)
                ),
            )
            .at(field.span.clone())
            .label("read as false")
            .note("any value but `true`, `1`, `yes` or `on` turns the observation of tool results off")
            .help("write `observeToolResults: false` (or `true`)"),
        );
    }
    (flag(node) != Some(true)).then_some(false)
}

/// `Number.MAX_SAFE_INTEGER`: the largest `autoCompactWindow` Claude Code keeps.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// What Claude Code makes of a count (`maxTurns`, `autoCompactWindow`).
enum Count {
    /// `null`: not set (Claude Code writes a debug line, nothing else).
    NotSet,
    /// A positive integer, and whether the whole value was read.
    Kept(u64, bool),
    /// A positive integer beyond `u64`.
    TooLarge,
    /// Not a positive integer: dropped.
    Dropped,
}

fn read_positive_count(node: &Node) -> Count {
    let Some(number) = read_count(node) else {
        return Count::NotSet;
    };
    match number.integer() {
        Some(n) if n > 0.0 && n < 18_446_744_073_709_551_616.0 => {
            Count::Kept(n as u64, number.whole)
        }
        Some(n) if n > 0.0 => Count::TooLarge,
        _ => Count::Dropped,
    }
}

/// What Claude Code makes of `effort`.
enum EffortReading {
    /// `null` or `""`: not set.
    NotSet,
    /// A level or an integer, and whether the whole value was read.
    Kept(Effort, bool),
    /// An integer beyond `i64`.
    OutOfRange(String),
    /// Dropped.
    Dropped,
}

/// Claude Code 2.1.332's `effort`: an integer number as it is; otherwise the text in lower case
/// (not trimmed), `med` read as `medium`, one of the levels; otherwise `parseInt` of the text.
fn effort_reading(node: &Node) -> EffortReading {
    let integer = |value: f64, whole: bool| {
        if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&value) {
            EffortReading::Kept(Effort::Integer(value as i64), whole)
        } else {
            EffortReading::OutOfRange(yaml::js_number_text(value))
        }
    };
    match &node.value {
        Value::Null => return EffortReading::NotSet,
        Value::Str(s) if s.is_empty() => return EffortReading::NotSet,
        Value::Int(i) => return EffortReading::Kept(Effort::Integer(*i), true),
        Value::Float(f) if f.is_finite() && f.fract() == 0.0 => return integer(*f, true),
        _ => {}
    }
    let text = js_string(node).to_lowercase();
    let level = if text == "med" {
        "medium"
    } else {
        text.as_str()
    };
    if let Some(level) = Effort::LEVELS.iter().find(|l| **l == level) {
        return EffortReading::Kept(Effort::Level(level), true);
    }
    let number = parse_int(&text);
    match number.integer() {
        Some(value) => integer(value, number.whole && matches!(node.value, Value::Str(_))),
        None => EffortReading::Dropped,
    }
}

/// `experimental`: a mapping; its first key that reads `cachettl` once `-` and `_` are removed
/// and case is ignored gives the cache TTL, `5m` or `1h` exactly.
pub(super) fn read_experimental(reader: &mut Reader, field: &Field) -> Option<String> {
    let Value::Map(entries) = &field.node.value else {
        if !matches!(field.node.value, Value::Null) {
            reader.push(
                Diagnostic::new(
                    Code::IgnoredValue,
                    reader.path(),
                    format!("invalid `experimental`: {}", describe(&field.node)),
                )
                .at(field.span.clone())
                .note("Claude Code reads `experimental` only as a mapping and ignores this value")
                .help("write `experimental:` and, indented under it, `cacheTtl: 1h`"),
            );
        }
        return None;
    };
    // A repeated key keeps its first place and its last value, as in a JavaScript object.
    let mut cache_ttl: Option<(String, &Node)> = None;
    for (key, value) in entries {
        let key_text = key.key_text();
        if folded_key(&key_text) != "cachettl" {
            continue;
        }
        match &cache_ttl {
            Some((first, _)) if *first != key_text => {}
            _ => cache_ttl = Some((key_text, value)),
        }
    }
    let (key, value) = cache_ttl?;
    if let Some(ttl @ ("5m" | "1h")) = value.as_str() {
        return Some(ttl.to_owned());
    }
    reader.push(
        Diagnostic::new(
            Code::InvalidField,
            reader.path(),
            format!("invalid `experimental.{key}`: {}", describe(value)),
        )
        .at(reader.yaml_span(value.span.clone()))
        .note("Claude Code drops this value silently")
        .help("the cache TTL is `5m` or `1h`, written exactly so"),
    );
    None
}

/// The value as written, for messages: a string as is, other values as YAML shows them.
fn written(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => format!("\"{s}\""),
        Value::Seq(_) | Value::Map(_) => format!("[{}]", js_string(node)),
        _ => js_string(node),
    }
}
