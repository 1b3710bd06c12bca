//! The `targets` option: the agent runtimes a catalog is checked against besides Claude Code
//! (`targets = ["claude-code", "copilot"]` in agentgen.toml, the macro's `targets = […]`,
//! `Builder::target`, the CLI's `--target`). The checks themselves are the catalog's part
//! (`catalog::targets`).

/// An agent runtime agentgen checks a catalog against. Source: agentgen.toml `targets`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// Claude Code, which agentgen always reads as (the default).
    ClaudeCode,
    /// The GitHub Copilot CLI, which also loads a project's `.claude/agents` files.
    Copilot,
    /// The Gemini CLI (`.gemini/agents`).
    Gemini,
}

impl Target {
    /// Every target.
    pub const ALL: &'static [Target] = &[Target::ClaudeCode, Target::Copilot, Target::Gemini];

    /// The name in agentgen.toml, on the command line and in the macro.
    pub const fn as_str(self) -> &'static str {
        match self {
            Target::ClaudeCode => "claude-code",
            Target::Copilot => "copilot",
            Target::Gemini => "gemini",
        }
    }

    /// The target named `name`.
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.iter().copied().find(|t| t.as_str() == name)
    }

    /// The runtime a lint is about: `Copilot` for the `copilot-…` codes, `Gemini` for the
    /// `gemini-…` ones, `None` for Claude Code's own.
    pub fn of_code(code: crate::diagnostic::Code) -> Option<Target> {
        let name = code.as_str();
        [Target::Copilot, Target::Gemini]
            .into_iter()
            .find(|target| {
                name.strip_prefix(target.as_str())
                    .is_some_and(|rest| rest.starts_with('-'))
            })
    }

    /// The names, for messages: "`claude-code`, `copilot`, `gemini`".
    pub fn names() -> String {
        Target::ALL
            .iter()
            .map(|t| format!("`{}`", t.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
