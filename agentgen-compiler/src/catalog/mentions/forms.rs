//! The forms in which a prompt names an agent, found from syntax: the Agent tool's
//! `subagent_type`, `Agent(x)` / `Task(x)`, `@x` mentions, `the x agent` (and its Chinese and
//! Japanese forms), `agent-x-y` names, collaboration phrases, list items and table cells in
//! sections about agents, names in bold, and bare name tokens.
//!
//! This module finds *candidates*; whether a candidate names an agent of the catalog, an
//! unresolved agent or nothing is decided in `resolve` with the catalog's names. The scan runs
//! over every line of every prompt on every build, so each token is first tested cheaply
//! (does it hold `-`, `_` or `:`, follow `@`, precede an agent word, stand in a section about
//! agents, or equal a one-word agent name?) and only the few that pass are classified.

use std::ops::Range;

use super::ReferenceForm;
use super::document::{Document, Finders};
use super::markdown::{self, InlineSpan, Line, Role};
use super::phrases::{
    in_item_head, is_collaboration, is_definition_term, placed_like_a_name_in_an_item,
};
use super::resolve::NameIndex;
use super::words::{
    self, START_VERBS, after_markup, agent_word, before_markup, ends_like_no_agent_name,
    followed_by_boundary, is_at_directive, is_kebab_name, is_name_byte, is_one_of, last_word,
    names_a_group, preceded_like_an_adjective,
};

/// A place in the prompt that may name an agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Candidate {
    /// Byte range of the token in the scanned text.
    pub bytes: Range<usize>,
    /// Byte offset of the start of its line in the scanned text.
    pub line_start: usize,
    /// Byte range (in the scanned text) of the name to look up first: the token, or for
    /// `@agent-x` just `x`, as Claude Code reads it.
    pub name: Range<usize>,
    /// A name to look up when the first names no agent: `x` for an `agent-x` token.
    pub alternative: Option<Range<usize>>,
    /// How it is written.
    pub form: ReferenceForm,
    /// Whether the syntax alone says it is an agent's name (every form but
    /// [`ReferenceForm::Name`]): it is reported when it names no agent, if it is shaped like one.
    pub written_as_agent: bool,
    /// Whether the token is shaped like an agent name for an unresolved reference: kebab-case
    /// with a hyphen (`code-reviewer`), a name in code or bold before an agent word
    /// (`` `reviewer` agent ``), or any name in an explicit form (`subagent_type`, `Agent(…)`).
    pub name_shaped: bool,
    /// Whether the token is one word in an agent form (`the planer agent`, `@planer`): reported
    /// when it is a near miss of a one-word catalog name (`planner`), else nothing (`the
    /// security agent` is prose).
    pub one_word_near_miss: bool,
    /// Whether the token would be shaped like a name but names a group of people or a
    /// department (`sales-teams`, `it-security`): not reported, unless a catalog agent's name
    /// extends it (`customer-success` for `customer-success-manager`), which is then suggested.
    pub group: bool,
}

/// Every candidate in `document`, in text order.
///
/// The text is not read token by token: the places a form can start from are found with
/// `memchr` searches (a `-`, `_` or `:` inside a word, `@`, `agent` in any case, a Chinese or
/// Japanese word for an agent, `Agent(`, `Task(`, `subagent_type`, and each one-word catalog
/// name in lower case and capitalised), and only the tokens there are looked at.
pub(super) fn candidates(
    document: &Document<'_>,
    finders: &Finders,
    names: &NameIndex<'_>,
) -> Vec<Candidate> {
    let text = document.text;
    let bytes = text.as_bytes();
    let prose = document.prose();
    // `:` joins a pack and a name: without packs no name holds one.
    let colon = if names.packs() { b':' } else { b'-' };
    // Tokens (absolute byte ranges) from anchors in the prose.
    let mut tokens: Vec<Range<usize>> = Vec::new();
    for run in prose {
        let part = &bytes[run.start..run.end];
        for at in memchr::memchr3_iter(b'-', b'_', colon, part).map(|at| run.start + at) {
            let inside_a_word = at > 0
                && bytes[at - 1].is_ascii_alphanumeric()
                && bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric);
            // The hits come in order: one in the token found last is that token.
            let known = tokens.last().is_some_and(|t| t.start <= at && at < t.end);
            if inside_a_word && !known {
                tokens.extend(token_at(bytes, at));
            }
        }
        for at in memchr::memchr_iter(b'@', part).map(|at| run.start + at) {
            // `@x`, and `@"x (agent)"`.
            let name = if bytes.get(at + 1) == Some(&b'"') {
                at + 2
            } else {
                at + 1
            };
            if bytes.get(name).is_some_and(|&b| is_name_byte(b)) {
                tokens.extend(token_at(bytes, name));
            }
        }
    }
    // `gent` finds the agent words (`agent`, `Agent`, `subagent`, `sub-agent`; not `AGENT`),
    // `Agent(` and `subagent_type` (explicit forms, in code too).
    let mut explicit_lines: Vec<usize> = Vec::new();
    for at in finders.gent.find_iter(bytes) {
        let explicit = bytes[at.saturating_sub(1)..].starts_with(b"Agent(")
            || bytes[at.saturating_sub(4)..].starts_with(b"subagent_type");
        if explicit {
            explicit_lines.push(document.line_start(at));
        }
        // `agent`, `subagent`, `sub-agent`, `Agent`: the token before the word.
        let word = at.wrapping_sub(1);
        if at == 0 || !matches!(bytes[word], b'a' | b'A') || document.in_code(at) {
            continue;
        }
        let word = if word >= 4
            && bytes[word - 1] == b'-'
            && bytes[word - 4..word - 1].eq_ignore_ascii_case(b"sub")
        {
            word - 4
        } else if word >= 3 && bytes[word - 3..word].eq_ignore_ascii_case(b"sub") {
            word - 3
        } else {
            word
        };
        tokens.extend(token_before(bytes, word));
    }
    // The words start with the bytes E3 to E6 (`サ`, `エ`, `代`, `子`, `智`): most non-ASCII
    // prompts (dashes, arrows, emoji) hold none, and two byte searches spare them five passes.
    let cjk = |b: u8| (0xe3..=0xe6).contains(&b);
    debug_assert!(words::CJK_AGENT_WORDS.iter().all(|w| cjk(w.as_bytes()[0])));
    if !text.is_ascii()
        && (memchr::memchr3(0xe4, 0xe5, 0xe6, bytes).is_some()
            || memchr::memchr(0xe3, bytes).is_some())
    {
        for finder in &finders.cjk_agent_words {
            let found = finder.find_iter(bytes).filter(|&at| !document.in_code(at));
            tokens.extend(found.filter_map(|at| token_before(bytes, at)));
        }
    }
    // The one-word names in the prose (`escalate to planner`, `- reviewer – …` in a section
    // about agents): each in lower case and capitalised, as a whole word.
    let one_word_names = if names.has_one_word_names() {
        prose
    } else {
        &[]
    };
    for run in one_word_names {
        for finder in names.one_word_finders() {
            finder.for_each(&bytes[run.clone()], |found| {
                let (at, end) = (run.start + found.start, run.start + found.end);
                let whole = (at == 0 || !is_name_byte(bytes[at - 1]))
                    && bytes.get(end).is_none_or(|&b| !is_name_byte(b));
                if whole {
                    tokens.push(at..end);
                }
            });
        }
    }
    tokens.sort_unstable_by_key(|r| (r.start, r.end));
    tokens.dedup();
    // Most tokens are ordinary hyphenated words (`real-time`): a cheap look at their neighbours
    // leaves out those no form can apply to, before their line is read.
    tokens.retain(|token| worth_a_closer_look(document, names, token));
    // Lines that may hold an explicit form, by their start (`Task(`; the others were found
    // with `gent`).
    let tasks = finders.task_call.find_iter(bytes);
    explicit_lines.extend(tasks.map(|at| document.line_start(at)));
    explicit_lines.sort_unstable();
    explicit_lines.dedup();

    let mut out = Vec::new();
    let mut next_token = 0;
    let mut next_explicit = 0;
    loop {
        let token_line = tokens.get(next_token).map(|r| document.line_start(r.start));
        let explicit_line = explicit_lines.get(next_explicit).copied();
        let line_start = match (token_line, explicit_line) {
            (Some(t), Some(e)) => t.min(e),
            (Some(t), None) => t,
            (None, Some(e)) => e,
            (None, None) => break,
        };
        let explicit = explicit_line == Some(line_start);
        if explicit {
            next_explicit += 1;
        }
        let line = document.line(line_start);
        let end = document.line_end(line_start);
        let first = next_token;
        while tokens.get(next_token).is_some_and(|r| r.start < end) {
            next_token += 1;
        }
        match line.role {
            Role::Fence | Role::Blank => {}
            Role::Code if explicit => explicit_forms(&line, &mut out),
            Role::Code => {}
            _ => prose_line(names, &line, explicit, &tokens[first..next_token], &mut out),
        }
    }
    out
}

/// Whether a form could apply to `token`: it follows `@` or stands between `**`, an agent word or
/// a Chinese or Japanese character follows, it starts with `agent-`, the word before it starts a
/// collaboration phrase (`with`, `to`, `the`, a verb that starts an agent, `→`), its line is in a
/// section about agents or a table, or it may name an agent ([`NameIndex::may_name`]). A token of
/// one word (a one-word catalog name found by search) needs more than a word before it: the
/// whole collaboration phrase (`escalate to planner`), as it is found in most prose.
fn worth_a_closer_look(
    document: &Document<'_>,
    names: &NameIndex<'_>,
    token: &Range<usize>,
) -> bool {
    let text = document.text;
    let bytes = text.as_bytes();
    let before = bytes[..token.start].last().copied();
    if matches!(
        before,
        Some(b'@' | b'"' | b'*' | b'`' | b'\'' | b'_') | Some(0x80..)
    ) {
        return true;
    }
    let after = after_markup(text, token.end);
    let next = after.as_bytes().first().copied();
    if matches!(next, Some(b'a' | b'A' | b's' | b'S') | Some(0x80..)) && agent_word(after).is_some()
        || next.is_some_and(|b| b >= 0x80)
    {
        return true;
    }
    let word = &text[token.clone()];
    if word.starts_with("agent-") || document.in_section_at(token.start) {
        return true;
    }
    let line = document.line_start(token.start);
    let first = bytes[line..token.start]
        .iter()
        .find(|&&b| b != b' ' && b != b'\t');
    if !word.contains(['-', '_', ':']) {
        return first == Some(&b'|') || is_collaboration(text, token);
    }
    let before = before_markup(text, token.start).trim_end();
    let previous = last_word(before);
    if previous.eq_ignore_ascii_case("with")
        || previous.eq_ignore_ascii_case("to")
        || previous.eq_ignore_ascii_case("the")
        || is_one_of(previous, START_VERBS)
        || before.ends_with(['>', '→'])
    {
        return true;
    }
    first == Some(&b'|') || names.may_name(word)
}

/// The token around `at` (a byte of it, or a `-`, `_` or `:` inside it).
fn token_at(bytes: &[u8], at: usize) -> Option<Range<usize>> {
    let mut start = at;
    while start > 0 {
        let b = bytes[start - 1];
        let joins = b == b':'
            && start >= 2
            && bytes[start - 2].is_ascii_alphanumeric()
            && bytes.get(start).is_some_and(u8::is_ascii_alphanumeric);
        if is_name_byte(b) || joins {
            start -= 1;
        } else {
            break;
        }
    }
    let mut end = at;
    while end < bytes.len() {
        let b = bytes[end];
        let joins =
            b == b':' && end > start && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric);
        if is_name_byte(b) || joins {
            end += 1;
        } else {
            break;
        }
    }
    while end > start && matches!(bytes[end - 1], b'-' | b'_' | b':') {
        end -= 1;
    }
    (end > start).then_some(start..end)
}

/// The token that ends just before `at`, past markup and spaces (`the **x** agent`).
fn token_before(bytes: &[u8], at: usize) -> Option<Range<usize>> {
    let mut end = at;
    loop {
        match bytes.get(..end) {
            Some([.., b'*' | b'_' | b'`' | b'"' | b'\'' | b' ' | b'\t']) => end -= 1,
            // `”`, `’`, `」`.
            Some([.., 0xe2, 0x80, 0x9d | 0x99] | [.., 0xe3, 0x80, 0x8d]) => end -= 3,
            _ => break,
        }
    }
    if end == 0 || !bytes[end - 1].is_ascii_alphanumeric() {
        return None;
    }
    token_at(bytes, end - 1)
}

/// `subagent_type: "x"`, `subagent_type="x"`, `"subagent_type": "x"`, `Agent(x)`, `Task(x, y)`
/// in a line.
fn explicit_forms(line: &Line<'_>, out: &mut Vec<Candidate>) {
    let text = line.text;
    let bytes = text.as_bytes();
    let explicit = |range: Range<usize>, form: ReferenceForm| Candidate {
        bytes: line.start + range.start..line.start + range.end,
        line_start: line.start,
        name: line.start + range.start..line.start + range.end,
        alternative: None,
        form,
        written_as_agent: true,
        name_shaped: true,
        one_word_near_miss: false,
        group: false,
    };
    {
        for (at, _) in text.match_indices("subagent_type") {
            if at > 0 && is_name_byte(bytes[at - 1]) {
                continue;
            }
            let mut index = at + "subagent_type".len();
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
                out.push(explicit(
                    start..start + name.len(),
                    ReferenceForm::SubagentType,
                ));
            }
        }
    }
    for tool in ["Agent(", "Task("] {
        for (at, _) in text.match_indices(tool) {
            if at > 0 && is_name_byte(bytes[at - 1]) {
                continue;
            }
            let inner_start = at + tool.len();
            let Some(close) = text[inner_start..].find(')') else {
                continue;
            };
            let inner = &text[inner_start..inner_start + close];
            // Only a list of names: `Task(description="…")` is a call, `Agent(s)` a plural.
            let all_names = !inner.trim().is_empty()
                && inner.split(',').all(|item| {
                    let item = item.trim();
                    item.len() >= 2
                        && item.bytes().all(|b| is_name_byte(b) || b == b':')
                        && item.as_bytes()[0].is_ascii_alphabetic()
                });
            if !all_names {
                continue;
            }
            let mut offset = inner_start;
            for item in inner.split(',') {
                let start = offset + item.len() - item.trim_start().len();
                out.push(explicit(
                    start..start + item.trim().len(),
                    ReferenceForm::AgentTool,
                ));
                offset += item.len() + 1;
            }
        }
    }
}

/// The tokens of a line: maximal runs of ASCII letters, digits, `-` and `_` (a `:` between two
/// such runs joins them, for `pack:name`), without trailing `-`, `_` (as [`token_at`] finds them).
#[cfg(test)]
fn line_tokens(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut index = 0;
    std::iter::from_fn(move || {
        while index < bytes.len() {
            if !is_name_byte(bytes[index]) {
                index += 1;
                continue;
            }
            let token = token_at(bytes, index);
            index = token.as_ref().map_or(index + 1, |t| t.end.max(index + 1));
            while index < bytes.len() && is_name_byte(bytes[index]) {
                index += 1;
            }
            if token.is_some() {
                return token;
            }
        }
        None
    })
}

/// The candidates of one line outside code blocks: its explicit forms, and the tokens at
/// `tokens` (byte ranges in the scanned text, in order; one past the line's end, after a
/// carriage return, belongs to no line and is left out).
fn prose_line(
    names: &NameIndex<'_>,
    line: &Line<'_>,
    may_hold_explicit_forms: bool,
    tokens: &[Range<usize>],
    out: &mut Vec<Candidate>,
) {
    let text = line.text;
    let bytes = text.as_bytes();
    // Explicit forms count everywhere, code spans included.
    let first_explicit = out.len();
    if may_hold_explicit_forms {
        explicit_forms(line, out);
    }
    let explicit: Vec<Range<usize>> = out[first_explicit..]
        .iter()
        .map(|c| c.bytes.start - line.start..c.bytes.end - line.start)
        .collect();
    let item_content = match line.role {
        Role::ListItem { content } => Some(content),
        _ => None,
    };
    let mut spans: Option<Vec<InlineSpan>> = None;
    let end = line.start + text.len();
    let in_line = tokens
        .iter()
        .filter(|r| r.start >= line.start && r.end <= end)
        .map(|r| r.start - line.start..r.end - line.start);
    for token in in_line {
        let token = &token;
        if explicit
            .iter()
            .any(|r| r.start <= token.start && token.end <= r.end)
        {
            continue;
        }
        let spans = spans.get_or_insert_with(|| {
            // Code spans, link destinations and autolinks need a backtick, `](` or `<`.
            let possible = memchr::memchr2(b'`', b'<', bytes).is_some() || text.contains("](");
            if possible {
                markdown::inline_spans(text)
            } else {
                Vec::new()
            }
        });
        let mut formatted = false;
        let mut skip = false;
        for span in spans.iter() {
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
        if skip || !is_name_token(text, token) {
            continue;
        }
        formatted |= is_emphasised(text, token);
        if let Some(candidate) = classify(names, line, item_content, token, formatted) {
            out.push(candidate);
        }
    }
}

/// Whether the token at `range` stands alone as a name, not as part of a path, a flag, an
/// e-mail address, a placeholder or a call: `src/x-y`, `x-y.md`, `--dry-run`, `a@x-y`, `<x-y>`,
/// `[x-y]`, `x-y()`, `KEY=x-y`, `c4-code-*.md`.
fn is_name_token(text: &str, range: &Range<usize>) -> bool {
    let bytes = text.as_bytes();
    if matches!(bytes[range.start], b'-' | b'_') {
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
    let bytes = text.as_bytes();
    // The last byte of each opening mark: `*`, `_`, `"`, `'`, `“` (E2 80 9C), `「` (E3 80 8C).
    let opening = range
        .start
        .checked_sub(1)
        .is_some_and(|i| matches!(bytes[i], b'*' | b'_' | b'"' | b'\'' | 0x9c | 0x8c));
    if !opening {
        return false;
    }
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

/// The candidate for one prose token, if any.
fn classify(
    names: &NameIndex<'_>,
    line: &Line<'_>,
    item_content: Option<usize>,
    range: &Range<usize>,
    formatted: bool,
) -> Option<Candidate> {
    let text = line.text;
    let token = &text[range.clone()];
    let bytes = text.as_bytes();
    let kebab = is_kebab_name(token);
    let absolute = |r: &Range<usize>| line.start + r.start..line.start + r.end;
    let candidate = |form: ReferenceForm, name_shaped: bool| Candidate {
        bytes: absolute(range),
        line_start: line.start,
        name: absolute(range),
        alternative: None,
        form,
        written_as_agent: form != ReferenceForm::Name,
        name_shaped,
        one_word_near_miss: false,
        group: false,
    };
    // A token shaped like a name that names a group (`sales-teams`) is left out, in the forms
    // that are not explicitly an agent's (list items, table cells, collaboration phrases, bold).
    let unless_a_group = |form: ReferenceForm, shaped: bool| {
        let group = shaped && names_a_group(token);
        Candidate {
            group,
            ..candidate(form, shaped && !group)
        }
    };
    let one_word = !token.contains(['-', '_', ':']);
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
        // `@ts-ignore`, `@font-face`: directives of languages and tools.
        if at_sign && is_at_directive(token) {
            return None;
        }
        let mut found = candidate(ReferenceForm::AtMention, kebab || quoted_at);
        // `@planer`: a near miss of `planner` if written in lower case (`@Override`, `@Test`:
        // annotations).
        found.one_word_near_miss = one_word
            && at_sign
            && token
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if at_sign && token.starts_with("agent-") && token.len() > "agent-".len() {
            // Claude Code reads `@agent-x` as the agent `x`.
            found.name.start += "agent-".len();
            found.name_shaped = true;
        }
        return Some(found);
    }
    // `the x agent`, `x subagent`, `x Agent との連携`, `x 代理`, `xエージェント`.
    if let Some(plural) = agent_word(after_markup(text, range.end)) {
        let noun = !plural
            && !ends_like_no_agent_name(token)
            && !preceded_like_an_adjective(text, range.start);
        let mut found = candidate(ReferenceForm::AgentWord, (kebab || formatted) && noun);
        // `the planer agent`, `Planer subagent`: a near miss of a one-word name, if any.
        found.one_word_near_miss =
            one_word && noun && token.bytes().skip(1).all(|b| b.is_ascii_lowercase());
        return Some(found);
    }
    // `agent-qa-engineer`: the name as written, else `qa-engineer`.
    if let Some(rest) = token.strip_prefix("agent-")
        && kebab
        && rest.contains('-')
    {
        let mut found = candidate(ReferenceForm::AgentPrefix, true);
        found.alternative = Some(found.name.start + "agent-".len()..found.name.end);
        return Some(found);
    }
    // Collaboration phrases.
    if is_collaboration(text, range) {
        let shaped = kebab && !ends_like_no_agent_name(token);
        return Some(unless_a_group(ReferenceForm::Collaboration, shaped));
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
                return Some(unless_a_group(ReferenceForm::TableCell, kebab));
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
        return Some(unless_a_group(ReferenceForm::ListItem, shaped));
    }
    // A name in bold in running text (`Let **context-manager** decide`), not the term of a
    // definition (`- **bats-core**: a test framework`) outside a section about agents.
    let bold = text[..range.start].ends_with("**") && text[range.end..].starts_with("**");
    if bold && kebab && !is_definition_term(text, item_content, range) {
        let shaped =
            !ends_like_no_agent_name(token) && !preceded_like_an_adjective(text, range.start - 2);
        return Some(unless_a_group(ReferenceForm::BoldName, shaped));
    }
    // A bare token of two or more words (`code-reviewer`, `pack:name`, `snake_case`): a mention
    // when it is an agent's name, else perhaps a near miss, which must stand as a noun does
    // (`… to domain-modellerr.`), not as an adjective (`a task-distribution strategist`).
    // One-word names (`reviewer`) count only in the forms above. A token that is no agent's
    // name and shares no part with one is nothing (most hyphenated words: `real-time`).
    if !token.contains(['-', '_', ':']) || !names.may_name(token) {
        return None;
    }
    let shaped = kebab
        && !ends_like_no_agent_name(token)
        && !names_a_group(token)
        && followed_by_boundary(text, range.end)
        && !preceded_like_an_adjective(text, range.start);
    Some(candidate(ReferenceForm::Name, shaped))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A catalog without agents: bare names are nothing, the other forms are found all the same.
    fn no_names() -> NameIndex<'static> {
        static CONFIG: std::sync::LazyLock<crate::config::Config> =
            std::sync::LazyLock::new(crate::config::Config::default);
        NameIndex::new(&CONFIG, &[], false)
    }

    fn found(text: &str) -> Vec<(String, ReferenceForm, bool)> {
        candidates(
            &Document::new(text, &Finders::new()),
            &Finders::new(),
            &no_names(),
        )
        .into_iter()
        .filter(|c| c.written_as_agent)
        .map(|c| (text[c.bytes.clone()].to_owned(), c.form, c.name_shaped))
        .collect()
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
        let found = candidates(
            &Document::new(text, &Finders::new()),
            &Finders::new(),
            &no_names(),
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn tokens_of_a_line_and_around_a_byte() {
        let text = "a-b c pack:name x: d_e f- --g";
        let found: Vec<&str> = line_tokens(text).map(|r| &text[r]).collect();
        assert_eq!(found, ["a-b", "c", "pack:name", "x", "d_e", "f", "--g"]);
        let bytes = text.as_bytes();
        assert_eq!(token_at(bytes, 1), Some(0..3));
        assert_eq!(token_at(bytes, 10), Some(6..15));
        assert_eq!(token_before(b"the **x-y** agent", 12), Some(6..9));
        assert_eq!(token_before("x-y代理".as_bytes(), 3), Some(0..3));
        assert_eq!(token_before(b"the  agent", 5), Some(0..3));
        assert_eq!(token_before(b"- agent", 2), None);
    }

    #[test]
    fn at_agent_names_the_agent_after_the_prefix() {
        let text = "Ask @agent-code-reviewer and @\"test-runner (agent)\".";
        let found = candidates(
            &Document::new(text, &Finders::new()),
            &Finders::new(),
            &no_names(),
        );
        let names: Vec<&str> = found.iter().map(|c| &text[c.name.clone()]).collect();
        assert_eq!(names, ["code-reviewer", "test-runner"]);
    }
}
