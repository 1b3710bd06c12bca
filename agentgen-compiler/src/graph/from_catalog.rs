//! Drawing one catalog into a [`Graph`]: its groups, its nodes, and the edges its agents' and
//! skills' references make (the order is the one [`Graph`]'s fields document).

use std::collections::BTreeMap;

use super::{Edge, EdgeKind, Graph, Group, Node, NodeKind, Place};
use crate::catalog::{Agent, AgentTarget, Catalog, PromptReference, SkillTarget};

/// Adds catalog number `index` to `graph`, its groups inside `outer` (the catalog's own group
/// when several are drawn).
pub(super) fn add_catalog(
    graph: &mut Graph,
    index: usize,
    catalog: &Catalog,
    outer: Option<usize>,
) {
    let mut drawing = CatalogDrawing {
        pack_groups: pack_groups(graph, index, catalog, outer),
        graph,
        catalog,
        index,
        outer,
        external_skills: BTreeMap::new(),
        externals: BTreeMap::new(),
        unresolved: BTreeMap::new(),
    };
    drawing.add_nodes();
    for (i, agent) in catalog.agents.iter().enumerate() {
        let from = drawing.agent_id(i);
        drawing.add_frontmatter_edges(&from, agent);
        drawing.add_prompt_edges(&from, agent);
        drawing.add_skill_edges(&from, agent);
    }
    drawing.add_skill_agent_edges();
}

/// A subgraph per pack, in order of first agent; then plugins that have only skills (or
/// commands). Each pack's group, by name.
fn pack_groups<'a>(
    graph: &mut Graph,
    index: usize,
    catalog: &'a Catalog,
    outer: Option<usize>,
) -> BTreeMap<&'a str, usize> {
    let mut pack_groups: BTreeMap<&str, usize> = BTreeMap::new();
    let agent_packs = catalog.agents.iter().filter_map(|a| a.pack.as_deref());
    let skill_plugins = catalog
        .skills
        .iter()
        .chain(&catalog.command_skills)
        .filter_map(|s| s.plugin.as_deref());
    for pack in agent_packs.chain(skill_plugins) {
        if !pack_groups.contains_key(pack) {
            graph.groups.push(Group {
                id: format!("c{index}_p{}", pack_groups.len()),
                label: pack.to_owned(),
                parent: outer,
            });
            pack_groups.insert(pack, graph.groups.len() - 1);
        }
    }
    pack_groups
}

/// One catalog being drawn, and the nodes made so far for names outside it.
struct CatalogDrawing<'a> {
    graph: &'a mut Graph,
    catalog: &'a Catalog,
    /// The catalog's index among those drawn.
    index: usize,
    /// The catalog's own group, when several catalogs are drawn.
    outer: Option<usize>,
    pack_groups: BTreeMap<&'a str, usize>,
    /// Ids of the skills outside the catalog, by name.
    external_skills: BTreeMap<String, String>,
    /// Ids of the agents outside the catalog, by name.
    externals: BTreeMap<String, String>,
    /// Ids of the unresolved names, by (pack of the agent that writes it, name).
    unresolved: BTreeMap<(Option<String>, String), String>,
}

impl CatalogDrawing<'_> {
    fn agent_id(&self, i: usize) -> String {
        format!("c{}_a{i}", self.index)
    }

    fn skill_id(&self, i: usize) -> String {
        format!("c{}_s{i}", self.index)
    }

    fn command_id(&self, i: usize) -> String {
        format!("c{}_m{i}", self.index)
    }

    /// The group a node of `pack` is drawn in.
    fn group_of(&self, pack: Option<&str>) -> Option<usize> {
        match pack {
            Some(pack) => self.pack_groups.get(pack).copied(),
            None => self.outer,
        }
    }

    /// The catalog's agents, skills and commands, in that order.
    fn add_nodes(&mut self) {
        let catalog = self.catalog;
        let agents = catalog.agents.iter().enumerate().map(|(i, agent)| {
            let file = catalog.file_of(agent).path();
            (
                self.agent_id(i),
                NodeKind::Agent,
                &agent.qualified_name,
                &agent.pack,
                file,
            )
        });
        let skills = catalog.skills.iter().enumerate().map(|(i, skill)| {
            let file = catalog.skill_file_of(skill).path();
            (
                self.skill_id(i),
                NodeKind::Skill,
                &skill.qualified_name,
                &skill.plugin,
                file,
            )
        });
        let commands = catalog
            .command_skills
            .iter()
            .enumerate()
            .map(|(i, command)| {
                let file = catalog.command_file_of(command).path();
                (
                    self.command_id(i),
                    NodeKind::Command,
                    &command.qualified_name,
                    &command.plugin,
                    file,
                )
            });
        let nodes: Vec<Node> = agents
            .chain(skills)
            .chain(commands)
            .map(|(id, kind, qualified_name, pack, file)| Node {
                id,
                label: qualified_name.clone(),
                name: qualified_name.clone(),
                kind,
                group: self.group_of(pack.as_deref()),
                catalog: self.index,
                pack: pack.clone(),
                file: Some(file.to_owned()),
                targets: Vec::new(),
            })
            .collect();
        self.graph.nodes.extend(nodes);
    }

    /// The node an agent reference points at. An agent whose file is broken is drawn as a name
    /// outside the catalog: Claude Code does not have it.
    fn target_id(&mut self, target: &AgentTarget) -> String {
        match target {
            AgentTarget::Catalog(j) => self.agent_id(*j),
            AgentTarget::External(name) => self.external(name),
            AgentTarget::Broken(j) => {
                let catalog = self.catalog;
                self.external(&catalog.broken_agents[*j].qualified_name)
            }
        }
    }

    /// The node of the agent outside the catalog named `name`.
    fn external(&mut self, name: &str) -> String {
        let place = (self.index, self.outer);
        named_node(
            self.graph,
            &mut self.externals,
            NodeKind::External,
            place,
            name,
        )
    }

    /// Frontmatter references: collaborators (`Agent(x)`, `dependencies`, `collaborators`),
    /// then observers; each target once.
    fn add_frontmatter_edges(&mut self, from: &str, agent: &Agent) {
        let mut targets: Vec<String> = Vec::new();
        for &j in &agent.collaborators {
            targets.push(self.agent_id(j));
        }
        for name in &agent.external_collaborators {
            targets.push(self.external(name));
        }
        for observer in &agent.observers {
            targets.push(self.target_id(observer));
        }
        let mut drawn: Vec<String> = Vec::new();
        for to in targets {
            if !drawn.contains(&to) {
                drawn.push(to.clone());
                self.graph.edges.push(Edge {
                    from: from.to_owned(),
                    to,
                    kind: EdgeKind::Frontmatter,
                    places: Vec::new(),
                });
            }
        }
    }

    /// Prompt references, one edge per target in order of first place.
    fn add_prompt_edges(&mut self, from: &str, agent: &Agent) {
        let mut prompt: Vec<(String, Vec<Place>)> = Vec::new();
        for reference in &agent.prompt_references {
            let to = match &reference.target {
                Some(target) => self.target_id(target),
                None => self.unresolved(agent, reference),
            };
            let place = Place {
                line: reference.span.line,
                column: reference.span.column,
                form: reference.form.as_str(),
            };
            match prompt.iter_mut().find(|(id, _)| *id == to) {
                Some((_, places)) => places.push(place),
                None => prompt.push((to, vec![place])),
            }
        }
        for (to, places) in prompt {
            self.graph.edges.push(Edge {
                from: from.to_owned(),
                to,
                kind: EdgeKind::Prompt,
                places,
            });
        }
    }

    /// The node of a name `agent`'s prompt writes as an agent's that no agent has: one per
    /// (pack, name), drawn in the pack of the agent that names it.
    fn unresolved(&mut self, agent: &Agent, reference: &PromptReference) -> String {
        let key = (agent.pack.clone(), reference.written.clone());
        if let Some(id) = self.unresolved.get(&key) {
            return id.clone();
        }
        let id = format!("c{}_u{}", self.index, self.unresolved.len());
        self.unresolved.insert(key, id.clone());
        let node = Node {
            id: id.clone(),
            label: reference.written.clone(),
            name: reference.written.clone(),
            kind: NodeKind::Unresolved,
            group: self.group_of(agent.pack.as_deref()),
            catalog: self.index,
            pack: agent.pack.clone(),
            file: None,
            targets: Vec::new(),
        };
        self.graph.nodes.push(node);
        id
    }

    /// The skills `agent` preloads (`skills`, resolved: in order, without repeats).
    fn add_skill_edges(&mut self, from: &str, agent: &Agent) {
        let catalog = self.catalog;
        for target in &agent.skills {
            let to = match target {
                SkillTarget::Catalog(j) => self.skill_id(*j),
                SkillTarget::Named(name) => match catalog
                    .command_skills
                    .iter()
                    .position(|c| c.qualified_name == *name)
                {
                    Some(j) => self.command_id(j),
                    None => named_node(
                        self.graph,
                        &mut self.external_skills,
                        NodeKind::ExternalSkill,
                        (self.index, self.outer),
                        name,
                    ),
                },
            };
            self.graph.edges.push(Edge {
                from: from.to_owned(),
                to,
                kind: EdgeKind::Skill,
                places: Vec::new(),
            });
        }
    }

    /// A skill's (or command's) `agent` (the agent a `context: fork` skill runs in).
    fn add_skill_agent_edges(&mut self) {
        let catalog = self.catalog;
        let skills = catalog
            .skills
            .iter()
            .enumerate()
            .map(|(i, s)| (self.skill_id(i), s));
        let commands =
            (catalog.command_skills.iter().enumerate()).map(|(i, c)| (self.command_id(i), c));
        let sources: Vec<_> = skills.chain(commands).collect();
        for (from, skill) in sources {
            let Some(target) = &skill.agent else {
                continue;
            };
            let to = self.target_id(target);
            self.graph.edges.push(Edge {
                from,
                to,
                kind: EdgeKind::Frontmatter,
                places: Vec::new(),
            });
        }
    }
}

/// The node of an agent or skill outside the catalog, known by name: made at its first
/// reference (`c0_x0` for agents, `c0_k0` for skills), drawn in the catalog's group.
fn named_node(
    graph: &mut Graph,
    known: &mut BTreeMap<String, String>,
    kind: NodeKind,
    (catalog, group): (usize, Option<usize>),
    name: &str,
) -> String {
    if let Some(id) = known.get(name) {
        return id.clone();
    }
    let letter = if kind == NodeKind::ExternalSkill {
        'k'
    } else {
        'x'
    };
    let id = format!("c{catalog}_{letter}{}", known.len());
    known.insert(name.to_owned(), id.clone());
    graph.nodes.push(Node {
        id: id.clone(),
        label: name.to_owned(),
        name: name.to_owned(),
        kind,
        group,
        catalog,
        pack: None,
        file: None,
        targets: Vec::new(),
    });
    id
}
