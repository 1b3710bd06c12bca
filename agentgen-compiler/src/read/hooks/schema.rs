//! The hooks schema (`_t`, `Qje`, `G`, `HZ`): what Claude Code checks, strips and changes in
//! each matcher and hook entry.

use super::*;

/// A field type of the hooks schema, named after what the zod-like builder of Claude Code
/// (chunk-j7rrrdnv.js) checks.
#[derive(Clone, Copy)]
pub(super) enum FieldKind {
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
pub(super) struct FieldSpec {
    pub(super) name: &'static str,
    pub(super) kind: FieldKind,
    pub(super) optional: bool,
}

pub(super) const fn required(name: &'static str, kind: FieldKind) -> FieldSpec {
    FieldSpec {
        name,
        kind,
        optional: false,
    }
}

pub(super) const fn optional(name: &'static str, kind: FieldKind) -> FieldSpec {
    FieldSpec {
        name,
        kind,
        optional: true,
    }
}

pub(super) const SHELLS: &[&str] = &["bash", "powershell"];
pub(super) const ON_FAILURE: &[&str] = &["continue", "block"];

/// `BashCommandHookSchema` of `_t`.
pub(super) const COMMAND_HOOK: &[FieldSpec] = &[
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
pub(super) const PROMPT_HOOK: &[FieldSpec] = &[
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
pub(super) const AGENT_HOOK: &[FieldSpec] = &[
    required("type", FieldKind::Literal("agent")),
    required("prompt", FieldKind::Text),
    optional("if", FieldKind::Text),
    optional("timeout", FieldKind::PositiveNumber),
    optional("model", FieldKind::Text),
    optional("statusMessage", FieldKind::Text),
    optional("once", FieldKind::Flag),
];

/// `HttpHookSchema` of `_t`.
pub(super) const HTTP_HOOK: &[FieldSpec] = &[
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
pub(super) const MCP_TOOL_HOOK: &[FieldSpec] = &[
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
pub(super) const HOOK_SCHEMAS: &[(&str, &[FieldSpec])] = &[
    ("command", COMMAND_HOOK),
    ("prompt", PROMPT_HOOK),
    ("agent", AGENT_HOOK),
    ("http", HTTP_HOOK),
    ("mcp_tool", MCP_TOOL_HOOK),
];

/// `G`: a hook matcher.
pub(super) const MATCHER: &[FieldSpec] = &[
    optional("matcher", FieldKind::Text),
    required("hooks", FieldKind::HookEntries),
];

/// One schema issue: its path (relative to where the check started), Claude Code's message,
/// and the node it is about (`None` for a missing key).
pub(super) struct Issue<'a> {
    pub(super) path: Vec<String>,
    pub(super) message: String,
    pub(super) node: Option<&'a Node>,
}

/// A run of the hooks schema over heap values, collecting issues; with `keep`, also building
/// the output (the kept value) and reporting what the schema changes without an issue.
pub(super) struct SchemaCheck<'h, 'a> {
    pub(super) heap: &'h Heap<'a>,
    pub(super) path: Vec<String>,
    pub(super) issues: Vec<Issue<'a>>,
    pub(super) keep: bool,
    pub(super) silent_changes: Vec<HookProblem>,
}

impl<'h, 'a> SchemaCheck<'h, 'a> {
    pub(super) fn new(heap: &'h Heap<'a>, keep: bool) -> Self {
        SchemaCheck {
            heap,
            path: Vec::new(),
            issues: Vec::new(),
            keep,
            silent_changes: Vec::new(),
        }
    }

    pub(super) fn issue(&mut self, node: Option<&'a Node>, message: String) {
        self.issues.push(Issue {
            path: self.path.clone(),
            message,
            node,
        });
    }

    pub(super) fn within<T>(&mut self, segment: String, check: impl FnOnce(&mut Self) -> T) -> T {
        self.path.push(segment);
        let result = check(self);
        self.path.pop();
        result
    }

    /// Reports a silent change at the current path (`hooks.` + path), when building output.
    pub(super) fn silent(
        &mut self,
        last_segment: Option<&str>,
        problem: String,
        span: &Range<usize>,
    ) {
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
    pub(super) fn report_overridden(&mut self, property: &Property<'a>) {
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
    pub(super) fn hooks_record(&mut self, value: JsValue<'a>) -> Option<Node> {
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
    pub(super) fn matcher(&mut self, value: JsValue<'a>, hooks_as_empty: bool) -> Option<Node> {
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
    pub(super) fn hook_entry(&mut self, value: JsValue<'a>) -> Option<Node> {
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
    pub(super) fn object(
        &mut self,
        value: JsValue<'a>,
        shape: &[FieldSpec],
        described: &str,
    ) -> Option<Node> {
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
    pub(super) fn field(&mut self, kind: FieldKind, value: JsValue<'a>) -> Option<Node> {
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
    pub(super) fn list(&mut self, kind: FieldKind, value: JsValue<'a>) -> Option<Node> {
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
    pub(super) fn record(&mut self, kind: FieldKind, value: JsValue<'a>) -> Option<Node> {
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

    pub(super) fn output_map(
        &self,
        value: JsValue<'a>,
        entries: Vec<(Node, Node)>,
    ) -> Option<Node> {
        self.keep.then(|| Node {
            value: Value::Map(entries),
            span: value.node.span.clone(),
            style: None,
        })
    }

    /// A value passed through unchanged (`de()`), as JavaScript holds it: mappings with their
    /// keys in JavaScript's order, a repeated key once.
    pub(super) fn js_copy(&mut self, value: JsValue<'a>) -> Node {
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
    pub(super) fn missing_message(self) -> String {
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
pub(super) fn key_node(property: &Property<'_>) -> Node {
    with_value(property.key_node, Value::Str(property.key.clone()))
}

pub(super) fn with_value(node: &Node, value: Value) -> Node {
    Node {
        value,
        span: node.span.clone(),
        style: node.style,
    }
}

/// A copy of a YAML value as JavaScript holds it (mappings in JavaScript's key order, a repeated
/// key once with its last value), made without recursion: the value may nest deeply.
pub(super) fn deep_js_copy(root: &Node) -> Node {
    struct Frame<'n> {
        source: &'n Node,
        key: Option<Node>,
        children: Vec<(Option<Node>, &'n Node)>,
        next: usize,
        done: Vec<(Option<Node>, Node)>,
    }
    pub(super) fn open(source: &Node, key: Option<Node>) -> Frame<'_> {
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
    pub(super) fn close(frame: Frame<'_>) -> (Option<Node>, Node) {
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
pub(super) fn same_value(a: &Node, b: &Node, depth: usize) -> bool {
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
