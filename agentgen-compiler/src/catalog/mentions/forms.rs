//! The forms in which a prompt names an agent, found from syntax: the Agent tool's
//! `subagent_type`, `Agent(x)` / `Task(x)`, `@x` mentions, `the x agent` (and its Chinese and
//! Japanese forms), `agent-x-y` names, collaboration phrases (`collaborate with x`, `与 x 协作`,
//! `x との連携`), list items and table cells in sections about agents, and bare name tokens.
//!
//! This module finds *candidates*; whether a candidate names an agent of the catalog, an
//! unresolved agent or nothing is decided in `resolve` with the catalog's names.

use std::ops::Range;

use super::ReferenceForm;
use super::markdown::{self, InlineSpan, Line, Role};

/// A place in the prompt that may name an agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Candidate {
    /// Byte range of the name in the scanned text.
    pub bytes: Range<usize>,
    /// The names to look up, in order of preference: the token as written, then (for
    /// `agent-x` names) `x`. `@agent-x` has only `x`, as Claude Code reads it.
    pub names: Vec<String>,
    /// How it is written.
    pub form: ReferenceForm,
    /// Whether the syntax alone says it is an agent's name (every form but
    /// [`ReferenceForm::Name`]): it is reported when it names no agent, if it is shaped like one.
    pub written_as_agent: bool,
    /// Whether the token is shaped like an agent name for an unresolved reference: kebab-case
    /// with a hyphen (`code-reviewer`), or any name in code or bold (`` `reviewer` agent ``), or
    /// any name in an explicit form (`subagent_type`, `Agent(…)`).
    pub name_shaped: bool,
}

/// Function words: a name followed by one of them ends a phrase (`with x on y`), and a token
/// with one as a part is a phrase, not a name (`end-to-end`, `state-of-the-art`, `built-in`).
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "about",
    "across",
    "after",
    "along",
    "and",
    "are",
    "as",
    "at",
    "before",
    "between",
    "by",
    "can",
    "could",
    "during",
    "for",
    "from",
    "how",
    "if",
    "in",
    "into",
    "is",
    "may",
    "must",
    "nor",
    "of",
    "on",
    "once",
    "or",
    "over",
    "per",
    "regarding",
    "should",
    "since",
    "so",
    "than",
    "that",
    "the",
    "then",
    "through",
    "throughout",
    "to",
    "until",
    "up",
    "upon",
    "via",
    "vs",
    "was",
    "were",
    "when",
    "whenever",
    "where",
    "which",
    "while",
    "who",
    "will",
    "with",
    "within",
    "would",
];

/// Words before a token that make it an adjective, a predicate or a topic, not a name:
/// articles, copulas, degree adverbs and the prepositions of a topic (`a real-time agent`,
/// `is production-ready`, `on self-service`, `for multi-domain work`).
const NOT_BEFORE_A_NAME: &[&str] = &[
    "a",
    "an",
    "be",
    "become",
    "becomes",
    "been",
    "being",
    "is",
    "are",
    "was",
    "were",
    "remain",
    "remains",
    "stay",
    "stays",
    "more",
    "most",
    "less",
    "least",
    "very",
    "too",
    "on",
    "for",
    "in",
    "of",
    "about",
    "at",
    "into",
    "like",
    "regarding",
    "toward",
    "towards",
    "as",
];

/// English verbs after which `with x` / `to x` names a collaborator.
const WITH_VERBS: &[&str] = &[
    "collaborate",
    "collaborates",
    "collaborating",
    "coordinate",
    "coordinates",
    "coordinating",
    "partner",
    "partners",
    "partnering",
    "work",
    "works",
    "working",
    "sync",
    "syncs",
    "syncing",
    "liaise",
    "liaises",
    "pair",
    "pairs",
    "consult",
    "consults",
    "align",
    "aligns",
    "team",
    "teams",
    "cooperate",
    "cooperates",
    "interface",
    "interfaces",
];
const TO_VERBS: &[&str] = &[
    "delegate",
    "delegates",
    "delegating",
    "off",
    "handoff",
    "hand-off",
    "escalate",
    "escalates",
    "escalating",
    "defer",
    "defers",
    "assign",
    "assigns",
];
/// English verbs whose object is an agent to start.
const START_VERBS: &[&str] = &[
    "invoke",
    "invokes",
    "invoking",
    "spawn",
    "spawns",
    "spawning",
    "launch",
    "launches",
    "notify",
    "notifies",
    "dispatch",
    "dispatches",
    "call",
    "calls",
    "consult",
    "consults",
    "engage",
    "engages",
    "involve",
    "involves",
];

/// Words after which a list item's token can be an agent's name: prepositions and conjunctions
/// that join a collaborator to the item (`with x`, `to x`, `x and y`).
const BEFORE_A_NAME_IN_ITEMS: &[&str] = &[
    "with",
    "to",
    "from",
    "by",
    "and",
    "or",
    "via",
    "alongside",
    "including",
    "between",
    "than",
];

/// Chinese and Japanese words after a name that make it a collaborator (`x 协作`, `x との連携`,
/// `x 代理` is [`ReferenceForm::AgentWord`]).
const CJK_AFTER: &[&str] = &[
    "协作",
    "协同",
    "合作",
    "协调",
    "沟通",
    "审查",
    "确认",
    "との",
    "と連携",
    "と協調",
    "と協働",
    "に依頼",
    "に委譲",
    "に引き継",
    "に連絡",
    "へ引き継",
    "へ依頼",
];
/// Chinese words before a name that make it a collaborator (`与 x 协作`, `通知 x`, `交给 x`).
const CJK_BEFORE: &[&str] = &[
    "通知",
    "交给",
    "委派给",
    "委托给",
    "提交给",
    "调用",
    "与",
    "和",
    "同",
    "跟",
    "向",
    "给",
    "由",
];

/// Chinese and Japanese words for an agent, after its name (`x 代理`, `x エージェント`).
const CJK_AGENT_WORDS: &[&str] = &[
    "子代理",
    "代理",
    "智能体",
    "サブエージェント",
    "エージェント",
];

/// Whether `c` is a Chinese or Japanese character (ideographs, kana, CJK punctuation, full-width
/// forms).
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0xff00..=0xffef)
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Whether `token` is shaped like a Claude Code agent name in prose: lower-case ASCII words
/// joined by `-` (at least two), the first starting with a letter, no function word among them
/// (`end-to-end`), optionally after `pack:`.
pub(super) fn is_kebab_name(token: &str) -> bool {
    let name = match token.split_once(':') {
        Some((pack, name)) if !pack.is_empty() && pack.bytes().all(is_name_byte) => name,
        Some(_) => return false,
        None => token,
    };
    let mut parts = 0;
    for part in name.split('-') {
        if part.is_empty()
            || !part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            || FUNCTION_WORDS.contains(&part)
        {
            return false;
        }
        parts += 1;
    }
    parts >= 2 && name.as_bytes()[0].is_ascii_lowercase()
}

/// Whether the last part of a kebab name makes the token something other than one agent: a
/// participle or an adjective in `-ly` (`content-producing`, `ai-assisted`, `user-friendly`) or
/// the plural of a noun for a person (`decision-makers`, `domain-experts`: people).
fn ends_like_no_agent_name(token: &str) -> bool {
    let last = token.rsplit('-').next().unwrap_or(token);
    let participle =
        last.len() > 4 && (last.ends_with("ing") || last.ends_with("ed") || last.ends_with("ly"));
    let people = ["ers", "ors", "ists", "erts", "ants", "ents", "ians"]
        .iter()
        .any(|suffix| last.len() > suffix.len() + 1 && last.ends_with(suffix));
    participle || people
}

/// Every candidate in `lines` (the output of [`markdown::lines`] over the scanned text).
pub(super) fn candidates(lines: &[Line<'_>]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for line in lines {
        match line.role {
            Role::Fence | Role::Blank => {}
            Role::Code => explicit_forms(line.text, line.start, 0..line.text.len(), &mut out),
            _ => prose_line(line, &mut out),
        }
    }
    out
}

/// `subagent_type: "x"`, `subagent_type="x"`, `"subagent_type": "x"`, `Agent(x)`, `Task(x, y)`
/// within `range` of `text` (a line starting at byte `offset` of the scanned text).
fn explicit_forms(text: &str, offset: usize, range: Range<usize>, out: &mut Vec<Candidate>) {
    let part = &text[range.clone()];
    for (at, _) in part.match_indices("subagent_type") {
        let at = range.start + at;
        if at > 0 && is_name_byte(text.as_bytes()[at - 1]) {
            continue;
        }
        let mut index = at + "subagent_type".len();
        let bytes = text.as_bytes();
        let skip = |index: &mut usize, set: &[u8]| {
            while *index < bytes.len() && set.contains(&bytes[*index]) {
                *index += 1;
            }
        };
        skip(&mut index, b"\"'` \t");
        if !matches!(bytes.get(index), Some(b':' | b'=')) {
            continue;
        }
        index += 1;
        skip(&mut index, b" \t");
        skip(&mut index, b"\"'`");
        let start = index;
        while index < bytes.len() && (is_name_byte(bytes[index]) || bytes[index] == b':') {
            index += 1;
        }
        let name = text[start..index].trim_end_matches(':');
        if !name.is_empty() {
            out.push(Candidate {
                bytes: offset + start..offset + start + name.len(),
                names: vec![name.to_owned()],
                form: ReferenceForm::SubagentType,
                written_as_agent: true,
                name_shaped: true,
            });
        }
    }
    for tool in ["Agent(", "Task("] {
        for (at, _) in part.match_indices(tool) {
            let at = range.start + at;
            if at > 0 && is_name_byte(text.as_bytes()[at - 1]) {
                continue;
            }
            let inner_start = at + tool.len();
            let Some(close) = text[inner_start..].find(')') else {
                continue;
            };
            let inner = &text[inner_start..inner_start + close];
            // Only a list of names: `Task(description="…")` is a call, `Agent(s)` a plural.
            let items: Vec<(usize, &str)> = split_with_offsets(inner, ',')
                .map(|(o, item)| {
                    let trimmed = item.trim();
                    (o + item.len() - item.trim_start().len(), trimmed)
                })
                .collect();
            let all_names = items.iter().all(|(_, item)| {
                item.len() >= 2
                    && item.bytes().all(|b| is_name_byte(b) || b == b':')
                    && item.as_bytes()[0].is_ascii_alphabetic()
            });
            if !all_names || items.is_empty() {
                continue;
            }
            for (item_offset, item) in items {
                let start = offset + inner_start + item_offset;
                out.push(Candidate {
                    bytes: start..start + item.len(),
                    names: vec![item.to_owned()],
                    form: ReferenceForm::AgentTool,
                    written_as_agent: true,
                    name_shaped: true,
                });
            }
        }
    }
}

fn split_with_offsets(text: &str, separator: char) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split(separator).map(move |item| {
        let at = offset;
        offset += item.len() + separator.len_utf8();
        (at, item)
    })
}

/// The tokens of a line: maximal runs of ASCII letters, digits, `-` and `_` (a `:` between two
/// such runs joins them, for `pack:name`), without trailing `-`, `_`.
fn tokens(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if !is_name_byte(bytes[index]) {
            index += 1;
            continue;
        }
        let start = index;
        while index < bytes.len()
            && (is_name_byte(bytes[index])
                || (bytes[index] == b':'
                    && bytes
                        .get(index + 1)
                        .is_some_and(|&b| b.is_ascii_alphanumeric())
                    && index > start))
        {
            index += 1;
        }
        let mut end = index;
        while end > start && matches!(bytes[end - 1], b'-' | b'_') {
            end -= 1;
        }
        if end > start {
            out.push(start..end);
        }
    }
    out
}

/// The candidates of one line outside code blocks.
fn prose_line(line: &Line<'_>, out: &mut Vec<Candidate>) {
    let text = line.text;
    let spans = markdown::inline_spans(text);
    // Explicit forms count everywhere, code spans included.
    explicit_forms(text, line.start, 0..text.len(), out);
    let explicit: Vec<Range<usize>> = out
        .iter()
        .filter(|c| c.bytes.start >= line.start && c.bytes.end <= line.start + text.len())
        .map(|c| c.bytes.start - line.start..c.bytes.end - line.start)
        .collect();
    let item_content = match line.role {
        Role::ListItem { content } => Some(content),
        _ => None,
    };
    for token in tokens(text) {
        if explicit
            .iter()
            .any(|r| r.start <= token.start && token.end <= r.end)
        {
            continue;
        }
        let mut formatted = false;
        let mut skip = false;
        for span in &spans {
            match span {
                InlineSpan::Skip(r) if r.start <= token.start && token.end <= r.end => skip = true,
                InlineSpan::Code(r) if r.start <= token.start && token.end <= r.end => {
                    // A code span holding just a name is a formatted name; any other code span is
                    // code, where only the explicit forms count.
                    if text[r.clone()].trim() == &text[token.clone()] {
                        formatted = true;
                    } else {
                        skip = true;
                    }
                }
                _ => {}
            }
        }
        if skip || !is_name_token(text, &token) {
            continue;
        }
        formatted |= is_emphasised(text, &token);
        if let Some(candidate) = classify(line, item_content, &token, formatted) {
            out.push(candidate);
        }
    }
}

/// Whether the token at `range` stands alone as a name, not as part of a path, a flag, an
/// e-mail address, a placeholder or a call: `src/x-y`, `x-y.md`, `--dry-run`, `a@x-y`, `<x-y>`,
/// `x-y()`, `KEY=x-y`.
fn is_name_token(text: &str, range: &Range<usize>) -> bool {
    let bytes = text.as_bytes();
    let token = &text[range.clone()];
    if token.starts_with('-') || token.starts_with('_') {
        return false;
    }
    if let Some(&before) = range.start.checked_sub(1).and_then(|i| bytes.get(i))
        && matches!(
            before,
            b'/' | b'\\' | b'.' | b'~' | b'$' | b'%' | b'=' | b'<' | b'{' | b'#' | b'&' | b'+'
        )
    {
        return false;
    }
    // `[agent-name]` (not a link): a placeholder.
    if range.start > 0
        && bytes[range.start - 1] == b'['
        && bytes.get(range.end) == Some(&b']')
        && bytes.get(range.end + 1) != Some(&b'(')
    {
        return false;
    }
    match bytes.get(range.end) {
        // `-` after the token: it was cut from a prefix or a glob (`c4-code-*.md`).
        Some(b'/' | b'\\' | b'=' | b'(' | b'>' | b'}' | b'@' | b'[' | b'+' | b'-' | b'_') => false,
        Some(b'.') => !bytes
            .get(range.end + 1)
            .is_some_and(|b| b.is_ascii_alphanumeric()),
        _ => true,
    }
}

/// Whether the token is wrapped in emphasis or quotes: `**x**`, `*x*`, `_x_`, `"x"`, `“x”`.
fn is_emphasised(text: &str, range: &Range<usize>) -> bool {
    let before = &text[..range.start];
    let after = &text[range.end..];
    [
        ("**", "**"),
        ("__", "__"),
        ("*", "*"),
        ("\"", "\""),
        ("“", "”"),
        ("'", "'"),
        ("「", "」"),
    ]
    .iter()
    .any(|(open, close)| before.ends_with(open) && after.starts_with(close))
}

/// The text after a token, past closing markup (`**`, `` ` ``, quotes) and spaces.
fn after_markup(text: &str, end: usize) -> &str {
    text[end..].trim_start_matches(['*', '_', '`', '"', '\'', '”', '’', '」', ' ', '\t'])
}

/// The text before a token, before opening markup and spaces.
fn before_markup(text: &str, start: usize) -> &str {
    text[..start].trim_end_matches(['*', '_', '`', '"', '\'', '“', '‘', '「', ' ', '\t'])
}

/// The word (ASCII letters and `-`) at the end of `text`, in lower case.
fn last_word(text: &str) -> String {
    let start = text
        .rfind(|c: char| !(c.is_ascii_alphabetic() || c == '-'))
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    text[start..].to_ascii_lowercase()
}

/// The first word (ASCII letters and `-`, `'`) of `text`, in lower case.
fn first_word(text: &str) -> String {
    let end = text
        .find(|c: char| !(c.is_ascii_alphabetic() || c == '-' || c == '\''))
        .unwrap_or(text.len());
    text[..end].to_ascii_lowercase()
}

/// `agent`, `subagent`, `sub-agent` (any case) or a Chinese or Japanese word for an agent at
/// the start of `after`; `Some(plural)`.
fn agent_word(after: &str) -> Option<bool> {
    if let Some(word) = CJK_AGENT_WORDS.iter().find(|w| after.starts_with(*w)) {
        let _ = word;
        return Some(false);
    }
    let word = first_word(after);
    // `Agent(x)` is the tool, not the word.
    if after[word.len()..].starts_with('(') {
        return None;
    }
    match word.trim_end_matches("'s") {
        "agent" | "subagent" | "sub-agent" => Some(false),
        "agents" | "subagents" | "sub-agents" => Some(true),
        _ => None,
    }
}

/// Whether the token's phrase ends after it: end of line, punctuation, a Chinese or Japanese
/// character, a function word, or a possessive `'s`. An adjective is followed by its noun
/// (`real-time updates`); a name is not.
fn followed_by_boundary(text: &str, end: usize) -> bool {
    let after = after_markup(text, end);
    let Some(next) = after.chars().next() else {
        return true;
    };
    if is_cjk(next) || (next.is_ascii_punctuation() && next != '-') {
        return true;
    }
    if after.starts_with("- ") || after.starts_with("—") || after.starts_with("–") {
        return true;
    }
    if !next.is_ascii_alphabetic() {
        return !next.is_ascii_alphanumeric();
    }
    if agent_word(after).is_some() {
        return true;
    }
    let word = first_word(after);
    word.starts_with("'s") || FUNCTION_WORDS.contains(&word.as_str())
}

/// Whether the word before the token makes it an adjective or predicate.
fn preceded_like_an_adjective(text: &str, start: usize) -> bool {
    let before = before_markup(text, start);
    let word = last_word(before);
    NOT_BEFORE_A_NAME.contains(&word.as_str()) || (word.len() > 3 && word.ends_with("ly"))
}

/// The candidate for one prose token, if any.
fn classify(
    line: &Line<'_>,
    item_content: Option<usize>,
    range: &Range<usize>,
    formatted: bool,
) -> Option<Candidate> {
    let text = line.text;
    let token = &text[range.clone()];
    let bytes = text.as_bytes();
    let kebab = is_kebab_name(token);
    let absolute = line.start + range.start..line.start + range.end;
    let candidate = |form: ReferenceForm, names: Vec<String>, name_shaped: bool| Candidate {
        bytes: absolute.clone(),
        names,
        form,
        written_as_agent: form != ReferenceForm::Name,
        name_shaped,
    };
    let as_written = || vec![token.to_owned()];
    // `@x`, `@agent-x`, `@"x (agent)"`.
    let at_sign = range.start.checked_sub(1).map(|i| bytes[i]) == Some(b'@');
    let quoted_at =
        text[..range.start].ends_with("@\"") && text[range.end..].starts_with(" (agent)\"");
    if (at_sign || quoted_at)
        && range
            .start
            .checked_sub(2)
            .is_none_or(|i| !is_name_byte(bytes[i]) && bytes[i] != b'.')
    {
        if let Some(stripped) = token.strip_prefix("agent-").filter(|_| at_sign) {
            // Claude Code reads `@agent-x` as the agent `x`.
            return Some(candidate(
                ReferenceForm::AtMention,
                vec![stripped.to_owned()],
                true,
            ));
        }
        return Some(candidate(
            ReferenceForm::AtMention,
            as_written(),
            kebab || quoted_at,
        ));
    }
    // `the x agent`, `x subagent`, `x Agent との連携`, `x 代理`, `xエージェント`.
    if let Some(plural) = agent_word(after_markup(text, range.end)) {
        let shaped = (kebab || formatted)
            && !plural
            && !ends_like_no_agent_name(token)
            && !preceded_like_an_adjective(text, range.start);
        return Some(candidate(ReferenceForm::AgentWord, as_written(), shaped));
    }
    // `agent-qa-engineer`: the name as written, else `qa-engineer`.
    if let Some(rest) = token.strip_prefix("agent-")
        && kebab
        && rest.contains('-')
    {
        return Some(candidate(
            ReferenceForm::AgentPrefix,
            vec![token.to_owned(), rest.to_owned()],
            true,
        ));
    }
    // Collaboration phrases.
    if is_collaboration(text, range) {
        let shaped = kebab && !ends_like_no_agent_name(token);
        return Some(candidate(
            ReferenceForm::Collaboration,
            as_written(),
            shaped,
        ));
    }
    // Table cells of a column about agents, and whole cells in a section about agents.
    if line.role == Role::TableRow {
        let cell = markdown::cells(text)
            .into_iter()
            .find(|cell| cell.start <= range.start && range.end <= cell.end);
        if let Some(cell) = cell {
            let content = text[cell.clone()].trim_matches(['*', '_', '`', '"', '@', ' ']);
            let whole = content == token;
            let column = line.agent_cells.contains(&cell);
            if whole && (column || line.agent_section) {
                return Some(candidate(ReferenceForm::TableCell, as_written(), kebab));
            }
        }
    }
    // List items in a section about agents.
    if let Some(content) = item_content
        && line.agent_section
        && range.start >= content
        && in_item_head(text, content, range, formatted)
        && placed_like_a_name_in_an_item(text, content, range.start)
        && followed_by_boundary(text, range.end)
        && !preceded_like_an_adjective(text, range.start)
    {
        let shaped = kebab && !ends_like_no_agent_name(token);
        return Some(candidate(ReferenceForm::ListItem, as_written(), shaped));
    }
    // A name in bold in running text (`Let **context-manager** decide`), not the term of a
    // definition (`- **bats-core**: a test framework`) outside a section about agents.
    let bold = text[..range.start].ends_with("**") && text[range.end..].starts_with("**");
    if bold && kebab && !is_definition_term(text, item_content, range) {
        let shaped =
            !ends_like_no_agent_name(token) && !preceded_like_an_adjective(text, range.start - 2);
        return Some(candidate(ReferenceForm::BoldName, as_written(), shaped));
    }
    // A bare token of two or more words (`code-reviewer`, `pack:name`, `snake_case`): a mention
    // when it is an agent's name, else perhaps a near miss. One-word names (`reviewer`) count
    // only in the forms above.
    // A near miss must stand as a noun does (`… to domain-modellerr.`), not as an adjective
    // (`a task-distribution strategist`).
    let shaped = kebab
        && !ends_like_no_agent_name(token)
        && followed_by_boundary(text, range.end)
        && !preceded_like_an_adjective(text, range.start);
    token
        .contains(['-', '_', ':'])
        .then(|| candidate(ReferenceForm::Name, as_written(), shaped))
}

/// Where the head of a list item ends: the first `:` (or `：`) followed by white space or the end
/// (after emphasis: `**Phase 1:**`), or the first dash between spaces (` – `, ` — `, ` - `).
/// Returns the byte range of the separator within `item`.
fn item_head_separator(item: &str) -> Option<Range<usize>> {
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
fn in_item_head(text: &str, content: usize, range: &Range<usize>, formatted: bool) -> bool {
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
fn placed_like_a_name_in_an_item(text: &str, content: usize, start: usize) -> bool {
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
    if BEFORE_A_NAME_IN_ITEMS.contains(&word.as_str()) || START_VERBS.contains(&word.as_str()) {
        return true;
    }
    // The item's first word, a verb: `- Support x`, `- Guide x`.
    let head = before[content..].trim_start_matches(['*', '_', ' ', '`']);
    head.len() == word.len()
}

/// Whether the token is the term a list item defines: the first thing in the item, followed by
/// the item's head separator (`- **bats-core**: …`, `- **x** – …`).
fn is_definition_term(text: &str, item_content: Option<usize>, range: &Range<usize>) -> bool {
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

/// Whether the token is the object of a collaboration phrase: `collaborate with x`,
/// `delegate to x`, `hand off to x`, `invoke x`, `与 x 协作`, `通知x`, `x との連携`.
fn is_collaboration(text: &str, range: &Range<usize>) -> bool {
    let after = after_markup(text, range.end);
    if CJK_AFTER.iter().any(|w| after.starts_with(w)) {
        return true;
    }
    let before = before_markup(text, range.start);
    if CJK_BEFORE.iter().any(|w| before.ends_with(w)) {
        return true;
    }
    // `Safety validation → **x**`: routed to the name that ends the line.
    if ["→", "->", "=>"]
        .iter()
        .any(|arrow| before.ends_with(arrow))
        && after
            .trim_end_matches(['.', ')', '*', '`'])
            .trim()
            .is_empty()
    {
        return true;
    }
    if !followed_by_boundary(text, range.end) {
        return false;
    }
    let mut before = before.trim_end();
    let mut word = last_word(before);
    if word == "the" {
        before = before[..before.len() - 3].trim_end();
        word = last_word(before);
    }
    if START_VERBS.contains(&word.as_str()) {
        return true;
    }
    let preposition = word;
    if preposition != "with" && preposition != "to" {
        return false;
    }
    let rest = before[..before.len() - preposition.len()].trim_end();
    let mut verb = last_word(rest);
    // `work closely with`, `hand tasks off to`.
    if verb.ends_with("ly") || verb == "tasks" || verb == "work" && preposition == "to" {
        let rest = rest[..rest.len() - verb.len()].trim_end();
        verb = last_word(rest);
    }
    match preposition.as_str() {
        "with" => WITH_VERBS.contains(&verb.as_str()),
        _ => TO_VERBS.contains(&verb.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, ReferenceForm, bool)> {
        candidates(&markdown::lines(text))
            .into_iter()
            .filter(|c| c.written_as_agent)
            .map(|c| (text[c.bytes.clone()].to_owned(), c.form, c.name_shaped))
            .collect()
    }

    #[test]
    fn kebab_names() {
        assert!(is_kebab_name("code-reviewer"));
        assert!(is_kebab_name("ddd:domain-modeller"));
        assert!(is_kebab_name("c4-context"));
        assert!(!is_kebab_name("reviewer"));
        assert!(!is_kebab_name("end-to-end"));
        assert!(!is_kebab_name("state-of-the-art"));
        assert!(!is_kebab_name("built-in"));
        assert!(!is_kebab_name("Code-Reviewer"));
        assert!(!is_kebab_name("3-4"));
    }

    #[test]
    fn explicit_forms_in_prose_and_code() {
        let text = "Call `Agent(code-reviewer)` or Task(a-b, c-d).\n```python\nTask(description=\"x\", subagent_type=\"test-runner\")\n```\nAgent(s) may help.";
        let forms = found(text);
        assert_eq!(
            forms,
            [
                ("code-reviewer".to_owned(), ReferenceForm::AgentTool, true),
                ("a-b".to_owned(), ReferenceForm::AgentTool, true),
                ("c-d".to_owned(), ReferenceForm::AgentTool, true),
                ("test-runner".to_owned(), ReferenceForm::SubagentType, true),
            ]
        );
    }

    #[test]
    fn tokens_of_paths_flags_and_urls_are_not_names() {
        let text = "See docs/api-designer.md, run `--dry-run`, mail a@b-c.io, visit https://x.io/qa-expert, use <agent-name> or [agent-name].";
        assert!(
            candidates(&markdown::lines(text)).is_empty(),
            "{:?}",
            candidates(&markdown::lines(text))
        );
    }
}
