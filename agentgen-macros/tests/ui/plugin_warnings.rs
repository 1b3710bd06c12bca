// A field Claude Code ignores in a plugin agent is a warning; `deny` makes it an error.
mod warned {
    agentgen::include_agents!("fixtures/plugin-warnings");
}

mod denied {
    agentgen::include_agents!("fixtures/plugin-warnings", lints(ignored_in_plugin = "deny"));
}

fn main() {
    assert_eq!(warned::ops::DEPLOYER.permission_mode, None);
}
