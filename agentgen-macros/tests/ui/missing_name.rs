mod agents {
    agentgen::include_agents!("fixtures/missing-name");
}

fn main() {}
