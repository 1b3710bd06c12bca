mod agents {
    agentgen::include_agents!("fixtures/duplicate-name");
}

fn main() {}
