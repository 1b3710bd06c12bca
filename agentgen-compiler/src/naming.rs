//! Rust names for what users name — agents, packs, skills, metadata keys and their values — and
//! the hash that stands in for a name with nothing to spell an identifier with.
//!
//! One sanitizer serves them all: every character that is not an ASCII letter or digit separates
//! words, and `heck` joins the words in the case Rust wants (UpperCamelCase for enum variants and
//! types, SHOUTY_SNAKE_CASE for constants, snake_case for modules and fields). A name without any
//! ASCII letter or digit gets a stable FNV-1a hash instead; a leading digit gets a prefix; a
//! keyword gets a trailing `_`. The bottom of the pipeline: it imports nothing from the crate.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// FNV-1a (64-bit), the same function as `agentgen::__private::fnv1a` (a test keeps them equal): the hash
/// of hash-based identifiers and of the generated name tables.
pub const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

/// `name` with every character that is not an ASCII letter or digit replaced by a space: the
/// words an identifier is made of.
pub fn words(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// The 8 hex digits of `name`'s hash, for names without an ASCII letter or digit.
fn hash_hex(name: &str) -> String {
    format!("{:08x}", fnv1a(name.as_bytes()) as u32)
}

/// What a catalog item's identifiers are made for: agents and skills differ only in the prefix
/// of a name that starts with a digit and in what their constants include.
struct ItemNaming {
    /// The word of a hash-based name and the variant prefix before a digit (`Agent`, `Skill`).
    noun: &'static str,
    /// Whether the constant includes the pack or plugin (`MY_PLUGIN_CHECKLIST`) or only the
    /// name (agent constants live in their pack's module).
    qualified_constant: bool,
    /// Constants that must not be taken by an item (top-level items of the generated module).
    reserved_constants: &'static [&'static str],
}

fn item_identifiers(naming: &ItemNaming, qualifier: Option<&str>, name: &str) -> (String, String) {
    let mut base = words(name);
    if base.trim().is_empty() {
        base = format!("{} {}", naming.noun.to_lowercase(), hash_hex(name));
    }
    let full = match qualifier {
        Some(qualifier) => format!("{} {base}", words(qualifier)),
        None => base.clone(),
    };
    let mut variant = full.to_upper_camel_case();
    let mut constant = if naming.qualified_constant {
        &full
    } else {
        &base
    }
    .to_shouty_snake_case();
    if variant.starts_with(|c: char| c.is_ascii_digit()) {
        variant.insert_str(0, naming.noun);
    }
    if constant.starts_with(|c: char| c.is_ascii_digit()) {
        constant.insert_str(0, &format!("{}_", naming.noun.to_uppercase()));
    }
    if variant == "Self" {
        variant.push('_');
    }
    if naming.reserved_constants.contains(&constant.as_str()) {
        constant.push('_');
    }
    (variant, constant)
}

/// Rust identifiers of an agent: (enum variant, constant). The variant includes the pack
/// (`DddApiDesigner`), the constant does not (it lives in the pack's module); a leading digit
/// gets an `Agent`/`AGENT_` prefix; a name with no ASCII letter or digit a hash-based name.
pub fn agent_identifiers(pack: Option<&str>, name: &str) -> (String, String) {
    const AGENT: ItemNaming = ItemNaming {
        noun: "Agent",
        qualified_constant: false,
        reserved_constants: &["ALL", "NAME_TABLE"],
    };
    item_identifiers(&AGENT, pack, name)
}

/// Rust identifiers of a skill: (enum variant, constant), both including the plugin; a leading
/// digit gets a `Skill`/`SKILL_` prefix; a name with no ASCII letter or digit a hash-based name.
pub(crate) fn skill_identifiers(plugin: Option<&str>, name: &str) -> (String, String) {
    const SKILL: ItemNaming = ItemNaming {
        noun: "Skill",
        qualified_constant: true,
        reserved_constants: &[],
    };
    item_identifiers(&SKILL, plugin, name)
}

/// The module of a pack: snake_case, `pack_` before a digit or instead of no letters, keywords
/// suffixed with `_`.
pub fn pack_module(pack: &str) -> String {
    let mut module = words(pack).to_snake_case();
    if module.is_empty() {
        module = format!("pack_{}", hash_hex(pack));
    }
    if module.starts_with(|c: char| c.is_ascii_digit()) {
        module.insert_str(0, "pack_");
    }
    if syn::parse_str::<syn::Ident>(&module).is_err()
        || matches!(module.as_str(), "self" | "super" | "crate")
    {
        module.push('_');
    }
    module
}

/// The Rust field of a metadata key: snake_case; a leading digit gets a `key_` prefix, a keyword
/// a trailing `_`, a key without ASCII letters or digits a hash.
pub(crate) fn field_name(key: &str) -> String {
    let mut field = words(key).to_snake_case();
    if field.is_empty() {
        field = format!("key_{}", hash_hex(key));
    }
    if field.starts_with(|c: char| c.is_ascii_digit()) {
        field.insert_str(0, "key_");
    }
    if !is_field_name(&field) {
        field.push('_');
    }
    field
}

/// Whether `name` is a snake_case Rust identifier that is not a keyword.
pub(crate) fn is_field_name(name: &str) -> bool {
    syn::parse_str::<syn::Ident>(name).is_ok()
        && !matches!(name, "self" | "super" | "crate" | "Self" | "_")
        && name.to_snake_case() == name
}

/// The type of a metadata field's enum (`tier` → `Tier`, `type_` → `Type`).
pub(crate) fn type_name(field: &str) -> String {
    field.trim_end_matches('_').to_upper_camel_case()
}

/// The variant of an enum value: UpperCamelCase; the enum's name before a leading digit or, with
/// the hash, for a value without ASCII letters or digits.
pub(crate) fn variant_name(type_name: &str, value: &str) -> String {
    let mut variant = words(value).to_upper_camel_case();
    if variant.is_empty() {
        variant = format!("{type_name}{}", hash_hex(value));
    }
    if variant.starts_with(|c: char| c.is_ascii_digit()) {
        variant.insert_str(0, type_name);
    }
    if variant == "Self" {
        variant.push('_');
    }
    variant
}

/// A kebab-case spelling of `name` (for the `non-kebab-name` lint's suggestion).
pub(crate) fn kebab_suggestion(name: &str) -> String {
    let kebab = heck::ToKebabCase::to_kebab_case(words(name).as_str());
    if kebab.is_empty() {
        "my-agent".to_owned()
    } else {
        kebab
    }
}

/// Whether `name` is kebab-case: lowercase ASCII words of letters and digits joined by `-`.
pub(crate) fn is_kebab_case(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_identifiers_are_valid_rust() {
        assert_eq!(
            agent_identifiers(None, "code-reviewer"),
            ("CodeReviewer".into(), "CODE_REVIEWER".into())
        );
        assert_eq!(
            agent_identifiers(Some("ddd"), "api-designer").0,
            "DddApiDesigner"
        );
        assert_eq!(
            agent_identifiers(Some("ddd"), "api-designer").1,
            "API_DESIGNER"
        );
        assert_eq!(agent_identifiers(None, "3d-modeller").0, "Agent3dModeller");
        assert_eq!(
            agent_identifiers(None, "3d-modeller").1,
            "AGENT_3D_MODELLER"
        );
        assert_eq!(agent_identifiers(None, "self").0, "Self_");
        assert_eq!(agent_identifiers(None, "all").1, "ALL_");
        assert!(agent_identifiers(None, "后端").0.starts_with("Agent"));
        assert_eq!(pack_module("type"), "type_");
        assert_eq!(pack_module("my-pack"), "my_pack");
        assert_eq!(pack_module("9"), "pack_9");
    }

    #[test]
    fn skill_identifiers_are_valid_rust() {
        assert_eq!(
            skill_identifiers(None, "code-review"),
            ("CodeReview".into(), "CODE_REVIEW".into())
        );
        assert_eq!(
            skill_identifiers(Some("my-plugin"), "checklist").1,
            "MY_PLUGIN_CHECKLIST"
        );
        assert_eq!(skill_identifiers(None, "3d").0, "Skill3d");
        assert_eq!(skill_identifiers(None, "3d").1, "SKILL_3D");
        assert!(skill_identifiers(None, "日本").0.starts_with("Skill"));
    }

    #[test]
    fn metadata_names_are_rust_identifiers() {
        assert_eq!(field_name("expertise-level"), "expertise_level");
        assert_eq!(field_name("expertiseLevel"), "expertise_level");
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("2fa"), "key_2fa");
        assert!(field_name("カテゴリ").starts_with("key_"));
        assert_eq!(type_name("type_"), "Type");
        assert_eq!(variant_name("Tier", "core"), "Core");
        assert_eq!(variant_name("Tier", "self"), "Self_");
        assert_eq!(variant_name("Tier", "1"), "Tier1");
        assert!(variant_name("Tier", "バックエンド").starts_with("Tier"));
    }

    #[test]
    fn fnv1a_matches_the_reference_vector() {
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
