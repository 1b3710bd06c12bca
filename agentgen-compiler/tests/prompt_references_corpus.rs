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

use agentgen_compiler::{Catalog, Config, compile_dir};

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
    for agent in catalog.agents() {
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
                let location = file.source.span(start + at..start + end);
                places.insert((file.path().to_owned(), location.line, location.column));
            }
        }
    }
    places
}

/// `(file, line, column)` of every unresolved reference to `name`.
fn reported(catalog: &Catalog, name: &str) -> BTreeSet<(String, usize, usize)> {
    catalog
        .agents()
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

/// How the ten agents to delete are chosen.
#[derive(Clone, Copy, Debug)]
enum Choice {
    /// Among the agents that at least two other agents mention, ten evenly spaced by name.
    EvenlySpacedByName,
    /// The ten agents named at the most places (by plain text search).
    MostNamed,
}

/// Copies `collection`, deletes ten agents chosen by `choice`, and returns, per deleted agent,
/// the places that named it and how many of them are now reported; asserts that every report is
/// at such a place.
fn delete_ten(shared: &Path, collection: &str, choice: Choice) -> Vec<(String, usize, usize)> {
    let source = shared.join("corpus").join(collection);
    let copy: PathBuf =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("recall-{collection}-{choice:?}"));
    let _ = std::fs::remove_dir_all(&copy);
    copy_dir(&source, &copy);
    let before = compile_dir(&copy, "copy", &Config::default());
    let mut candidates: Vec<(String, usize)> = before
        .agents()
        .iter()
        .enumerate()
        .map(|(index, agent)| {
            let by = before
                .agents()
                .iter()
                .filter(|other| other.mentions.contains(&index))
                .count();
            (agent.name.clone(), by)
        })
        .filter(|(_, by)| *by >= 2)
        .collect();
    candidates.sort();
    assert!(candidates.len() >= 10, "{candidates:?}");
    let deleted: Vec<String> = match choice {
        Choice::EvenlySpacedByName => {
            let step = candidates.len() / 10;
            (0..10).map(|i| candidates[i * step].0.clone()).collect()
        }
        Choice::MostNamed => {
            let names: Vec<&str> = candidates.iter().map(|(n, _)| n.as_str()).collect();
            let mut counted: Vec<(usize, String)> = names
                .iter()
                .map(|n| (places_naming(&before, n, &[n]).len(), (*n).to_owned()))
                .collect();
            counted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            counted.into_iter().take(10).map(|(_, n)| n).collect()
        }
    };
    let deleted_names: Vec<&str> = deleted.iter().map(String::as_str).collect();
    let truth: Vec<(&str, BTreeSet<_>)> = deleted_names
        .iter()
        .map(|name| (*name, places_naming(&before, name, &deleted_names)))
        .collect();
    for name in &deleted_names {
        let agent = before
            .agents()
            .iter()
            .find(|a| a.name == *name)
            .expect("deleted agent");
        let path = before.file_of(agent).path().to_owned();
        let relative = path.strip_prefix("copy/").expect("in the copy");
        std::fs::remove_file(copy.join(relative)).expect("delete the agent file");
    }
    let after = compile_dir(&copy, "copy", &Config::default());
    let mut counts = Vec::new();
    for (name, places) in &truth {
        let reported = reported(&after, name);
        // Every report is at a place that names the deleted agent.
        assert!(
            reported.is_subset(places),
            "{name}: {:?}",
            reported.difference(places)
        );
        for (file, line, column) in places.difference(&reported) {
            let text = after
                .source(file)
                .map(|s| s.line_text(*line).trim().to_owned())
                .unwrap_or_default();
            eprintln!("missed {name} at {file}:{line}:{column}: {text}");
        }
        let hits = places.intersection(&reported).count();
        counts.push(((*name).to_owned(), places.len(), hits));
    }
    counts
}

#[test]
fn deleting_ten_mentioned_agents_reports_the_places_that_named_them() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    for choice in [Choice::EvenlySpacedByName, Choice::MostNamed] {
        let counts = delete_ten(&shared, COLLECTION, choice);
        let named: usize = counts.iter().map(|(_, n, _)| n).sum();
        let found: usize = counts.iter().map(|(_, _, f)| f).sum();
        let recall = found as f64 / named as f64;
        let detail: Vec<String> = counts
            .iter()
            .map(|(name, n, f)| format!("{name} {f}/{n}"))
            .collect();
        eprintln!(
            "{COLLECTION}, {choice:?}: recall {found} of {named} places ({:.1} %): {}",
            recall * 100.0,
            detail.join(", ")
        );
        assert!(named >= 100, "the ten agents are named at {named} places");
        assert!(recall >= 0.90, "{choice:?}: recall {:.1} %", recall * 100.0);
    }
}
