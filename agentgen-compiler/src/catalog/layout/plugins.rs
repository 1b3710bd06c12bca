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

/// Which manifest a message is about, and what Claude Code does when it refuses it.
struct ManifestKind {
    /// `the plugin's manifest`, `the marketplace's manifest`.
    what: &'static str,
    /// The note of every problem that makes Claude Code refuse the manifest.
    refused_note: &'static str,
    /// How to write the manifest as JSON.
    json_help: &'static str,
}

const PLUGIN: ManifestKind = ManifestKind {
    what: "the plugin's manifest",
    refused_note: "Claude Code refuses the manifest and loads nothing of the plugin: none of its agents and skills exist",
    json_help: "write the manifest as JSON: `{\"name\": \"my-plugin\"}`",
};

const MARKETPLACE: ManifestKind = ManifestKind {
    what: "the marketplace's manifest",
    refused_note: "Claude Code refuses the marketplace: none of its plugins can be installed",
    json_help: "write `{\"name\": \"my-marketplace\", \"owner\": {\"name\": \"…\"}, \"plugins\": [{\"name\": \"…\", \"source\": \"./plugins/…\"}]}`",
};

impl ManifestKind {
    /// An `invalid-manifest` error that makes Claude Code refuse the manifest (`display`).
    fn refused(&self, display: &str, message: String, span: Option<Span>) -> Diagnostic {
        Diagnostic::new(Code::InvalidManifest, display, message)
            .at(span)
            .note(self.refused_note)
    }
}

/// A plugin being planned: its folder, how it and its manifest are shown, its name.
struct PluginPlace<'a> {
    dir: &'a Path,
    display: &'a str,
    manifest_display: &'a str,
    name: &'a str,
}

/// What a plugin's manifest says, as Claude Code reads it.
struct PluginManifest {
    name: String,
    /// `agents`: the agent files it lists (instead of `agents/`), and the manifest to point into.
    agents: Option<(Vec<String>, SourceFile)>,
    /// `skills`: the skill folders it lists, each where it is in the manifest.
    skills: Vec<(String, Option<Span>)>,
}

/// A local marketplace entry's `source` (a string, or an object's `source`): `./…` or `.`.
fn local_source(entry: &Json) -> Option<String> {
    let source = match entry.get("source") {
        Some(Json::String(s)) => Some(s.clone()),
        Some(Json::Object(object)) => match object.get("source").and_then(Json::as_str) {
            Some(kind) if kind.starts_with("./") || kind == "." => Some(kind.to_owned()),
            _ => None,
        },
        _ => None,
    };
    source.filter(|s| s.starts_with("./") || s == ".")
}

/// The span of a JSON-encoded `text` in a manifest.
fn string_span(source: &SourceFile, text: &str, after: Option<usize>) -> Option<Span> {
    json_span(
        source,
        &serde_json::to_string(text).unwrap_or_default(),
        after,
    )
}

impl Plan {
    /// Reads a manifest as JSON. `None` when it cannot be read or is not JSON: a diagnostic
    /// says so (and a manifest that is not JSON is kept, for the message to point into).
    fn read_manifest_json(
        &mut self,
        path: &Path,
        display: &str,
        kind: &ManifestKind,
    ) -> Option<(SourceFile, Json)> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                self.diagnostics.push(Diagnostic::new(
                    Code::InvalidManifest,
                    display,
                    format!("cannot read {}: {e}", kind.what),
                ));
                return None;
            }
        };
        let source = SourceFile::new(display, &bytes);
        match serde_json::from_str(&source.text) {
            Ok(json) => Some((source, json)),
            Err(e) => {
                let at = source.offset_of(e.line(), e.column().saturating_sub(1));
                let location = source.span(at..at);
                self.diagnostics.push(
                    kind.refused(
                        display,
                        format!("{} is not JSON: {e}", kind.what),
                        Some(location),
                    )
                    .help(kind.json_help),
                );
                self.manifests.push(source);
                None
            }
        }
    }

    pub(super) fn marketplace(&mut self, dir: &Path, display_root: &str) {
        let manifest_display = format!("{display_root}/{MARKETPLACE_MANIFEST}");
        let path = dir.join(MARKETPLACE_MANIFEST);
        self.tracked.push(path.clone());
        let Some((source, json)) = self.read_manifest_json(&path, &manifest_display, &MARKETPLACE)
        else {
            return;
        };
        let refused = |message: String, span| MARKETPLACE.refused(&manifest_display, message, span);
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
            let span = string_span(&source, name, cursor);
            if let Some(span) = &span {
                cursor = Some(span.bytes.end);
            }
            let found = MarketplaceEntry {
                name: name.to_owned(),
                manifest_display: manifest_display.clone(),
                agents: Vec::new(),
                skills: Vec::new(),
                index,
                span,
            };
            if plugin_name_problem(name).is_some() || seen.insert(name.to_owned()) {
                self.marketplace_plugin(dir, display_root, entry, found);
            } else {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::InvalidManifest,
                        &manifest_display,
                        format!("the marketplace lists the plugin `{name}` twice"),
                    )
                    .at(found.span)
                    .note("Claude Code installs one plugin of a name")
                    .help("rename one of the entries"),
                );
            }
        }
        self.manifests.push(source);
    }

    /// The plugin of one marketplace entry (`found`, its `agents` and `skills` still to read
    /// from `entry`), when its name is valid and its `source` a folder of the marketplace.
    fn marketplace_plugin(
        &mut self,
        dir: &Path,
        display_root: &str,
        entry: &Json,
        mut found: MarketplaceEntry,
    ) {
        let (name, manifest_display, span) = (&found.name, &found.manifest_display, &found.span);
        if let Some(problem) = plugin_name_problem(name) {
            self.diagnostics.push(
                MARKETPLACE
                    .refused(
                        manifest_display,
                        format!("plugin {} of the marketplace: {problem}", found.index),
                        span.clone(),
                    )
                    .help("give each plugin a `name` in kebab-case"),
            );
            return;
        }
        let Some(source_path) = local_source(entry) else {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::IgnoredValue,
                    manifest_display,
                    format!("the plugin `{name}` comes from elsewhere (its `source` is not a `./` path): agentgen does not fetch it"),
                )
                .at(span.clone())
                .note("its agents and skills are not part of this catalog")
                .help("declare the agents and skills of other plugins this catalog names under `[agents] external` and `[skills] external`"),
            );
            return;
        };
        let plugin_dir = dir.join(&source_path);
        if !plugin_dir.is_dir() {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidManifest,
                    manifest_display,
                    format!("the plugin `{name}`'s source `{source_path}` is not a folder"),
                )
                .at(span.clone())
                .note("Claude Code cannot install the plugin")
                .help("point `source` at the plugin's folder, relative to the marketplace's root"),
            );
            return;
        }
        let display = format!(
            "{display_root}/{}",
            source_path.trim_start_matches("./").trim_end_matches('/')
        )
        .trim_end_matches('/')
        .to_owned();
        let list = |key: &str| {
            entry
                .get(key)
                .map(|v| paths_of(v, key).unwrap_or_default())
                .unwrap_or_default()
        };
        found.agents = list("agents");
        found.skills = list("skills");
        let name = found.name.clone();
        self.plugin(&plugin_dir, &display, &name, Some(&found));
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
        let has_manifest = manifest_path.is_file();
        let manifest = if has_manifest {
            self.tracked.push(manifest_path.clone());
            let Some(manifest) = self.read_plugin_manifest(&manifest_path, &manifest_display)
            else {
                return;
            };
            Some(manifest)
        } else {
            None
        };
        let name = match &manifest {
            Some(manifest) => manifest.name.clone(),
            None => entry.map_or(fallback_name.to_owned(), |e| e.name.clone()),
        };
        let place = PluginPlace {
            dir,
            display,
            manifest_display: &manifest_display,
            name: &name,
        };
        let (agent_paths, skill_paths) =
            manifest.map_or((None, Vec::new()), |m| (m.agents, m.skills));
        let before = (self.agents.len(), self.skills.len());
        match &agent_paths {
            None => self.plugin_agents_folder(&place),
            Some((listed, source)) => self.listed_agents(&place, listed, source),
        }
        if let Some(entry) = entry {
            self.entry_agents(&place, entry);
        }
        self.command_files(
            &dir.join("commands"),
            &format!("{display}/commands"),
            Some(&name),
        );
        self.plugin_skills(&place, &skill_paths, entry);
        if (self.agents.len(), self.skills.len()) == before {
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

    /// A plugin's agents when its manifest does not list them: the files of `agents/`.
    fn plugin_agents_folder(&mut self, place: &PluginPlace<'_>) {
        let agents_dir = place.dir.join("agents");
        if agents_dir.is_dir() {
            self.tracked.push(agents_dir.clone());
            self.walk_plugin_agents(
                &agents_dir,
                &format!("{}/agents", place.display),
                place.name,
                &mut Vec::new(),
                &mut 0,
            );
        }
    }

    /// The agent files the plugin's manifest (`source`) lists, instead of `agents/`; the files
    /// of `agents/` it leaves out are reported, since Claude Code does not load them.
    fn listed_agents(&mut self, place: &PluginPlace<'_>, listed: &[String], source: &SourceFile) {
        let mut loaded = HashSet::new();
        for relative in listed {
            let span = string_span(source, relative, None);
            self.listed_agent(place, relative, &mut loaded, span, place.manifest_display);
        }
        let agents_dir = place.dir.join("agents");
        if !agents_dir.is_dir() {
            return;
        }
        let mut left_out = Plan::default();
        left_out.walk_plugin_agents(
            &agents_dir,
            &format!("{}/agents", place.display),
            place.name,
            &mut Vec::new(),
            &mut 0,
        );
        let missing: Vec<String> = left_out
            .agents
            .iter()
            .filter(|a| !loaded.contains(&a.path.canonicalize().unwrap_or_else(|_| a.path.clone())))
            .map(|a| a.display.clone())
            .collect();
        if !missing.is_empty() {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidManifest,
                    place.manifest_display,
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

    /// The agent files a marketplace entry lists, beyond the plugin's own.
    fn entry_agents(&mut self, place: &PluginPlace<'_>, entry: &MarketplaceEntry) {
        let mut loaded = HashSet::new();
        for relative in &entry.agents {
            let known = lexical(relative).map(|n| place.dir.join(n));
            if self.agents.iter().any(|a| Some(&a.path) == known.as_ref()) {
                continue;
            }
            self.listed_agent(
                place,
                relative,
                &mut loaded,
                entry.span.clone(),
                &entry.manifest_display,
            );
        }
    }

    /// A plugin's skills: `skills/`, what the manifest (`skill_paths`) and the marketplace
    /// entry list, or a SKILL.md at the plugin's root when it has none of these.
    fn plugin_skills(
        &mut self,
        place: &PluginPlace<'_>,
        skill_paths: &[(String, Option<Span>)],
        entry: Option<&MarketplaceEntry>,
    ) {
        let (dir, display, name) = (place.dir, place.display, place.name);
        let skills_dir = dir.join("skills");
        if skills_dir.is_dir() {
            self.tracked.push(skills_dir.clone());
            self.skill_folder(&skills_dir, &format!("{display}/skills"), Some(name));
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
            if path.canonicalize().ok() == skills_dir.canonicalize().ok() && skills_dir.is_dir() {
                continue;
            }
            self.listed_skills(place, &relative, &path, span);
        }
        if !skills_dir.is_dir()
            && skill_paths.is_empty()
            && entry.is_none_or(|e| e.skills.is_empty())
        {
            self.one_skill(dir, display, &folder_name(dir), Some(name));
        }
    }

    /// The skill folder, or folder of skill folders, `relative` (at `path`) that a plugin's
    /// manifest or marketplace entry lists.
    fn listed_skills(
        &mut self,
        place: &PluginPlace<'_>,
        relative: &str,
        path: &Path,
        span: Option<Span>,
    ) {
        let (dir, display, name) = (place.dir, place.display, place.name);
        let trimmed = relative.trim_start_matches("./").trim_end_matches('/');
        let at_root = trimmed.is_empty() || trimmed == ".";
        let shown = if at_root {
            display.to_owned()
        } else {
            format!("{display}/{trimmed}")
        };
        if !path.is_dir() {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidManifest,
                    place.manifest_display,
                    format!("skill path `{relative}` of the plugin `{name}` is not a folder"),
                )
                .at(span)
                .note("Claude Code loads no skill from it")
                .help("point the path at a skill's folder (holding SKILL.md) or a folder of them, relative to the plugin's root"),
            );
            return;
        }
        if path.join(SKILL_FILE).is_file() {
            let folder = folder_name(if at_root { dir } else { path });
            self.one_skill(path, &shown, &folder, Some(name));
        } else {
            self.skill_folder(path, &shown, Some(name));
        }
    }

    fn listed_agent(
        &mut self,
        place: &PluginPlace<'_>,
        relative: &str,
        loaded: &mut HashSet<PathBuf>,
        span: Option<Span>,
        manifest_display: &str,
    ) {
        let (plugin_dir, display, plugin) = (place.dir, place.display, place.name);
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
    /// loads nothing; the reason is a diagnostic). The manifest is kept as a source either way.
    fn read_plugin_manifest(&mut self, path: &Path, display: &str) -> Option<PluginManifest> {
        let (source, json) = self.read_manifest_json(path, display, &PLUGIN)?;
        let mut problems = Vec::new();
        let name = manifest_name(&json, &source, &mut problems);
        let agents = manifest_agents(&json, &source, &mut problems);
        let skills = manifest_skills(&json, &source, &mut problems);
        if !problems.is_empty() {
            self.diagnostics.extend(problems);
            self.manifests.push(source);
            return None;
        }
        let skills = skills
            .into_iter()
            .map(|s| {
                let span = string_span(&source, &s, None);
                (s, span)
            })
            .collect();
        let agents = agents.map(|agents| (agents, source.clone()));
        self.manifests.push(source);
        Some(PluginManifest {
            name,
            agents,
            skills,
        })
    }
}

/// A plugin manifest's `name`; a missing or invalid one is a problem.
fn manifest_name(json: &Json, source: &SourceFile, problems: &mut Vec<Diagnostic>) -> String {
    let display = &source.display_path;
    match json.get("name") {
        Some(Json::String(name)) => {
            if let Some(problem) = plugin_name_problem(name) {
                problems.push(
                    PLUGIN
                        .refused(display, problem.to_owned(), string_span(source, name, None))
                        .help(
                            "give the plugin a kebab-case `name`, e.g. `\"name\": \"my-plugin\"`",
                        ),
                );
            }
            name.clone()
        }
        _ => {
            problems.push(
                PLUGIN
                    .refused(
                        display,
                        "the plugin's manifest has no `name`".to_owned(),
                        json_span(source, "\"name\"", None),
                    )
                    .help("add `\"name\": \"my-plugin\"` (a manifest must name its plugin)"),
            );
            String::new()
        }
    }
}

/// A plugin manifest's `agents`: `None` without it; each path must start with `./` and end in
/// `.md`, else a problem.
fn manifest_agents(
    json: &Json,
    source: &SourceFile,
    problems: &mut Vec<Diagnostic>,
) -> Option<Vec<String>> {
    let display = &source.display_path;
    let value = json.get("agents").filter(|v| !v.is_null())?;
    let paths = match paths_of(value, "agents") {
        Ok(paths) => paths,
        Err(problem) => {
            problems.push(
                PLUGIN
                    .refused(display, problem, json_span(source, "\"agents\"", None))
                    .help("write `\"agents\": [\"./agents/reviewer.md\"]`: agent files, each starting with `./` and ending in `.md`"),
            );
            return None;
        }
    };
    for p in &paths {
        let problem = if !p.starts_with("./") {
            "must start with `./`"
        } else if !p.ends_with(".md") {
            "must end with `.md` (a folder cannot be listed)"
        } else {
            continue;
        };
        problems.push(
            PLUGIN
                .refused(display, format!("agent path `{p}` {problem}"), string_span(source, p, None))
                .help("list agent files relative to the plugin's root, e.g. `\"./agents/reviewer.md\"`; without `agents`, Claude Code loads every file of `agents/`"),
        );
    }
    Some(paths)
}

/// A plugin manifest's `skills` (empty without it); each path must be `.` or start with `./`,
/// else a problem.
fn manifest_skills(
    json: &Json,
    source: &SourceFile,
    problems: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let display = &source.display_path;
    let Some(value) = json.get("skills").filter(|v| !v.is_null()) else {
        return Vec::new();
    };
    let paths = match paths_of(value, "skills") {
        Ok(paths) => paths,
        Err(problem) => {
            problems.push(PLUGIN.refused(display, problem, json_span(source, "\"skills\"", None)));
            return Vec::new();
        }
    };
    for p in &paths {
        if !(p == "." || p.starts_with("./")) {
            problems.push(PLUGIN.refused(
                display,
                format!("skill path `{p}` must be `.` or start with `./`"),
                string_span(source, p, None),
            ));
        }
    }
    paths
}
