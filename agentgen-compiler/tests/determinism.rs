//! Determinism: the generated code is byte-identical whatever order the files were created in,
//! wherever the checkout is, and from one run to the next. It holds no absolute path and no
//! timestamp, except the `include_bytes!` paths of rebuild tracking (proc macro), which are the
//! same for the same checkout location and differ only by that location between checkouts.

use std::path::{Path, PathBuf};

use agentgen_compiler::catalog::Catalog;
use agentgen_compiler::compile_dir;
use agentgen_compiler::config::Config;
use agentgen_compiler::generate::{self, Options};

/// The catalog written to disk: packs, collaborators across packs, warnings and errors, odd
/// names, a nested directory, a configuration file.
const FILES: &[(&str, &str)] = &[
    (
        "agentgen.toml",
        "packs = true\n[tools]\ncustom = [\"Deploy\"]\n",
    ),
    (
        "alpha/reviewer.md",
        "---\nname: reviewer\ndescription: Reviews code\ntools: Read, Grep, Agent(beta:writer)\nmodel: sonnet\ncolor: blue\n---\nReview.\n",
    ),
    (
        "alpha/nested/deep/helper.md",
        "---\nname: helper\ndescription: Helps\ntools: [Read, Read, Deploy]\ncategory: {a: 1, b: [x, y]}\n---\nHelp.\n",
    ),
    (
        "beta/writer.md",
        "---\nname: writer\ndescription: \"Writes: docs\"\ndependencies: [reviewer, alpha:reviewer]\n---\nWrite.\n",
    ),
    (
        "beta/broken.md",
        "---\nname: broken\ndescription: d\ntools: Reed\nmodel: gpt-4\n---\n",
    ),
    (
        "beta/Upper.md",
        "---\nname: Upper_Case\ndescription: d\n---\nx\n",
    ),
    (
        "gamma/后端.md",
        "---\nname: 后端\ndescription: CJK name\n---\n内容\n",
    ),
    ("gamma/notes.txt", "not an agent"),
    (
        "top.md",
        "---\nname: top\ndescription: At the top\n---\nTop.\n",
    ),
];

/// A directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "agentgen-determinism-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes `FILES` under `root/agents` in the given order of indexes; returns the agents dir.
fn write_catalog(root: &Path, order: &[usize]) -> PathBuf {
    let agents = root.join("agents");
    for &index in order {
        let (relative, text) = FILES[index];
        let path = agents.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{}: {e}", parent.display()));
        }
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    agents
}

fn compile(agents: &Path) -> Catalog {
    compile_dir(agents, "agents", &Config::default())
}

/// What a build script writes: the prettyplease-formatted code, then every diagnostic rendered.
fn output(catalog: &Catalog, options: &Options) -> String {
    let mut text = generate::render(&generate::generate(catalog, options));
    for diagnostic in catalog.diagnostics() {
        text.push_str(&diagnostic.render(catalog.source(&diagnostic.file), false));
        text.push('\n');
    }
    text
}

#[test]
fn output_does_not_depend_on_creation_order_or_location() {
    let forward: Vec<usize> = (0..FILES.len()).collect();
    let backward: Vec<usize> = forward.iter().rev().copied().collect();
    // Interleaved: odd indexes first, so directories are created in yet another order.
    let shuffled: Vec<usize> = forward
        .iter()
        .copied()
        .filter(|i| i % 2 == 1)
        .chain(forward.iter().copied().filter(|i| i % 2 == 0))
        .collect();
    let one = TempDir::new("one");
    let two = TempDir::new("two-with-a-longer-name");
    let three = TempDir::new("three");
    let deeper = three.0.join("some/deeper/checkout");
    let outputs: Vec<String> = [
        write_catalog(&one.0, &forward),
        write_catalog(&two.0, &backward),
        write_catalog(&deeper, &shuffled),
    ]
    .iter()
    .map(|agents| {
        let catalog = compile(agents);
        assert!(catalog.agents().len() >= 5, "{:?}", catalog.diagnostics());
        assert!(catalog.has_errors(), "the catalog has deliberate errors");
        let text = output(&catalog, &Options::default());
        for root in [&one.0, &two.0, &three.0] {
            let root = root.to_string_lossy();
            assert!(
                !text.contains(root.as_ref()),
                "absolute path {root} in the output"
            );
        }
        assert!(!text.contains(&*std::env::temp_dir().to_string_lossy()));
        text
    })
    .collect();
    assert_eq!(outputs[0], outputs[1], "creation order changed the output");
    assert_eq!(outputs[0], outputs[2], "location changed the output");
}

#[test]
fn output_is_identical_from_run_to_run() {
    let dir = TempDir::new("runs");
    let agents = write_catalog(&dir.0, &(0..FILES.len()).collect::<Vec<_>>());
    let first = output(&compile(&agents), &Options::default());
    for _ in 0..3 {
        assert_eq!(output(&compile(&agents), &Options::default()), first);
    }
    // No timestamp-like text: the output mentions no year of this century.
    let years: Vec<String> = (2000..2100).map(|y| y.to_string()).collect();
    let generated = generate::render(&generate::generate(&compile(&agents), &Options::default()));
    assert!(
        !years.iter().any(|y| generated.contains(y.as_str())),
        "a year (timestamp?) in the generated code"
    );
}

#[test]
fn tracked_paths_are_stable_for_one_checkout_and_move_with_it() {
    let one = TempDir::new("track-one");
    let two = TempDir::new("track-two");
    let order: Vec<usize> = (0..FILES.len()).collect();
    let agents_one = write_catalog(&one.0, &order);
    let agents_two = write_catalog(&two.0, &order.iter().rev().copied().collect::<Vec<_>>());
    let catalog_one = compile(&agents_one);
    let first = output(&catalog_one, &Options::for_proc_macro(&catalog_one));
    let again = compile(&agents_one);
    assert_eq!(
        output(&again, &Options::for_proc_macro(&again)),
        first,
        "same checkout, same paths"
    );
    let root_one = one.0.to_string_lossy().into_owned();
    assert!(
        first.contains(&root_one),
        "tracking names the files by absolute path"
    );
    assert!(first.contains("include_bytes!"));
    let catalog_two = compile(&agents_two);
    let second = output(&catalog_two, &Options::for_proc_macro(&catalog_two));
    let root_two = two.0.to_string_lossy().into_owned();
    assert_eq!(
        first.replace(&root_one, "<root>"),
        second.replace(&root_two, "<root>"),
        "outputs of two checkouts differ by more than their location"
    );
    // The text `include_agents!` hands rustc, likewise.
    let source = |catalog| generate::generate_source(catalog, &Options::for_proc_macro(catalog));
    let source_one = source(&catalog_one);
    assert_eq!(
        source(&again),
        source_one,
        "same checkout, same source text"
    );
    assert_eq!(
        source_one.replace(&root_one, "<root>"),
        source(&catalog_two).replace(&root_two, "<root>"),
        "source texts of two checkouts differ by more than their location"
    );
    // Every regular file read is tracked, the configuration included, sorted.
    let tracked = Options::for_proc_macro(&catalog_one).track_files;
    assert!(tracked.iter().any(|p| p.ends_with("agentgen.toml")));
    assert_eq!(
        tracked.iter().filter(|p| p.ends_with(".md")).count(),
        FILES.iter().filter(|(p, _)| p.ends_with(".md")).count()
    );
}

#[test]
fn the_shared_corpus_compiles_to_the_same_bytes_twice() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    if !shared.join("corpus").is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "../shared is missing beside the checkout: CI must run this test"
        );
        eprintln!(
            "SKIPPED: ../shared (conformance cases and corpus) is absent beside the checkout"
        );
        return;
    }
    let corpus = shared.join("corpus");
    let config = Config {
        packs: true,
        ..Config::default()
    };
    let first = compile_dir(&corpus, "corpus", &config);
    let second = compile_dir(&corpus, "corpus", &config);
    assert!(first.agents().len() > 500, "{}", first.agents().len());
    let one = output(&first, &Options::default());
    assert_eq!(one, output(&second, &Options::default()));
    let root = corpus.canonicalize().unwrap_or(corpus);
    assert!(!one.contains(&*root.to_string_lossy()));
}
