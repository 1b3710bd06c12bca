//! Graphviz DOT.

use std::fmt::Write as _;

use super::{EdgeKind, Graph, NodeKind};

/// A DOT string literal: `"` and `\` escaped, line breaks as spaces.
fn dot_string(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace(['\n', '\r'], " ");
    format!("\"{escaped}\"")
}

/// Graphviz DOT: `digraph agents` with a `cluster_…` subgraph per pack; frontmatter edges solid,
/// prompt edges dashed, preloaded skills as thick green edges to green ellipses, unresolved
/// references in red, external agents and skills in grey.
pub fn dot(graph: &Graph) -> String {
    let mut out = String::from(
        "digraph agents {\n  graph [rankdir=LR, pack=true, packmode=\"clust\", concentrate=true, fontname=\"Helvetica\", fontsize=12, nodesep=0.25, ranksep=0.6];\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\", color=\"#4a6fa5\", fontname=\"Helvetica\", fontsize=11];\n  edge [color=\"#555555\", arrowsize=0.7];\n",
    );
    fn write_level(graph: &Graph, parent: Option<usize>, depth: usize, out: &mut String) {
        let indent = "  ".repeat(depth);
        let (groups, nodes) = graph.children(parent);
        for node in nodes {
            let style = match node.kind {
                NodeKind::Agent => String::new(),
                NodeKind::External => {
                    ", fillcolor=\"#eeeeee\", color=\"#888888\", fontcolor=\"#555555\", style=\"rounded,filled,dashed\"".to_owned()
                }
                NodeKind::Unresolved => {
                    ", fillcolor=\"#fde8e8\", color=\"#cc0000\", fontcolor=\"#cc0000\"".to_owned()
                }
                NodeKind::Skill => {
                    ", shape=ellipse, style=\"filled\", fillcolor=\"#e8f5e9\", color=\"#2e7d32\", fontcolor=\"#1b5e20\"".to_owned()
                }
                NodeKind::ExternalSkill => {
                    ", shape=ellipse, style=\"filled,dashed\", fillcolor=\"#eeeeee\", color=\"#888888\", fontcolor=\"#555555\"".to_owned()
                }
                NodeKind::Command => {
                    ", shape=ellipse, style=\"filled\", fillcolor=\"#fff3e0\", color=\"#e65100\", fontcolor=\"#bf360c\"".to_owned()
                }
            };
            let _ = writeln!(
                out,
                "{indent}{} [label={}, tooltip={}{style}];",
                node.id,
                dot_string(&node.label),
                dot_string(&node.name)
            );
        }
        for group in groups {
            let g = &graph.groups[group];
            let _ = writeln!(
                out,
                "{indent}subgraph cluster_{} {{\n{indent}  label={}; style=\"rounded\"; color=\"#aaaaaa\";",
                g.id,
                dot_string(&g.label)
            );
            write_level(graph, Some(group), depth + 1, out);
            let _ = writeln!(out, "{indent}}}");
        }
    }
    write_level(graph, None, 1, &mut out);
    for edge in graph.drawn_edges() {
        let unresolved = graph
            .node(&edge.to)
            .is_some_and(|n| n.kind == NodeKind::Unresolved);
        let style = match (edge.kind, unresolved) {
            (EdgeKind::Frontmatter, _) => "",
            (EdgeKind::Prompt, false) => " [style=dashed]",
            (EdgeKind::Prompt, true) => " [style=dashed, color=\"#cc0000\"]",
            (EdgeKind::Skill, _) => " [penwidth=2, color=\"#2e7d32\"]",
        };
        let _ = writeln!(out, "  {} -> {}{style};", edge.from, edge.to);
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped() {
        assert_eq!(dot_string("a\"b\\c\nd"), "\"a\\\"b\\\\c d\"");
    }
}
