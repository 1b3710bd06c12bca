//! JSON.

use serde_json::{Value, json};

use super::Graph;
use crate::catalog::Catalog;

/// JSON: `{"nodes": […], "edges": […]}` (shape in the module documentation).
pub fn json(graph: &Graph, catalogs: &[&Catalog]) -> Value {
    let nodes: Vec<Value> = graph
        .nodes
        .iter()
        .map(|n| {
            let mut node = json!({
                "id": n.id,
                "name": n.name,
                "kind": n.kind.as_str(),
                "catalog": catalogs.get(n.catalog).map(|c| c.display_root.as_str()),
                "pack": n.pack,
                "file": n.file,
            });
            for (target, verdict) in &n.targets {
                node["targets"][target.as_str()] = verdict.to_json();
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
