mod agents {
    agentgen::include_agents!("fixtures/unknown-agent-tool");
}

fn main() {}
