//! `agentgen export --format plugin`: a catalog as Claude Code plugin folders — a manifest, the
//! agents, the skills, the commands and every other file of a plugin — ready for
//! `claude --plugin-dir` or a marketplace, losing nothing Claude Code reads.
//!
//! - A plugin of the catalog (layouts `plugin`, `plugins`, `marketplace`) is copied whole: its
//!   folder's files byte for byte (`.claude-plugin/plugin.json` with every field in its order,
//!   `agents/`, `skills/`, `commands/`, `hooks/`, `scripts/`, `.mcp.json`, …; `.git` folders and
//!   the output folder left out). Its agents need no change: the export keeps the plugin's name
//!   and the files' places, so Claude Code reads the same agents from them.
//! - The agents and skills of no plugin (a `.claude` project, an agents folder) make one plugin
//!   whose name the caller gives, and each pack one of its name. Claude Code reads a plugin agent
//!   unlike a project agent, so their files are copied with only the frontmatter entries that
//!   must change rewritten, every other line kept as written, in its order and style, and the
//!   body kept byte for byte: `name` when the plugin reader would read it otherwise; a
//!   `description` holding a literal `\n` (a line break for a project agent, kept as written in
//!   a plugin agent); `Agent(x)` in `tools` and `disallowedTools` naming agents as they are named
//!   once exported (`plugin:x`); `skills` entries naming a skill or command that lands in
//!   another plugin. Fields Claude Code ignores in plugin agents (`permissionMode`, `hooks`,
//!   `mcpServers`, `initialPrompt`, `observer`, `observerMessage`, `observeSubagents`),
//!   `isolation` other than `worktree` and a `color` a project agent ignores (a plugin agent
//!   would keep it) are left out, each with a note. A rewritten entry is written as JSON, which
//!   YAML reads alike. A frontmatter only Claude Code's fallback reading parses is written anew.
//!   Skill folders are copied whole (`SKILL.md` and the files beside it), command files
//!   (`commands/**/*.md`) as they are.
//! - A marketplace's `.claude-plugin/marketplace.json` is written beside its plugins: its text
//!   as it was, every field and entry kept, with each local plugin's `source` pointing at the
//!   folder the plugin was written to (`./<plugin name>`). Entries of plugins from elsewhere
//!   (GitHub, git, npm sources) are kept as they are.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::{AgentDefinition, claude_agents};
use crate::catalog::{Agent, Catalog, SkillTarget};
use crate::config::Layout;
use crate::error::Error;
use crate::frontmatter::Blocks;
use crate::read::AgentFile;
use crate::read::plugin_agent::IGNORED_IN_PLUGIN_AGENTS;
use crate::registry::{MARKETPLACE_MANIFEST, PLUGIN_MANIFEST};
use crate::source::SourceFile;
use crate::yaml::{self, Node};

/// One plugin to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginExport {
    /// The plugin's name (its manifest's `name`).
    pub name: String,
    /// The folder it goes to, relative to the output folder: empty for the output folder itself
    /// (one plugin, not a marketplace), else the plugin's name.
    pub folder: PathBuf,
    /// Files, relative to the plugin's folder, and their bytes.
    pub files: BTreeMap<PathBuf, Vec<u8>>,
    /// The copied files that are executable where they came from (a hook's script): the writer
    /// keeps them executable (on Unix).
    pub executables: BTreeSet<PathBuf>,
    /// What Claude Code would not load from the catalog as a plugin, in words.
    pub notes: Vec<String>,
}

/// What `export --format plugin` writes below its output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The plugins, sorted by name.
    pub plugins: Vec<PluginExport>,
    /// For a marketplace: the bytes of `.claude-plugin/marketplace.json` (relative to the output
    /// folder), its `source` paths pointing at the written plugins.
    pub marketplace: Option<Vec<u8>>,
}

/// How to export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The name of the plugin of the agents and skills of no pack or plugin.
    pub default_name: String,
    /// Folders and files not to copy out of a plugin's folder (the output folder, when it lies
    /// inside one).
    pub skip: Vec<PathBuf>,
}

/// A name Claude Code takes as a plugin's: not empty, no space, no control character.
pub(crate) fn plugin_name_problem(name: &str) -> Option<String> {
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

/// The plugins a catalog makes (see the module's documentation), and a marketplace's manifest.
/// The caller refuses a catalog with errors first.
///
/// # Errors
///
/// [`Error::Option`]: a plugin name Claude Code refuses; [`Error::Read`]: a file that cannot be
/// read (or a marketplace manifest that does not parse).
pub fn plugins(catalog: &Catalog, options: &Options) -> Result<Export, Error> {
    let mut plugins = Plugins {
        catalog,
        default_name: &options.default_name,
        copied: catalog.plugins.iter().map(|p| p.name.as_str()).collect(),
        by_name: BTreeMap::new(),
    };
    plugins.copy_catalog_plugins(&options.skip)?;
    plugins.add_agents()?;
    plugins.add_skills()?;
    plugins.add_commands()?;
    plugins.finish()
}

/// The plugins being made from a catalog, by name.
struct Plugins<'a> {
    catalog: &'a Catalog,
    /// The plugin of the agents, skills and commands of no pack or plugin.
    default_name: &'a str,
    /// The names of the catalog's own plugins, copied whole.
    copied: BTreeSet<&'a str>,
    by_name: BTreeMap<String, PluginExport>,
}

impl Plugins<'_> {
    /// The plugin `name`, made empty at its first use. `Err`: a name Claude Code refuses.
    fn entry(&mut self, name: &str) -> Result<&mut PluginExport, Error> {
        if let Some(problem) = plugin_name_problem(name) {
            return Err(Error::Option(problem));
        }
        Ok(self
            .by_name
            .entry(name.to_owned())
            .or_insert_with(|| PluginExport {
                name: name.to_owned(),
                folder: PathBuf::new(),
                files: BTreeMap::new(),
                executables: BTreeSet::new(),
                notes: Vec::new(),
            }))
    }

    /// The plugin an agent, skill or command of the pack or plugin `plugin` is written into (the
    /// default one for none); `None` when its plugin is copied whole.
    fn destination(&self, plugin: Option<&str>) -> Option<String> {
        match plugin {
            Some(plugin) if self.copied.contains(plugin) => None,
            plugin => Some(plugin.unwrap_or(self.default_name).to_owned()),
        }
    }

    /// The catalog's plugins, copied whole (a plugin folder inside another is left to its own
    /// copy); `skip`: what not to copy.
    fn copy_catalog_plugins(&mut self, skip: &[PathBuf]) -> Result<(), Error> {
        let catalog = self.catalog;
        let skip: BTreeSet<PathBuf> = skip.iter().map(|path| canonical(path)).collect();
        for info in &catalog.plugins {
            let dir = canonical(&info.dir);
            let mut skip = skip.clone();
            for other in &catalog.plugins {
                let other_dir = canonical(&other.dir);
                if other_dir != dir && other_dir.starts_with(&dir) {
                    skip.insert(other_dir);
                }
            }
            let export = self.entry(&info.name)?;
            let mut visited = vec![dir.clone()];
            copy_tree(&dir, Path::new(""), export.copied(), &skip, &mut visited).map_err(
                |source| Error::Read {
                    action: format!("copy the plugin {}", info.display),
                    path: info.dir.clone(),
                    source,
                },
            )?;
            if info.marketplace_entry.is_some() {
                // A plugin at the marketplace's root: its marketplace manifest is written anew.
                export.files.remove(Path::new(MARKETPLACE_MANIFEST));
            }
            if !info.manifest && info.marketplace_entry.is_none() {
                export
                    .files
                    .insert(PathBuf::from(PLUGIN_MANIFEST), name_manifest(&info.name));
            }
        }
        Ok(())
    }

    /// The agents of no plugin, and those of the packs, each rewritten as a plugin agent.
    fn add_agents(&mut self) -> Result<(), Error> {
        let (catalog, default_name) = (self.catalog, self.default_name);
        let definitions = claude_agents(catalog);
        for (index, agent) in catalog.agents.iter().enumerate() {
            let Some(plugin) = self.destination(agent.pack.as_deref()) else {
                continue;
            };
            let Some(definition) = definitions.get(agent.qualified_name.as_str()) else {
                continue;
            };
            let export = self.entry(&plugin)?;
            let exported = AgentExport {
                catalog,
                agent,
                definition,
                plugin: &plugin,
                default_name,
            };
            let text = exported.text(&mut export.notes);
            export
                .files
                .insert(agent_path(agent, index), text.into_bytes());
        }
        Ok(())
    }

    /// The skills of no plugin, and those of the packs: their folders copied whole.
    fn add_skills(&mut self) -> Result<(), Error> {
        let catalog = self.catalog;
        for skill in &catalog.skills {
            let Some(plugin) = self.destination(skill.plugin.as_deref()) else {
                continue;
            };
            let file = catalog.skill_file_of(skill);
            let export = self.entry(&plugin)?;
            let folder = PathBuf::from("skills").join(&file.folder);
            match &skill.dir {
                Some(dir) => {
                    copy_folder(dir, &folder, export.copied()).map_err(|source| Error::Read {
                        action: format!("read the skill folder {}", dir.display()),
                        path: dir.clone(),
                        source,
                    })?
                }
                None => {
                    export.files.insert(
                        folder.join(crate::read::skill::SKILL_FILE),
                        file.source.text.clone().into_bytes(),
                    );
                }
            }
        }
        Ok(())
    }

    /// The commands of no plugin, and those of the packs, as they are.
    fn add_commands(&mut self) -> Result<(), Error> {
        for command in &self.catalog.commands {
            let Some(plugin) = self.destination(command.plugin.as_deref()) else {
                continue;
            };
            let bytes = std::fs::read(&command.path).map_err(|source| Error::Read {
                action: format!("read the command {}", command.path.display()),
                path: command.path.clone(),
                source,
            })?;
            self.entry(&plugin)?
                .files
                .insert(PathBuf::from("commands").join(&command.relative), bytes);
        }
        Ok(())
    }

    /// The export: a manifest for each plugin made here, each plugin in a folder of its name
    /// when there are several (or a marketplace), and the marketplace's manifest.
    fn finish(self) -> Result<Export, Error> {
        let mut by_name = self.by_name;
        let marketplace = self.catalog.layout == Layout::Marketplace;
        let several = by_name.len() > 1;
        for export in by_name.values_mut() {
            if !self.copied.contains(export.name.as_str()) {
                export
                    .files
                    .insert(PathBuf::from(PLUGIN_MANIFEST), name_manifest(&export.name));
            }
            if marketplace || several {
                export.folder = PathBuf::from(&export.name);
            }
        }
        let plugins: Vec<PluginExport> = by_name.into_values().collect();
        let marketplace = if marketplace {
            marketplace_manifest(self.catalog, &plugins)?
        } else {
            None
        };
        Ok(Export {
            plugins,
            marketplace,
        })
    }
}

impl PluginExport {
    /// Where files copied into this plugin go.
    fn copied(&mut self) -> Copied<'_> {
        Copied {
            files: &mut self.files,
            executables: &mut self.executables,
        }
    }
}

/// A path as the file system resolves it (itself when it cannot).
fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// Where an agent of no plugin is written in its plugin: `agents/<namespace>/<name>.md`, a
/// segment that cannot be a file name replaced by `group-<index>` or `agent-<index>`.
fn agent_path(agent: &Agent, index: usize) -> PathBuf {
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
    path
}

/// `{"name": …}`, pretty-printed, with a final line feed.
fn name_manifest(name: &str) -> Vec<u8> {
    let mut text = serde_json::to_string_pretty(&json!({ "name": name })).unwrap_or_default();
    text.push('\n');
    text.into_bytes()
}

/// The marketplace's manifest as written: its text, with the `source` of each entry whose plugin
/// the catalog holds replaced by `"./<the plugin's folder>"`. `None` when the catalog read none.
fn marketplace_manifest(
    catalog: &Catalog,
    plugins: &[PluginExport],
) -> Result<Option<Vec<u8>>, Error> {
    let Some(source) = catalog
        .manifests
        .iter()
        .find(|m| m.display_path.ends_with(MARKETPLACE_MANIFEST))
    else {
        return Ok(None);
    };
    let text = source.text.as_str();
    #[derive(serde::Deserialize)]
    struct Manifest<'a> {
        #[serde(borrow)]
        plugins: Vec<&'a serde_json::value::RawValue>,
    }
    let manifest: Manifest<'_> = serde_json::from_str(text).map_err(|e| unreadable(source, e))?;
    let offset_of =
        |raw: &serde_json::value::RawValue| raw.get().as_ptr() as usize - text.as_ptr() as usize;
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (index, entry) in manifest.plugins.iter().enumerate() {
        let Some(info) = catalog
            .plugins
            .iter()
            .find(|p| p.marketplace_entry == Some(index))
        else {
            continue;
        };
        let Some(written) = plugins.iter().find(|p| p.name == info.name) else {
            continue;
        };
        let fields: BTreeMap<String, &serde_json::value::RawValue> =
            serde_json::from_str(entry.get()).map_err(|e| unreadable(source, e))?;
        let Some(raw) = fields.get("source") else {
            continue;
        };
        let start = offset_of(raw);
        let folder = written.folder.to_string_lossy().replace('\\', "/");
        edits.push((
            start..start + raw.get().len(),
            serde_json::to_string(&format!("./{folder}")).unwrap_or_default(),
        ));
    }
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut out = text.to_owned();
    for (range, replacement) in edits {
        out.replace_range(range, &replacement);
    }
    Ok(Some(out.into_bytes()))
}

/// [`Error::Read`] of a manifest whose JSON does not parse.
fn unreadable(source: &SourceFile, error: serde_json::Error) -> Error {
    Error::read(
        &source.display_path,
        &source.display_path,
        std::io::Error::from(error),
    )
}

/// Where copied files go: their bytes, and which of them are executable.
struct Copied<'a> {
    files: &'a mut BTreeMap<PathBuf, Vec<u8>>,
    executables: &'a mut BTreeSet<PathBuf>,
}

impl Copied<'_> {
    fn reborrow(&mut self) -> Copied<'_> {
        Copied {
            files: self.files,
            executables: self.executables,
        }
    }

    /// Copies the file at `from` to `to`, keeping whether it is executable.
    fn file(&mut self, from: &Path, to: PathBuf) -> std::io::Result<()> {
        if is_executable(from) {
            self.executables.insert(to.clone());
        }
        self.files.insert(to, std::fs::read(from)?);
        Ok(())
    }
}

/// Whether a file has an execute bit (Unix; never elsewhere).
fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Every file below `dir` into `copied` under `to`, `.git` folders and the paths of `skip` left
/// out; links followed, a link back into a folder being copied skipped.
fn copy_tree(
    dir: &Path,
    to: &Path,
    mut copied: Copied<'_>,
    skip: &BTreeSet<PathBuf>,
    visited: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name();
        if name == ".git" {
            continue;
        }
        let canonical = canonical(&path);
        if skip.contains(&canonical) {
            continue;
        }
        let target = to.join(&name);
        if canonical.is_dir() {
            if visited.contains(&canonical) {
                continue;
            }
            visited.push(canonical.clone());
            copy_tree(&canonical, &target, copied.reborrow(), skip, visited)?;
            visited.pop();
        } else if canonical.is_file() {
            copied.file(&canonical, target)?;
        }
    }
    Ok(())
}

/// Every regular file below `dir`, into `copied` under `to`.
fn copy_folder(dir: &Path, to: &Path, mut copied: Copied<'_>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_folder(&path, &target, copied.reborrow())?;
        } else if path.is_file() {
            copied.file(&path, target)?;
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

/// What becomes of one frontmatter entry of a project agent exported as a plugin agent.
enum Entry {
    /// Copied as written.
    Keep,
    /// Left out.
    Drop,
    /// Written anew as `key: <JSON value>`.
    Replace(Value),
}

/// Why a field of a project agent is left out of its plugin agent, in words.
fn why_left_out(key: &str) -> &'static str {
    match key {
        "isolation" => "Claude Code reads only `isolation: worktree` in a plugin agent",
        "color" => {
            "Claude Code ignores this colour in a project agent, and would keep it in a plugin agent"
        }
        _ => "Claude Code ignores it in a plugin agent",
    }
}

/// One agent that was not a plugin agent, exported into `plugin`.
struct AgentExport<'a> {
    catalog: &'a Catalog,
    agent: &'a Agent,
    definition: &'a AgentDefinition<'a>,
    /// The plugin it is written into.
    plugin: &'a str,
    /// The plugin of the agents, skills and commands of no pack or plugin.
    default_name: &'a str,
}

impl AgentExport<'_> {
    fn file(&self) -> &AgentFile {
        self.catalog.file_of(self.agent)
    }

    /// Notes that the field `key` is left out (once).
    fn left_out(&self, notes: &mut Vec<String>, key: &str) {
        let note = format!(
            "{}: `{key}` of `{}` is left out: {}",
            self.plugin,
            self.agent.qualified_name,
            why_left_out(key)
        );
        if !notes.contains(&note) {
            notes.push(note);
        }
    }

    /// The agent's file: its text with only the frontmatter entries that must change rewritten
    /// (see the module's documentation). `notes` gets a line for each field left out.
    fn text(&self, notes: &mut Vec<String>) -> String {
        let text = self.file().source.text.as_str();
        let parsed = crate::frontmatter::split(text).ok().and_then(|blocks| {
            match yaml::parse(blocks.yaml) {
                Ok(Some(Node {
                    value: yaml::Value::Map(entries),
                    ..
                })) => Some((blocks, entries)),
                _ => None,
            }
        });
        let Some((blocks, entries)) = parsed else {
            // Only Claude Code's fallback reading parses it: written anew.
            return self.text_anew(notes);
        };
        // The decision for each key (the last of its entries is the one Claude Code reads).
        let mut decisions: BTreeMap<String, Entry> = BTreeMap::new();
        for (key, value) in &entries {
            let key = key.key_text();
            let decision = self.decide(&key, value);
            if matches!(decision, Entry::Drop) {
                self.left_out(notes, &key);
            }
            decisions.insert(key, decision);
        }
        if decisions.values().all(|d| matches!(d, Entry::Keep)) {
            return text.to_owned();
        }
        rewritten(text, &blocks, &entries, &decisions)
    }

    /// Whether a frontmatter entry `key: value` can stay as written in a plugin agent.
    fn decide(&self, key: &str, value: &Node) -> Entry {
        let (catalog, agent, file) = (self.catalog, self.agent, self.file());
        match key {
            _ if IGNORED_IN_PLUGIN_AGENTS.contains(&key) => Entry::Drop,
            "isolation" => match file.isolation.as_deref() {
                Some(isolation) if isolation != "worktree" => Entry::Drop,
                _ => Entry::Keep,
            },
            "color" if file.color().is_none() => Entry::Drop,
            // A plugin agent's name is the value as a string, not trimmed.
            "name" if value.as_str() != Some(agent.name.as_str()) => {
                Entry::Replace(json!(agent.name))
            }
            // A literal `\n` is a line break in a project agent's description, not in a plugin
            // agent's.
            "description" if value.as_str().is_some_and(|d| d.contains("\\n")) => {
                Entry::Replace(json!(self.definition.description))
            }
            "tools" | "disallowedTools" => {
                let list = if key == "tools" {
                    json!(self.definition.tools)
                } else {
                    json!(self.definition.disallowed_tools)
                };
                let renamed = renamed_tools(catalog, &list, self.default_name);
                if renamed == list || list.is_null() {
                    Entry::Keep
                } else {
                    Entry::Replace(renamed)
                }
            }
            "skills" => {
                let written: Vec<&str> = file.skills.iter().map(|s| s.value.as_str()).collect();
                let exported: Vec<String> = written
                    .iter()
                    .map(|entry| self.skill_entry(entry))
                    .collect();
                if exported.iter().zip(&written).all(|(a, b)| a == b) {
                    Entry::Keep
                } else {
                    Entry::Replace(json!(exported))
                }
            }
            _ => Entry::Keep,
        }
    }

    /// A `skills` entry, once the agent is in its plugin: a skill of no plugin stays named by
    /// its name when it lands in the same plugin (a plugin agent preloads its plugin's skills by
    /// name), else `default:name`; a command of no plugin is `default:name`.
    fn skill_entry(&self, entry: &str) -> String {
        let catalog = self.catalog;
        let skill = catalog
            .skills
            .iter()
            .any(|s| s.plugin.is_none() && s.name == entry);
        let command = catalog
            .commands
            .iter()
            .any(|c| c.plugin.is_none() && c.name == entry);
        if skill && self.plugin == self.default_name {
            entry.to_owned()
        } else if skill || command {
            format!("{}:{entry}", self.default_name)
        } else {
            entry.to_owned()
        }
    }

    /// The agent's file written anew: its frontmatter as `key: <JSON value>` lines, then its
    /// prompt.
    fn text_anew(&self, notes: &mut Vec<String>) -> String {
        let file = self.file();
        for (key, given) in [
            ("permissionMode", file.permission_mode.is_some()),
            ("hooks", file.hooks.is_some()),
            ("mcpServers", !file.mcp_servers.is_empty()),
            ("initialPrompt", file.initial_prompt.is_some()),
            ("observer", file.observer.is_some()),
            ("observerMessage", file.observer_message.is_some()),
            ("observeSubagents", file.observe_subagents.is_some()),
            ("isolation", file.isolation.as_deref() == Some("remote")),
        ] {
            if given {
                self.left_out(notes, key);
            }
        }
        let mut value = serde_json::to_value(self.definition).unwrap_or(Value::Null);
        let fields = value
            .as_object_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        let mut front = Map::new();
        front.insert("name".into(), json!(self.agent.name));
        for (key, value) in fields {
            match key.as_str() {
                "prompt" => {}
                _ if IGNORED_IN_PLUGIN_AGENTS.contains(&key.as_str()) => {}
                "isolation" if value != "worktree" => {}
                "tools" | "disallowedTools" => {
                    front.insert(key, renamed_tools(self.catalog, &value, self.default_name));
                }
                "skills" => {
                    front.insert(key, json!(self.skill_entries()));
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
        text.push_str(self.definition.prompt);
        text.push('\n');
        text
    }

    /// The agent's resolved `skills`, as its plugin agent names them.
    fn skill_entries(&self) -> Vec<String> {
        let catalog = self.catalog;
        self.agent
            .skills
            .iter()
            .map(|target| match target {
                SkillTarget::Catalog(i) => {
                    let skill = &catalog.skills[*i];
                    match skill.plugin.as_deref() {
                        Some(_) => skill.qualified_name.clone(),
                        None => self.skill_entry(&skill.name),
                    }
                }
                SkillTarget::Named(name) => self.skill_entry(name),
            })
            .collect()
    }
}

/// `text` with the frontmatter entries `decisions` drops left out and those it replaces written
/// anew as `key: <JSON value>` (at the place of the key's last entry); every other byte kept.
fn rewritten(
    text: &str,
    blocks: &Blocks<'_>,
    entries: &[(Node, Node)],
    decisions: &BTreeMap<String, Entry>,
) -> String {
    // Each entry's text: from the start of its key's line to the start of the next entry's.
    let line_start = |at: usize| {
        text[..at]
            .rfind('\n')
            .map_or(0, |i| i + 1)
            .max(blocks.yaml_offset)
    };
    let starts: Vec<usize> = entries
        .iter()
        .map(|(key, _)| line_start(blocks.yaml_offset + key.span.start))
        .collect();
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..starts.first().copied().unwrap_or(blocks.closing_offset)]);
    for (i, (key, _)) in entries.iter().enumerate() {
        let segment = &text[starts[i]..starts.get(i + 1).copied().unwrap_or(blocks.closing_offset)];
        let name = key.key_text();
        let last = entries[i + 1..].iter().all(|(k, _)| k.key_text() != name);
        match decisions.get(&name) {
            Some(Entry::Keep) | None => out.push_str(segment),
            Some(Entry::Drop) => {}
            Some(Entry::Replace(_)) if !last => {}
            Some(Entry::Replace(value)) => {
                let written_key =
                    &text[blocks.yaml_offset + key.span.start..blocks.yaml_offset + key.span.end];
                let line_end = if segment.contains("\r\n") {
                    "\r\n"
                } else {
                    "\n"
                };
                out.push_str(written_key);
                out.push_str(": ");
                out.push_str(&serde_json::to_string(value).unwrap_or_default());
                out.push_str(line_end);
            }
        }
    }
    out.push_str(&text[blocks.closing_offset..]);
    out
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
