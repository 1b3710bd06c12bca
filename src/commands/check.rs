//! `agentgen check`: compiles catalogs and reports their diagnostics, as rustc-style text, short
//! lines, JSON lines or SARIF ([`crate::report`]).

use std::io::IsTerminal;
use std::path::PathBuf;

use agentgen_compiler::{Catalog, Code};
use clap::{Args, ValueEnum};

use crate::changes;
use crate::error::{CliError, Outcome};
use crate::locate;
use crate::options::{CatalogArgs, Locate, current_dir, layout_notes};
use crate::output::{auto_color, plural, print};
use crate::report::{self, FileCounts};

/// `check --help`'s examples, before the lint levels.
const EXAMPLES: &str = "\
Examples:
  agentgen check                      the current crate's agents directory
  cargo agentgen check --manifest-path crates/bot/Cargo.toml
  cargo agentgen check --workspace    every crate's catalog of the workspace, each once
  agentgen check agents
  agentgen check agents other/agents --color never
  agentgen check .claude/agents/reviewer.md   the catalog this file belongs to
  agentgen check agents -A retired-tool -D yaml-fallback
  agentgen check agents --format short | grep unknown-tool   # file:line:col: level[code]: message
  agentgen check agents --format json | jq 'select(.type == \"diagnostic\")'
  agentgen check agents --format sarif > agentgen.sarif   # for GitHub code scanning";

/// `check --help`'s last paragraph, after the lint levels.
const LAST_LINE: &str = "\
The last line counts errors, warnings and the files read: agents, skills (SKILL.md), plugin and
marketplace manifests and agentgen.toml (`in 26 files (24 agents, 1 skill, agentgen.toml)`).
When the diagnostics take more than a screenful (50 lines), a summary by lint (count, level,
code; most first) and the files with the most diagnostics come before it.";

/// How wide `check --help`'s generated paragraph is, as its other paragraphs.
const HELP_WIDTH: usize = 95;

/// `check --help`'s text after the options: the examples, the lint levels with every
/// warning-level code of the engine's lint table ([`Code::ALL`], in its order), and what the
/// last line counts.
fn after_help() -> String {
    let lints: Vec<&str> = Code::ALL
        .iter()
        .filter(|code| code.is_lint() && !code.is_deny_by_default_lint())
        .map(|code| code.as_str())
        .collect();
    let deny_by_default: Vec<&str> = Code::ALL
        .iter()
        .filter(|code| code.is_deny_by_default_lint())
        .map(|code| code.as_str())
        .collect();
    let levels = format!(
        "Lint levels: warning-level codes ({}; `_` for `-` works too) and the lints that are \
         errors by default ({}; a target runtime's losses) can be allowed, warned or denied here \
         or in <DIR>/agentgen.toml [lints]; the command line wins. Other error codes cannot be \
         lowered.",
        lints.join(", "),
        deny_by_default.join(", ")
    );
    format!(
        "{EXAMPLES}\n\n{}\n\n{LAST_LINE}",
        wrapped(&levels, HELP_WIDTH)
    )
}

/// `text` broken into lines of at most `width` characters at spaces (a longer word stands on a
/// line of its own).
fn wrapped(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines.join("\n")
}

/// `agentgen check`'s options.
#[derive(Args)]
#[command(after_help = after_help())]
pub struct CheckArgs {
    /// Agent directories (each may hold an agentgen.toml). A file stands for the catalog it
    /// belongs to: the nearest directory on its path holding an agentgen.toml, else the
    /// nearest plugin or marketplace (a manifest in `.claude-plugin/`), else the nearest
    /// `.claude` or `agents` folder, else its own directory. Default: the current crate's.
    #[arg(value_name = "DIR")]
    dirs: Vec<PathBuf>,
    #[command(flatten)]
    locate: Locate,
    /// Check the catalog of every crate of the current workspace (the workspace of
    /// --manifest-path, or of the nearest Cargo.toml), each folder once, instead of the
    /// current crate's.
    #[arg(long, conflicts_with_all = ["dirs", "staged"])]
    workspace: bool,
    /// Also check the catalogs of the files git reports changed, deleted ones included: the
    /// changes staged for the next commit, or between pre-commit's PRE_COMMIT_FROM_REF and
    /// PRE_COMMIT_TO_REF when it sets them. Changed files that belong to no catalog are left
    /// out; with nothing to check, nothing is reported (exit 0). For pre-commit hooks.
    #[arg(long)]
    staged: bool,
    /// Output format: rustc-style text, one line per diagnostic (short), JSON lines, or SARIF 2.1.0.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Colour the text output: auto = when stdout is a terminal and NO_COLOR is unset.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(flatten)]
    catalog: CatalogArgs,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// rustc-style diagnostics and a summary line.
    Human,
    /// One line per diagnostic, `file:line:col: level[code]: message` (gcc and ripgrep style;
    /// `file: level[code]: message` for a whole file), then the summary line.
    Short,
    /// One JSON object per diagnostic per line, then a summary object.
    Json,
    /// A SARIF 2.1.0 log (GitHub code scanning).
    Sarif,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether stdout's text is coloured.
    fn on_stdout(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => auto_color(std::io::stdout().is_terminal()),
        }
    }
}

/// The catalogs `check` compiled, with what it says about them: `catalog …` lines and the notes
/// about their layouts.
struct Checked {
    catalogs: Vec<Catalog>,
    header: String,
    notes: String,
}

/// The diagnostics and files counted over every catalog checked: the last line's numbers.
struct Totals {
    errors: usize,
    warnings: usize,
    files: FileCounts,
}

impl CheckArgs {
    /// Compiles the catalogs and prints their diagnostics in the chosen format, then the last
    /// line (or, for JSON, the summary object); [`Outcome::ErrorsFound`] when any is an error.
    pub fn run(self) -> Result<Outcome, CliError> {
        let dirs = if self.workspace {
            self.locate.workspace_dirs()?
        } else {
            catalog_dirs(self.dirs, &self.locate, self.staged)?
        };
        let mut checked = Checked {
            catalogs: Vec::new(),
            header: String::new(),
            notes: String::new(),
        };
        for dir in &dirs {
            let project = self.catalog.open(dir)?;
            checked
                .header
                .push_str(&format!("catalog {}\n", project.describe()));
            checked.notes.push_str(&layout_notes(&project));
            checked.catalogs.push(project.compile());
        }
        // Human output says what it checked first and ends with the notes about layouts, just
        // above the total line (which stays last, for scripts); the short, JSON and SARIF
        // formats keep stdout for their lines and say it on stderr.
        if self.format != Format::Human {
            eprint!("{}{}", checked.header, checked.notes);
            checked.header.clear();
            checked.notes.clear();
        }
        let totals = Totals::of(&checked.catalogs);
        let catalogs = std::mem::take(&mut checked.catalogs);
        let out = match self.format {
            Format::Human => human(&catalogs, checked, &totals, self.color.on_stdout()),
            Format::Short => short(&catalogs, checked, &totals),
            Format::Json => json_lines(&catalogs, &totals),
            Format::Sarif => sarif_log(&catalogs),
        };
        let outcome = print(&out, totals.errors > 0);
        // The process ends after this: freeing every file, agent and diagnostic of a large
        // catalog would only delay the exit (a thousand files: tens of thousands of frees).
        std::mem::forget(catalogs);
        outcome
    }
}

impl Totals {
    fn of(catalogs: &[Catalog]) -> Totals {
        let mut totals = Totals {
            errors: 0,
            warnings: 0,
            files: FileCounts::default(),
        };
        for catalog in catalogs {
            let (errors, warnings) = catalog.counts();
            totals.errors += errors;
            totals.warnings += warnings;
            totals.files = totals.files.add(FileCounts::of(catalog));
        }
        totals
    }

    /// `2 errors, 1 warning in 26 files (24 agents, 1 skill, agentgen.toml)`.
    fn line(&self) -> String {
        format!(
            "{}, {} in {}\n",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            self.files.describe()
        )
    }
}

/// `--format human`: what was checked, the rustc-style diagnostics, the summary by lint when
/// they are long, the notes about layouts and the last line.
fn human(catalogs: &[Catalog], checked: Checked, totals: &Totals, color: bool) -> String {
    let mut out = checked.header;
    // Rendered on every core, printed in order.
    let rendered: Vec<Vec<String>> = catalogs
        .iter()
        .map(|catalog| catalog.rendered_diagnostics(color))
        .collect();
    out.reserve(rendered.iter().flatten().map(|r| r.len() + 2).sum());
    for rendered in rendered.iter().flatten() {
        out.push_str(rendered);
        out.push_str("\n\n");
    }
    // More than this many lines (without counting them all).
    if out.lines().nth(report::SUMMARY_AFTER_LINES).is_some() {
        out.push_str(&report::lint_summary(catalogs));
    }
    out.push_str(&checked.notes);
    out.push_str(&totals.line());
    out
}

/// `--format short`: a line per diagnostic, then the last line.
fn short(catalogs: &[Catalog], checked: Checked, totals: &Totals) -> String {
    let mut out = checked.header;
    for catalog in catalogs {
        for diagnostic in catalog.diagnostics() {
            out.push_str(&report::short_line(catalog, diagnostic));
            out.push('\n');
        }
    }
    out.push_str(&totals.line());
    out
}

/// `--format json`: a JSON object per diagnostic per line, then the summary object.
fn json_lines(catalogs: &[Catalog], totals: &Totals) -> String {
    let mut out = String::new();
    for catalog in catalogs {
        let sources = catalog.sources_by_path();
        for diagnostic in catalog.diagnostics() {
            let object = diagnostic.to_json(sources.get(&diagnostic.file));
            out.push_str(&object.to_string());
            out.push('\n');
        }
    }
    let files = &totals.files;
    let summary = serde_json::json!({
        "type": "summary", "errors": totals.errors, "warnings": totals.warnings,
        "files": files.total(), "agent_files": files.agents,
        "skill_files": files.skills, "command_files": files.commands,
        "plugin_manifests": files.plugin_manifests,
        "marketplace_manifests": files.marketplace_manifests,
        "config_files": files.configs,
    });
    out.push_str(&summary.to_string());
    out.push('\n');
    out
}

/// `--format sarif`: one SARIF log, paths relative to the repository around the current
/// directory.
fn sarif_log(catalogs: &[Catalog]) -> String {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let log = report::sarif(catalogs, &report::SarifRoot::find(&cwd));
    format!(
        "{}\n",
        serde_json::to_string_pretty(&log).unwrap_or_default()
    )
}

/// The directories `check` (and `graph`) compiles: the directories given, the catalog of each
/// file given (each once, in order), or the current crate's agents directory. With `staged`,
/// the catalogs of the changes git reports follow the ones given ([`changes`]), and there is no
/// default.
pub(crate) fn catalog_dirs(
    paths: Vec<PathBuf>,
    locate: &Locate,
    staged: bool,
) -> Result<Vec<PathBuf>, CliError> {
    if paths.is_empty() && !staged {
        return locate.one_dir(None).map(|dir| vec![dir]);
    }
    if locate.manifest_path.is_some() {
        return Err(CliError::usage(
            "--manifest-path is only used without a directory or --staged",
        ));
    }
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut add = |dir: PathBuf| {
        // The same folder reached by two paths (`plugins/lint`, `./plugins/lint`) once.
        let key = dir.canonicalize().unwrap_or_else(|_| dir.clone());
        if !seen.contains(&key) {
            seen.push(key);
            dirs.push(dir);
        }
    };
    for path in paths {
        if path.is_file() {
            add(locate::catalog_dir_of(&path));
        } else {
            add(path);
        }
    }
    if staged {
        let changed = changes::changed_paths(&current_dir()?).map_err(CliError::Usage)?;
        let mut catalogs: Vec<PathBuf> = Vec::new();
        for path in &changed {
            if let Some(dir) = changes::catalog_of_change(path).map_err(CliError::Usage)? {
                catalogs.push(dir);
            }
        }
        catalogs.dedup();
        catalogs.sort();
        catalogs.into_iter().for_each(&mut add);
        if dirs.is_empty() {
            eprintln!(
                "note: no catalog to check: git reports {}, none of a catalog",
                plural(changed.len(), "changed file")
            );
        }
    }
    Ok(dirs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paragraph of `check --help` that lists the lints.
    fn lint_levels(help: &str) -> &str {
        let start = help.find("Lint levels:").expect("the lint levels");
        let end = help
            .find("The last line counts")
            .expect("the last paragraph");
        &help[start..end]
    }

    #[test]
    fn the_help_names_every_lint_of_the_engine_and_no_error_code() {
        let help = after_help();
        let words: Vec<&str> = lint_levels(&help)
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '(')
            .collect();
        for code in Code::ALL {
            let named = words.contains(&code.as_str());
            assert_eq!(named, code.is_lint(), "{code} in check --help:\n{help}");
        }
    }

    #[test]
    fn the_generated_paragraph_is_as_wide_as_the_others() {
        for line in lint_levels(&after_help()).lines() {
            assert!(line.chars().count() <= HELP_WIDTH, "{line}");
        }
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_keeps_long_words_whole() {
        assert_eq!(wrapped("aa bb cc", 5), "aa bb\ncc");
        assert_eq!(wrapped("a verylongword b", 4), "a\nverylongword\nb");
        assert_eq!(wrapped("one", 80), "one");
    }
}
