//! Teams closed under delegation: the generated `Agent::team()` of the bundled catalog, and the
//! CLI's `export --team` and `graph --team`.

mod common;

use common::{agentgen, stderr};

use std::collections::BTreeSet;

use serde_json::Value;

/// The bundled catalog, the same generated file the binary includes.
mod bundled {
    include!(concat!(env!("OUT_DIR"), "/agents.rs"));
}

use bundled::Agent;

/// A walk at run time over the generated references (the table is built by the compiler).
fn walked_team(lead: Agent) -> Vec<Agent> {
    let mut reached = BTreeSet::from([lead]);
    let mut to_visit = vec![lead];
    while let Some(agent) = to_visit.pop() {
        let spec = agent.spec();
        let observers = spec.observers.iter().filter_map(|o| match o {
            agentgen::AgentRef::Catalog(agent) => Some(*agent),
            agentgen::AgentRef::External(_) => None,
        });
        for next in spec
            .collaborators
            .iter()
            .copied()
            .chain(observers)
            .chain(spec.mentions.iter().copied())
        {
            if reached.insert(next) {
                to_visit.push(next);
            }
        }
    }
    // The lead, then the others in the order of `ALL` (by qualified name).
    let mut team = vec![lead];
    team.extend(
        Agent::ALL
            .iter()
            .filter(|a| **a != lead && reached.contains(a)),
    );
    team
}

fn names(specs: &[&bundled::AgentSpec]) -> Vec<&'static str> {
    specs.iter().map(|spec| spec.qualified_name).collect()
}

#[test]
fn every_generated_team_is_the_agent_and_all_it_hands_work_to() {
    let mut sizes = Vec::new();
    for agent in Agent::ALL {
        let team: Vec<Agent> = agent.team().iter().map(|spec| spec.id).collect();
        assert_eq!(team, walked_team(agent), "{agent}");
        sizes.push(team.len());
    }
    // The bundled packs delegate within themselves (some agents work alone); no team crosses
    // packs.
    assert!(sizes.iter().any(|&n| n > 2), "{sizes:?}");
    for agent in Agent::ALL {
        let pack = agent.spec().pack;
        assert!(agent.team().iter().all(|spec| spec.pack == pack), "{agent}");
    }
}

#[test]
fn export_team_writes_the_generated_team() {
    let all = agentgen(&["export", "agents"]);
    let all: Value = serde_json::from_slice(&all.stdout).expect("JSON");
    for agent in Agent::ALL {
        let output = agentgen(&["export", "agents", "--team", agent.name()]);
        assert!(output.status.success(), "{}", stderr(&output));
        let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let exported: BTreeSet<&str> = json
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        let team: BTreeSet<&str> = names(agent.team()).into_iter().collect();
        assert_eq!(exported, team, "{agent}");
        // Each definition is the one the whole catalog's export has.
        for name in team {
            assert_eq!(json[name], all[name], "{name}");
        }
    }
}

#[test]
fn graph_team_draws_only_the_team() {
    let lead = Agent::ALL
        .iter()
        .copied()
        .find(|agent| agent.spec().pack == Some("fastapi"))
        .expect("a fastapi agent");
    let output = agentgen(&["graph", "agents", "--team", lead.name(), "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let graph: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let nodes = graph["nodes"].as_array().expect("nodes");
    let drawn: BTreeSet<&str> = nodes
        .iter()
        .filter(|node| node["kind"] == "agent")
        .map(|node| node["name"].as_str().expect("a name"))
        .collect();
    assert_eq!(drawn, names(lead.team()).into_iter().collect());
    let ids: BTreeSet<&str> = nodes
        .iter()
        .map(|n| n["id"].as_str().expect("id"))
        .collect();
    let edges = graph["edges"].as_array().expect("edges");
    assert!(!edges.is_empty());
    for edge in edges {
        assert!(ids.contains(edge["from"].as_str().expect("from")), "{edge}");
        assert!(ids.contains(edge["to"].as_str().expect("to")), "{edge}");
    }
    // The whole graph has more agents.
    let all = agentgen(&["graph", "agents", "--format", "json"]);
    let all: Value = serde_json::from_slice(&all.stdout).expect("JSON");
    assert!(all["nodes"].as_array().expect("nodes").len() > nodes.len());
}

#[test]
fn an_unknown_team_lead_is_a_usage_error_with_the_pack_names() {
    for command in ["export", "graph"] {
        let output = agentgen(&[command, "agents", "--team", "api-designer"]);
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert!(
            stderr(&output).contains(
                "error: --team: no agent `api-designer` in agents (did you mean \
                 `ddd:api-designer` or `voltagent:api-designer`?)"
            ),
            "{}",
            stderr(&output)
        );
        assert!(output.stdout.is_empty());
    }
}
