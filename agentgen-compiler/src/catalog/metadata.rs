//! Checking each agent file against the catalog's `[metadata]` schema: typed values for the
//! generator, and `missing-metadata`, `invalid-metadata` and `unknown-key` diagnostics at the
//! key or the value.

use std::ops::Range;

use crate::config::metadata::{
    IntegerType, KeySchema, MetaValue, MetadataSchema, Presence, ScalarType, semver,
};
use crate::config::toml_key;
use crate::diagnostic::{Code, Diagnostic, Related, Span};
use crate::read::{AgentFile, hooks, key_hint};
use crate::registry::COLLABORATOR_KEYS;
use crate::yaml::{Node, Value};

/// One declared key's value in one agent file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetadataSlot {
    /// Given, and of the declared type.
    Given(MetaValue),
    /// Not given, or given as null: the default, `None`, or (a required key) reported.
    Absent,
    /// Given with a value of another type (reported): generated as if absent.
    Invalid,
}

/// Checks every agent file Claude Code loads against `schema`: one list of slots per file (in
/// the order of `files`; `None` for files that are no agent), in the order of the schema's
/// keys. Diagnostics go to `diagnostics`; `config_display` is the path of agentgen.toml in
/// messages.
pub(crate) fn check_catalog(
    schema: &MetadataSchema,
    files: &[AgentFile],
    config_display: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Option<Vec<MetadataSlot>>> {
    files
        .iter()
        .map(|file| {
            file.is_accepted()
                .then(|| check_file(schema, file, config_display, diagnostics))
        })
        .collect()
}

fn check_file(
    schema: &MetadataSchema,
    file: &AgentFile,
    config_display: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<MetadataSlot> {
    let yaml_offset = crate::frontmatter::split(&file.source.text).map_or(0, |b| b.yaml_offset);
    let span_of = |range: &Range<usize>| -> Option<Span> {
        let location = file
            .source
            .span(yaml_offset + range.start..yaml_offset + range.end);
        Some(location)
    };
    let key_span = |key: &str| {
        file.keys
            .iter()
            .find(|k| k.value == key)
            .and_then(|k| k.span.clone())
    };
    // Undeclared keys first: a missing key's help names a near miss among them.
    let mut near_misses: Vec<(String, &KeySchema)> = Vec::new();
    for (key, _) in &file.extra {
        if schema.knows(key) || reported_elsewhere(key) {
            continue;
        }
        let near = nearest_key(key, schema);
        if let Some(declared) = near {
            near_misses.push((key.clone(), declared));
        }
        let mut diagnostic = Diagnostic::new(
            Code::UnknownKey,
            file.path(),
            format!("`{key}` is not a key of the catalog's metadata schema"),
        )
        .at(key_span(key))
        .label(format!("not declared in `[metadata]` of {config_display}"))
        .note("Claude Code ignores it, and agentgen keeps it untyped in `AgentSpec::extra`");
        diagnostic = match near {
            Some(declared) => diagnostic.help(format!("did you mean `{}`?", declared.key)),
            None => diagnostic.help(format!(
                "declare it in `[metadata]` of {config_display} (e.g. `{} = \"string\"`), or remove it",
                toml_key(key)
            )),
        };
        diagnostics.push(diagnostic);
    }
    let written = Written {
        text: &file.source.text,
        offset: yaml_offset,
    };
    let mut slots = Vec::with_capacity(schema.keys.len());
    for declared in &schema.keys {
        let given = file.extra.iter().find(|(k, _)| *k == declared.key);
        let slot = match given {
            Some((_, node)) if !matches!(node.value, Value::Null) => {
                match typed(declared, node, &written) {
                    Ok(value) => MetadataSlot::Given(value),
                    Err(problem) => {
                        let span = span_of(&problem.span).or_else(|| key_span(&declared.key));
                        let mut diagnostic =
                            Diagnostic::new(Code::InvalidMetadata, file.path(), problem.message)
                                .at(span)
                                .label(problem.label)
                                .help(problem.help)
                                .related(declaration(declared, config_display));
                        if let Some(note) = problem.note {
                            diagnostic = diagnostic.note(note);
                        }
                        diagnostics.push(diagnostic);
                        MetadataSlot::Invalid
                    }
                }
            }
            // Given, but left out of `extra` (nested too deep: reported as `invalid-field`).
            None if key_span(&declared.key).is_some() => MetadataSlot::Invalid,
            _ => {
                if declared.presence == Presence::Required {
                    let near = near_misses
                        .iter()
                        .find(|(_, d)| d.key == declared.key)
                        .map(|(written, _)| written);
                    let help = match near {
                        Some(written) => format!("rename `{written}` to `{}`", declared.key),
                        None => format!(
                            "add `{}: …` ({}), or declare it with `required = false` or a `default` in {config_display}",
                            declared.key,
                            expected(declared)
                        ),
                    };
                    let at = given
                        .and_then(|_| key_span(&declared.key))
                        .or_else(|| file.name.as_ref().and_then(|n| n.span.clone()));
                    diagnostics.push(
                        Diagnostic::new(
                            Code::MissingMetadata,
                            file.path(),
                            format!(
                                "this agent has no `{}`, which the catalog's metadata schema requires",
                                declared.key
                            ),
                        )
                        .at(at)
                        .label(if given.is_some() {
                            format!("`{}` is null", declared.key)
                        } else {
                            format!("no `{}` in this frontmatter", declared.key)
                        })
                        .related(declaration(declared, config_display))
                        .help(help),
                    );
                }
                MetadataSlot::Absent
            }
        };
        slots.push(slot);
    }
    slots
}

/// Where `declared` is declared, as a related place.
fn declaration(declared: &KeySchema, config_display: &str) -> Related {
    Related {
        file: config_display.to_owned(),
        span: declared.span.clone(),
        message: format!(
            "`{}` is declared here as `{}`{}",
            declared.key,
            declared.ty.spelling(),
            match declared.presence {
                Presence::Required => ", required",
                Presence::Optional => ", optional",
                Presence::Default(_) => " with a default",
            }
        ),
    }
}

/// Undeclared keys with a diagnostic of their own (`misspelled-key`, `misplaced-hook`,
/// `invalid-hooks`, `ignored-value`) or a meaning to agentgen (collaborators).
fn reported_elsewhere(key: &str) -> bool {
    COLLABORATOR_KEYS.contains(&key)
        || hooks::HOOK_EVENTS.contains(&key)
        || key == "cacheTtl"
        || key_hint(key).is_some()
}

/// The declared key `key` was probably meant to be: equal once `-`, `_` and case are ignored,
/// else the nearest within two edits (and less than half the key).
fn nearest_key<'s>(key: &str, schema: &'s MetadataSchema) -> Option<&'s KeySchema> {
    let normal = |k: &str| {
        k.chars()
            .filter(|c| *c != '_' && *c != '-')
            .collect::<String>()
            .to_lowercase()
    };
    let key_normal = normal(key);
    if let Some(declared) = schema.keys.iter().find(|k| normal(&k.key) == key_normal) {
        return Some(declared);
    }
    let length = key.chars().count();
    schema
        .keys
        .iter()
        .map(|k| (strsim::osa_distance(key, &k.key), k))
        .filter(|(distance, _)| *distance <= 2 && distance * 2 < length)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// What a value of the key is (`an integer from 0 to 255 (u8)`, `a list of strings`).
fn expected(declared: &KeySchema) -> String {
    if declared.ty.list {
        format!("a list of {}", plural(&declared.ty.scalar))
    } else {
        declared.ty.scalar.expected()
    }
}

fn plural(scalar: &ScalarType) -> String {
    match scalar {
        ScalarType::String => "strings".to_owned(),
        ScalarType::Bool => "booleans".to_owned(),
        ScalarType::Integer(int) => format!("{} integers", int.spelling()),
        ScalarType::F64 => "numbers".to_owned(),
        ScalarType::Semver => "semantic versions".to_owned(),
        ScalarType::Enum(values) => format!("values among {}", values.listed()),
    }
}

/// What is wrong with a value.
struct Problem {
    /// Byte range in the frontmatter text.
    span: Range<usize>,
    message: String,
    label: String,
    help: String,
    note: Option<String>,
}

/// The frontmatter's text, to quote values as written (`1.10`, not the number's `1.1`).
struct Written<'a> {
    text: &'a str,
    /// Where the YAML text starts in `text` (node spans are relative to it).
    offset: usize,
}

impl Written<'_> {
    /// The value as written, else as YAML read it.
    fn of(&self, node: &Node) -> String {
        self.text
            .get(self.offset + node.span.start..self.offset + node.span.end)
            .filter(|text| !text.is_empty())
            .map(str::to_owned)
            .or_else(|| scalar_text(node))
            .unwrap_or_default()
    }
}

/// The value of `node` for `declared`, or what is wrong with it.
fn typed(declared: &KeySchema, node: &Node, written: &Written<'_>) -> Result<MetaValue, Problem> {
    let key = &declared.key;
    if !declared.ty.list {
        return scalar(key, &declared.ty.scalar, node, false, written);
    }
    match &node.value {
        Value::Seq(items) => items
            .iter()
            .map(|item| scalar(key, &declared.ty.scalar, item, true, written))
            .collect::<Result<Vec<_>, _>>()
            .map(MetaValue::List),
        _ => Err(Problem {
            span: node.span.clone(),
            message: format!(
                "`{key}` must be {}, not {}",
                expected(declared),
                node.type_name()
            ),
            label: format!("{} where a list belongs", node.type_name()),
            help: format!(
                "write a list: `{key}: [{}]`, or one `- item` line per item under `{key}:`",
                if scalar_text(node).is_some() {
                    written.of(node)
                } else {
                    "…".to_owned()
                }
            ),
            note: None,
        }),
    }
}

/// A scalar's text as YAML read it (for help texts), when it is a scalar.
fn scalar_text(node: &Node) -> Option<String> {
    match &node.value {
        Value::Str(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(crate::yaml::js_number_text(*f)),
        _ => None,
    }
}

fn scalar(
    key: &str,
    ty: &ScalarType,
    node: &Node,
    item: bool,
    written: &Written<'_>,
) -> Result<MetaValue, Problem> {
    let what = if item {
        format!("an item of `{key}`")
    } else {
        format!("`{key}`")
    };
    let wrong_type = |help: String| Problem {
        span: node.span.clone(),
        message: format!("{what} must be {}, not {}", ty.expected(), node.type_name()),
        label: format!("{}, not {}", node.type_name(), short(ty)),
        help,
        note: None,
    };
    match (ty, &node.value) {
        (ScalarType::String, Value::Str(s)) => Ok(MetaValue::Str(s.clone())),
        (ScalarType::String, Value::Bool(_) | Value::Int(_) | Value::Float(_)) => {
            let text = written.of(node);
            Err(wrong_type(format!(
                "quote it to make it a string: `\"{text}\"`"
            )))
        }
        (ScalarType::Bool, Value::Bool(b)) => Ok(MetaValue::Bool(*b)),
        (ScalarType::Bool, Value::Str(s))
            if matches!(
                s.to_lowercase().as_str(),
                "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
            ) =>
        {
            let meant = matches!(s.to_lowercase().as_str(), "true" | "yes" | "on" | "y");
            Err(wrong_type(format!("write `{meant}`, without quotes")))
        }
        (ScalarType::Integer(int), Value::Int(n)) => {
            if int.holds(i128::from(*n)) {
                Ok(MetaValue::Int(*n))
            } else {
                let wider = IntegerType::ALL
                    .iter()
                    .find(|t| t.holds(i128::from(*n)) && t.min() <= int.min())
                    .map(|t| {
                        format!(
                            ", or declare `{key}` as `{}` in agentgen.toml",
                            t.spelling()
                        )
                    })
                    .unwrap_or_default();
                Err(Problem {
                    span: node.span.clone(),
                    message: format!(
                        "{what} is {n}, out of the range of {} ({} to {})",
                        int.spelling(),
                        int.min(),
                        int.max()
                    ),
                    label: format!("out of range for {}", int.spelling()),
                    help: format!("give an integer from {} to {}{wider}", int.min(), int.max()),
                    note: None,
                })
            }
        }
        (ScalarType::Integer(_), Value::Str(s)) if s.trim().parse::<i128>().is_ok() => Err(
            wrong_type(format!("write the number without quotes: `{}`", s.trim())),
        ),
        (ScalarType::Integer(_), Value::Float(f)) if f.is_finite() && f.fract() == 0.0 => Err(
            wrong_type(format!("write it as an integer: `{}`", *f as i128)),
        ),
        (ScalarType::F64, Value::Float(f)) => Ok(MetaValue::f64(*f)),
        (ScalarType::F64, Value::Int(n)) => Ok(MetaValue::f64(*n as f64)),
        (ScalarType::F64, Value::Str(s)) if s.trim().parse::<f64>().is_ok() => Err(wrong_type(
            format!("write the number without quotes: `{}`", s.trim()),
        )),
        (ScalarType::Semver, Value::Str(s)) => {
            semver::parse(s)
                .map(MetaValue::Version)
                .map_err(|e| Problem {
                    span: node.span.clone(),
                    message: format!("{what} is not a semantic version: {e}"),
                    label: "not MAJOR.MINOR.PATCH[-pre-release][+build]".to_owned(),
                    help: "write a SemVer 2.0.0 version, e.g. `1.0.0` or `2.1.0-beta.1`".to_owned(),
                    note: Some("Source: https://semver.org/spec/v2.0.0.html".to_owned()),
                })
        }
        (ScalarType::Semver, Value::Int(_) | Value::Float(_)) => {
            let text = written.of(node);
            let parts = text.split('.').count();
            let help = if parts < 3 && text.chars().all(|c| c.is_ascii_digit() || c == '.') {
                let padded = format!("{text}{}", ".0".repeat(3 - parts));
                format!(
                    "a version has three parts: `{key}: {padded}` (YAML reads that as a string)"
                )
            } else {
                format!("write it as a string: `{key}: \"{text}\"`")
            };
            Err(Problem {
                note: Some(format!("YAML reads `{text}` as a number, not as text")),
                ..wrong_type(help)
            })
        }
        (ScalarType::Enum(values), Value::Str(s)) => {
            match values.values.iter().position(|v| v == s) {
                Some(index) => Ok(MetaValue::Enum(index)),
                None => {
                    let near = values
                        .values
                        .iter()
                        .find(|v| v.to_lowercase() == s.to_lowercase())
                        .or_else(|| {
                            values
                                .values
                                .iter()
                                .map(|v| (strsim::osa_distance(v, s), v))
                                .filter(|(d, _)| *d <= 2 && d * 2 < s.chars().count())
                                .min_by_key(|(d, _)| *d)
                                .map(|(_, v)| v)
                        });
                    let help = match near {
                        Some(value) => format!("did you mean `{value}`?"),
                        None => format!("write one of {}", values.listed()),
                    };
                    Err(Problem {
                        span: node.span.clone(),
                        message: format!("{what} is `{s}`, which is not one of its values"),
                        label: format!("not a value of `{key}`"),
                        help,
                        note: Some(format!(
                            "the values are {}; add it to `enum` of `{key}` in agentgen.toml if it is new",
                            values.listed()
                        )),
                    })
                }
            }
        }
        _ => Err(wrong_type(format!("give {}", ty.expected()))),
    }
}

/// A short name of the type, for labels.
fn short(ty: &ScalarType) -> String {
    match ty {
        ScalarType::String => "a string".to_owned(),
        ScalarType::Bool => "a boolean".to_owned(),
        ScalarType::Integer(int) => format!("an integer ({})", int.spelling()),
        ScalarType::F64 => "a number".to_owned(),
        ScalarType::Semver => "a version string".to_owned(),
        ScalarType::Enum(_) => "a value of the enum".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::metadata::parse_schema;
    use crate::read::read_agent;
    use crate::source::SourceFile;

    const SCHEMA: &str = "[metadata]\n\
        category = { enum = [\"architecture\", \"engineering\"] }\n\
        tags = { type = \"[string]\", default = [] }\n\
        version = { type = \"semver\", required = false }\n\
        priority = { type = \"u8\", default = 5 }\n\
        enabled = \"bool\"\n\
        score = { type = \"f64\", required = false }\n";

    fn check(frontmatter: &str) -> (Vec<MetadataSlot>, Vec<Diagnostic>) {
        let (schema, errors) =
            parse_schema(&SourceFile::new("agents/agentgen.toml", SCHEMA.as_bytes()));
        assert!(errors.is_empty(), "{errors:#?}");
        let schema = schema.expect("schema");
        let text = format!("---\nname: a\ndescription: d\n{frontmatter}---\nPrompt.\n");
        let file = read_agent("agents/a.md", text.as_bytes());
        let mut diagnostics = Vec::new();
        let mut slots = check_catalog(&schema, &[file], "agents/agentgen.toml", &mut diagnostics);
        (slots.remove(0).expect("an agent"), diagnostics)
    }

    fn one(frontmatter: &str) -> Diagnostic {
        let (_, diagnostics) = check(frontmatter);
        assert_eq!(diagnostics.len(), 1, "{frontmatter}: {diagnostics:#?}");
        diagnostics.into_iter().next().expect("one")
    }

    #[test]
    fn typed_values_defaults_and_absent_keys() {
        let (slots, diagnostics) = check(
            "category: engineering\ntags: [a, b]\nversion: 2.1.0-beta.1\nenabled: true\nscore: 3\n",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
        assert_eq!(
            slots,
            [
                MetadataSlot::Given(MetaValue::Enum(1)),
                MetadataSlot::Given(MetaValue::List(vec![
                    MetaValue::Str("a".into()),
                    MetaValue::Str("b".into())
                ])),
                MetadataSlot::Given(MetaValue::Version(
                    semver::parse("2.1.0-beta.1").expect("semver")
                )),
                MetadataSlot::Absent,
                MetadataSlot::Given(MetaValue::Bool(true)),
                MetadataSlot::Given(MetaValue::f64(3.0)),
            ]
        );
        // A null counts as absent.
        let (slots, diagnostics) =
            check("category: architecture\nenabled: false\nversion:\npriority: ~\n");
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
        assert_eq!(slots[2], MetadataSlot::Absent);
        assert_eq!(slots[3], MetadataSlot::Absent);
    }

    #[test]
    fn each_mistake_is_reported_at_the_value_or_key() {
        let base = "category: engineering\nenabled: true\n";
        let cases: &[(&str, Code, usize, usize, &str)] = &[
            (
                "priority: \"nine\"\n",
                Code::InvalidMetadata,
                6,
                11,
                "must be an integer from 0 to 255 (u8), not a string",
            ),
            (
                "priority: 300\n",
                Code::InvalidMetadata,
                6,
                11,
                "is 300, out of the range of u8",
            ),
            (
                "priority: \"9\"\n",
                Code::InvalidMetadata,
                6,
                11,
                "without quotes: `9`",
            ),
            (
                "priority: -1\n",
                Code::InvalidMetadata,
                6,
                11,
                "declare `priority` as `i8`",
            ),
            (
                "version: 1.0\n",
                Code::InvalidMetadata,
                6,
                10,
                "`version: 1.0.0`",
            ),
            (
                "version: 1.10\n",
                Code::InvalidMetadata,
                6,
                10,
                "`version: 1.10.0`",
            ),
            (
                "version: 1.0.0-01\n",
                Code::InvalidMetadata,
                6,
                10,
                "leading zero",
            ),
            (
                "tags: backend\n",
                Code::InvalidMetadata,
                6,
                7,
                "must be a list of strings",
            ),
            (
                "tags: [a, 3]\n",
                Code::InvalidMetadata,
                6,
                11,
                "an item of `tags` must be a string",
            ),
            (
                "score: \"x\"\n",
                Code::InvalidMetadata,
                6,
                8,
                "must be a number (f64)",
            ),
            (
                "categroy: engineering\n",
                Code::UnknownKey,
                6,
                1,
                "did you mean `category`?",
            ),
            (
                "author: me\n",
                Code::UnknownKey,
                6,
                1,
                "declare it in `[metadata]`",
            ),
        ];
        for (line, code, at_line, at_column, expected) in cases {
            let diagnostic = one(&format!("{base}{line}"));
            assert_eq!(diagnostic.code, *code, "{line}");
            let span = diagnostic.span.as_ref().expect("a place");
            assert_eq!((span.line, span.column), (*at_line, *at_column), "{line}");
            let text = format!(
                "{} {}",
                diagnostic.message,
                diagnostic.help.as_deref().unwrap_or("")
            );
            assert!(text.contains(expected), "{line}: {text}");
        }
        let enum_value = one("category: enginering\nenabled: true\n");
        assert_eq!(enum_value.code, Code::InvalidMetadata);
        assert_eq!(
            enum_value.help.as_deref(),
            Some("did you mean `engineering`?")
        );
        let yes = one("category: engineering\nenabled: \"yes\"\n");
        assert_eq!(yes.help.as_deref(), Some("write `true`, without quotes"));
    }

    #[test]
    fn a_missing_key_points_at_the_name_and_its_misspelling() {
        let (_, diagnostics) = check("categroy: engineering\nenabled: true\n");
        let codes: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::UnknownKey, Code::MissingMetadata]);
        let missing = &diagnostics[1];
        assert_eq!(missing.span.as_ref().map(|s| s.line), Some(2));
        assert_eq!(
            missing.help.as_deref(),
            Some("rename `categroy` to `category`")
        );
        assert_eq!(missing.related[0].file, "agents/agentgen.toml");
        assert_eq!(missing.related[0].span.as_ref().map(|s| s.line), Some(2));
        let (_, diagnostics) = check("category: engineering\n");
        assert_eq!(diagnostics[0].code, Code::MissingMetadata);
        assert!(
            diagnostics[0]
                .help
                .as_deref()
                .unwrap_or("")
                .contains("add `enabled: …` (`true` or `false`)"),
            "{diagnostics:#?}"
        );
    }

    #[test]
    fn keys_with_their_own_diagnostics_are_not_linted_again() {
        let (_, diagnostics) = check(
            "category: engineering\nenabled: true\ncolour: red\ndependencies: [x]\nStop: []\ncacheTtl: 1h\n",
        );
        assert!(
            diagnostics.iter().all(|d| d.code != Code::UnknownKey),
            "{diagnostics:#?}"
        );
    }
}
