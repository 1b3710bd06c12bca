//! Commands (`commands/**/*.md` of a `.claude` project or a plugin) in a catalog: found, named
//! and read as Claude Code 2.1.332 reads them (with its skill reader), their `allowed-tools`
//! checked like a skill's, and their generated items.

mod common;

use std::path::PathBuf;

use agentgen_compiler::config::Layout;
use agentgen_compiler::generate::{Options, generate_source};
use agentgen_compiler::{Catalog, Code, Config, compile_dir};

fn catalog(name: &str, layout: Option<Layout>, files: &[(&str, &str)]) -> (Catalog, PathBuf) {
    common::compile_files_in("commands-tests", name, layout, files)
}

fn names(catalog: &Catalog) -> Vec<&str> {
    catalog
        .command_skills()
        .iter()
        .map(|c| c.qualified_name.as_str())
        .collect()
}

#[test]
fn a_commands_allowed_tools_are_checked_with_did_you_mean() {
    let (c, _) = catalog(
        "ship",
        Some(Layout::Claude),
        &[
            ("agents/a.md", "---\nname: a\ndescription: d\n---\nx"),
            (
                "commands/ship.md",
                "---\ndescription: Ships it\nallowed-tools: Bsh(git push:*), Raed\n---\nShip.\n",
            ),
        ],
    );
    let unknown: Vec<(String, usize, usize, Option<String>)> = c
        .diagnostics()
        .iter()
        .filter(|d| d.code == Code::UnknownTool)
        .map(|d| {
            let span = d.span.as_ref().expect("a place");
            (d.file.clone(), span.line, span.column, d.help.clone())
        })
        .collect();
    assert_eq!(
        unknown,
        [
            (
                "root/commands/ship.md".to_owned(),
                3,
                16,
                Some("did you mean `Bash`?".to_owned())
            ),
            (
                "root/commands/ship.md".to_owned(),
                3,
                33,
                Some("did you mean `Read`?".to_owned())
            ),
        ]
    );
    assert!(c.has_errors());
    assert_eq!(names(&c), ["ship"]);
    assert_eq!(
        c.command_file_of(&c.command_skills()[0]).description,
        "Ships it"
    );
}

#[test]
fn project_commands_are_named_after_their_path() {
    let (c, _) = catalog(
        "project",
        Some(Layout::Claude),
        &[
            ("agents/a.md", "---\nname: a\ndescription: d\n---\nx"),
            (
                "commands/grp/deploy.md",
                "---\nname: renamed\ndescription: Deploys\nargument-hint: \"[env]\"\nmodel: sonnet\n---\nDeploy.\n",
            ),
            ("commands/nofm.md", "\n# Heading text\nbody\n"),
            ("commands/empty.md", ""),
            (
                "commands/folder/SKILL.md",
                "---\ndescription: Folder skill\n---\nx\n",
            ),
            (
                "commands/folder/other.md",
                "---\ndescription: Other\n---\nx\n",
            ),
            (
                "commands/scoped.md",
                "---\ndescription: d\npaths: src/**\n---\nx\n",
            ),
        ],
    );
    assert_eq!(
        names(&c),
        ["empty", "folder", "grp:deploy", "nofm", "scoped"]
    );
    let file = |name: &str| {
        let command = c
            .command_skills()
            .iter()
            .find(|s| s.qualified_name == name)
            .expect("command");
        c.command_file_of(command)
    };
    assert_eq!(file("empty").description, "Custom command");
    assert_eq!(file("nofm").description, "Heading text");
    assert_eq!(file("folder").description, "Folder skill");
    assert_eq!(file("grp:deploy").argument_hint.as_deref(), Some("[env]"));
    assert!(file("scoped").paths.is_empty());
    // `name` and `paths` are ignored in a project command: warnings at the key.
    let ignored: Vec<(String, usize)> = c
        .diagnostics()
        .iter()
        .filter(|d| d.code == Code::IgnoredValue)
        .map(|d| (d.file.clone(), d.span.as_ref().map_or(0, |s| s.line)))
        .collect();
    assert_eq!(
        ignored,
        [
            ("root/commands/grp/deploy.md".to_owned(), 2),
            ("root/commands/scoped.md".to_owned(), 3)
        ]
    );
    assert!(!c.has_errors(), "{:?}", c.diagnostics());
}

#[test]
fn plugin_commands_are_named_as_claude_code_names_them() {
    let (c, _) = catalog(
        "plug",
        Some(Layout::Plugin),
        &[
            ("agents/a.md", "---\nname: a\ndescription: d\n---\nx"),
            (
                "commands/grp/deploy.md",
                "---\nname: renamed\ndescription: Deploys\n---\nDeploy.\n",
            ),
            ("commands/UP.MD", "---\ndescription: Upper\n---\nx\n"),
            ("commands/empty.md", ""),
            (
                "commands/hooked.md",
                "---\ndescription: d\nallowed-tools: Read\nhooks: [1]\n---\nx\n",
            ),
        ],
    );
    // Sorted by qualified name (`U` before `e`); a `.MD` file keeps its extension in a
    // plugin's command name, as in Claude Code's listing.
    assert_eq!(
        names(&c),
        [
            "plug:UP.MD",
            "plug:empty",
            "plug:grp:renamed",
            "plug:hooked"
        ]
    );
    let hooked = c
        .command_skills()
        .iter()
        .find(|s| s.qualified_name == "plug:hooked")
        .expect("hooked");
    // A `hooks` value that is not a mapping: Claude Code drops the command's `allowed-tools`.
    assert!(hooked.allowed_tools.is_empty());
    assert!(c.command_file_of(hooked).hooks.is_none());
    let empty = c
        .command_skills()
        .iter()
        .find(|s| s.qualified_name == "plug:empty")
        .expect("empty");
    assert_eq!(c.command_file_of(empty).description, "Plugin command");
    // The renamed command is preloadable by its new name.
    assert_eq!(
        c.commands()
            .map(|(command, _)| command.name.as_str())
            .collect::<Vec<_>>(),
        [
            "plug:UP.MD",
            "plug:empty",
            "plug:grp:renamed",
            "plug:hooked"
        ]
    );
}

#[test]
fn commands_generate_typed_constants_and_a_catalog_without_them_does_not() {
    let files = [
        ("agents/a.md", "---\nname: a\ndescription: d\n---\nx"),
        (
            "commands/grp/deploy.md",
            "---\ndescription: Deploys\nallowed-tools: Read, Agent(a)\nargument-hint: \"[env]\"\n---\nDeploy.\n",
        ),
    ];
    let (with, _) = catalog("generate", Some(Layout::Claude), &files);
    assert!(!with.has_errors(), "{:?}", with.diagnostics());
    let code = generate_source(&with, &Options::default());
    syn::parse_file(&code).expect("the generated code parses");
    for item in [
        "pub enum Command {",
        "pub type CommandSpec = :: agentgen::SkillSpec<Agent, Command>;",
        "pub static ALL_COMMANDS: [&CommandSpec; 1usize]",
        "pub fn command_by_name(",
        "pub mod commands {",
        "pub const GRP_DEPLOY: CommandSpec = :: agentgen::SkillSpec {",
        "qualified_name: \"grp:deploy\",",
        "argument_hint: ::core::option::Option::Some(\"[env]\"),",
        ":: agentgen::SkillSpec::base(Command::GrpDeploy)",
    ] {
        assert!(code.contains(item), "{item} not in:\n{code}");
    }
    let (without, root) = catalog("generate-without", Some(Layout::Claude), &files[..1]);
    let code_without = generate_source(&without, &Options::default());
    assert!(!code_without.contains("Command"), "{code_without}");
    // The same catalog with its commands removed generates what it did before commands.
    std::fs::create_dir_all(root.join("commands")).expect("empty commands dir");
    let config = Config {
        layout: Some(Layout::Claude),
        ..Config::default()
    };
    let empty = compile_dir(&root, "root", &config);
    assert_eq!(generate_source(&empty, &Options::default()), code_without);
}
