//! `agentgen schema DIR`: a `[metadata]` schema inferred from a catalog's files, as a starting
//! point to paste into `agentgen.toml`.
//!
//! Over the files Claude Code loads, per custom key (the keys Claude Code ignores, less those
//! with a meaning or a diagnostic of their own: `dependencies`, `collaborators`, hook events,
//! `cacheTtl`, near misses of Claude Code's keys):
//!
//! - the narrowest type every value fits: `bool`; the smallest integer type holding every
//!   integer (`u8`…`u64` without negatives, else `i8`…`i64`); `f64` for numbers with a
//!   fraction; for strings `semver` when each is a semantic version, else an `enum` when the
//!   values repeat (2 to 16 distinct values, each used twice on average, distinct variants),
//!   else `string`; a list `[T]` of the items' type (`[string]` when every list is empty);
//! - `required` when every agent file gives it (a null counts as absent), else
//!   `required = false` (lists: `default = []`);
//! - a comment saying in how many files the key is, and for an enum how many values;
//! - keys whose values mix types or nest mappings are not declared: a comment says why (they
//!   stay untyped in `extra`, with the `unknown-key` warning).
//!
//! The schema it prints compiles the directory it was inferred from without a metadata error.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::catalog::Catalog;
use crate::config::metadata::{IntegerType, RESERVED_TYPE_NAMES, reserved_key, semver};
use crate::config::{toml_key, toml_string};
use crate::naming::{field_name, type_name, variant_name};
use crate::yaml::{Node, Value};

/// Enum inference: at most this many distinct values.
const ENUM_MAX_VALUES: usize = 16;

/// The schema of `catalog`'s custom keys as the text of a `[metadata]` table with comments.
pub fn infer_schema(catalog: &Catalog) -> String {
    let agents: Vec<_> = catalog.files.iter().filter(|f| f.is_accepted()).collect();
    // Per key, in order of first appearance: the files that give it (non-null) and its values.
    let mut keys: Vec<KeyValues<'_>> = Vec::new();
    for file in &agents {
        for (key, node) in &file.extra {
            let index = match keys.iter().position(|k| k.key == *key) {
                Some(index) => index,
                None => {
                    keys.push(KeyValues {
                        key,
                        files: 0,
                        values: Vec::new(),
                    });
                    keys.len() - 1
                }
            };
            if !matches!(node.value, Value::Null) {
                keys[index].files += 1;
                keys[index].values.push(node);
            }
        }
    }
    keys.sort_by(|a, b| b.files.cmp(&a.files).then_with(|| a.key.cmp(b.key)));

    let mut out = format!(
        "# Inferred by `agentgen schema` from {} agent file{}: each key with the type all its values\n\
         # fit, required when every agent gives it. Paste into {}/agentgen.toml and adjust.\n\
         [metadata]\n",
        agents.len(),
        if agents.len() == 1 { "" } else { "s" },
        catalog.display_root,
    );
    let mut fields: Vec<String> = Vec::new();
    let mut enum_names: Vec<String> = Vec::new();
    let mut left_out = String::new();
    for key in &keys {
        let in_files = format!("in {} of {} files", key.files, agents.len());
        if let Some(reason) = reserved_key(key.key) {
            let _ = writeln!(left_out, "# `{}` ({in_files}): {reason}", key.key);
            continue;
        }
        if key.files == 0 {
            let _ = writeln!(left_out, "# `{}`: null in every file", key.key);
            continue;
        }
        let kind = key
            .values
            .iter()
            .fold(Kind::None, |kind, node| kind.with(node));
        let mut field = field_name(key.key);
        let mut renamed = false;
        while fields.contains(&field) {
            field.push_str("_2");
            renamed = true;
        }
        let (ty, comment) = match kind.spelling(&field, &enum_names) {
            Ok(found) => found,
            Err(why) => {
                let _ = writeln!(left_out, "# `{}` ({in_files}): {why}", key.key);
                continue;
            }
        };
        if ty.contains("enum") {
            enum_names.push(type_name(&field));
        }
        fields.push(field.clone());
        let required = key.files == agents.len();
        let mut settings = Vec::new();
        if !ty.starts_with("enum = ") {
            settings.push(format!("type = {}", toml_string(&ty)));
        } else {
            settings.push(ty.clone());
        }
        if !required {
            settings.push(if kind.is_list() {
                "default = []".to_owned()
            } else {
                "required = false".to_owned()
            });
        }
        if renamed {
            settings.push(format!("field = {}", toml_string(&field)));
        }
        let declaration = if settings.len() == 1 && !ty.starts_with("enum = ") {
            toml_string(&ty)
        } else {
            format!("{{ {} }}", settings.join(", "))
        };
        let _ = writeln!(
            out,
            "{} = {declaration}  # {in_files}{comment}",
            toml_key(key.key)
        );
    }
    if keys.is_empty() {
        out.push_str("# (no custom frontmatter keys in these files)\n");
    }
    if !left_out.is_empty() {
        out.push_str("# Not declared:\n");
        out.push_str(&left_out);
    }
    out
}

struct KeyValues<'a> {
    key: &'a str,
    /// Files that give a non-null value.
    files: usize,
    values: Vec<&'a Node>,
}

/// What the values of a key have in common so far.
#[derive(Debug, Clone)]
enum Kind {
    /// No value yet.
    None,
    Bool,
    Integer {
        min: i64,
        max: i64,
    },
    F64,
    /// Strings with how often each occurs.
    Str(BTreeMap<String, usize>),
    /// Lists: the kind of their items.
    List(Box<Kind>),
    /// Values that no one type fits.
    Mixed(&'static str),
}

impl Kind {
    fn with(self, node: &Node) -> Kind {
        match (self, &node.value) {
            (kind @ Kind::Mixed(_), _) => kind,
            (_, Value::Null) => Kind::Mixed("null inside a list"),
            (_, Value::Map(_)) => {
                Kind::Mixed("its values are mappings, which a schema cannot type")
            }
            (Kind::None, Value::Seq(items)) => {
                Kind::List(Box::new(items.iter().fold(Kind::None, Kind::item)))
            }
            (Kind::List(inner), Value::Seq(items)) => {
                Kind::List(Box::new(items.iter().fold(*inner, Kind::item)))
            }
            (Kind::List(_), _) | (_, Value::Seq(_)) => {
                Kind::Mixed("some files give a list, others a single value")
            }
            (Kind::None | Kind::Bool, Value::Bool(_)) => Kind::Bool,
            (Kind::None, Value::Int(n)) => Kind::Integer { min: *n, max: *n },
            (Kind::Integer { min, max }, Value::Int(n)) => Kind::Integer {
                min: min.min(*n),
                max: max.max(*n),
            },
            (Kind::None | Kind::F64 | Kind::Integer { .. }, Value::Float(_))
            | (Kind::F64, Value::Int(_)) => Kind::F64,
            (Kind::None, Value::Str(s)) => Kind::Str(BTreeMap::from([(s.clone(), 1)])),
            (Kind::Str(mut counts), Value::Str(s)) => {
                *counts.entry(s.clone()).or_default() += 1;
                Kind::Str(counts)
            }
            _ => Kind::Mixed("its values mix types (say, strings and numbers)"),
        }
    }

    /// Adds a list item: a scalar.
    fn item(self, node: &Node) -> Kind {
        match &node.value {
            Value::Seq(_) => Kind::Mixed("its lists hold lists, which a schema cannot type"),
            _ => self.with(node),
        }
    }

    fn is_list(&self) -> bool {
        matches!(self, Kind::List(_))
    }

    /// The type as agentgen.toml writes it (or `enum = [...]`), and a comment; or why the key
    /// cannot be declared.
    fn spelling(&self, field: &str, enum_names: &[String]) -> Result<(String, String), String> {
        Ok(match self {
            Kind::None => ("string".to_owned(), String::new()),
            Kind::Bool => ("bool".to_owned(), String::new()),
            Kind::Integer { min, max } => {
                let (min, max) = (i128::from(*min), i128::from(*max));
                let candidates: &[IntegerType] = if min >= 0 {
                    &IntegerType::ALL[..4]
                } else {
                    &IntegerType::ALL[4..]
                };
                let int = candidates
                    .iter()
                    .find(|t| t.holds(min) && t.holds(max))
                    .copied()
                    .unwrap_or(IntegerType::I64);
                let range = if min == max {
                    format!(", always {min}")
                } else {
                    format!(", {min} to {max}")
                };
                (int.spelling().to_owned(), range)
            }
            Kind::F64 => ("f64".to_owned(), String::new()),
            Kind::Str(counts) => {
                let total: usize = counts.values().sum();
                if counts.keys().all(|v| semver::parse(v).is_ok()) {
                    ("semver".to_owned(), String::new())
                } else if let Some(values) = enum_values(counts, total, field, enum_names) {
                    let quoted: Vec<String> = values.iter().map(|v| toml_string(v)).collect();
                    (
                        format!("enum = [{}]", quoted.join(", ")),
                        format!(", {} values", values.len()),
                    )
                } else {
                    ("string".to_owned(), format!(", {} distinct", counts.len()))
                }
            }
            Kind::List(inner) => match inner.as_ref() {
                Kind::List(_) => return Err("its lists hold lists".to_owned()),
                Kind::Mixed(why) => return Err((*why).to_owned()),
                Kind::Str(_) | Kind::None => ("[string]".to_owned(), String::new()),
                scalar => {
                    let (item, _) = scalar.spelling(field, enum_names)?;
                    (format!("[{item}]"), String::new())
                }
            },
            Kind::Mixed(why) => return Err((*why).to_owned()),
        })
    }
}

/// The values of an enum, when strings repeat enough to be one: 2 to [`ENUM_MAX_VALUES`]
/// distinct values, at least two uses per value on average, distinct variants, an enum name
/// the generated code does not use yet. Sorted.
fn enum_values(
    counts: &BTreeMap<String, usize>,
    total: usize,
    field: &str,
    enum_names: &[String],
) -> Option<Vec<String>> {
    let distinct = counts.len();
    if !(2..=ENUM_MAX_VALUES).contains(&distinct) || distinct * 2 > total {
        return None;
    }
    let type_name = type_name(field);
    if RESERVED_TYPE_NAMES.contains(&type_name.as_str()) || enum_names.contains(&type_name) {
        return None;
    }
    let mut variants: Vec<String> = counts.keys().map(|v| variant_name(&type_name, v)).collect();
    variants.sort();
    variants.dedup();
    (variants.len() == distinct).then(|| counts.keys().cloned().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Input, compile};
    use crate::config::Config;
    use crate::diagnostic::Code;
    use crate::read::read_agent;
    use crate::source::SourceFile;

    fn catalog(frontmatters: &[&str], config: Config) -> Catalog {
        let files = frontmatters
            .iter()
            .enumerate()
            .map(|(i, fm)| {
                let text = format!("---\nname: a{i}\ndescription: d\n{fm}---\nPrompt.\n");
                read_agent(&format!("agents/a{i}.md"), text.as_bytes())
            })
            .collect();
        compile(Input::files("agents", files), config)
    }

    #[test]
    fn infers_the_narrowest_types_and_compiles_what_it_read() {
        let files = [
            "category: data\npriority: 9\nversion: 1.0.0\nenabled: true\ntags: [a]\nscore: 1\nlevel: -3\nowner: x\ndependencies: [a1]\nmixed: 1\n",
            "category: data\npriority: 300\nversion: 2.0.0-rc.1\nenabled: false\ntags: []\nscore: 1.5\nlevel: 2\nowner: y\nmixed: one\nnested: {a: 1}\n",
            "category: ops\npriority: 7\nversion: \"1.2.3\"\nenabled: true\nscore: 2\nlevel: 0\nowner: z\n",
            "category: ops\npriority: 1\nversion: 0.1.0\nenabled: true\ntags: [b, c]\nscore: 3\nlevel: 1\n",
        ];
        let inferred = infer_schema(&catalog(&files, Config::default()));
        for line in [
            "category = { enum = [\"data\", \"ops\"] }  # in 4 of 4 files, 2 values",
            "enabled = \"bool\"  # in 4 of 4 files",
            "level = \"i8\"  # in 4 of 4 files, -3 to 2",
            "priority = \"u16\"  # in 4 of 4 files, 1 to 300",
            "score = \"f64\"  # in 4 of 4 files",
            "version = \"semver\"  # in 4 of 4 files",
            "tags = { type = \"[string]\", default = [] }  # in 3 of 4 files",
            "owner = { type = \"string\", required = false }  # in 3 of 4 files, 3 distinct",
            "# `mixed` (in 2 of 4 files): its values mix types (say, strings and numbers)",
            "# `nested` (in 1 of 4 files): its values are mappings, which a schema cannot type",
            "# `dependencies` (in 1 of 4 files): agentgen reads it as the agent's collaborators",
        ] {
            assert!(inferred.lines().any(|l| l == line), "{line}\n{inferred}");
        }
        // The schema parses, and the files compile under it without a metadata error.
        let (schema, errors) = crate::config::metadata::parse_schema(&SourceFile::new(
            "agents/agentgen.toml",
            inferred.as_bytes(),
        ));
        assert!(errors.is_empty(), "{errors:#?}");
        let typed = catalog(
            &files,
            Config {
                metadata: schema,
                ..Config::default()
            },
        );
        let metadata_errors: Vec<_> = typed
            .diagnostics
            .iter()
            .filter(|d| matches!(d.code, Code::MissingMetadata | Code::InvalidMetadata))
            .collect();
        assert!(metadata_errors.is_empty(), "{metadata_errors:#?}");
        // Only the keys the schema could not type are linted.
        let unknown: Vec<&str> = typed
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::UnknownKey)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(unknown.len(), 3, "{unknown:?}");
        assert!(
            unknown
                .iter()
                .all(|m| m.contains("mixed") || m.contains("nested"))
        );
    }

    #[test]
    fn a_catalog_without_custom_keys_gets_an_empty_table() {
        let inferred = infer_schema(&catalog(&["", "model: opus\n"], Config::default()));
        assert!(
            inferred.contains("[metadata]\n# (no custom frontmatter keys"),
            "{inferred}"
        );
        // Strings that do not repeat, a single value, a value that makes no variant: strings.
        let inferred = infer_schema(&catalog(
            &["k: a\nteam: x\n", "k: b\nteam: x\n", "k: c\nteam: x\n"],
            Config::default(),
        ));
        assert!(
            inferred.contains("k = \"string\"  # in 3 of 3 files, 3 distinct"),
            "{inferred}"
        );
        assert!(
            inferred.contains("team = \"string\"  # in 3 of 3 files, 1 distinct"),
            "{inferred}"
        );
    }
}
