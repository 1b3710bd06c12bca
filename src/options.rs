//! The options several commands share: where the catalog is when no directory is given
//! ([`Locate`]) and what shapes it on top of its `agentgen.toml` ([`CatalogArgs`]); opening and
//! compiling a catalog with them.

use std::path::{Path, PathBuf};

use agentgen_compiler::config::{Layout, Target};
use agentgen_compiler::{Catalog, Config, LintLevel, Project};
use clap::Args;

use crate::error::CliError;
use crate::locate;

/// Where a command looks for the agents directory when it is given none.
#[derive(Args, Clone, Default)]
pub struct Locate {
    /// Without DIR: the Cargo.toml of the crate whose agents directory to use (default: the
    /// nearest one above the current directory).
    #[arg(long, value_name = "PATH")]
    pub manifest_path: Option<PathBuf>,
}

impl Locate {
    /// The directory a command works on: `dir` (a file stands for the catalog it belongs to),
    /// or the current crate's agents directory ([`locate::agents_dir`], with a note on stderr
    /// when another catalog is nearer), or a usage error.
    pub fn one_dir(&self, dir: Option<PathBuf>) -> Result<PathBuf, CliError> {
        if let Some(dir) = dir {
            if self.manifest_path.is_some() {
                return Err(CliError::usage(
                    "--manifest-path is only used without a directory",
                ));
            }
            // A file stands for the catalog it belongs to, as for `check`.
            return Ok(if dir.is_file() {
                locate::catalog_dir_of(&dir)
            } else {
                dir
            });
        }
        let cwd = current_dir()?;
        let dir =
            locate::agents_dir(self.manifest_path.as_deref(), &cwd).map_err(CliError::Usage)?;
        if let Some(note) = locate::other_catalog_note(&cwd, &dir) {
            eprintln!("note: {note}");
        }
        Ok(dir)
    }

    /// `check --workspace`: the catalog of every crate of the workspace, each once.
    pub fn workspace_dirs(&self) -> Result<Vec<PathBuf>, CliError> {
        let cwd = current_dir()?;
        locate::workspace_dirs(self.manifest_path.as_deref(), &cwd).map_err(CliError::Usage)
    }
}

/// The current directory, or the I/O error that says it cannot be read.
pub fn current_dir() -> Result<PathBuf, CliError> {
    std::env::current_dir()
        .map_err(|e| CliError::usage(format_args!("cannot read the current directory: {e}")))
}

/// Options that shape the catalog; they are added on top of `<DIR>/agentgen.toml`.
#[derive(Args, Clone, Default)]
pub struct CatalogArgs {
    /// How DIR is organised: agents (a folder of agent files), claude (a project's `.claude/`:
    /// agents/ and skills/), plugin, plugins (a folder of plugins) or marketplace. Default:
    /// `layout` in agentgen.toml, else detected (a folder named `.claude`,
    /// `.claude-plugin/plugin.json`, `.claude-plugin/marketplace.json`, else agents).
    #[arg(long, value_name = "LAYOUT", value_parser = parse_layout)]
    pub layout: Option<Layout>,
    /// Treat top-level directories as packs (agents named `pack:name`).
    #[arg(long)]
    pub packs: bool,
    /// Accept this tool name beside Claude Code's built-ins (repeatable).
    #[arg(long = "custom-tool", value_name = "NAME")]
    pub custom_tools: Vec<String>,
    /// Declare an MCP server; then MCP tools of undeclared servers are errors (repeatable).
    #[arg(long = "mcp-server", value_name = "NAME")]
    pub mcp_servers: Vec<String>,
    /// An agent that lives outside the catalog, valid in Agent(x) and dependencies (repeatable).
    #[arg(long = "external-agent", value_name = "NAME")]
    pub external_agents: Vec<String>,
    /// A skill that lives outside the catalog, valid in an agent's `skills` (repeatable).
    #[arg(long = "external-skill", value_name = "NAME")]
    pub external_skills: Vec<String>,
    /// Allow a lint (not reported).
    #[arg(short = 'A', long = "allow", value_name = "LINT")]
    pub allow: Vec<String>,
    /// Report a lint as a warning.
    #[arg(short = 'W', long = "warn", value_name = "LINT")]
    pub warn: Vec<String>,
    /// Report a lint as an error.
    #[arg(short = 'D', long = "deny", value_name = "LINT")]
    pub deny: Vec<String>,
    /// Also check how this runtime reads the agents: claude-code (always), copilot, gemini
    /// (repeatable or comma-separated; adds to agentgen.toml's `targets`).
    #[arg(long = "target", value_name = "TARGET", value_parser = parse_target, value_delimiter = ',')]
    pub targets: Vec<Target>,
}

/// `--target`'s value; a name in other case is pointed at its spelling.
pub fn parse_target(name: &str) -> Result<Target, String> {
    Target::from_name(name).ok_or_else(|| {
        let lower = name.to_ascii_lowercase();
        match Target::from_name(&lower) {
            Some(target) => format!(
                "unknown target `{name}`; did you mean `{}`?",
                target.as_str()
            ),
            None => format!("unknown target `{name}`; targets are {}", Target::names()),
        }
    })
}

impl CatalogArgs {
    /// The configuration these options add, or a usage error.
    fn config(&self) -> Result<Config, CliError> {
        let mut config = Config {
            packs: self.packs,
            custom_tools: self.custom_tools.clone(),
            mcp_servers: (!self.mcp_servers.is_empty()).then(|| self.mcp_servers.clone()),
            external_agents: self.external_agents.clone(),
            external_skills: self.external_skills.clone(),
            layout: self.layout,
            ..Config::default()
        };
        for target in &self.targets {
            config.add_target(*target);
        }
        for (names, level) in [
            (&self.allow, LintLevel::Allow),
            (&self.warn, LintLevel::Warn),
            (&self.deny, LintLevel::Deny),
        ] {
            for name in names {
                config.set_lint(name, level)?;
            }
        }
        Ok(config)
    }

    /// Resolves the catalog of `dir` with these options (the engine's project model: root,
    /// layout, the agentgen.toml that applies), or a usage error.
    pub fn open(&self, dir: &Path) -> Result<Project, CliError> {
        if !dir.is_dir() {
            return Err(CliError::usage(format_args!(
                "{} is not a directory",
                dir.display()
            )));
        }
        let config = self.config()?;
        Ok(Project::open(dir, &shown_as_given(dir), &config))
    }

    /// Compiles `dir` with these options, saying on stderr what was resolved ([`resolved`]), or
    /// a usage or I/O error.
    pub fn compile(&self, dir: &Path) -> Result<Catalog, CliError> {
        let project = self.open(dir)?;
        eprint!("{}", resolved(&project));
        Ok(project.compile())
    }
}

/// `--layout`: one of the layout names.
pub fn parse_layout(name: &str) -> Result<Layout, String> {
    Layout::from_name(name)
        .ok_or_else(|| format!("unknown layout `{name}`; layouts are {}", Layout::names()))
}

/// A path as the user wrote it, as the CLI shows it in messages: `/`-separated, without a
/// trailing `/`, `.` for the empty path. A leading `./` is kept (`agentgen check ./agents`
/// reports `./agents/x.md`), unlike `agentgen_compiler::project::display_path`, which the
/// macro and the builder show paths with.
pub fn shown_as_given(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let text = text.trim_end_matches('/');
    if text.is_empty() {
        ".".to_owned()
    } else {
        text.to_owned()
    }
}

/// What was resolved, in one line, and the notes about the layout: `catalog .claude (layout
/// claude, detected; config .claude/agentgen.toml)`.
fn resolved(project: &Project) -> String {
    format!("catalog {}\n{}", project.describe(), layout_notes(project))
}

/// The project's notes about its layout, one `note: …` line each.
pub fn layout_notes(project: &Project) -> String {
    project
        .notes
        .iter()
        .map(|note| format!("note: {note}\n"))
        .collect()
}
