//! `agentgen export --format plugin`: a catalog as Claude Code plugin folders — a manifest, the
//! agents and the skills — ready for `claude --plugin-dir` or a marketplace.
//!
//! Each pack or plugin of the catalog is one plugin of that name; the agents and skills of no
//! pack or plugin make one plugin whose name the caller gives. Agent files are written anew
//! from the compiled values (the frontmatter as JSON values, which YAML reads alike), so that
//! Claude Code's plugin reader gives every agent the name, description and prompt the catalog
//! has: `plugin:name` (`plugin:review:name` for an agent of a plugin's subfolder, kept as a
//! subfolder). Fields Claude Code ignores in plugin agents (`permissionMode`, `hooks`,
//! `mcpServers`, `initialPrompt`, `observer`, `observerMessage`, `observeSubagents`) are left
//! out, each with a note. Skill folders are copied whole (`SKILL.md` and the files beside it),
//! and command files (`commands/**/*.md`) as they are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::{AgentDefinition, claude_agents};
use crate::catalog::{Agent, Catalog, SkillTarget};

/// One plugin to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginExport {
    /// The plugin's name (its manifest's `name`).
    pub name: String,
    /// Files, relative to the plugin's folder, and their bytes.
    pub files: BTreeMap<PathBuf, Vec<u8>>,
    /// What Claude Code would not load from the catalog as a plugin, in words.
    pub notes: Vec<String>,
}

/// A name Claude Code takes as a plugin's: not empty, no space, no control character.
pub fn plugin_name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        Some("a plugin's name cannot be empty".to_owned())
    } else if name.contains(' ') || name.chars().any(char::is_control) {
        Some(format!(
            "`{name}` cannot name a plugin: no spaces or control characters (write it in kebab-case)"
        ))
    } else {
        None
    }
}

/// Whether `name` can be a file or folder name as it is.
fn safe_file_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.@+".contains(c))
}

/// The plugins a catalog makes: one per pack or plugin, and one named `default_name` for the
/// agents and skills of none. The caller refuses a catalog with errors first.
pub fn plugins(catalog: &Catalog, default_name: &str) -> Result<Vec<PluginExport>, String> {
    let definitions = claude_agents(catalog);
    let mut by_plugin: BTreeMap<String, PluginExport> = BTreeMap::new();
    fn entry<'a>(
        by_plugin: &'a mut BTreeMap<String, PluginExport>,
        name: &str,
    ) -> Result<&'a mut PluginExport, String> {
        if let Some(problem) = plugin_name_problem(name) {
            return Err(problem);
        }
        Ok(by_plugin
            .entry(name.to_owned())
            .or_insert_with(|| PluginExport {
                name: name.to_owned(),
                files: BTreeMap::new(),
                notes: Vec::new(),
            }))
    }
    for (index, agent) in catalog.agents.iter().enumerate() {
        let plugin = agent
            .pack
            .clone()
            .unwrap_or_else(|| default_name.to_owned());
        let Some(definition) = definitions.get(agent.qualified_name.as_str()) else {
            continue;
        };
        let file = catalog.file_of(agent);
        let export = entry(&mut by_plugin, &plugin)?;
        for (key, given) in [
            ("permissionMode", file.permission_mode.is_some()),
            ("hooks", file.hooks.is_some()),
            ("mcpServers", !file.mcp_servers.is_empty()),
            ("initialPrompt", file.initial_prompt.is_some()),
            ("observer", file.observer.is_some()),
            ("observerMessage", file.observer_message.is_some()),
            ("observeSubagents", file.observe_subagents.is_some()),
        ] {
            if given {
                export.notes.push(format!(
                    "{plugin}: `{key}` of `{}` is left out: Claude Code ignores it in a plugin agent",
                    agent.qualified_name
                ));
            }
        }
        if file.isolation.as_deref() == Some("remote") {
            export.notes.push(format!(
                "{plugin}: `isolation: remote` of `{}` is left out: Claude Code reads only `worktree` in a plugin agent",
                agent.qualified_name
            ));
        }
        let text = agent_file(catalog, agent, definition, &plugin, default_name);
        let mut path = PathBuf::from("agents");
        for segment in &agent.namespace {
            path.push(if safe_file_name(segment) {
                segment.clone()
            } else {
                format!("group-{index}")
            });
        }
        let stem = if safe_file_name(&agent.name) {
            agent.name.clone()
        } else {
            format!("agent-{index}")
        };
        path.push(format!("{stem}.md"));
        export.files.insert(path, text.into_bytes());
    }
    for skill in &catalog.skills {
        let plugin = skill
            .plugin
            .clone()
            .unwrap_or_else(|| default_name.to_owned());
        let file = catalog.skill_file_of(skill);
        let export = entry(&mut by_plugin, &plugin)?;
        let folder = PathBuf::from("skills").join(&file.folder);
        match &skill.dir {
            Some(dir) => copy_folder(dir, &folder, &mut export.files)
                .map_err(|e| format!("cannot read the skill folder {}: {e}", dir.display()))?,
            None => {
                export.files.insert(
                    folder.join(crate::read::skill::SKILL_FILE),
                    file.source.text.clone().into_bytes(),
                );
            }
        }
    }
    for command in &catalog.commands {
        let plugin = command
            .plugin
            .clone()
            .unwrap_or_else(|| default_name.to_owned());
        let bytes = std::fs::read(&command.path)
            .map_err(|e| format!("cannot read the command {}: {e}", command.path.display()))?;
        entry(&mut by_plugin, &plugin)?
            .files
            .insert(PathBuf::from("commands").join(&command.relative), bytes);
    }
    for export in by_plugin.values_mut() {
        let manifest = json!({ "name": export.name });
        let mut text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
        text.push('\n');
        export.files.insert(
            PathBuf::from(".claude-plugin/plugin.json"),
            text.into_bytes(),
        );
    }
    Ok(by_plugin.into_values().collect())
}

/// Every regular file below `dir`, into `files` under `to`.
fn copy_folder(
    dir: &Path,
    to: &Path,
    files: &mut BTreeMap<PathBuf, Vec<u8>>,
) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_folder(&path, &target, files)?;
        } else if path.is_file() {
            files.insert(target, std::fs::read(&path)?);
        }
    }
    Ok(())
}

/// The name an agent of the catalog has once exported into `plugin`.
fn exported_name(agent: &Agent, default_name: &str) -> String {
    let plugin = agent.pack.as_deref().unwrap_or(default_name);
    let mut parts = vec![plugin.to_owned()];
    parts.extend(agent.namespace.iter().cloned());
    parts.push(agent.name.clone());
    parts.join(":")
}

/// One agent's file: its frontmatter as `key: <JSON value>` lines, then its prompt.
fn agent_file(
    catalog: &Catalog,
    agent: &Agent,
    definition: &AgentDefinition<'_>,
    plugin: &str,
    default_name: &str,
) -> String {
    let mut value = serde_json::to_value(definition).unwrap_or(Value::Null);
    let fields = value
        .as_object_mut()
        .map(std::mem::take)
        .unwrap_or_default();
    let mut front = Map::new();
    front.insert("name".into(), json!(agent.name));
    for (key, value) in fields {
        match key.as_str() {
            "prompt" | "permissionMode" | "hooks" | "mcpServers" | "initialPrompt" | "observer"
            | "observerMessage" | "observeSubagents" => {}
            "isolation" if value != "worktree" => {}
            "tools" | "disallowedTools" => {
                front.insert(key, renamed_tools(catalog, &value, default_name));
            }
            "skills" => {
                let skills: Vec<String> = agent
                    .skills
                    .iter()
                    .map(|target| match target {
                        SkillTarget::Catalog(i) => {
                            let skill = &catalog.skills[*i];
                            match skill.plugin.as_deref() {
                                Some(_) => skill.qualified_name.clone(),
                                None => format!("{plugin}:{}", skill.name),
                            }
                        }
                        SkillTarget::Named(name) => match catalog
                            .commands
                            .iter()
                            .find(|c| c.name == *name && c.plugin.is_none())
                        {
                            Some(_) => format!("{plugin}:{name}"),
                            None => name.clone(),
                        },
                    })
                    .collect();
                front.insert(key, json!(skills));
            }
            _ => {
                front.insert(key, value);
            }
        }
    }
    let mut text = String::from("---\n");
    for (key, value) in front {
        text.push_str(&key);
        text.push_str(": ");
        text.push_str(&serde_json::to_string(&value).unwrap_or_default());
        text.push('\n');
    }
    text.push_str("---\n\n");
    text.push_str(definition.prompt);
    text.push('\n');
    text
}

/// Tool entries with `Agent(x)` naming the agents as they are named once exported.
fn renamed_tools(catalog: &Catalog, value: &Value, default_name: &str) -> Value {
    let renames: BTreeMap<&str, String> = catalog
        .agents
        .iter()
        .map(|a| (a.qualified_name.as_str(), exported_name(a, default_name)))
        .collect();
    let rename = |entry: &str| -> String {
        let Some(inner) = entry
            .strip_prefix("Agent(")
            .or_else(|| entry.strip_prefix("Task("))
            .and_then(|rest| rest.strip_suffix(')'))
        else {
            return entry.to_owned();
        };
        let tool = &entry[..entry.find('(').unwrap_or(0)];
        let names: Vec<String> = inner
            .split(", ")
            .map(|n| renames.get(n).cloned().unwrap_or_else(|| n.to_owned()))
            .collect();
        format!("{tool}({})", names.join(", "))
    };
    match value {
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| item.as_str().map_or(item.clone(), |s| json!(rename(s))))
                .collect(),
        ),
        other => other.clone(),
    }
}
