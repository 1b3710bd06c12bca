mod agents {
    agentgen::include_agents!("fixtures/metadata-invalid-schema");
}

fn main() {
    let _: &str = agents::LINTER.metadata.category;
}
