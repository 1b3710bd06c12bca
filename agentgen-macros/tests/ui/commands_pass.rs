// A `.claude` project's commands compile to typed constants: the `Command` enum, `CommandSpec`
// (the runtime's `SkillSpec`), `ALL_COMMANDS`, `command_by_name` and the module `commands`.
mod project {
    agentgen::include_agents!("fixtures/commands/.claude");
}

use agentgen::{AgentRef, BuiltinTool, SkillContext, Tool};
use project::{Agent, Command, CommandSpec};

fn main() {
    assert_eq!(Command::ALL, [Command::GrpDeploy, Command::Ship]);
    assert_eq!(project::ALL_COMMANDS.len(), 2);
    let ship: &CommandSpec = &project::commands::SHIP;
    assert_eq!(ship.id, Command::Ship);
    assert_eq!(ship.qualified_name, "ship");
    assert_eq!(ship.description, "Ships the current branch");
    assert_eq!(ship.argument_hint, Some("[branch]"));
    assert_eq!(
        ship.allowed_tools,
        [
            Tool::Rule {
                tool: BuiltinTool::Bash,
                rule: "git push:*"
            },
            Tool::BuiltIn(BuiltinTool::Read)
        ]
    );
    assert_eq!(ship.source_path, "fixtures/commands/.claude/commands/ship.md");
    let deploy = project::command_by_name("grp:deploy").expect("a command");
    assert_eq!(deploy.id, Command::GrpDeploy);
    assert_eq!(deploy.folder, "grp:deploy");
    assert_eq!(deploy.context, SkillContext::Fork);
    assert_eq!(deploy.agent, Some(AgentRef::Catalog(Agent::Releaser)));
    assert_eq!("ship".parse::<Command>(), Ok(Command::Ship));
    assert_eq!("nope".parse::<Command>(), Err(agentgen::UnknownCommand));
    assert_eq!(Command::GrpDeploy.to_string(), "grp:deploy");
    assert_eq!(format!("{:?}", Command::GrpDeploy), "GrpDeploy");
    assert_eq!(Command::Ship.spec().body, "Push $ARGUMENTS.\n");
}
