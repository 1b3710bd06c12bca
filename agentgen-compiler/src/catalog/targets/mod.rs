//! Other agent runtimes: what each makes of a catalog's agents. One module per runtime, each
//! with a function from one catalog agent to its translation, [`Verdict`] and diagnostics,
//! which both the diagnostics pass and the runtime's export use, so the two never disagree.

pub mod gemini;

use crate::catalog::Catalog;
use crate::diagnostic::Diagnostic;

/// An agent runtime agentgen checks a catalog against. Source: agentgen.toml `targets`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// Claude Code, whose reading is the catalog's own.
    ClaudeCode,
    /// GitHub Copilot CLI.
    Copilot,
    /// Gemini CLI.
    Gemini,
}

/// What a target makes of one agent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Read with every field Claude Code reads.
    Whole,
    /// Read, but these frontmatter keys are lost or changed (sorted, deduplicated).
    LosesFields(Vec<String>),
    /// Not read at all, or its meaning cannot survive; the reason in a sentence.
    CannotTake(String),
}

/// A target's `diagnostics` (at their default levels) at the catalog's lint levels — dropped
/// when allowed, else a warning or an error — and sorted as the catalog's own are.
pub fn at_lint_levels(catalog: &Catalog, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut diagnostics = super::compile::apply_lint_levels(diagnostics, &catalog.config);
    super::compile::sort_diagnostics(&mut diagnostics);
    diagnostics
}
