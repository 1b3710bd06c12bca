//! Layouts: what a catalog's folder is — a bare agents folder, a Claude Code project's `.claude/`,
//! a plugin, a folder of plugins, a marketplace — and so where Claude Code finds its agents and
//! skills and how it names them.
//!
//! Source: Claude Code 2.1.332's plugin loader and its manifest schemas, confirmed on the offline
//! CLI (`--plugin-dir`, `claude plugin marketplace add` and `install`; README, "Plugins and
//! marketplaces"):
//!
//! - a plugin's agents are the `.md` files (any case of the extension) below `agents/`, each
//!   subfolder a segment of the name (`plugin:review:security`); links are not followed;
//! - `.claude-plugin/plugin.json` is optional; its `name` (required when the file exists; no
//!   spaces) names the plugin, else the folder does; a manifest Claude Code refuses (not JSON, no
//!   `name`, an `agents` path that does not start with `./` or end in `.md`) loads nothing of the
//!   plugin;
//! - the manifest's `agents` (a path or a list) replaces `agents/`: each listed file is an agent
//!   named without segments; a listed file that does not exist loads nothing;
//! - skills are `skills/<folder>/SKILL.md`, plus the folders the manifest's `skills` lists (a
//!   skill folder, or a folder of them); `SKILL.md` at the plugin's root when it has neither;
//! - a marketplace (`.claude-plugin/marketplace.json`) lists plugins with a `source`; a plugin's
//!   own manifest names it over the entry's `name`; an entry's `agents` and `skills` add to the
//!   plugin's.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use super::walk::{find_agent_files, js_path_order};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::read::skill::{MAX_SKILL_BYTES, SKILL_FILE, skill_not_loaded, skill_too_large};
use crate::read::{self, AgentFile, SkillFile};
use crate::source::SourceFile;

/// How a catalog's folder is organised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layout {
    /// A folder of agent files, read as a project's `.claude/agents` (`packs = true` makes each
    /// top-level folder a namespace `pack:name`).
    Agents,
    /// A Claude Code project's `.claude/` folder: agents in `agents/`, skills in `skills/`.
    Claude,
    /// One plugin.
    Plugin,
    /// A folder whose subfolders are plugins.
    Plugins,
    /// A plugin marketplace: `.claude-plugin/marketplace.json` lists its plugins.
    Marketplace,
}

impl Layout {
    /// Every layout.
    pub const ALL: &'static [Layout] = &[
        Layout::Agents,
        Layout::Claude,
        Layout::Plugin,
        Layout::Plugins,
        Layout::Marketplace,
    ];

    /// The name in `agentgen.toml` (`layout = "…"`), on the command line and in the macro.
    pub const fn as_str(self) -> &'static str {
        match self {
            Layout::Agents => "agents",
            Layout::Claude => "claude",
            Layout::Plugin => "plugin",
            Layout::Plugins => "plugins",
            Layout::Marketplace => "marketplace",
        }
    }

    /// The layout named `name`.
    pub fn from_name(name: &str) -> Option<Layout> {
        Layout::ALL.iter().copied().find(|l| l.as_str() == name)
    }

    /// The layout a folder says it has: `claude` for a folder named `.claude`, `plugin` when it
    /// holds `.claude-plugin/plugin.json`, `marketplace` when it holds
    /// `.claude-plugin/marketplace.json`, else `agents`.
    pub fn detect(dir: &Path) -> Layout {
        if dir
            .canonicalize()
            .ok()
            .as_deref()
            .unwrap_or(dir)
            .file_name()
            .is_some_and(|n| n == ".claude")
        {
            Layout::Claude
        } else if dir.join(PLUGIN_MANIFEST).is_file() {
            Layout::Plugin
        } else if dir.join(MARKETPLACE_MANIFEST).is_file() {
            Layout::Marketplace
        } else {
            Layout::Agents
        }
    }
}

impl Layout {
    /// The layouts' names, for messages: `agents`, `claude`, ….
    pub fn names() -> String {
        Layout::ALL
            .iter()
            .map(|l| format!("`{}`", l.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl std::fmt::Display for Layout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A plugin's manifest, relative to the plugin's folder.
pub const PLUGIN_MANIFEST: &str = ".claude-plugin/plugin.json";
/// A marketplace's manifest, relative to its folder.
pub const MARKETPLACE_MANIFEST: &str = ".claude-plugin/marketplace.json";

/// How deep Claude Code walks a plugin's `agents/` (folders below it).
const MAX_PLUGIN_DEPTH: usize = 32;
/// How many folders Claude Code walks in one plugin's `agents/`.
const MAX_PLUGIN_FOLDERS: usize = 4096;

/// An agent file to read, and where Claude Code puts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentSource {
    /// The file on disk.
    pub path: PathBuf,
    /// How it is shown in messages.
    pub display: String,
    /// The plugin it belongs to (read as a plugin agent), `None` for a project agent.
    pub plugin: Option<String>,
    /// The subfolders between the plugin's agents folder and the file: segments of its name.
    pub namespace: Vec<String>,
    /// The file's own name.
    pub file_name: String,
}

/// A skill file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkillSource {
    /// `<folder>/SKILL.md` on disk.
    pub path: PathBuf,
    /// How it is shown in messages.
    pub display: String,
    /// The skill's folder name.
    pub folder: String,
    /// The plugin it belongs to, `None` for a project skill.
    pub plugin: Option<String>,
    /// The skill's folder on disk (its other files go with it when a plugin is exported).
    pub dir: PathBuf,
}

/// A plugin of the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginInfo {
    /// The plugin's name as Claude Code gives it: the manifest's `name`, the marketplace
    /// entry's, or the folder's.
    pub name: String,
    /// Its folder, as shown in messages.
    pub display: String,
    /// Whether it has a `.claude-plugin/plugin.json`.
    pub manifest: bool,
}

/// What a catalog's folder holds, found by its layout.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The agent files, sorted by path as Claude Code sorts them.
    pub agents: Vec<AgentSource>,
    /// The skill files, sorted by path.
    pub skills: Vec<SkillSource>,
    /// The plugins, in the order found.
    pub plugins: Vec<PluginInfo>,
    /// Manifests read, as sources for messages.
    pub manifests: Vec<SourceFile>,
    /// Files and folders read (for rebuild tracking).
    pub tracked: Vec<PathBuf>,
    /// Problems found on the way.
    pub diagnostics: Vec<Diagnostic>,
    /// The commands (`commands/**/*.md`) of a `.claude` project or a plugin: Claude Code
    /// preloads them as it preloads skills.
    pub commands: Vec<Command>,
}

/// A command file (`commands/grp/deploy.md`), which Claude Code also offers as a skill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// Its name: the path below `commands/` without `.md`, folders joined by `:`, after the
    /// plugin's name (`grp:deploy`, `plugin:grp:deploy`).
    pub name: String,
    /// The plugin it belongs to.
    pub plugin: Option<String>,
    /// Its path below `commands/`, `/`-separated (`grp/deploy.md`).
    pub relative: String,
    /// The file on disk.
    pub path: PathBuf,
}

/// Finds the agents and skills of `dir` laid out as `layout`, shown under `display_root`.
pub fn plan(dir: &Path, display_root: &str, layout: Layout) -> Plan {
    let mut plan = Plan::default();
    match layout {
        Layout::Agents => {
            plan.project_agents(dir, display_root);
            plan.sibling_skills(dir, display_root);
        }
        Layout::Claude => {
            let agents = dir.join("agents");
            let skills = dir.join("skills");
            if !agents.is_dir() && !skills.is_dir() {
                plan.diagnostics.push(
                    Diagnostic::new(
                        Code::InvalidPath,
                        display_root,
                        "this `.claude` folder has neither `agents/` nor `skills/`",
                    )
                    .note("Claude Code loads a project's agents from `.claude/agents/` and its skills from `.claude/skills/`")
                    .help("create `agents/` or `skills/`, or choose another layout (`layout = \"agents\"`)"),
                );
            }
            if agents.is_dir() {
                plan.tracked.push(agents.clone());
                plan.project_agents(&agents, &format!("{display_root}/agents"));
            }
            if skills.is_dir() {
                plan.tracked.push(skills.clone());
                plan.skill_folder(&skills, &format!("{display_root}/skills"), None);
            }
            plan.command_names(&dir.join("commands"), None);
        }
        Layout::Plugin => {
            let folder = folder_name(dir);
            plan.plugin(dir, display_root, &folder, None);
        }
        Layout::Plugins => {
            let mut children = subfolders(dir);
            children.sort_by(|a, b| js_path_order(&a.0, &b.0));
            if children.is_empty() {
                plan.diagnostics.push(
                    Diagnostic::new(Code::InvalidPath, display_root, "this folder of plugins holds no plugin folder")
                        .help("put each plugin in a folder of its own (with `agents/`, `skills/` or `.claude-plugin/plugin.json`)"),
                );
            }
            for (name, path) in children {
                let display = format!("{display_root}/{name}");
                plan.plugin(&path, &display, &name, None);
            }
        }
        Layout::Marketplace => plan.marketplace(dir, display_root),
    }
    plan.agents
        .sort_by(|a, b| js_path_order(&a.display, &b.display));
    plan.skills
        .sort_by(|a, b| js_path_order(&a.display, &b.display));
    plan
}

/// The folder's name (of its canonical path, so that `.` has one).
fn folder_name(dir: &Path) -> String {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    canonical
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The subfolders of `dir` whose names do not start with `.` (links to folders included).
fn subfolders(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, _)| !name.starts_with('.'))
        .collect()
}

/// Reads a plugin's agent file as Claude Code reads plugin agents.
pub(super) fn read_plugin_path(
    source: &AgentSource,
    plugin: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> AgentFile {
    match std::fs::metadata(&source.path) {
        Ok(meta) if meta.len() > read::MAX_FILE_BYTES => {
            return read::too_large(&source.display, meta.len());
        }
        Ok(_) => {}
        Err(e) => {
            diagnostics.push(Diagnostic::new(
                Code::UnreadableFile,
                &source.display,
                format!("cannot read agent file: {e}"),
            ));
            let mut file = read::too_large(&source.display, 0);
            file.diagnostics.clear();
            return file;
        }
    }
    match std::fs::read(&source.path) {
        Ok(bytes) => read::read_plugin_agent(&source.display, &bytes, plugin, &source.file_name),
        Err(e) => {
            diagnostics.push(Diagnostic::new(
                Code::UnreadableFile,
                &source.display,
                format!("cannot read agent file: {e}"),
            ));
            let mut file = read::too_large(&source.display, 0);
            file.diagnostics.clear();
            file
        }
    }
}

/// Reads a skill file.
pub(super) fn read_skill_path(
    source: &SkillSource,
    _diagnostics: &mut Vec<Diagnostic>,
) -> SkillFile {
    let unreadable = |e: std::io::Error| {
        skill_not_loaded(
            &source.display,
            &source.folder,
            Diagnostic::new(
                Code::UnreadableFile,
                &source.display,
                format!("cannot read skill file: {e}"),
            ),
        )
    };
    match std::fs::metadata(&source.path) {
        Ok(meta) if meta.len() > MAX_SKILL_BYTES => {
            skill_too_large(&source.display, &source.folder, meta.len())
        }
        Ok(_) => match std::fs::read(&source.path) {
            Ok(bytes) => read::read_skill(&source.display, &source.folder, &bytes),
            Err(e) => unreadable(e),
        },
        Err(e) => unreadable(e),
    }
}

/// A marketplace entry's contribution to its plugin.
struct MarketplaceEntry {
    name: String,
    /// `marketplace.json`, as shown in messages.
    manifest_display: String,
    agents: Vec<String>,
    skills: Vec<String>,
    /// Where the entry is in `marketplace.json`.
    span: Option<Span>,
}

/// A manifest's text as a source for messages, and the span of the first `needle` after
/// `after` (a JSON-encoded string or key), for pointing into it.
fn json_span(source: &SourceFile, needle: &str, after: Option<usize>) -> Option<Span> {
    let start = after.unwrap_or(0).min(source.text.len());
    let at = source.text[start..].find(needle)? + start;
    let location = source.location(at..at + needle.len());
    Some(Span {
        line: location.line,
        column: location.column,
        bytes: location.bytes,
    })
}

/// A relative path resolved as text (`a/./b/../c` is `a/c`), `None` when it leaves its root.
fn lexical(relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// The string or list of strings of a manifest field; `Err` with what is wrong otherwise.
fn paths_of(value: &Json, key: &str) -> Result<Vec<String>, String> {
    match value {
        Json::String(s) => Ok(vec![s.clone()]),
        Json::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Json::String(s) => Ok(s.clone()),
                _ => Err(format!("`{key}.{i}` is not a string")),
            })
            .collect(),
        _ => Err(format!("`{key}` is neither a path nor a list of paths")),
    }
}

/// Whether Claude Code takes `name` as a plugin's name: not empty, no space, no control or
/// bidirectional-formatting character.
fn plugin_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("the plugin's name is empty")
    } else if name.contains(' ') {
        Some("a plugin's name cannot contain spaces (write it in kebab-case, e.g. `my-plugin`)")
    } else if name.chars().any(|c| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }) {
        Some("a plugin's name cannot contain control or bidirectional-formatting characters")
    } else {
        None
    }
}

impl Plan {
    fn project_agents(&mut self, dir: &Path, display_root: &str) {
        let (found, diagnostics) = find_agent_files(dir, display_root);
        self.diagnostics.extend(diagnostics);
        for (relative, path) in found {
            let file_name = relative.rsplit('/').next().unwrap_or(&relative).to_owned();
            self.agents.push(AgentSource {
                display: format!("{display_root}/{relative}"),
                path,
                plugin: None,
                namespace: Vec::new(),
                file_name,
            });
        }
    }

    /// For an agents folder that is the `agents/` of a `.claude` project: the project's skills
    /// (`../skills/`), which Claude Code offers its agents.
    fn sibling_skills(&mut self, dir: &Path, display_root: &str) {
        let Some(project) = dir
            .canonicalize()
            .ok()
            .filter(|d| d.file_name().is_some_and(|n| n == "agents"))
            .and_then(|d| d.parent().map(Path::to_path_buf))
            .filter(|p| p.file_name().is_some_and(|n| n == ".claude"))
        else {
            return;
        };
        self.command_names(&project.join("commands"), None);
        let skills = project.join("skills");
        if !skills.is_dir() {
            return;
        }
        let display = match display_root.strip_suffix("agents") {
            Some("") => "skills".to_owned(),
            Some(parent) if parent.ends_with('/') => format!("{parent}skills"),
            _ => format!("{display_root}/../skills"),
        };
        self.tracked.push(skills.clone());
        self.skill_folder(&skills, &display, None);
    }

    /// The names of the commands below `dir`: each `.md` file's path without `.md`, folders
    /// joined by `:`, prefixed with the plugin's name.
    fn command_names(&mut self, dir: &Path, plugin: Option<&str>) {
        if !dir.is_dir() {
            return;
        }
        self.tracked.push(dir.to_path_buf());
        let (found, _) = find_agent_files(dir, "");
        for (relative, path) in found {
            let Some(stem) = relative.strip_suffix(".md") else {
                continue;
            };
            let name = stem.replace('/', ":");
            self.commands.push(Command {
                name: match plugin {
                    Some(plugin) => format!("{plugin}:{name}"),
                    None => name,
                },
                plugin: plugin.map(str::to_owned),
                relative,
                path,
            });
        }
    }

    /// `<dir>/<folder>/SKILL.md` for each folder of `dir` (links to folders included).
    fn skill_folder(&mut self, dir: &Path, display: &str, plugin: Option<&str>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut folders: Vec<(String, PathBuf)> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().is_dir())
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .collect();
        folders.sort_by(|a, b| js_path_order(&a.0, &b.0));
        for (folder, path) in folders {
            self.one_skill(&path, &format!("{display}/{folder}"), &folder, plugin);
        }
    }

    /// The skill whose folder is `dir`, when it holds a `SKILL.md`.
    fn one_skill(&mut self, dir: &Path, display: &str, folder: &str, plugin: Option<&str>) {
        let file = dir.join(SKILL_FILE);
        if file.is_file() {
            self.tracked.push(file.clone());
            self.skills.push(SkillSource {
                path: file,
                display: format!("{display}/{SKILL_FILE}"),
                folder: folder.to_owned(),
                plugin: plugin.map(str::to_owned),
                dir: dir.to_path_buf(),
            });
        }
    }

    fn marketplace(&mut self, dir: &Path, display_root: &str) {
        let manifest_display = format!("{display_root}/{MARKETPLACE_MANIFEST}");
        let path = dir.join(MARKETPLACE_MANIFEST);
        self.tracked.push(path.clone());
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.diagnostics.push(Diagnostic::new(
                    Code::InvalidManifest,
                    &manifest_display,
                    format!("cannot read the marketplace's manifest: {e}"),
                ));
                return;
            }
        };
        let source = SourceFile::new(&manifest_display, &bytes);
        let refused = |message: String, span: Option<Span>| {
            Diagnostic::new(Code::InvalidManifest, &manifest_display, message)
                .at(span)
                .note("Claude Code refuses the marketplace: none of its plugins can be installed")
        };
        let json: Json = match serde_json::from_str(&source.text) {
            Ok(json) => json,
            Err(e) => {
                let at = source.offset_of(e.line(), e.column().saturating_sub(1));
                let location = source.location(at..at);
                self.diagnostics.push(
                    refused(
                        format!("the marketplace's manifest is not JSON: {e}"),
                        Some(Span {
                            line: location.line,
                            column: location.column,
                            bytes: location.bytes,
                        }),
                    )
                    .help("write `{\"name\": \"my-marketplace\", \"owner\": {\"name\": \"…\"}, \"plugins\": [{\"name\": \"…\", \"source\": \"./plugins/…\"}]}`"),
                );
                self.manifests.push(source);
                return;
            }
        };
        match json.get("name") {
            Some(Json::String(name)) if !name.is_empty() && !name.contains(' ') => {}
            _ => self.diagnostics.push(
                refused(
                    "the marketplace's manifest has no valid `name` (a non-empty string without spaces)".to_owned(),
                    json_span(&source, "\"name\"", None),
                )
                .help("add `\"name\": \"my-marketplace\"`"),
            ),
        }
        let Some(Json::Array(plugins)) = json.get("plugins") else {
            self.diagnostics.push(
                refused(
                    "the marketplace's manifest has no `plugins` list".to_owned(),
                    None,
                )
                .help("add `\"plugins\": [{\"name\": \"my-plugin\", \"source\": \"./plugins/my-plugin\"}]`"),
            );
            self.manifests.push(source);
            return;
        };
        let mut cursor = json_span(&source, "\"plugins\"", None).map(|s| s.bytes.end);
        let mut seen = HashSet::new();
        for (index, entry) in plugins.iter().enumerate() {
            let name = entry.get("name").and_then(Json::as_str).unwrap_or("");
            let span = json_span(
                &source,
                &serde_json::to_string(name).unwrap_or_default(),
                cursor,
            );
            if let Some(span) = &span {
                cursor = Some(span.bytes.end);
            }
            if let Some(problem) = plugin_name_problem(name) {
                self.diagnostics.push(
                    refused(
                        format!("plugin {index} of the marketplace: {problem}"),
                        span.clone(),
                    )
                    .help("give each plugin a `name` in kebab-case"),
                );
                continue;
            }
            if !seen.insert(name.to_owned()) {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::InvalidManifest,
                        &manifest_display,
                        format!("the marketplace lists the plugin `{name}` twice"),
                    )
                    .at(span.clone())
                    .note("Claude Code installs one plugin of a name")
                    .help("rename one of the entries"),
                );
                continue;
            }
            let source_path = match entry.get("source") {
                Some(Json::String(s)) => Some(s.clone()),
                Some(Json::Object(object)) => match object.get("source").and_then(Json::as_str) {
                    Some(kind) if kind.starts_with("./") || kind == "." => Some(kind.to_owned()),
                    _ => None,
                },
                _ => None,
            };
            let Some(source_path) = source_path.filter(|s| s.starts_with("./") || s == ".") else {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::IgnoredValue,
                        &manifest_display,
                        format!("the plugin `{name}` comes from elsewhere (its `source` is not a `./` path): agentgen does not fetch it"),
                    )
                    .at(span.clone())
                    .note("its agents and skills are not part of this catalog")
                    .help("declare the agents and skills of other plugins this catalog names under `[agents] external` and `[skills] external`"),
                );
                continue;
            };
            let list = |key: &str| {
                entry
                    .get(key)
                    .map(|v| paths_of(v, key).unwrap_or_default())
                    .unwrap_or_default()
            };
            let plugin_dir = dir.join(&source_path);
            let display = format!(
                "{display_root}/{}",
                source_path.trim_start_matches("./").trim_end_matches('/')
            )
            .trim_end_matches('/')
            .to_owned();
            if !plugin_dir.is_dir() {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::InvalidManifest,
                        &manifest_display,
                        format!("the plugin `{name}`'s source `{source_path}` is not a folder"),
                    )
                    .at(span.clone())
                    .note("Claude Code cannot install the plugin")
                    .help(
                        "point `source` at the plugin's folder, relative to the marketplace's root",
                    ),
                );
                continue;
            }
            let entry = MarketplaceEntry {
                name: name.to_owned(),
                manifest_display: manifest_display.clone(),
                agents: list("agents"),
                skills: list("skills"),
                span,
            };
            self.plugin(&plugin_dir, &display, name, Some(&entry));
        }
        self.manifests.push(source);
    }

    /// One plugin at `dir`, shown as `display`; `fallback_name` names it when it has no manifest.
    fn plugin(
        &mut self,
        dir: &Path,
        display: &str,
        fallback_name: &str,
        entry: Option<&MarketplaceEntry>,
    ) {
        self.tracked.push(dir.to_path_buf());
        let manifest_path = dir.join(PLUGIN_MANIFEST);
        let manifest_display = format!("{display}/{PLUGIN_MANIFEST}");
        let mut name = entry.map_or(fallback_name.to_owned(), |e| e.name.clone());
        let mut agent_paths: Option<(Vec<String>, SourceFile)> = None;
        let mut skill_paths: Vec<(String, Option<Span>)> = Vec::new();
        let has_manifest = manifest_path.is_file();
        if has_manifest {
            self.tracked.push(manifest_path.clone());
            let Some((manifest_name, agents, skills, source)) =
                self.read_plugin_manifest(&manifest_path, &manifest_display)
            else {
                return;
            };
            name = manifest_name;
            if let Some(agents) = agents {
                agent_paths = Some((agents, source.clone()));
            }
            skill_paths = skills
                .into_iter()
                .map(|s| {
                    let span = json_span(
                        &source,
                        &serde_json::to_string(&s).unwrap_or_default(),
                        None,
                    );
                    (s, span)
                })
                .collect();
            self.manifests.push(source);
        }
        let before = (self.agents.len(), self.skills.len());
        // Agents: `agents/`, unless the manifest lists its agent files.
        let agents_dir = dir.join("agents");
        match &agent_paths {
            None => {
                if agents_dir.is_dir() {
                    self.tracked.push(agents_dir.clone());
                    self.walk_plugin_agents(
                        &agents_dir,
                        &format!("{display}/agents"),
                        &name,
                        &mut Vec::new(),
                        &mut 0,
                    );
                }
            }
            Some((listed, source)) => {
                let mut loaded = HashSet::new();
                for relative in listed {
                    let span = json_span(
                        source,
                        &serde_json::to_string(relative).unwrap_or_default(),
                        None,
                    );
                    self.listed_agent(
                        dir,
                        display,
                        relative,
                        &name,
                        &mut loaded,
                        span,
                        &manifest_display,
                    );
                }
                // Files of `agents/` the list leaves out: Claude Code does not load them.
                if agents_dir.is_dir() {
                    let mut left_out = Plan::default();
                    left_out.walk_plugin_agents(
                        &agents_dir,
                        &format!("{display}/agents"),
                        &name,
                        &mut Vec::new(),
                        &mut 0,
                    );
                    let missing: Vec<String> = left_out
                        .agents
                        .iter()
                        .filter(|a| {
                            !loaded
                                .contains(&a.path.canonicalize().unwrap_or_else(|_| a.path.clone()))
                        })
                        .map(|a| a.display.clone())
                        .collect();
                    if !missing.is_empty() {
                        self.diagnostics.push(
                            Diagnostic::new(
                                Code::InvalidManifest,
                                &manifest_display,
                                format!(
                                    "Claude Code does not load {} agent file{} of `agents/`: the manifest lists its agents",
                                    missing.len(),
                                    if missing.len() == 1 { "" } else { "s" }
                                ),
                            )
                            .at(json_span(source, "\"agents\"", None))
                            .note(format!("not loaded: {}", missing.join(", ")))
                            .note("when the manifest sets `agents`, Claude Code loads the files it lists instead of the `agents/` folder")
                            .help("list these files in `agents` too (`\"./agents/x.md\"`), or remove `agents` from the manifest"),
                        );
                    }
                }
            }
        }
        if let Some(entry) = entry {
            let mut loaded = HashSet::new();
            for relative in &entry.agents {
                let known = lexical(relative).map(|n| dir.join(n));
                if self.agents.iter().any(|a| Some(&a.path) == known.as_ref()) {
                    continue;
                }
                self.listed_agent(
                    dir,
                    display,
                    relative,
                    &name,
                    &mut loaded,
                    entry.span.clone(),
                    &entry.manifest_display,
                );
            }
        }
        self.command_names(&dir.join("commands"), Some(&name));
        // Skills: `skills/`, what the manifest and the marketplace entry list, or a SKILL.md at
        // the plugin's root.
        let skills_dir = dir.join("skills");
        if skills_dir.is_dir() {
            self.tracked.push(skills_dir.clone());
            self.skill_folder(&skills_dir, &format!("{display}/skills"), Some(&name));
        }
        let entry_skills = entry
            .map(|e| {
                e.skills
                    .iter()
                    .map(|s| (s.clone(), e.span.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        for (relative, span) in skill_paths.iter().cloned().chain(entry_skills) {
            let path = dir.join(&relative);
            let trimmed = relative.trim_start_matches("./").trim_end_matches('/');
            if path.canonicalize().ok() == skills_dir.canonicalize().ok() && skills_dir.is_dir() {
                continue;
            }
            let shown = if trimmed.is_empty() || trimmed == "." {
                display.to_owned()
            } else {
                format!("{display}/{trimmed}")
            };
            if !path.is_dir() {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::InvalidManifest,
                        &manifest_display,
                        format!("skill path `{relative}` of the plugin `{name}` is not a folder"),
                    )
                    .at(span)
                    .note("Claude Code loads no skill from it")
                    .help("point the path at a skill's folder (holding SKILL.md) or a folder of them, relative to the plugin's root"),
                );
                continue;
            }
            if path.join(SKILL_FILE).is_file() {
                let folder = if trimmed.is_empty() || trimmed == "." {
                    folder_name(dir)
                } else {
                    folder_name(&path)
                };
                self.one_skill(&path, &shown, &folder, Some(&name));
            } else {
                self.skill_folder(&path, &shown, Some(&name));
            }
        }
        if !skills_dir.is_dir()
            && skill_paths.is_empty()
            && entry.is_none_or(|e| e.skills.is_empty())
        {
            self.one_skill(dir, display, &folder_name(dir), Some(&name));
        }
        let loads_nothing = (self.agents.len(), self.skills.len()) == before;
        if loads_nothing {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidPath,
                    display,
                    format!("the plugin `{name}` has no agent and no skill"),
                )
                .note(match agent_paths {
                    Some(_) => "its manifest lists its agent files, and none of them exists",
                    None => "Claude Code loads a plugin's agents from `agents/` and its skills from `skills/<name>/SKILL.md`",
                })
                .help("add agent files under `agents/` or skills under `skills/`, or fix the manifest's paths"),
            );
        }
        self.plugins.push(PluginInfo {
            name,
            display: display.to_owned(),
            manifest: has_manifest,
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn listed_agent(
        &mut self,
        plugin_dir: &Path,
        display: &str,
        relative: &str,
        plugin: &str,
        loaded: &mut HashSet<PathBuf>,
        span: Option<Span>,
        manifest_display: &str,
    ) {
        // Claude Code resolves the path as text (`./agents/../x.md` is `./x.md`), inside the plugin.
        let Some(normal) = lexical(relative) else {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidManifest,
                    manifest_display,
                    format!("agent path `{relative}` of the plugin `{plugin}` leaves the plugin's folder"),
                )
                .at(span)
                .note("Claude Code refuses paths that escape the plugin's folder and loads nothing from them")
                .help("keep the plugin's agent files inside its folder"),
            );
            return;
        };
        let path = &plugin_dir.join(&normal);
        let relative = &format!("./{normal}");
        if !path.is_file() {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidManifest,
                    manifest_display,
                    format!("agent path `{relative}` of the plugin `{plugin}` does not exist"),
                )
                .at(span)
                .note("Claude Code logs \"specified in manifest but not found\" and loads nothing from it")
                .help("fix the path (relative to the plugin's root, starting with `./`)"),
            );
            return;
        }
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if !loaded.insert(canonical) {
            return;
        }
        self.tracked.push(path.to_path_buf());
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let trimmed = relative.trim_start_matches("./");
        self.agents.push(AgentSource {
            path: path.to_path_buf(),
            display: format!("{display}/{trimmed}"),
            plugin: Some(plugin.to_owned()),
            namespace: Vec::new(),
            file_name,
        });
    }

    /// Walks a plugin's agents folder as Claude Code does: `.md` files in any case of the
    /// extension, each subfolder a segment of the names below it, links not followed.
    fn walk_plugin_agents(
        &mut self,
        dir: &Path,
        display: &str,
        plugin: &str,
        namespace: &mut Vec<String>,
        folders: &mut usize,
    ) {
        *folders += 1;
        if namespace.len() >= MAX_PLUGIN_DEPTH || *folders > MAX_PLUGIN_FOLDERS {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::UnreadableFile,
                    display,
                    "Claude Code does not walk this deep into a plugin's agents",
                )
                .note(format!(
                    "Claude Code stops at {MAX_PLUGIN_DEPTH} folders deep and after {MAX_PLUGIN_FOLDERS} folders"
                )),
            );
            return;
        }
        let Ok(entries) = std::fs::read_dir(dir) else {
            self.diagnostics.push(Diagnostic::new(
                Code::UnreadableFile,
                display,
                "cannot read this folder of plugin agents",
            ));
            return;
        };
        let mut entries: Vec<(String, PathBuf, std::fs::FileType)> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let kind = e.file_type().ok()?;
                Some((e.file_name().to_string_lossy().into_owned(), e.path(), kind))
            })
            .collect();
        entries.sort_by(|a, b| js_path_order(&a.0, &b.0));
        for (name, path, kind) in entries {
            let shown = format!("{display}/{name}");
            if kind.is_symlink() {
                if name.to_lowercase().ends_with(".md") || path.is_dir() {
                    self.diagnostics.push(
                        Diagnostic::new(Code::UnreadableFile, &shown, "a link in a plugin's agents")
                            .note("Claude Code does not follow links in a plugin's agents folder: it loads nothing from it")
                            .help("replace the link with the file or folder itself"),
                    );
                }
                continue;
            }
            if kind.is_dir() {
                let normal = name.trim_end_matches(['.', ' ']).to_lowercase();
                if normal == ".mcpb-cache" {
                    continue;
                }
                namespace.push(name.clone());
                self.walk_plugin_agents(&path, &shown, plugin, namespace, folders);
                namespace.pop();
            } else if kind.is_file() && name.to_lowercase().ends_with(".md") {
                self.agents.push(AgentSource {
                    path,
                    display: shown,
                    plugin: Some(plugin.to_owned()),
                    namespace: namespace.clone(),
                    file_name: name,
                });
            }
        }
    }

    /// Reads and checks `plugin.json` as Claude Code does: `None` when it refuses it (the plugin
    /// loads nothing; the reason is a diagnostic). Else the plugin's name, its `agents` paths
    /// when given, its `skills` paths, and the manifest as a source.
    #[allow(clippy::type_complexity)]
    fn read_plugin_manifest(
        &mut self,
        path: &Path,
        display: &str,
    ) -> Option<(String, Option<Vec<String>>, Vec<String>, SourceFile)> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.diagnostics.push(Diagnostic::new(
                    Code::InvalidManifest,
                    display,
                    format!("cannot read the plugin's manifest: {e}"),
                ));
                return None;
            }
        };
        let source = SourceFile::new(display, &bytes);
        let refused = |message: String, span: Option<Span>| {
            Diagnostic::new(Code::InvalidManifest, display, message)
                .at(span)
                .note("Claude Code refuses the manifest and loads nothing of the plugin: none of its agents and skills exist")
        };
        let json: Json = match serde_json::from_str(&source.text) {
            Ok(json) => json,
            Err(e) => {
                let at = source.offset_of(e.line(), e.column().saturating_sub(1));
                let location = source.location(at..at);
                self.diagnostics.push(
                    refused(
                        format!("the plugin's manifest is not JSON: {e}"),
                        Some(Span {
                            line: location.line,
                            column: location.column,
                            bytes: location.bytes,
                        }),
                    )
                    .help("write the manifest as JSON: `{\"name\": \"my-plugin\"}`"),
                );
                self.manifests.push(source);
                return None;
            }
        };
        let mut problems = Vec::new();
        let name =
            match json.get("name") {
                Some(Json::String(name)) => {
                    if let Some(problem) = plugin_name_problem(name) {
                        problems.push(refused(
                        problem.to_owned(),
                        json_span(&source, &serde_json::to_string(name).unwrap_or_default(), None),
                    ).help("give the plugin a kebab-case `name`, e.g. `\"name\": \"my-plugin\"`"));
                    }
                    name.clone()
                }
                _ => {
                    problems.push(
                        refused(
                            "the plugin's manifest has no `name`".to_owned(),
                            json_span(&source, "\"name\"", None),
                        )
                        .help("add `\"name\": \"my-plugin\"` (a manifest must name its plugin)"),
                    );
                    String::new()
                }
            };
        let agents = match json.get("agents") {
            None | Some(Json::Null) => None,
            Some(value) => match paths_of(value, "agents") {
                Err(problem) => {
                    problems.push(
                        refused(problem, json_span(&source, "\"agents\"", None))
                            .help("write `\"agents\": [\"./agents/reviewer.md\"]`: agent files, each starting with `./` and ending in `.md`"),
                    );
                    None
                }
                Ok(paths) => {
                    for p in &paths {
                        let problem = if !p.starts_with("./") {
                            Some("must start with `./`")
                        } else if !p.ends_with(".md") {
                            Some("must end with `.md` (a folder cannot be listed)")
                        } else {
                            None
                        };
                        if let Some(problem) = problem {
                            problems.push(
                                refused(
                                    format!("agent path `{p}` {problem}"),
                                    json_span(&source, &serde_json::to_string(p).unwrap_or_default(), None),
                                )
                                .help("list agent files relative to the plugin's root, e.g. `\"./agents/reviewer.md\"`; without `agents`, Claude Code loads every file of `agents/`"),
                            );
                        }
                    }
                    Some(paths)
                }
            },
        };
        let skills = match json.get("skills") {
            None | Some(Json::Null) => Vec::new(),
            Some(value) => match paths_of(value, "skills") {
                Err(problem) => {
                    problems.push(refused(problem, json_span(&source, "\"skills\"", None)));
                    Vec::new()
                }
                Ok(paths) => {
                    for p in &paths {
                        if !(p == "." || p.starts_with("./")) {
                            problems.push(refused(
                                format!("skill path `{p}` must be `.` or start with `./`"),
                                json_span(
                                    &source,
                                    &serde_json::to_string(p).unwrap_or_default(),
                                    None,
                                ),
                            ));
                        }
                    }
                    paths
                }
            },
        };
        if !problems.is_empty() {
            self.diagnostics.extend(problems);
            self.manifests.push(source);
            return None;
        }
        Some((name, agents, skills, source))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("agentgen-layout-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch");
        dir
    }

    fn write(root: &Path, relative: &str, text: &str) {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    #[test]
    fn detects_layouts() {
        let root = scratch("detect");
        write(&root, "p/.claude-plugin/plugin.json", "{\"name\": \"p\"}");
        write(&root, "m/.claude-plugin/marketplace.json", "{}");
        write(&root, ".claude/agents/a.md", "");
        assert_eq!(Layout::detect(&root.join("p")), Layout::Plugin);
        assert_eq!(Layout::detect(&root.join("m")), Layout::Marketplace);
        assert_eq!(Layout::detect(&root.join(".claude")), Layout::Claude);
        assert_eq!(Layout::detect(&root.join(".claude/agents")), Layout::Agents);
        for layout in Layout::ALL {
            assert_eq!(Layout::from_name(layout.as_str()), Some(*layout));
        }
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn plugin_agents_get_segments_and_manifests_rename() {
        let root = scratch("plugin");
        write(
            &root,
            "folder/.claude-plugin/plugin.json",
            "{\"name\": \"named\"}",
        );
        write(&root, "folder/agents/a.md", "");
        write(&root, "folder/agents/review/SECURITY.MD", "");
        write(&root, "folder/agents/notes.txt", "");
        write(&root, "folder/skills/s/SKILL.md", "");
        write(&root, "folder/skills/lower/skill.md", "");
        let plan = plan(&root.join("folder"), "folder", Layout::Plugin);
        assert!(plan.diagnostics.is_empty(), "{:?}", plan.diagnostics);
        let agents: Vec<(&str, Vec<String>)> = plan
            .agents
            .iter()
            .map(|a| (a.display.as_str(), a.namespace.clone()))
            .collect();
        assert_eq!(
            agents,
            [
                ("folder/agents/a.md", vec![]),
                (
                    "folder/agents/review/SECURITY.MD",
                    vec!["review".to_owned()]
                )
            ]
        );
        assert!(
            plan.agents
                .iter()
                .all(|a| a.plugin.as_deref() == Some("named"))
        );
        assert_eq!(plan.skills.len(), 1);
        assert_eq!(plan.skills[0].plugin.as_deref(), Some("named"));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn manifests_claude_code_refuses_load_nothing() {
        let root = scratch("refused");
        write(
            &root,
            "a/.claude-plugin/plugin.json",
            "{\"name\": \"a\", \"agents\": [\"./custom/\"]}",
        );
        write(&root, "a/agents/x.md", "");
        write(&root, "b/.claude-plugin/plugin.json", "{\"name\": \"b c\"}");
        write(&root, "b/agents/x.md", "");
        write(
            &root,
            "c/.claude-plugin/plugin.json",
            "{\"name\": \"c\", \"agents\": [\"./one.md\", \"./gone.md\"]}",
        );
        write(&root, "c/one.md", "");
        write(&root, "c/agents/left-out.md", "");
        let plan = plan(&root, "root", Layout::Plugins);
        let messages: Vec<&str> = plan
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert!(
            messages.iter().any(|m| m.contains("must end with `.md`")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("cannot contain spaces")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("`./gone.md`")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("does not load 1 agent file")),
            "{messages:?}"
        );
        let shown: Vec<&str> = plan.agents.iter().map(|a| a.display.as_str()).collect();
        assert_eq!(shown, ["root/c/one.md"]);
        assert!(
            plan.diagnostics
                .iter()
                .all(|d| d.code == Code::InvalidManifest)
        );
        let _ = std::fs::remove_dir_all(&root);
    }
}
