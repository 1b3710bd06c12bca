//! A catalog without skills generates exactly what agentgen generated before skills existed:
//! `tests/fixtures/without-skills.expected.rs` was written by that version (`agentgen expand`
//! of `tests/fixtures/without-skills`, a catalog with packs whose agents preload Claude Code's
//! bundled skills by name); since then it gained only the team table (`TEAMS`, `Agent::team`),
//! which every catalog has, and the runtime's changes of issue 23 (`collaborators` and
//! `mentions` as `AgentRef`s, `NameTable` under `__private`). And a catalog with skills and
//! plugins generates the same code whatever order its files were written in.

use std::path::Path;

use agentgen_compiler::generate::{Options, generate, render};
use agentgen_compiler::{Config, compile_dir};

#[test]
fn a_catalog_without_skills_generates_the_code_it_did_before_skills() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/without-skills");
    let catalog = compile_dir(
        &dir,
        "agentgen-compiler/tests/fixtures/without-skills",
        &Config::default(),
    );
    assert!(!catalog.has_errors(), "{:#?}", catalog.diagnostics());
    assert!(catalog.skills().is_empty());
    let code = render(&generate(&catalog, &Options::default()));
    let expected_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/without-skills.expected.rs");
    // `AGENTGEN_BLESS=1` rewrites it (only with the generator of a reviewed commit).
    if std::env::var_os("AGENTGEN_BLESS").is_some() {
        std::fs::write(&expected_path, &code).expect("write the expected code");
    }
    let expected = std::fs::read_to_string(&expected_path).expect("the expected code");
    assert!(code == expected, "the generated code changed:\n{code}");
}

fn write(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, text).expect("write");
    }
}

#[test]
fn skills_and_plugins_generate_the_same_code_whatever_the_file_order() {
    let files = [
        (".claude-plugin/plugin.json", "{\"name\": \"kit\"}"),
        (
            "agents/b.md",
            "---\nname: b\ndescription: d\nskills: one, kit:two, simplify\n---\nB",
        ),
        (
            "agents/sub/a.md",
            "---\nname: a\ndescription: d\ntools: Agent(b)\n---\nA",
        ),
        (
            "skills/one/SKILL.md",
            "---\ndescription: first\nallowed-tools: Read\n---\n1",
        ),
        ("skills/two/SKILL.md", "second\n"),
    ];
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("skills-determinism");
    let _ = std::fs::remove_dir_all(&root);
    let mut reversed = files;
    reversed.reverse();
    write(&root.join("first/kit"), &files);
    write(&root.join("second/kit"), &reversed);
    let code = |dir: &str| {
        let catalog = compile_dir(&root.join(dir).join("kit"), "kit", &Config::default());
        assert!(!catalog.has_errors(), "{:#?}", catalog.diagnostics());
        assert_eq!(catalog.skills().len(), 2);
        render(&generate(&catalog, &Options::default()))
    };
    let first = code("first");
    assert_eq!(first, code("second"));
    assert!(first.contains("kit:sub:a") && first.contains("SkillRef::Catalog(Skill::KitOne)"));
}
