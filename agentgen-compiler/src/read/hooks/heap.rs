//! JavaScript values over the YAML tree: the heap of arrays and objects Claude Code's hook
//! reading works on, alias copies sharing one object as `Bun.YAML.parse` makes them.

use super::*;

/// A value as Claude Code's JavaScript sees it: the YAML node it came from and, for a list or a
/// mapping within [`MAX_LOADED_DEPTH`], the heap object holding its current contents.
#[derive(Clone, Copy)]
pub(super) struct JsValue<'a> {
    pub(super) node: &'a Node,
    pub(super) object: Option<usize>,
}

/// An element of a JavaScript array, with its index in the YAML list it came from.
#[derive(Clone, Copy)]
pub(super) struct Item<'a> {
    pub(super) index: usize,
    pub(super) value: JsValue<'a>,
}

/// An own property of a JavaScript object made from a YAML mapping: a key written more than
/// once keeps the position of its first occurrence and the value of its last.
#[derive(Clone)]
pub(super) struct Property<'a> {
    pub(super) key: String,
    /// The key node of the last occurrence (the one whose value is kept).
    pub(super) key_node: &'a Node,
    pub(super) value: JsValue<'a>,
    /// Earlier occurrences of the key: (key node, value node).
    pub(super) overridden: Vec<(&'a Node, &'a Node)>,
}

pub(super) enum HeapObject<'a> {
    Array(Vec<Item<'a>>),
    Object(Vec<Property<'a>>),
}

/// What identifies a loaded list or mapping: its kind and its children's spans (and heap
/// objects), or its own span when it has no children. An alias copy has exactly the children of
/// its anchor.
#[derive(PartialEq, Eq, Hash)]
pub(super) struct Fingerprint {
    pub(super) is_object: bool,
    pub(super) children: Vec<(usize, usize, usize)>,
}

/// The JavaScript objects `Bun.YAML.parse` makes from a YAML value, which Claude Code's checks
/// then change in place.
#[derive(Default)]
pub(super) struct Heap<'a> {
    pub(super) objects: Vec<HeapObject<'a>>,
    pub(super) by_fingerprint: HashMap<Fingerprint, usize>,
}

/// What `Prt` is told: `matchersCount` (a matcher-shaped object counts as a guard),
/// `unscannedKeys`, `inHooksList` (the value is inside a matcher's `hooks` list).
#[derive(Clone, Copy)]
pub(super) struct Scan<'k> {
    pub(super) matchers_count: bool,
    pub(super) unscanned: &'k [&'k str],
    pub(super) in_hooks_list: bool,
}

impl Scan<'_> {
    /// `{matchersCount: false}`, as `N4s` and `I5e` scan matcher lists.
    pub(super) const NOT_MATCHERS: Scan<'static> = Scan {
        matchers_count: false,
        unscanned: &[],
        in_hooks_list: false,
    };
}

/// What `Prt` found: where (path segments, innermost first), the node, and what it is.
pub(super) struct Found<'a> {
    pub(super) path: Vec<String>,
    pub(super) node: &'a Node,
    pub(super) kind: FoundKind,
}

pub(super) enum FoundKind {
    /// A guard event key with a value (`pe`).
    GuardEvent(String),
    /// A matcher-shaped object (`Zje`).
    Matcher,
}

/// A problem found by `N4s` or `ht`, its path relative to the event's matcher list.
pub(super) struct Finding {
    pub(super) path: String,
    pub(super) problem: String,
    pub(super) span: Range<usize>,
}

/// `I5e`'s result: its notes (`…; entry ignored`) and its unloadable guards.
pub(super) struct Structure {
    pub(super) ignored: Vec<HookProblem>,
    pub(super) unloadable_guards: Vec<HookProblem>,
}

impl<'a> Heap<'a> {
    /// Loads a YAML value as `Bun.YAML.parse` gives it to Claude Code.
    pub(super) fn load(&mut self, node: &'a Node) -> JsValue<'a> {
        self.load_at(node, 0, false)
    }

    pub(super) fn load_at(
        &mut self,
        node: &'a Node,
        depth: usize,
        inside_alias: bool,
    ) -> JsValue<'a> {
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

    pub(super) fn items(&self, value: JsValue<'a>) -> &[Item<'a>] {
        match value.object.and_then(|id| self.objects.get(id)) {
            Some(HeapObject::Array(items)) => items,
            _ => &[],
        }
    }

    pub(super) fn properties(&self, value: JsValue<'a>) -> &[Property<'a>] {
        match value.object.and_then(|id| self.objects.get(id)) {
            Some(HeapObject::Object(properties)) => properties,
            _ => &[],
        }
    }

    pub(super) fn property(&self, value: JsValue<'a>, key: &str) -> Option<&Property<'a>> {
        self.properties(value).iter().find(|p| p.key == key)
    }

    /// `value[key]` for an own property.
    pub(super) fn get(&self, value: JsValue<'a>, key: &str) -> Option<JsValue<'a>> {
        self.property(value, key).map(|p| p.value)
    }

    /// `Array.isArray(value)`.
    pub(super) fn is_array(&self, value: JsValue<'a>) -> bool {
        matches!(value.node.value, Value::Seq(_))
    }

    /// `value && typeof value === "object" && !Array.isArray(value)`.
    pub(super) fn is_object(&self, value: JsValue<'a>) -> bool {
        matches!(value.node.value, Value::Map(_))
    }

    /// `value.length` of an array.
    pub(super) fn array_length(&self, value: JsValue<'a>) -> usize {
        match (&value.node.value, value.object) {
            (_, Some(_)) => self.items(value).len(),
            (Value::Seq(items), None) => items.len(),
            _ => 0,
        }
    }

    /// Removes array elements (positions in the current array) once a loop over it is done:
    /// the JavaScript splices them out during its loop, which runs from the end, so the elements
    /// it still reads are the same.
    pub(super) fn remove_items(&mut self, array: JsValue<'a>, positions: &[usize]) {
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
    pub(super) fn remove_properties(&mut self, object: JsValue<'a>, keys: &[String]) {
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
    pub(super) fn holds_guard_value(&self, value: JsValue<'a>) -> bool {
        let empty_list = self.is_array(value) && self.array_length(value) == 0;
        !matches!(value.node.value, Value::Null) && !empty_list
    }

    /// `pe`: the first guard event key of an object whose value declares hooks.
    pub(super) fn guard_event_property(&self, value: JsValue<'a>) -> Option<&Property<'a>> {
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
    pub(super) fn is_matcher_shaped(&self, value: JsValue<'a>) -> bool {
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
    pub(super) fn find_guard_hooks(
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
    pub(super) fn check_structure(&mut self, hooks: JsValue<'a>) -> Structure {
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
    pub(super) fn check_matchers(
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
    pub(super) fn check_hook(&self, hook: JsValue<'a>) -> Option<(String, Range<usize>)> {
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

pub(super) fn mark(value: JsValue<'_>) -> (usize, usize, usize) {
    (
        value.node.span.start,
        value.node.span.end,
        value.object.unwrap_or(usize::MAX),
    )
}

/// The own properties of the object JavaScript makes from a mapping's entries: a repeated key
/// keeps its first position and its last value; integer-like keys come first, in numeric order.
pub(super) fn js_properties<'a>(entries: Vec<(&'a Node, JsValue<'a>)>) -> Vec<Property<'a>> {
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
pub(super) fn js_key_rank(key: &str) -> (u8, u64) {
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
