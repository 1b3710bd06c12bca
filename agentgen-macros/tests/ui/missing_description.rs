mod agents {
    agentgen::include_agents!("fixtures/missing-description");
}

fn main() {}
