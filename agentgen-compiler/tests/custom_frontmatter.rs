//! Typed custom frontmatter (`[metadata]` in agentgen.toml): the catalog's own keys become a
//! generated `Metadata` struct, checked at build time. Without a schema the generated code is
//! byte-identical to what agentgen generated before the feature existed (the golden files in
//! `tests/golden/` were written by that generator; since then they gained only the team table,
//! `TEAMS` and `Agent::team`, which every catalog has, and the runtime's changes of issue 23:
//! `collaborators` and `mentions` as `AgentRef`s, `NameTable` under `__private`).

use std::path::{Path, PathBuf};

use agentgen_compiler::generate::{self, Options};
use agentgen_compiler::{Config, compile_dir};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/custom-frontmatter")
}

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Compares `actual` with the golden file `name`; `AGENTGEN_BLESS=1` rewrites it instead (only
/// ever done with the generator of a reviewed commit).
fn assert_golden(name: &str, actual: &str) {
    let path = golden(name);
    if std::env::var_os("AGENTGEN_BLESS").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with AGENTGEN_BLESS=1 once)", path.display()));
    assert!(
        expected == actual,
        "generated code differs from {}:\n{actual}",
        path.display()
    );
}

#[test]
fn without_a_schema_the_generated_code_is_unchanged() {
    let catalog = compile_dir(&fixture(), "agents", &Config::default());
    assert!(!catalog.has_errors(), "{:?}", catalog.diagnostics());
    let rendered = generate::render(&generate::generate(&catalog, &Options::default()));
    assert_golden("no-schema.expand.rs", &rendered);
    let source = generate::generate_source(&catalog, &Options::default());
    assert_golden("no-schema.source.rs", &source);
}

const SCHEMA: &str = "packs = true\n\n[metadata]\n\
category = { enum = [\"architecture\", \"engineering\"], required = false }\n\
tags     = { type = \"[string]\", default = [] }\n\
version  = { type = \"semver\", required = false }\n\
priority = { type = \"u8\", default = 5 }\n\
enabled  = { type = \"bool\", default = true }\n";

/// The fixture in a scratch directory with `config` as its agentgen.toml.
fn with_config(name: &str, config: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/agentgen-compiler-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for relative in [
        "ddd/backend-developer.md",
        "ddd/domain-modeller.md",
        "plain/reviewer.md",
    ] {
        let target = dir.join(relative);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("scratch dir");
        std::fs::copy(fixture().join(relative), &target).expect("copy fixture");
    }
    std::fs::write(dir.join("agentgen.toml"), config).expect("agentgen.toml");
    dir
}

#[test]
fn with_a_schema_the_keys_are_typed_and_leave_extra() {
    let dir = with_config("custom-frontmatter-schema", SCHEMA);
    let catalog = compile_dir(&dir, "agents", &Config::default());
    // `author` is not declared: the one diagnostic, a warning at its key.
    let found: Vec<(String, String, usize)> = catalog
        .diagnostics()
        .iter()
        .map(|d| {
            (
                d.code.to_string(),
                d.file.clone(),
                d.span.as_ref().map_or(0, |s| s.line),
            )
        })
        .collect();
    assert_eq!(
        found,
        [(
            "unknown-key".to_owned(),
            "agents/ddd/domain-modeller.md".to_owned(),
            9
        )]
    );
    assert!(!catalog.has_errors());

    // The default runtime path prints as `:: agentgen`.
    let source = generate::generate_source(&catalog, &Options::default())
        .replace(":: agentgen", "::agentgen");
    assert!(
        source.contains(
            "pub type AgentSpec = ::agentgen::AgentSpec<Agent, ::agentgen::NoSkill, Metadata>;"
        ),
        "{source}"
    );
    for expected in [
        // Given values, typed; `dependencies` stays in `extra` (agentgen's own key).
        "extra: &[(\"dependencies\", ::agentgen::Value::List(&[::agentgen::Value::Str(\"domain-modeller\")]))],",
        ".. ::agentgen::AgentSpec::base_with(Agent::DddBackendDeveloper, Metadata { \
         category: ::core::option::Option::Some(Category::Engineering), tags: &[\"FastAPI\", \"Python\"], \
         version: ::core::option::Option::Some(::agentgen::Version { major: 1, minor: 0, patch: 0, pre: \"\", build: \"\" }), \
         priority: 9, enabled: true })",
        // An undeclared key stays in `extra`.
        "extra: &[(\"author\", ::agentgen::Value::Str(\"Someone\"))],",
        "version: ::core::option::Option::Some(::agentgen::Version { major: 2, minor: 1, patch: 0, pre: \"beta.1\", build: \"build.7\" }), \
         priority: 8, enabled: false })",
        // No keys at all: the defaults, `None` for the optional ones.
        ".. ::agentgen::AgentSpec::base_with(Agent::PlainReviewer, Metadata { \
         category: ::core::option::Option::None, tags: &[], version: ::core::option::Option::None, \
         priority: 5, enabled: true })",
        "#[allow(unused_imports)]\nuse super::{Metadata, Category};\n",
    ] {
        assert!(source.contains(expected), "{expected}\n---\n{source}");
    }
    assert!(
        !source.contains("(\"category\""),
        "declared keys leave `extra`"
    );
    // The build-script shape parses, and is reviewed as a snapshot.
    let rendered = generate::render(&generate::generate(&catalog, &Options::default()));
    syn::parse_file(&rendered).expect("generated code parses");
    assert_golden("schema.expand.rs", &rendered);
}

#[test]
fn schema_errors_point_into_agentgen_toml() {
    let dir = with_config(
        "custom-frontmatter-bad-schema",
        "packs = true\n[metadata]\ntools = \"string\"\npriority = { type = \"u8\", default = 300 }\n",
    );
    let catalog = compile_dir(&dir, "agents", &Config::default());
    let errors: Vec<String> = catalog
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render(catalog.source(&d.file), false))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].contains(
            "error[invalid-config]: `tools` cannot be a metadata key: Claude Code reads it"
        ) && errors[0].contains("--> agents/agentgen.toml:3:1")
            && errors[0].contains("3 | tools = \"string\""),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].contains("the default of `priority` is out of range")
            && errors[1].contains("--> agents/agentgen.toml:4:37"),
        "{}",
        errors[1]
    );
    // The valid rest of the configuration holds: packs, and a schema without the two keys, so
    // the agents' `priority` values are unknown keys (linted), not typed.
    assert!(catalog.agents().iter().all(|a| a.pack.is_some()));
    let schema = catalog.config().metadata.as_ref().expect("a schema");
    assert!(schema.keys.is_empty());
    assert_eq!(schema.rejected_keys, ["tools", "priority"]);
    assert!(
        catalog
            .diagnostics()
            .iter()
            .all(|d| d.is_error() || d.code.as_str() == "unknown-key"),
        "{:#?}",
        catalog.diagnostics()
    );
}
