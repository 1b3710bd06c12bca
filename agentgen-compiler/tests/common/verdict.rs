//! Comparing agentgen's reading of a file with Claude Code's recorded verdict on it (a line of a
//! `claude-code-2.1.332.jsonl` records file, or of a probe folder's `verdicts.jsonl`).
//!
//! For a file of a compiled catalog, [`compare`] lists every difference:
//!
//! - the status (accepted, skipped, rejected, not loaded) and how the YAML parsed;
//! - for a file Claude Code does not load: at least one error;
//! - for a shadowed file (another file with the same name wins): a `duplicate-name` error on it,
//!   and none on the winner;
//! - for an accepted file: name, description, the tools the agent runs with (`tools` plus what
//!   `memory` adds), model, colour, the SHA-256 of the prompt, and every optional field the
//!   record holds (kept values, in Claude Code's JSON types), the hooks Claude Code keeps;
//! - every value Claude Code drops (`dropped_values`, other than an empty value): an error that
//!   names the field; every tool entry it drops when the agent runs (`tools_invalid`): a
//!   diagnostic that names the entry; every tool list `memory` widens: a `memory-widens-tools`
//!   warning.

use agentgen_compiler::catalog::Catalog;
use agentgen_compiler::read::{AgentFile, Effort, Status, ToolsReading};
use agentgen_compiler::registry::{self, ToolKind};
use agentgen_compiler::{Code, Diagnostic, Severity};
use serde_json::{Value, json};

use super::sha256_hex;

/// Where agentgen differs from Claude Code on purpose, loudly: each of these files gets an error
/// from agentgen, and the listed fields must still differ (a fix makes the entry fail, so that
/// it goes).
pub const KNOWN_DEVIATIONS: &[(&str, &[&str], &str)] = &[
    (
        "probes/bom/bom-before-key.md",
        &["status", "yaml"],
        "a byte-order mark inside the frontmatter: Bun's YAML reads it as part of a key (and \
         Claude Code rejects the agent for a missing description), the YAML parser agentgen \
         uses refuses the frontmatter; neither loads the agent",
    ),
    (
        "probes/effort/ef-int-1e19.md",
        &["effort"],
        "an effort of 10^19 is beyond a 64-bit integer: agentgen refuses it with an error",
    ),
    (
        "probes/maxturns/mt-str-1e21.md",
        &["maxTurns"],
        "a maxTurns of 10^21 is beyond a 64-bit integer: agentgen refuses it with an error",
    ),
    (
        "probes/maxturns/mt-str-31chars-100,000x7.md",
        &["maxTurns"],
        "a maxTurns of 10^23 is beyond a 64-bit integer: agentgen refuses it with an error",
    ),
];

fn str_field(record: &Value, key: &str) -> Option<String> {
    record.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// The diagnostics of the catalog about `file`.
pub fn diagnostics_of<'a>(catalog: &'a Catalog, file: &AgentFile) -> Vec<&'a Diagnostic> {
    catalog
        .diagnostics()
        .iter()
        .filter(|d| d.file == file.path())
        .collect()
}

/// The differences between agentgen's reading of `file` (a file of `catalog`) and `record`.
pub fn compare(catalog: &Catalog, file: &AgentFile, record: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let diagnostics = diagnostics_of(catalog, file);
    let has_error = |code: Option<Code>| {
        diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error && code.is_none_or(|c| d.code == c))
    };
    let mut check = |what: &str, ours: String, theirs: String| {
        if ours != theirs {
            problems.push(format!("{what}: agentgen {ours} vs Claude Code {theirs}"));
        }
    };
    let status = record["status"].as_str().unwrap_or("");
    let theirs_status = if status == "accepted-but-shadowed" {
        "accepted"
    } else {
        status
    };
    check(
        "status",
        file.status.as_str().to_owned(),
        theirs_status.to_owned(),
    );
    if status != "not-loaded" {
        check(
            "yaml",
            file.yaml.as_str().to_owned(),
            str_field(record, "yaml").unwrap_or_default(),
        );
    }
    if file.status != Status::Accepted {
        if !has_error(None) {
            problems.push(format!(
                "Claude Code says {status}, but agentgen reports no error"
            ));
        }
        return problems;
    }
    let shadowed = has_error(Some(Code::DuplicateName));
    if (status == "accepted-but-shadowed") != shadowed {
        problems.push(format!(
            "Claude Code says {status}, agentgen {} a duplicate-name error on this file",
            if shadowed {
                "reports"
            } else {
                "does not report"
            }
        ));
    }
    let mut check = |what: &str, ours: Value, theirs: Value| {
        if ours != theirs {
            problems.push(format!("{what}: agentgen {ours} vs Claude Code {theirs}"));
        }
    };
    let text = |value: Option<&String>| value.map_or(Value::Null, |v| json!(v));
    check(
        "name",
        text(file.name.as_ref().map(|n| &n.value)),
        record["name"].clone(),
    );
    check(
        "description",
        text(file.description.as_ref().map(|d| &d.value)),
        record["description"].clone(),
    );
    let tools = match file.effective_tools() {
        None => json!("inherit all"),
        Some(list) => json!(list),
    };
    check("tools", tools, record["tools"].clone());
    check(
        "model",
        text(file.model.as_ref().map(|m| &m.value)),
        record["model"].clone(),
    );
    check("color", json!(file.color()), record["color"].clone());
    // With `memory`, a probe's hash covers Claude Code's memory text, which holds a temporary
    // path; the records of ../shared hash the body alone.
    let is_probe = record["dir"].as_str().unwrap_or("").starts_with("probes/");
    let hashes_body = !(is_probe && record["memory"].is_string());
    if hashes_body {
        check(
            "prompt_sha256",
            json!(sha256_hex(file.prompt())),
            record["prompt_sha256"].clone(),
        );
    }
    if let Some(expected) = record.get("disallowedTools") {
        let ours: Vec<&str> = file
            .disallowed_tools
            .iter()
            .map(|t| t.value.as_str())
            .collect();
        check("disallowedTools", json!(ours), expected.clone());
    }
    if let Some(expected) = record.get("skills") {
        let ours: Vec<&str> = file.skills.iter().map(|t| t.value.as_str()).collect();
        check("skills", json!(ours), expected.clone());
    }
    let effort = file
        .effort
        .as_ref()
        .map_or(Value::Null, |effort| match effort {
            Effort::Level(level) => json!(level),
            Effort::Integer(n) => json!(n),
        });
    let optional: [(&str, Value); 14] = [
        ("effort", effort),
        ("permissionMode", json!(file.permission_mode())),
        ("maxTurns", json!(file.max_turns)),
        ("memory", json!(file.memory)),
        ("background", json!(file.background)),
        ("isolation", json!(file.isolation)),
        ("initialPrompt", json!(file.initial_prompt)),
        ("autoCompactWindow", json!(file.auto_compact_window)),
        ("omitClaudeMd", json!(file.omit_claude_md)),
        ("observer", json!(file.observer.as_ref().map(|o| &o.value))),
        ("observerMessage", json!(file.observer_message)),
        ("observeSubagents", json!(file.observe_subagents)),
        ("observeToolResults", json!(file.observe_tool_results)),
        ("cacheTtl", json!(file.cache_ttl)),
    ];
    for (key, ours) in optional {
        let theirs = record.get(key).cloned().unwrap_or(Value::Null);
        // JavaScript holds numbers as doubles: 12345678901234567890 is 12345678901234567000.
        let same_number = ours.as_f64().is_some()
            && ours.as_f64() == theirs.as_f64()
            && ours.is_number()
            && theirs.is_number();
        if !same_number {
            check(key, ours, theirs);
        }
    }
    if is_probe {
        let ours = file.hooks.as_ref().map_or(Value::Null, node_json);
        check(
            "hooks",
            ours,
            record.get("hooks").cloned().unwrap_or(Value::Null),
        );
    }
    if let Some(dropped) = record.get("dropped_values").and_then(Value::as_object) {
        for (key, value) in dropped {
            if (value.is_null() || value == "") && super::value_is_empty_in(&file.source.text, key)
            {
                // An empty value reads as "not set"; Claude Code's log may still call it invalid.
                continue;
            }
            let reported = diagnostics.iter().any(|d| {
                d.severity == Severity::Error
                    && match key.as_str() {
                        "color" => d.code == Code::InvalidColor,
                        "permissionMode" => d.code == Code::InvalidPermissionMode,
                        "model" => d.code == Code::InvalidModel,
                        other => d.message.contains(&format!("`{other}`")),
                    }
            });
            if !reported {
                problems.push(format!(
                    "Claude Code drops `{key}: {value}` but agentgen reports no error for it"
                ));
            }
        }
    }
    for entry in record["tools_invalid"].as_array().into_iter().flatten() {
        let entry = entry.as_str().unwrap_or_default();
        // The sandboxed runtime that recorded the verdicts cannot resolve some built-in tools
        // (Glob and Grep beside Bash); Claude Code runs them elsewhere.
        // MCP tools depend on the servers configured where the agent runs (none were there).
        if registry::builtin(entry).is_some_and(|t| t.kind == ToolKind::Current)
            || entry.starts_with("mcp__")
        {
            continue;
        }
        let named = format!("`{entry}`");
        if !diagnostics.iter().any(|d| d.message.contains(&named)) {
            problems.push(format!(
                "Claude Code drops the tool {named} when the agent runs, but agentgen says nothing about it"
            ));
        }
    }
    let written = match &file.tools {
        ToolsReading::InheritAll => None,
        ToolsReading::List(list) => Some(list.len()),
    };
    let widened = file
        .effective_tools()
        .is_some_and(|tools| Some(tools.len()) != written);
    if widened
        && !diagnostics
            .iter()
            .any(|d| d.code == Code::MemoryWidensTools)
    {
        problems.push("memory widens the tools, but agentgen does not warn".to_owned());
    }
    if record.get("system_prompt_appends").is_some() && file.memory.is_none() {
        problems
            .push("Claude Code appends memory instructions, agentgen reads no `memory`".to_owned());
    }
    problems
}

/// A YAML node as JSON, as Claude Code holds the value (a repeated key keeps its last value).
pub fn node_json(node: &agentgen_compiler::yaml::Node) -> Value {
    use agentgen_compiler::yaml::Value as Yaml;
    match &node.value {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => json!(b),
        Yaml::Int(i) => json!(i),
        Yaml::Float(f) => json!(f),
        Yaml::Str(s) => json!(s),
        Yaml::Seq(items) => Value::Array(items.iter().map(node_json).collect()),
        Yaml::Map(entries) => {
            let mut map = serde_json::Map::new();
            for (key, value) in entries {
                map.insert(key.key_text(), node_json(value));
            }
            Value::Object(map)
        }
    }
}
