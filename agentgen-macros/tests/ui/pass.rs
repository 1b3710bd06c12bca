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

mod empty {
    agentgen::include_agents!("fixtures/empty");
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

    // The enum's tables line up with ALL: spec(), name() and Debug for every agent.
    for (index, agent) in Agent::ALL.into_iter().enumerate() {
        assert_eq!(agent.spec().id, agent);
        assert!(core::ptr::eq(agent.spec(), agents::ALL[index]));
        assert_eq!(agent.name(), agent.spec().qualified_name);
        assert_eq!(Agent::by_name(agent.name()), Some(agent));
    }
    assert_eq!(format!("{:?}", Agent::CodeReviewer), "CodeReviewer");
    assert_eq!(format!("{:?}", [Agent::TestRunner]), "[TestRunner]");
    const NAME: &str = Agent::TestRunner.name();
    assert_eq!(NAME, "test-runner");

    // Fields the frontmatter gives are set; the others come from `AgentSpec::base`.
    let reviewer = &agents::CODE_REVIEWER;
    assert_eq!(reviewer.model, Some(agentgen::Model::Alias(agentgen::ModelAlias::Sonnet)));
    assert_eq!(reviewer.color, Some(agentgen::Color::Blue));
    assert_eq!(reviewer.collaborators, &[agentgen::AgentRef::Catalog(Agent::TestRunner)]);
    assert_eq!(reviewer.prompt, "You review code.");
    assert_eq!(reviewer.source_path, "fixtures/pass/code-reviewer.md");
    let runner = &agents::TEST_RUNNER;
    assert_eq!(runner.model, None);
    assert_eq!(runner.color, None);
    assert_eq!(runner.pack, None);
    assert!(runner.disallowed_tools.is_empty() && runner.skills.is_empty());
    assert!(runner.collaborators.is_empty() && runner.extra.is_empty());
    assert_eq!(runner.max_turns, None);
    assert_eq!(runner.hooks, None);
    assert_eq!(
        runner.tools,
        agentgen::Tools::List(&[
            agentgen::Tool::BuiltIn(agentgen::BuiltinTool::Bash),
            agentgen::Tool::BuiltIn(agentgen::BuiltinTool::Read),
        ])
    );
    // A catalog with no agents still gives the whole API.
    assert!(empty::ALL.is_empty() && empty::Agent::ALL.is_empty());
    assert!(empty::by_name("code-reviewer").is_none());
    assert!("code-reviewer".parse::<empty::Agent>().is_err());

    let base = agents::AgentSpec::base(Agent::TestRunner);
    assert_eq!(base.tools, agentgen::Tools::InheritAll);
    assert_eq!((base.name, base.prompt, base.model), ("", "", None));
}
