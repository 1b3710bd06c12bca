//! Agent references in prompts the scanner was not shaped on: the held-out set of issue 22
//! (`tests/fixtures/prompt-references-heldout/cases.txt`, 64 prompts in English, Chinese and
//! Japanese, each with its catalog and the references expected).
//!
//! Every case is compiled as a real catalog (`compile_dir` over a directory of agent files):
//! the prompt is the agent `heldout-self`, the catalog's other agents are stub files. The test
//! compares the mentions and the unresolved references (`unknown-agent-in-prompt`, one per
//! name) with the expected ones, prints precision and recall of both and the did-you-mean
//! figures (`cargo test -p agentgen-compiler --test prompt_references_heldout -- --nocapture`),
//! and fails when a figure falls below the floors below.
//!
//! Measured before the rules of issue 22 (one-word names, groups, `@` directives) were
//! written, on the same set: unresolved references precision 33.3 % (14 of 42 reports), recall
//! 60.9 % (14 of 23), did-you-mean 3 of 10; mentions precision 100 % (45 of 45), recall 81.8 %
//! (45 of 55).

use std::collections::BTreeSet;
use std::path::Path;

use agentgen_compiler::{Config, compile_dir};

/// The floors: precision of the reports users `deny` (issue 22: ≥ 95 %), and the recall measured
/// after the rules of issue 22, which must not drop.
const MIN_UNRESOLVED_PRECISION: f64 = 0.95;
const MIN_UNRESOLVED_RECALL: f64 = 0.95;
const MIN_MENTION_PRECISION: f64 = 0.95;
const MIN_MENTION_RECALL: f64 = 0.98;
/// Of the near misses the set expects a did-you-mean for, how many must give it.
const MIN_DID_YOU_MEAN: f64 = 1.0;

/// The agent whose prompt each case is.
const SELF: &str = "heldout-self";

struct Case {
    id: String,
    agents: Vec<String>,
    mentions: BTreeSet<String>,
    /// Name as written → the did-you-mean expected (if any).
    unresolved: Vec<(String, Option<String>)>,
    prompt: String,
}

fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn cases() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/prompt-references-heldout/cases.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut cases = Vec::new();
    for block in text.split("\n=== ").skip(1) {
        let (head, prompt) = block
            .split_once("\n---\n")
            .unwrap_or_else(|| panic!("case without `---`: {block}"));
        let mut lines = head.lines();
        let id = lines.next().unwrap_or_default().trim().to_owned();
        let mut case = Case {
            id,
            agents: Vec::new(),
            mentions: BTreeSet::new(),
            unresolved: Vec::new(),
            prompt: prompt.to_owned(),
        };
        for line in lines.filter(|l| !l.starts_with('#')) {
            let (key, value) = line
                .split_once(':')
                .unwrap_or_else(|| panic!("{}: `{line}`", case.id));
            match key {
                "agents" => case.agents = list(value),
                "mentions" => case.mentions = list(value).into_iter().collect(),
                "unresolved" => {
                    case.unresolved = list(value)
                        .into_iter()
                        .map(|item| match item.split_once("->") {
                            Some((name, meant)) => {
                                (name.trim().to_owned(), Some(meant.trim().to_owned()))
                            }
                            None => (item, None),
                        })
                        .collect();
                }
                other => panic!("{}: unknown key `{other}`", case.id),
            }
        }
        for mention in &case.mentions {
            assert!(case.agents.contains(mention), "{}: {mention}", case.id);
        }
        cases.push(case);
    }
    cases
}

/// What the engine finds in one case: mentions, and unresolved names with their suggestions.
fn run(case: &Case) -> (BTreeSet<String>, Vec<(String, Vec<String>)>) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("prompt-references-heldout")
        .join(&case.id);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let write = |name: &str, body: &str| {
        let text =
            format!("---\nname: {name}\ndescription: Held-out case agent {name}.\n---\n{body}");
        std::fs::write(dir.join(format!("{name}.md")), text).expect("write an agent file");
    };
    write(SELF, &case.prompt);
    for agent in &case.agents {
        write(agent, "Stub.\n");
    }
    let catalog = compile_dir(&dir, "heldout", &Config::default());
    let me = catalog
        .agents()
        .iter()
        .find(|a| a.name == SELF)
        .unwrap_or_else(|| panic!("{}: {SELF} not compiled", case.id));
    let mentions = me
        .mentions
        .iter()
        .map(|&i| catalog.agents()[i].name.clone())
        .collect();
    let mut unresolved: Vec<(String, Vec<String>)> = Vec::new();
    for reference in me.prompt_references.iter().filter(|r| r.is_unresolved()) {
        if !unresolved.iter().any(|(n, _)| *n == reference.written) {
            unresolved.push((reference.written.clone(), reference.suggestions.clone()));
        }
    }
    (mentions, unresolved)
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

#[test]
fn held_out_prompts_precision_and_recall() {
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let (mut mention_hits, mut mentions_found, mut mentions_expected) = (0, 0, 0);
    let (mut unresolved_hits, mut unresolved_found, mut unresolved_expected) = (0, 0, 0);
    let (mut meant_expected, mut meant_given) = (0, 0);
    for case in &cases {
        let (mentions, unresolved) = run(case);
        mentions_found += mentions.len();
        mentions_expected += case.mentions.len();
        mention_hits += mentions.intersection(&case.mentions).count();
        for missed in case.mentions.difference(&mentions) {
            eprintln!("{}: mention missed: {missed}", case.id);
        }
        for extra in mentions.difference(&case.mentions) {
            eprintln!("{}: mention not expected: {extra}", case.id);
        }
        unresolved_found += unresolved.len();
        unresolved_expected += case.unresolved.len();
        for (name, meant) in &case.unresolved {
            let found = unresolved.iter().find(|(n, _)| n == name);
            match found {
                Some(_) => unresolved_hits += 1,
                None => eprintln!("{}: unresolved missed: {name}", case.id),
            }
            if let Some(meant) = meant {
                meant_expected += 1;
                if found.is_some_and(|(_, suggestions)| suggestions.contains(meant)) {
                    meant_given += 1;
                } else {
                    eprintln!("{}: no did-you-mean `{meant}` for {name}", case.id);
                }
            }
        }
        for (name, _) in &unresolved {
            if !case.unresolved.iter().any(|(n, _)| n == name) {
                eprintln!("{}: unresolved not expected: {name}", case.id);
            }
        }
    }
    let unresolved_precision = ratio(unresolved_hits, unresolved_found);
    let unresolved_recall = ratio(unresolved_hits, unresolved_expected);
    let mention_precision = ratio(mention_hits, mentions_found);
    let mention_recall = ratio(mention_hits, mentions_expected);
    let did_you_mean = ratio(meant_given, meant_expected);
    eprintln!(
        "held-out set, {} prompts:\n  unresolved references: precision {:.1} % ({unresolved_hits} of {unresolved_found}), recall {:.1} % ({unresolved_hits} of {unresolved_expected}); did-you-mean {meant_given} of {meant_expected}\n  mentions: precision {:.1} % ({mention_hits} of {mentions_found}), recall {:.1} % ({mention_hits} of {mentions_expected})",
        cases.len(),
        unresolved_precision * 100.0,
        unresolved_recall * 100.0,
        mention_precision * 100.0,
        mention_recall * 100.0,
    );
    assert!(unresolved_precision >= MIN_UNRESOLVED_PRECISION);
    assert!(unresolved_recall >= MIN_UNRESOLVED_RECALL);
    assert!(mention_precision >= MIN_MENTION_PRECISION);
    assert!(mention_recall >= MIN_MENTION_RECALL);
    assert!(did_you_mean >= MIN_DID_YOU_MEAN);
}
