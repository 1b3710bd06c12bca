//! Reading one agent file exactly as Claude Code 2.1.197 reads it, keeping where every value
//! came from, and reporting what Claude Code would skip, reject or drop without a word.
//!
//! Source: CLAUDE-CODE-RULES.md §1–4 and the loader's recorded verdicts on the conformance cases
//! and the 697-file corpus.

use crate::diagnostic::{Code, Diagnostic, Related, Span};
use crate::frontmatter::{self, Missing};
use crate::source::{SourceFile, is_js_whitespace, js_trim};
use crate::yaml::{self, Node, Value};

/// Claude Code's size limit for an agent file, in bytes.
pub const MAX_FILE_BYTES: u64 = 1_048_576;

/// What Claude Code does with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Loaded as an agent.
    Accepted,
    /// Ignored without any message (no usable `name`).
    SkippedSilently,
    /// Refused with an error line in Claude Code's log.
    Rejected,
    /// Never read (over 1 MiB, not a regular file).
    NotLoaded,
}

impl Status {
    /// The name used in Claude Code conformance records.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Accepted => "accepted",
            Status::SkippedSilently => "skipped-silently",
            Status::Rejected => "rejected",
            Status::NotLoaded => "not-loaded",
        }
    }
}

/// How the frontmatter parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum YamlStatus {
    /// Valid YAML.
    StrictOk,
    /// Only Claude Code's re-quoting fallback reads it.
    FallbackOk,
    /// Not YAML even after the fallback.
    Failed,
    /// No frontmatter block.
    NoFrontmatter,
}

impl YamlStatus {
    /// The name used in Claude Code conformance records.
    pub const fn as_str(self) -> &'static str {
        match self {
            YamlStatus::StrictOk => "strict-ok",
            YamlStatus::FallbackOk => "fallback-ok",
            YamlStatus::Failed => "failed",
            YamlStatus::NoFrontmatter => "no-frontmatter-block",
        }
    }
}

/// A value and the place in the file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it is.
    pub span: Option<Span>,
}

/// One frontmatter field that Claude Code reads, kept as written with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The YAML node of the value.
    pub node: Node,
    /// Where the value is.
    pub span: Option<Span>,
    /// Where the key is.
    pub key_span: Option<Span>,
}

/// Claude Code's reading of `tools`.
#[derive(Debug, Clone, PartialEq)]
pub enum ToolsReading {
    /// Absent, or an entry is `*`.
    InheritAll,
    /// The entries in order (possibly none).
    List(Vec<Spanned<String>>),
}

/// Everything read from one agent file: what Claude Code sees, with places, and the
/// problems found in the file alone (catalog-wide checks come later, in `catalog`).
#[derive(Debug, Clone)]
pub struct AgentFile {
    /// The file.
    pub source: SourceFile,
    /// What Claude Code does with it.
    pub status: Status,
    /// How its frontmatter parsed.
    pub yaml: YamlStatus,
    /// Frontmatter keys in file order (last occurrence wins for values).
    pub keys: Vec<Spanned<String>>,
    /// `name`, when it is a string (even if Claude Code rejects it).
    pub name: Option<Spanned<String>>,
    /// `description`, when a non-empty string, with `\n` escapes turned into line feeds.
    pub description: Option<Spanned<String>>,
    /// `tools` as Claude Code reads it.
    pub tools: ToolsReading,
    /// Entries given in `tools` beside `*` (for diagnostics), with `*` itself.
    pub tools_field: Option<Field>,
    /// `disallowedTools` entries (empty when absent or ignored).
    pub disallowed_tools: Vec<Spanned<String>>,
    /// `model` as Claude Code keeps it (trimmed; `inherit` in any case becomes `inherit`).
    pub model: Option<Spanned<String>>,
    /// `color` as written, when a string (Claude Code keeps only the eight colours).
    pub color_written: Option<Spanned<String>>,
    /// `permissionMode` as written, when a string.
    pub permission_mode: Option<Spanned<String>>,
    /// `skills` entries.
    pub skills: Vec<Spanned<String>>,
    /// `maxTurns` when valid.
    pub max_turns: Option<u32>,
    /// `effort` when valid: a level (lower case, `med` → `medium`) or a token count.
    pub effort: Option<String>,
    /// `memory` when valid.
    pub memory: Option<String>,
    /// `background` when valid.
    pub background: Option<bool>,
    /// `isolation` when valid.
    pub isolation: Option<String>,
    /// `initialPrompt` when valid.
    pub initial_prompt: Option<String>,
    /// `mcpServers` items when valid.
    pub mcp_servers: Vec<Node>,
    /// `hooks` when valid.
    pub hooks: Option<Node>,
    /// Agent names from `dependencies` / `collaborators`.
    pub collaborator_names: Vec<Spanned<String>>,
    /// Keys Claude Code ignores, with their values, in file order.
    pub extra: Vec<(String, Node)>,
    /// The system prompt: the body trimmed as JavaScript trims.
    pub prompt: String,
    /// Byte range of [`prompt`](Self::prompt) in `source.text` (`0..0` when there is no
    /// frontmatter).
    pub prompt_range: std::ops::Range<usize>,
    /// Problems found in this file alone.
    pub diagnostics: Vec<Diagnostic>,
}

/// Frontmatter keys Claude Code reads.
pub const KNOWN_KEYS: &[&str] = &[
    "name",
    "description",
    "tools",
    "disallowedTools",
    "model",
    "color",
    "permissionMode",
    "skills",
    "maxTurns",
    "effort",
    "memory",
    "background",
    "isolation",
    "initialPrompt",
    "mcpServers",
    "hooks",
];

/// Keys that name collaborator agents (not read by Claude Code; checked by agentgen).
pub const COLLABORATOR_KEYS: &[&str] = &["dependencies", "collaborators"];

const COLORS: &[&str] = &[
    "red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan",
];
const PERMISSION_MODES: &[&str] = &[
    "acceptEdits",
    "auto",
    "bypassPermissions",
    "default",
    "dontAsk",
    "plan",
];

impl AgentFile {
    fn new(source: SourceFile) -> AgentFile {
        AgentFile {
            source,
            status: Status::SkippedSilently,
            yaml: YamlStatus::NoFrontmatter,
            keys: Vec::new(),
            name: None,
            description: None,
            tools: ToolsReading::InheritAll,
            tools_field: None,
            disallowed_tools: Vec::new(),
            model: None,
            color_written: None,
            permission_mode: None,
            skills: Vec::new(),
            max_turns: None,
            effort: None,
            memory: None,
            background: None,
            isolation: None,
            initial_prompt: None,
            mcp_servers: Vec::new(),
            hooks: None,
            collaborator_names: Vec::new(),
            extra: Vec::new(),
            prompt: String::new(),
            prompt_range: 0..0,
            diagnostics: Vec::new(),
        }
    }

    /// The display path.
    pub fn path(&self) -> &str {
        &self.source.display_path
    }

    /// `color` as Claude Code keeps it (only the eight colours).
    pub fn color(&self) -> Option<&str> {
        self.color_written
            .as_ref()
            .map(|c| c.value.as_str())
            .filter(|c| COLORS.contains(c))
    }

    /// `permissionMode` as Claude Code keeps it.
    pub fn permission_mode(&self) -> Option<&str> {
        self.permission_mode
            .as_ref()
            .map(|c| c.value.as_str())
            .filter(|c| PERMISSION_MODES.contains(c))
    }

    /// Whether Claude Code loads this file as an agent.
    pub fn is_accepted(&self) -> bool {
        self.status == Status::Accepted
    }

    fn span_of_yaml(&self, yaml_offset: usize, range: std::ops::Range<usize>) -> Option<Span> {
        let loc = self
            .source
            .location(yaml_offset + range.start..yaml_offset + range.end);
        Some(Span {
            line: loc.line,
            column: loc.column,
            bytes: loc.bytes,
        })
    }

    fn span_of_bytes(&self, range: std::ops::Range<usize>) -> Option<Span> {
        self.span_of_yaml(0, range)
    }

    fn diag(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }
}

/// A file that is over Claude Code's size limit: not read at all.
pub fn too_large(display_path: &str, size: u64) -> AgentFile {
    let mut file = AgentFile::new(SourceFile::new(display_path, b""));
    file.status = Status::NotLoaded;
    let diag = Diagnostic::new(
        Code::FileTooLarge,
        display_path,
        format!(
            "agent file is {size} bytes, over Claude Code's limit of {MAX_FILE_BYTES} bytes (1 MiB)"
        ),
    )
    .note("Claude Code does not load files larger than 1 MiB: this agent would not exist")
    .help(
        "move reference material out of the prompt (e.g. into a skill or a file the agent reads)",
    );
    file.diag(diag);
    file
}

/// Reads one agent file's bytes as Claude Code does.
pub fn read_agent(display_path: &str, bytes: &[u8]) -> AgentFile {
    let source = SourceFile::new(display_path, bytes);
    let mut file = AgentFile::new(source);
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return too_large(display_path, bytes.len() as u64);
    }
    if file.source.had_invalid_utf8 {
        let at = file.source.text.find('\u{fffd}').unwrap_or(0);
        let span = file.span_of_bytes(at..at + '\u{fffd}'.len_utf8());
        file.diag(
            Diagnostic::new(Code::InvalidUtf8, display_path, "agent file is not valid UTF-8")
                .at(span)
                .label("invalid bytes here")
                .note("Claude Code replaces invalid byte sequences with U+FFFD, changing the text silently")
                .help("save the file as UTF-8"),
        );
    }
    let text = file.source.text.clone();
    let blocks = match frontmatter::split(&text) {
        Ok(blocks) => blocks,
        Err(missing) => {
            let span = match missing {
                Missing::NoClosing => file.span_of_bytes(0..3),
                _ => file.span_of_bytes(0..text.find('\n').unwrap_or(text.len()).min(3)),
            };
            let help = match missing {
                Missing::ByteOrderMark => "save the file as UTF-8 without a byte-order mark",
                Missing::LeadingWhitespace => "remove what stands before the opening `---`",
                Missing::NoOpening | Missing::OpeningNotAlone => {
                    "start the file with a line `---`, the YAML frontmatter (name, description, …), and a closing `---` line"
                }
                Missing::NoClosing => "add a line `---` after the last frontmatter key",
            };
            file.diag(
                Diagnostic::new(Code::NoFrontmatter, display_path, "no frontmatter block")
                    .at(span)
                    .label(missing.explain())
                    .note("Claude Code skips this file silently: without frontmatter it has no `name`")
                    .help(help),
            );
            return file;
        }
    };
    // `js_trim`, in two steps to know where the prompt starts.
    let after_leading_space = blocks.body.trim_start_matches(is_js_whitespace);
    let prompt = after_leading_space.trim_end_matches(is_js_whitespace);
    let prompt_start = blocks.body_offset + (blocks.body.len() - after_leading_space.len());
    file.prompt_range = prompt_start..prompt_start + prompt.len();
    file.prompt = prompt.to_owned();
    let yaml_text = blocks.yaml;
    let yaml_offset = blocks.yaml_offset;
    let root = match yaml::parse(yaml_text) {
        Ok(root) => {
            file.yaml = YamlStatus::StrictOk;
            root
        }
        Err(strict_error) => {
            let fallback = yaml::fallback_rewrite(yaml_text);
            match fallback.parse(yaml_text) {
                Ok(root) => {
                    file.yaml = YamlStatus::FallbackOk;
                    let line = fallback
                        .requoted_lines
                        .first()
                        .or(fallback.retabbed_lines.first())
                        .copied();
                    let first_line_offset = line.map(|l| nth_line_offset(yaml_text, l));
                    let span = match first_line_offset {
                        Some(start) => {
                            let end = yaml_text[start..]
                                .find('\n')
                                .map_or(yaml_text.len(), |i| start + i);
                            file.span_of_yaml(yaml_offset, start..end)
                        }
                        None => {
                            file.span_of_yaml(yaml_offset, strict_error.offset..strict_error.offset)
                        }
                    };
                    let how = if fallback.requoted_lines.is_empty() {
                        "replace the leading tabs with spaces".to_owned()
                    } else {
                        "quote the value: `key: \"…\"` (or use a block scalar `key: |`)".to_owned()
                    };
                    file.diag(
                        Diagnostic::new(
                            Code::YamlFallback,
                            display_path,
                            "frontmatter is not valid YAML; only Claude Code's re-quoting fallback reads it",
                        )
                        .at(span)
                        .label(format!("strict YAML fails: {}", strict_error.message))
                        .note("strict YAML tools (linters, other agent runners) reject this file")
                        .help(how),
                    );
                    root
                }
                Err(_) => {
                    file.yaml = YamlStatus::Failed;
                    let at = strict_error.offset;
                    let span = file.span_of_yaml(yaml_offset, at..(at + 1).min(yaml_text.len()));
                    let multiline = looks_like_unindented_multiline(yaml_text);
                    let help = if multiline {
                        "make the description one YAML value: a block scalar `description: |` with every following line indented by two spaces (or one double-quoted line with `\\n` escapes)"
                    } else {
                        "fix the YAML at this place (quote values containing `: `, `#` or other special characters)"
                    };
                    file.diag(
                        Diagnostic::new(Code::InvalidFrontmatter, display_path, "frontmatter is not valid YAML")
                            .at(span)
                            .label(strict_error.message.clone())
                            .note("Claude Code skips this file silently: its re-quoting fallback cannot read it either, so the agent does not exist")
                            .help(help),
                    );
                    return file;
                }
            }
        }
    };
    let entries = match root {
        Some(Node {
            value: Value::Map(entries),
            ..
        }) => entries,
        Some(other) => {
            let span = file.span_of_yaml(yaml_offset, other.span.clone());
            file.diag(
                Diagnostic::new(
                    Code::MissingName,
                    display_path,
                    "frontmatter is not a mapping of keys to values",
                )
                .at(span)
                .label(format!("this is {}", other.type_name()))
                .note("Claude Code treats it as empty and skips the file silently")
                .help("write `name: …` and `description: …` lines"),
            );
            return file;
        }
        None => Vec::new(),
    };
    read_fields(&mut file, entries, yaml_offset);
    file
}

fn nth_line_offset(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line - 2)
        .map_or(text.len(), |(i, _)| i + 1)
}

fn looks_like_unindented_multiline(yaml: &str) -> bool {
    yaml.lines().any(|l| {
        let t = l.trim_start();
        t.starts_with("<example>") || t.starts_with("Context:") || t.starts_with("user:")
    })
}

fn read_fields(file: &mut AgentFile, entries: Vec<(Node, Node)>, yaml_offset: usize) {
    let path = file.source.display_path.clone();
    // Last occurrence wins; earlier ones are reported. Slots of replaced keys are emptied (a
    // hash index keeps this linear: frontmatter may hold tens of thousands of keys).
    let mut slots: Vec<Option<(String, Field)>> = Vec::new();
    let mut live: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (key, value) in entries {
        let key_text = key.key_text();
        let key_span = file.span_of_yaml(yaml_offset, key.span.clone());
        let span = file.span_of_yaml(yaml_offset, value.span.clone());
        if let Some((_, first)) = live
            .get(&key_text)
            .and_then(|&index| slots.get_mut(index))
            .and_then(Option::take)
        {
            file.diag(
                Diagnostic::new(Code::DuplicateKey, &path, format!("key `{key_text}` is given twice"))
                    .at(key_span.clone())
                    .label("this value replaces the earlier one")
                    .related(Related {
                        file: path.clone(),
                        span: first.key_span.clone(),
                        message: "first given here; Claude Code silently drops that value".into(),
                    })
                    .help(if key_text == "user" || key_text == "assistant" || key_text == "Context" {
                        "these lines belong to a multi-line description: indent them under a block scalar `description: |`"
                    } else {
                        "keep one of the two"
                    }),
            );
        }
        live.insert(key_text.clone(), slots.len());
        slots.push(Some((
            key_text,
            Field {
                node: value,
                span,
                key_span,
            },
        )));
    }
    let fields: Vec<(String, Field)> = slots.into_iter().flatten().collect();
    file.keys = fields
        .iter()
        .map(|(key, field)| Spanned {
            value: key.clone(),
            span: field.key_span.clone(),
        })
        .collect();
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, f)| f.clone())
    };

    // Unknown keys: kept as extra values; near misses of known keys are errors (Claude Code ignores them).
    for (key, field) in &fields {
        if KNOWN_KEYS.contains(&key.as_str()) {
            continue;
        }
        if let Some(known) = near_known_key(key) {
            let what = match known {
                "tools" => "the agent would inherit every tool",
                "model" => "the agent would run on the default model",
                "name" | "description" => "the file would not load",
                _ => "the setting has no effect",
            };
            file.diag(
                Diagnostic::new(
                    Code::MisspelledKey,
                    &path,
                    format!("unknown key `{key}`; Claude Code reads `{known}`"),
                )
                .at(field.key_span.clone())
                .label("Claude Code ignores this key")
                .note(format!("keys are case-sensitive; {what}"))
                .help(format!("rename the key to `{known}`")),
            );
        }
        if COLLABORATOR_KEYS.contains(&key.as_str()) {
            let names = split_entries_of(file, field, yaml_offset, key);
            file.collaborator_names.extend(names);
        }
        file.extra.push((key.clone(), field.node.clone()));
    }

    read_name(file, get("name"), &path);
    read_description(file, get("description"), &path);
    if let Some(field) = get("tools") {
        file.tools = read_tools(file, &field, yaml_offset, &path);
        file.tools_field = Some(field);
    }
    if let Some(field) = get("disallowedTools") {
        let entries = split_entries_of(file, &field, yaml_offset, "disallowedTools");
        if entries.iter().any(|e| e.value == "*") {
            file.diag(
                Diagnostic::new(Code::InvalidField, &path, "`disallowedTools` contains `*`")
                    .at(field.span.clone())
                    .note("Claude Code ignores the whole `disallowedTools` field when an entry is `*`")
                    .help("list the tools to deny by name, or give the agent `tools:` with no entries to deny all"),
            );
        } else {
            file.disallowed_tools = entries;
        }
    }
    if let Some(field) = get("skills") {
        file.skills = split_entries_of(file, &field, yaml_offset, "skills");
    }
    read_model(file, get("model"), &path);
    read_color(file, get("color"), &path);
    read_optional(file, &fields, &path);
    refuse_deep_values(file, &fields, &path);

    file.status = claude_status(file, get("name"));
}

/// How deeply a frontmatter value may nest lists and mappings for agentgen to generate it.
/// The generated code nests one expression per level, and parsing or formatting it recurses:
/// at about 80 levels syn overflows a 2 MiB thread stack in a debug build. YAML itself is
/// capped at 255 levels by the parser; real agent files nest 5 levels at most.
pub const MAX_VALUE_NESTING: usize = 32;

/// Levels of lists and mappings in `node` (0 for a scalar).
fn nesting(node: &Node) -> usize {
    match &node.value {
        Value::Seq(items) => 1 + items.iter().map(nesting).max().unwrap_or(0),
        Value::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| nesting(k).max(nesting(v)))
                .max()
                .unwrap_or(0)
        }
        _ => 0,
    }
}

/// Reports values nested deeper than [`MAX_VALUE_NESTING`] as errors and leaves them out of
/// what is generated (`extra`, `hooks`, `mcpServers`).
fn refuse_deep_values(file: &mut AgentFile, fields: &[(String, Field)], path: &str) {
    for (key, field) in fields {
        let depth = nesting(&field.node);
        if depth > MAX_VALUE_NESTING {
            file.diag(
                Diagnostic::new(
                    Code::InvalidField,
                    path,
                    format!("`{key}` nests lists and mappings {depth} levels deep"),
                )
                .at(field.span.clone())
                .label(format!(
                    "agentgen generates at most {MAX_VALUE_NESTING} levels"
                ))
                .note("Claude Code reads the value; agentgen cannot generate it safely")
                .help("flatten the value"),
            );
        }
    }
    file.extra
        .retain(|(_, node)| nesting(node) <= MAX_VALUE_NESTING);
    file.mcp_servers
        .retain(|node| nesting(node) < MAX_VALUE_NESTING);
    if file
        .hooks
        .as_ref()
        .is_some_and(|node| nesting(node) > MAX_VALUE_NESTING)
    {
        file.hooks = None;
    }
}

fn claude_status(file: &AgentFile, name: Option<Field>) -> Status {
    let Some(name) = name else {
        return Status::SkippedSilently;
    };
    if !name.node.is_truthy() {
        return Status::SkippedSilently;
    }
    match name.node.as_str() {
        None => return Status::Rejected,
        Some(n) if n.starts_with('-') => return Status::Rejected,
        Some(_) => {}
    }
    if file.description.is_none() {
        return Status::Rejected;
    }
    Status::Accepted
}

fn read_name(file: &mut AgentFile, field: Option<Field>, path: &str) {
    let help = "add a line `name: my-agent` (lower-case letters, digits and hyphens)";
    let Some(field) = field else {
        let capital = file
            .keys
            .iter()
            .find(|k| k.value.eq_ignore_ascii_case("name"))
            .cloned();
        let mut diag = Diagnostic::new(Code::MissingName, path, "agent has no `name`")
            .note("Claude Code skips a file without a `name` silently: the agent does not exist")
            .help(help);
        if let Some(key) = capital {
            diag = diag
                .at(key.span)
                .label("keys are case-sensitive: this is not `name`");
        } else {
            diag = diag.at(file.span_of_bytes(0..3));
        }
        file.diag(diag);
        return;
    };
    match field.node.as_str() {
        Some(name) if !name.is_empty() => {
            if name.starts_with('-') {
                file.diag(
                    Diagnostic::new(
                        Code::InvalidName,
                        path,
                        format!("agent name `{name}` starts with `-`"),
                    )
                    .at(field.span.clone())
                    .note("Claude Code rejects names starting with `-` and does not load the agent")
                    .help(format!(
                        "rename it, e.g. `{}`",
                        name.trim_start_matches('-')
                    )),
                );
            }
            file.name = Some(Spanned {
                value: name.to_owned(),
                span: field.span.clone(),
            });
        }
        _ => {
            let what = if field.node.is_truthy() {
                "Claude Code rejects the file (\"Missing required name\")"
            } else {
                "Claude Code skips the file silently"
            };
            file.diag(
                Diagnostic::new(
                    Code::MissingName,
                    path,
                    format!("`name` must be a non-empty string, found {}", field.node.type_name()),
                )
                .at(field.span.clone())
                .note(what)
                .help("quote the name if it looks like a number: `name: \"123\"`, or choose a kebab-case name"),
            );
        }
    }
}

fn read_description(file: &mut AgentFile, field: Option<Field>, path: &str) {
    let note =
        "Claude Code rejects the file (\"Missing required description\"): the agent does not exist";
    let Some(field) = field else {
        let at = file.name.as_ref().and_then(|n| n.span.clone());
        file.diag(
            Diagnostic::new(Code::MissingDescription, path, "agent has no `description`")
                .at(at)
                .note(note)
                .help("add `description: …` saying when Claude should use this agent"),
        );
        return;
    };
    match field.node.as_str() {
        Some(text) if !text.is_empty() => {
            file.description = Some(Spanned {
                value: text.replace("\\n", "\n"),
                span: field.span.clone(),
            });
        }
        _ => {
            let found = match &field.node.value {
                Value::Str(_) => "an empty string".to_owned(),
                _ => field.node.type_name().to_owned(),
            };
            file.diag(
                Diagnostic::new(
                    Code::MissingDescription,
                    path,
                    format!("`description` must be a non-empty string, found {found}"),
                )
                .at(field.span.clone())
                .note(note)
                .help("write the description as text; quote it (`\"…\"`) if YAML reads it as a number or list"),
            );
        }
    }
}

fn read_tools(file: &mut AgentFile, field: &Field, yaml_offset: usize, path: &str) -> ToolsReading {
    let entries = match &field.node.value {
        Value::Str(_) | Value::Seq(_) => split_entries_of(file, field, yaml_offset, "tools"),
        Value::Null | Value::Bool(false) => Vec::new(),
        Value::Int(0) => Vec::new(),
        _ => {
            file.diag(
                Diagnostic::new(
                    Code::InvalidField,
                    path,
                    format!(
                        "`tools` must be a comma-separated string or a list, found {}",
                        field.node.type_name()
                    ),
                )
                .at(field.span.clone())
                .note("Claude Code gives this agent no tools at all")
                .help("write `tools: Read, Grep, Glob` or remove the key to inherit every tool"),
            );
            return ToolsReading::List(Vec::new());
        }
    };
    if entries.iter().any(|e| e.value == "*") {
        if entries.len() > 1 {
            file.diag(
                Diagnostic::new(
                    Code::RedundantTools,
                    path,
                    "`tools` lists `*` beside other tools",
                )
                .at(field.span.clone())
                .note("`*` makes the agent inherit every tool; the other entries mean nothing")
                .help("keep only `*` (or remove `tools`), or list the tools without `*`"),
            );
        }
        return ToolsReading::InheritAll;
    }
    if entries.is_empty() {
        file.diag(
            Diagnostic::new(Code::NoTools, path, "`tools` is present but lists no tool")
                .at(field.key_span.clone())
                .note("Claude Code gives this agent no tools at all (absent `tools` would inherit all)")
                .help("list the tools the agent needs, or remove the key to inherit every tool"),
        );
    }
    ToolsReading::List(entries)
}

/// Splits a string or list field into entries as Claude Code splits `tools`: a comma or a
/// space ends an entry unless inside parentheses (not nested); entries trimmed, empty ones dropped.
fn split_entries_of(
    file: &mut AgentFile,
    field: &Field,
    yaml_offset: usize,
    key: &str,
) -> Vec<Spanned<String>> {
    let mut out = Vec::new();
    let push_string = |file: &AgentFile, node: &Node, out: &mut Vec<Spanned<String>>| {
        let Some(text) = node.as_str() else { return };
        let raw_start = yaml_offset + node.span.start;
        let raw_end = (yaml_offset + node.span.end).max(raw_start);
        let raw = file.source.text.get(raw_start..raw_end).unwrap_or("");
        let mut cursor = 0;
        for entry in split_entries(text) {
            let span = match raw[cursor.min(raw.len())..].find(entry.as_str()) {
                Some(i) => {
                    let start = raw_start + cursor + i;
                    cursor += i + entry.len();
                    file.span_of_bytes(start..start + entry.len())
                }
                None => file.span_of_bytes(raw_start..raw_end),
            };
            out.push(Spanned { value: entry, span });
        }
    };
    match &field.node.value {
        Value::Str(_) => push_string(file, &field.node, &mut out),
        Value::Seq(items) => {
            for item in items {
                if item.as_str().is_some() {
                    push_string(file, item, &mut out);
                } else {
                    let span = file.span_of_yaml(yaml_offset, item.span.clone());
                    file.diag(
                        Diagnostic::new(
                            Code::InvalidField,
                            &file.source.display_path,
                            format!("`{key}` item is {}, not a string", item.type_name()),
                        )
                        .at(span)
                        .note("Claude Code drops this item silently")
                        .help("write the item as a string"),
                    );
                }
            }
        }
        Value::Null => {}
        _ if key != "tools" => {
            file.diag(
                Diagnostic::new(
                    Code::InvalidField,
                    &file.source.display_path,
                    format!(
                        "`{key}` must be a comma-separated string or a list, found {}",
                        field.node.type_name()
                    ),
                )
                .at(field.span.clone())
                .note("Claude Code ignores this value")
                .help(format!("write `{key}: a, b` or a YAML list")),
            );
        }
        _ => {}
    }
    out
}

/// Claude Code's entry splitting, on one string.
pub fn split_entries(text: &str) -> Vec<String> {
    let mut entries = Vec::new();
    let mut current = String::new();
    let mut in_parens = false;
    for c in text.chars() {
        match c {
            '(' if !in_parens => {
                in_parens = true;
                current.push(c);
            }
            ')' if in_parens => {
                in_parens = false;
                current.push(c);
            }
            ',' | ' ' if !in_parens => {
                let entry = js_trim(&current);
                if !entry.is_empty() {
                    entries.push(entry.to_owned());
                }
                current.clear();
            }
            c => current.push(c),
        }
    }
    let entry = js_trim(&current);
    if !entry.is_empty() {
        entries.push(entry.to_owned());
    }
    entries
}

fn read_model(file: &mut AgentFile, field: Option<Field>, path: &str) {
    let Some(field) = field else { return };
    let kept = field
        .node
        .as_str()
        .map(js_trim)
        .filter(|m| !m.is_empty())
        .map(|m| {
            if m.eq_ignore_ascii_case("inherit") {
                "inherit".to_owned()
            } else {
                m.to_owned()
            }
        });
    let help = "use a model alias (`sonnet`, `opus`, `haiku`, `inherit`) or a Claude model id such as `claude-sonnet-4-5`";
    match kept {
        None => {
            if !matches!(field.node.value, Value::Null) {
                file.diag(
                    Diagnostic::new(
                        Code::InvalidModel,
                        path,
                        format!("`model` must be a string, found {}", field.node.type_name()),
                    )
                    .at(field.span.clone())
                    .note("Claude Code drops this value; the agent runs on the default model")
                    .help(help),
                );
            }
        }
        Some(model) => {
            if !is_valid_model(&model) {
                let lower = model.to_ascii_lowercase();
                let suggestion = ["sonnet", "opus", "haiku"]
                    .into_iter()
                    .find(|a| lower == *a || strsim::levenshtein(&lower, a) <= 2);
                let mut diag = Diagnostic::new(Code::InvalidModel, path, format!("unknown model `{model}`"))
                    .at(field.span.clone())
                    .label("not a model alias nor a Claude model id")
                    .note("Claude Code passes this value to the API unchanged, and the API does not know it");
                diag = match suggestion {
                    Some(alias) => {
                        diag.help(format!("did you mean `{alias}`? (aliases are lower case)"))
                    }
                    None => diag.help(help),
                };
                file.diag(diag);
            }
            file.model = Some(Spanned {
                value: model,
                span: field.span.clone(),
            });
        }
    }
}

/// A model alias, or a Claude model id (`claude-…`, including Bedrock/Vertex forms).
pub fn is_valid_model(model: &str) -> bool {
    matches!(
        model,
        "sonnet" | "opus" | "haiku" | "inherit" | "sonnet[1m]" | "opusplan" | "default"
    ) || (model.contains("claude")
        && model
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_:@/[]".contains(c)))
}

fn read_color(file: &mut AgentFile, field: Option<Field>, path: &str) {
    let Some(field) = field else { return };
    if matches!(field.node.value, Value::Null) {
        return;
    }
    let written = match &field.node.value {
        Value::Str(s) => s.clone(),
        _ => field.node.key_text(),
    };
    file.color_written = Some(Spanned {
        value: written.clone(),
        span: field.span.clone(),
    });
    if !COLORS.contains(&written.as_str()) {
        let lower = written.to_ascii_lowercase();
        let help = match COLORS.iter().find(|c| **c == lower) {
            Some(c) => format!("did you mean `{c}`? (colours are lower case)"),
            None => format!("use one of {}", COLORS.join(", ")),
        };
        file.diag(
            Diagnostic::new(
                Code::InvalidColor,
                path,
                format!("unknown colour `{written}`"),
            )
            .at(field.span.clone())
            .label("not one of Claude Code's eight colours")
            .note("Claude Code drops this value silently")
            .help(help),
        );
    }
}

fn read_optional(file: &mut AgentFile, fields: &[(String, Field)], path: &str) {
    for (key, field) in fields {
        let node = &field.node;
        let invalid = |expected: &str| {
            Diagnostic::new(
                if key == "permissionMode" {
                    Code::InvalidPermissionMode
                } else {
                    Code::InvalidField
                },
                path,
                format!("invalid `{key}`: {}", describe(node)),
            )
            .at(field.span.clone())
            .note("Claude Code drops this value silently")
            .help(format!("`{key}` takes {expected}"))
        };
        match key.as_str() {
            "permissionMode" => {
                if let Some(mode) = node.as_str() {
                    file.permission_mode = Some(Spanned {
                        value: mode.to_owned(),
                        span: field.span.clone(),
                    });
                }
                if !node.as_str().is_some_and(|m| PERMISSION_MODES.contains(&m)) {
                    file.diag(invalid(
                        "one of acceptEdits, auto, bypassPermissions, default, dontAsk, plan",
                    ));
                }
            }
            "effort" => {
                let level = node.as_str().map(str::to_ascii_lowercase);
                match level.as_deref() {
                    Some("med") => file.effort = Some("medium".into()),
                    Some(l @ ("low" | "medium" | "high" | "xhigh" | "max")) => {
                        file.effort = Some(l.into())
                    }
                    _ => match &node.value {
                        Value::Int(i) if *i > 0 => file.effort = Some(i.to_string()),
                        _ => file.diag(invalid(
                            "low, medium, high, xhigh, max, or a positive integer",
                        )),
                    },
                }
            }
            "maxTurns" => {
                let turns = match &node.value {
                    Value::Int(i) => u32::try_from(*i).ok(),
                    Value::Str(s) => js_trim(s).parse::<u32>().ok(),
                    _ => None,
                };
                match turns {
                    Some(t) if t > 0 => file.max_turns = Some(t),
                    _ => file.diag(invalid("a positive integer")),
                }
            }
            "memory" => match node.as_str() {
                Some(m @ ("user" | "project" | "local")) => file.memory = Some(m.into()),
                _ => file.diag(invalid("one of user, project, local")),
            },
            "isolation" => match node.as_str() {
                Some(m @ ("worktree" | "remote")) => file.isolation = Some(m.into()),
                _ => file.diag(invalid("one of worktree, remote")),
            },
            "background" => match (&node.value, node.as_str()) {
                (Value::Bool(b), _) => file.background = Some(*b),
                (_, Some("true")) => file.background = Some(true),
                (_, Some("false")) => file.background = Some(false),
                _ => file.diag(invalid("true or false")),
            },
            "initialPrompt" => match node.as_str() {
                Some(p) if !js_trim(p).is_empty() => file.initial_prompt = Some(p.to_owned()),
                _ => file.diag(invalid("a non-blank string")),
            },
            "mcpServers" => match &node.value {
                Value::Seq(items)
                    if items.iter().all(|i| {
                        i.as_str().is_some() || matches!(&i.value, Value::Map(e) if !e.is_empty())
                    }) =>
                {
                    file.mcp_servers = items.clone();
                }
                _ => file.diag(invalid(
                    "a list of server names or `{name: config}` mappings",
                )),
            },
            "hooks" => {
                if is_valid_hooks(node) {
                    file.hooks = Some(node.clone());
                } else {
                    file.diag(invalid("a mapping from hook event (e.g. PreToolUse) to a list of `{matcher, hooks: [{type: command, command}]}`"));
                }
            }
            _ => {}
        }
    }
}

fn describe(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => format!("`{s}`"),
        Value::Int(i) => format!("`{i}`"),
        Value::Float(f) => format!("`{}`", yaml::js_number_text(*f)),
        Value::Bool(b) => format!("`{b}`"),
        _ => node.type_name().to_owned(),
    }
}

fn is_valid_hooks(node: &Node) -> bool {
    let Value::Map(events) = &node.value else {
        return false;
    };
    events.iter().all(|(_, matchers)| match &matchers.value {
        Value::Seq(items) => items.iter().all(|m| match &m.value {
            Value::Map(entries) => entries.iter().any(|(k, v)| {
                k.as_str() == Some("hooks")
                    && matches!(&v.value, Value::Seq(hooks) if hooks.iter().all(|h| matches!(&h.value, Value::Map(_))))
            }),
            _ => false,
        }),
        _ => false,
    })
}

fn near_known_key(key: &str) -> Option<&'static str> {
    let normal = |k: &str| {
        k.chars()
            .filter(|c| *c != '_' && *c != '-')
            .collect::<String>()
            .to_ascii_lowercase()
    };
    let key_normal = normal(key);
    KNOWN_KEYS.iter().copied().find(|known| {
        normal(known) == key_normal
            || (key.len() >= 4
                // The distance is at least the difference in length: skip hopeless pairs.
                && key.chars().count().abs_diff(known.len()) <= 1
                && strsim::damerau_levenshtein(
                    &key.to_ascii_lowercase(),
                    &known.to_ascii_lowercase(),
                ) == 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(file: &AgentFile) -> Vec<Code> {
        file.diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn reads_a_valid_file() {
        let file = read_agent(
            "a.md",
            b"---\nname: code-reviewer\ndescription: Reviews code\ntools: Read, Grep\nmodel: sonnet\ncolor: blue\n---\n\nYou review code.\n",
        );
        assert_eq!(file.status, Status::Accepted);
        assert_eq!(file.yaml, YamlStatus::StrictOk);
        assert_eq!(
            file.name.as_ref().map(|n| n.value.as_str()),
            Some("code-reviewer")
        );
        let ToolsReading::List(tools) = &file.tools else {
            panic!("tools list expected")
        };
        let names: Vec<&str> = tools.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(names, ["Read", "Grep"]);
        let grep = tools[1].span.as_ref().expect("span");
        assert_eq!((grep.line, grep.column), (4, 14));
        assert_eq!(file.prompt, "You review code.");
        assert_eq!(&file.source.text[file.prompt_range.clone()], file.prompt);
        assert!(file.diagnostics.is_empty(), "{:?}", file.diagnostics);
    }

    #[test]
    fn splitting_keeps_parenthesised_rules_whole() {
        assert_eq!(
            split_entries("Read,Edit  Bash(git diff:*), ,Grep"),
            ["Read", "Edit", "Bash(git diff:*)", "Grep"]
        );
    }

    #[test]
    fn silent_drops_become_diagnostics() {
        let file = read_agent(
            "a.md",
            b"---\nname: x\ndescription: d\ncolor: Magenta\npermissionMode: yolo\nmaxTurns: -3\nTools: Read\n---\nx",
        );
        assert_eq!(file.status, Status::Accepted);
        let codes = codes(&file);
        assert!(codes.contains(&Code::InvalidColor));
        assert!(codes.contains(&Code::InvalidPermissionMode));
        assert!(codes.contains(&Code::InvalidField));
        assert!(codes.contains(&Code::MisspelledKey));
    }

    #[test]
    fn duplicate_keys_keep_the_last_and_report() {
        let file = read_agent(
            "a.md",
            b"---\nname: x\ndescription: first\ndescription: second\n---\n",
        );
        assert_eq!(
            file.description.as_ref().map(|d| d.value.as_str()),
            Some("second")
        );
        assert_eq!(codes(&file), [Code::DuplicateKey]);
    }

    #[test]
    fn name_problems_follow_claude_code_statuses() {
        assert_eq!(
            read_agent("a.md", b"---\nname: 123\ndescription: d\n---\n").status,
            Status::Rejected
        );
        assert_eq!(
            read_agent("a.md", b"---\nname: \"\"\ndescription: d\n---\n").status,
            Status::SkippedSilently
        );
        assert_eq!(
            read_agent("a.md", b"---\nname: -x\ndescription: d\n---\n").status,
            Status::Rejected
        );
        assert_eq!(
            read_agent("a.md", b"---\ndescription: d\n---\n").status,
            Status::SkippedSilently
        );
        assert_eq!(
            read_agent("a.md", b"---\nname: x\n---\n").status,
            Status::Rejected
        );
    }

    #[test]
    fn fallback_is_accepted_with_a_warning() {
        let file = read_agent(
            "a.md",
            b"---\nname: x\ndescription: Use when: asked\n---\nP",
        );
        assert_eq!(file.yaml, YamlStatus::FallbackOk);
        assert_eq!(
            file.description.as_ref().map(|d| d.value.as_str()),
            Some("Use when: asked")
        );
        assert_eq!(codes(&file), [Code::YamlFallback]);
        assert_eq!(file.diagnostics[0].span.as_ref().map(|s| s.line), Some(3));
    }
}
