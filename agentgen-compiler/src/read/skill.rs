//! Reading one skill, `<folder>/SKILL.md`, exactly as Claude Code 2.1.332 reads it, keeping where
//! every value came from, and reporting what Claude Code would ignore or drop without a word.
//!
//! Source: Claude Code 2.1.332's skill loader (its skill frontmatter schema and reader), confirmed
//! on the offline CLI: the skills its `initialize` answer lists and the skills an agent preloads
//! (docs/guide/claude-projects-skills-plugins.md). A skill file is read like an agent file (the same frontmatter block, strict
//! YAML or the re-quoting fallback), with these differences:
//!
//! - the skill is named after its folder unless `name` gives another name (`String(name)`, at
//!   most 256 UTF-16 units; the folder's name stays an alias); nothing in a name is refused;
//! - a file without frontmatter, or whose frontmatter does not parse, is still a skill: its
//!   `description` is the first non-blank line of the body (a Markdown heading's text), cut to
//!   100 characters; a literal `\n` in a description stays as written;
//! - `allowed-tools`, `disallowed-tools` (or `disallowedTools`), `paths` and `arguments` are lists;
//!   `disable-model-invocation`, `user-invocable` and `background` flags (`true`, `1`, `yes`, `on`
//!   / `false`, `0`, `no`, `off`); `context` is `fork` or inline; `shell` `bash` or `powershell`;
//! - hooks that Claude Code cannot load make it load the skill without hooks and without its
//!   `allowed-tools`;
//! - the limit is 1,000,000 bytes (agent files: 1 MiB).
//!
//! Commands (`commands/**/*.md` of a `.claude` project or a plugin) are read by the same reader
//! ([`read_command`], a [`SkillKind`] of its own), as Claude Code 2.1.332 reads them: it offers
//! them as skills, with these differences (its command loaders, confirmed on the offline CLI's
//! `initialize` answer, `tests/claude_cli_commands.rs`):
//!
//! - a command is named after its path (`grp/deploy.md` is `grp:deploy`); a project command's
//!   `name` is ignored, a plugin command's renames it within its folder (`plugin:grp:name`);
//! - without a description, the body's first line, else `Custom command` (a project's) or
//!   `Plugin command` (a plugin's);
//! - `paths` is ignored, and a plugin command's `hooks` are not registered (a `hooks` value that
//!   is not a mapping drops its `allowed-tools`);
//! - the limit is 1 MiB, as for agent files.

use std::collections::HashMap;

use super::number::js_string;
use super::optional::read_optional;
use super::tools::split_entries_of;
use super::{
    AgentFile, Effort, Field, MAX_VALUE_NESTING, Spanned, YamlStatus, hooks, read_document,
};
use crate::diagnostic::{Code, Diagnostic, Related, Span};
use crate::frontmatter::{self, Missing};
use crate::source::{SourceFile, js_trim};
use crate::yaml::{Node, Value};

/// The name of a skill's file in its folder (exactly so: `skill.md` is not a skill).
pub const SKILL_FILE: &str = "SKILL.md";

/// Claude Code's size limit for a skill file, in bytes (1,000,000; agent files have 1 MiB).
pub const MAX_SKILL_BYTES: u64 = 1_000_000;

/// The longest `name` Claude Code keeps, in UTF-16 code units; a longer one is ignored.
const MAX_NAME_UTF16: usize = 256;

/// The frontmatter keys of Claude Code 2.1.332's skill schema that a skill's author writes.
pub const SKILL_KEYS: &[&str] = &[
    "name",
    "description",
    "when_to_use",
    "allowed-tools",
    "disallowed-tools",
    "disallowedTools",
    "model",
    "effort",
    "context",
    "agent",
    "background",
    "disable-model-invocation",
    "user-invocable",
    "argument-hint",
    "arguments",
    "paths",
    "hooks",
    "shell",
    "version",
    "metadata",
];

/// Keys of the schema Claude Code marks internal (read by its own tooling or kept as they are):
/// no diagnostic, kept in [`SkillFile::extra`].
const INTERNAL_KEYS: &[&str] = &[
    "fallback",
    "created_by",
    "improved_by",
    "mcpServers",
    "lspServers",
    "agents",
    "outputStyles",
    "themes",
    "workflows",
    "channels",
    "monitors",
    "settings",
    "userConfig",
    "defaultEnabled",
    "experimental",
    "dependencies",
    "displayName",
    "author",
    "homepage",
    "repository",
    "license",
    "keywords",
];

/// What Claude Code reads with its skill reader: a skill's `SKILL.md`, or a command file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SkillKind {
    /// `<folder>/SKILL.md`.
    #[default]
    Skill,
    /// A command of a `.claude` project (`.claude/commands/**/*.md`).
    ProjectCommand,
    /// A command of a plugin (`<plugin>/commands/**/*.md`).
    PluginCommand,
}

impl SkillKind {
    /// Whether this is a command file.
    pub fn is_command(self) -> bool {
        self != SkillKind::Skill
    }

    /// `skill` or `command`, for messages.
    pub fn noun(self) -> &'static str {
        if self.is_command() {
            "command"
        } else {
            "skill"
        }
    }

    /// Claude Code's description for a file whose frontmatter and body give none.
    pub fn default_description(self) -> &'static str {
        match self {
            SkillKind::Skill => "Skill",
            SkillKind::ProjectCommand => "Custom command",
            SkillKind::PluginCommand => "Plugin command",
        }
    }

    /// Claude Code's size limit for the file, in bytes (1,000,000 for a `SKILL.md`, 1 MiB for
    /// a command file).
    pub fn max_bytes(self) -> u64 {
        if self.is_command() {
            crate::registry::MAX_FILE_BYTES
        } else {
            MAX_SKILL_BYTES
        }
    }
}

/// Everything read from one `SKILL.md` (or command file): what Claude Code sees, with places, and the problems
/// found in the file alone (names and references are checked across the catalog later).
#[derive(Debug, Clone)]
pub struct SkillFile {
    /// The file.
    pub source: SourceFile,
    /// A skill or a command.
    pub kind: SkillKind,
    /// The name of the skill's folder: the skill's name unless `name` gives another. For a
    /// command, its name from its path within its plugin or project (`grp:deploy`).
    pub folder: String,
    /// Whether Claude Code loads the file (not when it is too large or unreadable).
    pub loaded: bool,
    /// How its frontmatter parsed.
    pub yaml: YamlStatus,
    /// Frontmatter keys in file order (last occurrence wins for values).
    pub keys: Vec<Spanned<String>>,
    /// `name` as Claude Code keeps it (`String(value)`, not trimmed), when given, not empty and
    /// at most 256 UTF-16 units.
    pub name: Option<Spanned<String>>,
    /// The description Claude Code shows: `description` trimmed, or the body's first line.
    pub description: String,
    /// Where `description` is, when the frontmatter gives one Claude Code reads.
    pub description_span: Option<Span>,
    /// `when_to_use` (`String(value)`), when given.
    pub when_to_use: Option<String>,
    /// `allowed-tools` entries (empty when Claude Code drops them with the skill's hooks).
    pub allowed_tools: Vec<Spanned<String>>,
    /// `disallowed-tools` (or `disallowedTools`) entries.
    pub disallowed_tools: Vec<Spanned<String>>,
    /// `model` as Claude Code keeps it (trimmed; `inherit` in any case becomes `inherit`).
    pub model: Option<Spanned<String>>,
    /// `effort` when valid.
    pub effort: Option<Effort>,
    /// `context: fork`: the skill runs in a subagent of its own.
    pub fork: bool,
    /// `agent` (`String(value)`): the agent that runs the skill with `context: fork`.
    pub agent: Option<Spanned<String>>,
    /// `background` when given as a flag.
    pub background: Option<bool>,
    /// `disable-model-invocation`: only users start the skill (and agents cannot preload it).
    pub disable_model_invocation: bool,
    /// `user-invocable`: users can start it as `/name` (`true` when absent).
    pub user_invocable: bool,
    /// `argument-hint` (`String(value)`).
    pub argument_hint: Option<String>,
    /// `arguments`: the argument names (words; all-digit ones left out).
    pub arguments: Vec<String>,
    /// `paths`: the glob patterns as written (split at commas outside braces).
    pub paths: Vec<String>,
    /// `shell` (`bash` or `powershell`), when valid.
    pub shell: Option<String>,
    /// The hooks Claude Code keeps from `hooks`.
    pub hooks: Option<Node>,
    /// `version` (`String(value)`).
    pub version: Option<String>,
    /// Other keys (Claude Code's internal ones, `metadata`, unknown keys), in file order.
    pub extra: Vec<(String, Node)>,
    /// The body after the frontmatter, as written (the whole text without a frontmatter).
    pub body: String,
    /// Problems found in this file alone.
    pub diagnostics: Vec<Diagnostic>,
}

impl SkillFile {
    /// The display path.
    pub fn path(&self) -> &str {
        &self.source.display_path
    }

    /// The skill's name as Claude Code lists it within its catalog or plugin: `name`, else the
    /// folder's name.
    pub fn skill_name(&self) -> &str {
        self.name.as_ref().map_or(&self.folder, |n| &n.value)
    }

    /// Where the skill's name is written (the `name` value, else the file's start).
    pub fn name_span(&self) -> Option<Span> {
        self.name.as_ref().and_then(|n| n.span.clone())
    }

    fn empty(source: SourceFile, folder: &str) -> SkillFile {
        SkillFile {
            source,
            kind: SkillKind::Skill,
            folder: folder.to_owned(),
            loaded: true,
            yaml: YamlStatus::NoFrontmatter,
            keys: Vec::new(),
            name: None,
            description: String::new(),
            description_span: None,
            when_to_use: None,
            allowed_tools: Vec::new(),
            disallowed_tools: Vec::new(),
            model: None,
            effort: None,
            fork: false,
            agent: None,
            background: None,
            disable_model_invocation: false,
            user_invocable: true,
            argument_hint: None,
            arguments: Vec::new(),
            paths: Vec::new(),
            shell: None,
            hooks: None,
            version: None,
            extra: Vec::new(),
            body: String::new(),
            diagnostics: Vec::new(),
        }
    }
}

/// A skill file Claude Code does not load (over its size limit, or unreadable): no skill.
pub fn skill_not_loaded(display_path: &str, folder: &str, diagnostic: Diagnostic) -> SkillFile {
    let mut skill = SkillFile::empty(SourceFile::new(display_path, b""), folder);
    skill.loaded = false;
    skill.diagnostics.push(diagnostic);
    skill
}

/// A skill file over Claude Code's limit: not loaded.
pub fn skill_too_large(display_path: &str, folder: &str, size: u64) -> SkillFile {
    file_too_large(display_path, folder, size, SkillKind::Skill)
}

/// A skill or command file over Claude Code's limit ([`SkillKind::max_bytes`]): not loaded.
pub fn file_too_large(display_path: &str, folder: &str, size: u64, kind: SkillKind) -> SkillFile {
    let limit = kind.max_bytes();
    let diagnostic = if kind.is_command() {
        Diagnostic::new(
            Code::FileTooLarge,
            display_path,
            format!(
                "command file is {size} bytes, over Claude Code's limit of {limit} bytes (1 MiB)"
            ),
        )
        .note("Claude Code skips a command file larger than 1 MiB: this command would not exist")
        .help("move reference material into other files, which the command can read")
    } else {
        Diagnostic::new(
            Code::FileTooLarge,
            display_path,
            format!("skill file is {size} bytes, over Claude Code's limit of {limit} bytes"),
        )
        .note("Claude Code skips a SKILL.md larger than 1,000,000 bytes: this skill would not exist")
        .help("move reference material into other files of the skill's folder, which the skill can read")
    };
    let mut file = skill_not_loaded(display_path, folder, diagnostic);
    file.kind = kind;
    file
}

/// Reads the bytes of `<folder>/SKILL.md` as Claude Code does.
pub fn read_skill(display_path: &str, folder: &str, bytes: &[u8]) -> SkillFile {
    read_as(display_path, folder, bytes, SkillKind::Skill)
}

/// Reads the bytes of a command file as Claude Code does: `name` is the command's name from its
/// path within its project or plugin (`grp:deploy` for `commands/grp/deploy.md`), `plugin`
/// whether it is a plugin's command. [`SkillFile::folder`] holds that name.
pub fn read_command(display_path: &str, name: &str, bytes: &[u8], plugin: bool) -> SkillFile {
    let kind = if plugin {
        SkillKind::PluginCommand
    } else {
        SkillKind::ProjectCommand
    };
    read_as(display_path, name, bytes, kind)
}

fn read_as(display_path: &str, folder: &str, bytes: &[u8], kind: SkillKind) -> SkillFile {
    if bytes.len() as u64 > kind.max_bytes() {
        return file_too_large(display_path, folder, bytes.len() as u64, kind);
    }
    let (shell, frontmatter) = read_document(display_path, bytes);
    let mut skill = SkillFile::empty(shell.source.clone(), folder);
    skill.kind = kind;
    skill.yaml = shell.yaml;
    let text = skill.source.text.clone();
    // The body: after the frontmatter block, or the whole text (without a leading BOM).
    skill.body = match frontmatter::split(&text) {
        Ok(blocks) => blocks.body.to_owned(),
        Err(_) => text.trim_start_matches('\u{feff}').to_owned(),
    };
    let mut scratch = shell;
    for diagnostic in std::mem::take(&mut scratch.diagnostics) {
        if let Some(diagnostic) = as_skill_diagnostic(diagnostic, &text, kind) {
            skill.diagnostics.push(diagnostic);
        }
    }
    if let Some((entries, yaml_offset)) = frontmatter {
        read_skill_fields(&mut skill, &mut scratch, entries, yaml_offset);
    }
    if skill.description.is_empty() {
        skill.description = description_from_body_or(&skill.body, kind.default_description());
    }
    skill
}

/// A diagnostic of the shared frontmatter reading, as it applies to a skill: a file without
/// frontmatter is a skill all the same; a frontmatter Claude Code cannot find or parse is ignored
/// (the skill loads with its folder's name and a description taken from its body).
fn as_skill_diagnostic(
    mut diagnostic: Diagnostic,
    text: &str,
    kind: SkillKind,
) -> Option<Diagnostic> {
    let ignored = if kind.is_command() {
        "Claude Code ignores the frontmatter: the command loads with the name of its path, a description taken from its body, and none of its settings"
    } else {
        "Claude Code ignores the frontmatter: the skill loads with its folder's name, a description taken from its body, and none of its settings"
    };
    match diagnostic.code {
        Code::NoFrontmatter => {
            // No `---` at the start at all: a skill of body only, as Claude Code allows.
            if matches!(frontmatter::split(text), Err(Missing::NoOpening))
                && !text
                    .trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace())
                    .starts_with("---")
            {
                return None;
            }
            diagnostic.notes = vec![ignored.to_owned()];
        }
        Code::InvalidFrontmatter => diagnostic.notes = vec![ignored.to_owned()],
        Code::MissingName => {
            // "frontmatter is not a mapping": Claude Code reads it as empty.
            diagnostic.code = Code::InvalidFrontmatter;
            diagnostic.notes = vec![ignored.to_owned()];
        }
        Code::FileTooLarge => {}
        _ => {}
    }
    Some(diagnostic)
}

/// Claude Code's description for a skill without one: the first line of the body that is not
/// blank, trimmed, a Markdown heading's text without its `#`s, cut to 97 characters and `...`
/// beyond 100 (UTF-16 units); `Skill` for an empty body.
pub fn description_from_body(body: &str) -> String {
    description_from_body_or(body, "Skill")
}

/// [`description_from_body`] with `fallback` for an empty body (`Custom command`, `Plugin
/// command` for commands: [`SkillKind::default_description`]).
pub fn description_from_body_or(body: &str, fallback: &str) -> String {
    for line in body.split('\n') {
        let line = js_trim(line);
        if line.is_empty() {
            continue;
        }
        let text = heading_text(line).unwrap_or(line);
        let units: Vec<u16> = text.encode_utf16().collect();
        if units.len() > 100 {
            return format!("{}...", String::from_utf16_lossy(&units[..97]));
        }
        return text.to_owned();
    }
    fallback.to_owned()
}

/// `^#+\s+(\S.*)$`: the text of a Markdown heading line.
fn heading_text(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches('#');
    if rest.len() == line.len() {
        return None;
    }
    let text = rest.trim_start_matches(crate::source::is_js_whitespace);
    (text.len() < rest.len() && !text.is_empty()).then_some(text)
}

/// The flag value of JavaScript's readers: a boolean as it is; a string or number whose text,
/// lower case and trimmed, is `1`, `true`, `yes`, `on` (true) or `0`, `false`, `no`, `off`
/// (false); `None` for anything else.
fn flag(node: &Node) -> Option<bool> {
    match &node.value {
        Value::Bool(b) => Some(*b),
        Value::Str(_) | Value::Int(_) | Value::Float(_) => {
            match js_trim(&js_string(node).to_lowercase()) {
                "1" | "true" | "yes" | "on" => Some(true),
                "0" | "false" | "no" | "off" => Some(false),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `String(value)` for a value Claude Code reads as text (`null` reads as not set).
fn text_of(node: &Node) -> Option<String> {
    match &node.value {
        Value::Null => None,
        _ => Some(js_string(node)),
    }
}

/// The key Claude Code reads for a key that only a typo or a spelling keeps from it: equal to
/// a skill key once `-` and `_` are removed and case is ignored (`allowed_tools`,
/// `disableModelInvocation`), an agent key that a skill spells otherwise (`tools` →
/// `allowed-tools`), or a skill key within two edits (`descripton`).
pub fn skill_key_hint(key: &str) -> Option<&'static str> {
    let normal = |k: &str| {
        k.chars()
            .filter(|c| *c != '_' && *c != '-')
            .collect::<String>()
            .to_lowercase()
    };
    let key_normal = normal(key);
    match key_normal.as_str() {
        "tools" | "allowedtool" => return Some("allowed-tools"),
        "disallowedtool" => return Some("disallowed-tools"),
        "whentouse" => return Some("when_to_use"),
        _ => {}
    }
    if let Some(known) = SKILL_KEYS.iter().find(|k| normal(k) == key_normal) {
        return Some(known);
    }
    SKILL_KEYS
        .iter()
        .filter(|known| known.len().abs_diff(key.len()) <= 2 && key.len() > 3)
        .map(|known| (strsim::osa_distance(key, known), *known))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, known)| known)
}

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

fn read_skill_fields(
    skill: &mut SkillFile,
    scratch: &mut AgentFile,
    entries: Vec<(Node, Node)>,
    yaml_offset: usize,
) {
    let path = skill.source.display_path.clone();
    let kind = skill.kind;
    let noun = kind.noun();
    // Last occurrence wins, as in a JavaScript object; earlier ones are reported.
    let mut slots: Vec<Option<(String, Field)>> = Vec::new();
    let mut live: HashMap<String, usize> = HashMap::new();
    for (key, value) in entries {
        let key_text = key.key_text();
        let key_span = scratch.span_of_yaml(yaml_offset, key.span.clone());
        let span = scratch.span_of_yaml(yaml_offset, value.span.clone());
        if let Some((_, first)) = live
            .get(&key_text)
            .and_then(|&index| slots.get_mut(index))
            .and_then(Option::take)
        {
            skill.diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateKey,
                    &path,
                    format!("key `{key_text}` is given twice"),
                )
                .at(key_span.clone())
                .label("this value replaces the earlier one")
                .related(Related {
                    file: path.clone(),
                    span: first.key_span.clone(),
                    message: "first given here; Claude Code silently drops that value".into(),
                })
                .help("keep one of the two"),
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
    skill.keys = fields
        .iter()
        .map(|(key, field)| Spanned {
            value: key.clone(),
            span: field.key_span.clone(),
        })
        .collect();
    let get = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, f)| f);
    let invalid = |key: &str, field: &Field, what: &str, help: &str| {
        Diagnostic::new(
            Code::InvalidField,
            &path,
            format!("invalid `{key}`: {what}"),
        )
        .at(field.span.clone())
        .note("Claude Code ignores this value")
        .help(help.to_owned())
    };
    let mut diagnostics = Vec::new();

    for (key, field) in &fields {
        if SKILL_KEYS.contains(&key.as_str()) {
            if key == "metadata" {
                skill.extra.push((key.clone(), field.node.clone()));
            }
            continue;
        }
        if !INTERNAL_KEYS.contains(&key.as_str())
            && let Some(known) = skill_key_hint(key)
        {
            diagnostics.push(
                Diagnostic::new(
                    Code::MisspelledKey,
                    &path,
                    format!("unknown {noun} key `{key}`; Claude Code reads `{known}`"),
                )
                .at(field.key_span.clone())
                .label("Claude Code ignores this key")
                .note(format!("{noun} keys are written as Claude Code's skill schema spells them (`allowed-tools`, `disable-model-invocation`, `when_to_use`)"))
                .help(format!("rename the key to `{known}`")),
            );
        }
        if hooks::HOOK_EVENTS.contains(&key.as_str())
            && !hooks::GUARD_EVENTS.contains(&key.as_str())
        {
            diagnostics.push(
                Diagnostic::new(
                    Code::MisplacedHook,
                    &path,
                    format!("hook event `{key}` at the top level of the frontmatter"),
                )
                .at(field.key_span.clone())
                .label("Claude Code ignores this key: the hook never runs")
                .help(format!(
                    "move it under `hooks:` (`hooks:` then, indented, `{key}:`)"
                )),
            );
        }
        skill.extra.push((key.clone(), field.node.clone()));
    }

    let ignored = |key: &str, field: &Field, why: &str, help: &str| {
        Diagnostic::new(
            Code::IgnoredValue,
            &path,
            format!("`{key}` in a command file"),
        )
        .at(field.key_span.clone())
        .label("Claude Code ignores this key")
        .note(why.to_owned())
        .help(help.to_owned())
    };
    if kind == SkillKind::ProjectCommand
        && let Some(field) = get("name")
    {
        diagnostics.push(ignored(
            "name",
            field,
            &format!(
                "Claude Code names a project's command after its path: this one is `{}`",
                skill.folder
            ),
            "remove `name`, or rename the file",
        ));
    } else if let Some(field) = get("name") {
        match text_of(&field.node) {
            Some(name) if name.encode_utf16().count() > MAX_NAME_UTF16 => diagnostics.push(
                Diagnostic::new(
                    Code::InvalidName,
                    &path,
                    format!(
                        "{noun} name is {} characters long (UTF-16 units), over Claude Code's limit of {MAX_NAME_UTF16}",
                        name.encode_utf16().count()
                    ),
                )
                .at(field.span.clone())
                .note(format!(
                    "Claude Code ignores this `name` and names the {noun} after its {}, `{}`",
                    if kind.is_command() { "path" } else { "folder" },
                    skill.folder
                ))
                .help("shorten the name, or remove it to use the folder's name"),
            ),
            Some(name) if !name.is_empty() => {
                skill.name = Some(Spanned {
                    value: name,
                    span: field.span.clone(),
                });
            }
            _ => {}
        }
    }
    if let Some(field) = get("description") {
        match &field.node.value {
            Value::Null => {}
            Value::Str(s) => {
                let trimmed = js_trim(s);
                if !trimmed.is_empty() {
                    skill.description = trimmed.to_owned();
                    skill.description_span = field.span.clone();
                }
            }
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                skill.description = js_string(&field.node);
                skill.description_span = field.span.clone();
            }
            _ => diagnostics.push(
                invalid(
                    "description",
                    field,
                    &format!("{}, not a text", field.node.type_name()),
                    "write the description as one line of text, or a block scalar `description: |`",
                )
                .note("Claude Code takes the description from the first line of the body instead"),
            ),
        }
    }
    if let Some(field) = get("when_to_use") {
        skill.when_to_use = text_of(&field.node);
    }
    if let Some(field) = get("allowed-tools") {
        skill.allowed_tools = split_entries_of(scratch, field, yaml_offset, "allowed-tools");
    }
    let disallowed = get("disallowed-tools").map(|f| ("disallowed-tools", f));
    if let Some((key, field)) =
        disallowed.or_else(|| get("disallowedTools").map(|f| ("disallowedTools", f)))
    {
        skill.disallowed_tools = split_entries_of(scratch, field, yaml_offset, key);
    }
    super::model::read_model(scratch, get("model").cloned(), &path);
    skill.model = scratch.model.take();
    if let Some(field) = get("effort") {
        read_optional(
            scratch,
            &[("effort".to_owned(), field.clone())],
            yaml_offset,
            &path,
        );
        skill.effort = scratch.effort.take();
    }
    if let Some(field) = get("context") {
        match field.node.as_str() {
            Some("fork") => skill.fork = true,
            Some("inline") => {}
            _ if matches!(field.node.value, Value::Null) => {}
            _ => diagnostics.push(invalid(
                "context",
                field,
                &describe(&field.node),
                "`context` is `fork` (the skill runs in a subagent) or `inline` (the default)",
            )),
        }
    }
    if let Some(field) = get("agent") {
        skill.agent = text_of(&field.node).map(|value| Spanned {
            value,
            span: field.span.clone(),
        });
    }
    let read_flag = |key: &str, diagnostics: &mut Vec<Diagnostic>| -> Option<bool> {
        let field = get(key)?;
        if matches!(field.node.value, Value::Null) {
            return None;
        }
        let value = flag(&field.node);
        if value.is_none() {
            diagnostics.push(invalid(
                key,
                field,
                &describe(&field.node),
                &format!("`{key}` is `true` or `false`"),
            ));
        }
        value
    };
    let disable = read_flag("disable-model-invocation", &mut diagnostics);
    skill.disable_model_invocation = disable == Some(true);
    // Absent: true; a value that is neither true- nor false-like: false (Claude Code's reading).
    skill.user_invocable = match get("user-invocable") {
        None => true,
        Some(_) => read_flag("user-invocable", &mut diagnostics) == Some(true),
    };
    skill.background = read_flag("background", &mut diagnostics);
    if let Some(field) = get("argument-hint") {
        skill.argument_hint = text_of(&field.node);
    }
    if let Some(field) = get("arguments") {
        let keep = |s: &str| !js_trim(s).is_empty() && !s.bytes().all(|b| b.is_ascii_digit());
        skill.arguments = match &field.node.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(Node::as_str)
                .filter(|s| keep(s))
                .map(str::to_owned)
                .collect(),
            Value::Str(s) => s
                .split(char::is_whitespace)
                .filter(|s| keep(s))
                .map(str::to_owned)
                .collect(),
            _ => Vec::new(),
        };
    }
    if let Some(field) = get("paths") {
        if kind.is_command() {
            diagnostics.push(ignored(
                "paths",
                field,
                "Claude Code offers a command everywhere: `paths` applies to skills only",
                "remove `paths`, or make the command a skill (`skills/<name>/SKILL.md`)",
            ));
        } else {
            skill.paths = split_paths(&field.node);
        }
    }
    if let Some(field) = get("shell")
        && let Some(text) = text_of(&field.node)
    {
        let shell = js_trim(&text).to_lowercase();
        if shell == "bash" || shell == "powershell" {
            skill.shell = Some(shell);
        } else if !shell.is_empty() {
            diagnostics.push(
                invalid(
                    "shell",
                    field,
                    &describe(&field.node),
                    "`shell` is `bash` or `powershell`",
                )
                .note("Claude Code runs the skill's `!` commands with bash instead"),
            );
        }
    }
    if let Some(field) = get("version") {
        skill.version = text_of(&field.node);
    }
    // Hooks: a guard hook outside `hooks`, or hooks Claude Code cannot load, make it load the
    // skill without hooks and without `allowed-tools`.
    let mut unloadable = false;
    let top_level: Vec<(&str, &Node)> = fields
        .iter()
        .filter(|(key, _)| key != "hooks")
        .map(|(key, field)| (key.as_str(), &field.node))
        .collect();
    let consequence =
        format!("Claude Code loads the {noun} without its hooks and without its `allowed-tools`");
    let consequence = consequence.as_str();
    for problem in hooks::misplaced_guards(&top_level) {
        unloadable = true;
        diagnostics.push(
            Diagnostic::new(
                Code::InvalidHooks,
                &path,
                format!("`{}`: {}", problem.path, problem.problem),
            )
            .at(scratch.span_of_yaml(yaml_offset, problem.span.clone()))
            .label("a PreToolUse/PermissionRequest hook outside `hooks`")
            .note(consequence)
            .help("move the hook under `hooks:` (e.g. `hooks:` then, indented, `PreToolUse:`), or remove it"),
        );
    }
    if kind == SkillKind::PluginCommand
        && let Some(field) = get("hooks")
    {
        // Claude Code registers no hooks of a plugin's command; one that is not a mapping
        // makes it drop the command's `allowed-tools`.
        if matches!(field.node.value, Value::Map(_) | Value::Null) {
            diagnostics.push(ignored(
                "hooks",
                field,
                "Claude Code registers the hooks of a plugin's skills, not of its commands",
                "move the hooks into the plugin's `hooks/hooks.json`, or make the command a skill (`skills/<name>/SKILL.md`)",
            ));
        } else {
            unloadable = true;
            diagnostics.push(
                invalid(
                    "hooks",
                    field,
                    &format!("{}, not a mapping of events", field.node.type_name()),
                    "`hooks` maps events (`PreToolUse`, `PostToolUse`, …) to lists of `{matcher, hooks: [{type: command, command}]}`",
                )
                .note(consequence),
            );
        }
    } else if let Some(field) = get("hooks") {
        let reading = hooks::read_hooks(&field.node);
        for problem in reading.rejections.iter().chain(&reading.dropped) {
            unloadable = true;
            diagnostics.push(
                Diagnostic::new(
                    Code::InvalidHooks,
                    &path,
                    format!("`{}`: {}", problem.path, problem.problem),
                )
                .at(scratch.span_of_yaml(yaml_offset, problem.span.clone()))
                .label("Claude Code cannot load these hooks")
                .note(consequence)
                .help("`hooks` maps events (`PreToolUse`, `PostToolUse`, …) to lists of `{matcher, hooks: [{type: command, command}]}`"),
            );
        }
        if !unloadable {
            skill.hooks = reading.kept;
        }
    }
    if unloadable {
        skill.hooks = None;
        skill.allowed_tools.clear();
    }
    // Values too deep to generate (see `MAX_VALUE_NESTING`).
    for (key, field) in &fields {
        let depth = nesting(&field.node);
        if depth > MAX_VALUE_NESTING {
            diagnostics.push(
                invalid(
                    key,
                    field,
                    &format!("it nests lists and mappings {depth} levels deep"),
                    "flatten the value",
                )
                .label(format!(
                    "agentgen generates at most {MAX_VALUE_NESTING} levels"
                )),
            );
        }
    }
    skill
        .extra
        .retain(|(_, node)| nesting(node) <= MAX_VALUE_NESTING);
    if skill
        .hooks
        .as_ref()
        .is_some_and(|node| nesting(node) > MAX_VALUE_NESTING)
    {
        skill.hooks = None;
    }
    // What the shared readers (lists, model, effort) reported, worded for an agent: the same
    // problems in a skill.
    skill.diagnostics.append(&mut scratch.diagnostics);
    skill.diagnostics.append(&mut diagnostics);
}

/// `paths`: strings (or lists of them) split at commas outside `{…}`, trimmed, empty ones left out.
fn split_paths(node: &Node) -> Vec<String> {
    match &node.value {
        Value::Seq(items) => items.iter().flat_map(split_paths).collect(),
        Value::Str(s) => {
            let mut out = Vec::new();
            let mut current = String::new();
            let mut depth = 0i32;
            for c in s.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        current.push(c);
                    }
                    '}' => {
                        depth -= 1;
                        current.push(c);
                    }
                    ',' if depth == 0 => {
                        let entry = js_trim(&current);
                        if !entry.is_empty() {
                            out.push(entry.to_owned());
                        }
                        current.clear();
                    }
                    c => current.push(c),
                }
            }
            let entry = js_trim(&current);
            if !entry.is_empty() {
                out.push(entry.to_owned());
            }
            out
        }
        _ => Vec::new(),
    }
}

fn describe(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => format!("`{s}`"),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => format!("`{}`", js_string(node)),
        _ => node.type_name().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(skill: &SkillFile) -> Vec<Code> {
        skill.diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn reads_a_skill() {
        let skill = read_skill(
            "skills/review/SKILL.md",
            "review",
            b"---\nname: code-review\ndescription: Reviews diffs\nallowed-tools: Read, Grep\nmodel: sonnet\ncontext: fork\nagent: reviewer\ndisable-model-invocation: true\nuser-invocable: \"no\"\npaths: \"src/**/*.{rs,toml}, docs/**\"\narguments: target depth 3\n---\n\nCheck the diff.\n",
        );
        assert!(skill.diagnostics.is_empty(), "{:?}", skill.diagnostics);
        assert_eq!(skill.skill_name(), "code-review");
        assert_eq!(skill.description, "Reviews diffs");
        let tools: Vec<&str> = skill
            .allowed_tools
            .iter()
            .map(|t| t.value.as_str())
            .collect();
        assert_eq!(tools, ["Read", "Grep"]);
        let grep = skill.allowed_tools[1].span.as_ref().expect("span");
        assert_eq!((grep.line, grep.column), (4, 22));
        assert!(skill.fork && skill.disable_model_invocation && !skill.user_invocable);
        assert_eq!(skill.paths, ["src/**/*.{rs,toml}", "docs/**"]);
        assert_eq!(skill.arguments, ["target", "depth"]);
        assert_eq!(skill.body, "Check the diff.\n");
        assert_eq!(skill.model.map(|m| m.value).as_deref(), Some("sonnet"));
    }

    #[test]
    fn a_skill_without_frontmatter_is_named_after_its_folder() {
        let skill = read_skill("s/SKILL.md", "notes", b"\n# Release notes\n\nWrite them.\n");
        assert!(skill.diagnostics.is_empty(), "{:?}", skill.diagnostics);
        assert_eq!(skill.skill_name(), "notes");
        assert_eq!(skill.description, "Release notes");
        assert_eq!(description_from_body(""), "Skill");
        assert_eq!(description_from_body(&"é".repeat(120)).chars().count(), 100);
        assert_eq!(description_from_body("#not-a-heading"), "#not-a-heading");
    }

    #[test]
    fn values_claude_code_ignores_are_reported() {
        let skill = read_skill(
            "s/SKILL.md",
            "s",
            b"---\ndescription: [a]\nallowed_tools: Read\ncontext: forked\nshell: zsh\nuser-invocable: maybe\nallowed-tools: Read\n---\nFirst line.\n",
        );
        let codes = codes(&skill);
        assert!(codes.contains(&Code::MisspelledKey), "{codes:?}");
        assert_eq!(
            codes.iter().filter(|c| **c == Code::InvalidField).count(),
            4,
            "{:?}",
            skill.diagnostics
        );
        assert_eq!(skill.description, "First line.");
        assert!(!skill.user_invocable);
        assert_eq!(skill.allowed_tools.len(), 1);
    }

    #[test]
    fn an_unparsable_frontmatter_is_an_error_and_the_body_still_describes() {
        let skill = read_skill(
            "s/SKILL.md",
            "s",
            b"---\nname: a\ndescription: x\n  Context: y: z\n---\nBody line\n",
        );
        assert_eq!(codes(&skill), [Code::InvalidFrontmatter]);
        assert_eq!(skill.skill_name(), "s");
        assert_eq!(skill.description, "Body line");
        let skill = read_skill("s/SKILL.md", "s", b" ---\nname: x\n---\nBody\n");
        assert_eq!(codes(&skill), [Code::NoFrontmatter]);
    }

    #[test]
    fn names_are_kept_as_claude_code_keeps_them() {
        let skill = read_skill("s/SKILL.md", "s", b"---\nname: 123\n---\n");
        assert_eq!(skill.skill_name(), "123");
        let long = format!("---\nname: {}\n---\n", "x".repeat(300));
        let skill = read_skill("s/SKILL.md", "s", long.as_bytes());
        assert_eq!(skill.skill_name(), "s");
        assert_eq!(codes(&skill), [Code::InvalidName]);
        assert_eq!(
            skill_key_hint("disableModelInvocation"),
            Some("disable-model-invocation")
        );
        assert_eq!(skill_key_hint("tools"), Some("allowed-tools"));
        assert_eq!(skill_key_hint("category"), None);
    }
}
