//! The frontmatter mapping as Claude Code reads it, in every dialect: keys (last occurrence wins,
//! earlier ones reported), values too deep to generate, near misses of known keys, and the
//! small readings the field readers share.

use std::collections::HashMap;

use super::number::js_string;
use super::{Dialect, Field, Reader, Spanned};
use crate::diagnostic::{Code, Diagnostic, Related};
use crate::registry::KNOWN_KEYS;
use crate::source::js_trim;
use crate::yaml::{Node, Value};

/// The frontmatter's fields: the last occurrence of each key, in file order.
pub(super) struct Fields {
    entries: Vec<(String, Field)>,
}

impl Fields {
    /// The fields of the mapping `entries`. A key given twice keeps its last value; each earlier
    /// one is reported as `duplicate-key`. (A hash index keeps this linear: frontmatter may hold
    /// tens of thousands of keys.)
    pub fn read(reader: &mut Reader, entries: Vec<(Node, Node)>) -> Fields {
        let mut slots: Vec<Option<(String, Field)>> = Vec::new();
        let mut live: HashMap<String, usize> = HashMap::new();
        for (key, value) in entries {
            let key_text = key.key_text();
            let field = Field {
                span: reader.yaml_span(value.span.clone()),
                key_span: reader.yaml_span(key.span.clone()),
                node: value,
            };
            if let Some((_, first)) = live
                .get(&key_text)
                .and_then(|&index| slots.get_mut(index))
                .and_then(Option::take)
            {
                let diagnostic = duplicate_key(reader, &key_text, &field, &first);
                reader.push(diagnostic);
            }
            live.insert(key_text.clone(), slots.len());
            slots.push(Some((key_text, field)));
        }
        Fields {
            entries: slots.into_iter().flatten().collect(),
        }
    }

    /// The field of `key`.
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, field)| field)
    }

    /// The keys and their fields, in file order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Field)> {
        self.entries
            .iter()
            .map(|(key, field)| (key.as_str(), field))
    }

    /// The keys with their places, in file order.
    pub fn keys(&self) -> Vec<Spanned<String>> {
        self.entries
            .iter()
            .map(|(key, field)| Spanned {
                value: key.clone(),
                span: field.key_span.clone(),
            })
            .collect()
    }
}

/// `duplicate-key`: `key` given again as `field` after `first`.
fn duplicate_key(reader: &Reader, key: &str, field: &Field, first: &Field) -> Diagnostic {
    let multiline_description =
        reader.dialect.is_agent() && (key == "user" || key == "assistant" || key == "Context");
    let path = reader.path();
    Diagnostic::new(Code::DuplicateKey, path, format!("key `{key}` is given twice"))
        .at(field.key_span.clone())
        .label("this value replaces the earlier one")
        .related(Related {
            file: path.to_owned(),
            span: first.key_span.clone(),
            message: "first given here; Claude Code silently drops that value".into(),
        })
        .help(if multiline_description {
            "these lines belong to a multi-line description: indent them under a block scalar `description: |`"
        } else {
            "keep one of the two"
        })
}

/// How deeply a frontmatter value may nest lists and mappings for agentgen to generate it.
/// The generated code nests one expression per level, and parsing or formatting it recurses:
/// at about 80 levels syn overflows a 2 MiB thread stack in a debug build. YAML itself is
/// capped at 255 levels by the parser; real agent files nest 5 levels at most.
pub const MAX_VALUE_NESTING: usize = 32;

/// Levels of lists and mappings in `node` (0 for a scalar).
pub(super) fn nesting(node: &Node) -> usize {
    match &node.value {
        Value::Seq(items) => 1 + items.iter().map(nesting).max().unwrap_or(0),
        Value::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| nesting(k).max(nesting(v)))
                .max()
                .unwrap_or(0)
        }
        _ => 0,
    }
}

/// Whether agentgen generates `node`: it nests at most [`MAX_VALUE_NESTING`] levels.
pub(super) fn fits(node: &Node) -> bool {
    nesting(node) <= MAX_VALUE_NESTING
}

/// Reports the values nested deeper than [`MAX_VALUE_NESTING`] as errors (the callers leave
/// them out of what is generated with [`fits`]). Keys the dialect ignores are not reported.
pub(super) fn report_deep_values(reader: &mut Reader, fields: &Fields) {
    for (key, field) in fields.iter() {
        let depth = nesting(&field.node);
        if depth <= MAX_VALUE_NESTING || reader.dialect.ignores(key) {
            continue;
        }
        let levels = format!("agentgen generates at most {MAX_VALUE_NESTING} levels");
        let diagnostic = match reader.dialect {
            Dialect::Skill(_) => invalid_value(
                reader,
                key,
                field,
                &format!("it nests lists and mappings {depth} levels deep"),
                "flatten the value",
            ),
            _ => Diagnostic::new(
                Code::InvalidField,
                reader.path(),
                format!("`{key}` nests lists and mappings {depth} levels deep"),
            )
            .at(field.span.clone())
            .note("Claude Code reads the value; agentgen cannot generate it safely")
            .help("flatten the value"),
        };
        reader.push(diagnostic.label(levels));
    }
}

/// `invalid-field` for a skill's or command's value that Claude Code ignores: `invalid `key`:
/// what`, and how to write it.
pub(super) fn invalid_value(
    reader: &Reader,
    key: &str,
    field: &Field,
    what: &str,
    help: &str,
) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidField,
        reader.path(),
        format!("invalid `{key}`: {what}"),
    )
    .at(field.span.clone())
    .note("Claude Code ignores this value")
    .help(help.to_owned())
}

/// The key Claude Code 2.1.332 suggests for an unknown frontmatter key (the did-you-mean of its
/// debug log): a fixed hint for
/// skill keys (`allowed-tools` → `tools`, `when_to_use` → `description`; none for `mode`), then a
/// known key equal once `-` and `_` are removed and case is ignored (`Tools`, `max_turns`), then
/// the nearest known key within two edits (length differing by two at most: `toolz`, `colour`).
pub fn key_hint(key: &str) -> Option<&'static str> {
    // The key without `-` and `_`, in lower case, compared character by character (no
    // allocation per known key: this runs for every key Claude Code does not read).
    let folded = |k: &str| {
        k.chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let key_folded = folded(key);
    match key_folded.as_str() {
        "allowedtools" => return Some("tools"),
        "whentouse" => return Some("description"),
        "mode" => return None,
        _ => {}
    }
    let same_folded = |known: &str| {
        known
            .chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
            .eq(key_folded.chars())
    };
    if let Some(known) = KNOWN_KEYS.iter().find(|k| same_folded(k)) {
        return Some(known);
    }
    let key_len = key.encode_utf16().count();
    KNOWN_KEYS
        .iter()
        .filter(|known| known.len().abs_diff(key_len) <= 2 && may_be_within_two_edits(key, known))
        .map(|known| (strsim::osa_distance(key, known), *known))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, known)| known)
}

/// Whether `a` and `b` may be within two edits of each other (optimal string alignment: an
/// insertion, deletion, substitution or transposition each), by a bound cheaper than the
/// distance: an edit changes the characters' counts by at most two, so two strings whose counts
/// differ by more than four are further apart. `true` when unsure (non-ASCII text).
fn may_be_within_two_edits(a: &str, b: &str) -> bool {
    if !a.is_ascii() || !b.is_ascii() {
        return true;
    }
    let mut counts = [0i32; 128];
    for byte in a.bytes() {
        counts[usize::from(byte)] += 1;
    }
    for byte in b.bytes() {
        counts[usize::from(byte)] -= 1;
    }
    let difference: u32 = counts.iter().map(|c| c.unsigned_abs()).sum();
    difference <= 4
}

/// A key without `-` and `_`, in lower case (`cache_TTL` → `cachettl`).
pub(super) fn folded_key(key: &str) -> String {
    key.chars()
        .filter(|c| *c != '-' && *c != '_')
        .collect::<String>()
        .to_lowercase()
}

/// A value as messages show it: a scalar in backticks as JavaScript writes it, else its type.
pub(super) fn describe(node: &Node) -> String {
    match &node.value {
        Value::Str(s) => format!("`{s}`"),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => format!("`{}`", js_string(node)),
        _ => node.type_name().to_owned(),
    }
}

/// The flag value of Claude Code's readers: a boolean as it is; a string or number whose text,
/// lower case and trimmed, is `1`, `true`, `yes`, `on` (true) or `0`, `false`, `no`, `off`
/// (false); `None` for anything else.
pub(super) fn flag(node: &Node) -> Option<bool> {
    match &node.value {
        Value::Bool(b) => Some(*b),
        Value::Str(_) | Value::Int(_) | Value::Float(_) => {
            match js_trim(&js_string(node).to_lowercase()) {
                "1" | "true" | "yes" | "on" => Some(true),
                "0" | "false" | "no" | "off" => Some(false),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bound never leaves out a known key within two edits: for keys made from every known
    /// key by one and two edits (and for unrelated words), it says "may be" wherever the
    /// distance is two or less.
    #[test]
    fn the_bound_keeps_every_key_within_two_edits() {
        let mut keys: Vec<String> = vec!["category".into(), "version".into(), "tags".into()];
        for known in KNOWN_KEYS {
            let chars: Vec<char> = known.chars().collect();
            for i in 0..chars.len() {
                let mut deleted = chars.clone();
                deleted.remove(i);
                keys.push(deleted.iter().collect());
                let mut substituted = chars.clone();
                substituted[i] = 'x';
                keys.push(substituted.iter().collect());
                if i + 1 < chars.len() {
                    let mut swapped = chars.clone();
                    swapped.swap(i, i + 1);
                    keys.push(swapped.iter().collect());
                    let mut both = swapped;
                    both.insert(0, 'q');
                    keys.push(both.iter().collect());
                }
            }
        }
        let mut within = 0;
        for key in &keys {
            for known in KNOWN_KEYS {
                if strsim::osa_distance(key, known) <= 2 {
                    within += 1;
                    assert!(may_be_within_two_edits(key, known), "{key} / {known}");
                }
            }
        }
        assert!(within > 100, "{within}");
        assert!(!may_be_within_two_edits("category", "color"));
        assert_eq!(key_hint("colour"), Some("color"));
        assert_eq!(key_hint("toolz"), Some("tools"));
        assert_eq!(key_hint("category"), None);
    }
}
