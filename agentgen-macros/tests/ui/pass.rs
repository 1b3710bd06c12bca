mod agents {
    agentgen::include_agents!("fixtures/pass");
}

mod options {
    agentgen::include_agents!(
        "fixtures/warnings",
        packs = false,
        custom_tools = ["Deploy"],
        mcp_servers = ["github"],
        external_agents = ["outside"],
        lints(legacy_tool = "allow"),
    );
}

use agents::Agent;

fn main() {
    assert_eq!(agents::ALL.len(), 2);
    assert_eq!(Agent::ALL, [Agent::CodeReviewer, Agent::TestRunner]);
    let reviewer = agents::by_name("code-reviewer").expect("code-reviewer is in the catalog");
    assert_eq!(reviewer.id, Agent::CodeReviewer);
    assert_eq!(agents::CODE_REVIEWER.description, "Reviews a change for correctness and style");
    assert_eq!("test-runner".parse::<Agent>(), Ok(Agent::TestRunner));
    assert_eq!(Agent::TestRunner.to_string(), "test-runner");
    assert!(agents::by_name("nobody").is_none());
    assert_eq!(options::ALL.len(), 1);
    assert_eq!(options::OLD.name, "old");
}
