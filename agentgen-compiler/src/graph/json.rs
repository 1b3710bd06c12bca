//! JSON.

use serde_json::{Value, json};

use std::collections::BTreeMap;

use super::Graph;
use crate::catalog::Catalog;
use crate::catalog::targets::{Target, Verdict, copilot, gemini};

/// Per catalog, the Copilot verdict on each agent file (by display path), when the catalog
/// checks the target `copilot`.
fn copilot_verdicts(catalogs: &[&Catalog]) -> Vec<BTreeMap<String, Value>> {
    catalogs
        .iter()
        .map(|catalog| {
            if !catalog.config.checks(Target::Copilot) {
                return BTreeMap::new();
            }
            let assessments = copilot::assess_catalog(catalog);
            catalog
                .files()
                .iter()
                .zip(&assessments)
                .filter_map(|(file, assessment)| {
                    let verdict = assessment.verdict.as_ref()?;
                    Some((file.path().to_owned(), verdict_json(verdict)))
                })
                .collect()
        })
        .collect()
}

/// Per catalog, the Gemini export's verdict on each agent (by its file's display path), when
/// the catalog checks the target `gemini`.
fn gemini_verdicts(catalogs: &[&Catalog]) -> Vec<BTreeMap<String, Value>> {
    catalogs
        .iter()
        .map(|catalog| {
            if !catalog.config.checks(Target::Gemini) {
                return BTreeMap::new();
            }
            (0..catalog.agents().len())
                .filter_map(|index| {
                    let translation = gemini::translate(catalog, index)?;
                    let file = catalog.file_of(&catalog.agents()[index]).path().to_owned();
                    Some((file, verdict_json(&translation.verdict)))
                })
                .collect()
        })
        .collect()
}

/// `{"verdict", "lost", "reason"}` of one agent for one target.
fn verdict_json(verdict: &Verdict) -> Value {
    let mut detail = json!({});
    for (key, value) in verdict.json_fields() {
        detail[key] = value;
    }
    detail
}

/// JSON: `{"nodes": […], "edges": […]}` (shape in the module documentation).
pub fn json(graph: &Graph, catalogs: &[&Catalog]) -> Value {
    let verdicts = copilot_verdicts(catalogs);
    let gemini = gemini_verdicts(catalogs);
    let nodes: Vec<Value> = graph
        .nodes
        .iter()
        .map(|n| {
            let copilot = n
                .file
                .as_ref()
                .and_then(|file| verdicts.get(n.catalog)?.get(file));
            let mut node = json!({
                "id": n.id,
                "name": n.name,
                "kind": n.kind.as_str(),
                "catalog": catalogs.get(n.catalog).map(|c| c.display_root.as_str()),
                "pack": n.pack,
                "file": n.file,
            });
            if let Some(copilot) = copilot {
                node["targets"] = json!({ "copilot": copilot });
            }
            if let Some(gemini) = n
                .file
                .as_ref()
                .and_then(|file| gemini.get(n.catalog)?.get(file))
            {
                node["targets"]["gemini"] = gemini.clone();
            }
            node
        })
        .collect();
    let edges: Vec<Value> = graph
        .edges
        .iter()
        .map(|e| {
            let places: Vec<Value> = e
                .places
                .iter()
                .map(|p| json!({"line": p.line, "column": p.column, "form": p.form}))
                .collect();
            json!({"from": e.from, "to": e.to, "kind": e.kind.as_str(), "places": places})
        })
        .collect();
    json!({"nodes": nodes, "edges": edges})
}
