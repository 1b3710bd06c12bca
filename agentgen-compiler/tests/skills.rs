//! Skills in a catalog, checked as a whole: a skill's tools and agent, how many skills an agent
//! preloads, names Claude Code would give twice, Rust identifiers, and where a `.claude`
//! project's skills come from.

mod common;

use std::path::{Path, PathBuf};

use agentgen_compiler::catalog::SkillTarget;
use agentgen_compiler::config::Layout;
use agentgen_compiler::{Catalog, Code, Config, Severity, compile_dir};

fn catalog(name: &str, layout: Option<Layout>, files: &[(&str, &str)]) -> (Catalog, PathBuf) {
    common::compile_files_in("skills-tests", name, layout, files)
}

fn found(catalog: &Catalog, code: Code) -> Vec<(String, usize)> {
    catalog
        .diagnostics()
        .iter()
        .filter(|d| d.code == code)
        .map(|d| (d.file.clone(), d.span.as_ref().map_or(0, |s| s.line)))
        .collect()
}

#[test]
fn a_skills_tools_and_agent_are_resolved_like_an_agents() {
    let (c, _) = catalog(
        "tools",
        Some(Layout::Claude),
        &[
            (
                "agents/writer.md",
                "---\nname: writer\ndescription: d\n---\nx",
            ),
            (
                "skills/notes/SKILL.md",
                "---\ndescription: d\nallowed-tools: Read, Bsh, Agent(writer)\ncontext: fork\nagent: writer\n---\nx",
            ),
            (
                "skills/inline/SKILL.md",
                "---\ndescription: d\nagent: Explore\n---\nx",
            ),
        ],
    );
    assert_eq!(
        found(&c, Code::UnknownTool),
        [("root/skills/notes/SKILL.md".to_owned(), 3)]
    );
    let unknown = c
        .diagnostics()
        .iter()
        .find(|d| d.code == Code::UnknownTool)
        .expect("unknown tool");
    assert_eq!(unknown.help.as_deref(), Some("did you mean `Bash`?"));
    // `agent` without `context: fork` does nothing.
    assert_eq!(
        found(&c, Code::IgnoredValue),
        [("root/skills/inline/SKILL.md".to_owned(), 3)]
    );
    let notes = c
        .skills()
        .iter()
        .find(|s| s.name == "notes")
        .expect("notes");
    assert_eq!(notes.allowed_tools.len(), 3);
    assert!(notes.agent.is_some());
}

#[test]
fn only_32_different_skills_are_preloaded() {
    let mut files = vec![];
    let names: Vec<String> = (0..34).map(|i| format!("s{i}")).collect();
    let skill_files: Vec<(String, String)> = names
        .iter()
        .map(|n| {
            (
                format!("skills/{n}/SKILL.md"),
                format!("---\ndescription: {n}\n---\nx"),
            )
        })
        .collect();
    for (path, text) in &skill_files {
        files.push((path.as_str(), text.as_str()));
    }
    let agent = format!(
        "---\nname: a\ndescription: d\nskills: {}, s0\n---\nx",
        names.join(", ")
    );
    files.push(("agents/a.md", &agent));
    let (c, _) = catalog("many", Some(Layout::Claude), &files);
    let too_many: Vec<_> = c
        .diagnostics()
        .iter()
        .filter(|d| d.code == Code::InvalidField && d.message.contains("more than 32"))
        .collect();
    assert_eq!(too_many.len(), 1, "{:#?}", c.diagnostics());
    assert_eq!(c.agents()[0].skills.len(), 32);
    assert_eq!(c.agents()[0].skills[0], SkillTarget::Catalog(0));
}

#[test]
fn names_claude_code_would_give_twice_are_errors() {
    let (c, _) = catalog(
        "twice",
        Some(Layout::Claude),
        &[
            (
                "skills/one/SKILL.md",
                "---\nname: same\ndescription: d\n---\nx",
            ),
            (
                "skills/two/SKILL.md",
                "---\nname: same\ndescription: d\n---\nx",
            ),
            ("skills/a-b/SKILL.md", "---\ndescription: d\n---\nx"),
            ("skills/a_b/SKILL.md", "---\ndescription: d\n---\nx"),
        ],
    );
    assert_eq!(
        found(&c, Code::DuplicateName).len(),
        1,
        "{:#?}",
        c.diagnostics()
    );
    assert_eq!(
        found(&c, Code::IdentifierCollision).len(),
        1,
        "{:#?}",
        c.diagnostics()
    );
    assert_eq!(c.skills().len(), 2);
    // Two agents of one plugin with one name: Claude Code keeps either.
    let (c, _) = catalog(
        "plugin-twice",
        Some(Layout::Plugin),
        &[
            ("agents/a.md", "---\nname: dup\ndescription: d\n---\nx"),
            ("agents/b.md", "---\nname: dup\ndescription: d\n---\nx"),
        ],
    );
    let duplicate = c
        .diagnostics()
        .iter()
        .find(|d| d.code == Code::DuplicateName)
        .expect("dup");
    assert!(
        duplicate.message.contains("plugin-twice:dup"),
        "{}",
        duplicate.message
    );
    assert_eq!(duplicate.severity, Severity::Error);
}

#[test]
fn the_agents_folder_of_a_claude_project_knows_its_skills() {
    let (_, root) = catalog(
        "sibling",
        None,
        &[
            (
                ".claude/agents/a.md",
                "---\nname: a\ndescription: d\nskills: notes\n---\nx",
            ),
            (
                ".claude/skills/notes/SKILL.md",
                "---\ndescription: d\n---\nx",
            ),
        ],
    );
    let agents = compile_dir(
        &root.join(".claude/agents"),
        ".claude/agents",
        &Config::default(),
    );
    // The project model reads a `.claude/agents` folder as its `.claude` project.
    assert_eq!(agents.layout(), Layout::Claude);
    assert_eq!(agents.display_root(), ".claude");
    assert!(!agents.has_errors(), "{:#?}", agents.diagnostics());
    assert_eq!(agents.skills().len(), 1);
    assert_eq!(
        agents.skill_files()[0].path(),
        ".claude/skills/notes/SKILL.md"
    );
    assert_eq!(agents.agents()[0].skills, [SkillTarget::Catalog(0)]);
    // The whole `.claude` folder: the same catalog, detected.
    let project = compile_dir(&root.join(".claude"), ".claude", &Config::default());
    assert_eq!(project.layout(), Layout::Claude);
    assert!(!project.has_errors(), "{:#?}", project.diagnostics());
    // Without the project, the skill is unknown.
    let (alone, _) = catalog(
        "alone",
        None,
        &[(
            "agents/a.md",
            "---\nname: a\ndescription: d\nskills: notes\n---\nx",
        )],
    );
    let unknown = alone
        .diagnostics()
        .iter()
        .find(|d| d.code == Code::UnknownSkill)
        .expect("unknown");
    assert_eq!(
        unknown.span.as_ref().map(|s| (s.line, s.column)),
        Some((4, 9))
    );
    // Declared external, it is known by name.
    let external = compile_dir(
        &alone_root("alone"),
        "root",
        &Config {
            external_skills: vec!["notes".into()],
            ..Config::default()
        },
    );
    assert!(!external.has_errors(), "{:#?}", external.diagnostics());
    assert_eq!(
        external.agents()[0].skills,
        [SkillTarget::Named("notes".into())]
    );
}

fn alone_root(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("skills-tests")
        .join(name)
}

#[test]
fn a_pack_named_skills_collides_with_the_skills_module() {
    let (c, _) = catalog(
        "module",
        Some(Layout::Plugins),
        &[
            ("skills/agents/a.md", "---\nname: a\ndescription: d\n---\nx"),
            ("other/skills/s/SKILL.md", "---\ndescription: d\n---\nx"),
        ],
    );
    assert!(
        c.diagnostics()
            .iter()
            .any(|d| d.code == Code::IdentifierCollision && d.message.contains("module `skills`")),
        "{:#?}",
        c.diagnostics()
    );
}
