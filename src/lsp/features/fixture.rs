//! Small catalogs for the features' tests: files written to a temporary folder, compiled as
//! the server compiles a project (its root's absolute path as display root).

use crate::lsp::paths::uri_of;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use agentgen_compiler::{Catalog, Config, Project};
use lsp_types::Position;

use crate::lsp::text::position_of;

/// A `.claude` project in a temporary folder, compiled.
pub(crate) struct Fixture {
    pub root: PathBuf,
    pub catalog: Catalog,
}

impl Fixture {
    /// A project holding `files` (paths relative to its `.claude` folder).
    pub(crate) fn new(files: &[(&str, &str)]) -> Fixture {
        Fixture::in_folder(".claude", files)
    }

    /// [`Fixture::new`] in a folder named `folder` (`agents`: the `agents` layout) instead of
    /// `.claude`.
    pub(crate) fn in_folder(folder: &str, files: &[(&str, &str)]) -> Fixture {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "agentgen-lsp-features-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        let root = dir.join(folder);
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
            std::fs::write(path, text).expect("write");
        }
        std::fs::create_dir_all(&root).expect("folder");
        let display = root.to_str().expect("a UTF-8 path").to_owned();
        let catalog = Project::open(&root, &display, &Config::default()).compile();
        Fixture { root, catalog }
    }

    /// The absolute path of `file`.
    pub(crate) fn path(&self, file: &str) -> PathBuf {
        self.root.join(file)
    }

    /// The text of `file` as written.
    pub(crate) fn text(&self, file: &str) -> String {
        std::fs::read_to_string(self.path(file)).expect("read")
    }

    /// The address of `file`.
    pub(crate) fn uri(&self, file: &str) -> lsp_types::Uri {
        uri_of(&self.path(file)).expect("a file address")
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        if let Some(dir) = self.root.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// The position `delta` bytes after the `nth` (0-based) occurrence of `needle` in `text`.
pub(crate) fn at(text: &str, needle: &str, nth: usize, delta: usize) -> Position {
    let (offset, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` #{nth} in the text"));
    position_of(text, offset + delta)
}

/// The protocol range of the `nth` occurrence of `needle`.
pub(crate) fn range(text: &str, needle: &str, nth: usize) -> lsp_types::Range {
    lsp_types::Range {
        start: at(text, needle, nth, 0),
        end: at(text, needle, nth, needle.len()),
    }
}

pub(crate) const PLANNER: &str = "---
name: planner
description: Plans the work
tools: Read, Reed, MultiEdit, Task(reviewer), Agent(reviewer, coder)
skills: style
dependencies: [coder]
observer: reviewer
---

# Planning

Hand the review to @reviewer and the code to the coder agent.

## Steps

Use subagent_type: \"coder\".
";

pub(crate) const REVIEWER: &str = "---
name: reviewer
description: Reviews code
tools: Read, Grep
---
You review. Ask the planner agent when unsure.
";

pub(crate) const CODER: &str = "---
name: coder
description: Writes code
---
Write code.
";

pub(crate) const STYLE: &str = "---
name: style
description: The team's style guide
context: fork
agent: reviewer
---
Style.
";

/// The team: planner (who names reviewer and coder everywhere), reviewer, coder, skill style.
pub(crate) fn team() -> Fixture {
    Fixture::new(&[
        ("agents/planner.md", PLANNER),
        ("agents/reviewer.md", REVIEWER),
        ("agents/coder.md", CODER),
        ("skills/style/SKILL.md", STYLE),
    ])
}

#[test]
fn the_team_compiles_as_expected() {
    let fixture = team();
    let catalog = &fixture.catalog;
    let codes: Vec<&str> = catalog
        .diagnostics()
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["unknown-tool", "retired-tool", "legacy-tool"]);
    let names: Vec<&str> = catalog
        .agents()
        .iter()
        .map(|a| a.qualified_name.as_str())
        .collect();
    assert_eq!(names, ["coder", "planner", "reviewer"]);
    assert_eq!(catalog.agents()[1].prompt_references.len(), 3);
    assert!(
        catalog.files()[0]
            .path()
            .starts_with(fixture.root.to_str().expect("UTF-8"))
    );
}

#[test]
fn no_feature_panics_on_odd_texts_and_positions() {
    use super::*;
    let fixture = team();
    let catalog = &fixture.catalog;
    let texts = [
        "",
        "---",
        "---\n---",
        "---\nname: planner\ntools: Agent(\n",
        "---\nname: [\ntools: Task(reviewer, , )\nskills: [style\n---\n# \n@",
        "\u{feff}---\nname: é𝄞\r\ndescription: \"unterminated\n---\r\n## 𝄞 heading ##\n@reviewer",
        "\0\u{1}binary\u{fffd}\n---\n",
        PLANNER,
    ];
    let paths = [
        fixture.path("agents/planner.md"),
        fixture.path("skills/style/SKILL.md"),
        fixture.path("agentgen.toml"),
        PathBuf::from("/elsewhere/x.md"),
    ];
    for path in &paths {
        for text in texts {
            let _ = document_symbols(catalog, path, text);
            for line in 0..18 {
                for character in [0, 1, 2, 5, 9, 13, 40, u32::MAX] {
                    let position = Position { line, character };
                    let range = lsp_types::Range {
                        start: position,
                        end: Position {
                            line: line + 1,
                            character: 0,
                        },
                    };
                    let _ = completion(catalog, path, text, position);
                    let _ = hover(catalog, path, text, position);
                    let _ = definition(catalog, path, text, position);
                    let _ = references(catalog, path, text, position, true);
                    let _ = prepare_rename(catalog, path, text, position);
                    let _ = rename(catalog, path, text, position, "renamed");
                    let _ = code_actions(catalog, path, text, range, &[]);
                }
            }
        }
    }
    assert!(workspace_symbols(&[], "x").is_empty());
}
