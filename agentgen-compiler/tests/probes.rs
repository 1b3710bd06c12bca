//! agentgen against Claude Code 2.1.332 on 699 hand-made probe files (`tests/probes/`, one folder
//! per question: maxTurns, effort, permissionMode, the new fields, hooks, name, model, memory,
//! tools, byte-order marks, duplicate names, unknown keys). Each folder's `verdicts.jsonl` is
//! Claude Code's own reading of it (`tests/probes/run-oracle.sh`); every file is compared with
//! its verdict as the conformance test compares `../shared` (`common/verdict.rs`). Needs
//! nothing beside the checkout.

mod common;

use std::path::Path;

use agentgen_compiler::catalog::compile_dir;
use agentgen_compiler::config::Config;
use agentgen_compiler::{Code, Severity};
use common::verdict;
use serde_json::Value;

fn probes() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/probes"))
}

fn verdicts(path: &Path) -> Vec<Value> {
    common::records(path)
}

/// Where agentgen differs from Claude Code on purpose, loudly: each of these files gets an error
/// from agentgen, and the listed fields must still differ (a fix makes the entry fail, so that
/// it goes).
const KNOWN_DEVIATIONS: &[(&str, &[&str], &str)] = &[
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

/// Compiles `tests/probes/<folder>` and compares every file with its verdict.
fn check(folder: &str) {
    let dir = probes().join(folder);
    let label = format!("probes/{folder}");
    let catalog = compile_dir(&dir, &label, &Config::default());
    let records = verdicts(&dir.join("verdicts.jsonl"));
    assert!(!records.is_empty(), "{folder} has verdicts");
    let mut failures = Vec::new();
    for record in &records {
        let file = record["file"].as_str().unwrap_or_default();
        let display = format!("{label}/{file}");
        let Some(read) = catalog.files.iter().find(|f| f.path() == display) else {
            failures.push(format!("{display}: not read"));
            continue;
        };
        let mut problems = verdict::compare(&catalog, read, record);
        if let Some((_, fields, why)) = KNOWN_DEVIATIONS.iter().find(|(f, _, _)| *f == display) {
            let errors = verdict::diagnostics_of(&catalog, read)
                .iter()
                .any(|d| d.severity == Severity::Error);
            assert!(
                errors,
                "{display}: a known deviation ({why}) must be an error"
            );
            for field in *fields {
                let before = problems.len();
                problems.retain(|p| !p.starts_with(&format!("{field}:")));
                assert_ne!(
                    before,
                    problems.len(),
                    "{display}: `{field}` no longer differs"
                );
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{display} ({}):\n  {}",
                record["description"].as_str().unwrap_or_default(),
                problems.join("\n  ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} probes differ from Claude Code:\n{}",
        failures.len(),
        records.len(),
        failures.join("\n")
    );
}

#[test]
fn max_turns() {
    check("maxturns");
}

#[test]
fn effort() {
    check("effort");
}

#[test]
fn permission_mode() {
    check("permissionmode");
}

#[test]
fn fields_new_in_2_1_332() {
    check("newfields");
}

#[test]
fn hooks() {
    check("hooks");
}

#[test]
fn hooks_at_the_top_level() {
    check("hooks-toplevel");
}

#[test]
fn name() {
    check("name");
}

#[test]
fn model() {
    check("model");
}

#[test]
fn memory_widens_tools() {
    check("memory");
}

#[test]
fn tool_names() {
    check("tools");
}

#[test]
fn byte_order_marks() {
    check("bom");
}

#[test]
fn duplicate_names_go_to_the_last_path() {
    check("duplicates");
}

#[test]
fn unknown_keys() {
    check("unknownkeys");
}

/// A model agentgen calls invalid is one Claude Code sends to the API unchanged, as written and
/// not a Claude model; every model agentgen accepts resolves to `inherit` or a Claude model (in
/// Claude Code's own run-time resolution, recorded for two parent models).
#[test]
fn invalid_models_are_the_ones_claude_code_sends_unchanged() {
    let dir = probes().join("model");
    let catalog = compile_dir(&dir, "probes/model", &Config::default());
    for parent in ["claude-opus-4-8", "claude-sonnet-4-6"] {
        let records = verdicts(&dir.join(format!("verdicts.runtime-parent-{parent}.jsonl")));
        let mut checked = 0;
        for record in &records {
            let (Some(model), Some(resolved)) = (
                record["model"].as_str(),
                record["model_alias_resolved"].as_str(),
            ) else {
                continue;
            };
            let display = format!("probes/model/{}", record["file"].as_str().unwrap_or(""));
            let invalid = catalog.diagnostics.iter().any(|d| {
                d.file == display && d.code == Code::InvalidModel && d.severity == Severity::Error
            });
            if invalid {
                assert_eq!(resolved, model, "{display}: sent unchanged");
                assert!(!resolved.contains("claude"), "{display}");
            } else {
                assert!(
                    resolved == "inherit" || resolved.starts_with("claude-"),
                    "{display}: `{model}` resolves to `{resolved}`"
                );
            }
            checked += 1;
        }
        assert!(checked >= 20, "{checked} models checked");
    }
}
