//! The typed custom frontmatter of one agent file as JSON, for `agentgen inspect`.

use serde_json::{Map, Value, json};

use crate::catalog::Catalog;
use crate::catalog::MetadataSlot;
use crate::config::metadata::{KeySchema, MetaValue, Presence, ScalarType};

/// `{"key": value, …}` for the file at `index` of the catalog: each declared key (agentgen.toml
/// `[metadata]`) with its typed value — the default or null when absent, null when invalid —
/// a semantic version or an enum value as its text. `Some(null)` for a file that is no agent;
/// `None` without a schema.
pub(crate) fn metadata_json(catalog: &Catalog, index: usize) -> Option<Value> {
    let schema = catalog.config.metadata.as_ref()?;
    let Some(Some(slots)) = catalog.metadata.get(index) else {
        return Some(Value::Null);
    };
    let mut object = Map::new();
    for (declared, slot) in schema.keys.iter().zip(slots) {
        let value = match (slot, &declared.presence) {
            (MetadataSlot::Given(value), _) | (MetadataSlot::Absent, Presence::Default(value)) => {
                value_json(declared, value)
            }
            _ => Value::Null,
        };
        object.insert(declared.key.clone(), value);
    }
    Some(Value::Object(object))
}

fn value_json(declared: &KeySchema, value: &MetaValue) -> Value {
    match value {
        MetaValue::Str(s) => json!(s),
        MetaValue::Bool(b) => json!(b),
        MetaValue::Int(n) => json!(n),
        MetaValue::F64(bits) => json!(f64::from_bits(*bits)),
        MetaValue::Version(version) => json!(version.to_string()),
        MetaValue::Enum(index) => match &declared.ty.scalar {
            ScalarType::Enum(enum_type) => json!(enum_type.values.get(*index)),
            _ => Value::Null,
        },
        MetaValue::List(items) => {
            Value::Array(items.iter().map(|i| value_json(declared, i)).collect())
        }
    }
}
