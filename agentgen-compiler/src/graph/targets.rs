//! The other runtimes' verdicts on the agents drawn, for the targets each catalog asks for
//! (agentgen.toml `targets`, `--target`): what the JSON graph lists per node and what the
//! pictures add to an agent's label.

use std::collections::BTreeMap;

use crate::catalog::Catalog;
use crate::catalog::targets::{Target, Verdict, copilot, gemini};

/// Per catalog drawn, each agent file's verdicts (by display path), in target order: Copilot's
/// reading of the file, then the Gemini export's translation. Empty for a catalog that asks for
/// neither.
pub(super) fn verdicts(catalogs: &[&Catalog]) -> Vec<BTreeMap<String, Vec<(Target, Verdict)>>> {
    catalogs
        .iter()
        .map(|catalog| {
            let mut by_file: BTreeMap<String, Vec<(Target, Verdict)>> = BTreeMap::new();
            if catalog.config.checks(Target::Copilot) {
                let assessments = copilot::assess_catalog(catalog);
                for (file, assessment) in catalog.files().iter().zip(assessments) {
                    if let Some(verdict) = assessment.verdict {
                        by_file
                            .entry(file.path().to_owned())
                            .or_default()
                            .push((Target::Copilot, verdict));
                    }
                }
            }
            if catalog.config.checks(Target::Gemini) {
                for (index, agent) in catalog.agents().iter().enumerate() {
                    if let Some(translation) = gemini::translate(catalog, index) {
                        by_file
                            .entry(catalog.file_of(agent).path().to_owned())
                            .or_default()
                            .push((Target::Gemini, translation.verdict));
                    }
                }
            }
            by_file
        })
        .collect()
}

/// What the pictures add to an agent's label: ` (copilot: loses-fields, gemini: whole)`.
pub(super) fn label_suffix(verdicts: &[(Target, Verdict)]) -> String {
    let parts: Vec<String> = verdicts
        .iter()
        .map(|(target, verdict)| format!("{}: {}", target.as_str(), verdict.as_str()))
        .collect();
    format!(" ({})", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{self, Input};
    use crate::config::Config;
    use crate::graph::{dot, graph, json::json, mermaid::mermaid};

    fn catalog(targets: &str) -> Catalog {
        let text =
            "---\nname: reviewer\ndescription: Reviews\ntools: Read\ncolor: red\n---\nReview.\n";
        let file = crate::read::read_agent("agents/reviewer.md", text.as_bytes());
        let config = Config::parse(targets, "agentgen.toml").expect("config");
        catalog::compile(
            Input {
                agents: vec![catalog::PlacedAgent::project(file)],
                display_root: "agents".into(),
                ..Input::default()
            },
            config,
        )
    }

    #[test]
    fn the_pictures_and_json_show_each_asked_targets_verdict() {
        let asked = catalog("targets = [\"copilot\", \"gemini\"]\n");
        let drawn = graph(&[&asked]);
        let label = "reviewer (copilot: loses-fields, gemini: loses-fields)";
        assert!(mermaid(&drawn).contains(label), "{}", mermaid(&drawn));
        assert!(dot::dot(&drawn).contains(label), "{}", dot::dot(&drawn));
        let value = json(&drawn, &[&asked]);
        assert_eq!(value["nodes"][0]["targets"]["gemini"]["lost"][0], "color");
        assert_eq!(
            value["nodes"][0]["targets"]["copilot"]["verdict"],
            "loses-fields"
        );

        let plain = catalog("");
        let drawn = graph(&[&plain]);
        assert!(
            mermaid(&drawn).contains("[\"reviewer\"]"),
            "{}",
            mermaid(&drawn)
        );
        assert!(json(&drawn, &[&plain])["nodes"][0].get("targets").is_none());
    }
}
