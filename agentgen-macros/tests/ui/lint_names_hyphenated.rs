// `lints(…)` takes a lint's name as its messages spell it: `unknown-agent-in-prompt = "deny"`
// makes the prompt's unknown agent a compile error. A misspelt name is an error on the whole
// name, with the nearest lint's name.
mod denied {
    agentgen::include_agents!(
        "fixtures/unknown-agent-in-prompt",
        lints(unknown-agent-in-prompt = "deny")
    );
}

mod misspelt {
    agentgen::include_agents!(
        "fixtures/unknown-agent-in-prompt",
        lints(unknown-agents-in-prompt = "deny")
    );
}

fn main() {}
