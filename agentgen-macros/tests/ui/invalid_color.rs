mod agents {
    agentgen::include_agents!("fixtures/invalid-color");
}

fn main() {}
