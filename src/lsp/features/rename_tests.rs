use super::*;
use crate::lsp::features::fixture::{CODER, Fixture, PLANNER, REVIEWER, STYLE, at, range, team};

/// The files after `edit`, applied to the fixture's texts (edits of one file do not overlap).
#[allow(clippy::mutable_key_type)] // `Uri` keys: see rename.rs
fn apply(fixture: &Fixture, edit: &WorkspaceEdit, files: &[&str]) -> Vec<String> {
    let changes = edit.changes.as_ref().expect("changes");
    files
        .iter()
        .map(|file| {
            let mut text = fixture.text(file);
            let mut edits = changes.get(&fixture.uri(file)).cloned().unwrap_or_default();
            edits.sort_by_key(|e| std::cmp::Reverse((e.range.start.line, e.range.start.character)));
            for e in edits {
                let start = crate::lsp::text::offset_of(&text, e.range.start);
                let end = crate::lsp::text::offset_of(&text, e.range.end);
                text.replace_range(start..end, &e.new_text);
            }
            text
        })
        .collect()
}

#[test]
fn renames_an_agent_everywhere_in_one_edit() {
    let fixture = team();
    let path = fixture.path("agents/planner.md");
    let position = at(PLANNER, "@reviewer", 0, 4);
    assert_eq!(
        prepare_rename(&fixture.catalog, &path, PLANNER, position),
        Some(range(PLANNER, "reviewer", 3))
    );
    let edit = rename(&fixture.catalog, &path, PLANNER, position, "critic").expect("a rename");
    let files = [
        "agents/planner.md",
        "agents/reviewer.md",
        "skills/style/SKILL.md",
        "agents/coder.md",
    ];
    let after = apply(&fixture, &edit, &files);
    assert_eq!(after[0], PLANNER.replace("reviewer", "critic"));
    assert_eq!(after[1], REVIEWER.replace("name: reviewer", "name: critic"));
    assert_eq!(after[2], STYLE.replace("reviewer", "critic"));
    assert_eq!(after[3], CODER);
    assert_eq!(edit.changes.as_ref().map(|c| c.len()), Some(3));
}

#[test]
fn refuses_an_invalid_or_taken_name() {
    let fixture = team();
    let path = fixture.path("agents/reviewer.md");
    let position = at(REVIEWER, "reviewer", 0, 0);
    let refused =
        |name: &str| rename(&fixture.catalog, &path, REVIEWER, position, name).expect_err(name);
    assert!(
        refused("coder").starts_with("an agent named `coder` exists already: /"),
        "{}",
        refused("coder")
    );
    assert!(refused("").contains("empty"));
    assert!(refused("-x").contains("starting with `-`"));
    assert!(refused("a:b").contains("plugin namespaces"));
    assert!(refused("two words").contains("would break"));
    assert!(refused("true").contains("YAML"));
    assert!(refused("12").contains("YAML"));
    let tools = at(REVIEWER, "Grep", 0, 1);
    assert_eq!(
        prepare_rename(&fixture.catalog, &path, REVIEWER, tools),
        None
    );
    assert!(rename(&fixture.catalog, &path, REVIEWER, tools, "x").is_err());
}

#[test]
fn a_packed_reference_keeps_its_pack() {
    let a = "---\nname: a\ndescription: d\ntools: Agent(core:b)\n---\nAsk the core:b agent.\n";
    let b = "---\nname: b\ndescription: d\n---\nB.\n";
    // Packs are an `agents` folder's (a `.claude` project has none).
    let fixture = Fixture::in_folder(
        "agents",
        &[
            ("agentgen.toml", "packs = true\n"),
            ("core/a.md", a),
            ("core/b.md", b),
        ],
    );
    let names: Vec<&str> = fixture
        .catalog
        .agents()
        .iter()
        .map(|x| x.qualified_name.as_str())
        .collect();
    assert_eq!(names, ["core:a", "core:b"]);
    let path = fixture.path("core/b.md");
    let edit = rename(&fixture.catalog, &path, b, at(b, "b\n", 0, 0), "c").expect("a rename");
    let after = apply(&fixture, &edit, &["core/a.md", "core/b.md"]);
    assert_eq!(after[0], a.replace("core:b", "core:c"));
    assert_eq!(after[1], b.replace("name: b", "name: c"));
}
