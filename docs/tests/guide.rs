//! The guide's shape: every chapter is a doctest item of `src/lib.rs` (so its snippets compile),
//! every chapter is in the contents (`docs/README.md`), the README stays a front page, and every
//! relative link of the README and the guide reaches a file and, with `#anchor`, a heading of it.

use std::fs;
use std::path::{Path, PathBuf};

fn docs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn chapters() -> Vec<PathBuf> {
    let mut chapters: Vec<PathBuf> = fs::read_dir(docs_dir().join("guide"))
        .expect("docs/guide")
        .map(|entry| entry.expect("an entry of docs/guide").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    chapters.sort();
    chapters
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .expect("a file name")
        .to_string_lossy()
        .into_owned()
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_chapter_is_a_doctest_and_in_the_contents() {
    let lib = read(&docs_dir().join("src/lib.rs"));
    let contents = read(&docs_dir().join("README.md"));
    assert!(
        chapters().len() >= 10,
        "the guide's chapters: {:?}",
        chapters()
    );
    for chapter in chapters() {
        let name = file_name(&chapter);
        assert!(
            lib.contains(&format!("\"../guide/{name}\"")),
            "docs/src/lib.rs does not compile the snippets of docs/guide/{name}"
        );
        assert!(
            contents.contains(&format!("(guide/{name})")),
            "docs/README.md does not list docs/guide/{name}"
        );
    }
    assert!(lib.contains("\"../../README.md\""), "the README's snippets");
}

#[test]
fn the_readme_is_a_front_page() {
    let readme = read(&docs_dir().join("../README.md"));
    let lines = readme.lines().count();
    assert!(
        lines <= 300,
        "README.md has {lines} lines: move a topic into docs/guide/"
    );
    // The two commands that do everything on a fresh machine.
    assert!(readme.contains("\ncargo run "), "README.md: `cargo run`");
    assert!(
        readme.contains("\ncargo test --workspace "),
        "README.md: `cargo test --workspace`"
    );
}

/// GitHub's anchor for a heading: lower case, punctuation dropped, spaces as `-`.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The anchors of a Markdown file's headings (outside fenced code blocks).
fn anchors(text: &str) -> Vec<String> {
    let mut fenced = false;
    let mut anchors = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            anchors.push(anchor(line.trim_start_matches('#')));
        }
    }
    anchors
}

/// The relative link targets of a Markdown file (`[text](target)`, no scheme).
fn relative_links(text: &str) -> Vec<String> {
    text.split("](")
        .skip(1)
        .filter_map(|rest| rest.split_once(')').map(|(target, _)| target.to_owned()))
        .filter(|target| !target.contains("://") && !target.starts_with("mailto:"))
        .collect()
}

#[test]
fn every_relative_link_reaches_its_file_and_heading() {
    let mut pages = vec![
        docs_dir().join("../README.md"),
        docs_dir().join("README.md"),
    ];
    pages.extend(chapters());
    for page in pages {
        let text = read(&page);
        let dir = page.parent().expect("a folder");
        for link in relative_links(&text) {
            let (file, fragment) = link.split_once('#').unwrap_or((&link, ""));
            let target = if file.is_empty() {
                page.clone()
            } else {
                dir.join(file)
            };
            assert!(
                target.exists(),
                "{}: `{link}` names no file",
                page.display()
            );
            if !fragment.is_empty() {
                assert!(
                    anchors(&read(&target)).iter().any(|a| a == fragment),
                    "{}: `{link}` names no heading of {}",
                    page.display(),
                    target.display()
                );
            }
        }
    }
}

#[test]
fn the_diagnostics_chapter_lists_every_code_of_the_lint_table() {
    let chapter = read(&docs_dir().join("guide/diagnostics.md"));
    let missing: Vec<&str> = agentgen_compiler::Code::ALL
        .iter()
        .map(|code| code.as_str())
        .filter(|name| !chapter.contains(&format!("`{name}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/guide/diagnostics.md does not name these codes of the lint table (diagnostic.rs): {missing:?}"
    );
}
