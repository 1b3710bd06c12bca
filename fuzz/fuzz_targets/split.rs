//! The frontmatter splitter on arbitrary text: never panics, and the blocks it returns are
//! consistent slices of the input (the YAML ends at a `---`, the body follows it).
#![no_main]

use agentgen_compiler::frontmatter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(blocks) = frontmatter::split(&text) else {
        return;
    };
    assert!(
        text.starts_with("---"),
        "a frontmatter block must open at byte 0"
    );
    assert!(
        blocks.yaml_offset >= 4,
        "the opening line is `---` and a line feed"
    );
    assert_eq!(
        &text[..blocks.yaml_offset].as_bytes()[blocks.yaml_offset - 1..],
        b"\n"
    );
    assert_eq!(
        blocks.yaml,
        &text[blocks.yaml_offset..blocks.closing_offset],
        "yaml must be the text between the delimiters"
    );
    assert!(
        !blocks.yaml.contains("---"),
        "the block ends at the first `---` after the opening line"
    );
    assert!(text[blocks.closing_offset..].starts_with("---"));
    assert!(blocks.body_offset >= blocks.closing_offset + 3);
    assert_eq!(blocks.body, &text[blocks.body_offset..]);
    assert!(
        text[blocks.closing_offset + 3..blocks.body_offset]
            .chars()
            .all(agentgen_compiler::source::is_js_whitespace),
        "only white space is skipped after the closing delimiter"
    );
});
