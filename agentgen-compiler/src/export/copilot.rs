//! `agentgen export --format copilot --out OUT`: every agent of the catalog as a GitHub Copilot
//! CLI custom agent, `OUT/.github/agents/<name>.agent.md` (`<name>`: the qualified name, `:`
//! written `-`).
//!
//! Shape of each file: `---`, `name: "…"`, `description: "…"`, `tools: ["execute", …]` (only
//! when the agent has a `tools` list: Copilot's names through its alias table, each once, in
//! order; absent = every tool), `---`, a blank line, the prompt and a line feed. Strings are
//! written as JSON strings, which YAML reads back exactly. Everything else Claude Code reads is
//! left out — each loss a `copilot-…` diagnostic at the source field
//! ([`crate::catalog::targets::copilot::translate`], the same translation the verdicts use).
//! An agent that depends on a tool Copilot has no equivalent for (`copilot-unmapped-tool`, an
//! error unless allowed) refuses the export: nothing is written.
//!
//! Source: `registry::copilot` (GitHub Copilot CLI 1.0.102).

use crate::catalog::Catalog;
use crate::catalog::targets::Verdict;
use crate::catalog::targets::copilot::{CopilotExport, translate};
use crate::diagnostic::{Diagnostic, LintLevel, Severity};
use crate::registry::copilot::EXPORT_DIR;

/// One file of the export: its path under `--out` and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportFile {
    /// `.github/agents/<name>.agent.md`.
    pub path: String,
    /// The file's text.
    pub text: String,
}

/// The Copilot export of `catalog`: its files (sorted by path), each agent's verdict (in the
/// catalog's agent order) and the diagnostics of the translation at the levels the catalog's
/// configuration sets (an allowed lint left out; a denied one an error, which refuses the
/// export).
pub fn copilot_export(catalog: &Catalog) -> (Vec<ExportFile>, Vec<Verdict>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut verdicts = Vec::new();
    let mut diagnostics = Vec::new();
    for index in 0..catalog.agents().len() {
        let (export, verdict, found) = translate(catalog, index);
        files.push(ExportFile {
            path: format!("{EXPORT_DIR}/{}.agent.md", export.file_stem),
            text: agent_file(&export),
        });
        verdicts.push(verdict);
        for mut diagnostic in found {
            match catalog.config.level(diagnostic.code) {
                LintLevel::Allow => continue,
                LintLevel::Warn => diagnostic.severity = Severity::Warning,
                LintLevel::Deny => diagnostic.severity = Severity::Error,
            }
            diagnostics.push(diagnostic);
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, verdicts, diagnostics)
}

/// The text of one agent file.
pub fn agent_file(export: &CopilotExport) -> String {
    let mut text = format!("---\n{}\n", super::GENERATED_LINE);
    text.push_str(&format!("name: {}\n", super::yaml_string(&export.name)));
    text.push_str(&format!(
        "description: {}\n",
        super::yaml_string(&export.description)
    ));
    if let Some(tools) = &export.tools {
        let list: Vec<String> = tools.iter().map(|t| super::yaml_string(t)).collect();
        text.push_str(&format!("tools: [{}]\n", list.join(", ")));
    }
    text.push_str("---\n\n");
    text.push_str(&export.prompt);
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_strings_that_yaml_reads_back() {
        let export = CopilotExport {
            file_stem: "a".into(),
            name: "a".into(),
            description: "x: y: z \"q\"\nnext".into(),
            tools: Some(vec!["execute".into(), "github/*".into()]),
            prompt: "P".into(),
        };
        let text = agent_file(&export);
        let blocks = crate::frontmatter::split(&text).expect("frontmatter");
        let root = crate::yaml::parse(blocks.yaml)
            .expect("yaml")
            .expect("root");
        let crate::yaml::Value::Map(entries) = root.value else {
            panic!("not a mapping")
        };
        assert_eq!(entries[1].1.as_str(), Some("x: y: z \"q\"\nnext"));
        assert!(text.ends_with("---\n\nP\n"));
    }
}
