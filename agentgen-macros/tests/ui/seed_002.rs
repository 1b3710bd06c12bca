mod agents {
    agentgen::include_agents!("fixtures/seed-002");
}

fn main() {}
