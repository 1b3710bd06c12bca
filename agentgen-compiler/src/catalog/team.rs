//! Teams closed under delegation: an agent and every agent of the catalog it can hand work to,
//! directly or through others.

use super::{AgentTarget, Catalog};

impl Catalog {
    /// The team of the agent at `lead` (an index into [`Catalog::agents`]): the agent itself and
    /// every agent of the catalog it can hand work to, transitively, through
    ///
    /// - its frontmatter references ([`collaborators`](super::Agent::collaborators): `Agent(x)` /
    ///   `Task(x)` tool entries, the `dependencies` and `collaborators` keys),
    /// - its `observer` agents (Claude Code starts them whenever the agent runs),
    /// - the agents its prompt names ([`mentions`](super::Agent::mentions)).
    ///
    /// Order: `lead` first, then the others in the order of [`Catalog::agents`] (by qualified
    /// name). Broken agents ([`AgentTarget::Broken`]) and external agents are never in a team:
    /// Claude Code does not load the first, and the second are not the catalog's to hand over.
    /// Indexes out of range give an empty team.
    pub fn team(&self, lead: usize) -> Vec<usize> {
        if lead >= self.agents.len() {
            return Vec::new();
        }
        let mut in_team = vec![false; self.agents.len()];
        in_team[lead] = true;
        let mut to_visit = vec![lead];
        while let Some(index) = to_visit.pop() {
            let agent = &self.agents[index];
            let observers = agent.observers.iter().filter_map(|target| match target {
                AgentTarget::Catalog(i) => Some(*i),
                AgentTarget::External(_) | AgentTarget::Broken(_) => None,
            });
            let reached = agent
                .collaborators
                .iter()
                .copied()
                .chain(observers)
                .chain(agent.mentions.iter().copied());
            for next in reached {
                if next < in_team.len() && !in_team[next] {
                    in_team[next] = true;
                    to_visit.push(next);
                }
            }
        }
        let mut team = vec![lead];
        team.extend((0..self.agents.len()).filter(|&i| i != lead && in_team[i]));
        team
    }

    /// The index into [`Catalog::agents`] of the agent with this qualified name.
    pub fn agent_index(&self, qualified_name: &str) -> Option<usize> {
        self.agents
            .binary_search_by(|agent| agent.qualified_name.as_str().cmp(qualified_name))
            .ok()
            .or_else(|| {
                self.agents
                    .iter()
                    .position(|agent| agent.qualified_name == qualified_name)
            })
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::{Input, compile};
    use crate::config::Config;
    use crate::read::read_agent;

    fn names(catalog: &crate::Catalog, team: &[usize]) -> Vec<String> {
        team.iter()
            .map(|&i| catalog.agents[i].qualified_name.clone())
            .collect()
    }

    fn catalog(files: &[(&str, &str)]) -> crate::Catalog {
        let files = files
            .iter()
            .map(|(name, text)| read_agent(&format!("agents/{name}.md"), text.as_bytes()))
            .collect();
        compile(Input::files("agents", files), Config::default())
    }

    #[test]
    fn a_team_is_closed_under_tools_collaborators_observers_and_mentions() {
        let c = catalog(&[
            (
                "planner",
                "---\nname: planner\ndescription: Plans\ntools: Read, Agent(coder)\n---\nAsk the reviewer agent to review.",
            ),
            (
                "coder",
                "---\nname: coder\ndescription: Codes\ncollaborators: [tester]\n---\nWrites code.",
            ),
            (
                "tester",
                "---\nname: tester\ndescription: Tests\nobserver: auditor\n---\nRuns tests.",
            ),
            (
                "auditor",
                "---\nname: auditor\ndescription: Audits\n---\nWatches.",
            ),
            (
                "reviewer",
                "---\nname: reviewer\ndescription: Reviews\n---\nReviews.",
            ),
            (
                "writer",
                "---\nname: writer\ndescription: Writes docs\ntools: Agent(planner)\n---\nWrites.",
            ),
        ]);
        assert!(!c.has_errors(), "{:#?}", c.diagnostics);
        let planner = c.agent_index("planner").expect("planner");
        assert_eq!(
            names(&c, &c.team(planner)),
            ["planner", "auditor", "coder", "reviewer", "tester"],
            "the lead first, then the rest by name; `writer` hands work to planner, not the reverse"
        );
        let writer = c.agent_index("writer").expect("writer");
        assert_eq!(c.team(writer).len(), 6, "writer reaches every agent");
        let auditor = c.agent_index("auditor").expect("auditor");
        assert_eq!(names(&c, &c.team(auditor)), ["auditor"]);
        assert!(c.team(99).is_empty());
    }

    #[test]
    fn cycles_end_and_broken_agents_stay_out() {
        let c = catalog(&[
            (
                "a",
                "---\nname: a\ndescription: A\ntools: Agent(b)\n---\nA.",
            ),
            (
                "b",
                "---\nname: b\ndescription: B\ntools: Agent(a, c)\n---\nB.",
            ),
            (
                "c",
                "---\nname: c\n---\nNo description: Claude Code skips this file.",
            ),
        ]);
        let a = c.agent_index("a").expect("a");
        assert_eq!(names(&c, &c.team(a)), ["a", "b"]);
        let b = c.agent_index("b").expect("b");
        assert_eq!(names(&c, &c.team(b)), ["b", "a"]);
    }
}
