//! Diagnostics: every problem agentgen finds is data — a code, a message, a file location, a
//! label for the snippet and an actionable `help`. Rendering (rustc style, one line for cargo,
//! JSON) is separate from finding.

use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level as SnippetLevel, Renderer, Snippet};

use crate::source::SourceFile;

/// How bad a diagnostic is once lint levels are applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Fails the build / `agentgen check`.
    Error,
    /// Reported; the build goes on.
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The level a lint runs at (clippy's vocabulary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LintLevel {
    /// Not reported.
    Allow,
    /// Reported as a warning.
    Warn,
    /// Reported as an error.
    Deny,
}

macro_rules! codes {
    ($( $(#[doc = $doc:literal])* $variant:ident = $name:literal, $default:ident; )*) => {
        /// Every kind of problem agentgen reports. The string form (`unknown-tool`) is stable:
        /// it appears in messages, JSON output, and lint configuration.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Code {
            /// Every code.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable kebab-case name, e.g. `unknown-tool`.
            pub const fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The level the code has unless configured: `Deny` for hard errors.
            pub const fn default_level(self) -> LintLevel {
                match self { $(Code::$variant => LintLevel::$default,)* }
            }

            /// What the code means, in a sentence or two (its documentation above); the help
            /// text of the code's rule in SARIF output.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => concat!($($doc),*).trim_start(),)* }
            }

            /// The code named `name`: its stable kebab-case name (`unknown-agent-in-prompt`)
            /// or the same with `_` for `-` (`unknown_agent_in_prompt`, as Rust spells lint
            /// names). Every place that takes a lint name (agentgen.toml `[lints]`, the macro's
            /// `lints(…)`, `Builder::lint`, `-A`/`-W`/`-D`) reads it through here.
            pub fn from_name(name: &str) -> Option<Code> {
                let name = name.replace('_', "-");
                match name.as_str() { $($name => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    /// The file could not be read (I/O error, not a regular file, a symlink loop).
    UnreadableFile = "unreadable-file", Deny;
    /// The file is over Claude Code's 1 MiB limit: Claude Code does not load it.
    FileTooLarge = "file-too-large", Deny;
    /// The file is not valid UTF-8: Claude Code replaces the bad bytes with U+FFFD.
    InvalidUtf8 = "invalid-utf8", Deny;
    /// An agent file ends in `.MD` (or another case of `.md`), which Claude Code does not load.
    ExtensionCase = "extension-case", Warn;
    /// No frontmatter block Claude Code can find (no opening/closing `---`, a BOM, a leading blank line).
    NoFrontmatter = "no-frontmatter", Deny;
    /// The frontmatter is not YAML even after Claude Code's re-quoting fallback: Claude Code skips the file.
    InvalidFrontmatter = "invalid-frontmatter", Deny;
    /// A frontmatter key is given twice: the last one wins and the first value is lost.
    DuplicateKey = "duplicate-key", Deny;
    /// A key that differs from a field Claude Code knows only by case or a typo: Claude Code ignores it.
    MisspelledKey = "misspelled-key", Deny;
    /// `name` missing, empty or not a string.
    MissingName = "missing-name", Deny;
    /// `name` starts with `-`, is longer than 256 characters (UTF-16 units), or holds `:` (after
    /// Unicode NFKC, so `：` counts): Claude Code rejects the file.
    InvalidName = "invalid-name", Deny;
    /// `description` missing, empty or not a string: Claude Code rejects the file.
    MissingDescription = "missing-description", Deny;
    /// A tool name no Claude Code version knows, nor the configuration declares.
    UnknownTool = "unknown-tool", Deny;
    /// A tool entry that cannot mean anything (`Bash(`, `mcp__`, `Agent()`).
    MalformedTool = "malformed-tool", Deny;
    /// An MCP tool of a server the configuration does not declare (only when servers are declared).
    UnknownMcpServer = "unknown-mcp-server", Deny;
    /// An agent named by `Agent(x)`, `Task(x)`, `dependencies` or `collaborators` (or a skill's
    /// `agent`) that is neither in the catalog nor declared external.
    UnknownCollaborator = "unknown-collaborator", Deny;
    /// Two files of one catalog (or pack) carry the same `name`.
    DuplicateName = "duplicate-name", Deny;
    /// Two agent names that become the same Rust identifier.
    IdentifierCollision = "identifier-collision", Deny;
    /// `model` is not a string, or neither a model alias nor a Claude model id: Claude Code drops
    /// it, or sends it to the API, which refuses it.
    InvalidModel = "invalid-model", Deny;
    /// `color` is not one of Claude Code's eight colours: Claude Code drops it.
    InvalidColor = "invalid-color", Deny;
    /// `permissionMode` is not a mode Claude Code knows: Claude Code drops it.
    InvalidPermissionMode = "invalid-permission-mode", Deny;
    /// Another optional field (`effort`, `maxTurns`, `memory`, `isolation`, `background`,
    /// `initialPrompt`, `mcpServers`, `hooks`, `skills`, `disallowedTools`) has a value Claude Code drops.
    InvalidField = "invalid-field", Deny;
    /// `hooks` that Claude Code refuses (the agent is not loaded) or loads only in part, or a
    /// `PreToolUse`/`PermissionRequest`/`PreSkillShellCommand` hook written outside `hooks`
    /// (Claude Code does not load the agent).
    InvalidHooks = "invalid-hooks", Deny;
    /// A path that leaves the crate, or an agents directory that cannot be read.
    InvalidPath = "invalid-path", Deny;
    /// The agentgen configuration file is invalid.
    InvalidConfig = "invalid-config", Deny;
    /// An agent file lacks a key that the catalog's `[metadata]` schema (agentgen.toml) requires.
    MissingMetadata = "missing-metadata", Deny;
    /// A value of a key the catalog's `[metadata]` schema declares is of another type, out of
    /// its integer type's range, not a semantic version, or not one of its enum's values.
    InvalidMetadata = "invalid-metadata", Deny;
    /// An agent's `skills` entry names no skill of the catalog, of Claude Code's bundled skills,
    /// nor one declared external: Claude Code skips it with a line in its debug log only.
    UnknownSkill = "unknown-skill", Deny;
    /// An agent's `skills` entry names a skill Claude Code cannot preload: one with
    /// `disable-model-invocation: true`, a bundled skill only users start, or a built-in command.
    SkillNotPreloadable = "skill-not-preloadable", Deny;
    /// A plugin or marketplace manifest (`.claude-plugin/plugin.json`, `marketplace.json`) that
    /// Claude Code refuses, or a path in it that loads nothing: the plugin's agents and skills
    /// would not exist.
    InvalidManifest = "invalid-manifest", Deny;
    /// An old tool name Claude Code still maps to a built-in tool (`Task` → `Agent`,
    /// `KillShell` → `TaskStop`): it works, but the name is deprecated.
    LegacyTool = "legacy-tool", Warn;
    /// A tool name Claude Code no longer runs (`LS`, `MultiEdit`, `TaskOutput`, …): kept in the
    /// agent's list and dropped when the agent runs. Deny it to keep such entries out.
    RetiredTool = "retired-tool", Warn;
    /// The frontmatter is not valid YAML; only Claude Code's re-quoting fallback reads it.
    YamlFallback = "yaml-fallback", Warn;
    /// The agent name is not kebab-case (`code-reviewer`).
    NonKebabName = "non-kebab-name", Warn;
    /// A tool listed twice.
    DuplicateTool = "duplicate-tool", Warn;
    /// `tools` is present but empty: the agent gets no tools at all.
    NoTools = "no-tools", Warn;
    /// `tools` lists `*` beside other entries: `*` wins and the others mean nothing.
    RedundantTools = "redundant-tools", Warn;
    /// `memory` is set on an agent with a `tools` list: Claude Code appends `Write`, `Edit` and
    /// `Read` to the list (and about 13 KB of memory instructions to its system prompt).
    MemoryWidensTools = "memory-widens-tools", Warn;
    /// A model alias in another letter case (`Sonnet`): Claude Code resolves it, other tools
    /// read the text as written.
    ModelAliasCase = "model-alias-case", Warn;
    /// A retired Opus model id that Claude Code replaces by its current Opus model.
    RemappedModel = "remapped-model", Warn;
    /// A value Claude Code reads only in part, as a number the author may not have meant
    /// (`maxTurns: "2.5"` is 2, `effort: 1.5` is 1, `maxTurns: [5]` is 5).
    CoercedValue = "coerced-value", Warn;
    /// A hook event (other than the three that guard tool use) written at the top level of the
    /// frontmatter instead of under `hooks`: Claude Code ignores it.
    MisplacedHook = "misplaced-hook", Warn;
    /// A value Claude Code ignores without a word and without other effect: a number in a
    /// `tools` list, an `experimental` that is not a mapping, `cacheTtl` outside `experimental`.
    IgnoredValue = "ignored-value", Warn;
    /// A frontmatter key that the catalog's `[metadata]` schema does not declare (only for a
    /// catalog with a schema): a typo (`categroy`) or a key to declare. It stays untyped in `extra`.
    UnknownKey = "unknown-key", Warn;
    /// A field Claude Code ignores in a plugin agent (`permissionMode`, `hooks`, `mcpServers`,
    /// `initialPrompt`, `observer`, `observerMessage`, `observeSubagents`).
    IgnoredInPlugin = "ignored-in-plugin", Warn;
    /// The prompt names an agent that is neither in the catalog nor declared external: written
    /// as an agent (`the x agent`, `@x`, `subagent_type: "x"`, an item of an "Integration with
    /// other agents:" list, …) or within edit distance 2 of an agent's name. Claude Code hands
    /// the prompt to the model as written; the model calls the Agent tool with a name that fails.
    UnknownAgentInPrompt = "unknown-agent-in-prompt", Warn;
    /// The `description` is still a template's placeholder (`agentgen new`'s "Use this agent
    /// when …", or a whole description such as `TODO`): Claude Code decides when to delegate to
    /// the agent from this text alone.
    PlaceholderDescription = "placeholder-description", Warn;
    /// An option of `include_agents!` or the build-script `Builder` (a lint level, the layout)
    /// that changes what the catalog's `agentgen.toml` says: `agentgen check`, the pre-commit hook
    /// and the GitHub Action read only `agentgen.toml`, so they and the build disagree.
    OverriddenConfig = "overridden-config", Warn;
    /// The Gemini export drops a frontmatter field Gemini CLI does not read (`color`,
    /// `permissionMode`, `hooks`, `skills`, `memory`, `mcpServers` it cannot hold, …): any key
    /// outside Gemini's schema would make it refuse the whole agent.
    GeminiDropsField = "gemini-drops-field", Warn;
    /// The Gemini export drops a `tools` entry Gemini CLI has no tool for, which the agent does
    /// not depend on (its prompt does not name it).
    GeminiDropsTool = "gemini-drops-tool", Warn;
    /// A `tools` entry with a permission rule (`Bash(git diff:*)`): the Gemini export gives the
    /// whole tool (`run_shell_command`), since a Gemini agent file cannot restrict it.
    GeminiWidensTool = "gemini-widens-tool", Warn;
    /// A tool with no Gemini CLI equivalent that the agent depends on (its prompt names it, or
    /// it is the agent's only tool): the agent's meaning cannot survive the Gemini export. An
    /// error unless allowed.
    GeminiUnmappedTool = "gemini-unmapped-tool", Deny;
    /// The agent's name is not a valid Gemini CLI name (`^[a-z0-9-_]+$`): the export writes
    /// its lower-case slug (`pack:Reviewer` → `pack-reviewer`).
    GeminiRenamesAgent = "gemini-renames-agent", Warn;
    /// The agent's `model` has no entry in agentgen.toml `[target.gemini] models`: the Gemini
    /// export leaves it out and Gemini runs the agent on the session's model (`inherit`).
    GeminiDropsModel = "gemini-drops-model", Warn;
    /// The agent's `model` is written for Gemini as agentgen.toml `[target.gemini] models` says.
    GeminiMapsModel = "gemini-maps-model", Warn;
    /// (target `copilot`) The GitHub Copilot CLI, which also loads `.claude/agents`, silently
    /// skips a file Claude Code loads: its frontmatter is not strict YAML, a key is repeated, or
    /// a field Copilot checks has the wrong type (`model: 5`, a number in `tools`, …).
    CopilotSkipsFile = "copilot-skips-file", Warn;
    /// (target `copilot`) Copilot loads a file Claude Code skips (no `name`: Copilot names the
    /// agent after the file).
    CopilotLoadsSkipped = "copilot-loads-skipped", Warn;
    /// (target `copilot`) Copilot names the agent otherwise than Claude Code does, or lists two
    /// agents under one name where Claude Code keeps one.
    CopilotRenamesAgent = "copilot-renames-agent", Warn;
    /// (target `copilot`) A `tools` entry Copilot ignores without a word (no alias of its tools:
    /// `LS`, `Skill`, `Agent(x)`, `Bash(git:*)`, `mcp__server__tool`), so the agent runs without
    /// it or without its restriction.
    CopilotIgnoresTool = "copilot-ignores-tool", Warn;
    /// (target `copilot`) A frontmatter field Claude Code reads and Copilot ignores (`color`,
    /// `permissionMode`, `hooks`, `skills`, `memory`, `mcpServers`, `disallowedTools`, …).
    CopilotIgnoresField = "copilot-ignores-field", Warn;
    /// (target `copilot`) A `model` Copilot passes on as written though it is not one of its
    /// model ids (Claude Code's aliases `sonnet`, `opus`, `haiku`, `inherit`).
    CopilotModel = "copilot-model", Warn;
    /// (target `copilot`) Copilot reads the `description` otherwise than Claude Code (Claude
    /// Code trims it and turns `\n` escapes into line feeds; Copilot keeps the text as written).
    CopilotDescription = "copilot-description", Warn;
    /// A `tools` entry with no GitHub Copilot CLI equivalent (no alias of its tools) that the
    /// agent depends on (its prompt names it, or it is all the agent's tools): the agent's
    /// meaning cannot survive the Copilot export. An error unless allowed.
    CopilotUnmappedTool = "copilot-unmapped-tool", Deny;
}

impl Code {
    /// Whether the code is a lint: a warning by default, whose level can be set to `allow`,
    /// `warn` or `deny` (the other codes are errors and cannot be lowered).
    pub const fn is_lint(self) -> bool {
        !matches!(self.default_level(), LintLevel::Deny) || self.is_deny_by_default_lint()
    }

    /// Whether the code is an error by default that can still be allowed or warned: a target
    /// runtime's loss the author may accept (`gemini-unmapped-tool`, `copilot-unmapped-tool`),
    /// unlike Claude Code's own errors.
    pub const fn is_deny_by_default_lint(self) -> bool {
        matches!(self, Code::GeminiUnmappedTool | Code::CopilotUnmappedTool)
    }

    /// The note every warning of this code carries: how to deny or allow it, in one line.
    /// `set_explicitly`: the configuration sets the code to `warn` (rather than by default).
    pub(crate) fn level_note(self, set_explicitly: bool) -> String {
        let code = self.as_str();
        let why = if set_explicitly {
            "is set to warn"
        } else {
            "is a warning by default"
        };
        format!(
            "`{code}` {why}: deny it with `{code} = \"deny\"` under `[lints]` in agentgen.toml \
             (or `agentgen check -D {code}`), allow it with `\"allow\"` (or `-A {code}`)"
        )
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

pub use crate::source::Span;

impl Span {
    /// Where the span ends, as a 1-based line and column (in characters): found in `source`, the
    /// text of the span's file, when the span covers bytes of it; else the character after the
    /// span's start.
    pub fn end(&self, source: Option<&SourceFile>) -> (usize, usize) {
        match source {
            Some(source)
                if self.bytes.end > self.bytes.start && self.bytes.end <= source.text.len() =>
            {
                let end = source.span(self.bytes.end..self.bytes.end);
                (end.line, end.column)
            }
            _ => (self.line, self.column + 1),
        }
    }
}

/// A secondary place mentioned by a diagnostic (e.g. the other file of a duplicate name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Display path of the file.
    pub file: String,
    /// Where in it, when known.
    pub span: Option<Span>,
    /// What is there.
    pub message: String,
}

/// One problem found in a catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning, after lint levels.
    pub severity: Severity,
    /// What kind of problem.
    pub code: Code,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Display path of the file (relative, `/`-separated), empty for catalog-wide problems.
    pub file: String,
    /// Where in the file, when the problem has a place.
    pub span: Option<Span>,
    /// Text under the caret.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
    /// Further facts (what Claude Code would do).
    pub notes: Vec<String>,
    /// Other places involved.
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A diagnostic of `code` at its default severity.
    pub fn new(code: Code, file: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        let severity = match code.default_level() {
            LintLevel::Warn | LintLevel::Allow => Severity::Warning,
            LintLevel::Deny => Severity::Error,
        };
        Diagnostic {
            severity,
            code,
            message: message.into(),
            file: file.into(),
            span: None,
            label: None,
            help: None,
            notes: Vec::new(),
            related: Vec::new(),
        }
    }

    /// Points the diagnostic at `span`.
    pub fn at(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    /// Sets the caret label.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Sets the help.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a note.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Adds a related place.
    pub fn related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col`, or the file alone, or nothing.
    pub fn location(&self) -> String {
        match (&self.span, self.file.is_empty()) {
            (Some(span), false) => format!("{}:{}:{}", self.file, span.line, span.column),
            (None, false) => self.file.clone(),
            _ => String::new(),
        }
    }

    /// One line, for `cargo::error=` / `cargo::warning=` (cargo cuts messages at a newline):
    /// `[code] message --> file:line:col (help: …)`.
    pub fn one_line(&self) -> String {
        let mut out = format!("[{}] {}", self.code, self.message);
        let location = self.location();
        if !location.is_empty() {
            out.push_str(" --> ");
            out.push_str(&location);
        }
        if let Some(help) = &self.help {
            out.push_str(" (help: ");
            out.push_str(help);
            out.push(')');
        }
        out.replace(['\n', '\r'], " ")
    }

    /// Renders the diagnostic as rustc does: `error[code]: message`, `--> file:line:col`, the
    /// source line with a caret under the problem, notes and `help:`. `source` is the file the
    /// diagnostic is in, when available. `color` adds ANSI styles.
    pub fn render(&self, source: Option<&SourceFile>, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => SnippetLevel::ERROR,
            Severity::Warning => SnippetLevel::WARNING,
        };
        let mut group =
            Group::with_title(level.primary_title(&self.message).id(self.code.as_str()));
        let snippet_source = match (source, &self.span) {
            (Some(source), Some(span)) => Some((source, span)),
            _ => None,
        };
        // The snippet shows the whole line(s) the span touches.
        let owned_snippet;
        if let Some((source, span)) = snippet_source {
            // Clamped to the text and snapped to characters: a span that does not belong to
            // `source` (a caller's mistake) must give a wrong snippet, not a panic.
            let line_start = source.offset_of(span.line, 0);
            let end = floor_char_boundary(
                &source.text,
                span.bytes.end.max(span.bytes.start).max(line_start),
            );
            let last_line_end = source.text[end..]
                .find('\n')
                .map_or(source.text.len(), |i| end + i);
            let mut text = &source.text[line_start..last_line_end];
            let mut start = span.bytes.start.saturating_sub(line_start);
            let mut stop = end.saturating_sub(line_start);
            // Long multi-line spans are cut to their first line.
            if let Some(nl) = text.find('\n')
                && stop > nl
            {
                text = &text[..nl];
                stop = nl;
            }
            let text = text.strip_suffix('\r').unwrap_or(text);
            stop = floor_char_boundary(text, stop);
            start = floor_char_boundary(text, start.min(stop));
            owned_snippet = text.to_owned();
            let mut annotation = AnnotationKind::Primary.span(start..stop.max(start));
            if let Some(label) = &self.label {
                annotation = annotation.label(label.as_str());
            }
            group = group.element(
                Snippet::source(owned_snippet.as_str())
                    .line_start(span.line)
                    .path(self.file.as_str())
                    .annotation(annotation),
            );
        } else if !self.file.is_empty() {
            group = group.element(annotate_snippets::Origin::path(self.location()));
        }
        for note in &self.notes {
            group = group.element(SnippetLevel::NOTE.message(note.as_str()));
        }
        let related_lines: Vec<String> = self
            .related
            .iter()
            .map(|r| {
                let place = match &r.span {
                    Some(span) => format!("{}:{}:{}", r.file, span.line, span.column),
                    None => r.file.clone(),
                };
                format!("{}: {place}", r.message)
            })
            .collect();
        for line in &related_lines {
            group = group.element(SnippetLevel::NOTE.message(line.as_str()));
        }
        if let Some(help) = &self.help {
            group = group.element(SnippetLevel::HELP.message(help.as_str()));
        }
        let report: Vec<Group<'_>> = vec![group];
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&report)
    }
}

/// The diagnostic as JSON, for `agentgen inspect` and `agentgen check --format json`.
#[cfg(feature = "json")]
impl Diagnostic {
    /// The diagnostic in brief, as `inspect` lists a file's diagnostics: `{"severity":
    /// "error" | "warning", "code": "unknown-tool", "message": "…", "line": 4, "column": 8}`
    /// (`line` and `column` 1-based, the column in characters; null without a place).
    pub fn to_json_brief(&self) -> serde_json::Value {
        serde_json::json!({
            "severity": self.severity.as_str(),
            "code": self.code.as_str(),
            "message": self.message,
            "line": self.span.as_ref().map(|span| span.line),
            "column": self.span.as_ref().map(|span| span.column),
        })
    }

    /// The whole diagnostic, as `check --format json` writes it: [`Diagnostic::to_json_brief`]'s
    /// fields and `"type": "diagnostic"`, `file` (the display path; "" for a catalog-wide
    /// problem), `end_line` and `end_column` ([`Span::end`]; null without a place), `label`,
    /// `help` (null when absent), `notes`, `related` (`[{"file", "line", "column", "message"}]`)
    /// and `rendered` (the rustc-style text without colour). `source` is the text of the
    /// diagnostic's file, when available: it places the end of the span and the snippet.
    pub fn to_json(&self, source: Option<&SourceFile>) -> serde_json::Value {
        use serde_json::json;
        let end = self.span.as_ref().map(|span| span.end(source));
        let related: Vec<serde_json::Value> = self
            .related
            .iter()
            .map(|related| {
                json!({
                    "file": related.file,
                    "line": related.span.as_ref().map(|span| span.line),
                    "column": related.span.as_ref().map(|span| span.column),
                    "message": related.message,
                })
            })
            .collect();
        let mut object = self.to_json_brief();
        for (key, value) in [
            ("type", json!("diagnostic")),
            ("file", json!(self.file)),
            ("end_line", json!(end.map(|(line, _)| line))),
            ("end_column", json!(end.map(|(_, column)| column))),
            ("label", json!(self.label)),
            ("help", json!(self.help)),
            ("notes", json!(self.notes)),
            ("related", json!(related)),
            ("rendered", json!(self.render(source, false))),
        ] {
            object[key] = value;
        }
        object
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(None, false))
    }
}

/// The largest character boundary of `text` at or before `index` (clamped to its length).
fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_lints_default_to_warn() {
        for code in Code::ALL {
            assert_eq!(Code::from_name(code.as_str()), Some(*code));
            // Rust's spelling of lint names, `_` for `-`, names the same code.
            let underscored = code.as_str().replace('-', "_");
            assert_eq!(Code::from_name(&underscored), Some(*code));
        }
        assert_eq!(
            Code::from_name("unknown_agent-in_prompt"),
            Some(Code::UnknownAgentInPrompt)
        );
        assert_eq!(Code::from_name("unknown agent in prompt"), None);
        assert_eq!(Code::from_name("Legacy-Tool"), None, "names are lowercase");
        assert_eq!(Code::LegacyTool.default_level(), LintLevel::Warn);
        assert_eq!(Code::UnknownTool.default_level(), LintLevel::Deny);
    }

    #[cfg(feature = "json")]
    #[test]
    fn the_json_of_a_diagnostic_extends_its_brief_json() {
        let source = SourceFile::new("agents/x.md", b"---\ntools: Grpe\n---\n");
        let span = Span {
            line: 2,
            column: 8,
            bytes: 11..15,
        };
        let diagnostic = Diagnostic::new(Code::UnknownTool, "agents/x.md", "unknown tool `Grpe`")
            .at(Some(span))
            .help("did you mean `Grep`?");
        let brief = diagnostic.to_json_brief();
        let whole = diagnostic.to_json(Some(&source));
        for (key, value) in brief.as_object().expect("an object") {
            assert_eq!(&whole[key], value, "{key}");
        }
        assert_eq!(brief["line"], 2);
        assert_eq!(whole["type"], "diagnostic");
        assert_eq!(
            (&whole["end_line"], &whole["end_column"]),
            (&2.into(), &12.into())
        );
        assert_eq!(whole["label"], serde_json::Value::Null);
        assert!(
            whole["rendered"]
                .as_str()
                .expect("text")
                .contains("tools: Grpe")
        );
        let placeless = Diagnostic::new(Code::InvalidConfig, "", "bad").to_json(None);
        assert_eq!(placeless["end_line"], serde_json::Value::Null);
    }

    #[test]
    fn render_points_at_the_token() {
        let source = SourceFile::new("agents/x.md", b"---\nname: x\ntools: Read, Bsh\n---\n");
        let start = source.text.find("Bsh").unwrap_or(0);
        let loc = source.span(start..start + 3);
        let diag = Diagnostic::new(Code::UnknownTool, "agents/x.md", "unknown tool `Bsh`")
            .at(Some(loc))
            .label("not a Claude Code tool")
            .help("did you mean `Bash`?");
        let text = diag.render(Some(&source), false);
        assert!(
            text.contains("error[unknown-tool]: unknown tool `Bsh`"),
            "{text}"
        );
        assert!(text.contains("agents/x.md:3:14"), "{text}");
        assert!(text.contains("tools: Read, Bsh"), "{text}");
        assert!(text.contains("^^^"), "{text}");
        assert!(text.contains("help: did you mean `Bash`?"), "{text}");
        assert_eq!(
            diag.one_line(),
            "[unknown-tool] unknown tool `Bsh` --> agents/x.md:3:14 (help: did you mean `Bash`?)"
        );
    }
}
