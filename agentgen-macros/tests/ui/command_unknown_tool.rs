// A command's `allowed-tools` is checked like a skill's: a misspelt tool fails the build at the
// command file.
mod agents {
    agentgen::include_agents!("fixtures/command-unknown-tool/.claude");
}

fn main() {}
