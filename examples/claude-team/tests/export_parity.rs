//! `agentgen::cc_sdk::agent_definitions` carries what `agentgen export` writes: for the bundled
//! catalog (`../../agents`, compiled by this crate's build.rs) and the example's own (`agents/`),
//! each agent's cc-sdk definition, serialized as cc-sdk sends it to the CLI (`--agents <json>`),
//! equals the export's entry for it (the reference: `agentgen_compiler::export::claude_agents_json`,
//! what `agentgen export DIR` prints) without the fields `lost_through_cc_sdk` names, and those
//! are exactly the export's fields cc-sdk has no room for.

use std::path::Path;

use serde_json::{Map, Value};

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

use agentgen_example_claude_team::agents;

/// `agentgen export DIR`'s JSON, parsed.
fn exported(dir: &str) -> Map<String, Value> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let catalog = agentgen_compiler::compile_dir(&dir, "agents", &Default::default());
    assert!(!catalog.has_errors(), "{:#?}", catalog.diagnostics());
    let json = agentgen_compiler::export::claude_agents_json(&catalog);
    match serde_json::from_str(&json).expect("export writes JSON") {
        Value::Object(map) => map,
        other => panic!("export wrote {other}"),
    }
}

/// The JSON key of a lost field (`experimental.cacheTtl` is under `experimental`).
fn key_of(field: &str) -> &str {
    field.split('.').next().unwrap_or(field)
}

/// Checks one catalog; returns how many agents lose something.
fn agree(
    exported: &Map<String, Value>,
    converted: &std::collections::HashMap<String, agentgen::cc_sdk::AgentDefinition>,
    lost: &dyn Fn(&str) -> Vec<agentgen::cc_sdk::LostField>,
) -> usize {
    assert_eq!(
        exported.keys().collect::<std::collections::BTreeSet<_>>(),
        converted.keys().collect(),
        "the same agents"
    );
    let mut losing = 0;
    for (name, definition) in converted {
        let Value::Object(mut expected) = exported[name].clone() else {
            panic!("{name}: not an object");
        };
        let lost = lost(name);
        losing += usize::from(!lost.is_empty());
        for field in &lost {
            if field.unsupported_value {
                assert_eq!(
                    expected[key_of(field.field)].to_string(),
                    field.value,
                    "{name}: the lost value is the exported one"
                );
            }
            assert!(
                expected.remove(key_of(field.field)).is_some(),
                "{name}: {field} is not in the export"
            );
        }
        let sent = serde_json::to_value(definition).expect("cc-sdk serializes it");
        assert_eq!(sent, Value::Object(expected), "{name}");
    }
    losing
}

#[test]
fn the_bundled_catalog_converts_as_agentgen_export_writes_it() {
    let converted = agentgen::cc_sdk::agent_definitions(&bundled::ALL);
    let lost = |name: &str| {
        bundled::by_name(name)
            .expect("an agent")
            .lost_through_cc_sdk()
    };
    let losing = agree(&exported("../../agents"), &converted, &lost);
    assert_eq!(converted.len(), bundled::ALL.len());
    // The bundled agents set colours (which cc-sdk drops) and nothing else it lacks.
    for spec in bundled::ALL {
        for field in spec.lost_through_cc_sdk() {
            assert_eq!(field.field, "color", "{}: {field}", spec.qualified_name);
        }
    }
    println!(
        "{losing} of {} bundled agents lose their colour",
        converted.len()
    );
}

#[test]
fn the_example_catalog_converts_as_agentgen_export_writes_it() {
    let converted = agentgen::cc_sdk::agent_definitions(&agents::ALL);
    let lost = |name: &str| {
        agents::by_name(name)
            .expect("an agent")
            .lost_through_cc_sdk()
    };
    assert_eq!(agree(&exported("agents"), &converted, &lost), 1);

    let fields: Vec<String> = agents::DOCS_WRITER
        .lost_through_cc_sdk()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        fields,
        [
            "color: \"green\" (cc-sdk's AgentDefinition has no `color`)",
            "permissionMode: \"auto\" (cc-sdk's `permissionMode` has no such value)",
            "effort: \"xhigh\" (cc-sdk's `effort` has no such value)",
            "isolation: \"worktree\" (cc-sdk's AgentDefinition has no `isolation`)",
        ]
    );
    // The team the example hands to Claude Code loses nothing.
    let team = agentgen::cc_sdk::agent_definitions_lossless(agents::Agent::Planner.team())
        .expect("nothing lost");
    assert_eq!(team.len(), 3);
    let refused = agentgen::cc_sdk::agent_definitions_lossless(&agents::ALL).unwrap_err();
    assert!(refused.lost.iter().all(|(name, _)| *name == "docs-writer"));
    // The error says what is lost, one line per field, and is a `std::error::Error`.
    let text = refused.to_string();
    assert!(
        text.starts_with("agentgen: ") && text.contains("\n  docs-writer: isolation: \"worktree\""),
        "{text}"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(refused.clone());
    assert_eq!(boxed.to_string(), text);
    // What the conversion holds, field by field, for the reviewer.
    let reviewer = &converted["code-reviewer"];
    assert_eq!(
        reviewer.tools.as_deref(),
        Some(&["Read", "Grep", "Glob", "Bash(git diff:*)"].map(String::from)[..])
    );
    assert_eq!(
        reviewer.skills.as_deref(),
        Some(&["simplify".to_owned()][..])
    );
    assert_eq!(reviewer.permission_mode, Some(cc_sdk::PermissionMode::Plan));
    assert_eq!(converted["planner"].effort, Some(cc_sdk::Effort::High));
    assert_eq!(converted["test-runner"].max_turns, Some(20));
    assert_eq!(
        converted["docs-writer"].mcp_servers.as_ref().map(Vec::len),
        Some(2)
    );
}
