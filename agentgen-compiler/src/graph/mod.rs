//! `agentgen graph`: the team as a picture. Agents are nodes, packs are subgraphs (and each
//! catalog one when several are drawn), frontmatter references (`Agent(x)` / `Task(x)` in
//! `tools`, `dependencies`, `collaborators`, `observer`) are solid edges, prompt mentions are
//! dashed edges, and names the prompt writes as an agent's that no agent has (the
//! `unknown-agent-in-prompt` lint) are red nodes, drawn in the pack of the agent that names them.
//! External agents (declared in agentgen.toml, or Claude Code's built-in ones) are grey nodes.
//! Skills (a `.claude` project's or a plugin's, issue 18) are green rounded nodes in their
//! plugin's subgraph; an agent's `skills` entries are thick edges to them (grey nodes for the
//! skills Claude Code bundles and those declared external), and a skill's `agent` field is a
//! solid edge from the skill to that agent.
//! Commands (`commands/**/*.md`, which Claude Code offers as skills) are orange nodes beside
//! the skills; an agent that preloads one has a thick edge to it.
//!
//! Nodes are labelled with qualified names (`review-kit:security:auditor`). [`Graph::filtered`]
//! keeps one plugin's agents and skills and what they reference, or only the nodes with an edge
//! (`agentgen graph --plugin NAME --connected`): a marketplace of 200 agents is otherwise too
//! large a picture. DOT packs the clusters into a block (`pack=true, packmode="clust"`) rather
//! than a strip one cluster wide (`newrank` is left out: Graphviz 2.43 crashes on it with `pack`).
//!
//! Three formats, all deterministic (same catalogs, byte-identical output):
//!
//! - [`mermaid()`]: a `flowchart LR`, which GitHub renders in Markdown;
//! - [`dot()`]: Graphviz DOT (`agentgen graph agents --format dot | dot -Tsvg > team.svg`);
//! - [`json()`]: `{"nodes": [{"id", "name" (qualified name, or the name as written for an
//!   unresolved reference), "kind": "agent" | "external" | "unresolved" | "skill" |
//!   "external-skill" | "command", "catalog" (its directory as shown), "pack" (the pack or plugin, or null),
//!   "file" (or null)}], "edges": [{"from", "to" (node ids), "kind": "frontmatter" | "prompt" |
//!   "skill", "places": [{"line", "column", "form"}] (prompt edges: where the prompt names the
//!   agent)}]}`; with the targets `copilot` and `gemini`, an agent's node adds `"targets":
//!   {"copilot"?: V, "gemini"?: V}` with V = `{"verdict": "whole" | "loses-fields" |
//!   "cannot-take", "lost": [keys], "reason": why it cannot take the agent, or null}`, and the
//!   pictures (Mermaid, DOT) add them to the agent's label: `reviewer (copilot: loses-fields,
//!   gemini: whole)`. JSON
//!   lists a prompt edge even where a frontmatter
//!   edge joins the same agents; the pictures draw only the frontmatter edge there.

mod dot;
mod from_catalog;
mod json;
mod mermaid;
mod targets;

use std::collections::{BTreeMap, BTreeSet};

use crate::catalog::Catalog;
use crate::catalog::targets::{Target, Verdict};
use crate::error::Error;
pub use dot::dot;
use from_catalog::add_catalog;
pub use json::json;
pub use mermaid::mermaid;

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// An agent of the catalog.
    Agent,
    /// An agent outside the catalog: declared external, or one of Claude Code's built-in agents.
    External,
    /// A name a prompt writes as an agent's that no agent has.
    Unresolved,
    /// A skill of the catalog (a `.claude` project's `skills/`, or a plugin's).
    Skill,
    /// A skill outside the catalog that an agent preloads: one Claude Code bundles, or one
    /// declared under `[skills] external` in agentgen.toml.
    ExternalSkill,
    /// A command of the catalog (`commands/**/*.md` of a `.claude` project or a plugin).
    Command,
}

impl NodeKind {
    /// `agent`, `external`, `unresolved`, `skill`, `external-skill` or `command`.
    pub const fn as_str(self) -> &'static str {
        match self {
            NodeKind::Agent => "agent",
            NodeKind::External => "external",
            NodeKind::Unresolved => "unresolved",
            NodeKind::Skill => "skill",
            NodeKind::ExternalSkill => "external-skill",
            NodeKind::Command => "command",
        }
    }
}

/// What an edge stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeKind {
    /// The frontmatter names the agent (solid).
    Frontmatter,
    /// The prompt names the agent (dashed).
    Prompt,
    /// The agent preloads the skill: an entry of its `skills` field (thick).
    Skill,
}

impl EdgeKind {
    /// `frontmatter`, `prompt` or `skill`.
    pub const fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Frontmatter => "frontmatter",
            EdgeKind::Prompt => "prompt",
            EdgeKind::Skill => "skill",
        }
    }
}

/// A node of the graph.
#[derive(Debug, Clone)]
pub struct Node {
    /// Identifier in the output (`c0_a3`: catalog 0, agent 3; `c0_s1`: skill 1), valid in DOT
    /// and Mermaid.
    pub id: String,
    /// The text drawn: the qualified name (`review-kit:security:auditor`, `plugin:skill`), or
    /// the name as written for an unresolved reference or one outside the catalog.
    pub label: String,
    /// The qualified name (`pack:name`, `plugin:skill`), or the name as written for an
    /// unresolved reference.
    pub name: String,
    /// What it stands for.
    pub kind: NodeKind,
    /// The group (subgraph) it is drawn in, an index into [`Graph::groups`].
    pub group: Option<usize>,
    /// Index of its catalog in the catalogs drawn.
    pub catalog: usize,
    /// Its pack (for a skill, its plugin).
    pub pack: Option<String>,
    /// Its file, for agents and skills of the catalog.
    pub file: Option<String>,
    /// For an agent of a catalog that asks for other targets (agentgen.toml `targets`,
    /// `--target`): each target's verdict, in target order; empty otherwise.
    pub targets: Vec<(Target, Verdict)>,
}

/// A subgraph: a catalog (when several are drawn) or a pack.
#[derive(Debug, Clone)]
pub struct Group {
    /// Identifier in the output (`c0`, `c0_p1`).
    pub id: String,
    /// The text drawn: the catalog's directory or the pack's (or plugin's) name.
    pub label: String,
    /// The enclosing group.
    pub parent: Option<usize>,
}

/// One place a prompt names an agent.
#[derive(Debug, Clone)]
pub struct Place {
    /// 1-based line in the agent file.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// How it is written (`ReferenceForm::as_str`).
    pub form: &'static str,
}

/// An edge of the graph.
#[derive(Debug, Clone)]
pub struct Edge {
    /// Node id of the agent that names the other (or of the skill whose `agent` names it).
    pub from: String,
    /// Node id of the agent (or skill) named.
    pub to: String,
    /// Where it is named.
    pub kind: EdgeKind,
    /// For prompt edges, the places in the prompt.
    pub places: Vec<Place>,
}

/// The graph of one or more catalogs.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// Subgraphs, parents before children.
    pub groups: Vec<Group>,
    /// Nodes: each catalog's agents in its order, its skills in their order, then external
    /// and unresolved nodes in order of first reference.
    pub nodes: Vec<Node>,
    /// Edges, by source agent; for each, frontmatter edges, then prompt edges in order of
    /// first mention, then its skills in the order of its `skills` field; then each skill's
    /// `agent` edge.
    pub edges: Vec<Edge>,
}

/// The graph of `catalogs` (one subgraph per catalog when there are several).
pub fn graph(catalogs: &[&Catalog]) -> Graph {
    let mut graph = Graph::default();
    for (index, catalog) in catalogs.iter().enumerate() {
        let outer = (catalogs.len() > 1).then(|| {
            graph.groups.push(Group {
                id: format!("c{index}"),
                label: catalog.display_root.clone(),
                parent: None,
            });
            graph.groups.len() - 1
        });
        add_catalog(&mut graph, index, catalog, outer);
    }
    // The other runtimes' verdicts, in the pictures' labels (JSON lists them per node).
    let mut verdicts = targets::verdicts(catalogs);
    for node in &mut graph.nodes {
        let found = node
            .file
            .as_ref()
            .and_then(|file| verdicts.get_mut(node.catalog)?.remove(file));
        if let (NodeKind::Agent, Some(found)) = (node.kind, found) {
            node.label.push_str(&targets::label_suffix(&found));
            node.targets = found;
        }
    }
    graph
}

/// The part of `graph` that shows a team: the agents `members` names (`(catalog, agent)`:
/// the index of the catalog among those drawn and an index into its [`Catalog::agents`], as
/// [`Catalog::team`] gives them), the edges between them, and the skills, external agents and
/// unresolved names they reach (with a kept skill's edge to a kept agent). Other agents, and
/// groups left empty, are left out; ids and order stay as in `graph`.
pub fn team_graph(graph: &Graph, members: &[(usize, usize)]) -> Graph {
    let agents: BTreeSet<String> = members
        .iter()
        .map(|(catalog, agent)| format!("c{catalog}_a{agent}"))
        .collect();
    let kind_of: BTreeMap<&str, NodeKind> = graph
        .nodes
        .iter()
        .map(|node| (node.id.as_str(), node.kind))
        .collect();
    let is_agent = |id: &str| kind_of.get(id) == Some(&NodeKind::Agent);
    let mut kept: BTreeSet<String> = agents.clone();
    // Edges from the team's agents: to other members, or to what is not an agent.
    for edge in &graph.edges {
        if agents.contains(&edge.from) && (agents.contains(&edge.to) || !is_agent(&edge.to)) {
            kept.insert(edge.to.clone());
        }
    }
    let edges: Vec<Edge> = graph
        .edges
        .iter()
        .filter(|edge| kept.contains(&edge.from) && kept.contains(&edge.to))
        .filter(|edge| is_agent(&edge.from) || agents.contains(&edge.to))
        .cloned()
        .collect();
    let nodes: Vec<Node> = graph
        .nodes
        .iter()
        .filter(|node| kept.contains(&node.id))
        .cloned()
        .collect();
    graph.with_groups_of(nodes, edges)
}

/// Which part of a graph to draw (`agentgen graph --plugin NAME --connected`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only the agents and skills of this plugin (or pack), the nodes their edges reach, and
    /// those edges.
    pub plugin: Option<String>,
    /// Only the nodes with an edge (after `plugin`).
    pub connected: bool,
}

impl Graph {
    /// This graph with only the nodes `filter` keeps, the edges between them (with `plugin`,
    /// the edges from its agents and skills), and the groups that still hold a node. Node and
    /// group ids stay as they are.
    ///
    /// # Errors
    ///
    /// [`Error::Option`]: `filter.plugin` names no plugin or pack of the graph (the message
    /// lists them).
    pub fn filtered(&self, filter: &Filter) -> Result<Graph, Error> {
        let mut keep: BTreeSet<&str> = self.nodes.iter().map(|n| n.id.as_str()).collect();
        let mut edges: Vec<&Edge> = self.edges.iter().collect();
        if let Some(plugin) = &filter.plugin {
            let seed: BTreeSet<&str> = self
                .nodes
                .iter()
                .filter(|n| matches!(n.kind, NodeKind::Agent | NodeKind::Skill))
                .filter(|n| n.pack.as_deref() == Some(plugin.as_str()))
                .map(|n| n.id.as_str())
                .collect();
            if seed.is_empty() {
                let known: BTreeSet<&str> = self
                    .nodes
                    .iter()
                    .filter(|n| matches!(n.kind, NodeKind::Agent | NodeKind::Skill))
                    .filter_map(|n| n.pack.as_deref())
                    .collect();
                let closest = known
                    .iter()
                    .map(|k| (strsim::jaro_winkler(k, plugin), *k))
                    .filter(|(score, _)| *score > 0.85)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, k)| format!(" (did you mean `{k}`?)"))
                    .unwrap_or_default();
                let list = if known.is_empty() {
                    "the catalog has no plugin or pack".to_owned()
                } else {
                    format!(
                        "its plugins and packs: {}",
                        known.iter().copied().collect::<Vec<_>>().join(", ")
                    )
                };
                return Err(Error::Option(format!(
                    "no plugin or pack `{plugin}` in the graph{closest}; {list}"
                )));
            }
            edges.retain(|e| seed.contains(e.from.as_str()));
            keep = seed;
            keep.extend(edges.iter().map(|e| e.to.as_str()));
        }
        if filter.connected {
            keep = edges
                .iter()
                .flat_map(|e| [e.from.as_str(), e.to.as_str()])
                .filter(|id| keep.contains(id))
                .collect();
        }
        edges.retain(|e| keep.contains(e.from.as_str()) && keep.contains(e.to.as_str()));
        let nodes: Vec<Node> = self
            .nodes
            .iter()
            .filter(|n| keep.contains(n.id.as_str()))
            .cloned()
            .collect();
        Ok(self.with_groups_of(nodes, edges.into_iter().cloned().collect()))
    }

    /// A graph of `nodes` and `edges` (taken from this one) and of the groups that hold one of
    /// the nodes, with their parents; the groups renumbered in their order, their ids kept.
    fn with_groups_of(&self, nodes: Vec<Node>, edges: Vec<Edge>) -> Graph {
        let mut used = vec![false; self.groups.len()];
        for node in &nodes {
            let mut group = node.group;
            while let Some(index) = group {
                used[index] = true;
                group = self.groups[index].parent;
            }
        }
        let mut renumbered = vec![None; self.groups.len()];
        let mut groups = Vec::new();
        for (index, group) in self.groups.iter().enumerate() {
            if used[index] {
                renumbered[index] = Some(groups.len());
                groups.push(Group {
                    parent: group.parent.and_then(|parent| renumbered[parent]),
                    ..group.clone()
                });
            }
        }
        let nodes = nodes
            .into_iter()
            .map(|node| Node {
                group: node.group.and_then(|group| renumbered[group]),
                ..node
            })
            .collect();
        Graph {
            groups,
            nodes,
            edges,
        }
    }

    /// The edges a picture draws: every frontmatter edge, and prompt edges between agents no
    /// frontmatter edge joins.
    fn drawn_edges(&self) -> impl Iterator<Item = &Edge> {
        self.edges.iter().filter(|edge| {
            edge.kind == EdgeKind::Frontmatter
                || !self.edges.iter().any(|other| {
                    other.kind == EdgeKind::Frontmatter
                        && other.from == edge.from
                        && other.to == edge.to
                })
        })
    }

    fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// Groups whose parent is `parent`, and the nodes drawn directly in `parent`.
    fn children(&self, parent: Option<usize>) -> (Vec<usize>, Vec<&Node>) {
        let groups = (0..self.groups.len())
            .filter(|&g| self.groups[g].parent == parent)
            .collect();
        let nodes = self.nodes.iter().filter(|n| n.group == parent).collect();
        (groups, nodes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Input, compile};
    use crate::config::Config;
    use crate::read::read_agent;

    fn team() -> Catalog {
        let files = [
            (
                "x/lead.md",
                "---\nname: lead\ndescription: d\ntools: Agent(helper)\n---\nAsk the helper agent, the reviewer agent, the ghost-writer agent and the Explore agent.",
            ),
            (
                "x/helper.md",
                "---\nname: helper\ndescription: \"say \\\"hi\\\"\"\n---\nx",
            ),
            (
                "x/reviewer.md",
                "---\nname: reviewer\ndescription: d\n---\nx",
            ),
            (
                "y/other.md",
                "---\nname: other\ndescription: d\n---\nCall x:lead.",
            ),
        ];
        let files = files
            .iter()
            .map(|(p, t)| read_agent(&format!("agents/{p}"), t.as_bytes()))
            .collect();
        let config = Config {
            packs: true,
            ..Config::default()
        };
        compile(Input::files("agents", files), config)
    }

    #[test]
    fn nodes_groups_and_edges() {
        let catalog = team();
        let graph = graph(&[&catalog]);
        let kinds: Vec<(&str, NodeKind)> = graph
            .nodes
            .iter()
            .map(|n| (n.name.as_str(), n.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("x:helper", NodeKind::Agent),
                ("x:lead", NodeKind::Agent),
                ("x:reviewer", NodeKind::Agent),
                ("y:other", NodeKind::Agent),
                ("ghost-writer", NodeKind::Unresolved),
                ("Explore", NodeKind::External),
            ]
        );
        let groups: Vec<&str> = graph.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["x", "y"]);
        let edges: Vec<(&str, &str, EdgeKind)> = graph
            .edges
            .iter()
            .map(|e| (e.from.as_str(), e.to.as_str(), e.kind))
            .collect();
        assert_eq!(
            edges,
            [
                ("c0_a1", "c0_a0", EdgeKind::Frontmatter),
                ("c0_a1", "c0_a0", EdgeKind::Prompt),
                ("c0_a1", "c0_a2", EdgeKind::Prompt),
                ("c0_a1", "c0_u0", EdgeKind::Prompt),
                ("c0_a1", "c0_x0", EdgeKind::Prompt),
                ("c0_a3", "c0_a1", EdgeKind::Prompt),
            ]
        );
        // The unresolved node is drawn in the pack of the agent that names it.
        assert_eq!(graph.nodes[4].group, Some(0));
    }

    #[test]
    fn the_three_formats() {
        let catalog = team();
        let graph = graph(&[&catalog]);
        let mermaid = mermaid(&graph);
        assert!(mermaid.starts_with("flowchart LR\n"), "{mermaid}");
        assert!(
            mermaid.contains("  subgraph c0_p0[\"x\"]\n    c0_a0[\"x:helper\"]\n"),
            "{mermaid}"
        );
        assert!(
            mermaid.contains("    c0_u0[\"ghost-writer\"]:::unresolved\n"),
            "{mermaid}"
        );
        assert!(mermaid.contains("  c0_a1 --> c0_a0\n"), "{mermaid}");
        // The prompt edge doubling the frontmatter edge is not drawn.
        assert!(!mermaid.contains("c0_a1 -.-> c0_a0"), "{mermaid}");
        assert!(mermaid.contains("  c0_a1 -.-> c0_a2\n"), "{mermaid}");
        assert!(
            mermaid.contains("  linkStyle 2 stroke:#cc0000\n"),
            "{mermaid}"
        );
        let dot = dot(&graph);
        assert!(dot.starts_with("digraph agents {\n"), "{dot}");
        assert!(
            dot.contains("  subgraph cluster_c0_p0 {\n    label=\"x\";"),
            "{dot}"
        );
        assert!(dot.contains("c0_a1 -> c0_a0;\n"), "{dot}");
        assert!(dot.contains("c0_a1 -> c0_a2 [style=dashed];\n"), "{dot}");
        assert!(
            dot.contains("c0_a1 -> c0_u0 [style=dashed, color=\"#cc0000\"];\n"),
            "{dot}"
        );
        assert!(dot.ends_with("}\n"));
        let json = json(&graph, &[&catalog]);
        assert_eq!(json["nodes"][4]["kind"], "unresolved");
        assert_eq!(json["nodes"][4]["pack"], "x");
        assert_eq!(json["edges"][1]["kind"], "prompt");
        assert_eq!(json["edges"][1]["places"][0]["form"], "agent-word");
        assert_eq!(json["edges"][1]["places"][0]["line"], 6);
    }

    #[test]
    fn a_plugin_and_its_references_or_the_connected_agents_only() {
        let catalog = team();
        let full = graph(&[&catalog]);
        let ids = |g: &Graph| -> Vec<String> { g.nodes.iter().map(|n| n.id.clone()).collect() };
        // Pack `y`: its agent, the agent it names (of pack `x`) and that one edge.
        let y = full
            .filtered(&Filter {
                plugin: Some("y".into()),
                connected: false,
            })
            .expect("pack y");
        assert_eq!(ids(&y), ["c0_a1", "c0_a3"]);
        assert_eq!(y.edges.len(), 1);
        let groups: Vec<&str> = y.groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(groups, ["x", "y"]);
        assert_eq!(y.nodes[0].group, Some(0));
        assert_eq!(y.nodes[1].group, Some(1));
        // Pack `x`: its three agents and the two names its lead's prompt writes, not `y:other`.
        let x = full
            .filtered(&Filter {
                plugin: Some("x".into()),
                connected: false,
            })
            .expect("pack x");
        assert_eq!(ids(&x), ["c0_a0", "c0_a1", "c0_a2", "c0_u0", "c0_x0"]);
        assert!(x.edges.iter().all(|e| e.from == "c0_a1"));
        // Connected: every node of this team has an edge; a lone agent would go.
        let connected = full
            .filtered(&Filter {
                plugin: None,
                connected: true,
            })
            .expect("connected");
        assert_eq!(ids(&connected), ids(&full));
        let mut lone = full.clone();
        lone.nodes.push(Node {
            id: "c0_a9".into(),
            label: "y:lone".into(),
            name: "y:lone".into(),
            kind: NodeKind::Agent,
            group: Some(1),
            catalog: 0,
            pack: Some("y".into()),
            file: None,
            targets: Vec::new(),
        });
        let connected = lone
            .filtered(&Filter {
                plugin: Some("y".into()),
                connected: true,
            })
            .expect("connected y");
        assert_eq!(ids(&connected), ["c0_a1", "c0_a3"]);
        // An unknown plugin: the message names the ones there are.
        let unknown = full
            .filtered(&Filter {
                plugin: Some("xx".into()),
                connected: false,
            })
            .expect_err("no plugin xx");
        assert!(
            unknown.message().contains("its plugins and packs: x, y"),
            "{unknown}"
        );
    }
}
