//! Which agents directories a command works on when it is given no directory, or given files.
//!
//! Without a directory, `agentgen check` (and `cargo agentgen check`, `expand`, `export`, `fix`,
//! `inspect`) works on the agents directory of the current crate, found as cargo finds the
//! current package:
//!
//! 1. the crate root is the directory of `--manifest-path` (a `Cargo.toml`), or else the nearest
//!    directory holding a `Cargo.toml`, from the current directory upwards; outside any crate
//!    (no `Cargo.toml` up to the file system root) it is the current directory, so that projects
//!    without cargo that keep `.claude/agents/` work too;
//! 2. in the crate root, the directory named by `[package.metadata.agentgen] dir = "…"` in
//!    `Cargo.toml` when it is set (then only that one), or else the first of `agents/` and
//!    `.claude/agents/` that exists.
//!
//! `agentgen.toml` is not the place for this setting: it lives inside the agents directory, so
//! it cannot say where that directory is.
//!
//! A file given to `check` stands for the catalog it belongs to ([`catalog_dir_of`]): errors
//! such as an unknown collaborator or a duplicate name are properties of the whole catalog.

use std::path::{Component, Path, PathBuf};

/// The directories tried, in order, in the crate root when `Cargo.toml` names none.
pub const CANDIDATES: [&str; 2] = ["agents", ".claude/agents"];

/// Finds the agents directory of the crate at `manifest_path`, or of the crate around `cwd`.
///
/// The result is relative to `cwd` when the crate was found from `cwd` (`agents`,
/// `../../agents`), and as given when `manifest_path` is given, so that diagnostics show short
/// paths. The error is a message for the user listing what was tried.
pub fn agents_dir(manifest_path: Option<&Path>, cwd: &Path) -> Result<PathBuf, String> {
    let (root, manifest) = match manifest_path {
        Some(path) => {
            if path.file_name().is_none_or(|name| name != "Cargo.toml") {
                return Err(format!(
                    "the manifest path must be a path to a Cargo.toml file, not `{}`",
                    path.display()
                ));
            }
            if !cwd.join(path).is_file() {
                return Err(format!("manifest path `{}` does not exist", path.display()));
            }
            let root = path.parent().unwrap_or(Path::new("")).to_path_buf();
            (root, Some(path.to_path_buf()))
        }
        None => match cwd
            .ancestors()
            .position(|dir| dir.join("Cargo.toml").is_file())
        {
            Some(levels) => {
                let root: PathBuf = std::iter::repeat_n("..", levels).collect();
                let manifest = root.join("Cargo.toml");
                (root, Some(manifest))
            }
            None => (PathBuf::new(), None),
        },
    };
    let shown = |path: &Path| -> String {
        let text = path.to_string_lossy().replace('\\', "/");
        if text.is_empty() {
            ".".to_owned()
        } else {
            text
        }
    };
    let configured = match &manifest {
        Some(manifest) => configured_dir(&cwd.join(manifest))
            .map_err(|e| format!("cannot read {}: {e}", shown(manifest)))?,
        None => None,
    };
    if let Some(dir) = configured {
        let dir = root.join(dir);
        return if cwd.join(&dir).is_dir() {
            Ok(dir)
        } else {
            Err(format!(
                "`[package.metadata.agentgen] dir` in {} names `{}`, which is not a directory",
                manifest.as_deref().map_or_else(String::new, shown),
                shown(&dir)
            ))
        };
    }
    let tried: Vec<PathBuf> = CANDIDATES.iter().map(|c| root.join(c)).collect();
    if let Some(found) = tried.iter().find(|dir| cwd.join(dir).is_dir()) {
        return Ok(found.clone());
    }
    let list: Vec<String> = tried
        .iter()
        .map(|dir| format!("`{}`", shown(dir)))
        .collect();
    let place = match &manifest {
        Some(manifest) => format!("the crate of {}", shown(manifest)),
        None => "the current directory (no Cargo.toml above it)".to_owned(),
    };
    Err(format!(
        "no agents directory in {place}: tried {}; give one (`agentgen check DIR`) or set \
         `[package.metadata.agentgen] dir = \"…\"` in Cargo.toml",
        list.join(", ")
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

/// The agents directory a file belongs to, judged from the path as given: the nearest
/// directory on it that holds an `agentgen.toml` (the root of a catalog, where packs are
/// configured), or else the nearest plugin (a directory holding `.claude-plugin/plugin.json`),
/// or else the `.claude` directory of a file outside its `agents/` (a skill), or else the
/// nearest directory named `agents` (`agents/`, `.claude/agents/`), or else the file's own
/// directory. `.` stands for the current directory.
pub fn catalog_dir_of(file: &Path) -> PathBuf {
    let parent = file.parent().unwrap_or(Path::new(""));
    let dirs: Vec<&Path> = parent.ancestors().collect();
    let config = dirs.iter().find(|dir| {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        dir.join(agentgen_compiler::config::CONFIG_FILE).is_file()
    });
    let named = || {
        dirs.iter().find(|dir| {
            matches!(dir.components().next_back(), Some(Component::Normal(name)) if name == "agents")
        })
    };
    // A plugin's file stands for the plugin (its agents are named `plugin:…`), a skill of a
    // `.claude` project for the project.
    let plugin = || {
        dirs.iter().find(|dir| {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            dir.join(agentgen_compiler::catalog::layout::PLUGIN_MANIFEST)
                .is_file()
        })
    };
    let project = || {
        dirs.iter().find(|dir| {
            matches!(dir.components().next_back(), Some(Component::Normal(name)) if name == ".claude")
                && !parent.starts_with(dir.join("agents"))
        })
    };
    let dir = config
        .or_else(plugin)
        .or_else(project)
        .or_else(named)
        .map_or(parent, |dir| *dir);
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
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target/locate-unit")
            .join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        dir
    }

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
        std::fs::write(path, "").expect("write");
    }

    #[test]
    fn a_plugin_file_stands_for_its_plugin_and_a_skill_for_its_project() {
        let root = scratch("plugin-and-skill");
        touch(&root.join("kit/.claude-plugin/plugin.json"));
        touch(&root.join("kit/agents/review/x.md"));
        touch(&root.join("p/.claude/skills/s/SKILL.md"));
        touch(&root.join("p/.claude/agents/a.md"));
        assert_eq!(
            catalog_dir_of(&root.join("kit/agents/review/x.md")),
            root.join("kit")
        );
        assert_eq!(
            catalog_dir_of(&root.join("p/.claude/skills/s/SKILL.md")),
            root.join("p/.claude")
        );
        assert_eq!(
            catalog_dir_of(&root.join("p/.claude/agents/a.md")),
            root.join("p/.claude/agents")
        );
    }

    #[test]
    fn finds_the_crate_root_upwards_and_answers_relative_to_the_current_directory() {
        let root = scratch("upwards");
        std::fs::write(root.join("Cargo.toml"), "[package]\nname = \"x\"\n").expect("manifest");
        std::fs::create_dir_all(root.join("agents")).expect("agents");
        std::fs::create_dir_all(root.join("src/deep")).expect("src");
        assert_eq!(agents_dir(None, &root), Ok(PathBuf::from("agents")));
        assert_eq!(
            agents_dir(None, &root.join("src/deep")),
            Ok(PathBuf::from("../../agents"))
        );
    }

    #[test]
    fn prefers_agents_then_claude_agents_and_lists_both_when_neither_exists() {
        let root = scratch("candidates");
        std::fs::write(root.join("Cargo.toml"), "[package]\nname = \"x\"\n").expect("manifest");
        let error = agents_dir(None, &root).expect_err("nothing to find");
        assert!(
            error.contains("`agents`") && error.contains("`.claude/agents`"),
            "{error}"
        );
        assert!(error.contains("the crate of Cargo.toml"), "{error}");
        std::fs::create_dir_all(root.join(".claude/agents")).expect("claude");
        assert_eq!(agents_dir(None, &root), Ok(PathBuf::from(".claude/agents")));
        std::fs::create_dir_all(root.join("agents")).expect("agents");
        assert_eq!(agents_dir(None, &root), Ok(PathBuf::from("agents")));
    }

    #[test]
    fn cargo_metadata_names_the_directory() {
        let root = scratch("metadata");
        std::fs::create_dir_all(root.join("agents")).expect("agents");
        std::fs::write(
            root.join("Cargo.toml"),
            "[package]\nname = \"x\"\n[package.metadata.agentgen]\ndir = \"prompts/agents\"\n",
        )
        .expect("manifest");
        let error = agents_dir(None, &root).expect_err("configured dir is missing");
        assert!(error.contains("`prompts/agents`"), "{error}");
        std::fs::create_dir_all(root.join("prompts/agents")).expect("configured");
        assert_eq!(agents_dir(None, &root), Ok(PathBuf::from("prompts/agents")));
        std::fs::write(
            root.join("Cargo.toml"),
            "[package.metadata.agentgen]\ndir = 3\n",
        )
        .expect("manifest");
        let error = agents_dir(None, &root).expect_err("not a string");
        assert!(error.contains("must be a string"), "{error}");
        std::fs::write(root.join("Cargo.toml"), "[package\n").expect("manifest");
        let error = agents_dir(None, &root).expect_err("invalid TOML");
        assert!(error.starts_with("cannot read Cargo.toml"), "{error}");
    }

    #[test]
    fn manifest_path_is_honoured_and_checked() {
        let root = scratch("manifest-path");
        std::fs::write(root.join("Cargo.toml"), "[package]\nname = \"x\"\n").expect("manifest");
        std::fs::create_dir_all(root.join("other/.claude/agents")).expect("other");
        std::fs::write(root.join("other/Cargo.toml"), "[package]\nname = \"y\"\n")
            .expect("manifest");
        assert_eq!(
            agents_dir(Some(Path::new("other/Cargo.toml")), &root),
            Ok(PathBuf::from("other/.claude/agents"))
        );
        let error = agents_dir(Some(Path::new("other")), &root).expect_err("not Cargo.toml");
        assert!(error.contains("must be a path to a Cargo.toml"), "{error}");
        let error = agents_dir(Some(Path::new("missing/Cargo.toml")), &root).expect_err("missing");
        assert!(error.contains("does not exist"), "{error}");
    }

    #[test]
    fn outside_a_crate_the_current_directory_is_the_root() {
        // The scratch directory is inside this repository, so look from a directory that has
        // no Cargo.toml above it: the file system root's temporary directory may have one in
        // odd set-ups, so only assert when the walk really finds none.
        let dir = std::env::temp_dir().join(format!("agentgen-locate-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".claude/agents")).expect("claude agents");
        if !dir.ancestors().any(|d| d.join("Cargo.toml").is_file()) {
            assert_eq!(agents_dir(None, &dir), Ok(PathBuf::from(".claude/agents")));
            std::fs::remove_dir_all(dir.join(".claude")).expect("clean");
            let error = agents_dir(None, &dir).expect_err("nothing");
            assert!(error.contains("no Cargo.toml above it"), "{error}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_belongs_to_the_nearest_configured_or_agents_directory() {
        let root = scratch("catalog-of");
        touch(&root.join("packs/agentgen.toml"));
        touch(&root.join("packs/ddd/agents/x.md"));
        touch(&root.join("plugins/p/agents/y.md"));
        touch(&root.join("loose/z.md"));
        // The nearest agentgen.toml wins over a nearer directory named `agents`.
        assert_eq!(
            catalog_dir_of(&root.join("packs/ddd/agents/x.md")),
            root.join("packs")
        );
        assert_eq!(
            catalog_dir_of(&root.join("plugins/p/agents/y.md")),
            root.join("plugins/p/agents")
        );
        assert_eq!(catalog_dir_of(&root.join("loose/z.md")), root.join("loose"));
        assert_eq!(
            catalog_dir_of(Path::new(".claude/agents/a.md")),
            PathBuf::from(".claude/agents")
        );
        assert_eq!(catalog_dir_of(Path::new("a.md")), PathBuf::from("."));
    }
}
