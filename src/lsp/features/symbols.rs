//! `textDocument/documentSymbol` (a file's frontmatter keys and its prompt's Markdown headings,
//! nested by level) and `workspace/symbol` (the agents and skills of every catalog).

use std::ops::Range;
use std::path::Path;

use agentgen_compiler::Catalog;
use lsp_types::{DocumentSymbol, Location, SymbolInformation, SymbolKind};

use super::document::{Document, Kind, agent_declaration, skill_declaration};
use crate::lsp::text::range_of;

/// The symbols of the document `path` whose text is `text`: each frontmatter key (its range
/// running to the next key), then the prompt's headings (ATX `#` headings outside fenced code),
/// each holding the headings of deeper levels below it.
#[allow(deprecated)] // `DocumentSymbol::deprecated` has no other constructor.
pub fn document_symbols(catalog: &Catalog, path: &Path, text: &str) -> Vec<DocumentSymbol> {
    let document = Document::new(catalog, path, text);
    let (keys, body) = match &document.kind {
        Kind::Agent { file, .. } => (&file.keys, file.prompt_range.start),
        Kind::Skill { file } => (&file.keys, body_start(text)),
        Kind::Other => return Vec::new(),
    };
    let starts: Vec<(String, usize)> = keys
        .iter()
        .filter_map(|k| Some((k.value.clone(), k.span.as_ref()?.bytes.start)))
        .collect();
    let frontmatter_end = frontmatter_end(text).unwrap_or(body).min(text.len());
    let mut symbols = Vec::new();
    for (i, (key, start)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(frontmatter_end, |(_, next)| *next);
        let whole = *start..end.max(*start);
        let whole = whole.start..trim_end(text, whole.clone());
        let line_end = text[*start..]
            .find('\n')
            .map_or(text.len(), |at| start + at);
        symbols.push(DocumentSymbol {
            name: key.clone(),
            detail: text
                .get(start + key.len()..line_end)
                .map(|v| v.trim_start_matches([':', '"', '\'']).trim().to_owned()),
            kind: SymbolKind::PROPERTY,
            tags: None,
            deprecated: None,
            range: range_of(text, whole),
            selection_range: range_of(text, *start..start + key.len()),
            children: None,
        });
    }
    symbols.extend(headings(text, frontmatter_end));
    symbols
}

/// Where the body starts: after the closing `---` line, or 0 without a frontmatter.
fn body_start(text: &str) -> usize {
    frontmatter_end(text).map_or(0, |end| {
        text[end..].find('\n').map_or(text.len(), |at| end + at + 1)
    })
}

/// Where the closing `---` line of the frontmatter starts.
fn frontmatter_end(text: &str) -> Option<usize> {
    let rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !rest.starts_with("---") {
        return None;
    }
    let mut at = text.len() - rest.len();
    let mut lines = rest.split_inclusive('\n');
    at += lines.next()?.len();
    for line in lines {
        if line.trim_end() == "---" {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// The end of `range` without trailing white space.
fn trim_end(text: &str, range: Range<usize>) -> usize {
    range.start + text.get(range.clone()).map_or(0, |t| t.trim_end().len())
}

/// The ATX headings from byte `from` on (outside fenced code blocks), nested by level.
#[allow(deprecated)]
fn headings(text: &str, from: usize) -> Vec<DocumentSymbol> {
    // (level, heading, start of its line, start of its title)
    let mut found: Vec<(usize, String, usize, usize)> = Vec::new();
    let mut fence: Option<&str> = None;
    let mut at = from;
    for line in text[from..].split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent < 4 {
            for marker in ["```", "~~~"] {
                if trimmed.starts_with(marker) {
                    fence = match fence {
                        Some(open) if open == marker => None,
                        None => Some(marker),
                        other => other,
                    };
                }
            }
        }
        let level = trimmed.bytes().take_while(|&b| b == b'#').count();
        let title = trimmed[level..].trim();
        let after = trimmed[level..].chars().next();
        if fence.is_none()
            && indent < 4
            && (1..=6).contains(&level)
            && after.is_none_or(char::is_whitespace)
            && !title.is_empty()
        {
            let title = title.trim_end_matches('#').trim_end();
            let title_start = at + indent + level + trimmed[level..].find(title).unwrap_or(0);
            found.push((level, title.to_owned(), at, title_start));
        }
        at += line.len();
    }
    let end = text.len();
    let mut ranges: Vec<DocumentSymbol> = Vec::new();
    // Each heading's section runs to the next heading of the same or a higher level.
    let mut flat: Vec<(usize, DocumentSymbol)> = Vec::new();
    for (i, (level, title, line_start, title_start)) in found.iter().enumerate() {
        let section_end = found[i + 1..]
            .iter()
            .find(|(l, ..)| l <= level)
            .map_or(end, |(_, _, next, _)| *next);
        let section_end = trim_end(text, *line_start..section_end);
        flat.push((
            *level,
            DocumentSymbol {
                name: title.clone(),
                detail: None,
                kind: SymbolKind::STRING,
                tags: None,
                deprecated: None,
                range: range_of(text, *line_start..section_end),
                selection_range: range_of(text, *title_start..title_start + title.len()),
                children: None,
            },
        ));
    }
    // Nest: a stack of open headings; a heading closes the ones of its level or deeper.
    let mut stack: Vec<(usize, DocumentSymbol)> = Vec::new();
    for (level, symbol) in flat {
        close_deeper(&mut stack, &mut ranges, level);
        stack.push((level, symbol));
    }
    close_deeper(&mut stack, &mut ranges, 0);
    ranges
}

/// Pops the open headings of `level` or deeper into their parents (or `top`).
fn close_deeper(
    stack: &mut Vec<(usize, DocumentSymbol)>,
    top: &mut Vec<DocumentSymbol>,
    level: usize,
) {
    while stack.last().is_some_and(|(l, _)| *l >= level) {
        let Some((_, done)) = stack.pop() else { break };
        match stack.last_mut() {
            Some((_, parent)) => parent.children.get_or_insert_with(Vec::new).push(done),
            None => top.push(done),
        }
    }
}

/// The agents and skills of `catalogs` whose name holds `query` (ignoring case; every one for an
/// empty query), each at its `name:`.
#[allow(deprecated)] // `SymbolInformation::deprecated` has no other constructor.
pub fn workspace_symbols(catalogs: &[&Catalog], query: &str) -> Vec<SymbolInformation> {
    let query = query.to_lowercase();
    let matches = |name: &str| name.to_lowercase().contains(&query);
    let mut symbols = Vec::new();
    let symbol = |name: &str, kind, location: Location, container: &str| SymbolInformation {
        name: name.to_owned(),
        kind,
        tags: None,
        deprecated: None,
        location,
        container_name: Some(container.to_owned()),
    };
    for catalog in catalogs {
        let root = catalog.display_root();
        for agent in catalog.agents() {
            if matches(&agent.qualified_name)
                && let Some(location) = agent_declaration(catalog, agent)
            {
                symbols.push(symbol(
                    &agent.qualified_name,
                    SymbolKind::CLASS,
                    location,
                    root,
                ));
            }
        }
        for (index, skill) in catalog.skills().iter().enumerate() {
            if matches(&skill.qualified_name)
                && let Some(location) = skill_declaration(catalog, index)
            {
                symbols.push(symbol(
                    &skill.qualified_name,
                    SymbolKind::MODULE,
                    location,
                    root,
                ));
            }
        }
    }
    symbols
}

#[cfg(test)]
#[path = "symbols_tests.rs"]
mod tests;
