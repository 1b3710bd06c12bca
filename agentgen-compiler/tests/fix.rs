//! `fix` against Claude Code's recorded readings: every conformance case and corpus file whose
//! frontmatter only Claude Code's fallback (or nothing) reads is rewritten into strict YAML that
//! gives what was meant, with the body byte-identical; every valid file is left alone.
//!
//! "Meant" is Claude Code's record for fallback-read files. For the four cases nothing reads
//! (`yaml: failed`), the expected values are written out below, each with the reason.
//!
//! Reads `../shared` like `conformance.rs`: absent → SKIPPED (a failure when `CI` is set).

mod common;

use common::{sha256_hex, shared_dir};

use std::path::Path;

use agentgen_compiler::fix::{FixOutcome, FixedFile, fix_source, write_atomically};
use agentgen_compiler::frontmatter;
use agentgen_compiler::read::{self, AgentFile, Status, ToolsReading, YamlStatus};
use agentgen_compiler::{Code, Diagnostic};
use serde_json::{Value, json};

/// The records of the conformance cases (`cases/` and `cases-2.1.332/`), each with its folder.
fn case_records(shared: &Path) -> Vec<(std::path::PathBuf, Value)> {
    let cases = shared.join("conformance/cases");
    let new_cases = shared.join("conformance/cases-2.1.332");
    let mut out: Vec<(std::path::PathBuf, Value)> = common::records_of(&shared.join("conformance"))
        .into_iter()
        .map(|r| (cases.clone(), r))
        .collect();
    out.extend(
        common::records_of(&new_cases)
            .into_iter()
            .map(|r| (new_cases.clone(), r)),
    );
    out
}

/// The values compared with Claude Code's record, as the record writes them.
fn reading(file: &AgentFile) -> Value {
    let tools = match &file.tools {
        ToolsReading::InheritAll => Value::from("inherit all"),
        ToolsReading::List(list) => {
            Value::from(list.iter().map(|t| t.value.clone()).collect::<Vec<_>>())
        }
    };
    json!({
        "name": file.name.as_ref().map(|n| n.value.clone()),
        "description": file.description.as_ref().map(|d| d.value.clone()),
        "tools": tools,
        "model": file.model.as_ref().map(|m| m.value.clone()),
        "color": file.color(),
        "prompt_sha256": sha256_hex(file.prompt()),
    })
}

fn recorded(record: &Value) -> Value {
    json!({
        "name": record["name"],
        "description": record["description"],
        "tools": record["tools"],
        "model": record["model"],
        "color": record["color"],
        "prompt_sha256": record["prompt_sha256"],
    })
}

/// The bytes from the closing `---` on: the body, never touched by `fix`.
fn tail(bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    let blocks = frontmatter::split(&text).unwrap_or_else(|m| panic!("no frontmatter: {m:?}"));
    text.as_bytes()[blocks.closing_offset..].to_vec()
}

/// Fixes `bytes` and checks what holds for every fix: strict YAML, accepted, body identical,
/// idempotent. Returns the fixed file and Claude Code's reading of it.
fn fix_and_check(display: &str, bytes: &[u8]) -> (FixedFile, AgentFile) {
    let fixed = match fix_source(display, bytes) {
        FixOutcome::Fixed(fixed) => fixed,
        other => panic!("{display}: expected a fix, got {other:?}"),
    };
    assert!(
        !fixed.changes.is_empty(),
        "{display}: fixed without changes"
    );
    let file = read::read_agent(display, &fixed.text);
    assert_eq!(
        file.yaml,
        YamlStatus::StrictOk,
        "{display}: fixed file is not strict YAML:\n{}",
        String::from_utf8_lossy(&fixed.text)
    );
    assert_eq!(
        file.status,
        Status::Accepted,
        "{display}: {:?}",
        file.diagnostics
    );
    assert_eq!(
        tail(&fixed.text),
        tail(bytes),
        "{display}: the body (from the closing `---` on) changed"
    );
    assert_eq!(
        fix_source(display, &fixed.text),
        FixOutcome::AlreadyValid,
        "{display}: fixing twice changes the file again"
    );
    (fixed, file)
}

fn unfixable_code(display: &str, bytes: &[u8]) -> Code {
    match fix_source(display, bytes) {
        FixOutcome::Unfixable(diagnostic) => {
            let diagnostic: Diagnostic = *diagnostic;
            assert!(
                diagnostic.help.is_some(),
                "{display}: no help: {diagnostic:?}"
            );
            diagnostic.code
        }
        other => panic!("{display}: expected unfixable, got {other:?}"),
    }
}

/// The meant reading of the conformance cases that no YAML reading accepts (Claude Code skips
/// them silently, so there is no record to compare with).
fn meant_for_failed_case(file_name: &str) -> Value {
    match file_name {
        // Unindented continuation lines: the description runs until the next key Claude Code
        // reads (`tools:`); `Context:`, `user:` and `assistant:` lines between `<example>` text
        // lines are part of it, and the lines stay lines (as seed 002's repair and Claude's
        // agent generator write them).
        "03-multiline-examples.md" => json!({
            "name": "multiline-examples",
            "description": "Use this agent when the user needs help with testing. Examples:\n\n<example>\nContext: The user just wrote a function.\nuser: \"Please write tests for this\"\nassistant: \"I'll use the multiline-examples agent to write tests\"\n<commentary>\nSince tests are needed, use the agent.\n</commentary>\n</example>",
            "tools": ["Read", "Write"],
            "model": "opus",
            "color": "green",
            "prompt_sha256": sha256_hex("You write tests."),
        }),
        // Indented continuation is YAML's plain multi-line scalar: folded with spaces, as Claude
        // Code reads the same layout without `: ` (case 43).
        "22-indented-continuation.md" => json!({
            "name": "indented-continuation",
            "description": "Use this agent when the user needs help. Examples: foo Context: bar",
            "tools": ["Read"],
            "model": null,
            "color": null,
            "prompt_sha256": sha256_hex("Prompt."),
        }),
        // Case 02 with CRLF line endings: the fallback would have quoted the value, but its
        // pattern never matches a line ending in CR. Meant: what the LF file gives.
        "44-crlf-colon.md" => json!({
            "name": "crlf-colon",
            "description": "Use when: something happens",
            "tools": ["Read"],
            "model": null,
            "color": null,
            "prompt_sha256": sha256_hex("Body"),
        }),
        // The fallback skips `tools2:` (a digit in the key): it is an unknown key whose value is
        // the text `Read: y`; `tools` is absent, so the agent inherits every tool.
        "45-key-digits.md" => json!({
            "name": "key-digits",
            "description": "Use when: x",
            "tools": "inherit all",
            "model": null,
            "color": null,
            "prompt_sha256": sha256_hex("x"),
        }),
        other => panic!("{other}: a new `failed` case needs its meant values written here"),
    }
}

#[test]
fn every_fixable_conformance_case_becomes_strict_and_means_the_same() {
    let Some(shared) = shared_dir() else { return };
    let mut fixed_cases = Vec::new();
    for (cases, record) in case_records(&shared) {
        let yaml = record["yaml"].as_str().unwrap_or("");
        if yaml != "fallback-ok" && yaml != "failed" {
            continue;
        }
        let file_name = record["file"].as_str().unwrap_or("");
        let bytes = std::fs::read(cases.join(file_name)).expect("case file");
        let (fixed, file) = fix_and_check(file_name, &bytes);
        let expected = if yaml == "fallback-ok" {
            recorded(&record)
        } else {
            meant_for_failed_case(file_name)
        };
        assert_eq!(
            reading(&file),
            expected,
            "{file_name}: fixed file reads differently:\n{}",
            String::from_utf8_lossy(&fixed.text)
        );
        fixed_cases.push(file_name.to_owned());
    }
    assert_eq!(
        fixed_cases,
        [
            "02-colon-in-desc.md",
            "03-multiline-examples.md",
            "22-indented-continuation.md",
            "26-tabs.md",
            "27-desc-quote-inside.md",
            "44-crlf-colon.md",
            "45-key-digits.md",
            "46-bom-colon-fallback.md"
        ]
    );
}

#[test]
fn fixed_cases_keep_their_form() {
    let Some(shared) = shared_dir() else { return };
    let cases = shared.join("conformance/cases");
    let fix = |name: &str| {
        let bytes = std::fs::read(cases.join(name)).expect("case file");
        fix_and_check(name, &bytes)
    };
    // CRLF stays CRLF, and only the broken line changes.
    let (fixed, _) = fix("44-crlf-colon.md");
    assert_eq!(
        String::from_utf8_lossy(&fixed.text),
        "---\r\nname: crlf-colon\r\ndescription: \"Use when: something happens\"\r\ntools: Read\r\n---\r\nBody\r\n"
    );
    assert_eq!(fixed.changes.len(), 1);
    assert_eq!(
        (fixed.changes[0].line, fixed.changes[0].key.as_str()),
        (3, "description")
    );
    // The unknown key keeps its place and gets its text value.
    let (fixed, file) = fix("45-key-digits.md");
    assert_eq!(
        String::from_utf8_lossy(&fixed.text),
        "---\nname: key-digits\ndescription: \"Use when: x\"\ntools2: \"Read: y\"\n---\nx\n"
    );
    let extra: Vec<(&str, Option<&str>)> = file
        .extra
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(extra, [("tools2", Some("Read: y"))]);
    // A multi-line description becomes a literal block; other keys stay byte for byte.
    let (fixed, _) = fix("03-multiline-examples.md");
    let text = String::from_utf8_lossy(&fixed.text);
    assert!(
        text.starts_with("---\nname: multiline-examples\ndescription: |-\n  Use this agent when the user needs help with testing. Examples:\n\n  <example>\n  Context: The user"),
        "{text}"
    );
    assert!(
        text.contains("\n  </example>\ntools: Read, Write\nmodel: opus\ncolor: green\n---\n"),
        "{text}"
    );
    // Tabs become two spaces each.
    let (fixed, _) = fix("26-tabs.md");
    assert!(
        String::from_utf8_lossy(&fixed.text).contains("tools:\n  - Read\n  - Grep\n"),
        "{}",
        String::from_utf8_lossy(&fixed.text)
    );
}

#[test]
fn valid_and_unfixable_conformance_cases_are_left_alone() {
    let Some(shared) = shared_dir() else { return };
    for (cases, record) in case_records(&shared) {
        let file_name = record["file"].as_str().unwrap_or("");
        let bytes = std::fs::read(cases.join(file_name)).expect("case file");
        match (record["yaml"].as_str(), record["status"].as_str()) {
            // Over 1 MiB: not read (Claude Code does not load it either).
            (_, Some("not-loaded")) => {
                assert_eq!(unfixable_code(file_name, &bytes), Code::FileTooLarge)
            }
            (Some("strict-ok"), _) => assert_eq!(
                fix_source(file_name, &bytes),
                FixOutcome::AlreadyValid,
                "{file_name}: a valid file must not be touched"
            ),
            // A blank line before the opening `---`: Claude Code skips the file; the fix removes
            // it and the frontmatter is found, strict, unchanged.
            (Some("no-frontmatter-block"), _) if file_name == "29-leading-blank-line.md" => {
                let FixOutcome::Fixed(fixed) = fix_source(file_name, &bytes) else {
                    panic!("{file_name}: expected a fix");
                };
                let text = String::from_utf8(fixed.text.clone()).expect("utf-8");
                assert!(text.starts_with("---\n"), "{text}");
                let original = String::from_utf8_lossy(&bytes);
                assert!(
                    original.ends_with(&text),
                    "{file_name}: only the leading bytes go"
                );
                let agent = read::read_agent(file_name, &fixed.text);
                assert_eq!(agent.status, Status::Accepted, "{file_name}");
                assert_eq!(agent.yaml, YamlStatus::StrictOk, "{file_name}");
                assert_eq!(fix_source(file_name, &fixed.text), FixOutcome::AlreadyValid);
            }
            (Some("no-frontmatter-block"), _) => {
                assert_eq!(unfixable_code(file_name, &bytes), Code::NoFrontmatter)
            }
            _ => {}
        }
    }
}

#[test]
fn the_whole_corpus_is_fixed_or_left_alone() {
    let Some(shared) = shared_dir() else { return };
    let corpus = shared.join("corpus");
    let (mut fixed_count, mut valid_count) = (0usize, 0usize);
    for record in common::records_of(&corpus) {
        let path = corpus
            .join(record["dir"].as_str().unwrap_or(""))
            .join(record["file"].as_str().unwrap_or(""));
        let display = path.display().to_string();
        let bytes = std::fs::read(&path).expect("corpus file");
        match record["yaml"].as_str() {
            Some("fallback-ok") => {
                let (fixed, file) = fix_and_check(&display, &bytes);
                assert_eq!(
                    reading(&file),
                    recorded(&record),
                    "{display}: fixed file reads differently:\n{}",
                    String::from_utf8_lossy(&fixed.text)
                );
                fixed_count += 1;
            }
            Some("failed") => panic!("{display}: the corpus has no unreadable file to define"),
            Some("strict-ok")
                if bytes.len() as u64 <= agentgen_compiler::registry::MAX_FILE_BYTES =>
            {
                assert_eq!(
                    fix_source(&display, &bytes),
                    FixOutcome::AlreadyValid,
                    "{display}: a valid file must not be touched"
                );
                valid_count += 1;
            }
            _ => {}
        }
    }
    eprintln!("corpus: {fixed_count} files fixed, {valid_count} already valid");
    assert_eq!((fixed_count, valid_count), (9, 688));
}

#[test]
fn seed_002_fixes_into_the_shipped_repair() {
    // The original seed 002 (Claude Code skips it) and the hand-repaired copy in agents/.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let original =
        std::fs::read(root.join("tests/fixtures/seed-002-original/backend-architect.md"))
            .expect("fixture");
    let repaired = std::fs::read(root.join("agents/fastapi/backend-architect.md")).expect("agent");
    let (_, file) = fix_and_check("backend-architect.md", &original);
    let repaired = read::read_agent("repaired.md", &repaired);
    assert_eq!(
        file.description.as_ref().map(|d| &d.value),
        repaired.description.as_ref().map(|d| &d.value)
    );
    assert!(
        file.description
            .as_ref()
            .is_some_and(|d| d.value.matches("<example>").count() == 3)
    );
}

#[test]
fn unreadable_frontmatter_with_text_lines_and_unknown_keys() {
    // `Examples:` alone on its line is followed by text: it belongs to the description, as do
    // `user:` lines inside `<example>`. `version:` after `</example>` with no text after it is a
    // key of its own, as is `tools:` (a key Claude Code reads).
    let input = "---\nname: a\ndescription: Use it.\nExamples:\n<example>\nuser: \"hi\"\nassistant: ok\n</example>\nversion: x: y\ntools: Read\n---\nP\n";
    let (fixed, file) = fix_and_check("a.md", input.as_bytes());
    assert_eq!(
        file.description.as_ref().map(|d| d.value.as_str()),
        Some("Use it.\nExamples:\n<example>\nuser: \"hi\"\nassistant: ok\n</example>")
    );
    assert_eq!(
        String::from_utf8_lossy(&fixed.text),
        "---\nname: a\ndescription: |-\n  Use it.\n  Examples:\n  <example>\n  user: \"hi\"\n  assistant: ok\n  </example>\nversion: \"x: y\"\ntools: Read\n---\nP\n"
    );
    assert_eq!(fixed.changes.len(), 2);
    assert!(matches!(file.tools, ToolsReading::List(ref t) if t.len() == 1));
    let extra: Vec<(&str, Option<&str>)> = file
        .extra
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(extra, [("version", Some("x: y"))]);
}

#[test]
fn an_indented_known_key_is_not_guessed_at() {
    // `\tdescription:` might be a key indented by mistake or text of `name`: reported.
    let input = b"---\nname: a\n\tdescription: x: y\n---\nP";
    assert_eq!(unfixable_code("a.md", input), Code::InvalidFrontmatter);
}

#[test]
fn comments_and_blank_lines_stay() {
    let input = "---\n# agent\nname: a\n\ndescription: Use when: asked # not a comment for Claude Code\n# tools next\ntools: Read\n---\nP";
    let (fixed, file) = fix_and_check("a.md", input.as_bytes());
    assert_eq!(
        String::from_utf8_lossy(&fixed.text),
        "---\n# agent\nname: a\n\ndescription: \"Use when: asked # not a comment for Claude Code\"\n# tools next\ntools: Read\n---\nP"
    );
    assert!(
        file.description
            .as_ref()
            .is_some_and(|d| d.value.ends_with("for Claude Code"))
    );
}

#[test]
fn fallback_values_with_backslashes_and_both_quotes_round_trip() {
    let input = "---\nname: a\ndescription: C:\\path \"x\" isn't: y\\n next\n---\n";
    let (_, file) = fix_and_check("a.md", input.as_bytes());
    assert_eq!(
        file.description.as_ref().map(|d| d.value.as_str()),
        Some("C:\\path \"x\" isn't: y\n next")
    );
}

#[test]
fn write_atomically_replaces_content_keeps_permissions_and_leaves_no_temp_file() {
    let dir = std::env::temp_dir().join(format!("agentgen-fix-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("agent.md");
    std::fs::write(&path, b"---\nname: a\ndescription: x: y\n---\nP").expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    }
    let FixOutcome::Fixed(fixed) = fix_source("agent.md", &std::fs::read(&path).expect("read"))
    else {
        panic!("expected a fix");
    };
    write_atomically(&path, &fixed.text).expect("atomic write");
    assert_eq!(std::fs::read(&path).expect("read"), fixed.text);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    let entries: Vec<String> = std::fs::read_dir(&dir)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(entries, ["agent.md"]);
    // A missing directory is an error, not a panic, and creates nothing.
    assert!(write_atomically(&dir.join("missing/agent.md"), b"x").is_err());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn never_panics_on_odd_frontmatter() {
    let inputs: &[&[u8]] = &[
        b"---\n\n---\n",
        b"---\n:\n---\n",
        b"---\n- a: b: c\n---\n",
        b"---\n  name: a: b\n---\n",
        b"---\nname: a\ndescription: |\n  x: y\n bad\n---\n",
        b"---\nname: a\ndescription: 'unclosed\n---\n",
        b"---\nname: a\ndescription: \"a\" b\"\n---\n",
        b"---\nname: a\n\tdescription: x: y\n---\n",
        b"---\n{name: a: b}\n---\n",
        b"---\nname: a\ndescription: *x\n---\n",
        b"---\nname: a\ndescription: x\n<tag>\n  y: z\n- item\n---\n",
        b"---\r\nname: a\rdescription: x: y\r\n---\r\n",
        b"---\nname: a\ndescription:\n<example>\nuser: x: y\n---\n",
    ];
    for input in inputs {
        let display = String::from_utf8_lossy(input).into_owned();
        match fix_source("a.md", input) {
            FixOutcome::Fixed(fixed) => {
                let file = read::read_agent("a.md", &fixed.text);
                assert_eq!(file.yaml, YamlStatus::StrictOk, "{display}");
                assert_eq!(tail(&fixed.text), tail(input), "{display}");
                assert_eq!(
                    fix_source("a.md", &fixed.text),
                    FixOutcome::AlreadyValid,
                    "{display}"
                );
            }
            FixOutcome::AlreadyValid => {
                let file = read::read_agent("a.md", input);
                assert_eq!(file.yaml, YamlStatus::StrictOk, "{display}");
            }
            FixOutcome::Unfixable(diagnostic) => {
                assert!(diagnostic.help.is_some(), "{display}: {diagnostic:?}")
            }
        }
    }
}

#[test]
fn large_frontmatter_is_fixed_whole() {
    // 2,000 fallback-read keys, and the same with CRLF (nothing reads it; one line per key).
    for ending in ["\n", "\r\n"] {
        let mut input = format!("---{ending}name: a{ending}description: d{ending}");
        for i in 0..2_000 {
            input.push_str(&format!("key{i}: value: {i}{ending}"));
        }
        input.push_str(&format!("---{ending}P"));
        let (fixed, file) = fix_and_check("a.md", input.as_bytes());
        assert_eq!(fixed.changes.len(), 2_000);
        assert_eq!(file.extra.len(), 2_000);
        assert_eq!(
            file.extra.last().and_then(|(_, v)| v.as_str()),
            Some("value: 1999")
        );
    }
}
