//! `agentgen lsp`: a language server over stdio for agent files, `SKILL.md`, plugin manifests
//! and `agentgen.toml`, on the engine and the project model the build uses.
//!
//! Positions: the protocol counts columns in UTF-16 code units (its default encoding); the engine
//! counts bytes. [`text`] converts between the two, in one place.

pub mod features;
pub mod text;
