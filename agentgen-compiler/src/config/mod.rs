//! The agentgen configuration: one file format shared by the build-script API, the proc macro
//! and the CLI — `agentgen.toml` at the root of the agents directory.
//!
//! ```toml
//! # Each top-level directory is a pack (Claude Code plugin style): agents are `pack:name`.
//! packs = true
//!
//! [tools]
//! custom = ["DeployPreview"]      # tool names your runner adds to Claude Code's built-ins
//! mcp-servers = ["github"]        # when given, `mcp__<server>__…` of other servers are errors
//!
//! [agents]
//! external = ["my-plugin:reviewer"]   # agents that exist outside this catalog
//!
//! [lints]                         # allow | warn | deny, for the warning-level codes
//! legacy-tool = "allow"
//! yaml-fallback = "deny"
//!
//! [metadata]                      # typed custom frontmatter (config::metadata)
//! category = "string"
//! priority = { type = "u8", default = 5 }
//! ```
//!
//! Skills and layouts (see [`Layout`]):
//!
//! ```toml
//! layout = "claude"               # agents | claude | plugin | plugins | marketplace (detected when absent)
//!
//! [skills]
//! external = ["team-style"]       # skills outside this catalog (Claude Code's bundled ones are known)
//! ```
//!
//! Other runtimes (see [`Target`]; Claude Code is always checked) — the list `targets`, and per
//! runtime a `[target.<name>]` table (as cargo's `[target.<triple>]`; `targets` is the list):
//!
//! ```toml
//! targets = ["claude-code", "copilot", "gemini"]   # also report how Copilot and Gemini read each agent
//! [target.gemini]
//! models = { sonnet = "gemini-2.5-pro", haiku = "gemini-2.5-flash" }   # model as written → Gemini's
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

mod layout;
pub mod metadata;
mod target;

pub use layout::Layout;
pub use target::Target;

use crate::diagnostic::{Code, Diagnostic, LintLevel};
use crate::error::Error;
use crate::registry::BUILTIN_AGENTS;
use crate::source::{SourceFile, Span};
use metadata::MetadataSchema;

/// Where `key` is written in an `agentgen.toml` source: the first place it starts a line.
pub(crate) fn key_place(source: &SourceFile, key: &str) -> Option<Span> {
    let at = source
        .text
        .match_indices(key)
        .map(|(i, _)| i)
        .find(|&i| i == 0 || source.text.as_bytes()[i - 1] == b'\n')?;
    Some(source.span(at..at + key.len()))
}

/// The configuration file's name, looked up at the root of the agents directory.
pub const CONFIG_FILE: &str = "agentgen.toml";

/// What a catalog is compiled with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Each top-level directory of the agents directory is a pack; agents are `pack:name`.
    pub packs: bool,
    /// Tool names accepted beside Claude Code's built-ins.
    pub custom_tools: Vec<String>,
    /// Known MCP servers; `None` accepts every server.
    pub mcp_servers: Option<Vec<String>>,
    /// Agents that exist outside the catalog (besides Claude Code's built-in ones).
    pub external_agents: Vec<String>,
    /// Lint levels by code.
    pub lints: BTreeMap<Code, LintLevel>,
    /// The `[metadata]` schema: the catalog's own frontmatter keys, typed (`None`: no schema,
    /// custom keys stay untyped in `extra`). Only agentgen.toml declares it.
    pub metadata: Option<MetadataSchema>,
    /// How the catalog's folder is organised; `None`: detected from the folder.
    pub layout: Option<Layout>,
    /// Skills that exist outside the catalog (besides Claude Code's bundled ones).
    pub external_skills: Vec<String>,
    /// `[target.gemini] models`: an agent's `model` (as written, or its alias in lower case)
    /// → the model the Gemini export writes. A model with no entry is dropped (Gemini's
    /// default `inherit`: the session's model).
    pub gemini_models: BTreeMap<String, String>,
    /// The runtimes checked besides Claude Code (`targets`; sorted, deduplicated, without
    /// `claude-code`, which is always checked). Empty: Claude Code alone.
    pub targets: Vec<Target>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    #[serde(default)]
    packs: bool,
    #[serde(default)]
    tools: ToolsSection,
    #[serde(default)]
    agents: AgentsSection,
    #[serde(default)]
    lints: BTreeMap<String, LintLevel>,
    /// Accepted here, read with its places by `metadata::schema::parse_schema`.
    #[serde(default, rename = "metadata")]
    _metadata: Option<serde::de::IgnoredAny>,
    layout: Option<String>,
    #[serde(default)]
    skills: SkillsSection,
    #[serde(default)]
    targets: Vec<String>,
    #[serde(default)]
    target: TargetSection,
}

/// `[target.*]`: what agentgen.toml says about each other runtime.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TargetSection {
    #[serde(default)]
    gemini: GeminiSection,
}

/// `[target.gemini]`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct GeminiSection {
    #[serde(default)]
    models: BTreeMap<String, String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct SkillsSection {
    #[serde(default)]
    external: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ToolsSection {
    #[serde(default)]
    custom: Vec<String>,
    mcp_servers: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct AgentsSection {
    #[serde(default)]
    external: Vec<String>,
}

impl Config {
    /// Reads `agentgen.toml` from `agents_dir` if present (defaults otherwise).
    /// `display_dir` is how the directory is shown in diagnostics.
    ///
    /// # Errors
    ///
    /// [`Error::Diagnostics`] with the first problem of the file, rendered with its text.
    pub fn load(agents_dir: &Path, display_dir: &str) -> Result<Config, Error> {
        let (config, diagnostics, source) = Config::read(agents_dir, display_dir);
        match diagnostics.into_iter().next() {
            Some(diagnostic) => Err(Error::diagnostics(vec![diagnostic], |_| source.as_ref())),
            None => Ok(config),
        }
    }

    /// Reads `agentgen.toml` from `agents_dir` if present: the configuration (defaults where
    /// the file is absent or invalid), every problem found in it, and its text for diagnostics
    /// that point into it. `display_dir` is how the directory is shown in diagnostics. (Which
    /// `agentgen.toml` applies to a catalog is the project model's question:
    /// [`Project`](crate::project::Project).)
    pub fn read(
        agents_dir: &Path,
        display_dir: &str,
    ) -> (Config, Vec<Diagnostic>, Option<SourceFile>) {
        let display = format!("{}/{CONFIG_FILE}", display_dir.trim_end_matches('/'));
        Config::read_file(&agents_dir.join(CONFIG_FILE), &display)
    }

    /// Reads the configuration file at `path` (shown as `display`) if present: the
    /// configuration (defaults where the file is absent or invalid), every problem found in it,
    /// and its text for diagnostics that point into it.
    pub(crate) fn read_file(
        path: &Path,
        display: &str,
    ) -> (Config, Vec<Diagnostic>, Option<SourceFile>) {
        Config::read_bytes(path, display, None)
    }

    /// [`Config::read_file`], with the file's bytes from `buffer` when given (an editor's
    /// unsaved buffer) instead of the disk.
    pub(crate) fn read_bytes(
        path: &Path,
        display: &str,
        buffer: Option<&[u8]>,
    ) -> (Config, Vec<Diagnostic>, Option<SourceFile>) {
        let display = display.to_owned();
        let bytes = match buffer {
            Some(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
            None => std::fs::read(path).map(std::borrow::Cow::Owned),
        };
        match bytes {
            Ok(bytes) => {
                let source = SourceFile::new(display, &bytes);
                let (config, diagnostics) = Config::parse_source(&source);
                (config, diagnostics, Some(source))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                (Config::default(), Vec::new(), None)
            }
            Err(e) => (
                Config::default(),
                vec![Diagnostic::new(
                    Code::InvalidConfig,
                    display,
                    format!("cannot read the configuration: {e}"),
                )],
                None,
            ),
        }
    }

    /// Parses a configuration file, reporting every problem: a file that is not valid gives
    /// the default configuration; a `[metadata]` schema keeps its valid keys.
    pub fn parse_source(source: &SourceFile) -> (Config, Vec<Diagnostic>) {
        let (mut config, has_metadata) =
            match Config::parse_file(&source.text, &source.display_path) {
                Ok(parsed) => parsed,
                Err(diagnostic) => return (Config::default(), vec![*diagnostic]),
            };
        if !has_metadata {
            return (config, Vec::new());
        }
        let (schema, diagnostics) = metadata::parse_schema(source);
        config.metadata = schema;
        (config, diagnostics)
    }

    /// Parses the text of a configuration file (shown as `display`), its `[metadata]` schema
    /// aside (see [`Config::parse_source`]).
    ///
    /// # Errors
    ///
    /// [`Error::Diagnostics`] with the problem (`invalid-config`), rendered with `text`.
    pub fn parse(text: &str, display: &str) -> Result<Config, Error> {
        Config::parse_file(text, display)
            .map(|(config, _)| config)
            .map_err(|diagnostic| {
                let source = SourceFile::new(display, text.as_bytes());
                Error::diagnostics(vec![*diagnostic], |_| Some(&source))
            })
    }

    /// [`Config::parse`], and whether the file has a `metadata` key (to read with its places).
    fn parse_file(text: &str, display: &str) -> Result<(Config, bool), Box<Diagnostic>> {
        let file: FileConfig = toml::from_str(text).map_err(|e| {
            let span = e
                .span()
                .map(|bytes| SourceFile::new(display, text.as_bytes()).span(bytes));
            // `[targets.gemini]`: `targets` is the list; a runtime's table is `[target.…]`
            // (TOML then refuses the table, or the list written beside it).
            let plural_table = text
                .lines()
                .any(|line| line.trim_start().starts_with("[targets."));
            let help = if plural_table {
                "`targets` is the list of runtimes (`targets = [\"gemini\"]`); a runtime's settings go under `[target.<name>]`, singular, as in cargo's `[target.<triple>]`: `[target.gemini] models = { … }`"
            } else {
                "the keys of agentgen.toml (docs/guide/configuration-and-lints.md): `packs`, `layout`, `targets`, `[tools] custom`, `[tools] mcp-servers`, `[agents] external`, `[skills] external`, `[lints]`, `[metadata]`, `[target.gemini] models`"
            };
            Box::new(
                Diagnostic::new(Code::InvalidConfig, display, format!("invalid configuration: {}", e.message()))
                    .at(span)
                    .help(help),
            )
        })?;
        let mut config = Config {
            packs: file.packs,
            custom_tools: file.tools.custom,
            mcp_servers: file.tools.mcp_servers,
            external_agents: file.agents.external,
            lints: BTreeMap::new(),
            metadata: None,
            layout: None,
            external_skills: file.skills.external,
            gemini_models: file.target.gemini.models,
            targets: Vec::new(),
        };
        for name in &file.targets {
            let target = Target::from_name(name).ok_or_else(|| {
                Box::new(Diagnostic::new(
                    Code::InvalidConfig,
                    display,
                    format!("unknown target `{name}`; targets are {}", Target::names()),
                ))
            })?;
            config.add_target(target);
        }
        if let Some(name) = &file.layout {
            config.layout = Some(Layout::from_name(name).ok_or_else(|| {
                Box::new(Diagnostic::new(
                    Code::InvalidConfig,
                    display,
                    format!("unknown layout `{name}`; layouts are {}", Layout::names()),
                ))
            })?);
        }
        for (name, level) in file.lints {
            let code = lint_code(&name, level).map_err(|message| {
                Box::new(Diagnostic::new(Code::InvalidConfig, display, message))
            })?;
            config.lints.insert(code, level);
        }
        Ok((config, file._metadata.is_some()))
    }

    /// Adds `target` to the runtimes checked (`claude-code` is always checked: adding it
    /// changes nothing).
    pub fn add_target(&mut self, target: Target) {
        if target != Target::ClaudeCode && !self.targets.contains(&target) {
            self.targets.push(target);
            self.targets.sort();
        }
    }

    /// Whether `target` is checked.
    pub fn checks(&self, target: Target) -> bool {
        target == Target::ClaudeCode || self.targets.contains(&target)
    }

    /// Sets the level of the lint named `name`: a warning-level code such as `legacy-tool`,
    /// spelled with `-` or, as Rust spells lint names, `_` (`legacy_tool`). Messages name it
    /// with `-`. An error-level code can be set to `deny` (what it is) but not lowered.
    ///
    /// # Errors
    ///
    /// [`Error::Option`]: the message for an unknown name (with the nearest lint name when one
    /// is close, and the list of lints) or for lowering an error.
    pub fn set_lint(&mut self, name: &str, level: LintLevel) -> Result<(), Error> {
        let code = lint_code(name, level).map_err(Error::Option)?;
        self.lints.insert(code, level);
        Ok(())
    }

    /// The level of `code` in this configuration.
    pub fn level(&self, code: Code) -> LintLevel {
        self.lints
            .get(&code)
            .copied()
            .unwrap_or(code.default_level())
    }

    /// Adds the settings of `other` (builder or macro options) on top of this configuration.
    pub(crate) fn merge(&mut self, other: &Config) {
        self.packs |= other.packs;
        self.custom_tools.extend(other.custom_tools.iter().cloned());
        if let Some(servers) = &other.mcp_servers {
            self.mcp_servers
                .get_or_insert_with(Vec::new)
                .extend(servers.iter().cloned());
        }
        self.external_agents
            .extend(other.external_agents.iter().cloned());
        self.lints.extend(other.lints.iter().map(|(k, v)| (*k, *v)));
        if other.metadata.is_some() {
            self.metadata.clone_from(&other.metadata);
        }
        if other.layout.is_some() {
            self.layout = other.layout;
        }
        self.external_skills
            .extend(other.external_skills.iter().cloned());
        self.gemini_models.extend(
            other
                .gemini_models
                .iter()
                .map(|(k, v)| (k.clone(), v.clone())),
        );
        for target in &other.targets {
            self.add_target(*target);
        }
    }

    /// Whether `name` is declared as a skill outside the catalog.
    pub(crate) fn is_external_skill(&self, name: &str) -> bool {
        self.external_skills.iter().any(|s| s == name)
    }

    /// Whether `name` is an external agent (declared, or built into Claude Code).
    pub(crate) fn is_external_agent(&self, name: &str) -> bool {
        BUILTIN_AGENTS.contains(&name) || self.external_agents.iter().any(|a| a == name)
    }
}

/// The code of the lint `name` (see [`Config::set_lint`]), or why it cannot be set to `level`.
fn lint_code(name: &str, level: LintLevel) -> Result<Code, String> {
    let Some(code) = Code::from_name(name) else {
        return Err(unknown_lint_message(name));
    };
    if !code.is_lint() && level != LintLevel::Deny {
        return Err(format!(
            "`{code}` is an error (Claude Code skips, rejects or drops something) and cannot be lowered"
        ));
    }
    Ok(code)
}

/// "unknown lint `x`", the nearest code's name when one is close, and every lint's name.
fn unknown_lint_message(name: &str) -> String {
    let lints: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| c.is_lint())
        .map(|c| c.as_str())
        .collect();
    let written = name.replace('_', "-").to_ascii_lowercase();
    let nearest = Code::ALL
        .iter()
        .map(|c| (strsim::osa_distance(&written, c.as_str()), c.as_str()))
        .filter(|(distance, _)| *distance <= 3)
        .min();
    let did_you_mean = nearest
        .map(|(_, code)| format!(" did you mean `{code}`?"))
        .unwrap_or_default();
    format!(
        "unknown lint `{name}`;{did_you_mean} lints are: {}",
        lints.join(", ")
    )
}

/// `key` as a TOML key: bare when it can be, else quoted.
pub(crate) fn toml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        key.to_owned()
    } else {
        toml_string(key)
    }
}

/// `text` as a TOML basic string.
pub(crate) fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_targets() {
        let config = Config::parse(
            "targets = [\"claude-code\", \"copilot\", \"copilot\"]",
            "agentgen.toml",
        )
        .expect("valid");
        assert_eq!(config.targets, [Target::Copilot]);
        assert!(config.checks(Target::ClaudeCode) && config.checks(Target::Copilot));
        assert!(!config.checks(Target::Gemini));
        let error = Config::parse("targets = [\"cursor\"]", "agentgen.toml").expect_err("unknown");
        assert!(
            error.to_string().contains("unknown target `cursor`"),
            "{error}"
        );
    }

    #[test]
    fn parses_every_section() {
        let config = Config::parse(
            "packs = true\n[tools]\ncustom = [\"X\"]\nmcp-servers = [\"github\"]\n[agents]\nexternal = [\"r\"]\n[lints]\nlegacy-tool = \"allow\"\n",
            "agentgen.toml",
        )
        .expect("valid config");
        assert!(config.packs);
        assert_eq!(config.custom_tools, ["X"]);
        assert_eq!(
            config.mcp_servers.as_deref(),
            Some(&["github".to_owned()][..])
        );
        assert!(config.is_external_agent("r") && config.is_external_agent("general-purpose"));
        assert_eq!(config.level(Code::LegacyTool), LintLevel::Allow);
    }

    #[test]
    fn reads_the_gemini_model_table() {
        let config = Config::parse(
            "[target.gemini]\nmodels = { sonnet = \"gemini-2.5-pro\", \"claude-opus-4-1\" = \"gemini-2.5-pro\" }\n",
            "agentgen.toml",
        )
        .expect("valid config");
        assert_eq!(config.gemini_models["sonnet"], "gemini-2.5-pro");
        assert_eq!(config.gemini_models.len(), 2);
        assert!(Config::parse("[target.gemini]\nmodel = {}\n", "a").is_err());
        // The plural table, as the issue first wrote it, is pointed at the singular one.
        // With or without the list beside it (TOML's messages differ).
        for text in [
            "[targets.gemini]\nmodels = {}\n",
            "targets = [\"gemini\"]\n[targets.gemini]\nmodels = {}\n",
        ] {
            let source = SourceFile::new("a", text.as_bytes());
            let (_, diagnostics) = Config::parse_source(&source);
            assert!(
                diagnostics.iter().any(|d| d
                    .help
                    .as_deref()
                    .is_some_and(|h| h.contains("[target.gemini] models"))),
                "{text}: {diagnostics:?}"
            );
        }
        assert!(Config::parse("[target.gemini]\nmodels = { sonnet = 1 }\n", "a").is_err());
    }

    #[test]
    fn refuses_unknown_keys_and_lowering_errors() {
        assert!(Config::parse("pack = true", "a").is_err());
        let err = Config::parse("layout = \"flat\"", "a").expect_err("must refuse");
        assert!(err.message().contains("unknown layout `flat`"), "{err}");
        let config = Config::parse("layout = \"claude\"\n[skills]\nexternal = [\"s\"]\n", "a")
            .expect("valid");
        assert_eq!(config.layout, Some(Layout::Claude));
        assert!(config.is_external_skill("s"));
        let err = Config::parse("[lints]\nunknown-tool = \"allow\"", "a").expect_err("must refuse");
        assert!(err.message().contains("cannot be lowered"), "{err}");
        let err = Config::parse("[lints]\nlegacy-tools = \"allow\"", "a").expect_err("must refuse");
        assert!(err.message().contains("unknown lint"), "{err}");
    }

    #[test]
    fn lint_names_take_hyphens_or_underscores() {
        for name in ["unknown-agent-in-prompt", "unknown_agent_in_prompt"] {
            let mut config = Config::default();
            config
                .set_lint(name, LintLevel::Deny)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(config.level(Code::UnknownAgentInPrompt), LintLevel::Deny);
        }
        // agentgen.toml: both spellings, the same code; the last one read wins.
        let config = Config::parse(
            "[lints]\nlegacy_tool = \"allow\"\nretired-tool = \"deny\"\n",
            "agentgen.toml",
        )
        .expect("valid");
        assert_eq!(config.level(Code::LegacyTool), LintLevel::Allow);
        assert_eq!(config.level(Code::RetiredTool), LintLevel::Deny);
        // An error-level code: `deny` is accepted, lowering is refused, named with `-`.
        let mut config = Config::default();
        assert!(config.set_lint("unknown_tool", LintLevel::Deny).is_ok());
        let err = config
            .set_lint("unknown_tool", LintLevel::Allow)
            .expect_err("must refuse")
            .message();
        assert!(err.starts_with("`unknown-tool` is an error"), "{err}");
    }

    #[test]
    fn unknown_lint_names_suggest_the_nearest_and_list_hyphenated_names() {
        let mut config = Config::default();
        let err = config
            .set_lint("unknown_agent_in_prompts", LintLevel::Deny)
            .expect_err("must refuse")
            .message();
        assert!(
            err.starts_with(
                "unknown lint `unknown_agent_in_prompts`; did you mean `unknown-agent-in-prompt`? lints are: "
            ),
            "{err}"
        );
        assert!(err.contains("legacy-tool, retired-tool"), "{err}");
        let listed = err.split("lints are: ").nth(1).unwrap_or_default();
        assert!(!listed.contains('_'), "names are listed with `-`: {err}");
        assert!(
            !listed.contains("unknown-tool"),
            "errors are not lints: {err}"
        );
        let err = config
            .set_lint("completely-different", LintLevel::Deny)
            .expect_err("must refuse")
            .message();
        assert!(!err.contains("did you mean"), "{err}");
        assert!(
            err.starts_with("unknown lint `completely-different`; lints are: "),
            "{err}"
        );
    }
}
