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
//! tree is first loaded into a small [`Heap`] of JavaScript-like arrays and objects in which
//! alias copies share one heap object (recognised by their children's spans).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::source::js_trim;
use crate::yaml::{Node, Value, js_number_text};

/// The hook events of Claude Code 2.1.332, in its order.
pub const HOOK_EVENTS: &[&str] = &[
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
pub const GUARD_EVENTS: &[&str] = &["PreToolUse", "PermissionRequest", "PreSkillShellCommand"];

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
                    "`{key}` is a PreToolUse/PermissionRequest/PreSkillShellCommand hook event written \
                     at the top level of the frontmatter, outside `hooks`: Claude Code refuses to load \
                     the agent (it may be what guards the agent's permissions); move it under `hooks` \
                     or remove it"
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
                FoundKind::GuardEvent(event) => format!(
                    "`{key}` holds a `{event}` hook entry (at `{path}`), outside `hooks`: Claude Code \
                     refuses to load an agent with PreToolUse/PermissionRequest/PreSkillShellCommand \
                     hooks written anywhere but under `hooks`"
                ),
                FoundKind::Matcher => format!(
                    "`{key}` holds a hook matcher (at `{path}`), outside `hooks`: Claude Code refuses \
                     to load an agent with hook matchers written anywhere but under `hooks`, as they \
                     may be PreToolUse/PermissionRequest guards"
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

// ---------------------------------------------------------------------------------------------
// JavaScript values over the YAML tree

/// A value as Claude Code's JavaScript sees it: the YAML node it came from and, for a list or a
/// mapping within [`MAX_LOADED_DEPTH`], the heap object holding its current contents.
#[derive(Clone, Copy)]
struct JsValue<'a> {
    node: &'a Node,
    object: Option<usize>,
}

/// An element of a JavaScript array, with its index in the YAML list it came from.
#[derive(Clone, Copy)]
struct Item<'a> {
    index: usize,
    value: JsValue<'a>,
}

/// An own property of a JavaScript object made from a YAML mapping: a key written more than
/// once keeps the position of its first occurrence and the value of its last.
#[derive(Clone)]
struct Property<'a> {
    key: String,
    /// The key node of the last occurrence (the one whose value is kept).
    key_node: &'a Node,
    value: JsValue<'a>,
    /// Earlier occurrences of the key: (key node, value node).
    overridden: Vec<(&'a Node, &'a Node)>,
}

enum HeapObject<'a> {
    Array(Vec<Item<'a>>),
    Object(Vec<Property<'a>>),
}

/// What identifies a loaded list or mapping: its kind and its children's spans (and heap
/// objects), or its own span when it has no children. An alias copy has exactly the children of
/// its anchor.
#[derive(PartialEq, Eq, Hash)]
struct Fingerprint {
    is_object: bool,
    children: Vec<(usize, usize, usize)>,
}

/// The JavaScript objects `Bun.YAML.parse` makes from a YAML value, which Claude Code's checks
/// then change in place.
#[derive(Default)]
struct Heap<'a> {
    objects: Vec<HeapObject<'a>>,
    by_fingerprint: HashMap<Fingerprint, usize>,
}

/// What `Prt` is told: `matchersCount` (a matcher-shaped object counts as a guard),
/// `unscannedKeys`, `inHooksList` (the value is inside a matcher's `hooks` list).
#[derive(Clone, Copy)]
struct Scan<'k> {
    matchers_count: bool,
    unscanned: &'k [&'k str],
    in_hooks_list: bool,
}

impl Scan<'_> {
    /// `{matchersCount: false}`, as `N4s` and `I5e` scan matcher lists.
    const NOT_MATCHERS: Scan<'static> = Scan {
        matchers_count: false,
        unscanned: &[],
        in_hooks_list: false,
    };
}

/// What `Prt` found: where (path segments, innermost first), the node, and what it is.
struct Found<'a> {
    path: Vec<String>,
    node: &'a Node,
    kind: FoundKind,
}

enum FoundKind {
    /// A guard event key with a value (`pe`).
    GuardEvent(String),
    /// A matcher-shaped object (`Zje`).
    Matcher,
}

/// A problem found by `N4s` or `ht`, its path relative to the event's matcher list.
struct Finding {
    path: String,
    problem: String,
    span: Range<usize>,
}

/// `I5e`'s result: its notes (`…; entry ignored`) and its unloadable guards.
struct Structure {
    ignored: Vec<HookProblem>,
    unloadable_guards: Vec<HookProblem>,
}

impl<'a> Heap<'a> {
    /// Loads a YAML value as `Bun.YAML.parse` gives it to Claude Code.
    fn load(&mut self, node: &'a Node) -> JsValue<'a> {
        self.load_at(node, 0, false)
    }

    fn load_at(&mut self, node: &'a Node, depth: usize, inside_alias: bool) -> JsValue<'a> {
        let scalar = JsValue { node, object: None };
        let first_child_start = match &node.value {
            Value::Seq(items) => items.first().map(|item| item.span.start),
            Value::Map(entries) => entries.first().map(|(key, _)| key.span.start),
            _ => return scalar,
        };
        if depth >= MAX_LOADED_DEPTH {
            return scalar;
        }
        // An alias copy keeps its anchor's children, which are written before the alias.
        let inside_alias =
            inside_alias || first_child_start.is_some_and(|start| start < node.span.start);
        let mut children = Vec::new();
        let (is_object, object) = match &node.value {
            Value::Seq(items) => {
                let mut loaded = Vec::with_capacity(items.len());
                for (index, item) in items.iter().enumerate() {
                    let value = self.load_at(item, depth + 1, inside_alias);
                    children.push(mark(value));
                    loaded.push(Item { index, value });
                }
                (false, HeapObject::Array(loaded))
            }
            Value::Map(entries) => {
                let mut loaded = Vec::with_capacity(entries.len());
                for (key, value) in entries {
                    let value = self.load_at(value, depth + 1, inside_alias);
                    children.push((key.span.start, key.span.end, usize::MAX));
                    children.push(mark(value));
                    loaded.push((key, value));
                }
                (true, HeapObject::Object(js_properties(loaded)))
            }
            _ => return scalar,
        };
        if children.is_empty() {
            // An empty list or mapping has no children to know it by: its own span tells it
            // apart (copies inside an alias copy keep the spans of the anchor's nodes).
            children.push((node.span.start, node.span.end, usize::MAX));
        }
        let fingerprint = Fingerprint {
            is_object,
            children,
        };
        if let Some(&id) = self
            .by_fingerprint
            .get(&fingerprint)
            .filter(|_| inside_alias)
        {
            return JsValue {
                node,
                object: Some(id),
            };
        }
        let id = self.objects.len();
        self.objects.push(object);
        self.by_fingerprint.entry(fingerprint).or_insert(id);
        JsValue {
            node,
            object: Some(id),
        }
    }

    fn items(&self, value: JsValue<'a>) -> &[Item<'a>] {
        match value.object.and_then(|id| self.objects.get(id)) {
            Some(HeapObject::Array(items)) => items,
            _ => &[],
        }
    }

    fn properties(&self, value: JsValue<'a>) -> &[Property<'a>] {
        match value.object.and_then(|id| self.objects.get(id)) {
            Some(HeapObject::Object(properties)) => properties,
            _ => &[],
        }
    }

    fn property(&self, value: JsValue<'a>, key: &str) -> Option<&Property<'a>> {
        self.properties(value).iter().find(|p| p.key == key)
    }

    /// `value[key]` for an own property.
    fn get(&self, value: JsValue<'a>, key: &str) -> Option<JsValue<'a>> {
        self.property(value, key).map(|p| p.value)
    }

    /// `Array.isArray(value)`.
    fn is_array(&self, value: JsValue<'a>) -> bool {
        matches!(value.node.value, Value::Seq(_))
    }

    /// `value && typeof value === "object" && !Array.isArray(value)`.
    fn is_object(&self, value: JsValue<'a>) -> bool {
        matches!(value.node.value, Value::Map(_))
    }

    /// `value.length` of an array.
    fn array_length(&self, value: JsValue<'a>) -> usize {
        match (&value.node.value, value.object) {
            (_, Some(_)) => self.items(value).len(),
            (Value::Seq(items), None) => items.len(),
            _ => 0,
        }
    }

    /// Removes array elements (positions in the current array) once a loop over it is done:
    /// the JavaScript splices them out during its loop, which runs from the end, so the elements
    /// it still reads are the same.
    fn remove_items(&mut self, array: JsValue<'a>, positions: &[usize]) {
        if positions.is_empty() {
            return;
        }
        if let Some(HeapObject::Array(items)) = array.object.and_then(|id| self.objects.get_mut(id))
        {
            let mut keep = vec![true; items.len()];
            for &position in positions {
                if let Some(slot) = keep.get_mut(position) {
                    *slot = false;
                }
            }
            let mut flags = keep.into_iter();
            items.retain(|_| flags.next().unwrap_or(true));
        }
    }

    /// `delete object[key]` for each key.
    fn remove_properties(&mut self, object: JsValue<'a>, keys: &[String]) {
        if keys.is_empty() {
            return;
        }
        if let Some(HeapObject::Object(properties)) =
            object.object.and_then(|id| self.objects.get_mut(id))
        {
            let keys: HashSet<&str> = keys.iter().map(String::as_str).collect();
            properties.retain(|p| !keys.contains(p.key.as_str()));
        }
    }

    /// Whether a guard event's value counts as declaring hooks (`pe`): not null (or undefined)
    /// and not an empty list.
    fn holds_guard_value(&self, value: JsValue<'a>) -> bool {
        let empty_list = self.is_array(value) && self.array_length(value) == 0;
        !matches!(value.node.value, Value::Null) && !empty_list
    }

    /// `pe`: the first guard event key of an object whose value declares hooks.
    fn guard_event_property(&self, value: JsValue<'a>) -> Option<&Property<'a>> {
        if !self.is_object(value) {
            return None;
        }
        self.properties(value)
            .iter()
            .find(|p| GUARD_EVENTS.contains(&p.key.as_str()) && self.holds_guard_value(p.value))
    }

    /// `Zje`: whether a value looks like a hook matcher: an object with a non-empty `hooks`
    /// list, or with a `hooks` object beside a `matcher` key or holding a string `type`. An
    /// object with an event name as a key and no `matcher` key is not one.
    fn is_matcher_shaped(&self, value: JsValue<'a>) -> bool {
        if !self.is_object(value) {
            return false;
        }
        let has_matcher = self.property(value, "matcher").is_some();
        if !has_matcher
            && self
                .properties(value)
                .iter()
                .any(|p| HOOK_EVENTS.contains(&p.key.as_str()))
        {
            return false;
        }
        match self.get(value, "hooks") {
            Some(hooks) if self.is_array(hooks) => self.array_length(hooks) > 0,
            Some(hooks) if self.is_object(hooks) => {
                has_matcher
                    || self
                        .get(hooks, "type")
                        .is_some_and(|t| matches!(t.node.value, Value::Str(_)))
            }
            _ => false,
        }
    }

    /// `Prt`: whether a value holds guard hooks within `depth` levels: an object with a guard
    /// event key (`pe`), or, while `matchers_count`, a matcher-shaped object (`Zje`). Below an
    /// event-name key matchers no longer count; keys in `unscanned` are skipped; inside a
    /// matcher's `hooks` list an object with a string `type` (a hook entry) is not descended.
    fn find_guard_hooks(
        &self,
        value: JsValue<'a>,
        depth: u32,
        scan: Scan<'_>,
    ) -> Option<Found<'a>> {
        if let Some(property) = self.guard_event_property(value) {
            return Some(Found {
                path: vec![log_text(&property.key)],
                node: property.value.node,
                kind: FoundKind::GuardEvent(property.key.clone()),
            });
        }
        if scan.matchers_count && self.is_matcher_shaped(value) {
            return Some(Found {
                path: Vec::new(),
                node: value.node,
                kind: FoundKind::Matcher,
            });
        }
        if depth == 0 {
            return None;
        }
        if self.is_array(value) {
            for item in self.items(value) {
                if let Some(mut found) = self.find_guard_hooks(item.value, depth - 1, scan) {
                    found.path.push(item.index.to_string());
                    return Some(found);
                }
            }
            return None;
        }
        if !self.is_object(value) {
            return None;
        }
        if scan.in_hooks_list
            && self
                .get(value, "type")
                .is_some_and(|t| matches!(t.node.value, Value::Str(_)))
        {
            return None;
        }
        for property in self.properties(value) {
            if scan.unscanned.contains(&property.key.as_str()) {
                continue;
            }
            let inner = Scan {
                matchers_count: scan.matchers_count
                    && !HOOK_EVENTS.contains(&property.key.as_str()),
                unscanned: scan.unscanned,
                in_hooks_list: property.key == "hooks" && self.is_array(property.value),
            };
            if let Some(mut found) = self.find_guard_hooks(property.value, depth - 1, inner) {
                found.path.push(log_text(&property.key));
                return Some(found);
            }
        }
        None
    }

    /// `I5e`: the structural check of `hooks`. A matcher (or a list holding one) where the
    /// mapping of events should be is an unloadable guard. For each key: a key that is not an
    /// event is an unloadable guard if it holds guard hooks (`Prt`), else deleted; an event
    /// whose value is not a list is an unloadable guard if it is a guard event with a non-null
    /// value or holds guard hooks, else deleted; an event's list is checked by `N4s`.
    fn check_structure(&mut self, hooks: JsValue<'a>) -> Structure {
        let mut structure = Structure {
            ignored: Vec::new(),
            unloadable_guards: Vec::new(),
        };
        let list_of_matchers = self.is_array(hooks)
            && self
                .items(hooks)
                .iter()
                .any(|item| self.is_matcher_shaped(item.value));
        if self.is_matcher_shaped(hooks) || list_of_matchers {
            structure.unloadable_guards.push(HookProblem {
                path: "hooks".to_owned(),
                problem: format!(
                    "must be an object mapping event names to matcher arrays; received {}",
                    if self.is_array(hooks) {
                        "an array of matchers"
                    } else {
                        "a single matcher"
                    }
                ),
                span: hooks.node.span.clone(),
            });
            return structure;
        }
        if !self.is_object(hooks) {
            return structure;
        }
        let entries: Vec<(String, &'a Node, JsValue<'a>)> = self
            .properties(hooks)
            .iter()
            .map(|p| (p.key.clone(), p.key_node, p.value))
            .collect();
        let mut deleted = Vec::new();
        for (key, key_node, value) in entries {
            let path = format!("hooks.{}", log_text(&key));
            if !HOOK_EVENTS.contains(&key.as_str()) {
                let scan = Scan {
                    matchers_count: !self.is_array(value),
                    ..Scan::NOT_MATCHERS
                };
                if self
                    .find_guard_hooks(value, GUARD_SCAN_DEPTH, scan)
                    .is_some()
                {
                    structure.unloadable_guards.push(HookProblem {
                        path,
                        problem:
                            "not a hook event, but it holds PreToolUse/PermissionRequest hooks"
                                .to_owned(),
                        span: key_node.span.clone(),
                    });
                    continue;
                }
                structure.ignored.push(HookProblem {
                    path,
                    problem: "unknown hook event; entry ignored".to_owned(),
                    span: key_node.span.clone(),
                });
                deleted.push(key);
                continue;
            }
            if !self.is_array(value) {
                let problem = format!(
                    "must be an array of matchers; received {}",
                    described(value)
                );
                let guard_with_value = GUARD_EVENTS.contains(&key.as_str())
                    && !matches!(value.node.value, Value::Null);
                if guard_with_value
                    || self
                        .find_guard_hooks(value, GUARD_SCAN_DEPTH, Scan::NOT_MATCHERS)
                        .is_some()
                {
                    structure.unloadable_guards.push(HookProblem {
                        path,
                        problem,
                        span: value.node.span.clone(),
                    });
                    continue;
                }
                structure.ignored.push(HookProblem {
                    path,
                    problem: format!("{problem}; entry ignored"),
                    span: value.node.span.clone(),
                });
                deleted.push(key);
                continue;
            }
            let (ignored, unloadable) = self.check_matchers(value, &key);
            for finding in ignored {
                structure.ignored.push(HookProblem {
                    path: format!("{path}.{}", finding.path),
                    problem: format!("{}; entry ignored", finding.problem),
                    span: finding.span,
                });
            }
            for finding in unloadable {
                structure.unloadable_guards.push(HookProblem {
                    path: format!("{path}.{}", finding.path),
                    problem: finding.problem,
                    span: finding.span,
                });
            }
        }
        self.remove_properties(hooks, &deleted);
        structure
    }

    /// `N4s`: checks an event's matcher list, from its last matcher to its first, and within a
    /// matcher its hook entries from last to first (`ht`). Under an ordinary event a bad matcher
    /// or entry is spliced out and reported as ignored; under a guard event nothing is removed
    /// and every problem is an unloadable guard. A matcher holding guard hooks (`Prt`) is an
    /// unloadable guard under any event. Returns (ignored, unloadable guards).
    fn check_matchers(
        &mut self,
        matchers: JsValue<'a>,
        event: &str,
    ) -> (Vec<Finding>, Vec<Finding>) {
        let guard = GUARD_EVENTS.contains(&event);
        // `i` and `l` of the JavaScript.
        let mut problems = Vec::new();
        let mut guards_elsewhere = Vec::new();
        let mut removed = Vec::new();
        let count = self.items(matchers).len();
        for position in (0..count).rev() {
            let Some(matcher) = self.items(matchers).get(position).map(|item| item.value) else {
                continue;
            };
            if let Some(found) =
                self.find_guard_hooks(matcher, GUARD_SCAN_DEPTH, Scan::NOT_MATCHERS)
            {
                let finding = Finding {
                    path: position.to_string(),
                    problem: HOLDS_GUARDS.to_owned(),
                    span: found.node.span.clone(),
                };
                if guard {
                    problems.push(finding);
                } else {
                    guards_elsewhere.push(finding);
                }
                continue;
            }
            // The JavaScript's `g`: a bad matcher, spliced out under an ordinary event.
            let mut bad_matcher = |problem: String, span: &Range<usize>| {
                if !guard {
                    removed.push(position);
                }
                problems.push(Finding {
                    path: position.to_string(),
                    problem,
                    span: span.clone(),
                });
            };
            if !self.is_object(matcher) {
                bad_matcher(
                    format!(
                        "Hook matcher must be an object; received {}",
                        described(matcher)
                    ),
                    &matcher.node.span,
                );
                continue;
            }
            let hooks = self.get(matcher, "hooks");
            let Some(hooks) = hooks.filter(|h| self.is_array(*h)) else {
                let received = hooks.map_or_else(|| "undefined".to_owned(), described);
                let span = hooks.map_or(&matcher.node.span, |h| &h.node.span);
                bad_matcher(
                    format!(
                        "Hook matcher \"hooks\" must be an array of hook entries; received {received}"
                    ),
                    span,
                );
                continue;
            };
            let mut hook_problems = Vec::new();
            let mut removed_hooks = Vec::new();
            let hook_count = self.items(hooks).len();
            for hook_position in (0..hook_count).rev() {
                let Some(hook) = self.items(hooks).get(hook_position).map(|item| item.value) else {
                    continue;
                };
                if let Some((problem, span)) = self.check_hook(hook) {
                    if !guard {
                        removed_hooks.push(hook_position);
                    }
                    hook_problems.push(Finding {
                        path: format!("{position}.hooks.{hook_position}"),
                        problem,
                        span,
                    });
                }
            }
            self.remove_items(hooks, &removed_hooks);
            // `G().safeParse(guard ? {...matcher, hooks: []} : matcher)`
            let mut check = SchemaCheck::new(self, false);
            check.matcher(matcher, guard);
            if let Some(first) = check.issues.first() {
                let span = first.node.map_or(&matcher.node.span, |n| &n.span).clone();
                let problem = format!("Invalid hook matcher ({})", describe_issues(&check.issues));
                if !guard {
                    removed.push(position);
                }
                problems.push(Finding {
                    path: position.to_string(),
                    problem,
                    span,
                });
                continue;
            }
            problems.extend(hook_problems);
        }
        self.remove_items(matchers, &removed);
        problems.reverse();
        guards_elsewhere.reverse();
        if guard {
            (Vec::new(), problems)
        } else {
            (problems, guards_elsewhere)
        }
    }

    /// `ht`: checks one hook entry: an object, with a string `type` naming a hook type, valid
    /// against that type's schema. Returns the problem and the node it is about.
    fn check_hook(&self, hook: JsValue<'a>) -> Option<(String, Range<usize>)> {
        if !self.is_object(hook) {
            return Some((
                format!("Hook entry must be an object; received {}", described(hook)),
                hook.node.span.clone(),
            ));
        }
        let Some(hook_type) = self.get(hook, "type") else {
            return Some((
                "Hook entry has no \"type\"".to_owned(),
                hook.node.span.clone(),
            ));
        };
        let Value::Str(type_name) = &hook_type.node.value else {
            return Some((
                format!(
                    "Hook entry \"type\" must be a string; received {}",
                    described(hook_type)
                ),
                hook_type.node.span.clone(),
            ));
        };
        if !HOOK_TYPES.contains(&type_name.as_str()) {
            return Some((
                format!("Unknown hook type \"{}\"", log_text(type_name)),
                hook_type.node.span.clone(),
            ));
        }
        let mut check = SchemaCheck::new(self, false);
        check.hook_entry(hook);
        let first = check.issues.first()?;
        let span = first.node.map_or(&hook.node.span, |n| &n.span).clone();
        Some((
            format!(
                "Invalid {type_name} hook ({})",
                describe_issues(&check.issues)
            ),
            span,
        ))
    }
}

fn mark(value: JsValue<'_>) -> (usize, usize, usize) {
    (
        value.node.span.start,
        value.node.span.end,
        value.object.unwrap_or(usize::MAX),
    )
}

/// The own properties of the object JavaScript makes from a mapping's entries: a repeated key
/// keeps its first position and its last value; integer-like keys come first, in numeric order.
fn js_properties<'a>(entries: Vec<(&'a Node, JsValue<'a>)>) -> Vec<Property<'a>> {
    let mut properties: Vec<Property<'a>> = Vec::with_capacity(entries.len());
    let mut positions: HashMap<String, usize> = HashMap::new();
    for (key_node, value) in entries {
        let key = key_node.key_text();
        if let Some(property) = positions.get(&key).and_then(|&i| properties.get_mut(i)) {
            property
                .overridden
                .push((property.key_node, property.value.node));
            property.key_node = key_node;
            property.value = value;
            continue;
        }
        positions.insert(key.clone(), properties.len());
        properties.push(Property {
            key,
            key_node,
            value,
            overridden: Vec::new(),
        });
    }
    properties.sort_by_key(|p| js_key_rank(&p.key));
    properties
}

/// Where JavaScript lists a property key: array indices (`0` to 2³² − 2, written canonically)
/// first in numeric order, then the other keys in insertion order (a stable sort keeps it).
fn js_key_rank(key: &str) -> (u8, u64) {
    let canonical = key == "0"
        || (!key.is_empty()
            && !key.starts_with('0')
            && key.len() <= 10
            && key.bytes().all(|b| b.is_ascii_digit()));
    match key.parse::<u64>() {
        Ok(index) if canonical && index < u64::from(u32::MAX) => (0, index),
        _ => (1, 0),
    }
}

// ---------------------------------------------------------------------------------------------
// The hooks schema (`_t`, `Qje`, `G`, `HZ`)

/// A field type of the hooks schema, named after what the zod-like builder of Claude Code
/// (chunk-j7rrrdnv.js) checks.
#[derive(Clone, Copy)]
enum FieldKind {
    /// `P(x)`: exactly this string.
    Literal(&'static str),
    /// `r()`: a string.
    Text,
    /// `r().min(1)`: a non-empty string.
    NonEmptyText,
    /// `r().url()`: a string that, trimmed, parses as a URL; kept trimmed, without tabs and
    /// line breaks.
    Url,
    /// `v().positive()`: a finite number above 0.
    PositiveNumber,
    /// `M()`: a boolean.
    Flag,
    /// `U([...])`: one of these strings.
    OneOf(&'static [&'static str]),
    /// `U(["device","skip"]).optional().catch("skip")`: any other value becomes "skip".
    CloudOrSkip,
    /// `Nc(x => x === "continue" ? x : "block", U(["continue","block"]))`: any value other
    /// than "continue" becomes "block".
    ContinueOrBlock,
    /// `O(r())`: a list of strings.
    TextList,
    /// `Te(r(), r())`: a mapping of strings.
    TextRecord,
    /// `Te(r(), de())`: a mapping of anything.
    AnyRecord,
    /// `O(G())`: a list of hook matchers.
    Matchers,
    /// `O(Qje())`: a list of hook entries.
    HookEntries,
}

/// A field of an object schema (`u({...})`: unknown keys are stripped).
struct FieldSpec {
    name: &'static str,
    kind: FieldKind,
    optional: bool,
}

const fn required(name: &'static str, kind: FieldKind) -> FieldSpec {
    FieldSpec {
        name,
        kind,
        optional: false,
    }
}

const fn optional(name: &'static str, kind: FieldKind) -> FieldSpec {
    FieldSpec {
        name,
        kind,
        optional: true,
    }
}

const SHELLS: &[&str] = &["bash", "powershell"];
const ON_FAILURE: &[&str] = &["continue", "block"];

/// `BashCommandHookSchema` of `_t`.
const COMMAND_HOOK: &[FieldSpec] = &[
    required("type", FieldKind::Literal("command")),
    required("command", FieldKind::Text),
    optional("args", FieldKind::TextList),
    optional("if", FieldKind::Text),
    optional("shell", FieldKind::OneOf(SHELLS)),
    optional("timeout", FieldKind::PositiveNumber),
    optional("onFailure", FieldKind::OneOf(ON_FAILURE)),
    optional("statusMessage", FieldKind::Text),
    optional("once", FieldKind::Flag),
    optional("async", FieldKind::Flag),
    optional("asyncRewake", FieldKind::Flag),
    optional("holdsTools", FieldKind::Flag),
    optional("rewakeMessage", FieldKind::NonEmptyText),
    optional("rewakeSummary", FieldKind::NonEmptyText),
    optional("cloud", FieldKind::CloudOrSkip),
];

/// `PromptHookSchema` of `_t`.
const PROMPT_HOOK: &[FieldSpec] = &[
    required("type", FieldKind::Literal("prompt")),
    required("prompt", FieldKind::Text),
    optional("if", FieldKind::Text),
    optional("timeout", FieldKind::PositiveNumber),
    optional("model", FieldKind::Text),
    optional("continueOnBlock", FieldKind::Flag),
    optional("statusMessage", FieldKind::Text),
    optional("once", FieldKind::Flag),
];

/// `AgentHookSchema` of `_t`.
const AGENT_HOOK: &[FieldSpec] = &[
    required("type", FieldKind::Literal("agent")),
    required("prompt", FieldKind::Text),
    optional("if", FieldKind::Text),
    optional("timeout", FieldKind::PositiveNumber),
    optional("model", FieldKind::Text),
    optional("statusMessage", FieldKind::Text),
    optional("once", FieldKind::Flag),
];

/// `HttpHookSchema` of `_t`.
const HTTP_HOOK: &[FieldSpec] = &[
    required("type", FieldKind::Literal("http")),
    required("url", FieldKind::Url),
    optional("if", FieldKind::Text),
    optional("timeout", FieldKind::PositiveNumber),
    optional("onFailure", FieldKind::OneOf(ON_FAILURE)),
    optional("headers", FieldKind::TextRecord),
    optional("allowedEnvVars", FieldKind::TextList),
    optional("statusMessage", FieldKind::Text),
    optional("once", FieldKind::Flag),
    optional("cloud", FieldKind::CloudOrSkip),
];

/// `McpToolHookSchema` of `_t`.
const MCP_TOOL_HOOK: &[FieldSpec] = &[
    required("type", FieldKind::Literal("mcp_tool")),
    required("server", FieldKind::Text),
    required("tool", FieldKind::Text),
    optional("input", FieldKind::AnyRecord),
    optional("if", FieldKind::Text),
    optional("timeout", FieldKind::PositiveNumber),
    optional("onFailure", FieldKind::ContinueOrBlock),
    optional("statusMessage", FieldKind::Text),
    optional("once", FieldKind::Flag),
];

/// `Qje`: the discriminated union on `type`, in its order.
const HOOK_SCHEMAS: &[(&str, &[FieldSpec])] = &[
    ("command", COMMAND_HOOK),
    ("prompt", PROMPT_HOOK),
    ("agent", AGENT_HOOK),
    ("http", HTTP_HOOK),
    ("mcp_tool", MCP_TOOL_HOOK),
];

/// `G`: a hook matcher.
const MATCHER: &[FieldSpec] = &[
    optional("matcher", FieldKind::Text),
    required("hooks", FieldKind::HookEntries),
];

/// One schema issue: its path (relative to where the check started), Claude Code's message,
/// and the node it is about (`None` for a missing key).
struct Issue<'a> {
    path: Vec<String>,
    message: String,
    node: Option<&'a Node>,
}

/// A run of the hooks schema over heap values, collecting issues; with `keep`, also building
/// the output (the kept value) and reporting what the schema changes without an issue.
struct SchemaCheck<'h, 'a> {
    heap: &'h Heap<'a>,
    path: Vec<String>,
    issues: Vec<Issue<'a>>,
    keep: bool,
    silent_changes: Vec<HookProblem>,
}

impl<'h, 'a> SchemaCheck<'h, 'a> {
    fn new(heap: &'h Heap<'a>, keep: bool) -> Self {
        SchemaCheck {
            heap,
            path: Vec::new(),
            issues: Vec::new(),
            keep,
            silent_changes: Vec::new(),
        }
    }

    fn issue(&mut self, node: Option<&'a Node>, message: String) {
        self.issues.push(Issue {
            path: self.path.clone(),
            message,
            node,
        });
    }

    fn within<T>(&mut self, segment: String, check: impl FnOnce(&mut Self) -> T) -> T {
        self.path.push(segment);
        let result = check(self);
        self.path.pop();
        result
    }

    /// Reports a silent change at the current path (`hooks.` + path), when building output.
    fn silent(&mut self, last_segment: Option<&str>, problem: String, span: &Range<usize>) {
        if !self.keep {
            return;
        }
        let mut path = String::from("hooks");
        for segment in self.path.iter().map(String::as_str).chain(last_segment) {
            path.push('.');
            path.push_str(segment);
        }
        self.silent_changes.push(HookProblem {
            path,
            problem,
            span: span.clone(),
        });
    }

    /// Reports the earlier occurrences of a repeated key whose value differs from the kept one.
    fn report_overridden(&mut self, property: &Property<'a>) {
        for (key_node, value_node) in &property.overridden {
            if !same_value(value_node, property.value.node, 0) {
                self.silent(
                    Some(&log_text(&property.key)),
                    format!(
                        "`{}` is given more than once here: Claude Code keeps only the last value",
                        property.key
                    ),
                    &key_node.span,
                );
            }
        }
    }

    /// `HZ`: `sWe(U(events), O(G()))`, a partial record of event names to matcher lists.
    fn hooks_record(&mut self, value: JsValue<'a>) -> Option<Node> {
        let heap = self.heap;
        if !heap.is_object(value) {
            self.issue(Some(value.node), invalid_type("record", value.node));
            return None;
        }
        let mut kept = Vec::new();
        let mut unrecognized = Vec::new();
        for property in heap.properties(value) {
            if property.key == "__proto__" {
                continue;
            }
            if !HOOK_EVENTS.contains(&property.key.as_str()) {
                unrecognized.push(format!("\"{}\"", property.key));
                continue;
            }
            self.report_overridden(property);
            let out = self.within(log_text(&property.key), |check| {
                check.field(FieldKind::Matchers, property.value)
            });
            if let Some(out) = out {
                kept.push((key_node(property), out));
            }
        }
        if !unrecognized.is_empty() {
            let noun = if unrecognized.len() == 1 {
                "key"
            } else {
                "keys"
            };
            self.issue(
                Some(value.node),
                format!("Unrecognized {noun}: {}", unrecognized.join(", ")),
            );
        }
        self.output_map(value, kept)
    }

    /// `G`: a hook matcher. With `hooks_as_empty` (how `N4s` checks a matcher of a guard
    /// event: `{...matcher, hooks: []}`), only `matcher` is checked.
    fn matcher(&mut self, value: JsValue<'a>, hooks_as_empty: bool) -> Option<Node> {
        if !hooks_as_empty {
            return self.object(value, MATCHER, "a hook matcher");
        }
        let heap = self.heap;
        if !heap.is_object(value) {
            self.issue(Some(value.node), invalid_type("object", value.node));
        } else if let Some(matcher) = heap.get(value, "matcher") {
            self.within("matcher".to_owned(), |check| {
                check.field(FieldKind::Text, matcher)
            });
        }
        None
    }

    /// `Qje`: a hook entry, checked against the schema its `type` names.
    fn hook_entry(&mut self, value: JsValue<'a>) -> Option<Node> {
        let heap = self.heap;
        if !heap.is_object(value) {
            self.issue(Some(value.node), invalid_type("object", value.node));
            return None;
        }
        let hook_type = heap.get(value, "type");
        let schema = hook_type
            .and_then(|t| t.node.as_str())
            .and_then(|name| HOOK_SCHEMAS.iter().find(|(tag, _)| *tag == name));
        match schema {
            Some((name, shape)) => {
                let article = if matches!(*name, "command" | "prompt") {
                    "a"
                } else {
                    "an"
                };
                self.object(value, shape, &format!("{article} `{name}` hook"))
            }
            None => {
                let expected: Vec<String> = HOOK_TYPES.iter().map(|t| format!("'{t}'")).collect();
                self.within("type".to_owned(), |check| {
                    check.issue(
                        hook_type.map(|t| t.node),
                        format!(
                            "Invalid discriminator value. Expected {}",
                            expected.join(" | ")
                        ),
                    );
                });
                None
            }
        }
    }

    /// `u({...})`: an object schema. Fields are read in the schema's order (which is the order
    /// of the output); a missing optional field is left out; unknown keys are stripped.
    fn object(&mut self, value: JsValue<'a>, shape: &[FieldSpec], described: &str) -> Option<Node> {
        let heap = self.heap;
        if !heap.is_object(value) {
            self.issue(Some(value.node), invalid_type("object", value.node));
            return None;
        }
        let mut kept = Vec::new();
        for spec in shape {
            let Some(property) = heap.property(value, spec.name) else {
                if !spec.optional {
                    let message = spec.kind.missing_message();
                    self.within(spec.name.to_owned(), |check| check.issue(None, message));
                }
                continue;
            };
            let out = self.within(spec.name.to_owned(), |check| {
                check.field(spec.kind, property.value)
            });
            if let Some(out) = out {
                kept.push((key_node(property), out));
            }
        }
        if self.keep {
            for property in heap.properties(value) {
                if shape.iter().any(|spec| spec.name == property.key) {
                    self.report_overridden(property);
                } else {
                    self.silent(
                        Some(&log_text(&property.key)),
                        format!(
                            "unknown key `{}` in {described}: Claude Code drops it",
                            property.key
                        ),
                        &property.key_node.span,
                    );
                }
            }
        }
        self.output_map(value, kept)
    }

    /// Checks one field value; returns its output when building it.
    fn field(&mut self, kind: FieldKind, value: JsValue<'a>) -> Option<Node> {
        let node = value.node;
        match kind {
            FieldKind::Literal(expected) => {
                if node.as_str() != Some(expected) {
                    self.issue(
                        Some(node),
                        format!("Invalid input: expected \"{expected}\""),
                    );
                    return None;
                }
            }
            FieldKind::Text => {
                if node.as_str().is_none() {
                    self.issue(Some(node), invalid_type("string", node));
                    return None;
                }
            }
            FieldKind::NonEmptyText => match node.as_str() {
                None => {
                    self.issue(Some(node), invalid_type("string", node));
                    // The length check still runs on a value that has a length.
                    if matches!(&node.value, Value::Seq(items) if items.is_empty()) {
                        self.issue(
                            Some(node),
                            "Too small: expected array to have >=1 items".to_owned(),
                        );
                    }
                    return None;
                }
                Some("") => {
                    self.issue(
                        Some(node),
                        "Too small: expected string to have >=1 characters".to_owned(),
                    );
                    return None;
                }
                Some(_) => {}
            },
            FieldKind::Url => {
                let Some(text) = node.as_str() else {
                    self.issue(Some(node), invalid_type("string", node));
                    return None;
                };
                let trimmed = js_trim(text);
                if !url::parses(trimmed) {
                    self.issue(Some(node), "Invalid URL".to_owned());
                    return None;
                }
                let cleaned: String = trimmed
                    .chars()
                    .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                    .collect();
                if cleaned != text {
                    self.silent(
                        None,
                        format!(
                            "Claude Code trims the white space around `url` and removes its tabs \
                             and line breaks: it keeps \"{cleaned}\""
                        ),
                        &node.span,
                    );
                    return self.keep.then(|| with_value(node, Value::Str(cleaned)));
                }
            }
            FieldKind::PositiveNumber => {
                let number = match node.value {
                    Value::Int(i) => i as f64,
                    Value::Float(f) => f,
                    _ => {
                        self.issue(Some(node), invalid_type("number", node));
                        return None;
                    }
                };
                if !number.is_finite() {
                    self.issue(Some(node), invalid_type("number", node));
                    return None;
                }
                if number <= 0.0 {
                    self.issue(Some(node), "Too small: expected number to be >0".to_owned());
                    return None;
                }
            }
            FieldKind::Flag => {
                if !matches!(node.value, Value::Bool(_)) {
                    self.issue(Some(node), invalid_type("boolean", node));
                    return None;
                }
            }
            FieldKind::OneOf(options) => {
                if !node.as_str().is_some_and(|s| options.contains(&s)) {
                    let listed: Vec<String> = options.iter().map(|o| format!("\"{o}\"")).collect();
                    self.issue(
                        Some(node),
                        format!("Invalid option: expected one of {}", listed.join("|")),
                    );
                    return None;
                }
            }
            FieldKind::CloudOrSkip => {
                if !node.as_str().is_some_and(|s| s == "device" || s == "skip") {
                    self.silent(
                        None,
                        format!(
                            "`cloud` takes \"device\" or \"skip\": Claude Code replaces {} with \"skip\"",
                            shown(node)
                        ),
                        &node.span,
                    );
                    return self
                        .keep
                        .then(|| with_value(node, Value::Str("skip".to_owned())));
                }
            }
            FieldKind::ContinueOrBlock => match node.as_str() {
                Some("continue" | "block") => {}
                _ => {
                    self.silent(
                        None,
                        format!(
                            "`onFailure` of an `mcp_tool` hook is \"continue\" or \"block\": Claude \
                             Code reads {} as \"block\"",
                            shown(node)
                        ),
                        &node.span,
                    );
                    return self
                        .keep
                        .then(|| with_value(node, Value::Str("block".to_owned())));
                }
            },
            FieldKind::TextList | FieldKind::Matchers | FieldKind::HookEntries => {
                return self.list(kind, value);
            }
            FieldKind::TextRecord | FieldKind::AnyRecord => {
                return self.record(kind, value);
            }
        }
        self.keep.then(|| node.clone())
    }

    /// `O(...)`: a list; each element checked in turn.
    fn list(&mut self, kind: FieldKind, value: JsValue<'a>) -> Option<Node> {
        let heap = self.heap;
        if !heap.is_array(value) {
            self.issue(Some(value.node), invalid_type("array", value.node));
            return None;
        }
        let mut kept = Vec::new();
        for item in heap.items(value) {
            let out = self.within(item.index.to_string(), |check| match kind {
                FieldKind::Matchers => check.matcher(item.value, false),
                FieldKind::HookEntries => check.hook_entry(item.value),
                _ => check.field(FieldKind::Text, item.value),
            });
            kept.extend(out);
        }
        self.keep.then(|| Node {
            value: Value::Seq(kept),
            span: value.node.span.clone(),
            style: None,
        })
    }

    /// `Te(r(), ...)`: a record with string keys. Its output lists the keys in JavaScript's
    /// order; a `__proto__` key is left out.
    fn record(&mut self, kind: FieldKind, value: JsValue<'a>) -> Option<Node> {
        let heap = self.heap;
        if !heap.is_object(value) {
            self.issue(Some(value.node), invalid_type("record", value.node));
            return None;
        }
        let mut kept = Vec::new();
        for property in heap.properties(value) {
            if property.key == "__proto__" {
                self.silent(
                    Some("__proto__"),
                    "Claude Code drops the key `__proto__` here".to_owned(),
                    &property.key_node.span,
                );
                continue;
            }
            self.report_overridden(property);
            let out = self.within(log_text(&property.key), |check| match kind {
                FieldKind::TextRecord => check.field(FieldKind::Text, property.value),
                _ => check.keep.then(|| check.js_copy(property.value)),
            });
            if let Some(out) = out {
                kept.push((key_node(property), out));
            }
        }
        self.output_map(value, kept)
    }

    fn output_map(&self, value: JsValue<'a>, entries: Vec<(Node, Node)>) -> Option<Node> {
        self.keep.then(|| Node {
            value: Value::Map(entries),
            span: value.node.span.clone(),
            style: None,
        })
    }

    /// A value passed through unchanged (`de()`), as JavaScript holds it: mappings with their
    /// keys in JavaScript's order, a repeated key once.
    fn js_copy(&mut self, value: JsValue<'a>) -> Node {
        let heap = self.heap;
        match value.object.and_then(|id| heap.objects.get(id)) {
            Some(HeapObject::Array(items)) => {
                let mut copied = Vec::with_capacity(items.len());
                for item in items {
                    copied.push(
                        self.within(item.index.to_string(), |check| check.js_copy(item.value)),
                    );
                }
                Node {
                    value: Value::Seq(copied),
                    span: value.node.span.clone(),
                    style: None,
                }
            }
            Some(HeapObject::Object(properties)) => {
                let mut copied = Vec::with_capacity(properties.len());
                for property in properties {
                    self.report_overridden(property);
                    let out = self.within(log_text(&property.key), |check| {
                        check.js_copy(property.value)
                    });
                    copied.push((key_node(property), out));
                }
                Node {
                    value: Value::Map(copied),
                    span: value.node.span.clone(),
                    style: None,
                }
            }
            None => deep_js_copy(value.node),
        }
    }
}

impl FieldKind {
    /// The issue of a required field that is missing (the schema run on `undefined`).
    fn missing_message(self) -> String {
        let expected = match self {
            FieldKind::Literal(value) => return format!("Invalid input: expected \"{value}\""),
            FieldKind::PositiveNumber => "number",
            FieldKind::Flag => "boolean",
            FieldKind::TextList | FieldKind::Matchers | FieldKind::HookEntries => "array",
            FieldKind::TextRecord | FieldKind::AnyRecord => "record",
            _ => "string",
        };
        format!("Invalid input: expected {expected}, received undefined")
    }
}

/// The key node of a kept property: the last occurrence's key, as the string JavaScript uses.
fn key_node(property: &Property<'_>) -> Node {
    with_value(property.key_node, Value::Str(property.key.clone()))
}

fn with_value(node: &Node, value: Value) -> Node {
    Node {
        value,
        span: node.span.clone(),
        style: node.style,
    }
}

/// A copy of a YAML value as JavaScript holds it (mappings in JavaScript's key order, a repeated
/// key once with its last value), made without recursion: the value may nest deeply.
fn deep_js_copy(root: &Node) -> Node {
    struct Frame<'n> {
        source: &'n Node,
        key: Option<Node>,
        children: Vec<(Option<Node>, &'n Node)>,
        next: usize,
        done: Vec<(Option<Node>, Node)>,
    }
    fn open(source: &Node, key: Option<Node>) -> Frame<'_> {
        let children = match &source.value {
            Value::Seq(items) => items.iter().map(|item| (None, item)).collect(),
            Value::Map(entries) => {
                let loaded = entries
                    .iter()
                    .map(|(key, value)| {
                        (
                            key,
                            JsValue {
                                node: value,
                                object: None,
                            },
                        )
                    })
                    .collect();
                js_properties(loaded)
                    .iter()
                    .map(|p| (Some(key_node(p)), p.value.node))
                    .collect()
            }
            _ => Vec::new(),
        };
        Frame {
            source,
            key,
            children,
            next: 0,
            done: Vec::new(),
        }
    }
    fn close(frame: Frame<'_>) -> (Option<Node>, Node) {
        let value = match frame.source.value {
            Value::Map(_) => Value::Map(
                frame
                    .done
                    .into_iter()
                    .map(|(key, value)| (key.unwrap_or_else(|| value.clone()), value))
                    .collect(),
            ),
            _ => Value::Seq(frame.done.into_iter().map(|(_, value)| value).collect()),
        };
        (
            frame.key,
            Node {
                value,
                span: frame.source.span.clone(),
                style: None,
            },
        )
    }
    if !matches!(root.value, Value::Seq(_) | Value::Map(_)) {
        return root.clone();
    }
    let mut stack = vec![open(root, None)];
    while let Some(top) = stack.last_mut() {
        if let Some((key, child)) = top.children.get(top.next).cloned() {
            top.next += 1;
            if matches!(child.value, Value::Seq(_) | Value::Map(_)) {
                stack.push(open(child, key));
            } else {
                top.done.push((key, child.clone()));
            }
            continue;
        }
        let Some(frame) = stack.pop() else { break };
        let (key, node) = close(frame);
        match stack.last_mut() {
            Some(parent) => parent.done.push((key, node)),
            None => return node,
        }
    }
    root.clone()
}

/// Whether two YAML values are the same JavaScript value (numbers by value, spans ignored);
/// values nested deeper than [`MAX_COMPARED_DEPTH`] count as different.
fn same_value(a: &Node, b: &Node, depth: usize) -> bool {
    if depth > MAX_COMPARED_DEPTH {
        return false;
    }
    let number = |node: &Node| match node.value {
        Value::Int(i) => Some(i as f64),
        Value::Float(f) => Some(f),
        _ => None,
    };
    match (&a.value, &b.value) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(p, q, depth + 1))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter().zip(y).all(|((kx, vx), (ky, vy))| {
                    kx.key_text() == ky.key_text() && same_value(vx, vy, depth + 1)
                })
        }
        _ => match (number(a), number(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Messages

/// `S`: how Claude Code's hook checks describe a value: `null`, `an array`, `a string`, ….
fn described(value: JsValue<'_>) -> String {
    match value.node.value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Int(_) | Value::Float(_) => "a number",
        Value::Str(_) => "a string",
        Value::Seq(_) => "an array",
        Value::Map(_) => "an object",
    }
    .to_owned()
}

/// `Oe`: how the schema's messages name the type of a value it received.
fn received(node: &Node) -> String {
    match node.value {
        Value::Null => "null".to_owned(),
        Value::Bool(_) => "boolean".to_owned(),
        Value::Int(_) => "number".to_owned(),
        Value::Float(f) if f.is_finite() => "number".to_owned(),
        Value::Float(f) => js_number_text(f),
        Value::Str(_) => "string".to_owned(),
        Value::Seq(_) => "array".to_owned(),
        Value::Map(_) => "object".to_owned(),
    }
}

fn invalid_type(expected: &str, node: &Node) -> String {
    format!(
        "Invalid input: expected {expected}, received {}",
        received(node)
    )
}

/// `W`: the issues of a failed check, as Claude Code logs them.
fn describe_issues(issues: &[Issue<'_>]) -> String {
    issues
        .iter()
        .map(|issue| {
            if issue.path.is_empty() {
                issue.message.clone()
            } else {
                format!("{}: {}", issue.path.join("."), issue.message)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A written value in a message: a scalar as written, anything else by its type.
fn shown(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => format!("\"{s}\""),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => js_number_text(*f),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_owned(),
        _ => described(JsValue { node, object: None }),
    }
}

/// `_h`, in part: how Claude Code shows a key or a type name in its log (line feeds and tabs
/// made visible).
fn log_text(text: &str) -> String {
    text.replace('\n', "\u{2424}").replace('\t', "\u{2409}")
}

// ---------------------------------------------------------------------------------------------
// URLs

/// Whether `new URL(input)` succeeds (the WHATWG URL parser, no base URL), which is what the
/// hooks schema's `r().url()` asks of an `http` hook's trimmed `url`.
///
/// Failures reproduced: no scheme; an empty or invalid host of a special scheme (forbidden
/// code points, bad IPv4 or IPv6 addresses, bad `xn--` labels, soft hyphens only); a bad port;
/// credentials without a host; forbidden code points in the host of other schemes. Not
/// reproduced: the full IDNA (UTS #46) mapping of non-ASCII host names, which are taken as
/// valid unless they hold a replacement character, a zero-width joiner or non-joiner, a control
/// or space character, or a forbidden code point after width folding (so a label starting with a
/// combining mark, or breaking the bidi rule, is wrongly taken as valid).
mod url {
    const SPECIAL_SCHEMES: &[&str] = &["ftp", "file", "http", "https", "ws", "wss"];

    pub(super) fn parses(input: &str) -> bool {
        let input: Vec<char> = input
            .trim_matches(|c: char| c <= ' ')
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        // scheme start state, scheme state
        if !input.first().is_some_and(char::is_ascii_alphabetic) {
            return false;
        }
        let scheme_end = input
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
            .unwrap_or(input.len());
        if input.get(scheme_end) != Some(&':') {
            return false;
        }
        let scheme: String = input[..scheme_end]
            .iter()
            .collect::<String>()
            .to_ascii_lowercase();
        let rest = &input[scheme_end + 1..];
        if scheme == "file" {
            return file_url(rest);
        }
        if SPECIAL_SCHEMES.contains(&scheme.as_str()) {
            let slashes = rest.iter().take_while(|c| matches!(c, '/' | '\\')).count();
            return authority(&rest[slashes..], true);
        }
        if rest.starts_with(&['/', '/']) {
            return authority(&rest[2..], false);
        }
        // opaque path or path: nothing fails there
        true
    }

    /// file state, file slash state, file host state.
    fn file_url(rest: &[char]) -> bool {
        let is_slash = |c: Option<&char>| matches!(c, Some('/' | '\\'));
        if !is_slash(rest.first()) || !is_slash(rest.get(1)) {
            return true;
        }
        let after = &rest[2..];
        let end = after
            .iter()
            .position(|c| matches!(c, '/' | '\\' | '?' | '#'))
            .unwrap_or(after.len());
        let host = &after[..end];
        let drive_letter =
            host.len() == 2 && host[0].is_ascii_alphabetic() && matches!(host[1], ':' | '|');
        drive_letter || host.is_empty() || parse_host(host, true)
    }

    /// authority state, host state, port state.
    fn authority(rest: &[char], special: bool) -> bool {
        let end = rest
            .iter()
            .position(|&c| matches!(c, '/' | '?' | '#') || (special && c == '\\'))
            .unwrap_or(rest.len());
        let authority = &rest[..end];
        let (at_sign, host_and_port) = match authority.iter().rposition(|&c| c == '@') {
            Some(at) => (true, &authority[at + 1..]),
            None => (false, authority),
        };
        if at_sign && host_and_port.is_empty() {
            return false;
        }
        let mut inside_brackets = false;
        let mut colon = None;
        for (i, &c) in host_and_port.iter().enumerate() {
            match c {
                ':' if !inside_brackets => {
                    colon = Some(i);
                    break;
                }
                '[' => inside_brackets = true,
                ']' => inside_brackets = false,
                _ => {}
            }
        }
        let host = &host_and_port[..colon.unwrap_or(host_and_port.len())];
        if host.is_empty() && (colon.is_some() || special) {
            return false;
        }
        if !parse_host(host, special) {
            return false;
        }
        let Some(colon) = colon else { return true };
        let port = &host_and_port[colon + 1..];
        if !port.iter().all(char::is_ascii_digit) {
            return false;
        }
        let value = port.iter().fold(0u32, |value, c| {
            value
                .saturating_mul(10)
                .saturating_add(c.to_digit(10).unwrap_or(0))
        });
        port.is_empty() || value <= 65535
    }

    fn is_forbidden_host(c: char) -> bool {
        matches!(
            c,
            '\0' | '\t'
                | '\n'
                | '\r'
                | ' '
                | '#'
                | '/'
                | ':'
                | '<'
                | '>'
                | '?'
                | '@'
                | '['
                | '\\'
                | ']'
                | '^'
                | '|'
        )
    }

    fn is_forbidden_domain(c: char) -> bool {
        is_forbidden_host(c) || c <= '\u{1f}' || c == '%' || c == '\u{7f}'
    }

    /// The host parser.
    fn parse_host(host: &[char], special: bool) -> bool {
        if host.first() == Some(&'[') {
            return host.len() >= 2 && host.last() == Some(&']') && ipv6(&host[1..host.len() - 1]);
        }
        if !special {
            // opaque host
            return !host.iter().any(|&c| is_forbidden_host(c));
        }
        let text: String = host.iter().collect();
        let decoded = String::from_utf8_lossy(&percent_decode(&text)).into_owned();
        let Some(ascii) = domain_to_ascii(&decoded) else {
            return false;
        };
        if ascii.is_empty() || ascii.chars().any(is_forbidden_domain) {
            return false;
        }
        if ends_in_number(&ascii) {
            return ipv4(&ascii);
        }
        true
    }

    fn percent_decode(text: &str) -> Vec<u8> {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = |b: Option<&u8>| b.and_then(|b| (*b as char).to_digit(16));
            if let (b'%', Some(high), Some(low)) =
                (bytes[i], hex(bytes.get(i + 1)), hex(bytes.get(i + 2)))
            {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
            out.push(bytes[i]);
            i += 1;
        }
        out
    }

    /// Domain to ASCII (UTS #46 ToASCII, not strict), in part: ASCII labels are lower-cased and
    /// `xn--` labels must decode; non-ASCII labels are width-folded and lower-cased.
    fn domain_to_ascii(domain: &str) -> Option<String> {
        let mut mapped = String::with_capacity(domain.len());
        for c in domain.chars() {
            match c {
                '\u{ad}' => {}
                '\u{3002}' | '\u{ff0e}' | '\u{ff61}' => mapped.push('.'),
                '\u{ff01}'..='\u{ff5e}' => {
                    mapped.extend(char::from_u32(c as u32 - 0xfee0).map(|c| c.to_ascii_lowercase()))
                }
                '\u{fffd}' | '\u{200c}' | '\u{200d}' => return None,
                // C1 controls and line separators are disallowed; other spaces fold to U+0020.
                c if !c.is_ascii() && (c.is_control() || c.is_whitespace()) => return None,
                _ => mapped.extend(c.to_lowercase()),
            }
        }
        for label in mapped.split('.') {
            let Some(encoded) = label
                .get(..4)
                .filter(|prefix| prefix.eq_ignore_ascii_case("xn--"))
                .map(|_| &label[4..])
            else {
                continue;
            };
            let decoded = punycode_decode(encoded)?;
            let valid = !decoded.is_empty()
                && !decoded.iter().all(char::is_ascii)
                && !decoded.iter().any(|&c| c.is_control() || c == '\u{fffd}');
            if !valid {
                return None;
            }
        }
        Some(mapped)
    }

    /// RFC 3492 decoding; `None` when the text is not valid Punycode.
    fn punycode_decode(input: &str) -> Option<Vec<char>> {
        const BASE: u32 = 36;
        let (mut output, encoded): (Vec<char>, &str) = match input.rfind('-') {
            Some(dash) => (input[..dash].chars().collect(), &input[dash + 1..]),
            None => (Vec::new(), input),
        };
        if !output.iter().all(char::is_ascii) {
            return None;
        }
        let mut n: u32 = 128;
        let mut i: u32 = 0;
        let mut bias: u32 = 72;
        let mut chars = encoded.chars().peekable();
        while chars.peek().is_some() {
            let old_i = i;
            let mut weight: u32 = 1;
            let mut k = BASE;
            loop {
                let c = chars.next()?;
                let digit = match c {
                    'a'..='z' => c as u32 - 'a' as u32,
                    'A'..='Z' => c as u32 - 'A' as u32,
                    '0'..='9' => c as u32 - '0' as u32 + 26,
                    _ => return None,
                };
                i = i.checked_add(digit.checked_mul(weight)?)?;
                let t = if k <= bias {
                    1
                } else if k >= bias + 26 {
                    26
                } else {
                    k - bias
                };
                if digit < t {
                    break;
                }
                weight = weight.checked_mul(BASE - t)?;
                k += BASE;
            }
            let length = output.len() as u32 + 1;
            bias = adapt(i - old_i, length, old_i == 0);
            n = n.checked_add(i / length)?;
            i %= length;
            let c = char::from_u32(n)?;
            output.insert(i as usize, c);
            i += 1;
        }
        Some(output)
    }

    fn adapt(delta: u32, length: u32, first: bool) -> u32 {
        let mut delta = if first { delta / 700 } else { delta / 2 };
        delta += delta / length;
        let mut k = 0;
        while delta > 455 {
            delta /= 35;
            k += 36;
        }
        k + 36 * delta / (delta + 38)
    }

    /// The ends-in-a-number checker.
    fn ends_in_number(domain: &str) -> bool {
        let mut parts: Vec<&str> = domain.split('.').collect();
        if parts.last() == Some(&"") {
            if parts.len() == 1 {
                return false;
            }
            parts.pop();
        }
        let last = parts.last().copied().unwrap_or("");
        if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) {
            return true;
        }
        ipv4_number(last).is_some()
    }

    /// The IPv4 number parser (saturating: any value above 2³² is out of range anyway).
    fn ipv4_number(part: &str) -> Option<u64> {
        if part.is_empty() {
            return None;
        }
        let (digits, radix) =
            if part.len() >= 2 && (part.starts_with("0x") || part.starts_with("0X")) {
                (&part[2..], 16)
            } else if part.len() >= 2 && part.starts_with('0') {
                (&part[1..], 8)
            } else {
                (part, 10)
            };
        let mut value: u64 = 0;
        for c in digits.chars() {
            let digit = c.to_digit(radix)?;
            value = value
                .saturating_mul(u64::from(radix))
                .saturating_add(u64::from(digit));
        }
        Some(value)
    }

    /// The IPv4 parser.
    fn ipv4(domain: &str) -> bool {
        let mut parts: Vec<&str> = domain.split('.').collect();
        if parts.len() > 1 && parts.last() == Some(&"") {
            parts.pop();
        }
        if parts.len() > 4 {
            return false;
        }
        let mut numbers = Vec::with_capacity(parts.len());
        for part in &parts {
            let Some(number) = ipv4_number(part) else {
                return false;
            };
            numbers.push(number);
        }
        let Some((last, rest)) = numbers.split_last() else {
            return false;
        };
        if rest.iter().any(|&n| n > 255) {
            return false;
        }
        *last < 256u64.pow(5 - numbers.len() as u32)
    }

    /// The IPv6 parser.
    fn ipv6(input: &[char]) -> bool {
        let mut pieces = [0u32; 8];
        let mut piece_index = 0usize;
        let mut compress = None;
        let mut pointer = 0usize;
        let at = |p: usize| input.get(p).copied();
        if at(0) == Some(':') {
            if at(1) != Some(':') {
                return false;
            }
            pointer += 2;
            piece_index += 1;
            compress = Some(piece_index);
        }
        while at(pointer).is_some() {
            if piece_index == 8 {
                return false;
            }
            if at(pointer) == Some(':') {
                if compress.is_some() {
                    return false;
                }
                pointer += 1;
                piece_index += 1;
                compress = Some(piece_index);
                continue;
            }
            let mut value = 0u32;
            let mut length = 0;
            while length < 4 {
                let Some(digit) = at(pointer).and_then(|c| c.to_digit(16)) else {
                    break;
                };
                value = value * 16 + digit;
                pointer += 1;
                length += 1;
            }
            if at(pointer) == Some('.') {
                if length == 0 {
                    return false;
                }
                pointer -= length;
                if piece_index > 6 {
                    return false;
                }
                let mut numbers_seen = 0;
                while at(pointer).is_some() {
                    if numbers_seen > 0 {
                        if at(pointer) == Some('.') && numbers_seen < 4 {
                            pointer += 1;
                        } else {
                            return false;
                        }
                    }
                    if !at(pointer).is_some_and(|c| c.is_ascii_digit()) {
                        return false;
                    }
                    let mut ipv4_piece: Option<u32> = None;
                    while let Some(number) = at(pointer).and_then(|c| c.to_digit(10)) {
                        ipv4_piece = match ipv4_piece {
                            None => Some(number),
                            Some(0) => return false,
                            Some(piece) => Some(piece * 10 + number),
                        };
                        if ipv4_piece.is_some_and(|p| p > 255) {
                            return false;
                        }
                        pointer += 1;
                    }
                    let Some(slot) = pieces.get_mut(piece_index) else {
                        return false;
                    };
                    *slot = *slot * 0x100 + ipv4_piece.unwrap_or(0);
                    numbers_seen += 1;
                    if numbers_seen == 2 || numbers_seen == 4 {
                        piece_index += 1;
                    }
                }
                if numbers_seen != 4 {
                    return false;
                }
                break;
            } else if at(pointer) == Some(':') {
                pointer += 1;
                if at(pointer).is_none() {
                    return false;
                }
            } else if at(pointer).is_some() {
                return false;
            }
            let Some(slot) = pieces.get_mut(piece_index) else {
                return false;
            };
            *slot = value;
            piece_index += 1;
        }
        compress.is_some() || piece_index == 8
    }
}

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
    fn deep_values_made_by_aliases_are_copied_without_recursion() {
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
        // The YAML parser itself copies aliases recursively: give it a large stack.
        let reading = std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(move || {
                let root = frontmatter(&text);
                let hooks = entries(&root)
                    .into_iter()
                    .find(|(k, _)| k == "hooks")
                    .map(|(_, v)| v.clone())
                    .unwrap();
                let reading = read_hooks(&hooks);
                let kept_depth = reading.kept.as_ref().map(depth);
                let problems = guards_of(&text);
                (
                    reading.rejections.len(),
                    reading.dropped.len(),
                    kept_depth,
                    problems.len(),
                )
            })
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(reading.0, 0);
        assert_eq!(reading.1, 0);
        assert!(reading.2.unwrap() > 3000);
        assert_eq!(reading.3, 0);
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
