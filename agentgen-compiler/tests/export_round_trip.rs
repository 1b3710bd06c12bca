//! Lossless export: for every agent of `../shared` (conformance cases, the cases of 2.1.332, the
//! seeds and all corpus folders),
//! `export::claude_agents` → JSON text → parsed back gives the values Claude Code's record says
//! it read (description, prompt SHA-256, tools, model, colour); and the JSON written back as an
//! agent file reads again as the same values.
//!
//! `../shared` sits beside the checkout in CI; without it the test says SKIPPED and passes,
//! unless `CI` is set.

mod common;

use common::{reference_folders, sha256_hex, shared_dir};

use std::collections::HashMap;

use agentgen_compiler::read::{MEMORY_TOOLS, ToolsReading, read_agent};
use agentgen_compiler::{Catalog, Config, compile_dir, export};
use serde_json::Value;

/// An agent file written from an exported definition: JSON strings are YAML double-quoted
/// scalars, so every value survives as written.
fn file_from_definition(name: &str, definition: &Value) -> String {
    let mut text = String::from("---\n");
    text.push_str(&format!("name: {}\n", Value::from(name)));
    for key in ["description", "model", "color"] {
        if let Some(value) = definition.get(key) {
            text.push_str(&format!("{key}: {value}\n"));
        }
    }
    if let Some(tools) = definition.get("tools") {
        text.push_str(&format!("tools: {tools}\n"));
    }
    text.push_str("---\n");
    text.push_str(definition["prompt"].as_str().unwrap_or_default());
    text.push('\n');
    text
}

/// Compares the exported catalog with the records of its files; returns how many agents matched
/// and the mismatches.
fn compare_folder(
    catalog: &Catalog,
    records: &HashMap<String, &Value>,
    prefix: &str,
) -> (usize, Vec<String>) {
    let json = serde_json::to_string_pretty(&export::claude_agents(catalog)).expect("serializes");
    let parsed: Value = serde_json::from_str(&json).expect("parses back");
    let mut compared = 0;
    let mut problems = Vec::new();
    for agent in catalog.agents() {
        let file = catalog.file_of(agent);
        let relative = file.path().strip_prefix(prefix).unwrap_or(file.path());
        let Some(record) = records.get(relative) else {
            problems.push(format!("{relative}: no record"));
            continue;
        };
        if record["status"] != "accepted" {
            continue;
        }
        let definition = &parsed[agent.qualified_name.as_str()];
        let mut check = |what: &str, ours: &Value, theirs: &Value| {
            if ours != theirs {
                problems.push(format!(
                    "{relative}: {what}: exported {ours} vs Claude Code {theirs}"
                ));
            }
        };
        check(
            "description",
            &definition["description"],
            &record["description"],
        );
        let prompt_sha = Value::from(sha256_hex(
            definition["prompt"].as_str().unwrap_or_default(),
        ));
        check("prompt_sha256", &prompt_sha, &record["prompt_sha256"]);
        let file_has_errors = catalog
            .diagnostics()
            .iter()
            .any(|d| d.is_error() && d.file == file.path());
        if !file_has_errors {
            let tools = match &record["tools"] {
                Value::String(s) if s == "inherit all" => Value::Null,
                tools => tools.clone(),
            };
            // The export keeps `tools` as written; Claude Code appends what `memory` needs when
            // it loads the definition, as it does for the file.
            let mut exported = definition.get("tools").cloned().unwrap_or(Value::Null);
            if definition.get("memory").is_some()
                && let Value::Array(list) = &mut exported
            {
                for tool in MEMORY_TOOLS {
                    if !list.iter().any(|t| t == tool) {
                        list.push(Value::from(*tool));
                    }
                }
            }
            check("tools", &exported, &tools);
            check(
                "model",
                definition.get("model").unwrap_or(&Value::Null),
                &record["model"],
            );
            check(
                "color",
                definition.get("color").unwrap_or(&Value::Null),
                &record["color"],
            );
        }

        // Back: the definition written as a file reads as the same values.
        let text = file_from_definition(&agent.name, definition);
        let again = read_agent("round-trip.md", text.as_bytes());
        let name = again.name.as_ref().map(|n| n.value.as_str());
        if name != Some(agent.name.as_str()) {
            problems.push(format!("{relative}: round trip name {name:?}"));
        }
        let description = again
            .description
            .as_ref()
            .map(|d| Value::from(d.value.as_str()));
        if description.as_ref() != Some(&definition["description"]) {
            problems.push(format!(
                "{relative}: round trip description {description:?}"
            ));
        }
        if again.prompt() != definition["prompt"].as_str().unwrap_or_default() {
            problems.push(format!("{relative}: round trip prompt differs"));
        }
        let tools = match &again.tools {
            ToolsReading::InheritAll => Value::Null,
            ToolsReading::List(list) => {
                list.iter().map(|t| Value::from(t.value.as_str())).collect()
            }
        };
        if &tools != definition.get("tools").unwrap_or(&Value::Null) {
            problems.push(format!("{relative}: round trip tools {tools}"));
        }
        compared += 1;
    }
    (compared, problems)
}

#[test]
fn export_is_lossless_for_every_file_of_shared() {
    let Some(shared) = shared_dir() else { return };
    let mut compared = 0;
    let mut problems = Vec::new();
    for folder in reference_folders(&shared) {
        let by_file: HashMap<String, &Value> = folder
            .records
            .iter()
            .map(|(file, record)| (file.clone(), record))
            .collect();
        let catalog = compile_dir(&folder.dir, &folder.label, &Config::default());
        let (n, p) = compare_folder(&catalog, &by_file, &format!("{}/", folder.label));
        compared += n;
        problems.extend(p);
    }
    assert!(
        problems.is_empty(),
        "{} mismatches:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(compared > 650, "compared {compared} agents");
    eprintln!("export round trip: {compared} agents match Claude Code's records");
}
