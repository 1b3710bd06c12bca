//! The Gemini translation (`catalog::targets::gemini`): every `gemini-*` code has a case that
//! produces it, at its file and line, with its default severity; the verdicts; the lint levels
//! the export applies; and the export's files, deterministic.

use std::path::{Path, PathBuf};

use agentgen_compiler::catalog::targets::Verdict;
use agentgen_compiler::catalog::targets::gemini::{Translation, translate_all};
use agentgen_compiler::export::gemini::export;
use agentgen_compiler::{Catalog, Code, Config, Severity, compile_dir};

/// The `gemini-*` codes of the lint table.
pub const GEMINI_CODES: &[Code] = &[
    Code::GeminiDropsField,
    Code::GeminiDropsTool,
    Code::GeminiWidensTool,
    Code::GeminiUnmappedTool,
    Code::GeminiRenamesAgent,
    Code::GeminiDropsModel,
    Code::GeminiMapsModel,
];

fn compiled(name: &str, files: &[(&str, &str)]) -> (PathBuf, Catalog) {
    let dir = std::env::temp_dir().join(format!("agentgen-gemini-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("create dir");
        std::fs::write(path, text).expect("write");
    }
    let catalog = compile_dir(&dir, "agents", &Config::default());
    // `p:x` and `p-x` are one Rust identifier too (an error the CLI refuses to export);
    // the translation still reports its own collision, for the targets pass.
    let errors: Vec<Code> = catalog
        .diagnostics()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code)
        .collect();
    assert!(
        errors.iter().all(|c| *c == Code::IdentifierCollision),
        "{:#?}",
        catalog.diagnostics()
    );
    (dir, catalog)
}

fn by_name<'a>(catalog: &Catalog, all: &'a [Translation], name: &str) -> &'a Translation {
    all.iter()
        .find(|t| catalog.agents()[t.agent.agent].qualified_name == name)
        .unwrap_or_else(|| panic!("no agent {name}"))
}

const FILES: &[(&str, &str)] = &[
    (
        "agentgen.toml",
        "packs = true\n[tools]\ncustom = [\"Deploy\"]\n[target.gemini]\nmodels = { sonnet = \"gemini-2.5-pro\" }\n",
    ),
    (
        "a.md",
        "---\nname: a\ndescription: d\ntools: Read, Bash(git diff:*), NotebookEdit\nmodel: sonnet\ncolor: red\n---\nx\n",
    ),
    (
        "b.md",
        "---\nname: B\ndescription: d\ntools: Read, Deploy\nmodel: opus\n---\nRun Deploy when done.\n",
    ),
    ("p/x.md", "---\nname: x\ndescription: d\n---\nx\n"),
    ("p-x.md", "---\nname: p-x\ndescription: d\n---\nx\n"),
    (
        "d.md",
        "---\nname: whole\ndescription: d\ntools: Read, Grep, mcp__github\nmodel: inherit\nmaxTurns: 3\ncollaborators: [a]\nobserveSubagents: true\n---\nx\n",
    ),
];

#[test]
fn every_gemini_code_has_a_case() {
    let (dir, catalog) = compiled("codes", FILES);
    let all = translate_all(&catalog);
    let expected: &[(Code, &str, &str, usize)] = &[
        (Code::GeminiDropsField, "a", "agents/a.md", 6),
        (Code::GeminiDropsTool, "a", "agents/a.md", 4),
        (Code::GeminiWidensTool, "a", "agents/a.md", 4),
        (Code::GeminiMapsModel, "a", "agents/a.md", 5),
        (Code::GeminiRenamesAgent, "B", "agents/b.md", 2),
        (Code::GeminiUnmappedTool, "B", "agents/b.md", 4),
        (Code::GeminiDropsModel, "B", "agents/b.md", 5),
    ];
    for (code, agent, file, line) in expected {
        let translation = by_name(&catalog, &all, agent);
        let found = translation
            .diagnostics
            .iter()
            .find(|d| d.code == *code)
            .unwrap_or_else(|| panic!("{code}: not produced; got {:#?}", translation.diagnostics));
        assert_eq!(found.file, *file, "{code}");
        assert_eq!(found.span.as_ref().map(|s| s.line), Some(*line), "{code}");
        let severity = match code {
            Code::GeminiUnmappedTool => Severity::Error,
            _ => Severity::Warning,
        };
        assert_eq!(found.severity, severity, "{code}");
        assert!(found.help.is_some(), "{code}: no help");
        assert!(
            found.message.contains("Gemini CLI 0.61.0"),
            "{code}: {}",
            found.message
        );
    }
    for code in GEMINI_CODES {
        assert!(
            expected.iter().any(|(c, ..)| c == code),
            "no case for {code}"
        );
        assert!(code.is_lint(), "{code}");
    }
    assert!(
        Code::ALL
            .iter()
            .filter(|c| c.as_str().starts_with("gemini-"))
            .all(|c| GEMINI_CODES.contains(c))
    );

    // Verdicts.
    let a = by_name(&catalog, &all, "a");
    assert_eq!(
        a.verdict,
        Verdict::LosesFields(vec!["color".into(), "tools".into()])
    );
    assert_eq!(
        a.agent.tools.as_deref(),
        Some(&["read_file".to_owned(), "run_shell_command".to_owned()][..])
    );
    assert_eq!(a.agent.model.as_deref(), Some("gemini-2.5-pro"));
    assert!(
        matches!(&by_name(&catalog, &all, "B").verdict, Verdict::CannotTake(r) if r.contains("`Deploy`"))
    );
    // `p:x` is `p-x` in Gemini, and in Rust: an identifier collision keeps it out.
    assert_eq!(all.len(), catalog.agents().len());
    assert!(!catalog.agents().iter().any(|a| a.qualified_name == "p:x"));
    let whole = by_name(&catalog, &all, "whole");
    assert_eq!(whole.verdict, Verdict::Whole, "{:#?}", whole.diagnostics);
    assert!(whole.diagnostics.is_empty());
    assert_eq!(
        whole.agent.tools.as_deref(),
        Some(
            &[
                "read_file".to_owned(),
                "grep_search".to_owned(),
                "mcp_github_*".to_owned()
            ][..]
        )
    );
    assert_eq!(
        (whole.agent.model.as_deref(), whole.agent.max_turns),
        (None, Some(3))
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_export_applies_lint_levels_and_is_deterministic() {
    let (dir, catalog) = compiled("levels", FILES);
    let exported = export(&catalog);
    assert!(exported.has_errors());
    assert_eq!(exported.counts(), (2, 1, 1));
    // The colliding agent is not written; the others are, sorted.
    let paths: Vec<&str> = exported.files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            ".gemini/agents/a.md",
            ".gemini/agents/b.md",
            ".gemini/agents/p-x.md",
            ".gemini/agents/whole.md"
        ]
    );
    assert_eq!(export(&catalog).files, exported.files);
    let _ = std::fs::remove_dir_all(&dir);

    let mut files = FILES.to_vec();
    files[0].1 = "packs = true\n[tools]\ncustom = [\"Deploy\"]\n[lints]\ngemini-unmapped-tool = \"allow\"\ngemini-drops-model = \"deny\"\n";
    files.retain(|(p, _)| *p != "p/x.md");
    let (dir, catalog) = compiled("levels-set", &files);
    let exported = export(&catalog);
    let codes: Vec<(Code, Severity)> = exported
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity))
        .collect();
    assert!(
        !codes.iter().any(|(c, _)| *c == Code::GeminiUnmappedTool),
        "{codes:?}"
    );
    assert!(
        codes.contains(&(Code::GeminiDropsModel, Severity::Error)),
        "{codes:?}"
    );
    assert!(exported.has_errors());
    let _ = std::fs::remove_dir_all(Path::new(&dir));
}

#[test]
fn an_error_lint_of_claude_code_still_cannot_be_lowered_but_gemini_unmapped_tool_can() {
    assert!(Config::parse("[lints]\ngemini-unmapped-tool = \"allow\"\n", "a").is_ok());
    assert!(Config::parse("[lints]\nunknown-tool = \"warn\"\n", "a").is_err());
}

#[test]
fn the_guide_names_every_mapped_tool() {
    let chapter = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/guide/other-runtimes.md"),
    )
    .expect("docs/guide/other-runtimes.md");
    // The Gemini part of the chapter (its Copilot part has a tool table of its own).
    let chapter = chapter
        .split_once("\n## Gemini CLI")
        .map(|(_, gemini)| gemini)
        .expect("a \"## Gemini CLI\" section");
    for entry in agentgen_compiler::registry::gemini::TOOL_MAP {
        if let Some(gemini) = entry.gemini {
            let row = chapter
                .lines()
                .find(|line| {
                    line.starts_with(&format!("| `{}`", entry.claude_code))
                        || line.contains(&format!(", `{}`", entry.claude_code))
                })
                .unwrap_or_else(|| panic!("no row for `{}`", entry.claude_code));
            assert!(
                row.contains(&format!("`{gemini}`")),
                "`{}` → `{gemini}`: {row}",
                entry.claude_code
            );
        }
    }
}
