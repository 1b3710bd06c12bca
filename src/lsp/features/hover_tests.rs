use super::*;
use crate::lsp::features::fixture::{Fixture, PLANNER, REVIEWER, at, range, team};

fn markdown(hover: Option<Hover>) -> (String, lsp_types::Range) {
    let hover = hover.expect("a hover");
    let HoverContents::Markup(content) = hover.contents else {
        panic!("Markdown")
    };
    (content.value, hover.range.expect("a range"))
}

#[test]
fn a_tool_says_what_it_is() {
    let fixture = team();
    let path = fixture.path("agents/planner.md");
    let (value, at_range) = markdown(hover(
        &fixture.catalog,
        &path,
        PLANNER,
        at(PLANNER, "MultiEdit", 0, 3),
    ));
    assert!(value.starts_with("**MultiEdit** (tool)"), "{value}");
    assert!(value.contains("use `Edit`"), "{value}");
    assert_eq!(at_range, range(PLANNER, "MultiEdit", 0));
    // `Agent` of `Agent(reviewer, coder)` is the tool.
    let (value, _) = markdown(hover(
        &fixture.catalog,
        &path,
        PLANNER,
        at(PLANNER, "Agent(", 0, 1),
    ));
    assert!(
        value.starts_with("**Agent** (tool)\n\nStarts a subagent"),
        "{value}"
    );
    assert_eq!(
        hover(&fixture.catalog, &path, PLANNER, at(PLANNER, "Reed", 0, 1)),
        None,
        "no such tool"
    );
}

#[test]
fn an_agent_shows_its_description_and_file_from_a_prompt_or_a_tools_entry() {
    let fixture = team();
    let path = fixture.path("agents/planner.md");
    let file = fixture.path("agents/reviewer.md");
    let expected = format!(
        "**reviewer** (agent)\n\nReviews code\n\n`{}`",
        file.display()
    );
    for (needle, nth) in [
        ("@reviewer", 0),
        ("Task(reviewer", 0),
        ("observer: reviewer", 0),
    ] {
        let position = at(PLANNER, needle, nth, needle.len() - 2);
        let (value, at_range) = markdown(hover(&fixture.catalog, &path, PLANNER, position));
        assert_eq!(value, expected, "{needle}");
        assert_eq!(
            at_range.end,
            at(PLANNER, needle, nth, needle.len()),
            "{needle}"
        );
    }
    // From the other side: `planner` in reviewer's prompt.
    let (value, _) = markdown(hover(
        &fixture.catalog,
        &file,
        REVIEWER,
        at(REVIEWER, "planner", 0, 2),
    ));
    assert!(
        value.starts_with("**planner** (agent)\n\nPlans the work"),
        "{value}"
    );
}

#[test]
fn a_skill_and_keys() {
    let fixture = team();
    let path = fixture.path("agents/planner.md");
    let (value, _) = markdown(hover(
        &fixture.catalog,
        &path,
        PLANNER,
        at(PLANNER, "style", 0, 1),
    ));
    let file = fixture.path("skills/style/SKILL.md");
    assert_eq!(
        value,
        format!(
            "**style** (skill `style`)\n\nThe team's style guide\n\n`{}`",
            file.display()
        )
    );
    let (value, _) = markdown(hover(
        &fixture.catalog,
        &path,
        PLANNER,
        at(PLANNER, "observer:", 0, 2),
    ));
    assert!(
        value.starts_with("**observer**\n\nAgents Claude Code starts"),
        "{value}"
    );
}

#[test]
fn a_metadata_key_shows_its_declared_type() {
    let agent = "---\nname: a\ndescription: d\nlevel: 3\n---\nx\n";
    let fixture = Fixture::new(&[
        ("agents/a.md", agent),
        ("agentgen.toml", "[metadata]\nlevel = \"u8\"\n"),
    ]);
    let path = fixture.path("agents/a.md");
    let (value, _) = markdown(hover(
        &fixture.catalog,
        &path,
        agent,
        at(agent, "level", 0, 1),
    ));
    assert_eq!(
        value,
        "**level**: `u8` (metadata, agentgen.toml)\n\nAn integer from 0 to 255 (u8); the generated `Metadata` field `level`."
    );
}

#[test]
fn a_newer_buffer_is_read_from_its_text() {
    let fixture = team();
    let path = fixture.path("agents/planner.md");
    // Two lines inserted above: the catalog's places are stale, the buffer's are used.
    let text = PLANNER.replacen("---\n", "---\nmodel: opus\nmaxTurns: 3\n", 1);
    let (value, at_range) = markdown(hover(
        &fixture.catalog,
        &path,
        &text,
        at(&text, "@reviewer", 0, 3),
    ));
    assert!(value.starts_with("**reviewer** (agent)"), "{value}");
    assert_eq!(at_range, range(&text, "reviewer", 3));
    let (value, _) = markdown(hover(
        &fixture.catalog,
        &path,
        &text,
        at(&text, "Read", 0, 1),
    ));
    assert!(value.starts_with("**Read** (tool)"), "{value}");
}
