//! Zero false errors: for every file that Claude Code 2.1.332 reads whole, agentgen reports no
//! error (a warning where a strict reading differs is fine). Over every recorded file of
//! `../shared` (conformance cases, the cases of 2.1.332, the corpus, the seeds) and the 699
//! probes of `tests/probes`.
//!
//! "Read whole", from Claude Code's own verdict on the file:
//! - the agent is loaded (`accepted`; a file shadowed by a later one of the same name is not);
//! - no value is dropped (`dropped_values` empty, but for empty values, which read as unset);
//! - no tool entry is dropped when the agent runs (`tools_invalid` empty; MCP tools, which depend
//!   on the servers configured where the verdict was recorded, and built-in tools that sandbox
//!   could not resolve, aside);
//! - no key is ignored that Claude Code itself corrects in its log (`toolz`: "did you mean
//!   `tools`?"): Claude Code drops that value too;
//! - no field Claude Code reads is left out of its verdict while written with a value (a value
//!   it ignores without listing it as dropped: `observeSubagents: no`);
//! - the file is valid UTF-8 (Claude Code replaces invalid bytes with U+FFFD);
//! - no key is given twice in a mapping (Claude Code keeps the last value, the first is lost);
//! - Claude Code keeps the `hooks` as written (it drops invalid entries and unknown keys under
//!   events other than the guard events, with a log line only);
//! - the model is one of the aliases Claude Code resolves or a Claude model id (anything else it
//!   sends to the API unchanged, which refuses it: the agent fails when it starts).
//!
//! Errors that are agentgen's own checks of the catalog as a whole, not of Claude Code's reading
//! of the file — an agent name that no agent of the folder has (`unknown-collaborator`), two
//! names that make the same Rust identifier (`identifier-collision`), a skill that no skill of
//! the folder or of Claude Code has (`unknown-skill`, `skill-not-preloadable`: the cases name
//! skills that do not exist) — are counted apart.
//! Files where agentgen refuses on purpose what Claude Code keeps (`verdict::KNOWN_DEVIATIONS`:
//! numbers beyond 64 bits) are left out.
//!
//! Prints the counts; `../shared` absent → SKIPPED (a failure when `CI` is set).

mod common;

use std::path::Path;

use agentgen_compiler::compile_dir;
use agentgen_compiler::config::Config;
use agentgen_compiler::read::{MODEL_ALIASES, key_hint};
use agentgen_compiler::registry::{self, ToolKind};
use agentgen_compiler::{Code, Severity};
use common::{reference_folders, shared_dir, verdict};
use serde_json::Value;

/// Frontmatter keys Claude Code reads, and the field of its verdict that holds the value.
const VERDICT_FIELDS: &[(&str, &str)] = &[
    ("name", "name"),
    ("description", "description"),
    ("model", "model"),
    ("tools", "tools"),
    ("disallowedTools", "disallowedTools"),
    ("color", "color"),
    ("effort", "effort"),
    ("permissionMode", "permissionMode"),
    ("mcpServers", "mcpServers"),
    ("hooks", "hooks"),
    ("maxTurns", "maxTurns"),
    ("autoCompactWindow", "autoCompactWindow"),
    ("skills", "skills"),
    ("initialPrompt", "initialPrompt"),
    ("memory", "memory"),
    ("background", "background"),
    ("omitClaudeMd", "omitClaudeMd"),
    ("isolation", "isolation"),
    ("observer", "observer"),
    ("observerMessage", "observerMessage"),
    ("observeToolResults", "observeToolResults"),
    ("observeSubagents", "observeSubagents"),
    ("experimental", "cacheTtl"),
];

/// Why Claude Code does not read the file whole, or `None` when it does.
fn not_read_whole(path: &Path, record: &Value) -> Option<String> {
    let status = record["status"].as_str().unwrap_or("");
    if status != "accepted" {
        return Some(status.to_owned());
    }
    let bytes = std::fs::read(path).unwrap_or_default();
    if std::str::from_utf8(&bytes).is_err() {
        return Some("not UTF-8".to_owned());
    }
    let dropped_empty = |key: &str| {
        record["dropped_values"]
            .get(key)
            .is_some_and(|v| (v.is_null() || *v == "") && common::value_is_empty(path, key))
    };
    let ignored: Vec<&str> = record["frontmatter_keys"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|key| {
            VERDICT_FIELDS
                .iter()
                .find(|(k, _)| k == key)
                .is_some_and(|(_, field)| record[*field].is_null() && !dropped_empty(key))
        })
        .collect();
    if !ignored.is_empty() {
        return Some(format!("ignores the values of {ignored:?}"));
    }
    let text = String::from_utf8_lossy(&bytes);
    if common::has_repeated_key(&text) {
        return Some("loses the first value of a key given twice".to_owned());
    }
    if let Some(hooks) = common::frontmatter_value(&text, "hooks")
        && record["hooks"] != verdict::node_json(&hooks)
        && !record["hooks"].is_null()
    {
        return Some("drops some of its hooks".to_owned());
    }
    if let Some(model) = record["model"].as_str() {
        let lower = model.to_lowercase();
        let base = lower.strip_suffix("[1m]").unwrap_or(&lower);
        let alias = MODEL_ALIASES.iter().any(|(a, _)| *a == lower || *a == base);
        if !alias && !model.contains("claude") {
            return Some(format!(
                "sends the model `{model}` to the API, which refuses it"
            ));
        }
    }
    let dropped: Vec<&String> = record["dropped_values"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, v)| !((v.is_null() || **v == "") && common::value_is_empty(path, k)))
        .map(|(k, _)| k)
        .collect();
    if !dropped.is_empty() {
        return Some(format!("drops {dropped:?}"));
    }
    let invalid_tools: Vec<&str> = record["tools_invalid"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|t| !t.starts_with("mcp__"))
        .filter(|t| !registry::builtin(t).is_some_and(|info| info.kind == ToolKind::Current))
        .collect();
    if !invalid_tools.is_empty() {
        return Some(format!(
            "drops the tools {invalid_tools:?} when the agent runs"
        ));
    }
    let corrected: Vec<&str> = record["other_keys"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|k| key_hint(k).is_some())
        .collect();
    if !corrected.is_empty() {
        return Some(format!("ignores the keys {corrected:?} it corrects"));
    }
    None
}

/// Checks one compiled folder; returns (files read whole, files not read whole, false errors).
fn check(dir: &Path, label: &str, records: &[(String, Value)], counts: &mut Counts) -> Vec<String> {
    let catalog = compile_dir(dir, label, &Config::default());
    let mut false_errors = Vec::new();
    for (file, record) in records {
        let display = format!("{label}/{file}");
        if verdict::KNOWN_DEVIATIONS
            .iter()
            .any(|(f, _, _)| *f == display)
            || not_read_whole(&dir.join(file), record).is_some()
        {
            counts.not_whole += 1;
            continue;
        }
        counts.whole += 1;
        let Some(read) = catalog.files().iter().find(|f| f.path() == display) else {
            false_errors.push(format!("{display}: not read"));
            continue;
        };
        for d in verdict::diagnostics_of(&catalog, read) {
            if d.severity != Severity::Error {
                continue;
            }
            if matches!(
                d.code,
                Code::UnknownCollaborator
                    | Code::IdentifierCollision
                    | Code::UnknownSkill
                    | Code::SkillNotPreloadable
            ) {
                counts.catalog_errors += 1;
            } else {
                false_errors.push(format!(
                    "{display}:{}: error[{}]: {}",
                    d.span.as_ref().map_or(0, |s| s.line),
                    d.code,
                    d.message
                ));
            }
        }
    }
    false_errors
}

/// How many files were checked, and the errors of agentgen's own catalog checks among them.
#[derive(Default)]
struct Counts {
    whole: usize,
    not_whole: usize,
    catalog_errors: usize,
}

#[test]
fn no_error_on_a_file_claude_code_reads_whole() {
    let Some(shared) = shared_dir() else { return };
    let mut false_errors = Vec::new();
    let mut shared_counts = Counts::default();
    for folder in reference_folders(&shared) {
        let f = check(
            &folder.dir,
            &folder.label,
            &folder.records,
            &mut shared_counts,
        );
        false_errors.extend(f);
    }
    eprintln!(
        "../shared: {} files Claude Code reads whole, {} it does not; {} errors of agentgen's catalog checks",
        shared_counts.whole, shared_counts.not_whole, shared_counts.catalog_errors
    );
    let mut probe_counts = Counts::default();
    let probes = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/probes");
    let mut folders: Vec<_> = std::fs::read_dir(&probes)
        .expect("tests/probes")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("verdicts.jsonl").is_file())
        .collect();
    folders.sort();
    for dir in folders {
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let records: Vec<(String, Value)> = common::records(&dir.join("verdicts.jsonl"))
            .into_iter()
            .map(|r| (r["file"].as_str().unwrap_or_default().to_owned(), r))
            .collect();
        false_errors.extend(check(
            &dir,
            &format!("probes/{name}"),
            &records,
            &mut probe_counts,
        ));
    }
    eprintln!(
        "tests/probes: {} files Claude Code reads whole, {} it does not; {} errors of agentgen's catalog checks",
        probe_counts.whole, probe_counts.not_whole, probe_counts.catalog_errors
    );
    eprintln!("false errors: {}", false_errors.len());
    assert!(
        false_errors.is_empty(),
        "{} false errors:\n{}",
        false_errors.len(),
        false_errors.join("\n")
    );
    assert!(
        shared_counts.whole > 650,
        "only {} files of ../shared checked",
        shared_counts.whole
    );
    assert!(
        probe_counts.whole > 400,
        "only {} probes checked",
        probe_counts.whole
    );
}
