//! Reading the `[metadata]` table of `agentgen.toml` into a [`MetadataSchema`], every mistake an
//! `invalid-config` diagnostic at its place in the file.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{
    EnumType, IntegerType, KeySchema, KeyType, MetaValue, MetadataSchema, Presence,
    RESERVED_TYPE_NAMES, ScalarType, semver,
};
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::naming::{field_name, is_field_name, type_name, variant_name};
use crate::read::{hooks, key_hint};
use crate::registry::{COLLABORATOR_KEYS, KNOWN_KEYS};
use crate::source::SourceFile;

/// The keys a key's table may hold.
const TABLE_KEYS: &[&str] = &["type", "required", "default", "enum", "field"];

/// The type names of the schema, for messages.
const TYPE_NAMES: &str = "string, bool, u8, u16, u32, u64, i8, i16, i32, i64, f64, semver, enum, or a list of one of them: [string]";

/// Reads the `[metadata]` table of the configuration `source` (agentgen.toml). `None` when the
/// file has no such table (or is not TOML: that is reported where the rest is read). The
/// schema keeps every valid declaration; invalid ones are reported and listed in
/// [`MetadataSchema::rejected_keys`].
pub(crate) fn parse_schema(source: &SourceFile) -> (Option<MetadataSchema>, Vec<Diagnostic>) {
    let Ok(document) = DeTable::parse(&source.text) else {
        return (None, Vec::new());
    };
    let Some((table_key, table)) = document
        .get_ref()
        .iter()
        .find(|(key, _)| key.get_ref().as_ref() == "metadata")
    else {
        return (None, Vec::new());
    };
    let mut reader = Reader {
        source,
        diagnostics: Vec::new(),
    };
    let mut schema = MetadataSchema::default();
    let DeValue::Table(entries) = table.get_ref() else {
        reader.error(
            table.span(),
            "`metadata` must be a table of frontmatter keys and their types",
            "write `[metadata]` on a line of its own, then one line per key: `category = \"string\"`",
        );
        let _ = table_key;
        return (Some(schema), reader.diagnostics);
    };
    let mut entries: Vec<(&Spanned<_>, &Spanned<DeValue<'_>>)> = entries.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    for (key, value) in entries {
        let name: &str = key.get_ref().as_ref();
        match reader.key_schema(name, key.span(), value) {
            Some(declared) => schema.keys.push(declared),
            None => schema.rejected_keys.push(name.to_owned()),
        }
    }
    reader.check_names(&mut schema);
    (Some(schema), reader.diagnostics)
}

struct Reader<'a> {
    source: &'a SourceFile,
    diagnostics: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn span(&self, bytes: Range<usize>) -> Option<Span> {
        let location = self.source.span(bytes);
        Some(location)
    }

    fn error(&mut self, bytes: Range<usize>, message: impl Into<String>, help: impl Into<String>) {
        let diagnostic = Diagnostic::new(
            Code::InvalidConfig,
            self.source.display_path.clone(),
            message,
        )
        .at(self.span(bytes))
        .help(help);
        self.diagnostics.push(diagnostic);
    }

    /// One declaration, or `None` after reporting why it is invalid.
    fn key_schema(
        &mut self,
        key: &str,
        key_span: Range<usize>,
        value: &Spanned<DeValue<'_>>,
    ) -> Option<KeySchema> {
        if let Some(reason) = reserved_key(key) {
            self.error(
                key_span,
                format!("`{key}` cannot be a metadata key: {reason}"),
                "declare only your own keys, the ones Claude Code ignores",
            );
            return None;
        }
        let mut field = field_name(key);
        let (ty, presence) = match value.get_ref() {
            DeValue::String(spelling) => {
                let ty = self.type_spec(key, spelling, value.span(), None, &field)?;
                (ty, Presence::Required)
            }
            DeValue::Table(table) => {
                let mut entries: Vec<_> = table.iter().collect();
                entries.sort_by_key(|(k, _)| k.span().start);
                let get = |name: &str| {
                    entries
                        .iter()
                        .find(|(k, _)| k.get_ref().as_ref() == name)
                        .map(|(_, v)| *v)
                };
                for (name, _) in &entries {
                    let name: &str = name.get_ref().as_ref();
                    if !TABLE_KEYS.contains(&name) {
                        let near = TABLE_KEYS
                            .iter()
                            .find(|k| strsim::osa_distance(k, name) <= 2)
                            .map(|k| format!("did you mean `{k}`? "))
                            .unwrap_or_default();
                        let span = entries
                            .iter()
                            .find(|(k, _)| k.get_ref().as_ref() == name)
                            .map_or(value.span(), |(k, _)| k.span());
                        self.error(
                            span,
                            format!("`{name}` is not a setting of the metadata key `{key}`"),
                            format!(
                                "{near}a key's table holds `type`, `enum`, `required`, `default` and `field`"
                            ),
                        );
                        return None;
                    }
                }
                if let Some(chosen) = get("field") {
                    let DeValue::String(chosen_name) = chosen.get_ref() else {
                        self.error(
                            chosen.span(),
                            format!("`field` of `{key}` must be a string"),
                            "`field = \"my_field\"`: the name of the Rust field",
                        );
                        return None;
                    };
                    let chosen_name: &str = chosen_name.as_ref();
                    if !is_field_name(chosen_name) {
                        self.error(
                            chosen.span(),
                            format!("`{chosen_name}` is not a Rust field name for `{key}`"),
                            "write a snake_case identifier that is not a keyword, e.g. `field = \"kind\"`",
                        );
                        return None;
                    }
                    field = chosen_name.to_owned();
                }
                let enum_values = get("enum");
                let ty = match (get("type"), enum_values) {
                    (Some(spelling), _) => {
                        let DeValue::String(text) = spelling.get_ref() else {
                            self.error(
                                spelling.span(),
                                format!("`type` of `{key}` must be a string"),
                                format!("types are {TYPE_NAMES}"),
                            );
                            return None;
                        };
                        self.type_spec(key, text, spelling.span(), enum_values, &field)?
                    }
                    (None, Some(values)) => {
                        self.type_spec(key, "enum", values.span(), Some(values), &field)?
                    }
                    (None, None) => {
                        self.error(
                            value.span(),
                            format!("the metadata key `{key}` has no type"),
                            "give `type = \"…\"` or `enum = [\"…\", …]`",
                        );
                        return None;
                    }
                };
                let required = match get("required") {
                    None => None,
                    Some(flag) => match flag.get_ref() {
                        DeValue::Boolean(flag) => Some(*flag),
                        _ => {
                            self.error(
                                flag.span(),
                                format!("`required` of `{key}` must be `true` or `false`"),
                                "`required = false` makes the field an `Option`",
                            );
                            return None;
                        }
                    },
                };
                let presence = match (get("default"), required) {
                    (Some(default), Some(true)) => {
                        self.error(
                            default.span(),
                            format!("`{key}` is required and has a default"),
                            "drop `required = true` (a key with a default may be left out), or the default",
                        );
                        return None;
                    }
                    (Some(default), _) => Presence::Default(self.default_value(key, &ty, default)?),
                    (None, Some(false)) => Presence::Optional,
                    (None, _) => Presence::Required,
                };
                (ty, presence)
            }
            _ => {
                self.error(
                    value.span(),
                    format!("the metadata key `{key}` needs a type"),
                    "write `key = \"string\"` (a type) or a table: `key = { type = \"u8\", default = 5 }`",
                );
                return None;
            }
        };
        Some(KeySchema {
            key: key.to_owned(),
            field,
            ty,
            presence,
            span: self.span(key_span),
        })
    }

    /// A type as written (`"u8"`, `"[string]"`, `"enum"`), with the enum's values if any.
    fn type_spec(
        &mut self,
        key: &str,
        spelling: &str,
        span: Range<usize>,
        enum_values: Option<&Spanned<DeValue<'_>>>,
        field: &str,
    ) -> Option<KeyType> {
        let (inner, list) = match spelling
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix(']'))
        {
            Some(inner) => (inner.trim(), true),
            None => (spelling.trim(), false),
        };
        let scalar = match inner {
            "string" => ScalarType::String,
            "bool" => ScalarType::Bool,
            "f64" => ScalarType::F64,
            "semver" => ScalarType::Semver,
            "enum" => {
                let Some(values) = enum_values else {
                    self.error(
                        span,
                        format!("the enum `{key}` has no values"),
                        format!("list them: `{key} = {{ enum = [\"core\", \"experimental\"] }}`"),
                    );
                    return None;
                };
                ScalarType::Enum(self.enum_type(key, values, field)?)
            }
            other => match IntegerType::ALL.iter().find(|t| t.spelling() == other) {
                Some(int) => ScalarType::Integer(*int),
                None => {
                    let help = match type_hint(other) {
                        Some(hint) => format!("did you mean {hint}? types are {TYPE_NAMES}"),
                        None => format!("types are {TYPE_NAMES}"),
                    };
                    self.error(
                        span,
                        format!("`{spelling}` is not a metadata type (key `{key}`)"),
                        help,
                    );
                    return None;
                }
            },
        };
        if let (Some(values), false) = (enum_values, matches!(scalar, ScalarType::Enum(_))) {
            self.error(
                values.span(),
                format!(
                    "`{key}` has `enum` values but the type `{spelling}`; an enum's type is `enum` or `[enum]`"
                ),
                format!("drop `type` (or write `type = \"[enum]\"` for a list of values of `{key}`)"),
            );
            return None;
        }
        Some(KeyType { scalar, list })
    }

    fn enum_type(
        &mut self,
        key: &str,
        values: &Spanned<DeValue<'_>>,
        field: &str,
    ) -> Option<EnumType> {
        let type_name = type_name(field);
        let DeValue::Array(items) = values.get_ref() else {
            self.error(
                values.span(),
                format!("`enum` of `{key}` must be a list of strings"),
                "`enum = [\"core\", \"experimental\"]`",
            );
            return None;
        };
        if items.is_empty() {
            self.error(
                values.span(),
                format!("the enum `{key}` has no values"),
                "list at least one: `enum = [\"core\", \"experimental\"]`",
            );
            return None;
        }
        let mut enum_type = EnumType {
            type_name,
            values: Vec::new(),
            variants: Vec::new(),
        };
        for item in items.iter() {
            let DeValue::String(text) = item.get_ref() else {
                self.error(
                    item.span(),
                    format!("the values of the enum `{key}` are strings"),
                    "quote the value: `\"…\"` (frontmatter values are compared as text)",
                );
                return None;
            };
            let text: &str = text.as_ref();
            let variant = variant_name(&enum_type.type_name, text);
            if enum_type.values.iter().any(|v| v == text) {
                self.error(
                    item.span(),
                    format!("the enum `{key}` lists `{text}` twice"),
                    "list each value once",
                );
                return None;
            }
            if let Some(at) = enum_type.variants.iter().position(|v| *v == variant) {
                self.error(
                    item.span(),
                    format!(
                        "the values `{}` and `{text}` of the enum `{key}` both become the variant `{variant}`",
                        enum_type.values[at]
                    ),
                    "values must differ in more than case and punctuation",
                );
                return None;
            }
            enum_type.values.push(text.to_owned());
            enum_type.variants.push(variant);
        }
        Some(enum_type)
    }

    fn default_value(
        &mut self,
        key: &str,
        ty: &KeyType,
        default: &Spanned<DeValue<'_>>,
    ) -> Option<MetaValue> {
        let result = if ty.list {
            match default.get_ref() {
                DeValue::Array(items) => items
                    .iter()
                    .map(|item| {
                        scalar_default(&ty.scalar, item.get_ref()).map_err(|e| (item.span(), e))
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map(MetaValue::List),
                _ => Err((
                    default.span(),
                    format!("must be a list ({})", ty.spelling()),
                )),
            }
        } else {
            scalar_default(&ty.scalar, default.get_ref()).map_err(|e| (default.span(), e))
        };
        match result {
            Ok(value) => Some(value),
            Err((span, problem)) => {
                self.error(
                    span,
                    format!("the default of `{key}` {problem}"),
                    format!(
                        "give a default of the type `{}`, or leave it out",
                        ty.spelling()
                    ),
                );
                None
            }
        }
    }

    /// Two keys with one field, or two enums with one name, or an enum named like an item of
    /// the generated module: the later key is reported and left out.
    fn check_names(&mut self, schema: &mut MetadataSchema) {
        let mut kept: Vec<KeySchema> = Vec::new();
        for declared in std::mem::take(&mut schema.keys) {
            let bytes = declared.span.as_ref().map_or(0..0, |s| s.bytes.clone());
            if let Some(earlier) = kept.iter().find(|k| k.field == declared.field) {
                let message = format!(
                    "the metadata keys `{}` and `{}` both become the field `{}`",
                    earlier.key, declared.key, declared.field
                );
                self.error(
                    bytes,
                    message,
                    "name the field of one of them: `{ type = …, field = \"other_name\" }`",
                );
                schema.rejected_keys.push(declared.key);
                continue;
            }
            if let ScalarType::Enum(enum_type) = &declared.ty.scalar {
                let name = &enum_type.type_name;
                let clash = RESERVED_TYPE_NAMES
                    .contains(&name.as_str())
                    .then(|| format!("the generated code already has a type `{name}`"));
                let clash = clash.or_else(|| {
                    kept.iter()
                        .find(
                            |k| matches!(&k.ty.scalar, ScalarType::Enum(e) if e.type_name == *name),
                        )
                        .map(|k| format!("so is the enum of `{}`", k.key))
                });
                if let Some(clash) = clash {
                    self.error(
                        bytes,
                        format!(
                            "the enum of the metadata key `{}` would be named `{name}`: {clash}",
                            declared.key
                        ),
                        "name its field (and so the enum): `field = \"other_name\"`",
                    );
                    schema.rejected_keys.push(declared.key);
                    continue;
                }
            }
            kept.push(declared);
        }
        schema.keys = kept;
    }
}

/// Why `key` cannot be declared, if it cannot.
pub(crate) fn reserved_key(key: &str) -> Option<String> {
    if KNOWN_KEYS.contains(&key) {
        return Some("Claude Code reads it".to_owned());
    }
    if COLLABORATOR_KEYS.contains(&key) {
        return Some("agentgen reads it as the agent's collaborators".to_owned());
    }
    if hooks::HOOK_EVENTS.contains(&key) {
        return Some("it is a hook event, which belongs under `hooks`".to_owned());
    }
    if key == "cacheTtl" {
        return Some("Claude Code reads it under `experimental`".to_owned());
    }
    key_hint(key).map(|known| {
        format!("Claude Code takes it for a misspelling of `{known}` (`misspelled-key`)")
    })
}

/// The schema type someone probably meant by `written`.
fn type_hint(written: &str) -> Option<&'static str> {
    Some(match written.to_lowercase().as_str() {
        "str" | "text" | "&str" => "`string`",
        "boolean" => "`bool`",
        "int" | "integer" | "number" | "isize" | "long" => "`i64` (or `u8`…`u64`)",
        "usize" | "uint" | "unsigned" => "`u64`",
        "float" | "double" | "f32" | "real" => "`f64`",
        "version" | "semantic-version" => "`semver`",
        "list" | "array" | "vec" | "strings" => "`[string]`",
        "string" | "bool" | "f64" | "semver" | "enum" => return None,
        lower if lower != written => {
            return ["string", "bool", "f64", "semver", "enum"]
                .into_iter()
                .chain(IntegerType::ALL.iter().map(|t| t.spelling()))
                .find(|t| *t == lower)
                .map(|_| "the type in lower case");
        }
        _ => return None,
    })
}

/// A default value of a scalar type, or what is wrong with it (after "the default of `k` ").
fn scalar_default(ty: &ScalarType, value: &DeValue<'_>) -> Result<MetaValue, String> {
    let must = || format!("must be {}", ty.expected());
    match (ty, value) {
        (ScalarType::String, DeValue::String(s)) => Ok(MetaValue::Str(s.to_string())),
        (ScalarType::Bool, DeValue::Boolean(b)) => Ok(MetaValue::Bool(*b)),
        (ScalarType::Integer(int), DeValue::Integer(n)) => {
            match i64::from_str_radix(n.as_str(), n.radix()) {
                Ok(n) if int.holds(i128::from(n)) => Ok(MetaValue::Int(n)),
                _ => Err(format!("is out of range: it {}", must())),
            }
        }
        (ScalarType::F64, DeValue::Float(f)) => f
            .as_str()
            .parse::<f64>()
            .map(MetaValue::f64)
            .map_err(|_| must()),
        (ScalarType::F64, DeValue::Integer(n)) => i64::from_str_radix(n.as_str(), n.radix())
            .map(|n| MetaValue::f64(n as f64))
            .map_err(|_| must()),
        (ScalarType::Semver, DeValue::String(s)) => semver::parse(s)
            .map(MetaValue::Version)
            .map_err(|e| format!("is not a semantic version: {e}")),
        (ScalarType::Enum(enum_type), DeValue::String(s)) => enum_type
            .values
            .iter()
            .position(|v| v == s.as_ref())
            .map(MetaValue::Enum)
            .ok_or_else(|| format!("`{s}` is not one of its values, {}", enum_type.listed())),
        _ => Err(must()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<MetadataSchema>, Vec<Diagnostic>) {
        parse_schema(&SourceFile::new("agents/agentgen.toml", text.as_bytes()))
    }

    #[test]
    fn reads_every_type_and_presence_in_declaration_order() {
        let (schema, diagnostics) = parse(
            "[metadata]\n\
             version = \"semver\"\n\
             category = \"string\"\n\
             tags = { type = \"[string]\", default = [] }\n\
             priority = { type = \"u8\", default = 5 }\n\
             enabled = { type = \"bool\", default = true }\n\
             tier = { enum = [\"core\", \"experimental\"] }\n\
             kinds = { type = \"[enum]\", enum = [\"a-b\", \"3d\"], required = false }\n\
             score = { type = \"f64\", default = 1 }\n\
             expertise-level = { type = \"string\", required = false }\n\
             type = \"i64\"\n",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
        let schema = schema.expect("a schema");
        let summary: Vec<(String, String, String)> = schema
            .keys
            .iter()
            .map(|k| {
                let presence = match &k.presence {
                    Presence::Required => "required".to_owned(),
                    Presence::Optional => "optional".to_owned(),
                    Presence::Default(v) => format!("{v:?}"),
                };
                (k.field.clone(), k.ty.spelling(), presence)
            })
            .collect();
        let expected = [
            ("version", "semver", "required"),
            ("category", "string", "required"),
            ("tags", "[string]", "List([])"),
            ("priority", "u8", "Int(5)"),
            ("enabled", "bool", "Bool(true)"),
            ("tier", "enum", "required"),
            ("kinds", "[enum]", "optional"),
            ("score", "f64", &format!("F64({})", 1f64.to_bits())),
            ("expertise_level", "string", "optional"),
            ("type_", "i64", "required"),
        ];
        let expected: Vec<(String, String, String)> = expected
            .iter()
            .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
            .collect();
        assert_eq!(summary, expected);
        let ScalarType::Enum(kinds) = &schema.keys[6].ty.scalar else {
            panic!("an enum")
        };
        assert_eq!(kinds.type_name, "Kinds");
        assert_eq!(kinds.variants, ["AB", "Kinds3d"]);
        assert_eq!(schema.keys[1].span.as_ref().map(|s| s.line), Some(3));
    }

    #[test]
    fn reports_each_mistake_at_its_place_and_keeps_the_rest() {
        let cases: &[(&str, &str, usize)] = &[
            ("tools = \"string\"", "Claude Code reads it", 2),
            ("dependencies = \"[string]\"", "collaborators", 2),
            ("colour = \"string\"", "misspelling of `color`", 2),
            ("PreToolUse = \"string\"", "hook event", 2),
            ("priority = \"integer\"", "not a metadata type", 2),
            (
                "priority = { type = \"u8\", default = 300 }",
                "out of range",
                2,
            ),
            (
                "priority = { type = \"u8\", default = \"5\" }",
                "must be an integer",
                2,
            ),
            ("tier = { enum = [] }", "has no values", 2),
            ("tier = { type = \"enum\" }", "has no values", 2),
            ("tier = { enum = [\"a\", \"a\"] }", "twice", 2),
            (
                "tier = { enum = [\"a-b\", \"a_b\"] }",
                "both become the variant `AB`",
                2,
            ),
            (
                "tier = { enum = [\"a\"], type = \"string\" }",
                "an enum's type",
                2,
            ),
            (
                "tier = { enum = [\"a\"], default = \"b\" }",
                "not one of its values",
                2,
            ),
            (
                "v = { type = \"semver\", default = \"1.0\" }",
                "not a semantic version",
                2,
            ),
            (
                "v = { type = \"semver\", required = true, default = \"1.0.0\" }",
                "required and has a default",
                2,
            ),
            ("v = { typ = \"semver\" }", "did you mean `type`", 2),
            ("v = { required = false }", "has no type", 2),
            ("v = 3", "needs a type", 2),
            (
                "v = { type = \"string\", field = \"Not-A-Field\" }",
                "not a Rust field name",
                2,
            ),
            (
                "agent = { enum = [\"x\"] }",
                "already has a type `Agent`",
                2,
            ),
            (
                "a-b = \"string\"\na_b = \"bool\"",
                "both become the field `a_b`",
                3,
            ),
        ];
        for (declaration, expected, line) in cases {
            let (schema, diagnostics) =
                parse(&format!("[metadata]\n{declaration}\nkept = \"bool\"\n"));
            assert_eq!(diagnostics.len(), 1, "{declaration}: {diagnostics:#?}");
            let diagnostic = &diagnostics[0];
            assert_eq!(diagnostic.code, Code::InvalidConfig);
            let text = format!(
                "{} {}",
                diagnostic.message,
                diagnostic.help.as_deref().unwrap_or("")
            );
            assert!(text.contains(expected), "{declaration}: {text}");
            assert_eq!(
                diagnostic.span.as_ref().map(|s| s.line),
                Some(*line),
                "{declaration}"
            );
            let schema = schema.expect("a schema");
            assert!(
                schema.key("kept").is_some(),
                "{declaration}: the valid key is kept"
            );
            assert!(!schema.rejected_keys.is_empty(), "{declaration}");
        }
        let (schema, diagnostics) = parse("packs = true\n");
        assert!(schema.is_none() && diagnostics.is_empty());
        let (_, diagnostics) = parse("metadata = 3\n");
        assert!(diagnostics[0].message.contains("must be a table"));
    }
}
