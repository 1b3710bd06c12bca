//! `agentgen new NAME`: a new agent file that Claude Code and agentgen read the same way.
//!
//! The frontmatter carries `name`, `description` (a double-quoted YAML string), and, when given,
//! `tools`, `model` and `color`; every other field Claude Code documents is listed as a comment
//! with its values, ready to uncomment. Source: Claude Code subagent docs, "Supported frontmatter
//! fields".

use agentgen_compiler::config::metadata::{KeySchema, MetadataSchema, Presence, ScalarType};
use agentgen_compiler::read::PLACEHOLDER_DESCRIPTION_START;

/// What `agentgen new` writes.
#[derive(Debug, Clone, Default)]
pub struct Scaffold {
    /// Frontmatter `name`: lower-case letters, digits and hyphens, starting with a letter.
    pub name: String,
    /// Frontmatter `description`; a placeholder when `None`.
    pub description: Option<String>,
    /// Frontmatter `tools`, comma-separated; absent = inherit all.
    pub tools: Option<String>,
    /// Frontmatter `model`.
    pub model: Option<String>,
    /// Frontmatter `color`.
    pub color: Option<String>,
    /// Lines for the keys of the catalog's `[metadata]` schema ([`metadata_lines`]).
    pub metadata: Vec<String>,
}

/// YAML lines for a `[metadata]` schema: each required key with a value of its type (an enum's
/// first value, `0`, `false`, `"0.1.0"`, `""`… ) and a comment to edit it; the other keys as
/// comments with their type and default.
pub fn metadata_lines(schema: &MetadataSchema) -> Vec<String> {
    schema
        .keys
        .iter()
        .map(|key| {
            let kind = match &key.ty.scalar {
                ScalarType::Enum(values) => format!("one of {}", values.values.join(", ")),
                other => other.spelling().to_owned(),
            };
            let kind = if key.ty.list {
                format!("a list of {kind}")
            } else {
                kind
            };
            match &key.presence {
                Presence::Required => format!(
                    "{}: {}    # edit: required by the [metadata] schema ({kind})",
                    key.key,
                    placeholder(key)
                ),
                Presence::Optional => {
                    format!("# {}: {}    # optional ({kind})", key.key, placeholder(key))
                }
                Presence::Default(_) => format!(
                    "# {}: {}    # optional, with a default ({kind})",
                    key.key,
                    placeholder(key)
                ),
            }
        })
        .collect()
}

/// A value of the key's type.
fn placeholder(key: &KeySchema) -> String {
    if key.ty.list {
        return "[]".to_owned();
    }
    match &key.ty.scalar {
        ScalarType::String => quoted(""),
        ScalarType::Bool => "false".to_owned(),
        ScalarType::Integer(_) => "0".to_owned(),
        ScalarType::F64 => "0.0".to_owned(),
        ScalarType::Semver => quoted("0.1.0"),
        ScalarType::Enum(values) => values
            .values
            .first()
            .map_or_else(|| quoted(""), |v| quoted(v)),
    }
}

/// Why a name is not a good agent name, or `None` when it is kebab-case.
pub fn name_problem(name: &str) -> Option<&'static str> {
    let mut chars = name.chars();
    match chars.next() {
        None => Some("the name is empty"),
        Some(c) if !c.is_ascii_lowercase() => Some("the name must start with a lower-case letter"),
        Some(_) if name.ends_with('-') || name.contains("--") => {
            Some("hyphens go between words (`code-reviewer`)")
        }
        Some(_)
            if !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') =>
        {
            Some("use lower-case letters, digits and hyphens only (`code-reviewer`)")
        }
        Some(_) => None,
    }
}

/// A YAML double-quoted scalar for `text` (JSON string syntax is valid YAML 1.2).
fn quoted(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

impl Scaffold {
    /// The file's text.
    pub fn render(&self) -> String {
        let description = self.description.clone().unwrap_or_else(|| {
            format!(
                "{PLACEHOLDER_DESCRIPTION_START} (say when Claude should delegate to {}; add PROACTIVELY to have it used unasked)",
                self.name
            )
        });
        let mut out = String::from("---\n");
        out.push_str(&format!("name: {}\n", self.name));
        out.push_str(&format!("description: {}\n", quoted(&description)));
        match &self.tools {
            Some(tools) => out.push_str(&format!("tools: {tools}\n")),
            None => out.push_str(
                "# tools: Read, Grep, Glob, Bash    # absent = inherit all; Agent(x) limits which agents it may start\n",
            ),
        }
        match &self.model {
            Some(model) => out.push_str(&format!("model: {model}\n")),
            None => out.push_str(
                "# model: sonnet    # sonnet, opus, haiku, inherit, or a full model id\n",
            ),
        }
        match &self.color {
            Some(color) => out.push_str(&format!("color: {color}\n")),
            None => out.push_str(
                "# color: blue    # red, blue, green, yellow, purple, orange, pink, cyan\n",
            ),
        }
        for line in &self.metadata {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(concat!(
            "# disallowedTools: Write, Edit\n",
            "# permissionMode: default    # default, acceptEdits, auto, dontAsk, bypassPermissions, plan\n",
            "# maxTurns: 20\n",
            "# skills: skill-name\n",
            "# mcpServers: [server-name]\n",
            "# memory: project    # user, project, local\n",
            "# effort: medium    # low, medium, high, xhigh, max\n",
            "# background: false\n",
            "# isolation: worktree\n",
            "# initialPrompt: \"First message when this agent runs as the main agent\"\n",
            "---\n",
        ));
        out.push_str(&format!(
            "You are {}, a specialist subagent.\n\n\
             When invoked:\n\
             1. Restate the task in one sentence.\n\
             2. Do the work with the tools you have.\n\
             3. Report what you did and what is left, briefly.\n",
            self.name
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_must_be_kebab_case() {
        assert_eq!(name_problem("code-reviewer"), None);
        assert_eq!(name_problem("a1"), None);
        for bad in ["", "Code", "1st", "a_b", "a--b", "a-", "-a", "a b", "ré"] {
            assert!(name_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn descriptions_are_quoted_safely() {
        let text = Scaffold {
            name: "x".into(),
            description: Some("Use when: \"quoted\" and \\ slashes\nand lines".into()),
            ..Scaffold::default()
        }
        .render();
        assert!(
            text.contains(r#"description: "Use when: \"quoted\" and \\ slashes\nand lines""#),
            "{text}"
        );
    }
}
