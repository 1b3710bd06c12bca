//! YAML 1.2 for frontmatter: a value tree with byte spans, built from the events of granit-parser
//! (the parser behind serde-saphyr), resolved with the YAML 1.2 core schema as Claude Code's
//! JavaScript loader resolves it, and Claude Code's re-quoting fallback for frontmatter that is
//! not valid YAML.
//!
//! Limits keep hostile input bounded: nesting is capped at [`MAX_DEPTH`] levels (by the parser
//! for written nesting, here for nesting that aliases build) and alias expansion by a node
//! budget ([`MAX_NODES`]).

use std::collections::HashMap;

use granit_parser::{ErrorKind, Event, Parser, ScalarStyle, ScanError};

use crate::source::is_js_whitespace;

/// The most YAML nodes one frontmatter may expand to (aliases included): bounds "billion laughs".
pub const MAX_NODES: usize = 100_000;

/// The deepest nesting of lists and mappings one frontmatter may build, aliases included: the
/// parser's own limit for written nesting. Deeper trees would overflow the stack of the code that
/// walks them (a chain of aliases can nest thousands of levels in a few lines).
pub const MAX_DEPTH: usize = 255;

/// A YAML node and where it is in the text that was parsed (byte offsets into the original
/// frontmatter text, also for fallback-parsed text).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The resolved value.
    pub value: Value,
    /// Byte range in the frontmatter text.
    pub span: std::ops::Range<usize>,
    /// The scalar style, for scalars.
    pub style: Option<ScalarStyle>,
}

/// A resolved YAML value (core schema).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~`, empty.
    Null,
    /// `true` / `false` (and their capitalised forms).
    Bool(bool),
    /// An integer that fits `i64`.
    Int(i64),
    /// Any other number.
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, entries in file order, duplicates kept.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The string, if this node is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The key text JavaScript would use for this node as an object key.
    pub fn key_text(&self) -> String {
        match &self.value {
            Value::Null => "null".to_owned(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => js_number_text(*f),
            Value::Str(s) => s.clone(),
            Value::Seq(_) | Value::Map(_) => "[object]".to_owned(),
        }
    }

    /// JavaScript truthiness of the value as Claude Code's loader sees it.
    pub(crate) fn is_truthy(&self) -> bool {
        match &self.value {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0 && !f.is_nan(),
            Value::Str(s) => !s.is_empty(),
            Value::Seq(_) | Value::Map(_) => true,
        }
    }

    /// Short description of the value's type for messages.
    pub(crate) fn type_name(&self) -> &'static str {
        match &self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    fn count(&self) -> usize {
        match &self.value {
            Value::Seq(items) => 1 + items.iter().map(Node::count).sum::<usize>(),
            Value::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|(k, v)| k.count() + v.count())
                    .sum::<usize>()
            }
            _ => 1,
        }
    }
}

/// How JavaScript prints a number (`Number.prototype.toString`): the shortest digits that read
/// back as the same double, in plain notation from 1e-6 up to 1e21, in exponent notation
/// (`1e+21`, `1.5e-7`) beyond.
pub(crate) fn js_number_text(f: f64) -> String {
    if f.is_nan() {
        return "NaN".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    if f == 0.0 {
        return "0".to_owned();
    }
    // Rust's `{:e}` gives the shortest round-trip digits: `1.2345e-7`, `1e21`.
    let scientific = format!("{:e}", f.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let k = digits.len() as i64;
    let n = exponent + 1;
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let sign = if n - 1 < 0 { '-' } else { '+' };
        let fraction = if k > 1 {
            format!(".{}", &digits[1..])
        } else {
            String::new()
        };
        format!("{}{fraction}e{sign}{}", &digits[..1], (n - 1).abs())
    };
    if f < 0.0 { format!("-{body}") } else { body }
}

/// A YAML error: message and byte offset in the frontmatter text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// What the parser says.
    pub message: String,
    /// Byte offset in the frontmatter text.
    pub offset: usize,
}

/// Parses `text` (one YAML document). `Ok(None)` for an empty document.
pub fn parse(text: &str) -> Result<Option<Node>, YamlError> {
    parse_mapped(text, &|offset| offset)
}

/// How many closing brackets left of their key one frontmatter may have (each is one more parse,
/// see [`parse_mapped`]); beyond, the next is an error where Claude Code would read it.
const MAX_MOVED_BRACKETS: usize = 16;

/// Parses `text`, mapping every byte offset through `map` (used for rewritten fallback text).
///
/// Indentation is strict, as Claude Code's `yaml` reads it (`tests/probes/indentation`): a
/// quoted scalar or a flow collection continued on a line less indented than its key is an
/// error, and so is a tab before a quoted scalar's continuation (only Claude Code's fallback,
/// which turns tabs into spaces, reads that); granit-parser's default accepts all three. One
/// exception: Claude Code takes a flow collection's closing `]` or `}` at any column, where
/// strict indentation wants it past the enclosing block's. A line that starts with one the
/// parser refuses is read again moved right, up to [`MAX_MOVED_BRACKETS`] times.
fn parse_mapped(text: &str, map: &dyn Fn(usize) -> usize) -> Result<Option<Node>, YamlError> {
    let mut padded = std::borrow::Cow::Borrowed(text);
    // Where `pad` spaces were inserted, as offsets into `text`, ascending.
    let mut pads: Vec<usize> = Vec::new();
    // Past every line's indentation, so past the enclosing block's: set at the first refusal.
    let mut pad = 0;
    loop {
        // An offset of the padded text as one of `text`: a pad's spaces map to its line start.
        let to_text = |offset: usize| {
            let mut shift = 0;
            for &at in &pads {
                if offset < at + shift {
                    break;
                }
                if offset < at + shift + pad {
                    return at;
                }
                shift += pad;
            }
            offset - shift
        };
        match parse_events(&padded, &|offset| map(to_text(offset))) {
            Err(Refusal::ClosingBracket(line_start)) if pads.len() < MAX_MOVED_BRACKETS => {
                let at = to_text(line_start);
                if pad == 0 {
                    pad = 1 + text
                        .split('\n')
                        .map(|line| line.bytes().take_while(|&b| b == b' ').count())
                        .max()
                        .unwrap_or(0);
                }
                let index = pads.partition_point(|&p| p < at);
                pads.insert(index, at);
                padded.to_mut().insert_str(line_start, &" ".repeat(pad));
            }
            Err(Refusal::ClosingBracket(line_start)) => {
                return Err(YamlError {
                    message: format!(
                        "more than {MAX_MOVED_BRACKETS} closing brackets left of their key's column (agentgen's limit; Claude Code reads them)"
                    ),
                    offset: map(to_text(line_start)),
                });
            }
            Err(Refusal::Error(error)) => return Err(error),
            Ok(root) => return Ok(root),
        }
    }
}

/// Why [`parse_events`] stopped.
enum Refusal {
    /// A YAML error, offsets mapped.
    Error(YamlError),
    /// Strict indentation refused the `]` or `}` that starts (after blanks) the line at this
    /// offset of the text parsed.
    ClosingBracket(usize),
}

impl From<YamlError> for Refusal {
    fn from(error: YamlError) -> Self {
        Refusal::Error(error)
    }
}

/// The line start before a closing bracket that `error` is about, if it is strict
/// indentation's refusal of one that starts its line.
fn refused_closing_bracket(error: &ScanError, text: &str) -> Option<usize> {
    if *error.kind() != ErrorKind::InvalidIndentation {
        return None;
    }
    let at = error.marker().byte_offset()?;
    if !matches!(text.as_bytes().get(at), Some(b']' | b'}')) {
        return None;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..at]
        .bytes()
        .all(|b| b == b' ' || b == b'\t')
        .then_some(line_start)
}

/// One strict parse of `text` (see [`parse_mapped`]).
fn parse_events(text: &str, map: &dyn Fn(usize) -> usize) -> Result<Option<Node>, Refusal> {
    let options = granit_parser::options! { strict_indentation: true };
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut builder = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        root: None,
    };
    let mut documents = 0usize;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| match refused_closing_bracket(&e, text) {
            Some(line_start) => Refusal::ClosingBracket(line_start),
            None => Refusal::Error(scan_error(&e, text, map)),
        })?;
        let start = map(span.start.byte_offset().unwrap_or(0).min(text.len()));
        let end = map(span.end.byte_offset().unwrap_or(0).min(text.len())).max(start);
        match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(Refusal::Error(YamlError {
                        message: "more than one YAML document in the frontmatter".to_owned(),
                        offset: start,
                    }));
                }
            }
            Event::Alias(id) => {
                let Some((count, depth)) = builder.anchors.get(&id).map(|(n, d)| (n.count(), *d))
                else {
                    return Err(Refusal::Error(YamlError {
                        message: "unknown alias".to_owned(),
                        offset: start,
                    }));
                };
                if builder.stack.len() + depth > MAX_DEPTH {
                    return Err(Refusal::Error(YamlError {
                        message: format!(
                            "the frontmatter nests lists and mappings more than {MAX_DEPTH} levels deep (through aliases)"
                        ),
                        offset: start,
                    }));
                }
                builder.charge(count, start)?;
                let Some(mut node) = builder.anchors.get(&id).map(|(n, _)| n.clone()) else {
                    return Err(Refusal::Error(YamlError {
                        message: "unknown alias".to_owned(),
                        offset: start,
                    }));
                };
                node.span = start..end;
                builder.push(node, 0, depth)?;
            }
            Event::Scalar(text_value, style, anchor, tag) => {
                builder.charge(1, start)?;
                let core_tag = tag
                    .as_ref()
                    .and_then(|t| t.core_suffix().map(str::to_owned));
                let value = resolve_scalar(&text_value, style, core_tag.as_deref());
                builder.push(
                    Node {
                        value,
                        span: start..end,
                        style: Some(style),
                    },
                    anchor,
                    0,
                )?;
            }
            Event::SequenceStart(_, anchor, _) => {
                builder.charge(1, start)?;
                builder.stack.push(Frame::Seq {
                    items: Vec::new(),
                    start,
                    anchor,
                    depth: 1,
                });
            }
            Event::MappingStart(_, anchor, _) => {
                builder.charge(1, start)?;
                builder.stack.push(Frame::Map {
                    entries: Vec::new(),
                    key: None,
                    start,
                    anchor,
                    depth: 1,
                });
            }
            Event::SequenceEnd => {
                if let Some(Frame::Seq {
                    items,
                    start,
                    anchor,
                    depth,
                }) = builder.stack.pop()
                {
                    let node = Node {
                        value: Value::Seq(items),
                        span: start..end,
                        style: None,
                    };
                    builder.push(node, anchor, depth)?;
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Map {
                    entries,
                    start,
                    anchor,
                    depth,
                    ..
                }) = builder.stack.pop()
                {
                    let node = Node {
                        value: Value::Map(entries),
                        span: start..end,
                        style: None,
                    };
                    builder.push(node, anchor, depth)?;
                }
            }
            _ => {}
        }
    }
    Ok(builder.root)
}

fn scan_error(error: &ScanError, text: &str, map: &dyn Fn(usize) -> usize) -> YamlError {
    let marker = error.marker();
    let offset = marker.byte_offset().unwrap_or_else(|| {
        // Fall back to the character index.
        text.char_indices()
            .nth(marker.index())
            .map_or(text.len(), |(i, _)| i)
    });
    YamlError {
        message: error.info(),
        offset: map(offset.min(text.len())),
    }
}

/// A list or mapping being built; `depth` is its nesting so far (1 + its deepest child's).
enum Frame {
    Seq {
        items: Vec<Node>,
        start: usize,
        anchor: usize,
        depth: usize,
    },
    Map {
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        start: usize,
        anchor: usize,
        depth: usize,
    },
}

struct Builder {
    stack: Vec<Frame>,
    /// Anchored nodes with their nesting depth (0 for a scalar).
    anchors: HashMap<usize, (Node, usize)>,
    nodes: usize,
    root: Option<Node>,
}

impl Builder {
    fn charge(&mut self, count: usize, offset: usize) -> Result<(), YamlError> {
        self.nodes = self.nodes.saturating_add(count);
        if self.nodes > MAX_NODES {
            return Err(YamlError {
                message: format!(
                    "the frontmatter expands to more than {MAX_NODES} YAML nodes (alias expansion?)"
                ),
                offset,
            });
        }
        Ok(())
    }

    /// Adds a finished node (nested `depth` levels) to the list or mapping being built.
    fn push(&mut self, node: Node, anchor: usize, depth: usize) -> Result<(), YamlError> {
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), depth));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq {
                items,
                depth: parent,
                ..
            }) => {
                *parent = (*parent).max(depth + 1);
                items.push(node);
            }
            Some(Frame::Map {
                entries,
                key,
                depth: parent,
                ..
            }) => {
                *parent = (*parent).max(depth + 1);
                match key.take() {
                    None => *key = Some(node),
                    Some(k) => entries.push((k, node)),
                }
            }
        }
        Ok(())
    }
}

/// Resolves a scalar with the YAML 1.2 core schema (plain scalars only; quoted and block
/// scalars are strings), honouring core tags such as `!!str`.
fn resolve_scalar(text: &str, style: ScalarStyle, core_tag: Option<&str>) -> Value {
    match core_tag {
        Some("str") => return Value::Str(text.to_owned()),
        Some("null") => return Value::Null,
        // Bun's YAML applies these tags to plain scalars only (`!!int '5'` stays a string).
        Some("bool") | Some("int") | Some("float") if style == ScalarStyle::Plain => {
            if let Some(value) = resolve_plain(text) {
                return value;
            }
        }
        _ => {}
    }
    if style != ScalarStyle::Plain {
        return Value::Str(text.to_owned());
    }
    resolve_plain(text).unwrap_or_else(|| Value::Str(text.to_owned()))
}

fn resolve_plain(text: &str) -> Option<Value> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Some(Value::Float(f64::INFINITY));
        }
        "-.inf" | "-.Inf" | "-.INF" => return Some(Value::Float(f64::NEG_INFINITY)),
        ".nan" | ".NaN" | ".NAN" => return Some(Value::Float(f64::NAN)),
        _ => {}
    }
    let bytes = text.as_bytes();
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits(unsigned.as_bytes()) {
        return Some(match text.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(text.parse::<f64>().unwrap_or(f64::NAN)),
        });
    }
    if let Some(octal) = text.strip_prefix("0o")
        && !octal.is_empty()
        && octal.bytes().all(|b| (b'0'..=b'7').contains(&b))
    {
        return Some(int_or_float(i64::from_str_radix(octal, 8).ok(), text));
    }
    if let Some(hex) = text.strip_prefix("0x")
        && !hex.is_empty()
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return Some(int_or_float(i64::from_str_radix(hex, 16).ok(), text));
    }
    // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    let mut i = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    let int_start = i;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = i - frac_start;
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }
    if i < bytes.len() && matches!(bytes[i], b'e' | b'E') {
        i += 1;
        if i < bytes.len() && matches!(bytes[i], b'-' | b'+') {
            i += 1;
        }
        let exp_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == exp_start {
            return None;
        }
    }
    if i != bytes.len() {
        return None;
    }
    text.parse::<f64>().ok().map(Value::Float)
}

fn int_or_float(value: Option<i64>, text: &str) -> Value {
    match value {
        Some(i) => Value::Int(i),
        None => Value::Float(text.len() as f64 * f64::NAN),
    }
}

/// How Claude Code's fallback changed one line (for mapping positions back).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineChange {
    Same,
    /// The value starting at this character column was wrapped in double quotes.
    Requoted {
        value_col: usize,
    },
    /// This many leading tabs became two spaces each.
    Tabs {
        count: usize,
    },
}

/// The result of Claude Code's re-quoting fallback.
#[derive(Debug, Clone, PartialEq)]
pub struct Fallback {
    /// The rewritten frontmatter text.
    pub text: String,
    /// 1-based lines (of the frontmatter) whose values were re-quoted.
    pub requoted_lines: Vec<usize>,
    /// 1-based lines whose leading tabs were replaced.
    pub retabbed_lines: Vec<usize>,
    changes: Vec<LineChange>,
    original_line_starts: Vec<usize>,
    new_line_starts: Vec<usize>,
}

/// Rewrites frontmatter as Claude Code's loader does when strict YAML fails
/// (CLAUDE-CODE-RULES.md §3): re-quotes single-line `key: value` lines whose value holds
/// YAML-special characters, then replaces leading tabs with two spaces each.
pub fn fallback_rewrite(yaml: &str) -> Fallback {
    let mut text = String::with_capacity(yaml.len() + 64);
    let mut changes = Vec::new();
    let mut requoted_lines = Vec::new();
    let mut retabbed_lines = Vec::new();
    let mut original_line_starts = Vec::new();
    let mut new_line_starts = Vec::new();
    let mut original_offset = 0;
    for (index, line) in yaml.split('\n').enumerate() {
        if index > 0 {
            text.push('\n');
        }
        original_line_starts.push(original_offset);
        new_line_starts.push(text.len());
        original_offset += line.len() + 1;
        let mut change = LineChange::Same;
        let mut rewritten: std::borrow::Cow<'_, str> = line.into();
        if let Some(value_start) = key_value_start(line) {
            let value = &line[value_start..];
            if needs_quoting(value) {
                let mut quoted = String::with_capacity(line.len() + 8);
                quoted.push_str(&line[..value_start]);
                quoted.push('"');
                for c in value.chars() {
                    match c {
                        '\\' => quoted.push_str("\\\\"),
                        '"' => quoted.push_str("\\\""),
                        c => quoted.push(c),
                    }
                }
                quoted.push('"');
                rewritten = quoted.into();
                change = LineChange::Requoted {
                    value_col: line[..value_start].chars().count(),
                };
                requoted_lines.push(index + 1);
            }
        }
        let tabs = rewritten.bytes().take_while(|&b| b == b'\t').count();
        if tabs > 0 {
            text.push_str(&"  ".repeat(tabs));
            text.push_str(&rewritten[tabs..]);
            change = LineChange::Tabs { count: tabs };
            retabbed_lines.push(index + 1);
        } else {
            text.push_str(&rewritten);
        }
        changes.push(change);
    }
    Fallback {
        text,
        requoted_lines,
        retabbed_lines,
        changes,
        original_line_starts,
        new_line_starts,
    }
}

impl Fallback {
    /// Parses the rewritten text, reporting spans in the original text's byte offsets.
    pub fn parse(&self, original: &str) -> Result<Option<Node>, YamlError> {
        let map = |offset: usize| self.map_offset(original, offset);
        parse_mapped(&self.text, &map)
    }

    fn map_offset(&self, original: &str, offset: usize) -> usize {
        let line = match self.new_line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let (Some(&new_start), Some(&orig_start)) = (
            self.new_line_starts.get(line),
            self.original_line_starts.get(line),
        ) else {
            return original.len();
        };
        let new_line = &self.text[new_start..];
        let new_line = &new_line[..new_line.find('\n').unwrap_or(new_line.len())];
        let within = offset.saturating_sub(new_start).min(new_line.len());
        let col = new_line[..floor_boundary(new_line, within)].chars().count();
        let original_col = match self.changes.get(line) {
            Some(LineChange::Tabs { count }) => {
                if col < 2 * count {
                    col / 2
                } else {
                    col - count
                }
            }
            Some(LineChange::Requoted { value_col }) if col > *value_col => col - 1,
            _ => col,
        };
        let orig_line = &original[orig_start.min(original.len())..];
        let orig_line = &orig_line[..orig_line.find('\n').unwrap_or(orig_line.len())];
        orig_start
            + orig_line
                .char_indices()
                .nth(original_col)
                .map_or(orig_line.len(), |(i, _)| i)
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// For a line `key: value` as Claude Code's fallback matches it (key of ASCII letters, `_`,
/// `-` at column 0, `:`, white space, a value to the end of the line without line
/// terminators), the byte offset where the value starts.
fn key_value_start(line: &str) -> Option<usize> {
    let key_len = line
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic() || *b == b'_' || *b == b'-')
        .count();
    if key_len == 0 || line.as_bytes().get(key_len) != Some(&b':') {
        return None;
    }
    let after_colon = key_len + 1;
    let rest = &line[after_colon..];
    let ws: Vec<(usize, char)> = rest
        .char_indices()
        .take_while(|&(_, c)| is_js_whitespace(c))
        .collect();
    let (&(_, first_ws), _) = ws.split_first()?;
    let _ = first_ws;
    let ws_end = ws.last().map_or(0, |&(i, c)| i + c.len_utf8());
    let is_terminator = |c: char| matches!(c, '\r' | '\n' | '\u{2028}' | '\u{2029}');
    let value = &rest[ws_end..];
    if !value.is_empty() {
        return (!value.chars().any(is_terminator)).then_some(after_colon + ws_end);
    }
    // The white-space run gives back its last character to the value (`\s+(.+)$`).
    if ws.len() < 2 {
        return None;
    }
    let &(last_index, last_char) = ws.last()?;
    (!is_terminator(last_char)).then_some(after_colon + last_index)
}

fn needs_quoting(value: &str) -> bool {
    let wrapped = |q: char| value.len() >= 2 && value.starts_with(q) && value.ends_with(q);
    if wrapped('"') || wrapped('\'') {
        return false;
    }
    if value.starts_with('[')
        && value.ends_with(']')
        && let Ok(Some(Node {
            value: Value::Seq(_),
            ..
        })) = parse(value)
    {
        return false;
    }
    value.contains([
        '{', '}', '[', ']', '*', '&', '#', '!', '|', '>', '%', '@', '`',
    ]) || value.contains(": ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_print_as_javascript_prints_them() {
        let cases = [
            (0.0, "0"),
            (-0.0, "0"),
            (5.0, "5"),
            (-1.5, "-1.5"),
            (0.1, "0.1"),
            (1e21, "1e+21"),
            (1.5e22, "1.5e+22"),
            (123456789012345680000.0, "123456789012345680000"),
            (1e-6, "0.000001"),
            (1.5e-7, "1.5e-7"),
            (f64::MAX, "1.7976931348623157e+308"),
            (9007199254740993.0, "9007199254740992"),
        ];
        for (number, text) in cases {
            assert_eq!(js_number_text(number), text, "{number:e}");
        }
    }

    use super::*;

    fn map_of(text: &str) -> Vec<(String, Value)> {
        match parse(text) {
            Ok(Some(Node {
                value: Value::Map(entries),
                ..
            })) => entries
                .into_iter()
                .map(|(k, v)| (k.key_text(), v.value))
                .collect(),
            other => panic!("not a mapping: {other:?}"),
        }
    }

    #[test]
    fn core_schema_resolution() {
        let map = map_of(
            "a: 0\nb: false\nc: ~\nd: 1.5\ne: '12'\nf: 1.0.0\ng: 0x1f\nh: .inf\ni: yes\nj:\n",
        );
        assert_eq!(map[0].1, Value::Int(0));
        assert_eq!(map[1].1, Value::Bool(false));
        assert_eq!(map[2].1, Value::Null);
        assert_eq!(map[3].1, Value::Float(1.5));
        assert_eq!(map[4].1, Value::Str("12".into()));
        assert_eq!(map[5].1, Value::Str("1.0.0".into()));
        assert_eq!(map[6].1, Value::Int(31));
        assert_eq!(map[7].1, Value::Float(f64::INFINITY));
        assert_eq!(
            map[8].1,
            Value::Str("yes".into()),
            "YAML 1.2: yes is a string"
        );
        assert_eq!(map[9].1, Value::Null);
    }

    #[test]
    fn spans_point_at_values() {
        let text = "name: a\ntools: Read\n";
        let Ok(Some(Node {
            value: Value::Map(entries),
            ..
        })) = parse(text)
        else {
            panic!("mapping expected");
        };
        assert_eq!(&text[entries[1].1.span.clone()], "Read");
    }

    /// The entries of a top-level mapping, or a panic with the error.
    fn entries(text: &str) -> Vec<(Node, Node)> {
        match parse(text) {
            Ok(Some(Node {
                value: Value::Map(entries),
                ..
            })) => entries,
            other => panic!("a mapping expected from {text:?}, got {other:?}"),
        }
    }

    #[test]
    fn closing_brackets_may_stand_left_of_their_key_and_spans_stay_in_the_text() {
        // Two flow lists closed at column 0, one nested under a key at column 2; then a plain
        // value whose span must not move with the inserted spaces.
        let text = "tools: [Read,\n  Grep\n]\nhooks:\n  Pre: {a:\n    [x]\n}\nmodel: opus\n";
        let entries = entries(text);
        let tools = &entries[0].1;
        assert_eq!(&text[tools.span.clone()], "[Read,\n  Grep\n]");
        let Value::Seq(items) = &tools.value else {
            panic!("a list: {tools:?}");
        };
        assert_eq!(&text[items[1].span.clone()], "Grep");
        let Value::Map(hooks) = &entries[1].1.value else {
            panic!("a mapping");
        };
        assert_eq!(&text[hooks[0].1.span.clone()], "{a:\n    [x]\n}");
        assert_eq!(&text[entries[2].1.span.clone()], "opus");
    }

    #[test]
    fn closing_brackets_left_of_their_key_are_bounded() {
        let lists = |n: usize| (0..n).map(|i| format!("k{i}: [\n]\n")).collect::<String>();
        assert_eq!(
            entries(&lists(MAX_MOVED_BRACKETS)).len(),
            MAX_MOVED_BRACKETS
        );
        let text = lists(MAX_MOVED_BRACKETS + 1);
        let error = parse(&text).expect_err("one more than the limit");
        assert!(error.message.contains("agentgen's limit"), "{error:?}");
        assert_eq!(error.offset, text.len() - 2, "at the last `]`'s line");
    }

    #[test]
    fn strict_indentation_refuses_what_claude_code_refuses() {
        for (text, at) in [
            // A flow list's entry left of its key: the error is at the entry.
            ("tools: [Read,\nGrep]\n", "Grep]"),
            // After a closing bracket moved right, a later entry left of its key still fails.
            ("a: [x,\n  y\n]\nb: [x,\nz]\n", "z]"),
            // A quoted value continued at column 0, and its closing quote there.
            ("description: \"one\ntwo\"\n", "two"),
            ("description: \"one\n\"\n", "\"\n"),
        ] {
            let error = parse(text).expect_err(text);
            assert!(
                text[error.offset..].starts_with(at),
                "{text:?}: {error:?} at {:?}",
                &text[error.offset..]
            );
        }
        // Continued to the right of the key: fine.
        assert_eq!(entries("description: \"one\n  two\"\n").len(), 1);
        assert_eq!(entries("tools: [Read,\n  Grep]\n").len(), 1);
    }

    #[test]
    fn nesting_built_by_aliases_is_bounded() {
        // Each line nests the previous anchor 200 levels deeper: ten lines would build 2,000
        // levels, which overflows the stack of the code that walks the tree.
        let mut text = String::new();
        for i in 0..10 {
            let inner = if i == 0 {
                "x".to_owned()
            } else {
                format!("*a{}", i - 1)
            };
            text.push_str(&format!(
                "k{i}: &a{i} {}{inner}{}\n",
                "[".repeat(200),
                "]".repeat(200)
            ));
        }
        let error = parse(&text).expect_err("too deep");
        assert!(error.message.contains("levels deep"), "{}", error.message);
        // One level of aliasing within the limit is fine.
        let fine = format!("a: &a {}x{}\nb: *a\n", "[".repeat(100), "]".repeat(100));
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn alias_bombs_are_bounded() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for name in 'b'..='j' {
            text.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = name;
        }
        let error = parse(&text).expect_err("bomb must be refused");
        assert!(error.message.contains("YAML nodes"), "{error:?}");
    }

    #[test]
    fn fallback_requotes_like_claude_code() {
        let yaml = "name: x\ndescription: Use when: asked. Note: terse\ntools: [Read]\nq: \"ok: x\"\n\tindented: y";
        let fallback = fallback_rewrite(yaml);
        assert_eq!(
            fallback.text,
            "name: x\ndescription: \"Use when: asked. Note: terse\"\ntools: [Read]\nq: \"ok: x\"\n  indented: y"
        );
        assert_eq!(fallback.requoted_lines, vec![2]);
        assert_eq!(fallback.retabbed_lines, vec![5]);
    }

    #[test]
    fn fallback_escapes_and_skips_crlf_lines() {
        let fallback = fallback_rewrite("a: x: \"q\" \\ \nb: y: z\r");
        assert_eq!(fallback.text, "a: \"x: \\\"q\\\" \\\\ \"\nb: y: z\r");
    }

    #[test]
    fn fallback_spans_map_to_the_original() {
        let yaml = "name: x\ndescription: Use when: asked\n";
        let fallback = fallback_rewrite(yaml);
        let Ok(Some(Node {
            value: Value::Map(entries),
            ..
        })) = fallback.parse(yaml)
        else {
            panic!("fallback must parse");
        };
        let span = entries[1].1.span.clone();
        assert!(yaml[span.start..].starts_with("Use when"), "{span:?}");
    }

    #[test]
    fn key_value_matching_follows_the_regex() {
        assert_eq!(key_value_start("key: v"), Some(5));
        assert_eq!(key_value_start("key:v"), None);
        assert_eq!(key_value_start("key2: v"), None);
        assert_eq!(key_value_start(" key: v"), None);
        assert_eq!(key_value_start("key:  "), Some(5));
        assert_eq!(key_value_start("key: v\r"), None);
    }
}
