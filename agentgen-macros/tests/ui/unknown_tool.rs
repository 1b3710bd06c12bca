mod agents {
    agentgen::include_agents!("fixtures/unknown-tool");
}

fn main() {}
