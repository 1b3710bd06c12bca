// A `.claude` project (agents and skills) and a plugin compile through the macro; the layout
// is detected from the folder.
mod project {
    agentgen::include_agents!("fixtures/claude-project/.claude");
}

mod plugin {
    agentgen::include_agents!("fixtures/plugin");
}

// A plugin whose two auditors share a short name.
mod short {
    agentgen::include_agents!("fixtures/short-names");
}

// A plugin of skills and no agents.
mod notes {
    agentgen::include_agents!("fixtures/skills-only");
}

use agentgen::{SkillContext, SkillRef};
use project::{Agent, Skill};

fn main() {
    // Skills: an enum, one constant each, a lookup.
    assert_eq!(
        Skill::ALL,
        [Skill::Changelog, Skill::ReleaseNotes, Skill::ReviewChecklist]
    );
    assert_eq!(project::ALL_SKILLS.len(), 3);
    let checklist = project::skill_by_name("review-checklist").expect("a skill");
    assert_eq!(checklist.id, Skill::ReviewChecklist);
    assert!(!checklist.user_invocable && checklist.preloadable());
    assert_eq!(checklist.allowed_tools.len(), 3);
    assert!(checklist.body.starts_with("1. Tests pass."));
    assert_eq!("changelog".parse::<Skill>(), Ok(Skill::Changelog));
    assert_eq!(Skill::ReleaseNotes.to_string(), "release-notes");
    // A skill without frontmatter: named after its folder, described by its first line.
    assert_eq!(project::skills::CHANGELOG.description, "Changelog entries");
    let notes = &project::skills::RELEASE_NOTES;
    assert_eq!(notes.context, SkillContext::Fork);
    assert_eq!(notes.agent, Some(agentgen::AgentRef::Catalog(Agent::ReleaseManager)));
    assert!(notes.disable_model_invocation && !notes.preloadable());
    assert_eq!(notes.arguments, ["version"]);

    // Agents preload skills: catalog skills as enum values, bundled ones by name.
    assert_eq!(
        project::REVIEWER.skills,
        [SkillRef::Catalog(Skill::ReviewChecklist), SkillRef::Named("simplify")]
    );
    assert_eq!(project::RELEASE_MANAGER.skills, [SkillRef::Catalog(Skill::Changelog)]);
    assert_eq!(project::REVIEWER.skills[0].to_string(), "review-checklist");

    // A plugin: agents named as Claude Code names them, a segment per subfolder.
    let names: Vec<&str> = plugin::ALL.iter().map(|a| a.qualified_name).collect();
    assert_eq!(names, ["my-plugin:review:security", "my-plugin:triage"]);
    assert_eq!(plugin::my_plugin::REVIEW_SECURITY.pack, Some("my-plugin"));
    assert_eq!(
        plugin::my_plugin::REVIEW_SECURITY.collaborators,
        [agentgen::AgentRef::Catalog(plugin::Agent::MyPluginTriage)]
    );
    assert_eq!(plugin::Skill::ALL, [plugin::Skill::MyPluginChecklist]);
    assert_eq!(plugin::Skill::MyPluginChecklist.name(), "my-plugin:checklist");
    assert_eq!(
        plugin::my_plugin::TRIAGE.skills,
        [SkillRef::Catalog(plugin::Skill::MyPluginChecklist)]
    );

    // Lookup by short name: found when one agent (skill) has it, not when two share it.
    assert_eq!(short::by_name("lead").map(|a| a.id), None);
    assert_eq!(short::by_short_name("lead").map(|a| a.id), Some(short::Agent::KitLead));
    assert_eq!(short::Agent::by_short_name("lead"), Some(short::Agent::KitLead));
    assert!(short::by_short_name("auditor").is_none());
    assert!(short::by_short_name("kit:lead").is_none());
    assert_eq!(
        short::by_name("kit:security:auditor").map(|a| a.id),
        Some(short::Agent::KitSecurityAuditor)
    );
    assert!(short::skill_by_name("lint-rules").is_none());
    assert_eq!(
        short::skill_by_short_name("lint-rules").map(|s| s.id),
        Some(short::Skill::KitLintRules)
    );
    assert_eq!(short::Skill::by_short_name("lint-rules"), Some(short::Skill::KitLintRules));
    assert_eq!(plugin::by_short_name("security").map(|a| a.qualified_name), Some("my-plugin:review:security"));

    assert!(notes::ALL.is_empty() && notes::Agent::ALL.is_empty());
    assert_eq!(notes::ALL_SKILLS[0].qualified_name, "notes-kit:notes");
    assert_eq!(
        notes::skills::NOTES_KIT_NOTES.allowed_tools,
        [agentgen::Tool::BuiltIn(agentgen::BuiltinTool::Read)]
    );
}
