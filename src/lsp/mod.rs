//! `agentgen lsp`: a language server over stdio for agent files, `SKILL.md`, plugin manifests
//! and `agentgen.toml`, on the engine and the project model the build uses.
//!
//! - [`main_loop`]: the connection (lsp-server): `initialize`, the capabilities, one loop that
//!   owns the state, every request answered, `shutdown`/`exit`.
//! - [`server`]: the state ([`Server`]) with a method per notification and request, and
//!   [`Server::flush`], which compiles what was edited and returns the diagnostics to publish.
//! - [`project`]: one project's files read and its catalog, re-read file by file on an edit.
//! - [`diagnostics`]: the engine's diagnostics as the protocol's.
//! - [`features`]: completion, hover, navigation, rename, symbols, quick fixes.
//! - [`paths`]: `file://` URIs ↔ paths.
//!
//! Positions: the protocol counts columns in UTF-16 code units (its default encoding); the engine
//! counts bytes. [`text`] converts between the two, in one place.

pub mod diagnostics;
pub mod features;
pub mod main_loop;
pub mod paths;
pub mod project;
pub mod server;
pub mod text;

pub use server::{Document, Server};

/// Serves one client over stdin and stdout until it exits. `Ok(true)` when it shut down first.
///
/// # Errors
///
/// A protocol or I/O error, as a message.
pub fn run_stdio() -> Result<bool, String> {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    let served = main_loop::serve(&connection);
    drop(connection);
    let joined = io_threads.join().map_err(|e| e.to_string());
    let shut_down = served?;
    joined?;
    Ok(shut_down)
}
