//! The Rust a `[metadata]` schema adds to the generated module: one enum per `enum` key, the
//! `Metadata` struct, and each agent's value of it (source text, like the rest of the
//! generator's output).

use super::Emitter;
use super::literals::{NONE, doc_safe, slice_text, some, string_literal_text};
use crate::catalog::MetadataSlot;
use crate::config::metadata::{
    EnumType, KeySchema, MetaValue, MetadataSchema, Presence, ScalarType,
};

impl Emitter<'_> {
    /// The enums and the `Metadata` struct, after the catalog's own items.
    pub(super) fn metadata_items(&mut self, schema: &MetadataSchema) {
        for declared in &schema.keys {
            if let ScalarType::Enum(enum_type) = &declared.ty.scalar {
                self.metadata_enum(&declared.key, enum_type);
            }
        }
        let fields: String = schema
            .keys
            .iter()
            .map(|declared| self.metadata_field(declared))
            .collect();
        write!(
            self,
            "/// The catalog's own frontmatter keys, typed by the `[metadata]` schema of agentgen.toml.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metadata {{
{fields}}}
"
        );
    }

    /// The enum of the values of the `enum` key `key`.
    fn metadata_enum(&mut self, key: &str, enum_type: &EnumType) {
        let name = &enum_type.type_name;
        let count = enum_type.values.len();
        let mut variants = String::new();
        let mut all = String::new();
        let mut values = String::new();
        for (variant, value) in enum_type.variants.iter().zip(&enum_type.values) {
            let doc = string_literal_text(&doc_safe(&format!(" `{value}`")));
            variants.push_str(&format!("#[doc = {doc}]\n{variant},\n"));
            all.push_str(&format!("{name}::{variant}, "));
            values.push_str(&format!("{}, ", string_literal_text(value)));
        }
        let doc = string_literal_text(&doc_safe(&format!(
            " The values of the frontmatter key `{key}` (agentgen.toml `[metadata]`). `Display` and `FromStr` use the value as written."
        )));
        let rt = self.rt;
        write!(
            self,
            "#[doc = {doc}]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum {name} {{
{variants}}}
#[allow(dead_code)]
impl {name} {{
    /// Every value, in the order of agentgen.toml.
    pub const ALL: [{name}; {count}usize] = [{all}];
    /// The values as written, in the order of `ALL`.
    const VALUES: [&'static str; {count}usize] = [{values}];
    /// The value as written in frontmatter.
    pub const fn as_str(self) -> &'static str {{
        {name}::VALUES[self as usize]
    }}
}}
impl ::core::fmt::Display for {name} {{
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {{
        f.write_str(self.as_str())
    }}
}}
impl ::core::str::FromStr for {name} {{
    type Err = {rt}::UnknownValue;
    fn from_str(value: &str) -> ::core::result::Result<{name}, {rt}::UnknownValue> {{
        {name}::ALL.into_iter().find(|v| v.as_str() == value).ok_or({rt}::UnknownValue)
    }}
}}
"
        );
    }

    /// One field of `Metadata`, with its doc attribute.
    fn metadata_field(&self, declared: &KeySchema) -> String {
        let presence = match &declared.presence {
            Presence::Required => "required".to_owned(),
            Presence::Optional => "optional: `None` when absent".to_owned(),
            Presence::Default(value) => {
                format!("default when absent: `{}`", default_shown(declared, value))
            }
        };
        let doc = string_literal_text(&doc_safe(&format!(
            " Frontmatter `{}` (`{}`, {presence}).",
            declared.key,
            declared.ty.spelling()
        )));
        format!(
            "#[doc = {doc}]\npub {}: {},\n",
            declared.field,
            field_type(declared, self.rt)
        )
    }

    /// `Metadata { field: value, … }` for an agent with these slots (`None`: all absent).
    pub(super) fn metadata_value(
        &self,
        schema: &MetadataSchema,
        slots: Option<&[MetadataSlot]>,
    ) -> String {
        let rt = self.rt;
        let mut out = String::from("Metadata {");
        for (index, declared) in schema.keys.iter().enumerate() {
            let slot = slots
                .and_then(|slots| slots.get(index))
                .unwrap_or(&MetadataSlot::Absent);
            let value = match (slot, &declared.presence) {
                (MetadataSlot::Given(value), Presence::Optional) => {
                    some(&typed_text(declared, value, rt))
                }
                (MetadataSlot::Given(value), _) => typed_text(declared, value, rt),
                (_, Presence::Optional) => NONE.to_owned(),
                (_, Presence::Default(value)) => typed_text(declared, value, rt),
                // Missing or invalid (an error is reported): a value of the type, never used.
                (_, Presence::Required) => placeholder_text(declared, rt),
            };
            if index > 0 {
                out.push(',');
            }
            out.push(' ');
            out.push_str(&declared.field);
            out.push_str(": ");
            out.push_str(&value);
        }
        out.push_str(" }");
        out
    }
}

/// The `use` that brings `Metadata` and the enums into a pack module.
pub(super) fn pack_import_text(schema: &MetadataSchema) -> String {
    let mut names = vec!["Metadata"];
    for declared in &schema.keys {
        if let ScalarType::Enum(enum_type) = &declared.ty.scalar {
            names.push(&enum_type.type_name);
        }
    }
    format!(
        "#[allow(unused_imports)]\nuse super::{{{}}};\n",
        names.join(", ")
    )
}

/// The field's Rust type.
fn field_type(declared: &KeySchema, rt: &str) -> String {
    let scalar = match &declared.ty.scalar {
        ScalarType::String => "&'static str".to_owned(),
        ScalarType::Bool => "bool".to_owned(),
        ScalarType::Integer(int) => int.spelling().to_owned(),
        ScalarType::F64 => "f64".to_owned(),
        ScalarType::Semver => format!("{rt}::Version"),
        ScalarType::Enum(enum_type) => enum_type.type_name.clone(),
    };
    let ty = if declared.ty.list {
        format!("&'static [{scalar}]")
    } else {
        scalar
    };
    match declared.presence {
        Presence::Optional => format!("::core::option::Option<{ty}>"),
        _ => ty,
    }
}

/// A value of the key's type (list or scalar) as an expression.
fn typed_text(declared: &KeySchema, value: &MetaValue, rt: &str) -> String {
    match value {
        MetaValue::List(items) => slice_text(
            items
                .iter()
                .map(|item| scalar_text(&declared.ty.scalar, item, rt)),
        ),
        scalar => scalar_text(&declared.ty.scalar, scalar, rt),
    }
}

fn scalar_text(ty: &ScalarType, value: &MetaValue, rt: &str) -> String {
    match value {
        MetaValue::Str(s) => string_literal_text(s),
        MetaValue::Bool(b) => b.to_string(),
        MetaValue::Int(n) => n.to_string(),
        MetaValue::F64(bits) => {
            let f = f64::from_bits(*bits);
            if f.is_nan() {
                "f64::NAN".to_owned()
            } else if f.is_infinite() && f > 0.0 {
                "f64::INFINITY".to_owned()
            } else if f.is_infinite() {
                "f64::NEG_INFINITY".to_owned()
            } else {
                format!("{f}f64")
            }
        }
        MetaValue::Version(version) => format!(
            "{rt}::Version {{ major: {}, minor: {}, patch: {}, pre: {}, build: {} }}",
            version.major,
            version.minor,
            version.patch,
            string_literal_text(&version.pre),
            string_literal_text(&version.build)
        ),
        MetaValue::Enum(index) => match ty {
            ScalarType::Enum(enum_type) => {
                let variant = enum_type.variants.get(*index).map_or("", String::as_str);
                format!("{}::{variant}", enum_type.type_name)
            }
            _ => String::new(),
        },
        MetaValue::List(items) => slice_text(items.iter().map(|i| scalar_text(ty, i, rt))),
    }
}

/// A value of the field's type for an agent whose value is missing or invalid (reported as an
/// error, so the code is never run): keeps the generated code valid.
fn placeholder_text(declared: &KeySchema, rt: &str) -> String {
    if declared.ty.list {
        return "&[]".to_owned();
    }
    match &declared.ty.scalar {
        ScalarType::String => "\"\"".to_owned(),
        ScalarType::Bool => "false".to_owned(),
        ScalarType::Integer(_) => "0".to_owned(),
        ScalarType::F64 => "0f64".to_owned(),
        ScalarType::Semver => {
            format!("{rt}::Version {{ major: 0, minor: 0, patch: 0, pre: \"\", build: \"\" }}")
        }
        ScalarType::Enum(enum_type) => format!(
            "{}::{}",
            enum_type.type_name,
            enum_type.variants.first().map_or("", String::as_str)
        ),
    }
}

/// A default as agentgen.toml would write it, for the field's documentation.
fn default_shown(declared: &KeySchema, value: &MetaValue) -> String {
    match value {
        MetaValue::List(items) => {
            let items: Vec<String> = items.iter().map(|i| default_shown(declared, i)).collect();
            format!("[{}]", items.join(", "))
        }
        MetaValue::Str(s) => format!("{s:?}"),
        MetaValue::Bool(b) => b.to_string(),
        MetaValue::Int(n) => n.to_string(),
        MetaValue::F64(bits) => f64::from_bits(*bits).to_string(),
        MetaValue::Version(version) => format!("\"{version}\""),
        MetaValue::Enum(index) => match &declared.ty.scalar {
            ScalarType::Enum(enum_type) => {
                format!(
                    "{:?}",
                    enum_type.values.get(*index).map_or("", String::as_str)
                )
            }
            _ => String::new(),
        },
    }
}
