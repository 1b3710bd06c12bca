//! The document a request is about, as the features see it: which file of the catalog it is,
//! read from the editor's text, and the names it holds (tokens) with their byte ranges.
//!
//! The document's `text` may be newer than what the catalog read. Its frontmatter is read again
//! from `text` (one file, as Claude Code reads it), so every frontmatter range is a range of
//! `text`; its prompt references come from the catalog, and only while the catalog read this
//! very text (their ranges would be stale otherwise).

use crate::lsp::paths::uri_of;
use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;

use agentgen_compiler::Catalog;
use agentgen_compiler::catalog::{Agent, AgentTarget};
use agentgen_compiler::read::{
    AgentFile, SkillFile, Spanned, ToolsReading, read_agent, read_skill,
};
use agentgen_compiler::source::SourceFile;
use lsp_types::Location;

use crate::lsp::text::range_of;

/// What kind of file a document is. (One lives for one request: its size does not matter.)
#[allow(clippy::large_enum_variant)]
pub(crate) enum Kind<'a> {
    /// An agent file: the file read from the document's text, and its agent in the catalog
    /// (an index into [`Catalog::agents`]) when the catalog loads it.
    Agent {
        file: Cow<'a, AgentFile>,
        agent: Option<usize>,
    },
    /// A `SKILL.md` or a command file, read from the document's text.
    Skill { file: Cow<'a, SkillFile> },
    /// The catalog's `agentgen.toml`, or another file.
    Other,
}

/// A document of a catalog.
pub(crate) struct Document<'a> {
    pub catalog: &'a Catalog,
    pub text: &'a str,
    pub kind: Kind<'a>,
    /// Whether the catalog read exactly `text` (its spans and diagnostics apply to it).
    pub current: bool,
}

/// Whether the display path `display` (an absolute path: the catalog is compiled with the
/// project root's absolute path as display root) is the file `path`.
pub(crate) fn is_path(display: &str, path: &Path) -> bool {
    Path::new(display) == path
}

impl<'a> Document<'a> {
    /// The document at `path` with the text `text`: an agent file of the catalog, a skill or
    /// command file, or (for a Markdown file the catalog does not have yet, such as a new
    /// agent file) an agent file read from `text`.
    pub(crate) fn new(catalog: &'a Catalog, path: &Path, text: &'a str) -> Document<'a> {
        let found = catalog
            .files()
            .iter()
            .enumerate()
            .find(|(_, f)| is_path(f.path(), path));
        if let Some((index, file)) = found {
            let current = file.source.text == text;
            let file = if current {
                Cow::Borrowed(file)
            } else {
                Cow::Owned(read_agent(file.path(), text.as_bytes()))
            };
            let agent = catalog.agents().iter().position(|a| a.file == index);
            return Document {
                catalog,
                text,
                kind: Kind::Agent { file, agent },
                current,
            };
        }
        let skill = catalog
            .skill_files()
            .iter()
            .chain(catalog.commands().map(|(_, f)| f))
            .find(|f| is_path(f.path(), path));
        if let Some(file) = skill {
            let current = file.source.text == text;
            let file = if current {
                Cow::Borrowed(file)
            } else {
                let mut read = read_skill(file.path(), &file.folder, text.as_bytes());
                read.kind = file.kind;
                Cow::Owned(read)
            };
            return Document {
                catalog,
                text,
                kind: Kind::Skill { file },
                current,
            };
        }
        let display = path.to_string_lossy();
        let kind = match path.file_name().and_then(|n| n.to_str()) {
            Some("SKILL.md") => {
                let folder = path
                    .parent()
                    .and_then(Path::file_name)
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                Kind::Skill {
                    file: Cow::Owned(read_skill(&display, &folder, text.as_bytes())),
                }
            }
            Some(name) if name.ends_with(".md") => Kind::Agent {
                file: Cow::Owned(read_agent(&display, text.as_bytes())),
                agent: None,
            },
            _ => Kind::Other,
        };
        Document {
            catalog,
            text,
            kind,
            current: false,
        }
    }

    /// The agent of the document, when the catalog loads it.
    pub(crate) fn agent(&self) -> Option<&'a Agent> {
        match &self.kind {
            Kind::Agent {
                agent: Some(index), ..
            } => self.catalog.agents().get(*index),
            _ => None,
        }
    }

    /// The names the document holds, with their ranges in `text`.
    pub(crate) fn tokens(&self) -> Vec<Token> {
        match &self.kind {
            Kind::Agent { file, .. } => {
                let agent = self.agent().filter(|_| self.current);
                agent_tokens(self.catalog, file, self.agent(), agent)
            }
            Kind::Skill { file } => skill_tokens(self.catalog, file),
            Kind::Other => Vec::new(),
        }
    }

    /// The token at byte `offset` (the innermost one; a range's end counts as inside it, so
    /// that a cursor just after a name finds the name).
    pub(crate) fn token_at(&self, offset: usize) -> Option<Token> {
        let tokens = self.tokens();
        let found = tokens
            .into_iter()
            .filter(|t| t.bytes.start <= offset && offset <= t.bytes.end)
            .min_by_key(|t| t.bytes.len());
        found.or_else(|| self.prompt_word_at(offset))
    }

    /// While the catalog has not read this text (its prompt references would be stale): the
    /// word at `offset` in the prompt, when it is the name of an agent of the catalog.
    fn prompt_word_at(&self, offset: usize) -> Option<Token> {
        let Kind::Agent { file, .. } = &self.kind else {
            return None;
        };
        if self.current || offset < file.prompt_range.start || offset > file.prompt_range.end {
            return None;
        }
        let text = self.text;
        let offset = offset.min(text.len());
        if !text.is_char_boundary(offset) {
            return None;
        }
        let is_word = |c: char| is_name_char(c) || c == ':';
        let start = text[..offset]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_word(*c))
            .last()
            .map_or(offset, |(at, _)| at);
        let end = text[offset..]
            .char_indices()
            .find(|(_, c)| !is_word(*c))
            .map_or(text.len(), |(at, _)| offset + at);
        let written = text[start..end].trim_matches(['.', ':']);
        let start = start + text[start..end].find(written)?;
        let target = resolve_agent(self.catalog, self.agent(), written)?;
        Some(Token {
            bytes: start..start + written.len(),
            kind: TokenKind::AgentRef {
                written: written.to_owned(),
                role: Role::Prompt,
                target: Some(target),
            },
        })
    }
}

/// A name in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// Its byte range in the file's text.
    pub bytes: Range<usize>,
    /// What it names.
    pub kind: TokenKind,
}

/// What a token names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// A frontmatter key.
    Key(String),
    /// A tool name in `tools`, `disallowedTools` (the name before a rule's parenthesis).
    Tool(String),
    /// A reference to an agent: an `Agent(x)` target, a collaborator entry, an `observer`
    /// name, a prompt reference, a skill's `agent`. `target`: the agent of the catalog it
    /// resolves to (an index into [`Catalog::agents`]).
    AgentRef {
        written: String,
        role: Role,
        target: Option<usize>,
    },
    /// The value of an agent file's `name:` (the declaration), with the agent it declares.
    AgentName { agent: Option<usize> },
    /// A `skills` entry, with the skill of the catalog it names (an index into
    /// [`Catalog::skills`]).
    Skill {
        written: String,
        target: Option<usize>,
    },
}

/// Where an agent reference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// `Agent(x)` or `Task(x)` in `tools` or `disallowedTools`.
    AgentTool,
    /// `dependencies` or `collaborators`.
    Collaborator,
    /// `observer`.
    Observer,
    /// The prompt.
    Prompt,
    /// A skill's `agent`.
    SkillAgent,
}

/// The agent of the catalog `written` names from `from` (an agent's own pack first, as the
/// compiler resolves frontmatter references: `pack:name` exactly, else the same pack).
pub(crate) fn resolve_agent(
    catalog: &Catalog,
    from: Option<&Agent>,
    written: &str,
) -> Option<usize> {
    let pack = from.and_then(|a| a.pack.as_deref());
    if let Some(pack) = pack
        && let Some(index) = catalog.agent_index(&format!("{pack}:{written}"))
    {
        return Some(index);
    }
    catalog.agent_index(written)
}

/// The skill of the catalog an agent's `skills` entry names (by qualified name or alias).
pub(crate) fn resolve_skill(catalog: &Catalog, written: &str) -> Option<usize> {
    let skills = catalog.skills();
    skills
        .iter()
        .position(|s| s.qualified_name == written)
        .or_else(|| {
            skills
                .iter()
                .position(|s| s.aliases.iter().any(|a| a == written))
        })
}

/// The byte range of `name` in `text[bytes]`: its last occurrence standing alone (not inside a
/// longer name), else `None`.
pub(crate) fn find_name(text: &str, bytes: &Range<usize>, name: &str) -> Option<Range<usize>> {
    if name.is_empty() {
        return None;
    }
    let within = text.get(bytes.clone())?;
    within
        .rmatch_indices(name)
        .map(|(at, _)| bytes.start + at..bytes.start + at + name.len())
        .find(|r| {
            let before = text[..r.start].chars().next_back();
            let after = text[r.end..].chars().next();
            !before.is_some_and(is_name_char) && !after.is_some_and(is_name_char)
        })
}

/// Whether `c` may be part of an agent's, tool's or skill's name.
pub(crate) fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.')
}

fn span_bytes<T>(spanned: &Spanned<T>) -> Option<Range<usize>> {
    spanned.span.as_ref().map(|s| s.bytes.clone())
}

/// The tokens of an agent file. `owner`: the file's agent (for resolving names in its pack);
/// `scanned`: the agent whose prompt references apply to this text (none when the catalog read
/// another text).
pub(crate) fn agent_tokens(
    catalog: &Catalog,
    file: &AgentFile,
    owner: Option<&Agent>,
    scanned: Option<&Agent>,
) -> Vec<Token> {
    let text = file.source.text.as_str();
    let mut tokens = Vec::new();
    for key in &file.keys {
        if let Some(bytes) = span_bytes(key) {
            tokens.push(Token {
                bytes,
                kind: TokenKind::Key(key.value.clone()),
            });
        }
    }
    if let Some(name) = &file.name
        && let Some(bytes) = span_bytes(name)
        && let Some(bytes) = find_name(text, &bytes, &name.value).or(Some(bytes))
    {
        let agent = owner
            .map(|a| a.qualified_name.as_str())
            .and_then(|q| catalog.agent_index(q));
        tokens.push(Token {
            bytes,
            kind: TokenKind::AgentName { agent },
        });
    }
    let listed = match &file.tools {
        ToolsReading::List(list) => list.as_slice(),
        ToolsReading::InheritAll => &[],
    };
    for entry in listed.iter().chain(&file.disallowed_tools) {
        tool_entry_tokens(catalog, text, entry, owner, &mut tokens);
    }
    for entry in &file.collaborator_names {
        if let Some(bytes) = span_bytes(entry).and_then(|b| find_name(text, &b, &entry.value)) {
            tokens.push(agent_ref(
                catalog,
                owner,
                &entry.value,
                Role::Collaborator,
                bytes,
            ));
        }
    }
    if let Some(observer) = &file.observer
        && let Some(bytes) = span_bytes(observer)
    {
        for name in observer
            .value
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            if let Some(at) = find_name(text, &bytes, name) {
                tokens.push(agent_ref(catalog, owner, name, Role::Observer, at));
            }
        }
    }
    for entry in &file.skills {
        if let Some(bytes) = span_bytes(entry).and_then(|b| find_name(text, &b, &entry.value)) {
            tokens.push(Token {
                bytes,
                kind: TokenKind::Skill {
                    written: entry.value.clone(),
                    target: resolve_skill(catalog, &entry.value),
                },
            });
        }
    }
    if let Some(agent) = scanned {
        for reference in &agent.prompt_references {
            let span = reference.span.bytes.clone();
            let bytes = find_name(text, &span, &reference.written).unwrap_or(span);
            let target = match reference.target {
                Some(AgentTarget::Catalog(index)) => Some(index),
                _ => None,
            };
            tokens.push(Token {
                bytes,
                kind: TokenKind::AgentRef {
                    written: reference.written.clone(),
                    role: Role::Prompt,
                    target,
                },
            });
        }
    }
    tokens
}

fn agent_ref(
    catalog: &Catalog,
    owner: Option<&Agent>,
    written: &str,
    role: Role,
    bytes: Range<usize>,
) -> Token {
    Token {
        bytes,
        kind: TokenKind::AgentRef {
            written: written.to_owned(),
            role,
            target: resolve_agent(catalog, owner, written),
        },
    }
}

/// The tokens of one `tools` / `disallowedTools` entry: the tool's name, and for `Agent(…)` /
/// `Task(…)` each agent it names.
fn tool_entry_tokens(
    catalog: &Catalog,
    text: &str,
    entry: &Spanned<String>,
    owner: Option<&Agent>,
    tokens: &mut Vec<Token>,
) {
    let Some(bytes) = span_bytes(entry) else {
        return;
    };
    if text.get(bytes.clone()) != Some(entry.value.as_str()) || entry.value.starts_with("mcp__") {
        return;
    }
    let value = entry.value.as_str();
    let (tool, inner) = match value.split_once('(') {
        Some((tool, rest)) => (tool, Some(rest.strip_suffix(')').unwrap_or(rest))),
        None => (value, None),
    };
    tokens.push(Token {
        bytes: bytes.start..bytes.start + tool.len(),
        kind: TokenKind::Tool(tool.to_owned()),
    });
    let (Some(inner), "Agent" | "Task") = (inner, tool) else {
        return;
    };
    let mut at = bytes.start + tool.len() + 1;
    for part in inner.split(',') {
        let name = part.trim();
        if !name.is_empty() {
            let lead = part.len() - part.trim_start().len();
            let start = at + lead;
            tokens.push(agent_ref(
                catalog,
                owner,
                name,
                Role::AgentTool,
                start..start + name.len(),
            ));
        }
        at += part.len() + 1;
    }
}

/// The tokens of a skill or command file: its keys and its `agent`.
pub(crate) fn skill_tokens(catalog: &Catalog, file: &SkillFile) -> Vec<Token> {
    let text = file.source.text.as_str();
    let mut tokens: Vec<Token> = file
        .keys
        .iter()
        .filter_map(|key| {
            Some(Token {
                bytes: span_bytes(key)?,
                kind: TokenKind::Key(key.value.clone()),
            })
        })
        .collect();
    if let Some(agent) = &file.agent
        && let Some(bytes) = span_bytes(agent).and_then(|b| find_name(text, &b, &agent.value))
    {
        tokens.push(agent_ref(
            catalog,
            None,
            &agent.value,
            Role::SkillAgent,
            bytes,
        ));
    }
    tokens
}

/// The location of `bytes` in `source` (a file of the catalog, its display path absolute).
pub(crate) fn location(source: &SourceFile, bytes: Range<usize>) -> Option<Location> {
    Some(Location {
        uri: uri_of(Path::new(&source.display_path))?,
        range: range_of(&source.text, bytes),
    })
}

/// Where an agent is declared: its file's `name:` value (the file's start without one).
pub(crate) fn agent_declaration(catalog: &Catalog, agent: &Agent) -> Option<Location> {
    let file = catalog.file_of(agent);
    let bytes = file
        .name
        .as_ref()
        .and_then(|n| {
            span_bytes(n).map(|b| find_name(&file.source.text, &b, &n.value).unwrap_or(b))
        })
        .unwrap_or(0..0);
    location(&file.source, bytes)
}

/// Where a skill is declared: its `name:` value, else its file's start.
pub(crate) fn skill_declaration(catalog: &Catalog, skill: usize) -> Option<Location> {
    let file = catalog.skill_file_of(catalog.skills().get(skill)?);
    let bytes = file.name.as_ref().and_then(span_bytes).unwrap_or(0..0);
    location(&file.source, bytes)
}
