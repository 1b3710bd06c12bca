//! Writing the repaired frontmatter: for each entry whose YAML does not give the meant value,
//! the first scalar style a strict parse reads back as that value; every other line kept.

use super::reader::{Line, Problem, RawEntry, entry_text, parse_entry, problem, retabbed};
use super::verifier::same_value;
use super::{FixChange, Plan};
use crate::yaml::{Node, Value};

/// The frontmatter text of `plan`: the kept lines as they are, the rewritten entries' new lines;
/// and one [`FixChange`] per rewritten entry (`first_line`: the file's line of the frontmatter's
/// first line).
pub(super) fn frontmatter(
    lines: &[Line<'_>],
    plan: &Plan,
    first_line: usize,
) -> (String, Vec<FixChange>) {
    let mut new_yaml = String::new();
    let mut changes = Vec::new();
    push_lines(&mut new_yaml, &lines[..plan.header_end]);
    for entry in &plan.entries {
        match &entry.rewrite {
            None => push_lines(&mut new_yaml, &lines[entry.key_line..entry.value_end]),
            Some(rewrite) => {
                for (content, ending) in &rewrite.lines {
                    new_yaml.push_str(content);
                    new_yaml.push_str(ending);
                }
                changes.push(FixChange {
                    line: first_line + entry.key_line,
                    key: entry.key.clone(),
                    what: rewrite.what.clone(),
                });
            }
        }
        push_lines(&mut new_yaml, &lines[entry.value_end..entry.trailer_end]);
    }
    (new_yaml, changes)
}

/// `lines` as written, each with its line ending.
fn push_lines(out: &mut String, lines: &[Line<'_>]) {
    for line in lines {
        out.push_str(line.content);
        out.push_str(line.ending);
    }
}

/// A rewritten entry: its new lines (content, ending) and what was done, as a sentence.
pub(super) struct Rewrite {
    lines: Vec<(String, String)>,
    what: String,
}

/// Decides how to write one entry so that strict YAML reads `meant`: `None` keeps its lines.
pub(super) fn rewrite_entry(
    lines: &[Line<'_>],
    entry: &RawEntry<'_>,
    value_end: usize,
    meant: &Node,
    escapes_converted: bool,
) -> Result<Option<Rewrite>, Problem> {
    let entry_lines = &lines[entry.key_line..value_end];
    let verbatim = parse_entry(&entry_text(entry_lines, false), entry.key);
    if verbatim.as_ref().is_ok_and(|v| same_value(v, meant)) {
        return Ok(None);
    }
    let ending = lines[entry.key_line].ending;
    if entry_lines.iter().any(|l| l.content.starts_with('\t'))
        && parse_entry(&entry_text(entry_lines, true), entry.key)
            .is_ok_and(|v| same_value(&v, meant))
    {
        let tabbed = entry_lines
            .iter()
            .filter(|l| l.content.starts_with('\t'))
            .count();
        return Ok(Some(Rewrite {
            lines: entry_lines
                .iter()
                .map(|l| (retabbed(l.content), l.ending.to_owned()))
                .collect(),
            what: format!(
                "replaced the leading tabs of {tabbed} line(s) with two spaces each (YAML does not allow tabs as indentation)"
            ),
        }));
    }
    let Value::Str(text) = &meant.value else {
        return Err(problem(
            entry.key_line,
            format!(
                "the value of `{}` is {} that cannot be written as strict YAML without changing it",
                entry.key,
                meant.type_name()
            ),
        ));
    };
    let prefix = &lines[entry.key_line].content[..entry.prefix_len];
    let mut why = match &verbatim {
        Err(message) => format!("strict YAML cannot read it ({message})"),
        Ok(_) => "strict YAML reads a different value than Claude Code".to_owned(),
    };
    if escapes_converted {
        why.push_str("; its literal `\\n` escapes are line breaks now, as Claude Code reads them");
    }
    let continued = entry_lines.len() > 1;
    for candidate in scalar_candidates(prefix, text, entry_lines, entry.text_mode) {
        let mut check = String::new();
        for line in &candidate.lines {
            check.push_str(line);
            check.push('\n');
        }
        if parse_entry(&check, entry.key).is_ok_and(|v| same_value(&v, meant)) {
            let what = if continued {
                format!(
                    "wrote the {}-line value as {}; {why}",
                    entry_lines.len(),
                    candidate.style
                )
            } else {
                format!("wrote the value as {}; {why}", candidate.style)
            };
            return Ok(Some(Rewrite {
                lines: candidate
                    .lines
                    .into_iter()
                    .map(|l| (l, ending.to_owned()))
                    .collect(),
                what,
            }));
        }
    }
    Err(problem(
        entry.key_line,
        format!(
            "no YAML scalar style writes the value of `{}` back unchanged",
            entry.key
        ),
    ))
}

struct Candidate {
    lines: Vec<String>,
    style: &'static str,
}

/// The ways to write `prefix` (`key:`) with the string `text`, most natural first.
fn scalar_candidates(
    prefix: &str,
    text: &str,
    entry_lines: &[Line<'_>],
    text_mode: bool,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    if !text.contains('\n') {
        if entry_lines.len() > 1 && !text_mode {
            let first = entry_lines[0]
                .content
                .get(prefix.len()..)
                .unwrap_or("")
                .trim_matches([' ', '\t']);
            let rest = entry_lines[1..]
                .iter()
                .map(|l| l.content.trim_matches([' ', '\t']));
            out.push(Candidate {
                lines: block_scalar(format!("{prefix} >-"), std::iter::once(first).chain(rest)),
                style: "a folded block scalar (`>-`), keeping its lines",
            });
        }
        if !text.is_empty() && text.trim_matches([' ', '\t']) == text {
            out.push(Candidate {
                lines: vec![format!("{prefix} {text}")],
                style: "a plain value",
            });
        }
        if text.contains('"') && !text.contains('\'') && !needs_escape(text) {
            out.push(Candidate {
                lines: vec![format!("{prefix} '{text}'")],
                style: "a single-quoted string",
            });
        }
    } else {
        let first_content = text.split('\n').find(|l| !l.is_empty()).unwrap_or("");
        let trailing = text.len() - text.trim_end_matches('\n').len();
        if !first_content.starts_with([' ', '\t']) && trailing <= 1 && !needs_escape(text) {
            let indicator = if trailing == 0 { "|-" } else { "|" };
            let lines = text.trim_end_matches('\n').split('\n');
            out.push(Candidate {
                lines: block_scalar(format!("{prefix} {indicator}"), lines),
                style: if trailing == 0 {
                    "a literal block scalar (`|-`), line by line"
                } else {
                    "a literal block scalar (`|`), line by line"
                },
            });
        }
    }
    out.push(Candidate {
        lines: vec![format!("{prefix} {}", double_quoted(text))],
        style: if text.contains('\n') {
            "one double-quoted string with `\\n` line breaks"
        } else {
            "a double-quoted string"
        },
    });
    out
}

/// A block scalar: its `header` line (`key: |-`), then `lines` indented by two spaces (blank
/// lines left empty).
fn block_scalar<'a>(header: String, lines: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut block = vec![header];
    block.extend(lines.map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!("  {line}")
        }
    }));
    block
}

/// Characters that only a double-quoted string can hold safely.
fn needs_escape(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\r')
            || (c.is_control() && c != '\t' && c != '\n')
    })
}

/// `text` as a YAML double-quoted string on one line.
fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            '\t' => out.push('\t'),
            c if c == '\u{feff}' || c.is_control() => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
