// Fields and rules of Claude Code 2.1.332, typed: the `fable` and `sonnet[1m]` aliases, `manual`
// read as `default`, `maxTurns: "1,000"`, an integer effort, the new fields, observers as agent
// values, and the tools `memory` adds (a warning says so; `-D warnings` is not on here).
mod agents {
    agentgen::include_agents!(
        "fixtures/claude-code-2-1-332",
        lints(memory_widens_tools = "allow")
    );
}

use agentgen::{
    AgentRef, BuiltinTool, CacheTtl, Effort, Model, ModelAlias, PermissionMode, Tool, Tools,
};
use agents::Agent;

fn main() {
    let reviewer = agents::REVIEWER;
    assert_eq!(reviewer.model, Some(Model::Alias(ModelAlias::Fable)));
    assert_eq!(reviewer.permission_mode, Some(PermissionMode::Default));
    assert_eq!(reviewer.max_turns, Some(1000));
    assert_eq!(reviewer.effort, Some(Effort::Integer(0)));
    assert_eq!(reviewer.auto_compact_window, Some(150_000));
    assert!(reviewer.omit_claude_md);
    assert_eq!(
        reviewer.observers,
        &[
            AgentRef::Catalog(Agent::Watcher),
            AgentRef::External("general-purpose")
        ]
    );
    assert_eq!(reviewer.observer_message, Some("Keep it short"));
    assert!(!reviewer.observe_subagents);
    assert!(reviewer.observe_tool_results);
    assert_eq!(reviewer.cache_ttl, Some(CacheTtl::OneHour));

    // Written tools, and what the agent runs with.
    assert_eq!(
        reviewer.tools,
        Tools::List(&[
            Tool::BuiltIn(BuiltinTool::Read),
            Tool::BuiltIn(BuiltinTool::Grep)
        ])
    );
    assert_eq!(
        reviewer.tools_added_by_memory,
        &[BuiltinTool::Write, BuiltinTool::Edit]
    );
    let effective: Vec<Tool<Agent>> = reviewer.effective_tools().expect("a list").collect();
    assert_eq!(effective.len(), 4);
    assert!(reviewer.allows(BuiltinTool::Write) && reviewer.allows(BuiltinTool::Edit));
    assert!(!reviewer.allows(BuiltinTool::Bash));

    let watcher = agents::WATCHER;
    assert_eq!(watcher.model, Some(Model::Alias(ModelAlias::Sonnet1m)));
    assert_eq!(watcher.model.map(|m| m.as_str()), Some("sonnet[1m]"));
    assert!(!watcher.observe_tool_results);
    assert!(watcher.tools_added_by_memory.is_empty());
    assert!(!watcher.allows(BuiltinTool::Write));
}
