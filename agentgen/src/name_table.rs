//! The generated catalogs' name lookup: [`NameTable`] and its hash, [`fnv1a`].

/// An O(1) name → index table built at compile time by agentgen (open addressing, FNV-1a).
///
/// `slots` has a power-of-two length; each slot is `u32::MAX` (empty) or an index into `names`.
#[derive(Debug, Clone, Copy)]
pub struct NameTable {
    /// The names, indexed like the catalog's agents.
    pub names: &'static [&'static str],
    /// The hash slots.
    pub slots: &'static [u32],
}

impl NameTable {
    /// The index of `name`, probing linearly from its hash.
    pub fn find(&self, name: &str) -> Option<usize> {
        let len = self.slots.len();
        if len == 0 {
            return None;
        }
        let mask = len - 1;
        let mut slot = (fnv1a(name.as_bytes()) as usize) & mask;
        for _ in 0..len {
            let index = self.slots[slot];
            if index == u32::MAX {
                return None;
            }
            let index = index as usize;
            if self.names.get(index) == Some(&name) {
                return Some(index);
            }
            slot = (slot + 1) & mask;
        }
        None
    }
}

/// The 64-bit FNV-1a hash agentgen's [`NameTable`] uses (the generator computes the same).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_table_finds_every_name_and_rejects_others() {
        static NAMES: [&str; 3] = ["a", "b", "code-reviewer"];
        let mut slots = [u32::MAX; 8];
        for (i, name) in NAMES.iter().enumerate() {
            let mut slot = (fnv1a(name.as_bytes()) as usize) & 7;
            while slots[slot] != u32::MAX {
                slot = (slot + 1) & 7;
            }
            slots[slot] = i as u32;
        }
        let slots: &'static [u32] = Box::leak(Box::new(slots));
        let table = NameTable {
            names: &NAMES,
            slots,
        };
        for (i, name) in NAMES.iter().enumerate() {
            assert_eq!(table.find(name), Some(i));
        }
        assert_eq!(table.find("c"), None);
        assert_eq!(table.find(""), None);
    }
}
