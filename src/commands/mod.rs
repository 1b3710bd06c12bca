//! One module per command: its options (a `clap::Args` struct with the command's help) and its
//! `run`, which ends in an [`Outcome`](crate::error::Outcome) or a
//! [`CliError`](crate::error::CliError). What two commands share is here.

pub mod check;
pub mod expand;
pub mod export;
pub mod fix;
pub mod graph;
pub mod inspect;
pub mod lsp;
pub mod new;
pub mod schema;
pub mod summary;

use agentgen_compiler::Catalog;

use crate::error::CliError;

/// `--team NAME` of `export` and `graph`: the index of the agent `name` in one of `catalogs`
/// (`(catalog, agent)`), or the usage error that names the catalogs' agents closest to it.
fn team_lead(catalogs: &[&Catalog], name: &str) -> Result<(usize, usize), CliError> {
    for (index, catalog) in catalogs.iter().enumerate() {
        if let Some(agent) = catalog.agent_index(name) {
            return Ok((index, agent));
        }
    }
    // With packs or plugins, the agents named `pack:NAME`.
    let suffix = format!(":{name}");
    let qualified: Vec<String> = catalogs
        .iter()
        .flat_map(|catalog| catalog.agents())
        .filter(|agent| agent.qualified_name.ends_with(&suffix))
        .map(|agent| format!("`{}`", agent.qualified_name))
        .collect();
    let roots: Vec<&str> = catalogs.iter().map(|c| c.display_root()).collect();
    let hint = if qualified.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", qualified.join(" or "))
    };
    Err(CliError::usage(format_args!(
        "--team: no agent `{name}` in {}{hint}",
        roots.join(", ")
    )))
}
