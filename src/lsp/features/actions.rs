//! `textDocument/codeAction`: quick fixes for the diagnostics at a range.
//!
//! The diagnostics are the catalog's (their `help` holds the fixes) in the document at the
//! range, and those the client sends that match one of them (same code and start); a client
//! diagnostic the catalog does not have is used when its `data` carries `{"help": "…"}`. Only
//! while the catalog read the text the document has at the diagnostic's place.
//!
//! - every suggestion of a help — `did you mean `Read`?` (`Reed` → `Read`), `write `Agent``
//!   (`Task(x)` → `Agent(x)`), `use `Edit`` (`MultiEdit` → `Edit`), `write `Agent(x)`` — as
//!   an edit of the name the message quotes;
//! - `agentgen fix` (quote a value, the whole rewrite of a frontmatter only Claude Code's
//!   fallback reads): `fix::fix_source` on the document's text;
//! - an unknown agent (or skill) declared external in agentgen.toml;
//! - a lint allowed, or denied, in agentgen.toml.
//!
//! The agentgen.toml edits change the catalog's file (`Catalog::config_source`) or create the
//! project's default one (`<root>/agentgen.toml`); each is checked to parse, with its effect,
//! before it is offered.

use crate::lsp::paths::uri_of;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use agentgen_compiler::fix::{FixOutcome, fix_source};
use agentgen_compiler::{Catalog, Code, Config};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CreateFile, CreateFileOptions,
    Diagnostic as LspDiagnostic, DocumentChangeOperation, DocumentChanges, NumberOrString, OneOf,
    OptionalVersionedTextDocumentIdentifier, Range as LspRange, ResourceOp, TextDocumentEdit,
    TextEdit, Uri, WorkspaceEdit,
};

use super::document::{find_name, is_path};
use crate::lsp::text::{offset_of, range_of};

/// One problem to fix: what the engine said about a place of the document.
struct Problem {
    code: Option<Code>,
    message: String,
    help: Option<String>,
    bytes: Range<usize>,
    /// The client's diagnostic, when it sent one for it.
    sent: Option<LspDiagnostic>,
}

/// The quick fixes for `range` of the document `path` (text `text`), given the diagnostics the
/// client has there.
pub fn code_actions(
    catalog: &Catalog,
    path: &Path,
    text: &str,
    range: LspRange,
    diagnostics: &[LspDiagnostic],
) -> Vec<CodeActionOrCommand> {
    let Some(uri) = uri_of(path) else {
        return Vec::new();
    };
    let wanted = offset_of(text, range.start)..offset_of(text, range.end);
    let problems = problems(catalog, path, text, &wanted, diagnostics);
    let mut actions = Vec::new();
    for problem in &problems {
        for (title, edit) in suggestions(text, problem) {
            actions.push(action(
                title,
                edit_of(&uri, vec![edit]),
                problem,
                actions.is_empty(),
            ));
        }
        let declare = match problem.code {
            Some(Code::UnknownCollaborator | Code::UnknownAgentInPrompt) => Some("agents"),
            Some(Code::UnknownSkill) => Some("skills"),
            _ => None,
        };
        if let (Some(table), Some(name)) = (declare, quoted(&problem.message).next()) {
            let title = format!("Declare `{name}` external in agentgen.toml");
            let edit = config_edit(
                catalog,
                |toml| add_to_array(toml, table, "external", name),
                |c| {
                    let list = if table == "agents" {
                        &c.external_agents
                    } else {
                        &c.external_skills
                    };
                    list.iter().any(|n| n == name)
                },
            );
            if let Some(edit) = edit {
                actions.push(action(title, edit, problem, false));
            }
        }
        if let Some(code) = problem.code.filter(|c| c.is_lint()) {
            for level in ["allow", "deny"] {
                let title = format!("{} `{code}` in agentgen.toml", capital(level));
                let value = format!("\"{level}\"");
                let edit = config_edit(
                    catalog,
                    |toml| set_key(toml, "lints", code.as_str(), &value),
                    |c| {
                        c.lints
                            .get(&code)
                            .is_some_and(|l| format!("{l:?}").eq_ignore_ascii_case(level))
                    },
                );
                if let Some(edit) = edit {
                    actions.push(action(title, edit, problem, false));
                }
            }
        }
    }
    if let Some((title, edit)) = fix_all(path, text, &uri) {
        let fixes: Vec<&Problem> = problems
            .iter()
            .filter(|p| p.code == Some(Code::YamlFallback))
            .collect();
        let mut action = CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            edit: Some(edit),
            ..CodeAction::default()
        };
        let sent: Vec<LspDiagnostic> = fixes.iter().filter_map(|p| p.sent.clone()).collect();
        if !sent.is_empty() {
            action.diagnostics = Some(sent);
        }
        actions.push(CodeActionOrCommand::CodeAction(action));
    }
    actions
}

fn action(
    title: String,
    edit: WorkspaceEdit,
    problem: &Problem,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: problem.sent.clone().map(|d| vec![d]),
        edit: Some(edit),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

fn capital(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn edit_of(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// The code of a client diagnostic, as the engine's.
fn code_of(diagnostic: &LspDiagnostic) -> Option<Code> {
    match diagnostic.code.as_ref()? {
        NumberOrString::String(name) => Code::from_name(name),
        NumberOrString::Number(_) => None,
    }
}

/// The problems of the document at `wanted`, and those the client sent.
fn problems(
    catalog: &Catalog,
    path: &Path,
    text: &str,
    wanted: &Range<usize>,
    sent: &[LspDiagnostic],
) -> Vec<Problem> {
    let mut found: Vec<Problem> = Vec::new();
    let mut matched = vec![false; sent.len()];
    for diagnostic in catalog.diagnostics() {
        let Some(span) = diagnostic
            .span
            .as_ref()
            .filter(|_| is_path(&diagnostic.file, path))
        else {
            continue;
        };
        let bytes = span.bytes.clone();
        let read = catalog
            .source(&diagnostic.file)
            .and_then(|s| s.text.get(bytes.clone()));
        if read.is_none() || read != text.get(bytes.clone()) {
            continue; // the document changed there since the catalog read it
        }
        let range = range_of(text, bytes.clone());
        let client = sent
            .iter()
            .position(|d| code_of(d) == Some(diagnostic.code) && d.range.start == range.start);
        let overlaps = bytes.start <= wanted.end && wanted.start <= bytes.end;
        if client.is_none() && !overlaps {
            continue;
        }
        if let Some(i) = client {
            matched[i] = true;
        }
        found.push(Problem {
            code: Some(diagnostic.code),
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
            bytes,
            sent: client.map(|i| sent[i].clone()),
        });
    }
    for (diagnostic, _) in sent.iter().zip(matched).filter(|(_, m)| !m) {
        let help = diagnostic
            .data
            .as_ref()
            .and_then(|d| d.get("help"))
            .and_then(|h| h.as_str());
        if let Some(help) = help {
            found.push(Problem {
                code: code_of(diagnostic),
                message: diagnostic.message.clone(),
                help: Some(help.to_owned()),
                bytes: offset_of(text, diagnostic.range.start)
                    ..offset_of(text, diagnostic.range.end),
                sent: Some(diagnostic.clone()),
            });
        }
    }
    found
}

/// The `` `…` `` quoted parts of `text`, in order.
fn quoted(text: &str) -> impl Iterator<Item = &str> {
    text.split('`').skip(1).step_by(2).filter(|s| !s.is_empty())
}

/// The replacements a help suggests: each name after `did you mean`, `write` or `use`, put in
/// place of the first name quoted in the message that stands in the problem's range.
fn suggestions(text: &str, problem: &Problem) -> Vec<(String, TextEdit)> {
    let Some(help) = &problem.help else {
        return Vec::new();
    };
    let wrong = quoted(&problem.message)
        .find_map(|name| find_name(text, &problem.bytes, name).map(|bytes| (name, bytes)));
    let (wrong, bytes) = match wrong {
        Some(found) => found,
        None => match text.get(problem.bytes.clone()) {
            Some(whole) if !whole.is_empty() && !whole.contains(char::is_whitespace) => {
                (whole, problem.bytes.clone())
            }
            _ => return Vec::new(),
        },
    };
    let mut offered = Vec::new();
    for clause in help.split(['?', ';']) {
        let lead = ["did you mean", "write", "use", "or use"].iter().any(|w| {
            clause.trim_start().starts_with(w)
                || clause.contains(&format!(", {w} "))
                || clause.contains(&format!(": {w} "))
        });
        if !lead {
            continue;
        }
        for suggestion in quoted(clause).filter(|s| is_replacement(s)) {
            if suggestion == wrong || offered.iter().any(|(s, _): &(String, _)| s == suggestion) {
                continue;
            }
            offered.push((suggestion.to_owned(), bytes.clone()));
        }
    }
    offered
        .into_iter()
        .map(|(suggestion, bytes)| {
            let title = format!("Replace `{wrong}` with `{suggestion}`");
            let edit = TextEdit {
                range: range_of(text, bytes),
                new_text: suggestion,
            };
            (title, edit)
        })
        .collect()
}

/// Whether a quoted part of a help is a name to write (`Read`, `Agent(x)`, `pack:x`), not a
/// pattern or a piece of configuration (`mcp__<server>__<tool>`, `[tools] custom`).
fn is_replacement(quoted: &str) -> bool {
    let head = quoted.split('(').next().unwrap_or(quoted);
    !quoted.contains(['<', '>', '[', ']', '=', '"']) && !head.contains(char::is_whitespace)
}

/// `agentgen fix` on the document: the edit from its text to the rewritten one.
fn fix_all(path: &Path, text: &str, uri: &Uri) -> Option<(String, WorkspaceEdit)> {
    let FixOutcome::Fixed(fixed) = fix_source(&path.to_string_lossy(), text.as_bytes()) else {
        return None;
    };
    let new = String::from_utf8(fixed.text).ok()?;
    let title = match fixed.changes.as_slice() {
        [one] => format!("agentgen fix: {}", one.what),
        more => format!(
            "agentgen fix: rewrite {} entries as strict YAML",
            more.len()
        ),
    };
    Some((title, edit_of(uri, vec![smallest_edit(text, &new)])))
}

/// One edit turning `old` into `new`: the part between their common start and common end.
fn smallest_edit(old: &str, new: &str) -> TextEdit {
    let mut start = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(start) || !new.is_char_boundary(start) {
        start -= 1;
    }
    let limit = old.len().min(new.len()) - start;
    let mut end = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(limit)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - end) || !new.is_char_boundary(new.len() - end) {
        end -= 1;
    }
    TextEdit {
        range: range_of(old, start..old.len() - end),
        new_text: new[start..new.len() - end].to_owned(),
    }
}

/// An edit of the project's agentgen.toml: `change` applied to its text (empty when it has
/// none), offered when the result parses and `holds` of its configuration.
fn config_edit(
    catalog: &Catalog,
    change: impl Fn(&str) -> Option<String>,
    holds: impl Fn(&Config) -> bool,
) -> Option<WorkspaceEdit> {
    let source = catalog.config_source();
    let display = match source {
        Some(source) => source.display_path.clone(),
        None => format!("{}/agentgen.toml", catalog.display_root()),
    };
    let old = source.map_or("", |s| s.text.as_str());
    let new = change(old)?;
    if source.is_some() && new == old {
        // The file says so already: no action rather than an empty edit.
        return None;
    }
    let config = Config::parse(&new, &display).ok()?;
    if !holds(&config) {
        return None;
    }
    let uri = uri_of(Path::new(&display))?;
    if source.is_some() {
        return Some(edit_of(&uri, vec![smallest_edit(old, &new)]));
    }
    let create = DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
        uri: uri.clone(),
        options: Some(CreateFileOptions {
            overwrite: Some(false),
            ignore_if_exists: Some(true),
        }),
        annotation_id: None,
    }));
    let write = DocumentChangeOperation::Edit(TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
        edits: vec![OneOf::Left(TextEdit {
            range: LspRange::default(),
            new_text: new,
        })],
    });
    Some(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(vec![create, write])),
        ..WorkspaceEdit::default()
    })
}

/// The TOML text's lines with their byte offsets, and the line of the header `[table]`.
fn table_of<'t>(text: &'t str, table: &str) -> (Vec<(usize, &'t str)>, Option<usize>) {
    let mut at = 0;
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .map(|line| {
            let start = at;
            at += line.len();
            (start, line)
        })
        .collect();
    let header = format!("[{table}]");
    let found = lines
        .iter()
        .position(|(_, line)| line.split('#').next().unwrap_or("").trim() == header);
    (lines, found)
}

/// The line (index into `lines`) of `key = …` in the table whose header is line `header`.
fn key_line(lines: &[(usize, &str)], header: usize, key: &str) -> Option<usize> {
    lines[header + 1..]
        .iter()
        .take_while(|(_, line)| !line.trim_start().starts_with('['))
        .position(|(_, line)| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| header + 1 + i)
}

/// `text` with the line `line` inserted after the header `[table]`, or the table appended.
fn insert_in_table(
    text: &str,
    lines: &[(usize, &str)],
    header: Option<usize>,
    table: &str,
    line: &str,
) -> String {
    match header {
        Some(header) => {
            let (start, header_line) = lines[header];
            let end = start + header_line.len();
            let newline = if header_line.ends_with('\n') {
                ""
            } else {
                "\n"
            };
            format!("{}{newline}{line}\n{}", &text[..end], &text[end..])
        }
        None => {
            let mut out = text.to_owned();
            if !out.is_empty() {
                if !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push('\n');
            }
            out.push_str(&format!("[{table}]\n{line}\n"));
            out
        }
    }
}

/// `text` with `"name"` added to the array `key` of `[table]` (created when missing).
fn add_to_array(text: &str, table: &str, key: &str, name: &str) -> Option<String> {
    let item = format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""));
    let (lines, header) = table_of(text, table);
    if let Some(line) = header.and_then(|h| key_line(&lines, h, key)) {
        let (start, line) = lines[line];
        let open = start + line.find('[')?;
        let rest = text[open + 1..].trim_start();
        let separator = if rest.starts_with(']') { "" } else { ", " };
        return Some(format!(
            "{}{item}{separator}{}",
            &text[..=open],
            &text[open + 1..]
        ));
    }
    Some(insert_in_table(
        text,
        &lines,
        header,
        table,
        &format!("{key} = [{item}]"),
    ))
}

/// `text` with `key = value` in `[table]` (the value replaced when the key is there).
fn set_key(text: &str, table: &str, key: &str, value: &str) -> Option<String> {
    let (lines, header) = table_of(text, table);
    if let Some(line) = header.and_then(|h| key_line(&lines, h, key)) {
        let (start, line) = lines[line];
        let equals = start + line.find('=')?;
        let line_end = start + line.trim_end_matches(['\n', '\r']).len();
        // The old value ends at a comment outside quotes, or at the line's end.
        let mut quoted = false;
        let comment = text[equals..line_end].char_indices().find(|&(_, c)| {
            quoted ^= c == '"';
            c == '#' && !quoted
        });
        let end = comment.map_or(line_end, |(at, _)| equals + at);
        let space = if comment.is_some() { " " } else { "" };
        return Some(format!(
            "{} {value}{space}{}",
            &text[..=equals],
            &text[end..]
        ));
    }
    Some(insert_in_table(
        text,
        &lines,
        header,
        table,
        &format!("{key} = {value}"),
    ))
}

#[cfg(test)]
#[path = "actions_tests.rs"]
mod tests;
