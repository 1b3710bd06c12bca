mod agents {
    agentgen::include_agents!("fixtures/unknown-skill/.claude");
}

fn main() {}
