mod agents {
    agentgen::include_agents!("fixtures/skill-unknown-agent/.claude");
}

fn main() {}
