//! `agentgen expand`: the Rust code that `include_agents!` and build.rs generate for a catalog.

use std::path::PathBuf;

use agentgen_compiler::generate;
use clap::Args;

use crate::error::{CliError, Outcome};
use crate::options::{CatalogArgs, Locate};
use crate::output::{print, report_to_stderr};

/// `agentgen expand`'s options.
#[derive(Args)]
#[command(after_help = "\
Examples:
  agentgen expand agents > src/agents_expanded.rs
  agentgen expand agents --packs | less
  agentgen expand agents --runtime-crate ::my_agentgen   for a renamed dependency

Diagnostics go to stderr; with errors the code of the valid agents is still printed and the
exit status is 1.")]
pub struct ExpandArgs {
    /// The agents directory (default: the current crate's).
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
    #[command(flatten)]
    locate: Locate,
    /// The path of the runtime crate in the generated code, as build.rs's
    /// `.runtime_crate(..)` and the macro's `crate = …` set it.
    #[arg(long, value_name = "PATH", default_value = "::agentgen")]
    runtime_crate: String,
    #[command(flatten)]
    catalog: CatalogArgs,
}

impl ExpandArgs {
    /// Prints the generated code (prettyplease) and the diagnostics on stderr;
    /// [`Outcome::ErrorsFound`] when any is an error.
    pub fn run(self) -> Result<Outcome, CliError> {
        let dir = self.locate.one_dir(self.dir)?;
        let options = generate::Options::default().with_runtime_crate(&self.runtime_crate)?;
        let catalog = self.catalog.compile(&dir)?;
        let has_errors = report_to_stderr(&catalog, false);
        let tokens = generate::generate(&catalog, &options);
        print(&generate::render(&tokens), has_errors)
    }
}
