//! One agent file's bytes through `read_agent` (Claude Code's reading plus per-file
//! diagnostics), then every diagnostic rendered with its snippet: never panics, and what it
//! returns is consistent (spans inside the text, accepted agents have a name and a description).
//! The GitHub Copilot CLI's reading of the same file, likewise (its skip's span inside the text).
#![no_main]

use agentgen_compiler::read::{self, Status};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let file = read::read_agent("agents/fuzz.md", data);
    let text = &file.source.text;
    for diagnostic in &file.diagnostics {
        if let Some(span) = &diagnostic.span {
            assert!(
                span.bytes.start <= span.bytes.end && span.bytes.end <= text.len(),
                "{diagnostic:?}"
            );
            assert!(span.line >= 1 && span.column >= 1, "{diagnostic:?}");
        }
        let plain = diagnostic.render(Some(&file.source), false);
        assert!(!plain.is_empty());
        let _ = diagnostic.render(Some(&file.source), true);
        let _ = diagnostic.one_line();
    }
    if file.status == Status::Accepted {
        assert!(file.name.is_some() && file.description.is_some());
    }
    match agentgen_compiler::catalog::targets::copilot::read_file(&file) {
        Ok(agent) => assert!(!agent.name.is_empty()),
        Err(skip) => {
            if let Some(span) = &skip.span {
                assert!(span.bytes.start <= span.bytes.end && span.bytes.end <= text.len());
            }
        }
    }
    if data.len() as u64 > agentgen_compiler::registry::MAX_FILE_BYTES {
        assert_eq!(file.status, Status::NotLoaded);
    }
});
