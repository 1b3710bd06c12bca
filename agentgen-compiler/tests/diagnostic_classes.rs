//! Every diagnostic code has a case that produces it (a new code without a case fails here),
//! each checked for its file, line and severity.

use std::path::Path;

use agentgen_compiler::{Code, Config, Severity, compile_dir};

/// (code, files of a catalog, file the diagnostic must name, line it must point at (0 = any))
type Case = (
    Code,
    &'static [(&'static str, &'static str)],
    &'static str,
    usize,
);

const CASES: &[Case] = &[
    (
        Code::InvalidUtf8,
        &[("a.md", "---\nname: a\ndescription: d\n---\nbad \u{fffd}")],
        "a.md",
        0,
    ),
    (
        Code::NoFrontmatter,
        &[("a.md", "\n---\nname: a\ndescription: d\n---\n")],
        "a.md",
        1,
    ),
    (
        Code::InvalidFrontmatter,
        &[(
            "a.md",
            "---\nname: a\ndescription: x\n  Context: y: z\n---\n",
        )],
        "a.md",
        0,
    ),
    (
        Code::PlaceholderDescription,
        &[(
            "a.md",
            "---\nname: a\ndescription: \"Use this agent when … (say when Claude should delegate to a)\"\n---\n",
        )],
        "a.md",
        3,
    ),
    (
        Code::DuplicateKey,
        &[("a.md", "---\nname: a\ndescription: d\nname: a\n---\n")],
        "a.md",
        4,
    ),
    (
        Code::MisspelledKey,
        &[("a.md", "---\nname: a\ndescription: d\ncolour: red\n---\n")],
        "a.md",
        4,
    ),
    (
        Code::MissingName,
        &[("a.md", "---\ndescription: d\n---\n")],
        "a.md",
        1,
    ),
    (
        Code::InvalidName,
        &[("a.md", "---\nname: -a\ndescription: d\n---\n")],
        "a.md",
        2,
    ),
    (
        Code::MissingDescription,
        &[("a.md", "---\nname: a\ndescription: 12\n---\n")],
        "a.md",
        3,
    ),
    (
        Code::UnknownTool,
        &[("a.md", "---\nname: a\ndescription: d\ntools: Reed\n---\n")],
        "a.md",
        4,
    ),
    (
        Code::MalformedTool,
        &[(
            "a.md",
            "---\nname: a\ndescription: d\ntools: mcp__, Agent(), Bash(\n---\n",
        )],
        "a.md",
        4,
    ),
    (
        Code::UnknownMcpServer,
        &[
            ("agentgen.toml", "[tools]\nmcp-servers = [\"github\"]\n"),
            (
                "a.md",
                "---\nname: a\ndescription: d\ntools: mcp__gitlab__x\n---\n",
            ),
        ],
        "a.md",
        4,
    ),
    (
        Code::UnknownCollaborator,
        &[(
            "a.md",
            "---\nname: a\ndescription: d\ncollaborators: [b]\n---\n",
        )],
        "a.md",
        4,
    ),
    (
        Code::DuplicateName,
        &[
            ("a.md", "---\nname: a\ndescription: d\n---\n"),
            ("b.md", "---\nname: a\ndescription: d\n---\n"),
        ],
        "a.md",
        2,
    ),
    (
        Code::IdentifierCollision,
        &[
            ("a.md", "---\nname: a-b\ndescription: d\n---\n"),
            ("b.md", "---\nname: a_b\ndescription: d\n---\n"),
        ],
        "b.md",
        2,
    ),
    (
        Code::InvalidModel,
        &[("a.md", "---\nname: a\ndescription: d\nmodel: gpt-4o\n---\n")],
        "a.md",
        4,
    ),
    (
        Code::InvalidColor,
        &[(
            "a.md",
            "---\nname: a\ndescription: d\ncolor: magenta\n---\n",
        )],
        "a.md",
        4,
    ),
    (
        Code::InvalidPermissionMode,
        &[(
            "a.md",
            "---\nname: a\ndescription: d\npermissionMode: yolo\n---\n",
        )],
        "a.md",
        4,
    ),
    (
        Code::InvalidField,
        &[("a.md", "---\nname: a\ndescription: d\nmaxTurns: -3\n---\n")],
        "a.md",
        4,
    ),
    (
        Code::InvalidHooks,
        &[("a.md", "---\nname: a\ndescription: d\nhooks: []\n---\n")],
        "a.md",
        4,
    ),
    (
        Code::InvalidConfig,
        &[
            ("agentgen.toml", "packs = 3\n"),
            ("a.md", "---\nname: a\ndescription: d\n---\n"),
        ],
        "agentgen.toml",
        0,
    ),
    (
        Code::MissingMetadata,
        &[
            ("agentgen.toml", "[metadata]\ncategory = \"string\"\n"),
            ("a.md", "---\nname: a\ndescription: d\n---\n"),
        ],
        "a.md",
        2,
    ),
    (
        Code::InvalidMetadata,
        &[
            ("agentgen.toml", "[metadata]\npriority = \"u8\"\n"),
            (
                "a.md",
                "---\nname: a\ndescription: d\npriority: \"nine\"\n---\n",
            ),
        ],
        "a.md",
        4,
    ),
    (
        Code::UnknownKey,
        &[
            (
                "agentgen.toml",
                "[metadata]\ncategory = { type = \"string\", required = false }\n",
            ),
            ("a.md", "---\nname: a\ndescription: d\ncategroy: x\n---\n"),
        ],
        "a.md",
        4,
    ),
    (
        Code::LegacyTool,
        &[("a.md", "---\nname: a\ndescription: d\ntools: Task\n---\n")],
        "a.md",
        4,
    ),
    (
        Code::RetiredTool,
        &[("a.md", "---\nname: a\ndescription: d\ntools: LS\n---\n")],
        "a.md",
        4,
    ),
    (
        Code::MemoryWidensTools,
        &[(
            "a.md",
            "---\nname: a\ndescription: d\ntools: Read, Grep\nmemory: project\n---\n",
        )],
        "a.md",
        5,
    ),
    (
        Code::ModelAliasCase,
        &[("a.md", "---\nname: a\ndescription: d\nmodel: Opus\n---\n")],
        "a.md",
        4,
    ),
    (
        Code::RemappedModel,
        &[(
            "a.md",
            "---\nname: a\ndescription: d\nmodel: claude-opus-4-1\n---\n",
        )],
        "a.md",
        4,
    ),
    (
        Code::CoercedValue,
        &[(
            "a.md",
            "---\nname: a\ndescription: d\nmaxTurns: \"2.5\"\n---\n",
        )],
        "a.md",
        4,
    ),
    (
        Code::IgnoredValue,
        &[(
            "a.md",
            "---\nname: a\ndescription: d\nexperimental: 1h\n---\n",
        )],
        "a.md",
        4,
    ),
    (
        Code::UnknownAgentInPrompt,
        &[(
            "a.md",
            "---\nname: a\ndescription: d\n---\nHand the diff to the code-reviewer agent.\n",
        )],
        "a.md",
        5,
    ),
    (
        Code::MisplacedHook,
        &[(
            "a.md",
            "---\nname: a\ndescription: d\nPostToolUse:\n  - hooks: [{type: command, command: x}]\n---\n",
        )],
        "a.md",
        4,
    ),
    (
        Code::YamlFallback,
        &[("a.md", "---\nname: a\ndescription: when: x\n---\n")],
        "a.md",
        3,
    ),
    (
        Code::NonKebabName,
        &[("a.md", "---\nname: Code Reviewer\ndescription: d\n---\n")],
        "a.md",
        2,
    ),
    (
        Code::DuplicateTool,
        &[(
            "a.md",
            "---\nname: a\ndescription: d\ntools: Read, Read\n---\n",
        )],
        "a.md",
        4,
    ),
    (
        Code::NoTools,
        &[("a.md", "---\nname: a\ndescription: d\ntools:\n---\n")],
        "a.md",
        4,
    ),
    (
        Code::RedundantTools,
        &[(
            "a.md",
            "---\nname: a\ndescription: d\ntools: Read, *\n---\n",
        )],
        "a.md",
        4,
    ),
    (
        Code::ExtensionCase,
        &[("a.MD", "---\nname: a\ndescription: d\n---\n")],
        "a.MD",
        0,
    ),
    (
        Code::IgnoredValue,
        &[("a.md", "---\nname: a\ndescription: d\ncacheTtl: 1h\n---\n")],
        "a.md",
        4,
    ),
    (
        Code::UnknownSkill,
        &[(
            "a.md",
            "---\nname: a\ndescription: d\nskills: simplfy\n---\n",
        )],
        "a.md",
        4,
    ),
    (
        Code::SkillNotPreloadable,
        &[(
            "a.md",
            "---\nname: a\ndescription: d\nskills:\n  - clear\n---\n",
        )],
        "a.md",
        5,
    ),
    (
        Code::InvalidManifest,
        &[
            (".claude-plugin/plugin.json", "{\"name\": \"my plugin\"}"),
            ("agents/a.md", "---\nname: a\ndescription: d\n---\n"),
        ],
        ".claude-plugin/plugin.json",
        1,
    ),
    (
        Code::IgnoredInPlugin,
        &[
            (".claude-plugin/plugin.json", "{\"name\": \"p\"}"),
            (
                "agents/a.md",
                "---\nname: a\ndescription: d\npermissionMode: plan\n---\n",
            ),
        ],
        "agents/a.md",
        4,
    ),
];

fn compile(name: &str, files: &[(&str, &str)]) -> agentgen_compiler::Catalog {
    let dir = std::env::temp_dir().join(format!("agentgen-diag-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (path, text) in files {
        let bytes: Vec<u8> = if text.contains('\u{fffd}') {
            text.replace('\u{fffd}', "").bytes().chain([0xff]).collect()
        } else {
            text.as_bytes().to_vec()
        };
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("dir");
        std::fs::write(path, bytes).expect("write");
    }
    let catalog = compile_dir(&dir, "agents", &Config::default());
    let _ = std::fs::remove_dir_all(&dir);
    catalog
}

#[test]
fn every_code_has_a_case_that_produces_it() {
    let mut covered = Vec::new();
    for (code, files, file, line) in CASES {
        let catalog = compile(code.as_str(), files);
        let found = catalog.diagnostics().iter().find(|d| d.code == *code);
        let Some(diagnostic) = found else {
            panic!("{code}: not produced; got {:#?}", catalog.diagnostics());
        };
        assert_eq!(diagnostic.file, format!("agents/{file}"), "{code}");
        if *line > 0 {
            assert_eq!(
                diagnostic.span.as_ref().map(|s| s.line),
                Some(*line),
                "{code}: {diagnostic:#?}"
            );
        }
        let expected = if code.default_level() == agentgen_compiler::LintLevel::Deny {
            Severity::Error
        } else {
            Severity::Warning
        };
        assert_eq!(diagnostic.severity, expected, "{code}");
        assert!(
            diagnostic.help.is_some()
                || !diagnostic.notes.is_empty()
                || *code == Code::InvalidConfig,
            "{code}: no help"
        );
        covered.push(*code);
    }
    // Codes that need the file system rather than file contents are covered below, and
    // `overridden-config` (options the CLI cannot see) in `build_options_that_contradict_agentgen_toml`.
    covered.extend([
        Code::FileTooLarge,
        Code::UnreadableFile,
        Code::InvalidPath,
        Code::OverriddenConfig,
    ]);
    // The targets' lints need a target asked for: the Gemini ones in tests/gemini_target.rs,
    // the Copilot ones in the root package's tests/runtime_copilot.rs
    // (`the_copilot_lints_come_only_with_the_target`, every code through the CLI).
    covered.extend(
        Code::ALL
            .iter()
            .filter(|c| c.as_str().starts_with("gemini-") || c.as_str().starts_with("copilot-")),
    );
    for code in Code::ALL {
        assert!(covered.contains(code), "no case for {code}");
    }
}

#[test]
fn file_system_problems() {
    let dir = std::env::temp_dir().join(format!("agentgen-fs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut big = String::from("---\nname: big\ndescription: d\n---\n");
    big.push_str(&"x".repeat(1_048_577));
    std::fs::write(dir.join("big.md"), big).expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("missing-target.md"), dir.join("dangling.md"))
        .expect("symlink");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&dir, dir.join("loop")).expect("symlink loop");
    let catalog = compile_dir(&dir, "agents", &Config::default());
    let codes: Vec<Code> = catalog.diagnostics().iter().map(|d| d.code).collect();
    assert!(codes.contains(&Code::FileTooLarge), "{codes:?}");
    #[cfg(unix)]
    assert!(codes.contains(&Code::UnreadableFile), "{codes:?}");
    let missing = compile_dir(Path::new("/no/such/agents"), "agents", &Config::default());
    assert_eq!(missing.diagnostics()[0].code, Code::InvalidPath);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The macro's and the builder's options are invisible to `agentgen check`: one that contradicts
/// agentgen.toml is an `overridden-config` warning at the key in agentgen.toml; the same options
/// given on the command line (visible) are not.
#[test]
fn build_options_that_contradict_agentgen_toml() {
    let dir = std::env::temp_dir().join(format!("agentgen-overridden-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("agentgen.toml"),
        "layout = \"agents\"\n\n[lints]\nunknown-agent-in-prompt = \"deny\"\nno-tools = \"warn\"\n",
    )
    .expect("config");
    std::fs::write(dir.join("a.md"), "---\nname: a\ndescription: d\n---\nx\n").expect("agent");
    let mut options = Config::default();
    options
        .set_lint(
            "unknown_agent_in_prompt",
            agentgen_compiler::LintLevel::Warn,
        )
        .expect("a lint");
    options
        .set_lint("no-tools", agentgen_compiler::LintLevel::Warn)
        .expect("a lint");
    let hidden = agentgen_compiler::Project::open(&dir, "agents", &options)
        .options_hidden_from_cli()
        .compile();
    let overridden: Vec<_> = hidden
        .diagnostics()
        .iter()
        .filter(|d| d.code == Code::OverriddenConfig)
        .collect();
    assert_eq!(overridden.len(), 1, "{:#?}", hidden.diagnostics());
    assert_eq!(overridden[0].file, "agents/agentgen.toml");
    assert_eq!(overridden[0].span.as_ref().map(|s| s.line), Some(4));
    assert!(
        overridden[0]
            .message
            .contains("sets `unknown-agent-in-prompt` to warn, but this file sets it to deny"),
        "{}",
        overridden[0].message
    );
    assert_eq!(overridden[0].severity, Severity::Warning);
    let visible = compile_dir(&dir, "agents", &options);
    assert!(
        visible
            .diagnostics()
            .iter()
            .all(|d| d.code != Code::OverriddenConfig),
        "{:#?}",
        visible.diagnostics()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
