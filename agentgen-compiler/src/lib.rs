//! # agentgen-compiler — the engine behind agentgen
//!
//! Reads Claude Code subagent files exactly as Claude Code 2.1.332 does ([`read`]), validates a
//! whole catalog ([`catalog`]), and generates typed Rust ([`generate`]). Skills (`SKILL.md`,
//! [`read::skill`]), plugin agents ([`read::plugin_agent`]) and the layouts that decide how
//! Claude Code names them — a project's `.claude/`, plugins, marketplaces
//! ([`catalog::layout`]) — are read the same way. The build-script API
//! ([`build`]) and the proc macro (`agentgen-macros`) are two thin entry points over the same
//! [`compile_dir`] → [`generate::generate`] pipeline.
//!
//! Users depend on the package `agentgen-rs`, whose library is `agentgen` (runtime types,
//! `include_agents!`, and with feature `build` the re-exported [`build`] module); this crate is
//! separate so that the proc macro can use the engine while `agentgen` re-exports the macro (a
//! crate cannot depend on itself).

#![forbid(unsafe_code)]

#[cfg(feature = "render")]
pub mod build;
pub mod catalog;
pub mod config;
pub mod diagnostic;
#[cfg(feature = "json")]
pub mod export;
pub mod fix;
pub mod frontmatter;
pub mod generate;
#[cfg(feature = "json")]
pub mod graph;
#[cfg(feature = "json")]
pub mod inspect;
pub mod metadata;
pub mod naming;
pub mod project;
pub mod read;
pub mod registry;
pub mod source;
pub mod yaml;

pub use catalog::Catalog;
pub use config::Config;
pub use diagnostic::{Code, Diagnostic, LintLevel, Severity};
pub use project::{Project, compile_dir};
