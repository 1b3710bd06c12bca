//! Where a token stands in its phrase: the object of a collaboration phrase (`collaborate with
//! x`, `delegate to x`, `与 x 协作`, `x との連携`, `→ x`), and its place in a list item (the
//! item's head, after a preposition, the term a definition list defines).

use std::ops::Range;

use super::words::{
    BEFORE_A_NAME_IN_ITEMS, CJK_AFTER, CJK_BEFORE, START_VERBS, TO_VERBS, WITH_VERBS, after_markup,
    before_markup, followed_by_boundary, is_one_of, last_word,
};

/// Whether the token at `range` of `text` is the object of a collaboration phrase:
/// `collaborate with x`, `delegate to x`, `hand off to x`, `invoke x`, `与 x 协作`, `通知x`,
/// `x との連携`, or a routing arrow that ends the line (`Safety review → **x**`).
pub(super) fn is_collaboration(text: &str, range: &Range<usize>) -> bool {
    let after = after_markup(text, range.end);
    if after.as_bytes().first().is_some_and(|&b| b >= 0xe3)
        && CJK_AFTER.iter().any(|w| after.starts_with(w))
    {
        return true;
    }
    let before = before_markup(text, range.start);
    let ends_line = || {
        after
            .trim_end_matches(['.', ')', '*', '`'])
            .trim()
            .is_empty()
    };
    if before.as_bytes().last().is_some_and(|&b| b >= 0x80) {
        return CJK_BEFORE.iter().any(|w| before.ends_with(w))
            || (before.ends_with('→') && ends_line());
    }
    if before.ends_with("->") || before.ends_with("=>") {
        return ends_line();
    }
    // The words before: `[verb] [adverb] with|to [the]`, or `verb [the]`.
    let mut before = before.trim_end();
    let mut word = last_word(before);
    if word.eq_ignore_ascii_case("the") {
        before = before[..before.len() - word.len()].trim_end();
        word = last_word(before);
    }
    let phrase = if is_one_of(word, START_VERBS) {
        true
    } else {
        let with = word.eq_ignore_ascii_case("with");
        if !with && !word.eq_ignore_ascii_case("to") {
            return false;
        }
        let rest = before[..before.len() - word.len()].trim_end();
        let mut verb = last_word(rest);
        // `work closely with`, `hand tasks off to`.
        if verb.ends_with("ly")
            || verb.eq_ignore_ascii_case("tasks")
            || (!with && verb.eq_ignore_ascii_case("work"))
        {
            let rest = rest[..rest.len() - verb.len()].trim_end();
            verb = last_word(rest);
        }
        is_one_of(verb, if with { WITH_VERBS } else { TO_VERBS })
    };
    phrase && followed_by_boundary(text, range.end)
}

/// Where the head of a list item ends: the first `:` (or `：`) followed by white space or the end
/// (after emphasis: `**Phase 1:**`), or the first dash between spaces (` – `, ` — `, ` - `).
/// Returns the byte range of the separator within `item`.
pub(super) fn item_head_separator(item: &str) -> Option<Range<usize>> {
    let bytes = item.as_bytes();
    for (at, c) in item.char_indices() {
        match c {
            ':' | '：' => {
                let mut end = at + c.len_utf8();
                while end < bytes.len() && matches!(bytes[end], b'*' | b'_') {
                    end += 1;
                }
                if end == bytes.len() || bytes[end] == b' ' || bytes[end] == b'\t' || c == '：' {
                    return Some(at..end);
                }
            }
            '-' | '–' | '—' => {
                let before = at > 0 && bytes[at - 1] == b' ';
                let end = at + c.len_utf8();
                if before && bytes.get(end) == Some(&b' ') {
                    return Some(at..end);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether the token is in the head of a list item whose text starts at `content`: before the
/// first separator (`- **x** – description`, `- x: description`), or, formatted, right after
/// it (`` 1. **Phase 1:** `x` - … ``). An item without a separator is all head
/// (`- Collaborate with x on y`).
pub(super) fn in_item_head(
    text: &str,
    content: usize,
    range: &Range<usize>,
    formatted: bool,
) -> bool {
    let Some(separator) = item_head_separator(&text[content..]) else {
        return true;
    };
    if range.end <= content + separator.start {
        return true;
    }
    let after = content + separator.end;
    formatted
        && after <= range.start
        && text[after..range.start]
            .trim()
            .trim_matches(['`', '*', '_', '"'])
            .is_empty()
}

/// Whether the token stands where a list item names someone: first in the item, right after its
/// first word (`- Support x on …`), after a preposition or conjunction (`with x`, `and x`), a
/// verb that starts an agent (`call x`), punctuation, an arrow or a Chinese or Japanese
/// character (`- 从 x 接收`). Not after other words (`- Keep everything production-ready`).
pub(super) fn placed_like_a_name_in_an_item(text: &str, content: usize, start: usize) -> bool {
    let before = before_markup(text, start);
    if before.len() <= content {
        return true;
    }
    let Some(last) = before.chars().next_back() else {
        return true;
    };
    if !last.is_ascii_alphanumeric() {
        return true;
    }
    let word = last_word(before);
    if is_one_of(word, BEFORE_A_NAME_IN_ITEMS) || is_one_of(word, START_VERBS) {
        return true;
    }
    // The item's first word, a verb: `- Support x`, `- Guide x`.
    let head = before[content..].trim_start_matches(['*', '_', ' ', '`']);
    head.len() == word.len()
}

/// Whether the token is the term a list item defines: the first thing in the item, followed by
/// the item's head separator (`- **bats-core**: …`, `- **x** – …`).
pub(super) fn is_definition_term(
    text: &str,
    item_content: Option<usize>,
    range: &Range<usize>,
) -> bool {
    let Some(content) = item_content else {
        return false;
    };
    let first = text[content..range.start]
        .trim_matches(['*', '_', '`', ' '])
        .is_empty();
    first
        && item_head_separator(&text[content..])
            .is_some_and(|separator| content + separator.start >= range.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collaboration(text: &str, token: &str) -> bool {
        let start = text.find(token).unwrap_or(0);
        is_collaboration(text, &(start..start + token.len()))
    }

    #[test]
    fn collaboration_phrases() {
        assert!(collaboration("Collaborate with x-y on z", "x-y"));
        assert!(collaboration("Work closely with the x-y.", "x-y"));
        assert!(collaboration("Hand tasks off to x-y", "x-y"));
        assert!(collaboration("Then invoke x-y", "x-y"));
        assert!(collaboration("与x-y协作", "x-y"));
        assert!(collaboration("通知x-y进行评估", "x-y"));
        assert!(collaboration("x-y との連携", "x-y"));
        assert!(collaboration("Safety review → **x-y**", "x-y"));
        assert!(!collaboration("Work with x-y updates", "x-y"));
        assert!(!collaboration("Route to dead-letter.", "dead-letter"));
        assert!(!collaboration("x → y-z then more", "y-z"));
    }

    #[test]
    fn item_heads() {
        assert_eq!(item_head_separator("**Phase 1:** `x` - y"), Some(9..12));
        assert_eq!(item_head_separator("x – y"), Some(2..5));
        assert_eq!(item_head_separator("a-b c"), None);
        let line = "- **it-ops** – for multi-domain";
        let at = line.find("multi").unwrap_or(0);
        assert!(!in_item_head(line, 2, &(at..at + 12), false));
        assert!(in_item_head(line, 2, &(4..10), true));
    }
}
