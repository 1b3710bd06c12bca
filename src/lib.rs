//! The `agentgen` command line, shared by the package's two binaries: `agentgen`
//! ([`run_agentgen`]) and `cargo-agentgen` ([`run_cargo_agentgen`]), which cargo runs for
//! `cargo agentgen …`. Not a library API: it exists so that both binaries are the same program.
//!
//! Without arguments the command prints the summary of the project's catalog (the agents
//! directory of the current crate, found as `check` finds it: `locate`), or the help when there
//! is none; the binary carries no catalog of its own. The subcommands run the same engine over
//! any directory, by default that one.
//!
//! Exit status: 0 success (no errors; also the help printed because there is no catalog), 1
//! errors found (diagnostics, or files `fix --check` would change), 2 usage or I/O error.

mod changes;
mod fix_cmd;
mod locate;
mod report;
mod scaffold;
mod summary;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use agentgen_compiler::config::Layout;
use agentgen_compiler::{Catalog, Config, LintLevel, Project, export, generate, graph, inspect};
use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Examples:
  agentgen                               the summary of the current project's catalog
  agentgen check                         the current crate's catalog (agents/ or .claude/), as the build reads it
  cargo agentgen check                   the same, as a cargo subcommand
  agentgen check .claude/agents          rustc-style diagnostics; exit 1 on errors
  agentgen check agents --format sarif > agentgen.sarif
  agentgen expand agents                 the Rust that include_agents! and build.rs generate
  agentgen export agents --format claude-agents-json > agents.json
  agentgen fix --check .claude/agents    list files whose frontmatter only Claude Code's fallback reads
  agentgen new code-reviewer --tools Read,Grep,Glob --model sonnet
  agentgen schema agents                 a [metadata] schema for the agents' own frontmatter keys
  agentgen graph agents --format dot | dot -Tsvg > team.svg

Without DIR, a command works on the current crate's catalog, as the build reads it: in the
directory of the nearest Cargo.toml (or --manifest-path), the folder named by
[package.metadata.agentgen] dir, else by [workspace.metadata.agentgen] dir in the workspace's
Cargo.toml, else agents/, else .claude/ (a Claude Code project: agents, skills, commands and
.claude/agentgen.toml or .claude/agents/agentgen.toml). Without a command, agentgen prints that
catalog's summary (root, layout, agentgen.toml; per agent its model, tools, collaborators,
mentions, skills, metadata and prompt), or this help when there is none.

Exit status: 0 success (also this help when there is no catalog), 1 errors found, 2 usage or
I/O error.";

/// `cargo agentgen …`: cargo runs `cargo-agentgen agentgen …`, so the first argument is the
/// subcommand's name (as for cargo-deny and cargo-nextest).
#[derive(Parser)]
#[command(name = "cargo", bin_name = "cargo")]
enum CargoCli {
    Agentgen(Cli),
}

/// The `agentgen` command line.
#[derive(Parser)]
#[command(
    name = "agentgen",
    version,
    about = "Claude Code subagents compiled into typed Rust: check, expand, export, fix and scaffold agent files",
    long_about = "Claude Code subagents compiled into typed Rust.\n\nagentgen reads agent files (Markdown with a YAML frontmatter) exactly as Claude Code 2.1.332 does, and reports as errors everything Claude Code would skip, reject or drop without a word. Without a command it prints the summary of the current project's catalog (or this help when there is none).",
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

/// Where a command looks for the agents directory when it is given none.
#[derive(Args, Clone, Default)]
struct Locate {
    /// Without DIR: the Cargo.toml of the crate whose agents directory to use (default: the
    /// nearest one above the current directory).
    #[arg(long, value_name = "PATH")]
    manifest_path: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Compile agent directories and report diagnostics (exit 0 clean, 1 errors, 2 usage or I/O error).
    #[command(after_help = "\
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
  agentgen check agents --format sarif > agentgen.sarif   # for GitHub code scanning

Lint levels: warning-level codes (legacy-tool, retired-tool, yaml-fallback, non-kebab-name,
duplicate-tool, no-tools, redundant-tools, extension-case, memory-widens-tools,
model-alias-case, remapped-model, coerced-value, misplaced-hook, ignored-value, unknown-key,
unknown-agent-in-prompt, placeholder-description; `_` for `-` works too) can be allowed, warned or denied here or in <DIR>/agentgen.toml
[lints]; the command line wins. Error codes cannot be lowered.

The last line counts errors, warnings and the files read: agents, skills (SKILL.md), plugin and
marketplace manifests and agentgen.toml (`in 26 files (24 agents, 1 skill, agentgen.toml)`).
When the diagnostics take more than a screenful (50 lines), a summary by lint (count, level,
code; most first) and the files with the most diagnostics come before it.")]
    Check {
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
    },
    /// Print the Rust code that include_agents! and build.rs generate for DIR (prettyplease).
    #[command(after_help = "\
Examples:
  agentgen expand agents > src/agents_expanded.rs
  agentgen expand agents --packs | less
  agentgen expand agents --runtime-crate ::my_agentgen   for a renamed dependency

Diagnostics go to stderr; with errors the code of the valid agents is still printed and the
exit status is 1.")]
    Expand {
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
    },
    /// Print the catalog as the JSON that `claude --agents` and the Claude Agent SDK take, or
    /// write it as Claude Code plugins (`--format plugin --out DIR`).
    #[command(after_help = "\
Examples:
  agentgen export agents --format claude-agents-json > agents.json
  claude --agents \"$(agentgen export agents)\"
  agentgen export agents --team planner   planner and every agent it hands work to
  agentgen export --layout plugin plugins/reviews    the agents of a plugin, named plugin:name
  agentgen export .claude --format plugin --out dist/team-plugin --plugin-name team
  claude --plugin-dir dist/team-plugin

`--format plugin` writes one plugin per pack or plugin of the catalog, and one named
--plugin-name (default: the catalog's folder name) for the rest; with several, or from a
marketplace, each goes in a folder of its own under --out. A plugin of the catalog is copied
whole (its manifest, hooks/, scripts/, .mcp.json, … byte for byte); other agents keep their
frontmatter lines, rewritten only where a plugin agent reads them otherwise. A marketplace gets
its .claude-plugin/marketplace.json, `source` paths pointing at the written folders. --out must
be empty or absent, or --force given (it is then replaced).

Shape: {\"name\": {\"description\", \"prompt\", \"tools\"?, \"disallowedTools\"?, \"model\"?, \"color\"?,
\"permissionMode\"?, \"skills\"?, \"maxTurns\"?, \"effort\"?, \"memory\"?, \"background\"?,
\"isolation\"?, \"initialPrompt\"?, \"mcpServers\"?, \"hooks\"?}}. Absent tools = inherit all.
A catalog with errors is not exported (exit 1, diagnostics on stderr).")]
    Export {
        /// The agents directory (default: the current crate's).
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        #[command(flatten)]
        locate: Locate,
        /// The output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::ClaudeAgentsJson)]
        format: ExportFormat,
        /// With `--format plugin`: the folder to write the plugin (or plugins) to.
        #[arg(long, value_name = "DIR", required_if_eq("format", "plugin"))]
        out: Option<PathBuf>,
        /// With `--format plugin`: the name of the plugin of the agents and skills that are in
        /// no pack or plugin (default: the catalog's folder name).
        #[arg(long, value_name = "NAME")]
        plugin_name: Option<String>,
        /// Only this agent and its team: every agent it can hand work to, directly or through
        /// others (Agent(x) tools, dependencies, collaborators, observer, prompt mentions).
        #[arg(long, value_name = "AGENT")]
        team: Option<String>,
        /// With `--format plugin`: replace `--out` when it is not empty (its files are deleted).
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        catalog: CatalogArgs,
    },
    /// Rewrite frontmatter that only Claude Code's fallback (or nothing) reads into strict YAML.
    #[command(after_help = "\
Examples:
  agentgen fix --check agents      report what would change; exit 1 if anything would
  agentgen fix agents              rewrite in place (atomically: temp file + rename)

Fixes unquoted `: ` in values, multi-line unquoted descriptions (<example> blocks), values that
start like YAML aliases (`**bold**:`), and literal `\\n` escapes, so that strict YAML parsers and
Claude Code read the same values. The prompt body is never touched, key order and other lines are
kept, and a file that cannot be fixed safely is reported and left alone (exit 1).")]
    Fix {
        /// Agent directories or files (default: the current crate's agents directory).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        locate: Locate,
        /// Only report what would change; write nothing.
        #[arg(long)]
        check: bool,
    },
    /// Create a new agent file, with every frontmatter field Claude Code documents.
    #[command(after_help = "\
Examples:
  agentgen new code-reviewer                 in the current crate's agents folder, from any subfolder
  agentgen new code-reviewer --dir .claude/agents --tools Read,Grep,Glob --model sonnet --color blue
  agentgen new test-writer --description \"Use this agent after code changes to write tests\"

The new file is checked with the catalog it joins (its agentgen.toml, its other agents) and is
written only when that gives no error. Keys the catalog's [metadata] schema requires are filled
with a value of their type (an enum's first value) and a comment to edit it. Without
--description, the placeholder description is a `placeholder-description` warning until edited.")]
    New {
        /// The agent's name: lower-case letters, digits and hyphens (`code-reviewer`).
        name: String,
        /// The folder to create NAME.md in (default: the agents folder of the current crate's
        /// catalog, as `check` finds it; `agents/` in a crate without one, `.claude/agents/`
        /// outside any crate).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        #[command(flatten)]
        locate: Locate,
        /// When Claude should delegate to the agent.
        #[arg(long)]
        description: Option<String>,
        /// Tools, comma-separated (absent = inherit all).
        #[arg(long)]
        tools: Option<String>,
        /// Model alias (sonnet, opus, haiku, inherit) or a full model id.
        #[arg(long)]
        model: Option<String>,
        /// One of red, blue, green, yellow, purple, orange, pink, cyan.
        #[arg(long)]
        color: Option<String>,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Draw the team: agents, packs, skills, the references of frontmatter and prompts (Mermaid, DOT, JSON).
    #[command(after_help = "\
Examples:
  agentgen graph agents                                   Mermaid (GitHub renders it in Markdown)
  agentgen graph agents --format dot | dot -Tsvg > team.svg
  agentgen graph agents --team planner                    planner's team only
  agentgen graph agents ../shared/corpus/lst97__claude-code-sub-agents --format json
  agentgen graph marketplace --plugin review-kit --format dot | dot -Tsvg > review-kit.svg

Agents are nodes and packs subgraphs (each catalog one when several are given). Solid edges: the
frontmatter names the agent (Agent(x), dependencies, collaborators, observer). Dashed edges: the
prompt names it. Red nodes: names a prompt writes as an agent's that no agent has
(unknown-agent-in-prompt). Grey nodes: external agents (agentgen.toml, Claude Code's built-in
ones). Green rounded nodes: skills (a .claude project's or a plugin's), with thick edges from the
agents that preload them (skills) and a solid edge to a skill's agent. Diagnostics go to stderr;
the graph is printed even with errors (exit 1). Nodes are labelled with qualified names
(review-kit:security:auditor). For a marketplace: --plugin NAME draws one plugin's agents and
skills and what they reference, --connected only the agents and skills with an edge; DOT packs
the plugins' clusters into a block (pack=true, packmode=clust).")]
    Graph {
        /// Agent directories (default: the current crate's).
        #[arg(value_name = "DIR")]
        dirs: Vec<PathBuf>,
        #[command(flatten)]
        locate: Locate,
        /// Output format.
        #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
        format: GraphFormat,
        /// Only this agent's team (as `export --team`): its agents, the edges between them,
        /// and the skills and external agents they reach.
        #[arg(long, value_name = "AGENT")]
        team: Option<String>,
        /// Draw only this plugin's (or pack's) agents and skills, and what they reference.
        #[arg(long, value_name = "NAME")]
        plugin: Option<String>,
        /// Draw only the agents and skills with an edge (leave out those that name no agent and
        /// that no agent names).
        #[arg(long)]
        connected: bool,
        #[command(flatten)]
        catalog: CatalogArgs,
    },
    /// Print one JSON object per `.md` file under DIR, sorted by path: what agentgen reads.
    #[command(after_help = "\
Example:
  agentgen inspect ../shared/corpus/wshobson__agents | jq -c '{file, ok, name}'
  agentgen inspect .claude | jq -c 'select(.kind == \"skill\") | {file, name}'")]
    Inspect {
        /// The agents directory (default: the current crate's).
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        #[command(flatten)]
        locate: Locate,
        /// How DIR is organised (default: detected; see `check --help`).
        #[arg(long, value_name = "LAYOUT", value_parser = parse_layout)]
        layout: Option<Layout>,
    },
    /// Print a `[metadata]` schema inferred from DIR's custom frontmatter keys, for agentgen.toml.
    #[command(after_help = "\
Examples:
  agentgen schema agents                  print it
  agentgen schema agents >> agents/agentgen.toml

Per key the agents' files carry beside Claude Code's own: the narrowest type all values fit
(bool; u8…u64 or i8…i64 by range; f64; semver when every string is a version; an enum when a
string's few values repeat; string; lists of those), `required` when every agent has it, and a
comment with the number of files. Keys whose values mix types are listed as comments. The
output compiles DIR without a metadata error; edit it to taste (see the README).")]
    Schema {
        /// The agents directory (default: the current crate's).
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        #[command(flatten)]
        locate: Locate,
    },
}

/// Options that shape the catalog; they are added on top of `<DIR>/agentgen.toml`.
#[derive(Args, Clone, Default)]
struct CatalogArgs {
    /// How DIR is organised: agents (a folder of agent files), claude (a project's `.claude/`:
    /// agents/ and skills/), plugin, plugins (a folder of plugins) or marketplace. Default:
    /// `layout` in agentgen.toml, else detected (a folder named `.claude`,
    /// `.claude-plugin/plugin.json`, `.claude-plugin/marketplace.json`, else agents).
    #[arg(long, value_name = "LAYOUT", value_parser = parse_layout)]
    layout: Option<Layout>,
    /// Treat top-level directories as packs (agents named `pack:name`).
    #[arg(long)]
    packs: bool,
    /// Accept this tool name beside Claude Code's built-ins (repeatable).
    #[arg(long = "custom-tool", value_name = "NAME")]
    custom_tools: Vec<String>,
    /// Declare an MCP server; then MCP tools of undeclared servers are errors (repeatable).
    #[arg(long = "mcp-server", value_name = "NAME")]
    mcp_servers: Vec<String>,
    /// An agent that lives outside the catalog, valid in Agent(x) and dependencies (repeatable).
    #[arg(long = "external-agent", value_name = "NAME")]
    external_agents: Vec<String>,
    /// A skill that lives outside the catalog, valid in an agent's `skills` (repeatable).
    #[arg(long = "external-skill", value_name = "NAME")]
    external_skills: Vec<String>,
    /// Allow a lint (not reported).
    #[arg(short = 'A', long = "allow", value_name = "LINT")]
    allow: Vec<String>,
    /// Report a lint as a warning.
    #[arg(short = 'W', long = "warn", value_name = "LINT")]
    warn: Vec<String>,
    /// Report a lint as an error.
    #[arg(short = 'D', long = "deny", value_name = "LINT")]
    deny: Vec<String>,
}

impl CatalogArgs {
    /// The configuration these options add, or a usage error.
    fn config(&self) -> Result<Config, String> {
        let mut config = Config {
            packs: self.packs,
            custom_tools: self.custom_tools.clone(),
            mcp_servers: (!self.mcp_servers.is_empty()).then(|| self.mcp_servers.clone()),
            external_agents: self.external_agents.clone(),
            external_skills: self.external_skills.clone(),
            layout: self.layout,
            ..Config::default()
        };
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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    /// A Mermaid flowchart (GitHub renders it in Markdown).
    Mermaid,
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// `{"nodes": [...], "edges": [...]}`.
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    /// `{name: {description, prompt, tools?, …}}` for `claude --agents` and the Agent SDK.
    ClaudeAgentsJson,
    /// Claude Code plugin folders (manifest, agents, skills), written to `--out`.
    Plugin,
}

/// `--layout`: one of the layout names.
fn parse_layout(name: &str) -> Result<Layout, String> {
    Layout::from_name(name)
        .ok_or_else(|| format!("unknown layout `{name}`; layouts are {}", Layout::names()))
}

/// A failure that is not about the agents: exit status 2.
fn usage_error(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// The `agentgen` binary: parses the process's arguments as `agentgen …`.
pub fn run_agentgen() -> ExitCode {
    run(Cli::parse())
}

/// The `cargo-agentgen` binary: parses the process's arguments as `cargo agentgen …`. Cargo
/// passes the subcommand's name first; when the binary is run by hand without it
/// (`cargo-agentgen check`), it is assumed.
pub fn run_cargo_agentgen() -> ExitCode {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_none_or(|first| first != "agentgen") {
        args.insert(1.min(args.len()), "agentgen".into());
    }
    let CargoCli::Agentgen(cli) = CargoCli::parse_from(args);
    run(cli)
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        None => project_summary(),
        Some(Command::Check {
            dirs,
            locate,
            workspace,
            staged,
            format,
            color,
            catalog,
        }) => match if workspace {
            workspace_dirs(&locate)
        } else {
            check_dirs(dirs, &locate, staged)
        } {
            Ok(dirs) => check(&dirs, format, color, &catalog),
            Err(code) => code,
        },
        Some(Command::Expand {
            dir,
            locate,
            runtime_crate,
            catalog,
        }) => match one_dir(dir, &locate) {
            Ok(dir) => expand(&dir, &runtime_crate, &catalog),
            Err(code) => code,
        },
        Some(Command::Export {
            dir,
            locate,
            format,
            out,
            plugin_name,
            team,
            force,
            catalog,
        }) => match (one_dir(dir, &locate), format, out) {
            (Err(code), _, _) => code,
            (Ok(dir), ExportFormat::ClaudeAgentsJson, None) => {
                export_agents(&dir, team.as_deref(), &catalog)
            }
            (Ok(_), ExportFormat::ClaudeAgentsJson, Some(_)) => {
                usage_error("--out is for `--format plugin`; the JSON goes to stdout")
            }
            (Ok(_), ExportFormat::Plugin, _) if team.is_some() => {
                usage_error("--team is for `--format claude-agents-json`")
            }
            (Ok(dir), ExportFormat::Plugin, out) => export_plugins(
                &dir,
                out.as_deref(),
                plugin_name.as_deref(),
                force,
                &catalog,
            ),
        },
        Some(Command::Fix {
            paths,
            locate,
            check,
        }) => {
            let paths = if paths.is_empty() {
                match one_dir(None, &locate) {
                    Ok(dir) => vec![dir],
                    Err(code) => return code,
                }
            } else {
                paths
            };
            fix_cmd::fix_paths(&paths, check)
        }
        Some(Command::New {
            name,
            dir,
            locate,
            description,
            tools,
            model,
            color,
            force,
        }) => new_agent(
            dir,
            &locate,
            scaffold::Scaffold {
                name,
                description,
                tools,
                model,
                color,
                metadata: Vec::new(),
            },
            force,
        ),
        Some(Command::Graph {
            dirs,
            locate,
            format,
            team,
            plugin,
            connected,
            catalog,
        }) => match check_dirs(dirs, &locate, false) {
            Ok(dirs) => {
                let filter = graph::Filter { plugin, connected };
                draw_graph(&dirs, format, team.as_deref(), &filter, &catalog)
            }
            Err(code) => code,
        },
        Some(Command::Inspect {
            dir,
            locate,
            layout,
        }) => match one_dir(dir, &locate) {
            Ok(dir) => inspect_dir(&dir, layout),
            Err(code) => code,
        },
        Some(Command::Schema { dir, locate }) => match one_dir(dir, &locate) {
            Ok(dir) => match compile(&dir, &CatalogArgs::default()) {
                Ok(catalog) => write_stdout(&agentgen_compiler::inspect::infer_schema(&catalog)),
                Err(code) => code,
            },
            Err(code) => code,
        },
    }
}

/// `dir`, or the current crate's agents directory (`locate`), or a usage error.
fn one_dir(dir: Option<PathBuf>, locate: &Locate) -> Result<PathBuf, ExitCode> {
    if let Some(dir) = dir {
        if locate.manifest_path.is_some() {
            return Err(usage_error(
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
    let cwd = std::env::current_dir()
        .map_err(|e| usage_error(format_args!("cannot read the current directory: {e}")))?;
    let dir = locate::agents_dir(locate.manifest_path.as_deref(), &cwd).map_err(usage_error)?;
    if let Some(note) = locate::other_catalog_note(&cwd, &dir) {
        eprintln!("note: {note}");
    }
    Ok(dir)
}

/// `check --workspace`: the catalog of every crate of the workspace, each once.
fn workspace_dirs(locate: &Locate) -> Result<Vec<PathBuf>, ExitCode> {
    let cwd = std::env::current_dir()
        .map_err(|e| usage_error(format_args!("cannot read the current directory: {e}")))?;
    locate::workspace_dirs(locate.manifest_path.as_deref(), &cwd).map_err(usage_error)
}

/// The directories `check` compiles: the directories given, the catalog of each file given
/// (each once, in order), or the current crate's agents directory. With `staged`, the catalogs
/// of the changes git reports follow the ones given ([`changes`]), and there is no default.
fn check_dirs(
    paths: Vec<PathBuf>,
    locate: &Locate,
    staged: bool,
) -> Result<Vec<PathBuf>, ExitCode> {
    if paths.is_empty() && !staged {
        return one_dir(None, locate).map(|dir| vec![dir]);
    }
    if locate.manifest_path.is_some() {
        return Err(usage_error(
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
        let cwd = std::env::current_dir()
            .map_err(|e| usage_error(format_args!("cannot read the current directory: {e}")))?;
        let changed = changes::changed_paths(&cwd).map_err(usage_error)?;
        let mut catalogs: Vec<PathBuf> = Vec::new();
        for path in &changed {
            if let Some(dir) = changes::catalog_of_change(path).map_err(usage_error)? {
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

/// The agents directory of the project around the current directory, for `agentgen` without
/// a command: the one `check` uses without DIR. The error says what was tried. (One function,
/// so that the engine's project model can take its place.)
fn project_catalog_dir() -> Result<PathBuf, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    let dir = locate::agents_dir(None, &cwd)?;
    if let Some(note) = locate::other_catalog_note(&cwd, &dir) {
        eprintln!("note: {note}");
    }
    Ok(dir)
}

/// `agentgen` without a command: the project's catalog summary (exit 1 when it has errors), or
/// the help and, on stderr, why there is no catalog (exit 0).
fn project_summary() -> ExitCode {
    match project_catalog_dir() {
        Ok(dir) => match open(&dir, &CatalogArgs::default()) {
            Ok(project) => {
                let described = project.describe();
                let notes = layout_notes(&project);
                let catalog = project.compile();
                let text = format!("{}{notes}", summary::catalog_summary(&described, &catalog));
                write_then_exit(&text, catalog.has_errors())
            }
            Err(code) => code,
        },
        Err(reason) => {
            let help = <Cli as clap::CommandFactory>::command()
                .render_long_help()
                .to_string();
            eprintln!("note: no catalog to show: {reason}");
            write_stdout(&format!("{help}\n"))
        }
    }
}

fn display_of(dir: &Path) -> String {
    let text = dir.to_string_lossy().replace('\\', "/");
    let text = text.trim_end_matches('/');
    if text.is_empty() {
        ".".to_owned()
    } else {
        text.to_owned()
    }
}

/// Resolves the catalog of `dir` with the command-line options (the engine's project model:
/// root, layout, the agentgen.toml that applies), or gives the exit status of a usage error.
fn open(dir: &Path, args: &CatalogArgs) -> Result<Project, ExitCode> {
    if !dir.is_dir() {
        return Err(usage_error(format_args!(
            "{} is not a directory",
            dir.display()
        )));
    }
    let config = args.config().map_err(usage_error)?;
    Ok(Project::open(dir, &display_of(dir), &config))
}

/// What was resolved, in one line, and the notes about the layout: `catalog .claude (layout
/// claude, detected; config .claude/agentgen.toml)`.
fn resolved(project: &Project) -> String {
    format!("catalog {}\n{}", project.describe(), layout_notes(project))
}

/// The project's notes about its layout, one `note: …` line each.
fn layout_notes(project: &Project) -> String {
    project
        .notes
        .iter()
        .map(|note| format!("note: {note}\n"))
        .collect()
}

/// Compiles `dir` with the command-line options, saying on stderr what was resolved, or gives
/// the exit status of a usage/I-O error.
fn compile(dir: &Path, args: &CatalogArgs) -> Result<Catalog, ExitCode> {
    let project = open(dir, args)?;
    eprint!("{}", resolved(&project));
    Ok(project.compile())
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    }
}

fn check(dirs: &[PathBuf], format: Format, color: ColorChoice, args: &CatalogArgs) -> ExitCode {
    let mut catalogs = Vec::new();
    let mut header = String::new();
    let mut notes = String::new();
    for dir in dirs {
        match open(dir, args) {
            Ok(project) => {
                header.push_str(&format!("catalog {}\n", project.describe()));
                notes.push_str(&layout_notes(&project));
                catalogs.push(project.compile());
            }
            Err(code) => return code,
        }
    }
    // Human output says what it checked first and ends with the notes about layouts, just above
    // the total line (which stays last, for scripts); the short, JSON and SARIF formats keep
    // stdout for their lines and say it on stderr.
    if format != Format::Human {
        eprint!("{header}{notes}");
        header.clear();
        notes.clear();
    }
    let (mut errors, mut warnings) = (0, 0);
    let mut files = report::FileCounts::default();
    for catalog in &catalogs {
        let (e, w) = catalog.counts();
        errors += e;
        warnings += w;
        files = files.add(report::FileCounts::of(catalog));
    }
    let total_line = format!(
        "{}, {} in {}\n",
        plural(errors, "error"),
        plural(warnings, "warning"),
        files.describe()
    );
    let mut out = header;
    match format {
        Format::Human => {
            let color = use_color(color);
            for catalog in &catalogs {
                for diagnostic in &catalog.diagnostics {
                    out.push_str(&diagnostic.render(catalog.source(&diagnostic.file), color));
                    out.push_str("\n\n");
                }
            }
            if out.lines().count() > report::SUMMARY_AFTER_LINES {
                out.push_str(&report::lint_summary(&catalogs));
            }
            out.push_str(&notes);
            out.push_str(&total_line);
        }
        Format::Short => {
            for catalog in &catalogs {
                for diagnostic in &catalog.diagnostics {
                    out.push_str(&report::short_line(catalog, diagnostic));
                    out.push('\n');
                }
            }
            out.push_str(&total_line);
        }
        Format::Json => {
            for catalog in &catalogs {
                for diagnostic in &catalog.diagnostics {
                    let object =
                        report::diagnostic_json(diagnostic, catalog.source(&diagnostic.file));
                    out.push_str(&object.to_string());
                    out.push('\n');
                }
            }
            let summary = serde_json::json!({
                "type": "summary", "errors": errors, "warnings": warnings,
                "files": files.total(), "agent_files": files.agents,
                "skill_files": files.skills, "command_files": files.commands,
                "plugin_manifests": files.plugin_manifests,
                "marketplace_manifests": files.marketplace_manifests,
                "config_files": files.configs,
            });
            out.push_str(&summary.to_string());
            out.push('\n');
        }
        Format::Sarif => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            let log = report::sarif(&catalogs, &report::SarifRoot::find(&cwd));
            out.push_str(&serde_json::to_string_pretty(&log).unwrap_or_default());
            out.push('\n');
        }
    }
    write_then_exit(&out, errors > 0)
}

/// Prints the catalog's diagnostics (only its errors with `errors_only`) to stderr, rustc
/// style; `true` when any is an error.
fn report_to_stderr(catalog: &Catalog, errors_only: bool) -> bool {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for diagnostic in &catalog.diagnostics {
        if errors_only && !diagnostic.is_error() {
            continue;
        }
        eprintln!(
            "{}\n",
            diagnostic.render(catalog.source(&diagnostic.file), color)
        );
    }
    catalog.has_errors()
}

fn expand(dir: &Path, runtime_crate: &str, args: &CatalogArgs) -> ExitCode {
    let options = match generate::Options::default().with_runtime_crate(runtime_crate) {
        Ok(options) => options,
        Err(message) => return usage_error(message),
    };
    let catalog = match compile(dir, args) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    let has_errors = report_to_stderr(&catalog, false);
    let tokens = generate::generate(&catalog, &options);
    write_then_exit(&generate::render(&tokens), has_errors)
}

/// The index of the agent `name` in one of `catalogs` (`(catalog, agent)`), or the usage
/// error that names the catalogs' agents closest to it.
fn team_lead(catalogs: &[&Catalog], name: &str) -> Result<(usize, usize), ExitCode> {
    for (index, catalog) in catalogs.iter().enumerate() {
        if let Some(agent) = catalog.agent_index(name) {
            return Ok((index, agent));
        }
    }
    // With packs or plugins, the agents named `pack:NAME`.
    let suffix = format!(":{name}");
    let qualified: Vec<String> = catalogs
        .iter()
        .flat_map(|catalog| &catalog.agents)
        .filter(|agent| agent.qualified_name.ends_with(&suffix))
        .map(|agent| format!("`{}`", agent.qualified_name))
        .collect();
    let roots: Vec<&str> = catalogs.iter().map(|c| c.display_root.as_str()).collect();
    let hint = if qualified.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", qualified.join(" or "))
    };
    Err(usage_error(format_args!(
        "--team: no agent `{name}` in {}{hint}",
        roots.join(", ")
    )))
}

fn export_agents(dir: &Path, team: Option<&str>, args: &CatalogArgs) -> ExitCode {
    let catalog = match compile(dir, args) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    if report_to_stderr(&catalog, true) {
        let (errors, _) = catalog.counts();
        eprintln!(
            "error: not exported: {} in {}",
            plural(errors, "error"),
            catalog.display_root
        );
        return ExitCode::from(1);
    }
    match team {
        None => write_stdout(&export::claude_agents_json(&catalog)),
        Some(name) => match team_lead(&[&catalog], name) {
            Ok((_, lead)) => write_stdout(&export::claude_agents_json_of(
                &catalog,
                &catalog.team(lead),
            )),
            Err(code) => code,
        },
    }
}

/// `export --format plugin`: writes the catalog's plugins under `out` (a marketplace's
/// `marketplace.json` too). `out` must be empty or absent, or `force` given: then it is
/// replaced, unless it is the catalog's folder or holds it.
fn export_plugins(
    dir: &Path,
    out: Option<&Path>,
    plugin_name: Option<&str>,
    force: bool,
    args: &CatalogArgs,
) -> ExitCode {
    let Some(out) = out else {
        return usage_error("`--format plugin` needs `--out DIR`");
    };
    let occupied =
        out.exists() && std::fs::read_dir(out).map_or(true, |mut entries| entries.next().is_some());
    if occupied && !force {
        return usage_error(format_args!(
            "{} exists and is not an empty folder (use --force to replace it)",
            out.display()
        ));
    }
    if occupied && !out.is_dir() {
        return usage_error(format_args!("{} exists and is not a folder", out.display()));
    }
    if occupied {
        let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        if canonical(dir).starts_with(canonical(out)) {
            return usage_error(format_args!(
                "--force would delete {}, which holds the catalog {}: choose another --out",
                out.display(),
                dir.display()
            ));
        }
    }
    let catalog = match compile(dir, args) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    if report_to_stderr(&catalog, true) {
        let (errors, _) = catalog.counts();
        eprintln!(
            "error: not exported: {} in {}",
            plural(errors, "error"),
            catalog.display_root
        );
        return ExitCode::from(1);
    }
    let default_name =
        plugin_name
            .map(str::to_owned)
            .unwrap_or_else(|| match catalog.plugins.as_slice() {
                [only] => only.name.clone(),
                _ => catalog_folder_name(dir),
            });
    let options = export::plugin::Options {
        default_name,
        skip: vec![out.to_path_buf()],
    };
    let exported = match export::plugin::plugins(&catalog, &options) {
        Ok(exported) => exported,
        Err(message) => return usage_error(message),
    };
    if exported.plugins.is_empty() {
        return usage_error(format_args!(
            "{} has no agent and no skill to export",
            catalog.display_root
        ));
    }
    if occupied && let Err(e) = std::fs::remove_dir_all(out) {
        return usage_error(format_args!("cannot replace {}: {e}", out.display()));
    }
    let write = |path: &Path, bytes: &[u8]| {
        path.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(path, bytes))
            .map_err(|e| usage_error(format_args!("cannot write {}: {e}", path.display())))
    };
    let mut report = String::new();
    for plugin in &exported.plugins {
        let root = out.join(&plugin.folder);
        for (relative, bytes) in &plugin.files {
            if let Err(code) = write(&root.join(relative), bytes) {
                return code;
            }
            if plugin.executables.contains(relative)
                && let Err(e) = make_executable(&root.join(relative))
            {
                return usage_error(format_args!(
                    "cannot make {} executable: {e}",
                    root.join(relative).display()
                ));
            }
        }
        for note in &plugin.notes {
            eprintln!("note: {note}");
        }
        report.push_str(&format!(
            "wrote the plugin `{}` to {} ({})\n",
            plugin.name,
            display_of(&root),
            plural(plugin.files.len(), "file")
        ));
    }
    if let Some(bytes) = &exported.marketplace {
        let path = out.join(".claude-plugin/marketplace.json");
        if let Err(code) = write(&path, bytes) {
            return code;
        }
        report.push_str(&format!(
            "wrote the marketplace's manifest to {} ({})\n",
            display_of(&path),
            plural(exported.plugins.len(), "plugin")
        ));
    }
    write_stdout(&report)
}

/// Sets the execute bits of a written file (a plugin's script was executable where it came
/// from); nothing to do outside Unix.
fn make_executable(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut permissions = std::fs::metadata(path)?.permissions();
        permissions.set_mode(permissions.mode() | 0o111);
        std::fs::set_permissions(path, permissions)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// The name of a catalog's folder for its plugin: the folder's own name, or for a `.claude`
/// folder (or its `agents/`) the project's.
fn catalog_folder_name(dir: &Path) -> String {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let mut names = canonical
        .ancestors()
        .filter_map(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    let mut name = names.next().unwrap_or_default();
    while name == ".claude" || name == "agents" {
        match names.next() {
            Some(parent) => name = parent,
            None => break,
        }
    }
    name.trim_start_matches('.').replace(' ', "-")
}

/// After `new`: a crate whose build script does not watch the catalog folder compiles the old
/// catalog until a source file changes (`include_agents!` cannot see added files on stable
/// Rust). `None` when the crate's build.rs mentions agentgen (the one-line `rerun_if_changed`
/// or the build API, which prints its own) or there is no crate.
fn rebuild_note(catalog_dir: &Path) -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let (root, manifest) = locate::crate_root(None, &cwd).ok()?;
    manifest?;
    let build_script =
        std::fs::read_to_string(cwd.join(&root).join("build.rs")).unwrap_or_default();
    if build_script.contains("agentgen") {
        return None;
    }
    let inside = cwd
        .join(catalog_dir)
        .canonicalize()
        .ok()?
        .strip_prefix(cwd.join(&root).canonicalize().ok()?)
        .ok()?
        .to_string_lossy()
        .replace('\\', "/");
    Some(format!(
        "note: cargo sees a new agent file only through a build script: add `fn main() {{ agentgen::rerun_if_changed(\"{inside}\"); }}` as build.rs (README), or touch src/main.rs before `cargo build`\n"
    ))
}

/// `agentgen new`: the project the new file joins, found as `check` finds it.
fn new_agent(
    dir: Option<PathBuf>,
    locate: &Locate,
    mut agent: scaffold::Scaffold,
    force: bool,
) -> ExitCode {
    if let Some(problem) = scaffold::name_problem(&agent.name) {
        return usage_error(format_args!(
            "invalid agent name `{}`: {problem}",
            agent.name
        ));
    }
    let file_name = format!("{}.md", agent.name);
    // The folder to write into, the catalog it belongs to, and that catalog's project when it
    // was already opened to find the folder.
    let (folder, catalog_dir, opened) = match dir {
        Some(dir) => {
            if locate.manifest_path.is_some() {
                return usage_error("--manifest-path is only used without --dir");
            }
            let catalog = if dir.is_dir() {
                locate::catalog_dir_of(&dir.join(&file_name))
            } else {
                dir.clone()
            };
            (dir, catalog, None)
        }
        None => {
            let cwd = match std::env::current_dir() {
                Ok(cwd) => cwd,
                Err(e) => {
                    return usage_error(format_args!("cannot read the current directory: {e}"));
                }
            };
            match locate::agents_dir(locate.manifest_path.as_deref(), &cwd) {
                Ok(catalog) => {
                    let project =
                        Project::open(&catalog, &display_of(&catalog), &Config::default());
                    let Some((folder, _)) = project.agents_folder() else {
                        return usage_error(format_args!(
                            "{} is a {} of several plugins: say which plugin's agents folder with --dir",
                            display_of(&catalog),
                            project.layout
                        ));
                    };
                    (folder, catalog, Some(project))
                }
                Err(_) => {
                    // No catalog yet: `agents/` in the crate root, `.claude/agents/` outside a crate.
                    let (root, manifest) =
                        match locate::crate_root(locate.manifest_path.as_deref(), &cwd) {
                            Ok(found) => found,
                            Err(message) => return usage_error(message),
                        };
                    let folder = if manifest.is_some() {
                        root.join("agents")
                    } else {
                        root.join(".claude/agents")
                    };
                    (folder.clone(), folder, None)
                }
            }
        }
    };
    let path = folder.join(&file_name);
    if path.exists() && !force {
        return usage_error(format_args!(
            "{} exists (use --force to overwrite)",
            path.display()
        ));
    }
    let existed = path.exists();
    let previous = existed.then(|| std::fs::read(&path).ok()).flatten();
    if let Err(e) = std::fs::create_dir_all(&folder) {
        return usage_error(format_args!("cannot create {}: {e}", folder.display()));
    }
    let project = opened.unwrap_or_else(|| {
        Project::open(&catalog_dir, &display_of(&catalog_dir), &Config::default())
    });
    if let Some(schema) = &project.config().metadata {
        agent.metadata = scaffold::metadata_lines(schema);
    }
    let text = agent.render();
    if let Err(e) = agentgen_compiler::fix::write_atomically(&path, text.as_bytes()) {
        return usage_error(format_args!("cannot write {}: {e}", path.display()));
    }
    // Check the new file with the catalog it joins, as `agentgen check` and the build will.
    let described = project.describe();
    let catalog = project.compile();
    let canonical = path.canonicalize().ok();
    let is_new_file = |display: &str| {
        let file = catalog_dir.join(
            display
                .strip_prefix(&catalog.display_root)
                .unwrap_or(display)
                .trim_start_matches('/'),
        );
        canonical.is_some() && file.canonicalize().ok() == canonical
    };
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mine: Vec<&agentgen_compiler::Diagnostic> = catalog
        .diagnostics
        .iter()
        .filter(|d| is_new_file(&d.file))
        .collect();
    for diagnostic in &mine {
        eprintln!(
            "{}\n",
            diagnostic.render(catalog.source(&diagnostic.file), color)
        );
    }
    if mine.iter().any(|d| d.is_error()) {
        let restored = match previous {
            Some(bytes) => agentgen_compiler::fix::write_atomically(&path, &bytes),
            None => std::fs::remove_file(&path),
        };
        if let Err(e) = restored {
            eprintln!("error: cannot remove {}: {e}", path.display());
        }
        eprintln!("error: not written: fix the options above");
        return ExitCode::from(1);
    }
    let mut out = format!("created {} in catalog {described}\n", display_of(&path));
    if mine
        .iter()
        .any(|d| d.code == agentgen_compiler::Code::PlaceholderDescription)
    {
        out.push_str(
            "edit its description (when Claude should delegate to it): until then `agentgen check` warns (placeholder-description)\n",
        );
    }
    if !agent.metadata.is_empty() {
        out.push_str("edit the values of the [metadata] keys marked `# edit`\n");
    }
    if let Some(note) = rebuild_note(&catalog_dir) {
        out.push_str(&note);
    }
    write_stdout(&out)
}

fn draw_graph(
    dirs: &[PathBuf],
    format: GraphFormat,
    team: Option<&str>,
    filter: &graph::Filter,
    args: &CatalogArgs,
) -> ExitCode {
    let mut catalogs = Vec::new();
    for dir in dirs {
        match compile(dir, args) {
            Ok(catalog) => catalogs.push(catalog),
            Err(code) => return code,
        }
    }
    let mut has_errors = false;
    for catalog in &catalogs {
        has_errors |= report_to_stderr(catalog, true);
    }
    let catalogs: Vec<&Catalog> = catalogs.iter().collect();
    let mut drawn = graph::graph(&catalogs);
    if let Some(name) = team {
        let (catalog, lead) = match team_lead(&catalogs, name) {
            Ok(lead) => lead,
            Err(code) => return code,
        };
        let members: Vec<(usize, usize)> = catalogs[catalog]
            .team(lead)
            .into_iter()
            .map(|agent| (catalog, agent))
            .collect();
        drawn = graph::team_graph(&drawn, &members);
    }
    let drawn = match drawn.filtered(filter) {
        Ok(drawn) => drawn,
        Err(message) => return usage_error(message),
    };
    let text = match format {
        GraphFormat::Mermaid => graph::mermaid(&drawn),
        GraphFormat::Dot => graph::dot(&drawn),
        GraphFormat::Json => {
            let value = graph::json(&drawn, &catalogs);
            format!(
                "{}\n",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            )
        }
    };
    write_then_exit(&text, has_errors)
}

fn inspect_dir(dir: &Path, layout: Option<Layout>) -> ExitCode {
    let args = CatalogArgs {
        layout,
        ..CatalogArgs::default()
    };
    let catalog = match compile(dir, &args) {
        Ok(catalog) => catalog,
        Err(code) => return code,
    };
    let mut out = String::new();
    for object in inspect::inspect(&catalog) {
        out.push_str(&object.to_string());
        out.push('\n');
    }
    write_stdout(&out)
}

/// Writes `text` to stdout; the exit status is that of the write when it fails, else 1 when
/// `failed` (errors found), else 0.
fn write_then_exit(text: &str, failed: bool) -> ExitCode {
    let code = write_stdout(text);
    if code != ExitCode::SUCCESS {
        code
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn write_stdout(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`agentgen inspect | head`) is not an error worth a panic.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}
