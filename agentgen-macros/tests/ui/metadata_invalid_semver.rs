mod agents {
    agentgen::include_agents!("fixtures/metadata-invalid-semver");
}

fn main() {
    let _: Option<agentgen::Version> = agents::LINTER.metadata.version;
}
