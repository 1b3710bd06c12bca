// One broken file gives one error: `code-reviewer.md`'s frontmatter is not YAML (Claude Code
// skips the file), yet the agent keeps its variant and constant, so this code gets no rustc
// error of its own, and the agents naming it (`Agent(code-reviewer)`, `collaborators`,
// `observer`, their prompts) get none either.
mod agents {
    agentgen::include_agents!("fixtures/broken-agent");
}

fn main() {
    let reviewer = agents::Agent::CodeReviewer;
    let spec: &agents::AgentSpec = &agents::CODE_REVIEWER;
    assert_eq!(reviewer.name(), spec.name);
}
