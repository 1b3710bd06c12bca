//! Typed custom frontmatter on the command line, run as the built binary: `agentgen schema`
//! infers a schema under which each corpus collection compiles; `check` points into
//! agentgen.toml; `inspect` shows the typed values; `export` leaves them out.

mod common;

use common::{agentgen, shared, stdout};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The codes of typed custom frontmatter.
const METADATA_CODES: &[&str] = &[
    "invalid-config",
    "missing-metadata",
    "invalid-metadata",
    "unknown-key",
];

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("metadata-cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        let kind = entry.file_type().expect("file type");
        if kind.is_dir() {
            copy_dir(&entry.path(), &target);
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// `check --format json`'s diagnostics as (code, file relative to `root`, line).
fn diagnostics(root: &Path) -> Vec<(String, String, u64)> {
    let output = agentgen(&["check", path_str(root), "--format", "json"]);
    let prefix = format!("{}/", path_str(root));
    stdout(&output)
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).expect("a JSON object"))
        .filter(|object| object["type"] == "diagnostic")
        .map(|object| {
            let file = object["file"].as_str().unwrap_or_default();
            (
                object["code"].as_str().unwrap_or_default().to_owned(),
                file.strip_prefix(&prefix).unwrap_or(file).to_owned(),
                object["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn the_inferred_schema_compiles_each_corpus_collection() {
    let Some(shared) = shared() else { return };
    let mut folders: Vec<PathBuf> = std::fs::read_dir(shared.join("corpus"))
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    assert_eq!(folders.len(), 7, "the seven corpus collections");
    let mut declared_keys = BTreeSet::new();
    for folder in folders {
        let name = folder
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let output = agentgen(&["schema", path_str(&folder)]);
        assert!(output.status.success(), "{name}: {output:?}");
        let schema = stdout(&output);
        assert!(schema.contains("\n[metadata]\n"), "{name}: {schema}");
        for line in schema
            .lines()
            .filter(|l| !l.starts_with('#') && l.contains(" = "))
        {
            declared_keys.insert(format!(
                "{name}: {}",
                line.split(" = ").next().unwrap_or("")
            ));
        }

        let copy = scratch(&name).join("agents");
        copy_dir(&folder, &copy);
        assert!(
            !copy.join("agentgen.toml").exists(),
            "{name} has its own agentgen.toml"
        );
        let before = diagnostics(&copy);
        std::fs::write(copy.join("agentgen.toml"), &schema).expect("agentgen.toml");
        let after = diagnostics(&copy);
        let metadata: Vec<_> = after
            .iter()
            .filter(|(code, _, _)| METADATA_CODES.contains(&code.as_str()))
            .collect();
        assert!(metadata.is_empty(), "{name}:\n{schema}\n{metadata:#?}");
        // The schema changes nothing else the folder reports.
        assert_eq!(before, after, "{name}");

        // Every agent's typed values are in `inspect`.
        let inspect = agentgen(&["inspect", path_str(&copy)]);
        for object in stdout(&inspect)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).expect("a JSON object"))
        {
            let accepted = object["status"] == "accepted";
            assert_eq!(object["metadata"].is_object(), accepted, "{name}: {object}");
        }
    }
    // The collections' own keys: `category` everywhere davepoon's agents have it, and the five
    // keys of some of vijaythecoder's.
    let expected = [
        "davepoon__claude-code-subagents-collection: category",
        "vijaythecoder__awesome-claude-agents: author",
        "vijaythecoder__awesome-claude-agents: category",
        "vijaythecoder__awesome-claude-agents: expertise_level",
        "vijaythecoder__awesome-claude-agents: tags",
        "vijaythecoder__awesome-claude-agents: version",
    ];
    let expected: BTreeSet<String> = expected.iter().map(|s| s.to_string()).collect();
    assert_eq!(declared_keys, expected);
}

#[test]
fn schema_errors_point_into_agentgen_toml() {
    let dir = scratch("bad-schema").join("agents");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("agentgen.toml"),
        "[metadata]\npriority = { type = \"u8\", default = 5 }\ntools = \"[string]\"\n",
    )
    .expect("agentgen.toml");
    std::fs::write(
        dir.join("reviewer.md"),
        "---\nname: reviewer\ndescription: Reviews\npriority: 256\n---\nReview.\n",
    )
    .expect("agent");
    let output = agentgen(&["check", path_str(&dir), "--color", "never"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    let root = path_str(&dir);
    for expected in [
        "error[invalid-config]: `tools` cannot be a metadata key: Claude Code reads it".to_owned(),
        format!(" --> {root}/agentgen.toml:3:1"),
        "3 | tools = \"[string]\"".to_owned(),
        "error[invalid-metadata]: `priority` is 256, out of the range of u8 (0 to 255)".to_owned(),
        format!(" --> {root}/reviewer.md:4:11"),
        format!(
            "= note: `priority` is declared here as `u8` with a default: {root}/agentgen.toml:2:1"
        ),
        "2 errors, 0 warnings in 2 files (1 agent, agentgen.toml)".to_owned(),
    ] {
        assert!(text.contains(&expected), "{expected}\n---\n{text}");
    }
}

#[test]
fn inspect_shows_the_typed_values_and_export_leaves_them_out() {
    let inspect = agentgen(&["inspect", "agents"]);
    let objects: Vec<Value> = stdout(&inspect)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object"))
        .collect();
    let of = |file: &str| {
        objects
            .iter()
            .find(|o| o["file"] == file)
            .unwrap_or_else(|| panic!("{file} inspected"))["metadata"]
            .clone()
    };
    assert_eq!(
        of("ddd/backend-developer.md"),
        serde_json::json!({
            "category": "engineering",
            "enabled": true,
            "priority": 9,
            "tags": ["バックエンド開発", "FastAPI", "Python", "ドメイン駆動設計", "非同期処理", "データベース", "API実装", "マイクロサービス"],
            "version": "1.0.0",
        })
    );
    assert_eq!(
        of("voltagent/backend-developer.md"),
        serde_json::json!({"category": null, "enabled": true, "priority": 5, "tags": [], "version": null})
    );

    // Claude Code ignores these keys: the export is the same with or without the schema.
    let with_schema = agentgen(&["export", "agents"]);
    assert!(with_schema.status.success());
    let copy = scratch("export").join("agents");
    copy_dir(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/agents")),
        &copy,
    );
    let config = std::fs::read_to_string(copy.join("agentgen.toml")).expect("agentgen.toml");
    let without = config
        .split("[metadata]")
        .next()
        .expect("the settings before the schema");
    std::fs::write(copy.join("agentgen.toml"), without).expect("agentgen.toml");
    let without_schema = agentgen(&["export", path_str(&copy)]);
    assert!(without_schema.status.success());
    assert_eq!(stdout(&with_schema), stdout(&without_schema));
    let exported: Value = serde_json::from_str(&stdout(&with_schema)).expect("JSON");
    let definition = &exported["ddd:backend-developer"];
    assert!(definition.is_object());
    for key in [
        "category", "priority", "metadata", "tags", "version", "enabled",
    ] {
        assert!(definition.get(key).is_none(), "{key} exported");
    }
}

#[test]
fn the_project_summary_prints_the_typed_metadata() {
    // In this repository the project's catalog is agents/, the bundled one.
    let output = agentgen(&[]);
    assert!(output.status.success());
    let text = stdout(&output);
    let metadata_of = |variant: &str| {
        text.split("\n\n")
            .find(|block| block.starts_with(variant))
            .and_then(|block| block.lines().find(|l| l.starts_with("  metadata:")))
            .unwrap_or_else(|| panic!("{variant} has a metadata line:\n{text}"))
            .to_owned()
    };
    assert_eq!(
        metadata_of("DddBackendDeveloper\n"),
        "  metadata:      category engineering, tags (8), version 1.0.0, priority 9, enabled true"
    );
    assert_eq!(
        metadata_of("DddVersionControlSpecialist\n"),
        "  metadata:      category devops, tags (6), version 1.0.0, priority 6, enabled true"
    );
    // The other packs carry none of the keys: the schema's defaults.
    assert_eq!(
        metadata_of("VoltagentBackendDeveloper\n"),
        "  metadata:      tags (0), priority 5, enabled true"
    );
}
