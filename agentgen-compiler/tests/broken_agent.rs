//! One broken file gives one error (issue 22, item 3). An agent whose file Claude Code skips or
//! rejects keeps its place in the catalog where its name can be read: the file's error says
//! once that Claude Code does not have the agent and which files name it; references to it
//! (`Agent(x)`, `collaborators`, `observer`, the prompts) resolve to it and report nothing; the
//! generated code keeps a stub variant and constant for it while the catalog has errors.
//!
//! Claude Code's side, asked with the real CLI (`node ../shared/claude-code/oracle.mjs DIR` on
//! the files of `REPRO` below, Claude Code 2.1.332): `code-reviewer.md` gives
//! `"yaml":"failed"`, `"status":"skipped-silently"` ("no usable `name` in parsed frontmatter"),
//! with the log line "YAML frontmatter … failed to parse and was ignored"; `planner.md` and
//! `implementer.md` are accepted, `planner`'s tools kept as `["Read","Agent(code-reviewer)"]`.
//! So the agent `code-reviewer` does not exist for Claude Code, which is what the one error says.

use std::path::PathBuf;

use agentgen_compiler::catalog::{AgentTarget, Catalog, Input, ResolvedTool, compile};
use agentgen_compiler::compile_dir;
use agentgen_compiler::config::Config;
use agentgen_compiler::fix::{FixOutcome, fix_source};
use agentgen_compiler::generate::{Options, generate_source};
use agentgen_compiler::read;
use agentgen_compiler::{Code, Severity};

/// The issue's repro: a description continued on an indented line holding `Focus: x`, which
/// neither strict YAML nor Claude Code's fallback reads; agents naming `code-reviewer` in
/// `tools`, `collaborators`, `observer` and their prompts.
const REPRO: &[(&str, &str)] = &[
    (
        "code-reviewer.md",
        "---\nname: code-reviewer\ndescription: Reviews code for quality and security.\n  Focus: correctness, then style.\ntools: Read, Grep\n---\nYou review code.\n",
    ),
    (
        "implementer.md",
        "---\nname: implementer\ndescription: Implements the plan.\ncollaborators: [code-reviewer, planner]\nobserver: code-reviewer\n---\nImplement the plan, then ask the code-reviewer agent for a review.\n",
    ),
    (
        "planner.md",
        "---\nname: planner\ndescription: Plans work and hands reviews to the code-reviewer.\ntools: Read, Agent(code-reviewer)\n---\nPlan the work. When the plan is done, use the code-reviewer agent to review it.\n",
    ),
];

fn catalog(files: &[(&str, &str)]) -> Catalog {
    let files = files
        .iter()
        .map(|(path, text)| read::read_agent(&format!("agents/{path}"), text.as_bytes()))
        .collect();
    compile(Input::files("agents", files), Config::default())
}

/// `(severity, code, file:line:col)` of every diagnostic.
fn summary(catalog: &Catalog) -> Vec<(Severity, Code, String)> {
    catalog
        .diagnostics()
        .iter()
        .map(|d| (d.severity, d.code, d.location()))
        .collect()
}

/// A fresh directory under the system's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "agentgen-broken-agent-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

#[test]
fn the_repro_gives_one_error_at_the_broken_file() {
    let c = catalog(REPRO);
    assert_eq!(
        summary(&c),
        [(
            Severity::Error,
            Code::InvalidFrontmatter,
            "agents/code-reviewer.md:4:8".to_owned()
        )],
        "{:#?}",
        c.diagnostics()
    );
    let error = &c.diagnostics()[0];
    assert_eq!(
        error.notes,
        [
            "Claude Code skips this file silently: its re-quoting fallback cannot read it either, so the agent `code-reviewer` does not exist for it",
            "agents/implementer.md, agents/planner.md name this agent: in Claude Code they refer to no agent until this file is fixed",
        ]
    );
    // `agentgen fix` repairs this file, so the help names it.
    let bytes = REPRO[0].1.as_bytes();
    assert!(matches!(
        fix_source("agents/code-reviewer.md", bytes),
        FixOutcome::Fixed(_)
    ));
    assert_eq!(
        error.help.as_deref(),
        Some(
            "`agentgen fix agents/code-reviewer.md` rewrites `description` (line 3) as strict YAML, keeping the text (`--check` shows the change first)"
        )
    );
}

#[test]
fn references_resolve_to_the_broken_agent() {
    let c = catalog(REPRO);
    let loaded: Vec<&str> = c
        .agents()
        .iter()
        .map(|a| a.qualified_name.as_str())
        .collect();
    assert_eq!(loaded, ["implementer", "planner"]);
    let broken: Vec<(&str, &str, &str)> = c
        .broken_agents()
        .iter()
        .map(|a| {
            (
                a.qualified_name.as_str(),
                a.variant.as_str(),
                c.files()[a.file].path(),
            )
        })
        .collect();
    assert_eq!(
        broken,
        [("code-reviewer", "CodeReviewer", "agents/code-reviewer.md")]
    );
    let implementer = &c.agents()[0];
    let planner = &c.agents()[1];
    assert_eq!(implementer.observers, [AgentTarget::Broken(0)]);
    // Collaborators are loaded agents only: the broken one is not among them.
    assert_eq!(implementer.collaborators, [1]);
    let Some(tools) = &planner.tools else {
        panic!("planner has a tool list")
    };
    assert!(
        tools.iter().any(|t| matches!(
            t,
            ResolvedTool::SpawnAgents { agents, .. } if agents == &[AgentTarget::Broken(0)]
        )),
        "{tools:?}"
    );
    for agent in [implementer, planner] {
        let targets: Vec<_> = agent
            .prompt_references
            .iter()
            .map(|r| r.target.clone())
            .collect();
        assert_eq!(targets, [Some(AgentTarget::Broken(0))], "{}", agent.name);
        assert!(agent.mentions.is_empty(), "{}", agent.name);
    }
}

#[test]
fn generated_code_keeps_a_stub_variant_and_constant_while_the_catalog_has_errors() {
    let c = catalog(REPRO);
    let source = generate_source(&c, &Options::default());
    let file = syn::parse_file(&source).expect("generated code parses");
    let text = quote::ToTokens::to_token_stream(&file).to_string();
    assert!(text.contains("CodeReviewer ,"), "no variant: {source}");
    assert!(
        source.contains("pub const CODE_REVIEWER: AgentSpec"),
        "{source}"
    );
    assert!(
        source.contains("AgentRef::Catalog(Agent::CodeReviewer)"),
        "Agent(code-reviewer) and the observer name the stub: {source}"
    );
    // The stub carries none of the file's text: Claude Code reads nothing from it.
    assert!(!source.contains("You review code."), "{source}");
    // ALL holds every variant once.
    assert!(
        source.contains("pub static ALL: [&AgentSpec; 3usize]"),
        "{source}"
    );

    // The same stub is not generated once the file is fixed: then the agent is loaded.
    let FixOutcome::Fixed(fixed) = fix_source("agents/code-reviewer.md", REPRO[0].1.as_bytes())
    else {
        panic!("fixable")
    };
    let fixed_text = String::from_utf8(fixed.text).expect("UTF-8");
    let mut files = REPRO.to_vec();
    files[0].1 = &fixed_text;
    let c = catalog(&files);
    assert!(c.diagnostics().is_empty(), "{:#?}", c.diagnostics());
    assert!(c.broken_agents().is_empty());
    let source = generate_source(&c, &Options::default());
    assert!(source.contains("You review code."), "{source}");
}

#[test]
fn a_broken_file_without_a_readable_name_has_no_place() {
    // No `name:` line: Claude Code names `.claude/agents` files only by `name`, never by file
    // name (CLAUDE-CODE-RULES.md §4), so the references are unknown as they are to Claude Code.
    let mut files = REPRO.to_vec();
    files[0].1 = "---\ndescription: Reviews code.\n  Focus: correctness.\n---\nYou review code.\n";
    let c = catalog(&files);
    assert!(c.broken_agents().is_empty());
    assert_eq!(
        summary(&c),
        [
            (
                Severity::Error,
                Code::InvalidFrontmatter,
                "agents/code-reviewer.md:3:8".to_owned()
            ),
            (
                Severity::Error,
                Code::UnknownCollaborator,
                "agents/implementer.md:4:17".to_owned()
            ),
            (
                Severity::Error,
                Code::UnknownCollaborator,
                "agents/implementer.md:5:11".to_owned()
            ),
            (
                Severity::Warning,
                Code::UnknownAgentInPrompt,
                "agents/implementer.md:7:34".to_owned()
            ),
            (
                Severity::Error,
                Code::UnknownCollaborator,
                "agents/planner.md:4:14".to_owned()
            ),
            (
                Severity::Warning,
                Code::UnknownAgentInPrompt,
                "agents/planner.md:6:47".to_owned()
            ),
        ],
        "{:#?}",
        c.diagnostics()
    );
    // A `name:` value that is not a plain name is not guessed at either.
    files[0].1 = "---\nname: [code-reviewer]\ndescription: x\n  Focus: y\n---\nx\n";
    assert!(catalog(&files).broken_agents().is_empty());
}

#[test]
fn the_name_line_is_read_leniently_quoted_or_plain() {
    for name_line in [
        "name: \"code-reviewer\"",
        "name: 'code-reviewer'",
        "name: code-reviewer # the reviewer",
        "name:\tcode-reviewer  ",
    ] {
        let text = format!("---\n{name_line}\ndescription: Reviews.\n  Focus: x\n---\nx\n");
        let mut files = REPRO.to_vec();
        files[0].1 = &text;
        let c = catalog(&files);
        assert_eq!(
            summary(&c),
            [(
                Severity::Error,
                Code::InvalidFrontmatter,
                "agents/code-reviewer.md:4:8".to_owned()
            )],
            "{name_line}: {:#?}",
            c.diagnostics()
        );
        assert_eq!(c.broken_agents()[0].name, "code-reviewer", "{name_line}");
    }
}

#[test]
fn a_frontmatter_after_blank_lines_keeps_its_place() {
    // Claude Code finds no frontmatter after a blank line (`no-frontmatter`), but the `name:`
    // line can be read: one error, at the file, and the references resolve to it.
    for before in ["\n", "  \n\n", "\u{feff}\n"] {
        let text = format!("{before}---\nname: code-reviewer\ndescription: Reviews.\n---\nx\n");
        let mut files = REPRO.to_vec();
        files[0].1 = &text;
        let c = catalog(&files);
        let codes: Vec<Code> = c.diagnostics().iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [Code::NoFrontmatter],
            "{before:?}: {:#?}",
            c.diagnostics()
        );
        assert_eq!(c.broken_agents()[0].name, "code-reviewer", "{before:?}");
    }
}

#[test]
fn a_rejected_file_keeps_its_place_too() {
    // `name` parsed, `description` missing: Claude Code rejects the file.
    let mut files = REPRO.to_vec();
    files[0].1 = "---\nname: code-reviewer\ntools: Read\n---\nYou review code.\n";
    let c = catalog(&files);
    let codes: Vec<(Severity, Code)> = c
        .diagnostics()
        .iter()
        .map(|d| (d.severity, d.code))
        .collect();
    assert_eq!(
        codes,
        [(Severity::Error, Code::MissingDescription)],
        "{:#?}",
        c.diagnostics()
    );
    assert!(
        c.diagnostics()[0].notes.contains(
            &"Claude Code rejects the file (\"Missing required description\"): the agent `code-reviewer` does not exist for it"
                .to_owned()
        ),
        "{:?}",
        c.diagnostics()[0].notes
    );
    assert_eq!(c.broken_agents().len(), 1);
    // Not a YAML problem: no `agentgen fix` help.
    assert!(
        !c.diagnostics()[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("agentgen fix")
    );
}

#[test]
fn a_loaded_agent_of_the_same_name_wins_and_the_broken_file_says_so() {
    let files = [
        (
            "a/code-reviewer.md",
            "---\nname: code-reviewer\ndescription: x\n  Focus: y\n---\nx\n",
        ),
        (
            "b/code-reviewer.md",
            "---\nname: code-reviewer\ndescription: Reviews code.\n---\nYou review code.\n",
        ),
        REPRO[2],
    ];
    let c = catalog(&files);
    assert!(c.broken_agents().is_empty());
    assert_eq!(
        summary(&c),
        [(
            Severity::Error,
            Code::InvalidFrontmatter,
            "agents/a/code-reviewer.md:4:8".to_owned()
        )]
    );
    assert_eq!(
        c.diagnostics()[0].notes,
        [
            "Claude Code skips this file; the agent `code-reviewer` comes from agents/b/code-reviewer.md"
        ]
    );
    let planner = c
        .agents()
        .iter()
        .find(|a| a.name == "planner")
        .expect("planner");
    let reviewer = c
        .agents()
        .iter()
        .position(|a| a.name == "code-reviewer")
        .expect("loaded");
    assert_eq!(planner.collaborators, [reviewer]);
}

#[test]
fn of_two_broken_files_of_one_name_the_later_path_has_the_place() {
    let broken = "---\nname: code-reviewer\ndescription: x\n  Focus: y\n---\nx\n";
    let files = [
        ("a/code-reviewer.md", broken),
        ("b/code-reviewer.md", broken),
        REPRO[2],
    ];
    let c = catalog(&files);
    assert_eq!(c.broken_agents().len(), 1);
    assert_eq!(
        c.files()[c.broken_agents()[0].file].path(),
        "agents/b/code-reviewer.md"
    );
    let codes: Vec<(Code, String)> = c
        .diagnostics()
        .iter()
        .map(|d| (d.code, d.location()))
        .collect();
    assert_eq!(
        codes,
        [
            (
                Code::InvalidFrontmatter,
                "agents/a/code-reviewer.md:4:8".to_owned()
            ),
            (
                Code::InvalidFrontmatter,
                "agents/b/code-reviewer.md:4:8".to_owned()
            ),
        ]
    );
    // The generated code has the variant once.
    let source = generate_source(&c, &Options::default());
    assert_eq!(source.matches("pub const CODE_REVIEWER").count(), 1);
    syn::parse_file(&source).expect("generated code parses");
}

#[test]
fn the_fix_help_appears_only_when_fix_repairs_the_file() {
    // A key Claude Code reads, indented under the description: text of the description or a key
    // of its own? YAML and Claude Code's fallback fail, and the fix does not guess.
    let text = "---\nname: code-reviewer\ndescription: x\n  tools: Read: y\n---\nx\n";
    assert!(matches!(
        fix_source("agents/code-reviewer.md", text.as_bytes()),
        FixOutcome::Unfixable(_)
    ));
    let file = read::read_agent("agents/code-reviewer.md", text.as_bytes());
    let error = file
        .diagnostics
        .iter()
        .find(|d| d.code == Code::InvalidFrontmatter)
        .expect("invalid frontmatter");
    assert!(
        !error.help.as_deref().unwrap_or("").contains("agentgen fix"),
        "{error:?}"
    );
}

#[test]
fn a_broken_plugin_agent_is_loaded_under_its_file_name() {
    // Claude Code loads a plugin agent whose frontmatter does not parse, named after its file
    // (read/plugin_agent.rs): it is no broken agent, and references resolve to it as loaded.
    let root = scratch("plugin");
    std::fs::create_dir_all(root.join(".claude-plugin")).expect("dir");
    std::fs::create_dir_all(root.join("agents")).expect("dir");
    std::fs::write(
        root.join(".claude-plugin/plugin.json"),
        r#"{"name": "review"}"#,
    )
    .expect("write");
    for (name, text) in REPRO {
        let text = text.replace("Agent(code-reviewer)", "Agent(review:code-reviewer)");
        std::fs::write(root.join("agents").join(name), text).expect("write");
    }
    let c = compile_dir(&root, "review", &Config::default());
    assert!(c.broken_agents().is_empty());
    let names: Vec<&str> = c
        .agents()
        .iter()
        .map(|a| a.qualified_name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "review:code-reviewer",
            "review:implementer",
            "review:planner"
        ]
    );
    let error = c
        .diagnostics()
        .iter()
        .find(|d| d.code == Code::InvalidFrontmatter)
        .expect("the file's error");
    assert_eq!(error.location(), "review/agents/code-reviewer.md:4:8");
    assert!(
        error.notes[0].starts_with("Claude Code loads the file all the same"),
        "{:?}",
        error.notes
    );
    assert!(
        error
            .help
            .as_deref()
            .unwrap_or("")
            .starts_with("`agentgen fix review/agents/code-reviewer.md`"),
        "{error:?}"
    );
    assert!(
        !c.diagnostics().iter().any(|d| matches!(
            d.code,
            Code::UnknownCollaborator | Code::UnknownAgentInPrompt
        )),
        "{:#?}",
        c.diagnostics()
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn the_result_does_not_depend_on_the_order_of_the_files() {
    let forward = catalog(REPRO);
    let mut reversed = REPRO.to_vec();
    reversed.reverse();
    let backward = catalog(&reversed);
    assert_eq!(forward.diagnostics(), backward.diagnostics());
    assert_eq!(
        generate_source(&forward, &Options::default()),
        generate_source(&backward, &Options::default())
    );
}
