//! Agents whose file is broken: Claude Code skips or rejects the file, but its name can be read.
//!
//! Such an agent keeps its place in the catalog so that one broken file gives one error, at the
//! file: references to it (`Agent(x)`, `collaborators`, `dependencies`, `observer`, a skill's
//! `agent`, the prompts) resolve to it instead of each reporting an unknown agent, and the
//! generated code keeps its enum variant and constant (the build fails anyway, on the file's
//! error), so that code using them gets no rustc error of its own. The file's error says once
//! that Claude Code does not have the agent, and which files name it.
//!
//! The name is the one Claude Code would give the agent: `name` when the frontmatter parsed
//! (a file rejected for its description or hooks), else the `name:` line of frontmatter that
//! neither strict YAML nor Claude Code's fallback reads, or that Claude Code does not find
//! (blank lines before its `---`), read leniently. Claude Code never names
//! a `.claude/agents` file after its file name (CLAUDE-CODE-RULES.md §4), so a file without a
//! readable `name` line has no place. Plugin agents are not concerned: Claude Code loads a
//! plugin agent whose frontmatter does not parse, named after its file.

use std::collections::{BTreeMap, BTreeSet};

use super::{Agent, AgentNames, local_name, qualified_name};
use crate::diagnostic::{Code, Diagnostic};
use crate::read::{AgentFile, Spanned, Status, YamlStatus};

/// An agent whose file is broken, with where its file's error is in the catalog's diagnostics.
pub(super) struct BrokenAgent {
    /// The agent (no tools, collaborators or references: Claude Code does not load it).
    pub agent: Agent,
    /// Index of its file's error in the diagnostics.
    pub error: Option<usize>,
}

/// The codes of the errors that make Claude Code skip or reject a file, the first of which
/// carries what this module says about the file.
const NOT_LOADED_CODES: &[Code] = &[
    Code::InvalidFrontmatter,
    Code::NoFrontmatter,
    Code::MissingName,
    Code::InvalidName,
    Code::MissingDescription,
    Code::InvalidHooks,
];

/// Names the agents of the broken files of `files` that no loaded agent already names
/// (`loaded`: the naming keys of the loaded agents, with the file each comes from), sorted by
/// qualified name. A broken file whose name a loaded agent has, or a later broken file has,
/// gets a note saying so. `placements`: each file's pack or plugin and namespace.
pub(super) fn name_broken_agents(
    files: &[AgentFile],
    placements: &[(Option<String>, Vec<String>)],
    loaded: &BTreeMap<(Option<String>, String), usize>,
    diagnostics: &mut [Diagnostic],
) -> Vec<BrokenAgent> {
    // The last file (in path order) with a name wins it, as among loaded files.
    let mut by_key: BTreeMap<(Option<String>, String), (usize, Spanned<String>)> = BTreeMap::new();
    for (index, file) in files.iter().enumerate() {
        let Some(name) = broken_agent_name(file) else {
            continue;
        };
        let (pack, namespace) = &placements[index];
        let key = (pack.clone(), local_name(namespace, &name.value));
        let error = file_error(file, diagnostics);
        if let Some(&winner) = loaded.get(&key) {
            if let Some(error) = error {
                diagnostics[error].notes = vec![format!(
                    "Claude Code {} this file; the agent `{}` comes from {}",
                    verb(file),
                    name.value,
                    files[winner].path()
                )];
            }
            continue;
        }
        if let Some((earlier, _)) = by_key.insert(key, (index, name.clone()))
            && let Some(error) = file_error(&files[earlier], diagnostics)
        {
            say_not_loaded(&mut diagnostics[error], &files[earlier], &name.value);
        }
    }
    let mut broken: Vec<BrokenAgent> = by_key
        .into_iter()
        .map(|((pack, local_name), (index, name))| {
            let qualified_name = qualified_name(pack.as_deref(), &local_name);
            let (variant, constant) =
                crate::naming::agent_identifiers(pack.as_deref(), &local_name);
            let error = file_error(&files[index], diagnostics);
            if let Some(error) = error {
                say_not_loaded(&mut diagnostics[error], &files[index], &name.value);
            }
            BrokenAgent {
                agent: Agent::named(AgentNames {
                    file: index,
                    pack,
                    name: name.value,
                    qualified_name,
                    variant,
                    constant,
                    namespace: placements[index].1.clone(),
                }),
                error,
            }
        })
        .collect();
    broken.sort_by(|a, b| a.agent.qualified_name.cmp(&b.agent.qualified_name));
    broken
}

/// Adds to the error of each broken agent's file the files that name the agent
/// (`referrers`: broken agent index and referring file, in any order, repeats allowed).
pub(super) fn name_referrers(
    broken: &[BrokenAgent],
    referrers: Vec<(usize, String)>,
    diagnostics: &mut [Diagnostic],
) {
    let mut by_agent: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for (index, path) in referrers {
        by_agent.entry(index).or_default().insert(path);
    }
    for (index, paths) in by_agent {
        let Some(error) = broken.get(index).and_then(|b| b.error) else {
            continue;
        };
        let paths: Vec<String> = paths.into_iter().collect();
        let (verb, pronoun) = if paths.len() == 1 {
            ("names", "it refers")
        } else {
            ("name", "they refer")
        };
        diagnostics[error].notes.push(format!(
            "{} {verb} this agent: in Claude Code {pronoun} to no agent until this file is fixed",
            paths.join(", ")
        ));
    }
}

/// The name Claude Code would give the agent of a file it skips or rejects for an error: `name`
/// when it was read and is one Claude Code accepts, else the `name:` line of frontmatter that
/// does not parse. `None` for a loaded file, a file without an error, or no readable name.
pub(super) fn broken_agent_name(file: &AgentFile) -> Option<Spanned<String>> {
    if !matches!(file.status, Status::SkippedSilently | Status::Rejected)
        || !file.diagnostics.iter().any(Diagnostic::is_error)
    {
        return None;
    }
    let name = match &file.name {
        Some(name) => name.clone(),
        None if matches!(file.yaml, YamlStatus::Failed | YamlStatus::NoFrontmatter) => {
            lenient_name_line(file)?
        }
        None => return None,
    };
    AgentFile::is_loadable_name(&name.value).then_some(name)
}

/// The value of the last `name:` line at column 0 of the frontmatter block, read without YAML:
/// a plain value (up to a ` #` comment) or one quoted with `"` or `'` without escapes. `None`
/// when there is no such line or its value is empty or not a plain name (`[`, `{`, `&`, `*`,
/// `!`, `|`, `>`, `%`, `@`, a backtick, `: ` inside).
fn lenient_name_line(file: &AgentFile) -> Option<Spanned<String>> {
    let text = &file.source.text;
    // A frontmatter block after blank lines or spaces (`no-frontmatter`: Claude Code finds
    // none) is read from its opening `---`.
    let skipped = text.len()
        - text
            .trim_start_matches([' ', '\t', '\r', '\n', '\u{feff}'])
            .len();
    let blocks = crate::frontmatter::split(&text[skipped..]).ok()?;
    let mut found = None;
    let mut line_start = skipped + blocks.yaml_offset;
    for line in blocks.yaml.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let Some(rest) = line.strip_prefix("name:") else {
            continue;
        };
        let rest = rest.trim_end_matches(['\n', '\r']);
        if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
            continue; // `name:x` is a plain scalar, not the key `name`
        }
        let value = rest.trim_start_matches([' ', '\t']);
        let value_start = start + "name:".len() + (rest.len() - value.len());
        found = plain_or_quoted(value).map(|(name, offset, len)| {
            let bytes = value_start + offset..value_start + offset + len;
            let loc = file.source.span(bytes);
            Spanned {
                value: name.to_owned(),
                span: Some(loc),
            }
        });
    }
    found
}

/// The name a `name:` value holds, with its offset and length in `value`.
fn plain_or_quoted(value: &str) -> Option<(&str, usize, usize)> {
    for quote in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(quote) {
            let end = inner.find(quote)?;
            let name = &inner[..end];
            let after = inner[end + 1..].trim_start_matches([' ', '\t']);
            let clean = !name.contains('\\') && (after.is_empty() || after.starts_with('#'));
            return (clean && !name.is_empty()).then_some((name, 1, name.len()));
        }
    }
    let plain = match value.find(" #").or_else(|| value.find("\t#")) {
        Some(at) => &value[..at],
        None => value,
    };
    let plain = plain.trim_end_matches([' ', '\t']);
    let special = plain.starts_with(['[', '{', '&', '*', '!', '|', '>', '%', '@', '`', '#'])
        || plain.contains(": ")
        || plain.ends_with(':');
    (!plain.is_empty() && !special).then_some((plain, 0, plain.len()))
}

/// Index in `diagnostics` of the error that makes Claude Code skip or reject `file`.
fn file_error(file: &AgentFile, diagnostics: &[Diagnostic]) -> Option<usize> {
    let path = file.path();
    let of_file = |d: &&Diagnostic| d.file == path && d.is_error();
    NOT_LOADED_CODES
        .iter()
        .find_map(|code| {
            diagnostics
                .iter()
                .position(|d| of_file(&d) && d.code == *code)
        })
        .or_else(|| diagnostics.iter().position(|d| of_file(&d)))
}

/// Says at the file's error that Claude Code does not have the agent `name`: in the reader's
/// note when it says so without the name, else in a note of its own.
fn say_not_loaded(error: &mut Diagnostic, file: &AgentFile, name: &str) {
    let named = format!("the agent `{name}` does not exist for it");
    if error.notes.iter().any(|n| n.contains(&named)) {
        return;
    }
    if let Some(note) = error
        .notes
        .iter_mut()
        .find(|n| n.contains("the agent does not exist"))
    {
        *note = note.replace("the agent does not exist", &named);
    } else if !error
        .notes
        .iter()
        .any(|n| n.contains("does not load the agent"))
    {
        error
            .notes
            .push(format!("Claude Code {} this file: {named}", verb(file)));
    }
}

/// What Claude Code does with a file it does not load: `skips` or `rejects`.
fn verb(file: &AgentFile) -> &'static str {
    if file.status == Status::Rejected {
        "rejects"
    } else {
        "skips"
    }
}
