//! Typed custom frontmatter through `include_agents!`: the `[metadata]` schema of the fixture's
//! agentgen.toml gives every agent a `Metadata` value of the declared Rust types.

mod agents {
    agentgen::include_agents!("fixtures/metadata");
}

use agents::{ExpertiseLevel, Metadata, Tier};

fn main() {
    let reviewer: Metadata = agents::REVIEWER.metadata;
    let category: &'static str = reviewer.category;
    let tags: &'static [&'static str] = reviewer.tags;
    let version: agentgen::Version = reviewer.version;
    let priority: u8 = reviewer.priority;
    let enabled: bool = reviewer.enabled;
    let tier: Tier = reviewer.tier;
    let score: Option<f64> = reviewer.score;
    let levels: &'static [i64] = reviewer.levels;
    let expertise: Option<ExpertiseLevel> = reviewer.expertise_level;
    assert_eq!(category, "quality");
    assert_eq!(tags, ["review", "rust"]);
    assert_eq!(
        version,
        agentgen::Version { pre: "beta.1", ..agentgen::Version::new(2, 1, 0) }
    );
    assert!(version < agentgen::Version::new(2, 1, 0) && version > agentgen::Version::new(2, 0, 9));
    assert_eq!(version.to_string(), "2.1.0-beta.1");
    assert_eq!((priority, enabled), (9, false));
    assert_eq!(tier, Tier::Experimental);
    assert_eq!(score, Some(0.75));
    assert_eq!(levels, [3]);
    assert_eq!(expertise, Some(ExpertiseLevel::Senior));

    // Absent keys: their defaults, `None` for the optional ones.
    let helper = agents::HELPER.metadata;
    assert_eq!(helper.version, agentgen::Version::new(1, 0, 0));
    assert_eq!((helper.priority, helper.enabled), (5, true));
    assert!(helper.tags.is_empty());
    assert_eq!(helper.levels, [1, -2]);
    assert_eq!((helper.score, helper.expertise_level), (None, None));

    // The enums: every value, `Display` and `FromStr` as written.
    assert_eq!(Tier::ALL, [Tier::Core, Tier::Experimental]);
    assert_eq!("core".parse::<Tier>(), Ok(Tier::Core));
    assert!("Core".parse::<Tier>().is_err());
    assert_eq!(ExpertiseLevel::Expert.to_string(), "expert");
    assert_eq!(ExpertiseLevel::Junior.as_str(), "junior");

    // Declared keys are typed, not in `extra`; agentgen's `dependencies` stays there.
    let extra: Vec<&str> = agents::REVIEWER.extra.iter().map(|(key, _)| *key).collect();
    assert_eq!(extra, ["dependencies"]);
    assert_eq!(
        agents::REVIEWER.collaborators,
        [agentgen::AgentRef::Catalog(agents::Agent::Helper)]
    );

    // The spec type carries the metadata type; specs are found by name as ever.
    let spec: &agentgen::AgentSpec<agents::Agent, agentgen::NoSkill, Metadata> =
        agents::by_name("helper").expect("in the catalog");
    assert_eq!(spec.metadata.tier, Tier::Core);
    let by_priority = agents::ALL.iter().max_by_key(|spec| spec.metadata.priority);
    assert_eq!(by_priority.map(|spec| spec.name), Some("reviewer"));
}
