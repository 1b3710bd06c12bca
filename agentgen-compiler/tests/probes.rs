//! agentgen against Claude Code 2.1.332 on 768 hand-made probe files (`tests/probes/`, one folder
//! per question: maxTurns, effort, permissionMode, the new fields, hooks, name, model, memory,
//! tools, byte-order marks, duplicate names, unknown keys, indentation). Each folder's `verdicts.jsonl` is
//! Claude Code's own reading of it (`tests/probes/run-oracle.sh`); every file is compared with
//! its verdict as the conformance test compares `../shared` (`common/verdict.rs`). Needs
//! nothing beside the checkout.

mod common;

use std::path::Path;

use agentgen_compiler::compile_dir;
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
        let Some(read) = catalog.files().iter().find(|f| f.path() == display) else {
            failures.push(format!("{display}: not read"));
            continue;
        };
        let mut problems = verdict::compare(&catalog, read, record);
        if let Some((_, fields, why)) = verdict::KNOWN_DEVIATIONS
            .iter()
            .find(|(f, _, _)| *f == display)
        {
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

/// Values continued on the next line: quoted scalars and flow collections under-indented, after a
/// tab, left unclosed; block scalars as the last key. The YAML parser's defaults changed here
/// between releases (granit-parser 2.2 reads under-indented quoted continuations unless told to
/// be strict), so a downstream crate that resolves a newer parser would read these differently.
#[test]
fn indentation_of_continued_values() {
    check("indentation");
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
            let invalid = catalog.diagnostics().iter().any(|d| {
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

/// The keys agentgen calls misspelled are the ones Claude Code's own log corrects, with the same
/// suggestion: `"toolz" (did you mean "tools"?)`; keys its log names without a suggestion get none.
#[test]
fn key_hints_are_claude_codes() {
    use agentgen_compiler::read::key_hint;
    let records = verdicts(&probes().join("unknownkeys/verdicts.jsonl"));
    let mut checked = 0;
    for record in &records {
        for line in record["logs"].as_array().into_iter().flatten() {
            let line = line.as_str().unwrap_or_default();
            let Some((_, keys)) = line.split_once("does not recognize or apply: ") else {
                continue;
            };
            // `"toolz" (did you mean "tools"?), "colour" (did you mean "color"?)`
            for part in keys.split("\", \"").chain(keys.split("?), \"")) {
                let part = part.trim_start_matches('"');
                let Some((key, rest)) = part.split_once('"') else {
                    continue;
                };
                if key.contains(' ') || key.is_empty() {
                    continue;
                }
                let hint = rest
                    .split_once("did you mean \"")
                    .and_then(|(_, h)| h.split_once('"'))
                    .map(|(h, _)| h);
                let key = key.replace("\\u{FEFF}", "\u{feff}");
                assert_eq!(key_hint(&key), hint, "{key:?} in {line}");
                checked += 1;
            }
        }
    }
    assert!(checked >= 20, "{checked} keys checked");
}
