//! agentgen's README and guide as doctests: each Markdown file is the documentation of a
//! `#[cfg(doctest)]` item, so rustdoc compiles (and, unless a block says `no_run`, runs) every
//! Rust block in it. The snippets are written for a user's crate: `agents/`, `.claude/` and
//! `plugin/` beside this package are its catalogs, `build.rs` its build script, and the
//! dev-dependencies its `Cargo.toml` (see Cargo.toml). Nothing here is compiled outside
//! `cargo test --doc`.

/// Generates one doctest item per Markdown file.
macro_rules! doctests {
    ($($item:ident = $path:literal;)*) => {
        $(
            #[cfg(doctest)]
            #[doc = include_str!($path)]
            pub struct $item;
        )*
    };
}

doctests! {
    ReadMe = "../../README.md";
    Guide = "../README.md";
    MacroAndBuildRs = "../guide/macro-and-build-rs.md";
    RunningAgents = "../guide/running-agents.md";
    ProjectModel = "../guide/project-model.md";
    ConfigurationAndLints = "../guide/configuration-and-lints.md";
    Diagnostics = "../guide/diagnostics.md";
    ClaudeProjectsSkillsPlugins = "../guide/claude-projects-skills-plugins.md";
    TypedMetadata = "../guide/typed-metadata.md";
    PromptReferencesAndGraph = "../guide/prompt-references-and-graph.md";
    Cli = "../guide/cli.md";
    Editor = "../guide/editor.md";
    PreCommitAndGithubAction = "../guide/pre-commit-and-github-action.md";
    ClaudeCodeFidelity = "../guide/claude-code-fidelity.md";
    PerformanceAndHostileInput = "../guide/performance-and-hostile-input.md";
    LayoutOfThisRepository = "../guide/layout-of-this-repository.md";
    OtherRuntimes = "../guide/other-runtimes.md";
}
