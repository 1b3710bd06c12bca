mod agents {
    agentgen::include_agents!("fixtures/invalid-yaml");
}

fn main() {}
