//! The words the reference forms are built from (closed classes: function words, copulas,
//! the verbs of delegation and collaboration, Chinese and Japanese particles and words for an
//! agent) and the word-level tests on them. Nothing here allocates: the scanner runs over every
//! line of every prompt on every build.

/// Function words, by length (index = length in bytes): a name followed by one of them ends a
/// phrase (`with x on y`), and a token with one as a part is a phrase, not a name
/// (`end-to-end`, `state-of-the-art`, `built-in`).
#[rustfmt::skip]
const FUNCTION_WORDS_BY_LENGTH: [&[&str]; 11] = [
    &[],
    &["a"],
    &["as", "at", "by", "if", "in", "is", "of", "on", "or", "so", "to", "up", "vs"],
    &["and", "are", "can", "for", "how", "may", "nor", "per", "the", "via", "was", "who"],
    &["from", "into", "must", "once", "over", "than", "that", "then", "upon", "were", "when", "will", "with"],
    &["about", "after", "along", "could", "since", "until", "where", "which", "while", "would"],
    &["across", "before", "during", "should", "within"],
    &["between", "through"],
    &["whenever"],
    &["regarding"],
    &["throughout"],
];

/// Words before a token that make it an adjective, a predicate or a topic, not a name:
/// articles, copulas, degree adverbs and the prepositions of a topic (`a real-time agent`,
/// `is production-ready`, `on self-service`, `for multi-domain work`).
#[rustfmt::skip]
const NOT_BEFORE_A_NAME: &[&str] = &[
    "a", "an", "be", "become", "becomes", "been", "being", "is", "are", "was", "were", "remain",
    "remains", "stay", "stays", "more", "most", "less", "least", "very", "too", "on", "for", "in",
    "of", "about", "at", "into", "like", "regarding", "toward", "towards", "as",
];

/// English verbs after which `with x` names a collaborator.
#[rustfmt::skip]
pub(super) const WITH_VERBS: &[&str] = &[
    "collaborate", "collaborates", "collaborating", "coordinate", "coordinates", "coordinating",
    "partner", "partners", "partnering", "work", "works", "working", "sync", "syncs", "syncing",
    "liaise", "liaises", "pair", "pairs", "consult", "consults", "align", "aligns", "team",
    "teams", "cooperate", "cooperates", "interface", "interfaces",
];

/// English verbs after which `to x` names the agent that takes the work over (`off` for
/// `hand off to x`).
#[rustfmt::skip]
pub(super) const TO_VERBS: &[&str] = &[
    "delegate", "delegates", "delegating", "off", "handoff", "hand-off", "escalate", "escalates",
    "escalating", "defer", "defers", "assign", "assigns",
];

/// English verbs whose object is an agent to start or to ask.
#[rustfmt::skip]
pub(super) const START_VERBS: &[&str] = &[
    "invoke", "invokes", "invoking", "spawn", "spawns", "spawning", "launch", "launches",
    "notify", "notifies", "dispatch", "dispatches", "call", "calls", "consult", "consults",
    "engage", "engages", "involve", "involves",
];

/// Words after which a list item's token can be an agent's name: prepositions and conjunctions
/// that join a collaborator to the item (`with x`, `to x`, `x and y`).
#[rustfmt::skip]
pub(super) const BEFORE_A_NAME_IN_ITEMS: &[&str] = &[
    "with", "to", "from", "by", "and", "or", "via", "alongside", "including", "between", "than",
];

/// Chinese and Japanese words after a name that make it a collaborator (`x 协作`, `x との連携`;
/// `x 代理` is an agent word).
#[rustfmt::skip]
pub(super) const CJK_AFTER: &[&str] = &[
    "协作", "协同", "合作", "协调", "沟通", "审查", "确认", "との", "と連携", "と協調", "と協働",
    "に依頼", "に委譲", "に引き継", "に連絡", "へ引き継", "へ依頼",
];

/// Chinese words before a name that make it a collaborator (`与 x 协作`, `通知 x`, `交给 x`).
#[rustfmt::skip]
pub(super) const CJK_BEFORE: &[&str] = &[
    "通知", "交给", "委派给", "委托给", "提交给", "调用", "与", "和", "同", "跟", "向", "给", "由",
];

/// Chinese and Japanese words for an agent, after its name (`x 代理`, `x エージェント`).
#[rustfmt::skip]
pub(super) const CJK_AGENT_WORDS: &[&str] = &[
    "子代理", "代理", "智能体", "サブエージェント", "エージェント",
];

/// Last parts that make a token a group of people, not one agent: collective nouns (`sales-teams`,
/// `finance-team`, `research-institutions`) and the names of departments and business functions
/// (`customer-success`, `it-security`, `product-management`). Plurals of nouns for people
/// (`domain-experts`) are found by their ending ([`ends_like_no_agent_name`]). Kept small on
/// purpose: agent names end in a role (`-engineer`, `-auditor`, `-pro`), so a last part here
/// is a group in prose; a catalog agent with such a name still resolves (exact names come first),
/// and `customer-support`, `*-compliance` and `*-ops` are left out because agents are named so.
#[rustfmt::skip]
const GROUP_HEADS: &[&str] = &[
    // Collective nouns.
    "team", "teams", "group", "groups", "squad", "squads", "crew", "crews", "department",
    "departments", "dept", "division", "divisions", "unit", "units", "office", "offices",
    "committee", "committees", "board", "boards", "council", "councils", "institution",
    "institutions", "organization", "organizations", "organisation", "organisations", "org",
    "orgs", "community", "communities", "staff", "agencies", "authorities", "bodies", "members",
    "people", "personnel", "workforce", "stakeholders", "partners", "vendors", "customers",
    "users", "clients",
    // Departments and business functions.
    "success", "security", "sales", "marketing", "finance", "legal", "procurement", "accounting",
    "payroll", "relations", "resources", "governance", "leadership", "management", "operations",
];

/// Whether `token` (two or more words) names a group of people or a department, not one agent:
/// its last part is one of [`GROUP_HEADS`] (`executive-teams`, `it-security`).
pub(super) fn names_a_group(token: &str) -> bool {
    let Some(at) = memchr::memrchr(b'-', token.as_bytes()) else {
        return false;
    };
    let last = &token.as_bytes()[at + 1..];
    // Most last parts are roles (`-engineer`, `-pro`): their first letter and length rule out
    // nearly every word before a comparison.
    GROUP_HEADS.iter().any(|head| {
        head.len() == last.len()
            && head.as_bytes()[0] == last[0].to_ascii_lowercase()
            && head.as_bytes().eq_ignore_ascii_case(last)
    })
}

/// `@` directives of languages and tools written with a hyphen, which read like an agent's
/// `@name`: CSS at-rules (`@font-face`), test-runner pragmas (`@jest-environment`) and, by their
/// `ts-` prefix, TypeScript's comment directives (`@ts-ignore`, `@ts-expect-error`,
/// `@ts-nocheck`). One-word directives (`@deprecated`, `@param`, `@Override`, decorators such as
/// `@dataclass`) are never reported: an `@` word of one part counts only when it is a catalog
/// name or a near miss of one in lower case; decorators with arguments or a dot
/// (`@Injectable()`, `@pytest.fixture`) and npm scopes (`@types/node`) are not name tokens.
#[rustfmt::skip]
const HYPHENATED_DIRECTIVES: &[&str] = &[
    "font-face", "font-feature-values", "font-palette-values", "counter-style", "starting-style",
    "position-try", "view-transition", "custom-media", "custom-selector", "jest-environment",
    "vitest-environment", "jsx-runtime", "jsx-import-source", "flow-strict", "eslint-env",
];

/// Whether `@token` is a directive of a language or tool, not an agent (see
/// [`HYPHENATED_DIRECTIVES`]).
pub(super) fn is_at_directive(token: &str) -> bool {
    token.starts_with("ts-") || is_one_of(token, HYPHENATED_DIRECTIVES)
}

/// Whether `word` is one of `list`, ignoring ASCII case.
pub(super) fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether `word` is a function word (any case). Called for nearly every token the scanner
/// looks at: the words are grouped by length, and the word is lower-cased on the stack.
pub(super) fn is_function_word(word: &str) -> bool {
    let Some(bucket) = FUNCTION_WORDS_BY_LENGTH.get(word.len()) else {
        return false;
    };
    bucket.iter().any(|w| {
        w.bytes()
            .zip(word.bytes())
            .all(|(a, b)| a == b.to_ascii_lowercase())
    })
}

/// Whether `c` is a Chinese or Japanese character (ideographs, kana, CJK punctuation, full-width
/// forms).
pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0xff00..=0xffef)
}

/// A byte of a name token: ASCII letter, digit, `-` or `_`.
pub(super) fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Whether `token` is shaped like a Claude Code agent name in prose: lower-case ASCII words
/// joined by `-` (at least two), the first starting with a letter, no function word among them
/// (`end-to-end`), optionally after `pack:`.
pub(super) fn is_kebab_name(token: &str) -> bool {
    // After `pack:`, the name.
    let name = match token.split_once(':') {
        Some((pack, name)) if !pack.is_empty() && pack.bytes().all(is_name_byte) => name,
        Some(_) => return false,
        None => token,
    };
    let bytes = name.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let mut parts = 0;
    let mut start = 0;
    for at in 0..=bytes.len() {
        if at < bytes.len() && bytes[at] != b'-' {
            if !(bytes[at].is_ascii_lowercase() || bytes[at].is_ascii_digit()) {
                return false;
            }
            continue;
        }
        // `name[start..at]` is ASCII: a character boundary on each side.
        if at == start || is_function_word(&name[start..at]) {
            return false;
        }
        parts += 1;
        start = at + 1;
    }
    parts >= 2
}

/// Whether the last part of a kebab name makes the token something other than one agent: a
/// participle or an adjective in `-ly` (`content-producing`, `ai-assisted`, `user-friendly`) or
/// the plural of a noun for a person (`decision-makers`, `domain-experts`: people).
pub(super) fn ends_like_no_agent_name(token: &str) -> bool {
    let last = memchr::memrchr(b'-', token.as_bytes()).map_or(token, |at| &token[at + 1..]);
    let participle =
        last.len() > 4 && (last.ends_with("ing") || last.ends_with("ed") || last.ends_with("ly"));
    let people = ["ers", "ors", "ists", "erts", "ants", "ents", "ians"]
        .iter()
        .any(|suffix| last.len() > suffix.len() + 1 && last.ends_with(suffix));
    participle || people
}

/// The text after a token, past closing markup (`**`, `` ` ``, quotes) and spaces.
pub(super) fn after_markup(text: &str, end: usize) -> &str {
    let bytes = text.as_bytes();
    let mut at = end;
    loop {
        match bytes.get(at) {
            Some(b'*' | b'_' | b'`' | b'"' | b'\'' | b' ' | b'\t') => at += 1,
            // `”`, `’` (E2 80 9D, E2 80 99) and `」` (E3 80 8D).
            Some(0xe2 | 0xe3) => match bytes.get(at..at + 3) {
                Some([0xe2, 0x80, 0x9d | 0x99] | [0xe3, 0x80, 0x8d]) => at += 3,
                _ => break,
            },
            _ => break,
        }
    }
    &text[at..]
}

/// The text before a token, before opening markup and spaces.
pub(super) fn before_markup(text: &str, start: usize) -> &str {
    let bytes = text.as_bytes();
    let mut at = start;
    loop {
        match bytes.get(..at) {
            Some([.., b'*' | b'_' | b'`' | b'"' | b'\'' | b' ' | b'\t']) => at -= 1,
            // `“`, `‘` (E2 80 9C, E2 80 98) and `「` (E3 80 8C).
            Some([.., 0xe2, 0x80, 0x9c | 0x98] | [.., 0xe3, 0x80, 0x8c]) => at -= 3,
            _ => break,
        }
    }
    &text[..at]
}

/// The word (ASCII letters and `-`) at the end of `text`.
pub(super) fn last_word(text: &str) -> &str {
    let start = text
        .bytes()
        .rposition(|b| !(b.is_ascii_alphabetic() || b == b'-'))
        .map_or(0, |i| i + 1);
    // `start` follows an ASCII byte or a character's last byte: a boundary either way.
    text.get(start..).unwrap_or("")
}

/// The first word (ASCII letters, `-` and `'`) of `text`.
pub(super) fn first_word(text: &str) -> &str {
    let end = text
        .bytes()
        .position(|b| !(b.is_ascii_alphabetic() || b == b'-' || b == b'\''))
        .unwrap_or(text.len());
    &text[..end]
}

/// `agent`, `subagent`, `sub-agent` (any case) or a Chinese or Japanese word for an agent at the
/// start of `after` (the text after a token, see [`after_markup`]): `Some(plural)`.
pub(super) fn agent_word(after: &str) -> Option<bool> {
    let first = *after.as_bytes().first()?;
    if first >= 0xe3 {
        return CJK_AGENT_WORDS
            .iter()
            .any(|w| after.starts_with(w))
            .then_some(false);
    }
    if !matches!(first, b'a' | b'A' | b's' | b'S') {
        return None;
    }
    let word = first_word(after);
    // `Agent(x)` is the tool, not the word.
    if after.as_bytes().get(word.len()) == Some(&b'(') {
        return None;
    }
    let word = word.strip_suffix("'s").unwrap_or(word);
    let singular = ["agent", "subagent", "sub-agent"];
    let plural = ["agents", "subagents", "sub-agents"];
    if is_one_of(word, &singular) {
        Some(false)
    } else if is_one_of(word, &plural) {
        Some(true)
    } else {
        None
    }
}

/// Whether the token's phrase ends after it: end of line, punctuation, a Chinese or Japanese
/// character, a function word, an agent word, or a possessive `'s`. An adjective is followed
/// by its noun (`real-time updates`); a name is not.
pub(super) fn followed_by_boundary(text: &str, end: usize) -> bool {
    let after = after_markup(text, end);
    let Some(next) = after.chars().next() else {
        return true;
    };
    if is_cjk(next) || (next.is_ascii_punctuation() && next != '-') {
        return true;
    }
    if after.starts_with("- ") || after.starts_with('—') || after.starts_with('–') {
        return true;
    }
    if !next.is_ascii_alphabetic() {
        return !next.is_ascii_alphanumeric();
    }
    if agent_word(after).is_some() {
        return true;
    }
    let word = first_word(after);
    word.starts_with("'s") || is_function_word(word)
}

/// Whether the word before the token makes it an adjective, a predicate or a topic.
pub(super) fn preceded_like_an_adjective(text: &str, start: usize) -> bool {
    let word = last_word(before_markup(text, start));
    is_one_of(word, NOT_BEFORE_A_NAME) || (word.len() > 3 && word.ends_with("ly"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn groups_and_directives() {
        for group in [
            "sales-teams",
            "finance-team",
            "research-institutions",
            "customer-success",
        ] {
            assert!(names_a_group(group), "{group}");
        }
        for agent in [
            "it-security-auditor",
            "customer-support",
            "team-lead",
            "planner",
        ] {
            assert!(!names_a_group(agent), "{agent}");
        }
        assert!(is_at_directive("ts-ignore"));
        assert!(is_at_directive("font-face"));
        assert!(!is_at_directive("code-reviewer"));
    }

    #[test]
    fn words_at_the_edges() {
        assert_eq!(last_word("Collaborate with"), "with");
        assert_eq!(last_word("与"), "");
        assert_eq!(first_word("agent's work"), "agent's");
        assert_eq!(agent_word("Agent との連携"), Some(false));
        assert_eq!(agent_word("agents in parallel"), Some(true));
        assert_eq!(agent_word("Agent(x)"), None);
        assert_eq!(agent_word("エージェントに依頼"), Some(false));
        assert_eq!(agent_word("agentic"), None);
        assert!(followed_by_boundary("x on y", 1));
        assert!(followed_by_boundary("x", 1));
        assert!(followed_by_boundary("x 协作", 1));
        assert!(!followed_by_boundary("x updates", 1));
        assert!(preceded_like_an_adjective("is x", 3));
        assert!(preceded_like_an_adjective("a fully x", 8));
        assert!(!preceded_like_an_adjective("with x", 5));
    }
}
