//! Conformance with Claude Code 2.1.332's own loader: every folder of `../shared` that Claude
//! Code read as one agents folder (the 45 conformance cases, the 11 cases of 2.1.332, the seven
//! corpus collections, the seeds) is compiled by agentgen as a catalog, and each file is compared
//! with the record of what Claude Code read from it (`claude-code-2.1.332.jsonl`): see
//! `common/verdict.rs` for what is compared. Files Claude Code ignores for their name (`.txt`,
//! `.MD`) must not be compiled either.
//!
//! `../shared` sits beside the checkout in CI. When it is absent the test says so and passes,
//! unless `CI` is set, where it fails.

mod common;

use common::{ReferenceFolder, reference_folders, shared_dir, verdict};

use agentgen_compiler::Code;
use agentgen_compiler::compile_dir;
use agentgen_compiler::config::Config;

/// Compiles one folder and compares every file with its record; returns the failures.
fn check_folder(folder: &ReferenceFolder) -> Vec<String> {
    let catalog = compile_dir(&folder.dir, &folder.label, &Config::default());
    let mut failures = Vec::new();
    for (file, record) in &folder.records {
        let display = format!("{}/{file}", folder.label);
        let found = catalog.files().iter().find(|f| f.path() == display);
        if record["status"] == "ignored-not-md" {
            if found.is_some() {
                failures.push(format!(
                    "{display}: Claude Code ignores the file, agentgen compiles it"
                ));
            }
            let upper_case = file.to_ascii_lowercase().ends_with(".md");
            let warned = catalog
                .diagnostics()
                .iter()
                .any(|d| d.file == display && d.code == Code::ExtensionCase);
            if upper_case && !warned {
                failures.push(format!("{display}: no extension-case warning"));
            }
            continue;
        }
        let Some(file) = found else {
            failures.push(format!("{display}: agentgen did not read this file"));
            continue;
        };
        let problems = verdict::compare(&catalog, file, record);
        if !problems.is_empty() {
            failures.push(format!("{display}:\n  {}", problems.join("\n  ")));
        }
    }
    failures
}

fn check(labels: &[&str], expected_records: usize) {
    let Some(shared) = shared_dir() else { return };
    let folders: Vec<ReferenceFolder> = reference_folders(&shared)
        .into_iter()
        .filter(|f| labels.iter().any(|l| f.label.starts_with(l)))
        .collect();
    let records: usize = folders.iter().map(|f| f.records.len()).sum();
    let failures: Vec<String> = folders.iter().flat_map(check_folder).collect();
    assert!(
        failures.is_empty(),
        "{} of {records} files differ from Claude Code {}:\n{}",
        failures.len(),
        common::CLAUDE_CODE,
        failures.join("\n")
    );
    assert_eq!(records, expected_records, "records of {labels:?}");
}

#[test]
fn conformance_cases_match_claude_code() {
    check(&["conformance/cases"], 45 + 11);
}

#[test]
fn corpus_matches_claude_code() {
    check(&["corpus/"], 697);
}

#[test]
fn seeds_match_claude_code() {
    check(&["seeds"], 5);
}
