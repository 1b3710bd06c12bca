//! The runtime crate and the engine describe the same things twice (the engine cannot depend on
//! the runtime crate, which re-exports the macro): keep them equal.

use agentgen::{BuiltinTool, ToolStatus};
use agentgen_compiler::registry::{BUILTIN_TOOLS, ToolKind};

#[test]
fn builtin_tool_table_matches_the_runtime_enum() {
    assert_eq!(BUILTIN_TOOLS.len(), BuiltinTool::ALL.len());
    for info in BUILTIN_TOOLS {
        let tool = BuiltinTool::from_name(info.name)
            .unwrap_or_else(|| panic!("{} missing at run time", info.name));
        assert_eq!(format!("{tool:?}"), info.variant);
        let status = match info.kind {
            ToolKind::Current => ToolStatus::Current,
            ToolKind::Alias { of } => ToolStatus::AliasOf(
                BuiltinTool::from_name(of).unwrap_or_else(|| panic!("{of} missing at run time")),
            ),
            ToolKind::Retired { .. } => ToolStatus::Retired,
        };
        assert_eq!(tool.status(), status, "{}", info.name);
    }
}

#[test]
fn name_hash_matches() {
    for name in ["", "a", "ddd:backend-developer", "后端"] {
        assert_eq!(
            agentgen::__private::fnv1a(name.as_bytes()),
            agentgen_compiler::naming::fnv1a(name.as_bytes())
        );
    }
}

#[test]
fn model_alias_table_matches_the_runtime_enum() {
    use agentgen::ModelAlias;
    use agentgen_compiler::read::MODEL_ALIASES;
    assert_eq!(MODEL_ALIASES.len(), ModelAlias::ALL.len());
    for (alias, (name, variant)) in ModelAlias::ALL.iter().zip(MODEL_ALIASES) {
        assert_eq!(alias.as_str(), *name);
        assert_eq!(format!("{alias:?}"), *variant);
    }
}
