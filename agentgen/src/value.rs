//! [`Value`]: a YAML value of the frontmatter as `const` data.

/// A YAML value kept from the frontmatter (extra keys, `hooks`, `mcpServers`), as `const` data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// `null`, `~` or an empty value.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string.
    Str(&'static str),
    /// A sequence.
    List(&'static [Value]),
    /// A mapping, keys as strings, in file order.
    Map(&'static [(&'static str, Value)]),
}

impl Value {
    /// The string, if this is a string.
    pub const fn as_str(&self) -> Option<&'static str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The items, if this is a sequence.
    pub const fn as_list(&self) -> Option<&'static [Value]> {
        match self {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    /// The value of `key`, if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&'static Value> {
        match self {
            Value::Map(entries) => entries.iter().find(|(k, _)| *k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}
