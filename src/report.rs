//! `agentgen check` output formats: rustc-style text, JSON lines, and SARIF 2.1.0.
//!
//! # `--format json`
//!
//! One JSON object per line. Each diagnostic is
//!
//! ```json
//! {"type": "diagnostic", "severity": "error" | "warning", "code": "unknown-tool",
//!  "message": "…", "file": "agents/x.md" (relative, `/`-separated; "" for catalog-wide),
//!  "line": 4, "column": 8, "end_line": 4, "end_column": 13 (1-based, columns in characters;
//!  null without a place), "label": "…" | null, "help": "…" | null, "notes": ["…"],
//!  "related": [{"file", "line", "column", "message"}], "rendered": "error[unknown-tool]: …"}
//! ```
//!
//! and the last line is `{"type": "summary", "errors": 0, "warnings": 4, "files": 11}`.
//! Field names are stable; new fields may be added.
//!
//! # `--format sarif`
//!
//! One SARIF 2.1.0 log (the format GitHub code scanning uploads): a rule per diagnostic code with
//! its help text, one result per diagnostic with a physical location (the file, relative to the
//! working directory, and a region: the diagnostic's place, or line 1 for a problem of a whole
//! file), related locations, and
//! `columnKind: unicodeCodePoints` (agentgen counts columns in characters).

use agentgen_compiler::diagnostic::Span;
use agentgen_compiler::source::SourceFile;
use agentgen_compiler::{Catalog, Code, Diagnostic, LintLevel, Severity};
use serde_json::{Value, json};

/// The SARIF schema the log declares.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where a span ends, as 1-based line and column (characters), from the file's text.
fn end_of(span: &Span, source: Option<&SourceFile>) -> (usize, usize) {
    match source {
        Some(source)
            if span.bytes.end > span.bytes.start && span.bytes.end <= source.text.len() =>
        {
            let end = source.location(span.bytes.end..span.bytes.end);
            (end.line, end.column)
        }
        _ => (span.line, span.column + 1),
    }
}

/// One diagnostic as a JSON object (see the module docs).
pub fn diagnostic_json(diagnostic: &Diagnostic, source: Option<&SourceFile>) -> Value {
    let (line, column, end_line, end_column) = match &diagnostic.span {
        Some(span) => {
            let (end_line, end_column) = end_of(span, source);
            (
                Some(span.line),
                Some(span.column),
                Some(end_line),
                Some(end_column),
            )
        }
        None => (None, None, None, None),
    };
    let related: Vec<Value> = diagnostic
        .related
        .iter()
        .map(|r| {
            json!({
                "file": r.file,
                "line": r.span.as_ref().map(|s| s.line),
                "column": r.span.as_ref().map(|s| s.column),
                "message": r.message,
            })
        })
        .collect();
    json!({
        "type": "diagnostic",
        "severity": diagnostic.severity.as_str(),
        "code": diagnostic.code.as_str(),
        "message": diagnostic.message,
        "file": diagnostic.file,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "label": diagnostic.label,
        "help": diagnostic.help,
        "notes": diagnostic.notes,
        "related": related,
        "rendered": diagnostic.render(source, false),
    })
}

/// The SARIF rule of a code: id, name, descriptions, help and default level.
fn sarif_rule(code: Code) -> Value {
    let level = match code.default_level() {
        LintLevel::Deny => "error",
        LintLevel::Warn => "warning",
        LintLevel::Allow => "none",
    };
    let configurable = if code.default_level() == LintLevel::Deny {
        "Always an error: Claude Code skips, rejects or drops something here."
    } else {
        "A lint: set its level in agentgen.toml `[lints]` or with `-A`/`-W`/`-D` on the command line."
    };
    let summary = code.summary();
    json!({
        "id": code.as_str(),
        "name": upper_camel(code.as_str()),
        "shortDescription": { "text": summary },
        "fullDescription": { "text": summary },
        "help": {
            "text": format!("{summary}\n\n{configurable}"),
            "markdown": format!("**{}**: {summary}\n\n{configurable}", code.as_str()),
        },
        "defaultConfiguration": { "level": level },
    })
}

fn upper_camel(kebab: &str) -> String {
    kebab
        .split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

fn sarif_location(file: &str, span: Option<&Span>, source: Option<&SourceFile>) -> Value {
    let mut physical = json!({
        "artifactLocation": { "uri": file, "uriBaseId": "%SRCROOT%" },
    });
    physical["region"] = match span {
        Some(span) => {
            let (end_line, end_column) = end_of(span, source);
            json!({
                "startLine": span.line,
                "startColumn": span.column,
                "endLine": end_line,
                "endColumn": end_column,
            })
        }
        // A problem of the whole file: GitHub code scanning wants a line, so the first one.
        None => json!({ "startLine": 1 }),
    };
    json!({ "physicalLocation": physical })
}

/// The SARIF 2.1.0 log for the diagnostics of `catalogs`.
pub fn sarif(catalogs: &[Catalog]) -> Value {
    let rules: Vec<Value> = Code::ALL.iter().map(|&code| sarif_rule(code)).collect();
    let mut results = Vec::new();
    for catalog in catalogs {
        for diagnostic in &catalog.diagnostics {
            let source = catalog.source(&diagnostic.file);
            // A catalog-wide diagnostic is placed on the agents directory.
            let file = if diagnostic.file.is_empty() {
                catalog.display_root.as_str()
            } else {
                diagnostic.file.as_str()
            };
            let mut text = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let related: Vec<Value> = diagnostic
                .related
                .iter()
                .enumerate()
                .map(|(id, r)| {
                    let mut location =
                        sarif_location(&r.file, r.span.as_ref(), catalog.source(&r.file));
                    location["id"] = json!(id);
                    location["message"] = json!({ "text": r.message });
                    location
                })
                .collect();
            let rule_index = Code::ALL.iter().position(|&c| c == diagnostic.code);
            let mut result = json!({
                "ruleId": diagnostic.code.as_str(),
                "ruleIndex": rule_index,
                "level": match diagnostic.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                "message": { "text": text },
                "locations": [sarif_location(file, diagnostic.span.as_ref(), source)],
            });
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            results.push(result);
        }
    }
    let mut driver = json!({
        "name": "agentgen",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    // `informationUri` must be an absolute URI; the package has no repository address yet.
    let repository = env!("CARGO_PKG_REPOSITORY");
    if repository.starts_with("https://") {
        driver["informationUri"] = json!(repository);
    }
    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_upper_camel_case() {
        assert_eq!(upper_camel("unknown-tool"), "UnknownTool");
        assert_eq!(upper_camel("yaml-fallback"), "YamlFallback");
    }

    #[test]
    fn every_code_has_a_rule_with_help() {
        for &code in Code::ALL {
            let rule = sarif_rule(code);
            assert_eq!(rule["id"], code.as_str());
            let help = rule["help"]["text"].as_str().unwrap_or_default();
            assert!(help.len() > 40, "{code}: {help}");
        }
    }
}
