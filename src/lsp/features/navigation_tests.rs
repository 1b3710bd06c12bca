use super::*;
use crate::lsp::features::fixture::{PLANNER, REVIEWER, STYLE, at, range, team};

#[test]
fn definition_from_every_kind_of_reference() {
    let fixture = team();
    let path = fixture.path("agents/planner.md");
    let reviewer = Location {
        uri: fixture.uri("agents/reviewer.md"),
        range: range(REVIEWER, "reviewer", 0),
    };
    let needles = [
        ("@reviewer", 2),           // a prompt mention
        ("Task(reviewer", 6),       // a legacy `Task(x)` entry
        ("Agent(reviewer", 7),      // an `Agent(x)` entry
        ("observer: reviewer", 12), // an observer
    ];
    for (needle, delta) in needles {
        let found = definition(
            &fixture.catalog,
            &path,
            PLANNER,
            at(PLANNER, needle, 0, delta),
        );
        assert_eq!(found, std::slice::from_ref(&reviewer), "{needle}");
    }
    let coder = fixture.text("agents/coder.md");
    let found = definition(
        &fixture.catalog,
        &path,
        PLANNER,
        at(PLANNER, "[coder]", 0, 2),
    );
    assert_eq!(found[0].range, range(&coder, "coder", 0), "a collaborator");
    let found = definition(
        &fixture.catalog,
        &path,
        PLANNER,
        at(PLANNER, "skills: style", 0, 9),
    );
    assert_eq!(
        found,
        [Location {
            uri: fixture.uri("skills/style/SKILL.md"),
            range: range(STYLE, "style", 0),
        }],
        "a skill"
    );
    let skill = fixture.path("skills/style/SKILL.md");
    let found = definition(
        &fixture.catalog,
        &skill,
        STYLE,
        at(STYLE, "agent: reviewer", 0, 9),
    );
    assert_eq!(found, [reviewer], "a skill's agent");
    assert!(definition(&fixture.catalog, &path, PLANNER, at(PLANNER, "Read", 0, 1)).is_empty());
}

#[test]
fn references_of_an_agent_across_the_catalog() {
    let fixture = team();
    let path = fixture.path("agents/reviewer.md");
    let found = references(
        &fixture.catalog,
        &path,
        REVIEWER,
        at(REVIEWER, "reviewer", 0, 1),
        true,
    );
    let planner = fixture.uri("agents/planner.md");
    let mut expected = vec![
        (planner.clone(), range(PLANNER, "reviewer", 0)), // Task(reviewer)
        (planner.clone(), range(PLANNER, "reviewer", 1)), // Agent(reviewer, …)
        (planner.clone(), range(PLANNER, "reviewer", 2)), // observer
        (planner.clone(), range(PLANNER, "reviewer", 3)), // @reviewer
        (
            fixture.uri("agents/reviewer.md"),
            range(REVIEWER, "reviewer", 0),
        ),
        (
            fixture.uri("skills/style/SKILL.md"),
            range(STYLE, "reviewer", 0),
        ),
    ];
    let mut got: Vec<_> = found.into_iter().map(|l| (l.uri, l.range)).collect();
    let key = |(uri, range): &(lsp_types::Uri, lsp_types::Range)| {
        (
            uri.as_str().to_owned(),
            range.start.line,
            range.start.character,
        )
    };
    got.sort_by_key(key);
    expected.sort_by_key(key);
    assert_eq!(got, expected);
    let without = references(
        &fixture.catalog,
        &path,
        REVIEWER,
        at(REVIEWER, "reviewer", 0, 1),
        false,
    );
    assert_eq!(without.len(), 5, "without its `name:`");
    // From a reference, the same places.
    let planner_path = fixture.path("agents/planner.md");
    let from_mention = references(
        &fixture.catalog,
        &planner_path,
        PLANNER,
        at(PLANNER, "@reviewer", 0, 3),
        true,
    );
    assert_eq!(from_mention.len(), 6);
    assert!(
        references(
            &fixture.catalog,
            &path,
            REVIEWER,
            at(REVIEWER, "Grep", 0, 1),
            true
        )
        .is_empty()
    );
}
