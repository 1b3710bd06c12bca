mod agents {
    agentgen::include_agents!("fixtures/metadata-unknown-enum");
}

fn main() {
    let _: Option<agents::Tier> = agents::LINTER.metadata.tier;
}
