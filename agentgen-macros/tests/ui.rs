//! UI tests of `include_agents!`: one compile-fail case per diagnostic class, with reviewed
//! `.stderr` snapshots, and a pass case that uses the generated items.
//!
//! trybuild compiles each case inside its own project, `<target>/tests/trybuild/agentgen-macros/`,
//! and `CARGO_MANIFEST_DIR` is that directory while the macro runs. The fixtures are copied
//! there (as `fixtures/`) before the cases run, so the cases name them as a downstream crate
//! would: `include_agents!("fixtures/unknown-tool")`, and messages show `fixtures/…` paths.

use std::path::{Path, PathBuf};

/// The cargo target directory of this test run (the ancestor of the test binary holding
/// `CACHEDIR.TAG`, which cargo writes at the root of every target directory).
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    exe.ancestors()
        .find(|dir| dir.join("CACHEDIR.TAG").is_file())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create fixture dir");
    for entry in std::fs::read_dir(from).expect("read fixture dir") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture");
        }
    }
}

#[test]
fn ui() {
    let project = target_dir().join("tests/trybuild/agentgen-macros");
    let fixtures = project.join("fixtures");
    let _ = std::fs::remove_dir_all(&fixtures);
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        &fixtures,
    );

    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass.rs");
    t.pass("tests/ui/odd_names_pass.rs");
    t.pass("tests/ui/runtime_crate_pass.rs");
    t.pass("tests/ui/claude_code_2_1_332_pass.rs");
    t.pass("tests/ui/metadata_pass.rs");
    t.pass("tests/ui/skills_pass.rs");
    t.pass("tests/ui/skills_and_metadata_pass.rs");
    t.pass("tests/ui/commands_pass.rs");
    t.pass("tests/ui/lint_names_pass.rs");
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui"))
            .expect("read tests/ui")
            .map(|entry| entry.expect("ui entry").path())
            .filter(|path| {
                path.extension().is_some_and(|ext| ext == "rs")
                    && !path.to_string_lossy().ends_with("pass.rs")
            })
            .collect();
    cases.sort();
    for case in cases {
        let name = case
            .file_name()
            .expect("file name")
            .to_string_lossy()
            .into_owned();
        t.compile_fail(format!("tests/ui/{name}"));
    }
}
