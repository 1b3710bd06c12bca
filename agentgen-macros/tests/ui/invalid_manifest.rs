mod agents {
    agentgen::include_agents!("fixtures/invalid-manifest");
}

fn main() {}
