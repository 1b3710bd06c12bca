//! Source files: their text as Claude Code decodes it, and byte offset → line/column mapping.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

/// Locations up to this byte offset are found by counting line feeds, without the line index.
const DIRECT_SCAN_LIMIT: usize = 8 * 1024;

/// One agent file as read: its path for messages and its decoded text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path shown in diagnostics: relative to the crate (or to the directory given on the
    /// command line), `/`-separated, so messages are stable across machines.
    pub display_path: String,
    /// The text, decoded as Claude Code decodes it: UTF-8, invalid sequences replaced by U+FFFD,
    /// a byte-order mark kept.
    pub text: String,
    /// Whether the bytes were not valid UTF-8 (Claude Code replaced sequences with U+FFFD).
    pub had_invalid_utf8: bool,
    /// Byte offsets of line starts in `text` (lines end at LF), built on first use: locations in
    /// the first [`DIRECT_SCAN_LIMIT`] bytes do without it, and building it costs a pass over
    /// every line, prompt included.
    line_starts: OnceLock<Vec<usize>>,
}

/// A place in a source file, as diagnostics point at it: 1-based line and 1-based column counted
/// in characters (as rustc prints them), plus the byte range it covers (for the snippet's caret).
/// Made by [`SourceFile::span`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte range in the file's text.
    pub bytes: Range<usize>,
}

impl SourceFile {
    /// Decodes `bytes` as Claude Code does.
    pub fn new(display_path: impl Into<String>, bytes: &[u8]) -> SourceFile {
        // `from_utf8` validates valid text (the usual case) faster than `from_utf8_lossy`.
        let (text, had_invalid_utf8) = match std::str::from_utf8(bytes) {
            Ok(valid) => (valid.to_owned(), false),
            Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
        };
        SourceFile::from_text(display_path, text, had_invalid_utf8)
    }

    /// [`new`](Self::new), taking the bytes when they are owned: valid UTF-8 (the usual case)
    /// becomes the text without a copy.
    pub fn from_bytes(display_path: impl Into<String>, bytes: Cow<'_, [u8]>) -> SourceFile {
        match bytes {
            Cow::Borrowed(bytes) => SourceFile::new(display_path, bytes),
            Cow::Owned(bytes) => match String::from_utf8(bytes) {
                Ok(text) => SourceFile::from_text(display_path, text, false),
                Err(e) => {
                    let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                    SourceFile::from_text(display_path, text, true)
                }
            },
        }
    }

    fn from_text(display_path: impl Into<String>, text: String, had_invalid_utf8: bool) -> Self {
        SourceFile {
            display_path: display_path.into(),
            text,
            had_invalid_utf8,
            line_starts: OnceLock::new(),
        }
    }

    /// The whole file's line index, built on first use.
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut line_starts = vec![0];
            line_starts.extend(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1));
            line_starts
        })
    }

    /// The span of the byte range `bytes` (clamped to the text, snapped to char boundaries).
    pub fn span(&self, bytes: Range<usize>) -> Span {
        let start = self.floor_char_boundary(bytes.start.min(self.text.len()));
        let end = self.floor_char_boundary(bytes.end.clamp(start, self.text.len()));
        let (line_index, line_start) = self.line_of(start);
        let column = self.text[line_start..start].chars().count() + 1;
        Span {
            line: line_index + 1,
            column,
            bytes: start..end,
        }
    }

    /// The 0-based line of byte `offset` and the offset its line starts at. Offsets in the first
    /// [`DIRECT_SCAN_LIMIT`] bytes (frontmatter spans, nearly every location asked for) are
    /// counted directly, so that the line index of a long prompt is never built for them.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        if self.line_starts.get().is_none() && offset <= DIRECT_SCAN_LIMIT {
            let before = &self.text.as_bytes()[..offset];
            let line_index = memchr::memchr_iter(b'\n', before).count();
            let line_start = memchr::memrchr(b'\n', before);
            return (line_index, line_start.map_or(0, |at| at + 1));
        }
        let line_starts = self.line_starts();
        let line_index = match line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (line_index, line_starts[line_index])
    }

    /// The byte offset of 1-based `line` and 0-based character column `col` (clamped to the line).
    pub(crate) fn offset_of(&self, line: usize, col: usize) -> usize {
        let Some(&line_start) = self.line_starts().get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let line_text = self.line_text_from(line_start);
        let within = line_text
            .char_indices()
            .nth(col)
            .map_or(line_text.len(), |(i, _)| i);
        line_start + within
    }

    /// The text of 1-based `line`, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        match self.line_starts().get(line.saturating_sub(1)) {
            Some(&start) => self.line_text_from(start),
            None => "",
        }
    }

    fn line_text_from(&self, start: usize) -> &str {
        let rest = &self.text[start..];
        let end = rest.find('\n').unwrap_or(rest.len());
        rest[..end].strip_suffix('\r').unwrap_or(&rest[..end])
    }

    fn floor_char_boundary(&self, mut index: usize) -> usize {
        while index > 0 && !self.text.is_char_boundary(index) {
            index -= 1;
        }
        index
    }
}

/// JavaScript's `\s` and `String.prototype.trim` white space: Unicode `White_Space` without
/// U+0085, plus U+FEFF. Claude Code's loader is JavaScript, so its trimming uses this set.
pub fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// `String.prototype.trim` as JavaScript defines it.
pub(crate) fn js_trim(s: &str) -> &str {
    s.trim_matches(is_js_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_characters_and_lines() {
        let file = SourceFile::new("a.md", "ab\nçd: x\n".as_bytes());
        let offset = file.text.find('d').unwrap_or(0);
        let loc = file.span(offset..offset + 1);
        assert_eq!((loc.line, loc.column), (2, 2));
        assert_eq!(file.line_text(2), "çd: x");
        assert_eq!(file.offset_of(2, 1), offset);
    }

    #[test]
    fn locations_are_the_same_with_and_without_the_line_index() {
        let mut text = String::from("---\nname: ç\n\n---\n");
        while text.len() < 3 * DIRECT_SCAN_LIMIT {
            text.push_str("line ü\n\n");
        }
        let offsets: Vec<usize> = (0..text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let direct = SourceFile::new("a.md", text.as_bytes());
        let by_index: Vec<Span> = {
            let indexed = SourceFile::new("a.md", text.as_bytes());
            let _ = indexed.line_starts();
            offsets.iter().map(|&i| indexed.span(i..i)).collect()
        };
        for (&offset, expected) in offsets.iter().zip(&by_index) {
            if offset <= DIRECT_SCAN_LIMIT {
                assert_eq!(&direct.span(offset..offset), expected, "{offset}");
            }
        }
        assert!(direct.line_starts.get().is_none(), "counted directly");
        let far = text.len() - 1;
        assert_eq!(direct.span(far..far), by_index[by_index.len() - 1]);
        assert!(direct.line_starts.get().is_some(), "built for a far offset");
    }

    #[test]
    fn invalid_utf8_is_replaced_and_flagged() {
        let file = SourceFile::new("a.md", b"a\xffb");
        assert!(file.had_invalid_utf8);
        assert_eq!(file.text, "a\u{fffd}b");
    }

    #[test]
    fn js_trim_differs_from_rust_trim() {
        assert_eq!(js_trim("\u{feff} x \u{85}"), "x \u{85}");
    }
}
