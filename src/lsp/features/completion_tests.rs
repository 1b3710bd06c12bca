use super::*;
use crate::lsp::features::fixture::{Fixture, PLANNER, at, team};

fn labels(items: &[CompletionItem]) -> Vec<&str> {
    items.iter().map(|i| i.label.as_str()).collect()
}

/// The completions with `text` as planner.md's buffer, at the end of the `nth` `needle`.
fn complete_at(fixture: &Fixture, text: &str, needle: &str, nth: usize) -> Vec<CompletionItem> {
    let position = at(text, needle, nth, needle.len());
    completion(
        &fixture.catalog,
        &fixture.path("agents/planner.md"),
        text,
        position,
    )
}

#[test]
fn keys_with_their_meaning_and_without_the_ones_given() {
    let fixture = team();
    let text = PLANNER.replace("observer: reviewer\n", "observer: reviewer\nper\n");
    let items = complete_at(&fixture, &text, "\nper", 0);
    let labels = labels(&items);
    assert!(labels.contains(&"permissionMode"), "{labels:?}");
    assert!(labels.contains(&"maxTurns"));
    assert!(!labels.contains(&"tools"), "given already");
    let mode = items
        .iter()
        .find(|i| i.label == "permissionMode")
        .expect("item");
    let Some(CompletionTextEdit::Edit(edit)) = &mode.text_edit else {
        panic!("an edit")
    };
    assert_eq!(edit.new_text, "permissionMode: ");
    assert_eq!(
        edit.range,
        crate::lsp::features::fixture::range(&text, "per", 0)
    );
    let Some(Documentation::MarkupContent(docs)) = &mode.documentation else {
        panic!("documentation")
    };
    assert!(docs.value.starts_with("How the agent asks for permission"));
}

trait TapEnd {
    fn tap_end(self, len: u32) -> Self;
}

impl TapEnd for lsp_types::Range {
    fn tap_end(mut self, len: u32) -> Self {
        self.end.character = self.start.character + len;
        self
    }
}

#[test]
fn metadata_keys_and_enum_values_come_from_the_schema() {
    let agent = "---\nname: a\ndescription: d\nteam: \n---\nx\n";
    let fixture = Fixture::new(&[
        ("agents/a.md", agent),
        (
            "agentgen.toml",
            "[metadata]\nteam = { enum = [\"core\", \"docs\"] }\nlevel = \"u8\"\n",
        ),
    ]);
    let path = fixture.path("agents/a.md");
    let values = completion(&fixture.catalog, &path, agent, at(agent, "team: ", 0, 6));
    assert_eq!(labels(&values), ["core", "docs"]);
    let text = agent.replace("team: \n", "team: core\nle\n");
    let keys = completion(&fixture.catalog, &path, &text, at(&text, "\nle", 0, 3));
    let level = keys
        .iter()
        .find(|i| i.label == "level")
        .expect("the metadata key");
    assert_eq!(level.detail.as_deref(), Some("metadata: u8"));
    assert!(!labels(&keys).contains(&"team"), "given already");
}

#[test]
fn tools_then_agents_inside_agent_parentheses() {
    let fixture = team();
    let text = PLANNER.replace("Agent(reviewer, coder)", "Agent(reviewer, co) Gr");
    let tools = complete_at(&fixture, &text, "Gr", 0);
    assert!(labels(&tools).contains(&"Grep"));
    assert!(
        !labels(&tools).contains(&"MultiEdit"),
        "only tools Claude Code runs"
    );
    let agents = complete_at(&fixture, &text, "Agent(reviewer, co", 0);
    assert_eq!(
        labels(&agents),
        ["coder", "reviewer"],
        "not the agent itself"
    );
    let Some(CompletionTextEdit::Edit(edit)) = &agents[0].text_edit else {
        panic!("an edit")
    };
    assert_eq!(
        edit.range,
        crate::lsp::features::fixture::range(&text, "co) Gr", 0).tap_end(2)
    );
    assert_eq!(edit.new_text, "coder");
    assert_eq!(agents[0].detail.as_deref(), Some("Writes code"));
}

#[test]
fn values_of_keys_with_a_fixed_set() {
    let fixture = team();
    let with = |line: &str| {
        PLANNER.replace(
            "observer: reviewer\n",
            &format!("observer: reviewer\n{line}\n"),
        )
    };
    let text = with("model: ");
    assert!(labels(&complete_at(&fixture, &text, "model: ", 0)).contains(&"sonnet"));
    let text = with("color: ");
    assert_eq!(labels(&complete_at(&fixture, &text, "color: ", 0)).len(), 8);
    let text = with("permissionMode: ");
    assert!(labels(&complete_at(&fixture, &text, "permissionMode: ", 0)).contains(&"acceptEdits"));
    let text = with("effort: hi");
    assert_eq!(
        labels(&complete_at(&fixture, &text, "effort: hi", 0)),
        ["low", "medium", "high", "xhigh", "max"]
    );
    let skills = complete_at(&fixture, PLANNER, "skills: ", 0);
    assert_eq!(skills[0].label, "style");
    assert_eq!(skills[0].detail.as_deref(), Some("The team's style guide"));
    assert!(
        labels(&skills).contains(&"simplify"),
        "Claude Code's bundled skills"
    );
    // A list item under `dependencies`.
    let text = PLANNER.replace("dependencies: [coder]", "dependencies:\n  - rev");
    assert_eq!(
        labels(&complete_at(&fixture, &text, "- rev", 0)),
        ["coder", "reviewer"]
    );
}

#[test]
fn agents_in_the_prompt_after_at_in_agent_and_subagent_type() {
    let fixture = team();
    let text = format!("{PLANNER}Ask @re then Agent(co and subagent_type: \"rev\n");
    for needle in ["@re", "Agent(co", "subagent_type: \"rev"] {
        assert_eq!(
            labels(&complete_at(&fixture, &text, needle, 0)),
            ["coder", "reviewer"],
            "{needle}"
        );
    }
    assert!(
        complete_at(&fixture, &text, "then", 0).is_empty(),
        "plain prose"
    );
}

#[test]
fn odd_positions_and_texts_give_nothing_or_something_but_never_panic() {
    let fixture = team();
    let path = fixture.path("agents/planner.md");
    for text in [
        "",
        "---",
        "---\n",
        "---\nna",
        "\u{feff}---\ntools: Agent(",
        "é𝄞\n---",
        PLANNER,
    ] {
        for line in 0..20 {
            for character in [0, 1, 3, 7, 100] {
                let _ = completion(&fixture.catalog, &path, text, Position { line, character });
            }
        }
    }
    let toml = fixture.path("agentgen.toml");
    assert!(completion(&fixture.catalog, &toml, "x", Position::default()).is_empty());
}
