//! `agentgen export --format gemini --out OUT`: the catalog as Gemini CLI 0.61.0's project
//! agents, `OUT/.gemini/agents/<name>.md`, one file per agent, from the translation of
//! [`catalog::targets::gemini`](crate::catalog::targets::gemini) (so the export and the
//! diagnostics never disagree).
//!
//! Shape of a file, keys in this order, absent ones left out:
//!
//! ```text
//! ---
//! name: "code-reviewer"
//! description: "Reviews code.\nUse after every change."
//! tools:
//!   - "read_file"
//!   - "grep_search"
//! model: "gemini-2.5-pro"
//! max_turns: 12
//! mcp_servers:
//!   "github":
//!     command: "npx"
//!     args: ["-y", "@modelcontextprotocol/server-github"]
//!     env: {"GITHUB_TOKEN": "…"}
//! ---
//!
//! The prompt, as Claude Code reads it.
//! ```
//!
//! Every string is a YAML double-quoted scalar (Gemini parses it with js-yaml): `"` and `\`
//! escaped, line feeds and tabs as `\n` / `\t`, and every character js-yaml refuses raw or
//! would read otherwise (C0 and C1 controls, DEL, U+FEFF, U+FFFE, U+FFFF, the line separators
//! U+2028/U+2029) as `\uXXXX` — so Gemini reads back exactly the text agentgen wrote, whatever
//! the name or description holds. Sorted by name; same catalog, byte-identical files.

use super::yaml_string;
use crate::catalog::Catalog;
use crate::catalog::targets::gemini::{GeminiAgent, McpValue, Translation, translate_all};
use crate::catalog::targets::{Verdict, at_lint_levels};
use crate::diagnostic::Diagnostic;

/// Where Gemini reads a project's agents, relative to the project.
pub const AGENTS_DIR: &str = ".gemini/agents";

/// What the export writes and says.
#[derive(Debug)]
pub struct Export {
    /// `(path relative to --out, text)`, sorted by path.
    pub files: Vec<(String, String)>,
    /// Every agent's translation, in the catalog's order (the verdicts, for figures).
    pub translations: Vec<Translation>,
    /// The translations' diagnostics at the catalog's lint levels, sorted: an error refuses
    /// the export.
    pub diagnostics: Vec<Diagnostic>,
}

impl Export {
    /// Whether any diagnostic is an error (the export is then refused).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// `(whole, loses a field, cannot take)` over the catalog's agents.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for translation in &self.translations {
            match translation.verdict {
                Verdict::Whole => counts.0 += 1,
                Verdict::LosesFields(_) => counts.1 += 1,
                Verdict::CannotTake(_) => counts.2 += 1,
            }
        }
        counts
    }
}

/// The catalog's Gemini export: every agent's file, the translations and their diagnostics at
/// the catalog's levels.
/// Callers write the files only when [`Export::has_errors`] is false.
pub fn export(catalog: &Catalog) -> Export {
    let translations = translate_all(catalog);
    let mut files: Vec<(String, String)> = translations
        .iter()
        .map(|t| {
            (
                format!("{AGENTS_DIR}/{}.md", t.agent.name),
                agent_file(&t.agent),
            )
        })
        .collect();
    files.sort();
    let diagnostics = translations
        .iter()
        .flat_map(|t| t.diagnostics.iter().cloned())
        .collect();
    Export {
        files,
        diagnostics: at_lint_levels(catalog, diagnostics),
        translations,
    }
}

/// One agent's file text.
pub fn agent_file(agent: &GeminiAgent) -> String {
    let mut out = format!("---\n{}\n", super::GENERATED_LINE);
    out.push_str(&format!("name: {}\n", yaml_string(&agent.name)));
    out.push_str(&format!(
        "description: {}\n",
        yaml_string(&agent.description)
    ));
    match &agent.tools {
        None => {}
        Some(tools) if tools.is_empty() => out.push_str("tools: []\n"),
        Some(tools) => {
            out.push_str("tools:\n");
            for tool in tools {
                out.push_str(&format!("  - {}\n", yaml_string(tool)));
            }
        }
    }
    if let Some(model) = &agent.model {
        out.push_str(&format!("model: {}\n", yaml_string(model)));
    }
    if let Some(turns) = agent.max_turns {
        out.push_str(&format!("max_turns: {turns}\n"));
    }
    if !agent.mcp_servers.is_empty() {
        out.push_str("mcp_servers:\n");
        for server in &agent.mcp_servers {
            out.push_str(&format!("  {}:\n", yaml_string(&server.name)));
            for (key, value) in &server.config {
                out.push_str(&format!("    {key}: {}\n", mcp_value(value)));
            }
        }
    }
    out.push_str("---\n");
    if !agent.prompt.is_empty() {
        out.push('\n');
        out.push_str(&agent.prompt);
        out.push('\n');
    }
    out
}

/// A server config value in YAML flow style: `"s"`, `["a", "b"]`, `{"K": "v"}`.
fn mcp_value(value: &McpValue) -> String {
    match value {
        McpValue::Str(s) => yaml_string(s),
        McpValue::List(items) => {
            let items: Vec<String> = items.iter().map(|i| yaml_string(i)).collect();
            format!("[{}]", items.join(", "))
        }
        McpValue::Map(pairs) => {
            let pairs: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("{}: {}", yaml_string(k), yaml_string(v)))
                .collect();
            format!("{{{}}}", pairs.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_with_every_key() {
        let agent = GeminiAgent {
            agent: 0,
            name: "code-reviewer".to_owned(),
            description: "Reviews: \"code\"\nafter\tchanges \\ \u{85}".to_owned(),
            tools: Some(vec!["read_file".to_owned(), "mcp_github_*".to_owned()]),
            model: Some("gemini-2.5-pro".to_owned()),
            max_turns: Some(12),
            mcp_servers: Vec::new(),
            prompt: "You review.".to_owned(),
        };
        assert_eq!(
            agent_file(&agent),
            format!("---\n{}\n", crate::export::GENERATED_LINE)
                + "name: \"code-reviewer\"\ndescription: \"Reviews: \\\"code\\\"\\nafter\\tchanges \\\\ \\u0085\"\ntools:\n  - \"read_file\"\n  - \"mcp_github_*\"\nmodel: \"gemini-2.5-pro\"\nmax_turns: 12\n---\n\nYou review.\n"
        );
    }

    #[test]
    fn no_tools_and_no_body() {
        let agent = GeminiAgent {
            agent: 0,
            name: "a".to_owned(),
            description: "d".to_owned(),
            tools: Some(Vec::new()),
            model: None,
            max_turns: None,
            mcp_servers: Vec::new(),
            prompt: String::new(),
        };
        assert_eq!(
            agent_file(&agent),
            format!("---\n{}\n", crate::export::GENERATED_LINE)
                + "name: \"a\"\ndescription: \"d\"\ntools: []\n---\n"
        );
        assert!(crate::export::is_generated(&agent_file(&agent)));
        assert!(!crate::export::is_generated("---\nname: a\n---\n"));
    }
}
