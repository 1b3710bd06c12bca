//! The generated name lookups: the static `NameTable`s (`agentgen::__private::NameTable`, an
//! open-addressing table of FNV-1a hashes, as its `find` probes it) and the lookup by short name of a
//! catalog of plugins.

use super::Emitter;
use super::literals::string_literal_text;
use crate::naming::fnv1a;

/// The names of the items of a lookup by short name.
pub(super) struct ShortNameItems {
    /// The static name table.
    table: &'static str,
    /// The free function.
    function: &'static str,
    /// The enum (and its `ALL`).
    kind: &'static str,
    /// The static of specs.
    all: &'static str,
    /// The spec type.
    spec: &'static str,
    /// What one is called in the docs, and an example of a qualified and a short name.
    noun: &'static str,
    example: (&'static str, &'static str),
}

impl ShortNameItems {
    pub(super) const AGENTS: ShortNameItems = ShortNameItems {
        table: "SHORT_NAME_TABLE",
        function: "by_short_name",
        kind: "Agent",
        all: "ALL",
        spec: "AgentSpec",
        noun: "agent",
        example: ("review-kit:security:auditor", "auditor"),
    };
    pub(super) const SKILLS: ShortNameItems = ShortNameItems {
        table: "SKILL_SHORT_NAME_TABLE",
        function: "skill_by_short_name",
        kind: "Skill",
        all: "ALL_SKILLS",
        spec: "SkillSpec",
        noun: "skill",
        example: ("lint-kit:lint-rules", "lint-rules"),
    };
}

impl Emitter<'_> {
    /// Appends `static <table>: rt::__private::NameTable = rt::__private::NameTable { names:
    /// <names>, slots: … };`
    /// over `slots` ([`name_table_slots`]).
    pub(super) fn name_table(&mut self, table: &str, names: &str, slots: &[u32]) {
        let slots: String = slots.iter().map(|slot| format!("{slot}u32, ")).collect();
        let rt = &self.rt;
        let text = format!(
            "#[allow(dead_code)]
static {table}: {rt}::__private::NameTable = {rt}::__private::NameTable {{
    names: {names},
    slots: &[{slots}],
}};
"
        );
        self.push(&text);
    }

    /// Lookup by short name (the name within its plugin), for catalogs of plugins: a name
    /// table over the short names that only one item has, a free function and an associated
    /// one. `short_names` are in the order of the items' `ALL`.
    pub(super) fn short_name_lookup(&mut self, short_names: &[&str], items: ShortNameItems) {
        let mut counts: std::collections::HashMap<&str, usize> = Default::default();
        for name in short_names {
            *counts.entry(name).or_default() += 1;
        }
        let names: String = short_names
            .iter()
            .map(|name| format!("{}, ", string_literal_text(name)))
            .collect();
        let slots = name_table_slots_of(short_names, |i| counts[short_names[i]] == 1);
        let ShortNameItems {
            table,
            function,
            kind,
            all,
            spec,
            noun,
            example: (qualified, short),
        } = items;
        self.name_table(table, &format!("&[{names}]"), &slots);
        write!(
            self,
            "/// The spec of the {noun} whose short name (its name within its plugin: `{short}` for
/// `{qualified}`) is `name`, when no other {noun} of the catalog has that short name, in O(1).
/// `None` when two share it (use the qualified name) or none has it.
#[allow(dead_code)]
pub fn {function}(name: &str) -> ::core::option::Option<&'static {spec}> {{
    {table}.find(name).map(|index| {all}[index])
}}
#[allow(dead_code)]
impl {kind} {{
    /// The {noun} whose short name is `name`, when it is the only one of that short name.
    pub fn by_short_name(name: &str) -> ::core::option::Option<{kind}> {{
        {table}.find(name).map(|index| {kind}::ALL[index])
    }}
}}
"
        );
    }
}

/// The slots of a `NameTable` over `names` (a power of two ≥ 2 × names), as the runtime's
/// `NameTable::find` probes them.
pub(super) fn name_table_slots(names: &[&str]) -> Vec<u32> {
    name_table_slots_of(names, |_| true)
}

/// The slots of a `NameTable` over `names`, holding only the indexes `included` accepts (the
/// others are never found).
fn name_table_slots_of(names: &[&str], included: impl Fn(usize) -> bool) -> Vec<u32> {
    let size = (names.len() * 2).next_power_of_two().max(1);
    let mut slots = vec![u32::MAX; size];
    for (index, name) in names.iter().enumerate().filter(|(i, _)| included(*i)) {
        let mut slot = (fnv1a(name.as_bytes()) as usize) & (size - 1);
        while slots[slot] != u32::MAX {
            slot = (slot + 1) & (size - 1);
        }
        slots[slot] = index as u32;
    }
    slots
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_table_probes_like_the_runtime() {
        let names = ["a", "b", "c", "pack:agent"];
        let slots = name_table_slots(&names);
        assert_eq!(slots.len(), 8);
        for (i, name) in names.iter().enumerate() {
            let mut slot = (fnv1a(name.as_bytes()) as usize) & 7;
            while slots[slot] as usize != i {
                assert_ne!(slots[slot], u32::MAX, "{name} not found");
                slot = (slot + 1) & 7;
            }
        }
    }
}
