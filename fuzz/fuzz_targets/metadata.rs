//! Typed custom frontmatter: a `[metadata]` schema and 1–3 agent files cut from one input.
//! The schema is read (`Config::parse_source`), the files are checked against it and the
//! catalog generated; the generated file must parse with syn. Then the schema `agentgen
//! schema` infers from the same files must read without a diagnostic and compile them without
//! a `missing-metadata` or `invalid-metadata` error, and the output must not depend on the
//! order of the files.
//!
//! Input layout: cut at 0xFF into the text of agentgen.toml, then up to three agent files
//! (`a.md`, `b.md`, `c.md`). Seeds: `fuzz/seed.sh` (a schema with every type and seed 004's
//! agents).
#![no_main]

use agentgen_compiler::catalog::{Input, compile};
use agentgen_compiler::config::Config;
use agentgen_compiler::generate::{self, Options};
use agentgen_compiler::inspect::infer_schema;
use agentgen_compiler::read::{self, AgentFile};
use agentgen_compiler::source::SourceFile;
use agentgen_compiler::{Catalog, Code};
use libfuzzer_sys::fuzz_target;

const PATHS: [&str; 3] = ["agents/a.md", "agents/b.md", "agents/c.md"];

fn catalog(config: &Config, files: &[&[u8]], reverse: bool) -> Catalog {
    let mut read: Vec<AgentFile> = files
        .iter()
        .zip(PATHS)
        .map(|(bytes, path)| read::read_agent(path, bytes))
        .collect();
    if reverse {
        read.reverse();
    }
    compile(Input::files("agents", read), config.clone())
}

fn generated(catalog: &Catalog) -> String {
    let text = generate::render(&generate::generate(catalog, &Options::default()));
    if let Err(error) = syn::parse_file(&text) {
        panic!("generated code does not parse: {error}\n{text}");
    }
    text
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(4, |&b| b == 0xff);
    let config_bytes = parts.next().unwrap_or_default();
    let files: Vec<&[u8]> = parts.collect();
    let source = SourceFile::new("agents/agentgen.toml", config_bytes);
    let (config, config_diagnostics) = Config::parse_source(&source);
    for diagnostic in &config_diagnostics {
        let _ = diagnostic.render(Some(&source), false);
    }

    let forward = catalog(&config, &files, false);
    let text = generated(&forward);
    for diagnostic in forward.diagnostics() {
        let _ = diagnostic.render(forward.source(&diagnostic.file), false);
    }
    let backward = catalog(&config, &files, true);
    assert_eq!(text, generated(&backward), "output depends on file order");

    // The inferred schema reads cleanly and compiles the files it came from.
    let untyped = catalog(&Config::default(), &files, false);
    let inferred = infer_schema(&untyped);
    let (inferred_config, problems) =
        Config::parse_source(&SourceFile::new("agents/agentgen.toml", inferred.as_bytes()));
    assert!(problems.is_empty(), "{inferred}\n{problems:#?}");
    let typed = catalog(&inferred_config, &files, false);
    let errors: Vec<_> = typed
        .diagnostics()
        .iter()
        .filter(|d| matches!(d.code, Code::MissingMetadata | Code::InvalidMetadata))
        .collect();
    assert!(errors.is_empty(), "{inferred}\n{errors:#?}");
    generated(&typed);
});
