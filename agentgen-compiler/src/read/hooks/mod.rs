//! `hooks`, and hooks written outside `hooks` at the top level of the frontmatter, as Claude Code
//! 2.1.332 reads them.
//!
//! Source: Claude Code 2.1.332's hook loading for agents (its guard scan of the frontmatter, the
//! structural check of `hooks`, and the hooks schema), confirmed on `tests/probes/hooks` and
//! `tests/probes/hooks-toplevel`.
//!
//! Claude Code's `nEs` (chunk-bqhgd24a.js) reads an agent's hooks in four steps, each ported here
//! from its JavaScript (minified names in chunk-46gfqyds.js are cited so the code can be found
//! again; the quoted messages are the stable anchors):
//!
//! 1. `bwe(frontmatter, BZn)`: the top-level guard scan, [`misplaced_guards`]. If it finds
//!    anything, the agent is refused and `hooks` is never looked at.
//! 2. `if (!e.hooks)`: a falsy `hooks` (null, false, 0, "") means no hooks.
//! 3. `I5e(hooks)` with `N4s` and `ht`: the structural check. It deletes (with a log line ending
//!    in "; entry ignored") what it cannot use under an ordinary event, and collects as
//!    "unloadable guards" what would make a PreToolUse/PermissionRequest/PreSkillShellCommand
//!    hook unusable; any of those refuses the agent.
//! 4. `HZ().safeParse(hooks)`: the hooks schema (zod-like, unknown keys stripped). A failure
//!    refuses the agent; on success its output is what the agent keeps.
//!
//! The JavaScript works on the object `Bun.YAML.parse` made and changes it in place (it deletes
//! keys and splices entries out of lists). Bun gives a YAML alias the very object of its anchor,
//! so a change made through one alias shows through the others. To reproduce that, the YAML
//! tree is first loaded into a small heap (`heap.rs`) of JavaScript-like arrays and objects in which
//! alias copies share one heap object (recognised by their children's spans).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::source::js_trim;
use crate::yaml::{Node, Value, js_number_text};

mod heap;
mod messages;
mod schema;
mod url;

use heap::*;
use messages::*;
use schema::*;

/// The hook events of Claude Code 2.1.332, in its order.
pub(crate) const HOOK_EVENTS: &[&str] = &[
    "PreToolUse",
    "PostToolUse",
    "PostToolUseFailure",
    "PostToolBatch",
    "Notification",
    "UserPromptSubmit",
    "UserPromptExpansion",
    "SessionStart",
    "SessionEnd",
    "Stop",
    "StopFailure",
    "SubagentStart",
    "SubagentStop",
    "PreCompact",
    "PostCompact",
    "PreModelSwitch",
    "PostModelSwitch",
    "PermissionRequest",
    "PermissionDenied",
    "Setup",
    "TeammateIdle",
    "TaskCreated",
    "TaskCompleted",
    "Elicitation",
    "ElicitationResult",
    "ConfigChange",
    "WorktreeCreate",
    "WorktreeRemove",
    "InstructionsLoaded",
    "CwdChanged",
    "FileChanged",
    "DirectoryAdded",
    "MessageDisplay",
    "PreSkillShellCommand",
];

/// The events whose hooks may guard what an agent is allowed to do: a malformed entry under one
/// of them, or one of them written outside `hooks`, makes Claude Code refuse the whole agent.
pub(crate) const GUARD_EVENTS: &[&str] =
    &["PreToolUse", "PermissionRequest", "PreSkillShellCommand"];

/// One problem Claude Code finds in an agent's hooks.
#[derive(Debug, Clone, PartialEq)]
pub struct HookProblem {
    /// Where, as Claude Code writes it: `hooks.PostToolUse.0.hooks.1`, or a top-level key.
    pub path: String,
    /// What is wrong, in Claude Code's words where it has some.
    pub problem: String,
    /// The YAML node the problem is about (byte offsets in the frontmatter's YAML text).
    pub span: Range<usize>,
}

/// What Claude Code does with an agent's `hooks` value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HooksReading {
    /// Problems that make Claude Code refuse to load the agent.
    pub rejections: Vec<HookProblem>,
    /// What Claude Code removes while loading the agent anyway: entries it ignores with a log
    /// line, and keys it strips without one.
    pub dropped: Vec<HookProblem>,
    /// The hooks Claude Code keeps (dropped entries and stripped keys removed); `None` when
    /// nothing is kept.
    pub kept: Option<Node>,
}

/// Claude Code's scan of the other frontmatter keys for hooks written outside `hooks`: the
/// problems that make it refuse the agent. `entries` are the frontmatter's keys and values in
/// file order, a repeated key only once (its last value).
///
/// Claude Code runs this scan before it reads `hooks`: when it finds anything, the agent is
/// refused and what [`read_hooks`] says about `hooks` never happens.
///
/// Ports `bwe(frontmatter, BZn)`: `pe(frontmatter)` (a guard event as a top-level key, with a
/// value that is not null and not an empty list), then `Prt(value, 3, {unscannedKeys: BZn,
/// matchersCount: key is not an event})` for every key but `hooks` and the three of `BZn`
/// (`metadata`, `mcpServers`, `lspServers`).
pub fn misplaced_guards(entries: &[(&str, &Node)]) -> Vec<HookProblem> {
    let mut ordered: Vec<&(&str, &Node)> = entries.iter().collect();
    // `Object.entries` lists integer-like keys first, in numeric order.
    ordered.sort_by_key(|(key, _)| js_key_rank(key));
    let mut problems = Vec::new();
    for &&(key, node) in &ordered {
        if key == "hooks" {
            continue;
        }
        let mut heap = Heap::default();
        let value = heap.load(node);
        if GUARD_EVENTS.contains(&key) && heap.holds_guard_value(value) {
            problems.push(HookProblem {
                path: log_text(key),
                problem: format!(
                    "hook event `{key}` written at the top level of the frontmatter, outside `hooks`"
                ),
                span: node.span.clone(),
            });
            continue;
        }
        if UNSCANNED_KEYS.contains(&key) {
            continue;
        }
        let scan = Scan {
            matchers_count: !HOOK_EVENTS.contains(&key),
            unscanned: UNSCANNED_KEYS,
            in_hooks_list: false,
        };
        if let Some(found) = heap.find_guard_hooks(value, GUARD_SCAN_DEPTH, scan) {
            let mut path = vec![log_text(key)];
            path.extend(found.path.iter().rev().cloned());
            let path = path.join(".");
            let problem = match found.kind {
                FoundKind::GuardEvent(event) => {
                    format!("`{key}` holds a `{event}` hook (at `{path}`), outside `hooks`")
                }
                FoundKind::Matcher => format!(
                    "`{key}` holds a hook matcher (at `{path}`), outside `hooks`: it may be a \
                     PreToolUse/PermissionRequest guard"
                ),
            };
            problems.push(HookProblem {
                path,
                problem,
                span: found.node.span.clone(),
            });
        }
    }
    problems
}

/// Reads the value of `hooks`.
///
/// Ports what `nEs` does after its top-level scan: a falsy value is no hooks; then `I5e`
/// (the structural check, with `N4s` for each event's matchers and `ht` for each hook entry);
/// then `HZ().safeParse`, whose output is what the agent keeps.
///
/// When the agent is refused, `dropped` still lists the entries Claude Code logged as ignored
/// before it refused, and `kept` is `None`. Problems under `hooks` are reported with Claude
/// Code's own path and words (`hooks.Stop.0.hooks.1`, "Unknown hook type …; entry ignored");
/// what it changes without a word (stripped keys, a repeated key's lost value, `cloud` becoming
/// "skip", …) gets a sentence of ours.
pub fn read_hooks(node: &Node) -> HooksReading {
    // `if (!e.hooks) return {hooks: undefined}`
    if !node.is_truthy() {
        return HooksReading::default();
    }
    let mut heap = Heap::default();
    let hooks = heap.load(node);
    let structure = heap.check_structure(hooks);
    let mut reading = HooksReading {
        dropped: structure.ignored,
        ..HooksReading::default()
    };
    if !structure.unloadable_guards.is_empty() {
        reading.rejections = structure.unloadable_guards;
        return reading;
    }
    let mut check = SchemaCheck::new(&heap, true);
    let kept = check.hooks_record(hooks);
    if !check.issues.is_empty() {
        reading.rejections.push(HookProblem {
            path: "hooks".to_owned(),
            problem: format!(
                "Invalid hooks ({}): Claude Code refuses to load the agent (it says so only in its \
                 debug log)",
                describe_issues(&check.issues)
            ),
            span: node.span.clone(),
        });
        return reading;
    }
    reading.dropped.extend(check.silent_changes);
    reading.kept = kept;
    reading
}

// ---------------------------------------------------------------------------------------------
// Constants of the JavaScript

/// `BZn`: top-level keys the guard scan skips, at every depth.
const UNSCANNED_KEYS: &[&str] = &["metadata", "mcpServers", "lspServers"];

/// `Prt`'s default depth: how many levels of lists and mappings it descends.
const GUARD_SCAN_DEPTH: u32 = 3;

/// The hook types (`H4s`: the tags of the discriminated union `Qje`), in its order.
const HOOK_TYPES: &[&str] = &["command", "prompt", "agent", "http", "mcp_tool"];

/// The problem `N4s` reports for a matcher that holds guard hooks.
const HOLDS_GUARDS: &str = "holds PreToolUse/PermissionRequest hooks where a matcher was expected";

/// How many levels below the loaded value the [`Heap`] holds as JavaScript objects. Claude
/// Code's checks look at most 8 levels below `hooks` (`Prt` from a matcher, the fields of a hook
/// entry); deeper values are only copied into the kept hooks (an `mcp_tool` hook's `input`),
/// which is done from the YAML nodes without recursion.
const MAX_LOADED_DEPTH: usize = 16;

/// Recursion limit of [`same_value`] (deeper values count as different).
const MAX_COMPARED_DEPTH: usize = 32;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    /// The frontmatter mapping of `text`, its entries as Claude Code's object holds them.
    fn frontmatter(text: &str) -> Node {
        yaml::parse(text).unwrap().unwrap()
    }

    fn entries(root: &Node) -> Vec<(String, &Node)> {
        let Value::Map(entries) = &root.value else {
            panic!("not a mapping")
        };
        let mut out: Vec<(String, &Node)> = Vec::new();
        for (key, value) in entries {
            let key = key.key_text();
            match out.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = value,
                None => out.push((key, value)),
            }
        }
        out
    }

    fn hooks_of(text: &str) -> HooksReading {
        let root = frontmatter(text);
        let hooks = entries(&root)
            .into_iter()
            .find(|(k, _)| k == "hooks")
            .map(|(_, v)| v.clone())
            .unwrap();
        read_hooks(&hooks)
    }

    fn guards_of(text: &str) -> Vec<HookProblem> {
        let root = frontmatter(text);
        let entries = entries(&root);
        let others: Vec<(&str, &Node)> = entries
            .iter()
            .filter(|(k, _)| k != "hooks")
            .map(|(k, v)| (k.as_str(), *v))
            .collect();
        misplaced_guards(&others)
    }

    fn depth(node: &Node) -> usize {
        // Iterative: the values under test nest deeply.
        let mut deepest = 0;
        let mut stack = vec![(node, 1)];
        while let Some((node, level)) = stack.pop() {
            deepest = deepest.max(level);
            match &node.value {
                Value::Seq(items) => stack.extend(items.iter().map(|n| (n, level + 1))),
                Value::Map(entries) => stack.extend(entries.iter().map(|(_, n)| (n, level + 1))),
                _ => {}
            }
        }
        deepest
    }

    #[test]
    fn falsy_hooks_are_no_hooks() {
        for value in ["null", "", "false", "0", "0.0", "''", ".nan"] {
            let reading = hooks_of(&format!("hooks: {value}\n"));
            assert_eq!(reading, HooksReading::default(), "hooks: {value}");
        }
        // `{}` is kept (an empty object is truthy).
        let reading = hooks_of("hooks: {}\n");
        assert!(reading.rejections.is_empty());
        assert_eq!(reading.kept.map(|k| k.value), Some(Value::Map(Vec::new())));
    }

    #[test]
    fn problems_point_at_the_most_specific_node() {
        let text = "hooks: {Stop: [{matcher: Bash, hooks: [{type: command, command: x, timeout: 0, foo: 1}, {type: command, command: y, cloud: 5}]}], Nope: 1}\n";
        let reading = hooks_of(text);
        let at = |p: &HookProblem| &text[p.span.clone()];
        let by_path = |path: &str| {
            reading
                .dropped
                .iter()
                .find(|p| p.path == path)
                .unwrap_or_else(|| panic!("no {path} in {:?}", reading.dropped))
        };
        assert_eq!(at(by_path("hooks.Stop.0.hooks.0")), "0");
        assert_eq!(
            by_path("hooks.Stop.0.hooks.0").problem,
            "Invalid command hook (timeout: Too small: expected number to be >0); entry ignored"
        );
        assert_eq!(at(by_path("hooks.Nope")), "Nope");
        assert_eq!(at(by_path("hooks.Stop.0.hooks.1.cloud")), "5");
        // The stripped key of the removed entry is not reported: the whole entry is.
        assert!(
            reading
                .dropped
                .iter()
                .all(|p| p.path != "hooks.Stop.0.hooks.0.foo")
        );
        let kept = reading.kept.unwrap();
        let Value::Map(events) = &kept.value else {
            panic!()
        };
        assert_eq!(events.len(), 1);
    }

    #[test]
    fn top_level_guards_name_where_the_guard_sits() {
        let text = "name: a\ntools: [Read, {PreToolUse: x}]\nmyhooks: [{matcher: Bash, hooks: [{type: command, command: x}]}]\nmetadata: {PreToolUse: x}\nPermissionRequest: []\nPreSkillShellCommand: 0\n";
        let problems = guards_of(text);
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["tools.1.PreToolUse", "myhooks.0", "PreSkillShellCommand"]
        );
        assert_eq!(&text[problems[0].span.clone()], "x");
        assert!(text[problems[1].span.clone()].starts_with("{matcher: Bash"));
        assert_eq!(&text[problems[2].span.clone()], "0");
    }

    /// `new URL(input)` in Claude Code's runtime (Bun), observed for each input.
    #[test]
    fn urls_parse_as_in_claude_codes_runtime() {
        let observed = [
            ("https://example.com/hook", true),
            ("not-a-url", false),
            ("http:a", true),
            ("http:", false),
            ("http://", false),
            ("http:///a", true),
            ("foo:bar", true),
            ("foo:", true),
            ("foo://", true),
            ("foo://:80", false),
            ("foo://a:b", false),
            ("foo://a b", false),
            ("foo://a%zz", true),
            ("foo://a\\b", false),
            ("http://a%zz", false),
            ("http://%41.com", true),
            ("http://a:65535", true),
            ("http://a:65536", false),
            ("http://a:", true),
            ("http://:80", false),
            ("http://@a", true),
            ("http://u@", false),
            ("http://a.1", false),
            ("http://1.2.3.4.5", false),
            ("http://1.2.3.256", false),
            ("http://0x7f.1", true),
            ("http://4294967295", true),
            ("http://4294967296", false),
            ("http://09", false),
            ("http://0x", true),
            ("http://1.%32", true),
            ("http://a.%31", false),
            ("http://[::1]", true),
            ("http://[::1", false),
            ("http://[1:2:3:4:5:6:7:8:9]", false),
            ("http://[::1.2.3.4]", true),
            ("http://[::1.2.3.256]", false),
            ("http://[:1]", false),
            ("http://[]", false),
            ("http://xn--/", false),
            ("http://xn--abc/", false),
            ("http://XN--LS8H.la", true),
            ("http://\u{fc}.com", true),
            ("http://\u{ad}/", false),
            ("http://\u{ff41}.com", true),
            ("http://a\u{ff03}b", false),
            ("http://exa\u{200d}mple.com", false),
            ("http://a\u{3000}b", false),
            ("http://a\\b", true),
            ("http://a^b", false),
            ("http://a%25b", false),
            ("http://%00", false),
            ("file:///x", true),
            ("file://C:/x", true),
            ("file://a b/x", false),
            ("1http://a", false),
            ("mailto:x@y.z", true),
            ("  http://a  ", true),
            ("http://a\tb", true),
        ];
        for (input, parses) in observed {
            assert_eq!(url::parses(input), parses, "new URL({input:?})");
        }
    }

    #[test]
    fn hostile_nesting_is_bounded() {
        let deep_list = format!("{}x{}", "[".repeat(240), "]".repeat(240));
        let deep_map = format!("{}x{}", "{a: ".repeat(240), "}".repeat(240));
        for deep in [&deep_list, &deep_map] {
            for text in [
                format!("hooks: {deep}\n"),
                format!("hooks: {{Unknown: {deep}}}\n"),
                format!("hooks: {{Stop: {deep}}}\n"),
                format!("hooks: {{Stop: [{{matcher: Bash, hooks: {deep}}}]}}\n"),
                format!(
                    "hooks: {{Stop: [{{hooks: [{{type: mcp_tool, server: s, tool: t, input: {{a: {deep}}}}}]}}]}}\n"
                ),
                format!(
                    "hooks: {{PreToolUse: [{{hooks: [{{type: command, command: x, foo: {deep}}}]}}]}}\n"
                ),
            ] {
                let reading = hooks_of(&text);
                assert!(reading.rejections.len() + reading.dropped.len() < 10);
            }
            let problems = guards_of(&format!("foo: {deep}\nbar: [{deep}]\n"));
            assert!(problems.is_empty());
        }
    }

    #[test]
    fn nesting_that_aliases_build_beyond_the_yaml_limit_never_reaches_the_hooks() {
        // Each alias nests the previous chain 200 levels deeper: 3,000 levels in all.
        let mut text = format!("a0: &a0 {}x{}\n", "[".repeat(200), "]".repeat(200));
        for i in 1..15 {
            text.push_str(&format!(
                "a{i}: &a{i} {}*a{}{}\n",
                "[".repeat(200),
                i - 1,
                "]".repeat(200)
            ));
        }
        text.push_str(
            "hooks: {Stop: [{hooks: [{type: mcp_tool, server: s, tool: t, input: {v: *a14}}]}]}\n",
        );
        // The YAML reader refuses nesting that deep (aliases included), so no tree that deep
        // reaches the hooks.
        let error = crate::yaml::parse(&text).expect_err("too deep");
        assert!(error.message.contains("levels deep"), "{}", error.message);
    }

    #[test]
    fn the_deepest_values_aliases_may_build_are_read_on_a_test_threads_stack() {
        // Two anchors of 120 levels each: 240 levels, within the YAML reader's limit of 255.
        let text = format!(
            "a0: &a0 {}x{}\na1: &a1 {}*a0{}\nhooks: {{Stop: [{{hooks: [{{type: mcp_tool, server: s, tool: t, input: {{v: *a1}}}}]}}]}}\n",
            "[".repeat(120),
            "]".repeat(120),
            "[".repeat(120),
            "]".repeat(120)
        );
        let root = frontmatter(&text);
        let hooks = entries(&root)
            .into_iter()
            .find(|(k, _)| k == "hooks")
            .map(|(_, v)| v.clone())
            .expect("hooks");
        let reading = read_hooks(&hooks);
        assert!(reading.rejections.is_empty() && reading.dropped.is_empty());
        assert!(reading.kept.as_ref().map(depth).unwrap_or(0) > 240);
        assert!(guards_of(&text).is_empty());
    }

    #[test]
    fn huge_lists_stay_linear() {
        let entries: Vec<&str> = (0..20_000)
            .map(|i| {
                if i % 2 == 0 {
                    "{type: bad}"
                } else {
                    "{type: command, command: x}"
                }
            })
            .collect();
        let text = format!("hooks: {{Stop: [{{hooks: [{}]}}]}}\n", entries.join(", "));
        let reading = hooks_of(&text);
        assert_eq!(reading.dropped.len(), 10_000);
        let Some(Node {
            value: Value::Map(events),
            ..
        }) = &reading.kept
        else {
            panic!()
        };
        let Value::Seq(matchers) = &events[0].1.value else {
            panic!()
        };
        let Value::Map(matcher) = &matchers[0].value else {
            panic!()
        };
        let Value::Seq(hooks) = &matcher[0].1.value else {
            panic!()
        };
        assert_eq!(hooks.len(), 10_000);

        let keys: Vec<String> = (0..20_000).map(|i| format!("E{i}: {i}")).collect();
        let reading = hooks_of(&format!("hooks: {{{}, Stop: []}}\n", keys.join(", ")));
        assert_eq!(reading.dropped.len(), 20_000);
        assert!(reading.rejections.is_empty());

        let matchers: Vec<&str> = (0..20_000)
            .map(|i| if i % 2 == 0 { "7" } else { "{hooks: []}" })
            .collect();
        let text = format!(
            "hooks: {{Stop: &m [{}], PostToolUse: *m}}\n",
            matchers.join(", ")
        );
        let reading = hooks_of(&text);
        // The shared list is cleaned once, under Stop.
        assert_eq!(reading.dropped.len(), 10_000);
    }
}
