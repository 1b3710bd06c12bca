//! `agentgen inspect`: one JSON object per agent file, what agentgen (and Claude Code) read.
//!
//! Shape (stable field names):
//! `{"file": path relative to the directory, "ok": bool, "name", "description", "tools": null
//! (inherit all) or [strings as written after splitting], "disallowed_tools", "model", "color"
//! (as written, even if invalid), "prompt_sha256", "diagnostics": [{"severity", "code",
//! "message", "line", "column"}]}` — fields are those parsed even when validation fails, null
//! where unparseable. `ok` is true when the file has no error.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::catalog::Catalog;
use crate::read::{Status, ToolsReading};

/// The JSON objects for every file of the catalog, sorted by path.
pub fn inspect(catalog: &Catalog) -> Vec<Value> {
    let prefix = format!("{}/", catalog.display_root);
    catalog
        .files
        .iter()
        .map(|file| {
            let diagnostics: Vec<Value> = catalog
                .diagnostics
                .iter()
                .filter(|d| d.file == file.path())
                .map(|d| {
                    json!({
                        "severity": d.severity.as_str(),
                        "code": d.code.as_str(),
                        "message": d.message,
                        "line": d.span.as_ref().map(|s| s.line),
                        "column": d.span.as_ref().map(|s| s.column),
                    })
                })
                .collect();
            let ok = !diagnostics.iter().any(|d| d["severity"] == "error");
            let parsed = file.status != Status::NotLoaded && !file.keys.is_empty();
            let tools = match &file.tools {
                ToolsReading::InheritAll => Value::Null,
                ToolsReading::List(list) => json!(list.iter().map(|t| &t.value).collect::<Vec<_>>()),
            };
            let prompt_sha256 = (file.status != Status::NotLoaded && !matches!(file.yaml, crate::read::YamlStatus::NoFrontmatter | crate::read::YamlStatus::Failed))
                .then(|| Sha256::digest(file.prompt.as_bytes()).iter().map(|b| format!("{b:02x}")).collect::<String>());
            json!({
                "file": file.path().strip_prefix(&prefix).unwrap_or(file.path()),
                "ok": ok,
                "name": file.name.as_ref().map(|n| &n.value),
                "description": file.description.as_ref().map(|d| &d.value),
                "tools": if parsed { tools } else { Value::Null },
                "disallowed_tools": file.disallowed_tools.iter().map(|t| &t.value).collect::<Vec<_>>(),
                "model": file.model.as_ref().map(|m| &m.value),
                "color": file.color_written.as_ref().map(|c| &c.value),
                "prompt_sha256": prompt_sha256,
                "diagnostics": diagnostics,
            })
        })
        .collect()
}
