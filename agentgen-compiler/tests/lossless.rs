//! Lossless: for every file of `../shared` (conformance cases, the cases of 2.1.332, seeds,
//! corpus) that Claude Code
//! loads, the generated constant's `prompt` hashes to the record's `prompt_sha256` and its
//! `description` equals the record's description. The literals are read back from the generated
//! code itself (parsed with syn), both straight from the tokens and after prettyplease
//! formatting, so the test covers escaping and formatting, not only reading. Files Claude Code
//! does not load must generate no constant with their text (at most a stub with the agent's
//! names, while the catalog has errors). The text `include_agents!` hands rustc
//! (`generate_source`, shaped for the compiler) must hold the same literals.
//!
//! `../shared` sits beside the checkout in CI. When it is absent the test says so and passes,
//! unless `CI` is set, where it fails.

mod common;

use common::{reference_folders, sha256_hex, shared_dir};

use std::path::Path;

use agentgen_compiler::catalog::{Input, compile};
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

/// Checks every record of the folders whose label starts with `label`; returns (files, accepted
/// files) checked.
fn check_folders(shared: &Path, label: &str) -> (usize, usize) {
    let mut failures = Vec::new();
    let mut accepted = 0;
    let mut count = 0;
    for folder in reference_folders(shared) {
        if !folder.label.starts_with(label) {
            continue;
        }
        for (file_name, record) in &folder.records {
            count += 1;
            if record["status"] == "ignored-not-md" {
                continue;
            }
            let path = folder.dir.join(file_name);
            let display = format!("{}/{file_name}", folder.label);
            accepted += usize::from(check_file(&path, &display, record, &mut failures));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} files lose or change text:\n{}",
        failures.len(),
        failures.join("\n")
    );
    (count, accepted)
}

/// Checks one file; returns whether Claude Code accepts it.
fn check_file(path: &Path, display: &str, record: &Value, failures: &mut Vec<String>) -> bool {
    let file = common::read_agent_file(path, display);
    // One file, one catalog: every name stands alone (the corpus has duplicates).
    let catalog = compile(Input::files(String::new(), vec![file]), Config::default());
    let tokens = generate::generate(&catalog, &Options::default());
    let parsed = match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(parsed) => parsed,
        Err(e) => {
            failures.push(format!("{display}: generated code does not parse: {e}"));
            return false;
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
        // An agent whose file is broken keeps a stub constant (its names, no text) while the
        // catalog has errors, so that code using it fails on the file's error alone.
        // `literals` holds only constants with a `prompt` and a `description`.
        if !literals.is_empty() || (!catalog.broken_agents().is_empty() && !catalog.has_errors()) {
            failures.push(format!(
                "{display}: Claude Code says {status}, yet a constant with its text was generated"
            ));
        }
        return false;
    }
    let [(prompt, description)] = literals.as_slice() else {
        failures.push(format!(
            "{display}: {} constants generated, expected 1",
            literals.len()
        ));
        return true;
    };
    let expected_sha = record["prompt_sha256"].as_str().unwrap_or("");
    if sha256_hex(prompt) != expected_sha {
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
    true
}

#[test]
fn conformance_case_constants_equal_claude_codes_record() {
    let Some(shared) = shared_dir() else { return };
    let (files, accepted) = check_folders(&shared, "conformance/cases");
    assert_eq!(files, 45 + 11);
    assert!(accepted > 10, "{accepted}");
}

#[test]
fn corpus_constants_equal_claude_codes_record() {
    let Some(shared) = shared_dir() else { return };
    let (files, accepted) = check_folders(&shared, "corpus/");
    assert_eq!(files, 697);
    assert!(accepted > 500, "{accepted}");
}

#[test]
fn seed_constants_equal_claude_codes_record() {
    let Some(shared) = shared_dir() else { return };
    let (files, _) = check_folders(&shared, "seeds");
    assert!(files >= 5);
}
