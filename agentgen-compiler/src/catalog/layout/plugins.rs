//! Plugins and marketplaces: their manifests, checked as Claude Code 2.1.332 checks them, their
//! agents (walked as Claude Code walks a plugin's `agents/`, or the files the manifest lists),
//! skills and commands. Source: see the parent module.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use super::{
    AgentSource, MARKETPLACE_MANIFEST, MAX_PLUGIN_DEPTH, MAX_PLUGIN_FOLDERS, PLUGIN_MANIFEST, Plan,
    PluginInfo, folder_name,
};
use crate::catalog::walk::js_path_order;
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::read::skill::SKILL_FILE;
use crate::source::SourceFile;

/// A marketplace entry's contribution to its plugin.
pub(super) struct MarketplaceEntry {
    name: String,
    /// `marketplace.json`, as shown in messages.
    manifest_display: String,
    agents: Vec<String>,
    skills: Vec<String>,
    /// Its index in `marketplace.json`'s `plugins`.
    index: usize,
    /// Where the entry is in `marketplace.json`.
    span: Option<Span>,
}

/// A manifest's text as a source for messages, and the span of the first `needle` after
/// `after` (a JSON-encoded string or key), for pointing into it.
fn json_span(source: &SourceFile, needle: &str, after: Option<usize>) -> Option<Span> {
    let start = after.unwrap_or(0).min(source.text.len());
    let at = source.text[start..].find(needle)? + start;
    let location = source.span(at..at + needle.len());
    Some(location)
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
    pub(super) fn marketplace(&mut self, dir: &Path, display_root: &str) {
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
                let location = source.span(at..at);
                self.diagnostics.push(
                    refused(
                        format!("the marketplace's manifest is not JSON: {e}"),
                        Some(location),
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
                index,
                span,
            };
            self.plugin(&plugin_dir, &display, name, Some(&entry));
        }
        self.manifests.push(source);
    }

    /// One plugin at `dir`, shown as `display`; `fallback_name` names it when it has no manifest.
    pub(super) fn plugin(
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
        self.command_files(
            &dir.join("commands"),
            &format!("{display}/commands"),
            Some(&name),
        );
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
            dir: dir.to_path_buf(),
            marketplace_entry: entry.map(|e| e.index),
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
                let location = source.span(at..at);
                self.diagnostics.push(
                    refused(
                        format!("the plugin's manifest is not JSON: {e}"),
                        Some(location),
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
