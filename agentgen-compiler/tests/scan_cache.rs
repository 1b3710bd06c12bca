//! A compile through a `ScanCache` (the language server's, the proc macro's) gives the catalog
//! a fresh compile gives, byte for byte: on the whole corpus as one catalog, compiled again
//! unchanged, after one prompt is edited, and after an agent is renamed (which changes the
//! names every prompt is read against).

mod common;

use std::path::{Path, PathBuf};

use agentgen_compiler::catalog::{Catalog, ScanCache};
use agentgen_compiler::config::Config;
use agentgen_compiler::generate::{self, Options};
use agentgen_compiler::{Project, compile_dir};

/// The generated code and every diagnostic rendered: what the catalog says of each prompt.
fn said(catalog: &Catalog) -> String {
    let mut out = generate::generate_source(catalog, &Options::default());
    for rendered in catalog.rendered_diagnostics(false) {
        out.push_str(&rendered);
        out.push('\n');
    }
    out
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the copy");
    for entry in std::fs::read_dir(from).expect("read the corpus") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("its type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// The first `.md` file below `dir` whose text holds `needle`, in path order.
fn file_holding(dir: &Path, needle: &str) -> Option<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    entries.into_iter().find_map(|path| {
        if path.is_dir() {
            file_holding(&path, needle)
        } else {
            let text = std::fs::read_to_string(&path).ok()?;
            (path.extension().is_some_and(|e| e == "md") && text.contains(needle)).then_some(path)
        }
    })
}

#[test]
fn cached_compiles_of_the_corpus_say_what_fresh_ones_say() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("agentgen-scan-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_tree(&shared.join("corpus"), &dir);
    let config = Config::default();
    let fresh = || said(&compile_dir(&dir, "corpus", &config));
    let cache = ScanCache::default();
    let cached = || said(&Project::open(&dir, "corpus", &config).compile_cached(&cache));

    let before = fresh();
    assert_eq!(cached(), before, "first compile through the cache");
    assert_eq!(cached(), before, "again, every prompt from the cache");

    // One prompt edited: it now hands work to an agent of the corpus and to one that is not.
    let edited = file_holding(&dir, "code-reviewer").expect("a prompt naming code-reviewer");
    let mut text = std::fs::read_to_string(&edited).expect("read it");
    text.push_str(
        "\nHand the diff to the security-auditor agent, then to the diff-wrangler agent.\n",
    );
    std::fs::write(&edited, text).expect("write it");
    let after_edit = fresh();
    assert_ne!(after_edit, before);
    assert_eq!(cached(), after_edit, "after one prompt was edited");

    // An agent renamed: every prompt that named it now names nobody.
    let renamed = file_holding(&dir, "name: code-reviewer\n").expect("the code-reviewer agent");
    let text = std::fs::read_to_string(&renamed).expect("read it");
    let text = text.replacen("name: code-reviewer\n", "name: code-critic\n", 1);
    std::fs::write(&renamed, text).expect("write it");
    let after_rename = fresh();
    assert_ne!(after_rename, after_edit);
    assert_eq!(cached(), after_rename, "after an agent was renamed");

    let _ = std::fs::remove_dir_all(&dir);
}
