//! Reading one agent file exactly as Claude Code 2.1.332 reads it, keeping where every value
//! came from, and reporting what Claude Code would skip, reject or drop without a word.
//!
//! Source: CLAUDE-CODE-RULES.md §1–4 and the loader's recorded verdicts on the conformance cases
//! and the 697-file corpus.
//!
//! One reader serves agent files, plugin agents, skills and commands: `document` finds the
//! frontmatter and parses it, `fields` keeps the last value of each key, and a function per key
//! (`name`, `model`, `tools`, `optional`, `hooks_field`, `skill::fields`) returns the value Claude
//! Code keeps and reports what it drops. A `Dialect` says which of Claude Code's readers applies
//! (a project's agent, a plugin's agent, a skill or command); each reader words its diagnostics
//! for the dialect where it makes them. `agent` and `skill` put the values together.

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::registry::MAX_FILE_BYTES;
use crate::source::SourceFile;
use crate::yaml::Node;

mod agent;
mod document;
mod fields;
pub mod hooks;
mod hooks_field;
mod model;
mod name;
mod number;
mod optional;
pub mod plugin_agent;
pub mod skill;
mod tools;

pub use fields::{MAX_VALUE_NESTING, key_hint};
pub use model::{MODEL_ALIASES, model_alias};
pub use name::PLACEHOLDER_DESCRIPTION_START;
pub use plugin_agent::read_plugin_agent;
pub use skill::{SkillFile, SkillKind, read_command, read_skill};

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
    /// Byte range of the system prompt ([`prompt`](Self::prompt)) in `source.text` (`0..0`
    /// when there is no frontmatter).
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
    pub(crate) const LEVELS: &'static [&'static str] = &["low", "medium", "high", "xhigh", "max"];
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
    /// The system prompt: the body trimmed as JavaScript trims (a slice of the source text).
    pub fn prompt(&self) -> &str {
        self.source
            .text
            .get(self.prompt_range.clone())
            .unwrap_or("")
    }

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
    pub(crate) fn is_loadable_name(name: &str) -> bool {
        !name.is_empty() && !name.starts_with('-') && !name::is_refused_name(name)
    }

    /// Whether Claude Code loads this file as an agent.
    pub(crate) fn is_accepted(&self) -> bool {
        self.status == Status::Accepted
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
    file.diagnostics.push(diag);
    file
}

/// Reads one agent file's bytes as Claude Code does.
pub fn read_agent(display_path: &str, bytes: &[u8]) -> AgentFile {
    agent::read_agent_file(
        display_path,
        std::borrow::Cow::Borrowed(bytes),
        Dialect::Project,
    )
}

/// [`read_agent`] or [`read_plugin_agent`] (with `plugin`: its name and the file's name),
/// taking the bytes when they are owned (read from disk): valid UTF-8 is not copied.
pub(crate) fn read_agent_bytes(
    display_path: &str,
    bytes: std::borrow::Cow<'_, [u8]>,
    plugin: Option<(&str, &str)>,
) -> AgentFile {
    let dialect = match plugin {
        Some((plugin, file_name)) => Dialect::Plugin { plugin, file_name },
        None => Dialect::Project,
    };
    agent::read_agent_file(display_path, bytes, dialect)
}

/// The frontmatter mapping's entries and the offset of the YAML text in the file.
pub(crate) type Frontmatter = (Vec<(Node, Node)>, usize);

/// Which of Claude Code's readers a file is read with. Each field reader words (or leaves out)
/// its diagnostics for the dialect where it makes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect<'a> {
    /// An agent file of a `.claude/agents` folder or of an agentgen catalog.
    Project,
    /// Agent file `file_name` (`reviewer.md`) of plugin `plugin`.
    Plugin {
        /// The plugin's name.
        plugin: &'a str,
        /// The file's own name.
        file_name: &'a str,
    },
    /// A skill's `SKILL.md` or a command file.
    Skill(SkillKind),
}

impl Dialect<'_> {
    /// Whether Claude Code ignores `key` in this dialect (a plugin agent's
    /// [`IGNORED_IN_PLUGIN_AGENTS`](plugin_agent::IGNORED_IN_PLUGIN_AGENTS)).
    fn ignores(self, key: &str) -> bool {
        matches!(self, Dialect::Plugin { .. })
            && plugin_agent::IGNORED_IN_PLUGIN_AGENTS.contains(&key)
    }

    /// Whether this is an agent file's dialect (a project's or a plugin's).
    fn is_agent(self) -> bool {
        !matches!(self, Dialect::Skill(_))
    }
}

/// What the field readers share: the file read (for places and its path), the offset of its
/// YAML text, its dialect, and the diagnostics found so far, which every reader adds to.
struct Reader<'a> {
    source: &'a SourceFile,
    yaml_offset: usize,
    dialect: Dialect<'a>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    /// The display path, for diagnostics.
    fn path(&self) -> &'a str {
        &self.source.display_path
    }

    /// The place of `range`, a byte range in the YAML text.
    fn yaml_span(&self, range: std::ops::Range<usize>) -> Option<Span> {
        self.file_span(self.yaml_offset + range.start..self.yaml_offset + range.end)
    }

    /// The place of `range`, a byte range in the file.
    fn file_span(&self, range: std::ops::Range<usize>) -> Option<Span> {
        Some(self.source.span(range))
    }

    /// Reports `diagnostic`.
    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use super::tools::split_entries;
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
        assert_eq!(file.prompt(), "You review code.");
        assert_eq!(&file.source.text[file.prompt_range.clone()], file.prompt());
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
