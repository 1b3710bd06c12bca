//! `crate = path`: the generated code reaches the runtime crate through the path given, here a
//! module that re-exports it, as a facade crate that re-exports agentgen would
//! (`crate = ::facade::agentgen`) or a renamed dependency (`crate = ::my_agentgen`).

mod facade {
    pub use agentgen as runtime;
}

mod agents {
    agentgen::include_agents!("fixtures/pass", crate = crate::facade::runtime);
}

// serde's spelling: the path as a string.
mod quoted {
    agentgen::include_agents!("fixtures/pass", crate = "crate::facade::runtime");
}

fn main() {
    let reviewer: &'static crate::facade::runtime::AgentSpec<agents::Agent> =
        agents::by_name("code-reviewer").expect("code-reviewer is in the catalog");
    assert_eq!(reviewer.id, agents::Agent::CodeReviewer);
    assert_eq!(
        reviewer.model,
        Some(facade::runtime::Model::Alias(facade::runtime::ModelAlias::Sonnet))
    );
    assert_eq!(quoted::ALL.len(), 2);
    assert_eq!("test-runner".parse::<quoted::Agent>(), Ok(quoted::Agent::TestRunner));
}
