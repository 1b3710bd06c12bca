//! `agentgen check --staged`: the catalogs of the changes git reports, deleted files included.
//!
//! pre-commit passes a hook the files a commit adds or modifies, never the ones it deletes, so a
//! hook that checks only the files it is given lets `git rm` of a skill that an agent preloads
//! through. With `--staged`, `check` asks git itself: the changes staged for the next commit
//! (`git diff --cached`), or, when pre-commit runs with `--from-ref`/`--to-ref` (it sets
//! `PRE_COMMIT_FROM_REF` and `PRE_COMMIT_TO_REF`, as for pre-push hooks), the changes between
//! them. Renames count as the deletion of the old name and the addition of the new one.
//!
//! Each changed path that is a catalog's file — an agent, skill or command file (`*.md`), a
//! plugin or marketplace manifest (`.claude-plugin/plugin.json`, `marketplace.json`) or an
//! `agentgen.toml` — stands for the catalog it belongs to
//! ([`agentgen_compiler::project::nearest_catalog_dir`]: the nearest folder with an
//! `agentgen.toml`, a plugin, a marketplace, a `.claude` folder, a folder named `agents`). A
//! path nothing on which names a catalog (a `docs/guide.md`), and a catalog whose folder was
//! deleted with it, are left out. Failing those markers, a path inside the folder a crate's or
//! workspace's `Cargo.toml` names (`[package.metadata.agentgen] dir`,
//! `[workspace.metadata.agentgen] dir`) stands for that catalog, as in the build; and a changed
//! `Cargo.toml` stands for the catalog it names (an error when it names no folder).

use std::path::{Path, PathBuf};
use std::process::Command;

use agentgen_compiler::Error;
use agentgen_compiler::project::{CatalogSetting, crate_catalog, nearest_catalog_dir, normalize};

/// The paths git reports changed (staged, or between pre-commit's refs), relative to `cwd`,
/// or a message saying why git could not tell.
pub fn changed_paths(cwd: &Path) -> Result<Vec<PathBuf>, String> {
    let top = git(cwd, &["rev-parse", "--show-cdup"])?;
    let to_top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    let from = std::env::var("PRE_COMMIT_FROM_REF").unwrap_or_default();
    let to = std::env::var("PRE_COMMIT_TO_REF").unwrap_or_default();
    let range;
    let mut args = vec!["diff", "--name-only", "--no-renames", "--no-ext-diff", "-z"];
    if !from.is_empty() && !to.is_empty() {
        range = format!("{from}...{to}");
        args.push(&range);
    } else {
        args.push("--cached");
    }
    let listed = git(cwd, &args)?;
    Ok(listed
        .split('\0')
        .filter(|path| !path.is_empty())
        .map(|path| to_top.join(path))
        .collect())
}

/// Runs `git ARGS` in `cwd`; its stdout, or a message with git's error.
fn git(cwd: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(cwd)
        .output()
        .map_err(|e| format!("`--staged` asks git for the changes, and git cannot run: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`--staged` asks git for the changes: `git {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    String::from_utf8(output.stdout)
        .map_err(|_| "`--staged`: git reported a path that is not UTF-8".to_owned())
}

/// Whether a path is one of the files a catalog is made of (see the module docs).
pub fn is_catalog_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let in_manifest_folder = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|folder| folder == ".claude-plugin");
    name == agentgen_compiler::config::CONFIG_FILE
        || (in_manifest_folder && (name == "plugin.json" || name == "marketplace.json"))
        || Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

/// The catalog folder a changed path stands for, if it is a catalog's file and its catalog
/// still exists: by the markers on its path ([`nearest_catalog_dir`]), else the folder that the
/// nearest crate's or workspace's `Cargo.toml` names (`[package.metadata.agentgen] dir`,
/// `[workspace.metadata.agentgen] dir`) when the path lies in it — the build's rule, so that a
/// shared `shared-agents/` is checked too. A changed `Cargo.toml` stands for the catalog it
/// names; a setting that names no folder is an error (the build would fail on it).
pub fn catalog_of_change(path: &Path) -> Result<Option<PathBuf>, String> {
    if path.file_name().is_some_and(|name| name == "Cargo.toml") {
        return catalog_named_by(path);
    }
    if !is_catalog_file(path) {
        return Ok(None);
    }
    if let Some(dir) = nearest_catalog_dir(path).filter(|dir| dir.is_dir()) {
        return Ok(Some(dir));
    }
    let target = normalize(path);
    for folder in path.ancestors().skip(1) {
        let manifest = folder.join("Cargo.toml");
        if !manifest.is_file() {
            continue;
        }
        if let Ok(found) = crate_catalog(Path::new("."), folder, Some(&manifest))
            && target.starts_with(normalize(&found.dir))
        {
            return Ok(Some(found.dir));
        }
    }
    Ok(None)
}

/// The catalog a changed `Cargo.toml` names with `[package.metadata.agentgen] dir` or
/// `[workspace.metadata.agentgen] dir` (`None` when it names none, or the crate has no catalog).
fn catalog_named_by(manifest: &Path) -> Result<Option<PathBuf>, String> {
    if !manifest.is_file() {
        return Ok(None);
    }
    let root = manifest.parent().unwrap_or(Path::new(""));
    let root = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    match crate_catalog(Path::new("."), root, Some(manifest)) {
        Ok(found) if found.setting != CatalogSetting::Detected => Ok(Some(found.dir)),
        Ok(_) => Ok(None),
        Err(Error::NoCatalog(_)) => Ok(None),
        Err(error) => Err(error.message()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_files_are_told_by_their_names() {
        for path in [
            "agents/x.md",
            "plugins/lint/skills/rules/SKILL.md",
            "plugins/lint/commands/ship.md",
            "agents/X.MD",
            "plugins/lint/.claude-plugin/plugin.json",
            ".claude-plugin/marketplace.json",
            ".claude/agentgen.toml",
        ] {
            assert!(is_catalog_file(Path::new(path)), "{path}");
        }
        for path in [
            "src/lib.rs",
            "plugin.json",
            "plugins/lint/hooks/hooks.json",
            "Cargo.toml",
        ] {
            assert!(!is_catalog_file(Path::new(path)), "{path}");
        }
    }
}
