//! A real downstream crate using the build.rs API, built with `cargo build`: it compiles the
//! bundled agents and prints a prompt; deleting a collaborator spec breaks the build with
//! `unknown-collaborator`, and deleting an agent only a prompt names breaks it with
//! `unknown-agent-in-prompt` (denied in the bundled agentgen.toml), each pointing at the agent
//! that names it. Typed custom frontmatter reads the same through build.rs and the macro, and a
//! value of the wrong type breaks both builds. A typo fails the build script with the rendered
//! diagnostic (snippet, notes, help) and nothing else, through `compile_or_exit` and through
//! `?` in `main`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn cargo(crate_dir: &Path, target_dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO"))
        .args(args)
        .arg("--quiet")
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

#[test]
fn deleting_a_collaborator_or_an_agent_a_prompt_names_breaks_cargo_build() {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = workspace.join("target/downstream-test");
    let crate_dir = scratch.join("build-script-user");
    let _ = std::fs::remove_dir_all(&crate_dir);
    std::fs::create_dir_all(crate_dir.join("src")).expect("crate dir");
    copy_dir(&workspace.join("agents"), &crate_dir.join("agents"));
    std::fs::copy(workspace.join("Cargo.lock"), crate_dir.join("Cargo.lock")).expect("lock file");
    let agentgen = workspace.join("agentgen");
    std::fs::write(
        crate_dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"build-script-user\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n\n\
             [dependencies]\nagentgen-rs = {{ path = {path:?}, default-features = false }}\n\n\
             [build-dependencies]\nagentgen-rs = {{ path = {path:?}, default-features = false, features = [\"build\"] }}\n",
            path = agentgen.display().to_string()
        ),
    )
    .expect("manifest");
    std::fs::write(
        crate_dir.join("build.rs"),
        "fn main() {\n    agentgen::build::Builder::new().compile_or_exit(\"agents\");\n}\n",
    )
    .expect("build.rs");
    std::fs::write(
        crate_dir.join("src/main.rs"),
        "mod agents { include!(concat!(env!(\"OUT_DIR\"), \"/agents.rs\")); }\n\
         fn main() {\n    let spec = agents::ddd::BACKEND_DEVELOPER;\n    \
         let names: Vec<String> = spec.collaborators.iter().map(|a| a.to_string()).collect();\n    \
         println!(\"{} -> {}\", spec.qualified_name, names.join(\",\"));\n    \
         println!(\"{}\", agents::by_name(\"ddd:domain-modeller\").map_or(0, |s| s.prompt.len()));\n}\n",
    )
    .expect("main.rs");
    let target = scratch.join("target");

    let built = cargo(&crate_dir, &target, &["run", "--offline"]);
    let out = String::from_utf8_lossy(&built.stdout);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(
        out.contains("ddd:backend-developer -> ddd:domain-modeller,ddd:api-designer"),
        "{out}"
    );
    let modeller =
        std::fs::read_to_string(crate_dir.join("agents/ddd/domain-modeller.md")).expect("modeller");
    let prompt_len = modeller
        .split("\n---\n")
        .nth(1)
        .map_or(0, |body| body.trim().len());
    assert!(
        out.lines().any(|l| l == prompt_len.to_string()),
        "prompt of {prompt_len} bytes expected:\n{out}"
    );

    std::fs::remove_file(crate_dir.join("agents/ddd/domain-modeller.md")).expect("delete");
    let broken = cargo(&crate_dir, &target, &["build", "--offline"]);
    let err = String::from_utf8_lossy(&broken.stderr);
    assert!(
        !broken.status.success(),
        "the build must fail once a collaborator is gone"
    );
    assert!(
        err.contains("error[unknown-collaborator]: unknown collaborator `domain-modeller`"),
        "{err}"
    );
    assert!(
        err.contains("--> agents/ddd/backend-developer.md:"),
        "{err}"
    );

    // An agent only a prompt names: the bundled agentgen.toml denies unknown-agent-in-prompt.
    std::fs::copy(
        workspace.join("agents/ddd/domain-modeller.md"),
        crate_dir.join("agents/ddd/domain-modeller.md"),
    )
    .expect("restore");
    std::fs::remove_file(crate_dir.join("agents/voltagent/api-designer.md")).expect("delete");
    let broken = cargo(&crate_dir, &target, &["build", "--offline"]);
    let err = String::from_utf8_lossy(&broken.stderr);
    assert!(
        !broken.status.success(),
        "the build must fail once an agent a prompt names is gone"
    );
    assert!(
        err.contains("error[unknown-agent-in-prompt]: unknown agent `api-designer` in the prompt: no agent of pack `voltagent` has this name\n     --> agents/voltagent/backend-developer.md:213:5\n"),
        "{err}"
    );
}

/// A crate that depends on agentgen-rs under another name has no `::agentgen`: the generated
/// code only compiles once build.rs says `.runtime_crate("::my_agentgen")` and the macro says
/// `crate = ::my_agentgen`.
#[test]
fn a_renamed_dependency_works_with_runtime_crate_and_crate_option() {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = workspace.join("target/downstream-test");
    let crate_dir = scratch.join("renamed-user");
    let _ = std::fs::remove_dir_all(&crate_dir);
    std::fs::create_dir_all(crate_dir.join("src")).expect("crate dir");
    copy_dir(&workspace.join("agents"), &crate_dir.join("agents"));
    std::fs::copy(workspace.join("Cargo.lock"), crate_dir.join("Cargo.lock")).expect("lock file");
    let agentgen = workspace.join("agentgen");
    std::fs::write(
        crate_dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"renamed-user\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n\n\
             [dependencies]\nmy_agentgen = {{ package = \"agentgen-rs\", path = {path:?} }}\n\n\
             [build-dependencies]\nmy_agentgen = {{ package = \"agentgen-rs\", path = {path:?}, default-features = false, features = [\"build\"] }}\n",
            path = agentgen.display().to_string()
        ),
    )
    .expect("manifest");
    let build_rs = |builder: &str| {
        std::fs::write(
            crate_dir.join("build.rs"),
            format!(
                "fn main() -> Result<(), Box<dyn std::error::Error>> {{\n    \
                 {builder}.compile(\"agents\")?;\n    Ok(())\n}}\n"
            ),
        )
        .expect("build.rs");
    };
    let main_rs = |macro_options: &str| {
        std::fs::write(
            crate_dir.join("src/main.rs"),
            format!(
                "mod built {{ include!(concat!(env!(\"OUT_DIR\"), \"/agents.rs\")); }}\n\
                 #[allow(deprecated)]\n\
                 mod expanded {{ my_agentgen::include_agents!(\"agents\"{macro_options}); }}\n\
                 fn main() {{\n    \
                 let spec: &my_agentgen::AgentSpec<built::Agent, my_agentgen::NoSkill, built::Metadata> = built::ddd::BACKEND_DEVELOPER.id.spec();\n    \
                 println!(\"{{}} {{}}\", spec.qualified_name, expanded::ALL.len());\n}}\n"
            ),
        )
        .expect("main.rs");
    };
    let target = scratch.join("target");

    // Without the option, build.rs's code names `::agentgen`, which this crate does not have.
    build_rs("my_agentgen::build::Builder::new()");
    main_rs(", crate = ::my_agentgen");
    let failed = cargo(&crate_dir, &target, &["build", "--offline"]);
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(!failed.status.success(), "::agentgen must not resolve here");
    assert!(
        err.contains("`agentgen`") && err.contains("agents.rs"),
        "{err}"
    );

    // The same for the macro.
    build_rs("my_agentgen::build::Builder::new().runtime_crate(\"::my_agentgen\")");
    main_rs("");
    let failed = cargo(&crate_dir, &target, &["build", "--offline"]);
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(!failed.status.success(), "::agentgen must not resolve here");
    assert!(
        err.contains("`agentgen`") && err.contains("src/main.rs"),
        "{err}"
    );
    assert!(
        !err.contains("agents.rs"),
        "build.rs's code compiles now:\n{err}"
    );

    // With both, the crate builds and runs.
    main_rs(", crate = ::my_agentgen");
    let built = cargo(&crate_dir, &target, &["run", "--offline"]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let agents = std::fs::read_dir(crate_dir.join("agents"))
        .expect("agents")
        .flatten()
        .filter(|pack| pack.path().is_dir())
        .flat_map(|pack| std::fs::read_dir(pack.path()).expect("pack").flatten())
        .filter(|file| file.path().extension().is_some_and(|e| e == "md"))
        .count();
    assert_eq!(
        String::from_utf8_lossy(&built.stdout),
        format!("ddd:backend-developer {agents}\n")
    );
}

/// The bundled catalog's `[metadata]` schema, read as typed fields by a downstream crate through
/// build.rs and through `include_agents!`; a `priority` out of its `u8` range fails the build
/// at the value's line.
#[test]
fn typed_metadata_through_build_rs_and_the_macro() {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = workspace.join("target/downstream-test");
    let crate_dir = scratch.join("metadata-user");
    let _ = std::fs::remove_dir_all(&crate_dir);
    std::fs::create_dir_all(crate_dir.join("src")).expect("crate dir");
    copy_dir(&workspace.join("agents"), &crate_dir.join("agents"));
    std::fs::copy(workspace.join("Cargo.lock"), crate_dir.join("Cargo.lock")).expect("lock file");
    let agentgen = workspace.join("agentgen");
    std::fs::write(
        crate_dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"metadata-user\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n\n\
             [dependencies]\nagentgen-rs = {{ path = {path:?} }}\n\n\
             [build-dependencies]\nagentgen-rs = {{ path = {path:?}, default-features = false, features = [\"build\"] }}\n",
            path = agentgen.display().to_string()
        ),
    )
    .expect("manifest");
    std::fs::write(
        crate_dir.join("build.rs"),
        "fn main() -> Result<(), Box<dyn std::error::Error>> {\n    \
         agentgen::build::Builder::new().compile(\"agents\")?;\n    Ok(())\n}\n",
    )
    .expect("build.rs");
    std::fs::write(
        crate_dir.join("src/main.rs"),
        "mod built { include!(concat!(env!(\"OUT_DIR\"), \"/agents.rs\")); }\n\
         #[allow(deprecated)]\n\
         mod expanded { agentgen::include_agents!(\"agents\"); }\n\
         fn main() {\n    \
         let built: built::Metadata = built::ddd::BACKEND_DEVELOPER.metadata;\n    \
         let expanded: expanded::Metadata = expanded::ddd::BACKEND_DEVELOPER.metadata;\n    \
         let priority: u8 = built.priority;\n    \
         let version: Option<agentgen::Version> = expanded.version;\n    \
         let category: Option<built::Category> = built.category;\n    \
         let enabled: bool = expanded.enabled;\n    \
         let tags: &[&str] = built.tags;\n    \
         println!(\"{priority} {} {} {enabled} {}\", version.map_or(String::new(), |v| v.to_string()), category.map_or(\"\", |c| c.as_str()), tags.len());\n    \
         let routed: Vec<&str> = built::ALL.iter().filter(|s| s.metadata.category == Some(built::Category::Engineering)).map(|s| s.name).collect();\n    \
         println!(\"{}\", routed.join(\",\"));\n}\n",
    )
    .expect("main.rs");
    let target = scratch.join("target");

    let built = cargo(&crate_dir, &target, &["run", "--offline"]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&built.stdout),
        "9 1.0.0 engineering true 8\nbackend-developer,event-bus-manager,test-automation-engineer,workflow-orchestrator\n"
    );

    // `priority: 9` → `priority: 300`: out of `u8`, an error at the value in build.rs's output.
    let file = crate_dir.join("agents/ddd/backend-developer.md");
    let text = std::fs::read_to_string(&file).expect("agent file");
    let line = text
        .lines()
        .position(|l| l == "priority: 9")
        .expect("a priority line")
        + 1;
    std::fs::write(&file, text.replace("priority: 9\n", "priority: 300\n")).expect("edit");
    let broken = cargo(&crate_dir, &target, &["build", "--offline"]);
    let err = String::from_utf8_lossy(&broken.stderr);
    assert!(
        !broken.status.success(),
        "an out-of-range value must fail the build"
    );
    assert!(
        err.contains(&format!("--> agents/ddd/backend-developer.md:{line}:11\n")),
        "{err}"
    );
    // `?` in main prints the error's Debug: the rendered diagnostic after Rust's `Error: `.
    assert!(
        err.contains("Error: agentgen: 1 error in the agent files\n\n  error[invalid-metadata]: `priority` is 300, out of the range of u8 (0 to 255)\n"),
        "{err}"
    );
}

/// One typo in a tool name: cargo shows the build script's stderr, which is the diagnostic as
/// `agentgen check` renders it (snippet, note, help) — no `cargo::` lines echoed from stdout,
/// no `Debug` dump of the error — whether build.rs calls `compile_or_exit` or uses `?`.
#[test]
fn a_typo_fails_build_rs_with_the_rendered_diagnostic_and_nothing_else() {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = workspace.join("target/downstream-test");
    let crate_dir = scratch.join("typo-user");
    let _ = std::fs::remove_dir_all(&crate_dir);
    std::fs::create_dir_all(crate_dir.join("src")).expect("crate dir");
    std::fs::create_dir_all(crate_dir.join("agents")).expect("agents dir");
    std::fs::copy(workspace.join("Cargo.lock"), crate_dir.join("Cargo.lock")).expect("lock file");
    let agentgen = workspace.join("agentgen");
    std::fs::write(
        crate_dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"typo-user\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n\n\
             [dependencies]\nagentgen-rs = {{ path = {path:?}, default-features = false }}\n\n\
             [build-dependencies]\nagentgen-rs = {{ path = {path:?}, default-features = false, features = [\"build\"] }}\n",
            path = agentgen.display().to_string()
        ),
    )
    .expect("manifest");
    let agent = |tools: &str| {
        std::fs::write(
            crate_dir.join("agents/reviewer.md"),
            format!(
                "---\nname: reviewer\ndescription: Reviews code\ntools: {tools}\n---\n\
                 You review code. Hand off to the test-runner agent when done.\n"
            ),
        )
        .expect("agent file");
    };
    std::fs::write(
        crate_dir.join("src/main.rs"),
        "mod agents { include!(concat!(env!(\"OUT_DIR\"), \"/agents.rs\")); }\n\
         fn main() { println!(\"{}\", agents::ALL.len()); }\n",
    )
    .expect("main.rs");
    let target = scratch.join("target");
    let snippet = "  --- stderr\n  \
                   error[unknown-tool]: unknown tool `Grpe`\n   \
                   --> agents/reviewer.md:4:14\n    \
                   |\n  \
                   4 | tools: Read, Grpe\n    \
                   |              ^^^^ not a tool of Claude Code 2.1.332\n    \
                   |\n    \
                   = note: Claude Code keeps the name and silently drops it when the agent runs\n    \
                   = help: did you mean `Grep`?\n";
    let quiet_about_the_rest = |err: &str| {
        for noise in ["Diagnostics {", "Diagnostic {", "--- stdout", "cargo::"] {
            assert!(!err.contains(noise), "{noise:?} in:\n{err}");
        }
    };

    agent("Read, Grpe");
    std::fs::write(
        crate_dir.join("build.rs"),
        "fn main() {\n    agentgen::build::Builder::new().compile_or_exit(\"agents\");\n}\n",
    )
    .expect("build.rs");
    let failed = cargo(&crate_dir, &target, &["build", "--offline"]);
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(!failed.status.success(), "a typo must fail the build");
    assert!(err.contains(snippet), "{err}");
    // The warning of the same file, rendered after the error, with how to deny it.
    assert!(
        err.contains(
            "\n\n  warning[unknown-agent-in-prompt]: unknown agent `test-runner` in the prompt"
        ),
        "{err}"
    );
    assert!(
        err.contains("= note: `unknown-agent-in-prompt` is a warning by default: deny it with"),
        "{err}"
    );
    assert!(!err.contains("Error:"), "{err}");
    quiet_about_the_rest(&err);

    std::fs::write(
        crate_dir.join("build.rs"),
        "fn main() -> Result<(), Box<dyn std::error::Error>> {\n    \
         agentgen::build::Builder::new().compile(\"agents\")?;\n    Ok(())\n}\n",
    )
    .expect("build.rs");
    let failed = cargo(&crate_dir, &target, &["build", "--offline"]);
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(!failed.status.success(), "a typo must fail the build");
    assert!(
        err.contains("  --- stderr\n  Error: agentgen: 1 error in the agent files\n\n"),
        "{err}"
    );
    assert!(
        err.contains(&snippet.replace("  --- stderr\n", "\n")),
        "{err}"
    );
    quiet_about_the_rest(&err);

    // Fixed: the build succeeds and the warning is one `cargo::warning` line (which cargo
    // shows without `--quiet`).
    agent("Read, Grep");
    let built = Command::new(env!("CARGO"))
        .args(["build", "--offline"])
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let err = String::from_utf8_lossy(&built.stderr);
    assert!(built.status.success(), "{err}");
    assert!(
        err.contains("warning: typo-user@0.0.0: [unknown-agent-in-prompt] unknown agent `test-runner` in the prompt"),
        "{err}"
    );
}
