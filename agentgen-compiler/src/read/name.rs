//! `name` and `description`: what makes a file an agent.
//!
//! Source: Claude Code 2.1.332 (`tests/probes/name`): a name is never trimmed; it is refused when
//! it starts with `-`, is longer than 256 UTF-16 code units, or holds a character that Unicode
//! NFKC turns into `:` (the colon is reserved for plugin namespacing).

use super::{AgentFile, Field, Spanned};
use crate::diagnostic::{Code, Diagnostic};
use crate::yaml::Value;

pub(super) fn read_name(file: &mut AgentFile, field: Option<Field>, path: &str) {
    let help = "add a line `name: my-agent` (lower-case letters, digits and hyphens)";
    let Some(field) = field else {
        let capital = file
            .keys
            .iter()
            .find(|k| k.value.eq_ignore_ascii_case("name"))
            .cloned();
        let mut diag = Diagnostic::new(Code::MissingName, path, "agent has no `name`")
            .note("Claude Code skips a file without a `name` silently: the agent does not exist")
            .help(help);
        if let Some(key) = capital {
            diag = diag
                .at(key.span)
                .label("keys are case-sensitive: this is not `name`");
        } else {
            diag = diag.at(file.span_of_bytes(0..3));
        }
        file.diag(diag);
        return;
    };
    match field.node.as_str() {
        Some(name) if !name.is_empty() => {
            for diag in name_problems(name, path) {
                file.diag(diag.at(field.span.clone()));
            }
            if name.starts_with('-') {
                file.diag(
                    Diagnostic::new(
                        Code::InvalidName,
                        path,
                        format!("agent name `{name}` starts with `-`"),
                    )
                    .at(field.span.clone())
                    .note("Claude Code rejects names starting with `-` and does not load the agent")
                    .help(format!(
                        "rename it, e.g. `{}`",
                        name.trim_start_matches('-')
                    )),
                );
            }
            file.name = Some(Spanned {
                value: name.to_owned(),
                span: field.span.clone(),
            });
        }
        _ => {
            let what = if field.node.is_truthy() {
                "Claude Code rejects the file (\"Missing required name\")"
            } else {
                "Claude Code skips the file silently"
            };
            file.diag(
                Diagnostic::new(
                    Code::MissingName,
                    path,
                    format!("`name` must be a non-empty string, found {}", field.node.type_name()),
                )
                .at(field.span.clone())
                .note(what)
                .help("quote the name if it looks like a number: `name: \"123\"`, or choose a kebab-case name"),
            );
        }
    }
}

/// The longest name Claude Code loads, in UTF-16 code units (JavaScript's `length`).
pub const MAX_NAME_UTF16: usize = 256;

/// Characters whose Unicode NFKC form holds `:`: the colon, the presentation forms and small and
/// fullwidth colons, and `⩴` (`::=`). Claude Code checks the normalised name, so each of these
/// reserves the name for plugin namespacing (a test checks the set against NFKC itself).
pub const COLON_LIKE: &[char] = &[':', '\u{2a74}', '\u{fe13}', '\u{fe55}', '\u{ff1a}'];

/// Why Claude Code refuses `name` beyond a leading `-`: too long, or holding a colon.
fn name_problems(name: &str, path: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let units = name.encode_utf16().count();
    if units > MAX_NAME_UTF16 {
        problems.push(
            Diagnostic::new(
                Code::InvalidName,
                path,
                format!("agent name is {units} characters long, over Claude Code's limit of {MAX_NAME_UTF16}"),
            )
            .label("too long")
            .note("Claude Code rejects the file (\"names must be at most 256 characters\", counted in UTF-16 units) and does not load the agent")
            .help("choose a shorter name; put the details in `description`"),
        );
    }
    if let Some(colon) = name.chars().find(|c| COLON_LIKE.contains(c)) {
        let what = if colon == ':' {
            "`:`".to_owned()
        } else {
            format!(
                "`{colon}` (U+{:04X}, a colon after Unicode normalisation)",
                u32::from(colon)
            )
        };
        problems.push(
            Diagnostic::new(
                Code::InvalidName,
                path,
                format!("agent name `{name}` contains {what}"),
            )
            .label("`:` is reserved for plugin namespacing")
            .note("Claude Code rejects the file and does not load the agent; plugin agents are named `plugin:name` by Claude Code itself")
            .help(format!(
                "write the name without `:` (e.g. `{}`); to group agents, use packs (`packs = true`: agentgen names them `pack:name`)",
                name.replace(COLON_LIKE, "-")
            )),
        );
    }
    problems
}

/// Whether Claude Code refuses a string name that does not start with `-`.
pub(super) fn is_refused_name(name: &str) -> bool {
    name.encode_utf16().count() > MAX_NAME_UTF16 || name.contains(COLON_LIKE)
}

pub(super) fn read_description(file: &mut AgentFile, field: Option<Field>, path: &str) {
    let note =
        "Claude Code rejects the file (\"Missing required description\"): the agent does not exist";
    let Some(field) = field else {
        let at = file.name.as_ref().and_then(|n| n.span.clone());
        file.diag(
            Diagnostic::new(Code::MissingDescription, path, "agent has no `description`")
                .at(at)
                .note(note)
                .help("add `description: …` saying when Claude should use this agent"),
        );
        return;
    };
    match field.node.as_str() {
        Some(text) if !text.is_empty() => {
            if is_placeholder_description(text) {
                file.diag(
                    Diagnostic::new(
                        Code::PlaceholderDescription,
                        path,
                        "the description is still a placeholder",
                    )
                    .at(field.span.clone())
                    .label("written by a template")
                    .note("Claude Code chooses the agent for a task from its description alone")
                    .help("say when Claude should delegate to this agent: \"Use this agent after code changes to review the diff\""),
                );
            }
            file.description = Some(Spanned {
                value: text.replace("\\n", "\n"),
                span: field.span.clone(),
            });
        }
        _ => {
            let found = match &field.node.value {
                Value::Str(_) => "an empty string".to_owned(),
                _ => field.node.type_name().to_owned(),
            };
            file.diag(
                Diagnostic::new(
                    Code::MissingDescription,
                    path,
                    format!("`description` must be a non-empty string, found {found}"),
                )
                .at(field.span.clone())
                .note(note)
                .help("write the description as text; quote it (`\"…\"`) if YAML reads it as a number or list"),
            );
        }
    }
}

/// The start of the placeholder description `agentgen new` writes.
pub const PLACEHOLDER_DESCRIPTION_START: &str = "Use this agent when …";

/// Whether a description is a template's placeholder: it starts like `agentgen new`'s ("Use
/// this agent when …", also with `...`), or it is nothing but `TODO`, `TBD`, `FIXME`,
/// `<description>` or `Description here`. (None of the 697 corpus files matches.)
pub fn is_placeholder_description(text: &str) -> bool {
    let text = text.trim();
    let lower = text.to_lowercase();
    lower.starts_with(&PLACEHOLDER_DESCRIPTION_START.to_lowercase())
        || lower.starts_with("use this agent when ...")
        || matches!(
            lower.trim_matches(|c: char| c == '.' || c == ':' || c.is_whitespace()),
            "todo" | "tbd" | "fixme" | "<description>" | "[description]" | "description here"
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn placeholders_are_templates_only() {
        for text in [
            "Use this agent when … (say when Claude should delegate to x)",
            "use this agent when ...",
            "TODO",
            " tbd. ",
            "<description>",
        ] {
            assert!(is_placeholder_description(text), "{text:?}");
        }
        for text in [
            "Use this agent when the tests fail",
            "Manages TODO lists",
            "Use this agent when… you need it",
        ] {
            assert!(!is_placeholder_description(text), "{text:?}");
        }
    }

    #[test]
    fn colon_like_characters_are_exactly_those_nfkc_makes_colons() {
        let from_nfkc: Vec<char> = (0..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|c| std::iter::once(*c).nfkc().any(|d| d == ':'))
            .collect();
        let mut table = COLON_LIKE.to_vec();
        table.sort_unstable();
        assert_eq!(table, from_nfkc);
    }

    #[test]
    fn names_claude_code_refuses() {
        assert!(is_refused_name("team:reviewer"));
        assert!(is_refused_name("team\u{ff1a}reviewer"));
        assert!(is_refused_name(&"a".repeat(257)));
        assert!(!is_refused_name(&"a".repeat(256)));
        // 128 emoji are 256 UTF-16 units; 129 are too many.
        assert!(!is_refused_name(&"😀".repeat(128)));
        assert!(is_refused_name(&"😀".repeat(129)));
        // Measured before NFKC: 256 `ﬁ` (each `fi` after NFKC) pass.
        assert!(!is_refused_name(&"\u{fb01}".repeat(256)));
        assert!(
            !is_refused_name("team\u{2236}reviewer"),
            "RATIO is not a colon"
        );
    }
}
