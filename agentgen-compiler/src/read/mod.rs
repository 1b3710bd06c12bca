//! Reading one agent file exactly as Claude Code 2.1.332 reads it, keeping where every value
//! came from, and reporting what Claude Code would skip, reject or drop without a word.
//!
//! Source: CLAUDE-CODE-RULES.md §1–4 and the loader's recorded verdicts on the conformance cases
//! and the 697-file corpus.

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::frontmatter::{self, Missing};
use crate::registry::MAX_FILE_BYTES;
use crate::source::{SourceFile, is_js_whitespace};
use crate::yaml::{self, Node, Value};

mod fields;
pub mod hooks;
mod model;
mod name;
mod number;
mod optional;
pub mod plugin_agent;
pub mod skill;
mod tools;

pub use fields::{MAX_VALUE_NESTING, key_hint};
pub use model::{MODEL_ALIASES, model_alias};
pub use name::{PLACEHOLDER_DESCRIPTION_START, is_placeholder_description};
pub use plugin_agent::read_plugin_agent;
pub use skill::{SkillFile, SkillKind, read_command, read_skill};
pub use tools::split_entries;

use fields::read_fields;

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
    /// `maxTurns` when valid: a positive integer.
    pub max_turns: Option<u64>,
    /// `effort` when valid: a level (lower case, `med` → `medium`) or an integer.
    pub effort: Option<Effort>,
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
    /// The hooks Claude Code keeps from `hooks` (invalid entries and unknown keys removed).
    pub hooks: Option<Node>,
    /// `autoCompactWindow` when valid: an integer of at least 100,000 (tokens).
    pub auto_compact_window: Option<u64>,
    /// `omitClaudeMd`: `Some(true)` when given as `true` (the only value Claude Code reads).
    pub omit_claude_md: Option<bool>,
    /// `observer`, trimmed, when a non-blank string: a comma-separated list of agent names.
    pub observer: Option<Spanned<String>>,
    /// `observerMessage` as written, when a non-blank string.
    pub observer_message: Option<String>,
    /// `observeSubagents`: `Some(false)` when given as `false` (the only value Claude Code reads).
    pub observe_subagents: Option<bool>,
    /// `observeToolResults`: `Some(false)` when the key is present with a value that is not
    /// true-like (`true`, `1`, `yes`, `on`).
    pub observe_tool_results: Option<bool>,
    /// `experimental.cacheTtl` (key matched ignoring `-`, `_` and case): `5m` or `1h`.
    pub cache_ttl: Option<String>,
    /// The tools Claude Code appends to the `tools` list because `memory` is set: whichever of
    /// `Write`, `Edit`, `Read` the list lacks, in that order (empty without `memory` or when the
    /// agent inherits every tool).
    pub memory_tools: Vec<&'static str>,
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

/// `effort` as Claude Code keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effort {
    /// `low`, `medium`, `high`, `xhigh` or `max` (any letter case in the file; `med` = medium).
    Level(&'static str),
    /// An integer (Claude Code accepts any; its interface calls numeric effort internal-only).
    Integer(i64),
}

impl Effort {
    /// The levels Claude Code knows, lowest first.
    pub const LEVELS: &'static [&'static str] = &["low", "medium", "high", "xhigh", "max"];
}

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

/// The tools Claude Code appends to an agent's `tools` list when `memory` is set, in its order.
pub const MEMORY_TOOLS: &[&str] = &["Write", "Edit", "Read"];

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
            auto_compact_window: None,
            omit_claude_md: None,
            observer: None,
            observer_message: None,
            observe_subagents: None,
            observe_tool_results: None,
            cache_ttl: None,
            memory_tools: Vec::new(),
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

    /// `permissionMode` as Claude Code keeps it (`manual` is read as `default`).
    pub fn permission_mode(&self) -> Option<&str> {
        match self.permission_mode.as_ref().map(|c| c.value.as_str()) {
            Some("manual") => Some("default"),
            mode => mode.filter(|c| PERMISSION_MODES.contains(c)),
        }
    }

    /// The tools the agent has when it runs, before `disallowedTools`: `None` when it inherits
    /// every tool, else the `tools` entries followed by the ones `memory` adds.
    pub fn effective_tools(&self) -> Option<Vec<&str>> {
        match &self.tools {
            ToolsReading::InheritAll => None,
            ToolsReading::List(list) => Some(
                list.iter()
                    .map(|t| t.value.as_str())
                    .chain(self.memory_tools.iter().copied())
                    .collect(),
            ),
        }
    }

    /// Whether Claude Code accepts `name` as an agent's name: not empty, not starting with `-`,
    /// at most 256 UTF-16 units, no `:` after NFKC (CLAUDE-CODE-RULES.md §4).
    pub fn is_loadable_name(name: &str) -> bool {
        !name.is_empty() && !name.starts_with('-') && !name::is_refused_name(name)
    }

    /// Whether Claude Code loads this file as an agent.
    pub fn is_accepted(&self) -> bool {
        self.status == Status::Accepted
    }

    fn span_of_yaml(&self, yaml_offset: usize, range: std::ops::Range<usize>) -> Option<Span> {
        let loc = self
            .source
            .span(yaml_offset + range.start..yaml_offset + range.end);
        Some(loc)
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
    let (mut file, frontmatter) = read_document(display_path, bytes);
    if let Some((entries, yaml_offset)) = frontmatter {
        read_fields(&mut file, entries, yaml_offset);
    }
    file
}

/// The frontmatter mapping's entries and the offset of the YAML text in the file.
pub(crate) type Frontmatter = (Vec<(Node, Node)>, usize);

/// Reads a Markdown file with a frontmatter as Claude Code reads agent and skill files alike:
/// size, UTF-8, the frontmatter block, strict YAML or the re-quoting fallback, a mapping; the
/// body trimmed into `prompt`. The entries are `None` when there is no mapping to read (the
/// reason is a diagnostic of the file).
pub(crate) fn read_document(display_path: &str, bytes: &[u8]) -> (AgentFile, Option<Frontmatter>) {
    let source = SourceFile::new(display_path, bytes);
    let mut file = AgentFile::new(source);
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return (too_large(display_path, bytes.len() as u64), None);
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
            return (file, None);
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
                    // Beyond agentgen's limits (alias expansion), not beyond YAML's.
                    let too_big = strict_error.message.contains("levels deep")
                        || strict_error.message.contains("YAML nodes");
                    let diagnostic = if too_big {
                        Diagnostic::new(
                            Code::InvalidFrontmatter,
                            display_path,
                            "frontmatter expands beyond what agentgen reads",
                        )
                        .at(span)
                        .label(strict_error.message.clone())
                        .note("YAML aliases (`*name`) copy their anchor's value; agentgen refuses frontmatter that expands this far, so that hostile files cannot exhaust the compiler")
                        .help("write the values out instead of aliasing them")
                    } else {
                        Diagnostic::new(Code::InvalidFrontmatter, display_path, "frontmatter is not valid YAML")
                            .at(span)
                            .label(strict_error.message.clone())
                            .note("Claude Code skips this file silently: its re-quoting fallback cannot read it either, so the agent does not exist")
                            .help(fix_help(display_path, bytes).unwrap_or_else(|| help.to_owned()))
                    };
                    file.diag(diagnostic);
                    return (file, None);
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
            return (file, None);
        }
        None => Vec::new(),
    };
    (file, Some((entries, yaml_offset)))
}

/// The help of an `invalid-frontmatter` error when `agentgen fix` can repair the file (its
/// [`fix_source`](crate::fix::fix_source) rewrites it): the command and what it rewrites.
/// `None` when it cannot (the file is then left to the reader's own help).
fn fix_help(display_path: &str, bytes: &[u8]) -> Option<String> {
    let crate::fix::FixOutcome::Fixed(fixed) = crate::fix::fix_source(display_path, bytes) else {
        return None;
    };
    let keys: Vec<String> = fixed
        .changes
        .iter()
        .map(|change| format!("`{}` (line {})", change.key, change.line))
        .collect();
    let what = match keys.as_slice() {
        [] => "the frontmatter".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    Some(format!(
        "`agentgen fix {display_path}` rewrites {what} as strict YAML, keeping the text (`--check` shows the change first)"
    ))
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
