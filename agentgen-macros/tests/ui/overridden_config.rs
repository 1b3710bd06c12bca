// An option of the macro that contradicts agentgen.toml is an `overridden-config` warning at the
// key in agentgen.toml: `agentgen check` reads only the file, so it and the build would disagree.
// `#![deny(deprecated)]` turns the warning into an error, so the snapshot shows it.
#![deny(deprecated)]

mod agents {
    agentgen::include_agents!("fixtures/overridden-config", lints(no_tools = "allow"));
}

fn main() {
    assert_eq!(agents::ALL.len(), 1);
}
