mod agents {
    agentgen::include_agents!("fixtures/skill-not-preloadable/.claude");
}

fn main() {}
