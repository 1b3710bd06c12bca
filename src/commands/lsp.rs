//! `agentgen lsp`: the language server, over stdio ([`crate::lsp`]).

use clap::Args;

use crate::error::{CliError, Outcome};

/// `agentgen lsp`'s options: none; the editor starts it and talks to it on stdin and stdout.
#[derive(Args)]
#[command(after_help = "\
The server reads the catalog of each document's project as `agentgen check` does (the project
model: agentgen.toml, plugin or marketplace, .claude or agents folder), with the open buffers
over the files on disk, and publishes the diagnostics of every file whose diagnostics change.

Exit status: 0 after `shutdown` and `exit`, 1 after `exit` without `shutdown`, 2 on a protocol
or I/O error.")]
pub struct LspArgs {}

impl LspArgs {
    /// Serves one client until it exits.
    pub fn run(self) -> Result<Outcome, CliError> {
        match crate::lsp::run_stdio() {
            Ok(true) => Ok(Outcome::Clean),
            Ok(false) => Ok(Outcome::ErrorsFound),
            Err(message) => Err(CliError::usage(format_args!("lsp: {message}"))),
        }
    }
}
