mod agents {
    agentgen::include_agents!("fixtures/unknown-dependency");
}

fn main() {}
