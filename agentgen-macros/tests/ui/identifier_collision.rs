mod agents {
    agentgen::include_agents!("fixtures/identifier-collision");
}

fn main() {}
