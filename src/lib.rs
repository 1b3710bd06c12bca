//! The `agentgen` command line, shared by the package's two binaries: `agentgen`
//! ([`run_agentgen`]) and `cargo-agentgen` ([`run_cargo_agentgen`]), which cargo runs for
//! `cargo agentgen …`. Not a library API: it exists so that both binaries are the same program.
//!
//! Without arguments the command prints the summary of the project's catalog (the agents
//! directory of the current crate, found as `check` finds it: `locate`), or the help when there
//! is none; the binary carries no catalog of its own. The subcommands run the same engine over
//! any directory, by default that one.
//!
//! Each command is a module of `commands`: a `clap::Args` struct with its options and help, and
//! a `run` that ends in an `Outcome` or a `CliError`. `options` holds what several commands take
//! (where the catalog is, what shapes it), `output` how they write, and `error::exit_code` is
//! the one place that turns a result into the exit status: 0 success (no errors; also the help
//! printed because there is no catalog), 1 errors found (diagnostics, or files `fix --check`
//! would change), 2 usage or I/O error.

mod changes;
mod commands;
mod error;
mod locate;
pub mod lsp;
mod options;
mod output;
mod report;
mod scaffold;

use std::process::ExitCode;

/// The binaries' allocator: mimalloc, whose per-thread heaps suit the parallel reading and
/// rendering of `check` better than the system allocator (BENCHMARKS.md §9).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{CommandFactory, Parser, Subcommand};

use crate::commands::check::CheckArgs;
use crate::commands::expand::ExpandArgs;
use crate::commands::export::ExportArgs;
use crate::commands::fix::FixArgs;
use crate::commands::graph::GraphArgs;
use crate::commands::inspect::InspectArgs;
use crate::commands::lsp::LspArgs;
use crate::commands::new::NewArgs;
use crate::commands::schema::SchemaArgs;
use crate::error::{CliError, Outcome};

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
  agentgen lsp                           the language server, for an editor (stdio)

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

#[derive(Subcommand)]
enum Command {
    /// Compile agent directories and report diagnostics (exit 0 clean, 1 errors, 2 usage or I/O error).
    Check(CheckArgs),
    /// Print the Rust code that include_agents! and build.rs generate for DIR (prettyplease).
    Expand(ExpandArgs),
    /// Print the catalog as the JSON that `claude --agents` and the Claude Agent SDK take, or
    /// write it as Claude Code plugins (`--format plugin --out DIR`).
    Export(ExportArgs),
    /// Rewrite frontmatter that only Claude Code's fallback (or nothing) reads into strict YAML.
    Fix(FixArgs),
    /// Create a new agent file, with every frontmatter field Claude Code documents.
    New(NewArgs),
    /// Draw the team: agents, packs, skills, the references of frontmatter and prompts (Mermaid, DOT, JSON).
    Graph(GraphArgs),
    /// Print one JSON object per `.md` file under DIR, sorted by path: what agentgen reads.
    Inspect(InspectArgs),
    /// Print a `[metadata]` schema inferred from DIR's custom frontmatter keys, for agentgen.toml.
    Schema(SchemaArgs),
    /// Run the language server over stdio (diagnostics as you type, completion, hover, navigation).
    Lsp(LspArgs),
}

impl Command {
    fn run(self) -> Result<Outcome, CliError> {
        match self {
            Command::Check(args) => args.run(),
            Command::Expand(args) => args.run(),
            Command::Export(args) => args.run(),
            Command::Fix(args) => args.run(),
            Command::New(args) => args.run(),
            Command::Graph(args) => args.run(),
            Command::Inspect(args) => args.run(),
            Command::Schema(args) => args.run(),
            Command::Lsp(args) => args.run(),
        }
    }
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

/// Runs a parsed command line: the command, or without one the project's catalog summary
/// (the help when there is no catalog); the exit status says how it ended (`error::exit_code`).
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        None => commands::summary::run(|| Cli::command().render_long_help().to_string()),
        Some(command) => command.run(),
    };
    error::exit_code(result)
}
