mod agents {
    agentgen::include_agents!("fixtures/metadata-out-of-range");
}

fn main() {
    let _: u8 = agents::LINTER.metadata.priority;
}
