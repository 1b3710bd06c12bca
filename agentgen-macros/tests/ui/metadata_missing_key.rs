mod agents {
    agentgen::include_agents!("fixtures/metadata-missing-key");
}

fn main() {
    let _: &str = agents::LINTER.metadata.category;
}
