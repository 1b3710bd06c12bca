//! The two entry points give the same catalog: `include_agents!` (whose items reach the compiler
//! as printed source text, lexed by rustc) and build.rs (`$OUT_DIR/agents.rs`, formatted by
//! prettyplease), over the bundled agents.

mod built {
    include!(concat!(env!("OUT_DIR"), "/agents.rs"));
}

// The bundled agents have warnings (build.rs prints them as cargo warnings); here they would be
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
