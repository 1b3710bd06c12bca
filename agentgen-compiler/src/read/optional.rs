//! The optional fields (`color`, `permissionMode`, `effort`, `maxTurns`, `memory`, …): kept as
//! Claude Code keeps them, every value it drops reported.

use super::number::{js_string, parse_int, read_count};
use super::{AgentFile, COLORS, Effort, Field, PERMISSION_MODES, Spanned};
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

pub(super) fn read_optional(
    file: &mut AgentFile,
    fields: &[(String, Field)],
    _yaml_offset: usize,
    path: &str,
) {
    for (key, field) in fields {
        let node = &field.node;
        // An empty value reads as not set, as an absent key does.
        let is_null = matches!(&node.value, Value::Null) || node.as_str() == Some("");
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
        let coerced = |read: &str| {
            Diagnostic::new(
                Code::CoercedValue,
                path,
                format!("Claude Code reads `{key}: {}` as {read}", written(node)),
            )
            .at(field.span.clone())
            .label(format!("read as {read}"))
            .note("Claude Code reads the leading number of the text (JavaScript `parseInt`) and ignores the rest")
            .help(format!("write `{key}: {read}`"))
        };
        match key.as_str() {
            "maxTurns" | "autoCompactWindow" | "effort" if is_null => {}
            "permissionMode" => {
                if let Some(mode) = node.as_str() {
                    file.permission_mode = Some(Spanned {
                        value: mode.to_owned(),
                        span: field.span.clone(),
                    });
                }
                let known = node
                    .as_str()
                    .is_some_and(|m| m == "manual" || PERMISSION_MODES.contains(&m));
                if !known && !is_null {
                    let mut diag = invalid(
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
                    file.diag(diag);
                }
            }
            "effort" => match read_effort(node) {
                EffortReading::NotSet => {}
                EffortReading::Kept(effort, whole) => {
                    if !whole && let Effort::Integer(n) = effort {
                        file.diag(coerced(&n.to_string()));
                    }
                    file.effort = Some(effort);
                }
                EffortReading::OutOfRange(value) => file.diag(
                    Diagnostic::new(
                        Code::InvalidField,
                        path,
                        format!(
                            "`effort` of {value} is beyond what agentgen holds (a 64-bit integer)"
                        ),
                    )
                    .at(field.span.clone())
                    .note("Claude Code keeps the number; agentgen cannot generate it")
                    .help("use a level: low, medium, high, xhigh or max"),
                ),
                EffortReading::Dropped => file.diag(invalid(
                    "low, medium, high, xhigh, max (any letter case; `med` = medium) or an integer",
                )),
            },
            "maxTurns" => match read_positive_count(node) {
                Count::NotSet => {}
                Count::Kept(turns, whole) => {
                    if !whole {
                        file.diag(coerced(&turns.to_string()));
                    }
                    file.max_turns = Some(turns);
                }
                Count::TooLarge => file.diag(
                    Diagnostic::new(
                        Code::InvalidField,
                        path,
                        format!(
                            "`maxTurns` of {} is beyond what agentgen holds (a 64-bit integer)",
                            written(node)
                        ),
                    )
                    .at(field.span.clone())
                    .note("Claude Code keeps the number, which no agent reaches")
                    .help(
                        "remove `maxTurns` to leave the turns unlimited, or give a smaller number",
                    ),
                ),
                Count::Dropped => file.diag(invalid(
                    "a positive integer (`25`, `\"1,000\"` or `1e3` also work)",
                )),
            },
            "autoCompactWindow" => match read_positive_count(node) {
                Count::NotSet => {}
                Count::Kept(window, whole) if (100_000..=MAX_SAFE_INTEGER).contains(&window) => {
                    if !whole {
                        file.diag(coerced(&window.to_string()));
                    }
                    file.auto_compact_window = Some(window);
                }
                _ => file.diag(
                    invalid("an integer of at least 100000 (tokens)")
                        .note("Claude Code writes a warning to its debug log only"),
                ),
            },
            "memory" => match node.as_str() {
                Some(m @ ("user" | "project" | "local")) => file.memory = Some(m.into()),
                _ if is_null => {}
                _ => file.diag(invalid("one of user, project, local")),
            },
            "isolation" => match node.as_str() {
                Some(m @ ("worktree" | "remote")) => file.isolation = Some(m.into()),
                _ if is_null => {}
                _ => file.diag(invalid("one of worktree, remote")),
            },
            "background" => match (&node.value, node.as_str()) {
                (Value::Bool(b), _) => file.background = Some(*b),
                (_, Some("true")) => file.background = Some(true),
                (_, Some("false")) => file.background = Some(false),
                _ if is_null => {}
                _ => file.diag(invalid("true or false")),
            },
            "initialPrompt" => match node.as_str() {
                Some(p) if !js_trim(p).is_empty() => file.initial_prompt = Some(p.to_owned()),
                _ if is_null => {}
                _ => file.diag(invalid("a non-blank string")),
            },
            "mcpServers" => match &node.value {
                Value::Seq(items) => {
                    for item in items {
                        let valid = item.as_str().is_some()
                            || matches!(&item.value, Value::Map(e) if !e.is_empty());
                        if valid {
                            file.mcp_servers.push(item.clone());
                        } else {
                            file.diag(
                                Diagnostic::new(
                                    Code::InvalidField,
                                    path,
                                    format!("invalid `mcpServers` item: {}", describe(item)),
                                )
                                .at(file.span_of_yaml(_yaml_offset, item.span.clone()))
                                .note("Claude Code drops this item (a line in its debug log only)")
                                .help("write a server name, or `{name: config}`"),
                            );
                        }
                    }
                }
                Value::Null => {}
                _ => file.diag(invalid(
                    "a list of server names or `{name: config}` mappings",
                )),
            },
            "omitClaudeMd" => match (&node.value, node.as_str()) {
                (Value::Bool(true), _) | (_, Some("true")) => file.omit_claude_md = Some(true),
                _ if is_null => {}
                (Value::Bool(false), _) | (_, Some("false")) => file
                    .diag(invalid("`true` only").help(
                    "remove the key: Claude Code reads only `true`, and loads CLAUDE.md by default",
                )),
                _ => file.diag(invalid("`true` only")),
            },
            "observer" => match node.as_str().map(js_trim) {
                Some(names) if !names.is_empty() => {
                    file.observer = Some(Spanned {
                        value: names.to_owned(),
                        span: field.span.clone(),
                    })
                }
                _ if is_null => {}
                _ => file.diag(invalid("a non-blank string")),
            },
            "observerMessage" => match node.as_str() {
                Some(text) if !js_trim(text).is_empty() => {
                    file.observer_message = Some(text.to_owned())
                }
                _ if is_null => {}
                _ => file.diag(invalid("a non-blank string")),
            },
            "observeSubagents" => match (&node.value, node.as_str()) {
                (Value::Bool(false), _) | (_, Some("false")) => {
                    file.observe_subagents = Some(false)
                }
                // `true` is what Claude Code does anyway.
                (Value::Bool(true), _) | (_, Some("true")) => {}
                _ if is_null => {}
                _ => file.diag(invalid("`false` only").note(
                    "Claude Code reads only `false`: with this value, subagents stay observed",
                )),
            },
            "observeToolResults" => {
                let truthy = is_true_like(node);
                if !truthy {
                    file.observe_tool_results = Some(false);
                }
                let plain = matches!(node.value, Value::Bool(_))
                    || node.as_str().is_some_and(|s| {
                        matches!(
                            js_trim(s).to_lowercase().as_str(),
                            "true" | "false" | "yes" | "no" | "on" | "off" | "1" | "0"
                        )
                    })
                    || matches!(node.value, Value::Int(0 | 1));
                if !plain {
                    file.diag(
                        Diagnostic::new(
                            Code::CoercedValue,
                            path,
                            format!("Claude Code reads `observeToolResults: {}` as false", written(node)),
                        )
                        .at(field.span.clone())
                        .label("read as false")
                        .note("any value but `true`, `1`, `yes` or `on` turns the observation of tool results off")
                        .help("write `observeToolResults: false` (or `true`)"),
                    );
                }
            }
            "experimental" => read_experimental(file, field, _yaml_offset, path),
            _ => {}
        }
    }
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
fn read_effort(node: &Node) -> EffortReading {
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

/// JavaScript's reading of a flag as true: a boolean as it is; a string or number whose text, in
/// lower case and trimmed, is `1`, `true`, `yes` or `on`.
fn is_true_like(node: &Node) -> bool {
    match &node.value {
        Value::Bool(b) => *b,
        Value::Str(_) | Value::Int(_) | Value::Float(_) => matches!(
            js_trim(&js_string(node).to_lowercase()),
            "1" | "true" | "yes" | "on"
        ),
        _ => false,
    }
}

/// `experimental`: a mapping; its first key that reads `cachettl` once `-` and `_` are removed
/// and case is ignored gives the cache TTL, `5m` or `1h` exactly.
fn read_experimental(file: &mut AgentFile, field: &Field, yaml_offset: usize, path: &str) {
    let Value::Map(entries) = &field.node.value else {
        if !matches!(field.node.value, Value::Null) {
            file.diag(
                Diagnostic::new(
                    Code::IgnoredValue,
                    path,
                    format!("invalid `experimental`: {}", describe(&field.node)),
                )
                .at(field.span.clone())
                .note("Claude Code reads `experimental` only as a mapping and ignores this value")
                .help("write `experimental:` and, indented under it, `cacheTtl: 1h`"),
            );
        }
        return;
    };
    let normal = |k: &str| {
        k.chars()
            .filter(|c| *c != '-' && *c != '_')
            .collect::<String>()
            .to_lowercase()
    };
    // A repeated key keeps its first place and its last value, as in a JavaScript object.
    let mut cache_ttl: Option<(String, &Node)> = None;
    for (key, value) in entries {
        let key_text = key.key_text();
        if normal(&key_text) != "cachettl" {
            continue;
        }
        match &cache_ttl {
            Some((first, _)) if *first != key_text => {}
            _ => cache_ttl = Some((key_text, value)),
        }
    }
    let Some((key, value)) = cache_ttl else {
        return;
    };
    match value.as_str() {
        Some(ttl @ ("5m" | "1h")) => file.cache_ttl = Some(ttl.to_owned()),
        _ => file.diag(
            Diagnostic::new(
                Code::InvalidField,
                path,
                format!("invalid `experimental.{key}`: {}", describe(value)),
            )
            .at(file.span_of_yaml(yaml_offset, value.span.clone()))
            .note("Claude Code drops this value silently")
            .help("the cache TTL is `5m` or `1h`, written exactly so"),
        ),
    }
}

/// The value as written, for messages: a string as is, other values as YAML shows them.
fn written(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => format!("\"{s}\""),
        Value::Seq(_) | Value::Map(_) => format!("[{}]", js_string(node)),
        _ => js_string(node),
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
