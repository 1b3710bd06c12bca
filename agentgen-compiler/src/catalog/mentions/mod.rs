//! Agent references in the prompt body: the agents a prompt names (mentions) and the names it
//! writes as an agent's that no agent of the catalog has (unresolved references, the
//! `unknown-agent-in-prompt` lint).
//!
//! Claude Code hands the prompt to the model as written. When it tells the model to "hand off to
//! the `api-designer` agent" and no such agent exists, the model calls the Agent tool with a
//! `subagent_type` that fails, or quietly does the work itself. Frontmatter references
//! (`Agent(x)` in `tools`, `dependencies`, `collaborators`) are checked as errors elsewhere
//! (`unknown-collaborator`); prose is heuristic, so this is a lint, a warning by default.
//!
//! Three parts, one file each: [`markdown`] reads the Markdown structure line by line (code
//! blocks, headings, list items, tables, code spans, sections about agents), [`forms`] finds
//! the candidates from syntax (in the forms of [`ReferenceForm`]), and [`resolve`] resolves
//! them with the rules of frontmatter references (`pack:name`, the same pack, declared external
//! agents, Claude Code's built-in agents) and finds near misses.

mod cache;
mod document;
mod forms;
mod markdown;
mod phrases;
mod resolve;
mod words;

use std::sync::Arc;

use super::parallel::par_map;
use super::{Agent, AgentTarget};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::read::AgentFile;

use cache::CachedPrompt;
pub(in crate::catalog) use cache::Known;
pub use cache::ScanCache;
use document::{Document, Finders};
use resolve::{NameIndex, Resolution};

/// How a prompt writes an agent reference. The string forms (`as_str`) appear in `inspect`
/// JSON and `agentgen graph --format json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReferenceForm {
    /// `subagent_type: "x"` or `subagent_type="x"`: the Agent tool's parameter, in prose or in a
    /// code block.
    SubagentType,
    /// `Agent(x)` or `Task(x, y)`, in prose or in a code block.
    AgentTool,
    /// `@x`, `@agent-x` (Claude Code's mention syntax, read as the agent `x`), `@"x (agent)"`.
    AtMention,
    /// `the x agent`, `x subagent`, `x Agent との連携`, `x 代理`, `x エージェント`.
    AgentWord,
    /// A name of three or more words starting with `agent-`: `agent-qa-engineer` (resolved as
    /// written, else without `agent-`).
    AgentPrefix,
    /// The object of a collaboration phrase: `collaborate with x`, `delegate to x`, `invoke x`,
    /// `与 x 协作`, `通知 x`, `x との連携`.
    Collaboration,
    /// A list item in a section about agents (under a heading or a lead-in line about agents,
    /// collaboration, hand-off or delegation: `Integration with other agents:`, `与其他代理的集成：`,
    /// `## 直接連携`).
    ListItem,
    /// A table cell in a column about agents (`| Task | Agent |`), or a whole cell in a section
    /// about agents.
    TableCell,
    /// A name in bold in running text: `Let **context-manager** decide` (not the term of a
    /// definition list outside a section about agents, `- **bats-core**: …`).
    BoldName,
    /// A token equal to an agent's name (two or more words: `code-reviewer`), anywhere in prose.
    Name,
    /// A token within edit distance 2 of an agent's name (`domain-modellerr`).
    NearMiss,
}

impl ReferenceForm {
    /// The stable kebab-case name of the form, e.g. `agent-word`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ReferenceForm::SubagentType => "subagent-type",
            ReferenceForm::AgentTool => "agent-tool",
            ReferenceForm::AtMention => "at-mention",
            ReferenceForm::AgentWord => "agent-word",
            ReferenceForm::AgentPrefix => "agent-prefix",
            ReferenceForm::Collaboration => "collaboration",
            ReferenceForm::ListItem => "list-item",
            ReferenceForm::TableCell => "table-cell",
            ReferenceForm::BoldName => "bold-name",
            ReferenceForm::Name => "name",
            ReferenceForm::NearMiss => "near-miss",
        }
    }

    /// Why a token in this form is read as an agent's name (the label under the caret).
    fn why(self) -> &'static str {
        match self {
            ReferenceForm::SubagentType => "the Agent tool's `subagent_type`",
            ReferenceForm::AgentTool => "an agent for the Agent tool to start",
            ReferenceForm::AtMention => "an `@` mention of an agent",
            ReferenceForm::AgentWord => "written as an agent",
            ReferenceForm::AgentPrefix => "an `agent-…` name",
            ReferenceForm::Collaboration => "named as a collaborator",
            ReferenceForm::ListItem => "a list item in a section about agents",
            ReferenceForm::TableCell => "a table cell about agents",
            ReferenceForm::BoldName => "a name in bold",
            ReferenceForm::Name => "the name of an agent of another plugin or pack",
            ReferenceForm::NearMiss => "close to an agent's name",
        }
    }
}

/// One agent reference in a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromptReference {
    /// The name as written (for `@agent-x`, `x`; for `@x`, without the `@`).
    pub written: String,
    /// Where it is in the agent file: 1-based line and column (in characters), byte range.
    pub span: Span,
    /// How it is written.
    pub form: ReferenceForm,
    /// The agent it names; `None` for an unresolved reference.
    pub target: Option<AgentTarget>,
    /// For an unresolved reference, the agents it may have meant, as they would be written from
    /// this agent (`domain-modeller`, `ddd:domain-modeller` from another pack).
    pub suggestions: Vec<String>,
}

impl PromptReference {
    /// Whether the reference names no agent.
    pub fn is_unresolved(&self) -> bool {
        self.target.is_none()
    }
}

/// What the scan of one prompt found.
#[derive(Debug, Default)]
pub(super) struct PromptScan {
    /// Agents of the catalog mentioned, in order of first mention, without duplicates and
    /// without the agent itself (indexes into the catalog's agents).
    pub mentions: Vec<usize>,
    /// External agents mentioned (declared ones, Claude Code's built-in ones), in order of first
    /// mention, without duplicates.
    pub external_mentions: Vec<String>,
    /// Every reference, resolved or not, in text order.
    pub references: Vec<PromptReference>,
}

/// What the scan of every prompt of a catalog shares: the catalog's names and the byte
/// searches.
pub(in crate::catalog) struct Scanner<'a> {
    names: NameIndex<'a>,
    finders: Finders,
    /// How many of the names are loaded agents; the rest are broken agents
    /// ([`AgentTarget::Broken`]).
    live_agents: usize,
    /// What the catalog's namespaces are called in messages: `plugin` (layouts `plugin`,
    /// `plugins`, `marketplace`) or `pack`.
    pub(in crate::catalog) namespace_word: &'static str,
}

impl<'a> Scanner<'a> {
    /// A scanner for a catalog of `agents` (`(pack, name)` by index) compiled with `config`:
    /// the first `live_agents` are loaded agents, the others broken agents, in the order of
    /// [`Catalog::broken_agents`](crate::catalog::Catalog::broken_agents).
    /// `namespaced`: agent names have a namespace (`pack:name`, `plugin:name`).
    pub(in crate::catalog) fn new(
        config: &'a crate::config::Config,
        agents: &'a [(Option<String>, String)],
        live_agents: usize,
        namespaced: bool,
    ) -> Self {
        Scanner {
            names: NameIndex::new(config, agents, namespaced),
            finders: Finders::new(),
            live_agents,
            namespace_word: "pack",
        }
    }
}

/// The Markdown structure of the prompts of a catalog's files, read before the catalog's names
/// are known (it depends on the text alone), so that it can be read while the agents are named.
/// A prompt written the same in several files (a marketplace's plugins carry copies of one
/// agent) is read once; a prompt the [`ScanCache`] holds is not read.
pub(in crate::catalog) struct PromptDocuments<'a> {
    /// For each file, the first file whose prompt is the same text (itself if none before).
    first: Vec<usize>,
    /// For each file that is its own first, its prompt as read (`None` for the others).
    documents: Vec<Option<Prompt<'a>>>,
}

/// A distinct prompt: read, or found in the cache.
enum Prompt<'a> {
    Read(Document<'a>),
    Cached(Arc<CachedPrompt>),
}

impl<'a> PromptDocuments<'a> {
    /// Reads the prompts of `files` at `eligible` (the agents' files, in order) that `known`
    /// does not hold, on every core with the `parallel` feature.
    pub(in crate::catalog) fn read(
        files: &'a [AgentFile],
        eligible: &[usize],
        known: &Known,
    ) -> Self {
        let prompts: Vec<&str> = eligible.iter().map(|&i| prompt_of(&files[i])).collect();
        let mut first: Vec<usize> = (0..files.len()).collect();
        for (k, first_k) in first_of_equal(&prompts).into_iter().enumerate() {
            first[eligible[k]] = eligible[first_k];
        }
        let finders = Finders::new();
        let read = par_map(eligible, |k, &index| {
            let prompt = prompts[k];
            (first[index] == index && !prompt.is_empty()).then(|| match known.get(prompt) {
                Some(cached) => Prompt::Cached(Arc::clone(cached)),
                None => Prompt::Read(Document::new(prompt, &finders)),
            })
        });
        let mut documents: Vec<Option<Prompt<'a>>> = (0..files.len()).map(|_| None).collect();
        for (&index, prompt) in eligible.iter().zip(read) {
            documents[index] = prompt;
        }
        PromptDocuments { first, documents }
    }
}

/// Scans the prompts of a catalog's `agents` (their files in `files`, their Markdown read in
/// `documents`), on every core with the `parallel` feature: for each agent, in order, what
/// [`scan_prompt`] gives and the diagnostics it adds. A prompt written the same in several files
/// is scanned once: what the text holds does not depend on the file; resolving it does (the
/// pack, the agent itself, the places), and is done for each. With a `cache`, a prompt whose
/// candidates it holds for these names is not scanned, and the cache keeps this scan's prompts.
#[inline(never)] // One place for profiles to find the scan's cost (BENCHMARKS.md §5).
pub(super) fn scan_prompts(
    agents: &[Agent],
    files: &[AgentFile],
    documents: &PromptDocuments<'_>,
    scanner: &Scanner<'_>,
    cache: Option<&ScanCache>,
) -> Vec<(PromptScan, Vec<Diagnostic>)> {
    // The distinct prompts of the agents, by their first file, in agent order.
    let mut slot = vec![usize::MAX; files.len()];
    let mut distinct: Vec<usize> = Vec::new();
    for agent in agents {
        let first = documents.first[agent.file];
        if slot[first] == usize::MAX {
            slot[first] = distinct.len();
            distinct.push(first);
        }
    }
    let generation = cache.map_or(0, |cache| cache.generation_of(scanner.names.key()));
    let found: Vec<Arc<Vec<forms::Candidate>>> =
        par_map(&distinct, |_, &file| match &documents.documents[file] {
            Some(Prompt::Cached(cached)) if cached.holds_for(generation) => {
                Arc::clone(&cached.candidates)
            }
            Some(Prompt::Read(document)) => Arc::new(forms::candidates(
                document,
                &scanner.finders,
                &scanner.names,
            )),
            // Cached for other names: read again.
            Some(Prompt::Cached(_)) => {
                Arc::new(prompt_candidates(prompt_of(&files[file]), scanner))
            }
            None => Arc::default(),
        });
    if let Some(cache) = cache {
        cache.store(distinct.iter().zip(&found).map(
            |(&file, candidates)| match &documents.documents[file] {
                Some(Prompt::Cached(cached)) if cached.holds_for(generation) => Arc::clone(cached),
                _ => CachedPrompt::new(prompt_of(&files[file]), generation, Arc::clone(candidates)),
            },
        ));
    }
    par_map(agents, |index, agent| {
        let mut diagnostics = Vec::new();
        let file = &files[agent.file];
        let candidates = &found[slot[documents.first[agent.file]]];
        let scan = resolve_prompt(
            Some(index),
            agent,
            file,
            scanner,
            candidates,
            &mut diagnostics,
        );
        (scan, diagnostics)
    })
}

/// For each of `texts`, the index of the first text equal to it (its own index if none before
/// is). Only texts of the same length are compared, each with at most [`SAME_LENGTH_COMPARED`]
/// different texts of its length (beyond them a text counts as new: still right, less shared).
fn first_of_equal(texts: &[&str]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..texts.len()).collect();
    order.sort_unstable_by_key(|&i| (texts[i].len(), i));
    let mut first: Vec<usize> = (0..texts.len()).collect();
    let mut run_start = 0;
    for (k, &index) in order.iter().enumerate() {
        if k > 0 && texts[order[k - 1]].len() != texts[index].len() {
            run_start = k;
        }
        // The earlier texts of this length that are their own first, in order of index.
        let same = order[run_start..k]
            .iter()
            .filter(|&&j| first[j] == j)
            .take(SAME_LENGTH_COMPARED)
            .find(|&&j| texts[j] == texts[index]);
        if let Some(&j) = same {
            first[index] = j;
        }
    }
    first
}

/// How many different texts of the same length a text is compared with.
const SAME_LENGTH_COMPARED: usize = 8;

/// The prompt of an agent file (empty if its range is not in the text).
fn prompt_of(file: &AgentFile) -> &str {
    file.source
        .text
        .get(file.prompt_range.clone())
        .unwrap_or("")
}

/// The candidates of a prompt: what its text alone holds.
fn prompt_candidates(prompt: &str, scanner: &Scanner<'_>) -> Vec<forms::Candidate> {
    if prompt.is_empty() {
        return Vec::new();
    }
    let document = Document::new(prompt, &scanner.finders);
    forms::candidates(&document, &scanner.finders, &scanner.names)
}

/// Scans the prompt of `agent` (at `self_index` in the catalog), resolving what it finds and
/// reporting unresolved references as `unknown-agent-in-prompt` diagnostics.
pub(super) fn scan_prompt(
    self_index: Option<usize>,
    agent: &Agent,
    file: &AgentFile,
    scanner: &Scanner<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> PromptScan {
    let candidates = prompt_candidates(prompt_of(file), scanner);
    resolve_prompt(self_index, agent, file, scanner, &candidates, diagnostics)
}

/// Resolves the `candidates` of the prompt of `agent` (at `self_index` in the catalog),
/// reporting unresolved references as `unknown-agent-in-prompt` diagnostics.
fn resolve_prompt(
    self_index: Option<usize>,
    agent: &Agent,
    file: &AgentFile,
    scanner: &Scanner<'_>,
    candidates: &[forms::Candidate],
    diagnostics: &mut Vec<Diagnostic>,
) -> PromptScan {
    let names = &scanner.names;
    let mut scan = PromptScan::default();
    let prompt = prompt_of(file);
    if candidates.is_empty() {
        return scan;
    }
    let offset = file.prompt_range.start;
    let pack = agent.pack.as_deref();
    // The prompt's start is placed by `SourceFile::location`; places after it count the line
    // feeds from there: the candidates come in text order, so each is counted once.
    let start = file.source.span(offset..offset);
    let mut counted = (0usize, 0usize);
    let mut location = |candidate: &forms::Candidate| {
        let (counted_to, lines) = &mut counted;
        *lines += memchr::memchr_iter(b'\n', &prompt.as_bytes()[*counted_to..candidate.line_start])
            .count();
        *counted_to = candidate.line_start;
        let before = &prompt[candidate.line_start..candidate.bytes.start];
        let first_column = if *lines == 0 { start.column } else { 1 };
        Span {
            line: start.line + *lines,
            column: first_column + before.chars().count(),
            bytes: offset + candidate.bytes.start..offset + candidate.bytes.end,
        }
    };
    // Unresolved names in order of first place: one diagnostic each, at the first place.
    let mut unresolved: Vec<(String, Vec<usize>)> = Vec::new();
    for candidate in candidates {
        let resolution = names.resolve(pack, prompt, candidate);
        let (target, form, suggestions) = match resolution {
            Resolution::Nothing => continue,
            Resolution::Agent(index) if Some(index) == self_index => continue,
            // An agent whose file is broken: its file's error says so, once.
            Resolution::Agent(index) if index >= scanner.live_agents => (
                Some(AgentTarget::Broken(index - scanner.live_agents)),
                candidate.form,
                Vec::new(),
            ),
            Resolution::Agent(index) => (
                Some(AgentTarget::Catalog(index)),
                candidate.form,
                Vec::new(),
            ),
            Resolution::External(name) => (
                Some(AgentTarget::External(name)),
                candidate.form,
                Vec::new(),
            ),
            Resolution::Unresolved { form, suggestions } => (None, form, suggestions),
        };
        let span = location(candidate);
        let written = prompt[candidate.name.clone()].to_owned();
        match &target {
            Some(AgentTarget::Catalog(index)) => {
                if !scan.mentions.contains(index) {
                    scan.mentions.push(*index);
                }
            }
            Some(AgentTarget::External(name)) => {
                if !scan.external_mentions.contains(name) {
                    scan.external_mentions.push(name.clone());
                }
            }
            Some(AgentTarget::Broken(_)) => {}
            None => {
                let place = scan.references.len();
                match unresolved.iter_mut().find(|(name, _)| *name == written) {
                    Some((_, places)) => places.push(place),
                    None => unresolved.push((written.clone(), vec![place])),
                }
            }
        }
        scan.references.push(PromptReference {
            written,
            span,
            form,
            target,
            suggestions,
        });
    }
    for (_, places) in unresolved {
        let first = &scan.references[places[0]];
        let others: Vec<&PromptReference> =
            places[1..].iter().map(|&i| &scan.references[i]).collect();
        diagnostics.push(unresolved_diagnostic(
            file,
            pack.map(|p| (scanner.namespace_word, p)),
            first,
            &others,
        ));
    }
    scan
}

/// The `unknown-agent-in-prompt` diagnostic for the first place of an unresolved name, with
/// the name's other places in the same prompt as a note.
fn unresolved_diagnostic(
    file: &AgentFile,
    pack: Option<(&str, &str)>,
    first: &PromptReference,
    others: &[&PromptReference],
) -> Diagnostic {
    let name = first.written.as_str();
    let scope = match pack {
        Some((word, pack)) => format!("{word} `{pack}`"),
        None => "this catalog".to_owned(),
    };
    let mut help = String::new();
    if !first.suggestions.is_empty() {
        let names: Vec<String> = first.suggestions.iter().map(|n| format!("`{n}`")).collect();
        help.push_str(&format!("did you mean {}? Otherwise ", names.join(" or ")));
    }
    help.push_str(&format!(
        "add an agent file named `{name}`, declare it under `[agents] external` in agentgen.toml, or allow the lint (`{} = \"allow\"` under `[lints]`)",
        Code::UnknownAgentInPrompt.as_str(),
    ));
    let mut diagnostic = Diagnostic::new(
        Code::UnknownAgentInPrompt,
        file.path(),
        format!("unknown agent `{name}` in the prompt: no agent of {scope} has this name"),
    )
    .at(Some(first.span.clone()))
    .label(first.form.why())
    .note("Claude Code hands the prompt to the model as written: the model may call the Agent tool with this name, which fails, or do the work itself");
    if !others.is_empty() {
        let places: Vec<String> = others
            .iter()
            .map(|r| format!("{}:{}", r.span.line, r.span.column))
            .collect();
        diagnostic = diagnostic.note(format!("also named at {}", places.join(", ")));
    }
    diagnostic.help(help)
}

#[cfg(test)]
mod tests;
