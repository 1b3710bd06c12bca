//! Checking a repair: the rewritten file must read back, strictly, to the values meant.

use super::Plan;
use crate::frontmatter;
use crate::yaml::{self, Node, Value};

/// Values equal as YAML data (spans and styles ignored; NaN equals NaN).
pub(super) fn same_value(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Float(x), Value::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_value(a, b))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, va), (kb, vb))| same_value(ka, kb) && same_value(va, vb))
        }
        (x, y) => x == y,
    }
}

/// Checks the rewritten file: same frontmatter place, same body, strict YAML, meant values.
pub(super) fn verify(
    new_text: &str,
    new_yaml: &str,
    tail: &str,
    plan: &Plan,
) -> Result<(), String> {
    let blocks = frontmatter::split(new_text)
        .map_err(|m| format!("the rewritten file has no frontmatter ({})", m.explain()))?;
    if blocks.yaml != new_yaml || &new_text[blocks.closing_offset..] != tail {
        return Err("the rewritten frontmatter would end at another place".to_owned());
    }
    let root = yaml::parse(new_yaml)
        .map_err(|e| format!("the rewrite is still not strict YAML ({})", e.message))?;
    let Some(Node {
        value: Value::Map(entries),
        ..
    }) = root
    else {
        return Err("the rewrite is not a mapping".to_owned());
    };
    if entries.len() != plan.entries.len() {
        return Err(format!(
            "the rewrite has {} keys instead of {}",
            entries.len(),
            plan.entries.len()
        ));
    }
    for ((key, value), planned) in entries.iter().zip(&plan.entries) {
        if key.key_text() != planned.key {
            return Err(format!(
                "the rewrite has the key `{}` where `{}` was",
                key.key_text(),
                planned.key
            ));
        }
        if !same_value(value, &planned.meant) {
            return Err(format!(
                "the rewrite changes the value of `{}`",
                planned.key
            ));
        }
    }
    Ok(())
}
