use super::*;
use crate::lsp::features::fixture::{Fixture, PLANNER, range, team};

/// Title → edit of each action.
fn titled(actions: Vec<CodeActionOrCommand>) -> Vec<(String, WorkspaceEdit)> {
    actions
        .into_iter()
        .map(|a| match a {
            CodeActionOrCommand::CodeAction(a) => (a.title, a.edit.expect("an edit")),
            CodeActionOrCommand::Command(c) => panic!("a command: {}", c.title),
        })
        .collect()
}

/// The code actions at the first `needle` of `text` (the file at `path` of the fixture), with
/// no diagnostics sent: titled.
fn actions_at(
    fixture: &Fixture,
    path: &Path,
    text: &str,
    needle: &str,
) -> Vec<(String, WorkspaceEdit)> {
    titled(code_actions(
        &fixture.catalog,
        path,
        text,
        range(text, needle, 0),
        &[],
    ))
}

/// The titles of `actions`, in order.
fn titles(actions: &[(String, WorkspaceEdit)]) -> Vec<&str> {
    actions.iter().map(|(t, _)| t.as_str()).collect()
}

#[allow(clippy::mutable_key_type)] // `Uri` keys: see rename.rs
fn only_edit(edit: &WorkspaceEdit, uri: &Uri) -> TextEdit {
    let changes = edit.changes.as_ref().expect("changes");
    assert_eq!(changes.len(), 1);
    let edits = &changes[uri];
    assert_eq!(edits.len(), 1);
    edits[0].clone()
}

fn apply(text: &str, edit: &TextEdit) -> String {
    let start = offset_of(text, edit.range.start);
    let end = offset_of(text, edit.range.end);
    format!("{}{}{}", &text[..start], edit.new_text, &text[end..])
}

#[test]
fn did_you_mean_legacy_and_retired_names() {
    let fixture = team();
    let path = fixture.path("agents/planner.md");
    let uri = fixture.uri("agents/planner.md");
    let cases = [
        ("Reed", "Replace `Reed` with `Read`", "Read"),
        ("MultiEdit", "Replace `MultiEdit` with `Edit`", "Edit"),
        (
            "Task(reviewer)",
            "Replace `Task` with `Agent`",
            "Agent(reviewer)",
        ),
    ];
    for (needle, title, fixed) in cases {
        let actions = titled(code_actions(
            &fixture.catalog,
            &path,
            PLANNER,
            range(PLANNER, needle, 0),
            &[],
        ));
        let (got, edit) = actions.first().expect("an action");
        assert_eq!(got, title);
        let after = apply(PLANNER, &only_edit(edit, &uri));
        assert_eq!(after, PLANNER.replacen(needle, fixed, 1), "{needle}");
    }
}

#[test]
fn lints_are_allowed_or_denied_in_a_new_agentgen_toml() {
    let fixture = team();
    let path = fixture.path("agents/planner.md");
    let actions = actions_at(&fixture, &path, PLANNER, "MultiEdit");
    assert_eq!(
        titles(&actions),
        [
            "Replace `MultiEdit` with `Edit`",
            "Allow `retired-tool` in agentgen.toml",
            "Deny `retired-tool` in agentgen.toml"
        ]
    );
    let Some(DocumentChanges::Operations(operations)) = &actions[1].1.document_changes else {
        panic!("a new file")
    };
    let toml = fixture.uri("agentgen.toml");
    assert!(
        matches!(&operations[0], DocumentChangeOperation::Op(ResourceOp::Create(c)) if c.uri == toml)
    );
    let DocumentChangeOperation::Edit(write) = &operations[1] else {
        panic!("its text")
    };
    assert_eq!(
        write.edits,
        [OneOf::Left(TextEdit {
            range: LspRange::default(),
            new_text: "[lints]\nretired-tool = \"allow\"\n".to_owned()
        })]
    );
}

#[test]
fn an_existing_agentgen_toml_is_edited_in_place() {
    let agent = "---\nname: a\ndescription: d\ntools: MultiEdit, Agent(ghost)\n---\nA.\n";
    let config = "packs = false\n\n[lints]\nretired-tool = \"warn\" # reviewed\n\n[agents]\nexternal = [\"x\"]\n";
    let fixture = Fixture::new(&[("agents/a.md", agent), ("agentgen.toml", config)]);
    let path = fixture.path("agents/a.md");
    let toml = fixture.uri("agentgen.toml");
    let actions = actions_at(&fixture, &path, agent, "MultiEdit");
    let (_, allow) = actions
        .iter()
        .find(|(t, _)| t == "Allow `retired-tool` in agentgen.toml")
        .expect("allow");
    assert_eq!(
        apply(config, &only_edit(allow, &toml)),
        config.replace("\"warn\"", "\"allow\"")
    );
    let actions = actions_at(&fixture, &path, agent, "ghost");
    let titles: Vec<&str> = actions.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(titles, ["Declare `ghost` external in agentgen.toml"]);
    assert_eq!(
        apply(config, &only_edit(&actions[0].1, &toml)),
        config.replace("[\"x\"]", "[\"ghost\", \"x\"]")
    );
}

#[test]
fn the_client_diagnostics_pick_the_problem_and_a_stale_buffer_gets_none() {
    let fixture = team();
    let path = fixture.path("agents/planner.md");
    let sent = LspDiagnostic {
        range: range(PLANNER, "Reed", 0),
        code: Some(NumberOrString::String("unknown-tool".to_owned())),
        message: "unknown tool `Reed`".to_owned(),
        ..LspDiagnostic::default()
    };
    // The cursor elsewhere on the line, the diagnostic sent: its fix is offered with it.
    let cursor = LspRange {
        start: range(PLANNER, "tools", 0).start,
        end: range(PLANNER, "tools", 0).start,
    };
    let actions = code_actions(
        &fixture.catalog,
        &path,
        PLANNER,
        cursor,
        std::slice::from_ref(&sent),
    );
    let CodeActionOrCommand::CodeAction(first) = &actions[0] else {
        panic!("an action")
    };
    assert_eq!(first.title, "Replace `Reed` with `Read`");
    assert_eq!(
        first.diagnostics.as_deref(),
        Some(std::slice::from_ref(&sent))
    );
    assert_eq!(first.is_preferred, Some(true));
    // The buffer changed at that place since the catalog read it: nothing is offered for it.
    let text = PLANNER.replace("Reed", "Rexd");
    assert!(code_actions(&fixture.catalog, &path, &text, range(&text, "Rexd", 0), &[]).is_empty());
}

#[test]
fn agentgen_fix_quotes_what_only_the_fallback_reads() {
    let agent = "---\nname: a\ndescription: Use when: asked\n---\nP\n";
    let fixture = Fixture::new(&[("agents/a.md", agent)]);
    let path = fixture.path("agents/a.md");
    let actions = actions_at(&fixture, &path, agent, "Use");
    let (title, edit) = actions
        .iter()
        .find(|(t, _)| t.starts_with("agentgen fix"))
        .expect("the fix");
    assert!(title.starts_with("agentgen fix: "), "{title}");
    let fixed = apply(agent, &only_edit(edit, &fixture.uri("agents/a.md")));
    assert_eq!(
        fixed,
        "---\nname: a\ndescription: \"Use when: asked\"\n---\nP\n"
    );
}

#[test]
fn toml_edits_create_tables_and_keys() {
    assert_eq!(
        add_to_array("", "agents", "external", "a").as_deref(),
        Some("[agents]\nexternal = [\"a\"]\n")
    );
    assert_eq!(
        add_to_array("[agents]\nexternal = []\n", "agents", "external", "a").as_deref(),
        Some("[agents]\nexternal = [\"a\"]\n")
    );
    assert_eq!(
        set_key("x = 1", "lints", "legacy-tool", "\"deny\"").as_deref(),
        Some("x = 1\n\n[lints]\nlegacy-tool = \"deny\"\n")
    );
    assert_eq!(
        set_key("[lints]", "lints", "legacy-tool", "\"deny\"").as_deref(),
        Some("[lints]\nlegacy-tool = \"deny\"\n")
    );
    let edit = smallest_edit("abcXdef", "abcYYdef");
    assert_eq!(
        (
            edit.new_text.as_str(),
            edit.range.start.character,
            edit.range.end.character
        ),
        ("YY", 3, 4)
    );
    let edit = smallest_edit("é", "è");
    assert_eq!(edit.new_text, "è");
}

#[test]
fn an_unknown_agent_in_a_prompt_is_corrected_or_declared() {
    let agent = "---\nname: a\ndescription: d\n---\nHand off to @code-reviewr now.\n";
    let reviewer = "---\nname: code-reviewer\ndescription: d\n---\nR.\n";
    let fixture = Fixture::new(&[
        ("agents/a.md", agent),
        ("agents/code-reviewer.md", reviewer),
    ]);
    let codes: Vec<&str> = fixture
        .catalog
        .diagnostics()
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["unknown-agent-in-prompt"]);
    let path = fixture.path("agents/a.md");
    let actions = actions_at(&fixture, &path, agent, "reviewr");
    assert_eq!(
        titles(&actions),
        [
            "Replace `code-reviewr` with `code-reviewer`",
            "Declare `code-reviewr` external in agentgen.toml",
            "Allow `unknown-agent-in-prompt` in agentgen.toml",
            "Deny `unknown-agent-in-prompt` in agentgen.toml"
        ]
    );
    let fixed = apply(
        agent,
        &only_edit(&actions[0].1, &fixture.uri("agents/a.md")),
    );
    assert_eq!(fixed, agent.replace("reviewr", "reviewer"));
}

#[test]
fn a_lint_level_the_file_already_sets_is_not_offered_again() {
    // `deny` already: the diagnostic is an error, and "Deny" would be an empty edit.
    let agent = "---\nname: a\ndescription: d\ntools: MultiEdit\n---\nA.\n";
    let config = "[lints]\nretired-tool = \"deny\"\n";
    let fixture = Fixture::new(&[("agents/a.md", agent), ("agentgen.toml", config)]);
    let path = fixture.path("agents/a.md");
    let actions = actions_at(&fixture, &path, agent, "MultiEdit");
    assert_eq!(
        titles(&actions),
        [
            "Replace `MultiEdit` with `Edit`",
            "Allow `retired-tool` in agentgen.toml"
        ]
    );
}
