//! Other agent runtimes: what each makes of the catalog's agents, as diagnostics (run in
//! [`crate::catalog::compile`] only for the targets asked: agentgen.toml `targets`, `--target`)
//! and as translations the exports write. Each target module offers one function from a catalog
//! agent to its translation, verdict and diagnostics, used by both, so the two cannot disagree.

pub mod copilot;

pub use crate::config::Target;

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
