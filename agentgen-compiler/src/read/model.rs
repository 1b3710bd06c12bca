//! `model`: the aliases Claude Code resolves and full model ids.

use super::{AgentFile, Field, Spanned};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::js_trim;
use crate::yaml::Value;

pub(super) fn read_model(file: &mut AgentFile, field: Option<Field>, path: &str) {
    let Some(field) = field else { return };
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
    let help = "use a model alias (`sonnet`, `opus`, `haiku`, `inherit`) or a Claude model id such as `claude-sonnet-4-5`";
    match kept {
        None => {
            if !matches!(field.node.value, Value::Null) {
                file.diag(
                    Diagnostic::new(
                        Code::InvalidModel,
                        path,
                        format!("`model` must be a string, found {}", field.node.type_name()),
                    )
                    .at(field.span.clone())
                    .note("Claude Code drops this value; the agent runs on the default model")
                    .help(help),
                );
            }
        }
        Some(model) => {
            if !is_valid_model(&model) {
                let lower = model.to_ascii_lowercase();
                let suggestion = ["sonnet", "opus", "haiku"]
                    .into_iter()
                    .find(|a| lower == *a || strsim::levenshtein(&lower, a) <= 2);
                let mut diag = Diagnostic::new(Code::InvalidModel, path, format!("unknown model `{model}`"))
                    .at(field.span.clone())
                    .label("not a model alias nor a Claude model id")
                    .note("Claude Code passes this value to the API unchanged, and the API does not know it");
                diag = match suggestion {
                    Some(alias) => {
                        diag.help(format!("did you mean `{alias}`? (aliases are lower case)"))
                    }
                    None => diag.help(help),
                };
                file.diag(diag);
            }
            file.model = Some(Spanned {
                value: model,
                span: field.span.clone(),
            });
        }
    }
}

/// A model alias, or a Claude model id (`claude-…`, including Bedrock/Vertex forms).
pub fn is_valid_model(model: &str) -> bool {
    matches!(
        model,
        "sonnet" | "opus" | "haiku" | "inherit" | "sonnet[1m]" | "opusplan" | "default"
    ) || (model.contains("claude")
        && model
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_:@/[]".contains(c)))
}
