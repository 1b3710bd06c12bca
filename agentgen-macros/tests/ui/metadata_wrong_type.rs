mod agents {
    agentgen::include_agents!("fixtures/metadata-wrong-type");
}

fn main() {
    let _: u8 = agents::LINTER.metadata.priority;
}
