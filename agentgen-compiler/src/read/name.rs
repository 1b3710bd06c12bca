//! `name` and `description`: what makes a file an agent, a skill or a command.
//!
//! Source: Claude Code 2.1.332 (`tests/probes/name`): an agent's name is never trimmed; it is
//! refused when it starts with `-`, is longer than 256 UTF-16 code units, or holds a character
//! that Unicode NFKC turns into `:` (the colon is reserved for plugin namespacing). A plugin
//! agent's, a skill's and a command's name is `String(name)`, ignored beyond 256 units; their
//! description is text, trimmed (a number or boolean as JavaScript writes it).

use super::fields::invalid_value;
use super::number::js_string;
use super::{Dialect, Field, Reader, Spanned};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::source::js_trim;
use crate::yaml::Value;

/// A project agent's `name`, `keys` the frontmatter's keys (for a `Name` written otherwise).
pub(super) fn read_name(
    reader: &mut Reader,
    field: Option<&Field>,
    keys: &[Spanned<String>],
) -> Option<Spanned<String>> {
    let path = reader.path();
    let help = "add a line `name: my-agent` (lower-case letters, digits and hyphens)";
    let Some(field) = field else {
        let capital = keys.iter().find(|k| k.value.eq_ignore_ascii_case("name"));
        let mut diag = Diagnostic::new(Code::MissingName, path, "agent has no `name`")
            .note("Claude Code skips a file without a `name` silently: the agent does not exist")
            .help(help);
        if let Some(key) = capital {
            diag = diag
                .at(key.span.clone())
                .label("keys are case-sensitive: this is not `name`");
        } else {
            diag = diag.at(reader.file_span(0..3));
        }
        reader.push(diag);
        return None;
    };
    match field.node.as_str() {
        Some(name) if !name.is_empty() => {
            for diag in name_problems(name, path) {
                reader.push(diag.at(field.span.clone()));
            }
            if name.starts_with('-') {
                reader.push(
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
            Some(Spanned {
                value: name.to_owned(),
                span: field.span.clone(),
            })
        }
        _ => {
            let what = if field.node.is_truthy() {
                "Claude Code rejects the file (\"Missing required name\")"
            } else {
                "Claude Code skips the file silently"
            };
            reader.push(
                Diagnostic::new(
                    Code::MissingName,
                    path,
                    format!("`name` must be a non-empty string, found {}", field.node.type_name()),
                )
                .at(field.span.clone())
                .note(what)
                .help(match &field.node.value {
                    Value::Null | Value::Str(_) => format!(
                        "write the agent's name after `name:`, in kebab-case: `name: {}`",
                        example_name(path)
                    ),
                    Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                        "quote the name if it is meant as one: `name: \"123\"`, or choose a kebab-case name".to_owned()
                    }
                    Value::Seq(_) | Value::Map(_) => format!(
                        "write one name as a string, in kebab-case: `name: {}`",
                        example_name(path)
                    ),
                }),
            );
            None
        }
    }
}

/// A name to show in a help: the file's own name when it is kebab-case (`reviewer.md`:
/// `reviewer`), else `code-reviewer`.
fn example_name(path: &str) -> &str {
    std::path::Path::new(path)
        .file_stem()
        .and_then(|stem| stem.to_str())
        .filter(|stem| crate::naming::is_kebab_case(stem))
        .unwrap_or("code-reviewer")
}

/// The longest name Claude Code loads, in UTF-16 code units (JavaScript's `length`).
pub(crate) const MAX_NAME_UTF16: usize = 256;

/// Characters whose Unicode NFKC form holds `:`: the colon, the presentation forms and small and
/// fullwidth colons, and `⩴` (`::=`). Claude Code checks the normalised name, so each of these
/// reserves the name for plugin namespacing (a test checks the set against NFKC itself).
pub(crate) const COLON_LIKE: &[char] = &[':', '\u{2a74}', '\u{fe13}', '\u{fe55}', '\u{ff1a}'];

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

/// A project agent's `description` (`\\n` escapes turned into line feeds), `name_span` where its
/// name is (for a missing description).
pub(super) fn read_description(
    reader: &mut Reader,
    field: Option<&Field>,
    name_span: Option<Span>,
) -> Option<Spanned<String>> {
    let path = reader.path();
    let note =
        "Claude Code rejects the file (\"Missing required description\"): the agent does not exist";
    let Some(field) = field else {
        reader.push(
            Diagnostic::new(Code::MissingDescription, path, "agent has no `description`")
                .at(name_span)
                .note(note)
                .help("add `description: …` saying when Claude should use this agent"),
        );
        return None;
    };
    match field.node.as_str() {
        Some(text) if !text.is_empty() => {
            report_placeholder_description(reader, field);
            Some(Spanned {
                // Most descriptions hold no `\`: no search for `\n` through them then.
                value: if text.contains('\\') {
                    text.replace("\\n", "\n")
                } else {
                    text.to_owned()
                },
                span: field.span.clone(),
            })
        }
        _ => {
            let found = match &field.node.value {
                Value::Str(_) => "an empty string".to_owned(),
                _ => field.node.type_name().to_owned(),
            };
            reader.push(
                Diagnostic::new(
                    Code::MissingDescription,
                    path,
                    format!("`description` must be a non-empty string, found {found}"),
                )
                .at(field.span.clone())
                .note(note)
                .help("write the description as text; quote it (`\"…\"`) if YAML reads it as a number or list"),
            );
            None
        }
    }
}

/// `placeholder-description`, when `field` is a description a template wrote.
pub(super) fn report_placeholder_description(reader: &mut Reader, field: &Field) {
    if !field.node.as_str().is_some_and(is_placeholder_description) {
        return;
    }
    reader.push(
        Diagnostic::new(
            Code::PlaceholderDescription,
            reader.path(),
            "the description is still a placeholder",
        )
        .at(field.span.clone())
        .label("written by a template")
        .note("Claude Code chooses the agent for a task from its description alone")
        .help("say when Claude should delegate to this agent: \"Use this agent after code changes to review the diff\""),
    );
}

/// `name` as Claude Code keeps it for a plugin agent, a skill or a command: `String(name)`, not
/// trimmed, when given, not empty and at most 256 UTF-16 units. A longer one is reported: Claude
/// Code names the file after `named_after` instead (the plugin agent's file, the skill's folder,
/// the command's path). A project agent's name is [`read_name`]'s.
pub(super) fn read_given_name(
    reader: &mut Reader,
    field: Option<&Field>,
    named_after: &str,
) -> Option<Spanned<String>> {
    let field = field?;
    if matches!(field.node.value, Value::Null) {
        return None;
    }
    let name = js_string(&field.node);
    let units = name.encode_utf16().count();
    if units <= MAX_NAME_UTF16 {
        return (!name.is_empty()).then(|| Spanned {
            value: name,
            span: field.span.clone(),
        });
    }
    let (noun, note, help) = match reader.dialect {
        Dialect::Project => return None,
        Dialect::Plugin { plugin, .. } => (
            "agent",
            format!(
                "Claude Code ignores it and names the plugin agent after its file, `{plugin}:{named_after}`"
            ),
            "shorten the name, or remove it to use the file's name",
        ),
        Dialect::Skill(kind) => (
            kind.noun(),
            format!(
                "Claude Code ignores this `name` and names the {} after its {}, `{named_after}`",
                kind.noun(),
                if kind.is_command() { "path" } else { "folder" },
            ),
            "shorten the name, or remove it to use the folder's name",
        ),
    };
    reader.push(
        Diagnostic::new(
            Code::InvalidName,
            reader.path(),
            format!("{noun} name is {units} characters long (UTF-16 units), over Claude Code's limit of {MAX_NAME_UTF16}"),
        )
        .at(field.span.clone())
        .note(note)
        .help(help),
    );
    None
}

/// A plugin agent's, a skill's or a command's description from `key`: text trimmed, a number or
/// boolean as JavaScript writes it; `None` when empty, `null`, or not text (reported).
pub(super) fn read_text_description(
    reader: &mut Reader,
    key: &str,
    field: &Field,
) -> Option<Spanned<String>> {
    let value = match &field.node.value {
        Value::Null => return None,
        Value::Str(text) => js_trim(text).to_owned(),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => js_string(&field.node),
        _ => {
            let what = format!("{}, not a text", field.node.type_name());
            let diagnostic = match reader.dialect {
                Dialect::Skill(_) => invalid_value(
                    reader,
                    key,
                    field,
                    &what,
                    "write the description as one line of text, or a block scalar `description: |`",
                )
                .note("Claude Code takes the description from the first line of the body instead"),
                _ => invalid_value(reader, key, field, &what, "write the description as text"),
            };
            reader.push(diagnostic);
            return None;
        }
    };
    (!value.is_empty()).then(|| Spanned {
        value,
        span: field.span.clone(),
    })
}

/// The start of the placeholder description `agentgen new` writes.
pub const PLACEHOLDER_DESCRIPTION_START: &str = "Use this agent when …";

/// Whether a description is a template's placeholder: it starts like `agentgen new`'s ("Use
/// this agent when …", also with `...`), or it is nothing but `TODO`, `TBD`, `FIXME`,
/// `<description>` or `Description here`. (None of the 697 corpus files matches.)
pub(crate) fn is_placeholder_description(text: &str) -> bool {
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
