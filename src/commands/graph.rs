//! `agentgen graph`: the team as Mermaid, DOT or JSON: agents, packs, skills and the references
//! of frontmatter and prompts.

use std::path::PathBuf;

use agentgen_compiler::{Catalog, graph};
use clap::{Args, ValueEnum};

use super::check::catalog_dirs;
use super::team_lead;
use crate::error::{CliError, Outcome};
use crate::options::{CatalogArgs, Locate};
use crate::output::{print, report_to_stderr};

/// `agentgen graph`'s options.
#[derive(Args)]
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
pub struct GraphArgs {
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

impl GraphArgs {
    /// Prints the graph of the catalogs (the errors on stderr); [`Outcome::ErrorsFound`] when a
    /// catalog has errors.
    pub fn run(self) -> Result<Outcome, CliError> {
        let dirs = catalog_dirs(self.dirs, &self.locate, false)?;
        let mut catalogs = Vec::new();
        for dir in &dirs {
            catalogs.push(self.catalog.compile(dir)?);
        }
        let mut has_errors = false;
        for catalog in &catalogs {
            has_errors |= report_to_stderr(catalog, true);
        }
        let catalogs: Vec<&Catalog> = catalogs.iter().collect();
        let mut drawn = graph::graph(&catalogs);
        if let Some(name) = &self.team {
            let (catalog, lead) = team_lead(&catalogs, name)?;
            let members: Vec<(usize, usize)> = catalogs[catalog]
                .team(lead)
                .into_iter()
                .map(|agent| (catalog, agent))
                .collect();
            drawn = graph::team_graph(&drawn, &members);
        }
        let filter = graph::Filter {
            plugin: self.plugin,
            connected: self.connected,
        };
        let drawn = drawn.filtered(&filter)?;
        let text = match self.format {
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
        print(&text, has_errors)
    }
}
