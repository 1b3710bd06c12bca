// A `.claude` project with skills and a `[metadata]` schema: the spec type carries both, the
// catalog's `Skill` enum and its `Metadata` struct.
mod agents {
    agentgen::include_agents!("fixtures/skills-and-metadata/.claude");
}

use agentgen::SkillRef;
use agents::{Agent, Skill};

fn main() {
    let reviewer: &'static agentgen::AgentSpec<Agent, Skill, agents::Metadata> =
        agents::by_name("reviewer").expect("reviewer");
    assert_eq!(reviewer.skills, &[SkillRef::Catalog(Skill::Checklist)]);
    assert_eq!(reviewer.metadata.priority, 9u8);
    assert_eq!(reviewer.metadata.tier, agents::Tier::Core);
    assert_eq!(agents::skill_by_name("checklist").map(|s| s.id), Some(Skill::Checklist));
}
