//! Layouts: what a catalog's folder is — a bare agents folder, a Claude Code project's `.claude/`,
//! a plugin, a folder of plugins, a marketplace — and so where Claude Code finds its agents and
//! skills and how it names them.
//!
//! Source: Claude Code 2.1.332's plugin loader and its manifest schemas, confirmed on the offline
//! CLI (`--plugin-dir`, `claude plugin marketplace add` and `install`;
//! docs/guide/claude-projects-skills-plugins.md):
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

use std::path::{Path, PathBuf};

use super::walk::{find_agent_files, js_path_order};
use crate::config::Layout;
use crate::diagnostic::{Code, Diagnostic};
use crate::read::skill::SKILL_FILE;
use crate::registry::{MARKETPLACE_MANIFEST, PLUGIN_MANIFEST};
use crate::source::SourceFile;

mod files;
mod plugins;

pub use files::{read_agent_source, read_command_source, read_skill_source};

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
    /// Its folder on disk (`export --format plugin` copies it).
    pub dir: PathBuf,
    /// For a plugin of a marketplace: the index of its entry in `marketplace.json`'s `plugins`.
    pub marketplace_entry: Option<usize>,
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
///
/// Found as Claude Code 2.1.332 finds them: a project's `.claude/commands/` like a project's
/// agents (every `.md` file, links followed), a plugin's `commands/` like a plugin's agents
/// (`.md` in any case, links not followed). In a folder with a `SKILL.md` (any case) that file
/// is the only command, named after its folder (`commands/tools/lint/SKILL.md` is `tools:lint`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// Its name: the path below `commands/` without `.md`, folders joined by `:`, after the
    /// plugin's name (`grp:deploy`, `plugin:grp:deploy`). A plugin command's frontmatter `name`
    /// replaces the last segment once the file is read (`plugin:grp:renamed`).
    pub name: String,
    /// The plugin it belongs to.
    pub plugin: Option<String>,
    /// Its path below `commands/`, `/`-separated (`grp/deploy.md`).
    pub relative: String,
    /// The file on disk.
    pub path: PathBuf,
    /// The file as shown in messages (`.claude/commands/grp/deploy.md`).
    pub display: String,
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
            plan.command_files(
                &dir.join("commands"),
                &format!("{display_root}/commands"),
                None,
            );
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

/// A plugin's command files below `dir` as Claude Code walks them: `.md` in any case, links not
/// followed, `.mcpb-cache` left out, at most 32 folders deep; a folder with a `SKILL.md` is not
/// walked further. `(relative path, file)`.
fn plugin_command_walk(dir: &Path, prefix: &str, depth: usize, found: &mut Vec<(String, PathBuf)>) {
    if depth >= MAX_PLUGIN_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let entries: Vec<(String, PathBuf, std::fs::FileType)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let kind = e.file_type().ok()?;
            Some((e.file_name().to_string_lossy().into_owned(), e.path(), kind))
        })
        .collect();
    let markdown = |name: &str, kind: &std::fs::FileType| {
        kind.is_file() && name.to_lowercase().ends_with(".md")
    };
    let skill_folder = entries
        .iter()
        .any(|(name, _, kind)| kind.is_file() && name.eq_ignore_ascii_case(SKILL_FILE));
    for (name, path, kind) in entries {
        let relative = format!("{prefix}{name}");
        if markdown(&name, &kind) {
            found.push((relative, path));
        } else if kind.is_dir()
            && !skill_folder
            && name.trim_end_matches(['.', ' ']).to_lowercase() != ".mcpb-cache"
        {
            plugin_command_walk(&path, &format!("{relative}/"), depth + 1, found);
        }
    }
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
        let sibling = |name: &str| match display_root.strip_suffix("agents") {
            Some("") => name.to_owned(),
            Some(parent) if parent.ends_with('/') => format!("{parent}{name}"),
            _ => format!("{display_root}/../{name}"),
        };
        self.command_files(&project.join("commands"), &sibling("commands"), None);
        let skills = project.join("skills");
        if !skills.is_dir() {
            return;
        }
        let display = sibling("skills");
        self.tracked.push(skills.clone());
        self.skill_folder(&skills, &display, None);
    }

    /// The command files below `dir` (shown as `display`) and their names, as Claude Code finds
    /// them (see [`Command`]), prefixed with the plugin's name.
    pub(super) fn command_files(&mut self, dir: &Path, display: &str, plugin: Option<&str>) {
        if !dir.is_dir() {
            return;
        }
        self.tracked.push(dir.to_path_buf());
        let mut found = Vec::new();
        if plugin.is_some() {
            plugin_command_walk(dir, "", 0, &mut found);
        } else {
            found = find_agent_files(dir, "").0;
        }
        // In a folder with a `SKILL.md`, that file alone (the first in path order).
        let folder_of =
            |relative: &str| relative.rsplit_once('/').map_or("", |(f, _)| f).to_owned();
        let is_skill_file = |relative: &str| {
            relative
                .rsplit('/')
                .next()
                .is_some_and(|n| n.eq_ignore_ascii_case(SKILL_FILE))
        };
        let mut skill_folders: Vec<String> = Vec::new();
        found.sort_by(|a, b| js_path_order(&a.0, &b.0));
        found.retain(|(relative, _)| {
            let folder = folder_of(relative);
            if is_skill_file(relative) {
                if skill_folders.contains(&folder) {
                    return false;
                }
                skill_folders.push(folder);
                return true;
            }
            true
        });
        found.retain(|(relative, _)| {
            is_skill_file(relative) || !skill_folders.contains(&folder_of(relative))
        });
        for (relative, path) in found {
            let local = if is_skill_file(&relative) {
                folder_of(&relative)
            } else {
                relative.strip_suffix(".md").unwrap_or(&relative).to_owned()
            };
            let local = if local.is_empty() {
                // `commands/SKILL.md`: Claude Code names it after the `commands` folder.
                folder_name(dir)
            } else {
                local
            };
            let name = local.replace('/', ":");
            self.commands.push(Command {
                name: match plugin {
                    Some(plugin) => format!("{plugin}:{name}"),
                    None => name,
                },
                plugin: plugin.map(str::to_owned),
                display: format!("{display}/{relative}"),
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

    /// A scratch folder holding `files` (path relative to it, text).
    fn scratch_with(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let root = scratch(name);
        for (relative, text) in files {
            let path = root.join(relative);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        root
    }

    #[test]
    fn detects_layouts() {
        let root = scratch_with(
            "detect",
            &[
                ("p/.claude-plugin/plugin.json", "{\"name\": \"p\"}"),
                ("m/.claude-plugin/marketplace.json", "{}"),
                (".claude/agents/a.md", ""),
            ],
        );
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
        let root = scratch_with(
            "plugin",
            &[
                ("folder/.claude-plugin/plugin.json", "{\"name\": \"named\"}"),
                ("folder/agents/a.md", ""),
                ("folder/agents/review/SECURITY.MD", ""),
                ("folder/agents/notes.txt", ""),
                ("folder/skills/s/SKILL.md", ""),
                ("folder/skills/lower/skill.md", ""),
            ],
        );
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
        let root = scratch_with(
            "refused",
            &[
                (
                    "a/.claude-plugin/plugin.json",
                    "{\"name\": \"a\", \"agents\": [\"./custom/\"]}",
                ),
                ("a/agents/x.md", ""),
                ("b/.claude-plugin/plugin.json", "{\"name\": \"b c\"}"),
                ("b/agents/x.md", ""),
                (
                    "c/.claude-plugin/plugin.json",
                    "{\"name\": \"c\", \"agents\": [\"./one.md\", \"./gone.md\"]}",
                ),
                ("c/one.md", ""),
                ("c/agents/left-out.md", ""),
            ],
        );
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
