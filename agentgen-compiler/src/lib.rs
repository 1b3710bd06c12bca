//! # agentgen-compiler — the engine behind agentgen
//!
//! The pipeline, each stage importing only the ones above it:
//!
//! 1. **Text**: [`source`] (files, spans), `yaml`, `frontmatter`, [`diagnostic`], [`registry`]
//!    (what Claude Code 2.1.332 knows: tools, keys, limits), `naming` (Rust identifiers), [`fix`],
//!    [`error`] (the engine's one [`Error`] type).
//! 2. **[`read`]**: one file as Claude Code reads it — an agent, a plugin agent, a skill, a command.
//! 3. **[`config`]**: `agentgen.toml` — lints, layout, externals, the `[metadata]` schema.
//! 4. **[`catalog`]**: a folder laid out as the layout says, read and checked as a whole.
//! 5. **Outputs**: [`generate`] (typed Rust), [`export`], [`graph`], [`inspect`]; and the entry
//!    points over it all: [`project`] (a starting point → root, layout, config, catalog) and [`build`].
//!
//! The proc macro (`agentgen-macros`), the build-script [`build::Builder`] and the CLI are thin
//! entry points over [`Project`] → [`generate::generate`]. `docs/ARCHITECTURE.md` in the
//! repository draws the stages and says where a new field, lint, layout or output goes.
//!
//! Users depend on the package `agentgen-rs`, whose library is `agentgen` (runtime types,
//! `include_agents!`, and with feature `build` the re-exported [`build`] module); this crate is
//! separate so that the proc macro can use the engine while `agentgen` re-exports the macro (a
//! crate cannot depend on itself).

#![forbid(unsafe_code)]

// 1. Text. (`frontmatter`, `naming` and `yaml` are internals, public for the engine's tests and
// fuzz targets only.)
pub mod diagnostic;
pub mod error;
pub mod fix;
#[doc(hidden)]
pub mod frontmatter;
#[doc(hidden)]
pub mod naming;
pub mod registry;
pub mod source;
#[doc(hidden)]
pub mod yaml;
// 2. One file, as Claude Code reads it.
pub mod read;
// 3. Configuration.
pub mod config;
// 4. The catalog.
pub mod catalog;
// 5. Outputs.
#[cfg(feature = "json")]
pub mod export;
pub mod generate;
#[cfg(feature = "json")]
pub mod graph;
#[cfg(feature = "json")]
pub mod inspect;
// Entry points.
#[cfg(feature = "render")]
pub mod build;
pub mod project;

pub use catalog::Catalog;
pub use config::Config;
pub use diagnostic::{Code, Diagnostic, LintLevel, Severity};
pub use error::Error;
pub use project::{Project, compile_dir};
