//! The project model: how a starting point becomes a catalog — its root folder, its layout and
//! the `agentgen.toml` that applies. Every entry point goes through it (the `include_agents!`
//! macro, the build-script [`Builder`](crate::build), every CLI command, `agentgen new`, the
//! pre-commit hook and the GitHub Action), so that two of them cannot disagree about the same
//! crate.
//!
//! The rules, in order:
//!
//! 1. **Starting point.** A catalog folder given by the user (the macro's path, the builder's,
//!    the CLI's `DIR`); a file, which stands for the catalog it belongs to ([`catalog_dir_of`]);
//!    or a crate ([`crate_catalog_dir`]): in the directory of its `Cargo.toml` (the nearest one
//!    above the current directory, or `--manifest-path`), the folder named by
//!    `[package.metadata.agentgen] dir`, else `agents/`, else `.claude/` (when it holds
//!    `agents/` or `skills/`).
//! 2. **Root.** A `.claude/agents` folder stands for its `.claude` project (Claude Code reads a
//!    project's agents, skills and commands together), unless a layout is given explicitly.
//! 3. **Configuration.** The `agentgen.toml` in the root applies; in a `.claude` project,
//!    `.claude/agentgen.toml` or `.claude/agents/agentgen.toml` (one of them: both is an
//!    `invalid-config` error). Options given to the macro, the builder or the command line are
//!    added on top of it.
//! 4. **Layout.** The option given, else `layout` in the configuration, else detected from the
//!    root ([`Layout::detect`]; a folder with no agent file of its own and a subfolder holding
//!    `.claude-plugin/plugin.json` is a folder of plugins, layout `plugins`). When a detected
//!    `agents` folder looks like another layout (plugins without manifests, a `.claude` project
//!    inside), [`Project::notes`] says so, with the flag.

use std::path::{Component, Path, PathBuf};

use crate::catalog::layout::{MARKETPLACE_MANIFEST, PLUGIN_MANIFEST};
use crate::catalog::{Catalog, Layout, compile_root};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::SourceFile;

/// A catalog to compile, resolved from a starting point.
#[derive(Debug, Clone)]
pub struct Project {
    /// The catalog's root folder on disk.
    pub root: PathBuf,
    /// How the root is shown in messages (`.claude`, `agents`, `plugins/lint`).
    pub display_root: String,
    /// The layout the root is read with.
    pub layout: Layout,
    /// Where the layout came from.
    pub layout_origin: LayoutOrigin,
    /// The `agentgen.toml` that applies, as shown in messages; `None` without one.
    pub config_file: Option<String>,
    /// Hints for the user: the folder looks like another layout (with the flag to use).
    pub notes: Vec<String>,
    config: Config,
    config_path: Option<PathBuf>,
    config_source: Option<SourceFile>,
    config_diagnostics: Vec<Diagnostic>,
}

/// Where a project's layout came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutOrigin {
    /// An option of the macro, the builder or the command line (`--layout`).
    Given,
    /// `layout = "…"` in `agentgen.toml`.
    Configured,
    /// Detected from the root folder ([`Layout::detect`]).
    Detected,
}

impl Project {
    /// The project whose catalog folder is `dir` (shown as `display`), with `overrides` (options
    /// of the macro, the builder or the command line) on top of its `agentgen.toml`.
    pub fn open(dir: &Path, display: &str, overrides: &Config) -> Project {
        let display = display.trim_end_matches('/');
        let display = if display.is_empty() { "." } else { display };
        let (root, display_root, widened) = match overrides.layout {
            None => match claude_project_of_agents(dir) {
                Some(project) => (project, parent_display(display), true),
                None => (dir.to_path_buf(), display.to_owned(), false),
            },
            Some(_) => (dir.to_path_buf(), display.to_owned(), false),
        };
        let mut project = Project::resolve(root, display_root, overrides);
        if widened && project.layout != Layout::Claude {
            // `layout = "…"` in the project's configuration asks for another reading of the
            // folder that was given: read that folder, as given, with it.
            let layout = project.layout;
            let mut given = overrides.clone();
            given.layout = Some(layout);
            project = Project::resolve(dir.to_path_buf(), display.to_owned(), &given);
            project.layout_origin = LayoutOrigin::Configured;
        }
        project
    }

    fn resolve(root: PathBuf, display_root: String, overrides: &Config) -> Project {
        let mut candidates = vec![(
            root.join(CONFIG_FILE),
            format!("{display_root}/{CONFIG_FILE}"),
        )];
        let claude_like = overrides.layout.is_none_or(|l| l == Layout::Claude)
            && Layout::detect(&root) == Layout::Claude;
        if claude_like {
            candidates.push((
                root.join("agents").join(CONFIG_FILE),
                format!("{display_root}/agents/{CONFIG_FILE}"),
            ));
        }
        let found: Vec<&(PathBuf, String)> = candidates
            .iter()
            .filter(|(path, _)| path.is_file())
            .collect();
        let mut config_diagnostics = Vec::new();
        if let [first, second, ..] = found.as_slice() {
            config_diagnostics.push(
                Diagnostic::new(
                    Code::InvalidConfig,
                    second.1.clone(),
                    format!("two agentgen.toml files apply to `{display_root}`; this one is not read"),
                )
                .note(format!(
                    "a `.claude` project's configuration is `.claude/agentgen.toml` or `.claude/agents/agentgen.toml`; `{}` is read",
                    first.1
                ))
                .help("merge the two files into one and delete the other"),
            );
        }
        let (mut config, config_path, config_source) = match found.first() {
            Some((path, shown)) => {
                let (config, diagnostics, source) = Config::read_file(path, shown);
                config_diagnostics.extend(diagnostics);
                (config, Some(path.clone()), source)
            }
            None => (Config::default(), None, None),
        };
        let configured_layout = config.layout;
        config.merge(overrides);
        let (layout, layout_origin) = match (overrides.layout, configured_layout) {
            (Some(layout), _) => (layout, LayoutOrigin::Given),
            (None, Some(layout)) => (layout, LayoutOrigin::Configured),
            (None, None) => (detect_layout(&root), LayoutOrigin::Detected),
        };
        config.layout = Some(layout);
        let notes = if layout_origin == LayoutOrigin::Detected && layout == Layout::Agents {
            layout_hints(&root, &display_root)
        } else {
            Vec::new()
        };
        Project {
            config_file: found.first().map(|(_, shown)| shown.clone()),
            root,
            display_root,
            layout,
            layout_origin,
            notes,
            config,
            config_path,
            config_source,
            config_diagnostics,
        }
    }

    /// The configuration the catalog is compiled with (the file's, with the options on top).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Reads and validates the catalog. Never fails: problems are diagnostics of the catalog.
    pub fn compile(self) -> Catalog {
        let mut tracked = Vec::new();
        if let Some(path) = &self.config_path {
            tracked.push(path.clone());
        }
        compile_root(
            &self.root,
            self.display_root,
            self.config,
            self.config_diagnostics,
            self.config_source,
            tracked,
        )
    }

    /// One line saying what was resolved: `.claude (layout claude, detected; config
    /// .claude/agentgen.toml)`.
    pub fn describe(&self) -> String {
        let origin = match self.layout_origin {
            LayoutOrigin::Given => "given",
            LayoutOrigin::Configured => "from agentgen.toml",
            LayoutOrigin::Detected => "detected",
        };
        let config = match &self.config_file {
            Some(file) => format!("config {file}"),
            None => "no agentgen.toml".to_owned(),
        };
        format!(
            "{} (layout {}, {origin}; {config})",
            self.display_root, self.layout
        )
    }

    /// The folder new agent files go in: a `.claude` project's `agents/`, a plugin's
    /// `agents/`, an agents folder itself; `None` for a folder of plugins or a marketplace
    /// (which plugin is not for agentgen to guess).
    pub fn agents_folder(&self) -> Option<(PathBuf, String)> {
        match self.layout {
            Layout::Agents => Some((self.root.clone(), self.display_root.clone())),
            Layout::Claude | Layout::Plugin => Some((
                self.root.join("agents"),
                join_display(&self.display_root, "agents"),
            )),
            Layout::Plugins | Layout::Marketplace => None,
        }
    }
}

/// Compiles the catalog folder `dir`, shown in messages as `display_root`, with `overrides`
/// on top of the `agentgen.toml` that applies ([`Project::open`]). Never fails: problems are
/// diagnostics of the catalog.
pub fn compile_dir(dir: &Path, display_root: &str, overrides: &Config) -> Catalog {
    Project::open(dir, display_root, overrides).compile()
}

/// `dir`'s `.claude` project when `dir` is a `.claude/agents` folder (as given: a relative
/// path stays relative).
fn claude_project_of_agents(dir: &Path) -> Option<PathBuf> {
    let canonical = dir.canonicalize().ok()?;
    if canonical.file_name()? != "agents" || canonical.parent()?.file_name()? != ".claude" {
        return None;
    }
    Some(match dir.components().next_back() {
        Some(Component::Normal(_)) => dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        _ => dir.join(".."),
    })
}

/// How the parent of a folder shown as `display` is shown.
fn parent_display(display: &str) -> String {
    match display.rsplit_once('/') {
        Some((parent, _)) if !parent.is_empty() => parent.to_owned(),
        Some(_) => "/".to_owned(),
        None if display == "agents" => ".".to_owned(),
        None if display == "." => "..".to_owned(),
        None => format!("{display}/.."),
    }
}

fn join_display(root: &str, child: &str) -> String {
    if root == "." {
        child.to_owned()
    } else {
        format!("{root}/{child}")
    }
}

/// The layout of a folder nothing names one for: [`Layout::detect`], and a folder of plugins —
/// no agent file of its own and at least one subfolder holding `.claude-plugin/plugin.json` —
/// read with the `plugins` layout (each subfolder a plugin, as `--layout plugins` reads it).
fn detect_layout(root: &Path) -> Layout {
    match Layout::detect(root) {
        Layout::Agents if is_folder_of_plugins(root) => Layout::Plugins,
        layout => layout,
    }
}

/// Whether `root` holds no `.md` file of its own and a subfolder with a plugin manifest.
fn is_folder_of_plugins(root: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(root) else {
        return false;
    };
    let mut has_plugin = false;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            has_plugin |= path.join(PLUGIN_MANIFEST).is_file();
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        {
            return false;
        }
    }
    has_plugin
}

/// Notes for an `agents` folder (detected) that looks like another layout.
fn layout_hints(root: &Path, display_root: &str) -> Vec<String> {
    let mut notes = Vec::new();
    let plugin_like = |dir: &Path| {
        dir.join(PLUGIN_MANIFEST).is_file()
            || (dir.join("agents").is_dir() && !dir.join("agents").join(CONFIG_FILE).is_file())
    };
    let children = |dir: &Path| -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect();
        found.sort();
        found
    };
    if root.join(".claude").is_dir() {
        notes.push(format!(
            "`{display_root}` holds a Claude Code project: to read its agents, skills and commands, give `{}`",
            join_display(display_root, ".claude")
        ));
    }
    let plugins = root.join("plugins");
    if plugins.is_dir() && children(&plugins).iter().any(|p| plugin_like(p)) {
        notes.push(format!(
            "`{}` looks like a folder of plugins: `--layout plugins {}` reads each as Claude Code does (agents named `plugin:name`)",
            join_display(display_root, "plugins"),
            join_display(display_root, "plugins")
        ));
    }
    let plugin_children = children(root)
        .iter()
        .filter(|p| p.join(PLUGIN_MANIFEST).is_file())
        .count();
    if plugin_children > 0 {
        notes.push(format!(
            "{plugin_children} subfolder{} of `{display_root}` {} a plugin manifest: `--layout plugins {display_root}` reads them as plugins",
            if plugin_children == 1 { "" } else { "s" },
            if plugin_children == 1 { "has" } else { "have" },
        ));
    }
    if root.join(".claude-plugin").is_dir() {
        notes.push(format!(
            "`{display_root}` has a `.claude-plugin/` folder without `plugin.json` or `marketplace.json`: `--layout plugin` reads it as a plugin"
        ));
    }
    notes
}

/// The catalog folder of a crate: `[package.metadata.agentgen] dir` in its `Cargo.toml`, else
/// `agents/`, else `.claude/` when it holds `agents/` or `skills/`.
///
/// `crate_root` is the directory of the `Cargo.toml` and `manifest` the file (`None` outside
/// any crate: then `crate_root` is the folder to look in), both relative to `base` (the current
/// directory, or `CARGO_MANIFEST_DIR` with an empty `crate_root`). The answer is `crate_root`
/// joined with the folder, relative to `base` as given, so that messages show short paths. The
/// error is a message for the user that lists what was tried.
pub fn crate_catalog_dir(
    base: &Path,
    crate_root: &Path,
    manifest: Option<&Path>,
) -> Result<PathBuf, String> {
    let shown = |path: &Path| -> String {
        let text = path.to_string_lossy().replace('\\', "/");
        if text.is_empty() {
            ".".to_owned()
        } else {
            text
        }
    };
    if let Some(manifest) = manifest
        && let Some(dir) = configured_dir(&base.join(manifest))
            .map_err(|e| format!("cannot read {}: {e}", shown(manifest)))?
    {
        let dir = crate_root.join(dir);
        return if base.join(&dir).is_dir() {
            Ok(dir)
        } else {
            Err(format!(
                "`[package.metadata.agentgen] dir` in {} names `{}`, which is not a directory",
                shown(manifest),
                shown(&dir)
            ))
        };
    }
    let agents = crate_root.join("agents");
    if base.join(&agents).is_dir() {
        return Ok(agents);
    }
    let claude = crate_root.join(".claude");
    if base.join(&claude).join("agents").is_dir() || base.join(&claude).join("skills").is_dir() {
        return Ok(claude);
    }
    let place = match manifest {
        Some(manifest) => format!("the crate of {}", shown(manifest)),
        None => "the current directory (no Cargo.toml above it)".to_owned(),
    };
    Err(format!(
        "no agents in {place}: tried `{}` and `{}` (with `agents/` or `skills/`); give a folder \
         (`agentgen check DIR`) or set `[package.metadata.agentgen] dir = \"…\"` in Cargo.toml",
        shown(&agents),
        shown(&claude)
    ))
}

/// `[package.metadata.agentgen] dir` of the manifest at `path`, if set.
fn configured_dir(path: &Path) -> Result<Option<PathBuf>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let manifest: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
    let dir = manifest
        .get("package")
        .and_then(|package| package.get("metadata"))
        .and_then(|metadata| metadata.get("agentgen"))
        .and_then(|agentgen| agentgen.get("dir"));
    match dir {
        None => Ok(None),
        Some(toml::Value::String(dir)) => Ok(Some(PathBuf::from(dir))),
        Some(_) => Err("`[package.metadata.agentgen] dir` must be a string".to_owned()),
    }
}

/// The catalog folder a file belongs to, judged from the path as given: the nearest folder on
/// it that holds an `agentgen.toml`, or else the nearest plugin (a folder holding
/// `.claude-plugin/plugin.json`), or else the nearest marketplace (`.claude-plugin/
/// marketplace.json`), or else the nearest `.claude` folder, or else the nearest folder named
/// `agents`, or else the file's own folder. A file in a `.claude-plugin/` folder (a manifest)
/// is judged from the folder holding it. `.` stands for the current directory. ([`Project::open`]
/// then reads a `.claude/agents` folder as its `.claude` project.)
pub fn catalog_dir_of(file: &Path) -> PathBuf {
    let start = start_of(file);
    nearest_catalog_dir(file).unwrap_or_else(|| here(start))
}

/// The catalog folder a file belongs to when something on its path says so, as
/// [`catalog_dir_of`] finds it, but `None` instead of the file's own folder when nothing does
/// (no `agentgen.toml`, plugin, marketplace, `.claude` or `agents` folder on its path). The
/// file need not exist (a deleted one is judged from the folders that are left).
pub fn nearest_catalog_dir(file: &Path) -> Option<PathBuf> {
    let dirs: Vec<&Path> = start_of(file).ancestors().collect();
    let named = |wanted: &str| {
        dirs.iter().find(|dir| {
            matches!(dir.components().next_back(), Some(Component::Normal(name)) if name == wanted)
        })
    };
    let holding = |marker: &str| dirs.iter().find(|dir| here(dir).join(marker).is_file());
    holding(CONFIG_FILE)
        .or_else(|| holding(PLUGIN_MANIFEST))
        .or_else(|| holding(MARKETPLACE_MANIFEST))
        .or_else(|| named(".claude"))
        .or_else(|| named("agents"))
        .map(|dir| here(dir))
}

/// The folder a file is judged from: its own, or for a file in `.claude-plugin/` the folder
/// holding that.
fn start_of(file: &Path) -> &Path {
    let parent = file.parent().unwrap_or(Path::new(""));
    match parent.components().next_back() {
        Some(Component::Normal(name)) if name == ".claude-plugin" => {
            parent.parent().unwrap_or(Path::new(""))
        }
        _ => parent,
    }
}

/// `dir`, with `.` for the empty path.
fn here(dir: &Path) -> PathBuf {
    if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir.to_path_buf()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir()
            .join(format!("agentgen-project-unit-{}", std::process::id()))
            .join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        dir
    }

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
        std::fs::write(path, text).expect("write");
    }

    const AGENT: &str = "---\nname: a\ndescription: d\n---\nbody\n";

    #[test]
    fn a_claude_agents_folder_stands_for_its_project_and_both_config_places_apply() {
        let root = scratch("claude");
        write(&root.join(".claude/agents/a.md"), AGENT);
        write(
            &root.join(".claude/agents/agentgen.toml"),
            "[lints]\nno-tools = \"deny\"\n",
        );
        for (dir, display) in [
            (root.join(".claude"), ".claude"),
            (root.join(".claude/agents"), ".claude/agents"),
        ] {
            let project = Project::open(&dir, display, &Config::default());
            assert_eq!(project.layout, Layout::Claude, "{display}");
            assert_eq!(project.display_root, ".claude", "{display}");
            assert_eq!(
                project.config_file.as_deref(),
                Some(".claude/agents/agentgen.toml"),
                "{display}"
            );
            assert_eq!(
                project.describe(),
                ".claude (layout claude, detected; config .claude/agents/agentgen.toml)"
            );
        }
        // Both places: the project's own is read, the other is an error.
        write(&root.join(".claude/agentgen.toml"), "");
        let catalog = compile_dir(&root.join(".claude"), ".claude", &Config::default());
        let codes: Vec<(&str, Code)> = catalog
            .diagnostics
            .iter()
            .map(|d| (d.file.as_str(), d.code))
            .collect();
        assert!(
            codes.contains(&(".claude/agents/agentgen.toml", Code::InvalidConfig)),
            "{codes:?}"
        );
        // A layout given explicitly reads the folder as given.
        let given = Config {
            layout: Some(Layout::Agents),
            ..Config::default()
        };
        let project = Project::open(&root.join(".claude/agents"), ".claude/agents", &given);
        assert_eq!(project.display_root, ".claude/agents");
        assert_eq!(project.layout_origin, LayoutOrigin::Given);
    }

    #[test]
    fn display_of_parents() {
        assert_eq!(parent_display(".claude/agents"), ".claude");
        assert_eq!(parent_display("agents"), ".");
        assert_eq!(parent_display("x/y/.claude/agents"), "x/y/.claude");
    }

    #[test]
    fn crates_name_their_catalog() {
        let root = scratch("crates");
        write(&root.join("Cargo.toml"), "[package]\nname = \"x\"\n");
        let manifest = Path::new("Cargo.toml");
        let find = || crate_catalog_dir(&root, Path::new(""), Some(manifest));
        let error = find().expect_err("nothing there");
        assert!(
            error.contains("`agents`") && error.contains("`.claude`"),
            "{error}"
        );
        std::fs::create_dir_all(root.join(".claude/commands")).expect("dir");
        assert!(find().is_err(), "commands alone");
        std::fs::create_dir_all(root.join(".claude/skills")).expect("dir");
        assert_eq!(find(), Ok(PathBuf::from(".claude")));
        std::fs::create_dir_all(root.join("agents")).expect("dir");
        assert_eq!(find(), Ok(PathBuf::from("agents")));
        // From a subfolder, relative to it.
        let deep = root.join("src/deep");
        std::fs::create_dir_all(&deep).expect("dir");
        assert_eq!(
            crate_catalog_dir(
                &deep,
                Path::new("../.."),
                Some(Path::new("../../Cargo.toml"))
            ),
            Ok(PathBuf::from("../../agents"))
        );
        write(
            &root.join(manifest),
            "[package]\nname = \"x\"\n[package.metadata.agentgen]\ndir = \"prompts\"\n",
        );
        let error = find().expect_err("missing");
        assert!(error.contains("`prompts`"), "{error}");
        std::fs::create_dir_all(root.join("prompts")).expect("dir");
        assert_eq!(find(), Ok(PathBuf::from("prompts")));
        write(
            &root.join(manifest),
            "[package.metadata.agentgen]\ndir = 3\n",
        );
        let error = find().expect_err("not a string");
        assert!(error.contains("must be a string"), "{error}");
        write(&root.join(manifest), "[package\n");
        let error = find().expect_err("invalid TOML");
        assert!(error.starts_with("cannot read Cargo.toml"), "{error}");
    }

    #[test]
    fn files_stand_for_their_catalog() {
        let root = scratch("files");
        write(&root.join("kit/.claude-plugin/plugin.json"), "{}");
        write(&root.join("kit/agents/review/x.md"), AGENT);
        write(&root.join("p/.claude/skills/s/SKILL.md"), "");
        write(&root.join("p/.claude/agents/a.md"), AGENT);
        write(&root.join("packs/agentgen.toml"), "");
        write(&root.join("packs/ddd/agents/x.md"), AGENT);
        write(&root.join("loose/z.md"), AGENT);
        let of = |p: &str| catalog_dir_of(&root.join(p));
        assert_eq!(of("kit/agents/review/x.md"), root.join("kit"));
        assert_eq!(of("p/.claude/skills/s/SKILL.md"), root.join("p/.claude"));
        assert_eq!(of("p/.claude/agents/a.md"), root.join("p/.claude"));
        assert_eq!(of("packs/ddd/agents/x.md"), root.join("packs"));
        assert_eq!(of("loose/z.md"), root.join("loose"));
        assert_eq!(catalog_dir_of(Path::new("a.md")), PathBuf::from("."));
        // A manifest stands for the folder holding `.claude-plugin/`: its plugin or marketplace.
        write(&root.join("market/.claude-plugin/marketplace.json"), "{}");
        write(&root.join("market/plugins/bare/agents/y.md"), AGENT);
        assert_eq!(of("kit/.claude-plugin/plugin.json"), root.join("kit"));
        assert_eq!(
            of("market/.claude-plugin/marketplace.json"),
            root.join("market")
        );
        // A plugin without a manifest in a marketplace belongs to the marketplace.
        assert_eq!(of("market/plugins/bare/agents/y.md"), root.join("market"));
        // Deleted files are judged from the folders that are left: a skill of a plugin, a
        // plugin's manifest (its folder), and nothing that names a catalog.
        assert_eq!(of("kit/skills/gone/SKILL.md"), root.join("kit"));
        assert_eq!(of("loose/.claude-plugin/plugin.json"), root.join("loose"));
        assert_eq!(
            nearest_catalog_dir(&root.join("kit/skills/gone/SKILL.md")),
            Some(root.join("kit"))
        );
        assert_eq!(nearest_catalog_dir(&root.join("loose/z.md")), None);
        assert_eq!(nearest_catalog_dir(Path::new("docs/guide.md")), None);
    }

    #[test]
    fn a_folder_that_looks_like_plugins_says_so() {
        let root = scratch("hints");
        write(&root.join("market/plugins/lint/agents/a.md"), AGENT);
        let project = Project::open(&root.join("market"), "market", &Config::default());
        assert_eq!(project.layout, Layout::Agents);
        assert!(
            project
                .notes
                .iter()
                .any(|n| n.contains("--layout plugins market/plugins")),
            "{:?}",
            project.notes
        );
        let given = Config {
            layout: Some(Layout::Agents),
            ..Config::default()
        };
        let project = Project::open(&root.join("market"), "market", &given);
        assert!(project.notes.is_empty(), "no hint for a layout given");
    }

    #[test]
    fn a_folder_of_plugins_with_manifests_is_detected() {
        let root = scratch("folder-of-plugins");
        write(
            &root.join("plugins/lint/.claude-plugin/plugin.json"),
            "{\"name\": \"lint\"}",
        );
        write(&root.join("plugins/lint/agents/a.md"), AGENT);
        write(&root.join("plugins/bare/agents/b.md"), AGENT);
        let project = Project::open(&root.join("plugins"), "plugins", &Config::default());
        assert_eq!(project.layout, Layout::Plugins);
        assert_eq!(project.layout_origin, LayoutOrigin::Detected);
        let catalog = project.compile();
        let mut names: Vec<&str> = catalog
            .agents
            .iter()
            .map(|a| a.qualified_name.as_str())
            .collect();
        names.sort_unstable();
        assert_eq!(names, ["bare:a", "lint:a"]);
        // Without a manifest in any subfolder, or with an agent file of its own, it stays a
        // folder of agents (with a note).
        write(&root.join("plugins/README.md"), "# Plugins\n");
        let project = Project::open(&root.join("plugins"), "plugins", &Config::default());
        assert_eq!(project.layout, Layout::Agents);
        assert!(!project.notes.is_empty());
        let no_manifest = root.join("bare-plugins");
        write(&no_manifest.join("bare/agents/b.md"), AGENT);
        let project = Project::open(&no_manifest, "bare-plugins", &Config::default());
        assert_eq!(project.layout, Layout::Agents);
    }
}
