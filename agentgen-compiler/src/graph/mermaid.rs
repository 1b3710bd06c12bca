//! Mermaid.

use std::fmt::Write as _;

use super::{EdgeKind, Graph, NodeKind};

/// Mermaid: `flowchart LR` with a subgraph per pack; frontmatter edges `-->`, prompt edges
/// `-.->`, preloaded skills `==>` to stadium-shaped nodes, unresolved references in red,
/// external agents and skills in grey.
pub fn mermaid(graph: &Graph) -> String {
    let mut out = String::from("flowchart LR\n");
    fn label(text: &str) -> String {
        text.replace('"', "#quot;")
            .replace('<', "#lt;")
            .replace('>', "#gt;")
    }
    fn write_level(graph: &Graph, parent: Option<usize>, depth: usize, out: &mut String) {
        let indent = "  ".repeat(depth);
        let (groups, nodes) = graph.children(parent);
        for node in nodes {
            let (open, close, class) = match node.kind {
                NodeKind::Agent => ("[", "]", ""),
                NodeKind::External => ("[", "]", ":::external"),
                NodeKind::Unresolved => ("[", "]", ":::unresolved"),
                NodeKind::Skill => ("([", "])", ":::skill"),
                NodeKind::ExternalSkill => ("([", "])", ":::external"),
                NodeKind::Command => ("([", "])", ":::command"),
            };
            let _ = writeln!(
                out,
                "{indent}{}{open}\"{}\"{close}{class}",
                node.id,
                label(&node.label)
            );
        }
        for group in groups {
            let g = &graph.groups[group];
            let _ = writeln!(out, "{indent}subgraph {}[\"{}\"]", g.id, label(&g.label));
            write_level(graph, Some(group), depth + 1, out);
            let _ = writeln!(out, "{indent}end");
        }
    }
    write_level(graph, None, 1, &mut out);
    for edge in graph.drawn_edges() {
        let arrow = match edge.kind {
            EdgeKind::Frontmatter => "-->",
            EdgeKind::Prompt => "-.->",
            EdgeKind::Skill => "==>",
        };
        let _ = writeln!(out, "  {} {arrow} {}", edge.from, edge.to);
    }
    // Red dashed edges to unresolved references (`linkStyle` takes edge numbers).
    let unresolved_edges: Vec<String> = graph
        .drawn_edges()
        .enumerate()
        .filter(|(_, e)| {
            graph
                .node(&e.to)
                .is_some_and(|n| n.kind == NodeKind::Unresolved)
        })
        .map(|(i, _)| i.to_string())
        .collect();
    if !unresolved_edges.is_empty() {
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:#cc0000",
            unresolved_edges.join(",")
        );
    }
    out.push_str("  classDef unresolved fill:#fde8e8,stroke:#cc0000,color:#cc0000\n");
    out.push_str("  classDef external fill:#eeeeee,stroke:#888888,color:#555555\n");
    if graph.nodes.iter().any(|n| n.kind == NodeKind::Skill) {
        out.push_str("  classDef skill fill:#e8f5e9,stroke:#2e7d32,color:#1b5e20\n");
    }
    if graph.nodes.iter().any(|n| n.kind == NodeKind::Command) {
        out.push_str("  classDef command fill:#fff3e0,stroke:#e65100,color:#bf360c\n");
    }
    out
}
