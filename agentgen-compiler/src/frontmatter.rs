//! Finding the frontmatter block exactly where Claude Code finds it.
//!
//! Source: Claude Code 2.1.332's loader (CLAUDE-CODE-RULES.md §1–2): a leading byte-order mark
//! (U+FEFF) is removed; then the file must start with `---` at its first character, followed by any run of white space ending in a line feed; the block ends at
//! the first `---` that follows, anywhere (even mid-line); after it, white space is consumed and
//! the rest is the body.

use crate::source::is_js_whitespace;

/// Where the frontmatter and the body are in a file's text (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocks<'a> {
    /// The YAML text between the delimiters.
    pub yaml: &'a str,
    /// Byte offset of `yaml` in the file.
    pub yaml_offset: usize,
    /// Byte offset of the closing `---`.
    pub closing_offset: usize,
    /// The body after the closing delimiter and the white space that follows it.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Why a file has no frontmatter for Claude Code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// The file starts with white space before `---`.
    LeadingWhitespace,
    /// The file does not start with `---` at all.
    NoOpening,
    /// `---` is followed by something other than white space up to a line feed.
    OpeningNotAlone,
    /// No `---` after the opening one.
    NoClosing,
}

impl Missing {
    /// What Claude Code sees, in words.
    pub fn explain(self) -> &'static str {
        match self {
            Missing::LeadingWhitespace => {
                "the file starts with white space; the opening `---` must be at the very first byte"
            }
            Missing::NoOpening => "the file does not start with a `---` line",
            Missing::OpeningNotAlone => "the opening `---` is followed by other text on its line",
            Missing::NoClosing => "there is no closing `---` after the opening one",
        }
    }
}

/// Splits `text` into frontmatter and body as Claude Code does. A byte-order mark at the start is
/// skipped (Claude Code 2.1.332 removes it before looking for `---`); offsets stay offsets into
/// `text`.
pub fn split(text: &str) -> Result<Blocks<'_>, Missing> {
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let Some(after_open) = text[bom..].strip_prefix("---") else {
        return Err(
            if text[bom..]
                .trim_start_matches(is_js_whitespace)
                .starts_with("---")
            {
                Missing::LeadingWhitespace
            } else {
                Missing::NoOpening
            },
        );
    };
    // `---\s*\n`: the greedy white-space run backtracks to its last line feed.
    let run_len = after_open
        .char_indices()
        .find(|&(_, c)| !is_js_whitespace(c))
        .map_or(after_open.len(), |(i, _)| i);
    let Some(last_lf) = after_open[..run_len].rfind('\n') else {
        return Err(Missing::OpeningNotAlone);
    };
    let yaml_offset = bom + 3 + last_lf + 1;
    let Some(close_rel) = memchr::memmem::find(&text.as_bytes()[yaml_offset..], b"---") else {
        return Err(Missing::NoClosing);
    };
    let closing_offset = yaml_offset + close_rel;
    let after_close = &text[closing_offset + 3..];
    let skipped = after_close
        .char_indices()
        .find(|&(_, c)| !is_js_whitespace(c))
        .map_or(after_close.len(), |(i, _)| i);
    let body_offset = closing_offset + 3 + skipped;
    Ok(Blocks {
        yaml: &text[yaml_offset..closing_offset],
        yaml_offset,
        closing_offset,
        body: &text[body_offset..],
        body_offset,
    })
}

/// A line of a frontmatter that is a key Claude Code reads without its `:` (`tools Read, Grep`):
/// the key, its value as written, and the line's offset in the YAML.
pub(crate) struct KeyWithoutColon<'a> {
    pub offset: usize,
    pub key: &'a str,
    pub value: &'a str,
}

/// The first line of `yaml` that starts (unindented) with a key Claude Code reads, a space and
/// then what looks like that key's value: one word, or words separated by commas (`tools Read,
/// Grep`, `model sonnet`), when the frontmatter does not give that key with its `:` elsewhere.
/// Prose that only starts with such a word (`model the domain`, `name things` after `name: x`)
/// is not one. Strict YAML fails on such a line, and a fix that keeps it as text of the value
/// above would silently drop the key (`tools` missing: every tool).
pub(crate) fn key_without_colon(yaml: &str) -> Option<KeyWithoutColon<'_>> {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        let Some((key, value)) = text.split_once(' ') else {
            continue;
        };
        let value = value.trim();
        let looks_like_value = !value.is_empty()
            && !value.starts_with(':')
            && value
                .split(',')
                .all(|item| !item.trim().is_empty() && !item.trim().contains(char::is_whitespace));
        // A key the frontmatter already gives (`name: …` above) is not missing: the line is
        // text that starts with the same word (`name things`).
        let given = || {
            yaml.lines().any(|l| {
                l.strip_prefix(key)
                    .is_some_and(|rest| rest.starts_with(':'))
            })
        };
        if looks_like_value && crate::registry::KNOWN_KEYS.contains(&key) && !given() {
            return Some(KeyWithoutColon {
                offset: start,
                key,
                value,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_plain_file() {
        let blocks = split("---\nname: a\n---\nBody\n").expect("frontmatter");
        assert_eq!(blocks.yaml, "name: a\n");
        assert_eq!(blocks.body, "Body\n");
    }

    #[test]
    fn closing_delimiter_may_stand_mid_line() {
        let blocks = split("---\ndescription: uses --- here\n---\nx").expect("frontmatter");
        assert_eq!(blocks.yaml, "description: uses ");
    }

    #[test]
    fn white_space_after_opening_backtracks_to_last_line_feed() {
        let blocks = split("---  \r\n\n  name: a\n---").expect("frontmatter");
        assert_eq!(blocks.yaml, "  name: a\n");
        assert_eq!(blocks.body, "");
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let text = "\u{feff}---\nname: a\n---\nBody\n";
        let blocks = split(text).expect("frontmatter");
        assert_eq!(blocks.yaml, "name: a\n");
        assert_eq!(
            &text[blocks.yaml_offset..blocks.closing_offset],
            "name: a\n"
        );
        assert_eq!(&text[blocks.body_offset..], "Body\n");
    }

    #[test]
    fn reports_why_there_is_no_frontmatter() {
        assert_eq!(
            split("\u{feff}\n---\nname: a\n---\n"),
            Err(Missing::LeadingWhitespace)
        );
        assert_eq!(
            split("\n---\nname: a\n---\n"),
            Err(Missing::LeadingWhitespace)
        );
        assert_eq!(split("name: a\n"), Err(Missing::NoOpening));
        assert_eq!(split("---name: a\n---\n"), Err(Missing::OpeningNotAlone));
        assert_eq!(split("---\nname: a\n"), Err(Missing::NoClosing));
    }
}
