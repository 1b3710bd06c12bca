//! What crates.io and docs.rs get: every package of the workspace has a name we can publish, the
//! metadata crates.io shows (description, licence, keywords, categories, readme), docs.rs
//! settings where features matter, no invented URLs, and its licence texts and readme inside
//! its package (`cargo package --list`). `.ci/run` builds every package from its tarball
//! (`cargo package --workspace`); this test keeps the manifests honest in `cargo test`.

use std::process::Command;

use serde_json::Value;

/// The packages and whether docs.rs needs settings for them (features that add public API, or
/// one that must stay off).
const PACKAGES: &[(&str, bool)] = &[
    ("agentgen-rs", true),
    ("agentgen-compiler", true),
    ("agentgen-macros", true),
    ("cargo-agentgen", false),
];

/// crates.io's category slugs that fit this project (crates.io rejects unknown ones).
const CATEGORIES: &[&str] = &[
    "command-line-utilities",
    "config",
    "development-tools::build-utils",
    "development-tools::cargo-plugins",
    "parser-implementations",
];

fn cargo(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Whether a package of `cargo metadata` is published (`publish = false` reads `"publish": []`).
/// The unpublished one, agentgen-bundled, compiles the bundled catalog for the tests and demo.
fn published(package: &Value) -> bool {
    package["publish"]
        .as_array()
        .is_none_or(|registries| !registries.is_empty())
}

fn metadata() -> Value {
    serde_json::from_str(&cargo(&["metadata", "--no-deps", "--format-version", "1"]))
        .expect("cargo metadata prints JSON")
}

#[test]
fn every_package_has_the_metadata_crates_io_and_docs_rs_show() {
    let metadata = metadata();
    let packages: Vec<&Value> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .filter(|p| published(p))
        .collect();
    let mut names: Vec<&str> = packages.iter().filter_map(|p| p["name"].as_str()).collect();
    names.sort_unstable();
    let mut expected: Vec<&str> = PACKAGES.iter().map(|(name, _)| *name).collect();
    expected.sort_unstable();
    assert_eq!(names, expected, "the workspace's packages");

    for package in packages {
        let name = package["name"].as_str().expect("name");
        let text = |key: &str| package[key].as_str().unwrap_or_default().to_owned();
        assert!(text("description").len() > 20, "{name}: description");
        assert_eq!(text("license"), "MIT OR Apache-2.0", "{name}");
        assert!(!text("rust_version").is_empty(), "{name}: rust-version");
        assert_eq!(text("readme"), "README.md", "{name}: readme");
        let keywords = package["keywords"].as_array().expect("keywords");
        assert!((1..=5).contains(&keywords.len()), "{name}: 1 to 5 keywords");
        for keyword in keywords {
            let keyword = keyword.as_str().expect("keyword");
            assert!(
                keyword.len() <= 20
                    && keyword.starts_with(|c: char| c.is_ascii_alphabetic())
                    && keyword
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
                "{name}: keyword `{keyword}` is not one crates.io accepts"
            );
        }
        let categories = package["categories"].as_array().expect("categories");
        assert!(!categories.is_empty(), "{name}: categories");
        for category in categories {
            let category = category.as_str().expect("category");
            assert!(
                CATEGORIES.contains(&category),
                "{name}: category {category}"
            );
        }
        // No invented addresses: a URL is either absent or a real one.
        for key in ["repository", "homepage", "documentation"] {
            let url = text(key);
            assert!(
                url.is_empty() || (url.starts_with("https://") && !url.contains("example")),
                "{name}: {key} = {url}"
            );
        }
        let docs_rs = &package["metadata"]["docs"]["rs"];
        let needs_docs_rs = PACKAGES
            .iter()
            .any(|(package, needed)| *package == name && *needed);
        assert_eq!(
            docs_rs.is_object(),
            needs_docs_rs,
            "{name}: docs.rs settings"
        );
    }
}

#[test]
fn the_libraries_keep_their_rust_names() {
    let metadata = metadata();
    let lib_name = |package: &str| -> Option<String> {
        metadata["packages"]
            .as_array()?
            .iter()
            .find(|p| p["name"] == package)?["targets"]
            .as_array()?
            .iter()
            .find(|t| {
                t["kind"]
                    .as_array()
                    .is_some_and(|k| k.iter().any(|k| k == "lib" || k == "proc-macro"))
            })?["name"]
            .as_str()
            .map(str::to_owned)
    };
    // The package users depend on is `agentgen-rs`; code keeps saying `agentgen::…`.
    assert_eq!(lib_name("agentgen-rs").as_deref(), Some("agentgen"));
    assert_eq!(
        lib_name("agentgen-macros").as_deref(),
        Some("agentgen_macros")
    );
    assert_eq!(
        lib_name("agentgen-compiler").as_deref(),
        Some("agentgen_compiler")
    );
}

#[test]
fn every_package_ships_its_licence_texts_and_readme() {
    let metadata = metadata();
    for package in metadata["packages"].as_array().expect("packages") {
        if !published(package) {
            continue;
        }
        let name = package["name"].as_str().expect("name");
        let files = cargo(&["package", "--list", "--allow-dirty", "-p", name]);
        for required in ["LICENSE-MIT", "LICENSE-APACHE", "README.md", "Cargo.toml"] {
            assert!(
                files.lines().any(|line| line == required),
                "{name} does not ship {required}:\n{files}"
            );
        }
        // The texts themselves (the member folders link to the root's files; cargo packages
        // what a link points to).
        let dir = std::path::Path::new(package["manifest_path"].as_str().expect("manifest path"))
            .parent()
            .expect("package directory")
            .to_path_buf();
        let read = |file: &str| std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        assert!(
            read("LICENSE-MIT").contains("Permission is hereby granted, free of charge"),
            "{name}: LICENSE-MIT"
        );
        assert!(
            read("LICENSE-APACHE").contains("Apache License")
                && read("LICENSE-APACHE").contains("Version 2.0, January 2004"),
            "{name}: LICENSE-APACHE"
        );
        assert!(read("README.md").starts_with("# "), "{name}: README.md");
    }
}

#[test]
fn the_doctest_catalogs_of_agentgen_rs_and_agentgen_macros_are_the_same() {
    // Each package's doctests read `agents/` in that package; the two copies must not drift.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |dir: &str| {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(root.join(dir))
            .expect("doctest catalog")
            .map(|entry| {
                let entry = entry.expect("entry");
                let bytes = std::fs::read(entry.path()).expect("file");
                (entry.file_name().to_string_lossy().into_owned(), bytes)
            })
            .collect();
        files.sort();
        files
    };
    let runtime = read("agentgen/agents");
    assert_eq!(runtime.len(), 3, "two agents and agentgen.toml");
    assert_eq!(runtime, read("agentgen-macros/agents"));
}

/// `cargo install cargo-agentgen` compiles nothing of agentgen's own agents (agents/): the CLI
/// package has no build script, and the package that compiles them (agentgen-bundled, with
/// the build script) is unpublished and only a dev-dependency of the CLI's tests.
#[test]
fn installing_the_cli_builds_no_bundled_catalog() {
    let metadata = metadata();
    let packages = metadata["packages"].as_array().expect("packages");
    let package = |name: &str| {
        packages
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("package {name}"))
    };
    let cli = package("cargo-agentgen");
    let kinds: Vec<&Value> = cli["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .flat_map(|t| t["kind"].as_array().expect("kind"))
        .collect();
    assert!(
        !kinds.iter().any(|kind| *kind == "custom-build"),
        "cargo-agentgen has a build script: {kinds:?}"
    );
    let bundled = package("agentgen-bundled");
    assert!(!published(bundled), "agentgen-bundled is publish = false");
    assert!(
        bundled["targets"]
            .as_array()
            .expect("targets")
            .iter()
            .any(|t| t["kind"]
                .as_array()
                .is_some_and(|k| k.iter().any(|k| k == "custom-build"))),
        "agentgen-bundled compiles agents/ in its build script"
    );
    for dependency in cli["dependencies"].as_array().expect("dependencies") {
        if dependency["name"] == "agentgen-bundled" {
            assert_eq!(
                dependency["kind"], "dev",
                "only the tests use agentgen-bundled"
            );
        }
        assert_ne!(dependency["kind"], "build", "{dependency}");
    }
}
