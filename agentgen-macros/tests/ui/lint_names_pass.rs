// Lint names as the messages spell them (`unknown-agent-in-prompt`), with `_`, or as strings:
// the same lint. `allow` drops its warning, so this crate compiles under `#![deny(warnings)]`;
// so does `#[allow(deprecated)]` on a module, which silences every agentgen warning in it.
#![deny(warnings)]

mod hyphenated {
    agentgen::include_agents!(
        "fixtures/unknown-agent-in-prompt",
        lints(unknown-agent-in-prompt = "allow")
    );
}

mod underscored {
    agentgen::include_agents!(
        "fixtures/unknown-agent-in-prompt",
        lints(unknown_agent_in_prompt = "allow")
    );
}

mod quoted {
    agentgen::include_agents!(
        "fixtures/unknown-agent-in-prompt",
        lints("unknown_agent-in-prompt" = "allow", legacy-tool = "warn")
    );
}

#[allow(deprecated)]
mod silenced {
    agentgen::include_agents!("fixtures/unknown-agent-in-prompt");
}

fn main() {
    assert_eq!(hyphenated::ALL.len(), 3);
    assert_eq!(underscored::ALL.len(), 3);
    assert_eq!(quoted::ALL.len(), 3);
    assert_eq!(
        silenced::LEAD.mentions,
        [agentgen::AgentRef::Catalog(silenced::Agent::CodeReviewer)]
    );
}
