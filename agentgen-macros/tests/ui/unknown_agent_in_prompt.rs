// A prompt that names an agent the catalog lacks (`test-runnner`, a typo): a compiler warning by
// default, a compile error with `deny`, at its place in the Markdown file. Mentions of agents
// that exist are values of the catalog's enum.
mod warned {
    agentgen::include_agents!("fixtures/unknown-agent-in-prompt");
}

mod denied {
    agentgen::include_agents!(
        "fixtures/unknown-agent-in-prompt",
        lints(unknown_agent_in_prompt = "deny")
    );
}

fn main() {
    let lead = warned::LEAD;
    let reviewer = agentgen::AgentRef::Catalog(warned::Agent::CodeReviewer);
    assert_eq!(lead.collaborators, [reviewer]);
    assert_eq!(lead.mentions, [reviewer]);
}
