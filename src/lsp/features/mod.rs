//! The language features of `agentgen lsp`, as pure functions over a project's [`Catalog`] and
//! the text of the document asked about (which may be newer than what the catalog read).
//!
//! Conventions: the catalog is compiled with the project root's absolute path as its display
//! root, so every display path in it is an absolute file path ([`crate::lsp::paths::uri_of`] makes its address).
//! Positions in the document are computed from its `text`; positions in other files from the
//! catalog's text of them. No function panics, whatever the position or the text.
//!
//! One file per feature: [`completion()`], [`hover()`], [`definition`] and [`references`]
//! (`navigation`), [`prepare_rename`] and [`rename()`], [`document_symbols`] and
//! [`workspace_symbols`] (`symbols`), [`code_actions`] (`actions`).
//!
//! [`Catalog`]: agentgen_compiler::Catalog

mod actions;
mod completion;
mod document;
#[cfg(test)]
mod fixture;
mod hover;
mod meaning;
mod navigation;
mod rename;
mod symbols;

pub use actions::code_actions;
pub use completion::completion;
pub use hover::hover;
pub use navigation::{definition, references};
pub use rename::{prepare_rename, rename};
pub use symbols::{document_symbols, workspace_symbols};
