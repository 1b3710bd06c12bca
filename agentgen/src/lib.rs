//! # agentgen — Claude Code subagents as typed Rust
//!
//! Claude Code subagent files (Markdown with a YAML frontmatter, the system prompt as the body)
//! are compiled at build time into one typed item per agent. This crate holds what the generated
//! code refers to at run time: [`AgentSpec`], [`Tool`], [`Model`], [`Color`], … — plain `const`
//! data, no YAML parser, no file access, no dependencies (feature `serde` adds serde, to hand the
//! catalog to Claude Code or the Agent SDK as JSON: `ClaudeAgents`).
//!
//! The package is `agentgen-rs` (`agentgen-rs = "0.1"` in `Cargo.toml`); its library is
//! `agentgen`, which is what code names.
//!
//! Two entry points produce the same catalog (one generator, crate `agentgen-compiler`):
//!
//! - `agentgen::include_agents!("agents")` (feature `macros`, on by default), a proc macro;
//! - `agentgen::build` (feature `build`), a build-script API in the style of prost-build that writes
//!   `$OUT_DIR/agents.rs`, which the crate then `include!`s in a module:
//!   `mod agents { include!(concat!(env!("OUT_DIR"), "/agents.rs")); }`.
//!
//! With the macro, a directory `agents/` next to `Cargo.toml` holding `code-reviewer.md` and
//! `test-runner.md` becomes:
//!
//! ```
//! mod agents {
//!     agentgen::include_agents!("agents");
//! }
//!
//! use agentgen::{AgentRef, BuiltinTool, Model, ModelAlias, Tool, Tools};
//!
//! let reviewer = agents::by_name("code-reviewer").expect("in the catalog");
//! assert_eq!(reviewer.id, agents::Agent::CodeReviewer);
//! assert_eq!(reviewer.model, Some(Model::Alias(ModelAlias::Sonnet)));
//! assert_eq!(reviewer.collaborators, [AgentRef::Catalog(agents::Agent::TestRunner)]);
//! // The reviewer hands work to the test runner: the two go to Claude Code together.
//! let team: Vec<&str> = agents::Agent::CodeReviewer.team().iter().map(|s| s.name).collect();
//! assert_eq!(team, ["code-reviewer", "test-runner"]);
//! let Tools::List(tools) = reviewer.tools else { panic!("tools are listed") };
//! assert_eq!(tools[0], Tool::BuiltIn(BuiltinTool::Read));
//! assert!(reviewer.prompt.starts_with("You review code."));
//! for spec in agents::ALL {
//!     println!("{}: {}", spec.qualified_name, spec.description);
//! }
//! ```
//!
//! Source for every field: the Claude Code subagent documentation and the observed behaviour of
//! Claude Code 2.1.332's loader (see `CLAUDE-CODE-RULES.md` in the conformance suite).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "macros")]
pub use agentgen_macros::include_agents;

#[cfg(feature = "serde")]
mod claude_json;
#[cfg(feature = "serde")]
pub use claude_json::{ClaudeAgentDefinition, ClaudeAgents};

#[cfg(feature = "cc-sdk")]
pub mod cc_sdk;

mod version;
pub use version::Version;

mod errors;
mod keywords;
mod model;
mod name_table;
mod skill;
mod spec;
mod tool;
mod value;

pub use errors::{UnknownAgent, UnknownCommand, UnknownSkill, UnknownValue};
pub use keywords::{CacheTtl, Color, Isolation, MemoryScope, PermissionMode};
pub use model::{Effort, Model, ModelAlias};
pub use skill::{CatalogSkill, NoSkill, SkillContext, SkillRef, SkillShell, SkillSpec};
pub use spec::AgentSpec;
pub use tool::{AgentRef, BuiltinTool, Tool, ToolStatus, Tools};
pub use value::Value;

/// Not public API: what the generated code uses and nothing else (the name tables behind
/// `by_name`). It changes without notice, with the generator that uses it.
#[doc(hidden)]
pub mod __private {
    pub use crate::name_table::{NameTable, fnv1a};
}

/// One-line build.rs helper for `include_agents!`:
/// `fn main() { agentgen::rerun_if_changed("agents"); }` prints
/// `cargo::rerun-if-changed=agents` so cargo also notices added and deleted files (the macro's
/// `include_bytes!` only tracks the files that existed at the last build).
///
/// Use it from `[build-dependencies]` with
/// `agentgen-rs = { version = "…", default-features = false }` (no proc macro, no dependencies).
/// `dir` is relative to the crate's `Cargo.toml`, as for the macro: a folder shared by a
/// workspace's crates is `"../../shared-agents"` from `crates/app`. (With the `build` feature,
/// `agentgen::build::rerun_if_catalog_changed()` finds the folder as `include_agents!()` does.)
///
/// ```no_run
/// // build.rs
/// agentgen::rerun_if_changed("agents");
/// ```
pub fn rerun_if_changed(dir: &str) {
    println!("cargo::rerun-if-changed={dir}");
}

/// The build-script API (feature `build`): [`build::Builder`] compiles a directory of agent
/// files into `$OUT_DIR/agents.rs`. Re-exported from the crate `agentgen-compiler`.
///
/// In `Cargo.toml`, `[build-dependencies] agentgen-rs = { version = "0.1", features =
/// ["build"] }`; then the build script:
///
/// ```no_run
/// // build.rs, in `fn main()`
/// agentgen::build::Builder::new()
///     .packs(true)
///     .lint("legacy-tool", agentgen::build::LintLevel::Allow)
///     .compile_or_exit("agents");
/// ```
///
/// and in the crate, `mod agents { include!(concat!(env!("OUT_DIR"), "/agents.rs")); }`. Errors
/// in the agent files fail the build script with every diagnostic rendered on stderr (as
/// `agentgen check` shows them: snippet, notes, help), which cargo prints; warnings come out as
/// one `cargo::warning=` line each. `Builder::compile` returns the same text in its error, so
/// `fn main() -> Result<(), Box<dyn std::error::Error>>` and `?` work as well.
#[cfg(feature = "build")]
pub mod build {
    /// The level of a lint, for [`Builder::lint`].
    pub use agentgen_compiler::LintLevel;
    pub use agentgen_compiler::build::*;
    /// How a catalog's folder is organised, for [`Builder::layout`].
    pub use agentgen_compiler::config::Layout;
    /// Another agent runtime to check the catalog against, for [`Builder::target`].
    pub use agentgen_compiler::config::Target;
}
