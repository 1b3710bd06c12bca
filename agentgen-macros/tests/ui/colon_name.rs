// `:` is reserved for plugin namespacing: Claude Code 2.1.332 does not load the agent.
mod agents {
    agentgen::include_agents!("fixtures/colon-name");
}

fn main() {}
