mod agents {
    agentgen::include_agents!("fixtures/invalid-permission-mode");
}

fn main() {}
