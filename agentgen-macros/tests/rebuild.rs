//! Rebuild tracking of `include_agents!` in a real downstream crate, driven through cargo:
//! editing a prompt, adding an agent, deleting one, and deleting a collaborator another agent
//! names each take effect on the next `cargo run`, without `cargo clean`.
//!
//! The crate lives in `<workspace>/target/rebuild-test/downstream` and builds into the shared
//! `<workspace>/target/rebuild-test/target`, so dependencies are compiled once across runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create directory");
    }
    std::fs::write(path, text).expect("write file");
}

fn agent(name: &str, extra: &str, prompt: &str) -> String {
    format!("---\nname: {name}\ndescription: The {name} agent\n{extra}---\n{prompt}\n")
}

/// `cargo run` in the downstream crate.
fn cargo_run(krate: &Path, target: &Path) -> Output {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args(["run", "--quiet", "--offline"])
        .current_dir(krate)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_BUILD_TARGET_DIR");
    command.output().expect("run cargo")
}

fn stdout_of(output: &Output) -> String {
    assert!(
        output.status.success(),
        "cargo run failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Lets the file system's modification times move past the last build's.
fn tick() {
    std::thread::sleep(Duration::from_millis(1100));
}

#[test]
fn edits_additions_and_deletions_rebuild() {
    let root = workspace().join("target/rebuild-test");
    let krate = root.join("downstream");
    let target = root.join("target");
    let _ = std::fs::remove_dir_all(&krate);
    let agentgen = workspace().join("agentgen");
    let agentgen = agentgen.to_string_lossy().replace('\\', "/");
    write(
        &krate.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"downstream\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [workspace]\n\n\
             [dependencies]\nagentgen-rs = {{ path = \"{agentgen}\" }}\n\n\
             [build-dependencies]\nagentgen-rs = {{ path = \"{agentgen}\", default-features = false }}\n"
        ),
    );
    // Same dependency versions as the workspace, so `--offline` finds them all.
    std::fs::copy(workspace().join("Cargo.lock"), krate.join("Cargo.lock"))
        .expect("copy Cargo.lock");
    write(
        &krate.join("build.rs"),
        "fn main() {\n    agentgen::rerun_if_changed(\"agents\");\n}\n",
    );
    write(
        &krate.join("src/main.rs"),
        "mod agents {\n    agentgen::include_agents!(\"agents\");\n}\n\n\
         fn main() {\n    for spec in agents::ALL {\n        println!(\"{} => {}\", spec.name, spec.prompt);\n    }\n}\n",
    );
    let agents = krate.join("agents");
    write(
        &agents.join("alpha.md"),
        &agent("alpha", "", "Alpha prompt, first version."),
    );
    write(
        &agents.join("beta.md"),
        &agent("beta", "dependencies:\n  - gamma\n", "Beta prompt."),
    );
    write(
        &agents.join("gamma.md"),
        &agent("gamma", "", "Gamma prompt."),
    );

    let out = stdout_of(&cargo_run(&krate, &target));
    assert_eq!(
        out,
        "alpha => Alpha prompt, first version.\nbeta => Beta prompt.\ngamma => Gamma prompt.\n"
    );

    // Edit a prompt.
    tick();
    write(
        &agents.join("alpha.md"),
        &agent("alpha", "", "Alpha prompt, second version."),
    );
    let out = stdout_of(&cargo_run(&krate, &target));
    assert!(
        out.contains("alpha => Alpha prompt, second version.\n"),
        "{out}"
    );

    // Add an agent (seen through the build script's rerun-if-changed on the directory).
    tick();
    write(
        &agents.join("delta.md"),
        &agent("delta", "", "Delta prompt."),
    );
    let out = stdout_of(&cargo_run(&krate, &target));
    assert!(out.contains("delta => Delta prompt.\n"), "{out}");

    // Delete it again.
    tick();
    std::fs::remove_file(agents.join("delta.md")).expect("delete delta");
    let out = stdout_of(&cargo_run(&krate, &target));
    assert!(!out.contains("delta"), "{out}");
    assert_eq!(out.lines().count(), 3, "{out}");

    // Delete a collaborator that beta names: the build fails with the macro's error.
    tick();
    std::fs::remove_file(agents.join("gamma.md")).expect("delete gamma");
    let output = cargo_run(&krate, &target);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the build must fail:\n{stderr}");
    assert!(stderr.contains("unknown collaborator `gamma`"), "{stderr}");
    assert!(stderr.contains("agents/beta.md:5:5"), "{stderr}");
}
