//! Which catalog a command works on when it is given no directory, or given files: the CLI's
//! side of the engine's project model ([`agentgen_compiler::project`]), which the macro, the
//! build script and every command share.
//!
//! Without a directory, `agentgen check` (and `cargo agentgen check`, `expand`, `export`, `fix`,
//! `graph`, `inspect`, `new`, `schema`) works on the catalog of the current crate, found as cargo
//! finds the current package: the crate root is the directory of `--manifest-path` (a
//! `Cargo.toml`), or else the nearest directory holding a `Cargo.toml`, from the current
//! directory upwards; outside any crate (no `Cargo.toml` up to the file system root) it is the
//! current directory, so that projects without cargo that keep `.claude/` work too. In the crate
//! root the engine picks the folder ([`crate_catalog_dir`]): `[package.metadata.agentgen] dir`,
//! else the workspace's `[workspace.metadata.agentgen] dir`, else `agents/`, else `.claude/`.
//! `check --workspace` takes every crate of the workspace ([`workspace_dirs`]).
//!
//! A file given to `check` stands for the catalog it belongs to ([`catalog_dir_of`]): errors
//! such as an unknown collaborator or a duplicate name are properties of the whole catalog.

use std::path::{Path, PathBuf};

use agentgen_compiler::Error;
pub use agentgen_compiler::project::catalog_dir_of;
use agentgen_compiler::project::{
    crate_catalog, crate_catalog_dir, normalize, relative_path, workspace_members, workspace_root,
};

/// Finds the catalog folder of the crate at `manifest_path`, or of the crate around `cwd`.
///
/// The result is relative to `cwd` when the crate was found from `cwd` (`agents`,
/// `../../.claude`), and as given when `manifest_path` is given, so that diagnostics show short
/// paths. The error is a message for the user listing what was tried.
pub fn agents_dir(manifest_path: Option<&Path>, cwd: &Path) -> Result<PathBuf, String> {
    let (root, manifest) = crate_root(manifest_path, cwd)?;
    crate_catalog_dir(cwd, &root, manifest.as_deref()).map_err(|error| error.message())
}

/// A note when the crate keeps a second catalog beside the one chosen: an `agents/` folder was
/// taken while `.claude/` (Claude Code's project folder) holds agents or skills too. The build may
/// compile the other one (`include_agents!(".claude")`); say how to check it.
pub fn other_catalog_note(cwd: &Path, chosen: &Path) -> Option<String> {
    if chosen.file_name()? != "agents" {
        return None;
    }
    let claude = chosen.parent()?.join(".claude");
    let absolute = cwd.join(&claude);
    if !(absolute.join("agents").is_dir() || absolute.join("skills").is_dir()) {
        return None;
    }
    let shown = claude.to_string_lossy().replace('\\', "/");
    Some(format!(
        "this crate also has `{shown}` (Claude Code's project folder); `agents/` comes first: \
         `agentgen check {shown}` checks the other, and `[package.metadata.agentgen] dir = \".claude\"` \
         in Cargo.toml makes it the default"
    ))
}

/// `check --workspace`: the catalog folder of every crate of the workspace of the crate at
/// `manifest_path` (or around `cwd`), and the workspace root's own (a virtual manifest's
/// `[workspace.metadata.agentgen] dir`, or its `agents/`), each folder once (crates that share a
/// catalog name it once; compared by canonical path), relative to `cwd`: the root's first, then
/// the members' in path order. A crate without a catalog is left out; a crate in no workspace is
/// a workspace of one.
///
/// The error is a message for the user: outside any crate, a manifest that cannot be read, a
/// setting that names no folder, or no catalog in any crate.
pub fn workspace_dirs(manifest_path: Option<&Path>, cwd: &Path) -> Result<Vec<PathBuf>, String> {
    let (root, manifest) = crate_root(manifest_path, cwd)?;
    if manifest.is_none() {
        return Err(
            "--workspace: no Cargo.toml above the current directory (give --manifest-path)"
                .to_owned(),
        );
    }
    let cwd = normalize(cwd);
    let crate_dir = normalize(&cwd.join(&root));
    let (workspace, mut crates) = match workspace_root(&crate_dir) {
        Some(workspace) => {
            let members = workspace_members(&workspace).map_err(|error| error.message())?;
            (workspace, members)
        }
        None => (crate_dir.clone(), vec![crate_dir.clone()]),
    };
    crates.retain(|dir| *dir != workspace);
    crates.insert(0, workspace.clone());
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    for dir in crates {
        let from_cwd = relative_path(&cwd, &dir);
        let found = match crate_catalog(&cwd, &from_cwd, Some(&from_cwd.join("Cargo.toml"))) {
            Ok(found) => found.dir,
            // A crate without agents (a library of the workspace) has nothing to check.
            Err(Error::NoCatalog(_)) => continue,
            Err(error) => return Err(error.message()),
        };
        let canonical = cwd
            .join(&found)
            .canonicalize()
            .unwrap_or_else(|_| cwd.join(&found));
        if !seen.contains(&canonical) {
            seen.push(canonical);
            dirs.push(found);
        }
    }
    if dirs.is_empty() {
        return Err(format!(
            "no agents in the workspace of {}: no crate of it has a catalog; set `[workspace.metadata.agentgen] dir = \"…\"` in its Cargo.toml",
            relative_path(&cwd, &workspace.join("Cargo.toml")).display()
        ));
    }
    Ok(dirs)
}

/// The crate root (relative to `cwd`, or as given) and its `Cargo.toml`; outside any crate, the
/// current directory and `None`.
pub fn crate_root(
    manifest_path: Option<&Path>,
    cwd: &Path,
) -> Result<(PathBuf, Option<PathBuf>), String> {
    match manifest_path {
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
            Ok((root, Some(path.to_path_buf())))
        }
        None => Ok(
            match cwd
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
        ),
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
    fn a_plugin_file_stands_for_its_plugin_and_a_file_of_a_project_for_the_project() {
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
            root.join("p/.claude")
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
    fn prefers_agents_then_the_claude_project_and_lists_both_when_neither_exists() {
        let root = scratch("candidates");
        std::fs::write(root.join("Cargo.toml"), "[package]\nname = \"x\"\n").expect("manifest");
        let error = agents_dir(None, &root).expect_err("nothing to find");
        assert!(
            error.contains("`agents`") && error.contains("`.claude`"),
            "{error}"
        );
        assert!(error.contains("the crate of Cargo.toml"), "{error}");
        std::fs::create_dir_all(root.join(".claude/agents")).expect("claude");
        assert_eq!(agents_dir(None, &root), Ok(PathBuf::from(".claude")));
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
            Ok(PathBuf::from("other/.claude"))
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
            assert_eq!(agents_dir(None, &dir), Ok(PathBuf::from(".claude")));
            std::fs::remove_dir_all(dir.join(".claude")).expect("clean");
            let error = agents_dir(None, &dir).expect_err("nothing");
            assert!(error.contains("no Cargo.toml above it"), "{error}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_workspace_checks_each_catalog_once_from_anywhere_in_it() {
        let root = scratch("workspace");
        std::fs::write(
            root.join("Cargo.toml"),
            "[workspace]\nmembers = [\"crates/*\"]\n[workspace.metadata.agentgen]\ndir = \"shared\"\n",
        )
        .expect("manifest");
        std::fs::create_dir_all(root.join("shared")).expect("shared");
        for name in ["a", "b", "own"] {
            touch(&root.join(format!("crates/{name}/src/lib.rs")));
            std::fs::write(
                root.join(format!("crates/{name}/Cargo.toml")),
                format!("[package]\nname = \"{name}\"\n"),
            )
            .expect("member");
        }
        let own = root.join("crates/own/Cargo.toml");
        std::fs::write(
            &own,
            "[package]\nname = \"own\"\n[package.metadata.agentgen]\ndir = \"agents\"\n",
        )
        .expect("own");
        std::fs::create_dir_all(root.join("crates/own/agents")).expect("own agents");
        // The virtual root and both crates name `shared`: once; `own` has its own.
        let expected = vec![PathBuf::from("shared"), PathBuf::from("crates/own/agents")];
        assert_eq!(workspace_dirs(None, &root), Ok(expected));
        assert_eq!(
            workspace_dirs(None, &root.join("crates/a/src")),
            Ok(vec![
                PathBuf::from("../../../shared"),
                PathBuf::from("../../own/agents")
            ])
        );
        // Without --workspace, the virtual root's own setting applies.
        assert_eq!(agents_dir(None, &root), Ok(PathBuf::from("shared")));
        // A crate without agents is skipped; a setting that names nothing is an error.
        std::fs::write(&own, "[package]\nname = \"own\"\n").expect("own");
        std::fs::remove_dir_all(root.join("crates/own/agents")).expect("remove");
        assert_eq!(
            workspace_dirs(None, &root),
            Ok(vec![PathBuf::from("shared")])
        );
        std::fs::remove_dir_all(root.join("shared")).expect("remove");
        let error = workspace_dirs(None, &root).expect_err("missing");
        assert!(error.contains("names `shared`"), "{error}");
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
            PathBuf::from(".claude")
        );
        assert_eq!(catalog_dir_of(Path::new("a.md")), PathBuf::from("."));
    }
}
