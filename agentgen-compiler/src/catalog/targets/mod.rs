//! Other agent runtimes: what each makes of the catalog's agents, as diagnostics (run in
//! [`crate::catalog::compile`] only for the targets asked: agentgen.toml `targets`, `--target`)
//! and as translations the exports write. Each target module offers one function from a catalog
//! agent to its translation, verdict and diagnostics, used by both, so the two cannot disagree.

pub mod copilot;
pub mod depends;
pub mod gemini;

pub use crate::config::Target;

use crate::catalog::Catalog;
use crate::diagnostic::Diagnostic;

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

impl Verdict {
    /// `whole`, `loses-fields` or `cannot-take` (the JSON outputs' `verdict`).
    pub const fn as_str(&self) -> &'static str {
        match self {
            Verdict::Whole => "whole",
            Verdict::LosesFields(_) => "loses-fields",
            Verdict::CannotTake(_) => "cannot-take",
        }
    }

    /// The verdict in the JSON outputs (`inspect`, `graph --format json`): `{"verdict", "lost"
    /// (the keys lost, else empty), "reason" (why the target cannot take the agent, else
    /// null)}`.
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::{Value, json};
        let (lost, reason) = match self {
            Verdict::Whole => (Vec::new(), Value::Null),
            Verdict::LosesFields(keys) => (keys.clone(), Value::Null),
            Verdict::CannotTake(reason) => (Vec::new(), json!(reason)),
        };
        json!({ "verdict": self.as_str(), "lost": lost, "reason": reason })
    }

    /// `Whole` when `keys` is empty, else `LosesFields` with `keys` sorted and deduplicated.
    pub fn losing(mut keys: Vec<String>) -> Verdict {
        keys.sort();
        keys.dedup();
        if keys.is_empty() {
            Verdict::Whole
        } else {
            Verdict::LosesFields(keys)
        }
    }
}

/// A target's `diagnostics` (at their default levels) at the catalog's lint levels — dropped
/// when allowed, else a warning or an error — and sorted as the catalog's own are.
pub fn at_lint_levels(catalog: &Catalog, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut diagnostics = super::compile::apply_lint_levels(diagnostics, &catalog.config);
    super::compile::sort_diagnostics(&mut diagnostics);
    diagnostics
}
