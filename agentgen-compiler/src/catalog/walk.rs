//! Finding agent files as Claude Code finds them: every `.md` file below the agents directory,
//! hidden files and subdirectories included, symbolic links followed, paths sorted.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};

/// The order Claude Code sorts agent paths in (JavaScript's default sort): by UTF-16 code
/// units, so that `a.md` comes after `B.md`, `a/b.md` after `a.md`, and a character beyond
/// U+FFFF (a surrogate pair) before U+E000–U+FFFF.
pub(crate) fn js_path_order(a: &str, b: &str) -> std::cmp::Ordering {
    // The common prefix decides nothing; at the first different character, compare the UTF-16
    // code units it starts with (a surrogate for a character beyond U+FFFF).
    let utf16 = |c: char| -> (u32, u32) {
        let c = u32::from(c);
        match c.checked_sub(0x1_0000) {
            Some(offset) => (0xd800 + (offset >> 10), 0xdc00 + (offset & 0x3ff)),
            None => (c, 0),
        }
    };
    // The first different byte: where both are ASCII, or one is, UTF-8's byte order is the
    // UTF-16 order (an ASCII byte is below every byte of a longer character); only between
    // two longer characters do the two orders differ (U+E000..U+FFFF against U+10000..).
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    match (a.as_bytes().get(common), b.as_bytes().get(common)) {
        (Some(&x), Some(&y)) if x.is_ascii() || y.is_ascii() => return x.cmp(&y),
        (Some(_), Some(_)) => {}
        (x, y) => return x.is_some().cmp(&y.is_some()),
    }
    let mut left = a.chars();
    let mut right = b.chars();
    loop {
        match (left.next(), right.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (Some(x), Some(y)) => return utf16(x).cmp(&utf16(y)),
            (x, y) => return x.is_some().cmp(&y.is_some()),
        }
    }
}

/// Walks `dir` as Claude Code does: every `.md` file below it, subdirectories and hidden files
/// included, symbolic links followed (each real directory once, so loops end).
fn walk(
    dir: &Path,
    prefix: &str,
    found: &mut Vec<(String, PathBuf)>,
    visited: &mut HashSet<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
    display_root: &str,
) {
    let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !visited.insert(canonical) {
        diagnostics.push(
            Diagnostic::new(
                Code::UnreadableFile,
                format!("{display_root}/{prefix}"),
                "directory already visited (symbolic link loop or second link to it)",
            )
            .note("agentgen reads each directory once"),
        );
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            diagnostics.push(Diagnostic::new(
                Code::UnreadableFile,
                format!("{display_root}/{prefix}"),
                format!("cannot read directory: {e}"),
            ));
            return;
        }
    };
    // With each entry its type as the directory listing gives it (no system call on most file
    // systems): a symbolic link's target is looked up below.
    let mut names: Vec<(String, PathBuf, Option<std::fs::FileType>)> = entries
        .filter_map(Result::ok)
        .map(|e| {
            let file_type = e.file_type().ok().filter(|t| !t.is_symlink());
            (
                e.file_name().to_string_lossy().into_owned(),
                e.path(),
                file_type,
            )
        })
        .collect();
    names.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    for (name, path, file_type) in names {
        let relative = format!("{prefix}{name}");
        let Some(meta) = file_type.or_else(|| std::fs::metadata(&path).ok().map(|m| m.file_type()))
        else {
            if name.ends_with(".md") {
                diagnostics.push(Diagnostic::new(
                    Code::UnreadableFile,
                    format!("{display_root}/{relative}"),
                    "cannot read agent file (broken symbolic link?)",
                ));
            }
            continue;
        };
        if meta.is_dir() {
            walk(
                &path,
                &format!("{relative}/"),
                found,
                visited,
                diagnostics,
                display_root,
            );
        } else if name.ends_with(".md") {
            if meta.is_file() {
                found.push((relative, path));
            } else {
                diagnostics.push(
                    Diagnostic::new(
                        Code::UnreadableFile,
                        format!("{display_root}/{relative}"),
                        "not a regular file",
                    )
                    .note("Claude Code does not load it"),
                );
            }
        } else if name.len() > 3 && name.as_bytes()[name.len() - 3..].eq_ignore_ascii_case(b".md") {
            diagnostics.push(
                Diagnostic::new(
                    Code::ExtensionCase,
                    format!("{display_root}/{relative}"),
                    "agent file extension is not lower-case `.md`",
                )
                .note("Claude Code loads only `.md` files (on case-sensitive file systems); agentgen does not compile this file")
                .help("rename the file to end in `.md`"),
            );
        }
    }
}

/// The agent files (`*.md`) below `dir` as [`compile`](super::compile) finds them: `(path relative to dir with
/// `/` separators, path on disk)`, sorted, each directory visited once (symbolic-link loops are
/// reported). Problems met on the way (unreadable entries, `.MD` files) are diagnostics, shown
/// under `display_root`. Used by the catalog's layouts and `agentgen fix`.
pub(crate) fn find_agent_files(
    dir: &Path,
    display_root: &str,
) -> (Vec<(String, PathBuf)>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut diagnostics = Vec::new();
    let mut visited = HashSet::new();
    let display_root = display_root.trim_end_matches('/');
    walk(
        dir,
        "",
        &mut found,
        &mut visited,
        &mut diagnostics,
        display_root,
    );
    found.sort_by(|a, b| js_path_order(&a.0, &b.0));
    (found, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::js_path_order;

    #[test]
    fn paths_sort_by_utf16_code_units() {
        let cases = [
            ("B.md", "a.md"),
            ("a.md", "a/b.md"),
            ("a-b.md", "a/x.md"),
            ("10.md", "9.md"),
            ("\u{1f600}.md", "\u{e000}.md"),
            ("\u{1f600}.md", "\u{1f601}.md"),
            ("a", "ab"),
        ];
        for (first, last) in cases {
            assert_eq!(
                js_path_order(first, last),
                std::cmp::Ordering::Less,
                "{first} < {last}"
            );
            assert_eq!(js_path_order(last, first), std::cmp::Ordering::Greater);
            let by_units = first.encode_utf16().cmp(last.encode_utf16());
            assert_eq!(js_path_order(first, last), by_units);
        }
        assert_eq!(js_path_order("é.md", "é.md"), std::cmp::Ordering::Equal);
    }

    /// Every pair of strings of up to three characters from an alphabet of ASCII, two-, three-
    /// and four-byte characters (around the surrogate range, where UTF-8 and UTF-16 orders
    /// part), ordered as UTF-16 code units order them.
    #[test]
    fn the_byte_shortcut_orders_as_utf16_does() {
        let alphabet = [
            "a",
            "B",
            "/",
            "-",
            "é",
            "\u{7ff}",
            "\u{d7ff}",
            "\u{e000}",
            "\u{ffff}",
            "\u{10000}",
            "\u{1f600}",
        ];
        let mut strings = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = strings
                .iter()
                .filter(|s| s.chars().count() == strings.last().map_or(0, |l| l.chars().count()))
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        for a in &strings {
            for b in &strings {
                assert_eq!(
                    js_path_order(a, b),
                    a.encode_utf16().cmp(b.encode_utf16()),
                    "{a:?} against {b:?}"
                );
            }
        }
    }
}
