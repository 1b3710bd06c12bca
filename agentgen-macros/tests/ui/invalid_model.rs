mod agents {
    agentgen::include_agents!("fixtures/invalid-model");
}

fn main() {}
