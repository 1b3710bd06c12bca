//! `agentgen inspect`: one JSON object per file of the catalog, what agentgen reads.

use std::path::PathBuf;

use agentgen_compiler::config::{Layout, Target};
use agentgen_compiler::inspect;
use clap::Args;

use crate::error::{CliError, Outcome};
use crate::options::{CatalogArgs, Locate, parse_layout, parse_target};
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
    /// Also show how this runtime reads each file (`copilot`: a `targets.copilot` object per
    /// agent file; repeatable; adds to agentgen.toml's `targets`).
    #[arg(long = "target", value_name = "TARGET", value_parser = parse_target)]
    targets: Vec<Target>,
}

impl InspectArgs {
    /// Prints the objects, one per line, sorted by path (exit status 0 whatever they say).
    pub fn run(self) -> Result<Outcome, CliError> {
        let dir = self.locate.one_dir(self.dir)?;
        let args = CatalogArgs {
            layout: self.layout,
            targets: self.targets,
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
