//! One agent file's bytes through `fix::fix_source` (what `agentgen fix` writes): never panics;
//! a fixed file has strict-YAML frontmatter, the same body bytes, and is left alone by a second
//! fix; the diagnostic of an unfixable file renders.
#![no_main]

use agentgen_compiler::fix::{FixOutcome, fix_source};
use agentgen_compiler::frontmatter;
use agentgen_compiler::read::{self, YamlStatus};
use agentgen_compiler::source::SourceFile;
use libfuzzer_sys::fuzz_target;

/// Everything from the closing `---` on: what `fix` must never change.
fn tail(text: &str) -> Option<&str> {
    frontmatter::split(text)
        .ok()
        .map(|blocks| &text[blocks.closing_offset..])
}

fuzz_target!(|data: &[u8]| {
    match fix_source("agents/fuzz.md", data) {
        FixOutcome::AlreadyValid => {}
        FixOutcome::Fixed(fixed) => {
            let new_text = std::str::from_utf8(&fixed.text).expect("fixed files are UTF-8");
            let agent = read::read_agent("agents/fuzz.md", &fixed.text);
            assert_eq!(agent.yaml, YamlStatus::StrictOk, "{new_text:?}");
            let old_text = String::from_utf8_lossy(data);
            assert_eq!(tail(new_text), tail(old_text.trim_start_matches(
                agentgen_compiler::source::is_js_whitespace
            )), "the body is untouched");
            assert_eq!(
                fix_source("agents/fuzz.md", &fixed.text),
                FixOutcome::AlreadyValid,
                "idempotent: {new_text:?}"
            );
            assert!(!fixed.changes.is_empty());
        }
        FixOutcome::Unfixable(diagnostic) => {
            let source = SourceFile::new("agents/fuzz.md", data);
            assert!(!diagnostic.render(Some(&source), false).is_empty());
        }
    }
});
