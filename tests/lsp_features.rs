//! Every language feature of `agentgen lsp` through the protocol: the binary is spawned, a
//! `.claude` project (three agents that name each other, a skill, an `agentgen.toml` with a
//! `[metadata]` schema) is opened from a temporary folder, and each request's result is compared
//! with the exact items, texts and ranges it must hold — also after unsaved edits.

mod common;

use std::collections::BTreeMap;

use common::lsp::{Client, Folder, uri};
use serde_json::{Value, json};

const PLANNER: &str = "---
name: planner
description: Plans the work
tools: Read, Reed, Agent(reviewer)
collaborators: [coder]
skills: style
team: core
---
# Planning

Hand the review to @reviewer, then ask the coder agent.
";

const REVIEWER: &str = "---
name: reviewer
description: Reviews code
tools: Read, Grep
team: docs
---
Review the diff. Ask the planner agent when unsure.
";

const CODER: &str = "---
name: coder
description: Writes code
tools: Read, Edit, Agent(reviewer)
---
Write the code, then hand it to @reviewer.
";

const STYLE: &str = "---
name: style
description: The team's style guide
---
Write plainly.
";

const CONFIG: &str = "[metadata]\nteam = { enum = [\"core\", \"docs\"] }\n";

/// The project on disk and the address of each of its files.
struct Team {
    folder: Folder,
    planner: String,
    reviewer: String,
    coder: String,
    style: String,
    config: String,
}

impl Team {
    fn new(name: &str) -> Team {
        let folder = Folder::new(&format!("features-{name}"));
        let planner = uri(&folder.write(".claude/agents/planner.md", PLANNER));
        let reviewer = uri(&folder.write(".claude/agents/reviewer.md", REVIEWER));
        let coder = uri(&folder.write(".claude/agents/coder.md", CODER));
        let style = uri(&folder.write(".claude/skills/style/SKILL.md", STYLE));
        let config = uri(&folder.write(".claude/agentgen.toml", CONFIG));
        Team {
            folder,
            planner,
            reviewer,
            coder,
            style,
            config,
        }
    }

    /// The path of a file, as the server shows it in hovers.
    fn path(&self, relative: &str) -> String {
        self.folder.0.join(relative).display().to_string()
    }
}

/// The protocol position (UTF-16 code units) `delta` bytes after the `nth` (0-based) `needle`.
fn at(text: &str, needle: &str, nth: usize, delta: usize) -> Value {
    let (offset, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` #{nth} in {text}"));
    let before = &text[..offset + delta];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = before[line_start..].encode_utf16().count();
    json!({ "line": line, "character": character })
}

/// The protocol range of the `nth` `needle`.
fn range(text: &str, needle: &str, nth: usize) -> Value {
    json!({ "start": at(text, needle, nth, 0), "end": at(text, needle, nth, needle.len()) })
}

/// The range of `len` code units `delta` bytes after the first `needle`.
fn span(text: &str, needle: &str, delta: usize, len: usize) -> Value {
    json!({ "start": at(text, needle, 0, delta), "end": at(text, needle, 0, delta + len) })
}

fn position(uri: &str, text: &str, needle: &str, nth: usize, delta: usize) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": at(text, needle, nth, delta) })
}

fn location(uri: &str, text: &str, needle: &str, nth: usize) -> Value {
    json!({ "uri": uri, "range": range(text, needle, nth) })
}

fn labels(items: &Value) -> Vec<&str> {
    items
        .as_array()
        .expect("a list of items")
        .iter()
        .map(|item| item["label"].as_str().expect("a label"))
        .collect()
}

fn item<'a>(items: &'a Value, label: &str) -> &'a Value {
    items
        .as_array()
        .expect("a list of items")
        .iter()
        .find(|item| item["label"] == label)
        .unwrap_or_else(|| panic!("`{label}` in {items}"))
}

/// Applies one file's text edits (which do not overlap) to `text`.
fn apply(text: &str, edits: &Value) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().expect("line") as usize;
        let character = position["character"].as_u64().expect("character") as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        // ASCII texts: a UTF-16 code unit is a byte.
        start + character
    };
    let mut edits: Vec<&Value> = edits.as_array().expect("edits").iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(offset(&e["range"]["start"])));
    let mut text = text.to_owned();
    for edit in edits {
        let (start, end) = (
            offset(&edit["range"]["start"]),
            offset(&edit["range"]["end"]),
        );
        text.replace_range(start..end, edit["newText"].as_str().expect("new text"));
    }
    text
}

/// The completion items at the end of the `nth` `needle` once `text` is the buffer of `uri`.
fn complete(
    client: &mut Client,
    uri: &str,
    version: i32,
    text: &str,
    needle: &str,
    nth: usize,
) -> Value {
    client.change(uri, version, json!([{ "text": text }]));
    client.request(
        "textDocument/completion",
        position(uri, text, needle, nth, needle.len()),
    )
}

#[test]
fn completion_of_keys_tools_agents_models_and_metadata_values() {
    let team = Team::new("completion");
    let mut client = Client::agentgen();
    client.open(&team.planner, PLANNER);

    // A frontmatter key, with Claude Code's meaning, replacing what is typed.
    let text = PLANNER.replace("team: core\n", "team: core\nper\n");
    let items = complete(&mut client, &team.planner, 2, &text, "\nper", 0);
    let mode = item(&items, "permissionMode");
    assert_eq!(
        mode["textEdit"],
        json!({ "range": range(&text, "per", 0), "newText": "permissionMode: " })
    );
    let docs = mode["documentation"]["value"].as_str().expect("docs");
    assert!(
        docs.starts_with("How the agent asks for permission"),
        "{docs}"
    );
    assert!(!labels(&items).contains(&"tools"), "given already");
    assert!(!labels(&items).contains(&"team"), "given already");

    // A tool in `tools`: the ones Claude Code runs, not a retired one.
    let text = PLANNER.replace("Agent(reviewer)", "Gr");
    let items = complete(&mut client, &team.planner, 3, &text, "Gr", 0);
    assert_eq!(
        item(&items, "Grep")["textEdit"],
        json!({ "range": range(&text, "Gr", 0), "newText": "Grep" })
    );
    assert!(!labels(&items).contains(&"MultiEdit"), "{items}");

    // An agent in `Agent(`: every agent but the one edited.
    let text = PLANNER.replace("Agent(reviewer)", "Agent(re");
    let items = complete(&mut client, &team.planner, 4, &text, "Agent(re", 0);
    assert_eq!(labels(&items), ["coder", "reviewer"]);
    let reviewer = item(&items, "reviewer");
    assert_eq!(reviewer["detail"], "Reviews code");
    assert_eq!(
        reviewer["textEdit"],
        json!({ "range": span(&text, "Agent(re", 6, 2), "newText": "reviewer" })
    );

    // An agent after `@` in the prompt.
    let text = format!("{PLANNER}Then ask @co");
    let items = complete(&mut client, &team.planner, 5, &text, "@co", 0);
    assert_eq!(labels(&items), ["coder", "reviewer"]);
    assert_eq!(
        item(&items, "coder")["textEdit"],
        json!({ "range": span(&text, "@co", 1, 2), "newText": "coder" })
    );

    // A model alias.
    let text = PLANNER.replace("team: core\n", "team: core\nmodel: \n");
    let items = complete(&mut client, &team.planner, 6, &text, "model: ", 0);
    for alias in ["sonnet", "opus", "haiku", "inherit"] {
        assert!(labels(&items).contains(&alias), "{alias}: {items}");
    }

    // A value of the `[metadata]` enum of agentgen.toml.
    let text = PLANNER.replace("team: core", "team: ");
    let items = complete(&mut client, &team.planner, 7, &text, "team: ", 0);
    assert_eq!(labels(&items), ["core", "docs"]);
    client.shut_down();
}

#[test]
fn hover_of_a_tool_and_of_an_agent_named_in_a_prompt() {
    let team = Team::new("hover");
    let mut client = Client::agentgen();
    client.open(&team.reviewer, REVIEWER);
    let hover = client.request(
        "textDocument/hover",
        position(&team.reviewer, REVIEWER, "Grep", 0, 1),
    );
    assert_eq!(hover["range"], range(REVIEWER, "Grep", 0));
    assert_eq!(hover["contents"]["kind"], "markdown");
    let value = hover["contents"]["value"].as_str().expect("text");
    assert!(value.starts_with("**Grep** (tool)\n\n"), "{value}");

    // `planner` in the reviewer's prompt: its description and file.
    let hover = client.request(
        "textDocument/hover",
        position(&team.reviewer, REVIEWER, "planner agent", 0, 2),
    );
    assert_eq!(hover["range"], range(REVIEWER, "planner", 0));
    assert_eq!(
        hover["contents"]["value"],
        format!(
            "**planner** (agent)\n\nPlans the work\n\n`{}`",
            team.path(".claude/agents/planner.md")
        )
    );
    client.shut_down();
}

#[test]
fn definition_from_a_mention_an_agent_entry_and_a_skills_entry() {
    let team = Team::new("definition");
    let mut client = Client::agentgen();
    client.open(&team.planner, PLANNER);
    let reviewer_name = location(&team.reviewer, REVIEWER, "reviewer", 0);
    let found = client.request(
        "textDocument/definition",
        position(&team.planner, PLANNER, "@reviewer", 0, 3),
    );
    assert_eq!(found, json!([reviewer_name]), "a prompt mention");
    let found = client.request(
        "textDocument/definition",
        position(&team.planner, PLANNER, "Agent(reviewer", 0, 8),
    );
    assert_eq!(found, json!([reviewer_name]), "an `Agent(x)` entry");
    // From a file that is not open (the server reads it from the catalog).
    let found = client.request(
        "textDocument/definition",
        position(&team.coder, CODER, "Agent(reviewer", 0, 8),
    );
    assert_eq!(found, json!([reviewer_name]), "an entry of a closed file");
    let found = client.request(
        "textDocument/definition",
        position(&team.planner, PLANNER, "[coder]", 0, 2),
    );
    assert_eq!(
        found,
        json!([location(&team.coder, CODER, "coder", 0)]),
        "a collaborator"
    );
    let found = client.request(
        "textDocument/definition",
        position(&team.planner, PLANNER, "skills: style", 0, 9),
    );
    assert_eq!(
        found,
        json!([location(&team.style, STYLE, "style", 0)]),
        "a skills entry"
    );
    client.shut_down();
}

/// Locations sorted by address and start, to compare as sets.
fn sorted(locations: &Value) -> Vec<Value> {
    let mut all = locations.as_array().expect("locations").clone();
    all.sort_by_key(|l| {
        (
            l["uri"].as_str().unwrap_or_default().to_owned(),
            l["range"]["start"]["line"].as_u64(),
            l["range"]["start"]["character"].as_u64(),
        )
    });
    all
}

#[test]
fn references_of_an_agent_are_its_mentions_and_agent_entries() {
    let team = Team::new("references");
    let mut client = Client::agentgen();
    client.open(&team.reviewer, REVIEWER);
    let mut params = position(&team.reviewer, REVIEWER, "reviewer", 0, 1);
    params["context"] = json!({ "includeDeclaration": false });
    let found = client.request("textDocument/references", params.clone());
    let expected = json!([
        location(&team.planner, PLANNER, "reviewer", 0), // Agent(reviewer)
        location(&team.planner, PLANNER, "reviewer", 1), // @reviewer
        location(&team.coder, CODER, "reviewer", 0),     // Agent(reviewer)
        location(&team.coder, CODER, "reviewer", 1),     // @reviewer
    ]);
    assert_eq!(sorted(&found), sorted(&expected));
    params["context"] = json!({ "includeDeclaration": true });
    let found = client.request("textDocument/references", params);
    let mut with_name = expected.as_array().expect("list").clone();
    with_name.push(location(&team.reviewer, REVIEWER, "reviewer", 0));
    assert_eq!(sorted(&found), sorted(&Value::Array(with_name)));
    client.shut_down();
}

#[test]
fn rename_is_one_workspace_edit_and_a_taken_name_is_refused() {
    let team = Team::new("rename");
    let mut client = Client::agentgen();
    client.open(&team.planner, PLANNER);
    let at_mention = position(&team.planner, PLANNER, "@reviewer", 0, 4);
    let prepared = client.request("textDocument/prepareRename", at_mention.clone());
    assert_eq!(prepared, range(PLANNER, "reviewer", 1));

    let mut params = at_mention.clone();
    params["newName"] = json!("critic");
    let edit = client.request("textDocument/rename", params);
    let changes: BTreeMap<String, Value> =
        serde_json::from_value(edit["changes"].clone()).expect("changes by file");
    assert_eq!(
        changes.keys().collect::<Vec<_>>(),
        {
            let mut files = vec![&team.coder, &team.planner, &team.reviewer];
            files.sort();
            files
        },
        "{edit}"
    );
    assert_eq!(
        changes[&team.reviewer],
        json!([{ "range": range(REVIEWER, "reviewer", 0), "newText": "critic" }])
    );
    assert_eq!(
        apply(PLANNER, &changes[&team.planner]),
        PLANNER.replace("reviewer", "critic")
    );
    assert_eq!(
        apply(CODER, &changes[&team.coder]),
        CODER.replace("reviewer", "critic")
    );

    // A name another agent has: an error response that says why.
    let mut params = at_mention;
    params["newName"] = json!("coder");
    let refused = client.call("textDocument/rename", params);
    assert_eq!(refused["error"]["code"], -32803, "RequestFailed: {refused}");
    assert_eq!(
        refused["error"]["message"],
        format!(
            "an agent named `coder` exists already: {}",
            team.path(".claude/agents/coder.md")
        )
    );
    assert!(refused.get("result").is_none());
    client.shut_down();
}

#[test]
fn document_symbols_and_workspace_symbols() {
    let team = Team::new("symbols");
    let mut client = Client::agentgen();
    client.open(&team.planner, PLANNER);
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": team.planner } }),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .expect("symbols")
        .iter()
        .map(|s| s["name"].as_str().expect("name"))
        .collect();
    assert_eq!(
        names,
        [
            "name",
            "description",
            "tools",
            "collaborators",
            "skills",
            "team",
            "Planning"
        ]
    );
    assert_eq!(symbols[1]["detail"], "Plans the work");
    assert_eq!(
        symbols[1]["selectionRange"],
        range(PLANNER, "description", 0)
    );
    let heading = &symbols[6];
    assert_eq!(heading["selectionRange"], range(PLANNER, "Planning", 0));
    assert_eq!(heading["range"]["start"], at(PLANNER, "# Planning", 0, 0));

    let found = client.request("workspace/symbol", json!({ "query": "" }));
    let found: Vec<(&str, i64, &str)> = found
        .as_array()
        .expect("symbols")
        .iter()
        .map(|s| {
            (
                s["name"].as_str().expect("name"),
                s["kind"].as_i64().expect("kind"),
                s["location"]["uri"].as_str().expect("uri"),
            )
        })
        .collect();
    // Agents are classes (5), skills modules (2).
    assert_eq!(
        found,
        [
            ("coder", 5, team.coder.as_str()),
            ("planner", 5, team.planner.as_str()),
            ("reviewer", 5, team.reviewer.as_str()),
            ("style", 2, team.style.as_str()),
        ]
    );
    let found = client.request("workspace/symbol", json!({ "query": "sty" }));
    assert_eq!(
        found[0]["location"],
        location(&team.style, STYLE, "style", 0)
    );
    assert_eq!(found.as_array().map(Vec::len), Some(1));
    client.shut_down();
}

#[test]
fn code_actions_fix_a_misspelt_tool_and_a_retired_one_and_allow_its_lint() {
    let team = Team::new("actions");
    let mut client = Client::agentgen();
    client.open(&team.planner, PLANNER);
    let published = client.diagnostics(&team.planner, |d| {
        d.iter().any(|d| d["code"] == "unknown-tool")
    });
    let unknown = published
        .iter()
        .find(|d| d["code"] == "unknown-tool")
        .expect("unknown-tool")
        .clone();
    assert_eq!(unknown["range"], range(PLANNER, "Reed", 0));
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": team.planner }, "range": range(PLANNER, "Reed", 0),
                "context": { "diagnostics": [unknown] } }),
    );
    assert_eq!(
        titles(&actions),
        ["Replace `Reed` with `Read`"],
        "an error, which no agentgen.toml allows"
    );
    let fix = &actions[0];
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"], json!([unknown]));
    assert_eq!(
        fix["edit"]["changes"][team.planner.as_str()],
        json!([{ "range": range(PLANNER, "Reed", 0), "newText": "Read" }])
    );

    // A retired tool (a lint): its fix, and the lint allowed or denied in the project's
    // agentgen.toml, which is edited in place.
    let text = PLANNER.replace("Reed", "MultiEdit");
    client.change(&team.planner, 2, json!([{ "text": text }]));
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": team.planner }, "range": range(&text, "MultiEdit", 0),
                "context": { "diagnostics": [] } }),
    );
    assert_eq!(
        titles(&actions),
        [
            "Replace `MultiEdit` with `Edit`",
            "Allow `retired-tool` in agentgen.toml",
            "Deny `retired-tool` in agentgen.toml"
        ]
    );
    assert_eq!(
        actions[0]["edit"]["changes"][team.planner.as_str()],
        json!([{ "range": range(&text, "MultiEdit", 0), "newText": "Edit" }])
    );
    let allow = &actions[1]["edit"]["changes"][team.config.as_str()];
    assert_eq!(
        apply(CONFIG, allow),
        format!("{CONFIG}\n[lints]\nretired-tool = \"allow\"\n")
    );
    client.shut_down();
}

#[test]
fn a_key_without_its_colon_is_fixed_by_the_colon_not_by_folding_it_into_the_description() {
    // `tools Read, Grep`: `agentgen fix` would keep the line as text of the description, and the
    // agent would inherit every tool; the fix offered is the missing `:`.
    let team = Team::new("colon");
    let mut client = Client::agentgen();
    let text = REVIEWER.replace("tools: Read, Grep", "tools Read, Grep");
    client.open(&team.reviewer, &text);
    let published = client.diagnostics(&team.reviewer, |d| {
        d.iter().any(|d| d["code"] == "invalid-frontmatter")
    });
    let problem = published
        .iter()
        .find(|d| d["code"] == "invalid-frontmatter")
        .expect("invalid-frontmatter")
        .clone();
    assert_eq!(problem["range"], range(&text, "tools", 0));
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": team.reviewer }, "range": range(&text, "tools", 0),
                "context": { "diagnostics": [problem] } }),
    );
    assert_eq!(titles(&actions), ["Replace `tools` with `tools:`"]);
    let fixed = apply(
        &text,
        &actions[0]["edit"]["changes"][team.reviewer.as_str()],
    );
    assert_eq!(fixed, REVIEWER);
    client.shut_down();
}

fn titles(actions: &Value) -> Vec<&str> {
    actions
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| a["title"].as_str().expect("title"))
        .collect()
}

#[test]
fn results_follow_an_unsaved_edit() {
    let team = Team::new("unsaved");
    let mut client = Client::agentgen();
    client.open(&team.reviewer, REVIEWER);
    // Unsaved: a line above the frontmatter's end and a new mention of the coder.
    let text = REVIEWER
        .replace("team: docs\n", "team: docs\nmodel: opus\n")
        .replace("when unsure.", "when unsure, and @coder for a fix.");
    client.change(&team.reviewer, 2, json!([{ "text": text }]));
    let hover = client.request(
        "textDocument/hover",
        position(&team.reviewer, &text, "@coder", 0, 3),
    );
    assert_eq!(hover["range"], range(&text, "coder", 0));
    assert_eq!(
        hover["contents"]["value"],
        format!(
            "**coder** (agent)\n\nWrites code\n\n`{}`",
            team.path(".claude/agents/coder.md")
        )
    );
    let found = client.request(
        "textDocument/definition",
        position(&team.reviewer, &text, "@coder", 0, 3),
    );
    assert_eq!(found, json!([location(&team.coder, CODER, "coder", 0)]));
    // The planner mention moved a line down: found where the buffer has it.
    let found = client.request(
        "textDocument/definition",
        position(&team.reviewer, &text, "planner agent", 0, 2),
    );
    assert_eq!(
        found,
        json!([location(&team.planner, PLANNER, "planner", 0)])
    );
    // The coder's references now hold the unsaved mention.
    let mut params = position(&team.coder, CODER, "coder", 0, 1);
    params["context"] = json!({ "includeDeclaration": false });
    let found = client.request("textDocument/references", params);
    assert_eq!(
        sorted(&found),
        sorted(&json!([
            location(&team.planner, PLANNER, "coder", 0),
            location(&team.planner, PLANNER, "coder", 1),
            location(&team.reviewer, &text, "coder", 0),
        ]))
    );
    client.shut_down();
}
