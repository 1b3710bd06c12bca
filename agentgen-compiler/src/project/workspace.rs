//! Cargo workspaces as cargo finds them: a crate's workspace root, the workspace's
//! `[workspace.metadata.agentgen] dir`, its members. Part of the [project model](super).

use std::path::{Path, PathBuf};

use super::normalize;
use crate::error::Error;

/// A `Cargo.toml`, parsed; `Err` with why it cannot be read (TOML that does not parse is an
/// [`std::io::ErrorKind::InvalidData`] error).
pub(super) fn read_manifest(path: &Path) -> std::io::Result<toml::Table> {
    let text = std::fs::read_to_string(path)?;
    text.parse()
        .map_err(|e: toml::de::Error| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// `[<table>.metadata.agentgen] dir` of a parsed manifest (`table` is `package` or
/// `workspace`), if set.
pub(super) fn metadata_dir(manifest: &toml::Table, table: &str) -> Result<Option<PathBuf>, String> {
    let dir = manifest
        .get(table)
        .and_then(|table| table.get("metadata"))
        .and_then(|metadata| metadata.get("agentgen"))
        .and_then(|agentgen| agentgen.get("dir"));
    match dir {
        None => Ok(None),
        Some(toml::Value::String(dir)) => Ok(Some(PathBuf::from(dir))),
        Some(_) => Err(format!(
            "`[{table}.metadata.agentgen] dir` must be a string"
        )),
    }
}

/// The root of the cargo workspace the crate in `crate_dir` (an absolute path) belongs to, as
/// cargo finds it: the crate itself when its `Cargo.toml` has a `[workspace]` table; the folder
/// `package.workspace` names; else the nearest folder above whose `Cargo.toml` has a
/// `[workspace]` table and does not list the crate under `exclude`. `None` for a crate in no
/// workspace (cargo then treats it as its own root) or a folder without a readable
/// `Cargo.toml`. (Cargo sets no environment variable for the workspace root: the macro and
/// build scripts start from `CARGO_MANIFEST_DIR`.)
pub fn workspace_root(crate_dir: &Path) -> Option<PathBuf> {
    let crate_dir = normalize(crate_dir);
    let table = read_manifest(&crate_dir.join("Cargo.toml")).ok()?;
    find_workspace(&crate_dir, &table).map(|(root, _)| root)
}

/// [`workspace_root`] for a crate whose manifest is already read; the root's manifest with it.
pub(super) fn find_workspace(
    crate_dir: &Path,
    manifest: &toml::Table,
) -> Option<(PathBuf, toml::Table)> {
    if manifest.contains_key("workspace") {
        return Some((crate_dir.to_path_buf(), manifest.clone()));
    }
    if let Some(toml::Value::String(path)) = manifest
        .get("package")
        .and_then(|package| package.get("workspace"))
    {
        let root = normalize(&crate_dir.join(path));
        let table = read_manifest(&root.join("Cargo.toml")).ok()?;
        return table.contains_key("workspace").then_some((root, table));
    }
    for dir in crate_dir.ancestors().skip(1) {
        let Ok(table) = read_manifest(&dir.join("Cargo.toml")) else {
            continue;
        };
        let Some(workspace) = table.get("workspace") else {
            continue;
        };
        let inside = crate_dir.strip_prefix(dir).unwrap_or(crate_dir);
        let excluded = workspace
            .get("exclude")
            .and_then(toml::Value::as_array)
            .is_some_and(|paths| {
                paths
                    .iter()
                    .filter_map(toml::Value::as_str)
                    .any(|path| inside.starts_with(normalize(Path::new(path))))
            });
        return (!excluded).then(|| (dir.to_path_buf(), table));
    }
    None
}

/// The folder `[workspace.metadata.agentgen] dir` names for the crate in `crate_dir`
/// (absolute), if its workspace sets one.
pub(crate) fn workspace_catalog_dir(crate_dir: &Path) -> Option<PathBuf> {
    let crate_dir = normalize(crate_dir);
    let table = read_manifest(&crate_dir.join("Cargo.toml")).ok()?;
    let (root, root_table) = find_workspace(&crate_dir, &table)?;
    let dir = metadata_dir(&root_table, "workspace").ok()??;
    Some(normalize(&root.join(dir)))
}

/// The crates of the workspace whose root is `root` (absolute): the root itself when its
/// `Cargo.toml` has a `[package]`, and every folder `members` names (`*` and `?` match within
/// one path segment, as in cargo's globs) that holds a `Cargo.toml` and is not under `exclude`.
/// Sorted, each once.
///
/// # Errors
///
/// [`Error::Read`]: the root's `Cargo.toml` cannot be read or parsed; [`Error::Option`]: it has
/// no `[workspace]` table.
pub fn workspace_members(root: &Path) -> Result<Vec<PathBuf>, Error> {
    let manifest = root.join("Cargo.toml");
    let table =
        read_manifest(&manifest).map_err(|e| Error::read(manifest.display(), &manifest, e))?;
    let Some(workspace) = table.get("workspace") else {
        return Err(Error::Option(format!(
            "{} has no `[workspace]` table",
            manifest.display()
        )));
    };
    let strings = |key: &str| -> Vec<String> {
        workspace
            .get(key)
            .and_then(toml::Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(toml::Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let excluded: Vec<PathBuf> = strings("exclude")
        .iter()
        .map(|path| normalize(&root.join(path)))
        .collect();
    let mut members = Vec::new();
    if table.contains_key("package") {
        members.push(root.to_path_buf());
    }
    for pattern in strings("members") {
        let mut found = vec![root.to_path_buf()];
        for segment in Path::new(&pattern).components() {
            let segment = segment.as_os_str().to_string_lossy();
            if !segment.contains(['*', '?']) {
                found = found
                    .iter()
                    .map(|dir| normalize(&dir.join(&*segment)))
                    .collect();
                continue;
            }
            let mut matched = Vec::new();
            for dir in &found {
                let Ok(entries) = std::fs::read_dir(dir) else {
                    continue;
                };
                matched.extend(
                    entries
                        .filter_map(Result::ok)
                        .filter(|entry| {
                            wildcard_match(&segment, &entry.file_name().to_string_lossy())
                        })
                        .map(|entry| entry.path())
                        .filter(|path| path.is_dir()),
                );
            }
            found = matched;
        }
        members.extend(found.into_iter().filter(|dir| {
            dir.join("Cargo.toml").is_file() && !excluded.iter().any(|ex| dir.starts_with(ex))
        }));
    }
    members.sort();
    members.dedup();
    Ok(members)
}

/// `*` (any run of characters) and `?` (one character) against a file name.
fn wildcard_match(pattern: &str, name: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let name: Vec<char> = name.chars().collect();
    let (mut p, mut n) = (0, 0);
    let mut backtrack: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some('*') => {
                backtrack = Some((p, n));
                p += 1;
            }
            Some(c) if *c == '?' || *c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match backtrack {
                Some((star, at)) => {
                    p = star + 1;
                    n = at + 1;
                    backtrack = Some((star, at + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_within_a_file_name() {
        assert!(wildcard_match("*", "app") && wildcard_match("a?p", "app"));
        assert!(wildcard_match("*-cli", "bot-cli") && !wildcard_match("*-cli", "bot-cli2"));
        assert!(!wildcard_match("?", "xy") && wildcard_match("a*b*c", "aXbYbc"));
    }
}
