//! Typed custom frontmatter (`[metadata]` in agentgen.toml): the catalog's own keys become a
//! generated `Metadata` struct, checked at build time. Without a schema the generated code is
//! byte-identical to what agentgen generated before the feature existed (the golden files in
//! `tests/golden/` were written by that generator).

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
    assert!(!catalog.has_errors(), "{:?}", catalog.diagnostics);
    let rendered = generate::render(&generate::generate(&catalog, &Options::default()));
    assert_golden("no-schema.expand.rs", &rendered);
    let source = generate::generate_source(&catalog, &Options::default());
    assert_golden("no-schema.source.rs", &source);
}
