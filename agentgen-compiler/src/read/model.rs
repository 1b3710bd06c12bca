//! `model`: the aliases Claude Code resolves itself, and full model ids.
//!
//! Source: Claude Code 2.1.332. When loading, a string is trimmed and `inherit` in any letter
//! case becomes `inherit`; nothing else is checked. When the agent runs, the model string is
//! trimmed, lower-cased and stripped of `[1m]` and looked up among the aliases below; anything
//! else is sent to the API unchanged, and a few retired Opus ids are replaced by the current
//! Opus (`tests/probes/model`).

use super::{Field, Reader, Spanned};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::js_trim;
use crate::yaml::Value;

/// The model aliases Claude Code 2.1.332 resolves, with `inherit`, and the variant of
/// `agentgen::ModelAlias` for each (a test keeps both equal).
pub const MODEL_ALIASES: &[(&str, &str)] = &[
    ("sonnet", "Sonnet"),
    ("opus", "Opus"),
    ("haiku", "Haiku"),
    ("fable", "Fable"),
    ("best", "Best"),
    ("sonnet[1m]", "Sonnet1m"),
    ("opus[1m]", "Opus1m"),
    ("fable[1m]", "Fable1m"),
    ("opusplan", "Opusplan"),
    ("inherit", "Inherit"),
];

/// Model ids Claude Code replaces by the current Opus when the agent runs (on Anthropic's API).
const REMAPPED_OPUS_IDS: &[&str] = &[
    "claude-opus-4-20250514",
    "claude-opus-4-1-20250805",
    "claude-opus-4-0",
    "claude-opus-4-1",
];

/// The alias `model` names exactly (`sonnet`, `opus[1m]`, …): `(alias, ModelAlias variant)`.
pub fn model_alias(model: &str) -> Option<(&'static str, &'static str)> {
    MODEL_ALIASES
        .iter()
        .copied()
        .find(|(alias, _)| *alias == model)
}

/// How Claude Code resolves a model string when the agent runs.
enum Resolution {
    /// An alias, written exactly.
    Alias,
    /// An alias written in another letter case (`Sonnet`, `OPUS[1M]`): `(alias)`.
    AliasSpelledOtherwise(&'static str),
    /// Resolved like an alias once `[1m]` is stripped (`haiku[1m]`).
    AliasWithSuffix,
    /// A Claude model id, sent to the API as written.
    ClaudeId,
    /// A retired Opus id Claude Code replaces by the current Opus.
    RemappedOpus,
    /// Not a Claude model: sent to the API as written, which refuses it.
    NotClaude,
}

fn resolve(model: &str) -> Resolution {
    if model_alias(model).is_some() {
        return Resolution::Alias;
    }
    let lower = model.to_lowercase();
    if let Some((alias, _)) = model_alias(&lower) {
        return Resolution::AliasSpelledOtherwise(alias);
    }
    if lower
        .strip_suffix("[1m]")
        .is_some_and(|base| model_alias(base).is_some())
    {
        return Resolution::AliasWithSuffix;
    }
    if REMAPPED_OPUS_IDS.contains(&model) {
        return Resolution::RemappedOpus;
    }
    if is_claude_model_id(model) {
        return Resolution::ClaudeId;
    }
    Resolution::NotClaude
}

/// A Claude model id in one of the forms Anthropic's API, Bedrock and Vertex use
/// (`claude-sonnet-4-5`, `us.anthropic.claude-…`, `claude-…@20250929`, Bedrock ARNs).
fn is_claude_model_id(model: &str) -> bool {
    model.contains("claude")
        && model
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_:@/[]".contains(c))
}

/// `model` as Claude Code keeps it (trimmed; `inherit` in any case becomes `inherit`), with what
/// it does with it when the agent (or skill) runs.
pub(super) fn read_model(reader: &mut Reader, field: &Field) -> Option<Spanned<String>> {
    let path = reader.path();
    let kept = field
        .node
        .as_str()
        .map(js_trim)
        .filter(|m| !m.is_empty())
        .map(|m| {
            if m.eq_ignore_ascii_case("inherit") {
                "inherit".to_owned()
            } else {
                m.to_owned()
            }
        });
    let help = "use a model alias (`sonnet`, `opus`, `haiku`, `fable`, `best`, `opusplan`, `inherit`, or `sonnet[1m]`, `opus[1m]`, `fable[1m]`) or a Claude model id such as `claude-sonnet-4-5`";
    let Some(model) = kept else {
        // An empty value (`model:`, `model: ""`) reads as not set.
        if !matches!(field.node.value, Value::Null) && field.node.as_str() != Some("") {
            let found = match &field.node.value {
                Value::Str(_) => "a blank string".to_owned(),
                _ => field.node.type_name().to_owned(),
            };
            reader.push(
                Diagnostic::new(
                    Code::InvalidModel,
                    path,
                    format!("`model` must be a model name, found {found}"),
                )
                .at(field.span.clone())
                .note("Claude Code drops this value; the agent runs on the model of the conversation that starts it")
                .help(help),
            );
        }
        return None;
    };
    match resolve(&model) {
        Resolution::Alias | Resolution::AliasWithSuffix | Resolution::ClaudeId => {}
        Resolution::AliasSpelledOtherwise(alias) => reader.push(
            Diagnostic::new(
                Code::ModelAliasCase,
                path,
                format!("model alias `{alias}` written as `{model}`"),
            )
            .at(field.span.clone())
            .label(format!("Claude Code resolves this as `{alias}`"))
            .note("Claude Code matches aliases in any letter case when the agent runs; other tools read the text as written")
            .help(format!("write `{alias}`")),
        ),
        Resolution::RemappedOpus => reader.push(
            Diagnostic::new(
                Code::RemappedModel,
                path,
                format!("Claude Code runs the current Opus model instead of `{model}`"),
            )
            .at(field.span.clone())
            .label("a retired Opus id")
            .note("on Anthropic's API, Claude Code replaces this id by its current Opus model without a word")
            .help("write `opus` to say so, or a current Opus id"),
        ),
        Resolution::NotClaude => {
            let lower = model.to_lowercase();
            let alias_inside = MODEL_ALIASES
                .iter()
                .map(|(alias, _)| *alias)
                .find(|alias| lower.contains(alias) || strsim::levenshtein(&lower, alias) <= 2);
            let mut diag = Diagnostic::new(
                Code::InvalidModel,
                path,
                format!("`{model}` is not a Claude model"),
            )
            .at(field.span.clone())
            .label("neither a model alias nor a Claude model id")
            .note(format!(
                "Claude Code sends `{model}` to the API as the model id, unchanged: the API has no such model, so the agent fails each time it starts"
            ));
            diag = match alias_inside {
                Some(alias) => diag.help(format!("did you mean the alias `{alias}`?")),
                None => diag.help(help),
            };
            reader.push(diag);
        }
    }
    Some(Spanned {
        value: model,
        span: field.span.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_ids_and_other_models() {
        assert!(matches!(resolve("sonnet[1m]"), Resolution::Alias));
        assert!(matches!(resolve("fable"), Resolution::Alias));
        assert!(matches!(
            resolve("Sonnet[1M]"),
            Resolution::AliasSpelledOtherwise("sonnet[1m]")
        ));
        assert!(matches!(resolve("haiku[1m]"), Resolution::AliasWithSuffix));
        assert!(matches!(
            resolve("claude-sonnet-4-5-20250929"),
            Resolution::ClaudeId
        ));
        assert!(matches!(
            resolve("us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
            Resolution::ClaudeId
        ));
        assert!(matches!(
            resolve("claude-opus-4-1"),
            Resolution::RemappedOpus
        ));
        for other in ["gpt-4o", "fast", "default", "mythos", "opus-4.5", "GPT-4"] {
            assert!(matches!(resolve(other), Resolution::NotClaude), "{other}");
        }
    }
}
