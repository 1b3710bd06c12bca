//! `agentgen fix PATH... [--check]`: the command around `agentgen_compiler::fix`.

use std::path::PathBuf;

use agentgen_compiler::catalog::layout;
use agentgen_compiler::diagnostic::Diagnostic;
use agentgen_compiler::fix::{self, FixOutcome};
use agentgen_compiler::{Config, Project};
use clap::Args;

use crate::error::{CliError, Outcome};
use crate::options::{Locate, shown_as_given};
use crate::output::{plural, print};

/// `agentgen fix`'s options.
#[derive(Args)]
#[command(after_help = "\
Examples:
  agentgen fix --check agents      report what would change; exit 1 if anything would
  agentgen fix agents              rewrite in place (atomically: temp file + rename)

Fixes unquoted `: ` in values, multi-line unquoted descriptions (<example> blocks), values that
start like YAML aliases (`**bold**:`), and literal `\\n` escapes, so that strict YAML parsers and
Claude Code read the same values. The prompt body is never touched, key order and other lines are
kept, and a file that cannot be fixed safely is reported and left alone (exit 1).")]
pub struct FixArgs {
    /// Agent directories or files (default: the current crate's agents directory).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    locate: Locate,
    /// Only report what would change; write nothing.
    #[arg(long)]
    check: bool,
}

impl FixArgs {
    /// Fixes the files (or reports them with `--check`); [`Outcome::ErrorsFound`] when a file
    /// cannot be fixed, or with `--check` when one would change.
    pub fn run(self) -> Result<Outcome, CliError> {
        let paths = if self.paths.is_empty() {
            vec![self.locate.one_dir(None)?]
        } else {
            self.paths
        };
        fix_paths(&paths, self.check)
    }
}

/// Fixes (or, with `check_only`, reports) the agent and skill files of the catalogs at `paths`
/// (a folder stands for its catalog, as for `check`), and the files given.
fn fix_paths(paths: &[PathBuf], check_only: bool) -> Result<Outcome, CliError> {
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    let mut problems: Vec<Diagnostic> = Vec::new();
    for path in paths {
        if path.is_dir() {
            // The agent and skill files of the catalog, found as `check` finds them.
            let project = Project::open(path, &shown_as_given(path), &Config::default());
            let plan = layout::plan(&project.root, &project.display_root, project.layout);
            files.extend(plan.agents.into_iter().map(|a| (a.display, a.path)));
            files.extend(plan.skills.into_iter().map(|s| (s.display, s.path)));
            problems.extend(plan.diagnostics);
        } else if path.is_file() {
            files.push((shown_as_given(path), path.clone()));
        } else {
            return Err(CliError::usage(format_args!(
                "{} is not a file or directory",
                path.display()
            )));
        }
    }
    let (mut changed, mut unfixable, mut valid) = (0usize, 0usize, 0usize);
    let mut out = String::new();
    for diagnostic in &problems {
        out.push_str(&diagnostic.render(None, false));
        out.push_str("\n\n");
    }
    for (display, on_disk) in &files {
        let bytes = match std::fs::read(on_disk) {
            Ok(bytes) => bytes,
            Err(e) => return Err(CliError::usage(format_args!("cannot read {display}: {e}"))),
        };
        match fix::fix_source(display, &bytes) {
            FixOutcome::AlreadyValid => valid += 1,
            FixOutcome::Fixed(fixed) => {
                changed += 1;
                let verb = if check_only { "would fix" } else { "fixed" };
                out.push_str(&format!("{verb} {display}\n"));
                for change in &fixed.changes {
                    out.push_str(&format!(
                        "  {display}:{}: `{}`: {}\n",
                        change.line, change.key, change.what
                    ));
                }
                if !check_only && let Err(e) = fix::write_atomically(on_disk, &fixed.text) {
                    return Err(CliError::usage(format_args!("cannot write {display}: {e}")));
                }
            }
            FixOutcome::Unfixable(diagnostic) => {
                unfixable += 1;
                let source = agentgen_compiler::source::SourceFile::new(display.clone(), &bytes);
                out.push_str(&diagnostic.render(Some(&source), false));
                out.push_str("\n\n");
            }
        }
    }
    let verb = if check_only { "to fix" } else { "fixed" };
    out.push_str(&format!(
        "{} {verb}, {} already valid, {} not fixable\n",
        plural(changed, "file"),
        valid,
        unfixable
    ));
    print(&out, unfixable > 0 || (check_only && changed > 0))
}
