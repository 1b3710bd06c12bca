//! The Markdown structure the reference scanner needs, read line by line: fenced code blocks
//! (```` ``` ```` and `~~~`), headings, list items, table rows, inline code spans, link
//! destinations and URLs, and which lines sit in a section *about agents* (under a heading, a
//! lead-in line or a table column that speaks of agents, collaboration, hand-off or delegation).
//!
//! A small line-based reader rather than a full CommonMark parser: the scanner needs only these
//! blocks and spans, and a Markdown parser would be compiled into every crate that uses
//! `include_agents!` (see BENCHMARKS.md, "Prompt references"). Where it is simpler than
//! CommonMark: indented code blocks are read as text (prompts indent list continuations far
//! more often than they indent code), code spans and emphasis do not cross line ends, and HTML
//! blocks are text.

use std::ops::Range;

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Only white space.
    Blank,
    /// The opening or closing line of a fenced code block.
    Fence,
    /// A line inside a fenced code block.
    Code,
    /// An ATX heading (`## …`) of this level.
    Heading(usize),
    /// A list item (`- `, `* `, `+ `, `1. `, `1) `); `content` is where its text starts.
    ListItem {
        /// Byte offset of the item's text within the line.
        content: usize,
    },
    /// A table row (`| a | b |`) or a table's delimiter row.
    TableRow,
    /// Any other text.
    Text,
}

/// One line of the scanned text.
#[derive(Debug, Clone)]
pub(super) struct Line<'a> {
    /// The line without its line ending.
    pub text: &'a str,
    /// Byte offset of the line in the scanned text.
    pub start: usize,
    /// What the line is.
    pub role: Role,
    /// Whether the line is in a section about agents: under a heading about agents, after a
    /// lead-in line about them (`Integration with other agents:`), in that heading's or
    /// lead-in's list.
    pub agent_section: bool,
    /// For a table row under a header about agents: the byte ranges (within the line) of the
    /// cells in columns whose header names agents (`| Task | Agent | Notes |`).
    pub agent_cells: Vec<Range<usize>>,
}

/// English words that make a heading, lead-in line or table header about agents (matched in
/// ASCII lower case, as whole words or word starts). The singular `agent` is left out: in
/// English headings it names the file's own agent (`# QA Agent`, `## When to Use This Agent`).
const ENGLISH_WORDS: &[(&str, WordMatch)] = &[
    ("agents", WordMatch::Whole),
    ("subagents", WordMatch::Whole),
    ("sub-agents", WordMatch::Whole),
    ("delegate", WordMatch::Whole),
    ("delegates", WordMatch::Whole),
    ("delegation", WordMatch::Start),
    ("delegating", WordMatch::Whole),
    ("collaborat", WordMatch::Start),
    ("hand-off", WordMatch::Start),
    ("handoff", WordMatch::Start),
    ("hand off", WordMatch::Whole),
];

/// The words of [`ENGLISH_WORDS`] that start with the lower-case letter `first` (the list is in
/// that order).
fn words_starting_with(first: u8) -> &'static [(&'static str, WordMatch)] {
    match first {
        b'a' => &ENGLISH_WORDS[..1],
        b's' => &ENGLISH_WORDS[1..3],
        b'd' => &ENGLISH_WORDS[3..7],
        b'c' => &ENGLISH_WORDS[7..8],
        b'h' => &ENGLISH_WORDS[8..],
        _ => &[],
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum WordMatch {
    /// The whole word (`agents`, not `agentsmith`).
    Whole,
    /// The start of a word (`collaborat` in `collaboration`).
    Start,
}

/// Chinese and Japanese words for agents, collaboration, hand-off and delegation (substrings).
const CJK_WORDS: &[&str] = &[
    "代理",
    "智能体",
    "协作",
    "协同",
    "委派",
    "委托",
    "交接",
    "エージェント",
    "連携",
    "協調",
    "協働",
    "委譲",
    "引き継",
    "引継",
];

/// Whether `text` speaks of agents, collaboration, hand-off or delegation: an English word of
/// [`ENGLISH_WORDS`], a Chinese or Japanese word of [`CJK_WORDS`], or `Agent` in Chinese or
/// Japanese text (`通知其他Agent`).
pub(super) fn is_about_agents(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Every English word holds a `g` (agents, delegat…), an `l` (collaborat…) or an `f`
    // (hand-off, handoff, hand off); a text with none of them needs no closer look.
    let letters = memchr::memchr3(b'g', b'l', b'f', bytes).is_some()
        || memchr::memchr3(b'G', b'L', b'F', bytes).is_some();
    if !letters && text.is_ascii() {
        return false;
    }
    if !text.is_ascii() {
        if CJK_WORDS.iter().any(|w| text.contains(w)) {
            return true;
        }
        if contains_ignoring_case(bytes, b"agent") && text.chars().any(super::words::is_cjk) {
            return true;
        }
    }
    // At each word start, the words that start with its letter: most of the text is never
    // compared.
    (0..bytes.len()).any(|at| {
        let first = bytes[at] | 0x20;
        let word_start = matches!(first, b'a' | b'c' | b'd' | b'h' | b's')
            && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric());
        word_start
            && words_starting_with(first).iter().any(|(word, how)| {
                let end = at + word.len();
                bytes
                    .get(at..end)
                    .is_some_and(|found| found.eq_ignore_ascii_case(word.as_bytes()))
                    && (*how == WordMatch::Start
                        || end == bytes.len()
                        || !bytes[end].is_ascii_alphanumeric())
            })
    })
}

/// Whether a table header cell names a column of agents: it speaks of agents
/// ([`is_about_agents`]), or it is just the singular `Agent`, `Subagent` or `Sub-agent`
/// (`| Task | Agent |`): in a header, unlike in a heading, the singular names the column's
/// agents, not the file's own agent.
pub(super) fn is_agent_column(cell: &str) -> bool {
    let word = cell.trim().trim_matches(['*', '_', '`', ' ']);
    is_about_agents(cell)
        || ["agent", "subagent", "sub-agent"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether `haystack` holds `needle` (lower-case ASCII) in any ASCII letter case.
fn contains_ignoring_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle))
}

/// Splits `text` into lines with their roles and agent sections, one line after the other: the
/// reference the sparse reader ([`super::document`]) is tested against.
#[cfg(test)]
pub(super) fn lines(text: &str) -> Vec<Line<'_>> {
    let bytes = text.as_bytes();
    let mut out: Vec<Line<'_>> = Vec::with_capacity(text.len() / 40 + 8);
    let mut fence: Option<(u8, usize)> = None;
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    for end in ends {
        if start >= bytes.len() {
            break;
        }
        // Line feeds are ASCII: `start` and `end` are character boundaries.
        let line = &text[start..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let role = match fence {
            Some((marker, length)) => {
                if closes_fence(line, marker, length) {
                    fence = None;
                    Role::Fence
                } else {
                    Role::Code
                }
            }
            None => {
                if let Some(opened) = opens_fence(line) {
                    fence = Some(opened);
                    Role::Fence
                } else {
                    role_of(line)
                }
            }
        };
        out.push(Line {
            text: line,
            start,
            role,
            agent_section: false,
            agent_cells: Vec::new(),
        });
        start = end + 1;
    }
    mark_agent_sections(&mut out);
    mark_agent_columns(&mut out);
    out
}

/// `(marker byte, length)` when `line` opens a fenced code block.
pub(super) fn opens_fence(line: &str) -> Option<(u8, usize)> {
    let trimmed = &line[count_spaces(line)..];
    let marker = *trimmed.as_bytes().first()?;
    if marker != b'`' && marker != b'~' {
        return None;
    }
    let length = trimmed.bytes().take_while(|&b| b == marker).count();
    if length < 3 {
        return None;
    }
    // A backtick fence's info string holds no backtick (CommonMark).
    if marker == b'`' && trimmed[length..].contains('`') {
        return None;
    }
    Some((marker, length))
}

pub(super) fn closes_fence(line: &str, marker: u8, length: usize) -> bool {
    let bytes = &line.as_bytes()[count_spaces(line)..];
    let run = bytes.iter().take_while(|&&b| b == marker).count();
    run >= length && bytes[run..].iter().all(|&b| b == b' ' || b == b'\t')
}

/// The role of a line outside code blocks. Indentation is spaces and tabs (CommonMark).
pub(super) fn role_of(line: &str) -> Role {
    // Most lines start with a letter: text.
    if line.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) {
        return Role::Text;
    }
    let indent = count_spaces(line);
    let trimmed = &line[indent..];
    if trimmed.is_empty() {
        return Role::Blank;
    }
    let bytes = trimmed.as_bytes();
    if bytes[0] == b'#' {
        let level = bytes.iter().take_while(|&&b| b == b'#').count();
        if level <= 6 && bytes.get(level).is_none_or(|&b| b == b' ' || b == b'\t') {
            return Role::Heading(level);
        }
    }
    if matches!(bytes[0], b'-' | b'*' | b'+')
        && bytes.get(1).is_some_and(|&b| b == b' ' || b == b'\t')
    {
        // `---` and `* * *` are thematic breaks, not items; an item needs text after the marker.
        let has_text = trimmed[1..].bytes().any(|b| b != b' ' && b != b'\t');
        if has_text && !is_thematic_break(trimmed) {
            return Role::ListItem {
                content: indent + 1 + count_spaces(&trimmed[1..]),
            };
        }
    }
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if (1..=9).contains(&digits)
        && bytes.get(digits).is_some_and(|&b| b == b'.' || b == b')')
        && bytes
            .get(digits + 1)
            .is_some_and(|&b| b == b' ' || b == b'\t')
    {
        return Role::ListItem {
            content: indent + digits + 1 + count_spaces(&trimmed[digits + 1..]),
        };
    }
    if bytes[0] == b'|' {
        return Role::TableRow;
    }
    Role::Text
}

fn count_spaces(text: &str) -> usize {
    text.bytes()
        .take_while(|&b| b == b' ' || b == b'\t')
        .count()
}

fn is_thematic_break(trimmed: &str) -> bool {
    let marker = trimmed.as_bytes()[0];
    trimmed
        .bytes()
        .all(|b| b == marker || b == b' ' || b == b'\t')
        && trimmed.bytes().filter(|&b| b == marker).count() >= 3
}

/// The text of a heading, without its `#` marks and emphasis.
pub(super) fn heading_text(line: &str) -> &str {
    line.trim_start().trim_start_matches('#').trim()
}

/// Whether `line` (a text line) is a lead-in about agents: it ends with a colon (after
/// emphasis), like `Integration with other agents:`, `**Hand-off:**` or `与其他代理的集成：`.
pub(super) fn is_agent_lead_in(line: &str) -> bool {
    let last = line
        .bytes()
        .rposition(|b| !matches!(b, b' ' | b'\t' | b'*' | b'_'));
    // `:`, or the last byte of `：` (EF BC 9A).
    if !last.is_some_and(|at| matches!(line.as_bytes()[at], b':' | 0x9a)) {
        return false;
    }
    let trimmed = line.trim().trim_end_matches(['*', '_']).trim_end();
    (trimmed.ends_with(':') || trimmed.ends_with('：')) && is_about_agents(trimmed)
}

/// Sets `agent_section` on the lines under a heading about agents (until the next heading of
/// the same or a higher level) and on the lead-in line's list (until the next text that is
/// neither an item nor indented under one).
#[cfg(test)]
fn mark_agent_sections(lines: &mut [Line<'_>]) {
    let mut heading_level: Option<usize> = None;
    let mut lead_in = false;
    for line in lines.iter_mut() {
        match line.role {
            Role::Heading(level) => {
                lead_in = false;
                if is_about_agents(heading_text(line.text)) {
                    heading_level = Some(heading_level.map_or(level, |l| l.min(level)));
                } else if heading_level.is_some_and(|l| level <= l) {
                    heading_level = None;
                }
                // The heading itself is not in its section: `## Agents` names no agent.
                continue;
            }
            Role::Text => {
                let indented = line.text.starts_with([' ', '\t']);
                if is_agent_lead_in(line.text) {
                    lead_in = true;
                    continue;
                }
                if !indented {
                    lead_in = false;
                }
            }
            Role::Blank | Role::ListItem { .. } | Role::TableRow | Role::Fence | Role::Code => {}
        }
        line.agent_section = lead_in || heading_level.is_some();
    }
}

/// Records, for each table whose header row names agents in some columns (`| Task | Agent |`,
/// `| Delegate |`), the ranges of the cells of those columns in its body rows.
#[cfg(test)]
fn mark_agent_columns(lines: &mut [Line<'_>]) {
    let mut index = 0;
    while index + 1 < lines.len() {
        let is_table = lines[index].role == Role::TableRow
            && lines[index + 1].role == Role::TableRow
            && is_delimiter_row(lines[index + 1].text);
        if !is_table {
            index += 1;
            continue;
        }
        let header: Vec<bool> = cells(lines[index].text)
            .into_iter()
            .map(|cell| is_agent_column(&lines[index].text[cell]))
            .collect();
        let mut row = index + 2;
        while row < lines.len() && lines[row].role == Role::TableRow {
            if header.iter().any(|&agents| agents) {
                let ranges = cells(lines[row].text)
                    .into_iter()
                    .zip(&header)
                    .filter(|(_, agents)| **agents)
                    .map(|(cell, _)| cell)
                    .collect();
                lines[row].agent_cells = ranges;
            }
            row += 1;
        }
        index = row;
    }
}

pub(super) fn is_delimiter_row(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.contains('-')
        && trimmed
            .bytes()
            .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
}

/// Byte ranges (within the line) of the cells of a table row, trimmed.
pub(super) fn cells(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut cell_start: Option<usize> = None;
    let bytes = line.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'\\' => index += 1,
            b'|' => {
                if let Some(start) = cell_start {
                    out.push(trim_range(line, start..index));
                }
                cell_start = Some(index + 1);
            }
            _ => {}
        }
        index += 1;
    }
    if let Some(start) = cell_start
        && !line[start.min(line.len())..].trim().is_empty()
    {
        out.push(trim_range(line, start.min(line.len())..line.len()));
    }
    out
}

fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let inner = &text[range.clone()];
    let leading = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim();
    range.start + leading..range.start + leading + trimmed.len()
}

/// A span within a line that the scanner treats apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum InlineSpan {
    /// An inline code span: the range of its content (without the backticks).
    Code(Range<usize>),
    /// A URL, a link destination (`](…)`) or an autolink (`<…>`): not prose.
    Skip(Range<usize>),
}

/// The inline code spans, URLs and link destinations of one line, in order, not overlapping.
pub(super) fn inline_spans(line: &str) -> Vec<InlineSpan> {
    let bytes = line.as_bytes();
    let mut spans = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'`' => {
                let run = bytes[index..].iter().take_while(|&&b| b == b'`').count();
                let content_start = index + run;
                match find_backtick_run(bytes, content_start, run) {
                    Some(close) => {
                        spans.push(InlineSpan::Code(content_start..close));
                        index = close + run;
                    }
                    // An unmatched run is literal text.
                    None => index = content_start,
                }
                continue;
            }
            b']' if bytes.get(index + 1) == Some(&b'(') => {
                let end = bytes[index + 2..]
                    .iter()
                    .position(|&b| b == b')')
                    .map_or(bytes.len(), |at| index + 2 + at);
                spans.push(InlineSpan::Skip(index + 2..end));
                index = end;
                continue;
            }
            b'<' => {
                if let Some(length) = bytes[index + 1..].iter().position(|&b| b == b'>')
                    && !bytes[index + 1..index + 1 + length]
                        .iter()
                        .any(|b| b.is_ascii_whitespace())
                    && bytes[index + 1..index + 1 + length].contains(&b':')
                {
                    spans.push(InlineSpan::Skip(index + 1..index + 1 + length));
                    index += length + 2;
                    continue;
                }
            }
            b'h' | b'w' if is_url_start(&line[index..]) => {
                let preceded_by_word = index > 0 && bytes[index - 1].is_ascii_alphanumeric();
                if !preceded_by_word {
                    let end = line[index..]
                        .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '"' | '\''))
                        .map_or(line.len(), |at| index + at);
                    spans.push(InlineSpan::Skip(index..end));
                    index = end;
                    continue;
                }
            }
            _ => {}
        }
        index += 1;
    }
    spans
}

fn is_url_start(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www.")
}

fn find_backtick_run(bytes: &[u8], from: usize, run: usize) -> Option<usize> {
    let mut index = from;
    while index < bytes.len() {
        if bytes[index] == b'`' {
            let length = bytes[index..].iter().take_while(|&&b| b == b'`').count();
            if length == run {
                return Some(index);
            }
            index += length;
        } else {
            index += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<Role> {
        lines(text).into_iter().map(|l| l.role).collect()
    }

    #[test]
    fn fences_headings_items_and_tables() {
        let text = "# Title\n\n- item\n1. first\n```yaml\n- not an item\n```\n~~~~\n```\n~~~~\n| a | b |\n---\ntext";
        assert_eq!(
            roles(text),
            [
                Role::Heading(1),
                Role::Blank,
                Role::ListItem { content: 2 },
                Role::ListItem { content: 3 },
                Role::Fence,
                Role::Code,
                Role::Fence,
                Role::Fence,
                Role::Code,
                Role::Fence,
                Role::TableRow,
                Role::Text,
                Role::Text,
            ]
        );
    }

    #[test]
    fn an_unclosed_fence_runs_to_the_end() {
        assert_eq!(
            roles("```\ncode\n# not a heading"),
            [Role::Fence, Role::Code, Role::Code]
        );
    }

    #[test]
    fn agent_sections_follow_headings_and_lead_ins() {
        let text = "## Integration with other agents\n- a\n### Sub\n- b\n## Other\n- c\n\
                    Integration with other agents:\n- d\n  more of d\nPlain text\n- e\n\
                    与其他代理的集成：\n- f\n";
        let marked: Vec<(&str, bool)> = lines(text)
            .into_iter()
            .map(|l| (l.text, l.agent_section))
            .collect();
        let in_section: Vec<&str> = marked.iter().filter(|(_, s)| *s).map(|(t, _)| *t).collect();
        assert_eq!(
            in_section,
            ["- a", "### Sub", "- b", "- d", "  more of d", "- f"]
                .iter()
                .filter(|t| !t.starts_with('#'))
                .copied()
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn english_words_match_at_word_starts_only() {
        assert!(is_about_agents("Available Agents for This Project"));
        assert!(is_about_agents("Team Collaboration"));
        assert!(is_about_agents("## 通知其他Agent"));
        assert!(!is_about_agents("# QA Agent"));
        assert!(!is_about_agents("## When to Use This Agent"));
        assert!(!is_about_agents("Agentic Design & Workflows"));
        assert!(is_about_agents("### 3. Handoff and Documentation"));
        assert!(is_about_agents("domain-modeller Agent との連携"));
        assert!(!is_about_agents("Reagent management"));
        assert!(!is_about_agents("Performance tuning"));
        assert!(is_agent_column(" **Agent** "));
        assert!(is_agent_column("Subagent"));
        assert!(!is_agent_column("Agent notes"));
    }

    #[test]
    fn agent_columns_of_tables() {
        let text = "| Trigger | Delegate | Goal |\n|---|---|---|\n| No docs | `code-archaeologist` | Report |\n";
        let lines = lines(text);
        let row = &lines[2];
        assert_eq!(row.agent_cells.len(), 1);
        assert_eq!(
            &row.text[row.agent_cells[0].clone()],
            "`code-archaeologist`"
        );
    }

    #[test]
    fn code_spans_links_and_urls() {
        let line =
            "Use `code-reviewer` see [docs](https://x.io/a-b) or https://y.io/c-d and ``a`b``";
        let spans = inline_spans(line);
        let texts: Vec<(&str, &str)> = spans
            .iter()
            .map(|s| match s {
                InlineSpan::Code(r) => ("code", &line[r.clone()]),
                InlineSpan::Skip(r) => ("skip", &line[r.clone()]),
            })
            .collect();
        assert_eq!(
            texts,
            [
                ("code", "code-reviewer"),
                ("skip", "https://x.io/a-b"),
                ("skip", "https://y.io/c-d"),
                ("code", "a`b"),
            ]
        );
    }
}
