//! What the frontmatter's lines are, as Claude Code's fallback reading (or, where it fails, the
//! line rules of the [module documentation](super)) reads them: the lines, the top-level entries
//! and the value each entry means.

use crate::registry::{COLLABORATOR_KEYS, KNOWN_KEYS};
use crate::yaml::{self, Node, Value};

/// One line of the frontmatter: its text and its line ending (`\n`, `\r\n`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    pub(super) content: &'a str,
    pub(super) ending: &'a str,
    /// Byte offset in the frontmatter text.
    pub(super) start: usize,
}

pub(super) fn split_lines(yaml: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < yaml.len() {
        let rest = &yaml[start..];
        let (line_len, ending_len) = match rest.find('\n') {
            Some(i) if i > 0 && rest.as_bytes()[i - 1] == b'\r' => (i - 1, 2),
            Some(i) => (i, 1),
            None => (rest.len(), 0),
        };
        lines.push(Line {
            content: &rest[..line_len],
            ending: &rest[line_len..line_len + ending_len],
            start,
        });
        start += line_len + ending_len;
    }
    lines
}

/// The first character YAML does not allow in a frontmatter (C0/C1 controls other than tab and
/// line breaks, a carriage return not followed by a line feed, DEL).
pub(super) fn control_character(yaml: &str) -> Option<(usize, char)> {
    let bytes = yaml.as_bytes();
    yaml.char_indices().find(|&(i, c)| match c {
        '\t' | '\n' | '\u{85}' => false,
        '\r' => bytes.get(i + 1) != Some(&b'\n'),
        c => c.is_control(),
    })
}

/// How one line of a frontmatter that strict YAML rejects looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineKind<'a> {
    Blank,
    /// `# …` at column 0.
    Comment,
    /// Starts with a space or a tab.
    Indented,
    /// `key:` at column 0; `prefix_len` is the byte length up to and including the colon.
    Key {
        key: &'a str,
        prefix_len: usize,
    },
    /// `- …` (or a lone `-`) at column 0.
    Item,
    /// Anything else at column 0.
    Text,
}

pub(super) fn classify(content: &str) -> LineKind<'_> {
    if content.trim_matches([' ', '\t']).is_empty() {
        return LineKind::Blank;
    }
    if content.starts_with([' ', '\t']) {
        return LineKind::Indented;
    }
    if content.starts_with('#') {
        return LineKind::Comment;
    }
    if content == "-" || content.starts_with("- ") || content.starts_with("-\t") {
        return LineKind::Item;
    }
    match key_of(content) {
        Some((key, prefix_len)) => LineKind::Key { key, prefix_len },
        None => LineKind::Text,
    }
}

/// `key:` at column 0 followed by white space or the end of the line: the key and the length of
/// `key:`. Keys are an ASCII letter or `_`, then letters, digits, `_`, `-`, `.`.
fn key_of(content: &str) -> Option<(&str, usize)> {
    let bytes = content.as_bytes();
    if !bytes
        .first()
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
    {
        return None;
    }
    let key_len = bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        .count();
    if bytes.get(key_len) != Some(&b':') {
        return None;
    }
    match bytes.get(key_len + 1) {
        None | Some(b' ' | b'\t') => Some((&content[..key_len], key_len + 1)),
        _ => None,
    }
}

fn is_read_key(key: &str) -> bool {
    KNOWN_KEYS.contains(&key) || COLLABORATOR_KEYS.contains(&key)
}

/// Why a frontmatter cannot be fixed: a message and the 0-based frontmatter line.
pub(super) struct Problem {
    pub(super) line: usize,
    pub(super) message: String,
}

pub(super) fn problem(line: usize, message: impl Into<String>) -> Problem {
    Problem {
        line,
        message: message.into(),
    }
}

/// One top-level entry as found in the text.
pub(super) struct RawEntry<'a> {
    pub(super) key: &'a str,
    pub(super) prefix_len: usize,
    pub(super) key_line: usize,
    /// The entry continues with unindented text lines (a multi-line description).
    pub(super) text_mode: bool,
    /// XML-like tags (`<example>`) opened and not yet closed in the entry's lines.
    pub(super) open_tags: i64,
}

/// The entries of a frontmatter Claude Code's fallback reads: where its top-level keys are, and
/// the values it reads.
pub(super) type FallbackEntries<'a> = (Vec<RawEntry<'a>>, Option<Vec<Node>>);

pub(super) fn entries_from_fallback<'a>(
    yaml_text: &str,
    lines: &[Line<'a>],
    root: Option<Node>,
) -> Result<FallbackEntries<'a>, Problem> {
    let entries = match root {
        Some(Node {
            value: Value::Map(entries),
            ..
        }) => entries,
        _ => {
            return Err(problem(
                0,
                "the frontmatter is not a mapping of keys to values",
            ));
        }
    };
    let mut raw: Vec<RawEntry<'a>> = Vec::with_capacity(entries.len());
    let mut values = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let offset = key.span.start.min(yaml_text.len());
        let line_index = lines
            .partition_point(|l| l.start <= offset)
            .saturating_sub(1);
        let Some(&line) = lines.get(line_index) else {
            return Err(problem(0, "the frontmatter is empty"));
        };
        if offset != line.start {
            return Err(problem(
                line_index,
                "a top-level key does not start at column 0",
            ));
        }
        if raw.last().is_some_and(|e| e.key_line >= line_index) {
            return Err(problem(line_index, "several keys on one line"));
        }
        let key_text = key.key_text();
        let Some((found, prefix_len)) = key_of(line.content).filter(|(k, _)| *k == key_text) else {
            return Err(problem(
                line_index,
                format!("the key `{key_text}` is not a simple `key:`"),
            ));
        };
        raw.push(RawEntry {
            key: found,
            prefix_len,
            key_line: line_index,
            text_mode: false,
            open_tags: 0,
        });
        values.push(value);
    }
    Ok((raw, Some(values)))
}

/// Finds the top-level entries of a frontmatter that no YAML reading accepts (see the module
/// documentation for the rules).
pub(super) fn entries_from_lines<'a>(lines: &[Line<'a>]) -> Result<Vec<RawEntry<'a>>, Problem> {
    let mut entries: Vec<RawEntry<'a>> = Vec::new();
    // Index of the first unknown-key entry after the last entry Claude Code reads, while no text
    // line has followed: such keys are folded back into the entry above if text follows.
    let mut pending_from: Option<usize> = None;
    for (index, line) in lines.iter().enumerate() {
        let kind = classify(line.content);
        let balance = tag_balance(line.content);
        let Some(last) = entries.last_mut() else {
            match kind {
                LineKind::Key { key, prefix_len } => entries.push(RawEntry {
                    key,
                    prefix_len,
                    key_line: index,
                    text_mode: false,
                    open_tags: balance,
                }),
                LineKind::Blank | LineKind::Comment => {}
                _ => return Err(problem(index, "this line stands before the first key")),
            }
            continue;
        };
        let last_value_is_empty = line_value(lines[last.key_line], last.prefix_len).is_empty();
        // Inside an open `<example>` of a text description, `user:` lines are text.
        let inside_tag = last.text_mode && last.open_tags > 0;
        match kind {
            LineKind::Key { key, prefix_len } if is_read_key(key) || !inside_tag => {
                if is_read_key(key) {
                    pending_from = None;
                } else if pending_from.is_none() {
                    pending_from = Some(entries.len());
                }
                entries.push(RawEntry {
                    key,
                    prefix_len,
                    key_line: index,
                    text_mode: false,
                    open_tags: balance,
                });
            }
            LineKind::Item if !last.text_mode && last_value_is_empty => last.open_tags += balance,
            LineKind::Text | LineKind::Item => {
                let mut merged_tags = 0;
                if let Some(from) = pending_from.take() {
                    merged_tags = entries[from..].iter().map(|e| e.open_tags).sum();
                    entries.truncate(from);
                }
                if let Some(host) = entries.last_mut() {
                    host.text_mode = true;
                    host.open_tags += merged_tags + balance;
                }
            }
            _ => last.open_tags += balance,
        }
    }
    Ok(entries)
}

/// Opened minus closed XML-like tags on a line (`<example>` +1, `</example>` and `/>` −1).
fn tag_balance(content: &str) -> i64 {
    let bytes = content.as_bytes();
    let mut balance = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        match (b, next) {
            (b'<', Some(b'/')) if bytes.get(i + 2).is_some_and(u8::is_ascii_alphabetic) => {
                balance -= 1
            }
            (b'<', Some(c)) if c.is_ascii_alphabetic() => balance += 1,
            (b'/', Some(b'>')) => balance -= 1,
            _ => {}
        }
    }
    balance
}

/// The value text after `key:` on the key line, without surrounding spaces and tabs.
fn line_value<'a>(line: Line<'a>, prefix_len: usize) -> &'a str {
    line.content
        .get(prefix_len..)
        .unwrap_or("")
        .trim_matches([' ', '\t'])
}

/// Where the lines of an entry's value end: trailing blank lines (and column-0 comments, unless
/// the entry is text) are not part of it.
pub(super) fn value_end(
    lines: &[Line<'_>],
    key_line: usize,
    next: usize,
    text_mode: bool,
) -> usize {
    let mut end = next;
    while end > key_line + 1 {
        match classify(lines[end - 1].content) {
            LineKind::Blank => end -= 1,
            LineKind::Comment if !text_mode => end -= 1,
            _ => break,
        }
    }
    end
}

/// The entry's lines joined with `\n`, optionally with leading tabs replaced by two spaces each.
pub(super) fn entry_text(lines: &[Line<'_>], retab: bool) -> String {
    let mut text = String::new();
    for line in lines {
        if retab {
            text.push_str(&retabbed(line.content));
        } else {
            text.push_str(line.content);
        }
        text.push('\n');
    }
    text
}

pub(super) fn retabbed(content: &str) -> String {
    let tabs = content.bytes().take_while(|&b| b == b'\t').count();
    format!("{}{}", "  ".repeat(tabs), &content[tabs..])
}

/// The value of `text` when it is strict YAML holding exactly the one key `key`.
pub(super) fn parse_entry(text: &str, key: &str) -> Result<Node, String> {
    match yaml::parse(text) {
        Ok(Some(Node {
            value: Value::Map(mut entries),
            ..
        })) if entries.len() == 1 && entries[0].0.key_text() == key => Ok(entries.remove(0).1),
        Ok(_) => Err("it does not read as one key".to_owned()),
        Err(error) => Err(error.message),
    }
}

fn string_node(text: String) -> Node {
    Node {
        value: Value::Str(text),
        span: 0..0,
        style: None,
    }
}

/// What a value starting with `[`, `{`, `|`, `>`, `"` or `'` looks like, for a message.
fn what_it_starts_like(value: &str) -> &'static str {
    match value.as_bytes().first() {
        Some(b'[') => "like a YAML list (`[`)",
        Some(b'{') => "like a YAML mapping (`{`)",
        Some(b'|' | b'>') => "like a YAML block scalar",
        _ => "with a quote",
    }
}

/// The meant value of an entry in a frontmatter no YAML reading accepts.
pub(super) fn meant_from_lines(
    lines: &[Line<'_>],
    entry: &RawEntry<'_>,
    value_end: usize,
) -> Result<Node, Problem> {
    let entry_lines = &lines[entry.key_line..value_end];
    if !entry.text_mode {
        for retab in [false, true] {
            if let Ok(node) = parse_entry(&entry_text(entry_lines, retab), entry.key) {
                return Ok(node);
            }
        }
    }
    let first = line_value(lines[entry.key_line], entry.prefix_len);
    let continuation = &entry_lines[1..];
    let ambiguous_start = first.starts_with(['[', '{', '|', '>', '"', '\'']);
    if continuation.is_empty() {
        let quoted = |q: char| first.len() >= 2 && first.starts_with(q) && first.ends_with(q);
        if quoted('"') || quoted('\'') {
            return Ok(string_node(first[1..first.len() - 1].to_owned()));
        }
        if ambiguous_start {
            return Err(problem(
                entry.key_line,
                format!(
                    "the value of `{}` starts {} but is not one YAML reads",
                    entry.key,
                    what_it_starts_like(first)
                ),
            ));
        }
        return Ok(string_node(first.to_owned()));
    }
    if ambiguous_start {
        return Err(problem(
            entry.key_line,
            format!(
                "the multi-line value of `{}` starts {} but is not one YAML reads (are its lines after the first indented past the key?)",
                entry.key,
                what_it_starts_like(first)
            ),
        ));
    }
    if first.is_empty() && entry.key != "description" {
        return Err(problem(
            entry.key_line,
            format!(
                "the nested value of `{}` is not valid YAML and is not text",
                entry.key
            ),
        ));
    }
    let mut parts: Vec<&str> = Vec::with_capacity(entry_lines.len());
    if !first.is_empty() {
        parts.push(first);
    }
    if entry.text_mode {
        // Unindented text: the lines as written.
        parts.extend(
            continuation
                .iter()
                .map(|l| l.content.trim_end_matches([' ', '\t'])),
        );
        let text = parts.join("\n");
        return Ok(string_node(text.trim_end_matches('\n').to_owned()));
    }
    // Indented continuation: YAML's plain multi-line scalar, folded.
    if let Some(offset) = continuation
        .iter()
        .position(|l| classify(l.content) == LineKind::Comment)
    {
        return Err(problem(
            entry.key_line + 1 + offset,
            "a comment line interrupts a multi-line value",
        ));
    }
    if let Some(offset) = continuation.iter().position(|l| {
        key_of(l.content.trim_start_matches([' ', '\t'])).is_some_and(|(key, _)| is_read_key(key))
    }) {
        return Err(problem(
            entry.key_line + 1 + offset,
            format!(
                "an indented line starts like a key Claude Code reads: is it a key of its own (then it starts its line, without spaces or tabs), or text of `{}`?",
                entry.key
            ),
        ));
    }
    parts.extend(
        continuation
            .iter()
            .map(|l| l.content.trim_matches([' ', '\t'])),
    );
    Ok(string_node(fold(&parts)))
}

/// YAML line folding: lines joined by one space; each blank line is a line break.
fn fold(parts: &[&str]) -> String {
    let mut out = String::new();
    let mut blanks = 0usize;
    let mut started = false;
    for part in parts {
        if part.is_empty() {
            blanks += 1;
            continue;
        }
        if started {
            if blanks == 0 {
                out.push(' ');
            } else {
                out.push_str(&"\n".repeat(blanks));
            }
        } else if blanks > 0 {
            out.push_str(&"\n".repeat(blanks));
        }
        blanks = 0;
        started = true;
        out.push_str(part);
    }
    out
}

/// What Claude Code shows for a top-level value: a `description` string with every literal `\n`
/// turned into a line feed.
pub(super) fn claude_code_view(key: &str, mut node: Node) -> Node {
    if key == "description"
        && let Value::Str(text) = &node.value
        && text.contains("\\n")
    {
        node.value = Value::Str(text.replace("\\n", "\n"));
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_follows_yaml() {
        assert_eq!(fold(&["a", "b", "", "c", "", "", "d"]), "a b\nc\n\nd");
    }
}
