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
//!    or a crate ([`crate_catalog`]): in the directory of its `Cargo.toml` (the nearest one
//!    above the current directory, or `--manifest-path`, or `CARGO_MANIFEST_DIR`), the folder
//!    named by `[package.metadata.agentgen] dir`, else by `[workspace.metadata.agentgen] dir`
//!    in the `Cargo.toml` of the crate's workspace (relative to the workspace root; the root
//!    found as cargo finds it, [`workspace_root`]), else `agents/`, else `.claude/` (when it
//!    holds `agents/` or `skills/`). A package's own setting wins over the workspace's, and an
//!    explicit setting over a folder that merely exists.
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
//!
//! In a cargo workspace the macro and the build script show paths relative to the workspace
//! root ([`display_in_workspace`]), where cargo has rustc print its own; both refuse a folder
//! outside the crate unless opted in, and the folder `[workspace.metadata.agentgen] dir` names
//! counts as opted in ([`outside_crate_error`]). `agentgen check --workspace` checks the catalog
//! of every crate of [`workspace_members`], each folder once.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::catalog::{self, Catalog};
use crate::config::Layout;
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Code, Diagnostic, LintLevel};
use crate::error::Error;
use crate::registry::{MARKETPLACE_MANIFEST, PLUGIN_MANIFEST};
use crate::source::SourceFile;

mod workspace;

use workspace::{find_workspace, metadata_dir, read_manifest, workspace_catalog_dir};
pub use workspace::{workspace_members, workspace_root};

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
    /// The `invalid-config` error of a second `agentgen.toml` that also applies (not read).
    duplicate_config: Option<Diagnostic>,
    /// What `agentgen.toml` itself says, before the options: its lint levels and layout.
    file_lints: BTreeMap<Code, LintLevel>,
    file_layout: Option<Layout>,
    /// The options given (macro, builder or command line).
    options: Config,
    /// Whether the options are ones the CLI cannot see (the macro's, the builder's).
    options_hidden: bool,
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
        // Detected once: for where the configuration may sit, and as the layout when nothing
        // names one.
        let detected = overrides
            .layout
            .is_none_or(|l| l == Layout::Claude)
            .then(|| Layout::detect(&root));
        let claude_like = detected == Some(Layout::Claude);
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
        let mut duplicate_config = None;
        if let [first, second, ..] = found.as_slice() {
            duplicate_config = Some(
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
        config_diagnostics.extend(duplicate_config.clone());
        let (mut config, config_path, config_source) = match found.first() {
            Some((path, shown)) => {
                let (config, diagnostics, source) = Config::read_file(path, shown);
                config_diagnostics.extend(diagnostics);
                (config, Some(path.clone()), source)
            }
            None => (Config::default(), None, None),
        };
        let configured_layout = config.layout;
        let file_lints = config.lints.clone();
        config.merge(overrides);
        let (layout, layout_origin) = match (overrides.layout, configured_layout) {
            (Some(layout), _) => (layout, LayoutOrigin::Given),
            (None, Some(layout)) => (layout, LayoutOrigin::Configured),
            (None, None) => (
                detected.unwrap_or_else(|| Layout::detect(&root)),
                LayoutOrigin::Detected,
            ),
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
            duplicate_config,
            file_lints,
            file_layout: configured_layout,
            options: overrides.clone(),
            options_hidden: false,
        }
    }

    /// The project's `agentgen.toml` read from `buffer` instead of the disk (an editor's
    /// unsaved buffer; `None` reads the disk again), as [`Project::open`] reads it: the
    /// configuration with the options merged on top and the project's layout, the file's
    /// source, and its diagnostics (a second `agentgen.toml` that also applies included). The
    /// default configuration, no source and no diagnostics for a project without one.
    pub fn read_config_text(
        &self,
        buffer: Option<&[u8]>,
    ) -> (Config, Option<SourceFile>, Vec<Diagnostic>) {
        let mut diagnostics: Vec<Diagnostic> = self.duplicate_config.iter().cloned().collect();
        let (mut config, source) = match (&self.config_path, &self.config_file) {
            (Some(path), Some(shown)) => {
                let (config, read, source) = Config::read_bytes(path, shown, buffer);
                diagnostics.extend(read);
                (config, source)
            }
            _ => (Config::default(), None),
        };
        config.merge(&self.options);
        config.layout = Some(self.layout);
        (config, source, diagnostics)
    }

    /// Marks the options as ones the CLI cannot see — those of `include_agents!` and of the
    /// build-script `Builder` — so that [`Project::compile`] reports each one that contradicts
    /// `agentgen.toml` (`overridden-config`): the build and `agentgen check` would disagree.
    pub fn options_hidden_from_cli(mut self) -> Project {
        self.options_hidden = true;
        self
    }

    /// `overridden-config` warnings: the hidden options that contradict `agentgen.toml`.
    fn overridden(&self) -> Vec<Diagnostic> {
        let Some(file) = &self.config_file else {
            return Vec::new();
        };
        let text = self.config_source.as_ref();
        let place = |key: &str| text.and_then(|source| crate::config::key_place(source, key));
        let mut found = Vec::new();
        for (code, level) in &self.options.lints {
            let Some(configured) = self.file_lints.get(code) else {
                continue;
            };
            if configured != level {
                found.push(
                    Diagnostic::new(
                        Code::OverriddenConfig,
                        file.clone(),
                        format!(
                            "the build sets `{code}` to {}, but this file sets it to {}",
                            level_name(*level),
                            level_name(*configured)
                        ),
                    )
                    .at(place(code.as_str()))
                    .label("the build does not use this level")
                    .note("`agentgen check`, the pre-commit hook and the GitHub Action read only agentgen.toml: they and the build now disagree")
                    .help(format!(
                        "set the level here (`{code} = \"{}\"`) and remove it from `include_agents!(…)` / the build script",
                        level_name(*level)
                    )),
                );
            }
        }
        if let (Some(given), Some(configured)) = (self.options.layout, self.file_layout)
            && given != configured
        {
            found.push(
                Diagnostic::new(
                    Code::OverriddenConfig,
                    file.clone(),
                    format!("the build reads this catalog as layout `{given}`, but this file says `{configured}`"),
                )
                .at(place("layout"))
                .note("`agentgen check`, the pre-commit hook and the GitHub Action read only agentgen.toml: they and the build now disagree")
                .help("keep the layout in one place: here"),
            );
        }
        found
    }

    /// The configuration the catalog is compiled with (the file's, with the options on top).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Reads and validates the catalog. Never fails: problems are diagnostics of the catalog.
    pub fn compile(self) -> Catalog {
        self.compile_with(None)
    }

    /// [`compile`](Self::compile), reusing what `cache` holds of the last compile of the same
    /// catalog ([`catalog::compile_cached`]): the same catalog, its unchanged prompts not scanned
    /// again.
    pub fn compile_cached(self, cache: &catalog::ScanCache) -> Catalog {
        self.compile_with(Some(cache))
    }

    fn compile_with(mut self, cache: Option<&catalog::ScanCache>) -> Catalog {
        if self.options_hidden {
            let overridden = self.overridden();
            self.config_diagnostics.extend(overridden);
        }
        let input = catalog::Input {
            display_root: self.display_root,
            root: Some(self.root),
            config_source: self.config_source,
            diagnostics: self.config_diagnostics,
            tracked_paths: self.config_path.into_iter().collect(),
            ..catalog::Input::default()
        };
        match cache {
            Some(cache) => catalog::compile_cached(input, self.config, cache),
            None => catalog::compile(input, self.config),
        }
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
            // A common slip: the file one folder up (a project's root beside `.claude/`).
            None if self
                .root
                .parent()
                .is_some_and(|parent| parent.join(CONFIG_FILE).is_file()) =>
            {
                let above = match self.display_root.rsplit_once('/') {
                    Some((parent, _)) => format!("{parent}/{CONFIG_FILE}"),
                    None => CONFIG_FILE.to_owned(),
                };
                format!(
                    "no agentgen.toml: {above} is not read, the catalog's is {}/{CONFIG_FILE}",
                    self.display_root
                )
            }
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

fn level_name(level: LintLevel) -> &'static str {
    match level {
        LintLevel::Allow => "allow",
        LintLevel::Warn => "warn",
        LintLevel::Deny => "deny",
    }
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

/// Where a crate's catalog folder was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogSetting {
    /// `[package.metadata.agentgen] dir` in the crate's `Cargo.toml`.
    Package,
    /// `[workspace.metadata.agentgen] dir` in the `Cargo.toml` of the crate's workspace.
    Workspace,
    /// Neither: the crate's `agents/`, else its `.claude/`.
    Detected,
}

/// A crate's catalog folder, as [`crate_catalog`] finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateCatalog {
    /// The folder: the crate root joined with the setting, `..` resolved lexically, relative to
    /// `base` as given (`agents`, `../../shared-agents`).
    pub dir: PathBuf,
    /// Where the folder was named.
    pub setting: CatalogSetting,
    /// The manifests read to find it (the crate's `Cargo.toml`, and the workspace's when its
    /// setting applies), relative to `base` as given: what a rebuild depends on besides the
    /// catalog.
    pub manifests: Vec<PathBuf>,
}

/// The catalog folder of a crate (see [`crate_catalog`], which also says where it was named).
///
/// # Errors
///
/// As [`crate_catalog`].
pub fn crate_catalog_dir(
    base: &Path,
    crate_root: &Path,
    manifest: Option<&Path>,
) -> Result<PathBuf, Error> {
    crate_catalog(base, crate_root, manifest).map(|found| found.dir)
}

/// The catalog folder of a crate: `[package.metadata.agentgen] dir` in its `Cargo.toml`, else
/// `[workspace.metadata.agentgen] dir` in its workspace's `Cargo.toml` (relative to the
/// workspace root; see [`workspace_root`]), else `agents/`, else `.claude/` when it holds
/// `agents/` or `skills/`.
///
/// `crate_root` is the directory of the `Cargo.toml` and `manifest` the file (`None` outside
/// any crate: then `crate_root` is the folder to look in), both relative to `base` (the current
/// directory, or `CARGO_MANIFEST_DIR` with an empty `crate_root`). A virtual manifest (a
/// workspace's `Cargo.toml` without `[package]`) is its own workspace's root, so its
/// `[workspace.metadata.agentgen] dir` applies. The answer is relative to `base` as given, so
/// that messages show short paths.
///
/// # Errors
///
/// [`Error::Read`]: a manifest that cannot be read or parsed; [`Error::Option`]: a setting
/// that is not a string or names no directory; [`Error::NoCatalog`]: no catalog found (the
/// message lists what was tried).
pub fn crate_catalog(
    base: &Path,
    crate_root: &Path,
    manifest: Option<&Path>,
) -> Result<CrateCatalog, Error> {
    let mut manifests = Vec::new();
    if let Some(manifest) = manifest {
        let path = base.join(manifest);
        let table = read_manifest(&path).map_err(|e| Error::read(shown(manifest), path, e))?;
        manifests.push(manifest.to_path_buf());
        if let Some(dir) = metadata_dir(&table, "package").map_err(Error::Option)? {
            let dir = normalize(&crate_root.join(dir));
            return if base.join(&dir).is_dir() {
                Ok(CrateCatalog {
                    dir,
                    setting: CatalogSetting::Package,
                    manifests,
                })
            } else {
                Err(Error::Option(format!(
                    "`[package.metadata.agentgen] dir` in {} names `{}`, which is not a directory",
                    shown(manifest),
                    shown(&dir)
                )))
            };
        }
        let crate_dir = normalize(&base.join(crate_root));
        if let Some((root, root_table)) = find_workspace(&crate_dir, &table)
            && let Some(dir) = metadata_dir(&root_table, "workspace").map_err(Error::Option)?
        {
            let up = relative_path(&crate_dir, &root);
            let root_manifest = normalize(&crate_root.join(&up).join("Cargo.toml"));
            if root != crate_dir {
                manifests.push(root_manifest.clone());
            }
            let dir = normalize(&crate_root.join(&up).join(dir));
            return if base.join(&dir).is_dir() {
                Ok(CrateCatalog {
                    dir,
                    setting: CatalogSetting::Workspace,
                    manifests,
                })
            } else {
                Err(Error::Option(format!(
                    "`[workspace.metadata.agentgen] dir` in {} names `{}`, which is not a directory",
                    shown(&root_manifest),
                    shown(&dir)
                )))
            };
        }
    }
    let detected = |dir: PathBuf| CrateCatalog {
        dir,
        setting: CatalogSetting::Detected,
        manifests: manifests.clone(),
    };
    let agents = crate_root.join("agents");
    if base.join(&agents).is_dir() {
        return Ok(detected(agents));
    }
    let claude = crate_root.join(".claude");
    if base.join(&claude).join("agents").is_dir() || base.join(&claude).join("skills").is_dir() {
        return Ok(detected(claude));
    }
    let (place, setting) = match manifest {
        Some(manifest) => (
            format!("the crate of {}", shown(manifest)),
            " or set `[package.metadata.agentgen] dir = \"…\"` in Cargo.toml \
             (`[workspace.metadata.agentgen] dir` in the workspace's, for every crate of it)",
        ),
        None => (
            "the current directory (no Cargo.toml above it)".to_owned(),
            "",
        ),
    };
    Err(Error::NoCatalog(format!(
        "no agents in {place}: tried `{}` and `{}` (with `agents/` or `skills/`); give a folder \
         (`agentgen check DIR`){setting}",
        shown(&agents),
        shown(&claude)
    )))
}

/// A catalog folder as written by the user, as shown in messages: `/`-separated, without a
/// leading `./` or a trailing `/`, `.` for the empty path (the macro's and the builder's
/// display of the path they are given).
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let text = text.trim_start_matches("./").trim_end_matches('/');
    if text.is_empty() {
        ".".to_owned()
    } else {
        text.to_owned()
    }
}

/// A path as shown in messages: `/`-separated, `.` for the empty path.
fn shown(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    if text.is_empty() {
        ".".to_owned()
    } else {
        text
    }
}

/// `path` with `.` dropped and each `..` after a folder name removed with it (lexically, as
/// cargo treats manifest paths); leading `..` stay.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other),
        }
    }
    out
}

/// The path from the folder `from` to `to` (both absolute and normalised): `..` for each
/// folder of `from` below their common ancestor, then the rest of `to`.
pub fn relative_path(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut path: PathBuf = std::iter::repeat_n("..", from.len() - common).collect();
    for component in &to[common..] {
        path.push(component);
    }
    path
}

/// How the macro and the build script show a catalog folder of the crate in `crate_dir`
/// (absolute): `path` (relative to `crate_dir`, or absolute) relative to the crate's workspace
/// root, the folder cargo has rustc print paths from (`crates/app/src/main.rs`), so that
/// `--> shared-agents/x.md` can be clicked beside rustc's own messages; relative to the crate
/// outside a workspace; an absolute `path` stays absolute (as rustc shows files outside the
/// workspace). `/`-separated, `.` for the root itself.
pub fn display_in_workspace(crate_dir: &Path, path: &Path) -> String {
    if path.is_absolute() {
        return shown(&normalize(path));
    }
    let crate_dir = normalize(crate_dir);
    let root = workspace_root(&crate_dir).unwrap_or_else(|| crate_dir.clone());
    shown(&relative_path(&root, &normalize(&crate_dir.join(path))))
}

/// Why the catalog folder `written` (relative to the crate in `crate_dir`, as the macro or the
/// builder was given it) leaves the crate, if it does: a `..`, an absolute path, or a symbolic
/// link that resolves outside.
pub fn leaves_crate(written: &Path, crate_dir: &Path) -> Option<String> {
    for component in written.components() {
        match component {
            Component::ParentDir => return Some("the path contains `..`".to_owned()),
            Component::RootDir | Component::Prefix(_) => {
                return Some("the path is absolute".to_owned());
            }
            Component::CurDir | Component::Normal(_) => {}
        }
    }
    // A symbolic link inside the crate may still point outside it.
    let (Ok(canonical), Ok(root)) = (
        std::fs::canonicalize(crate_dir.join(written)),
        std::fs::canonicalize(crate_dir),
    ) else {
        return None; // a missing directory is reported by the compiler as not found
    };
    if canonical.starts_with(&root) {
        None
    } else {
        Some(format!(
            "the path resolves (through a symbolic link) to `{}`",
            canonical.display()
        ))
    }
}

/// The one rule of the macro and the builder for a catalog outside the crate: the
/// `invalid-path` error for the folder `written` (relative to the crate in `crate_dir`; shown
/// as `display`), or `None` when it is inside the crate or is the folder the workspace's
/// `[workspace.metadata.agentgen] dir` names (that setting is the opt-in). `opt_in` is how the
/// caller's opt-in is spelled (`` `allow_outside_crate = true` ``,
/// `` `.allow_outside_crate(true)` ``), for the help.
pub fn outside_crate_error(
    crate_dir: &Path,
    written: &Path,
    display: &str,
    opt_in: &str,
) -> Option<Diagnostic> {
    let reason = leaves_crate(written, crate_dir)?;
    let canonical = |path: &Path| path.canonicalize().ok();
    if let Some(shared) = workspace_catalog_dir(crate_dir)
        && canonical(&shared).is_some()
        && canonical(&shared) == canonical(&crate_dir.join(written))
    {
        return None;
    }
    Some(
        Diagnostic::new(
            Code::InvalidPath,
            display.to_owned(),
            format!("agents directory `{}` is outside the crate", shown(written)),
        )
        .note(reason)
        .note("paths are relative to the directory of the crate's Cargo.toml; `cargo package` and `cargo publish` leave out files outside the crate, so a published crate would not find them")
        .help(format!(
            "move the agents into the crate, name the folder in the workspace's Cargo.toml (`[workspace.metadata.agentgen] dir = \"…\"`: the opt-in for every crate of the workspace), or pass {opt_in}"
        )),
    )
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
        // The configuration read from an editor's buffer instead of the disk: the buffer's
        // lints, the project's layout, and the second file's error still there.
        let project = Project::open(&root.join(".claude"), ".claude", &Config::default());
        let (config, source, diagnostics) =
            project.read_config_text(Some(b"[lints]\nno-tools = \"deny\"\n"));
        assert_eq!(config.lints.get(&Code::NoTools), Some(&LintLevel::Deny));
        assert_eq!(config.layout, Some(Layout::Claude));
        assert_eq!(
            source.map(|s| s.display_path),
            Some(".claude/agentgen.toml".to_owned())
        );
        let codes: Vec<(&str, Code)> = diagnostics
            .iter()
            .map(|d| (d.file.as_str(), d.code))
            .collect();
        assert_eq!(
            codes,
            [(".claude/agents/agentgen.toml", Code::InvalidConfig)]
        );
        let (_, _, diagnostics) = project.read_config_text(Some(b"[lints]\nno-such-lint = 1\n"));
        assert!(
            diagnostics.len() >= 2,
            "the buffer's own error too: {diagnostics:?}"
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
        let find =
            || crate_catalog_dir(&root, Path::new(""), Some(manifest)).map_err(|e| e.message());
        assert!(matches!(
            crate_catalog_dir(&root, Path::new(""), Some(manifest)),
            Err(Error::NoCatalog(_))
        ));
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
            )
            .map_err(|e| e.message()),
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

    /// A workspace: a virtual root naming `shared-agents`, crates under `crates/*`, one with a
    /// setting of its own, one excluded.
    fn workspace(name: &str) -> PathBuf {
        let root = scratch(name);
        write(
            &root.join("Cargo.toml"),
            "[workspace]\nmembers = [\"crates/*\", \"tools/?\"]\nexclude = [\"crates/vendored\"]\n\n[workspace.metadata.agentgen]\ndir = \"shared-agents\"\n",
        );
        for (crate_dir, name, catalog) in [
            ("crates/app", "app", Some("agents")),
            ("crates/own", "own", Some("prompts")),
            ("crates/vendored", "v", Some("agents")),
            ("tools/x", "x", None),
            ("tools/xy", "xy", None),
        ] {
            let own_setting = if catalog == Some("prompts") {
                "[package.metadata.agentgen]\ndir = \"prompts\"\n"
            } else {
                ""
            };
            write(
                &root.join(crate_dir).join("Cargo.toml"),
                &format!("[package]\nname = \"{name}\"\n{own_setting}"),
            );
            if let Some(catalog) = catalog {
                write(&root.join(crate_dir).join(catalog).join("a.md"), AGENT);
            }
        }
        write(&root.join("shared-agents/a.md"), AGENT);
        write(&root.join("crates/not-a-crate/README.md"), "");
        root
    }

    #[test]
    fn the_workspace_setting_applies_unless_the_crate_has_its_own() {
        let root = workspace("workspace-setting");
        let manifest = Path::new("Cargo.toml");
        let app = root.join("crates/app");
        // The workspace's setting beats the crate's detected `agents/`, relative to the crate.
        let found = crate_catalog(&app, Path::new(""), Some(manifest)).expect("found");
        assert_eq!(found.dir, PathBuf::from("../../shared-agents"));
        assert_eq!(found.setting, CatalogSetting::Workspace);
        assert_eq!(
            found.manifests,
            [
                PathBuf::from("Cargo.toml"),
                PathBuf::from("../../Cargo.toml")
            ]
        );
        // The package's own setting wins.
        let own =
            crate_catalog(&root.join("crates/own"), Path::new(""), Some(manifest)).expect("found");
        assert_eq!(
            (own.dir, own.setting),
            (PathBuf::from("prompts"), CatalogSetting::Package)
        );
        // An excluded crate is in no workspace: its own folder.
        let vendored = crate_catalog(&root.join("crates/vendored"), Path::new(""), Some(manifest))
            .expect("found");
        assert_eq!(
            (vendored.dir, vendored.setting),
            (PathBuf::from("agents"), CatalogSetting::Detected)
        );
        // From the virtual manifest's root, and from a crate given by its manifest path.
        assert_eq!(
            crate_catalog_dir(&root, Path::new(""), Some(manifest)).map_err(|e| e.message()),
            Ok(PathBuf::from("shared-agents"))
        );
        assert_eq!(
            crate_catalog_dir(
                &root,
                Path::new("crates/app"),
                Some(Path::new("crates/app/Cargo.toml"))
            )
            .map_err(|e| e.message()),
            Ok(PathBuf::from("shared-agents"))
        );
        // A setting that names nothing, or is not a string, is an error that says where.
        write(
            &root.join("Cargo.toml"),
            "[workspace]\n[workspace.metadata.agentgen]\ndir = \"gone\"\n",
        );
        let error = crate_catalog_dir(&app, Path::new(""), Some(manifest))
            .expect_err("missing")
            .message();
        assert!(
            error.contains(
                "`[workspace.metadata.agentgen] dir` in ../../Cargo.toml names `../../gone`"
            ),
            "{error}"
        );
        write(
            &root.join("Cargo.toml"),
            "[workspace]\n[workspace.metadata.agentgen]\ndir = [\"a\"]\n",
        );
        let error = crate_catalog_dir(&app, Path::new(""), Some(manifest))
            .expect_err("list")
            .message();
        assert!(error.contains("must be a string"), "{error}");
        // Without the setting, the crate's own folder.
        write(&root.join("Cargo.toml"), "[workspace]\n");
        assert_eq!(
            crate_catalog(&app, Path::new(""), Some(manifest))
                .map(|f| (f.dir, f.setting))
                .map_err(|e| e.message()),
            Ok((PathBuf::from("agents"), CatalogSetting::Detected))
        );
    }

    #[test]
    fn workspace_roots_and_members_as_cargo_finds_them() {
        let root = workspace("workspace-members");
        assert_eq!(workspace_root(&root.join("crates/app")), Some(root.clone()));
        assert_eq!(workspace_root(&root), Some(root.clone()));
        assert_eq!(workspace_root(&root.join("crates/vendored")), None);
        // `package.workspace` names the root explicitly.
        write(
            &root.join("elsewhere/c/Cargo.toml"),
            "[package]\nname = \"c\"\nworkspace = \"../..\"\n",
        );
        assert_eq!(
            workspace_root(&root.join("elsewhere/c")),
            Some(root.clone())
        );
        let members = workspace_members(&root).expect("members");
        let names: Vec<String> = members
            .iter()
            .map(|m| shown(m.strip_prefix(&root).expect("inside")))
            .collect();
        assert_eq!(names, ["crates/app", "crates/own", "tools/x"]);
        assert!(workspace_members(&root.join("crates/app")).is_err());
        assert_eq!(
            workspace_catalog_dir(&root.join("crates/own")),
            Some(root.join("shared-agents"))
        );
    }

    #[test]
    fn macro_and_builder_paths_are_shown_from_the_workspace_root() {
        let root = workspace("workspace-display");
        let app = root.join("crates/app");
        assert_eq!(
            display_in_workspace(&app, Path::new("agents")),
            "crates/app/agents"
        );
        assert_eq!(
            display_in_workspace(&app, Path::new("../../shared-agents")),
            "shared-agents"
        );
        assert_eq!(display_in_workspace(&app, Path::new("../../..")), "..");
        assert_eq!(display_in_workspace(&app, Path::new("/etc/./x")), "/etc/x");
        // Outside a workspace, relative to the crate.
        let vendored = root.join("crates/vendored");
        assert_eq!(
            display_in_workspace(&vendored, Path::new("./agents/")),
            "agents"
        );
        assert_eq!(display_in_workspace(&vendored, Path::new(".")), ".");
    }

    #[test]
    fn one_outside_crate_rule_and_the_workspace_setting_is_its_opt_in() {
        let root = workspace("workspace-outside");
        let app = root.join("crates/app");
        let opt_in = "`allow_outside_crate = true`";
        assert!(outside_crate_error(&app, Path::new("agents"), "x", opt_in).is_none());
        assert!(
            outside_crate_error(&app, Path::new("../../shared-agents"), "x", opt_in).is_none(),
            "the folder the workspace names"
        );
        write(&root.join("other/a.md"), AGENT);
        let diagnostic =
            outside_crate_error(&app, Path::new("../../other"), "other", opt_in).expect("refused");
        assert_eq!(diagnostic.code, Code::InvalidPath);
        let text = diagnostic.render(None, false);
        assert!(
            text.contains("`../../other` is outside the crate"),
            "{text}"
        );
        assert!(text.contains("`cargo package`"), "{text}");
        assert!(text.contains(opt_in), "{text}");
        assert!(leaves_crate(Path::new("/etc"), &app).is_some_and(|r| r.contains("absolute")));
    }

    #[test]
    fn paths_are_normalised_lexically_and_made_relative() {
        assert_eq!(normalize(Path::new("a/./b/../c")), PathBuf::from("a/c"));
        assert_eq!(normalize(Path::new("../../x/..")), PathBuf::from("../.."));
        assert_eq!(normalize(Path::new("a/..")), PathBuf::new());
        assert_eq!(normalize(Path::new("/..")), PathBuf::from("/"));
        assert_eq!(
            relative_path(Path::new("/w/crates/app"), Path::new("/w/shared")),
            PathBuf::from("../../shared")
        );
        assert_eq!(
            relative_path(Path::new("/w"), Path::new("/w")),
            PathBuf::new()
        );
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
