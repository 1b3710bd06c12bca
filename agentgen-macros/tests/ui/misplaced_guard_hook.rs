// A guard hook written at the top level instead of under `hooks`: Claude Code 2.1.332 does not
// load the agent.
mod agents {
    agentgen::include_agents!("fixtures/misplaced-guard-hook");
}

fn main() {}
