//! Lossless: for every file of `../shared` (conformance cases, seeds, corpus) that Claude Code
//! loads, the generated constant's `prompt` hashes to the record's `prompt_sha256` and its
//! `description` equals the record's description. The literals are read back from the generated
//! code itself (parsed with syn), both straight from the tokens and after prettyplease
//! formatting, so the test covers escaping and formatting, not only reading. Files Claude Code
//! does not load must generate no constant. The text `include_agents!` hands rustc
//! (`generate_source`, shaped for the compiler) must hold the same literals.
//!
//! `../shared` sits beside the checkout in CI. When it is absent the test says so and passes,
//! unless `CI` is set, where it fails.

mod common;

use common::{records, sha256_hex, shared_dir};

use std::path::{Path, PathBuf};

use agentgen_compiler::catalog::compile_files;
use agentgen_compiler::config::Config;
use agentgen_compiler::generate::{self, Options};
use serde_json::Value;

/// The `prompt` and `description` string literals of every `AgentSpec` constant of a file.
fn spec_literals(file: &syn::File) -> Vec<(String, String)> {
    use common::string_field as field;
    common::struct_constants(file)
        .into_iter()
        .filter_map(|(_, expr)| Some((field(expr, "prompt")?, field(expr, "description")?)))
        .collect()
}

/// Records whose prompt hash was taken from another version of the file (see the erratum in
/// conformance.rs): `40-extra-fields.md`. The test fails if the hash starts to match.
const PROMPT_ERRATA: &[&str] = &["40-extra-fields.md"];

/// Checks every record of one folder; returns (files, accepted files) checked.
fn check_folder(
    base: &Path,
    records_path: &Path,
    dir_of: impl Fn(&Value) -> PathBuf,
) -> (usize, usize) {
    let mut failures = Vec::new();
    let records = records(records_path);
    let mut accepted = 0;
    for record in &records {
        let file_name = record["file"].as_str().unwrap_or("");
        let path = dir_of(record).join(file_name);
        let display = path
            .strip_prefix(base)
            .unwrap_or(&path)
            .display()
            .to_string();
        let file = common::read_agent_file(&path, &display);
        // One file, one catalog: every name stands alone (the corpus has duplicates).
        let catalog = compile_files(
            vec![file],
            String::new(),
            Config::default(),
            Vec::new(),
            Vec::new(),
        );
        let tokens = generate::generate(&catalog, &Options::default());
        let parsed = match syn::parse2::<syn::File>(tokens.clone()) {
            Ok(parsed) => parsed,
            Err(e) => {
                failures.push(format!("{display}: generated code does not parse: {e}"));
                continue;
            }
        };
        let literals = spec_literals(&parsed);
        match syn::parse_file(&generate::render(&tokens)) {
            Ok(formatted) if spec_literals(&formatted) == literals => {}
            Ok(_) => failures.push(format!("{display}: formatting changed a literal")),
            Err(e) => failures.push(format!("{display}: formatted code does not parse: {e}")),
        }
        // What `include_agents!` hands rustc: the same literals, in the compiler's shape.
        let source = generate::generate_source(&catalog, &Options::default());
        match syn::parse_file(&source) {
            Ok(for_compiler) if spec_literals(&for_compiler) == literals => {}
            Ok(_) => failures.push(format!("{display}: generate_source changed a literal")),
            Err(e) => failures.push(format!("{display}: generate_source does not parse: {e}")),
        }
        let status = record["status"].as_str().unwrap_or("");
        if !status.starts_with("accepted") {
            if !literals.is_empty() {
                failures.push(format!(
                    "{display}: Claude Code says {status}, yet a constant was generated"
                ));
            }
            continue;
        }
        accepted += 1;
        let [(prompt, description)] = literals.as_slice() else {
            failures.push(format!(
                "{display}: {} constants generated, expected 1",
                literals.len()
            ));
            continue;
        };
        let expected_sha = record["prompt_sha256"].as_str().unwrap_or("");
        let prompt_matches = sha256_hex(prompt) == expected_sha;
        if PROMPT_ERRATA.contains(&file_name) {
            assert!(
                !prompt_matches,
                "{display}: the prompt erratum is no longer needed"
            );
        } else if !prompt_matches {
            failures.push(format!(
                "{display}: prompt constant ({} bytes) has SHA-256 {}, Claude Code's record {expected_sha}",
                prompt.len(),
                sha256_hex(prompt)
            ));
        }
        let expected_description = record["description"].as_str().unwrap_or("");
        if description != expected_description {
            failures.push(format!(
                "{display}: description constant {description:?} vs Claude Code {expected_description:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files lose or change text:\n{}",
        failures.len(),
        records.len(),
        failures.join("\n")
    );
    (records.len(), accepted)
}

#[test]
fn conformance_case_constants_equal_claude_codes_record() {
    let Some(shared) = shared_dir() else { return };
    let cases = shared.join("conformance/cases");
    let (files, accepted) = check_folder(
        &shared,
        &shared.join("conformance/claude-code-2.1.197.jsonl"),
        |_| cases.clone(),
    );
    assert_eq!(files, 45);
    assert!(accepted > 10, "{accepted}");
}

#[test]
fn corpus_constants_equal_claude_codes_record() {
    let Some(shared) = shared_dir() else { return };
    let corpus = shared.join("corpus");
    let (files, accepted) = check_folder(&shared, &corpus.join("claude-code-2.1.197.jsonl"), |r| {
        corpus.join(r["dir"].as_str().unwrap_or(""))
    });
    assert_eq!(files, 697);
    assert!(accepted > 500, "{accepted}");
}

#[test]
fn seed_constants_equal_claude_codes_record() {
    let Some(shared) = shared_dir() else { return };
    let seeds = shared.join("seeds");
    let (files, _) = check_folder(&shared, &seeds.join("claude-code-2.1.197.jsonl"), |_| {
        seeds.clone()
    });
    assert!(files >= 5);
}
