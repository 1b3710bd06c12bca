//! `agentgen inspect`: one JSON object per file of the catalog, what agentgen reads.

use std::path::PathBuf;

use agentgen_compiler::config::Layout;
use agentgen_compiler::inspect;
use clap::Args;

use crate::error::{CliError, Outcome};
use crate::options::{CatalogArgs, Locate, parse_layout};
use crate::output::print;

/// `agentgen inspect`'s options.
#[derive(Args)]
#[command(after_help = "\
Example:
  agentgen inspect ../shared/corpus/wshobson__agents | jq -c '{file, ok, name}'
  agentgen inspect .claude | jq -c 'select(.kind == \"skill\") | {file, name}'")]
pub struct InspectArgs {
    /// The agents directory (default: the current crate's).
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
    #[command(flatten)]
    locate: Locate,
    /// How DIR is organised (default: detected; see `check --help`).
    #[arg(long, value_name = "LAYOUT", value_parser = parse_layout)]
    layout: Option<Layout>,
}

impl InspectArgs {
    /// Prints the objects, one per line, sorted by path (exit status 0 whatever they say).
    pub fn run(self) -> Result<Outcome, CliError> {
        let dir = self.locate.one_dir(self.dir)?;
        let args = CatalogArgs {
            layout: self.layout,
            ..CatalogArgs::default()
        };
        let catalog = args.compile(&dir)?;
        let mut out = String::new();
        for object in inspect::inspect(&catalog) {
            out.push_str(&object.to_string());
            out.push('\n');
        }
        print(&out, false)
    }
}
