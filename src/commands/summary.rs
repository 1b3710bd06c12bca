//! `agentgen` without a command: the summary of the project's catalog, read by the engine at
//! run time (the binary carries no catalog of its own).
//!
//! The first line names the catalog's root, its layout and the `agentgen.toml` read (or "no
//! agentgen.toml"), with the number of agents and skills. Then, per agent (sorted by qualified
//! name, as the generated `ALL`): its enum variant, qualified name, model, tools, collaborators
//! (named in the frontmatter), mentions (named in the prompt), preloaded skills, typed custom
//! frontmatter (the `[metadata]` schema's keys), and prompt size and file. Last, the number of
//! errors and warnings with a pointer to `agentgen check`.

use agentgen_compiler::Catalog;
use agentgen_compiler::catalog::MetadataSlot;
use agentgen_compiler::catalog::skills::SkillTarget;
use agentgen_compiler::config::metadata::{KeySchema, MetaValue, Presence, ScalarType};

use crate::error::{CliError, Outcome};
use crate::options::{CatalogArgs, Locate, layout_notes};
use crate::output::{plural, print};

/// `agentgen` without a command: the project's catalog summary ([`Outcome::ErrorsFound`] when
/// it has errors), or `long_help` and, on stderr, why there is no catalog.
pub fn run(long_help: impl FnOnce() -> String) -> Result<Outcome, CliError> {
    // Without a catalog (the current crate's, found as `check` finds it), the help.
    match Locate::default().one_dir(None) {
        Ok(dir) => {
            let project = CatalogArgs::default().open(&dir)?;
            let described = project.describe();
            let notes = layout_notes(&project);
            let catalog = project.compile();
            let text = format!("{}{notes}", catalog_summary(&described, &catalog));
            print(&text, catalog.has_errors())
        }
        Err(reason) => {
            eprintln!("note: no catalog to show: {reason}");
            print(&format!("{}\n", long_help()), false)
        }
    }
}

/// The summary of `catalog` (see the module docs); `described` is what the project model
/// resolved ([`agentgen_compiler::Project::describe`]).
pub fn catalog_summary(described: &str, catalog: &Catalog) -> String {
    let mut out = String::new();
    out.push_str(&header(described, catalog));
    out.push_str("\n\n");
    for agent in catalog.agents() {
        let file = catalog.file_of(agent);
        let model = file.model.as_ref().map_or("(default)".to_owned(), |model| {
            agentgen_compiler::read::model_alias(&model.value)
                .or_else(|| agentgen_compiler::read::model_alias(&model.value.to_lowercase()))
                .map_or_else(|| model.value.clone(), |(alias, _)| alias.to_owned())
        });
        let tools = match &agent.tools {
            None => "inherit all".to_owned(),
            Some(list) => list
                .iter()
                .filter_map(|tool| agentgen_compiler::export::canonical_tool(catalog, tool))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let names = |indexes: &[usize]| -> Vec<String> {
            indexes
                .iter()
                .map(|&i| catalog.agents()[i].qualified_name.clone())
                .collect()
        };
        let collaborators = names(&agent.collaborators);
        let mentions = names(&agent.mentions);
        let skills: Vec<String> = agent
            .skills
            .iter()
            .map(|target| match target {
                SkillTarget::Catalog(i) => catalog.skills()[*i].qualified_name.clone(),
                SkillTarget::Named(name) => name.clone(),
            })
            .collect();
        out.push_str(&agent.variant);
        out.push('\n');
        let mut line = |label: &str, value: &str| {
            out.push_str(&format!("  {:<15}{value}\n", format!("{label}:")));
        };
        line("name", &agent.qualified_name);
        line("model", &model);
        line("tools", &tools);
        if !collaborators.is_empty() {
            line("collaborators", &collaborators.join(", "));
        }
        if !mentions.is_empty() {
            line("mentions", &mentions.join(", "));
        }
        if !skills.is_empty() {
            line("skills", &skills.join(", "));
        }
        if let Some(metadata) = metadata_text(catalog, agent) {
            line("metadata", &metadata);
        }
        line(
            "prompt",
            &format!("{} bytes ({})", file.prompt().len(), file.path()),
        );
        out.push('\n');
    }
    for skill in catalog.skills() {
        out.push_str(&format!(
            "skill {} ({})\n",
            skill.qualified_name,
            catalog.skill_file_of(skill).source.display_path
        ));
    }
    if !catalog.skills().is_empty() {
        out.push('\n');
    }
    out.push_str(&footer(catalog));
    out.push('\n');
    out
}

/// `catalog agents: 24 agents; layout agents with packs; agents/agentgen.toml`.
fn header(described: &str, catalog: &Catalog) -> String {
    let mut contents = plural(catalog.agents().len(), "agent");
    if !catalog.skills().is_empty() {
        contents.push_str(&format!(", {}", plural(catalog.skills().len(), "skill")));
    }
    let packs = if catalog.config().packs {
        " in packs"
    } else {
        ""
    };
    format!("catalog {described}: {contents}{packs}")
}

/// `2 errors, 4 warnings: `agentgen check` shows them`, or `no errors or warnings`.
fn footer(catalog: &Catalog) -> String {
    let (errors, warnings) = catalog.counts();
    if errors + warnings == 0 {
        return "no errors or warnings (agentgen check)".to_owned();
    }
    format!(
        "{}, {}: `agentgen check` shows them",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// The agent's typed custom frontmatter, in the schema's key order: `key value` per scalar,
/// `key (n)` per list, defaults applied, absent optional keys left out. `None` without a
/// `[metadata]` schema.
fn metadata_text(catalog: &Catalog, agent: &agentgen_compiler::catalog::Agent) -> Option<String> {
    let schema = catalog.config().metadata.as_ref()?;
    let slots = catalog.metadata_of(agent)?;
    let parts: Vec<String> = schema
        .keys
        .iter()
        .zip(slots)
        .filter_map(|(key, slot)| {
            let value = match (slot, &key.presence) {
                (MetadataSlot::Given(value), _) => value,
                (_, Presence::Default(value)) => value,
                _ => return None,
            };
            Some(match value {
                MetaValue::List(items) => format!("{} ({})", key.key, items.len()),
                scalar => format!("{} {}", key.key, meta_value_text(key, scalar)),
            })
        })
        .collect();
    Some(parts.join(", "))
}

fn meta_value_text(key: &KeySchema, value: &MetaValue) -> String {
    match value {
        MetaValue::Str(text) => text.clone(),
        MetaValue::Bool(value) => value.to_string(),
        MetaValue::Int(value) => value.to_string(),
        MetaValue::F64(bits) => f64::from_bits(*bits).to_string(),
        MetaValue::Version(version) => version.to_string(),
        MetaValue::Enum(index) => match &key.ty.scalar {
            ScalarType::Enum(enumeration) => {
                enumeration.values.get(*index).cloned().unwrap_or_default()
            }
            _ => String::new(),
        },
        MetaValue::List(items) => items
            .iter()
            .map(|item| meta_value_text(key, item))
            .collect::<Vec<_>>()
            .join(", "),
    }
}
