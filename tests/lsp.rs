//! `agentgen lsp` through the protocol: a small client (tests/common/lsp.rs) spawns the built
//! binary, speaks JSON-RPC with Content-Length framing on its stdin and stdout, opens a `.claude`
//! project in a temporary folder and edits unsaved buffers.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::lsp::{Client, Folder, PATIENCE, uri};
use serde_json::{Value, json};

const REVIEWER: &str = "---\nname: code-reviewer\ndescription: Reviews code\ntools: Read, Grep\n---\nReview the diff.\n";
const PLANNER: &str = "---\nname: planner\ndescription: Plans work\ntools: Read, Agent(code-reviewer)\n---\nPlan, then hand off to @agent-code-reviewer.\n";

/// A `.claude` project with two agents; `planner` names `code-reviewer` in its tools and its
/// prompt.
fn project(name: &str) -> (Folder, PathBuf, PathBuf) {
    let folder = Folder::new(name);
    let reviewer = folder.write(".claude/agents/code-reviewer.md", REVIEWER);
    let planner = folder.write(".claude/agents/planner.md", PLANNER);
    (folder, reviewer, planner)
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect()
}

#[test]
fn a_misspelt_tool_in_an_unsaved_buffer_is_reported_where_it_is_and_cleared_when_fixed() {
    let (_folder, reviewer, _planner) = project("tool");
    let reviewer = uri(&reviewer);
    let mut client = Client::agentgen();
    client.open(&reviewer, REVIEWER);
    // Line 3 is `tools: Read, Grep`: `Grep` (columns 13–17) becomes `Reed`.
    client.change(
        &reviewer,
        2,
        json!([{ "range": { "start": { "line": 3, "character": 13 },
                            "end": { "line": 3, "character": 17 } }, "text": "Reed" }]),
    );
    let found = client.diagnostics(&reviewer, |d| codes(d).contains(&"unknown-tool"));
    let unknown = found
        .iter()
        .find(|d| d["code"] == "unknown-tool")
        .expect("unknown-tool");
    assert_eq!(
        unknown["range"],
        json!({ "start": { "line": 3, "character": 13 }, "end": { "line": 3, "character": 17 } })
    );
    assert_eq!(unknown["source"], "agentgen");
    assert_eq!(unknown["severity"], 1);
    // The link: the guide's chapter in this source tree (no public address yet), at the code.
    let href = unknown["codeDescription"]["href"]
        .as_str()
        .unwrap_or_default();
    assert!(href.starts_with("file://"), "{href}");
    assert!(
        href.ends_with("/docs/guide/diagnostics.md#unknown-tool"),
        "{href}"
    );
    let message = unknown["message"].as_str().expect("message");
    assert!(message.contains("Reed"), "{message}");
    assert!(message.contains("help: "), "{message}");
    assert!(
        unknown["data"]["help"]
            .as_str()
            .is_some_and(|help| help.contains("`Read`")),
        "{unknown}"
    );
    // Fixed with a full-text change: the file's list is published empty.
    client.change(&reviewer, 3, json!([{ "text": REVIEWER }]));
    client.diagnostics(&reviewer, <[Value]>::is_empty);
    client.shut_down();
}

#[test]
fn a_missing_value_is_underlined_not_an_empty_range() {
    // `name:` with nothing after it: the engine's span is empty (before the missing value); the
    // published range covers the `:` it stands at, as `check`'s caret does, so editors show it.
    let (_folder, reviewer, _planner) = project("empty-name");
    let reviewer = uri(&reviewer);
    let mut client = Client::agentgen();
    let text = REVIEWER.replacen("name: code-reviewer", "name:", 1);
    client.open(&reviewer, &text);
    let found = client.diagnostics(&reviewer, |d| codes(d).contains(&"missing-name"));
    let missing = found
        .iter()
        .find(|d| d["code"] == "missing-name")
        .expect("missing-name");
    assert_eq!(
        missing["range"],
        json!({ "start": { "line": 1, "character": 4 }, "end": { "line": 1, "character": 5 } })
    );
    client.shut_down();
}

#[test]
fn renaming_an_agent_makes_another_prompts_mention_dangling_and_back() {
    let (_folder, reviewer, planner) = project("rename");
    let (reviewer, planner) = (uri(&reviewer), uri(&planner));
    let mut client = Client::agentgen();
    client.open(&reviewer, REVIEWER);
    assert!(
        client.published_for(&planner).iter().all(Vec::is_empty),
        "the planner is clean at first"
    );
    // `name: code-reviewer` → `name: code-critic` (line 1, columns 6–19), unsaved.
    client.change(
        &reviewer,
        2,
        json!([{ "range": { "start": { "line": 1, "character": 6 },
                            "end": { "line": 1, "character": 19 } }, "text": "code-critic" }]),
    );
    let found = client.diagnostics(&planner, |d| {
        codes(d).contains(&"unknown-agent-in-prompt") && codes(d).contains(&"unknown-collaborator")
    });
    let mention = found
        .iter()
        .find(|d| d["code"] == "unknown-agent-in-prompt")
        .expect("the mention");
    // `@agent-code-reviewer` is on line 5 of the planner, which is not open: the range comes
    // from the file on disk.
    assert_eq!(mention["range"]["start"]["line"], 5, "{mention}");
    assert_eq!(mention["severity"], 2);
    // The name back: the planner's diagnostics are cleared.
    client.change(&reviewer, 3, json!([{ "text": REVIEWER }]));
    client.diagnostics(&planner, <[Value]>::is_empty);
    client.shut_down();
}

#[test]
fn related_information_points_at_the_other_file() {
    let (folder, reviewer, _planner) = project("related");
    let twin = folder.write(".claude/agents/twin.md", REVIEWER);
    let mut client = Client::agentgen();
    client.open(&uri(&twin), REVIEWER);
    // Two files named `code-reviewer`: the one Claude Code ignores has `duplicate-name`, with
    // the other file as related information.
    let reviewer_uri = uri(&reviewer);
    let found = client.diagnostics(&reviewer_uri, |d| codes(d).contains(&"duplicate-name"));
    let duplicate = found
        .iter()
        .find(|d| d["code"] == "duplicate-name")
        .expect("duplicate-name");
    let related = duplicate["relatedInformation"]
        .as_array()
        .expect("related information");
    assert!(
        related.iter().any(|r| r["location"]["uri"] == uri(&twin)),
        "{duplicate}"
    );
    client.shut_down();
}

#[test]
fn broken_buffers_and_files_outside_a_project_give_diagnostics_or_nothing() {
    let (folder, _reviewer, _planner) = project("broken");
    let mut client = Client::agentgen();
    // A half-typed frontmatter: no closing `---`, a key without a value.
    let half = uri(&folder.0.join(".claude/agents/half.md"));
    client.open(&half, "---\nname: half\ndescr");
    let found = client.diagnostics(&half, |d| !d.is_empty());
    assert!(!found.is_empty());
    for (version, text) in [
        (2, "---\nname: half\ndescription: x\ntools: [Read,"),
        (3, "---\n"),
        (4, ""),
    ] {
        client.change(&half, version, json!([{ "text": text }]));
    }
    // A range past the end, backwards, inside a surrogate pair: clamped, not a crash.
    client.change(
        &half,
        5,
        json!([{ "range": { "start": { "line": 9, "character": 99 },
                            "end": { "line": 0, "character": 0 } }, "text": "𝄞\u{0}\u{feff}" }]),
    );
    let hover =
        json!({ "textDocument": { "uri": half }, "position": { "line": 0, "character": 1 } });
    client.request("textDocument/hover", hover.clone());
    // A binary file and a 10 MB one in the project.
    let binary = uri(&folder.0.join(".claude/agents/binary.md"));
    client.open(&binary, "\u{0}\u{1}PNG\u{fffd}\u{7f}");
    client.diagnostics(&binary, |d| codes(d).contains(&"no-frontmatter"));
    let large = uri(&folder.0.join(".claude/agents/large.md"));
    let text = format!(
        "---\nname: large\ndescription: x\n---\n{}",
        "a".repeat(10 << 20)
    );
    client.open(&large, &text);
    client.diagnostics(&large, |d| codes(d).contains(&"file-too-large"));
    // A file outside any project: nothing published, requests answered with nothing.
    let outside_folder = Folder::new("outside");
    let outside = uri(&outside_folder.write("notes/todo.md", "---\nname: x\n---\n"));
    client.open(&outside, "---\nname: x\n---\n");
    let hover_outside =
        json!({ "textDocument": { "uri": outside }, "position": { "line": 0, "character": 0 } });
    assert_eq!(
        client.request("textDocument/hover", hover_outside),
        Value::Null
    );
    assert!(client.published_for(&outside).is_empty());
    // A document that is no `file://` one.
    client.open("untitled:Untitled-1", "---\n");
    // A file deleted while open, then closed: it leaves the catalog, its list is emptied.
    let reviewer_path = folder.0.join(".claude/agents/code-reviewer.md");
    let reviewer = uri(&reviewer_path);
    client.open(&reviewer, "---\nname: code-reviewer\n---\n");
    client.diagnostics(&reviewer, |d| codes(d).contains(&"missing-description"));
    std::fs::remove_file(&reviewer_path).expect("delete");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": reviewer, "type": 3 }] }),
    );
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": reviewer } }),
    );
    client.diagnostics(&reviewer, <[Value]>::is_empty);
    client.shut_down();
}

#[test]
fn every_request_is_answered_with_a_result_or_an_error() {
    let (_folder, reviewer, _planner) = project("requests");
    let reviewer = uri(&reviewer);
    let mut client = Client::agentgen();
    client.open(&reviewer, REVIEWER);
    let at =
        json!({ "textDocument": { "uri": reviewer }, "position": { "line": 1, "character": 8 } });
    let mut with_context = at.clone();
    with_context["context"] = json!({ "includeDeclaration": true });
    let mut rename = at.clone();
    rename["newName"] = json!("code-critic");
    let document = json!({ "textDocument": { "uri": reviewer } });
    let range =
        json!({ "start": { "line": 3, "character": 0 }, "end": { "line": 3, "character": 4 } });
    let actions = json!({ "textDocument": { "uri": reviewer }, "range": range,
                          "context": { "diagnostics": [] } });
    for (method, params) in [
        ("textDocument/completion", at.clone()),
        ("textDocument/hover", at.clone()),
        ("textDocument/definition", at.clone()),
        ("textDocument/references", with_context),
        ("textDocument/prepareRename", at.clone()),
        ("textDocument/rename", rename),
        ("textDocument/documentSymbol", document),
        ("workspace/symbol", json!({ "query": "code" })),
        ("textDocument/codeAction", actions),
    ] {
        let response = client.call(method, params);
        assert!(
            response.get("result").is_some() || response.get("error").is_some(),
            "{method}: {response}"
        );
    }
    let unknown = client.call("agentgen/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let invalid = client.call("textDocument/hover", json!({ "textDocument": 3 }));
    assert_eq!(invalid["error"]["code"], -32602, "{invalid}");
    client.shut_down();
}

#[test]
fn cargo_agentgen_lsp_serves_too() {
    let client = Client::start(&["agentgen", "lsp"], env!("CARGO_BIN_EXE_cargo-agentgen"));
    client.shut_down();
}

#[test]
fn exit_without_shutdown_ends_with_status_1() {
    let mut client = Client::agentgen();
    client.notify("exit", Value::Null);
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = client.child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(1));
}
