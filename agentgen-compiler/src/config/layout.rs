//! The layout option: what a catalog's folder is — a bare agents folder, a Claude Code project's
//! `.claude/`, a plugin, a folder of plugins, a marketplace — by name (`layout = "…"` in
//! agentgen.toml, `--layout`, the macro's `layout = …`) or detected from the folder. How each
//! layout places agents and skills is the catalog's part (`catalog::layout`).

use std::path::Path;

use crate::registry::{MARKETPLACE_MANIFEST, PLUGIN_MANIFEST};

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
    /// `.claude-plugin/marketplace.json`, `plugins` when it holds no `.md` file of its own and at
    /// least one subfolder holding `.claude-plugin/plugin.json` (a folder of plugins, read as
    /// `--layout plugins` reads it), else `agents`.
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
        } else if is_folder_of_plugins(dir) {
            Layout::Plugins
        } else {
            Layout::Agents
        }
    }
}

/// Whether `dir` holds no `.md` file of its own and a subfolder with a plugin manifest.
fn is_folder_of_plugins(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
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

impl Layout {
    /// Whether the catalog's agents and skills are plugins' (`plugin`, `plugins`,
    /// `marketplace`): their names are `plugin:name`.
    pub(crate) const fn has_plugins(self) -> bool {
        matches!(self, Layout::Plugin | Layout::Plugins | Layout::Marketplace)
    }

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
