//! Agent references in the prompts of `../shared/corpus` (SKIPPED without it).
//!
//! Recall: from a copy of the VoltAgent collection, ten agents that other agents mention are
//! deleted. Every place where another prompt named one of them (the name as a token of prose,
//! outside code blocks, paths and URLs: found here by plain text search, independently of the
//! scanner) must now be reported as an unresolved reference — at least 90 % of them.
//!
//! Precision is checked by hand (docs/prompt-references-precision.md); the per-collection
//! figures are printed here and recorded in BENCHMARKS.md.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use agentgen_compiler::{Catalog, Code, Config, compile_dir};

const COLLECTION: &str = "VoltAgent__awesome-claude-code-subagents";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.expect("directory entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
        }
    }
}

/// `(file, line, column)` of every place where the prompt of an agent that is not deleted names
/// `name` as a token of prose: a run of ASCII letters, digits, `-`, `_` equal to `name`, outside
/// fenced code blocks, not part of a path, a file name or a URL.
fn places_naming(
    catalog: &Catalog,
    name: &str,
    deleted: &[&str],
) -> BTreeSet<(String, usize, usize)> {
    let mut places = BTreeSet::new();
    let is_name_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    for agent in &catalog.agents {
        if deleted.contains(&agent.name.as_str()) {
            continue;
        }
        let file = catalog.file_of(agent);
        let prompt = &file.source.text[file.prompt_range.clone()];
        let mut fence: Option<&str> = None;
        let mut offset = file.prompt_range.start;
        for line in prompt.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let trimmed = line.trim();
            if let Some(marker) = fence {
                if trimmed.starts_with(marker) && trimmed.chars().all(|c| c == '`' || c == '~') {
                    fence = None;
                }
                continue;
            }
            if trimmed.starts_with("```") {
                fence = Some("```");
                continue;
            }
            if trimmed.starts_with("~~~") {
                fence = Some("~~~");
                continue;
            }
            let bytes = line.as_bytes();
            for (at, _) in line.match_indices(name) {
                let end = at + name.len();
                let before = at.checked_sub(1).map(|i| bytes[i]);
                let after = bytes.get(end).copied();
                if before.is_some_and(is_name_byte) || after.is_some_and(is_name_byte) {
                    continue;
                }
                let path_like = matches!(before, Some(b'/' | b'.' | b'\\'))
                    || matches!(after, Some(b'/' | b'\\'))
                    || (after == Some(b'.')
                        && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric));
                let in_url = line[..at]
                    .rsplit(char::is_whitespace)
                    .next()
                    .is_some_and(|word| word.contains("://"));
                if path_like || in_url {
                    continue;
                }
                let location = file.source.location(start + at..start + end);
                places.insert((file.path().to_owned(), location.line, location.column));
            }
        }
    }
    places
}

/// `(file, line, column)` of every unresolved reference to `name`.
fn reported(catalog: &Catalog, name: &str) -> BTreeSet<(String, usize, usize)> {
    catalog
        .agents
        .iter()
        .flat_map(|agent| {
            let path = catalog.file_of(agent).path().to_owned();
            agent
                .prompt_references
                .iter()
                .filter(|r| r.is_unresolved() && r.written == name)
                .map(move |r| (path.clone(), r.span.line, r.span.column))
        })
        .collect()
}

#[test]
fn deleting_ten_mentioned_agents_reports_the_places_that_named_them() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let source = shared.join("corpus").join(COLLECTION);
    let copy: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join("recall-voltagent");
    let _ = std::fs::remove_dir_all(&copy);
    copy_dir(&source, &copy);
    let before = compile_dir(&copy, "voltagent", &Config::default());
    // Agents mentioned by at least two other agents, by name; ten of them, evenly spaced.
    let mut mentioned: Vec<(&str, usize)> = before
        .agents
        .iter()
        .enumerate()
        .map(|(index, agent)| {
            let by = before
                .agents
                .iter()
                .filter(|other| other.mentions.contains(&index))
                .count();
            (agent.name.as_str(), by)
        })
        .filter(|(_, by)| *by >= 2)
        .collect();
    mentioned.sort();
    assert!(mentioned.len() >= 10, "{mentioned:?}");
    let step = mentioned.len() / 10;
    let deleted: Vec<&str> = (0..10).map(|i| mentioned[i * step].0).collect();
    let truth: Vec<(&str, BTreeSet<_>)> = deleted
        .iter()
        .map(|name| (*name, places_naming(&before, name, &deleted)))
        .collect();
    for name in &deleted {
        let agent = before
            .agents
            .iter()
            .find(|a| a.name == *name)
            .expect("deleted agent");
        let path = before.file_of(agent).path().to_owned();
        let relative = path.strip_prefix("voltagent/").expect("in the copy");
        std::fs::remove_file(copy.join(relative)).expect("delete the agent file");
    }
    let after = compile_dir(&copy, "voltagent", &Config::default());
    let (mut named, mut found) = (0, 0);
    let mut missed = Vec::new();
    for (name, places) in &truth {
        let reported = reported(&after, name);
        let hits = places.intersection(&reported).count();
        eprintln!(
            "{name}: named at {} places, {hits} reported ({} reports in all)",
            places.len(),
            reported.len()
        );
        missed.extend(
            places
                .difference(&reported)
                .map(|p| (name.to_owned(), p.clone())),
        );
        named += places.len();
        found += hits;
        // Every report is at a place that names the deleted agent.
        assert!(
            reported.is_subset(places),
            "{name}: {:?}",
            reported.difference(places)
        );
    }
    for (name, (file, line, column)) in &missed {
        let text = after
            .source(file)
            .map(|s| s.line_text(*line).trim().to_owned())
            .unwrap_or_default();
        eprintln!("missed {name} at {file}:{line}:{column}: {text}");
    }
    let recall = found as f64 / named as f64;
    eprintln!(
        "recall: {found} of {named} places ({:.1} %), deleted: {}",
        recall * 100.0,
        deleted.join(", ")
    );
    assert!(named >= 100, "the ten agents are named at {named} places");
    assert!(recall >= 0.90, "recall {:.1} %", recall * 100.0);
    let diagnostics = after
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnknownAgentInPrompt)
        .count();
    assert!(diagnostics > 0);
}
