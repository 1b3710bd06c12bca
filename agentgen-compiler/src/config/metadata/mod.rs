//! Typed custom frontmatter: the `[metadata]` schema of `agentgen.toml` turns a catalog's own
//! frontmatter keys (`category`, `priority`, …, which Claude Code ignores) into a generated
//! `Metadata` struct, checked at build time.
//!
//! ```toml
//! [metadata]
//! category = "string"                                  # required: every agent has it
//! tags     = { type = "[string]", default = [] }       # absent → the default
//! version  = { type = "semver", required = false }     # absent → None
//! priority = { type = "u8", default = 5 }
//! enabled  = { type = "bool", default = true }
//! tier     = { enum = ["core", "experimental"] }       # a generated enum `Tier`
//! ```
//!
//! - **Types** (Rust type of the field): `string` (`&'static str`), `bool`, `u8` `u16` `u32`
//!   `u64` `i8` `i16` `i32` `i64`, `f64` (integers are accepted too), `semver`
//!   (`agentgen::Version`, SemVer 2.0.0 checked at build time), `enum` (`enum = ["a", "b"]`:
//!   a generated enum named after the field, `Tier::Core`), and lists of any of these, `[T]`
//!   (`&'static [T]`; `type = "[enum]"` with `enum = […]` for a list of enum values).
//! - **Presence**: a key is required unless the table says `required = false` (the field is an
//!   `Option`, `None` when absent) or gives a `default` (the field holds the default when
//!   absent). A YAML null (`key:` with no value, `~`) counts as absent.
//! - **Rust names**: the field is the key in snake_case (`expertise-level` →
//!   `expertise_level`; keywords get a trailing `_`); `field = "…"` chooses another (and so the
//!   enum's name, the field in UpperCamelCase).
//! - **Not declarable**: the keys Claude Code reads (`name`, `tools`, …), the keys its log
//!   corrects (`toolz`, `colour`), hook events, `cacheTtl`, and agentgen's own `dependencies`
//!   and `collaborators` (`invalid-config`).
//! - **One schema per catalog**, packs included: a key some packs lack is optional or has a
//!   default. (A per-pack schema would need one `Metadata` type per pack, and the catalog's
//!   `AgentSpec` one type for all; not now.)
//!
//! With a schema, each agent file Claude Code loads is checked: a required key that is missing
//! (`missing-metadata`), a value of the wrong type, out of the integer type's range, not a
//! semantic version or not one of the enum's values (`invalid-metadata`), at the value; a key
//! the schema does not declare is the lint `unknown-key` (a warning, with did-you-mean against
//! the schema's keys; keys already reported as `misspelled-key`, hook events and agentgen's own
//! keys are left to their own diagnostics). Declared keys leave `AgentSpec::extra`; the others
//! stay there. Without a `[metadata]` table nothing changes: the generated code is
//! byte-identical to a catalog compiled before this existed, and custom keys are `extra`
//! values. `agentgen schema DIR` infers a schema from a directory's files (`inspect::infer_schema`).
//!
//! Stages: the schema is configuration (here); the check of each agent's values is the catalog's
//! (`catalog::metadata`); the generated `Metadata` struct is the generator's (`generate::metadata`).

use crate::diagnostic::Span;

mod schema;
pub mod semver;

pub(crate) use schema::parse_schema;
#[cfg(feature = "json")]
pub(crate) use schema::reserved_key;

/// A catalog's `[metadata]` schema: its declared keys, in the order of `agentgen.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetadataSchema {
    /// The declared keys, in declaration order (the fields of the generated struct).
    pub keys: Vec<KeySchema>,
    /// Keys whose declaration is invalid (already reported as `invalid-config`): left out of
    /// the struct, and neither checked nor linted in agent files.
    pub rejected_keys: Vec<String>,
}

impl MetadataSchema {
    /// The declaration of `key`.
    pub fn key(&self, key: &str) -> Option<&KeySchema> {
        self.keys.iter().find(|k| k.key == key)
    }

    /// Whether agent files may carry `key` without the `unknown-key` lint: declared, or
    /// declared invalidly (reported in agentgen.toml instead).
    pub fn knows(&self, key: &str) -> bool {
        self.key(key).is_some() || self.rejected_keys.iter().any(|k| k == key)
    }
}

/// One declared key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySchema {
    /// The frontmatter key, as written in agent files.
    pub key: String,
    /// The field of the generated `Metadata` struct.
    pub field: String,
    /// Its type.
    pub ty: KeyType,
    /// Whether it must be given.
    pub presence: Presence,
    /// Where it is declared in agentgen.toml.
    pub span: Option<Span>,
}

/// The type of a declared key: a scalar type, or a list of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyType {
    /// The type of the value, or of each item of the list.
    pub scalar: ScalarType,
    /// A list (`[T]`): `&'static [T]`.
    pub list: bool,
}

impl KeyType {
    /// The type as written in agentgen.toml (`u8`, `[string]`, `enum`).
    pub fn spelling(&self) -> String {
        let scalar = self.scalar.spelling();
        if self.list {
            format!("[{scalar}]")
        } else {
            scalar.to_owned()
        }
    }
}

/// A scalar type of the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScalarType {
    /// `string`: a YAML string.
    String,
    /// `bool`: `true` or `false`.
    Bool,
    /// An integer type.
    Integer(IntegerType),
    /// `f64`: a number (an integer or a float).
    F64,
    /// `semver`: a string holding a SemVer 2.0.0 version.
    Semver,
    /// `enum`: one of the declared strings.
    Enum(EnumType),
}

impl ScalarType {
    /// The type as written in agentgen.toml.
    pub fn spelling(&self) -> &'static str {
        match self {
            ScalarType::String => "string",
            ScalarType::Bool => "bool",
            ScalarType::Integer(int) => int.spelling(),
            ScalarType::F64 => "f64",
            ScalarType::Semver => "semver",
            ScalarType::Enum(_) => "enum",
        }
    }

    /// What a value of this type is, for messages (`an integer from 0 to 255 (u8)`).
    pub fn expected(&self) -> String {
        match self {
            ScalarType::String => "a string".to_owned(),
            ScalarType::Bool => "`true` or `false`".to_owned(),
            ScalarType::Integer(int) => format!(
                "an integer from {} to {} ({})",
                int.min(),
                int.max(),
                int.spelling()
            ),
            ScalarType::F64 => "a number (f64)".to_owned(),
            ScalarType::Semver => "a semantic version such as \"1.0.0\"".to_owned(),
            ScalarType::Enum(values) => format!("one of {}", values.listed()),
        }
    }
}

/// The integer types of the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntegerType {
    /// `u8`
    U8,
    /// `u16`
    U16,
    /// `u32`
    U32,
    /// `u64`
    U64,
    /// `i8`
    I8,
    /// `i16`
    I16,
    /// `i32`
    I32,
    /// `i64`
    I64,
}

impl IntegerType {
    /// Every integer type, narrowest unsigned first.
    pub const ALL: [IntegerType; 8] = [
        IntegerType::U8,
        IntegerType::U16,
        IntegerType::U32,
        IntegerType::U64,
        IntegerType::I8,
        IntegerType::I16,
        IntegerType::I32,
        IntegerType::I64,
    ];

    /// The Rust type, as written in agentgen.toml.
    pub const fn spelling(self) -> &'static str {
        match self {
            IntegerType::U8 => "u8",
            IntegerType::U16 => "u16",
            IntegerType::U32 => "u32",
            IntegerType::U64 => "u64",
            IntegerType::I8 => "i8",
            IntegerType::I16 => "i16",
            IntegerType::I32 => "i32",
            IntegerType::I64 => "i64",
        }
    }

    /// The smallest value.
    pub const fn min(self) -> i128 {
        match self {
            IntegerType::U8 | IntegerType::U16 | IntegerType::U32 | IntegerType::U64 => 0,
            IntegerType::I8 => i8::MIN as i128,
            IntegerType::I16 => i16::MIN as i128,
            IntegerType::I32 => i32::MIN as i128,
            IntegerType::I64 => i64::MIN as i128,
        }
    }

    /// The largest value.
    pub const fn max(self) -> i128 {
        match self {
            IntegerType::U8 => u8::MAX as i128,
            IntegerType::U16 => u16::MAX as i128,
            IntegerType::U32 => u32::MAX as i128,
            IntegerType::U64 => u64::MAX as i128,
            IntegerType::I8 => i8::MAX as i128,
            IntegerType::I16 => i16::MAX as i128,
            IntegerType::I32 => i32::MAX as i128,
            IntegerType::I64 => i64::MAX as i128,
        }
    }

    /// Whether `value` is in range.
    pub const fn holds(self, value: i128) -> bool {
        self.min() <= value && value <= self.max()
    }
}

/// The values of an `enum` key and the generated Rust names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumType {
    /// The generated enum's name (the field in UpperCamelCase).
    pub type_name: String,
    /// The values, as written in agent files, in declaration order.
    pub values: Vec<String>,
    /// The variant of each value.
    pub variants: Vec<String>,
}

impl EnumType {
    /// The values for messages: `` `core`, `experimental` ``.
    pub fn listed(&self) -> String {
        let quoted: Vec<String> = self.values.iter().map(|v| format!("`{v}`")).collect();
        quoted.join(", ")
    }
}

/// Whether a key must be given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presence {
    /// Every agent file gives it.
    Required,
    /// `required = false`: an `Option`, `None` when absent.
    Optional,
    /// `default = …`: the default when absent.
    Default(MetaValue),
}

/// A typed value: from an agent file, or a default from agentgen.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MetaValue {
    /// A string.
    Str(String),
    /// A boolean.
    Bool(bool),
    /// An integer, in range of its type.
    Int(i64),
    /// A float, as its bits (so that the schema is `Eq`).
    F64(u64),
    /// A semantic version.
    Version(semver::SemVer),
    /// The index of an enum value.
    Enum(usize),
    /// A list.
    List(Vec<MetaValue>),
}

impl MetaValue {
    /// The value of an `f64`.
    pub fn f64(value: f64) -> MetaValue {
        MetaValue::F64(value.to_bits())
    }
}

/// The Rust names the generated module already uses, which an enum may not take.
pub(crate) const RESERVED_TYPE_NAMES: &[&str] = &["Agent", "AgentSpec", "Metadata", "Skill"];
