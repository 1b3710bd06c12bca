//! Positions in a document: the protocol's (`line`, `character` in UTF-16 code units) and the
//! engine's (byte offsets into the text). Out-of-range positions are clamped, never a panic: an
//! editor may ask about a position of a version of the text the server has not seen yet.

use std::ops::Range;

use lsp_types::{Position, Range as LspRange};

/// The byte offset of `position` in `text`: its line (lines end at `\n`; a `\r` before it is
/// part of the line's end), then `character` UTF-16 code units into it. A line past the end is
/// the end of the text; a character past the end of its line is the end of the line; a
/// character inside a surrogate pair is the start of that character.
pub fn offset_of(text: &str, position: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..position.line {
        match text[line_start..].find('\n') {
            Some(at) => line_start += at + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |at| line_start + at);
    let line = text[line_start..line_end].trim_end_matches('\r');
    let mut units = 0u32;
    for (at, c) in line.char_indices() {
        if units >= position.character {
            return line_start + at;
        }
        units += c.len_utf16() as u32;
        if units > position.character {
            return line_start + at;
        }
    }
    line_start + line.len()
}

/// The protocol position of byte `offset` (clamped to the text, snapped back to a character
/// boundary).
pub fn position_of(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    // A `\r` ending the line is part of its line break, not of its text (as `offset_of` reads
    // lines): an offset between `\r` and `\n` is the end of the line.
    let mut within = &text[line_start..offset];
    if matches!(text.as_bytes().get(offset), Some(b'\n') | None) {
        within = within.strip_suffix('\r').unwrap_or(within);
    }
    let character = within.chars().map(|c| c.len_utf16() as u32).sum();
    Position { line, character }
}

/// The protocol range of the byte range `bytes`.
pub fn range_of(text: &str, bytes: Range<usize>) -> LspRange {
    LspRange {
        start: position_of(text, bytes.start),
        end: position_of(text, bytes.end.max(bytes.start)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn offsets_and_positions_agree_across_utf16() {
        // `é` is 2 bytes, 1 unit; `𝄞` is 4 bytes, 2 units.
        let text = "---\nname: é𝄞x\r\n---\nbody";
        assert_eq!(offset_of(text, at(0, 0)), 0);
        assert_eq!(offset_of(text, at(1, 6)), 4 + 6); // before `é`
        assert_eq!(offset_of(text, at(1, 7)), 4 + 8); // before `𝄞`
        assert_eq!(offset_of(text, at(1, 9)), 4 + 12); // before `x`
        assert_eq!(offset_of(text, at(1, 8)), 4 + 8); // inside the pair: its start
        assert_eq!(offset_of(text, at(1, 99)), 4 + 13); // the line's end, before `\r`
        assert_eq!(offset_of(text, at(9, 0)), text.len());
        for offset in [0, 4, 10, 12, 16, 17, text.len()] {
            assert_eq!(
                offset_of(text, position_of(text, offset)),
                offset,
                "{offset}"
            );
        }
        assert_eq!(position_of(text, 4 + 12), at(1, 9));
        assert_eq!(position_of(text, 4 + 9), at(1, 7)); // inside `𝄞`: its start
        assert_eq!(position_of(text, 1000), position_of(text, text.len()));
        // Between `\r` and `\n` (a span ending with its line's `\r`): the line's end, which
        // reads back as the same position (found by fuzzing, fuzz/fuzz_targets/lsp_documents.rs).
        assert_eq!(position_of(text, 4 + 14), at(1, 10));
        assert_eq!(position_of(text, 4 + 13), at(1, 10));
        assert_eq!(position_of("x\r", 2), at(0, 1));
        for offset in 0..=text.len() {
            let position = position_of(text, offset);
            assert_eq!(
                position_of(text, offset_of(text, position)),
                position,
                "{offset}"
            );
        }
        assert_eq!(
            range_of(text, 4..8),
            LspRange {
                start: at(1, 0),
                end: at(1, 4)
            }
        );
    }
}
