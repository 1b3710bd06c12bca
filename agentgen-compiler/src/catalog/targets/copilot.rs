//! The GitHub Copilot CLI (1.0.102) as a target: how it reads the `.claude/agents` files it loads
//! itself ([`read_file`]), what differs from Claude Code's reading ([`assess`], the
//! `copilot-…` lints) and the Copilot export's translation of an agent ([`translate`]).
//!
//! Source: `registry::copilot` (GitHub's reference and the CLI's own answers to
//! `agents.discover`, `../shared/runtimes/copilot/agents.mjs`). Copilot's rules, each checked
//! with the probe: the frontmatter must be strict YAML (no repeated key) — a file only Claude
//! Code's re-quoting fallback reads is missing; `description` must be a string (empty is
//! fine); `name` a string (absent or empty: the file name without `.md`), kept as written;
//! `tools` a comma-separated string (entries trimmed, empty ones dropped) or a list of strings,
//! absent meaning `*`; `model` a string or a non-empty list of strings; `user-invocable`,
//! `disable-model-invocation` and `infer` booleans; `mcp-servers` a mapping. Any other
//! violation — or a byte that is not UTF-8, anywhere in the file — makes the file missing from
//! Copilot's agents, without a message. Files are read
//! from sub-folders too; only names ending in `.md` (not `.MD`).
//!
//! Two readings, two sets of lints. [`assess`] (the `targets = ["copilot"]` pass, `inspect` and
//! `graph` verdicts) is Copilot loading `.claude/agents` itself: it loads an agent whatever
//! tools it ignores, so nothing there can be refused and every difference is a warning
//! (`copilot-ignores-tool` for a tool it has no alias for). [`translate`] is the Copilot export
//! (`.github/agents`), which agentgen writes and so can refuse: a tool Copilot has no
//! equivalent for that the agent **depends on** ([`depends`](super::depends), the rule the
//! Gemini export uses too) is `copilot-unmapped-tool`, an error unless allowed, and the
//! export's verdict on the agent is `cannot-take`; one it does not depend on is dropped with
//! `copilot-ignores-tool`, as before.

use crate::catalog::parallel::par_map;
use crate::catalog::{Agent, Catalog, ResolvedTool};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::read::{AgentFile, Status, ToolsReading};
use crate::registry::KNOWN_KEYS as CLAUDE_KEYS;
use crate::registry::copilot::{self as table, KeyRule, RUNTIME};
use crate::yaml::{self, Node, Value};
use granit_parser::ScalarStyle;

use super::Verdict;
use super::depends::dependence;

/// An agent as Copilot lists it (`agents.discover`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopilotAgent {
    /// Its name: `name` as written, or the file name without `.md`.
    pub name: String,
    /// `description` as written.
    pub description: String,
    /// `tools` as Copilot lists them, before its alias table (`["*"]` when absent).
    pub tools: Vec<String>,
    /// The first model, when `model` is given.
    pub model: Option<String>,
    /// Every model `model` lists (empty when absent).
    pub models: Vec<String>,
    /// `user-invocable` (default `true`).
    pub user_invocable: bool,
}

/// Why Copilot does not list a file, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    /// The reason, in a sentence ("`model` is not a string or a list of strings").
    pub reason: String,
    /// Where in the file.
    pub span: Option<Span>,
}

/// The frontmatter as Copilot finds it: after an optional byte-order mark, a first line `---`
/// (trailing white space allowed), then up to a line that is `---` (trailing white space
/// allowed). Returns the YAML text (without its last line feed) and its byte offset.
fn frontmatter(text: &str) -> Option<(&str, usize)> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_end = rest.find('\n')?;
    if rest[..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = start + first_end + 1;
    let mut at = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &text[yaml_start..at];
            let yaml = yaml.strip_suffix('\n').unwrap_or(yaml);
            let yaml = yaml.strip_suffix('\r').unwrap_or(yaml);
            return Some((yaml, yaml_start));
        }
        at += line.len();
    }
    None
}

/// A string node's text as Copilot's parser gives it: the YAML text it parses ends without a
/// line feed, so a block scalar (`|`, `>`) that runs to its end keeps no final line feed unless
/// its header says `+`.
fn scalar_text(node: &Node, yaml_text: &str) -> Option<String> {
    let text = node.as_str()?;
    let block = matches!(node.style, Some(ScalarStyle::Literal | ScalarStyle::Folded));
    // The header (`|+`, `>-`, …): where the node starts, or the last indicator before it.
    let start = node.span.start.min(yaml_text.len());
    let from = match yaml_text.get(start..) {
        Some(rest) if rest.starts_with(['|', '>']) => start,
        _ => yaml_text
            .get(..start)
            .and_then(|before| before.rfind(['|', '>']))
            .unwrap_or(start),
    };
    let header = yaml_text
        .get(from..)
        .and_then(|rest| rest.lines().next())
        .unwrap_or_default();
    let at_end = yaml_text
        .get(node.span.end..)
        .is_none_or(|rest| rest.trim().is_empty());
    Some(if block && at_end && !header.contains('+') {
        text.strip_suffix('\n').unwrap_or(text).to_owned()
    } else {
        text.to_owned()
    })
}

/// The YAML text Copilot's parser reads, as agentgen's strict parser reads it: Copilot's accepts
/// a line of a multi-line quoted scalar that is indented less than its key (probe: `description:
/// "a` / `b"` lists `a b`), which YAML and Claude Code refuse. Such lines get spaces in front —
/// the value is the same, a quoted scalar's continuation lines losing their leading white space.
struct Lenient {
    /// The text parsed.
    text: String,
    /// Where spaces were added, in `text`'s offsets, in order.
    added: Vec<usize>,
}

impl Lenient {
    /// The offset in the original text of `offset` in [`Lenient::text`].
    fn original(&self, offset: usize) -> usize {
        offset - self.added.iter().filter(|&&at| at < offset).count()
    }
}

/// The most spaces [`parse`] adds before it gives up (hostile input stays bounded).
const MAX_ADDED_SPACES: usize = 256;

/// Parses `yaml_text` as Copilot does (see [`Lenient`]).
fn parse(yaml_text: &str) -> Result<(Option<Node>, Lenient), yaml::YamlError> {
    let mut lenient = Lenient {
        text: yaml_text.to_owned(),
        added: Vec::new(),
    };
    let mut first_error = None;
    loop {
        match yaml::parse(&lenient.text) {
            Ok(root) => return Ok((root, lenient)),
            Err(error)
                if error.message.contains("multiline quoted scalar")
                    && lenient.added.len() < MAX_ADDED_SPACES =>
            {
                let at = error.offset.min(lenient.text.len());
                let line_start = lenient.text[..at].rfind('\n').map_or(0, |i| i + 1);
                let shown = lenient.original(error.offset);
                first_error.get_or_insert(yaml::YamlError {
                    message: error.message,
                    offset: shown,
                });
                lenient.text.insert(line_start, ' ');
                lenient.added.push(line_start);
            }
            Err(error) => {
                let offset = lenient.original(error.offset);
                return Err(first_error.unwrap_or(yaml::YamlError {
                    message: error.message,
                    offset,
                }));
            }
        }
    }
}

/// The strings of a list node, or `None` when an item is not a string.
fn strings(items: &[Node]) -> Option<Vec<String>> {
    items
        .iter()
        .map(|n| n.as_str().map(str::to_owned))
        .collect()
}

/// Copilot's reading of one `.claude/agents` file: the agent it lists, or why it lists none.
pub fn read_file(file: &AgentFile) -> Result<CopilotAgent, Skip> {
    let source = &file.source;
    let whole = |reason: &str| Skip {
        reason: reason.to_owned(),
        span: None,
    };
    let file_name = source.display_path.rsplit('/').next().unwrap_or_default();
    let Some(stem) = file_name.strip_suffix(".md") else {
        return Err(whole("Copilot reads only files whose name ends in `.md`"));
    };
    if file.status == Status::NotLoaded {
        return Err(whole(
            "the file is not read (too large, or not a regular file)",
        ));
    }
    if source.had_invalid_utf8 {
        return Err(whole("the file is not valid UTF-8 (even in its body)"));
    }
    let Some((yaml_text, offset)) = frontmatter(&source.text) else {
        return Err(whole(
            "Copilot finds no frontmatter: the file must start with a `---` line and have a closing `---` line",
        ));
    };
    let (root, lenient) = match parse(yaml_text) {
        Ok(parsed) => parsed,
        Err(error) => {
            return Err(Skip {
                reason: format!("the frontmatter is not valid YAML ({})", error.message),
                span: Some(source.span(offset + error.offset..offset + error.offset)),
            });
        }
    };
    let yaml_text = lenient.text.as_str();
    let span = |node: &Node| {
        let (start, end) = (
            lenient.original(node.span.start),
            lenient.original(node.span.end),
        );
        Some(source.span(offset + start..offset + end))
    };
    let Some(Node {
        value: Value::Map(entries),
        ..
    }) = root
    else {
        return Err(whole(
            "the frontmatter is not a mapping, so it has no `description`",
        ));
    };
    let mut seen: Vec<String> = Vec::new();
    for (key, _) in &entries {
        let text = key.key_text();
        if seen.contains(&text) {
            return Err(Skip {
                reason: format!("the key `{text}` is given twice, which strict YAML refuses"),
                span: span(key),
            });
        }
        seen.push(text);
    }
    let get = |name: &str| entries.iter().find(|(k, _)| k.key_text() == name);
    for (key, value) in &entries {
        let Some(rule) = table::known_key(&key.key_text()).map(|k| k.rule) else {
            continue;
        };
        let ok = match rule {
            KeyRule::String => matches!(value.value, Value::Str(_)),
            KeyRule::RequiredString => matches!(value.value, Value::Str(_)),
            KeyRule::StringOrStringList => match &value.value {
                Value::Str(_) => true,
                Value::Seq(items) => strings(items).is_some(),
                _ => false,
            },
            KeyRule::ModelList => match &value.value {
                Value::Str(_) => true,
                Value::Seq(items) => !items.is_empty() && strings(items).is_some(),
                _ => false,
            },
            KeyRule::Bool => matches!(value.value, Value::Bool(_)),
            KeyRule::Mapping => matches!(value.value, Value::Map(_)),
            KeyRule::Any => true,
        };
        if !ok {
            let want = match rule {
                KeyRule::String | KeyRule::RequiredString => "a string",
                KeyRule::StringOrStringList => "a string or a list of strings",
                KeyRule::ModelList => "a string or a non-empty list of strings",
                KeyRule::Bool => "`true` or `false`",
                KeyRule::Mapping | KeyRule::Any => "a mapping",
            };
            return Err(Skip {
                reason: format!("`{}` is not {want}", key.key_text()),
                span: span(value),
            });
        }
    }
    let Some(description) = get("description").and_then(|(_, v)| scalar_text(v, yaml_text)) else {
        return Err(whole("it has no `description`, which Copilot requires"));
    };
    let name = match get("name").and_then(|(_, v)| scalar_text(v, yaml_text)) {
        Some(name) if !name.is_empty() => name,
        _ => stem.to_owned(),
    };
    let tools = match get("tools").map(|(_, v)| &v.value) {
        None => vec![table::ALL_TOOLS.to_owned()],
        Some(Value::Str(text)) => text
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
        Some(Value::Seq(items)) => strings(items).unwrap_or_default(),
        Some(_) => Vec::new(),
    };
    let models = match get("model").map(|(_, v)| &v.value) {
        Some(Value::Str(model)) => vec![model.clone()],
        Some(Value::Seq(items)) => strings(items).unwrap_or_default(),
        _ => Vec::new(),
    };
    let user_invocable = !matches!(
        get("user-invocable").map(|(_, v)| &v.value),
        Some(Value::Bool(false))
    );
    Ok(CopilotAgent {
        name,
        description,
        tools,
        model: models.first().cloned(),
        models,
        user_invocable,
    })
}

/// What Copilot makes of one catalog file, beside Claude Code's reading.
#[derive(Clone, Debug)]
pub struct Assessment {
    /// Copilot's reading.
    pub reading: Result<CopilotAgent, Skip>,
    /// The verdict, for a file Claude Code loads as an agent (`None` otherwise).
    pub verdict: Option<Verdict>,
    /// The differences, each at its place (`copilot-…` lints, at their default level).
    pub diagnostics: Vec<Diagnostic>,
}

/// Where `entry` of `tools` is in the file: Claude Code's entry of that text, else the key.
fn tool_span(file: &AgentFile, entry: &str) -> Option<Span> {
    if let ToolsReading::List(list) = &file.tools
        && let Some(found) = list.iter().find(|t| t.value == entry)
    {
        return found.span.clone();
    }
    file.tools_field
        .as_ref()
        .and_then(|f| f.key_span.clone().or(f.span.clone()))
}

/// The place of the frontmatter key `key`.
fn key_span(file: &AgentFile, key: &str) -> Option<Span> {
    file.keys
        .iter()
        .rev()
        .find(|k| k.value == key)
        .and_then(|k| k.span.clone())
}

/// Copilot's reading of `file` against Claude Code's: `agent` is the agent Claude Code loads
/// from it, if any.
pub fn assess(file: &AgentFile, agent: Option<&Agent>) -> Assessment {
    let reading = read_file(file);
    let path = file.path();
    let mut diagnostics = Vec::new();
    let Some(agent) = agent else {
        // A file Claude Code accepts but the catalog sets aside (a second agent of one name):
        // `duplicate_names` reports Copilot's reading of it.
        let accepted = file.status == Status::Accepted;
        if let (Ok(copilot), false) = (&reading, accepted) {
            diagnostics.push(
                Diagnostic::new(
                    Code::CopilotLoadsSkipped,
                    path,
                    format!(
                        "{RUNTIME} loads this file as the agent `{}`, though Claude Code does not load it",
                        copilot.name
                    ),
                )
                .at(key_span(file, "name").or(key_span(file, "description")))
                .help("give the file a valid `name` so both runtimes load it, or move it out of `.claude/agents`"),
            );
        }
        return Assessment {
            reading,
            verdict: None,
            diagnostics,
        };
    };
    let copilot = match &reading {
        Err(skip) => {
            diagnostics.push(
                Diagnostic::new(
                    Code::CopilotSkipsFile,
                    path,
                    format!(
                        "{RUNTIME} silently skips this file, which Claude Code loads as `{}`: {}",
                        agent.name, skip.reason
                    ),
                )
                .at(skip.span.clone())
                .help("write the frontmatter as strict YAML with the types Copilot expects (`agentgen fix` rewrites fallback-only YAML)"),
            );
            let verdict = Verdict::CannotTake(format!("{RUNTIME} skips the file: {}", skip.reason));
            return Assessment {
                reading,
                verdict: Some(verdict),
                diagnostics,
            };
        }
        Ok(copilot) => copilot,
    };
    let mut lost = Vec::new();
    if copilot.name != agent.name {
        lost.push("name".to_owned());
        diagnostics.push(
            Diagnostic::new(
                Code::CopilotRenamesAgent,
                path,
                format!(
                    "{RUNTIME} names this agent `{}`; Claude Code names it `{}`",
                    copilot.name, agent.name
                ),
            )
            .at(key_span(file, "name"))
            .help("write `name` as the exact name, without surrounding white space"),
        );
    }
    let claude_description = file.description.as_ref().map(|d| d.value.as_str());
    if claude_description != Some(copilot.description.as_str()) {
        lost.push("description".to_owned());
        diagnostics.push(
            Diagnostic::new(
                Code::CopilotDescription,
                path,
                format!("{RUNTIME} reads `description` as written, not as Claude Code does (trimmed, `\\n` escapes as line feeds)"),
            )
            .at(key_span(file, "description"))
            .help("write the description without surrounding white space or `\\n` escapes"),
        );
    }
    for tool in &copilot.tools {
        if tool == table::ALL_TOOLS || table::tool_alias(tool).is_some() {
            continue;
        }
        lost.push("tools".to_owned());
        diagnostics.push(ignored_tool(path, tool, tool_span(file, tool)));
    }
    if let Some(model) = &copilot.model
        && table::CLAUDE_MODEL_ALIASES
            .iter()
            .any(|alias| alias.eq_ignore_ascii_case(model.trim()))
    {
        lost.push("model".to_owned());
        diagnostics.push(
            Diagnostic::new(
                Code::CopilotModel,
                path,
                format!("{RUNTIME} passes `model: {model}` on as written; it is not one of Copilot's model ids"),
            )
            .at(key_span(file, "model"))
            .help("leave `model` out for Copilot's default, or export with `agentgen export --format copilot`"),
        );
    }
    for key in ignored_keys(file) {
        diagnostics.push(ignored_field(path, &key, key_span(file, &key)));
        lost.push(key);
    }
    Assessment {
        reading,
        verdict: Some(Verdict::losing(lost)),
        diagnostics,
    }
}

/// The keys of `file` that Claude Code reads and Copilot does not (file order, once each).
fn ignored_keys(file: &AgentFile) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for key in &file.keys {
        let key = key.value.as_str();
        let copilot_reads = matches!(key, "name" | "description" | "tools" | "model");
        if CLAUDE_KEYS.contains(&key) && !copilot_reads && !keys.iter().any(|k| k == key) {
            keys.push(key.to_owned());
        }
    }
    keys
}

fn ignored_tool(path: &str, tool: &str, span: Option<Span>) -> Diagnostic {
    let what = if tool.contains('(') {
        "its restriction in parentheses makes it a name Copilot does not know"
    } else if tool.starts_with("mcp__") {
        "Copilot names MCP tools `server/tool`"
    } else {
        "it is no alias of Copilot's tools"
    };
    Diagnostic::new(
        Code::CopilotIgnoresTool,
        path,
        format!("{RUNTIME} ignores the tool `{tool}` without a word: {what}"),
    )
    .at(span)
    .note(format!(
        "Copilot's tools and aliases: {}",
        table::ALIAS_SOURCE
    ))
    .help("`agentgen export --format copilot` writes Copilot's own names")
}

fn ignored_field(path: &str, key: &str, span: Option<Span>) -> Diagnostic {
    Diagnostic::new(
        Code::CopilotIgnoresField,
        path,
        format!("{RUNTIME} ignores `{key}`, which Claude Code reads"),
    )
    .at(span)
    .help("keep it for Claude Code; under Copilot the agent runs without it")
}

/// Copilot names of the same name as another file's, reported once per later file: Copilot
/// lists both agents where Claude Code keeps one.
fn duplicate_names(files: &[AgentFile], readings: &[Assessment], out: &mut Vec<Diagnostic>) {
    for (i, assessment) in readings.iter().enumerate() {
        let Ok(agent) = &assessment.reading else {
            continue;
        };
        let first = readings[..i]
            .iter()
            .position(|a| a.reading.as_ref().is_ok_and(|b| b.name == agent.name));
        if let Some(first) = first {
            out.push(
                Diagnostic::new(
                    Code::CopilotRenamesAgent,
                    files[i].path(),
                    format!(
                        "{RUNTIME} lists a second agent named `{}` (the first is {}); Claude Code keeps one",
                        agent.name,
                        files[first].path()
                    ),
                )
                .at(key_span(&files[i], "name"))
                .help("give every agent its own name"),
            );
        }
    }
}

/// Copilot's reading of every agent file of a catalog of `.claude/agents` files, and its
/// diagnostics (for `compile`).
pub(crate) fn assess_files(
    files: &[AgentFile],
    agents: &[Agent],
) -> (Vec<Assessment>, Vec<Diagnostic>) {
    let mut agent_of: Vec<Option<&Agent>> = vec![None; files.len()];
    for agent in agents {
        if let Some(slot) = agent_of.get_mut(agent.file) {
            *slot = Some(agent);
        }
    }
    let assessments = par_map(files, |index, file| assess(file, agent_of[index]));
    let mut diagnostics: Vec<Diagnostic> = assessments
        .iter()
        .flat_map(|a| a.diagnostics.iter().cloned())
        .collect();
    duplicate_names(files, &assessments, &mut diagnostics);
    (assessments, diagnostics)
}

/// Copilot's reading of every agent file of `catalog` (in `catalog.files()` order), with the
/// verdict on each agent Claude Code loads from it. Empty for a layout whose agents Copilot
/// does not load itself (plugins, marketplaces).
pub fn assess_catalog(catalog: &Catalog) -> Vec<Assessment> {
    if !reads_layout(catalog.layout) {
        return Vec::new();
    }
    assess_files(&catalog.files, &catalog.agents).0
}

/// Whether Copilot loads the agent files of a catalog of this layout itself (a project's
/// `.claude/agents`, or a folder laid out as one).
pub(crate) fn reads_layout(layout: crate::config::Layout) -> bool {
    matches!(
        layout,
        crate::config::Layout::Agents | crate::config::Layout::Claude
    )
}

/// One agent written for Copilot: `.github/agents/<file_stem>.agent.md`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopilotExport {
    /// The file name without `.agent.md`: the qualified name, `:` written `-`.
    pub file_stem: String,
    /// `name`.
    pub name: String,
    /// `description`.
    pub description: String,
    /// `tools` in Copilot's names, in order, once each (`None`: every tool).
    pub tools: Option<Vec<String>>,
    /// The prompt.
    pub prompt: String,
}

/// Copilot's name for one of Claude Code's tool entries: its alias table, `Agent(x)` and
/// `Bash(…)` as the tool without the restriction, `mcp__server__tool` as `server/tool` and
/// `mcp__server` as `server/*`; `None` for a tool Copilot has no equivalent of.
pub fn copilot_tool(tool: &str) -> Option<String> {
    if let Some(rest) = tool.strip_prefix("mcp__") {
        return Some(match rest.split_once("__") {
            Some((server, name)) => format!("{server}/{name}"),
            None => format!("{rest}/*"),
        });
    }
    let base = tool.split_once('(').map_or(tool, |(base, _)| base).trim();
    let base = if base == "Agent" { "agent" } else { base };
    table::tool_alias(base).map(|a| a.copilot.to_owned())
}

/// The Copilot export of `catalog`'s agent `index`: what is written, the verdict, and a
/// diagnostic for every loss at its source field.
pub fn translate(catalog: &Catalog, index: usize) -> (CopilotExport, Verdict, Vec<Diagnostic>) {
    let agent = &catalog.agents[index];
    let file = &catalog.files[agent.file];
    let path = file.path();
    let mut diagnostics = Vec::new();
    let mut lost = Vec::new();
    let mut cannot = None;
    let tools = file.effective_tools().map(|entries| {
        export_tools(
            agent,
            file,
            &entries,
            &mut lost,
            &mut cannot,
            &mut diagnostics,
        )
    });
    if let Some(model) = &file.model {
        lost.push("model".to_owned());
        diagnostics.push(
            Diagnostic::new(
                Code::CopilotModel,
                path,
                format!(
                    "the Copilot export leaves out `model: {}`: Copilot's default model applies",
                    model.value
                ),
            )
            .at(model.span.clone()),
        );
    }
    for key in ignored_keys(file) {
        diagnostics.push(ignored_field(path, &key, key_span(file, &key)));
        lost.push(key);
    }
    let export = CopilotExport {
        file_stem: agent.qualified_name.replace(':', "-"),
        name: agent.name.clone(),
        description: file
            .description
            .as_ref()
            .map(|d| d.value.clone())
            .unwrap_or_default(),
        tools,
        prompt: file.prompt().to_owned(),
    };
    let verdict = match cannot {
        Some(reason) => Verdict::CannotTake(reason),
        None => Verdict::losing(lost),
    };
    (export, verdict, diagnostics)
}

/// The export's `tools`: Copilot's names for `entries` (the agent's effective tools), each once,
/// in order; each loss a diagnostic in `diagnostics` and `tools` in `lost`; `cannot` set when
/// the agent depends on a tool Copilot has no equivalent for
/// ([`depends`](super::depends): `copilot-unmapped-tool`).
fn export_tools(
    agent: &Agent,
    file: &AgentFile,
    entries: &[&str],
    lost: &mut Vec<String>,
    cannot: &mut Option<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let path = file.path();
    let mut out: Vec<String> = Vec::new();
    // Entries with no Copilot equivalent, and whether Claude Code runs them.
    let mut unmapped: Vec<(&str, bool)> = Vec::new();
    for (i, entry) in entries.iter().copied().enumerate() {
        let Some(tool) = copilot_tool(entry) else {
            unmapped.push((entry, claude_code_runs(agent, i)));
            continue;
        };
        if entry.contains('(') {
            lost.push("tools".to_owned());
            diagnostics.push(
                Diagnostic::new(
                    Code::CopilotIgnoresTool,
                    path,
                    format!("the Copilot export writes `{entry}` as `{tool}`: {RUNTIME} has no restriction in parentheses"),
                )
                .at(tool_span(file, entry)),
            );
        }
        if !out.contains(&tool) {
            out.push(tool);
        }
    }
    let none_left = out.is_empty() && unmapped.iter().any(|(_, runs)| *runs);
    for (entry, runs) in unmapped {
        lost.push("tools".to_owned());
        let base = entry.split_once('(').map_or(entry, |(base, _)| base).trim();
        let depends = runs
            .then(|| dependence(file.prompt(), base, none_left))
            .flatten();
        let Some(depends) = depends else {
            diagnostics.push(
                Diagnostic::new(
                    Code::CopilotIgnoresTool,
                    path,
                    format!(
                        "the Copilot export drops the tool `{entry}`: {RUNTIME} has no equivalent"
                    ),
                )
                .at(tool_span(file, entry))
                .note(format!(
                    "Copilot's tools and aliases: {}",
                    table::ALIAS_SOURCE
                )),
            );
            continue;
        };
        cannot.get_or_insert_with(|| {
            format!("it depends on `{base}`, which {RUNTIME} has no equivalent for")
        });
        diagnostics.push(
            Diagnostic::new(
                Code::CopilotUnmappedTool,
                path,
                format!(
                    "this agent depends on `{base}` ({}), and {RUNTIME} has no equivalent: its meaning does not survive the Copilot export",
                    depends.why()
                ),
            )
            .at(tool_span(file, entry))
            .label("not in Copilot")
            .note(format!("Copilot's tools and aliases: {}", table::ALIAS_SOURCE))
            .help("to export it without the tool, allow the lint: `copilot-unmapped-tool = \"allow\"` under `[lints]` in agentgen.toml (the build reads it too), or `-A copilot-unmapped-tool` on the command line"),
        );
    }
    out
}

/// Whether Claude Code runs the agent's `index`-th effective tool: not an entry it cannot
/// resolve nor a retired name (entries past the `tools` list are the tools `memory` adds).
fn claude_code_runs(agent: &Agent, index: usize) -> bool {
    match agent.tools.as_ref().and_then(|tools| tools.get(index)) {
        Some(ResolvedTool::Invalid) => false,
        Some(ResolvedTool::BuiltIn(info) | ResolvedTool::Rule { tool: info, .. }) => info.runs(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<CopilotAgent, Skip> {
        let file = crate::read::read_agent("agents/x.md", text.as_bytes());
        read_file(&file)
    }

    #[test]
    fn reads_as_the_probe_answered() {
        let agent =
            read("---\ndescription: d\ntools: Read,, bash , Agent(x)\nmodel: [a, b]\n---\nP\n")
                .expect("listed");
        assert_eq!(agent.name, "x");
        assert_eq!(agent.tools, ["Read", "bash", "Agent(x)"]);
        assert_eq!(agent.model.as_deref(), Some("a"));
        assert_eq!(agent.models, ["a", "b"]);
        let agent = read("---\nname: \"  n  \"\ndescription: >\n  a\n  b\n---\n").expect("listed");
        assert_eq!(
            (agent.name.as_str(), agent.description.as_str()),
            ("  n  ", "a b")
        );
        assert_eq!(agent.tools, ["*"]);
    }

    #[test]
    fn reads_quoted_lines_indented_less_than_their_key_as_copilot_does() {
        let agent = read(
            "---\nname: q\ndescription: d\nmetadata:\n  k: 'a\nb'\nmodel: \"x\n\n  y\nz\"\n---\n",
        )
        .expect("listed");
        assert_eq!(agent.models, ["x\ny z"]);
        let skip =
            read("---\nname: q\ndescription: \"a\nb\"\ntools: 5\n---\n").expect_err("skipped");
        let span = skip.span.expect("placed");
        assert_eq!((span.line, span.column), (5, 8), "{}", skip.reason);
    }

    #[test]
    fn skips_what_the_probe_did_not_list() {
        for text in [
            "---\nname: a\ndescription: x: y: z\n---\n",
            "---\nname: a\n---\n",
            "---\nname: a\ndescription: 42\n---\n",
            "---\nname: 123\ndescription: d\n---\n",
            "---\nname: a\ndescription: d\ndescription: e\n---\n",
            "---\nname: a\ndescription: d\nmodel: 5\n---\n",
            "---\nname: a\ndescription: d\nmodel: []\n---\n",
            "---\nname: a\ndescription: d\ntools: [Read, 5]\n---\n",
            "---\nname: a\ndescription: d\ntools:\n---\n",
            "---\nname: a\ndescription: d\nuser-invocable: \"no\"\n---\n",
            "---\nname: a\ndescription: d\nmcp-servers: 5\n---\n",
            "\n---\nname: a\ndescription: d\n---\n",
            "---\nname: a\ndescription: d\n",
        ] {
            assert!(read(text).is_err(), "{text:?} is listed");
        }
        assert!(read("---\nname: a\ndescription: d\nmetadata: 5\n---").is_ok());
    }

    /// The `copilot-…` codes a catalog of these files gets, with or without the target.
    fn codes(files: &[(&str, &str)], target: bool) -> Vec<(String, String, usize)> {
        let files = files
            .iter()
            .map(|(path, text)| crate::read::read_agent(path, text.as_bytes()))
            .collect();
        let mut config = crate::Config::default();
        if target {
            config.add_target(crate::config::Target::Copilot);
        }
        let catalog =
            crate::catalog::compile(crate::catalog::Input::files("agents", files), config);
        catalog
            .diagnostics()
            .iter()
            .filter(|d| d.code.as_str().starts_with("copilot-"))
            .map(|d| {
                (
                    d.code.as_str().to_owned(),
                    d.file.clone(),
                    d.span.as_ref().map_or(0, |s| s.line),
                )
            })
            .collect()
    }

    #[test]
    fn the_catalog_reports_copilot_differences_only_when_asked() {
        let files = [
            (
                "agents/a.md",
                "---\nname: a\ndescription: x: y: z\n---\nP\n",
            ),
            (
                "agents/b.md",
                "---\nname: b\ndescription: d\ntools: Read, LS\nmodel: sonnet\ncolor: red\n---\nP\n",
            ),
            ("agents/c.md", "---\nname: c\ndescription: d\n---\nP\n"),
        ];
        assert!(codes(&files, false).is_empty());
        let found = codes(&files, true);
        let expected = [
            ("copilot-skips-file", "agents/a.md", 3),
            ("copilot-ignores-tool", "agents/b.md", 4),
            ("copilot-model", "agents/b.md", 5),
            ("copilot-ignores-field", "agents/b.md", 6),
        ];
        let expected: Vec<(String, String, usize)> = expected
            .iter()
            .map(|(c, f, l)| ((*c).to_owned(), (*f).to_owned(), *l))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn the_export_cannot_take_an_agent_that_depends_on_a_tool_copilot_lacks() {
        let files = [
            "---\nname: a\ndescription: d\ntools: Read, Skill\n---\nUse the Skill tool.\n",
            "---\nname: b\ndescription: d\ntools: Read, Skill\n---\nRead.\n",
        ]
        .iter()
        .enumerate()
        .map(|(i, text)| crate::read::read_agent(&format!("agents/{i}.md"), text.as_bytes()))
        .collect();
        let catalog = crate::catalog::compile(
            crate::catalog::Input::files("agents", files),
            crate::Config::default(),
        );
        let (_, verdict, found) = translate(&catalog, 0);
        assert!(matches!(verdict, Verdict::CannotTake(ref r) if r.contains("`Skill`")));
        let codes: Vec<Code> = found.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::CopilotUnmappedTool]);
        assert_eq!(
            found[0].span.as_ref().map(|s| (s.line, s.column)),
            Some((4, 14))
        );
        let (_, verdict, found) = translate(&catalog, 1);
        assert_eq!(verdict, Verdict::LosesFields(vec!["tools".to_owned()]));
        assert_eq!(found[0].code, Code::CopilotIgnoresTool);
    }

    #[test]
    fn maps_claude_code_tools_to_copilot_names() {
        assert_eq!(copilot_tool("Bash(git:*)").as_deref(), Some("execute"));
        assert_eq!(copilot_tool("Agent(reviewer)").as_deref(), Some("agent"));
        assert_eq!(
            copilot_tool("mcp__github__get_issue").as_deref(),
            Some("github/get_issue")
        );
        assert_eq!(copilot_tool("mcp__github").as_deref(), Some("github/*"));
        assert_eq!(copilot_tool("LS"), None);
    }
}
