//! The YAML layer on arbitrary frontmatter text: strict parsing and Claude Code's re-quoting
//! fallback never panic, stay within the node budget, and every span lies inside the text on
//! character boundaries.
#![no_main]

use agentgen_compiler::yaml::{self, Node, Value};
use libfuzzer_sys::fuzz_target;

/// Checks every span of the tree and returns the number of nodes.
fn check(node: &Node, text: &str) -> usize {
    assert!(
        node.span.start <= node.span.end && node.span.end <= text.len(),
        "span {:?} outside the text of {} bytes",
        node.span,
        text.len()
    );
    assert!(text.is_char_boundary(node.span.start) && text.is_char_boundary(node.span.end));
    match &node.value {
        Value::Seq(items) => 1 + items.iter().map(|n| check(n, text)).sum::<usize>(),
        Value::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| check(k, text) + check(v, text))
                .sum::<usize>()
        }
        _ => 1,
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match yaml::parse(&text) {
        Ok(Some(root)) => {
            let nodes = check(&root, &text);
            assert!(nodes <= yaml::MAX_NODES, "{nodes} nodes exceed the budget");
        }
        Ok(None) => {}
        Err(error) => {
            assert!(error.offset <= text.len());
            let fallback = yaml::fallback_rewrite(&text);
            if let Ok(Some(root)) = fallback.parse(&text) {
                let nodes = check(&root, &text);
                assert!(nodes <= yaml::MAX_NODES, "{nodes} nodes exceed the budget");
            }
        }
    }
});
