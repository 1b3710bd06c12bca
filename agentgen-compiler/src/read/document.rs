//! The Markdown document around the frontmatter, as Claude Code reads agent, skill and command
//! files alike: its text, the frontmatter block, the YAML (strict, or through Claude Code's
//! re-quoting fallback) and the body after it.

use std::ops::Range;

use super::{Dialect, Frontmatter, YamlStatus};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::frontmatter::{self, Missing};
use crate::source::{SourceFile, is_js_whitespace};
use crate::yaml::{self, Node, Value};

/// A file read up to its frontmatter's entries.
pub(super) struct Document {
    /// The file.
    pub source: SourceFile,
    /// How its frontmatter parsed.
    pub yaml: YamlStatus,
    /// The body trimmed as JavaScript trims (an agent's prompt): `0..0` without a frontmatter
    /// block.
    pub prompt_range: Range<usize>,
    /// The body as written after the frontmatter block, or the whole text (without a leading
    /// byte-order mark) when there is none.
    pub body_range: Range<usize>,
    /// The frontmatter mapping's entries, `None` when there is no mapping to read (the reason is
    /// a diagnostic).
    pub frontmatter: Option<Frontmatter>,
    /// Problems of the document itself (encoding, frontmatter block, YAML).
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    fn span(&self, range: Range<usize>) -> Option<Span> {
        Some(self.source.span(range))
    }
}

/// Reads a Markdown file with a frontmatter as `dialect` reads it. The caller has checked the
/// file's size.
pub(super) fn read_document(
    display_path: &str,
    bytes: std::borrow::Cow<'_, [u8]>,
    dialect: Dialect,
) -> Document {
    let source = SourceFile::from_bytes(display_path, bytes);
    let mut document = Document {
        body_range: 0..source.text.len(),
        source,
        yaml: YamlStatus::NoFrontmatter,
        prompt_range: 0..0,
        frontmatter: None,
        diagnostics: Vec::new(),
    };
    if document.source.had_invalid_utf8 {
        let at = document.source.text.find('\u{fffd}').unwrap_or(0);
        let span = document.span(at..at + '\u{fffd}'.len_utf8());
        document.diagnostics.push(
            Diagnostic::new(Code::InvalidUtf8, display_path, "agent file is not valid UTF-8")
                .at(span)
                .label("invalid bytes here")
                .note("Claude Code replaces invalid byte sequences with U+FFFD, changing the text silently")
                .help("save the file as UTF-8"),
        );
    }
    let text = document.source.text.as_str();
    let blocks = match frontmatter::split(text) {
        Ok(blocks) => blocks,
        Err(missing) => {
            let without_bom = text.trim_start_matches('\u{feff}');
            document.body_range = text.len() - without_bom.len()..text.len();
            if let Some(diagnostic) = no_frontmatter(&document, missing, dialect) {
                document.diagnostics.push(diagnostic);
            }
            return document;
        }
    };
    // `js_trim`, in two steps to know where the prompt starts.
    let after_leading_space = blocks.body.trim_start_matches(is_js_whitespace);
    let prompt = after_leading_space.trim_end_matches(is_js_whitespace);
    let prompt_start = blocks.body_offset + (blocks.body.len() - after_leading_space.len());
    document.prompt_range = prompt_start..prompt_start + prompt.len();
    document.body_range = blocks.body_offset..text.len();
    let (yaml_text, yaml_offset) = (blocks.yaml, blocks.yaml_offset);
    let root = match yaml::parse(yaml_text) {
        Ok(root) => {
            document.yaml = YamlStatus::StrictOk;
            root
        }
        Err(strict_error) => {
            let fallback = yaml::fallback_rewrite(yaml_text);
            let Ok(root) = fallback.parse(yaml_text) else {
                document.yaml = YamlStatus::Failed;
                let diagnostic = invalid_yaml(
                    &document,
                    // The bytes `agentgen fix` would read: the text, unless it was not UTF-8
                    // (which `agentgen fix` refuses).
                    (!document.source.had_invalid_utf8).then_some(document.source.text.as_bytes()),
                    (yaml_text, yaml_offset),
                    &strict_error,
                    dialect,
                );
                document.diagnostics.push(diagnostic);
                return document;
            };
            document.yaml = YamlStatus::FallbackOk;
            let diagnostic =
                fallback_only(&document, yaml_text, yaml_offset, &strict_error, &fallback);
            document.diagnostics.push(diagnostic);
            root
        }
    };
    document.frontmatter = match root {
        Some(Node {
            value: Value::Map(entries),
            ..
        }) => Some((entries, yaml_offset)),
        Some(other) => {
            let diagnostic = not_a_mapping(&document, &other, yaml_offset, dialect);
            document.diagnostics.extend(diagnostic);
            None
        }
        None => Some((Vec::new(), yaml_offset)),
    };
    document
}

/// What Claude Code does with a file of `dialect` whose frontmatter it cannot find or read:
/// `None` for an agent file of a project (it skips the file; each diagnostic says so its way).
fn frontmatter_lost(dialect: Dialect) -> Option<String> {
    match dialect {
        Dialect::Project => None,
        Dialect::Plugin { plugin, file_name } => Some(format!(
            "Claude Code loads the file all the same, as the agent `{plugin}:{}` described as `{}`, its whole text the prompt",
            super::plugin_agent::plugin_agent_file_stem(file_name),
            super::plugin_agent::default_plugin_agent_description(plugin)
        )),
        Dialect::Skill(kind) if kind.is_command() => Some("Claude Code ignores the frontmatter: the command loads with the name of its path, a description taken from its body, and none of its settings".to_owned()),
        Dialect::Skill(_) => Some("Claude Code ignores the frontmatter: the skill loads with its folder's name, a description taken from its body, and none of its settings".to_owned()),
    }
}

/// `no-frontmatter`; `None` for a skill or command without any `---` at its start, a file of
/// body only, as Claude Code allows.
fn no_frontmatter(document: &Document, missing: Missing, dialect: Dialect) -> Option<Diagnostic> {
    let text = document.source.text.as_str();
    if matches!(dialect, Dialect::Skill(_))
        && missing == Missing::NoOpening
        && !text
            .trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace())
            .starts_with("---")
    {
        return None;
    }
    let span = match missing {
        Missing::NoClosing => document.span(0..3),
        _ => document.span(0..text.find('\n').unwrap_or(text.len()).min(3)),
    };
    let help = match missing {
        Missing::LeadingWhitespace => format!(
            "remove what stands before the opening `---` (`agentgen fix {}` does)",
            document.source.display_path
        ),
        Missing::NoOpening | Missing::OpeningNotAlone => {
            "start the file with a line `---`, the YAML frontmatter (name, description, …), and a closing `---` line".to_owned()
        }
        Missing::NoClosing => "add a line `---` after the last frontmatter key".to_owned(),
    };
    let note = frontmatter_lost(dialect).unwrap_or_else(|| {
        "Claude Code skips this file silently: without frontmatter it has no `name`, so the agent does not exist".to_owned()
    });
    Some(
        Diagnostic::new(
            Code::NoFrontmatter,
            &document.source.display_path,
            "no frontmatter block",
        )
        .at(span)
        .label(missing.explain())
        .note(note)
        .help(help),
    )
}

/// `yaml-fallback`: only Claude Code's re-quoting fallback reads the frontmatter.
fn fallback_only(
    document: &Document,
    yaml_text: &str,
    yaml_offset: usize,
    strict_error: &yaml::YamlError,
    fallback: &yaml::Fallback,
) -> Diagnostic {
    let line = fallback
        .requoted_lines
        .first()
        .or(fallback.retabbed_lines.first())
        .copied();
    let range = match line.map(|l| nth_line_offset(yaml_text, l)) {
        Some(start) => {
            let end = yaml_text[start..]
                .find('\n')
                .map_or(yaml_text.len(), |i| start + i);
            start..end
        }
        None => strict_error.offset..strict_error.offset,
    };
    let how = if fallback.requoted_lines.is_empty() {
        "replace the leading tabs with spaces"
    } else {
        "quote the value: `key: \"…\"` (or use a block scalar `key: |`)"
    };
    Diagnostic::new(
        Code::YamlFallback,
        &document.source.display_path,
        "frontmatter is not valid YAML; only Claude Code's re-quoting fallback reads it",
    )
    .at(document.span(yaml_offset + range.start..yaml_offset + range.end))
    .label(format!("strict YAML fails: {}", strict_error.message))
    .note("strict YAML tools (linters, other agent runners) reject this file")
    .help(how)
}

/// `invalid-frontmatter`: not YAML even through the fallback, or beyond agentgen's limits.
fn invalid_yaml(
    document: &Document,
    bytes: Option<&[u8]>,
    (yaml_text, yaml_offset): (&str, usize),
    strict_error: &yaml::YamlError,
    dialect: Dialect,
) -> Diagnostic {
    let display_path = document.source.display_path.as_str();
    let at = yaml_offset + strict_error.offset;
    let span = document.span(at..yaml_offset + (strict_error.offset + 1).min(yaml_text.len()));
    let lost = frontmatter_lost(dialect);
    // Beyond agentgen's limits (alias expansion), not beyond YAML's.
    let too_big =
        strict_error.message.contains("levels deep") || strict_error.message.contains("YAML nodes");
    if too_big {
        return Diagnostic::new(
            Code::InvalidFrontmatter,
            display_path,
            "frontmatter expands beyond what agentgen reads",
        )
        .at(span)
        .label(strict_error.message.clone())
        .note(lost.unwrap_or_else(|| "YAML aliases (`*name`) copy their anchor's value; agentgen refuses frontmatter that expands this far, so that hostile files cannot exhaust the compiler".to_owned()))
        .help("write the values out instead of aliasing them");
    }
    if let Some(missing) = frontmatter::key_without_colon(yaml_text) {
        let start = yaml_offset + missing.offset;
        return Diagnostic::new(
            Code::InvalidFrontmatter,
            display_path,
            format!("frontmatter is not valid YAML: `{}` has no `:` after it", missing.key),
        )
        .at(document.span(start..start + missing.key.len()))
        .label("a key needs `:` after it")
        .note(lost.unwrap_or_else(|| "Claude Code skips this file silently: its re-quoting fallback cannot read it either, so the agent does not exist".to_owned()))
        .help(format!(
            "did you mean `{}:`? Write `{}: {}`",
            missing.key, missing.key, missing.value
        ));
    }
    let fix = bytes.and_then(|bytes| fix_help(display_path, bytes));
    // A quote opened and never closed (or closed lines later, after lines YAML wants indented):
    // the parser stops lines later; the mistake is at the quote. Only when `agentgen fix` has
    // no fix to offer.
    if fix.is_none()
        && strict_error.message.contains("quoted scalar")
        && let Some((quote_at, key)) =
            unclosed_quote(&yaml_text[..strict_error.offset.min(yaml_text.len())])
    {
        let at = yaml_offset + quote_at;
        // Closed on a later line: the value goes on over lines YAML wants indented.
        let closed_later = quote_closes(&yaml_text[quote_at..]);
        let (what, help) = if closed_later {
            (
                "goes on over lines that are not indented",
                "indent the lines after the first by two spaces, or write the value on one line",
            )
        } else {
            (
                "is not closed",
                "close the quote at the end of the value, or write the value without quotes",
            )
        };
        return Diagnostic::new(
            Code::InvalidFrontmatter,
            display_path,
            format!("frontmatter is not valid YAML: the quoted value of `{key}` {what}"),
        )
        .at(document.span(at..at + 1))
        .label("this quote is not closed on its line")
        .note(format!("strict YAML reads on to line {} and fails there: {}", document.source.span(yaml_offset + strict_error.offset..yaml_offset + strict_error.offset).line, strict_error.message))
        .note(lost.unwrap_or_else(|| "Claude Code skips this file silently: its re-quoting fallback cannot read it either, so the agent does not exist".to_owned()))
        .help(help);
    }
    // A line indented with a tab (`\tmodel: opus`): strict YAML stops earlier, at the value the
    // tab would continue; the mistake is the tab.
    if fix.is_none()
        && strict_error.message.contains("tab")
        && let Some(tab_at) = first_leading_tab(yaml_text, strict_error.offset)
    {
        let at = yaml_offset + tab_at;
        let line = document.source.span(at..at).line;
        return Diagnostic::new(
            Code::InvalidFrontmatter,
            display_path,
            format!("frontmatter is not valid YAML: line {line} is indented with a tab"),
        )
        .at(document.span(at..at + 1))
        .label("a tab")
        .note(format!("strict YAML fails: {}; Claude Code's re-quoting fallback turns the tab into two spaces, which makes the line part of the value above", strict_error.message))
        .note(lost.unwrap_or_else(|| "Claude Code skips this file silently: its re-quoting fallback cannot read it either, so the agent does not exist".to_owned()))
        .help("remove the tab: a key starts at the beginning of its line (indent with spaces only what continues the value above)");
    }
    // A flow list or mapping continued left of its key's column (`tools: [Read,` then `Grep]`).
    if fix.is_none()
        && strict_error.message == "invalid indentation"
        && let Some((key, what)) =
            open_flow_collection(&yaml_text[..strict_error.offset.min(yaml_text.len())])
    {
        return Diagnostic::new(
            Code::InvalidFrontmatter,
            display_path,
            format!("frontmatter is not valid YAML: the {what} of `{key}` goes on over lines that are not indented"),
        )
        .at(span)
        .label(format!("this line is not indented past `{key}`"))
        .note(lost.unwrap_or_else(|| "Claude Code skips this file silently: its re-quoting fallback cannot read it either, so the agent does not exist".to_owned()))
        .help("indent the lines after the first by two spaces (a closing `]` or `}` may stay at the start of its line), or write the value on one line");
    }
    let help = fix.unwrap_or_else(|| {
        if looks_like_unindented_multiline(yaml_text) {
            "make the description one YAML value: a block scalar `description: |` with every following line indented by two spaces (or one double-quoted line with `\\n` escapes)"
        } else {
            "fix the YAML at this place (quote values containing `: `, `#` or other special characters)"
        }
        .to_owned()
    });
    let diagnostic =
        Diagnostic::new(Code::InvalidFrontmatter, display_path, "frontmatter is not valid YAML")
            .at(span)
            .label(strict_error.message.clone())
            .note(lost.unwrap_or_else(|| "Claude Code skips this file silently: its re-quoting fallback cannot read it either, so the agent does not exist".to_owned()))
            .help(help);
    // Claude Code's fallback re-quotes only lines without a `\r`: with LF line endings the same
    // frontmatter would load.
    let lf = yaml_text.replace("\r\n", "\n");
    if lf.len() != yaml_text.len() && yaml::fallback_rewrite(&lf).parse(&lf).is_ok() {
        return diagnostic.note("the file has CRLF line endings, and Claude Code's re-quoting fallback skips lines that end in `\\r`: with LF line endings it would read this frontmatter (a `yaml-fallback` warning)");
    }
    diagnostic
}

/// A frontmatter that is not a mapping: Claude Code reads it as empty. An agent file of a
/// project is skipped (`missing-name`), a plugin agent loads all the same (no diagnostic), a
/// skill or command loads without its settings (`invalid-frontmatter`).
fn not_a_mapping(
    document: &Document,
    root: &Node,
    yaml_offset: usize,
    dialect: Dialect,
) -> Option<Diagnostic> {
    let (code, note) = match dialect {
        Dialect::Project => (
            Code::MissingName,
            "Claude Code treats it as empty and skips the file silently".to_owned(),
        ),
        Dialect::Plugin { .. } => return None,
        Dialect::Skill(_) => (Code::InvalidFrontmatter, frontmatter_lost(dialect)?),
    };
    let span = document.span(yaml_offset + root.span.start..yaml_offset + root.span.end);
    Some(
        Diagnostic::new(
            code,
            &document.source.display_path,
            "frontmatter is not a mapping of keys to values",
        )
        .at(span)
        .label(format!("this is {}", root.type_name()))
        .note(note)
        .help("write `name: …` and `description: …` lines"),
    )
}

/// The help of an `invalid-frontmatter` error when `agentgen fix` can repair the file (its
/// [`fix_source`](crate::fix::fix_source) rewrites it): the command and what it rewrites.
/// `None` when it cannot (the file is then left to the reader's own help).
fn fix_help(display_path: &str, bytes: &[u8]) -> Option<String> {
    let crate::fix::FixOutcome::Fixed(fixed) = crate::fix::fix_source(display_path, bytes) else {
        return None;
    };
    let keys: Vec<String> = fixed
        .changes
        .iter()
        .map(|change| format!("`{}` (line {})", change.key, change.line))
        .collect();
    let what = match keys.as_slice() {
        [] => "the frontmatter".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    Some(format!(
        "`agentgen fix {display_path}` rewrites {what} as strict YAML, keeping the text (`--check` shows the change first)"
    ))
}

/// Each line of `yaml` that holds a `:`: the offset the line starts at, what stands before its
/// first `:` and what after it (without the line break).
fn lines_with_colon(yaml: &str) -> impl Iterator<Item = (usize, &str, &str)> {
    let mut offset = 0;
    yaml.split_inclusive('\n').filter_map(move |line| {
        let start = offset;
        offset += line.len();
        let (key, value) = line.trim_end_matches(['\n', '\r']).split_once(':')?;
        Some((start, key, value))
    })
}

/// The last line of `yaml` (unindented) whose value opens a quote it does not close on that line:
/// the offset of the quote and the key.
fn unclosed_quote(yaml: &str) -> Option<(usize, &str)> {
    let mut found = None;
    for (start, key, value) in lines_with_colon(yaml) {
        if key.is_empty() || key.starts_with([' ', '\t', '#', '-']) || key.contains(' ') {
            continue;
        }
        let trimmed = value.trim_start();
        let quote_at = start + key.len() + 1 + (value.len() - trimmed.len());
        if !trimmed.starts_with(['"', '\'']) {
            continue;
        }
        // `''` is an escaped quote inside single quotes; `\"` inside double quotes.
        if !quote_closes(trimmed) {
            found = Some((quote_at, key));
        }
    }
    found
}

/// The offset of the first tab that starts a line of `yaml`, from the line holding `offset` on.
fn first_leading_tab(yaml: &str, offset: usize) -> Option<usize> {
    let offset = offset.min(yaml.len());
    let line_start = yaml[..offset].rfind('\n').map_or(0, |i| i + 1);
    let mut at = line_start;
    for line in yaml[line_start..].split_inclusive('\n') {
        if line.starts_with('\t') {
            return Some(at);
        }
        at += line.len();
    }
    None
}

/// The last key of `yaml` whose value opens a flow list (`[`) or mapping (`{`) that is still
/// open at the end of `yaml`, and which of the two it is. Brackets inside quotes are counted too:
/// this only words a diagnostic.
fn open_flow_collection(yaml: &str) -> Option<(&str, &'static str)> {
    let mut found = None;
    for (start, written_key, value) in lines_with_colon(yaml) {
        let key = written_key.trim_start_matches([' ', '-']);
        if key.is_empty() || key.starts_with(['#', '\t']) || key.contains(' ') {
            continue;
        }
        let trimmed = value.trim_start();
        let what = match trimmed.as_bytes().first() {
            Some(b'[') => "list",
            Some(b'{') => "mapping",
            _ => continue,
        };
        let depth = yaml[start + written_key.len() + 1 + (value.len() - trimmed.len())..]
            .bytes()
            .fold(0i64, |depth, b| match b {
                b'[' | b'{' => depth + 1,
                b']' | b'}' => depth - 1,
                _ => depth,
            });
        if depth > 0 {
            found = Some((key, what));
        }
    }
    found
}

/// Whether the quote that `text` starts with (`"` or `'`) is closed anywhere after it.
fn quote_closes(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('"') => {
            let mut escaped = false;
            chars.any(|c| {
                let closes = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                closes
            })
        }
        Some('\'') => text[1..].matches('\'').count() % 2 == 1,
        _ => false,
    }
}

fn nth_line_offset(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line - 2)
        .map_or(text.len(), |(i, _)| i + 1)
}

fn looks_like_unindented_multiline(yaml: &str) -> bool {
    yaml.lines().any(|l| {
        let t = l.trim_start();
        t.starts_with("<example>") || t.starts_with("Context:") || t.starts_with("user:")
    })
}

#[cfg(test)]
mod tests {
    use super::{open_flow_collection, quote_closes, unclosed_quote};

    #[test]
    fn an_unclosed_quote_is_found_on_its_own_line() {
        let yaml = "name: planner\ndescription: \"Plans the work\ntools: Read\n";
        assert_eq!(unclosed_quote(yaml), Some((27, "description")));
        assert_eq!(&yaml[27..28], "\"");
        assert_eq!(
            unclosed_quote("description: 'it''s done\n"),
            Some((13, "description"))
        );
        // Closed quotes, escaped quotes and plain values are not.
        assert_eq!(unclosed_quote("description: \"a \\\" b\"\nname: x\n"), None);
        assert_eq!(unclosed_quote("description: 'it''s'\n"), None);
        assert_eq!(
            unclosed_quote("description: plain \"quoted\" words\n"),
            None
        );
        // Closed on a later line.
        assert!(quote_closes("\"Plans\nthe work\"\n"));
        assert!(!quote_closes("\"Plans\nthe work\n"));
    }

    #[test]
    fn a_flow_list_continued_left_of_its_key_is_named_with_its_key() {
        assert_eq!(
            open_flow_collection("name: a\ntools: [Read,\n"),
            Some(("tools", "list"))
        );
        assert_eq!(
            open_flow_collection("hooks:\n  PreToolUse: {a:\n"),
            Some(("PreToolUse", "mapping"))
        );
        assert_eq!(
            open_flow_collection("tools: [Read, Grep]\nmodel: x\n"),
            None
        );
        assert_first_error(
            b"---\nname: a\ndescription: d\ntools: [Read,\nGrep]\n---\nPlan.\n",
            "frontmatter is not valid YAML: the list of `tools` goes on over lines that are not indented",
            "agents/a.md:5:1",
            "indent the lines after the first",
        );
    }

    /// The first diagnostic of `agents/a.md` holding `text`: its message, its place, and a
    /// help that contains `help`.
    fn assert_first_error(text: &[u8], message: &str, location: &str, help: &str) {
        let file = crate::read::read_agent("agents/a.md", text);
        let error = &file.diagnostics[0];
        assert_eq!(error.message, message);
        assert_eq!(error.location(), location);
        assert!(
            error.help.as_deref().is_some_and(|h| h.contains(help)),
            "{error:?}"
        );
    }

    #[test]
    fn a_key_indented_with_a_tab_is_reported_at_the_tab() {
        assert_first_error(
            b"---\nname: a\ndescription: d\ntools: Read, Grep\n\tmodel: opus\n---\nPlan.\n",
            "frontmatter is not valid YAML: line 5 is indented with a tab",
            "agents/a.md:5:1",
            "remove the tab",
        );
    }

    #[test]
    fn crlf_line_endings_that_keep_the_fallback_out_are_named() {
        let crlf = crate::read::read_agent(
            "agents/a.md",
            b"---\r\nname: a\r\ndescription: Use when: asked\r\n---\r\nx\r\n",
        );
        let error = &crlf.diagnostics[0];
        assert_eq!(error.message, "frontmatter is not valid YAML");
        assert!(
            error.notes.iter().any(|n| n.contains("CRLF line endings")),
            "{error:?}"
        );
        // Broken with LF endings too: no such note.
        let both = crate::read::read_agent(
            "agents/a.md",
            b"---\r\nname: a\r\ndescription: d\r\n  x: y: z\r\n---\r\nx\r\n",
        );
        assert!(
            both.diagnostics
                .iter()
                .all(|d| d.notes.iter().all(|n| !n.contains("CRLF"))),
            "{:?}",
            both.diagnostics
        );
    }

    #[test]
    fn the_error_of_an_unclosed_quote_is_at_the_quote() {
        let file = crate::read::read_agent(
            "agents/a.md",
            b"---\nname: a\ndescription: \"Plans the work\ntools: Read\n---\nPlan.\n",
        );
        let error = &file.diagnostics[0];
        assert_eq!(
            error.message,
            "frontmatter is not valid YAML: the quoted value of `description` is not closed"
        );
        let span = error.span.clone().expect("a span");
        assert_eq!((span.line, span.column, span.bytes.len()), (3, 14, 1));
        let file = crate::read::read_agent(
            "agents/a.md",
            b"---\nname: a\ndescription: \"Plans\nthe work\"\n---\nPlan.\n",
        );
        assert!(
            file.diagnostics[0]
                .message
                .ends_with("goes on over lines that are not indented"),
            "{:?}",
            file.diagnostics
        );
    }
}
