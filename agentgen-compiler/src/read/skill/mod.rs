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

use super::document::{Document, read_document};
use super::fields::folded_key;
use super::{Dialect, Effort, Spanned, YamlStatus};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::source::{SourceFile, js_trim};
use crate::yaml::Node;

mod fields;

pub(super) use fields::ignored_in_command;

/// The name of a skill's file in its folder (exactly so: `skill.md` is not a skill).
pub(crate) const SKILL_FILE: &str = "SKILL.md";

/// Claude Code's size limit for a skill file, in bytes (1,000,000; agent files have 1 MiB).
pub(crate) const MAX_SKILL_BYTES: u64 = 1_000_000;

/// The frontmatter keys of Claude Code 2.1.332's skill schema that a skill's author writes.
pub(crate) const SKILL_KEYS: &[&str] = &[
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
pub(super) const INTERNAL_KEYS: &[&str] = &[
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
    pub(crate) fn is_command(self) -> bool {
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
    pub(crate) fn default_description(self) -> &'static str {
        match self {
            SkillKind::Skill => "Skill",
            SkillKind::ProjectCommand => "Custom command",
            SkillKind::PluginCommand => "Plugin command",
        }
    }

    /// Claude Code's size limit for the file, in bytes (1,000,000 for a `SKILL.md`, 1 MiB for
    /// a command file).
    pub(crate) fn max_bytes(self) -> u64 {
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
    pub(crate) fn name_span(&self) -> Option<Span> {
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
pub(crate) fn skill_not_loaded(
    display_path: &str,
    folder: &str,
    diagnostic: Diagnostic,
) -> SkillFile {
    let mut skill = SkillFile::empty(SourceFile::new(display_path, b""), folder);
    skill.loaded = false;
    skill.diagnostics.push(diagnostic);
    skill
}

/// A skill or command file over Claude Code's limit ([`SkillKind::max_bytes`]): not loaded.
pub(crate) fn file_too_large(
    display_path: &str,
    folder: &str,
    size: u64,
    kind: SkillKind,
) -> SkillFile {
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
    let Document {
        source,
        yaml,
        body_range,
        frontmatter,
        diagnostics,
        ..
    } = read_document(
        display_path,
        std::borrow::Cow::Borrowed(bytes),
        Dialect::Skill(kind),
    );
    let mut skill = SkillFile::empty(source, folder);
    skill.kind = kind;
    skill.yaml = yaml;
    skill.body = skill.source.text[body_range].to_owned();
    skill.diagnostics = diagnostics;
    if let Some((entries, yaml_offset)) = frontmatter {
        fields::read_skill_fields(&mut skill, entries, yaml_offset);
    }
    if skill.description.is_empty() {
        skill.description = description_from_body_or(&skill.body, kind.default_description());
    }
    skill
}

/// Claude Code's description for a skill without one: the first line of the body that is not
/// blank, trimmed, a Markdown heading's text without its `#`s, cut to 97 characters and `...`
/// beyond 100 (UTF-16 units); `fallback` for an empty body (`Skill` for a skill, `Custom
/// command`, `Plugin command` for commands: [`SkillKind::default_description`]).
pub(crate) fn description_from_body_or(body: &str, fallback: &str) -> String {
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

/// The key Claude Code reads for a key that only a typo or a spelling keeps from it: equal to
/// a skill key once `-` and `_` are removed and case is ignored (`allowed_tools`,
/// `disableModelInvocation`), an agent key that a skill spells otherwise (`tools` →
/// `allowed-tools`), or a skill key within two edits (`descripton`).
pub(crate) fn skill_key_hint(key: &str) -> Option<&'static str> {
    let key_normal = folded_key(key);
    match key_normal.as_str() {
        "tools" | "allowedtool" => return Some("allowed-tools"),
        "disallowedtool" => return Some("disallowed-tools"),
        "whentouse" => return Some("when_to_use"),
        _ => {}
    }
    if let Some(known) = SKILL_KEYS.iter().find(|k| folded_key(k) == key_normal) {
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
        assert_eq!(description_from_body_or("", "Skill"), "Skill");
        assert_eq!(
            description_from_body_or(&"é".repeat(120), "Skill")
                .chars()
                .count(),
            100
        );
        assert_eq!(
            description_from_body_or("#not-a-heading", "Skill"),
            "#not-a-heading"
        );
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
