//! `agentgen schema`: a `[metadata]` schema inferred from the catalog's own frontmatter keys.

use std::path::PathBuf;

use agentgen_compiler::inspect::infer_schema;
use clap::Args;

use crate::error::{CliError, Outcome};
use crate::options::{CatalogArgs, Locate};
use crate::output::print;

/// `agentgen schema`'s options.
#[derive(Args)]
#[command(after_help = "\
Examples:
  agentgen schema agents                  print it
  agentgen schema agents >> agents/agentgen.toml

Per key the agents' files carry beside Claude Code's own: the narrowest type all values fit
(bool; u8…u64 or i8…i64 by range; f64; semver when every string is a version; an enum when a
string's few values repeat; string; lists of those), `required` when every agent has it, and a
comment with the number of files. Keys whose values mix types are listed as comments. The
output compiles DIR without a metadata error; edit it to taste (see the README).")]
pub struct SchemaArgs {
    /// The agents directory (default: the current crate's).
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
    #[command(flatten)]
    locate: Locate,
}

impl SchemaArgs {
    /// Prints the inferred schema (exit status 0 whatever the catalog's diagnostics).
    pub fn run(self) -> Result<Outcome, CliError> {
        let dir = self.locate.one_dir(self.dir)?;
        let catalog = CatalogArgs::default().compile(&dir)?;
        print(&infer_schema(&catalog), false)
    }
}
