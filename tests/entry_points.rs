//! The two entry points give the same catalog: `include_agents!` (whose items reach the compiler
//! as printed source text, lexed by rustc) and build.rs (`$OUT_DIR/agents.rs`, formatted by
//! prettyplease), over the bundled agents.

/// build.rs's catalog: the package `bundled/` compiles agents/ in its build script.
use agentgen_bundled::agents as built;

// The bundled agents have warnings (bundled/build.rs prints them as cargo warnings); here they would be
// uses of deprecated items.
#[allow(deprecated)]
mod expanded {
    agentgen::include_agents!("agents");
}

#[test]
fn the_macro_and_build_rs_give_the_same_catalog() {
    assert_eq!(built::ALL.len(), expanded::ALL.len());
    assert!(!built::ALL.is_empty());
    for (built, expanded) in built::ALL.iter().zip(expanded::ALL) {
        // Every field, the agent ids by their variant names (the two enums are distinct types).
        assert_eq!(format!("{built:#?}"), format!("{expanded:#?}"));
        assert_eq!(built.prompt, expanded.prompt);
        assert_eq!(built.id.to_string(), expanded.id.to_string());
        assert_eq!(
            expanded::by_name(built.qualified_name).map(|spec| spec.id.to_string()),
            Some(built.qualified_name.to_owned())
        );
    }
}

/// The bundled catalog's `[metadata]` schema (agents/agentgen.toml) types the ddd pack's own
/// keys the same way through both entry points.
#[test]
fn typed_metadata_is_the_same_through_both() {
    let built = built::ddd::BACKEND_DEVELOPER.metadata;
    let expanded = expanded::ddd::BACKEND_DEVELOPER.metadata;
    let priority: u8 = built.priority;
    assert_eq!(priority, expanded.priority);
    assert_eq!(priority, 9);
    assert_eq!(built.category, Some(built::Category::Engineering));
    assert_eq!(expanded.category, Some(expanded::Category::Engineering));
    assert_eq!(built.version, Some(agentgen::Version::new(1, 0, 0)));
    assert_eq!(built.version, expanded.version);
    assert_eq!(built.tags, expanded.tags);
    assert_eq!(built.tags.first(), Some(&"バックエンド開発"));
    // A pack without the keys gets the defaults.
    let voltagent = built::voltagent::BACKEND_DEVELOPER.metadata;
    assert_eq!(
        (voltagent.category, voltagent.priority, voltagent.enabled),
        (None, 5, true)
    );
}
